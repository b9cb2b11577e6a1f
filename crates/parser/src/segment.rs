//! Tokens and sentences: a rule-based tokenizer close to the Penn Treebank / CoNLL
//! conventions and a sentence splitter that survives abbreviations, initials, ellipses
//! and punctuation inside closing quotes.

use storyline_model::{Sentence, Token};

/// Abbreviations after which a sentence never ends (titles, months, initials are handled apart).
pub(crate) const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
    "maj", "capt", "cpt", "sgt", "adm", "cmdr", "cdr", "rev", "fr", "st", "mt", "pres", "supt", "det",
    "insp", "hon", "amb", "atty", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos",
    "vol", "vols", "pp", "fig", "figs", "art", "sec", "ch", "para", "ave", "blvd", "rd", "ft", "vs", "v",
    "cf", "al", "approx", "dept", "est", "ex", "gov't", "mass", "calif", "fla", "ill", "penn", "pa", "va",
    "wash", "conn", "ariz", "ky", "tenn", "tex", "mich", "minn", "wis", "ga", "ala", "okla", "ore", "colo",
    "nev", "kan", "neb",
];

/// Abbreviations that may also end a sentence ("… in the U.S. The next day …").
pub(crate) const MAYBE_FINAL: &[&str] =
    &["jr", "sr", "inc", "corp", "co", "ltd", "bros", "llc", "plc", "etc", "esq"];

/// Capitalised words that start sentences; after a sentence-final-able abbreviation only
/// these (or a quote) make a boundary.
pub(crate) const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "For",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "There",
    "Here",
    "When",
    "While",
    "After",
    "Before",
    "If",
    "As",
    "Although",
    "However",
    "Meanwhile",
    "Still",
    "Also",
    "Then",
    "Now",
    "What",
    "Why",
    "How",
    "Who",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Some",
    "Many",
    "Most",
    "Both",
    "Such",
    "Even",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "According",
    "Since",
    "Under",
    "With",
];

pub(crate) const OPENERS: &[char] = &['"', '“', '‘', '\'', '«', '(', '[', '{', '„'];
pub(crate) const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '}', ',', ';', ':', '!', '?'];

fn is_closer_token(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "»" | ")" | "]" | "}")
}

/// Byte classes of the tokenizer (see [`CLASS`]).
pub(crate) const WS: u8 = 1; // ASCII whitespace as `u8::is_ascii_whitespace` has it
pub(crate) const MAY_SPACE: u8 = 2; // first byte of a multi-byte whitespace character (U+0085, U+00A0, U+1680, U+2000…)
const SPLITS: u8 = 4; // '-', '"', or the first byte of a multi-byte dash or quote (0xC2, 0xE2)
const NOT_ALNUM: u8 = 8; // anything but an ASCII letter or digit

pub(crate) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_whitespace() {
            k |= WS;
        }
        if matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            k |= MAY_SPACE;
        }
        if matches!(c, b'-' | b'"' | 0xC2 | 0xE2) {
            k |= SPLITS;
        }
        if !c.is_ascii_alphanumeric() {
            k |= NOT_ALNUM;
        }
        t[b] = k;
        b += 1;
    }
    t
};

/// Width of the non-ASCII whitespace character (`char::is_whitespace`) starting at `bytes[i]`,
/// 0 when there is none. Whitespace above U+007F is U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F and U+3000.
#[inline]
pub(crate) fn wide_space_at(bytes: &[u8], i: usize) -> usize {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        0xC2 => 2 * usize::from(matches!(b1, 0x85 | 0xA0)),
        0xE1..=0xE3 => {
            let b2 = bytes.get(i + 2).copied().unwrap_or(0);
            let space = match (bytes[i], b1) {
                (0xE1, 0x9A) => b2 == 0x80,
                (0xE2, 0x80) => matches!(b2, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                (0xE2, 0x81) => b2 == 0x9F,
                (0xE3, 0x80) => b2 == 0x80,
                _ => false,
            };
            3 * usize::from(space)
        }
        _ => 0,
    }
}

