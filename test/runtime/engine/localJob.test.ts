import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Row } from '../../../runtime/connectors/api.js';
import { LocalJob } from '../../../runtime/engine/localJob.js';
import { SinkResultCollector } from '../../../runtime/engine/sinkResults.js';
import { KeyRowHasher } from '../../../runtime/keys/binaryRow.js';
import { computeKeyGroupForKeyHash, computeOperatorIndexForKeyGroup } from '../../../runtime/keys/keyGroupAssignment.js';
import { RowKind } from '../../../runtime/types/rowKind.js';
import { keyedCountGraph, windowCountGraph } from './fixtures.js';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];

function clicks(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => [USERS[(i * 7) % USERS.length]!]);
}

test('a keyed count is correct and each key is counted on the subtask Flink would choose', () => {
  const rows = clicks(10_000);
  const changes: { subtask: number; kind: RowKind; row: Row }[] = [];
  const collector = new SinkResultCollector([{ name: 'counts', columns: ['user_id', 'cnt'], uniqueKey: [0] }]);
  const job = new LocalJob(keyedCountGraph(rows, 4), {
    seed: 1,
    bufferSize: 64,
    sinkObserver: {
      onRow(sink, subtask, kind, row) {
        changes.push({ subtask, kind, row });
        collector.onRow(sink, subtask, kind, row);
      },
    },
  });
  const end = job.runToEnd();
  assert.deepEqual(end, { kind: 'done', state: 'FINISHED' });
  const expected = new Map<string, number>();
  for (const [u] of rows) expected.set(u as string, (expected.get(u as string) ?? 0) + 1);
  const [result] = collector.results();
  assert.deepEqual(new Map(result!.rows.map((r) => [r[0] as string, r[1] as number])), expected);
  // 10 users: 10 +I, and every later row of a user is a -U/+U pair.
  assert.equal(result!.changelog['+I'], 10);
  assert.equal(result!.changelog['-U'], 10_000 - 10);
  assert.equal(result!.changelog['+U'], 10_000 - 10);
  const hasher = new KeyRowHasher(['VARCHAR']);
  for (const c of changes) {
    const kg = computeKeyGroupForKeyHash(hasher.hash1(c.row[0]), 128);
    assert.equal(c.subtask, computeOperatorIndexForKeyGroup(128, 4, kg), `key ${String(c.row[0])}`);
  }
});

test('the same seed gives the same interleaving; another seed the same final table', () => {
  const trace = (seed: number) => {
    const log: string[] = [];
    const job = new LocalJob(keyedCountGraph(clicks(3000), 3, 128, 2), {
      seed,
      bufferSize: 16,
      sinkObserver: { onRow: (_s, subtask, kind, row) => log.push(`${subtask}:${kind}:${row.join(',')}`) },
    });
    job.runToEnd();
    return log;
  };
  const a = trace(42);
  assert.deepEqual(trace(42), a);
  const b = trace(7);
  assert.notDeepEqual(b, a, 'a different seed should interleave the two source subtasks differently');
  const last = (log: string[]) => {
    const m = new Map<string, string>();
    for (const l of log) {
      const [, , row] = l.split(':');
      m.set(row!.split(',')[0]!, row!);
    }
    return m;
  };
  assert.deepEqual(last(b), last(a));
});

test('record-by-record stepping produces exactly the batch-mode changelog, in order', () => {
  const run = (records: boolean) => {
    const log: string[] = [];
    const job = new LocalJob(keyedCountGraph(clicks(500), 2), {
      seed: 3,
      bufferSize: 32,
      sinkObserver: { onRow: (_s, subtask, kind, row) => log.push(`${subtask}:${kind}:${row.join(',')}`) },
    });
    job.setRecordGranularity(records);
    const steps = job.runToEnd();
    assert.equal(steps.kind, 'done');
    return log;
  };
  assert.deepEqual(run(true), run(false));
});

