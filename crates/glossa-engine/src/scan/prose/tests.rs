//! Fixture tests for prose regions. Each fixture is a document with its expected prose marked
//! `«…»`; [`check`] strips the marks, computes the regions and renders them back with marks, so
//! a failure shows the whole document with the regions found.

use std::ops::Range;

use super::{FileKind, prose_regions};

mod latex;
mod markdown;
mod props;
mod rst_adoc;

/// Marks `regions` of `text` with `«` and `»`.
fn render(text: &str, regions: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * regions.len());
    let mut pos = 0;
    for r in regions {
        out.push_str(&text[pos..r.start]);
        out.push('«');
        out.push_str(&text[r.clone()]);
        out.push('»');
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Asserts that the regions of the unmarked `fixture` are the marked ones.
#[track_caller]
fn check(kind: FileKind, fixture: &str) {
    let text = fixture.replace(['«', '»'], "");
    let found = render(&text, &prose_regions(&text, kind));
    assert_eq!(
        found, fixture,
        "\n--- found:\n{found}\n--- expected:\n{fixture}\n"
    );
}

#[test]
fn plain_text_is_prose_except_urls_and_emails() {
    check(
        FileKind::Text,
        "«Fine-tuning notes: see »https://example.com/a?b=c«.\nMail »jane@example.org« or visit »www.example.net« today.\n»",
    );
}

#[test]
fn empty_and_blank_documents_have_no_regions() {
    for kind in [
        FileKind::Text,
        FileKind::Markdown,
        FileKind::Latex,
        FileKind::Rst,
        FileKind::Asciidoc,
    ] {
        assert!(prose_regions("", kind).is_empty());
        assert!(prose_regions(" \n\t\r\n", kind).is_empty());
    }
}

#[test]
fn file_kinds_from_names_and_paths() {
    use std::path::Path;
    assert_eq!(
        FileKind::from_path(Path::new("docs/a.MD")),
        Some(FileKind::Markdown)
    );
    assert_eq!(
        FileKind::from_path(Path::new("paper.tex")),
        Some(FileKind::Latex)
    );
    assert_eq!(
        FileKind::from_path(Path::new("index.rst")),
        Some(FileKind::Rst)
    );
    assert_eq!(
        FileKind::from_path(Path::new("guide.adoc")),
        Some(FileKind::Asciidoc)
    );
    assert_eq!(FileKind::from_name("restructuredtext"), Some(FileKind::Rst));
    assert_eq!(FileKind::from_name("asciidoc"), Some(FileKind::Asciidoc));
    assert_eq!(FileKind::from_path(Path::new("main.rs")), None);
    for kind in [
        FileKind::Text,
        FileKind::Markdown,
        FileKind::Latex,
        FileKind::Rst,
        FileKind::Asciidoc,
    ] {
        assert_eq!(FileKind::from_name(kind.as_str()), Some(kind));
    }
}
