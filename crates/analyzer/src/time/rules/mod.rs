//! The extraction rules. At every token the rules propose candidates that start there; the
//! longest wins, and scanning resumes after it. Every rule looks at a bounded number of
//! tokens, so extraction is linear in the text length.

use std::borrow::Cow;

use jiff::civil::Date;
use storyline_model::TimexType;

use super::cal::{self, CalendarPoint};
use super::gate::Gate;
use super::lexicon::{self as lex, Unit};
use super::tense::{Tense, tense};
use super::token::{Kind, NO_KEY, TimeToken, Tokens, lit};
use crate::packed::Packed;

/// The packed key of a word literal, computed at compile time.
macro_rules! key {
    ($s:literal) => {
        const { lit($s) }
    };
}

/// The packed keys of word literals, computed at compile time.
macro_rules! keys {
    ($($s:literal),+ $(,)?) => {
        const { &[$(lit($s)),+] }
    };
}

#[derive(Clone, Debug)]
pub(crate) struct TimexCandidate {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    pub pt: Option<CalendarPoint>,
    /// Resolved relative to an earlier expression ("a year earlier"): not itself a new
    /// reference time.
    pub anaphoric: bool,
    /// Names the quarter talked about ("the latest quarter", "the quarter"): keeps it the
    /// topic for what follows.
    pub topic: bool,
}

impl TimexCandidate {
    fn date(start: usize, end: usize, value: String, pt: Option<CalendarPoint>) -> TimexCandidate {
        TimexCandidate { start, end, kind: TimexType::Date, value, pt, anaphoric: false, topic: false }
    }
    fn pt(start: usize, end: usize, pt: Option<CalendarPoint>, under: &str) -> TimexCandidate {
        let value = pt.map_or_else(|| under.to_string(), CalendarPoint::value);
        TimexCandidate::date(start, end, value, pt)
    }
    fn anaphoric(mut self) -> TimexCandidate {
        self.anaphoric = true;
        self
    }
    fn other(start: usize, end: usize, kind: TimexType, value: impl Into<String>) -> TimexCandidate {
        TimexCandidate { start, end, kind, value: value.into(), pt: None, anaphoric: false, topic: false }
    }
}

/// A parsed cardinal: value, vague ("several"), introduced by an article ("a year").
#[derive(Clone, Copy, Debug)]
struct Num {
    v: f64,
    vague: bool,
    article: bool,
}

/// Relation words before a unit, weekday, month or season.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    None,
    This,
    Last,
    Next,
    ThisPast,
    ThisComing,
    Previous,
    Following,
    That,
}

pub(crate) struct Rules<'a> {
    toks: &'a [TimeToken],
    dct: Option<Date>,
    /// The last resolved calendar point and its sentence.
    last: Option<(CalendarPoint, usize)>,
    last_quarter: Option<(CalendarPoint, usize)>,
    last_day: Option<(Date, usize)>,
    gate: Gate<'a>,
    /// The lowercase form of every token (what the rules compare, so kept flat).
    words: Cow<'a, [&'a str]>,
}

impl<'a> Rules<'a> {
    pub fn new(tokens: &'a Tokens<'_>, dct: Option<Date>) -> Self {
        let toks = &tokens.toks[..];
        let gate = Gate::new(toks);
        let words = tokens.words();
        Rules { toks, dct, last: None, last_quarter: None, last_day: None, gate, words }
    }

    // ---- token helpers -------------------------------------------------------------

