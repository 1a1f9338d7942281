// Validation of what `_metadata` carries for the runtime besides keyed state: each subtask's
// operator state (source position, operator states, in-flight channel state). The storage layer
// checks the checkpoint's shape; this checks the content a restore acts on, so a crafted or damaged
// checkpoint is reported (file and field) before any file is touched. Imports connectors' validators.
import { validateFilesystemSinkState } from '../connectors/filesystemSinkState.js';
import type { CheckpointMetadata } from './storage/index.js';

/** Most operators a chain holds, and most in-flight buffers per subtask, that a decoded state may list. */
const MAX_OPERATORS = 1_000;
const MAX_CHANNEL_BUFFERS = 1_000_000;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Whether an operator's state is a filesystem sink's (it has the sink's fields). */
function looksLikeSinkState(v: unknown): boolean {
  return isRecord(v) && ('partFileId' in v || 'partCounter' in v || 'pending' in v || 'inProgress' in v);
}

function validateOperatorState(op: unknown, where: string): string | undefined {
  if (op === undefined) return undefined;
  if (!isRecord(op)) return `${where} is not a record`;
  if (op.operators !== undefined && !Array.isArray(op.operators)) return `${where}.operators is not a list`;
  const operators = (op.operators ?? []) as unknown[];
  if (operators.length > MAX_OPERATORS) return `${where}.operators lists ${operators.length} operators`;
  for (const [i, s] of operators.entries()) {
    if (!looksLikeSinkState(s)) continue;
    const problem = validateFilesystemSinkState(s);
    if (problem !== undefined) return `${where}.operators[${i}]: ${problem}`;
  }
  if (op.alignmentMs !== undefined && (typeof op.alignmentMs !== 'number' || !Number.isFinite(op.alignmentMs) || op.alignmentMs < 0)) return `${where}.alignmentMs is not a duration`;
  if (op.stateBytes !== undefined && !isCount(op.stateBytes)) return `${where}.stateBytes is not a byte count`;
  if (op.finished !== undefined && op.finished !== null && typeof op.finished !== 'boolean') return `${where}.finished is not a boolean`;
  if (op.channelState !== undefined && op.channelState !== null) {
    if (!Array.isArray(op.channelState) || op.channelState.length > MAX_CHANNEL_BUFFERS) return `${where}.channelState is not a list of buffers`;
    for (const [i, b] of op.channelState.entries()) {
      const at = `${where}.channelState[${i}]`;
      if (!isRecord(b) || !isCount(b.channel)) return `${at}.channel is not an input channel index`;
      if (!Array.isArray(b.kinds) || !Array.isArray(b.rows) || b.kinds.length !== b.rows.length) return `${at} does not hold as many row kinds as rows`;
      if (!b.kinds.every((k) => k === 0 || k === 1 || k === 2 || k === 3)) return `${at}.kinds holds a value that is not a row kind`;
      if (!b.rows.every((r) => Array.isArray(r))) return `${at}.rows holds a value that is not a row`;
    }
  }
  return undefined;
}

/**
 * Why the operator state in `metadata` cannot be restored, as `vertices[i].subtasks[j].operatorState…:
 * problem`, or undefined when it can.
 */
export function validateCheckpointOperatorState(metadata: CheckpointMetadata): string | undefined {
  for (const [i, v] of metadata.vertices.entries()) {
    if (!/^\d{1,9}$/.test(v.vertexId)) return `vertices[${i}].vertexId '${v.vertexId}' is not a job vertex id`;
    for (const [j, s] of v.subtasks.entries()) {
      const problem = validateOperatorState(s.operatorState, `vertices[${i}].subtasks[${j}].operatorState`);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}
