//! The native glossary format: TOML, with the TBX status model.
//!
//! ```toml
//! [[concept]]
//! term = "fine-tuning"              # the preferred name
//! display = "Fine-tuning"           # how readers are shown it; also a name it is found by
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
//! # established = true             # acronym-first-use: its acronyms need no introduction
//! # separators = "exact"           # hyphens and spaces between words must be as written
//! # plural = false                 # no automatic plural ("-s", "-es", "-ies")
//! # status = "forbidden"            # the term itself is to be avoided, with nothing to use
//!                                   # instead ("deprecated" | "forbidden"; Vale `reject.txt`)
//! ```
//!
//! A name in any list may also be a table with its own controls, or a small pattern expanded
//! here into names (`pattern`; see [`super::pattern`]):
//!
//! ```toml
//! deprecated = ["cheatsheet", { name = "cheat-sheet", separators = "exact", plural = false },
//!               { pattern = "e-?mail" }]
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
    aliases: Vec<toml::Value>,
    #[serde(default)]
    acronyms: Vec<toml::Value>,
    #[serde(default)]
    deprecated: Vec<toml::Value>,
    #[serde(default)]
    forbidden: Vec<toml::Value>,
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
    #[serde(default)]
    established: bool,
    separators: Option<SeparatorsOption>,
    plural: Option<bool>,
    status: Option<HeadStatus>,
}

/// `status = "deprecated" | "forbidden"`: the term itself is flagged, with no replacement.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum HeadStatus {
    Deprecated,
    Forbidden,
}

/// `separators = "exact" | "any"`: whether hyphens and spaces between words must be as written.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum SeparatorsOption {
    Exact,
    Any,
}

/// One name as listed: a string, or a table with its own variant controls.
struct NameSpec {
    /// The name, or each name a pattern expands to.
    texts: Vec<String>,
    separators: Option<SeparatorsOption>,
    plural: Option<bool>,
    /// The texts are a pattern's expansions: one that is the term itself is dropped.
    from_pattern: bool,
}

/// Reads a name list item: `"cheat sheet"`, or `{ name = "cheat sheet", separators = "exact",
/// plural = false }`, or `{ pattern = "e-?mail" }` (see `pattern`).
fn name_spec(key: &str, value: toml::Value) -> Result<NameSpec, String> {
    let table = match value {
        toml::Value::String(s) => {
            return Ok(NameSpec {
                texts: vec![s],
                separators: None,
                plural: None,
                from_pattern: false,
            });
        }
        toml::Value::Table(t) => t,
        other => {
            return Err(format!(
                "`{key}`: expected a name or a table {{ name | pattern, separators, plural }}, \
                 found {}",
                other.type_str()
            ));
        }
    };
    let mut spec = NameSpec {
        texts: Vec::new(),
        separators: None,
        plural: None,
        from_pattern: false,
    };
    for (k, v) in table {
        match (k.as_str(), v) {
            ("name", toml::Value::String(s)) if spec.texts.is_empty() => spec.texts.push(s),
            ("pattern", toml::Value::String(p)) if spec.texts.is_empty() => {
                spec.texts = super::pattern::expand(&p)
                    .map_err(|e| format!("`{key}`: pattern `{p}`: {e}"))?;
                spec.from_pattern = true;
            }
            ("separators", toml::Value::String(v)) if v == "exact" || v == "any" => {
                spec.separators = Some(if v == "exact" {
                    SeparatorsOption::Exact
                } else {
                    SeparatorsOption::Any
                });
            }
            ("plural", toml::Value::Boolean(b)) => spec.plural = Some(b),
            (k @ ("name" | "pattern"), _) => {
                return Err(format!(
                    "`{key}`: a name table takes one `name` or one `pattern`, a string (`{k}`)"
                ));
            }
            ("separators", _) => {
                return Err(format!("`{key}`: `separators` is \"exact\" or \"any\""));
            }
            ("plural", _) => return Err(format!("`{key}`: `plural` is true or false")),
            (other, _) => {
                return Err(format!(
                    "`{key}`: unknown field `{other}` in a name table, expected `name`, \
                     `pattern`, `separators` or `plural`"
                ));
            }
        }
    }
    if spec.texts.is_empty() {
        return Err(format!("`{key}`: a name table needs `name` or `pattern`"));
    }
    Ok(spec)
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
    Ok(parse_located(path, text)?
        .into_iter()
        .map(|(e, _)| e)
        .collect())
}

