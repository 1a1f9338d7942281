-- Monitoring: alerts when a machine's average temperature over a sliding window is too high.
--
-- What it shows
--   * A HOP window TVF (10 s windows every 5 s) on event time; each reading belongs to two
--     windows.
--   * HAVING filters the windowed aggregate, and CASE grades the alert: only windows over the
--     threshold reach the sink.
--   * Temperatures are a deterministic function of the sequence, so the alerts are the same on
--     every run.
--
-- Try: checkpoint-lab run examples/threshold-alerts.flink.sql
SET 'parallelism.default' = '2';

CREATE TABLE machine_readings (
  seq         BIGINT,
  machine     AS CONCAT('machine-', CAST(seq % 4 AS STRING)),
  temperature AS CAST(60 + (seq % 4) * 8 + (seq % 7) AS DOUBLE),
  ts          AS TO_TIMESTAMP_LTZ(seq * 250, 3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '40',
  'fields.seq.kind' = 'sequence',
  'fields.seq.start' = '0',
  'fields.seq.end' = '239'
);

CREATE TABLE alerts (
  machine      STRING,
  window_end   TIMESTAMP_LTZ(3),
  avg_temp     DOUBLE,
  max_temp     DOUBLE,
  severity     STRING
) WITH (
  'connector' = 'print',
  'print-identifier' = 'alert'
);

INSERT INTO alerts
SELECT
  machine,
  window_end,
  AVG(temperature) AS avg_temp,
  MAX(temperature) AS max_temp,
  CASE WHEN AVG(temperature) >= 85 THEN 'critical' ELSE 'warning' END AS severity
FROM TABLE(HOP(TABLE machine_readings, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end, machine
HAVING AVG(temperature) > 75;
