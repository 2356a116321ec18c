//! Property tests: for any input, regions are sorted, disjoint, non-empty, on char boundaries,
//! and never panic.

use proptest::prelude::*;

use crate::scan::FileKind;
use crate::scan::prose::prose_regions;

const KINDS: [FileKind; 5] = [
    FileKind::Text,
    FileKind::Markdown,
    FileKind::Latex,
    FileKind::Rst,
    FileKind::Asciidoc,
];

fn assert_invariants(text: &str) {
    for kind in KINDS {
        let regions = prose_regions(text, kind);
        let mut last_end = 0;
        for (i, r) in regions.iter().enumerate() {
            assert!(r.start < r.end, "{kind:?}: empty region {r:?} in {text:?}");
            assert!(
                i == 0 || r.start >= last_end,
                "{kind:?}: unsorted or overlapping {regions:?}"
            );
            assert!(
                r.end <= text.len(),
                "{kind:?}: {r:?} past the end of {text:?}"
            );
            assert!(
                text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{kind:?}: {r:?} off a char boundary in {text:?}"
            );
            last_end = r.end;
        }
    }
}

/// Pieces of Markdown, LaTeX, reStructuredText and AsciiDoc syntax, with multi-byte text.
const PIECES: &[&str] = &[
    "$",
    "$$",
    "`",
    "``",
    "```",
    "~~~",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "\\",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "<details>",
    "<td align=\"x>\">",
    "<code>",
    "</code>",
    "&amp;",
    "&#x1F;",
    "<![CDATA[",
    "<?",
    "[a]: /x",
    "---",
    "+++",
    "----",
    "....",
    "////",
    "::",
    ".. ",
    "|",
    "*",
    "**",
    "_",
    "#",
    "%",
    "@",
    "http://",
    "https://a.b",
    "www.",
    "mailto:",
    "a@b.co",
    "word",
    "fine tuning",
    "é",
    "e\u{301}",
    "😀",
    "模型",
    "\\begin{verbatim}",
    "\\end{verbatim}",
    "\\begin{equation}",
    "\\end{equation}",
    "\\verb",
    "\\verb|",
    "\\(",
    "\\)",
    "\\[",
    "\\]",
    "\\section",
    "\\label",
    "\\href",
    "\\newcommand",
    "\\def",
    "\\lstinline",
    "\\mintinline",
    "\\begin",
    "\\end",
    "\\\\",
    "[^1]",
    "[x]: ",
    "](",
    "![",
    "- [ ] ",
    "{#id}",
    ":ref:",
    "`_",
];

fn syntaxish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..48).prop_map(|v| v.concat())
}

/// Real documents (the judged suite's Markdown and reStructuredText, the shipped example), to
/// cut and splice; every reader reads each.
const REAL: &[&str] = &[
    include_str!("../../../../../../tests/realdocs/accelerate-readme.md"),
    include_str!("../../../../../../tests/realdocs/analogpy-readme.md"),
    include_str!("../../../../../../tests/realdocs/schemdraw-electrical.rst"),
    include_str!("../../../../../../corpus/examples/training-notes.md"),
];

/// `base` with `cut` bytes removed at `at` and `insert` put there (at char boundaries).
fn splice(base: &str, at: usize, cut: usize, insert: &str) -> String {
    let mut at = at % (base.len() + 1);
    while !base.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + cut).min(base.len());
    while !base.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{insert}{}", &base[..at], &base[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Real documents cut and spliced anywhere, read by every reader.
    #[test]
    fn real_documents_spliced_anywhere_give_valid_regions(
        doc in 0..REAL.len(),
        at in 0usize..200_000,
        cut in 0usize..400,
        insert in prop::sample::select(PIECES),
    ) {
        assert_invariants(&splice(REAL[doc], at, cut, insert));
    }

    #[test]
    fn arbitrary_strings_give_valid_regions(text in any::<String>()) {
        assert_invariants(&text);
    }

    #[test]
    fn syntax_heavy_strings_give_valid_regions(text in syntaxish()) {
        assert_invariants(&text);
    }
}

