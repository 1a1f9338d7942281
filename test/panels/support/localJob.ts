// Runs the panels' test job (test/fixtures/panels/keyed-counts.flink.sql) on the local runtime with
// durable checkpoints in a fresh directory, feeding a PanelModel as a debug session would: the
// JobSnapshot, the checkpoint and recovery events, and per-key-group metrics.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchJobSnapshot } from '../../../cli/jobSnapshot.js';
import { nodeCheckpointFs } from '../../../cli/nodeCheckpointFs.js';
import { nodeFileSystem } from '../../../cli/nodeFileSystem.js';
import { nodeHost } from '../../../cli/nodeHost.js';
import type { PanelModel } from '../../../panels/index.js';
import type { JobSnapshot } from '../../../protocol/index.js';
import { compileJob, createLocalRun, openDurableCheckpoints, parseFaultScenario, faultTargetsOf, placeSubtasks, type LocalRun } from '../../../runtime/index.js';
import { REPO_ROOT } from './browserHost.js';

/** What a run left behind. */
export interface PanelTestRun {
  readonly run: LocalRun;
  readonly snapshot: JobSnapshot;
  /** The execution.checkpointing.dir of the run. */
  readonly checkpointDir: string;
  /** The job's checkpoint directory (`<dir>/<job-id>`). */
  readonly jobDir: string;
}

/**
 * Runs the test job. `faults`: a scenario file under test/fixtures/panels; `cancelAfterCheckpoint`:
 * cancel the job once that checkpoint completed (RETAIN_ON_CANCELLATION keeps the checkpoints).
 */
export async function runPanelTestJob(opts: { model?: PanelModel; faults?: string; cancelAfterCheckpoint?: number; seed?: number }): Promise<PanelTestRun> {
  const dir = mkdtempSync(join(tmpdir(), 'panels-ckpt-'));
  const source = readFileSync(join(REPO_ROOT, 'test/fixtures/panels/keyed-counts.flink.sql'), 'utf8').replaceAll('CHECKPOINT_DIR', dir);
  const file = join(dir, 'keyed-counts.flink.sql');
  writeFileSync(file, source);
  const { job, diagnostics } = compileJob(source, { file, fileSystem: nodeFileSystem });
  if (!job) throw new Error(`test job does not compile: ${JSON.stringify(diagnostics)}`);
  let faults;
  if (opts.faults) {
    const scenarioFile = join(REPO_ROOT, 'test/fixtures/panels', opts.faults);
    const tms = placeSubtasks(job.graph, job.config.taskSlotsPerTaskManager).taskManagers.map((t) => t.id);
    const parsed = parseFaultScenario(readFileSync(scenarioFile, 'utf8'), scenarioFile, faultTargetsOf(job.graph, tms));
    if (!parsed.scenario) throw new Error(`bad scenario: ${JSON.stringify(parsed.diagnostics)}`);
    faults = parsed.scenario;
  }
  const durable = await openDurableCheckpoints(job, { fs: nodeCheckpointFs, random: Math.random, wallClockMs: () => Date.now() });
  if (!durable) throw new Error('the test job has no checkpoint directory');
  const seed = opts.seed ?? faults?.seed ?? 0;
  const run = createLocalRun(job, { seed, collectResults: false, printLine: () => {}, faults, persistCheckpoint: (cp) => durable.persist(cp) });
  const watch = watchJobSnapshot(job, run, { jobFile: file, seed, jobId: durable.jobId });
  const model = opts.model;
  if (model) {
    model.observeRuntime(run.job.events);
    run.job.events.on('metrics', (e) => model.setMetrics(run.job.metrics(true), e.time));
    run.job.events.on('checkpoint', () => model.setJob(watch.snapshot()));
  }
  if (opts.cancelAfterCheckpoint !== undefined) {
    const target = opts.cancelAfterCheckpoint;
    run.job.events.on('checkpoint', (e) => {
      if (e.phase === 'completed' && e.checkpointId >= target) run.job.pause();
    });
  }
  await run.job.run(nodeHost);
  if (opts.cancelAfterCheckpoint !== undefined) run.job.cancel('cancelled by the test');
  await durable.onTermination(run.job.jobState);
  const snapshot = watch.snapshot();
  model?.setJob(snapshot);
  return { run, snapshot, checkpointDir: dir, jobDir: durable.jobDir };
}
