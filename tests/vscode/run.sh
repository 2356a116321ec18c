#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code: code-server (VS Code in the browser,
# served on 127.0.0.1 only) in Debian's Chromium, driven by puppeteer-core (e2e.js).
#
# Usage: bash tests/vscode/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: Node 20 + npm, chromium, ripgrep, g++ and make (Debian: apt-get install -y chromium
#   ripgrep g++ make). code-server and puppeteer-core are installed once into $GLOSSA_VSCODE_TOOLS
#   (default ~/.cache/glossa-ci/vscode): npm with --ignore-scripts (code-server's install script
#   fetches ripgrep and an argon2 build from outside the registries), Debian's rg linked in, the
#   native modules rebuilt from source. Screenshots of each step go to $GLOSSA_E2E_SHOTS (default
#   target/vscode-e2e); look at them. One PASS/FAIL line per check, then "N passed, M failed".
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-${GLOSSA_BIN:-$repo/target/debug/glossa}}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tools=${GLOSSA_VSCODE_TOOLS:-$HOME/.cache/glossa-ci/vscode}
shots=${GLOSSA_E2E_SHOTS:-$repo/target/vscode-e2e}
CODE_SERVER_VERSION=4.100.3 # the 4.100 line runs on Node 20

fail_early() {
  echo "FAIL $1"
  echo "0 passed, 1 failed"
  exit 1
}
[ -x "$bin" ] || fail_early "glossa binary: $bin is not an executable file (cargo build first)"
for tool in node npm chromium rg g++ make curl; do
  command -v $tool >/dev/null 2>&1 || fail_early "$tool is installed (apt-get install -y chromium ripgrep g++ make curl)"
done

# Native modules build against the installed Node's own headers, not headers downloaded by
# node-gyp from nodejs.org.
node_prefix=$(dirname "$(dirname "$(command -v node)")")
[ -f "$node_prefix/include/node/node.h" ] && export npm_config_nodedir=$node_prefix

# code-server and puppeteer-core, once per version.
cs=$tools/node_modules/code-server
if [ ! -f "$tools/.ready-$CODE_SERVER_VERSION" ]; then
  echo "# installing code-server $CODE_SERVER_VERSION and puppeteer-core into $tools"
  rm -rf "$tools" && mkdir -p "$tools" && echo '{"private": true}' >"$tools/package.json"
  (
    set -e
    cd "$tools"
    npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" puppeteer-core@24
    # What code-server's postinstall does, without its downloads.
    cd "$cs/lib/vscode"
    npm install --no-audit --no-fund --omit=dev --ignore-scripts
    (cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts)
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sf code-linux.sh code-server)
    (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm rebuild --build-from-source @parcel/watcher @vscode/spdlog native-watchdog @vscode/deviceid
    # node-pty's post-install ends with an `npx node-gyp` that only writes compile_commands.json
    # (and fails without a terminal): what counts is the module it built.
    npm rebuild --build-from-source node-pty || true
    test -f node_modules/node-pty/build/Release/pty.node
    cd "$tools" && npm rebuild --build-from-source argon2
  ) >"$tools.log" 2>&1 || { tail -n 30 "$tools.log"; fail_early "code-server installs (log: $tools.log)"; }
  touch "$tools/.ready-$CODE_SERVER_VERSION"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossa-vscode.XXXXXX")
server_pid=
# code-server runs in a process group of its own (below): the whole group goes at exit, not only
# the subshell that started it (its node processes and their glossa servers outlived the test).
trap '[ -n "$server_pid" ] && { kill -- -"$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null; }; rm -rf "$tmp"' EXIT
project=$tmp/project
. "$repo/tests/editor-project.sh"
mkdir -p "$shots" && rm -f "$shots"/*.png

# The .vsix, built as a user builds it (editors/vscode/README.md).
(
  cd "$repo/editors/vscode" && npm ci --no-audit --no-fund &&
    npx --yes @vscode/vsce@3 package --allow-missing-repository --skip-license -o "$tmp/glossa.vsix"
) >"$tmp/vsix.log" 2>&1 || { tail -n 20 "$tmp/vsix.log"; fail_early "vsce packages the extension"; }

data=$tmp/data
mkdir -p "$data/User"
cat >"$data/User/settings.json" <<JSON
{
  "glossa.path": "$bin",
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
  "editor.hover.delay": 100
}
JSON
code_server() {
  node "$cs/out/node/entry.js" --config "$tmp/config.yaml" --user-data-dir "$data" \
    --extensions-dir "$tmp/extensions" \
    --disable-telemetry --disable-update-check --disable-workspace-trust "$@"
}
code_server --install-extension "$tmp/glossa.vsix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; fail_early "code-server installs glossa.vsix"; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
set -m
code_server --auth none --bind-addr "127.0.0.1:$port" >"$tmp/code-server.log" 2>&1 &
server_pid=$!
set +m
for _ in $(seq 300); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

results=$tmp/results
: >"$results"
GLOSSA_VSCODE_URL="http://127.0.0.1:$port/?folder=$project" GLOSSA_E2E_RESULTS=$results \
  GLOSSA_E2E_SHOTS=$shots GLOSSA_PUPPETEER=$tools/node_modules/puppeteer-core \
  CHROMIUM=$(command -v chromium) timeout 600 node "$here/e2e.js" >"$tmp/e2e.log" 2>&1
status=$?
cat "$results"
if [ "$status" -eq 0 ]; then echo "PASS the browser script exits 0"; else
  echo "FAIL the browser script exits 0: status $status"
  sed 's/^/  node: /' "$tmp/e2e.log" | tail -n 20
  sed 's/^/  code-server: /' "$tmp/code-server.log" | tail -n 20
fi
echo "# screenshots: $shots"
passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
