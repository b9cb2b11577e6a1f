//! Which articles make one story: average-link clustering of article summaries over a sparse
//! similarity graph, with the date window a newsroom uses.
//!
//! 1. **Vectors.** Each article gets two unit vectors: its strongest content words (tf-idf,
//!    headline words counted twice by the summary) and its named participants (people,
//!    organisations, places; tf-idf over the corpus, a person also by surname, a name in the
//!    headline weighted up).
//! 2. **Similarity graph.** An article is compared with the recent articles that share one of
//!    its words or names (inverted lists holding the last `POSTINGS_KEPT` articles of each key:
//!    the work per article and the memory are bounded whatever the corpus size; coverage of one
//!    event sits close together in a crawl). The similarity is the mean of the two cosines; each
//!    article keeps its `EDGES_KEPT` strongest links.
//! 3. **Average link.** Stories are merged, most similar first, while the mean similarity of all
//!    their article pairs (absent links count as 0) reaches [`JOIN`]. Two stories whose dates
//!    lie more than `WINDOW_DAYS` apart count half, and beyond `FAR_DAYS` they never merge,
//!    unless one of them mentions a date within the other's span (a trial's coverage recalls
//!    the shooting's date): a celebrity's two rehab stays a year apart stay two stories, a
//!    shooting and its trial one.
//!
//! Deterministic: no hashing order reaches the result, ties are broken by article order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use jiff::civil::Date;
use storyline_model::EntityType;

use super::ArticleSummary;
use super::Map;
use crate::entities::normalize_each;

/// Mean pair similarity at which two stories merge.
pub const JOIN: f64 = 0.08;
/// Terms of an article's content vector.
const TERMS_COMPARED: usize = 40;
/// Articles kept in each word's or name's inverted list (the most recent).
const POSTINGS_KEPT: usize = 48;
/// Links kept per article (the strongest), and the weakest link kept.
const EDGES_KEPT: usize = 24;
const EDGE_MIN: f64 = 0.01;
/// Stories whose dates are further apart than this count half…
const WINDOW_DAYS: i32 = 30;
/// …and beyond this they do not merge (unless one recalls the other's dates).
const FAR_DAYS: i32 = 180;
/// A mentioned date this close to another story's span bridges the two.
const BRIDGE_DAYS: i32 = 7;
/// Weight of the content words in the similarity (the names have the rest).
const TERM_WEIGHT: f64 = 0.5;

/// Articles grouped into stories: each story's members (indices into `articles`, ascending),
/// the stories in order of their first article.
pub fn cluster(articles: &[ArticleSummary]) -> Vec<Vec<usize>> {
    let n = articles.len();
    if n == 0 {
        return Vec::new();
    }
    let terms = term_vectors(articles);
    let names = name_vectors(articles);
    let edges = similarity_graph(n, &terms, &names);
    let dates: Vec<Dates> = articles.iter().map(Dates::of).collect();
    average_link(n, edges, dates)
}

/// A sparse unit vector: (key id, weight), sorted by key id.
type Vector = Vec<(u32, f64)>;

/// Key ids for strings, in first-seen order.
#[derive(Default)]
struct Keys<'a> {
    ids: Map<&'a str, u32>,
    df: Vec<u32>,
}

impl<'a> Keys<'a> {
    fn id(&mut self, key: &'a str) -> u32 {
        let next = self.df.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.df.push(0);
        }
        id
    }

    /// Smoothed inverse document frequency of a key.
    fn idf(&self, id: u32, n: usize) -> f64 {
        ((1.0 + n as f64) / (1.0 + f64::from(self.df[id as usize]))).ln() + 1.0
    }
}

/// Counted keys of each article → unit tf-idf vectors (sublinear tf), at most `keep` keys each
/// (the strongest; ties by key).
fn tfidf(per_article: &[Vec<(&str, f64)>], keep: usize) -> Vec<Vector> {
    let mut keys = Keys::default();
    let ids: Vec<Vec<(u32, f64)>> = per_article
        .iter()
        .map(|counts| {
            let mut v: Vec<(u32, f64)> = counts.iter().map(|&(k, c)| (keys.id(k), c)).collect();
            v.sort_unstable_by_key(|&(id, _)| id);
            v.dedup_by(|later, first| {
                if later.0 == first.0 {
                    first.1 += later.1;
                    true
                } else {
                    false
                }
            });
            for &(id, _) in &v {
                keys.df[id as usize] += 1;
            }
            v
        })
        .collect();
    let n = per_article.len();
    ids.into_iter()
        .map(|counts| {
            let mut v: Vector =
                counts.into_iter().map(|(id, c)| (id, (1.0 + c.ln()) * keys.idf(id, n))).collect();
            if v.len() > keep {
                v.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                v.truncate(keep);
                v.sort_unstable_by_key(|&(id, _)| id);
            }
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            v
        })
        .collect()
}

