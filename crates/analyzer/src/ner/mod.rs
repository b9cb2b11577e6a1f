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

// The tagger's internals: the crate's own, public only with the feature `training`, for the
// trainer (`cargo xtask train-ner`). (Without it, what only the trainer uses is unused.)
#[cfg(feature = "training")]
#[allow(missing_docs)]
pub mod features;
#[cfg(not(feature = "training"))]
#[allow(dead_code)]
pub(crate) mod features;
#[cfg(feature = "training")]
#[allow(missing_docs)]
pub mod model;
#[cfg(not(feature = "training"))]
#[allow(dead_code)]
pub(crate) mod model;
#[cfg(feature = "training")]
#[allow(missing_docs)]
pub mod tags;
#[cfg(not(feature = "training"))]
#[allow(dead_code)]
pub(crate) mod tags;

#[cfg(test)]
mod tests;

mod caches;
mod index;
mod stretches;

use std::cell::RefCell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use storyline_model::EntityType;

use caches::*;
pub use features::Sentences;
use features::{
    Clusters, ContextIds, DenseMap, DocFeatures, DocTok, Gazetteer, NEIGHBOURS, Resources, TokenCache,
};
use index::*;
use model::{ModelData, N_STAGES};
use stretches::*;
use tags::{LANE_TAGS, LaneScores, LaneTransitions, LaneViterbi, NT, TYPES, Transitions};

/// Errors loading a model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
///
/// `found` is what the model file says, `expected` what this build reads.
#[allow(missing_docs)] // (the fields, above)
pub enum NerError {
    /// Not a model file.
    #[error("not a storyline NER model (bad magic bytes)")]
    BadMagic,
    /// A model file of another format version.
    #[error(
        "unsupported NER model format version {found} (this build reads version {expected}); retrain with `cargo xtask train-ner`"
    )]
    UnsupportedVersion { found: u32, expected: u32 },
    /// A model trained with another feature extractor.
    #[error(
        "stale NER model: trained with feature extractor {found:#018x}, this build uses {expected:#018x}; retrain with `cargo xtask train-ner`"
    )]
    StaleFeatures { found: u64, expected: u64 },
    /// The file ends early.
    #[error("NER model file is truncated")]
    Truncated,
    /// The file's contents do not hold together (what is wrong).
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
    /// The rows of the features with few values, by [`features::small_feature`] code.
    small_rows: Vec<u32>,
    /// The summed weights of the features of each [`features::base_codes`] code.
    base_sums: Vec<[i32; RROW]>,
    /// The rows of the capitalisation-window features, by [`features::capw_feature`] code.
    capw_rows: Vec<u32>,
    /// The stage-2 weights summed by group (see [`Tagger::stage2_emissions`]).
    s2: Stage2Tables,
    /// Per stage, the transitions of a stretch of tokens that may be names, by where it lies: index
    /// `starts_sentence | ends_sentence << 1` (a stretch not at the sentence's start follows an
    /// `O`, one not at its end precedes an `O`). `[3]` is a whole sentence's.
    trans: [[LaneTransitions; 4]; N_STAGES],
    meta: String,
}

