//! The incremental re-scan against a full scan: named regressions (issue 7) and proptests over
//! generated documents full of constructs that plain characters can make or unmake.

use super::*;
use proptest::strategy::Strategy;

fn matcher() -> Matcher {
    Matcher::new(&crate::glossary::test_glossary())
}

/// A text with its scan, edited the way the server edits it.
struct Doc {
    kind: FileKind,
    text: String,
    scanned: Scanned,
    matcher: Matcher,
    incremental: usize,
}

impl Doc {
    fn new(kind: FileKind, text: &str) -> Doc {
        let matcher = matcher();
        let scanned = Scanned::new(text, kind, &matcher);
        Doc {
            kind,
            text: text.to_owned(),
            scanned,
            matcher,
            incremental: 0,
        }
    }

    fn edit(&mut self, at: usize, remove: usize, insert: &str) {
        let old = std::mem::take(&mut self.scanned);
        let (new, how) = edit(
            &mut self.text,
            at..at + remove,
            insert,
            Some(old),
            &self.matcher,
        );
        self.scanned = match new {
            Some(s) => s,
            None => Scanned::new(&self.text, self.kind, &self.matcher),
        };
        if how == Rescan::Incremental {
            self.incremental += 1;
        }
    }

    fn terms(&self) -> Vec<&str> {
        self.scanned
            .matches
            .iter()
            .map(|m| &self.text[m.range.clone()])
            .collect()
    }

    #[track_caller]
    fn check_against_full(&self) {
        let full = Scanned::new(&self.text, self.kind, &self.matcher);
        assert_eq!(self.scanned, full, "text: {:?}", self.text);
    }
}

fn text(s: &str) -> Doc {
    Doc::new(FileKind::Text, s)
}

/// Regression: an edit at the end of a line (before its line break) always took the full
/// re-scan, so typing at the end of a line in a 10 MB document cost as much as opening it.
#[test]
fn typing_at_the_end_of_a_line_is_incremental() {
    let mut d = Doc::new(
        FileKind::Markdown,
        "# Notes\n\nWe use SAE\nand more.\n\n```\ncode\n```\n",
    );
    let at = d.text.find("SAE").unwrap() + 3;
    d.edit(at, 0, "s");
    d.check_against_full();
    d.edit(at, 1, "");
    d.check_against_full();
    assert_eq!(d.incremental, 2);
}

/// Regression (issue 9): typing at the start of a paragraph (the first word of a line, where a
/// prose region starts) took the full re-scan, 280-380 ms in a 10 MB document.
#[test]
fn typing_at_a_paragraph_start_is_incremental() {
    for kind in [
        FileKind::Markdown,
        FileKind::Text,
        FileKind::Rst,
        FileKind::Asciidoc,
    ] {
        let mut d = Doc::new(kind, "Intro line.\n\nWe use SAE\nand finetuning more.\n");
        let at = d.text.find("We").unwrap();
        d.edit(at, 0, "X");
        d.check_against_full();
        d.edit(at, 1, "");
        d.check_against_full();
        let at = d.text.find("and").unwrap();
        d.edit(at, 0, "s");
        d.check_against_full();
        d.edit(0, 1, "");
        d.check_against_full();
        assert_eq!(d.incremental, 4, "{kind:?}");
    }
    // Deleting a first word that leaves a list marker or indentation re-scans in full.
    for (text, at, remove) in [
        ("x 1. item\n\n     finetuning", 0, 1),
        ("x\n\n    SAE", 0, 1),
    ] {
        let d = edit_md(text, at, remove, "");
        assert_eq!(d.incremental, 0, "{text:?}");
    }
}

/// A plain "." can turn a word into a bare URL ("www" → "www."): prose changes, so that edit
/// re-scans everything.
#[test]
fn an_edit_that_makes_a_url_rescans_everything() {
    let mut d = Doc::new(FileKind::Markdown, "See www finetuning docs.\n");
    let at = d.text.find("www").unwrap() + 3;
    d.edit(at, 1, ".");
    d.check_against_full();
    assert_eq!(d.incremental, 0);
}

