//! Clock times ("10:27 AM", "3 p.m. EDT") and parts of the day ("Sunday morning").

use super::*;

impl Rules<'_> {
    /// "10:27 AM", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "noon Saturday", "midnight".
    pub(super) fn clock_time(&self, i: usize) -> Option<TimexCandidate> {
        let mut j = i;
        if self.word_in(j, keys!["around", "about", "approximately", "at", "by", "after", "before", "until"])
        {
            if !self.word_is(j, key!("around"))
                && !self.word_is(j, key!("about"))
                && !self.word_is(j, key!("approximately"))
            {
                return None;
            }
            j += 1;
        }
        let (mut e, hm) = if self.word_is(j, key!("noon")) || self.word_is(j, key!("midday")) {
            (j + 1, "12:00".to_string())
        } else if self.word_is(j, key!("midnight")) {
            (j + 1, "24:00".to_string())
        } else {
            let h = self.digits(j)?;
            if self.tok(j)?.len() > 2 || h > 24 {
                return None;
            }
            let mut e = j + 1;
            let mut min = None;
            if self.word_is(e, key!(":")) && self.glued(e) && self.glued(e + 1) && self.tok(e + 1)?.len() == 2
            {
                let m = self.digits(e + 1)?;
                if m > 59 {
                    return None;
                }
                min = Some(m);
                e += 2;
                // seconds: ":05"
                if self.word_is(e, key!(":")) && self.glued(e) && self.glued(e + 1) && self.is_num(e + 1) {
                    e += 2;
                }
            }
            let (e2, ampm) = self.am_pm(e)?;
            if ampm.is_none() && min.is_none() {
                if self.word_is(e2, key!("o"))
                    && self.word_is(e2 + 1, key!("'"))
                    && self.word_is(e2 + 2, key!("clock"))
                {
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
        if lex::timezone(self.word(e)) && self.capitalized(e) {
            e += 1;
        } else if self.phrase_end(e, keys!["local", "time"]).is_some() {
            e += 2;
        }
        // the day: "Wednesday", ", Nov. 6", "yesterday", "today", "on Friday"? (not "on")
        let mut day_val: Option<String> = None;
        let k = if self.word_is(e, key!(",")) { e + 1 } else { e };
        if let Some(c) = self.date_core(k)
            && (matches!(c.pt, Some(CalendarPoint::Day(_)))
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
        Some(TimexCandidate::other(i, e, TimexType::Time, format!("{day}T{hm}")))
    }

    /// a.m./p.m. after a clock number: (end, Some(pm)) or (i, None).
    fn am_pm(&self, i: usize) -> Option<(usize, Option<bool>)> {
        let w = self.word(i);
        let pm = match w {
            "am" | "a" => false,
            "pm" | "p" => true,
            _ => return Some((i, None)),
        };
        if w.len() == 2 {
            return Some((i + 1, Some(pm)));
        }
        // a.m. / p.m.
        if self.word_is(i + 1, key!("."))
            && self.glued(i + 1)
            && self.word_is(i + 2, key!("m"))
            && self.glued(i + 2)
        {
            return Some((self.opt_period(i + 3), Some(pm)));
        }
        Some((i, None))
    }

    /// "mid-afternoon yesterday", "early morning Friday".
    pub(super) fn part_of_day_first(&self, i: usize) -> Option<TimexCandidate> {
        let mut j = i;
        if self.word_in(j, keys!["early", "late", "mid", "later"]) {
            j += 1;
            if self.hyphen(j) {
                j += 1;
            }
        }
        if let Some(e) = self.phrase_end(j, keys!["this"]) {
            let p = lex::part_of_day(self.word(e))?;
            let v = self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
            return Some(TimexCandidate::other(i, e + 1, TimexType::Time, format!("{v}T{p}")));
        }
        if j == i && self.word_is(j, key!("the")) && lex::part_of_day(self.word(j + 1)).is_some() {
            // "the morning": the day talked about
            let p = lex::part_of_day(self.word(j + 1))?;
            if self.word(j + 1).ends_with('s') || self.word_in(j + 2, keys!["of", "after", "before"]) {
                return None;
            }
            let v = self
                .last_day
                .map(|d| d.0)
                .or(self.dct)
                .map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
            return Some(TimexCandidate::other(i, j + 2, TimexType::Time, format!("{v}T{p}")));
        }
        let p = lex::part_of_day(self.word(j))?;
        if self.word(j).ends_with('s') {
            return None;
        }
        let c = self.date_core(j + 1);
        match c {
            Some(c) if matches!(c.pt, Some(CalendarPoint::Day(_))) || c.value.starts_with("XXXX-WXX-") => {
                if c.kind != TimexType::Date {
                    return None;
                }
                Some(TimexCandidate::other(i, c.end, TimexType::Time, format!("{}T{p}", c.value)))
            }
            _ => {
                if j > i && self.word(j) == "afternoon" || self.word(j) == "overnight" && j == i {
                    // "mid-afternoon", "overnight"
                    let v = self.dct.map_or_else(|| "XXXX-XX-XX".to_string(), cal::day_value);
                    return Some(TimexCandidate::other(i, j + 1, TimexType::Time, format!("{v}T{p}")));
                }
                None
            }
        }
    }
}
