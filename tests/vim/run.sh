#!/usr/bin/env bash
# End-to-end test of `glossa lsp` in a real client: Vim with ALE, driven through its terminal UI
# in tmux (keys sent as a user types them; state read back with writefile()).
#
# Usage: bash tests/vim/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: vim, vim-ale, tmux (Debian: apt-get install -y vim vim-ale tmux). Prints one PASS/FAIL
# line per check and then "N passed, M failed"; exits 0 only when every check passed.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin=${1:-${GLOSSA_BIN:-$repo/target/debug/glossa}}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
WAIT=15 # seconds: guards one server answer; a timeout is a failure

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got $(printf %q "$2")"; fi; }
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

for tool in vim tmux; do
  command -v $tool >/dev/null 2>&1 || { fail "$tool is installed" "apt-get install -y vim vim-ale tmux"; summary; }
done
[ -x "$bin" ] || { fail "glossa binary" "$bin is not an executable file (cargo build first)"; summary; }
echo "# $(vim --version | head -n 1), server $bin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossa-vim.XXXXXX")
session=glossa-vim-$$
trap 'tmux kill-session -t "$session" 2>/dev/null; rm -rf "$tmp"' EXIT
project=$tmp/project
. "$repo/tests/editor-project.sh"

keys() { tmux send-keys -t "$session" "$@"; }
# Runs an Ex command that writes its answer to $tmp/out, and prints that answer.
ask() {
  rm -f "$tmp/out"
  # Written aside and renamed, so that the file is never read half written.
  keys Escape ":call writefile([$1], '$tmp/out.new') | call rename('$tmp/out.new', '$tmp/out')" Enter
  for _ in $(seq $((WAIT * 20))); do
    [ -f "$tmp/out" ] && { cat "$tmp/out"; return; }
    sleep 0.05
  done
  echo "(no answer)"
}
# Waits until the Vim expression $1 is 1.
until_true() {
  for _ in $(seq $((WAIT * 4))); do
    [ "$(ask "$1")" = 1 ] && return 0
    sleep 0.2
  done
  return 1
}
screen() { tmux capture-pane -t "$session" -p; }

HOME=$tmp GLOSSA_BIN=$bin tmux new-session -d -s "$session" -x 400 -y 50 \
  "vim -u $here/vimrc -i NONE $project/doc.md"
until_true "&filetype is# 'markdown'" || fail "vim opens doc.md" "$(screen)"

# Diagnostics: ALE's location list has the deprecated-term warning on "finetuning" (line 5, col 5).
diag="len(filter(ale#engine#GetLoclist(bufnr('')), {_, d -> d.code is# 'deprecated-term' && d.lnum == 5 && d.col == 5}))"
if until_true "$diag"; then pass 'ALE shows deprecated-term on "finetuning"'; else
  fail 'ALE shows deprecated-term on "finetuning"' "$(ask "json_encode(ale#engine#GetLoclist(bufnr('')))")"; fi

# Hover on both senses of SAM: :ALEHover into the preview window.
hover() {
  keys Escape ":pclose | call search('$1', 'w')" Enter ":ALEHover" Enter
  local preview="filter(range(1, winnr('\$')), {_, w -> getwinvar(w, '&previewwindow')})"
  until_true "!empty($preview) && !empty(join(getbufline(winbufnr($preview[0]), 1, '\$'), ''))" >/dev/null
  ask "tolower(join(getbufline(winbufnr(filter(range(1, winnr('\$')), {_, w -> getwinvar(w, '&previewwindow')})[0]), 1, '\$'), ' '))"
}
vision=$(hover 'SAM to segment')
case $vision in *"segment anything model"*) case $vision in *"scanning acoustic"*) ok=0 ;; *) ok=1 ;; esac ;; *) ok=0 ;; esac
[ $ok = 1 ] && pass 'hover on "SAM" beside "segment ... images" shows the segmentation model' ||
  fail 'hover on "SAM" beside "segment ... images" shows the segmentation model' "$vision"
acoustic=$(hover 'SAM scan')
case $acoustic in *"scanning acoustic microscopy"*) case $acoustic in *"segment anything"*) ok=0 ;; *) ok=1 ;; esac ;; *) ok=0 ;; esac
[ $ok = 1 ] && pass 'hover on "SAM" beside "voids and delamination" shows acoustic microscopy' ||
  fail 'hover on "SAM" beside "voids and delamination" shows acoustic microscopy' "$acoustic"
keys Escape ":pclose" Enter

# Completion: type "sparse au" on a new line, <C-x><C-o>, the menu appears, <C-y> accepts. ALE's
# menu shows the word it inserts ("autoencoder", replacing "au"); the typed line has no such word.
keys Escape G o Enter "We train a sparse au" C-x C-o
for _ in $(seq $((WAIT * 10))); do
  screen | grep -q 'autoencoder' && break
  sleep 0.1
done
menu=$(screen | grep -c 'autoencoder')
keys C-y Escape
[ "$menu" -ge 1 ] && pass 'omnifunc menu after "sparse au" offers "autoencoder"' ||
  fail 'omnifunc menu after "sparse au" offers "autoencoder"' "$(screen | tail -n 8)"
check '<C-y> completes the line to "We train a sparse autoencoder"' "$(ask "getline('\$')")" 'We train a sparse autoencoder'

# Quick fix: :ALECodeAction on "finetuning", pick "Replace" from the list ALE shows.
keys Escape ":call search('finetuning recipe', 'w')" Enter ":ALECodeAction" Enter
for _ in $(seq $((WAIT * 10))); do
  screen | grep -q "Replace with" && break
  sleep 0.1
done
choice=$(screen | grep -o "^ *[0-9]\+[:.)] *Replace with" | grep -o "[0-9]\+" | head -n 1)
if [ -n "$choice" ]; then keys "$choice" Enter; else fail 'ALECodeAction lists "Replace with"' "$(screen | tail -n 8)"; fi
until_true "getline(5) is# 'Our fine-tuning recipe follows the paper.'" >/dev/null
check 'the quick fix makes the line say "fine-tuning"' "$(ask 'getline(5)')" 'Our fine-tuning recipe follows the paper.'
if until_true "empty(filter(ale#engine#GetLoclist(bufnr('')), {_, d -> d.code is# 'deprecated-term'}))"; then
  pass 'the warning is gone after the fix'; else
  fail 'the warning is gone after the fix' "$(ask "json_encode(ale#engine#GetLoclist(bufnr('')))")"; fi

keys Escape ":qall!" Enter
summary
