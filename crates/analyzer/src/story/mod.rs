//! The story layer: articles about the same event grouped into stories, their entities merged
//! across articles, their quotes turned into statements (one per distinct utterance, with every
//! outlet that reported it), and a timeline of dated statements and events.
//!
//! It works on compact [`ArticleSummary`]s, not whole articles, so a corpus can stream through
//! per-article analysis and keep only what the story layer needs.

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use storyline_model::{
    Article, EntityType, ParagraphRole, QuoteKind, Statement, StatementSource, Story, StoryEntity,
    TimelineEntry, TimelineKind,
};

use crate::entities::{names_compatible, normalize};

/// What the story layer keeps of one analysed article.
#[derive(Clone, Debug)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// Publication date `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    pub entities: Vec<SummaryEntity>,
    pub quotes: Vec<SummaryQuote>,
    pub events: Vec<SummaryEvent>,
    /// The article's most frequent content words (lowercased, four letters or more) with
    /// their counts, at most [`TERMS_KEPT`], sorted by word.
    pub terms: Vec<(String, u32)>,
}

#[derive(Clone, Debug)]
pub struct SummaryEntity {
    pub name: String,
    pub kind: EntityType,
    pub aliases: Vec<String>,
    pub roles: Vec<String>,
    pub mentions: usize,
    pub in_title: bool,
}

#[derive(Clone, Debug)]
pub struct SummaryQuote {
    pub speaker: Option<String>,
    /// Whether the text names a source at all (resolved to an entity or not).
    pub has_source: bool,
    pub text: String,
    pub kind: QuoteKind,
    pub date: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A date mentioned in the body, with the sentence that mentions it.
#[derive(Clone, Debug)]
pub struct SummaryEvent {
    pub date: String,
    /// Byte span of the sentence in the article.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    /// Entities named in the sentence (canonical names).
    pub entities: Vec<String>,
}

impl ArticleSummary {
    /// Summarise an analysed article.
    pub fn of(a: &Article) -> Self {
        let title_span = a.paragraphs.iter().find(|p| p.role == ParagraphRole::Title).map(|p| p.span());
        let entities = a
            .entities
            .iter()
            .map(|e| SummaryEntity {
                name: e.name.clone(),
                kind: e.kind,
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                mentions: e.mentions.len(),
                in_title: title_span
                    .is_some_and(|t| e.mentions.iter().any(|m| m.start >= t.start && m.end <= t.end)),
            })
            .collect();
        let quotes = a
            .quotes
            .iter()
            .map(|q| SummaryQuote {
                speaker: q.speaker.clone(),
                has_source: q.speaker_mention.is_some(),
                text: q.text.clone(),
                kind: q.kind,
                date: q.date.as_ref().map(|d| d.value.clone()),
                start: q.start,
                end: q.end,
            })
            .collect();
        let mut events = Vec::new();
        for t in &a.timexes {
            // Calendar dates in the body make timeline events; underspecified ones ("XXXX-06"
            // in an undated article) are kept for the story layer to anchor.
            if t.kind != storyline_model::TimexType::Date
                || !(t.value.starts_with(|c: char| c.is_ascii_digit()) || t.value.starts_with("XXXX-"))
            {
                continue;
            }
            let Some(s) = a.sentences.iter().find(|s| s.start <= t.start && t.end <= s.end) else { continue };
            if a.paragraphs.get(s.paragraph).is_none_or(|p| p.role != ParagraphRole::Body) {
                continue;
            }
            let names = a
                .entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.start >= s.start && m.end <= s.end))
                .map(|e| e.name.clone())
                .collect();
            let sentence = snippet(a.slice(s.span()), t.start - s.start, t.end - s.start);
            events.push(SummaryEvent {
                date: t.value.clone(),
                start: s.start,
                end: s.end,
                sentence,
                entities: names,
            });
        }
        ArticleSummary {
            id: a.id.clone(),
            title: a.title.clone(),
            publisher: a.publisher.clone(),
            published: a.published.map(|d| d.date_only().to_string()),
            entities,
            quotes,
            events,
            terms: top_terms(a),
        }
    }

    /// Keys of the entities the article is about: named in the title or mentioned twice.
    fn salient(&self) -> BTreeSet<String> {
        self.entities.iter().filter(|e| e.in_title || e.mentions >= 2).map(|e| entity_key(&e.name)).collect()
    }
}

