//! Short words packed into one integer, and fixed tables keyed by them: a lookup hashes one
//! `u128` instead of a string (used by the entity word tables and the time-expression gate);
//! and the multiplicative hashing the crate's small internal tables share ([`GOLDEN`],
//! [`mix_bytes`]).
//!
//! Hashers: the crate's maps use fixed-seed foldhash (`foldhash::fast::FixedState`), except two
//! kinds of maps whose keys are integers needing little or no mixing: packed words
//! ([`PackedMap`]) and the tagger's 64-bit feature hashes (`ner::features::IdMap`). Both use
//! [`IntKeyHasher`], which does less than any general hasher can; they are on the hot path of
//! every token. The others hash string and word-id keys a few times per name.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word of at most 15 bytes as one integer: its bytes (little-endian), its length in the
/// top byte. Table lookups by packed word hash one integer instead of a string.
pub type Packed = u128;

/// 2^64 divided by the golden ratio: the multiplier of the crate's table hashes (Fibonacci
/// hashing).
pub(crate) const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// `state` with `bytes` mixed in one at a time: the byte fallback of the crate's hashers of
/// integer keys.
pub(crate) fn mix_bytes(mut state: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        state = (state.rotate_left(8) ^ u64::from(b)).wrapping_mul(GOLDEN);
    }
    state
}

/// The hasher of the maps keyed by integers that need little or no mixing, by the key's type:
///
/// - a `u64` (the tagger's feature ids, `ner::features::IdMap`) is a hash already: the key
///   itself;
/// - a `u128` (a [`Packed`] word, [`PackedMap`]) is its bytes, which one multiplication mixes
///   enough (for fixed tables: lookups only);
/// - other keys (none of those maps has them) go through [`mix_bytes`].
///
/// One hasher serves both (no key has both types); kept rather than foldhash for speed, on the
/// path of every token.
#[derive(Default, Clone, Copy)]
pub struct IntKeyHasher(u64);

impl Hasher for IntKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix_bytes(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn write_u128(&mut self, v: u128) {
        let h = ((v as u64) ^ ((v >> 64) as u64).rotate_left(32)).wrapping_mul(GOLDEN);
        self.0 = h ^ (h >> 29);
    }
}

/// The crate's general hash map and set: fixed-seed foldhash (fast, and the same in every run).
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
/// See [`Map`].
pub(crate) type Set<K> = std::collections::HashSet<K, foldhash::fast::FixedState>;

/// A fixed table keyed by packed lowercase words.
pub type PackedMap<V> = HashMap<Packed, V, BuildHasherDefault<IntKeyHasher>>;

/// A map keyed by 64-bit hashes (the tagger's feature ids).
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IntKeyHasher>>;

/// `bytes` packed, if at most 15 long.
pub fn pack(bytes: &[u8]) -> Option<Packed> {
    let n = bytes.len();
    // Loaded as two overlapping integers (or byte by byte when short), not copied through a
    // buffer: a copy of a variable length is a `memcpy` call.
    let v = if let (Some(lo), Some(hi)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        if n >= 16 {
            return None;
        }
        // `hi` ends with byte `n - 1`; shifted, its bytes from 8 on land at 8..n.
        let hi = u128::from(u64::from_le_bytes(*hi)) << (8 * (n - 8));
        u128::from(u64::from_le_bytes(*lo)) | hi
    } else if let (Some(lo), Some(hi)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let hi = u128::from(u32::from_le_bytes(*hi)) << (8 * (n - 4));
        u128::from(u32::from_le_bytes(*lo)) | hi
    } else {
        bytes.iter().rev().fold(0, |v, &b| (v << 8) | u128::from(b))
    };
    Some(v | (n as u128) << 120)
}

/// 1 in every byte of a [`Packed`].
const LANES: Packed = Packed::MAX / 0xff;
const HIGH_BITS: Packed = LANES * 0x80;

/// `word` in lowercase, packed; `None` when that is longer than 15 bytes (no table word is).
pub fn pack_lowercase(word: &str) -> Option<Packed> {
    if let Some(v) = pack(word.as_bytes()) {
        // The length byte is below 0x80, so this tests the word's bytes.
        if v & HIGH_BITS == 0 {
            // ASCII: add 0x20 to the bytes in 'A'..='Z', all bytes at once (no byte is 0x80
            // or more, so the sums stay within their bytes).
            let from_a = v + LANES * (0x80 - u128::from(b'A'));
            let past_z = v + LANES * (0x80 - u128::from(b'Z') - 1);
            let upper = from_a & !past_z & HIGH_BITS;
            return Some(v | (upper >> 2));
        }
    } else if word.is_ascii() {
        return None;
    }
    // Some non-ASCII letters lowercase to ASCII ones (the Kelvin sign to 'k').
    pack(word.to_lowercase().as_bytes())
}
