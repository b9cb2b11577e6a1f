//! Dates and times as they appear on metadata lines of scraped articles:
//! `Sep. 24, 2018`, `Updated: Sep. 24, 2018 10:27 AM`, `2018-09-24`,
//! `September 24, 2018 at 3:15 p.m. EDT`, `24 Sep 2018`, `Published 10:02 GMT`; also as text
//! re-joined from tokens writes them (`Updated 4 / 9 / 2007 6: 04 PM`: a space after a clock's
//! colon, around a date's slashes).

use std::sync::LazyLock;

use regex::{Captures, Regex};
use storyline_model::{DateStamp, TimeOfDay};

/// Month-name alternation (abbreviated with or without a period, or in full).
pub(crate) const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WEEKDAY: &str =
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+";
const ZONE: &str = r"(?:z|utc|gmt|[ecmp][sd]t|bst|cest|cet|kst|jst|hkt|sgt|aest|aedt|ist|[+-]\d{2}:?\d{2})";

/// Which metadata a date line gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRole {
    Published,
    Updated,
}

/// A date line's content: a date, a time, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetaDate {
    pub role: DateRole,
    pub date: Option<(i16, u8, u8)>,
    pub time: Option<TimeOfDay>,
    pub offset_minutes: Option<i16>,
}

impl MetaDate {
    /// The stamp, when there is a date (a lone time needs a date from elsewhere).
    pub fn stamp(&self) -> Option<DateStamp> {
        let (y, m, d) = self.date?;
        Some(attach(DateStamp::date(y, m, d), self.time, self.offset_minutes))
    }
}

/// Attach a time of day and offset to a date.
pub fn attach(date: DateStamp, time: Option<TimeOfDay>, offset: Option<i16>) -> DateStamp {
    let mut s = date.date_only();
    s.time = time;
    s.offset_minutes = if time.is_some() { offset } else { None };
    s
}

fn date_pattern(sfx: &str) -> String {
    format!(
        r"(?:{WEEKDAY})?(?:(?P<mn1{sfx}>{MONTH})\s+(?P<d1{sfx}>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1{sfx}>\d{{4}})|(?P<d2{sfx}>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn2{sfx}>{MONTH}),?\s+(?P<y2{sfx}>\d{{4}})|(?P<y3{sfx}>\d{{4}})[-/](?P<m3{sfx}>\d{{1,2}})[-/](?P<d3{sfx}>\d{{1,2}})|(?P<m4{sfx}>\d{{1,2}})\x20?/\x20?(?P<d4{sfx}>\d{{1,2}})\x20?/\x20?(?P<y4{sfx}>\d{{4}}))"
    )
}

fn time_pattern(sfx: &str) -> String {
    format!(
        r"(?:(?P<h{sfx}>\d{{1,2}})(?:[:.]|:\x20)(?P<mi{sfx}>\d{{2}})(?::\x20?(?P<s{sfx}>\d{{2}})(?:\.\d+)?)?|(?P<hh{sfx}>\d{{1,2}}))\s*(?P<ap{sfx}>[ap]\.?\s?m\.?)?(?:\s*\(?(?P<z{sfx}>{ZONE})\)?)?"
    )
}

const LABEL: &str = r"(?:(?P<label>(?:first\s+|last\s+)?(?:published|updated|modified|posted|date|created)(?:\s+(?:on|at))?|on\s)\s*:?\s*)?";
const SEP: &str = r"(?:\s*(?:,|at|\||-|–|—|/|t)?\s*)";

static DATE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*{LABEL}{}(?:{SEP}{})?\s*$", date_pattern("a"), time_pattern("a")))
        .expect("valid date regex")
});

static TIME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*{LABEL}{}(?:{SEP}(?:on\s+)?{})?\s*$", time_pattern("b"), date_pattern("b")))
        .expect("valid date regex")
});

/// A date (with its label and time) opening a line that goes on: `21 July 2013 Last updated at
/// 11:11 GMT`, `Posted: Nov 27, 2005 8:20 AM ET Last Updated: …`, `Sat Nov 12 2011, 01:19 hrs`.
/// The date must end at the line's end, a space or punctuation (not inside a word or number).
static DATE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*{LABEL}{}(?:{SEP}{})?(?:$|[\s,;|(.\-–—])",
        date_pattern("c"),
        time_pattern("c")
    ))
    .expect("valid date regex")
});

