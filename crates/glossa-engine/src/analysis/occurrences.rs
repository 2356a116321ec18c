//! Occurrences of a concept: every match that names it, under any of its names, as the document
//! means it.
//!
//! Used by the server's references and document highlight, over one document's cached matches or
//! a file scanned on the fly. Each match is first read for its sense (`senses::resolve`): "SAM"
//! in a failure-analysis note is an occurrence of scanning acoustic microscopy, not of the
//! Segment Anything Model, and a "SAM" the document defines as something else is an occurrence
//! of nothing. A deprecated or forbidden spelling is still an occurrence.

use super::hover::concepts_of;
use super::senses::{resolve, resolve_one};
use crate::glossary::{ConceptId, Glossary};
use crate::scan::Match;

/// The concepts the occurrence `m` means in its document (none when no sense fits).
pub fn meant_at(text: &str, glossary: &Glossary, matches: &[Match], m: &Match) -> Vec<ConceptId> {
    let (read, _) = resolve_one(text, glossary, matches, m);
    read.map(|r| concepts_of(glossary, &r.refs))
        .unwrap_or_default()
}

/// The matches of a document that mean any of `concepts`, in order.
pub fn occurrences(
    text: &str,
    glossary: &Glossary,
    matches: &[Match],
    concepts: &[ConceptId],
) -> Vec<Match> {
    if concepts.is_empty() {
        return Vec::new();
    }
    resolve(text, glossary, matches)
        .into_iter()
        .filter(|m| m.refs.iter().any(|r| concepts.contains(&r.concept)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{FileKind, Matcher, scan};

    #[test]
    fn any_name_of_the_concept_counts_in_the_sense_meant() {
        let g = Glossary::builtin();
        let matcher = Matcher::new(&g);
        let text = "Sparse autoencoders (SAEs) learn features; each SAE is a sparse autoencoder.";
        let matches = scan(text, FileKind::Markdown, &matcher);
        let first = &matches[0];
        let concepts = meant_at(text, &g, &matches, first);
        assert_eq!(concepts.len(), 1);
        let found: Vec<&str> = occurrences(text, &g, &matches, &concepts)
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(
            found,
            ["Sparse autoencoders", "SAEs", "SAE", "sparse autoencoder"]
        );
        let defined = "Sharpness-Aware Minimization (SAM) helps; SAM is cheap.";
        let matches = scan(defined, FileKind::Markdown, &matcher);
        for m in &matches {
            assert_eq!(meant_at(defined, &g, &matches, m), Vec::<ConceptId>::new());
        }
    }
}
