//! Entries of the pages that define one concept under different heads are given one term, so
//! the [`Glossary`](crate::glossary::Glossary) merges them (it merges entries by term).
//!
//! Two entries are the same concept when
//! - a name of one (term or alias) is a name of the other, once a generic last word is set
//!   aside (the title "Sparse Autoencoders for Interpretability" of `sparse autoencoder,sae`
//!   is the head of `sparse autoencoders for interpretability`);
//! - their terms are the same name once a generic last word is set aside: `transformer
//!   architecture` and `transformer`, `scaling law` and `scaling laws`, `sparse attention
//!   mechanisms` and `sparse attention` (see [`GENERIC_LAST`]);
//! - they have the same acronym for the same expansion: three entries define DDPM, written
//!   `ddpm, ddpm`, `denoising diffusion probabilistic models (ddpm)` and
//!   `denoising,diffusion,probabilistic,model,DDPM`;
//! - one's term is an acronym that only one other entry has (`ddpm` is DDPM).
//!
//! A group's term is its shortest name without the generic word, spelled as a title writes it
//! ("DeepSpeed" from `deepspeed framework` titled "DeepSpeed framework"); the longer terms stay
//! as names ("DeepSpeed framework").

use std::collections::HashMap;

use super::abbrev::plural_key;
use super::names;
use crate::glossary::{Entry, Name, NameKind, Status, fold_name, is_acronym_like};

/// Last words that only say what kind of thing a name is: the name without them is the same
/// concept ("DeepSpeed framework" is DeepSpeed). Never "library" or "model": the Transformers
/// library is not the Transformer, a diffusion model is not diffusion.
///
/// Not "basics", "fundamentals" or "overview" either: "Deep Learning Basics" is a primer, and
/// "deep learning" in a README is no glossary term.
const GENERIC_LAST: &[&str] = &[
    "architecture",
    "framework",
    "format",
    "technique",
    "method",
    "mechanism",
    "approach",
];

/// The name without a generic last word, if it has one and keeps a word.
fn without_generic(name: &str) -> Option<&str> {
    let (rest, last) = name.trim().rsplit_once([' ', '-'])?;
    let generic = GENERIC_LAST.contains(&plural_key(last).as_str());
    (generic && !rest.trim().is_empty()).then(|| rest.trim())
}

/// The key that two names of one concept share.
fn key(term: &str) -> String {
    plural_key(without_generic(term).unwrap_or(term))
}

struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        self.0[i] = r;
        r
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Gives entries of one concept one term (in place).
pub fn merge_duplicates(entries: &mut [Entry]) {
    let mut sets = Sets((0..entries.len()).collect());
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_acronym: HashMap<(String, String), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        // One-word aliases are left out: "Transformers" names the library and is the plural
        // of the architecture.
        let aliases = e
            .names
            .iter()
            .filter(|n| n.kind == NameKind::Alias && n.text.contains([' ', '-']));
        for name in std::iter::once(e.term.as_str()).chain(aliases.map(|n| n.text.as_str())) {
            if let Some(j) = by_key.insert(key(name), i) {
                sets.union(i, j);
            }
        }
        for n in e.names.iter().filter(|n| n.kind == NameKind::Acronym) {
            if let Some(x) = &n.expansion {
                let k = (str::to_uppercase(&n.text), plural_key(x));
                if let Some(j) = by_acronym.insert(k, i) {
                    sets.union(i, j);
                }
            }
        }
    }
    // A term that is an acronym joins the one group that has it.
    for i in 0..entries.len() {
        if !is_acronym_like(&entries[i].term) {
            continue;
        }
        let upper = entries[i].term.to_uppercase();
        let mut owners: Vec<usize> = Vec::new();
        for (j, other) in entries.iter().enumerate() {
            let has = other
                .names
                .iter()
                .any(|n| n.kind == NameKind::Acronym && n.text.to_uppercase() == upper);
            let root = sets.find(j);
            if has && j != i && !owners.contains(&root) {
                owners.push(root);
            }
        }
        if let [owner] = owners[..] {
            sets.union(i, owner);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..entries.len() {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    // Every name of every entry, by group: a subject word that is another concept's name is not
    // taken.
    let mut named: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let root = sets.find(i);
        for n in std::iter::once(e.term.as_str()).chain(e.names.iter().map(|n| n.text.as_str())) {
            named.entry(plural_key(n)).or_insert(root);
        }
    }
    for (root, members) in &groups {
        let term = group_term(entries, members);
        for &i in members {
            rename(&mut entries[i], &term);
        }
        // A one-word term that the group's definitions write as an ordinary word is only
        // searched, never matched ("safety", "sparsity", "debate").
        let bodies: Vec<String> = members
            .iter()
            .filter_map(|&i| entries[i].definition.as_ref().map(|d| d.text.clone()))
            .collect();
        let bodies: Vec<&str> = bodies.iter().map(String::as_str).collect();
        if names::is_common_word(&term, &bodies.join("\n")) {
            for &i in members {
                entries[i].search_only = true;
            }
        }
        // "Model Quantization" is about "quantization".
        if let Some(word) = names::subject_word(&term, &bodies)
            && named
                .get(&plural_key(&word))
                .is_none_or(|owner| owner == root)
        {
            let first = &mut entries[members[0]];
            if !first
                .names
                .iter()
                .any(|n| fold_name(&n.text) == fold_name(&word))
            {
                let kind = if is_acronym_like(&word) {
                    NameKind::Acronym
                } else {
                    NameKind::Alias
                };
                first.names.push(Name::new(word, Status::Admitted, kind));
            }
        }
        // The title that spells the group's term is the concept's display.
        let shown = members
            .iter()
            .map(|&i| entries[i].display.clone())
            .find(|d| !d.is_empty() && plural_key(d) == plural_key(&term));
        if let Some(d) = shown {
            for &i in members {
                entries[i].display = d.clone();
            }
        }
    }
}

/// The term of a group: its shortest non-acronym name once generic words are set aside,
/// spelled as a title writes it when a title does.
fn group_term(entries: &[Entry], members: &[usize]) -> String {
    let candidates = members.iter().map(|&i| &entries[i]).filter(|e| {
        !is_acronym_like(&e.term) || members.iter().all(|&j| is_acronym_like(&entries[j].term))
    });
    let best = candidates
        .min_by_key(|e| {
            let k = key(&e.term);
            (k.split(' ').count(), k.len())
        })
        .unwrap_or(&entries[members[0]]);
    let stripped = without_generic(&best.term).unwrap_or(&best.term);
    // "DeepSpeed framework" titles `deepspeed framework`: the term is "DeepSpeed".
    for &i in members {
        let d = &entries[i].display;
        let d = without_generic(d).unwrap_or(d);
        let spelled = names::title_name(d);
        if !d.is_empty()
            && plural_key(d) == plural_key(stripped)
            && spelled != spelled.to_lowercase()
        {
            return spelled;
        }
    }
    stripped.to_owned()
}

/// Gives `e` the term `term`; its old term stays as a name when it is the term plus a generic
/// word or another spelling of it, else becomes a keyword.
fn rename(e: &mut Entry, term: &str) {
    if e.term == term {
        return;
    }
    let old = std::mem::replace(&mut e.term, term.to_owned());
    e.case_sensitive = is_acronym_like(term);
    if fold_name(&old) != fold_name(term) && !e.names.iter().any(|n| n.text == old) {
        if is_acronym_like(&old) {
            e.names
                .push(Name::new(old, Status::Admitted, NameKind::Acronym));
        } else if key(&old) == key(term) {
            e.names
                .push(Name::new(old, Status::Admitted, NameKind::Alias));
        } else if !e.keywords.contains(&old) {
            e.keywords.push(old);
        }
    }
    e.names.retain(|n| fold_name(&n.text) != fold_name(term));
}
