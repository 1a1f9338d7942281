// Deploys a job graph: creates the channels of every edge, and for every subtask its input gate,
// record writers, keyed state backend, timers, operator chain and source reader, placed in a slot.
// Called at start and again for every restart (a restart deploys fresh subtasks).
import { computeKeyGroupRangeForOperatorIndex } from '../keys/keyGroupAssignment.js';
import { KeyedStateBackend } from '../state/keyedStateBackend.js';
import { TimerService } from '../state/timerService.js';
import { SeededRandom } from '../util/random.js';
import { Channel } from './channel.js';
import type { Placement } from './cluster.js';
import { inputsOf, outputsOf, type JobGraph } from './jobGraph.js';
import { createKeySelector } from './keySelector.js';
import type { OperatorContext, SinkFileAccess, SinkObserver } from './operator.js';
import { NetworkOutput, OperatorChain } from './operatorChain.js';
import { RecordWriter } from './recordWriter.js';
import { StreamTask } from './streamTask.js';

/** What deployment needs from the running job. */
export interface DeploymentContext {
  readonly graph: JobGraph;
  readonly placement: Placement;
  readonly seed: number;
  /** 0 for the first deployment, then the restart count: random streams differ per attempt. */
  readonly attempt: number;
  readonly bufferSize: number;
  readonly channelCapacity: number;
  readonly localTimeZone: string;
  now(): number;
  printLine(vertexId: number, subtask: number, line: string, stderr: boolean): void;
  readonly sinkObserver?: SinkObserver;
  readonly sinkFiles?: SinkFileAccess;
  /** Deploy only these subtasks (`vertexId/subtask`): a region restart. Their channels are new. */
  readonly only?: ReadonlySet<string>;
}

/** Creates every subtask of the job, connected, with operators opened. */
export function deployTasks(ctx: DeploymentContext): StreamTask[] {
  const { graph } = ctx;
  // channels[edgeIndex][producer][consumer]
  const channels = graph.edges.map((e, ei) => {
    const src = graph.vertices[e.source]!;
    const dst = graph.vertices[e.target]!;
    if (e.partitioner === 'FORWARD' && src.parallelism !== dst.parallelism) {
      throw new Error(`FORWARD edge ${src.name} -> ${dst.name} needs equal parallelism (${src.parallelism} vs ${dst.parallelism})`);
    }
    return Array.from({ length: src.parallelism }, (_, p) => Array.from({ length: dst.parallelism }, (_, c) => new Channel(ei, p, c, ctx.channelCapacity)));
  });
  const tasks: StreamTask[] = [];
  for (const vertex of graph.vertices) {
    const inEdges = inputsOf(graph, vertex.id);
    const outEdges = outputsOf(graph, vertex.id);
    for (let i = 0; i < vertex.parallelism; i++) {
      if (ctx.only && !ctx.only.has(`${vertex.id}/${i}`)) continue;
      const label = ctx.attempt === 0 ? `subtask ${vertex.id}/${i}` : `subtask ${vertex.id}/${i} attempt ${ctx.attempt}`;
      const rng = new SeededRandom(ctx.seed).fork(label);
      const inputs: Channel[] = [];
      for (const e of inEdges) {
        const ei = graph.edges.indexOf(e);
        const producers = graph.vertices[e.source]!.parallelism;
        if (e.partitioner === 'FORWARD') inputs.push(channels[ei]![i]![i]!);
        else for (let p = 0; p < producers; p++) inputs.push(channels[ei]![p]![i]!);
      }
      const writers = outEdges.map((e) => {
        const ei = graph.edges.indexOf(e);
        const dst = graph.vertices[e.target]!;
        const targets = e.partitioner === 'FORWARD' ? [channels[ei]![i]![i]!] : channels[ei]![i]!;
        const keySelector = e.key ? createKeySelector(e.key, dst.maxParallelism) : undefined;
        return new RecordWriter(e.partitioner, targets, ctx.bufferSize, keySelector, dst.maxParallelism, rng.nextInt(0, 1 << 30), 0);
      });
      let keyedState: KeyedStateBackend | undefined;
      let timers: TimerService | undefined;
      if (vertex.key) {
        const range = computeKeyGroupRangeForOperatorIndex(vertex.maxParallelism, vertex.parallelism, i);
        keyedState = new KeyedStateBackend(vertex.maxParallelism, range.startKeyGroup, range.endKeyGroup);
        timers = new TimerService();
      }
      const operators = vertex.operators.map((o) => o.factory());
      const chain = new OperatorChain(operators, new NetworkOutput(writers));
      operators.forEach((op, k) => {
        const opCtx: OperatorContext = {
          subtask: i,
          parallelism: vertex.parallelism,
          maxParallelism: vertex.maxParallelism,
          vertexName: vertex.name,
          keyedState,
          timers,
          now: ctx.now,
          random: () => rng.nextFloat(),
          localTimeZone: ctx.localTimeZone,
          output: chain.outputs[k]!,
          printLine: (line, stderr) => ctx.printLine(vertex.id, i, line, stderr),
          sinkObserver: ctx.sinkObserver,
          sinkFiles: ctx.sinkFiles,
        };
        op.open(opCtx);
      });
      const reader = vertex.source?.factory.createReader(i, vertex.parallelism, ctx.seed);
      const task = new StreamTask(vertex, i, inputs, writers, chain, operators, reader, keyedState, ctx.placement.taskManagerOf(vertex.id, i), ctx.bufferSize);
      task.timers = timers;
      tasks.push(task);
    }
  }
  return tasks;
}
