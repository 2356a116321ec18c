//! Folding a piece of a document for matching, keeping byte offsets into the original.
//!
//! aho-corasick folds ASCII case only and knows nothing of hyphens or line breaks, so the scanner
//! searches a folded copy instead, or for plain ASCII reads the text folded as it goes
//! ([`AsciiFolding`]: no copy, offsets unchanged): Unicode lowercase, and every run of separators (hyphens,
//! dashes, white space including line breaks) read as one space — the same rules as
//! [`crate::glossary::fold_name`], which folds the patterns.
//!
//! Offsets are kept as a sparse list of *shift points*: folded and source offsets advance
//! together except where a run of separators collapses or a character lowercases to another
//! length, and only there is a point recorded. Mapping a match back is a binary search; folding
//! itself stays a tight byte loop (real prose collapses a run at every paragraph break, so a
//! per-byte map would be paid on almost every document).

use crate::glossary::normalize::is_separator;

/// A folded copy of a source text.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// `(folded offset, source offset)` pairs, ascending: from each point on, offsets advance
    /// together until the next. Starts with `(0, 0)`.
    shifts: Vec<(u32, u32)>,
    source_len: usize,
}

/// The ASCII separators: '-' and the ASCII white space `char::is_whitespace` knows.
#[inline]
pub(super) const fn is_separator_byte(b: u8) -> bool {
    matches!(b, b'-' | b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r')
}

/// Bytes the plain-ASCII copy stops at: separators other than the space, and every byte of a
/// character beyond ASCII.
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || (is_separator_byte(b as u8) && b != b' ' as usize);
        b += 1;
    }
    t
};

/// Bytes after which a space is not plain: a separator (the space starts a run) or a byte of a
/// character beyond ASCII (maybe a separator).
static SEPARATOR_OR_WIDE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || is_separator_byte(b as u8);
        b += 1;
    }
    t
};

/// An ASCII byte as folding reads it: lowercased, a separator as a space (see [`Folded`]).
static ASCII_FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if is_separator_byte(c) {
            b' '
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

/// `b` as folding writes it when `b` is ASCII: lowercased, a separator as a space (a run of
/// them is one space: see [`AsciiFolding`]).
#[inline]
pub fn fold_ascii_byte(b: u8) -> u8 {
    ASCII_FOLD[b as usize]
}

/// The folded bytes of a plain ASCII text from `start` on, read without a copy (issue 9: no
/// folded copy for ASCII regions): each as `(folded byte, source offset just after it)`,
/// lowercased, with a run of separators read as one space, exactly the bytes
/// [`Folded::new`] writes for that stretch when `start` is not inside a run. The caller makes
/// sure the text is ASCII.
#[derive(Debug, Clone)]
pub struct AsciiFolding<'a> {
    bytes: &'a [u8],
    at: usize,
    after_separator: bool,
}

impl<'a> AsciiFolding<'a> {
    #[inline]
    pub fn new(bytes: &'a [u8], start: usize) -> AsciiFolding<'a> {
        AsciiFolding {
            bytes,
            at: start,
            after_separator: false,
        }
    }
}

impl Iterator for AsciiFolding<'_> {
    type Item = (u8, usize);

    #[inline]
    fn next(&mut self) -> Option<(u8, usize)> {
        loop {
            let b = fold_ascii_byte(*self.bytes.get(self.at)?);
            self.at += 1;
            let separator = b == b' ';
            if separator && self.after_separator {
                continue;
            }
            self.after_separator = separator;
            return Some((b, self.at));
        }
    }
}

