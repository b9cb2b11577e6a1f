//! Hostile and broken input through the command line (`parse` and `analyze`): every input is
//! accounted for — analysed, or named (with the line, for JSONL) with a clear reason while
//! the rest of the batch is processed — and the exit status says whether anything failed.
//!
//! Each test writes a batch into a temporary directory: the hostile input(s), from a fixture
//! in `tests/fixtures/hostile/` or a generator, next to a good article (a seed).

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use storyline_model::Article;

/// A batch of inputs in a temporary directory, always holding the good article `good.txt`.
struct Batch {
    dir: tempfile::TempDir,
}

impl Batch {
    fn new() -> Batch {
        let b = Batch { dir: tempfile::tempdir().expect("temporary directory") };
        let seed = common::workspace_root().join("seeds/000_062679f85e15b100.txt");
        std::fs::copy(seed, b.path("good.txt")).expect("copy a seed");
        b
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a subdirectory");
        }
        std::fs::write(&p, bytes).expect("write an input");
        p.display().to_string()
    }

    fn fixture(&self, name: &str) -> String {
        let src = common::workspace_root().join("tests/fixtures/hostile").join(name);
        self.write(name, std::fs::read(src).expect("read a fixture"))
    }

    fn arg(&self) -> String {
        self.dir.path().display().to_string()
    }
}

/// What `storyline analyze --format json` made of a batch.
struct Analysed {
    code: u8,
    articles: Vec<Article>,
    /// `[{source, line, reason}]`.
    errors: Vec<Value>,
    stderr: String,
}

impl Analysed {
    fn article(&self, id: &str) -> &Article {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("article {id} missing; have {:?}; stderr: {}", self.ids(), self.stderr))
    }

    fn ids(&self) -> Vec<&str> {
        self.articles.iter().map(|a| a.id.as_str()).collect()
    }

    /// The error about `source` (a path ending), with its line.
    fn error(&self, source_end: &str) -> (&str, Option<u64>) {
        let e = self
            .errors
            .iter()
            .find(|e| e["source"].as_str().is_some_and(|s| s.ends_with(source_end)))
            .unwrap_or_else(|| panic!("no error for {source_end}: {:?}", self.errors));
        (e["reason"].as_str().expect("reason"), e["line"].as_u64())
    }
}

/// Every span of every article inside its text, on char boundaries.
fn assert_sound(articles: &[Article]) {
    for a in articles {
        let errors = a.span_errors();
        assert!(errors.is_empty(), "{}: {errors:?}", a.id);
    }
}

fn analyze(args: &[&str]) -> Analysed {
    let mut argv = vec!["analyze", "--format", "json"];
    argv.extend_from_slice(args);
    let (code, out, stderr) = common::storyline(&argv);
    let doc: Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    let articles: Vec<Article> = serde_json::from_value(doc["articles"].clone()).expect("articles");
    let errors = doc["errors"].as_array().expect("errors array").clone();
    for e in &errors {
        assert!(e["source"].is_string() && e["reason"].is_string() && e.get("line").is_some(), "{e}");
    }
    assert_sound(&articles);
    // Every error is also named on stderr, and the exit status says whether anything failed.
    for e in &errors {
        assert!(stderr.contains(e["source"].as_str().unwrap_or_default()), "{e} not on stderr: {stderr}");
    }
    assert_eq!(code, u8::from(!errors.is_empty()), "exit status; stderr: {stderr}");
    Analysed { code, articles, errors, stderr }
}

/// `storyline parse --tokens` (tokens only for small batches: millions of tokens make a huge
/// JSON): (exit status, articles, stderr).
fn parse(args: &[&str]) -> (u8, Vec<Article>, String) {
    let size: u64 = args.iter().map(|a| dir_size(Path::new(a))).sum();
    let mut argv = if size < 1 << 20 { vec!["parse", "--tokens"] } else { vec!["parse"] };
    argv.extend_from_slice(args);
    let (code, out, stderr) = common::storyline(&argv);
    let articles: Vec<Article> =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {stderr}"));
    assert_sound(&articles);
    (code, articles, stderr)
}

