//! Which concept an occurrence means, chosen by the document around it — or none.
//!
//! A name with several senses ("SAM": segment anything model, scanning acoustic microscopy), or
//! a short name whose one sense may not be the writer's ("MoE", "DeepSpeed", "transformer" in a
//! document about power supplies), is read against the document:
//!
//! 1. **The document's own definition wins.** "Segment Anything Model (SAM)" or "SAM (Segment
//!    Anything Model)" before an occurrence decides it; a definition of the acronym as something
//!    no sense is ("Sharpness-Aware Minimization (SAM)") means the glossary has nothing to say
//!    there, and the occurrence is dropped.
//! 2. **A full name of one sense in the document** ("segment anything model" written out)
//!    counts strongly for it.
//! 3. **What the document says it is about**: the `domains` of its front matter (`domains:
//!    [failure analysis]` in a `---` block at the top) and of its project's `glossa.toml` are
//!    context every occurrence has, near it and in the whole document.
//! 4. **The fields of the other concepts it names**: the categories of concepts written out in
//!    full ("sparse autoencoder": "ai safety") count as the document's words.
//! 5. **Words of each sense's definition in the document**, each weighted by how rare it is
//!    among the glossary's definitions (inverse document frequency: "mask" tells more than
//!    "model").
//!
//! An occurrence that is part of another name — a library's or a model's — means none of its
//! senses ([`Reading::in_other_name`]: "MBRL-Lib", "SAE Lens" beside "SAELens").
//!
//! A sense is chosen when it clearly leads; the occurrence stays ambiguous (every competing
//! sense kept, for `ambiguous-term` and the hover) when two fit about equally; and it is
//! dropped when no sense fits — an acronym or a one-word name whose definition shares too
//! little with the document. Showing nothing beats showing a wrong definition. Names of two
//! words or more are specific enough to keep without context. Deprecated and forbidden names
//! are house style and always kept. Deterministic, and cheap: the document's words are read
//! once, only when some occurrence needs them.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

use crate::glossary::corpus::abbrev::{abbreviates, long_form_before, plural_key, singular};
use crate::glossary::everyday::is_everyday;
use crate::glossary::{ConceptId, Glossary, NameKind, NameRef, Status, is_acronym_like};
use crate::scan::Match;

/// What an occurrence means once the document is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// One sense, chosen (or the only one, needing no context).
    Decided(ConceptId),
    /// Several senses fit about equally, best first.
    Ambiguous(Vec<ConceptId>),
    /// No sense fits: report nothing.
    Unknown,
}

/// One sense of an occurrence with how well it fits and the words that make it fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Sense {
    pub concept: ConceptId,
    /// Support from the whole document (its words shared with the definition, a full name).
    pub score: f32,
    /// Support from the words right around the occurrence.
    pub near: f32,
    /// False for a concept with no definition to read (a house-style name): the document
    /// cannot speak against it.
    pub readable: bool,
    /// What the sense needs to fit this document: the support an arbitrary concept with a
    /// signature as large finds in it by chance (a long definition shares more words with any
    /// document than a short one).
    pub need: f32,
    /// What decided it, for a reader: "defined in this document", or the document's words
    /// shared with the definition, best first.
    pub why: Vec<String>,
}

/// Support below this (summed inverse document frequencies) is no support.
const MIN_SUPPORT: f32 = 4.0;
/// A sense is chosen when it has this much more support than the next one …
const MARGIN: f32 = 3.0;
/// … and this many times as much (near the occurrence) …
const RATIO: f32 = 1.6;
/// … or this many times as much over the whole document, where every sense finds some words.
const DOC_RATIO: f32 = 1.25;
/// A full name of a sense written in the document.
const FULL_NAME: f32 = 8.0;
/// The quantile of the glossary's support in a document a sense must reach to fit it.
const BASELINE_RANK: f32 = 0.5;
/// How many concepts the baseline is measured on.
const BASELINE_SAMPLE: usize = 256;
/// A document with fewer distinct content words than this says too little to rule a sense out
/// ("We ran SAM."): its names keep every sense.
pub(crate) const INFORMATIVE: usize = 40;
/// How far "near" reaches, in bytes each side, within the occurrence's sentence.
const WINDOW: usize = 200;

/// Words that say nothing about a subject.
const STOPWORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "also", "although", "among", "and",
    "any", "are", "because", "been", "before", "being", "between", "both", "but", "can", "could",
    "does", "doing", "down", "during", "each", "either", "enable", "enabling", "even", "every",
    "few", "for", "from", "further", "had", "has", "have", "having", "here", "how", "however",
    "into", "its", "itself", "just", "key", "less", "like", "many", "may", "more", "most", "much",
    "must", "new", "not", "now", "off", "once", "one", "only", "other", "our", "out", "over",
    "own", "per", "same", "several", "should", "since", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "thus", "too",
    "two", "under", "until", "upon", "use", "used", "uses", "using", "very", "via", "was", "were",
    "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your",
];

/// The word `w` (a run of letters and digits) as a word a text is about: lower-case, singular,
/// three letters or more, no stop word. `buf` holds it when it had to be lower-cased.
fn content_word<'a>(w: &'a str, buf: &'a mut String) -> Option<&'a str> {
    let w = any_word(w, buf)?;
    STOPWORDS.binary_search(&w).is_err().then_some(w)
}

/// [`content_word`] with stop words kept: enough where the word is only looked up among
/// content words (the words near an occurrence).
fn any_word<'a>(w: &'a str, buf: &'a mut String) -> Option<&'a str> {
    if w.len() < 3 || !w.chars().any(char::is_alphabetic) {
        return None;
    }
    let w = if w
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        w
    } else if w.is_ascii() {
        buf.clear();
        buf.push_str(w);
        buf.make_ascii_lowercase();
        buf
    } else {
        *buf = w.to_lowercase();
        buf
    };
    Some(singular(w))
}

/// Every word a text is about, in order, repeats kept (see [`content_word`]).
pub(crate) fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut buf = String::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(move |w| content_word(w, &mut buf).map(str::to_owned))
}

/// A document's distinct words or tokens. A large document writes a few thousand spellings
/// over and over: the sets hash with foldhash (a fixed seed: the same on every run).
pub type WordSet = HashSet<String, FixedState>;

/// How many times a document writes each of its words or tokens ([`document_counts`]).
pub type WordCounts = HashMap<String, u32, FixedState>;

/// Above this size a document's words are read in pieces on every core.
const PIECE: usize = 1 << 18;

/// How many times `text` writes each run of token characters ([`is_token_char`]) three bytes
/// or longer, by spelling. A large text is read in pieces cut at line ends (no run crosses one)
/// on every core.
fn spellings(text: &str) -> HashMap<&str, u32, FixedState> {
    if text.len() <= 2 * PIECE {
        return runs(text);
    }
    use rayon::prelude::*;
    crate::scan::split(text, PIECE)
        .par_iter()
        .map(|r| runs(&text[r.clone()]))
        .reduce(HashMap::default, |mut a, mut b| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (w, n) in b {
                *a.entry(w).or_insert(0) += n;
            }
            a
        })
}

/// ASCII bytes that are part of a token: letters, digits, `_` and `-` ([`is_token_char`]).
const TOKEN_BYTES: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    t
};

/// [`spellings`] of one piece: a byte loop, ASCII tested by byte. A run of 16 bytes or fewer
/// (nearly every word) is counted by its bytes read as one number, zero-padded (no run holds a
/// zero byte, so the number tells the run apart): no string hashed or compared per run.
fn runs(piece: &str) -> HashMap<&str, u32, FixedState> {
    let bytes = piece.as_bytes();
    // (bytes as a number, count, where the first one starts).
    let mut short: hashbrown::HashTable<(u128, u32, usize)> = hashbrown::HashTable::new();
    let mut long: HashMap<&str, u32, FixedState> = HashMap::default();
    // One folded multiply of the two halves (foldhash's own mix for 9 to 16 bytes).
    let hash = |key: u128| {
        let p = u128::from(key as u64 ^ 0x243f_6a88_85a3_08d3)
            * u128::from((key >> 64) as u64 ^ 0x1319_8a2e_0370_7344);
        (p as u64) ^ ((p >> 64) as u64)
    };
    let mut count_run = |start: usize, end: usize| {
        let len = end - start;
        if len < 3 {
            return;
        }
        if len > 16 {
            *long.entry(&piece[start..end]).or_insert(0) += 1;
            return;
        }
        let key = match bytes.get(start..start + 16) {
            Some(sixteen) => {
                let all = u128::from_le_bytes(sixteen.try_into().expect("16 bytes"));
                if len == 16 {
                    all
                } else {
                    all & ((1u128 << (8 * len)) - 1)
                }
            }
            None => {
                let mut padded = [0u8; 16];
                padded[..len].copy_from_slice(&bytes[start..end]);
                u128::from_le_bytes(padded)
            }
        };
        let h = hash(key);
        match short.find_mut(h, |e| e.0 == key) {
            Some(e) => e.1 += 1,
            None => {
                short.insert_unique(h, (key, 1, start), |e| hash(e.0));
            }
        }
    };
    // Each run read to its end, then the character that ends it passed (one place counts).
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut end_len = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if !TOKEN_BYTES[b as usize] {
                    end_len = 1;
                    break;
                }
                i += 1;
            } else {
                let c = piece[i..].chars().next().expect("a char boundary");
                if !is_token_char(c) {
                    end_len = c.len_utf8();
                    break;
                }
                i += c.len_utf8();
            }
        }
        count_run(start, i);
        i += end_len;
    }
    let mut out = long;
    out.reserve(short.len());
    for (key, n, start) in short {
        // The run's length: its bytes up to the last that is not zero.
        let len = 16 - key.leading_zeros() as usize / 8;
        out.insert(&piece[start..start + len], n);
    }
    out
}

