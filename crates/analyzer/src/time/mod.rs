//! Time expressions: find them in text and normalise them to TIMEX3 values, rule-based in
//! the manner of HeidelTime.
//!
//! Explicit dates and times (`Sep. 24, 2018`, `10:27 AM`, `1998-02-13`, `the 1990s`),
//! relative ones (`Sunday`, `last month`, `a year ago`, `this week`), durations
//! (`two years` → `P2Y`), sets (`every week` → `P1W`) and vague references (`now` →
//! `PRESENT_REF`) are resolved against the document creation time (DCT). Without a DCT the
//! values stay underspecified (`XXXX-WXX-5`, `XXXX-06`).
//!
//! Extents follow the TimeML / TimeBank conventions: determiners and modifiers belong to the
//! expression (`the past two years`, `early next year`), prepositions do not (`in June`).

mod cal;
mod gate;
pub(crate) mod lexicon;
mod rules;
mod tense;
mod token;

#[cfg(test)]
mod tests;

use jiff::civil::Date;
use storyline_model::{DateStamp, Timex, TimexType};

/// Where the reference date (DCT) came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DctSource {
    /// Given by the caller (corpus metadata, command line).
    Given,
    /// The article's own date (dateline, metadata).
    Article,
    /// Not known: values that need a reference date stay underspecified.
    #[default]
    Unknown,
}

/// How a reference date was obtained, and the date itself (`None` = unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TimeContext {
    /// The reference date (document creation time), when known.
    pub dct: Option<Date>,
    /// Where it came from.
    pub source: DctSource,
}

impl TimeContext {
    /// A context with a date given by the caller, or an unknown one.
    pub fn new(dct: Option<Date>) -> Self {
        TimeContext { dct, source: if dct.is_some() { DctSource::Given } else { DctSource::Unknown } }
    }

    /// The article's own date as reference.
    pub fn from_article(stamp: Option<DateStamp>) -> Self {
        let dct = stamp.and_then(|s| Date::new(s.year, s.month as i8, s.day as i8).ok());
        TimeContext { dct, source: if dct.is_some() { DctSource::Article } else { DctSource::Unknown } }
    }

    /// Find and normalise every time expression in `text`.
    pub fn extract(&self, text: &str) -> Vec<Timex> {
        extract(text, self.dct)
    }
}

/// Find and normalise every time expression in `text`; spans are BYTE offsets into `text`,
/// sorted, non-overlapping, on character boundaries.
pub fn extract(text: &str, dct: Option<Date>) -> Vec<Timex> {
    let lowered = token::Lowered::new(text);
    let tokens = token::tokenize(&lowered);
    let toks = &tokens.toks;
    let mut rules = rules::Rules::new(&tokens, dct);
    let mut out: Vec<Timex> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(c) = rules.best(i) else {
            i += 1;
            continue;
        };
        if c.end <= c.start || c.end > toks.len() || c.start < i {
            i += 1;
            continue;
        }
        let (start, end) = (toks[c.start].start, toks[c.end - 1].end);
        rules.accept(&c);
        out.push(Timex { text: text[start..end].to_string(), kind: c.kind, value: c.value, start, end });
        i = c.end;
    }
    join_date_and_time(text, out)
}

/// A calendar date followed by a clock time of that day ("Sep. 24, 2018 10:27 AM",
/// "September 24, 2018 at 3:15 p.m.") is one TIME expression, as TimeML annotates it.
fn join_date_and_time(text: &str, timexes: Vec<Timex>) -> Vec<Timex> {
    let mut out: Vec<Timex> = Vec::with_capacity(timexes.len());
    for t in timexes {
        // (the clock time was resolved on its own, against the DCT's day: it takes the date's)
        if let Some(prev) = out.last_mut()
            && prev.kind == TimexType::Date
            && t.kind == TimexType::Time
            && prev.value.len() == 10
            && prev.value.bytes().all(|b| b.is_ascii_digit() || b == b'-')
            && t.value.len() > 11
            && t.value.as_bytes()[10] == b'T'
            && t.value.as_bytes()[11].is_ascii_digit()
            && text.get(prev.end..t.start).is_some_and(|gap| {
                let g = gap.trim();
                gap.len() <= 7 && !gap.contains('\n') && matches!(g, "" | "," | "at" | ", at")
            })
        {
            prev.end = t.end;
            prev.text = text[prev.start..prev.end].to_string();
            prev.kind = TimexType::Time;
            prev.value = format!("{}{}", prev.value, &t.value[10..]);
            continue;
        }
        out.push(t);
    }
    out
}
