//! Markdown fixtures.

use super::check;
use crate::scan::FileKind;

fn md(fixture: &str) {
    check(FileKind::Markdown, fixture);
}

#[test]
fn fenced_code_with_backticks_and_tildes_is_skipped() {
    md(
        "«# Setup\n\nInstall the fine-tuning kit:\n»```sh\npip install fine-tuning\n```«\nThen\nrun it.\n»~~~\nfine tuning\n~~~«\nDone.»",
    );
}

#[test]
fn indented_code_is_skipped() {
    md("«A paragraph.\n\n    »let fine_tuning = true;\n    run();\n«\nMore prose.\n»");
}

#[test]
fn inline_code_is_skipped_and_prose_around_it_kept() {
    md("«Call »`fine_tune()`« before fine\ntuning, not after.»");
}

#[test]
fn emphasis_does_not_split_a_region() {
    md("«Use **fine**-tuning and _sparse\nautoencoders_ here.»");
}

#[test]
fn html_block_tags_comment_and_inline_html_are_skipped() {
    md(
        "«Intro.\n\n»<div class=\"note\">«\nraw html\n»</div>«\n\nText with »<span title=\"x\">«inline »</span>.\n\n<!-- glossa-ignore: SAM\n     more comment -->«\nAfter.»",
    );
}

#[test]
fn link_destination_and_title_are_skipped_text_is_prose() {
    md(
        "«See [the fine-tuning guide»](https://example.com/ft \"Fine tuning\")« and ![a diagram»](img/d.png).",
    );
}

#[test]
fn autolink_and_bare_url_are_skipped() {
    md(
        "«Docs at »<https://docs.rs/glossa>« or »https://example.com/a_(b)«, mail »<me@example.org>« or »me@example.org.",
    );
}

#[test]
fn reference_definitions_are_skipped() {
    md(
        "«See [the guide»][g]« and [Glossa»].\n\n[g]: https://example.com/guide \"Guide\"\n[glossa]: <https://glossa.dev>«\nLast line.»",
    );
}

#[test]
fn yaml_front_matter_is_skipped() {
    md("---\ntitle: Fine tuning\ntags: [sam]\n---«\n# Fine tuning\n\nBody.»");
}

#[test]
fn toml_front_matter_is_skipped() {
    md("+++\ntitle = \"Fine tuning\"\n+++«\nBody.»");
}

/// Regression: pulldown-cmark reads `---` … `---` anywhere as a metadata block; only one at the
/// very start is front matter, so a paragraph between two rules stays prose.
#[test]
fn dashes_block_after_the_start_stays_prose() {
    md("«Intro.\n\n---\nA paragraph between rules\n---\n»");
}

#[test]
fn inline_and_display_math_are_skipped() {
    md("«The loss »$L = \\sum_i x_i$« drops.\n\n»$$\nL = \\frac{1}{n}\n$$«\nAnd »$$x$$« inline.»");
}

/// Regression: pulldown-cmark's math misses `$$` blocks with a blank line inside.
#[test]
fn display_math_spanning_a_blank_line_is_skipped() {
    md("«Before.\n\n»$$\na = b\n\nc = d\n$$«\nAfter.»");
}

/// Regression: corpus pages hold `$\theta$` whose `\t` became a tab, so the math opens with
/// whitespace, which pulldown-cmark's math does not accept.
#[test]
fn inline_math_opening_with_whitespace_is_skipped() {
    md("«Weights »$\theta_m$« per model.»");
}

#[test]
fn dollar_amounts_are_not_math() {
    md("«It costs $5 or $10 per run, $100K-$1M a year (see »$x$«), rated $$$ of 5.»");
}

#[test]
fn table_cells_are_prose() {
    md(
        "«| Method | Full name | Temperature |\n|---|---|---|\n| **ALD** | Atomic Layer Deposition | »$150°C$ |\n| `code`« | plain | high |\n»",
    );
}

#[test]
fn headings_lists_quotes_and_attributes() {
    md("«# Fine tuning» {#ft .big}\n«\n- item one\n- »[ ]« task two\n\n> quoted fine\n> tuning\n»");
}

