// A request the adapter refuses, with the message a user reads (unknown thread, out of order,
// bad arguments). The session maps it to a DAP error response; the session stays alive.

/** An expected, user-facing request failure. */
export class RequestError extends Error {}
