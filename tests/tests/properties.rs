//! Property tests of the whole per-article analysis: parse + analyse random and mutated input
//! without panicking, every span of the result (paragraphs, sentences, tokens, dateline, entity
//! mentions, quotes' content, cue and speaker, time expressions) inside the text on a char
//! boundary. (Linearity in the input size is measured by `cargo xtask bench-scaling`.)

use std::sync::LazyLock;

use proptest::prelude::*;
use storyline_analyzer::Analyzer;
use storyline_model::Article;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new().expect("the built-in model loads"));

const SEED_000: &[u8] = include_bytes!("../../seeds/000_062679f85e15b100.txt");
const SEED_002: &[u8] = include_bytes!("../../seeds/002_f337b9528f10e226.txt");

fn analyze_checked(mut a: Article) {
    ANALYZER.analyze(&mut a);
    let errors = a.span_errors();
    assert!(errors.is_empty(), "{errors:?} in {:?}", a.text);
}

fn run(bytes: &[u8]) {
    let opts = ParseOptions::default();
    if let Ok(a) = parse_text(bytes, "p", "p.txt", &opts) {
        analyze_checked(a);
    }
    if bytes.first() == Some(&b'{') {
        for a in parse_jsonl(bytes, "p", "p.jsonl", &opts).flatten() {
            analyze_checked(a);
        }
    }
}

/// Byte edits: overwrite, insert, delete, or duplicate a run.
fn mutate(base: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut v = base.to_vec();
    for &(pos, byte, op) in edits {
        if v.is_empty() {
            v.push(byte);
            continue;
        }
        let i = pos % v.len();
        match op % 4 {
            0 => v[i] = byte,
            1 => v.insert(i, byte),
            2 => {
                v.remove(i);
            }
            _ => {
                let end = (i + 1 + byte as usize).min(v.len());
                let chunk = v[i..end].to_vec();
                v.splice(i..i, chunk);
            }
        }
    }
    v
}

/// Pieces of news text that stress quotes, names, abbreviations, dates and scripts.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just(" said ".to_string()),
        Just("President Donald Trump".to_string()),
        Just("Kim Jong-un's".to_string()),
        Just(" he told reporters. ".to_string()),
        Just("Mr. U.S. Jan. J. Inc. a.m. ".to_string()),
        Just("on Monday, Sept. 24, 2018 at 3 p.m. ".to_string()),
        Just("last week ".to_string()),
        Just("(Yonhap) -- ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("문재인 대통령 ".to_string()),
        Just("é\u{301}🇰🇷 ".to_string()),
        "[A-Za-z .,;:!?\"'()\u{2014}-]{0,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        run(&bytes);
    }

    #[test]
    fn random_text(s in "\\PC{0,300}") {
        run(s.as_bytes());
    }

    #[test]
    fn mutated_seeds(which in any::<bool>(), edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..30)) {
        let base = if which { SEED_000 } else { SEED_002 };
        run(&mutate(base, &edits));
    }

    #[test]
    fn news_pieces(pieces in proptest::collection::vec(piece(), 0..60)) {
        let text = pieces.concat();
        run(text.as_bytes());
        let record = serde_json::json!({"title": pieces.first(), "maintext": text, "date_publish": "2018-09-24"});
        run(record.to_string().as_bytes());
    }
}
