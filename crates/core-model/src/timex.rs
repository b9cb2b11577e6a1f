use serde::{Deserialize, Serialize};

use crate::Span;

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
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
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TIMEX3 value.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::TimexValue"))]
    pub value: String,
    pub start: usize,
    pub end: usize,
}

impl Timex {
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}
