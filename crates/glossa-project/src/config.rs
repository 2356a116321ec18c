//! `glossa.toml`: the project config, found by walking up from the checked file.
//!
//! ```toml
//! glossaries = [
//!     "docs/glossary.toml",             # relative to this file; format by extension
//!     { path = "terms.tbx", language = "de" },
//!     { path = "styles/Acme/Terms.yml", format = "vale" },
//! ]
//! builtin = true                        # also load the embedded AI Factory corpus
//! domains = ["semiconductor packaging", "failure analysis"]  # what the documents are about:
//!                                       # context every occurrence has when senses are chosen
//! ignore = ["vendor/**", "CHANGELOG.md"]
//!
//! [rules]
//! deprecated-term = "warning"           # hint | info | warning | error | off
//! ambiguous-term = "off"
//!
//! [filetypes]
//! "*.mdx" = "markdown"
//! "notes/*.txt" = "markdown"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use toml::Spanned;

use glossa_engine::analysis::{Rule, RuleSettings, Severity};
use glossa_engine::glossary::LoadError;
use glossa_engine::glossary::formats::{Format, Options};
use glossa_engine::scan::FileKind;

pub const CONFIG_FILE: &str = "glossa.toml";

/// A loaded config, with paths made absolute.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `glossa.toml` it came from; `None` for defaults.
    pub path: Option<PathBuf>,
    /// The folder paths are relative to.
    pub root: PathBuf,
    pub glossaries: Vec<GlossaryFile>,
    pub builtin: bool,
    /// `domains = [...]`: what the project's documents are about, read as context of every
    /// occurrence when a name's sense is chosen (`analysis::senses`).
    pub domains: Vec<String>,
    pub rules: RuleSettings,
    ignore: Gitignore,
    filetypes: Vec<(Gitignore, FileKind)>,
}

/// One glossary of `glossaries = [...]`: its path and format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryFile {
    pub path: PathBuf,
    /// `format = "..."`; `None`: by the file's name.
    pub format: Option<Format>,
    pub options: Options,
}

impl GlossaryFile {
    /// A glossary whose format its name tells.
    pub fn new(path: PathBuf) -> GlossaryFile {
        GlossaryFile {
            path,
            format: None,
            options: Options::default(),
        }
    }

    /// The format: the explicit one, else by the file's name.
    pub fn format(&self) -> Option<Format> {
        self.format.or_else(|| {
            self.path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(Format::from_file_name)
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    glossaries: Vec<Spanned<toml::Value>>,
    #[serde(default = "yes")]
    builtin: bool,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    filetypes: BTreeMap<Spanned<String>, Spanned<String>>,
}

fn yes() -> bool {
    true
}

impl Config {
    /// No config file: the embedded corpus, default rules.
    pub fn default_for(start: &Path) -> Config {
        let root = if start.is_dir() {
            start.to_path_buf()
        } else {
            start.parent().unwrap_or(Path::new(".")).to_path_buf()
        };
        Config {
            path: None,
            ignore: Gitignore::empty(),
            root,
            glossaries: Vec::new(),
            builtin: true,
            domains: Vec::new(),
            rules: RuleSettings::default(),
            filetypes: Vec::new(),
        }
    }

    /// The kind of a file: the first `[filetypes]` glob that matches, else its extension.
    pub fn file_kind(&self, path: &Path) -> Option<FileKind> {
        for (glob, kind) in &self.filetypes {
            if glob.matched_path_or_any_parents(path, false).is_ignore() {
                return Some(*kind);
            }
        }
        FileKind::from_path(path)
    }

    /// True when the config's `ignore` globs exclude this path.
    pub fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        match path.strip_prefix(&self.root) {
            Ok(rel) => self
                .ignore
                .matched_path_or_any_parents(rel, is_dir)
                .is_ignore(),
            Err(_) => false,
        }
    }
}

/// True when `path` names a `glossa.toml` (whether or not it exists).
pub fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == CONFIG_FILE)
}

/// The nearest `glossa.toml` in `start` (a file or folder) or a folder above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(start).ok()?;
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

/// Loads a `glossa.toml`.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::new(&shown, 0, 0, format!("cannot read config: {e}")))?;
    parse(path, &text)
}

