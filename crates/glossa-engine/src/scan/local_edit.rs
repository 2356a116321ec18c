//! Whether an edit leaves a document's prose regions as they were (only shifted), so that a
//! re-scan may stay local to it: the test behind the server's incremental path.
//!
//! Every prose reader decides what is prose from three things only: markup characters (`<`,
//! `[`, `` ` ``, `$`, `\`, `:`, `|`, `&`, `{`, `#`, `=`, `~`, `@`, `/`, `%`, …, all ASCII), the first word of
//! a line (list markers such as `12.`, rST's `..`, AsciiDoc's `....` delimiters) and bare URLs
//! (`www.`). So an edit is local when, both before and after it:
//! - it inserts and removes only [plain](is_plain_char) characters (no line break, no tab);
//! - its *block*, the lines around it up to blank lines, holds nothing but plain characters and
//!   white space: no construct of any reader that could change opens, closes or runs through it
//!   (inline HTML, links and code spans never cross a blank line; tables, HTML blocks and
//!   reference definitions would show their markup in the block);
//! - it does not touch the first word of its line, unless that word is only letters (never a
//!   marker), nor the white space after that word (a list item's content column);
//! - the word it is in holds only plain characters and no `www.` (a bare URL).
//!
//! The block may also hold backticks, colons and slashes (inline code, URLs, rST roles): their
//! constructs live inside one word or pair by position, which a plain edit outside their words
//! leaves alone.
//!
//! Markdown HTML blocks hold prose (the text between tags). Only the blocks that run across
//! blank lines (`<pre>`, `<script>`, `<style>`, `<textarea>`, comments, `<?…?>`, `<!…>`, CDATA)
//! can hold a plain block without its tags; what decides prose there is the tags and `&`
//! (neither plain) and backtick runs within a line (left alone, as above), and the content of
//! all of them is skipped anyway, so no prose region holds the edit and the document re-scans.
//!
//! This is deliberately conservative (a paragraph with a link anywhere re-scans fully): the
//! incremental path must give exactly what a full scan gives, and typing at the end of an
//! ordinary line stays local. Positions are byte offsets on char boundaries; nothing here
//! assumes ASCII white space.

use std::ops::Range;

/// True when the text `range` of `text` (removed, or just inserted) is a local edit; evaluate
/// it on the text before the edit and on the text after it.
pub fn is_local_edit(text: &str, range: Range<usize>) -> bool {
    let Some(edited) = text.get(range.clone()) else {
        return false;
    };
    edited.chars().all(is_plain_char)
        && block_is_plain(text, range.start, range.end)
        && first_word_kept(text, range.clone())
        && word_is_plain(text, range)
}

/// Characters an edit may insert or remove and a block may hold besides white space: ASCII
/// letters, digits, the space and punctuation no reader gives a meaning (except at a line's
/// start), and anything not ASCII (every reader's markup is ASCII; emoji, combining marks and
/// the Unicode spaces and line separators are text to all of them, and to LSP positions).
pub fn is_plain_char(c: char) -> bool {
    !c.is_ascii()
        || c.is_ascii_alphanumeric()
        || matches!(
            c,
            ' ' | '.' | ',' | ';' | '?' | '!' | '\'' | '"' | '(' | ')' | '*' | '_' | '-'
        )
}

/// The lines around `start..end` up to blank lines (or the text's ends) hold only plain
/// characters and white space. Lines end at `\n` only: a lone `\r` makes the block larger,
/// which is safe whichever way a reader counts lines.
fn block_is_plain(text: &str, start: usize, end: usize) -> bool {
    let is_blank = |line: &str| line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
    let mut from = text[..start].rfind('\n').map_or(0, |i| i + 1);
    while from > 0 {
        let prev = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
        if is_blank(&text[prev..from - 1]) {
            break;
        }
        from = prev;
    }
    let mut to = text[end..].find('\n').map_or(text.len(), |i| end + i);
    while to < text.len() {
        let next = text[to + 1..].find('\n').map_or(text.len(), |i| to + 1 + i);
        if is_blank(&text[to + 1..next]) {
            break;
        }
        to = next;
    }
    text[from..to]
        .chars()
        .all(|c| is_plain_char(c) || c.is_whitespace() || matches!(c, '`' | ':' | '/'))
}

