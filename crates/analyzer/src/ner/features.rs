//! Feature extraction, shared by the tagger and its trainer (`cargo xtask train-ner`).
//!
//! Every feature is a 64-bit hash of a template id and its values. Token-level information (word,
//! lowercase form, shape, affixes, word cluster, gazetteer membership) is computed once per token;
//! the emission features of a token combine those of a ±2 window with sentence- and
//! document-level information (all-caps headlines, the case and capitalised runs the same word
//! shows elsewhere in the document). A second stage adds non-local features from the first
//! stage's predictions over the whole document ([`stage2_features`]).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Describes the feature set; its hash is stored in model files, so a model trained with another
/// feature set is detected as stale. Change it whenever extraction changes.
pub const FEATURE_SPEC: &str = "storyline-ner features v1: bias w lw lw[-2..2] lw-bigrams shape[-1..1] \
     shape-bi/trigrams len affixes(lc,1-4) cap-window initial clusters(4,8,12,all;±1) gaz-token gaz-match \
     doc-case doc-run alt-form | stage2: tag[-1..1] doc-major doc-seen doc-in-multi";

/// Hash of [`FEATURE_SPEC`].
pub fn feature_version() -> u64 {
    hash_bytes(FEATURE_SPEC.as_bytes())
}

// ---------------------------------------------------------------------------------------------
// Hashing

const K: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(K).rotate_left(31)
}

/// A fast, platform-independent 64-bit hash of bytes.
#[inline]
pub fn hash_bytes(b: &[u8]) -> u64 {
    fmix(hash_state(b))
}

/// [`hash_bytes`] but its last step, [`fmix`], a bijection: two inputs have the same state exactly
/// when they have the same hash, so the state can stand for the hash as a key.
#[inline]
fn hash_state(b: &[u8]) -> u64 {
    let mut h = 0x243F_6A88_85A3_08D3 ^ (b.len() as u64).wrapping_mul(K);
    // Most words: at most one word of bytes (the same steps as below, without the loop).
    if b.len() <= 8 {
        if b.len() == 8 {
            h = mix(h, u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
        } else if !b.is_empty() {
            h = mix(h, tail_word(b, b));
        }
        return h;
    }
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(buf));
    }
    let r = chunks.remainder();
    if !r.is_empty() {
        h = mix(h, tail_word(b, r));
    }
    h
}

/// The last `r.len()` (1 to 7) bytes of `b` (which end with `r`) as a little-endian word padded
/// with zeros, read without a copy: by overlapping loads.
#[inline(always)]
fn tail_word(b: &[u8], r: &[u8]) -> u64 {
    let n = r.len();
    let le4 = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as u64;
    if b.len() >= 8 {
        let last = &b[b.len() - 8..];
        let w = u64::from_le_bytes([last[0], last[1], last[2], last[3], last[4], last[5], last[6], last[7]]);
        w >> (8 * (8 - n))
    } else if n >= 4 {
        // Bytes 0..4 and n-4..n (the overlap holds the same bytes at the same places).
        le4(r) | le4(&r[n - 4..]) << (8 * (n - 4))
    } else {
        r[0] as u64 | (r[n / 2] as u64) << (8 * (n / 2)) | (r[n - 1] as u64) << (8 * (n - 1))
    }
}

/// The 1 to 8 bytes of `b` as a little-endian word (padded with zeros).
#[inline(always)]
fn le_word(b: &[u8]) -> u64 {
    match b.len() {
        8 => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        _ => tail_word(b, b),
    }
}

#[inline]
fn feat(t: u32, a: u64) -> u64 {
    fmix(mix(mix(0x1234_5678_9ABC_DEF1, t as u64), a))
}

#[inline]
fn feat2(t: u32, a: u64, b: u64) -> u64 {
    fmix(mix(mix(mix(0x1234_5678_9ABC_DEF1, t as u64), a), b))
}

#[inline]
fn feat3(t: u32, a: u64, b: u64, c: u64) -> u64 {
    fmix(mix(mix(mix(mix(0x1234_5678_9ABC_DEF1, t as u64), a), b), c))
}

const SEQ_SEED: u64 = 0x005E_ED0F_6A2E_77E1;

/// One step of the hash of a lowercase token sequence (gazetteer keys).
#[inline]
fn seq_step(h: u64, lw: u64) -> u64 {
    fmix(mix(h, lw))
}

/// A hasher passing `u64` keys through (they are hashes already).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by 64-bit hashes.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

// ---------------------------------------------------------------------------------------------
// Resources: gazetteer and word clusters

/// Gazetteer bits: 0..4 full-entry type mask; 4..20 token-in-entity (type × B/I/L/U);
/// bit 20: the key is a proper prefix of a longer entry.
const GAZ_PREFIX: u32 = 1 << 20;
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

// ---------------------------------------------------------------------------------------------
// Token analysis

/// Capitalisation classes.
pub const CAP_PUNCT: u8 = 0;
pub const CAP_LOWER: u8 = 1;
pub const CAP_TITLE: u8 = 2;
pub const CAP_UPPER: u8 = 3;
pub const CAP_DIGIT: u8 = 4;
pub const CAP_MIXED: u8 = 5;
const CAP_BOUNDARY: u64 = 6;

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
    shape: u64,
    /// Dense id of its shape among those of the [`TokenCache`] holding it.
    sid: u32,
    affix: [u64; 8],
    cls: [u64; 4],
    gaz_tok: u32,
    /// The gazetteer's bits for the one-token sequence of the word (0: none), the first step of
    /// every gazetteer match starting at the word.
    gaz1: u32,
    /// Capitalisation class.
    pub(crate) cap: u8,
    len: u8,
    upper: u32,
    has_lower: bool,
    has_alpha: bool,
}

