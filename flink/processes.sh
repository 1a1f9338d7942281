# Process helpers shared by start.sh, stop.sh and taskmanager.sh (sourced after common.sh, not run):
# Flink's class path and JVM flags, launching a JVM in its own process group, the TaskManager
# launch, pid checks and state-file updates. Defines functions only; sourcing it starts nothing.

# Java 17 needs these for Flink's reflection-based serializers (as Flink's own scripts pass).
FLINK_JAVA_OPENS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# Class path as Flink's scripts build it: lib/*.jar sorted, flink-dist last.
flink_classpath() { # flink-home
  local jar classpath=""
  for jar in "$1"/lib/*.jar; do
    case "$jar" in */flink-dist-*) continue ;; esac
    classpath="$classpath$jar:"
  done
  printf '%s\n' "$classpath$1/lib/flink-dist-${FLINK_VERSION}.jar"
}

# BashJavaUtils prints the JVM memory flags and the matching -D settings (last two result lines).
flink_resource_params() { # java flink-home conf-dir GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS
  "$1" -cp "$2/bin/bash-java-utils.jar:$2/lib/flink-dist-${FLINK_VERSION}.jar" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$4" --configDir "$3" 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -n 2
}

# Starts one Flink JVM with `setsid`, so its pid is also its process group id, and prints the pid.
# Output is appended to $run/log/<name>.out (a restarted TaskManager keeps its predecessor's output).
flink_launch() { # java run-dir name jvm-flags main-class classpath args...
  local java="$1" run="$2" name="$3" jvm="$4" main="$5" classpath="$6"; shift 6
  # UTF-8 whatever the caller's locale: the print sink's lines (unicode keys included) must reach
  # taskmanager.out as written, also under CI's bare environment.
  # shellcheck disable=SC2086
  LC_ALL=C.UTF-8 FLINK_CONF_DIR="$run/conf" FLINK_PLUGINS_DIR="$run/plugins" setsid "$java" $jvm "${FLINK_JAVA_OPENS[@]}" \
    -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 \
    -Dlog.file="$run/log/$name.log" -Dlog4j.configurationFile="file:$run/conf/log4j.properties" \
    -Djava.io.tmpdir="$run/tmp" -cp "$classpath" "$main" "$@" \
    >>"$run/log/$name.out" 2>&1 </dev/null &
  printf '%s\n' "$!"
}

# Starts a TaskManager for the cluster whose generated config is in $run/conf, under the given
# resource id (it shows as "id" in the JobManager's /taskmanagers), and prints its pid.
flink_launch_taskmanager() { # java flink-home run-dir resource-id
  local java="$1" home="$2" run="$3" id="$4" params
  mapfile -t params < <(flink_resource_params "$java" "$home" "$run/conf" GET_TM_RESOURCE_PARAMS)
  [ "${#params[@]}" = 2 ] || flink_die "could not compute the TaskManager's memory settings (BashJavaUtils)"
  # shellcheck disable=SC2086
  flink_launch "$java" "$run" taskmanager "${params[0]}" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    "$(flink_classpath "$home")" --configDir "$run/conf" ${params[1]} -D "taskmanager.resource-id=$id"
}

# Whether pid is a live (not zombie) process; a killed JVM whose parent has not reaped it yet
# still answers `kill -0`.
flink_alive() { # pid
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

# A pid is ours only if it is still a java process running the expected Flink main class
# (guards against a pid reused by an unrelated process after a crash or reboot).
flink_is_ours() { # pid main-class
  [ -n "$1" ] && [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "$2"
}

# Sets KEY=VALUE in the state file (replacing the line, or appending it), atomically.
flink_state_set() { # key value
  local state="$CHECKPOINT_LAB_FLINK_STATE" tmp
  tmp="$(mktemp "$state.XXXXXX")"
  awk -v k="$1" -v v="$2" 'BEGIN { done = 0 }
    index($0, k "=") == 1 { print k "=" v; done = 1; next }
    { print }
    END { if (!done) print k "=" v }' "$state" >"$tmp"
  mv -f "$tmp" "$state"
}

# A number field of the JobManager's /overview JSON ("taskmanagers", "slots-total", ...), or "".
flink_json_number() { # json field
  printf '%s' "$1" | sed -n "s/.*\"$2\":\\([0-9-]*\\).*/\\1/p"
}
