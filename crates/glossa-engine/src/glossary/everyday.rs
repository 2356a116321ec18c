//! Everyday English words: SCOWL's most common sizes (10 and 20), shipped in
//! `corpus/english/everyday-words.txt` with its licence and the command that made it. What tells
//! an ordinary word ("safety", "debate", "training", "scan") from a technical one ("sparsity",
//! "quantization", "transformer") when the corpus pages are read: the pages themselves write
//! both in lower case, so their own text cannot tell them apart.

use std::sync::OnceLock;

const WORDS: &str = include_str!("../../../../corpus/english/everyday-words.txt");

fn words() -> &'static [&'static str] {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v: Vec<&str> = WORDS
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// True when `word` (one word, any case, singular or plural) is an everyday English word.
pub fn is_everyday(word: &str) -> bool {
    let lower = word.trim().to_lowercase();
    let list = words();
    let has = |w: &str| list.binary_search(&w).is_ok();
    has(&lower)
        || lower
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 3 && has(stem))
        || lower
            .strip_suffix("es")
            .is_some_and(|stem| stem.len() >= 3 && has(stem))
}

#[cfg(test)]
mod tests {
    use super::is_everyday;

    #[test]
    fn ordinary_words_are_everyday_technical_ones_are_not() {
        for w in [
            "safety", "debate", "training", "scan", "Scans", "test", "cost",
        ] {
            assert!(is_everyday(w), "{w}");
        }
        for w in [
            "sparsity",
            "quantization",
            "transformer",
            "autoencoder",
            "tokenizer",
        ] {
            assert!(!is_everyday(w), "{w}");
        }
    }
}
