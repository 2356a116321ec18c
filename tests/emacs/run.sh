#!/usr/bin/env bash
# End-to-end test of `glossa lsp` in a real client: Emacs (28 + Debian's elpa-eglot, or 29+) in
# batch mode, through eglot, flymake and completion-at-point.
#
# Usage: bash tests/emacs/run.sh [path/to/glossa]
#   The binary defaults to $GLOSSA_BIN, else target/debug/glossa of this checkout.
# Needs: emacs with eglot and markdown-mode (Debian: apt-get install -y emacs-nox elpa-eglot
# elpa-markdown-mode). Prints one PASS/FAIL line per check and then "N passed, M failed"; exits 0
# only when every check passed. The shared steps are in tests/e2e-batch.sh.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
client=emacs
needs="apt-get install -y emacs-nox elpa-eglot"
. "$here/../e2e-batch.sh"
e2e_setup "$@"
# eglot finds the project root by version control.
git -C "$project" init -q

HOME=$tmp e2e_run emacs --batch -Q -l "$here/e2e.el"
