// Entry of dist/debugAdapter.js: the Checkpoint Lab debug adapter speaking DAP over stdio.
// stdout is the protocol: anything else written there would corrupt it, so console goes to stderr.
import { LoggingDebugSession } from '@vscode/debugadapter';
import { CheckpointLabSession } from './session.js';

for (const level of ['log', 'info', 'debug', 'warn'] as const) console[level] = console.error;
LoggingDebugSession.run(CheckpointLabSession);
