//! What an entry's Markdown body tells about its names: the opening bold span (the display
//! name, and acronym pairs written there), the spelling of an acronym in the text, and the
//! one-sentence summary.

use super::abbrev::{abbreviates, is_written_acronym, long_form_before, singular};
use crate::glossary::native;

/// An acronym and what it stands for, as the source writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub short: String,
    pub long: String,
}

/// The bold span a definition opens with, and a parenthesis right after it.
///
/// `**SAM** (Segment Anything Model) is …` → bold "SAM", after "Segment Anything Model".
/// A leading article is skipped: `A **scan chain** is …` → "scan chain".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening<'a> {
    pub bold: &'a str,
    pub after: Option<&'a str>,
}

pub fn opening(body: &str) -> Option<Opening<'_>> {
    let first = body.lines().next()?.trim_start();
    let first = ["A ", "An ", "The "]
        .iter()
        .find_map(|a| first.strip_prefix(a).filter(|r| r.starts_with("**")))
        .unwrap_or(first);
    let rest = first.strip_prefix("**")?;
    let end = rest.find("**")?;
    let bold = rest[..end].trim();
    let tail = rest[end + 2..].trim_start();
    let after = tail
        .strip_prefix('(')
        .and_then(|t| t.find(')').map(|e| t[..e].trim()));
    (!bold.is_empty()).then_some(Opening { bold, after })
}

/// A short form as written, plural "s" removed ("SAEs" → "SAE"), and whether it was plural.
fn unplural(short: &str) -> (&str, bool) {
    let mut chars = short.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('s'), Some(c)) if c.is_uppercase() => (&short[..short.len() - 1], true),
        _ => (short, false),
    }
}

/// A long form made singular when its short form was plural ("Sparse Autoencoders").
fn singular_long(long: &str, plural: bool) -> String {
    if !plural {
        return long.to_owned();
    }
    match long.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", singular(last)),
        None => singular(long).to_owned(),
    }
}

/// Acronym pairs in the opening: `**Long (SHORT) …**`, `**SHORT (Long)**`,
/// `**SHORT** (Long)` and `**Long** (SHORT)`. The short form must be written like an acronym
/// and abbreviate the long form (Schwartz–Hearst).
pub fn pairs(o: &Opening) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut push = |short: &str, long: &str| {
        let (short, plural) = unplural(short.trim());
        let long = long.trim();
        if is_written_acronym(short) && abbreviates(short, long) {
            out.push(Pair {
                short: short.to_owned(),
                long: singular_long(long, plural),
            });
        }
    };
    if let Some((before, inner, _)) = paren(o.bold) {
        let (short, _) = unplural(inner);
        match long_form_before(short, before) {
            Some(long) => push(inner, long),
            None => push(before, inner),
        }
    }
    if let Some(after) = o.after {
        let (short, _) = unplural(after);
        match long_form_before(short, o.bold) {
            Some(long) => push(after, long),
            None => push(o.bold, after),
        }
    }
    out
}

/// `before (inner) after` → the three parts, for the first parenthesis.
pub fn paren(s: &str) -> Option<(&str, &str, &str)> {
    let open = s.find('(')?;
    let close = open + s[open..].find(')')?;
    Some((
        s[..open].trim(),
        s[open + 1..close].trim(),
        s[close + 1..].trim(),
    ))
}

/// How the body spells `short` when it writes it like an acronym ("s4" → "S4", "moe" → "MoE",
/// "sae" → "SAE" from "SAEs").
pub fn written_spelling(short: &str, body: &str) -> Option<String> {
    body.split(|c: char| !c.is_alphanumeric())
        .map(|t| unplural(t).0)
        .find(|t| t.eq_ignore_ascii_case(short) && is_written_acronym(t))
        .map(str::to_owned)
}

