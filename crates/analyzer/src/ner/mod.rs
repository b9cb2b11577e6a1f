//! Statistical named-entity tagger (PER, ORG, LOC, MISC), trained on CoNLL-2003.
//!
//! A two-stage averaged structured perceptron over BILOU tags with constrained Viterbi decoding.
//! Stage 1 uses local features (word, lowercase form, shape, affixes, ±2 window, capitalisation
//! in context, word clusters, gazetteers from the training data) plus document-level case
//! statistics; stage 2 adds non-local features from stage 1's predictions over the whole
//! document (how the same word was tagged elsewhere). Features are 64-bit hashes looked up in a
//! compact dictionary holding, for each feature kept, the i16 weights of both stages, so the
//! emission scores of a token cost one lookup per feature.
//!
//! Speed: in memory a feature's weights are one 64-byte row (the 16 tags other than `O`, relative
//! to `O`, for both stages) and the open-addressing index keeps keys and row numbers side by
//! side; the lookups of a whole document run in one loop that prefetches well ahead. The weights
//! of the features that depend on one word only (the word, its affixes, shape, clusters,
//! gazetteer entries, and the same as a neighbour) are summed once per word and kept in a bounded
//! per-thread cache, with the words' analyses. Viterbi scores only the moves BILOU allows. The
//! emission sums and Viterbi have AVX2 builds chosen at run time. Only tokens that may be part of a
//! name (near a capital letter, about a third) get emission scores and Viterbi; the others are `O`.
//!
//! The model is trained by `cargo xtask train-ner` and committed as `models/ner.bin`.

pub mod features;
pub mod model;
pub mod tags;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use storyline_model::EntityType;

use features::{Clusters, DocFeatures, Gazetteer, IdMap, NEIGHBOURS, Resources, TokenCache};
use model::{ModelData, N_STAGES};
use tags::{NT, TYPES, Transitions, Viterbi};

/// Errors loading a model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NerError {
    #[error("not a storyline NER model (bad magic bytes)")]
    BadMagic,
    #[error(
        "unsupported NER model format version {found} (this build reads version {expected}); retrain with `cargo xtask train-ner`"
    )]
    UnsupportedVersion { found: u32, expected: u32 },
    #[error(
        "stale NER model: trained with feature extractor {found:#018x}, this build uses {expected:#018x}; retrain with `cargo xtask train-ner`"
    )]
    StaleFeatures { found: u64, expected: u64 },
    #[error("NER model file is truncated")]
    Truncated,
    #[error("NER model file is corrupt: {0}")]
    Corrupt(String),
}

/// The named-entity tagger.
pub struct Tagger {
    /// Distinguishes this tagger's entries in the per-thread [`TokenCache`].
    id: u64,
    res: Resources,
    index: FeatureIndex,
    /// Weight rows; row 0 is all zeros and stands for features the model does not know.
    rows: Vec<Row>,
    /// Summed weights of the neighbour features past the ends of a sentence, per offset.
    boundary: [[i32; RROW]; NEIGHBOURS.len()],
    /// Per stage, the transitions of a stretch of tokens that may be names, by where it lies: index
    /// `starts_sentence | ends_sentence << 1` (a stretch not at the sentence's start follows an
    /// `O`, one not at its end precedes an `O`). `[3]` is a whole sentence's.
    trans: [[Transitions<i32>; 4]; N_STAGES],
    meta: String,
}

/// The weights of one feature: per stage, those of the 16 tags other than `O`, relative to the
/// weight of `O` (adding the same amount to the scores of every tag of a token changes no
/// decision). Aligned so that a row is exactly one cache line.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Row([i16; RROW]);

/// Weights per stage in a [`Row`].
const SW: usize = NT - 1;
/// Weights in a [`Row`].
const RROW: usize = SW * N_STAGES;

/// Source of [`Tagger::id`]s (0 is never used).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Token analyses and summed word weights of the words seen lately on this thread, by the
    /// tagger that made them.
    static CACHES: RefCell<(TokenCache, WordCache)> = RefCell::default();
}

