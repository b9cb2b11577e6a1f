//! The native module of the `storyline` Python package (`storyline._storyline`).
//!
//! It only converts: Python `str`/`bytes` in; out, the analysed articles as dicts made directly
//! from the model (`dicts`: each equals `json.loads` of its JSON line) or as the JSON lines of
//! `storyline analyze --format jsonl` (written by [`storyline::json_line`], the command line's
//! own writer), and the stories of the `storyline` crate as serde JSON. Parsing, analysis, unique
//! ids and the story layer are the `storyline` crate's.
//!
//! The analysis runs with the GIL released, on a rayon thread pool of the caller's size; a
//! panic (a bug met on some input) is caught by the `storyline` crate and comes back as the
//! error of its article, raised as `storyline.StorylineError`.

use std::sync::OnceLock;

mod dicts;

/// The Rust side's allocator, mimalloc, as the binary's (a copy of its own, linked into the
/// module: Python's objects keep Python's allocator). Over 2,048 articles of the benchmark
/// corpus on one thread, against the system allocator: the same CPU time, within the noise of
/// this machine; it is what the binary's figures are measured with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_allow_thp` of mimalloc v3's `mi_option_e` (as in the binary's `allocator.rs`).
const MI_ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// No transparent huge pages for the module's mimalloc, unless the user chose with
/// `MIMALLOC_ALLOW_THP`: by default it asks for them (`madvise`) on the memory it reserves, and
/// every first touch of a 2 MiB page is then zeroed whole. Over 2,048 articles on one thread that
/// was 0.17 s of system time in 1.05 s (0.03 s without) and 135 MB resident against 104.
/// Called before the module allocates (the reservation is made on first use). Only this
/// allocator's option: the process's own setting (`PR_SET_THP_DISABLE`, which the binary sets)
/// is Python's, not the module's, to change.
fn no_transparent_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    // SAFETY: reading and setting a mimalloc option has no memory-safety requirement; options
    // are plain integers, read when mimalloc maps memory. Left alone if it is not mimalloc's
    // default (1), i.e. if the options were numbered differently.
    unsafe {
        if libmimalloc_sys::mi_option_get(MI_ALLOW_THP) == 1 {
            libmimalloc_sys::mi_option_set(MI_ALLOW_THP, 0);
        }
    }
}

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use storyline::model::Article;
use storyline::{Options, Pipeline, UniqueIds};

pyo3::create_exception!(
    _storyline,
    StorylineError,
    PyValueError,
    "An article that cannot be analysed, or input that is not an analysed article; the message says why."
);

/// The models, loaded on first use and shared by every call and thread.
fn pipeline() -> PyResult<&'static Pipeline> {
    static PIPELINE: OnceLock<Result<Pipeline, String>> = OnceLock::new();
    PIPELINE
        .get_or_init(|| Pipeline::new().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StorylineError::new_err(e.clone()))
}

/// The bytes of a `str` (UTF-8) or `bytes` object.
fn input_bytes(item: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = item.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(s.to_cow()?.as_bytes().to_vec());
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "expected str or bytes, got {}",
        item.get_type().name()?
    )))
}

/// `date=`: as `--date`, `YYYY-MM-DD` and a day that exists.
fn parse_date(date: Option<&str>) -> PyResult<Option<storyline::DateStamp>> {
    date.map(|d| storyline::parse_date(d).map_err(|e| StorylineError::new_err(format!("date: {e}"))))
        .transpose()
}

/// Why an article could not be analysed; an article without a source (the default) is not named
/// by an empty one (`: empty input …` is `empty input …`, `:1: malformed …` is `line 1: …`).
fn reason(e: &storyline::Error, options: &Options) -> String {
    let message = e.to_string();
    if !options.source.is_empty() {
        return message;
    }
    match message.strip_prefix(':') {
        Some(rest) => match rest.split_once(':') {
            Some((line, more)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
                format!("line {line}:{more}")
            }
            _ => rest.trim_start().to_string(),
        },
        None => message,
    }
}

/// An article's own options in a run: `(id, source, url, date, line)`.
type Override = (Option<String>, Option<String>, Option<String>, Option<String>, Option<usize>);

/// The options of one call.
fn options(
    id: Option<String>,
    date: Option<&str>,
    url: Option<String>,
    source: Option<String>,
) -> PyResult<Options> {
    let default = Options::default();
    Ok(Options {
        id: id.unwrap_or(default.id),
        source: source.unwrap_or(default.source),
        url,
        date: parse_date(date)?,
        ..default
    })
}

