// Warms the parser (in its worker thread) and the planner in the background after `initialized`, so
// the first diagnostics of a session do not pay the grammar's ~0.5 s start-up. Imports the runtime
// API and LSP types only.
import type { Connection } from 'vscode-languageserver';
import { compileJob, type ParsedJobFile } from '../runtime/index.js';

const SAMPLE = `SET 'parallelism.default' = '2';
CREATE TABLE warm_src (id BIGINT, name STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
  WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE TABLE warm_sink (name STRING, cnt BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO warm_sink SELECT UPPER(name), COUNT(*) FROM warm_src WHERE id > 0 GROUP BY UPPER(name);
`;

/** Parses (with `parse`) and plans a small job once, on the next turn of the event loop. */
export function warmUp(connection: Connection, parse: (text: string) => Promise<ParsedJobFile>): void {
  setImmediate(() => {
    parse(SAMPLE)
      .then((parsed) => compileJob(SAMPLE, { file: 'warm-up.flink.sql', parsed }))
      .catch((e: unknown) => connection.console.warn(`warm-up failed: ${e instanceof Error ? e.message : String(e)}`));
  });
}
