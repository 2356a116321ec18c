//! Bare URLs and e-mail addresses inside prose: `http://`, `https://`, `ftp://`, `www.`,
//! `mailto:` and `name@host.tld`. Used for every kind of document, after the kind's own reader.
//!
//! One forward pass over the bytes. A URL runs to the next whitespace, non-ASCII character other
//! than a letter or digit, or one of ``<>"'`\{}|^``, minus trailing punctuation (`.`, `,`, a `)`
//! without its `(`, ...), as GitHub's autolinker does. Every cut is at a char boundary.

use std::ops::Range;

const SCHEMES: [&[u8]; 5] = [b"http://", b"https://", b"ftp://", b"mailto:", b"www."];

/// Calls `f` with the range of each URL or e-mail address in `s`, in order.
///
/// Only the places where one can start are looked at. Every scheme ends in `:` (`http://`,
/// `mailto:`) or, for `www.`, in `.`, and an address has its `@`: those three bytes are found
/// with `memchr3` (SIMD, a few per sentence in prose) and the scheme is read backwards from
/// there. A scheme's anchor is at a fixed distance from its start, and no scheme lies inside
/// another, so the candidates come in the order of their starts, as a search for the schemes
/// themselves would give them (issue 9: an automaton over the ASCII-case-insensitive schemes
/// found no rare byte to skip to and read every byte, ~30 % of a Markdown document's prose
/// extraction).
pub(super) fn for_each_url(s: &str, mut f: impl FnMut(Range<usize>)) {
    let b = s.as_bytes();
    // Where the next candidate may start: the end of the last URL (nothing inside it is
    // looked at again, and an address's local part never reaches back past it).
    let mut floor = 0;
    for at in memchr::memchr3_iter(b':', b'@', b'.', b) {
        if at < floor {
            continue;
        }
        let found = if b[at] == b'@' {
            email(b, floor, at)
        } else {
            scheme_start(b, floor, at).and_then(|start| scheme_url(s, start).map(|end| start..end))
        };
        if let Some(r) = found {
            floor = r.end;
            f(r);
        }
    }
}

/// The start of the scheme (or `www.`) whose `:` (or `.`) is at `at`, beginning at a word
/// start no earlier than `floor`.
fn scheme_start(b: &[u8], floor: usize, at: usize) -> Option<usize> {
    let start = SCHEMES.iter().find_map(|p| {
        // The part of the scheme before its anchor: "http" of "http://", "www" of "www.".
        let anchor = p.iter().position(|&c| c == b[at])?;
        let start = at.checked_sub(anchor)?;
        b[start..at]
            .eq_ignore_ascii_case(&p[..anchor])
            .then_some(start)
    })?;
    let at_word_start = start == 0 || !b[start - 1].is_ascii_alphanumeric();
    (start >= floor && at_word_start).then_some(start)
}

/// The end of the URL starting with a scheme (or `www.`) at `i`.
fn scheme_url(s: &str, i: usize) -> Option<usize> {
    let rest = &s.as_bytes()[i..];
    let scheme = SCHEMES
        .iter()
        .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p))?;
    let body = i + scheme.len();
    let end = url_end(s, body);
    (end > body).then_some(end)
}

/// The end of a URL's body from `from`: ASCII URL characters and non-ASCII letters and digits
/// (internationalised hosts and paths), minus trailing punctuation.
fn url_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut end = from;
    for (k, c) in s[from..].char_indices() {
        let ok = if c.is_ascii() {
            is_url_byte(c as u8)
        } else {
            c.is_alphanumeric()
        };
        if !ok {
            break;
        }
        end = from + k + c.len_utf8();
    }
    // Trailing punctuation belongs to the sentence, and a closing bracket to the text around
    // the URL unless the URL opened it.
    while end > from {
        let last = b[end - 1];
        let unbalanced = |open, close| {
            let url = &b[from..end];
            url.iter().filter(|&&c| c == close).count() > url.iter().filter(|&&c| c == open).count()
        };
        let strip = match last {
            b'.' | b',' | b':' | b';' | b'!' | b'?' | b'*' | b'_' | b'~' => true,
            b')' => unbalanced(b'(', b')'),
            b']' => unbalanced(b'[', b']'),
            _ => false,
        };
        if !strip {
            break;
        }
        end -= 1;
    }
    end
}

