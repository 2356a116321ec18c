//! TBX (ISO 30042) glossaries: TBX-Basic 2019 (`conceptEntry/langSec/termSec`) and the 2008
//! dialect (`martif`, `termEntry/langSet/tig` or `ntig`), read streaming with quick-xml.
//!
//! One `conceptEntry` is one entry. Of its language sections only those of the chosen language
//! are read (`language = "en"` matches `en`, `en-US`, `en-GB`; default `en`). Statuses from
//! `termNote type="administrativeStatus"`: preferredTerm → the head term, admittedTerm →
//! admitted, deprecatedTerm → deprecated (forbidden when the term carries the note `forbidden`,
//! as `glossa export tbx` writes it), supersededTerm → deprecated with "superseded" kept in the
//! concept's reason. `termType` acronym or abbreviation → an acronym (when it is in capitals),
//! fullForm → an alias. `descrip type="definition"` → definition, `subjectField` → category,
//! `context` → example, `note` on the concept or language → reason, `ref type="crossReference"`
//! → see also. Every other data category is reported as dropped, once per kind.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Loaded, Options, definition, entry, name};
use crate::glossary::{LoadError, NameKind, Status};
use crate::lines::LineIndex;

#[derive(Default)]
struct Term {
    line: u32,
    text: String,
    status: Option<String>,
    kind: Option<String>,
    contexts: Vec<String>,
    notes: Vec<String>,
}

#[derive(Default)]
struct Lang {
    lang: String,
    definitions: Vec<(u32, String)>,
    notes: Vec<String>,
    terms: Vec<Term>,
}

#[derive(Default)]
struct Concept {
    line: u32,
    id: String,
    categories: Vec<String>,
    notes: Vec<String>,
    see_also: Vec<String>,
    langs: Vec<Lang>,
}

/// The element whose text is being read.
struct Capture {
    element: String,
    kind: String,
    line: u32,
    text: String,
    depth: u32,
}

/// Parses a TBX document.
pub fn parse(path: &str, text: &str, options: &Options) -> Result<Loaded, LoadError> {
    let shared: std::sync::Arc<str> = path.into();
    let language = options
        .language
        .as_deref()
        .unwrap_or("en")
        .to_ascii_lowercase();
    let lines = LineIndex::new(text);
    // Only the line: a column counts characters from the line start, quadratic in a TBX file
    // written on one line.
    let line_at = |offset: u64| lines.line(offset as usize) as u32;
    let mut reader = Reader::from_str(text);
    let mut out = Loaded::default();
    let mut unknown: Vec<(String, u32, u32)> = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang: Option<Lang> = None;
    let mut term: Option<Term> = None;
    let mut capture: Option<Capture> = None;
    let mut root_seen = false;
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            LoadError::at(path, at..at, format!("not well-formed XML: {e}"))
        })?;
        let line = line_at(before + 1);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let element = e.local_name().as_ref().to_owned();
                if !root_seen {
                    root_seen = true;
                    if element != "tbx" && element != "martif" {
                        return Err(LoadError::new(
                            path,
                            line,
                            0,
                            format!(
                                "not a TBX file: the root element is <{element}>, not <tbx> or <martif>"
                            ),
                        ));
                    }
                }
                if let Some(c) = capture.as_mut() {
                    if !empty {
                        c.depth += 1;
                    }
                    continue;
                }
                match element.as_str() {
                    "conceptEntry" | "termEntry" => {
                        concept = Some(Concept {
                            line,
                            id: attr(e, "id").unwrap_or_default(),
                            ..Concept::default()
                        });
                    }
                    "langSec" | "langSet" => {
                        lang = Some(Lang {
                            lang: attr(e, "lang").unwrap_or_default().to_ascii_lowercase(),
                            ..Lang::default()
                        });
                    }
                    "termSec" | "tig" | "ntig" => {
                        term = Some(Term {
                            line,
                            ..Term::default()
                        });
                    }
                    "term" | "termNote" | "descrip" | "note" | "ref" | "xref" | "admin"
                        if !empty =>
                    {
                        capture = Some(Capture {
                            kind: attr(e, "type").unwrap_or_default(),
                            element: element.clone(),
                            line,
                            text: String::new(),
                            depth: 0,
                        });
                    }
                    _ => {}
                }
                if empty {
                    close(
                        &element,
                        &mut concept,
                        &mut lang,
                        &mut term,
                        &mut out,
                        &language,
                        &shared,
                    );
                }
            }
            Event::Text(t) => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(c) = capture.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = capture.as_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(ch)) => Some(ch.to_string()),
                        _ => quick_xml::escape::resolve_predefined_entity(&r).map(str::to_owned),
                    };
                    c.text
                        .push_str(&resolved.unwrap_or_else(|| format!("&{};", &*r)));
                }
            }
            Event::End(e) => {
                if let Some(c) = capture.as_mut() {
                    if c.depth > 0 {
                        c.depth -= 1;
                        continue;
                    }
                    let c = capture.take().expect("capture is set");
                    captured(c, &mut concept, &mut lang, &mut term, &mut unknown);
                    continue;
                }
                let element = e.local_name().as_ref().to_owned();
                close(
                    &element,
                    &mut concept,
                    &mut lang,
                    &mut term,
                    &mut out,
                    &language,
                    &shared,
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err(LoadError::new(
            path,
            1,
            0,
            "not a TBX file: no root element",
        ));
    }
    for (what, line, count) in unknown {
        let times = if count > 1 {
            format!(" ({count} times, first here)")
        } else {
            String::new()
        };
        out.drop_item(line, format!("{what}: no glossa equivalent{times}"));
    }
    Ok(out)
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::default())
                    .map(|v| v.into_owned())
                    .ok()
            })
            .flatten()
    })
}

