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
    fold_name_into(name, &mut out);
    out
}

/// [`fold_name`] appended to `out` (a buffer reused over many names: no allocation per name).
pub fn fold_name_into(name: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for c in name.trim().chars() {
        if is_separator(c) {
            pending_space = true;
            continue;
        }
        if pending_space && out.len() > start {
            out.push(' ');
        }
        pending_space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The separators between a name's words as written, each as `-` (any hyphen or dash) or ` `
/// (a white-space run): "cheat-sheet" → "-", "fine tuning data" → "  ". Two spellings with the
/// same letters and the same separators are one spelling (`Name::exact_separators`).
pub fn separators_of(text: &str) -> String {
    let mut out = String::new();
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            in_space = false;
            if is_separator(c) {
                out.push('-');
            }
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

/// True for a word with a capital after its first letter: "PyTorch", "vLLM", "GraphSAGE"; not
/// "Transformer", "SAM" or "fine".
pub fn has_inner_capital(word: &str) -> bool {
    let mut chars = word.chars().filter(|c| c.is_alphabetic());
    chars.next().is_some() && chars.any(char::is_uppercase) && word.chars().any(char::is_lowercase)
}

/// "strategy" → "strateg" (its plural is "strategies"); "day" → None (a vowel before the y).
pub fn ies_stem(folded: &str) -> Option<&str> {
    let stem = folded.strip_suffix('y')?;
    let before = stem.chars().next_back()?;
    (before.is_ascii_alphabetic() && !matches!(before, 'a' | 'e' | 'i' | 'o' | 'u')).then_some(stem)
}

/// The regular English plural of a name: "strategy" → "strategies", "approach" →
/// "approaches", "model" → "models". Only the last word changes.
pub fn pluralize(name: &str) -> String {
    if let Some(stem) = ies_stem(name) {
        return format!("{stem}ies");
    }
    let es = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| name.ends_with(end));
    format!("{name}{}", if es { "es" } else { "s" })
}

/// The singular names a folded text may be the regular plural of, longest first:
/// "strategies" → ["strategy", "strategie", "strategi"]; "boxes" → ["boxe", "box"]. Which one is
/// a name is for the caller's glossary to say.
pub fn singular_candidates(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = folded.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = folded.strip_suffix('s') {
        out.push(stem.to_owned());
    }
    if let Some(stem) = folded.strip_suffix("es") {
        out.push(stem.to_owned());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// True when `found` (folded) is the regular plural of `name` (folded), by the same rules the
/// scanner accepts: "-s", "-es", or "-ies" for a name ending in a consonant and "y".
pub fn is_plural_of(found: &str, name: &str) -> bool {
    match found.strip_prefix(name) {
        Some("s" | "es") => true,
        _ => ies_stem(name).is_some_and(|stem| found.strip_prefix(stem) == Some("ies")),
    }
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
    fn regular_plurals() {
        assert_eq!(pluralize("strategy"), "strategies");
        assert_eq!(pluralize("day"), "days");
        assert_eq!(pluralize("approach"), "approaches");
        assert_eq!(
            pluralize("segment anything model"),
            "segment anything models"
        );
        assert!(is_plural_of("strategies", "strategy"));
        assert!(is_plural_of("approaches", "approach"));
        assert!(is_plural_of("sams", "sam"));
        assert!(!is_plural_of("strategy", "strategy"));
        assert!(!is_plural_of("stratagem", "strategy"));
        assert_eq!(singular_candidates("strategies")[0], "strategy");
        assert!(singular_candidates("boxes").contains(&"box".to_owned()));
    }

    #[test]
    fn inner_capitals() {
        assert!(has_inner_capital("PyTorch"));
        assert!(has_inner_capital("vLLM"));
        assert!(has_inner_capital("GraphSAGE"));
        assert!(!has_inner_capital("Transformer"));
        assert!(!has_inner_capital("SAM"));
        assert!(!has_inner_capital("fine"));
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
