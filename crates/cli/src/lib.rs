//! The `storyline` command line as a library: [`run`] takes the arguments and the output
//! streams, so tests drive exactly what users run.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use storyline_model::{Article, DateStamp};
use storyline_parser::{ParseError, ParseOptions, input};

pub mod allocator;
mod analyze;
pub mod json_line;
mod quotes;
mod report;

const EXIT_CODES: &str = "\
Exit status:
  0  every input was read
  1  some inputs could not be read (each is named on stderr with the reason, and for
     `analyze --format json` under `errors`; the others are in the output)
  2  bad command line, or the output could not be written";

#[derive(Parser)]
#[command(name = "storyline", version, about = "Who said what, about whom, and when: structured analysis of news articles", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (scraped text or JSONL records) into structured articles.
    #[command(after_help = EXIT_CODES)]
    Parse {
        #[command(flatten)]
        io: Io,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Include every token's byte span (`tokens: [[start, end], …]`).
        #[arg(long)]
        tokens: bool,
    },
    /// Analyse articles and the stories they tell: entities, quotes, time, stories, reports.
    #[command(after_help = EXIT_CODES)]
    Analyze {
        #[command(flatten)]
        io: Io,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Worker threads [default: one per core].
        #[arg(long)]
        threads: Option<usize>,
    },
    /// List each article's people, organisations and places with aliases, roles and mentions.
    #[command(after_help = EXIT_CODES)]
    Entities {
        #[command(flatten)]
        io: Io,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// List each article's quotes and reported speech: speaker, about whom, quote, cue, date, article.
    #[command(after_help = EXIT_CODES)]
    Quotes {
        #[command(flatten)]
        io: Io,
        /// Only the quotes of this speaker (canonical name or any alias, case-insensitive).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only the quotes about this person, organisation or place (canonical name or any
        /// alias, case-insensitive); with --speaker, the quotes of that speaker about them.
        #[arg(long, value_name = "NAME")]
        about: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = QuotesFormat::Table)]
        format: QuotesFormat,
    },
}

/// Inputs, output and reading options shared by every command.
#[derive(clap::Args)]
struct Io {
    /// Files or directories (recursed for .txt, .jsonl and .ndjson); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = storyline_parser::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Publication date (YYYY-MM-DD) for articles that carry none; time expressions resolve against it.
    #[arg(long, value_parser = parse_date)]
    date: Option<DateStamp>,
    /// Print nothing on stderr but errors.
    #[arg(long, short)]
    quiet: bool,
    /// What `-` reads (standard input, unless [`run_with_stdin`] gives a reader).
    #[arg(skip)]
    stdin: analyze::Stdin,
}

impl Io {
    fn parse_options(&self) -> ParseOptions {
        ParseOptions { max_bytes: self.max_bytes }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    /// `{"articles": [...], "stories": [...], "errors": [...]}` (schema in the README).
    Json,
    /// One analysed article per line, written as each batch finishes (no story layer).
    Jsonl,
    /// A readable Markdown report.
    Md,
    /// One self-contained HTML file.
    Html,
    /// One statement per row.
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum TableFormat {
    /// An aligned text table per article.
    Table,
    /// `[{id, entities: [{name, type, aliases, roles, mentions: [{start, end, text, kind, confidence}]}]}]`.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum QuotesFormat {
    /// One aligned text table, in article order then by position in the article.
    Table,
    /// `[{id, quotes: [{kind, text, speaker, speaker_mention, cue, date, start, end, about, …}]}]`.
    Json,
    /// One quote per row, with a header.
    Csv,
}

fn parse_date(s: &str) -> Result<DateStamp, String> {
    match s.parse::<DateStamp>() {
        Ok(d) if d.time.is_none() => Ok(d),
        _ => Err(format!("{s:?} is not a date of the form YYYY-MM-DD")),
    }
}

/// Give an article without a publication date (none in its text or record, URL, file name or
/// update date) the one from `--date`, and say so.
pub(crate) fn apply_date(a: &mut Article, date: Option<DateStamp>) {
    if let (None, Some(d)) = (a.published, date) {
        a.published = Some(d);
        a.published_source = Some(storyline_model::DateOrigin::Option);
        a.warnings.push(storyline_model::Warning::new(
            "date-from-option",
            format!("no date in the article; using --date {d}"),
        ));
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON array of articles.
    Json,
    /// One article per line.
    Jsonl,
}

/// Exit status: every input was read.
pub const EXIT_OK: u8 = 0;
/// Exit status: some inputs failed (named on stderr); the others are in the output.
pub const EXIT_INPUT_ERRORS: u8 = 1;
/// Exit status: bad command line, or the output could not be written.
pub const EXIT_USAGE: u8 = 2;

/// Run the command line `args` (starting with the program name), writing results to `stdout`
/// (unless `--out` is given) and messages to `stderr`; returns the exit status.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    run_with(args, None, stdout, stderr)
}

/// [`run`], with the input `-` reading `stdin` instead of the process's standard input.
pub fn run_with_stdin<I, T>(
    args: I,
    stdin: Box<dyn std::io::Read + Send>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    run_with(args, Some(stdin), stdout, stderr)
}

fn run_with<I, T>(
    args: I,
    stdin: Option<Box<dyn std::io::Read + Send>>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(stderr, "{}", e.render());
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    if let Some(reader) = stdin {
        let io = match &mut cli.command {
            Command::Parse { io, .. }
            | Command::Analyze { io, .. }
            | Command::Entities { io, .. }
            | Command::Quotes { io, .. } => io,
        };
        io.stdin = analyze::Stdin::with(reader);
    }
    match dispatch(cli, stdout, stderr) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(stderr, "storyline: error: {e:#}");
            EXIT_USAGE
        }
    }
}