#[test]
fn typing_a_term_letter_by_letter_is_incremental_and_exact() {
    let mut d = text("First we try SAE.\n\nThen spar and finetuning.\n\nEnd SAE here.");
    let at = d.text.find("spar").unwrap() + 4;
    for (i, c) in "se autoencoder".chars().enumerate() {
        d.edit(at + i, 0, &c.to_string());
        d.check_against_full();
    }
    assert!(d.text.contains("Then sparse autoencoder and"));
    // Typing at the very end of the document stays incremental too.
    let end = d.text.len();
    d.edit(end, 0, " SAE");
    d.check_against_full();
    assert_eq!(d.incremental, 15);
    assert_eq!(
        d.terms(),
        ["SAE", "sparse autoencoder", "finetuning", "SAE", "SAE"]
    );
}

#[test]
fn deleting_inside_a_term_drops_its_match() {
    let mut d = text("A finetuning run. A SAE too.");
    let at = d.text.find("tuning").unwrap();
    d.edit(at, 2, "");
    d.check_against_full();
    assert_eq!(d.incremental, 1);
    assert_eq!(d.terms(), ["SAE"]);
}

#[test]
fn line_breaks_and_markup_fall_back_to_a_full_rescan() {
    let mut d = text("A finetuning run.\nA SAE too.");
    d.edit(1, 0, "\n`");
    d.check_against_full();
    assert_eq!(d.incremental, 0);
}

/// Regression: a window bounded by blank lines missed a name folded across one.
#[test]
fn a_term_across_a_blank_line_is_found_like_a_full_scan() {
    let mut d = text("It is sparse\n\nautoencode here.");
    let at = d.text.find(" here").unwrap();
    d.edit(at, 0, "r");
    d.check_against_full();
}

#[test]
fn one_char_edit_in_a_large_document_is_incremental() {
    let mut d = text(&"Some prose with SAE and finetuning, then more words.\n\n".repeat(40_000));
    let at = d.text.len() / 2 + 5; // inside "prose"
    d.edit(at, 0, "x");
    assert_eq!(d.incremental, 1);
    d.check_against_full();
}

/// Ranges off the text or inside a character are clamped, never a panic.
#[test]
fn ranges_are_clamped_to_the_text_and_to_char_boundaries() {
    let mut d = text("a\u{a0}b SAE");
    d.edit(2, 0, "x"); // inside U+00A0: moved to its start
    assert_eq!(d.text, "ax\u{a0}b SAE");
    d.edit(99, 5, "!");
    assert_eq!(d.text, "ax\u{a0}b SAE!");
    d.check_against_full();
    assert_eq!(clamp("é", 1..1), 0..0);
    assert_eq!(clamp("é", 1..2), 0..2);
    assert_eq!(clamp("é", 2..usize::MAX), 2..2);
}

/// With no scan of the text before, the edit is applied and a full scan asked for.
#[test]
fn no_scan_before_means_a_full_scan_after() {
    let mut s = "A SAE.".to_owned();
    let (scanned, how) = edit(&mut s, 0..1, "The", None, &matcher());
    assert_eq!((scanned, how, s.as_str()), (None, Rescan::Full, "The SAE."));
}

/// Deletes or inserts at byte offsets of a Markdown document, then compares with a full scan.
fn edit_md(text: &str, at: usize, remove: usize, insert: &str) -> Doc {
    let mut d = Doc::new(FileKind::Markdown, text);
    d.edit(at, remove, insert);
    d.check_against_full();
    d
}

/// Regression (issue 7): deleting the "x" makes `mailto:finetuning` a URL, not prose.
#[test]
fn deleting_a_letter_that_makes_a_mailto_url() {
    edit_md("maixlto:finetuning", 3, 1, "");
}

/// Regression (issue 7): deleting the "," makes `<ab:finetuning>` an autolink.
#[test]
fn deleting_a_comma_that_makes_an_autolink() {
    edit_md("We <a,b:finetuning> go.", 5, 1, "");
}

/// Regression (issue 7): a `"` closes the attribute, and the tag becomes inline HTML.
#[test]
fn a_quote_that_closes_an_html_attribute() {
    edit_md("We <span title=\"a finetuning> go.", 17, 0, "\"");
}

/// Regression (issue 7): deleting the "x" makes the label match a reference definition.
#[test]
fn deleting_a_letter_that_makes_a_reference_link() {
    edit_md("See [see][finextuning].\n\n[finetuning]: /u", 14, 1, "");
}

/// Regression (issue 7): deleting the "." makes a complete tag that opens an HTML block.
#[test]
fn deleting_a_dot_that_opens_an_html_block() {
    edit_md("<finetuning .x>\nfinetuning more", 12, 1, "");
}

