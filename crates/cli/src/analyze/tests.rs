use super::*;

#[test]
fn duplicate_ids_are_numbered_in_input_order() {
    let mut ids = Ids::default();
    let got: Vec<Option<String>> =
        ["a", "b", "a", "a", "a~2", "b", "a~4", "a"].iter().map(|i| ids.claim(i)).collect();
    let want = [None, None, Some("a~2"), Some("a~3"), Some("a~2~2"), Some("b~2"), None, Some("a~5")];
    assert_eq!(got, want.map(|w| w.map(str::to_string)));
}

/// A panic under the guard is the error of its article, with the panic's message.
#[test]
fn a_panic_is_the_error_of_its_article() {
    let r: Result<(), ErrorRecord> =
        guarded("feed.jsonl", Some(3), "analysing the article", || panic!("index out of bounds"));
    assert_eq!(
        r,
        Err(ErrorRecord {
            source: "feed.jsonl".into(),
            line: Some(3),
            reason: "internal error while analysing the article: index out of bounds".into()
        })
    );
    assert_eq!(guarded("a.txt", None, "reading the input", || 7), Ok(7));
}

/// The article-by-article run of a job (after a panic) gives what the job gives.
#[test]
fn a_job_run_one_by_one_gives_the_same_output() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let seed = std::path::Path::new(seeds).join("000_062679f85e15b100.txt");
    let text = std::fs::read(&seed).expect("a seed");
    let record = br#"{"id": "r1", "title": "Talks", "maintext": "Mike Pompeo said on Monday that the talks will go on."}"#;
    let pieces = || {
        vec![
            InputPiece::File {
                input: Input { path: seed.clone(), format: Format::Text },
                bytes: Ok(text.clone()),
            },
            InputPiece::Records {
                stem: "feed".into(),
                path: "feed.jsonl".into(),
                lines: vec![(1, Ok(record.to_vec())), (2, Ok(b"not json".to_vec())), (3, Err(99))],
                last: true,
            },
        ]
    };
    let analyzer = Analyzer::new().expect("built-in models load");
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool");
    let opts = ParseOptions::default();
    let stdin = Stdin::default();
    let config = RunConfig {
        opts: &opts,
        date: None,
        analyzer: Some(&analyzer),
        written: Written::default(),
        pool: &pool,
        summaries: true,
        stdin: &stdin,
    };
    let flat = |results: JobResults| -> Vec<Result<(String, Vec<u8>), ErrorRecord>> {
        results
            .into_iter()
            .flatten()
            .map(|r| {
                r.map(|(summary, out)| match out {
                    Output::Json { bytes, .. } => (summary.expect("a summary").id, bytes),
                    _ => panic!("JSON lines were asked for"),
                })
            })
            .collect()
    };
    let whole = flat(analyze_job(&pieces(), &config, OutputForm::JsonLine));
    let one_by_one = flat(analyze_one_by_one(&pieces(), &config, OutputForm::JsonLine));
    assert_eq!(whole.len(), 4);
    assert!(whole[0].is_ok() && whole[1].is_ok() && whole[2].is_err() && whole[3].is_err(), "{whole:?}");
    assert_eq!(whole, one_by_one);
}
