// Fault targets from a job graph, and resolving target texts against them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JobGraph } from '../../../runtime/engine/jobGraph.js';
import { faultTargetsOf, formatFaultTarget, resolveFaultTarget } from '../../../runtime/faults/faultTargets.js';
import { TARGETS } from './helpers.js';

test('faultTargetsOf takes names, operators, parallelism, keyedness and sinks from the job graph', () => {
  const graph: JobGraph = {
    name: 'counts',
    vertices: [
      { id: 0, name: 'Source: clicks -> Calc', parallelism: 1, maxParallelism: 128, maxParallelismConfigured: false, operators: [] },
      {
        id: 1,
        name: 'GroupAggregate -> Sink: counts',
        parallelism: 3,
        maxParallelism: 128,
        maxParallelismConfigured: false,
        operators: [],
        key: { fields: [0], types: ['VARCHAR'], names: ['user_id'] },
      },
    ],
    edges: [{ source: 0, target: 1, partitioner: 'HASH' }],
  };
  assert.deepEqual(faultTargetsOf(graph, ['tm-0', 'tm-1']), {
    vertices: [
      { id: 0, name: 'Source: clicks -> Calc', operatorNames: ['Source: clicks', 'Calc'], parallelism: 1, keyed: false, hasSink: false },
      { id: 1, name: 'GroupAggregate -> Sink: counts', operatorNames: ['GroupAggregate', 'Sink: counts'], parallelism: 3, keyed: true, hasSink: true },
    ],
    taskManagers: ['tm-0', 'tm-1'],
  });
});

test('resolves whole names, operator names and [subtask] suffixes; formats back to the whole name', () => {
  for (const [text, expected] of [
    ['GroupAggregate -> Sink: counts', 'GroupAggregate -> Sink: counts'],
    ['GroupAggregate', 'GroupAggregate -> Sink: counts'],
    ['Sink: counts[1]', 'GroupAggregate -> Sink: counts[1]'],
    ['GroupAggregate -> Sink: counts [0]', 'GroupAggregate -> Sink: counts[0]'],
    ['  Source: clicks[1] ', 'Source: clicks[1]'],
  ] as const) {
    const r = resolveFaultTarget(text, 'vertex', 'fail-task', TARGETS);
    assert.ok(r.ok, text);
    assert.equal(formatFaultTarget(r.target), expected);
  }
  const tm = resolveFaultTarget('tm-0', 'taskmanager', 'kill-taskmanager', TARGETS);
  assert.deepEqual(tm, { ok: true, target: { kind: 'taskmanager', taskManagerId: 'tm-0' } });
  const typo = resolveFaultTarget('tm0', 'taskmanager', 'kill-taskmanager', TARGETS);
  assert.ok(!typo.ok && /Did you mean 'tm-0'\?/.test(typo.message));
});

test('an operator name that itself ends in [n] is matched whole before the subtask suffix is tried', () => {
  const targets = {
    vertices: [{ id: 0, name: 'GroupAggregate[3]', operatorNames: ['GroupAggregate[3]'], parallelism: 2 }],
    taskManagers: ['tm-0'],
  };
  const whole = resolveFaultTarget('GroupAggregate[3]', 'vertex', 'fail-task', targets);
  assert.ok(whole.ok && whole.target.kind === 'vertex' && whole.target.subtask === undefined);
  const sub = resolveFaultTarget('GroupAggregate[3][1]', 'vertex', 'fail-task', targets);
  assert.ok(sub.ok && sub.target.kind === 'vertex' && sub.target.subtask === 1);
});