/// The date a line of the page's head opens with when the whole line is no date line
/// ([`parse_date_line`] first): a label, a date and perhaps a time, then more metadata — a
/// second date or time (what follows has a digit), or at most two words (`hrs`, `| BBC News`).
/// Words without a number after the date are a sentence (`On Sept. 24, 2018, the president
/// said that…`), not metadata. Lines of more than 120 bytes are no such line.
pub fn parse_date_prefix(line: &str) -> Option<MetaDate> {
    if line.len() > 120 || !DATE_PREFIX.is_match(line) {
        return None;
    }
    let caps = DATE_PREFIX.captures(line)?;
    let rest = &line[caps.get(0)?.end()..];
    let mut words = rest.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric));
    if !rest.bytes().any(|b| b.is_ascii_digit()) && words.nth(2).is_some() {
        return None;
    }
    let date = date_from(&caps, "c")?;
    let role = match caps.name("label").map(|m| m.as_str().to_ascii_lowercase()) {
        Some(l) if l.contains("updat") || l.contains("modif") || l.starts_with("last") => DateRole::Updated,
        _ => DateRole::Published,
    };
    // A bare number after the date ("21 July 2013 1 dead", "24 Sep 20181") is no time, and
    // the line no date line.
    if caps.name("hhc").is_some() && caps.name("apc").is_none() && caps.name("zc").is_none() {
        return None;
    }
    let (time, offset) = time_from(&caps, "c");
    Some(MetaDate { role, date: Some(date), time, offset_minutes: offset })
}

/// Parse a whole line as a date/time metadata line; `None` if the line is anything else.
pub fn parse_date_line(line: &str) -> Option<MetaDate> {
    if line.len() > 120 {
        return None;
    }
    // `is_match` first: it is cheaper than `captures` on the many lines that are no date.
    let (caps, sfx) = if DATE_FIRST.is_match(line)
        && let Some(c) = DATE_FIRST.captures(line)
    {
        (c, "a")
    } else if TIME_FIRST.is_match(line) {
        (TIME_FIRST.captures(line)?, "b")
    } else {
        return None;
    };
    let label = caps.name("label").map(|m| m.as_str().to_ascii_lowercase());
    let role = match &label {
        Some(l) if l.contains("updat") || l.contains("modif") || l.starts_with("last") => DateRole::Updated,
        _ => DateRole::Published,
    };
    let date = date_from(&caps, sfx);
    let has_date_groups = ["mn1", "d2", "y3", "m4"].iter().any(|g| caps.name(&format!("{g}{sfx}")).is_some());
    if has_date_groups && date.is_none() {
        return None; // looked like a date but is not a real one (2018-02-31)
    }
    let (time, offset) = time_from(&caps, sfx);
    // A lone bare number ("12") is not a time: demand a clock, an am/pm or a zone.
    if date.is_none() {
        let t = time?;
        let bare = caps.name(&format!("hh{sfx}")).is_some();
        if bare && caps.name(&format!("ap{sfx}")).is_none() && offset.is_none() {
            return None;
        }
        let _ = t;
        label.as_ref()?; // a time alone on a line needs a label ("Published 10:02 GMT")
    }
    if date.is_some() && time.is_none() && caps.name(&format!("hh{sfx}")).is_some() {
        return None;
    }
    Some(MetaDate { role, date, time, offset_minutes: offset })
}

