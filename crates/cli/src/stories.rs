//! `storyline stories`: the reduce step. It reads analysed articles — the JSONL that
//! `storyline analyze --format jsonl` writes (the map step), from any number of files,
//! directories and `-` — and builds the stories and the report of `--format`, byte for byte
//! what `storyline analyze` gives on the same source articles in the same order.
//!
//! Each line is read into what the report needs and dropped: for Markdown, HTML and CSV an
//! [`ArticleView`] (the article's spans, names and dates, nothing else) made into its
//! [`ArticleSummary`]; for JSON, whose `articles` array holds the articles, the whole article,
//! written out as `analyze` writes it and then dropped. Only the summaries are kept until the
//! stories are built, as in `analyze`: memory grows with them, not with the articles.
//!
//! The order is the inputs' (files in the order given, a directory's files sorted by name,
//! recursively) and then the lines'. The story layer's grouping depends on the order of the
//! articles, so the stories equal those of `analyze` on the source articles given in the order
//! the map step read them — one `analyze --format jsonl` run over them, or several runs over
//! parts of them read back in the same order. Ids are made unique across the inputs as
//! `analyze` does (`id~2`, with a `duplicate_id` warning), so that map outputs of separate runs
//! read together give what one run over all the sources gives.
//!
//! A line that is not an analysed article (not JSON, another `schema_version`, a missing field,
//! a line over `--max-bytes`) is an error naming the file and line, in the report's `errors`
//! and on stderr; the other lines are used. The errors of the map step (inputs it could not
//! read) are not in its JSONL — it names them on stderr and in its exit status — so they are
//! not in this report.

use std::io::{BufRead, BufReader, Write};

use anyhow::Result;
use rayon::prelude::*;
use storyline_analyzer::story::{ArticleSummary, ArticleView};
use storyline_model::Article;
use storyline_parser::input::{self, Format, Input};

use crate::analyze::{self, ErrorRecord, Ids, Output, OutputForm};
use crate::output::with_output;
use crate::safe::{clip_excerpts, visible};
use crate::{ReportFormat, StoriesArgs};

/// Longest line read by default: an article at the parser's per-article limit (16 MiB of text)
/// analysed and written with its span texts is about ten times that.
pub const DEFAULT_MAX_LINE: usize = 256 * 1024 * 1024;

/// Lines decoded together on the worker threads, at most (and at most [`BATCH_BYTES`]).
const BATCH_LINES: usize = 256;
/// Bytes of lines decoded together, at most (plus one line).
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// One line to decode: the input's name, the line number, its bytes.
struct Line {
    source: std::sync::Arc<str>,
    number: usize,
    bytes: Vec<u8>,
}

/// What has been read so far, and the lines waiting to be decoded.
struct Reduce<'a> {
    pool: &'a rayon::ThreadPool,
    form: OutputForm,
    /// Write the span texts (`--span-text`).
    fill: bool,
    batch: Vec<Line>,
    batch_bytes: usize,
    ids: Ids,
    summaries: Vec<ArticleSummary>,
    errors: Vec<ErrorRecord>,
    /// Articles read.
    read: usize,
}

impl Reduce<'_> {
    /// Queue a line; the batch is decoded when full.
    fn push(&mut self, line: Line, w: &mut dyn Write) -> Result<()> {
        self.batch_bytes += line.bytes.len();
        self.batch.push(line);
        if self.batch.len() >= BATCH_LINES || self.batch_bytes >= BATCH_BYTES {
            self.flush(w)?;
        }
        Ok(())
    }

    /// An error, in its place among the lines (the errors are in input order).
    fn error(&mut self, e: ErrorRecord, w: &mut dyn Write) -> Result<()> {
        self.flush(w)?;
        self.errors.push(e);
        Ok(())
    }

    /// Decode the queued lines on the workers, then (in order) give each article a unique id,
    /// keep its summary and write its element of `articles` (`--format json`).
    fn flush(&mut self, w: &mut dyn Write) -> Result<()> {
        let (form, fill) = (self.form, self.fill);
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let decoded: Vec<Result<(Option<ArticleSummary>, Output), ErrorRecord>> = self.pool.install(|| {
            batch
                .par_iter()
                .map(|line| {
                    let (source, number) = (&*line.source, Some(line.number));
                    analyze::guarded(source, number, "reading the analysed article", || {
                        decode(&line.bytes, form, fill)
                    })
                    .and_then(|r| {
                        r.map_err(|reason| ErrorRecord { source: source.to_string(), line: number, reason })
                    })
                })
                .collect()
        });
        drop(batch);
        for r in decoded {
            let (mut summary, mut out) = match r {
                Ok(done) => done,
                Err(e) => {
                    self.errors.push(e);
                    continue;
                }
            };
            self.ids.make_unique(&mut summary, &mut out, form);
            match out {
                Output::Json { bytes, .. } => {
                    w.write_all(if self.read == 0 { b"\n" } else { b",\n" })?;
                    w.write_all(&bytes)?;
                }
                Output::Unwritable(reason) => anyhow::bail!(reason),
                Output::Article(_) | Output::Nothing => {}
            }
            self.summaries.extend(summary);
            self.read += 1;
        }
        Ok(())
    }

    /// Read the lines of one input.
    fn read_input(
        &mut self,
        input: &Input,
        args: &StoriesArgs,
        w: &mut dyn Write,
        progress: &mut dyn FnMut(u64, &Self),
    ) -> Result<()> {
        let source: std::sync::Arc<str> = input.display().into();
        let io_error =
            |error| ErrorRecord::from(storyline_parser::ParseError::Io { path: source.to_string(), error });
        let mut reader: Box<dyn BufRead> = if input.is_stdin() {
            args.stdin.open()
        } else {
            match std::fs::File::open(&input.path) {
                Ok(f) => Box::new(BufReader::with_capacity(1 << 20, f)),
                Err(error) => return self.error(io_error(error), w),
            }
        };
        let mut number = 0usize;
        loop {
            let mut bytes = Vec::new();
            let len = match input::read_line_capped(&mut reader, args.max_bytes, &mut bytes) {
                Ok(Some(len)) => len,
                Ok(None) => return Ok(()),
                Err(error) => return self.error(io_error(error), w),
            };
            number += 1;
            progress(len as u64 + 1, self);
            if number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            if len > args.max_bytes {
                let reason = format!(
                    "{len} bytes exceeds the line limit of {} bytes (raise it with --max-bytes)",
                    args.max_bytes
                );
                self.error(ErrorRecord { source: source.to_string(), line: Some(number), reason }, w)?;
            } else if !bytes.iter().all(u8::is_ascii_whitespace) {
                self.push(Line { source: source.clone(), number, bytes }, w)?;
            }
        }
    }
}

