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

/// `eprintln!` unless training runs quietly (the folds of the cross-validation).
macro_rules! log {
    ($($arg:tt)*) => {
        if !QUIET.load(std::sync::atomic::Ordering::Relaxed) {
            eprintln!($($arg)*);
        }
    };
}

mod clusters;
mod cv;
mod perceptron;
mod score;

/// Whether training keeps its progress to itself.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clusters::*;
use perceptron::*;
use rayon::prelude::*;
use score::*;
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

/// `cargo xtask eval ner`: the cross-validation figure on the training file (when `cv` gives its
/// training options and folds; see [`cv`]) next to the figure of the committed model on `data`
/// (`eng.testa`, the checked split: nothing is tuned on it).
pub fn eval(data: &Path, out: &Path, cv: Option<(&TrainOpts, usize)>) -> Result<()> {
    if !data.exists() {
        bail!("NER evaluation data not found: {} (pass --data FILE)", data.display());
    }
    let cv_score = match cv {
        Some((opts, k)) => {
            let s = cv::cross_validate(opts, k)?;
            println!(
                "cross-validation on {} ({k} folds by document, pooled):",
                opts.data.join("conll2003/eng.train").display()
            );
            print!("{}", s.report());
            Some(s)
        }
        None => None,
    };
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
    if cv_score.is_some() {
        println!("committed model on {} (checked split):", data.display());
    }
    print!("{}", s.report());
    if let Some(c) = cv_score {
        println!(
            "summary: cv F1 {:.2} (P {:.2} R {:.2}) | {} F1 {:.2} (P {:.2} R {:.2}) | gap {:+.2}",
            c.overall.f1,
            c.overall.p,
            c.overall.r,
            data.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()),
            s.overall.f1,
            s.overall.p,
            s.overall.r,
            s.overall.f1 - c.overall.f1
        );
    }
    eprintln!(
        "eval ner: {} ({} docs) tagged in {secs:.2}s; predictions in {}",
        data.display(),
        docs.len(),
        out.display()
    );
    Ok(())
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
    let bytes = train_model(opts, &docs, t0)?;
    if let Some(dir) = opts.out.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&opts.out, &bytes).with_context(|| format!("cannot write {}", opts.out.display()))?;
    eprintln!(
        "train-ner: wrote {} ({:.2} MB) in {:.1}s total",
        opts.out.display(),
        bytes.len() as f64 / 1e6,
        t0.elapsed().as_secs_f64()
    );
    dev_score(opts, &bytes)
}

/// The model file (bytes) trained on `docs`: word clusters of their text and the unlabelled
/// text, then the two stages (see the module documentation).
pub(super) fn train_model(opts: &TrainOpts, docs: &[Doc], t0: Instant) -> Result<Vec<u8>> {
    let n_tok: usize = docs.iter().flat_map(|d| &d.sents).map(|s| s.words.len()).sum();

    // 1. Word clusters.
    let (cl, n_clusters) = word_clusters(opts, docs, t0)?;

    // 2. Folds and jackknifed gazetteers; base features.
    let k = opts.folds.max(2);
    let fold_of = folds(docs.len(), k, opts.seed);
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
    let (examples, ex_doc) = base_examples(docs, &doc_feats, &mut dict);
    let n_feat1 = dict.keys.len();
    log!(
        "train-ner: {} sentences, {n_feat1} base features ({:.1}s)",
        examples.len(),
        t0.elapsed().as_secs_f64()
    );

    // 3. Stage 1: jackknife predictions and the full model.
    let (stage1, stage1_tags) = jackknife_stage1(&examples, &ex_doc, &fold_of, k, n_feat1, opts)?;
    let mut correct = 0usize;
    for (ex, p) in examples.iter().zip(&stage1_tags) {
        correct += ex.gold.iter().zip(p).filter(|(a, b)| a == b).count();
    }
    log!(
        "train-ner: stage 1 done, jackknife token accuracy {:.2}% ({:.1}s)",
        100.0 * correct as f64 / n_tok.max(1) as f64,
        t0.elapsed().as_secs_f64()
    );

    // 4. Stage 2 over base + non-local features.
    let ex2 = stage2_examples(docs, &doc_feats, &examples, &stage1_tags, &mut dict);
    drop(examples);
    let n_feat = dict.keys.len();
    let all_idx: Vec<usize> = (0..ex2.len()).collect();
    let stage2 =
        train_perceptron(&ex2, &all_idx, n_feat, opts.epochs, opts.seed.wrapping_add(1000), "stage2");
    drop(ex2);

    // 5. Quantise.
    let stages = [&stage1, &stage2];
    let scales: Vec<f32> = stages.iter().map(|s| quantisation_scale(s)).collect();
    let feats = quantised_rows(&dict, &stages, &scales);
    let q = |v: &[f32], s: f32| -> Vec<i32> { v.iter().map(|&x| (x * s).round() as i32).collect() };
    let model = ModelData {
        feature_version: features::feature_version(),
        meta: format!(
            "trained by cargo xtask train-ner: seed {}, epochs {}, folds {k}, {} sentences, {} features kept of {n_feat}, {} clusters",
            opts.seed,
            opts.epochs,
            doc_feats.iter().map(|d| d.sent_start.len() - 1).sum::<usize>(),
            feats.len(),
            n_clusters
        ),
        trans: std::array::from_fn(|s| q(&stages[s].trans, scales[s])),
        end: std::array::from_fn(|s| q(&stages[s].end, scales[s])),
        gaz: full_gaz.map.iter().map(|(&k, &v)| (k, v)).collect(),
        clusters: cl.map.iter().map(|(&k, &v)| (k, v)).collect(),
        feats,
    };
    let _ = N_STAGES;
    Ok(model.to_bytes())
}

