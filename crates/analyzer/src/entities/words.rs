//! The normalised words of one article's names, interned: a name's key is a short list of
//! word ids, so comparing, hashing and indexing keys touches integers, not strings, and a
//! name's key costs no allocation per word.

use super::lexicon::{Packed, pack, starts_group_name};

/// A normalised word of the article being resolved (an index into [`Words`]).
pub(crate) type WordId = u32;

/// A name's key: the ids of its normalised words, a range of [`Words`]' keys (see
/// [`Words::key`]; two keys are equal when their words are, not their ranges).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Key {
    start: usize,
    end: usize,
}

impl Key {
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// The distinct normalised words of one article, by id (cleared for each article; the
/// buffers are kept).
#[derive(Default)]
pub(crate) struct Words {
    /// The words, one after another (UTF-8).
    text: Vec<u8>,
    /// (start, end) of each word in `text`, by id.
    spans: Vec<(usize, usize)>,
    /// Whether each word is the first word of a name in a name group ([`starts_group_name`]).
    group_first: Vec<bool>,
    /// Open addressing table of (the top half of the word's hash, id + 1; 0: empty), a power
    /// of two long, at most half full: a word is found by comparing integers (its hash, then
    /// its packed form), in a table of 8 bytes a slot (one of 32, holding the packed word,
    /// outgrew the caches for the story layer's tables of many words).
    slots: Vec<(u32, WordId)>,
    /// The packed form of each word (or [`LONG`]), by id.
    packs: Vec<Packed>,
    /// The slot of each word, by id (to empty the table without a pass over all of it).
    slot_of: Vec<usize>,
    /// A long word being normalised (reused buffer).
    scratch: Vec<u8>,
    /// The words of every [`Key`] made, one key after another.
    keys: Vec<WordId>,
}

use crate::packed::GOLDEN as MUL;

/// The packed form in a slot of a word too long to pack (no packed word is this: their top
/// byte, the length, is below 16).
const LONG: Packed = Packed::MAX;

/// A word's packed form, or [`LONG`].
fn packed(w: &[u8]) -> Packed {
    pack(w).unwrap_or(LONG)
}

/// Hash of a word with packed form `p`.
fn hash(p: Packed, w: &[u8]) -> u64 {
    if p == LONG {
        return hash_bytes(w);
    }
    let h = ((p as u64) ^ ((p >> 64) as u64).rotate_left(32)).wrapping_mul(MUL);
    h ^ (h >> 29)
}

/// The part of a word's hash a slot keeps (the top half: the bottom one picks the slot).
#[inline]
fn tag(h: u64) -> u32 {
    (h >> 32) as u32
}

fn hash_bytes(w: &[u8]) -> u64 {
    let mut chunks = w.chunks_exact(8);
    let mut h = (w.len() as u64).wrapping_mul(MUL);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(b)).wrapping_mul(MUL);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(b)).wrapping_mul(MUL);
    }
    h ^ (h >> 32)
}

/// In [`NAME_BYTES`]: the byte ends a word.
const SEPARATOR: u8 = 0xff;

/// What a name's byte is to [`Words::push_ascii_name`], in one lookup: [`SEPARATOR`] (ASCII
/// whitespace or a hyphen), 0 (dropped), else the byte kept (a letter or digit, lowercase).
static NAME_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if matches!(b, b'\t'..=b'\r' | b' ' | b'-') {
            SEPARATOR
        } else if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            0
        };
        i += 1;
    }
    table
};

impl Words {
    /// An empty table with room for about `n` words before it grows (a table that grows is
    /// hashed again each time it doubles).
    pub fn with_capacity(n: usize) -> Self {
        let mut words = Words::default();
        words.slots.resize((2 * n).next_power_of_two().max(256), (0, 0));
        words
    }