fn num(c: &Captures, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn date_from(c: &Captures, sfx: &str) -> Option<(i16, u8, u8)> {
    let g = |n: &str| format!("{n}{sfx}");
    let (y, m, d) = if let Some(mn) = c.name(&g("mn1")) {
        (num(c, &g("y1"))?, month_number(mn.as_str())?, num(c, &g("d1"))?)
    } else if let Some(mn) = c.name(&g("mn2")) {
        (num(c, &g("y2"))?, month_number(mn.as_str())?, num(c, &g("d2"))?)
    } else if c.name(&g("y3")).is_some() {
        (num(c, &g("y3"))?, num(c, &g("m3"))?, num(c, &g("d3"))?)
    } else if c.name(&g("y4")).is_some() {
        (num(c, &g("y4"))?, num(c, &g("m4"))?, num(c, &g("d4"))?)
    } else {
        return None;
    };
    valid_date(y, m, d)
}

/// `(year, month, day)` when it is a real calendar date in a plausible range.
pub fn valid_date(y: u32, m: u32, d: u32) -> Option<(i16, u8, u8)> {
    if !(1800..=2200).contains(&y) || m == 0 || m > 12 || d == 0 || d > 31 {
        return None;
    }
    jiff::civil::Date::new(y as i16, m as i8, d as i8).ok()?;
    Some((y as i16, m as u8, d as u8))
}

fn time_from(c: &Captures, sfx: &str) -> (Option<TimeOfDay>, Option<i16>) {
    let g = |n: &str| format!("{n}{sfx}");
    let (hour, minute, second) = if c.name(&g("h")).is_some() {
        (num(c, &g("h")), num(c, &g("mi")), num(c, &g("s")))
    } else {
        (num(c, &g("hh")), Some(0), None)
    };
    let (Some(mut hour), Some(minute)) = (hour, minute) else { return (None, None) };
    if let Some(ap) = c.name(&g("ap")) {
        if hour == 0 || hour > 12 {
            return (None, None);
        }
        let pm = ap.as_str().to_ascii_lowercase().starts_with('p');
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    if hour > 23 || minute > 59 || second.is_some_and(|s| s > 59) {
        return (None, None);
    }
    let offset = c.name(&g("z")).and_then(|z| zone_offset(z.as_str()));
    (Some(TimeOfDay { hour: hour as u8, minute: minute as u8, second: second.map(|s| s as u8) }), offset)
}

/// UTC offset in minutes of a zone abbreviation or `±HH:MM`.
pub fn zone_offset(zone: &str) -> Option<i16> {
    let z = zone.to_ascii_uppercase();
    let hours = match z.as_str() {
        "Z" | "UTC" | "GMT" => 0,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        "BST" | "CET" => 1,
        "CEST" => 2,
        "HKT" | "SGT" => 8,
        "KST" | "JST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        "IST" => return Some(330),
        _ => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z.chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            let h: i16 = digits[..2].parse().ok()?;
            let m: i16 = digits[2..].parse().ok()?;
            return (h <= 14 && m < 60).then_some(sign * (h * 60 + m));
        }
    };
    Some(hours * 60)
}

/// 1–12 for a month name or abbreviation ("Sep.", "Sept", "September").
pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let prefix = n.get(..3)?;
    let m = match prefix {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(line: &str) -> Option<String> {
        parse_date_line(line).and_then(|d| d.stamp()).map(|s| s.to_string())
    }

    #[test]
    fn usual_forms() {
        assert_eq!(stamp("Sep. 24, 2018").as_deref(), Some("2018-09-24"));
        assert_eq!(stamp("Updated: Sep. 24, 2018 10:27 AM").as_deref(), Some("2018-09-24T10:27"));
        assert_eq!(parse_date_line("Updated: Sep. 24, 2018 10:27 AM").unwrap().role, DateRole::Updated);
        assert_eq!(stamp("2018-09-24").as_deref(), Some("2018-09-24"));
        assert_eq!(stamp("September 24, 2018 at 3:15 p.m. EDT").as_deref(), Some("2018-09-24T15:15-04:00"));
        assert_eq!(stamp("24 Sep 2018").as_deref(), Some("2018-09-24"));
        assert_eq!(stamp("Monday, 24 September 2018, 08:05 GMT").as_deref(), Some("2018-09-24T08:05Z"));
        assert_eq!(stamp("2018-09-24T10:27:00-04:00").as_deref(), Some("2018-09-24T10:27:00-04:00"));
        assert_eq!(stamp("Published 10:02 GMT on 24 September 2018").as_deref(), Some("2018-09-24T10:02Z"));
        // Text re-joined from tokens (the ECB+ articles).
        assert_eq!(stamp("Updated: November 11, 2011 20: 09 IST").as_deref(), Some("2011-11-11T20:09+05:30"));
        assert_eq!(parse_date_line("Updated 4 / 9 / 2007 6: 04 PM").unwrap().role, DateRole::Updated);
        assert_eq!(stamp("Updated 4 / 9 / 2007 6: 04 PM").as_deref(), Some("2007-04-09T18:04"));
        assert_eq!(stamp("05 / 02 / 2013").as_deref(), Some("2013-05-02"));
        assert_eq!(stamp("Posted on November 15, 2011 6: 07: 15 PM").as_deref(), Some("2011-11-15T18:07:15"));
        assert_eq!(stamp("May 2, 2013 | 5: 03pm").as_deref(), Some("2013-05-02T17:03"));
        let lone = parse_date_line("Published 10:02 GMT").unwrap();
        assert_eq!(lone.date, None);
        assert_eq!(lone.time, Some(TimeOfDay { hour: 10, minute: 2, second: None }));
        assert_eq!(lone.offset_minutes, Some(0));
    }

    #[test]
    fn not_dates() {
        for line in [
            "2018",
            "Sep. 31, 2018",
            "The summit is on Sep. 24, 2018",
            "12",
            "Clear",
            "10:27",
            "May 2018",
            "Sep. 24, 2018 10:  27",
            "Sep. 24, 2018 10 :27",
            "4 /  9 / 2018",
            "14 / 09 / 2013",
        ] {
            assert_eq!(parse_date_line(line), None, "{line}");
        }
        assert_eq!(stamp("12:30 pm, May 5, 2018").as_deref(), Some("2018-05-05T12:30"));
    }

    #[test]
    fn on_is_a_label() {
        assert_eq!(stamp("on Apr 12 2007").as_deref(), Some("2007-04-12"));
        assert_eq!(stamp("On July 02 2013 7: 41 AM").as_deref(), Some("2013-07-02T07:41"));
        assert_eq!(stamp("on"), None);
        assert_eq!(stamp("onApr 12 2007"), None);
    }

    #[test]
    fn dates_opening_a_line() {
        let prefix = |l: &str| parse_date_prefix(l).and_then(|d| d.stamp()).map(|s| s.to_string());
        assert_eq!(prefix("21 July 2013 Last updated at 11: 11 GMT").as_deref(), Some("2013-07-21"));
        let posted =
            parse_date_prefix("Posted: Nov 27, 2005 8: 20 AM ET Last Updated: Nov 27, 2005 8: 10 PM ET");
        assert_eq!(
            posted.and_then(|d| d.stamp()).map(|s| s.to_string()).as_deref(),
            Some("2005-11-27T08:20")
        );
        assert_eq!(posted.map(|d| d.role), Some(DateRole::Published));
        assert_eq!(
            prefix("on April 30, 2008 at 4: 31 AM, updated April 30, 2008 at 8: 33 AM").as_deref(),
            Some("2008-04-30T04:31")
        );
        assert_eq!(prefix("Sat Nov 12 2011, 01: 19 hrs").as_deref(), Some("2011-11-12T01:19"));
        assert_eq!(
            parse_date_prefix("Last Updated: Jul 07, 2012 8: 44 PM ET, more").map(|d| d.role),
            Some(DateRole::Updated)
        );
        assert_eq!(prefix("21 July 2013 | BBC News").as_deref(), Some("2013-07-21"));
        for line in [
            "Seacom operations fully restored: 4 November 2011",
            "The summit is on Sep. 24, 2018",
            // A sentence opening with a date.
            "On Sept. 24, 2018, the president said that he would meet the",
            "21 July 2013, fire in Wellington",
            "24 Sep 2018x",
            "24 Sep 20181",
            // A bare number after the date is no time, and the line no date line.
            "21 July 2013 1 dead in fire",
            "Sep. 31, 2018 and more",
            "5. 9 Earthquake Jolts Iran",
            "1 dead, 2 hurt in Mich. office shooting",
            "",
        ] {
            assert_eq!(parse_date_prefix(line), None, "{line}");
        }
        assert_eq!(parse_date_prefix(&format!("24 Sep 2018 {}", "x".repeat(120))), None);
    }
}
