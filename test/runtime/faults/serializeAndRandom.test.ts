// Writing scenarios back to YAML, and random schedules: valid, round-tripping and deterministic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_ACTIONS, FAULT_ACTION_RULES, type FaultScenario } from '../../../runtime/faults/faultModel.js';
import { parseFaultScenario } from '../../../runtime/faults/parseFaultScenario.js';
import { randomFaultSchedule, type RandomFaultScheduleOptions } from '../../../runtime/faults/randomFaultSchedule.js';
import { serializeFaultScenario } from '../../../runtime/faults/serializeFaultScenario.js';
import { SeededRandom } from '../../../runtime/util/random.js';
import { TARGETS, withoutRanges } from './helpers.js';

const OPTIONS: RandomFaultScheduleOptions = {
  faults: { min: 1, max: 4 },
  records: { min: 1, max: 10_000 },
  checkpoints: { min: 1, max: 8 },
  timeMs: { min: 0, max: 30_000 },
  maxRestart: 3,
  keys: ['alice', 42, true, '123', 'it\'s: "odd" # key', ['bob', 7]],
};

function schedule(seed: number, options: RandomFaultScheduleOptions = OPTIONS): FaultScenario {
  const rng = new SeededRandom(seed);
  return randomFaultSchedule(() => rng.nextFloat(), TARGETS, { ...options, seed });
}

test('serializes in the documented style and parses back to the same scenario', () => {
  const scenario: FaultScenario = {
    seed: 7,
    faults: [
      {
        name: 'kill one aggregate',
        action: 'fail-task',
        target: { kind: 'vertex', vertexId: 1, vertexName: 'GroupAggregate -> Sink: counts', subtask: 1 },
        trigger: { kind: 'afterRecords', records: 5000 },
      },
      { action: 'kill-taskmanager', target: { kind: 'taskmanager', taskManagerId: 'tm-1' }, trigger: { kind: 'checkpoint', checkpointId: 3, phase: 'acknowledged' } },
      { action: 'slow-task', target: { kind: 'vertex', vertexId: 0, vertexName: 'Source: clicks' }, trigger: { kind: 'atTime', atMs: 2500 }, factor: 2.5 },
      { action: 'fail-during-recovery', trigger: { kind: 'restart', restart: 1 }, recoveryPhase: 'sources-rewound' },
    ],
  };
  const yaml = serializeFaultScenario(scenario, 'reproduces schedule 3');
  assert.equal(
    yaml,
    `# reproduces schedule 3

seed: 7
faults:
  - name: kill one aggregate
    action: fail-task
    target: "GroupAggregate -> Sink: counts[1]"
    when: { afterRecords: 5000 }
  - action: kill-taskmanager
    target: tm-1
    when: { checkpoint: 3, phase: acknowledged }
  - action: slow-task
    target: "Source: clicks"
    when: { atTime: 2.5s }
    factor: 2.5
  - action: fail-during-recovery
    when: { restart: 1 }
    recoveryPhase: sources-rewound
`,
  );
  const back = parseFaultScenario(yaml, 'r.yaml', TARGETS);
  assert.deepEqual(back.diagnostics, []);
  assert.deepEqual(withoutRanges(back.scenario!), scenario);
});

test('200 random schedules are valid and round-trip through serialize -> parse', () => {
  const actionsSeen = new Set<string>();
  const triggersSeen = new Set<string>();
  for (let seed = 0; seed < 200; seed++) {
    const s = schedule(seed);
    assert.ok(s.faults.length >= 1 && s.faults.length <= 4);
    for (const f of s.faults) {
      actionsSeen.add(f.action);
      triggersSeen.add(f.trigger.kind);
      const rule = FAULT_ACTION_RULES[f.action];
      assert.ok(rule.triggers.includes(f.trigger.kind), `${f.action} with ${f.trigger.kind}`);
      if (f.trigger.kind === 'afterRecords') assert.ok(f.trigger.records >= 1 && f.trigger.records <= 10_000);
      if (f.trigger.kind === 'checkpoint') assert.ok(f.trigger.checkpointId >= 1 && f.trigger.checkpointId <= 8);
      if (f.trigger.kind === 'atTime') assert.ok(f.trigger.atMs >= 0 && f.trigger.atMs <= 30_000);
      if (f.trigger.kind === 'restart') assert.ok(f.trigger.restart >= 1 && f.trigger.restart <= 3);
    }
    const yaml = serializeFaultScenario(s);
    const back = parseFaultScenario(yaml, `schedule-${seed}.yaml`, TARGETS);
    assert.deepEqual(back.diagnostics, [], yaml);
    assert.deepEqual(withoutRanges(back.scenario!), s, yaml);
  }
  assert.deepEqual([...actionsSeen].sort(), [...FAULT_ACTIONS].sort(), 'every action is drawn');
  assert.deepEqual([...triggersSeen].sort(), ['afterRecords', 'atTime', 'checkpoint', 'onKey', 'restart']);
});

test('random schedules are deterministic per seed', () => {
  assert.deepEqual(schedule(11), schedule(11));
  assert.equal(serializeFaultScenario(schedule(11)), serializeFaultScenario(schedule(11)));
  const distinct = new Set(Array.from({ length: 20 }, (_, i) => serializeFaultScenario(schedule(i))));
  assert.ok(distinct.size >= 19, `only ${distinct.size} distinct schedules out of 20`);
});

test('options restrict what is drawn: no checkpoints means no checkpoint triggers or checkpoint-only actions', () => {
  const opts: RandomFaultScheduleOptions = { records: { min: 100, max: 200 }, checkpoints: { min: 1, max: 0 }, maxRestart: 0 };
  for (let seed = 0; seed < 100; seed++) {
    for (const f of schedule(seed, opts).faults) {
      assert.ok(f.action === 'fail-task' || f.action === 'slow-task', f.action);
      assert.equal(f.trigger.kind, 'afterRecords');
    }
  }
  const onlyTm = { ...OPTIONS, actions: ['kill-taskmanager'] as const };
  for (let seed = 0; seed < 20; seed++) {
    for (const f of schedule(seed, onlyTm).faults) assert.equal(f.target?.kind, 'taskmanager');
  }
  // Without vertices, only the job-wide actions remain.
  const jobWide = randomFaultSchedule(() => 0.3, { vertices: [], taskManagers: [] }, { records: { min: 1, max: 1 }, checkpoints: { min: 1, max: 3 }, maxRestart: 0 });
  for (const f of jobWide.faults) {
    assert.equal(f.target, undefined);
    assert.ok(['expire-checkpoint', 'corrupt-checkpoint', 'fail-checkpoint-storage'].includes(f.action), f.action);
  }
  assert.throws(
    () => randomFaultSchedule(() => 0.5, { vertices: [], taskManagers: [] }, { records: { min: 1, max: 1 }, checkpoints: { min: 1, max: 0 }, maxRestart: 0 }),
    RangeError,
  );
});