/// Adds `n` to the count of `w`, allocating only for a word not counted yet.
fn count(out: &mut WordCounts, w: &str, n: u32) {
    match out.get_mut(w) {
        Some(c) => *c += n,
        None => {
            out.insert(w.to_owned(), n);
        }
    }
}

/// How many times `text` writes each of its content words (what [`content_words`] gives) and
/// each of its tokens (what [`document_tokens`] gives), in one pass: a word is a run of letters
/// and digits, so it lies inside one token's run, and each distinct run is read once (lower-
/// cased, made singular, looked up in the stop words).
pub(crate) fn document_counts(text: &str) -> (WordCounts, WordCounts) {
    let (mut words, mut tokens) = (WordCounts::default(), WordCounts::default());
    let mut buf = String::new();
    for (run, n) in spellings(text) {
        if run.len() >= 4 {
            if run
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                count(&mut tokens, run, n);
            } else {
                count(&mut tokens, &token(run), n);
            }
        }
        for w in run.split(|c: char| !c.is_alphanumeric()) {
            if let Some(w) = content_word(w, &mut buf) {
                count(&mut words, w, n);
            }
        }
    }
    (words, tokens)
}

/// How many of a glossary's concepts use each word in their signatures, by the word's 64-bit
/// hash ([`word_key`]): a glossary of a million generated names has a million distinct words,
/// a table of 2^21 buckets of 16 bytes (~36 MB) as hashes, where keys of `String` took about
/// three times that (a 32-byte bucket and a heap string each). Two words of one hash (odds of
/// about 1 in 10^8 for a million words against a document's hundred thousand) would only share
/// a weight.
pub type WordFrequencies = HashMap<u64, u32, FixedState>;

/// The key of `word` in [`WordFrequencies`].
fn word_key(word: &str) -> u64 {
    use std::hash::BuildHasher;
    FixedState::with_seed(0x9e37_79b9_7f4a_7c15).hash_one(word)
}

/// How many of the glossary's concepts use each word in their definitions.
fn document_frequencies(glossary: &Glossary) -> WordFrequencies {
    let mut df = WordFrequencies::default();
    let mut words: Vec<u64> = Vec::new();
    let mut buf = String::new();
    for c in glossary.concepts() {
        words.clear();
        // Each word hashed where it is (no `String` per word: a million names are two million
        // words).
        for t in signature_text(glossary, c.id) {
            each_word(t, |w| {
                if let Some(w) = content_word(w, &mut buf) {
                    words.push(word_key(w));
                }
            });
        }
        words.sort_unstable();
        words.dedup();
        for w in words.drain(..) {
            *df.entry(w).or_default() += 1;
        }
    }
    df
}

/// The glossary's words with how many concepts' definitions use each ([`document_frequencies`]),
/// computed once per glossary.
fn frequencies(glossary: &Glossary) -> &WordFrequencies {
    glossary
        .word_frequencies
        .get_or_init(|| document_frequencies(glossary))
}

/// True when some concept's signature holds `word` (only such words of a document count for
/// a sense); `None` while the glossary's word table is not built. It does not build it: a
/// server builds it beside the glossary's load ([`prepare`]), and an edit, which asks this of
/// every word it adds or removes on the message loop, must not (~1 s for a million names).
pub(crate) fn is_signature_word_now(glossary: &Glossary, word: &str) -> Option<bool> {
    let df = glossary.word_frequencies.get()?;
    Some(df.contains_key(&word_key(word)))
}

/// How rare a word is among the glossary's definitions (inverse document frequency).
fn idf(glossary: &Glossary, word: &str) -> f32 {
    let df = frequencies(glossary);
    let n = glossary.concepts().len().max(1) as f32;
    let k = df.get(&word_key(word)).copied().unwrap_or(0) as f32;
    ((n + 1.0) / (k + 1.0)).ln()
}

/// Every concept's signature, by id: the distinct content words of its [`signature_text`] with
/// their weights ([`idf`]), computed once per glossary (the first time a sense is ranked, or by
/// [`prepare`]).
fn signatures(glossary: &Glossary) -> &[Vec<(String, f32)>] {
    glossary.signatures.get_or_init(|| {
        glossary
            .concepts()
            .iter()
            .map(|c| {
                let mut words: Vec<String> = signature_text(glossary, c.id)
                    .iter()
                    .flat_map(|t| content_words(t))
                    .collect();
                words.sort();
                words.dedup();
                words
                    .into_iter()
                    .map(|w| {
                        let weight = idf(glossary, &w);
                        (w, weight)
                    })
                    .collect()
            })
            .collect()
    })
}

/// True when some name of `glossary` has several senses (a preferred or admitted name of two
/// concepts or more, like "SAM"): a document that writes it has senses to rank. One pass over
/// the names; a name of one concept (nearly every name) is passed without a look-up.
pub fn has_several_senses(glossary: &Glossary) -> bool {
    glossary
        .matchable_keys()
        .any(|(_, _, refs)| refs.len() >= 2 && allowed_concepts(glossary, refs).len() >= 2)
}

/// Builds the tables a reading of senses reads now: the glossary's word table
/// ([`prepare_words`]) and, when some name of `glossary` has several senses
/// ([`has_several_senses`]), each concept's signature; true when it built the signatures. A
/// server builds the word table as part of a glossary's load (an edit, on the message loop,
/// asks it of every word it adds or removes, [`is_signature_word_now`], and must not build it:
/// ~0.5 s for a million names) and calls this beside the load, on a thread of its own, so that
/// the first document with a sense to rank does not build the signatures (~14 ms for the
/// embedded glossary). The command line stays lazy: a check of a document with no sense to
/// rank never builds them.
pub fn prepare(glossary: &Glossary) -> bool {
    prepare_words(glossary);
    if !has_several_senses(glossary) {
        return false;
    }
    signatures(glossary);
    true
}

/// Builds the glossary's word table now (the first part of [`prepare`]: ~0.45 s for a million
/// generated names, ~6 ms for the embedded glossary).
pub fn prepare_words(glossary: &Glossary) {
    frequencies(glossary);
}

/// True when the glossary's word table is built ([`prepare`], or a reading that needed it).
pub fn words_prepared(glossary: &Glossary) -> bool {
    glossary.word_frequencies.get().is_some()
}

/// True when the tables of [`prepare`] are built (by it, or by a ranking).
pub fn prepared(glossary: &Glossary) -> bool {
    glossary.signatures.get().is_some()
}

/// The texts a concept's signature is read from: its definitions (the opening part, where a
/// definition says what the thing is), category, keywords, names and acronym expansions.
fn signature_text(glossary: &Glossary, id: ConceptId) -> Vec<&str> {
    const OPENING: usize = 1200;
    let c = glossary.concept(id);
    let mut out: Vec<&str> = Vec::new();
    for d in &c.definitions {
        let mut end = d.text.len().min(OPENING);
        while !d.text.is_char_boundary(end) {
            end -= 1;
        }
        out.push(&d.text[..end]);
    }
    out.extend(c.category.as_deref());
    out.extend(c.keywords.iter().map(String::as_str));
    for n in &c.names {
        if n.kind != NameKind::Acronym {
            out.push(&n.text);
        }
        out.extend(n.expansion.as_deref());
    }
    out
}

/// The names a document's matches use ([`DocumentNames`]): every concept with the key of its
/// spelling, and the concepts named in full. A large document's matches in two halves on two
/// cores (a document of 100,000 generated names writes most of its ~60,000 spellings once),
/// the second half's pairs moved into the first's set with the hashes they have.
fn names_of(text: &str, glossary: &Glossary, matches: &[Match]) -> (Named, FullNames) {
    if matches.len() >= NAMES_PARALLEL {
        let (a, b) = matches.split_at(matches.len() / 2);
        let ((mut named, mut full), (named_b, full_b)) = rayon::join(
            || names_of(text, glossary, a),
            || names_of(text, glossary, b),
        );
        std::sync::Arc::make_mut(&mut named).merge(&named_b);
        full.extend(full_b);
        return (named, full);
    }
    let mut full_names = HashSet::default();
    let mut named = NamedSet::default();
    // A large document writes the same names over and over: each spelling of each set of
    // names is read once.
    let mut seen: HashSet<(&str, &[NameRef]), FixedState> = HashSet::default();
    // The key of each spelling, built in reused buffers (no allocation per spelling).
    let (mut folded, mut key) = (String::new(), String::new());
    let mut refs: Vec<NameRef> = Vec::new();
    for m in matches {
        let found = &text[m.range.clone()];
        if !seen.insert((found, &m.refs)) {
            continue;
        }
        plural_key_into(found, &mut folded, &mut key);
        for r in &m.refs {
            named.insert(r.concept, &key);
        }
        refs.extend_from_slice(&m.refs);
    }
    // The names looked up a few at a time, each read without waiting for the one before (a
    // glossary of 100,000 concepts is mostly out of the cache: looked up one after the other,
    // each waited for memory).
    let mut entries: Vec<(NameKind, &str)> = Vec::with_capacity(LOOK_UPS);
    for batch in refs.chunks(LOOK_UPS) {
        entries.clear();
        entries.extend(batch.iter().map(|r| {
            let n = glossary.name(*r);
            (n.kind, n.text.as_str())
        }));
        for (r, (kind, text)) in batch.iter().zip(&entries) {
            if *kind != NameKind::Acronym && text.contains([' ', '-']) {
                full_names.insert(r.concept);
            }
        }
    }
    (std::sync::Arc::new(named), full_names)
}

