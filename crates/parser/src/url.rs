//! An article's web address and the dates people do not have to supply: the URL line a
//! scrape opens with, and the publication date a URL (`/2013/05/03/`, `/2013/may/03/`,
//! `-20130504`, `/20130504/`, `2013-05-04`) or a file name (`breitbart_2016-10-12_…`,
//! `20161012-…`) gives.
//!
//! Only whole calendar dates are taken (a URL's `/2013/05/` gives a month, which a
//! [`DateStamp`] cannot hold), and only plausible ones: a year in 1990..=2100 and a real day.
//! Everything here works on ASCII bytes and slices at ASCII positions only, so any text is safe.

use storyline_model::{DateStamp, Span};

use crate::dates;

/// The longest first line taken for a URL (bytes).
const MAX_URL_LEN: usize = 4096;

/// The first line of `text` when it is a URL alone (`http://…` or `https://…`, any case, with a
/// host and no whitespace): its span, trimmed.
pub(crate) fn url_line(text: &str) -> Option<Span> {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    // Cheap test first: most texts open with a headline.
    let rest = &bytes[start..];
    let scheme = if starts_with_ignore_case(rest, b"https://") {
        8
    } else if starts_with_ignore_case(rest, b"http://") {
        7
    } else {
        return None;
    };
    let line_len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
    let line = text[start..start + line_len].trim_end();
    let host = line.as_bytes().get(scheme).copied();
    if line.len() > MAX_URL_LEN
        || !host.is_some_and(|b| b.is_ascii_alphanumeric())
        || line.chars().any(char::is_whitespace)
    {
        return None;
    }
    Some(Span::new(start, start + line.len()))
}

fn starts_with_ignore_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len()).is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The publication date a URL's path gives, the first found from the left:
/// `/YYYY/MM/DD/` (one- or two-digit month and day, or the month's name: `/2013/may/03/`;
/// also with one section between year and month, `/2007/US/04/09/`), or inside a segment
/// `YYYY-MM-DD`, `YYYY_MM_DD` or eight digits `YYYYMMDD` not touching a letter or digit.
/// The host, query and fragment are not read.
pub fn date_from_url(url: &str) -> Option<DateStamp> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    // (no date without four digits in a row)
    if !crate::layout::has_digit_run(path.as_bytes(), 4) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').collect();
    (0..segments.len()).find_map(|i| segments_date(&segments[i..]))
}

/// The date the segments starting at `segs[0]` give: `YYYY/MM/DD`, `YYYY/section/MM/DD`, or a
/// date inside `segs[0]`.
fn segments_date(segs: &[&str]) -> Option<DateStamp> {
    let seg = segs.first()?;
    if let Some(year) = number(seg, 4..=4) {
        let numeric = |m: Option<&&str>, d: Option<&&str>| {
            let month = m.and_then(|m| number(m, 1..=2).or_else(|| month_name(m)))?;
            plausible(year, month, number(d?, 1..=2)?)
        };
        let date = numeric(segs.get(1), segs.get(2)).or_else(|| {
            // A section between the year and the month (CNN's `/2007/US/04/09/`).
            let section = segs.get(1)?;
            let letters = !section.is_empty()
                && section.len() <= 20
                && section.bytes().all(|b| b.is_ascii_alphabetic());
            let numeric_month = segs.get(2).and_then(|m| number(m, 1..=2));
            if !letters || numeric_month.is_none() {
                return None;
            }
            numeric(segs.get(2), segs.get(3))
        });
        if date.is_some() {
            return date;
        }
    }
    inline_date(seg)
}

/// The publication date a file name gives: `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYYMMDD` inside it
/// (the first plausible one), as in `breitbart_2016-10-12_…` or `20161012-…`.
pub(crate) fn date_from_file_name(name: &str) -> Option<DateStamp> {
    inline_date(name)
}

