//! Words as the rules see them: a table from lowercase form to cue entry and word-list bits
//! ([`Word`], [`class`]), lowercasing without allocation ([`LowerBuf`]), and small tests on
//! token text.

use super::vocabulary::{
    AUX, BETWEEN, IRREGULAR_PAST, NP_STOP, OBJECT_WORDS, PREPS, SPEECH_NOUNS, SUBJECT_PRONOUNS,
    SUBORDINATORS, TIME_WORDS, VENUE_WORDS,
};
use std::sync::OnceLock;
use storyline_model::{Span, Token};

/// A dictionary form for a verb outside the lexicon: `retaliated` → `retaliate`,
/// `answers` → `answer`, `quipped` → `quip`, `went` → `went` (irregular forms stay).
pub(super) fn crude_lemma(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ied") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("ed") {
        let b = stem.as_bytes();
        if stem.is_ascii()
            && b.len() >= 2
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's')
        {
            return stem[..stem.len() - 1].to_string();
        }
        if stem.ends_with(['t', 'v', 'c', 'g', 'z', 'u']) && !stem.ends_with("ct") {
            return format!("{stem}e");
        }
        return stem.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix('s')
        && !IRREGULAR_PAST.contains(&w)
    {
        return stem.to_string();
    }
    w.to_string()
}

/// `s.split_whitespace().count()`, but at most `cap`: the scan stops at the word that
/// reaches it. Whitespace is Unicode `White_Space` (as for [`char::is_whitespace`]), matched
/// on its UTF-8 bytes.
pub(crate) fn word_count(s: &str, cap: usize) -> usize {
    // The scan stops at the word that makes `n` reach `cap`, which is then `n` (1 for `cap` 0).
    let cap = cap.max(1);
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let lanes = |c: u8| u64::from_le_bytes([c; 8]);
    let b = s.as_bytes();
    let (mut n, mut in_word) = (0, false);
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at once: the high bit of a byte marks a space (` `, `\t` to `\r`),
        // then a word byte; the words starting in the chunk are the word bytes after no word
        // byte. (Per-byte sums of ASCII bytes and at most 0x7F carry into no other byte.)
        if let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>())
            && u64::from_le_bytes(*chunk) & HIGH == 0
        {
            let x = u64::from_le_bytes(*chunk);
            let not_blank = ((x ^ lanes(b' ')) + LOW7) & HIGH;
            let at_least = |c: u8| (x + lanes(0x80 - c)) & HIGH;
            let space = !not_blank & HIGH | at_least(b'\t') & !at_least(b'\r' + 1);
            let word = !space & HIGH;
            let starts = word & !(word << 8 | u64::from(in_word) << 7);
            n += starts.count_ones() as usize;
            if n >= cap {
                return cap;
            }
            in_word = word >> 63 != 0;
            i += 8;
            continue;
        }
        let (at, c) = (i, b[i]);
        i += 1;
        let space = match c {
            b' ' | b'\t'..=b'\r' => true,
            // A continuation byte: the character's first byte decided.
            0x80..=0xBF => continue,
            // U+0085, U+00A0
            0xC2 => matches!(b.get(at + 1), Some(0x85 | 0xA0)),
            // U+1680
            0xE1 => matches!(b.get(at + 1..at + 3), Some([0x9A, 0x80])),
            // U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => {
                matches!(b.get(at + 1..at + 3), Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]))
            }
            // U+3000
            0xE3 => matches!(b.get(at + 1..at + 3), Some([0x80, 0x80])),
            _ => false,
        };
        if !space && !in_word {
            n += 1;
            if n >= cap {
                return n;
            }
        }
        in_word = !space;
    }
    n
}

pub(super) fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "?!" | "!?" | "..." | "…")
}

pub(super) fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»" | "„" | "''")
}

pub(super) fn is_punct(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    // The usual punctuation tokens without a scan: one ASCII byte (`,`, `"`), or one character
    // of General Punctuation (`’`, `“`, `—`: U+2000 to U+206F, E2 80 80 to E2 81 AF).
    match *b {
        [_] => return true,
        [0xE2, 0x80, _] => return true,
        [0xE2, 0x81, c] if c < 0xB0 => return true,
        _ => {}
    }
    if b.is_ascii() {
        return !b.iter().any(u8::is_ascii_alphanumeric);
    }
    !s.chars().any(alphanumeric)
}

/// [`char::is_alphanumeric`], without the table search for General Punctuation (U+2000 to
/// U+206F: spaces, dashes, curly quotes, `…`), which holds no letter or digit.
pub(super) fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

