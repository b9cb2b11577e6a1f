//! Bytes → clean UTF-8 text: BOMs (UTF-8, UTF-16), invalid UTF-8, NUL bytes, control
//! characters and line ends.

use std::borrow::Cow;

use storyline_model::Warning;

/// Decode raw bytes into the cleaned text that every span indexes into:
/// a UTF-8 or UTF-16 byte-order mark selects and is removed, invalid UTF-8 is replaced
/// by U+FFFD (with a warning), NUL and the other C0 control characters except tab and newline
/// and the C1 control characters (U+0080 to U+009F) are removed (with a warning), and CRLF,
/// lone CR, form feed, vertical tab and the Unicode line and paragraph separators (U+2028,
/// U+2029) become `\n`. Every span of the article indexes the text this returns.
pub fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    decode_as(bytes, warnings, Clean::Text)
}

/// [`decode`] for one line of JSONL: only the C0 control characters are removed (and CR made
/// `\n`), which JSON does not allow raw in strings; C1 controls and U+2028 / U+2029 are left
/// to the cleaning of each string of the record (U+2028 made `\n` here would break the JSON).
pub(crate) fn decode_json_line(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    decode_as(bytes, warnings, Clean::JsonLine)
}

/// What [`clean`] changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Clean {
    /// Everything [`decode`] says.
    Text,
    /// C0 control characters only.
    JsonLine,
}

fn decode_as(bytes: &[u8], warnings: &mut Vec<Warning>, how: Clean) -> String {
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_lossy(rest, warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(utf16(rest, u16::from_le_bytes, warnings))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(utf16(rest, u16::from_be_bytes, warnings))
    } else {
        utf8_lossy(bytes, warnings)
    };
    clean(&text, warnings, how)
}

fn utf8_lossy<'a>(bytes: &'a [u8], warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    if let Ok(valid) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(valid);
    }
    let text = String::from_utf8_lossy(bytes);
    if let Cow::Owned(s) = &text {
        let bad = s.matches('\u{FFFD}').count() - count_replacement_chars(bytes);
        warnings.push(Warning::new(
            "invalid-utf8",
            format!("input is not valid UTF-8: {bad} invalid byte sequence(s) replaced by U+FFFD"),
        ));
    }
    text
}

/// U+FFFD characters that were already in the (valid parts of the) input.
fn count_replacement_chars(bytes: &[u8]) -> usize {
    memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16, warnings: &mut Vec<Warning>) -> String {
    let units = bytes.chunks_exact(2).map(|c| read([c[0], c[1]]));
    let mut bad = usize::from(bytes.len() % 2 == 1);
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad += 1;
                '\u{FFFD}'
            })
        })
        .collect();
    warnings.push(Warning::new("utf16", "input was UTF-16 (byte-order mark); decoded to UTF-8"));
    if bad > 0 {
        warnings.push(Warning::new(
            "invalid-utf16",
            format!("{bad} invalid UTF-16 sequence(s) replaced by U+FFFD"),
        ));
    }
    text
}

/// Whether `text` holds anything [`clean`] changes: a C0 control character but tab and newline,
/// a C1 control character (UTF-8 `C2 80` to `C2 9F`), or U+2028 / U+2029 (`E2 80 A8`,
/// `E2 80 A9`). One pass over byte pairs, in blocks of 256 without an early exit inside a block,
/// which the compiler vectorises. The pair `80 A8` / `80 A9` is looked for without its lead
/// byte: in the rare other characters that end so (U+1028, U+1029, …) the slow path finds
/// nothing to change.
fn needs_cleaning(text: &str) -> bool {
    let b = text.as_bytes();
    let Some(&last) = b.last() else { return false };
    let pairs = b[..b.len() - 1].chunks(256).zip(b[1..].chunks(256));
    control(last)
        || pairs.into_iter().any(|(xs, ys)| {
            xs.iter().zip(ys).fold(false, |bad, (&x, &y)| {
                let c1 = (x == 0xC2) & (y.wrapping_sub(0x80) < 0x20);
                let separator = (x == 0x80) & ((y | 1) == 0xA9);
                bad | control(x) | c1 | separator
            })
        })
}

