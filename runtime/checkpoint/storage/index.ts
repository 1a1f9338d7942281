// The public API of checkpoint storage: durable, checksummed checkpoints in Flink's layout.
// Re-exports only; imports this folder.
export { CheckpointStorage } from './checkpointStorage.js';
export type { CheckpointStorageOptions, CompletedCheckpointLocation, LatestValidCheckpoint } from './checkpointStorage.js';
export { PendingCheckpoint, writeStateFiles } from './pendingCheckpoint.js';
export type { SubtaskStateToWrite } from './pendingCheckpoint.js';
export { checkpointDirOf, loadCheckpoint, openCheckpoint } from './checkpointReader.js';
export type { CheckpointProblem, CheckpointReadResult, LoadedCheckpoint, OpenedCheckpoint } from './checkpointReader.js';
export type { CheckpointFs, CheckpointFsEntry } from './checkpointFs.js';
export { joinPath } from './checkpointFs.js';
export * from './checkpointLayout.js';
export type * from './checkpointMetadata.js';
export { scanCheckpointDirectory } from './checkpointDirectoryScan.js';
export type { CheckpointListing, CheckpointDirectoryScan } from './checkpointDirectoryScan.js';