impl Folded {
    pub fn new(src: &str) -> Folded {
        let bytes = src.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(src.len());
        let mut shifts = vec![(0u32, 0u32)];
        let mut in_run = false;
        let mut i = 0;
        while i < bytes.len() {
            // A run of plain ASCII (no separator but single spaces between other bytes) is
            // copied and lower-cased in place: no shift point, nothing to decide per byte.
            if !in_run {
                let start = i;
                while i < bytes.len()
                    && !SPECIAL[bytes[i] as usize]
                    && (bytes[i] != b' '
                        || bytes
                            .get(i + 1)
                            .is_none_or(|&n| !SEPARATOR_OR_WIDE[n as usize]))
                {
                    i += 1;
                }
                if i > start {
                    let from = out.len();
                    out.extend_from_slice(&bytes[start..i]);
                    out[from..].make_ascii_lowercase();
                    // A space last (the text's end) leaves a run open; nothing follows.
                    in_run = bytes[i - 1] == b' ';
                    continue;
                }
            }
            let b = bytes[i];
            if b.is_ascii() {
                if is_separator_byte(b) {
                    if in_run {
                        // Collapsed into the previous space: record where the source goes on.
                        let mut j = i + 1;
                        while j < bytes.len() && is_separator_byte(bytes[j]) {
                            j += 1;
                        }
                        // (A non-ASCII separator after it continues the run in the slow path.)
                        i = j;
                        shifts.push((out.len() as u32, i as u32));
                        continue;
                    }
                    in_run = true;
                    out.push(b' ');
                    i += 1;
                } else {
                    in_run = false;
                    out.push(b.to_ascii_lowercase());
                    i += 1;
                }
                continue;
            }
            let c = src[i..].chars().next().expect("char boundary");
            let len = c.len_utf8();
            if is_separator(c) {
                if !in_run {
                    in_run = true;
                    out.push(b' ');
                }
                i += len;
                shifts.push((out.len() as u32, i as u32));
                continue;
            }
            in_run = false;
            let start = out.len();
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
            }
            i += len;
            if out.len() - start != len {
                shifts.push((out.len() as u32, i as u32));
            }
        }
        let text = String::from_utf8(out).expect("folding keeps UTF-8");
        Folded {
            text,
            shifts,
            source_len: src.len(),
        }
    }

    /// The source offset of folded offset `i` (a match start, or an exclusive match end).
    pub fn to_source(&self, i: usize) -> usize {
        let k = self.shifts.partition_point(|&(f, _)| f as usize <= i) - 1;
        let (f, s) = self.shifts[k];
        (s as usize + (i - f as usize)).min(self.source_len)
    }

    /// The folded offset of source offset `i` (a char boundary). Inside a collapsed run of
    /// separators, the offset just after its single space.
    pub fn to_folded(&self, i: usize) -> usize {
        let k = self.shifts.partition_point(|&(_, s)| s as usize <= i) - 1;
        let (f, s) = self.shifts[k];
        let limit = self
            .shifts
            .get(k + 1)
            .map_or(self.text.len(), |&(f, _)| f as usize);
        (f as usize + (i - s as usize)).min(limit)
    }

    /// True when folding kept every byte offset (the source's own offsets are the folded ones).
    pub fn is_identity(&self) -> bool {
        self.shifts.len() == 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, folded: &str) {
        let f = Folded::new(src);
        assert_eq!(f.text, folded);
        assert_eq!(
            f.text,
            crate::glossary::fold_name(src).as_str().to_owned() + "",
            "fold_name agrees"
        );
    }

    #[test]
    fn ascii_folds_in_place() {
        let f = Folded::new("Fine-Tuning works");
        assert_eq!(f.text, "fine tuning works");
        assert!(f.is_identity());
        assert_eq!(f.to_source(5), 5);
    }

    #[test]
    fn runs_collapse_and_offsets_map_back() {
        let src = "Sparse \r\n  Autoencoder";
        let f = Folded::new(src);
        assert_eq!(f.text, "sparse autoencoder");
        let start = f.text.find("autoencoder").unwrap();
        assert_eq!(
            &src[f.to_source(start)..f.to_source(f.text.len())],
            "Autoencoder"
        );
        assert_eq!(&src[f.to_source(0)..f.to_source(6)], "Sparse");
    }

    #[test]
    fn unicode_lowercase_of_other_length() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes): offsets after it must still map back.
        let src = "İstanbul SAM";
        let f = Folded::new(src);
        let at = f.text.find("sam").unwrap();
        assert_eq!(&src[f.to_source(at)..f.to_source(at + 3)], "SAM");
        check("Ünïcode Wörds", "ünïcode wörds");
    }

    impl Folded {
        /// Folding as it was before plain ASCII was copied in runs: one byte at a time.
        fn plain(src: &str) -> Folded {
            let bytes = src.as_bytes();
            let mut out: Vec<u8> = Vec::with_capacity(src.len());
            let mut shifts = vec![(0u32, 0u32)];
            let mut in_run = false;
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if is_separator_byte(b) {
                        if in_run {
                            // Collapsed into the previous space: record where the source goes on.
                            let mut j = i + 1;
                            while j < bytes.len() && is_separator_byte(bytes[j]) {
                                j += 1;
                            }
                            // (A non-ASCII separator after it continues the run in the slow path.)
                            i = j;
                            shifts.push((out.len() as u32, i as u32));
                            continue;
                        }
                        in_run = true;
                        out.push(b' ');
                        i += 1;
                    } else {
                        in_run = false;
                        out.push(b.to_ascii_lowercase());
                        i += 1;
                    }
                    continue;
                }
                let c = src[i..].chars().next().expect("char boundary");
                let len = c.len_utf8();
                if is_separator(c) {
                    if !in_run {
                        in_run = true;
                        out.push(b' ');
                    }
                    i += len;
                    shifts.push((out.len() as u32, i as u32));
                    continue;
                }
                in_run = false;
                let start = out.len();
                let mut buf = [0u8; 4];
                for l in c.to_lowercase() {
                    out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                }
                i += len;
                if out.len() - start != len {
                    shifts.push((out.len() as u32, i as u32));
                }
            }
            let text = String::from_utf8(out).expect("folding keeps UTF-8");
            Folded {
                text,
                shifts,
                source_len: src.len(),
            }
        }
    }

    proptest::proptest! {
        /// Folding in runs gives the text and shift points of folding one byte at a time.
        #[test]
        fn runs_fold_as_one_byte_at_a_time(src in "([a-zA-Z0-9 .,\\-\t\r\n]|  |İ|é|\u{2013}|\u{a0}|\u{85}){0,80}") {
            let (fast, plain) = (Folded::new(&src), Folded::plain(&src));
            proptest::prop_assert_eq!(&fast.text, &plain.text);
            proptest::prop_assert_eq!(&fast.shifts, &plain.shifts);
        }
    }

    proptest::proptest! {
        /// Folding ASCII on the fly from a start outside a separator run reads what the folded
        /// copy holds from there on, and each non-space byte's end maps to the same source offset.
        #[test]
        fn ascii_folding_reads_the_folded_copy(src in "([a-zA-Z0-9.,_]|  | |-|\t|\r\n|\n|\x0B|\x0C| - ){0,60}") {
            let f = Folded::new(&src);
            for start in 0..src.len() {
                if start > 0 && is_separator_byte(src.as_bytes()[start - 1]) {
                    continue;
                }
                let from = f.to_folded(start);
                let read: Vec<(u8, usize)> = AsciiFolding::new(src.as_bytes(), start).collect();
                let bytes: Vec<u8> = read.iter().map(|&(b, _)| b).collect();
                proptest::prop_assert_eq!(&bytes[..], &f.text.as_bytes()[from..], "{:?} at {}", src, start);
                for (k, &(b, end)) in read.iter().enumerate() {
                    if b != b' ' {
                        proptest::prop_assert_eq!(end, f.to_source(from + k + 1), "{:?} at {}", src, start);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Every non-space character of the folded text maps back to the source character it
        /// came from, and the ends of words map to the end of that word in the source.
        #[test]
        fn offsets_map_back_to_their_characters(src in "([a-zA-Z0-9 \\-\t\r\n]|İ|ẞ|É|é|😀|\u{2013}|\u{a0}|\u{301}|\u{85}){0,60}") {
            let f = Folded::new(&src);
            proptest::prop_assert_eq!(f.to_source(f.text.len()), src.len());
            proptest::prop_assert_eq!(f.to_folded(src.len()), f.text.len());
            for (i, c) in f.text.char_indices() {
                // Back and forth is the identity on the folded text's non-space characters.
                if c != ' ' {
                    proptest::prop_assert_eq!(f.to_folded(f.to_source(i)), i);
                }
            }
            for (i, c) in f.text.char_indices() {
                if !c.is_alphanumeric() {
                    continue;
                }
                let s = f.to_source(i);
                proptest::prop_assert!(src.is_char_boundary(s), "{i} -> {s}");
                let orig = src[s..].chars().next().unwrap();
                proptest::prop_assert!(orig.to_lowercase().any(|l| l == c), "{orig:?} folded to {c:?}");
            }
            // The same folding as the patterns get (which also trims the ends).
            proptest::prop_assert_eq!(f.text.trim_matches(' '), crate::glossary::fold_name(&src));
        }
    }
}
