//! `storyline analyze`: parse and analyse inputs in small jobs spread over the worker threads
//! (a bounded number held at once), stream articles to a sink in input order as their jobs
//! finish, and keep compact summaries for the story layer.

pub(crate) mod each;

use serde::Serialize;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::sync::Mutex;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::ArticleSummary;
use storyline_model::Article;

use storyline_parser::input::{self, Format, Input};
use storyline_parser::warc::{WarcItem, WarcPage, WarcReader};
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

/// An input that could not be analysed (or a story that could not be built), as reported in
/// the output and on stderr (`source:line: reason`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorRecord {
    /// The input (`path`, `-`) or story (`story-7`).
    pub source: String,
    /// The line of a JSONL record.
    pub line: Option<usize>,
    /// What went wrong.
    pub reason: String,
}

impl ErrorRecord {
    /// A panic met while `doing` something with `source` ("analysing the article").
    pub fn internal(source: impl Into<String>, line: Option<usize>, doing: &str, message: &str) -> Self {
        ErrorRecord {
            source: source.into(),
            line,
            reason: format!("internal error while {doing}: {}", crate::safe::clip_excerpts(message)),
        }
    }
}

impl From<&ParseError> for ErrorRecord {
    fn from(e: &ParseError) -> Self {
        // (an input excerpt in the reason, such as the string serde_json could not read, is cut)
        ErrorRecord {
            source: e.path().to_string(),
            line: e.line(),
            reason: crate::safe::clip_excerpts(&e.reason()),
        }
    }
}

impl From<ParseError> for ErrorRecord {
    fn from(e: ParseError) -> Self {
        ErrorRecord::from(&e)
    }
}

impl std::fmt::Display for ErrorRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.source, self.reason),
            None => write!(f, "{}: {}", self.source, self.reason),
        }
    }
}

/// What a run produced besides the streamed articles.
pub struct Run {
    pub summaries: Vec<ArticleSummary>,
    pub errors: Vec<ErrorRecord>,
    /// What is worth saying about the inputs that is no article's warning: the WARC records
    /// skipped (`archive.warc.gz: 12 WARC record(s) skipped: no HTML response`).
    pub notes: Vec<String>,
}

/// How to analyse: parse options, the `--date` fallback, the models and the thread pool.
#[derive(Clone, Copy)]
pub struct RunConfig<'a> {
    pub opts: &'a ParseOptions,
    pub date: Option<storyline_model::DateStamp>,
    /// The models; `None` only parses (`storyline parse`).
    pub analyzer: Option<&'a Analyzer>,
    /// What of the articles is written.
    pub written: Written,
    pub pool: &'a rayon::ThreadPool,
    /// Keep per-article summaries for the story layer (not needed for a JSONL stream).
    pub summaries: bool,
    /// What `-` reads.
    pub stdin: &'a Stdin,
}

