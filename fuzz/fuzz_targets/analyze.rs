//! The whole per-article analysis on arbitrary bytes: parse (as text, and as JSONL when the
//! input starts with `{`), then `Analyzer::analyze`; no panic, and every span of the result
//! inside the text on a char boundary.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use storyline_analyzer::Analyzer;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new().expect("the built-in model loads"));

fn analyze(mut a: storyline_model::Article) {
    ANALYZER.analyze(&mut a);
    let errors = a.span_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

fuzz_target!(|data: &[u8]| {
    let opts = ParseOptions::default();
    if data.first() == Some(&b'{') {
        for a in parse_jsonl(data, "fuzz", "fuzz.jsonl", &opts).flatten() {
            analyze(a);
        }
    } else if let Ok(a) = parse_text(data, "fuzz", "fuzz.txt", &opts) {
        analyze(a);
    }
});
