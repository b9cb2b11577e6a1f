//! `cargo xtask eval stories`: how well articles are grouped into stories, scored exactly as
//! `shared/eval/stories.py` does (B-cubed and pairwise P/R/F1, adjusted Rand index), for
//! storyline (`storyline analyze --format json`, run in process) and for a reference baseline
//! implemented here: TF-IDF of each article's title and body, cosine distance, average-link
//! agglomerative clustering cut at one fixed distance (what scikit-learn's
//! `AgglomerativeClustering(metric='cosine', linkage='average', distance_threshold=0.8)` does).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail, ensure};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use storyline_model::Article;

use crate::time::py_round2;

// ---------------------------------------------------------------------------------------------
// The scorer: a port of stories.py.

/// `doc → cluster` as `stories.py` reads `gold.tsv`: every non-blank line must be
/// `doc<TAB>cluster` (exactly one tab); a doc listed twice keeps its last cluster.
pub fn read_gold(path: &Path) -> Result<BTreeMap<String, String>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_gold(&raw).with_context(|| format!("malformed gold file {}", path.display()))
}

fn parse_gold(raw: &str) -> Result<BTreeMap<String, String>> {
    // Python's text mode: universal newlines; `str.strip()` whitespace for the blank test.
    let text = raw.replace("\r\n", "\n").replace('\r', "\n");
    let py_space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let mut gold = BTreeMap::new();
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_matches(py_space).is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.strip_suffix('\n').unwrap_or(line).split('\t').collect();
        let [doc, cluster] = fields[..] else {
            bail!("line {}: {} tab-separated fields, want doc<TAB>cluster", n + 1, fields.len())
        };
        gold.insert(doc.to_string(), cluster.to_string());
    }
    Ok(gold)
}

/// The `stories[].articles` of a report: ids (strings, or objects with an `id`).
#[derive(Deserialize)]
struct ReportStories {
    #[serde(default)]
    stories: Vec<ReportStory>,
}

#[derive(Deserialize)]
struct ReportStory {
    #[serde(default)]
    articles: Vec<serde_json::Value>,
}

/// Each story's article ids, in report order, as `stories.py` reads them.
pub fn read_report(path: &Path) -> Result<Vec<Vec<Option<String>>>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let report: ReportStories = serde_json::from_reader(std::io::BufReader::new(file))
        .with_context(|| format!("{} is not an analyze --format json report", path.display()))?;
    Ok(report
        .stories
        .into_iter()
        .map(|s| {
            s.articles
                .into_iter()
                .map(|a| match a {
                    serde_json::Value::String(id) => Some(id),
                    other => other.get("id").and_then(|v| v.as_str()).map(str::to_string),
                })
                .collect()
        })
        .collect())
}

/// Precision, recall and F1 in percent, rounded as `stories.py` rounds them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Prf {
    #[serde(rename = "P")]
    pub p: f64,
    #[serde(rename = "R")]
    pub r: f64,
    #[serde(rename = "F1")]
    pub f1: f64,
}

/// The figures `stories.py --json` prints.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub docs: usize,
    pub gold_clusters: usize,
    pub pred_clusters: usize,
    pub bcubed: Prf,
    pub pairwise: Prf,
    pub ari: f64,
}

/// A gold doc's predicted cluster: a story (its index in the report), or a singleton of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Pred {
    Story(usize),
    Single(usize),
}

fn comb2(n: usize) -> u128 {
    let n = n as u128;
    n * n.saturating_sub(1) / 2
}

/// `a / b` for non-negative integers as Python's int true division gives it: the exact quotient
/// correctly rounded to a double (ties to even), whatever the size of `a` and `b`.
fn int_div(a: u128, b: u128) -> f64 {
    assert!(b > 0, "division by zero");
    if a == 0 {
        return 0.0;
    }
    const EXACT: u128 = 1 << 53;
    if a <= EXACT && b <= EXACT {
        return a as f64 / b as f64; // both exact: IEEE division rounds correctly
    }
    let bits = |x: u128| 128 - x.leading_zeros() as i32;
    // quotient bits `m` times 2^exp, remainder `r`: at least 55 bits, then round to 53.
    let (mut m, mut r, mut exp) = (a / b, a % b, 0i32);
    while bits(m) < 55 {
        // r < b ≤ 2^127 in practice (a u128 product of pair counts), so r << 1 does not overflow
        r <<= 1;
        m = (m << 1) | u128::from(r >= b);
        if r >= b {
            r -= b;
        }
        exp -= 1;
    }
    let extra = bits(m) - 53;
    let low = m & ((1u128 << extra) - 1);
    let half = 1u128 << (extra - 1);
    m >>= extra;
    exp += extra;
    if low > half || (low == half && (r != 0 || m & 1 == 1)) {
        m += 1;
    }
    m as f64 * 2f64.powi(exp)
}

