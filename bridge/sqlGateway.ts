// A session on Flink's SQL Gateway (REST API v3): run one statement at a time, wait for its
// operation to end, and read its result (the job id of an INSERT, the rows of a SHOW or EXPLAIN).
// Imports only restClient.ts.
import { setTimeout as delay } from 'node:timers/promises';
import { FlinkRestClient, FlinkRestError, summarizeFlinkError, type FlinkRestClientOptions } from './restClient.js';

/** Flink's OperationStatus. */
export type OperationStatus = 'INITIALIZED' | 'PENDING' | 'RUNNING' | 'FINISHED' | 'CANCELED' | 'CLOSED' | 'ERROR' | 'TIMEOUT';

/** A fetched result, in the gateway's field names. */
export interface FetchResultsResponse {
  readonly resultType: 'NOT_READY' | 'PAYLOAD' | 'EOS';
  readonly isQueryResult?: boolean;
  readonly jobID?: string;
  readonly resultKind?: 'SUCCESS' | 'SUCCESS_WITH_CONTENT';
  readonly results?: {
    readonly columns: readonly { readonly name: string; readonly logicalType: { readonly type: string; readonly nullable: boolean } }[];
    readonly rowFormat: 'JSON';
    readonly data: readonly { readonly kind: 'INSERT' | 'UPDATE_BEFORE' | 'UPDATE_AFTER' | 'DELETE'; readonly fields: readonly unknown[] }[];
  };
  readonly nextResultUri?: string;
}

/** What one statement gave. */
export interface StatementResult {
  /** The job the statement submitted (INSERT, statement set, SELECT), if any. */
  readonly jobId?: string;
  readonly columns: readonly string[];
  /** Result rows (first pages only for a query; see `maxRows`). */
  readonly rows: readonly (readonly unknown[])[];
}

/** A statement the gateway refused or failed. */
export class FlinkStatementError extends Error {
  constructor(
    /** The one line that says why (Flink's own message). */
    readonly reason: string,
    /** Flink's full `errors` (stack traces). */
    readonly flinkErrors: readonly string[],
  ) {
    super(reason);
    this.name = 'FlinkStatementError';
  }
}

/** Options of a gateway session. */
export interface SqlGatewayOptions extends FlinkRestClientOptions {
  /** How long one statement may take to be accepted, ms (default 120 000; planning can be slow on a cold cluster). */
  readonly statementTimeoutMs?: number;
  /** Session properties, e.g. `{ 'parallelism.default': '4' }`. */
  readonly properties?: Readonly<Record<string, string>>;
}

/** One SQL Gateway session. Open with `open`, always `close` it. */
export class SqlGatewaySession {
  private constructor(
    private readonly client: FlinkRestClient,
    /** The session handle (a UUID). */
    readonly handle: string,
    private readonly statementTimeoutMs: number,
    private readonly options: SqlGatewayOptions,
  ) {}

  /** Opens a session; checks the gateway speaks REST API v3 first. */
  static async open(gatewayUrl: string, options: SqlGatewayOptions = {}): Promise<SqlGatewaySession> {
    const client = new FlinkRestClient(gatewayUrl, options);
    const versions = await client.get<{ versions?: unknown }>('/api_versions').catch((e: unknown) => {
      if (e instanceof FlinkRestError && e.kind === 'not-found') {
        throw new FlinkRestError('bad-response', `${client.baseUrl} is not a Flink SQL Gateway (no /api_versions); is this the JobManager's port?`);
      }
      throw e;
    });
    const list = Array.isArray(versions.versions) ? versions.versions.map((v) => String(v).toLowerCase()) : [];
    if (!list.includes('v3')) {
      throw new FlinkRestError('bad-response', `${client.baseUrl} speaks SQL Gateway REST API ${list.join(', ') || '(none)'}; v3 (Flink 1.18+) is needed`);
    }
    const opened = await client.post<{ sessionHandle?: string }>('/v3/sessions', {
      sessionName: 'checkpoint-lab',
      properties: options.properties ?? {},
    });
    if (typeof opened.sessionHandle !== 'string') throw new FlinkRestError('bad-response', `${client.baseUrl}/v3/sessions answered without a sessionHandle`);
    return new SqlGatewaySession(client, opened.sessionHandle, options.statementTimeoutMs ?? 120_000, options);
  }

