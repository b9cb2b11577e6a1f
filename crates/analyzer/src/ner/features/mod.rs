//! Feature extraction, shared by the tagger and its trainer (`cargo xtask train-ner`).
//!
//! Every feature is a 64-bit hash of a template id and its values. Token-level information (word,
//! lowercase form, shape, affixes, word cluster, gazetteer membership) is computed once per token;
//! the emission features of a token combine those of a ±2 window with sentence- and
//! document-level information (all-caps headlines, the case and capitalised runs the same word
//! shows elsewhere in the document). A second stage adds non-local features from the first
//! stage's predictions over the whole document ([`stage2_features`]).

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

/// A map keyed by 64-bit hashes (its hasher, shared with the packed-word tables, passes the key
/// through: see `crate::packed`).
pub use crate::packed::IdMap;

/// Template ids: the first value hashed into every feature, naming what the feature is of.
///
/// The numbers are part of the committed model (every feature id is a hash of one of them and
/// its values): they must never change, and a new template takes a new number (25 to 39 are
/// free; stage 2's start at 40). `PREFIX` and `SUFFIX` are hashed with the word analysis
/// (`TokInfo::affix`).
pub(crate) mod template {
    /// Every token's constant feature.
    pub(crate) const BIAS: u32 = 1;
    /// The word as written.
    pub(crate) const WORD: u32 = 2;
    /// The word's lowercase form.
    pub(crate) const LOWER_WORD: u32 = 3;
    /// A neighbour's lowercase form, with its offset (−2, −1, +1, +2).
    pub(crate) const NEIGHBOUR_LOWER_WORD: u32 = 4;
    /// The lowercase forms of the previous word and this one.
    pub(crate) const LOWER_BIGRAM_LEFT: u32 = 5;
    /// The lowercase forms of this word and the next one.
    pub(crate) const LOWER_BIGRAM_RIGHT: u32 = 6;
    /// The word's shape (`Xxxx`, `dd`).
    pub(crate) const SHAPE: u32 = 7;
    /// The previous or next word's shape (1: previous, 2: next).
    pub(crate) const NEIGHBOUR_SHAPE: u32 = 8;
    /// The shapes of the previous word and this one.
    pub(crate) const SHAPE_BIGRAM_LEFT: u32 = 9;
    /// A prefix of the lowercase form, 1 to 4 characters, with its length.
    pub(crate) const PREFIX: u32 = 10;
    /// A suffix of the lowercase form, 1 to 4 characters, with its length.
    pub(crate) const SUFFIX: u32 = 11;
    /// The shapes of this word and the next one.
    pub(crate) const SHAPE_BIGRAM_RIGHT: u32 = 12;
    /// The shapes of the previous, this and the next word.
    pub(crate) const SHAPE_TRIGRAM: u32 = 13;
    /// The word's length in characters (at most 12) with its capitalisation class.
    pub(crate) const LENGTH_AND_CASE: u32 = 14;
    /// The capitalisation classes of the ±2 window.
    pub(crate) const CASE_WINDOW: u32 = 15;
    /// Whether the token starts its sentence, its capitalisation class, and whether the
    /// sentence is all capitals.
    pub(crate) const SENTENCE_INITIAL_CASE: u32 = 16;
    /// A prefix of the word's cluster path, with which prefix it is.
    pub(crate) const CLUSTER: u32 = 17;
    /// A prefix of the previous or next word's cluster path, with the offset and which prefix.
    pub(crate) const NEIGHBOUR_CLUSTER: u32 = 18;
    /// The word's place (type × B/I/L/U) in a gazetteer entry, with its capitalisation class.
    pub(crate) const GAZETTEER_TOKEN: u32 = 19;
    /// The token's place (type × B/I/L/U) in a gazetteer match over the sentence.
    pub(crate) const GAZETTEER_MATCH: u32 = 20;
    /// The token's case with how its lowercase form is written elsewhere in the document.
    pub(crate) const DOCUMENT_CASE: u32 = 21;
    /// The places its lowercase form takes in capitalised runs of the document.
    pub(crate) const DOCUMENT_RUN: u32 = 22;
    /// The first capitalised form of the word elsewhere in the document, when it differs (for
    /// a token starting its sentence or in an all-caps one).
    pub(crate) const ALTERNATE_FORM: u32 = 23;
    /// All the token's gazetteer match and entry bits together, with its position.
    pub(crate) const GAZETTEER_COMBINED: u32 = 24;
    /// Stage 2: the stage-1 tag of the token (0), the previous token (1) or the next (2).
    pub(crate) const STAGE2_TAG: u32 = 40;
    /// Stage 2: the type the word's capitalised occurrences in the document mostly got.
    pub(crate) const STAGE2_DOCUMENT_MAJORITY: u32 = 41;
    /// Stage 2: a type the word's capitalised occurrences in the document got.
    pub(crate) const STAGE2_DOCUMENT_SEEN: u32 = 42;
    /// Stage 2: the types of the multi-token entities holding the word in the document.
    pub(crate) const STAGE2_DOCUMENT_IN_MULTI: u32 = 43;
}

