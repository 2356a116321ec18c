//! A filter on the first words of the text at a candidate start: most word starts in prose
//! begin no name (a thousand names have a thousand first words among the many thousands a
//! document uses, and ten thousand two-word names a tiny share of its word pairs), and turning
//! them away before the walk saves its steps, a dependent load each (issue 9: the walk was
//! most of `check`'s time).
//!
//! Words here are runs of ASCII letters, digits and `_`. A pattern starting with one is either
//! *one word* (its leading run is not followed by a separator: "gpu", "c++", "node.js") or
//! *two words or more* (its first run `w1`, a separator, a second run `w2`: "sparse
//! autoencoder"; a separator followed by anything else counts as one word, the filter is then
//! only looser). The filter holds a one-word pattern's run, and a longer pattern's first run
//! (marked as such, so most starts are turned away on their first word) and first two runs.
//!
//! A pattern that *matches* at a word start (the matcher's checks accept it) has the text's
//! runs there in these forms: a one-word pattern's run is the text's run, or the text's run
//! less a plural "s" or "es" (the right boundary check rejects any other word character after a
//! name); a longer pattern's first run is the text's run exactly, followed by a separator run,
//! and its second run is the text's next run, or that less "s" or "es". So a start where none
//! of these keys is present begins no match. Keys are hashed to two bits of one word of a bit
//! set sized by the number of patterns (at most 128 KB): a collision only lets a start through.

use super::fold::is_separator_byte;

/// The first words of a set of patterns, as bits.
#[derive(Debug)]
pub struct FirstWords {
    bits: Box<[u64]>,
    /// 64 minus the number of bits indexing `bits`.
    shift: u32,
}

/// Bytes that make an ASCII word: letters, digits and `_` (as `super::matcher::is_word_char`).
#[inline]
pub fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The length of the run of ASCII word bytes at the start of `bytes`.
#[inline]
fn run_len(bytes: &[u8]) -> usize {
    word_end(bytes, 0)
}

