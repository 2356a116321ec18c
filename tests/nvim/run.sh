#!/usr/bin/env bash
# End-to-end test of `glossa lsp` in a real client: headless Neovim (Debian's 0.7 or newer).
#
# Usage: bash tests/nvim/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: nvim (Debian: apt-get install -y neovim).
# Makes a temporary project (glossa.toml, a native TOML glossary, Markdown files), runs e2e.lua
# in `nvim --headless`, prints one PASS/FAIL line per check and then "N passed, M failed".
# Exits 0 only when every check passed.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-${GLOSSA_BIN:-$repo/target/debug/glossa}}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

summary() {
  echo "$1 passed, $2 failed"
  [ "$2" -eq 0 ]
  exit $?
}

if ! command -v nvim >/dev/null 2>&1; then
  echo "FAIL nvim is installed: nvim not found on PATH (apt-get install -y neovim)"
  summary 0 1
fi
if [ ! -x "$bin" ]; then
  echo "FAIL glossa binary: $bin is not an executable file (cargo build first)"
  summary 0 1
fi
echo "# $(nvim --version | head -n 1), server $bin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossa-nvim.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
project=$tmp/project
. "$repo/tests/editor-project.sh"

results=$tmp/results
: >"$results"
GLOSSA_BIN=$bin GLOSSA_E2E_DIR=$project GLOSSA_E2E_RESULTS=$results GLOSSA_E2E_PLUGIN=$repo/editors/neovim \
  timeout 180 nvim --headless -u NONE -i NONE -n -c "luafile $here/e2e.lua" </dev/null >"$tmp/nvim.log" 2>&1
status=$?

cat "$results"
if [ "$status" -eq 0 ]; then
  echo "PASS nvim exits 0"
else
  echo "FAIL nvim exits 0: exit status $status$([ "$status" -eq 124 ] && echo ' (timed out)')"
  sed 's/^/  nvim: /' "$tmp/nvim.log" | head -n 40
fi

passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
summary "$passed" "$failed"
