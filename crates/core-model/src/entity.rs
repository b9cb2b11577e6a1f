use serde::{Deserialize, Serialize};

use crate::Span;

/// CoNLL-2003 entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum EntityType {
    /// A person (`PER`).
    #[serde(rename = "PER")]
    Person,
    /// An organisation (`ORG`).
    #[serde(rename = "ORG")]
    Organization,
    /// A place (`LOC`).
    #[serde(rename = "LOC")]
    Location,
    /// Another name: events, nationalities, works (`MISC`).
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// The CoNLL label: `PER`, `ORG`, `LOC`, `MISC`.
    pub const fn label(self) -> &'static str {
        match self {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Location => "LOC",
            EntityType::Misc => "MISC",
        }
    }
}

/// How an entity is mentioned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A proper name ("Donald Trump", "Trump").
    #[default]
    Name,
    /// A personal pronoun ("he", "she").
    Pronoun,
    /// A definite description ("the top US diplomat", "the president").
    Descriptor,
    /// An adjective of nationality tied to a place ("South Korean").
    Demonym,
}

/// One mention of an entity in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mention {
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
    /// `text[start..end]` of the article (in the article output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// A name, pronoun, description or demonym.
    #[serde(default)]
    pub kind: MentionKind,
    /// Confidence that the mention belongs to its entity, 0..=1 (1 for names).
    #[serde(default = "one")]
    pub confidence: f32,
}

fn one() -> f32 {
    1.0
}

impl Mention {
    /// A mention over `span` with its text.
    pub fn new(span: Span, text: impl Into<String>, kind: MentionKind, confidence: f32) -> Self {
        Mention { start: span.start, end: span.end, text: text.into(), kind, confidence }
    }

    /// Its span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A person, organisation, place or other named thing of one article (or, merged, of a story).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Entity {
    /// Canonical name: the fullest proper form ("Donald Trump").
    pub name: String,
    /// Person, organisation, place or other.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Other names used for it ("Trump", "President Donald Trump"), sorted.
    pub aliases: Vec<String>,
    /// Titles and roles split off its mentions ("US Secretary of State").
    pub roles: Vec<String>,
    /// Every mention in the article, in text order.
    pub mentions: Vec<Mention>,
}
