use serde::{Deserialize, Serialize};

use crate::{DateStamp, Entity, Quote, SchemaVersion, Span, Timex};

/// One news article: its metadata, the cleaned text, and every annotation as spans into it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Article {
    /// The version of the output schema: `"1"` (written first; checked when read back).
    #[serde(default)]
    pub schema_version: SchemaVersion,
    /// File stem, the record id for JSONL input, or the `WARC-Record-ID` of a page read from a
    /// WARC archive.
    pub id: String,
    /// Where the article came from: a path, `path:line` for JSONL records, or a URL (a JSONL
    /// record's, a WARC record's target).
    pub source: String,
    /// The article's web address: the `url` field of a JSONL record, the URL a scraped text
    /// opens with on a line of its own, an HTML page's canonical URL, or a WARC record's
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The standfirst (dek): the sentence or two under the headline.
    pub standfirst: Option<String>,
    /// The publication date, with the precision its source gave.
    pub published: Option<DateStamp>,
    /// Where [`Article::published`] came from (`None` when there is no date).
    pub published_source: Option<DateOrigin>,
    /// The date of the last update, when the page gives one.
    pub updated: Option<DateStamp>,
    /// The people of the byline.
    pub authors: Vec<String>,
    /// The outlet or wire credited: "CNN Wire", "Yonhap", "AP".
    pub publisher: Option<String>,
    /// The dateline a wire story opens with.
    pub dateline: Option<Dateline>,
    /// ISO 639-1 code when known ("en").
    pub language: Option<String>,
    /// The cleaned text (UTF-8, `\n` line ends, no BOM or NUL) every span indexes into.
    pub text: String,
    /// Paragraphs and metadata/boilerplate lines, in text order, each with its role.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences, in text order.
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

    /// The article's own date, the reference of its relative dates ("today", "Friday"): the
    /// date of its dateline (a wire story's "SEOUL, Sept. 21 (Yonhap) --", resolved against the
    /// publication date) when it has one, else the publication date. A wire story put on a
    /// page days after it was filed keeps the day it was written.
    pub fn own_date(&self) -> Option<DateStamp> {
        match (self.dateline.as_ref().and_then(|d| d.date), self.published) {
            (Some(d), Some(p)) if d.date_only() == p.date_only() => Some(p),
            (Some(d), _) => Some(d),
            (None, p) => p,
        }
    }

    /// The body paragraphs, in text order.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs_with(ParagraphRole::Body)
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.first_token..sentence.end_token).unwrap_or(&[])
    }

    /// Drop the tokens, and the sentences' token ranges with them (`0..0`, not written): what
    /// the output holds unless `parse --tokens` asks for them.
    pub fn drop_tokens(&mut self) {
        self.tokens = Vec::new();
        for s in &mut self.sentences {
            (s.first_token, s.end_token) = (0, 0);
        }
    }

    /// Empty every copy of a span's text (`text` of the paragraphs, the dateline, entity
    /// mentions, quotes, their cues and speaker mentions, and time expressions): the output
    /// leaves them out unless `--span-text` asks for them, as [`Article::text`] holds them all.
    /// [`Article::fill_span_text`] brings them back.
    pub fn drop_span_text(&mut self) {
        for p in &mut self.paragraphs {
            p.text = String::new();
        }
        if let Some(d) = &mut self.dateline {
            d.text = String::new();
        }
        for m in self.entities.iter_mut().flat_map(|e| &mut e.mentions) {
            m.text = String::new();
        }
        for q in &mut self.quotes {
            q.text = String::new();
            if let Some(c) = &mut q.cue {
                c.text = String::new();
            }
            if let Some(m) = &mut q.speaker_mention {
                m.text = String::new();
            }
        }
        for t in &mut self.timexes {
            t.text = String::new();
        }
    }

    /// Set every copy of a span's text from the spans (the inverse of
    /// [`Article::drop_span_text`], for an article read back from output written without
    /// `--span-text`): a quote's text is its content spans joined by a space.
    pub fn fill_span_text(&mut self) {
        let text = &self.text;
        let copy = |start: usize, end: usize| Span::new(start, end).slice(text).to_string();
        for p in &mut self.paragraphs {
            p.text = copy(p.start, p.end);
        }
        if let Some(d) = &mut self.dateline {
            d.text = copy(d.start, d.end);
        }
        for m in self.entities.iter_mut().flat_map(|e| &mut e.mentions) {
            m.text = copy(m.start, m.end);
        }
        for q in &mut self.quotes {
            q.text = q.content.iter().map(|s| s.slice(text)).collect::<Vec<_>>().join(" ");
            if let Some(c) = &mut q.cue {
                c.text = copy(c.start, c.end);
            }
            if let Some(m) = &mut q.speaker_mention {
                m.text = copy(m.start, m.end);
            }
        }
        for t in &mut self.timexes {
            t.text = copy(t.start, t.end);
        }
    }
}

