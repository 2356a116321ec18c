# Sourced by the end-to-end editor tests (tests/nvim, tests/emacs, tests/vim run.sh): writes the
# temporary project every client is tested on into "$project" (glossa.toml, a native TOML
# glossary, Markdown files). The checks find their positions by searching these lines: keep the
# phrases in sync with the scripts that drive the editors.
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
