use super::*;

fn gold(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(d, c)| (d.to_string(), c.to_string())).collect()
}

fn stories(groups: &[&[&str]]) -> Vec<Vec<Option<String>>> {
    groups.iter().map(|g| g.iter().map(|a| Some(a.to_string())).collect()).collect()
}

/// Worked by hand: gold {a,b,c} {d,e}; stories [a,b] [c,d], e in none (a singleton).
/// B-cubed P = (1+1+1/2+1/2+1)/5 = 0.8, R = (2/3+2/3+1/3+1/2+1/2)/5 = 8/15, F1 = 0.64;
/// pairs: tp 1 (a-b), predicted 2, gold 4: P 0.5, R 0.25, F1 1/3;
/// ARI: expected 2·4/10 = 0.8, (1 - 0.8) / (3 - 0.8) = 1/11.
#[test]
fn hand_computed_case() {
    let g = gold(&[("a", "1"), ("b", "1"), ("c", "1"), ("d", "2"), ("e", "2")]);
    let s = score(&g, &stories(&[&["a", "b"], &["c", "d"]])).unwrap();
    assert_eq!((s.docs, s.gold_clusters, s.pred_clusters), (5, 2, 3));
    assert_eq!(s.bcubed, Prf { p: 80.0, r: 53.33, f1: 64.0 });
    assert_eq!(s.pairwise, Prf { p: 50.0, r: 25.0, f1: 33.33 });
    assert_eq!(s.ari, 9.09);
    assert_eq!(
        render(&s),
        "docs 5  gold clusters 2  predicted 3\n\
         bcubed    P  80.00  R  53.33  F1  64.00\n\
         pairwise  P  50.00  R  25.00  F1  33.33\n\
         ARI 9.09\n"
    );
}

#[test]
fn perfect_and_all_singletons() {
    let g = gold(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]);
    let s = score(&g, &stories(&[&["c", "d"], &["a", "b"]])).unwrap();
    assert_eq!(s.bcubed, Prf { p: 100.0, r: 100.0, f1: 100.0 });
    assert_eq!(s.pairwise, Prf { p: 100.0, r: 100.0, f1: 100.0 });
    assert_eq!(s.ari, 100.0);
    // No stories: every doc a singleton. B-cubed P 1, R 1/2; no predicted pairs: P = R = 0;
    // expected 0, and (pp + gp) / 2 = 1 ≠ 0: ARI (0 - 0) / (1 - 0) = 0.
    let s = score(&g, &[]).unwrap();
    assert_eq!(s.pred_clusters, 4);
    assert_eq!(s.bcubed, Prf { p: 100.0, r: 50.0, f1: 66.67 });
    assert_eq!(s.pairwise, Prf { p: 0.0, r: 0.0, f1: 0.0 });
    assert_eq!(s.ari, 0.0);
}