/// [`parse`], with the byte range of each `[[concept]]` table in `text`, from its header to the
/// next one (for `lint-glossary`).
///
/// The file is cut at its `[[concept]]` headers (found by the TOML lexer, so a header inside a
/// string is none) and each table is parsed alone: the parser's tree of a large glossary never
/// exists whole (1M names: gigabytes), and each table's entry is made while its text is at hand.
/// A file the cut could change the meaning of (a `concept = [...]` array beside the headers) is
/// parsed whole.
pub fn parse_located(
    path: &str,
    text: &str,
) -> Result<Vec<(Entry, std::ops::Range<usize>)>, LoadError> {
    let starts = concept_headers(text);
    let mut out = Vec::with_capacity(starts.len());
    // One line index for the whole file: each concept's line is a look-up in it (a line index
    // per concept made a 10k-name load quadratic, issue 9).
    let lines = crate::lines::LineIndex::new(text);
    // One path string for every definition of the file.
    let shared: std::sync::Arc<str> = path.into();
    let first = starts.first().copied().unwrap_or(text.len());
    let preamble = parse_tables(path, text, 0..first)?;
    if !preamble.is_empty() && first < text.len() {
        // `concept = [...]` and `[[concept]]` headers both: parsed whole, as TOML defines it.
        let all = parse_tables(path, text, 0..text.len())?;
        return entries(&shared, &lines, all, out);
    }
    out = entries(&shared, &lines, preamble, out)?;
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let tables = parse_tables(path, text, start..end)?;
        out = entries(&shared, &lines, tables, out)?;
    }
    // Each table runs from its `[[concept]]` header to the next one (the next start in file
    // order: one sort, not a search of every table per table).
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].1.start);
    for w in 0..order.len() {
        let next = order[w + 1..]
            .iter()
            .map(|&j| out[j].1.start)
            .find(|&s| s > out[order[w]].1.start)
            .unwrap_or(text.len());
        let range = &mut out[order[w]].1;
        range.end = next.max(range.end);
    }
    Ok(out)
}

/// The concept tables of `text[range]`, their spans in `text`.
fn parse_tables(
    path: &str,
    text: &str,
    range: std::ops::Range<usize>,
) -> Result<Vec<Spanned<RawConcept>>, LoadError> {
    let shift = range.start;
    let file: File = toml::from_str(&text[range]).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        LoadError::at(
            path,
            span.start + shift..span.end + shift,
            e.message().trim().to_owned(),
        )
    })?;
    Ok(file
        .concept
        .into_iter()
        .map(|c| {
            let span = c.span();
            let mut raw = c.into_inner();
            let t = raw.term.span();
            raw.term = Spanned::new(t.start + shift..t.end + shift, raw.term.into_inner());
            Spanned::new(span.start + shift..span.end + shift, raw)
        })
        .collect())
}

