//! `storyline stories`, the reduce step: over the JSONL of `analyze --format jsonl` (the map
//! step) it writes byte for byte what `analyze` writes on the same articles, in every report
//! format — on the seeds, on map output split over several files and read from stdin, and on
//! PolNeAR dev (`../shared/data/polnear/dev`, skipped with a message when it is absent) — and it
//! reports the lines that are no analysed article without losing the others or panicking.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

const FORMATS: [&str; 4] = ["json", "md", "html", "csv"];

/// Run the command line; the exit status and stdout (stderr shown on failure).
fn run(args: &[&str]) -> (u8, String) {
    let (code, out, err) = common::storyline(args);
    assert_ne!(code, 2, "storyline {args:?}: {err}");
    (code, out)
}

/// `analyze --format jsonl` of `inputs` into `file`.
fn map(inputs: &[&str], file: &Path, span_text: bool) {
    let out = file.display().to_string();
    let mut args = vec!["analyze", "--format", "jsonl", "--quiet", "--out", &out];
    if span_text {
        args.push("--span-text");
    }
    args.extend_from_slice(inputs);
    let (code, _) = run(&args);
    assert_eq!(code, 0);
}

/// Every report of `analyze` on `inputs` equals that of `stories` on `mapped`.
fn assert_same_reports(inputs: &[&str], mapped: &[&str]) {
    for format in FORMATS {
        let mut analyze = vec!["analyze", "--quiet", "--format", format];
        analyze.extend_from_slice(inputs);
        let mut stories = vec!["stories", "--quiet", "--format", format];
        stories.extend_from_slice(mapped);
        let (a, want) = run(&analyze);
        let (s, got) = run(&stories);
        assert_eq!((a, s), (0, 0));
        assert!(want.len() > 500, "{format}: {want}");
        if got != want {
            let at =
                got.bytes().zip(want.bytes()).position(|(g, w)| g != w).unwrap_or(got.len().min(want.len()));
            let around =
                |s: &str| s.get(at.saturating_sub(200)..(at + 200).min(s.len())).unwrap_or("").to_string();
            panic!(
                "--format {format}: stories differs from analyze at byte {at} ({} vs {} bytes)\nstories: {}\nanalyze: {}",
                got.len(),
                want.len(),
                around(&got),
                around(&want)
            );
        }
    }
}

fn seeds() -> Vec<String> {
    let dir = common::workspace_root().join("seeds");
    let mut seeds: Vec<String> = std::fs::read_dir(&dir)
        .expect("seeds/")
        .map(|e| e.expect("an entry").path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    seeds.sort();
    seeds
}

#[test]
fn stories_of_the_seeds_map_output_are_those_of_analyze() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let seeds_dir = common::seeds_arg();
    let whole = dir.path().join("seeds.jsonl");
    map(&[&seeds_dir], &whole, false);
    assert_same_reports(&[&seeds_dir], &[&whole.display().to_string()]);

    // Written with span texts: the same reports (the JSON one without them, as analyze's).
    let with_text = dir.path().join("seeds-span-text.jsonl");
    map(&[&seeds_dir], &with_text, true);
    assert_same_reports(&[&seeds_dir], &[&with_text.display().to_string()]);
    // … and `--span-text` writes them, as `analyze --span-text` does, whatever the input has.
    for mapped in [&whole, &with_text] {
        let (_, want) = run(&["analyze", "--quiet", "--span-text", &seeds_dir]);
        let (_, got) = run(&["stories", "--quiet", "--span-text", &mapped.display().to_string()]);
        assert!(got == want, "stories --span-text of {}", mapped.display());
    }

    // The map step in parts (one run per seed), read from a directory: its files in name order.
    let parts = dir.path().join("parts");
    std::fs::create_dir(&parts).expect("a directory");
    for (i, seed) in seeds().iter().enumerate() {
        map(&[seed], &parts.join(format!("part-{i:05}.jsonl")), false);
    }
    std::fs::write(parts.join("notes.txt"), "not map output: a directory's .txt files are not read")
        .expect("written");
    assert_same_reports(&[&seeds_dir], &[&parts.display().to_string()]);

    // From stdin.
    let bytes = std::fs::read(&whole).expect("the map output");
    let (code, out, err) = common::storyline_with_stdin(
        &["stories", "--format", "md", "--quiet", "-"],
        Box::new(std::io::Cursor::new(bytes)),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, run(&["analyze", "--format", "md", "--quiet", &seeds_dir]).1);
}