/// Parses config text; `path` locates relative paths and errors.
pub fn parse(path: &Path, text: &str) -> Result<Config, LoadError> {
    let shown = path.display().to_string();
    let at = |offset: usize, msg: String| LoadError::at(&shown, offset..offset, msg).located(text);
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_owned(),
        )
    })?;
    let root = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();

    let mut rules = RuleSettings::default();
    for (id, severity) in &raw.rules {
        let rule = Rule::from_id(id.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
            at(
                id.span().start,
                format!(
                    "unknown rule `{}` (known: {})",
                    id.get_ref(),
                    known.join(", ")
                ),
            )
        })?;
        let value = severity.get_ref();
        let sev = if value.eq_ignore_ascii_case("off") {
            None
        } else {
            Some(Severity::parse(value).ok_or_else(|| {
                at(
                    severity.span().start,
                    format!("unknown severity `{value}` (use hint, info, warning, error or off)"),
                )
            })?)
        };
        rules.set(rule, sev);
    }

    let mut ignore = GitignoreBuilder::new(&root);
    for glob in &raw.ignore {
        ignore
            .add_line(None, glob.get_ref())
            .map_err(|e| at(glob.span().start, format!("bad ignore glob: {e}")))?;
    }
    let ignore = ignore
        .build()
        .map_err(|e| at(0, format!("bad ignore globs: {e}")))?;

    let mut filetypes = Vec::new();
    for (glob, kind) in &raw.filetypes {
        let k = FileKind::from_name(kind.get_ref()).ok_or_else(|| {
            at(
                kind.span().start,
                format!(
                    "unknown file type `{}` (use markdown, latex or text)",
                    kind.get_ref()
                ),
            )
        })?;
        let mut b = GitignoreBuilder::new(&root);
        b.add_line(None, glob.get_ref())
            .map_err(|e| at(glob.span().start, format!("bad filetypes glob: {e}")))?;
        filetypes.push((
            b.build()
                .map_err(|e| at(glob.span().start, format!("bad filetypes glob: {e}")))?,
            k,
        ));
    }

    let mut glossaries = Vec::new();
    for g in &raw.glossaries {
        let here = |msg: String| at(g.span().start, msg);
        glossaries.push(match g.get_ref() {
            toml::Value::String(p) => GlossaryFile::new(root.join(p)),
            toml::Value::Table(t) => {
                let text = |key: &str| -> Result<Option<String>, LoadError> {
                    match t.get(key) {
                        None => Ok(None),
                        Some(toml::Value::String(s)) => Ok(Some(s.clone())),
                        Some(_) => Err(here(format!("`{key}` of a glossary is not a string"))),
                    }
                };
                if let Some(k) = t
                    .keys()
                    .find(|k| !matches!(k.as_str(), "path" | "format" | "language"))
                {
                    return Err(here(format!(
                        "unknown key `{k}` in a glossary (path, format, language)"
                    )));
                }
                let path =
                    text("path")?.ok_or_else(|| here("a glossary table needs `path`".into()))?;
                let format = match text("format")? {
                    None => None,
                    Some(f) => Some(Format::from_name(&f).ok_or_else(|| {
                        here(format!(
                            "unknown glossary format `{f}` (known: {})",
                            Format::names()
                        ))
                    })?),
                };
                GlossaryFile {
                    path: root.join(path),
                    format,
                    options: Options {
                        language: text("language")?,
                    },
                }
            }
            _ => {
                return Err(here(
                    "a glossary is a path or { path = \"...\", format = \"...\" }".into(),
                ));
            }
        });
    }

    Ok(Config {
        path: Some(path.to_path_buf()),
        glossaries,
        root,
        builtin: raw.builtin,
        domains: raw.domains,
        rules,
        ignore,
        filetypes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let text = "glossaries = [\"docs/glossary.toml\"]\nbuiltin = false\nignore = [\"vendor/**\"]\n[rules]\nambiguous-term = \"off\"\ndeprecated-term = \"error\"\n[filetypes]\n\"*.mdx\" = \"markdown\"\n";
        let c = parse(Path::new("/p/glossa.toml"), text).unwrap();
        assert_eq!(
            c.glossaries,
            [GlossaryFile::new(PathBuf::from("/p/docs/glossary.toml"))]
        );
        assert!(!c.builtin);
        assert_eq!(c.rules.severity(Rule::AmbiguousTerm), None);
        assert_eq!(
            c.rules.severity(Rule::DeprecatedTerm),
            Some(Severity::Error)
        );
        assert_eq!(c.rules.severity(Rule::ForbiddenTerm), Some(Severity::Error));
        assert!(c.is_ignored(Path::new("/p/vendor/x/a.md"), false));
        assert!(!c.is_ignored(Path::new("/p/docs/a.md"), false));
        assert_eq!(
            c.file_kind(Path::new("/p/docs/page.mdx")),
            Some(FileKind::Markdown)
        );
        assert_eq!(
            c.file_kind(Path::new("/p/docs/page.tex")),
            Some(FileKind::Latex)
        );
    }

    #[test]
    fn a_glossary_may_name_its_format_and_language() {
        let text = "glossaries = [\"a.toml\", { path = \"t.xml\", format = \"tbx\", language = \"de\" }]\n";
        let c = parse(Path::new("/p/glossa.toml"), text).unwrap();
        assert_eq!(c.glossaries[0].format(), Some(Format::Native));
        assert_eq!(c.glossaries[1].format(), Some(Format::Tbx));
        assert_eq!(c.glossaries[1].options.language.as_deref(), Some("de"));
        let err = parse(
            Path::new("glossa.toml"),
            "glossaries = [\n  { path = \"x\", format = \"docx\" },\n]\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 3), "{err}");
        assert!(err.message.contains("docx"), "{err}");
    }

    #[test]
    fn unknown_rule_is_located() {
        let err = parse(
            Path::new("glossa.toml"),
            "builtin = true\n[rules]\nno-such-rule = \"off\"\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("no-such-rule"), "{err}");
    }

    #[test]
    fn bad_severity_is_located() {
        let err = parse(
            Path::new("glossa.toml"),
            "[rules]\nforbidden-term = \"loud\"\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 18));
        assert!(err.message.contains("loud"), "{err}");
    }
}
