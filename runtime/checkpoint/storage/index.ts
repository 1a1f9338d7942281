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
export { describeCheckpoint, scanCheckpointDirectory } from './checkpointDirectoryScan.js';
export type { CheckpointContentValidator, CheckpointDirectoryScan, CheckpointListing, JobCheckpoints } from './checkpointDirectoryScan.js';
export { CHECKPOINT_FILE_FORMAT_VERSION, frameCheckpointFile, unframeCheckpointFile } from './checkpointFileFormat.js';
export type { CheckpointFileKind, FramedFile, UnframedFile } from './checkpointFileFormat.js';
export { crc32c, formatCrc32c } from './crc32c.js';
export { JOB_STATUS_FILE_NAME, readJobStatus, writeJobStatus } from './jobStatus.js';
export type { JobStatusRecord, RecordedJobState, RestoredFromRecord } from './jobStatus.js';
export { formatStateValue, stateValueToJson } from './stateValueView.js';
export type { JsonValue } from './stateValueView.js';
