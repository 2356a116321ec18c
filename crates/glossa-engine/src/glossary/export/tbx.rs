//! TBX-Basic 2019 (ISO 30042:2019, DCA style) from a glossary: one `conceptEntry` per concept, one
//! English `langSec`, one `termSec` per name (the head first).
//!
//! Statuses: preferred → preferredTerm, admitted → admittedTerm, deprecated → deprecatedTerm,
//! forbidden → deprecatedTerm with the note `forbidden` (TBX-Basic has no forbidden status;
//! `formats::tbx` reads the note back). Acronyms get `termType` acronym; the category is the
//! `subjectField`; the definition is a `definition`; examples are the head term's `context`s;
//! the reason is a `note` of the language section; see-also names that are concepts of the
//! glossary are `crossReference`s. Keywords, the casing rule (`case`, `case_sensitive`), a
//! display name and second definitions have no TBX-Basic data category and are reported.

use std::fmt::Write;

use quick_xml::escape::escape;

use super::{Exported, File, entries_of};
use crate::glossary::{Casing, Glossary, NameKind, Status, fold_name};

/// The TBX document of a glossary.
pub fn export(glossary: &Glossary) -> Exported {
    let mut out = Exported::default();
    let entries = entries_of(glossary);
    let id_of = |term: &str| {
        entries
            .iter()
            .position(|e| fold_name(&e.term) == fold_name(term))
            .map(|i| format!("c{}", i + 1))
    };
    let mut x = String::new();
    x.push_str(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n",
        "<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch\" type=\"application/xml\" schematypens=\"http://purl.oclc.org/dsdl/schematron\"?>\n",
        "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed:3.0\">\n",
        "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>Exported by glossa</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n",
        "  <text>\n    <body>\n",
    ));
    for (i, e) in entries.iter().enumerate() {
        let shown = format!("concept \"{}\"", e.term);
        let _ = writeln!(x, "      <conceptEntry id=\"c{}\">", i + 1);
        if let Some(c) = &e.category {
            let _ = writeln!(
                x,
                "        <descrip type=\"subjectField\">{}</descrip>",
                escape(c.as_str())
            );
        }
        for s in &e.see_also {
            match id_of(s) {
                Some(id) => {
                    let _ = writeln!(
                        x,
                        "        <ref type=\"crossReference\" target=\"{id}\">{}</ref>",
                        escape(s.as_str())
                    );
                }
                None => out
                    .dropped
                    .push(format!("{shown}: see also \"{s}\" (not a concept here)")),
            }
        }
        x.push_str("        <langSec xml:lang=\"en\">\n");
        if let Some(d) = &e.definition {
            let _ = writeln!(
                x,
                "          <descrip type=\"definition\">{}</descrip>",
                escape(d.text.as_str())
            );
        }
        if let Some(r) = &e.reason {
            let _ = writeln!(x, "          <note>{}</note>", escape(r.as_str()));
        }
        let head = e.names.iter().find(|n| n.kind == NameKind::Term);
        let head_status = head.map_or(Status::Preferred, |h| h.status);
        let head_kind = if crate::glossary::is_acronym_like(&e.term) {
            NameKind::Acronym
        } else {
            NameKind::Term
        };
        term_sec(&mut x, &e.term, head_status, head_kind, &e.examples);
        for n in e.names.iter().filter(|n| n.kind != NameKind::Term) {
            term_sec(&mut x, &n.text, n.status, n.kind, &[]);
        }
        x.push_str("        </langSec>\n      </conceptEntry>\n");
        if head.is_some_and(|h| h.casing == Casing::Exact) {
            out.dropped.push(format!("{shown}: case = \"exact\""));
        }
        if e.case_sensitive {
            out.dropped.push(format!("{shown}: case_sensitive"));
        }
        if !e.keywords.is_empty() {
            out.dropped
                .push(format!("{shown}: keywords {}", e.keywords.join(", ")));
        }
        if !e.display.is_empty() && e.display != e.term {
            out.dropped
                .push(format!("{shown}: display name \"{}\"", e.display));
        }
    }
    x.push_str("    </body>\n  </text>\n</tbx>\n");
    out.files.push(File {
        path: "glossary.tbx".into(),
        text: x,
    });
    out
}

fn term_sec(x: &mut String, text: &str, status: Status, kind: NameKind, examples: &[String]) {
    let status_value = match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated | Status::Forbidden => "deprecatedTerm-admn-sts",
    };
    let _ = writeln!(
        x,
        "          <termSec>\n            <term>{}</term>",
        escape(text)
    );
    if kind == NameKind::Acronym {
        x.push_str("            <termNote type=\"termType\">acronym</termNote>\n");
    }
    let _ = writeln!(
        x,
        "            <termNote type=\"administrativeStatus\">{status_value}</termNote>"
    );
    for ex in examples {
        let _ = writeln!(
            x,
            "            <descrip type=\"context\">{}</descrip>",
            escape(ex.as_str())
        );
    }
    if status == Status::Forbidden {
        x.push_str("            <note>forbidden</note>\n");
    }
    x.push_str("          </termSec>\n");
}
