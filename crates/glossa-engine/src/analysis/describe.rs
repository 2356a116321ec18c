//! What is said about a concept whatever the medium: the status of the name a writer found or
//! asked for, and the concept's other names by status. The hover (Markdown, `analysis::hover`)
//! and `glossa define` (terminal text) both say it through here; each medium only chooses how a
//! label is emphasised (`strong`).

use crate::glossary::{Concept, Name, NameKind, Status, fold_name};

/// Emphasis for Markdown: `**text**`.
pub fn markdown_strong(text: &str) -> String {
    format!("**{text}**")
}

/// No emphasis (terminal text).
pub fn plain(text: &str) -> String {
    text.to_owned()
}

/// The name of `concept` spelled `asked` (folded: case, hyphens and spaces aside), if any.
pub fn name_spelled<'c>(concept: &'c Concept, asked: &str) -> Option<&'c Name> {
    let folded = fold_name(asked);
    concept.names.iter().find(|n| fold_name(&n.text) == folded)
}

/// "“SAM” is an admitted acronym", "“finetuning” is deprecated: use “fine-tuning”", or
/// "preferred" (the head term, or a name the concept does not have, e.g. found by its keywords).
pub fn name_status(
    concept: &Concept,
    name: Option<&Name>,
    found: &str,
    strong: fn(&str) -> String,
) -> String {
    let Some(name) = name else {
        return "preferred".to_owned();
    };
    match (name.status, name.kind) {
        (Status::Preferred, _) => "preferred".to_owned(),
        (Status::Admitted, NameKind::Acronym) => format!("“{found}” is an admitted acronym"),
        (Status::Admitted, _) => format!("“{found}” is an admitted name"),
        (Status::Deprecated, _) => {
            format!(
                "“{found}” is {}: use “{}”",
                strong("deprecated"),
                concept.term()
            )
        }
        (Status::Forbidden, _) => {
            format!(
                "“{found}” is {}: use “{}”",
                strong("forbidden"),
                concept.term()
            )
        }
    }
}

/// "Other names: SAM (acronym), fine tuning · Deprecated: finetuning · Forbidden: fine-tunning"
/// (empty when the concept has only its head term); `first` is the label of the admitted names
/// ("Other names:"; empty where the medium labels the line itself).
pub fn other_names(concept: &Concept, first: &str, strong: fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    let admitted: Vec<String> = concept.names[1..]
        .iter()
        .filter(|n| n.status == Status::Admitted || n.status == Status::Preferred)
        .map(|n| match n.kind {
            NameKind::Acronym => format!("{} (acronym)", n.text),
            _ => n.text.to_string(),
        })
        .collect();
    if !admitted.is_empty() {
        parts.push(match first {
            "" => admitted.join(", "),
            label => format!("{} {}", strong(label), admitted.join(", ")),
        });
    }
    for (status, label) in [
        (Status::Deprecated, "Deprecated:"),
        (Status::Forbidden, "Forbidden:"),
    ] {
        let names: Vec<&str> = concept
            .names
            .iter()
            .filter(|n| n.status == status)
            .map(|n| n.text.as_str())
            .collect();
        if !names.is_empty() {
            parts.push(format!("{} {}", strong(label), names.join(", ")));
        }
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Glossary};

    fn fine_tuning() -> Glossary {
        let toml = "[[concept]]\nterm = \"fine-tuning\"\naliases = [\"model fine-tuning\"]\nacronyms = [\"FT\"]\ndeprecated = [\"finetuning\"]\nforbidden = [\"fine-tunning\"]\n";
        let entries: Vec<Entry> = crate::glossary::native::parse("g.toml", toml).unwrap();
        Glossary::from_entries(entries)
    }

    #[test]
    fn a_name_is_found_by_its_folded_spelling_and_its_status_said_in_either_medium() {
        let g = fine_tuning();
        let c = &g.concepts()[0];
        let name = name_spelled(c, "Finetuning");
        assert_eq!(name.map(|n| n.text.as_str()), Some("finetuning"));
        assert_eq!(
            name_status(c, name, "Finetuning", markdown_strong),
            "“Finetuning” is **deprecated**: use “fine-tuning”"
        );
        assert_eq!(
            name_status(c, name, "Finetuning", plain),
            "“Finetuning” is deprecated: use “fine-tuning”"
        );
        let ft = name_spelled(c, "ft");
        assert_eq!(
            name_status(c, ft, "FT", plain),
            "“FT” is an admitted acronym"
        );
        assert_eq!(
            name_status(c, name_spelled(c, "tuning"), "tuning", plain),
            "preferred"
        );
    }

    #[test]
    fn other_names_are_grouped_by_status() {
        let g = fine_tuning();
        let c = &g.concepts()[0];
        assert_eq!(
            other_names(c, "Other names:", markdown_strong),
            "**Other names:** model fine-tuning, FT (acronym) · **Deprecated:** finetuning · **Forbidden:** fine-tunning"
        );
        assert_eq!(
            other_names(c, "", plain),
            "model fine-tuning, FT (acronym) · Deprecated: finetuning · Forbidden: fine-tunning"
        );
    }
}
