//! The language server. STUB: being written.

/// Serves LSP on stdin/stdout until the client exits.
pub fn serve() -> anyhow::Result<()> {
    anyhow::bail!("the language server is not built yet")
}
