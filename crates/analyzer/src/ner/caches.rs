//! What the tagger keeps across documents on each thread ([`TaggerBuffers`]): the summed weights of
//! words seen lately ([`WordCache`]), small caches of context rows, and the stage-2 weights
//! summed by group of features ([`Stage2Tables`]).

use super::*;

/// The stage-2 weights of a [`Tagger`] summed by group of features, as
/// [`Tagger::stage2_emissions`] adds them.
#[derive(Default)]
pub(super) struct Stage2Tables {
    /// By the token's tag.
    pub(super) tag: Vec<LaneScores>,
    /// By `previous tag × (NT + 1) + next tag` (`NT`: past the sentence's ends).
    pub(super) around: Vec<LaneScores>,
    /// By the first of [`features::stage2_form`].
    pub(super) major: Vec<LaneScores>,
    /// By the second of [`features::stage2_form`] (with the first, these are the features of
    /// the tag counts of the token's lowercase form).
    pub(super) seen_multi: Vec<LaneScores>,
}

impl Stage2Tables {
    pub(super) fn new(t: &Tagger) -> Self {
        let tag_of = |i: usize| (i < NT).then_some(i as u8);
        Stage2Tables {
            tag: (0..NT).map(|i| t.stage2_sum([features::stage2_tag_code(i as u8)])).collect(),
            around: (0..(NT + 1) * (NT + 1))
                .map(|i| {
                    let (p, n) = (tag_of(i / (NT + 1)), tag_of(i % (NT + 1)));
                    t.stage2_sum([features::stage2_prev_code(p), features::stage2_next_code(n)])
                })
                .collect(),
            major: (0..features::N_S2MAJOR)
                .map(|m| {
                    let mut codes = Vec::new();
                    features::stage2_form_codes(m, 0, |c| codes.push(c));
                    // The major type's alone (a seen-multi of 0 adds nothing else).
                    t.stage2_sum(codes)
                })
                .collect(),
            seen_multi: (0..features::N_S2SEEN_MULTI)
                .map(|sm| {
                    let mut codes = Vec::new();
                    features::stage2_form_codes(0, sm, |c| codes.push(c));
                    t.stage2_sum(codes.into_iter().skip(1))
                })
                .collect(),
        }
    }
}

/// Adds a row's weights to `acc`.
#[inline(always)]
pub(super) fn add_row(acc: &mut [i32; RROW], row: &Row) {
    for (a, &r) in acc.iter_mut().zip(&row.0) {
        *a += r as i32;
    }
}

/// Summed weights of the word and neighbour features of a word: `[0]`, of its word features;
/// `[1 + i]`, of its features as the neighbour at offset `NEIGHBOURS[i]` of a token.
pub(super) type WordSums = [[i32; RROW]; 1 + NEIGHBOURS.len()];

/// Per-thread [`WordSums`] of the words seen lately, by one tagger, by their index in the
/// [`TokenCache`] (emptied with it). Bounded: emptied when it reaches [`WordCache::CAPACITY`]
/// words.
#[derive(Default)]
pub(super) struct WordCache {
    pub(super) owner: u64,
    /// Per word of the [`TokenCache`]: the index of its sums in `sums` ([`NO_SUMS`]: none yet).
    pub(super) sums_of: Vec<u32>,
    pub(super) sums: Vec<WordSums>,
    /// The rows of context features by the [`TokenCache`] ids they are made of.
    pub(super) ctx: ContextCache,
}

/// The rows of the context features made of words' ids in the [`TokenCache`] (see
/// [`Tagger::context_rows`]), emptied with it.
#[derive(Default)]
pub(super) struct ContextCache {
    /// By the shape ids of a token's ±1 window: the rows of [`features::shape_features`].
    pub(super) shapes: RowCache<[u32; 3], 4096>,
}

