// Reporting a user mistake from deep inside planning: a DiagnosticError carries it to the
// statement boundary, where it becomes an ordinary diagnostic.
import { DiagnosticError, type SourceRange } from '../diagnostics.js';

/** Throws a diagnostic for a user mistake at `range`. */
export function fail(ctx: { readonly file?: string }, range: SourceRange | undefined, message: string, code = 'semantic'): never {
  throw new DiagnosticError([{ severity: 'error', code, message, range, file: ctx.file }]);
}