static BUILTIN_BYTES: &[u8] = include_bytes!("../../models/ner.bin");
static BUILTIN: OnceLock<Result<Tagger, NerError>> = OnceLock::new();

impl Tagger {
    /// The model committed in the repo (embedded with `include_bytes!`, parsed once, cached in a
    /// `OnceLock`).
    pub fn builtin() -> Result<&'static Tagger, NerError> {
        BUILTIN.get_or_init(|| Tagger::from_bytes(BUILTIN_BYTES)).as_ref().map_err(Clone::clone)
    }

    /// Parses a model file; checks its magic bytes, format version and feature-extractor hash.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, NerError> {
        Ok(Tagger::from_model(ModelData::from_bytes(bytes, features::feature_version())?))
    }

    /// Builds a tagger from decoded model data (used by the trainer).
    pub fn from_model(m: ModelData) -> Tagger {
        // Weights relative to `O` span twice the range of the stored ones: a stage whose relative
        // weights do not fit in an i16 has them, and its transitions, halved.
        let shift: [u32; N_STAGES] = std::array::from_fn(|s| {
            let fits = m.feats.iter().all(|(_, r)| {
                (1..NT).all(|t| (r[s * NT + t] as i32 - r[s * NT] as i32).abs() <= i16::MAX as i32)
            });
            u32::from(!fits)
        });
        let mut index = FeatureIndex::with_capacity(m.feats.len());
        let mut rows = Vec::with_capacity(m.feats.len() + 1);
        rows.push(Row([0; RROW]));
        for (k, r) in m.feats {
            let mut row = [0i16; RROW];
            for s in 0..N_STAGES {
                for t in 1..NT {
                    let rel = r[s * NT + t] as i32 - r[s * NT] as i32;
                    row[s * SW + t - 1] = halve(rel, shift[s]) as i16;
                }
            }
            if index.insert(k, rows.len() as u32) {
                rows.push(Row(row));
            }
        }
        let trans: [Vec<i32>; N_STAGES] =
            std::array::from_fn(|s| m.trans[s].iter().map(|&x| halve(x, shift[s])).collect());
        let end: [Vec<i32>; N_STAGES] =
            std::array::from_fn(|s| m.end[s].iter().map(|&x| halve(x, shift[s])).collect());
        let res = Resources {
            gaz: Gazetteer { map: m.gaz.into_iter().collect() },
            clusters: Clusters { map: m.clusters.into_iter().collect() },
        };
        let mut t = Tagger {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            res,
            index,
            rows,
            boundary: [[0; RROW]; NEIGHBOURS.len()],
            trans: std::array::from_fn(|s| stretch_transitions(&trans[s], &end[s])),
            meta: m.meta,
        };
        let mut buf = Vec::new();
        for (i, &d) in NEIGHBOURS.iter().enumerate() {
            features::neighbour_features(d, None, &mut buf);
            t.boundary[i] = t.sum_keys(&mut buf);
        }
        t
    }

    /// Training information stored with the model.
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.rows.len() - 1
    }

    /// Tags one document: sentences of tokens. Returns, per sentence, its entity spans
    /// `(first_token, end_token_exclusive, type)`.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<(usize, usize, EntityType)>> {
        self.tag_document_tags(sentences)
            .iter()
            .map(|t| tags::tags_to_spans(t).into_iter().map(|(s, e, ty)| (s, e, TYPES[ty])).collect())
            .collect()
    }

    /// Tags one document and returns the BILOU tag ids per sentence (see [`tags`]).
    pub fn tag_document_tags<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        let (doc, em1, mut em2) = self.base_emissions(sentences);
        let n = doc.n_tokens();
        let mut vit = Viterbi::<i32>::new();
        let mut tags1 = Vec::with_capacity(n);
        self.decode(0, &doc, &em1, &mut vit, &mut tags1);
        let mut f2 = Vec::new();
        let mut s2 = Vec::new();
        features::stage2_features(&doc, &tags1, &mut f2, &mut s2);
        let ids2 = self.index.rows_of(&f2);
        for k in 0..n.min(s2.len().saturating_sub(1)) {
            if !doc.may_name[k] {
                continue;
            }
            let em = &mut em2[k * NT + 1..(k + 1) * NT];
            for &r in &ids2[s2[k] as usize..s2[k + 1] as usize] {
                let row = &self.rows[r as usize].0[SW..];
                for t in 0..SW {
                    em[t] += row[t] as i32;
                }
            }
        }
        let mut tags2 = Vec::with_capacity(n);
        self.decode(1, &doc, &em2, &mut vit, &mut tags2);
        doc.sent_start.windows(2).map(|w| tags2[w[0]..w[1]].to_vec()).collect()
    }

    /// Appends to `out` the best tags of a stage for every token of `doc`, from the emissions `em`:
    /// tokens that may not be names are `O`, each stretch of the others is decoded on its own
    /// (with the transitions from and to the `O`s around it, this is exactly the best sequence of
    /// the whole sentence).
    fn decode(&self, stage: usize, doc: &DocFeatures, em: &[i32], vit: &mut Viterbi<i32>, out: &mut Vec<u8>) {
        let mut buf = Vec::new();
        for w in doc.sent_start.windows(2) {
            let (a, b) = (w[0], w[1]);
            let mut k = a;
            while k < b {
                if !doc.may_name[k] {
                    out.push(tags::O);
                    k += 1;
                    continue;
                }
                let e = (k..b).find(|&e| !doc.may_name[e]).unwrap_or(b);
                let at = usize::from(k == a) | usize::from(e == b) << 1;
                vit.decode(e - k, &em[k * NT..e * NT], &self.trans[stage][at], &mut buf);
                out.extend_from_slice(&buf);
                k = e;
            }
        }
    }

    /// The base features of a document and the emission scores of both stages from them.
    fn base_emissions<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> (DocFeatures, Vec<i32>, Vec<i32>) {
        CACHES.with(|c| {
            let (tokens, words) = &mut *c.borrow_mut();
            tokens.check_owner(self.id);
            words.check_owner(self.id);
            let doc = features::extract_context(&self.res, sentences, tokens);
            let n = doc.n_tokens();
            let mut em1 = vec![0i32; n * NT];
            let mut em2 = vec![0i32; n * NT];
            self.emissions(&doc, words, &mut em1, &mut em2);
            (doc, em1, em2)
        })
    }

    /// Emission scores of both stages from the base features of `doc` (from
    /// [`features::extract_context`]). Uses AVX2 where the CPU has it.
    fn emissions(&self, doc: &DocFeatures, words: &mut WordCache, em1: &mut [i32], em2: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.emissions_avx2(doc, words, em1, em2) };
            return;
        }
        self.emissions_portable(doc, words, em1, em2);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn emissions_avx2(&self, doc: &DocFeatures, words: &mut WordCache, em1: &mut [i32], em2: &mut [i32]) {
        self.emissions_portable(doc, words, em1, em2);
    }

    /// The context features: the rows of all the document's features first, then their sums
    /// (with the lookups of a whole document in one loop, memory can be prefetched well ahead).
    /// Then the word and neighbour features, whose sums are kept per word in `words`.
    #[inline(always)]
    fn emissions_portable(&self, doc: &DocFeatures, words: &mut WordCache, em1: &mut [i32], em2: &mut [i32]) {
        let n = doc.n_tokens();
        let ids = self.index.rows_of(&doc.feats);
        let mut slots = Vec::with_capacity(n);
        if words.map.len() + n > WordCache::CAPACITY {
            words.map.clear();
            words.sums.clear();
        }
        // Words not in the cache: their features in one batch (prefetched as above), summed into
        // new entries.
        let mut new_feats = Vec::new();
        let mut new_starts = vec![0u32];
        // Only the words of tokens that may be names and of their neighbours are summed.
        let mut needed = vec![false; n];
        for sent in doc.sent_start.windows(2) {
            for k in (sent[0]..sent[1]).filter(|&k| doc.may_name[k]) {
                let lo = k.saturating_sub(2).max(sent[0]);
                let hi = (k + 3).min(sent[1]);
                needed[lo..hi].iter_mut().for_each(|x| *x = true);
            }
        }
        for (info, &needed) in doc.words.iter().zip(&needed) {
            if !needed {
                slots.push(usize::MAX);
                continue;
            }
            let next = words.sums.len() as u32;
            let slot = *words.map.entry(info.w).or_insert_with(|| {
                words.sums.push([[0; RROW]; 1 + NEIGHBOURS.len()]);
                features::word_features(info, &mut new_feats);
                new_starts.push(new_feats.len() as u32);
                for &d in &NEIGHBOURS {
                    features::neighbour_features(d, Some(info), &mut new_feats);
                    new_starts.push(new_feats.len() as u32);
                }
                next
            });
            slots.push(slot as usize);
        }
        let new_ids = self.index.rows_of(&new_feats);
        let first_new = words.sums.len() - (new_starts.len() - 1) / (1 + NEIGHBOURS.len());
        for (p, w) in new_starts.windows(2).enumerate() {
            let sums = &mut words.sums[first_new + p / (1 + NEIGHBOURS.len())][p % (1 + NEIGHBOURS.len())];
            for j in w[0] as usize..w[1] as usize {
                if let Some(&r) = new_ids.get(j + PREFETCH_AHEAD) {
                    prefetch(&self.rows[r as usize]);
                }
                let row = &self.rows[new_ids[j] as usize].0;
                for t in 0..RROW {
                    sums[t] += row[t] as i32;
                }
            }
        }
        for sent in doc.sent_start.windows(2) {
            let (a, b) = (sent[0], sent[1]);
            for k in a..b {
                if !doc.may_name[k] {
                    em1[k * NT + 1..(k + 1) * NT].fill(NOT_A_NAME);
                    em2[k * NT + 1..(k + 1) * NT].fill(NOT_A_NAME);
                    continue;
                }
                let mut acc = words.sums[slots[k]][0];
                for (i, &d) in NEIGHBOURS.iter().enumerate() {
                    let j = k as isize + d;
                    let add = if j >= a as isize && j < b as isize {
                        &words.sums[slots[j as usize]][1 + i]
                    } else {
                        &self.boundary[i]
                    };
                    for t in 0..RROW {
                        acc[t] += add[t];
                    }
                }
                for j in doc.tok_start[k] as usize..doc.tok_start[k + 1] as usize {
                    if let Some(&r) = ids.get(j + PREFETCH_AHEAD) {
                        prefetch(&self.rows[r as usize]);
                    }
                    let row = &self.rows[ids[j] as usize].0;
                    for t in 0..RROW {
                        acc[t] += row[t] as i32;
                    }
                }
                em1[k * NT + 1..(k + 1) * NT].copy_from_slice(&acc[..SW]);
                em2[k * NT + 1..(k + 1) * NT].copy_from_slice(&acc[SW..]);
            }
        }
    }

    /// Sum of the rows of `keys` (both stages); empties `keys`.
    fn sum_keys(&self, keys: &mut Vec<u64>) -> [i32; RROW] {
        let mut acc = [0i32; RROW];
        for &k in keys.iter() {
            let row = &self.rows[self.index.get(k) as usize].0;
            for t in 0..RROW {
                acc[t] += row[t] as i32;
            }
        }
        keys.clear();
        acc
    }
}

