//! Name normalisation shared by the glossary index and the scanner.
//!
//! Two spellings are the same name when they fold to the same text: Unicode lowercase, every
//! hyphen or dash between words read as a space, every run of white space read as one space.
//! The scanner folds documents with the same [`fold_char`] so a folded name is a pattern that
//! finds "Fine-tuning", "fine tuning" and "fine\n  tuning" alike.

/// How one source character folds: `None` means "a separator" (hyphen, dash or white space),
/// which collapses with its neighbours into a single space.
#[inline]
pub fn is_separator(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}') || c.is_whitespace()
}

/// Folds a name for comparison and for use as a scanner pattern.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.trim().chars() {
        if is_separator(c) {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// True for names written like acronyms: at least two letters, and every letter a capital
/// ("SAM", "S4", "GPT-4", "FinFET" is not).
pub fn is_acronym_like(name: &str) -> bool {
    let mut letters = 0;
    for c in name.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !(c.is_ascii_digit() || c == '-' || c == '/' || c == '&') {
            return false;
        }
    }
    letters >= 2 || (letters == 1 && name.chars().any(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_hyphens_and_space_runs() {
        assert_eq!(fold_name("Fine-Tuning"), "fine tuning");
        assert_eq!(fold_name("  fine \n\t tuning "), "fine tuning");
        assert_eq!(fold_name("Überwachtes Lernen"), "überwachtes lernen");
        assert_eq!(fold_name("fine–tuning"), "fine tuning");
    }

    #[test]
    fn acronym_like_names() {
        assert!(is_acronym_like("SAM"));
        assert!(is_acronym_like("S4"));
        assert!(is_acronym_like("GPT-4"));
        assert!(!is_acronym_like("Sam"));
        assert!(!is_acronym_like("sam"));
        assert!(!is_acronym_like("FinFET"));
        assert!(!is_acronym_like("4"));
    }
}