impl TokInfo {
    /// What the context features need of the word.
    fn doc_tok(&self) -> DocTok {
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
    w: u64,
    lw: u64,
    pub(crate) lid: u32,
    sid: u32,
    gaz_tok: u32,
    gaz1: u32,
    pub(crate) cap: u8,
    has_lower: bool,
    has_alpha: bool,
    /// Whether the word has two capital letters or more.
    two_upper: bool,
}

const SHAPE_MAX: usize = 40;

/// The analysis of a word whose hash is `w`.
pub(crate) fn analyze(word: &str, w: u64, res: &Resources, buf: &mut String, shape: &mut Vec<u8>) -> TokInfo {
    let mut info = TokInfo { w, ..TokInfo::default() };
    let (mut upper, mut lower, mut digit, mut nchars) = (0u32, 0u32, 0u32, 0usize);
    let mut first_upper = false;
    let mut rest_lower = true;
    shape.clear();
    let mut last = 0u8;
    let mut push_shape = |k: usize, s: u8| {
        if k < SHAPE_MAX && s != last {
            shape.push(s);
            last = s;
        } else if k == SHAPE_MAX {
            shape.push(b'~');
        }
    };
    let ascii = word.is_ascii();
    if ascii {
        // The same classes as below, for ASCII (whose only numeric characters are digits).
        for (k, &c) in word.as_bytes().iter().enumerate() {
            let s = if c.is_ascii_uppercase() {
                upper += 1;
                if k == 0 {
                    first_upper = true;
                } else {
                    rest_lower = false;
                }
                b'X'
            } else if c.is_ascii_lowercase() {
                lower += 1;
                b'x'
            } else if c.is_ascii_digit() {
                digit += 1;
                b'd'
            } else {
                c
            };
            push_shape(k, s);
        }
        nchars = word.len();
    } else {
        for (k, c) in word.chars().enumerate() {
            nchars += 1;
            let s = if c.is_uppercase() {
                upper += 1;
                if k == 0 {
                    first_upper = true;
                }
                b'X'
            } else if c.is_lowercase() {
                lower += 1;
                b'x'
            } else if c.is_ascii_digit() || c.is_numeric() {
                digit += 1;
                b'd'
            } else if c.is_alphabetic() {
                lower += 1;
                b'x'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'*'
            };
            if k > 0 && c.is_uppercase() {
                rest_lower = false;
            }
            push_shape(k, s);
        }
    }
    info.shape = hash_bytes(shape);
    info.len = nchars.min(12) as u8;
    info.upper = upper;
    info.has_lower = lower > 0;
    info.has_alpha = upper + lower > 0;
    info.cap = if upper + lower == 0 {
        if digit > 0 { CAP_DIGIT } else { CAP_PUNCT }
    } else if first_upper {
        if lower == 0 {
            CAP_UPPER
        } else if rest_lower {
            CAP_TITLE
        } else {
            CAP_MIXED
        }
    } else if upper == 0 {
        CAP_LOWER
    } else {
        CAP_MIXED
    };
    // An ASCII word without capitals is its own lowercase form (and has its hash already).
    let plain = ascii && upper == 0;
    let lw = if plain { word } else { lowercase(word, buf) };
    info.lw = if plain { w } else { hash_bytes(lw.as_bytes()) };
    // Affixes of the lowercase form, 1..=4 characters (of an ASCII word: bytes).
    let b = lw.as_bytes();
    if ascii {
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
                info.affix[k - 1] = feat2(10, k as u64, prefix);
                info.affix[3 + k] = feat2(11, k as u64, suffix);
            }
        }
    } else {
        let mut front = lw.char_indices().map(|(i, _)| i).skip(1);
        let mut back = lw.char_indices().rev().map(|(i, _)| i);
        let nc = if nchars > 5 { 5 } else { lw.chars().count() };
        for k in 1..=4usize.min(nc.saturating_sub(1)) {
            if let Some(end) = front.next() {
                info.affix[k - 1] = feat2(10, k as u64, hash_bytes(&b[..end]));
            }
            if let Some(start) = back.next() {
                info.affix[3 + k] = feat2(11, k as u64, hash_bytes(&b[start..]));
            }
        }
    }
    if let Some(&packed) = res.clusters.map.get(&info.w) {
        let depth = packed >> 24;
        let path = packed & 0xFF_FFFF;
        for (j, len) in [4u32, 8, 12, 24].into_iter().enumerate() {
            let l = len.min(depth);
            let p = if depth > l { path >> (depth - l) } else { path };
            info.cls[j] = ((l as u64) << 32 | p as u64) + 1;
        }
    }
    if let Some(&bits) = res.gaz.map.get(&seq_step(SEQ_SEED, info.lw)) {
        info.gaz_tok = (bits >> 4) & 0xFFFF;
        info.gaz1 = bits;
    }
    info
}

// ---------------------------------------------------------------------------------------------
// Document features

/// The sentences of a document, flattened: all its words in order (as UTF-8 bytes: `&str`s, or
/// the byte ranges of a text, which cost no char-boundary checks to cut), and the number of words
/// of each sentence (lengths past the end of `words` are cut short). Lets callers hand over a
/// document without a vector per sentence.
pub struct Sentences<'a, S> {
    pub words: &'a [S],
    pub lens: &'a [usize],
}

impl<S> Clone for Sentences<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Sentences<'_, S> {}

/// The base (stage-1) features of a document.
#[derive(Clone, Default)]
pub struct DocFeatures {
    /// Feature hashes of all tokens, flattened.
    pub feats: Vec<u64>,
    /// Token `k`'s features are `feats[tok_start[k]..tok_start[k + 1]]`; `len = tokens + 1`. When
    /// extracted by `extract_context`, `k` counts the tokens that may be names only (the others
    /// have no features there).
    pub tok_start: Vec<u32>,
    /// Sentence `s` is tokens `sent_start[s]..sent_start[s + 1]`; `len = sentences + 1`.
    pub sent_start: Vec<usize>,
    /// Per token: hash of the lowercase form (filled by [`extract`] only).
    pub lw: Vec<u64>,
    /// Per token: capitalisation class (filled by [`extract`] only).
    pub cap: Vec<u8>,
    /// When extracted by [`extract_context`]: per token that may be a name, the ids its context
    /// features of [`shape_features`] and [`capw_feature`] are made of (those features are then
    /// left out of `feats`: the tagger knows their rows by these ids).
    pub(crate) ctx: Vec<ContextIds>,
    /// When extracted by [`extract_context`]: the [`small_feature`] codes of the features with few
    /// possible values, which are then left out of `feats` (the tagger knows their rows by code).
    /// The `k`-th token that may be a name has `small[small_start[k]..small_start[k + 1]]`.
    pub(crate) small: Vec<u16>,
    pub(crate) small_start: Vec<u32>,
    /// When extracted by [`extract_context`]: per token that may be a name, the [`base_codes`]
    /// code of its bias, sentence-initial case and document case features (which are then left
    /// out of `small`).
    pub(crate) base: Vec<u8>,
    /// Per token: whether it may be part of a name (see `may_be_name`). When extracted by
    /// `extract_context`, tokens that may not have no context features: the tagger tags them `O`.
    pub may_name: Vec<bool>,
}

