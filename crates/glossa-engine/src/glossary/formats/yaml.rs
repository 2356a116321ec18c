//! YAML read into a small tree whose every node knows its line, for the YAML formats (Vale rules,
//! prh, Contextive) and for JSON term lists (JSON is YAML once comments are blanked out).
//!
//! saphyr does the parsing (a maintained pure-Rust YAML 1.2 parser with node positions); this
//! file turns its nodes into [`Node`] so the loaders never see the crate's types.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use crate::glossary::LoadError;

/// A YAML value and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Every scalar but null, as written ("1.0", "true" included).
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
    Null,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The string at `key`, if it is one.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// The items of a sequence; a lone scalar is a list of one; anything else none.
    pub fn items(&self) -> Vec<&Node> {
        match &self.value {
            Value::Seq(v) => v.iter().collect(),
            Value::Str(_) => vec![self],
            _ => Vec::new(),
        }
    }

    /// The strings of a sequence (or a lone string) at `key`.
    pub fn strings_at(&self, key: &str) -> Vec<String> {
        self.get(key)
            .map(|n| {
                n.items()
                    .into_iter()
                    .filter_map(Node::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }
}

/// Parses the first document of `text`; an empty file is a null node.
pub fn load(path: &str, text: &str) -> Result<Node, LoadError> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let m = e.marker();
        LoadError::new(
            path,
            m.line() as u32,
            m.col() as u32 + 1,
            e.info().to_owned(),
        )
    })?;
    Ok(docs.first().map_or(
        Node {
            line: 1,
            value: Value::Null,
        },
        convert,
    ))
}

fn convert(y: &MarkedYaml<'_>) -> Node {
    let line = y.span.start.line() as u32;
    let value = match &y.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(s, _, _) => Value::Str(s.to_string()),
        YamlData::Sequence(v) => Value::Seq(v.iter().map(convert).collect()),
        YamlData::Mapping(m) => Value::Map(
            m.iter()
                .map(|(k, v)| {
                    let key = match scalar_of(k) {
                        Value::Str(s) => s,
                        _ => String::new(),
                    };
                    (key, convert(v))
                })
                .collect(),
        ),
        YamlData::Tagged(_, inner) => convert(inner).value,
        _ => Value::Null,
    };
    Node { line, value }
}

fn scalar_of(y: &MarkedYaml<'_>) -> Value {
    match &y.data {
        YamlData::Value(s) => scalar(s),
        YamlData::Representation(s, _, _) => Value::Str(s.to_string()),
        _ => Value::Null,
    }
}

fn scalar(s: &Scalar<'_>) -> Value {
    match s {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Str(b.to_string()),
        Scalar::Integer(i) => Value::Str(i.to_string()),
        Scalar::FloatingPoint(f) => Value::Str(f.to_string()),
        Scalar::String(s) => Value::Str(s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_lines() {
        let y = load("x.yml", "swap:\n  abort: cancel\n  'e-?mail': email\n").unwrap();
        let swap = y.get("swap").unwrap();
        let lines: Vec<(&str, u32)> = swap
            .entries()
            .iter()
            .map(|(k, v)| (k.as_str(), v.line))
            .collect();
        assert_eq!(lines, [("abort", 2), ("e-?mail", 3)]);
    }

    #[test]
    fn syntax_error_is_located() {
        let err = load("x.yml", "a: [1, 2\nb: c\n").unwrap_err();
        assert!(err.line >= 1, "{err}");
    }
}
