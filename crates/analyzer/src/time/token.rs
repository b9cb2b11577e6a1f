//! Tokens for the time-expression rules: words, digit runs and single punctuation
//! characters, with byte offsets, whether they touch the previous token, and a rough
//! sentence index (used for tense and for the reference time of anaphoric expressions), and
//! the token's [`Role`] for the start gate.
//!
//! Every token carries its lowercase form packed into one integer ([`Packed`]: the rules
//! compare words with literals as one integer each); next to the tokens, in a parallel
//! array made in the same pass, the lowercase form itself.

use std::borrow::Cow;

use super::gate::{self, Role};
use crate::packed::{Packed, pack};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// A token as the time rules see it: its byte span, sentence, kind, case, its role for the
/// start gate and its packed lowercase key.
#[derive(Clone, Debug)]
pub(crate) struct TimeToken {
    pub start: usize,
    pub end: usize,
    /// Rough sentence index.
    pub sent: u32,
    pub kind: Kind,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
    /// The first character is uppercase.
    pub cap: bool,
    /// What the token can be in a time expression (see [`Gate`](super::gate::Gate)).
    pub role: Role,
    /// The lowercase form packed; [`NO_KEY`] when longer than 15 bytes. (In the token, not a
    /// vector of its own: one push per token less.)
    pub key: Packed,
}

impl TimeToken {
    pub fn capitalized(&self) -> bool {
        self.cap
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// The tokens of a text with their lowercase forms, in parallel arrays.
pub(crate) struct Tokens<'a> {
    pub toks: Vec<TimeToken>,
    /// The lowercase form of every token; `""` for the tokens of `wide`.
    words: Vec<&'a str>,
    /// The lowercase forms that are not slices of `text.to_ascii_lowercase()` (non-ASCII
    /// tokens that lowercasing changes), by token index.
    wide: Vec<(usize, String)>,
}

/// The key of a word too long to pack (no word the rules compare with is): also the key
/// of "past the end", as no token is empty.
pub(crate) const NO_KEY: Packed = 0;

/// The word `s` (1 to 15 bytes; others do not compile where evaluated at compile time)
/// packed as the tokenizer packs token keys.
pub(crate) const fn lit(s: &str) -> Packed {
    let b = s.as_bytes();
    assert!(!b.is_empty() && b.len() <= 15, "word literals have 1 to 15 bytes");
    let mut v = (b.len() as Packed) << 120;
    let mut n = 0;
    while n < b.len() {
        v |= (b[n] as Packed) << (8 * n);
        n += 1;
    }
    v
}

/// The key of `'`.
const APOSTROPHE: Packed = lit("'");

impl Tokens<'_> {
    /// The lowercase form of every token.
    pub fn words(&self) -> Cow<'_, [&str]> {
        if self.wide.is_empty() {
            return Cow::Borrowed(&self.words[..]);
        }
        let mut words = self.words.clone();
        for (k, w) in &self.wide {
            if let Some(slot) = words.get_mut(*k) {
                *slot = w;
            }
        }
        Cow::Owned(words)
    }

    /// The lowercase form of token `k` while tokenizing, when `k` is the last token so far
    /// (`""` past the end).
    fn last_word(&self, k: usize) -> &str {
        match self.wide.last() {
            Some((j, w)) if *j == k => w,
            _ => self.words.get(k).copied().unwrap_or(""),
        }
    }
}

/// `KEEP[n]`: the low `n` bytes of a [`Packed`].
const KEEP: [Packed; 16] = {
    let mut t = [0; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// `bytes[i..end]` packed (as [`pack`] does), [`NO_KEY`] if longer than 15 bytes. Reads the
/// 16 bytes from `i` at once where the text has them.
fn key_at(bytes: &[u8], i: usize, end: usize) -> Packed {
    let len = end.saturating_sub(i);
    if len >= 16 {
        return NO_KEY;
    }
    match bytes.get(i..i + 16).and_then(|w| <[u8; 16]>::try_from(w).ok()) {
        Some(w) => Packed::from_le_bytes(w) & KEEP[len] | ((len as Packed) << 120),
        None => bytes.get(i..end).and_then(pack).unwrap_or(NO_KEY),
    }
}

/// Abbreviations after which a period does not end a sentence.
fn abbrev(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "jr"
            | "sr"
            | "inc"
            | "co"
            | "corp"
            | "ltd"
            | "gen"
            | "gov"
            | "sen"
            | "rep"
            | "prof"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "no"
            | "vs"
            | "lt"
            | "col"
            | "sgt"
            | "capt"
            | "mt"
            | "ft"
    )
}

/// Byte classes for the ASCII fast path.
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const PUNCT: u8 = 3;
/// Not ASCII: part of a multi-byte character, classified after decoding.
const WIDE: u8 = 4;

/// The class of every byte: ASCII whitespace is exactly what `char::is_whitespace` accepts
/// below 0x80, ASCII letters are the ASCII `char::is_alphabetic` ones.
const CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => SPACE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            _ => PUNCT,
        };
        b += 1;
    }
    t
};