/// `s.split_whitespace().count()` when it is at most `cap`, else some number above `cap`
/// (counting stops early).
pub(crate) fn count_words_upto(s: &str, cap: usize) -> usize {
    /// ASCII whitespace as `char::is_whitespace` has it (with the vertical tab).
    #[inline(always)]
    fn ascii_space(b: u8) -> u8 {
        u8::from(b == b' ' || b.wrapping_sub(b'\t') < 5)
    }
    const BLOCK: usize = 8;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let bytes = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight ASCII bytes at once (SWAR): the high bit of each byte of `space` says whether
        // it is whitespace (' ' or \t..=\r); no byte is above 0x7F, so no sum below carries
        // into the next byte.
        if let Some(block) = bytes.get(i..i + BLOCK)
            && let x = u64::from_le_bytes(block.try_into().unwrap_or([0x80; BLOCK]))
            && x & HIGH == 0
        {
            let y = x ^ (ONES * 0x20);
            let not_blank = (((y & LOW7) + LOW7) | y) & HIGH;
            let at_least_tab = (x + ONES * (0x80 - 0x09)) & HIGH;
            let above_cr = (x + ONES * (0x80 - 0x0E)) & HIGH;
            let space = (!not_blank & HIGH) | (at_least_tab & !above_cr);
            let space_before = (space << 8) | if in_word { 0 } else { 0x80 };
            // One bit per word start (bit 7 of its byte): their sum lands in the top byte.
            let starts = (!space & HIGH & space_before) >> 7;
            words += (starts.wrapping_mul(ONES) >> 56) as usize;
            in_word = space >> 63 == 0;
            i += BLOCK;
            if words > cap {
                return words;
            }
            continue;
        }
        // Otherwise one character at a time (a block that is not all ASCII, or the tail).
        let stop = (i + BLOCK).min(bytes.len());
        while i < stop {
            let b = bytes[i];
            let w = if ascii_space(b) != 0 {
                1
            } else if CLASS[b as usize] & MAY_SPACE != 0 {
                wide_space_at(bytes, i)
            } else {
                0
            };
            if w > 0 {
                in_word = false;
                i += w;
                continue;
            }
            if !in_word {
                in_word = true;
                words += 1;
            }
            i += 1;
        }
        if words > cap {
            return words;
        }
    }
    words
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// For eight bytes `x` below 0x80 each: the high bit of each byte set when that byte is at
/// least `lo` (1 ≤ `lo` ≤ 0x80; no sum carries into the next byte).
#[inline(always)]
const fn bytes_at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add(ONES * (0x80 - lo as u64)) & HIGH
}

/// The high bit of each byte of `x` set when that byte is not an ASCII letter or digit.
#[inline(always)]
const fn not_alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    let digit = bytes_at_least(low, b'0') & !bytes_at_least(low, b'9' + 1);
    let folded = low | (ONES * 0x20);
    let letter = bytes_at_least(folded, b'a') & !bytes_at_least(folded, b'z' + 1);
    // (a byte of 0x80 or above is never one: `!x & HIGH` clears its bit)
    !((digit | letter) & !x & HIGH) & HIGH
}

/// The end of the run of ASCII letters and digits at `bytes[i..]` (`i` when there is none),
/// eight bytes at a time while the bytes last.
#[inline]
fn alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(block) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(block.try_into().unwrap_or([0xFF; 8]));
        let other = not_alnum_bytes(x);
        if other != 0 {
            return i + other.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[bytes[i] as usize] & NOT_ALNUM == 0 {
        i += 1;
    }
    i
}

/// Which bytes of a 64-byte window of the text are not ASCII letters or digits, for the
/// tokenizer's main loop: one classification per 64 bytes rather than one per token.
struct AlnumWindow {
    /// Where the window starts.
    base: usize,
    /// Bit `k` set when `bytes[base + k]` is not an ASCII letter or digit, or past the end.
    other: u64,
}

impl AlnumWindow {
    fn at(bytes: &[u8], base: usize) -> AlnumWindow {
        let mut padded = [0u8; 64]; // (0 is no letter or digit)
        let window: &[u8; 64] = match bytes.get(base..base.saturating_add(64)) {
            Some(w) => w.try_into().unwrap_or(&padded),
            None => {
                let tail = bytes.get(base..).unwrap_or(&[]);
                padded[..tail.len()].copy_from_slice(tail);
                &padded
            }
        };
        AlnumWindow { base, other: !alnum_bits(window) }
    }

    /// [`alnum_run_end`]`(bytes, i)`, moving the window as needed.
    #[inline(always)]
    fn run_end(&mut self, bytes: &[u8], mut i: usize) -> usize {
        loop {
            let offset = i.wrapping_sub(self.base);
            if offset >= 64 {
                *self = AlnumWindow::at(bytes, i);
                continue;
            }
            let rest = self.other >> offset;
            if rest != 0 {
                return i + rest.trailing_zeros() as usize;
            }
            i = self.base + 64;
        }
    }
}

/// The bits of 64 bytes (bit `k` for `window[k]`) that are ASCII letters or digits, with SSE2
/// (part of every x86-64 CPU): four compares and a movemask per 16 bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn alnum_bits(window: &[u8; 64]) -> u64 {
    // SAFETY: the build's target has SSE2 (the `cfg` above), which `sse2_alnum_bits` needs.
    unsafe { sse2_alnum_bits(window) }
}

