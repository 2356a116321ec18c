//! Occurrences of a concept: every match that names it, under any of its names.
//!
//! Used by the server's references and document highlight, over one document's cached matches or
//! a file scanned on the fly. A match names a concept when any of its glossary names belongs to
//! it, whatever that name's status: a deprecated spelling is still an occurrence.

use crate::glossary::ConceptId;
use crate::scan::Match;

/// The matches in `matches` that name any of `concepts`, in order.
pub fn occurrences<'a>(
    matches: &'a [Match],
    concepts: &'a [ConceptId],
) -> impl Iterator<Item = &'a Match> + 'a {
    matches
        .iter()
        .filter(move |m| m.refs.iter().any(|r| concepts.contains(&r.concept)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::NameRef;

    #[test]
    fn any_name_of_the_concept_counts() {
        let m = |start: usize, concept: u32| Match {
            range: start..start + 3,
            refs: vec![NameRef {
                concept: ConceptId(concept),
                name: 0,
            }],
            statuses: Default::default(),
        };
        let ms = [m(0, 1), m(5, 2), m(9, 1)];
        let found: Vec<usize> = occurrences(&ms, &[ConceptId(1)])
            .map(|m| m.range.start)
            .collect();
        assert_eq!(found, [0, 9]);
    }
}
