//! The Zed extension for glossa: it only tells Zed how to start the language server.
//!
//! The server is not downloaded: the extension runs `glossa lsp`, taking the binary from the
//! `lsp.glossa.binary` settings when set, else from the worktree's PATH, so the same binary the
//! user checks with on the command line serves the editor.

use zed_extension_api::{self as zed, LanguageServerId, Result, settings::LspSettings};

struct GlossaExtension;

impl zed::Extension for GlossaExtension {
    fn new() -> Self {
        GlossaExtension
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = match configured.or_else(|| worktree.which("glossa")) {
            Some(path) => path,
            None => {
                return Err("glossa was not found on PATH: install it (`cargo install --path .` \
                            in the glossa repository) or set lsp.glossa.binary.path"
                    .to_owned());
            }
        };
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".to_owned()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }
}

zed::register_extension!(GlossaExtension);
