//! Projects per workspace: which `glossa.toml` (and so which glossary) serves a document, the
//! last good project of each config, and reloading when a config or glossary file changes.
//!
//! A document is served by the project of the nearest `glossa.toml` above it (the same discovery
//! as the CLI), else by the defaults. Each config has one [`ProjectSlot`], shared by the
//! documents it serves: finding the slot is quick (a walk up the folders, no file read), and the
//! project is loaded only when a worker first needs it ([`ProjectSlot::get`]), never on the
//! async runtime and never under the session lock. A reload loads the new project on a worker
//! first and then swaps the slot in, so documents keep their last good project meanwhile; a
//! reload that fails keeps the last good project and records the error, which the server
//! publishes as a diagnostic on the broken file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use tower_lsp_server::ls_types::{Location, Position, Range, Uri};

use super::load_progress::LoadProgress;
use super::settings::Settings;
use glossa_engine::analysis::senses;
use glossa_engine::glossary::{LoadError, Source};
use glossa_project::files::same_file;
use glossa_project::projects::{self, ByConfig, ConfigKey};
use glossa_project::{Project, config};

/// The project of one config (`None`: no config, the defaults), loaded on first use.
#[derive(Debug)]
pub struct ProjectSlot {
    key: ConfigKey,
    /// Where discovery starts (a document or folder) when there is no config.
    start: Option<PathBuf>,
    settings: Settings,
    /// The project served when loading fails: the last good one.
    previous: Option<Project>,
    loaded: OnceLock<(Project, Option<LoadError>)>,
    /// Where a load of a config's project shows its progress (clients that support it).
    progress: Option<LoadProgress>,
    /// The thread that builds the loaded glossary's sense tables ([`senses::prepare`]).
    senses: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl ProjectSlot {
    fn new(
        key: ConfigKey,
        start: Option<PathBuf>,
        settings: Settings,
        previous: Option<Project>,
        progress: Option<LoadProgress>,
    ) -> ProjectSlot {
        ProjectSlot {
            key,
            start,
            settings,
            previous,
            loaded: OnceLock::new(),
            progress,
            senses: Mutex::new(None),
        }
    }

    /// A slot holding `project` already (tests, and documents given a project directly).
    pub fn ready(project: Project) -> ProjectSlot {
        let slot = ProjectSlot::new(None, None, Settings::default(), None, None);
        let _ = slot.loaded.set((project, None));
        slot
    }

    /// The project, loaded from disk on the first call (which blocks: call it on a worker;
    /// concurrent callers wait for the one load).
    pub fn get(&self) -> &Project {
        &self.load().0
    }

    fn load(&self) -> &(Project, Option<LoadError>) {
        self.loaded.get_or_init(|| {
            // Shown while a config's glossaries load (ended when this drops).
            let _progress = self
                .key
                .as_deref()
                .zip(self.progress.as_ref())
                .and_then(|(key, p)| p.start(key));
            let (mut project, error) =
                load_from_disk(&self.key, self.start.as_deref(), self.previous.as_ref());
            if !self.settings.rules.is_empty() {
                let mut config = (*project.config).clone();
                config.rules = self.settings.apply(&config.rules);
                project.config = Arc::new(config);
            }
            // The word table an edit reads is built as part of the load: an edit (on the
            // message loop) never builds it, and from the first edit on a keystroke is read
            // incrementally. The signatures a ranking of senses reads (when the glossary has
            // names of several senses) are built beside, on a thread of their own: the load
            // does not wait for them, and the first document that ranks a sense finds them
            // built (or waits for the rest) instead of building them itself.
            let started = std::time::Instant::now();
            senses::prepare_words(&project.glossary);
            tracing::debug!("word table built in {:?}", started.elapsed());
            let glossary = project.glossary.clone();
            let spawned = std::thread::Builder::new()
                .name("glossa-senses".to_owned())
                .spawn(move || {
                    let started = std::time::Instant::now();
                    let signatures = senses::prepare(&glossary);
                    tracing::debug!(
                        "sense tables built in {:?} (signatures: {signatures})",
                        started.elapsed()
                    );
                });
            *crate::state::lock(&self.senses) = spawned.ok();
            (project, error)
        })
    }

    /// Waits for the thread that builds the loaded glossary's sense tables (tests).
    #[cfg(test)]
    fn wait_for_senses(&self) {
        if let Some(thread) = crate::state::lock(&self.senses).take() {
            thread.join().expect("the sense tables built");
        }
    }

    /// The project when it is loaded already (never waits).
    pub fn loaded(&self) -> Option<&Project> {
        self.loaded.get().map(|(p, _)| p)
    }

    /// The error of the last load, once loaded.
    pub fn error(&self) -> Option<&LoadError> {
        self.loaded.get().and_then(|(_, e)| e.as_ref())
    }

    /// A slot for the same config loaded again (for a reload: blocks, call it on a worker).
    pub fn reloaded(&self) -> ProjectSlot {
        let slot = ProjectSlot::new(
            self.key.clone(),
            self.start.clone(),
            self.settings.clone(),
            self.loaded().or(self.previous.as_ref()).cloned(),
            self.progress.clone(),
        );
        slot.load();
        slot
    }
}

fn load_from_disk(
    key: &ConfigKey,
    start: Option<&Path>,
    previous: Option<&Project>,
) -> (Project, Option<LoadError>) {
    match projects::load(key, start.unwrap_or(Path::new("."))) {
        Ok(p) => {
            // What a glossary in another tool's format held that glossa could not map.
            for (path, d) in p.dropped.iter() {
                tracing::warn!("{path}:{}: dropped: {}", d.line, d.what);
            }
            (p, None)
        }
        Err(e) => {
            tracing::warn!("{e}");
            let p = previous.cloned().unwrap_or_else(Project::builtin);
            (p, Some(e))
        }
    }
}

/// The projects of a session, keyed by their `glossa.toml` (`None`: no config, the defaults) in
/// the cache the CLI uses too (`glossa_project::projects`). Everything here is quick: loads
/// happen in the slots, on workers.
#[derive(Debug, Default)]
pub struct Workspace {
    pub folders: Vec<PathBuf>,
    slots: ByConfig<Arc<ProjectSlot>>,
    /// The client's settings, laid over every project's rules.
    settings: Settings,
    /// Where loads show their progress (set at `initialize` when the client supports it).
    pub progress: Option<LoadProgress>,
}

impl Workspace {
    /// The slot of the project for a document at `path` (None: not a file, e.g. an untitled
    /// buffer: the first workspace folder's project). Finds the config (file metadata only);
    /// loads nothing.
    pub fn slot_for(&mut self, path: Option<&Path>) -> Arc<ProjectSlot> {
        let start = path
            .map(Path::to_path_buf)
            .or_else(|| self.folders.first().cloned());
        let key = start.as_deref().and_then(|s| self.slots.key_for(s));
        let settings = &self.settings;
        let progress = &self.progress;
        self.slots
            .get_or_insert_with(key, |key| {
                Arc::new(ProjectSlot::new(
                    key.clone(),
                    start,
                    settings.clone(),
                    None,
                    progress.clone(),
                ))
            })
            .clone()
    }

