//! Durations ("two years" → `P2Y`), expressions anchored by "ago", "later", "earlier"
//! ("a year ago"), and the sets "a year" makes.

use super::*;

/// The count and unit of a duration as read ([`Rules::duration_count_and_unit`]).
struct DurationWords {
    /// The count (the first of a range).
    n: Num,
    /// "two to three weeks": a range.
    range: bool,
    /// "two-year": a hyphenated compound.
    compound: bool,
    unit: Unit,
    /// The unit is plural.
    plural: bool,
    /// The token after the unit.
    end: usize,
}

impl Rules<'_> {
    pub(super) fn duration(&self, i: usize) -> Option<TimexCandidate> {
        // "will one day be", "could one day replace": some day ahead, not a day long
        if let Some(e) = self.phrase_end(i, keys!["one", "day"])
            && i > 0
            && self.word_in(i - 1, keys!["will", "would", "could", "may", "might", "can", "should", "must"])
        {
            return Some(TimexCandidate::date(i, e, "FUTURE_REF".into(), None));
        }
        // "a three-year period": the article belongs to the period
        if self.word_in(i, keys!["a", "an"])
            && let Some(mut c) = self.duration_at(i + 1)
            && self.word_in(c.end - 1, keys!["period", "term", "span", "stretch", "spell"])
        {
            c.start = i;
            return Some(c);
        }
        let c = self.duration_at(i)?;
        // "at least the first two quarters of 1990": a date that starts inside the duration
        // and reaches past it is the expression
        if self.word_is(c.end, key!("of"))
            && (c.start + 1..c.end).any(|k| self.date_mod(k).is_some_and(|d| d.end > c.end))
        {
            return None;
        }
        Some(c)
    }

    /// A duration at `i` ("two years", "the past three months", "about 30 days", "a
    /// three-year term"), or a date it anchors ("two years ago"), or a set ("$5 a year").
    fn duration_at(&self, i: usize) -> Option<TimexCandidate> {
        let start = i;
        let (j, had_approx) = self.skip_approximator(i);
        let (j, dir, had_the) = self.duration_direction(j, had_approx)?;
        let DurationWords { n, range, compound, unit: u, plural, end: mut e } =
            self.duration_count_and_unit(j, had_the)?;
        let mut num = n;
        if range {
            num = Num { v: n.v, vague: false, article: false };
        }
        // "and a half"
        if let Some(e2) = self.phrase_end(e, keys!["and", "a", "half"]) {
            num.v += 0.5;
            e = e2;
        }
        if compound && self.hyphen(e) && self.word_is(e + 1, key!("old")) {
            e += 2;
        }
        let mut value = Self::dur_value(num, u);
        if range && num.vague {
            value = format!("PX{}", u.code());
        }
        // "a three-year period", "one-year term"
        if compound && self.word_in(e, keys!["period", "term", "span", "stretch", "spell"]) {
            e += 1;
        }
        if self.phrase_end(e, keys!["or", "so"]).is_some() {
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
            let prev_low = self.word(i - 1);
            if prev.kind == Kind::Num
                || matches!(prev_low, "%" | "percent" | "cents" | "dollars" | "twice" | "once" | "times")
                || prev_low.ends_with("illion")
            {
                // (a candidate starts where the rule is tried: "twice a year" is found at "a")
                let t = if u.is_clock() { "T" } else { "" };
                return Some(TimexCandidate::other(i, e, TimexType::Set, format!("P{t}1{}", u.code())));
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
        Some(TimexCandidate::other(start, e, TimexType::Duration, value))
    }

    /// An approximator at `j` before a number or "the" ("about", "more than", "at least",
    /// "up to", "within"): the token after it, and whether there was one.
    fn skip_approximator(&self, j: usize) -> (usize, bool) {
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
        // (the first words of `APPROX`)
        let approximate = self.word_in(
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
            if let Some(k) = self.phrase_end(j, a)
                && (self.number(k).is_some_and(|(_, n)| !n.vague)
                    || (self.word_is(k, key!("the"))
                        && !keys!["over", "within", "around", "some", "just", "only"].contains(&a[0])))
            {
                return (k, true);
            }
        }
        (j, false)
    }

    /// "the past/last/next/first/coming", plain "the", or "past"/"next" without it, at `j`:
    /// the token after them, the direction (-1 past, 1 next, 2 "the first/same/full", 0 none)
    /// and whether "the" was there; `None` for "recent weeks", "coming months" (vague).
    fn duration_direction(&self, mut j: usize, had_approx: bool) -> Option<(usize, i32, bool)> {
        let mut dir = 0i32;
        let mut had_the = false;
        if self.word_is(j, key!("the")) || self.word_is(j, key!("its")) {
            let k = j + 1;
            let d = match self.word(k) {
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
        } else if self.word_in(j, keys!["past", "last", "next", "coming", "recent"]) && !had_approx {
            // "the" omitted: "past two years" / "recent weeks"
            dir = if self.word_in(j, keys!["next", "coming"]) { 1 } else { -1 };
            if self.word_is(j, key!("recent")) || self.word_is(j, key!("coming")) {
                // "recent weeks", "coming months": vague, handled in `vague`
                return None;
            }
            j += 1;
        }
        Some((j, dir, had_the))
    }

    /// The count and unit of a duration at `j` ("two to three weeks", "30-day", "a year"), or
    /// `None` where they make no duration ("52 years old", "three-quarters", "a quarter of",
    /// "the a").
    fn duration_count_and_unit(&self, j: usize, had_the: bool) -> Option<DurationWords> {
        let (mut k, n) = self.number(j)?;
        if had_the && n.article {
            return None; // "the a" never; "the past a"
        }
        // "two to three weeks", "12 to 18 months", "one or two years"
        let mut range = false;
        if self.word_in(k, keys!["to", "or", "-"])
            && let Some((k2, n2)) = self.number(k + 1)
            && !n2.article
            && self.unit(k2).is_some()
        {
            k = k2;
            range = true;
        }
        // hyphenated compound "two-year", "30-day", "8-month-old"
        let compound = self.hyphen(k);
        if compound {
            k += 1;
        }
        let (e, u, plural) = self.unit(k)?;
        if n.article && plural {
            return None;
        }
        // "year-earlier", "quarter-century": another compound
        if self.hyphen(e) && !self.word_is(e + 1, key!("old")) {
            return None;
        }
        // "three-quarters" is a fraction; "52 years old" an age
        if compound && plural {
            return None;
        }
        // ("a 22 year-old resident": the same age written half-hyphenated)
        if self.word_is(e, key!("old"))
            || (self.hyphen(e) && self.word_is(e + 1, key!("old")) && u == Unit::Year)
        {
            return None;
        }
        if u == Unit::Second
            && n.article
            && !plural
            && !(self.word_in(e, keys![".", ",", "later", "earlier", "ago", "or", "and"])
                || e >= self.toks.len())
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
        if self.word(j) == "some" && !plural {
            return None;
        }
        Some(DurationWords { n, range, compound, unit: u, plural, end: e })
    }

    /// The point `years` years from what the text talks about: the quarter of the last four
    /// sentences ("a year earlier" in an earnings report), else the last mentioned date of
    /// the last two (for "earlier"), else the DCT's year.
    pub(super) fn year_shift(&self, start: usize, years: i32, from_ref: bool) -> Option<CalendarPoint> {
        let sent = self.sent(start);
        let recent = |s: usize| s + 2 >= sent;
        if let Some((p, s)) = self.last_quarter
            && s + 4 >= sent
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
        self.dct.map(|d| CalendarPoint::Year(i32::from(d.year()) + years))
    }

    /// "two years ago", "a day earlier", "three weeks from now": a date.
    fn anchored(&self, start: usize, e: usize, n: Num, u: Unit) -> Option<TimexCandidate> {
        let (end, sign, from_ref) = if self.word_is(e, key!("ago")) {
            (e + 1, -1i64, false)
        } else if self.word_is(e, key!("earlier")) {
            (e + 1, -1, true)
        } else if let Some(k) = self.phrase_end(e, keys!["from", "now"]) {
            (k, 1, false)
        } else if self.word_is(e, key!("hence")) {
            (e + 1, 1, false)
        } else {
            return None;
        };
        if n.vague {
            let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some(TimexCandidate::date(start, end, v.to_string(), None));
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
                return Some(TimexCandidate::pt(start, end, p, "XXXX").anaphoric());
            }
            let d = self.dct?;
            let y = i32::from(d.year()) + years;
            let pt = match u {
                Unit::Decade => CalendarPoint::Decade(y.div_euclid(10)),
                Unit::Century => CalendarPoint::Century(y.div_euclid(100)),
                _ => CalendarPoint::Year(y),
            };
            return Some(TimexCandidate::pt(start, end, Some(pt), "XXXX"));
        }
        let anchor_day = if from_ref {
            self.last_day.filter(|&(_, s)| recent(s)).map(|(d, _)| d).or(self.dct)
        } else {
            self.dct
        };
        // "two weeks ago", "three weeks from now": counted from the DCT, a day, as TimeBank
        // gives it ("invited Sinn Fein to rejoin two weeks ago" → 1998-03-08 on 1998-03-22),
        // not the week (issue 24); "two weeks earlier" stays the week of the day told
        let week_day = u == Unit::Week && !from_ref;
        let under = match u {
            Unit::Month => "XXXX-XX",
            Unit::Week if !week_day => "XXXX-WXX",
            Unit::Quarter => "XXXX-QX",
            _ => "XXXX-XX-XX",
        };
        let Some(d) = anchor_day else {
            return Some(TimexCandidate::date(start, end, under.to_string(), None));
        };
        let pt = match u {
            Unit::Day => cal::add_days(d, sign * k).map(CalendarPoint::Day),
            Unit::Week if week_day => cal::add_days(d, sign * k * 7).map(CalendarPoint::Day),
            Unit::Week => cal::add_days(d, sign * k * 7).map(cal::week_of),
            Unit::Month => cal::add_months(d, sign * k).map(cal::month_of),
            Unit::Quarter => cal::add_months(d, sign * k * 3).map(cal::quarter_of),
            _ => Some(CalendarPoint::Day(d)),
        };
        Some(TimexCandidate::pt(start, end, pt, under).anaphoric())
    }
}