/// An analysed article as its JSON line (UTF-8), without the `\n` (span texts dropped unless
/// asked for, as `storyline analyze` writes it by default). Handed to Python as `bytes`: a copy,
/// where a `str` would be decoded (and encoded again by the JSON parser).
fn json_line(mut a: storyline::Article, span_text: bool) -> Vec<u8> {
    if !span_text {
        a.drop_span_text();
    }
    let mut out = Vec::with_capacity(a.text.len() * 7 + 4096);
    storyline::json_line::write_article(&mut out, &a);
    out.pop();
    out
}

/// analyze_json(text, id=None, date=None, url=None, source=None, span_text=False)
/// --
///
/// One article (`str` or `bytes`: plain text, HTML or a JSON record) analysed, as its JSON
/// line (`storyline analyze --format jsonl`, UTF-8 `bytes` without the newline).
#[pyfunction]
#[pyo3(signature = (text, id=None, date=None, url=None, source=None, span_text=false))]
fn analyze_json(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    id: Option<String>,
    date: Option<&str>,
    url: Option<String>,
    source: Option<String>,
    span_text: bool,
) -> PyResult<Py<PyBytes>> {
    let article = analyze_one(py, text, id, date, url, source)?;
    let line = py.detach(|| json_line(article, span_text));
    Ok(PyBytes::new(py, &line).unbind())
}

/// The shared step of `analyze_json` and `analyze_dict`: the input read, the options checked,
/// the article analysed with the GIL released; failures as `StorylineError`.
fn analyze_one(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    id: Option<String>,
    date: Option<&str>,
    url: Option<String>,
    source: Option<String>,
) -> PyResult<Article> {
    let bytes = input_bytes(text)?;
    let options = options(id, date, url, source)?;
    let pipeline = pipeline()?;
    py.detach(|| pipeline.analyze(&bytes, &options))
        .map_err(|e| StorylineError::new_err(reason(&e, &options)))
}

/// analyze_dict(text, id=None, date=None, url=None, source=None, span_text=False)
/// --
///
/// One article analysed, as the dict of its JSON line (what `json.loads` of `analyze_json`'s
/// line gives, made without the JSON).
#[pyfunction]
#[pyo3(signature = (text, id=None, date=None, url=None, source=None, span_text=false))]
fn analyze_dict<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    id: Option<String>,
    date: Option<&str>,
    url: Option<String>,
    source: Option<String>,
    span_text: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let mut article = analyze_one(py, text, id, date, url, source)?;
    if !span_text {
        article.drop_span_text();
    }
    dicts::article(py, &article)
}

/// _dict_of_json(line)
/// --
///
/// An analysed article given as its JSON line, read, then made into its dict as `analyze_dict`
/// makes it and written again as its line: `(dict, bytes)`. For the tests: the dict must be
/// `json.loads` of the line written, whatever the article holds.
#[pyfunction]
fn _dict_of_json<'py>(
    py: Python<'py>,
    line: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyAny>, Py<PyBytes>)> {
    let bytes = input_bytes(line)?;
    let article: Article = serde_json::from_slice(&bytes)
        .map_err(|e| StorylineError::new_err(format!("not an analysed article: {e}")))?;
    let dict = dicts::article(py, &article)?;
    Ok((dict, PyBytes::new(py, &json_line(article, true)).unbind()))
}

/// Analysis(threads=None, id=None, date=None, url=None, source=None, span_text=False, raw=False, unique_ids=True)
/// --
///
/// A run over many articles (`analyze_many`): its thread pool, its options and the ids given
/// so far (made unique across the run, as `storyline analyze` does, unless `unique_ids` is
/// false). Its chunks give dicts, or with `raw` the JSON lines (`str`).
#[pyclass(module = "storyline._storyline")]
struct Analysis {
    pool: rayon::ThreadPool,
    options: Options,
    span_text: bool,
    raw: bool,
    /// The ids given so far; `None` when they are left as they are.
    ids: Option<std::sync::Mutex<UniqueIds>>,
    /// Articles given so far: the next one is the line `given + 1` of the stream.
    given: std::sync::atomic::AtomicUsize,
}