/// Ids outside the gold are ignored, a doc in two stories belongs to the last, objects with
/// an `id` count as their id, and a story left with no gold doc is not a predicted cluster.
#[test]
fn report_reading_rules() {
    let dir = std::env::temp_dir().join(format!("xtask-stories-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = dir.join("r.json");
    std::fs::write(
        &report,
        r#"{"articles": [], "stories": [{"articles": ["a", "zz"]}, {"articles": [{"id": "b"}, "a"]},
            {"articles": ["yy"]}, {"title": "no articles"}]}"#,
    )
    .unwrap();
    let got = read_report(&report).unwrap();
    assert_eq!(got[1], vec![Some("b".to_string()), Some("a".to_string())]);
    let g = gold(&[("a", "1"), ("b", "1"), ("c", "2")]);
    let s = score(&g, &got).unwrap();
    // {a, b} (the second story) and {c}: perfect.
    assert_eq!(s.pred_clusters, 2);
    assert_eq!(s.bcubed.f1, 100.0);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gold_file_rules() {
    let g = parse_gold("a\t1\r\n\n  \nb\t2\nc\t1 \na\t3").unwrap();
    assert_eq!(g.len(), 3);
    assert_eq!(g["a"], "3"); // the last line wins
    assert_eq!(g["c"], "1 "); // only the newline is stripped, as rstrip("\n") does
    assert!(parse_gold("a\t1\tx\n").is_err());
    assert!(parse_gold("a 1\n").is_err());
}

#[test]
fn integer_division_rounds_like_python() {
    assert_eq!(int_div(1, 3), 1.0 / 3.0);
    assert_eq!(int_div(10, 4), 2.5);
    // Expected values printed by Python (`repr((2**60 + 1) / 3)`, …).
    assert_eq!(int_div((1 << 60) + 1, 3), 3.843071682022823e17);
    assert_eq!(int_div((1 << 53) + 1, 1), 9007199254740992.0); // a tie: to even, down
    assert_eq!(int_div((1 << 53) + 3, 1), 9007199254740996.0); // a tie: to even, up
    assert_eq!(int_div((1 << 54) + 2, 2), 9007199254740992.0);
    assert_eq!(int_div((1 << 100) + 12345, (1 << 47) + 3), 9007199254740800.0);
    assert_eq!(int_div(u128::from(u64::MAX) * 7, 7), u64::MAX as f64);
}

/// Against the official scorer on small files, when python3 and the script are there.
#[test]
fn agrees_with_stories_py() {
    let script = crate::default_data_dir().join("../eval/stories.py");
    if !script.is_file() {
        println!("skipped: {} not found", script.display());
        return;
    }
    let dir = std::env::temp_dir().join(format!("xtask-stories-py-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gold_path = dir.join("gold.tsv");
    // 12 docs in 3 gold clusters; stories that split, merge and leave docs out.
    let docs: Vec<(String, String)> = (0..12).map(|i| (format!("d{i}"), format!("g{}", i % 3))).collect();
    let tsv: String = docs.iter().map(|(d, c)| format!("{d}\t{c}\n")).collect();
    std::fs::write(&gold_path, tsv).unwrap();
    let g = read_gold(&gold_path).unwrap();
    let cases: [&[&[&str]]; 4] = [
        &[&["d0", "d3", "d6"], &["d9", "d1", "d4"], &["d7", "d10", "d2", "d5"], &["d8"]],
        &[&["d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11"]],
        &[&["d0", "d3"], &["d1"], &["x", "d11"]],
        &[],
    ];
    for (k, case) in cases.iter().enumerate() {
        let report = dir.join(format!("r{k}.json"));
        let json = serde_json::json!({"stories": case.iter().map(|s| serde_json::json!({"articles": s})).collect::<Vec<_>>()});
        std::fs::write(&report, json.to_string()).unwrap();
        let ours = score(&g, &read_report(&report).unwrap()).unwrap();
        match check_official(&script, &gold_path, &report, &render(&ours)) {
            Ok(None) => {}
            Ok(Some(why)) => println!("skipped: {why}"),
            Err(e) => panic!("case {k}: {e:#}"),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn tokenisation() {
    let t: Vec<String> =
        tokens("The Navy's frigate INS Sukanya, on 12 Nov. — a 7.0 quake; Über-Straße").collect();
    assert_eq!(t, ["navy", "frigate", "ins", "sukanya", "12", "nov", "quake", "über", "straße"]);
    assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "the stop-word list must stay sorted");
}

#[test]
fn tfidf_is_sublinear_smooth_and_normalised() {
    let docs =
        vec![vec!["ship".to_string(), "ship".to_string(), "navy".to_string()], vec!["navy".to_string()]];
    let v = tfidf(&docs);
    // ship: tf 1 + ln 2, idf ln(3/2) + 1; navy: tf 1, idf ln(3/3) + 1 = 1.
    let ship = (1.0 + 2f64.ln()) * ((3.0f64 / 2.0).ln() + 1.0);
    let norm = (ship * ship + 1.0).sqrt();
    assert_eq!(v[0].len(), 2);
    assert!((v[0][0].1 - ship / norm).abs() < 1e-12);
    assert!((v[0][1].1 - 1.0 / norm).abs() < 1e-12);
    assert_eq!(v[1], vec![(1, 1.0)]);
}

#[test]
fn distances_through_the_index_are_the_dot_products() {
    let v = vec![vec![(0, 0.6), (2, 0.8)], vec![(0, 1.0)], vec![], vec![(1, 0.6), (2, 0.8)]];
    let d = cosine_distances(&v);
    let want = [
        [0.0, 0.4, 1.0, 1.0 - 0.64],
        [0.4, 0.0, 1.0, 1.0],
        [1.0, 1.0, 0.0, 1.0],
        [1.0 - 0.64, 1.0, 1.0, 0.0],
    ];
    for i in 0..4 {
        for j in 0..4 {
            assert!((d[i * 4 + j] - want[i][j]).abs() < 1e-12, "({i}, {j}): {}", d[i * 4 + j]);
        }
    }
}

/// Two obvious topics come out as two clusters.
#[test]
fn baseline_finds_two_obvious_clusters() {
    let texts = [
        (
            "p1",
            "Navy frigate foils pirate attack\n\nThe navy frigate intercepted pirate ships off Somalia and seized arms.",
        ),
        (
            "p2",
            "Pirates seized by navy\n\nPirate ships intercepted by a navy frigate; arms seized from the pirates.",
        ),
        (
            "p3",
            "Frigate stops pirates\n\nA frigate of the navy stopped three pirate ships and seized their arms.",
        ),
        (
            "q1",
            "Earthquake strikes Indonesia\n\nA magnitude 7 earthquake struck off Sumatra, a tsunami warning followed.",
        ),
        (
            "q2",
            "Tsunami warning after quake\n\nThe earthquake of magnitude 7 off Sumatra led to a tsunami warning.",
        ),
    ];
    let opts = storyline_parser::ParseOptions::default();
    let articles: Vec<Article> = texts
        .iter()
        .map(|(id, t)| storyline_parser::parse_text(t.as_bytes(), id, id, &opts).unwrap())
        .collect();
    assert!(title_and_body(&articles[0]).contains("pirate attack"));
    let groups = baseline(&articles, BASELINE_THRESHOLD);
    assert_eq!(groups, vec![vec!["p1", "p2", "p3"], vec!["q1", "q2"]]);
}

/// The chain algorithm against the textbook one (merge the closest pair, recompute), on
/// random distances.
#[test]
fn nn_chain_matches_naive_average_link() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for n in [2usize, 3, 7, 20, 41] {
        for threshold in [0.2, 0.5, 0.8] {
            let mut d = vec![0.0; n * n];
            for i in 0..n {
                for j in i + 1..n {
                    let x = rand();
                    d[i * n + j] = x;
                    d[j * n + i] = x;
                }
            }
            let naive = naive_average_link(&d, n, threshold);
            let fast = average_link(&mut d.clone(), n, threshold);
            assert_eq!(fast, naive, "n {n}, threshold {threshold}");
        }
    }
}

fn naive_average_link(d: &[f64], n: usize, threshold: f64) -> Vec<usize> {
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let avg = |a: &[usize], b: &[usize]| {
        a.iter().flat_map(|&i| b.iter().map(move |&j| d[i * n + j])).sum::<f64>() / (a.len() * b.len()) as f64
    };
    loop {
        let mut best = None;
        for i in 0..clusters.len() {
            for j in i + 1..clusters.len() {
                let x = avg(&clusters[i], &clusters[j]);
                if x < threshold && best.is_none_or(|(_, _, b)| x < b) {
                    best = Some((i, j, x));
                }
            }
        }
        let Some((i, j, _)) = best else { break };
        let moved = clusters.remove(j);
        clusters[i].extend(moved);
    }
    let mut label = vec![0; n];
    clusters.sort_by_key(|c| *c.iter().min().unwrap());
    for (k, c) in clusters.iter().enumerate() {
        for &i in c {
            label[i] = k;
        }
    }
    label
}

/// A few thousand articles: O(n²) time and memory (`cargo test -p xtask -- --ignored
/// baseline_on_thousands --nocapture`: 4,000 synthetic articles in 6 s, a debug build).
#[test]
#[ignore = "a timing check"]
fn baseline_on_thousands() {
    let n = 4000;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let docs: Vec<Vec<String>> = (0..n)
        .map(|i| {
            (0..150)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    // two words in three from a topic of 40 words per 100 docs, the others from 20,000
                    if !seed.is_multiple_of(3) {
                        format!("t{}w{}", i / 100, (seed >> 8) % 40)
                    } else {
                        format!("w{}", (seed >> 8) % 20_000)
                    }
                })
                .collect()
        })
        .collect();
    let t = std::time::Instant::now();
    let mut dist = cosine_distances(&tfidf(&docs));
    let vectors_and_distances = t.elapsed().as_secs_f64();
    let labels = average_link(&mut dist, n, BASELINE_THRESHOLD);
    let clusters = labels.iter().max().map_or(0, |m| m + 1);
    println!(
        "{n} docs: {clusters} clusters in {:.2}s ({vectors_and_distances:.2}s vectors and distances)",
        t.elapsed().as_secs_f64()
    );
    assert_eq!(clusters, n / 100);
}

#[test]
fn sibling_names() {
    assert_eq!(
        sibling(Path::new("target/eval/stories-x.json"), ".scores.json"),
        Path::new("target/eval/stories-x.scores.json")
    );
    assert_eq!(sibling(Path::new("r"), ".scores.json"), Path::new("r.scores.json"));
}
