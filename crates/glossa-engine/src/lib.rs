//! glossa's engine: the glossary model and its formats' pure parsing ([`glossary`]), prose
//! extraction and term matching ([`scan`]), everything computed from a document and a glossary
//! ([`analysis`]), and [`lines`], the one line index the CLI and load errors count lines with.
//! It works on `&str` and byte ranges, does no I/O and knows nothing of LSP, the terminal or an
//! async runtime; the `glossa-project`, `glossa-server` and `glossa` crates are shells over it.
//! See ARCHITECTURE.md.

pub mod analysis;
pub mod glossary;
pub mod lines;
pub mod scan;
