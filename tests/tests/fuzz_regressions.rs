//! Replays the fuzzing corpus kept in `fuzz/regressions/` (inputs that crashed once, and a
//! minimised set of interesting inputs found by `cargo fuzz`) through parse + analyse, so CI
//! checks them on stable Rust without running the fuzzer.

use std::path::PathBuf;

use storyline_analyzer::Analyzer;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

fn regression_files() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz/regressions");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                dirs.push(path);
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
    let files = regression_files();
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
