#!/usr/bin/env bash
# End-to-end test of `glossa lsp` in a real client: headless Neovim (Debian's 0.7 or newer).
#
# Usage: bash tests/nvim/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: nvim (Debian: apt-get install -y neovim).
# Makes a temporary project (glossa.toml, a native TOML glossary, Markdown files), runs e2e.lua
# in `nvim --headless`, prints one PASS/FAIL line per check and then "N passed, M failed".
# Exits 0 only when every check passed. The shared steps are in tests/e2e-batch.sh.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
client=nvim
needs="apt-get install -y neovim"
. "$here/../e2e-batch.sh"
e2e_setup "$@"

GLOSSA_E2E_PLUGIN=$repo/editors/neovim \
  e2e_run nvim --headless -u NONE -i NONE -n -c "luafile $here/e2e.lua"
