//! Every required time expression of the gold analysis, with its type and value: seed 000
//! against its own date, seed 002 without a date and with `--date 2018-09-22`.

mod common;

use serde_json::Value;

fn timexes(args: &[&str]) -> Vec<Value> {
    let args = [args, &["--span-text"]].concat();
    let (code, out, err) = common::storyline(&args);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    doc["articles"][0]["timexes"].as_array().expect("timexes").clone()
}

/// Gold items missing from the predictions (text match either way, type, value or accepted value).
fn missing(article: &str, gold: &[Value], predicted: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for g in gold.iter().filter(|g| g["optional"] != true) {
        let text = g["text"].as_str().expect("text");
        let mut values = vec![g["value"].as_str().expect("value")];
        values.extend(g["accept"].as_array().into_iter().flatten().filter_map(Value::as_str));
        let found = predicted.iter().any(|p| {
            let pt = p["text"].as_str().unwrap_or_default();
            (pt.contains(text) || text.contains(pt) && !pt.is_empty())
                && p["type"] == g["type"]
                && values.contains(&p["value"].as_str().unwrap_or_default())
        });
        if !found {
            out.push(format!("{article}: {text:?} {} {values:?} not found in {predicted:?}", g["type"]));
        }
    }
    out
}

#[test]
fn seed_time_expressions_match_the_gold() {
    let gold = common::gold();
    let seeds = common::workspace_root().join("seeds");
    let s000 = seeds.join("000_062679f85e15b100.txt").display().to_string();
    let s002 = seeds.join("002_f337b9528f10e226.txt").display().to_string();
    let g = &gold["articles"];
    let mut failures = Vec::new();
    let list = |v: &Value| v.as_array().expect("gold list").clone();
    failures.extend(missing(
        "000",
        &list(&g["000_062679f85e15b100"]["timexes"]),
        &timexes(&["analyze", &s000]),
    ));
    failures.extend(missing(
        "002 without date",
        &list(&g["002_f337b9528f10e226"]["timexes_without_date"]),
        &timexes(&["analyze", &s002]),
    ));
    failures.extend(missing(
        "002 --date 2018-09-22",
        &list(&g["002_f337b9528f10e226"]["timexes_with_date_2018-09-22"]),
        &timexes(&["analyze", "--date", "2018-09-22", &s002]),
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn timexes_are_spans_into_the_text() {
    let (code, out, _) = common::storyline(&["analyze", "--span-text", &common::seeds_arg()]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    for a in doc["articles"].as_array().expect("articles") {
        let text = a["text"].as_str().expect("text");
        for t in a["timexes"].as_array().expect("timexes") {
            let (s, e) =
                (t["start"].as_u64().expect("start") as usize, t["end"].as_u64().expect("end") as usize);
            assert_eq!(&text[s..e], t["text"].as_str().expect("text"));
        }
    }
}
