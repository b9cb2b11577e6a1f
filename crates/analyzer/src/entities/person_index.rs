//! An index of person groups by the token sequences that can make a name compatible with
//! them, so that matching a name looks at a few candidate groups instead of every group
//! (which made entity resolution quadratic in the number of distinct people).

use std::collections::{BTreeSet, HashMap};

use storyline_model::Mention;

/// Keys longer than this are not split into prefixes and suffixes; their groups are
/// candidates for every name (names that long are rare, and the bound keeps the index small).
const MAX_INDEXED: usize = 16;

/// Person groups by key, by each prefix and suffix of their key, and by (first, last) token.
///
/// [`super::names_compatible`] holds only when one key is a prefix or a suffix of the other,
/// or when both share their first and last token; [`PersonIndex::candidates`] returns every
/// group for which one of those can hold (and maybe more: callers still check).
#[derive(Default)]
pub(super) struct PersonIndex {
    exact: HashMap<Vec<String>, Vec<usize>>,
    prefix: HashMap<Vec<String>, Vec<usize>>,
    suffix: HashMap<Vec<String>, Vec<usize>>,
    ends: HashMap<(String, String), Vec<usize>>,
    long: Vec<usize>,
}

impl PersonIndex {
    /// Index group `gi` under `key` (call again when the group's key changes; entries of the
    /// old key stay, which only adds candidates).
    pub fn add(&mut self, gi: usize, key: &[String]) {
        let k = key.len();
        if k == 0 {
            return;
        }
        if k > MAX_INDEXED {
            self.long.push(gi);
            return;
        }
        self.exact.entry(key.to_vec()).or_default().push(gi);
        for i in 1..=k {
            self.prefix.entry(key[..i].to_vec()).or_default().push(gi);
            self.suffix.entry(key[k - i..].to_vec()).or_default().push(gi);
        }
        if k >= 2 {
            self.ends.entry((key[0].clone(), key[k - 1].clone())).or_default().push(gi);
        }
    }

    /// Groups that may be compatible with `tokens`, ascending and without repeats.
    pub fn candidates(&self, tokens: &[String]) -> Vec<usize> {
        let t = tokens.len();
        let mut out = self.long.clone();
        if t == 0 {
            return out;
        }
        let mut take = |v: Option<&Vec<usize>>| out.extend(v.into_iter().flatten());
        // Groups whose key is a prefix or a suffix of `tokens` (a longer key is in `long`).
        for i in 1..=t.min(MAX_INDEXED) {
            take(self.exact.get(&tokens[..i]));
            take(self.exact.get(&tokens[t - i..]));
        }
        // Groups whose key starts or ends with `tokens`.
        if t <= MAX_INDEXED {
            take(self.prefix.get(tokens));
            take(self.suffix.get(tokens));
        }
        if t >= 2 {
            take(self.ends.get(&(tokens[0].clone(), tokens[t - 1].clone())));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The start offsets of each group's mentions, sorted, so the distance from a position to a
/// group's nearest mention is a lookup rather than a scan of every mention (a name said
/// 100,000 times made that quadratic). Groups' mention lists only grow while names are
/// grouped; new mentions are taken in on each lookup.
#[derive(Default)]
pub(super) struct MentionStarts {
    seen: Vec<usize>,
    starts: Vec<BTreeSet<usize>>,
}

impl MentionStarts {
    /// Distances from `pos` to group `gi`'s nearest mention starting before it and to the
    /// nearest starting at or after it.
    pub fn nearest(&mut self, gi: usize, mentions: &[Mention], pos: usize) -> (Option<usize>, Option<usize>) {
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
