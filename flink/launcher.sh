#!/usr/bin/env bash
# Runs one of our small Java launchers (flink/launcher/*.java) against the installed Flink's jars:
# compiles them into a cache dir under the Flink home when missing or changed, then runs MAIN
# (default KeyGroups) with stdin/stdout passed through. Starts no cluster; installs nothing.
#   flink/launcher.sh [MAIN] < input      e.g. printf 'java-string\t128\t4\t"hello"\n' | flink/launcher.sh
#   flink/launcher.sh --compile           only (re)build
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"
. "$here/processes.sh"

home="$CHECKPOINT_LAB_FLINK_HOME"
[ -f "$home/.installed" ] || flink_die "Flink is not installed in $home; run flink/install.sh first"
java="$(flink_java)"
javac="javac"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then javac="$JAVA_HOME/bin/javac"; fi
command -v "$javac" >/dev/null 2>&1 || flink_die "no javac found (a JDK 17+ is needed to build flink/launcher/*.java)"

classpath="$(flink_classpath "$home")"
sources=("$here"/launcher/*.java)
# The build is keyed by the sources' and the Flink install's digests: a changed .java (or a
# reinstalled Flink) gets a fresh directory, so a stale build is never run.
digest="$({ cat "${sources[@]}"; cat "$home/.installed"; } | sha256sum | cut -c1-16)"
cache="$home/.checkpoint-lab/launcher"
classes="$cache/$digest"
if [ ! -f "$classes/.complete" ]; then
  mkdir -p "$cache"
  tmp="$(mktemp -d "$cache/.build.XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  flink_log "compiling ${sources[*]##*/} against Flink ${FLINK_VERSION}"
  "$javac" --release 17 -Xlint:all -Werror -encoding UTF-8 -cp "$classpath" -d "$tmp" "${sources[@]}" >&2 \
    || flink_die "javac failed"
  touch "$tmp/.complete"
  chmod 755 "$tmp"
  # Another run may have finished the same build meanwhile; either copy is good.
  mv -T "$tmp" "$classes" 2>/dev/null || rm -rf "$tmp"
  trap - EXIT
  for old in "$cache"/*; do
    [ "$old" = "$classes" ] || rm -rf "$old"
  done
fi

main="${1:-KeyGroups}"
[ "$main" = --compile ] && exit 0
[ -f "$classes/checkpointlab/$main.class" ] || flink_die "no launcher '$main' (flink/launcher/$main.java)"
# Logging off: Flink's classes may log through log4j, whose default config would print to stdout.
exec "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m -Dfile.encoding=UTF-8 \
  -Dlog4j2.configurationFile="$here/launcher/log4j2-off.properties" \
  -cp "$classes:$classpath" "checkpointlab.$main"
