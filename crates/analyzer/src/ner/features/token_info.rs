//! What the features need to know of a word ([`TokInfo`], from [`analyze`]), with the resources
//! it draws on: the gazetteer and the word clusters.

use super::*;

/// Gazetteer bits: 0..4 full-entry type mask; 4..20 token-in-entity (type × B/I/L/U);
/// bit 20: the key is a proper prefix of a longer entry.
pub(super) const GAZ_PREFIX: u32 = 1 << 20;
/// Longest gazetteer entry, in tokens.
pub const GAZ_MAX_LEN: usize = 8;

/// Lowercase token sequences of names, with their types.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    pub map: IdMap<u32>,
}

impl Gazetteer {
    /// Adds a name (its tokens) of type index `ty`.
    pub fn add(&mut self, tokens: &[&str], ty: usize) {
        if tokens.is_empty() || tokens.len() > GAZ_MAX_LEN || ty >= 4 {
            return;
        }
        let mut buf = String::new();
        let lws: Vec<u64> = tokens.iter().map(|t| hash_bytes(lowercase(t, &mut buf).as_bytes())).collect();
        let n = lws.len();
        let mut h = SEQ_SEED;
        for (k, &lw) in lws.iter().enumerate() {
            h = seq_step(h, lw);
            let e = self.map.entry(h).or_insert(0);
            if k + 1 < n {
                *e |= GAZ_PREFIX;
            } else {
                *e |= 1 << ty;
            }
        }
        for (k, &lw) in lws.iter().enumerate() {
            let pos = if n == 1 {
                3
            } else if k == 0 {
                0
            } else if k + 1 == n {
                2
            } else {
                1
            };
            *self.map.entry(seq_step(SEQ_SEED, lw)).or_insert(0) |= 1 << (4 + ty * 4 + pos);
        }
    }
}

/// Word clusters: word hash → `depth << 24 | path` (a bit string of `depth` bits, ≤ 24).
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    pub map: IdMap<u32>,
}

impl Clusters {
    pub fn insert(&mut self, word: &str, path: u32, depth: u32) {
        let depth = depth.min(24);
        self.map.insert(hash_bytes(word.as_bytes()), (depth << 24) | (path & ((1 << depth) - 1)));
    }
}

/// What the feature extractor needs besides the tokens.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    pub gaz: Gazetteer,
    pub clusters: Clusters,
}

// ---- Token analysis

/// Capitalisation classes.
pub const CAP_PUNCT: u8 = 0;
pub const CAP_LOWER: u8 = 1;
pub const CAP_TITLE: u8 = 2;
pub const CAP_UPPER: u8 = 3;
pub const CAP_DIGIT: u8 = 4;
pub const CAP_MIXED: u8 = 5;
pub(super) const CAP_BOUNDARY: u64 = 6;

/// The lowercase form of a token (in `buf`).
pub fn lowercase<'a>(word: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    buf.as_str()
}

/// What the features need to know of a word (it depends on the word and the resources only).
#[derive(Clone, Copy, Default)]
pub(crate) struct TokInfo {
    /// Hash of the word.
    pub(crate) w: u64,
    /// Hash of its lowercase form.
    pub(crate) lw: u64,
    /// Dense id of its lowercase form among those of the [`TokenCache`] holding it.
    pub(crate) lid: u32,
    pub(super) shape: u64,
    /// Dense id of its shape among those of the [`TokenCache`] holding it.
    pub(super) sid: u32,
    pub(super) affix: [u64; 8],
    pub(super) cls: [u64; 4],
    pub(super) gaz_tok: u32,
    /// The gazetteer's bits for the one-token sequence of the word (0: none), the first step of
    /// every gazetteer match starting at the word.
    pub(super) gaz1: u32,
    /// Capitalisation class.
    pub(crate) cap: u8,
    pub(super) len: u8,
    upper: u32,
    pub(super) has_lower: bool,
    pub(super) has_alpha: bool,
}

impl TokInfo {
    /// What the context features need of the word.
    pub(super) fn doc_tok(&self) -> DocTok {
        DocTok {
            w: self.w,
            lw: self.lw,
            lid: self.lid,
            sid: self.sid,
            gaz_tok: self.gaz_tok,
            gaz1: self.gaz1,
            cap: self.cap,
            has_lower: self.has_lower,
            has_alpha: self.has_alpha,
            two_upper: self.upper >= 2,
        }
    }
}

