//! `cargo xtask train-ner` and `cargo xtask eval ner`: training and evaluation of the NER tagger
//! on CoNLL-2003.
//!
//! Training (deterministic for a given seed):
//! 1. word clusters: bisecting spherical k-means over PPMI context vectors (±2 words, random
//!    projection) of all unlabelled text in `conll2003/eng.train` and `polnear/*/text/*.txt`;
//! 2. gazetteers of the training names; the training documents are split into folds and each
//!    fold sees the gazetteer of the other folds only, so that gazetteer features are as
//!    reliable in training as on unseen text;
//! 3. stage 1: averaged structured perceptron over BILOU tags, one model per fold held out
//!    (jackknife) to predict that fold, plus one on all the data;
//! 4. stage 2: the same over base features plus non-local features from the jackknifed stage-1
//!    predictions;
//! 5. quantisation to i16 and the model file.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use storyline_analyzer::ner::Tagger;
use storyline_analyzer::ner::features::{self, Clusters, DocFeatures, Gazetteer, IdMap, Resources};
use storyline_analyzer::ner::model::{ModelData, N_STAGES, ROW};
use storyline_analyzer::ner::tags::{self, NT, TYPES, Transitions, Viterbi};

// ---------------------------------------------------------------------------------------------
// CoNLL data

/// A sentence of a CoNLL file: tokens and their gold NER labels as written.
#[derive(Clone, Debug, Default)]
pub struct Sent {
    pub words: Vec<String>,
    pub labels: Vec<String>,
}

/// A document (the sentences between two `-DOCSTART-` lines).
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub sents: Vec<Sent>,
}

impl Doc {
    fn words(&self) -> Vec<Vec<&str>> {
        self.sents.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect()
    }
}

/// Reads a CoNLL NER file (token first, NER label last).
pub fn read_conll(path: &Path) -> Result<Vec<Doc>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read CoNLL file {}", path.display()))?;
    let mut docs = vec![Doc::default()];
    let mut sent = Sent::default();
    for line in text.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let doc = docs.last_mut().expect("docs is never empty");
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !sent.words.is_empty() {
                doc.sents.push(std::mem::take(&mut sent));
            }
            if cols.first() == Some(&"-DOCSTART-") && !doc.sents.is_empty() {
                docs.push(Doc::default());
            }
            continue;
        }
        sent.words.push(cols[0].to_string());
        sent.labels.push(if cols.len() > 1 { cols[cols.len() - 1].to_string() } else { "O".to_string() });
    }
    if !sent.words.is_empty() {
        docs.last_mut().expect("docs is never empty").sents.push(sent);
    }
    docs.retain(|d| !d.sents.is_empty());
    Ok(docs)
}

/// Entity spans `(first, end, type index)` of IOB1/IOB2 labels (conlleval's chunking).
pub fn label_spans(labels: &[String]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, l) in labels.iter().enumerate() {
        let (prefix, ty) = l.split_once('-').unwrap_or((l.as_str(), ""));
        let continues = matches!(&open, Some((_, t)) if t == ty) && prefix == "I";
        if !continues {
            if let Some((s, t)) = open.take()
                && let Some(x) = tags::type_index(&t)
            {
                spans.push((s, i, x));
            }
            if prefix != "O" && !ty.is_empty() {
                open = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, t)) = open
        && let Some(x) = tags::type_index(&t)
    {
        spans.push((s, labels.len(), x));
    }
    spans
}

// ---------------------------------------------------------------------------------------------
// Scoring (a port of /work/shared/eval/conll_ner.py, itself a port of conlleval.pl)

#[derive(Default)]
struct Counts {
    gold: HashMap<String, usize>,
    pred: HashMap<String, usize>,
    correct: HashMap<String, usize>,
    tokens: usize,
}

fn split_tag(tag: &str) -> (&str, &str) {
    tag.split_once('-').unwrap_or((tag, ""))
}

fn chunk_end(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    if prev == "E" || prev == "S" {
        return true;
    }
    if (prev == "B" || prev == "I") && (tag == "B" || tag == "S" || tag == "O") {
        return true;
    }
    prev != "O" && prev != "." && prev_type != typ
}