impl DocFeatures {
    pub fn n_tokens(&self) -> usize {
        self.may_name.len()
    }

    /// Features of token `k` (document-wide index; of all features, from [`extract`]).
    pub fn token(&self, k: usize) -> &[u64] {
        let s = self.tok_start[k] as usize;
        let e = self.tok_start[k + 1] as usize;
        &self.feats[s..e]
    }
}

#[derive(Clone, Copy, Default)]
struct DocStat {
    /// Whether it was seen lowercase, and capitalised (only that counts).
    lower: bool,
    title: bool,
    run: u8,
    alt: u64,
}

// Template ids.
const T_BIAS: u32 = 1;
const T_W: u32 = 2;
const T_LW: u32 = 3;
const T_LWD: u32 = 4;
const T_LW2L: u32 = 5;
const T_LW2R: u32 = 6;
const T_SH: u32 = 7;
const T_SHD: u32 = 8;
const T_SH2L: u32 = 9;
const T_SH2R: u32 = 12;
const T_SH3: u32 = 13;
const T_LEN: u32 = 14;
const T_CAPW: u32 = 15;
const T_INIT: u32 = 16;
const T_CLS0: u32 = 17;
const T_CLSD: u32 = 18;
const T_GAZT: u32 = 19;
const T_GAZM: u32 = 20;
const T_DOCCASE: u32 = 21;
const T_DOCRUN: u32 = 22;
const T_ALTW: u32 = 23;
const T_GAZTW: u32 = 24;
const T_S2TAG: u32 = 40;
const T_S2MAJ: u32 = 41;
const T_S2SEEN: u32 = 42;
const T_S2MULTI: u32 = 43;

const BOS: u64 = 0xB05_B05_B05;
const EOS: u64 = 0xE05_E05_E05;

// Codes of the features with few possible values (see [`small_feature`]), by template: the first
// code of each, then how many values follow.
/// `T_BIAS`.
const S_BIAS: usize = 0;
/// `T_INIT`: `sentence-initial | cap << 1 | all-caps sentence << 4` (cap < 8).
const S_INIT: usize = S_BIAS + 1;
/// `T_DOCCASE`: 7 bits.
const S_DOCCASE: usize = S_INIT + 32;
/// `T_DOCRUN`: `run << 3 | cap` (run: 4 bits).
const S_DOCRUN: usize = S_DOCCASE + 128;
/// `T_GAZM`: the bit (< 16).
const S_GAZM: usize = S_DOCRUN + 128;
/// `T_S2TAG` of the token's tag (< NT).
const S_S2TAG: usize = S_GAZM + 16;
/// `T_S2TAG` of the previous token's tag; `NT`: none (the sentence start).
const S_S2PREV: usize = S_S2TAG + NT;
/// `T_S2TAG` of the next token's tag; `NT`: none (the sentence end).
const S_S2NEXT: usize = S_S2PREV + NT + 1;
/// `T_S2MAJ`: `major type << 3 | cap` (major type ≤ 4).
const S_S2MAJ: usize = S_S2NEXT + NT + 1;
/// `T_S2SEEN`: the type (< 4).
const S_S2SEEN: usize = S_S2MAJ + 40;
/// `T_S2MULTI`: the type mask (< 16).
const S_S2MULTI: usize = S_S2SEEN + 4;
/// Number of [`small_feature`] codes.
pub(crate) const N_SMALL: usize = S_S2MULTI + 16;

/// Number of `T_INIT` values: the first [`base_codes`] codes.
const N_INIT: usize = 32;
/// Number of [`base_codes`] codes.
pub(crate) const N_BASE: usize = N_INIT + 128;

/// The [`small_feature`] codes of the features a token always has, by the base code of
/// [`DocFeatures::base`]: the bias and the sentence-initial case, from their code `c < N_INIT`;
/// for a token with letters, these and its document case, from the `T_DOCCASE` value `c - N_INIT`
/// (which holds the sentence-initial case's bits). The tagger sums their weights per code.
pub(crate) fn base_codes(c: usize) -> Vec<usize> {
    if c < N_INIT {
        return vec![S_BIAS, S_INIT + c];
    }
    let dc = c - N_INIT;
    // `dc = cap | initial << 3 | all-caps << 4 | ...`; `init = initial | cap << 1 | all-caps << 4`.
    let init = (dc >> 3 & 1) | (dc & 7) << 1 | (dc >> 4 & 1) << 4;
    vec![S_BIAS, S_INIT + init, S_DOCCASE + dc]
}

use super::tags::NT;

/// The hash of the feature with [`small_feature`] code `code` (`< N_SMALL`). These features
/// (bias, sentence-initial case, document case and runs, gazetteer matches, and all the stage-2
/// features) take few values, so the tagger looks their weights up once, when it loads a model.
pub(crate) fn small_feature(code: usize) -> u64 {
    match code {
        S_BIAS => feat(T_BIAS, 0),
        c if c < S_DOCCASE => feat(T_INIT, (c - S_INIT) as u64),
        c if c < S_DOCRUN => feat(T_DOCCASE, (c - S_DOCCASE) as u64),
        c if c < S_GAZM => feat2(T_DOCRUN, ((c - S_DOCRUN) >> 3) as u64, ((c - S_DOCRUN) & 7) as u64),
        c if c < S_S2TAG => feat(T_GAZM, (c - S_GAZM) as u64),
        c if c < S_S2PREV => feat(T_S2TAG, (c - S_S2TAG) as u64),
        c if c < S_S2NEXT => feat2(T_S2TAG, 1, if c - S_S2PREV == NT { 99 } else { (c - S_S2PREV) as u64 }),
        c if c < S_S2MAJ => feat2(T_S2TAG, 2, if c - S_S2NEXT == NT { 98 } else { (c - S_S2NEXT) as u64 }),
        c if c < S_S2SEEN => feat2(T_S2MAJ, ((c - S_S2MAJ) >> 3) as u64, ((c - S_S2MAJ) & 7) as u64),
        c if c < S_S2MULTI => feat(T_S2SEEN, (c - S_S2SEEN) as u64),
        c => feat(T_S2MULTI, (c - S_S2MULTI) as u64),
    }
}