/// [`alnum_bits`] with the SSE2 instructions.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn sse2_alnum_bits(window: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let mut alnum = 0u64;
    for (k, block) in window.chunks_exact(16).enumerate() {
        // SAFETY: `block` is 16 readable bytes, and `_mm_loadu_si128` reads 16 bytes from any
        // address (no alignment needed). Measured: the classification takes less than half the
        // instructions of the byte-by-byte one, which was a tenth of the tokenizer's.
        let x = unsafe { _mm_loadu_si128(block.as_ptr().cast::<__m128i>()) };
        // Bytes in lo..=hi, with signed compares: the bytes from 0x80 up are negative, below
        // every ASCII range. (A macro, not a closure: a closure does not have the function's
        // target features.)
        macro_rules! within {
            ($v:expr, $lo:expr, $hi:expr) => {
                _mm_and_si128(
                    _mm_cmpgt_epi8($v, _mm_set1_epi8($lo as i8 - 1)),
                    _mm_cmplt_epi8($v, _mm_set1_epi8($hi as i8 + 1)),
                )
            };
        }
        let folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        let a = _mm_or_si128(within!(x, b'0', b'9'), within!(folded, b'a', b'z'));
        alnum |= u64::from(_mm_movemask_epi8(a) as u16) << (16 * k);
    }
    alnum
}

/// [`alnum_bits`] byte by byte, where there is no SSE2.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn alnum_bits(window: &[u8; 64]) -> u64 {
    let mut alnum = 0u64;
    for (k, &b) in window.iter().enumerate() {
        alnum |= u64::from(CLASS[b as usize] & NOT_ALNUM == 0) << k;
    }
    alnum
}

/// Whether the byte at `i` ends a chunk as ASCII whitespace does, or there is no byte.
#[inline(always)]
fn ascii_space_or_end(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|&b| CLASS[b as usize] & WS != 0)
}

/// Whether a token ending in this byte may end a sentence.
#[inline(always)]
fn ends_like_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?')
}

/// Tokenize `text[start..end]`, appending tokens with absolute byte offsets to `out`, and to
/// `ends` the indices in `out` of the tokens that end in '.', '!' or '?' (the only ones that
/// may end a sentence: see [`split_sentences`]).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>, ends: &mut Vec<usize>) {
    if text.get(start..end).is_none() {
        return;
    }
    // (`end` is a char boundary: no character of the region reads past it)
    let bytes = &text.as_bytes()[..end];
    out.reserve((end - start) / 5);
    // Byte by byte: whitespace characters and chunks both start and end on char boundaries,
    // and a continuation byte (0x80–0xBF) is never taken for the start of one.
    let mut i = start;
    let mut window = AlnumWindow::at(bytes, start);
    while i < end {
        let k = CLASS[bytes[i] as usize];
        if k & WS != 0 {
            i += 1;
            continue;
        }
        // The chunks most text is made of first: a word or number alone, or followed by one
        // closer or period ("said," "soon."), then ASCII whitespace or the region's end.
        let word_end = window.run_end(bytes, i);
        if word_end > i {
            if ascii_space_or_end(bytes, word_end) {
                out.push(Token::new(i, word_end));
                i = word_end + 1;
                continue;
            }
            if ascii_space_or_end(bytes, word_end + 1)
                && split_word_and_closer(&bytes[i..word_end + 1], i, word_end - i, out)
            {
                if ends_like_sentence(bytes[word_end]) {
                    ends.push(out.len() - 1);
                }
                i = word_end + 2;
                continue;
            }
        } else if k & MAY_SPACE != 0 {
            let w = wide_space_at(bytes, i);
            if w > 0 {
                i += w;
                continue;
            }
        }
        let first_new = out.len();
        i = tokenize_any_chunk(text, bytes, i, word_end, out);
        for (j, t) in out.iter().enumerate().skip(first_new) {
            if bytes.get(t.end.wrapping_sub(1)).is_some_and(|&b| ends_like_sentence(b)) && t.start < t.end {
                ends.push(j);
            }
        }
    }
}

/// Tokenize the chunk starting at `chunk_start` (not whitespace), whose ASCII letters and
/// digits run to `word_end`; returns where the chunk ends. `bytes` are those of `text` up to
/// the region's end.
fn tokenize_any_chunk(
    text: &str,
    bytes: &[u8],
    chunk_start: usize,
    word_end: usize,
    out: &mut Vec<Token>,
) -> usize {
    let mut seen = 0u8;
    // Runs of ASCII letters and digits (class 0: they add nothing to `seen`) eight bytes at
    // a time, the other bytes one by one.
    let mut i = word_end;
    while i < bytes.len() {
        let k = CLASS[bytes[i] as usize];
        if k & (WS | MAY_SPACE) != 0 && (k & WS != 0 || wide_space_at(bytes, i) > 0) {
            break;
        }
        seen |= k;
        i = alnum_run_end(bytes, i + 1);
    }
    let chunk = &text[chunk_start..i];
    if seen & SPLITS == 0 {
        // Fast path: no hyphen-minus, no straight double quote, and no multi-byte dash or
        // curly quote (all start with 0xE2 or 0xC2).
        if seen & NOT_ALNUM == 0 {
            out.push(Token::new(chunk_start, i)); // a plain word or number
        } else {
            peel(chunk, chunk_start, out);
        }
    } else {
        tokenize_chunk(chunk, chunk_start, out);
    }
    i
}

