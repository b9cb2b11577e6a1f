use serde::{Deserialize, Serialize};

use crate::Span;

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (`2018-09-23`, `2018-W38`).
    Date,
    /// A time of day (`2018-09-24T10:27`, `2018-09-24TMO`).
    Time,
    /// A length of time (`P2Y`).
    Duration,
    /// A recurrence (`every week`: `P1W`).
    Set,
}

impl TimexType {
    /// The TIMEX3 label: `DATE`, `TIME`, `DURATION`, `SET`.
    pub const fn label(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression with its TIMEX3 normalized value (`2018-09-23`, `P1Y`, `XXXX-WXX-5`,
/// `PAST_REF`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Timex {
    /// The expression as written (in the article output only with `--span-text`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Its TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimexValue"))]
    pub value: String,
    /// Byte offset of its start in the article's `text`.
    pub start: usize,
    /// Byte offset of its end in the article's `text` (exclusive).
    pub end: usize,
}

impl Timex {
    /// Its span.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