/// Bytes of the regular files under `p` (symbolic links not followed).
fn dir_size(p: &Path) -> u64 {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            std::fs::read_dir(p).map_or(0, |d| d.flatten().map(|e| dir_size(&e.path())).sum())
        }
        Ok(m) if m.is_file() => m.len(),
        _ => 0,
    }
}

/// Analyse and parse a batch expected to be read without errors; returns the analysis.
fn all_read(b: &Batch, inputs: usize) -> Analysed {
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
fn noise(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 56) as u8
        })
        .collect()
}

#[test]
fn ten_megabyte_single_line() {
    let b = Batch::new();
    let words = ["the", "talks", "said", "Kim", "would", "\"soon\"", "U.S.", "on", "Monday", "and"];
    let mut line = String::with_capacity(10 << 20);
    let mut i = 0;
    while line.len() < 10 << 20 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    b.write("long.txt", &line);
    let run = all_read(&b, 2);
    let a = run.article("long");
    assert!(a.text.len() >= 10 << 20);
    assert_eq!(a.paragraphs.len(), 1, "one line is one paragraph");
}

#[test]
fn hundred_thousand_quotation_marks() {
    let b = Batch::new();
    let mut text = String::from("Quotes everywhere\n\n");
    for i in 0..50_000 {
        text.push_str(if i % 3 == 0 { "\"a\" " } else { "said \u{201c}b\u{201d} " });
    }
    assert!(text.matches(['"', '\u{201c}', '\u{201d}']).count() >= 100_000);
    b.write("quotes.txt", &text);
    // And the marks alone, with no space between them.
    b.write("marks.txt", format!("Marks\n\nHe said {}", "\"".repeat(100_000)));
    let run = all_read(&b, 3);
    assert_eq!(run.article("quotes").title.as_deref(), Some("Quotes everywhere"));
    run.article("marks");
}

#[test]
fn unbalanced_and_nested_quotes() {
    let b = Batch::new();
    b.fixture("nested_quotes.txt");
    let run = all_read(&b, 2);
    let a = run.article("nested_quotes");
    assert!(a.sentences.len() >= 5, "{} sentences", a.sentences.len());
}

#[test]
fn a_page_of_abbreviations() {
    let b = Batch::new();
    b.fixture("abbreviations.txt");
    let run = all_read(&b, 2);
    let a = run.article("abbreviations");
    // The last paragraph has a few real sentence ends among dozens of abbreviations.
    let last = a.paragraphs.len() - 1;
    let n = a.sentences.iter().filter(|s| s.paragraph == last).count();
    assert!((2..=10).contains(&n), "{n} sentences in the last paragraph");
}

#[test]
fn binary_files() {
    let b = Batch::new();
    b.write("noise.txt", noise(64 * 1024, 1));
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(noise(4096, 2));
    b.write("image.txt", png);
    let run = analyze(&[&b.arg()]);
    run.article("good");
    // Binary bytes are read as lossy text (with a warning), or rejected with a reason: never lost.
    for id in ["noise", "image"] {
        match run.articles.iter().find(|a| a.id == id) {
            Some(a) => assert!(a.warnings.iter().any(|w| w.code == "invalid-utf8"), "{:?}", a.warnings),
            None => {
                run.error(&format!("{id}.txt"));
            }
        }
    }
    assert_eq!(run.articles.len() + run.errors.len(), 3);
    let (_, parsed, stderr) = parse(&[&b.arg()]);
    assert!(stderr.contains("noise.txt: input is not valid UTF-8"), "{stderr}");
    assert!(parsed.iter().any(|a| a.id == "good"));
}

#[test]
fn invalid_utf8_and_nul_bytes() {
    let b = Batch::new();
    b.write(
        "latin1.txt",
        b"Caf\xe9 talks\n\nThe minister said the caf\xe9 was closed. \xff\xfe\xc0\x80 End.",
    );
    b.write("nul.txt", b"Nul\0 bytes\n\nThe\0 talks\0\0 went on.\0 He said so.");
    let run = all_read(&b, 3);
    let latin = run.article("latin1");
    assert!(latin.text.contains("Caf\u{FFFD} talks"));
    assert!(latin.warnings.iter().any(|w| w.code == "invalid-utf8" && w.message.contains("replaced")));
    let nul = run.article("nul");
    assert!(!nul.text.contains('\0'));
    assert_eq!(nul.title.as_deref(), Some("Nul bytes"));
    assert!(nul.warnings.iter().any(|w| w.code == "control-chars" && w.message.contains("5 NUL")));
    let (_, _, stderr) = parse(&[&b.arg()]);
    assert!(stderr.contains("latin1.txt: input is not valid UTF-8: 6 invalid"), "{stderr}");
    assert!(stderr.contains("nul.txt: 5 NUL or other control character(s) removed"), "{stderr}");
}

