// A bound (typed, resolved) scalar expression: its SQL type, a description for plans, and a
// compiler that turns it into a fast evaluator for one subtask (functions may need the job clock
// and the subtask's seeded random stream, so evaluators are made per subtask).
import type { Row } from '../connectors/api.js';
import type { FunctionContext } from '../functions/functionDef.js';
import type { LogicalType } from '../types/logicalType.js';

/** Evaluates an expression over an input row. */
export type Evaluator = (row: Row) => unknown;

/** A typed expression ready to compile. */
export interface BoundExpr {
  readonly type: LogicalType;
  /** The expression as Flink's plan descriptions print it, e.g. `(amount * 2)`, `$0`. */
  readonly text: string;
  /** False if it calls a non-deterministic function (RAND, NOW, UUID, PROCTIME …). */
  readonly deterministic: boolean;
  /** Set when the expression is a plain reference to an input field. */
  readonly inputIndex?: number;
  /** Set when the expression is a literal known at planning time. */
  readonly literal?: { readonly value: unknown };
  /** Makes the evaluator of one subtask. */
  compile(ctx: FunctionContext): Evaluator;
}

/** A reference to input field `index`. */
export function inputRef(index: number, type: LogicalType, name: string): BoundExpr {
  return { type, text: name, deterministic: true, inputIndex: index, compile: () => (row) => row[index] };
}

/** A literal. */
export function literalExpr(value: unknown, type: LogicalType, text: string): BoundExpr {
  return { type, text, deterministic: true, literal: { value }, compile: () => () => value };
}

/** An expression computed from operands with a value-level function (NULLs are the function's business). */
export function derived(
  type: LogicalType,
  text: string,
  operands: readonly BoundExpr[],
  make: (ctx: FunctionContext) => (values: unknown[]) => unknown,
  deterministic = true,
): BoundExpr {
  return {
    type,
    text,
    deterministic: deterministic && operands.every((o) => o.deterministic),
    compile(ctx) {
      const evals = operands.map((o) => o.compile(ctx));
      const f = make(ctx);
      if (evals.length === 1) {
        const [a] = evals as [Evaluator];
        const args = [undefined as unknown];
        return (row) => {
          args[0] = a(row);
          return f(args);
        };
      }
      if (evals.length === 2) {
        const [a, b] = evals as [Evaluator, Evaluator];
        return (row) => f([a(row), b(row)]);
      }
      return (row) => f(evals.map((e) => e(row)));
    },
  };
}

/** A binary expression with a two-argument evaluator (the hot path of arithmetic and comparison). */
export function binary(type: LogicalType, text: string, left: BoundExpr, right: BoundExpr, op: (a: unknown, b: unknown) => unknown): BoundExpr {
  return {
    type,
    text,
    deterministic: left.deterministic && right.deterministic,
    compile(ctx) {
      const l = left.compile(ctx);
      const r = right.compile(ctx);
      if (right.literal) {
        const rv = right.literal.value;
        return (row) => op(l(row), rv);
      }
      return (row) => op(l(row), r(row));
    },
  };
}
