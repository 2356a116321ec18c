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
