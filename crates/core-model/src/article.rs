use serde::{Deserialize, Serialize};

use crate::{DateStamp, Entity, Quote, Span, Timex};

/// One news article: its metadata, the cleaned text, and every annotation as spans into it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// File stem, or the record id for JSONL input.
    pub id: String,
    /// Where the article came from: a path, `path:line` for JSONL records, or a URL.
    pub source: String,
    /// The article's web address: the `url` field of a JSONL record, or the URL a scraped text
    /// opens with on a line of its own.
    pub url: Option<String>,
    pub title: Option<String>,
    pub standfirst: Option<String>,
    pub published: Option<DateStamp>,
    /// Where [`Article::published`] came from (`None` when there is no date).
    pub published_source: Option<DateOrigin>,
    pub updated: Option<DateStamp>,
    pub authors: Vec<String>,
    /// The outlet or wire credited: "CNN Wire", "Yonhap", "AP".
    pub publisher: Option<String>,
    pub dateline: Option<Dateline>,
    /// ISO 639-1 code when known ("en").
    pub language: Option<String>,
    /// The cleaned text (UTF-8, `\n` line ends, no BOM or NUL) every span indexes into.
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// All tokens of the article in text order; sentences refer to them by index range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
    /// People, organisations and places (empty until analysed).
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Quotes and reported speech (empty until analysed).
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Time expressions (empty until analysed).
    #[serde(default)]
    pub timexes: Vec<Timex>,
    /// Problems met while reading this article that did not stop it (lossy decoding, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Article {
    /// The text a span covers (`""` for a span outside the text).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Paragraphs with the given role, in text order.
    pub fn paragraphs_with(&self, role: ParagraphRole) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(move |p| p.role == role)
    }

    /// The body paragraphs, in text order.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs_with(ParagraphRole::Body)
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.first_token..sentence.end_token).unwrap_or(&[])
    }
}

/// Where an article's publication date came from, from the most to the least explicit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    /// A date line (`Published: Sep. 24, 2018`) of the article's text.
    Text,
    /// A date field of the JSONL record (`date_publish`).
    Record,
    /// The article's URL (`/2013/05/03/`, `/2013/may/03/`, `-20130504`).
    Url,
    /// The input file's name (`breitbart_2016-10-12_…`, `20161012-…`).
    FileName,
    /// Only the date of the last update was known.
    Updated,
    /// The `--date` option of the command line (no date in or about the article).
    Option,
}

/// What a paragraph is for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    Title,
    Standfirst,
    /// Date, byline and credit lines (`Updated: …`, `Posted By: CNN Wire`).
    Metadata,
    Body,
    /// Photo and image captions.
    Caption,
    /// Scraped page furniture: widgets, share/subscribe lines, "Read more".
    Boilerplate,
}

/// A paragraph (or a metadata/boilerplate line) of the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub role: ParagraphRole,
    pub start: usize,
    pub end: usize,
    /// The paragraph's text (`text[start..end]`), repeated for readers of the JSON.
    pub text: String,
}

impl Paragraph {
    pub fn new(role: ParagraphRole, span: Span, article_text: &str) -> Self {
        Paragraph { role, start: span.start, end: span.end, text: span.slice(article_text).to_string() }
    }

    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A sentence: its span, the paragraph it belongs to and its tokens `first_token..end_token`
/// in [`Article::tokens`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    pub first_token: usize,
    pub end_token: usize,
}

impl Sentence {
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A token; serialized compactly as `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub const fn new(start: usize, end: usize) -> Self {
        Token { start, end }
    }

    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

impl From<(usize, usize)> for Token {
    fn from((start, end): (usize, usize)) -> Self {
        Token { start, end }
    }
}

impl From<Token> for (usize, usize) {
    fn from(t: Token) -> Self {
        (t.start, t.end)
    }
}

/// The dateline that opens a wire story: `SEOUL, Sept. 21 (Yonhap) --`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// The whole dateline as written.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The place ("SEOUL", "WASHINGTON").
    pub place: Option<String>,
    /// The date as written ("Sept. 21").
    pub date_text: Option<String>,
    /// The date resolved against the article's publication date, when it can be.
    pub date: Option<DateStamp>,
    /// The wire credit inside it ("Yonhap", "AP").
    pub credit: Option<String>,
}

/// A problem met while reading an article that did not stop it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { code: code.into(), message: message.into() }
    }
}
