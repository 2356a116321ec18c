//! The shipped style rules: `corpus/ai-factory/style.toml`, embedded beside the corpus pages and
//! loaded with them. Deprecated spellings and exact casings of the corpus vocabulary
//! ("finetuning" → "fine-tuning", "Pytorch" → "PyTorch"), each with its reason, so a project with
//! no glossary of its own still gets useful warnings. Loaded after the pages: its head terms
//! re-case the pages' lowercase ones (see `GlossaryBuilder::add`).

use super::{Entry, corpus, native};

/// Where the file lives in the repository (its definitions' and errors' path).
pub const PATH: &str = "corpus/ai-factory/style.toml";

const TEXT: &str = include_str!("../../../../corpus/ai-factory/style.toml");

/// The style entries, parsed once per process.
pub fn entries() -> Vec<Entry> {
    static ENTRIES: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    ENTRIES
        .get_or_init(|| {
            // A broken shipped file is a build bug; the test below catches it first.
            native::parse(PATH, TEXT).unwrap_or_else(|e| panic!("shipped style rules: {e}"))
        })
        .clone()
}

/// Everything the binary ships: the corpus pages, then the style rules.
pub fn builtin_entries() -> Vec<Entry> {
    let mut out = corpus::builtin_entries();
    out.extend(entries());
    out
}

#[cfg(test)]
mod tests {
    use crate::glossary::{Casing, Glossary};

    #[test]
    fn the_shipped_rules_parse_and_recase_the_corpus_heads() {
        let g = Glossary::from_entries(super::builtin_entries());
        let ids = g.lookup("torchscript");
        assert_eq!(ids.len(), 1);
        let c = g.concept(ids[0]);
        assert_eq!(c.term(), "TorchScript");
        assert_eq!(c.names[0].casing, Casing::Words);
        assert!(!c.definitions.is_empty(), "the corpus definition stays");
    }

    #[test]
    fn the_shipped_rules_make_no_name_of_the_corpus_ambiguous() {
        // A style entry whose head is another name of a corpus concept (not its head) was a
        // concept of its own: "SavedModel format" (an alias of the corpus's "SavedModel")
        // became ambiguous, and every "SavedModel format" in a document an `ambiguous-term`.
        let corpus = Glossary::from_entries(crate::glossary::corpus::builtin_entries());
        let all = Glossary::from_entries(super::builtin_entries());
        for entry in super::entries() {
            let names = std::iter::once(entry.term.as_str())
                .chain(entry.names.iter().map(|n| n.text.as_str()));
            for name in names {
                let before = corpus.lookup(name).len().max(1);
                assert!(
                    all.lookup(name).len() <= before,
                    "{name:?}: {} concepts with the style rules, {before} without",
                    all.lookup(name).len()
                );
            }
        }
    }
}
