//! Every glossary format on one shared document: each fixture in `tests/cmd/formats.in/` is a
//! real file of its tool's syntax, loaded as `glossa.toml` would load it; the findings on
//! `tests/cmd/formats.in/example.md` are rendered as «text|rule» marks and compared with
//! `tests/formats/<case>.expect.md`, which marks what that format's own tool flags on the
//! document (Vale, textlint-rule-terminology, prh; a TBX or CSV glossary's deprecated and
//! forbidden names). Where glossa and the tool part, the expectation file says so in a comment
//! at its end. The dropped items each loader reports are part of the expectation.
//!
//! `GLOSSA_BLESS=1 cargo test --test formats` rewrites the expectations; review the diff against
//! the tool's documented behaviour before committing.

use std::path::{Path, PathBuf};

use glossa_engine::analysis::{self, Finding, RuleSettings};
use glossa_engine::glossary::Glossary;
use glossa_engine::glossary::formats::{Format, Options};
use glossa_engine::scan::{FileKind, Matcher};
use glossa_project::{GlossaryFile, load_glossary};

/// The fixtures: also the folder of the CLI cases `tests/cmd/formats_*.toml`.
fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cmd/formats.in")
}

fn expect_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/formats")
}

/// The text with each finding marked «text|rule».
fn render(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut at = 0;
    let mut findings: Vec<&Finding> = findings.iter().collect();
    findings.sort_by_key(|f| (f.range.start, f.rule.id()));
    let mut i = 0;
    while i < findings.len() {
        let range = findings[i].range.clone();
        let mut rules = vec![findings[i].rule.id()];
        while i + 1 < findings.len() && findings[i + 1].range == range {
            i += 1;
            rules.push(findings[i].rule.id());
        }
        if range.start >= at {
            out.push_str(&text[at..range.start]);
            out.push_str(&format!("«{}|{}»", &text[range.clone()], rules.join(",")));
            at = range.end;
        }
        i += 1;
    }
    out.push_str(&text[at..]);
    out
}

/// Loads the glossaries of a case (several files: a Vale vocabulary and its rule).
fn check_case(case: &str, files: &[(&str, Option<Format>)]) {
    let mut entries = Vec::new();
    let mut dropped = String::new();
    for (file, format) in files {
        let g = GlossaryFile {
            path: dir().join(file),
            format: *format,
            options: Options::default(),
        };
        let loaded = load_glossary(&g).unwrap_or_else(|e| panic!("{e}"));
        entries.extend(loaded.entries);
        for d in loaded.dropped {
            dropped.push_str(&format!("{file}:{}: dropped: {}\n", d.line, d.what));
        }
    }
    let glossary = Glossary::from_entries(entries);
    let matcher = Matcher::new(&glossary);
    let text = std::fs::read_to_string(dir().join("example.md")).unwrap();
    let findings = analysis::check(
        &text,
        FileKind::Markdown,
        &glossary,
        &matcher,
        &RuleSettings::default(),
    );
    let mut concepts = String::new();
    for c in glossary.concepts() {
        let names: Vec<String> = c
            .names
            .iter()
            .skip(1)
            .map(|n| format!("{} ({})", n.text, n.status.as_str()))
            .collect();
        concepts.push_str(&format!(
            "- {} ({}){}{}{}\n",
            c.term(),
            c.names[0].status.as_str(),
            c.category
                .as_ref()
                .map(|k| format!(" [{k}]"))
                .unwrap_or_default(),
            if names.is_empty() {
                String::new()
            } else {
                format!(": {}", names.join(", "))
            },
            if c.definitions.is_empty() {
                ""
            } else {
                " +definition"
            },
        ));
    }
    let actual = format!(
        "{}\n--- concepts\n{concepts}--- dropped\n{dropped}",
        render(&text, &findings)
    );
    let expect_path = expect_dir().join(format!("{case}.expect.md"));
    let expected = std::fs::read_to_string(&expect_path).unwrap_or_default();
    // Comments after a line `<!-- notes -->` explain; they are not compared.
    let expected_core = expected
        .split("<!-- notes -->")
        .next()
        .unwrap_or("")
        .to_owned();
    if std::env::var_os("GLOSSA_BLESS").is_some() {
        let notes = expected
            .split_once("<!-- notes -->")
            .map(|(_, n)| format!("<!-- notes -->{n}"))
            .unwrap_or_default();
        std::fs::write(&expect_path, format!("{actual}{notes}")).unwrap();
        return;
    }
    assert_eq!(
        actual,
        expected_core,
        "{case}: findings differ from {}",
        expect_path.display()
    );
}

#[test]
fn tbx_basic_2019() {
    check_case("tbx-2019", &[("acme-2019.tbx", None)]);
}

#[test]
fn tbx_basic_2008() {
    check_case("tbx-2008", &[("acme-2008.tbx", None)]);
}

#[test]
fn csv() {
    check_case("csv", &[("acme.csv", None)]);
}

#[test]
fn tsv() {
    check_case("tsv", &[("acme.tsv", None)]);
}

#[test]
fn vale_vocabulary_and_substitution_rule() {
    check_case(
        "vale",
        &[
            ("styles/config/vocabularies/Acme/accept.txt", None),
            ("styles/config/vocabularies/Acme/reject.txt", None),
            ("styles/Acme/Terms.yml", None),
        ],
    );
}

