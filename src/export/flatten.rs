//! Typed results as CSV rows: each row's JSON form flattened to dotted columns.

use std::collections::HashMap;
use std::fmt;
use std::io::Write;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{csv_error, float_text, json_error, output_error, write_json_array};
use crate::Result;

/// Writes `rows` as CSV, with a header row of column names. See the [module
/// documentation](crate::export) for how nested fields, arrays and enums become columns.
/// Writes nothing at all for no rows, since there are then no columns to name.
///
/// # Errors
///
/// [`Error::WriteOutput`](crate::Error::WriteOutput) if `out` fails;
/// [`Error::Unserializable`](crate::Error::Unserializable) if a row's serde form
/// cannot be written, such as a map with non-text keys.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let evidence = data.evidence(data.agreement("eu-japan-sdp")?.fact)?;
/// let mut out = Vec::new();
/// pactum::export::to_csv(&evidence, &mut out)?;
/// let csv = String::from_utf8(out).unwrap();
/// assert!(csv.starts_with("fact,source.id,source.kind,source.publisher,source.title,"));
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn to_csv<T: Serialize>(rows: &[T], out: impl Write) -> Result<()> {
    let flat: Vec<Vec<(String, String)>> = rows.iter().map(flatten).collect::<Result<_>>()?;
    let mut columns: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (name, _) in flat.iter().flatten() {
        index.entry(name).or_insert_with(|| {
            columns.push(name);
            columns.len() - 1
        });
    }
    if columns.is_empty() {
        return Ok(());
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&columns).map_err(csv_error)?;
    let mut cells = vec![""; columns.len()];
    for row in &flat {
        cells.fill("");
        for (name, text) in row {
            cells[index[name.as_str()]] = text;
        }
        writer.write_record(&cells).map_err(csv_error)?;
    }
    writer.flush().map_err(output_error)
}

/// Writes `rows` as a JSON array, one row per line, each as its serde JSON form.
///
/// # Errors
///
/// [`Error::WriteOutput`](crate::Error::WriteOutput) if `out` fails;
/// [`Error::Unserializable`](crate::Error::Unserializable) if a row's serde form
/// cannot be written, such as a map with non-text keys.
///
/// ```
/// let data = pactum::Dataset::open()?;
/// let agreements = data.in_force(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap())?;
/// let mut out = Vec::new();
/// pactum::export::to_json(&agreements, &mut out)?;
/// let back: Vec<pactum::Agreement> = serde_json::from_slice(&out).unwrap();
/// assert_eq!(back, agreements);
/// # Ok::<(), pactum::Error>(())
/// ```
pub fn to_json<T: Serialize>(rows: &[T], out: impl Write) -> Result<()> {
    write_json_array(rows, out)
}

/// A row's columns: its JSON form flattened to dotted names and cell texts.
fn flatten<T: Serialize>(row: &T) -> Result<Vec<(String, String)>> {
    // Through JSON text into `Node`, whose objects keep their fields in order:
    // `serde_json::Value` would sort them by name.
    let node: Node = serde_json::to_string(row).and_then(|text| serde_json::from_str(&text)).map_err(json_error)?;
    let mut columns = Vec::new();
    match node {
        Node::Map(fields) => {
            for (name, value) in fields {
                flatten_into(name, value, &mut columns);
            }
        }
        scalar => columns.push(("value".to_owned(), scalar.cell())),
    }
    Ok(columns)
}

fn flatten_into(name: String, node: Node, columns: &mut Vec<(String, String)>) {
    match node {
        Node::Map(fields) if !fields.is_empty() => {
            for (field, value) in fields {
                flatten_into(format!("{name}.{field}"), value, columns);
            }
        }
        other => columns.push((name, other.cell())),
    }
}

/// A JSON value whose objects keep their fields in order.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The node as one CSV cell.
    fn cell(&self) -> String {
        match self {
            Node::Null => String::new(),
            Node::Bool(b) => b.to_string(),
            Node::Int(n) => n.to_string(),
            Node::Uint(n) => n.to_string(),
            Node::Float(x) => float_text(*x),
            Node::Text(text) => text.clone(),
            Node::List(items) => items
                .iter()
                .map(|item| match item {
                    Node::List(_) | Node::Map(_) => serde_json::to_string(item).unwrap_or_default(),
                    scalar => scalar.cell(),
                })
                .collect::<Vec<_>>()
                .join(";"),
            Node::Map(_) => serde_json::to_string(self).unwrap_or_default(),
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(b) => serializer.serialize_bool(*b),
            Node::Int(n) => serializer.serialize_i64(*n),
            Node::Uint(n) => serializer.serialize_u64(*n),
            Node::Float(x) => serializer.serialize_f64(*x),
            Node::Text(text) => serializer.serialize_str(text),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (name, value) in fields {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> std::result::Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> std::result::Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, b: bool) -> std::result::Result<Node, E> {
        Ok(Node::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> std::result::Result<Node, E> {
        Ok(Node::Int(n))
    }

    fn visit_u64<E>(self, n: u64) -> std::result::Result<Node, E> {
        Ok(Node::Uint(n))
    }

    fn visit_f64<E>(self, x: f64) -> std::result::Result<Node, E> {
        Ok(Node::Float(x))
    }

    fn visit_str<E>(self, text: &str) -> std::result::Result<Node, E> {
        Ok(Node::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> std::result::Result<Node, E> {
        Ok(Node::Text(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = map.next_entry()? {
            fields.push(field);
        }
        Ok(Node::Map(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_fields_become_dotted_columns_in_field_order() {
        #[derive(serde::Serialize)]
        struct Inner {
            z: u8,
            a: Option<&'static str>,
        }
        #[derive(serde::Serialize)]
        struct Row {
            zeta: &'static str,
            inner: Inner,
            list: Vec<&'static str>,
            alpha: f64,
        }
        let row = Row { zeta: "z", inner: Inner { z: 1, a: None }, list: vec!["x", "y"], alpha: 3.37e9 };
        let columns = flatten(&row).unwrap();
        let expected = [("zeta", "z"), ("inner.z", "1"), ("inner.a", ""), ("list", "x;y"), ("alpha", "3370000000")];
        let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        assert_eq!(columns, expected);
    }
}
