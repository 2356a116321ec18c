//! A static glossary site: `index.html` (an A–Z index, every concept under one anchor with all its
//! names and statuses, its category, definition, examples and see-also links) and one page per
//! category under `category/`. Search filters the index in the browser with the script inlined
//! in the page, so it works from `file://` with no server.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Exported, File};
use crate::glossary::{Concept, Glossary, Status, fold_name};

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
nav.az a{margin-right:.4rem;font-weight:600}nav.az span{margin-right:.4rem;color:#bbb}
input#q{width:100%;font-size:1.1rem;padding:.4rem;margin:1rem 0}
section.concept{border-top:1px solid #ddd;padding:.5rem 0}section.concept h3{margin:.2rem 0}
.name{display:inline-block;margin:0 .5rem .2rem 0}.status{font-size:.75rem;padding:0 .3rem;border-radius:.3rem;background:#eee}
.status.deprecated{background:#fde68a}.status.forbidden{background:#fecaca}.status.preferred{background:#bbf7d0}
.category a{color:#555}.example{color:#555;font-style:italic}#count{color:#666}";

/// Filters the index as the reader types (or from `#q=…` in the address): concepts with a name
/// whose words start with the query, else concepts whose text holds it.
const SCRIPT: &str = "const q=document.getElementById('q'),count=document.getElementById('count');
const all=[...document.querySelectorAll('section.concept')];
function run(){const t=q.value.toLowerCase().replace(/[-\\s]+/g,' ').trim();
const byName=s=>(' '+s.dataset.names.replace(/ \\| /g,' ')).includes(' '+t);
let hits=t?all.filter(byName):all;let how='by name';
if(t&&!hits.length){hits=all.filter(s=>s.textContent.toLowerCase().includes(t));how='in the text'}
const set=new Set(hits);for(const s of all)s.hidden=!set.has(s);
for(const h of document.querySelectorAll('h2.letter')){let el=h.nextElementSibling,any=false;while(el&&el.tagName==='SECTION'){if(!el.hidden)any=true;el=el.nextElementSibling}h.hidden=!any}
count.textContent=t?hits.length+' of '+all.length+' concepts ('+how+')':all.length+' concepts'}
q.addEventListener('input',run);if(location.hash.startsWith('#q='))q.value=decodeURIComponent(location.hash.slice(3));run();";

/// The site of a glossary, titled `title`.
pub fn export(glossary: &Glossary, title: &str) -> Exported {
    let mut concepts: Vec<&Concept> = glossary.concepts().iter().collect();
    concepts.sort_by_key(|c| (fold_name(c.display_name()), c.id));
    let mut anchors: BTreeMap<u32, String> = BTreeMap::new();
    let mut used: Vec<String> = Vec::new();
    for c in &concepts {
        let base = slug(c.term());
        let mut a = base.clone();
        let mut i = 2;
        while used.contains(&a) {
            a = format!("{base}-{i}");
            i += 1;
        }
        used.push(a.clone());
        anchors.insert(c.id.0, a);
    }
    let mut categories: BTreeMap<String, Vec<&Concept>> = BTreeMap::new();
    for c in &concepts {
        if let Some(k) = &c.category {
            categories.entry(k.to_string()).or_default().push(c);
        }
    }
    let mut out = Exported::default();

    let mut body = String::new();
    let letters: Vec<char> = concepts.iter().map(|c| letter(c.display_name())).collect();
    body.push_str("<nav class=\"az\">");
    for l in ('A'..='Z').chain(['#']) {
        if letters.contains(&l) {
            let _ = write!(body, "<a href=\"#letter-{}\">{l}</a>", letter_id(l));
        } else {
            let _ = write!(body, "<span>{l}</span>");
        }
    }
    body.push_str("</nav>\n");
    if !categories.is_empty() {
        body.push_str("<p class=\"category\">Categories: ");
        let links: Vec<String> = categories
            .iter()
            .map(|(k, v)| {
                format!(
                    "<a href=\"category/{}.html\">{}</a> ({})",
                    slug(k),
                    esc(k),
                    v.len()
                )
            })
            .collect();
        body.push_str(&links.join(", "));
        body.push_str("</p>\n");
    }
    body.push_str("<input id=\"q\" type=\"search\" placeholder=\"Search names, definitions…\" autofocus>\n<p id=\"count\"></p>\n");
    let mut current = None;
    for c in &concepts {
        let l = letter(c.display_name());
        if current != Some(l) {
            let _ = writeln!(
                body,
                "<h2 class=\"letter\" id=\"letter-{}\">{l}</h2>",
                letter_id(l)
            );
            current = Some(l);
        }
        concept_section(&mut body, c, glossary, &anchors);
    }
    let _ = writeln!(body, "<script>{SCRIPT}</script>");
    out.files.push(File {
        path: "index.html".into(),
        text: page(title, title, &body),
    });

    for (k, list) in &categories {
        let mut b = String::from("<p><a href=\"../index.html\">← all concepts</a></p>\n<ul>\n");
        for c in list {
            let _ = writeln!(
                b,
                "<li><a href=\"../index.html#{}\">{}</a> — {}</li>",
                anchors[&c.id.0],
                esc(c.display_name()),
                esc(c.summary())
            );
        }
        b.push_str("</ul>\n");
        out.files.push(File {
            path: format!("category/{}.html", slug(k)),
            text: page(&format!("{k} — {title}"), k, &b),
        });
    }
    out
}

fn concept_section(b: &mut String, c: &Concept, g: &Glossary, anchors: &BTreeMap<u32, String>) {
    let names: Vec<String> = c.names.iter().map(|n| fold_name(&n.text)).collect();
    let _ = writeln!(
        b,
        "<section class=\"concept\" id=\"{}\" data-names=\"{}\">",
        anchors[&c.id.0],
        esc(&names.join(" | "))
    );
    let _ = writeln!(
        b,
        "<h3><a href=\"#{}\">{}</a></h3>",
        anchors[&c.id.0],
        esc(c.display_name())
    );
    b.push_str("<p class=\"names\">");
    for n in &c.names {
        let status = match n.status {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Forbidden => "forbidden",
        };
        let kind = if n.kind == crate::glossary::NameKind::Acronym {
            " acronym"
        } else {
            ""
        };
        let _ = write!(
            b,
            "<span class=\"name\">{} <span class=\"status {status}\">{status}{kind}</span></span>",
            esc(&n.text)
        );
    }
    b.push_str("</p>\n");
    if let Some(k) = &c.category {
        let _ = writeln!(
            b,
            "<p class=\"category\">Category: <a href=\"category/{}.html\">{}</a></p>",
            slug(k),
            esc(k)
        );
    }
    for d in &c.definitions {
        for para in d.text.split("\n\n") {
            let _ = writeln!(b, "<p>{}</p>", inline_markdown(para.trim()));
        }
    }
    if let Some(r) = &c.reason {
        let _ = writeln!(b, "<p class=\"reason\">{}</p>", esc(r));
    }
    for ex in &c.examples {
        let _ = writeln!(b, "<p class=\"example\">“{}”</p>", esc(ex));
    }
    if !c.see_also.is_empty() {
        let links: Vec<String> = c
            .see_also
            .iter()
            .map(|s| match g.lookup(s).first() {
                Some(id) => format!("<a href=\"#{}\">{}</a>", anchors[&id.0], esc(s)),
                None => esc(s),
            })
            .collect();
        let _ = writeln!(
            b,
            "<p class=\"see-also\">See also: {}</p>",
            links.join(", ")
        );
    }
    b.push_str("</section>\n");
}

fn page(title: &str, heading: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n{body}</body>\n</html>\n",
        esc(title),
        esc(heading)
    )
}

/// The index letter of a name: its first letter in capitals, `#` for anything else.
fn letter(name: &str) -> char {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .filter(char::is_ascii_uppercase)
        .unwrap_or('#')
}

fn letter_id(l: char) -> String {
    if l == '#' {
        "other".into()
    } else {
        l.to_string()
    }
}

/// A file and anchor name: lowercase ASCII letters and digits, anything else one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "x".into() } else { out }
}

/// Escaped text with Markdown's `**strong**` and `` `code` `` kept as HTML (what the definitions
/// use); any other Markdown stays as written.
fn inline_markdown(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in esc(s).split("**").enumerate() {
        if i % 2 == 1 {
            out.push_str("<strong>");
            out.push_str(part);
            out.push_str("</strong>");
        } else {
            out.push_str(part);
        }
    }
    if s.matches("**").count() % 2 == 1 {
        return esc(s);
    }
    let mut code = String::new();
    for (i, part) in out.split('`').enumerate() {
        if i % 2 == 1 {
            code.push_str("<code>");
            code.push_str(part);
            code.push_str("</code>");
        } else {
            code.push_str(part);
        }
    }
    if out.matches('`').count() % 2 == 1 {
        out
    } else {
        code
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
