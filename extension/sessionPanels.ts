// The panels follow the active `checkpoint-lab` debug session through its checkpoint directory:
// they open beside the editor when a session starts (checkpointLab.panels.openOnSessionStart),
// refresh as the session writes checkpoints, switch with the active session and keep showing the
// directory after the session ends. Imports vscode, protocol and extension modules.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../protocol/index.js';
import type { Config } from './config.js';
import type { CheckpointLabConfiguration } from './debugConfiguration.js';
import { panelSources, type PanelHost } from './panelHost.js';

/** At most one refresh per this many ms while checkpoints are being written. */
const REFRESH_MS = 500;

/** The directory being followed. */
interface Followed {
  readonly dir: string;
  readonly watcher: vscode.FileSystemWatcher;
  timer?: NodeJS.Timeout;
  /** Whether the panels were opened on it. */
  shown: boolean;
}

/** Follows the active session's checkpoint directory with the panels. */
export class SessionPanels implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private followed: Followed | undefined;
  private told = false;

  constructor(
    private readonly config: Config,
    private readonly panels: PanelHost,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.debug.onDidStartDebugSession((s) => {
        if (s.type === DEBUG_TYPE && this.config.openPanelsOnSessionStart) this.follow(s);
      }),
      vscode.debug.onDidChangeActiveDebugSession((s) => {
        if (s?.type === DEBUG_TYPE && this.followed) this.follow(s);
      }),
    );
  }

  /** Points the panels at the session's checkpoint directory, or says why they cannot follow it. */
  private follow(session: vscode.DebugSession): void {
    const dir = (session.configuration as CheckpointLabConfiguration).checkpointDir;
    if (typeof dir !== 'string') {
      if (!this.told) void vscode.window.showInformationMessage(`Checkpoint Lab: the panels follow a session through its checkpoint directory, and '${session.name}' has none: set checkpointLab.checkpoints.directory (or 'checkpointDir' in launch.json).`);
      this.told = true;
      return;
    }
    if (this.followed?.dir === dir) return;
    this.unfollow();
    const sources = Promise.resolve().then(panelSources);
    const model = sources.then((m) => m.newPanelModel());
    // A checkpoint is written in chk-N.inprogress-… and completes by a rename to chk-N (savepoints
    // likewise): watch those directories, not the files inside them.
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '{*/chk-*,savepoint-*}'), false, false, true);
    const followed: Followed = { dir, watcher, shown: false };
    const refresh = (): void => {
      if (followed.timer) return;
      followed.timer = setTimeout(() => {
        followed.timer = undefined;
        Promise.all([sources, model]).then(async ([m, panelModel]) => {
          try {
            await m.loadCheckpointDirectory(panelModel, dir);
            // Opened once; afterwards the model's updates reach the open panels by themselves.
            if (!followed.shown) this.panels.show(panelModel, ['partitions', 'state']);
            followed.shown = true;
          } catch (e) {
            // Nothing complete yet: the watcher tries again with the next checkpoint.
            if (!(e instanceof m.PanelSourceError)) this.log.warn(`panels: ${dir}: ${e instanceof Error ? e.message : String(e)}`);
          }
        });
      }, REFRESH_MS);
    };
    watcher.onDidCreate(refresh);
    watcher.onDidChange(refresh);
    this.followed = followed;
    this.log.info(`panels follow ${session.name} through ${path.resolve(dir)}`);
    refresh();
  }

  private unfollow(): void {
    if (!this.followed) return;
    clearTimeout(this.followed.timer);
    this.followed.watcher.dispose();
    this.followed = undefined;
  }

  dispose(): void {
    this.unfollow();
    for (const d of this.disposables) d.dispose();
  }
}
