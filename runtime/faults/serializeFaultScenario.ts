// Writes a fault scenario as YAML that `parseFaultScenario` reads back to the same scenario (chaos
// testing prints reproducers with it). Imports the yaml library and the fault model.
import { Document, isMap, isSeq, type Node } from 'yaml';
import { formatFaultDuration } from './faultDuration.js';
import type { FaultScenario, FaultSpec, FaultTrigger } from './faultModel.js';
import { formatFaultTarget } from './faultTargets.js';

function triggerObject(t: FaultTrigger): Record<string, unknown> {
  switch (t.kind) {
    case 'afterRecords':
      return { afterRecords: t.records };
    case 'atTime':
      return { atTime: formatFaultDuration(t.atMs) };
    case 'checkpoint':
      return { checkpoint: t.checkpointId, phase: t.phase };
    case 'onKey':
      return { onKey: Array.isArray(t.key) ? [...t.key] : t.key };
    case 'restart':
      return { restart: t.restart };
  }
}

function faultObject(f: FaultSpec): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  if (f.name !== undefined) o.name = f.name;
  o.action = f.action;
  if (f.target !== undefined) o.target = formatFaultTarget(f.target);
  o.when = triggerObject(f.trigger);
  if (f.factor !== undefined) o.factor = f.factor;
  if (f.recoveryPhase !== undefined) o.recoveryPhase = f.recoveryPhase;
  return o;
}

/**
 * The scenario as a YAML file in the style of the documentation (`when` as a flow mapping).
 * @param comment optional first-line comment, e.g. `reproduces chaos schedule 17 (seed 42)`
 */
export function serializeFaultScenario(scenario: FaultScenario, comment?: string): string {
  const plain: Record<string, unknown> = {};
  if (scenario.seed !== undefined) plain.seed = scenario.seed;
  plain.faults = scenario.faults.map(faultObject);
  const doc = new Document(plain);
  const faults = doc.get('faults', true) as Node | undefined;
  if (faults && isSeq(faults)) {
    for (const item of faults.items) {
      if (!isMap(item)) continue;
      const when = item.get('when', true) as Node | undefined;
      if (when && isMap(when)) when.flow = true;
    }
  }
  if (comment !== undefined) doc.commentBefore = ` ${comment.replace(/\r?\n/g, ' ')}`;
  return doc.toString({ lineWidth: 0 });
}