/// The article's most frequent content words (title and body; lowercased, four letters or more)
/// with their counts: the [`TERMS_KEPT`] first by count (then by word), sorted by word.
fn top_terms(a: &Article) -> Vec<(String, u32)> {
    // Words already in lowercase (most) are counted as slices of the text, without a copy.
    let mut counts: HashMap<Cow<str>, u32> = HashMap::new();
    let mut lower = String::new();
    for p in a.paragraphs.iter().filter(|p| matches!(p.role, ParagraphRole::Body | ParagraphRole::Title)) {
        for w in p.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4) {
            if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                *counts.entry(Cow::Borrowed(w)).or_default() += 1;
                continue;
            }
            lower.clear();
            if w.is_ascii() {
                lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.push_str(&w.to_lowercase());
            }
            match counts.get_mut(lower.as_str()) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(Cow::Owned(lower.clone()), 1);
                }
            }
        }
    }
    let mut terms: Vec<(Cow<str>, u32)> = counts.into_iter().collect();
    // The first TERMS_KEPT by count then word (a total order: the set is the same whatever the
    // map's order), then sorted by word.
    let by_count = |a: &(Cow<str>, u32), b: &(Cow<str>, u32)| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0));
    if terms.len() > TERMS_KEPT {
        terms.select_nth_unstable_by(TERMS_KEPT - 1, by_count);
        terms.truncate(TERMS_KEPT);
    }
    terms.sort_unstable();
    terms.into_iter().map(|(w, n)| (w.into_owned(), n)).collect()
}

fn entity_key(name: &str) -> String {
    normalize(name).join(" ")
}

/// Similarity at which an article joins a story.
const JOIN: f64 = 0.3;
/// Content words kept per article summary.
pub const TERMS_KEPT: usize = 60;
/// Terms of an article's vector in the similarity.
const TERMS_COMPARED: usize = 40;
/// Recent stories considered per shared salient entity, and members compared per story: this
/// bounds the work per article whatever the corpus size.
const STORIES_PER_KEY: usize = 8;
const MEMBERS_COMPARED: usize = 10;

/// Group articles into stories and build each story's entities, statements and timeline.
///
/// Greedy average-link clustering in input order (deterministic): an article joins the most
/// similar recent story sharing one of its salient entities (similarity: entity overlap and
/// content-word cosine, halved beyond a week apart), or starts a new one. The stories are then
/// built in parallel on the current rayon pool (the output does not depend on the thread count).
pub fn build_stories(articles: &[ArticleSummary]) -> Vec<Story> {
    let salient: Vec<BTreeSet<String>> = articles.iter().map(ArticleSummary::salient).collect();
    let idf = idf(articles);
    let vectors: Vec<Vec<(&str, f64)>> = articles.iter().map(|a| tfidf(a, &idf)).collect();
    // Salient keys and terms as ids numbered in string order, so that the similarity's merges
    // compare integers and still visit (and sum) in the same order as by string.
    let keys = Interner::new(salient.iter().flatten().map(String::as_str));
    let terms = Interner::new(vectors.iter().flatten().map(|&(t, _)| t));
    let salient_ids: Vec<Vec<u32>> = salient.iter().map(|s| s.iter().map(|k| keys.id(k)).collect()).collect();
    let vector_ids: Vec<Vec<(u32, f64)>> =
        vectors.iter().map(|v| v.iter().map(|&(t, x)| (terms.id(t), x)).collect()).collect();
    let dates: Vec<Option<jiff::civil::Date>> =
        articles.iter().map(|a| a.published.as_deref().and_then(|d| d.parse().ok())).collect();
    let sim = |i: usize, j: usize| -> f64 {
        let (a, b) = (&salient_ids[i], &salient_ids[j]);
        let inter = shared_count(a, b);
        let union = (a.len() + b.len() - inter) as f64;
        let jaccard = if union > 0.0 { inter as f64 / union } else { 0.0 };
        let mut s = 0.6 * jaccard + 0.4 * cosine(&vector_ids[i], &vector_ids[j]);
        if let (Some(x), Some(y)) = (dates[i], dates[j])
            && (x - y).get_days().abs() > 7
        {
            s *= 0.5;
        }
        s
    };
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    // Per salient key id, the stories that have it, in order of creation.
    let mut by_key: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    let mut candidates: BTreeSet<usize> = BTreeSet::new();
    for (i, ids) in salient_ids.iter().enumerate() {
        candidates.clear();
        for &key in ids {
            candidates.extend(by_key[key as usize].iter().rev().take(STORIES_PER_KEY));
        }
        if ids.is_empty() {
            candidates.extend(clusters.len().saturating_sub(STORIES_PER_KEY)..clusters.len());
        }
        let best = candidates
            .iter()
            .map(|&c| {
                let members = &clusters[c];
                let compared = members.iter().rev().take(MEMBERS_COMPARED);
                let n = members.len().min(MEMBERS_COMPARED);
                (c, compared.map(|&j| sim(i, j)).sum::<f64>() / n as f64)
            })
            .filter(|&(_, s)| s >= JOIN)
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        let c = match best {
            Some((c, _)) => {
                clusters[c].push(i);
                c
            }
            None => {
                clusters.push(vec![i]);
                clusters.len() - 1
            }
        };
        for &key in ids {
            let list = &mut by_key[key as usize];
            if list.last() != Some(&c) {
                list.push(c);
            }
        }
    }
    // Each story is built from its own members alone: in parallel (on the current rayon pool),
    // collected in cluster order.
    clusters.par_iter().enumerate().map(|(n, members)| story(n + 1, members, articles, &salient)).collect()
}

