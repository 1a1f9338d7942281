#!/usr/bin/env bash
# Installs Apache Flink (version in common.sh) into $CHECKPOINT_LAB_FLINK_HOME; idempotent.
# Uses only pip (PyPI wheel apache-flink-libraries) and mvn (Maven Central); starts nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/common.sh"

home="$CHECKPOINT_LAB_FLINK_HOME"
marker="$home/.installed"
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$FLINK_VERSION $FLINK_WHEEL_SHA256 $FLINK_GATEWAY_SHA256" ]; then
  flink_log "Flink ${FLINK_VERSION} already installed in $home"
  exit 0
fi

flink_java >/dev/null
command -v python3 >/dev/null || flink_die "python3 (with pip) is needed to fetch apache-flink-libraries"
command -v mvn >/dev/null || flink_die "mvn is needed to fetch ${FLINK_GATEWAY_ARTIFACT}"
command -v sha256sum >/dev/null || flink_die "sha256sum is needed"

mkdir -p "$(dirname "$home")"
staging="$(mktemp -d "$(dirname "$home")/.flink-install.XXXXXX")"
trap 'rm -rf "$staging"' EXIT
started=$SECONDS

check_sha() { # file expected
  local got
  got="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$got" = "$2" ] || flink_die "$(basename "$1"): sha256 $got, expected $2"
}

flink_log "downloading apache-flink-libraries==${FLINK_VERSION} (about 330 MB)"
python3 -m pip download --quiet --no-deps --no-cache-dir --only-binary=:all: \
  "apache-flink-libraries==${FLINK_VERSION}" -d "$staging/dl"
check_sha "$staging/dl/$FLINK_WHEEL" "$FLINK_WHEEL_SHA256"

flink_log "downloading ${FLINK_GATEWAY_ARTIFACT}"
mvn -q -B dependency:copy -Dartifact="${FLINK_GATEWAY_ARTIFACT}" -DoutputDirectory="$staging/dl" >"$staging/mvn.log" 2>&1 \
  || { cat "$staging/mvn.log" >&2; flink_die "mvn could not fetch ${FLINK_GATEWAY_ARTIFACT}"; }
check_sha "$staging/dl/$FLINK_GATEWAY_JAR" "$FLINK_GATEWAY_SHA256"

flink_log "unpacking"
# Only what a session cluster + SQL Gateway needs: lib/ (flink-dist, table planner/runtime,
# connectors, formats, log4j), bin/bash-java-utils.jar (memory sizing) and the SQL client jar.
# opt/flink-python and plugins/ are left out (about 46 MB).
python3 - "$staging/dl/$FLINK_WHEEL" "$staging/home" <<'PY'
import sys, zipfile, os, shutil
wheel, dest = sys.argv[1], sys.argv[2]
keep = ('pyflink/lib/', 'pyflink/bin/', 'pyflink/opt/flink-sql-client-', 'pyflink/licenses/', 'pyflink/README.txt')
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if info.is_dir() or not name.startswith(keep):
            continue
        target = os.path.join(dest, name[len('pyflink/'):])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target, 'wb') as out:
            shutil.copyfileobj(src, out)
PY
mkdir -p "$staging/home/opt"
mv "$staging/dl/$FLINK_GATEWAY_JAR" "$staging/home/opt/"
[ -f "$staging/home/lib/flink-dist-${FLINK_VERSION}.jar" ] || flink_die "flink-dist jar missing from the wheel"
printf '%s\n' "$FLINK_VERSION $FLINK_WHEEL_SHA256 $FLINK_GATEWAY_SHA256" >"$staging/home/.installed"

if [ -e "$home" ]; then
  # Replace only an older install of ours, never an unrelated folder.
  [ -f "$home/.installed" ] || [ -z "$(ls -A "$home")" ] || flink_die "$home exists and is not a Flink install of ours"
  rm -rf "$home"
fi
mv "$staging/home" "$home"
flink_log "installed Flink ${FLINK_VERSION} in $home ($(du -sh "$home" | cut -f1), $((SECONDS - started)) s)"
