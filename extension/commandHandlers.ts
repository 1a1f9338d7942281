// One handler per command of protocol/commands.ts (a missing one is a compile error). Handlers
// resolve their target, then hand off to the CLI, the debugger or the language server; none runs
// an engine itself. Imports vscode, protocol and extension modules.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, DEBUG_TYPE, jobGraphRequest, keyPlacementRequest, type CommandId } from '../protocol/index.js';
import type { CliExit, CliTasks } from './cliTask.js';
import type { Config } from './config.js';
import { defaultConfiguration, type CheckpointLabConfiguration } from './debugConfiguration.js';
import { resolveJobFile, workingDirectory, type JobFile } from './jobFile.js';
import { explainText, partitionsText, type JobReports } from './jobReports.js';
import type { FlinkSqlClient } from './languageClient.js';
import { panelSources, type PanelHost } from './panelHost.js';
import { faultTargets, sessionRequest } from './sessionRequests.js';

/** What the handlers use. */
export interface CommandServices {
  readonly config: Config;
  readonly cli: CliTasks;
  readonly client: FlinkSqlClient;
  readonly reports: JobReports;
  readonly panels: PanelHost;
}

/** A command's handler; it receives the argument VS Code passed (lens args, a menu URI, or nothing). */
export type CommandHandler = (arg: unknown) => Promise<void>;

const titleOf = (id: CommandId): string => COMMANDS.find((c) => c.id === id)!.title;

/** The active `checkpoint-lab` debug session, or undefined after telling the user. */
function activeSession(id: CommandId): vscode.DebugSession | undefined {
  const s = vscode.debug.activeDebugSession;
  if (s?.type === DEBUG_TYPE) return s;
  void vscode.window.showErrorMessage(`Checkpoint Lab: ${titleOf(id)} acts on a running job: start one with Debug Job (F5) first.`);
  return undefined;
}

/** Tells the user how a CLI run ended (the terminal has the details). */
function reportExit(what: string, code: CliExit): void {
  if (code === undefined) return;
  if (code === 0) void vscode.window.showInformationMessage(`Checkpoint Lab: ${what}: finished.`);
  else if (code === 3) void vscode.window.showWarningMessage(`Checkpoint Lab: ${what}: the output differs from a fault-free run (details in the terminal).`);
  else if (code === 2) void vscode.window.showErrorMessage(`Checkpoint Lab: ${what}: invalid job file or options (see the terminal and the Problems view).`);
  else void vscode.window.showErrorMessage(`Checkpoint Lab: ${what}: the job failed (exit ${code}; see the terminal).`);
}

/** The run options the settings add to a CLI `run`. */
function runOptions(config: Config): string[] {
  const args: string[] = [];
  if (config.parallelism !== undefined) args.push('--parallelism', String(config.parallelism));
  if (config.speed !== 'max') args.push('--speed', String(config.speed));
  return args;
}

/** Asks for a checkpoint directory: the configured one first, else a folder picker. */
async function pickCheckpointDirectory(config: Config, job: JobFile | undefined, askAlways: boolean): Promise<string | undefined> {
  const configured = config.checkpointDirectory;
  const base = job ? workingDirectory(job) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (configured && !askAlways) return base ? path.resolve(base, configured) : configured;
  const picked = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Open Checkpoint Directory', defaultUri: base ? vscode.Uri.file(base) : undefined });
  return picked?.[0]?.fsPath;
}

