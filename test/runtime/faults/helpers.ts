// Shared fixtures for fault-model tests: a sample job's targets and diagnostic helpers.
import type { Diagnostic } from '../../../runtime/diagnostics.js';
import type { FaultScenario } from '../../../runtime/faults/faultModel.js';
import type { FaultTargets } from '../../../runtime/faults/faultTargets.js';

/** `Source: clicks` (p=2) --HASH--> `GroupAggregate -> Sink: counts` (p=2), on tm-0 and tm-1. */
export const TARGETS: FaultTargets = {
  vertices: [
    { id: 0, name: 'Source: clicks', operatorNames: ['Source: clicks'], parallelism: 2, keyed: false },
    { id: 1, name: 'GroupAggregate -> Sink: counts', operatorNames: ['GroupAggregate', 'Sink: counts'], parallelism: 2, keyed: true },
  ],
  taskManagers: ['tm-0', 'tm-1'],
};

/** The diagnostic's start as `line:column`. */
export function where(d: Diagnostic): string {
  return `${d.range!.start.line}:${d.range!.start.column}`;
}

/** The text of `source` from the diagnostic's start position onwards (to check it points at the right token). */
export function textAt(source: string, d: Diagnostic): string {
  const lines = source.split('\n');
  return lines[d.range!.start.line - 1]!.slice(d.range!.start.column - 1);
}

/** The scenario without source ranges (what a schedule built in code looks like). */
export function withoutRanges(s: FaultScenario): FaultScenario {
  return {
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
    faults: s.faults.map(({ range: _range, ...rest }) => rest),
  };
}