/// Files the text of a finished `term`, `termNote`, `descrip`, `note` or `ref`.
fn captured(
    c: Capture,
    concept: &mut Option<Concept>,
    lang: &mut Option<Lang>,
    term: &mut Option<Term>,
    unknown: &mut Vec<(String, u32, u32)>,
) {
    let text = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return;
    }
    let kind = c.kind.as_str();
    match (c.element.as_str(), kind) {
        ("term", _) => {
            if let Some(t) = term {
                t.text = text;
            }
        }
        ("termNote", "administrativeStatus") => {
            if let Some(t) = term {
                t.status = Some(text);
            }
        }
        ("termNote", "termType") => {
            if let Some(t) = term {
                t.kind = Some(text);
            }
        }
        ("descrip", "definition") => {
            if let Some(l) = lang {
                l.definitions.push((c.line, text));
            } else if let Some(k) = concept {
                // A definition on the concept itself (some 2008 files): for every language.
                k.langs.push(Lang {
                    lang: "*".into(),
                    definitions: vec![(c.line, text)],
                    ..Lang::default()
                });
            }
        }
        ("descrip", "subjectField") => {
            if let Some(k) = concept {
                k.categories.push(text);
            }
        }
        ("descrip", "context") => {
            if let Some(t) = term {
                t.contexts.push(text);
            }
        }
        ("note", _) => {
            if let Some(t) = term {
                t.notes.push(text);
            } else if let Some(l) = lang {
                l.notes.push(text);
            } else if let Some(k) = concept {
                k.notes.push(text);
            }
        }
        ("ref" | "xref", "crossReference") => {
            if let Some(k) = concept {
                k.see_also.push(text);
            }
        }
        (element, kind) => {
            let what = format!("<{element} type=\"{kind}\">");
            match unknown.iter_mut().find(|(w, _, _)| *w == what) {
                Some((_, _, n)) => *n += 1,
                None => unknown.push((what, c.line, 1)),
            }
        }
    }
}

/// Ends a term, language section or concept.
fn close(
    element: &str,
    concept: &mut Option<Concept>,
    lang: &mut Option<Lang>,
    term: &mut Option<Term>,
    out: &mut Loaded,
    language: &str,
    path: &std::sync::Arc<str>,
) {
    match element {
        "termSec" | "tig" | "ntig" => {
            if let (Some(t), Some(l)) = (term.take(), lang.as_mut()) {
                l.terms.push(t);
            }
        }
        "langSec" | "langSet" => {
            if let (Some(l), Some(k)) = (lang.take(), concept.as_mut()) {
                k.langs.push(l);
            }
        }
        "conceptEntry" | "termEntry" => {
            if let Some(k) = concept.take() {
                build(k, out, language, path);
            }
        }
        _ => {}
    }
}

fn lang_matches(tag: &str, want: &str) -> bool {
    tag == want || tag.strip_prefix(want).is_some_and(|r| r.starts_with('-'))
}

