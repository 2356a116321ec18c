//! The status of each term found in a document, for an editor to colour it (semantic tokens):
//! preferred, admitted, deprecated, forbidden, or ambiguous (two or more senses left after the
//! document is read). Deprecated and forbidden win over the rest: they are what the writer must
//! see.

use std::ops::Range;

use super::rules::senses;
use crate::glossary::{Glossary, Status};
use crate::scan::Match;

/// A found term's status. The order is the semantic-token legend's (`README.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermStatus {
    Preferred,
    Admitted,
    Deprecated,
    Forbidden,
    Ambiguous,
}

impl TermStatus {
    pub const ALL: [TermStatus; 5] = [
        TermStatus::Preferred,
        TermStatus::Admitted,
        TermStatus::Deprecated,
        TermStatus::Forbidden,
        TermStatus::Ambiguous,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TermStatus::Preferred => "preferred",
            TermStatus::Admitted => "admitted",
            TermStatus::Deprecated => "deprecated",
            TermStatus::Forbidden => "forbidden",
            TermStatus::Ambiguous => "ambiguous",
        }
    }
}

/// The status of each match already read by `senses::resolve`, in document order.
pub fn statuses(glossary: &Glossary, read: &[Match]) -> Vec<(Range<usize>, TermStatus)> {
    read.iter()
        .map(|m| {
            let status = if m.statuses.contains(Status::Forbidden) {
                TermStatus::Forbidden
            } else if m.statuses.contains(Status::Deprecated) {
                TermStatus::Deprecated
            } else if senses(glossary, &m.refs).len() > 1 {
                TermStatus::Ambiguous
            } else if m.statuses.contains(Status::Preferred) {
                TermStatus::Preferred
            } else {
                TermStatus::Admitted
            };
            (m.range.clone(), status)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::senses::resolve;
    use crate::glossary::native;
    use crate::scan::{FileKind, Matcher, scan};

    #[test]
    fn each_status() {
        let toml = "[[concept]]\nterm = \"fine-tuning\"\naliases = [\"fine tuning\"]\n\
                    deprecated = [\"finetuning\"]\nforbidden = [\"fine-tunning\"]\n\
                    [[concept]]\nterm = \"segment anything model\"\nacronyms = [\"SAM\"]\n\
                    [[concept]]\nterm = \"scanning acoustic microscopy\"\nacronyms = [\"SAM\"]\n";
        let g = Glossary::from_entries(native::parse("g.toml", toml).unwrap());
        let text = "fine-tuning, fine tuning, finetuning, fine-tunning, SAM";
        let matches = scan(text, FileKind::Text, &Matcher::new(&g));
        let got: Vec<(&str, &str)> = statuses(&g, &resolve(text, &g, &matches))
            .into_iter()
            .map(|(r, s)| (&text[r], s.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("fine-tuning", "preferred"),
                ("fine tuning", "preferred"),
                ("finetuning", "deprecated"),
                ("fine-tunning", "forbidden"),
                ("SAM", "ambiguous")
            ]
        );
    }
}
