//! An index of person groups by the token sequences that can make a name compatible with
//! them, so that matching a name looks at a few candidate groups instead of every group
//! (which made entity resolution quadratic in the number of distinct people).

use std::collections::BTreeSet;

use super::RawMention;
use super::words::WordId;

/// Keys longer than this are not split into prefixes and suffixes; their groups are
/// candidates for every name (names that long are rare, and the bound keeps the index small).
const MAX_INDEXED: usize = 16;

/// The first node of the list of groups indexed under the hash of a token sequence.
type ByHash = crate::ner::features::IdMap<usize>;

use crate::packed::GOLDEN as MUL;

/// Hash of one word id, finalised.
fn token_hash(t: WordId) -> u64 {
    fmix((u64::from(t) + 1).wrapping_mul(MUL))
}

fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// Hash of a sequence of token hashes.
fn seq_hash(tokens: &[u64]) -> u64 {
    tokens.iter().fold(0x2545_f491_4f6c_dd1d, |h, &t| fmix((h ^ t).wrapping_mul(MUL)))
}

/// Person groups by key, by each proper prefix and suffix of their key, and by (first, last)
/// token.
///
/// [`super::names_compatible`] holds only when one key is a prefix or a suffix of the other,
/// or when both share their first and last token; [`PersonIndex::candidates`] returns every
/// group for which one of those can hold (and maybe more: callers still check). Token
/// sequences are indexed by a 64-bit hash, so a collision only adds a candidate. The groups
/// under one hash are a linked list in `nodes`, so indexing allocates nothing per entry.
#[derive(Default)]
pub(super) struct PersonIndex {
    exact: ByHash,
    prefix: ByHash,
    suffix: ByHash,
    ends: ByHash,
    /// (group, next node + 1 or 0) of every list.
    nodes: Vec<(usize, usize)>,
    long: Vec<usize>,
    /// Token hashes of the key being indexed or looked up (reused buffer).
    hashes: Vec<u64>,
    /// The last candidates found (reused buffer).
    found: Vec<usize>,
}

/// Add group `gi` to the list under `h` in `map`.
fn push(map: &mut ByHash, nodes: &mut Vec<(usize, usize)>, h: u64, gi: usize) {
    let head = map.entry(h).or_insert(0);
    nodes.push((gi, *head));
    *head = nodes.len();
}

/// Append the groups listed under `h` in `map` to `out`.
fn take(map: &ByHash, nodes: &[(usize, usize)], h: u64, out: &mut Vec<usize>) {
    let mut next = map.get(&h).copied().unwrap_or(0);
    while let Some(&(gi, after)) = next.checked_sub(1).and_then(|n| nodes.get(n)) {
        out.push(gi);
        next = after;
    }
}

impl PersonIndex {
    /// Forget every group (the buffers are kept for the next article).
    pub fn clear(&mut self) {
        self.exact.clear();
        self.prefix.clear();
        self.suffix.clear();
        self.ends.clear();
        self.nodes.clear();
        self.long.clear();
    }

    fn hash_tokens(&mut self, key: &[WordId]) {
        self.hashes.clear();
        self.hashes.extend(key.iter().map(|&t| token_hash(t)));
    }

    /// Index group `gi` under `key` (call again when the group's key changes; entries of the
    /// old key stay, which only adds candidates).
    pub fn add(&mut self, gi: usize, key: &[WordId]) {
        let k = key.len();
        if k == 0 {
            return;
        }
        if k > MAX_INDEXED {
            self.long.push(gi);
            return;
        }
        self.hash_tokens(key);
        let (h, nodes) = (&self.hashes, &mut self.nodes);
        push(&mut self.exact, nodes, seq_hash(h), gi);
        // (proper prefixes and suffixes: the whole key is found in `exact`)
        for i in 1..k {
            push(&mut self.prefix, nodes, seq_hash(&h[..i]), gi);
            push(&mut self.suffix, nodes, seq_hash(&h[k - i..]), gi);
        }
        if k >= 2 {
            push(&mut self.ends, nodes, seq_hash(&[h[0], h[k - 1]]), gi);
        }
    }

    /// Groups that may be compatible with `tokens`, ascending and without repeats.
    pub fn candidates(&mut self, tokens: &[WordId]) -> &[usize] {
        let t = tokens.len();
        self.found.clear();
        self.found.extend_from_slice(&self.long);
        if t == 0 {
            return &self.found;
        }
        self.hash_tokens(tokens);
        let (h, nodes, out) = (&self.hashes, &self.nodes, &mut self.found);
        // Groups whose key is a prefix or a suffix of `tokens` (a longer key is in `long`).
        for i in 1..=t.min(MAX_INDEXED) {
            take(&self.exact, nodes, seq_hash(&h[..i]), out);
            if i < t {
                // (for i == t the suffix is the prefix just taken)
                take(&self.exact, nodes, seq_hash(&h[t - i..]), out);
            }
        }
        // Groups whose key starts or ends with `tokens` (and is longer: an equal key was taken
        // from `exact` above).
        if t <= MAX_INDEXED {
            let whole = seq_hash(h);
            take(&self.prefix, nodes, whole, out);
            take(&self.suffix, nodes, whole, out);
        }
        if t >= 2 {
            take(&self.ends, nodes, seq_hash(&[h[0], h[t - 1]]), out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Groups with at most this many mentions are looked at mention by mention: cheaper than
/// keeping their starts in a tree, and still a bounded cost per lookup.
const SCAN_MAX: usize = 32;

/// The start offsets of each group's mentions, sorted, so the distance from a position to a
/// group's nearest mention is a lookup rather than a scan of every mention (a name said
/// 100,000 times made that quadratic). Groups' mention lists only grow while names are
/// grouped; new mentions are taken in on each lookup (of a group with more than [`SCAN_MAX`]).
#[derive(Default)]
pub(super) struct MentionStarts {
    seen: Vec<usize>,
    starts: Vec<BTreeSet<usize>>,
}

impl MentionStarts {
    /// Distances from `pos` to group `gi`'s nearest mention starting before it and to the
    /// nearest starting at or after it.
    pub fn nearest(
        &mut self,
        gi: usize,
        mentions: &[RawMention],
        pos: usize,
    ) -> (Option<usize>, Option<usize>) {
        if mentions.len() <= SCAN_MAX {
            let before = mentions.iter().filter(|m| m.start < pos).map(|m| pos - m.start).min();
            let after = mentions.iter().filter(|m| m.start >= pos).map(|m| m.start - pos).min();
            return (before, after);
        }
        if self.starts.len() <= gi {
            self.starts.resize_with(gi + 1, BTreeSet::new);
            self.seen.resize(gi + 1, 0);
        }
        let starts = &mut self.starts[gi];
        starts.extend(mentions[self.seen[gi].min(mentions.len())..].iter().map(|m| m.start));
        self.seen[gi] = mentions.len();
        let before = starts.range(..pos).next_back().map(|s| pos - s);
        let after = starts.range(pos..).next().map(|s| s - pos);
        (before, after)
    }
}
