//! `storyline analyze --format json seeds/`: the story section of the gold analysis — both seeds
//! in one story, entities merged across them, the speakers on the second summit, and the
//! timeline entries.

mod common;

use serde_json::Value;

fn names(e: &Value) -> Vec<&str> {
    let mut v = vec![e["name"].as_str().expect("name")];
    v.extend(e["aliases"].as_array().expect("aliases").iter().filter_map(Value::as_str));
    v
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array().expect("array").iter().filter_map(Value::as_str).collect()
}

#[test]
fn seed_story_matches_the_gold() {
    let Some(gold) = common::gold() else { return };
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &common::seeds_arg()]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let stories = doc["stories"].as_array().expect("stories");
    let g = &gold["story"];
    let mut failures = Vec::new();
    for group in g["same_story"].as_array().expect("same_story") {
        let want = ids(group);
        if !stories.iter().any(|s| want.iter().all(|id| ids(&s["articles"]).contains(id))) {
            failures.push(format!("articles {want:?} are not in one story"));
        }
    }
    let story = stories
        .iter()
        .find(|s| ids(&g["same_story"][0]).iter().all(|id| ids(&s["articles"]).contains(id)))
        .unwrap_or(&stories[0]);
    let entities = story["entities"].as_array().expect("entities");
    for ge in g["cross_article_entities"].as_array().expect("entities") {
        let mut accepted = vec![ge["name"].as_str().expect("name")];
        accepted.extend(ge["accept"].as_array().into_iter().flatten().filter_map(Value::as_str));
        match entities.iter().find(|e| accepted.iter().any(|a| names(e).contains(a))) {
            Some(e) => {
                for id in ids(&ge["articles"]) {
                    if !ids(&e["articles"]).contains(&id) {
                        failures.push(format!("{} not linked to article {id}", accepted[0]));
                    }
                }
            }
            None => failures.push(format!("no story entity {accepted:?}")),
        }
    }
    let speakers: Vec<&str> = story["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .filter_map(|s| s["speaker"].as_str())
        .collect();
    for who in ids(&g["speakers_on_second_summit"]) {
        if !speakers.contains(&who) {
            failures.push(format!("no statement by {who} (speakers: {speakers:?})"));
        }
    }
    let timeline = story["timeline"].as_array().expect("timeline");
    for item in g["timeline_must_include"].as_array().expect("timeline") {
        let date = item["date"].as_str().expect("date");
        if !timeline.iter().any(|t| t["date"] == date) {
            failures.push(format!("no timeline entry dated {date} ({})", item["about"]));
        }
    }
    // The June summit is mentioned by both articles: one entry, both sources.
    if let Some(june) = timeline.iter().find(|t| t["date"] == "2018-06" && t["kind"] == "event")
        && ids(&june["articles"]).len() < 2
    {
        failures.push(format!("the 2018-06 summit entry should cite both articles: {june}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
