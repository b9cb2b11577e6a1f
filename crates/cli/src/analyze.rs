//! `storyline analyze`: parse and analyse inputs in small jobs spread over the worker threads
//! (a bounded number held at once), stream articles to a sink in input order as their jobs
//! finish, and keep compact summaries for the story layer.

use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::sync::Mutex;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::ArticleSummary;
use storyline_model::Article;

use storyline_parser::input::{self, Format, Input};
use storyline_parser::{ParseError, ParseOptions};

use rayon::prelude::*;

/// Articles (files, or JSONL records) in one job, at most. A job is parsed, analysed and
/// serialised by one worker from start to finish, so its data stays in that core's caches, and
/// its articles go through the analysis stages together (see [`ANALYSIS_CHUNK`]).
pub const JOB_ARTICLES: usize = 64;
/// Bytes of input in one job, at most (plus one unit).
pub const JOB_BYTES: usize = 512 * 1024;
/// Jobs held at once per worker thread, queued, being analysed, or analysed and waiting for the
/// jobs before them to be written: this bounds memory whatever the corpus size, and keeps every
/// worker busy with no barrier between jobs.
pub const JOBS_PER_THREAD: usize = 4;
/// JSONL records per work unit: a unit of records makes a whole job.
const RECORDS_PER_UNIT: usize = JOB_ARTICLES;

/// An input that could not be analysed, as reported in the output.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorRecord {
    pub source: String,
    pub line: Option<usize>,
    pub reason: String,
}

impl From<&ParseError> for ErrorRecord {
    fn from(e: &ParseError) -> Self {
        ErrorRecord { source: e.path().to_string(), line: e.line(), reason: e.reason() }
    }
}

/// What a run produced besides the streamed articles.
pub struct Run {
    pub summaries: Vec<ArticleSummary>,
    pub errors: Vec<ParseError>,
}

/// How to analyse: parse options, the `--date` fallback, the models and the thread pool.
#[derive(Clone, Copy)]
pub struct Work<'a> {
    pub opts: &'a ParseOptions,
    pub date: Option<storyline_model::DateStamp>,
    /// The models; `None` only parses (`storyline parse`).
    pub analyzer: Option<&'a Analyzer>,
    /// Keep every token's span in the articles handed on (dropped otherwise).
    pub tokens: bool,
    pub pool: &'a rayon::ThreadPool,
    /// Keep per-article summaries for the story layer (not needed for a JSONL stream).
    pub summaries: bool,
    /// What `-` reads.
    pub stdin: &'a Stdin,
}

/// What the input `-` reads: the process's standard input, or a reader given instead (tests).
/// It is read once: a second `-` finds it at its end.
#[derive(Default)]
pub struct Stdin(Mutex<Option<Box<dyn Read + Send>>>);

impl Stdin {
    /// `-` reads `reader` instead of the process's standard input.
    pub fn with(reader: Box<dyn Read + Send>) -> Stdin {
        Stdin(Mutex::new(Some(reader)))
    }

    /// The reader for `-`, buffered: the given one (once; then an empty one), else the
    /// process's standard input.
    fn open(&self) -> Box<dyn BufRead> {
        let mut given = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match given.take() {
            Some(r) => {
                *given = Some(Box::new(std::io::empty()));
                Box::new(BufReader::with_capacity(1 << 20, r))
            }
            None => Box::new(std::io::stdin().lock()),
        }
    }
}

/// Progress of a run, reported after every job.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    /// Input bytes read so far.
    pub bytes: u64,
    /// Inputs (files) finished.
    pub inputs_done: usize,
    pub articles: usize,
    pub errors: usize,
}

/// A piece of work: one text file, or a run of records of a JSONL file.
enum Unit {
    /// A file (or standard input) read whole, or why it could not be read.
    File {
        input: Input,
        bytes: Result<Vec<u8>, ParseError>,
    },
    /// Records by line number; `Err(size)` for a line over the size limit (not kept).
    Records {
        stem: String,
        path: String,
        lines: Vec<(usize, Result<Vec<u8>, usize>)>,
        last: bool,
    },
    Failed(ParseError),
}

impl Unit {
    /// The articles it holds, as far as they are known before parsing: one per file (a file may
    /// turn out to hold more), one per record.
    fn articles(&self) -> usize {
        match self {
            Unit::Records { lines, .. } => lines.len(),
            Unit::File { .. } | Unit::Failed(_) => 1,
        }
    }