#[test]
fn utf16_with_bom() {
    let b = Batch::new();
    let text = "Séoul talks\r\n\r\n“We will meet,” Kim said on Monday.";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    b.write("le.txt", le);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    b.write("be.txt", be);
    let run = all_read(&b, 3);
    for id in ["le", "be"] {
        let a = run.article(id);
        assert_eq!(a.title.as_deref(), Some("Séoul talks"));
        assert_eq!(a.text, "Séoul talks\n\n“We will meet,” Kim said on Monday.");
        assert!(a.warnings.iter().any(|w| w.code == "utf16"));
    }
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    let b = Batch::new();
    b.write("crlf.txt", "Windows headline\r\n\r\nFirst paragraph here.\r\n\r\nSecond one.\r\n");
    b.write("cr.txt", "Old Mac headline\r\rFirst paragraph here.\r\rSecond one.\r");
    let run = all_read(&b, 3);
    for (id, title) in [("crlf", "Windows headline"), ("cr", "Old Mac headline")] {
        let a = run.article(id);
        assert!(!a.text.contains('\r'));
        assert_eq!(a.title.as_deref(), Some(title));
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, [title, "First paragraph here.", "Second one."]);
    }
}

#[test]
fn empty_and_whitespace_only_files() {
    let b = Batch::new();
    b.write("empty.txt", "");
    b.write("blank.txt", " \n\t\r\n\u{3000}\n");
    b.write("nul_only.txt", b"\0\0\r\n\0");
    let run = analyze(&[&b.arg()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), ["good"]);
    for f in ["empty.txt", "blank.txt", "nul_only.txt"] {
        let (reason, line) = run.error(f);
        assert_eq!(reason, "empty input (no text to read)");
        assert_eq!(line, None);
        assert!(run.stderr.contains(&format!("{f}: empty input")), "{}", run.stderr);
    }
    let (code, parsed, stderr) = parse(&[&b.arg()]);
    assert_eq!((code, parsed.len()), (1, 1));
    assert!(stderr.contains("empty.txt: empty input") && stderr.contains("3 input(s) failed"), "{stderr}");
}

#[test]
fn fifty_megabyte_jsonl_line() {
    let b = Batch::new();
    let huge = format!("{{\"title\":\"Huge\",\"maintext\":\"{}\"}}", "word ".repeat(10 << 20));
    assert!(huge.len() > 50 << 20);
    let good = |t: &str| format!("{{\"title\":\"{t}\",\"maintext\":\"The talks went on, Kim said.\"}}\n");
    let path = b.write("feed.jsonl", format!("{}{huge}\n{}", good("One"), good("Three")));
    let run = analyze(&[&b.arg()]);
    assert_eq!(run.code, 1);
    let (reason, line) = run.error("feed.jsonl");
    assert_eq!(line, Some(2));
    assert!(reason.contains("exceeds the per-article limit of 16777216 bytes"), "{reason}");
    assert!(run.stderr.contains(&format!("{path}:2: {} bytes exceeds", huge.len())), "{}", run.stderr);
    assert_eq!(run.ids(), ["feed-L1", "feed-L3", "good"], "in input order");
    assert_eq!(run.errors.len(), 1);
    let (code, parsed, stderr) = parse(&[&b.arg()]);
    assert_eq!(code, 1);
    assert_eq!(parsed.len(), 3);
    assert!(stderr.contains(&format!("{path}:2: {} bytes exceeds", huge.len())), "{stderr}");
}

