// Restart and failover: Flink's restart back-off strategies and pipelined-region failover.
// Re-exports only.
export { createRestartStrategy, validateRestartStrategyConfig } from './restartStrategy.js';
export type { RestartBackoffTimeStrategy } from './restartStrategy.js';
export { computePipelinedRegions, connectedSubtasks, tasksOnTaskManager, tasksToRestart } from './failover.js';
export type { ExecutionVertexId, FailoverStrategyKind, SchedulingPipelinedRegion } from './failover.js';
export { DeterministicFailureGuard, IDENTICAL_FAILURES_THAT_PROVE_DETERMINISM, describeRecord, formatFailedRow } from './deterministicFailure.js';
export type { DeterministicFailure, FailedRecord, ObservedFailure } from './deterministicFailure.js';
