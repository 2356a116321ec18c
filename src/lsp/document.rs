//! An open document: its text (a `String` for the engine and a rope for positions), version,
//! kind, and the cached scan (prose regions and matches) that edits keep up to date.
//!
//! Every content change of a `didChange` is applied in order. An edit that cannot change what
//! is prose ([`is_local_edit`], before and after it) inside one prose region is re-scanned
//! incrementally: regions and matches after it are shifted, and only a few words around the
//! edit (as many as the longest glossary name has) are matched again, so typing in a 10 MB file
//! costs about the same as in a short one. Anything else (markup in the paragraph, a line
//! break, an edit at a region's edge) re-scans the whole document, which is always correct.
//! Client ranges are clamped by [`convert`]; nothing here panics on client input.

use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert::{self, Encoding};
use crate::analysis::directives::Ignored;
use crate::analysis::{self, Finding};
use crate::project::Project;
use crate::scan::local_edit::is_local_edit;
use crate::scan::{self, FileKind, Match};

#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    pub kind: FileKind,
    text: String,
    rope: Rope,
    project: Project,
    regions: Vec<Range<usize>>,
    matches: Vec<Match>,
    /// The document's `glossa-ignore:` directives, kept like the matches.
    ignored: Ignored,
    /// The most separator runs in any glossary name: how far a match can reach from an edit.
    max_separators: usize,
    /// How many edits were re-scanned incrementally (for tests and logs).
    pub incremental_edits: u64,
}