fn dispatch(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8> {
    match cli.command {
        Command::Parse { io, format, tokens } => parse_command(&io, format, tokens, stdout, stderr),
        Command::Analyze { io, format, threads } => analyze_command(&io, format, threads, stdout, stderr),
        Command::Entities { io, format } => {
            let mut kept: Vec<serde_json::Value> = Vec::new();
            let mut run = None;
            with_output(io.out.as_deref(), stdout, |w| {
                // Tables are written as articles come; JSON keeps only ids and entities.
                run = Some(analyse_each(&io, |a| match format {
                    TableFormat::Json => {
                        kept.push(serde_json::json!({"id": a.id, "entities": a.entities}));
                        Ok(())
                    }
                    TableFormat::Table => write_entity_table(&a, w),
                })?);
                if format == TableFormat::Json {
                    serde_json::to_writer_pretty(&mut *w, &kept)?;
                    writeln!(w)?;
                }
                Ok(())
            })?;
            let run = run.context("the analysis did not run")?;
            Ok(report_counts(run.articles, &run.warnings, &run.errors, io.quiet, stderr))
        }
        Command::Quotes { io, speaker, about, format } => {
            // Only each article's id and shown quotes are kept.
            let speaker = speaker.as_deref().map(|s| s.trim().to_lowercase());
            let about = about.as_deref().map(|s| s.trim().to_lowercase());
            let mut selected: Vec<quotes::Selected> = Vec::new();
            let run = analyse_each(&io, |a| {
                selected.push(quotes::select(a, speaker.as_deref(), about.as_deref()));
                Ok(())
            })?;
            with_output(io.out.as_deref(), stdout, |w| match format {
                QuotesFormat::Table => quotes::write_table(&selected, w),
                QuotesFormat::Json => quotes::write_json(&selected, w),
                QuotesFormat::Csv => quotes::write_csv(&selected, w),
            })?;
            Ok(report_counts(run.articles, &run.warnings, &run.errors, io.quiet, stderr))
        }
    }
}

fn analyze_command(
    io: &Io,
    format: ReportFormat,
    threads: Option<usize>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8> {
    let (opts, date, quiet) = (&io.parse_options(), io.date, io.quiet);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads.unwrap_or(0)).build()?;
    let started = std::time::Instant::now();
    let analyzer = storyline_analyzer::Analyzer::new().context("cannot load the NER model")?;
    let (inputs, mut errors) = input::discover(&io.paths);
    let mut analysed = 0usize;
    let bar = progress_bar(&inputs, quiet)?;
    with_output(io.out.as_deref(), stdout, |w| {
        // `--format json` streams its `articles` array as the articles come (rather than holding
        // them all: 1.5 GB for 20 MB of input), then writes the errors and stories.
        if format == ReportFormat::Json {
            w.write_all(b"{\n  \"articles\": [")?;
        }
        let mut on_progress = |p: analyze::Progress| {
            if let Some(bar) = &bar {
                bar.set_position(p.bytes);
                bar.set_message(format!(
                    "{} files, {} articles, {} errors",
                    p.inputs_done, p.articles, p.errors
                ));
            }
        };
        let mut sink = |out: analyze::Output| -> Result<()> {
            match out {
                analyze::Output::Json { bytes, .. } => {
                    if format == ReportFormat::Json {
                        w.write_all(if analysed == 0 { b"\n" } else { b",\n" })?;
                    }
                    w.write_all(&bytes)?;
                }
                analyze::Output::Article(_) | analyze::Output::Nothing => {}
                analyze::Output::Unwritable(reason) => anyhow::bail!(reason),
            }
            analysed += 1;
            Ok(())
        };
        let keep = match format {
            ReportFormat::Jsonl => analyze::Keep::JsonLine,
            ReportFormat::Json => analyze::Keep::ReportElement,
            _ => analyze::Keep::Nothing,
        };
        let summaries = format != ReportFormat::Jsonl;
        let work = analyze::Work {
            opts,
            date,
            analyzer: Some(&analyzer),
            tokens: false,
            pool: &pool,
            summaries,
            stdin: &io.stdin,
        };
        let run = analyze::analyze_inputs(&inputs, &work, keep, &mut sink, &mut on_progress)?;
        errors.extend(run.errors);
        let records: Vec<analyze::ErrorRecord> = errors.iter().map(analyze::ErrorRecord::from).collect();
        if format == ReportFormat::Jsonl {
            return Ok(());
        }
        let stories = pool.install(|| storyline_analyzer::story::build_stories(&run.summaries));
        let report = report::Report::new(&run.summaries, &stories, &records);
        match format {
            ReportFormat::Json => {
                // The rest of `{"articles", "errors", "stories"}`, keys in alphabetical order;
                // one element at a time, so that no whole copy of the stories is made.
                w.write_all(if analysed == 0 { b"]," } else { b"\n  ]," })?;
                write_sorted_array(w, "errors", &records)?;
                w.write_all(b",")?;
                write_sorted_array(w, "stories", &stories)?;
                w.write_all(b"\n}\n")?;
            }
            ReportFormat::Md => report::markdown::write(&report, w)?,
            ReportFormat::Html => report::html::write(&report, w)?,
            ReportFormat::Csv => report::csv::write(&report, w)?,
            ReportFormat::Jsonl => {}
        }
        Ok(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for e in &errors {
        let _ = writeln!(stderr, "storyline: error: {e}");
    }
    if !quiet {
        let _ = writeln!(
            stderr,
            "storyline: {analysed} article(s) analysed, {} input(s) skipped with errors, {:.2}s",
            errors.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if errors.is_empty() { EXIT_OK } else { EXIT_INPUT_ERRORS })
}

/// `"key": [...]` as a member of a pretty-printed top-level object (on a new line, indented by
/// two spaces), the keys of every element's objects in alphabetical order.
fn write_sorted_array<T: serde::Serialize>(w: &mut dyn Write, key: &str, items: &[T]) -> Result<()> {
    write!(w, "\n  \"{key}\": [")?;
    let mut element = Vec::new();
    for (i, item) in items.iter().enumerate() {
        element.clear();
        element.extend_from_slice(if i == 0 { b"\n    " } else { b",\n    " });
        analyze::push_indented(&mut element, &analyze::pretty_sorted(item)?, b"    ");
        w.write_all(&element)?;
    }
    w.write_all(if items.is_empty() { b"]" } else { b"\n  ]" })?;
    Ok(())
}

/// A progress bar on stderr (files, articles, MB/s, ETA) when it is a terminal and not `--quiet`.
fn progress_bar(inputs: &[input::Input], quiet: bool) -> Result<Option<indicatif::ProgressBar>> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return Ok(None);
    }
    let total: u64 = inputs.iter().filter_map(|i| std::fs::metadata(&i.path).ok()).map(|m| m.len()).sum();
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(indicatif::ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
    )?);
    Ok(Some(bar))
}

/// Run `f` on the output: the `--out` file, or stdout; buffered and flushed.
fn with_output(
    out: Option<&std::path::Path>,
    stdout: &mut dyn Write,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let sink: Box<dyn Write + '_> = match out {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(stdout),
    };
    let mut w = BufWriter::new(sink);
    f(&mut w)?;
    w.flush().context("cannot write the output")?;
    Ok(())
}

/// One article's entity table, headed by its id and title.
fn write_entity_table(a: &Article, w: &mut dyn Write) -> Result<()> {
    writeln!(w, "== {}{}", a.id, a.title.as_deref().map(|t| format!("  {t}")).unwrap_or_default())?;
    let rows: Vec<[String; 5]> = a
        .entities
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                e.kind.label().to_string(),
                e.mentions.len().to_string(),
                e.aliases.join("; "),
                e.roles.join("; "),
            ]
        })
        .collect();
    let header = ["NAME", "TYPE", "MENTIONS", "ALIASES", "ROLES"].map(str::to_string);
    write_table(w, &header, &rows)?;
    writeln!(w)?;
    Ok(())
}