    fn bytes(&self) -> usize {
        match self {
            Unit::File { bytes, .. } => bytes.as_ref().map_or(0, Vec::len),
            Unit::Records { lines, .. } => lines.iter().map(|(_, l)| l.as_ref().map_or(0, Vec::len)).sum(),
            Unit::Failed(_) => 0,
        }
    }

    /// Whether the unit is the last of an input (a file, or the last records of a JSONL file).
    fn finishes_input(&self) -> bool {
        !matches!(self, Unit::Records { last: false, .. })
    }
}

/// Yields the work units of the inputs in order, reading JSONL files incrementally and text files
/// whole. It runs on the thread that writes the output, so files are read while the workers
/// analyse the jobs before: the workers do not wait on the disk. Standard input is read like a
/// file: JSON records line by line, or one text article read no further than the size limit.
struct Units<'a> {
    inputs: std::slice::Iter<'a, Input>,
    /// The JSONL file (or stream) being read: stem, path, reader, lines read.
    open: Option<(String, String, Box<dyn BufRead + 'a>, usize)>,
    opts: &'a ParseOptions,
    stdin: &'a Stdin,
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some((stem, path, reader, line_no)) = &mut self.open {
                let mut lines = Vec::new();
                let mut last = false;
                while lines.len() < RECORDS_PER_UNIT {
                    let mut buf = Vec::new();
                    match input::read_line_capped(reader, self.opts.max_bytes, &mut buf) {
                        Ok(None) => {
                            last = true;
                            break;
                        }
                        Ok(Some(len)) => {
                            *line_no += 1;
                            if *line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                                buf.drain(..3);
                            }
                            if len > self.opts.max_bytes {
                                lines.push((*line_no, Err(len)));
                            } else if !buf.iter().all(u8::is_ascii_whitespace) {
                                lines.push((*line_no, Ok(buf)));
                            }
                        }
                        Err(error) => {
                            let err = ParseError::Io { path: path.clone(), error };
                            self.open = None;
                            return Some(Unit::Failed(err));
                        }
                    }
                }
                let unit = Unit::Records { stem: stem.clone(), path: path.clone(), lines, last };
                if last {
                    self.open = None;
                }
                return Some(unit);
            }
            let input = self.inputs.next()?;
            if input.is_stdin() {
                match input::open_stream(self.stdin.open(), &input.display(), self.opts) {
                    input::Stream::Jsonl(reader) => {
                        self.open = Some((input.stem(), input.display(), Box::new(reader), 0));
                        continue;
                    }
                    input::Stream::Text(bytes) => return Some(Unit::File { input: input.clone(), bytes }),
                }
            }
            if input.format != Format::Jsonl {
                let bytes = input::read_checked(input, self.opts);
                return Some(Unit::File { input: input.clone(), bytes });
            }
            match File::open(&input.path) {
                Ok(f) => {
                    let reader = BufReader::with_capacity(1 << 20, f);
                    self.open = Some((input.stem(), input.display(), Box::new(reader), 0));
                }
                Err(error) => return Some(Unit::Failed(ParseError::Io { path: input.display(), error })),
            }
        }
    }
}

/// What the workers make of each analysed article for the sink (serialising in the workers keeps
/// the one thread that writes from holding the others back).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// One JSON line (with its `\n`).
    JsonLine,
    /// The article as an element of a pretty-printed top-level JSON array: indented by two
    /// spaces, without the separator.
    JsonElement,
    /// The article as an element of the `articles` array of the `analyze --format json`
    /// document: its keys in alphabetical order (as everywhere in that document, which is made of
    /// serde_json `Value`s) and indented by four spaces, without the separator.
    ReportElement,
    /// The article itself.
    Article,
    /// Nothing (the summaries are all a report needs).
    Nothing,
}

/// An analysed article as handed to the sink (see [`Keep`]).
pub enum Output {
    /// Serialised JSON (see [`Keep`]) and the article's warnings (`source: message`).
    Json {
        bytes: Vec<u8>,
        warnings: Vec<String>,
    },
    Article(Box<Article>),
    Nothing,
    /// The article could not be serialised (the sink reports it as an error).
    Unwritable(String),
}

/// An article as `keep` says: one JSON line, or an element of a pretty-printed array.
fn serialise(a: &Article, keep: Keep) -> serde_json::Result<Vec<u8>> {
    // The JSON of an analysed article is about 6.5 times its text: allocated once rather than
    // grown from empty.
    let mut bytes = Vec::with_capacity(a.text.len() * 7 + 4096);
    let (doc, indent): (_, &[u8]) = match keep {
        Keep::JsonElement => (serde_json::to_vec_pretty(a)?, b"  "),
        Keep::ReportElement => (pretty_sorted(a)?, b"    "),
        Keep::JsonLine | Keep::Article | Keep::Nothing => {
            crate::json_line::write_article(&mut bytes, a);
            return Ok(bytes);
        }
    };
    bytes.extend_from_slice(indent);
    push_indented(&mut bytes, &doc, indent);
    Ok(bytes)
}

