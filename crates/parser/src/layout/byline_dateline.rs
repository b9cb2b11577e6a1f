//! Metadata lines read into [`Meta`]: bylines (authors and the publisher), wire credits
//! and the dateline that opens a wire story.

use super::*;

/// Cheap test before the credit regex: a closing bracket, or a dash ('—', '–' or "--") in the
/// last 40 bytes (none when those do not start on a character boundary).
pub(super) fn may_end_in_credit(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with(')') {
        return true;
    }
    let Some(tail) = t.get(t.len().saturating_sub(40)..) else { return false };
    let tail = tail.as_bytes();
    // '—' is E2 80 94 and '–' E2 80 93 in UTF-8.
    memchr::memchr2_iter(b'-', 0xE2, tail).any(|i| match tail[i] {
        b'-' => tail.get(i + 1) == Some(&b'-'),
        _ => matches!(tail.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])),
    })
}

const ORG_WORDS: &[&str] = &[
    "wire",
    "news",
    "press",
    "agency",
    "staff",
    "times",
    "post",
    "journal",
    "reporter",
    "reporters",
    "correspondent",
    "desk",
    "network",
    "media",
    "service",
    "services",
    "herald",
    "tribune",
    "daily",
];

fn looks_like_org(s: &str) -> bool {
    let lower = s.to_lowercase();
    agency_names().any(|a| a.eq_ignore_ascii_case(s))
        || lower.split_whitespace().any(|w| ORG_WORDS.contains(&w))
        || (s.len() >= 2 && s.len() <= 6 && s.chars().all(|c| c.is_ascii_uppercase()))
}

pub(super) fn byline(line: &str, meta: &mut Meta) {
    let Some(c) = BYLINE.captures(line) else { return };
    let who = c.name("who").map_or("", |m| m.as_str()).trim().trim_end_matches('.');
    let mut parts: Vec<&str> = who.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.last().is_some_and(|p| looks_like_org(p)) {
        let org = parts.pop().unwrap_or_default();
        meta.add_publisher(3, org);
    }
    for part in parts {
        for name in part.split(" and ").flat_map(|p| p.split(" & ")).map(str::trim).filter(|p| !p.is_empty())
        {
            if looks_like_org(name) {
                meta.add_publisher(3, name);
            } else {
                meta.authors.push(name.to_string());
            }
        }
    }
}

pub(super) fn dateline(text: &str, span: Span, meta: &mut Meta) {
    let s = span.slice(text);
    // (the cheaper test first: captures of a long paragraph clear the backtracker's bitmap)
    if !DATELINE.is_match(s) {
        return;
    }
    let Some(c) = DATELINE.captures(s) else { return };
    let credit = c.name("credit").map(|m| m.as_str().to_string());
    let date_text = c.name("date").map(|m| m.as_str().to_string());
    // Demand a credit, or a dash after an all-caps place of at least two letters.
    let place = c.name("place").map_or("", |m| m.as_str());
    let caps_place = place.split(',').next().unwrap_or("").chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if credit.is_none() && !(caps_place && c.name("dash").is_some_and(|d| d.as_str() != ":")) {
        return;
    }
    if let Some(cr) = &credit {
        meta.add_publisher(2, cr);
    }
    let whole = c.get(0).map_or(0..0, |m| m.range());
    let shown = s[whole.clone()].trim_end();
    meta.dateline = Some(Dateline {
        text: shown.to_string(),
        start: span.start,
        end: span.start + shown.len(),
        place: Some(place.to_string()),
        date_text,
        date: None,
        credit,
    });
}
