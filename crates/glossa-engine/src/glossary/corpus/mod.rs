//! Parser for the AI Factory glossary pages shipped in `corpus/ai-factory/` and embedded in the
//! binary: five pages exported verbatim from the AI Factory glossary website, 50 entries each.
//!
//! # Layout
//!
//! An entry is a header line of comma-separated names, then a Markdown definition body. Pages
//! 000 and 001 open with the site's navigation ("← Back to AI Factory Chat" … "Showing page 1
//! of 9 (438 entries)"), which is skipped, and put blank lines between header and body and
//! between entries; pages 002–004 have no blank lines and multi-line bodies. Headers are found
//! by their shape, outside fenced code and `$$` math ([`split`]); a body is everything up to the
//! next header.
//!
//! # Rules
//!
//! - **Head term**: the first header item. `x (y)` with one side a short form (one token, at
//!   most 10 characters): the long side is the term and the short side its acronym
//!   (`sam (segment anything model)`, `scanning acoustic microscopy (sam)`). A one-token head
//!   that abbreviates a later item is that item's acronym, and the item is the term
//!   (`spc, statistical process control` → term "statistical process control", acronym SPC).
//!   A one-word term the body writes in capitals takes that spelling and matches only so
//!   (`trades, trades` → "TRADES").
//! - **Category**: learned from the data ([`header::Categories`]): headers that only name their
//!   head plus one more item propose that last item — two-item headers (`safety classifier, ai
//!   safety`) and the acronym template `sam (segment anything model),sam,segment anything
//!   model,computer vision`; a proposal is kept when it ends at least two headers, or shares no
//!   word with its head (`scientific machine learning,scientific ml` rewords its head: no
//!   category). The last item of any header is its category iff it is a kept one. Categories
//!   are never names or keywords.
//! - **Acronyms** (admitted, case-sensitive, spelled as the body writes them — "S4", "MoE",
//!   "SAE" from "SAEs" — else in capitals; each with its expansion):
//!   from the head's parentheses; from header items that abbreviate the term by the
//!   Schwartz–Hearst rule (the short form's letters appear in order in the long form, the first
//!   one starting the long form; one token, at most 10 characters, at least two letters, not a
//!   word of the term: `sap manufacturing, sap` is no acronym); and from the definition's
//!   opening bold span — `**DDP (Dielectric Deposition Process)**`, `**Long Form (LF) …**`,
//!   `**SAM** (Segment Anything Model)` — when the short form is written like an acronym and
//!   the pair shares a word with the header (a site mix-up such as "Remote patient monitoring
//!   (RPM)" under `molecule generation` gives nothing). The body's expansion wins over the
//!   header's (it is the fuller spelling).
//! - **Synonyms** (admitted aliases): a header item other than head and category is a synonym
//!   only if it (a) re-spells the head or the term (case, hyphen or space, plural:
//!   `transformer,transformers`) or abbreviates some of the term's words (`scientific ml`),
//!   (b) is an acronym as above, or (c) is the expansion of one. Everything else is a
//!   **keyword**: a search tag, never matched in documents (`sparse autoencoder,feature,
//!   decompose`: "feature" and "decompose" are keywords; `scaling laws, chinchilla, compute
//!   optimal, …`: all keywords).
//! - **Display**: the opening bold span (`**Safety guardrails** is …` → "Safety guardrails"),
//!   cleaned: a title keeps its part before " — " and before ": " (unless that part is
//!   unrelated: `Semiconductor Manufacturing: Dielectric Deposition Process (DDP) Modeling` →
//!   "Dielectric Deposition Process Modeling"), a leading article goes, parentheses go, and of
//!   an acronym pair the side naming the term is shown. Empty (show the term) when there is no
//!   opening bold, when it reads like a sentence, or when it shares no word with the header.
//! - **Definition**: the body verbatim (trimmed), its first sentence as summary
//!   ([`body::summary`]), and the header's page and 1-based line as source. The last entry of
//!   page 002 (`dense model,model architecture`) was cut off by the export after its header:
//!   its definition is empty but still records where it is.
//!
//! Which name is an entry's real term when the head item is not (a header split at every
//! space, a slug, a head cut short, an acronym left in it), which entries are one concept under
//! different heads, and which are only searched (questions, common words): [`names`] and
//! [`merge`], with every rule shown on its real entry in `corpus/README.md`.
//!
//! Duplicated headers (`sagpool, graph neural networks` twice) stay separate entries; the
//! [`Glossary`](super::Glossary) merges them into one concept.

pub(crate) mod abbrev;
mod body;
mod entry;
mod header;
mod merge;
mod names;
mod split;

use super::Entry;
pub use split::is_header;

/// The embedded pages: (path inside the repository, text).
pub const PAGES: &[(&str, &str)] = &[
    (
        "corpus/ai-factory/000_d756b285e57e4ea7.txt",
        include_str!("../../../../../corpus/ai-factory/000_d756b285e57e4ea7.txt"),
    ),
    (
        "corpus/ai-factory/001_7eb61901ec7fbee1.txt",
        include_str!("../../../../../corpus/ai-factory/001_7eb61901ec7fbee1.txt"),
    ),
    (
        "corpus/ai-factory/002_c333133cd8f12d91.txt",
        include_str!("../../../../../corpus/ai-factory/002_c333133cd8f12d91.txt"),
    ),
    (
        "corpus/ai-factory/003_83bab80985da128a.txt",
        include_str!("../../../../../corpus/ai-factory/003_83bab80985da128a.txt"),
    ),
    (
        "corpus/ai-factory/004_bb18a3553904041a.txt",
        include_str!("../../../../../corpus/ai-factory/004_bb18a3553904041a.txt"),
    ),
];

/// Parses pages together (categories are learned across all of them).
pub fn parse_pages(pages: &[(&str, &str)]) -> Vec<Entry> {
    let raws: Vec<(&str, split::RawEntry)> = pages
        .iter()
        .flat_map(|(path, text)| split::split_page(text).into_iter().map(move |r| (*path, r)))
        .collect();
    let categories = header::Categories::learn(raws.iter().map(|(_, r)| r.header));
    let mut entries: Vec<Entry> = raws
        .iter()
        .map(|(path, raw)| entry::build(path, raw, &categories))
        .collect();
    merge::merge_duplicates(&mut entries);
    entries
}

/// Every entry of the embedded corpus, parsed once per process (every project that adds its
/// own glossaries to the corpus, and every reload of one in the server, starts from these).
pub fn builtin_entries() -> Vec<Entry> {
    static ENTRIES: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| parse_pages(PAGES)).clone()
}
