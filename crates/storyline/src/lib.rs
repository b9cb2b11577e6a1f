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

pub use storyline_analyzer as analyzer;
pub use storyline_model as model;
pub use storyline_parser as parser;

pub use storyline_model::{Article, DateStamp, Story};

use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories};
use storyline_model::{DateOrigin, Warning};
use storyline_parser::ParseOptions;

/// How [`analyze_text`] reads an article.
#[derive(Clone, Debug)]
pub struct Options {
    /// The article's id, when its bytes do not give one (a JSON record's `id` does); default
    /// `"article"`.
    pub id: String,
    /// Where the article came from (a path or URL), written as its `source`; default `""`.
    pub source: String,
    /// The publication date of an article that carries none — no date line or record date,
    /// none in its URL, no update date: its time expressions resolve against it, and its
    /// `published_source` is [`DateOrigin::Option`] (the `--date` of the command line).
    pub date: Option<DateStamp>,
    /// Largest article accepted, in bytes (default 16 MiB).
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            id: "article".to_string(),
            source: String::new(),
            date: None,
            max_bytes: storyline_parser::DEFAULT_MAX_BYTES,
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
}

/// Parse and analyse one article: a scraped page as plain text (UTF-8, or UTF-16 with a BOM;
/// invalid bytes are repaired with a warning), or one JSON crawler record (`title`,
/// `maintext` or `text`, `date_publish`, `url`, `id`, …) when its first byte that is not
/// whitespace is `{`. The result is the article of `storyline analyze`, span texts and all
/// (the command line leaves them out of its JSON unless `--span-text`) but the tokens.
pub fn analyze_text(text: impl AsRef<[u8]>, options: &Options) -> Result<Article, Error> {
    let bytes = text.as_ref();
    let parse = ParseOptions { max_bytes: options.max_bytes };
    let mut article = if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        storyline_parser::parse_jsonl_record(bytes.trim_ascii(), &options.id, &options.source, 1, &parse)?
    } else {
        storyline_parser::parse_text(bytes, &options.id, &options.source, &parse)?
    };
    if let (None, Some(d)) = (article.published, options.date) {
        article.published = Some(d);
        article.published_source = Some(DateOrigin::Option);
        article.warnings.push(Warning::new(
            "date-from-option",
            format!("no date in the article; using the fallback date {d} of the options"),
        ));
    }
    Analyzer::new()?.analyze(&mut article);
    article.drop_tokens();
    Ok(article)
}

/// Group analysed articles into stories, in the order given (the grouping depends on it, as
/// for `storyline analyze`): their entities merged, their quotes made statements with every
/// outlet that reported them, and a timeline.
pub fn stories(articles: &[Article]) -> Vec<Story> {
    let summaries: Vec<ArticleSummary> = articles.iter().map(ArticleSummary::of).collect();
    build_stories(&summaries)
}
