//! A cheap test of whether any rule can find a time expression starting at a token, so that
//! `Rules::best` tries the rule families only where they can match (a few tokens in ten).
//!
//! Each word gets a [`Role`] (while tokenizing) from one lookup of its lowercase form packed
//! into an integer key, in a table built at compile time. The gate is sound by construction
//! of the word lists below:
//!
//! * every candidate of `Rules::best_ungated(i)` starts with a number, `'` before a number
//!   ("the '80s", "fiscal '90"), or a word of [`LEAD_WORDS`], [`START_WORDS`] or
//!   [`COUNT_WORDS`];
//! * a candidate starting with a [`LEAD_WORDS`] word (a determiner, approximator or
//!   quantifier, which never form an expression alone) has a number, `'` before a number, or
//!   a word of [`START_WORDS`], [`COUNT_WORDS`] or [`INNER_WORDS`] among its next
//!   [`LEAD_REACH`] tokens ("the
//!   past two years", "no more than a year", "the end of the year");
//! * every token between that first word and the first such anchor is punctuation or a word
//!   of [`LEAD_WORDS`] or [`GLUE_WORDS`] (the rules compare every word there with literals:
//!   "the beginning of the year", "a full year", "the near future"). Most determiners in
//!   running text fail here ("the company said Monday");
//! * a candidate starting with a number that is not of four digits (not a year) or with a
//!   word of [`COUNT_WORDS`] continues it with punctuation other than `.` and `,` ("10:27",
//!   "9/24", "two-year"), with `.` or `,` before another number ("2.5 years", "2,500
//!   years"), with a word of [`NUMBER_SUFFIXES`] ("10 pm", "3rd quarter", "two thousand"),
//!   or with a run of [`LEAD_WORDS`] and [`GLUE_WORDS`] up to a number or a word of
//!   [`START_WORDS`], [`COUNT_WORDS`] or [`INNER_WORDS`] within [`NUMBER_REACH`] tokens ("12
//!   to 18 months", "30 trading days"). Most amounts fail here ("20 percent", "30 people",
//!   "one of them").
//!
//! A rule that accepts a new first word, a new head noun, or a longer run of function words
//! must extend these lists. The test `start_gate_is_safe` checks the gate against the
//! ungated rules on every word literal of the rules and the lexicon in many contexts.

use super::token::{Kind, NO_KEY, TimeToken, lit};
use crate::packed::Packed;

/// What a token can be in a time expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Neither starts nor anchors an expression.
    None,
    /// Starts an expression only if an anchor follows within [`LEAD_REACH`] tokens.
    Lead,
    /// Can start an expression, and anchors one.
    Start,
    /// A number word: anchors an expression, and starts one only before punctuation, a word
    /// of [`NUMBER_SUFFIXES`], or a run of [`Role::Lead`] and [`Role::Glue`] tokens up to an
    /// anchor (as numbers of other than four digits do, which are [`Role::Start`]).
    Count,
    /// Never starts an expression but can anchor one ("the time", "the near term").
    Inner,
    /// Neither starts nor anchors an expression, but can stand between a [`Role::Lead`] word
    /// and its anchor ("the *beginning of* the year"); also every punctuation token.
    Glue,
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
    // quantities (`number`)
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
    "daily", "hourly", "weekly", "monthly", "nightly", "every", "each", "per",
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
    "now", "currently", "presently", "nowadays", "recently", "once", "future", "soon", "then",
    // units (bare plural units: "for years")
    "sec", "seconds", "secs", "minute", "min", "minutes", "mins", "hour", "hr", "hours", "hrs",
    "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "yr", "years", "yrs",
    "decade", "decades", "century", "centuries", "millennium", "millennia", "millenniums",
];

/// Numbers spelled out (`number`, `year_at`, `day_number`): like numbers of other than four
/// digits, they start expressions only before what [`Gate::may_start`] looks for.
#[rustfmt::skip]
const COUNT_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
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

/// How far after a number its anchor may be: "2 1/2 to 3 1/2 more years" has it at 9.
const NUMBER_REACH: usize = 16;

/// Words right after a number that make it a clock time, an ordinal, a decade or a spelled
/// year ("10 pm", "5 a.m.", "10 o'clock", "3rd", "1990s", "two thousand").
const NUMBER_SUFFIXES: [Packed; 11] = [
    lit("am"),
    lit("pm"),
    lit("a"),
    lit("p"),
    lit("o"),
    lit("s"),
    lit("st"),
    lit("nd"),
    lit("rd"),
    lit("th"),
    lit("thousand"),
];

