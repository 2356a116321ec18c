//! `--format github`: GitHub Actions workflow commands, one annotation per finding
//! (`::warning file=…,line=…::message`), then one per concept written differently in different
//! files (no `file=`), with the escaping GitHub requires.

use std::io::Write;

use super::{Record, SpreadReport};

pub fn write(
    records: &[Record],
    spreads: &[SpreadReport],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for r in records {
        let level = level(r.severity);
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&r.path),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            property(&format!("glossa {}", r.rule)),
            data(&r.message)
        )?;
    }
    // The repository summary: one annotation per concept, on no file (it is about several).
    for s in spreads {
        writeln!(
            out,
            "::{} title={}::{}",
            level(s.severity.as_str()),
            property("glossa inconsistent-term"),
            data(&s.message)
        )?;
    }
    Ok(())
}

fn level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        _ => "notice",
    }
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(super::property("a,b:c%"), "a%2Cb%3Ac%25");
        assert_eq!(super::data("x\ny: 50%"), "x%0Ay: 50%25");
    }
}