/// Score stories against the gold as `stories.py` does: only gold docs count; a doc in several
/// stories belongs to the last; a gold doc in no story is a singleton; ids match by equality.
/// Sums go in sorted doc order, left to right, as CPython ≤ 3.11's `sum` adds floats (3.12's
/// compensated `sum` can differ in the last bit: the check against `stories.py` would say so).
pub fn score(gold: &BTreeMap<String, String>, stories: &[Vec<Option<String>>]) -> Result<Scores> {
    let n = gold.len();
    ensure!(n >= 2, "stories.py needs at least two gold docs (got {n})");
    let mut pred: HashMap<&str, Pred> = HashMap::new();
    for (i, story) in stories.iter().enumerate() {
        for id in story.iter().flatten() {
            if let Some((doc, _)) = gold.get_key_value(id.as_str()) {
                pred.insert(doc.as_str(), Pred::Story(i));
            }
        }
    }
    let docs: Vec<(&str, &str, Pred)> = gold
        .iter()
        .enumerate()
        .map(|(k, (d, g))| (d.as_str(), g.as_str(), pred.get(d.as_str()).copied().unwrap_or(Pred::Single(k))))
        .collect();
    let (mut gc, mut pc, mut joint) = (HashMap::new(), HashMap::new(), HashMap::new());
    for &(_, g, p) in &docs {
        *gc.entry(g).or_insert(0usize) += 1;
        *pc.entry(p).or_insert(0usize) += 1;
        *joint.entry((g, p)).or_insert(0usize) += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for &(_, g, p) in &docs {
        bp += joint[&(g, p)] as f64 / pc[&p] as f64;
    }
    for &(_, g, p) in &docs {
        br += joint[&(g, p)] as f64 / gc[&g] as f64;
    }
    let (bp, br) = (bp / n as f64, br / n as f64);
    let f1 = |p: f64, r: f64| if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    let bf = f1(bp, br);
    let tp: u128 = joint.values().map(|&c| comb2(c)).sum();
    let pp: u128 = pc.values().map(|&c| comb2(c)).sum();
    let gp: u128 = gc.values().map(|&c| comb2(c)).sum();
    let pwp = if pp > 0 { int_div(tp, pp) } else { 0.0 };
    let pwr = if gp > 0 { int_div(tp, gp) } else { 0.0 };
    let pwf = f1(pwp, pwr);
    let expected = int_div(pp * gp, comb2(n));
    // `(tp - exp) / (0.5 * (pp + gp) - exp) if (pp + gp) / 2 != exp else 0`
    let ari = if int_div(pp + gp, 2) != expected {
        (tp as f64 - expected) / (0.5 * (pp + gp) as f64 - expected)
    } else {
        0.0
    };
    let pct = |x: f64| py_round2(100.0 * x);
    Ok(Scores {
        docs: n,
        gold_clusters: gc.len(),
        pred_clusters: pc.len(),
        bcubed: Prf { p: pct(bp), r: pct(br), f1: pct(bf) },
        pairwise: Prf { p: pct(pwp), r: pct(pwr), f1: pct(pwf) },
        ari: pct(ari),
    })
}

/// What `stories.py GOLD REPORT` prints.
pub fn render(s: &Scores) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "docs {}  gold clusters {}  predicted {}", s.docs, s.gold_clusters, s.pred_clusters);
    for (k, v) in [("bcubed", s.bcubed), ("pairwise", s.pairwise)] {
        let _ = writeln!(o, "{k:9} P {:6.2}  R {:6.2}  F1 {:6.2}", v.p, v.r, v.f1);
    }
    let _ = writeln!(o, "ARI {:.2}", s.ari);
    o
}

