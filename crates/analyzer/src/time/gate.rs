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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::token::{Kind, Tok};

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

type Roles = HashMap<u128, Role, BuildHasherDefault<KeyHasher>>;

fn roles() -> &'static Roles {
    static ROLES: OnceLock<Roles> = OnceLock::new();
    ROLES.get_or_init(|| {
        let mut m = Roles::default();
        for (words, role) in
            [(INNER_WORDS, Role::Inner), (LEAD_WORDS, Role::Lead), (START_WORDS, Role::Start)]
        {
            m.extend(words.iter().map(|&w| (word_key(w).expect("role words have 1 to 16 bytes"), role)));
        }
        m
    })
}

/// A word of 1 to 16 bytes packed into an integer, one-to-one: its length, and its first and
/// last 8 (or 4, or 1) bytes, which overlap and so cover every byte. `None` for longer words,
/// which are no role words.
fn word_key(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let n = b.len();
    let u32_at = |k: usize| b.get(k..k + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]));
    let u64_at = |k: usize| {
        b.get(k..k + 8).map_or(0, |s| u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]))
    };
    let (lo, hi) = match n {
        0 => return None,
        1..=3 => (u64::from(b[0]) | u64::from(b[n / 2]) << 8 | u64::from(b[n - 1]) << 16, 0),
        4..=7 => (u64::from(u32_at(0)), u64::from(u32_at(n - 4))),
        8..=16 => (u64_at(0), u64_at(n - 8)),
        _ => return None,
    };
    Some((u128::from(hi) << 64 | u128::from(lo)) ^ (n as u128) << 120)
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
                    Kind::Word => word_key(&t.low).and_then(|k| roles.get(&k).copied()).unwrap_or(Role::None),
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

/// Hashes a [`word_key`] with one multiplication (the default SipHash costs more than the
/// lookup).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write_u128(&mut self, k: u128) {
        let x = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
        self.0 = (x ^ self.0).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 ^= self.0 >> 32;
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
