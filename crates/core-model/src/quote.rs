use serde::{Deserialize, Serialize};

use crate::Span;

/// Direct (in quote marks), indirect (reported speech) or mixed (partly quoted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// In quote marks: the speaker's own words.
    Direct,
    /// Reported speech, without quote marks.
    Indirect,
    /// Reported speech holding quoted words.
    Mixed,
}

/// What kind of act the cue reports: words spoken, words written, a thought or belief, or
/// something else (a finding, a vote, an endorsement).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuoteAct {
    /// said, told, added, asked, …; also a quote with no cue.
    #[default]
    Speech,
    /// wrote, tweeted, posted, …
    Writing,
    /// believes, thinks, hopes, worried, …
    Thought,
    /// found that, according to, endorsed, …
    Other,
}

/// The verb or phrase that attributes the quote ("said", "according to").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Cue {
    /// The cue as written (in the article output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Dictionary form ("say" for "said").
    pub lemma: String,
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
}

/// The words in the text that name the speaker ("Pompeo", "he", "the top US diplomat").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpeakerMention {
    /// The words as written (in the article output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
}

/// Where a quote's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A time expression attached to the cue ("said Sunday").
    Stated,
    /// The article's own date.
    Article,
}

/// When a quote was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QuoteDate {
    /// TIMEX3-style value ("2018-09-23").
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimexValue"))]
    pub value: String,
    /// Stated with the cue, or the article's date.
    pub source: DateSource,
}

/// One attribution: who said what.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Quote {
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What kind of act the cue reports (speech when there is no cue).
    #[serde(default)]
    pub act: QuoteAct,
    /// The content as written (spans joined by a space when discontinuous; in the article
    /// output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Start and end of the whole content.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
    /// The content spans (more than one when the cue interrupts it).
    pub content: Vec<Span>,
    /// Canonical name of the resolved speaker entity.
    pub speaker: Option<String>,
    /// Index of the speaker in [`crate::Article::entities`].
    pub speaker_entity: Option<usize>,
    /// The words naming the speaker in the text.
    pub speaker_mention: Option<SpeakerMention>,
    /// Confidence of the speaker resolution, 0..=1.
    pub speaker_confidence: Option<f32>,
    /// The verb or phrase attributing it.
    pub cue: Option<Cue>,
    /// When it was said.
    pub date: Option<QuoteDate>,
    /// Where it was said ("ABC's \"This Week\"", "an interview with MSNBC").
    pub venue: Option<String>,
    /// Canonical names of the people, organisations and places the content names or refers
    /// to (through a pronoun or description linked to them), the speaker excluded: in order of
    /// first mention, each once.
    #[serde(default)]
    pub about: Vec<String>,
}