/// Where each top-level `[[concept]]` header starts: a `[[` first on its line (white space
/// aside), outside any value, then `concept` and `]]`. Strings and comments are the lexer's
/// tokens, so nothing inside them counts.
fn concept_headers(text: &str) -> Vec<usize> {
    use toml_parser::lexer::TokenKind as K;
    let mut out = Vec::new();
    // Open brackets and braces of the value being read (after `=`), and whether one is.
    let (mut depth, mut in_value, mut line_start) = (0usize, false, true);
    // A header being read: where it starts and how many of `[`, `[`, `concept`, `]`, `]` came.
    let mut header: Option<(usize, u8)> = None;
    for token in toml_parser::Source::new(text).lex() {
        let kind = token.kind();
        if matches!(kind, K::Whitespace | K::Comment) {
            continue;
        }
        let span = token.span();
        header = match (header, kind) {
            (None, K::LeftSquareBracket) if line_start && !in_value => Some((span.start(), 1)),
            (Some((s, 1)), K::LeftSquareBracket) => Some((s, 2)),
            (Some((s, 2)), K::Atom) if &text[span.start()..span.end()] == "concept" => Some((s, 3)),
            (Some((s, 3)), K::RightSquareBracket) => Some((s, 4)),
            (Some((s, 4)), K::RightSquareBracket) => {
                out.push(s);
                None
            }
            _ => None,
        };
        match kind {
            K::Newline => {
                if depth == 0 {
                    in_value = false;
                }
                line_start = true;
                continue;
            }
            K::Equals if depth == 0 => in_value = true,
            K::LeftSquareBracket | K::LeftCurlyBracket if in_value => depth += 1,
            K::RightSquareBracket | K::RightCurlyBracket if in_value => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
        line_start = false;
    }
    out
}

/// Entries of the parsed tables, appended to `out`.
fn entries(
    path: &std::sync::Arc<str>,
    lines: &crate::lines::LineIndex,
    tables: Vec<Spanned<RawConcept>>,
    mut out: Vec<(Entry, std::ops::Range<usize>)>,
) -> Result<Vec<(Entry, std::ops::Range<usize>)>, LoadError> {
    // Each entry's names are gathered here, then copied into a `Vec` of their exact size: one
    // block an entry, no larger one freed (issue 9: 1M entries are held at once, and 1M freed
    // blocks between them stayed resident).
    let mut names = Vec::new();
    for spanned in tables {
        let span = spanned.span();
        let raw = spanned.into_inner();
        let term_span = raw.term.span();
        let term = raw.term.into_inner();
        if term.trim().is_empty() {
            return Err(LoadError::at(&**path, term_span, "`term` is empty"));
        }
        let line = lines.line(span.start) as u32;
        let definition = raw.definition.map(|d| Definition {
            summary: summarize(&d),
            text: d,
            source: Source {
                path: path.clone(),
                line,
                builtin: false,
            },
        });
        names.clear();
        let case_sensitive = raw.case_sensitive;
        let case = raw.case;
        let concept_separators = raw.separators;
        let concept_plural = raw.plural;
        let mut push = |text: String, status: Status, kind: NameKind, spec: &NameSpec| {
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
                n.expansion = Some(term.as_str().into());
            }
            n.exact_separators =
                spec.separators.or(concept_separators) == Some(SeparatorsOption::Exact);
            n.plural = spec.plural.or(concept_plural).unwrap_or(true);
            names.push(n);
        };
        let concept_wide = NameSpec {
            texts: Vec::new(),
            separators: None,
            plural: None,
            from_pattern: false,
        };
        let head_status = match raw.status {
            None => Status::Preferred,
            Some(HeadStatus::Deprecated) => Status::Deprecated,
            Some(HeadStatus::Forbidden) => Status::Forbidden,
        };
        if (((case.is_some() && !case_sensitive)
            || raw.separators.is_some()
            || raw.plural.is_some())
            && !is_acronym_like(&term))
            || head_status != Status::Preferred
        {
            // Carries the head term's casing, status and variant controls (see `Entry::names`).
            push(term.clone(), head_status, NameKind::Term, &concept_wide);
        }
        // The name readers are shown is one writers use ("Segment Anything Model" displayed for
        // the term "segment anything"); the same name twice is merged by the glossary.
        if let Some(d) = raw
            .display
            .as_ref()
            .filter(|d| !d.trim().is_empty() && super::fold_name(d) != super::fold_name(&term))
        {
            push(d.clone(), Status::Admitted, NameKind::Alias, &concept_wide);
        }
        let lists = [
            ("aliases", raw.aliases, Status::Admitted, NameKind::Alias),
            (
                "acronyms",
                raw.acronyms,
                Status::Admitted,
                NameKind::Acronym,
            ),
            (
                "deprecated",
                raw.deprecated,
                Status::Deprecated,
                NameKind::Alias,
            ),
            (
                "forbidden",
                raw.forbidden,
                Status::Forbidden,
                NameKind::Alias,
            ),
        ];
        for (key, values, status, kind) in lists {
            for v in values {
                let spec = name_spec(key, v)
                    .map_err(|e| LoadError::at(&**path, span.start..span.start, e))?;
                for t in &spec.texts {
                    // "e-?mail" under "email" stands for "e-mail"; "email" is the term.
                    if spec.from_pattern && t.to_lowercase() == term.to_lowercase() {
                        continue;
                    }
                    push(t.clone(), status, kind, &spec);
                }
            }
        }
        let mut exact = Vec::with_capacity(names.len());
        exact.append(&mut names);
        out.push((
            Entry {
                display: raw.display.unwrap_or_default(),
                term,
                category: raw.category,
                names: exact,
                keywords: raw.keywords,
                definition,
                reason: raw.reason,
                see_also: raw.see_also,
                case_sensitive,
                search_only: false,
                established: raw.established,
                examples: raw.examples,
            },
            span,
        ));
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

    /// Issue 9: every definition kept its own copy of the file's path (1M definitions, 1M
    /// strings); now one string per file.
    #[test]
    fn definitions_of_one_file_share_its_path() {
        let text = "[[concept]]\nterm = \"a\"\ndefinition = \"A.\"\n\n\
                    [[concept]]\nterm = \"b\"\ndefinition = \"B.\"\n";
        let entries = parse("dir/g.toml", text).unwrap();
        let sources: Vec<&Source> = entries
            .iter()
            .map(|e| &e.definition.as_ref().unwrap().source)
            .collect();
        assert_eq!((&*sources[0].path, sources[1].line), ("dir/g.toml", 5));
        assert!(std::sync::Arc::ptr_eq(&sources[0].path, &sources[1].path));
    }

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
        let text = "[[concept]]\nterm = \"x\"\naliases = [\"a\",\n";
        let err = parse("g.toml", text).unwrap_err().located(text);
        assert_eq!(
            (err.path.as_str(), err.line),
            ("g.toml", 3),
            "the unclosed array opens on line 3"
        );
    }

    #[test]
    fn unknown_key_is_an_error_that_names_it() {
        let text = "[[concept]]\nterm = \"x\"\ndeprecate = [\"y\"]\n";
        let err = parse("g.toml", text).unwrap_err().located(text);
        assert!(err.message.contains("deprecate"), "{err}");
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn names_with_variant_controls_and_patterns() {
        let toml = "[[concept]]\nterm = \"cheat sheet\"\nseparators = \"exact\"\n\
                    deprecated = [\"cheatsheet\", { name = \"cheat-sheet\", plural = false }]\n\
                    aliases = [{ pattern = \"(crib|cheat) notes?\" }]\n";
        let e = &parse("g.toml", toml).unwrap()[0];
        let names: Vec<(&str, bool, bool)> = e
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.exact_separators, n.plural))
            .collect();
        assert_eq!(
            names,
            [
                ("cheat sheet", true, true),
                ("crib notes", true, true),
                ("crib note", true, true),
                ("cheat notes", true, true),
                ("cheat note", true, true),
                ("cheatsheet", true, true),
                ("cheat-sheet", true, false),
            ]
        );
    }

    #[test]
    fn a_pattern_that_cannot_be_expanded_is_a_located_error() {
        let toml = "[[concept]]\nterm = \"x\"\n\n[[concept]]\nterm = \"email\"\n\
                    deprecated = [{ pattern = \"e.*mail\" }]\n";
        let err = parse("g.toml", toml).unwrap_err().located(toml);
        assert_eq!(err.line, 4, "{err}");
        assert!(err.message.contains("`*` cannot be expanded"), "{err}");
        let err = parse(
            "g.toml",
            "[[concept]]\nterm = \"x\"\naliases = [{ nam = \"y\" }]\n",
        )
        .unwrap_err();
        assert!(err.message.contains("unknown field `nam`"), "{err}");
        let err = parse("g.toml", "[[concept]]\nterm = \"x\"\naliases = [3]\n").unwrap_err();
        assert!(err.message.contains("expected a name"), "{err}");
    }

    /// Regression (issue 9): every concept built a line index of the whole file for its
    /// definition's line, so a load was quadratic (10k names: 6.9 s, 100k: 762 s).
    #[test]
    fn a_load_builds_one_line_index_however_many_concepts() {
        let text: String = (0..2_000)
            .map(|i| {
                format!(
                    "[[concept]]\nterm = \"t{i}\"\ndefinition = \"D.\"\ndeprecated = [\"d{i}\"]\n"
                )
            })
            .collect();
        let before = crate::lines::built_on_this_thread();
        let located = parse_located("g.toml", &text).unwrap();
        assert_eq!(crate::lines::built_on_this_thread() - before, 1);
        let last = &located[1_999];
        assert_eq!(
            last.0.definition.as_ref().unwrap().source.line,
            1_999 * 4 + 1
        );
        assert_eq!(last.1, text.rfind("[[concept]]").unwrap()..text.len());
        assert_eq!(located[0].1.end, located[1].1.start);
    }

    /// Issue 9's pathological name: one name of 20,000 × "a" loads, is found where a document
    /// writes it, and a shorter run of "a" is not.
    #[test]
    fn a_name_of_twenty_thousand_letters_loads_and_is_found() {
        let long = "a".repeat(20_000);
        let text = format!(
            "[[concept]]\nterm = \"b{long}\"\ndeprecated = [\"{long}\"]\n\n[[concept]]\nterm = \"x\"\n"
        );
        let g = crate::glossary::Glossary::from_entries(parse("g.toml", &text).unwrap());
        let m = crate::scan::Matcher::new(&g);
        let doc = format!("one {long} two {} three", &long[1..]);
        let found: Vec<(usize, usize)> = m
            .find_all(&doc)
            .into_iter()
            .map(|m| (m.range.start, m.range.end))
            .collect();
        assert_eq!(found, vec![(4, 4 + long.len())]);
    }

    /// The file is parsed one `[[concept]]` table at a time: only real headers cut it.
    #[test]
    fn only_real_concept_headers_cut_the_file() {
        let text = "# [[concept]] in a comment\n[[concept]]\nterm = \"a\"\n\
                    definition = \"\"\"\n[[concept]]\n\"\"\"\naliases = [\n  [\"x\"],\n]\n\
                    [[concept.aliases]]\nname = \"b\"\n  [[ concept ]]\nterm = \"c\"\n";
        let starts = concept_headers(text);
        assert_eq!(
            starts,
            [
                text.find("[[concept]]\nterm").unwrap(),
                text.find("[[ concept ]]").unwrap()
            ]
        );
        // Cut or whole, the same entries (`aliases` twice: an error either way).
        let ok = text.replace("aliases = [\n  [\"x\"],\n]\n", "");
        let entries = parse("g.toml", &ok).unwrap();
        let whole: File = toml::from_str(&ok).unwrap();
        assert_eq!(entries.len(), whole.concept.len());
        assert_eq!(
            entries[0].definition.as_ref().unwrap().text,
            "[[concept]]\n"
        );
        assert_eq!(entries[0].names[0].text, "b");
        assert_eq!(entries[1].term, "c");
        assert!(parse("g.toml", text).is_err());
        // `concept = [...]` beside headers: parsed whole, as TOML says (an error).
        let mixed = "concept = [{ term = \"a\" }]\n[[concept]]\nterm = \"b\"\n";
        assert!(toml::from_str::<File>(mixed).is_err());
        assert!(parse("g.toml", mixed).is_err());
    }

    #[test]
    fn missing_term_is_an_error() {
        let text = "[[concept]]\naliases = [\"y\"]\n";
        let err = parse("g.toml", text).unwrap_err().located(text);
        assert!(err.message.contains("term"), "{err}");
        assert!(err.line >= 1);
    }
}
