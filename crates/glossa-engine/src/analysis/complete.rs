//! Completion candidates: which glossary names to offer for the text before the cursor.
//!
//! Names can have several words, so the query is not just the word under the cursor: for
//! "We train a sparse au|" the longest run of trailing words that starts some glossary name wins
//! ("sparse au" → "sparse autoencoder"), else the last word alone. Candidates that start with the
//! query (compared folded: case, hyphens and spaces aside) come first, preferred names before
//! admitted ones; then fuzzy matches ranked by nucleo-matcher. Deprecated and forbidden names are
//! never offered. Nothing here knows about LSP.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Utf32Str};

use crate::glossary::{ConceptId, Glossary, NameRef, Status, fold_name, normalize::is_separator};

/// The candidates for one completion request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completions {
    /// Byte offset in the text before the cursor where the replaced query starts.
    pub replace_from: usize,
    /// The names to offer, best first.
    pub items: Vec<NameRef>,
    /// True when more candidates matched than were returned (or the query was empty).
    pub incomplete: bool,
}

/// Candidates for `before`, the text of the current line up to the cursor; at most `limit`.
pub fn complete(glossary: &Glossary, before: &str, limit: usize) -> Completions {
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !is_name_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    let names = offerable(glossary);
    // Word starts in the clause, earliest (longest query) first.
    let starts: Vec<usize> = clause
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && (i == 0 || clause[..i].ends_with(char::is_whitespace))
        })
        .map(|(i, _)| i)
        .collect();
    let mut chosen: Option<(usize, String)> = None;
    for &s in &starts {
        let q = query(&clause[s..]);
        if q.contains(' ') && names.iter().any(|(f, _)| f.starts_with(&q)) {
            chosen = Some((s, q));
            break;
        }
    }
    let (from, q) = match chosen {
        Some(c) => c,
        None => {
            let last = clause
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            (last, query(&clause[last..]))
        }
    };
    let replace_from = clause_start + from;
    if q.trim().is_empty() {
        return Completions {
            replace_from,
            items: Vec::new(),
            incomplete: true,
        };
    }

    let mut prefixed: Vec<&(String, NameRef)> =
        names.iter().filter(|(f, _)| f.starts_with(&q)).collect();
    prefixed.sort_by_key(|(f, r)| {
        let preferred = glossary.name(*r).status == Status::Preferred;
        (!preferred, f.len(), f.clone(), r.concept)
    });
    let mut items: Vec<NameRef> = prefixed.iter().map(|(_, r)| *r).collect();

    // Fuzzy matches for a single word only: a multi-word query already chose its names.
    let single_word = !q.contains(' ');
    let pattern = Pattern::parse(q.trim(), CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = nucleo_matcher::Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut fuzzy: Vec<(u32, &String, NameRef)> = names
        .iter()
        .filter(|(f, _)| single_word && !f.starts_with(&q))
        .filter_map(|(f, r)| {
            let score = pattern.score(Utf32Str::new(f, &mut buf), &mut matcher)?;
            Some((score, f, *r))
        })
        .collect();
    fuzzy.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    items.extend(fuzzy.into_iter().map(|(_, _, r)| r));

    let incomplete = items.len() > limit;
    items.truncate(limit);
    Completions {
        replace_from,
        items,
        incomplete,
    }
}

/// Concepts whose names (any status) or keywords fuzzily match `query`, best first: a name
/// written as asked, then names that start so, then keywords, then fuzzy matches; every concept
/// for an empty query. What workspace symbols list and `glossa define` suggests.
pub fn search_concepts(glossary: &Glossary, query: &str, limit: usize) -> Vec<ConceptId> {
    let q = fold_name(query);
    if q.is_empty() {
        return glossary
            .concepts()
            .iter()
            .take(limit)
            .map(|c| c.id)
            .collect();
    }
    let pattern = Pattern::parse(&q, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = nucleo_matcher::Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u8, u32, ConceptId)> = Vec::new();
    for c in glossary.concepts() {
        let mut best: Option<(u8, u32)> = None;
        let names = c.names.iter().map(|n| (true, n.text.as_str()));
        let keywords = c.keywords.iter().map(|k| (false, k.as_str()));
        for (is_name, text) in names.chain(keywords) {
            let f = fold_name(text);
            let Some(score) = pattern.score(Utf32Str::new(&f, &mut buf), &mut matcher) else {
                continue;
            };
            // A name written as asked, then one that starts so, before keywords, before
            // letters found here and there.
            let class = match (f == q, f.starts_with(&q), is_name) {
                (true, _, true) => 5,
                (false, true, true) => 4,
                (true, _, false) => 3,
                (false, true, false) => 2,
                (false, false, true) => 1,
                (false, false, false) => 0,
            };
            let cand = (class, score);
            if best.is_none_or(|b| cand > b) {
                best = Some(cand);
            }
        }
        if let Some((class, score)) = best {
            scored.push((class, score, c.id));
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, id)| id)
        .collect()
}