/// Words that can stand between a [`LEAD_WORDS`] word and the anchor of its expression,
/// neither starting nor anchoring one.
#[rustfmt::skip]
const GLUE_WORDS: &[&str] = &[
    // "more than", "at least", "up to" (approximators); "12 to 18 months", "one or two years"
    "than", "least", "to", "or",
    // "the preceding week", "the ensuing months", "the remaining two years" (relation words)
    "preceding", "following", "ensuing", "upcoming", "final", "initial", "remaining",
    // "a hundred years" (numbers)
    "hundred", "thousand",
    // "a full year", "the past three trading days" (adjectives before a unit)
    "full", "additional", "extra", "straight", "consecutive", "trading", "business", "working",
    "whole", "long",
    // "the beginning of the year", "the latter half of" (date modifiers)
    "beginning", "start", "middle", "rest", "close", "of", "latter",
    // "the just ended quarter"
    "ended", "completed", "finished",
    // "this crucial moment", "the near future", "the longer term" (vague references)
    "crucial", "near", "immediate", "foreseeable", "distant", "short", "longer", "medium",
];

/// Slots of [`ROLES`]: a power of two, four times the number of listed words or more, so
/// that a lookup of a word not listed mostly ends at its first slot.
const SLOTS: usize = 2048;

/// The roles of the listed words: an open-addressing table of their packed forms (linear
/// probing; an empty slot has the key [`NO_KEY`], which no listed word has), built at
/// compile time.
struct RoleTable {
    keys: [Packed; SLOTS],
    roles: [Role; SLOTS],
}

/// The home slot of a packed word.
const fn slot(key: Packed) -> usize {
    let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(crate::packed::GOLDEN);
    (h >> (64 - SLOTS.trailing_zeros())) as usize
}

static ROLES: RoleTable = {
    let mut t = RoleTable { keys: [NO_KEY; SLOTS], roles: [Role::None; SLOTS] };
    let lists: [(&[&str], Role); 5] = [
        (GLUE_WORDS, Role::Glue),
        (COUNT_WORDS, Role::Count),
        (INNER_WORDS, Role::Inner),
        (LEAD_WORDS, Role::Lead),
        (START_WORDS, Role::Start),
    ];
    let mut l = 0;
    while l < lists.len() {
        let (words, role) = lists[l];
        let mut n = 0;
        while n < words.len() {
            let key = lit(words[n]);
            let mut s = slot(key);
            while t.keys[s] != NO_KEY && t.keys[s] != key {
                s = (s + 1) % SLOTS;
            }
            // a word in two lists keeps the role of the later list
            t.keys[s] = key;
            t.roles[s] = role;
            n += 1;
        }
        l += 1;
    }
    t
};

/// The [`Role`] of a word, given its lowercase form packed.
pub(crate) fn word_role(key: Packed) -> Role {
    let mut s = slot(key);
    // (the table is never full, so the probe ends)
    loop {
        let k = ROLES.keys[s];
        if k == key {
            return ROLES.roles[s];
        }
        if k == NO_KEY {
            return Role::None;
        }
        s = (s + 1) % SLOTS;
    }
}

/// The [`Role`]s of the tokens of a text (computed by the tokenizer: numbers are
/// [`Role::Start`], `'` before a number too, other punctuation [`Role::Glue`], words
/// [`word_role`]).
pub(crate) struct Gate<'a> {
    toks: &'a [TimeToken],
}

impl<'a> Gate<'a> {
    pub fn new(toks: &'a [TimeToken]) -> Gate<'a> {
        Gate { toks }
    }

    /// The packed lowercase form of token `i`, [`NO_KEY`] past the end.
    fn key(&self, i: usize) -> Packed {
        self.toks.get(i).map_or(NO_KEY, |t| t.key)
    }

    /// Whether any rule can produce a candidate starting at token `i`.
    pub fn may_start(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        match t.role {
            Role::Count => self.count_may_start(i),
            Role::Start if t.kind == Kind::Num && t.len() != 4 => self.count_may_start(i),
            Role::Start => true,
            Role::Lead => self.anchor_ahead(i, LEAD_REACH),
            _ => false,
        }
    }

    /// [`Gate::may_start`] for a number of other than four digits or a word of
    /// [`COUNT_WORDS`] at `i`.
    fn count_may_start(&self, i: usize) -> bool {
        if let Some(n) = self.toks.get(i + 1)
            && n.kind == Kind::Punct
        {
            let k = self.key(i + 1);
            let separator = k == lit(".") || k == lit(",");
            return !separator || self.toks.get(i + 2).is_some_and(|n| n.kind == Kind::Num);
        }
        if NUMBER_SUFFIXES.contains(&self.key(i + 1)) {
            return true;
        }
        self.anchor_ahead(i, NUMBER_REACH)
    }

    /// Whether a number or a word of [`START_WORDS`], [`COUNT_WORDS`] or [`INNER_WORDS`] follows token `i`
    /// within `reach` tokens, with only [`LEAD_WORDS`], [`GLUE_WORDS`] or punctuation before.
    fn anchor_ahead(&self, i: usize, reach: usize) -> bool {
        let ahead = self.toks.get(i + 1..).unwrap_or_default();
        for t in ahead.iter().take(reach) {
            match t.role {
                Role::Start | Role::Count | Role::Inner => return true,
                Role::Lead | Role::Glue => {}
                Role::None => return false,
            }
        }
        false
    }
}
