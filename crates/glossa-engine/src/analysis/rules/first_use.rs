//! `acronym-first-use`: an acronym the glossary knows, used before the document introduces it
//! ("SAM" with no "Segment Anything Model (SAM)" or "SAM (Segment Anything Model)" at or before
//! its first use).
//!
//! Only the first use of each acronym is looked at, and only acronyms of the glossary (names of
//! kind acronym; not a concept's head term). A use introduces the acronym when it stands in
//! parentheses after its long form, or is followed by its long form in parentheses; the long
//! form is a name of the concept or any words the acronym abbreviates (Schwartz–Hearst, as the
//! document's own definitions in `senses`). A heading may introduce an acronym but is never its
//! first use (titles name things before the text explains them), nor is an image's alternative
//! text or a longer name the acronym is part of ("DeepSpeed-MoE", "Hooked SAE"). Exempt:
//! concepts marked `established` (`established = true` in a native glossary, or a concept whose
//! head term is itself the acronym: the glossary names it that way), and concepts whose head
//! term is written with the acronym ("google TPU" for "TPU": there is no long form to give).
//! The fix writes the expansion before the acronym ("Segment Anything Model (SAM)") from the
//! glossary, for the sense the document means (`meant`); an occurrence whose sense stays
//! undecided gets the finding without a fix.

use std::collections::HashSet;
use std::ops::Range;

use super::forms::introductions;
use super::position::{in_heading, sentence_start};
use super::{Context, Rule, meant, senses};
use crate::analysis::{Finding, Fix, Severity};
use crate::glossary::corpus::abbrev::{abbreviates, long_form_before};
use crate::glossary::normalize::{is_plural_of, pluralize};
use crate::glossary::{ConceptId, Name, NameKind, Status, fold_name};
use crate::scan::Match;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let intros: Vec<Range<usize>> = introductions(cx).into_iter().map(|i| i.at).collect();
    // Acronyms (folded, singular) whose first use has been looked at.
    let mut seen: HashSet<String> = HashSet::new();
    for m in cx.matches {
        let Some(name) = acronym_of(cx, m) else {
            continue;
        };
        let key = fold_name(&name.text);
        if seen.contains(&key) {
            continue;
        }
        let senses = senses(cx.glossary, &m.refs);
        if senses.iter().any(|c| {
            let concept = cx.glossary.concept(*c);
            concept.established || written_with(concept.term(), &name.text)
        }) {
            seen.insert(key);
            continue;
        }
        let found = &cx.text[m.range.clone()];
        let introduced = intros.contains(&m.range) || introduces(cx.text, m.range.clone(), found);
        if in_heading(cx.text, m.range.start) || !first_use_place(cx.text, m.range.clone()) {
            if introduced {
                seen.insert(key);
            }
            continue;
        }
        seen.insert(key);
        if introduced || cx.ignored.ignores(found) {
            continue;
        }
        out.push(finding(cx, m, found, &senses));
    }
}