/// [`ContextIds`] of the position before a sentence's first token.
pub(crate) const CTX_BOS: u32 = 0;
/// [`ContextIds`] of the position after a sentence's last token.
pub(crate) const CTX_EOS: u32 = 1;

/// The small ids that the context features of a token that depend on the shapes of its ±1
/// window and the capitalisation of its ±2 window are made of: `sid`, per position −1, 0, +1,
/// [`CTX_BOS`] or [`CTX_EOS`] past the sentence's ends, else the word's shape id + 2 (which
/// [`TokenCache::context_shape`] turns back into a hash); `capw`, the code of [`capw_feature`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ContextIds {
    pub(crate) capw: u16,
    pub(crate) sid: [u32; 3],
}

/// The shape bigram and trigram features of a token from the shapes of its ±1 window ([`BOS`],
/// [`EOS`] past the sentence's ends).
#[inline]
pub(crate) fn shape_features(prev: u64, sh: u64, next: u64) -> [u64; 3] {
    [feat2(T_SH2L, prev, sh), feat2(T_SH2R, sh, next), feat3(T_SH3, prev, sh, next)]
}

/// Number of codes of [`capw_feature`].
pub(crate) const N_CAPW: usize = 1 << 15;

/// The feature of the capitalisation classes of a token's ±2 window, with code
/// `c₋₂ | c₋₁ << 3 | c₀ << 6 | c₁ << 9 | c₂ << 12` (`CAP_BOUNDARY` past the sentence's ends).
#[inline]
pub(crate) fn capw_feature(code: usize) -> u64 {
    feat(T_CAPW, code as u64)
}

/// Token analyses (which depend on the word and the [`Resources`] only) kept across documents.
/// Bounded: emptied when it reaches [`TokenCache::CAPACITY`] words.
#[derive(Clone, Default)]
pub struct TokenCache {
    /// Identifies the resources the analyses were made with.
    owner: u64,
    /// Word's [`hash_state`] (which stands for its hash, and spares the last step of hashing
    /// for the words held) → index in `infos`.
    map: HashIndex,
    infos: Vec<TokInfo>,
    /// [`TokInfo::doc_tok`] of each of `infos`.
    doc_toks: Vec<DocTok>,
    /// Hash of a lowercase form → its [`TokInfo::lid`].
    lids: HashIndex,
    /// Hash of a shape → its [`TokInfo::sid`].
    sids: HashIndex,
    /// Per [`TokInfo::sid`], the hash of the shape.
    shape_of: Vec<u64>,
    buf: String,
    shape: Vec<u8>,
}

impl TokenCache {
    /// Most words kept (about 150 bytes each: 5 MiB).
    pub const CAPACITY: usize = 32768;

    /// Empties the cache unless it holds analyses made with the resources identified by `owner`.
    pub fn check_owner(&mut self, owner: u64) {
        if self.owner != owner {
            self.clear();
            self.owner = owner;
        }
    }

    /// Number of words held.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.infos.clear();
        self.doc_toks.clear();
        self.lids.clear();
        self.sids.clear();
        self.shape_of.clear();
    }

    /// Makes room for [`TokenCache::CAPACITY`] words at once (growing by steps would copy the
    /// analyses again and again; the memory is only touched as it fills).
    pub(crate) fn reserve(&mut self) {
        if self.infos.capacity() < Self::CAPACITY {
            self.infos.reserve_exact(Self::CAPACITY - self.infos.len());
            self.doc_toks.reserve_exact(Self::CAPACITY - self.doc_toks.len());
            self.map.reserve(Self::CAPACITY);
            self.lids.reserve(Self::CAPACITY);
        }
    }

    /// Whether `n` more words fit.
    pub(crate) fn has_room(&self, n: usize) -> bool {
        self.infos.len() + n <= Self::CAPACITY
    }

    /// The index of the analysis of `word` (analysed with `res` unless held already).
    #[inline(always)]
    pub(crate) fn index(&mut self, res: &Resources, word: &[u8]) -> u32 {
        let state = hash_state(word);
        match self.map.get(state) {
            Some(i) => i,
            None => self.insert(res, word, state),
        }
    }

    /// Analyses `word` (whose [`hash_state`] is `state`, not held yet) and returns the index of
    /// its analysis: the rare case of [`TokenCache::index`], out of line so that the common one
    /// stays small.
    #[cold]
    #[inline(never)]
    fn insert(&mut self, res: &Resources, word: &[u8], state: u64) -> u32 {
        let next = self.infos.len() as u32;
        let h = fmix(state);
        let Self { map, infos, doc_toks, lids, sids, shape_of, buf, shape, .. } = self;
        map.get_or_insert_with(state, || {
            // Words come from `str`s, so the lossy decoding never changes them; most are ASCII,
            // which needs no validation (`from_utf8` costs about 90 instructions a word).
            let lossy;
            let text = if word.is_ascii() {
                // SAFETY: ASCII bytes are valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(word) }
            } else {
                lossy = String::from_utf8_lossy(word);
                &lossy
            };
            let mut info = analyze(text, h, res, buf, shape);
            let n = lids.len() as u32;
            info.lid = lids.get_or_insert_with(info.lw, || n);
            info.sid = sids.get_or_insert_with(info.shape, || {
                shape_of.push(info.shape);
                shape_of.len() as u32 - 1
            });
            doc_toks.push(info.doc_tok());
            infos.push(info);
            next
        })
    }

    /// The shape hash of a [`ContextIds::sid`] id.
    #[inline]
    pub(crate) fn context_shape(&self, id: u32) -> u64 {
        match id {
            CTX_BOS => BOS,
            CTX_EOS => EOS,
            _ => self.shape_of.get(id as usize - 2).copied().unwrap_or(0),
        }
    }

    /// The analysis with index `i` (from [`TokenCache::index`]).
    #[inline]
    pub(crate) fn info(&self, i: u32) -> &TokInfo {
        &self.infos[i as usize]
    }

    /// The [`DocTok`] of the analysis with index `i` (from [`TokenCache::index`]).
    #[inline]
    pub(crate) fn doc_tok(&self, i: u32) -> DocTok {
        self.doc_toks[i as usize]
    }
}

