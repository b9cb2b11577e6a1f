use super::*;
use std::io::Write;

const PAGE: &str = "<html><head><title>T</title></head><body><article><h1>Rates rise</h1>\
    <p>The central bank raised its main rate on Tuesday, the third rise this year, citing prices.</p>\
    <p>Markets had expected the move, which the governor announced at a press conference.</p></article></body></html>";

/// One WARC record: `kind`, id `n`, the HTTP response `http` (headers and body).
fn record(kind: &str, n: usize, http: &str) -> Vec<u8> {
    format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\n\
         WARC-Date: 2019-11-19T13:30:05Z\r\nWARC-Target-URI: https://news.example/{n}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
        http.len()
    )
    .into_bytes()
}

fn response(body: &str, content_type: &str) -> String {
    format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}")
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("in memory");
    e.finish().expect("in memory")
}

fn read(archive: &[u8], opts: &ParseOptions) -> Vec<Result<WarcItem, ParseError>> {
    WarcReader::new(archive, "a.warc", opts).collect()
}

fn summary(items: &[Result<WarcItem, ParseError>]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Ok(WarcItem::Page(p)) => format!("page {} {}", p.id, p.info.url.as_deref().unwrap_or("")),
            Ok(WarcItem::Skipped) => "skipped".to_string(),
            Err(e) => format!("error {e}"),
        })
        .collect()
}

fn records() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", 0, "software: test"),
        record("response", 1, &response(PAGE, "text/html; charset=UTF-8")),
        record("request", 2, "GET / HTTP/1.1\r\n\r\n"),
        record("response", 3, &response("{}", "application/json")),
        record("response", 4, &response(PAGE, "text/html")),
    ]
}

#[test]
fn pages_are_read_and_other_records_skipped_plain_or_gzipped() {
    let opts = ParseOptions::default();
    let plain: Vec<u8> = records().concat();
    let gzipped: Vec<u8> = records().iter().map(|r| gz(r)).collect::<Vec<_>>().concat();
    let want = [
        "skipped",
        "page urn:uuid:00000000-0000-0000-0000-000000000001 https://news.example/1",
        "skipped",
        "skipped",
        "page urn:uuid:00000000-0000-0000-0000-000000000004 https://news.example/4",
    ];
    for archive in [&plain, &gzipped] {
        let items = read(archive, &opts);
        assert_eq!(summary(&items), want);
        let Some(Ok(WarcItem::Page(page))) = items.into_iter().nth(1) else { panic!("a page") };
        assert_eq!(page.info.charset.as_deref(), Some("UTF-8"));
        let a = parse_warc_page(&page, "a.warc", &opts).expect("an article");
        assert_eq!(a.id, "urn:uuid:00000000-0000-0000-0000-000000000001");
        assert_eq!(a.url.as_deref(), Some("https://news.example/1"));
        assert_eq!(a.title.as_deref(), Some("Rates rise"));
        // No date on the page, none in its URL: the fetch date.
        assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2019-11-19T13:30:05Z"));
        assert_eq!(a.published_source, Some(storyline_model::DateOrigin::Archive));
    }
}

#[test]
fn corrupt_and_truncated_records_are_errors_with_offsets_and_the_rest_is_read() {
    let opts = ParseOptions::default();
    let members: Vec<Vec<u8>> = records().iter().map(|r| gz(r)).collect();
    // The second member's compressed bytes damaged in the middle.
    let mut damaged = members.clone();
    let mid = damaged[1].len() / 2;
    damaged[1][mid..mid + 8].copy_from_slice(b"XXXXXXXX");
    let at = members[0].len();
    let items = read(&damaged.concat(), &opts);
    let got = summary(&items);
    assert!(got[1].starts_with(&format!("error a.warc: WARC record at byte {at}:")), "{got:?}");
    assert_eq!(
        got.last().map(String::as_str),
        Some("page urn:uuid:00000000-0000-0000-0000-000000000004 https://news.example/4")
    );
    assert_eq!(got.iter().filter(|g| g.starts_with("error")).count(), 1, "{got:?}");

    // A plain archive cut short in its last record.
    let plain = records().concat();
    let cut = &plain[..plain.len() - 100];
    let got = summary(&read(cut, &opts));
    assert_eq!(got.len(), 5);
    assert!(got[4].contains("truncated record"), "{got:?}");
    // Garbage between plain records: one error, and the next record is read.
    let mut garbled = records()[..2].concat();
    garbled.extend_from_slice(b"garbage line\r\nmore garbage\r\n");
    garbled.extend(records()[4].clone());
    let got = summary(&read(&garbled, &opts));
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[2].contains("no WARC record skipped"), "{got:?}");
    assert!(got[3].starts_with("page"), "{got:?}");
    // A gzip archive cut in the middle of a member.
    let all = members.concat();
    let got = summary(&read(&all[..all.len() - 30], &opts));
    assert_eq!(got.len(), 5, "{got:?}");
    assert!(got[4].starts_with("error"), "{got:?}");
}

#[test]
fn records_over_the_limit_are_skipped_without_being_held() {
    let opts = ParseOptions { max_bytes: 100 };
    let big = record("response", 9, &response(&"x".repeat(HEADER_ROOM + 1000), "text/html"));
    for archive in [[big.clone(), records()[4].clone()].concat(), [gz(&big), gz(&records()[4])].concat()] {
        let got = summary(&read(&archive, &opts));
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].contains("limit"), "{got:?}");
        assert!(got[1].starts_with("page"), "{got:?}");
    }
}

#[test]
fn arbitrary_bytes_end_without_panic() {
    let opts = ParseOptions::default();
    for bytes in [
        &b""[..],
        b"\x1f\x8b",
        b"\x1f\x8b\x08\x00garbage",
        b"WARC/1.0\r\n",
        b"WARC/1.0\r\nContent-Length: 5\r\n\r\nab",
    ] {
        let items = read(bytes, &opts);
        assert!(items.iter().all(Result::is_err), "{:?}", summary(&items));
    }
}

/// An archive compressed whole, as one gzip member larger than the limit: its records are still
/// read one at a time.
#[test]
fn an_archive_gzipped_whole_is_read_record_by_record() {
    let opts = ParseOptions { max_bytes: 2000 };
    let plain: Vec<u8> = (0..250).flat_map(|_| records()).flatten().collect();
    assert!(plain.len() > opts.max_bytes + HEADER_ROOM);
    let items = read(&gz(&plain), &opts);
    assert_eq!(items.len(), 1250);
    assert_eq!(items.iter().filter(|i| matches!(i, Ok(WarcItem::Page(_)))).count(), 500);
    assert!(items.iter().all(Result::is_ok));
}