/// Distinct strings numbered in sorted order (ids compare as their strings do).
struct Interner<'a> {
    sorted: Vec<&'a str>,
}

impl<'a> Interner<'a> {
    fn new(strings: impl Iterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = strings.collect();
        sorted.sort_unstable();
        sorted.dedup();
        Interner { sorted }
    }

    fn len(&self) -> usize {
        self.sorted.len()
    }

    /// The id of a string given to [`Interner::new`].
    fn id(&self, s: &str) -> u32 {
        self.sorted.binary_search(&s).unwrap_or_default() as u32
    }
}

/// The number of ids two ascending lists share (a merge).
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn idf(articles: &[ArticleSummary]) -> HashMap<&str, f64> {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for a in articles {
        for (t, _) in &a.terms {
            *df.entry(t).or_default() += 1;
        }
    }
    let n = articles.len() as f64;
    df.into_iter().map(|(t, d)| (t, ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)).collect()
}

/// The article's strongest tf-idf terms, unit length, sorted by term.
fn tfidf<'a>(a: &'a ArticleSummary, idf: &HashMap<&str, f64>) -> Vec<(&'a str, f64)> {
    let mut v: Vec<(&str, f64)> = a
        .terms
        .iter()
        .map(|(t, c)| (t.as_str(), (1.0 + f64::from(*c).ln()) * idf.get(t.as_str()).copied().unwrap_or(1.0)))
        .collect();
    v.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    v.truncate(TERMS_COMPARED);
    v.sort_by(|x, y| x.0.cmp(y.0));
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= norm);
    }
    v
}

