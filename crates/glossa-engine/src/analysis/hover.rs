//! Hover text: what a writer reads when pointing at a glossary name, as Markdown.
//!
//! The text is built here, from the glossary alone, so every front end (the server's hover, the
//! server's completion documentation, a future `glossa define --markdown`) shows the same thing.
//! Nothing here knows about LSP: the server converts positions and wraps the string.

use std::fmt::Write as _;

use super::describe;
use crate::glossary::{Concept, ConceptId, Glossary, NameRef};
use crate::scan::Match;

/// Definitions longer than this (in characters) are cut, with a pointer to the full entry.
pub const MAX_DEFINITION_CHARS: usize = 600;

/// The match that covers byte `offset` (a match covers its start up to and including its end,
/// so a cursor just after a word still hovers it). `matches` is sorted by start.
pub fn match_at(matches: &[Match], offset: usize) -> Option<&Match> {
    let i = matches.partition_point(|m| m.range.start <= offset);
    let m = matches.get(i.checked_sub(1)?)?;
    (offset <= m.range.end).then_some(m)
}

/// The concepts an occurrence stands for: its senses (through preferred and admitted names), or
/// for a deprecated or forbidden name, the concepts that name points to.
pub fn concepts_of(glossary: &Glossary, refs: &[NameRef]) -> Vec<ConceptId> {
    let senses = crate::analysis::rules::senses(glossary, refs);
    if !senses.is_empty() {
        return senses;
    }
    let mut out = Vec::new();
    for r in refs {
        if !out.contains(&r.concept) {
            out.push(r.concept);
        }
    }
    out
}

/// The hover Markdown for an occurrence of `found` whose glossary names are `refs`.
pub fn hover_markdown(glossary: &Glossary, refs: &[NameRef], found: &str) -> String {
    let concepts = concepts_of(glossary, refs);
    let mut out = String::new();
    match concepts.as_slice() {
        [] => {}
        [one] => {
            let c = glossary.concept(*one);
            let status = found_status(glossary, refs, *one, found);
            concept_section(&mut out, c, status.as_deref(), "###", true);
        }
        many => {
            let _ = writeln!(
                out,
                "**{found}** is ambiguous: it has {} senses.\n",
                many.len()
            );
            for (i, id) in many.iter().enumerate() {
                if i > 0 {
                    out.truncate(out.trim_end().len());
                    out.push_str("\n\n---\n\n");
                }
                let c = glossary.concept(*id);
                let status = found_status(glossary, refs, *id, found);
                let title = format!("### {}.", i + 1);
                concept_section(&mut out, c, status.as_deref(), &title, false);
            }
        }
    }
    out.trim_end().to_owned()
}

/// The hover for an occurrence as the document means it (`senses`): `None` when no sense fits
/// it here. When the name has several senses, each one shown says what in the document fits
/// it, best first.
pub fn hover_in_document(
    text: &str,
    glossary: &Glossary,
    matches: &[Match],
    m: &Match,
) -> Option<String> {
    hover_in_reading(
        text,
        glossary,
        crate::analysis::senses::Reading::new(text, glossary, matches),
        m,
    )
}

/// [`hover_in_document`] with the document's reading made already (the server keeps its
/// words between requests: `analysis::reading`).
pub fn hover_in_reading(
    text: &str,
    glossary: &Glossary,
    reading: crate::analysis::senses::Reading<'_>,
    m: &Match,
) -> Option<String> {
    let (read, mut reading) = crate::analysis::senses::resolve_one_in(reading, m);
    let read = read?;
    let found = &text[m.range.clone()];
    let mut out = hover_markdown(glossary, &read.refs, found);
    let all = crate::analysis::rules::senses(glossary, &m.refs);
    if all.len() > 1 {
        let shown = concepts_of(glossary, &read.refs);
        let mut lines = Vec::new();
        for s in reading
            .rank(m)
            .iter()
            .filter(|s| shown.contains(&s.concept))
        {
            if s.why.is_empty() {
                continue;
            }
            let c = glossary.concept(s.concept);
            lines.push(format!("- {}: {}", c.display_name(), s.why.join(", ")));
        }
        if !lines.is_empty() {
            let chosen = if shown.len() == 1 {
                format!("*Chosen among {} senses by this document:*", all.len())
            } else {
                "*What in this document fits each sense:*".to_owned()
            };
            out.push_str(&format!("\n\n---\n\n{chosen}\n{}", lines.join("\n")));
        }
    }
    Some(out)
}