/// What [`analyse_each`] reports besides the articles.
struct EachRun {
    articles: usize,
    /// `source: message` of every article's warnings.
    warnings: Vec<String>,
    errors: Vec<ParseError>,
}

/// Analyse the inputs of `io` in the bounded, parallel batches of `analyze` and hand each
/// article to `keep`, in input order: memory stays bounded whatever the corpus size (but what
/// `keep` holds on to).
fn analyse_each(io: &Io, mut keep: impl FnMut(Article) -> Result<()>) -> Result<EachRun> {
    let analyzer = storyline_analyzer::Analyzer::new().context("cannot load the NER model")?;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let opts = io.parse_options();
    let (inputs, mut errors) = input::discover(&io.paths);
    let work = analyze::Work {
        opts: &opts,
        date: io.date,
        analyzer: Some(&analyzer),
        tokens: false,
        pool: &pool,
        summaries: false,
        stdin: &io.stdin,
    };
    let (mut articles, mut warnings) = (0, Vec::new());
    let mut sink = |out: analyze::Output| -> Result<()> {
        if let analyze::Output::Article(a) = out {
            articles += 1;
            warnings.extend(analyze::warnings_of(&a));
            keep(*a)?;
        }
        Ok(())
    };
    let run = analyze::analyze_inputs(&inputs, &work, analyze::Keep::Article, &mut sink, &mut |_| {})?;
    errors.extend(run.errors);
    Ok(EachRun { articles, warnings, errors })
}