/// Punctuation of the General Punctuation block (dashes, quotes, bullets, ellipsis, primes,
/// guillemets…): not whitespace, not alphabetic, not cased. The test
/// `general_punctuation_is_plain` checks these properties.
pub(super) fn plain_punct(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// The lowercase form of the non-ASCII token `raw`: the token itself when lowercasing
/// leaves it unchanged (most punctuation), else `to_lowercase`.
fn lowercase_wide(raw: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        plain_punct(c) || {
            let mut l = c.to_lowercase();
            l.len() == 1 && l.next() == Some(c)
        }
    };
    if raw.chars().all(unchanged) { Cow::Borrowed(raw) } else { Cow::Owned(raw.to_lowercase()) }
}

/// The character starting at byte `i` of `text`, a character boundary (`' '` past the end).
fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

/// The end of the run of bytes of class `c` from `i`.
#[inline(always)]
fn run(bytes: &[u8], mut i: usize, c: u8) -> usize {
    while let Some(&b) = bytes.get(i) {
        if CLASS[usize::from(b)] != c {
            break;
        }
        i += 1;
    }
    i
}

/// A token starting with a non-ASCII character, found by the scanner.
struct Found {
    end: usize,
    kind: Kind,
    cap: bool,
}

/// The end of a word continued at `end` (a character boundary) by letters, ASCII or not
/// (digits end a word), and whether it took non-ASCII letters.
#[cold]
#[inline(never)]
fn word_rest(text: &str, mut end: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut ascii = true;
    loop {
        end = run(bytes, end, LETTER);
        match bytes.get(end) {
            Some(&b) if b >= 0x80 => {
                let c = char_at(text, end);
                if plain_punct(c) || !c.is_alphabetic() {
                    break;
                }
                end += c.len_utf8();
                ascii = false;
            }
            _ => break,
        }
    }
    (end, ascii)
}

/// The token starting with the non-ASCII character at `i`, or `Err(end)` if that is
/// whitespace.
#[cold]
#[inline(never)]
fn wide_token(text: &str, i: usize) -> Result<Found, usize> {
    let c = char_at(text, i);
    let end = i + c.len_utf8();
    if plain_punct(c) {
        return Ok(Found { end, kind: Kind::Punct, cap: false });
    }
    if c.is_whitespace() {
        return Err(end);
    }
    if !c.is_alphabetic() {
        return Ok(Found { end, kind: Kind::Punct, cap: c.is_uppercase() });
    }
    let (end, _) = word_rest(text, end);
    Ok(Found { end, kind: Kind::Word, cap: c.is_uppercase() })
}

/// Bytes with their top bit set, one per byte of a `u64`.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `n` in every byte of a `u64`.
const fn splat(n: u8) -> u64 {
    (n as u64) * 0x0101_0101_0101_0101
}

/// The top bit of every byte of `x` that is not an ASCII letter (the bytes of a word,
/// eight at a time).
#[inline(always)]
fn non_letters(x: u64) -> u64 {
    // folded to lowercase and without the top bit: no per-byte sum below carries
    let y = (x | splat(0x20)) & !HIGH;
    let from_a = y.wrapping_add(splat(0x80 - b'a'));
    let past_z = y.wrapping_add(splat(0x7f - b'z'));
    !(from_a & !past_z & !x) & HIGH
}

/// The end of the run of ASCII letters from `i`: eight bytes at a time where the text has
/// them (most words end within the first eight).
#[inline(always)]
fn letters(bytes: &[u8], mut i: usize) -> usize {
    while let Some(w) = bytes.get(i..).and_then(|r| r.first_chunk::<8>()) {
        let m = non_letters(u64::from_le_bytes(*w));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    run(bytes, i, LETTER)
}

/// A text and its ASCII lowercase copy, made together so that [`tokenize`] can rely on the
/// copy having the text's bytes outside A-Z.
pub(crate) struct Lowered<'a> {
    text: &'a str,
    lower: String,
}

impl<'a> Lowered<'a> {
    pub fn new(text: &'a str) -> Self {
        Lowered { text, lower: text.to_ascii_lowercase() }
    }
}