/// Cosine of two unit vectors sorted by term id (a merge).
fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// One story from its member articles.
fn story(n: usize, members: &[usize], articles: &[ArticleSummary], salient: &[BTreeSet<String>]) -> Story {
    let entities = merge_entities(members, articles);
    // Each article's canonical names → the story's merged name (the first entity that took it).
    let mut merged: HashMap<(usize, &str), &str> = HashMap::new();
    for (e, refs) in &entities {
        for (article, name) in refs {
            merged.entry((*article, name.as_str())).or_insert(e.name.as_str());
        }
    }
    let rename = |article: usize, name: &str| -> String {
        merged.get(&(article, name)).map_or(name, |m| *m).to_string()
    };
    // The story's date anchors the underspecified dates of its undated articles.
    let story_date = members.iter().filter_map(|&i| articles[i].published.as_deref()?.parse().ok()).max();
    let statements = statements(members, articles, story_date, &rename);
    let timeline = timeline(members, articles, &statements, story_date, &rename);
    // The most central article (most salient entities shared with the others) names the story.
    // (Entities shared with the others, summed over the others = per salient entity, the other
    // members that have it.)
    let mut have: HashMap<&str, usize> = HashMap::new();
    for &i in members {
        for key in &salient[i] {
            *have.entry(key.as_str()).or_default() += 1;
        }
    }
    let central = members
        .iter()
        .copied()
        .max_by_key(|&i| {
            let shared: usize = salient[i].iter().map(|k| have[k.as_str()] - 1).sum();
            (articles[i].title.is_some(), shared, std::cmp::Reverse(i))
        })
        .unwrap_or(members[0]);
    let title = articles[central].title.clone().unwrap_or_else(|| {
        let top: Vec<&str> = entities.iter().take(3).map(|(e, _)| e.name.as_str()).collect();
        top.join(", ")
    });
    Story {
        id: format!("story-{n}"),
        title,
        articles: members.iter().map(|&i| articles[i].id.clone()).collect(),
        entities: entities.into_iter().map(|(e, _)| e).collect(),
        statements,
        timeline,
    }
}

/// Entities merged across articles: same normalised name, or compatible full person names.
/// Returned with the (article, canonical name) pairs merged into each, most mentioned first.
fn merge_entities(
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

/// Lowercased word tokens of a text, for near-duplicate tests.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Near-identical utterances: most words shared, or one contained in the other.
fn same_words(a: &str, b: &str) -> bool {
    let (wa, wb): (BTreeSet<String>, BTreeSet<String>) =
        (words(a).into_iter().collect(), words(b).into_iter().collect());
    similar_sets(wa.intersection(&wb).count(), wa.len(), wb.len())
}

/// [`same_words`] from the sizes of two word sets and of their intersection.
fn similar_sets(inter: usize, a: usize, b: usize) -> bool {
    if a == 0 || b == 0 {
        return false;
    }
    let (inter, small, union) = (inter as f64, a.min(b) as f64, (a + b - inter) as f64);
    inter / union >= 0.7 || (small >= 4.0 && inter / small >= 0.9)
}

/// Texts as sets of word ids, with an inverted index, to find the earlier texts with the same
/// words as a new one ([`same_words`]) by counting shared words instead of comparing with each.
#[derive(Default)]
struct WordIndex {
    ids: HashMap<String, u32>,
    /// Per word id, the texts that have it (ascending).
    postings: Vec<Vec<u32>>,
    /// Per text, its number of distinct words.
    sizes: Vec<usize>,
    shared: Vec<u32>,
    touched: Vec<u32>,
}

impl WordIndex {
    /// Distinct word ids of a text (new words get new ids).
    fn word_ids(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = words(text)
            .into_iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        if let Some(&max) = out.last() {
            if self.postings.len() <= max as usize {
                self.postings.resize_with(max as usize + 1, Vec::new);
            }
        }
        out
    }

    /// The earliest indexed text with the same words as `ids` that `accept` takes.
    fn find(&mut self, ids: &[u32], accept: impl Fn(usize) -> bool) -> Option<usize> {
        self.shared.resize(self.sizes.len(), 0);
        for &w in ids {
            for &t in &self.postings[w as usize] {
                if self.shared[t as usize] == 0 {
                    self.touched.push(t);
                }
                self.shared[t as usize] += 1;
            }
        }
        self.touched.sort_unstable();
        let found = self
            .touched
            .iter()
            .map(|&t| t as usize)
            .find(|&t| similar_sets(self.shared[t] as usize, ids.len(), self.sizes[t]) && accept(t));
        for &t in &self.touched {
            self.shared[t as usize] = 0;
        }
        self.touched.clear();
        found
    }

    /// Adds the next text (its index is the number of texts added before).
    fn push(&mut self, ids: &[u32]) {
        let t = self.sizes.len() as u32;
        for &w in ids {
            self.postings[w as usize].push(t);
        }
        self.sizes.push(ids.len());
    }
}

fn statements(
    members: &[usize],
    articles: &[ArticleSummary],
    story_date: Option<jiff::civil::Date>,
    rename: &dyn Fn(usize, &str) -> String,
) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    let mut index = WordIndex::default();
    // (statement, article id) pairs already listed.
    let mut listed: std::collections::HashSet<(usize, &str)> = std::collections::HashSet::new();
    for &i in members {
        let a = &articles[i];
        // A reported clause with no source at all is not a statement anyone made.
        for q in a.quotes.iter().filter(|q| q.speaker.is_some() || q.has_source) {
            let speaker = q.speaker.as_deref().map(|s| rename(i, s));
            let date = q.date.as_deref().and_then(|d| anchor(d, story_date)).filter(|d| !d.starts_with('X'));
            let source = StatementSource {
                article: a.id.clone(),
                publisher: a.publisher.clone(),
                start: q.start,
                end: q.end,
            };
            let ids = index.word_ids(&q.text);
            let found = index.find(&ids, |k| {
                let s = &out[k];
                s.speaker == speaker || s.speaker.is_none() || speaker.is_none()
            });
            match found {
                Some(k) => {
                    let s = &mut out[k];
                    if listed.insert((k, a.id.as_str())) {
                        s.articles.push(a.id.clone());
                    }
                    s.sources.push(source);
                    if s.speaker.is_none() {
                        s.speaker = speaker;
                    }
                    if s.date.is_none() {
                        s.date = date;
                    }
                }
                None => {
                    index.push(&ids);
                    listed.insert((out.len(), a.id.as_str()));
                    out.push(Statement {
                        speaker,
                        text: q.text.clone(),
                        kind: q.kind,
                        date,
                        articles: vec![a.id.clone()],
                        sources: vec![source],
                    })
                }
            }
        }
    }
    out
}

