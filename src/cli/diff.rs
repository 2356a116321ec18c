//! `glossa check --diff REV`: only findings on lines changed since a git revision.
//!
//! Runs `git diff --unified=0 --relative REV` (a subprocess, in the current folder) and reads the
//! hunk headers: for each file, the line ranges of the new text that were added or changed. A
//! finding is kept when its first line is one of them; a repository summary of
//! `inconsistent-term` when one of its places is. Files git does not track are not in the
//! diff, so nothing in them is reported. Paths compare as `check` shows them (relative to the
//! current folder, as `--relative` gives them).

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::process::Command;

use super::output::{FileReport, SpreadReport};
use glossa_engine::lines::LineIndex;

/// Changed lines (1-based, of the new text) per path.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    files: HashMap<String, Vec<RangeInclusive<usize>>>,
}

impl Changed {
    /// Asks git for the lines changed since `rev`.
    pub fn since(rev: &str) -> Result<Changed, String> {
        if rev.starts_with('-') {
            return Err(format!("--diff {rev}: not a revision"));
        }
        let out = Command::new("git")
            .args([
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--unified=0",
                "--relative",
            ])
            .arg(rev)
            .arg("--")
            .output()
            .map_err(|e| format!("--diff: cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "--diff {rev}: git diff failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Changed::parse(&String::from_utf8_lossy(&out.stdout)))
    }

    /// Reads unified diff output with zero context lines.
    pub fn parse(diff: &str) -> Changed {
        let mut files: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
        let mut current: Option<String> = None;
        for line in diff.lines() {
            if let Some(path) = line.strip_prefix("+++ ") {
                current = path
                    .strip_prefix("b/")
                    .filter(|_| path != "/dev/null")
                    .map(str::to_owned);
                continue;
            }
            let (Some(path), Some(hunk)) = (&current, line.strip_prefix("@@ ")) else {
                continue;
            };
            // "@@ -a,b +c,d @@": lines c .. c+d-1 of the new text (d = 0: a deletion).
            let Some(new) = hunk.split(' ').find_map(|p| p.strip_prefix('+')) else {
                continue;
            };
            let (start, count) = match new.split_once(',') {
                Some((s, c)) => (s.parse().unwrap_or(0), c.parse().unwrap_or(0)),
                None => (new.parse().unwrap_or(0), 1),
            };
            if count > 0 {
                files
                    .entry(path.clone())
                    .or_default()
                    .push(start..=start + count - 1);
            }
        }
        Changed { files }
    }

    fn contains(&self, path: &str, line: usize) -> bool {
        let path = path.strip_prefix("./").unwrap_or(path);
        self.files
            .get(path)
            .is_some_and(|ranges| ranges.iter().any(|r| r.contains(&line)))
    }

    /// Keeps only findings (and repository summaries) on changed lines.
    pub fn filter(&self, reports: &mut [FileReport], spreads: &mut Vec<SpreadReport>) {
        for r in reports.iter_mut() {
            let index = LineIndex::new(&r.text);
            let text = &r.text;
            let path = r.path.clone();
            r.findings
                .retain(|f| self.contains(&path, index.line_col(text, f.range.start).0));
        }
        spreads.retain(|s| s.locations.iter().any(|l| self.contains(&l.path, l.line)));
    }
}

#[cfg(test)]
mod tests {
    use super::Changed;

    #[test]
    fn hunks_give_the_new_lines() {
        let diff = "diff --git a/docs/a.md b/docs/a.md\n--- a/docs/a.md\n+++ b/docs/a.md\n\
                    @@ -3,0 +4,2 @@ heading\n+new\n+lines\n@@ -10 +12 @@\n-old\n+new\n\
                    @@ -20,3 +21,0 @@\n-gone\n-gone\n-gone\n\
                    diff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n";
        let c = Changed::parse(diff);
        assert!(!c.contains("docs/a.md", 3));
        assert!(c.contains("docs/a.md", 4));
        assert!(c.contains("./docs/a.md", 5));
        assert!(!c.contains("docs/a.md", 6));
        assert!(c.contains("docs/a.md", 12));
        assert!(
            !c.contains("docs/a.md", 21),
            "a deletion changes no new line"
        );
        assert!(!c.contains("old.md", 1));
    }
}