/// Run the official scorer on the same files: `Ok(None)` when it agrees, `Ok(Some(why))` when
/// it could not be run (no python3, no script), an error when it disagrees.
fn check_official(script: &Path, gold: &Path, report: &Path, ours: &str) -> Result<Option<String>> {
    if !script.is_file() {
        return Ok(Some(format!("{} not found", script.display())));
    }
    let out = match std::process::Command::new("python3").arg(script).arg(gold).arg(report).output() {
        Ok(out) => out,
        Err(e) => return Ok(Some(format!("python3 could not be run: {e}"))),
    };
    ensure!(
        out.status.success(),
        "python3 {} {} {} failed ({}): {}",
        script.display(),
        gold.display(),
        report.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs = String::from_utf8_lossy(&out.stdout);
    if theirs != ours {
        bail!(
            "the figures differ from the official scorer's on {}\nxtask:\n{ours}stories.py:\n{theirs}",
            report.display()
        );
    }
    Ok(None)
}

// ---------------------------------------------------------------------------------------------
// The reference baseline.

/// Cosine distance below which the baseline merges two clusters (average link).
pub const BASELINE_THRESHOLD: f64 = 0.8;

/// A small English stop-word list (function words, auxiliaries, pronouns).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most",
    "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
    "ours", "ourselves", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "yourself", "yourselves",
];

/// Lowercase alphanumeric words of two characters or more (scikit-learn's default
/// `token_pattern`, `\b\w\w+\b`, without the underscore), stop words dropped.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_lowercase)
        .filter(|w| STOP_WORDS.binary_search(&w.as_str()).is_err())
}

/// What the baseline reads of an article: its title and body paragraphs.
pub fn title_and_body(a: &Article) -> String {
    let mut s = a.title.clone().unwrap_or_default();
    for p in a.body() {
        s.push('\n');
        s.push_str(&p.text);
    }
    s
}

/// TF-IDF vectors as scikit-learn's `TfidfVectorizer(sublinear_tf=True)` makes them: tf
/// `1 + ln(count)`, smooth idf `ln((1 + n) / (1 + df)) + 1`, L2-normalised. Each vector is
/// `(term id, weight)` sorted by term id.
pub fn tfidf(docs: &[Vec<String>]) -> Vec<Vec<(u32, f64)>> {
    let mut vocab: HashMap<&str, u32> = HashMap::new();
    let counts: Vec<BTreeMap<u32, u32>> = docs
        .iter()
        .map(|words| {
            let mut c = BTreeMap::new();
            for w in words {
                let next = vocab.len() as u32;
                *c.entry(*vocab.entry(w.as_str()).or_insert(next)).or_insert(0) += 1;
            }
            c
        })
        .collect();
    let mut df = vec![0usize; vocab.len()];
    for c in &counts {
        for &t in c.keys() {
            df[t as usize] += 1;
        }
    }
    let n = docs.len() as f64;
    let idf: Vec<f64> = df.iter().map(|&d| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0).collect();
    counts
        .iter()
        .map(|c| {
            let mut v: Vec<(u32, f64)> =
                c.iter().map(|(&t, &k)| (t, (1.0 + f64::from(k).ln()) * idf[t as usize])).collect();
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, x)| *x /= norm);
            }
            v
        })
        .collect()
}

/// Pairwise cosine distances (`1 - cos`, in [0, 2]; an empty vector is at distance 1 from all),
/// as a full `n × n` matrix, row-major. The dot products of each row with the later rows are
/// summed through an inverted index (work: the sum over terms of their document frequency
/// squared, far less than `n²` times the terms per vector on text).
pub fn cosine_distances(vectors: &[Vec<(u32, f64)>]) -> Vec<f64> {
    let n = vectors.len();
    let dims = vectors.iter().flatten().map(|&(t, _)| t as usize + 1).max().unwrap_or(0);
    // Per term, (doc, weight) in doc order.
    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); dims];
    for (j, v) in vectors.iter().enumerate() {
        for &(t, x) in v {
            postings[t as usize].push((j, x));
        }
    }
    let upper: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map_init(
            || vec![0.0f64; n],
            |dot, i| {
                for &(t, x) in &vectors[i] {
                    let list = &postings[t as usize];
                    let later = list.partition_point(|&(j, _)| j <= i);
                    for &(j, w) in &list[later..] {
                        dot[j] += x * w;
                    }
                }
                let row: Vec<f64> = dot[i + 1..].iter().map(|&d| (1.0 - d).clamp(0.0, 2.0)).collect();
                dot[i + 1..].iter_mut().for_each(|d| *d = 0.0);
                row
            },
        )
        .collect();
    let mut d = vec![0.0; n * n];
    for (i, row) in upper.iter().enumerate() {
        for (k, &x) in row.iter().enumerate() {
            let j = i + 1 + k;
            d[i * n + j] = x;
            d[j * n + i] = x;
        }
    }
    d
}

