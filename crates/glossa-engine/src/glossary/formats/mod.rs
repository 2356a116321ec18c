//! Glossary formats other than glossa's own TOML: what teams already keep their terms in.
//!
//! Each loader is pure parsing: text in, [`Loaded`] out (the entries, and every item that could
//! not be mapped with its 1-based line and what was dropped); a file that cannot be read as its
//! format at all is a [`LoadError`] with its position. No loader touches the disk: `project`
//! reads the file, `cli::import` prints the entries as native TOML ([`to_native`]).
//!
//! | format | module | chosen by |
//! |---|---|---|
//! | TBX-Basic 2019 and 2008 | [`tbx`] | `.tbx` |
//! | CSV / TSV with a header row | [`table`] | `.csv`, `.tsv` |
//! | Vale vocabulary, `substitution` rule | [`vale`] | `accept.txt`, `reject.txt`, a `.yml` with `extends:` |
//! | textlint-rule-terminology terms | [`textlint`] | `.json`, `.jsonc` |
//! | prh rules | [`prh`] | a `.yml` with `rules:` |
//! | Contextive | [`contextive`] | `*.glossary.yml`, a `.yml` with `contexts:` |
//!
//! `format = "..."` beside a path in `glossa.toml` overrides the guess. The regular expressions
//! of Vale, textlint and prh are expanded into names where they are a finite set of spellings
//! ([`pattern`]); any other pattern is dropped and reported.

pub mod contextive;
pub mod pattern;
pub mod prh;
pub mod table;
pub mod tbx;
pub mod textlint;
pub mod to_native;
pub mod vale;
mod yaml;

use super::{Definition, Entry, LoadError, Name, NameKind, Source, Status, corpus, native};

/// A glossary file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// glossa's TOML ([`native`]).
    Native,
    /// AI Factory glossary pages ([`corpus`]).
    AiFactory,
    Tbx,
    Csv,
    Tsv,
    /// A Vale vocabulary's `accept.txt`.
    ValeAccept,
    /// A Vale vocabulary's `reject.txt`.
    ValeReject,
    /// A Vale `substitution` rule (YAML).
    Vale,
    /// A textlint-rule-terminology term list (JSON).
    Textlint,
    /// A prh rule file (YAML).
    Prh,
    /// A Contextive glossary (YAML).
    Contextive,
    /// A YAML file whose top-level keys say which of Vale, prh and Contextive it is.
    Yaml,
}

impl Format {
    /// Every format, in the order `--help` and errors list them.
    pub const ALL: [Format; 12] = [
        Format::Native,
        Format::AiFactory,
        Format::Tbx,
        Format::Csv,
        Format::Tsv,
        Format::ValeAccept,
        Format::ValeReject,
        Format::Vale,
        Format::Textlint,
        Format::Prh,
        Format::Contextive,
        Format::Yaml,
    ];

    /// The name used in `format = "..."` and `glossa import FORMAT`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "toml",
            Format::AiFactory => "ai-factory",
            Format::Tbx => "tbx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::ValeAccept => "vale-accept",
            Format::ValeReject => "vale-reject",
            Format::Vale => "vale",
            Format::Textlint => "textlint",
            Format::Prh => "prh",
            Format::Contextive => "contextive",
            Format::Yaml => "yaml",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Every format name, comma-separated (for messages).
    pub fn names() -> String {
        Format::ALL.map(Format::name).join(", ")
    }

    /// The format a file's name implies, when it implies one.
    pub fn from_file_name(file_name: &str) -> Option<Format> {
        let lower = file_name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        Some(match ext {
            _ if lower.ends_with(".glossary.yml") || lower.ends_with(".glossary.yaml") => {
                Format::Contextive
            }
            _ if lower == "accept.txt" => Format::ValeAccept,
            _ if lower == "reject.txt" => Format::ValeReject,
            "toml" => Format::Native,
            "txt" => Format::AiFactory,
            "tbx" => Format::Tbx,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "json" | "jsonc" => Format::Textlint,
            "yml" | "yaml" => Format::Yaml,
            _ => return None,
        })
    }
}