/// Summed weights of the word and neighbour features of a word: `[0]`, of its word features;
/// `[1 + i]`, of its features as the neighbour at offset `NEIGHBOURS[i]` of a token.
type WordSums = [[i32; RROW]; 1 + NEIGHBOURS.len()];

/// Per-thread [`WordSums`] of the words seen lately, by one tagger. Bounded: emptied when it
/// reaches [`WordCache::CAPACITY`] words.
#[derive(Default)]
struct WordCache {
    owner: u64,
    map: IdMap<u32>,
    sums: Vec<WordSums>,
}

impl WordCache {
    /// Most words kept (640 bytes each: 10 MiB).
    const CAPACITY: usize = 16384;

    fn check_owner(&mut self, owner: u64) {
        if self.owner != owner {
            self.map.clear();
            self.sums.clear();
            self.owner = owner;
        }
    }
}

/// Emission score of the name tags of a token that cannot be part of a name (see
/// [`features::DocFeatures::may_name`]): far below any real score, so Viterbi tags it `O`, and far
/// enough above [`tags::Score::NEG`] that sums of a few stay in range.
const NOT_A_NAME: i32 = -(1 << 24);

/// The four [`Tagger::trans`] of a stage from its transition weights (`(NT + 1) × NT`, row `NT`:
/// sentence start) and end weights: a stretch not at the sentence's start starts as after an `O`,
/// one not at its end ends as before an `O`.
fn stretch_transitions(trans: &[i32], end: &[i32]) -> [Transitions<i32>; 4] {
    let get = |i: usize| trans.get(i).copied().unwrap_or(0);
    let o = tags::O as usize;
    std::array::from_fn(|at| {
        let (starts, ends) = (at & 1 != 0, at & 2 != 0);
        let mut tr: Vec<i32> = (0..(NT + 1) * NT).map(get).collect();
        if !starts {
            for c in 0..NT {
                tr[NT * NT + c] = get(o * NT + c);
            }
        }
        let en: Vec<i32> = if ends {
            (0..NT).map(|c| end.get(c).copied().unwrap_or(0)).collect()
        } else {
            (0..NT).map(|c| get(c * NT + o)).collect()
        };
        Transitions::new(&tr, &en)
    })
}