/// The tokens of a text (lowercase forms of ASCII tokens are slices of its lowercase copy, so
/// that tokens need no allocation of their own).
///
/// One pass over the bytes: ASCII is classified by a table (the letters of a word eight at a
/// time), other characters are decoded (and use the Unicode properties) only where they
/// occur.
#[inline(never)]
pub(crate) fn tokenize<'a>(lowered: &'a Lowered<'_>) -> Tokens<'a> {
    let text = lowered.text;
    let bytes = text.as_bytes();
    // about one token per five bytes in running text; room for more, so that dense text
    // (numbers, punctuation) does not make the vectors grow
    let cap = text.len() / 3 + 8;
    let mut out = Tokens { toks: Vec::with_capacity(cap), words: Vec::with_capacity(cap), wide: Vec::new() };
    let mut sent = 0u32;
    let mut i = 0;
    // line breaks in the whitespace before the token at `i`
    let mut breaks = 0u32;
    // the end of the previous token (none before the first)
    let mut prev_end = usize::MAX;
    // the previous token is `.`, `!` or `?`
    let mut prev_stop = false;
    // … and is the period of an abbreviation or an initial (not a sentence end)
    let mut prev_abbrev_dot = false;
    while let Some(&b) = bytes.get(i) {
        // most whitespace is one space between two words
        if b == b' ' {
            i += 1;
            continue;
        }
        let (end, kind, cap, ascii) = match CLASS[usize::from(b)] {
            SPACE => {
                breaks += u32::from(b == b'\n');
                i += 1;
                continue;
            }
            DIGIT => (run(bytes, i + 1, DIGIT), Kind::Num, false, true),
            LETTER => {
                let end = letters(bytes, i + 1);
                let cap = b.is_ascii_uppercase();
                if bytes.get(end).is_some_and(|&b| b >= 0x80) {
                    let (end, ascii) = word_rest(text, end);
                    (end, Kind::Word, cap, ascii)
                } else {
                    (end, Kind::Word, cap, true)
                }
            }
            PUNCT => (i + 1, Kind::Punct, false, true),
            _ => match wide_token(text, i) {
                Ok(f) => (f.end, f.kind, f.cap, false),
                Err(end) => {
                    i = end;
                    continue;
                }
            },
        };
        let k = out.toks.len();
        let glued = prev_end == i;
        let (word, key) = word_and_key(lowered, (i, end), ascii, k, &mut out.wide);
        let role = match kind {
            // numbers start dates, times and durations; `'` before a number a decade
            // ("the '80s") or a fiscal year ("fiscal '90")
            Kind::Num => {
                if let Some(prev) = out.toks.last_mut()
                    && prev.key == APOSTROPHE
                {
                    prev.role = Role::Start;
                }
                Role::Start
            }
            Kind::Word => gate::word_role(key),
            Kind::Punct => Role::Glue,
        };
        // Sentence index: a blank line, or a stop before a capital, punctuation or a line
        // break (not the period of an abbreviation or an initial).
        if k > 0
            && (breaks >= 2 || (prev_stop && !prev_abbrev_dot && (cap || kind == Kind::Punct || breaks > 0)))
        {
            sent += 1;
        }
        prev_stop = end == i + 1 && matches!(b, b'.' | b'!' | b'?');
        prev_abbrev_dot = prev_stop && b == b'.' && glued && k > 0 && out.abbrev_at(text, k - 1);
        out.toks.push(TimeToken { start: i, end, sent, kind, glued, cap, role, key });
        out.words.push(word);
        breaks = 0;
        prev_end = end;
        i = end;
    }
    out
}

/// The lowercase word and key of the token `i..end` (the `k`th): a slice of the lowercase
/// copy for ASCII, else the lowercase form, kept in `wide` when lowercasing changed it.
#[inline(always)]
fn word_and_key<'a>(
    lowered: &'a Lowered<'_>,
    (i, end): (usize, usize),
    ascii: bool,
    k: usize,
    wide: &mut Vec<(usize, String)>,
) -> (&'a str, Packed) {
    let (text, low) = (lowered.text, lowered.lower.as_bytes());
    if ascii {
        let key = key_at(low, i, end);
        // SAFETY: `low[i..end]` (in bounds: `end` is at most the text's length) holds
        // ASCII bytes only (`low` is the text's ASCII lowercase copy, by [`Lowered`], and
        // `text[i..end]` is ASCII), so it is valid UTF-8. (Checked slicing of `lower` tested both
        // ends for character boundaries: a tenth of the tokenizer's instructions.)
        let word = unsafe { std::str::from_utf8_unchecked(&low[i..end]) };
        (word, key)
    } else {
        match lowercase_wide(text.get(i..end).unwrap_or_default()) {
            Cow::Borrowed(w) => (w, key_at(text.as_bytes(), i, end)),
            Cow::Owned(w) => {
                let key = pack(w.as_bytes()).unwrap_or(NO_KEY);
                wide.push((k, w));
                ("", key)
            }
        }
    }
}

impl Tokens<'_> {
    /// Token `k` is an abbreviation or a one-character word: a period glued to it does not
    /// end a sentence.
    #[cold]
    fn abbrev_at(&self, text: &str, k: usize) -> bool {
        let Some(t) = self.toks.get(k) else { return false };
        abbrev(self.last_word(k))
            || (t.kind == Kind::Word && text.get(t.start..t.end).is_some_and(|w| w.chars().nth(1).is_none()))
    }
}
