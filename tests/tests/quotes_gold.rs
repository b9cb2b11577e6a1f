//! Every required quote of the gold analysis, with its speaker, kind, cue, speaker mention and
//! (where given) date, from `storyline analyze --format json seeds/`.

mod common;

use serde_json::Value;

#[test]
fn seed_quotes_match_the_gold() {
    let gold = common::gold();
    let (code, out, err) =
        common::storyline(&["analyze", "--format", "json", "--span-text", &common::seeds_arg()]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    let mut failures = Vec::new();
    for (id, g) in gold["articles"].as_object().expect("articles") {
        let a = doc["articles"]
            .as_array()
            .expect("articles")
            .iter()
            .find(|a| a["id"] == id.as_str())
            .expect("article");
        let quotes = a["quotes"].as_array().expect("quotes");
        for gq in g["quotes"].as_array().expect("gold quotes") {
            if gq["optional"] == true {
                continue;
            }
            let contains = gq["contains"].as_str().expect("contains");
            let Some(q) = quotes.iter().find(|q| q["text"].as_str().is_some_and(|t| t.contains(contains)))
            else {
                failures.push(format!("{id}: no quote containing {contains:?}"));
                continue;
            };
            let mut problems = Vec::new();
            if q["speaker"] != gq["speaker"] {
                problems.push(format!("speaker {} (want {})", q["speaker"], gq["speaker"]));
            }
            if q["kind"] != gq["kind"] {
                problems.push(format!("kind {} (want {})", q["kind"], gq["kind"]));
            }
            if gq["optional_cue"] != true {
                let cue = q["cue"]["text"].as_str();
                let ok = match gq["cue"].as_str() {
                    Some(want) => cue.is_some_and(|c| {
                        c.eq_ignore_ascii_case(want) || c.to_lowercase().contains(&want.to_lowercase())
                    }),
                    None => cue.is_none(),
                };
                if !ok {
                    problems.push(format!("cue {:?} (want {})", cue, gq["cue"]));
                }
            }
            if let Some(m) = gq["speaker_mention"].as_str()
                && q["speaker_mention"]["text"].as_str() != Some(m)
            {
                problems.push(format!("speaker mention {} (want {m:?})", q["speaker_mention"]["text"]));
            }
            if let Some(d) = gq["date"].as_str()
                && q["date"]["value"].as_str() != Some(d)
            {
                problems.push(format!("date {} (want {d})", q["date"]));
            }
            if !problems.is_empty() {
                failures.push(format!("{id}: {contains:?}: {}", problems.join("; ")));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
