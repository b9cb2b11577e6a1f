use super::*;

fn parse(html: &str) -> Article {
    parse_html(html.as_bytes(), "p", "p.html", &ParseOptions::default(), &PageInfo::default())
        .expect("parses")
}

fn body(a: &Article) -> Vec<&str> {
    a.body().map(|p| a.slice(p.span())).collect()
}

#[test]
fn page_dates_in_iso_forms() {
    let d = |s: &str| page_date(s).map(|d| d.to_string());
    assert_eq!(d("2019-11-19T08:30:00-05:00").as_deref(), Some("2019-11-19T08:30:00-05:00"));
    assert_eq!(d("2019-11-19T13:30:00.000Z").as_deref(), Some("2019-11-19T13:30:00Z"));
    assert_eq!(d("2019-11-19T13:30:00+0000").as_deref(), Some("2019-11-19T13:30:00Z"));
    assert_eq!(d("2019-11-19 13:30").as_deref(), Some("2019-11-19T13:30"));
    assert_eq!(d("2019-11-19").as_deref(), Some("2019-11-19"));
    assert_eq!(d("Nov. 19, 2019").as_deref(), Some("2019-11-19"));
    assert_eq!(d("2019-02-30"), None);
    assert_eq!(d("soon"), None);
}

#[test]
fn html_is_sniffed_by_its_opening() {
    assert!(looks_like_html(b"\xEF\xBB\xBF\n  <!DOCTYPE html><html>"));
    assert!(looks_like_html(b"<html lang=en>"));
    assert!(looks_like_html(b"<!-- saved --><html>"));
    assert!(!looks_like_html(b"Headline\n\n<b>not a page</b>"));
    assert!(!looks_like_html(b"{\"maintext\": \"<html>\"}"));
}

const NEWS: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Talks resume | The Daily</title>
<meta property="og:description" content="The two Koreas will meet again next week.">
<meta property="og:site_name" content="The Daily">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Talks resume","datePublished":"2018-09-24T10:27:00+09:00","author":{"@type":"Person","name":"Jane Doe"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div id="cookie-banner">We use cookies. Accept all cookies to continue.</div>
<article><h1>Talks resume</h1><h2 class="dek">The two Koreas will meet again next week.</h2>
<figure><img src="a.jpg"><figcaption>Delegates in Seoul on Monday.</figcaption></figure>
<p>The two Koreas said on Monday that talks would resume next week, after a pause of several months in which neither side spoke to the other.</p>
<p>"We are ready," said the South's unification minister, who has led the talks since they began in the spring of this year.</p>
<p>The North did not comment on the statement, but its state media said the meeting would take place in the border village of Panmunjom.</p>
</article><aside class="related"><h3>Related</h3><ul><li><a href="/x">Other story about something else entirely</a></li></ul></aside>
<footer>Copyright 2018 The Daily. All rights reserved.</footer></body></html>"#;

#[test]
fn a_news_page_gives_roles_metadata_and_body_without_furniture() {
    let a = parse(NEWS);
    assert_eq!(a.title.as_deref(), Some("Talks resume"));
    assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2018-09-24T10:27:00+09:00"));
    assert_eq!(a.published_source, Some(DateOrigin::Page));
    assert_eq!(a.authors, ["Jane Doe"]);
    assert_eq!(a.publisher.as_deref(), Some("The Daily"));
    assert_eq!(a.language.as_deref(), Some("en"));
    let b = body(&a);
    assert_eq!(b.len(), 3, "{b:?}");
    assert!(b[0].starts_with("The two Koreas said on Monday"));
    assert!(a.text.find("cookies").is_none(), "{}", a.text);
    assert!(a.text.find("Copyright").is_none());
    assert_eq!(a.paragraphs[0].role, ParagraphRole::Title);
    assert_eq!(a.paragraphs[1].role, ParagraphRole::Standfirst);
    assert_eq!(a.standfirst.as_deref(), Some("The two Koreas will meet again next week."));
    // (the extractor leaves figures out, captions with them)
    assert!(!a.text.contains("Delegates in Seoul"));
    assert!(a.span_errors().is_empty());
}

#[test]
fn no_text_is_an_error_not_a_panic() {
    let opts = ParseOptions::default();
    let info = PageInfo::default();
    for page in ["", "   ", "<html><head><title>x</title></head><body></body></html>", "\u{0}\u{1}"] {
        assert!(parse_html(page.as_bytes(), "p", "p.html", &opts, &info).is_err(), "{page:?}");
    }
    // Not much of a page, but text: read as such.
    let a = parse_html(b"<<<>>>", "p", "p.html", &opts, &info).expect("text");
    assert!(a.span_errors().is_empty());
}

/// Issue 22: a 5 MB page of nested tags is read without blowing the stack (on a thread with
/// the usual 2 MiB of stack, as the cli's workers have).
#[test]
fn deeply_nested_page_is_handled() {
    let depth = 5 * 1024 * 1024 / 11;
    let mut page = String::with_capacity(depth * 11 + 200);
    page.push_str("<html><body>");
    for _ in 0..depth / 2 {
        page.push_str("<div><span>");
    }
    page.push_str("<p>Deep text.</p>");
    let result = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            parse_html(page.as_bytes(), "deep", "deep.html", &ParseOptions::default(), &PageInfo::default())
                .map(|a| a.text.len())
        })
        .expect("thread")
        .join()
        .expect("no stack overflow or panic");
    // A clear error, quickly; never a crash.
    match result {
        Err(e @ ParseError::TooDeep { .. }) => {
            assert_eq!(
                e.to_string(),
                format!("deep.html: HTML nested deeper than {MAX_DEPTH} elements: not read")
            )
        }
        other => panic!("{other:?}"),
    }
    // Nesting within the limit is read: the text (the extractor walks 500 levels deep), or no
    // article found deeper than that.
    let deep = |depth: usize| {
        let mut page = "<div>".repeat(depth);
        page.push_str("<p>The text at the bottom of a deep but acceptable page, long enough to be an article's body.</p>");
        parse_html(page.as_bytes(), "d", "d.html", &ParseOptions::default(), &PageInfo::default())
    };
    assert!(deep(400).is_ok_and(|a| a.text.contains("bottom of a deep")));
    assert!(matches!(deep(MAX_DEPTH - 10), Ok(_) | Err(ParseError::NoArticle { .. })));
}

#[test]
fn closing_promotions_are_boilerplate() {
    let page = "<html><body><article><h1>Slogan dropped</h1>\
        <p>The state dropped its slogan on Monday after a week of jokes about it online and elsewhere.</p>\
        <p>The governor said the campaign had worked, because people were talking about the problem.</p>\
        <p>Have a tip? Amy Writer may be reached at amy@example.com. Follow her on Twitter @amy.</p>\
        <p>Get the latest updates right in your inbox. Subscribe to our newsletters.</p>\
        </article></body></html>";
    let a = parse(page);
    let b = body(&a);
    assert_eq!(b.len(), 2, "{b:?}");
    assert_eq!(a.paragraphs.iter().filter(|p| p.role == ParagraphRole::Boilerplate).count(), 2);
}
