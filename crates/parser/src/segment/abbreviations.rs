//! Abbreviations: the words whose period does not end a sentence (never, or not before a
//! capitalised word), and the packed word sets they are looked up in ([`WordSet`]).

use super::*;

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

/// The longest word `keeps_period` considers ("U.S.S.R", "Ph.D" are far shorter).
pub(super) const MAX_ABBREVIATION_LEN: usize = 32;

/// Whether `word` followed by "." is an abbreviation that keeps its period.
pub(super) fn keeps_period(word: &str) -> bool {
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
pub(super) fn alnum_keeps_period(word: &[u8]) -> bool {
    (word.len() == 1 && word[0].is_ascii_alphabetic()) || ABBREVIATIONS.contains(word)
}

/// An ASCII word of at most 7 bytes lowercased and packed into an integer (bytes and length,
/// never 0), for allocation-free lookups in word lists; `None` for longer or non-ASCII words.
pub(super) const fn packed_word_key(word: &[u8]) -> Option<u64> {
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
    pub(super) slots: [u64; WordSet::SLOTS],
}

impl WordSet {
    pub(super) const SLOTS: usize = 256;

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

    pub(super) const fn slot(key: u64) -> usize {
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
pub(super) static ABBREVIATIONS: WordSet = WordSet::new(&[NEVER_FINAL, MAYBE_FINAL]);

/// [`MAYBE_FINAL`].
pub(super) static MAYBE_FINAL_SET: WordSet = WordSet::new(&[MAYBE_FINAL]);

/// A token that ends with a period kept as an abbreviation that may end a sentence.
pub(super) fn maybe_final_abbreviation(tok: &str) -> bool {
    let Some(word) = tok.strip_suffix('.') else { return false };
    if MAYBE_FINAL_SET.contains(word.as_bytes()) {
        return true;
    }
    // Multi-letter dotted abbreviations (U.S., a.m., D.C.) may end a sentence; single initials don't.
    word.contains('.') && word.chars().any(char::is_alphabetic)
}
