//! storyline as a library: one call from a news article's bytes to the analysed
//! [`Article`] — its structure, people, organisations and places, quotes with their speakers,
//! and time expressions resolved to dates — and from analysed articles to [`Story`]s.
//!
//! This crate is the front door over the three that do the work, re-exported here:
//! [`model`] (the data types), [`parser`] (bytes → [`Article`]) and [`analyzer`] (the
//! per-article analysis and the story layer). The parser and the analyzer know nothing of each
//! other, so the call that chains them lives here rather than in either.
//!
//! ```
//! let page = "Talks resume\n\nSep. 24, 2018\n\n\
//!             \"We will meet again soon,\" US Secretary of State Mike Pompeo said on Sunday.\n";
//! let article = storyline::analyze_text(page, &storyline::Options::default())?;
//! let quote = &article.quotes[0];
//! assert_eq!(quote.speaker.as_deref(), Some("Mike Pompeo"));
//! assert_eq!(quote.date.as_ref().map(|d| d.value.as_str()), Some("2018-09-23")); // "on Sunday"
//!
//! // An article that carries no date takes the fallback one (`--date` of the command line).
//! let undated = "Talks resume\n\n\"We will meet again soon,\" Mike Pompeo said on Sunday.\n";
//! let options = storyline::Options {
//!     date: Some(storyline::model::DateStamp::date(2018, 9, 24)),
//!     ..storyline::Options::default()
//! };
//! let article = storyline::analyze_text(undated, &options)?;
//! assert_eq!(article.published_source, Some(storyline::model::DateOrigin::Option));
//! assert_eq!(article.quotes[0].date.as_ref().map(|d| d.value.as_str()), Some("2018-09-23"));
//!
//! // Analysed articles grouped into stories.
//! let stories = storyline::stories(&[article]);
//! assert_eq!(stories.len(), 1);
//! assert_eq!(stories[0].statements[0].speaker.as_deref(), Some("Mike Pompeo"));
//! # Ok::<(), storyline::Error>(())
//! ```

#![warn(missing_docs)]

pub mod json_line;

pub use storyline_analyzer as analyzer;
pub use storyline_model as model;
pub use storyline_parser as parser;

pub use storyline_model::{Article, DateStamp, Story};

use rayon::prelude::*;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, ArticleView, build_stories};
use storyline_model::{DateOrigin, Warning};
use storyline_parser::{PageInfo, ParseOptions};

/// How [`analyze_text`] reads an article.
#[derive(Clone, Debug)]
pub struct Options {
    /// The article's id, when its bytes do not give one (a JSON record's `id` does); default
    /// `"article"`. A JSON record without one is `{id}-L{line}`.
    pub id: String,
    /// Where the article came from (a path or URL), written as its `source`; default `""`.
    pub source: String,
    /// The address of the article, when its bytes do not give one (a JSON record's `url`, a
    /// scrape's first line): its `url`, and the publication date of an article that has no
    /// date of its own, when the address's path has one (`/2018/09/24/`).
    pub url: Option<String>,
    /// The publication date of an article that carries none — no date line or record date,
    /// none in its URL, no update date: its time expressions resolve against it, and its
    /// `published_source` is [`DateOrigin::Option`] (the `--date` of the command line).
    pub date: Option<DateStamp>,
    /// Largest article accepted, in bytes (default 16 MiB).
    pub max_bytes: usize,
    /// The article's place in a stream of articles named [`Options::id`] (1-based), as a line
    /// of a JSONL file named `{id}.jsonl`: the id of an article whose bytes give none is then
    /// `{id}-L{line}`. `None` (the default): a JSON record without an `id` is `{id}-L1`, any
    /// other article is `{id}`.
    pub line: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            id: "article".to_string(),
            source: String::new(),
            url: None,
            date: None,
            max_bytes: storyline_parser::DEFAULT_MAX_BYTES,
            line: None,
        }
    }
}

