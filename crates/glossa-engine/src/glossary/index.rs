//! The name index: every folded name (see [`super::fold_name`]) with the concept names it stands
//! for, in a few flat tables instead of a map of small allocations (issue 9: at 2M names a
//! `HashMap<Box<str>, Refs>` took 4M buckets of 41 B plus a heap block per key, ~240 MB).
//!
//! The keys' texts sit one after another in one `String`, key `i` ending at `ends[i]`; a hash
//! table holds only each key's number (4 B a bucket), hashed by its text. [`KeysBuilder`] grows
//! while a glossary merges, its names arriving in any order; [`NameIndex::new`] then stores the
//! keys sorted (the scanner's pattern order, no sort when it asks) with their names flattened
//! into one table.

use super::{NameRef, Refs};
use hashbrown::HashTable;
use std::hash::BuildHasher;

type Hasher = foldhash::fast::FixedState;

/// Key texts, one after another: key `i` is `text[ends[i - 1]..ends[i]]` (`0` before the first).
#[derive(Debug, Clone, Default)]
struct Keys {
    text: String,
    ends: Vec<u32>,
    /// Each key's number, hashed by its text.
    table: HashTable<u32>,
    hasher: Hasher,
}

impl Keys {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn find(&self, key: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(key);
        self.table.find(hash, |&i| self.get(i) == key).copied()
    }

    /// Appends `key` (not yet present) as key number `len()`; `None` when the texts would pass
    /// 4 GiB (a glossary that could never load in memory).
    fn push(&mut self, key: &str) -> Option<u32> {
        let end = u32::try_from(self.text.len() + key.len()).ok()?;
        let i = u32::try_from(self.ends.len()).ok()?;
        self.text.push_str(key);
        self.ends.push(end);
        let hash = self.hasher.hash_one(key);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        let get = |i: u32| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            &text[start..ends[i] as usize]
        };
        self.table
            .insert_unique(hash, i, |&j| hasher.hash_one(get(j)));
        Some(i)
    }
}

/// The index while a glossary merges: keys in the order they came, each with its names.
#[derive(Default)]
pub(super) struct KeysBuilder {
    keys: Keys,
    refs: Vec<Refs>,
}

impl KeysBuilder {
    pub(super) fn reserve(&mut self, additional: usize) {
        self.keys.ends.reserve(additional);
        self.refs.reserve(additional);
        let (text, ends, hasher) = (&self.keys.text, &self.keys.ends, &self.keys.hasher);
        self.keys.table.reserve(additional, |&i| {
            let i = i as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            hasher.hash_one(&text[start..ends[i] as usize])
        });
    }

    /// The names `key` stands for so far.
    pub(super) fn get(&self, key: &str) -> Option<&Refs> {
        self.keys.find(key).map(|i| &self.refs[i as usize])
    }

    pub(super) fn get_mut(&mut self, key: &str) -> Option<&mut Refs> {
        self.keys.find(key).map(|i| &mut self.refs[i as usize])
    }

    /// A new key with its first name; false when there is no room (see [`Keys::push`]).
    pub(super) fn insert(&mut self, key: &str, r: NameRef) -> bool {
        if self.keys.push(key).is_none() {
            return false;
        }
        self.refs.push(Refs::One(r));
        true
    }

    /// Every key with its names, in the order they came.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Refs)> {
        let keys = &self.keys;
        self.refs
            .iter_mut()
            .enumerate()
            .map(move |(i, r)| (keys.get(i as u32), r))
    }
}

/// The finished index: keys sorted (by bytes), each key's names in `refs[ref_ends[i - 1]..
/// ref_ends[i]]`.
#[derive(Debug, Clone, Default)]
pub(super) struct NameIndex {
    keys: Keys,
    ref_ends: Vec<u32>,
    refs: Vec<NameRef>,
}

