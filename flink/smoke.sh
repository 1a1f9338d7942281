#!/usr/bin/env bash
# End-to-end check of a running cluster (start.sh first): through the SQL Gateway REST API runs a
# bounded datagen (sequence 1..100) into a print sink, then checks through the JobManager REST API
# that the job FINISHED and that the TaskManager printed the 100 rows. Starts and stops nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"
[ -f "$CHECKPOINT_LAB_FLINK_STATE" ] || flink_die "no running cluster (run flink/start.sh)"
# shellcheck disable=SC1090
. "$CHECKPOINT_LAB_FLINK_STATE"
gw="$SQL_GATEWAY_URL"
table="smoke_$(date +%s%N)"
json_field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
post() { curl -fsS -m 30 -X POST -H 'Content-Type: application/json' -d "$2" "$1"; }

session="$(post "$gw/v1/sessions" '{"sessionName":"checkpoint-lab-smoke"}' | json_field sessionHandle)"
trap 'curl -fsS -m 5 -X DELETE "$gw/v1/sessions/$session" >/dev/null 2>&1 || true' EXIT

# Runs one statement, waits (polling) for its operation to finish, prints its first result page.
statement() {
  local body op status=""
  body="$(python3 -c 'import json,sys; print(json.dumps({"statement": sys.argv[1]}))' "$1")"
  op="$(post "$gw/v1/sessions/$session/statements" "$body" | json_field operationHandle)"
  for _ in $(seq 600); do
    status="$(curl -fsS -m 5 "$gw/v1/sessions/$session/operations/$op/status" | json_field status)"
    case "$status" in FINISHED|ERROR|CANCELED|CLOSED|TIMEOUT) break ;; esac
    sleep 0.1
  done
  # On ERROR the result call answers with the error, which is what we want to show.
  local result
  result="$(curl -sS -m 10 "$gw/v1/sessions/$session/operations/$op/result/0?rowFormat=JSON")"
  [ "$status" = FINISHED ] || flink_die "statement failed ($status): $1"$'\n'"$result"
  printf '%s\n' "$result"
}

t0=$(flink_now_ms)
statement "CREATE TABLE ${table}_src (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100')" >/dev/null
statement "CREATE TABLE ${table}_out (id BIGINT) WITH ('connector' = 'print', 'print-identifier' = '$table')" >/dev/null
job="$(statement "INSERT INTO ${table}_out SELECT id FROM ${table}_src" | json_field jobID)"
t1=$(flink_now_ms)
flink_log "submitted job $job through the SQL Gateway ($((t1 - t0)) ms for 3 statements)"

state=""
for _ in $(seq 1200); do
  state="$(curl -fsS -m 5 "$JOBMANAGER_URL/jobs/$job" | json_field state)"
  case "$state" in FINISHED|FAILED|CANCELED) break ;; esac
  sleep 0.1
done
t2=$(flink_now_ms)
[ "$state" = FINISHED ] || flink_die "job $job ended $state (see $JOBMANAGER_URL/jobs/$job/exceptions)"
curl -fsS -m 5 "$JOBMANAGER_URL/jobs/overview" | python3 -c '
import json, sys
job = sys.argv[1]
row = [j for j in json.load(sys.stdin)["jobs"] if j["jid"] == job][0]
print("[flink] /jobs/overview: %s %s in %d ms, tasks finished %d/%d" % (row["jid"], row["state"], row["duration"], row["tasks"]["finished"], row["tasks"]["total"]))
' "$job" >&2

# The print sink writes "<identifier>> +I[<id>]" lines to the TaskManager's stdout.
printed="$(grep -c "^$table> +I\[" "$LOG_DIR/taskmanager.out" || true)"
sum="$(sed -n "s/^$table> +I\[\([0-9]*\)\]$/\1/p" "$LOG_DIR/taskmanager.out" | awk '{s += $1} END {print s + 0}')"
[ "$printed" = 100 ] && [ "$sum" = 5050 ] || flink_die "print sink wrote $printed rows (sum $sum), expected 100 rows summing to 5050"
flink_log "job FINISHED, print sink wrote 100 rows (ids sum 5050); submit-to-finished $((t2 - t0)) ms"
echo "smoke: passed"
