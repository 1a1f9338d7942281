// The command ids the language server's code lenses carry, and their argument types: one table,
// so the server and the extension cannot disagree. Imports nothing.

/** Arguments of every job command: the job file and the statement the lens is on. */
export interface JobCommandArgs {
  /** The document URI. */
  uri: string;
  /** 1-based line of the `INSERT INTO` / `EXECUTE STATEMENT SET` the lens is on. */
  line: number;
  /** The table(s) the statement writes to. */
  sinkTables: string[];
}

/** Command id → its single argument's type. */
export interface JobCommandArgsMap {
  'checkpointLab.runJob': JobCommandArgs;
  'checkpointLab.debugJob': JobCommandArgs;
  'checkpointLab.explainJob': JobCommandArgs;
  'checkpointLab.showPartitions': JobCommandArgs;
}

/** A command id of a code lens. */
export type JobCommandId = keyof JobCommandArgsMap;

/** The lens commands in the order they are shown, with their titles. */
export const JOB_COMMANDS: ReadonlyArray<{ readonly id: JobCommandId; readonly title: string }> = [
  { id: 'checkpointLab.runJob', title: 'Run' },
  { id: 'checkpointLab.debugJob', title: 'Debug' },
  { id: 'checkpointLab.explainJob', title: 'Explain' },
  { id: 'checkpointLab.showPartitions', title: 'Partitions' },
];
