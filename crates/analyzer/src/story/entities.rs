//! Entities merged across a story's articles.

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::hash::BuildHasher;

use storyline_model::{EntityType, StoryEntity};

use super::ArticleSummary;
use super::Map;
use crate::entities::{names_compatible, normalize};

/// Name suffixes that are not surnames.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The words an entity is matched by across articles: its normalised name, without a leading
/// "the" unless it names a person ("The Washington Post" and "Washington Post" are one).
fn story_key(name: &str, person: bool) -> Vec<String> {
    let mut key = normalize(name);
    if !person && key.len() >= 2 && key[0] == "the" {
        key.remove(0);
    }
    key
}

/// The entity kinds in the order of their discriminants (`kind as usize` indexes this).
const KINDS: [EntityType; 4] =
    [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc];

/// Adds `mentions` to `name`'s count in `names`.
fn add_name(names: &mut Vec<(String, usize)>, name: &str, mentions: usize) {
    match names.iter_mut().find(|(n, _)| n == name) {
        Some((_, c)) => *c += mentions,
        None => names.push((name.to_string(), mentions)),
    }
}

/// Entities at most in one list of [`merge_entities`]'s index of word pairs: past it, a list
/// takes no more (thousands of people named "John …" in one story stay linear; real stories
/// have a handful sharing two words).
const PAIR_LIST_CAP: usize = 64;

/// Entities merged across articles: same normalised name, or compatible full person names.
/// Returned with the (article, canonical name) pairs merged into each, most mentioned first.
pub(super) fn merge_entities(
    members: &[usize],
    articles: &[ArticleSummary],
) -> Vec<(StoryEntity, Vec<(usize, String)>)> {
    merge_entities_with(members, articles, false)
}

/// [`merge_entities`]; `scan_all` compares each entity with every one merged so far instead of
/// the indexed candidates (the reference the tests compare with).
fn merge_entities_with(
    members: &[usize],
    articles: &[ArticleSummary],
    scan_all: bool,
) -> Vec<(StoryEntity, Vec<(usize, String)>)> {
    let mut accs: Vec<Acc> = Vec::new();
    // Sized for every entity up front: growing them rehashed tables far larger than the caches.
    let n: usize = members.iter().map(|&i| articles[i].entities.len()).sum();
    let mut index = MergeIndex::with_capacity(n);
    let mut candidates: Vec<u32> = Vec::new();
    for &i in members {
        for e in &articles[i].entities {
            let person = e.kind == EntityType::Person;
            let key = story_key(&e.name, person);
            candidates.clear();
            if scan_all {
                candidates.extend(0..accs.len() as u32);
            }
            index.candidates(&key, person, &mut candidates);
            let found = find_match(&accs, &candidates, &key, person);
            let k = found.unwrap_or(accs.len());
            if found.is_none() || key.len() > accs[k].key.len() {
                index.add(&key, k as u32);
            }
            let acc = match found {
                Some(k) => &mut accs[k],
                None => {
                    accs.push(Acc { key: key.clone(), ..Acc::default() });
                    accs.last_mut().expect("just pushed")
                }
            };
            acc.absorb(i, e);
            if key.len() > acc.key.len() {
                acc.key = key;
            }
        }
    }
    ranked_story_entities(accs, articles)
}

/// The merge's index of the entities merged so far ([`Acc`]s, by their place): by each key they
/// have had, and by three word pairs of those keys: the only ones an entity can join. Same key;
/// or a compatible person's name (`names_compatible`), which shares with it the first and last
/// words, or the first two (one name starts the other), or the last two (one ends the other).
/// Keys and pairs are indexed by their hash (a candidate is checked against its key anyway): a
/// small index for a corpus's names.
struct MergeIndex {
    by_key: Map<u64, Vec<u32>>,
    by_pair: Map<u64, Vec<u32>>,
    hasher: foldhash::fast::FixedState,
}

