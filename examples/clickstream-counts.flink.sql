-- Clickstream: clicks per user, an updating aggregate.
--
-- What it shows
--   * GROUP BY user_id hashes each click's key into one of 128 key groups
--     (pipeline.max-parallelism), and each key group belongs to one of the 4 aggregate subtasks:
--     `checkpoint-lab explain` prints the key-group ranges, `checkpoint-lab keys` looks a key up.
--   * The count is an updating result: a user's first click emits +I, each later click a -U/+U
--     pair. The print sink is chained to the aggregate, so its "N>" prefix is the aggregate
--     subtask that owns the user: the same subtask real Flink picks for that key.
--
--   * Checkpoints every 300 ms of job time make the count survive failures: run it with
--     examples/clickstream-counts.faults.yaml and --verify to see a crash, the restore from the
--     latest checkpoint, and a final table identical to a run without faults.
--
-- Try: checkpoint-lab run examples/clickstream-counts.flink.sql
--      checkpoint-lab run examples/clickstream-counts.flink.sql --json
--      checkpoint-lab run examples/clickstream-counts.flink.sql --faults examples/clickstream-counts.faults.yaml --verify
SET 'parallelism.default' = '4';
SET 'pipeline.max-parallelism' = '128';
SET 'execution.checkpointing.interval' = '300 ms';

CREATE TABLE clicks (
  click_id BIGINT,
  page_no  INT,
  -- The user is derived from the click id, so a replay after a restore sees the same clicks.
  user_id AS CONCAT('user-', CAST(click_id * 7 % 12 + 1 AS STRING)),
  url     AS CONCAT('/page/', CAST(page_no AS STRING))
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '200',
  'fields.click_id.kind' = 'sequence',
  'fields.click_id.start' = '1',
  'fields.click_id.end' = '400',
  'fields.page_no.min' = '1',
  'fields.page_no.max' = '30'
);

CREATE TABLE clicks_per_user (
  user_id STRING,
  clicks  BIGINT,
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'print',
  'print-identifier' = 'clicks'
);

INSERT INTO clicks_per_user
SELECT user_id, COUNT(*) AS clicks
FROM clicks
GROUP BY user_id;