#[test]
fn textlint_terminology() {
    check_case("textlint", &[("terms.jsonc", None)]);
}

#[test]
fn prh() {
    check_case("prh", &[("prh.yml", Some(Format::Prh))]);
}

#[test]
fn contextive() {
    check_case("contextive", &[("acme.glossary.yml", None)]);
}

/// `glossa export tbx` then the TBX loader gives back the same glossary (everything TBX-Basic
/// can carry: statuses, forbidden as a note, acronyms, category, definition, reason, examples,
/// see also, a head that is itself forbidden).
#[test]
fn tbx_export_round_trips() {
    use glossa_engine::glossary::export::{entries_of, tbx};
    use glossa_engine::glossary::formats::{self, to_native};
    let path = dir().join("roundtrip.toml");
    let g = Glossary::from_entries(load_glossary(&GlossaryFile::new(path)).unwrap().entries);
    let exported = tbx::export(&g);
    assert_eq!(exported.dropped, Vec::<String>::new());
    let back = formats::parse(
        Format::Tbx,
        "glossary.tbx",
        &exported.files[0].text,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(back.dropped, []);
    let again = Glossary::from_entries(back.entries);
    let before = to_native::render(&entries_of(&g), "");
    let after = to_native::render(&entries_of(&again), "");
    assert!(
        before.contains("forbidden = [\"fine-tunning\"]"),
        "{before}"
    );
    assert!(before.contains("status = \"forbidden\""), "{before}");
    assert_eq!(after, before);
}

/// Every link of the exported site leads to a page of the site and an anchor on it: the A–Z
/// letters, the categories, each concept's own anchor and its see-also links.
#[test]
fn html_site_links_resolve() {
    use glossa_engine::glossary::export::html;
    let g = Glossary::from_entries(
        load_glossary(&GlossaryFile::new(dir().join("roundtrip.toml")))
            .unwrap()
            .entries,
    );
    let site = html::export(&g, "House terms");
    let page = |path: &str| site.files.iter().find(|f| f.path == path);
    let mut links = 0;
    for f in &site.files {
        let base = Path::new(&f.path).parent().unwrap().to_path_buf();
        for href in f.text.split("href=\"").skip(1) {
            let href = &href[..href.find('"').unwrap()];
            let (file, anchor) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                f.path.clone()
            } else {
                let mut p = base.clone();
                for part in file.split('/') {
                    if part == ".." {
                        p.pop();
                    } else {
                        p.push(part);
                    }
                }
                p.to_string_lossy().into_owned()
            };
            let target_page =
                page(&target).unwrap_or_else(|| panic!("{}: link {href} leads to no page", f.path));
            assert!(
                anchor.is_empty() || target_page.text.contains(&format!("id=\"{anchor}\"")),
                "{}: link {href}: no such anchor",
                f.path
            );
            links += 1;
        }
    }
    assert!(links > 0);
    let index = page("index.html").unwrap();
    for (name, status) in [
        ("fine-tunning", "forbidden"),
        ("finetuning", "deprecated"),
        ("SAM", "admitted acronym"),
        ("whitelist", "forbidden"),
    ] {
        assert!(
            index.text.contains(&format!("{name} <span class=\"status"))
                && index.text.contains(status),
            "{name} shown with its status {status}"
        );
    }
    assert!(
        index
            .text
            .contains("href=\"#transfer-learning\">transfer learning</a>")
    );
    assert!(
        page("category/vision.html")
            .unwrap()
            .text
            .contains("../index.html#segment-anything-model")
    );
}

/// `glossa export vale` read back by the Vale loaders flags what the glossary flags: the
/// deprecated and forbidden names with their replacement, the head to avoid with none.
#[test]
fn vale_export_reads_back_to_the_same_findings() {
    use glossa_engine::glossary::export::vale;
    use glossa_engine::glossary::formats;
    let native = Glossary::from_entries(
        load_glossary(&GlossaryFile::new(dir().join("roundtrip.toml")))
            .unwrap()
            .entries,
    );
    let exported = vale::export(&native);
    let mut entries = Vec::new();
    for f in &exported.files {
        let format = match f.path.rsplit('/').next().unwrap() {
            "accept.txt" => Format::ValeAccept,
            "reject.txt" => Format::ValeReject,
            _ => Format::Vale,
        };
        let loaded = formats::parse(format, &f.path, &f.text, &Options::default()).unwrap();
        assert_eq!(loaded.dropped, [], "{}", f.path);
        entries.extend(loaded.entries);
    }
    let back = Glossary::from_entries(entries);
    let text =
        "We avoid finetuning and fine-tunning; whitelist nothing. Fine-tuning a SAM is fine.\n";
    // What Vale can say: names to avoid and their replacements (acronym-first-use needs the
    // glossary's expansions, which a Vale vocabulary does not carry).
    let findings = |g: &Glossary| {
        let m = Matcher::new(g);
        analysis::check(text, FileKind::Markdown, g, &m, &RuleSettings::default())
            .into_iter()
            .filter(|f| f.rule.id() != "acronym-first-use")
            .map(|f| (text[f.range].to_owned(), f.rule.id(), f.replacement))
            .collect::<Vec<_>>()
    };
    let want = findings(&native);
    assert_eq!(
        want.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["finetuning", "fine-tunning", "whitelist"]
    );
    assert_eq!(findings(&back), want);
}
