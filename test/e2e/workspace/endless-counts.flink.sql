-- An unbounded job for the end-to-end test of panels that follow a session: random clicks at 50
-- per second, counted per user, a checkpoint every second; the test stops it.
SET 'parallelism.default' = '4';
SET 'pipeline.max-parallelism' = '128';
SET 'execution.checkpointing.interval' = '1 s';
-- Ten retained checkpoints: each lives ~10 s, so the panel can read one while newer ones complete.
SET 'execution.checkpointing.num-retained' = '10';

CREATE TABLE clicks (
  click_id BIGINT,
  user_id AS CONCAT('user-', CAST(click_id % 12 + 1 AS STRING))
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '50',
  'fields.click_id.min' = '1',
  'fields.click_id.max' = '1000'
);

CREATE TABLE clicks_per_user (user_id STRING, clicks BIGINT) WITH ('connector' = 'blackhole');

INSERT INTO clicks_per_user
SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