fn chunk_start(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    if tag == "B" || tag == "S" {
        return true;
    }
    if (prev == "E" || prev == "S" || prev == "O") && (tag == "E" || tag == "I") {
        return true;
    }
    tag != "O" && tag != "." && prev_type != typ
}

/// Counts chunks over `(gold, pred)` tag pairs; `None` marks a sentence boundary.
fn count(lines: &[Option<(String, String)>]) -> Counts {
    let mut c = Counts::default();
    let mut in_correct = false;
    let (mut last_g, mut last_gt, mut last_p, mut last_pt) = ("O", "", "O", "");
    for line in lines {
        let ((g, gt), (p, pt)) = match line {
            None => (("O", ""), ("O", "")),
            Some((g, p)) => {
                c.tokens += 1;
                (split_tag(g), split_tag(p))
            }
        };
        let g_end = chunk_end(last_g, g, last_gt, gt);
        let p_end = chunk_end(last_p, p, last_pt, pt);
        if in_correct {
            if g_end && p_end && last_gt == last_pt {
                in_correct = false;
                *c.correct.entry(last_gt.to_string()).or_default() += 1;
            } else if g_end != p_end || gt != pt {
                in_correct = false;
            }
        }
        let g_start = chunk_start(last_g, g, last_gt, gt);
        let p_start = chunk_start(last_p, p, last_pt, pt);
        if g_start && p_start && gt == pt {
            in_correct = true;
        }
        if g_start {
            *c.gold.entry(gt.to_string()).or_default() += 1;
        }
        if p_start {
            *c.pred.entry(pt.to_string()).or_default() += 1;
        }
        (last_g, last_gt, last_p, last_pt) = (g, gt, p, pt);
    }
    if in_correct {
        *c.correct.entry(last_gt.to_string()).or_default() += 1;
    }
    c
}

#[derive(Clone, Copy, Debug)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
}

fn round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap_or(x)
}

fn prf(gold: usize, pred: usize, correct: usize) -> Prf {
    let p = if pred > 0 { 100.0 * correct as f64 / pred as f64 } else { 0.0 };
    let r = if gold > 0 { 100.0 * correct as f64 / gold as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { p: round2(p), r: round2(r), f1: round2(f), gold, pred, correct }
}

/// Scores of a prediction, as conll_ner.py computes them.
pub struct Score {
    pub overall: Prf,
    pub types: Vec<(String, Prf)>,
    pub per_org_loc: Prf,
    pub tokens: usize,
}

fn score(lines: &[Option<(String, String)>]) -> Score {
    let c = count(lines);
    let mut types: Vec<String> = c.gold.keys().chain(c.pred.keys()).cloned().collect();
    types.sort();
    types.dedup();
    let get = |m: &HashMap<String, usize>, t: &str| m.get(t).copied().unwrap_or(0);
    let sums = |ts: &[&str]| {
        let s = |m: &HashMap<String, usize>| ts.iter().map(|t| get(m, t)).sum::<usize>();
        (s(&c.gold), s(&c.pred), s(&c.correct))
    };
    let all: Vec<&str> = types.iter().map(String::as_str).collect();
    let (g, p, k) = sums(&all);
    let (g3, p3, k3) = sums(&["PER", "ORG", "LOC"]);
    Score {
        overall: prf(g, p, k),
        types: types
            .iter()
            .map(|t| (t.clone(), prf(get(&c.gold, t), get(&c.pred, t), get(&c.correct, t))))
            .collect(),
        per_org_loc: prf(g3, p3, k3),
        tokens: c.tokens,
    }
}

impl Score {
    /// The report, in conll_ner.py's format.
    pub fn report(&self) -> String {
        let row = |s: &Prf| format!("precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}", s.p, s.r, s.f1);
        let mut out = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, self.overall.gold, self.overall.pred, self.overall.correct
        );
        let _ = writeln!(out, "{}", row(&self.overall));
        for (t, s) in &self.types {
            let _ = writeln!(out, "{t:>17}: {}  {}", row(s), s.pred);
        }
        let _ = writeln!(out, "{:>17}: {}  (MISC ignored)", "PER+ORG+LOC", row(&self.per_org_loc));
        out
    }
}