/// [`plural_key`] of `name` in `key` (`folded` a buffer for its folded form): the same text,
/// built without an allocation once the buffers have grown.
fn plural_key_into(name: &str, folded: &mut String, key: &mut String) {
    folded.clear();
    crate::glossary::normalize::fold_name_into(name, folded);
    key.clear();
    for (i, w) in folded.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(singular(w));
    }
}

/// How many names [`names_of`] looks up together.
const LOOK_UPS: usize = 32;

/// From this many matches, [`names_of`] splits them (tests: small documents split too).
const NAMES_PARALLEL: usize = if cfg!(test) { 16 } else { 16_384 };

/// Every concept a document names, with its spelling's key ([`names_of`]); shared, not copied,
/// by the readings that keep it.
type Named = std::sync::Arc<NamedSet>;
/// The concepts a document names in full.
type FullNames = HashSet<ConceptId, FixedState>;

/// A set of (concept, key) pairs whose keys lie end to end in one buffer: one allocation for
/// them all rather than one per spelling, and each pair's hash kept to merge two sets.
#[derive(Clone, Default)]
pub(crate) struct NamedSet {
    keys: String,
    pairs: hashbrown::HashTable<NamedPair>,
}

/// One pair of a [`NamedSet`]: the concept, its key's place in `keys`, the pair's hash.
#[derive(Clone, Copy)]
struct NamedPair {
    hash: u64,
    concept: ConceptId,
    start: usize,
    end: usize,
}

impl NamedSet {
    fn hash(concept: ConceptId, key: &str) -> u64 {
        use std::hash::BuildHasher;
        FixedState::default().hash_one((concept, key))
    }

    fn insert(&mut self, concept: ConceptId, key: &str) {
        self.insert_hashed(Self::hash(concept, key), concept, key);
    }

    fn insert_hashed(&mut self, hash: u64, concept: ConceptId, key: &str) {
        let NamedSet { keys, pairs } = self;
        let same = |p: &NamedPair| p.concept == concept && &keys[p.start..p.end] == key;
        if let hashbrown::hash_table::Entry::Vacant(v) = pairs.entry(hash, same, |p| p.hash) {
            let start = keys.len();
            keys.push_str(key);
            v.insert(NamedPair {
                hash,
                concept,
                start,
                end: keys.len(),
            });
        }
    }

    fn contains(&self, hash: u64, concept: ConceptId, key: &str) -> bool {
        (self.pairs)
            .find(hash, |p| {
                p.concept == concept && &self.keys[p.start..p.end] == key
            })
            .is_some()
    }

    /// Every pair of `other` added.
    fn merge(&mut self, other: &NamedSet) {
        self.pairs.reserve(other.pairs.len(), |p| p.hash);
        for p in &other.pairs {
            self.insert_hashed(p.hash, p.concept, &other.keys[p.start..p.end]);
        }
    }

    fn iter(&self) -> impl Iterator<Item = (ConceptId, &str)> {
        (self.pairs.iter()).map(|p| (p.concept, &self.keys[p.start..p.end]))
    }
}

impl PartialEq for NamedSet {
    fn eq(&self, other: &Self) -> bool {
        self.pairs.len() == other.pairs.len()
            && (self.pairs.iter())
                .all(|p| other.contains(p.hash, p.concept, &self.keys[p.start..p.end]))
    }
}

impl std::fmt::Debug for NamedSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

/// The concepts a document's matches name, and those it names in full ([`Reading::names`]).
#[derive(Debug, Clone, Default)]
pub struct DocumentNames {
    named: Named,
    full_names: FullNames,
}

impl PartialEq for DocumentNames {
    fn eq(&self, other: &Self) -> bool {
        (std::sync::Arc::ptr_eq(&self.named, &other.named) || self.named == other.named)
            && self.full_names == other.full_names
    }
}

#[cfg(test)]
impl DocumentNames {
    /// The names as plain sets of (concept, key) pairs and concepts (tests' reference).
    pub(crate) fn from_sets(named: HashSet<(ConceptId, String)>, full_names: FullNames) -> Self {
        let mut set = NamedSet::default();
        for (c, k) in &named {
            set.insert(*c, k);
        }
        DocumentNames {
            named: std::sync::Arc::new(set),
            full_names,
        }
    }
}

/// The document as the chooser reads it.
pub struct Reading<'a> {
    text: &'a str,
    glossary: &'a Glossary,
    words: Option<Cow<'a, WordSet>>,
    /// Every token of the document (letters, digits, `_` and `-`), lower-case, `_` and `-`
    /// taken out: "SAELens", "transformer_lens", "mbrl-lib".
    tokens: Option<Cow<'a, WordSet>>,
    /// See [`Reading::fields`].
    fields: Option<HashSet<String>>,
    /// The concepts the document names by a full (non-acronym, several-word) name (borrowed
    /// from the kept [`DocumentNames`] by a keystroke's reading: no copy per keystroke).
    full_names: Cow<'a, HashSet<ConceptId, FixedState>>,
    /// The content words of the domains the document and its project declare.
    hints: HashSet<String>,
    /// Every concept any match of the document may name, with the name's key (folded,
    /// singular). Shared with the kept [`DocumentNames`].
    named: Cow<'a, Named>,
    baseline: Option<f32>,
    /// The document's definitions of each acronym read so far (see [`Reading::definitions`]).
    definitions: Definitions,
    /// The offsets of every `(` (see [`Reading::opens`]).
    opens: Option<std::sync::Arc<[usize]>>,
    /// The runs of three bytes of the document's tokens, when a large document is read on every
    /// core ([`resolve_all`]): most spellings [`Reading::in_other_name`] would look up hold a
    /// run none has, and are not built.
    trigrams: Option<std::sync::Arc<Trigrams>>,
    /// A buffer for the spellings [`Reading::in_other_name`] looks up and the words near an
    /// occurrence.
    scratch: String,
    /// A second buffer for [`Reading::in_other_name`].
    joined: String,
    /// What each sense finds in the whole document, by spelling and names ([`Reading::bases`]),
    /// bucketed by their hash.
    bases: HashMap<u64, Vec<BaseEntry>, FixedState>,
    /// Which of a spelling's words ([`Bases::words`]) lie near the occurrence being ranked:
    /// those marked with the current stamp, the second field ([`Reading::mark_near`]; one
    /// buffer, never cleared between occurrences).
    marks: (Vec<u32>, u32),
}

/// A spelling, its names and what their senses find in the document ([`Reading::bases`]).
type BaseEntry = (String, Vec<NameRef>, std::sync::Arc<Bases>);

/// What the senses of one spelling of one set of names find in the whole document, and the
/// words to look for near each of its occurrences ([`Reading::bases`]).
struct Bases {
    senses: Vec<Base>,
    /// The distinct words the senses share with the document ([`Base::shared`]), those the
    /// document declares left out (they are near every occurrence).
    words: Vec<String>,
    /// Each of `words` by its hash ([`word_hash`]), with its index: a word near an occurrence
    /// is looked up here (most are none of them).
    table: hashbrown::HashTable<(u64, u32)>,
    /// The first two bytes of each of `words` that starts with two ASCII letters or digits
    /// ([`pair`]): an ASCII word near an occurrence whose first two bytes, lower-cased, are
    /// none of them is none of `words`, and is passed without being looked up.
    pairs: [u64; PAIRS.div_ceil(64)],
}

/// How many pairs of ASCII letters and digits there are ([`pair`]).
const PAIRS: usize = 36 * 36;

/// The index of `b`, a lower-case ASCII letter or a digit, among 36; `None` for another byte.
fn alnum_index(b: u8) -> Option<usize> {
    match b {
        b'a'..=b'z' => Some((b - b'a') as usize),
        b'0'..=b'9' => Some(26 + (b - b'0') as usize),
        _ => None,
    }
}

/// The index of the first two bytes of `w` lower-cased among [`PAIRS`], when they are ASCII
/// letters or digits.
fn pair(w: &str) -> Option<usize> {
    match w.as_bytes() {
        [a, b, ..] => {
            Some(alnum_index(a.to_ascii_lowercase())? * 36 + alnum_index(b.to_ascii_lowercase())?)
        }
        _ => None,
    }
}

/// In [`Base::slots`], a word the document declares (a hint: near every occurrence).
const HINTED: u32 = u32::MAX;

/// What one sense of a name finds in the whole document ([`Reading::bases`]).
struct Base {
    concept: ConceptId,
    /// The signature's words the document writes (or its fields), best first.
    shared: Vec<(f32, String)>,
    /// For each of them, in that order: its index in [`Bases::words`], or [`HINTED`].
    slots: Vec<u32>,
    /// Their weights summed, in that order.
    score: f32,
    readable: bool,
    need: f32,
    /// A full name of the sense is written in the document and the occurrence is short.
    full_name: bool,
}

/// A document's acronym definitions found so far, by acronym ([`Reading::definitions`]).
pub type Definitions = HashMap<String, Vec<Definition>, FixedState>;

/// One place where the document defines an acronym: its offset, where the text that shows it
/// ends (an occurrence sees it when it lies before that), and the long form.
#[derive(Debug, Clone)]
pub struct Definition {
    at: usize,
    end: usize,
    long: String,
}