/// Where an article's publication date came from, from the most to the least explicit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// The metadata of an HTML page: JSON-LD (`datePublished`), `article:published_time` and
    /// other meta tags, or a `<time>` element.
    Page,
    /// The date a web archive (WARC) recorded the page at (`WARC-Date`): when it was fetched.
    Archive,
}

/// What a paragraph is for the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ParagraphRole {
    /// The headline.
    Title,
    /// The standfirst under the headline.
    Standfirst,
    /// Date, byline and credit lines (`Updated: …`, `Posted By: CNN Wire`).
    Metadata,
    /// The article's own text.
    Body,
    /// Photo and image captions.
    Caption,
    /// Scraped page furniture: widgets, share/subscribe lines, "Read more".
    Boilerplate,
}

/// A paragraph (or a metadata/boilerplate line) of the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Paragraph {
    /// What it is for the reader.
    pub role: ParagraphRole,
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
    /// The paragraph's text (`text[start..end]`): in memory always, in the output only with
    /// `--span-text` (see [`Article::drop_span_text`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Paragraph {
    /// A paragraph of `role` over `span` of `article_text`.
    pub fn new(role: ParagraphRole, span: Span, article_text: &str) -> Self {
        Paragraph { role, start: span.start, end: span.end, text: span.slice(article_text).to_string() }
    }

    /// Its span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A sentence: its span, the paragraph it belongs to and its tokens `first_token..end_token`
/// in [`Article::tokens`].
///
/// In the output the token range is written only when the tokens are (`parse --tokens`): a
/// sentence never points at tokens that are not there. A sentence has one token at least, so
/// `end_token == 0` stands for "no tokens" (see [`Article::drop_tokens`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SentenceRecord", into = "SentenceRecord")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sentence {
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
    /// Index of its paragraph in [`Article::paragraphs`].
    pub paragraph: usize,
    /// Index of its first token in [`Article::tokens`].
    pub first_token: usize,
    /// Index after its last token in [`Article::tokens`] (0: no tokens).
    pub end_token: usize,
}

/// A [`Sentence`] as written: the token range only when there are tokens.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Sentence"))]
struct SentenceRecord {
    start: usize,
    end: usize,
    /// Index of the sentence's paragraph in the article's `paragraphs`.
    paragraph: usize,
    /// Index of its first token in the article's `tokens` (only when they are written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "usize"))]
    first_token: Option<usize>,
    /// Index after its last token in the article's `tokens` (only when they are written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "usize"))]
    end_token: Option<usize>,
}

impl From<Sentence> for SentenceRecord {
    fn from(s: Sentence) -> Self {
        let Sentence { start, end, paragraph, first_token, end_token } = s;
        let tokens = end_token > 0;
        SentenceRecord {
            start,
            end,
            paragraph,
            first_token: tokens.then_some(first_token),
            end_token: tokens.then_some(end_token),
        }
    }
}

impl From<SentenceRecord> for Sentence {
    fn from(s: SentenceRecord) -> Self {
        let SentenceRecord { start, end, paragraph, first_token, end_token } = s;
        Sentence {
            start,
            end,
            paragraph,
            first_token: first_token.unwrap_or(0),
            end_token: end_token.unwrap_or(0),
        }
    }
}

impl Sentence {
    /// Its span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A token: its span `{start, end}`, the same shape as every other span of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Token {
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
}

impl Token {
    /// A token over `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Token { start, end }
    }

    /// Its span.
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dateline {
    /// The whole dateline as written (`text[start..end]`; in the output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    /// A short stable code (`utf16`, `lossy-utf8`, `duplicate_id`, …).
    pub code: String,
    /// What happened, for people.
    pub message: String,
}

impl Warning {
    /// A warning with its code and message.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { code: code.into(), message: message.into() }
    }
}