fn term_vectors(articles: &[ArticleSummary]) -> Vec<Vector> {
    let counts: Vec<Vec<(&str, f64)>> =
        articles.iter().map(|a| a.terms.iter().map(|(t, c)| (t.as_str(), f64::from(*c))).collect()).collect();
    tfidf(&counts, TERMS_COMPARED)
}

/// Name suffixes that are not surnames.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// An article's name keys: one string, and each key's (start, end, weight) in it.
type KeyedNames = (String, Vec<(usize, usize, f64)>);

fn name_vectors(articles: &[ArticleSummary]) -> Vec<Vector> {
    // Each article's keys are written in one string (a name's normalised words joined by
    // spaces, a person's surname after a `~`), the vectors borrowing them: no string per name.
    let mut buf = String::new();
    let keyed: Vec<KeyedNames> = articles
        .iter()
        .map(|a| {
            let mut text = String::new();
            let mut keys = Vec::with_capacity(a.entities.len() * 2);
            for e in &a.entities {
                let weight = e.mentions as f64 + if e.in_title { 2.0 } else { 0.0 };
                let start = text.len();
                // The core words (not suffixes) and the last one's place.
                let (mut core, mut last) = (0, 0..0);
                normalize_each(&e.name, &mut buf, |w| {
                    if text.len() > start {
                        text.push(' ');
                    }
                    let at = text.len();
                    text.push_str(w);
                    if !SUFFIXES.contains(&w) {
                        core += 1;
                        last = at..text.len();
                    }
                });
                if text.len() == start {
                    continue;
                }
                let end = text.len();
                if e.kind == EntityType::Person && core >= 2 {
                    text.push('~');
                    text.extend_from_within(last);
                    keys.push((end, text.len(), weight));
                }
                keys.push((start, end, weight));
            }
            (text, keys)
        })
        .collect();
    let counts: Vec<Vec<(&str, f64)>> =
        keyed.iter().map(|(text, keys)| keys.iter().map(|&(s, e, w)| (&text[s..e], w)).collect()).collect();
    tfidf(&counts, usize::MAX)
}

/// An inverted list of the last articles that have a key, with their weights.
#[derive(Default, Clone)]
struct Postings {
    list: Vec<(u32, f64)>,
}

impl Postings {
    fn push(&mut self, article: u32, weight: f64) {
        if self.list.len() >= 2 * POSTINGS_KEPT {
            self.list.drain(..self.list.len() - POSTINGS_KEPT);
        }
        self.list.push((article, weight));
    }

    fn recent(&self) -> &[(u32, f64)] {
        &self.list[self.list.len().saturating_sub(POSTINGS_KEPT)..]
    }
}