/// Options of a glossary entry in `glossa.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// TBX: the language whose terms are read (`"en"` matches `en-US`); default `en`.
    pub language: Option<String>,
}

/// An item of a glossary file that could not be mapped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// 1-based line in the glossary file.
    pub line: u32,
    pub what: String,
}

/// What a loader read: the entries, and what it dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub dropped: Vec<Dropped>,
}

impl Loaded {
    fn drop_item(&mut self, line: u32, what: impl Into<String>) {
        self.dropped.push(Dropped {
            line,
            what: what.into(),
        });
    }
}

/// Parses `text` as `format`; `path` is only used for sources and errors.
pub fn parse(
    format: Format,
    path: &str,
    text: &str,
    options: &Options,
) -> Result<Loaded, LoadError> {
    match text.strip_prefix('\u{feff}') {
        // Spans are of the file as read: past the byte-order mark.
        Some(rest) => parse_text(format, path, rest, options).map_err(|mut e| {
            e.span = e.span.map(|s| s.start + 3..s.end + 3);
            e
        }),
        None => parse_text(format, path, text, options),
    }
}

fn parse_text(
    format: Format,
    path: &str,
    text: &str,
    options: &Options,
) -> Result<Loaded, LoadError> {
    match format {
        Format::Native => Ok(Loaded {
            entries: native::parse(path, text)?,
            dropped: Vec::new(),
        }),
        Format::AiFactory => Ok(Loaded {
            entries: corpus::parse_pages(&[(path, text)]),
            dropped: Vec::new(),
        }),
        Format::Tbx => tbx::parse(path, text, options),
        Format::Csv => table::parse(path, text, b','),
        Format::Tsv => table::parse(path, text, b'\t'),
        Format::ValeAccept => Ok(vale::parse_vocabulary(path, text, Status::Preferred)),
        Format::ValeReject => Ok(vale::parse_vocabulary(path, text, Status::Forbidden)),
        Format::Vale => vale::parse_rule(path, text),
        Format::Textlint => textlint::parse(path, text),
        Format::Prh => prh::parse(path, text),
        Format::Contextive => contextive::parse(path, text),
        Format::Yaml => {
            let root = yaml::load(path, text)?;
            let format = if root.get("extends").is_some() || root.get("swap").is_some() {
                Format::Vale
            } else if root.get("contexts").is_some() {
                Format::Contextive
            } else if root.get("rules").is_some() {
                Format::Prh
            } else {
                return Err(LoadError::new(
                    path,
                    1,
                    0,
                    "a YAML glossary needs `extends:`/`swap:` (Vale), `rules:` (prh) or \
                     `contexts:` (Contextive); or say `format = ...` in glossa.toml",
                ));
            };
            parse(format, path, text, options)
        }
    }
}

/// An entry with a head term and nothing else.
fn entry(term: &str) -> Entry {
    Entry {
        term: term.trim().to_owned(),
        ..Entry::default()
    }
}

/// A definition read from line `line` of `path` (one string per file, shared by its definitions).
fn definition(path: &std::sync::Arc<str>, line: u32, text: &str) -> Definition {
    Definition {
        summary: native::summarize(text),
        text: text.trim().to_owned(),
        source: Source {
            path: path.clone(),
            line,
            builtin: false,
        },
    }
}

/// A name of `kind` (an acronym when it looks like one: matched only in capitals).
fn name(text: &str, status: Status, kind: NameKind) -> Name {
    let kind = if kind == NameKind::Alias && super::is_acronym_like(text) {
        NameKind::Acronym
    } else {
        kind
    };
    Name::new(text.trim(), status, kind)
}