impl Document {
    pub fn new(uri: Uri, version: i32, kind: FileKind, text: String, project: Project) -> Document {
        let rope = Rope::from_str(&text);
        let max_separators = max_separators(&project);
        let mut d = Document {
            uri,
            version,
            kind,
            text,
            rope,
            project,
            regions: Vec::new(),
            matches: Vec::new(),
            ignored: Ignored::default(),
            max_separators,
            incremental_edits: 0,
        };
        d.rescan();
        d
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    pub fn matches(&self) -> &[Match] {
        &self.matches
    }

    /// True when `offset` is inside prose (not code, math, front matter…).
    pub fn in_prose(&self, offset: usize) -> bool {
        let i = self.regions.partition_point(|r| r.start <= offset);
        i > 0 && offset <= self.regions[i - 1].end
    }

    /// The match at an LSP position (touching it at either end), if any.
    pub fn match_at(&self, pos: lsp::Position, enc: Encoding) -> Option<&Match> {
        crate::analysis::hover::match_at(&self.matches, convert::offset(&self.rope, pos, enc))
    }

    /// Uses another project (after a glossary reload) and re-scans.
    pub fn set_project(&mut self, project: Project) {
        self.max_separators = max_separators(&project);
        self.project = project;
        self.rescan();
    }

    /// The findings of the rules over the cached matches.
    pub fn findings(&self) -> Vec<Finding> {
        let cx = analysis::Context {
            text: &self.text,
            glossary: &self.project.glossary,
            matches: &self.matches,
            ignored: &self.ignored,
        };
        analysis::run_rules(&cx, &self.project.config.rules)
    }

    /// Applies one content change: `range` None replaces the whole text.
    pub fn apply_change(&mut self, range: Option<lsp::Range>, new_text: &str, enc: Encoding) {
        let Some(range) = range else {
            self.text = new_text.to_owned();
            self.rope = Rope::from_str(new_text);
            self.rescan();
            return;
        };
        let r = convert::byte_range(&self.rope, range, enc);
        let local_before = is_local_edit(&self.text, r.clone());
        // Directives change only where a line that holds one (before or after the edit) is
        // edited; re-reading them costs a pass over the whole text, so only then.
        let directive_line = |text: &str, r: &Range<usize>| {
            let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
            text[start..end].contains("glossa-ignore")
        };
        let mut directives_changed = directive_line(&self.text, &r);
        let c0 = self.rope.byte_to_char(r.start);
        let c1 = self.rope.byte_to_char(r.end);
        self.rope.remove(c0..c1);
        self.rope.insert(c0, new_text);
        self.text.replace_range(r.clone(), new_text);
        directives_changed |= directive_line(&self.text, &(r.start..r.start + new_text.len()));
        if directives_changed {
            self.ignored = Ignored::parse(&self.text);
        }
        let new_range = r.start..r.start + new_text.len();
        if local_before
            && is_local_edit(&self.text, new_range)
            && self.rescan_edit(r.clone(), new_text.len())
        {
            self.incremental_edits += 1;
        } else {
            self.rescan();
        }
    }

    fn rescan(&mut self) {
        self.ignored = Ignored::parse(&self.text);
        (self.regions, self.matches) =
            scan::scan_with_regions(&self.text, self.kind, &self.project.matcher);
    }

    /// Re-scans after `old` (in the previous text) was replaced by `inserted` bytes, when the
    /// edit is safely inside one prose region. False when it is not: the caller re-scans all.
    fn rescan_edit(&mut self, old: Range<usize>, inserted: usize) -> bool {
        let new_end = old.start + inserted;
        let text = &self.text;
        // Typing at the very end of the document is the common case: a region may end there.
        let at_end = new_end == text.len();
        // The region the edit lies in (binary search: regions are sorted and disjoint).
        let Some(ri) = self
            .regions
            .partition_point(|reg| reg.start < old.start)
            .checked_sub(1)
        else {
            return false;
        };
        let reg = &self.regions[ri];
        if !(old.end < reg.end || (at_end && old.end == reg.end)) {
            return false;
        }
        let delta = inserted as isize - old.len() as isize;
        let shift = |x: usize| (x as isize + delta) as usize;
        // The region must keep a letter or digit, or a full scan would drop it (searched
        // outwards from the edit: in a long region one is always near).
        let alnum = char::is_alphanumeric;
        if !(text[reg.start..old.start].chars().rev().any(alnum)
            || text[old.start..shift(reg.end)].chars().any(alnum))
        {
            return false;
        }
        // Regions: this one grows or shrinks, later ones move.
        self.regions[ri].end = shift(self.regions[ri].end);
        for reg in &mut self.regions[ri + 1..] {
            *reg = shift(reg.start)..shift(reg.end);
        }
        let region = self.regions[ri].clone();
        // Old match ranges in new coordinates: unchanged before the edit, shifted after it, and
        // squeezed onto the edit where they overlap it.
        let (os, oe, ne) = (old.start, old.end, new_end);
        let map = |x: usize| {
            if x <= os {
                x
            } else if x >= oe {
                shift(x)
            } else {
                ne
            }
        };
        // The window around the edit, widened to cover every old match that touches it; those
        // are dropped and found again.
        let mut win = window(text, region, os, ne, self.max_separators + 1);
        let lo = self.matches.partition_point(|m| m.range.end <= win.start);
        let mut hi = lo;
        while hi < self.matches.len() {
            let m = &self.matches[hi].range;
            if m.start >= oe && shift(m.start) >= win.end {
                break;
            }
            hi += 1;
        }
        if hi > lo {
            win.start = win.start.min(map(self.matches[lo].range.start));
            win.end = win.end.max(map(self.matches[hi - 1].range.end));
        }
        let mut found = Vec::new();
        self.project
            .matcher
            .find_into(&self.text[win.clone()], win.start, &mut found);
        for m in &mut self.matches[hi..] {
            m.range = shift(m.range.start)..shift(m.range.end);
        }
        self.matches.splice(lo..hi, found);
        true
    }
}

/// The window to re-match around an edit at `start..end` (new text), inside `region`: `runs`
/// runs of white space out on each side. A match that touches the edit holds fewer separator
/// runs (white space, hyphens) than that, so it lies inside; the window's edges sit next to
/// white space, which bounds what the matcher's checks read (a candidate's token), so the checks
/// at the edges see what a full scan sees.
fn window(text: &str, region: Range<usize>, start: usize, end: usize, runs: usize) -> Range<usize> {
    let mut from = region.start;
    let (mut seen, mut in_sep) = (0, false);
    for (i, c) in text[region.start..start].char_indices().rev() {
        if c.is_whitespace() {
            if !in_sep {
                seen += 1;
                in_sep = true;
                if seen > runs {
                    from = region.start + i + c.len_utf8();
                    break;
                }
            }
        } else {
            in_sep = false;
        }
    }
    let mut to = region.end;
    let (mut seen, mut in_sep) = (0, false);
    for (i, c) in text[end..region.end].char_indices() {
        if c.is_whitespace() {
            if !in_sep {
                seen += 1;
                in_sep = true;
                if seen > runs {
                    to = end + i;
                    break;
                }
            }
        } else {
            in_sep = false;
        }
    }
    from..to
}

/// The most separator runs in a folded glossary name (folded names have single spaces).
fn max_separators(project: &Project) -> usize {
    project
        .glossary
        .matchable_names()
        .iter()
        .map(|(name, _)| name.matches(' ').count())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Glossary, Name, NameKind, Status};
    use std::sync::Arc;