const BOS: u64 = 0xB05_B05_B05;
const EOS: u64 = 0xE05_E05_E05;

/// Codes of the features with few possible values (see [`small_feature`]), by template: the
/// first code of each, then how many values follow.
pub(crate) mod small_code {
    use super::NT;

    /// [`template::BIAS`](super::template::BIAS).
    pub(crate) const BIAS: usize = 0;
    /// [`template::SENTENCE_INITIAL_CASE`](super::template::SENTENCE_INITIAL_CASE):
    /// `sentence-initial | cap << 1 | all-caps sentence << 4` (cap < 8).
    pub(crate) const SENTENCE_INITIAL_CASE: usize = BIAS + 1;
    /// [`template::DOCUMENT_CASE`](super::template::DOCUMENT_CASE): 7 bits.
    pub(crate) const DOCUMENT_CASE: usize = SENTENCE_INITIAL_CASE + 32;
    /// [`template::DOCUMENT_RUN`](super::template::DOCUMENT_RUN): `run << 3 | cap` (run: 4 bits).
    pub(crate) const DOCUMENT_RUN: usize = DOCUMENT_CASE + 128;
    /// [`template::GAZETTEER_MATCH`](super::template::GAZETTEER_MATCH): the bit (< 16).
    pub(crate) const GAZETTEER_MATCH: usize = DOCUMENT_RUN + 128;
    /// [`template::STAGE2_TAG`](super::template::STAGE2_TAG) of the token's tag (< NT).
    pub(crate) const STAGE2_TAG: usize = GAZETTEER_MATCH + 16;
    /// [`template::STAGE2_TAG`](super::template::STAGE2_TAG) of the previous token's tag; `NT`:
    /// none (the sentence start).
    pub(crate) const STAGE2_PREVIOUS_TAG: usize = STAGE2_TAG + NT;
    /// [`template::STAGE2_TAG`](super::template::STAGE2_TAG) of the next token's tag; `NT`:
    /// none (the sentence end).
    pub(crate) const STAGE2_NEXT_TAG: usize = STAGE2_PREVIOUS_TAG + NT + 1;
    /// [`template::STAGE2_DOCUMENT_MAJORITY`](super::template::STAGE2_DOCUMENT_MAJORITY):
    /// `major type << 3 | cap` (major type ≤ 4).
    pub(crate) const STAGE2_DOCUMENT_MAJORITY: usize = STAGE2_NEXT_TAG + NT + 1;
    /// [`template::STAGE2_DOCUMENT_SEEN`](super::template::STAGE2_DOCUMENT_SEEN): the type (< 4).
    pub(crate) const STAGE2_DOCUMENT_SEEN: usize = STAGE2_DOCUMENT_MAJORITY + 40;
    /// [`template::STAGE2_DOCUMENT_IN_MULTI`](super::template::STAGE2_DOCUMENT_IN_MULTI): the
    /// type mask (< 16).
    pub(crate) const STAGE2_DOCUMENT_IN_MULTI: usize = STAGE2_DOCUMENT_SEEN + 4;
    /// Number of [`small_feature`](super::small_feature) codes.
    pub(crate) const COUNT: usize = STAGE2_DOCUMENT_IN_MULTI + 16;
}
/// Number of [`small_feature`] codes.
pub(crate) const N_SMALL: usize = small_code::COUNT;

/// Number of `template::SENTENCE_INITIAL_CASE` values: the first [`base_codes`] codes.
const N_INIT: usize = 32;
/// Number of [`base_codes`] codes.
pub(crate) const N_BASE: usize = N_INIT + 128;

/// The [`small_feature`] codes of the features a token always has, by the base code of
/// [`DocFeatures::base`]: the bias and the sentence-initial case, from their code `c < N_INIT`;
/// for a token with letters, these and its document case, from the `template::DOCUMENT_CASE`
/// value `c - N_INIT` (which holds the sentence-initial case's bits). The tagger sums their
/// weights per code.
pub(crate) fn base_codes(c: usize) -> Vec<usize> {
    if c < N_INIT {
        return vec![small_code::BIAS, small_code::SENTENCE_INITIAL_CASE + c];
    }
    let dc = c - N_INIT;
    // `dc = cap | initial << 3 | all-caps << 4 | ...`; `init = initial | cap << 1 | all-caps << 4`.
    let init = (dc >> 3 & 1) | (dc & 7) << 1 | (dc >> 4 & 1) << 4;
    vec![small_code::BIAS, small_code::SENTENCE_INITIAL_CASE + init, small_code::DOCUMENT_CASE + dc]
}

use super::tags::NT;

