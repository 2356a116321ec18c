//! Abbreviations: the Schwartz–Hearst test ("is SHORT an abbreviation of LONG?"), long-form
//! search before a parenthesised short form, and the word-level comparisons the header rules
//! use (plural-insensitive folding, partial abbreviations such as "scientific ml").
//!
//! Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation definitions in
//! biomedical text": every letter of the short form appears in the long form in order, scanning
//! right to left, and the short form's first letter starts a word of the long form. We also ask
//! that it starts the long form's *first* word (a tight long form) and skip digits, which long
//! forms never spell out ("S4" for "Structured State Spaces").

use crate::glossary::fold_name;

/// A short form: one token, at most 10 characters, with a letter, starting alphanumeric.
pub fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && !s.chars().any(char::is_whitespace)
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars().any(char::is_alphabetic)
}

/// A short form as the body writes acronyms: capitals (or a capital and a digit) at least twice
/// ("SAM", "S4", "MoE", "SpMV"), never a plain capitalised word ("Transformer").
pub fn is_written_acronym(s: &str) -> bool {
    let marks = s
        .chars()
        .filter(|c| c.is_uppercase() || c.is_ascii_digit())
        .count();
    is_short_form(s) && s.chars().any(char::is_uppercase) && marks >= 2
}

/// The Schwartz–Hearst test, case-insensitive, digits skipped, tight on the first word.
pub fn abbreviates(short: &str, long: &str) -> bool {
    let s: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    let l: Vec<char> = long.chars().flat_map(char::to_lowercase).collect();
    let (Some(&first), Some(&long_first)) = (s.first(), l.first()) else {
        return false;
    };
    if first != long_first || is_word_of(short, long) {
        return false;
    }
    let mut li = l.len();
    for (si, &c) in s.iter().enumerate().rev() {
        loop {
            if li == 0 {
                return false;
            }
            li -= 1;
            let at_word_start = li == 0 || !l[li - 1].is_alphanumeric();
            if l[li] == c && (si > 0 || at_word_start) {
                break;
            }
        }
    }
    true
}

/// True when `word` is one of the words of `text` ("sap" in "sap manufacturing"): then it is a
/// name in its own right, not an abbreviation.
pub fn is_word_of(word: &str, text: &str) -> bool {
    let w = fold_name(word);
    words(text).any(|t| t == w)
}

/// The folded words of a text, split at white space and hyphens.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    fold_name(text)
        .split(' ')
        .map(str::to_owned)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
}

/// A word without a regular plural ending: "autoencoders" → "autoencoder", "spaces" → "space".
pub fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

/// A name folded, every word made singular: two names with the same key differ only in case,
/// hyphens, spacing or plural ("Sparse Autoencoders" / "sparse-autoencoder").
pub fn plural_key(name: &str) -> String {
    words(name)
        .map(|w| singular(&w).to_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `short` spells `long` word by word, some runs of words cut to their initials:
/// "scientific ml" for "scientific machine learning", "dl basics" for "deep learning basics".
/// At least one run must be abbreviated (otherwise the two are just the same name).
pub fn is_partial_abbreviation(short: &str, long: &str) -> bool {
    let s: Vec<String> = words(short).collect();
    let l: Vec<String> = words(long).collect();
    fn go(s: &[String], l: &[String], abbreviated: bool) -> bool {
        match (s.first(), l.is_empty()) {
            (None, true) => abbreviated,
            (None, false) | (Some(_), true) => false,
            (Some(w), false) => {
                if singular(w) == singular(&l[0]) && go(&s[1..], &l[1..], abbreviated) {
                    return true;
                }
                let n = w.chars().count();
                n >= 2
                    && n <= l.len()
                    && w.chars()
                        .zip(&l[..n])
                        .all(|(c, lw)| lw.starts_with(c) && c.is_alphabetic())
                    && go(&s[1..], &l[n..], true)
            }
        }
    }
    s.len() < l.len() && go(&s, &l, false)
}

/// The long form of a parenthesised `short` among the words written just before it: the
/// fewest trailing words that `short` abbreviates ("Semiconductor Manufacturing: Dielectric
/// Deposition Process" → "Dielectric Deposition Process" for "DDP").
pub fn long_form_before<'a>(short: &str, before: &'a str) -> Option<&'a str> {
    let letters = short.chars().filter(|c| c.is_alphabetic()).count();
    let max_words = (letters + 5).min(2 * letters);
    let mut starts: Vec<usize> = Vec::new();
    let mut prev_space = true;
    for (i, c) in before.char_indices() {
        if !c.is_whitespace() && prev_space {
            starts.push(i);
        }
        prev_space = c.is_whitespace();
    }
    starts
        .iter()
        .rev()
        .take(max_words)
        .map(|&i| before[i..].trim())
        .map(|cand| cand.trim_start_matches(|c: char| !c.is_alphanumeric()))
        .find(|cand| abbreviates(short, cand))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schwartz_hearst_on_header_items() {
        assert!(abbreviates("sae", "sparse autoencoder"));
        assert!(abbreviates("tpm", "total productive maintenance"));
        assert!(abbreviates("MoE", "mixture of experts"));
        assert!(abbreviates("S4", "Structured State Spaces for Sequences"));
        assert!(
            !abbreviates("sap", "sap manufacturing"),
            "a word, not an abbreviation"
        );
        assert!(!abbreviates("filter", "safety"), "f does not start a word");
        assert!(!abbreviates("scale", "scaling law"));
        assert!(!abbreviates(
            "ddp",
            "semiconductor dielectric deposition process"
        ));
    }

    #[test]
    fn long_form_is_the_fewest_words_before_the_parenthesis() {
        assert_eq!(
            long_form_before(
                "DDP",
                "Semiconductor Manufacturing: Dielectric Deposition Process"
            ),
            Some("Dielectric Deposition Process")
        );
        assert_eq!(
            long_form_before("SAE", "Sparse Autoencoders"),
            Some("Sparse Autoencoders")
        );
        assert_eq!(long_form_before("RPM", "Molecule generation"), None);
    }

    #[test]
    fn partial_abbreviations_and_plurals() {
        assert!(is_partial_abbreviation(
            "scientific ml",
            "scientific machine learning"
        ));
        assert!(is_partial_abbreviation("dl basics", "deep learning basics"));
        assert!(!is_partial_abbreviation("scientific ml", "scientific ml"));
        assert!(!is_partial_abbreviation("data scaling", "scaling laws"));
        assert_eq!(plural_key("Sparse-Autoencoders"), "sparse autoencoder");
        assert_eq!(plural_key("loss"), "loss");
    }

    #[test]
    fn written_acronyms() {
        assert!(is_written_acronym("SAM"));
        assert!(is_written_acronym("S4"));
        assert!(is_written_acronym("MoE"));
        assert!(!is_written_acronym("Transformer"));
        assert!(!is_written_acronym("MC Dropout"));
    }
}