  /**
   * Runs one statement and waits until it is done: for an INSERT that is when the job is
   * submitted (the job then runs on its own). Throws FlinkStatementError when Flink rejects it.
   */
  async execute(statement: string, maxRows = 1000): Promise<StatementResult> {
    const base = `/v3/sessions/${this.handle}`;
    const submitted = await this.client.post<{ operationHandle?: string }>(`${base}/statements`, { statement });
    const op = submitted.operationHandle;
    if (typeof op !== 'string') throw new FlinkRestError('bad-response', 'the gateway accepted a statement without an operationHandle');
    const status = await this.waitForOperation(op);
    if (status !== 'FINISHED') {
      // On ERROR the result call answers with Flink's exception: that is the message to show.
      const error = await this.client.get(`${base}/operations/${op}/result/0?rowFormat=JSON`).then(
        () => undefined,
        (e: unknown) => e,
      );
      const errors = error instanceof FlinkRestError ? error.flinkErrors : [];
      throw new FlinkStatementError(summarizeFlinkError(errors) || `the statement ended ${status}`, errors);
    }
    let jobId: string | undefined;
    let columns: string[] = [];
    const rows: unknown[][] = [];
    let next: string | undefined = `${base}/operations/${op}/result/0?rowFormat=JSON`;
    const deadline = Date.now() + this.statementTimeoutMs;
    while (next !== undefined && rows.length < maxRows) {
      const page: FetchResultsResponse = await this.client.get<FetchResultsResponse>(next);
      jobId ??= page.jobID;
      if (page.results) {
        columns = page.results.columns.map((c) => c.name);
        for (const r of page.results.data) rows.push([...r.fields]);
      }
      if (page.resultType === 'EOS') break;
      if (page.resultType === 'NOT_READY') {
        if (Date.now() > deadline) break;
        await delay(50);
      } else if (page.isQueryResult === true && jobId !== undefined && rows.length > 0) {
        // A query streams on: its first rows and its job id are what a job file run reports.
        break;
      }
      next = page.nextResultUri;
    }
    await this.client.delete(`${base}/operations/${op}/close`).catch(() => undefined);
    return { jobId, columns, rows };
  }

  /**
   * Flink's parser's verdict on a statement: Flink's "SQL parse failed" message, or undefined when
   * Flink parses it. Uses the gateway's configure-session call, which parses first and then runs
   * only DDL and SET (never a job): use it on a session of its own, whose catalog it may change.
   */
  async parseError(statement: string): Promise<string | undefined> {
    // Synchronous on the gateway, and the first statement of a session warms up the planner.
    const client = new FlinkRestClient(this.client.baseUrl, { ...this.options, timeoutMs: this.statementTimeoutMs });
    try {
      await client.post(`/v3/sessions/${this.handle}/configure-session`, { statement });
      return undefined;
    } catch (e) {
      // Any answer but a parse failure (a validation error, "unsupported for configuring session",
      // an older gateway without the call) means Flink's parser did not object: when in doubt, send.
      if (!(e instanceof FlinkRestError) || e.status === undefined || e.kind === 'auth') throw e;
      const parseFailure = e.flinkErrors.some((text) => text.includes('org.apache.flink.table.api.SqlParserException'));
      return parseFailure ? summarizeFlinkError(e.flinkErrors) || 'SQL parse failed' : undefined;
    }
  }

  /** Polls the operation's status until it leaves PENDING/RUNNING (or the statement timeout). */
  private async waitForOperation(op: string): Promise<OperationStatus> {
    const deadline = Date.now() + this.statementTimeoutMs;
    let wait = 20;
    for (;;) {
      const { status } = await this.client.get<{ status: OperationStatus }>(`/v3/sessions/${this.handle}/operations/${op}/status`);
      if (status !== 'INITIALIZED' && status !== 'PENDING' && status !== 'RUNNING') return status;
      if (Date.now() > deadline) {
        await this.client.post(`/v3/sessions/${this.handle}/operations/${op}/cancel`, {}).catch(() => undefined);
        throw new FlinkRestError('timeout', `the SQL Gateway did not finish a statement within ${this.statementTimeoutMs} ms`);
      }
      await delay(wait);
      wait = Math.min(wait * 2, 250);
    }
  }

  /** Closes the session; jobs it submitted keep running. Never throws. */
  async close(): Promise<void> {
    await this.client.delete(`/v3/sessions/${this.handle}`).catch(() => undefined);
  }
}