/// The hash of the feature with [`small_feature`] code `code` (`< N_SMALL`). These features
/// (bias, sentence-initial case, document case and runs, gazetteer matches, and all the stage-2
/// features) take few values, so the tagger looks their weights up once, when it loads a model.
pub(crate) fn small_feature(code: usize) -> u64 {
    match code {
        small_code::BIAS => feat(template::BIAS, 0),
        c if c < small_code::DOCUMENT_CASE => {
            feat(template::SENTENCE_INITIAL_CASE, (c - small_code::SENTENCE_INITIAL_CASE) as u64)
        }
        c if c < small_code::DOCUMENT_RUN => {
            feat(template::DOCUMENT_CASE, (c - small_code::DOCUMENT_CASE) as u64)
        }
        c if c < small_code::GAZETTEER_MATCH => {
            let v = c - small_code::DOCUMENT_RUN;
            feat2(template::DOCUMENT_RUN, (v >> 3) as u64, (v & 7) as u64)
        }
        c if c < small_code::STAGE2_TAG => {
            feat(template::GAZETTEER_MATCH, (c - small_code::GAZETTEER_MATCH) as u64)
        }
        c if c < small_code::STAGE2_PREVIOUS_TAG => {
            feat(template::STAGE2_TAG, (c - small_code::STAGE2_TAG) as u64)
        }
        c if c < small_code::STAGE2_NEXT_TAG => {
            let v = c - small_code::STAGE2_PREVIOUS_TAG;
            feat2(template::STAGE2_TAG, 1, if v == NT { 99 } else { v as u64 })
        }
        c if c < small_code::STAGE2_DOCUMENT_MAJORITY => {
            let v = c - small_code::STAGE2_NEXT_TAG;
            feat2(template::STAGE2_TAG, 2, if v == NT { 98 } else { v as u64 })
        }
        c if c < small_code::STAGE2_DOCUMENT_SEEN => {
            let v = c - small_code::STAGE2_DOCUMENT_MAJORITY;
            feat2(template::STAGE2_DOCUMENT_MAJORITY, (v >> 3) as u64, (v & 7) as u64)
        }
        c if c < small_code::STAGE2_DOCUMENT_IN_MULTI => {
            feat(template::STAGE2_DOCUMENT_SEEN, (c - small_code::STAGE2_DOCUMENT_SEEN) as u64)
        }
        c => feat(template::STAGE2_DOCUMENT_IN_MULTI, (c - small_code::STAGE2_DOCUMENT_IN_MULTI) as u64),
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
    [
        feat2(template::SHAPE_BIGRAM_LEFT, prev, sh),
        feat2(template::SHAPE_BIGRAM_RIGHT, sh, next),
        feat3(template::SHAPE_TRIGRAM, prev, sh, next),
    ]
}

/// Number of codes of [`capw_feature`].
pub(crate) const N_CAPW: usize = 1 << 15;

/// The feature of the capitalisation classes of a token's ±2 window, with code
/// `c₋₂ | c₋₁ << 3 | c₀ << 6 | c₁ << 9 | c₂ << 12` (`CAP_BOUNDARY` past the sentence's ends).
#[inline]
pub(crate) fn capw_feature(code: usize) -> u64 {
    feat(template::CASE_WINDOW, code as u64)
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

#[cfg(test)]
mod tests {
    use super::{small_code, template};

    /// The template ids and the small-feature codes are hashed into the committed model's
    /// feature ids: renaming them is free, renumbering them breaks the model.
    #[test]
    fn template_ids_and_small_codes_keep_their_numbers() {
        use template::*;
        let ids = [
            BIAS,
            WORD,
            LOWER_WORD,
            NEIGHBOUR_LOWER_WORD,
            LOWER_BIGRAM_LEFT,
            LOWER_BIGRAM_RIGHT,
            SHAPE,
            NEIGHBOUR_SHAPE,
            SHAPE_BIGRAM_LEFT,
            PREFIX,
            SUFFIX,
            SHAPE_BIGRAM_RIGHT,
            SHAPE_TRIGRAM,
            LENGTH_AND_CASE,
            CASE_WINDOW,
            SENTENCE_INITIAL_CASE,
            CLUSTER,
            NEIGHBOUR_CLUSTER,
            GAZETTEER_TOKEN,
            GAZETTEER_MATCH,
            DOCUMENT_CASE,
            DOCUMENT_RUN,
            ALTERNATE_FORM,
            GAZETTEER_COMBINED,
            STAGE2_TAG,
            STAGE2_DOCUMENT_MAJORITY,
            STAGE2_DOCUMENT_SEEN,
            STAGE2_DOCUMENT_IN_MULTI,
        ];
        assert_eq!(
            ids,
            [
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 40,
                41, 42, 43
            ]
        );
        let codes = [
            small_code::BIAS,
            small_code::SENTENCE_INITIAL_CASE,
            small_code::DOCUMENT_CASE,
            small_code::DOCUMENT_RUN,
            small_code::GAZETTEER_MATCH,
            small_code::STAGE2_TAG,
            small_code::STAGE2_PREVIOUS_TAG,
            small_code::STAGE2_NEXT_TAG,
            small_code::STAGE2_DOCUMENT_MAJORITY,
            small_code::STAGE2_DOCUMENT_SEEN,
            small_code::STAGE2_DOCUMENT_IN_MULTI,
            small_code::COUNT,
        ];
        assert_eq!(codes, [0, 1, 33, 161, 289, 305, 322, 340, 358, 398, 402, 418]);
    }
}