/// A direct-mapped cache of values by non-zero 64-bit keys: a key has one slot (`SLOTS`, a power
/// of two), where its value replaces any other.
pub(super) struct RowCache<V, const SLOTS: usize> {
    /// `(key, value)`; key 0 marks an empty slot.
    pub(super) slots: Vec<(u64, V)>,
}

impl<V, const SLOTS: usize> Default for RowCache<V, SLOTS> {
    fn default() -> Self {
        RowCache { slots: Vec::new() }
    }
}

impl<V: Copy + Default, const SLOTS: usize> RowCache<V, SLOTS> {
    pub(super) fn clear(&mut self) {
        self.slots.clear();
    }

    /// The value of `key`: the one kept, else `make()` (kept unless the key is 0).
    #[inline(always)]
    pub(super) fn get_or_insert_with(&mut self, key: u64, make: impl FnOnce() -> V) -> V {
        if self.slots.is_empty() {
            self.slots = vec![(0, V::default()); SLOTS];
        }
        let i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1);
        match self.slots[i] {
            (k, v) if k == key && key != 0 => v,
            _ => {
                let v = make();
                if key != 0 {
                    self.slots[i] = (key, v);
                }
                v
            }
        }
    }
}

/// The sums of the words whose sums are not needed.
pub(super) static ZERO_SUMS: WordSums = [[0; RROW]; 1 + NEIGHBOURS.len()];

/// [`WordCache::sums_of`] of a word not summed yet.
pub(super) const NO_SUMS: u32 = u32::MAX;

impl WordCache {
    /// Most words kept (640 bytes each: 20 MiB): as many as the [`TokenCache`], which is emptied
    /// with it. Half as many emptied both every ~16k words summed; each time, every word seen
    /// again was analysed and summed anew (about 6% of the tagger's instructions on a 4 MB feed).
    pub(super) const CAPACITY: usize = TokenCache::CAPACITY;

    pub(super) fn check_owner(&mut self, owner: u64) {
        if self.owner != owner {
            self.clear();
            self.owner = owner;
        }
    }

    /// Makes room for [`WordCache::CAPACITY`] words at once (see [`TokenCache::reserve`]).
    pub(super) fn reserve(&mut self) {
        if self.sums.capacity() < Self::CAPACITY {
            self.sums.reserve_exact(Self::CAPACITY - self.sums.len());
            self.sums_of.reserve_exact(TokenCache::CAPACITY.saturating_sub(self.sums_of.len()));
        }
    }

    pub(super) fn clear(&mut self) {
        self.sums_of.clear();
        self.sums.clear();
        self.ctx.shapes.clear();
    }
}

/// Per-thread caches and buffers of the tagger, reused across documents.
#[derive(Default)]
pub(super) struct TaggerBuffers {
    pub(super) tokens: TokenCache,
    pub(super) words: WordCache,
    pub(super) feat: features::Scratch,
    /// Per token of the document: the index of its analysis in `tokens`.
    pub(super) idx: Vec<u32>,
    /// Per token of the document: its [`DocTok`].
    pub(super) doc_toks: Vec<DocTok>,
    pub(super) doc: DocFeatures,
    /// Feature rows (of the new words' features, then of the context features).
    pub(super) ids: Vec<u32>,
    pub(super) new_feats: Vec<u64>,
    pub(super) new_starts: Vec<u32>,
    /// Emission scores of the tokens that may be names.
    pub(super) em1: Vec<LaneScores>,
    pub(super) em2: Vec<LaneScores>,
    pub(super) tags1: Vec<u8>,
    pub(super) tags2: Vec<u8>,
    /// Per lowercase form ([`features::TokInfo::lid`]) of the document.
    pub(super) counts: DenseMap<features::TagCounts>,
    pub(super) vit: LaneViterbi,
    pub(super) stretches: Vec<Stretch>,
    /// Per token of the document: the index of its word's sums in `words.sums`, for the tokens
    /// that may be names and their neighbours (whose sums are made first); [`NO_SUMS`] elsewhere.
    pub(super) sums_at: Vec<u32>,
}