/// The last component of a path (`/` or `\` separated).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The first plausible `YYYY-MM-DD`, `YYYY_MM_DD` (not followed by a digit) or `YYYYMMDD`
/// (eight digits with no letter or digit on either side) in `s`.
fn inline_date(s: &str) -> Option<DateStamp> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let found = match i - start {
            8 => {
                let alnum =
                    |at: Option<usize>| at.and_then(|j| b.get(j)).is_some_and(u8::is_ascii_alphanumeric);
                if alnum(start.checked_sub(1)) || alnum(Some(i)) {
                    None
                } else {
                    ymd(&b[start..start + 4], &b[start + 4..start + 6], &b[start + 6..i])
                }
            }
            4 => match b.get(i) {
                Some(&sep @ (b'-' | b'_'))
                    if digits(i + 1..i + 3)
                        && b.get(i + 3) == Some(&sep)
                        && digits(i + 4..i + 6)
                        && !b.get(i + 6).is_some_and(u8::is_ascii_digit) =>
                {
                    ymd(&b[start..i], &b[i + 1..i + 3], &b[i + 4..i + 6])
                }
                _ => None,
            },
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The date of ASCII-digit year, month and day fields, when plausible.
fn ymd(y: &[u8], m: &[u8], d: &[u8]) -> Option<DateStamp> {
    let n =
        |f: &[u8]| f.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')));
    plausible(n(y)?, n(m)?, n(d)?)
}

/// A real calendar date with a year in 1990..=2100 (no news URL or file name is dated before
/// the web, and later "years" are ids).
fn plausible(year: u32, month: u32, day: u32) -> Option<DateStamp> {
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let (y, m, d) = dates::valid_date(year, month, day)?;
    Some(DateStamp::date(y, m, d))
}

/// A segment of ASCII digits whose length is in `len`, as a number.
fn number(s: &str, len: std::ops::RangeInclusive<usize>) -> Option<u32> {
    if !len.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// 1–12 for a month's English name or three-letter abbreviation (also "sept"), any case.
fn month_name(s: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if !(3..=9).contains(&s.len()) {
        return None;
    }
    let m = NAMES.iter().position(|name| {
        s.eq_ignore_ascii_case(name)
            || s.eq_ignore_ascii_case(&name[..3])
            || (*name == "september" && s.eq_ignore_ascii_case("sept"))
    })?;
    Some(m as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(u: &str) -> Option<String> {
        date_from_url(u).map(|d| d.to_string())
    }

    fn file(f: &str) -> Option<String> {
        date_from_file_name(f).map(|d| d.to_string())
    }

    #[test]
    fn every_url_shape() {
        let cases = [
            ("http://nypost.com/2013/05/02/lindsay-lohan-is-mia/", "2013-05-02"),
            ("http://articles.latimes.com/2005/nov/28/world/fg-quake28", "2005-11-28"),
            ("http://www.theguardian.com/world/2013/sep/16/british-climber-dies", "2013-09-16"),
            ("https://example.com/news/2013/May/03/story", "2013-05-03"),
            ("https://example.com/news/2013/SEPT/3/story", "2013-09-03"),
            ("https://example.com/2013/september/30", "2013-09-30"),
            ("http://www.badlefthook.com/2012/7/7/3143743/klitschko-vs-thompson", "2012-07-07"),
            ("http://edition.cnn.com/2007/US/04/09/michigan.shooting/", "2007-04-09"),
            ("http://example.com/local/la-me-0504-lohan-rehab-20130504", "2013-05-04"),
            ("http://www.kpopstarz.com/articles/30409/20130606/esther-williams.htm", "2013-06-06"),
            ("http://www.rediff.com/news/slide-show/face-off/20111111.htm", "2011-11-11"),
            ("http://usatoday30.usatoday.com/news/nation/2007-04-09-office-shooting_N.htm", "2007-04-09"),
            ("http://articles.timesofindia.indiatimes.com/2011-11-12/india/30391127_1_pirate", "2011-11-12"),
            ("http://www.brooklyneagle.com/articles/guilty-verdict-2013-04-24-204500", "2013-04-24"),
            ("http://example.com/a/2016_10_12_story", "2016-10-12"),
            ("HTTPS://EXAMPLE.COM/2013/05/03", "2013-05-03"),
            ("example.com/2013/05/03/no-scheme", "2013-05-03"),
        ];
        for (u, want) in cases {
            assert_eq!(url(u).as_deref(), Some(want), "{u}");
        }
    }

    #[test]
    fn the_first_date_of_the_path_wins() {
        // The segments' date comes before the slug's.
        assert_eq!(
            url("http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504").as_deref(),
            Some("2013-05-03")
        );
        assert_eq!(url("http://x.com/20130504/2013/05/03/").as_deref(), Some("2013-05-04"));
        // An implausible first candidate does not hide a later one.
        assert_eq!(url("http://x.com/story-19548736-detail/2013/05/03/").as_deref(), Some("2013-05-03"));
    }

    #[test]
    fn no_date_where_there_is_none() {
        for u in [
            // A month only: a DateStamp has no month precision.
            "http://www.thehollywoodgossip.com/2013/05/lindsay-lohan-checks-into-rehab/",
            "http://brutegorilla.blogspot.nl/2011/11/anti-piracy-ops-by-ins-sukanya.html",
            // Ids that are not dates: year out of range, no such month or day, too many digits.
            "http://www.westerndailypress.co.uk/Breaking/story-19552795-detail/story.html",
            "http://www.people.com/people/article/0,,20697025,00.html",
            "http://example.com/a/20130231/",
            "http://example.com/a/2013-02-30-x",
            "http://example.com/a/2013/13/01/",
            "http://example.com/a/2013/02/29/",
            "http://example.com/a/1989/05/03/",
            "http://example.com/a/2101/05/03/",
            "http://example.com/a/21010101/",
            "http://example.com/a/19891231/",
            "http://example.com/a/1175971051701.html",
            "http://example.com/a/2013-05-031",
            "http://example.com/a/2013-05/03",
            // Eight digits touching letters are an id.
            "http://example.com/a/id20130504",
            "http://example.com/a/20130504x",
            // A month name must be whole.
            "http://example.com/2013/mayor/03/",
            "http://example.com/2013/ma/03/",
            // A section must be letters, and then come month and day.
            "http://example.com/2007/U-S/04/09/",
            "http://example.com/2007/US/news/09/",
            // The host, the query and the fragment are not the path.
            "http://20130504.example.com/story",
            "http://example.com/story?date=2013-05-04",
            "http://example.com/story#2013/05/03",
            "http://example.com",
            "",
            "http://",
            "/",
        ] {
            assert_eq!(url(u), None, "{u}");
        }
    }

    #[test]
    fn leap_days_are_real_days() {
        assert_eq!(url("http://x.com/2012/02/29/a").as_deref(), Some("2012-02-29"));
        assert_eq!(url("http://x.com/2000/02/29/a").as_deref(), Some("2000-02-29"));
        assert_eq!(url("http://x.com/2100/02/29/a"), None);
        assert_eq!(url("http://x.com/1990/01/01/a").as_deref(), Some("1990-01-01"));
        assert_eq!(url("http://x.com/2100/12/31/a").as_deref(), Some("2100-12-31"));
    }

    #[test]
    fn file_names() {
        assert_eq!(file("breitbart_2016-10-12_trump-rally.txt").as_deref(), Some("2016-10-12"));
        assert_eq!(file("20161012-trump-rally.txt").as_deref(), Some("2016-10-12"));
        assert_eq!(file("cnn_2016_10_12.txt").as_deref(), Some("2016-10-12"));
        assert_eq!(file("x-20161012.txt").as_deref(), Some("2016-10-12"));
        for f in [
            "12_10ecbplus.txt",
            "000_062679f85e15b100.txt",
            "a20161012.txt",
            "20161012b.txt",
            "2016-13-12.txt",
            "1985-10-12.txt",
            "2016-10-1.txt",
            "2016-10_12.txt",
            "201610123.txt",
            "",
        ] {
            assert_eq!(file(f), None, "{f}");
        }
        assert_eq!(file_name("crawl/2016-01-01/breitbart_2016-10-12_x.txt"), "breitbart_2016-10-12_x.txt");
        assert_eq!(file_name(r"C:\crawl\x.txt"), "x.txt");
        assert_eq!(file_name("x.txt"), "x.txt");
    }

    #[test]
    fn url_lines() {
        let t =
            "  http://articles.latimes.com/2013/may/03/x  \nLindsay Lohan checks into Betty Ford Center\n";
        let span = url_line(t).expect("a URL line");
        assert_eq!(span.slice(t), "http://articles.latimes.com/2013/may/03/x");
        assert_eq!(url_line("\n\nHTTPS://example.com/a\nHeadline").map(|s| s.start), Some(2));
        assert!(url_line("https://example.com/a").is_some());
        for t in [
            "Headline\nhttp://example.com/a",
            "http://example.com/a b\nHeadline",
            "http:// example.com\nHeadline",
            "http://\nHeadline",
            "ftp://example.com/a\nHeadline",
            "http:/example.com\nx",
            "http",
            "",
            "   ",
            "http://example.com/\u{a0}é\nx",
        ] {
            assert_eq!(url_line(t), None, "{t:?}");
        }
        let long = format!("http://example.com/{}\nHeadline", "a".repeat(MAX_URL_LEN));
        assert_eq!(url_line(&long), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(s in "\\PC{0,80}", pre in "(https?://)?[a-z0-9./_-]{0,30}") {
            let u = format!("{pre}{s}");
            let _ = date_from_url(&u);
            let _ = date_from_file_name(&u);
            if let Some(span) = url_line(&u) {
                proptest::prop_assert!(u.get(span.start..span.end).is_some());
            }
            if let Some(d) = date_from_url(&u).or_else(|| date_from_file_name(&u)) {
                proptest::prop_assert!((1990..=2100).contains(&d.year));
            }
        }
    }
}
