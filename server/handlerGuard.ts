// The one error mapping of the language server: a handler that throws answers its request with an
// LSP error (and logs the stack to the client's output), and the server stays up. Imports LSP only.
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';

/** A request handler as the server writes it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/**
 * Wraps a request handler: a thrown `ResponseError` is the answer as is; any other exception becomes
 * a `RequestFailed` error response naming the feature.
 */
export function guardRequest<P, R>(connection: Connection, feature: string, handler: Handler<P, R>): Handler<P, R | ResponseError<void>> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) return e; // a deliberate answer, e.g. an invalid rename
      logFailure(connection, feature, e);
      return new ResponseError(LSPErrorCodes.RequestFailed, `Checkpoint Lab: ${feature} failed: ${messageOf(e)}`);
    }
  };
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