/// Tags documents and returns `(gold, pred)` lines (`None`: sentence boundary) with the predicted
/// tags in IOB2, and the PRED file text.
fn predict_docs(tagger: &Tagger, docs: &[Doc]) -> (Vec<Option<(String, String)>>, String) {
    let preds: Vec<Vec<Vec<u8>>> = docs.par_iter().map(|d| tagger.tag_document_tags(&d.words())).collect();
    let mut lines = Vec::new();
    let mut file = String::new();
    for (doc, tags_doc) in docs.iter().zip(&preds) {
        file.push_str("-DOCSTART- O O\n\n");
        lines.push(None);
        for (s, t) in doc.sents.iter().zip(tags_doc) {
            let mut pred = vec!["O".to_string(); s.words.len()];
            for (a, b, ty) in tags::tags_to_spans(t) {
                let label = TYPES[ty].label();
                for (k, p) in pred.iter_mut().enumerate().take(b).skip(a) {
                    *p = format!("{}-{label}", if k == a { "B" } else { "I" });
                }
            }
            for ((w, g), p) in s.words.iter().zip(&s.labels).zip(pred) {
                let _ = writeln!(file, "{w} {g} {p}");
                lines.push(Some((g.clone(), p)));
            }
            file.push('\n');
            lines.push(None);
        }
    }
    (lines, file)
}

