//! The parser on arbitrary bytes, as a scraped text file and as JSONL: no panic, and every
//! span inside the text on a char boundary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

fn check(a: &storyline_model::Article) {
    let errors = a.span_errors();
    assert!(errors.is_empty(), "{errors:?}");
}

fuzz_target!(|data: &[u8]| {
    let opts = ParseOptions::default();
    if let Ok(a) = parse_text(data, "fuzz", "fuzz.txt", &opts) {
        check(&a);
    }
    for a in parse_jsonl(data, "fuzz", "fuzz.jsonl", &opts).flatten() {
        check(&a);
    }
});
