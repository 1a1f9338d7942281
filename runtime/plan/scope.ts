// The fields an expression can see: the input row's columns with their names, qualifiers
// (table name or alias) and types; resolves column references as Flink does (case-sensitive).
import type { ColumnReference } from '../sql/ast.js';
import type { LogicalType } from '../types/logicalType.js';

/** One visible field. */
export interface Field {
  readonly name: string;
  readonly type: LogicalType;
  /** The table name or alias that qualifies it (`t` in `t.col`). */
  readonly qualifier?: string;
}

/** What a column reference resolved to. */
export type Resolution = { readonly index: number; readonly field: Field } | { readonly error: string };

/** The row type an expression is bound against. */
export class Scope {
  constructor(readonly fields: readonly Field[]) {}

  /** Resolves `col` or `t.col`. */
  resolve(ref: ColumnReference): Resolution {
    const parts = ref.parts.map((p) => p.name);
    if (parts.length > 2) return { error: `Nested field access '${parts.join('.')}' is not supported by Checkpoint Lab yet` };
    const [qualifier, name] = parts.length === 2 ? [parts[0], parts[1]!] : [undefined, parts[0]!];
    const matches: number[] = [];
    this.fields.forEach((f, i) => {
      if (f.name === name && (qualifier === undefined || f.qualifier === qualifier)) matches.push(i);
    });
    if (matches.length === 1) return { index: matches[0]!, field: this.fields[matches[0]!]! };
    if (matches.length > 1) return { error: `Column '${name}' is ambiguous` };
    if (qualifier !== undefined && !this.fields.some((f) => f.qualifier === qualifier)) {
      return { error: `Table '${qualifier}' not found` };
    }
    const caseInsensitive = this.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    const hint = caseInsensitive ? ` Did you mean '${caseInsensitive.name}'? (identifiers are case-sensitive)` : '';
    return { error: `Column '${parts.join('.')}' not found in any table.${hint}` };
  }
}