#[test]
fn malformed_jsonl_line_in_the_middle() {
    let b = Batch::new();
    let path = b.write(
        "feed.jsonl",
        "{\"title\":\"One\",\"maintext\":\"Body one.\"}\n\
         {\"title\":\"Two\",\"maintext\":\"Body two.\"}\n\
         {\"title\": \"Broken\", \"maintext\": \"unterminated\n\
         \n\
         {\"title\":\"Five\",\"maintext\":\"Body five.\"}\n\
         {\"title\":\"No text\"}\n\
         [1, 2, 3]\n\
         {\"title\":\"Eight\",\"text\":\"Body eight.\"}\n",
    );
    let run = analyze(&[&b.arg()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), ["feed-L1", "feed-L2", "feed-L5", "feed-L8", "good"], "in input order");
    let lines: Vec<(Option<u64>, &str)> =
        run.errors.iter().map(|e| (e["line"].as_u64(), e["reason"].as_str().unwrap_or(""))).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0].0, Some(3));
    assert!(lines[0].1.starts_with("malformed JSON record"), "{lines:?}");
    assert_eq!(
        lines[1],
        (Some(6), "record has no article text (expected a non-empty `maintext` or `text` field)")
    );
    assert_eq!(lines[2].0, Some(7));
    assert!(run.stderr.contains(&format!("{path}:3: malformed JSON record")), "{}", run.stderr);
    let (code, parsed, stderr) = parse(&[&b.arg()]);
    assert_eq!((code, parsed.len()), (1, 5));
    assert!(stderr.contains(&format!("{path}:7: malformed JSON record")), "{stderr}");
}

/// Whether permissions keep this process out of `path` (not when running as root).
fn permissions_block(path: &Path) -> bool {
    let readable = if path.is_dir() { std::fs::read_dir(path).is_ok() } else { std::fs::read(path).is_ok() };
    if readable {
        eprintln!("skipping the unreadable-input check: chmod 000 does not block this user (root?)");
    }
    !readable
}

#[cfg(unix)]
#[test]
fn unreadable_file_and_directory() {
    use std::os::unix::fs::PermissionsExt;
    let b = Batch::new();
    let file = b.write("locked.txt", "Locked\n\nYou cannot read this.");
    b.write("closed/inside.txt", "Inside\n\nNor this.");
    let closed = b.path("closed");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod file");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod dir");
    let blocked = permissions_block(Path::new(&file)) && permissions_block(&closed);
    let run = blocked.then(|| (analyze(&[&b.arg()]), parse(&[&b.arg()])));
    // Restore, so the temporary directory can be removed.
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).expect("chmod dir back");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod file back");
    let Some((run, (code, parsed, stderr))) = run else { return };
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), ["good"]);
    assert!(run.error("locked.txt").0.starts_with("cannot read: Permission denied"), "{:?}", run.errors);
    assert!(run.error("closed").0.starts_with("cannot read"), "{:?}", run.errors);
    assert_eq!((code, parsed.len()), (1, 1));
    assert!(stderr.contains("locked.txt: cannot read") && stderr.contains("closed: cannot read"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop() {
    let b = Batch::new();
    b.write("sub/inner.txt", "Inner article\n\nThe talks went on.");
    std::os::unix::fs::symlink(b.dir.path(), b.path("sub/loop")).expect("symlink");
    std::os::unix::fs::symlink("nowhere", b.path("dangling.txt")).expect("symlink");
    let run = analyze(&[&b.arg()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), ["good", "inner"]);
    let (reason, _) = run.error("sub/loop");
    assert!(reason.contains("loop"), "{reason}");
    let (reason, _) = run.error("dangling.txt");
    assert!(reason.starts_with("cannot read"), "{reason}");
    let (code, parsed, stderr) = parse(&[&b.arg()]);
    assert_eq!((code, parsed.len()), (1, 2));
    assert!(stderr.contains("sub/loop: cannot read") && stderr.contains("loop"), "{stderr}");
}

#[test]
fn missing_path_named_and_others_read() {
    let b = Batch::new();
    let missing = b.path("no-such-file.txt").display().to_string();
    let good = b.path("good.txt").display().to_string();
    let run = analyze(&[&missing, &good]);
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), ["good"]);
    assert!(run.error("no-such-file.txt").0.starts_with("cannot read"));
}