impl Definition {
    /// Moved by `delta` bytes (an edit before it that changed no definition).
    pub fn shift(&mut self, delta: isize) {
        self.at = (self.at as isize + delta) as usize;
        self.end = (self.end as isize + delta) as usize;
    }

    pub fn at(&self) -> usize {
        self.at
    }
}

impl<'a> Reading<'a> {
    pub fn new(text: &'a str, glossary: &'a Glossary, matches: &[Match]) -> Reading<'a> {
        let (named, full_names) = names_of(text, glossary, matches);
        Reading {
            text,
            glossary,
            words: None,
            tokens: None,
            fields: None,
            hints: glossary
                .domains
                .iter()
                .map(String::as_str)
                .chain(front_matter_domains(text))
                .flat_map(content_words)
                .collect(),
            full_names: Cow::Owned(full_names),
            named: Cow::Owned(named),
            baseline: None,
            definitions: Definitions::default(),
            opens: None,
            trigrams: None,
            scratch: String::new(),
            joined: String::new(),
            bases: HashMap::default(),
            marks: Default::default(),
        }
    }

    /// This reading with the document's words (its content words and [`Reading::hints`]) and
    /// tokens ([`document_tokens`]) already known: a server keeps them between edits
    /// (`analysis::reading`) instead of reading the whole text again.
    pub fn with_sets(mut self, words: &'a WordSet, tokens: &'a WordSet) -> Self {
        self.words = Some(Cow::Borrowed(words));
        self.tokens = Some(Cow::Borrowed(tokens));
        self
    }

    /// This reading with the document's acronym definitions found so far (kept between edits
    /// by `analysis::reading`); [`Reading::take_definitions`] gives them back, with the ones
    /// found since.
    pub fn with_definitions(mut self, definitions: Definitions) -> Self {
        self.definitions = definitions;
        self
    }

    pub fn take_definitions(&mut self) -> Definitions {
        std::mem::take(&mut self.definitions)
    }

    /// The names the document uses, as [`Reading::new`] found them in its matches: kept by
    /// `analysis::reading` (they change only when the matches do) and given to
    /// [`Reading::with_names`].
    pub fn names(&self) -> DocumentNames {
        DocumentNames {
            named: self.named.clone().into_owned(),
            full_names: self.full_names.clone().into_owned(),
        }
    }

    /// This reading with the names the document uses known already (see [`Reading::names`]):
    /// make it with no matches.
    pub fn with_names(mut self, names: &'a DocumentNames) -> Self {
        self.named = Cow::Borrowed(&names.named);
        self.full_names = Cow::Borrowed(&names.full_names);
        self
    }

    /// The content words of the domains the document and its project declare.
    pub fn hints(&self) -> &HashSet<String> {
        &self.hints
    }

    /// The document's words and its declared domains.
    fn words(&mut self) -> &WordSet {
        self.read_text();
        self.words.as_deref().expect("read")
    }

    /// Reads the document's words and tokens, when not known yet (both at once: one pass).
    fn read_text(&mut self) {
        if self.words.is_some() && self.tokens.is_some() {
            return;
        }
        let (words, tokens) = document_counts(self.text);
        let hints = self.hints.iter().cloned();
        self.words
            .get_or_insert_with(|| Cow::Owned(words.into_keys().chain(hints).collect()));
        self.tokens
            .get_or_insert_with(|| Cow::Owned(tokens.into_keys().collect()));
    }

    /// The categories of the concepts the document names by a full name ("deformable models"
    /// written out makes it a document about "computer vision", which speaks for every sense in
    /// that field). They support a sense, but are not counted in the baseline: they are what
    /// the glossary says of the document, not the document's own words.
    fn fields(&mut self) -> &HashSet<String> {
        let glossary = self.glossary;
        let full_names = &self.full_names;
        self.fields.get_or_insert_with(|| {
            full_names
                .iter()
                .filter_map(|id| glossary.concept(*id).category.as_deref())
                .flat_map(content_words)
                .collect()
        })
    }

    /// The distinct content words of a concept's signature with their weights (see
    /// [`signature_text`]), computed once per glossary.
    fn signature(&self, id: ConceptId) -> &'a [(String, f32)] {
        &signatures(self.glossary)[id.0 as usize]
    }

    /// The text around a range: its sentence (within its line: a list item, a table row), at
    /// most [`WINDOW`] bytes each side.
    fn around(&self, range: std::ops::Range<usize>) -> &'a str {
        let text = self.text;
        // Only the window (and a sentence mark's length) is searched: a mark farther away
        // changes nothing, and searching the whole text from every occurrence made a document
        // without "? " quadratic to read.
        let mut lo = range.start.saturating_sub(WINDOW + 2);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let before = &text.as_bytes()[lo..range.start];
        // Only a line break, `.` or `?` may end a sentence: found by `memchr`.
        let sentence_start = memchr::memrchr3_iter(b'\n', b'.', b'?', before)
            .find(|&i| sentence_mark(before, i))
            .map_or(0, |i| lo + i + 1);
        let mut hi = (range.end + WINDOW + 2).min(text.len());
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        let after = &text.as_bytes()[range.end..hi];
        let sentence_end = memchr::memchr3_iter(b'\n', b'.', b'?', after)
            .find(|&i| sentence_mark(after, i))
            .map_or(text.len(), |i| range.end + i);
        let mut start = sentence_start.max(range.start.saturating_sub(WINDOW));
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = sentence_end.min(range.end + WINDOW);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        &text[start..end]
    }

    /// How much of its signature an arbitrary concept of the glossary finds in this document
    /// (support over the signature's whole weight; the [`BASELINE_RANK`] quantile over up to
    /// [`BASELINE_SAMPLE`] concepts, taken evenly): a long document shares some words with
    /// every definition, and a sense fits only when it finds more of its own than that.
    fn baseline(&mut self) -> f32 {
        if let Some(b) = self.baseline {
            return b;
        }
        let n = self.glossary.concepts().len();
        let step = n.div_ceil(BASELINE_SAMPLE).max(1);
        let mut supports: Vec<f32> = Vec::new();
        for i in (0..n).step_by(step) {
            let id = self.glossary.concepts()[i].id;
            let (mut support, mut mass) = (0.0, 0.0);
            for (w, weight) in self.signature(id) {
                mass += weight;
                if self.words().contains(w) {
                    support += weight;
                }
            }
            if mass > 0.0 {
                supports.push(support / mass);
            }
        }
        supports.sort_by(f32::total_cmp);
        let at = ((supports.len() as f32) * BASELINE_RANK) as usize;
        let b = supports
            .get(at.min(supports.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0);
        self.baseline = Some(b);
        b
    }

    /// Every sense of `m`, best first, with its support.
    pub fn rank(&mut self, m: &Match) -> Vec<Sense> {
        self.ranked(m, true)
    }

    /// What each sense of `m` finds in the whole document (everything but the words near
    /// it): the same for every occurrence of one spelling of one set of names, so read once
    /// per document ([`Reading::bases`]).
    fn bases(&mut self, found: &str, refs: &[NameRef]) -> std::sync::Arc<Bases> {
        use std::hash::BuildHasher;
        let hash = FixedState::default().hash_one((found, refs));
        if let Some(bucket) = self.bases.get(&hash)
            && let Some((_, _, b)) = bucket.iter().find(|(f, r, _)| f == found && r == refs)
        {
            return b.clone();
        }
        let own: HashSet<String> = content_words(found).collect();
        let mut out: Vec<Base> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut table: hashbrown::HashTable<(u64, u32)> = hashbrown::HashTable::new();
        for id in allowed_concepts(self.glossary, refs) {
            let mut shared: Vec<(f32, String)> = Vec::new();
            let mut mass = 0.0;
            for (w, weight) in self.signature(id) {
                if own.contains(w) {
                    continue;
                }
                mass += weight;
                if self.words().contains(w) || self.fields().contains(w) {
                    shared.push((*weight, w.clone()));
                }
            }
            let need = MIN_SUPPORT.max(self.baseline() * mass);
            shared.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let score: f32 = shared.iter().map(|(w, _)| w).sum();
            let slots = shared
                .iter()
                .map(|(_, w)| {
                    if self.hints.contains(w) {
                        return HINTED;
                    }
                    let h = word_hash(w);
                    match table.find(h, |&(_, j)| words[j as usize] == *w) {
                        Some(&(_, j)) => j,
                        None => {
                            let j = words.len() as u32;
                            table.insert_unique(h, (h, j), |&(h, _)| h);
                            words.push(w.clone());
                            j
                        }
                    }
                })
                .collect();
            let readable = self
                .glossary
                .concept(id)
                .definitions
                .iter()
                .any(|d| !d.text.trim().is_empty());
            out.push(Base {
                concept: id,
                shared,
                slots,
                score,
                readable,
                need,
                full_name: self.full_names.contains(&id) && is_short(found),
            });
        }
        let mut pairs = [0u64; PAIRS.div_ceil(64)];
        for p in words.iter().filter_map(|w| pair(w)) {
            pairs[p / 64] |= 1 << (p % 64);
        }
        let b = std::sync::Arc::new(Bases {
            senses: out,
            words,
            table,
            pairs,
        });
        self.bases
            .entry(hash)
            .or_default()
            .push((found.to_owned(), refs.to_vec(), b.clone()));
        b
    }

    /// Marks which of the words of `bases` (see [`Bases::words`]) lie in `around`, the text
    /// near an occurrence, with a new stamp, returned: each word of the text (stop words kept,
    /// as no signature word is one) is looked up once among them.
    fn mark_near(&mut self, around: &str, bases: &Bases) -> u32 {
        let (marks, stamp) = &mut self.marks;
        *stamp = stamp.wrapping_add(1);
        if *stamp == 0 {
            // Every stamp used: the marks start again.
            marks.fill(0);
            *stamp = 1;
        }
        let stamp = *stamp;
        if bases.words.is_empty() {
            return stamp;
        }
        if marks.len() < bases.words.len() {
            marks.resize(bases.words.len(), 0);
        }
        let buf = &mut self.scratch;
        each_word(around, |w| {
            // An ASCII word is lower-cased byte for byte and made singular by its end only
            // (three letters kept at least): its first two bytes, lower-cased, are those of the
            // word looked up.
            if w.is_ascii() && pair(w).is_none_or(|p| bases.pairs[p / 64] & (1 << (p % 64)) == 0) {
                return;
            }
            if let Some(w) = any_word(w, buf)
                && let Some(&(_, j)) = bases
                    .table
                    .find(word_hash(w), |&(_, j)| bases.words[j as usize] == w)
            {
                marks[j as usize] = stamp;
            }
        });
        stamp
    }

    /// [`Reading::rank`], with the words that make each sense fit (`why`) only when asked:
    /// choosing a sense needs only the figures.
    fn ranked(&mut self, m: &Match, why: bool) -> Vec<Sense> {
        let found = &self.text[m.range.clone()];
        let bases = self.bases(found, &m.refs);
        // Words of the definition right around the occurrence count again: "Vision
        // Transformers" beside "attention", "🤗 Transformers" beside "Hugging Face".
        let around = self.around(m.range.clone());
        let stamp = self.mark_near(around, &bases);
        let marks = &self.marks.0;
        let is_near = |i: usize, b: &Base| {
            let slot = b.slots[i];
            slot == HINTED || marks[slot as usize] == stamp
        };
        let mut senses: Vec<Sense> = Vec::with_capacity(bases.senses.len());
        for b in bases.senses.iter() {
            let near_score = (0..b.shared.len())
                .filter(|&i| is_near(i, b))
                .map(|i| b.shared[i].0)
                .sum::<f32>();
            let mut score = b.score;
            let mut reasons: Vec<String> = Vec::new();
            if b.full_name {
                score += FULL_NAME;
                if why {
                    reasons.push(format!(
                        "\"{}\" is written out in this document",
                        self.glossary.concept(b.concept).display_name()
                    ));
                }
            }
            if why {
                let near_first = (0..b.shared.len())
                    .filter(|&i| is_near(i, b))
                    .map(|i| &b.shared[i])
                    .chain(&b.shared)
                    .map(|(_, w)| w);
                let mut listed: Vec<String> = Vec::new();
                for w in near_first {
                    if !listed.contains(w) && listed.len() < 4 {
                        listed.push(w.clone());
                    }
                }
                reasons.extend(listed);
            }
            senses.push(Sense {
                concept: b.concept,
                score,
                near: near_score,
                readable: b.readable,
                need: b.need,
                why: reasons,
            });
        }
        senses.sort_by(|a, b| {
            (b.score + b.near)
                .total_cmp(&(a.score + a.near))
                .then(a.concept.cmp(&b.concept))
        });
        senses
    }

    /// True when the occurrence is part of another name, a library's or a model's, not the
    /// concept itself:
    /// - glued by a hyphen to a capitalised word: "MBRL-Lib", "SAE-Vis", "DeepSpeed-MoE";
    /// - written beside a word that the document elsewhere writes joined to it as one token:
    ///   "SAE Lens" (the document has "SAELens"), "transformer lens" ("TransformerLens",
    ///   "transformer_lens"), "Hooked SAE" ("HookedSAE").
    ///
    /// A name written with inner capitals is a product's own name and stays itself inside a
    /// longer one: "DeepSpeed" in "DeepSpeed-MoE" is DeepSpeed.
    pub fn in_other_name(&mut self, m: &Match) -> bool {
        let text = self.text;
        let found = &text[m.range.clone()];
        // "DeepSpeed", "PyTorch": runs of lower case and inner capitals ("MoE", "LoRA" are
        // acronyms).
        let lower_run = found
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_lowercase());
        let inner_capital = if found.is_ascii() {
            found.bytes().skip(1).any(|b| b.is_ascii_uppercase())
        } else {
            found.chars().skip(1).any(char::is_uppercase)
        };
        let coined = lower_run && inner_capital && !found.contains([' ', '-']);
        if coined {
            return false;
        }
        let before = &text[..m.range.start];
        let after = &text[m.range.end..];
        let word_after = |s: &'a str| -> &'a str { &s[..word_end(s)] };
        let word_before = |s: &'a str| -> &'a str { &s[word_start(s)..] };
        // A capitalised word that is not an everyday word in Title Case ("Quantization-Aware
        // Training" is no product): "Lib", "Vis", "MoE".
        let capital = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.len() >= 2
                && (w.chars().skip(1).any(char::is_uppercase) || !is_everyday(w))
        };
        // Hyphen-glued: "MBRL-Lib", "DeepSpeed-MoE".
        if let Some(rest) = after.strip_prefix('-')
            && capital(word_after(rest))
        {
            return true;
        }
        if let Some(rest) = before.strip_suffix('-')
            && capital(word_before(rest))
        {
            return true;
        }
        // Spaced: "SAE Lens" where the document writes "SAELens".
        let next = after.strip_prefix(' ').map(word_after).unwrap_or("");
        let prev = before.strip_suffix(' ').map(word_before).unwrap_or("");
        if next.len() < 2 && prev.len() < 2 {
            return false;
        }
        let next_ok = next.len() >= 2 && next.chars().all(char::is_alphabetic);
        let prev_ok = prev.len() >= 2 && prev.chars().all(char::is_alphabetic);
        if !next_ok && !prev_ok {
            return false;
        }
        self.read_text();
        let tokens = self.tokens.as_deref().expect("read");
        // The joined spellings are built in one buffer (this runs at every occurrence).
        // The occurrence's own letters are built once, the word after appended to them; the
        // word before, then the own letters, in the second buffer.
        let (buf, joined) = (&mut self.scratch, &mut self.joined);
        buf.clear();
        push_own_letters(buf, found);
        let own = buf.len();
        // A joined spelling is a token only if every run of three bytes of it is some token's:
        // the two across the join are tested first (ASCII words: lower-cased byte for byte).
        let may_join = |a: u8, b: u8, c: u8| {
            self.trigrams
                .as_ref()
                .is_none_or(|t| t.may_hold(a.to_ascii_lowercase(), b.to_ascii_lowercase(), c))
        };
        let (next_ok, prev_ok) = match buf.as_bytes() {
            [] => (next_ok, prev_ok),
            [first, .., last] | [first @ last] => {
                let (n, p) = (next.as_bytes(), prev.as_bytes());
                let next_ok = next_ok
                    && (!next.is_ascii() || may_join(*last, n[0], n[1].to_ascii_lowercase()));
                let prev_ok = prev_ok
                    && (!prev.is_ascii() || may_join(p[p.len() - 2], p[p.len() - 1], *first));
                (next_ok, prev_ok)
            }
        };
        if next_ok {
            push_lower(buf, next);
            if tokens.contains(buf.as_str()) {
                return true;
            }
            buf.truncate(own);
        }
        if prev_ok {
            joined.clear();
            push_lower(joined, prev);
            joined.push_str(buf);
            if tokens.contains(joined.as_str()) {
                return true;
            }
        }
        false
    }

    /// What `m` means here.
    pub fn meaning(&mut self, m: &Match) -> Meaning {
        let candidates = allowed_of(self.glossary, m);
        // No sense to choose: nothing to read (not even whether it is inside another name).
        if candidates.is_empty() || self.in_other_name(m) {
            return Meaning::Unknown;
        }
        self.meaning_of(m, &candidates)
    }

    /// [`Reading::meaning`] of an occurrence not inside another name whose preferred and
    /// admitted names name `candidates`.
    fn meaning_of(&mut self, m: &Match, candidates: &[ConceptId]) -> Meaning {
        let found = &self.text[m.range.clone()];
        if candidates.len() == 1 && !is_short(found) {
            return Meaning::Decided(candidates[0]);
        }
        if candidates.is_empty() {
            return Meaning::Unknown;
        }
        if is_acronym_like(found) {
            match self.defined_here(found, m.range.start, candidates) {
                Some(Some(id)) => return Meaning::Decided(id),
                Some(None) => return Meaning::Unknown,
                None => {}
            }
        }
        if let [common] = self.common_in_title(m, candidates)[..] {
            return Meaning::Decided(common);
        }
        let informative = self.words().len() >= INFORMATIVE;
        if informative && self.alone(found, candidates) {
            return Meaning::Unknown;
        }
        let ranked = self.ranked(m, false);
        decide(&ranked, informative)
    }

    /// The senses of `m` named in lower case, when `m` is a capitalised word ("Transformers")
    /// whose capital is a title's, not a proper noun's: it stands in a title written in Title
    /// Case ([`title_case`]) after a capitalised modifier — "Aggregating Nested Transformers",
    /// "Scaling Vision Transformers", "Quantization for Large-Scale Transformers" name the
    /// architecture, not the library named "Transformers". Empty otherwise, and when no sense
    /// (or every sense) is named in lower case.
    fn common_in_title(&self, m: &Match, candidates: &[ConceptId]) -> Vec<ConceptId> {
        let found = &self.text[m.range.clone()];
        let mut chars = found.chars();
        let capitalised =
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase());
        if !capitalised || candidates.len() < 2 {
            return Vec::new();
        }
        let common: Vec<ConceptId> = candidates
            .iter()
            .copied()
            .filter(|&id| {
                m.refs.iter().any(|r| {
                    r.concept == id && {
                        let name = self.glossary.name(*r);
                        !name.case_sensitive && !name.text.chars().any(char::is_uppercase)
                    }
                })
            })
            .collect();
        if common.is_empty() || common.len() == candidates.len() {
            return Vec::new();
        }
        let around = self.around(m.range.clone());
        let start = around.as_ptr() as usize - self.text.as_ptr() as usize;
        let before = &self.text[start..m.range.start];
        let after = &self.text[m.range.end..start + around.len()];
        if title_case(before, after) {
            common
        } else {
            Vec::new()
        }
    }

    /// True when `found` is one plain word ("transformer": no acronym, no coined name like
    /// "DeepSpeed") and no other concept of the glossary is named anywhere in the document: a
    /// document about circuits that writes "transformer" and nothing else the glossary knows is
    /// not about the glossary's transformer, whatever words its definition shares with it.
    fn alone(&self, found: &str, candidates: &[ConceptId]) -> bool {
        let plain = !is_acronym_like(found)
            && !found.contains([' ', '-'])
            && !found.chars().skip(1).any(char::is_uppercase);
        // The key only for a plain word: "SAM", asked here ~40k times in 10 MB, is never one.
        if !plain {
            return false;
        }
        let key = plural_key(found);
        self.named
            .iter()
            .all(|(c, k)| k == key || candidates.contains(&c))
    }

    /// Every definition of acronym `short` in the whole document, by offset: "long form (SAE)",
    /// "long form (SAEs)" and "SAE (long form)". Found once per acronym and document (looking
    /// back from each occurrence made a check quadratic in the document's length).
    fn definitions(&mut self, short: &str) -> &[Definition] {
        let text = self.text;
        // Looked up first: an acronym is written over and over, its key built once.
        if self.definitions.contains_key(short) {
            return &self.definitions[short];
        }
        let opens = self.opens();
        self.definitions
            .entry(short.to_owned())
            .or_insert_with(|| definitions_in(text, &opens, short))
    }

    /// Where the document opens a parenthesis (every definition has one), found once.
    fn opens(&mut self) -> std::sync::Arc<[usize]> {
        let text = self.text;
        self.opens
            .get_or_insert_with(|| memchr::memchr_iter(b'(', text.as_bytes()).collect())
            .clone()
    }

    /// The document's own definition of acronym `found` nearest before `at`: `Some(Some(id))`
    /// when it is a sense's, `Some(None)` when it is something else, `None` when there is none.
    fn defined_here(
        &mut self,
        found: &str,
        at: usize,
        candidates: &[ConceptId],
    ) -> Option<Option<ConceptId>> {
        let short = found.trim_end_matches('s');
        // Up to the occurrence and the "(" or ")" around it.
        let end = self.text.len().min(at + found.len() + 2);
        let defs = self.definitions(short);
        // The last definition that lies wholly before `end` (sorted by offset; the few that
        // start before `end` but reach past it are stepped over).
        let before = defs.partition_point(|d| d.at < end);
        let best = defs[..before]
            .iter()
            .rev()
            .find(|d| d.end <= end)
            .map(|d| (d.at, d.long.clone()));
        let (_, long) = best?;
        let key = plural_key(&long);
        let names_it = |id: &ConceptId| {
            let c = self.glossary.concept(*id);
            c.names.iter().any(|n| {
                plural_key(&n.text) == key
                    || n.expansion.as_deref().map(plural_key) == Some(key.clone())
            })
        };
        Some(candidates.iter().copied().find(names_it))
    }
}