#[pymethods]
impl Analysis {
    #[new]
    #[pyo3(signature = (threads=None, id=None, date=None, url=None, source=None, span_text=false, raw=false, unique_ids=true))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        threads: Option<usize>,
        id: Option<String>,
        date: Option<&str>,
        url: Option<String>,
        source: Option<String>,
        span_text: bool,
        raw: bool,
        unique_ids: bool,
    ) -> PyResult<Self> {
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads must be at least 1 (or None: one per core)"));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .thread_name(|i| format!("storyline-{i}"))
            .build()
            .map_err(|e| StorylineError::new_err(format!("cannot start the threads: {e}")))?;
        Ok(Analysis {
            pool,
            options: options(id, date, url, source)?,
            span_text,
            raw,
            ids: unique_ids.then(Default::default),
            given: Default::default(),
        })
    }

    /// The threads of the pool.
    #[getter]
    fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// run(items, overrides=None)
    /// --
    ///
    /// Analyse a chunk of articles (`str` or `bytes` each) with the GIL released: a `Chunk`
    /// giving per article, in order, `(True, dict)` (or `(True, json_line)`, a `str`, for a raw
    /// run) or `(False, reason)` (`str`); the dicts are made as the chunk is read. The chunk's
    /// articles are the next lines of the run's stream (a JSON record without an `id` is
    /// `{id}-L{line}`, as is any other article), but those given their own
    /// `(id, source, url, date, line)` in `overrides` (a list as long as `items`, `None` for the
    /// others; a `None` field keeps the run's; an article given an id is not numbered, unless
    /// it is given a line too).
    #[pyo3(signature = (items, overrides=None))]
    fn run(
        &self,
        py: Python<'_>,
        items: Vec<Bound<'_, PyAny>>,
        overrides: Option<Vec<Option<Override>>>,
    ) -> PyResult<Chunk> {
        let inputs: Vec<Vec<u8>> = items.iter().map(input_bytes).collect::<PyResult<_>>()?;
        let pipeline = pipeline()?;
        let first = self.given.fetch_add(inputs.len(), std::sync::atomic::Ordering::SeqCst) + 1;
        let mut options: Vec<Options> =
            (0..inputs.len()).map(|i| Options { line: Some(first + i), ..self.options.clone() }).collect();
        if let Some(overrides) = overrides {
            if overrides.len() != inputs.len() {
                return Err(PyValueError::new_err(format!(
                    "{} overrides for {} items",
                    overrides.len(),
                    inputs.len()
                )));
            }
            for (o, given) in options.iter_mut().zip(overrides) {
                let Some((id, source, url, date, line)) = given else { continue };
                if let Some(id) = id {
                    o.id = id;
                    o.line = None;
                }
                if let Some(line) = line {
                    o.line = Some(line);
                }
                if let Some(source) = source {
                    o.source = source;
                }
                if url.is_some() {
                    o.url = url;
                }
                if let Some(date) = parse_date(date.as_deref())? {
                    o.date = Some(date);
                }
            }
        }
        let out = py.detach(|| {
            let pairs: Vec<(&[u8], &Options)> =
                inputs.iter().map(Vec::as_slice).zip(options.iter()).collect();
            let results = self.pool.install(|| pipeline.analyze_many(&pairs));
            self.finish(results, &options)
        });
        Ok(out)
    }

    /// run_warc(data, source)
    /// --
    ///
    /// Analyse the pages of a WARC archive (`.warc` or `.warc.gz` bytes) with the GIL
    /// released, as `run` does; `source` names the archive in errors.
    fn run_warc(&self, py: Python<'_>, data: &Bound<'_, PyAny>, source: String) -> PyResult<Chunk> {
        let bytes = input_bytes(data)?;
        let pipeline = pipeline()?;
        let options = Options { source, ..self.options.clone() };
        let out = py.detach(|| {
            let parsed = storyline::parse_warc(&bytes, &options);
            let results = self.pool.install(|| pipeline.analyze_parsed(parsed));
            let each = vec![options.clone(); results.len()];
            self.finish(results, &each)
        });
        Ok(out)
    }
}

