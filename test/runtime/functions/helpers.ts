// Shared helpers for the function tests: typed calls with a fixed test context.
import assert from 'node:assert/strict';
import type { FunctionContext, LiteralArgs } from '../../../runtime/functions/functionDef.js';
import { lookupFunction } from '../../../runtime/functions/registry.js';
import type { LogicalType } from '../../../runtime/types/logicalType.js';

/** A deterministic context: UTC, clock at `now`, random() cycling through `randoms`. */
export function testContext(over: Partial<{ localTimeZone: string; now: number; randoms: number[] }> = {}): FunctionContext {
  const randoms = over.randoms ?? [0.25, 0.5, 0.75];
  let i = 0;
  return {
    localTimeZone: over.localTimeZone ?? 'UTC',
    now: () => over.now ?? 1_700_000_000_123,
    random: () => randoms[i++ % randoms.length]!,
  };
}

/** Binds `name` for `types` and evaluates it on `args`. */
export function call(name: string, types: LogicalType[], args: unknown[], ctx: FunctionContext = testContext(), literals?: LiteralArgs): unknown {
  const def = lookupFunction(name);
  assert.ok(def, `function ${name} is registered`);
  const t = def.inferReturnType(types, literals);
  assert.notEqual(typeof t, 'string', `${name} accepts the types: ${String(t)}`);
  return def.bind(types, ctx, literals)(args);
}

/** The inferred return type (or error message) of `name` for `types`. */
export function infer(name: string, types: LogicalType[], literals?: LiteralArgs): LogicalType | string {
  const def = lookupFunction(name);
  assert.ok(def, `function ${name} is registered`);
  return def.inferReturnType(types, literals);
}
