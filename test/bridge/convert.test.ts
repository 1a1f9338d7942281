// The bridge's pure parts without a cluster: Flink's error bodies reduced to the line a user needs,
// and REST answers (shapes taken from a live Flink 2.3.0) converted to a JobSnapshot.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flinkJobSnapshot, summarizeFlinkError, type FlinkJobReadings } from '../../bridge/index.js';

test('a gateway error is summarized by its Flink cause, not the REST wrappers', () => {
  const body = [
    'Internal server error.',
    [
      '<Exception on server side:',
      'org.apache.flink.table.gateway.api.utils.SqlGatewayException: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.',
      '\tat org.apache.flink.table.gateway.rest.handler.statement.FetchResultsHandler.handleRequest(FetchResultsHandler.java:91)',
      'Caused by: org.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation 3af06b30.',
      '\t... 1 more',
      "Caused by: org.apache.flink.table.api.ValidationException: SQL validation failed. From line 1, column 15 to line 1, column 20: Object 'nosuch' not found",
      '\t... 7 more',
      "Caused by: org.apache.calcite.sql.validate.SqlValidatorException: Object 'nosuch' not found",
    ].join('\n'),
  ];
  assert.equal(
    summarizeFlinkError(body),
    "org.apache.flink.table.api.ValidationException: SQL validation failed. From line 1, column 15 to line 1, column 20: Object 'nosuch' not found",
  );
  // Without a Flink table exception, the deepest non-wrapper cause.
  assert.equal(
    summarizeFlinkError(['org.apache.flink.runtime.rest.NotFoundException: Job 00 not found\n\tat x\nCaused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (00)']),
    'org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (00)',
  );
  assert.equal(summarizeFlinkError([]), '');
});

const details: FlinkJobReadings['details'] = {
  jid: 'e3f6b22277474b19a76131c8bdde6a43',
  name: 'insert-into_default_catalog.default_database.out_t',
  state: 'RUNNING',
  'start-time': 1796282272967,
  'end-time': -1,
  duration: 4558,
  maxParallelism: -1,
  now: 1796282277525,
  timestamps: {},
  vertices: [
    { id: 'cbc357cc', name: 'Source: src[13] -> Calc[14]', maxParallelism: 128, parallelism: 2, status: 'RUNNING', 'start-time': 0, 'end-time': -1, duration: 0, tasks: {}, metrics: {} },
    { id: '90bea66d', name: 'GroupAggregate[16] -> out_t[17]: Writer', maxParallelism: 128, parallelism: 3, status: 'RUNNING', 'start-time': 0, 'end-time': -1, duration: 0, tasks: {}, metrics: {} },
  ],
  plan: {
    jid: 'e3f6b22277474b19a76131c8bdde6a43',
    name: 'x',
    nodes: [
      { id: '90bea66d', parallelism: 3, description: '', inputs: [{ num: 0, id: 'cbc357cc', ship_strategy: 'HASH', exchange: 'pipelined_bounded' }] },
      { id: 'cbc357cc', parallelism: 2, description: '' },
    ],
  },
};

test('a Flink job becomes a JobSnapshot: keyed vertices get Flink\'s key-group ranges, edges keep the ship strategy', () => {
  const s = flinkJobSnapshot({ restUrl: 'http://127.0.0.1:8081', flinkVersion: '2.3.0', details, checkpoints: null, checkpointConfig: null, exceptions: null });
  assert.deepEqual(s.source, { kind: 'flink', restUrl: 'http://127.0.0.1:8081', flinkVersion: '2.3.0' });
  assert.equal(s.clock, 'epoch');
  assert.deepEqual(s.edges, [{ source: 'cbc357cc', target: '90bea66d', shipStrategy: 'HASH' }]);
  const [source, agg] = s.vertices;
  assert.equal(source!.keyed, false);
  assert.deepEqual(source!.subtasks.map((t) => t.keyGroups), [null, null]);
  assert.equal(agg!.keyed, true);
  assert.deepEqual(agg!.subtasks.map((t) => t.keyGroups), [{ start: 0, end: 42 }, { start: 43, end: 85 }, { start: 86, end: 127 }]);
  assert.equal(agg!.subtasks[1]!.displayName, 'GroupAggregate[16] -> out_t[17]: Writer (2/3)');
  assert.equal(s.checkpoints.config, null);
});

