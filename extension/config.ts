// The `checkpointLab.*` settings, read through typed getters (never `get('...')` scattered through
// the code). Imports vscode only.
import * as vscode from 'vscode';

/** A trace level of the language server or the debug adapter. */
export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The pacing of a run: as fast as possible, or a factor of the job clock against the wall clock. */
export type Speed = 'max' | number;

/** The settings of the extension, read fresh on each access. */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('checkpointLab');
  }

  /** `checkpointLab.run.parallelism`: overrides the job file's `parallelism.default` when set. */
  get parallelism(): number | undefined {
    const p = this.section.get<number | null>('run.parallelism', null);
    return typeof p === 'number' && Number.isInteger(p) && p >= 1 ? p : undefined;
  }

  /** `checkpointLab.run.speed`: `max` or a positive factor. */
  get speed(): Speed {
    const s = this.section.get<string | number>('run.speed', 'max');
    if (typeof s === 'number' && s > 0) return s;
    if (typeof s === 'string' && s !== 'max' && Number(s) > 0) return Number(s);
    return 'max';
  }

  /** `checkpointLab.run.verify`: Run Job also runs the verifier. */
  get verifyOnRun(): boolean {
    return this.section.get<boolean>('run.verify', false);
  }

  /** `checkpointLab.checkpoints.directory`: where runs write checkpoints when the job file sets none; absolute or relative to the workspace folder. */
  get checkpointDirectory(): string | undefined {
    const d = this.section.get<string>('checkpoints.directory', '').trim();
    return d === '' ? undefined : d;
  }

  /** `checkpointLab.panels.openOnSessionStart`. */
  get openPanelsOnSessionStart(): boolean {
    return this.section.get<boolean>('panels.openOnSessionStart', true);
  }

  /** `checkpointLab.files.associatePlainSql`: plain `.sql` files open as Flink SQL. */
  get associatePlainSql(): boolean {
    return this.section.get<boolean>('files.associatePlainSql', false);
  }

  /** `checkpointLab.flink.restUrl`: the JobManager's REST API (Attach), empty for the local cluster. */
  get flinkRestUrl(): string | undefined {
    return this.section.get<string>('flink.restUrl', '').trim() || undefined;
  }

  /** `checkpointLab.flink.gatewayUrl`: the SQL Gateway (Run on Flink), empty for the local cluster. */
  get flinkGatewayUrl(): string | undefined {
    return this.section.get<string>('flink.gatewayUrl', '').trim() || undefined;
  }

  /** `checkpointLab.trace.server`: the language client's trace (read by vscode-languageclient itself). */
  get traceServer(): TraceLevel {
    return this.section.get<TraceLevel>('trace.server', 'off');
  }

  /** `checkpointLab.trace.debugAdapter`: log every DAP message to the output channel. */
  get traceDebugAdapter(): TraceLevel {
    return this.section.get<TraceLevel>('trace.debugAdapter', 'off');
  }
}
