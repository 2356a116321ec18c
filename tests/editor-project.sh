# Sourced by the end-to-end editor tests (tests/nvim, tests/emacs, tests/vim run.sh): writes the
# temporary project every client is tested on into "$project" (glossa.toml, the native TOML
# glossary tests/fixtures/editor-glossary.toml, which benches/lsp_latency.rs uses too, Markdown
# files). The checks find their positions by searching these lines: keep the phrases in sync
# with the scripts that drive the editors.
mkdir -p "$project"

cat >"$project/glossa.toml" <<'TOML'
builtin = false
glossaries = ["glossary.toml"]
TOML

cp "$repo/tests/fixtures/editor-glossary.toml" "$project/glossary.toml"

cat >"$project/doc.md" <<'MD'
# Notes on segmentation

We use SAM to segment the wafer images.

Our finetuning recipe follows the paper.

The SAM scan of each package showed voids and delamination.

```text
finetuning in a code block is not prose
```
MD

cat >"$project/plugin.md" <<'MD'
The finetuning step comes last.
MD
