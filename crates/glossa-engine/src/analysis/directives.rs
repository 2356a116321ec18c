//! In-document directives: `glossa-ignore: name, other name` anywhere in the text (usually in a
//! comment: `<!-- glossa-ignore: SAM -->`, `% glossa-ignore: SAM`) switches findings off for those
//! names in this document. `glossa-ignore-all` switches every finding off.

use std::collections::HashSet;

use crate::glossary::fold_name;
use crate::glossary::normalize::{is_plural_of, singular_candidates};

/// The names a document ignores, folded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ignored {
    all: bool,
    names: HashSet<String>,
}

pub const DIRECTIVE: &str = "glossa-ignore:";

impl Ignored {
    pub fn parse(text: &str) -> Ignored {
        let mut out = Ignored::default();
        if !text.contains("glossa-ignore") {
            return out;
        }
        for line in text.lines() {
            if line.contains("glossa-ignore-all") {
                out.all = true;
            }
            let Some(at) = line.find(DIRECTIVE) else {
                continue;
            };
            let rest = &line[at + DIRECTIVE.len()..];
            let rest = rest.split("-->").next().unwrap_or(rest);
            let rest = rest.split("*/").next().unwrap_or(rest);
            for name in rest.split(',') {
                let f = fold_name(name);
                if !f.is_empty() {
                    out.names.insert(f);
                }
            }
        }
        out
    }

    /// True when findings on `found` (as written in the document) are switched off.
    pub fn ignores(&self, found: &str) -> bool {
        if self.all {
            return true;
        }
        if self.names.is_empty() {
            return false;
        }
        let f = fold_name(found);
        self.names.contains(&f)
            || singular_candidates(&f)
                .iter()
                .any(|s| self.names.contains(s) && is_plural_of(&f, s))
    }

    /// The directive line that ignores `name`, for a document of the given kind.
    pub fn directive_for(name: &str, kind: crate::scan::FileKind) -> String {
        match kind {
            crate::scan::FileKind::Markdown => format!("<!-- {DIRECTIVE} {name} -->\n"),
            crate::scan::FileKind::Latex => format!("% {DIRECTIVE} {name}\n"),
            crate::scan::FileKind::Text => format!("{DIRECTIVE} {name}\n"),
            crate::scan::FileKind::Rst => format!(".. {DIRECTIVE} {name}\n"),
            crate::scan::FileKind::Asciidoc => format!("// {DIRECTIVE} {name}\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_markdown_and_latex_comments() {
        let ig = Ignored::parse(
            "# Title\n<!-- glossa-ignore: SAM, fine tuning -->\n% glossa-ignore: DDP\n",
        );
        assert!(ig.ignores("SAM"));
        assert!(ig.ignores("Fine-tuning"));
        assert!(ig.ignores("DDP"));
        assert!(ig.ignores("SAMs"));
        // Regression: "-ies" plurals are found by the scanner, so they are ignored too.
        let ig = Ignored::parse("<!-- glossa-ignore: strategy -->");
        assert!(ig.ignores("Strategies"));
        assert!(!ig.ignores("S4"));
    }
}
