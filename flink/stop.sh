#!/usr/bin/env bash
# Stops the cluster recorded in the state file (each process group: TERM, then KILL after a
# grace period) and removes the state file. Only signals processes that are Flink's own.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"
. "$here/processes.sh"

state="$CHECKPOINT_LAB_FLINK_STATE"
grace_s="${CHECKPOINT_LAB_FLINK_STOP_GRACE:-20}"
if [ ! -f "$state" ]; then
  flink_log "no cluster recorded in $state; nothing to stop"
  exit 0
fi
# shellcheck disable=SC1090
. "$state"

targets=()
for pair in "$JOBMANAGER_PID:StandaloneSessionClusterEntrypoint" "$TASKMANAGER_PID:TaskManagerRunner" \
            "$SQL_GATEWAY_PID:table.gateway.SqlGateway"; do
  pid="${pair%%:*}"
  if flink_is_ours "$pid" "${pair#*:}"; then
    targets+=("$pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  fi
done

deadline=$((SECONDS + grace_s))
for pid in "${targets[@]}"; do
  while flink_alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if flink_alive "$pid"; then
    flink_log "process group $pid did not stop in ${grace_s}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
done
rm -f "$state"
rm -rf "${LOG_DIR%/log}/tmp"
flink_log "stopped (${#targets[@]} process group(s)); logs kept in $LOG_DIR"
