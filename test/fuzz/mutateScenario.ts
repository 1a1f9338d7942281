// Mutations of a fault scenario (YAML) for the fuzz suite: hostile values in a fault's fields,
// unknown actions and targets, many faults at once, deep nesting, alias bombs, and the job-file
// text mutations applied to the YAML text. Pure functions of a Rng; uses the yaml package.
import { parse, stringify } from 'yaml';
import type { Rng } from './fuzzSeed.js';
import { mutateText, type Mutant } from './mutateText.js';

const ACTIONS = ['fail-task', 'kill-taskmanager', 'decline-checkpoint', 'expire-checkpoint', 'corrupt-checkpoint', 'fail-checkpoint-storage', 'crash-sink-commit', 'slow-task', 'fail-during-recovery'];
const HOSTILE: readonly unknown[] = [-1, 0, 1e9, 1e-300, 1e308, -1e308, Number.NaN, 'abc', '', null, [], {}, true, '9999999h', '-5s', '0 ms', '1e-300s', 'x'.repeat(10_000), 2 ** 53 + 1, [1, [2, [3]]], { checkpoint: -3, phase: 'nowhen' }];

/** The kinds of scenario mutation, in a fixed order. */
export const SCENARIO_MUTATIONS = ['hostileValue', 'randomFaults', 'text', 'manyFaults', 'hostileValue', 'deepNesting', 'text', 'aliasBomb'] as const;

/** Applies a scenario mutation (a random one unless named) to `yamlText`, given targets of the job. */
export function mutateScenario(yamlText: string, targets: readonly string[], rng: Rng, kind: (typeof SCENARIO_MUTATIONS)[number] = rng.pick(SCENARIO_MUTATIONS)): Mutant {
  if (kind === 'text') return mutateText(yamlText, rng);
  if (kind === 'deepNesting') {
    const depth = rng.pick([500, 5000]);
    return { how: `deepNesting: a fault's 'when' nested ${depth} deep`, bytes: Buffer.from(`faults:\n  - action: fail-task\n    when: ${'['.repeat(depth)}${']'.repeat(depth)}\n`) };
  }
  if (kind === 'aliasBomb') {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    return { how: 'aliasBomb: nine levels of ten aliases each', bytes: Buffer.from(`${lines.join('\n')}\nfaults: *a8\n`) };
  }
  let doc: { seed?: unknown; faults?: Record<string, unknown>[] };
  try {
    doc = (parse(yamlText) ?? {}) as typeof doc;
  } catch {
    // A scenario the yaml package reads only leniently (an unquoted `target: Source: x[0]`): text mutations.
    return mutateText(yamlText, rng);
  }
  const faults = Array.isArray(doc.faults) ? doc.faults : (doc.faults = []);
  const randomFault = (): Record<string, unknown> => ({
    name: `fuzz-${rng.int(1000)}`,
    action: rng.pick(ACTIONS),
    ...(rng.chance(0.8) ? { target: rng.pick(targets) } : {}),
    when: rng.pick([{ afterRecords: rng.int(500) }, { atTime: `${rng.int(5000)}ms` }, { checkpoint: rng.between(1, 8), phase: rng.pick(['triggered', 'aligned', 'acknowledged', 'completed', 'committed']) }, { restart: rng.between(1, 3) }, { onKey: rng.pick(['user-1', 1, 'x']) }]),
    ...(rng.chance(0.3) ? { factor: rng.pick([2, 10, 1e9]) } : {}),
    ...(rng.chance(0.2) ? { duration: rng.pick(['1s', '100ms', '1h']) } : {}),
  });
  let how: string;
  if (kind === 'hostileValue') {
    if (faults.length === 0) faults.push(randomFault());
    const f = rng.pick(faults);
    const field = rng.pick(['action', 'target', 'when', 'factor', 'name', 'duration', 'seed', 'when.afterRecords', 'when.atTime', 'when.checkpoint', 'when.phase']);
    const value = rng.pick(HOSTILE);
    if (field === 'seed') doc.seed = value;
    else if (field.startsWith('when.')) f.when = { ...(typeof f.when === 'object' && f.when ? f.when : {}), [field.slice(5)]: value };
    else f[field] = value;
    how = `hostileValue: ${field} = ${JSON.stringify(value)?.slice(0, 40)}`;
  } else if (kind === 'randomFaults') {
    const n = rng.between(1, 5);
    for (let i = 0; i < n; i++) faults.push(randomFault());
    how = `randomFaults: ${n} random faults added`;
  } else {
    const n = rng.pick([20, 40]);
    for (let i = 0; i < n; i++) faults.push(randomFault());
    how = `manyFaults: ${n} random faults added`;
  }
  return { how, bytes: Buffer.from(stringify(doc)) };
}