/// Stage 1: one model per fold held out, each predicting that fold (the jackknife), and the model
/// on all the data; returns the latter and the jackknifed tags of every example.
fn jackknife_stage1(
    examples: &[Example],
    ex_doc: &[usize],
    fold_of: &[usize],
    k: usize,
    n_feat1: usize,
    opts: &TrainOpts,
) -> Result<(Weights, Vec<Vec<u8>>)> {
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
                    examples,
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
    Ok((stage1, stage1_tags))
}

/// The stage-2 examples: each stage-1 example's base features plus the non-local features of its
/// document from the jackknifed stage-1 tags (added to `dict`).
fn stage2_examples(
    docs: &[Doc],
    doc_feats: &[DocFeatures],
    examples: &[Example],
    stage1_tags: &[Vec<u8>],
    dict: &mut Dict,
) -> Vec<Example> {
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
    ex2
}

/// The weights of both stages by feature, scaled to i16; the features whose weights are all zero
/// are left out.
fn quantised_rows(dict: &Dict, stages: &[&Weights; 2], scales: &[f32]) -> Vec<(u64, [i16; ROW])> {
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
    feats
}

/// One stage-1 example per sentence (its base features, added to `dict`), and the document of
/// each.
fn base_examples(docs: &[Doc], doc_feats: &[DocFeatures], dict: &mut Dict) -> (Vec<Example>, Vec<usize>) {
    let mut examples: Vec<Example> = Vec::new();
    let mut ex_doc: Vec<usize> = Vec::new();
    for (di, (d, df)) in docs.iter().zip(doc_feats).enumerate() {
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
    (examples, ex_doc)
}

/// Prints the dev score (CoNLL-2003 `eng.testa`, when there) of the model written as `bytes`.
fn dev_score(opts: &TrainOpts, bytes: &[u8]) -> Result<()> {
    let dev = opts.data.join("conll2003/eng.testa");
    if dev.exists() {
        let tagger = Tagger::from_bytes(bytes)?;
        let dev_docs = read_conll(&dev)?;
        let (lines, _) = predict_docs(&tagger, &dev_docs);
        let s = score(&lines);
        eprintln!("train-ner: dev ({}) overall F1 {:.2}", dev.display(), s.overall.f1);
        eprint!("{}", s.report());
    }
    Ok(())
}

/// Word clusters of all the unlabelled text, and how many words they hold.
fn word_clusters(opts: &TrainOpts, docs: &[Doc], t0: Instant) -> Result<(Clusters, usize)> {
    let seqs = unlabelled_text(&opts.data, docs)?;
    let n_unl: usize = seqs.iter().map(Vec::len).sum();
    let clusters = build_clusters(&seqs, opts.seed);
    drop(seqs);
    let mut cl = Clusters::default();
    for (w, p, d) in &clusters {
        cl.insert(w, *p, *d);
    }
    log!(
        "train-ner: {} word clusters from {n_unl} unlabelled tokens ({:.1}s)",
        clusters.len(),
        t0.elapsed().as_secs_f64()
    );

    Ok((cl, clusters.len()))
}

/// The fold of each of `n` documents: `k` folds of shuffled documents (deterministic for a seed).
fn folds(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut doc_ids: Vec<usize> = (0..n).collect();
    Rng(seed ^ 0xF01D).shuffle(&mut doc_ids);
    let mut fold_of = vec![0usize; n];
    for (r, &d) in doc_ids.iter().enumerate() {
        fold_of[d] = r % k;
    }
    fold_of
}

/// The factor that brings the largest weight of a stage to 32,000 (to quantise it to i16).
fn quantisation_scale(stage: &Weights) -> f32 {
    let m = stage.w.iter().fold(0f32, |m, &x| m.max(x.abs()));
    if m > 0.0 { 32000.0 / m } else { 1.0 }
}
