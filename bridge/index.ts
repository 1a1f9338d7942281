// The Flink bridge: runs job files on a real Flink cluster and reads live jobs back as the same
// JobSnapshot a local run gives. The one public API of bridge/; knows no vscode, DAP or LSP.
export { FlinkRestClient, FlinkRestError, summarizeFlinkError, type FlinkRestClientOptions, type FlinkRestErrorKind } from './restClient.js';
export { SqlGatewaySession, FlinkStatementError, type StatementResult, type SqlGatewayOptions } from './sqlGateway.js';
export { submitJobFile, type SubmitOptions, type SubmitOutcome, type SubmittedStatement, type FlinkJobStatus } from './submitJobFile.js';
export { attachToFlinkJob, type AttachOptions } from './attach.js';
export { flinkJobSnapshot, subtaskSnapshots, type FlinkJobReadings } from './convert.js';
export type * from './flinkRestTypes.js';
export { clusterStateFile, defaultFlinkRunDir, readClusterState } from './localCluster.js';
