//! Adjuncts between a cue and its content or speaker: "told reporters", "in an interview",
//! "on Sunday", "at a rally in Ohio" (the venue is kept), skipped so the clause after them is
//! the content.

use super::MIN_WEIGHT;
use super::paragraph::{FoundCue, Para};
use super::vocabulary::TELL_LEMMAS;
use super::words::{capitalized, class, is_terminal};
use std::borrow::Cow;

impl<'a> Para<'a> {
    /// Skip what sits between a cue and its content: the addressee of "told", times, venues.
    /// Returns the content start and the venue found.
    pub(super) fn skip_adjuncts(&self, cue: &FoundCue, hi: usize) -> (usize, Option<String>) {
        let k = cue.end;
        if let Some(x) = self.that_within_reach(k, hi) {
            return (x, if x > k { self.venue_in(k, x) } else { None });
        }
        let k = if TELL_LEMMAS.contains(&cue.lemma.as_ref()) {
            let a = self.skip_addressee(cue, hi);
            // `asked the Supreme Court to intervene`, `urged Congress to act`: the addressee is
            // the subject of what is asked, part of the content.
            if a > k && self.lower(a) == "to" && self.toks.get(a).is_some_and(|t| t.region.is_none()) {
                k
            } else {
                a
            }
        } else {
            k
        };
        let mut venue = None;
        let mut k = self.skip_times_and_venues(k, hi, &mut venue);
        if k < hi && matches!(self.toks[k].text, ":" | ",") {
            k += 1;
        }
        (k, venue)
    }

    /// "that" within reach of token `k` without punctuation, a quote, another clause or another
    /// cue on the way ("said when asked if that …" is not): the content starts there.
    fn that_within_reach(&self, k: usize, hi: usize) -> Option<usize> {
        for x in k..hi.min(k + 12) {
            let w = self.lower(x);
            if w == "that" {
                // Only adjuncts lie between ("told reporters on Tuesday that"), not a clause
                // whose object or subject "that" is ("said he did that.", "said the plan would
                // work, and that is all").
                let gap_ok = (k..x).all(|y| {
                    let w = self.lower(y);
                    !is_terminal(w)
                        && w != ":"
                        && self.toks[y].region.is_none()
                        && !self.is(
                            y,
                            class::SUBORDINATOR | class::SUBJECT_PRONOUN | class::AUX | class::IRREGULAR_PAST,
                        )
                        && self.cue_entry(y).is_none_or(|(_, wt)| wt < MIN_WEIGHT)
                });
                let complementizer = !is_terminal(self.lower(x + 1)) && !self.is(x + 1, class::AUX);
                return (gap_ok && complementizer).then_some(x);
            }
            if is_terminal(w) || w == ";" || self.toks[x].region.is_some() {
                return None;
            }
        }
        None
    }

    /// After a cue of telling: the addressee (a pronoun, "reporters", a name, or "the/a …
    /// noun", short) skipped; the token after it.
    fn skip_addressee(&self, cue: &FoundCue, hi: usize) -> usize {
        let mut k = cue.end;
        let w = self.lower(k);
        if self.is(k, class::OBJECT_WORD)
            || (k < hi && capitalized(self.toks[k].text) && self.toks[k].region.is_none())
        {
            let det = matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my");
            k += 1;
            if det || capitalized(self.toks[k - 1].text) {
                while k < hi
                    && k - cue.end < 5
                    && (capitalized(self.toks[k].text) || (det && !self.is(k, class::SUBJECT_PRONOUN)))
                    && !self.punct(k)
                    && !matches!(self.lower(k), "that" | "the" | "a" | "to")
                {
                    k += 1;
                }
            }
        }
        k
    }

