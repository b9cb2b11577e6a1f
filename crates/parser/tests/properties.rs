//! Property tests: any bytes, random or mutated from real articles, parse without panicking
//! and every span lies on a char boundary inside the text.

use proptest::prelude::*;
use storyline_model::Article;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

const SEED_000: &[u8] = include_bytes!("../../../seeds/000_062679f85e15b100.txt");
const SEED_002: &[u8] = include_bytes!("../../../seeds/002_f337b9528f10e226.txt");
/// A scrape opening with its URL, one paragraph a line.
const URL_LINE: &[u8] = include_bytes!("fixtures/url_line_updated_only.txt");

fn check_span(a: &Article, what: &str, start: usize, end: usize) {
    assert!(start <= end && end <= a.text.len(), "{what} {start}..{end} outside text of {}", a.text.len());
    assert!(
        a.text.is_char_boundary(start) && a.text.is_char_boundary(end),
        "{what} {start}..{end} off a boundary"
    );
}

fn check(a: &Article) {
    for p in &a.paragraphs {
        check_span(a, "paragraph", p.start, p.end);
        assert_eq!(p.text, &a.text[p.start..p.end]);
    }
    let mut last_end = 0;
    for t in &a.tokens {
        check_span(a, "token", t.start, t.end);
        assert!(t.start < t.end, "empty token");
        assert!(t.start >= last_end, "tokens overlap or go backwards");
        last_end = t.end;
    }
    for s in &a.sentences {
        check_span(a, "sentence", s.start, s.end);
        assert!(s.first_token < s.end_token && s.end_token <= a.tokens.len());
        assert!(s.paragraph < a.paragraphs.len());
    }
    if let Some(d) = &a.dateline {
        check_span(a, "dateline", d.start, d.end);
    }
}

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

fn parse_all(bytes: &[u8]) {
    let opts = ParseOptions::default();
    if let Ok(a) = parse_text(bytes, "p", "p_2016-10-12.txt", &opts) {
        check(&a);
    }
    for a in parse_jsonl(bytes, "p", "p.jsonl", &opts).flatten() {
        check(&a);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_all(&bytes);
    }

    #[test]
    fn random_text(s in "\\PC{0,400}") {
        parse_all(s.as_bytes());
    }

    #[test]
    fn mutated_seeds(which in 0..3usize, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..40)) {
        let base = [SEED_000, SEED_002, URL_LINE][which];
        parse_all(&mutate(base, &edits));
    }

    #[test]
    fn news_like_lines(lines in proptest::collection::vec(
        prop_oneof![
            Just("date 2018-09-24 Clear".to_string()),
            Just("Updated: Sep. 24, 2018 10:27 AM".to_string()),
            Just("By Jane Doe and John Roe, CNN".to_string()),
            Just("SEOUL, Sept. 21 (Yonhap) -- ".to_string()),
            Just("\"Quote, \u{201c}curly\u{201d} ... U.S. Mr. J. done.\"".to_string()),
            Just("(Photo: AP)".to_string()),
            Just("http://articles.example.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504".to_string()),
            Just("https://\u{e9}.example/\u{fc}/2013-05-04\u{2019}s-20130231".to_string()),
            Just("21 July 2013 Last updated at 11: 11 GMT".to_string()),
            Just("on April 30, 2008 at 4: 31 AM, updated April 30, 2008 at 8: 33 AM".to_string()),
            Just("11 / 28 / 05".to_string()),
            Just(String::new()),
            "[A-Za-z .,\"'()\u{2014}-]{0,80}",
        ], 0..30)) {
        parse_all(lines.join("\n").as_bytes());
        let json: Vec<String> = lines.iter().map(|l| serde_json::json!({"title": l, "maintext": l}).to_string()).collect();
        parse_all(json.join("\n").as_bytes());
    }
}

/// A page of the HTML fixtures, mutated below.
const HTML_NEWS: &[u8] = include_bytes!("fixtures/html_news_jsonld_cookie.html");
const HTML_LIVE: &[u8] = include_bytes!("fixtures/html_live_blog.html");

/// Issue 22: any bytes read as an HTML page, or as a WARC archive, give articles whose spans
/// hold, or errors; never a panic.
fn parse_html_and_warc(bytes: &[u8]) {
    let opts = ParseOptions::default();
    if let Ok(a) = storyline_parser::parse_html(bytes, "p", "p.html", &opts, &Default::default()) {
        check(&a);
    }
    for item in storyline_parser::warc::WarcReader::new(bytes, "a.warc", &opts).take(64) {
        if let Ok(storyline_parser::warc::WarcItem::Page(p)) = item
            && let Ok(a) = storyline_parser::warc::parse_warc_page(&p, "a.warc", &opts)
        {
            check(&a);
        }
    }
}

proptest! {
    // (an HTML page costs more than a text: fewer cases)
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn html_random_tags(parts in proptest::collection::vec(
        prop_oneof![
            Just("<div>".to_string()), Just("</div>".to_string()), Just("<p>".to_string()),
            Just("</p>".to_string()), Just("<h1>".to_string()), Just("<h2>".to_string()),
            Just("<figcaption>".to_string()), Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":".to_string()),
            Just("<meta property=\"article:published_time\" content=\"2019-02-30T25:61\">".to_string()),
            Just("<time datetime=\"x\">".to_string()), Just("<!--".to_string()), Just("&amp;&#0;&#x110000;".to_string()),
            Just("<meta charset=\"utf-16\">".to_string()), Just("\u{0}\u{85}\u{2028}".to_string()),
            "[A-Za-z .,\"'<>/=()\u{2014}-]{0,80}",
        ], 0..60)) {
        parse_html_and_warc(parts.concat().as_bytes());
    }

    #[test]
    fn html_mutated_pages(which in 0..2usize, edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..40)) {
        parse_html_and_warc(&mutate([HTML_NEWS, HTML_LIVE][which], &edits));
    }

    #[test]
    fn html_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        parse_html_and_warc(&bytes);
    }
}