/// The text to insert for `name` when the writer typed `typed`: a capital first letter typed over
/// a lower-case name is kept ("Sparse au" → "Sparse autoencoder").
pub fn insert_text(name: &str, case_sensitive: bool, typed: &str) -> String {
    let capital = typed.chars().next().is_some_and(char::is_uppercase);
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if capital && !case_sensitive && c.is_lowercase() => {
            c.to_uppercase().chain(chars).collect()
        }
        _ => name.to_owned(),
    }
}

/// How to complete `typed` (the query text, from where the completion replaces) to `text` (the
/// name as it will read) by replacing only the word at the cursor, the way clients that filter and
/// replace by that word need it ("sparse au" + "sparse autoencoder" → replace "au" with
/// "autoencoder"): the byte offset in `typed` where its last word starts, and the rest of `text`
/// from the matching word. `None` when `text` does not continue `typed` word by word (a fuzzy
/// candidate), so only the whole query can be replaced.
pub fn word_edit<'a>(text: &'a str, typed: &str) -> Option<(usize, &'a str)> {
    let word_start = typed
        .char_indices()
        .rev()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (before, word) = typed.split_at(word_start);
    // The typed words before the last one match the name's first words, separators aside.
    let mut left = before.chars().filter(|c| !is_separator(*c)).count();
    let mut rest_start = text.len();
    for (i, c) in text.char_indices() {
        if is_separator(c) {
            continue;
        }
        if left == 0 {
            rest_start = i;
            break;
        }
        left -= 1;
    }
    let rest = &text[rest_start..];
    let continues = fold_name(&text[..rest_start]) == fold_name(before)
        && !rest.is_empty()
        && fold_name(rest).starts_with(&fold_name(word));
    continues.then_some((word_start, rest))
}

/// Characters of the word a client sees at the cursor (Vim's 'iskeyword', Emacs' symbol, VS Code's
/// word pattern all agree on these).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every name a writer may use (preferred and admitted), folded, once per concept.
fn offerable(glossary: &Glossary) -> Vec<(String, NameRef)> {
    let mut out: Vec<(String, NameRef)> = Vec::new();
    for c in glossary.concepts() {
        let start = out.len();
        for (i, n) in c.names.iter().enumerate() {
            if !matches!(n.status, Status::Preferred | Status::Admitted) {
                continue;
            }
            let f = fold_name(&n.text);
            if out[start..].iter().any(|(g, _)| *g == f) {
                continue;
            }
            out.push((
                f,
                NameRef {
                    concept: c.id,
                    name: i as u32,
                },
            ));
        }
    }
    out
}

/// The folded query, keeping one trailing space when the writer typed one ("sparse " must not
/// complete to "sparsemax").
fn query(s: &str) -> String {
    let mut q = fold_name(s);
    if s.ends_with(is_separator) && !q.is_empty() {
        q.push(' ');
    }
    q
}