/// The part of a [`TokInfo`] that the document passes of the feature extraction read (see
/// [`TokInfo`] for the fields), small enough to be copied per token of a document into one dense
/// array.
#[derive(Clone, Copy, Default)]
pub(crate) struct DocTok {
    pub(super) w: u64,
    pub(super) lw: u64,
    pub(crate) lid: u32,
    pub(super) sid: u32,
    pub(super) gaz_tok: u32,
    pub(super) gaz1: u32,
    pub(crate) cap: u8,
    pub(super) has_lower: bool,
    pub(super) has_alpha: bool,
    /// Whether the word has two capital letters or more.
    pub(super) two_upper: bool,
}

/// Longest shape kept, in characters: longer ones end in `~`.
const SHAPE_MAX: usize = 40;

/// The analysis of a word whose hash is `w`.
pub(crate) fn analyze(word: &str, w: u64, res: &Resources, buf: &mut String, shape: &mut Vec<u8>) -> TokInfo {
    let mut info = TokInfo { w, ..TokInfo::default() };
    let ascii = word.is_ascii();
    let letters = if ascii { scan_ascii_word(word, shape) } else { scan_word(word, shape) };
    info.shape = hash_bytes(shape);
    info.len = letters.chars.min(12) as u8;
    info.upper = letters.upper;
    info.has_lower = letters.lower > 0;
    info.has_alpha = letters.upper + letters.lower > 0;
    info.cap = letters.case_class();
    // An ASCII word without capitals is its own lowercase form (and has its hash already).
    let plain = ascii && letters.upper == 0;
    let lw = if plain { word } else { lowercase(word, buf) };
    info.lw = if plain { w } else { hash_bytes(lw.as_bytes()) };
    // Affixes of the lowercase form, 1..=4 characters (of an ASCII word: bytes).
    if ascii {
        ascii_affixes(lw.as_bytes(), &mut info.affix);
    } else {
        affixes(lw, letters.chars, &mut info.affix);
    }
    if let Some(&packed) = res.clusters.map.get(&info.w) {
        info.cls = cluster_prefixes(packed);
    }
    if let Some(&bits) = res.gaz.map.get(&seq_step(SEQ_SEED, info.lw)) {
        info.gaz_tok = (bits >> 4) & 0xFFFF;
        info.gaz1 = bits;
    }
    info
}

/// What [`analyze`] counts of a word's characters.
struct LetterCounts {
    upper: u32,
    lower: u32,
    digit: u32,
    /// Characters in all.
    chars: usize,
    /// Whether the first character is a capital.
    first_upper: bool,
    /// Whether no character after the first is a capital.
    rest_lower: bool,
}

impl LetterCounts {
    /// The word's capitalisation class (`CAP_*`).
    fn case_class(&self) -> u8 {
        if self.upper + self.lower == 0 {
            if self.digit > 0 { CAP_DIGIT } else { CAP_PUNCT }
        } else if self.first_upper {
            if self.lower == 0 {
                CAP_UPPER
            } else if self.rest_lower {
                CAP_TITLE
            } else {
                CAP_MIXED
            }
        } else if self.upper == 0 {
            CAP_LOWER
        } else {
            CAP_MIXED
        }
    }
}

/// Appends the shape class `s` of the `k`-th character to `shape` (repeats collapsed, cut at
/// [`SHAPE_MAX`]); `last` is the class appended last.
#[inline(always)]
fn push_shape(shape: &mut Vec<u8>, last: &mut u8, k: usize, s: u8) {
    if k < SHAPE_MAX && s != *last {
        shape.push(s);
        *last = s;
    } else if k == SHAPE_MAX {
        shape.push(b'~');
    }
}