/// Where the run of ASCII word bytes from `from` in `bytes` ends: eight bytes at a time, so a
/// word costs one predictable branch instead of one per byte and a mispredicted exit.
#[inline]
pub fn word_end(bytes: &[u8], mut from: usize) -> usize {
    while let Some(eight) = bytes.get(from..from + 8) {
        let other = not_word_bytes(u64::from_le_bytes(eight.try_into().expect("eight bytes")));
        if other != 0 {
            return from + (other.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while from < bytes.len() && is_ascii_word_byte(bytes[from]) {
        from += 1;
    }
    from
}

/// The high bit of each byte of `x` that is not an ASCII word byte (SWAR: every sum below stays
/// within its byte).
#[inline]
fn not_word_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let wide = x & HIGH;
    let y = x & !HIGH;
    let lower = y | (0x20 * ONES);
    let letter = (lower + (0x80 - 0x61) * ONES) & !(lower + (0x80 - 0x7B) * ONES);
    let digit = (y + (0x80 - 0x30) * ONES) & !(y + (0x80 - 0x3A) * ONES);
    let underscore = !((y ^ (0x5F * ONES)) + 0x7F * ONES);
    let word = (letter | digit | underscore) & HIGH & !wide;
    !word & HIGH
}

/// A word's key: its first eight bytes case folded (`| 0x20`: letters lowercased, digits
/// kept, `_` moved to a byte no word holds), as a little-endian number, and its length.
#[derive(Clone, Copy)]
struct Word {
    head: u64,
    len: usize,
}

impl Word {
    /// The word `text[start..start + len]` (a run of ASCII word bytes).
    #[inline]
    fn at(text: &[u8], start: usize, len: usize) -> Word {
        let raw = match text.get(start..start + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().expect("eight bytes")),
            None => text[start..]
                .iter()
                .enumerate()
                .fold(0, |v, (k, &b)| v | u64::from(b) << (8 * k)),
        };
        Word {
            head: mask(raw | 0x2020_2020_2020_2020, len),
            len,
        }
    }

    /// The word less its last `n` bytes.
    #[inline]
    fn cut(self, n: usize) -> Word {
        Word {
            head: mask(self.head, self.len - n),
            len: self.len - n,
        }
    }

    #[inline]
    fn hash(self) -> u64 {
        (self.head ^ (self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_mul(0xD6E8_FEB8_6659_FD93)
    }
}

/// The plural cuts to try for `run` (never empty): none, then "s" and "es" where it ends so.
#[inline]
fn forms(run: &[u8]) -> (bool, bool) {
    let len = run.len();
    let s = len >= 2 && run[len - 1] | 0x20 == b's';
    let es = s && len >= 3 && run[len - 2] | 0x20 == b'e';
    (s, es)
}

impl FirstWords {
    /// The filter over `patterns` (folded texts); `count` of them, for its size.
    pub fn new<'t>(patterns: impl Iterator<Item = &'t [u8]>, count: usize) -> FirstWords {
        let index_bits = (count.max(1) * 32)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(10, 20);
        let mut words = FirstWords {
            bits: vec![0; (1 << index_bits) / 64].into_boxed_slice(),
            shift: 64 - (index_bits - 6),
        };
        for p in patterns {
            let first = run_len(p);
            if first == 0 {
                continue;
            }
            let w1 = Word::at(p, 0, first);
            match p.get(first) {
                // Folded patterns have single spaces for separators.
                Some(b' ') if run_len(&p[first + 1..]) > 0 => {
                    let second = run_len(&p[first + 1..]);
                    words.set(leading(w1));
                    words.set(pair(w1, Word::at(p, first + 1, second)));
                }
                _ => words.set(w1.hash()),
            }
        }
        words
    }

    /// Whether a pattern may match at `start` of `text` (folded, or plain ASCII to be folded),
    /// a word start whose run of ASCII word bytes ends at `end` (after `start`).
    #[inline(always)]
    pub fn may_start(&self, text: &[u8], start: usize, end: usize) -> bool {
        let run = &text[start..end];
        let w1 = Word::at(text, start, run.len());
        let (s, es) = forms(run);
        if self.has(w1.hash())
            || (s && self.has(w1.cut(1).hash()))
            || (es && self.has(w1.cut(2).hash()))
        {
            return true;
        }
        // A pattern of two words or more: its first word, a separator run, its second word.
        if !self.has(leading(w1)) {
            return false;
        }
        let mut at = end;
        while at < text.len() && is_separator_byte(text[at]) {
            at += 1;
        }
        if at == end {
            return false;
        }
        let next = &text[at..word_end(text, at)];
        if next.is_empty() {
            return false;
        }
        let w2 = Word::at(text, at, next.len());
        let (s, es) = forms(next);
        self.has(pair(w1, w2))
            || (s && self.has(pair(w1, w2.cut(1))))
            || (es && self.has(pair(w1, w2.cut(2))))
    }

    /// Two bits of one 64-bit word per key (a blocked Bloom filter: one memory access, and a
    /// start let through by a collision needs two).
    #[inline]
    fn bits_of(&self, key: u64) -> (usize, u64) {
        let word = (key >> self.shift) as usize;
        let two = 1 << ((key >> 20) & 63) | 1 << ((key >> 26) & 63);
        (word, two)
    }

    #[inline]
    fn set(&mut self, key: u64) {
        let (word, two) = self.bits_of(key);
        self.bits[word] |= two;
    }

    #[inline]
    fn has(&self, key: u64) -> bool {
        let (word, two) = self.bits_of(key);
        self.bits[word] & two == two
    }

    /// The heap bytes of the filter.
    pub fn memory_usage(&self) -> usize {
        self.bits.len() * 8
    }
}

/// The key of the first word of a pattern of two words or more.
#[inline]
fn leading(w1: Word) -> u64 {
    w1.hash()
        .rotate_left(17)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The key of a pattern's first two words.
#[inline]
fn pair(w1: Word, w2: Word) -> u64 {
    (w1.hash().rotate_left(29) ^ w2.hash()).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// `head` cut to its first `min(len, 8)` bytes.
#[inline]
fn mask(head: u64, len: usize) -> u64 {
    if len >= 8 {
        head
    } else {
        head & ((1u64 << (len * 8)) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn filter(patterns: &[&str]) -> FirstWords {
        FirstWords::new(patterns.iter().map(|p| p.as_bytes()), patterns.len())
    }

    fn passes(words: &FirstWords, text: &str) -> bool {
        let end = run_len(text.as_bytes());
        words.may_start(text.as_bytes(), 0, end)
    }

    proptest! {
        /// The run found eight bytes at a time ends where the one found a byte at a time does.
        #[test]
        fn word_end_agrees_with_a_byte_loop(bytes in prop::collection::vec(any::<u8>(), 0..40), from in 0usize..40) {
            let from = from.min(bytes.len());
            let slow = from + bytes[from..].iter().take_while(|&&b| is_ascii_word_byte(b)).count();
            prop_assert_eq!(word_end(&bytes, from), slow);
        }

        /// Every byte value on its own, in any place of eight.
        #[test]
        fn not_word_bytes_agrees_with_the_byte_test(b in any::<u8>(), at in 0usize..8, fill in any::<u64>()) {
            let x = (fill & !(0xFF << (8 * at))) | u64::from(b) << (8 * at);
            let other = not_word_bytes(x) >> (8 * at) & 0x80 != 0;
            prop_assert_eq!(other, !is_ascii_word_byte(b), "{:#x}", b);
        }

        /// A text starting with a pattern, in any case, its separators as any run of them,
        /// followed by a plural ending or not and then a non-word byte, is never turned away.
        #[test]
        fn a_pattern_and_its_plurals_pass(
            patterns in prop::collection::vec("[a-z0-9_]{1,12}([ .+][a-z0-9_]{1,9}){0,2}", 1..40),
            pick in any::<prop::sample::Index>(),
            separator in prop::sample::select(vec![" ", "-", " - ", "\r\n", "\t"]),
            ending in prop::sample::select(vec!["", "s", "es"]),
            after in prop::sample::select(vec!["", " x", ".", "(", "\n"]),
            upper in any::<bool>(),
        ) {
            let words = FirstWords::new(patterns.iter().map(|p| p.as_bytes()), patterns.len());
            let p = pick.get(&patterns);
            let text = format!("{}{ending}{after}", p.replace(' ', separator));
            let text = if upper { text.to_uppercase() } else { text };
            prop_assert!(passes(&words, &text), "{:?} from {:?}", text, p);
        }
    }

    /// The filter's point: starts no pattern can match at are turned away (real words against
    /// a few names; a collision could let one through, none of these does).
    #[test]
    fn other_words_are_turned_away() {
        let words = filter(&["sparse autoencoder", "fine tuning", "gpu", "c++"]);
        for text in [
            "sparse autoencoder",
            "Sparse-Autoencoders.",
            "FINE\n tunings",
            "GPUs",
            "gpues",
            "c++",
            "cs",
        ] {
            assert!(passes(&words, text), "{text}");
        }
        for text in [
            "the model",
            "sparse model",
            "sparsely autoencoder",
            "sparse. autoencoder",
            "fine",
            "tuning",
            "gp",
            "spars autoencoder",
        ] {
            assert!(!passes(&words, text), "{text}");
        }
    }
}