pub(super) fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Bits of a token's `class`: the word lists its lowercase form is in, and its shape.
pub(super) mod class {
    pub const AUX: u16 = 1 << 0;
    pub const BETWEEN: u16 = 1 << 1;
    pub const NP_STOP: u16 = 1 << 2;
    pub const IRREGULAR_PAST: u16 = 1 << 3;
    pub const SPEECH_NOUN: u16 = 1 << 4;
    pub const SUBORDINATOR: u16 = 1 << 5;
    pub const SUBJECT_PRONOUN: u16 = 1 << 6;
    pub const OBJECT_WORD: u16 = 1 << 7;
    pub const TIME_WORD: u16 = 1 << 8;
    pub const PREP: u16 = 1 << 9;
    pub const VENUE_WORD: u16 = 1 << 10;
    /// The word "according" (of `according to`).
    pub const ACCORDING: u16 = 1 << 11;
    /// No alphanumeric character ([`super::is_punct`]); not a list.
    pub const PUNCT: u16 = 1 << 15;
}

/// What the rules know about a lowercase word: its cue-lexicon entry and the word lists it is
/// in ([`class`] bits).
#[derive(Clone, Copy, Default)]
pub(super) struct Word {
    /// 1 + the index of the word's entry in [`super::lexicon::CUES`]; 0 when it is no cue.
    pub(super) cue: u16,
    pub(super) class: u16,
}

impl Word {
    /// The cue lemma and weight.
    pub(super) fn cue(self) -> Option<(&'static str, u8)> {
        let &(_, lemma, weight) = super::lexicon::CUES.get(usize::from(self.cue).checked_sub(1)?)?;
        Some((lemma, weight))
    }
}

/// The cue lexicon and every word list in one open-addressing hash table, so that a token is
/// looked up once (when its paragraph is read) rather than at every rule. A word's key packs its
/// bytes in a `u64` (the first eight of a longer word, which is then compared in full).
pub(super) struct WordTable {
    /// (key, length, entry) of a word, length 0 in an empty slot; a power of two, at most a
    /// quarter full.
    pub(super) slots: Vec<(u64, u32, Word)>,
    /// The word of each slot of `slots` longer than eight bytes ("" for the others).
    pub(super) long: Vec<&'static str>,
    /// 64 − log2(slot count): the hash's top bits pick the first slot.
    pub(super) shift: u32,
    /// The longest word, in bytes.
    pub(super) max_len: usize,
}

impl WordTable {
    /// The key of a word of 1 to `max_len` bytes. With the length it identifies a word of up to
    /// eight bytes (of four to eight: its first and last four bytes, which cover it; of one to
    /// three: its first, middle and last byte).
    pub(super) fn key(w: &[u8]) -> u64 {
        if let Some(head) = w.first_chunk::<8>() {
            return u64::from_le_bytes(*head);
        }
        match (w.first_chunk::<4>(), w.last_chunk::<4>()) {
            (Some(head), Some(tail)) => {
                u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32
            }
            _ => match (w.first(), w.last(), w.get(w.len() / 2)) {
                (Some(&a), Some(&z), Some(&m)) => u64::from(a) | u64::from(z) << 8 | u64::from(m) << 16,
                _ => 0,
            },
        }
    }