/// The letter counts and the shape (into `shape`) of an ASCII word (whose only numeric
/// characters are digits): the same classes as [`scan_word`].
fn scan_ascii_word(word: &str, shape: &mut Vec<u8>) -> LetterCounts {
    let mut n = LetterCounts { upper: 0, lower: 0, digit: 0, chars: 0, first_upper: false, rest_lower: true };
    shape.clear();
    let mut last = 0u8;
    for (k, &c) in word.as_bytes().iter().enumerate() {
        let s = if c.is_ascii_uppercase() {
            n.upper += 1;
            if k == 0 {
                n.first_upper = true;
            } else {
                n.rest_lower = false;
            }
            b'X'
        } else if c.is_ascii_lowercase() {
            n.lower += 1;
            b'x'
        } else if c.is_ascii_digit() {
            n.digit += 1;
            b'd'
        } else {
            c
        };
        push_shape(shape, &mut last, k, s);
    }
    n.chars = word.len();
    n
}

/// The letter counts and the shape (into `shape`) of a word with non-ASCII characters.
fn scan_word(word: &str, shape: &mut Vec<u8>) -> LetterCounts {
    let mut n = LetterCounts { upper: 0, lower: 0, digit: 0, chars: 0, first_upper: false, rest_lower: true };
    shape.clear();
    let mut last = 0u8;
    for (k, c) in word.chars().enumerate() {
        n.chars += 1;
        let s = if c.is_uppercase() {
            n.upper += 1;
            if k == 0 {
                n.first_upper = true;
            }
            b'X'
        } else if c.is_lowercase() {
            n.lower += 1;
            b'x'
        } else if c.is_ascii_digit() || c.is_numeric() {
            n.digit += 1;
            b'd'
        } else if c.is_alphabetic() {
            n.lower += 1;
            b'x'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'*'
        };
        if k > 0 && c.is_uppercase() {
            n.rest_lower = false;
        }
        push_shape(shape, &mut last, k, s);
    }
    n
}

/// The prefix and suffix features (1 to 4 bytes; `affix[k - 1]`, `affix[3 + k]`) of an ASCII
/// lowercase form `b` of two bytes or more.
#[inline]
fn ascii_affixes(b: &[u8], affix: &mut [u64; 8]) {
    let n = b.len();
    if n >= 2 {
        // `hash_bytes` of the first and last k bytes, from the first and last (up to) eight
        // bytes read once: a k-byte input is hashed as its little-endian word.
        let m = n.min(8);
        let (head, tail) = (le_word(&b[..m]), le_word(&b[n - m..]));
        for k in 1..=4usize.min(n - 1) {
            let h = 0x243F_6A88_85A3_08D3 ^ (k as u64).wrapping_mul(K);
            let prefix = fmix(mix(h, head & ((1 << (8 * k)) - 1)));
            let suffix = fmix(mix(h, tail >> (8 * (m - k))));
            affix[k - 1] = feat2(template::PREFIX, k as u64, prefix);
            affix[3 + k] = feat2(template::SUFFIX, k as u64, suffix);
        }
    }
}

/// The prefix and suffix features (1 to 4 characters) of a non-ASCII lowercase form `lw` of a
/// word of `nchars` characters, as [`ascii_affixes`].
#[inline]
fn affixes(lw: &str, nchars: usize, affix: &mut [u64; 8]) {
    let b = lw.as_bytes();
    let mut front = lw.char_indices().map(|(i, _)| i).skip(1);
    let mut back = lw.char_indices().rev().map(|(i, _)| i);
    let nc = if nchars > 5 { 5 } else { lw.chars().count() };
    for k in 1..=4usize.min(nc.saturating_sub(1)) {
        if let Some(end) = front.next() {
            affix[k - 1] = feat2(template::PREFIX, k as u64, hash_bytes(&b[..end]));
        }
        if let Some(start) = back.next() {
            affix[3 + k] = feat2(template::SUFFIX, k as u64, hash_bytes(&b[start..]));
        }
    }
}

/// The word's cluster path prefixes of 4, 8, 12 and all (up to 24) bits, as [`TokInfo::cls`]
/// values, from its [`Clusters`] entry.
#[inline]
fn cluster_prefixes(packed: u32) -> [u64; 4] {
    let depth = packed >> 24;
    let path = packed & 0xFF_FFFF;
    let mut cls = [0; 4];
    for (j, len) in [4u32, 8, 12, 24].into_iter().enumerate() {
        let l = len.min(depth);
        let p = if depth > l { path >> (depth - l) } else { path };
        cls[j] = ((l as u64) << 32 | p as u64) + 1;
    }
    cls
}
