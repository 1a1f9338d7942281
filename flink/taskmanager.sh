#!/usr/bin/env bash
# Crashes or replaces the TaskManager of the cluster in the state file (start.sh first):
#   kill   SIGKILLs the TaskManager's process group (a real crash, no clean shutdown);
#   start  launches a fresh TaskManager with the cluster's config and waits until it has registered.
# Touches only the TaskManager; never the JobManager, the gateway or anything outside the run dir.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"
. "$here/processes.sh"

usage() { flink_die "usage: flink/taskmanager.sh kill|start"; }
[ "$#" = 1 ] || usage
state="$CHECKPOINT_LAB_FLINK_STATE"
run="$CHECKPOINT_LAB_FLINK_RUN_DIR"
timeout_s="${CHECKPOINT_LAB_FLINK_START_TIMEOUT:-180}"
[ -f "$state" ] || flink_die "no running cluster recorded in $state (run flink/start.sh)"
# shellcheck disable=SC1090
. "$state"
TASKMANAGER_ID="${TASKMANAGER_ID:-}"

kill_taskmanager() {
  if ! flink_alive "$TASKMANAGER_PID" || ! flink_is_ours "$TASKMANAGER_PID" TaskManagerRunner; then
    flink_log "no TaskManager running (pid '${TASKMANAGER_PID}'); nothing to kill"
    flink_state_set TASKMANAGER_PID ""
    return 0
  fi
  local t0 deadline
  t0=$(flink_now_ms)
  kill -KILL -- "-$TASKMANAGER_PID" 2>/dev/null || kill -KILL "$TASKMANAGER_PID"
  deadline=$((SECONDS + 10))
  while flink_alive "$TASKMANAGER_PID"; do
    [ "$SECONDS" -lt "$deadline" ] || flink_die "TaskManager $TASKMANAGER_PID still alive 10 s after SIGKILL"
    sleep 0.05
  done
  flink_state_set TASKMANAGER_PID ""
  flink_log "killed TaskManager $TASKMANAGER_ID (process group $TASKMANAGER_PID, SIGKILL) in $(($(flink_now_ms) - t0)) ms"
}

start_taskmanager() {
  if flink_alive "$TASKMANAGER_PID" && flink_is_ours "$TASKMANAGER_PID" TaskManagerRunner; then
    flink_log "TaskManager $TASKMANAGER_ID already running (pid $TASKMANAGER_PID)"
    return 0
  fi
  flink_is_ours "$JOBMANAGER_PID" StandaloneSessionClusterEntrypoint \
    || flink_die "the JobManager (pid $JOBMANAGER_PID) is not running; restart the cluster with flink/start.sh"
  local java n id pid t0 deadline overview taskmanagers ready=""
  java="$(flink_java)"
  # A new resource id (taskmanager-1 from start.sh, then -2, -3 ...) tells the new TaskManager
  # apart from a lost one the JobManager may still list.
  n="${TASKMANAGER_ID##*-}"
  case "$n" in ''|*[!0-9]*) n=0 ;; esac
  id="taskmanager-$((n + 1))"
  t0=$(flink_now_ms)
  pid="$(flink_launch_taskmanager "$java" "$FLINK_HOME" "$run" "$id")"
  flink_state_set TASKMANAGER_PID "$pid"
  flink_state_set TASKMANAGER_ID "$id"
  # Ready when the JobManager lists the new TaskManager and /overview shows exactly its slots
  # (so a lost predecessor is no longer counted). Polls; never a fixed sleep.
  deadline=$((SECONDS + timeout_s))
  while :; do
    if ! flink_alive "$pid"; then
      tail -n 30 "$LOG_DIR/taskmanager.log" "$LOG_DIR/taskmanager.out" >&2 2>/dev/null || true
      flink_state_set TASKMANAGER_PID ""
      flink_die "TaskManager $id exited during start-up (logs in $LOG_DIR)"
    fi
    taskmanagers="$(curl -fsS -m 2 "$JOBMANAGER_URL/taskmanagers" 2>/dev/null || true)"
    if [[ "$taskmanagers" == *"\"id\":\"$id\""* ]]; then
      overview="$(curl -fsS -m 2 "$JOBMANAGER_URL/overview" 2>/dev/null || true)"
      if [ "$(flink_json_number "$overview" taskmanagers)" = 1 ] \
         && [ "$(flink_json_number "$overview" slots-total)" = "$TASK_SLOTS" ]; then
        ready=$(($(flink_now_ms) - t0))
        break
      fi
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      kill -KILL -- "-$pid" 2>/dev/null || true
      flink_state_set TASKMANAGER_PID ""
      flink_die "TaskManager $id not registered after ${timeout_s}s (logs in $LOG_DIR)"
    fi
    sleep 0.1
  done
  flink_log "TaskManager $id (pid $pid) registered with $TASK_SLOTS slots in ${ready} ms"
}

case "$1" in
  kill) kill_taskmanager ;;
  start) start_taskmanager ;;
  *) usage ;;
esac