    fn project() -> Project {
        let mut p = Project::builtin();
        let g = Glossary::from_entries([
            Entry {
                term: "sparse autoencoder".into(),
                names: vec![Name::new("SAE", Status::Admitted, NameKind::Acronym)],
                ..Entry::default()
            },
            Entry {
                term: "fine-tuning".into(),
                names: vec![Name::new("finetuning", Status::Deprecated, NameKind::Alias)],
                ..Entry::default()
            },
        ]);
        p.matcher = Arc::new(crate::scan::Matcher::new(&g));
        p.glossary = Arc::new(g);
        p
    }

    fn doc(text: &str) -> Document {
        doc_of(FileKind::Text, text)
    }

    fn doc_of(kind: FileKind, text: &str) -> Document {
        Document::new(
            "file:///t.md".parse().unwrap(),
            1,
            kind,
            text.to_owned(),
            project(),
        )
    }

    fn edit(d: &mut Document, at: usize, remove: usize, insert: &str) {
        let rope = d.rope().clone();
        let r = convert::range(&rope, &(at..at + remove), Encoding::Utf8);
        d.apply_change(Some(r), insert, Encoding::Utf8);
    }

    fn check_against_full(d: &Document) {
        let full = doc_of(d.kind, d.text());
        assert_eq!(d.matches(), full.matches(), "text: {:?}", d.text());
        assert_eq!(d.regions, full.regions, "text: {:?}", d.text());
    }

    /// Regression: an edit at the end of a line (before its line break) always took the full
    /// re-scan, so typing at the end of a line in a 10 MB document cost as much as opening it.
    #[test]
    fn typing_at_the_end_of_a_line_is_incremental() {
        let mut d = doc_of(
            FileKind::Markdown,
            "# Notes\n\nWe use SAE\nand more.\n\n```\ncode\n```\n",
        );
        let at = d.text().find("SAE").unwrap() + 3;
        edit(&mut d, at, 0, "s");
        check_against_full(&d);
        edit(&mut d, at, 1, "");
        check_against_full(&d);
        assert_eq!(d.incremental_edits, 2);
    }

    #[test]
    fn directives_follow_edits() {
        let mut d = doc_of(
            FileKind::Markdown,
            "<!-- glossa-ignore: SAE -->\nWe use finetuning.\n",
        );
        assert_eq!(d.findings().len(), 1);
        // Typing on the directive's line changes what is ignored.
        let at = d.text().find("SAE").unwrap();
        edit(&mut d, at, 3, "finetuning");
        assert!(d.findings().is_empty(), "{:?}", d.findings());
        edit(&mut d, at, 10, "SAE");
        assert_eq!(d.findings().len(), 1);
        // A directive made by deleting a character ("glossax-ignore" → "glossa-ignore").
        let mut d = doc_of(
            FileKind::Markdown,
            "<!-- glossax-ignore: finetuning -->\nWe use finetuning.\n",
        );
        assert_eq!(d.findings().len(), 1);
        let x = d.text().find('x').unwrap();
        edit(&mut d, x, 1, "");
        assert!(d.findings().is_empty());
    }

