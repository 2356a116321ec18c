//! The term matcher: every matchable glossary name, looked for where a name can start.
//!
//! Patterns are folded names ([`crate::glossary::fold_name`]) and the haystack is the text folded
//! the same way, so the automaton itself is case-sensitive: plain ASCII text read folded a byte
//! at a time as the walk goes ([`super::fold::AsciiFolding`]), other text through a folded copy
//! ([`super::fold::Folded`]). The longest name accepted wins: "sparse autoencoders" is one
//! match, not "sparse" then "autoencoder". The automaton has no notion of words, so every
//! candidate is checked here:
//!
//! - word boundaries, Unicode-aware, on both sides (only where the name itself starts or ends
//!   with a word character: "C++" needs none after it);
//! - regular English plurals: a trailing "s"/"es" is taken into the match; names ending in a
//!   consonant and "y" get an extra "-ies" pattern;
//! - a name whose last word is a regular plural ("mixture of experts", "scaling laws") also
//!   matches in the singular ("Mixture-of-Expert"): an extra pattern, for names of two words or
//!   more (a single plural word is often a name of its own: "Transformers" the library);
//! - case: acronyms and case-sensitive names must appear exactly as written ("SAM", not "Sam");
//! - a name glued into a file, package, domain or call name is part of that name, not a term
//!   ([`glued`]): `package.json`, `eslint.org`, `axios.get`, `model.generate()`,
//!   `eslint-plugin-react`, `speaker-diarization-3.1`, `@scope`, `huggingface/peft`, while "SAM-based",
//!   "Mixture-of-Experts", "GPU(s)" and a sentence-final period still match;
//! - per name (`Name::exact_separators`, `Name::plural`): a name whose separators matter keeps
//!   only occurrences with its own hyphens and spaces ("cheat sheet" is not "cheat-sheet"), and
//!   a name without a plural keeps only occurrences without the ending.
//!
//! Names are only tried where one can start ([`super::walk`]): at a word start, or at a byte
//! that begins a name starting with a non-word character (".NET"). One walk of the automaton
//! ([`super::automaton`]) from there yields every name the text there starts with; they are
//! checked longest first and the first accepted is the match ("Ecmascript 2015" is the name
//! "ECMAScript" when the case-exact "ECMAScript 2015" fails). When none is, the search goes on
//! at the next candidate start, so a shorter valid name inside a rejected one is still found.
//! Candidate starts are walked [`LANES`] at a time, the walks interleaved
//! ([`Prefixes::walk_many`]: with a large glossary each step is a cache miss, and misses of
//! different walks overlap), then tried in order, passing over starts inside a match.
//!
//! Every check reads the text only within the candidate's *token* (its run of characters other
//! than white space, at most [`CONTEXT`] bytes either side): the server's incremental re-scan
//! cuts its windows at white space.

use std::ops::Range;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::automaton::{LANES, Prefixes, SHARD_PATTERNS};
use super::fold::Folded;
use super::walk;
use crate::glossary::normalize::{ies_stem, is_separator, separators_of};
use crate::glossary::{Casing, Glossary, NameRef, Status, StatusSet};

/// One occurrence of glossary names in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    /// Every glossary name this text is (after case rules); never empty.
    pub refs: Vec<NameRef>,
    /// The statuses of those names, so rules can pass over a match without looking each name
    /// up (a large document has hundreds of thousands of matches, re-checked on every edit).
    pub statuses: StatusSet,
}

/// A pattern's id in the automaton: its group's index shifted left by two, its [`Form`] in the
/// low bits, so no table maps patterns to groups (issue 9). Ids sort like the patterns were
/// added: group after group, each group's forms in [`Form`] order.
#[derive(Debug, Clone, Copy)]
struct Pattern {
    group: u32,
    form: Form,
}

impl Pattern {
    fn id(self) -> u32 {
        self.group << 2 | self.form as u32
    }