/// `x / 2^shift`, rounded half away from zero.
fn halve(x: i32, shift: u32) -> i32 {
    if shift == 0 { x } else { (x + x.signum()) / 2 }
}

/// How many lookups ahead memory is prefetched.
const PREFETCH_AHEAD: usize = 48;

/// Hints the CPU to bring `x` into the cache (no effect on other architectures).
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint: it never faults and has no visible effect.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((x as *const T).cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// A slot of [`FeatureIndex`]: a feature hash and its row (16 bytes, four to a cache line).
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    row: u32,
}

/// Open-addressing map from feature hash to row (linear probing, load ≤ 1/2, keys and rows side by
/// side so that a lookup touches one cache line, usually).
struct FeatureIndex {
    slots: Vec<Slot>,
    mask: usize,
}

impl FeatureIndex {
    fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        FeatureIndex { slots: vec![Slot::default(); cap], mask: cap - 1 }
    }

    /// Inserts a new key (0 is reserved for empty slots and duplicates are refused).
    fn insert(&mut self, key: u64, row: u32) -> bool {
        if key == 0 {
            return false;
        }
        let mut i = key as usize & self.mask;
        loop {
            let s = &mut self.slots[i];
            match s.key {
                0 => {
                    *s = Slot { key, row };
                    return true;
                }
                k if k == key => return false,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    /// The row of a feature (0, the zero row, if the model does not know it).
    #[inline]
    fn get(&self, key: u64) -> u32 {
        let mut i = key as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                // Key 0 is never inserted, and empty slots have row 0 anyway.
                return s.row;
            }
            if s.key == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Rows of `keys`, prefetching the slots a few keys ahead.
    #[inline(always)]
    fn rows_of(&self, keys: &[u64]) -> Vec<u32> {
        let mut out = Vec::with_capacity(keys.len());
        for (j, &k) in keys.iter().enumerate() {
            if let Some(&next) = keys.get(j + PREFETCH_AHEAD) {
                prefetch(&self.slots[next as usize & self.mask]);
            }
            out.push(self.get(k));
        }
        out
    }
}