    pub(super) fn slot(&self, key: u64, len: usize) -> usize {
        ((key ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    pub(super) fn build() -> WordTable {
        let lists: [(&[&'static str], u16); 12] = [
            (AUX, class::AUX),
            (BETWEEN, class::BETWEEN),
            (NP_STOP, class::NP_STOP),
            (IRREGULAR_PAST, class::IRREGULAR_PAST),
            (SPEECH_NOUNS, class::SPEECH_NOUN),
            (SUBORDINATORS, class::SUBORDINATOR),
            (SUBJECT_PRONOUNS, class::SUBJECT_PRONOUN),
            (OBJECT_WORDS, class::OBJECT_WORD),
            (TIME_WORDS, class::TIME_WORD),
            (PREPS, class::PREP),
            (VENUE_WORDS, class::VENUE_WORD),
            (&["according"], class::ACCORDING),
        ];
        let n = super::lexicon::CUES.len() + lists.iter().map(|(l, _)| l.len()).sum::<usize>();
        let size = (4 * n).next_power_of_two();
        let mut t = WordTable {
            slots: vec![(0, 0, Word::default()); size],
            long: vec![""; size],
            shift: 64 - size.trailing_zeros(),
            max_len: 0,
        };
        for (i, &(form, _, _)) in super::lexicon::CUES.iter().enumerate() {
            t.entry(form).cue = u16::try_from(i + 1).unwrap_or(0);
        }
        for (list, bit) in lists {
            for &w in list {
                t.entry(w).class |= bit;
            }
        }
        t
    }

    /// The entry of `w` (not empty), added empty if new.
    pub(super) fn entry(&mut self, w: &'static str) -> &mut Word {
        let b = w.as_bytes();
        let (key, len) = (Self::key(b), u32::try_from(b.len()).unwrap_or(u32::MAX));
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key, b.len());
        while self.slots[i].1 != 0 && !(self.slots[i].0 == key && self.slots[i].1 == len && self.same(i, b)) {
            i = (i + 1) & mask;
        }
        self.max_len = self.max_len.max(b.len());
        self.slots[i].0 = key;
        self.slots[i].1 = len;
        if b.len() > 8 {
            self.long[i] = w;
        }
        &mut self.slots[i].2
    }

    /// Whether the word of slot `i`, whose key and length are those of `b`, is `b`.
    pub(super) fn same(&self, i: usize, b: &[u8]) -> bool {
        b.len() <= 8 || self.long.get(i).is_some_and(|w| w.as_bytes() == b)
    }

    /// The entry of a lowercase word's bytes (empty when it is in no list).
    #[inline(always)]
    pub(super) fn get(&self, b: &[u8]) -> Word {
        if b.is_empty() || b.len() > self.max_len {
            return Word::default();
        }
        let key = Self::key(b);
        let len = b.len() as u32; // at most `max_len`
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key, b.len());
        while let Some(&(k, l, info)) = self.slots.get(i) {
            if l == 0 {
                break;
            }
            if k == key && l == len && self.same(i, b) {
                return info;
            }
            i = (i + 1) & mask;
        }
        Word::default()
    }
}

pub(super) fn words() -> &'static WordTable {
    static WORDS: OnceLock<WordTable> = OnceLock::new();
    WORDS.get_or_init(WordTable::build)
}

/// The table entry of a lowercase word (empty when it is in no list).
#[cfg(test)]
pub(super) fn word(lower: &str) -> Word {
    words().get(lower.as_bytes())
}

/// The lowercase forms of a paragraph's tokens in one buffer (reused from paragraph to
/// paragraph): the paragraph's text with its ASCII letters lowercased, where a token's form is
/// the token's own range, then the forms ASCII lowercasing gets wrong (`É`, `Σ`), or of a
/// token outside the paragraph, each with its token.
#[derive(Default)]
pub(super) struct LowerBuf {
    pub(super) buf: String,
    /// (token index in the paragraph, start, end in `buf`), in token order.
    pub(super) extra: Vec<(usize, usize, usize)>,
}

/// A character that lowercasing leaves as it is (`’`, `—`, `é`, `a`).
pub(super) fn own_lowercase(c: char) -> bool {
    // General Punctuation (`’`, `“`, `—`, `…`), the most common non-ASCII characters of news
    // text, has no case: no table search for it.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return true;
    }
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

/// Whether lowercasing changes a non-ASCII character of `p` (`É`, `Σ`, not `’` or `é`). ASCII
/// stretches are skipped sixteen bytes at a time.
pub(super) fn non_ascii_case(p: &str) -> bool {
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
            // The high bits of the chunk's bytes, the first byte lowest: the ASCII bytes before
            // the first non-ASCII one are skipped at once.
            let high = u128::from_le_bytes(*chunk) & 0x8080_8080_8080_8080_8080_8080_8080_8080;
            if high == 0 {
                i += 16;
                continue;
            }
            i += (high.trailing_zeros() / 8) as usize;
        }
        if b[i].is_ascii() {
            i += 1;
            continue;
        }
        // `i` is a character boundary: only ASCII bytes and whole characters are skipped.
        let Some(c) = p.get(i..).and_then(|r| r.chars().next()) else { return true };
        if !own_lowercase(c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

impl LowerBuf {
    /// Fills the buffer for the paragraph `span` of `text`. Without `outside`, the tokens are
    /// taken to lie inside the paragraph (as they do but in broken input): a token outside it
    /// may then lack its form, which [`Para::new`] checks for, asking for a fill with `outside`.
    pub(super) fn fill(&mut self, text: &str, span: Span, tokens: &[Token], outside: bool) {
        self.buf.clear();
        self.extra.clear();
        let p = span.slice(text);
        self.buf.push_str(p);
        self.buf.make_ascii_lowercase();
        let inside = |t: &Token| span.start <= t.start && t.end <= span.end;
        if !outside && !non_ascii_case(p) {
            return;
        }
        for (k, t) in tokens.iter().enumerate() {
            let s = text.get(t.start..t.end).unwrap_or("");
            if inside(t) && s.chars().all(|c| c.is_ascii() || own_lowercase(c)) {
                continue;
            }
            let a = self.buf.len();
            self.buf.push_str(&s.to_lowercase());
            self.extra.push((k, a, self.buf.len()));
        }
    }
}