    fn of(id: u32) -> Pattern {
        let form = match id & 3 {
            0 => Form::Name,
            1 => Form::IesPlural,
            _ => Form::Singular,
        };
        Pattern {
            group: id >> 2,
            form,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The names as written.
    Name = 0,
    /// The extra "-ies" plural of a name ending in "y".
    IesPlural = 1,
    /// The singular of a name whose last word is a plural ("mixture of expert").
    Singular = 2,
}

/// The automaton over a glossary's names. Build once per glossary and share it (`Arc`).
///
/// Its tables are flat (issue 9: a 1M-name glossary must load in seconds and in little memory):
/// one [`Group`] per folded name holds a range of `members`, and the texts the checks compare
/// with live in one `strings` arena, so a name costs no allocation of its own.
#[derive(Debug)]
pub struct Matcher {
    /// Every pattern (folded names and their extra forms), walked from candidate starts.
    prefixes: Prefixes,
    /// How many patterns `prefixes` holds.
    pattern_count: usize,
    /// Names sharing one folded form.
    groups: Vec<Group>,
    /// Every group's names, group after group.
    members: Vec<Member>,
    /// The few members' texts compared exactly.
    exact: Vec<Exact>,
    /// The texts `Member`s point into.
    strings: String,
    /// The most separator runs in any name: how far a match reaches from a word.
    max_separators: usize,
    /// How many candidate starts are walked together ([`LANES`]; tests take fewer).
    lanes: usize,
}

#[derive(Debug)]
struct Group {
    /// Its names: `members[start..]` up to the next group's start (8 bytes a group, not 12).
    start: u32,
    starts_word: bool,
    ends_word: bool,
    /// Every name is written with capitals inside a word ("SentencePiece", "PyTorch"): written
    /// all in lowercase in a hyphenated token, it is an identifier ("pytorch-lightning").
    cased: bool,
}

/// One name of a group, with what its checks need.
#[derive(Debug)]
struct Member {
    name: NameRef,
    status: Status,
    /// Whether a plural ending (or the singular of a plural compound) is allowed.
    plural: bool,
    /// Its texts to compare with, in `Matcher::exact` ([`NO_EXACT`]: none, most names).
    exact: u32,
}

/// `Member::exact` of a name matched in any case and with any separators.
const NO_EXACT: u32 = u32::MAX;

/// What a case-sensitive name or one with exact separators is compared with.
#[derive(Debug)]
struct Exact {
    /// The name's text in `strings`, for a case-sensitive name.
    case_sensitive: Option<Span>,
    /// The separators it must be written with, in `strings` (`None`: any).
    separators: Option<Span>,
}

/// A range of `Matcher::strings`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn push(strings: &mut String, text: &str) -> Span {
        let start = strings.len() as u32;
        strings.push_str(text);
        Span {
            start,
            end: strings.len() as u32,
        }
    }

    fn get(self, strings: &str) -> &str {
        &strings[self.start as usize..self.end as usize]
    }
}

impl Matcher {
    pub fn new(glossary: &Glossary) -> Matcher {
        Matcher::with_shards(glossary, usize::MAX)
    }