    /// A `glossa.toml` appeared, changed or went away: the folders' configs are found again.
    pub fn forget_discovery(&mut self) {
        self.slots.forget_discovery();
    }

    /// The client's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// New client settings: every project will be loaded again with them (each on first use).
    /// False when nothing changed.
    pub fn set_settings(&mut self, settings: Settings) -> bool {
        if settings == self.settings {
            return false;
        }
        self.settings = settings;
        for slot in self.slots.values_mut() {
            let previous = slot.loaded().or(slot.previous.as_ref()).cloned();
            *slot = Arc::new(ProjectSlot::new(
                slot.key.clone(),
                slot.start.clone(),
                self.settings.clone(),
                previous,
                self.progress.clone(),
            ));
        }
        true
    }

    /// Every slot, in a stable order.
    pub fn slots(&self) -> Vec<Arc<ProjectSlot>> {
        self.slots
            .sorted()
            .into_iter()
            .map(|(_, slot)| slot.clone())
            .collect()
    }

    /// Puts `new` in the place of `old` (None: forgets it, its config went away); false when
    /// `old` is no longer current (another reload or new settings came first).
    pub fn replace(&mut self, old: &Arc<ProjectSlot>, new: Option<Arc<ProjectSlot>>) -> bool {
        if !self
            .slots
            .get(&old.key)
            .is_some_and(|s| Arc::ptr_eq(s, old))
        {
            return false;
        }
        match new {
            Some(new) => self.slots.insert(old.key.clone(), new),
            None => {
                self.slots.remove(&old.key);
            }
        }
        true
    }

    /// The current load error of each loaded config (in the config or a glossary it names).
    pub fn errors(&self) -> Vec<LoadError> {
        self.slots()
            .iter()
            .filter_map(|s| s.error().cloned())
            .collect()
    }