    /// A plain "." can turn a word into a bare URL ("www" → "www."): prose changes, so that
    /// edit re-scans everything.
    #[test]
    fn an_edit_that_makes_a_url_rescans_everything() {
        let mut d = doc_of(FileKind::Markdown, "See www finetuning docs.\n");
        let at = d.text().find("www").unwrap() + 3;
        edit(&mut d, at, 1, ".");
        check_against_full(&d);
        assert_eq!(d.incremental_edits, 0);
    }

    #[test]
    fn typing_a_term_letter_by_letter_is_incremental_and_exact() {
        let mut d = doc("First we try SAE.\n\nThen spar and finetuning.\n\nEnd SAE here.");
        let at = d.text().find("spar").unwrap() + 4;
        for (i, c) in "se autoencoder".chars().enumerate() {
            edit(&mut d, at + i, 0, &c.to_string());
            check_against_full(&d);
        }
        assert!(d.text().contains("Then sparse autoencoder and"));
        // Typing at the very end of the document stays incremental too.
        let end = d.text().len();
        edit(&mut d, end, 0, " SAE");
        check_against_full(&d);
        assert_eq!(d.incremental_edits, 15);
        let terms: Vec<&str> = d
            .matches()
            .iter()
            .map(|m| &d.text()[m.range.clone()])
            .collect();
        assert_eq!(
            terms,
            ["SAE", "sparse autoencoder", "finetuning", "SAE", "SAE"]
        );
    }

    #[test]
    fn deleting_inside_a_term_drops_its_match() {
        let mut d = doc("A finetuning run. A SAE too.");
        let at = d.text().find("tuning").unwrap();
        edit(&mut d, at, 2, "");
        check_against_full(&d);
        assert_eq!(d.incremental_edits, 1);
        let terms: Vec<&str> = d
            .matches()
            .iter()
            .map(|m| &d.text()[m.range.clone()])
            .collect();
        assert_eq!(terms, ["SAE"]);
    }

    #[test]
    fn line_breaks_and_markup_fall_back_to_a_full_rescan() {
        let mut d = doc("A finetuning run.\nA SAE too.");
        edit(&mut d, 1, 0, "\n`");
        check_against_full(&d);
        assert_eq!(d.incremental_edits, 0);
    }

    #[test]
    fn several_changes_apply_in_order() {
        let mut d = doc("abc");
        let r1 = lsp::Range::new(lsp::Position::new(0, 3), lsp::Position::new(0, 3));
        let r2 = lsp::Range::new(lsp::Position::new(0, 0), lsp::Position::new(0, 1));
        d.apply_change(Some(r1), " SAE", Encoding::Utf16);
        d.apply_change(Some(r2), "X", Encoding::Utf16);
        assert_eq!(d.text(), "Xbc SAE");
        check_against_full(&d);
    }

    #[test]
    fn out_of_range_change_is_clamped_not_a_panic() {
        let mut d = doc("abc\n");
        let r = lsp::Range::new(lsp::Position::new(7, 9), lsp::Position::new(2, 99));
        d.apply_change(Some(r), "SAE", Encoding::Utf16);
        assert_eq!(d.text(), "abc\nSAE");
        check_against_full(&d);
    }

    /// Regression: a window bounded by blank lines missed a name folded across one.
    #[test]
    fn a_term_across_a_blank_line_is_found_like_a_full_scan() {
        let mut d = doc("It is sparse\n\nautoencode here.");
        let at = d.text().find(" here").unwrap();
        edit(&mut d, at, 0, "r");
        check_against_full(&d);
    }