    /// [`Matcher::new`] with the automaton cut into shards of at most `shard_patterns`
    /// patterns (by first byte, see [`super::automaton`]) whatever the glossary's size: tests
    /// hold small shards to the one automaton.
    #[doc(hidden)]
    pub fn with_shards(glossary: &Glossary, shard_patterns: usize) -> Matcher {
        // Patterns are named by ids (see [`Pattern`]) and their texts looked up as the
        // automaton is built, so building holds 4 bytes a pattern, not a string each (issue 9).
        // Group `g`'s folded name is the glossary's key `g + skip`, `(g, skip)` the last entry
        // of `skips` at or before `g` (keys whose names are all unmatched have no group: few).
        // The few extra forms are written into `extra_text`, `extras` ordered by id.
        let mut skips: Vec<(u32, u32)> = vec![(0, 0)];
        let mut ids: Vec<u32> = Vec::new();
        let mut extras: Vec<(u32, Span)> = Vec::new();
        let mut extra_text = String::new();
        let mut groups = Vec::new();
        let mut members = Vec::new();
        let mut exact = Vec::new();
        let mut strings = String::new();
        let mut max_separators = 0;
        for (key, folded, refs) in glossary.matchable_keys() {
            // Folded names have single spaces between words.
            max_separators = max_separators.max(folded.matches(' ').count());
            // Two bits of an id are the form: 2^30 groups would be far more names than fit
            // in memory (a concept alone is over 100 bytes).
            let group = groups.len() as u32;
            let start = members.len() as u32;
            let mut cased = true;
            for r in refs {
                let n = glossary.name(*r);
                cased &= n.casing != Casing::Any;
                let mut member = Member {
                    name: *r,
                    status: n.status,
                    plural: n.plural,
                    exact: NO_EXACT,
                };
                if n.case_sensitive || n.exact_separators {
                    member.exact = exact.len() as u32;
                    exact.push(Exact {
                        case_sensitive: n.case_sensitive.then(|| Span::push(&mut strings, &n.text)),
                        separators: n
                            .exact_separators
                            .then(|| Span::push(&mut strings, &separators_of(&n.text))),
                    });
                }
                members.push(member);
            }
            groups.push(Group {
                start,
                starts_word: folded.chars().next().is_some_and(is_word_char),
                ends_word: folded.chars().next_back().is_some_and(is_word_char),
                cased,
            });
            if key - group != skips[skips.len() - 1].1 {
                skips.push((group, key - group));
            }
            let pattern = |form| Pattern { group, form }.id();
            ids.push(pattern(Form::Name));
            if let Some(stem) = ies_stem(folded) {
                let id = pattern(Form::IesPlural);
                extras.push((id, Span::push(&mut extra_text, &format!("{stem}ies"))));
                ids.push(id);
            }
            if let Some(one) = singular(folded).filter(|one| glossary.names_folded(one).is_empty())
            {
                let id = pattern(Form::Singular);
                extras.push((id, Span::push(&mut extra_text, &one)));
                ids.push(id);
            }
        }
        groups.shrink_to_fit();
        members.shrink_to_fit();
        exact.shrink_to_fit();
        strings.shrink_to_fit();
        let pattern_count = ids.len();
        let text = |id: u32| -> &[u8] {
            let p = Pattern::of(id);
            if p.form == Form::Name {
                let (_, skip) = skips[skips.partition_point(|&(g, _)| g <= p.group) - 1];
                return glossary.folded_key(p.group + skip).as_bytes();
            }
            let i = extras.partition_point(|&(e, _)| e < id);
            extras[i].1.get(&extra_text).as_bytes()
        };
        let shard_patterns = if shard_patterns == usize::MAX {
            SHARD_PATTERNS
        } else {
            shard_patterns
        };
        let prefixes = Prefixes::from_ids(ids, text, shard_patterns);
        Matcher {
            prefixes,
            pattern_count,
            groups,
            members,
            exact,
            strings,
            max_separators,
            lanes: LANES,
        }
    }

    /// This matcher walking `lanes` candidate starts together (1 ..= [`LANES`]) instead of
    /// [`LANES`]: tests hold small batches, whose ends fall inside matches, to the large ones.
    #[doc(hidden)]
    pub fn walking_together(mut self, lanes: usize) -> Matcher {
        self.lanes = lanes.clamp(1, LANES);
        self
    }

    /// The most separator runs (white space, hyphens) in any name: a match touching an edit
    /// lies within this many runs of it.
    pub fn max_separators(&self) -> usize {
        self.max_separators
    }

