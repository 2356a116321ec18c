//! Merging [`Entry`] values into a [`Glossary`]: entries with the same head term (compared
//! folded) become one [`Concept`], and a name a concept already has is merged into it.
//!
//! Linear in the entries' size whatever their names (issue 9): the head term and every name are
//! found through hash maps, never by walking a concept's names or a name's concepts, so one
//! concept with 100,000 names, or one alias shared by 100,000 concepts, costs what as many
//! ordinary names cost. The name index the glossary keeps (`by_name`) is built as names arrive,
//! and each name's folded form is computed once and stored once, as that index's key.

use super::ThinStr;
use super::index::{KeysBuilder, NameIndex};
use super::{
    Casing, Concept, ConceptId, Entry, FastMap, Glossary, Name, NameKind, NameRef, Refs, Status,
    ThinVec, fold_name, is_acronym_like,
};
use std::hash::BuildHasher;

/// A name's index in `GlossaryBuilder::chain`, or none.
const NONE: u32 = u32::MAX;

/// A folded name standing for at most this many names is searched for a duplicate by walking
/// its names; one standing for more (an alias shared by many concepts) has its names indexed
/// by concept in `GlossaryBuilder::own`.
const SHORT: usize = 16;

#[derive(Default)]
pub(super) struct GlossaryBuilder {
    /// Their `names` empty until `finish`: a concept's names grow in `names` meanwhile.
    concepts: Vec<Concept>,
    /// Each concept's names (by id), boxed into its `Concept::names` by `finish`.
    names: Vec<Vec<Name>>,
    /// Folded name → every name that folds to it. While building, a key's refs are in the order
    /// the names arrived, with the concept whose head term it is (at most one) first; `finish`
    /// sorts them.
    by_name: KeysBuilder,
    /// For the folded names standing for more than [`SHORT`] names: (concept, hash of the
    /// folded name) → that concept's last name with this hash, in `chain`.
    own: FastMap<(ConceptId, u64), u32>,
    /// The names `own` indexes: each one's ref and the concept's previous name with the same
    /// hash (`NONE`), the few names a new name of that concept could be a duplicate of.
    chain: Vec<(NameRef, u32)>,
    hasher: foldhash::fast::FixedState,
    /// Names compared while looking for duplicates: the structural measure of the merge's cost
    /// (a test holds it linear).
    pub(super) compared: usize,
}

impl GlossaryBuilder {
    /// Room for `entries` entries holding `names` names in all, head terms included (at most
    /// that many keys): the name index's table is sized once, not doubled as names arrive
    /// (issue 9: at 2M names, a rehash of 2M keys and a 10 MB table dropped mid-merge).
    pub(super) fn reserve(&mut self, entries: usize, names: usize) {
        self.concepts.reserve(entries);
        self.names.reserve(entries);
        self.by_name.reserve(names.max(entries));
    }

