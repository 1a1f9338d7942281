// Building blocks for function definitions: arity and argument checks with Flink-style messages,
// and NULL-propagating evaluator wrappers. Imports only functions/ siblings and runtime/types.
import type { LogicalType } from '../types/logicalType.js';
import type { FunctionContext, LiteralArgs, ScalarEvaluator, ScalarFunctionDef } from './functionDef.js';
import { typeName } from './types.js';

/** What a function definition provides; `defineFunction` adds the arity check and bind guard. */
export interface FunctionSpec {
  readonly name: string;
  readonly signatures: readonly string[];
  readonly description: string;
  readonly deterministic?: boolean;
  readonly isDeterministicCall?: (argCount: number) => boolean;
  /** Minimum and maximum argument count (max Infinity for varargs). */
  readonly arity: readonly [number, number];
  /** Result type for arguments of a valid count, or an error message. */
  readonly check: (argTypes: readonly LogicalType[], literals: LiteralArgs) => LogicalType | string;
  readonly bind: (argTypes: readonly LogicalType[], ctx: FunctionContext, literals: LiteralArgs) => ScalarEvaluator;
}

/** A ScalarFunctionDef from a spec. */
export function defineFunction(spec: FunctionSpec): ScalarFunctionDef {
  const infer = (argTypes: readonly LogicalType[], literals: LiteralArgs = []): LogicalType | string => {
    const [min, max] = spec.arity;
    if (argTypes.length < min || argTypes.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      return `Invalid number of arguments to function '${spec.name}'. Was expecting ${expected} arguments, got ${argTypes.length}.`;
    }
    return spec.check(argTypes, literals);
  };
  const def: ScalarFunctionDef = {
    name: spec.name,
    signatures: spec.signatures,
    description: spec.description,
    deterministic: spec.deterministic ?? true,
    inferReturnType: infer,
    bind(argTypes, ctx, literals = []) {
      const t = infer(argTypes, literals);
      if (typeof t === 'string') throw new Error(`bind(${spec.name}) on invalid arguments: ${t}`);
      return spec.bind(argTypes, ctx, literals);
    },
  };
  if (spec.isDeterministicCall) def.isDeterministicCall = spec.isDeterministicCall;
  return def;
}

/** A copy of `def` under another name (SUBSTR for SUBSTRING, ...). */
export function aliasFunction(def: ScalarFunctionDef, name: string): ScalarFunctionDef {
  return { ...def, name, signatures: def.signatures.map((s) => s.replace(def.name, name)) };
}

/**
 * Checks argument `index` (0-based) against `accepts`; returns Flink-style
 * "Invalid argument type for F: expected X, got Y" (with the argument number when there are
 * several), or undefined.
 */
export function checkArg(
  fn: string,
  argTypes: readonly LogicalType[],
  index: number,
  accepts: (t: LogicalType) => boolean,
  expected: string,
): string | undefined {
  const t = argTypes[index];
  if (t === undefined || accepts(t)) return undefined;
  const which = argTypes.length > 1 ? ` (argument ${index + 1})` : '';
  return `Invalid argument type for ${fn}: expected ${expected}, got ${typeName(t)}${which}`;
}

/** The first error of several checks, or undefined. */
export function firstError(...errors: Array<string | undefined>): string | undefined {
  for (const e of errors) if (e !== undefined) return e;
  return undefined;
}

/** NULL if the argument is NULL, else `f(a)`. */
export function strict1<A>(f: (a: A) => unknown): ScalarEvaluator {
  return (args) => {
    const a = args[0];
    return a === null || a === undefined ? null : f(a as A);
  };
}
/** NULL if any of two arguments is NULL, else `f(a, b)`. */
export function strict2<A, B>(f: (a: A, b: B) => unknown): ScalarEvaluator {
  return (args) => {
    const a = args[0];
    const b = args[1];
    return a === null || a === undefined || b === null || b === undefined ? null : f(a as A, b as B);
  };
}
/** NULL if any argument is NULL, else `f(args)`. */
export function strictN(f: (args: readonly unknown[]) => unknown): ScalarEvaluator {
  return (args) => {
    for (const a of args) if (a === null || a === undefined) return null;
    return f(args);
  };
}

/** A number for an integral value (number or bigint), clamped to the safe range. */
export function toNumber(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : (v as number);
}