/// Map runs over different folders whose articles share ids (the same seed copied): read
/// together, the ids are made unique as one `analyze` run over both folders makes them.
#[test]
fn ids_repeated_across_map_runs_are_made_unique_as_analyze_does() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let seed = &seeds()[0];
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).expect("a directory");
    let copied = copy.join(Path::new(seed).file_name().expect("a file name"));
    std::fs::copy(seed, &copied).expect("copied");
    let copied = copied.display().to_string();
    let (first, second) = (dir.path().join("1.jsonl"), dir.path().join("2.jsonl"));
    map(&[seed], &first, false);
    map(&[&copied], &second, false);
    assert_same_reports(&[seed, &copied], &[&first.display().to_string(), &second.display().to_string()]);
    let (_, json) = run(&["stories", "--quiet", &first.display().to_string(), &second.display().to_string()]);
    let doc: Value = serde_json::from_str(&json).expect("JSON");
    let id = doc["articles"][0]["id"].as_str().expect("an id");
    assert_eq!(doc["articles"][1]["id"], format!("{id}~2"));
    assert!(json.contains("duplicate_id"));
}

/// PolNeAR dev (84 articles): the map output read back gives every report of `analyze`.
#[test]
fn stories_of_polnear_dev_are_those_of_analyze() {
    let dev: PathBuf = common::workspace_root().join("../shared/data/polnear/dev/text");
    if !dev.is_dir() {
        eprintln!("skipped: {} is absent (the shared data is not next to the workspace)", dev.display());
        return;
    }
    let dev = dev.display().to_string();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mapped = dir.path().join("dev.jsonl");
    map(&[&dev], &mapped, false);
    assert_eq!(std::fs::read_to_string(&mapped).expect("the map output").lines().count(), 84);
    assert_same_reports(&[&dev], &[&mapped.display().to_string()]);
}

/// Lines that are no analysed article — empty files, binary, deep nesting, a 1 MB line, valid JSON of the
/// wrong shape, another schema version, a crawler record, a cut line, a line over the limit —
/// are errors naming their file and line; the articles around them all make the same stories
/// as without them; nothing panics.
#[test]
fn lines_that_are_no_articles_are_errors_and_the_rest_is_used() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let seeds_dir = common::seeds_arg();
    let good = dir.path().join("good.jsonl");
    map(&[&seeds_dir], &good, false);
    let text = std::fs::read_to_string(&good).expect("the map output");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let mut binary: Vec<u8> = (0..=255u8).cycle().filter(|&b| b != b'\n').take(5000).collect();
    binary.extend_from_slice(b"\n\xff\xfe{\"id\":\0}\n");
    // Nested past serde_json's recursion limit (an error, not a stack overflow).
    binary.extend_from_slice(format!("{}\n", "{\"a\":[".repeat(50_000)).as_bytes());
    let wrong_version = lines[0].replacen("\"schema_version\":\"1\"", "\"schema_version\":\"7\"", 1);
    assert_ne!(wrong_version, lines[0]);
    let mixed = [
        lines[0],
        "{\"id\": \"crawl-1\", \"title\": \"A crawler record\", \"maintext\": \"Not analysed.\"}",
        "[1, 2, 3]",
        "\"a string\"",
        "{\"id\": 7, \"text\": [], \"paragraphs\": {}, \"sentences\": null}",
        &wrong_version,
        &lines[1][..lines[1].len() / 2],
        &"x".repeat(1 << 20),
        lines[1],
        "\u{feff}{}",
    ]
    .join("\n");
    let files = [
        ("a-empty.jsonl", Vec::new()),
        ("b-blank.jsonl", b"\n  \n\t\n".to_vec()),
        ("c-binary.jsonl", binary),
        ("d-mixed.jsonl", mixed.into_bytes()),
    ];
    let hostile = dir.path().join("hostile");
    std::fs::create_dir(&hostile).expect("a directory");
    for (name, bytes) in &files {
        std::fs::write(hostile.join(name), bytes).expect("written");
    }
    let hostile_arg = hostile.display().to_string();
    let (code, out, err) = common::storyline(&["stories", "--max-bytes", "1000000", &hostile_arg]);
    assert_eq!(code, 1, "{err}");
    let doc: Value = serde_json::from_str(&out).expect("a JSON report");
    let errors: Vec<(String, u64, String)> = doc["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            let source = e["source"].as_str().expect("a source");
            let name = Path::new(source).file_name().expect("a name").to_string_lossy().into_owned();
            (name, e["line"].as_u64().expect("a line"), e["reason"].as_str().expect("a reason").to_string())
        })
        .collect();
    let at: Vec<(&str, u64)> = errors.iter().map(|(f, l, _)| (f.as_str(), *l)).collect();
    assert_eq!(
        at,
        [
            ("c-binary.jsonl", 1),
            ("c-binary.jsonl", 2),
            ("c-binary.jsonl", 3),
            ("d-mixed.jsonl", 2),
            ("d-mixed.jsonl", 3),
            ("d-mixed.jsonl", 4),
            ("d-mixed.jsonl", 5),
            ("d-mixed.jsonl", 6),
            ("d-mixed.jsonl", 7),
            ("d-mixed.jsonl", 8),
            ("d-mixed.jsonl", 10),
        ],
        "{errors:#?}"
    );
    for (_, line, reason) in &errors {
        assert!(!reason.contains("internal error"), "{reason}");
        assert!(reason.chars().count() <= 1000, "a reason of {} characters", reason.chars().count());
        if *line == 8 {
            assert!(reason.contains("exceeds the line limit of 1000000 bytes"), "{reason}");
        }
    }
    assert!(errors.iter().any(|(_, _, r)| r.contains("missing field `source`")), "{errors:#?}");
    assert!(errors.iter().any(|(_, _, r)| r.contains("schema version \"7\"")), "{errors:#?}");
    assert!(err.contains("d-mixed.jsonl:6: not an analysed article"), "{err}");
    // The two good lines make what analyze makes of the seeds.
    let (_, analysed) = run(&["analyze", "--quiet", &seeds_dir]);
    let want: Value = serde_json::from_str(&analysed).expect("JSON");
    assert_eq!(doc["articles"], want["articles"]);
    assert_eq!(doc["stories"], want["stories"]);
    // Under the default line limit the 1 MB line is read, and refused as no article.
    let (code, out, _) = common::storyline(&["stories", "--quiet", &hostile_arg]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).expect("a JSON report");
    let line_8 = doc["errors"].as_array().expect("errors").iter().find(|e| e["line"] == 8).expect("line 8");
    assert_eq!(line_8["reason"], "not an analysed article: expected value at line 1 column 1");
    assert_eq!(doc["stories"], want["stories"]);
    // The other reports too, with the errors listed.
    let (code, md, _) =
        common::storyline(&["stories", "--format", "md", "--max-bytes", "1000000", &hostile_arg]);
    assert_eq!(code, 1);
    assert!(md.contains("2 article(s) in 1 story; 11 input(s) could not be read"), "{md}");
}