    /// The lowercase word at `i`, `""` past the end.
    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }
    /// The packed lowercase word at `i`, [`NO_KEY`] past the end.
    fn key(&self, i: usize) -> Packed {
        self.toks.get(i).map_or(NO_KEY, |t| t.key)
    }
    /// Whether the word at `i` is the one of `k` (written `key!("word")`).
    fn word_is(&self, i: usize, k: Packed) -> bool {
        self.key(i) == k
    }
    /// Whether the word at `i` is one of `ks` (written `keys!["a", "b"]`).
    fn word_in(&self, i: usize, ks: &[Packed]) -> bool {
        ks.contains(&self.key(i))
    }
    fn tok(&self, i: usize) -> Option<&'a TimeToken> {
        self.toks.get(i)
    }
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.glued)
    }
    /// Whether the token at `i` is capitalised.
    fn capitalized(&self, i: usize) -> bool {
        self.tok(i).is_some_and(TimeToken::capitalized)
    }
    fn is_num(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Num)
    }
    fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word)
    }
    fn digits(&self, i: usize) -> Option<u32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.len() > 6 {
            return None;
        }
        // (what `parse` gives for at most six ASCII digits)
        self.word(i).bytes().try_fold(0u32, |v, b| b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0')))
    }
    /// A `-` glued on both sides at `i`.
    fn hyphen(&self, i: usize) -> bool {
        self.word_is(i, key!("-")) && self.glued(i) && self.glued(i + 1)
    }
    /// Words in sequence from `i` (written `keys!["a", "b"]`); the end if all match.
    /// (No key is [`NO_KEY`], so a sequence running past the end never matches.)
    fn phrase_end(&self, i: usize, ks: &[Packed]) -> Option<usize> {
        // the first word rules out most patterns
        if ks.first().is_some_and(|&k| self.key(i) != k) {
            return None;
        }
        let end = i.checked_add(ks.len())?;
        let toks = self.toks.get(i..end)?;
        toks.iter().zip(ks).all(|(t, &k)| t.key == k).then_some(end)
    }
    /// An optional period glued after `i - 1`.
    fn opt_period(&self, i: usize) -> usize {
        if self.word_is(i, key!(".")) && self.glued(i) { i + 1 } else { i }
    }
    fn sent(&self, i: usize) -> usize {
        self.tok(i.min(self.toks.len().saturating_sub(1))).map_or(0, |t| t.sent as usize)
    }
    fn tense(&self, a: usize, b: usize) -> Tense {
        tense(self.toks, &self.words, a, b)
    }
    /// Letters-only word at `i` that could be a noun heading a compound ("loss", "results").
    fn lower_word(&self, i: usize) -> bool {
        self.is_word(i) && !self.capitalized(i)
    }

    // ---- driver ----------------------------------------------------------------------

    /// The longest candidate starting at token `i`, if any.
    pub fn best(&self, i: usize) -> Option<TimexCandidate> {
        if !self.gate.may_start(i) {
            return None;
        }
        self.best_ungated(i)
    }

    /// [`Rules::best`] without the [`Gate`]: every rule family is tried.
    pub(super) fn best_ungated(&self, i: usize) -> Option<TimexCandidate> {
        let t = self.tok(i)?;
        if t.kind == Kind::Punct && !self.word_is(i, key!("'")) && !self.word_is(i, key!("$")) {
            return None;
        }
        // sets, parts of the day and vague references start with a word
        let word = t.kind == Kind::Word;
        let cands = [
            self.duration(i),
            if word { self.set(i) } else { None },
            self.date_mod(i),
            self.clock_time(i),
            if word { self.part_of_day_first(i) } else { None },
            if word { self.vague(i) } else { None },
        ];
        let mut best: Option<TimexCandidate> = None;
        for c in cands.into_iter().flatten() {
            if c.end <= c.start || c.start != i {
                continue;
            }
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut c = best?;
        if self.title_case(&c) {
            return None;
        }
        // A determiner before a hyphenated modifier ("the third-quarter loss") is not part
        // of the time expression.
        if c.end - c.start >= 3
            && self.word_in(c.start, keys!["the", "its", "a", "an", "their", "his", "her"])
            && self.word_is(c.end - 2, key!("-"))
            && self.lower_word(c.end)
        {
            c.start += 1;
        }
        Some(c)
    }

    /// Part of a title or a name ("VOA Today", ABC's "This Week"), not a time expression.
    fn title_case(&self, c: &TimexCandidate) -> bool {
        let inner_unit =
            (c.start + 1..c.end).any(|k| self.capitalized(k) && lex::unit(self.word(k)).is_some());
        if inner_unit {
            return true;
        }
        let k = c.start;
        let w = self.word(k);
        let calendar_name =
            lex::month(w).is_some() || lex::weekday(w).is_some() || lex::weekday_abbrev(w).is_some();
        // a capitalised word inside a sentence before another: a name ("according to the N.Y.
        // Daily News", "told Daily News Egypt")
        let inside = k > 0
            && self.sent(k - 1) == self.sent(k)
            && (self.is_word(k - 1) || (self.word_is(k - 1, key!(".")) && self.glued(k - 1)));
        if inside
            && self.capitalized(k)
            && self.is_word(k)
            && !calendar_name
            && self.is_word(c.end)
            && self.capitalized(c.end)
            && self.sent(c.end) == self.sent(k)
        {
            return true;
        }
        k > 0
            && self.capitalized(k)
            && !calendar_name
            && self.is_word(k)
            && self.is_word(k - 1)
            && self.capitalized(k - 1)
            && self.sent(k - 1) == self.sent(k)
            && !(k >= 2 && self.sent(k - 2) != self.sent(k - 1))
    }

    /// Whether the quarter `pt` of `c` can be the one reported on, which later "a year ago"
    /// and "the latest quarter" refer to: one that is over at the DCT, or told in the past
    /// tense (a fiscal quarter: "reported a decline in fourth-quarter earnings"); not one
    /// ahead ("will result in a fourth-quarter charge").
    fn reported_quarter(&self, pt: CalendarPoint, c: &TimexCandidate) -> bool {
        let (CalendarPoint::Quarter(y, q), Some(d)) = (pt, self.dct) else { return true };
        let CalendarPoint::Quarter(dy, dq) = cal::quarter_of(d) else { return true };
        (y, q) < (dy, dq) || self.tense(c.start, c.end) == Tense::Past
    }

    pub fn accept(&mut self, c: &TimexCandidate) {
        let sent = self.sent(c.start);
        // "the first nine months", "the six months": the period talked about is no longer a
        // quarter ("the year-earlier results" are then the year's)
        if c.kind == TimexType::Duration
            && let Some(n) = c.value.strip_prefix('P').and_then(|v| v.strip_suffix('M'))
            && n.parse::<u8>().is_ok_and(|n| (6..12).contains(&n))
        {
            self.last_quarter = None;
        }
        if c.topic
            && let Some(pt @ CalendarPoint::Quarter(..)) = c.pt
        {
            self.last_quarter = Some((pt, sent));
        }
        if c.anaphoric {
            return;
        }
        if let Some(pt) = c.pt {
            self.last = Some((pt, sent));
            match pt {
                CalendarPoint::Quarter(..) if self.reported_quarter(pt, c) => {
                    self.last_quarter = Some((pt, sent));
                }
                CalendarPoint::Day(d) => self.last_day = Some((d, sent)),
                _ => {}
            }
        }
    }
}

// The rule families, each in its own file: more `impl Rules` blocks.
mod calendar;
mod clock;
mod duration;
mod number;
mod periods;
mod relative;
mod set;
mod vague;
