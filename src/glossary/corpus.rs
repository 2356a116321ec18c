//! Parser for the AI Factory glossary pages shipped in `corpus/ai-factory/` (and embedded).
//! STUB: being written.

use super::Entry;

/// The embedded pages: (path inside the repository, text).
pub const PAGES: &[(&str, &str)] = &[
    (
        "corpus/ai-factory/000_d756b285e57e4ea7.txt",
        include_str!("../../corpus/ai-factory/000_d756b285e57e4ea7.txt"),
    ),
    (
        "corpus/ai-factory/001_7eb61901ec7fbee1.txt",
        include_str!("../../corpus/ai-factory/001_7eb61901ec7fbee1.txt"),
    ),
    (
        "corpus/ai-factory/002_c333133cd8f12d91.txt",
        include_str!("../../corpus/ai-factory/002_c333133cd8f12d91.txt"),
    ),
    (
        "corpus/ai-factory/003_83bab80985da128a.txt",
        include_str!("../../corpus/ai-factory/003_83bab80985da128a.txt"),
    ),
    (
        "corpus/ai-factory/004_bb18a3553904041a.txt",
        include_str!("../../corpus/ai-factory/004_bb18a3553904041a.txt"),
    ),
];

/// Parses pages together (categories are learned across all of them).
pub fn parse_pages(_pages: &[(&str, &str)]) -> Vec<Entry> {
    Vec::new()
}

/// Every entry of the embedded corpus.
pub fn builtin_entries() -> Vec<Entry> {
    parse_pages(PAGES)
}
