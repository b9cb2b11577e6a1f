//! Calendar dates: weekdays, months and days ("Sunday", "Sept. 24", "June 2018"), with
//! the words relating them to the reference date ("last", "next", "this"), and numeric dates.

use super::*;

impl Rules<'_> {
    /// A date with optional modifiers ("early", "late", "mid-", "the end of", …).
    pub(super) fn date_mod(&self, i: usize) -> Option<TimexCandidate> {
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
        let modified = self
            .word_in(i, keys!["early", "late", "earlier", "later", "mid", "the", "end", "around", "this"]);
        for &m in MODS.iter().take_while(|_| modified) {
            if let Some(mut j) = self.phrase_end(i, m) {
                if m[0] == key!("this") {
                    continue; // handled by the core ("this past spring")
                }
                if self.hyphen(j) {
                    j += 1;
                } else if m == keys!["mid"] {
                    continue;
                }
                if m == keys!["around"] && !(self.is_num(j) || self.capitalized(j)) {
                    continue;
                }
                if let Some(mut c) = self.date_core(j) {
                    c.start = i;
                    let half = if m.contains(&key!("half")) || m.contains(&key!("quarters")) {
                        Some(if m[1] == key!("first") { 1 } else { 2 })
                    } else {
                        None
                    };
                    if let (Some(h), Some(CalendarPoint::Year(y))) = (half, c.pt) {
                        c.pt = Some(CalendarPoint::Half(y, h));
                        c.value = CalendarPoint::Half(y, h).value();
                    }
                    return Some(c);
                }
            }
        }
        self.date_core(i)
    }

    pub(super) fn date_core(&self, i: usize) -> Option<TimexCandidate> {
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
        let mut best: Option<TimexCandidate> = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut c = best?;
        // A part of the day after a day: "Monday morning", "yesterday afternoon".
        if let Some(CalendarPoint::Day(_)) | None = c.pt
            && c.kind == TimexType::Date
            && (matches!(c.pt, Some(CalendarPoint::Day(_)))
                || c.value.ends_with("XX-XX")
                || c.value.contains("-WXX-"))
            && let Some(p) = lex::part_of_day(self.word(c.end)).filter(|_| !self.word(c.end).ends_with('s'))
        {
            c.value = format!("{}T{p}", c.value);
            c.kind = TimexType::Time;
            c.end += 1;
        }
        Some(c)
    }

    fn resolve_weekday(&self, wd: u8, rel: Rel, a: usize, b: usize) -> TimexCandidate {
        let under = format!("XXXX-WXX-{wd}");
        // "spraying 13 shots on a Friday afternoon": some Friday, not the one before the DCT
        let indefinite = rel == Rel::None && a > 0 && self.word_in(a - 1, keys!["a", "an"]);
        let Some(d) = self.dct.filter(|_| !indefinite) else {
            return TimexCandidate::date(a, b, under, None);
        };
        let day = match rel {
            Rel::Last | Rel::ThisPast => cal::weekday_before(d, wd, true),
            Rel::Next => cal::weekday_after(d, wd, true),
            // "this Monday" is the coming one, unless the clause is past ("talks broke down
            // this Monday")
            Rel::This if self.tense(a, b) == Tense::Past => cal::weekday_before(d, wd, false),
            Rel::This | Rel::ThisComing => cal::weekday_after(d, wd, false),
            Rel::Previous => cal::weekday_before(self.last_day.map_or(d, |x| x.0), wd, true),
            Rel::Following => cal::weekday_after(self.last_day.map_or(d, |x| x.0), wd, true),
            Rel::None | Rel::That => {
                if cal::weekday_num(d) == wd {
                    Some(d)
                } else if self.futurate(a) || self.tense(a, b) == Tense::Future {
                    cal::weekday_after(d, wd, true)
                } else {
                    cal::weekday_before(d, wd, true)
                }
            }
        };
        TimexCandidate::pt(a, b, day.map(CalendarPoint::Day), &under)
    }

    /// A verb of a scheduled event in the simple present right before a weekday at `a`: the
    /// present of a timetable points forward ("the Democratic National Convention, which
    /// begins Monday"; "the board meets on Tuesday").
    fn futurate(&self, a: usize) -> bool {
        let k = if a >= 2 && self.word_is(a - 1, key!("on")) { a - 2 } else { a.wrapping_sub(1) };
        k < a
            && self.sent(k) == self.sent(a)
            && self.word_in(
                k,
                keys![
                    "begins",
                    "starts",
                    "opens",
                    "resumes",
                    "convenes",
                    "meets",
                    "arrives",
                    "departs",
                    "kicks",
                    "debuts",
                    "premieres",
                    "airs"
                ],
            )
    }

    /// Relation words at `i`: ("this past", "last", "next", …) → (end, rel).
    pub(super) fn rel_words(&self, i: usize) -> (usize, Rel) {
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
        if !self.word_in(i, keys!["this", "the", "last", "past", "next", "coming", "that"]) {
            return (i, Rel::None);
        }
        for (ws, r) in TABLE {
            if let Some(e) = self.phrase_end(i, ws) {
                return (e, *r);
            }
        }
        (i, Rel::None)
    }

    fn weekday_at(&self, i: usize) -> Option<(usize, u8)> {
        if !self.capitalized(i) {
            return None;
        }
        if let Some((wd, false)) = lex::weekday(self.word(i)) {
            return Some((i + 1, wd));
        }
        let wd = lex::weekday_abbrev(self.word(i))?;
        (self.word_is(i + 1, key!(".")) && self.glued(i + 1)).then_some((i + 2, wd))
    }

    /// A weekday phrase at `i`, where the relation words are `(j, rel)` (`rel_words(i)`).
    fn weekday_phrase(&self, i: usize, (j, rel): (usize, Rel)) -> Option<TimexCandidate> {
        let (e, wd) = self.weekday_at(j)?;
        // "Saturday, April 25", "Friday Oct. 13"
        let k = if self.word_is(e, key!(",")) { e + 1 } else { e };
        if rel == Rel::None
            && let Some(mut c) = self.month_phrase(k, self.rel_words(k))
            && matches!(c.pt, Some(CalendarPoint::Day(_))) | c.value.starts_with("XXXX-")
        {
            c.start = i;
            return Some(c);
        }
        Some(self.resolve_weekday(wd, rel, i, e))
    }

    /// A day of the month at `i`: "25", "25th", "eighth", "twenty-first".
    pub(super) fn day_number(&self, i: usize) -> Option<(usize, u8)> {
        if let Some(n) = self.digits(i) {
            if !(1..=31).contains(&n) || self.tok(i)?.len() > 2 {
                return None;
            }
            let mut e = i + 1;
            if self.word_in(e, keys!["st", "nd", "rd", "th"]) && self.glued(e) {
                e += 1;
            }
            // not "25.5" or "25%" or "25:00"
            if (self.word_is(e, key!("%"))
                || (self.word_in(e, keys![".", ":"]) && self.is_num(e + 1) && self.glued(e + 1)))
                && self.glued(e)
            {
                return None;
            }
            return Some((e, n as u8));
        }
        if let Some(n) = lex::ordinal_word(self.word(i)) {
            return Some((i + 1, n as u8));
        }
        let t = lex::tens(self.word(i))?;
        let k = if self.hyphen(i + 1) { i + 2 } else { i + 1 };
        let u = lex::ordinal_word(self.word(k)).filter(|&u| u < 10)?;
        Some((k + 1, (t + u) as u8))
    }

    fn month_at(&self, i: usize) -> Option<(usize, u8)> {
        let w = self.word(i);
        let m = lex::month(w)?;
        if !self.capitalized(i) {
            return None;
        }
        let dotted = self.word_is(i + 1, key!(".")) && self.glued(i + 1);
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
            && self.capitalized(i - 1)
            && self.is_word(i - 1)
            && self.sent(i - 1) == self.sent(i)
            && !self.word_in(
                i - 1,
                keys![
                    "in", "since", "until", "by", "last", "next", "this", "early", "late", "mid", "on", "of",
                    "from", "through", "before", "after", "during", "till", "and", "or"
                ],
            )
            && !(i >= 2 && self.sent(i - 2) != self.sent(i - 1))
            && lex::weekday(self.word(i - 1)).is_none()
        {
            return None;
        }
        if matches!(w, "may" | "march")
            && !(self.day_number(i + 1).is_some() || self.year_at(i + 1).is_some())
        {
            // the modal / the verb: require a temporal preposition before
            if !(i > 0
                && self.word_in(
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
        // a month alone is before or after the DCT's only as a whole: "last March" and "next
        // March" in March are a year away
        let (before, after) = match day {
            Some(day) => ((m, day) < (dm, dd), (m, day) > (dm, dd)),
            None => (m < dm, m > dm),
        };
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
    fn month_phrase(&self, i: usize, rel_words: (usize, Rel)) -> Option<TimexCandidate> {
        // "24 September 2018"
        if let Some((e, day)) = self.day_number(i).filter(|_| self.is_num(i))
            && let Some((e2, m)) = self.month_at(if self.word_is(e, key!("of")) { e + 1 } else { e })
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
        let k = if self.word_is(e, key!("of")) || self.word_is(e, key!(",")) { e + 1 } else { e };
        if let Some((e2, y)) = self.year_at(k) {
            return Some(TimexCandidate::pt(i, e2, Some(CalendarPoint::Month(y, m)), ""));
        }
        // "January this year", "July last year", "March of next year"
        if let Some(d) = self.dct {
            let y = i32::from(d.year());
            let k = if self.word_is(e, key!("of")) { e + 1 } else { e };
            for (ws, off) in
                [(keys!["this", "year"], 0), (keys!["last", "year"], -1), (keys!["next", "year"], 1)]
            {
                if let Some(e2) = self.phrase_end(k, ws) {
                    return Some(TimexCandidate::pt(i, e2, Some(CalendarPoint::Month(y + off, m)), ""));
                }
            }
        }
        let y = self.year_for(m, None, rel, i, e);
        Some(TimexCandidate::pt(i, e, y.map(|y| CalendarPoint::Month(y, m)), &format!("XXXX-{m:02}")))
    }

    fn month_day(
        &self,
        a: usize,
        b: usize,
        m: u8,
        day: u8,
        y: Option<i32>,
        rel: Rel,
    ) -> Option<TimexCandidate> {
        let y = y.or_else(|| self.year_for(m, Some(day), rel, a, b));
        match y {
            Some(y) => {
                let d = cal::date(y, m, day)?;
                Some(TimexCandidate::pt(a, b, Some(CalendarPoint::Day(d)), ""))
            }
            None => {
                if day > 31 {
                    return None;
                }
                Some(TimexCandidate::date(a, b, format!("XXXX-{m:02}-{day:02}"), None))
            }
        }
    }

    /// ", 1999" or " 1999" after a month-day.
    fn year_after(&self, i: usize) -> Option<(usize, i32)> {
        let k = if self.word_is(i, key!(",")) { i + 1 } else { i };
        self.year_at(k)
    }

    /// A year: four digits, or spelled out ("nineteen ninety-six").
    pub(super) fn year_at(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(n) = self.digits(i) {
            let t = self.tok(i)?;
            if t.len() != 4 || !(1000..=2199).contains(&n) {
                return None;
            }
            // not "1990s", "1,990", "1990.5", "1990%"
            if self.glued(i + 1)
                && (self.is_word(i + 1) || self.word_in(i + 1, keys!["%", ",", "."]) && self.is_num(i + 2))
            {
                return None;
            }
            if self.glued(i + 1) && self.word_is(i + 1, key!("%")) {
                return None;
            }
            return Some((i + 1, n as i32));
        }
        let w = self.word(i);
        if w == "nineteen" || w == "eighteen" {
            let c = if w == "nineteen" { 1900 } else { 1800 };
            let j = i + 1;
            if let Some(t) = lex::tens(self.word(j)) {
                let mut v = t;
                let mut e = j + 1;
                let k = if self.hyphen(e) { e + 1 } else { e };
                if let Some(u) = lex::small_number(self.word(k)).filter(|&u| (1..10).contains(&u)) {
                    v += u;
                    e = k + 1;
                }
                return Some((e, c + v as i32));
            }
            if let Some(u) = lex::small_number(self.word(j)).filter(|&u| u >= 10) {
                return Some((j + 1, c + u as i32));
            }
            return None;
        }
        if let Some(e) = self.phrase_end(i, keys!["two", "thousand"]) {
            let k = if self.word_is(e, key!("and")) { e + 1 } else { e };
            if let Some((e2, n)) = self.number(k).filter(|(_, n)| !n.vague && !n.article && n.v < 100.0) {
                return Some((e2, 2000 + n.v as i32));
            }
            return Some((e, 2000));
        }
        None
    }

    /// ISO dates and numeric US dates.
    fn numeric_date(&self, i: usize) -> Option<TimexCandidate> {
        let y = self.digits(i)?;
        let t = self.tok(i)?;
        if t.len() == 4 && self.word_is(i + 1, key!("-")) && self.glued(i + 1) {
            let m = self.digits(i + 2).filter(|_| self.glued(i + 2))?;
            if self.word_is(i + 3, key!("-")) && self.glued(i + 3) && self.glued(i + 4) {
                let d = self.digits(i + 4)?;
                let date = cal::date(y as i32, m as u8, d as u8)?;
                return Some(TimexCandidate::pt(i, i + 5, Some(CalendarPoint::Day(date)), ""));
            }
            if self.tok(i + 2)?.len() == 2 && (1..=12).contains(&m) && !self.is_num(i + 4) {
                return Some(TimexCandidate::pt(i, i + 3, Some(CalendarPoint::Month(y as i32, m as u8)), ""));
            }
            return None;
        }
        // 9/24/2018
        if t.len() <= 2 && self.word_is(i + 1, key!("/")) && self.glued(i + 1) && self.glued(i + 2) {
            let m = y;
            let d = self.digits(i + 2)?;
            if self.word_is(i + 3, key!("/")) && self.glued(i + 3) && self.glued(i + 4) {
                let yt = self.tok(i + 4)?;
                let mut yy = self.digits(i + 4)? as i32;
                if yt.len() == 2 {
                    yy += if yy < 50 { 2000 } else { 1900 };
                } else if yt.len() != 4 {
                    return None;
                }
                let date = cal::date(yy, m as u8, d as u8)?;
                return Some(TimexCandidate::pt(i, i + 5, Some(CalendarPoint::Day(date)), ""));
            }
        }
        None
    }
}
