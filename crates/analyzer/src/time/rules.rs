//! The extraction rules. At every token the rules propose candidates that start there; the
//! longest wins, and scanning resumes after it. Every rule looks at a bounded number of
//! tokens, so extraction is linear in the text length.

use std::borrow::Cow;

use jiff::civil::Date;
use storyline_model::TimexType;

use super::cal::{self, Pt};
use super::gate::Gate;
use super::lexicon::{self as lex, Unit};
use super::token::{Kind, NO_KEY, Tense, Tok, Tokens, lit, tense};
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
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    pub pt: Option<Pt>,
    /// Resolved relative to an earlier expression ("a year earlier"): not itself a new
    /// reference time.
    pub anaphoric: bool,
}

impl Cand {
    fn date(start: usize, end: usize, value: String, pt: Option<Pt>) -> Cand {
        Cand { start, end, kind: TimexType::Date, value, pt, anaphoric: false }
    }
    fn pt(start: usize, end: usize, pt: Option<Pt>, under: &str) -> Cand {
        let value = pt.map_or_else(|| under.to_string(), Pt::value);
        Cand::date(start, end, value, pt)
    }
    fn anaphoric(mut self) -> Cand {
        self.anaphoric = true;
        self
    }
    fn other(start: usize, end: usize, kind: TimexType, value: impl Into<String>) -> Cand {
        Cand { start, end, kind, value: value.into(), pt: None, anaphoric: false }
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
    toks: &'a [Tok],
    dct: Option<Date>,
    /// The last resolved calendar point and its sentence.
    last: Option<(Pt, usize)>,
    last_quarter: Option<(Pt, usize)>,
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
    fn w(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }
    /// The packed lowercase word at `i`, [`NO_KEY`] past the end.
    fn key(&self, i: usize) -> Packed {
        self.toks.get(i).map_or(NO_KEY, |t| t.key)
    }
    /// Whether the word at `i` is the one of `k` (written `key!("word")`).
    fn is(&self, i: usize, k: Packed) -> bool {
        self.key(i) == k
    }
    /// Whether the word at `i` is one of `ks` (written `keys!["a", "b"]`).
    fn any(&self, i: usize, ks: &[Packed]) -> bool {
        ks.contains(&self.key(i))
    }
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.glued)
    }
    fn cap(&self, i: usize) -> bool {
        self.tok(i).is_some_and(Tok::capitalized)
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
        self.w(i).bytes().try_fold(0u32, |v, b| b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0')))
    }
    /// A `-` glued on both sides at `i`.
    fn hyphen(&self, i: usize) -> bool {
        self.is(i, key!("-")) && self.glued(i) && self.glued(i + 1)
    }
    /// Words in sequence from `i` (written `keys!["a", "b"]`); the end if all match.
    /// (No key is [`NO_KEY`], so a sequence running past the end never matches.)
    fn seq(&self, i: usize, ks: &[Packed]) -> Option<usize> {
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
        if self.is(i, key!(".")) && self.glued(i) { i + 1 } else { i }
    }
    fn sent(&self, i: usize) -> usize {
        self.tok(i.min(self.toks.len().saturating_sub(1))).map_or(0, |t| t.sent as usize)
    }
    fn tense(&self, a: usize, b: usize) -> Tense {
        tense(self.toks, &self.words, a, b)
    }
    /// Letters-only word at `i` that could be a noun heading a compound ("loss", "results").
    fn lower_word(&self, i: usize) -> bool {
        self.is_word(i) && !self.cap(i)
    }

    // ---- driver ----------------------------------------------------------------------

    /// The longest candidate starting at token `i`, if any.
    pub fn best(&self, i: usize) -> Option<Cand> {
        if !self.gate.may_start(i) {
            return None;
        }
        self.best_ungated(i)
    }

    /// [`Rules::best`] without the [`Gate`]: every rule family is tried.
    pub(super) fn best_ungated(&self, i: usize) -> Option<Cand> {
        let t = self.tok(i)?;
        if t.kind == Kind::Punct && !self.is(i, key!("'")) && !self.is(i, key!("$")) {
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
        let mut best: Option<Cand> = None;
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
            && self.any(c.start, keys!["the", "its", "a", "an", "their", "his", "her"])
            && self.is(c.end - 2, key!("-"))
            && self.lower_word(c.end)
        {
            c.start += 1;
        }
        Some(c)
    }

    /// Part of a title or a name ("VOA Today", ABC's "This Week"), not a time expression.
    fn title_case(&self, c: &Cand) -> bool {
        let inner_unit = (c.start + 1..c.end).any(|k| self.cap(k) && lex::unit(self.w(k)).is_some());
        if inner_unit {
            return true;
        }
        let k = c.start;
        let w = self.w(k);
        let calendar_name =
            lex::month(w).is_some() || lex::weekday(w).is_some() || lex::weekday_abbrev(w).is_some();
        k > 0
            && self.cap(k)
            && !calendar_name
            && self.is_word(k)
            && self.is_word(k - 1)
            && self.cap(k - 1)
            && self.sent(k - 1) == self.sent(k)
            && !(k >= 2 && self.sent(k - 2) != self.sent(k - 1))
    }

    pub fn accept(&mut self, c: &Cand) {
        let sent = self.sent(c.start);
        if c.anaphoric {
            return;
        }
        if let Some(pt) = c.pt {
            self.last = Some((pt, sent));
            match pt {
                Pt::Quarter(..) => self.last_quarter = Some((pt, sent)),
                Pt::Day(d) => self.last_day = Some((d, sent)),
                _ => {}
            }
        }
    }

    // ---- numbers and units -----------------------------------------------------------

    /// A cardinal number at `i`: digits, words, "a"/"an", vague quantifiers.
    fn number(&self, i: usize) -> Option<(usize, Num)> {
        let exact = |v: f64| Num { v, vague: false, article: false };
        let vague = Num { v: 0.0, vague: true, article: false };
        if let Some(n) = self.digits(i) {
            let mut v = f64::from(n);
            let mut j = i + 1;
            if self.is(j, key!(".")) && self.glued(j) && self.is_num(j + 1) && self.glued(j + 1) {
                let frac = self.w(j + 1);
                v = format!("{n}.{frac}").parse().ok()?;
                j += 2;
            } else if self.is(j, key!(",")) && self.glued(j) && self.is_num(j + 1) && self.glued(j + 1) {
                let t = self.tok(j + 1)?;
                if t.len() != 3 {
                    return None;
                }
                v = v * 1000.0 + f64::from(self.w(j + 1).parse::<u32>().ok()?);
                j += 2;
            }
            // "2 1/2"
            if let (Some(a), true, Some(b)) = (self.digits(j), self.is(j + 1, key!("/")), self.digits(j + 2))
                && self.glued(j + 1)
                && self.glued(j + 2)
                && b > a
                && b != 0
            {
                v += f64::from(a) / f64::from(b);
                j += 3;
            }
            return Some((j, exact(v)));
        }
        let w = self.w(i);
        match w {
            "a" | "an" => {
                if let Some(j) = self.seq(i + 1, keys!["couple", "of"]) {
                    return Some((j, exact(2.0)));
                }
                if self.is(i + 1, key!("few")) {
                    return Some((i + 2, vague));
                }
                if self.is(i + 1, key!("dozen")) {
                    return Some((i + 2, exact(12.0)));
                }
                if self.any(i + 1, keys!["hundred", "thousand"]) {
                    let m = if self.is(i + 1, key!("hundred")) { 100.0 } else { 1000.0 };
                    return Some((i + 2, exact(m)));
                }
                return Some((i + 1, Num { v: 1.0, vague: false, article: true }));
            }
            "several" | "few" | "many" | "some" | "numerous" => return Some((i + 1, vague)),
            "couple" => return self.seq(i + 1, keys!["of"]).map(|j| (j, exact(2.0))),
            "dozen" => return Some((i + 1, exact(12.0))),
            "half" => {
                if self.any(i + 1, keys!["a", "an"]) {
                    return Some((i + 2, exact(0.5)));
                }
                return None;
            }
            _ => {}
        }
        let mut v;
        let mut j;
        if let Some(t) = lex::tens(w) {
            v = t;
            j = i + 1;
            let k = if self.hyphen(j) { j + 1 } else { j };
            if let Some(u) = lex::small_number(self.w(k)).filter(|&u| (1..10).contains(&u)) {
                v += u;
                j = k + 1;
            }
        } else if let Some(u) = lex::small_number(w) {
            v = u;
            j = i + 1;
        } else {
            return None;
        }
        if self.is(j, key!("hundred")) {
            v *= 100;
            j += 1;
        } else if self.is(j, key!("thousand")) {
            v *= 1000;
            j += 1;
        }
        Some((j, exact(f64::from(v))))
    }

    /// A unit word at `i`, allowing a few adjectives before it ("trading days", "more years").
    fn unit(&self, i: usize) -> Option<(usize, Unit, bool)> {
        let mut j = i;
        if self.any(
            j,
            keys![
                "additional",
                "more",
                "extra",
                "full",
                "straight",
                "consecutive",
                "trading",
                "business",
                "working",
                "calendar",
                "whole",
                "long"
            ],
        ) {
            j += 1;
        }
        let (u, plural) = lex::unit(self.w(j))?;
        Some((j + 1, u, plural))
    }

    fn dur_value(n: Num, u: Unit) -> String {
        let t = if u.is_clock() { "T" } else { "" };
        if n.vague {
            return format!("P{t}X{}", u.code());
        }
        let whole = n.v.trunc();
        let frac = n.v - whole;
        if frac.abs() < 1e-9 {
            return format!("P{t}{}{}", whole as u64, u.code());
        }
        let w = whole as u64;
        if (frac - 0.5).abs() < 1e-9 {
            let lower = match u {
                Unit::Year => Some((6, "M", "")),
                Unit::Hour => Some((30, "M", "")),
                Unit::Day => Some((12, "H", "T")),
                _ => None,
            };
            if let Some((n2, c2, t2)) = lower {
                let head = if w > 0 { format!("{w}{}", u.code()) } else { String::new() };
                return format!("P{t}{head}{t2}{n2}{c2}");
            }
        }
        let mut s = format!("{:.3}", n.v);
        while s.ends_with('0') {
            s.pop();
        }
        format!("P{t}{s}{}", u.code())
    }

    // ---- durations, "ago" expressions, "a year" sets ----------------------------------

    fn duration(&self, i: usize) -> Option<Cand> {
        // "a three-year period": the article belongs to the period
        if self.any(i, keys!["a", "an"])
            && let Some(mut c) = self.duration_at(i + 1)
            && self.any(c.end - 1, keys!["period", "term", "span", "stretch", "spell"])
        {
            c.start = i;
            return Some(c);
        }
        self.duration_at(i)
    }

    fn duration_at(&self, i: usize) -> Option<Cand> {
        let start = i;
        let mut j = i;
        // approximators
        const APPROX: &[&[Packed]] = &[
            &[lit("about")],
            &[lit("around")],
            &[lit("approximately")],
            &[lit("roughly")],
            &[lit("nearly")],
            &[lit("almost")],
            &[lit("some")],
            &[lit("more"), lit("than")],
            &[lit("less"), lit("than")],
            &[lit("fewer"), lit("than")],
            &[lit("at"), lit("least")],
            &[lit("at"), lit("most")],
            &[lit("up"), lit("to")],
            &[lit("no"), lit("more"), lit("than")],
            &[lit("within")],
            &[lit("over")],
            &[lit("just")],
            &[lit("only")],
        ];
        let mut had_approx = false;
        // (the first words of `approx`)
        let approximate = self.any(
            j,
            keys![
                "about",
                "around",
                "approximately",
                "roughly",
                "nearly",
                "almost",
                "some",
                "more",
                "less",
                "fewer",
                "at",
                "up",
                "no",
                "within",
                "over",
                "just",
                "only"
            ],
        );
        for a in APPROX.iter().take_while(|_| approximate) {
            if let Some(k) = self.seq(j, a)
                && (self.number(k).is_some_and(|(_, n)| !n.vague)
                    || (self.is(k, key!("the"))
                        && !keys!["over", "within", "around", "some", "just", "only"].contains(&a[0])))
            {
                j = k;
                had_approx = true;
                break;
            }
        }
        // "the past/last/next/first/coming" or plain "the"
        let mut dir = 0i32; // -1 past, +1 next
        let mut had_the = false;
        if self.is(j, key!("the")) || self.is(j, key!("its")) {
            let k = j + 1;
            let rel = self.w(k);
            let d = match rel {
                "past" | "last" | "previous" | "preceding" | "latest" | "recent" => -1,
                "next" | "coming" | "following" | "ensuing" | "upcoming" => 1,
                "first" | "final" | "initial" | "remaining" | "same" | "full" => 2,
                _ => 0,
            };
            if d != 0 {
                dir = d;
                j = k + 1;
            } else {
                j = k;
            }
            had_the = true;
        } else if self.any(j, keys!["past", "last", "next", "coming", "recent"]) && !had_approx {
            // "the" omitted: "past two years" / "recent weeks"
            dir = if self.any(j, keys!["next", "coming"]) { 1 } else { -1 };
            if self.is(j, key!("recent")) || self.is(j, key!("coming")) {
                // "recent weeks", "coming months": vague, handled in `vague`
                return None;
            }
            j += 1;
        }
        let (mut k, n) = self.number(j)?;
        if had_the && n.article {
            return None; // "the a" never; "the past a"
        }
        // "two to three weeks", "12 to 18 months", "one or two years"
        let mut range = false;
        if self.any(k, keys!["to", "or", "-"])
            && let Some((k2, n2)) = self.number(k + 1)
            && !n2.article
            && self.unit(k2).is_some()
        {
            let _ = n2;
            k = k2;
            range = true;
        }
        // hyphenated compound "two-year", "30-day", "8-month-old"
        let compound = self.hyphen(k);
        if compound {
            k += 1;
        }
        let (mut e, u, plural) = self.unit(k)?;
        if n.article && plural {
            return None;
        }
        // "year-earlier", "quarter-century": another compound
        if self.hyphen(e) && !self.is(e + 1, key!("old")) {
            return None;
        }
        // "three-quarters" is a fraction; "52 years old" an age
        if compound && plural {
            return None;
        }
        if self.is(e, key!("old"))
            || (compound && self.hyphen(e) && self.is(e + 1, key!("old")) && u == Unit::Year)
        {
            return None;
        }
        if u == Unit::Second
            && n.article
            && !plural
            && !(self.any(e, keys![".", ",", "later", "earlier", "ago", "or", "and"]) || e >= self.toks.len())
        {
            return None;
        }
        if !n.vague && !n.article && n.v == 1.0 && plural {
            return None;
        }
        if n.vague && !plural {
            return None;
        }
        if u == Unit::Quarter && !plural && !compound && n.article {
            return None; // "a quarter" of something
        }
        if self.w(j) == "some" && !plural {
            return None;
        }
        let mut num = n;
        if range {
            num = Num { v: n.v, vague: false, article: false };
        }
        // "and a half"
        if let Some(e2) = self.seq(e, keys!["and", "a", "half"]) {
            num.v += 0.5;
            e = e2;
        }
        if compound && self.hyphen(e) && self.is(e + 1, key!("old")) {
            e += 2;
        }
        let mut value = Self::dur_value(num, u);
        if range && num.vague {
            value = format!("PX{}", u.code());
        }
        // "a three-year period", "one-year term"
        if compound && self.any(e, keys!["period", "term", "span", "stretch", "spell"]) {
            e += 1;
        }
        if self.seq(e, keys!["or", "so"]).is_some() {
            e += 2;
        }
        // ago / earlier / later / from now
        if dir == 0
            && !compound
            && let Some(c) = self.anchored(start, e, num, u)
        {
            return Some(c);
        }
        // "$5 a year", "twice a week": a set
        if num.article && !had_the && !had_approx && i > 0 {
            let prev = self.tok(i - 1)?;
            let prev_low = self.w(i - 1);
            if prev.kind == Kind::Num
                || matches!(prev_low, "%" | "percent" | "cents" | "dollars" | "twice" | "once" | "times")
                || prev_low.ends_with("illion")
            {
                let s = if matches!(prev_low, "twice" | "once") { i - 1 } else { i };
                let t = if u.is_clock() { "T" } else { "" };
                return Some(Cand::other(s, e, TimexType::Set, format!("P{t}1{}", u.code())));
            }
        }
        // "the past year" (a date), "the next year"
        if had_the && num.article {
            return None;
        }
        // a bare number + "quarter" is rarely a duration ("one quarter of the shares")
        if u == Unit::Quarter && !plural && !compound {
            return None;
        }
        let _ = dir;
        Some(Cand::other(start, e, TimexType::Duration, value))
    }

    /// The point `years` years from what the text talks about: the quarter of the last
    /// sentences ("a year earlier" in an earnings report), else the last mentioned date
    /// (for "earlier"), else the DCT's year.
    fn year_shift(&self, start: usize, years: i32, from_ref: bool) -> Option<Pt> {
        let sent = self.sent(start);
        let recent = |s: usize| s + 2 >= sent;
        if let Some((p, s)) = self.last_quarter
            && recent(s)
            && let Some(q) = p.shift_years(years)
        {
            return Some(q);
        }
        if from_ref
            && let Some((p, s)) = self.last
            && recent(s)
            && let Some(q) = p.shift_years(years)
        {
            return Some(q);
        }
        self.dct.map(|d| Pt::Year(i32::from(d.year()) + years))
    }

    /// "two years ago", "a day earlier", "three weeks from now": a date.
    fn anchored(&self, start: usize, e: usize, n: Num, u: Unit) -> Option<Cand> {
        let (end, sign, from_ref) = if self.is(e, key!("ago")) {
            (e + 1, -1i64, false)
        } else if self.is(e, key!("earlier")) {
            (e + 1, -1, true)
        } else if let Some(k) = self.seq(e, keys!["from", "now"]) {
            (k, 1, false)
        } else if self.is(e, key!("hence")) {
            (e + 1, 1, false)
        } else {
            return None;
        };
        if n.vague {
            let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(Cand::date(start, end, v.to_string(), None));
        }
        let k = n.v.round() as i64;
        let sent = self.sent(start);
        // Anchor: the document date, or for "earlier"/"later" the last mentioned date.
        let recent = |s: usize| s + 1 >= sent;
        if u == Unit::Year || u == Unit::Decade || u == Unit::Century {
            let years = match u {
                Unit::Decade => k * 10,
                Unit::Century => k * 100,
                _ => k,
            } as i32
                * sign as i32;
            if u == Unit::Year {
                let p = self.year_shift(start, years, from_ref);
                return Some(Cand::pt(start, end, p, "XXXX").anaphoric());
            }
            let d = self.dct?;
            let y = i32::from(d.year()) + years;
            let pt = match u {
                Unit::Decade => Pt::Decade(y.div_euclid(10)),
                Unit::Century => Pt::Century(y.div_euclid(100)),
                _ => Pt::Year(y),
            };
            return Some(Cand::pt(start, end, Some(pt), "XXXX"));
        }
        let anchor_day = if from_ref {
            self.last_day.filter(|&(_, s)| recent(s)).map(|(d, _)| d).or(self.dct)
        } else {
            self.dct
        };
        let under = match u {
            Unit::Month => "XXXX-XX",
            Unit::Week => "XXXX-WXX",
            Unit::Quarter => "XXXX-QX",
            _ => "XXXX-XX-XX",
        };
        let Some(d) = anchor_day else {
            return Some(Cand::date(start, end, under.to_string(), None));
        };
        let pt = match u {
            Unit::Day => cal::add_days(d, sign * k).map(Pt::Day),
            Unit::Week => cal::add_days(d, sign * k * 7).map(cal::week_of),
            Unit::Month => cal::add_months(d, sign * k).map(cal::month_of),
            Unit::Quarter => cal::add_months(d, sign * k * 3).map(cal::quarter_of),
            _ => Some(Pt::Day(d)),
        };
        Some(Cand::pt(start, end, pt, under).anaphoric())
    }

    // ---- sets ------------------------------------------------------------------------

    fn set(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let single = match w {
            "daily" => Some("XXXX-XX-XX"),
            "hourly" => Some("PT1H"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" => Some("P1Y"),
            "nightly" => Some("XXXX-XX-XXTNI"),
            _ => None,
        };
        if let Some(v) = single {
            return Some(Cand::other(i, i + 1, TimexType::Set, v));
        }
        if matches!(w, "every" | "each" | "per") {
            let mut j = i + 1;
            if self.is(j, key!("other")) {
                j += 1;
            }
            let (mut k, n) = match self.number(j) {
                Some((k, n)) if !n.article && !n.vague => (k, n.v as u64),
                _ => (j, 1),
            };
            if self.hyphen(k) {
                k += 1;
            }
            if let Some((e, u, _)) = self.unit(k) {
                let n = if self.is(i + 1, key!("other")) { 2 } else { n };
                let t = if u.is_clock() { "T" } else { "" };
                return Some(Cand::other(i, e, TimexType::Set, format!("P{t}{n}{}", u.code())));
            }
            if let Some((wd, _)) = lex::weekday(self.w(k)).filter(|_| self.cap(k)) {
                let mut e = k + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = lex::part_of_day(self.w(e)) {
                    v += &format!("T{p}");
                    e += 1;
                }
                return Some(Cand::other(i, e, TimexType::Set, v));
            }
            if let Some(m) = lex::month(self.w(k)).filter(|_| self.cap(k) && self.w(k).len() > 3) {
                return Some(Cand::other(i, k + 1, TimexType::Set, format!("XXXX-{m:02}")));
            }
            if let Some(p) = lex::part_of_day(self.w(k)) {
                return Some(Cand::other(i, k + 1, TimexType::Set, format!("XXXX-XX-XXT{p}")));
            }
            if let Some(s) = lex::season(self.w(k)) {
                let code = ["WI", "SP", "SU", "FA"][usize::from(s)];
                return Some(Cand::other(i, k + 1, TimexType::Set, format!("XXXX-{code}")));
            }
            return None;
        }
        // plural weekdays: "on Mondays", "Tuesday nights"
        if let Some((wd, plural)) = lex::weekday(w).filter(|_| self.cap(i)) {
            if plural {
                let mut e = i + 1;
                let mut v = format!("XXXX-WXX-{wd}");
                if let Some(p) = lex::part_of_day(self.w(e)) {
                    v += &format!("T{p}");
                    e += 1;
                }
                return Some(Cand::other(i, e, TimexType::Set, v));
            }
            if let Some(p) = lex::part_of_day(self.w(i + 1)).filter(|_| self.w(i + 1).ends_with('s')) {
                return Some(Cand::other(i, i + 2, TimexType::Set, format!("XXXX-WXX-{wd}T{p}")));
            }
        }
        None
    }

    // ---- dates -----------------------------------------------------------------------

    /// A date with optional modifiers ("early", "late", "mid-", "the end of", …).
    fn date_mod(&self, i: usize) -> Option<Cand> {
        const MODS: &[&[Packed]] = &[
            &[lit("early")],
            &[lit("late")],
            &[lit("earlier")],
            &[lit("later")],
            &[lit("mid")],
            &[lit("the"), lit("end"), lit("of")],
            &[lit("the"), lit("beginning"), lit("of")],
            &[lit("the"), lit("start"), lit("of")],
            &[lit("the"), lit("middle"), lit("of")],
            &[lit("the"), lit("rest"), lit("of")],
            &[lit("the"), lit("close"), lit("of")],
            &[lit("end"), lit("of")],
            &[lit("the"), lit("first"), lit("half"), lit("of")],
            &[lit("the"), lit("second"), lit("half"), lit("of")],
            &[lit("the"), lit("last"), lit("half"), lit("of")],
            &[lit("the"), lit("latter"), lit("half"), lit("of")],
            &[lit("the"), lit("first"), lit("two"), lit("quarters"), lit("of")],
            &[lit("around")],
            &[lit("this"), lit("past")],
        ];
        // (the first words of `mods`)
        let modified =
            self.any(i, keys!["early", "late", "earlier", "later", "mid", "the", "end", "around", "this"]);
        for &m in MODS.iter().take_while(|_| modified) {
            if let Some(mut j) = self.seq(i, m) {
                if m[0] == key!("this") {
                    continue; // handled by the core ("this past spring")
                }
                if self.hyphen(j) {
                    j += 1;
                } else if m == keys!["mid"] {
                    continue;
                }
                if m == keys!["around"] && !(self.is_num(j) || self.cap(j)) {
                    continue;
                }
                if let Some(mut c) = self.date_core(j) {
                    c.start = i;
                    let half = if m.contains(&key!("half")) || m.contains(&key!("quarters")) {
                        Some(if m[1] == key!("first") { 1 } else { 2 })
                    } else {
                        None
                    };
                    if let (Some(h), Some(Pt::Year(y))) = (half, c.pt) {
                        c.pt = Some(Pt::Half(y, h));
                        c.value = Pt::Half(y, h).value();
                    }
                    return Some(c);
                }
            }
        }
        self.date_core(i)
    }

    fn date_core(&self, i: usize) -> Option<Cand> {
        // weekday, season and relative phrases start with a word
        let word = self.is_word(i);
        // (the same for the phrases that take them)
        let rel = self.rel_words(i);
        let cands = [
            if word { self.weekday_phrase(i, rel) } else { None },
            self.month_phrase(i, rel),
            self.numeric_date(i),
            self.year_phrase(i),
            self.quarter_phrase(i),
            if word { self.season_phrase(i, rel) } else { None },
            if word { self.relative_phrase(i) } else { None },
        ];
        let mut best: Option<Cand> = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut c = best?;
        // A part of the day after a day: "Monday morning", "yesterday afternoon".
        if let Some(Pt::Day(_)) | None = c.pt
            && c.kind == TimexType::Date
            && (matches!(c.pt, Some(Pt::Day(_))) || c.value.ends_with("XX-XX") || c.value.contains("-WXX-"))
            && let Some(p) = lex::part_of_day(self.w(c.end)).filter(|_| !self.w(c.end).ends_with('s'))
        {
            c.value = format!("{}T{p}", c.value);
            c.kind = TimexType::Time;
            c.end += 1;
        }
        Some(c)
    }

    fn resolve_weekday(&self, wd: u8, rel: Rel, a: usize, b: usize) -> Cand {
        let under = format!("XXXX-WXX-{wd}");
        let Some(d) = self.dct else { return Cand::date(a, b, under, None) };
        let day = match rel {
            Rel::Last | Rel::ThisPast => cal::weekday_before(d, wd, true),
            Rel::Next => cal::weekday_after(d, wd, true),
            Rel::This | Rel::ThisComing => cal::weekday_after(d, wd, false),
            Rel::Previous => cal::weekday_before(self.last_day.map_or(d, |x| x.0), wd, true),
            Rel::Following => cal::weekday_after(self.last_day.map_or(d, |x| x.0), wd, true),
            Rel::None | Rel::That => {
                if cal::weekday_num(d) == wd {
                    Some(d)
                } else if self.tense(a, b) == Tense::Future {
                    cal::weekday_after(d, wd, true)
                } else {
                    cal::weekday_before(d, wd, true)
                }
            }
        };
        Cand::pt(a, b, day.map(Pt::Day), &under)
    }

    /// Relation words at `i`: ("this past", "last", "next", …) → (end, rel).
    fn rel_words(&self, i: usize) -> (usize, Rel) {
        const TABLE: &[(&[Packed], Rel)] = &[
            (&[lit("this"), lit("past")], Rel::ThisPast),
            (&[lit("this"), lit("coming")], Rel::ThisComing),
            (&[lit("the"), lit("previous")], Rel::Previous),
            (&[lit("the"), lit("preceding")], Rel::Previous),
            (&[lit("the"), lit("following")], Rel::Following),
            (&[lit("the"), lit("next")], Rel::Following),
            (&[lit("this")], Rel::This),
            (&[lit("last")], Rel::Last),
            (&[lit("past")], Rel::ThisPast),
            (&[lit("next")], Rel::Next),
            (&[lit("coming")], Rel::ThisComing),
            (&[lit("that")], Rel::That),
        ];
        // (the first words of `table`)
        if !self.any(i, keys!["this", "the", "last", "past", "next", "coming", "that"]) {
            return (i, Rel::None);
        }
        for (ws, r) in TABLE {
            if let Some(e) = self.seq(i, ws) {
                return (e, *r);
            }
        }
        (i, Rel::None)
    }

    fn weekday_at(&self, i: usize) -> Option<(usize, u8)> {
        if !self.cap(i) {
            return None;
        }
        if let Some((wd, false)) = lex::weekday(self.w(i)) {
            return Some((i + 1, wd));
        }
        let wd = lex::weekday_abbrev(self.w(i))?;
        (self.is(i + 1, key!(".")) && self.glued(i + 1)).then_some((i + 2, wd))
    }

    /// A weekday phrase at `i`, where the relation words are `(j, rel)` (`rel_words(i)`).
    fn weekday_phrase(&self, i: usize, (j, rel): (usize, Rel)) -> Option<Cand> {
        let (e, wd) = self.weekday_at(j)?;
        // "Saturday, April 25", "Friday Oct. 13"
        let k = if self.is(e, key!(",")) { e + 1 } else { e };
        if rel == Rel::None
            && let Some(mut c) = self.month_phrase(k, self.rel_words(k))
            && matches!(c.pt, Some(Pt::Day(_))) | c.value.starts_with("XXXX-")
        {
            c.start = i;
            return Some(c);
        }
        Some(self.resolve_weekday(wd, rel, i, e))
    }

    /// A day of the month at `i`: "25", "25th", "eighth", "twenty-first".
    fn day_number(&self, i: usize) -> Option<(usize, u8)> {
        if let Some(n) = self.digits(i) {
            if !(1..=31).contains(&n) || self.tok(i)?.len() > 2 {
                return None;
            }
            let mut e = i + 1;
            if self.any(e, keys!["st", "nd", "rd", "th"]) && self.glued(e) {
                e += 1;
            }
            // not "25.5" or "25%" or "25:00"
            if (self.is(e, key!("%"))
                || (self.any(e, keys![".", ":"]) && self.is_num(e + 1) && self.glued(e + 1)))
                && self.glued(e)
            {
                return None;
            }
            return Some((e, n as u8));
        }
        if let Some(n) = lex::ordinal_word(self.w(i)) {
            return Some((i + 1, n as u8));
        }
        let t = lex::tens(self.w(i))?;
        let k = if self.hyphen(i + 1) { i + 2 } else { i + 1 };
        let u = lex::ordinal_word(self.w(k)).filter(|&u| u < 10)?;
        Some((k + 1, (t + u) as u8))
    }

    fn month_at(&self, i: usize) -> Option<(usize, u8)> {
        let w = self.w(i);
        let m = lex::month(w)?;
        if !self.cap(i) {
            return None;
        }
        let dotted = self.is(i + 1, key!(".")) && self.glued(i + 1);
        if lex::month_is_abbrev(w) && w.len() < 5 && w != "june" && w != "july" {
            // "Sept." / "Jan" + day
            if dotted {
                return Some((i + 2, m));
            }
            return self.day_number(i + 1).map(|_| (i + 1, m));
        }
        // a capitalised month name right after another capitalised word is probably a
        // name ("Theresa May"), unless that word starts the sentence
        if i > 0
            && self.cap(i - 1)
            && self.is_word(i - 1)
            && self.sent(i - 1) == self.sent(i)
            && !self.any(
                i - 1,
                keys![
                    "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid", "on", "of",
                    "from", "through", "before", "after", "during", "till", "and", "or"
                ],
            )
            && !(i >= 2 && self.sent(i - 2) != self.sent(i - 1))
            && lex::weekday(self.w(i - 1)).is_none()
        {
            return None;
        }
        if matches!(w, "may" | "march")
            && !(self.day_number(i + 1).is_some() || self.year_at(i + 1).is_some())
        {
            // the modal / the verb: require a temporal preposition before
            if !(i > 0
                && self.any(
                    i - 1,
                    keys![
                        "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid", "of",
                        "from", "through", "-", "till", "before", "after", "during"
                    ],
                ))
            {
                return None;
            }
        }
        let abbrev = dotted && w.len() <= 4 && !matches!(w, "june" | "july" | "may");
        Some((if abbrev { i + 2 } else { i + 1 }, m))
    }

    /// Resolve a year-less month (and day) against the DCT and the tense.
    fn year_for(&self, m: u8, day: Option<u8>, rel: Rel, a: usize, b: usize) -> Option<i32> {
        let d = self.dct?;
        let y = i32::from(d.year());
        let dm = d.month() as u8;
        let dd = d.day() as u8;
        let before = (m, day.unwrap_or(0)) < (dm, dd);
        let after = (m, day.unwrap_or(99)) > (dm, dd);
        Some(match rel {
            Rel::Last | Rel::ThisPast | Rel::Previous => {
                if before {
                    y
                } else {
                    y - 1
                }
            }
            Rel::Next | Rel::ThisComing | Rel::Following => {
                if after {
                    y
                } else {
                    y + 1
                }
            }
            Rel::This | Rel::That => y,
            Rel::None => match self.tense(a, b) {
                Tense::Past if m > dm => y - 1,
                Tense::Future if m < dm => y + 1,
                Tense::Past | Tense::Future => y,
                _ => {
                    let here = cal::month_index(y, dm);
                    let dist = |yy: i32| (cal::month_index(yy, m) - here).abs();
                    if dist(y - 1) <= dist(y) {
                        y - 1
                    } else if dist(y + 1) < dist(y) {
                        y + 1
                    } else {
                        y
                    }
                }
            },
        })
    }

    /// A month phrase at `i`, where the relation words are `rel_words(i)`.
    fn month_phrase(&self, i: usize, rel_words: (usize, Rel)) -> Option<Cand> {
        // "24 September 2018"
        if let Some((e, day)) = self.day_number(i).filter(|_| self.is_num(i))
            && let Some((e2, m)) = self.month_at(if self.is(e, key!("of")) { e + 1 } else { e })
        {
            let (e3, y) = match self.year_after(e2) {
                Some((e3, y)) => (e3, Some(y)),
                None => (e2, None),
            };
            let _ = e;
            return self.month_day(i, e3, m, day, y, Rel::None);
        }
        let (j, rel) = rel_words;
        let (e, m) = self.month_at(j)?;
        // "the eighth of March"? rare; "March 30", "March eighth", "Oct. 15, 1999"
        if let Some((e2, day)) = self.day_number(e) {
            let (e3, y) = match self.year_after(e2) {
                Some((e3, y)) => (e3, Some(y)),
                None => (e2, None),
            };
            return self.month_day(i, e3, m, day, y, rel);
        }
        // "August 1988", "June of 1990", "January nineteen ninety-seven"
        let k = if self.is(e, key!("of")) || self.is(e, key!(",")) { e + 1 } else { e };
        if let Some((e2, y)) = self.year_at(k) {
            return Some(Cand::pt(i, e2, Some(Pt::Month(y, m)), ""));
        }
        // "January this year", "July last year"
        if let Some(d) = self.dct {
            let y = i32::from(d.year());
            for (ws, off) in
                [(keys!["this", "year"], 0), (keys!["last", "year"], -1), (keys!["next", "year"], 1)]
            {
                if let Some(e2) = self.seq(e, ws) {
                    return Some(Cand::pt(i, e2, Some(Pt::Month(y + off, m)), ""));
                }
            }
        }
        let y = self.year_for(m, None, rel, i, e);
        Some(Cand::pt(i, e, y.map(|y| Pt::Month(y, m)), &format!("XXXX-{m:02}")))
    }

    fn month_day(&self, a: usize, b: usize, m: u8, day: u8, y: Option<i32>, rel: Rel) -> Option<Cand> {
        let y = y.or_else(|| self.year_for(m, Some(day), rel, a, b));
        match y {
            Some(y) => {
                let d = cal::date(y, m, day)?;
                Some(Cand::pt(a, b, Some(Pt::Day(d)), ""))
            }
            None => {
                if day > 31 {
                    return None;
                }
                Some(Cand::date(a, b, format!("XXXX-{m:02}-{day:02}"), None))
            }
        }
    }

    /// ", 1999" or " 1999" after a month-day.
    fn year_after(&self, i: usize) -> Option<(usize, i32)> {
        let k = if self.is(i, key!(",")) { i + 1 } else { i };
        self.year_at(k)
    }

    /// A year: four digits, or spelled out ("nineteen ninety-six").
    fn year_at(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(n) = self.digits(i) {
            let t = self.tok(i)?;
            if t.len() != 4 || !(1000..=2199).contains(&n) {
                return None;
            }
            // not "1990s", "1,990", "1990.5", "1990%"
            if self.glued(i + 1)
                && (self.is_word(i + 1) || self.any(i + 1, keys!["%", ",", "."]) && self.is_num(i + 2))
            {
                return None;
            }
            if self.glued(i + 1) && self.is(i + 1, key!("%")) {
                return None;
            }
            return Some((i + 1, n as i32));
        }
        let w = self.w(i);
        if w == "nineteen" || w == "eighteen" {
            let c = if w == "nineteen" { 1900 } else { 1800 };
            let j = i + 1;
            if let Some(t) = lex::tens(self.w(j)) {
                let mut v = t;
                let mut e = j + 1;
                let k = if self.hyphen(e) { e + 1 } else { e };
                if let Some(u) = lex::small_number(self.w(k)).filter(|&u| (1..10).contains(&u)) {
                    v += u;
                    e = k + 1;
                }
                return Some((e, c + v as i32));
            }
            if let Some(u) = lex::small_number(self.w(j)).filter(|&u| u >= 10) {
                return Some((j + 1, c + u as i32));
            }
            return None;
        }
        if let Some(e) = self.seq(i, keys!["two", "thousand"]) {
            let k = if self.is(e, key!("and")) { e + 1 } else { e };
            if let Some((e2, n)) = self.number(k).filter(|(_, n)| !n.vague && !n.article && n.v < 100.0) {
                return Some((e2, 2000 + n.v as i32));
            }
            return Some((e, 2000));
        }
        None
    }

    /// ISO dates and numeric US dates.
    fn numeric_date(&self, i: usize) -> Option<Cand> {
        let y = self.digits(i)?;
        let t = self.tok(i)?;
        if t.len() == 4 && self.is(i + 1, key!("-")) && self.glued(i + 1) {
            let m = self.digits(i + 2).filter(|_| self.glued(i + 2))?;
            if self.is(i + 3, key!("-")) && self.glued(i + 3) && self.glued(i + 4) {
                let d = self.digits(i + 4)?;
                let date = cal::date(y as i32, m as u8, d as u8)?;
                return Some(Cand::pt(i, i + 5, Some(Pt::Day(date)), ""));
            }
            if self.tok(i + 2)?.len() == 2 && (1..=12).contains(&m) && !self.is_num(i + 4) {
                return Some(Cand::pt(i, i + 3, Some(Pt::Month(y as i32, m as u8)), ""));
            }
            return None;
        }
        // 9/24/2018
        if t.len() <= 2 && self.is(i + 1, key!("/")) && self.glued(i + 1) && self.glued(i + 2) {
            let m = y;
            let d = self.digits(i + 2)?;
            if self.is(i + 3, key!("/")) && self.glued(i + 3) && self.glued(i + 4) {
                let yt = self.tok(i + 4)?;
                let mut yy = self.digits(i + 4)? as i32;
                if yt.len() == 2 {
                    yy += if yy < 50 { 2000 } else { 1900 };
                } else if yt.len() != 4 {
                    return None;
                }
                let date = cal::date(yy, m as u8, d as u8)?;
                return Some(Cand::pt(i, i + 5, Some(Pt::Day(date)), ""));
            }
        }
        None
    }

    /// Years, fiscal years, decades, centuries.
    fn year_phrase(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut the = false;
        if self.is(j, key!("the")) {
            j += 1;
            the = true;
        }
        // decades: "the 1990s", "the '80s", "1990s", "the nineties", "the early 1980s"
        let mut k = j;
        if self.any(k, keys!["early", "late", "mid"]) {
            k += 1;
            if self.hyphen(k) {
                k += 1;
            }
        }
        if let Some(n) = self.digits(k)
            && self.is(k + 1, key!("s"))
            && self.glued(k + 1)
        {
            let len = self.tok(k)?.len();
            if len == 4 && n % 10 == 0 {
                return Some(Cand::pt(i, k + 2, Some(Pt::Decade(n as i32 / 10)), ""));
            }
        }
        if self.is(k, key!("'"))
            && let Some(n) = self.digits(k + 1)
            && self.glued(k + 1)
            && self.is(k + 2, key!("s"))
            && self.glued(k + 2)
            && self.tok(k + 1)?.len() == 2
            && n % 10 == 0
        {
            let c = if n <= 20 { 200 } else { 190 };
            return Some(Cand::pt(i, k + 3, Some(Pt::Decade(c + n as i32 / 10)), ""));
        }
        if the && let Some(dw) = lex::decade_word(self.w(k)) {
            return Some(Cand::pt(i, k + 1, Some(Pt::Decade(190 + dw as i32)), ""));
        }
        // centuries: "the 20th century", "the eleventh century"
        if let Some((e, n)) = self.day_number(j).or_else(|| self.ordinal_number(j))
            && self.is(e, key!("century"))
            && n >= 1
        {
            return Some(Cand::pt(i, e + 1, Some(Pt::Century(i32::from(n) - 1)), ""));
        }
        // "the year 2000", "the year two thousand"
        if the && self.is(j, key!("year")) {
            if let Some((e, y)) = self.year_at(j + 1) {
                return Some(Cand::pt(i, e, Some(Pt::Year(y)), ""));
            }
            return None;
        }
        // fiscal years: "fiscal 1990", "fiscal year 1990", "the fiscal year 1990"
        let mut f = j;
        if self.is(f, key!("fiscal")) || self.is(f, key!("calendar")) || self.is(f, key!("model")) {
            f += 1;
            if self.is(f, key!("year")) {
                f += 1;
            }
            if let Some((e, mut y)) = self.fiscal_year(f) {
                if y < 100 {
                    y += if y < 50 { 2000 } else { 1900 };
                }
                return Some(Cand::pt(i, e, Some(Pt::Year(y)), ""));
            }
            return None;
        }
        // a bare year
        if the {
            // "the 1988 period", "the 1988 quarter"
            let (e, y) = self.year_at(j)?;
            if self.any(e, keys!["period", "quarter", "year"]) {
                let q = self.last_quarter.map(|(p, _)| match p {
                    Pt::Quarter(_, q) => q,
                    _ => 0,
                });
                let pt = match q {
                    Some(q) if q > 0 && self.is(e, key!("quarter")) | self.is(e, key!("period")) => {
                        Pt::Quarter(y, q)
                    }
                    _ => Pt::Year(y),
                };
                return Some(Cand::pt(i, e + 1, Some(pt), ""));
            }
            return None;
        }
        let (e, y) = self.year_at(j)?;
        if self.is_num(j) {
            // amounts, not years
            if j > 0
                && self.any(
                    j - 1,
                    keys![
                        "$", "#", "€", "£", "no", "number", "route", "flight", "room", "suite", "model",
                        "page"
                    ],
                )
            {
                return None;
            }
            if self.is(e, key!("-")) && self.glued(e) && self.is_num(e + 1) {
                // "1990-91": the fiscal year in the first position
                let n2 = self.tok(e + 1)?.len();
                if n2 == 2 || n2 == 4 {
                    return Some(Cand::pt(i, e + 2, Some(Pt::Year(y)), ""));
                }
                return None;
            }
            if self.any(
                e,
                keys![
                    "percent",
                    "%",
                    "shares",
                    "people",
                    "tons",
                    "miles",
                    "feet",
                    "units",
                    "points",
                    "votes",
                    "yen",
                    "dollars",
                    "employees",
                    "workers",
                    "troops",
                    "cars",
                    "barrels",
                    "acres",
                    "students",
                    "members",
                    "jobs",
                    "stores",
                    "cases",
                    "copies",
                    "times"
                ],
            ) {
                return None;
            }
            if y < 1800
                && !(j > 0
                    && self.any(
                        j - 1,
                        keys!["in", "since", "of", "from", "until", "by", "year", "to", "before", "after"],
                    ))
            {
                return None;
            }
        }
        Some(Cand::pt(i, e, Some(Pt::Year(y)), ""))
    }

    fn ordinal_number(&self, i: usize) -> Option<(usize, u8)> {
        lex::ordinal_word(self.w(i)).map(|n| (i + 1, n as u8))
    }

    fn fiscal_year(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(r) = self.year_at(i) {
            if self.is(r.0, key!("-")) && self.glued(r.0) && self.is_num(r.0 + 1) {
                return Some((r.0 + 2, r.1));
            }
            return Some(r);
        }
        // "fiscal '90"
        if self.is(i, key!("'")) && self.glued(i + 1) {
            let n = self.digits(i + 1)?;
            if self.tok(i + 1)?.len() == 2 {
                return Some((i + 2, n as i32));
            }
        }
        None
    }

    fn resolve_quarter(&self, q: u8, a: usize, b: usize) -> Option<Pt> {
        let d = self.dct?;
        let y = i32::from(d.year());
        let dq = (d.month() as u8 - 1) / 3 + 1;
        // Quarters are reported after they end: the latest one with that number.
        let _ = (a, b);
        let yy = if q <= dq { y } else { y - 1 };
        Some(Pt::Quarter(yy, q))
    }

    /// The quarter talked about: the last one mentioned, else the one before the DCT's.
    fn current_topic_quarter(&self) -> Option<Pt> {
        if let Some((p, _)) = self.last_quarter {
            return Some(p);
        }
        let d = self.dct?;
        let prev = cal::add_months(d, -3)?;
        Some(cal::quarter_of(prev))
    }

    /// "the third quarter", "third-quarter", "the fiscal first quarter", "this year's
    /// third quarter", "the year-ago quarter", "the latest period", "the first half".
    fn quarter_phrase(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        // determiner
        let mut year_off: Option<i32> = None; // relative to DCT year
        let mut explicit_year: Option<i32> = None;
        let mut topic = false; // "the latest quarter", "the quarter": the one talked about
        let mut ago = false; // "the year-ago quarter"
        let mut dct_rel: Option<i32> = None; // "this quarter", "last quarter", "next quarter"
        let mut had_det = false;
        if let Some(e) = self.seq(j, keys!["this", "year", "'", "s"]) {
            year_off = Some(0);
            j = e;
            had_det = true;
        } else if let Some(e) = self.seq(j, keys!["last", "year", "'", "s"]) {
            year_off = Some(-1);
            j = e;
            had_det = true;
        } else if let Some(e) = self.seq(j, keys!["next", "year", "'", "s"]) {
            year_off = Some(1);
            j = e;
            had_det = true;
        } else if self.any(j, keys!["the", "its", "their", "a", "this", "last", "next", "that"]) {
            match self.w(j) {
                "this" => dct_rel = Some(0),
                "last" => dct_rel = Some(-1),
                "next" => dct_rel = Some(1),
                "that" => topic = true,
                _ => {}
            }
            j += 1;
            had_det = true;
        }
        if self.any(j, keys!["comparable", "corresponding", "same"]) {
            j += 1;
        }
        if let Some(e) =
            self.seq(j, keys!["year", "-", "ago"]).or_else(|| self.seq(j, keys!["year", "-", "earlier"]))
        {
            ago = true;
            j = e;
        } else if self.any(j, keys!["latest", "current", "recent", "just", "past", "previous", "prior"])
            && had_det
        {
            if self.is(j, key!("current")) {
                dct_rel = Some(0);
            } else if self.any(j, keys!["previous", "prior"]) {
                dct_rel = Some(-1);
            } else {
                topic = true;
            }
            if self.is(j, key!("just")) {
                if !self.any(j + 1, keys!["ended", "completed", "finished"]) {
                    return None;
                }
                j += 1;
            }
            j += 1;
        }
        if had_det && let Some((e, y)) = self.year_at(j) {
            explicit_year = Some(y);
            j = e;
        }
        let mut fiscal = false;
        if self.is(j, key!("fiscal")) {
            j += 1;
            fiscal = true;
            if self.hyphen(j) {
                j += 1;
            }
        }
        let ord = match self.w(j) {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            _ => {
                if let (Some(n), true) = (self.digits(j), self.any(j + 1, keys!["st", "nd", "rd", "th"])) {
                    Some(n as u8).filter(|n| (1..=4).contains(n)).inspect(|_| j += 1)
                } else {
                    None
                }
            }
        };
        if ord.is_some() {
            j += 1;
        }
        let mut compound = false;
        if self.hyphen(j) {
            j += 1;
            compound = true;
        }
        if self.is(j, key!("fiscal")) {
            j += 1;
        }
        let noun = self.w(j);
        let is_half = noun == "half" || noun == "half-year";
        let is_q = noun == "quarter" && !self.hyphen(j + 1);
        let is_period = noun == "period";
        if !(is_q || is_half || is_period) {
            return None;
        }
        if is_period && !(ago || topic || explicit_year.is_some()) {
            return None;
        }
        if is_half && ord.is_none_or(|o| o > 2) {
            return None;
        }
        if !had_det && ord.is_none() && !ago {
            return None; // bare "quarter"
        }
        if ord.is_none() && !had_det {
            // "year-ago quarter" without article is fine; bare "quarter" handled above
        }
        if self.w(i) == "a" && !ago {
            return None;
        }
        let _ = fiscal;
        let mut e = j + 1;
        // "of 1990", "1990"
        if let Some((e2, y)) = self.seq(e, keys!["of"]).and_then(|k| self.year_at(k)) {
            explicit_year = Some(y);
            e = e2;
        }
        let mut start = i;
        if !had_det && self.w(i) == "the" {
            start = i;
        }
        if compound
            && had_det
            && self.lower_word(e)
            && !matches!(self.w(e), "ended" | "ending" | "of" | "to" | "and" | "or")
        {
            // "the third-quarter loss": the determiner is not part of it
            start = i + 1;
            if year_off.is_some() {
                start = i;
            }
        }
        let dct = self.dct;
        let topic_q = self.current_topic_quarter();
        let pt: Option<Pt> = if is_half {
            let o = ord.unwrap_or(1);
            let y = explicit_year.or_else(|| dct.map(|d| i32::from(d.year()) + year_off.unwrap_or(0)));
            y.map(|y| Pt::Half(y, o))
        } else if let Some(o) = ord {
            if let Some(y) = explicit_year {
                Some(Pt::Quarter(y, o))
            } else if let Some(off) = year_off {
                dct.map(|d| Pt::Quarter(i32::from(d.year()) + off, o))
            } else if ago {
                let base = self.resolve_quarter(o, i, e);
                base.and_then(|p| p.shift_years(-1))
            } else {
                self.resolve_quarter(o, i, e)
            }
        } else if ago {
            topic_q.and_then(|p| p.shift_years(-1))
        } else if let Some(y) = explicit_year {
            match topic_q {
                Some(Pt::Quarter(_, q)) => Some(Pt::Quarter(y, q)),
                _ => Some(Pt::Year(y)),
            }
        } else if let Some(off) = dct_rel {
            dct.and_then(|d| cal::add_months(d, i64::from(off) * 3)).map(cal::quarter_of)
        } else if let Some(off) = year_off {
            match topic_q {
                Some(Pt::Quarter(y, q)) => Some(Pt::Quarter(y + off, q)),
                _ => None,
            }
        } else {
            topic_q
        };
        let under = match (is_half, ord) {
            (true, Some(o)) => format!("XXXX-H{o}"),
            (false, Some(o)) => format!("XXXX-Q{o}"),
            _ => "XXXX-QX".to_string(),
        };
        let c = Cand::pt(start, e, pt, &under);
        Some(if ago || (ord.is_none() && explicit_year.is_none() && dct_rel.is_none()) {
            c.anaphoric()
        } else {
            c
        })
    }

    /// A season phrase at `i`, where the relation words are `rel_words(i)`.
    fn season_phrase(&self, i: usize, rel_words: (usize, Rel)) -> Option<Cand> {
        let (mut j, mut rel) = rel_words;
        let mut the = false;
        if rel == Rel::None && self.is(j, key!("the")) {
            j += 1;
            the = true;
        }
        if self.any(j, keys!["early", "late"]) {
            j += 1;
        }
        let s = lex::season(self.w(j))?;
        if rel == Rel::None && !the && self.w(j) == "fall" {
            return None;
        }
        if rel == Rel::That {
            rel = Rel::None;
        }
        let mut e = j + 1;
        let mut year = None;
        if let Some((e2, y)) =
            self.seq(e, keys!["of"]).and_then(|k| self.year_at(k)).or_else(|| self.year_at(e))
        {
            year = Some(y);
            e = e2;
        } else if self.is(e, key!("of")) {
            return None; // "the fall of Rome"
        }
        let code = ["WI", "SP", "SU", "FA"][usize::from(s)];
        let pt = year.map(|y| Pt::Season(y, s)).or_else(|| {
            let d = self.dct?;
            let y = i32::from(d.year());
            let cur = cal::season_index(d.month() as u8);
            let y = match rel {
                Rel::Last | Rel::ThisPast | Rel::Previous => {
                    if s < cur {
                        y
                    } else {
                        y - 1
                    }
                }
                Rel::Next | Rel::ThisComing | Rel::Following => {
                    if s > cur {
                        y
                    } else {
                        y + 1
                    }
                }
                _ => y,
            };
            Some(Pt::Season(y, s))
        });
        Some(Cand::pt(i, e, pt, &format!("XXXX-{code}")))
    }

    /// today, yesterday, tonight, this week, last month, next year, the weekend, year-end…
    fn relative_phrase(&self, i: usize) -> Option<Cand> {
        let dct = self.dct;
        let w = self.w(i);
        // the first words of all the patterns below
        if !self.any(
            i,
            keys![
                "today",
                "yesterday",
                "tomorrow",
                "tonight",
                "the",
                "a",
                "this",
                "last",
                "next",
                "past",
                "coming",
                "current",
                "year"
            ],
        ) {
            return None;
        }
        let day = |off: i64| dct.and_then(|d| cal::add_days(d, off)).map(Pt::Day);
        match w {
            "today" | "yesterday" | "tomorrow" => {
                let off = match w {
                    "today" => 0,
                    "yesterday" => -1,
                    _ => 1,
                };
                return Some(Cand::pt(i, i + 1, day(off), "XXXX-XX-XX"));
            }
            "tonight" => {
                let v = day(0).map_or_else(|| "XXXX-XX-XX".into(), Pt::value);
                return Some(Cand::other(i, i + 1, TimexType::Time, format!("{v}TNI")));
            }
            _ => {}
        }
        if let Some(e) = self.seq(i, keys!["the", "day", "before", "yesterday"]) {
            return Some(Cand::pt(i, e, day(-2), "XXXX-XX-XX"));
        }
        if let Some(e) = self.seq(i, keys!["the", "day", "after", "tomorrow"]) {
            return Some(Cand::pt(i, e, day(2), "XXXX-XX-XX"));
        }
        // "last night", "this morning", "tomorrow morning" (with rel words)
        if let Some(k) = self.seq(i, keys!["last"])
            && let Some(p) = lex::part_of_day(self.w(k)).filter(|_| self.is(k, key!("night")))
        {
            let v = day(-1).map_or_else(|| "XXXX-XX-XX".into(), Pt::value);
            return Some(Cand::other(i, k + 1, TimexType::Time, format!("{v}T{p}")));
        }
        if let Some(k) = self.seq(i, keys!["this"])
            && let Some(p) = lex::part_of_day(self.w(k)).filter(|_| !self.w(k).ends_with('s'))
        {
            let v = day(0).map_or_else(|| "XXXX-XX-XX".into(), Pt::value);
            return Some(Cand::other(i, k + 1, TimexType::Time, format!("{v}T{p}")));
        }
        // year-end
        if let Some(e) = self
            .seq(i, keys!["year", "-", "end"])
            .or_else(|| self.seq(i, keys!["year", "end"]))
            .or_else(|| self.seq(i, keys!["year", "'", "s", "end"]))
        {
            let y = dct.map(|d| Pt::Year(i32::from(d.year())));
            return Some(Cand::pt(i, e, y, "XXXX"));
        }
        // year-ago / year-earlier as a modifier
        if let Some(e) =
            self.seq(i, keys!["year", "-", "ago"]).or_else(|| self.seq(i, keys!["year", "-", "earlier"]))
        {
            let pt = self.year_shift(i, -1, true);
            return Some(Cand::pt(i, e, pt, "XXXX").anaphoric());
        }
        // "the weekend"
        if let Some(e) = self.seq(i, keys!["the", "weekend"]) {
            let pt = dct.and_then(|d| {
                let sat = if cal::weekday_num(d) >= 6 || self.tense(i, e) != Tense::Future {
                    cal::weekday_before(d, 6, false)
                } else {
                    cal::weekday_after(d, 6, false)
                }?;
                Some(cal::weekend_of(sat))
            });
            return Some(Cand::pt(i, e, pt, "XXXX-WXX-WE"));
        }
        if let Some(e) = self.seq(i, keys!["the", "day"]) {
            if self.any(e, keys!["before", "after", "of", "when", "that"]) {
                return None;
            }
            return Some(Cand::pt(i, e, day(0), "XXXX-XX-XX"));
        }
        // "the year" / "the fiscal year": a duration when "ended …", else this year
        if let Some(e) =
            self.seq(i, keys!["the", "year"]).or_else(|| self.seq(i, keys!["the", "fiscal", "year"]))
        {
            if self.any(e, keys!["ended", "ending", "ends", "through", "to"])
                || self.seq(e, keys!["that", "ended"]).is_some()
            {
                return Some(Cand::other(i, e, TimexType::Duration, "P1Y"));
            }
            if self.any(e, keys!["before", "after", "when", "in", "of", "that", "which", "-"])
                || self.is_num(e)
            {
                return None;
            }
            let pt = dct.map(|d| Pt::Year(i32::from(d.year())));
            return Some(Cand::pt(i, e, pt, "XXXX"));
        }
        if let Some(e) = self
            .seq(i, keys!["the", "full", "year"])
            .or_else(|| self.seq(i, keys!["the", "full", "fiscal", "year"]))
        {
            let pt = dct.map(|d| Pt::Year(i32::from(d.year())));
            return Some(Cand::pt(i, e, pt, "XXXX"));
        }
        if let Some(e) = self.seq(i, keys!["the", "month"]) {
            if self.any(e, keys!["before", "after", "of", "when", "that", "-"]) {
                return None;
            }
            return Some(Cand::pt(i, e, dct.map(cal::month_of), "XXXX-XX"));
        }
        if let Some(e) = self.seq(i, keys!["a", "while"]) {
            return Some(Cand::other(i, e, TimexType::Duration, "PXX"));
        }
        if let Some(e) = self.seq(i, keys!["the", "week"]) {
            if self.any(e, keys!["before", "after", "of", "when", "that", "-"]) {
                return None;
            }
            let pt = dct.map(cal::week_of);
            return Some(Cand::pt(i, e, pt, "XXXX-WXX"));
        }
        // this/last/next/the past/the coming + unit
        const TABLE: &[(&[Packed], i32, bool)] = &[
            (&[lit("this")], 0, false),
            (&[lit("the"), lit("current")], 0, false),
            (&[lit("the"), lit("present")], 0, false),
            (&[lit("the"), lit("current"), lit("fiscal")], 0, false),
            (&[lit("this"), lit("fiscal")], 0, false),
            (&[lit("current")], 0, false),
            (&[lit("last")], -1, false),
            (&[lit("last"), lit("fiscal")], -1, false),
            (&[lit("the"), lit("past")], -1, false),
            (&[lit("the"), lit("last")], -1, false),
            (&[lit("past")], -1, false),
            (&[lit("next")], 1, false),
            (&[lit("next"), lit("fiscal")], 1, false),
            (&[lit("the"), lit("coming")], 1, false),
            (&[lit("the"), lit("next")], 1, false),
            (&[lit("coming")], 1, false),
            (&[lit("the"), lit("previous")], -1, true),
            (&[lit("the"), lit("prior")], -1, true),
            (&[lit("the"), lit("preceding")], -1, true),
            (&[lit("the"), lit("following")], 1, true),
        ];
        let mut best: Option<(usize, i32, bool)> = None;
        for (ws, off, anaphoric) in TABLE {
            if let Some(e) = self.seq(i, ws)
                && (lex::unit(self.w(e)).is_some_and(|(_, p)| !p) || self.is(e, key!("weekend")))
                && best.is_none_or(|b| e > b.0)
            {
                best = Some((e, *off, *anaphoric));
            }
        }
        let (e, off, anaphoric) = best?;
        let unit_w = self.w(e);
        let end = e + 1;
        if unit_w == "weekend" {
            let pt = dct.and_then(|d| {
                let sat = match off {
                    0 => {
                        if cal::weekday_num(d) >= 6 {
                            cal::weekday_before(d, 6, false)
                        } else {
                            cal::weekday_after(d, 6, false)
                        }
                    }
                    -1 => cal::weekday_before(d, 6, cal::weekday_num(d) == 6),
                    _ => cal::weekday_after(d, 6, true),
                }?;
                Some(cal::weekend_of(sat))
            });
            return Some(Cand::pt(i, end, pt, "XXXX-WXX-WE"));
        }
        let (u, _) = lex::unit(unit_w)?;
        // "last year's", is fine; "the last year" as a duration is handled elsewhere
        let off64 = i64::from(off);
        let anchor_pt = if anaphoric { self.last.map(|(p, _)| p) } else { None };
        let pt: Option<Pt> = match u {
            Unit::Year => {
                if let Some(p) = anchor_pt {
                    Some(Pt::Year(p.year() + off))
                } else {
                    dct.map(|d| Pt::Year(i32::from(d.year()) + off))
                }
            }
            Unit::Month => {
                let base = match anchor_pt {
                    Some(Pt::Month(y, m)) => cal::date(y, m, 1),
                    Some(Pt::Day(d)) => Some(d),
                    _ => dct,
                };
                base.and_then(|d| cal::add_months(d, off64)).map(cal::month_of)
            }
            Unit::Week => {
                let base = match anchor_pt {
                    Some(Pt::Day(d)) => Some(d),
                    _ => dct,
                };
                base.and_then(|d| cal::add_days(d, off64 * 7)).map(cal::week_of)
            }
            Unit::Quarter => {
                if anaphoric && off == 0 {
                    self.current_topic_quarter()
                } else {
                    dct.and_then(|d| cal::add_months(d, off64 * 3)).map(cal::quarter_of)
                }
            }
            Unit::Day => {
                let base = match anchor_pt {
                    Some(Pt::Day(d)) => Some(d),
                    _ => dct,
                };
                base.and_then(|d| cal::add_days(d, off64)).map(Pt::Day)
            }
            Unit::Decade => dct.map(|d| Pt::Decade(i32::from(d.year()).div_euclid(10) + off)),
            Unit::Century => dct.map(|d| Pt::Century(i32::from(d.year()).div_euclid(100) + off)),
            _ => return None,
        };
        let under = match u {
            Unit::Year => "XXXX",
            Unit::Month => "XXXX-XX",
            Unit::Week => "XXXX-WXX",
            Unit::Quarter => "XXXX-QX",
            Unit::Day => "XXXX-XX-XX",
            Unit::Decade => "XXX",
            _ => "XX",
        };
        // "that day" in a past narrative with no anchor: unknown
        Some(Cand::pt(i, end, pt, under))
    }

    // ---- clock times -----------------------------------------------------------------

    /// "10:27 AM", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon Saturday", "midnight".
    fn clock_time(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.any(j, keys!["around", "about", "approximately", "at", "by", "after", "before", "until"]) {
            if !self.is(j, key!("around")) && !self.is(j, key!("about")) && !self.is(j, key!("approximately"))
            {
                return None;
            }
            j += 1;
        }
        let (mut e, hm) = if self.is(j, key!("noon")) || self.is(j, key!("midday")) {
            (j + 1, "12:00".to_string())
        } else if self.is(j, key!("midnight")) {
            (j + 1, "24:00".to_string())
        } else {
            let h = self.digits(j)?;
            if self.tok(j)?.len() > 2 || h > 24 {
                return None;
            }
            let mut e = j + 1;
            let mut min = None;
            if self.is(e, key!(":")) && self.glued(e) && self.glued(e + 1) && self.tok(e + 1)?.len() == 2 {
                let m = self.digits(e + 1)?;
                if m > 59 {
                    return None;
                }
                min = Some(m);
                e += 2;
                // seconds: ":05"
                if self.is(e, key!(":")) && self.glued(e) && self.glued(e + 1) && self.is_num(e + 1) {
                    e += 2;
                }
            }
            let (e2, ampm) = self.am_pm(e)?;
            if ampm.is_none() && min.is_none() {
                if self.is(e2, key!("o")) && self.is(e2 + 1, key!("'")) && self.is(e2 + 2, key!("clock")) {
                    e = e2 + 3;
                    let hh = h;
                    (e, format!("{hh:02}:00"))
                } else {
                    return None;
                }
            } else {
                let mut hh = h;
                match ampm {
                    Some(true) if hh < 12 => hh += 12,
                    Some(false) if hh == 12 => hh = 0,
                    _ => {}
                }
                if hh > 24 || (ampm.is_some() && !(1..=12).contains(&h)) {
                    return None;
                }
                (e2, format!("{hh:02}:{:02}", min.unwrap_or(0)))
            }
        };
        // time zone
        if lex::timezone(self.w(e)) && self.cap(e) {
            e += 1;
        } else if self.seq(e, keys!["local", "time"]).is_some() {
            e += 2;
        }
        // the day: "Wednesday", ", Nov. 6", "yesterday", "today", "on Friday"? (not "on")
        let mut day_val: Option<String> = None;
        let k = if self.is(e, key!(",")) { e + 1 } else { e };
        if let Some(c) = self.date_core(k)
            && (matches!(c.pt, Some(Pt::Day(_)))
                || c.value.starts_with("XXXX-WXX-")
                || c.value.starts_with("XXXX-XX-XX")
                || (c.value.starts_with("XXXX-") && c.value.len() == 10))
            && c.kind == TimexType::Date
        {
            day_val = Some(c.value);
            e = c.end;
        }
        let day =
            day_val.unwrap_or_else(|| self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value));
        let hm = if hm == "24:00" { "24".to_string() } else { hm };
        Some(Cand::other(i, e, TimexType::Time, format!("{day}T{hm}")))
    }

    /// a.m./p.m. after a clock number: (end, Some(pm)) or (i, None).
    fn am_pm(&self, i: usize) -> Option<(usize, Option<bool>)> {
        let w = self.w(i);
        let pm = match w {
            "am" | "a" => false,
            "pm" | "p" => true,
            _ => return Some((i, None)),
        };
        if w.len() == 2 {
            return Some((i + 1, Some(pm)));
        }
        // a.m. / p.m.
        if self.is(i + 1, key!(".")) && self.glued(i + 1) && self.is(i + 2, key!("m")) && self.glued(i + 2) {
            return Some((self.opt_period(i + 3), Some(pm)));
        }
        Some((i, None))
    }

    /// "mid-afternoon yesterday", "early morning Friday".
    fn part_of_day_first(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.any(j, keys!["early", "late", "mid", "later"]) {
            j += 1;
            if self.hyphen(j) {
                j += 1;
            }
        }
        if let Some(e) = self.seq(j, keys!["this"]) {
            let p = lex::part_of_day(self.w(e))?;
            let v = self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
            return Some(Cand::other(i, e + 1, TimexType::Time, format!("{v}T{p}")));
        }
        if j == i && self.is(j, key!("the")) && lex::part_of_day(self.w(j + 1)).is_some() {
            // "the morning": the day talked about
            let p = lex::part_of_day(self.w(j + 1))?;
            if self.w(j + 1).ends_with('s') || self.any(j + 2, keys!["of", "after", "before"]) {
                return None;
            }
            let v = self
                .last_day
                .map(|d| d.0)
                .or(self.dct)
                .map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
            return Some(Cand::other(i, j + 2, TimexType::Time, format!("{v}T{p}")));
        }
        let p = lex::part_of_day(self.w(j))?;
        if self.w(j).ends_with('s') {
            return None;
        }
        let c = self.date_core(j + 1);
        match c {
            Some(c) if matches!(c.pt, Some(Pt::Day(_))) || c.value.starts_with("XXXX-WXX-") => {
                if c.kind != TimexType::Date {
                    return None;
                }
                Some(Cand::other(i, c.end, TimexType::Time, format!("{}T{p}", c.value)))
            }
            _ => {
                if j > i && self.w(j) == "afternoon" || self.w(j) == "overnight" && j == i {
                    // "mid-afternoon", "overnight"
                    let v = self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
                    return Some(Cand::other(i, j + 1, TimexType::Time, format!("{v}T{p}")));
                }
                None
            }
        }
    }

    // ---- vague references ------------------------------------------------------------

    fn vague(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        // the first words of all the patterns below, or a plural unit ("for years")
        if !self.any(
            i,
            keys![
                "a",
                "as",
                "at",
                "coming",
                "current",
                "currently",
                "future",
                "just",
                "more",
                "most",
                "now",
                "nowadays",
                "once",
                "past",
                "presently",
                "recent",
                "recently",
                "right",
                "soon",
                "the",
                "these",
                "this"
            ],
        ) && lex::unit(w).is_none()
        {
            return None;
        }
        let d = |s: usize, e: usize, v: &str| Some(Cand::date(s, e, v.to_string(), None));
        const TABLE: &[(&[Packed], &str)] = &[
            (&[lit("right"), lit("now")], "PRESENT_REF"),
            (&[lit("just"), lit("now")], "PRESENT_REF"),
            (&[lit("now")], "PRESENT_REF"),
            (&[lit("currently")], "PRESENT_REF"),
            (&[lit("presently")], "PRESENT_REF"),
            (&[lit("nowadays")], "PRESENT_REF"),
            (&[lit("these"), lit("days")], "PRESENT_REF"),
            (&[lit("at"), lit("present")], "PRESENT_REF"),
            (&[lit("the"), lit("present")], "PRESENT_REF"),
            (&[lit("this"), lit("crucial"), lit("moment")], "PRESENT_REF"),
            (&[lit("recently")], "PAST_REF"),
            (&[lit("more"), lit("recently")], "PAST_REF"),
            (&[lit("most"), lit("recently")], "PAST_REF"),
            (&[lit("the"), lit("past")], "PAST_REF"),
            (&[lit("once"), lit("upon"), lit("a"), lit("time")], "PAST_REF"),
            (&[lit("recent"), lit("years")], "PAST_REF"),
            (&[lit("recent"), lit("days")], "PAST_REF"),
            (&[lit("past"), lit("years")], "PAST_REF"),
            (&[lit("the"), lit("future")], "FUTURE_REF"),
            (&[lit("the"), lit("near"), lit("future")], "FUTURE_REF"),
            (&[lit("the"), lit("immediate"), lit("future")], "FUTURE_REF"),
            (&[lit("the"), lit("foreseeable"), lit("future")], "FUTURE_REF"),
            (&[lit("the"), lit("distant"), lit("future")], "FUTURE_REF"),
            (&[lit("the"), lit("near"), lit("term")], "FUTURE_REF"),
            (&[lit("the"), lit("short"), lit("term")], "FUTURE_REF"),
            (&[lit("the"), lit("long"), lit("term")], "FUTURE_REF"),
            (&[lit("the"), lit("longer"), lit("term")], "FUTURE_REF"),
            (&[lit("the"), lit("medium"), lit("term")], "FUTURE_REF"),
            (&[lit("soon")], "FUTURE_REF"),
            (&[lit("as"), lit("soon"), lit("as"), lit("possible")], "FUTURE_REF"),
            (&[lit("a"), lit("later"), lit("date")], "FUTURE_REF"),
            (&[lit("coming"), lit("months")], "FUTURE_REF"),
            (&[lit("coming"), lit("years")], "FUTURE_REF"),
            (&[lit("coming"), lit("days")], "FUTURE_REF"),
            (&[lit("the"), lit("coming"), lit("months")], "FUTURE_REF"),
            (&[lit("the"), lit("coming"), lit("years")], "FUTURE_REF"),
            (&[lit("the"), lit("coming"), lit("days")], "FUTURE_REF"),
            (&[lit("future")], "FUTURE_REF"),
        ];
        let mut best: Option<Cand> = None;
        for &(ws, v) in TABLE {
            if let Some(e) = self.seq(i, ws) {
                if ws == keys!["future"] && !self.any(e, keys!["quarters", "years", "months"]) {
                    continue;
                }
                if ws == keys!["the", "past"] && (self.number(e).is_some() || lex::unit(self.w(e)).is_some())
                {
                    continue;
                }
                if ws == keys!["soon"]
                    && (self.any(e, keys!["as", "after"]) || (i > 0 && self.is(i - 1, key!("as"))))
                {
                    continue;
                }
                if ws == keys!["the", "present"] && lex::unit(self.w(e)).is_some() {
                    continue;
                }
                let e = if ws == keys!["future"] { e + 1 } else { e };
                if best.as_ref().is_none_or(|b| e > b.end) {
                    best = d(i, e, v);
                }
            }
        }
        if best.is_some() {
            return best;
        }
        // "recent weeks", "coming weeks": vague durations
        if matches!(w, "recent" | "coming")
            && self.is_word(i + 1)
            && let Some((u, true)) = lex::unit(self.w(i + 1))
        {
            return Some(Cand::other(i, i + 2, TimexType::Duration, format!("PX{}", u.code())));
        }
        if w == "current" && !self.any(i + 1, keys!["account", "accounts", "affairs", "events", "-"]) {
            return d(i, i + 1, "PRESENT_REF");
        }
        if w == "recent" && self.is_word(i + 1) {
            return d(i, i + 1, "PAST_REF");
        }
        // "at the time"
        if let Some(e) = self.seq(i, keys!["the", "time"])
            && i > 0
            && self.is(i - 1, key!("at"))
            && !self.any(e, keys!["of", "when", "that"])
        {
            return d(i, e, "PAST_REF");
        }
        // bare plural units: "for years", "in recent months" (handled), "months ago" (handled)
        if let Some((u, true)) = lex::unit(w)
            && i > 0
            && self.any(i - 1, keys!["for", "in", "over", "within"])
            && !self.any(i + 1, keys!["of", "-", "to"])
            && !self.is_num(i - 1)
        {
            let t = if u.is_clock() { "T" } else { "" };
            if self.is(i + 1, key!("ago")) {
                return d(i, i + 2, "PAST_REF");
            }
            return Some(Cand::other(i, i + 1, TimexType::Duration, format!("P{t}X{}", u.code())));
        }
        None
    }
}