#[test]
fn footnote_label_and_reference_are_skipped() {
    md("«A claim.»[^src]\n\n[^src]:« The source text.»");
}

#[test]
fn crlf_line_endings() {
    md("«Intro line\r\n\r\n»```\r\ncode\r\n```«\r\nAfter »`x`« line\r\n»");
}

#[test]
fn unicode_text_keeps_char_boundaries() {
    md("«Café 😀 模型微调 e\u{301}tude »`代码`« ñandú »https://例え.jp« 🎉 fin.»");
}

/// A real corpus page: Markdown-like, with `$$` display math, inline math and tables.
#[test]
fn corpus_page_math_is_skipped_and_table_text_is_prose() {
    let text = include_str!("../../../../../../corpus/ai-factory/002_c333133cd8f12d91.txt");
    let regions = crate::scan::prose_regions(text, FileKind::Markdown);
    let in_prose = |at: usize| regions.iter().any(|r| r.contains(&at));
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in page"))
    };

    // Every `$$` … `$$` block: no byte of it is prose.
    let mut blocks = 0;
    let mut from = 0;
    while let Some(open) = text[from..].find("\n$$\n").map(|p| from + p + 1) {
        let close = text[open + 3..]
            .find("$$")
            .map_or(text.len(), |p| open + 3 + p + 2);
        assert!(
            !(open..close).any(in_prose),
            "display math at {open}..{close} is prose: {:?}",
            &text[open..close]
        );
        blocks += 1;
        from = close;
    }
    assert!(
        blocks > 10,
        "the page has many display-math blocks, found {blocks}"
    );
    assert!(!in_prose(at("\\frac{\\partial C}{\\partial t}")));

    // Table cells are prose; their inline math is not.
    for cell in [
        "Plasma-Enhanced CVD",
        "Atomic Layer Deposition",
        "Knudsen Number",
        "Viscous flow",
    ] {
        let start = at(cell);
        assert!(
            regions
                .iter()
                .any(|r| r.start <= start && start + cell.len() <= r.end),
            "{cell:?} is not inside one region"
        );
    }
    assert!(!in_prose(at("$Kn < 0.01$") + 1));
    assert!(!in_prose(at("$200-400°C$") + 1));

    // Inline math whose `\theta` lost its `\t` to a tab: `$<tab>heta_m$`.
    assert!(!in_prose(at("heta_m$.")));
    assert!(in_prose(at("Initialize network")));
}

/// Issue 6: pulldown-cmark keeps only the first definition of a label and emits nothing for a
/// repeated one, whose text was left as prose.
#[test]
fn a_repeated_reference_definition_is_skipped_like_the_first() {
    md("«See [a»].\n\n[a]: /x\n[a]: /x-fine-tuning«\n\nLast line.»");
    md("«Text.\n\n»[a]: /x«\nMore.\n\n»[a]: /y \"SAM\"\n");
}

/// Issue 6: prose inside HTML blocks (README headers, `<details>`, tables written in HTML) is
/// prose; tag names, attributes, comments, entities and the content of code-like elements are
/// not.
#[test]
fn prose_inside_html_blocks_is_prose() {
    md("<details>\n<summary>«Fine tuning»</summary>«\nMarkdown body.\n\n»</details>\n");
    md("<p align=\"center\"><img src=\"a.png\" alt=\"SAM logo\">«Fine tuning »<b>«kit»</b></p>\n");
    md(
        "<table><tr>\n<td>«Sparse training»</td><td><code>sam.fit()</code></td>\n<td>«a »&nbsp;« b»</td>\n</tr></table>\n",
    );
    md(
        "<div>\n<!-- SAM here -->\n<pre>\nSAM\n</pre>«\nText »<script>x = \"SAM\"</script>\n</div>\n",
    );
    md("<div>«\nUse »`SAM`« and »<kbd>SAM</kbd>« here.\n»</div>\n");
}

/// Issue 6: inline `<code>` in a paragraph is code, as its backtick form is.
#[test]
fn inline_html_code_is_skipped() {
    md("«Call »<code>sam.fit()</code>« then »<kbd>Ctrl</kbd>« and »<b>«bold»</b>.");
}