/// A word of ASCII letters and digits, `piece[..word_end]`, and one closer or period after it
/// ("said," "soon."), as [`peel`] splits them, pushed at `offset`; false (and nothing
/// pushed) when `piece` is not such a pair.
#[inline(always)]
fn split_word_and_closer(piece: &[u8], offset: usize, word_end: usize, out: &mut Vec<Token>) -> bool {
    if word_end == 0 || piece.len() != word_end + 1 {
        return false;
    }
    let p = piece[word_end];
    if !matches!(p, b',' | b';' | b':' | b'!' | b'?' | b')' | b'.') {
        return false;
    }
    if p == b'.' && alnum_keeps_period(&piece[..word_end]) {
        out.push(Token::new(offset, offset + word_end + 1));
    } else {
        out.push(Token::new(offset, offset + word_end));
        out.push(Token::new(offset + word_end, offset + word_end + 1));
    }
    true
}

/// Split a whitespace-free chunk at dashes and then peel punctuation off each piece.
fn tokenize_chunk(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    let mut piece_start = 0;
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < chunk.len() {
        let b = bytes[i];
        if CLASS[b as usize] & SPLITS == 0 {
            // Not a dash or a double quote mark: skip the byte (continuation bytes included).
            i += 1;
            continue;
        }
        let c = chunk[i..].chars().next().unwrap_or(' ');
        // Dashes, and double quote marks (never inside a word: `said,“Look`), stand alone.
        let dash_len = if matches!(c, '—' | '–' | '―' | '"' | '“' | '”' | '«' | '»')
            && (i > 0 || c.len_utf8() < chunk.len())
        {
            c.len_utf8()
        } else if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            bytes[i..].iter().take_while(|&&b| b == b'-').count()
        } else {
            0
        };
        if dash_len > 0 {
            peel(&chunk[piece_start..i], offset + piece_start, out);
            out.push(Token::new(offset + i, offset + i + dash_len));
            i += dash_len;
            piece_start = i;
        } else {
            i += c.len_utf8();
        }
    }
    peel(&chunk[piece_start..], offset + piece_start, out);
}

fn peel(piece: &str, offset: usize, out: &mut Vec<Token>) {
    if piece.is_empty() {
        return;
    }
    let bytes = piece.as_bytes();
    // Fast paths: a plain word or number; one with a closer or period ("said,"); one starting
    // and ending with a letter or digit ("well-known", "Trump's"), which has no opener or
    // closer to peel, only a clitic.
    let word_end = alnum_run_end(bytes, 0);
    if word_end == bytes.len() {
        out.push(Token::new(offset, offset + piece.len()));
        return;
    }
    if word_end > 0 {
        if word_end + 1 == bytes.len() && split_word_and_closer(bytes, offset, word_end, out) {
            return;
        }
        if CLASS[bytes[bytes.len() - 1] as usize] & NOT_ALNUM == 0 {
            match contraction_start(piece) {
                Some(cut) => {
                    out.push(Token::new(offset, offset + cut));
                    out.push(Token::new(offset + cut, offset + piece.len()));
                }
                None => out.push(Token::new(offset, offset + piece.len())),
            }
            return;
        }
    }
    let (mut s, mut e) = (0, piece.len());
    // Leading openers (none starts with an ASCII letter or digit).
    while e - s > 1 && CLASS[bytes[s] as usize] & NOT_ALNUM != 0 {
        let c = piece[s..e].chars().next().unwrap_or(' ');
        if !OPENERS.contains(&c) || (c == '\'' && piece[s + 1..e].starts_with(|d: char| d.is_ascii_digit())) {
            break;
        }
        out.push(Token::new(offset + s, offset + s + c.len_utf8()));
        s += c.len_utf8();
    }
    // Trailing closers and final periods, pushed in reverse order and put in text order below.
    // Each step is O(1) (a 10 MB run of closers is one chunk), so the loop is linear in the piece.
    let tail_start = out.len();
    // Where the first character other than '.' and '…' is: before it the core is all dots.
    let first_non_dot = {
        let mut i = s;
        loop {
            match bytes.get(i) {
                Some(b'.') => i += 1,
                Some(0xE2) if bytes[i..].starts_with("…".as_bytes()) => i += "…".len(),
                Some(_) => break i,
                None => break e,
            }
        }
    };
    loop {
        if e <= s || first_non_dot >= e {
            break;
        }
        // Every case below ends in '.', '…' (0xA6) or a closer: none ends in a letter or digit.
        let last = bytes[e - 1];
        if CLASS[last as usize] & NOT_ALNUM == 0 {
            break;
        }
        let core = &piece[s..e];
        if core.ends_with("...") && core.len() > 3 {
            out.push(Token::new(offset + e - 3, offset + e));
            e -= 3;
        } else if core.ends_with('…') && core.len() > '…'.len_utf8() {
            out.push(Token::new(offset + e - '…'.len_utf8(), offset + e));
            e -= '…'.len_utf8();
        } else if last == b'.' && core.len() > 1 && !keeps_period(&core[..core.len() - 1]) {
            out.push(Token::new(offset + e - 1, offset + e));
            e -= 1;
        } else {
            let c = core.chars().next_back().unwrap_or(' ');
            if CLOSERS.contains(&c) && core.len() > c.len_utf8() {
                out.push(Token::new(offset + e - c.len_utf8(), offset + e));
                e -= c.len_utf8();
            } else {
                break;
            }
        }
    }
    let tail_len = out.len() - tail_start;
    // Contractions and possessives: n't, 's, 're, 've, 'll, 'm, 'd.
    if e > s {
        let core = &piece[s..e];
        if let Some(cut) = contraction_start(core) {
            out.push(Token::new(offset + s, offset + s + cut));
            out.push(Token::new(offset + s + cut, offset + e));
        } else {
            out.push(Token::new(offset + s, offset + e));
        }
    }
    if tail_len == 1 && out.len() == tail_start + 2 {
        out.swap(tail_start, tail_start + 1); // [tail, core] → [core, tail]: "said," "soon."
    } else if tail_len > 0 {
        // [tail reversed, core…] → [core…, tail in text order]
        let placed = &mut out[tail_start..];
        placed.rotate_left(tail_len);
        let core_len = placed.len() - tail_len;
        placed[core_len..].reverse();
    }
}

