//! Replays the fuzzing corpus kept in `fuzz/regressions/` (inputs that crashed once, and a
//! minimised set of interesting inputs found by `cargo fuzz`) through parse + analyse, and the
//! inputs of the `story` and `report` targets through the whole run (several articles, the
//! story layer, every report writer), so CI checks them on stable Rust without the fuzzer.

use std::path::PathBuf;

use storyline_analyzer::Analyzer;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

/// The files under `fuzz/regressions/` (without those of `skip`, a first-level folder).
fn regression_files_in(under: &str, skip: &[&str]) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions").join(under);
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                if !skip.iter().any(|s| path.file_name().is_some_and(|n| n == *s)) {
                    dirs.push(path);
                }
            } else if path.file_name().is_some_and(|n| n != "README.md" && n != ".gitkeep") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fuzz_regressions_parse_and_analyze_cleanly() {
    let analyzer = Analyzer::new().expect("the built-in model loads");
    let opts = ParseOptions::default();
    let files = regression_files_in("", &["story", "report"]);
    assert!(!files.is_empty(), "fuzz/regressions/ holds the replayed inputs");
    for path in &files {
        let bytes = std::fs::read(path).expect("read a regression input");
        let name = path.display().to_string();
        let mut articles: Vec<_> = parse_text(&bytes, "fuzz", &name, &opts).into_iter().collect();
        articles.extend(parse_jsonl(&bytes, "fuzz", &name, &opts).flatten());
        for mut a in articles {
            analyzer.analyze(&mut a);
            let errors = a.span_errors();
            assert!(errors.is_empty(), "{name}: {errors:?}");
        }
    }
    eprintln!("replayed {} fuzzing inputs", files.len());
}

/// What the `story` and `report` fuzz targets do with one input: cut at NUL bytes into at most
/// 12 articles, analysed, grouped into stories, written by every report writer.
#[test]
fn fuzz_regressions_go_through_the_story_layer_and_the_reports() {
    use storyline_analyzer::story::{ArticleSummary, build_stories_each};
    use storyline_cli::report::{Report, csv, html, markdown};

    let analyzer = Analyzer::new().expect("the built-in model loads");
    let opts = ParseOptions::default();
    let mut files = regression_files_in("story", &[]);
    files.extend(regression_files_in("report", &[]));
    assert!(files.len() > 100, "fuzz/regressions/story and report hold the replayed inputs");
    for path in &files {
        let bytes = std::fs::read(path).expect("read a regression input");
        let name = path.display().to_string();
        let mut articles = Vec::new();
        for (n, part) in bytes.split(|&b| b == 0).enumerate().take(12) {
            let id = format!("a{n}");
            if part.first() == Some(&b'{') {
                articles.extend(parse_jsonl(part, &id, &name, &opts).flatten().take(3));
            } else if let Ok(a) = parse_text(part, &id, &name, &opts) {
                articles.push(a);
            }
        }
        for (n, a) in articles.iter_mut().enumerate() {
            a.id = format!("{}#{n}", a.id);
        }
        let summaries: Vec<ArticleSummary> = articles
            .iter_mut()
            .map(|a| {
                analyzer.analyze(a);
                ArticleSummary::of(a)
            })
            .collect();
        let stories: Vec<_> = build_stories_each(&summaries)
            .into_iter()
            .map(|s| s.unwrap_or_else(|e| panic!("{name}: {e:?}")))
            .collect();
        assert_eq!(stories.iter().map(|s| s.articles.len()).sum::<usize>(), summaries.len(), "{name}");
        let report = Report::new(&summaries, &stories, &[]);
        for write in [markdown::write, html::write, csv::write] {
            let mut out = Vec::new();
            let unwritten = write(&report, &mut out).expect("writes to memory");
            assert!(unwritten.is_empty(), "{name}: {unwritten:?}");
        }
    }
    eprintln!("replayed {} whole-run fuzzing inputs", files.len());
}
