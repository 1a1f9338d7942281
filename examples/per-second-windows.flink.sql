-- Per-second event-time windows: a TUMBLE window TVF over a rowtime column with a watermark.
--
-- What it shows
--   * WATERMARK FOR ts declares event time: each source subtask tracks the highest timestamp
--     it has seen minus 1 second, and sends that watermark downstream every 200 ms of job time
--     (pipeline.auto-watermark-interval).
--   * The window aggregate keeps one accumulator per key and window, and emits a window's row
--     once the watermark passes its end: an append-only (+I) result, no updates.
--   * The timestamps come from the sequence itself, so the result is the same on every run and
--     on a real Flink cluster.
--
-- Try: checkpoint-lab run examples/per-second-windows.flink.sql
SET 'parallelism.default' = '2';

CREATE TABLE readings (
  id     BIGINT,
  ts     AS TO_TIMESTAMP_LTZ(id * 50, 3),
  sensor AS CONCAT('sensor-', CAST(id % 3 AS STRING)),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20',
  'fields.id.kind' = 'sequence',
  'fields.id.start' = '0',
  'fields.id.end' = '199'
);

CREATE TABLE readings_per_second (
  window_start TIMESTAMP_LTZ(3),
  window_end   TIMESTAMP_LTZ(3),
  sensor       STRING,
  readings     BIGINT
) WITH (
  'connector' = 'print'
);

INSERT INTO readings_per_second
SELECT window_start, window_end, sensor, COUNT(*) AS readings
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY window_start, window_end, sensor;
