//! Raw input → [`storyline_model::Article`].
//!
//! * [`parse_text`] reads one scraped plain-text article (headline, standfirst, date and
//!   byline lines, body, captions, boilerplate).
//! * [`parse_jsonl`] reads crawler records (news-please / CC-News style), one per line.
//! * [`parse_html`] reads one HTML page: its main text (found by the `trafilatura` crate) and
//!   the metadata it carries (JSON-LD, meta tags, `<time>`, bylines).
//! * [`warc`] reads WARC archives (Common Crawl, CC-NEWS) as a stream of HTML pages.
//! * [`input`] finds the files under paths and reads each into articles, one error per
//!   bad file or record, never stopping the batch.
//!
//! Every span in the result is a byte range on a UTF-8 boundary of [`Article::text`].
//! Errors are [`ParseError`]s, each naming its input (and line); a bad input never stops the
//! others.
//!
//! ```
//! use storyline_model::ParagraphRole;
//!
//! let page = "Talks resume\n\nSep. 24, 2018\n\nBy Jane Doe\n\nThe two Koreas said talks would resume. \
//!             They met in Seoul.\n";
//! let article = storyline_parser::parse_text(page.as_bytes(), "talks", "talks.txt", &Default::default())?;
//! assert_eq!(article.title.as_deref(), Some("Talks resume"));
//! assert_eq!(article.published.map(|d| d.to_string()).as_deref(), Some("2018-09-24"));
//! let body: Vec<&str> = article.body().map(|p| article.slice(p.span())).collect();
//! assert_eq!(body, ["The two Koreas said talks would resume. They met in Seoul."]);
//! assert_eq!(article.sentences.iter().filter(|s| article.paragraphs[s.paragraph].role == ParagraphRole::Body).count(), 2);
//! # Ok::<(), storyline_parser::ParseError>(())
//! ```

#![warn(missing_docs)]

mod dates;
mod decode;
mod html;
pub mod input;
mod jsonl;
mod layout;
mod segment;
#[cfg(test)]
mod segment_reference;
mod url;
pub mod warc;

use storyline_model::{Article, DateStamp, Paragraph, ParagraphRole, Span, Warning};

pub use dates::{month_number, parse_date_line};
pub use decode::decode;
pub use html::{MAX_DEPTH as MAX_HTML_DEPTH, PageInfo, looks_like_html, parse_html};
pub use jsonl::{parse_jsonl, parse_jsonl_record};
pub use url::date_from_url;

/// Default per-article size limit (bytes of input).
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;

/// What can go wrong reading an input; every variant names the input (and the line for JSONL).
#[derive(Debug, thiserror::Error)]
///
/// The fields: `path` the input (`-` for standard input), `line` the line of a JSONL record
/// (from 1), `size` and `limit` in bytes.
#[allow(missing_docs)] // (the fields, above)
pub enum ParseError {
    /// Nothing to read (an empty or whitespace-only file).
    #[error("{path}: empty input (no text to read)")]
    Empty { path: String },
    /// A file larger than the per-article limit (`--max-bytes`), not read.
    #[error(
        "{path}: {size} bytes exceeds the per-article limit of {limit} bytes (raise it with --max-bytes)"
    )]
    TooLarge { path: String, size: usize, limit: usize },
    /// A stream (standard input) holding one article larger than the limit: reading stopped
    /// one byte past it.
    #[error(
        "{path}: more than the per-article limit of {limit} bytes (reading stopped there; raise it with --max-bytes)"
    )]
    StreamTooLarge { path: String, limit: usize },
    /// A JSONL line that is not a JSON object of the expected fields.
    #[error("{path}:{line}: malformed JSON record: {message}")]
    Json { path: String, line: usize, message: String },
    /// A JSONL record without article text.
    #[error("{path}:{line}: record has no article text (expected a non-empty `maintext` or `text` field)")]
    NoText { path: String, line: usize },
    /// A JSONL line larger than the per-article limit (skipped without being held).
    #[error(
        "{path}:{line}: {size} bytes exceeds the per-article limit of {limit} bytes (raise it with --max-bytes)"
    )]
    RecordTooLarge { path: String, line: usize, size: usize, limit: usize },
    /// The file or directory could not be read.
    #[error("{path}: cannot read: {error}")]
    Io { path: String, error: std::io::Error },
    /// An HTML page whose elements are nested deeper than the parser reads (see
    /// `MAX_HTML_DEPTH`): HTML parsers take time quadratic in the depth.
    #[error("{path}: HTML nested deeper than {limit} elements: not read")]
    TooDeep { path: String, limit: usize },
    /// An HTML page on which no article text was found.
    #[error("{path}: no article text found in the HTML page")]
    NoArticle { path: String },
    /// A WARC record that could not be read (truncated, corrupt, too large), at byte `offset`
    /// of the archive (of the compressed file, for a `.warc.gz`: where its gzip member starts);
    /// the records after it are still read.
    #[error("{path}: WARC record at byte {offset}: {message}")]
    Warc { path: String, offset: u64, message: String },
}

