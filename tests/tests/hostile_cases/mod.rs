//! What the hostile-input tests share: a batch of inputs next to a good article, run through
//! `analyze` and `parse` and checked; and the cases that come in two sizes — small in
//! `hostile.rs` (the default, debug `cargo test`), full size in `hostile_heavy.rs` (ignored by
//! default; `.ci/run` runs them in release).
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::common;
use storyline_model::Article;

/// A batch of inputs in a temporary directory, always holding the good article `good.txt`.
pub struct Batch {
    pub dir: tempfile::TempDir,
}

impl Batch {
    pub fn new() -> Batch {
        let b = Batch { dir: tempfile::tempdir().expect("temporary directory") };
        let seed = common::workspace_root().join("seeds/000_062679f85e15b100.txt");
        std::fs::copy(seed, b.path("good.txt")).expect("copy a seed");
        b
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a subdirectory");
        }
        std::fs::write(&p, bytes).expect("write an input");
        p.display().to_string()
    }

    pub fn fixture(&self, name: &str) -> String {
        let src = common::workspace_root().join("tests/fixtures/hostile").join(name);
        self.write(name, std::fs::read(src).expect("read a fixture"))
    }

    pub fn arg(&self) -> String {
        self.dir.path().display().to_string()
    }
}

/// What `storyline analyze --format json` made of a batch.
pub struct Analysed {
    pub code: u8,
    pub articles: Vec<Article>,
    /// `[{source, line, reason}]`.
    pub errors: Vec<Value>,
    pub stderr: String,
}

impl Analysed {
    pub fn article(&self, id: &str) -> &Article {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("article {id} missing; have {:?}; stderr: {}", self.ids(), self.stderr))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.articles.iter().map(|a| a.id.as_str()).collect()
    }

    /// The error about `source` (a path ending), with its line.
    pub fn error(&self, source_end: &str) -> (&str, Option<u64>) {
        let e = self
            .errors
            .iter()
            .find(|e| e["source"].as_str().is_some_and(|s| s.ends_with(source_end)))
            .unwrap_or_else(|| panic!("no error for {source_end}: {:?}", self.errors));
        (e["reason"].as_str().expect("reason"), e["line"].as_u64())
    }
}

/// Every span of every article inside its text, on char boundaries.
pub fn assert_sound(articles: &[Article]) {
    for a in articles {
        let errors = a.span_errors();
        assert!(errors.is_empty(), "{}: {errors:?}", a.id);
    }
}

pub fn analyze(args: &[&str]) -> Analysed {
    let mut argv = vec!["analyze", "--format", "json"];
    argv.extend_from_slice(args);
    let (code, out, stderr) = common::storyline(&argv);
    checked(code, &out, stderr)
}

/// The `analyze --format json` document `out` read and checked: its errors well formed and named
/// on stderr, the exit status saying whether anything failed, every span sound.
pub fn checked(code: u8, out: &str, stderr: String) -> Analysed {
    /// The document's articles and errors, read straight into them (the stories are skipped):
    /// no tree of `Value`s as large as the output.
    #[derive(serde::Deserialize)]
    struct Doc {
        articles: Vec<Article>,
        errors: Vec<Value>,
    }
    let doc: Doc =
        serde_json::from_str(out).unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    let (mut articles, errors) = (doc.articles, doc.errors);
    for e in &errors {
        assert!(e["source"].is_string() && e["reason"].is_string() && e.get("line").is_some(), "{e}");
    }
    assert_sound(&articles);
    // Every error is also named on stderr, and the exit status says whether anything failed.
    for e in &errors {
        assert!(stderr.contains(e["source"].as_str().unwrap_or_default()), "{e} not on stderr: {stderr}");
    }
    assert_eq!(code, u8::from(!errors.is_empty()), "exit status; stderr: {stderr}");
    // The spans' texts, left out of the output, from the spans.
    articles.iter_mut().for_each(Article::fill_span_text);
    Analysed { code, articles, errors, stderr }
}

/// `storyline parse --tokens` (tokens only for small batches: millions of tokens make a huge
/// JSON): (exit status, articles, stderr).
pub fn parse(args: &[&str]) -> (u8, Vec<Article>, String) {
    let size: u64 = args.iter().map(|a| dir_size(Path::new(a))).sum();
    let mut argv = if size < 1 << 20 { vec!["parse", "--tokens"] } else { vec!["parse"] };
    argv.extend_from_slice(args);
    let (code, out, stderr) = common::storyline(&argv);
    let mut articles: Vec<Article> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    assert_sound(&articles);
    articles.iter_mut().for_each(Article::fill_span_text);
    (code, articles, stderr)
}

/// Bytes of the regular files under `p` (symbolic links not followed).
pub fn dir_size(p: &Path) -> u64 {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            std::fs::read_dir(p).map_or(0, |d| d.flatten().map(|e| dir_size(&e.path())).sum())
        }
        Ok(m) if m.is_file() => m.len(),
        _ => 0,
    }
}

