//! `glossa check --baseline FILE`: adopting glossa on a repository that already has findings.
//!
//! When FILE is missing, every current finding is written to it (JSON, sorted, one object per
//! finding) and the check passes. When it exists, the findings it lists are left out of the
//! report and the exit code, so CI fails only on new ones. A finding is known by its file, rule,
//! text and occurrence index (the n-th finding of that rule and text in that file), never by
//! its line: editing above a known finding does not make it new, and a second copy of a known
//! mistake is. The repository summaries of `inconsistent-term` are known by rule and concept.
//! The file is written through `project::write` like every other write.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::output::{FileReport, SpreadReport};
use glossa_project::write::{self, Expect};

/// One known finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Known {
    /// The file as `check` shows it; empty for a repository summary.
    pub path: String,
    pub rule: String,
    /// The text found (for a repository summary: the concept).
    pub text: String,
    /// Which finding of this file, rule and text it is, from 0 in document order.
    pub index: usize,
}

#[derive(Serialize, Deserialize)]
struct File {
    /// What the file is, for someone who opens it.
    about: String,
    findings: Vec<Known>,
}

/// Every finding of a run, as keys, parallel to the reports' findings.
fn keys(reports: &[FileReport]) -> Vec<Vec<Known>> {
    reports
        .iter()
        .map(|r| {
            let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
            r.findings
                .iter()
                .map(|f| {
                    let n = seen.entry((f.rule.id(), &*f.term)).or_insert(0);
                    let index = *n;
                    *n += 1;
                    Known {
                        path: r.path.clone(),
                        rule: f.rule.id().to_owned(),
                        text: f.term.to_string(),
                        index,
                    }
                })
                .collect()
        })
        .collect()
}

fn spread_key(s: &SpreadReport) -> Known {
    Known {
        path: String::new(),
        rule: "inconsistent-term".to_owned(),
        text: s.spread.concept.clone(),
        index: 0,
    }
}

/// What `--baseline` did.
pub enum Outcome {
    /// The file was missing and now lists this many findings.
    Written(usize),
    /// The file was read; this many known findings were left out.
    Filtered(usize),
}

/// Reads the baseline at `path` and removes the findings it knows from `reports` and `spreads`;
/// or, when it does not exist, writes it with every finding (and removes nothing).
pub fn apply(
    path: &Path,
    reports: &mut [FileReport],
    spreads: &mut Vec<SpreadReport>,
) -> Result<Outcome, String> {
    let shown = path.display();
    let all = keys(reports);
    match std::fs::read(path) {
        Ok(bytes) => {
            let file: File = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{shown}: not a glossa baseline: {e}"))?;
            let known: std::collections::HashSet<Known> = file.findings.into_iter().collect();
            let mut dropped = 0;
            for (r, keys) in reports.iter_mut().zip(all) {
                let mut keep = keys.iter().map(|k| !known.contains(k));
                let before = r.findings.len();
                r.findings.retain(|_| keep.next().unwrap_or(true));
                dropped += before - r.findings.len();
            }
            let before = spreads.len();
            spreads.retain(|s| !known.contains(&spread_key(s)));
            dropped += before - spreads.len();
            Ok(Outcome::Filtered(dropped))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut findings: Vec<Known> = all.into_iter().flatten().collect();
            findings.extend(spreads.iter().map(spread_key));
            findings.sort();
            let n = findings.len();
            let file = File {
                about: "glossa check --baseline: findings that existed when this file was \
                        written; only new ones are reported"
                    .to_owned(),
                findings,
            };
            let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
            text.push('\n');
            write::replace(path, Expect::Absent, text.as_bytes(), None)
                .map_err(|e| format!("{shown}: {}", e.reason()))?;
            Ok(Outcome::Written(n))
        }
        Err(e) => Err(format!("{shown}: cannot read baseline: {e}")),
    }
}
