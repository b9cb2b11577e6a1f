use serde::{Deserialize, Serialize};

use crate::{EntityType, QuoteAct, QuoteKind};

/// Articles about one news event, with what they share: entities, statements, a timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// `story-1`, `story-2`, … in order of the stories' earliest article.
    pub id: String,
    /// A short label: the most central article's headline, or the leading names.
    pub title: String,
    /// Article ids, in input order.
    pub articles: Vec<String>,
    pub entities: Vec<StoryEntity>,
    pub statements: Vec<Statement>,
    pub timeline: Vec<TimelineEntry>,
}

/// An entity merged across the story's articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryEntity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    /// Articles mentioning it.
    pub articles: Vec<String>,
    /// Mentions over all its articles.
    pub mentions: usize,
}

/// Words attributed to a speaker, possibly reported by several articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// Canonical name of the speaker (merged across articles), or null when unresolved.
    pub speaker: Option<String>,
    /// Whom and what it is about: the canonical names (merged across articles) of the people,
    /// organisations and places its sources' contents name or refer to, the speaker excluded,
    /// in order of first mention over its sources, each once.
    #[serde(default)]
    pub about: Vec<String>,
    pub text: String,
    pub kind: QuoteKind,
    /// What kind of act it reports (its first source's): speech and writing are listed under
    /// "who said what", thoughts and the rest apart.
    #[serde(default)]
    pub act: QuoteAct,
    /// TIMEX3-style date ("2018-09-23"), when known: the date the story's timeline gives it.
    pub date: Option<String>,
    /// Articles reporting it.
    pub articles: Vec<String>,
    /// Each report: article, publisher and where in its text.
    pub sources: Vec<StatementSource>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementSource {
    pub article: String,
    pub publisher: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A dated item of the story: a statement, or an event mentioned in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// TIMEX3-style date value ("2018-06", "2018-09-24").
    pub date: String,
    /// What happened (a statement's speaker and words, or the sentence mentioning the date).
    pub text: String,
    pub kind: TimelineKind,
    pub articles: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    Statement,
    Event,
}
