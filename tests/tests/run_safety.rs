//! The safety of a whole run, on the output side (issue 20): `--out` never destroys an input nor
//! leaves a truncated report, a thread count cannot run away, reports cannot be made to inject
//! HTML, Markdown, formulas or bidirectional reordering, articles with the same id stay apart,
//! messages cannot send escape sequences to the terminal, `--date` takes only real days, and an
//! error reason does not repeat a huge input line.
//!
//! (A panic met building a story or writing one is tested through the real functions with a
//! panicking closure: `build_guarded` in the analyzer's story tests, `write_stories` in the
//! CLI's report tests, `with_output` in its output tests.)

mod common;

use std::path::PathBuf;

use serde_json::Value;

/// A temporary directory of inputs.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().expect("temporary directory"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create a subdirectory");
        }
        std::fs::write(&p, bytes).expect("write an input");
        p.display().to_string()
    }

    /// A seed article (with quotes) under `name`.
    fn seed(&self, name: &str) -> String {
        self.write(name, std::fs::read(seed_path()).expect("read a seed"))
    }

    /// The names in the directory (not recursive), sorted.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.0.path())
            .expect("list the directory")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn seed_path() -> PathBuf {
    common::workspace_root().join("seeds/000_062679f85e15b100.txt")
}

fn json(out: &str, err: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("JSON output ({e}); stderr: {err}"))
}

// ---------------------------------------------------------------------------------------------
// 1. The report is written whole, or not at all.

/// `--out` replaces an existing report only when the new one is complete, and leaves no
/// temporary file behind; through a link, the file it points to is replaced.
#[test]
fn out_replaces_the_report_whole_and_leaves_no_temporary_file() {
    let d = Dir::new();
    let input = d.seed("in/a.txt");
    let report = d.write("report.md", "an old report that must be replaced\n");
    let (code, out, err) =
        common::storyline(&["analyze", "--format", "md", "--quiet", "--out", &report, &input]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let md = std::fs::read_to_string(&report).expect("the report");
    assert!(md.starts_with("# storyline report\n") && md.contains("Donald Trump"), "{md}");
    assert_eq!(d.names(), ["in", "report.md"], "no temporary file left");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.path("report.md"), d.path("latest.md")).expect("a link");
        let link = d.arg("latest.md");
        let (code, _, err) =
            common::storyline(&["analyze", "--format", "csv", "--quiet", "--out", &link, &input]);
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::symlink_metadata(&link).expect("the link").is_symlink(), "the link stays a link");
        let csv = std::fs::read_to_string(&report).expect("the report");
        assert!(csv.starts_with("story,speaker,about,date,kind,act,text,articles,publishers\n"), "{csv}");
        assert_eq!(d.names(), ["in", "latest.md", "report.md"]);
    }
}

/// An `--out` that cannot be created is an error (exit 2) that leaves nothing behind.
#[test]
fn out_that_cannot_be_written_is_exit_2_and_leaves_nothing() {
    let d = Dir::new();
    let input = d.seed("a.txt");
    let missing = d.arg("no/such/dir/report.json");
    let (code, out, err) = common::storyline(&["analyze", "--quiet", "--out", &missing, &input]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("storyline: error: cannot create") && err.contains("report.json"), "{err}");
    assert_eq!(d.names(), ["a.txt"]);
}

// ---------------------------------------------------------------------------------------------
// 2. `--out` naming an input.

/// The reproducer: `storyline analyze f.jsonl --format jsonl --out f.jsonl` emptied `f.jsonl`.
/// Every command refuses it, before reading or writing anything, with exit 2.
#[test]
fn out_naming_an_input_is_refused_by_every_command() {
    let d = Dir::new();
    let record = r#"{"id": "r1", "title": "Summit", "maintext": "President Donald Trump said on Monday that he will meet Kim Jong Un."}"#;
    let feed = d.write("f.jsonl", format!("{record}\n"));
    let before = std::fs::read(&feed).expect("the feed");
    for command in [
        vec!["analyze", "--format", "jsonl"],
        vec!["analyze", "--format", "md"],
        vec!["parse", "--format", "jsonl"],
        vec!["quotes", "--format", "csv"],
        vec!["entities"],
    ] {
        let mut args = command.clone();
        args.extend([feed.as_str(), "--out", feed.as_str()]);
        let (code, out, err) = common::storyline(&args);
        assert_eq!(code, 2, "{command:?}: {err}");
        assert!(out.is_empty(), "{command:?}");
        assert_eq!(err, format!("storyline: error: --out {feed} is also an input\n"), "{command:?}");
        assert_eq!(std::fs::read(&feed).expect("the feed"), before, "{command:?} changed the input");
        assert_eq!(d.names(), ["f.jsonl"], "{command:?} left a file");
    }
}

