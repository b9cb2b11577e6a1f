//! What a line of the page is: prose, a date line, a byline, a credit, a caption or
//! boilerplate ([`classify`]).

use super::*;

pub(super) fn classify(line: &str) -> Kind {
    // Cheap tests first: most lines are long prose that no pattern below can match. The
    // regexes are all anchored at the line's start, and a test of its first bytes skips those
    // that cannot match; the words are counted (only as far as a test needs) and the digits
    // looked for only on the few lines that pass such a test.
    let mut words = WordCount::new(line);
    let first = line.as_bytes().first().copied().unwrap_or(0);
    // (`\d` is any Unicode decimal digit)
    let digit_or_wide =
        first.is_ascii_digit() || line.chars().next().is_some_and(|c| !c.is_ascii() && c.is_numeric());
    let has_digit = std::cell::OnceCell::new();
    let has_digit = || *has_digit.get_or_init(|| has_ascii_digit(line));
    if ((digit_or_wide || may_start_with(line, &DATE_START))
        && has_digit()
        && words.at_most(12)
        && WEATHER.is_match(line))
        || (may_start_with(line, &SOCIAL_STARTS) && words.at_most(12) && SOCIAL_ONLY.is_match(line))
    {
        return Kind::Boilerplate;
    }
    // (`parse_date_line` takes no line of more than 120 bytes; a line starting with a digit has
    // no label, so it needs a date, and every date a four-digit year: in an ASCII line, four
    // ASCII digits in a row)
    if line.len() <= 120
        && (digit_or_wide || may_start_with(line, &DATE_LINE_STARTS))
        && has_digit()
        && !(first.is_ascii_digit() && line.is_ascii() && !has_digit_run(line.as_bytes(), 4))
        && words.at_most(16)
        && dates::parse_date_line(line).is_some()
    {
        return Kind::Date;
    }
    if line.len() <= 40 && matches!(first, b'(' | b'-' | 0xE2 | b's' | b'c') && CREDIT_LINE.is_match(line) {
        return Kind::Credit;
    }
    if may_start_with(line, &BYLINE_STARTS)
        && !line.ends_with('.')
        && !line.contains('"')
        && words.at_most(14)
        && BYLINE.is_match(line)
    {
        return Kind::Byline;
    }
    if may_be_boilerplate(line) && words.at_most(25) && BOILERPLATE.is_match(line) {
        return Kind::Boilerplate;
    }
    // The cheap necessary conditions of the two caption patterns before the scans of the
    // whole line for a hint.
    let caption_start = may_be_caption(line);
    let credit_end = line.trim_end().ends_with(')');
    if (caption_start || credit_end)
        && words.at_most(70)
        && CAPTION_HINT_HEADS.is_match(line.as_bytes())
        && CAPTION_HINTS.is_match(line)
        && ((caption_start && CAPTION.is_match(line)) || (credit_end && CAPTION_CREDIT_END.is_match(line)))
    {
        return Kind::Caption;
    }
    Kind::Prose
}

/// `classify` as it was before the first-byte tests, for the equivalence tests.
#[cfg(test)]
pub(super) fn classify_reference(line: &str) -> Kind {
    let words = line.split_whitespace().count();
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    if words <= 12 && ((has_digit && WEATHER.is_match(line)) || SOCIAL_ONLY.is_match(line)) {
        return Kind::Boilerplate;
    }
    if words <= 16 && has_digit && dates::parse_date_line(line).is_some() {
        return Kind::Date;
    }
    if line.len() <= 40 && CREDIT_LINE.is_match(line) {
        return Kind::Credit;
    }
    if words <= 14 && !line.ends_with('.') && !line.contains('"') && BYLINE.is_match(line) {
        return Kind::Byline;
    }
    if words <= 25 && BOILERPLATE.is_match(line) {
        return Kind::Boilerplate;
    }
    if words <= 70
        && CAPTION_HINTS.is_match(line)
        && (CAPTION.is_match(line) || CAPTION_CREDIT_END.is_match(line))
    {
        return Kind::Caption;
    }
    Kind::Prose
}