/// Where the word that `s` starts with ends: the first character that is no letter or digit
/// (ASCII tested by byte), or the end.
fn word_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    match bytes.iter().position(|b| !b.is_ascii_alphanumeric()) {
        None => s.len(),
        Some(i) if bytes[i].is_ascii() => i,
        Some(i) => {
            i + s[i..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(s.len() - i)
        }
    }
}

/// Where the word that `s` ends with starts: past the last character that is no letter or
/// digit (ASCII tested by byte), or 0.
fn word_start(s: &str) -> usize {
    let bytes = s.as_bytes();
    match bytes.iter().rposition(|b| !b.is_ascii_alphanumeric()) {
        None => 0,
        Some(i) if bytes[i].is_ascii() => i + 1,
        Some(_) => s
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| i + s[i..].chars().next().map_or(1, char::len_utf8)),
    }
}

/// Which runs of three bytes a document's tokens hold, hashed into a set of bits: a run not
/// held is in no token ([`Reading::in_other_name`]).
pub(crate) struct Trigrams(Vec<u64>);

/// How many bits [`Trigrams`] has, as a power of two.
const TRIGRAM_BITS: u32 = 18;

impl Trigrams {
    fn of(tokens: &WordSet) -> Trigrams {
        let mut bits = vec![0u64; 1 << (TRIGRAM_BITS - 6)];
        for t in tokens {
            for w in t.as_bytes().windows(3) {
                let i = Trigrams::index(w[0], w[1], w[2]);
                bits[i / 64] |= 1 << (i % 64);
            }
        }
        Trigrams(bits)
    }

