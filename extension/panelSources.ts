// Where the panels' data comes from today: a checkpoint directory (its checkpoints, and the key
// groups of the newest complete one) or a live Flink job read through its REST API (refreshed
// while attached). Imports vscode, panels, bridge and cli's Node checkpoint file access: with them
// the runtime, so extension/ loads this file only with `import()` when a panel is first needed.
import * as vscode from 'vscode';
import { attachToFlinkJob, defaultFlinkRunDir, readClusterState } from '../bridge/index.js';
import { performance } from 'node:perf_hooks';
import { nodeCheckpointFs } from '../cli/nodeCheckpointFs.js';
import { PanelModel } from '../panels/index.js';

/** A fresh model with Node timers and checkpoint file access. */
export function newPanelModel(): PanelModel {
  return new PanelModel({ scheduler: { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout), now: () => performance.now() }, fs: nodeCheckpointFs });
}

/** A mistake the user can fix (no checkpoint, no cluster): shown as is. */
export class PanelSourceError extends Error {}

/** A model over a checkpoint directory: the state browser's list and the newest complete checkpoint's key groups. */
export async function checkpointDirectoryModel(dir: string): Promise<PanelModel> {
  const model = newPanelModel();
  await loadCheckpointDirectory(model, dir);
  return model;
}

/** (Re)reads a checkpoint directory into a model; the partitions come from its newest complete checkpoint or savepoint. */
export async function loadCheckpointDirectory(model: PanelModel, dir: string): Promise<void> {
  await model.setCheckpointDirectory(dir);
  const complete = model.sections().state.checkpoints.filter((c) => c.status === 'complete' && c.checkpointId !== null);
  if (complete.length === 0) throw new PanelSourceError(`no complete checkpoint or savepoint under ${dir}: run the job with 'execution.checkpointing.dir' (or checkpointLab.checkpoints.directory) set`);
  // Newest first; a running job subsumes (deletes) checkpoints, so one may vanish while it is read.
  const newestFirst = [...complete].sort((a, b) => (b.checkpointId ?? -1) - (a.checkpointId ?? -1));
  let lastError: unknown;
  for (const c of newestFirst.slice(0, 3)) {
    try {
      await model.loadPartitionsFromCheckpoint(c.path);
      return;
    } catch (e) {
      lastError = e;
    }
  }
  throw lastError;
}

/** The JobManager URL: the setting, else the local cluster flink/start.sh started. */
export function jobManagerUrl(configured: string | undefined): string {
  if (configured) return configured;
  let url: string | undefined;
  try {
    url = readClusterState(defaultFlinkRunDir()).JOBMANAGER_URL;
  } catch {
    url = undefined;
  }
  if (!url) throw new PanelSourceError('no Flink JobManager: set checkpointLab.flink.restUrl, or start the local cluster with flink/start.sh');
  return url;
}

/** A live Flink job shown in the panels, read again every `periodMs` until disposed. */
export class FlinkJobAttachment implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    readonly model: PanelModel,
    private readonly restUrl: string,
    private readonly jobId: string,
  ) {}

  /** Reads the job once (errors are the bridge's FlinkRestError, worded for the user), then keeps it fresh. */
  static async attach(restUrl: string, jobId: string | undefined, periodMs = 2000): Promise<FlinkJobAttachment> {
    const snapshot = await attachToFlinkJob({ restUrl, jobId });
    const model = newPanelModel();
    model.setJob(snapshot);
    const a = new FlinkJobAttachment(model, restUrl, snapshot.jobId);
    a.timer = setInterval(() => void a.refresh(), periodMs);
    return a;
  }

  private async refresh(): Promise<void> {
    try {
      this.model.setJob(await attachToFlinkJob({ restUrl: this.restUrl, jobId: this.jobId }));
    } catch {
      // The panels keep the last picture; the next tick tries again.
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