/// The same file by another path: relative, through `..`, through a link, or read from a
/// directory given as an input (also through a link inside it).
#[test]
fn out_naming_an_input_by_another_path_is_refused() {
    let d = Dir::new();
    let article = d.seed("crawl/sub/a.txt");
    let before = std::fs::read(&article).expect("the article");
    let crawl = d.arg("crawl");
    let mut cases: Vec<(Vec<String>, String)> = vec![
        // the directory holds the output file, a .txt it reads
        (vec![crawl.clone()], article.clone()),
        (vec![crawl.clone()], d.arg("crawl/sub/../sub/a.txt")),
        (vec![article.clone()], d.arg("crawl/./sub/a.txt")),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&article, d.path("link.txt")).expect("a link to the article");
        std::os::unix::fs::symlink(d.path("crawl/sub"), d.path("crawl-link")).expect("a link to the folder");
        cases.push((vec![crawl.clone()], d.arg("link.txt")));
        cases.push((vec![d.arg("link.txt")], article.clone()));
        cases.push((vec![d.arg("crawl-link")], article.clone()));
    }
    for (inputs, out) in cases {
        let mut args = vec!["analyze", "--format", "jsonl", "--out", out.as_str()];
        args.extend(inputs.iter().map(String::as_str));
        let (code, _, err) = common::storyline(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(err, format!("storyline: error: --out {out} is also an input\n"), "{args:?}");
        assert_eq!(std::fs::read(&article).expect("the article"), before, "{args:?}");
    }
    // A report in the folder that the run does not read (not .txt/.jsonl/.ndjson) is fine.
    let report = d.arg("crawl/report.md");
    let (code, _, err) =
        common::storyline(&["analyze", "--format", "md", "--quiet", "--out", &report, &crawl]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&report).expect("the report").contains("Donald Trump"));
}

// ---------------------------------------------------------------------------------------------
// 6. `--threads`.