/// True when `term` holds `acronym` as a word of its own ("google TPU" holds "TPU"): the
/// glossary writes the concept with its acronym, which then needs no introduction, and has no
/// long form to give ("write \"google TPU (TPU)\"" would expand nothing).
fn written_with(term: &str, acronym: &str) -> bool {
    term.match_indices(acronym).any(|(at, _)| {
        let before = term[..at].chars().next_back();
        let after = term[at + acronym.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// False where an acronym is not read as used: inside an image's alternative text
/// ("![SAM design](…)"), or as part of a longer name: joined to a capitalised word by a hyphen
/// ("DeepSpeed-MoE", "MBRL-Lib") or after a capitalised word that does not open the sentence
/// ("Hooked SAE"). Such a place neither needs nor gives an introduction.
fn first_use_place(text: &str, range: Range<usize>) -> bool {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..range.start];
    if let Some(alt) = line.rfind("![")
        && !line[alt..].contains(']')
    {
        return false;
    }
    let joined_left = text[..range.start]
        .strip_suffix('-')
        .and_then(|b| b.split(|c: char| !c.is_alphanumeric()).next_back())
        .is_some_and(|w| w.starts_with(char::is_uppercase));
    let joined_right = text[range.end..]
        .strip_prefix('-')
        .is_some_and(|a| a.starts_with(char::is_uppercase));
    // "Hooked SAE": a capitalised word before it, not opening the sentence, names a thing.
    let before = text[..range.start].strip_suffix(' ').unwrap_or("");
    let word_start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    let named = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && !word.is_empty()
        && !super::position::sentence_start(text, word_start);
    !(joined_left || joined_right || named)
}

/// The acronym an occurrence is: every preferred or admitted name it is must be an acronym
/// (an occurrence that is also an ordinary name is not one to introduce).
fn acronym_of<'g>(cx: &Context<'g>, m: &Match) -> Option<&'g Name> {
    let mut acronym = None;
    for r in &m.refs {
        let n = cx.glossary.name(*r);
        if !matches!(n.status, Status::Preferred | Status::Admitted) {
            continue;
        }
        if n.kind != NameKind::Acronym || r.name == 0 {
            return None;
        }
        acronym.get_or_insert(n);
    }
    acronym
}

/// True when the use of `found` at `range` is an introduction in any words: "Long Form (SAM)"
/// (the words before the parenthesis abbreviate it) or "SAM (Long Form…)".
fn introduces(text: &str, range: Range<usize>, found: &str) -> bool {
    let short = found.trim_end_matches('s');
    let before = text[..range.start].trim_end_matches(['*', '_', '`']);
    if let Some(open) = before.strip_suffix('(') {
        let open = open.trim_end_matches(|c: char| c.is_whitespace() || "*_`".contains(c));
        let start = open.rfind(['\n', '.', ';', '(', ':']).map_or(0, |p| p + 1);
        if long_form_before(short, &open[start..]).is_some() {
            return true;
        }
    }
    let after = text[range.end..].trim_start_matches(['*', '_', '`']);
    if let Some(inner) = after.trim_start_matches([' ', '\t']).strip_prefix('(')
        && let Some(close) = inner.find(')')
    {
        let inner = &inner[..close];
        let first = inner.split([',', ';', ':']).next().unwrap_or(inner).trim();
        return abbreviates(short, first);
    }
    false
}

fn finding(cx: &Context<'_>, m: &Match, found: &str, senses: &[ConceptId]) -> Finding {
    let decided = meant(cx, m);
    let concept = decided.unwrap_or(senses[0]);
    let fix = decided.map(|id| {
        let replacement = introduction(cx, m, found, id);
        Fix::new(m.range.clone(), replacement)
    });
    let message = match &fix {
        Some(f) => format!(
            "\"{found}\" is used before it is introduced: write \"{}\" on first use",
            f.replacement
        ),
        None => {
            let list: Vec<String> = senses
                .iter()
                .map(|id| format!("\"{}\"", expansion(cx, found, *id)))
                .collect();
            format!(
                "\"{found}\" is used before it is introduced: spell it out on first use ({})",
                list.join(" or ")
            )
        }
    };
    Finding {
        range: m.range.clone(),
        rule: Rule::AcronymFirstUse,
        severity: Severity::Hint,
        message: message.into(),
        term: found.into(),
        concept,
        senses: if decided.is_some() {
            Vec::new()
        } else {
            senses.to_vec()
        },
        replacement: fix.as_ref().map(|f| f.replacement.as_str().into()),
        fix,
    }
}

/// What an acronym of `concept` stands for: the expansion its glossary gives, else the
/// concept's head term.
pub fn expansion(cx: &Context<'_>, found: &str, concept: ConceptId) -> String {
    expansion_in(cx.glossary, found, concept)
}

/// [`expansion`] for a glossary (the server's inlay hints).
pub fn expansion_in(glossary: &crate::glossary::Glossary, found: &str, id: ConceptId) -> String {
    let c = glossary.concept(id);
    c.acronyms()
        .find(|n| n.text == found || is_plural_of(&fold_name(found), &fold_name(&n.text)))
        .and_then(|n| n.expansion.as_deref().map(str::to_owned))
        .unwrap_or_else(|| c.term().to_string())
}

/// "Segment Anything Model (SAM)" for "SAM"; a plural acronym takes a plural expansion and a
/// sentence start a capital.
fn introduction(cx: &Context<'_>, m: &Match, found: &str, concept: ConceptId) -> String {
    let mut long = expansion(cx, found, concept);
    let singular = cx
        .glossary
        .concept(concept)
        .acronyms()
        .any(|n| n.text == found);
    if !singular && found.ends_with('s') {
        long = pluralize(&long);
    }
    if sentence_start(cx.text, m.range.start) {
        let mut chars = long.chars();
        if let Some(c) = chars.next() {
            long = c.to_uppercase().chain(chars).collect();
        }
    }
    format!("{long} ({found})")
}
