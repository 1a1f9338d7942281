// Fault targets: the vertices and TaskManagers of a job, and resolving a scenario's target text
// (`GroupAggregate[1]`, `Sink: counts[0]`, `tm-1`) against them. Imports engine types and config's didYouMean.
import { closestMatch } from '../config/didYouMean.js';
import type { JobGraph } from '../engine/jobGraph.js';
import { isSinkOperatorName, type FaultAction, type FaultTarget, type TargetRule } from './faultModel.js';

/** A vertex a fault can target. */
export interface FaultTargetVertex {
  /** The job vertex id. */
  readonly id: number;
  /** The vertex name as `explain` shows it: chained operator names joined with ` -> `. */
  readonly name: string;
  /** The names of the operators chained in the vertex (each is accepted as a target too). */
  readonly operatorNames: readonly string[];
  readonly parallelism: number;
  /** Whether the vertex has keyed state (needed by `onKey`); unknown when absent. */
  readonly keyed?: boolean;
  /** Whether the vertex contains a sink; derived from `Sink: ` operator names when absent. */
  readonly hasSink?: boolean;
}

/** Everything a scenario may target in one job. */
export interface FaultTargets {
  readonly vertices: readonly FaultTargetVertex[];
  /** TaskManager ids, `tm-0`, `tm-1`, … */
  readonly taskManagers: readonly string[];
}

/** The targets of a job graph running on the given TaskManagers. */
export function faultTargetsOf(graph: JobGraph, taskManagerIds: readonly string[]): FaultTargets {
  return {
    vertices: graph.vertices.map((v) => {
      const operatorNames = v.name.split(' -> ');
      return {
        id: v.id,
        name: v.name,
        operatorNames,
        parallelism: v.parallelism,
        keyed: v.key !== undefined,
        hasSink: operatorNames.some(isSinkOperatorName),
      };
    }),
    taskManagers: [...taskManagerIds],
  };
}

/** Whether a vertex target contains a sink. */
export function vertexHasSink(v: FaultTargetVertex): boolean {
  return v.hasSink ?? v.operatorNames.some(isSinkOperatorName);
}

/** The outcome of resolving a target text. */
export type TargetResolution =
  | { readonly ok: true; readonly target: FaultTarget; readonly vertex?: FaultTargetVertex }
  | {
      readonly ok: false;
      /** Diagnostic code. */
      readonly code: 'unknown-fault-target' | 'ambiguous-fault-target' | 'subtask-out-of-range' | 'fault-target-kind';
      readonly message: string;
      /** True when the problem is the `[i]` suffix rather than the whole text. */
      readonly atIndex?: boolean;
    };

/** The text a target is written as: the vertex name with an optional `[i]`, or the TaskManager id. */
export function formatFaultTarget(target: FaultTarget): string {
  if (target.kind === 'taskmanager') return target.taskManagerId;
  return target.subtask === undefined ? target.vertexName : `${target.vertexName}[${target.subtask}]`;
}

type ByName = { vertex: FaultTargetVertex } | { ambiguous: FaultTargetVertex[] } | undefined;

function byName(name: string, targets: FaultTargets): ByName {
  const whole = targets.vertices.find((v) => v.name === name);
  if (whole) return { vertex: whole };
  const owners = targets.vertices.filter((v) => v.operatorNames.includes(name));
  if (owners.length === 1) return { vertex: owners[0]! };
  if (owners.length > 1) return { ambiguous: owners };
  return undefined;
}

const SUBTASK_SUFFIX = /^(.*?)\s*\[([^[\]]*)\]$/s;
const TM_ID = /^tm-\d+$/;

/**
 * Resolves a target text for an action whose rule is `rule`. A vertex is named by its whole name
 * or by any one operator chained in it, optionally followed by a 0-based `[subtask]`.
 */
