//! Analysis of parsed [`storyline_model::Article`]s: named entities, quotes and reported
//! speech, time expressions, and the cross-article story layer.
//!
//! The analyses land here one by one; each works on an `Article` produced by
//! `storyline-parser` and adds its annotations as spans into the article's text.

pub mod attribution;
pub mod entities;
pub mod ner;
mod packed;
pub mod pipeline;
pub mod quotes;
pub mod story;
pub mod time;

pub use pipeline::Analyzer;
