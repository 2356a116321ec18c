//! The native glossary format: TOML, with the TBX status model.
//!
//! ```toml
//! [[concept]]
//! term = "fine-tuning"              # the preferred name
//! category = "training"
//! definition = """Adapting a pretrained model to a task with further training."""
//! aliases = ["fine tuning"]         # admitted names
//! acronyms = []                     # e.g. ["SAM"] for "segment anything model"
//! deprecated = ["finetuning"]       # flagged (warning), replacement = term
//! forbidden = ["fine-tunning"]      # flagged (error), replacement = term
//! reason = "House style hyphenates it."
//! see_also = ["transfer learning"]
//! keywords = ["training"]           # searchable tags, never matched in documents
//! examples = ["We fine-tune on 1k labelled pages."]  # sentences that use the term
//! case_sensitive = false            # true: match only exactly as written
//! # case = "exact"                  # term-casing: flag every other casing (default: only
//!                                   # words with an inner capital, "PyTorch"; "any": none)
//! # status = "forbidden"            # the term itself is to be avoided, with nothing to use
//!                                   # instead ("deprecated" | "forbidden"; Vale `reject.txt`)
//! ```
//!
//! Unknown keys are errors (a typo such as `deprecate =` would otherwise silently do nothing).
//! Every error carries path, line and column.

use serde::Deserialize;
use toml::Spanned;

use super::error::LoadError;
use super::{Casing, Definition, Entry, Name, NameKind, Source, Status, is_acronym_like};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    concept: Vec<Spanned<RawConcept>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    term: Spanned<String>,
    display: Option<String>,
    category: Option<String>,
    definition: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    #[serde(default)]
    deprecated: Vec<String>,
    #[serde(default)]
    forbidden: Vec<String>,
    reason: Option<String>,
    #[serde(default)]
    see_also: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    case_sensitive: bool,
    case: Option<CaseOption>,
    status: Option<HeadStatus>,
}

/// `status = "deprecated" | "forbidden"`: the term itself is flagged, with no replacement.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum HeadStatus {
    Deprecated,
    Forbidden,
}

/// `case = "exact" | "any"`: which casings of the concept's names `term-casing` accepts.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum CaseOption {
    Exact,
    Any,
}

/// Parses a native TOML glossary. `path` is only used for sources and errors.
pub fn parse(path: &str, text: &str) -> Result<Vec<Entry>, LoadError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        LoadError::at_offset(path, text, offset, e.message().trim().to_owned())
    })?;
    let mut out = Vec::with_capacity(file.concept.len());
    for spanned in file.concept {
        let span = spanned.span();
        let raw = spanned.into_inner();
        let term_span = raw.term.span();
        let term = raw.term.into_inner();
        if term.trim().is_empty() {
            return Err(LoadError::at_offset(
                path,
                text,
                term_span.start,
                "`term` is empty",
            ));
        }
        let line = super::error::line_col(text, span.start).0;
        let definition = raw.definition.map(|d| Definition {
            summary: summarize(&d),
            text: d,
            source: Source {
                path: path.to_owned(),
                line,
                builtin: false,
            },
        });
        let mut names = Vec::new();
        let case_sensitive = raw.case_sensitive;
        let case = raw.case;
        let mut push = |text: String, status: Status, kind: NameKind| {
            let acronym = kind == NameKind::Acronym || is_acronym_like(&text);
            let mut n = Name::new(text, status, if acronym { NameKind::Acronym } else { kind });
            n.case_sensitive = case_sensitive || acronym;
            n = n.with_auto_casing();
            n.casing = match case {
                _ if n.case_sensitive => Casing::Any,
                Some(CaseOption::Exact) => Casing::Exact,
                Some(CaseOption::Any) => Casing::Any,
                None => n.casing,
            };
            if n.kind == NameKind::Acronym && status == Status::Admitted {
                n.expansion = Some(term.clone());
            }
            names.push(n);
        };
        let head_status = match raw.status {
            None => Status::Preferred,
            Some(HeadStatus::Deprecated) => Status::Deprecated,
            Some(HeadStatus::Forbidden) => Status::Forbidden,
        };
        if (case.is_some() && !case_sensitive && !is_acronym_like(&term))
            || head_status != Status::Preferred
        {
            // Carries the head term's casing and status (see `Entry::names`).
            push(term.clone(), head_status, NameKind::Term);
        }
        for a in raw.aliases {
            push(a, Status::Admitted, NameKind::Alias);
        }
        for a in raw.acronyms {
            push(a, Status::Admitted, NameKind::Acronym);
        }
        for a in raw.deprecated {
            push(a, Status::Deprecated, NameKind::Alias);
        }
        for a in raw.forbidden {
            push(a, Status::Forbidden, NameKind::Alias);
        }
        out.push(Entry {
            display: raw.display.unwrap_or_default(),
            term,
            category: raw.category,
            names,
            keywords: raw.keywords,
            definition,
            reason: raw.reason,
            see_also: raw.see_also,
            examples: raw.examples,
            case_sensitive,
            search_only: false,
        });
    }
    Ok(out)
}

