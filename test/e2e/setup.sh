#!/usr/bin/env bash
# Installs what the end-to-end tests need, once, cached like flink/install.sh caches Flink:
# Debian's chromium, libkrb5-dev and ripgrep (apt, when missing) and code-server from npm
# (VS Code's web workbench, run on this Node) under ~/.cache/checkpoint-lab/code-server-$VERSION.
# Prints the code-server directory on stdout; everything else goes to stderr.
set -euo pipefail
VERSION=${CODE_SERVER_VERSION:-4.100.3}   # VS Code 1.100.3, runs on Node 20
CACHE=${CHECKPOINT_LAB_CACHE:-$HOME/.cache/checkpoint-lab}
DIR=$CACHE/code-server-$VERSION
exec 3>&1 1>&2

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ "${#need[@]}" -gt 0 ]; then
  echo "test/e2e/setup.sh: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f "$DIR/.complete" ]; then echo "$DIR" >&3; exit 0; fi
echo "test/e2e/setup.sh: installing code-server $VERSION into $DIR (once)"
rm -rf "$DIR.tmp" && mkdir -p "$DIR.tmp" && cd "$DIR.tmp"
npm init -y >/dev/null
# Scripts skipped: code-server's postinstall refuses root and downloads ripgrep; its steps follow by hand.
npm install --ignore-scripts --no-audit --no-fund "code-server@$VERSION" >/dev/null
npm rebuild argon2 >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# node-pty's post-install ends with a node-gyp call that needs the network: its failure is expected.
npm rebuild >/dev/null 2>rebuild.err || true
for m in kerberos spdlog watchdog pty; do
  find node_modules \( -name "$m.node" -path "*linux-x64*" \) -o \( -name "$m.node" -path "*Release*" \) | grep -q . \
    || { echo "test/e2e/setup.sh: native module $m.node was not built"; tail -40 rebuild.err; exit 1; }
done
if grep -q "^  symlink_asar" ../../postinstall.sh; then rm -rf node_modules.asar; ln -s node_modules node_modules.asar; fi
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --no-audit --no-fund >/dev/null)
cd "$DIR.tmp"
XDG_CONFIG_HOME="$DIR.tmp/.xdg" XDG_DATA_HOME="$DIR.tmp/.xdg" ./node_modules/.bin/code-server --version
touch .complete
rm -rf "$DIR" && mv "$DIR.tmp" "$DIR"
echo "$DIR" >&3