/// What the articles written hold besides the default (the articles handed on whole, for the
/// `entities` and `quotes` commands, keep everything but the tokens).
#[derive(Clone, Copy, Default)]
pub struct Written {
    /// Every token's span, and each sentence's token range (`parse --tokens`).
    pub tokens: bool,
    /// The text of every span (`--span-text`).
    pub span_text: bool,
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
    pub(crate) fn open(&self) -> Box<dyn BufRead> {
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
enum InputPiece {
    /// A file (or standard input) read whole, or why it could not be read.
    File {
        input: Input,
        bytes: Result<Vec<u8>, ParseError>,
    },
    /// Pages of a WARC archive (or the records that could not be read).
    Pages {
        path: String,
        pages: Vec<Result<WarcPage, ParseError>>,
        last: bool,
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

impl InputPiece {
    /// The articles it holds, as far as they are known before parsing: one per file (a file may
    /// turn out to hold more), one per record.
    fn articles(&self) -> usize {
        match self {
            InputPiece::Records { lines, .. } => lines.len(),
            InputPiece::Pages { pages, .. } => pages.len(),
            InputPiece::File { .. } | InputPiece::Failed(_) => 1,
        }
    }

    fn bytes(&self) -> usize {
        match self {
            InputPiece::File { bytes, .. } => bytes.as_ref().map_or(0, Vec::len),
            InputPiece::Records { lines, .. } => {
                lines.iter().map(|(_, l)| l.as_ref().map_or(0, Vec::len)).sum()
            }
            InputPiece::Pages { pages, .. } => {
                pages.iter().map(|p| p.as_ref().map_or(0, |p| p.html.len())).sum()
            }
            InputPiece::Failed(_) => 0,
        }
    }

    /// Whether the unit is the last of an input (a file, or the last records of a JSONL file).
    fn finishes_input(&self) -> bool {
        !matches!(self, InputPiece::Records { last: false, .. } | InputPiece::Pages { last: false, .. })
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
    /// The WARC archive being read.
    warc: Option<OpenArchive<'a>>,
    opts: &'a ParseOptions,
    stdin: &'a Stdin,
    /// See [`Run::notes`].
    notes: Vec<String>,
}

/// A WARC archive being read: its path, its records, and how many were skipped.
type OpenArchive<'a> = (String, WarcReader<Box<dyn BufRead + 'a>>, usize);

impl Units<'_> {
    /// The next pages of the open archive: up to a job's worth.
    fn warc_pages(&mut self) -> Option<InputPiece> {
        let (path, reader, skipped) = self.warc.as_mut()?;
        let (mut pages, mut bytes, mut last) = (Vec::new(), 0usize, false);
        while pages.len() < JOB_ARTICLES && bytes < JOB_BYTES {
            match reader.next() {
                None => {
                    last = true;
                    break;
                }
                Some(Ok(WarcItem::Skipped)) => *skipped += 1,
                Some(Ok(WarcItem::Page(p))) => {
                    bytes += p.html.len();
                    pages.push(Ok(p));
                }
                Some(Err(e)) => pages.push(Err(e)),
            }
        }
        let piece = InputPiece::Pages { path: path.clone(), pages, last };
        if last {
            if *skipped > 0 {
                self.notes.push(format!("{path}: {skipped} WARC record(s) skipped: no HTML response"));
            }
            self.warc = None;
        }
        Some(piece)
    }
}

impl Iterator for Units<'_> {
    type Item = InputPiece;

    fn next(&mut self) -> Option<InputPiece> {
        loop {
            if let Some(piece) = self.warc_pages() {
                return Some(piece);
            }
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
                            return Some(InputPiece::Failed(err));
                        }
                    }
                }
                let piece = InputPiece::Records { stem: stem.clone(), path: path.clone(), lines, last };
                if last {
                    self.open = None;
                }
                return Some(piece);
            }
            let input = self.inputs.next()?;
            if input.is_stdin() {
                match input::open_stream(self.stdin.open(), &input.display(), self.opts) {
                    input::Stream::Jsonl(reader) => {
                        self.open = Some((input.stem(), input.display(), Box::new(reader), 0));
                        continue;
                    }
                    input::Stream::Text(bytes) => {
                        return Some(InputPiece::File { input: input.clone(), bytes });
                    }
                }
            }
            if !matches!(input.format, Format::Jsonl | Format::Warc) {
                let bytes = input::read_checked(input, self.opts);
                return Some(InputPiece::File { input: input.clone(), bytes });
            }
            match File::open(&input.path) {
                Ok(f) if input.format == Format::Warc => {
                    let reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(1 << 20, f));
                    let path = input.display();
                    self.warc = Some((path.clone(), WarcReader::new(reader, &path, self.opts), 0));
                }
                Ok(f) => {
                    let reader = BufReader::with_capacity(1 << 20, f);
                    self.open = Some((input.stem(), input.display(), Box::new(reader), 0));
                }
                Err(error) => {
                    return Some(InputPiece::Failed(ParseError::Io { path: input.display(), error }));
                }
            }
        }
    }
}

/// What the workers make of each analysed article for the sink (serialising in the workers keeps
/// the one thread that writes from holding the others back).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputForm {
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

/// An analysed article as handed to the sink (see [`OutputForm`]).
pub enum Output {
    /// Serialised JSON (see [`OutputForm`]), the article's id and its warnings (`source: message`).
    Json {
        bytes: Vec<u8>,
        id: String,
        warnings: Vec<String>,
    },
    Article(Box<Article>),
    Nothing,
    /// The article could not be serialised (the sink reports it as an error).
    Unwritable(String),
}

