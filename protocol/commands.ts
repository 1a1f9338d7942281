// Every command of the extension in one table: id, title, what it acts on, its argument type and
// where it appears. package.json's commands and menus are checked against it. Imports nothing.

/** Arguments of every job command when a code lens calls it: the job file and the statement the lens is on. */
export interface JobCommandArgs {
  /** The document URI. */
  uri: string;
  /** 1-based line of the `INSERT INTO` / `EXECUTE STATEMENT SET` the lens is on. */
  line: number;
  /** The table(s) the statement writes to. */
  sinkTables: string[];
}

/**
 * What a command acts on, which decides its argument:
 * - `job`: a job file: `JobCommandArgs` from a lens, a file URI from a menu, or nothing (the active editor);
 * - `session`: the active `checkpoint-lab` debug session; no argument;
 * - `none`: nothing in particular (it asks); no argument.
 */
export type CommandTarget = 'job' | 'session' | 'none';

/** Command id → the argument it takes (`undefined`: none; a menu's URI argument is converted by the extension). */
export interface CommandArgsMap {
  'checkpointLab.runJob': JobCommandArgs | undefined;
  'checkpointLab.debugJob': JobCommandArgs | undefined;
  'checkpointLab.explainJob': JobCommandArgs | undefined;
  'checkpointLab.showPartitions': JobCommandArgs | undefined;
  'checkpointLab.showCheckpoints': undefined;
  'checkpointLab.injectFailure': undefined;
  'checkpointLab.triggerCheckpoint': undefined;
  'checkpointLab.triggerSavepoint': undefined;
  'checkpointLab.rescale': JobCommandArgs | undefined;
  'checkpointLab.verifyExactlyOnce': JobCommandArgs | undefined;
  'checkpointLab.runChaos': JobCommandArgs | undefined;
  'checkpointLab.openCheckpointDirectory': undefined;
  'checkpointLab.lookUpKey': JobCommandArgs | undefined;
  'checkpointLab.runOnFlink': JobCommandArgs | undefined;
  'checkpointLab.attachToFlinkJob': undefined;
}

/** A command id. */
export type CommandId = keyof CommandArgsMap;

/** Where a command appears besides the command palette. */
export interface CommandPlacement {
  /** In the title bar of a job file's editor (navigation group). */
  readonly editorTitle?: boolean;
  /** In a job file's editor context menu. */
  readonly editorContext?: boolean;
  /** In the explorer context menu of a job file. */
  readonly explorerContext?: boolean;
  /** On the debug toolbar while a `checkpoint-lab` session runs. */
  readonly debugToolbar?: boolean;
}

/** One command: its id, palette title, target and placement. */
export interface CommandSpec {
  readonly id: CommandId;
  /** The palette title (shown after the `Checkpoint Lab` category). */
  readonly title: string;
  readonly target: CommandTarget;
  /** A codicon (`$(name)`) for the editor title and debug toolbar. */
  readonly icon?: string;
  readonly placement?: CommandPlacement;
}

/** The category every command is listed under in the palette. */
export const COMMAND_CATEGORY = 'Checkpoint Lab';

/** Every command, in palette order. */
export const COMMANDS: readonly CommandSpec[] = [
  { id: 'checkpointLab.runJob', title: 'Run Job', target: 'job', icon: '$(run)', placement: { editorTitle: true, editorContext: true, explorerContext: true } },
  { id: 'checkpointLab.debugJob', title: 'Debug Job', target: 'job', icon: '$(debug-alt)', placement: { editorTitle: true, editorContext: true, explorerContext: true } },
  { id: 'checkpointLab.explainJob', title: 'Explain Job', target: 'job', placement: { editorContext: true } },
  { id: 'checkpointLab.showPartitions', title: 'Show Partitions', target: 'job', placement: { editorContext: true } },
  { id: 'checkpointLab.showCheckpoints', title: 'Show Checkpoints', target: 'none' },
  { id: 'checkpointLab.injectFailure', title: 'Inject Failure…', target: 'session', icon: '$(flame)', placement: { debugToolbar: true } },
  { id: 'checkpointLab.triggerCheckpoint', title: 'Trigger Checkpoint', target: 'session', icon: '$(save)', placement: { debugToolbar: true } },
  { id: 'checkpointLab.triggerSavepoint', title: 'Trigger Savepoint', target: 'session' },
  { id: 'checkpointLab.rescale', title: 'Rescale…', target: 'job' },
  { id: 'checkpointLab.verifyExactlyOnce', title: 'Verify Exactly-Once', target: 'job', placement: { editorContext: true } },
  { id: 'checkpointLab.runChaos', title: 'Run Chaos…', target: 'job' },
  { id: 'checkpointLab.openCheckpointDirectory', title: 'Open Checkpoint Directory…', target: 'none' },
  { id: 'checkpointLab.lookUpKey', title: 'Look Up Key…', target: 'job' },
  { id: 'checkpointLab.runOnFlink', title: 'Run on Flink', target: 'job' },
  { id: 'checkpointLab.attachToFlinkJob', title: 'Attach to Flink Job…', target: 'none' },
];

/** The commands a job file's code lenses carry. */
export type JobCommandId = 'checkpointLab.runJob' | 'checkpointLab.debugJob' | 'checkpointLab.explainJob' | 'checkpointLab.showPartitions';

/** Lens command id → its argument (always given by a lens). */
export type JobCommandArgsMap = { [K in JobCommandId]: JobCommandArgs };

/** The lens commands in the order they are shown, with their (short) lens titles. */
export const JOB_COMMANDS: ReadonlyArray<{ readonly id: JobCommandId; readonly title: string }> = [
  { id: 'checkpointLab.runJob', title: 'Run' },
  { id: 'checkpointLab.debugJob', title: 'Debug' },
  { id: 'checkpointLab.explainJob', title: 'Explain' },
  { id: 'checkpointLab.showPartitions', title: 'Partitions' },
];

/** The `when` clause of a job file (editor, title bar, explorer). */
export const JOB_FILE_WHEN = 'resourceLangId == flinksql';

/** The `when` clause of a running `checkpoint-lab` debug session. */
export const SESSION_WHEN = "inDebugMode && debugType == 'checkpoint-lab'";
