//! Header items and the categories learned from them.
//!
//! The site puts a category last on most headers but never marks it. It is plainest where the
//! rest of the header only names the head: two-item headers (`safety classifier, ai safety`)
//! and the site's acronym template, a `x (y)` head followed by its own spellings
//! (`sam (segment anything model),sam,segment anything model,computer vision`). Without the
//! parenthesis the template is not reliable (`sparse autoencoder,sae,features` ends with a
//! keyword). Those propose categories; a proposal is kept when it ends at least two headers, or when it shares no word with its own
//! head (a tail that rewords its head once, like `scientific machine learning,scientific ml` or
//! `sparse model topology updates, sparse connectivity updates`, is a name, not a topic).
//! On any header, the last item is the category iff it is in the kept set.

use std::collections::{HashMap, HashSet};

use super::abbrev::{abbreviates, plural_key, words};
use super::body::paren;

/// The comma-separated items of a header, trimmed, empty ones dropped.
pub fn items(header: &str) -> Vec<&str> {
    header
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The categories of a corpus, lowercase.
#[derive(Debug, Clone, Default)]
pub struct Categories(HashSet<String>);

impl Categories {
    /// Learns the categories from every header of the corpus.
    pub fn learn<'a>(headers: impl IntoIterator<Item = &'a str>) -> Categories {
        let mut ends: HashMap<String, usize> = HashMap::new();
        let mut proposals: Vec<(String, &str)> = Vec::new();
        for h in headers {
            let it = items(h);
            if it.len() < 2 {
                continue;
            }
            let last = it[it.len() - 1].to_lowercase();
            *ends.entry(last.clone()).or_default() += 1;
            let template = paren(it[0]).is_some_and(|(_, _, after)| after.is_empty())
                && it[1..it.len() - 1].iter().all(|i| is_name_of(i, it[0]));
            if it.len() == 2 || template {
                proposals.push((last, it[0]));
            }
        }
        let set = proposals
            .into_iter()
            .filter(|(tail, head)| ends[tail] >= 2 || !shares_word(tail, head))
            .map(|(tail, _)| tail)
            .collect();
        Categories(set)
    }

    /// The category of a header: its last item, when it is a known category.
    pub fn of<'a>(&self, items: &[&'a str]) -> Option<&'a str> {
        match items {
            [_, .., last] if self.0.contains(&last.to_lowercase()) => Some(last),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(&name.to_lowercase())
    }
}

/// True when a header item only names the head: the same words up to plural, or an acronym
/// of it or of its parenthesised part, or their expansion (`sam` and `segment anything model`
/// for `sam (segment anything model)`).
pub fn is_name_of(item: &str, head: &str) -> bool {
    let mut forms = vec![head];
    if let Some((x, y, _)) = paren(head) {
        forms.extend([x, y]);
    }
    forms
        .iter()
        .any(|f| plural_key(item) == plural_key(f) || abbreviates(item, f) || abbreviates(f, item))
}

/// Words that say nothing about what a name is about.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "by", "for", "in", "of", "on", "or", "the", "to", "vs", "with",
];

/// The content words of a name, singular and folded.
pub fn content_words(text: &str) -> HashSet<String> {
    plural_key(text)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// True when the two names have a content word in common (plural-insensitive).
pub fn shares_word(a: &str, b: &str) -> bool {
    let b = content_words(b);
    content_words(a).iter().any(|w| b.contains(w))
}

/// Number of words of a name.
pub fn word_count(text: &str) -> usize {
    words(text).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: &[&str] = &[
        "safety classifier, ai safety",
        "safety guardrails, ai safety",
        "deepar, time series models",
        "sarima, sarima, time series models",
        "scientific machine learning,scientific ml",
        "spatial reasoning,reasoning",
        "safety, guardrail, filter, policy, ai safety, jailbreak, content moderation, alignment",
        "sam (segment anything model),sam,segment anything model,computer vision",
        "deformable models,computer vision",
        "scanning acoustic microscopy (sam),scanning acoustic microscopy,sam,failure analysis",
        "sap manufacturing, sap, consulting",
        "sparse autoencoder,sae,features",
    ];

    #[test]
    fn categories_are_learned_from_two_item_headers() {
        let c = Categories::learn(HEADERS.iter().copied());
        assert!(c.contains("ai safety"), "two headers end with it");
        assert!(c.contains("time series models"));
        assert!(c.contains("computer vision"));
        assert!(!c.contains("scientific ml"), "rewords its head");
        assert!(!c.contains("reasoning"), "rewords its head, once");
        assert_eq!(c.of(&items(HEADERS[3])), Some("time series models"));
        assert_eq!(c.of(&items(HEADERS[6])), None, "ends with alignment");
        assert_eq!(c.of(&items(HEADERS[7])), Some("computer vision"));
        assert!(
            c.contains("failure analysis"),
            "the middle items only name the head"
        );
        assert!(!c.contains("consulting"), "no `x (y)` head");
        assert!(!c.contains("features"), "no `x (y)` head");
    }
}
