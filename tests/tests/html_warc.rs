//! Issue 22: HTML pages and WARC archives as inputs, end to end: a folder of pages and an
//! archive built here (a gzip member per record, as Common Crawl writes them) from the parser's
//! HTML fixtures and, when `../shared` is there, a few pages of the article-extraction dev set.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use common::{storyline, workspace_root};

fn fixtures() -> PathBuf {
    workspace_root().join("crates/parser/tests/fixtures")
}

/// The HTML fixtures of the parser: (file name, bytes).
fn fixture_pages() -> Vec<(String, Vec<u8>)> {
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures())
        .expect("the parser's fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).expect("readable"))
        })
        .collect();
    pages.sort();
    pages
}

/// Up to `n` pages of the dev set (decompressed), when `../shared` is there.
fn dev_pages(n: usize) -> Vec<(String, Vec<u8>)> {
    let dir = workspace_root().join("../shared/data/article-extraction/dev/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} not found: the archive holds the fixtures only", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .into_iter()
        .take(n)
        .map(|p| {
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(&p).expect("readable"))
                .read_to_end(&mut html)
                .expect("gzip");
            (p.file_name().unwrap().to_string_lossy().into_owned(), html)
        })
        .collect()
}

/// One WARC record (its block `block`), gzipped as a member of its own.
fn record(kind: &str, n: usize, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:5e2a0c1e-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2019-11-20T08:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&r).expect("in memory");
    gz.finish().expect("in memory")
}

fn response(html: &[u8]) -> Vec<u8> {
    let mut r = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    r.extend_from_slice(html);
    r
}

/// An archive of `pages` (a warcinfo, and a request before each response), with the member of
/// page `corrupt` (when given) damaged: (the archive, the offset of the damaged member).
fn archive(pages: &[(String, Vec<u8>)], corrupt: Option<usize>) -> (Vec<u8>, Option<usize>) {
    let mut out = record("warcinfo", 0, "", "application/warc-fields", b"software: storyline tests\r\n");
    let mut at = None;
    for (i, (name, html)) in pages.iter().enumerate() {
        let uri = format!("https://pages.example/{name}");
        out.extend(record(
            "request",
            2 * i + 1,
            &uri,
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        let mut member =
            record("response", 2 * i + 2, &uri, "application/http; msgtype=response", &response(html));
        if corrupt == Some(i) {
            let mid = member.len() / 2;
            member[mid..mid + 16].copy_from_slice(&[0xAA; 16]);
            at = Some(out.len());
        }
        out.extend(member);
    }
    (out, at)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("temp dir");
    p.display().to_string()
}

#[test]
fn pages_and_an_archive_make_a_normal_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages_dir = dir.path().join("pages");
    std::fs::create_dir(&pages_dir).expect("temp dir");
    for (name, bytes) in fixture_pages() {
        write(&pages_dir, &name, &bytes);
    }
    let mut in_archive = dev_pages(3);
    in_archive.extend(fixture_pages().into_iter().take(2));
    let (warc, _) = archive(&in_archive, None);
    let warc = write(dir.path(), "archive.warc.gz", &warc);
    let pages = pages_dir.display().to_string();

    let (code, md, err) = storyline(&["analyze", &pages, &warc, "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    let pages_read = fixture_pages().len() + in_archive.len();
    assert!(err.contains(&format!("{pages_read} article(s) analysed")), "{err}");
    assert!(
        err.contains(&format!("{warc}: {} WARC record(s) skipped: no HTML response", in_archive.len() + 1)),
        "{err}"
    );
    // Titles, dates and publishers from the pages' metadata.
    assert!(md.contains("Koreas agree to resume military talks"), "{md}");
    assert!(md.contains("The Seoul Ledger"), "{md}");
    assert!(md.contains("2018-09-21"), "{md}");

    let (code, jsonl, err) = storyline(&["parse", &warc, "--format", "jsonl"]);
    assert_eq!(code, 0, "{err}");
    let articles: Vec<serde_json::Value> =
        jsonl.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(articles.len(), in_archive.len());
    for (a, (name, _)) in articles.iter().zip(&in_archive) {
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:5e2a0c1e-"), "{a}");
        assert_eq!(a["url"], format!("https://pages.example/{name}"));
        assert!(a["published"].is_string(), "every page has a date, the archive's at least: {a}");
    }
}

#[test]
fn a_corrupt_record_is_an_error_with_its_offset_and_the_rest_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = fixture_pages();
    let (warc, at) = archive(&pages, Some(1));
    let warc = write(dir.path(), "damaged.warc.gz", &warc);
    let (code, jsonl, err) = storyline(&["parse", &warc, "--format", "jsonl"]);
    assert_eq!(code, storyline_cli::EXIT_INPUT_ERRORS, "{err}");
    let at = at.expect("a damaged member");
    assert!(err.contains(&format!("{warc}: WARC record at byte {at}:")), "{err}");
    assert_eq!(jsonl.lines().count(), pages.len() - 1, "{err}");
    // Truncated: the archive cut in its last record.
    let (whole, _) = archive(&pages, None);
    let cut = write(dir.path(), "cut.warc.gz", &whole[..whole.len() - 40]);
    let (code, jsonl, err) = storyline(&["parse", &cut, "--format", "jsonl"]);
    assert_eq!(code, storyline_cli::EXIT_INPUT_ERRORS, "{err}");
    assert_eq!(jsonl.lines().count(), pages.len() - 1, "{err}");
    assert!(err.contains("WARC record at byte"), "{err}");
    // Not an archive at all: one clear error.
    let junk = write(dir.path(), "junk.warc", b"this is not a WARC file\n");
    let (code, jsonl, err) = storyline(&["parse", &junk]);
    assert_eq!(code, storyline_cli::EXIT_INPUT_ERRORS, "{err}");
    assert_eq!(jsonl.trim(), "[]");
    assert!(err.contains("no WARC record"), "{err}");
}

#[test]
fn html_on_standard_input_and_gzipped_pages() {
    let page = std::fs::read(fixtures().join("html_wire_dateline.html")).expect("fixture");
    let (code, out, err) =
        common::storyline_with_stdin(&["parse", "-"], Box::new(std::io::Cursor::new(page.clone())));
    assert_eq!(code, 0, "{err}");
    let a: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(a[0]["title"], "S. Korea, U.S. to hold defence cost talks");
    assert_eq!(a[0]["dateline"]["credit"], "Yonhap");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&page).expect("in memory");
    let gz_path = write(dir.path(), "wire.html.gz", &gz.finish().expect("in memory"));
    let (code, out2, err) = storyline(&["parse", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let b: serde_json::Value = serde_json::from_str(&out2).expect("JSON");
    assert_eq!(b[0]["id"], "wire");
    assert_eq!(b[0]["source"], gz_path);
    assert_eq!(b[0]["text"], a[0]["text"]);
}
