//! Where a name can start in a folded text: the candidate starts the matcher walks its
//! automaton from.
//!
//! A name beginning with a word character only matches at a word start (the matcher's left
//! boundary check rejects the rest), so only word starts are tried, plus every place whose
//! byte begins a name starting with a non-word character (".NET", "@scope", "C++" after a
//! letter does not qualify: it starts with a word character). In both cases only bytes some
//! name begins with ([`Prefixes::starts`]), and when only matches are wanted, only word starts
//! whose words some name may match ([`super::first_words`]). Plain ASCII is read a byte at a
//! time from a table, the rest of a word eight bytes at a time; a byte beyond ASCII is decoded
//! and asked [`is_word_char`], as the check does.

use super::automaton::Prefixes;
use super::first_words::word_end;
use super::fold::fold_ascii_byte;
use super::matcher::is_word_char;

/// Bytes that make words on their own: ASCII letters, digits and `_`, as [`is_word_char`] says
/// (false for every byte of a character beyond ASCII: those are decoded).
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// Calls `at` at every candidate start of `hay` in order. With `ASCII_SOURCE`, `hay` is a
/// plain ASCII text not yet folded (read folded on the fly, see
/// [`super::fold::AsciiFolding`]): its bytes are folded before asking [`Prefixes::starts`].
///
/// A word start is skipped when no pattern may *match* there ([`Prefixes::may_match_at_word`]),
/// though the walk would find candidates the checks reject: callers want the matches, not
/// every candidate checked.
///
/// Whether a place is a candidate depends only on the text there and on whether the character
/// before it is a word character, never on the candidates before it: a caller that accepts a
/// match passes over the candidates inside it and goes on with the next one after it, exactly
/// the starts a walk begun after the match would give (the matcher takes the candidates in
/// batches for that, [`super::matcher`]).
#[inline]
pub fn each_candidate<const ASCII_SOURCE: bool>(
    hay: &str,
    prefixes: &Prefixes,
    mut at: impl FnMut(usize),
) {
    let bytes = hay.as_bytes();
    let mut i = 0;
    let mut prev_word = false;
    while i < bytes.len() {
        let b = bytes[i];
        let (word, len) = if b < 0x80 {
            let word = WORD[b as usize];
            if word && prev_word {
                // The rest of an ASCII word at once: no name starts inside a word (names
                // beginning with a word character need a word start, any other name begins
                // with another character).
                i = word_end(bytes, i + 1);
                continue;
            }
            if word {
                let end = word_end(bytes, i + 1);
                if !prefixes.may_match_at_word(bytes, i, end) {
                    // As if every byte of the word had been passed over.
                    i = end;
                    prev_word = true;
                    continue;
                }
            }
            (word, 1)
        } else {
            let c = hay[i..].chars().next().expect("char boundary");
            (is_word_char(c), c.len_utf8())
        };
        let folded = if ASCII_SOURCE { fold_ascii_byte(b) } else { b };
        if prefixes.starts(folded) && !(word && prev_word) {
            at(i);
        }
        prev_word = word;
        i += len;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_table_agrees_with_is_word_char() {
        for b in 0..128u8 {
            assert_eq!(WORD[b as usize], is_word_char(b as char), "{b:#x}");
        }
        assert!(WORD[128..].iter().all(|w| !w));
    }
}