/// Regression (issue 7): deleting the "x" makes a list item, and the indented line its
/// paragraph instead of a code block: the match on "finetuning" was missed.
#[test]
fn deleting_a_letter_that_makes_a_list_marker() {
    let d = edit_md("12x. item\n\n     finetuning", 2, 1, "");
    assert_eq!(d.terms(), ["finetuning"]);
}

/// Regression (issue 7): the word around an edit was found by stepping one byte past the last
/// white space, inside U+00A0 ("byte index 2 is not a char boundary").
#[test]
fn typing_after_a_multibyte_white_space() {
    for ws in [
        "\u{a0}", "\u{2028}", "\u{3000}", "\u{202f}", "\u{1680}", "\u{85}",
    ] {
        let text = format!("a{ws}bc finetuning\n");
        let at = text.find('c').unwrap();
        let d = edit_md(&text, at, 0, "x");
        assert_eq!(d.terms(), ["finetuning"]);
    }
}

/// Applies generated edits (offsets clamped like a client's) and compares with a full scan
/// after each.
fn edits_match_full_scans(
    kind: FileKind,
    text: &str,
    edits: &[(usize, usize, String)],
) -> Result<(), proptest::test_runner::TestCaseError> {
    let mut d = Doc::new(kind, text);
    for (at, remove, insert) in edits {
        d.edit(*at, *remove, insert);
        let full = Scanned::new(&d.text, kind, &d.matcher);
        proptest::prop_assert_eq!(&d.scanned, &full, "text: {:?}", d.text);
    }
    Ok(())
}

proptest::proptest! {
    /// Any edit of a document full of constructs that plain characters can make or unmake
    /// (autolinks, inline HTML, HTML blocks, reference definitions, list markers, code fences
    /// and spans, URLs, rST roles and literal blocks, AsciiDoc delimiters and macros, LaTeX
    /// commands), in every kind, is re-scanned to exactly what a full scan finds.
    #[test]
    fn incremental_rescan_of_markup_constructs_equals_a_full_rescan(
        kind in proptest::sample::select(vec![
            FileKind::Markdown, FileKind::Markdown, FileKind::Rst, FileKind::Asciidoc,
            FileKind::Latex, FileKind::Text,
        ]),
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "finetuning", "fine tuning", "SAE", "sparse autoencoder", "word", "x", "12",
                "é", " ", " ", "\n", "\n\n", ".", ",", "\"", ":", "<", ">", "<span title=\"a",
                "<a,b:", "mailto:", "maixlto:", "www", "[see][finextuning]", "[finetuning]: /u",
                "\n[finetuning]: /u\n", "1. ", "12x. ", "- ", "    ", "     ", "\n```\n",
                "`", "<finetuning .x>", "\u{a0}", "\u{3000}", "\r\n", "\r", "$", "|",
                "`x`", "``", "https://x.org/a", "/", "::", ":ref:`x`", "\n....\n", "..",
                "\\emph{x}", "%", "link:x[y]", "\n    ", "@",
            ]),
            1..30,
        ),
        edits in proptest::collection::vec(
            (0usize..300, 0usize..4, proptest::sample::select(vec![
                "", "x", "e", " ", ".", ",", "\"", "1", "a b", "tuning",
            ]).prop_map(str::to_owned)),
            1..5,
        ),
    ) {
        edits_match_full_scans(kind, &pieces.concat(), &edits)?;
    }

    /// Any plain edit anywhere in text full of terms, separators and paragraphs: the
    /// incremental re-scan finds exactly what a full scan finds.
    #[test]
    fn incremental_rescan_equals_a_full_rescan(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "sparse", "autoencoder", "autoencoders", "SAE", "SAEs", "finetuning",
                "fine", "tuning", "the", "x", "é",
            ]),
            1..40,
        ),
        seps in proptest::collection::vec(
            proptest::sample::select(vec![
                " ", " ", " ", "\n", "\n\n", ". ", "-", "  ", "\n# ", " `x` ", "\n```\n", " www",
            ]),
            40,
        ),
        markdown in proptest::bool::ANY,
        edits in proptest::collection::vec((0usize..400, 0usize..5, "[a-zSAE .]{0,4}"), 1..6),
    ) {
        let mut text = String::new();
        for (w, s) in words.iter().zip(&seps) {
            text.push_str(w);
            text.push_str(s);
        }
        let kind = if markdown { FileKind::Markdown } else { FileKind::Text };
        edits_match_full_scans(kind, &text, &edits)?;
    }
}