    fn index(a: u8, b: u8, c: u8) -> usize {
        let x = u32::from(a) | (u32::from(b) << 8) | (u32::from(c) << 16);
        (x.wrapping_mul(0x9E37_79B1) >> (32 - TRIGRAM_BITS)) as usize
    }

    /// False when no token holds the bytes `a`, `b`, `c` one after the other.
    fn may_hold(&self, a: u8, b: u8, c: u8) -> bool {
        let i = Trigrams::index(a, b, c);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A word's hash, for looking it up among the words near an occurrence.
fn word_hash(w: &str) -> u64 {
    use std::hash::BuildHasher;
    FixedState::default().hash_one(w)
}

/// Calls `f` with each word of `text` of three bytes or more (a run of letters and digits, as
/// `text.split(|c: char| !c.is_alphanumeric())` cuts them; shorter ones are no content word):
/// a byte loop, ASCII tested by byte.
fn each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    let (mut i, mut start) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let (part, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().expect("a char boundary");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if !part {
            if i - start >= 3 {
                f(&text[start..i]);
            }
            start = i + len;
        }
        i += len;
    }
    if bytes.len() - start >= 3 {
        f(&text[start..]);
    }
}

/// True when `bytes[i]` ends a sentence for [`Reading::around`]: a line break, or `.` or `?`
/// followed by a space.
fn sentence_mark(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' => true,
        b'.' | b'?' => bytes.get(i + 1) == Some(&b' '),
        _ => false,
    }
}

/// Every definition of acronym `short` in `text`, by offset ([`Reading::definitions`]): "long
/// form (SAE)", "long form (SAEs)" and "SAE (long form)", found at the parentheses `opens`
/// (the offsets of every `(`) instead of searching the text for each form.
fn definitions_in(text: &str, opens: &[usize], short: &str) -> Vec<Definition> {
    let bytes = text.as_bytes();
    let mut defs = Vec::new();
    let short_bytes = short.as_bytes();
    for &p in opens {
        // Most parentheses neither start with the acronym nor follow it and a space: one byte
        // each side tells.
        if let (Some(first), Some(last)) = (short_bytes.first(), short_bytes.last()) {
            let starts = bytes.get(p + 1) == Some(first);
            let follows = p >= 2 && bytes[p - 1] == b' ' && bytes[p - 2] == *last;
            if !starts && !follows {
                continue;
            }
        }
        // "long form (SAE)", "long form (SAEs)".
        let after = &bytes[p + 1..];
        if let Some(rest) = after.strip_prefix(short.as_bytes()) {
            let close = if rest.starts_with(b")") {
                Some(1)
            } else if rest.starts_with(b"s)") {
                Some(2)
            } else {
                None
            };
            if let Some(close) = close {
                let start = text[..p].rfind(['\n', '.', ';', '(']).map_or(0, |i| i + 1);
                if let Some(long) = long_form_before(short, &text[start..p]) {
                    defs.push(Definition {
                        at: p,
                        end: p + 1 + short.len() + close,
                        long: long.to_owned(),
                    });
                }
            }
        }
        // "SAM (Segment Anything Model)": the acronym and a space before the parenthesis.
        let Some(at) = p.checked_sub(short.len() + 1) else {
            continue;
        };
        if bytes[p - 1] != b' ' || &bytes[at..p - 1] != short.as_bytes() {
            continue;
        }
        let inner_start = p + 1;
        if let Some(close) = text[inner_start..].find(')') {
            let inner = &text[inner_start..inner_start + close];
            if abbreviates(short, inner) {
                defs.push(Definition {
                    at,
                    end: inner_start,
                    long: inner.to_owned(),
                });
            }
        }
    }
    // By offset (a definition of each form lies at another offset).
    defs.sort_by_key(|d| d.at);
    defs
}

/// The values of `domains:` (or `domain:`) in a document's front matter: a `---` block at its
/// very top, the key's value inline (`domains: [failure analysis, packaging]`) or as the list
/// items below it.
fn front_matter_domains(text: &str) -> Vec<&str> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut in_key = false;
    for line in rest.lines() {
        let line = line.trim_end();
        if line == "---" || line == "..." {
            break;
        }
        if let Some(item) = line.trim_start().strip_prefix("- ")
            && in_key
            && line.starts_with([' ', '-'])
        {
            out.push(item.trim().trim_matches(['"', '\'']));
            continue;
        }
        in_key = false;
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if !matches!(key.trim(), "domains" | "domain") {
            continue;
        }
        let value = value.trim().trim_start_matches('[').trim_end_matches(']');
        if value.is_empty() {
            in_key = true;
        }
        out.extend(
            value
                .split(',')
                .map(|v| v.trim().trim_matches(['"', '\'']))
                .filter(|v| !v.is_empty()),
        );
    }
    out
}