impl Analysis {
    /// The results of a chunk, in order: ids made unique (in order), then each article's span
    /// texts dropped unless asked for and, for a raw run, its JSON line written (on the pool),
    /// or the reason it failed.
    fn finish(&self, results: Vec<Result<Article, storyline::Error>>, options: &[Options]) -> Chunk {
        let mut ids =
            self.ids.as_ref().map(|ids| ids.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let mut articles: Vec<Result<Done, String>> = results
            .into_iter()
            .zip(options)
            .map(|(r, o)| {
                r.map(|mut a| {
                    if let Some(ids) = &mut ids {
                        ids.make_unique(&mut a);
                    }
                    Done::Article(Box::new(a))
                })
                .map_err(|e| reason(&e, o))
            })
            .collect();
        drop(ids);
        let (span_text, raw) = (self.span_text, self.raw);
        self.pool.install(|| {
            use rayon::prelude::*;
            articles.par_iter_mut().for_each(|r| {
                if let Ok(done) = r {
                    let Done::Article(a) = done else { return };
                    if !span_text {
                        a.drop_span_text();
                    }
                    if raw {
                        *done = Done::Line(json_line(std::mem::take(&mut **a), true));
                    }
                }
            })
        });
        Chunk { left: articles.into_iter() }
    }
}

/// An article of a chunk, analysed: as it is, or as its JSON line.
enum Done {
    Article(Box<Article>),
    Line(Vec<u8>),
}

/// Chunk
/// --
///
/// The results of `Analysis.run`: an iterator of `(True, dict or str)` or `(False, reason)`,
/// one per article in order, each made as it is read (an article freed once made).
#[pyclass(module = "storyline._storyline")]
struct Chunk {
    left: std::vec::IntoIter<Result<Done, String>>,
}

#[pymethods]
impl Chunk {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<(bool, Bound<'py, PyAny>)>> {
        let Some(next) = self.left.next() else { return Ok(None) };
        Ok(Some(match next {
            Ok(Done::Article(a)) => (true, dicts::article(py, &a)?),
            // (a JSON line is UTF-8: `str::from_utf8` cannot fail on it)
            Ok(Done::Line(line)) => (true, PyString::new(py, &String::from_utf8_lossy(&line)).into_any()),
            Err(reason) => (false, PyString::new(py, &reason).into_any()),
        }))
    }

    /// The articles not read yet.
    fn __len__(&self) -> usize {
        self.left.len()
    }
}

/// stories_json(articles, threads=None)
/// --
///
/// The stories of analysed articles (their JSON lines, `str` or `bytes`), in the order given,
/// as a JSON array (the `stories` of `storyline analyze --format json` and `storyline stories`).
#[pyfunction]
#[pyo3(signature = (articles, threads=None))]
fn stories_json(py: Python<'_>, articles: Vec<Bound<'_, PyAny>>, threads: Option<usize>) -> PyResult<String> {
    let lines: Vec<Vec<u8>> = articles.iter().map(input_bytes).collect::<PyResult<_>>()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| StorylineError::new_err(format!("cannot start the threads: {e}")))?;
    py.detach(|| {
        let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| storyline::stories_of_json(&lines))
        }));
        match built {
            Ok(Ok(stories)) => {
                serde_json::to_string(&stories).map_err(|e| format!("cannot write the stories: {e}"))
            }
            Ok(Err(e)) => Err(e.to_string()),
            Err(payload) => Err(format!(
                "internal error while grouping the articles into stories: {}",
                storyline::analyzer::story::panic_message(&*payload)
            )),
        }
    })
    .map_err(StorylineError::new_err)
}

/// unique_ids(ids)
/// --
///
/// The ids `storyline analyze` gives articles with these ids, in this order: per id, `None`
/// when it is the article's own, else its unique id (`x~2`, …).
#[pyfunction]
fn unique_ids(ids: Vec<String>) -> Vec<Option<String>> {
    let mut seen = UniqueIds::default();
    ids.iter().map(|id| seen.claim(id)).collect()
}

/// with_unique_id(line, unique)
/// --
///
/// An analysed article's JSON line given the id `unique` instead of its own, with the
/// `duplicate_id` warning `storyline analyze` writes then (`str`, without the newline).
#[pyfunction]
fn with_unique_id(py: Python<'_>, line: &Bound<'_, PyAny>, unique: &str) -> PyResult<Py<PyString>> {
    let bytes = input_bytes(line)?;
    let mut article: Article = serde_json::from_slice(&bytes)
        .map_err(|e| StorylineError::new_err(format!("not an analysed article: {e}")))?;
    article.warnings.push(storyline::duplicate_warning(&article.id, unique));
    article.id = unique.to_string();
    let line = json_line(article, true);
    Ok(PyString::new(py, &String::from_utf8_lossy(&line)).unbind())
}

/// The native module.
#[pymodule]
fn _storyline(m: &Bound<'_, PyModule>) -> PyResult<()> {
    no_transparent_huge_pages();
    m.add("StorylineError", m.py().get_type::<StorylineError>())?;
    m.add("SCHEMA_VERSION", storyline::model::SCHEMA_VERSION.to_string())?;
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_dict, m)?)?;
    m.add_function(wrap_pyfunction!(_dict_of_json, m)?)?;
    m.add_function(wrap_pyfunction!(stories_json, m)?)?;
    m.add_function(wrap_pyfunction!(unique_ids, m)?)?;
    m.add_function(wrap_pyfunction!(with_unique_id, m)?)?;
    m.add_class::<Analysis>()?;
    m.add_class::<Chunk>()?;
    Ok(())
}