/// The edit `range` keeps its line's first word what it was: it starts after the first
/// character of the line's second word, or it lies inside (or at the start of) a first word
/// of only letters, unindented. Lines end at `\n` or `\r` here (a later line start is the
/// stricter test). Evaluated on the text before and after an edit, so a first word that goes
/// ("«x» 1. item") is refused on the side where the line starts with white space.
fn first_word_kept(text: &str, range: Range<usize>) -> bool {
    let start = range.start;
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    let t = before.trim_start_matches(char::is_whitespace);
    if t.is_empty() && !before.is_empty() {
        // At an indented line's first word: indentation decides blocks; left to a full scan.
        return false;
    }
    // At the first word's start (a paragraph's start): the word itself decides, as inside it.
    let second_started = t
        .find(char::is_whitespace)
        .is_some_and(|i| !t[i..].trim_start().is_empty());
    if second_started {
        return true;
    }
    let word_start = start - t.len();
    let rest = &text[word_start..];
    let word = rest.find(char::is_whitespace).map_or(rest, |i| &rest[..i]);
    // Empty is no word: the line would start with white space (indentation) or be blank. The
    // edit stays inside the word (the white space after it is a list item's content column).
    !word.is_empty()
        && (!t.is_empty() || range.end <= word_start + word.len())
        && word.chars().all(char::is_alphabetic)
}

/// The white-space-delimited word around `range` holds only plain characters and no `www.`.
/// So a backtick, a colon or a slash in the block is left as it was: code spans pair backtick
/// runs by position alone (the edit neither joins nor splits a run), and URLs (`://`, `www.`),
/// rST roles (`:name:`) and `::` live inside one word.
fn word_is_plain(text: &str, range: Range<usize>) -> bool {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| range.end + i);
    let word = &text[start..end];
    word.chars().all(is_plain_char) && !word.to_ascii_lowercase().contains("www.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `«…»` marks the edited range.
    fn local(marked: &str) -> bool {
        let start = marked.find('«').unwrap();
        let end = marked.find('»').unwrap() - '«'.len_utf8();
        let text = marked.replace(['«', '»'], "");
        is_local_edit(&text, start..end)
    }

    #[test]
    fn typing_in_an_ordinary_line_is_local() {
        assert!(local(
            "# Notes\n\nWe use SAE«s»\nand more.\n\n```\ncode\n```\n"
        ));
        assert!(local("Some prose, «here» and there."));
        assert!(local("Hel«l»o"));
        assert!(local("a\u{a0}b«x»c\n"));
        assert!(local("An emoji 😀 and e\u{301} «😀»\u{2028}here"));
    }

    #[test]
    fn markup_anywhere_in_the_block_is_not_local() {
        assert!(!local("We <a«,»b:finetuning> go."));
        assert!(!local("See [see][fine«x»tuning].\n\n[finetuning]: /u"));
        assert!(!local("<finetuning «.»x>\nfinetuning more"));
        assert!(!local("<span\nx«é»\ny>"));
        // ...but a blank line away it is.
        assert!(local("`code`\n\nplain «words» here"));
    }

    #[test]
    fn a_line_s_first_word_and_its_white_space_are_kept() {
        assert!(!local("12«x». item\n\n     finetuning"));
        assert!(!local("1.«a» x"));
        assert!(!local("..«x» comment"));
        assert!(!local("- «a»item"));
        assert!(local("- a«b» item"));
        assert!(!local("«Hello »1. x"));
        assert!(!local("\u{3000}«x»"));
        // At the start of a word of letters (a paragraph's start): local; not when the word
        // goes and the line would start with white space or a marker.
        assert!(local("«X»We use SAE"));
        assert!(local("Intro.\n\n«x»We use SAE"));
        assert!(!local("«x»1. item"));
    }

    #[test]
    fn code_spans_and_urls_elsewhere_in_the_block_are_fine() {
        assert!(local(
            "Use `scan chain` and https://x.org/a for «more» notes."
        ));
        assert!(!local("Use `scan«x»` here."));
        assert!(!local("A `x`«y»`z` run."));
        assert!(!local("See https://x.org/«a» here."));
        assert!(!local("A :ref«x»:`y` role."));
        assert!(!local("Then foo:«x»:\n\n    literal"));
    }

    /// A plain block inside an HTML block that runs across blank lines: local by this test,
    /// and outside every prose region, so the server still re-scans (see the module doc).
    #[test]
    fn a_plain_block_inside_a_pre_or_comment_is_not_prose() {
        for marked in [
            "<pre>\n\nSAM w«x»ords\n\n</pre>\n",
            "<!--\n\nSAM w«x»ords\n\n-->\n",
        ] {
            assert!(local(marked));
            let text = marked.replace(['«', '»'], "");
            let at = marked.find('«').unwrap();
            let regions = crate::scan::prose_regions(&text, crate::scan::FileKind::Markdown);
            assert!(
                !regions.iter().any(|r| r.contains(&at)),
                "{marked:?}: {regions:?}"
            );
        }
    }

    #[test]
    fn a_word_that_holds_www_is_not_local() {
        assert!(!local("See www«.»example docs."));
        assert!(!local("See «x»www.example docs."));
        assert!(!local("ma«x»ilto:finetuning"));
    }
}