fn is_url_byte(c: u8) -> bool {
    c.is_ascii_graphic()
        && !matches!(
            c,
            b'<' | b'>' | b'"' | b'\'' | b'`' | b'\\' | b'{' | b'}' | b'|' | b'^'
        )
}

/// The address around the `@` at `at`, if the text there looks like `local@host.tld`.
fn email(b: &[u8], floor: usize, at: usize) -> Option<Range<usize>> {
    let is_local =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let is_host = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut start = at;
    while start > floor && is_local(b[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < b.len() && is_host(b[end]) {
        end += 1;
    }
    while end > at + 1 && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let host = &b[at + 1..end];
    let dot = host.iter().rposition(|&c| c == b'.')?;
    let ok = start < at
        && host.first().is_some_and(u8::is_ascii_alphanumeric)
        && host[dot + 1..].len() >= 2
        && host[dot + 1..].iter().all(u8::is_ascii_alphabetic);
    ok.then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for_each_url(s, |r| out.push(&s[r]));
        out
    }

    #[test]
    fn finds_schemes_and_strips_trailing_punctuation() {
        assert_eq!(
            urls("See https://example.com/a_(b), or www.rust-lang.org. Also HTTP://X.io!"),
            [
                "https://example.com/a_(b)",
                "www.rust-lang.org",
                "HTTP://X.io"
            ]
        );
        assert_eq!(urls("(see http://x.org/page)"), ["http://x.org/page"]);
        assert_eq!(
            urls("ftp://files.example.net/x.tar|next"),
            ["ftp://files.example.net/x.tar"]
        );
    }

    #[test]
    fn finds_emails_and_mailto() {
        assert_eq!(
            urls("Write to jane.doe+glossa@example.co.uk, or mailto:ops@x.org."),
            ["jane.doe+glossa@example.co.uk", "mailto:ops@x.org"]
        );
    }

    #[test]
    fn leaves_lookalikes_alone() {
        assert!(urls("www. is a prefix; http:// alone; a@b; @user; x@y.z1; what@ever").is_empty());
        assert!(urls("The showwww.example phrase").is_empty());
    }

    /// The definition, one byte at a time: at each place, an address around an `@`, or a
    /// scheme starting a word; after a URL, the search goes on from its end.
    fn brute(s: &str) -> Vec<Range<usize>> {
        let b = s.as_bytes();
        let (mut out, mut i, mut floor) = (Vec::new(), 0, 0);
        while i < b.len() {
            let found = if b[i] == b'@' {
                email(b, floor, i)
            } else if SCHEMES
                .iter()
                .any(|p| b[i..].len() >= p.len() && b[i..i + p.len()].eq_ignore_ascii_case(p))
                && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            {
                scheme_url(s, i).map(|end| i..end)
            } else {
                None
            };
            match found {
                Some(r) => {
                    (i, floor) = (r.end, r.end);
                    out.push(r);
                }
                None => i += 1,
            }
        }
        out
    }

    proptest::proptest! {
        /// The anchors found with `memchr3` give exactly the URLs and addresses of a search
        /// at every byte: schemes in any case, glued to words, inside URLs and addresses.
        #[test]
        fn anchors_find_what_a_search_at_every_byte_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "http", "HTTPS", "https", "ftp", "mailto", "www", "WwW", "://", ":", ".", "@",
                "a", "x", "org", "io", " ", "(", ")", "é", "/", ",", "-", "7",
            ]), 0..24),
        ) {
            let s = pieces.concat();
            let mut got = Vec::new();
            for_each_url(&s, |r| got.push(r));
            proptest::prop_assert_eq!(got, brute(&s), "{:?}", s);
        }
    }

    #[test]
    fn takes_non_ascii_letters_and_stops_at_other_non_ascii() {
        assert_eq!(
            urls("见 https://例.com 和 http://a.cn。好"),
            ["https://例.com", "http://a.cn"]
        );
    }
}
