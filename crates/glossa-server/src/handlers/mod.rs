//! One file per LSP method (or family of methods): each converts parameters, asks the engine,
//! and converts the answer back.

pub mod code_action;
pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod glossary_diagnostics;
pub mod highlight;
pub mod hover;
pub mod inlay_hints;
pub mod references;
pub mod reload;
pub mod semantic_tokens;
pub mod settings;
pub mod symbols;
pub mod workspace_diagnostics;