/// The weights of one feature: per stage, those of the 16 tags other than `O`, relative to the
/// weight of `O` (adding the same amount to the scores of every tag of a token changes no
/// decision), in lane order ([`LANE_TAGS`]). Aligned so that a row is exactly one cache line.
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
    /// Token analyses and summed word weights of the words seen lately on this thread (by the
    /// tagger that made them), and buffers.
    static BUFFERS: RefCell<TaggerBuffers> = RefCell::default();
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
        Ok(Tagger::from_model_data(ModelData::from_bytes(bytes, features::feature_version())?))
    }

    /// Builds a tagger from decoded model data (used by the trainer: public with the feature
    /// `training`).
    #[cfg(feature = "training")]
    pub fn from_model(m: ModelData) -> Tagger {
        Tagger::from_model_data(m)
    }

    fn from_model_data(m: ModelData) -> Tagger {
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
                for (j, &t) in LANE_TAGS.iter().enumerate() {
                    let rel = r[s * NT + t as usize] as i32 - r[s * NT] as i32;
                    row[s * SW + j] = halve(rel, shift[s]) as i16;
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
            small_rows: Vec::new(),
            base_sums: Vec::new(),
            capw_rows: Vec::new(),
            s2: Stage2Tables::default(),
            trans: std::array::from_fn(|s| stretch_transitions(&trans[s], &end[s])),
            meta: m.meta,
        };
        let mut buf = Vec::new();
        for (i, &d) in NEIGHBOURS.iter().enumerate() {
            features::neighbour_features(d, None, &mut buf);
            t.boundary[i] = t.sum_keys(&mut buf);
        }
        t.small_rows = (0..features::N_SMALL).map(|c| t.index.get(features::small_feature(c))).collect();
        t.capw_rows = (0..features::N_CAPW).map(|c| t.index.get(features::capw_feature(c))).collect();
        t.base_sums = (0..features::N_BASE)
            .map(|b| {
                let mut acc = [0; RROW];
                for c in features::base_codes(b) {
                    add_row(&mut acc, &t.rows[t.small_row(c)]);
                }
                acc
            })
            .collect();
        t.s2 = Stage2Tables::new(&t);
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
        let (words, lens) = flatten(sentences);
        let mut out = vec![Vec::new(); sentences.len()];
        self.tag_sentences(Sentences { words: &words, lens: &lens }, |s, a, b, ty| out[s].push((a, b, ty)));
        out
    }

    /// Tags one document, given as its flattened [`Sentences`]: calls `span(sentence, first_token,
    /// end_token_exclusive, type)` for each entity span, in order (token indexes within the
    /// sentence), as [`Tagger::tag_document`] returns them but without a vector per sentence.
    pub fn tag_sentences<S: AsRef<[u8]>>(
        &self,
        doc: Sentences<'_, S>,
        mut span: impl FnMut(usize, usize, usize, EntityType),
    ) {
        BUFFERS.with(|w| {
            let w = &mut *w.borrow_mut();
            self.tag_into(doc, w);
            // Names lie within the stretches of tokens that may be names (the others are `O`).
            for st in &w.stretches {
                let (k, len, s) = (st.first as usize, st.len as usize, st.sent as usize);
                let Some(&start) = w.doc.sent_start.get(s) else { continue };
                let at = k - start;
                tags::for_each_span(&w.tags2[k..k + len], |a, b, ty| span(s, at + a, at + b, TYPES[ty]));
            }
        })
    }

    /// Tags one document and returns the BILOU tag ids per sentence (see the `tags` module).
    pub fn tag_document_tags<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        let (words, lens) = flatten(sentences);
        BUFFERS.with(|w| {
            let w = &mut *w.borrow_mut();
            self.tag_into(Sentences { words: &words, lens: &lens }, w);
            w.doc.sent_start.windows(2).map(|s| w.tags2[s[0]..s[1]].to_vec()).collect()
        })
    }

    /// Tags one document: the stage-2 tags of all its tokens into `w.tags2`.
    fn tag_into<S: AsRef<[u8]>>(&self, sentences: Sentences<'_, S>, w: &mut TaggerBuffers) {
        self.base_emissions(sentences, w);
        let TaggerBuffers { doc_toks, doc, em1, em2, tags1, tags2, counts, vit, stretches, .. } = w;
        self.decode(0, doc.n_tokens(), stretches, em1, vit, tags1);
        // Stage 2: per lowercase form, the stage-1 tags of its capitalised occurrences (all of
        // which may be names), then the stage-2 features of the tokens that may be names, whose
        // weights are known by code.
        counts.clear();
        for k in stretches.iter().flat_map(Stretch::tokens) {
            let t = &doc_toks[k];
            if features::counts_tag(t.cap) {
                features::count_tag(t.cap, tags1[k], counts.entry(t.lid));
            }
        }
        self.stage2_emissions(doc_toks, doc, stretches, tags1, counts, em2);
        self.decode(1, doc.n_tokens(), stretches, em2, vit, tags2);
    }

    /// Adds to `em2` (the stage-2 emissions of the tokens that may be names) the weights of their
    /// stage-2 features, from the stage-1 tags `tags1` of all the tokens of `doc` and the tag
    /// `counts` of their lowercase forms: four sums of weights a token, looked up by group (its tag;
    /// its neighbours' tags; the major type of its form and its case; the types seen for its form
    /// and those of the multi-token names containing it). Uses AVX2 where the CPU has it.
    fn stage2_emissions(
        &self,
        toks: &[DocTok],
        doc: &DocFeatures,
        stretches: &[Stretch],
        tags1: &[u8],
        counts: &DenseMap<features::TagCounts>,
        em2: &mut [LaneScores],
    ) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.stage2_avx2(toks, doc, stretches, tags1, counts, em2) };
            return;
        }
        self.stage2_portable(toks, doc, stretches, tags1, counts, em2);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn stage2_avx2(
        &self,
        toks: &[DocTok],
        doc: &DocFeatures,
        stretches: &[Stretch],
        tags1: &[u8],
        counts: &DenseMap<features::TagCounts>,
        em2: &mut [LaneScores],
    ) {
        self.stage2_portable(toks, doc, stretches, tags1, counts, em2);
    }

    #[inline(always)]
    fn stage2_portable(
        &self,
        toks: &[DocTok],
        doc: &DocFeatures,
        stretches: &[Stretch],
        tags1: &[u8],
        counts: &DenseMap<features::TagCounts>,
        em2: &mut [LaneScores],
    ) {
        let s2 = &self.s2;
        let add = |em: &mut LaneScores, t: &[LaneScores], i: usize| {
            if let Some(r) = t.get(i) {
                for j in 0..SW {
                    em[j] += r[j];
                }
            }
        };
        let mut em2 = em2.iter_mut();
        for st in stretches {
            let (a, b) = st.sentence(doc);
            let sent_tags = &tags1[a..b];
            for k in st.tokens().map(|k| k - a) {
                let tag = sent_tags[k];
                let Some(em) = em2.next() else { return };
                let Some(t) = toks.get(a + k) else { return };
                let prev = k.checked_sub(1).map_or(NT, |p| sent_tags[p] as usize);
                let next = sent_tags.get(k + 1).map_or(NT, |&n| n as usize);
                add(em, &s2.tag, tag as usize);
                add(em, &s2.around, prev * (NT + 1) + next);
                let c = counts.get(t.lid);
                if c != features::TagCounts::default() {
                    let (major, seen_multi) = features::stage2_form(t.cap, &c);
                    add(em, &s2.major, major);
                    add(em, &s2.seen_multi, seen_multi);
                }
            }
        }
    }

    /// The sum of the stage-2 weights of features with [`features::small_feature`] codes `codes`.
    fn stage2_sum(&self, codes: impl IntoIterator<Item = usize>) -> LaneScores {
        let mut acc = [0; SW];
        for c in codes {
            let row = &self.rows[self.small_row(c)].0[SW..];
            for j in 0..SW {
                acc[j] += row[j] as i32;
            }
        }
        acc
    }

    /// The row of the feature with [`features::small_feature`] code `c`.
    #[inline]
    fn small_row(&self, c: usize) -> usize {
        debug_assert!(c < features::N_SMALL);
        self.small_rows.get(c).map_or(0, |&r| r as usize)
    }

    /// Into `out` (emptied first), the best tags of a stage for the `n` tokens of a document, from
    /// the emissions `em` of its tokens that may be names, which form `stretches`: the other
    /// tokens are `O`, and each stretch is decoded on its own (with the transitions from and to the
    /// `O`s around it, this is exactly the best sequence of the whole sentence).
    fn decode(
        &self,
        stage: usize,
        n: usize,
        stretches: &[Stretch],
        em: &[LaneScores],
        vit: &mut LaneViterbi,
        out: &mut Vec<u8>,
    ) {
        out.clear();
        out.resize(n, tags::O);
        let trans = &self.trans[stage];
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { decode_avx2(trans, stretches, em, vit, out) };
            return;
        }
        decode_stretches(trans, stretches, em, vit, out);
    }

    /// The base features of a document into `w.doc` and the emission scores of both stages from
    /// them into `w.em1` and `w.em2`, for the tokens that may be names (`NT` scores each, in
    /// order).
    fn base_emissions<S: AsRef<[u8]>>(&self, sentences: Sentences<'_, S>, w: &mut TaggerBuffers) {
        w.tokens.check_owner(self.id);
        w.words.check_owner(self.id);
        w.tokens.reserve();
        w.words.reserve();
        let n_tok = sentences.words.len();
        if !w.tokens.has_room(n_tok) || w.words.sums.len() + n_tok > WordCache::CAPACITY {
            w.tokens.clear();
            w.words.clear();
        }
        w.idx.clear();
        w.idx.extend(sentences.words.iter().map(|s| w.tokens.index(&self.res, s.as_ref())));
        w.words.sums_of.resize(w.tokens.len(), NO_SUMS);
        w.doc_toks.clear();
        w.doc_toks.extend(w.idx.iter().map(|&i| w.tokens.doc_tok(i)));
        features::extract_context(&self.res, sentences, &w.doc_toks, &mut w.feat, &mut w.doc);
        find_stretches(&w.doc, &mut w.stretches);
        self.emissions(w);
    }

    /// Emission scores of both stages from the base features of `w.doc` (from
    /// [`features::extract_context`]). Uses AVX2 where the CPU has it.
    fn emissions(&self, w: &mut TaggerBuffers) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.emissions_avx2(w) };
            return;
        }
        self.emissions_portable(w);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn emissions_avx2(&self, w: &mut TaggerBuffers) {
        self.emissions_portable(w);
    }

    /// The word and neighbour features, whose sums are kept per word in `w.words` (the words
    /// not summed yet: their features in one batch, whose lookups can be prefetched well ahead),
    /// then the context features: the rows of all the document's first (prefetched as well),
    /// then their sums.
    #[inline(always)]
    fn emissions_portable(&self, w: &mut TaggerBuffers) {
        self.sum_new_words(w);
        self.sum_emissions(w);
    }

    /// Sums the word and neighbour features of the words not summed yet into `w.words`, for the
    /// tokens that may be names and their neighbours (only their words are summed), and sets
    /// `w.sums_at` for those tokens.
    #[inline(always)]
    fn sum_new_words(&self, w: &mut TaggerBuffers) {
        let TaggerBuffers { tokens, words, idx, doc, ids, new_feats, new_starts, sums_at, stretches, .. } = w;
        new_feats.clear();
        new_starts.clear();
        new_starts.push(0);
        let mut n_new = words.sums.len() as u32;
        // Per token: the index of its word's sums, set below for the tokens read (those of the
        // stretches and the two on either side of each).
        sums_at.clear();
        sums_at.resize(idx.len(), NO_SUMS);
        for st in stretches.iter() {
            let (a, b) = st.sentence(doc);
            let (first, end) = (st.first as usize, (st.first + st.len) as usize);
            let window = first.saturating_sub(2).max(a)..(end + 2).min(b);
            for (&i, at) in idx[window.clone()].iter().zip(&mut sums_at[window]) {
                let s = &mut words.sums_of[i as usize];
                if *s != NO_SUMS {
                    *at = *s;
                    continue;
                }
                // Its sums are pushed below, in this order.
                *at = n_new;
                *s = n_new;
                n_new += 1;
                let info = tokens.info(i);
                features::word_features(info, new_feats);
                new_starts.push(new_feats.len() as u32);
                for &d in &NEIGHBOURS {
                    features::neighbour_features(d, Some(info), new_feats);
                    new_starts.push(new_feats.len() as u32);
                }
            }
        }
        self.index.rows_into(new_feats, ids);
        let mut starts = new_starts.windows(2);
        while words.sums.len() < n_new as usize {
            let mut sums = ZERO_SUMS;
            for (sum, s) in sums.iter_mut().zip(starts.by_ref()) {
                // Summed in registers (the compiler cannot tell that `sum` is not a row).
                let mut acc = [0i32; RROW];
                self.add_rows(&mut acc, ids, s[0] as usize..s[1] as usize);
                *sum = acc;
            }
            words.sums.push(sums);
        }
    }

    /// The emission scores of both stages of the tokens that may be names into `w.em1` and
    /// `w.em2`: their words' and neighbours' sums (see [`Tagger::sum_new_words`]), then the rows
    /// of their context features.
    #[inline(always)]
    fn sum_emissions(&self, w: &mut TaggerBuffers) {
        let TaggerBuffers { tokens, words, doc, ids, em1, em2, sums_at, stretches, .. } = w;
        let sums_of = |s: u32| words.sums.get(s as usize).unwrap_or(&ZERO_SUMS);
        self.index.rows_into(&doc.feats, ids);
        // Per token that may be a name, in order: its features, small codes, base code and context
        // ids, and its emission scores, set below (one iterator: one index for all, no capacity
        // checks).
        let n = doc.base.len();
        em1.clear();
        em1.resize(n, [0; SW]);
        em2.clear();
        em2.resize(n, [0; SW]);
        let mut cands = (doc.tok_start.windows(2).zip(doc.small_start.windows(2)))
            .zip(doc.base.iter().zip(&doc.ctx))
            .zip(em1.iter_mut().zip(em2.iter_mut()));
        for st in stretches.iter() {
            let (a, b) = st.sentence(doc);
            let sent_sums = &sums_at[a..b];
            for k in st.tokens().map(|k| k - a) {
                let own = sent_sums[k];
                let mut acc = sums_of(own)[0];
                for (i, &d) in NEIGHBOURS.iter().enumerate() {
                    let add = match sent_sums.get(k.wrapping_add_signed(d)) {
                        Some(&s) => &sums_of(s)[1 + i],
                        None => &self.boundary[i],
                    };
                    for t in 0..RROW {
                        acc[t] += add[t];
                    }
                }
                let Some((((f, sm), (&b, c)), (e1, e2))) = cands.next() else { return };
                if let Some(s) = self.base_sums.get(b as usize) {
                    for t in 0..RROW {
                        acc[t] += s[t];
                    }
                }
                self.add_rows(&mut acc, ids, f[0] as usize..f[1] as usize);
                for &c in &doc.small[sm[0] as usize..sm[1] as usize] {
                    add_row(&mut acc, &self.rows[self.small_row(c as usize)]);
                }
                // Few rows, read again and again: no prefetching.
                for r in self.context_rows(c, tokens, &mut words.ctx) {
                    add_row(&mut acc, &self.rows[r as usize]);
                }
                let (a1, a2) = acc.split_at(SW);
                e1.copy_from_slice(a1);
                e2.copy_from_slice(a2);
            }
        }
    }

    /// The rows of the context features of a token made of the ids `c` (from
    /// [`features::extract_context`]): the capitalisation window's, by code; the shape bigrams'
    /// and trigram's, cached by the shape ids in `cache`.
    #[inline(always)]
    fn context_rows(&self, c: &ContextIds, tokens: &TokenCache, cache: &mut ContextCache) -> [u32; 4] {
        let capw = self.capw_rows.get(c.capw as usize).copied().unwrap_or(0);
        let [p, s, n] = c.sid;
        let make = move || self.shape_rows([p, s, n], tokens);
        // Shape ids are below 2^21 (but in documents of millions of distinct words: not cached).
        let key = if p.max(s).max(n) < 1 << 21 { (p as u64) << 42 | (s as u64) << 21 | n as u64 } else { 0 };
        let [a, b, c] = cache.shapes.get_or_insert_with(key, make);
        [capw, a, b, c]
    }

    /// The rows of the [`features::shape_features`] of the shape ids `sid` (see
    /// [`Tagger::context_rows`], which caches them: out of line).
    #[cold]
    #[inline(never)]
    fn shape_rows(&self, sid: [u32; 3], tokens: &TokenCache) -> [u32; 3] {
        let [p, s, n] = sid.map(|i| tokens.context_shape(i));
        features::shape_features(p, s, n).map(|h| self.index.get(h))
    }

    /// Adds to `acc` the rows `ids[span]`, prefetching the row `PREFETCH_AHEAD` later in `ids`.
    #[inline(always)]
    fn add_rows(&self, acc: &mut [i32; RROW], ids: &[u32], span: std::ops::Range<usize>) {
        let ahead = ids.get(span.start + PREFETCH_AHEAD..).unwrap_or_default();
        for (j, &r) in ids.get(span).unwrap_or_default().iter().enumerate() {
            if let Some(&next) = ahead.get(j) {
                prefetch(self.rows.as_ptr().wrapping_add(next as usize));
            }
            add_row(acc, &self.rows[r as usize]);
        }
    }

    /// Sum of the rows of `keys` (both stages); empties `keys`.
    fn sum_keys(&self, keys: &mut Vec<u64>) -> [i32; RROW] {
        let mut acc = [0i32; RROW];
        for &k in keys.iter() {
            add_row(&mut acc, &self.rows[self.index.get(k) as usize]);
        }
        keys.clear();
        acc
    }
}
