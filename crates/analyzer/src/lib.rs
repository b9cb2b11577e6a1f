//! Analysis of parsed [`storyline_model::Article`]s: named entities, quotes and reported
//! speech, time expressions, and the cross-article story layer.
//!
//! [`Analyzer`] (in [`pipeline`]) runs the per-article stages in order — the [`ner`] tagger,
//! [`entities`], [`time`] expressions, [`quotes`], then [`attribution`] of speakers, topics and
//! dates — each adding its annotations to an [`Article`](storyline_model::Article) as spans into
//! its text. The [`story`] layer then groups articles, through their
//! [`ArticleSummary`](story::ArticleSummary)s, into [`Story`](storyline_model::Story)s. This
//! crate knows nothing of how articles are read: any `Article` will do. (The `storyline` crate
//! chains the parser and this crate in one call, `storyline::analyze_text`.)
//!
//! ```
//! let page = "Talks resume\n\nSep. 24, 2018\n\n\
//!             \"We will meet again soon,\" US Secretary of State Mike Pompeo said on Sunday.\n";
//! let mut article =
//!     storyline_parser::parse_text(page.as_bytes(), "talks", "talks.txt", &Default::default())?;
//! let analyzer = storyline_analyzer::Analyzer::new()?;
//! analyzer.analyze(&mut article);
//! let quote = &article.quotes[0];
//! assert_eq!(quote.speaker.as_deref(), Some("Mike Pompeo"));
//! assert_eq!(article.slice(quote.content[0]), "\"We will meet again soon,\"");
//! assert_eq!(quote.date.as_ref().map(|d| d.value.as_str()), Some("2018-09-23"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod attribution;
pub mod entities;
pub mod ner;
mod packed;
pub mod pipeline;
pub mod quotes;
pub mod story;
pub mod time;

pub use pipeline::Analyzer;
