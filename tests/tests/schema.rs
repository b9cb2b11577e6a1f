//! The output schema (version 1): the checked-in JSON Schema is the one the model types
//! generate, every command's JSON output validates against it, and the shape of `analyze`'s
//! output (every key path with its value types, not the values) is snapshotted so that a change
//! is seen in review.

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

/// The checked-in schema, as `cargo xtask schema` writes it.
fn checked_in_schema() -> String {
    let path = common::workspace_root().join("schema/storyline.schema.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn checked_in_schema_is_the_one_the_model_generates() {
    let generated =
        serde_json::to_string_pretty(&storyline_model::schema::json_schema()).expect("JSON") + "\n";
    assert!(
        checked_in_schema() == generated,
        "schema/storyline.schema.json differs from the model's schema: run `cargo xtask schema`, \
         and note the change in CHANGELOG.md"
    );
}

/// A validator for one definition of the schema (`Article`, `AnalyzeReport`, …).
fn validator(definition: &str) -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(&checked_in_schema()).expect("the schema is JSON");
    let root = schema.as_object_mut().expect("the schema is an object");
    assert!(root["$defs"].get(definition).is_some(), "no definition {definition}");
    root.remove("anyOf");
    root.insert("$ref".into(), format!("#/$defs/{definition}").into());
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> =
        validator.iter_errors(doc).take(5).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// Run a command over the seeds; its stdout.
fn output_of(args: &[&str]) -> String {
    let seeds = common::seeds_arg();
    let mut argv = args.to_vec();
    argv.push(&seeds);
    let (code, out, err) = common::storyline(&argv);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

fn json_lines(out: &str) -> Vec<Value> {
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert!(lines.len() >= 2, "one line per seed");
    lines
}

#[test]
fn every_json_output_validates_against_the_schema() {
    let article = validator("Article");
    for args in [
        &["parse", "--format", "jsonl"][..],
        &["parse", "--format", "jsonl", "--tokens", "--span-text"],
        &["analyze", "--format", "jsonl"],
        &["analyze", "--format", "jsonl", "--span-text"],
    ] {
        for line in json_lines(&output_of(args)) {
            assert_eq!(line["schema_version"], "1", "{args:?}");
            assert_valid(&article, &line, &format!("{args:?}"));
        }
    }
    let parsed: Value = serde_json::from_str(&output_of(&["parse", "--format", "json"])).expect("JSON");
    assert!(parsed.as_array().is_some_and(|a| a.len() >= 2));
    for a in parsed.as_array().into_iter().flatten() {
        assert_valid(&article, a, "parse --format json");
    }
    let report = validator("AnalyzeReport");
    for args in [&["analyze", "--format", "json"][..], &["analyze", "--format", "json", "--span-text"]] {
        let doc: Value = serde_json::from_str(&output_of(args)).expect("JSON");
        assert_eq!(doc["schema_version"], "1");
        assert!(doc["stories"].as_array().is_some_and(|s| !s.is_empty()), "stories to check");
        assert_valid(&report, &doc, &format!("{args:?}"));
    }
    for (args, definition, key) in [
        (&["entities", "--format", "json"], "ArticleEntities", "entities"),
        (&["quotes", "--format", "json"], "ArticleQuotes", "quotes"),
    ] {
        let doc: Value = serde_json::from_str(&output_of(args)).expect("JSON");
        let items = doc.as_array().expect("an array");
        assert!(items.iter().any(|i| i[key].as_array().is_some_and(|a| !a.is_empty())), "{args:?}: nothing");
        let v = validator(definition);
        for item in items {
            assert_valid(&v, item, &format!("{args:?}"));
        }
    }
}

/// The schema is strict: a field it does not name, a span of the wrong type or another
/// version is refused (so a model change without `cargo xtask schema` fails the test above).
#[test]
fn the_schema_refuses_what_is_not_written() {
    let article = validator("Article");
    let line = json_lines(&output_of(&["analyze", "--format", "jsonl"])).remove(0);
    assert!(article.is_valid(&line));
    let mut extra = line.clone();
    extra["mood"] = "cheerful".into();
    assert!(!article.is_valid(&extra), "an unknown field is accepted");
    let mut bad_span = line.clone();
    bad_span["paragraphs"][0]["start"] = "0".into();
    assert!(!article.is_valid(&bad_span), "a string offset is accepted");
    let mut version = line.clone();
    version["schema_version"] = "2".into();
    assert!(!article.is_valid(&version), "another version is accepted");
    let mut date = line;
    date["published"] = "24 Sep 2018".into();
    assert!(!article.is_valid(&date), "an untyped date is accepted");
}

/// Spans carry no copy of their text unless `--span-text` asks for it, and then the copy is
/// the article's text at the span; sentences give token ranges only when the tokens are
/// written, and those ranges are in them.
#[test]
fn span_texts_and_token_ranges_only_when_asked() {
    let plain = json_lines(&output_of(&["analyze", "--format", "jsonl"]));
    let full = json_lines(&output_of(&["analyze", "--format", "jsonl", "--span-text"]));
    assert_eq!(plain.len(), full.len());
    let texts = |a: &Value| -> Vec<(u64, u64, Option<String>)> {
        let mut spans: Vec<&Value> = Vec::new();
        spans.extend(a["paragraphs"].as_array().into_iter().flatten());
        spans.extend(a["timexes"].as_array().into_iter().flatten());
        for e in a["entities"].as_array().into_iter().flatten() {
            spans.extend(e["mentions"].as_array().into_iter().flatten());
        }
        for q in a["quotes"].as_array().into_iter().flatten() {
            spans.extend([&q["cue"], &q["speaker_mention"]].into_iter().filter(|x| x.is_object()));
        }
        spans
            .iter()
            .map(|s| {
                let n = |k: &str| s[k].as_u64().expect("an offset");
                (n("start"), n("end"), s["text"].as_str().map(str::to_string))
            })
            .collect()
    };
    for (p, f) in plain.iter().zip(&full) {
        assert!(p.to_string().len() < f.to_string().len());
        let text = f["text"].as_str().expect("text");
        let (without, with) = (texts(p), texts(f));
        assert_eq!(without.len(), with.len());
        assert!(without.iter().all(|(_, _, t)| t.is_none()), "a span text without --span-text");
        for ((s, e, t), (s2, e2, _)) in with.iter().zip(&without) {
            assert_eq!((s, e), (s2, e2));
            assert_eq!(t.as_deref(), text.get(*s as usize..*e as usize), "span text is the article's");
        }
        for q in p["quotes"].as_array().into_iter().flatten() {
            assert!(q.get("text").is_none());
        }
        for s in p["sentences"].as_array().into_iter().flatten() {
            assert!(s.get("first_token").is_none() && s.get("end_token").is_none(), "{s}");
        }
    }
    for a in json_lines(&output_of(&["parse", "--format", "jsonl", "--tokens"])) {
        let tokens = a["tokens"].as_array().expect("tokens").len() as u64;
        for s in a["sentences"].as_array().into_iter().flatten() {
            let (first, end) = (s["first_token"].as_u64(), s["end_token"].as_u64());
            assert!(first.zip(end).is_some_and(|(f, e)| f < e && e <= tokens), "{s}");
        }
    }
}