/// Values by dense id (a [`TokInfo::lid`]), emptied in constant time: an entry holds a value
/// only if it was set since the last [`DenseMap::clear`] (its generation is the current one).
#[derive(Clone, Default)]
pub(crate) struct DenseMap<V> {
    slots: Vec<(u32, V)>,
    /// The current generation (fresh slots have generation 0 and hold the default).
    generation: u32,
}

impl<V: Copy + Default> DenseMap<V> {
    /// Forgets all values.
    pub(crate) fn clear(&mut self) {
        if self.generation == u32::MAX {
            self.slots.clear();
            self.generation = 0;
        }
        self.generation += 1;
    }

    /// The value of `id` (the default if none).
    #[inline]
    pub(crate) fn get(&self, id: u32) -> V {
        match self.slots.get(id as usize) {
            Some(&(g, v)) if g == self.generation => v,
            _ => V::default(),
        }
    }

    /// The value of `id`, set to the default if none.
    #[inline]
    pub(crate) fn entry(&mut self, id: u32) -> &mut V {
        let i = id as usize;
        if i >= self.slots.len() {
            self.slots.resize((i + 1).next_power_of_two(), (0, V::default()));
        }
        let slot = &mut self.slots[i];
        if slot.0 != self.generation {
            *slot = (self.generation, V::default());
        }
        &mut slot.1
    }
}

/// A map from 64-bit hashes to `u32`s: open addressing with linear probing (load at most 1/2), keys
/// and values side by side, so that a lookup usually reads one slot.
#[derive(Clone, Default)]
struct HashIndex {
    /// `(key, value)`; key 0 marks an empty slot (the value of key 0 is `zero`).
    slots: Vec<(u64, u32)>,
    zero: Option<u32>,
    len: usize,
}

impl HashIndex {
    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = (0, 0));
        self.zero = None;
        self.len = 0;
    }

    /// The value of `key`, if it has one.
    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        if key == 0 {
            return self.zero;
        }
        // No slots: the mask wraps and the first `get` finds nothing.
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = key as usize & mask;
        loop {
            match *self.slots.get(i)? {
                (k, v) if k == key => return Some(v),
                (0, _) => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The value of `key`, inserting `make()` first if it has none.
    #[inline]
    fn get_or_insert_with(&mut self, key: u64, make: impl FnOnce() -> u32) -> u32 {
        if key == 0 {
            if let Some(v) = self.zero {
                return v;
            }
            let v = make();
            self.zero = Some(v);
            self.len += 1;
            return v;
        }
        if self.slots.is_empty() {
            self.slots = vec![(0, 0); 1024];
        }
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            match self.slots[i] {
                (k, v) if k == key => return v,
                (0, _) => break,
                _ => i = (i + 1) & mask,
            }
        }
        let v = make();
        self.slots[i] = (key, v);
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
        v
    }

    /// Doubles the slots.
    fn grow(&mut self) {
        self.grow_to(self.slots.len() * 2);
    }

    /// Room for `n` keys without growing.
    fn reserve(&mut self, n: usize) {
        let want = (2 * n).next_power_of_two();
        if self.slots.len() < want {
            self.grow_to(want);
        }
    }

    /// Rehashes into `n` slots (a power of two, more than twice the keys).
    fn grow_to(&mut self, n: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); n]);
        let mask = self.slots.len() - 1;
        for (k, v) in old.into_iter().filter(|&(k, _)| k != 0) {
            let mut i = k as usize & mask;
            while self.slots[i].0 != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = (k, v);
        }
    }
}

/// Scratch space of the feature extraction, reused across documents.
#[derive(Clone, Default)]
pub struct Scratch {
    stats: DenseMap<DocStat>,
    allcaps: Vec<bool>,
    gaz_match: Vec<u32>,
}

/// Extracts the base features of a document (sentences of tokens).
pub fn extract<S: AsRef<str>>(res: &Resources, sentences: &[Vec<S>]) -> DocFeatures {
    let mut cache = TokenCache::default();
    let (words, lens) = super::flatten(sentences);
    let idx: Vec<u32> = words.iter().map(|w| cache.index(res, w.as_bytes())).collect();
    let infos: Vec<&TokInfo> = idx.iter().map(|&i| cache.info(i)).collect();
    let toks: Vec<DocTok> = idx.iter().map(|&i| cache.doc_tok(i)).collect();
    let mut out = DocFeatures::default();
    let doc = Sentences { words: &words, lens: &lens };
    doc_features(res, doc, &toks, &infos, true, &mut Scratch::default(), &mut out);
    out
}

/// Into `out`, the base features of a document but those of [`word_features`] and
/// [`neighbour_features`], which depend on one word only (the tagger sums their weights once per
/// word), and with the [`small_feature`]s as codes in [`DocFeatures::small`]. `toks` are the
/// analyses of the tokens of `doc`.
pub(crate) fn extract_context<S: AsRef<[u8]>>(
    res: &Resources,
    doc: Sentences<'_, S>,
    toks: &[DocTok],
    scratch: &mut Scratch,
    out: &mut DocFeatures,
) {
    doc_features(res, doc, toks, &[], false, scratch, out);
}