/// Byte index where a clitic starts in `word` ("Trump's" → 5, "don't" → 2).
fn contraction_start(word: &str) -> Option<usize> {
    // A clitic is at most two bytes after its apostrophe (' or ’), so the last apostrophe
    // (`rfind`'s) only makes one when it starts in the last five bytes.
    let bytes = word.as_bytes();
    let tail = bytes.len().saturating_sub(5);
    if !bytes[tail..].iter().any(|&b| b == b'\'' || b == 0xE2) {
        return None; // (no apostrophe starts there: '’' starts with 0xE2)
    }
    let (pos, apostrophe) = (tail..bytes.len()).rev().find_map(|p| {
        if bytes[p] == b'\'' {
            Some((p, 1))
        } else {
            bytes[p..].starts_with("’".as_bytes()).then_some((p, '’'.len_utf8()))
        }
    })?;
    let suffix = &word[pos + apostrophe..];
    if pos > 0 && ["s", "re", "ve", "ll", "m", "d"].iter().any(|c| suffix.eq_ignore_ascii_case(c)) {
        return Some(pos);
    }
    let n_before = pos > 1 && word[..pos].ends_with(['n', 'N']);
    (n_before && suffix.eq_ignore_ascii_case("t")).then(|| pos - 1)
}

/// The longest word `keeps_period` considers ("U.S.S.R", "Ph.D" are far shorter).
const MAX_ABBREVIATION_LEN: usize = 32;

/// Whether `word` followed by "." is an abbreviation that keeps its period.
fn keeps_period(word: &str) -> bool {
    // No abbreviation is this long; the bound keeps peeling a run of ")." linear.
    if word.len() > MAX_ABBREVIATION_LEN {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_alphabetic()
    {
        return true; // initials: "J." — and "U.S." built from them
    }
    if word.contains('.')
        && word.chars().any(char::is_alphabetic)
        && word.split('.').all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true; // U.S, a.m, Ph.D, D.C
    }
    ABBREVIATIONS.contains(word.as_bytes())
}

/// [`keeps_period`] of a word of ASCII letters and digits.
fn alnum_keeps_period(word: &[u8]) -> bool {
    (word.len() == 1 && word[0].is_ascii_alphabetic()) || ABBREVIATIONS.contains(word)
}

/// An ASCII word of at most 7 bytes lowercased and packed into an integer (bytes and length,
/// never 0), for allocation-free lookups in word lists; `None` for longer or non-ASCII words.
const fn packed_word_key(word: &[u8]) -> Option<u64> {
    // The bytes little-endian, read as two overlapping halves (equal bytes where they overlap).
    let n = word.len();
    let x = match n {
        0 => 0,
        1 => word[0] as u64,
        2 | 3 => {
            (u16::from_le_bytes([word[0], word[1]]) as u64)
                | (u16::from_le_bytes([word[n - 2], word[n - 1]]) as u64) << ((n - 2) * 8)
        }
        4..=7 => {
            (u32::from_le_bytes([word[0], word[1], word[2], word[3]]) as u64)
                | (u32::from_le_bytes([word[n - 4], word[n - 3], word[n - 2], word[n - 1]]) as u64)
                    << ((n - 4) * 8)
        }
        _ => return None,
    };
    if x & HIGH != 0 {
        return None; // not ASCII
    }
    // 0x20 added to each byte 'A'..='Z'
    let upper = bytes_at_least(x, b'A') & !bytes_at_least(x, b'Z' + 1);
    Some(x | (upper >> 2) | (word.len() as u64) << 56)
}