export function resolveFaultTarget(text: string, rule: TargetRule, action: FaultAction, targets: FaultTargets): TargetResolution {
  const t = text.trim();
  const tmList = targets.taskManagers.join(', ');
  if (rule === 'taskmanager') {
    if (targets.taskManagers.includes(t)) return { ok: true, target: { kind: 'taskmanager', taskManagerId: t } };
    if (TM_ID.test(t)) {
      return {
        ok: false,
        code: 'unknown-fault-target',
        message: `TaskManager '${t}' does not exist: this job runs on ${targets.taskManagers.length} TaskManager(s): ${tmList}.`,
      };
    }
    if (resolveVertex(t, targets).ok) {
      return {
        ok: false,
        code: 'fault-target-kind',
        message: `'${action}' targets a TaskManager (${tmList}), not a vertex; to fail a subtask use 'fail-task'.`,
      };
    }
    const guess = closestMatch(t, targets.taskManagers);
    return {
      ok: false,
      code: 'unknown-fault-target',
      message: `Unknown TaskManager '${t}'.${guess ? ` Did you mean '${guess}'?` : ''} Valid TaskManagers: ${tmList}.`,
    };
  }
  const r = resolveVertex(t, targets);
  if (r.ok) return r;
  if (r.code === 'unknown-fault-target' && (targets.taskManagers.includes(t) || TM_ID.test(t))) {
    return {
      ok: false,
      code: 'fault-target-kind',
      message: `'${action}' targets a vertex as \`explain\` shows it, optionally with a [subtask], not a TaskManager; to lose a TaskManager use 'kill-taskmanager'. ${validVertexList(targets)}`,
    };
  }
  return r;
}

function resolveVertex(t: string, targets: FaultTargets): TargetResolution {
  const whole = byName(t, targets);
  if (whole && 'vertex' in whole) {
    return { ok: true, target: { kind: 'vertex', vertexId: whole.vertex.id, vertexName: whole.vertex.name }, vertex: whole.vertex };
  }
  if (whole) return ambiguous(t, whole.ambiguous);
  const m = SUBTASK_SUFFIX.exec(t);
  if (!m) return unknown(t, targets);
  const base = m[1]!;
  const index = m[2]!.trim();
  const found = byName(base, targets);
  if (!found) return unknown(base, targets);
  if ('ambiguous' in found) return ambiguous(base, found.ambiguous);
  const v = found.vertex;
  const range = v.parallelism === 1 ? 'the only valid index is 0' : `valid indexes are 0..${v.parallelism - 1}`;
  if (!/^\d+$/.test(index)) {
    return {
      ok: false,
      code: 'subtask-out-of-range',
      atIndex: true,
      message: `Subtask index '${index}' is not a 0-based integer: '${v.name}' has parallelism ${v.parallelism}, ${range}.`,
    };
  }
  const subtask = Number(index);
  if (subtask >= v.parallelism) {
    return {
      ok: false,
      code: 'subtask-out-of-range',
      atIndex: true,
      message: `Subtask index ${index} is out of range: '${v.name}' has parallelism ${v.parallelism}, so ${range} (0-based).`,
    };
  }
  return { ok: true, target: { kind: 'vertex', vertexId: v.id, vertexName: v.name, subtask }, vertex: v };
}

function ambiguous(name: string, owners: readonly FaultTargetVertex[]): TargetResolution {
  return {
    ok: false,
    code: 'ambiguous-fault-target',
    message: `Target '${name}' is ambiguous: it is an operator of ${owners.length} vertices (${owners.map((v) => `'${v.name}'`).join(', ')}); write the whole vertex name.`,
  };
}

function unknown(name: string, targets: FaultTargets): TargetResolution {
  const names = targets.vertices.flatMap((v) => [v.name, ...v.operatorNames]);
  const guess = closestMatch(name, names);
  return {
    ok: false,
    code: 'unknown-fault-target',
    message: `Unknown target '${name}'.${guess ? ` Did you mean '${guess}'?` : ''} ${validVertexList(targets)}`,
  };
}

/** "Valid targets: 'A' (or one of its operators: 'x', 'y'), 'B', each with an optional [subtask]." */
function validVertexList(targets: FaultTargets): string {
  const items = targets.vertices.map((v) =>
    v.operatorNames.length > 1 ? `'${v.name}' (or one of its operators: ${v.operatorNames.map((o) => `'${o}'`).join(', ')})` : `'${v.name}'`,
  );
  return `Valid targets: ${items.join(', ')}, each with an optional 0-based [subtask].`;
}