/// The one-sentence summary of a body: its first sentence, emphasis removed.
///
/// The corpus adds three things to [`native::summarize`]: headings before the first sentence
/// are skipped (lines that are only a bold span, or short lines without final punctuation, such
/// as "Metal-Oxide-Semiconductor Field-Effect Transistor (MOSFET)"); so are title spans at the
/// start of a line, followed by another bold span or a capital (`**Sparse Autoencoders for
/// Interpretability** **What are …?** SAEs learn …`); and `**S4 Model** is **…memory** - It is
/// …` ends its sentence at the " - ". The sentence never runs past its line.
pub fn summary(body: &str) -> String {
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let first_text = lines.iter().position(|l| !is_heading(l) && !is_bullet(l));
    // A body that opens with a bold "Title — what it is" line and then only lists: that line
    // is the definition (`**Google TPU Architecture: … — specialized tensor processor …**`).
    if let Some(line) = lines
        .iter()
        .take(first_text.unwrap_or(lines.len()))
        .find(|l| l.contains(" — ") && l.trim_start().starts_with("**"))
    {
        let plain = line.replace("**", "");
        if let Some((title, what)) = plain.split_once(" — ") {
            let what = what.trim().trim_end_matches('.');
            return shorten(&format!("{}: {what}.", title.trim()));
        }
    }
    let first_text = first_text.unwrap_or(0);
    let mut text = lines.get(first_text).copied().unwrap_or("").trim();
    while let Some(rest) = strip_title(text) {
        text = rest;
    }
    let mut sentence = native::summarize(&dash_sentences(text));
    // "A MOSFET is a four-terminal semiconductor device consisting of:" and a list: the
    // sentence names the list's items.
    if sentence.ends_with(':') {
        let items: Vec<String> = lines[first_text + 1..]
            .iter()
            .take_while(|l| is_bullet(l))
            .filter_map(|l| bullet_name(l))
            .collect();
        if let Some((last, first)) = items.split_last() {
            let list = if first.is_empty() {
                last.clone()
            } else {
                format!("{} and {last}", first.join(", "))
            };
            sentence = format!("{} {list}.", sentence.trim_end_matches(':'));
        }
    }
    shorten(&sentence)
}

/// A summary over 300 characters ends at its first " — " aside, when what comes before is a
/// sentence of its own (the pages write "X is **Y** — details, details, details").
fn shorten(sentence: &str) -> String {
    const LONG: usize = 300;
    if sentence.len() <= LONG {
        return sentence.to_owned();
    }
    match sentence.find(" — ") {
        Some(i) if i >= 60 => format!("{}.", sentence[..i].trim_end_matches([',', ';', ' '])),
        _ => sentence.to_owned(),
    }
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ")
}

/// The name a list item opens with: `- Source (S) : Heavily doped …` → "source";
/// `- **Systolic Array**: …` → "systolic array".
fn bullet_name(line: &str) -> Option<String> {
    let t = line.trim_start()[2..].replace("**", "");
    let name = t.split([':', '(']).next()?.trim();
    (!name.is_empty() && name.split_whitespace().count() <= 4).then(|| name.to_lowercase())
}

fn is_heading(line: &str) -> bool {
    let t = line.trim();
    let bold_only = t.len() > 4
        && t.starts_with("**")
        && t.ends_with("**")
        && !t[2..t.len() - 2].contains("**");
    let short_title = t.split_whitespace().count() <= 12
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && !t.starts_with(['-', '|', '$', '`', '>']);
    bold_only || short_title
}

/// `**Title** Next …` → `Next …`; `None` when the text does not open with a title.
fn strip_title(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("**")?;
    let end = rest.find("**")?;
    let after = rest[end + 2..].trim_start();
    let after_dash = ["— ", "- ", "– "]
        .iter()
        .find_map(|d| after.strip_prefix(d))
        .unwrap_or(after);
    let next = after_dash.chars().next()?;
    (after.starts_with("**") || next.is_uppercase()).then_some(after_dash)
}