fn timeline(
    members: &[usize],
    articles: &[ArticleSummary],
    statements: &[Statement],
    story_date: Option<jiff::civil::Date>,
    rename: &dyn Fn(usize, &str) -> String,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<(TimelineEntry, BTreeSet<String>)> = Vec::new();
    // One entry per speaker and day: the first thing said, and how much more (unattributed
    // statements stay in the statement list, off the timeline).
    let mut by_day: BTreeMap<(String, Option<&str>), Vec<&Statement>> = BTreeMap::new();
    for s in statements.iter().filter(|s| s.speaker.is_some()) {
        if let Some(date) = &s.date {
            by_day.entry((date.clone(), s.speaker.as_deref())).or_default().push(s);
        }
    }
    for ((date, speaker), said) in by_day {
        let who = speaker.unwrap_or("Unattributed");
        let mut text = format!("{who}: \u{201c}{}\u{201d}", clip(&quote_display(&said[0].text), 160));
        if said.len() > 1 {
            text.push_str(&format!(" (+{} more)", said.len() - 1));
        }
        let mut ids: Vec<String> = Vec::new();
        for s in &said {
            for a in &s.articles {
                if !ids.contains(a) {
                    ids.push(a.clone());
                }
            }
        }
        entries.push((
            TimelineEntry { date, text, kind: TimelineKind::Statement, articles: ids },
            BTreeSet::new(),
        ));
    }
    // Where each article reports a dated statement: (article, date) → source spans.
    let mut said: HashMap<(&str, &str), Vec<(usize, usize)>> = HashMap::new();
    for s in statements {
        if let Some(date) = &s.date {
            for src in &s.sources {
                said.entry((src.article.as_str(), date.as_str())).or_default().push((src.start, src.end));
            }
        }
    }
    // Event entries by date, and the (entry, article id) pairs already listed.
    let mut events_on: HashMap<String, Vec<usize>> = HashMap::new();
    let mut listed: std::collections::HashSet<(usize, &str)> = std::collections::HashSet::new();
    for &i in members {
        let a = &articles[i];
        for ev in &a.events {
            let Some(date) = anchor(&ev.date, story_date).filter(|d| !d.starts_with('X')) else { continue };
            // The date of a statement ("Haley said Sunday") is already on the timeline.
            let said_then = said
                .get(&(a.id.as_str(), date.as_str()))
                .is_some_and(|spans| spans.iter().any(|&(s, e)| s >= ev.start && e <= ev.end));
            if said_then {
                continue;
            }
            let names: BTreeSet<String> = ev.entities.iter().map(|n| rename(i, n)).collect();
            let same_day = events_on.entry(date.clone()).or_default();
            let same = same_day.iter().copied().find(|&k| {
                let (e, n) = &entries[k];
                n.intersection(&names).count() >= 2 || same_words(&e.text, &ev.sentence)
            });
            if same.is_none() {
                same_day.push(entries.len());
                listed.insert((entries.len(), a.id.as_str()));
            }
            match same {
                Some(k) => {
                    let (e, n) = &mut entries[k];
                    if listed.insert((k, a.id.as_str())) {
                        e.articles.push(a.id.clone());
                    }
                    // Keep the most concise wording.
                    if ev.sentence.len() < e.text.len() {
                        e.text = clip(&ev.sentence, 240);
                    }
                    n.extend(names);
                }
                None => entries.push((
                    TimelineEntry {
                        date,
                        text: clip(&ev.sentence, 240),
                        kind: TimelineKind::Event,
                        articles: vec![a.id.clone()],
                    },
                    names,
                )),
            }
        }
    }
    let mut out: Vec<TimelineEntry> = entries.into_iter().map(|(e, _)| e).collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
    out
}

