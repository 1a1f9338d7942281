// Job files for the language-server tests. Imports nothing.

/** A small valid job: a datagen source with a watermark, an updating aggregate into print. */
export const CLICKS = `SET 'parallelism.default' = '4';
SET 'pipeline.max-parallelism' = '128';

CREATE TABLE clicks (
  user_id STRING,
  url     STRING,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '10'
);

CREATE TABLE counts (
  user_id STRING,
  cnt     BIGINT
) WITH (
  'connector' = 'print'
);

INSERT INTO counts
SELECT user_id, COUNT(*) AS cnt
FROM clicks
GROUP BY user_id;
`;

/** A 600-line job file: `copies` renamed copies of a table pair and its INSERT. */
export function bigJob(lines = 600): string {
  let text = "SET 'parallelism.default' = '2';\n\n";
  for (let i = 0; text.split('\n').length < lines; i++) {
    text += `-- Part ${i}: orders per user.
CREATE TABLE orders_${i} (
  order_id BIGINT,
  user_id  STRING,
  amount   DECIMAL(10, 2),
  ts       TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '100',
  'fields.order_id.kind' = 'sequence',
  'fields.order_id.start' = '1',
  'fields.order_id.end' = '100'
);

CREATE TABLE totals_${i} (
  user_id STRING,
  total   DECIMAL(38, 2),
  n       BIGINT
) WITH (
  'connector' = 'print'
);

INSERT INTO totals_${i}
SELECT user_id, SUM(amount) AS total, COUNT(*) AS n
FROM orders_${i}
WHERE amount > 10
GROUP BY user_id;

`;
  }
  return text;
}
