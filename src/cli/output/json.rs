//! `--format json`: an array of finding objects (see [`super::Record`]).

use std::io::Write;

use super::Record;

pub fn write(records: &[Record], out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, records)?;
    writeln!(out)
}
