// The one error mapping of the language server: params are checked first (InvalidParams naming the
// field), a cancelled request answers RequestCancelled, a handler that throws answers with an LSP
// error (its stack logged to the client's output), and the server stays up. Imports LSP only.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Message, type ResponseMessage } from 'vscode-languageserver';
import type { ParamCheck } from './paramChecks.js';

/** A request handler as the server writes it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/**
 * Wraps a request handler: params that fail `check` get `InvalidParams`; a request cancelled before
 * or while it ran gets `RequestCancelled`; a thrown `ResponseError` is the answer as is; any other
 * exception becomes a `RequestFailed` error response naming the feature.
 */
export function guardRequest<P, R>(connection: Connection, feature: string, check: ParamCheck, handler: Handler<P, R>): Handler<P, R | ResponseError<void>> {
  return async (params, token) => {
    const problem = check(params);
    if (problem) return new ResponseError(ErrorCodes.InvalidParams, `Checkpoint Lab: invalid ${feature} request: ${problem}`);
    if (token.isCancellationRequested) return cancelled(feature);
    try {
      const result = await handler(params, token);
      return token.isCancellationRequested ? cancelled(feature) : result;
    } catch (e) {
      if (e instanceof ResponseError) return e; // a deliberate answer, e.g. an invalid rename
      logFailure(connection, feature, e);
      return new ResponseError(LSPErrorCodes.RequestFailed, `Checkpoint Lab: ${feature} failed: ${messageOf(e)}`);
    }
  };
}

/**
 * The answer to a request the client cancelled while it still waited in the queue (the connection's
 * `cancelUndispatched` strategy): it is answered at once and never runs.
 */
export function cancelUndispatched(message: Message): ResponseMessage | undefined {
  const id = (message as { id?: number | string | null }).id;
  if (id === undefined) return undefined;
  return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'Checkpoint Lab: request cancelled' } };
}

function cancelled(feature: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `Checkpoint Lab: ${feature} cancelled`);
}

/** Runs work triggered by a notification (no response exists): failures are logged, never thrown. */
export function guardNotification(connection: Connection, feature: string, work: () => void): void {
  try {
    work();
  } catch (e) {
    logFailure(connection, feature, e);
  }
}

function logFailure(connection: Connection, feature: string, e: unknown): void {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  connection.console.error(`${feature} failed: ${detail}`);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