/// Characters that can be part of a name; anything else (sentence punctuation, brackets, quotes)
/// ends the text a query may come from.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric()
        || c.is_whitespace()
        || is_separator(c)
        || matches!(c, '\'' | '/' | '+' | '&' | '#')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Name, NameKind};

    fn glossary() -> Glossary {
        let e = |term: &str, names: Vec<Name>| Entry {
            term: term.into(),
            names,
            ..Entry::default()
        };
        Glossary::from_entries([
            e(
                "sparse autoencoder",
                vec![Name::new("SAE", Status::Admitted, NameKind::Acronym)],
            ),
            e("sparsemax", vec![]),
            e(
                "fine-tuning",
                vec![Name::new("finetuning", Status::Deprecated, NameKind::Alias)],
            ),
            e("segment anything model", vec![]),
        ])
    }

    fn labels(g: &Glossary, c: &Completions) -> Vec<String> {
        c.items
            .iter()
            .map(|r| g.name(*r).text.to_string())
            .collect()
    }

    /// Regression: `glossa define fine-tun` suggested "transfer learning" (a keyword "fine-tuning
    /// strategies" starts so) before the concept named "fine-tuning".
    #[test]
    fn search_ranks_names_before_keywords_and_prefixes_before_fuzzy() {
        let mut entries = vec![Entry {
            term: "transfer learning".into(),
            keywords: vec!["fine-tuning strategies".into()],
            ..Entry::default()
        }];
        entries.push(Entry {
            term: "fine-tuning".into(),
            ..Entry::default()
        });
        entries.push(Entry {
            term: "finite automaton".into(),
            ..Entry::default()
        });
        let g = Glossary::from_entries(entries);
        let terms = |q: &str| -> Vec<String> {
            search_concepts(&g, q, 5)
                .into_iter()
                .map(|id| g.concept(id).term().to_string())
                .collect()
        };
        assert_eq!(terms("fine-tun")[..2], ["fine-tuning", "transfer learning"]);
        assert_eq!(
            terms("fine-tuning")[..2],
            ["fine-tuning", "transfer learning"]
        );
        assert_eq!(terms("fntuning")[0], "fine-tuning");
    }

    #[test]
    fn multi_word_prefix_replaces_from_the_first_word() {
        let g = glossary();
        let before = "We train a sparse au";
        let c = complete(&g, before, 10);
        assert_eq!(&before[c.replace_from..], "sparse au");
        assert_eq!(labels(&g, &c)[0], "sparse autoencoder");
    }

    #[test]
    fn trailing_space_keeps_the_word_break() {
        let g = glossary();
        let c = complete(&g, "a sparse ", 10);
        assert_eq!(labels(&g, &c), ["sparse autoencoder"]);
    }

    #[test]
    fn deprecated_names_are_never_offered() {
        let g = glossary();
        let c = complete(&g, "fine", 10);
        assert_eq!(labels(&g, &c), ["fine-tuning"]);
    }

    #[test]
    fn prefix_before_fuzzy_and_cut_is_incomplete() {
        let g = glossary();
        let c = complete(&g, "(spa", 1);
        assert_eq!(c.replace_from, 1);
        assert_eq!(labels(&g, &c), ["sparsemax"]);
        assert!(c.incomplete);
    }

    #[test]
    fn capital_typed_is_kept() {
        assert_eq!(
            insert_text("sparse autoencoder", false, "Spa"),
            "Sparse autoencoder"
        );
        assert_eq!(insert_text("SAE", true, "sa"), "SAE");
    }

    #[test]
    fn word_edit_replaces_only_the_last_word() {
        assert_eq!(
            word_edit("sparse autoencoder", "sparse au"),
            Some((7, "autoencoder"))
        );
        assert_eq!(
            word_edit("Sparse autoencoder", "Sparse au"),
            Some((7, "autoencoder"))
        );
        // A trailing space: the rest is inserted at the cursor.
        assert_eq!(
            word_edit("sparse autoencoder", "sparse "),
            Some((7, "autoencoder"))
        );
        // A hyphen typed as a space, or a hyphen typed: the word after it.
        assert_eq!(word_edit("fine-tuning", "fine tu"), Some((5, "tuning")));
        assert_eq!(word_edit("fine-tuning", "fine-tu"), Some((5, "tuning")));
        assert_eq!(word_edit("sparsemax", "spa"), Some((0, "sparsemax")));
    }

    #[test]
    fn word_edit_refuses_what_does_not_continue_the_words() {
        // Fuzzy candidates: the name does not start with what was typed.
        assert_eq!(word_edit("sparse autoencoder", "autoenc"), None);
        assert_eq!(word_edit("segment anything model", "sparse au"), None);
        // Nothing left to insert.
        assert_eq!(word_edit("sparse", "sparse "), None);
    }
}