    /// Number of distinct patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.pattern_count
    }

    /// Every match in `text`, byte ranges relative to `text`.
    pub fn find_all(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, 0, &mut out);
        out
    }

    /// Appends the matches in `text` to `out`, with `base` added to every range.
    pub fn find_into(&self, text: &str, base: usize, out: &mut Vec<Match>) {
        self.search(text, base, out);
    }

    /// Plain ASCII text is read as it is, folded byte by byte as the walk feeds it (issue 9:
    /// no folded copy for ASCII regions); other text through a folded copy.
    fn search(&self, text: &str, base: usize, out: &mut Vec<Match>) {
        if text.is_ascii() {
            self.search_in(View::ascii(text), base, out);
        } else {
            let folded = Folded::new(text);
            self.search_in(View::folded(text, &folded), base, out);
        }
    }

    #[inline(always)]
    fn search_in(&self, view: View, base: usize, out: &mut Vec<Match>) {
        let mut batch = Batch {
            starts: Vec::with_capacity(LANES),
            walked: Vec::new(),
            resume: 0,
        };
        let mut take = |start: usize| {
            batch.starts.push(start);
            if batch.starts.len() == self.lanes {
                self.try_batch(view, base, &mut batch, out);
            }
        };
        match view.folded {
            None => walk::each_candidate::<true>(view.hay, &self.prefixes, &mut take),
            Some(_) => walk::each_candidate::<false>(view.hay, &self.prefixes, &mut take),
        }
        self.try_batch(view, base, &mut batch, out);
    }

    /// The batch's candidate starts, walked together ([`Prefixes::walk_many`]), then tried in
    /// order: at each start the names the text starts with, longest first (at one end, names
    /// folding alike, the first pattern first), the first accepted the match; a start inside
    /// an accepted match (before `resume`) is passed over.
    fn try_batch(&self, view: View, base: usize, batch: &mut Batch, out: &mut Vec<Match>) {
        batch.walked.clear();
        self.prefixes.walk_many(
            view.hay.as_bytes(),
            view.folded.is_none(),
            &batch.starts,
            &mut batch.walked,
        );
        batch
            .walked
            .sort_unstable_by_key(|&(k, p, end)| (k, std::cmp::Reverse(end), p));
        self.warm(&batch.walked);
        let mut rest = &batch.walked[..];
        for (k, &start) in batch.starts.iter().enumerate() {
            let n = rest.iter().take_while(|w| w.0 == k as u32).count();
            let (names, after) = rest.split_at(n);
            rest = after;
            if start < batch.resume {
                continue;
            }
            for &(_, pattern, end) in names {
                if let Some(found) = self.check(&view, Pattern::of(pattern), start, end) {
                    out.push(Match {
                        range: base + found.range.start..base + found.range.end,
                        refs: found.refs,
                        statuses: found.statuses,
                    });
                    batch.resume = found.hay_end.max(start + 1);
                    break;
                }
            }
        }
        batch.starts.clear();
    }

    /// Reads the group and first member of every walked pattern before any is checked: loads
    /// that do not wait for each other, so at 1M names their cache misses overlap instead of
    /// coming one check after another (issue 9).
    #[inline]
    fn warm(&self, walked: &[(u32, u32, usize)]) {
        let mut sum = 0u32;
        for &(_, p, _) in walked {
            sum = sum.wrapping_add(self.groups[Pattern::of(p).group as usize].start);
        }
        for &(_, p, _) in walked {
            let g = &self.groups[Pattern::of(p).group as usize];
            sum = sum.wrapping_add(self.members.get(g.start as usize).map_or(0, |m| m.exact));
        }
        std::hint::black_box(sum);
    }

    /// The heap bytes of the automaton (the walks' tries and their id tables).
    pub fn automaton_memory(&self) -> usize {
        self.prefixes.memory_usage()
    }

    /// The candidate `start..end` (in `view.hay`) of `pattern`, checked: the match, if it is one.
    fn check(&self, view: &View, p: Pattern, start: usize, end: usize) -> Option<Accepted> {
        let (src, hay) = (view.src, view.hay);
        let g = &self.groups[p.group as usize];
        if g.starts_word && hay[..start].chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let mut full_end = end;
        if g.ends_word {
            let rest = &hay[end..];
            if rest.chars().next().is_some_and(is_word_char) {
                // Maybe a regular plural: "autoencoders", "approaches".
                let ends_letter = hay[..end]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic);
                // (ASCII text is read unfolded: "S", "ES".)
                let suffix = ["s", "es"].into_iter().find(|s| {
                    rest.get(..s.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(s))
                        && !rest[s.len()..].chars().next().is_some_and(is_word_char)
                });
                match suffix {
                    Some(s) if ends_letter && p.form == Form::Name => full_end = end + s.len(),
                    _ => return None,
                }
            }
        }
        let src_start = view.to_source(start);
        let src_base_end = view.to_source(end);
        let src_end = view.to_source(full_end);
        let found = &src[src_start..src_base_end];
        if glued(src, src_start..src_end, g.cased) {
            return None;
        }
        let inflected = p.form != Form::Name || full_end != end;
        let mut statuses = StatusSet::default();
        let end = self
            .groups
            .get(p.group as usize + 1)
            .map_or(self.members.len(), |next| next.start as usize);
        let members = &self.members[g.start as usize..end];
        let mut refs: Vec<NameRef> = Vec::with_capacity(members.len());
        for m in members {
            let exact = self.exact.get(m.exact as usize);
            let case_sensitive = exact.and_then(|e| e.case_sensitive);
            let case_ok = match (case_sensitive.map(|t| t.get(&self.strings)), p.form) {
                (None, _) => true,
                (Some(name), Form::Name) => same_with_case(found, name),
                (Some(name), Form::Singular) => {
                    singular(name).is_some_and(|one| same_with_case(found, &one))
                }
                (Some(_), Form::IesPlural) => false,
            };
            let separators_ok = exact
                .and_then(|e| e.separators)
                .is_none_or(|want| separators_of(found) == want.get(&self.strings));
            if case_ok && separators_ok && (m.plural || !inflected) {
                statuses.insert(m.status);
                refs.push(m.name);
            }
        }
        if refs.is_empty() {
            return None;
        }
        Some(Accepted {
            range: src_start..src_end,
            hay_end: full_end,
            refs,
            statuses,
        })
    }
}