/// An article as `keep` says: one JSON line, or an element of a pretty-printed array.
pub(crate) fn serialise(a: &Article, form: OutputForm) -> serde_json::Result<Vec<u8>> {
    // The JSON of an analysed article is about 6.5 times its text: allocated once rather than
    // grown from empty.
    let mut bytes = Vec::with_capacity(a.text.len() * 7 + 4096);
    let (doc, indent): (_, &[u8]) = match form {
        OutputForm::JsonElement => (serde_json::to_vec_pretty(a)?, b"  "),
        OutputForm::ReportElement => (pretty_sorted(a)?, b"    "),
        OutputForm::JsonLine | OutputForm::Article | OutputForm::Nothing => {
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
type JobResults = Vec<Vec<Result<(Option<ArticleSummary>, Output), ErrorRecord>>>;

/// Analyse every input; `sink` gets each article's [`Output`] (in input order) as soon as it and
/// every article before it are done, and `progress` the running totals after each job. Up to
/// [`JOBS_PER_THREAD`] jobs per worker are held at once; the workers take them in order.
///
/// Every article leaves with a unique id (see [`Ids`]).
pub fn analyze_inputs(
    inputs: &[Input],
    config: &RunConfig,
    form: OutputForm,
    sink: &mut dyn FnMut(Output) -> anyhow::Result<()>,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<Run> {
    let pool = config.pool;
    let max_jobs = JOBS_PER_THREAD * pool.current_num_threads();
    let mut run = Run { summaries: Vec::new(), errors: Vec::new(), notes: Vec::new() };
    let mut totals = Progress::default();
    let mut pieces = Units {
        inputs: inputs.iter(),
        open: None,
        warc: None,
        opts: config.opts,
        stdin: config.stdin,
        notes: Vec::new(),
    };
    let mut ids = Ids::default();
    pool.in_place_scope(|scope| -> anyhow::Result<()> {
        let mut held: std::collections::VecDeque<Job> = std::collections::VecDeque::new();
        loop {
            while held.len() < max_jobs {
                let mut units_of_job = Vec::new();
                let (mut articles, mut bytes) = (0usize, 0usize);
                while articles < JOB_ARTICLES && bytes < JOB_BYTES {
                    let Some(u) = pieces.next() else { break };
                    articles += u.articles();
                    bytes += u.bytes();
                    units_of_job.push(u);
                }
                if units_of_job.is_empty() {
                    break;
                }
                held.push_back(spawn_job(scope, units_of_job, bytes, config, form));
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
                        Ok((mut summary, mut out)) => {
                            ids.make_unique(&mut summary, &mut out, form);
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
    run.notes = pieces.notes;
    Ok(run)
}

/// The ids given so far, as 128-bit fingerprints (the ids themselves are not kept: memory grows
/// by a few bytes per article), and for each id met more than once the next number to try.
///
/// An article whose id an earlier one has (the same file stem in two folders, a JSONL id
/// repeated) gets `id~2`, the next one `id~3` (the first such id not taken), in input order, and
/// a `duplicate_id` warning: every id in a run's output names one article.
#[derive(Default)]
pub struct Ids(storyline::UniqueIds);

impl Ids {
    /// `None` when `id` was not given yet (it is now), else the unique id to give instead.
    pub fn claim(&mut self, id: &str) -> Option<String> {
        self.0.claim(id)
    }

    /// Give an analysed article (its summary and output) a unique id, with a warning when it
    /// is not its own. Serialised output is read back, changed and written again (only for the
    /// articles renamed: the output of the others is untouched).
    pub(crate) fn make_unique(
        &mut self,
        summary: &mut Option<ArticleSummary>,
        out: &mut Output,
        form: OutputForm,
    ) {
        let id = match (&*out, &*summary) {
            (Output::Json { id, .. }, _) => id.as_str(),
            (Output::Article(a), _) => a.id.as_str(),
            (_, Some(s)) => s.id.as_str(),
            _ => return,
        };
        let Some(unique) = self.claim(id) else { return };
        let warning = storyline::duplicate_warning(id, &unique);
        if let Some(s) = summary {
            s.id = unique.clone();
        }
        match out {
            Output::Article(a) => {
                a.id = unique;
                a.warnings.push(warning);
            }
            Output::Json { bytes, id, warnings } => {
                let renamed = serde_json::from_slice::<Article>(bytes).and_then(|mut a| {
                    a.id = unique.clone();
                    warnings.push(format!("{}: {}", a.source, warning.message));
                    a.warnings.push(warning);
                    serialise(&a, form)
                });
                match renamed {
                    Ok(b) => {
                        *bytes = b;
                        *id = unique;
                    }
                    Err(e) => *out = Output::Unwritable(format!("{id}: cannot rename the duplicate id: {e}")),
                }
            }
            Output::Nothing | Output::Unwritable(_) => {}
        }
    }
}

/// A job given to the workers: its results to come, the errors of its units that failed before
/// analysis, which of its units finish an input, and its size.
struct Job {
    results: std::sync::mpsc::Receiver<JobResults>,
    failed: Vec<ErrorRecord>,
    finishes: Vec<bool>,
    bytes: usize,
}

/// Hand the units of a job to the workers (units that failed to be read are kept aside).
fn spawn_job<'s>(
    scope: &rayon::Scope<'s>,
    pieces: Vec<InputPiece>,
    bytes: usize,
    config: &RunConfig<'s>,
    form: OutputForm,
) -> Job {
    let (mut failed, mut read) = (Vec::new(), Vec::new());
    for u in pieces {
        match u {
            InputPiece::Failed(e) => failed.push(ErrorRecord::from(e)),
            u => read.push(u),
        }
    }
    let pieces = read;
    let finishes: Vec<bool> = pieces.iter().map(InputPiece::finishes_input).collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let config = *config;
    scope.spawn(move |_| {
        // A panic (a bug met on some input) loses no more than its article: the job is run again
        // article by article, each under its own guard.
        let results =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze_job(&pieces, &config, form)))
                .unwrap_or_else(|_| analyze_one_by_one(&pieces, &config, form));
        // The receiver is gone only when writing failed, and that error is reported.
        let _ = tx.send(results);
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
fn analyze_job(pieces: &[InputPiece], config: &RunConfig, form: OutputForm) -> JobResults {
    /// An article waiting for analysis, then its output.
    enum Slot {
        Parsed(Result<Box<Article>, ErrorRecord>),
        Done(Result<(Option<ArticleSummary>, Output), ErrorRecord>),
    }
    let parsed: Vec<Vec<Result<Article, ErrorRecord>>> =
        pieces.iter().map(|piece| parse_unit(piece, config.opts)).collect();
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
            crate::apply_date(a, config.date);
        }
        if let Some(analyzer) = config.analyzer {
            analyzer.analyze_batch(&mut articles);
        }
        for s in chunk.iter_mut() {
            let placeholder = Slot::Done(Ok((None, Output::Nothing)));
            if let Slot::Parsed(r) = std::mem::replace(s, placeholder) {
                *s = Slot::Done(r.map(|a| finish_article(*a, config, form)));
            }
        }
    });
    let mut results = slots.into_iter().map(|s| match s {
        Slot::Done(r) => r,
        Slot::Parsed(r) => r.map(|a| finish_article(*a, config, form)),
    });
    sizes.iter().map(|&n| results.by_ref().take(n).collect()).collect()
}

/// Run `f`, a panic caught and returned as the error of `source` (line `line`): "internal
/// error while `doing`: <the panic's message>".
pub(crate) fn guarded<T>(
    source: &str,
    line: Option<usize>,
    doing: &str,
    f: impl FnOnce() -> T,
) -> Result<T, ErrorRecord> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = storyline_analyzer::story::panic_message(&*payload);
        ErrorRecord::internal(source, line, doing, &message)
    })
}

/// A job whose analysis panicked, again article by article (slower, but only for such a job):
/// each file or record parsed, and each article analysed and serialised, under its own guard,
/// so that a panic is the error of its article (or input) alone.
fn analyze_one_by_one(pieces: &[InputPiece], config: &RunConfig, form: OutputForm) -> JobResults {
    /// Analyse each parsed article under a guard; `record`: the JSONL file and line it is.
    fn analyze_one(
        parsed: Vec<Result<Article, ErrorRecord>>,
        record: Option<(&str, usize)>,
        config: &RunConfig,
        form: OutputForm,
    ) -> Vec<Result<(Option<ArticleSummary>, Output), ErrorRecord>> {
        let each = |r: Result<Article, ErrorRecord>| {
            let mut a = r?;
            let (source, line) = match record {
                Some((path, n)) => (path.to_string(), Some(n)),
                None => (a.source.clone(), None),
            };
            guarded(&source, line, "analysing the article", move || {
                crate::apply_date(&mut a, config.date);
                if let Some(analyzer) = config.analyzer {
                    analyzer.analyze_batch(&mut [&mut a]);
                }
                finish_article(a, config, form)
            })
        };
        parsed.into_iter().map(each).collect()
    }
    pieces
        .iter()
        .map(|piece| match piece {
            InputPiece::Records { stem, path, lines, .. } => lines
                .iter()
                .flat_map(|(line, bytes)| {
                    let parsed = guarded(path, Some(*line), "reading the record", || {
                        vec![parse_record(stem, path, *line, bytes, config.opts)]
                    })
                    .unwrap_or_else(|e| vec![Err(e)]);
                    analyze_one(parsed, Some((path.as_str(), *line)), config, form)
                })
                .collect(),
            InputPiece::File { input, .. } => {
                let parsed =
                    guarded(&input.display(), None, "reading the input", || parse_unit(piece, config.opts))
                        .unwrap_or_else(|e| vec![Err(e)]);
                analyze_one(parsed, None, config, form)
            }
            InputPiece::Pages { path, pages, .. } => pages
                .iter()
                .flat_map(|page| {
                    let parsed =
                        guarded(path, None, "reading the page", || vec![parse_page(path, page, config.opts)])
                            .unwrap_or_else(|e| vec![Err(e)]);
                    analyze_one(parsed, None, config, form)
                })
                .collect(),
            InputPiece::Failed(_) => Vec::new(),
        })
        .collect()
}

/// Parse one unit (in a worker).
fn parse_unit(piece: &InputPiece, opts: &ParseOptions) -> Vec<Result<Article, ErrorRecord>> {
    match piece {
        InputPiece::File { input, bytes: Ok(bytes) } => {
            input::parse_bytes(input, bytes, opts).into_iter().map(|r| r.map_err(ErrorRecord::from)).collect()
        }
        InputPiece::File { bytes: Err(e), .. } => vec![Err(ErrorRecord::from(e))],
        InputPiece::Records { stem, path, lines, .. } => {
            lines.iter().map(|(line, bytes)| parse_record(stem, path, *line, bytes, opts)).collect()
        }
        InputPiece::Pages { path, pages, .. } => pages.iter().map(|p| parse_page(path, p, opts)).collect(),
        InputPiece::Failed(_) => Vec::new(),
    }
}

/// Parse one page of a WARC archive (or report the record that could not be read).
fn parse_page(
    path: &str,
    page: &Result<WarcPage, ParseError>,
    opts: &ParseOptions,
) -> Result<Article, ErrorRecord> {
    match page {
        Ok(p) => storyline_parser::warc::parse_warc_page(p, path, opts).map_err(ErrorRecord::from),
        Err(e) => Err(ErrorRecord::from(e)),
    }
}

/// Parse one JSONL record (`Err(size)`: a line over the size limit, not kept).
fn parse_record(
    stem: &str,
    path: &str,
    line: usize,
    bytes: &Result<Vec<u8>, usize>,
    opts: &ParseOptions,
) -> Result<Article, ErrorRecord> {
    match bytes {
        Ok(b) => storyline_parser::parse_jsonl_record(b, stem, path, line, opts).map_err(ErrorRecord::from),
        Err(size) => Err(ErrorRecord::from(ParseError::RecordTooLarge {
            path: path.to_string(),
            line,
            size: *size,
            limit: opts.max_bytes,
        })),
    }
}

/// An analysed article's summary (when kept) and output.
fn finish_article(mut a: Article, config: &RunConfig, form: OutputForm) -> (Option<ArticleSummary>, Output) {
    if !config.written.tokens {
        a.drop_tokens();
    }
    let summary = config.summaries.then(|| ArticleSummary::of(&a));
    if !config.written.span_text
        && matches!(form, OutputForm::JsonLine | OutputForm::JsonElement | OutputForm::ReportElement)
    {
        a.drop_span_text();
    }
    let out = match form {
        OutputForm::JsonLine | OutputForm::JsonElement | OutputForm::ReportElement => {
            match serialise(&a, form) {
                Ok(bytes) => Output::Json { bytes, id: a.id.clone(), warnings: warnings_of(&a) },
                Err(e) => Output::Unwritable(format!("{}: cannot serialise the article: {e}", a.source)),
            }
        }
        OutputForm::Article => Output::Article(Box::new(a)),
        OutputForm::Nothing => Output::Nothing,
    };
    (summary, out)
}

#[cfg(test)]
mod tests;