/// `--threads 100000` spawned threads for minutes; now the pool is capped (four per core, no
/// more than the jobs), and the output is the same as with one thread.
#[test]
fn a_huge_thread_count_is_capped() {
    let d = Dir::new();
    d.seed("a.txt");
    let started = std::time::Instant::now();
    let (code, many, err) =
        common::storyline(&["analyze", "--format", "jsonl", "--quiet", "--threads", "100000", &d.arg("")]);
    assert_eq!(code, 0, "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
    let (_, one, _) =
        common::storyline(&["analyze", "--format", "jsonl", "--quiet", "--threads", "1", &d.arg("")]);
    assert_eq!(many, one);
    let (code, out, err) = common::storyline(&["analyze", "--help"]);
    assert_eq!(code, 0);
    let help = out + &err;
    assert!(help.contains("At most four per core"), "{help}");
}

// ---------------------------------------------------------------------------------------------
// 7, 8, 10. Reports built from hostile articles.

const IMG: &str = "<img src=x onerror=alert(1)>";

/// An article whose title, publisher, body and quote carry HTML, Markdown, a formula and
/// bidirectional controls, with an id that breaks code spans; next to a seed.
fn hostile_batch() -> (Dir, String) {
    let d = Dir::new();
    d.seed("crawl/000_seed.txt");
    let rlo = '\u{202E}';
    let article = format!(
        "Summit talks {IMG} **bold** [x](javascript:alert(1)) {rlo}cod.exe\n\n\
         Sep. 24, 2018\n\
         Posted By: Evil{rlo} Wire\n\n\
         President Donald Trump said on Monday that he and Kim Jong Un will meet for a second summit.\n\n\
         \"<script>alert(2)</script> We will meet quite soon, {rlo}gnp.exe,\" Donald Trump said at the United Nations.\n\n\
         Mike Pompeo said =HYPERLINK(\"http://evil.example\") would not stop the talks with North Korea.\n"
    );
    d.write("crawl/@a`b``c.txt", article);
    let arg = d.arg("crawl");
    (d, arg)
}

#[test]
fn markdown_report_escapes_html_markdown_and_bidi_controls() {
    let (_d, crawl) = hostile_batch();
    let (code, md, err) = common::storyline(&["analyze", "--format", "md", "--quiet", &crawl]);
    assert_eq!(code, 0, "{err}");
    assert!(!md.contains("<img") && !md.contains("<script"), "raw HTML in\n{md}");
    assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(md.contains("\\*\\*bold\\*\\* \\[x\\](javascript:alert(1))"), "{md}");
    assert!(md.contains("```@a`b``c```"), "the id in a code span fenced longer than its backticks:\n{md}");
    assert!(!md.contains('\u{202E}'), "a bidi control in\n{md}");
    assert!(md.contains("\\u{202e}cod.exe"), "{md}");
    for line in md.lines().filter(|l| l.starts_with('#')) {
        assert!(
            line == "# storyline report" || line.starts_with("## ") || line.starts_with("### "),
            "{line:?}"
        );
    }
}

#[test]
fn html_report_escapes_the_same_hostile_article() {
    let (_d, crawl) = hostile_batch();
    let (code, html, err) = common::storyline(&["analyze", "--format", "html", "--quiet", &crawl]);
    assert_eq!(code, 0, "{err}");
    assert!(!html.contains("<img") && !html.contains("<script"), "raw HTML in\n{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
    assert!(!html.contains('\u{202E}'), "a bidi control in the page");
    assert!(html.contains("\\u{202e}cod.exe"), "{html}");
    assert!(html.contains("<code>@a`b``c</code>"), "{html}");
}

/// CSV cells that a spreadsheet would read as formulas start with a single quote, in the
/// `analyze` CSV report and in `quotes --format csv`.
#[test]
fn csv_outputs_neutralise_formulas() {
    let (_d, crawl) = hostile_batch();
    let (code, csv, err) = common::storyline(&["analyze", "--format", "csv", "--quiet", &crawl]);
    assert_eq!(code, 0, "{err}");
    let (code, quotes, err) = common::storyline(&["quotes", "--format", "csv", "--quiet", &crawl]);
    assert_eq!(code, 0, "{err}");
    assert!(quotes.lines().any(|l| l.starts_with("'@a`b``c,")), "the article id is quoted:\n{quotes}");
    for (name, doc) in [("analyze", &csv), ("quotes", &quotes)] {
        for line in doc.lines().skip(1) {
            for cell in line.split(',') {
                assert!(
                    !cell.trim_start_matches('"').starts_with(['=', '+', '-', '@']),
                    "{name}: {cell:?} in {line}"
                );
            }
        }
    }
    // The same rule for a cell that starts with a formula character after the quote marks a
    // CSV writer adds.
    let d = Dir::new();
    d.seed("=HYPERLINK(1).txt");
    let (_, csv, _) = common::storyline(&["quotes", "--format", "csv", "--quiet", &d.arg("")]);
    assert!(csv.lines().skip(1).all(|l| l.starts_with("'=HYPERLINK(1),")), "{csv}");
}

// ---------------------------------------------------------------------------------------------
// 9. Duplicate ids.

/// The same file stem in two folders: both analysed, the second as `x~2` with a warning; the
/// stories name each article once.
#[test]
fn the_same_stem_in_two_folders_gets_unique_ids() {
    let d = Dir::new();
    d.seed("a/x.txt");
    d.seed("b/x.txt");
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &d.arg("")]);
    assert_eq!(code, 0, "{err}");
    let doc = json(&out, &err);
    let articles = doc["articles"].as_array().expect("articles");
    let ids: Vec<&str> = articles.iter().map(|a| a["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["x", "x~2"]);
    assert!(articles[0].get("warnings").is_none(), "{}", articles[0]["warnings"]);
    assert_eq!(articles[1]["warnings"][0]["code"], "duplicate_id");
    assert_eq!(
        articles[1]["warnings"][0]["message"],
        "an earlier article has the id \"x\": this one is \"x~2\""
    );
    assert!(articles[1]["source"].as_str().is_some_and(|s| s.ends_with("b/x.txt")));
    let story_articles: Vec<&str> = doc["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .flat_map(|s| s["articles"].as_array().expect("articles").iter().map(|a| a.as_str().expect("id")))
        .collect();
    assert_eq!(story_articles, ["x", "x~2"]);
    // Every statement source names an article that exists.
    for s in doc["stories"].as_array().expect("stories") {
        for st in s["statements"].as_array().expect("statements") {
            for src in st["sources"].as_array().expect("sources") {
                assert!(ids.contains(&src["article"].as_str().expect("article")), "{src}");
            }
        }
    }
    // `parse` names them alike, and says so on stderr with the article's source.
    let (code, out, err) = common::storyline(&["parse", "--format", "jsonl", &d.arg("")]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> =
        out.lines().map(|l| json(l, &err)["id"].as_str().expect("id").to_string()).collect();
    assert_eq!(ids, ["x", "x~2"]);
    assert!(err.contains("b/x.txt: an earlier article has the id \"x\": this one is \"x~2\""), "{err}");
}

/// Repeated JSONL ids become `id`, `id~2`, `id~3` in input order, in every output that lists
/// articles; deterministic.
#[test]
fn repeated_jsonl_ids_are_numbered_in_input_order() {
    let d = Dir::new();
    let record = |id: &str, who: &str| {
        format!(
            r#"{{"id": "{id}", "title": "Talks", "maintext": "{who} said on Monday that the talks will go on."}}"#
        )
    };
    let feed = d.write(
        "feed.jsonl",
        [
            record("r", "Mike Pompeo"),
            record("s", "Nikki Haley"),
            record("r", "Donald Trump"),
            record("r", "Kim Jong Un"),
        ]
        .join("\n"),
    );
    let (code, out, err) = common::storyline(&["analyze", "--format", "jsonl", "--quiet", &feed]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> =
        out.lines().map(|l| json(l, &err)["id"].as_str().expect("id").to_string()).collect();
    assert_eq!(ids, ["r", "s", "r~2", "r~3"]);
    let third = json(out.lines().nth(2).expect("a third line"), &err);
    assert_eq!(third["warnings"][0]["code"], "duplicate_id");
    assert!(third["text"].as_str().is_some_and(|t| t.contains("Donald Trump")));
    let (_, again, _) =
        common::storyline(&["analyze", "--format", "jsonl", "--quiet", "--threads", "1", &feed]);
    assert_eq!(out, again, "deterministic");
    // parse and quotes name them alike.
    let (_, parsed, _) = common::storyline(&["parse", "--format", "jsonl", "--quiet", &feed]);
    let parsed: Vec<String> =
        parsed.lines().map(|l| json(l, "")["id"].as_str().expect("id").to_string()).collect();
    assert_eq!(parsed, ids);
    let (_, quotes, _) = common::storyline(&["quotes", "--format", "json", "--quiet", &feed]);
    let quotes = json(&quotes, "");
    let quoted: Vec<&str> =
        quotes.as_array().expect("array").iter().map(|a| a["id"].as_str().expect("id")).collect();
    assert_eq!(quoted, ids);
}

/// A file given twice, or with its folder, or reached again through a link to a folder, is
/// read once.
#[test]
fn a_file_reached_twice_is_read_once() {
    let d = Dir::new();
    let a = d.seed("crawl/a.txt");
    let crawl = d.arg("crawl");
    let count = |args: &[&str]| -> Vec<String> {
        let mut argv = vec!["parse", "--format", "jsonl", "--quiet"];
        argv.extend_from_slice(args);
        let (_, out, err) = common::storyline(&argv);
        out.lines().map(|l| json(l, &err)["id"].as_str().expect("id").to_string()).collect()
    };
    assert_eq!(count(&[&a, &a]), ["a"]);
    assert_eq!(count(&[&a, &crawl]), ["a"]);
    assert_eq!(count(&[&crawl, &a, &d.arg("crawl/../crawl/a.txt")]), ["a"]);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.path("crawl"), d.path("again")).expect("a link to the folder");
        assert_eq!(count(&[&d.arg("")]), ["a"], "the folder and the link to it");
        // A link to the parent of the folder given: the walk goes up and comes down to `a.txt`
        // again (the loops it meets on the way are reported as before).
        std::os::unix::fs::symlink("..", d.path("crawl/up")).expect("a link to the parent");
        let (_, out, err) = common::storyline(&["parse", "--format", "jsonl", &crawl]);
        let ids: Vec<String> =
            out.lines().map(|l| json(l, &err)["id"].as_str().expect("id").to_string()).collect();
        assert_eq!(ids, ["a"], "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// 10. Terminal escapes, impossible dates, huge excerpts.

/// A file name with escape sequences reaches stderr escaped (`\u{1b}`), and the quotes table
/// shows an id holding them escaped.
#[test]
fn escape_sequences_never_reach_the_terminal() {
    let d = Dir::new();
    d.write("\u{1b}]0;owned\u{7}\u{1b}[2J.txt", "");
    d.seed("\u{1b}[31mred\u{9b}1m.txt");
    for command in ["parse", "analyze", "quotes", "entities"] {
        let (code, out, err) = common::storyline(&[command, &d.arg("")]);
        assert_eq!(code, 1, "{command}: {err}");
        assert!(
            !err.contains(['\u{1b}', '\u{7}', '\u{9b}']),
            "{command}: raw control characters on stderr: {err:?}"
        );
        assert!(err.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2J.txt: empty input"), "{command}: {err}");
        if command == "quotes" || command == "entities" {
            assert!(
                !out.contains(['\u{1b}', '\u{9b}']),
                "{command}: raw control characters in the table: {out:?}"
            );
            assert!(out.contains("\\u{1b}[31mred\\u{9b}1m"), "{command}: {out}");
        }
    }
}

/// `--date` takes a real day written `YYYY-MM-DD`, in every command.
#[test]
fn impossible_dates_are_refused() {
    let d = Dir::new();
    let a = d.seed("a.txt");
    for command in ["parse", "analyze", "quotes", "entities"] {
        for (date, says) in [
            ("2018-02-30", "2018-02-30 is not a day of the calendar: February 2018 has 28 days"),
            ("2018-1-1", "\"2018-1-1\" is not a date of the form YYYY-MM-DD"),
            ("2018-13-01", "2018-13-01 is not a day of the calendar: there is no month 13"),
        ] {
            let (code, out, err) = common::storyline(&[command, "--date", date, &a]);
            assert_eq!(code, 2, "{command} --date {date}: {err}");
            assert!(out.is_empty());
            assert!(err.contains(says), "{command} --date {date}: {err}");
        }
    }
    let (code, _, err) = common::storyline(&["parse", "--quiet", "--date", "2016-02-29", &a]);
    assert_eq!(code, 0, "{err}");
}

/// A malformed JSONL line of 5 MB: its error reason quotes at most ~120 characters of it, on
/// stderr and in the report.
#[test]
fn an_error_reason_does_not_repeat_a_huge_line() {
    let d = Dir::new();
    let huge = format!("\"{}\"", "x".repeat(5 << 20));
    let good = r#"{"id": "ok", "title": "Talks", "maintext": "Mike Pompeo said on Monday that the talks will go on."}"#;
    let feed = d.write("feed.jsonl", format!("{good}\n{huge}\n{{\"id\": \"{}\"\n", "y".repeat(1 << 20)));
    let (code, out, err) = common::storyline(&["analyze", "--format", "json", &feed]);
    assert_eq!(code, 1, "{}", &err[..err.len().min(2000)]);
    assert!(err.len() < 2000, "stderr of {} bytes: {}", err.len(), &err[..2000]);
    let doc = json(&out, &err);
    assert_eq!(doc["articles"].as_array().map(Vec::len), Some(1));
    let errors = doc["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{errors:?}");
    for e in errors {
        let reason = e["reason"].as_str().expect("reason");
        assert!(reason.chars().count() < 400, "{} characters: {reason}", reason.chars().count());
    }
    let first = errors[0]["reason"].as_str().expect("reason");
    assert!(first.contains(&format!("\"{}…\"", "x".repeat(120))), "{first}");
    assert_eq!(errors[0]["line"], 2);
}
