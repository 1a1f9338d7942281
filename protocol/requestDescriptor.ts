// A typed name of a custom request: the method plus its parameter and result types, so both ends
// agree at compile time. Imports nothing (each end wraps it in its own protocol library's type).

/**
 * A custom request's method with phantom parameter and result types. The LSP server and client
 * turn it into their library's `RequestType<P, R>` with the same method.
 */
export interface RequestDescriptor<P, R> {
  /** The JSON-RPC method, `checkpointLab/name`. */
  readonly method: string;
  /** Never set: carries the parameter type. */
  readonly _params?: P;
  /** Never set: carries the result type. */
  readonly _result?: R;
}

/** Declares a custom request. */
export function defineRequest<P, R>(method: string): RequestDescriptor<P, R> {
  return { method };
}