/// Why an article could not be analysed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are no article: empty, over [`Options::max_bytes`], or a malformed record.
    #[error(transparent)]
    Parse(#[from] storyline_parser::ParseError),
    /// The built-in NER model could not be loaded.
    #[error("cannot load the NER model: {0}")]
    Model(#[from] storyline_analyzer::ner::NerError),
    /// A bug met on this input (a panic), caught: the message says where.
    #[error("internal error while {doing}: {message}")]
    Internal {
        /// What was being done.
        doing: &'static str,
        /// The panic's message.
        message: String,
    },
}

/// Parse and analyse one article: a scraped page as plain text (UTF-8, or UTF-16 with a BOM;
/// invalid bytes are repaired with a warning), an HTML page (when it opens with
/// `<!doctype html`, `<html` or `<head`, as [`parser::looks_like_html`] tells), or one JSON
/// crawler record (`title`, `maintext` or `text`, `date_publish`, `url`, `id`, …) when its first
/// byte that is not whitespace is `{`. The result is the article of `storyline analyze`, span
/// texts and all (the command line leaves them out of its JSON unless `--span-text`) but the
/// tokens.
///
/// To analyse many articles, load the models once with [`Pipeline`].
pub fn analyze_text(text: impl AsRef<[u8]>, options: &Options) -> Result<Article, Error> {
    let mut article = parse(text.as_ref(), options)?;
    Analyzer::new()?.analyze(&mut article);
    article.drop_tokens();
    Ok(article)
}

/// Parse one article as [`analyze_text`] reads it (text, HTML or a JSON record), the fallback
/// address and date of `options` applied; not analysed.
pub fn parse(bytes: &[u8], options: &Options) -> Result<Article, Error> {
    let parse = ParseOptions { max_bytes: options.max_bytes };
    let numbered;
    let id = match options.line {
        Some(n) => {
            numbered = format!("{}-L{n}", options.id);
            &numbered
        }
        None => &options.id,
    };
    let mut article = if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        let line = options.line.unwrap_or(1);
        storyline_parser::parse_jsonl_record(bytes.trim_ascii(), &options.id, &options.source, line, &parse)?
    } else if storyline_parser::looks_like_html(bytes) {
        let page = PageInfo { url: options.url.clone(), ..PageInfo::default() };
        storyline_parser::parse_html(bytes, id, &options.source, &parse, &page)?
    } else {
        storyline_parser::parse_text(bytes, id, &options.source, &parse)?
    };
    fill_in(&mut article, options);
    Ok(article)
}

/// A date as `--date` of the command line takes it: strictly `YYYY-MM-DD` (four, two and two
/// digits) and a day that exists (2018-02-30 does not); the error says which.
///
/// ```
/// assert_eq!(storyline::parse_date("2016-02-29"), Ok(storyline::DateStamp::date(2016, 2, 29)));
/// assert!(storyline::parse_date("2018-02-30").unwrap_err().contains("February 2018 has 28 days"));
/// ```
pub fn parse_date(s: &str) -> Result<DateStamp, String> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shape {
        return Err(format!("\"{s}\" is not a date of the form YYYY-MM-DD"));
    }
    let number = |range: std::ops::Range<usize>| s[range].parse::<u16>().unwrap_or_default();
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(name) = usize::from(month).checked_sub(1).and_then(|m| MONTHS.get(m)) else {
        return Err(format!("{s} is not a day of the calendar: there is no month {month}"));
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day == 0 || day > days {
        return Err(format!("{s} is not a day of the calendar: {name} {year} has {days} days"));
    }
    // (four digits: the year fits)
    Ok(DateStamp::date(year as i16, month as u8, day as u8))
}

/// The fallback address and date of `options`, for an article that has none of its own.
fn fill_in(article: &mut Article, options: &Options) {
    if let (None, Some(url)) = (&article.url, &options.url) {
        article.url = Some(url.clone());
        if article.published.is_none()
            && let Some(d) = storyline_parser::date_from_url(url)
        {
            article.published = Some(d);
            article.published_source = Some(DateOrigin::Url);
        }
    }
    if let (None, Some(d)) = (article.published, options.date) {
        article.published = Some(d);
        article.published_source = Some(DateOrigin::Option);
        article.warnings.push(Warning::new(
            "date-from-option",
            format!("no date in the article; using the fallback date {d} of the options"),
        ));
    }
}

/// The pages of a WARC archive (`.warc`, or `.warc.gz` with a gzip member per record as Common
/// Crawl writes it) read whole from `bytes`, each parsed as `storyline analyze` reads it (its id
/// the record's `WARC-Record-ID`, its `url` and `source` the `WARC-Target-URI`), the fallback
/// date of `options` applied; one result per page or bad record (named by `options.source`), in
/// archive order. Records that are no HTML response are skipped.
pub fn parse_warc(bytes: &[u8], options: &Options) -> Vec<Result<Article, Error>> {
    let parse = ParseOptions { max_bytes: options.max_bytes };
    storyline_parser::input::read_warc(bytes, &options.source, &parse)
        .map(|r| {
            let mut a = r?;
            fill_in(&mut a, options);
            Ok(a)
        })
        .collect()
}

/// Articles analysed together stage by stage ([`Analyzer::analyze_batch`]), as the command line
/// does: 15-20% less CPU time than one by one.
const BATCH: usize = 64;