/// Features of a token that depend on its word only.
pub(crate) fn word_features(t: &TokInfo, f: &mut Vec<u64>) {
    f.push(feat(T_W, t.w));
    f.push(feat(T_LW, t.lw));
    f.push(feat(T_SH, t.shape));
    f.push(feat2(T_LEN, t.len as u64, t.cap as u64));
    for &a in &t.affix {
        if a != 0 {
            f.push(a);
        }
    }
    for (j, &c) in t.cls.iter().enumerate() {
        if c != 0 {
            f.push(feat2(T_CLS0, j as u64, c));
        }
    }
    let mut bits = t.gaz_tok;
    while bits != 0 {
        let b = bits.trailing_zeros();
        bits &= bits - 1;
        f.push(feat2(T_GAZT, b as u64, t.cap as u64));
    }
}

/// Offsets of the neighbours in [`neighbour_features`].
pub(crate) const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// Features of a token that depend on its neighbour at offset `d` (one of [`NEIGHBOURS`]) only:
/// `x` is the neighbour (`None` past the sentence's ends).
pub(crate) fn neighbour_features(d: isize, x: Option<&TokInfo>, f: &mut Vec<u64>) {
    let (lw, sh) = match x {
        Some(x) => (x.lw, x.shape),
        None if d < 0 => (BOS, BOS),
        None => (EOS, EOS),
    };
    f.push(feat2(T_LWD, d as u64, lw));
    if d == -1 || d == 1 {
        f.push(feat2(T_SHD, if d < 0 { 1 } else { 2 }, sh));
        if let Some(x) = x {
            for j in [1usize, 3] {
                if x.cls[j] != 0 {
                    f.push(feat3(T_CLSD, d as u64, j as u64, x.cls[j]));
                }
            }
        }
    }
}

/// Longest run of lowercase or punctuation tokens inside a name, between two capitalised tokens
/// ("Bank of England", "Lord of the Rings").
const NAME_GAP: usize = 3;

#[inline]
fn is_cap(c: u8) -> bool {
    matches!(c, CAP_TITLE | CAP_UPPER | CAP_MIXED)
}

/// Which tokens of one sentence may be part of a name: those with a capital letter, runs of at
/// most [`NAME_GAP`] other tokens between two of them, and their neighbours that are numbers,
/// punctuation or clitics ("Euro 96", "the 1993 BellSouth Classic", "Boatmen 's", "Salomon Bros .").
/// Names without a capital letter nearby are so rare in news (0.07% of the name tokens of
/// CoNLL-2003's dev set) that the tagger only considers these tokens, about a third of all.
fn may_be_name<S: AsRef<[u8]>>(toks: &[DocTok], words: &[S], out: &mut Vec<bool>) {
    let may_join = |i: usize| {
        toks[i].cap != CAP_LOWER || {
            let w = words[i].as_ref();
            w.starts_with(b"'") || w.starts_with("’".as_bytes())
        }
    };
    // One pass: all false, then each capitalised token and what it brings in set.
    let start = out.len();
    out.resize(start + toks.len(), false);
    let may = &mut out[start..];
    let mut last_cap: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if !is_cap(t.cap) {
            continue;
        }
        may[i] = true;
        if let Some(l) = last_cap
            && i - l - 1 <= NAME_GAP
        {
            may[l + 1..i].iter_mut().for_each(|m| *m = true);
        }
        if i > 0 && may_join(i - 1) {
            may[i - 1] = true;
        }
        if i + 1 < toks.len() && may_join(i + 1) {
            may[i + 1] = true;
        }
        last_cap = Some(i);
    }
}

/// Document statistics per lowercase form: whether it is lowercase and capitalised (not
/// sentence-initially, outside all-caps sentences), its first capitalised form, and its positions
/// in capitalised runs.
fn doc_stats(toks: &[DocTok], sent_start: &[usize], allcaps: &[bool], stats: &mut DenseMap<DocStat>) {
    stats.clear();
    for (s, win) in sent_start.windows(2).enumerate() {
        if allcaps[s] {
            continue;
        }
        let toks = &toks[win[0]..win[1]];
        // One pass: the case of each word, and the capitalised runs, flushed at their ends (the
        // sentence-initial token joins only a run of two or more).
        let mut run: Option<usize> = None;
        for (k, t) in toks.iter().enumerate() {
            if is_cap(t.cap) {
                if k > 0 {
                    let st = stats.entry(t.lid);
                    st.title = true;
                    if st.alt == 0 {
                        st.alt = t.w;
                    }
                }
                run.get_or_insert(k);
                continue;
            }
            if let Some(r) = run.take() {
                add_run(toks, r, k, stats);
            }
            // The only class with letters that is not capitalised.
            if k > 0 && t.cap == CAP_LOWER {
                stats.entry(t.lid).lower = true;
            }
        }
        if let Some(r) = run {
            add_run(toks, r, toks.len(), stats);
        }
    }
}

/// Records in `stats` the positions of the words of the capitalised run `toks[b..e]` of a
/// sentence (see [`doc_stats`]; a run of one at the sentence's start does not count).
#[inline]
fn add_run(toks: &[DocTok], b: usize, e: usize, stats: &mut DenseMap<DocStat>) {
    let len = e - b;
    if b == 0 && len == 1 {
        return;
    }
    for (i, t) in toks[b..e].iter().enumerate() {
        let bit = if len == 1 {
            3
        } else if i == 0 {
            0
        } else if i + 1 == len {
            2
        } else {
            1
        };
        stats.entry(t.lid).run |= 1 << bit;
    }
}