/// A value as pretty JSON with the keys of every object in alphabetical order, as serde_json
/// writes a `Value`.
pub fn pretty_sorted<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(&serde_json::to_value(value)?)
}

/// Append pretty JSON `doc` to `out`, every line after the first indented by `indent` (pretty
/// JSON has no raw newline inside a string: every one starts a line).
pub fn push_indented(out: &mut Vec<u8>, doc: &[u8], indent: &[u8]) {
    for part in doc.split_inclusive(|&b| b == b'\n') {
        out.extend_from_slice(part);
        if part.ends_with(b"\n") {
            out.extend_from_slice(indent);
        }
    }
}

/// An article's warnings as `source: message`.
pub fn warnings_of(a: &Article) -> Vec<String> {
    a.warnings.iter().map(|w| format!("{}: {}", a.source, w.message)).collect()
}

/// A job's results per unit: per article, its summary (when kept) and its output.
type JobResults = Vec<Vec<Result<(Option<ArticleSummary>, Output), ParseError>>>;

/// Analyse every input; `sink` gets each article's [`Output`] (in input order) as soon as it and
/// every article before it are done, and `progress` the running totals after each job. Up to
/// [`JOBS_PER_THREAD`] jobs per worker are held at once; the workers take them in order.
pub fn analyze_inputs(
    inputs: &[Input],
    work: &Work,
    keep: Keep,
    sink: &mut dyn FnMut(Output) -> anyhow::Result<()>,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Run> {
    let pool = work.pool;
    let max_jobs = JOBS_PER_THREAD * pool.current_num_threads();
    let mut run = Run { summaries: Vec::new(), errors: Vec::new() };
    let mut totals = Progress::default();
    let mut units = Units { inputs: inputs.iter(), open: None, opts: work.opts, stdin: work.stdin };
    pool.in_place_scope(|scope| -> anyhow::Result<()> {
        let mut held: std::collections::VecDeque<Job> = std::collections::VecDeque::new();
        loop {
            while held.len() < max_jobs {
                let mut units_of_job = Vec::new();
                let (mut articles, mut bytes) = (0usize, 0usize);
                while articles < JOB_ARTICLES && bytes < JOB_BYTES {
                    let Some(u) = units.next() else { break };
                    articles += u.articles();
                    bytes += u.bytes();
                    units_of_job.push(u);
                }
                if units_of_job.is_empty() {
                    break;
                }
                held.push_back(spawn_job(scope, units_of_job, bytes, work, keep));
            }
            let Some(Job { results, failed, finishes, bytes }) = held.pop_front() else { return Ok(()) };
            let results = results.recv().map_err(|_| anyhow::anyhow!("an analysis job did not finish"))?;
            totals.inputs_done += failed.len();
            totals.errors += failed.len();
            run.errors.extend(failed);
            for (finishes, results) in finishes.into_iter().zip(results) {
                totals.inputs_done += usize::from(finishes);
                for r in results {
                    match r {
                        Ok((summary, out)) => {
                            run.summaries.extend(summary);
                            totals.articles += 1;
                            sink(out)?;
                        }
                        Err(e) => {
                            run.errors.push(e);
                            totals.errors += 1;
                        }
                    }
                }
            }
            totals.bytes += bytes as u64;
            progress(totals);
        }
    })?;
    Ok(run)
}

/// A job given to the workers: its results to come, the errors of its units that failed before
/// analysis, which of its units finish an input, and its size.
struct Job {
    results: std::sync::mpsc::Receiver<JobResults>,
    failed: Vec<ParseError>,
    finishes: Vec<bool>,
    bytes: usize,
}

/// Hand the units of a job to the workers (units that failed to be read are kept aside).
fn spawn_job<'s>(
    scope: &rayon::Scope<'s>,
    units: Vec<Unit>,
    bytes: usize,
    work: &Work<'s>,
    keep: Keep,
) -> Job {
    let (mut failed, mut read) = (Vec::new(), Vec::new());
    for u in units {
        match u {
            Unit::Failed(e) => failed.push(e),
            u => read.push(u),
        }
    }
    let units = read;
    let finishes: Vec<bool> = units.iter().map(Unit::finishes_input).collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let work = *work;
    scope.spawn(move |_| {
        // The receiver is gone only when writing failed, and that error is reported.
        let _ = tx.send(analyse_job(units, &work, keep));
    });
    Job { results: rx, failed, finishes, bytes }
}