/// The models loaded once, for analysing many articles ([`Pipeline::analyze_many`] runs on the
/// current rayon thread pool).
///
/// ```
/// let pipeline = storyline::Pipeline::new()?;
/// let options = storyline::Options { id: "crawl".into(), ..storyline::Options::default() };
/// // The articles of a stream: each named by its place (`crawl-L1`, …) unless it gives an id.
/// let numbered: Vec<storyline::Options> =
///     (1..=2).map(|n| storyline::Options { line: Some(n), ..options.clone() }).collect();
/// let texts = ["Talks resume\n\n\"We will meet again,\" Mike Pompeo said.\n", "   "];
/// let inputs: Vec<(&str, &storyline::Options)> = texts.into_iter().zip(&numbered).collect();
/// let results = pipeline.analyze_many(&inputs);
/// let article = results[0].as_ref().expect("analysed");
/// assert_eq!((article.id.as_str(), article.quotes[0].speaker.as_deref()), ("crawl-L1", Some("Mike Pompeo")));
/// assert!(results[1].is_err(), "an empty article is an error in its place");
///
/// // Its JSON line, as `storyline analyze --format jsonl` writes it, and the reduce step over
/// // such lines.
/// let mut article = article.clone();
/// article.drop_span_text();
/// let mut line = Vec::new();
/// storyline::json_line::write_article(&mut line, &article);
/// let stories = storyline::stories_of_json(&[&line]).expect("an analysed article");
/// assert_eq!(stories[0].statements[0].speaker.as_deref(), Some("Mike Pompeo"));
/// assert_eq!(storyline::stories_of_json(&[b"{}"]).unwrap_err().index, 0);
/// # Ok::<(), storyline::Error>(())
/// ```
pub struct Pipeline {
    analyzer: Analyzer,
}

impl Pipeline {
    /// Load the built-in models.
    pub fn new() -> Result<Pipeline, Error> {
        Ok(Pipeline { analyzer: Analyzer::new()? })
    }

    /// [`analyze_text`] with the models loaded (on the calling thread; a panic, a bug met on
    /// this input, is its [`Error::Internal`]).
    pub fn analyze(&self, text: impl AsRef<[u8]>, options: &Options) -> Result<Article, Error> {
        let mut a = self.analyze_guarded(text.as_ref(), options)?;
        a.drop_tokens();
        Ok(a)
    }

    /// Parse and analyse each input with its options (as [`analyze_text`]), in parallel on the
    /// current rayon thread pool, in batches of 64 articles as `storyline analyze` does; the
    /// results in input order. A panic (a bug met on some input) is the [`Error::Internal`] of
    /// its article alone: its batch is analysed again article by article.
    pub fn analyze_many<T: AsRef<[u8]> + Sync>(
        &self,
        inputs: &[(T, &Options)],
    ) -> Vec<Result<Article, Error>> {
        inputs
            .par_chunks(BATCH)
            .flat_map_iter(|chunk| {
                let batch = || {
                    let mut parsed: Vec<Result<Article, Error>> =
                        chunk.iter().map(|(bytes, o)| parse(bytes.as_ref(), o)).collect();
                    let mut articles: Vec<&mut Article> =
                        parsed.iter_mut().filter_map(|r| r.as_mut().ok()).collect();
                    self.analyzer.analyze_batch(&mut articles);
                    parsed
                };
                let results =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(batch)).unwrap_or_else(|_| {
                        chunk.iter().map(|(bytes, o)| self.analyze_guarded(bytes.as_ref(), o)).collect()
                    });
                results.into_iter().map(|r| {
                    r.map(|mut a| {
                        a.drop_tokens();
                        a
                    })
                })
            })
            .collect()
    }

    /// Analyse articles already parsed ([`parse`], [`parse_warc`]; the errors are kept in their
    /// places), in parallel on the current rayon thread pool in batches of 64; in order, the
    /// tokens dropped. A panic (a bug met on some input) makes every article of its batch an
    /// [`Error::Internal`].
    pub fn analyze_parsed(&self, mut parsed: Vec<Result<Article, Error>>) -> Vec<Result<Article, Error>> {
        parsed.par_chunks_mut(BATCH).for_each(|chunk| {
            let analysed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut articles: Vec<&mut Article> =
                    chunk.iter_mut().filter_map(|r| r.as_mut().ok()).collect();
                self.analyzer.analyze_batch(&mut articles);
            }));
            for r in chunk.iter_mut() {
                match (&analysed, r.as_mut()) {
                    (Ok(()), Ok(a)) => a.drop_tokens(),
                    (Err(payload), Ok(_)) => {
                        let message = storyline_analyzer::story::panic_message(&**payload);
                        *r = Err(Error::Internal { doing: "analysing the article", message });
                    }
                    (_, Err(_)) => {}
                }
            }
        });
        parsed
    }

    /// One article parsed and analysed under a guard.
    fn analyze_guarded(&self, bytes: &[u8], options: &Options) -> Result<Article, Error> {
        let mut a = guarded("reading the article", || parse(bytes, options))??;
        guarded("analysing the article", || self.analyzer.analyze_batch(&mut [&mut a]))?;
        Ok(a)
    }
}

