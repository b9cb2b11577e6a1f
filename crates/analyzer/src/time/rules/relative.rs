//! Dates relative to the reference date: "today", "yesterday", "tonight", "this week",
//! "last month", "next year", "the weekend", "year-end".

use super::*;

impl Rules<'_> {
    /// today, yesterday, tonight, this week, last month, next year, the weekend, year-end…
    pub(super) fn relative_phrase(&self, i: usize) -> Option<TimexCandidate> {
        let dct = self.dct;
        let w = self.word(i);
        if !self.may_start_relative(i) {
            return None;
        }
        let day = |off: i64| dct.and_then(|d| cal::add_days(d, off)).map(CalendarPoint::Day);
        if let Some(c) = self.day_phrase(i, w) {
            return Some(c);
        }
        // year-end
        if let Some(e) = self
            .phrase_end(i, keys!["year", "-", "end"])
            .or_else(|| self.phrase_end(i, keys!["year", "end"]))
            .or_else(|| self.phrase_end(i, keys!["year", "'", "s", "end"]))
        {
            let y = dct.map(|d| CalendarPoint::Year(i32::from(d.year())));
            return Some(TimexCandidate::pt(i, e, y, "XXXX"));
        }
        // year-ago / year-earlier as a modifier ("the year-earlier results"): a comparison
        // with the period reported on (the topic quarter, else the DCT's year), never a year
        // before the last date told
        if let Some(e) = self
            .phrase_end(i, keys!["year", "-", "ago"])
            .or_else(|| self.phrase_end(i, keys!["year", "-", "earlier"]))
        {
            let pt = self.year_shift(i, -1, false);
            return Some(TimexCandidate::pt(i, e, pt, "XXXX").anaphoric());
        }
        // "the weekend"
        if let Some(e) = self.phrase_end(i, keys!["the", "weekend"]) {
            let pt = dct.and_then(|d| {
                let sat = if cal::weekday_num(d) >= 6 || self.tense(i, e) != Tense::Future {
                    cal::weekday_before(d, 6, false)
                } else {
                    cal::weekday_after(d, 6, false)
                }?;
                Some(cal::weekend_of(sat))
            });
            return Some(TimexCandidate::pt(i, e, pt, "XXXX-WXX-WE"));
        }
        if let Some(e) = self.phrase_end(i, keys!["the", "day"]) {
            if self.word_in(e, keys!["before", "after", "of", "when", "that"]) {
                return None;
            }
            return Some(TimexCandidate::pt(i, e, day(0), "XXXX-XX-XX"));
        }
        // "the year" / "the fiscal year": a duration when "ended …", else this year
        if let Some(e) = self
            .phrase_end(i, keys!["the", "year"])
            .or_else(|| self.phrase_end(i, keys!["the", "fiscal", "year"]))
        {
            if self.word_in(e, keys!["ended", "ending", "ends", "through", "to"])
                || self.phrase_end(e, keys!["that", "ended"]).is_some()
            {
                return Some(TimexCandidate::other(i, e, TimexType::Duration, "P1Y"));
            }
            if self.word_in(e, keys!["before", "after", "when", "in", "of", "that", "which", "-"])
                || self.is_num(e)
            {
                return None;
            }
            let pt = dct.map(|d| CalendarPoint::Year(i32::from(d.year())));
            return Some(TimexCandidate::pt(i, e, pt, "XXXX"));
        }
        if let Some(e) = self
            .phrase_end(i, keys!["the", "full", "year"])
            .or_else(|| self.phrase_end(i, keys!["the", "full", "fiscal", "year"]))
        {
            let pt = dct.map(|d| CalendarPoint::Year(i32::from(d.year())));
            return Some(TimexCandidate::pt(i, e, pt, "XXXX"));
        }
        if let Some(e) = self.phrase_end(i, keys!["the", "month"]) {
            if self.word_in(e, keys!["before", "after", "of", "when", "that", "-"]) {
                return None;
            }
            return Some(TimexCandidate::pt(i, e, dct.map(cal::month_of), "XXXX-XX"));
        }
        if let Some(e) = self.phrase_end(i, keys!["a", "while"]) {
            return Some(TimexCandidate::other(i, e, TimexType::Duration, "PXX"));
        }
        if let Some(e) = self.phrase_end(i, keys!["the", "week"]) {
            if self.word_in(e, keys!["before", "after", "of", "when", "that", "-"]) {
                return None;
            }
            let pt = dct.map(cal::week_of);
            return Some(TimexCandidate::pt(i, e, pt, "XXXX-WXX"));
        }
        self.shifted_unit(i)
    }

    /// today, yesterday, tomorrow, tonight, the day before yesterday, the day after tomorrow,
    /// last night, this morning…
    fn day_phrase(&self, i: usize, w: &str) -> Option<TimexCandidate> {
        let dct = self.dct;
        let day = |off: i64| dct.and_then(|d| cal::add_days(d, off)).map(CalendarPoint::Day);
        match w {
            "today" | "yesterday" | "tomorrow" => {
                let off = match w {
                    "today" => 0,
                    "yesterday" => -1,
                    _ => 1,
                };
                return Some(TimexCandidate::pt(i, i + 1, day(off), "XXXX-XX-XX"));
            }
            "tonight" => {
                let v = day(0).map_or_else(|| "XXXX-XX-XX".into(), CalendarPoint::value);
                return Some(TimexCandidate::other(i, i + 1, TimexType::Time, format!("{v}TNI")));
            }
            _ => {}
        }
        if let Some(e) = self.phrase_end(i, keys!["the", "day", "before", "yesterday"]) {
            return Some(TimexCandidate::pt(i, e, day(-2), "XXXX-XX-XX"));
        }
        if let Some(e) = self.phrase_end(i, keys!["the", "day", "after", "tomorrow"]) {
            return Some(TimexCandidate::pt(i, e, day(2), "XXXX-XX-XX"));
        }
        // "last night", "this morning", "tomorrow morning" (with rel words)
        if let Some(k) = self.phrase_end(i, keys!["last"])
            && let Some(p) = lex::part_of_day(self.word(k)).filter(|_| self.word_is(k, key!("night")))
        {
            let v = day(-1).map_or_else(|| "XXXX-XX-XX".into(), CalendarPoint::value);
            return Some(TimexCandidate::other(i, k + 1, TimexType::Time, format!("{v}T{p}")));
        }
        if let Some(k) = self.phrase_end(i, keys!["this"])
            && let Some(p) = lex::part_of_day(self.word(k)).filter(|_| !self.word(k).ends_with('s'))
        {
            let v = day(0).map_or_else(|| "XXXX-XX-XX".into(), CalendarPoint::value);
            return Some(TimexCandidate::other(i, k + 1, TimexType::Time, format!("{v}T{p}")));
        }
        None
    }

    /// Whether the word at `i` is one of the first words of all the patterns of
    /// [`Self::relative_phrase`].
    fn may_start_relative(&self, i: usize) -> bool {
        self.word_in(
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
        )
    }

    /// this/last/next/the past/the coming + unit ("last month", "the past week", "next year's").
    fn shifted_unit(&self, i: usize) -> Option<TimexCandidate> {
        let dct = self.dct;
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
            if let Some(e) = self.phrase_end(i, ws)
                && (lex::unit(self.word(e)).is_some_and(|(_, p)| !p) || self.word_is(e, key!("weekend")))
                && best.is_none_or(|b| e > b.0)
            {
                best = Some((e, *off, *anaphoric));
            }
        }
        let (e, off, anaphoric) = best?;
        let unit_w = self.word(e);
        let end = e + 1;
        if unit_w == "weekend" {
            // "this weekend" told in the past tense on a weekday is the one just gone ("The
            // president told African-Americans this weekend …" on a Monday)
            let pt = if off == 0 && self.tense(i, end) == Tense::Past {
                dct.and_then(|d| cal::weekday_before(d, 6, false)).map(cal::weekend_of)
            } else {
                weekend_shifted(dct, off)
            };
            return Some(TimexCandidate::pt(i, end, pt, "XXXX-WXX-WE"));
        }
        let (u, _) = lex::unit(unit_w)?;
        // "last year's", is fine; "the last year" as a duration is handled elsewhere
        let off64 = i64::from(off);
        let anchor_pt = if anaphoric { self.last.map(|(p, _)| p) } else { None };
        let pt: Option<CalendarPoint> = match u {
            Unit::Year => {
                if let Some(p) = anchor_pt {
                    Some(CalendarPoint::Year(p.year() + off))
                } else {
                    dct.map(|d| CalendarPoint::Year(i32::from(d.year()) + off))
                }
            }
            Unit::Month => {
                let base = match anchor_pt {
                    Some(CalendarPoint::Month(y, m)) => cal::date(y, m, 1),
                    Some(CalendarPoint::Day(d)) => Some(d),
                    _ => dct,
                };
                base.and_then(|d| cal::add_months(d, off64)).map(cal::month_of)
            }
            Unit::Week => {
                let base = match anchor_pt {
                    Some(CalendarPoint::Day(d)) => Some(d),
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
                    Some(CalendarPoint::Day(d)) => Some(d),
                    _ => dct,
                };
                base.and_then(|d| cal::add_days(d, off64)).map(CalendarPoint::Day)
            }
            Unit::Decade => dct.map(|d| CalendarPoint::Decade(i32::from(d.year()).div_euclid(10) + off)),
            Unit::Century => dct.map(|d| CalendarPoint::Century(i32::from(d.year()).div_euclid(100) + off)),
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
        Some(TimexCandidate::pt(i, end, pt, under))
    }
}

/// The weekend `off` weekends from the reference date's (this, last, next weekend).
fn weekend_shifted(dct: Option<Date>, off: i32) -> Option<CalendarPoint> {
    dct.and_then(|d| {
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
    })
}
