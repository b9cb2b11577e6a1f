//! Text from the inputs made safe for where it is shown: terminals (control characters and
//! escape sequences), error reasons (excerpts of the input capped), CSV cells (no formulas).
//! Markdown and HTML escaping live with their writers.

use std::borrow::Cow;

/// The characters of an input excerpt kept in an error reason.
pub const EXCERPT_CHARS: usize = 120;
/// The characters of an error reason kept whatever it holds.
pub const REASON_CHARS: usize = 1000;

/// The bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069):
/// they reorder the text around them when shown.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` must not reach a terminal or a report as itself: a control character (C0, DEL,
/// C1: ESC starts terminal escape sequences) or a bidirectional control.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// `c` as a visible escape: `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
}

/// `s` with every control character and bidirectional control shown as an escape (`\u{1b}`),
/// for a terminal; borrowed when there is none.
pub fn visible(s: &str) -> Cow<'_, str> {
    visible_keeping(s, &[])
}

/// [`visible`], but the characters in `keep` (such as `\n` in a multi-line message) stay.
pub fn visible_keeping<'a>(s: &'a str, keep: &[char]) -> Cow<'a, str> {
    if !s.chars().any(|c| is_hidden(c) && !keep.contains(&c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden(c) && !keep.contains(&c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// An error reason with every quoted excerpt of the input (`"…"` or `` `…` ``, as serde_json
/// quotes the string it could not read) cut to [`EXCERPT_CHARS`] characters with an ellipsis,
/// and the whole cut to [`REASON_CHARS`]: a malformed 5 MB line is not repeated in the reason.
pub fn clip_excerpts(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len().min(4 * REASON_CHARS));
    let mut chars = reason.chars();
    let mut total = 0usize;
    while let Some(c) = chars.next() {
        if total >= REASON_CHARS {
            out.push('…');
            return out;
        }
        out.push(c);
        total += 1;
        if c != '"' && c != '`' {
            continue;
        }
        // An excerpt up to the closing mark (a `\` escapes the next character in `"…"`).
        let mut kept = 0usize;
        let mut escaped = false;
        let (mut clipped, mut closed) = (false, false);
        for d in chars.by_ref() {
            let closes = d == c && !escaped;
            escaped = c == '"' && d == '\\' && !escaped;
            if closes {
                if clipped {
                    out.push('…');
                }
                out.push(d);
                total += 1;
                closed = true;
                break;
            }
            if kept < EXCERPT_CHARS {
                out.push(d);
                kept += 1;
                total += 1;
            } else {
                clipped = true;
            }
        }
        if clipped && !closed {
            // (no closing mark: the excerpt ran to the end)
            out.push('…');
        }
    }
    out
}

/// A CSV cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) with a single quote before it, as OWASP recommends.
pub fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_shown_escaped() {
        assert_eq!(visible("plain text — é"), "plain text — é");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible("evil\x1b]0;pwned\x07name\x1b[2J.txt"),
            "evil\\u{1b}]0;pwned\\u{7}name\\u{1b}[2J.txt"
        );
        assert_eq!(visible("a\nb\tc\u{9b}d"), "a\\u{a}b\\u{9}c\\u{9b}d");
        assert_eq!(visible("abc\u{202E}fdp.exe\u{2066}x\u{2069}"), "abc\\u{202e}fdp.exe\\u{2066}x\\u{2069}");
        assert_eq!(visible_keeping("line one\nline\x1b two", &['\n']), "line one\nline\\u{1b} two");
    }

    #[test]
    fn long_excerpts_in_a_reason_are_cut() {
        let line = "x".repeat(5_000_000);
        let reason = format!(
            "malformed JSON record: invalid type: string \"{line}\", expected struct Record at line 1 column 5000002"
        );
        let clipped = clip_excerpts(&reason);
        assert_eq!(
            clipped,
            format!(
                "malformed JSON record: invalid type: string \"{}…\", expected struct Record at line 1 column 5000002",
                "x".repeat(EXCERPT_CHARS)
            )
        );
        // Escaped quotes inside an excerpt, a short excerpt, backticks.
        let r = r#"unknown field `abc`, value "a \"quoted\" b" ok"#;
        assert_eq!(clip_excerpts(r), r);
        let r = format!("value \"{}\\\"{}\"", "a".repeat(200), "b".repeat(10));
        assert_eq!(clip_excerpts(&r), format!("value \"{}…\"", "a".repeat(EXCERPT_CHARS)));
        // An unclosed excerpt, and a reason too long without any.
        assert_eq!(
            clip_excerpts(&format!("bad \"{}", "z".repeat(300))),
            format!("bad \"{}…", "z".repeat(120))
        );
        let long = "word ".repeat(1000);
        let clipped = clip_excerpts(&long);
        assert_eq!(clipped.chars().count(), REASON_CHARS + 1);
        assert!(clipped.ends_with('…'));
    }

    #[test]
    fn formula_cells_are_quoted() {
        for s in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(s), format!("'{s}"));
        }
        for s in ["plain", "", "a=b", " =1", "2018-09-24"] {
            assert_eq!(csv_cell(s), s);
        }
    }
}