    pub(super) fn add(&mut self, entry: Entry) {
        let key = fold_name(&entry.term);
        if key.is_empty() {
            return;
        }
        let head_of = |refs: &Refs| refs.as_slice().first().filter(|r| r.name == 0).copied();
        let id = match self.by_name.get(&key).and_then(head_of) {
            Some(r) => r.concept,
            None => {
                let id = ConceptId(self.concepts.len() as u32);
                let mut head = Name::new(entry.term.clone(), Status::Preferred, NameKind::Term);
                head.case_sensitive = entry.case_sensitive || is_acronym_like(&entry.term);
                if head.case_sensitive && is_acronym_like(&entry.term) {
                    head.kind = NameKind::Acronym;
                }
                head.matched = !entry.search_only;
                head = head.with_auto_casing();
                self.concepts.push(Concept {
                    id,
                    display: ThinStr::default(),
                    category: None,
                    names: Box::default(),
                    keywords: ThinVec::new(),
                    definitions: ThinVec::new(),
                    reason: None,
                    see_also: ThinVec::new(),
                    established: false,
                    examples: ThinVec::new(),
                });
                // Room for the entry's names: a concept's `Vec` grown from one name to four
                // was a third of a 1M-name glossary's merge memory.
                let own = entry.names.iter().filter(|n| n.kind != NameKind::Term);
                let mut names = Vec::with_capacity(1 + own.count());
                names.push(head);
                self.names.push(names);
                self.index(id, 0, &key, true);
                id
            }
        };
        let c = &mut self.concepts[id.0 as usize];
        let names = &mut self.names[id.0 as usize];
        // One entry that matches its head is enough: the concept's head matches.
        if !entry.search_only {
            names[0].matched = true;
        }
        // A head written with its casing ("TorchScript", from the shipped style rules) re-cases
        // one written all in lowercase (the corpus pages' headers): same name, better spelling.
        let head = &mut names[0];
        if head.casing == Casing::Any
            && !head.case_sensitive
            && Casing::of(&entry.term) != Casing::Any
            && head.text == head.text.to_lowercase()
        {
            head.text = entry.term.as_str().into();
            head.casing = Casing::of(&entry.term);
        }
        if let Some(carrier) = entry.names.iter().find(|n| {
            n.kind == NameKind::Term && (n.text == entry.term || fold_name(&n.text) == key)
        }) {
            names[0].casing = carrier.casing;
            names[0].exact_separators = carrier.exact_separators;
            names[0].plural = carrier.plural;
            // A head that is itself to be avoided (a Vale `reject.txt` word, a TBX concept with
            // only deprecated terms): flagged with no replacement.
            if carrier.status > names[0].status {
                names[0].status = carrier.status;
            }
        }
        if c.display.is_empty() && !entry.display.is_empty() {
            c.display = entry.display.into();
        }
        if c.category.is_none() {
            c.category = entry.category.map(ThinStr::from);
        }
        if c.reason.is_none() {
            c.reason = entry.reason.map(ThinStr::from);
        }
        c.established |= entry.established || names[0].kind == NameKind::Acronym;
        for mut name in entry.names {
            name.matched &= !entry.search_only;
            if name.kind == NameKind::Term {
                continue;
            }
            let folded = fold_name(&name.text);
            if folded.is_empty() {
                continue;
            }
            // The same name twice (duplicated entries, "sarima, sarima"): keep the first,
            // except that a stronger status (deprecated, forbidden) wins over an admitted one.
            if let Some(i) = self.duplicate(id, &folded, &name) {
                let existing = &mut self.names[id.0 as usize][i];
                if existing.status < name.status && existing.kind != NameKind::Term {
                    existing.status = name.status;
                }
                if existing.expansion.is_none() {
                    existing.expansion = name.expansion;
                }
                existing.matched |= name.matched;
                continue;
            }
            let names = &mut self.names[id.0 as usize];
            let i = names.len() as u32;
            names.push(name);
            self.index(id, i, &folded, false);
        }
        let c = &mut self.concepts[id.0 as usize];
        for k in entry.keywords {
            if !c.keywords.iter().any(|e| e.eq_ignore_ascii_case(&k)) {
                c.keywords.push(k);
            }
        }
        for s in entry.see_also {
            if !c.see_also.contains(&s) {
                c.see_also.push(s);
            }
        }
        for s in entry.examples {
            if !c.examples.contains(&s) {
                c.examples.push(s);
            }
        }
        if let Some(d) = entry
            .definition
            .filter(|d| !c.definitions.iter().any(|e| e.text == d.text))
        {
            c.definitions.push(d);
        }
    }

    /// Records name `i` of concept `id`, folded to `folded`.
    fn index(&mut self, id: ConceptId, i: u32, folded: &str, head: bool) {
        let r = NameRef {
            concept: id,
            name: i,
        };
        let Some(refs) = self.by_name.get_mut(folded) else {
            // No room only past 4 GiB of names: the name stays out of the index.
            self.by_name.insert(folded, r);
            return;
        };
        refs.push(r, head);
        let refs = refs.as_slice();
        let hash = self.hasher.hash_one(folded);
        // Crossing into a long list: its names so far are indexed, then each new one.
        let new = if refs.len() == SHORT + 1 {
            refs
        } else if refs.len() > SHORT + 1 {
            std::slice::from_ref(&r)
        } else {
            &[]
        };
        for &r in new {
            let previous = self
                .own
                .insert((r.concept, hash), self.chain.len() as u32)
                .unwrap_or(NONE);
            self.chain.push((r, previous));
        }
    }

    /// The first name of concept `id` (in its order) that `name`, folded to `folded`, repeats:
    /// same folded text, same case sensitivity, and same text where case or separators matter.
    fn duplicate(&mut self, id: ConceptId, folded: &str, name: &Name) -> Option<usize> {
        let refs = self.by_name.get(folded)?.as_slice();
        let names = &self.names[id.0 as usize];
        let same = |n: &Name| n.case_sensitive == name.case_sensitive && n.text_eq_case(name);
        if refs.len() <= SHORT {
            self.compared += refs.len();
            return refs
                .iter()
                .filter(|r| r.concept == id && same(&names[r.name as usize]))
                .map(|r| r.name as usize)
                .min();
        }
        let hash = self.hasher.hash_one(folded);
        let mut at = self.own.get(&(id, hash)).copied().unwrap_or(NONE);
        let mut first: Option<usize> = None;
        while at != NONE {
            let (r, previous) = self.chain[at as usize];
            self.compared += 1;
            let n = &names[r.name as usize];
            // Another folded name with the same hash is no duplicate.
            if same(n) && fold_name(&n.text) == folded {
                first = Some(first.map_or(r.name as usize, |f| f.min(r.name as usize)));
            }
            at = previous;
        }
        first
    }