/// `cargo xtask eval ner`.
pub fn eval(data: &Path, out: &Path) -> Result<()> {
    if !data.exists() {
        bail!("NER evaluation data not found: {} (pass --data FILE)", data.display());
    }
    let docs = read_conll(data)?;
    let tagger = Tagger::builtin().context("loading the builtin NER model")?;
    let start = Instant::now();
    let (lines, file) = predict_docs(tagger, &docs);
    let secs = start.elapsed().as_secs_f64();
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    fs::write(out, file).with_context(|| format!("cannot write {}", out.display()))?;
    let s = score(&lines);
    print!("{}", s.report());
    eprintln!(
        "eval ner: {} ({} docs) tagged in {secs:.2}s; predictions in {}",
        data.display(),
        docs.len(),
        out.display()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Word clusters

/// Splits raw text into CoNLL-like tokens.
fn tokenize_line(line: &str, out: &mut Vec<String>) {
    let line = line.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    for chunk in line.split_whitespace() {
        let chars: Vec<char> = chunk.chars().collect();
        let mut a = 0;
        let mut b = chars.len();
        let mut tail = Vec::new();
        while a < b && !chars[a].is_alphanumeric() {
            out.push(chars[a].to_string());
            a += 1;
        }
        while b > a && !chars[b - 1].is_alphanumeric() {
            // Keep the period of abbreviations such as "U.S." and "Jr.".
            if chars[b - 1] == '.' && chars[a..b - 1].contains(&'.') {
                break;
            }
            tail.push(chars[b - 1].to_string());
            b -= 1;
        }
        if a < b {
            let word: String = chars[a..b].iter().collect();
            if let Some(stem) = word.strip_suffix("'s").filter(|s| !s.is_empty()) {
                out.push(stem.to_string());
                out.push("'s".to_string());
            } else if let Some(stem) = word.strip_suffix("n't").filter(|s| !s.is_empty()) {
                out.push(stem.to_string());
                out.push("n't".to_string());
            } else {
                out.push(word);
            }
        }
        out.extend(tail.into_iter().rev());
    }
}

/// Unlabelled text as token sequences: the CoNLL training sentences and the PolNeAR texts.
fn unlabelled_text(data: &Path, train: &[Doc]) -> Result<Vec<Vec<String>>> {
    let mut seqs: Vec<Vec<String>> =
        train.iter().flat_map(|d| d.sents.iter().map(|s| s.words.clone())).collect();
    let mut files = Vec::new();
    for split in ["train", "dev"] {
        let dir = data.join("polnear").join(split).join("text");
        let Ok(rd) = fs::read_dir(&dir) else {
            eprintln!("train-ner: no PolNeAR text in {} (clusters from CoNLL only)", dir.display());
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    for p in files {
        let text = fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
        for line in text.lines() {
            let mut toks = Vec::new();
            tokenize_line(line, &mut toks);
            if !toks.is_empty() {
                seqs.push(toks);
            }
        }
    }
    Ok(seqs)
}

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

const CLUSTER_MIN_COUNT: u32 = 3;
const CLUSTER_CONTEXTS: usize = 2000;
const CLUSTER_DIM: usize = 128;
const CLUSTER_DEPTH: u32 = 16;

/// Word → (path, depth) by bisecting spherical k-means over projected PPMI context vectors.
fn build_clusters(seqs: &[Vec<String>], seed: u64) -> Vec<(String, u32, u32)> {
    let mut freq: HashMap<&str, u32> = HashMap::new();
    let mut lfreq: HashMap<String, u32> = HashMap::new();
    for s in seqs {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
            *lfreq.entry(w.to_lowercase()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> =
        freq.iter().filter(|(_, c)| **c >= CLUSTER_MIN_COUNT).map(|(w, c)| (*w, *c)).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vid: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, (w, _))| (*w, i)).collect();
    let mut ctx: Vec<(&String, u32)> = lfreq.iter().map(|(w, c)| (w, *c)).collect();
    ctx.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ctx.truncate(CLUSTER_CONTEXTS);
    let cid: HashMap<&str, usize> = ctx.iter().enumerate().map(|(i, (w, _))| (w.as_str(), i)).collect();
    let ndim = 4 * ctx.len();
    let mut co: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut lower_buf = String::new();
    for s in seqs {
        let lc: Vec<Option<usize>> =
            s.iter().map(|w| cid.get(features::lowercase(w, &mut lower_buf)).copied()).collect();
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = vid.get(w.as_str()) else { continue };
            for (slot, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let j = i as isize + d;
                let c = if j < 0 || j as usize >= s.len() { None } else { lc[j as usize] };
                if let Some(c) = c {
                    *co[v].entry((slot * ctx.len() + c) as u32).or_default() += 1.0;
                }
            }
        }
    }
    // PPMI with context-distribution smoothing, then a random ±1 projection.
    let mut col = vec![0f64; ndim];
    let mut total = 0f64;
    for row in &co {
        for (&d, &c) in row {
            col[d as usize] += c as f64;
            total += c as f64;
        }
    }
    let col_s: Vec<f64> = col.iter().map(|&c| c.powf(0.75)).collect();
    let col_s_total: f64 = col_s.iter().sum();
    let proj = |d: u32, j: usize| -> f32 {
        let h = features::hash_bytes(
            &[(d as u64).to_le_bytes(), (j as u64).to_le_bytes(), seed.to_le_bytes()].concat(),
        );
        if h & 1 == 0 { 1.0 } else { -1.0 }
    };
    let projection: Vec<[f32; CLUSTER_DIM]> =
        (0..ndim as u32).map(|d| std::array::from_fn(|j| proj(d, j))).collect();
    let vecs: Vec<[f32; CLUSTER_DIM]> = co
        .par_iter()
        .map(|row| {
            let rs: f64 = row.values().map(|&c| c as f64).sum();
            let mut v = [0f32; CLUSTER_DIM];
            let mut entries: Vec<(&u32, &f32)> = row.iter().collect();
            entries.sort_by_key(|(d, _)| **d);
            for (&d, &c) in entries {
                let pmi = ((c as f64 * col_s_total) / (rs * col_s[d as usize])).ln();
                if pmi > 0.0 {
                    let p = &projection[d as usize];
                    for j in 0..CLUSTER_DIM {
                        v[j] += pmi as f32 * p[j];
                    }
                }
            }
            normalize(&mut v);
            v
        })
        .collect();
    let _ = total;
    let mut paths = vec![(0u32, 0u32); vocab.len()];
    let mut rng = Rng(seed ^ 0xC1u64);
    let all: Vec<usize> = (0..vocab.len()).filter(|&i| vecs[i].iter().any(|&x| x != 0.0)).collect();
    bisect(&vecs, all, 0, 0, &mut paths, &mut rng);
    vocab.iter().enumerate().map(|(i, (w, _))| (w.to_string(), paths[i].0, paths[i].1)).collect()
}

fn normalize(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn bisect(
    vecs: &[[f32; CLUSTER_DIM]],
    items: Vec<usize>,
    path: u32,
    depth: u32,
    out: &mut [(u32, u32)],
    rng: &mut Rng,
) {
    for &i in &items {
        out[i] = (path, depth);
    }
    if depth >= CLUSTER_DEPTH || items.len() < 4 {
        return;
    }
    let first = items[rng.below(items.len())];
    let mut c0 = vecs[first];
    let far = items
        .iter()
        .copied()
        .min_by(|&a, &b| dot(&vecs[a], &c0).total_cmp(&dot(&vecs[b], &c0)))
        .unwrap_or(first);
    let mut c1 = vecs[far];
    let mut side = vec![false; items.len()];
    for _ in 0..10 {
        let mut changed = false;
        for (k, &i) in items.iter().enumerate() {
            let s = dot(&vecs[i], &c1) > dot(&vecs[i], &c0);
            changed |= s != side[k];
            side[k] = s;
        }
        let mut m0 = [0f32; CLUSTER_DIM];
        let mut m1 = [0f32; CLUSTER_DIM];
        for (k, &i) in items.iter().enumerate() {
            let m = if side[k] { &mut m1 } else { &mut m0 };
            for j in 0..CLUSTER_DIM {
                m[j] += vecs[i][j];
            }
        }
        normalize(&mut m0);
        normalize(&mut m1);
        c0 = m0;
        c1 = m1;
        if !changed {
            break;
        }
    }
    let a: Vec<usize> = items.iter().zip(&side).filter(|(_, s)| !**s).map(|(i, _)| *i).collect();
    let b: Vec<usize> = items.iter().zip(&side).filter(|(_, s)| **s).map(|(i, _)| *i).collect();
    if a.is_empty() || b.is_empty() {
        return;
    }
    bisect(vecs, a, path << 1, depth + 1, out, rng);
    bisect(vecs, b, (path << 1) | 1, depth + 1, out, rng);
}

// ---------------------------------------------------------------------------------------------
// Perceptron

/// One training sentence: feature indices per token and gold tags.
struct Example {
    feats: Vec<u32>,
    starts: Vec<u32>,
    gold: Vec<u8>,
}

impl Example {
    fn n(&self) -> usize {
        self.gold.len()
    }
    fn token(&self, k: usize) -> &[u32] {
        &self.feats[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

/// Averaged weights of one stage.
struct Weights {
    w: Vec<f32>,
    trans: Vec<f32>,
    end: Vec<f32>,
}

impl Weights {
    fn emissions(&self, ex: &Example, em: &mut Vec<f32>) {
        em.clear();
        em.resize(ex.n() * NT, 0.0);
        for k in 0..ex.n() {
            let e = &mut em[k * NT..(k + 1) * NT];
            for &f in ex.token(k) {
                let row = &self.w[f as usize * NT..(f as usize + 1) * NT];
                for t in 0..NT {
                    e[t] += row[t];
                }
            }
        }
    }
}

fn emissions_i32(w: &[i32], ex: &Example, em: &mut Vec<i32>) {
    em.clear();
    em.resize(ex.n() * NT, 0);
    for k in 0..ex.n() {
        let e = &mut em[k * NT..(k + 1) * NT];
        for &f in ex.token(k) {
            let row = &w[f as usize * NT..(f as usize + 1) * NT];
            for t in 0..NT {
                e[t] += row[t];
            }
        }
    }
}

/// Trains an averaged structured perceptron over `examples` (indices into `all`).
fn train_perceptron(
    all: &[Example],
    examples: &[usize],
    n_feat: usize,
    epochs: usize,
    seed: u64,
    label: &str,
) -> Weights {
    let tn = (NT + 1) * NT;
    let mut w = vec![0i32; n_feat * NT];
    let mut u = vec![0i64; n_feat * NT];
    let mut tw = vec![0i32; tn + NT];
    let mut tu = vec![0i64; tn + NT];
    let mut order: Vec<usize> = examples.to_vec();
    let mut rng = Rng(seed);
    let mut vit = Viterbi::<i32>::new();
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut c: i64 = 1;
    for epoch in 0..epochs {
        let start = Instant::now();
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &i in &order {
            let ex = &all[i];
            let n = ex.n();
            if n == 0 {
                continue;
            }
            tokens += n;
            emissions_i32(&w, ex, &mut em);
            vit.decode(n, &em, &Transitions::new(&tw[..tn], &tw[tn..]), &mut pred);
            if pred != ex.gold {
                for k in 0..n {
                    let (g, p) = (ex.gold[k] as usize, pred[k] as usize);
                    if g != p {
                        errors += 1;
                        for &f in ex.token(k) {
                            let base = f as usize * NT;
                            w[base + g] += 1;
                            u[base + g] += c;
                            w[base + p] -= 1;
                            u[base + p] -= c;
                        }
                    }
                    let pg = if k == 0 { NT } else { ex.gold[k - 1] as usize };
                    let pp = if k == 0 { NT } else { pred[k - 1] as usize };
                    if (pg, g) != (pp, p) {
                        tw[pg * NT + g] += 1;
                        tu[pg * NT + g] += c;
                        tw[pp * NT + p] -= 1;
                        tu[pp * NT + p] -= c;
                    }
                }
                let (g, p) = (ex.gold[n - 1] as usize, pred[n - 1] as usize);
                if g != p {
                    tw[tn + g] += 1;
                    tu[tn + g] += c;
                    tw[tn + p] -= 1;
                    tu[tn + p] -= c;
                }
            }
            c += 1;
        }
        eprintln!(
            "  [{label}] epoch {}/{epochs}: token errors {:.2}% ({:.1}s)",
            epoch + 1,
            100.0 * errors as f64 / tokens.max(1) as f64,
            start.elapsed().as_secs_f64()
        );
    }
    let cf = c as f64;
    let avg = |w: &[i32], u: &[i64]| -> Vec<f32> {
        w.iter().zip(u).map(|(&w, &u)| (w as f64 - u as f64 / cf) as f32).collect()
    };
    let t = avg(&tw, &tu);
    Weights { w: avg(&w, &u), trans: t[..tn].to_vec(), end: t[tn..].to_vec() }
}

fn predict(wt: &Weights, ex: &Example, vit: &mut Viterbi<f32>, em: &mut Vec<f32>, out: &mut Vec<u8>) {
    wt.emissions(ex, em);
    vit.decode(ex.n(), em, &Transitions::new(&wt.trans, &wt.end), out);
}

// ---------------------------------------------------------------------------------------------
// Training pipeline

/// Options of `cargo xtask train-ner`.
pub struct TrainOpts {
    pub data: PathBuf,
    pub seed: u64,
    pub epochs: usize,
    pub out: PathBuf,
    pub folds: usize,
}

/// Interns feature hashes as dense indices.
#[derive(Default)]
struct Dict {
    map: IdMap<u32>,
    keys: Vec<u64>,
}

impl Dict {
    fn id(&mut self, h: u64) -> u32 {
        let n = self.keys.len() as u32;
        *self.map.entry(h).or_insert_with(|| {
            self.keys.push(h);
            n
        })
    }
}

/// Gold BILOU tags of a sentence.
fn gold_tags(s: &Sent) -> Vec<u8> {
    tags::spans_to_tags(s.words.len(), &label_spans(&s.labels))
}

fn gazetteer_of<'a>(docs: impl Iterator<Item = &'a Doc>) -> Gazetteer {
    let mut g = Gazetteer::default();
    for d in docs {
        for s in &d.sents {
            for (a, b, ty) in label_spans(&s.labels) {
                let toks: Vec<&str> = s.words[a..b].iter().map(String::as_str).collect();
                g.add(&toks, ty);
            }
        }
    }
    g
}

/// `cargo xtask train-ner`.
pub fn train(opts: &TrainOpts) -> Result<()> {
    let t0 = Instant::now();
    let train_path = opts.data.join("conll2003/eng.train");
    if !train_path.exists() {
        bail!("NER training data not found: {} (pass --data DIR)", train_path.display());
    }
    let docs = read_conll(&train_path)?;
    let n_tok: usize = docs.iter().flat_map(|d| &d.sents).map(|s| s.words.len()).sum();
    eprintln!("train-ner: {} documents, {n_tok} tokens from {}", docs.len(), train_path.display());

    // 1. Word clusters.
    let seqs = unlabelled_text(&opts.data, &docs)?;
    let n_unl: usize = seqs.iter().map(Vec::len).sum();
    let clusters = build_clusters(&seqs, opts.seed);
    drop(seqs);
    let mut cl = Clusters::default();
    for (w, p, d) in &clusters {
        cl.insert(w, *p, *d);
    }
    eprintln!(
        "train-ner: {} word clusters from {n_unl} unlabelled tokens ({:.1}s)",
        clusters.len(),
        t0.elapsed().as_secs_f64()
    );

    // 2. Folds and jackknifed gazetteers; base features.
    let k = opts.folds.max(2);
    let mut doc_ids: Vec<usize> = (0..docs.len()).collect();
    Rng(opts.seed ^ 0xF01D).shuffle(&mut doc_ids);
    let mut fold_of = vec![0usize; docs.len()];
    for (r, &d) in doc_ids.iter().enumerate() {
        fold_of[d] = r % k;
    }
    let fold_res: Vec<Resources> = (0..k)
        .map(|f| Resources {
            gaz: gazetteer_of(docs.iter().enumerate().filter(|(i, _)| fold_of[*i] != f).map(|(_, d)| d)),
            clusters: cl.clone(),
        })
        .collect();
    let full_gaz = gazetteer_of(docs.iter());
    let doc_feats: Vec<DocFeatures> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| features::extract(&fold_res[fold_of[i]], &d.words()))
        .collect();
    drop(fold_res);
    let mut dict = Dict::default();
    let mut examples: Vec<Example> = Vec::new();
    let mut ex_doc: Vec<usize> = Vec::new();
    for (di, (d, df)) in docs.iter().zip(&doc_feats).enumerate() {
        for (si, s) in d.sents.iter().enumerate() {
            let (a, b) = (df.sent_start[si], df.sent_start[si + 1]);
            let mut ex = Example { feats: Vec::new(), starts: vec![0], gold: gold_tags(s) };
            for t in a..b {
                for &h in df.token(t) {
                    ex.feats.push(dict.id(h));
                }
                ex.starts.push(ex.feats.len() as u32);
            }
            examples.push(ex);
            ex_doc.push(di);
        }
    }
    let n_feat1 = dict.keys.len();
    eprintln!(
        "train-ner: {} sentences, {n_feat1} base features ({:.1}s)",
        examples.len(),
        t0.elapsed().as_secs_f64()
    );

    // 3. Stage 1: jackknife predictions and the full model.
    let jobs: Vec<Option<usize>> = (0..k).map(Some).chain([None]).collect();
    let models: Vec<(Option<usize>, Weights)> = jobs
        .par_iter()
        .map(|&fold| {
            let idx: Vec<usize> =
                (0..examples.len()).filter(|&i| fold.is_none_or(|f| fold_of[ex_doc[i]] != f)).collect();
            let label = fold.map_or("stage1 all".to_string(), |f| format!("stage1 fold {f}"));
            (
                fold,
                train_perceptron(
                    &examples,
                    &idx,
                    n_feat1,
                    opts.epochs,
                    opts.seed.wrapping_add(fold.map_or(99, |f| f as u64)),
                    &label,
                ),
            )
        })
        .collect();
    let mut stage1_tags: Vec<Vec<u8>> = vec![Vec::new(); examples.len()];
    {
        let mut vit = Viterbi::<f32>::new();
        let mut em = Vec::new();
        for (fold, wt) in &models {
            let Some(f) = fold else { continue };
            for (i, ex) in examples.iter().enumerate() {
                if fold_of[ex_doc[i]] == *f {
                    predict(wt, ex, &mut vit, &mut em, &mut stage1_tags[i]);
                }
            }
        }
    }
    let stage1 = models.into_iter().find(|(f, _)| f.is_none()).map(|(_, w)| w).context("stage-1 model")?;
    let mut correct = 0usize;
    for (ex, p) in examples.iter().zip(&stage1_tags) {
        correct += ex.gold.iter().zip(p).filter(|(a, b)| a == b).count();
    }
    eprintln!(
        "train-ner: stage 1 done, jackknife token accuracy {:.2}% ({:.1}s)",
        100.0 * correct as f64 / n_tok.max(1) as f64,
        t0.elapsed().as_secs_f64()
    );

    // 4. Stage 2 over base + non-local features.
    let mut ex2: Vec<Example> = Vec::with_capacity(examples.len());
    {
        let mut first = 0usize;
        let mut f2 = Vec::new();
        let mut s2 = Vec::new();
        for (di, df) in doc_feats.iter().enumerate() {
            let n_sent = docs[di].sents.len();
            let doc_tags: Vec<u8> = stage1_tags[first..first + n_sent].concat();
            features::stage2_features(df, &doc_tags, &mut f2, &mut s2);
            let mut tok = 0usize;
            for ex in &examples[first..first + n_sent] {
                let mut e = Example { feats: Vec::new(), starts: vec![0], gold: ex.gold.clone() };
                for kk in 0..ex.n() {
                    e.feats.extend_from_slice(ex.token(kk));
                    for &h in &f2[s2[tok] as usize..s2[tok + 1] as usize] {
                        e.feats.push(dict.id(h));
                    }
                    tok += 1;
                    e.starts.push(e.feats.len() as u32);
                }
                ex2.push(e);
            }
            first += n_sent;
        }
    }
    drop(examples);
    let n_feat = dict.keys.len();
    let all_idx: Vec<usize> = (0..ex2.len()).collect();
    let stage2 =
        train_perceptron(&ex2, &all_idx, n_feat, opts.epochs, opts.seed.wrapping_add(1000), "stage2");
    drop(ex2);

    // 5. Quantise and write.
    let stages = [&stage1, &stage2];
    let scales: Vec<f32> = stages
        .iter()
        .map(|s| {
            let m = s.w.iter().fold(0f32, |m, &x| m.max(x.abs()));
            if m > 0.0 { 32000.0 / m } else { 1.0 }
        })
        .collect();
    let mut feats = Vec::new();
    for (f, &key) in dict.keys.iter().enumerate() {
        let mut row = [0i16; ROW];
        for (s, st) in stages.iter().enumerate() {
            if f * NT >= st.w.len() {
                continue;
            }
            for t in 0..NT {
                row[s * NT + t] = (st.w[f * NT + t] * scales[s]).round().clamp(-32767.0, 32767.0) as i16;
            }
        }
        if row.iter().any(|&x| x != 0) {
            feats.push((key, row));
        }
    }
    let q = |v: &[f32], s: f32| -> Vec<i32> { v.iter().map(|&x| (x * s).round() as i32).collect() };
    let model = ModelData {
        feature_version: features::feature_version(),
        meta: format!(
            "trained by cargo xtask train-ner: seed {}, epochs {}, folds {k}, {} sentences, {} features kept of {n_feat}, {} clusters",
            opts.seed,
            opts.epochs,
            doc_feats.iter().map(|d| d.sent_start.len() - 1).sum::<usize>(),
            feats.len(),
            clusters.len()
        ),
        trans: std::array::from_fn(|s| q(&stages[s].trans, scales[s])),
        end: std::array::from_fn(|s| q(&stages[s].end, scales[s])),
        gaz: full_gaz.map.iter().map(|(&k, &v)| (k, v)).collect(),
        clusters: cl.map.iter().map(|(&k, &v)| (k, v)).collect(),
        feats,
    };
    let _ = N_STAGES;
    let bytes = model.to_bytes();
    if let Some(dir) = opts.out.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&opts.out, &bytes).with_context(|| format!("cannot write {}", opts.out.display()))?;
    eprintln!(
        "train-ner: wrote {} ({:.2} MB, {} features) in {:.1}s total",
        opts.out.display(),
        bytes.len() as f64 / 1e6,
        model.feats.len(),
        t0.elapsed().as_secs_f64()
    );

    // Dev score of the written model.
    let dev = opts.data.join("conll2003/eng.testa");
    if dev.exists() {
        let tagger = Tagger::from_bytes(&bytes)?;
        let dev_docs = read_conll(&dev)?;
        let (lines, _) = predict_docs(&tagger, &dev_docs);
        let s = score(&lines);
        eprintln!("train-ner: dev ({}) overall F1 {:.2}", dev.display(), s.overall.f1);
        eprint!("{}", s.report());
    }
    Ok(())
}
