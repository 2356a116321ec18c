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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings_give_valid_regions(text in any::<String>()) {
        assert_invariants(&text);
    }

    #[test]
    fn syntax_heavy_strings_give_valid_regions(text in syntaxish()) {
        assert_invariants(&text);
    }
}
