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

/// A hasher passing `u64` keys through (they are hashes already): less work than any general
/// hasher (foldhash, used elsewhere) for the feature lookups of every token.
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

// The parts, each in its own file.
mod cache;
mod document;
mod stage2;
mod token_info;
pub use cache::*;
pub use document::*;
pub use stage2::*;
pub use token_info::*;