/// Blocks of Markdown that a cut between pieces could break: fences and HTML blocks holding
/// blank lines (closed and not), lists, quotes, metadata blocks, `$$` math, reference and
/// footnote definitions, tables, links, code and URLs.
const BLOCKS: &[&str] = &[
    "Plain words about sparse autoencoders.",
    "Another paragraph with `inline code`, a [link](https://x.y/z) and https://example.com/a.",
    "```python\ncode here\n\nmore code\n```",
    "```\nnever closed",
    "~~~\ntilde fence\n\nstill code\n~~~",
    "<!--\na comment\n\nstill the comment\n-->",
    "<!-- never closed",
    "<pre>\npre text\n\nmore\n</pre>",
    "<div>\nhtml *block*\n</div>",
    "- item one\n\n  continued item\n- item two",
    "1. first\n\n   second paragraph",
    "> quoted\n> text",
    "    indented code",
    "---\ntitle: x\n\nbody: y\n---",
    "+++\na = 1\n\nb = 2\n+++",
    "---",
    "$$\nx^2\n\ny\n$$",
    "Money $5 and math $x$ here.",
    "[ref]: https://example.com",
    "See [ref] and [other][ref].",
    "Note[^1].",
    "[^1]: The footnote.",
    "| a | b |\n|---|---|\n| c | d |",
    "# Heading {#id}",
    "Setext\n======",
    "text <code>inline raw\n\nparagraph</code> end",
    "- [ ] task",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// A Markdown document read in pieces has the regions it has read in one go, wherever the
    /// pieces would be cut.
    #[test]
    fn markdown_read_in_pieces_is_read_as_in_one_go(
        blocks in proptest::collection::vec((0..BLOCKS.len(), 0..3usize), 0..40),
        piece in 1usize..200,
    ) {
        let mut text = String::new();
        for (b, sep) in blocks {
            text.push_str(BLOCKS[b]);
            text.push_str(["\n\n", "\n", "\n\n\n"][sep]);
        }
        prop_assert_eq!(
            crate::scan::prose::prose_regions_in_pieces(&text, FileKind::Markdown, piece),
            prose_regions(&text, FileKind::Markdown)
        );
    }

    /// Real documents spliced with syntax anywhere, read in pieces and in one go.
    #[test]
    fn spliced_real_documents_read_in_pieces_are_read_as_in_one_go(
        doc in 0..REAL_MARKDOWN.len(),
        at in 0usize..200_000,
        cut in 0usize..400,
        insert in prop::sample::select(PIECES),
        piece in 16usize..2048,
    ) {
        let text = splice(REAL_MARKDOWN[doc], at, cut, insert);
        prop_assert_eq!(
            crate::scan::prose::prose_regions_in_pieces(&text, FileKind::Markdown, piece),
            prose_regions(&text, FileKind::Markdown)
        );
    }
}

/// Every real Markdown document of `tests/realdocs`.
const REAL_MARKDOWN: &[&str] = &[
    include_str!("../../../../../../tests/realdocs/accelerate-readme.md"),
    include_str!("../../../../../../tests/realdocs/analogpy-readme.md"),
    include_str!("../../../../../../tests/realdocs/avl-jtag-readme.md"),
    include_str!("../../../../../../tests/realdocs/captum-readme.md"),
    include_str!("../../../../../../tests/realdocs/colossalai-readme.md"),
    include_str!("../../../../../../tests/realdocs/deepspeed-readme.md"),
    include_str!("../../../../../../tests/realdocs/diffusers-readme.md"),
    include_str!("../../../../../../tests/realdocs/ebyst-readme.md"),
    include_str!("../../../../../../tests/realdocs/gf180-hdl21-readme.md"),
    include_str!("../../../../../../tests/realdocs/lambdalib-readme.md"),
    include_str!("../../../../../../tests/realdocs/llmcompressor-add-moe-support.md"),
    include_str!("../../../../../../tests/realdocs/mbrl-readme.md"),
    include_str!("../../../../../../tests/realdocs/open-clip-readme.md"),
    include_str!("../../../../../../tests/realdocs/peft-readme.md"),
    include_str!("../../../../../../tests/realdocs/processbehavior-readme.md"),
    include_str!("../../../../../../tests/realdocs/pyannote-audio-readme.md"),
    include_str!("../../../../../../tests/realdocs/pycontrolcharts-readme.md"),
    include_str!("../../../../../../tests/realdocs/pyshewhart-readme.md"),
    include_str!("../../../../../../tests/realdocs/sae-lens-long-description.md"),
    include_str!("../../../../../../tests/realdocs/schnetpack-readme.md"),
    include_str!("../../../../../../tests/realdocs/segment-anything-readme.md"),
    include_str!("../../../../../../tests/realdocs/shewhart-readme.md"),
    include_str!("../../../../../../tests/realdocs/sky130-hdl21-readme.md"),
    include_str!("../../../../../../tests/realdocs/tfjs-converter-readme.md"),
    include_str!("../../../../../../tests/realdocs/torchao-long-description.md"),
    include_str!("../../../../../../tests/realdocs/torchtune-long-description.md"),
    include_str!("../../../../../../tests/realdocs/transformer-lens-readme.md"),
    include_str!("../../../../../../tests/realdocs/transformers-readme.md"),
];

/// The real documents read in small pieces have the regions they have read in one go (most
/// of them hold what stops a cut, or cut where a list or a fence goes on: the reading falls
/// back to one go there).
#[test]
fn real_documents_read_in_pieces_are_read_as_in_one_go() {
    for (i, text) in REAL_MARKDOWN.iter().enumerate() {
        for piece in [64, 512, 4096] {
            assert_eq!(
                crate::scan::prose::prose_regions_in_pieces(text, FileKind::Markdown, piece),
                prose_regions(text, FileKind::Markdown),
                "real document {i} in pieces of {piece}"
            );
        }
    }
}
