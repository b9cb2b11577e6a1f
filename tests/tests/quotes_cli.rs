//! `storyline quotes`: the quotes of the seed articles as JSON, CSV and a table, and the
//! `--speaker` filter.

mod common;

use serde_json::Value;

fn quotes_json(extra: &[&str]) -> Vec<Value> {
    let seeds = common::seeds_arg();
    let mut args = vec!["quotes", seeds.as_str(), "--format", "json", "--quiet"];
    args.extend_from_slice(extra);
    let (code, out, err) = common::storyline(&args);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    doc.as_array().expect("an array of articles").clone()
}

#[test]
fn json_lists_every_article_with_its_quotes_in_order() {
    let articles = quotes_json(&[]);
    assert_eq!(articles.len(), 2, "both seeds");
    for a in &articles {
        let quotes = a["quotes"].as_array().expect("quotes");
        assert!(a["id"].is_string());
        assert!(quotes.len() >= 5, "{}: {} quotes", a["id"], quotes.len());
        let starts: Vec<u64> = quotes.iter().map(|q| q["start"].as_u64().expect("start")).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "quotes by position: {starts:?}");
        for q in quotes {
            for key in ["kind", "text", "speaker", "speaker_mention", "cue", "date", "start", "end"] {
                assert!(q.get(key).is_some(), "{key} missing in {q}");
            }
            assert!(q["end"].as_u64() > q["start"].as_u64());
        }
    }
}

#[test]
fn speaker_filter_keeps_only_that_speakers_quotes() {
    let articles = quotes_json(&["--speaker", "Pompeo"]);
    let quotes: Vec<&Value> = articles.iter().flat_map(|a| a["quotes"].as_array().expect("quotes")).collect();
    assert!(quotes.len() >= 5, "Pompeo quotes: {}", quotes.len());
    assert!(quotes.iter().all(|q| q["speaker"] == "Mike Pompeo"), "{quotes:?}");
    assert!(
        quotes.iter().any(|q| q["text"]
            .as_str()
            .is_some_and(|t| t.contains("I'm hopeful that I get a chance to travel again to Pyongyang"))),
        "the known Pompeo quote"
    );
    // Haley's quote that names "Secretary Pompeo" is not his.
    assert!(!quotes.iter().any(|q| q["text"].as_str().is_some_and(|t| t.contains("needs to have a couple"))));
    // The canonical name works too, in any case.
    let by_name = quotes_json(&["--speaker", "mike POMPEO"]);
    let n: usize = by_name.iter().map(|a| a["quotes"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(n, quotes.len());
    // Nobody by that name: the articles are listed without quotes.
    let none = quotes_json(&["--speaker", "Nobody Atall"]);
    assert!(none.iter().all(|a| a["quotes"].as_array().is_some_and(Vec::is_empty)));
}

#[test]
fn speaker_filter_covers_the_gold_quotes_of_the_speaker() {
    let Some(gold) = common::gold() else { return };
    let articles = quotes_json(&["--speaker", "Nikki Haley"]);
    let texts: Vec<&str> = articles
        .iter()
        .flat_map(|a| a["quotes"].as_array().expect("quotes"))
        .filter_map(|q| q["text"].as_str())
        .collect();
    let mut wanted = 0;
    for g in gold["articles"].as_object().expect("articles").values() {
        for gq in g["quotes"].as_array().expect("gold quotes") {
            if gq["optional"] == true || gq["speaker"] != "Nikki Haley" {
                continue;
            }
            wanted += 1;
            let c = gq["contains"].as_str().expect("contains");
            assert!(texts.iter().any(|t| t.contains(c)), "no Haley quote containing {c:?} in {texts:?}");
        }
    }
    assert!(wanted > 0);
}

#[test]
fn csv_has_a_header_and_one_row_per_quote() {
    let seeds = common::seeds_arg();
    let (code, out, err) = common::storyline(&["quotes", &seeds, "--format", "csv", "--speaker", "Pompeo"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("article,speaker,speaker_mention,kind,cue,date,start,end,text"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 5, "{out}");
    assert!(rows.iter().all(|r| r.starts_with("002_f337b9528f10e226,Mike Pompeo,")), "{out}");
    assert!(out.contains("Pyongyang"));
}

#[test]
fn table_shows_aligned_speakers_and_quotes() {
    let seeds = common::seeds_arg();
    let (code, out, err) = common::storyline(&["quotes", &seeds]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("SPEAKER"), "{out}");
    for name in ["Donald Trump", "Mike Pompeo", "Nikki Haley"] {
        assert!(lines.iter().any(|l| l.starts_with(name)), "{name} in\n{out}");
    }
    // Columns are aligned: every row has its article id where the header has ARTICLE.
    let col = lines[0].find("ARTICLE").expect("ARTICLE column");
    assert!(
        lines[1..].iter().all(|l| l.get(col..col + 4).is_some_and(|s| s == "000_" || s == "002_")),
        "{out}"
    );
    // Article order, then position: the first seed's quotes come first.
    let first_002 = lines.iter().position(|l| l.get(col..col + 4) == Some("002_")).expect("002 rows");
    assert!(lines[first_002..].iter().all(|l| l.get(col..col + 4) == Some("002_")));
}

#[test]
fn unreadable_inputs_give_status_1_and_the_others_still_print() {
    let seeds = common::seeds_arg();
    let (code, out, err) = common::storyline(&["quotes", &seeds, "/no/such/file.txt", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(err.contains("/no/such/file.txt"), "{err}");
    let doc: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc.as_array().map(Vec::len), Some(2));
}
