//! A cheap test of whether any rule can find a time expression starting at a token, so that
//! `Rules::best` tries the rule families only where they can match (a few tokens in ten).
//!
//! Each word gets a [`Role`] from one hash lookup of its lowercase form (packed into an
//! integer key). The gate is sound by construction of the word lists below:
//!
//! * every candidate of `Rules::best_ungated(i)` starts with a number, `'` before a number
//!   ("the '80s", "fiscal '90"), or a word of [`LEAD_WORDS`] or [`START_WORDS`];
//! * a candidate starting with a [`LEAD_WORDS`] word (a determiner, approximator or
//!   quantifier, which never form an expression alone) has a number, `'` before a number, or
//!   a word of [`START_WORDS`] or [`INNER_WORDS`] among its next [`LEAD_REACH`] tokens ("the
//!   past two years", "no more than a year", "the end of the year").
//!
//! A rule that accepts a new first word, a new head noun, or a longer run of function words
//! must extend these lists. The test `start_gate_is_safe` checks the gate against the
//! ungated rules on every word literal of the rules and the lexicon in many contexts.

use std::sync::OnceLock;

use super::token::{Kind, Tok};
use crate::packed::{PackedMap, pack};

/// What a token can be in a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Neither starts nor anchors an expression.
    None,
    /// Starts an expression only if an anchor follows within [`LEAD_REACH`] tokens.
    Lead,
    /// Can start an expression, and anchors one.
    Start,
    /// Never starts an expression but can anchor one ("the time", "the near term").
    Inner,
}

impl Role {
    fn anchors(self) -> bool {
        matches!(self, Role::Start | Role::Inner)
    }
}

/// How far after a [`Role::Lead`] word its anchor may be: "no more than a year" has it at 4.
const LEAD_REACH: usize = 4;

/// Function words that start expressions only before an anchor.
#[rustfmt::skip]
const LEAD_WORDS: &[&str] = &[
    // determiners
    "the", "a", "an", "its", "their", "this", "that", "these",
    // approximators and vague quantifiers
    "about", "around", "approximately", "roughly", "nearly", "almost", "more", "less", "fewer", "at",
    "up", "no", "within", "over", "just", "only", "most", "right", "as", "some", "many", "several",
];

/// Every other word that can be the first token of a candidate (the token at `i` in
/// `Rules::best_ungated(i)`), lowercase. All of them anchor expressions.
#[rustfmt::skip]
const START_WORDS: &[&str] = &[
    // numbers and quantities (`number`, `year_at`, `day_number`)
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "few", "numerous", "couple", "dozen", "half",
    // ordinals (`day_number`, `year_phrase`, `quarter_phrase`)
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth",
    // relation words
    "past", "last", "next", "coming", "recent", "current", "comparable", "corresponding", "same",
    "previous", "prior", "latest",
    // modifiers (`date_mod`, `part_of_day_first`, `year_phrase`, `season_phrase`)
    "early", "late", "earlier", "later", "mid", "end",
    // sets
    "daily", "hourly", "weekly", "monthly", "annually", "yearly", "nightly", "every", "each", "per",
    // weekdays, full, plural and abbreviated
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays",
    "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    // months
    "january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun",
    "july", "jul", "august", "aug", "september", "sep", "sept", "october", "oct", "november", "nov",
    "december", "dec",
    // seasons
    "winter", "spring", "summer", "fall", "autumn",
    // years and fiscal years
    "year", "fiscal", "calendar", "model",
    // days relative to the DCT, clock words, parts of the day
    "today", "yesterday", "tomorrow", "tonight", "noon", "midday", "midnight", "morning",
    "mornings", "afternoon", "afternoons", "evening", "evenings", "night", "nights", "overnight",
    // vague references
    "now", "currently", "presently", "nowadays", "recently", "once", "future", "soon",
    // units (bare plural units: "for years")
    "sec", "seconds", "secs", "minute", "min", "minutes", "mins", "hour", "hr", "hours", "hrs",
    "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "yr", "years", "yrs",
    "decade", "decades", "century", "centuries", "millennium", "millennia", "millenniums",
];

/// Words that anchor an expression begun by a [`LEAD_WORDS`] word without starting one.
#[rustfmt::skip]
const INNER_WORDS: &[&str] = &[
    // vague references: "at the time", "the near term", "a while", "this crucial moment",
    // "at present", "as soon as possible", "a later date"
    "time", "term", "while", "moment", "present", "possible", "date",
    // "the weekend", "the latest period", "the first half-year"
    "weekend", "period",
    // decades: "the nineties"
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
];

type Roles = PackedMap<Role>;

fn roles() -> &'static Roles {
    static ROLES: OnceLock<Roles> = OnceLock::new();
    ROLES.get_or_init(|| {
        let mut m = Roles::default();
        for (words, role) in
            [(INNER_WORDS, Role::Inner), (LEAD_WORDS, Role::Lead), (START_WORDS, Role::Start)]
        {
            m.extend(
                words.iter().map(|&w| (pack(w.as_bytes()).expect("role words have at most 15 bytes"), role)),
            );
        }
        m
    })
}

/// The [`Role`] of every token of a text.
pub(crate) struct Gate(Vec<Role>);

impl Gate {
    #[inline(never)]
    pub fn new(toks: &[Tok<'_>]) -> Gate {
        let roles = roles();
        Gate(
            toks.iter()
                .enumerate()
                .map(|(k, t)| match t.kind {
                    // numbers start dates, times and durations; `'` before a number a decade
                    // ("the '80s") or a fiscal year ("fiscal '90")
                    Kind::Num => Role::Start,
                    Kind::Punct if t.raw == "'" => {
                        if toks.get(k + 1).is_some_and(|n| n.kind == Kind::Num) {
                            Role::Start
                        } else {
                            Role::None
                        }
                    }
                    Kind::Punct => Role::None,
                    Kind::Word => {
                        pack(t.low.as_bytes()).and_then(|k| roles.get(&k).copied()).unwrap_or(Role::None)
                    }
                })
                .collect(),
        )
    }

    /// Whether any rule can produce a candidate starting at token `i`.
    pub fn may_start(&self, i: usize) -> bool {
        match self.0.get(i) {
            Some(Role::Start) => true,
            Some(Role::Lead) => {
                let ahead = self.0.get(i + 1..).unwrap_or_default();
                ahead.iter().take(LEAD_REACH).any(|r| r.anchors())
            }
            _ => false,
        }
    }
}
