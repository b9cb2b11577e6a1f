//! `storyline quotes`: the quotes of the seed articles as JSON, CSV and a table, and the
//! `--speaker` and `--about` filters.

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
            for key in ["kind", "text", "speaker", "speaker_mention", "cue", "date", "start", "end", "about"]
            {
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
    let gold = common::gold();
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

fn about(q: &Value) -> Vec<&str> {
    q["about"].as_array().expect("about").iter().filter_map(Value::as_str).collect()
}

fn all_quotes(articles: &[Value]) -> Vec<&Value> {
    articles.iter().flat_map(|a| a["quotes"].as_array().expect("quotes")).collect()
}

#[test]
fn about_filter_keeps_the_quotes_about_that_entity() {
    // "Kim" is an alias of Kim Jong Un in one seed and of Kim Jong-un in the other.
    let articles = quotes_json(&["--about", "Kim"]);
    assert_eq!(articles.len(), 2, "every article is listed");
    let quotes = all_quotes(&articles);
    assert!(quotes.len() >= 4, "quotes about Kim: {quotes:?}");
    assert!(quotes.iter().all(|q| about(q).contains(&"Kim Jong Un") || about(q).contains(&"Kim Jong-un")));
    // Trump's "Kim Jong Un wrote a letter" and Haley's "before the President meets with Kim".
    let said = |needle: &str| quotes.iter().any(|q| q["text"].as_str().is_some_and(|t| t.contains(needle)));
    assert!(said("Kim Jong Un wrote a letter") && said("before the President meets with Kim"), "{quotes:?}");
    // "the talks appeared to be back on track …, helped largely by a third summit between …
    // Moon Jae-in and Kim": "appeared" reports no act, so no quote (issue 19).
    assert!(!said("a third summit between South Korean President Moon Jae-in and Kim"), "{quotes:?}");
    // Kim's own words are not about him.
    assert!(quotes.iter().all(|q| q["speaker"] != "Kim Jong Un" && q["speaker"] != "Kim Jong-un"));
    // Each seed's canonical name, in any case, finds that seed's quotes about him.
    let count = |articles: &[Value], id: &str| {
        articles
            .iter()
            .filter(|a| a["id"] == id)
            .map(|a| a["quotes"].as_array().map_or(0, Vec::len))
            .sum::<usize>()
    };
    let (cnn, yonhap) = ("000_062679f85e15b100", "002_f337b9528f10e226");
    let by_cnn_name = quotes_json(&["--about", "KIM JONG UN"]);
    let by_yonhap_name = quotes_json(&["--about", "kim jong-un"]);
    assert_eq!(count(&by_cnn_name, cnn), count(&articles, cnn));
    assert_eq!(count(&by_yonhap_name, yonhap), count(&articles, yonhap));
    // The Yonhap seed's only sentence naming Kim was the "appeared" one: none there now.
    assert!(count(&by_cnn_name, cnn) > 0 && count(&by_yonhap_name, yonhap) == 0);
    // Places and organisations too: the quotes about Pyongyang are Pompeo's.
    let pyongyang = quotes_json(&["--about", "pyongyang"]);
    let pyongyang = all_quotes(&pyongyang);
    assert!(!pyongyang.is_empty() && pyongyang.iter().all(|q| about(q).contains(&"Pyongyang")));
    // Nobody by that name: the articles are listed without quotes.
    let none = quotes_json(&["--about", "Nobody Atall"]);
    assert_eq!(none.len(), 2);
    assert!(all_quotes(&none).is_empty());
}

#[test]
fn about_and_speaker_filters_combine() {
    let articles = quotes_json(&["--speaker", "Haley", "--about", "Pompeo"]);
    let quotes = all_quotes(&articles);
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    assert_eq!(quotes[0]["speaker"], "Nikki Haley");
    assert!(quotes[0]["text"].as_str().is_some_and(|t| t.contains("Secretary Pompeo needs")));
    // Pompeo's own quotes are never about Pompeo.
    assert!(all_quotes(&quotes_json(&["--speaker", "Pompeo", "--about", "Pompeo"])).is_empty());
    // The table shows what each quote is about.
    let seeds = common::seeds_arg();
    let (code, out, err) = common::storyline(&["quotes", &seeds, "--speaker", "Haley", "--about", "Pompeo"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let col = lines[0].find("ABOUT").expect("ABOUT column");
    assert!(lines[1][col..].starts_with("Mike Pompeo; Donald Trump; Kim Jong Un "), "{out}");
}

#[test]
fn csv_has_a_header_and_one_row_per_quote() {
    let seeds = common::seeds_arg();
    let (code, out, err) = common::storyline(&["quotes", &seeds, "--format", "csv", "--speaker", "Pompeo"]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("article,speaker,speaker_mention,about,kind,act,cue,date,start,end,text"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 5, "{out}");
    assert!(rows.iter().all(|r| r.starts_with("002_f337b9528f10e226,Mike Pompeo,")), "{out}");
    assert!(out.contains("Pyongyang"));
    // What the quote is about, after the speaker's words.
    assert!(
        rows.iter().any(|r| r.starts_with(
            "002_f337b9528f10e226,Mike Pompeo,US Secretary of State Mike Pompeo,US; North Korea,mixed,speech,voiced,"
        )),
        "{out}"
    );
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