/// Analyse and parse a batch expected to be read without errors; returns the analysis.
pub fn all_read(b: &Batch, inputs: usize) -> Analysed {
    let run = analyze(&[&b.arg()]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(run.articles.len(), inputs, "{:?}", run.ids());
    run.article("good");
    let (code, parsed, stderr) = parse(&[&b.arg()]);
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(parsed.len(), inputs);
    run
}

/// A deterministic byte generator.
pub fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

/// One line of `size` bytes without a sentence end: one paragraph, read whole.
pub fn single_line(size: usize) {
    let b = Batch::new();
    let words = ["the", "talks", "said", "Kim", "would", "\"soon\"", "U.S.", "on", "Monday", "and"];
    let mut line = String::with_capacity(size + 16);
    let mut i = 0;
    while line.len() < size {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    b.write("long.txt", &line);
    let run = all_read(&b, 2);
    let a = run.article("long");
    assert!(a.text.len() >= size);
    assert_eq!(a.paragraphs.len(), 1, "one line is one paragraph");
    assert_disjoint_quotes(a);
}

/// `marks` quotation marks, straight and curly, between words; and as many marks alone, with
/// no space between them.
pub fn quotation_marks(marks: usize) {
    let b = Batch::new();
    let mut text = String::from("Quotes everywhere\n\n");
    for i in 0..marks / 2 {
        text.push_str(if i % 3 == 0 { "\"a\" " } else { "said \u{201c}b\u{201d} " });
    }
    assert!(text.matches(['"', '\u{201c}', '\u{201d}']).count() >= marks);
    b.write("quotes.txt", &text);
    b.write("marks.txt", format!("Marks\n\nHe said {}", "\"".repeat(marks)));
    let run = all_read(&b, 3);
    assert_eq!(run.article("quotes").title.as_deref(), Some("Quotes everywhere"));
    run.article("marks");
    for id in ["quotes", "marks"] {
        assert_disjoint_quotes(run.article(id));
    }
}

/// A JSONL line of `line_bytes` (over the limit: `max_bytes`, else the default 16 MiB) between
/// two good records: rejected with its size and line, without being held; the others read.
pub fn jsonl_line_over_the_limit(line_bytes: usize, max_bytes: Option<usize>) {
    let b = Batch::new();
    let huge = format!("{{\"title\":\"Huge\",\"maintext\":\"{}\"}}", "word ".repeat(line_bytes / 5));
    let limit = max_bytes.unwrap_or(16 << 20);
    assert!(huge.len() > limit);
    let good = |t: &str| format!("{{\"title\":\"{t}\",\"maintext\":\"The talks went on, Kim said.\"}}\n");
    let path = b.write("feed.jsonl", format!("{}{huge}\n{}", good("One"), good("Three")));
    let limit_arg = limit.to_string();
    let mut args = vec!["--max-bytes", &limit_arg];
    let dir = b.arg();
    args.push(&dir);
    let run = analyze(&args);
    assert_eq!(run.code, 1);
    let (reason, line) = run.error("feed.jsonl");
    assert_eq!(line, Some(2));
    assert!(reason.contains(&format!("exceeds the per-article limit of {limit} bytes")), "{reason}");
    assert!(run.stderr.contains(&format!("{path}:2: {} bytes exceeds", huge.len())), "{}", run.stderr);
    assert_eq!(run.ids(), ["feed-L1", "feed-L3", "good"], "in input order");
    assert_eq!(run.errors.len(), 1);
    let (code, parsed, stderr) = parse(&args);
    assert_eq!(code, 1);
    assert_eq!(parsed.len(), 3);
    assert!(stderr.contains(&format!("{path}:2: {} bytes exceeds", huge.len())), "{stderr}");
}

/// A reader that never ends: `byte` again and again, counting what was read.
pub struct Endless {
    pub byte: u8,
    pub read: Arc<AtomicUsize>,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        buf.fill(self.byte);
        self.read.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }
}

/// Issue 20, item 3: standard input that never ends (`storyline analyze - < /dev/zero`: zeros,
/// or spaces, or text) ends with an error naming `-` once the per-article limit is passed, having
/// read hardly more than the limit (the memory it can hold); the other inputs are analysed.
pub fn endless_stdin(max_bytes: Option<usize>) {
    let limit = max_bytes.unwrap_or(16 << 20);
    let b = Batch::new();
    let good = b.path("good.txt").display().to_string();
    let limit_arg = limit.to_string();
    for (byte, command) in [(0u8, "analyze"), (b' ', "parse"), (b'w', "analyze")] {
        let read = Arc::new(AtomicUsize::new(0));
        let stdin = Box::new(Endless { byte, read: Arc::clone(&read) });
        let args = [command, "--format", "json", "--max-bytes", &limit_arg, &good, "-"];
        let (code, out, stderr) = common::storyline_with_stdin(&args, stdin);
        let reason = format!("-: more than the per-article limit of {limit} bytes");
        assert!(stderr.contains(&reason), "{command} of {byte}: {stderr}");
        assert_eq!(code, 1, "{stderr}");
        // What was read: the limit and a byte, and at most the reading buffers (1 MiB, 64 KiB).
        let read = read.load(Ordering::Relaxed);
        assert!(read > limit && read <= limit + (2 << 20), "{read} bytes read for a limit of {limit}");
        if command == "analyze" {
            let run = checked(code, &out, stderr);
            assert_eq!(run.ids(), ["good"]);
            let (reason, line) = run.error("-");
            assert!(reason.starts_with("more than the per-article limit"), "{reason}");
            assert_eq!(line, None);
        } else {
            let articles: Vec<Article> = serde_json::from_str(&out).expect("JSON output");
            assert_eq!(articles.len(), 1);
        }
    }
}

/// JSON records made as they are read (about `record_bytes` each), counting how many were
/// handed out while the output (`lines`) lagged behind the most.
pub struct RecordStream {
    pub next: usize,
    pub total: usize,
    pub record_bytes: usize,
    pub pending: Vec<u8>,
    pub at: usize,
    pub lines: Arc<AtomicUsize>,
    pub max_lag: Arc<AtomicUsize>,
}

impl Read for RecordStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            if self.next == self.total {
                return Ok(0);
            }
            self.next += 1;
            let lag = self.next - self.lines.load(Ordering::Relaxed);
            self.max_lag.fetch_max(lag, Ordering::Relaxed);
            let body = "The talks went on. ".repeat(self.record_bytes / 19);
            self.pending =
                format!("{{\"title\":\"Record {}\",\"maintext\":\"{body}\"}}\n", self.next).into_bytes();
            self.at = 0;
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Output that only counts its lines.
pub struct LineCounter(pub Arc<AtomicUsize>);

impl std::io::Write for LineCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.iter().filter(|&&b| b == b'\n').count(), Ordering::Relaxed);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Issue 20, item 3: JSONL on standard input goes line by line through the jobs, like a JSONL
/// file: `records` records of `record_bytes` are parsed with the output never more than about
/// 1,600 records behind the reading (the 1 MiB read buffer, and 8 jobs of 64 records on two
/// threads), where reading it whole first held all of them.
pub fn jsonl_stdin_streams(records: usize, record_bytes: usize) {
    let lines = Arc::new(AtomicUsize::new(0));
    let max_lag = Arc::new(AtomicUsize::new(0));
    let stdin = RecordStream {
        next: 0,
        total: records,
        record_bytes,
        pending: Vec::new(),
        at: 0,
        lines: Arc::clone(&lines),
        max_lag: Arc::clone(&max_lag),
    };
    let mut out = LineCounter(Arc::clone(&lines));
    let mut err = Vec::new();
    let args = ["storyline", "parse", "--format", "jsonl", "--quiet", "-"];
    let code = storyline_cli::run_with_stdin(args, Box::new(stdin), &mut out, &mut err);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_eq!(lines.load(Ordering::Relaxed), records);
    let bound = (1 << 20) / record_bytes + 8 * 64 + 128;
    let lag = max_lag.load(Ordering::Relaxed);
    assert!(lag <= bound, "the output lagged {lag} records behind the input (at most {bound} expected)");
}

