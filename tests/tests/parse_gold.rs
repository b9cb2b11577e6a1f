//! `storyline parse --format json seeds/` agrees with every parsing field of the gold analysis.

mod common;

use serde_json::Value;

/// The text of a span (`start`, `end`) of `article`: the output writes no copy of it by default.
fn span_text<'a>(article: &'a Value, span: &Value) -> &'a str {
    let text = article["text"].as_str().expect("text");
    let offset = |k: &str| span[k].as_u64().expect("an offset") as usize;
    text.get(offset("start")..offset("end")).expect("a span of the text")
}

fn texts_with_role<'a>(article: &'a Value, role: &str) -> Vec<&'a str> {
    article["paragraphs"]
        .as_array()
        .expect("paragraphs array")
        .iter()
        .filter(|p| p["role"] == role)
        .map(|p| span_text(article, p))
        .collect()
}

#[test]
fn seeds_parse_as_the_gold_says() {
    let gold = common::gold();
    let (code, out, err) = common::storyline(&["parse", "--format", "json", &common::seeds_arg()]);
    assert_eq!(code, 0, "stderr: {err}");
    let articles: Vec<Value> = serde_json::from_str(&out).expect("JSON array of articles");
    let golds = gold["articles"].as_object().expect("gold articles");
    assert_eq!(articles.len(), golds.len());
    for (id, g) in golds {
        let a = articles
            .iter()
            .find(|a| a["id"] == id.as_str())
            .unwrap_or_else(|| panic!("article {id} missing"));
        for key in [
            "id",
            "title",
            "standfirst",
            "published",
            "updated",
            "authors",
            "publisher",
            "dateline",
            "paragraphs",
        ] {
            assert!(a.get(key).is_some(), "{id}: key {key} missing from the JSON");
        }
        for key in ["title", "published", "updated", "publisher"] {
            if let Some(expected) = g.get(key) {
                assert_eq!(&a[key], expected, "{id}: {key}");
            }
        }
        if let Some(sf) = g["standfirst_starts"].as_str() {
            let got = a["standfirst"].as_str().unwrap_or_default();
            assert!(got.starts_with(sf), "{id}: standfirst {got:?} should start with {sf:?}");
        }
        let body = texts_with_role(a, "body");
        assert_eq!(
            body.len() as u64,
            g["body_paragraphs"].as_u64().expect("count"),
            "{id}: body paragraphs {body:#?}"
        );
        let first = g["first_body_paragraph_starts"].as_str().expect("first paragraph");
        assert!(body[0].starts_with(first), "{id}: first body paragraph {:?}", body[0]);
        if let Some(captions) = g["captions"].as_array() {
            let want: Vec<&str> = captions.iter().map(|c| c.as_str().expect("caption")).collect();
            assert_eq!(texts_with_role(a, "caption"), want, "{id}: captions");
        }
        let all_text = a["text"].as_str().expect("text");
        for junk in g["boilerplate_not_in_body"].as_array().into_iter().flatten() {
            let junk = junk.as_str().expect("string");
            assert!(all_text.contains(junk), "{id}: {junk:?} must be kept in the text, not dropped");
            assert!(!body.iter().any(|p| p.contains(junk)), "{id}: {junk:?} leaked into the body");
            // Kept under some other role.
            let elsewhere = a["paragraphs"]
                .as_array()
                .expect("paragraphs")
                .iter()
                .filter(|p| p["role"] != "body")
                .any(|p| junk.contains(span_text(a, p)));
            assert!(elsewhere, "{id}: {junk:?} is not recorded under a non-body role");
        }
    }
}

#[test]
fn batch_goes_on_after_a_bad_file_and_exit_status_says_so() {
    let missing = common::workspace_root().join("seeds/does-not-exist.txt").display().to_string();
    let (code, out, err) = common::storyline(&["parse", "--format", "jsonl", &missing, &common::seeds_arg()]);
    assert_eq!(code, storyline_cli::EXIT_INPUT_ERRORS);
    assert!(err.contains("does-not-exist.txt: cannot read"), "{err}");
    assert_eq!(out.lines().count(), 2, "both seeds are still in the output");
    for line in out.lines() {
        let a: Value = serde_json::from_str(line).expect("one article per line");
        assert!(a["paragraphs"].as_array().is_some_and(|p| !p.is_empty()));
    }
}

#[test]
fn json_array_is_streamed_in_batches_and_equals_the_jsonl_records() {
    // More files than one batch holds (512), so the array is written over several batches.
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 600;
    for i in 0..n {
        let text = format!("Headline {i}\n\nThe minister said on Monday: \"We agree.\"\n");
        std::fs::write(dir.path().join(format!("{i:04}.txt")), text).expect("write an article");
    }
    let dir_arg = dir.path().display().to_string();
    let (code, pretty, err) = common::storyline(&["parse", "--format", "json", &dir_arg]);
    assert_eq!(code, storyline_cli::EXIT_OK, "{err}");
    let (_, lines, _) = common::storyline(&["parse", "--format", "jsonl", &dir_arg]);
    let array: Vec<storyline_model::Article> = serde_json::from_str(&pretty).expect("one JSON array");
    let lines: Vec<storyline_model::Article> =
        lines.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(array.len(), n);
    assert_eq!(
        serde_json::to_string(&array).unwrap(),
        serde_json::to_string(&lines).unwrap(),
        "same articles"
    );
    assert!(array[7].source.ends_with("0007.txt"), "input order: {}", array[7].source);
    // Byte for byte what pretty-printing the whole array at once gives.
    assert_eq!(pretty, format!("{}\n", serde_json::to_string_pretty(&array).expect("serialise")));

    let empty = tempfile::tempdir().expect("temp dir");
    let (code, out, _) =
        common::storyline(&["parse", "--format", "json", &empty.path().display().to_string()]);
    assert_eq!((code, out.as_str()), (storyline_cli::EXIT_OK, "[]\n"));
}
