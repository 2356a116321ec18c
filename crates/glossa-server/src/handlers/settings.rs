//! Client settings: asked for with `workspace/configuration` (after `initialized`, and when
//! the client says they changed), or taken from `didChangeConfiguration`'s own payload; then
//! every project is loaded again with them and open documents are re-checked.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::{ConfigurationItem, MessageType};

use super::reload::recheck_all;
use crate::settings::Settings;
use crate::state::State;

/// Asks the client for the `glossa` section, when it can answer, and applies it.
pub async fn pull(state: &Arc<State>) {
    if !state.flags().configuration {
        return;
    }
    let item = ConfigurationItem {
        scope_uri: None,
        section: Some("glossa".to_owned()),
    };
    match state.client.configuration(vec![item]).await {
        Ok(values) => apply(state, values.first().unwrap_or(&Value::Null)).await,
        Err(e) => tracing::debug!("no client configuration: {e}"),
    }
}

/// Applies a settings value from the client.
pub async fn apply(state: &Arc<State>, value: &Value) {
    let (settings, problems) = Settings::from_value(value);
    for p in problems {
        tracing::warn!("{p}");
        state.client.log_message(MessageType::WARNING, p).await;
    }
    // Quick: the projects are loaded again by the workers that next need them.
    let changed = state.session().workspace.set_settings(settings);
    if changed {
        recheck_all(state);
    }
}