/// One concept's entry, from its sections in `language`.
fn build(k: Concept, out: &mut Loaded, language: &str, path: &std::sync::Arc<str>) {
    let shown = if k.id.is_empty() {
        String::from("concept")
    } else {
        format!("concept {}", k.id)
    };
    let langs: Vec<&Lang> = k
        .langs
        .iter()
        .filter(|l| lang_matches(&l.lang, language))
        .collect();
    let mut terms: Vec<&Term> = langs
        .iter()
        .flat_map(|l| l.terms.iter())
        .filter(|t| !t.text.is_empty())
        .collect();
    if terms.is_empty() {
        let have: Vec<&str> = k
            .langs
            .iter()
            .filter(|l| !l.terms.is_empty())
            .map(|l| l.lang.as_str())
            .collect();
        out.drop_item(
            k.line,
            format!(
                "{shown}: no term in language `{language}` (it has: {})",
                have.join(", ")
            ),
        );
        return;
    }
    let status_of = |t: &Term| -> (Status, bool) {
        let forbidden = t.notes.iter().any(|n| n.eq_ignore_ascii_case("forbidden"));
        match t.status.as_deref().map(|s| s.trim_end_matches("-admn-sts")) {
            Some("preferredTerm") => (Status::Preferred, false),
            Some("deprecatedTerm") if forbidden => (Status::Forbidden, false),
            Some("forbiddenTerm") => (Status::Forbidden, false),
            Some("deprecatedTerm") => (Status::Deprecated, false),
            Some("supersededTerm") => (Status::Deprecated, true),
            _ => (Status::Admitted, false),
        }
    };
    // The head: the first preferred term, else the first admitted one, else the first term
    // (then itself flagged).
    let head = terms
        .iter()
        .position(|t| status_of(t).0 == Status::Preferred)
        .or_else(|| {
            terms
                .iter()
                .position(|t| status_of(t).0 == Status::Admitted)
        })
        .unwrap_or(0);
    let head_term = terms.remove(head);
    let mut e = entry(&head_term.text);
    let (head_status, _) = status_of(head_term);
    if head_status != Status::Preferred && head_status != Status::Admitted {
        e.names.push(crate::glossary::Name::new(
            &head_term.text,
            head_status,
            NameKind::Term,
        ));
    }
    e.category = k.categories.first().cloned();
    for extra in k.categories.iter().skip(1) {
        out.drop_item(k.line, format!("{shown}: second subjectField \"{extra}\""));
    }
    let mut superseded = Vec::new();
    let mut examples: Vec<String> = head_term.contexts.clone();
    for t in terms {
        let (status, was_superseded) = status_of(t);
        let status = if status == Status::Preferred {
            Status::Admitted
        } else {
            status
        };
        let kind = match t.kind.as_deref() {
            Some("acronym" | "abbreviation" | "initialism") => NameKind::Acronym,
            _ => NameKind::Alias,
        };
        let kind = if kind == NameKind::Acronym && !crate::glossary::is_acronym_like(&t.text) {
            NameKind::Alias
        } else {
            kind
        };
        e.names.push(name(&t.text, status, kind));
        if was_superseded {
            superseded.push(t.text.clone());
        }
        examples.extend(t.contexts.iter().cloned());
        for n in t
            .notes
            .iter()
            .filter(|n| !n.eq_ignore_ascii_case("forbidden"))
        {
            out.drop_item(t.line, format!("note on term \"{}\": \"{n}\"", t.text));
        }
    }
    for n in head_term
        .notes
        .iter()
        .filter(|n| !n.eq_ignore_ascii_case("forbidden"))
    {
        out.drop_item(
            head_term.line,
            format!("note on term \"{}\": \"{n}\"", head_term.text),
        );
    }
    e.examples = examples;
    let mut definitions = langs.iter().flat_map(|l| l.definitions.iter()).chain(
        k.langs
            .iter()
            .filter(|l| l.lang == "*")
            .flat_map(|l| l.definitions.iter()),
    );
    if let Some((line, text)) = definitions.next() {
        e.definition = Some(definition(path, *line, text));
    }
    for (line, text) in definitions {
        out.drop_item(
            *line,
            format!("{shown}: second definition \"{}\"", short(text)),
        );
    }
    let mut notes: Vec<String> = k.notes.clone();
    notes.extend(langs.iter().flat_map(|l| l.notes.iter().cloned()));
    if !superseded.is_empty() {
        notes.push(format!("Superseded: {}.", superseded.join(", ")));
    }
    if !notes.is_empty() {
        e.reason = Some(notes.join(" "));
    }
    e.see_also = k.see_also;
    out.entries.push(e);
}

fn short(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_well_formed_xml_is_located() {
        let text = "<tbx>\n<text><body>\n<conceptEntry id=\"1\">\n</body></tbx>\n";
        let err = parse("t.tbx", text, &Options::default())
            .unwrap_err()
            .located(text);
        assert_eq!(err.path, "t.tbx");
        assert!(err.line >= 3, "{err}");
    }

    #[test]
    fn another_xml_file_is_refused() {
        let err = parse("t.tbx", "<html><body/></html>", &Options::default()).unwrap_err();
        assert!(err.message.contains("<html>"), "{err}");
    }
}
