//! The `storyline` command line as a library: [`run`] takes the arguments and the output
//! streams, so tests drive exactly what users run. It is the only crate that writes: the
//! commands `parse`, `analyze`, `entities` and `quotes` read inputs through
//! `storyline_parser::input`, analyse them in parallel jobs with `storyline_analyzer`, and write
//! JSON ([`json_line`] for JSONL), tables or the [`report`]s, with the exit status
//! [`EXIT_OK`], [`EXIT_INPUT_ERRORS`] or [`EXIT_USAGE`]; `stories`, the reduce step, reads the
//! JSONL `analyze` writes and gives the reports `analyze` gives.
//!
//! ```
//! let page = "Talks resume\n\nThe two Koreas said the talks would resume.\n";
//! let stdin = Box::new(std::io::Cursor::new(page));
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let args = ["storyline", "analyze", "--format", "jsonl", "--quiet", "-"];
//! let code = storyline_cli::run_with_stdin(args, stdin, &mut out, &mut err);
//! assert_eq!(code, storyline_cli::EXIT_OK);
//! let line: serde_json::Value = serde_json::from_slice(&out)?;
//! assert_eq!(line["schema_version"], "1");
//! assert_eq!(line["title"], "Talks resume");
//! # Ok::<(), serde_json::Error>(())
//! ```

#![warn(missing_docs)]

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use storyline_model::{Article, DateStamp};
use storyline_parser::{ParseOptions, input};

pub use crate::analyze::ErrorRecord;
use crate::analyze::Written;
use crate::safe::visible;

pub mod allocator;
mod analyze;
/// The JSONL writer, shared with the library and the Python package.
pub use storyline::json_line;
mod output;
mod quotes;
pub mod report;
pub mod safe;
mod stories;
mod table;

use analyze::each::analyze_each;
use table::{write_entity_table, write_table};

const EXIT_CODES: &str = "\
Exit status:
  0  every input was read
  1  some inputs could not be read, or a story could not be built (each is named on stderr
     with the reason, and for `analyze --format json` under `errors`; the others are in the
     output)
  2  bad command line (also: --out naming one of the inputs), or the output could not be
     written (an existing --out file is then left as it was)";

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
        /// Include every token's byte span (`tokens: [{start, end}, …]`, and each sentence's
        /// `first_token` and `end_token`).
        #[arg(long)]
        tokens: bool,
        /// Write the text of every span (paragraphs, dateline), not only their `start` and `end`.
        #[arg(long)]
        span_text: bool,
    },
    /// Analyse articles and the stories they tell: entities, quotes, time, stories, reports.
    #[command(after_help = EXIT_CODES)]
    Analyze {
        #[command(flatten)]
        io: Io,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        /// Worker threads [default: one per core; 0: the same]. At most four per core, and no
        /// more than there are jobs of work (a job is up to 64 articles or 512 KiB).
        #[arg(long)]
        threads: Option<usize>,
        /// Write the text of every span (paragraphs, dateline, entity mentions, quotes, cues,
        /// speaker mentions, time expressions) in the JSON, not only their `start` and `end`
        /// into the article's `text` (about 45% more output).
        #[arg(long)]
        span_text: bool,
    },
    /// Build the stories and reports from analysed articles (the JSONL of `analyze --format
    /// jsonl`): the reduce step of `analyze`, with the same output on the same articles.
    #[command(after_help = EXIT_CODES)]
    Stories(StoriesArgs),
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
    /// Write to this file instead of stdout (written whole to a temporary file next to it, then
    /// renamed into place; refused when it is one of the inputs).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Largest article accepted, in bytes.
    #[arg(long, default_value_t = storyline_parser::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Publication date (YYYY-MM-DD, a real calendar day) for articles that carry none; time
    /// expressions resolve against it.
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

/// The arguments of `storyline stories`.
#[derive(clap::Args)]
struct StoriesArgs {
    /// Files or directories of analysed-article JSONL, the output of `analyze --format jsonl`
    /// (directories: their .jsonl and .ndjson files, recursively, sorted); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StoriesFormat::Json)]
    format: StoriesFormat,
    /// Write to this file instead of stdout (written whole to a temporary file next to it, then
    /// renamed into place; refused when it is one of the inputs).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Longest line accepted, in bytes.
    #[arg(long, default_value_t = stories::DEFAULT_MAX_LINE)]
    max_bytes: usize,
    /// Worker threads reading the lines and building the stories [default: one per core; 0:
    /// the same]. At most four per core.
    #[arg(long)]
    threads: Option<usize>,
    /// With `--format json`, write the text of every span in the articles, as `analyze
    /// --span-text` does (whether or not the input has them).
    #[arg(long)]
    span_text: bool,
    /// Print nothing on stderr but errors.
    #[arg(long, short)]
    quiet: bool,
    /// What `-` reads (standard input, unless [`run_with_stdin`] gives a reader).
    #[arg(skip)]
    stdin: analyze::Stdin,
}

