// Pipelined regions of the execution graph and the restart sets of the full and region failover
// strategies; losing a TaskManager.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeSubtasks } from '../../../runtime/engine/cluster.js';
import type { JobEdge, JobGraph, JobVertex, PartitionerKind } from '../../../runtime/engine/jobGraph.js';
import {
  computePipelinedRegions,
  connectedSubtasks,
  tasksOnTaskManager,
  tasksToRestart,
  type ExecutionVertexId,
} from '../../../runtime/recovery/failover.js';

function vertex(id: number, name: string, parallelism: number): JobVertex {
  return { id, name, parallelism, maxParallelism: 128, maxParallelismConfigured: false, operators: [] };
}

/** A graph from [name, parallelism] vertices and [source, target, partitioner] edges. */
function graph(vertices: [string, number][], edges: [number, number, PartitionerKind][]): JobGraph {
  return {
    name: 'test',
    vertices: vertices.map(([n, p], i) => vertex(i, n, p)),
    edges: edges.map(([source, target, partitioner]): JobEdge => ({ source, target, partitioner })),
  };
}

const t = (vertexId: number, subtask: number): ExecutionVertexId => ({ vertexId, subtask });

test('a forward-only pipeline with parallelism 3 has one region per subtask', () => {
  const g = graph(
    [
      ['Source: clicks', 3],
      ['Calc', 3],
      ['Sink: out', 3],
    ],
    [
      [0, 1, 'FORWARD'],
      [1, 2, 'FORWARD'],
    ],
  );
  const regions = computePipelinedRegions(g);
  assert.equal(regions.length, 3);
  assert.deepEqual(regions[1], { id: 1, tasks: [t(0, 1), t(1, 1), t(2, 1)] });
  // A failure restarts only its own region.
  assert.deepEqual(tasksToRestart('region', g, [t(1, 2)]), [t(0, 2), t(1, 2), t(2, 2)]);
  assert.equal(tasksToRestart('full', g, [t(1, 2)]).length, 9);
  // Two failures in different regions restart both, each once.
  assert.deepEqual(tasksToRestart('region', g, [t(2, 0), t(0, 0), t(1, 1)]), [t(0, 0), t(0, 1), t(1, 0), t(1, 1), t(2, 0), t(2, 1)]);
});

for (const kind of ['HASH', 'REBALANCE', 'GLOBAL'] as const) {
  test(`any ${kind} edge joins everything into one region`, () => {
    const g = graph(
      [
        ['Source: clicks', 2],
        ['GroupAggregate -> Sink: counts', kind === 'GLOBAL' ? 1 : 4],
      ],
      [[0, 1, kind]],
    );
    const regions = computePipelinedRegions(g);
    assert.equal(regions.length, 1);
    assert.equal(regions[0]!.tasks.length, kind === 'GLOBAL' ? 3 : 6);
    assert.deepEqual(tasksToRestart('region', g, [t(0, 1)]), tasksToRestart('full', g, [t(0, 1)]));
  });
}

test('mixed graph: independent forward pipelines stay separate, shuffled ones merge', () => {
  // Two pipelines: A (p=2) forward to B (p=2); C (p=2) hashed to D (p=3).
  const g = graph(
    [
      ['Source: a', 2],
      ['Sink: a', 2],
      ['Source: c', 2],
      ['GroupAggregate -> Sink: d', 3],
    ],
    [
      [0, 1, 'FORWARD'],
      [2, 3, 'HASH'],
    ],
  );
  const regions = computePipelinedRegions(g);
  assert.deepEqual(
    regions.map((r) => r.tasks.length),
    [2, 2, 5],
  );
  assert.deepEqual(tasksToRestart('region', g, [t(1, 0)]), [t(0, 0), t(1, 0)]);
  assert.deepEqual(tasksToRestart('region', g, [t(3, 2)]), [t(2, 0), t(2, 1), t(3, 0), t(3, 1), t(3, 2)]);
});

test('a forward chain followed by a hash edge is one region (the hash side pulls in every subtask)', () => {
  const g = graph(
    [
      ['Source: clicks', 2],
      ['Calc', 2],
      ['GroupAggregate', 2],
    ],
    [
      [0, 1, 'FORWARD'],
      [1, 2, 'HASH'],
    ],
  );
  assert.equal(computePipelinedRegions(g).length, 1);
});

test('forward edges between different parallelisms connect contiguous ranges (POINTWISE)', () => {
  const fwd: JobEdge = { source: 0, target: 1, partitioner: 'FORWARD' };
  assert.deepEqual(connectedSubtasks(fwd, 4, 2), [
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
  ]);
  assert.deepEqual(connectedSubtasks(fwd, 2, 4), [
    [0, 0],
    [0, 1],
    [1, 2],
    [1, 3],
  ]);
  assert.deepEqual(connectedSubtasks(fwd, 3, 2), [
    [0, 0],
    [1, 1],
    [2, 1],
  ]);
  const g = graph(
    [
      ['Source: s', 4],
      ['Sink: t', 2],
    ],
    [[0, 1, 'FORWARD']],
  );
  assert.deepEqual(
    computePipelinedRegions(g).map((r) => r.tasks),
    [
      [t(0, 0), t(0, 1), t(1, 0)],
      [t(0, 2), t(0, 3), t(1, 1)],
    ],
  );
});

test('losing a TaskManager fails every subtask in its slots; region failover restarts their regions', () => {
  const g = graph(
    [
      ['Source: clicks', 4],
      ['Calc -> Sink: out', 4],
    ],
    [[0, 1, 'FORWARD']],
  );
  const placement = placeSubtasks(g, 2); // slot i holds subtask i of every vertex; tm-0 = slots 0,1
  assert.deepEqual(
    placement.taskManagers.map((tm) => tm.id),
    ['tm-0', 'tm-1'],
  );
  const lost = tasksOnTaskManager(placement, 'tm-1');
  assert.deepEqual(lost, [t(0, 2), t(0, 3), t(1, 2), t(1, 3)]);
  assert.deepEqual(tasksToRestart('region', g, lost), lost, 'forward regions: only the lost slots restart');
  assert.deepEqual(tasksOnTaskManager(placement, 'tm-9'), []);

  const shuffled = graph(
    [
      ['Source: clicks', 4],
      ['GroupAggregate', 4],
    ],
    [[0, 1, 'HASH']],
  );
  const lost2 = tasksOnTaskManager(placeSubtasks(shuffled, 2), 'tm-0');
  assert.equal(tasksToRestart('region', shuffled, lost2).length, 8, 'a keyed shuffle makes it a full restart');
});

test('a failed subtask outside the graph is a broken invariant', () => {
  const g = graph([['Source: s', 2]], []);
  assert.throws(() => tasksToRestart('region', g, [t(0, 2)]), /not in job graph/);
  assert.throws(() => tasksToRestart('full', g, [t(3, 0)]), /not in job graph/);
});