/// Average-link agglomerative clustering of `n` points with distances `dist` (full matrix,
/// row-major; overwritten), cut at `threshold`: clusters are merged while the smallest average
/// distance between two clusters is below it. Returns each point's cluster, numbered in order of
/// first appearance.
///
/// The nearest-neighbour chain algorithm (as in SciPy's `linkage(method='average')`, which
/// scikit-learn calls): O(n²) time and memory. Average linkage is reducible, so its merge heights
/// are monotone and the cut is "every merge below the threshold".
pub fn average_link(dist: &mut [f64], n: usize, threshold: f64) -> Vec<usize> {
    assert_eq!(dist.len(), n * n, "distance matrix of the wrong size");
    let mut size = vec![1usize; n];
    let mut active = vec![true; n];
    let mut merges: Vec<(usize, usize, f64)> = Vec::with_capacity(n.saturating_sub(1));
    let mut chain: Vec<usize> = Vec::new();
    for _ in 1..n {
        if chain.is_empty() {
            chain.push(active.iter().position(|&a| a).expect("two active clusters left"));
        }
        let (a, b) = loop {
            let a = chain[chain.len() - 1];
            let prev = chain.len().checked_sub(2).map(|k| chain[k]);
            // The nearest active cluster; on a tie the previous link of the chain (no cycles),
            // else the lowest index.
            let mut best = prev;
            let mut best_d = prev.map_or(f64::INFINITY, |p| dist[a * n + p]);
            for k in (0..n).filter(|&k| active[k] && k != a) {
                if dist[a * n + k] < best_d {
                    best = Some(k);
                    best_d = dist[a * n + k];
                }
            }
            let b = best.expect("another active cluster");
            if Some(b) == prev {
                chain.truncate(chain.len() - 2);
                break (a, b);
            }
            chain.push(b);
        };
        let (keep, gone) = (a.min(b), a.max(b));
        merges.push((keep, gone, dist[a * n + b]));
        let (sk, sg) = (size[keep] as f64, size[gone] as f64);
        for k in (0..n).filter(|&k| active[k] && k != keep && k != gone) {
            let d = (sk * dist[keep * n + k] + sg * dist[gone * n + k]) / (sk + sg);
            dist[keep * n + k] = d;
            dist[k * n + keep] = d;
        }
        size[keep] += size[gone];
        active[gone] = false;
    }
    // Union of the merges below the threshold (each cluster is kept under one of its points).
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, h) in &merges {
        if h < threshold {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut label: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = root(&mut parent, i);
            let next = label.len();
            *label.entry(r).or_insert(next)
        })
        .collect()
}

/// The baseline's stories: article ids grouped, in order of each group's first article.
pub fn baseline(articles: &[Article], threshold: f64) -> Vec<Vec<String>> {
    let docs: Vec<Vec<String>> = articles.par_iter().map(|a| tokens(&title_and_body(a)).collect()).collect();
    let vectors = tfidf(&docs);
    let mut dist = cosine_distances(&vectors);
    let labels = average_link(&mut dist, articles.len(), threshold);
    let mut groups: Vec<Vec<String>> = Vec::new();
    for (a, &l) in articles.iter().zip(&labels) {
        if l == groups.len() {
            groups.push(Vec::new());
        }
        groups[l].push(a.id.clone());
    }
    groups
}

// ---------------------------------------------------------------------------------------------
// `cargo xtask eval stories`

fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    std::fs::write(path, serde_json::to_string_pretty(value)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `path` with its `.json` extension replaced by `suffix` (`x.json` → `x.scores.json`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    path.with_file_name(format!("{stem}{suffix}"))
}

/// `cargo xtask eval stories`: storyline and the baseline on `data` (`text/*.txt`, `gold.tsv`).
pub fn eval(data: &Path, out: &Path, scorer: &Path) -> Result<()> {
    let gold_path = data.join("gold.tsv");
    let text = data.join("text");
    if !gold_path.is_file() || !text.is_dir() {
        bail!("story data not found: want {} and {} (pass --data DIR)", gold_path.display(), text.display());
    }
    let gold = read_gold(&gold_path)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }

    // storyline, exactly as `storyline analyze --format json --out REPORT DIR/text`.
    let (out_s, text_s) = (out.display().to_string(), text.display().to_string());
    let args = ["storyline", "analyze", "--quiet", "--format", "json", "--out", &out_s, &text_s];
    let started = std::time::Instant::now();
    let code = storyline_cli::run(args, &mut std::io::stdout(), &mut std::io::stderr());
    ensure!(code == storyline_cli::EXIT_OK, "storyline analyze exited with status {code}");
    let secs = started.elapsed().as_secs_f64();
    let stories = read_report(out)?;
    let ours = score(&gold, &stories)?;
    println!("storyline analyze --format json {text_s} ({secs:.2}s) -> {out_s}");
    print!("{}", render(&ours));
    let official = check_official(scorer, &gold_path, out, &render(&ours))?;
    match &official {
        None => println!("same as stories.py"),
        Some(why) => println!("not checked against stories.py: {why}"),
    }

    // The baseline, on the same parsed articles.
    let articles = parse_articles(&text)?;
    let started = std::time::Instant::now();
    let groups = baseline(&articles, BASELINE_THRESHOLD);
    let base_secs = started.elapsed().as_secs_f64();
    let base_path = sibling(out, ".baseline.json");
    let base_report = serde_json::json!({
        "stories": groups.iter().enumerate()
            .map(|(i, g)| serde_json::json!({"id": format!("baseline-{}", i + 1), "articles": g}))
            .collect::<Vec<_>>(),
    });
    write_json(&base_path, &base_report)?;
    let base_stories: Vec<Vec<Option<String>>> =
        groups.iter().map(|g| g.iter().cloned().map(Some).collect()).collect();
    let base = score(&gold, &base_stories)?;
    let base_official = check_official(scorer, &gold_path, &base_path, &render(&base))?;

    let base_name = format!("baseline: tf-idf + average link (cosine < {BASELINE_THRESHOLD})");
    println!(
        "\n{} gold docs, {} gold clusters; {} articles parsed (baseline {base_secs:.2}s, stories in {})",
        ours.docs,
        ours.gold_clusters,
        articles.len(),
        base_path.display()
    );
    println!("| system | clusters | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 | ARI |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, s) in [("storyline", &ours), (base_name.as_str(), &base)] {
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
            s.pred_clusters,
            s.bcubed.p,
            s.bcubed.r,
            s.bcubed.f1,
            s.pairwise.p,
            s.pairwise.r,
            s.pairwise.f1,
            s.ari
        );
    }
    let agreement = |o: &Option<String>| o.clone().unwrap_or_else(|| "same as stories.py".to_string());
    println!("baseline figures: {}", agreement(&base_official));

    let scores_path = sibling(out, ".scores.json");
    let summary = serde_json::json!({
        "data": data.display().to_string(),
        "gold": gold_path.display().to_string(),
        "storyline": {
            "report": out.display().to_string(),
            "scores": ours,
            "official_scorer": agreement(&official),
        },
        "baseline": {
            "method": format!(
                "tf-idf of title + body (lowercase alphanumeric words of 2+ characters, {} stop words; \
                 sublinear tf, smooth idf, L2), cosine distance, average-link agglomerative clustering, \
                 merged while the distance < {BASELINE_THRESHOLD}",
                STOP_WORDS.len()
            ),
            "report": base_path.display().to_string(),
            "scores": base,
            "official_scorer": agreement(&base_official),
        },
    });
    write_json(&scores_path, &summary)?;
    println!("wrote {}", scores_path.display());
    Ok(())
}

/// The articles of the files in `text`, parsed as storyline parses them.
fn parse_articles(text: &PathBuf) -> Result<Vec<Article>> {
    let (inputs, errors) = storyline_parser::input::discover(std::slice::from_ref(text));
    ensure!(errors.is_empty(), "cannot list {}: {}", text.display(), errors[0]);
    let opts = storyline_parser::ParseOptions::default();
    inputs
        .par_iter()
        .flat_map_iter(|i| storyline_parser::input::read_input(i, &opts))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot parse {}", text.display()))
}

#[cfg(test)]
mod tests;
