//! Projects per workspace: which `glossa.toml` (and so which glossary) serves a document, the
//! last good project of each config, and reloading when a config or glossary file changes.
//!
//! A document is served by the project of the nearest `glossa.toml` above it (the same discovery
//! as the CLI), else by the defaults. Loading happens once per config and is cached; a reload
//! that fails keeps the last good project and records the error, which the server publishes as
//! a diagnostic on the broken file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{Location, Position, Range, Uri};

use super::settings::Settings;
use crate::glossary::{LoadError, Source};
use crate::project::{Project, config};

/// The loaded projects, keyed by their `glossa.toml` (`None`: no config, the defaults).
#[derive(Debug, Default)]
pub struct Workspace {
    pub folders: Vec<PathBuf>,
    projects: HashMap<Option<PathBuf>, Project>,
    /// The current load error of each config (in the config or in a glossary it names).
    pub errors: HashMap<PathBuf, LoadError>,
    /// The client's settings, laid over every project's rules.
    settings: Settings,
}

impl Workspace {
    /// The project for a document at `path` (None: not a file, e.g. an untitled buffer: the
    /// first workspace folder's project).
    pub fn project_for(&mut self, path: Option<&Path>) -> Project {
        let start = path
            .map(Path::to_path_buf)
            .or_else(|| self.folders.first().cloned());
        let key = start.as_deref().and_then(config::find);
        if let Some(p) = self.projects.get(&key) {
            return p.clone();
        }
        let project = self.load(&key, start.as_deref());
        self.projects.insert(key, project.clone());
        project
    }

    fn load(&mut self, key: &Option<PathBuf>, start: Option<&Path>) -> Project {
        let mut project = self.load_from_disk(key, start);
        if !self.settings.rules.is_empty() {
            let mut config = (*project.config).clone();
            config.rules = self.settings.apply(&config.rules);
            project.config = std::sync::Arc::new(config);
        }
        project
    }

    /// New client settings: every project is loaded again with them. False when nothing changed.
    pub fn set_settings(&mut self, settings: Settings) -> bool {
        if settings == self.settings {
            return false;
        }
        self.settings = settings;
        let keys: Vec<Option<PathBuf>> = self.projects.keys().cloned().collect();
        for key in keys {
            let start = self.projects[&key].config.root.clone();
            let p = self.load(&key, Some(&start));
            self.projects.insert(key, p);
        }
        true
    }

    fn load_from_disk(&mut self, key: &Option<PathBuf>, start: Option<&Path>) -> Project {
        let Some(cfg) = key else {
            return match start {
                Some(s) => Project::discover(s).unwrap_or_else(|_| Project::builtin()),
                None => Project::builtin(),
            };
        };
        let loaded = config::load(cfg).and_then(Project::load);
        self.errors.remove(cfg);
        match loaded {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!("{e}");
                self.errors.insert(cfg.clone(), e);
                self.projects
                    .get(key)
                    .cloned()
                    .unwrap_or_else(Project::builtin)
            }
        }
    }

    /// Reloads every project whose config or glossary is among `changed` (or all of them when a
    /// `glossa.toml` appeared or went away). True when anything was reloaded.
    pub fn reload(&mut self, changed: &[PathBuf]) -> bool {
        let config_changed = changed
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == config::CONFIG_FILE));
        let keys: Vec<Option<PathBuf>> = self.projects.keys().cloned().collect();
        let mut any = false;
        for key in keys {
            let project = &self.projects[&key];
            let touched = config_changed
                || changed.iter().any(|c| {
                    project.config.glossaries.iter().any(|g| same_file(g, c))
                        || key
                            .as_ref()
                            .and_then(|k| self.errors.get(k))
                            .is_some_and(|e| same_file(Path::new(&e.path), c))
                });
            if !touched {
                continue;
            }
            any = true;
            let start = project.config.root.clone();
            if config_changed {
                // A config may have appeared or gone: find it again for this folder.
                let found = config::find(&start);
                if found != key {
                    self.projects.remove(&key);
                    continue;
                }
            }
            let p = self.load(&key, Some(&start));
            self.projects.insert(key, p);
        }
        any
    }

    /// Every loaded project, in a stable order.
    pub fn projects(&self) -> Vec<Project> {
        let mut keys: Vec<&Option<PathBuf>> = self.projects.keys().collect();
        keys.sort();
        keys.into_iter().map(|k| self.projects[k].clone()).collect()
    }

    /// Every glossary and config file the loaded projects read (to watch and to recognise).
    pub fn watched_files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for p in self.projects.values() {
            out.extend(p.config.path.iter().cloned());
            out.extend(p.config.glossaries.iter().cloned());
        }
        out.sort();
        out.dedup();
        out
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
}

/// The path of a URI when it is a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The location of a glossary entry: its file and line. An embedded corpus page is always its
/// read-only copy in the user's cache folder (`cache_folder`), written once per version.
pub fn source_location(source: &Source) -> Option<Location> {
    let path = if source.builtin {
        builtin_page_path(&source.path)?
    } else {
        std::path::absolute(&source.path).ok()?
    };
    let uri = Uri::from_file_path(&path)?;
    let line = source.line.saturating_sub(1);
    Some(Location::new(
        uri,
        Range::new(Position::new(line, 0), Position::new(line, 0)),
    ))
}

/// A file on disk holding the embedded corpus page `rel` (`corpus/ai-factory/…`); looked up once
/// per page (diagnostics ask for it once per finding).
fn builtin_page_path(rel: &str) -> Option<PathBuf> {
    static SEEN: std::sync::Mutex<Option<HashMap<String, Option<PathBuf>>>> =
        std::sync::Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let seen = seen.get_or_insert_with(HashMap::new);
    if let Some(p) = seen.get(rel) {
        return p.clone();
    }
    let p = find_or_write_page(rel);
    seen.insert(rel.to_owned(), p.clone());
    p
}

/// This version's folder in the user's cache folder, found by the platform's convention
/// (`dirs::cache_dir`: `$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
/// `%LOCALAPPDATA%` on Windows); the temporary folder when there is none.
fn cache_folder() -> PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("glossa")
        .join(env!("CARGO_PKG_VERSION"))
}

fn find_or_write_page(rel: &str) -> Option<PathBuf> {
    // Always the read-only copy of this version's page in the cache folder, never the checkout
    // the binary was built from: that file may be of another version, and editing it does nothing.
    let (_, text) = crate::glossary::corpus::PAGES
        .iter()
        .find(|(p, _)| *p == rel)?;
    let file = cache_folder().join(rel);
    if std::fs::read(&file).ok().as_deref() != Some(text.as_bytes()) {
        use crate::project::write::{Expect, replace};
        // A stale or damaged copy is read-only: make it writable for the atomic replace.
        if let Ok(meta) = std::fs::symlink_metadata(&file)
            && meta.is_file()
        {
            let mut perms = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&file, perms);
        }
        let before = std::fs::read(&file).ok();
        let expect = before.as_deref().map_or(Expect::Absent, Expect::Contents);
        replace(&file, expect, text.as_bytes(), None).ok()?;
        if let Ok(meta) = std::fs::metadata(&file) {
            let mut perms = meta.permissions();
            perms.set_readonly(true);
            let _ = std::fs::set_permissions(&file, perms);
        }
    }
    Some(file)
}