/// Every span of content of two quotes of the article apart.
pub fn assert_disjoint_quotes(a: &Article) {
    let mut spans: Vec<(usize, usize)> =
        a.quotes.iter().flat_map(|q| q.content.iter().map(|s| (s.start, s.end))).collect();
    spans.sort_unstable();
    for w in spans.windows(2) {
        assert!(w[0].1 <= w[1].0, "{}: quote contents {:?} and {:?} overlap", a.id, w[0], w[1]);
    }
}

/// Issue 20, item 4: "said said said …" of `size` bytes made a quote at every word, each with
/// the next 160 words as content: output and memory hundreds of times the input. Quotes never
/// overlap now, so the output stays a small multiple of the input.
pub fn said_said_said(size: usize) {
    let b = Batch::new();
    let text = format!("Said\n\n{}", "said ".repeat(size / 5));
    b.write("said.txt", &text);
    let (code, out, stderr) = common::storyline(&["analyze", "--format", "json", &b.arg()]);
    assert!(
        out.len() <= 8 * text.len() + 300_000,
        "{} bytes of output for {} of input",
        out.len(),
        text.len()
    );
    let run = checked(code, &out, stderr);
    assert_eq!(run.code, 0);
    let a = run.article("said");
    assert_disjoint_quotes(a);
    let quoted: usize = a.quotes.iter().map(|q| q.text.len()).sum();
    assert!(quoted <= a.text.len(), "{quoted} bytes of quotes in {} of text", a.text.len());
    for (command, format) in [("quotes", "json"), ("analyze", "html")] {
        let (code, out, err) = common::storyline(&[command, "--format", format, &b.arg()]);
        assert_eq!(code, 0, "{err}");
        assert!(out.len() <= 4 * text.len() + 100_000, "{command} --format {format}: {} bytes", out.len());
    }
}
