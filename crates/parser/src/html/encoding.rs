//! The character encoding of an HTML page: its byte-order mark, else the HTTP header's
//! `charset`, else the page's `<meta charset>` (or `http-equiv` content type), else UTF-8 when
//! the bytes are valid UTF-8, else what `chardetng` guesses from them.

use encoding_rs::{Encoding, UTF_8};
use storyline_model::Warning;

/// How far into the page `<meta charset>` is looked for (the HTML standard's prescan reads
/// 1024 bytes; pages with long heads put it later, so a little more is read).
const PRESCAN: usize = 4096;

/// The page's bytes as text, and the encoding they were read in (its name).
pub(crate) fn decode_html(bytes: &[u8], http_charset: Option<&str>, warnings: &mut Vec<Warning>) -> String {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (enc, len),
        None => (sniff(bytes, http_charset), 0),
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if had_errors {
        warnings.push(Warning::new(
            "invalid-encoding",
            format!("bytes invalid in {} replaced by U+FFFD", encoding.name()),
        ));
    }
    text.into_owned()
}

/// The encoding without a byte-order mark.
fn sniff(bytes: &[u8], http_charset: Option<&str>) -> &'static Encoding {
    let declared = http_charset
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    if let Some(enc) = declared {
        // (a page that says UTF-16 but was read as bytes is ASCII-compatible: the standard reads it
        // as UTF-8)
        return if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv="content-type" content="…;
/// charset=…">` of `head` names.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| {
                        matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>') || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 5);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_come_from_bom_header_meta_or_detection() {
        let mut w = Vec::new();
        // windows-1252 declared in the page: 0x93/0x94 are curly quotes, 0xE9 é.
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>\x93Caf\xe9\x94</body></html>";
        assert!(decode_html(page, None, &mut w).contains("\u{201c}Caf\u{e9}\u{201d}"));
        // http-equiv form, and the header beats the page.
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\xe9";
        assert!(decode_html(page, None, &mut w).ends_with('\u{e9}'));
        assert!(decode_html(b"<p>\xc3\xa9</p>", Some("utf-8"), &mut w).contains('\u{e9}'));
        // A BOM beats everything.
        assert_eq!(decode_html(b"\xEF\xBB\xBFabc", Some("latin1"), &mut w), "abc");
        // Undeclared and not UTF-8: detected.
        let undeclared = "<p>Le caf\u{e9} \u{e9}tait tr\u{e8}s agr\u{e9}able, d\u{e9}j\u{e0} pr\u{ea}t.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(undeclared);
        assert_eq!(decode_html(&bytes, None, &mut w), undeclared);
        assert!(w.is_empty(), "{w:?}");
        // Invalid bytes in a declared UTF-8 page: replaced, with a warning.
        assert_eq!(decode_html(b"a\xffb", Some("utf-8"), &mut w), "a\u{fffd}b");
        assert_eq!(w.len(), 1);
    }
}