impl ParseError {
    /// The input the error is about.
    pub fn path(&self) -> &str {
        match self {
            ParseError::Empty { path }
            | ParseError::TooLarge { path, .. }
            | ParseError::StreamTooLarge { path, .. }
            | ParseError::Json { path, .. }
            | ParseError::NoText { path, .. }
            | ParseError::RecordTooLarge { path, .. }
            | ParseError::Io { path, .. }
            | ParseError::NoArticle { path }
            | ParseError::TooDeep { path, .. }
            | ParseError::Warc { path, .. } => path,
        }
    }

    /// What is wrong, without the input's name (which [`ParseError::path`] gives).
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = match self.line() {
            Some(line) => format!("{}:{line}: ", self.path()),
            None => format!("{}: ", self.path()),
        };
        full.strip_prefix(&prefix).map_or_else(|| full.clone(), str::to_string)
    }

    /// The line, for errors in a JSONL record.
    pub fn line(&self) -> Option<usize> {
        match self {
            ParseError::Json { line, .. }
            | ParseError::NoText { line, .. }
            | ParseError::RecordTooLarge { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Options for parsing.
#[derive(Clone, Debug)]
pub struct ParseOptions {
    /// Largest article accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { max_bytes: DEFAULT_MAX_BYTES }
    }
}

/// Parse one scraped plain-text article.
///
/// `id` is the article's id (usually the file stem), `source` where it came from.
pub fn parse_text(bytes: &[u8], id: &str, source: &str, opts: &ParseOptions) -> Result<Article, ParseError> {
    within_limit(bytes, source, opts)?;
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    if text.trim().is_empty() {
        return Err(ParseError::Empty { path: source.to_string() });
    }
    let mut meta = layout::Meta::default();
    // A scrape may open with the page's URL on a line of its own: the article's URL, a
    // metadata line, and the headline is looked for under it.
    let (mut paragraphs, region) = match url::url_line(&text) {
        Some(line) => {
            meta.url = Some(line.slice(&text).to_string());
            (vec![Paragraph::new(ParagraphRole::Metadata, line, &text)], Span::new(line.end, text.len()))
        }
        None => (Vec::new(), Span::new(0, text.len())),
    };
    paragraphs.extend(layout::paragraphs(&text, region, true, &mut meta));
    // (a text file is one article: its name may carry its date; standard input has none)
    meta.date_from_address((source != "-").then(|| url::file_name(source)));
    Ok(assemble(id, source, text, paragraphs, meta, warnings, None))
}

/// `Ok` when `bytes` are within the per-article limit, else [`ParseError::TooLarge`] naming
/// `source`.
pub(crate) fn within_limit(bytes: &[u8], source: &str, opts: &ParseOptions) -> Result<(), ParseError> {
    if bytes.len() > opts.max_bytes {
        return Err(ParseError::TooLarge {
            path: source.to_string(),
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    Ok(())
}

/// Build the article: metadata, tokens, sentences and language.
pub(crate) fn assemble(
    id: &str,
    source: &str,
    text: String,
    paragraphs: Vec<Paragraph>,
    mut meta: layout::Meta,
    warnings: Vec<Warning>,
    language: Option<String>,
) -> Article {
    meta.finish_dates();
    let publisher = meta.publisher();
    if let (Some(d), Some(pubdate)) = (meta.dateline.as_mut(), meta.published) {
        d.date = d.date_text.as_deref().and_then(|t| dateline_date(t, pubdate));
    }
    // About one token per five bytes and one sentence per 120 (the PolNeAR texts: 5.3 and 140).
    let mut tokens = Vec::with_capacity(text.len() / 5 + 16);
    let mut sentences = Vec::with_capacity(text.len() / 120 + 4);
    let mut ends = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let first = tokens.len();
        ends.clear();
        segment::tokenize(&text, p.start, p.end, &mut tokens, &mut ends);
        segment::split_sentences(&text, &tokens, first, tokens.len(), &ends, i, &mut sentences);
    }
    let language = language.or_else(|| guess_language(&text, &tokens, &sentences, &paragraphs));
    Article {
        schema_version: storyline_model::SchemaVersion,
        id: id.to_string(),
        source: source.to_string(),
        url: meta.url,
        title: meta.title,
        standfirst: meta.standfirst,
        published: meta.published,
        published_source: meta.published_source,
        updated: meta.updated,
        authors: meta.authors,
        publisher,
        dateline: meta.dateline,
        language,
        text,
        paragraphs,
        sentences,
        tokens,
        warnings,
        ..Article::default()
    }
}

/// "Sept. 21" in an article published 2018-09-24 → 2018-09-21 (the closest date not after it).
fn dateline_date(text: &str, published: DateStamp) -> Option<DateStamp> {
    let (month, day) = text.split_once(char::is_whitespace)?;
    let m = month_number(month)? as u8;
    let d: u8 = day.trim().parse().ok()?;
    let year = if (m, d) > (published.month, published.day) { published.year - 1 } else { published.year };
    let (y, m, d) = dates::valid_date(year as u32, m as u32, d as u32)?;
    Some(DateStamp::date(y, m, d))
}

const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "said", "was", "with", "he", "it", "as",
    "at", "by", "his", "be", "are", "have", "has", "from", "this", "not", "but", "they", "will", "we",
];

/// [`ENGLISH_WORDS`], ignoring ASCII case.
static ENGLISH: segment::WordSet = segment::WordSet::new(&[ENGLISH_WORDS]);

/// The length of the longest word of [`ENGLISH_WORDS`].
const ENGLISH_MAX_LEN: usize = {
    let (mut max, mut i) = (0, 0);
    while i < ENGLISH_WORDS.len() {
        if ENGLISH_WORDS[i].len() > max {
            max = ENGLISH_WORDS[i].len();
        }
        i += 1;
    }
    max
};

/// `w.chars().any(char::is_alphabetic)` for the bytes of a string, with an ASCII fast path.
fn has_letter(w: &[u8]) -> bool {
    w.iter().any(u8::is_ascii_alphabetic)
        || (!w.is_ascii() && std::str::from_utf8(w).is_ok_and(|w| w.chars().any(char::is_alphabetic)))
}

/// The body words [`guess_language`] reads at most.
const LANGUAGE_SAMPLE: usize = 400;

/// "en" when English function words are frequent in the body: at least 12% of its first
/// [`LANGUAGE_SAMPLE`] words (and at least 8 words); `None` when unsure.
fn guess_language(
    text: &str,
    tokens: &[storyline_model::Token],
    sentences: &[storyline_model::Sentence],
    paragraphs: &[storyline_model::Paragraph],
) -> Option<String> {
    // Once this many words are English the answer is "en" whatever the words left to read
    // (at most LANGUAGE_SAMPLE in all) are, so the count stops there.
    const ENOUGH_HITS: usize = (LANGUAGE_SAMPLE * 12).div_ceil(100);
    let mut words = 0usize;
    let mut hits = 0usize;
    'sentences: for s in sentences {
        if paragraphs.get(s.paragraph).is_none_or(|p| p.role != ParagraphRole::Body) {
            continue;
        }
        for t in tokens.get(s.first_token..s.end_token).unwrap_or(&[]) {
            // (every hit is a word: ENOUGH_HITS hits are at least 8 words)
            if words >= LANGUAGE_SAMPLE || hits >= ENOUGH_HITS {
                break 'sentences;
            }
            // (the token's bytes: a token is a whole number of characters)
            let w = text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
            // (every word of ENGLISH_WORDS has a letter)
            if w.len() <= ENGLISH_MAX_LEN && ENGLISH.contains(w) {
                words += 1;
                hits += 1;
            } else if has_letter(w) {
                words += 1;
            }
        }
    }
    (words >= 8 && hits * 100 >= words * 12).then(|| "en".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::DateOrigin;

    #[test]
    fn dateline_dates_resolve_against_publication() {
        let p = DateStamp::date(2018, 9, 24);
        assert_eq!(dateline_date("Sept. 21", p), Some(DateStamp::date(2018, 9, 21)));
        assert_eq!(
            dateline_date("Dec. 30", DateStamp::date(2019, 1, 2)),
            Some(DateStamp::date(2018, 12, 30))
        );
    }

    #[test]
    fn english_word_table_is_exact() {
        for w in ENGLISH_WORDS {
            assert!(ENGLISH.contains(w.as_bytes()), "{w}");
            assert!(ENGLISH.contains(w.to_uppercase().as_bytes()), "{w}");
        }
        for w in
            ["", "x", "thee", "th", "an", "said.", "saidx", "wil", "wills", "haves", "é", "o", "z", "bye"]
        {
            let want = ENGLISH_WORDS.iter().any(|e| e.eq_ignore_ascii_case(w));
            assert_eq!(ENGLISH.contains(w.as_bytes()), want, "{w}");
        }
    }

    fn parse(text: &str, source: &str) -> Article {
        parse_text(text.as_bytes(), "x", source, &ParseOptions::default()).expect("parses")
    }

    #[test]
    fn url_line_is_metadata_and_the_headline_is_found_under_it() {
        let url = "http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504";
        let page = "Lindsay Lohan checks into Betty Ford Center\nMay 03, 2013\n\
                    The actress checked in on Thursday, her lawyer said.\nHer father said he was relieved.\n";
        let with = parse(&format!("{url}\n{page}"), "a.txt");
        let without = parse(page, "a.txt");
        assert_eq!(with.url.as_deref(), Some(url));
        assert_eq!(without.url, None);
        assert_eq!(
            (with.paragraphs[0].role, with.paragraphs[0].text.as_str()),
            (ParagraphRole::Metadata, url)
        );
        assert_eq!(with.title.as_deref(), Some("Lindsay Lohan checks into Betty Ford Center"));
        assert_eq!(with.title, without.title);
        let roles = |a: &Article| a.paragraphs.iter().map(|p| (p.role, p.text.clone())).collect::<Vec<_>>();
        assert_eq!(roles(&with)[1..], roles(&without)[..]);
        assert_eq!(with.paragraphs[1].role, ParagraphRole::Title);
        // The date line beats the URL's date (and its slug's 2013-05-04).
        assert_eq!(with.published.map(|d| d.to_string()).as_deref(), Some("2013-05-03"));
        assert_eq!(with.published_source, Some(DateOrigin::Text));
        // The URL is not the body: no sentence of it is a body sentence.
        assert!(with.body().all(|p| !p.text.contains("http")));
    }

    #[test]
    fn published_dates_come_from_text_then_url_then_file_name_then_update() {
        let date = |a: &Article| (a.published.map(|d| d.to_string()), a.published_source);
        let body = "The council approved the budget on Tuesday.\n\nThe mayor said it was fair.\n";
        let url = "https://example.com/news/2016/10/11/budget/";
        let cases = [
            // text date line, URL and file name: the text
            (
                format!("{url}\nBudget passes\nOctober 12, 2016\n{body}"),
                "2016-10-10_budget.txt",
                "2016-10-12",
                DateOrigin::Text,
            ),
            // URL and file name: the URL
            (format!("{url}\nBudget passes\n{body}"), "2016-10-10_budget.txt", "2016-10-11", DateOrigin::Url),
            // a URL without a date, file name, update date: the file name
            (
                format!(
                    "https://example.com/news/budget-passes\nBudget passes\nUpdated: October 13, 2016\n{body}"
                ),
                "crawl/20161010-budget.txt",
                "2016-10-10",
                DateOrigin::FileName,
            ),
            // the update date alone
            (
                format!("Budget passes\n\nUpdated: October 13, 2016\n\n{body}"),
                "budget.txt",
                "2016-10-13",
                DateOrigin::Updated,
            ),
            // a lone "Published" time takes the URL's date, and stays from the URL
            (
                format!("{url}\nBudget passes\nPublished 10:02 GMT\n{body}"),
                "budget.txt",
                "2016-10-11T10:02Z",
                DateOrigin::Url,
            ),
        ];
        for (text, source, want, origin) in cases {
            let a = parse(&text, source);
            assert_eq!(date(&a), (Some(want.to_string()), Some(origin)), "{text:?} from {source}");
        }
        // Nothing: no date, no origin; standard input has no file name.
        let a = parse(&format!("Budget passes\n\n{body}"), "budget.txt");
        assert_eq!(date(&a), (None, None));
        let a = parse(&format!("Budget passes\n\n{body}"), "-");
        assert_eq!(date(&a), (None, None));
        // An implausible date in the URL or file name is none.
        let a =
            parse(&format!("https://example.com/1985/10/11/x\nBudget passes\n{body}"), "2016-02-30_x.txt");
        assert_eq!(date(&a), (None, None));
    }

    #[test]
    fn empty_and_oversized_inputs_are_errors() {
        let o = ParseOptions::default();
        assert!(matches!(parse_text(b"  \n\r\n\0", "x", "x.txt", &o), Err(ParseError::Empty { .. })));
        let small = ParseOptions { max_bytes: 4 };
        let e = parse_text(b"hello world", "x", "x.txt", &small).unwrap_err();
        assert!(e.to_string().starts_with("x.txt: 11 bytes exceeds"), "{e}");
    }
}
