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
mkdir -p "$project"

cat >"$project/glossa.toml" <<'TOML'
builtin = false
glossaries = ["glossary.toml"]
TOML

cat >"$project/glossary.toml" <<'TOML'
[[concept]]
term = "segment anything model"
acronyms = ["SAM"]
category = "computer vision"
definition = "A promptable image segmentation model."

[[concept]]
term = "scanning acoustic microscopy"
acronyms = ["SAM"]
category = "failure analysis"
definition = "Imaging with focused ultrasound to find voids and delamination in packages."

[[concept]]
term = "sparse autoencoder"
acronyms = ["SAE"]
category = "interpretability"
definition = "An autoencoder trained with a sparsity penalty on its hidden layer."

[[concept]]
term = "fine-tuning"
deprecated = ["finetuning"]
category = "training"
definition = "Adapting a pretrained model to a task with further training."
TOML

# The checks find their positions by searching these lines: keep the phrases in sync with e2e.lua.
cat >"$project/doc.md" <<'MD'
# Notes on segmentation

We use SAM to segment the wafer images.

Our finetuning recipe follows the paper.

```text
finetuning in a code block is not prose
```
MD

cat >"$project/plugin.md" <<'MD'
The finetuning step comes last.
MD

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