    /// Every glossary and config file the loaded projects read (to watch and to recognise).
    pub fn watched_files(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        for p in self.slots().iter().filter_map(|s| s.loaded()) {
            out.extend(p.config.path.iter().cloned());
            out.extend(p.config.glossaries.iter().map(|g| g.path.clone()));
        }
        out.sort();
        out.dedup();
        out
    }
}

/// What a reload of `changed` files does to `slot`: nothing (None), load it again
/// (Some(Some(new))) or forget it (Some(None): its config went away or another appeared).
/// Reads the file system and loads: call it on a worker.
pub fn reload_slot(slot: &ProjectSlot, changed: &[PathBuf]) -> Option<Option<Arc<ProjectSlot>>> {
    let config_changed = changed.iter().any(|p| config::is_config_file(p));
    let project = slot.loaded()?;
    let touched = config_changed
        || changed.iter().any(|c| {
            project
                .config
                .glossaries
                .iter()
                .any(|g| same_file(&g.path, c))
                || slot
                    .error()
                    .is_some_and(|e| same_file(Path::new(&e.path), c))
        });
    if !touched {
        return None;
    }
    if config_changed && config::find(&project.config.root) != slot.key {
        // A config appeared or went away for this folder: documents find theirs again.
        return Some(None);
    }
    Some(Some(Arc::new(slot.reloaded())))
}

/// The path of a URI when it is a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Where the embedded corpus pages are on disk: written once by [`prepare_builtin_pages`].
static BUILTIN_PAGES: OnceLock<HashMap<String, PathBuf>> = OnceLock::new();

/// Writes the embedded corpus pages to the cache folder (once per process; blocks: call it on a
/// worker). Locations in them are shown from then on.
pub fn prepare_builtin_pages() {
    BUILTIN_PAGES.get_or_init(glossa_project::cache::write_builtin_pages);
}

/// The location of a glossary entry: its file and line. An embedded corpus page is its
/// read-only copy in the user's cache folder ([`prepare_builtin_pages`]); no file is read or
/// written here.
pub fn source_location(source: &Source) -> Option<Location> {
    let path = if source.builtin {
        BUILTIN_PAGES.get()?.get(&*source.path)?.clone()
    } else {
        std::path::absolute(&*source.path).ok()?
    };
    let uri = Uri::from_file_path(&path)?;
    let line = source.line.saturating_sub(1);
    Some(Location::new(
        uri,
        Range::new(Position::new(line, 0), Position::new(line, 0)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project of a `glossa.toml` in a fresh folder naming a glossary of `concepts`, as a
    /// document in that folder is served it.
    fn served(concepts: &str) -> (tempfile::TempDir, Arc<ProjectSlot>) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let config = "builtin = false\nglossaries = [\"glossary.toml\"]\n";
        std::fs::write(dir.path().join("glossa.toml"), config).expect("written");
        std::fs::write(dir.path().join("glossary.toml"), concepts).expect("written");
        let slot = Workspace::default().slot_for(Some(&dir.path().join("doc.md")));
        (dir, slot)
    }

    /// The editor tests' glossary: "SAM" names two concepts.
    const SEVERAL: &str = include_str!("../../../tests/fixtures/editor-glossary.toml");

    #[test]
    fn a_loaded_glossary_with_names_of_several_senses_has_its_sense_tables_built() {
        let (_dir, slot) = served(SEVERAL);
        let project = slot.get();
        slot.wait_for_senses();
        assert!(slot.error().is_none(), "{:?}", slot.error());
        assert!(senses::has_several_senses(&project.glossary));
        assert!(senses::prepared(&project.glossary));
        assert!(senses::words_prepared(&project.glossary));
    }

    #[test]
    fn a_loaded_glossary_without_names_of_several_senses_gets_only_its_word_table() {
        // The latency bench's generated glossaries: each name deprecated, of its own concept.
        let (_dir, slot) = served(
            "[[concept]]\nterm = \"quaex tool\"\ndeprecated = [\"quaex\"]\n\n\
             [[concept]]\nterm = \"qubex tool\"\ndeprecated = [\"qubex\"]\ndefinition = \"A tool.\"\n",
        );
        let project = slot.get();
        slot.wait_for_senses();
        assert!(slot.error().is_none(), "{:?}", slot.error());
        assert_eq!(project.glossary.concepts().len(), 2);
        assert!(!senses::prepared(&project.glossary));
        // The word table an edit reads is built all the same: an edit on the message loop
        // never builds it (~1 s for the bench's million names, the server stalled meanwhile).
        assert!(senses::words_prepared(&project.glossary));
    }
}