/// Articles analysed stage by stage together ([`Analyzer::analyze_batch`]): in the one-thread
/// run over the 20 MB bench sample this took 15-20% less CPU time than article by article.
const ANALYSIS_CHUNK: usize = 64;

/// Parse the units of a job, analyse their articles in chunks of [`ANALYSIS_CHUNK`] (across
/// units: a unit may be a single file) and make each article's output as its chunk is done (so
/// that only the chunks in progress hold analysed articles); per unit, in order.
///
/// A job is one chunk unless a file holds many articles: only then are its chunks spread over
/// the workers. Nothing else in a job runs in parallel, because a worker that waits for a part
/// of its job taken by another one runs other jobs meanwhile, and the job the output waits for
/// would be held up behind them: over 50 MB of JSONL on two threads, `perf sched` saw the CPUs
/// idle for 490 ms of a 2.1 s run that way, against 14-30 ms with jobs run whole.
fn analyse_job(units: Vec<Unit>, work: &Work, keep: Keep) -> JobResults {
    /// An article waiting for analysis, then its output.
    enum Slot {
        Parsed(Result<Box<Article>, ParseError>),
        Done(Result<(Option<ArticleSummary>, Output), ParseError>),
    }
    let parsed: Vec<Vec<Result<Article, ParseError>>> =
        units.into_iter().map(|unit| parse_unit(unit, work.opts)).collect();
    let sizes: Vec<usize> = parsed.iter().map(Vec::len).collect();
    let mut slots: Vec<Slot> = parsed.into_iter().flatten().map(|r| Slot::Parsed(r.map(Box::new))).collect();
    slots.par_chunks_mut(ANALYSIS_CHUNK).for_each(|chunk| {
        let mut articles: Vec<&mut Article> = chunk
            .iter_mut()
            .filter_map(|s| match s {
                Slot::Parsed(Ok(a)) => Some(&mut **a),
                _ => None,
            })
            .collect();
        for a in articles.iter_mut() {
            crate::apply_date(a, work.date);
        }
        if let Some(analyzer) = work.analyzer {
            analyzer.analyze_batch(&mut articles);
        }
        for s in chunk.iter_mut() {
            let placeholder = Slot::Done(Ok((None, Output::Nothing)));
            if let Slot::Parsed(r) = std::mem::replace(s, placeholder) {
                *s = Slot::Done(r.map(|a| finish_article(*a, work, keep)));
            }
        }
    });
    let mut results = slots.into_iter().map(|s| match s {
        Slot::Done(r) => r,
        Slot::Parsed(r) => r.map(|a| finish_article(*a, work, keep)),
    });
    sizes.iter().map(|&n| results.by_ref().take(n).collect()).collect()
}

/// Parse one unit (in a worker).
fn parse_unit(unit: Unit, opts: &ParseOptions) -> Vec<Result<Article, ParseError>> {
    match unit {
        Unit::File { input, bytes: Ok(bytes) } => input::parse_bytes(&input, &bytes, opts),
        Unit::File { bytes: Err(e), .. } => vec![Err(e)],
        Unit::Records { stem, path, lines, .. } => lines
            .iter()
            .map(|(line, bytes)| match bytes {
                Ok(b) => storyline_parser::parse_jsonl_record(b, &stem, &path, *line, opts),
                Err(size) => Err(ParseError::RecordTooLarge {
                    path: path.clone(),
                    line: *line,
                    size: *size,
                    limit: opts.max_bytes,
                }),
            })
            .collect(),
        Unit::Failed(_) => Vec::new(),
    }
}

/// An analysed article's summary (when kept) and output.
fn finish_article(mut a: Article, work: &Work, keep: Keep) -> (Option<ArticleSummary>, Output) {
    if !work.tokens {
        a.tokens = Vec::new();
    }
    let summary = work.summaries.then(|| ArticleSummary::of(&a));
    let out = match keep {
        Keep::JsonLine | Keep::JsonElement | Keep::ReportElement => match serialise(&a, keep) {
            Ok(bytes) => Output::Json { bytes, warnings: warnings_of(&a) },
            Err(e) => Output::Unwritable(format!("{}: cannot serialise the article: {e}", a.source)),
        },
        Keep::Article => Output::Article(Box::new(a)),
        Keep::Nothing => Output::Nothing,
    };
    (summary, out)
}