/// A text as the matcher reads it: the source, and the text walked and checked (`hay`), the
/// folded copy or, for plain ASCII, the source itself read folded on the fly.
#[derive(Clone, Copy)]
struct View<'a> {
    src: &'a str,
    hay: &'a str,
    /// The folded copy `hay` is, mapping its offsets back (`None`: `hay` is `src`).
    folded: Option<&'a Folded>,
}

impl<'a> View<'a> {
    fn ascii(src: &'a str) -> View<'a> {
        View {
            src,
            hay: src,
            folded: None,
        }
    }

    fn folded(src: &'a str, folded: &'a Folded) -> View<'a> {
        View {
            src,
            hay: &folded.text,
            folded: Some(folded),
        }
    }

    #[inline]
    fn to_source(self, i: usize) -> usize {
        self.folded.map_or(i, |f| f.to_source(i))
    }
}

/// Candidate starts taken together ([`Matcher::try_batch`]).
struct Batch {
    starts: Vec<usize>,
    /// (index in `starts`, pattern, end in `View::hay`) of every name walked from them.
    walked: Vec<(u32, u32, usize)>,
    /// Where the last match accepted ends: starts before it are inside it.
    resume: usize,
}

struct Accepted {
    range: Range<usize>,
    /// Where the match ends in the text walked (`View::hay`).
    hay_end: usize,
    refs: Vec<NameRef>,
    statuses: StatusSet,
}

/// Letters, digits, marks and `_` (identifiers such as `finetuning_steps` are one word) make
/// words; everything else separates them.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (!c.is_ascii() && is_mark(c))
}

/// Marks (general category M: combining, spacing and enclosing), from the Unicode tables:
/// a Devanagari vowel sign or a combining acute accent continues its word.
fn is_mark(c: char) -> bool {
    c.general_category_group() == GeneralCategoryGroup::Mark
}

/// Exact comparison of the found text and a case-sensitive name, separators aside
/// ("Segment-Anything" and "Segment Anything" are the same spelling; "sam" and "SAM" are not).
fn same_with_case(found: &str, name: &str) -> bool {
    let a = found.chars().filter(|c| !is_separator(*c));
    let b = name.chars().filter(|c| !is_separator(*c));
    a.eq(b)
}

/// How far either side of a candidate the checks may read (within its token).
pub const CONTEXT: usize = 64;

/// The folded singular of a folded name of two words or more whose last word is a regular
/// plural: "mixture of experts" → "mixture of expert", "design strategies" → "design strategy";
/// None for one word ("transformers" may be a name of its own) and for last words that only
/// look plural ("process", "corpus", "analysis", "dynamics").
fn singular(name: &str) -> Option<String> {
    let (head, last) = name.rsplit_once(' ')?;
    if last.chars().count() < 4
        || !last.chars().all(char::is_alphabetic)
        || ["ss", "us", "is", "ics"].iter().any(|e| last.ends_with(e))
    {
        return None;
    }
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["ches", "shes", "xes", "zes"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        last[..last.len() - 2].to_owned()
    } else {
        last.strip_suffix('s')?.to_owned()
    };
    Some(format!("{head} {one}"))
}

/// The token around `start..end`: the run of characters other than white space, at most
/// [`CONTEXT`] bytes either side of it.
fn token(src: &str, start: usize, end: usize) -> (usize, usize) {
    let before = &src[floor_char(src, start.saturating_sub(CONTEXT))..start];
    let from = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(start - before.len(), |(i, c)| {
            start - before.len() + i + c.len_utf8()
        });
    let after = &src[end..ceil_char(src, (end + CONTEXT).min(src.len()))];
    let to = after
        .char_indices()
        .find(|(_, c)| c.is_whitespace())
        .map_or(end + after.len(), |(i, _)| end + i);
    (from, to)
}

