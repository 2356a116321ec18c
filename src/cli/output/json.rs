//! `--format json`: an array of finding objects (see [`super::Record`]), then one object per
//! concept written differently in different files: `rule`, `severity`, `message`, `concept`,
//! `scope: "repository"` and `locations` (the first use of each form in each file), no `path`.

use std::io::Write;

use serde::Serialize;

use super::{Record, SpreadLocation, SpreadReport};

#[derive(Serialize)]
#[serde(untagged)]
enum Item<'a> {
    Finding(&'a Record),
    Spread {
        rule: &'static str,
        severity: &'static str,
        message: &'a str,
        concept: &'a str,
        scope: &'static str,
        locations: &'a [SpreadLocation],
    },
}

pub fn write(
    records: &[Record],
    spreads: &[SpreadReport],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let items: Vec<Item<'_>> = records
        .iter()
        .map(Item::Finding)
        .chain(spreads.iter().map(|s| Item::Spread {
            rule: "inconsistent-term",
            severity: s.severity.as_str(),
            message: &s.message,
            concept: &s.spread.concept,
            scope: "repository",
            locations: &s.locations,
        }))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}