/// The reports `storyline stories` writes: those of `analyze` but its JSONL.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum StoriesFormat {
    /// `{"articles": [...], "errors": [...], "schema_version": "1", "stories": [...]}`, as
    /// `analyze --format json` writes it.
    Json,
    /// A readable Markdown report.
    Md,
    /// One self-contained HTML file.
    Html,
    /// One statement per row.
    Csv,
}

impl From<StoriesFormat> for ReportFormat {
    fn from(f: StoriesFormat) -> Self {
        match f {
            StoriesFormat::Json => ReportFormat::Json,
            StoriesFormat::Md => ReportFormat::Md,
            StoriesFormat::Html => ReportFormat::Html,
            StoriesFormat::Csv => ReportFormat::Csv,
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    /// `{"articles": [...], "errors": [...], "schema_version": "1", "stories": [...]}` (JSON Schema:
    /// `schema/storyline.schema.json`).
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
    /// `[{entities: [{name, type, aliases, roles, mentions: [{start, end, text, kind, confidence}]}], id, schema_version}]`.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum QuotesFormat {
    /// One aligned text table, in article order then by position in the article.
    Table,
    /// `[{id, quotes: [{kind, text, speaker, speaker_mention, cue, date, start, end, about, …}], schema_version}]`.
    Json,
    /// One quote per row, with a header.
    Csv,
}

/// `--date`: strictly `YYYY-MM-DD` (four, two and two digits) and a day that exists
/// (2018-02-30 does not); see [`storyline::parse_date`].
fn parse_date(s: &str) -> Result<DateStamp, String> {
    storyline::parse_date(s).map_err(|e| visible(&e).into_owned())
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
///
/// Every message on `stderr` shows control characters escaped (`\u{1b}`): a file name or an
/// input cannot send escape sequences to the terminal.
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
            let _ = write!(stderr, "{}", safe::visible_keeping(&e.render().to_string(), &['\n']));
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    if let Some(reader) = stdin {
        let slot = match &mut cli.command {
            Command::Parse { io, .. }
            | Command::Analyze { io, .. }
            | Command::Entities { io, .. }
            | Command::Quotes { io, .. } => &mut io.stdin,
            Command::Stories(args) => &mut args.stdin,
        };
        *slot = analyze::Stdin::with(reader);
    }
    // A panic that escapes the guards of the analysis and the stories: the `--out` file is left
    // as it was, and the run ends with a message rather than a crash.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(cli, stdout, stderr)));
    match outcome {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            let _ = writeln!(stderr, "storyline: error: {}", visible(&format!("{e:#}")));
            EXIT_USAGE
        }
        Err(payload) => {
            let message = storyline_analyzer::story::panic_message(&*payload);
            let _ = writeln!(
                stderr,
                "storyline: error: internal error: {}",
                visible(&safe::clip_excerpts(&message))
            );
            EXIT_USAGE
        }
    }
}

/// Remove a half-written `--out` file when the process is interrupted (for the binary).
pub fn install_signal_cleanup() {
    output::install_signal_cleanup();
}

use output::with_output;

fn dispatch(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8> {
    match cli.command {
        Command::Parse { io, format, tokens, span_text } => {
            parse_command(&io, format, Written { tokens, span_text }, stdout, stderr)
        }
        Command::Analyze { io, format, threads, span_text } => {
            analyze_command(&io, format, threads, span_text, stdout, stderr)
        }
        Command::Stories(args) => stories::stories_command(&args, stdout, stderr),
        Command::Entities { io, format } => {
            let (inputs, errors) = inputs_of(&io)?;
            let mut kept: Vec<serde_json::Value> = Vec::new();
            let mut run = None;
            with_output(io.out.as_deref(), stdout, |w| {
                // Tables are written as articles come; JSON keeps only ids and entities.
                run = Some(analyze_each(&io, &inputs, errors, |a| match format {
                    TableFormat::Json => {
                        kept.push(serde_json::json!({
                            "entities": a.entities,
                            "id": a.id,
                            "schema_version": storyline_model::SCHEMA_VERSION,
                        }));
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
            let (inputs, errors) = inputs_of(&io)?;
            // Only each article's id and shown quotes are kept.
            let speaker = speaker.as_deref().map(|s| s.trim().to_lowercase());
            let about = about.as_deref().map(|s| s.trim().to_lowercase());
            let mut selected: Vec<quotes::Selected> = Vec::new();
            let run = analyze_each(&io, &inputs, errors, |a| {
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

/// The inputs under the paths, each file once, and the errors met finding them; an error
/// (before anything is read or written) when `--out` is one of them.
fn inputs_of(io: &Io) -> Result<(Vec<input::Input>, Vec<ErrorRecord>)> {
    let (inputs, errors) = input::discover(&io.paths);
    let inputs = output::each_file_once(inputs);
    if let Some(out) = &io.out {
        output::check_not_input(out, &inputs)?;
    }
    Ok((inputs, errors.iter().map(ErrorRecord::from).collect()))
}

/// Worker threads for `--threads`: one per core when not given (or 0); at most four per core
/// (more only wait for the cores, and each costs a stack and start-up time), no more than the
/// jobs the inputs can make, and at least one.
fn pool_threads(requested: Option<usize>, inputs: &[input::Input]) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let wanted = match requested {
        None | Some(0) => cores,
        Some(n) => n.min(4 * cores),
    };
    wanted.min(jobs_at_most(inputs)).max(1)
}

/// About the most jobs the inputs can make: one per text file (a job holds one file at least),
/// one per 4 KiB of JSONL (a job holds 64 records at least; records under 64 bytes are rare),
/// unbounded for standard input.
fn jobs_at_most(inputs: &[input::Input]) -> usize {
    inputs.iter().fold(0usize, |jobs, i| {
        let more = match i.format {
            _ if i.is_stdin() => usize::MAX,
            input::Format::Text | input::Format::Html => 1,
            // (a record of a WARC archive is a few KiB at least; compressed, a few KiB too)
            input::Format::Jsonl | input::Format::Warc => {
                std::fs::metadata(&i.path).map_or(1, |m| (m.len() / 4096) as usize + 1)
            }
        };
        jobs.saturating_add(more)
    })
}

fn analyze_command(
    io: &Io,
    format: ReportFormat,
    threads: Option<usize>,
    span_text: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8> {
    let (opts, date, quiet) = (&io.parse_options(), io.date, io.quiet);
    let (inputs, mut errors) = inputs_of(io)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(pool_threads(threads, &inputs)).build()?;
    let started = std::time::Instant::now();
    let analyzer = storyline_analyzer::Analyzer::new().context("cannot load the NER model")?;
    let mut analysed = 0usize;
    let mut notes = Vec::new();
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
        let form = match format {
            ReportFormat::Jsonl => analyze::OutputForm::JsonLine,
            ReportFormat::Json => analyze::OutputForm::ReportElement,
            _ => analyze::OutputForm::Nothing,
        };
        let summaries = format != ReportFormat::Jsonl;
        let config = analyze::RunConfig {
            opts,
            date,
            analyzer: Some(&analyzer),
            written: Written { tokens: false, span_text },
            pool: &pool,
            summaries,
            stdin: &io.stdin,
        };
        let run = analyze::analyze_inputs(&inputs, &config, form, &mut sink, &mut on_progress)?;
        errors.extend(run.errors);
        notes = run.notes;
        if format == ReportFormat::Jsonl {
            return Ok(());
        }
        let stories = build_stories(&pool, &run.summaries, &mut errors);
        let unwritten = write_report(w, format, &run.summaries, &stories, &errors, analysed)?;
        errors.extend(unwritten);
        Ok(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for e in &errors {
        let _ = writeln!(stderr, "storyline: error: {}", visible(&e.to_string()));
    }
    if !quiet {
        for n in &notes {
            let _ = writeln!(stderr, "storyline: note: {}", visible(n));
        }
        let _ = writeln!(
            stderr,
            "storyline: {analysed} article(s) analysed, {} input(s) skipped with errors, {:.2}s",
            errors.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if errors.is_empty() { EXIT_OK } else { EXIT_INPUT_ERRORS })
}

/// Writes the report of `--format` (after the articles, for `json`); returns the stories that
/// could not be written.
fn write_report(
    w: &mut dyn Write,
    format: ReportFormat,
    summaries: &[storyline_analyzer::story::ArticleSummary],
    stories: &[storyline_model::Story],
    errors: &[ErrorRecord],
    analysed: usize,
) -> Result<Vec<ErrorRecord>> {
    let report = report::Report::new(summaries, stories, errors);
    Ok(match format {
        ReportFormat::Json => {
            // The rest of `{"articles", "errors", "stories"}`, keys in alphabetical order;
            // one element at a time, so that no whole copy of the stories is made. (A story
            // that cannot be written comes after the errors: it is named on stderr only.)
            w.write_all(if analysed == 0 { b"]," } else { b"\n  ]," })?;
            write_sorted_array(w, "errors", errors)?;
            write!(w, ",\n  \"schema_version\": \"{}\",", storyline_model::SCHEMA_VERSION)?;
            let failed = write_sorted_array(w, "stories", stories)?;
            w.write_all(b"\n}\n")?;
            failed
                .into_iter()
                .map(|(i, m)| ErrorRecord::internal(&stories[i].id, None, "writing the story", &m))
                .collect()
        }
        ReportFormat::Md => report::markdown::write(&report, w)?,
        ReportFormat::Html => report::html::write(&report, w)?,
        ReportFormat::Csv => report::csv::write(&report, w)?,
        ReportFormat::Jsonl => Vec::new(),
    })
}

/// The stories of the articles, each built under a guard (on `pool`): a story whose building
/// panics is left out and named in `errors` (`story-7: internal error while building the
/// story: …`), the others are kept; a panic grouping the articles loses the stories alone.
fn build_stories(
    pool: &rayon::ThreadPool,
    summaries: &[storyline_analyzer::story::ArticleSummary],
    errors: &mut Vec<ErrorRecord>,
) -> Vec<storyline_model::Story> {
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pool.install(|| storyline_analyzer::story::build_stories_each(summaries))
    }));
    let built = match built {
        Ok(built) => built,
        Err(payload) => {
            let message = storyline_analyzer::story::panic_message(&*payload);
            errors.push(ErrorRecord::internal(
                "stories",
                None,
                "grouping the articles into stories",
                &message,
            ));
            return Vec::new();
        }
    };
    built
        .into_iter()
        .filter_map(|r| {
            r.map_err(|p| errors.push(ErrorRecord::internal(p.id, None, "building the story", &p.message)))
                .ok()
        })
        .collect()
}

/// `"key": [...]` as a member of a pretty-printed top-level object (on a new line, indented by
/// two spaces), the keys of every element's objects in alphabetical order. An element whose
/// serialisation panics is left out: its index and the panic's message are returned.
fn write_sorted_array<T: serde::Serialize>(
    w: &mut dyn Write,
    key: &str,
    items: &[T],
) -> Result<Vec<(usize, String)>> {
    write!(w, "\n  \"{key}\": [")?;
    let mut element = Vec::new();
    let (mut written, mut failed) = (0usize, Vec::new());
    for (i, item) in items.iter().enumerate() {
        let doc =
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze::pretty_sorted(item))) {
                Ok(doc) => doc?,
                Err(payload) => {
                    failed.push((i, storyline_analyzer::story::panic_message(&*payload)));
                    continue;
                }
            };
        element.clear();
        element.extend_from_slice(if written == 0 { b"\n    " } else { b",\n    " });
        analyze::push_indented(&mut element, &doc, b"    ");
        w.write_all(&element)?;
        written += 1;
    }
    w.write_all(if written == 0 { b"]" } else { b"\n  ]" })?;
    Ok(failed)
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

/// `storyline parse`: the inputs parsed in the bounded, parallel batches of `analyze` (without
/// the analysis), each article written as its batch finishes, in input order.
fn parse_command(
    io: &Io,
    format: Format,
    written: Written,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8> {
    let (inputs, mut errors) = inputs_of(io)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(pool_threads(None, &inputs)).build()?;
    let opts = io.parse_options();
    let config = analyze::RunConfig {
        opts: &opts,
        date: io.date,
        analyzer: None,
        written,
        pool: &pool,
        summaries: false,
        stdin: &io.stdin,
    };
    let form = match format {
        Format::Json => analyze::OutputForm::JsonElement,
        Format::Jsonl => analyze::OutputForm::JsonLine,
    };
    let (mut articles, mut warnings) = (0usize, Vec::new());
    let mut notes = Vec::new();
    with_output(io.out.as_deref(), stdout, |w| {
        let mut sink = |out: analyze::Output| -> Result<()> {
            match out {
                analyze::Output::Json { bytes, warnings: more, .. } => {
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
        let run = analyze::analyze_inputs(&inputs, &config, form, &mut sink, &mut |_| {})?;
        errors.extend(run.errors);
        notes = run.notes;
        if format == Format::Json {
            w.write_all(if articles == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    })?;
    warnings.extend(notes);
    Ok(report_counts(articles, &warnings, &errors, io.quiet, stderr))
}

/// The errors, then (unless `quiet`) the warnings (`source: message`) and the count line, on
/// stderr (control characters shown escaped); the exit status.
fn report_counts(
    articles: usize,
    warnings: &[String],
    errors: &[ErrorRecord],
    quiet: bool,
    stderr: &mut dyn Write,
) -> u8 {
    for e in errors {
        let _ = writeln!(stderr, "storyline: error: {}", visible(&e.to_string()));
    }
    if !quiet {
        for w in warnings {
            let _ = writeln!(stderr, "storyline: warning: {}", visible(w));
        }
        let _ = writeln!(stderr, "storyline: {articles} article(s) read, {} input(s) failed", errors.len());
    }
    if errors.is_empty() { EXIT_OK } else { EXIT_INPUT_ERRORS }
}

#[cfg(test)]
mod tests;
