//! Which articles make one story: greedy average-link clustering over article summaries.

use std::collections::{BTreeSet, HashMap};

use super::ArticleSummary;

/// Similarity at which an article joins a story.
const JOIN: f64 = 0.3;
/// Terms of an article's vector in the similarity.
const TERMS_COMPARED: usize = 40;
/// Recent stories considered per shared salient entity, and members compared per story: this
/// bounds the work per article whatever the corpus size.
const STORIES_PER_KEY: usize = 8;
const MEMBERS_COMPARED: usize = 10;

/// Articles grouped into stories: each story's members (indices into `articles`, ascending).
///
/// Greedy average-link clustering in input order (deterministic): an article joins the most
/// similar recent story sharing one of its salient entities (similarity: entity overlap and
/// content-word cosine, halved beyond a week apart), or starts a new one.
pub fn cluster(articles: &[ArticleSummary], salient: &[BTreeSet<String>]) -> Vec<Vec<usize>> {
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
    clusters
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