test('checkpoint statistics: Long.MAX_VALUE interval means disabled, history sorted by id, failures and restores kept', () => {
  const base = { is_savepoint: false, trigger_timestamp: 1, latest_ack_timestamp: 2, checkpointed_size: 10, state_size: 10, end_to_end_duration: 5, num_subtasks: 5, num_acknowledged_subtasks: 5, checkpoint_type: 'CHECKPOINT' };
  const s = flinkJobSnapshot({
    restUrl: 'http://h:1',
    details,
    checkpoints: {
      counts: { restored: 1, total: 3, in_progress: 0, completed: 2, failed: 1 },
      latest: { completed: null, savepoint: null, failed: null, restored: { id: 1, restore_timestamp: 99, is_savepoint: false, external_path: 'file:/c/chk-1' } },
      history: [
        { ...base, className: 'failed', id: 3, status: 'FAILED', failure_message: 'Checkpoint expired before completing.' },
        {
          ...base,
          className: 'completed',
          id: 2,
          status: 'COMPLETED',
          external_path: 'file:/c/chk-2',
          alignment_buffered: 0,
          processed_data: 512,
          persisted_data: 2048,
          tasks: { '90bea66d': { id: 2, status: 'COMPLETED', latest_ack_timestamp: 2, checkpointed_size: 10, state_size: 10, end_to_end_duration: 5, persisted_data: 2048, num_subtasks: 3, num_acknowledged_subtasks: 3 } },
        },
      ],
    },
    checkpointConfig: { mode: 'exactly_once', interval: 1000, timeout: 600000, min_pause: 0, max_concurrent: 1, unaligned_checkpoints: false, tolerable_failed_checkpoints: 0, aligned_checkpoint_timeout: 0 },
    exceptions: { exceptionHistory: { entries: [{ exceptionName: 'java.lang.RuntimeException', stacktrace: 'java.lang.RuntimeException: boom\n\tat x', timestamp: 5, taskName: 'Source (1/2)' }], truncated: false } },
  });
  assert.deepEqual(s.checkpoints.history.map((c) => `${c.id}:${c.status}`), ['2:COMPLETED', '3:FAILED']);
  assert.equal(s.checkpoints.history[1]!.failureMessage, 'Checkpoint expired before completing.');
  const completed = s.checkpoints.history[0]!;
  assert.deepEqual([completed.alignmentBufferedBytes, completed.processedDataBytes, completed.persistedDataBytes], [0, 512, 2048]);
  assert.deepEqual(completed.tasks, [{ vertexId: '90bea66d', acknowledgedSubtasks: 3, totalSubtasks: 3, latestAckTimestamp: 2, endToEndDurationMs: 5, stateSizeBytes: 10, checkpointedSizeBytes: 10, persistedDataBytes: 2048 }]);
  assert.deepEqual(s.checkpoints.latestRestored, { id: 1, restoreTimestamp: 99, isSavepoint: false, externalPath: 'file:/c/chk-1' });
  assert.equal(s.checkpoints.config?.intervalMs, 1000);
  assert.deepEqual(s.exceptions, [{ timestamp: 5, exceptionName: 'java.lang.RuntimeException', message: 'boom', taskName: 'Source (1/2)' }]);
  const disabled = flinkJobSnapshot({ restUrl: 'http://h:1', details, checkpoints: null, exceptions: null, checkpointConfig: { mode: 'at_least_once', interval: 9223372036854775807, timeout: 600000, min_pause: 0, max_concurrent: 1, unaligned_checkpoints: false, tolerable_failed_checkpoints: 0, aligned_checkpoint_timeout: 0 } });
  assert.equal(disabled.checkpoints.config, null);
});