test('a stop condition pauses before a subtask processes a given key, and the run resumes from there', () => {
  const seen: string[] = [];
  const job = new LocalJob(keyedCountGraph(clicks(200), 2), {
    seed: 5,
    sinkObserver: { onRow: (_s, _t, kind, row) => seen.push(`${kind}:${row.join(',')}`) },
  });
  job.setRecordGranularity(true);
  job.setStopCondition((p) => p.vertexId === 1 && p.next === 'record' && p.row?.[0] === 'carol');
  const first = job.runToEnd();
  assert.equal(first.kind, 'paused');
  assert.ok(!seen.some((s) => s.includes('carol')), 'carol was not processed before the pause');
  const again = job.step();
  assert.equal(again.kind, 'task', 'the step after a pause processes the record it paused before');
  assert.ok(seen.some((s) => s.includes('carol')));
  job.setStopCondition(undefined);
  assert.deepEqual(job.runToEnd(), { kind: 'done', state: 'FINISHED' });
});

test('every subtask goes through Flink deployment states and finishes', () => {
  const job = new LocalJob(keyedCountGraph(clicks(100), 2), { seed: 1 });
  const states = new Map<string, string[]>();
  job.events.on('taskState', (e) => {
    const k = `${e.vertexId}/${e.subtask}`;
    states.set(k, [...(states.get(k) ?? []), e.state]);
  });
  const jobStates: string[] = [];
  job.events.on('jobState', (e) => jobStates.push(e.state));
  job.runToEnd();
  assert.equal(states.size, 4);
  for (const s of states.values()) assert.deepEqual(s, ['SCHEDULED', 'DEPLOYING', 'INITIALIZING', 'RUNNING', 'FINISHED']);
  assert.deepEqual(jobStates, ['RUNNING', 'FINISHED']);
  assert.deepEqual(job.placement.taskManagers.map((t) => t.id), ['tm-0', 'tm-1']);
});

test('an exception in an operator fails the task and cancels the others', () => {
  const graph = keyedCountGraph(clicks(100), 2);
  const broken = {
    ...graph,
    vertices: [
      graph.vertices[0]!,
      {
        ...graph.vertices[1]!,
        operators: [
          {
            name: 'Boom',
            description: 'fails on bob',
            factory: () => ({
              open() {},
              processBatch(b: { rows: Row[] }) {
                if (b.rows.some((r) => r[0] === 'bob')) throw new Error('/ by zero');
              },
              processWatermark() {},
              endInput() {},
            }),
          },
        ],
      },
    ],
  };
  const job = new LocalJob(broken, { seed: 1 });
  const end = job.runToEnd();
  assert.deepEqual(end, { kind: 'done', state: 'FAILED' });
  assert.equal(job.failureInfo?.message, '/ by zero');
  assert.match(job.failureInfo!.task, /^GroupAggregate -> Sink: counts \([12]\/2\)$/);
  assert.ok(job.tasks.every((t) => t.state === 'FAILED' || t.state === 'CANCELED' || t.state === 'FINISHED'));
});

test('event-time tumbling windows fire on the watermark and drop late rows', () => {
  // [user, ts ms], two rows per second of job time; watermark = max ts - 500 ms.
  const rows: Row[] = [
    ['alice', 100],
    ['bob', 200],
    ['alice', 900],
    ['alice', 1500],
    ['bob', 2100],
    ['alice', 5000],
    ['alice', 300], // late: the watermark is already past 999 when it arrives
  ];
  const out: Row[] = [];
  const job = new LocalJob(windowCountGraph(rows, 1, { kind: 'TUMBLE', size: 1000, offset: 0 }, 500), {
    seed: 1,
    bufferSize: 1,
    sinkObserver: { onRow: (_s, _t, kind, row) => (assert.equal(kind, RowKind.INSERT), out.push(row)) },
  });
  const marks: number[] = [];
  job.events.on('watermark', (e) => marks.push(e.watermark));
  job.runToEnd();
  assert.deepEqual(
    out.map((r) => r.join(',')),
    ['alice,2,0,1000,999', 'bob,1,0,1000,999', 'alice,1,1000,2000,1999', 'bob,1,2000,3000,2999', 'alice,1,5000,6000,5999'],
  );
  assert.ok(marks.length >= 3 && marks.at(-1) === Number.POSITIVE_INFINITY);
  // rows-per-second pacing (2 per second) ran the job clock to about 3 s of job time.
  assert.ok(job.time >= 3000, `job clock ${job.time}`);
});
