// Where CLI commands write: injected so commands can be tested without a process.

/** Output streams of a CLI command. */
export interface CliIo {
  /** Writes to stdout (text is written as is; add the newline yourself). */
  out(text: string): void;
  /** Writes to stderr. */
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines are drawn only then). */
  readonly isTerminal: boolean;
  /** Reads a job file or fault scenario as UTF-8 text (throws an Error whose message says why it cannot). */
  readFile(path: string): string;
}

/** Exit codes of every command. */
export const ExitCode = {
  /** The job finished (or the command succeeded). */
  OK: 0,
  /** The job failed. */
  JOB_FAILED: 1,
  /** Invalid job file or usage. */
  INVALID: 2,
  /** Verification found a divergence. */
  DIVERGED: 3,
} as const;
