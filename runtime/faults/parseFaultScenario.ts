// Parses a fault scenario file (YAML) against a job's targets; every mistake is a diagnostic at the
// exact line and column of the offending node. Imports the yaml library and the fault model only.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { FAULT_ACTIONS, FAULT_ACTION_RULES, RECOVERY_PHASES, type FaultAction, type FaultScenario, type FaultSpec, type FaultTarget } from './faultModel.js';
import { resolveFaultTarget, vertexHasSink, type FaultTargets, type FaultTargetVertex } from './faultTargets.js';
import { parseFaultTrigger, TRIGGER_HELP } from './parseFaultTrigger.js';
import { prepareScenarioSource } from './scenarioSource.js';
import { describeValue, mapEntries, placeOf, readChoice, readInteger, readString, ScenarioReporter, type Entry } from './yamlNodes.js';

/** The result of parsing a scenario: the scenario when there is no error, and every diagnostic. */
export interface ParseFaultScenarioResult {
  readonly scenario?: FaultScenario;
  readonly diagnostics: Diagnostic[];
}

const ROOT_KEYS = ['seed', 'faults'] as const;
const FAULT_KEYS = ['name', 'action', 'target', 'when', 'factor', 'recoveryPhase'] as const;

/**
 * Parses a scenario file:
 * ```yaml
 * seed: 7                        # optional
 * faults:
 *   - name: kill one aggregate   # optional
 *     action: fail-task
 *     target: GroupAggregate[1]
 *     when: { afterRecords: 5000 }
 * ```
 * @param file the file name put on diagnostics
 * @param targets the job's vertices and TaskManagers the faults may target
 */
export function parseFaultScenario(text: string, file: string, targets: FaultTargets): ParseFaultScenarioResult {
  const source = prepareScenarioSource(text);
  const r = new ScenarioReporter(source, file);
  const doc = parseDocument(source.text, { prettyErrors: false, uniqueKeys: true });
  // Only the first syntax error: the ones after it are mostly the parser losing its footing.
  if (doc.errors.length > 0) {
    r.yamlProblem(doc.errors[0]!, 'error');
    return { diagnostics: r.diagnostics };
  }
  for (const w of doc.warnings) r.yamlProblem(w, 'warning');

  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) {
    r.error('missing-key', "The fault scenario is empty: it needs a 'faults:' list.", null);
    return { diagnostics: r.diagnostics };
  }
  if (!isMap(root)) {
    r.error('invalid-value', `A fault scenario is a mapping with 'faults:' (and an optional 'seed:'), got ${describeValue(root)}.`, root);
    return { diagnostics: r.diagnostics };
  }
  const entries = mapEntries(root, ROOT_KEYS, 'the scenario', r);
  const seedEntry = entries.get('seed');
  const seed = seedEntry ? readInteger(seedEntry, r, 0) : undefined;
  const faultsEntry = entries.get('faults');
  const faults: FaultSpec[] = [];
  if (!faultsEntry) {
    r.error('missing-key', "The fault scenario has no 'faults:' list.", root);
  } else if (faultsEntry.value === null) {
    r.warning('empty-scenario', "'faults' is empty: this scenario injects nothing.", faultsEntry.keyNode);
  } else if (!isSeq(faultsEntry.value)) {
    r.error('invalid-value', `'faults' must be a list (items start with '- '), got ${describeValue(faultsEntry.value)}.`, faultsEntry.value);
  } else {
    if (faultsEntry.value.items.length === 0) r.warning('empty-scenario', "'faults' is empty: this scenario injects nothing.", faultsEntry.value);
    for (const item of faultsEntry.value.items as Node[]) {
      const f = parseFault(item, targets, r);
      if (f) faults.push(f);
    }
  }
  if (r.hasErrors) return { diagnostics: r.diagnostics };
  const scenario: FaultScenario = seed === undefined ? { faults } : { seed, faults };
  return { scenario, diagnostics: r.diagnostics };
}

