//! Entities merged across a story's articles.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use storyline_model::{EntityType, StoryEntity};

use super::ArticleSummary;
use crate::entities::{names_compatible, normalize};

/// Entities merged across articles: same normalised name, or compatible full person names.
/// Returned with the (article, canonical name) pairs merged into each, most mentioned first.
pub(super) fn merge_entities(
    members: &[usize],
    articles: &[ArticleSummary],
) -> Vec<(StoryEntity, Vec<(usize, String)>)> {
    struct Acc {
        names: BTreeMap<String, usize>,
        kind_votes: BTreeMap<EntityType, usize>,
        aliases: BTreeSet<String>,
        roles: Vec<String>,
        articles: Vec<usize>,
        refs: Vec<(usize, String)>,
        mentions: usize,
        key: Vec<String>,
    }
    let mut accs: Vec<Acc> = Vec::new();
    // Accumulators by each key they have had, and by the first and last words of those keys: the
    // only ones an entity can join (same key, or a compatible name, which shares its first or
    // last word).
    let mut by_key: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    for &i in members {
        for e in &articles[i].entities {
            let key = normalize(&e.name);
            let person = e.kind == EntityType::Person;
            candidates.clear();
            candidates.extend(by_key.get(&key).into_iter().flatten());
            if person && key.len() >= 2 {
                for w in [&key[0], &key[key.len() - 1]] {
                    candidates.extend(by_word.get(w).into_iter().flatten());
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let found = candidates.iter().copied().find(|&k| {
                let acc = &accs[k];
                let acc_person = acc.kind_votes.keys().next_back() == Some(&EntityType::Person)
                    || acc.kind_votes.contains_key(&EntityType::Person);
                if acc.key == key {
                    return acc_person == person || !person;
                }
                person
                    && acc_person
                    && key.len() >= 2
                    && acc.key.len() >= 2
                    && names_compatible(&acc.key, &key)
            });
            let k = found.unwrap_or(accs.len());
            let mut index = |key: &[String]| {
                let list = by_key.entry(key.to_vec()).or_default();
                if list.last() != Some(&k) {
                    list.push(k);
                }
                if key.len() >= 2 {
                    for w in [&key[0], &key[key.len() - 1]] {
                        let list = by_word.entry(w.clone()).or_default();
                        if list.last() != Some(&k) {
                            list.push(k);
                        }
                    }
                }
            };
            if found.is_none() || key.len() > accs[k].key.len() {
                index(&key);
            }
            let acc = match found {
                Some(k) => &mut accs[k],
                None => {
                    accs.push(Acc {
                        names: BTreeMap::new(),
                        kind_votes: BTreeMap::new(),
                        aliases: BTreeSet::new(),
                        roles: Vec::new(),
                        articles: Vec::new(),
                        refs: Vec::new(),
                        mentions: 0,
                        key: key.clone(),
                    });
                    accs.last_mut().expect("just pushed")
                }
            };
            *acc.names.entry(e.name.clone()).or_default() += e.mentions;
            *acc.kind_votes.entry(e.kind).or_default() += e.mentions;
            acc.aliases.extend(e.aliases.iter().cloned());
            for r in &e.roles {
                if !acc.roles.contains(r) {
                    acc.roles.push(r.clone());
                }
            }
            // Members come in increasing order.
            if acc.articles.last() != Some(&i) {
                acc.articles.push(i);
            }
            acc.refs.push((i, e.name.clone()));
            acc.mentions += e.mentions;
            if key.len() > acc.key.len() {
                acc.key = key;
            }
        }
    }
    let mut out: Vec<(StoryEntity, Vec<(usize, String)>)> = accs
        .into_iter()
        .map(|acc| {
            let name = acc
                .names
                .iter()
                .max_by_key(|(n, c)| (**c, n.len(), std::cmp::Reverse((*n).clone())))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let kind = acc
                .kind_votes
                .iter()
                .max_by_key(|(k, c)| (**c, std::cmp::Reverse(**k)))
                .map_or(EntityType::Misc, |(k, _)| *k);
            let mut aliases = acc.aliases;
            aliases.extend(acc.names.keys().cloned());
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
        })
        .collect();
    out.sort_by(|a, b| {
        (b.0.articles.len(), b.0.mentions)
            .cmp(&(a.0.articles.len(), a.0.mentions))
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    out
}