/// Links (earlier article, later article, similarity) between articles that share words or
/// names, each article's [`EDGES_KEPT`] strongest to earlier ones.
fn similarity_graph(n: usize, terms: &[Vector], names: &[Vector]) -> Vec<(u32, u32, f64)> {
    let mut term_lists: Vec<Postings> = Vec::new();
    let mut name_lists: Vec<Postings> = Vec::new();
    let mut score = vec![0.0f64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut edges = Vec::new();
    let mut mine: Vec<(u32, f64)> = Vec::new();
    for i in 0..n {
        for (vector, lists, weight) in
            [(&terms[i], &mut term_lists, TERM_WEIGHT), (&names[i], &mut name_lists, 1.0 - TERM_WEIGHT)]
        {
            for &(key, x) in vector {
                let key = key as usize;
                if lists.len() <= key {
                    lists.resize_with(key + 1, Postings::default);
                }
                for &(j, y) in lists[key].recent() {
                    if score[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    score[j as usize] += weight * x * y;
                }
            }
        }
        mine.clear();
        for &j in &touched {
            let s = score[j as usize];
            score[j as usize] = 0.0;
            if s >= EDGE_MIN {
                mine.push((j, s));
            }
        }
        touched.clear();
        if mine.len() > EDGES_KEPT {
            mine.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            mine.truncate(EDGES_KEPT);
        }
        mine.sort_unstable_by_key(|&(j, _)| j);
        edges.extend(mine.iter().map(|&(j, s)| (j, i as u32, s)));
        for &(key, x) in &terms[i] {
            term_lists[key as usize].push(i as u32, x);
        }
        for &(key, x) in &names[i] {
            name_lists[key as usize].push(i as u32, x);
        }
    }
    edges
}

/// What the date window knows of an article or a story: the span of its publication dates, and
/// the dates its text mentions (day or month precision), sorted.
#[derive(Default)]
struct Dates {
    span: Option<(Date, Date)>,
    mentioned: Vec<(Date, Date)>,
}

impl Dates {
    fn of(a: &ArticleSummary) -> Dates {
        let published = a.published.as_deref().and_then(|d| d.parse::<Date>().ok());
        let mut mentioned: Vec<(Date, Date)> = a.events.iter().filter_map(|e| interval(&e.date)).collect();
        mentioned.sort_unstable();
        mentioned.dedup();
        Dates { span: published.map(|d| (d, d)), mentioned }
    }

    fn absorb(&mut self, other: Dates) {
        self.span = match (self.span, other.span) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        };
        self.mentioned.extend(other.mentioned);
        self.mentioned.sort_unstable();
        self.mentioned.dedup();
    }

    /// Whether a date this story mentions falls near `span`.
    fn recalls(&self, span: (Date, Date)) -> bool {
        let (from, to) = (add_days(span.0, -BRIDGE_DAYS), add_days(span.1, BRIDGE_DAYS));
        // Mentions are at most a month long: those starting in [from - 31 days, to] may overlap.
        let first = self.mentioned.partition_point(|m| m.0 < add_days(from, -31));
        self.mentioned[first..].iter().take_while(|m| m.0 <= to).any(|m| m.1 >= from)
    }

    /// The factor of the date window between two stories.
    fn factor(&self, other: &Dates) -> f64 {
        let (Some(a), Some(b)) = (self.span, other.span) else { return 1.0 };
        let gap = if a.1 < b.0 {
            (b.0 - a.1).get_days()
        } else if b.1 < a.0 {
            (a.0 - b.1).get_days()
        } else {
            0
        };
        if gap <= WINDOW_DAYS || self.recalls(b) || other.recalls(a) {
            1.0
        } else if gap <= FAR_DAYS {
            0.5
        } else {
            0.0
        }
    }
}

fn add_days(d: Date, days: i32) -> Date {
    d.checked_add(jiff::Span::new().days(i64::from(days))).unwrap_or(d)
}

/// A TIMEX3 date value of day (`2011-10-21`) or month (`2011-10`) precision as a day range.
fn interval(value: &str) -> Option<(Date, Date)> {
    let bytes = value.as_bytes();
    match bytes.len() {
        10 => value.parse::<Date>().ok().map(|d| (d, d)),
        7 if bytes[4] == b'-' => {
            let year: i16 = value.get(..4)?.parse().ok()?;
            let month: i8 = value.get(5..)?.parse().ok()?;
            let first = Date::new(year, month, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        _ => None,
    }
}

/// A story's best merge in the heap: most similar first, then the earliest pair of stories.
///
/// The heap holds at most one current entry per story (its most similar linked story), not one
/// per link: it stays small enough for the processor's cache whatever the corpus size.
struct Candidate {
    score: f64,
    /// The pair, smaller story id first.
    a: u32,
    b: u32,
    /// The story whose best link this is, and which of its entries ([`Group::entry`]).
    owner: u32,
    entry: u32,
    /// The merge counts of `a` and `b` when scored (stale once either has merged again).
    versions: (u32, u32),
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score.total_cmp(&other.score).then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

/// One story being formed.
struct Group {
    members: Vec<u32>,
    dates: Dates,
    /// Summed similarity ([`Sum`]) to each linked story, by story id (the id of its first
    /// article) — or by the id of a story since merged into another: [`Stories::links`] reads
    /// such an id as the story it is now part of.
    links: Vec<(u32, Sum)>,
    /// Merges into this story so far.
    version: u32,
    /// Entries pushed for this story so far: only the last one is its current best.
    entry: u32,
    alive: bool,
}

/// A sum of article similarities in fixed point (units of 2⁻³²): integer sums do not depend on
/// the order in which stories merged, so neither do the scores nor the ties between them.
type Sum = u64;
const SUM_ONE: f64 = (1u64 << 32) as f64;

fn to_sum(similarity: f64) -> Sum {
    (similarity.clamp(0.0, 1.0) * SUM_ONE).round() as Sum
}

/// The stories being formed, and which story each merged-away story became part of.
struct Stories {
    groups: Vec<Group>,
    /// Union-find: a story's id points to the story it merged into (itself while alive).
    parent: Vec<u32>,
}

impl Stories {
    /// The live story that story `s` is now part of.
    fn find(&mut self, s: u32) -> u32 {
        let mut root = s;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        let mut at = s;
        while self.parent[at as usize] != root {
            let next = self.parent[at as usize];
            self.parent[at as usize] = root;
            at = next;
        }
        root
    }

    /// `links` read as links between live stories: ids mapped to the stories they are now part
    /// of, the similarities to one story summed, links to `own` dropped; sorted by id.
    fn current(&mut self, links: Vec<(u32, Sum)>, own: u32) -> Vec<(u32, Sum)> {
        let mut out: Vec<(u32, Sum)> =
            links.into_iter().map(|(k, x)| (self.find(k), x)).filter(|&(k, _)| k != own).collect();
        out.sort_unstable_by_key(|&(k, _)| k);
        out.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 += later.1;
            }
            same
        });
        out
    }

    /// The average-link score of live stories `a` and `b`, whose article pairs' similarities sum
    /// to `sum`.
    fn score(&self, a: u32, b: u32, sum: Sum) -> f64 {
        let (ga, gb) = (&self.groups[a as usize], &self.groups[b as usize]);
        sum as f64 / SUM_ONE / (ga.members.len() as f64 * gb.members.len() as f64)
            * ga.dates.factor(&gb.dates)
    }

    /// Pushes live story `s`'s best merge (its most similar linked story, the earliest on ties)
    /// if it reaches [`JOIN`]; either way, the entries pushed for `s` before are superseded.
    fn push_best(&mut self, heap: &mut BinaryHeap<Candidate>, s: u32) {
        let links = std::mem::take(&mut self.groups[s as usize].links);
        let links = self.current(links, s);
        let mut best: Option<(f64, u32)> = None;
        for &(other, sum) in &links {
            let x = self.score(s, other, sum);
            // Links are in id order: a later link wins only with a higher score.
            if x >= JOIN && best.is_none_or(|(b, _)| x > b) {
                best = Some((x, other));
            }
        }
        let g = &mut self.groups[s as usize];
        g.links = links;
        g.entry += 1;
        let (entry, version) = (g.entry, g.version);
        if let Some((score, other)) = best {
            let versions = order(s, other, (version, self.groups[other as usize].version));
            heap.push(Candidate { score, a: s.min(other), b: s.max(other), owner: s, entry, versions });
        }
    }

    /// Story `gone` joins story `keep`.
    fn merge(&mut self, keep: u32, gone: u32) {
        let absorbed = std::mem::replace(
            &mut self.groups[gone as usize],
            Group {
                members: Vec::new(),
                dates: Dates::default(),
                links: Vec::new(),
                version: 0,
                entry: 0,
                alive: false,
            },
        );
        self.parent[gone as usize] = keep;
        let g = &mut self.groups[keep as usize];
        g.members.extend(absorbed.members);
        g.dates.absorb(absorbed.dates);
        g.version += 1;
        g.links.extend(absorbed.links);
    }
}

/// Average-link agglomeration over the sparse graph, with the date window.
///
/// Greedy: the most similar pair of stories merges first. Each story keeps one entry in the
/// heap, its best link when last looked at. A pair's score changes only when one of the two
/// merges, and the merged story's entry is then computed afresh: so every pair's score is at
/// most the current entry of one of its stories, and an entry popped with both stories as they
/// were when it was scored is the best pair overall. An entry found stale is scored again.
/// A merge touches only the two stories merged: the others' links to them are read through
/// [`Stories::find`] when those stories are next scored.
fn average_link(n: usize, edges: Vec<(u32, u32, f64)>, dates: Vec<Dates>) -> Vec<Vec<usize>> {
    let groups: Vec<Group> = dates
        .into_iter()
        .enumerate()
        .map(|(i, dates)| Group {
            members: vec![i as u32],
            dates,
            links: Vec::new(),
            version: 0,
            entry: 0,
            alive: true,
        })
        .collect();
    let mut stories = Stories { groups, parent: (0..n as u32).collect() };
    for &(a, b, s) in &edges {
        let x = to_sum(s);
        stories.groups[a as usize].links.push((b, x));
        stories.groups[b as usize].links.push((a, x));
    }
    drop(edges);
    let mut heap = BinaryHeap::new();
    for s in 0..n as u32 {
        stories.push_best(&mut heap, s);
    }
    while let Some(c) = heap.pop() {
        let owner = &stories.groups[c.owner as usize];
        if !owner.alive || owner.entry != c.entry {
            continue;
        }
        let (ga, gb) = (&stories.groups[c.a as usize], &stories.groups[c.b as usize]);
        if !ga.alive || !gb.alive || (ga.version, gb.version) != c.versions {
            stories.push_best(&mut heap, c.owner);
            continue;
        }
        // The earlier story absorbs the later one.
        stories.merge(c.a, c.b);
        stories.push_best(&mut heap, c.a);
    }
    let mut out: Vec<Vec<usize>> = stories
        .groups
        .into_iter()
        .filter(|g| g.alive)
        .map(|g| {
            let mut m: Vec<usize> = g.members.into_iter().map(|i| i as usize).collect();
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_unstable_by_key(|m| m[0]);
    debug_assert_eq!(out.iter().map(Vec::len).sum::<usize>(), n);
    out
}

/// `versions` of (`keep`, `other`) as (smaller id's, larger id's).
fn order(keep: u32, other: u32, versions: (u32, u32)) -> (u32, u32) {
    if keep < other { versions } else { (versions.1, versions.0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{SummaryEntity, SummaryEvent};

    fn date(s: &str) -> Date {
        s.parse().expect("date")
    }

    fn article(
        id: &str,
        published: Option<&str>,
        words: &str,
        names: &[&str],
        mentioned: &[&str],
    ) -> ArticleSummary {
        let mut terms: Vec<(String, u32)> = Vec::new();
        for w in words.split_whitespace() {
            match terms.iter_mut().find(|(t, _)| t == w) {
                Some((_, n)) => *n += 1,
                None => terms.push((w.to_string(), 1)),
            }
        }
        terms.sort();
        ArticleSummary {
            id: id.into(),
            title: None,
            publisher: None,
            published: published.map(str::to_string),
            entities: names
                .iter()
                .map(|n| SummaryEntity {
                    name: n.to_string(),
                    kind: EntityType::Person,
                    aliases: vec![],
                    roles: vec![],
                    mentions: 2,
                    in_title: false,
                })
                .collect(),
            quotes: vec![],
            events: mentioned
                .iter()
                .map(|d| SummaryEvent {
                    date: d.to_string(),
                    start: 0,
                    end: 0,
                    sentence: String::new(),
                    entities: vec![],
                })
                .collect(),
            terms,
        }
    }

    #[test]
    fn day_and_month_values_are_intervals() {
        assert_eq!(interval("2011-10-21"), Some((date("2011-10-21"), date("2011-10-21"))));
        assert_eq!(interval("2012-02"), Some((date("2012-02-01"), date("2012-02-29"))));
        for other in ["2011", "XXXX-10", "2011-13", "2011-W04", "PAST_REF", "2011-10-32", ""] {
            assert_eq!(interval(other), None, "{other}");
        }
    }

    #[test]
    fn the_date_window_and_its_bridges() {
        let dated = |published: &str, mentioned: &[&str]| {
            Dates::of(&article("x", Some(published), "", &[], mentioned))
        };
        // Within the window, or undated: no change.
        assert_eq!(dated("2013-04-12", &[]).factor(&dated("2013-04-30", &[])), 1.0);
        assert_eq!(dated("2013-04-12", &[]).factor(&Dates::default()), 1.0);
        // Two months apart: halved; a year and a half: apart.
        assert_eq!(dated("2011-08-16", &[]).factor(&dated("2011-10-20", &[])), 0.5);
        assert_eq!(dated("2011-10-25", &[]).factor(&dated("2013-04-12", &[])), 0.0);
        // The trial's coverage recalls "October 2011", when the shooting was reported.
        let trial = dated("2013-04-12", &["2013-04-11", "2011-10"]);
        assert_eq!(trial.factor(&dated("2011-10-25", &[])), 1.0);
        assert_eq!(dated("2011-10-25", &[]).factor(&trial), 1.0);
        // A date a week off the other's span still recalls it; two weeks off does not.
        assert_eq!(dated("2013-04-12", &["2011-11-01"]).factor(&dated("2011-10-25", &[])), 1.0);
        assert_eq!(dated("2013-04-12", &["2011-11-10"]).factor(&dated("2011-10-25", &[])), 0.0);
        // A merged story's span covers its members.
        let mut story = dated("2011-10-25", &[]);
        story.absorb(dated("2011-10-27", &["2011-10-21"]));
        assert_eq!(story.span, Some((date("2011-10-25"), date("2011-10-27"))));
        assert_eq!(story.mentioned, vec![(date("2011-10-21"), date("2011-10-21"))]);
    }

    #[test]
    fn links_of_merged_stories_are_summed() {
        // Stories 0..10; 4 has merged into 3, and 9 into 8 into 7.
        let groups = (0..10)
            .map(|i| Group {
                members: vec![i],
                dates: Dates::default(),
                links: Vec::new(),
                version: 0,
                entry: 0,
                alive: true,
            })
            .collect();
        let mut stories = Stories { groups, parent: vec![0, 0, 2, 3, 3, 5, 6, 7, 7, 8] };
        // Story 0 has absorbed story 1: its links and 1's, concatenated.
        let links = vec![(1, 50), (3, 25), (7, 10), (0, 50), (4, 50), (9, 20), (2, 1)];
        assert_eq!(stories.current(links, 0), vec![(2, 1), (3, 75), (7, 30)]);
        assert_eq!(stories.parent, vec![0, 0, 2, 3, 3, 5, 6, 7, 7, 7], "paths are compressed");
    }

    #[test]
    fn events_group_by_words_names_and_dates() {
        let quake = "earthquake magnitude rubble rescue killed";
        let articles = vec![
            article(
                "peru-1",
                Some("2019-03-02"),
                &format!("{quake} arequipa chivay colca"),
                &["Elmer Caceres"],
                &[],
            ),
            article(
                "izmir-1",
                Some("2020-10-30"),
                &format!("{quake} izmir aegean bayrakli"),
                &["Suleyman Soylu"],
                &[],
            ),
            article(
                "peru-2",
                Some("2019-03-03"),
                &format!("{quake} chivay colca valley"),
                &["Elmer Caceres"],
                &[],
            ),
            article(
                "izmir-2",
                Some("2020-10-31"),
                &format!("{quake} izmir bayrakli samos"),
                &["Suleyman Soylu"],
                &[],
            ),
            article("other", Some("2020-10-31"), "budget parliament vote taxes", &["Rishi Sunak"], &[]),
        ];
        assert_eq!(cluster(&articles), vec![vec![0, 2], vec![1, 3], vec![4]]);
        // The same person and words a year apart, with nothing recalling the other date.
        let rehab = "actress rehab treatment publicist center";
        let stays = vec![
            article("a", Some("2012-05-10"), rehab, &["Mara Quinlan"], &[]),
            article("b", Some("2012-05-11"), rehab, &["Mara Quinlan"], &[]),
            article("c", Some("2013-06-14"), rehab, &["Mara Quinlan"], &[]),
            article("d", Some("2013-06-15"), rehab, &["Mara Quinlan"], &[]),
        ];
        assert_eq!(cluster(&stays), vec![vec![0, 1], vec![2, 3]]);
        // One mention of the first stay's month bridges the two.
        let mut bridged = stays.clone();
        bridged[3] = article("d", Some("2013-06-15"), rehab, &["Mara Quinlan"], &["2012-05"]);
        assert_eq!(cluster(&bridged), vec![vec![0, 1, 2, 3]]);
        assert!(cluster(&[]).is_empty());
    }
}
