// The contract between the planner and the scalar function library: how a function is typed,
// documented and bound to a fast evaluator. Imports only runtime/types.
import type { LogicalType } from '../types/logicalType.js';

/** What an evaluator may read from its surroundings (injected: the runtime has no host clock). */
export interface FunctionContext {
  /** The session time zone (`table.local-time-zone`): an IANA name, `UTC`, or an offset like `+08:00`. */
  readonly localTimeZone: string;
  /** The job clock, in epoch milliseconds (CURRENT_TIMESTAMP, NOW, PROCTIME, ...). */
  now(): number;
  /** A seeded random number in [0, 1) (RAND, RAND_INTEGER, UUID without a seed). */
  random(): number;
}

/** Evaluates one call on already evaluated arguments (values as in runtime/types/logicalType.ts). */
export type ScalarEvaluator = (args: readonly unknown[]) => unknown;

/**
 * Per-argument literal values known at planning time, `undefined` where the argument is not a
 * literal (a SQL NULL literal is `null`). Used where Flink types a call from a literal, e.g.
 * TO_TIMESTAMP_LTZ(x, 0) → TIMESTAMP_LTZ(0).
 */
export type LiteralArgs = readonly unknown[];

/** A built-in scalar function of Flink SQL. */
export interface ScalarFunctionDef {
  /** Upper-case name as written in SQL, e.g. `UPPER`. */
  readonly name: string;
  /** Call shapes for docs and completion, e.g. `UPPER(STRING) → STRING`. */
  readonly signatures: readonly string[];
  /** One line: what the function means in Flink. */
  readonly description: string;
  /**
   * False when a call may give different results for the same arguments (RAND, NOW, ...).
   * For UNIX_TIMESTAMP this is false; use `isDeterministicCall` for a given arity.
   */
  readonly deterministic: boolean;
  /** Whether a call with `argCount` arguments is deterministic (defaults to `deterministic`). */
  isDeterministicCall?(argCount: number): boolean;
  /** The call's result type, or a message a Flink user understands when the arguments do not fit. */
  inferReturnType(argTypes: readonly LogicalType[], literals?: LiteralArgs): LogicalType | string;
  /**
   * A fast evaluator for arguments of `argTypes` (which must have passed `inferReturnType`;
   * throws otherwise). Most functions return NULL when any argument is NULL, as Flink does.
   * A runtime failure Flink would raise (e.g. MOD by zero) is thrown as `FunctionRuntimeError`.
   */
  bind(argTypes: readonly LogicalType[], ctx: FunctionContext, literals?: LiteralArgs): ScalarEvaluator;
}

/** A failure during evaluation that fails the job in Flink (e.g. `/ by zero`). */
export class FunctionRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionRuntimeError';
  }
}