/// `storyline stories`.
pub(crate) fn stories_command(
    args: &StoriesArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8> {
    let started = std::time::Instant::now();
    let (found, discovered) = input::discover(&args.paths);
    // In a directory only the JSONL files are map output; a file named is read whatever its name.
    let inputs: Vec<Input> = crate::output::each_file_once(found)
        .into_iter()
        .filter(|i| i.format == Format::Jsonl || i.is_stdin() || args.paths.contains(&i.path))
        .collect();
    if let Some(out) = &args.out {
        crate::output::check_not_input(out, &inputs)?;
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(crate::pool_threads(args.threads, &inputs)).build()?;
    let format = ReportFormat::from(args.format);
    let mut reduce = Reduce {
        pool: &pool,
        form: if format == ReportFormat::Json { OutputForm::ReportElement } else { OutputForm::Nothing },
        fill: args.span_text,
        batch: Vec::new(),
        batch_bytes: 0,
        ids: Ids::default(),
        summaries: Vec::new(),
        errors: discovered.iter().map(ErrorRecord::from).collect(),
        read: 0,
    };
    let bar = crate::progress_bar(&inputs, args.quiet)?;
    let mut bytes_read = 0u64;
    let mut progress = |more: u64, r: &Reduce| {
        bytes_read += more;
        if let Some(bar) = &bar {
            bar.set_position(bytes_read);
            bar.set_message(format!("{} articles, {} errors", r.read, r.errors.len()));
        }
    };
    with_output(args.out.as_deref(), stdout, |w| {
        if format == ReportFormat::Json {
            w.write_all(b"{\n  \"articles\": [")?;
        }
        for input in &inputs {
            reduce.read_input(input, args, w, &mut progress)?;
        }
        reduce.flush(w)?;
        let Reduce { summaries, errors, read, .. } = &mut reduce;
        let stories = crate::build_stories(&pool, summaries, errors);
        let unwritten = crate::write_report(w, format, summaries, &stories, errors, *read)?;
        errors.extend(unwritten);
        Ok(())
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for e in &reduce.errors {
        let _ = writeln!(stderr, "storyline: error: {}", visible(&e.to_string()));
    }
    if !args.quiet {
        let _ = writeln!(
            stderr,
            "storyline: {} analysed article(s) read, {} line(s) or input(s) skipped with errors, {:.2}s",
            reduce.read,
            reduce.errors.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if reduce.errors.is_empty() { crate::EXIT_OK } else { crate::EXIT_INPUT_ERRORS })
}

/// One line: its summary and, for `--format json`, the article as an element of the report's
/// `articles` array (as `analyze` writes it: no tokens, the span texts only with `fill`);
/// or why it is not an analysed article.
fn decode(line: &[u8], form: OutputForm, fill: bool) -> Result<(Option<ArticleSummary>, Output), String> {
    let not_article = |e: serde_json::Error| clip_excerpts(&format!("not an analysed article: {e}"));
    if form == OutputForm::Nothing {
        let view: ArticleView = serde_json::from_slice(line).map_err(not_article)?;
        return Ok((Some(ArticleSummary::of_view(&view)), Output::Nothing));
    }
    let mut a: Article = serde_json::from_slice(line).map_err(not_article)?;
    let summary = ArticleSummary::of(&a);
    a.drop_tokens();
    if fill {
        a.fill_span_text();
    } else {
        a.drop_span_text();
    }
    let out = match analyze::serialise(&a, form) {
        Ok(bytes) => Output::Json { bytes, id: a.id.clone(), warnings: Vec::new() },
        Err(e) => return Err(format!("cannot write the article: {e}")),
    };
    Ok((Some(summary), out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_is_no_article_is_a_reason() {
        for (line, want) in [
            (&b"<html>"[..], "not an analysed article: expected value"),
            (b"{\"id\": \"a\"}", "not an analysed article: missing field `"),
            (b"{\"schema_version\": \"2\", \"id\": \"a\"}", "schema version \"2\""),
            (b"[1, 2]", "not an analysed article: invalid type"),
            (b"{\"id\": \"a\", \"text\": \"\xff\"}", "not an analysed article"),
        ] {
            for form in [OutputForm::Nothing, OutputForm::ReportElement] {
                let err = decode(line, form, false).err().expect("an error");
                assert!(err.contains(want), "{err} for {:?}", String::from_utf8_lossy(line));
            }
        }
    }
}