/// " - " ends a sentence before a capital or after a closing bold span: "…memory** - It is"
/// → "…memory**. It is" (no second full stop when the bold text ends with one).
fn dash_sentences(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" - ") {
        let before = &rest[..i];
        out.push_str(before);
        let after = &rest[i + 3..];
        let ends = after.chars().next().is_some_and(char::is_uppercase) || before.ends_with("**");
        if !ends {
            out.push_str(" - ");
        } else if before.trim_end_matches('*').ends_with('.') {
            out.push(' ');
        } else {
            out.push_str(". ");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_bold_and_parenthesis() {
        let o = opening("**SAM** (Segment Anything Model) is a model.").unwrap();
        assert_eq!(o.bold, "SAM");
        assert_eq!(o.after, Some("Segment Anything Model"));
        assert_eq!(
            pairs(&o),
            [Pair {
                short: "SAM".into(),
                long: "Segment Anything Model".into()
            }]
        );
        let o = opening("A **scan chain** is a structure").unwrap();
        assert_eq!((o.bold, o.after), ("scan chain", None));
        assert_eq!(opening("Sparse attention reduces cost."), None);
    }

    #[test]
    fn acronym_pairs_inside_the_bold() {
        let o = opening(
            "**Semiconductor Manufacturing: Dielectric Deposition Process (DDP) Modeling**",
        )
        .unwrap();
        assert_eq!(
            pairs(&o),
            [Pair {
                short: "DDP".into(),
                long: "Dielectric Deposition Process".into()
            }]
        );
        let o = opening("**Sparse Autoencoders (SAEs)** are tools").unwrap();
        assert_eq!(
            pairs(&o),
            [Pair {
                short: "SAE".into(),
                long: "Sparse Autoencoder".into()
            }]
        );
        let o = opening("**S4 (Structured State Spaces for Sequences)** is").unwrap();
        assert_eq!(pairs(&o)[0].long, "Structured State Spaces for Sequences");
        let o = opening("**Monte Carlo Dropout (MC Dropout)** is").unwrap();
        assert_eq!(pairs(&o), []);
    }

    #[test]
    fn summaries_skip_titles_and_split_at_dashes() {
        assert_eq!(
            summary(
                "**S4 Model** is **structured state space model for long-range memory** - It is a core method."
            ),
            "S4 Model is structured state space model for long-range memory."
        );
        assert_eq!(
            summary(
                "**Sandwich Rule** is **a strategy that samples subnetworks each step.** - It stabilizes NAS."
            ),
            "Sandwich Rule is a strategy that samples subnetworks each step."
        );
        assert_eq!(
            summary(
                "**Safety guardrails** is the **layered control system** - guardrails provide defense."
            ),
            "Safety guardrails is the layered control system."
        );
        assert_eq!(
            summary(
                "**Sparse Autoencoders for Interpretability** **What are Sparse Autoencoders?** SAEs learn features. More."
            ),
            "SAEs learn features."
        );
        assert_eq!(
            summary(
                "**Semiconductor Manufacturing: DDP Modeling**\n**Overview**\n**DDP (Dielectric Deposition Process)** refers to films. More."
            ),
            "DDP (Dielectric Deposition Process) refers to films."
        );
        assert_eq!(
            summary(
                "**MOSFET: Mathematical Modeling**\nMetal-Oxide-Semiconductor Field-Effect Transistor (MOSFET)\n1.1 MOSFET Components\nA MOSFET is a device consisting of:\n- Source (S)\n- Drain (D) : where carriers go"
            ),
            "A MOSFET is a device consisting of source and drain."
        );
        assert_eq!(
            summary("**Transfer Learning** — leveraging knowledge. More."),
            "Transfer Learning — leveraging knowledge."
        );
    }

    #[test]
    fn acronym_spelling_comes_from_the_body() {
        let body = "**Mixture of Experts (MoE)** is … SAEs learn … S4 is";
        assert_eq!(written_spelling("moe", body).as_deref(), Some("MoE"));
        assert_eq!(written_spelling("sae", body).as_deref(), Some("SAE"));
        assert_eq!(written_spelling("s4", body).as_deref(), Some("S4"));
        assert_eq!(written_spelling("tpm", body), None);
    }
}