/// The part of a sentence around a date: the whole sentence when short, else a window of
/// words around `start..end`, with ellipses.
fn snippet(sentence: &str, start: usize, end: usize) -> String {
    const WIDTH: usize = 90;
    if sentence.len() <= 2 * WIDTH {
        return sentence.to_string();
    }
    let floor = |mut i: usize| {
        while !sentence.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(start.saturating_sub(WIDTH));
    let to = floor((end + WIDTH).min(sentence.len()));
    let from = if from == 0 { 0 } else { sentence[from..].find(' ').map_or(from, |k| from + k + 1) };
    let to = if to == sentence.len() { to } else { sentence[..to].rfind(' ').unwrap_or(to) };
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(sentence[from..to].trim());
    if to < sentence.len() {
        s.push('…');
    }
    s
}

/// Anchor an underspecified date of an undated article to the story's date: `XXXX-06` → the
/// last June not after it, `XXXX-WXX-5` → the last Friday not after it, `XXXX-WXX` → its week.
fn anchor(value: &str, story_date: Option<jiff::civil::Date>) -> Option<String> {
    let Some(rest) = value.strip_prefix("XXXX-") else { return Some(value.to_string()) };
    let d = story_date?;
    if let Some(weekday) = rest.strip_prefix("WXX-") {
        let n: i8 = weekday.parse().ok()?;
        let back = (d.weekday().to_monday_one_offset() - n).rem_euclid(7);
        return d.checked_sub(jiff::Span::new().days(i64::from(back))).ok().map(|x| x.to_string());
    }
    if rest == "WXX" {
        let w = d.iso_week_date();
        return Some(format!("{:04}-W{:02}", w.year(), w.week()));
    }
    let month: i8 = rest.parse().ok()?;
    let year = if month > d.month() { d.year() - 1 } else { d.year() };
    Some(format!("{year:04}-{month:02}"))
}

/// A quote's words for display: outer quote marks and the comma before a closing mark dropped
/// (`"It looks like …,"` → `It looks like …`; `there has been "tremendous progress."` unchanged).
pub fn quote_display(text: &str) -> String {
    const OPEN: &[char] = &['"', '“', '„', '«', '‘'];
    const CLOSE: &[char] = &['"', '”', '»', '’'];
    let t = text.trim();
    if let Some(inner) = t.strip_prefix(OPEN) {
        let inner = inner.trim_end();
        let inner = inner.strip_suffix(CLOSE).unwrap_or(inner);
        // An unbalanced mark inside means the closing one belonged to the words: keep as is.
        if !inner.contains(OPEN) && !inner.contains(CLOSE)
            || inner.matches(OPEN).count() == inner.matches(CLOSE).count()
        {
            return inner.trim_end().trim_end_matches(',').trim().to_string();
        }
    }
    for close in CLOSE {
        if let Some(head) = t.strip_suffix(&format!(",{close}")) {
            return format!("{head}{close}");
        }
    }
    t.trim_end_matches(',').to_string()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests;
