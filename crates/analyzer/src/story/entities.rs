//! Entities merged across a story's articles.

use std::cmp::Reverse;
use std::collections::BTreeSet;
use std::hash::BuildHasher;

use storyline_model::{EntityType, StoryEntity};

use super::ArticleSummary;
use super::Map;
use crate::entities::{Interner, names_compatible, normalize_each};

/// Name suffixes that are not surnames.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// No node, no entity (the end of an intrusive list).
const NONE: u32 = u32::MAX;

/// The story's name words as ids: keys are compared, indexed and kept as short lists of ids
/// instead of lists of strings (three allocations per name merged, and tables of strings far
/// larger than the caches for a story of many names). The words are interned as the entity
/// layer interns an article's ([`Interner`]: one buffer of words, a short word found by
/// comparing integers), not as a string per word in a map.
#[derive(Default)]
struct Words {
    ids: Interner,
    buf: String,
    the: u32,
}

impl Words {
    /// The words of a story of about `n` names (room for as many words as names: most are
    /// persons' first names, shared, and surnames).
    fn with_capacity(n: usize) -> Self {
        let mut words = Words { ids: Interner::with_capacity(n), buf: String::new(), the: 0 };
        words.the = words.id("the");
        words
    }

    fn id(&mut self, w: &str) -> u32 {
        self.ids.id(w)
    }

    /// Appends to `out` the words an entity is matched by across articles: its normalised
    /// name, without a leading "the" unless it names a person ("The Washington Post" and
    /// "Washington Post" are one).
    fn key_into(&mut self, name: &str, person: bool, out: &mut Vec<u32>) {
        let start = out.len();
        let mut buf = std::mem::take(&mut self.buf);
        normalize_each(name, &mut buf, |w| out.push(self.id(w)));
        self.buf = buf;
        if !person && out.len() - start >= 2 && out[start] == self.the {
            out.remove(start);
        }
    }

    /// The ids of the name suffixes that are words of the story.
    fn suffixes(&self) -> Vec<u32> {
        SUFFIXES.iter().filter_map(|s| self.ids.get(s)).collect()
    }
}

/// The entity kinds in the order of their discriminants (`kind as usize` indexes this).
const KINDS: [EntityType; 4] =
    [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc];

/// Adds `mentions` to `name`'s count in `names`.
fn add_name<'a>(names: &mut Vec<(&'a str, usize)>, name: &'a str, mentions: usize) {
    match names.iter_mut().find(|(n, _)| *n == name) {
        Some((_, c)) => *c += mentions,
        None => names.push((name, mentions)),
    }
}

/// Entities at most in one list of [`merge_entities`]'s index of word pairs: past it, a list
/// takes no more (thousands of people named "John …" in one story stay linear; real stories
/// have a handful sharing two words).
const PAIR_LIST_CAP: u32 = 64;

/// A story entity and the (article, canonical name) pairs merged into it.
pub(super) type MergedEntity<'a> = (StoryEntity, Vec<(usize, &'a str)>);

/// Entities merged across articles: same normalised name, or compatible full person names.
/// Returned with the (article, canonical name) pairs merged into each, most mentioned first.
pub(super) fn merge_entities<'a>(members: &[usize], articles: &'a [ArticleSummary]) -> Vec<MergedEntity<'a>> {
    merge_entities_with(members, articles, false)
}

/// [`merge_entities`]; `scan_all` compares each entity with every one merged so far instead of
/// the indexed candidates (the reference the tests compare with).
fn merge_entities_with<'a>(
    members: &[usize],
    articles: &'a [ArticleSummary],
    scan_all: bool,
) -> Vec<MergedEntity<'a>> {
    // Sized for every entity up front: growing them rehashed tables far larger than the caches.
    let n: usize = members.iter().map(|&i| articles[i].entities.len()).sum();
    let mut m = Merge::with_capacity(n);
    let mut index = MergeIndex::with_capacity(n);
    let (mut key, mut candidates): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    for &i in members {
        for (j, e) in articles[i].entities.iter().enumerate() {
            let person = e.kind == EntityType::Person;
            key.clear();
            m.words.key_into(&e.name, person, &mut key);
            candidates.clear();
            if scan_all {
                candidates.extend(0..m.accs.len() as u32);
            }
            index.candidates(&key, person, &mut candidates);
            let found = m.find_match(&candidates, &key, person);
            let k = found.unwrap_or(m.accs.len());
            let longer = found.is_none_or(|k| key.len() > m.key(k).len());
            if longer {
                index.add(&key, k as u32);
            }
            if found.is_none() {
                m.accs.push(Acc::new());
            }
            m.absorb(k, i, j, articles);
            if longer {
                m.set_key(k, &key);
            }
        }
    }
    ranked_story_entities(m, articles)
}