function parseFault(node: Node, targets: FaultTargets, r: ScenarioReporter): FaultSpec | undefined {
  if (!isMap(node)) {
    r.error('invalid-value', `Each fault is a mapping with 'action', 'target' and 'when', got ${describeValue(node)}.`, node);
    return undefined;
  }
  const errorsBefore = r.diagnostics.length;
  const e = mapEntries(node, FAULT_KEYS, 'a fault', r);

  const nameEntry = e.get('name');
  const name = nameEntry ? readString(nameEntry, r, 'a text label') : undefined;

  const actionEntry = e.get('action');
  let action: FaultAction | undefined;
  if (!actionEntry) r.error('missing-key', `This fault has no 'action': use one of ${FAULT_ACTIONS.join(', ')}.`, node);
  else action = readChoice(actionEntry, r, FAULT_ACTIONS, 'fault action', 'unknown-fault-action');

  const { target, vertex } = action ? parseTarget(action, e.get('target'), node, targets, r) : { target: undefined, vertex: undefined };
  const trigger = parseFaultTrigger(e.get('when'), node, action, target, vertex, r);

  let factor: number | undefined;
  let recoveryPhase: FaultSpec['recoveryPhase'];
  const factorEntry = e.get('factor');
  const phaseEntry = e.get('recoveryPhase');
  if (action) {
    const fields = FAULT_ACTION_RULES[action].fields;
    for (const [key, entry] of [
      ['factor', factorEntry],
      ['recoveryPhase', phaseEntry],
    ] as const) {
      if (entry && !fields.includes(key)) {
        const owner = key === 'factor' ? 'slow-task' : 'fail-during-recovery';
        r.error('unknown-key', `'${key}' applies only to '${owner}', not to '${action}'.`, entry.keyNode);
      } else if (!entry && fields.includes(key)) {
        const help = key === 'factor' ? 'factor: 4 (how many times slower, > 1)' : `recoveryPhase: one of ${RECOVERY_PHASES.join(', ')}`;
        r.error('missing-key', `'${action}' needs ${help}.`, actionEntry!.keyNode);
      }
    }
    if (factorEntry && fields.includes('factor')) factor = readFactor(factorEntry, r);
    if (phaseEntry && fields.includes('recoveryPhase')) recoveryPhase = readChoice(phaseEntry, r, RECOVERY_PHASES, 'recovery phase');
  }

  const failed = r.diagnostics.slice(errorsBefore).some((d) => d.severity === 'error');
  if (failed || !action || !trigger) return undefined;
  const range = r.rangeOf(node);
  return {
    ...(name !== undefined ? { name } : {}),
    action,
    ...(target !== undefined ? { target } : {}),
    trigger,
    ...(factor !== undefined ? { factor } : {}),
    ...(recoveryPhase !== undefined ? { recoveryPhase } : {}),
    ...(range ? { range } : {}),
  };
}

function parseTarget(
  action: FaultAction,
  entry: Entry | undefined,
  faultNode: Node,
  targets: FaultTargets,
  r: ScenarioReporter,
): { target?: FaultTarget; vertex?: FaultTargetVertex } {
  const rule = FAULT_ACTION_RULES[action];
  if (!entry || entry.value === null) {
    if (rule.target === 'optional-vertex') return {};
    const list =
      rule.target === 'taskmanager'
        ? `a TaskManager (${targets.taskManagers.join(', ')})`
        : `a vertex as \`explain\` shows it, with an optional [subtask] (${targets.vertices.map((v) => `'${v.name}'`).join(', ')})`;
    r.error('missing-key', `'${action}' needs a 'target': ${list}.`, entry ? entry.keyNode : faultNode);
    return {};
  }
  const value = entry.value;
  const text = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
  if (text === undefined) {
    r.error('invalid-value', `'target' must be a vertex name or a TaskManager id, got ${describeValue(value)}.`, placeOf(entry));
    return {};
  }
  const res = resolveFaultTarget(text, rule.target === 'taskmanager' ? 'taskmanager' : 'vertex', action, targets);
  if (!res.ok) {
    let where = r.rangeOf(value);
    const raw = value.range ? r.source.text.slice(value.range[0], value.range[1]) : '';
    const bracket = raw.lastIndexOf('[');
    if (res.atIndex && value.range && bracket >= 0 && !raw.includes('\n')) {
      const close = raw.indexOf(']', bracket);
      where = r.source.range(value.range[0] + bracket, value.range[0] + (close >= 0 ? close + 1 : raw.length));
    }
    r.error(res.code, res.message, where);
    return {};
  }
  if (rule.sinkOnly && res.vertex && !vertexHasSink(res.vertex)) {
    const sinks = targets.vertices.filter(vertexHasSink).map((v) => `'${v.name}'`);
    r.error(
      'fault-target-kind',
      `'${action}' needs a vertex with a sink, and '${res.vertex.name}' has none.${sinks.length > 0 ? ` Sink vertices: ${sinks.join(', ')}.` : ''}`,
      value,
    );
    return {};
  }
  return { target: res.target, vertex: res.vertex };
}

function readFactor(entry: Entry, r: ScenarioReporter): number | undefined {
  const v = entry.value;
  if (!v || !isScalar(v) || typeof v.value !== 'number' || !Number.isFinite(v.value)) {
    r.error('invalid-value', `'factor' must be a number greater than 1 (how many times slower), got ${describeValue(v)}.`, placeOf(entry));
    return undefined;
  }
  if (v.value < 0) {
    r.error('negative-value', `'factor' must not be negative, got ${v.value}; it is how many times slower the task runs (> 1).`, v);
    return undefined;
  }
  if (v.value <= 1) {
    r.error('invalid-value', `'factor' must be greater than 1 (how many times slower the task runs), got ${v.value}.`, v);
    return undefined;
  }
  return v.value;
}

/** The trigger syntax, for help texts. */
export const FAULT_TRIGGER_HELP = TRIGGER_HELP;
