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
    let gold = common::gold();
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

/// Issue 18, item 7: one date per statement everywhere. Each statement entry of the timeline
/// ("Speaker: “first words” (+N more)", or without marks for reported speech) summarises the speaker's statements of its date, so
/// every dated statement with a speaker is on the timeline on its own date, and the Markdown
/// report shows the same dates in "who said what" and in the timeline.
#[test]
fn timeline_statement_entries_have_the_dates_of_their_statements() {
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &common::seeds_arg()]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let mut failures = Vec::new();
    let mut entries_checked = 0;
    for story in doc["stories"].as_array().expect("stories") {
        let statements = story["statements"].as_array().expect("statements");
        let timeline = story["timeline"].as_array().expect("timeline");
        for entry in timeline.iter().filter(|t| t["kind"] == "statement") {
            entries_checked += 1;
            let (date, text) = (entry["date"].as_str().expect("date"), entry["text"].as_str().expect("text"));
            // The speaker's statements, and the one whose words the entry shows.
            let by =
                |s: &&Value| s["speaker"].as_str().is_some_and(|who| text.starts_with(&format!("{who}: ")));
            // `Who: “direct quote”` or `Who: reported words` (no marks of its own, issue 19).
            let shown = text.split_once(": ").map(|(_, rest)| rest).unwrap_or_default();
            let shown = shown.rsplit_once(" (+").map_or(shown, |(words, _)| words);
            let shown = match shown.strip_prefix('“') {
                Some(inner) => inner.rsplit_once('”').map_or(inner, |(words, _)| words),
                None => shown,
            }
            .trim_end_matches('…');
            let first = statements.iter().filter(by).find(|s| {
                storyline_analyzer::story::quote_display(s["text"].as_str().unwrap_or_default())
                    .starts_with(shown)
            });
            match first {
                Some(s) if s["date"] != date => {
                    failures.push(format!("entry {date} {text:?} shows a statement dated {}", s["date"]))
                }
                Some(_) => {}
                None => failures.push(format!("entry {date} {text:?}: no statement with those words")),
            }
            // "(+N more)": N more of the speaker's statements of that date.
            let more: usize =
                text.rsplit_once("(+").and_then(|(_, n)| n.strip_suffix(" more)")?.parse().ok()).unwrap_or(0);
            let same_day = statements.iter().filter(by).filter(|s| s["date"] == date).count();
            if same_day != more + 1 {
                failures.push(format!(
                    "entry {date} {text:?} summarises {} statements, {same_day} have that date",
                    more + 1
                ));
            }
        }
        // Every dated statement with a speaker is on the timeline on its date.
        for s in statements {
            let (Some(who), Some(date)) = (s["speaker"].as_str(), s["date"].as_str()) else { continue };
            let on_timeline = timeline.iter().any(|t| {
                t["kind"] == "statement"
                    && t["date"] == date
                    && t["text"].as_str().is_some_and(|x| x.starts_with(&format!("{who}: ")))
            });
            if !on_timeline {
                failures.push(format!("{who}'s statement dated {date} is not on the timeline that day"));
            }
        }
    }
    assert!(entries_checked >= 3, "the seeds' story has statement entries");
    // The Yonhap seed's "voiced hope Friday" (undated article, story of Monday 2018-09-24): Friday
    // 2018-09-21 for the statement, on the timeline as that statement, and not again as an event.
    let story = &doc["stories"][0];
    let hope = story["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .find(|s| s["text"].as_str().is_some_and(|t| t.contains("Friday for a second summit")))
        .expect("the voiced-hope statement");
    assert_eq!(hope["date"], "2018-09-21", "{hope}");
    let friday: Vec<&Value> = story["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter(|t| t["date"] == "2018-09-21")
        .collect();
    assert_eq!(friday.len(), 1, "{friday:?}");
    assert_eq!(friday[0]["kind"], "statement", "{friday:?}");
    // The Markdown report: the same date in "who said what" and in the timeline.
    let (code, md, err) = common::storyline(&["analyze", "--format", "md", "--quiet", &common::seeds_arg()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        md.lines()
            .any(|l| l.starts_with("- 2018-09-21 — Mike Pompeo on ")
                && l.contains("Friday for a second summit")),
        "{md}"
    );
    // Reported speech (partly quoted) is the writer's words: no quote marks of its own (issue 19).
    assert!(md.lines().any(|l| l.starts_with("| 2018-09-21 | Mike Pompeo: hope Friday")), "{md}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