/// The first sentence of a Markdown definition, emphasis removed.
pub fn summarize(markdown: &str) -> String {
    let plain: String = markdown.replace("**", "").replace('`', "");
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = plain.len();
    let bytes = plain.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            // Not an abbreviation such as "e.g." or "et al.": the word before is longer.
            let word = plain[..i].rsplit(' ').next().unwrap_or("");
            if word.len() > 2 && !word.contains('.') && word != "al" {
                end = i + 1;
                break;
            }
        }
    }
    plain[..end].trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
# House terms.
[[concept]]
term = "fine-tuning"
category = "training"
definition = """Adapting a pretrained model to a task with further training. It is cheap."""
aliases = ["fine tuning"]
acronyms = []
deprecated = ["finetuning"]
forbidden = ["fine-tunning"]
reason = "House style hyphenates it."
see_also = ["transfer learning"]
case_sensitive = false

[[concept]]
term = "segment anything model"
acronyms = ["SAM"]
"#;

    #[test]
    fn parses_the_documented_example() {
        let entries = parse("docs/glossary.toml", EXAMPLE).unwrap();
        let ft = &entries[0];
        assert_eq!(ft.term, "fine-tuning");
        assert_eq!(ft.category.as_deref(), Some("training"));
        let statuses: Vec<(&str, Status)> = ft
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("fine tuning", Status::Admitted),
                ("finetuning", Status::Deprecated),
                ("fine-tunning", Status::Forbidden)
            ]
        );
        let def = ft.definition.as_ref().unwrap();
        assert_eq!(
            def.summary,
            "Adapting a pretrained model to a task with further training."
        );
        assert_eq!(
            def.source,
            Source {
                path: "docs/glossary.toml".into(),
                line: 3,
                builtin: false
            }
        );
        let sam = &entries[1].names[0];
        assert_eq!(
            (sam.text.as_str(), sam.kind, sam.case_sensitive),
            ("SAM", NameKind::Acronym, true)
        );
    }

    #[test]
    fn syntax_error_is_located() {
        let err = parse("g.toml", "[[concept]]\nterm = \"x\"\naliases = [\"a\",\n").unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.line),
            ("g.toml", 3),
            "the unclosed array opens on line 3"
        );
    }

    #[test]
    fn unknown_key_is_an_error_that_names_it() {
        let err = parse("g.toml", "[[concept]]\nterm = \"x\"\ndeprecate = [\"y\"]\n").unwrap_err();
        assert!(err.message.contains("deprecate"), "{err}");
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn missing_term_is_an_error() {
        let err = parse("g.toml", "[[concept]]\naliases = [\"y\"]\n").unwrap_err();
        assert!(err.message.contains("term"), "{err}");
        assert!(err.line >= 1);
    }
}