/// A C0 control character but tab and newline.
fn control(c: u8) -> bool {
    (c < 0x20) & (c != b'\n') & (c != b'\t')
}

fn clean(text: &str, warnings: &mut Vec<Warning>, how: Clean) -> String {
    let needed = match how {
        Clean::Text => needs_cleaning(text),
        // (as blocks of 256 bytes without an early exit inside a block: vectorised)
        Clean::JsonLine => {
            text.as_bytes().chunks(256).any(|block| block.iter().fold(false, |bad, &b| bad | control(b)))
        }
    };
    if !needed {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let (mut removed, mut c1) = (0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{0C}' | '\u{0B}' => out.push('\n'),
            c if (c as u32) < 0x20 => removed += 1,
            '\u{2028}' | '\u{2029}' if how == Clean::Text => out.push('\n'),
            '\u{80}'..='\u{9F}' if how == Clean::Text => c1 += 1,
            c => out.push(c),
        }
    }
    if removed > 0 {
        warnings.push(Warning::new(
            "control-chars",
            format!("{removed} NUL or other control character(s) removed"),
        ));
    }
    if c1 > 0 {
        warnings.push(Warning::new(
            "control-chars",
            format!("{c1} C1 control character(s) (U+0080 to U+009F) removed"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> (String, Vec<Warning>) {
        let mut w = Vec::new();
        (decode(bytes, &mut w), w)
    }

    #[test]
    fn line_ends_bom_and_nul() {
        assert_eq!(run(b"\xEF\xBB\xBFa\r\nb\rc\0d").0, "a\nb\ncd");
        let (t, w) = run(b"a\xFFb");
        assert_eq!(t, "a\u{FFFD}b");
        assert_eq!(w[0].code, "invalid-utf8");
        assert!(w[0].message.contains("1 invalid"));
    }

    #[test]
    fn c1_controls_are_removed_and_unicode_separators_end_lines() {
        let (t, w) = run("a\u{85}b\u{9F}\u{80}c\u{2028}d\u{2029}e\u{A0}f\u{1028}\u{2027}".as_bytes());
        assert_eq!(t, "abc\nd\ne\u{A0}f\u{1028}\u{2027}");
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].code, "control-chars");
        assert!(w[0].message.starts_with("3 C1 control"), "{w:?}");
        // Separators alone change the text without a warning; a C1 control as the last
        // character, or straddling a block of the fast check, is found too.
        assert_eq!(run("x\u{2029}".as_bytes()), ("x\n".to_string(), Vec::new()));
        assert_eq!(run("x\u{9F}".as_bytes()).0, "x");
        for at in 250..260 {
            let s = format!("{}\u{85}{}", "a".repeat(at), "b".repeat(300));
            assert_eq!(run(s.as_bytes()).0, format!("{}{}", "a".repeat(at), "b".repeat(300)), "{at}");
        }
        // Clean text stays as it is (including the characters that share bytes with them).
        let clean = "Caf\u{E9} \u{A0}\u{BF}\u{2026}\u{201C}\u{1028}\u{0800}\u{10080}";
        assert_eq!(run(clean.as_bytes()), (clean.to_string(), Vec::new()));
    }

    /// The fast check agrees with a character-by-character one on every character near the
    /// ones it looks for.
    #[test]
    fn the_fast_check_finds_exactly_what_clean_changes() {
        let changes = |c: char| {
            ((c as u32) < 0x20 && c != '\n' && c != '\t')
                || ('\u{80}'..='\u{9F}').contains(&c)
                || c == '\u{2028}'
                || c == '\u{2029}'
        };
        let candidates = (0u32..0x800).chain(0x1000..0x1100).chain(0x2000..0x2100).chain(0x10000..0x10100);
        for c in candidates.filter_map(char::from_u32) {
            let s = format!("ab{c}cd");
            if changes(c) {
                assert!(needs_cleaning(&s), "{c:?}");
            } else if !needs_cleaning(&s) {
                // (a false alarm is allowed: the slow path then changes nothing)
                continue;
            } else {
                assert_eq!(run(s.as_bytes()), (s.clone(), Vec::new()), "{c:?}");
            }
        }
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Hé\r\nx".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(run(&le).0, "Hé\nx");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hé".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(run(&be).0, "Hé");
    }
}
