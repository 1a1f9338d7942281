// The public API of the connectors: option catalogues, validation, specs, readers and writers.
// Re-exports only (the engine contract stays in api.ts).
export * from './connectorOptions.js';
export * from './connectorSpec.js';
export { validateTable } from './validateTable.js';
export type { TableColumn, TableDefinition, TableOption, TableValidation } from './validateTable.js';
export { typeDisplayName } from './tableOptions.js';
export { createDatagenSource } from './datagenSource.js';
export type { DatagenColumn, DatagenPosition, DatagenSourceOptions } from './datagenSource.js';
export type { DecimalFactory, LocalClock } from './datagenFields.js';
export { createFilesystemSource, SourceReadError } from './filesystemSource.js';
export type { FilesystemPosition, FilesystemSourceDeps } from './filesystemSource.js';
export { createPrintSink, printPrefix } from './printSink.js';
export type { PrintSinkDeps } from './printSink.js';
export { createBlackholeSink } from './blackholeSink.js';
export type { BlackholeWriter } from './blackholeSink.js';
