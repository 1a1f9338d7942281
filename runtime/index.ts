// The one public API of the runtime: compile a job file, run it, observe it. The CLI, the debug
// adapter, the language server, tests and benchmarks import from here. Imports no host library.
export { formatDiagnostic, type Diagnostic, type SourceRange, type SourcePosition } from './diagnostics.js';
export { compileJob, type CompileOptions, type CompileResult } from './plan/planner.js';
export type { CompiledJob, PlannedSink } from './plan/compiledJob.js';
export { createLocalRun, type LocalRun, type LocalRunOptions, type SinkResultJson } from './run/localRun.js';
export { LocalJob, type FailureInfo, type LocalJobOptions, type StepResult, type StopCondition } from './engine/localJob.js';
export type { RuntimeHost } from './engine/host.js';
export { placeSubtasks } from './engine/cluster.js';
export type { JobGraph, JobVertex, JobEdge, KeySpec, PartitionerKind } from './engine/jobGraph.js';
export type { RuntimeEventMap, RuntimeEventName, JobState, TaskState, SubtaskMetrics, PausePoint, RecoveryEvent, RestartCause } from './engine/events.js';
export { describeRecord, IDENTICAL_FAILURES_THAT_PROVE_DETERMINISM, type DeterministicFailure, type FailedRecord } from './recovery/deterministicFailure.js';
export { explainJobGraph } from './plan/explain.js';
export type { FileSystemAccess, PathStat } from './plan/sources.js';
export { checkLocalRunFootprint, localRunFootprint, LOCAL_RUN_MEMORY_BUDGET_BYTES, type LocalRunFootprint } from './config/localLimits.js';
export type { SinkFileAccess } from './engine/operator.js';
export { memorySinkFiles } from './connectors/filesystemSink.js';
export { openDurableCheckpoints, findRestorePoint, type DurableCheckpoints, type DurableHost, type RestorePoint } from './run/durable.js';
export type { CheckpointFs } from './checkpoint/storage/index.js';
// Reading retained checkpoints (the CLI's `checkpoints` command and the state browser).
export { openCheckpoint, scanCheckpointDirectory, stateValueToJson, formatStateValue } from './checkpoint/storage/index.js';
export type {
  CheckpointDirectoryScan,
  CheckpointListing,
  OpenedCheckpoint,
  CheckpointMetadata,
  SubtaskStateFileContent,
  JsonValue,
} from './checkpoint/storage/index.js';
export { parseFaultScenario, parseFaultDuration, faultTargetsOf, serializeFaultScenario, type FaultScenario } from './faults/index.js';
export { assignKey, keyHash, KEY_TYPES, isKeyType, type KeyType, type KeyAssignment, type KeyInput } from './keys/keyTypes.js';
export { murmurHash } from './keys/murmurHash.js';
export {
  computeDefaultMaxParallelism,
  computeKeyGroupForKeyHash,
  computeKeyGroupRangeForOperatorIndex,
  computeOperatorIndexForKeyGroup,
} from './keys/keyGroupAssignment.js';
export type { JobConfig } from './config/jobConfig.js';

// Language tooling: what the language server reads besides compileJob (the parser's AST, the key,
// option and function catalogues, type text). Re-exports only.
export { parseJobFile } from './sql/parseJobFile.js';
export { splitJobFile, type JobFileStatement } from './sql/splitJobFile.js';
export { exportGrammarCache, installGrammarCache, type GrammarCacheData } from './sql/grammarCache.js';
export type * from './sql/ast.js';
export { allConfigKeys, lookupConfigKey, parseConfigValue, closestMatch, type ConfigKey, type ConfigKeyLookup } from './config/index.js';
export {
  SUPPORTED_CONNECTORS,
  FLINK_ONLY_CONNECTORS,
  SUPPORTED_FORMATS,
  DATAGEN_FIELD_OPTIONS,
  connectorOptions,
  type ConnectorOption,
  type SupportedConnector,
} from './connectors/connectorOptions.js';
export { lookupFunction, listFunctions } from './functions/registry.js';
export type { ScalarFunctionDef } from './functions/functionDef.js';
export { parseLogicalType, type TypeParseError } from './types/parseLogicalType.js';
export { formatLogicalType } from './types/formatLogicalType.js';
export type { LogicalType, TypeRoot } from './types/logicalType.js';

// Inspection for the debugger: read-only views of a running subtask and SQL over its records.
export { nextElementOf, inputFieldsOf, isSourceTask, keyOfRow, inputChannelsOf, recordAtOperator, fieldsAtOperator, type NextElement, type InputChannelView } from './inspect/subtaskView.js';
export { KeyedStateView, type KeyGroupSummary } from './inspect/keyedStateView.js';
export { compileRecordExpression, type RecordExpression } from './inspect/recordExpression.js';
export type { RowField } from './engine/jobGraph.js';
export { formatValueForPrint } from './types/format.js';
export { rowKindShortString } from './types/rowKind.js';
