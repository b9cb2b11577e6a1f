//! Story grouping end to end (issue 18) on fixtures written for it, in
//! `tests/fixtures/stories/`:
//!
//! * `same-kind/`: seven events of three kinds, two or three articles each, worded differently —
//!   three earthquakes in different countries and years, two shootings a month apart, one
//!   actress's two rehab stays a year apart. Each event must be one story, and no story may mix
//!   two events.
//! * `bridge/`: five short articles on one bridge closure (three `.txt`, two JSONL records) that
//!   share the governor, the commissioner, the bridge and one quote: one story, the quote one
//!   statement with a source in each article that reports it.

mod common;

use serde_json::Value;

fn analyze(dir: &str) -> Value {
    let path = common::workspace_root().join("tests/fixtures/stories").join(dir);
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &path.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).expect("JSON report")
}

/// Each story's article ids, sorted, the stories sorted.
fn groups(doc: &Value) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = doc["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = s["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|a| a.as_str().expect("id").to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

#[test]
fn events_of_the_same_kind_stay_apart_and_each_event_is_one_story() {
    let doc = analyze("same-kind");
    let want: Vec<Vec<String>> = [
        &["quake-japan-1", "quake-japan-2"][..],
        &["quake-peru-1", "quake-peru-2", "quake-peru-3"],
        &["quake-turkey-1", "quake-turkey-2"],
        &["rehab-2012-1", "rehab-2012-2"],
        &["rehab-2013-1", "rehab-2013-2"],
        &["shooting-fresno-1", "shooting-fresno-2"],
        &["shooting-tacoma-1", "shooting-tacoma-2", "shooting-tacoma-3"],
    ]
    .iter()
    .map(|g| g.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(groups(&doc), want);
}

#[test]
fn five_reports_of_one_bridge_closure_are_one_story() {
    let doc = analyze("bridge");
    let all = ["bridge-1", "bridge-2", "bridge-3", "pressherald-bridge", "wmtw-bridge"];
    assert_eq!(groups(&doc), vec![all.iter().map(|s| s.to_string()).collect::<Vec<_>>()]);
    let story = &doc["stories"][0];
    // The governor's line, reported (quoted or not) by four of the five, is one statement.
    let quote = story["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| {
            s["text"].as_str().is_some_and(|t| t.to_lowercase().contains("no one will cross that bridge"))
        })
        .expect("the governor's statement");
    assert_eq!(quote["speaker"], "Laura Whitfield");
    let mut articles: Vec<&str> =
        quote["articles"].as_array().expect("articles").iter().filter_map(Value::as_str).collect();
    articles.sort_unstable();
    assert_eq!(articles, ["bridge-1", "bridge-2", "pressherald-bridge", "wmtw-bridge"]);
    // The people and the bridge are each one entity across the articles.
    let entity = |name: &str| {
        story["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("no story entity {name}: {}", story["entities"]))
    };
    assert_eq!(entity("Laura Whitfield")["articles"].as_array().map(Vec::len), Some(5));
    assert_eq!(entity("Casco Bay Bridge")["articles"].as_array().map(Vec::len), Some(5));
    assert!(entity("Ray Dufresne")["articles"].as_array().map_or(0, Vec::len) >= 4);
}