    /// Times ("on Sunday") and prepositional phrases with a venue or time word ("in an
    /// interview (with X)", "on ABC's "This Week"", "during a debate") from token `k`, skipped
    /// as long as there are some; the first venue phrase is kept in `venue`.
    fn skip_times_and_venues(&self, mut k: usize, hi: usize, venue: &mut Option<String>) -> usize {
        loop {
            let start = k;
            // (Not "Friday's decision": a possessive time word opens the content.)
            while k < hi
                && self.is(k, class::TIME_WORD)
                && self.toks[k].region.is_none()
                && !matches!(self.lower(k + 1), "'s" | "’s")
            {
                k += 1;
            }
            if k < hi
                && self.is(k, class::PREP)
                && let Some(x) = self.adjunct_phrase_end(k, hi)
            {
                if venue.is_none() && (k + 1..x).any(|y| self.is(y, class::VENUE_WORD)) {
                    let mut ve = x;
                    while ve > k + 2 && self.toks[ve - 1].region.is_none() && self.punct(ve - 1) {
                        ve -= 1;
                    }
                    *venue = self.span(k + 1, ve).map(|s| s.slice(self.text).to_string());
                }
                k = x;
            }
            if k == start {
                return k;
            }
        }
    }

    /// The end of the phrase the preposition at `k` opens, when it holds a venue or time word
    /// (a quoted programme title right after one is taken whole).
    fn adjunct_phrase_end(&self, k: usize, hi: usize) -> Option<usize> {
        let mut x = k + 1;
        let mut found = false;
        while x < hi && x - k < 9 {
            let t = &self.toks[x];
            let w = self.lower(x);
            if t.has(class::VENUE_WORD | class::TIME_WORD) {
                found = true;
            }
            if t.region.is_some() && found {
                let r = t.region.unwrap_or(0);
                while x < hi && self.toks[x].region == Some(r) {
                    x += 1;
                }
                break;
            }
            if t.has(class::PUNCT) && !matches!(w, "'s" | "’s" | "-" | "." | "&")
                || t.has(class::SUBJECT_PRONOUN)
                || (found && matches!(w, "that" | "the" | "a" | "an" | "this" | "there"))
                || (t.has(class::AUX) && w != "'s")
                || t.has(class::NP_STOP) && !matches!(w, "with" | "on" | "at" | "in" | "for")
            {
                break;
            }
            x += 1;
        }
        (found && x > k + 1).then_some(x)
    }

    /// A venue phrase inside tokens `a..b` ("in an interview with MSNBC").
    pub(super) fn venue_in(&self, a: usize, b: usize) -> Option<String> {
        let p = (a..b).find(|&k| self.is(k, class::PREP))?;
        (p + 1..b).any(|k| self.is(k, class::VENUE_WORD)).then_some(())?;
        let mut e = b;
        while e > p + 1 && (self.punct(e - 1) && self.toks[e - 1].region.is_none()) {
            e -= 1;
        }
        self.span(p + 1, e).map(|s| s.slice(self.text).to_string())
    }

    /// A sentence-initial venue: "In a separate interview with Fox News, …".
    pub(super) fn venue_prefix(&self, s: usize, before: usize) -> Option<String> {
        let (a, _) = self.sents[s];
        if !matches!(self.lower(a), "in" | "on" | "during" | "speaking" | "at") {
            return None;
        }
        let comma = (a..before.min(a + 20)).find(|&k| self.toks[k].text == ",")?;
        let start = a + 1;
        let inner = (start..comma).any(|k| self.is(k, class::VENUE_WORD));
        if !inner {
            return None;
        }
        let start = if self.lower(a) == "speaking" && self.is(a + 1, class::PREP) { a + 2 } else { start };
        self.span(start, comma).map(|s| s.slice(self.text).to_string())
    }

    /// After a post-posed cue: times, venues, and with `addressee` addressees ("told reporters").
    pub(super) fn skip_adjuncts_post(&self, t: usize, hi: usize, addressee: bool) -> (usize, Option<String>) {
        let fake =
            FoundCue { first: t, end: t, lemma: Cow::Borrowed(if addressee { "tell" } else { "say" }) };
        let (k, venue) = self.skip_adjuncts(&fake, hi);
        // skip_adjuncts consumes a trailing "," or ":"; give it back.
        if k > t && k <= self.toks.len() && matches!(self.toks[k - 1].text, "," | ":") {
            return (k - 1, venue);
        }
        (k, venue)
    }
}
