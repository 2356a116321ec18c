//! The glossary model: concepts, their names and statuses, and the index from a name to the
//! concepts it names.
//!
//! A [`Glossary`] is built from [`Entry`] values, whatever file format they came from (the
//! embedded AI Factory corpus pages, native TOML glossaries). Entries with the same head term merge
//! into one [`Concept`] with several [`Definition`]s; one name shared by several concepts stays
//! shared, and that is what "ambiguous" means to the rules in `analysis`.
//!
//! Nothing here knows about LSP or files on disk beyond the `Source` a definition came from.

mod build;
pub mod corpus;
pub mod edit;
pub mod error;
pub mod everyday;
pub mod export;
pub mod formats;
mod index;
pub mod native;
pub mod normalize;
pub mod pattern;
pub mod style;
mod thin;

use std::collections::HashMap;
use std::sync::Arc;

pub use compact_str::CompactString;
pub use thin::ThinStr;
pub use thin_vec::ThinVec;

/// The glossary's name maps hash with foldhash (already in the build through hashbrown): a
/// 1M-name glossary hashes millions of keys while it loads, and SipHash's resistance to chosen
/// keys buys nothing for names the project itself wrote (issue 9).
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

pub use error::LoadError;
pub use normalize::{fold_name, is_acronym_like};

/// Index of a concept inside its [`Glossary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptId(pub u32);

/// The TBX term status model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The concept's head term.
    Preferred,
    /// An accepted alternative name (alias, synonym, acronym).
    Admitted,
    /// Flagged as a warning; the preferred term replaces it.
    Deprecated,
    /// Flagged as an error; the preferred term replaces it.
    Forbidden,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Forbidden => "forbidden",
        }
    }
}

/// A set of statuses, one bit each: which statuses the names of one match carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct StatusSet(u8);

impl StatusSet {
    pub fn insert(&mut self, status: Status) {
        self.0 |= 1 << status as u8;
    }

    pub fn contains(self, status: Status) -> bool {
        self.0 & (1 << status as u8) != 0
    }
}

/// What role a name plays for its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// The head term.
    Term,
    /// A synonym or alias.
    Alias,
    /// An acronym: matched only in capitals.
    Acronym,
}

/// Which casings of a name are right (the `term-casing` rule). Matching ignores it: every casing
/// of the name is found, and the rule flags the ones that break it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Casing {
    /// Any casing ("fine-tuning", "Fine-Tuning").
    #[default]
    Any,
    /// The words written with an inner capital must be written so ("PyTorch", "DeepSpeed" in
    /// "DeepSpeed framework"); the other words may take any case. Set on every name with such a
    /// word, unless its glossary says `case = "any"`.
    Words,
    /// The whole name exactly as written (native `case = "exact"`).
    Exact,
}

impl Casing {
    /// The casing a name gets when its glossary says nothing: [`Casing::Words`] when a word of
    /// it has a capital after its first letter ("PyTorch", "vLLM"), else [`Casing::Any`].
    pub fn of(text: &str) -> Casing {
        if text
            .split(normalize::is_separator)
            .any(normalize::has_inner_capital)
        {
            Casing::Words
        } else {
            Casing::Any
        }
    }
}

/// One name of a concept, as written in the glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// Up to 24 bytes inline, without a heap block of its own (issue 9: 2M names).
    pub text: CompactString,
    pub status: Status,
    pub kind: NameKind,
    /// Match only with exactly this case (acronyms always are).
    pub case_sensitive: bool,
    /// For an acronym: what it stands for, when the source says so (one pointer wide: a
    /// `Name` is 40 bytes, 2M of them in a 1M-concept glossary; issue 9).
    pub expansion: Option<ThinStr>,
    /// False for a name that is only searched (`define`, workspace symbols) and never matched
    /// in documents: the head of a question-and-answer entry, a common English word.
    pub matched: bool,
    /// Which casings are right; only for names that match in any case (not acronyms).
    pub casing: Casing,
    /// Hyphens and spaces between the words must be as written: "cheat sheet" does not match
    /// "cheat-sheet" (native `separators = "exact"`). By default any separator matches.
    pub exact_separators: bool,
    /// A regular plural ending ("-s", "-es", "-ies") matches too (native `plural = false` turns
    /// it off: "Kubernetes" is no plural, "data" has none).
    pub plural: bool,
}

impl Name {
    pub fn new(text: impl Into<CompactString>, status: Status, kind: NameKind) -> Name {
        Name {
            text: text.into(),
            status,
            kind,
            case_sensitive: kind == NameKind::Acronym,
            expansion: None,
            matched: true,
            casing: Casing::Any,
            exact_separators: false,
            plural: true,
        }
        .with_auto_casing()
    }

