// Parses a fault's `when:` mapping into a FaultTrigger and checks it against the action's rule.
// Imports the yaml library, the fault model and the YAML node helpers.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseFaultDuration } from './faultDuration.js';
import {
  CHECKPOINT_PHASES,
  FAULT_ACTION_RULES,
  TRIGGER_KINDS,
  type FaultAction,
  type FaultKeyField,
  type FaultTarget,
  type FaultTrigger,
} from './faultModel.js';
import type { FaultTargetVertex } from './faultTargets.js';
import { describeValue, mapEntries, placeOf, readChoice, readInteger, type Entry, type ScenarioReporter } from './yamlNodes.js';

const WHEN_KEYS = [...TRIGGER_KINDS, 'phase'] as const;

/** `afterRecords: N`, `atTime: 2.5s`, `checkpoint: N, phase: P`, `onKey: V`, or `restart: N`. */
export const TRIGGER_HELP = 'afterRecords: N, atTime: <duration>, checkpoint: N with phase: <phase>, onKey: <key>, or restart: N';

function join(list: readonly string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

/**
 * Reads the trigger of a fault whose action is `action` (known) and whose target resolved to
 * `target`/`vertex` (either may be absent). Reports and returns undefined on any mistake.
 */
export function parseFaultTrigger(
  when: Entry | undefined,
  faultNode: Node,
  action: FaultAction | undefined,
  target: FaultTarget | undefined,
  vertex: FaultTargetVertex | undefined,
  r: ScenarioReporter,
): FaultTrigger | undefined {
  if (!when || when.value === null) {
    r.error('missing-fault-trigger', `This fault has no trigger: add 'when:' with one of ${TRIGGER_HELP}.`, when ? when.keyNode : faultNode);
    return undefined;
  }
  if (!isMap(when.value)) {
    r.error('invalid-fault-trigger', `'when' must be a mapping such as { afterRecords: 5000 }, got ${describeValue(when.value)}.`, when.value);
    return undefined;
  }
  const entries = mapEntries(when.value, WHEN_KEYS, `'when'`, r);
  const kinds = TRIGGER_KINDS.filter((k) => entries.has(k));
  if (kinds.length === 0) {
    if (entries.has('phase')) {
      r.error('invalid-fault-trigger', `'phase' goes with 'checkpoint': write { checkpoint: N, phase: ... }.`, entries.get('phase')!.keyNode);
    } else if (when.value.items.length === 0) {
      // (A 'when' whose keys are all unknown was already reported key by key.)
      r.error('missing-fault-trigger', `'when' names no trigger: use one of ${TRIGGER_HELP}.`, when.value);
    }
    return undefined;
  }
  if (kinds.length > 1) {
    r.error(
      'invalid-fault-trigger',
      `A fault has exactly one trigger, but 'when' has ${join(kinds.map((k) => `'${k}'`))}; write one fault per trigger.`,
      entries.get(kinds[1]!)!.keyNode,
    );
    return undefined;
  }
  const kind = kinds[0]!;
  const entry = entries.get(kind)!;
  if (kind !== 'checkpoint' && entries.has('phase')) {
    r.error('invalid-fault-trigger', `'phase' goes only with 'checkpoint', not with '${kind}'.`, entries.get('phase')!.keyNode);
    return undefined;
  }
  const rule = action ? FAULT_ACTION_RULES[action] : undefined;
  if (rule && !rule.triggers.includes(kind)) {
    r.error(
      'invalid-fault-trigger',
      `'${action}' cannot be triggered by '${kind}': use ${join(rule.triggers.map((t) => `'${t}'`))}.`,
      entry.keyNode,
    );
    return undefined;
  }
  if ((kind === 'afterRecords' || kind === 'onKey') && target?.kind !== 'vertex' && target !== undefined) {
    r.error('invalid-fault-trigger', `'${kind}' counts what a vertex processes; it needs a vertex target, not a TaskManager.`, entry.keyNode);
    return undefined;
  }
  switch (kind) {
    case 'afterRecords': {
      const records = readInteger(entry, r, 0);
      return records === undefined ? undefined : { kind, records };
    }
    case 'restart': {
      const restart = readInteger(entry, r, 1, 'the first restart is 1');
      return restart === undefined ? undefined : { kind, restart };
    }
    case 'atTime':
      return readAtTime(entry, r);
    case 'checkpoint': {
      const checkpointId = readInteger(entry, r, 1, 'checkpoint ids start at 1');
      const phaseEntry = entries.get('phase');
      if (!phaseEntry) {
        const allowed = rule ? rule.phases : CHECKPOINT_PHASES;
        r.error('invalid-fault-trigger', `'checkpoint' needs a 'phase': one of ${allowed.join(', ')}.`, entry.keyNode);
        return undefined;
      }
      const phase = readChoice(phaseEntry, r, CHECKPOINT_PHASES, 'checkpoint phase', 'invalid-fault-trigger');
      if (phase === undefined || checkpointId === undefined) return undefined;
      if (rule && !rule.phases.includes(phase)) {
        r.error(
          'invalid-fault-trigger',
          `'${action}' cannot happen at checkpoint phase '${phase}': use ${join(rule.phases.map((p) => `'${p}'`))}.`,
          placeOf(phaseEntry),
        );
        return undefined;
      }
      const withTarget = target !== undefined ? rule?.phasesWithTarget : undefined;
      if (withTarget && !withTarget.includes(phase)) {
        r.error(
          'invalid-fault-trigger',
          `'${action}' with a target cannot happen at checkpoint phase '${phase}': use ${join(withTarget.map((p) => `'${p}'`))}, or remove the target.`,
          placeOf(phaseEntry),
        );
        return undefined;
      }
      return { kind, checkpointId, phase };
    }
    case 'onKey': {
      if (vertex?.keyed === false) {
        r.error('invalid-fault-trigger', `'onKey' needs a keyed vertex, but '${vertex.name}' has no key (it is not after a GROUP BY or other keyed shuffle).`, entry.keyNode);
        return undefined;
      }
      return readOnKey(entry, r);
    }
  }
}

function readAtTime(entry: Entry, r: ScenarioReporter): FaultTrigger | undefined {
  const v = entry.value;
  let text: string | undefined;
  if (v && isScalar(v) && typeof v.value === 'number') {
    if (v.value < 0) {
      r.error('negative-value', `'atTime' must not be negative, got ${v.value}.`, v);
      return undefined;
    }
    text = String(v.value);
  } else if (v && isScalar(v) && typeof v.value === 'string') {
    text = v.value;
  } else {
    r.error('invalid-value', `'atTime' must be a duration such as 500ms, 2.5s or 1 min, got ${describeValue(v)}.`, placeOf(entry));
    return undefined;
  }
  const ms = parseFaultDuration(text);
  if (typeof ms === 'string') {
    const code = text.trim().startsWith('-') ? 'negative-value' : 'invalid-duration';
    r.error(code, `Invalid duration '${text}' for 'atTime': ${ms}.`, v);
    return undefined;
  }
  return { kind: 'atTime', atMs: ms };
}

function keyField(node: Node, r: ScenarioReporter): FaultKeyField | undefined {
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  r.error('invalid-value', `A key for 'onKey' is a text, a number or a boolean (a list of them for a composite key), got ${describeValue(node)}.`, node);
  return undefined;
}

function readOnKey(entry: Entry, r: ScenarioReporter): FaultTrigger | undefined {
  const v = entry.value;
  if (v === null) {
    r.error('invalid-value', `'onKey' needs a key value, e.g. onKey: user-42.`, entry.keyNode);
    return undefined;
  }
  if (isSeq(v)) {
    const fields: FaultKeyField[] = [];
    for (const item of v.items as Node[]) {
      const f = keyField(item, r);
      if (f === undefined) return undefined;
      fields.push(f);
    }
    if (fields.length === 0) {
      r.error('invalid-value', `'onKey' needs at least one key field.`, v);
      return undefined;
    }
    return { kind: 'onKey', key: fields };
  }
  const f = keyField(v, r);
  return f === undefined ? undefined : { kind: 'onKey', key: f };
}
