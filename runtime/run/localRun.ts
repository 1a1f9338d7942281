// A local run of a compiled job: the engine plus what the run collects (sink tables, print
// lines), with sink rows converted to JSON-ready objects keyed by column name.
import { LocalJob } from '../engine/localJob.js';
import { SinkResultCollector } from '../engine/sinkResults.js';
import type { CompletedCheckpoint } from '../checkpoint/checkpointCoordinator.js';
import type { SinkFileAccess } from '../engine/operator.js';
import type { FaultScenario } from '../faults/faultModel.js';
import { committedPartFiles } from '../connectors/filesystemSink.js';
import type { CompiledJob, PlannedSink } from '../plan/compiledJob.js';
import { toJsonValue } from '../types/format.js';

/** Options of a local run. */
export interface LocalRunOptions {
  /** Seeds the scheduler and every random generator. */
  readonly seed: number;
  /** Materialize every sink's final table (costs memory proportional to the result). */
  readonly collectResults: boolean;
  /** Receives the lines print sinks write. */
  readonly printLine: (line: string, stderr: boolean) => void;
  /** Faults to inject. */
  readonly faults?: FaultScenario;
  /** Writes completed checkpoints durably (see `openDurableCheckpoints`). */
  readonly persistCheckpoint?: (checkpoint: CompletedCheckpoint) => Promise<void>;
  /** A checkpoint or savepoint to start from (see `findRestorePoint`). */
  readonly restoreFrom?: CompletedCheckpoint;
  /** File access for filesystem sinks. */
  readonly sinkFiles?: SinkFileAccess;
  /** A savepoint at a job time, optionally stopping the job (stop-with-savepoint). */
  readonly savepoint?: { readonly atMs: number; readonly stop: boolean };
  /** Fail the job once a failure is proven deterministic (a poison record) instead of restarting forever as Flink does. */
  readonly stopOnDeterministicFailure?: boolean;
}

/** A sink's final table, ready for JSON. */
export interface SinkResultJson {
  readonly sink: string;
  readonly columns: readonly string[];
  /** Rows as objects keyed by column name, values as `toJsonValue` renders them. */
  readonly rows: readonly Record<string, unknown>[];
  readonly changelog: Readonly<Record<'+I' | '-U' | '+U' | '-D', number>>;
}

/** One run of a compiled job on the local runtime. */
export interface LocalRun {
  readonly job: LocalJob;
  /** Every sink's final table (empty when results are not collected). */
  results(): SinkResultJson[];
}

function readCommitted(files: SinkFileAccess, sink: NonNullable<PlannedSink['files']>): unknown[][] {
  const rows: unknown[][] = [];
  for (const name of committedPartFiles(files, sink.dir)) {
    for (const line of files.read(`${sink.dir}/${name}`).split('\n')) {
      if (line === '') continue;
      const r = sink.decode(line);
      if ('row' in r) rows.push(r.row);
    }
  }
  return rows;
}

/** Creates (but does not start) a local run of a compiled job. */
export function createLocalRun(compiled: CompiledJob, options: LocalRunOptions): LocalRun {
  const collector = options.collectResults
    ? new SinkResultCollector(compiled.sinks.map((s) => ({ name: s.name, columns: s.columns, uniqueKey: s.uniqueKey })))
    : undefined;
  const job = new LocalJob(compiled.graph, {
    seed: options.seed,
    slotsPerTaskManager: compiled.config.taskSlotsPerTaskManager,
    localTimeZone: compiled.localTimeZone,
    printLine: options.printLine,
    sinkObserver: collector,
    checkpointing: compiled.config.checkpointing,
    restartStrategy: compiled.config.restartStrategy,
    failoverStrategy: compiled.config.failoverStrategy,
    faults: options.faults,
    persistCheckpoint: options.persistCheckpoint,
    restoreFrom: options.restoreFrom,
    sinkFiles: options.sinkFiles,
    savepoint: options.savepoint,
    stopOnDeterministicFailure: options.stopOnDeterministicFailure,
  });
  return {
    job,
    results() {
      if (!collector) return [];
      return collector.results().map((r) => {
        const sink = compiled.sinks.find((s) => s.name === r.sink)!;
        // A filesystem sink's output is what it committed, not what it wrote.
        const committed = sink.files && options.sinkFiles ? readCommitted(options.sinkFiles, sink.files) : undefined;
        return {
          sink: r.sink,
          columns: r.columns,
          changelog: r.changelog,
          rows: (committed ?? r.rows).map((row) => {
            const o: Record<string, unknown> = {};
            sink.columns.forEach((c, i) => (o[c] = toJsonValue(row[i], sink.types[i]!, compiled.localTimeZone)));
            return o;
          }),
        };
      });
    },
  };
}
