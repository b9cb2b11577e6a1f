//! Vague references: "now", "recently", "the past", "the future" (`PRESENT_REF`,
//! `PAST_REF`, `FUTURE_REF`), and the like.

use super::*;

/// Vague phrases and their values (the longest match wins).
const VAGUE_PHRASES: &[(&[Packed], &str)] = &[
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

impl Rules<'_> {
    /// A vague reference at `i`: a phrase of [`VAGUE_PHRASES`], else a vague word.
    pub(super) fn vague(&self, i: usize) -> Option<TimexCandidate> {
        let w = self.word(i);
        // "$1.5 billion in U.S. watch imports that year": the year of the date told just before
        // (wsj_0026)
        if w == "that" && self.word_is(i + 1, key!("year")) && !self.word_is(i + 2, key!("-")) {
            let (pt, s) = self.last?;
            let coarse = matches!(pt, CalendarPoint::Decade(_) | CalendarPoint::Century(_));
            return (!coarse && self.sent(i).saturating_sub(s) <= 2).then(|| {
                let y = CalendarPoint::Year(pt.year());
                TimexCandidate::date(i, i + 2, y.value(), Some(y)).anaphoric()
            });
        }
        // "… will terminate on Nov. 30. Until then, …": the date told just before (wsj_0534)
        if w == "then" {
            let (pt, s) = self.last?;
            let after_cue = i > 0 && self.word_in(i - 1, keys!["until", "till", "since"]);
            return (after_cue && self.sent(i).saturating_sub(s) <= 1)
                .then(|| TimexCandidate::date(i, i + 1, pt.value(), Some(pt)).anaphoric());
        }
        // the first words of all the patterns below, or a plural unit ("for years")
        if !self.word_in(
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
        if let Some(c) = self.vague_phrase(i) {
            return Some(c);
        }
        self.vague_word(i, w)
    }

    /// A word that is vague on its own or with the next ("current", "recent", "at the time",
    /// "for years").
    fn vague_word(&self, i: usize, w: &str) -> Option<TimexCandidate> {
        let d = |s: usize, e: usize, v: &str| Some(TimexCandidate::date(s, e, v.to_string(), None));
        // "recent weeks", "coming weeks": vague durations
        if matches!(w, "recent" | "coming")
            && self.is_word(i + 1)
            && let Some((u, true)) = lex::unit(self.word(i + 1))
        {
            return Some(TimexCandidate::other(i, i + 2, TimexType::Duration, format!("PX{}", u.code())));
        }
        if w == "current" && !self.word_in(i + 1, keys!["account", "accounts", "affairs", "events", "-"]) {
            return d(i, i + 1, "PRESENT_REF");
        }
        if w == "recent" && self.is_word(i + 1) {
            return d(i, i + 1, "PAST_REF");
        }
        // "at the time"
        if let Some(e) = self.phrase_end(i, keys!["the", "time"])
            && i > 0
            && self.word_is(i - 1, key!("at"))
            && !self.word_in(e, keys!["of", "when", "that"])
        {
            return d(i, e, "PAST_REF");
        }
        // bare plural units: "for years", "in recent months" (handled), "months ago" (handled)
        if let Some((u, true)) = lex::unit(w)
            && i > 0
            && self.word_in(i - 1, keys!["for", "in", "over", "within"])
            && !self.word_in(i + 1, keys!["of", "-", "to"])
            && !self.is_num(i - 1)
        {
            let t = if u.is_clock() { "T" } else { "" };
            if self.word_is(i + 1, key!("ago")) {
                return d(i, i + 2, "PAST_REF");
            }
            return Some(TimexCandidate::other(i, i + 1, TimexType::Duration, format!("P{t}X{}", u.code())));
        }
        None
    }

    /// The longest phrase of [`VAGUE_PHRASES`] at `i`.
    fn vague_phrase(&self, i: usize) -> Option<TimexCandidate> {
        let d = |s: usize, e: usize, v: &str| Some(TimexCandidate::date(s, e, v.to_string(), None));
        let mut best: Option<TimexCandidate> = None;
        for &(ws, v) in VAGUE_PHRASES {
            if let Some(e) = self.phrase_end(i, ws) {
                if ws == keys!["future"] && !self.word_in(e, keys!["quarters", "years", "months"]) {
                    continue;
                }
                if ws == keys!["the", "past"]
                    && (self.number(e).is_some() || lex::unit(self.word(e)).is_some())
                {
                    continue;
                }
                if ws == keys!["soon"]
                    && (self.word_in(e, keys!["as", "after", "afterwards", "afterward", "thereafter"])
                        || (i > 0 && self.word_is(i - 1, key!("as"))))
                {
                    continue;
                }
                if ws == keys!["the", "present"] && lex::unit(self.word(e)).is_some() {
                    continue;
                }
                let e = if ws == keys!["future"] { e + 1 } else { e };
                if best.as_ref().is_none_or(|b| e > b.end) {
                    best = d(i, e, v);
                }
            }
        }
        best
    }
}