/// Gazetteer matches of one sentence: per token, bit `type * 4 + position` (B, I, L, U) for each
/// entry of the gazetteer covering it.
fn gaz_matches(res: &Resources, toks: &[DocTok], gaz_match: &mut Vec<u32>) {
    let n = toks.len();
    gaz_match.clear();
    gaz_match.resize(n, 0);
    for i in 0..n {
        // A word that starts no entry (the first step below would find nothing) matches none.
        if toks[i].cap == CAP_LOWER || toks[i].cap == CAP_PUNCT || toks[i].gaz1 == 0 {
            continue;
        }
        let mut h = SEQ_SEED;
        for j in i..n.min(i + GAZ_MAX_LEN) {
            h = seq_step(h, toks[j].lw);
            // The first step's entry is the word's own (0: none, like a missing key: every
            // entry has some bit set).
            let v = if j == i { toks[i].gaz1 } else { res.gaz.map.get(&h).copied().unwrap_or(0) };
            if v == 0 {
                break;
            }
            let types = v & 0xF;
            if types != 0 {
                let len = j + 1 - i;
                for ty in 0..4 {
                    if types & (1 << ty) == 0 {
                        continue;
                    }
                    for (k, m) in gaz_match[i..=j].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            3
                        } else if k == 0 {
                            0
                        } else if k + 1 == len {
                            2
                        } else {
                            1
                        };
                        *m |= 1 << (ty * 4 + pos);
                    }
                }
            }
            if v & GAZ_PREFIX == 0 {
                break;
            }
        }
    }
}

/// A [`small_feature`] of a token: its hash into `f` (`full`), else its code into `small`.
#[inline]
fn push_small(full: bool, code: usize, f: &mut Vec<u64>, small: &mut Vec<u16>) {
    if full {
        f.push(small_feature(code));
    } else {
        small.push(code as u16);
    }
}

/// The base features of a document into `out` (emptied first): all of them (`full`, which needs
/// the tokens' analyses `infos`), else those of [`extract_context`].
fn doc_features<S: AsRef<[u8]>>(
    res: &Resources,
    doc: Sentences<'_, S>,
    toks: &[DocTok],
    infos: &[&TokInfo],
    full: bool,
    scratch: &mut Scratch,
    out: &mut DocFeatures,
) {
    let n_tok = toks.len();
    out.feats.clear();
    out.tok_start.clear();
    out.sent_start.clear();
    out.lw.clear();
    out.cap.clear();
    out.small.clear();
    out.small_start.clear();
    out.ctx.clear();
    out.base.clear();
    out.may_name.clear();
    // About 56 features a token with its word and neighbour features.
    out.feats.reserve(if full { n_tok * 56 } else { n_tok * 4 });
    out.tok_start.reserve(n_tok + 1);
    out.may_name.reserve(n_tok);
    if full {
        out.lw.extend(toks.iter().map(|t| t.lw));
        out.cap.extend(toks.iter().map(|t| t.cap));
    } else {
        out.small.reserve(n_tok * 2);
        out.ctx.reserve(n_tok / 2);
        out.base.reserve(n_tok / 2);
        out.small_start.reserve(n_tok + 1);
    }
    let Scratch { stats, allcaps, gaz_match } = scratch;
    allcaps.clear();
    let mut start = 0;
    for &len in doc.lens {
        out.sent_start.push(start);
        let end = (start + len).min(n_tok);
        let toks = &toks[start..end];
        allcaps.push(!toks.iter().any(|t| t.has_lower) && toks.iter().any(|t| t.two_upper));
        start = end;
    }
    out.sent_start.push(start);
    doc_stats(toks, &out.sent_start, allcaps, stats);

    for (s, win) in out.sent_start.windows(2).enumerate() {
        let toks = &toks[win[0]..win[1]];
        let infos = infos.get(win[0]..win[1]).unwrap_or_default();
        let n = toks.len();
        may_be_name(toks, &doc.words[win[0]..win[1]], &mut out.may_name);
        let may = &out.may_name[win[0]..];
        if full || may.iter().any(|&m| m) {
            gaz_matches(res, toks, gaz_match);
        }
        let ac = allcaps[s] as u64;
        let get = |i: isize| -> Option<&DocTok> { if i < 0 { None } else { toks.get(i as usize) } };
        let info =
            |i: isize| -> Option<&TokInfo> { if i < 0 { None } else { infos.get(i as usize).copied() } };
        for i in 0..n {
            if !full {
                if !may[i] {
                    continue;
                }
                out.small_start.push(out.small.len() as u32);
            }
            out.tok_start.push(out.feats.len() as u32);
            let (f, small, ctx) = (&mut out.feats, &mut out.small, &mut out.ctx);
            let t = &toks[i];
            let ii = i as isize;
            // The ±2 window, looked up once.
            let (p2, p1, n1, n2) = (get(ii - 2), get(ii - 1), get(ii + 1), get(ii + 2));
            let sh_at = |d: isize| match info(ii + d) {
                Some(x) => x.shape,
                None if d < 0 => BOS,
                None => EOS,
            };
            let cap_of = |x: Option<&DocTok>| x.map_or(CAP_BOUNDARY, |x| x.cap as u64);
            if full {
                f.push(small_feature(S_BIAS));
            }
            if let Some(ti) = info(ii) {
                word_features(ti, f);
                for d in NEIGHBOURS {
                    neighbour_features(d, info(ii + d), f);
                }
            }
            let capw =
                cap_of(p2) | cap_of(p1) << 3 | (t.cap as u64) << 6 | cap_of(n1) << 9 | cap_of(n2) << 12;
            f.push(feat2(T_LW2L, p1.map_or(BOS, |x| x.lw), t.lw));
            f.push(feat2(T_LW2R, t.lw, n1.map_or(EOS, |x| x.lw)));
            if full {
                f.extend(shape_features(sh_at(-1), sh_at(0), sh_at(1)));
                f.push(capw_feature(capw as usize));
            } else {
                let sid = [p1.map_or(CTX_BOS, |x| x.sid + 2), t.sid + 2, n1.map_or(CTX_EOS, |x| x.sid + 2)];
                ctx.push(ContextIds { capw: capw as u16, sid });
            }
            let init = (i == 0) as usize | (t.cap as usize) << 1 | (ac as usize) << 4;
            // Context extraction: the bias, this and the document case as one base code.
            let mut base = init;
            if full {
                f.push(small_feature(S_INIT + init));
            }
            let mut bits = gaz_match[i];
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                push_small(full, S_GAZM + b as usize, f, small);
            }
            if gaz_match[i] != 0 || t.gaz_tok != 0 {
                f.push(feat3(T_GAZTW, gaz_match[i] as u64, t.gaz_tok as u64, (i == 0) as u64 | ac << 1));
            }
            if t.has_alpha {
                let st = stats.get(t.lid);
                let dc = t.cap as usize
                    | ((i == 0) as usize) << 3
                    | (ac as usize) << 4
                    | (st.lower as usize) << 5
                    | (st.title as usize) << 6;
                if full {
                    f.push(small_feature(S_DOCCASE + dc));
                }
                base = N_INIT + dc;
                if st.run != 0 {
                    push_small(full, S_DOCRUN + ((st.run as usize) << 3 | t.cap as usize), f, small);
                }
                if (ac == 1 || i == 0) && st.alt != 0 && st.alt != t.w {
                    f.push(feat(T_ALTW, st.alt));
                }
            }
            if !full {
                out.base.push(base as u8);
            }
        }
    }
    out.tok_start.push(out.feats.len() as u32);
    if !full {
        out.small_start.push(out.small.len() as u32);
    }
}

