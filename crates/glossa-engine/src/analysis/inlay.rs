//! What an editor may show inline after an acronym: its expansion, for the sense the document
//! means ("SAM (segment anything model)"). By default only for acronyms with several senses in
//! the glossary, where the reader most needs to know which one the checker read; every acronym
//! or none on request. No hint at an introduction ("Segment Anything Model (SAM)" already says
//! it) nor where the document means no sense of it.

use super::rules::first_use::expansion_in;
use super::rules::senses;
use super::senses::resolve;
use crate::glossary::{ConceptId, Glossary, NameKind, Status};
use crate::scan::Match;

/// Which acronyms get a hint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AcronymHints {
    /// Acronyms the glossary gives two or more senses (the default).
    #[default]
    Ambiguous,
    /// Every acronym of the glossary.
    All,
    /// None.
    Off,
}

impl AcronymHints {
    pub fn parse(s: &str) -> Option<AcronymHints> {
        Some(match s {
            "ambiguous" => AcronymHints::Ambiguous,
            "all" => AcronymHints::All,
            "off" => AcronymHints::Off,
            _ => return None,
        })
    }
}

/// One hint: shown at byte offset `at` (the acronym's end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymHint {
    pub at: usize,
    /// The expansion; two or more joined by " | " when the document does not decide.
    pub label: String,
    /// The senses shown, best first.
    pub senses: Vec<ConceptId>,
}

/// The hints for a document's (unresolved) matches, in document order.
pub fn acronym_hints(
    text: &str,
    glossary: &Glossary,
    matches: &[Match],
    which: AcronymHints,
) -> Vec<AcronymHint> {
    if which == AcronymHints::Off {
        return Vec::new();
    }
    let wanted: Vec<&Match> = matches
        .iter()
        .filter(|m| is_acronym(glossary, m))
        .filter(|m| which == AcronymHints::All || senses(glossary, &m.refs).len() > 1)
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let read = resolve(text, glossary, matches);
    let mut out = Vec::new();
    for m in wanted {
        let Some(r) = read.iter().find(|r| r.range == m.range) else {
            continue;
        };
        if introduced_here(text, m.range.clone()) {
            continue;
        }
        let found = &text[m.range.clone()];
        let ids = senses(glossary, &r.refs);
        if ids.is_empty() {
            continue;
        }
        let label = ids
            .iter()
            .map(|id| expansion_in(glossary, found, *id))
            .collect::<Vec<_>>()
            .join(" | ");
        out.push(AcronymHint {
            at: m.range.end,
            label,
            senses: ids,
        });
    }
    out
}

/// Every preferred or admitted name of the match is an acronym (not a concept's head term).
fn is_acronym(glossary: &Glossary, m: &Match) -> bool {
    let mut any = false;
    for r in &m.refs {
        let n = glossary.name(*r);
        if !matches!(n.status, Status::Preferred | Status::Admitted) {
            continue;
        }
        if n.kind != NameKind::Acronym || r.name == 0 {
            return false;
        }
        any = true;
    }
    any
}

/// The acronym stands in parentheses or is followed by one: it is being introduced.
fn introduced_here(text: &str, range: std::ops::Range<usize>) -> bool {
    let before = text[..range.start].trim_end_matches(['*', '_', ' ']);
    let after = text[range.end..].trim_start_matches(['*', '_', ' ']);
    before.ends_with('(') || after.starts_with('(')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::native;
    use crate::scan::{FileKind, Matcher, scan};

    fn hints(text: &str, which: AcronymHints) -> Vec<(String, String)> {
        let toml = "[[concept]]\nterm = \"segment anything model\"\nacronyms = [\"SAM\"]\n\
                    definition = \"A promptable image segmentation model predicting object masks.\"\n\
                    [[concept]]\nterm = \"scanning acoustic microscopy\"\nacronyms = [\"SAM\"]\n\
                    definition = \"Ultrasound imaging of voids in semiconductor packages.\"\n\
                    [[concept]]\nterm = \"sparse autoencoder\"\nacronyms = [\"SAE\"]\n";
        let g = Glossary::from_entries(native::parse("g.toml", toml).unwrap());
        let m = Matcher::new(&g);
        let matches = scan(text, FileKind::Text, &m);
        acronym_hints(text, &g, &matches, which)
            .into_iter()
            .map(|h| (text[..h.at].rsplit(' ').next().unwrap().to_owned(), h.label))
            .collect()
    }

    #[test]
    fn ambiguous_acronyms_by_default_all_on_request() {
        let text = "SAM predicts object masks for image segmentation. The SAE is small.";
        assert_eq!(
            hints(text, AcronymHints::Ambiguous),
            [("SAM".to_owned(), "segment anything model".to_owned())]
        );
        assert_eq!(hints(text, AcronymHints::All).len(), 2);
        assert!(hints(text, AcronymHints::Off).is_empty());
        assert_eq!(
            hints("We used SAM.", AcronymHints::Ambiguous),
            [(
                "SAM".to_owned(),
                "segment anything model | scanning acoustic microscopy".to_owned()
            )]
        );
        assert!(hints("A sparse autoencoder (SAE) helps.", AcronymHints::All).is_empty());
    }
}
