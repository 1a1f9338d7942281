// Problems found in a user's input (job file, option, scenario): data, never exceptions.
// Imports nothing.

/** A 1-based position in a source file. */
export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in UTF-16 code units. */
  column: number;
}

/** A half-open source range: `end` is the position just after the last character. */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export type Severity = 'error' | 'warning' | 'info';

/** One problem with a user's input, located in a file. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `syntax`, `unsupported`, `unknown-option`. */
  code: string;
  /** A message a Flink user understands. */
  message: string;
  /** Where it is; absent only for problems with no place in a file (e.g. a CLI flag). */
  range?: SourceRange;
  /** The file it is in, as given by the caller. */
  file?: string;
}

/** Formats a diagnostic as `file:line:col: severity: message`, the form terminals and editors link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.range
    ? `${d.file ?? '<input>'}:${d.range.start.line}:${d.range.start.column}`
    : (d.file ?? '<input>');
  return `${where}: ${d.severity}: ${d.message}`;
}

/**
 * Thrown only to carry user-input diagnostics up through a call stack that cannot return them
 * (for example from deep inside planning). Catch it at the API boundary and return its diagnostics.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}
