//! Several articles from arbitrary bytes through the story layer: the input is cut at NUL bytes
//! into at most 12 articles (JSONL when one starts with `{`, else scraped text), each is
//! analysed and summarised, and the stories are built. No panic; every article is in exactly
//! one story; every statement source names an article of its story and a span inside that
//! article's text.
#![no_main]

use std::collections::HashMap;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories};
use storyline_model::Article;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new().expect("the built-in model loads"));

fuzz_target!(|data: &[u8]| {
    let opts = ParseOptions::default();
    let mut articles: Vec<Article> = Vec::new();
    for (n, part) in data.split(|&b| b == 0).enumerate() {
        if articles.len() >= 12 {
            break;
        }
        let id = format!("a{n}");
        if part.first() == Some(&b'{') {
            articles.extend(parse_jsonl(part, &id, "fuzz.jsonl", &opts).flatten().take(3));
        } else if let Ok(a) = parse_text(part, &id, "fuzz.txt", &opts) {
            articles.push(a);
        }
    }
    // Unique ids, as the command line guarantees.
    for (n, a) in articles.iter_mut().enumerate() {
        a.id = format!("{}#{n}", a.id);
    }
    let summaries: Vec<ArticleSummary> = articles
        .iter_mut()
        .map(|a| {
            ANALYZER.analyze(a);
            ArticleSummary::of(a)
        })
        .collect();
    let stories = build_stories(&summaries);
    let texts: HashMap<&str, usize> = articles.iter().map(|a| (a.id.as_str(), a.text.len())).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for s in &stories {
        for id in &s.articles {
            *seen.entry(id.as_str()).or_default() += 1;
        }
        for st in &s.statements {
            for src in &st.sources {
                assert!(s.articles.contains(&src.article), "{src:?} outside {:?}", s.articles);
                let len = texts[src.article.as_str()];
                assert!(src.start <= src.end && src.end <= len, "{src:?} outside a text of {len} bytes");
            }
        }
    }
    assert_eq!(seen.len(), articles.len(), "every article in a story");
    assert!(seen.values().all(|&n| n == 1), "no article in two stories");
});
