// The wire types shared by the ends (language server, extension, panels). Re-exports only;
// imports nothing of ours outside protocol/.
export * from './requestDescriptor.js';
export * from './languageServer.js';
export * from './commands.js';
export * from './jobSnapshot.js';
export * from './debugAdapter.js';
export * from './panels.js';
export * from './debugEvents.js';
