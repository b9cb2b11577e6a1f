use super::*;
use crate::table::MAX_CELL;

/// `--date` fills only articles that carry no date at all: not those dated by a date line,
/// their URL, their file's name or an update date; it says so in `published_source`.
#[test]
fn date_option_only_fills_articles_without_any_date() {
    let dir = std::env::temp_dir().join(format!("storyline-date-option-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let body = "The candidate spoke to thousands of supporters on Tuesday.\n\nShe said more.\n";
    let files = [
        ("undated.txt", format!("Rally draws crowd\n\n{body}")),
        ("rally_2016-10-12.txt", format!("Rally draws crowd\n\n{body}")),
        ("url.txt", format!("http://example.com/2013/05/03/rally\nRally draws crowd\n{body}")),
        ("dated.txt", format!("Rally draws crowd\n\nSep. 24, 2018\n\n{body}")),
        ("updated.txt", format!("Rally draws crowd\n\nUpdated: Sep. 25, 2018\n\n{body}")),
    ];
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).expect("write an article");
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let dir_arg = dir.display().to_string();
    let args = ["storyline", "parse", "--format", "jsonl", "--date", "2020-01-01", &dir_arg];
    let code = run(args, &mut out, &mut err);
    std::fs::remove_dir_all(&dir).expect("remove temp dir");
    assert_eq!(code, EXIT_OK, "{}", String::from_utf8_lossy(&err));
    let got: Vec<(String, Option<String>, Option<storyline_model::DateOrigin>, bool)> =
        String::from_utf8(out)
            .expect("UTF-8")
            .lines()
            .map(|l| {
                let a: Article = serde_json::from_str(l).expect("an article per line");
                let warned = a.warnings.iter().any(|w| w.code == "date-from-option");
                (a.id, a.published.map(|d| d.to_string()), a.published_source, warned)
            })
            .collect();
    use storyline_model::DateOrigin as O;
    let want = [
        ("dated", "2018-09-24", O::Text, false),
        ("rally_2016-10-12", "2016-10-12", O::FileName, false),
        ("undated", "2020-01-01", O::Option, true),
        ("updated", "2018-09-25", O::Updated, false),
        ("url", "2013-05-03", O::Url, false),
    ];
    let want: Vec<_> =
        want.iter().map(|&(id, d, o, w)| (id.to_string(), Some(d.to_string()), Some(o), w)).collect();
    assert_eq!(got, want);
}

/// `--date` takes only `YYYY-MM-DD` naming a day of the calendar.
#[test]
fn dates_are_strict_and_real_days() {
    assert_eq!(parse_date("2018-09-24"), Ok(DateStamp::date(2018, 9, 24)));
    assert_eq!(parse_date("2016-02-29"), Ok(DateStamp::date(2016, 2, 29)));
    assert_eq!(parse_date("2000-02-29"), Ok(DateStamp::date(2000, 2, 29)));
    for bad in [
        "2018-02-30",
        "2018-02-29",
        "1900-02-29",
        "2018-04-31",
        "2018-13-01",
        "2018-00-10",
        "2018-01-00",
        "2018-1-1",
        "18-01-01",
        "2018-01-01T10:00",
        " 2018-01-01",
        "2018/01/01",
        "",
        "2018-01-01\u{1b}",
    ] {
        assert!(parse_date(bad).is_err(), "{bad:?} accepted");
    }
    // (control characters in the value are shown escaped)
    assert_eq!(
        parse_date("\u{1b}[2J"),
        Err(r#""\u{1b}[2J" is not a date of the form YYYY-MM-DD"#.to_string())
    );
    assert_eq!(
        parse_date("2018-02-30"),
        Err("2018-02-30 is not a day of the calendar: February 2018 has 28 days".to_string())
    );
    assert_eq!(parse_date("2018-1-1"), Err("\"2018-1-1\" is not a date of the form YYYY-MM-DD".to_string()));
    assert_eq!(
        parse_date("2018-13-01"),
        Err("2018-13-01 is not a day of the calendar: there is no month 13".to_string())
    );
}

/// `--threads` is capped at four per core and at the jobs the inputs make, at least one.
#[test]
fn threads_are_capped() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let text = |n: usize| -> Vec<input::Input> {
        (0..n)
            .map(|i| input::Input { path: format!("/nowhere/{i}.txt").into(), format: input::Format::Text })
            .collect()
    };
    assert_eq!(pool_threads(Some(100_000), &text(100_000)), 4 * cores);
    assert_eq!(pool_threads(Some(100_000), &text(3)), 3.min(4 * cores));
    assert_eq!(pool_threads(None, &text(1000)), cores);
    assert_eq!(pool_threads(Some(0), &text(1000)), cores);
    assert_eq!(pool_threads(Some(1), &text(1000)), 1);
    assert_eq!(pool_threads(Some(8), &[]), 1);
    let stdin = [input::Input { path: "-".into(), format: input::Format::Text }];
    assert_eq!(pool_threads(Some(2), &stdin), 2.min(4 * cores));
}

/// A table's cells but the last are cut at `MAX_CELL` characters with "…"; the quote is whole.
#[test]
fn table_cells_are_cut_but_the_last() {
    let about = (0..30).map(|i| format!("Person {i}")).collect::<Vec<_>>().join("; ");
    let quote = "word ".repeat(40);
    let header = ["SPEAKER", "ABOUT", "QUOTE"].map(str::to_string);
    let rows = [["Kim".to_string(), about.clone(), quote.trim_end().to_string()]];
    let mut out = Vec::new();
    write_table(&mut out, &header, &rows).expect("written");
    let text = String::from_utf8(out).expect("UTF-8");
    let line = text.lines().nth(1).expect("a row");
    let from = line.find("Person 0").expect("the about cell");
    let to = line.find('…').expect("cut with an ellipsis");
    assert!(line[from..to].chars().count() < MAX_CELL, "{line}");
    assert!(!line.contains("Person 29") && line.contains("Person 0"), "{line}");
    assert!(line.ends_with(quote.trim_end()), "the last column is whole: {line}");
}