/// Analysed lines with their numbers and names changed at random (a fixed seed) — spans out
/// of the text or reversed, indices past their arrays, odd dates — are read or refused, and
/// the stories built, never with a panic (which would be an "internal error").
#[test]
fn mutated_analysed_lines_never_panic() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let good = dir.path().join("good.jsonl");
    map(&[&common::seeds_arg()], &good, false);
    let text = std::fs::read_to_string(&good).expect("the map output");
    let mut state: u64 = 0x5eed_2323;
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    let mut mutated = String::new();
    for i in 0..60 {
        let mut line: Vec<u8> = text.lines().nth(i % 2).expect("a line").as_bytes().to_vec();
        for _ in 0..1 + next(12) {
            match next(3) {
                // A digit for another: spans, indices and dates move anywhere.
                0 => {
                    let digits: Vec<usize> = (0..line.len()).filter(|&i| line[i].is_ascii_digit()).collect();
                    line[digits[next(digits.len())]] = b"0123456789"[next(10)];
                }
                // Time expressions and quote dates underspecified, with impossible weekdays.
                1 => {
                    let odd = [
                        "\"value\":\"XXXX-WXX-9\",\"x\":\"",
                        "\"value\":\"XXXX-WXX--128\",\"x\":\"",
                        "\"value\":\"XXXX-99\",\"x\":\"",
                    ];
                    let s = String::from_utf8_lossy(&line).replacen(
                        "\"value\":\"2018-",
                        odd[next(3)],
                        1 + next(5),
                    );
                    line = s.into_bytes();
                }
                // Spans pushed past the text.
                _ => {
                    let s =
                        String::from_utf8_lossy(&line).replacen("\"start\":", "\"start\":9", 1 + next(20));
                    line = s.into_bytes();
                }
            }
        }
        mutated.push_str(&String::from_utf8_lossy(&line));
        mutated.push('\n');
    }
    let file = dir.path().join("mutated.jsonl");
    std::fs::write(&file, mutated).expect("written");
    let file = file.display().to_string();
    for format in FORMATS {
        let (code, out, err) = common::storyline(&["stories", "--quiet", "--format", format, &file]);
        assert!(code == 0 || code == 1, "{err}");
        assert!(!err.contains("internal error"), "{err}");
        assert!(!out.is_empty());
        if format == "json" {
            let doc: Value = serde_json::from_str(&out).expect("JSON");
            let read = doc["articles"].as_array().expect("articles").len();
            assert!(read > 10, "only {read} of 60 mutated lines read:\n{err}");
        }
    }
}
