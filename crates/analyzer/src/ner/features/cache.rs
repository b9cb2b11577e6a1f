//! Memory kept across documents and lookups: the bounded cache of token analyses
//! ([`TokenCache`]), values by dense id emptied in constant time ([`DenseMap`]), a hash index, and
//! the scratch space of the extraction ([`Scratch`]).

use super::*;

/// Token analyses (which depend on the word and the [`Resources`] only) kept across documents.
/// Bounded: emptied when it reaches [`TokenCache::CAPACITY`] words.
#[derive(Clone, Default)]
pub struct TokenCache {
    /// Identifies the resources the analyses were made with.
    owner: u64,
    /// Word's [`hash_state`] (which stands for its hash, and spares the last step of hashing
    /// for the words held) → index in `infos`.
    pub(super) map: HashIndex,
    pub(super) infos: Vec<TokInfo>,
    /// [`TokInfo::doc_tok`] of each of `infos`.
    doc_toks: Vec<DocTok>,
    /// Hash of a lowercase form → its [`TokInfo::lid`].
    lids: HashIndex,
    /// Hash of a shape → its [`TokInfo::sid`].
    sids: HashIndex,
    /// Per [`TokInfo::sid`], the hash of the shape.
    shape_of: Vec<u64>,
    pub(super) buf: String,
    pub(super) shape: Vec<u8>,
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
    pub(super) fn insert(&mut self, res: &Resources, word: &[u8], state: u64) -> u32 {
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
pub(super) struct HashIndex {
    /// `(key, value)`; key 0 marks an empty slot (the value of key 0 is `zero`).
    slots: Vec<(u64, u32)>,
    zero: Option<u32>,
    pub(super) len: usize,
}

impl HashIndex {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(super) fn clear(&mut self) {
        self.slots.iter_mut().for_each(|s| *s = (0, 0));
        self.zero = None;
        self.len = 0;
    }

    /// The value of `key`, if it has one.
    #[inline]
    pub(super) fn get(&self, key: u64) -> Option<u32> {
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
    pub(super) fn reserve(&mut self, n: usize) {
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
    pub(super) stats: DenseMap<DocStat>,
    pub(super) allcaps: Vec<bool>,
    pub(super) gaz_match: Vec<u32>,
}
