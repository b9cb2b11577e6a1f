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
//! The model is trained by `cargo xtask train-ner` and committed as `models/ner.bin`.

pub mod features;
pub mod model;
pub mod tags;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use storyline_model::EntityType;

use features::{Clusters, Gazetteer, Resources};
use model::{ModelData, N_STAGES, ROW};
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
    res: Resources,
    index: FeatureIndex,
    rows: Vec<[i16; ROW]>,
    trans: [Transitions<i32>; N_STAGES],
    meta: String,
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
        let mut index = FeatureIndex::with_capacity(m.feats.len());
        let mut rows = Vec::with_capacity(m.feats.len());
        for (k, row) in m.feats {
            if index.insert(k, rows.len() as u32) {
                rows.push(row);
            }
        }
        let res = Resources {
            gaz: Gazetteer { map: m.gaz.into_iter().collect() },
            clusters: Clusters { map: m.clusters.into_iter().collect() },
        };
        Tagger {
            res,
            index,
            rows,
            trans: std::array::from_fn(|s| Transitions::new(&m.trans[s], &m.end[s])),
            meta: m.meta,
        }
    }

    /// Training information stored with the model.
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.rows.len()
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
        let doc = features::extract(&self.res, sentences);
        let n = doc.n_tokens();
        let mut em1 = vec![0i32; n * NT];
        let mut em2 = vec![0i32; n * NT];
        for k in 0..n {
            let mut a1 = [0i32; NT];
            let mut a2 = [0i32; NT];
            for h in doc.token(k) {
                if let Some(&r) = self.index.get(h) {
                    let row = &self.rows[r as usize];
                    for t in 0..NT {
                        a1[t] += row[t] as i32;
                        a2[t] += row[NT + t] as i32;
                    }
                }
            }
            em1[k * NT..(k + 1) * NT].copy_from_slice(&a1);
            em2[k * NT..(k + 1) * NT].copy_from_slice(&a2);
        }
        let mut vit = Viterbi::<i32>::new();
        let mut tags1 = Vec::with_capacity(n);
        let mut buf = Vec::new();
        for w in doc.sent_start.windows(2) {
            let (a, b) = (w[0], w[1]);
            vit.decode(b - a, &em1[a * NT..b * NT], &self.trans[0], &mut buf);
            tags1.extend_from_slice(&buf);
        }
        let mut f2 = Vec::new();
        let mut s2 = Vec::new();
        features::stage2_features(&doc, &tags1, &mut f2, &mut s2);
        for k in 0..n.min(s2.len().saturating_sub(1)) {
            let em = &mut em2[k * NT..(k + 1) * NT];
            for h in &f2[s2[k] as usize..s2[k + 1] as usize] {
                if let Some(&r) = self.index.get(h) {
                    let row = &self.rows[r as usize];
                    for t in 0..NT {
                        em[t] += row[NT + t] as i32;
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(sentences.len());
        for w in doc.sent_start.windows(2) {
            let (a, b) = (w[0], w[1]);
            vit.decode(b - a, &em2[a * NT..b * NT], &self.trans[1], &mut buf);
            out.push(buf.clone());
        }
        out
    }
}

/// Open-addressing map from feature hash to row (linear probing, load ≤ 1/2). The keys alone are
/// probed, so looking up a feature the model does not know touches one small array only.
struct FeatureIndex {
    keys: Vec<u64>,
    rows: Vec<u32>,
    mask: usize,
}

impl FeatureIndex {
    fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        FeatureIndex { keys: vec![0; cap], rows: vec![0; cap], mask: cap - 1 }
    }

    /// Inserts a new key (0 is reserved for empty slots and duplicates are refused).
    fn insert(&mut self, key: u64, row: u32) -> bool {
        if key == 0 {
            return false;
        }
        let mut i = key as usize & self.mask;
        loop {
            match self.keys[i] {
                0 => {
                    self.keys[i] = key;
                    self.rows[i] = row;
                    return true;
                }
                k if k == key => return false,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    #[inline]
    fn get(&self, key: &u64) -> Option<&u32> {
        let mut i = *key as usize & self.mask;
        loop {
            let k = self.keys[i];
            if k == *key && k != 0 {
                return Some(&self.rows[i]);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}