impl MergeIndex {
    /// An empty index with room for `n` entities.
    fn with_capacity(n: usize) -> Self {
        MergeIndex {
            by_key: Map::with_capacity_and_hasher(n, Default::default()),
            by_pair: Map::with_capacity_and_hasher(2 * n, Default::default()),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// The hash a key is indexed by.
    #[inline]
    fn key_hash(&self, key: &[String]) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The hashes of a key's word pairs, each distinct pair once (first and last, first two,
    /// last two; one pair for a two-word key; `key` has two words or more). A pair is indexed
    /// whatever its place in the name: a candidate sharing it in another place is checked like
    /// any (`names_compatible`), and two-word names, most of them, take one entry instead of
    /// three.
    #[inline]
    fn pair_hashes(&self, key: &[String]) -> ([u64; 3], usize) {
        let n = key.len();
        let pair = |a: usize, b: usize| self.hasher.hash_one((&key[a], &key[b]));
        if n == 2 {
            // The three pairs are one: hashed once.
            return ([pair(0, 1), 0, 0], 1);
        }
        ([pair(0, n - 1), pair(0, 1), pair(n - 2, n - 1)], 3)
    }

    /// Appends to `out`, sorted and without repeats (with what it held), the entities that an
    /// entity of key `key` (a person's when `person`) may join.
    #[inline]
    fn candidates(&self, key: &[String], person: bool, out: &mut Vec<u32>) {
        out.extend(self.by_key.get(&self.key_hash(key)).into_iter().flatten());
        if person && key.len() >= 2 {
            let (hashes, n) = self.pair_hashes(key);
            for h in &hashes[..n] {
                out.extend(self.by_pair.get(h).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Indexes entity `k` by `key` and its word pairs (a pair's list takes at most
    /// [`PAIR_LIST_CAP`]).
    #[inline]
    fn add(&mut self, key: &[String], k: u32) {
        let list = self.by_key.entry(self.key_hash(key)).or_default();
        if list.last() != Some(&k) {
            list.push(k);
        }
        if key.len() >= 2 {
            let (hashes, n) = self.pair_hashes(key);
            for &h in &hashes[..n] {
                let list = self.by_pair.entry(h).or_default();
                if list.last() != Some(&k) && list.len() < PAIR_LIST_CAP {
                    list.push(k);
                }
            }
        }
    }
}

/// The first of `candidates` (places in `accs`) that an entity of key `key` (a person's when
/// `person`) joins: one of the same key (a person only with a person), or a person's of a
/// compatible name.
#[inline]
fn find_match(accs: &[Acc], candidates: &[u32], key: &[String], person: bool) -> Option<usize> {
    candidates.iter().map(|&k| k as usize).find(|&k| {
        let acc = &accs[k];
        let acc_person = acc.kind_votes[EntityType::Person as usize].is_some();
        if acc.key == key {
            return acc_person == person || !person;
        }
        person && acc_person && key.len() >= 2 && acc.key.len() >= 2 && names_compatible(&acc.key, key)
    })
}

/// The story entities of the merged accumulators (those not folded into another), most
/// articles first, then most mentions, then by name; equal ones in merge order.
fn ranked_story_entities(mut accs: Vec<Acc>, articles: &[ArticleSummary]) -> Vec<MergedEntity> {
    let gone = fold_one_word_names(&mut accs);
    let mut out: Vec<Option<MergedEntity>> = accs
        .into_iter()
        .zip(gone)
        .filter(|(_, gone)| !gone)
        .map(|(acc, _)| Some(story_entity(acc, articles)))
        .collect();
    // Sorted as small keys and moved once (sorting the entities themselves moved each, a few
    // hundred bytes, log n times).
    let mut order = Vec::with_capacity(out.len());
    for (k, e) in out.iter().enumerate() {
        if let Some((e, _)) = e {
            order.push((Reverse((e.articles.len(), e.mentions)), e.name.as_str(), k));
        }
    }
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, _, k)| k).collect();
    order.into_iter().filter_map(|k| out[k].take()).collect()
}

/// A story entity and the (article, canonical name) pairs merged into it.
type MergedEntity = (StoryEntity, Vec<(usize, String)>);

/// An entity of the story being merged from the articles' entities.
#[derive(Default)]
struct Acc {
    /// The names written, with their mentions (a handful: a list, not a map).
    names: Vec<(String, usize)>,
    /// Mentions by kind ([`KINDS`] order), `None` for a kind never given.
    kind_votes: [Option<usize>; 4],
    /// Aliases, repeated ones included (made a set at the end).
    aliases: Vec<String>,
    roles: Vec<String>,
    articles: Vec<usize>,
    refs: Vec<(usize, String)>,
    mentions: usize,
    key: Vec<String>,
}

impl Acc {
    /// Adds article `i`'s entity `e` (its names, kind, aliases, roles, mentions; not its key).
    #[inline]
    fn absorb(&mut self, i: usize, e: &super::SummaryEntity) {
        add_name(&mut self.names, &e.name, e.mentions);
        *self.kind_votes[e.kind as usize].get_or_insert(0) += e.mentions;
        self.aliases.extend(e.aliases.iter().cloned());
        for r in &e.roles {
            if !self.roles.contains(r) {
                self.roles.push(r.clone());
            }
        }
        // Members come in increasing order.
        if self.articles.last() != Some(&i) {
            self.articles.push(i);
        }
        self.refs.push((i, e.name.clone()));
        self.mentions += e.mentions;
    }
}

/// The kind most of an entity's mentions have (ties: the first kind).
fn kind_of(acc: &Acc) -> EntityType {
    KINDS
        .iter()
        .zip(acc.kind_votes)
        .filter_map(|(k, c)| Some((*k, c?)))
        .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
        .map_or(EntityType::Misc, |(k, _)| k)
}

/// A one-word name of a person or organisation that is the first or last word of exactly one
/// longer name of the same kind in the story is that one ("Brazile" → "Donna Brazile",
/// "Hillary" → "Hillary Clinton", "The Post" → "The Washington Post"); an ambiguous one
/// ("Clinton" beside Hillary and Bill Clinton, "Kim" beside Kim Jong Un and Kim Dong-chul)
/// stays on its own.
///
/// Returns which entities were folded into another (and emptied).
fn fold_one_word_names(accs: &mut [Acc]) -> Vec<bool> {
    // Accumulators by the end words of their keys (borrowed), and, for the few written with
    // several names or aliases, by the end words of those (owned).
    let mut longer: Map<(EntityType, &str), Vec<usize>> = Map::default();
    let mut longer_others: Map<(EntityType, String), Vec<usize>> = Map::default();
    let mut others: Vec<String> = Vec::new();
    for (k, acc) in accs.iter().enumerate() {
        let kind = kind_of(acc);
        for w in name_ends(&acc.key, kind) {
            let list = longer.entry((kind, w)).or_default();
            if list.last() != Some(&k) {
                list.push(k);
            }
        }
        // The other names and aliases it was written with count too: a headline's "Hillary
        // Clinton Speaks" may have become the key, and "Clinton" still ends "Hillary Clinton".
        if acc.key.len() >= 2 && (acc.names.len() > 1 || !acc.aliases.is_empty()) {
            others.clear();
            for name in acc.names.iter().map(|(n, _)| n).chain(&acc.aliases).filter(|n| n.contains(' ')) {
                let key = story_key(name, kind == EntityType::Person);
                others.extend(name_ends(&key, kind).map(str::to_string));
            }
            others.sort_unstable();
            others.dedup();
            for w in others.drain(..) {
                longer_others.entry((kind, w)).or_default().push(k);
            }
        }
    }
    let folds: Vec<(usize, usize)> = accs
        .iter()
        .enumerate()
        .filter(|(_, acc)| acc.key.len() == 1)
        .filter_map(|(k, acc)| {
            let kind = kind_of(acc);
            let word = acc.key[0].as_str();
            let by_key = longer.get(&(kind, word)).map_or(&[][..], Vec::as_slice);
            let by_others = if longer_others.is_empty() {
                &[][..]
            } else {
                longer_others.get(&(kind, word.to_string())).map_or(&[][..], Vec::as_slice)
            };
            // Exactly one longer name's accumulator.
            let mut all = by_key.iter().chain(by_others).copied().filter(|&o| o != k);
            let one = all.next()?;
            all.all(|o| o == one).then_some((k, one))
        })
        .collect();
    let mut gone = vec![false; accs.len()];
    for (short, long) in folds {
        let s = std::mem::take(&mut accs[short]);
        gone[short] = true;
        let l = &mut accs[long];
        for (name, n) in s.names {
            add_name(&mut l.names, &name, n);
        }
        for (votes, n) in l.kind_votes.iter_mut().zip(s.kind_votes) {
            if let Some(n) = n {
                *votes.get_or_insert(0) += n;
            }
        }
        l.aliases.extend(s.aliases);
        for r in s.roles {
            if !l.roles.contains(&r) {
                l.roles.push(r);
            }
        }
        l.articles.extend(s.articles);
        l.articles.sort_unstable();
        l.articles.dedup();
        l.refs.extend(s.refs);
        l.mentions += s.mentions;
    }
    gone
}

/// The words of a name of `kind` (as a story key) that a one-word name of the same kind may
/// stand for: a person's first and last words, an organisation's last; none for a one-word name.
fn name_ends(key: &[String], kind: EntityType) -> impl Iterator<Item = &str> {
    let mut core = key.iter().map(String::as_str).filter(|w| !SUFFIXES.contains(w));
    let (first, last) = (core.next(), core.next_back());
    let (first, last) = match (first, last) {
        (Some(f), Some(l)) => (f, l),
        _ => ("", ""),
    };
    let ends: [Option<&str>; 2] = match kind {
        _ if first.is_empty() => [None, None],
        EntityType::Person => [Some(first), Some(last)],
        EntityType::Organization => [Some(last), None],
        _ => [None, None],
    };
    ends.into_iter().flatten()
}

/// The merged entity, with its references, of an accumulator: the canonical name written in mixed
/// case where one is, a person's full name, then the most mentioned, then the longest.
fn story_entity(acc: Acc, articles: &[ArticleSummary]) -> (StoryEntity, Vec<(usize, String)>) {
    // The canonical name: written in mixed case where one is ("Portland", not a dateline's
    // "PORTLAND"), a person's full name, then the most mentioned, then the longest.
    let person = kind_of(&acc) == EntityType::Person;
    let name = acc
        .names
        .iter()
        .max_by_key(|(n, c)| {
            (
                n.chars().any(char::is_lowercase),
                person && n.contains(' '),
                *c,
                n.len(),
                std::cmp::Reverse(n.as_str()),
            )
        })
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    let kind = kind_of(&acc);
    let mut aliases: BTreeSet<String> = acc.aliases.into_iter().collect();
    aliases.extend(acc.names.into_iter().map(|(n, _)| n));
    aliases.remove(&name);
    let entity = StoryEntity {
        name,
        kind,
        aliases: aliases.into_iter().collect(),
        roles: acc.roles,
        articles: acc.articles.iter().map(|&i| articles[i].id.clone()).collect(),
        mentions: acc.mentions,
    };
    (entity, acc.refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::SummaryEntity;

    /// The indexed candidates find what comparing with every entity merged so far finds, on
    /// names made of few words (so that many share words, and some are compatible).
    #[test]
    fn indexed_candidates_find_what_a_scan_finds() {
        let words = ["kim", "jong", "un", "moon", "jae", "in", "john", "smith", "jr", "the", "post"];
        let mut x: u64 = 11;
        let mut next = |n: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let articles: Vec<ArticleSummary> = (0..30)
            .map(|i| {
                let entities = (0..12)
                    .map(|_| {
                        let len = 1 + next(4);
                        let name: Vec<&str> = (0..len).map(|_| words[next(words.len())]).collect();
                        let kind =
                            [EntityType::Person, EntityType::Person, EntityType::Organization][next(3)];
                        SummaryEntity {
                            name: name.join(" "),
                            kind,
                            aliases: Vec::new(),
                            roles: Vec::new(),
                            mentions: 1 + next(3),
                            in_title: false,
                        }
                    })
                    .collect();
                ArticleSummary {
                    id: format!("a{i}"),
                    title: None,
                    publisher: None,
                    published: None,
                    entities,
                    quotes: Vec::new(),
                    events: Vec::new(),
                    terms: Vec::new(),
                }
            })
            .collect();
        let members: Vec<usize> = (0..articles.len()).collect();
        let indexed = merge_entities_with(&members, &articles, false);
        let scanned = merge_entities_with(&members, &articles, true);
        assert_eq!(indexed, scanned);
        assert!(indexed.iter().any(|(e, refs)| refs.len() > 1 && e.aliases.len() > 1), "some names merge");
    }
}
