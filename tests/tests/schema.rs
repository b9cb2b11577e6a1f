//! The JSON schema of `storyline analyze` (every key path with its value types) is stable:
//! a snapshot of the shape, not the values, so quality improvements don't churn it.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

fn shape(v: &Value, path: String, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let kind = match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    out.entry(path.clone()).or_default().insert(kind);
    match v {
        Value::Array(items) => items.iter().for_each(|i| shape(i, format!("{path}[]"), out)),
        Value::Object(map) => map.iter().for_each(|(k, x)| shape(x, format!("{path}.{k}"), out)),
        _ => {}
    }
}

#[test]
fn analyze_json_schema_is_stable() {
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &common::seeds_arg()]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let mut paths = BTreeMap::new();
    shape(&doc, String::new(), &mut paths);
    let text: String = paths
        .iter()
        .map(|(p, kinds)| {
            format!(
                "{} : {}\n",
                if p.is_empty() { "." } else { p },
                kinds.iter().copied().collect::<Vec<_>>().join(" | ")
            )
        })
        .collect();
    insta::assert_snapshot!(text);
}