    /// Sets [`Name::casing`] from the text, as for a name whose glossary says nothing.
    pub fn with_auto_casing(mut self) -> Name {
        self.casing = if self.case_sensitive {
            Casing::Any
        } else {
            Casing::of(&self.text)
        };
        self
    }
}

/// Where a definition came from: a file and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// For the embedded corpus, the path inside the repository (`corpus/ai-factory/…`);
    /// otherwise the path the glossary was loaded from. One string per file, shared by its
    /// definitions (issue 9).
    pub path: Arc<str>,
    pub line: u32,
    /// True for the glossary embedded in the binary.
    pub builtin: bool,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// One definition of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The full Markdown definition.
    pub text: String,
    /// Its first sentence, without Markdown emphasis.
    pub summary: String,
    pub source: Source,
}

/// One glossary entry as a loader produces it, before entries merge into concepts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The head term: the preferred name, and the key entries merge on.
    pub term: String,
    /// The name as the definition displays it ("Safety guardrails"); empty: use `term`.
    pub display: String,
    pub category: Option<String>,
    /// Other names: aliases, acronyms, deprecated and forbidden names. A name of kind
    /// [`NameKind::Term`] here only carries flags of the head term (its [`Casing`], separators
    /// and plural).
    pub names: Vec<Name>,
    /// Search tags: found by `glossa define`/workspace symbols, never matched in documents.
    pub keywords: Vec<String>,
    pub definition: Option<Definition>,
    pub reason: Option<String>,
    pub see_also: Vec<String>,
    /// Sentences that use the term (TBX `context`, Contextive `examples`).
    pub examples: Vec<String>,
    /// Match the head term only with exactly its case.
    pub case_sensitive: bool,
    /// The entry's names are only searched, never matched in documents (a question-and-answer
    /// entry, or a head that is a common word; see `corpus`).
    pub search_only: bool,
    /// Its acronyms need no introduction (`acronym-first-use`): "API", "GPU".
    pub established: bool,
}

/// A concept: every entry with one head term, merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    pub id: ConceptId,
    /// Empty: the term is displayed. This text, the category and the reason are one pointer
    /// wide each ([`ThinStr`]; issue 9).
    pub display: ThinStr,
    pub category: Option<ThinStr>,
    /// `names[0]` is always the head term: preferred, or deprecated/forbidden for a concept that
    /// names something to avoid with nothing to use instead (Vale's `reject.txt`). A boxed
    /// slice, sized exactly (8 B less than a `Vec` in each of 1M concepts; issue 9).
    pub names: Box<[Name]>,
    /// This list and the next three: one pointer wide, and no allocation while empty (most
    /// concepts of a large glossary; issue 9).
    pub keywords: ThinVec<String>,
    pub definitions: ThinVec<Definition>,
    pub reason: Option<ThinStr>,
    pub see_also: ThinVec<String>,
    /// Its acronyms need no introduction in a document (`acronym-first-use`): set by a glossary
    /// (`established = true`), or because the concept's head term is itself an acronym.
    pub established: bool,
    /// Sentences that use the term.
    pub examples: ThinVec<String>,
}

impl Concept {
    /// The head term: `names[0]`'s text, the only copy of it (a `term` field of its own was
    /// 24 MB of a 1M-concept glossary; issue 9).
    pub fn term(&self) -> &str {
        &self.names[0].text
    }

    /// The name to show a reader.
    pub fn display_name(&self) -> &str {
        if self.display.is_empty() {
            self.term()
        } else {
            &self.display
        }
    }

    /// The first definition's summary, or "".
    pub fn summary(&self) -> &str {
        self.definitions
            .first()
            .map(|d| d.summary.as_str())
            .unwrap_or("")
    }

    /// Where the concept is defined first.
    pub fn source(&self) -> Option<&Source> {
        self.definitions.first().map(|d| &d.source)
    }

    /// The names a document may use without a finding (preferred and admitted).
    pub fn allowed_names(&self) -> impl Iterator<Item = &Name> {
        self.names
            .iter()
            .filter(|n| matches!(n.status, Status::Preferred | Status::Admitted))
    }

    /// The acronyms of this concept.
    pub fn acronyms(&self) -> impl Iterator<Item = &Name> {
        self.names.iter().filter(|n| n.kind == NameKind::Acronym)
    }
}

/// A reference to one name of one concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameRef {
    pub concept: ConceptId,
    /// Index into `Concept::names`.
    pub name: u32,
}