/// An aligned text table (the last column is not padded).
fn write_table<const N: usize>(w: &mut dyn Write, header: &[String; N], rows: &[[String; N]]) -> Result<()> {
    let mut widths = header.each_ref().map(|h| h.chars().count());
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    for r in std::iter::once(header).chain(rows) {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 == N {
                line.push_str(c);
            } else {
                line.push_str(&format!("{c:<w$}  ", w = widths[i]));
            }
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `storyline parse`: the inputs parsed in the bounded, parallel batches of `analyze` (without
/// the analysis), each article written as its batch finishes, in input order.
fn parse_command(
    io: &Io,
    format: Format,
    tokens: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8> {
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    let opts = io.parse_options();
    let (inputs, mut errors) = input::discover(&io.paths);
    let work = analyze::Work {
        opts: &opts,
        date: io.date,
        analyzer: None,
        tokens,
        pool: &pool,
        summaries: false,
        stdin: &io.stdin,
    };
    let keep = match format {
        Format::Json => analyze::Keep::JsonElement,
        Format::Jsonl => analyze::Keep::JsonLine,
    };
    let (mut articles, mut warnings) = (0usize, Vec::new());
    with_output(io.out.as_deref(), stdout, |w| {
        let mut sink = |out: analyze::Output| -> Result<()> {
            match out {
                analyze::Output::Json { bytes, warnings: more } => {
                    // A pretty array: `[`, the elements separated by `,`, each on lines of its own.
                    if format == Format::Json {
                        w.write_all(if articles == 0 { b"[\n" } else { b",\n" })?;
                    }
                    w.write_all(&bytes)?;
                    warnings.extend(more);
                    articles += 1;
                }
                analyze::Output::Unwritable(reason) => anyhow::bail!(reason),
                analyze::Output::Article(_) | analyze::Output::Nothing => {}
            }
            Ok(())
        };
        let run = analyze::analyze_inputs(&inputs, &work, keep, &mut sink, &mut |_| {})?;
        errors.extend(run.errors);
        if format == Format::Json {
            w.write_all(if articles == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    })?;
    Ok(report_counts(articles, &warnings, &errors, io.quiet, stderr))
}

/// The errors, then (unless `quiet`) the warnings (`source: message`) and the count line, on
/// stderr; the exit status.
fn report_counts(
    articles: usize,
    warnings: &[String],
    errors: &[ParseError],
    quiet: bool,
    stderr: &mut dyn Write,
) -> u8 {
    for e in errors {
        let _ = writeln!(stderr, "storyline: error: {e}");
    }
    if !quiet {
        for w in warnings {
            let _ = writeln!(stderr, "storyline: warning: {w}");
        }
        let _ = writeln!(stderr, "storyline: {articles} article(s) read, {} input(s) failed", errors.len());
    }
    if errors.is_empty() { EXIT_OK } else { EXIT_INPUT_ERRORS }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
