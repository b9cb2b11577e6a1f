use serde::{Deserialize, Serialize};

use crate::{EntityType, QuoteAct, QuoteKind};

/// Articles about one news event, with what they share: entities, statements, a timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Story {
    /// `story-1`, `story-2`, … in order of the stories' earliest article.
    pub id: String,
    /// A short label: the most central article's headline, or the leading names.
    pub title: String,
    /// Article ids, in input order.
    pub articles: Vec<String>,
    /// Its entities, merged across its articles.
    pub entities: Vec<StoryEntity>,
    /// Who said what: one per distinct utterance, with every article reporting it.
    pub statements: Vec<Statement>,
    /// Dated statements and events, in date order.
    pub timeline: Vec<TimelineEntry>,
}

/// An entity merged across the story's articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StoryEntity {
    /// Canonical name: the fullest proper form across the articles.
    pub name: String,
    /// Person, organisation, place or other.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other names used for it, sorted.
    pub aliases: Vec<String>,
    /// Titles and roles, sorted.
    pub roles: Vec<String>,
    /// Articles mentioning it.
    pub articles: Vec<String>,
    /// Mentions over all its articles.
    pub mentions: usize,
}

/// Words attributed to a speaker, possibly reported by several articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Statement {
    /// Canonical name of the speaker (merged across articles), or null when unresolved.
    pub speaker: Option<String>,
    /// When no entity resolves the speaker: the words that name them in the first report
    /// ("industry analysts", "the US military"), for display; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_words: Option<String>,
    /// Whom and what it is about: the canonical names (merged across articles) of the people,
    /// organisations and places its sources' contents name or refer to, the speaker excluded,
    /// in order of first mention over its sources, each once.
    #[serde(default)]
    pub about: Vec<String>,
    /// The words, as the first article reporting them has them.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What kind of act it reports (its first source's): speech and writing are listed under
    /// "who said what", thoughts and the rest apart.
    #[serde(default)]
    pub act: QuoteAct,
    /// TIMEX3-style date ("2018-09-23"), when known: the date the story's timeline gives it.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::TimexValue>"))]
    pub date: Option<String>,
    /// Articles reporting it.
    pub articles: Vec<String>,
    /// Each report: article, publisher and where in its text.
    pub sources: Vec<StatementSource>,
}

/// One article reporting a statement, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatementSource {
    /// The article's id.
    pub article: String,
    /// The outlet credited, when known.
    pub publisher: Option<String>,
    /// Byte offset of the quote's start in that article's `text`.
    pub start: usize,
    /// Byte offset of the quote's end in that article's `text` (exclusive).
    pub end: usize,
}

/// A dated item of the story: a statement, or an event mentioned in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TimelineEntry {
    /// TIMEX3-style date value ("2018-06", "2018-09-24").
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimexValue"))]
    pub date: String,
    /// What happened (a statement's speaker and words, or the sentence mentioning the date).
    pub text: String,
    /// A statement or an event.
    pub kind: TimelineKind,
    /// Articles it comes from.
    pub articles: Vec<String>,
}

/// What a timeline entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// A dated statement.
    Statement,
    /// An event the text dates.
    Event,
}