/// The entry a "pattern → replacement" rule (Vale `swap`, a textlint pair, a prh rule) means:
/// every spelling of `pattern` other than the replacement becomes a name of `status` under the
/// replacement; a spelling that is the replacement in another case makes the replacement's own
/// casing exact (the tool flags "Javascript" for "JavaScript"). Unless `ignore_case` (or `(?i)`),
/// the flagged spellings match only as written. A replacement `a|b` offers `a`, `b` admitted.
fn substitution(
    pattern: &str,
    replacement: &str,
    status: Status,
    ignore_case: bool,
) -> Result<Entry, String> {
    if replacement.contains(['$', '\\']) {
        return Err(format!("replacement \"{replacement}\" uses capture groups"));
    }
    let expanded = pattern::expand(pattern)?;
    let ignore_case = ignore_case || expanded.ignore_case;
    let mut offers = replacement
        .split('|')
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let head = offers.next().ok_or("empty replacement")?;
    let mut e = entry(head);
    for other in offers {
        e.names.push(name(other, Status::Admitted, NameKind::Alias));
    }
    let head_key = super::fold_name(head);
    let mut case_exact = false;
    let mut flagged = 0;
    for s in &expanded.spellings {
        if super::fold_name(s) == head_key {
            // Another casing of the replacement: the replacement's casing is exact (glossa's
            // `term-casing` then flags every other casing, not only the ones listed).
            case_exact |= s != head;
            continue;
        }
        let mut n = name(s, status, NameKind::Alias);
        if !ignore_case {
            n.case_sensitive = true;
            n = n.with_auto_casing();
        }
        e.names.push(n);
        flagged += 1;
    }
    // Any case, nothing but the replacement itself: the tool replaces every other casing.
    case_exact |= flagged == 0 && ignore_case;
    if case_exact {
        let mut n = Name::new(head, Status::Preferred, NameKind::Term);
        n.casing = super::Casing::Exact;
        e.names.push(n);
    } else if flagged == 0 {
        return Err(format!(
            "\"{pattern}\" only matches its replacement \"{head}\""
        ));
    }
    Ok(e)
}

/// A term whose spelling is exact (textlint strings, prh rules with no pattern, Vale
/// `accept.txt`): its casing is exact, so `term-casing` flags any other. An acronym matches only
/// in capitals in glossa, so its lowercase and capitalised spellings ("cpu", "Cpu" for "CPU")
/// are added as deprecated names that match only as written.
fn exact_spelling(term: &str) -> Entry {
    let mut e = entry(term);
    let mut head = Name::new(term, Status::Preferred, NameKind::Term);
    head.casing = super::Casing::Exact;
    e.names.push(head);
    if super::is_acronym_like(term) {
        let lower = term.to_lowercase();
        let mut capitalised: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
        capitalised.extend(lower.chars().skip(1));
        for other in [lower, capitalised] {
            if other != term && !e.names.iter().any(|n| n.text == other) {
                let mut n = Name::new(&other, Status::Deprecated, NameKind::Alias);
                n.case_sensitive = true;
                n = n.with_auto_casing();
                e.names.push(n);
            }
        }
    }
    e
}

/// A list cell or value split on `;` or `,` (CSV aliases), trimmed, empty parts left out.
fn split_list(s: &str) -> Vec<String> {
    let sep = if s.contains(';') { ';' } else { ',' };
    s.split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_file_name() {
        let cases = [
            ("terms.tbx", Some(Format::Tbx)),
            ("accept.txt", Some(Format::ValeAccept)),
            ("reject.txt", Some(Format::ValeReject)),
            ("page.txt", Some(Format::AiFactory)),
            ("cargo.glossary.yml", Some(Format::Contextive)),
            ("prh.yml", Some(Format::Yaml)),
            ("terms.jsonc", Some(Format::Textlint)),
            ("x.docx", None),
        ];
        for (file, want) in cases {
            assert_eq!(Format::from_file_name(file), want, "{file}");
        }
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }

    #[test]
    fn yaml_is_told_apart_by_its_keys() {
        let err = parse(Format::Yaml, "x.yml", "foo: 1\n", &Options::default()).unwrap_err();
        assert!(err.message.contains("format ="), "{err}");
    }
}