/// True when the name at `range` of `src` is glued into a larger identifier-like name, so it
/// is part of that name and not a term:
/// - a `.` between it and a letter or digit, either side (`package.json`, `eslint.org`,
///   `axios.get`, `model.generate`, `foo-yaml.txt`): a file, domain or member name; a period
///   ending a sentence has white space or nothing after it;
/// - `@` before it (`@scope/package`, a handle);
/// - `(` after it opening an argument list (`generate()`, `Trainer(model=…)`,
///   `get("x")`) for a name of one word; `GPU(s)` and `Transformers (HF)` are prose;
/// - hyphens joining it into a token written without capitals that is a package name rather
///   than a compound: with two more parts (`eslint-plugin-react`), a part with a digit
///   (`speaker-diarization-3.1`), or a name that has capitals written in lowercase
///   (`sentencepiece-xyz`, `pytorch-lightning`). "SAM-based", "quantization-aware" and
///   "Mixture-of-Experts" are compounds and match;
/// - slashes the same way: a repository or model id written without capitals
///   (`pytorch/xla`, `huggingface/peft`, `openai/whisper-large-v2`), while "PyTorch/XLA",
///   "CPU/GPU" and "model/config" are prose.
fn glued(src: &str, range: Range<usize>, cased: bool) -> bool {
    let (start, end) = (range.start, range.end);
    let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let mut before = src[..start].chars().rev();
    let b1 = before.next();
    let b2 = before.next();
    let mut after = src[end..].chars();
    let a1 = after.next();
    let a2 = after.next();
    if (b1 == Some('.') && ident(b2)) || b1 == Some('@') || (a1 == Some('.') && ident(a2)) {
        return true;
    }
    let found = &src[start..end];
    if a1 == Some('(') && !found.chars().any(is_separator) {
        let args = &src[end + 1..];
        let plural_mark = ["s)", "es)"].iter().any(|m| args.starts_with(m));
        let call = a2.is_some_and(|c| {
            c == ')' || c == '_' || c == '"' || c == '\'' || c.is_lowercase() || c.is_ascii_digit()
        });
        if call && !plural_mark {
            return true;
        }
    }
    let joins = |c: Option<char>| matches!(c, Some('-' | '/'));
    if !joins(b1) && !joins(a1) {
        return false;
    }
    // The run of name characters (letters, digits, `_`, `-`, `.`, `/`) around it, in its token.
    let (from, to) = token(src, start, end);
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/');
    let left = &src[from..start];
    let before = left
        .char_indices()
        .rev()
        .take_while(|(_, c)| name_char(*c))
        .last()
        .map_or("", |(i, _)| &left[i..]);
    let right = &src[end..to];
    let after = &right[..right
        .char_indices()
        .find(|(_, c)| !name_char(*c))
        .map_or(right.len(), |(i, _)| i)];
    if before
        .chars()
        .chain(after.chars())
        .chain(found.chars())
        .any(char::is_uppercase)
    {
        return false;
    }
    let parts: Vec<&str> = before
        .split(['-', '/'])
        .chain(after.split(['-', '/']))
        // A sentence's period is no part ("huggingface/transformers.").
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    parts.len() >= 2 || parts.iter().any(|p| p.chars().any(|c| c.is_ascii_digit())) || cased
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{Matcher, is_word_char};
    use crate::glossary::{Glossary, native};

    /// Behaviour change of the walk (issue 9): two patterns with one text, the case-sensitive
    /// name "Policies" and the "-ies" plural of "policy". The old search tried only the first
    /// pattern at that length, so "policies" in lower case (not "Policies") matched nothing;
    /// every name the text starts with is tried now, and it is the plural of "policy".
    #[test]
    fn a_plural_is_tried_when_a_name_spelled_alike_fails_its_case() {
        let toml = "[[concept]]\nterm = \"policy\"\n\n\
                    [[concept]]\nterm = \"Policies\"\ncase_sensitive = true\n";
        let g = Glossary::from_entries(native::parse("g.toml", toml).unwrap());
        let text = "Both policies apply; see Policies.";
        let found: Vec<(&str, Vec<&str>)> = Matcher::new(&g)
            .find_all(text)
            .into_iter()
            .map(|m| {
                let names = m.refs.iter().map(|r| g.name(*r).text.as_str()).collect();
                (&text[m.range], names)
            })
            .collect();
        assert_eq!(
            found,
            [("policies", vec!["policy"]), ("Policies", vec!["Policies"])]
        );
    }

    /// Regression: marks continue a word, from the tables. A rough list of combining blocks
    /// missed the Devanagari virama "्" (U+094D), so "हिन्दी" was cut into two words at it, and
    /// the Tamil virama and Thai tone marks likewise.
    #[test]
    fn every_kind_of_mark_continues_a_word() {
        for c in [
            '\u{0301}', '\u{093F}', '\u{094D}', '\u{0BCD}', '\u{0E48}', '\u{20DD}',
        ] {
            assert!(is_word_char(c), "{:04X}", c as u32);
        }
        for c in [' ', '-', '\u{00A0}', '\u{2019}', '.'] {
            assert!(!is_word_char(c), "{:04X}", c as u32);
        }
    }
}