/// The full Markdown documentation of one concept (completion details, workspace symbols).
pub fn concept_markdown(concept: &Concept) -> String {
    let mut out = String::new();
    concept_section(&mut out, concept, None, "###", true);
    out.trim_end().to_owned()
}

/// What the name as found is, for the concept `id` (`describe::name_status`).
fn found_status(
    glossary: &Glossary,
    refs: &[NameRef],
    id: ConceptId,
    found: &str,
) -> Option<String> {
    let r = refs.iter().find(|r| r.concept == id)?;
    let name = glossary.name(*r);
    let concept = glossary.concept(id);
    Some(describe::name_status(
        concept,
        Some(name),
        found,
        describe::markdown_strong,
    ))
}

fn concept_section(out: &mut String, c: &Concept, status: Option<&str>, heading: &str, full: bool) {
    let _ = writeln!(out, "{heading} {}\n", c.display_name());
    let mut meta: Vec<String> = Vec::new();
    if let Some(cat) = &c.category {
        meta.push(format!("*{cat}*"));
    }
    if let Some(s) = status {
        meta.push(s.to_owned());
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    let summary = c.summary();
    if let Some(def) = c.definitions.first() {
        if full && def.text.trim() != summary {
            let (text, cut) = cut_text(def.text.trim(), MAX_DEFINITION_CHARS);
            let _ = writeln!(out, "{text}{}\n", if cut { " …" } else { "" });
        } else if !summary.is_empty() {
            let _ = writeln!(out, "{summary}\n");
        }
    }
    if let Some(reason) = &c.reason {
        let _ = writeln!(out, "*Why:* {reason}\n");
    }
    let others = describe::other_names(c, "Other names:", describe::markdown_strong);
    if !others.is_empty() {
        let _ = writeln!(out, "{others}\n");
    }
    if let Some(src) = c.source() {
        let _ = writeln!(out, "Full entry: `{src}`\n");
    }
}

/// Cuts `text` to at most `max` characters at a word boundary; true when it was cut.
pub fn cut_text(text: &str, max: usize) -> (&str, bool) {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return (text, false);
    };
    let head = &text[..end];
    let at = head.rfind(char::is_whitespace).unwrap_or(end);
    (head[..at].trim_end(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_stops_at_a_word_boundary() {
        assert_eq!(cut_text("short", 10), ("short", false));
        assert_eq!(cut_text("alpha beta gamma", 12), ("alpha beta", true));
        assert_eq!(cut_text("ééééé ééé", 7), ("ééééé", true));
    }

    #[test]
    fn match_at_includes_the_end_of_a_word() {
        let m = |r: std::ops::Range<usize>| Match {
            range: r,
            refs: vec![NameRef {
                concept: ConceptId(0),
                name: 0,
            }],
            statuses: Default::default(),
        };
        let ms = [m(4..7), m(10..12)];
        assert_eq!(match_at(&ms, 3), None);
        assert_eq!(match_at(&ms, 4).map(|m| m.range.clone()), Some(4..7));
        assert_eq!(match_at(&ms, 7).map(|m| m.range.clone()), Some(4..7));
        assert_eq!(match_at(&ms, 8), None);
        assert_eq!(match_at(&ms, 11).map(|m| m.range.clone()), Some(10..12));
    }
}