    /// Forget the previous article's words.
    pub fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.packs.clear();
        self.group_first.clear();
        for &i in &self.slot_of {
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = (0, 0);
            }
        }
        self.slot_of.clear();
        self.keys.clear();
    }

    /// The word ids of `key`.
    pub fn key(&self, key: Key) -> &[WordId] {
        self.keys.get(key.start..key.end).unwrap_or_default()
    }

    /// Start a key: the words pushed from now on ([`Words::push`]) until
    /// [`Words::finish_key`] are its words.
    pub fn start_key(&self) -> usize {
        self.keys.len()
    }

    /// The key of the words pushed since `start` (a [`Words::start_key`]).
    pub fn finish_key(&self, start: usize) -> Key {
        Key { start: start.min(self.keys.len()), end: self.keys.len() }
    }

    /// Push word `id` to the key being made.
    pub fn push(&mut self, id: WordId) {
        self.keys.push(id);
    }

    /// The word with id `id`.
    pub fn str(&self, id: WordId) -> &str {
        std::str::from_utf8(self.bytes(id)).unwrap_or_default()
    }

    /// The bytes of word `id`.
    pub fn bytes(&self, id: WordId) -> &[u8] {
        self.spans.get(id as usize).and_then(|&(s, e)| self.text.get(s..e)).unwrap_or_default()
    }

    /// The first word of some name of a name group is word `id`.
    pub fn starts_group_name(&self, id: WordId) -> bool {
        self.group_first.get(id as usize).copied().unwrap_or(false)
    }

    /// The id of `word`, added if new.
    pub fn id(&mut self, word: &str) -> WordId {
        self.id_of_bytes(word.as_bytes())
    }

    /// The number of distinct words (the next new word's id).
    pub fn count(&self) -> usize {
        self.spans.len()
    }

    /// The id of `word`, if it was added.
    pub fn get(&self, word: &str) -> Option<WordId> {
        if self.slots.is_empty() {
            return None;
        }
        self.probe(word.as_bytes()).0.ok()
    }

    /// Where `word` is in the table: `Ok(id)` when it was added, else `Err(slot)`, the empty slot
    /// it would take; with its packed form and hash. The table must not be empty.
    fn probe(&self, word: &[u8]) -> (Result<WordId, usize>, Packed, u64) {
        let mask = self.slots.len() - 1;
        let p = packed(word);
        let h = hash(p, word);
        let mut i = h as usize & mask;
        loop {
            match self.slots[i] {
                (_, 0) => return (Err(i), p, h),
                (t, s) if t == tag(h) && self.is(s - 1, p, word) => return (Ok(s - 1), p, h),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Push the normalised words of the ASCII name `name` to the key being made: words split
    /// at ASCII whitespace and hyphens, each its letters and digits, lowercase; words with
    /// none dropped (one pass over the name).
    pub fn push_ascii_name(&mut self, name: &[u8]) {
        let mut buf = [0u8; 32];
        let (mut n, mut start) = (0, 0);
        for (i, &b) in name.iter().enumerate() {
            match NAME_BYTES[usize::from(b)] {
                SEPARATOR => {
                    self.push_word(&buf, n, name.get(start..i).unwrap_or_default());
                    (n, start) = (0, i + 1);
                }
                0 => {}
                lower => {
                    if let Some(slot) = buf.get_mut(n) {
                        *slot = lower;
                    }
                    n += 1;
                }
            }
        }
        self.push_word(&buf, n, name.get(start..).unwrap_or_default());
    }

    /// Push the id of `word` with its `n` letters and digits lowercase in `buf` (when they fit).
    fn push_word(&mut self, buf: &[u8], n: usize, word: &[u8]) {
        if n == 0 {
            return;
        }
        let id = match buf.get(..n) {
            Some(lower) => self.id_of_bytes(lower),
            None => self.id_ascii_word(word),
        };
        self.keys.push(id);
    }

    /// The id of the normalised ASCII word `w`: its letters and digits, lowercase.
    pub fn id_ascii_word(&mut self, w: &[u8]) -> WordId {
        let mut buf = [0u8; 32];
        if w.len() <= buf.len() {
            let mut n = 0;
            for &b in w {
                // (`n` is at most the index of `b`: in bounds; a dropped byte is overwritten)
                buf[n] = b.to_ascii_lowercase();
                n += usize::from(b.is_ascii_alphanumeric());
            }
            return self.id_of_bytes(&buf[..n]);
        }
        let mut long = std::mem::take(&mut self.scratch);
        long.clear();
        long.extend(w.iter().filter(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_lowercase));
        let id = self.id_of_bytes(&long);
        self.scratch = long;
        id
    }

    /// The id of the word of UTF-8 bytes `word`, added if new.
    fn id_of_bytes(&mut self, word: &[u8]) -> WordId {
        if self.slots.len() < 2 * (self.spans.len() + 1) {
            self.grow();
        }
        let (i, p, h) = match self.probe(word) {
            (Ok(id), ..) => return id,
            (Err(i), p, h) => (i, p, h),
        };
        let id = self.spans.len() as WordId;
        let start = self.text.len();
        self.text.extend_from_slice(word);
        self.spans.push((start, self.text.len()));
        self.packs.push(p);
        self.group_first.push(p != LONG && starts_group_name(p));
        self.slots[i] = (tag(h), id + 1);
        self.slot_of.push(i);
        id
    }

    /// Word `id` is `word`, packed as `p`.
    #[inline]
    fn is(&self, id: WordId, p: Packed, word: &[u8]) -> bool {
        self.packs.get(id as usize) == Some(&p) && (p != LONG || self.bytes(id) == word)
    }

    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(256);
        self.slots.clear();
        self.slots.resize(len, (0, 0));
        let mask = len - 1;
        for id in 0..self.spans.len() {
            let word = self.bytes(id as WordId);
            let h = hash(self.packs[id], word);
            let mut i = h as usize & mask;
            while self.slots[i].1 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (tag(h), id as WordId + 1);
            self.slot_of[id] = i;
        }
    }
}