/// The loaded glossary: every concept, and an index from folded names to the names they are.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    concepts: Vec<Concept>,
    /// Folded name (see [`fold_name`]) → every concept name that folds to it, concept by
    /// concept, each concept's names in order.
    by_name: index::NameIndex,
    /// For the folded names of `by_name` (by their number there) of which some name is not
    /// matched in documents: the names that are (maybe none). Every other key's names are all
    /// matched.
    partly_matched: FastMap<u32, Vec<NameRef>>,
    /// Folded keyword → concepts tagged with it.
    by_keyword: FastMap<String, Vec<ConceptId>>,
    /// How many concepts' definitions use each word, by the word's hash
    /// (`analysis::senses::WordFrequencies`): computed once per glossary, the first time a
    /// document needs its senses read, or by a server as it loads any glossary
    /// (`analysis::senses::prepare`).
    pub(crate) word_frequencies: std::sync::OnceLock<crate::analysis::senses::WordFrequencies>,
    /// Each concept's signature (by id): its definitions' distinct content words with their
    /// weights, computed once per glossary (`analysis::senses`).
    pub(crate) signatures: std::sync::OnceLock<Vec<Vec<(String, f32)>>>,
    /// What the project's documents are about (`glossa.toml` `domains`): context every
    /// occurrence has when its sense is chosen.
    pub domains: Vec<String>,
}

impl Glossary {
    /// Builds a glossary, merging entries with the same head term (compared folded).
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Glossary {
        let entries = entries.into_iter();
        let mut builder = build::GlossaryBuilder::default();
        builder.reserve(entries.size_hint().0, 0);
        for entry in entries {
            builder.add(entry);
        }
        builder.finish()
    }

    /// [`Glossary::from_entries`] for entries in a `Vec` (a loaded file's), its memory given
    /// back as they merge: a 1M-entry `Vec` is ~270 MB that otherwise lives until the last
    /// entry has merged, beside the glossary being built (issue 9).
    pub fn from_entry_vec(mut entries: Vec<Entry>) -> Glossary {
        // Taken from the end, in the order they came.
        entries.reverse();
        let mut builder = build::GlossaryBuilder::default();
        let names = entries.iter().map(|e| 1 + e.names.len()).sum();
        builder.reserve(entries.len(), names);
        while let Some(entry) = entries.pop() {
            builder.add(entry);
            // Halved when half unused: each entry moves O(1) times in all.
            if entries.capacity() > 4096 && entries.len() < entries.capacity() / 2 {
                entries.shrink_to_fit();
            }
        }
        builder.finish()
    }

    /// The glossary embedded in the binary: the AI Factory corpus pages and the style rules.
    pub fn builtin() -> Arc<Glossary> {
        static BUILTIN: std::sync::OnceLock<Arc<Glossary>> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| Arc::new(Glossary::from_entries(style::builtin_entries())))
            .clone()
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    pub fn concept(&self, id: ConceptId) -> &Concept {
        &self.concepts[id.0 as usize]
    }

    pub fn name(&self, r: NameRef) -> &Name {
        &self.concept(r.concept).names[r.name as usize]
    }

    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// Every concept name that folds to the same text as `name` (case and hyphens aside).
    pub fn names_folded(&self, name: &str) -> &[NameRef] {
        self.by_name
            .find(&fold_name(name))
            .map(|i| self.by_name.refs(i))
            .unwrap_or(&[])
    }

    /// The concepts `name` refers to, honouring case for acronyms and case-sensitive names:
    /// "SAM" → both senses; "Sam" → none.
    pub fn lookup(&self, name: &str) -> Vec<ConceptId> {
        let mut out: Vec<ConceptId> = Vec::new();
        for r in self.names_folded(name) {
            let n = self.name(*r);
            if (!n.case_sensitive || n.text == name) && !out.contains(&r.concept) {
                out.push(r.concept);
            }
        }
        out
    }

    /// Like [`Glossary::lookup`], then falling back to any case, then to keywords: the concepts
    /// a name asked for by a person stands for (`glossa define`). The fuzzy search is
    /// [`crate::analysis::complete::search_concepts`].
    pub fn search(&self, name: &str) -> Vec<ConceptId> {
        let mut out = self.lookup(name);
        if out.is_empty() {
            out = self.names_folded(name).iter().map(|r| r.concept).collect();
            out.dedup();
        }
        if out.is_empty() {
            out = self
                .by_keyword
                .get(&fold_name(name))
                .cloned()
                .unwrap_or_default();
        }
        out
    }

    /// Every distinct (folded) matchable name with the names it stands for (names that are only
    /// searched left out). Sorted, so the pattern order of the scanner is deterministic.
    pub fn matchable_names(&self) -> Vec<(&str, &[NameRef])> {
        self.matchable_keys()
            .map(|(_, k, refs)| (k, refs))
            .collect()
    }

