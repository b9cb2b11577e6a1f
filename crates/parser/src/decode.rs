//! Bytes → clean UTF-8 text: BOMs (UTF-8, UTF-16), invalid UTF-8, NUL bytes and line ends.

use std::borrow::Cow;

use storyline_model::Warning;

/// Decode raw bytes into the cleaned text that every span indexes into:
/// a UTF-8 or UTF-16 byte-order mark selects and is removed, invalid UTF-8 is replaced
/// by U+FFFD (with a warning), NUL and other C0 control characters except tab and newline are
/// removed, and CRLF / lone CR line ends become `\n`.
pub fn decode(bytes: &[u8], warnings: &mut Vec<Warning>) -> String {
    let text: Cow<'_, str> = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_lossy(rest, warnings)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Cow::Owned(utf16(rest, u16::from_le_bytes, warnings))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        Cow::Owned(utf16(rest, u16::from_be_bytes, warnings))
    } else {
        utf8_lossy(bytes, warnings)
    };
    clean(&text, warnings)
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

fn clean(text: &str, warnings: &mut Vec<Warning>) -> String {
    // In blocks of 256 bytes without an early exit inside a block, which the compiler vectorises.
    let needs_work = text
        .as_bytes()
        .chunks(256)
        .any(|block| block.iter().fold(false, |bad, &b| bad | ((b < 0x20) & (b != b'\n') & (b != b'\t'))));
    if !needs_work {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = 0usize;
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
            c => out.push(c),
        }
    }
    if removed > 0 {
        warnings.push(Warning::new(
            "control-chars",
            format!("{removed} NUL or other control character(s) removed"),
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
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Hé\r\nx".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(run(&le).0, "Hé\nx");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hé".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(run(&be).0, "Hé");
    }
}
