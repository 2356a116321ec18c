//! glossa: a language server and command-line checker for technical terminology.
//!
//! The engine ([`glossary`], [`scan`], [`analysis`]) works on `&str` and byte ranges and knows
//! nothing of LSP or the terminal; [`project`] loads configs and glossaries from disk; [`cli`]
//! and [`lsp`] are thin shells over them. See ARCHITECTURE.md.

pub mod analysis;
pub mod cli;
pub mod glossary;
pub mod lsp;
pub mod project;
pub mod scan;