/// A set of ASCII words of at most 7 bytes under ASCII case folding: their
/// [`packed_word_key`]s in an open-addressing table (0 marks an empty slot; no key is 0).
pub(crate) struct WordSet {
    slots: [u64; WordSet::SLOTS],
}

impl WordSet {
    const SLOTS: usize = 256;

    /// The set of the words of `lists` (each word at most 7 ASCII bytes, at most 128 in all).
    pub(crate) const fn new(lists: &[&[&str]]) -> WordSet {
        let mut slots = [0u64; WordSet::SLOTS];
        let (mut l, mut n) = (0, 0);
        while l < lists.len() {
            let mut w = 0;
            while w < lists[l].len() {
                let Some(key) = packed_word_key(lists[l][w].as_bytes()) else {
                    panic!("a listed word is ASCII and at most 7 bytes long");
                };
                let mut slot = WordSet::slot(key);
                while slots[slot] != 0 && slots[slot] != key {
                    slot = (slot + 1) % WordSet::SLOTS;
                }
                slots[slot] = key;
                n += 1;
                w += 1;
            }
            l += 1;
        }
        assert!(n <= WordSet::SLOTS / 2, "the table stays at most half full");
        WordSet { slots }
    }

    const fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }

    /// Whether `word` is in the set, ignoring ASCII case.
    #[inline]
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        let Some(key) = packed_word_key(word) else { return false };
        let mut slot = WordSet::slot(key);
        loop {
            match self.slots[slot] {
                0 => return false,
                k if k == key => return true,
                _ => slot = (slot + 1) % WordSet::SLOTS,
            }
        }
    }
}

/// [`NEVER_FINAL`] and [`MAYBE_FINAL`].
static ABBREVIATIONS: WordSet = WordSet::new(&[NEVER_FINAL, MAYBE_FINAL]);

/// [`MAYBE_FINAL`].
static MAYBE_FINAL_SET: WordSet = WordSet::new(&[MAYBE_FINAL]);

/// A token that ends with a period kept as an abbreviation that may end a sentence.
fn maybe_final_abbreviation(tok: &str) -> bool {
    let Some(word) = tok.strip_suffix('.') else { return false };
    if MAYBE_FINAL_SET.contains(word.as_bytes()) {
        return true;
    }
    // Multi-letter dotted abbreviations (U.S., a.m., D.C.) may end a sentence; single initials don't.
    word.contains('.') && word.chars().any(char::is_alphabetic)
}

/// Split the tokens `tokens[first..end]` of one paragraph into sentences. `ends` are the
/// indices of those of them that end in '.', '!' or '?', in order, as [`tokenize`] gives them.
pub fn split_sentences(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    ends: &[usize],
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    // (`Span::slice`, inlined: it is a call into another crate)
    let slice = |t: &Token| text.get(t.start..t.end).unwrap_or("");
    let tok = |i: usize| slice(&tokens[i]);
    let mut sent_first = first;
    let mut i = first;
    // Only tokens ending in . ! ? can end a sentence: those of `ends`.
    let mut ends = ends.iter().copied();
    while i < end {
        match ends.find(|&e| e >= i) {
            Some(e) if e < end => i = e,
            _ => break,
        }
        let t = tok(i);
        if !t.ends_with(['.', '!', '?']) {
            i += 1;
            continue;
        }
        let terminal =
            matches!(t, "." | "!" | "?" | "?!" | "!?") || (maybe_final_abbreviation(t) && i + 1 < end);
        if !terminal {
            i += 1;
            continue;
        }
        // Absorb closing quotes and brackets attached to the terminal punctuation.
        let mut last = i;
        while last + 1 < end && is_closer_token(tok(last + 1)) && tokens[last + 1].start == tokens[last].end {
            last += 1;
        }
        // At the paragraph's end the sentence is closed below.
        let boundary = last + 1 < end && starts_sentence(tok(last + 1), tokens.get(last + 2).map(slice), t);
        if boundary {
            push(tokens, sent_first, last + 1, paragraph, out);
            sent_first = last + 1;
        }
        i = last + 1;
    }
    if sent_first < end {
        push(tokens, sent_first, end, paragraph, out);
    }
}

