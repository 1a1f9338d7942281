// The scalar function registry the planner uses: name → definition (case-insensitive), with
// Flink's aliases. Imports functions/ only.
import { CONDITIONAL_FUNCTIONS } from './conditionalFunctions.js';
import { aliasFunction } from './define.js';
import type { ScalarFunctionDef } from './functionDef.js';
import { MATH_FUNCTIONS } from './mathFunctions.js';
import { RANDOM_FUNCTIONS } from './randomFunctions.js';
import { STRING_FUNCTIONS } from './stringFunctions.js';
import { TEMPORAL_FUNCTIONS } from './temporalFunctions.js';

/** Alias → canonical name. */
const ALIASES: Readonly<Record<string, string>> = {
  CHARACTER_LENGTH: 'CHAR_LENGTH',
  SUBSTR: 'SUBSTRING',
  CEILING: 'CEIL',
  LOCALTIME: 'CURRENT_TIME',
};

const registry = new Map<string, ScalarFunctionDef>();
for (const def of [...STRING_FUNCTIONS, ...MATH_FUNCTIONS, ...CONDITIONAL_FUNCTIONS, ...TEMPORAL_FUNCTIONS, ...RANDOM_FUNCTIONS]) {
  if (registry.has(def.name)) throw new Error(`duplicate function ${def.name}`);
  registry.set(def.name, def);
}
for (const [alias, name] of Object.entries(ALIASES)) registry.set(alias, aliasFunction(registry.get(name)!, alias));

/** The built-in scalar function called `name` (any case), or undefined. */
export function lookupFunction(name: string): ScalarFunctionDef | undefined {
  return registry.get(name.toUpperCase());
}

/** Every registered function (aliases included), sorted by name, for docs and completion. */
export function listFunctions(): readonly ScalarFunctionDef[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