/// True when `m` reads as the first occurrence of its names does ([`resolve`]'s cache): a name
/// of one concept, no acronym. Acronyms (a definition may come in between) and names of several
/// concepts (their neighbourhood counts) are read per occurrence.
pub fn read_by_name(text: &str, glossary: &Glossary, m: &Match) -> bool {
    !is_acronym_like(&text[m.range.clone()]) && allowed_concepts(glossary, &m.refs).len() <= 1
}

/// True when `m` has a sense to choose: a preferred or admitted name. An occurrence of only
/// deprecated or forbidden names is house style, kept as it is and never read.
pub fn has_sense(_glossary: &Glossary, m: &Match) -> bool {
    // The match's statuses are its names' (no look-up of each name: a glossary of 100,000
    // concepts is mostly out of the cache).
    m.statuses.contains(Status::Preferred) || m.statuses.contains(Status::Admitted)
}

/// [`allowed_concepts`] of a match: none, without looking its names up, when its statuses say
/// it has no preferred or admitted name ([`has_sense`]).
fn allowed_of(glossary: &Glossary, m: &Match) -> Vec<ConceptId> {
    if has_sense(glossary, m) {
        allowed_concepts(glossary, &m.refs)
    } else {
        Vec::new()
    }
}

/// The tokens [`Reading::in_other_name`] looks joined names up in: letters, digits, `_` and `-`,
/// four bytes or more, lower-case, `_` and `-` taken out. It looks up an occurrence's own
/// letters ([`own_letters`]) joined to a word before or after it.
pub(crate) fn document_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_token_char(c))
        .filter(|t| t.len() >= 4)
        .map(token)
}

/// Letters, digits, `_` and `-`: what [`document_tokens`] are made of.
#[inline]
fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// A token as [`document_tokens`] keeps it: lower-case, `_` and `-` taken out.
fn token(t: &str) -> String {
    t.replace(['_', '-'], "").to_lowercase()
}

/// Appends `s` lower-cased to `buf`.
fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let at = buf.len();
        buf.push_str(s);
        buf[at..].make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
}

/// Appends [`own_letters`] of `found` to `buf` (no allocation for an ASCII spelling: its runs
/// of letters and digits copied whole, then lower-cased).
fn push_own_letters(buf: &mut String, found: &str) {
    if found.is_ascii() {
        for part in found.split(|c: char| !c.is_ascii_alphanumeric()) {
            push_lower(buf, part);
        }
    } else {
        buf.push_str(&own_letters(found));
    }
}

/// An occurrence's letters and digits, lower-case, as [`Reading::in_other_name`] joins them.
pub(crate) fn own_letters(found: &str) -> String {
    found
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// A name that needs the document's support: an acronym, or one word.
fn is_short(found: &str) -> bool {
    is_acronym_like(found) || !found.trim().contains([' ', '-'])
}

/// The distinct concepts an occurrence may mean through preferred or admitted names.
fn allowed_concepts(glossary: &Glossary, refs: &[NameRef]) -> Vec<ConceptId> {
    crate::analysis::rules::senses(glossary, refs)
}

/// True when a word between `before` and `after` (the text of its sentence on either side)
/// stands in a title written in Title Case after a capitalised modifier: within the stretch
/// between punctuation, every word is capitalised or a short function word, there are three
/// capitalised words at least (the word included: "Install Transformers" is too short to
/// tell), and the word right before it is capitalised, not an acronym ("HF"), not a coined
/// name ("HuggingFace") and not a function word ("The").
fn title_case(before: &str, after: &str) -> bool {
    const FUNCTION: [&str; 18] = [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
        "to", "via", "vs", "with",
    ];
    // Punctuation ends a title; a hyphen only between spaces (inside a word it joins one).
    let stop = |c: char| ".,:;!?/|()[]{}<>*#\"`“”–—".contains(c);
    // Past the last stop (a character of one to three bytes: "—").
    let before = match before.char_indices().rfind(|&(_, c)| stop(c)) {
        Some((i, c)) => &before[i + c.len_utf8()..],
        None => before,
    };
    let before = before.rsplit(" - ").next().unwrap_or(before);
    let after = after.find(stop).map_or(after, |i| &after[..i]);
    let after = after.split(" - ").next().unwrap_or(after);
    let capitalised = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let words: Vec<&str> = before
        .split_whitespace()
        .chain(after.split_whitespace())
        .collect();
    if !words.iter().all(|w| capitalised(w) || FUNCTION.contains(w)) {
        return false;
    }
    if words.iter().filter(|w| capitalised(w)).count() + 1 < 3 {
        return false;
    }
    let Some(modifier) = before.split_whitespace().next_back() else {
        return false;
    };
    // Capitals only at the start of each hyphenated part ("Large-Scale", not "HuggingFace").
    let plain = modifier.split('-').all(|part| {
        let mut cs = part.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.all(char::is_lowercase)
    });
    plain
        && modifier.chars().next().is_some_and(char::is_uppercase)
        && !FUNCTION.contains(&modifier.to_lowercase().as_str())
}

/// The meaning of ranked senses: the best one when it clearly leads, every sense that fits
/// when none leads, nothing when none fits.
fn decide(ranked: &[Sense], informative: bool) -> Meaning {
    let Some(best) = ranked.first() else {
        return Meaning::Unknown;
    };
    if ranked.len() == 1 {
        let fits = !informative || !best.readable || best.score + best.near >= best.need;
        return if fits {
            Meaning::Decided(best.concept)
        } else {
            Meaning::Unknown
        };
    }
    let leads = |a: f32, b: f32, ratio: f32| a - b >= MARGIN && a >= ratio * b;
    // The neighbourhood decides first; the whole document when the neighbourhood is silent.
    let by_near = top_two(ranked, |s| s.near);
    if by_near[0].near >= MIN_SUPPORT && leads(by_near[0].near, by_near[1].near, RATIO) {
        return Meaning::Decided(by_near[0].concept);
    }
    // Over the whole document a sense is measured against what it needs: a long definition
    // shares more words with any document than a short one.
    let fit = |s: &Sense| s.score / s.need.max(MIN_SUPPORT);
    let by_doc = top_two(ranked, fit);
    // No sense fits — unless a sense has no definition to judge it by (a house glossary's
    // acronym): then the document cannot rule it out.
    let any_unreadable = ranked.iter().any(|s| !s.readable);
    let none_fits = ranked.iter().all(|s| s.score + s.near < s.need);
    if none_fits && informative && !any_unreadable {
        return Meaning::Unknown;
    }
    if fit(by_doc[0]) >= 1.0 && fit(by_doc[0]) >= DOC_RATIO * fit(by_doc[1]) {
        return Meaning::Decided(by_doc[0].concept);
    }
    Meaning::Ambiguous(
        ranked
            .iter()
            .filter(|s| s.score + s.near >= s.need || !s.readable || none_fits)
            .map(|s| s.concept)
            .collect(),
    )
}

/// The first two of `ranked` (two or more senses) sorted by `key`, greatest first, as a
/// stable sort puts them (of equal keys the earlier one first); no sort, no allocation (this
/// runs at every occurrence ranked).
fn top_two(ranked: &[Sense], key: impl Fn(&Sense) -> f32) -> [&Sense; 2] {
    use std::cmp::Ordering::Greater;
    let first = (1..ranked.len()).fold(0, |best, i| {
        if key(&ranked[i]).total_cmp(&key(&ranked[best])) == Greater {
            i
        } else {
            best
        }
    });
    let second = (0..ranked.len())
        .filter(|&i| i != first)
        .reduce(|best, i| {
            if key(&ranked[i]).total_cmp(&key(&ranked[best])) == Greater {
                i
            } else {
                best
            }
        })
        .expect("two senses or more");
    [&ranked[first], &ranked[second]]
}

/// `resolve` for the one match a request is about (a hover), read against the whole
/// document: `None` when no sense fits. Also returns the reading, for `rank`.
pub fn resolve_one<'a>(
    text: &'a str,
    glossary: &'a Glossary,
    matches: &[Match],
    m: &Match,
) -> (Option<Match>, Reading<'a>) {
    resolve_one_in(Reading::new(text, glossary, matches), m)
}

/// [`resolve_one`] with a reading made already (one that knows the document's words:
/// `analysis::reading`).
pub fn resolve_one_in<'a>(mut reading: Reading<'a>, m: &Match) -> (Option<Match>, Reading<'a>) {
    let meaning = reading.meaning(m);
    (narrow(reading.glossary, m, &meaning), reading)
}

/// A match with no sense to choose (no candidate: only deprecated or forbidden names) as it
/// reads: [`narrow`] with no meaning keeps exactly those names, so the match itself (no look-up
/// of each name).
fn unread(glossary: &Glossary, m: &Match) -> Option<Match> {
    if has_sense(glossary, m) {
        // Candidates with no preferred or admitted name: the statuses do not say the names.
        return narrow(glossary, m, &Meaning::Unknown);
    }
    (!m.refs.is_empty()).then(|| m.clone())
}

