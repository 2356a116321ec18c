# Sourced by the end-to-end tests of batch clients (tests/nvim/run.sh, tests/emacs/run.sh): the
# parts they share. The caller sets `here` (its folder) and `client` (nvim, emacs) and the
# install hint `needs`, then calls `e2e_setup "$@"`, then `e2e_run command...`.
#
# e2e_setup: resolves the glossa binary ($1, else $GLOSSA_BIN, else target/debug/glossa of this
# checkout), checks the client and the binary, and writes the shared temporary project into
# "$project" (tests/editor-project.sh). e2e_run: runs the client (3 minutes at most) with
# GLOSSA_BIN, GLOSSA_E2E_DIR and GLOSSA_E2E_RESULTS set; the client writes one PASS/FAIL line
# per check to the results file; then prints them, whether the client exited 0 (its log when
# not), and "N passed, M failed", and exits 0 only when every check passed.

repo=$(cd "$here/../.." && pwd)

e2e_summary() {
  echo "$1 passed, $2 failed"
  [ "$2" -eq 0 ]
  exit $?
}

e2e_setup() {
  bin=${1:-${GLOSSA_BIN:-$repo/target/debug/glossa}}
  case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
  if ! command -v "$client" >/dev/null 2>&1; then
    echo "FAIL $client is installed: $client not found on PATH ($needs)"
    e2e_summary 0 1
  fi
  if [ ! -x "$bin" ]; then
    echo "FAIL glossa binary: $bin is not an executable file (cargo build first)"
    e2e_summary 0 1
  fi
  echo "# $("$client" --version | head -n 1), server $bin"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossa-$client.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  project=$tmp/project
  . "$repo/tests/editor-project.sh"
  results=$tmp/results
  : >"$results"
}

e2e_run() {
  GLOSSA_BIN=$bin GLOSSA_E2E_DIR=$project GLOSSA_E2E_RESULTS=$results \
    timeout 180 "$@" </dev/null >"$tmp/$client.log" 2>&1
  local status=$?
  cat "$results"
  if [ "$status" -eq 0 ]; then
    echo "PASS $client exits 0"
  else
    echo "FAIL $client exits 0: exit status $status$([ "$status" -eq 124 ] && echo ' (timed out)')"
    tail -n 40 "$tmp/$client.log" | sed "s/^/  $client: /"
  fi
  local passed failed
  passed=$(grep -c '^PASS ' "$results")
  failed=$(grep -c '^FAIL ' "$results")
  if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  e2e_summary "$passed" "$failed"
}