    pub(super) fn finish(self) -> Glossary {
        let mut by_name = self.by_name;
        let mut concepts = self.concepts;
        // The vector doubled while growing: up to half of it (1M concepts: ~220 MB) unused.
        concepts.shrink_to_fit();
        for (c, names) in concepts.iter_mut().zip(self.names) {
            // Sized for its entry: exact, but for names a merge added or found duplicate.
            c.names = names.into_boxed_slice();
        }
        for (_, refs) in by_name.iter_mut() {
            // Concept by concept, each concept's names in order.
            refs.sort();
        }
        let by_name = NameIndex::new(by_name);
        let matched = |r: &NameRef| concepts[r.concept.0 as usize].names[r.name as usize].matched;
        let mut partly_matched: FastMap<u32, Vec<NameRef>> = FastMap::default();
        for (i, _) in by_name.keys() {
            let all = by_name.refs(i);
            if !all.iter().all(matched) {
                let some: Vec<NameRef> = all.iter().copied().filter(matched).collect();
                partly_matched.insert(i, some);
            }
        }
        let mut by_keyword: FastMap<String, Vec<ConceptId>> = FastMap::default();
        for c in &concepts {
            for k in &c.keywords {
                let ids = by_keyword.entry(fold_name(k)).or_default();
                if !ids.contains(&c.id) {
                    ids.push(c.id);
                }
            }
        }
        Glossary {
            concepts,
            by_name,
            partly_matched,
            by_keyword,
            word_frequencies: std::sync::OnceLock::new(),
            signatures: std::sync::OnceLock::new(),
            domains: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GlossaryBuilder;
    use crate::glossary::{Entry, Name, NameKind, Status};

    fn aliases(names: impl Iterator<Item = String>) -> Vec<Name> {
        names
            .map(|n| Name::new(n, Status::Admitted, NameKind::Alias))
            .collect()
    }

    /// Issue 9: merging compared each new name with every name its concept already had, so a
    /// concept with n names cost n² comparisons (5,000 names: 12.5 million). Now a name is
    /// compared only with the names of its concept that fold to the same text.
    #[test]
    fn merging_one_concept_with_many_names_is_linear() {
        let n = 5_000;
        let mut b = GlossaryBuilder::default();
        let entry = || Entry {
            term: "model".into(),
            names: aliases((0..n).map(|i| format!("model number {i}"))),
            ..Entry::default()
        };
        // Twice: the second entry's names are all duplicates of the first's.
        b.add(entry());
        b.add(entry());
        assert!(
            b.compared <= 2 * n,
            "{} comparisons for {n} names",
            b.compared
        );
        let g = b.finish();
        assert_eq!(g.concepts().len(), 1);
        assert_eq!(g.concepts()[0].names.len(), n + 1);
    }

    /// One alias shared by many concepts: each concept's merge looks at its own names only.
    #[test]
    fn a_name_shared_by_many_concepts_merges_linearly() {
        let n = 5_000;
        let mut b = GlossaryBuilder::default();
        for i in 0..n {
            // Twice, the second time deprecated: a duplicate, whose stronger status wins.
            for status in [Status::Admitted, Status::Deprecated] {
                b.add(Entry {
                    term: format!("model {i}"),
                    names: vec![Name::new("the model", status, NameKind::Alias)],
                    ..Entry::default()
                });
            }
        }
        assert!(
            b.compared <= 2 * n,
            "{} comparisons for {n} concepts",
            b.compared
        );
        let g = b.finish();
        assert_eq!(g.names_folded("The Model").len(), n);
        for c in g.concepts() {
            let names: Vec<_> = c
                .names
                .iter()
                .map(|n| (n.text.as_str(), n.status))
                .collect();
            assert_eq!(
                names[1..],
                [("the model", Status::Deprecated)],
                "{}",
                c.term()
            );
        }
    }

    /// Duplicates merge as before: the first spelling is kept, a stronger status wins, and a
    /// case-sensitive variant of another case is a name of its own.
    #[test]
    fn duplicate_names_merge_into_the_first() {
        let mut b = GlossaryBuilder::default();
        b.add(Entry {
            term: "segment anything model".into(),
            names: vec![
                Name::new("Sam", Status::Admitted, NameKind::Alias),
                Name::new("SAM", Status::Admitted, NameKind::Acronym),
                Name::new("sam", Status::Deprecated, NameKind::Alias),
                Name::new("SAM", Status::Forbidden, NameKind::Acronym),
            ],
            ..Entry::default()
        });
        let g = b.finish();
        let names: Vec<(&str, Status)> = g.concepts()[0]
            .names
            .iter()
            .map(|n| (n.text.as_str(), n.status))
            .collect();
        assert_eq!(
            names,
            [
                ("segment anything model", Status::Preferred),
                ("Sam", Status::Deprecated),
                ("SAM", Status::Forbidden)
            ]
        );
    }
}