#[test]
fn non_english_text() {
    let b = Batch::new();
    b.fixture("non_english.txt");
    let run = all_read(&b, 2);
    let a = run.article("non_english");
    assert_eq!(a.title.as_deref(), Some("문재인 대통령, 평양 정상회담 마치고 귀국"));
    assert_eq!(a.language, None, "not guessed as English");
    assert!(a.sentences.len() >= 6);
}

#[test]
fn help_documents_the_exit_status() {
    let (code, out, err) = common::storyline(&["analyze", "--help"]);
    assert_eq!(code, 0);
    let out = out + &err;
    assert!(out.contains("Exit status") && out.contains("1  some inputs could not be read"), "{out}");
}

#[test]
fn text_file_over_the_size_limit() {
    let b = Batch::new();
    b.write("big.txt", "Big\n\n".to_string() + &"word ".repeat(1000));
    let run = analyze(&["--max-bytes", "4096", &b.arg()]);
    assert_eq!(run.ids(), ["good"]);
    let (reason, line) = run.error("big.txt");
    assert_eq!(line, None);
    assert_eq!(reason, "5005 bytes exceeds the per-article limit of 4096 bytes (raise it with --max-bytes)");
}

/// Many inputs spread over several jobs and both worker threads (a job holds at most 64
/// articles): articles come out in input order and every failure is named, whichever job it
/// fell in, on either side of a job's boundary.
#[test]
fn failures_across_many_jobs_keep_the_order() {
    let b = Batch::new();
    let mut expected = Vec::new();
    for i in 0..150 {
        let name = format!("a{i:03}.txt");
        if [63, 64, 128].contains(&i) {
            b.write(&name, "");
        } else {
            b.write(
                &name,
                format!("Talks number {i}\n\nKim said on Monday the talks would go on, article {i}.\n"),
            );
            expected.push(format!("a{i:03}"));
        }
    }
    let mut feed = String::new();
    for line in 1..=200 {
        if [64, 65, 129].contains(&line) {
            feed.push_str("{\"title\": \"Broken\"\n");
        } else {
            feed.push_str(&format!(
                "{{\"title\":\"Record {line}\",\"maintext\":\"The talks went on, Kim said.\"}}\n"
            ));
            expected.push(format!("feed-L{line}"));
        }
    }
    b.write("feed.jsonl", feed);
    expected.push("good".to_string());
    let run = analyze(&["--threads", "2", &b.arg()]);
    assert_eq!(run.code, 1);
    assert_eq!(run.ids(), expected, "in input order");
    let mut failed: Vec<(String, Option<u64>)> = run
        .errors
        .iter()
        .map(|e| {
            let source = e["source"].as_str().unwrap_or_default();
            let name = Path::new(source).file_name().map(|n| n.to_string_lossy().into_owned());
            (name.unwrap_or_default(), e["line"].as_u64())
        })
        .collect();
    failed.sort();
    let want: Vec<(String, Option<u64>)> = vec![
        ("a063.txt".into(), None),
        ("a064.txt".into(), None),
        ("a128.txt".into(), None),
        ("feed.jsonl".into(), Some(64)),
        ("feed.jsonl".into(), Some(65)),
        ("feed.jsonl".into(), Some(129)),
    ];
    assert_eq!(failed, want);
    let summary = format!("{} article(s) analysed, 6 input(s) skipped with errors", expected.len());
    assert!(run.stderr.contains(&summary), "{}", run.stderr);
}

/// Issue 20, item 1: a sentence with a date and no space within ~90 bytes on either side made
/// the story layer slice backwards and panic, losing every report. Each report format now
/// comes out whole, with the good article in it.
#[test]
fn date_without_spaces_around_it_in_a_long_sentence() {
    let b = Batch::new();
    let body = format!("Officials said {}(2018-09-24){} end.", "a".repeat(100), "b".repeat(200));
    b.write("dated.txt", format!("Spaceless date\n\nSep. 24, 2018\n\n{body}\n"));
    let run = all_read(&b, 2);
    run.article("dated");
    for format in ["md", "html", "csv"] {
        let (code, out, err) = common::storyline(&["analyze", "--format", format, &b.arg()]);
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.len() > 100, "{format}: a whole report, got {out:?}");
    }
    let (code, out, err) = common::storyline(&["analyze", "--format", "md", &b.arg()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("aaaa"), "the dated sentence's snippet is in the timeline: {out}");
}
