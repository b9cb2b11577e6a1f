//! Longer calendar periods: years, fiscal years, decades and centuries; quarters and halves;
//! seasons.

use super::*;

/// The words of a quarter or half phrase read so far ([`Rules::quarter_phrase`]).
#[derive(Default)]
struct QuarterWords {
    /// The next token to read.
    j: usize,
    /// The year relative to the DCT's ("this year's", "last year's").
    year_off: Option<i32>,
    /// The year named ("the 1989 third quarter", "of 1990").
    explicit_year: Option<i32>,
    /// "the latest quarter", "that quarter": the one talked about.
    topic: bool,
    /// "the year-ago quarter", "the quarter a year ago".
    ago: bool,
    /// "this quarter", "last quarter", "next quarter": relative to the DCT's quarter.
    dct_rel: Option<i32>,
    /// A determiner opens the phrase.
    had_det: bool,
    /// The ordinal, 1 to 4.
    ord: Option<u8>,
    /// "third-quarter" written as one compound.
    compound: bool,
    /// "half" rather than "quarter".
    is_half: bool,
    /// "period" rather than "quarter".
    is_period: bool,
}

impl Rules<'_> {
    /// Years, fiscal years, decades, centuries.
    pub(super) fn year_phrase(&self, i: usize) -> Option<TimexCandidate> {
        let mut j = i;
        let mut the = false;
        if self.word_is(j, key!("the")) {
            j += 1;
            the = true;
        }
        if let Some(c) = self.decade(i, j, the) {
            return Some(c);
        }
        // centuries: "the 20th century", "the eleventh century"
        if let Some((e, n)) = self.day_number(j).or_else(|| self.ordinal_number(j))
            && self.word_is(e, key!("century"))
            && n >= 1
        {
            return Some(TimexCandidate::pt(i, e + 1, Some(CalendarPoint::Century(i32::from(n) - 1)), ""));
        }
        // "the year 2000", "the year two thousand"
        if the && self.word_is(j, key!("year")) {
            if let Some((e, y)) = self.year_at(j + 1) {
                return Some(TimexCandidate::pt(i, e, Some(CalendarPoint::Year(y)), ""));
            }
            return None;
        }
        // fiscal years: "fiscal 1990", "fiscal year 1990", "the fiscal year 1990"
        if self.word_is(j, key!("fiscal"))
            || self.word_is(j, key!("calendar"))
            || self.word_is(j, key!("model"))
        {
            return self.fiscal_year_phrase(i, j + 1);
        }
        if the {
            return self.the_year_period(i, j);
        }
        self.bare_year(i, j)
    }

    /// A decade at `j` (after "the" when `the`): "the 1990s", "the '80s", "1990s", "the
    /// nineties", "the early 1980s".
    fn decade(&self, i: usize, j: usize, the: bool) -> Option<TimexCandidate> {
        let mut k = j;
        if self.word_in(k, keys!["early", "late", "mid"]) {
            k += 1;
            if self.hyphen(k) {
                k += 1;
            }
        }
        if let Some(n) = self.digits(k)
            && self.word_is(k + 1, key!("s"))
            && self.glued(k + 1)
        {
            let len = self.tok(k)?.len();
            if len == 4 && n % 10 == 0 {
                return Some(TimexCandidate::pt(i, k + 2, Some(CalendarPoint::Decade(n as i32 / 10)), ""));
            }
        }
        if self.word_is(k, key!("'"))
            && let Some(n) = self.digits(k + 1)
            && self.glued(k + 1)
            && self.word_is(k + 2, key!("s"))
            && self.glued(k + 2)
            && self.tok(k + 1)?.len() == 2
            && n % 10 == 0
        {
            let c = if n <= 20 { 200 } else { 190 };
            return Some(TimexCandidate::pt(i, k + 3, Some(CalendarPoint::Decade(c + n as i32 / 10)), ""));
        }
        if the && let Some(dw) = lex::decade_word(self.word(k)) {
            return Some(TimexCandidate::pt(i, k + 1, Some(CalendarPoint::Decade(190 + dw as i32)), ""));
        }
        None
    }

    /// After "fiscal", "calendar" or "model" (at `f`): "year" and the year.
    fn fiscal_year_phrase(&self, i: usize, mut f: usize) -> Option<TimexCandidate> {
        if self.word_is(f, key!("year")) {
            f += 1;
        }
        let (e, mut y) = self.fiscal_year(f)?;
        if y < 100 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        Some(TimexCandidate::pt(i, e, Some(CalendarPoint::Year(y)), ""))
    }

    /// "the 1988 period", "the 1988 quarter", "the 1988 year" (after "the", at `j`): a year,
    /// or that year's quarter when the article reports on one.
    fn the_year_period(&self, i: usize, j: usize) -> Option<TimexCandidate> {
        let (e, y) = self.year_at(j)?;
        if !self.word_in(e, keys!["period", "quarter", "year"]) {
            return None;
        }
        let (topic_year, q) = self.last_quarter.map_or((None, None), |(p, _)| match p {
            CalendarPoint::Quarter(ty, q) => (Some(ty), Some(q)),
            _ => (None, Some(0)),
        });
        let pt = match q {
            Some(q) if q > 0 && self.word_is(e, key!("quarter")) | self.word_is(e, key!("period")) => {
                CalendarPoint::Quarter(y, q)
            }
            _ => CalendarPoint::Year(y),
        };
        let c = TimexCandidate::pt(i, e + 1, Some(pt), "");
        // the same quarter of an earlier year is what the one talked about is compared with
        // ("sales of $538.5 million for the quarter ended Sept. 29, up 39% from a year
        // earlier. In the 1988 period, the company earned …"): it does not become the quarter
        // later "the quarter" means
        if matches!(pt, CalendarPoint::Quarter(..)) && topic_year.is_some_and(|ty| ty > y) {
            return Some(c.anaphoric());
        }
        Some(c)
    }

    /// A year at `j` with no "the" before it, unless the number is an amount ("$1990", "1990
    /// shares", "flight 1990").
    fn bare_year(&self, i: usize, j: usize) -> Option<TimexCandidate> {
        let (e, y) = self.year_at(j)?;
        if self.is_num(j) {
            // amounts, not years
            if j > 0
                && self.word_in(
                    j - 1,
                    keys![
                        "$", "#", "€", "£", "no", "number", "route", "flight", "room", "suite", "model",
                        "page"
                    ],
                )
            {
                return None;
            }
            if self.word_is(e, key!("-")) && self.glued(e) && self.is_num(e + 1) {
                // "1990-91": the fiscal year in the first position
                let n2 = self.tok(e + 1)?.len();
                if n2 == 2 || n2 == 4 {
                    return Some(TimexCandidate::pt(i, e + 2, Some(CalendarPoint::Year(y)), ""));
                }
                return None;
            }
            if self.word_in(
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
                    && self.word_in(
                        j - 1,
                        keys!["in", "since", "of", "from", "until", "by", "year", "to", "before", "after"],
                    ))
            {
                return None;
            }
        }
        Some(TimexCandidate::pt(i, e, Some(CalendarPoint::Year(y)), ""))
    }

    fn ordinal_number(&self, i: usize) -> Option<(usize, u8)> {
        lex::ordinal_word(self.word(i)).map(|n| (i + 1, n as u8))
    }

    fn fiscal_year(&self, i: usize) -> Option<(usize, i32)> {
        if let Some(r) = self.year_at(i) {
            if self.word_is(r.0, key!("-")) && self.glued(r.0) && self.is_num(r.0 + 1) {
                return Some((r.0 + 2, r.1));
            }
            return Some(r);
        }
        // "fiscal '90"
        if self.word_is(i, key!("'")) && self.glued(i + 1) {
            let n = self.digits(i + 1)?;
            if self.tok(i + 1)?.len() == 2 {
                return Some((i + 2, n as i32));
            }
        }
        None
    }

    fn resolve_quarter(&self, q: u8, a: usize, b: usize) -> Option<CalendarPoint> {
        let d = self.dct?;
        let y = i32::from(d.year());
        let dq = (d.month() as u8 - 1) / 3 + 1;
        // Quarters are reported after they end: the latest one with that number.
        let _ = (a, b);
        let yy = if q <= dq { y } else { y - 1 };
        Some(CalendarPoint::Quarter(yy, q))
    }

    /// The quarter talked about: the last one mentioned, else the one before the DCT's.
    pub(super) fn current_topic_quarter(&self) -> Option<CalendarPoint> {
        if let Some((p, _)) = self.last_quarter {
            return Some(p);
        }
        let d = self.dct?;
        let prev = cal::add_months(d, -3)?;
        Some(cal::quarter_of(prev))
    }

    /// "the third quarter", "third-quarter", "the fiscal first quarter", "this year's
    /// third quarter", "the year-ago quarter", "the latest period", "the first half".
    pub(super) fn quarter_phrase(&self, i: usize) -> Option<TimexCandidate> {
        let mut w = self.quarter_opening(i)?;
        let j = self.quarter_ordinal_and_noun(&mut w)?;
        // "the quarter a year ago", "the corresponding period last year": the quarter talked
        // about, a year back, as one expression
        let year_back: [&[Packed]; 6] = [
            keys!["a", "year", "ago"],
            keys!["a", "year", "earlier"],
            keys!["a", "year", "before"],
            keys!["last", "year"],
            keys!["the", "previous", "year"],
            keys!["the", "prior", "year"],
        ];
        let back_end = (w.had_det && w.ord.is_none() && w.explicit_year.is_none() && !w.ago && !w.is_half)
            .then(|| year_back.iter().find_map(|ws| self.phrase_end(j + 1, ws)))
            .flatten();
        if back_end.is_some() {
            w.ago = true;
        }
        if w.is_period && !(w.ago || w.topic || w.explicit_year.is_some()) {
            return None;
        }
        if w.is_half && w.ord.is_none_or(|o| o > 2) {
            return None;
        }
        if !w.had_det && w.ord.is_none() && !w.ago {
            return None; // bare "quarter"
        }
        if self.word(i) == "a" && !w.ago {
            return None;
        }
        let e = self.quarter_year_after(&mut w, back_end.unwrap_or(j + 1));
        let mut start = i;
        if w.compound
            && w.had_det
            && self.lower_word(e)
            && !matches!(self.word(e), "ended" | "ending" | "of" | "to" | "and" | "or")
        {
            // "the third-quarter loss": the determiner is not part of it
            start = i + 1;
            if w.year_off.is_some() {
                start = i;
            }
        }
        let pt = self.quarter_point(&w, i, e);
        let under = match (w.is_half, w.ord) {
            (true, Some(o)) => format!("XXXX-H{o}"),
            (false, Some(o)) => format!("XXXX-Q{o}"),
            _ => "XXXX-QX".to_string(),
        };
        let mut c = TimexCandidate::pt(start, e, pt, &under);
        let refers = w.ord.is_none() && w.explicit_year.is_none() && w.dct_rel.is_none();
        c.topic = refers && !w.ago && w.year_off.is_none() && !w.is_half;
        Some(if w.ago || refers { c.anaphoric() } else { c })
    }

    /// The words before a quarter's ordinal at `i`: a determiner or "this year's",
    /// "comparable", "year-ago", "latest"/"current"/"previous", and a year.
    fn quarter_opening(&self, i: usize) -> Option<QuarterWords> {
        let mut w = QuarterWords { j: i, ..QuarterWords::default() };
        let mut j = i;
        if let Some(e) = self.phrase_end(j, keys!["this", "year", "'", "s"]) {
            (w.year_off, j, w.had_det) = (Some(0), e, true);
        } else if let Some(e) = self.phrase_end(j, keys!["last", "year", "'", "s"]) {
            (w.year_off, j, w.had_det) = (Some(-1), e, true);
        } else if let Some(e) = self.phrase_end(j, keys!["next", "year", "'", "s"]) {
            (w.year_off, j, w.had_det) = (Some(1), e, true);
        } else if self.word_in(j, keys!["the", "its", "their", "a", "this", "last", "next", "that"]) {
            match self.word(j) {
                "this" => w.dct_rel = Some(0),
                "last" => w.dct_rel = Some(-1),
                "next" => w.dct_rel = Some(1),
                "that" => w.topic = true,
                _ => {}
            }
            j += 1;
            w.had_det = true;
        }
        if self.word_in(j, keys!["comparable", "corresponding", "same"]) {
            j += 1;
        }
        if let Some(e) = self
            .phrase_end(j, keys!["year", "-", "ago"])
            .or_else(|| self.phrase_end(j, keys!["year", "-", "earlier"]))
        {
            w.ago = true;
            j = e;
        } else if self.word_in(j, keys!["latest", "current", "recent", "just", "past", "previous", "prior"])
            && w.had_det
        {
            if self.word_is(j, key!("current")) {
                w.dct_rel = Some(0);
            } else if self.word_in(j, keys!["previous", "prior"]) {
                w.dct_rel = Some(-1);
            } else {
                w.topic = true;
            }
            if self.word_is(j, key!("just")) {
                if !self.word_in(j + 1, keys!["ended", "completed", "finished"]) {
                    return None;
                }
                j += 1;
            }
            j += 1;
        }
        if w.had_det
            && let Some((e, y)) = self.year_at(j)
        {
            w.explicit_year = Some(y);
            j = e;
        }
        w.j = j;
        Some(w)
    }

    /// After [`Self::quarter_opening`]: "fiscal", the ordinal ("first", "3rd"), a hyphen,
    /// and the noun ("quarter", "half", "period"); returns the noun's token.
    fn quarter_ordinal_and_noun(&self, w: &mut QuarterWords) -> Option<usize> {
        let mut j = w.j;
        if self.word_is(j, key!("fiscal")) {
            j += 1;
            if self.hyphen(j) {
                j += 1;
            }
        }
        w.ord = match self.word(j) {
            "first" => Some(1),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            _ => {
                if let (Some(n), true) = (self.digits(j), self.word_in(j + 1, keys!["st", "nd", "rd", "th"]))
                {
                    Some(n as u8).filter(|n| (1..=4).contains(n)).inspect(|_| j += 1)
                } else {
                    None
                }
            }
        };
        if w.ord.is_some() {
            j += 1;
        }
        if self.hyphen(j) {
            j += 1;
            w.compound = true;
        }
        if self.word_is(j, key!("fiscal")) {
            j += 1;
        }
        let noun = self.word(j);
        w.is_half = noun == "half" || noun == "half-year";
        w.is_period = noun == "period";
        let is_q = noun == "quarter" && !self.hyphen(j + 1);
        (is_q || w.is_half || w.is_period).then_some(j)
    }

    /// The year after a quarter phrase ending at `e`: "of 1990", or "of this/last/next year"
    /// after an ordinal; returns the new end.
    fn quarter_year_after(&self, w: &mut QuarterWords, mut e: usize) -> usize {
        if let Some((e2, y)) = self.phrase_end(e, keys!["of"]).and_then(|k| self.year_at(k)) {
            w.explicit_year = Some(y);
            e = e2;
        } else if let Some(d) = self.dct
            && w.year_off.is_none()
            && w.explicit_year.is_none()
            && w.ord.is_some()
        {
            // "the fourth quarter of next year", "the first half of this year"
            let y = i32::from(d.year());
            for (ws, off) in [
                (keys!["of", "this", "year"], 0),
                (keys!["of", "last", "year"], -1),
                (keys!["of", "next", "year"], 1),
            ] {
                if let Some(e2) = self.phrase_end(e, ws) {
                    w.explicit_year = Some(y + off);
                    e = e2;
                    break;
                }
            }
        }
        e
    }

    /// The quarter or half the words name (tokens `i..e`): from the year named, the DCT's
    /// year, or the quarter the article reports on.
    fn quarter_point(&self, w: &QuarterWords, i: usize, e: usize) -> Option<CalendarPoint> {
        let dct = self.dct;
        let topic_q = self.current_topic_quarter();
        if w.is_half {
            let o = w.ord.unwrap_or(1);
            let y = w.explicit_year.or_else(|| dct.map(|d| i32::from(d.year()) + w.year_off.unwrap_or(0)));
            y.map(|y| CalendarPoint::Half(y, o))
        } else if let Some(o) = w.ord {
            if let Some(y) = w.explicit_year {
                Some(CalendarPoint::Quarter(y, o))
            } else if let Some(off) = w.year_off {
                dct.map(|d| CalendarPoint::Quarter(i32::from(d.year()) + off, o))
            } else if w.ago {
                let base = self.resolve_quarter(o, i, e);
                base.and_then(|p| p.shift_years(-1))
            } else {
                self.resolve_quarter(o, i, e)
            }
        } else if w.ago {
            topic_q.and_then(|p| p.shift_years(-1))
        } else if let Some(y) = w.explicit_year {
            match topic_q {
                Some(CalendarPoint::Quarter(_, q)) => Some(CalendarPoint::Quarter(y, q)),
                _ => Some(CalendarPoint::Year(y)),
            }
        } else if let Some(off) = w.dct_rel {
            let here = dct.and_then(|d| cal::add_months(d, i64::from(off) * 3)).map(cal::quarter_of);
            // "This quarter's loss includes pretax charges" in a report on a quarter just over
            // (wsj_0344, 1989-11-01, on the third quarter): the results are the reported
            // quarter's, as the quarter under way has none yet
            let results = self.phrase_end(e, keys!["'", "s"]).is_some_and(|k| {
                self.word_in(
                    k,
                    keys!["loss", "profit", "earnings", "net", "results", "revenue", "sales", "income"],
                )
            });
            match (topic_q, here) {
                (Some(t @ CalendarPoint::Quarter(ty, tq)), Some(CalendarPoint::Quarter(hy, hq)))
                    if off == 0 && results && (ty, tq) < (hy, hq) =>
                {
                    Some(t)
                }
                _ => here,
            }
        } else if let Some(off) = w.year_off {
            match topic_q {
                Some(CalendarPoint::Quarter(y, q)) => Some(CalendarPoint::Quarter(y + off, q)),
                _ => None,
            }
        } else {
            topic_q
        }
    }

    /// A season phrase at `i`, where the relation words are `rel_words(i)`.
    pub(super) fn season_phrase(&self, i: usize, rel_words: (usize, Rel)) -> Option<TimexCandidate> {
        let (mut j, mut rel) = rel_words;
        let mut the = false;
        if rel == Rel::None && self.word_is(j, key!("the")) {
            j += 1;
            the = true;
        }
        if self.word_in(j, keys!["early", "late"]) {
            j += 1;
        }
        let s = lex::season(self.word(j))?;
        if rel == Rel::None && !the && self.word(j) == "fall" {
            return None;
        }
        if rel == Rel::That {
            rel = Rel::None;
        }
        let mut e = j + 1;
        let mut year = None;
        if let Some((e2, y)) =
            self.phrase_end(e, keys!["of"]).and_then(|k| self.year_at(k)).or_else(|| self.year_at(e))
        {
            year = Some(y);
            e = e2;
        } else if self.word_is(e, key!("of")) {
            return None; // "the fall of Rome"
        }
        let code = ["WI", "SP", "SU", "FA"][usize::from(s)];
        let pt = year.map(|y| CalendarPoint::Season(y, s)).or_else(|| {
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
            Some(CalendarPoint::Season(y, s))
        });
        Some(TimexCandidate::pt(i, e, pt, &format!("XXXX-{code}")))
    }
}