/** The first workspace folder's directory, else the extension host's. */
function workspaceDirectory(): string {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

/** A job file's text document, opened so that the language server knows it. */
async function openForServer(job: JobFile): Promise<string> {
  await vscode.workspace.openTextDocument(job.uri);
  return job.uri.toString();
}

/** The partition panel on a checkpoint directory's newest checkpoint, and the state browser; the CLI's listing when this build has no panels. */
async function showCheckpointDirectory(s: CommandServices, dir: string): Promise<void> {
  if (!s.panels.has('partitions') && !s.panels.has('state')) {
    await s.cli.run(`Checkpoints in ${path.basename(dir)}`, ['checkpoints', dir], workspaceDirectory());
    return;
  }
  // The panels' model carries the runtime: loaded on first use, not at activation.
  const { checkpointDirectoryModel, PanelSourceError } = panelSources();
  try {
    s.panels.show(await checkpointDirectoryModel(dir), ['partitions', 'state']);
  } catch (e) {
    if (!(e instanceof PanelSourceError)) throw e;
    void vscode.window.showErrorMessage(`Checkpoint Lab: ${e.message}`);
  }
}

/** Runs a session request, showing the adapter's refusal (a stopped or ended job …) as an error. */
async function adapterAnswer<T>(id: CommandId, request: () => Promise<T>): Promise<T | undefined> {
  try {
    return await request();
  } catch (e) {
    void vscode.window.showErrorMessage(`Checkpoint Lab: ${titleOf(id)}: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

/** The fault actions a running job takes, with what they do. */
const FAULT_ACTIONS = [
  { label: 'fail-task', description: 'a subtask throws: the job fails over and restores the latest checkpoint' },
  { label: 'kill-taskmanager', description: 'a TaskManager is lost with every subtask in its slots' },
];

/** Every command's handler. */
export function commandHandlers(s: CommandServices): { readonly [K in CommandId]: CommandHandler } {
  const job = (id: CommandId, arg: unknown): Promise<JobFile | undefined> => resolveJobFile(arg, titleOf(id));
  return {
    'checkpointLab.runJob': async (arg) => {
      const j = await job('checkpointLab.runJob', arg);
      if (!j) return;
      const args = ['run', j.uri.fsPath, ...runOptions(s.config), ...(s.config.verifyOnRun ? ['--verify'] : [])];
      reportExit(`Run ${path.basename(j.uri.fsPath)}`, await s.cli.run(`Run ${path.basename(j.uri.fsPath)}`, args, workingDirectory(j), j.folder));
    },
    'checkpointLab.debugJob': async (arg) => {
      const j = await job('checkpointLab.debugJob', arg);
      if (!j) return;
      await vscode.debug.startDebugging(j.folder, defaultConfiguration(j.uri.fsPath));
    },
    'checkpointLab.explainJob': async (arg) => {
      const j = await job('checkpointLab.explainJob', arg);
      if (!j) return;
      const r = await s.client.request(jobGraphRequest, { uri: await openForServer(j) });
      if (r) await s.reports.show('explain', j.uri, explainText(j.uri.fsPath, r));
    },
    'checkpointLab.showPartitions': async (arg) => {
      const j = await job('checkpointLab.showPartitions', arg);
      if (!j) return;
      const r = await s.client.request(keyPlacementRequest, { uri: await openForServer(j) });
      if (r) await s.reports.show('partitions', j.uri, partitionsText(j.uri.fsPath, r));
    },
    'checkpointLab.showCheckpoints': async () => {
      const session = vscode.debug.activeDebugSession;
      const fromSession = session?.type === DEBUG_TYPE ? (session.configuration as CheckpointLabConfiguration).checkpointDir : undefined;
      const dir = fromSession ?? (await pickCheckpointDirectory(s.config, undefined, false));
      if (dir) await showCheckpointDirectory(s, dir);
    },
    'checkpointLab.injectFailure': async () => {
      const session = activeSession('checkpointLab.injectFailure');
      if (!session) return;
      const action = await vscode.window.showQuickPick(FAULT_ACTIONS, { title: 'Inject Failure: what happens' });
      if (!action) return;
      let target: string | undefined;
      if (action.label === 'fail-task') {
        const targets = await adapterAnswer('checkpointLab.injectFailure', () => faultTargets(session));
        if (!targets) return;
        const pick = await vscode.window.showQuickPick(targets.map((t) => ({ label: t.displayName, description: t.target, target: t.target })), { title: 'Inject Failure: the subtask that fails' });
        target = pick?.target;
      } else {
        target = await vscode.window.showInputBox({ title: 'Inject Failure: the TaskManager that is lost', value: 'tm-0', prompt: "tm-0, tm-1, …: each holds 'taskmanager.numberOfTaskSlots' slots (default 1), slot i runs subtask i of every vertex", validateInput: (v) => (/^tm-\d+$/.test(v.trim()) ? undefined : 'a TaskManager: tm-0, tm-1, …') });
        target = target?.trim();
      }
      if (!target) return;
      const r = await adapterAnswer('checkpointLab.injectFailure', () => sessionRequest(session, 'checkpointLab/injectFault', { action: action.label, target: target! }));
      if (r) void vscode.window.showInformationMessage(`Checkpoint Lab: ${action.label}: ${r.fired}`);
    },
    'checkpointLab.triggerCheckpoint': async () => {
      const session = activeSession('checkpointLab.triggerCheckpoint');
      if (!session) return;
      const r = await adapterAnswer('checkpointLab.triggerCheckpoint', () => sessionRequest(session, 'checkpointLab/triggerCheckpoint', {}));
      if (r) void vscode.window.showInformationMessage(`Checkpoint Lab: checkpoint ${r.checkpointId} triggered: its barriers are on their way from the sources.`);
    },
    'checkpointLab.triggerSavepoint': async () => {
      const session = activeSession('checkpointLab.triggerSavepoint');
      if (!session) return;
      const r = await adapterAnswer('checkpointLab.triggerSavepoint', () => sessionRequest(session, 'checkpointLab/triggerSavepoint', {}));
      if (r) void vscode.window.showInformationMessage(`Checkpoint Lab: savepoint ${r.checkpointId} triggered (aligned, into 'execution.checkpointing.savepoint-dir').`);
    },
    'checkpointLab.rescale': async (arg) => {
      const running = vscode.debug.activeDebugSession?.type === DEBUG_TYPE ? vscode.debug.activeDebugSession : undefined;
      const ask = (prompt: string): Thenable<string | undefined> => vscode.window.showInputBox({ title: 'Rescale: new parallelism', prompt, validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'a whole number, 1 or more') });
      const runningJob = running ? (running.configuration as CheckpointLabConfiguration).job : undefined;
      const argJob = arg instanceof vscode.Uri ? arg.fsPath : undefined;
      if (running && (arg === undefined || argJob === runningJob)) {
        // In the running session: stop with a savepoint and restore it at the new parallelism.
        const text = await ask('The job stops with a savepoint and resumes from it at this parallelism; key groups move to their new subtasks.');
        if (text === undefined) return;
        const r = await adapterAnswer('checkpointLab.rescale', () => sessionRequest(running, 'checkpointLab/rescale', { parallelism: Number(text.trim()) }));
        if (r) void vscode.window.showInformationMessage(`Checkpoint Lab: rescaling to parallelism ${r.parallelism} through savepoint ${r.savepointId}.`);
        return;
      }
      const j = await job('checkpointLab.rescale', arg);
      if (!j) return;
      // No session runs it: a new session restores its latest checkpoint at the new parallelism.
      const text = await ask('The job restarts from its latest checkpoint with this parallelism; key groups move to their new subtasks.');
      if (text === undefined) return;
      const dir = await pickCheckpointDirectory(s.config, j, false);
      if (!dir) return;
      const c: CheckpointLabConfiguration = { ...defaultConfiguration(j.uri.fsPath), name: `Rescale ${path.basename(j.uri.fsPath)} to ${text.trim()}`, parallelism: Number(text.trim()), checkpointDir: dir, restore: 'latest' };
      await vscode.debug.startDebugging(j.folder, c);
    },
    'checkpointLab.verifyExactlyOnce': async (arg) => {
      const j = await job('checkpointLab.verifyExactlyOnce', arg);
      if (!j) return;
      const scenarios = await vscode.workspace.findFiles('**/*.faults.yaml', '**/node_modules/**', 200);
      const items = scenarios.map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(u), uri: u as vscode.Uri | undefined }));
      const pick = await vscode.window.showQuickPick([...items, { label: 'No faults', description: 'compare two fault-free runs', uri: undefined }], { title: 'Verify Exactly-Once: the fault scenario to run against' });
      if (!pick) return;
      const args = ['run', j.uri.fsPath, ...runOptions(s.config), ...(pick.uri ? ['--faults', pick.uri.fsPath] : []), '--verify'];
      reportExit(`Verify ${path.basename(j.uri.fsPath)}`, await s.cli.run(`Verify ${path.basename(j.uri.fsPath)}`, args, workingDirectory(j), j.folder));
    },
    'checkpointLab.runChaos': async (arg) => {
      const j = await job('checkpointLab.runChaos', arg);
      if (!j) return;
      const n = await vscode.window.showInputBox({ title: 'Run Chaos: how many random fault schedules', value: '20', validateInput: (v) => (/^[1-9]\d*$/.test(v.trim()) ? undefined : 'a whole number, 1 or more') });
      if (n === undefined) return;
      const seed = await vscode.window.showInputBox({ title: 'Run Chaos: seed (the same seed draws the same schedules)', value: '1', validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'a whole number') });
      if (seed === undefined) return;
      reportExit(`Chaos on ${path.basename(j.uri.fsPath)}`, await s.cli.run(`Chaos ${path.basename(j.uri.fsPath)}`, ['chaos', j.uri.fsPath, '--schedules', n.trim(), '--seed', seed.trim()], workingDirectory(j), j.folder));
    },
    'checkpointLab.openCheckpointDirectory': async () => {
      const dir = await pickCheckpointDirectory(s.config, undefined, true);
      if (dir) await showCheckpointDirectory(s, dir);
    },
    'checkpointLab.lookUpKey': async (arg) => {
      const j = await job('checkpointLab.lookUpKey', arg);
      if (!j) return;
      const text = await vscode.window.showInputBox({ title: 'Look Up Key', prompt: 'A GROUP BY key value (NULL for SQL NULL): where Flink puts it, key group and subtask' });
      if (text === undefined) return;
      const key = text.trim() === 'NULL' ? null : text.trim();
      const r = await s.client.request(keyPlacementRequest, { uri: await openForServer(j), keys: [key] });
      if (!r) return;
      if (!r.ok) return void vscode.window.showErrorMessage(`Checkpoint Lab: ${path.basename(j.uri.fsPath)} does not compile: ${r.errors[0] ?? ''}`);
      if (r.vertices.length === 0) return void vscode.window.showInformationMessage(`Checkpoint Lab: ${path.basename(j.uri.fsPath)} has no keyed vertex (no GROUP BY or window).`);
      const lines = r.vertices.map((v) => {
        const a = v.assignments[0]!;
        return a.ok ? `${v.vertexName}: key ${JSON.stringify(key)} → key group ${a.keyGroup} → subtask ${a.subtask} (${v.vertexName.split(' -> ')[0]} (${a.subtask + 1}/${v.parallelism}))` : `${v.vertexName}: ${a.error}`;
      });
      void vscode.window.showInformationMessage(`Checkpoint Lab: ${lines.join('; ')}`, { modal: false });
    },
    'checkpointLab.runOnFlink': async (arg) => {
      const j = await job('checkpointLab.runOnFlink', arg);
      if (!j) return;
      const gateway = s.config.flinkGatewayUrl;
      reportExit(`Run ${path.basename(j.uri.fsPath)} on Flink`, await s.cli.run(`Flink run ${path.basename(j.uri.fsPath)}`, ['flink', 'run', j.uri.fsPath, ...(gateway ? ['--rest', gateway] : []), '--wait'], workingDirectory(j), j.folder));
    },
    'checkpointLab.attachToFlinkJob': async () => {
      const id = await vscode.window.showInputBox({ title: 'Attach to Flink Job', prompt: 'A job id, or empty for the one running job', validateInput: (v) => (v.trim() === '' || /^[0-9a-f]{32}$/.test(v.trim()) ? undefined : 'a Flink job id: 32 hex digits') });
      if (id === undefined) return;
      const { FlinkJobAttachment, jobManagerUrl } = panelSources();
      try {
        const restUrl = jobManagerUrl(s.config.flinkRestUrl);
        const attachment = await FlinkJobAttachment.attach(restUrl, id.trim() || undefined);
        const shown = s.panels.show(attachment.model, ['partitions', 'timeline'], attachment);
        if (shown.length === 0) {
          attachment.dispose();
          await s.cli.run('Flink attach', ['flink', 'attach', '--rest', restUrl, ...(id.trim() ? ['--job', id.trim()] : [])], workspaceDirectory());
        }
      } catch (e) {
        void vscode.window.showErrorMessage(`Checkpoint Lab: Attach to Flink Job: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  };
}