    /// [`Glossary::matchable_names`] one at a time, each with its key's number for
    /// [`Glossary::folded_key`]: the matcher keeps 4 bytes a pattern while it builds, not a
    /// string (issue 9).
    pub(crate) fn matchable_keys(&self) -> impl Iterator<Item = (u32, &str, &[NameRef])> {
        // The index keeps its keys sorted.
        self.by_name.keys().filter_map(|(i, k)| {
            let matched = match self.partly_matched.get(&i) {
                Some(some) if some.is_empty() => return None,
                Some(some) => some.as_slice(),
                None => self.by_name.refs(i),
            };
            Some((i, k, matched))
        })
    }

    /// The folded name numbered `i` by [`Glossary::matchable_keys`].
    pub(crate) fn folded_key(&self, i: u32) -> &str {
        self.by_name.key(i)
    }

    /// Concepts in a category (compared case-insensitively).
    pub fn in_category<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Concept> + 'a {
        self.concepts.iter().filter(move |c| {
            c.category
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case(category))
        })
    }
}

/// The names one folded name stands for: most often one, without an allocation of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refs {
    One(NameRef),
    Many(Vec<NameRef>),
}

impl Refs {
    fn as_slice(&self) -> &[NameRef] {
        match self {
            Refs::One(r) => std::slice::from_ref(r),
            Refs::Many(v) => v,
        }
    }

    /// Adds a name; a concept's head term goes first (see `build`).
    fn push(&mut self, r: NameRef, head: bool) {
        if let Refs::One(one) = *self {
            *self = Refs::Many(vec![one]);
        }
        let Refs::Many(v) = self else {
            return;
        };
        v.push(r);
        if head {
            let last = v.len() - 1;
            v.swap(0, last);
        }
    }

    fn sort(&mut self) {
        if let Refs::Many(v) = self {
            v.sort_unstable_by_key(|r| (r.concept, r.name));
        }
    }
}

impl Name {
    /// Same text, with case compared only where either side is case-sensitive, and
    /// separators only where either side makes them significant.
    fn text_eq_case(&self, other: &Name) -> bool {
        if self.case_sensitive || other.case_sensitive {
            self.text == other.text
        } else if self.exact_separators || other.exact_separators {
            normalize::separators_of(&self.text) == normalize::separators_of(&other.text)
        } else {
            true
        }
    }
}

/// A two-concept glossary for unit tests: "sparse autoencoder" (acronym SAE) and "fine-tuning"
/// (deprecated "finetuning"). Public for the server's unit tests; not part of the API.
#[doc(hidden)]
pub fn test_glossary() -> Glossary {
    Glossary::from_entries([
        Entry {
            term: "sparse autoencoder".into(),
            names: vec![Name::new("SAE", Status::Admitted, NameKind::Acronym)],
            ..Entry::default()
        },
        Entry {
            term: "fine-tuning".into(),
            names: vec![Name::new("finetuning", Status::Deprecated, NameKind::Alias)],
            ..Entry::default()
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::{Concept, Name};

    /// Merging from a `Vec` (freed as it goes) gives the glossary merging from an iterator does.
    #[test]
    fn merging_from_a_vec_is_merging_in_order() {
        let mut entries = super::style::builtin_entries();
        // Past the size at which the `Vec` is shrunk while merging, with repeated head terms.
        let more: Vec<super::Entry> = (0..10_000)
            .map(|i| super::Entry {
                term: format!("model {}", i % 7_000),
                names: vec![Name::new(
                    format!("m{i}"),
                    super::Status::Deprecated,
                    super::NameKind::Alias,
                )],
                ..super::Entry::default()
            })
            .collect();
        entries.extend(more);
        let a = super::Glossary::from_entries(entries.clone());
        let b = super::Glossary::from_entry_vec(entries);
        assert_eq!(a.concepts(), b.concepts());
        assert_eq!(a.matchable_names(), b.matchable_names());
    }

    /// Issue 9: a 1M-concept glossary holds a million of each. `Concept` was 224 B (nine
    /// `String`/`Vec` fields) and `Name` 56 B; names up to 24 bytes now live inline (no heap
    /// block), the lists most concepts leave empty are one pointer wide, and the head term is
    /// `names[0]`'s text, not a copy.
    #[test]
    fn concepts_and_names_stay_compact() {
        assert!(size_of::<Concept>() <= 80, "{}", size_of::<Concept>());
        assert!(size_of::<Name>() <= 40, "{}", size_of::<Name>());
        let short = Name::new(
            "kavex model",
            super::Status::Preferred,
            super::NameKind::Term,
        );
        assert!(!short.text.is_heap_allocated());
    }
}