    #[test]
    fn one_char_edit_in_a_large_document_is_incremental() {
        let text = "Some prose with SAE and finetuning, then more words.\n\n".repeat(40_000);
        let mut d = doc(&text);
        let at = text.len() / 2 + 5; // inside "prose"
        edit(&mut d, at, 0, "x");
        assert_eq!(d.incremental_edits, 1);
        check_against_full(&d);
    }

    /// Deletes or inserts at byte offsets of a Markdown document, then compares with a full
    /// scan (regions and matches).
    fn edit_md(text: &str, at: usize, remove: usize, insert: &str) -> Document {
        let mut d = doc_of(FileKind::Markdown, text);
        edit(&mut d, at, remove, insert);
        check_against_full(&d);
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
    /// paragraph instead of a code block: the warning on "finetuning" was missed.
    #[test]
    fn deleting_a_letter_that_makes_a_list_marker() {
        let d = edit_md("12x. item\n\n     finetuning", 2, 1, "");
        assert_eq!(d.findings().len(), 1, "{:?}", d.findings());
    }

    /// Regression (issue 7): the word around an edit was found by stepping one byte past the
    /// last white space, inside U+00A0 ("byte index 2 is not a char boundary").
    #[test]
    fn typing_after_a_multibyte_white_space() {
        for ws in [
            "\u{a0}", "\u{2028}", "\u{3000}", "\u{202f}", "\u{1680}", "\u{85}",
        ] {
            let text = format!("a{ws}bc finetuning\n");
            let at = text.find('c').unwrap();
            let d = edit_md(&text, at, 0, "x");
            assert_eq!(d.findings().len(), 1);
        }
    }

    proptest::proptest! {
        /// Any edit of a document full of constructs that plain characters can make or unmake
        /// (autolinks, inline HTML, HTML blocks, reference definitions, list markers, code
        /// fences and spans, URLs, rST roles and literal blocks, AsciiDoc delimiters and
        /// macros, LaTeX commands), in every kind, is re-scanned to exactly what a full scan
        /// finds.
        #[test]
        fn incremental_rescan_of_markdown_constructs_equals_a_full_rescan(
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
                ])),
                1..5,
            ),
        ) {
            let text: String = pieces.concat();
            let mut d = doc_of(kind, &text);
            for (at, remove, insert) in edits {
                let len = d.text().len();
                let mut at = at.min(len);
                while !d.text().is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + remove).min(len);
                while !d.text().is_char_boundary(end) {
                    end += 1;
                }
                edit(&mut d, at, end - at, insert);
                let full = doc_of(kind, d.text());
                proptest::prop_assert_eq!(d.matches(), full.matches(), "text: {:?}", d.text());
                proptest::prop_assert_eq!(&d.regions, &full.regions, "text: {:?}", d.text());
            }
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
                proptest::sample::select(vec![" ", " ", " ", "\n", "\n\n", ". ", "-", "  ", "\n# ", " `x` ", "\n```\n", " www"]),
                40,
            ),
            markdown in proptest::bool::ANY,
            edits in proptest::collection::vec(
                (0usize..400, 0usize..5, "[a-zSAE .]{0,4}"),
                1..6,
            ),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(s);
            }
            let kind = if markdown { FileKind::Markdown } else { FileKind::Text };
            let mut d = doc_of(kind, &text);
            for (at, remove, insert) in edits {
                let len = d.text().len();
                let mut at = at.min(len);
                while !d.text().is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + remove).min(len);
                while !d.text().is_char_boundary(end) {
                    end += 1;
                }
                edit(&mut d, at, end - at, &insert);
                let full = doc_of(kind, d.text());
                proptest::prop_assert_eq!(d.matches(), full.matches(), "text: {:?}", d.text());
                proptest::prop_assert_eq!(&d.regions, &full.regions, "text: {:?}", d.text());
            }
        }
    }
}
