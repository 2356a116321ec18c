//! A project: its `glossa.toml`, the glossaries it names, and everything built from them.
//!
//! Shared by the CLI and the server. This is the one place of the engine that reads files: the
//! config is found by walking up from a checked file, glossary paths are relative to the config,
//! and every error is a [`LoadError`] with path, line and column. Glossaries from files are
//! loaded before the embedded corpus, so a user's entry for a head term comes first when entries
//! merge.

pub mod cache;
pub mod config;
pub mod edit;
pub mod files;
pub mod projects;
pub mod search;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{CONFIG_FILE, Config, GlossaryFile};

use glossa_engine::analysis::{self, Finding};
use glossa_engine::glossary::formats::{self, Dropped, Format};
use glossa_engine::glossary::{Entry, Glossary, LoadError, style};
use glossa_engine::scan::{FileKind, Matcher};

/// A loaded project: config, glossary, and the matcher built over it. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Project {
    pub config: Arc<Config>,
    pub glossary: Arc<Glossary>,
    pub matcher: Arc<Matcher>,
    /// What the glossary files held that glossa could not map: (glossary path, item).
    pub dropped: Arc<[(String, Dropped)]>,
}

impl Project {
    /// Finds the config for `start` (a file or folder) and loads it; the defaults (embedded corpus
    /// only) when there is none.
    pub fn discover(start: &Path) -> Result<Project, LoadError> {
        projects::load(&config::find(start), start)
    }

    /// Loads the glossaries a config names.
    pub fn load(config: Config) -> Result<Project, LoadError> {
        if config.glossaries.is_empty() && config.builtin {
            let glossary = if config.domains.is_empty() {
                Glossary::builtin()
            } else {
                let mut g = (*Glossary::builtin()).clone();
                g.domains = config.domains.clone();
                Arc::new(g)
            };
            return Ok(Project {
                config: Arc::new(config),
                glossary,
                matcher: builtin_matcher(),
                dropped: Arc::new([]),
            });
        }
        let started = std::time::Instant::now();
        let mut entries: Vec<Entry> = Vec::new();
        let mut dropped = Vec::new();
        for g in &config.glossaries {
            let loaded = load_glossary(g)?;
            // One file's entries are taken as they are (not copied: 1M entries are ~270 MB).
            if entries.is_empty() {
                entries = loaded.entries;
            } else {
                entries.extend(loaded.entries);
            }
            let shown = g.path.display().to_string();
            dropped.extend(loaded.dropped.into_iter().map(|d| (shown.clone(), d)));
        }
        if config.builtin {
            entries.extend(style::builtin_entries());
        }
        let parsed = started.elapsed();
        let mut glossary = Glossary::from_entry_vec(entries);
        glossary.domains = config.domains.clone();
        let glossary = Arc::new(glossary);
        let merged = started.elapsed();
        let matcher = Arc::new(Matcher::new(&glossary));
        // `GLOSSA_LOG=glossa=debug`: where a large glossary's load goes (BENCHMARKS.md, issue 9).
        tracing::debug!(
            concepts = glossary.concepts().len(),
            patterns = matcher.pattern_count(),
            "project loaded: files read and parsed {parsed:.2?}, merged {:.2?}, matcher {:.2?}",
            merged - parsed,
            started.elapsed() - merged
        );
        Ok(Project {
            config: Arc::new(config),
            glossary,
            matcher,
            dropped: dropped.into(),
        })
    }

    /// The embedded corpus alone, no config.
    pub fn builtin() -> Project {
        Project {
            config: Arc::new(Config::default_for(Path::new("."))),
            glossary: Glossary::builtin(),
            matcher: builtin_matcher(),
            dropped: Arc::new([]),
        }
    }

    /// The kind of a file, by the config's overrides then by extension.
    pub fn file_kind(&self, path: &Path) -> Option<FileKind> {
        self.config.file_kind(path)
    }

    /// Checks one document's text.
    pub fn check(&self, text: &str, kind: FileKind) -> Vec<Finding> {
        analysis::check(
            text,
            kind,
            &self.glossary,
            &self.matcher,
            &self.config.rules,
        )
    }
}

impl Project {
    /// Checks one document's text and returns the forms it writes each concept in (see
    /// [`analysis::check_with_forms`]).
    pub fn check_with_forms(
        &self,
        text: &str,
        kind: FileKind,
    ) -> (Vec<Finding>, Vec<analysis::FileForms>) {
        analysis::check_with_forms(
            text,
            kind,
            &self.glossary,
            &self.matcher,
            &self.config.rules,
        )
    }
}

fn builtin_matcher() -> Arc<Matcher> {
    static M: std::sync::OnceLock<Arc<Matcher>> = std::sync::OnceLock::new();
    M.get_or_init(|| Arc::new(Matcher::new(&Glossary::builtin())))
        .clone()
}

/// Reads a glossary file as text ([`files::read_text`]), errors as [`LoadError`].
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let shown = path.display().to_string();
    files::read_text(path).map_err(|e| match e {
        files::ReadError::Io(e) => {
            LoadError::new(&shown, 0, 0, format!("cannot read glossary: {e}"))
        }
        files::ReadError::Binary => LoadError::new(&shown, 0, 0, "glossary is a binary file"),
        files::ReadError::NotUtf8 { valid } => {
            let at = valid.len();
            LoadError::at(&shown, at..at, "glossary is not valid UTF-8").located(&valid)
        }
    })
}

/// Loads one glossary file in its format (`format = ...`, else by its name).
pub fn load_glossary(g: &GlossaryFile) -> Result<formats::Loaded, LoadError> {
    let shown = g.path.display().to_string();
    let Some(format) = g.format() else {
        return Err(LoadError::new(
            &shown,
            0,
            0,
            format!(
                "unknown glossary format; name it with {{ path = \"...\", format = \"...\" }} (formats: {})",
                Format::names()
            ),
        ));
    };
    let text = read_text(&g.path)?;
    // The one error a failed load ends with is located here, where its text still is (one
    // line index for it; the server converts the span through its rope instead).
    formats::parse(format, &shown, &text, &g.options).map_err(|e| e.located(&text))
}

/// Loads one glossary file, by its name.
pub fn load_glossary_file(path: &Path) -> Result<Vec<Entry>, LoadError> {
    Ok(load_glossary(&GlossaryFile::new(path.to_path_buf()))?.entries)
}

/// The path of a file relative to `base` when it is inside it, for display.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
