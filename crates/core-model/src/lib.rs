//! The data model of storyline.
//!
//! An [`Article`] holds its cleaned [`Article::text`] once, and every annotation as a span into
//! it: [`Paragraph`]s, [`Sentence`]s, [`Token`]s, [`Entity`] [`Mention`]s, [`Quote`]s and
//! [`Timex`]es; a [`Story`] gathers what several articles share. Spans are **byte offsets**
//! (`start..end`, end exclusive, always on UTF-8 character boundaries), and
//! [`Article::span_errors`] checks them. The types hold data and offer constructors and
//! accessors only; parsing lives in `storyline-parser`, analysis in `storyline-analyzer`.
//!
//! Serialised (serde), an article is the JSON output of schema version [`SCHEMA_VERSION`];
//! the copies of span texts are left out unless kept for `--span-text`
//! ([`Article::drop_span_text`], [`Article::fill_span_text`]). With the feature `schema`,
//! `schema::json_schema` gives the JSON Schema of every output.
//!
//! ```
//! use storyline_model::{Article, Paragraph, ParagraphRole, Span};
//!
//! let text = "Talks resume\n\nThe two sides met.";
//! let mut article = Article { id: "talks".into(), text: text.into(), ..Article::default() };
//! article.paragraphs.push(Paragraph::new(ParagraphRole::Title, Span::new(0, 12), text));
//! article.paragraphs.push(Paragraph::new(ParagraphRole::Body, Span::new(14, 32), text));
//! assert!(article.span_errors().is_empty());
//! assert_eq!(article.slice(article.body().next().unwrap().span()), "The two sides met.");
//!
//! // Written without the copies of span texts, read back, and the texts derived again.
//! let mut written = article.clone();
//! written.drop_span_text();
//! let json = serde_json::to_string(&written).unwrap();
//! assert!(json.starts_with(r#"{"schema_version":"1","id":"talks""#));
//! let mut read: Article = serde_json::from_str(&json).unwrap();
//! read.fill_span_text();
//! assert_eq!(read, article);
//! ```

#![warn(missing_docs)]

mod agencies;
mod article;
mod check;
mod date;
mod entity;
mod quote;
#[cfg(feature = "schema")]
pub mod schema;
mod span;
mod story;
mod timex;
mod version;

pub use agencies::{NEWS_AGENCIES, NewsAgency};
pub use article::{Article, DateOrigin, Dateline, Paragraph, ParagraphRole, Sentence, Token, Warning};
pub use date::{DateStamp, TimeOfDay};
pub use entity::{Entity, EntityType, Mention, MentionKind};
pub use quote::{Cue, DateSource, Quote, QuoteAct, QuoteDate, QuoteKind, SpeakerMention};
pub use span::Span;
pub use story::{Statement, StatementSource, Story, StoryEntity, TimelineEntry, TimelineKind};
pub use timex::{Timex, TimexType};
pub use version::{SCHEMA_VERSION, SchemaVersion};
