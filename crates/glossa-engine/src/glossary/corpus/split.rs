//! Splitting one page into raw entries: the site preamble is dropped, header lines are found,
//! and every line up to the next header is the entry's body.
//!
//! A header is a line of comma-separated names (see [`is_header`]) outside fenced code and `$$`
//! display math. Some bodies were cut short by the export inside a `$$` block that never closes
//! (page 003, "transformer,transformers,…"); so inside a block a header-shaped line still opens
//! a new entry when the line after it starts with `**`, the bold display name every such
//! definition opens with.

/// One entry as written on a page, before its names are interpreted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEntry<'a> {
    /// The header line, trimmed.
    pub header: &'a str,
    /// 1-based line of the header.
    pub line: u32,
    /// The body lines, blank lines around them removed, joined with `\n`.
    pub body: String,
}

/// Every entry of one page, in order.
pub fn split_page(text: &str) -> Vec<RawEntry<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let start = preamble_len(&lines);
    let mut headers: Vec<usize> = Vec::new();
    let mut block: Option<&str> = None; // the fence that closes the open block
    for i in start..lines.len() {
        let t = lines[i].trim();
        if let Some(close) = block {
            let next_is_bold = lines.get(i + 1).is_some_and(|n| n.starts_with("**"));
            if is_header(t) && next_is_bold {
                block = None;
                headers.push(i);
            } else if t.starts_with(close) && t.matches(close).count() % 2 == 1 {
                block = None;
            }
            continue;
        }
        if let Some(fence) = ["```", "$$"].into_iter().find(|f| t.starts_with(f)) {
            if t.matches(fence).count() % 2 == 1 {
                block = Some(fence);
            }
            continue;
        }
        if is_header(t) {
            headers.push(i);
        }
    }
    headers
        .iter()
        .enumerate()
        .map(|(k, &h)| {
            let end = headers.get(k + 1).copied().unwrap_or(lines.len());
            let body = lines[h + 1..end].join("\n");
            RawEntry {
                header: lines[h].trim(),
                line: u32::try_from(h + 1).unwrap_or(u32::MAX),
                body: body.trim().to_owned(),
            }
        })
        .collect()
}

/// Lines of site navigation before the first entry: from "← Back to AI Factory Chat" down to
/// "Showing page N of M (K entries)". Pages without it start with an entry.
fn preamble_len(lines: &[&str]) -> usize {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let Some(first) = first else { return 0 };
    if !lines[first].trim_start().starts_with("← Back to") {
        return 0;
    }
    lines
        .iter()
        .take(20)
        .position(|l| l.trim_start().starts_with("Showing page"))
        .map_or(first + 1, |i| i + 1)
}

/// Words that start a clause, never a glossary name.
const CONNECTIVES: &[&str] = &[
    "and", "or", "but", "which", "where", "that", "the", "with", "while", "so", "then",
];

/// The header test: a line of comma-separated names.
///
/// - it has a comma, starts with a lowercase letter or a digit (not a numbered list item);
/// - no Markdown or math characters (`$ * \ ` | = { } [ ] " _ ; < >`), no sentence punctuation
///   at the end (`. : ; ? !`);
/// - every item has a letter, at most 8 words, and does not start with a connective ("and …").
///
/// Body lines with commas fail it: "Where $r$ is …" ($), "Rather than computing …, Transformers
/// use …." (capital, full stop), "1. Design query distribution (…, …)" (list item).
pub fn is_header(line: &str) -> bool {
    let s = line.trim();
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !s.contains(',') || !(first.is_lowercase() || first.is_ascii_digit()) {
        return false;
    }
    let digits = s.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < s.len() && (digits.starts_with('.') || digits.starts_with(')')) {
        return false;
    }
    if s.contains([
        '$', '*', '\\', '`', '|', '=', '{', '}', '[', ']', '"', '_', ';', '<', '>',
    ]) || s.ends_with(['.', ':', ';', '?', '!'])
    {
        return false;
    }
    s.split(',').all(|item| {
        let mut words = item.split_whitespace();
        let head = words.next().unwrap_or("");
        item.chars().any(char::is_alphabetic)
            && item.split_whitespace().count() <= 8
            && !CONNECTIVES.contains(&head.to_lowercase().as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        assert!(is_header("safety guardrails, ai safety"));
        assert!(is_header(
            "s4 (structured state spaces),s4,structured state spaces,llm architecture"
        ));
        assert!(is_header("trailing edge / mature node,industry"));
        assert!(is_header(
            "scan chain design, scan architecture, DFT scan, ATPG scan"
        ));
    }

    #[test]
    fn body_lines_with_commas_are_not_headers() {
        for line in [
            "Where $r$ is a random number $\\in (0,1]$",
            "Typical values: $a \\approx 0.5$, $b \\approx 1$",
            "The devastating catch is that non-Abelian anyons, so far, remain elusive.",
            "Rather than computing a single attention function, Transformers use multiple parallel attention \"heads.\"",
            "1. Design query distribution (uniform random, adaptive sampling near boundaries, natural inputs)",
            "1,544 technical terms and definitions",
            "Comprehensive equations, mathematical modeling, and process-parameter relationships",
            "model = get_peft_model(model, config)",
            "- **Gate dielectrics** — $\\text{SiO}_2$, high-$\\kappa$ materials",
        ] {
            assert!(!is_header(line), "{line}");
        }
    }

    #[test]
    fn preamble_is_skipped_and_blank_lines_separate() {
        let page = "← Back to AI Factory Chat\n\nAI Factory Glossary\n\n1,544 technical terms and definitions\n\nA B C\nShowing page 20 of 31 (1,544 entries)\n\nsparse mapping, robotics\n\n**Sparse mapping** is a map.\n\nspeaker beam, audio & speech\n\n**SpeakerBeam** is a method.\n";
        let entries = split_page(page);
        let got: Vec<(&str, u32, &str)> = entries
            .iter()
            .map(|e| (e.header, e.line, e.body.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "sparse mapping, robotics",
                    10,
                    "**Sparse mapping** is a map."
                ),
                (
                    "speaker beam, audio & speech",
                    14,
                    "**SpeakerBeam** is a method."
                ),
            ]
        );
    }

    /// Regression: page 003 line 1345, a body cut off inside `$$` must not swallow the next entry.
    #[test]
    fn unclosed_math_block_ends_at_a_bold_opened_entry() {
        let page = "transformer,attention\n**Transformer** is x.\n$$\n\\mathcal{L} = -\\sum_{t=1}\ntransformers library,huggingface,models\n**Hugging Face Transformers** is y.\n";
        let headers: Vec<&str> = split_page(page).iter().map(|e| e.header).collect();
        assert_eq!(
            headers,
            [
                "transformer,attention",
                "transformers library,huggingface,models"
            ]
        );
    }

    #[test]
    fn code_fence_hides_header_shaped_code() {
        let page = "model theft,extraction,protect\n**Model Extraction**\n```python\nfor x, expected in fingerprints\n```\ntext\n";
        assert_eq!(split_page(page).len(), 1);
    }
}