/// Per lowercase form of a document: predicted type counts over its capitalised occurrences
/// (`[4]`: outside), and the types of the multi-token entities containing it.
pub(crate) type TagCounts = ([u16; 5], u8);

/// Adds to `counts` the stage-1 tag of a token (only capitalised tokens count).
#[inline]
pub(crate) fn count_tag(cap: u8, tag: u8, e: &mut TagCounts) {
    use super::tags::{U, tag_pos, tag_type};
    debug_assert!(is_cap(cap));
    match tag_type(tag) {
        None => e.0[4] = e.0[4].saturating_add(1),
        Some(ty) => {
            e.0[ty] = e.0[ty].saturating_add(1);
            if tag_pos(tag) != U {
                e.1 |= 1 << ty;
            }
        }
    }
}

/// Whether a token's stage-1 tag counts in its lowercase form's [`TagCounts`].
#[inline]
pub(crate) fn counts_tag(cap: u8) -> bool {
    is_cap(cap)
}

/// The [`small_feature`] codes of the stage-2 features of a token: its tag, those of its
/// neighbours in the sentence (`None` past its ends), its capitalisation class and the
/// [`TagCounts`] of its lowercase form (`None` when no capitalised occurrence was counted).
#[inline]
pub(crate) fn stage2_codes(
    tag: u8,
    prev: Option<u8>,
    next: Option<u8>,
    cap: u8,
    counts: Option<&TagCounts>,
    mut push: impl FnMut(usize),
) {
    push(stage2_tag_code(tag));
    push(stage2_prev_code(prev));
    push(stage2_next_code(next));
    if let Some(c) = counts {
        let (major, seen_multi) = stage2_form(cap, c);
        stage2_form_codes(major, seen_multi, push);
    }
}

/// Number of values of the first [`stage2_form`] (`major type << 3 | cap`).
pub(crate) const N_S2MAJOR: usize = 40;
/// Number of values of the second [`stage2_form`] (`seen types | multi-token types << 4`).
pub(crate) const N_S2SEEN_MULTI: usize = 256;

/// What the stage-2 features of a token take from the [`TagCounts`] of its lowercase form:
/// `major type << 3 | cap` (`< N_S2MAJOR`) and `seen types | multi-token types << 4`
/// (`< N_S2SEEN_MULTI`).
#[inline]
pub(crate) fn stage2_form(cap: u8, (c, multi): &TagCounts) -> (usize, usize) {
    let mut major = 4;
    for ty in 0..4 {
        if c[ty] > c[major] {
            major = ty;
        }
    }
    let seen = c[..4].iter().enumerate().fold(0, |m, (ty, &x)| m | usize::from(x > 0) << ty);
    (major << 3 | (cap as usize & 7), seen | (*multi as usize & 0xF) << 4)
}

/// The [`small_feature`] codes of the stage-2 features from a [`stage2_form`].
pub(crate) fn stage2_form_codes(major: usize, seen_multi: usize, mut push: impl FnMut(usize)) {
    push(S_S2MAJ + major);
    for ty in 0..4 {
        if seen_multi & 1 << ty != 0 {
            push(S_S2SEEN + ty);
        }
    }
    let multi = seen_multi >> 4;
    if multi != 0 {
        push(S_S2MULTI + multi);
    }
}

/// The [`small_feature`] codes of the stage-2 features of a token's tag, and of its neighbours'
/// (`None` past the sentence's ends).
pub(crate) fn stage2_tag_code(tag: u8) -> usize {
    S_S2TAG + tag as usize
}
pub(crate) fn stage2_prev_code(prev: Option<u8>) -> usize {
    S_S2PREV + prev.map_or(NT, usize::from)
}
pub(crate) fn stage2_next_code(next: Option<u8>) -> usize {
    S_S2NEXT + next.map_or(NT, usize::from)
}

/// Stage-2 (non-local) features from the stage-1 tags of the whole document (flattened, one per
/// token). Appends to `feats`; token `k`'s are `feats[starts[k]..starts[k + 1]]`. Needs the
/// features of [`extract`] (with [`DocFeatures::lw`] and [`DocFeatures::cap`]).
pub fn stage2_features(doc: &DocFeatures, tags: &[u8], feats: &mut Vec<u64>, starts: &mut Vec<u32>) {
    feats.clear();
    starts.clear();
    let n = doc.lw.len().min(doc.cap.len()).min(tags.len());
    let mut counts: IdMap<TagCounts> = IdMap::default();
    for ((&cap, &lw), &tag) in doc.cap.iter().zip(&doc.lw).zip(tags) {
        if counts_tag(cap) {
            count_tag(cap, tag, counts.entry(lw).or_default());
        }
    }
    for s in doc.sent_start.windows(2) {
        let (a, b) = (s[0].min(n), s[1].min(n));
        for k in a..b {
            starts.push(feats.len() as u32);
            let prev = if k > a { Some(tags[k - 1]) } else { None };
            let next = if k + 1 < b { Some(tags[k + 1]) } else { None };
            stage2_codes(tags[k], prev, next, doc.cap[k], counts.get(&doc.lw[k]), |c| {
                feats.push(small_feature(c))
            });
        }
    }
    starts.push(feats.len() as u32);
}