/// The merge's index of the entities merged so far ([`Acc`]s, by their place): by each key they
/// have had, and by three word pairs of those keys: the only ones an entity can join. Same key;
/// or a compatible person's name (`names_compatible`), which shares with it the first and last
/// words, or the first two (one name starts the other), or the last two (one ends the other).
/// Keys are indexed by their hash (a candidate is checked against its key anyway), pairs by
/// their two word ids. Each key's entities are an intrusive list (the heads in the maps, the
/// nodes in one vector): a small vector per key made the tables outgrow the caches.
struct MergeIndex {
    /// A key's hash → its list's first node.
    by_key: Map<u64, u32>,
    /// A word pair → its list's first node and length.
    by_pair: Map<u64, (u32, u32)>,
    /// (entity, next node) of every list.
    nodes: Vec<(u32, u32)>,
    hasher: foldhash::fast::FixedState,
}

impl MergeIndex {
    /// An empty index with room for `n` entities.
    fn with_capacity(n: usize) -> Self {
        MergeIndex {
            by_key: Map::with_capacity_and_hasher(n, Default::default()),
            by_pair: Map::with_capacity_and_hasher(n, Default::default()),
            nodes: Vec::with_capacity(2 * n),
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// The word pairs of a key, each distinct pair once (first and last, first two, last two;
    /// one pair for a two-word key; `key` has two words or more). A pair is indexed whatever
    /// its place in the name: a candidate sharing it in another place is checked like any
    /// (`names_compatible`), and two-word names, most of them, take one entry instead of three.
    #[inline]
    fn pairs(key: &[u32]) -> ([u64; 3], usize) {
        let n = key.len();
        let pair = |a: usize, b: usize| (u64::from(key[a]) << 32) | u64::from(key[b]);
        if n == 2 {
            return ([pair(0, 1), 0, 0], 1);
        }
        ([pair(0, n - 1), pair(0, 1), pair(n - 2, n - 1)], 3)
    }

    /// The entities of the list starting at `node`.
    fn list(&self, mut node: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::from_fn(move || {
            let &(k, next) = self.nodes.get(node as usize)?;
            node = next;
            Some(k)
        })
    }

    /// Appends to `out`, sorted and without repeats (with what it held), the entities that an
    /// entity of key `key` (a person's when `person`) may join.
    #[inline]
    fn candidates(&self, key: &[u32], person: bool, out: &mut Vec<u32>) {
        if let Some(&head) = self.by_key.get(&self.hasher.hash_one(key)) {
            out.extend(self.list(head));
        }
        if person && key.len() >= 2 {
            let (pairs, n) = Self::pairs(key);
            for p in &pairs[..n] {
                if let Some(&(head, _)) = self.by_pair.get(p) {
                    out.extend(self.list(head));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Indexes entity `k` by `key` and its word pairs (a pair's list takes at most
    /// [`PAIR_LIST_CAP`]).
    #[inline]
    fn add(&mut self, key: &[u32], k: u32) {
        let nodes = &mut self.nodes;
        let head = self.by_key.entry(self.hasher.hash_one(key)).or_insert(NONE);
        if nodes.get(*head as usize).is_none_or(|&(last, _)| last != k) {
            nodes.push((k, *head));
            *head = nodes.len() as u32 - 1;
        }
        if key.len() >= 2 {
            let (pairs, n) = Self::pairs(key);
            for &p in &pairs[..n] {
                let (head, len) = self.by_pair.entry(p).or_insert((NONE, 0));
                if nodes.get(*head as usize).is_none_or(|&(last, _)| last != k) && *len < PAIR_LIST_CAP {
                    nodes.push((k, *head));
                    *head = nodes.len() as u32 - 1;
                    *len += 1;
                }
            }
        }
    }
}

/// An entity of the story being merged from the articles' entities: its key and what decides
/// merges; the entities merged into it are a list of [`Merge::occurrences`] (what they say is
/// read from the articles when the story entity is made).
struct Acc {
    /// Its key's place in [`Merge::keys`] (start, length).
    key: (u32, u32),
    /// Mentions by kind ([`KINDS`] order); `given` has bit `kind` set for a kind given.
    votes: [usize; 4],
    given: u8,
    /// Written with more than one name, with aliases; other entities folded into it.
    several_names: bool,
    aliased: bool,
    folded: bool,
    mentions: usize,
    /// First and last node of its list in [`Merge::occurrences`].
    head: u32,
    tail: u32,
}

impl Acc {
    fn new() -> Self {
        Acc {
            key: (0, 0),
            votes: [0; 4],
            given: 0,
            several_names: false,
            aliased: false,
            folded: false,
            mentions: 0,
            head: NONE,
            tail: NONE,
        }
    }

    fn is_person(&self) -> bool {
        self.given & (1 << EntityType::Person as u8) != 0
    }
}

/// An article's entity merged into an [`Acc`]: (article, entity index, next node).
type Occurrence = (u32, u32, u32);

/// The entities being merged: accumulators, their keys (word ids, one vector) and the
/// articles' entities merged into each.
struct Merge {
    words: Words,
    accs: Vec<Acc>,
    keys: Vec<u32>,
    occurrences: Vec<Occurrence>,
}

impl Merge {
    fn with_capacity(n: usize) -> Self {
        Merge {
            words: Words::with_capacity(n),
            accs: Vec::with_capacity(n),
            keys: Vec::with_capacity(2 * n),
            occurrences: Vec::with_capacity(n),
        }
    }

    fn key(&self, k: usize) -> &[u32] {
        let (start, len) = self.accs[k].key;
        &self.keys[start as usize..(start + len) as usize]
    }

    fn set_key(&mut self, k: usize, key: &[u32]) {
        self.accs[k].key = (self.keys.len() as u32, key.len() as u32);
        self.keys.extend_from_slice(key);
    }

    /// The first of `candidates` (places in `accs`) that an entity of key `key` (a person's
    /// when `person`) joins: one of the same key (a person only with a person), or a person's
    /// of a compatible name.
    #[inline]
    fn find_match(&self, candidates: &[u32], key: &[u32], person: bool) -> Option<usize> {
        candidates.iter().map(|&k| k as usize).find(|&k| {
            let (acc, acc_key) = (&self.accs[k], self.key(k));
            if acc_key == key {
                return acc.is_person() == person || !person;
            }
            person
                && acc.is_person()
                && key.len() >= 2
                && acc_key.len() >= 2
                && names_compatible(acc_key, key)
        })
    }

    /// Adds article `i`'s entity number `j` to accumulator `k` (its kind and mentions; what
    /// else it says is read back by [`Merge::entities_of`]).
    #[inline]
    fn absorb(&mut self, k: usize, i: usize, j: usize, articles: &[ArticleSummary]) {
        let e = &articles[i].entities[j];
        let node = self.occurrences.len() as u32;
        self.occurrences.push((i as u32, j as u32, NONE));
        let acc = &mut self.accs[k];
        acc.votes[e.kind as usize] += e.mentions;
        acc.given |= 1 << e.kind as u8;
        acc.mentions += e.mentions;
        acc.aliased |= !e.aliases.is_empty();
        match acc.tail {
            NONE => acc.head = node,
            tail => {
                self.occurrences[tail as usize].2 = node;
                // (the first name written, read back from its article)
                let (fi, fj, _) = self.occurrences[acc.head as usize];
                acc.several_names |= e.name != articles[fi as usize].entities[fj as usize].name;
            }
        }
        acc.tail = node;
    }

    /// The (article, entity) pairs merged into accumulator `k`, in merge order.
    fn entities_of<'a>(
        &self,
        k: usize,
        articles: &'a [ArticleSummary],
    ) -> impl Iterator<Item = (usize, &'a super::SummaryEntity)> {
        let mut node = self.accs[k].head;
        std::iter::from_fn(move || {
            let &(i, j, next) = self.occurrences.get(node as usize)?;
            node = next;
            Some((i as usize, &articles[i as usize].entities[j as usize]))
        })
    }

    /// Folds accumulator `short` into `long` (and empties it).
    fn fold(&mut self, short: usize, long: usize) {
        let s = std::mem::replace(&mut self.accs[short], Acc::new());
        let l = &mut self.accs[long];
        for (votes, n) in l.votes.iter_mut().zip(s.votes) {
            *votes += n;
        }
        l.given |= s.given;
        l.mentions += s.mentions;
        l.folded = true;
        if s.head != NONE {
            match l.tail {
                NONE => l.head = s.head,
                tail => self.occurrences[tail as usize].2 = s.head,
            }
            l.tail = s.tail;
        }
    }
}

/// The story entities of the merged accumulators (those not folded into another), most
/// articles first, then most mentions, then by name; equal ones in merge order.
fn ranked_story_entities<'a>(mut m: Merge, articles: &'a [ArticleSummary]) -> Vec<MergedEntity<'a>> {
    let gone = fold_one_word_names(&mut m, articles);
    let mut out: Vec<Option<MergedEntity>> =
        (0..m.accs.len()).filter(|&k| !gone[k]).map(|k| Some(story_entity(&m, k, articles))).collect();
    // Sorted as small keys and moved once (sorting the entities themselves moved each, a few
    // hundred bytes, log n times); names compared by their first 16 bytes held in the key (most
    // names are shorter) before their text, read from all over the heap.
    let mut order = Vec::with_capacity(out.len());
    for (k, e) in out.iter().enumerate() {
        if let Some((e, _)) = e {
            order.push((Reverse((e.articles.len(), e.mentions)), name_prefix(&e.name), e.name.as_str(), k));
        }
    }
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, _, _, k)| k).collect();
    order.into_iter().filter_map(|k| out[k].take()).collect()
}

/// The first 16 bytes of `name` as a number (zeros after a shorter name), ordered as the names
/// are when they differ there.
fn name_prefix(name: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = name.len().min(16);
    bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// The kind most of an entity's mentions have (ties: the first kind).
fn kind_of(acc: &Acc) -> EntityType {
    let mut best: Option<usize> = None;
    for n in 0..KINDS.len() {
        if acc.given & (1 << n) != 0 && best.is_none_or(|b| acc.votes[n] > acc.votes[b]) {
            best = Some(n);
        }
    }
    best.map_or(EntityType::Misc, |n| KINDS[n])
}

/// Which longer names a one-word name of a kind may stand for: one, or several.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Longer {
    One(u32),
    Several,
}

/// A one-word name of a person or organisation that is the first or last word of exactly one
/// longer name of the same kind in the story is that one ("Brazile" → "Donna Brazile",
/// "Hillary" → "Hillary Clinton", "The Post" → "The Washington Post"); an ambiguous one
/// ("Clinton" beside Hillary and Bill Clinton, "Kim" beside Kim Jong Un and Kim Dong-chul)
/// stays on its own.
///
/// Returns which entities were folded into another (and emptied).
fn fold_one_word_names(m: &mut Merge, articles: &[ArticleSummary]) -> Vec<bool> {
    // The words that are a one-word key: only those are looked up.
    let mut one_word = vec![false; m.words.ids.count()];
    for k in 0..m.accs.len() {
        if let &[w] = m.key(k) {
            one_word[w as usize] = true;
        }
    }
    let suffixes = m.words.suffixes();
    // (kind, end word of a longer key, or of another name or alias it was written with) →
    // the longer names' accumulators.
    let mut longer: Map<(EntityType, u32), Longer> = Map::default();
    let mut note = |kind: EntityType, w: u32, k: usize| {
        if one_word.get(w as usize) == Some(&true) {
            let k = k as u32;
            longer
                .entry((kind, w))
                .and_modify(|l| {
                    if *l != Longer::One(k) {
                        *l = Longer::Several;
                    }
                })
                .or_insert(Longer::One(k));
        }
    };
    let mut others: Vec<u32> = Vec::new();
    for k in 0..m.accs.len() {
        let kind = kind_of(&m.accs[k]);
        for w in name_ends(m.key(k), kind, &suffixes) {
            note(kind, w, k);
        }
        // The other names and aliases it was written with count too: a headline's "Hillary
        // Clinton Speaks" may have become the key, and "Clinton" still ends "Hillary Clinton".
        let acc = &m.accs[k];
        if acc.key.1 >= 2 && (acc.several_names || acc.aliased) {
            let mut names: Vec<&str> = Vec::new();
            for (_, e) in m.entities_of(k, articles) {
                names.extend(std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(String::as_str)));
            }
            for name in names.into_iter().filter(|n| n.contains(' ')) {
                others.clear();
                m.words.key_into(name, kind == EntityType::Person, &mut others);
                for w in name_ends(&others, kind, &suffixes) {
                    note(kind, w, k);
                }
            }
        }
    }
    let folds: Vec<(usize, usize)> = (0..m.accs.len())
        .filter_map(|k| {
            let &[word] = m.key(k) else { return None };
            match longer.get(&(kind_of(&m.accs[k]), word)) {
                Some(&Longer::One(long)) => Some((k, long as usize)),
                _ => None,
            }
        })
        .collect();
    let mut gone = vec![false; m.accs.len()];
    for (short, long) in folds {
        m.fold(short, long);
        gone[short] = true;
    }
    gone
}

/// The words of a name of `kind` (as a story key) that a one-word name of the same kind may
/// stand for: a person's first and last words, an organisation's last; none for a one-word name.
fn name_ends(key: &[u32], kind: EntityType, suffixes: &[u32]) -> impl Iterator<Item = u32> + use<> {
    let mut core = key.iter().copied().filter(|w| !suffixes.contains(w));
    let ends: [Option<u32>; 2] = match (core.next(), core.next_back(), kind) {
        (Some(first), Some(last), EntityType::Person) => [Some(first), Some(last)],
        (Some(_), Some(last), EntityType::Organization) => [Some(last), None],
        _ => [None, None],
    };
    ends.into_iter().flatten()
}

/// The merged entity, with its references, of accumulator `k`: the canonical name written in
/// mixed case where one is, a person's full name, then the most mentioned, then the longest.
fn story_entity<'a>(m: &Merge, k: usize, articles: &'a [ArticleSummary]) -> MergedEntity<'a> {
    let acc = &m.accs[k];
    let kind = kind_of(acc);
    // Written with one name and no aliases (most entities): that name, and no aliases.
    let several = acc.several_names || acc.aliased || acc.folded;
    let mut names: Vec<(&str, usize)> = Vec::new();
    let mut aliases: BTreeSet<&str> = BTreeSet::new();
    let mut roles: Vec<&str> = Vec::new();
    let mut member_of: Vec<usize> = Vec::new();
    let mut refs: Vec<(usize, &'a str)> = Vec::new();
    for (i, e) in m.entities_of(k, articles) {
        if several {
            add_name(&mut names, &e.name, e.mentions);
            aliases.extend(e.aliases.iter().map(String::as_str));
        }
        for r in &e.roles {
            if !roles.contains(&r.as_str()) {
                roles.push(r);
            }
        }
        // Members come in increasing order (an accumulator that took others: sorted below).
        if member_of.last() != Some(&i) {
            member_of.push(i);
        }
        refs.push((i, &e.name));
    }
    if acc.folded {
        member_of.sort_unstable();
        member_of.dedup();
    }
    let name = if several { canonical_name(&names, kind == EntityType::Person) } else { refs[0].1 };
    aliases.extend(names.iter().map(|(n, _)| *n));
    aliases.remove(name);
    let entity = StoryEntity {
        name: name.to_string(),
        kind,
        aliases: aliases.into_iter().map(str::to_string).collect(),
        roles: roles.into_iter().map(str::to_string).collect(),
        articles: member_of.iter().map(|&i| articles[i].id.clone()).collect(),
        mentions: acc.mentions,
    };
    (entity, refs)
}

/// The canonical name of an entity written with `names` (with their mentions): written in
/// mixed case where one is ("Portland", not a dateline's "PORTLAND"), a person's full name, then
/// the most mentioned, then the longest.
fn canonical_name<'a>(names: &[(&'a str, usize)], person: bool) -> &'a str {
    names
        .iter()
        .max_by_key(|(n, c)| {
            (n.chars().any(char::is_lowercase), person && n.contains(' '), *c, n.len(), std::cmp::Reverse(*n))
        })
        .map(|(n, _)| *n)
        .unwrap_or_default()
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
