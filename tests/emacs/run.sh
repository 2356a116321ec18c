#!/usr/bin/env bash
# End-to-end test of `glossa lsp` in a real client: Emacs (28 + Debian's elpa-eglot, or 29+) in
# batch mode, through eglot, flymake and completion-at-point.
#
# Usage: bash tests/emacs/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: emacs with eglot and markdown-mode (Debian: apt-get install -y emacs-nox elpa-eglot
# elpa-markdown-mode). Prints one PASS/FAIL line per check and then "N passed, M failed"; exits 0
# only when every check passed.
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

if ! command -v emacs >/dev/null 2>&1; then
  echo "FAIL emacs is installed: emacs not found on PATH (apt-get install -y emacs-nox elpa-eglot)"
  summary 0 1
fi
if [ ! -x "$bin" ]; then
  echo "FAIL glossa binary: $bin is not an executable file (cargo build first)"
  summary 0 1
fi
echo "# $(emacs --version | head -n 1), server $bin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossa-emacs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
project=$tmp/project
. "$repo/tests/editor-project.sh"
# eglot finds the project root by version control.
git -C "$project" init -q

results=$tmp/results
: >"$results"
HOME=$tmp GLOSSA_BIN=$bin GLOSSA_E2E_DIR=$project GLOSSA_E2E_RESULTS=$results \
  timeout 180 emacs --batch -Q -l "$here/e2e.el" </dev/null >"$tmp/emacs.log" 2>&1
status=$?

cat "$results"
if [ "$status" -eq 0 ]; then
  echo "PASS emacs exits 0"
else
  echo "FAIL emacs exits 0: exit status $status$([ "$status" -eq 124 ] && echo ' (timed out)')"
  sed 's/^/  emacs: /' "$tmp/emacs.log" | tail -n 40
fi

passed=$(grep -c '^PASS ' "$results")
failed=$(grep -c '^FAIL ' "$results")
if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
summary "$passed" "$failed"