/// `m` with only the names of its meaning (deprecated and forbidden names always kept), best
/// sense first; `None` when nothing is left.
fn narrow(glossary: &Glossary, m: &Match, meaning: &Meaning) -> Option<Match> {
    let keep = |r: &NameRef| {
        let st = glossary.name(*r).status;
        let styled = matches!(st, Status::Deprecated | Status::Forbidden);
        styled
            || match meaning {
                Meaning::Decided(id) => r.concept == *id,
                Meaning::Ambiguous(ids) => ids.contains(&r.concept),
                Meaning::Unknown => false,
            }
    };
    let mut refs: Vec<NameRef> = m.refs.iter().copied().filter(keep).collect();
    if refs.is_empty() {
        return None;
    }
    if let Meaning::Ambiguous(ids) = meaning {
        // Best sense first: the order hovers and messages list them in.
        refs.sort_by_key(|r| ids.iter().position(|id| *id == r.concept));
    }
    let mut statuses = crate::glossary::StatusSet::default();
    for r in &refs {
        statuses.insert(glossary.name(*r).status);
    }
    Some(Match {
        range: m.range.clone(),
        refs,
        statuses,
    })
}

/// The matches of a document as its reader means them: each occurrence's names narrowed to the
/// chosen sense (or the competing ones), occurrences no sense fits dropped. Deprecated and
/// forbidden names are kept as they are.
pub fn resolve(text: &str, glossary: &Glossary, matches: &[Match]) -> Vec<Match> {
    let mut reading = Reading::new(text, glossary, matches);
    resolve_all(&mut reading, matches)
        .into_iter()
        .flatten()
        .collect()
}

/// Below this many matches a document is read on one core (tests read small documents in
/// pieces too, so that the random documents check the pieces against the plain reading).
const PARALLEL: usize = if cfg!(test) { 8 } else { 4096 };

impl<'a> Reading<'a> {
    /// A reading of the same document for another core: the document's words, fields and
    /// baseline read already (by this one) and borrowed; its own caches.
    fn fork(&self) -> Reading<'_> {
        Reading {
            text: self.text,
            glossary: self.glossary,
            words: self.words.as_deref().map(Cow::Borrowed),
            tokens: self.tokens.as_deref().map(Cow::Borrowed),
            fields: self.fields.clone(),
            full_names: Cow::Borrowed(&*self.full_names),
            hints: self.hints.clone(),
            named: Cow::Borrowed(&*self.named),
            baseline: self.baseline,
            definitions: self.definitions.clone(),
            opens: self.opens.clone(),
            trigrams: self.trigrams.clone(),
            scratch: String::new(),
            joined: String::new(),
            bases: HashMap::default(),
            marks: Default::default(),
        }
    }
}

/// The index of the first match of each name list read by name ([`Slot::ByName`]).
type Firsts<'m> = HashMap<&'m [NameRef], usize, FixedState>;

/// What the first pass of [`resolve_all`] makes of a match.
enum Slot {
    Read(Option<Match>),
    /// Read as the first occurrence of its names (not inside another name) reads.
    ByName,
}

/// Every match of `matches` as the document reads it ([`resolve_each`] with every match
/// wanted), by index. A large document is read on every core: each piece of the matches by a
/// [`Reading::fork`], except the names of one concept that are no acronym, which read as
/// their first occurrence does and are read in order afterwards (one reading per name).
pub fn resolve_all(reading: &mut Reading<'_>, matches: &[Match]) -> Vec<Option<Match>> {
    // A few pieces per core, so that a core done early takes another one.
    let pieces = (4 * rayon::current_num_threads()).min(matches.len() / (PARALLEL / 2));
    // Matches of only deprecated or forbidden names are not read: when no match has a sense to
    // choose, the document's words are never counted (the pieces below would count them first).
    let any_to_read = || matches.iter().any(|m| has_sense(reading.glossary, m));
    if matches.len() >= PARALLEL && !any_to_read() {
        // No sense to choose anywhere: every match reads as itself, on every core.
        use rayon::prelude::*;
        let glossary = reading.glossary;
        return matches.par_iter().map(|m| unread(glossary, m)).collect();
    }
    if matches.len() < PARALLEL || pieces < 2 || !any_to_read() {
        let mut out = Vec::with_capacity(matches.len());
        resolve_each(reading, matches, |_| true, |_, m| out.push(m));
        return out;
    }
    use rayon::prelude::*;
    // What every piece needs: read once, here.
    reading.read_text();
    reading.baseline();
    reading.fields();
    reading.opens();
    reading.trigrams = Some(std::sync::Arc::new(Trigrams::of(
        reading.tokens.as_deref().expect("read"),
    )));
    let (text, glossary) = (reading.text, reading.glossary);
    let size = matches.len().div_ceil(pieces);
    let shared: &Reading<'_> = reading;
    let done: Vec<(Vec<Slot>, Definitions, Firsts<'_>)> = matches
        .par_chunks(size)
        .enumerate()
        .map(|(k, piece)| {
            let mut r = shared.fork();
            let mut firsts = Firsts::default();
            let slots = piece
                .iter()
                .enumerate()
                .map(|(j, m)| {
                    let candidates = allowed_of(glossary, m);
                    if candidates.is_empty() {
                        return Slot::Read(unread(glossary, m));
                    }
                    let meaning = if r.in_other_name(m) {
                        Meaning::Unknown
                    } else if is_acronym_like(&text[m.range.clone()]) || candidates.len() > 1 {
                        r.meaning_of(m, &candidates)
                    } else {
                        firsts.entry(&m.refs).or_insert(k * size + j);
                        return Slot::ByName;
                    };
                    Slot::Read(narrow(glossary, m, &meaning))
                })
                .collect();
            (slots, r.take_definitions(), firsts)
        })
        .collect();
    // The first occurrence of each name read by name, over the pieces (in order: the first
    // piece that has one has the first), read as the one-core reading reads it.
    let mut firsts = Firsts::default();
    let mut done: Vec<Vec<Slot>> = done
        .into_iter()
        .map(|(slots, definitions, piece_firsts)| {
            for (short, defs) in definitions {
                reading.definitions.entry(short).or_insert(defs);
            }
            for (refs, i) in piece_firsts {
                firsts.entry(refs).or_insert(i);
            }
            slots
        })
        .collect();
    let mut firsts: Vec<(usize, &[NameRef])> = firsts.into_iter().map(|(r, i)| (i, r)).collect();
    firsts.sort_unstable_by_key(|f| f.0);
    // Each name list's names narrowed once, to its first occurrence's meaning: the same for
    // every occurrence but for the range.
    let mut cache: HashMap<&[NameRef], Option<Match>, FixedState> = HashMap::default();
    for (i, refs) in firsts {
        let m = &matches[i];
        let candidates = allowed_of(glossary, m);
        let meaning = reading.meaning_of(m, &candidates);
        cache.insert(refs, narrow(glossary, m, &meaning));
    }
    // Every piece's matches put in place, those read by name narrowed to their name's meaning,
    // on every core.
    let mut out: Vec<Option<Match>> = Vec::with_capacity(matches.len());
    out.resize_with(matches.len(), || None);
    out.par_chunks_mut(size)
        .zip(done.par_iter_mut())
        .zip(matches.par_chunks(size))
        .for_each(|((out, slots), piece)| {
            for ((o, slot), m) in out.iter_mut().zip(slots.drain(..)).zip(piece) {
                *o = match slot {
                    Slot::Read(read) => read,
                    Slot::ByName => cache[&m.refs[..]].as_ref().map(|read| Match {
                        range: m.range.clone(),
                        refs: read.refs.clone(),
                        statuses: read.statuses,
                    }),
                };
            }
        });
    out
}

/// [`resolve`] with a reading made already, for the matches `wanted` picks (by index; the
/// others are skipped unless a picked one needs them): `out` gets each picked match's index
/// and what it reads as. A name of one concept reads as its first occurrence does, so a
/// caller that picks one occurrence of such a name picks them all (`analysis::reading`).
pub fn resolve_each<'m>(
    reading: &mut Reading<'_>,
    matches: &'m [Match],
    mut wanted: impl FnMut(usize) -> bool,
    mut out: impl FnMut(usize, Option<Match>),
) {
    let (text, glossary) = (reading.text, reading.glossary);
    // A name of one concept is supported by the document or not, wherever it is: cached per
    // name set. Acronyms (a definition may come in between) and names of several concepts
    // (their neighbourhood counts) are decided per occurrence.
    let mut cache: HashMap<&'m [NameRef], Meaning, FixedState> = HashMap::default();
    for (i, m) in matches.iter().enumerate() {
        if !wanted(i) {
            continue;
        }
        let candidates = allowed_of(glossary, m);
        // Only deprecated or forbidden names: whatever the reading (inside another name or
        // not), the meaning is `Unknown` (no sense to choose: `meaning_of` answers `Unknown`
        // for no candidates), which keeps exactly those names. Not read at all.
        if candidates.is_empty() {
            out(i, unread(glossary, m));
            continue;
        }
        let meaning = if reading.in_other_name(m) {
            Meaning::Unknown
        } else if is_acronym_like(&text[m.range.clone()]) || candidates.len() > 1 {
            // Not `read_by_name`: decided per occurrence.
            reading.meaning_of(m, &candidates)
        } else if let Some(known) = cache.get(&m.refs[..]) {
            known.clone()
        } else {
            let meaning = reading.meaning_of(m, &candidates);
            cache.insert(&m.refs, meaning.clone());
            meaning
        };
        out(i, narrow(glossary, m, &meaning));
    }
}

#[cfg(test)]
mod tests;
