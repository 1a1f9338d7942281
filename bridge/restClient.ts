// An HTTP client for Flink's REST APIs (the JobManager's and the SQL Gateway's): JSON in and out,
// a timeout on every request, and every failure mapped here, once, to a FlinkRestError a user can
// act on. Imports nothing of ours but Node's fetch.

/** Why a REST call failed. */
export type FlinkRestErrorKind =
  /** Nothing answers at the URL (connection refused, unknown host, reset). */
  | 'unreachable'
  /** No answer within the timeout. */
  | 'timeout'
  /** 401 or 403: a proxy or gateway in front of Flink wants credentials. */
  | 'auth'
  /** 404: the job, operation or session does not exist (any more). */
  | 'not-found'
  /** Another HTTP error; Flink's `errors` are in the message. */
  | 'http'
  /** The answer was not the JSON Flink sends. */
  | 'bad-response';

/** A failed call to a Flink REST API; `message` says what happened and what to do. */
export class FlinkRestError extends Error {
  constructor(
    readonly kind: FlinkRestErrorKind,
    message: string,
    /** The HTTP status, when there was an answer. */
    readonly status?: number,
    /** Flink's `errors` array (stack traces included), when it sent one. */
    readonly flinkErrors: readonly string[] = [],
  ) {
    super(message);
    this.name = 'FlinkRestError';
  }
}

/** Options of a REST client. */
export interface FlinkRestClientOptions {
  /** Extra request headers, e.g. `Authorization` for a cluster behind an authenticating proxy. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per-request timeout, ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** JSON over HTTP against one base URL (`http://host:port`, no trailing slash needed). */
export class FlinkRestClient {
  readonly baseUrl: string;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: FlinkRestClientOptions = {}) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new FlinkRestError('unreachable', `'${baseUrl}' is not a URL; give the REST address as http://host:port`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FlinkRestError('unreachable', `'${baseUrl}' is not an http(s) URL; give the REST address as http://host:port`);
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = options.headers ?? {};
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** GET `path` (starting with `/`) and parse the JSON answer. */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** POST a JSON body to `path` and parse the JSON answer. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** PATCH `path` (e.g. `/jobs/:id?mode=cancel`) and parse the JSON answer. */
  patch<T>(path: string): Promise<T> {
    return this.request<T>('PATCH', path);
  }

  /** DELETE `path` and parse the JSON answer. */
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.baseUrl + path;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...this.headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw connectionError(e, method, url, this.timeoutMs);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (e) {
      throw connectionError(e, method, url, this.timeoutMs);
    }
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      if (response.status === 401 || response.status === 403) throw authError(method, url, response.status);
      throw new FlinkRestError('bad-response', `${method} ${url} answered ${response.status} with something that is not JSON: ${preview(text)}`, response.status);
    }
    if (response.ok) return json as T;
    const errors = flinkErrors(json);
    if (response.status === 401 || response.status === 403) throw authError(method, url, response.status);
    const kind: FlinkRestErrorKind = response.status === 404 || errors.some((e) => /NotFoundException|not found/i.test(firstLine(e))) ? 'not-found' : 'http';
    throw new FlinkRestError(kind, `${method} ${url} failed (${response.status}): ${summarizeFlinkError(errors) || response.statusText}`, response.status, errors);
  }
}

function connectionError(e: unknown, method: string, url: string, timeoutMs: number): FlinkRestError {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new FlinkRestError('timeout', `${method} ${url}: no answer within ${timeoutMs} ms; is the cluster overloaded or the address wrong?`);
  }
  const code = err.cause?.code ?? '';
  const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ENOTFOUND' ? 'unknown host' : (err.cause?.message ?? err.message ?? String(e));
  return new FlinkRestError('unreachable', `cannot reach ${url} (${why}); is the Flink cluster running at ${new URL(url).origin}? (flink/start.sh starts a local one)`);
}

function authError(method: string, url: string, status: number): FlinkRestError {
  return new FlinkRestError(
    'auth',
    `${method} ${url} was refused (${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}); the cluster wants credentials: pass them with --header 'Authorization: ...'`,
    status,
  );
}

function flinkErrors(json: unknown): string[] {
  const errors = (json as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? errors.map(String) : [];
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0] ?? '';
}

function preview(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
}

/**
 * The one line of Flink's `errors` a user needs: the deepest `Caused by:` that is not the REST
 * layer's or the gateway's own wrapper (e.g. `ValidationException: ... Object 'x' not found`),
 * else the first line.
 */
export function summarizeFlinkError(errors: readonly string[]): string {
  const lines = errors.flatMap((e) => e.split('\n')).map((l) => l.trim());
  const causes = lines
    .filter((l) => l.startsWith('Caused by: ') || /^[a-z][\w.$]*(Exception|Error)\b/.test(l))
    .map((l) => l.replace(/^Caused by: /, ''))
    .filter((l) => !/^org\.apache\.flink\.(table\.gateway|runtime\.rest)\.|^java\.util\.concurrent\.CompletionException/.test(l));
  const wanted = causes.find((l) => /^org\.apache\.flink\.table\.api\.|^org\.apache\.flink\.sql\.parser\./.test(l)) ?? causes[0];
  const fallback = lines.find((l) => l !== '' && !l.startsWith('<Exception')) ?? '';
  return (wanted ?? fallback).replace(/\.$/, '');
}