fn starts_sentence(next: &str, after: Option<&str>, terminal: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    let abbreviation = terminal.len() > 1 && terminal.ends_with('.') && !matches!(terminal, "?!" | "!?");
    if abbreviation {
        return STARTERS.contains(&next) || (OPENERS.contains(&first) && next.len() <= 3);
    }
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    if OPENERS.contains(&first) {
        // An opening quote or bracket followed by a capital, a digit, or nothing else known.
        return after.is_none_or(|a| a.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    }
    false
}

fn push(tokens: &[Token], first: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        paragraph,
        first_token: first,
        end_token: end,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &mut out, &mut Vec::new());
        out.iter().map(|t| &s[t.start..t.end]).collect()
    }

    fn sents(s: &str) -> Vec<&str> {
        let (mut t, mut ends) = (Vec::new(), Vec::new());
        tokenize(s, 0, s.len(), &mut t, &mut ends);
        let mut out = Vec::new();
        split_sentences(s, &t, 0, t.len(), &ends, 0, &mut out);
        out.iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn tokens_follow_conll_conventions() {
        assert_eq!(
            toks("\"It looks like we'll meet,\" Trump's aide said -- quite soon."),
            [
                "\"", "It", "looks", "like", "we", "'ll", "meet", ",", "\"", "Trump", "'s", "aide", "said",
                "--", "quite", "soon", "."
            ]
        );
        assert_eq!(
            toks("(Secretary of State Mike) Pompeo"),
            ["(", "Secretary", "of", "State", "Mike", ")", "Pompeo"]
        );
        assert_eq!(toks("the U.S. and Kim Jong-un's"), ["the", "U.S.", "and", "Kim", "Jong-un", "'s"]);
        assert_eq!(
            toks("corruption—did “quite soon.”"),
            ["corruption", "—", "did", "“", "quite", "soon", ".", "”"]
        );
        assert_eq!(toks("don't wait..."), ["do", "n't", "wait", "..."]);
        assert_eq!(toks("said,“Look here”—and"), ["said", ",", "“", "Look", "here", "”", "—", "and"]);
        assert_eq!(toks("\"Yes,\"he"), ["\"", "Yes", ",", "\"", "he"]);
        assert_eq!(toks("3.5 percent, 10:27 AM"), ["3.5", "percent", ",", "10:27", "AM"]);
    }

    #[test]
    fn sentences_survive_abbreviations_and_quotes() {
        assert_eq!(
            sents("Mr. Kim met Sen. J. Smith on Sep. 24 in Washington, D.C. on Monday. He left."),
            ["Mr. Kim met Sen. J. Smith on Sep. 24 in Washington, D.C. on Monday.", "He left."]
        );
        assert_eq!(
            sents("They will meet \"quite soon.\" The talks went on."),
            ["They will meet \"quite soon.\"", "The talks went on."]
        );
        assert_eq!(sents("It grew in the U.S. The end came."), ["It grew in the U.S.", "The end came."]);
        assert_eq!(
            sents("And then before too long ... I hope so."),
            ["And then before too long ... I hope so."]
        );
        assert_eq!(sents("\"Why?\" he asked. \"Because.\""), ["\"Why?\" he asked.", "\"Because.\""]);
        assert_eq!(sents("Martin Luther King Jr. spoke."), ["Martin Luther King Jr. spoke."]);
    }

    #[test]
    fn wide_space_matches_char_is_whitespace() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(wide_space_at(enc, 0), want, "{c:?}");
            assert!(CLASS[enc[0] as usize] & MAY_SPACE != 0 || want == 0, "{c:?}");
        }
        for b in 0..0x80u8 {
            assert_eq!(CLASS[b as usize] & WS != 0, b.is_ascii_whitespace());
        }
    }

    #[test]
    fn word_counts_match_split_whitespace() {
        for s in [
            "",
            " ",
            "a",
            " a  b ",
            "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{1680}f",
            "é ü\u{2028}ß",
            "\t\n\x0b\x0c\r x",
        ] {
            let n = s.split_whitespace().count();
            assert_eq!(count_words_upto(s, 100), n, "{s:?}");
            assert_eq!(count_words_upto(s, 1) > 1, n > 1, "{s:?}");
        }
    }

    #[test]
    fn word_counts_match_split_whitespace_for_every_ascii_byte() {
        for b in 0..0x80u8 {
            let c = b as char;
            for s in [
                format!("abcdefg{c}hijklmn{c}{c}opq"),
                format!("{c}{c}{c}{c}{c}{c}{c}{c}{c}a"),
                format!("a{c}b{c}c{c}d{c}e{c}f{c}g{c}h{c}"),
                format!("abcdefgh{c}"),
                format!("{c}bcdefgh ijklmnop"),
            ] {
                assert_eq!(count_words_upto(&s, 100), s.split_whitespace().count(), "{s:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_counts_match_split_whitespace_on_random_text(s in "([ a\\t\\n\\x0b\\x0c\\rXé\\u{a0}\\u{2009}\\u{2028}\\u{3000}\\u{85}\\u{1680}\\u{180e}\\u{200b}-]|(ab cd  efgh ijk lmnopq r)){0,120}", cap in 0usize..80) {
            let n = s.split_whitespace().count();
            let got = count_words_upto(&s, cap);
            if n <= cap {
                proptest::prop_assert_eq!(got, n);
            } else {
                proptest::prop_assert!(got > cap);
            }
        }
    }

    #[test]
    fn packed_keys_are_the_lowercased_bytes_and_length() {
        for w in [
            "", "a", "Ab", "abC", "abcd", "ABCDE", "abcdef", "aBcDeFg", "abcdefgh", "é", "aé", "Z@[`{",
            "0a9Z",
        ] {
            let naive = (w.len() <= 7 && w.is_ascii()).then(|| {
                w.bytes().rev().fold(0u64, |x, b| (x << 8) | u64::from(b.to_ascii_lowercase()))
                    | (w.len() as u64) << 56
            });
            assert_eq!(packed_word_key(w.as_bytes()), naive, "{w}");
        }
    }

    #[test]
    fn listed_abbreviations_fit_their_keys() {
        for w in NEVER_FINAL.iter().chain(MAYBE_FINAL) {
            assert!(w.len() <= 7 && w.is_ascii() && *w == w.to_ascii_lowercase(), "{w}");
        }
    }

    /// Tokens and sentences of the fast functions and of the reference (the code before the
    /// speed work) on `text`, whole and paragraph by paragraph.
    fn assert_same_as_reference(text: &str) {
        use crate::segment_reference as old;
        let mut spans = vec![(0, text.len())];
        let mut pos = 0;
        for line in text.split('\n') {
            spans.push((pos, pos + line.len()));
            pos += line.len() + 1;
        }
        let (mut new_t, mut old_t, mut new_s, mut old_s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, &(s, e)) in spans.iter().enumerate() {
            let (nf, of) = (new_t.len(), old_t.len());
            let mut ends = Vec::new();
            tokenize(text, s, e, &mut new_t, &mut ends);
            old::tokenize(text, s, e, &mut old_t);
            assert_eq!(new_t, old_t, "tokens of {:?}", &text[s..e]);
            let naive_ends: Vec<usize> = (nf..new_t.len())
                .filter(|&j| text[new_t[j].start..new_t[j].end].ends_with(['.', '!', '?']))
                .collect();
            assert_eq!(ends, naive_ends, "sentence-end candidates of {:?}", &text[s..e]);
            split_sentences(text, &new_t, nf, new_t.len(), &ends, i, &mut new_s);
            old::split_sentences(text, &old_t, of, old_t.len(), i, &mut old_s);
            assert_eq!(new_s, old_s, "sentences of {:?}", &text[s..e]);
        }
    }

    #[test]
    fn same_as_reference_on_the_seeds_and_fixtures() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut n = 0;
        for dir in ["seeds", "crates/parser/tests/fixtures"] {
            for f in std::fs::read_dir(format!("{root}/{dir}")).expect("readable dir") {
                let bytes = std::fs::read(f.expect("entry").path()).expect("readable file");
                assert_same_as_reference(&crate::decode(&bytes, &mut Vec::new()));
                n += 1;
            }
        }
        assert!(n > 10);
    }

    #[test]
    fn same_as_reference_on_tricky_pieces() {
        for s in [
            "",
            " ",
            "...",
            "..",
            "…",
            "a…",
            "…a",
            "'90s",
            "'",
            "''",
            "\"\"",
            "(U.S.).",
            "Jr.)",
            "x.)\"",
            "—",
            "a—b",
            "--",
            "a--b",
            "---",
            "-",
            "a-b",
            "«a»",
            "“a.”",
            "\u{a0}a\u{2009}b\u{3000}c\u{85}",
            "don't",
            "DON'T",
            "Trump’s",
            "n't",
            "'t",
            "''s",
            "a.b.c.",
            "Ph.D.",
            "e.g.",
            "Sept. 4",
            "Mr. Kim. He",
            "x?! Y",
            "x!? y",
            "(a) (b)",
            "[\"x\"]",
            "¿Qué?",
            "é.",
            "É. Ab",
            "a\u{1680}b",
            "©2018.",
            "ａ．",
            "a.\u{2028}B",
            "1.5.",
            "10:27.",
            "...)",
            ")...",
            "…)…",
            "“”",
            "»«",
            "“said,”",
            "“soon.”",
            "“A.”",
            "“Mr.”",
            "“Inc.”",
            "well-known,",
            "well-known",
            "“well-known”",
            "rock'n'roll",
            "a’b’s",
            "“Trump’s”",
            "Trump's.",
            "x-'s",
            "5'",
            "“5'”",
            "“a-b-c”",
            "“x.y”",
            "“é’s”",
        ] {
            assert_same_as_reference(s);
            assert_same_as_reference(&format!("{s} {s}. The {s}"));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn same_as_reference_on_random_text(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "B", "z", "Mr", "mr", "U", "S", "Jr", "inc", "the", "The", "He", "1", "42", ".", ".",
                "!", "?", ",", ";", ":", "'", "’", "‘", "\"", "“", "”", "«", "»", "„", "(", ")", "[", "]",
                "{", "}", "-", "--", "—", "–", "―", "…", "...", " ", " ", " ", "\n", "\t", "\u{a0}",
                "\u{2009}", "\u{3000}", "\u{85}", "é", "É", "©", "€", "ß", "한", "s", "t", "n", "ll", "\r",
            ]), 0..40)
        ) {
            assert_same_as_reference(&parts.concat());
        }
    }
}
