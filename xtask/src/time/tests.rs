use super::*;

fn s(start: usize, end: usize) -> Span3 {
    Span3 { start, end, kind: "DATE".into(), value: "X".into() }
}

#[test]
fn python_rounding() {
    assert_eq!(py_round2(12.345), 12.35); // 12.345 is 12.3450000000000006394884621841
    assert_eq!(py_round2(0.125), 0.12);
    assert_eq!(py_round2(0.375), 0.38);
    assert_eq!(py_round2(99.999), 100.0);
    assert_eq!(py_round2(0.0), 0.0);
}

#[test]
fn matching_is_one_to_one() {
    let gold = [s(0, 5), s(10, 20)];
    let pred = [s(0, 5), s(12, 14), s(15, 18)];
    let (strict, relaxed) = match_spans(&gold, &pred);
    assert_eq!(strict, vec![(0, 0)]);
    assert_eq!(relaxed, vec![(0, 0), (1, 1)]);
    // augmenting path: g0 overlaps p0,p1; g1 only p0
    let gold = [s(0, 10), s(0, 3)];
    let pred = [s(1, 4), s(5, 8)];
    let (_, relaxed) = match_spans(&gold, &pred);
    assert_eq!(relaxed.len(), 2);
}

/// TimeBank and `timeml.py` when both are there (`None`, and a note, when not).
fn corpus_and_scorer() -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let data = crate::default_data_dir().join("timebank");
    let script = crate::default_data_dir().join("../eval/timeml.py");
    if !data.is_dir() || !script.is_file() {
        println!("skipped: {} or {} not found", data.display(), script.display());
        return None;
    }
    Some((data, script))
}

/// Against the reference scripts on the real corpus, when it is there.
#[test]
fn agrees_with_timeml_py_on_the_corpus() {
    let Some((data, script)) = corpus_and_scorer() else { return };
    let docs = load_corpus(&data).unwrap();
    let tmp = std::env::temp_dir().join(format!("xtask-time-{}", std::process::id()));
    let py = std::process::Command::new("python3").arg(&script).arg("text").arg(&data).arg(&tmp).status();
    if !py.is_ok_and(|s| s.success()) {
        println!("skipped: python3 {} text failed", script.display());
        return;
    }
    for d in &docs {
        let want = fs::read_to_string(tmp.join(format!("{}.txt", d.stem))).unwrap();
        assert!(want == d.text, "text of {} differs from timeml.py", d.stem);
        let meta: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(tmp.join(format!("{}.json", d.stem))).unwrap()).unwrap();
        assert_eq!(meta["dct"], d.dct.as_str());
    }
    let preds = predict(&docs);
    let pred_path = tmp.join("pred.jsonl");
    write_predictions(&pred_path, &docs, &preds).unwrap();
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg("score")
        .arg(&data)
        .arg(&pred_path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), score(&docs, &preds));
    fs::remove_dir_all(&tmp).ok();
}

#[test]
fn halves_alternate_in_name_order() {
    let parts: Vec<Part> = (0..5).map(part_of).collect();
    assert_eq!(parts, [Part::Tune, Part::Check, Part::Tune, Part::Check, Part::Tune]);
    let doc =
        |stem: &str| TmlDoc { stem: stem.into(), text: String::new(), dct: String::new(), gold: vec![] };
    let docs = [doc("a"), doc("b"), doc("c")];
    let preds = vec![vec![s(0, 1)], vec![], vec![s(2, 3)]];
    let (tune, tune_preds) = select(&docs, &preds, Part::Tune);
    assert_eq!(tune.iter().map(|d| d.stem.as_str()).collect::<Vec<_>>(), ["a", "c"]);
    assert_eq!(tune_preds, vec![vec![s(0, 1)], vec![s(2, 3)]]);
    let (check, _) = select(&docs, &preds, Part::Check);
    assert_eq!(check.iter().map(|d| d.stem.as_str()).collect::<Vec<_>>(), ["b"]);
}

/// The error list shows the tuning half's misses, wrong values and spurious predictions,
/// and nothing of the checking half.
#[test]
fn errors_of_the_tuning_half_only() {
    let doc = |stem: &str, gold: Vec<Span3>| TmlDoc {
        stem: stem.into(),
        text: "On Friday and Monday the talks.".into(),
        dct: "2018-09-24".into(),
        gold,
    };
    let wrong = Span3 { value: "Y".into(), ..s(3, 9) };
    let docs = [doc("a", vec![s(3, 9), s(14, 20)]), doc("b", vec![s(3, 9)])];
    let preds = vec![vec![wrong, s(25, 30)], vec![]];
    let out = tuning_errors(&docs, &preds);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("VALUE a ") && lines[0].contains("[Friday]"), "{out}");
    assert!(lines[1].starts_with("MISS a ") && lines[1].contains("[Monday]"), "{out}");
    assert!(lines[2].starts_with("SPURIOUS a ") && lines[2].contains("[talks]"), "{out}");
}

/// Each half's figures are what `timeml.py` prints on that half's files.
#[test]
fn halves_agree_with_timeml_py() {
    let Some((data, script)) = corpus_and_scorer() else { return };
    let docs = load_corpus(&data).unwrap();
    let preds = predict(&docs);
    let tmp = std::env::temp_dir().join(format!("xtask-time-halves-{}", std::process::id()));
    for part in [Part::Tune, Part::Check] {
        let (pd, pp) = select(&docs, &preds, part);
        assert!(pd.len() * 2 + 1 >= docs.len() && pd.len() * 2 <= docs.len() + 1);
        let (gold, pred) = write_part(&data, &tmp.join(part.name()), &pd, &pp).unwrap();
        assert_eq!(fs::read_dir(&gold).unwrap().count(), pd.len());
        match check_official(&script, &gold, &pred, &score(&pd, &pp)).unwrap() {
            None => {}
            Some(why) => println!("skipped: {why}"),
        }
    }
    fs::remove_dir_all(&tmp).ok();
}

#[test]
fn missing_data_is_a_clear_error() {
    let err = load_corpus(Path::new("/nonexistent/timebank")).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/timebank"), "{err}");
}

#[test]
fn reads_timeml() {
    let dir = std::env::temp_dir().join(format!("xtask-tml-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let p = dir.join("a.tml");
    fs::write(
        &p,
        "<?xml version=\"1.0\" ?>\n<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n\
         <TEXT>A &amp; <EVENT eid=\"e1\">b</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"PRESENT_REF\">now</TIMEX3>é.</TEXT>\
         <TLINK lid=\"l1\"/></TimeML>",
    )
    .unwrap();
    let d = read_tml(&p).unwrap();
    assert_eq!(d.text, "A & b nowé.");
    assert_eq!(d.dct, "1998-01-08");
    assert_eq!(d.gold, vec![Span3 { start: 6, end: 9, kind: "DATE".into(), value: "PRESENT_REF".into() }]);
    fs::remove_dir_all(&dir).ok();
}
