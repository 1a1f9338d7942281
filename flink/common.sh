# Shared settings for flink/install.sh, start.sh and stop.sh (sourced, not run).
# Must not start or stop anything; only defines variables and small helpers.

FLINK_VERSION="2.3.0"
# apache-flink-libraries (PyPI) carries Flink's lib/ jars; the SQL Gateway jar is not in it and
# comes from Maven Central (org.apache.flink:flink-sql-gateway). Both are pinned by SHA-256.
FLINK_WHEEL="apache_flink_libraries-${FLINK_VERSION}-py2.py3-none-any.whl"
FLINK_WHEEL_SHA256="38ece876553286b3a285cf344c2d2038f8a7ca10da5df54d5107250386d64151"
FLINK_GATEWAY_ARTIFACT="org.apache.flink:flink-sql-gateway:${FLINK_VERSION}"
FLINK_GATEWAY_JAR="flink-sql-gateway-${FLINK_VERSION}.jar"
FLINK_GATEWAY_SHA256="aad296a152dc367ddd70727f5a57dd61958cff3d8dceb1f947bf8d9705c8d724"

# Where Flink is installed (cached between runs) and where a running cluster keeps its
# generated config, logs and state file.
CHECKPOINT_LAB_FLINK_HOME="${CHECKPOINT_LAB_FLINK_HOME:-$HOME/.cache/checkpoint-lab/flink-${FLINK_VERSION}}"
CHECKPOINT_LAB_FLINK_RUN_DIR="${CHECKPOINT_LAB_FLINK_RUN_DIR:-$HOME/.cache/checkpoint-lab/flink-run}"
CHECKPOINT_LAB_FLINK_STATE="$CHECKPOINT_LAB_FLINK_RUN_DIR/cluster.env"

flink_log() { printf '[flink] %s\n' "$*" >&2; }
flink_die() { printf '[flink] error: %s\n' "$*" >&2; exit 1; }
flink_now_ms() { date +%s%3N; }  # wall clock in ms, for the timings the scripts report

# The java binary to use: $JAVA_HOME/bin/java if set, else java on PATH; must be 17 or newer.
flink_java() {
  local java="java"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
  command -v "$java" >/dev/null 2>&1 || flink_die "no java found (Flink ${FLINK_VERSION} needs Java 17+)"
  local major
  major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  case "$major" in
    1.*|9|10|11|12|13|14|15|16|"") flink_die "java at '$java' is version '${major:-unknown}'; Java 17+ is needed" ;;
  esac
  printf '%s\n' "$java"
}