impl NameIndex {
    /// Sorts the builder's keys and flattens their names (each key's names kept in order).
    pub(super) fn new(builder: KeysBuilder) -> NameIndex {
        let KeysBuilder {
            keys: mut old,
            refs,
        } = builder;
        // Each key with its first eight bytes as a number, compared before the texts: most
        // comparisons of a 2M-name sort end there, without a call to `memcmp`.
        let mut order: Vec<(u64, u32)> = (0..old.len() as u32)
            .map(|i| {
                let k = old.get(i).as_bytes();
                let mut head = [0u8; 8];
                let n = k.len().min(8);
                head[..n].copy_from_slice(&k[..n]);
                (u64::from_be_bytes(head), i)
            })
            .collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| old.get(a.1).cmp(old.get(b.1))));
        // The builder's table, emptied, takes the new numbers: sized for these keys already,
        // and no second table of 20 MB (2M keys) beside it.
        let mut table = std::mem::take(&mut old.table);
        table.clear();
        let mut keys = Keys {
            text: String::with_capacity(old.text.len()),
            ends: Vec::with_capacity(order.len()),
            table,
            hasher: old.hasher.clone(),
        };
        let total: usize = refs.iter().map(|r| r.as_slice().len()).sum();
        let mut index = NameIndex {
            keys: Keys::default(),
            ref_ends: Vec::with_capacity(order.len()),
            refs: Vec::with_capacity(total),
        };
        for (_, i) in order {
            // Room was checked as the keys came: the same texts fit again.
            keys.push(old.get(i));
            index.refs.extend_from_slice(refs[i as usize].as_slice());
            index.ref_ends.push(index.refs.len() as u32);
        }
        index.keys = keys;
        index
    }

    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }

    /// The key's number, if `key` is one.
    pub(super) fn find(&self, key: &str) -> Option<u32> {
        self.keys.find(key)
    }

    /// The names key `i` stands for, concept by concept.
    pub(super) fn refs(&self, i: u32) -> &[NameRef] {
        let i = i as usize;
        let start = if i == 0 {
            0
        } else {
            self.ref_ends[i - 1] as usize
        };
        &self.refs[start..self.ref_ends[i] as usize]
    }

    /// Key number `i`'s text.
    pub(super) fn key(&self, i: u32) -> &str {
        self.keys.get(i)
    }

    /// Every key (sorted) with its number.
    pub(super) fn keys(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..self.keys.len() as u32).map(|i| (i, self.keys.get(i)))
    }
}

#[cfg(test)]
mod tests {
    use super::{KeysBuilder, NameIndex};
    use crate::glossary::{ConceptId, NameRef};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn r(concept: u32, name: u32) -> NameRef {
        NameRef {
            concept: ConceptId(concept),
            name,
        }
    }

    proptest! {
        /// The flat index answers like a plain map of the same keys and names, and lists its
        /// keys sorted.
        #[test]
        fn answers_like_a_map(
            names in proptest::collection::vec(("[a-c]{0,3}|[ä-é ]{1,2}|x{1,40}", 0u32..50), 0..200),
            probes in proptest::collection::vec("[a-c]{0,3}|[ä-é ]{1,2}", 0..20),
        ) {
            let mut b = KeysBuilder::default();
            let mut map: BTreeMap<String, Vec<NameRef>> = BTreeMap::new();
            for (i, (key, concept)) in names.iter().enumerate() {
                let nr = r(*concept, i as u32);
                match b.get_mut(key) {
                    Some(refs) => refs.push(nr, false),
                    None => prop_assert!(b.insert(key, nr)),
                }
                map.entry(key.clone()).or_default().push(nr);
                prop_assert_eq!(b.get(key).map(|r| r.as_slice()), Some(&map[key][..]));
            }
            let index = NameIndex::new(b);
            prop_assert_eq!(index.len(), map.len());
            let listed: Vec<(&str, &[NameRef])> =
                index.keys().map(|(i, k)| (k, index.refs(i))).collect();
            let expected: Vec<(&str, &[NameRef])> =
                map.iter().map(|(k, v)| (k.as_str(), &v[..])).collect();
            prop_assert_eq!(listed, expected);
            for key in names.iter().map(|(k, _)| k).chain(&probes) {
                let found = index.find(key).map(|i| index.refs(i));
                prop_assert_eq!(found, map.get(key).map(|v| &v[..]));
            }
        }
    }
}