/// Run `f`, a panic caught as [`Error::Internal`].
fn guarded<T>(doing: &'static str, f: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| Error::Internal {
        doing,
        message: storyline_analyzer::story::panic_message(&*payload),
    })
}

/// Group analysed articles into stories, in the order given (the grouping depends on it, as
/// for `storyline analyze`): their entities merged, their quotes made statements with every
/// outlet that reported them, and a timeline.
pub fn stories(articles: &[Article]) -> Vec<Story> {
    let summaries: Vec<ArticleSummary> = articles.iter().map(ArticleSummary::of).collect();
    build_stories(&summaries)
}

/// Why [`stories_of_json`] could not read an analysed article.
#[derive(Debug, thiserror::Error)]
#[error("article {index} (0-based) is not an analysed article: {reason}")]
pub struct NotAnArticle {
    /// Its place among the inputs, from 0.
    pub index: usize,
    /// What is wrong.
    pub reason: String,
}

/// The reduce step of `storyline stories`, in memory: the stories of analysed articles given
/// as their JSON (lines of `storyline analyze --format jsonl`, with or without span texts),
/// read in parallel on the current rayon thread pool into what the story layer needs
/// ([`ArticleView`]). Ids are made unique as the command line does ([`UniqueIds`]), in order.
/// The first input that is not an analysed article is the error, naming it.
pub fn stories_of_json<T: AsRef<[u8]> + Sync>(articles: &[T]) -> Result<Vec<Story>, NotAnArticle> {
    let summaries: Vec<Result<ArticleSummary, String>> = articles
        .par_iter()
        .map(|line| {
            serde_json::from_slice::<ArticleView>(line.as_ref())
                .map(|v| ArticleSummary::of_view(&v))
                .map_err(|e| e.to_string())
        })
        .collect();
    let mut ids = UniqueIds::default();
    let mut kept = Vec::with_capacity(summaries.len());
    for (index, s) in summaries.into_iter().enumerate() {
        let mut s = s.map_err(|reason| NotAnArticle { index, reason })?;
        if let Some(unique) = ids.claim(&s.id) {
            s.id = unique;
        }
        kept.push(s);
    }
    Ok(build_stories(&kept))
}

/// Unique article ids, in the order articles are given, as `storyline analyze` and
/// `storyline stories` make them: an article whose id an earlier one has (the same file stem in
/// two folders, a JSONL id repeated) gets `id~2`, the next one `id~3` (the first such id not
/// taken). The ids given so far are kept as 128-bit fingerprints (memory grows by a few bytes
/// per article), and for each id met more than once the next number to try.
#[derive(Default)]
pub struct UniqueIds {
    seen: std::collections::HashSet<u128>,
    next: std::collections::HashMap<String, usize>,
}

/// Two 64-bit SipHashes (fixed keys: the same in every run) of `id`.
fn fingerprint(id: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut a = std::hash::DefaultHasher::new();
    id.hash(&mut a);
    let mut b = std::hash::DefaultHasher::new();
    (0x5eed_u16, id).hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

impl UniqueIds {
    /// `None` when `id` was not given yet (it is now), else the unique id to give instead.
    pub fn claim(&mut self, id: &str) -> Option<String> {
        if self.seen.insert(fingerprint(id)) {
            return None;
        }
        let n = self.next.entry(id.to_string()).or_insert(2);
        loop {
            let candidate = format!("{id}~{n}");
            *n += 1;
            if self.seen.insert(fingerprint(&candidate)) {
                return Some(candidate);
            }
        }
    }

    /// Give `article` a unique id, with the `duplicate_id` warning of the command line when it
    /// is not its own.
    pub fn make_unique(&mut self, article: &mut Article) {
        if let Some(unique) = self.claim(&article.id) {
            article.warnings.push(duplicate_warning(&article.id, &unique));
            article.id = unique;
        }
    }
}

/// The warning of an article whose id `id` an earlier one has, now `unique`.
pub fn duplicate_warning(id: &str, unique: &str) -> Warning {
    Warning::new("duplicate_id", format!("an earlier article has the id {id:?}: this one is {unique:?}"))
}
