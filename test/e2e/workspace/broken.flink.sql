-- A job file with two mistakes: the end-to-end test expects each in the Problems view at its line.
CREATE TABLE clicks (
  user_id STRING,
  n BIGINT
) WITH (
  'connector' = 'datagen',
  'rows-per-secnd' = '10'
);

CREATE TABLE out_table (user_id STRING, c BIGINT) WITH ('connector' = 'print');

INSERT INTO out_table
SELECT user_id, COUNT(*) FROM clickz GROUP BY user_id;
