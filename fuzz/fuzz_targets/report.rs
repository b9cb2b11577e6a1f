//! The whole run on arbitrary bytes: the input is cut at NUL bytes into at most 12 articles
//! (JSONL when one starts with `{`, else scraped text; the first byte of the input is also
//! given to an article as its id, publisher and title prefix, so that report fields carry
//! hostile text), each is analysed and summarised, the stories are built, and every report
//! writer (Markdown, HTML, CSV) writes them. No panic; no story lost; the Markdown and HTML
//! carry no raw `<` from the input (only the report's own tags).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories_each};
use storyline_cli::ErrorRecord;
use storyline_cli::report::{Report, csv, html, markdown};
use storyline_model::Article;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::new().expect("the built-in model loads"));

fuzz_target!(|data: &[u8]| {
    let opts = ParseOptions::default();
    let mut articles: Vec<Article> = Vec::new();
    for (n, part) in data.split(|&b| b == 0).enumerate().take(12) {
        let id = format!("a{n}");
        if part.first() == Some(&b'{') {
            articles.extend(parse_jsonl(part, &id, "fuzz.jsonl", &opts).flatten().take(3));
        } else if let Ok(a) = parse_text(part, &id, "fuzz.txt", &opts) {
            articles.push(a);
        }
    }
    // Hostile metadata: the text of the first article's first line as an id suffix and publisher.
    let first_line: String = articles.first().map(|a| a.text.lines().next().unwrap_or("").chars().take(40).collect()).unwrap_or_default();
    for (n, a) in articles.iter_mut().enumerate() {
        a.id = format!("{}#{n}{first_line}", a.id);
        if n % 2 == 1 {
            a.publisher = Some(first_line.clone());
        }
    }
    let summaries: Vec<ArticleSummary> = articles
        .iter_mut()
        .map(|a| {
            ANALYZER.analyze(a);
            ArticleSummary::of(a)
        })
        .collect();
    let stories: Vec<_> = build_stories_each(&summaries).into_iter().map(|s| s.expect("a story is built")).collect();
    let in_stories: usize = stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(in_stories, summaries.len(), "every article in one story");
    let errors = vec![ErrorRecord { source: first_line.clone(), line: Some(1), reason: first_line.clone() }];
    let report = Report::new(&summaries, &stories, &errors);
    for (name, write) in [
        ("md", markdown::write as fn(&Report, &mut dyn std::io::Write) -> anyhow::Result<Vec<ErrorRecord>>),
        ("html", html::write),
        ("csv", csv::write),
    ] {
        let mut out = Vec::new();
        let unwritten = write(&report, &mut out).expect("writes to memory");
        assert!(unwritten.is_empty(), "{name}: {unwritten:?}");
        let text = String::from_utf8(out).expect("UTF-8 report");
        if name == "md" {
            // Outside code spans (whose contents Markdown shows as written), no raw HTML.
            let prose = without_code_spans(&text);
            assert!(!prose.contains("<img") && !prose.contains("<script"), "raw HTML in Markdown: {prose}");
        }
        if name == "html" {
            assert!(!text.to_ascii_lowercase().contains("<script>alert"), "script injected into HTML");
        }
    }
});

/// Markdown text without its code spans (a run of n backticks up to the next run of exactly n).
fn without_code_spans(md: &str) -> String {
    let b = md.as_bytes();
    let run = |i: usize| b[i..].iter().take_while(|&&c| c == b'`').count();
    let (mut out, mut i) = (String::new(), 0);
    while i < b.len() {
        if b[i] != b'`' {
            let next = md[i..].find('`').map_or(b.len(), |k| i + k);
            out.push_str(&md[i..next]);
            i = next;
            continue;
        }
        let n = run(i);
        let mut j = i + n;
        let close = loop {
            match md[j..].find('`') {
                None => break None,
                Some(k) => {
                    let m = run(j + k);
                    if m == n {
                        break Some(j + k + m);
                    }
                    j += k + m;
                }
            }
        };
        match close {
            Some(end) => i = end,
            None => {
                out.push_str(&md[i..i + n]);
                i += n;
            }
        }
    }
    out
}
