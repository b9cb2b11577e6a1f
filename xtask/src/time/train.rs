//! `cargo xtask train-timefilter`: the learned keep/drop filter of the time expressions
//! (`storyline_analyzer::time`'s `filter`), trained on the tuning half of TimeBank only
//! ([`part_of`]): each expression the rules find is a positive example when its value is the
//! gold one of a gold expression it overlaps (what value F1 counts), a negative one otherwise.
//! A logistic regression, its L2 weight and decision threshold chosen by a 5-fold
//! cross-validation by document within the tuning half; written to
//! `crates/analyzer/models/timefilter.txt`. Deterministic: the same data give the same file
//! byte for byte.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::{Part, Span3, load_corpus, match_spans, parse_dct, part_of};

/// Folds of the cross-validation (tuning-half documents by position modulo this).
const FOLDS: usize = 5;
/// Features seen fewer times than this in the training data get no weight.
const MIN_COUNT: usize = 2;
/// Gradient-descent passes.
const EPOCHS: usize = 3000;
/// Step size of the gradient descent (on the mean loss).
const RATE: f64 = 1.0;
/// L2 weights tried (on the summed loss).
const L2: [f64; 6] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0];

/// One expression found in a tuning-half document.
struct Example {
    /// Position of its document among the tuning half's.
    doc: usize,
    features: Vec<String>,
    /// Overlaps a gold expression (relaxed match).
    relaxed: bool,
    /// … and has its value.
    value: bool,
}

/// The examples of the tuning half and its gold count.
fn examples(data: &Path) -> Result<(Vec<Example>, usize)> {
    let docs = load_corpus(data)?;
    let tuned: Vec<_> =
        docs.iter().enumerate().filter(|(i, _)| part_of(*i) == Part::Tune).map(|(_, d)| d).collect();
    let gold: usize = tuned.iter().map(|d| d.gold.len()).sum();
    let per_doc: Vec<Vec<Example>> = tuned
        .par_iter()
        .enumerate()
        .map(|(k, d)| {
            let found = storyline_analyzer::time::extract_for_training(&d.text, parse_dct(&d.dct));
            let mut map = vec![0usize; d.text.len() + 1];
            let mut n = 0;
            for (i, _) in d.text.char_indices() {
                map[i] = n;
                n += 1;
            }
            map[d.text.len()] = n;
            let pred: Vec<Span3> = found
                .iter()
                .map(|(t, _)| Span3 {
                    start: map[t.start],
                    end: map[t.end],
                    kind: t.kind.label().to_string(),
                    value: t.value.clone(),
                })
                .collect();
            let (_, relaxed) = match_spans(&d.gold, &pred);
            let mut gold_of = vec![None; pred.len()];
            for (g, p) in relaxed {
                gold_of[p] = Some(g);
            }
            found
                .into_iter()
                .enumerate()
                .map(|(p, (_, features))| Example {
                    doc: k,
                    features,
                    relaxed: gold_of[p].is_some(),
                    value: gold_of[p].is_some_and(|g| d.gold[g].value == pred[p].value),
                })
                .collect()
        })
        .collect();
    Ok((per_doc.into_iter().flatten().collect(), gold))
}

/// A trained model: weight by feature name.
struct Model {
    weights: BTreeMap<String, f64>,
}

impl Model {
    fn score(&self, x: &Example) -> f64 {
        x.features.iter().filter_map(|f| self.weights.get(f)).sum()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// What a positive example is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    /// It overlaps a gold expression.
    Relaxed,
    /// It overlaps a gold expression and has its value.
    Value,
}

/// Logistic regression by full-batch gradient descent on `train`.
fn fit(train: &[&Example], label: Label, l2: f64) -> Model {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for x in train {
        for f in &x.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let vocab: BTreeMap<&str, usize> =
        counts.into_iter().filter(|&(_, c)| c >= MIN_COUNT).enumerate().map(|(i, (f, _))| (f, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = train
        .iter()
        .map(|x| {
            let mut ix: Vec<usize> =
                x.features.iter().filter_map(|f| vocab.get(f.as_str()).copied()).collect();
            ix.sort_unstable();
            ix.dedup();
            let y = if label == Label::Relaxed { x.relaxed } else { x.value };
            (ix, if y { 1.0 } else { 0.0 })
        })
        .collect();
    let bias = vocab.get("bias=|").copied();
    let n = rows.len().max(1) as f64;
    let mut w = vec![0.0f64; vocab.len()];
    let mut grad = vec![0.0f64; vocab.len()];
    for _ in 0..EPOCHS {
        grad.iter_mut().for_each(|g| *g = 0.0);
        for (ix, y) in &rows {
            let z: f64 = ix.iter().map(|&i| w[i]).sum();
            let e = sigmoid(z) - y;
            for &i in ix {
                grad[i] += e;
            }
        }
        for (i, (wi, gi)) in w.iter_mut().zip(&grad).enumerate() {
            let reg = if Some(i) == bias { 0.0 } else { l2 * *wi };
            *wi -= RATE * (gi + reg) / n;
        }
    }
    Model { weights: vocab.into_iter().map(|(f, i)| (f.to_string(), w[i])).collect() }
}

/// Value F1 and relaxed F1 (percent) of keeping the examples whose score is `threshold` or
/// above.
fn figures(xs: &[Example], scores: &[f64], gold: usize, threshold: f64) -> (f64, f64) {
    let (mut kept, mut rel, mut val) = (0usize, 0usize, 0usize);
    for (x, &s) in xs.iter().zip(scores) {
        if s >= threshold {
            kept += 1;
            rel += usize::from(x.relaxed);
            val += usize::from(x.value);
        }
    }
    let d = (gold + kept) as f64;
    (200.0 * val as f64 / d, 200.0 * rel as f64 / d)
}

/// The threshold between two held-out scores that gives the best value F1 (the lowest of
/// equals), and its figures.
fn best_threshold(xs: &[Example], scores: &[f64], gold: usize) -> (f64, f64, f64) {
    let mut sorted: Vec<f64> = scores.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut best = (f64::NEG_INFINITY, 0.0, 0.0);
    let (v, r) = figures(xs, scores, gold, f64::NEG_INFINITY);
    best.1 = v;
    best.2 = r;
    for pair in sorted.windows(2) {
        if pair[0] == pair[1] {
            continue;
        }
        let t = (pair[0] + pair[1]) / 2.0;
        let (v, r) = figures(xs, scores, gold, t);
        if v > best.1 + 1e-9 {
            best = (t, v, r);
        }
    }
    best
}

/// `cargo xtask train-timefilter`.
pub fn run(data: &Path, out: &Path) -> Result<()> {
    let (xs, gold) = examples(data)?;
    let n_val = xs.iter().filter(|x| x.value).count();
    let n_rel = xs.iter().filter(|x| x.relaxed).count();
    eprintln!(
        "tuning half: {} expressions found ({n_rel} overlap gold, {n_val} with its value), {gold} gold",
        xs.len()
    );
    let (v0, r0) = figures(&xs, &vec![0.0; xs.len()], gold, f64::NEG_INFINITY);
    eprintln!("kept all: value F1 {v0:.2} relaxed {r0:.2}");
    let mut report = String::new();
    // (value F1, label, l2, threshold, relaxed)
    let mut best: Option<(f64, Label, f64, f64, f64)> = None;
    for (label, l2) in [Label::Value, Label::Relaxed].into_iter().flat_map(|a| L2.map(|l| (a, l))) {
        let mut scores = vec![0.0; xs.len()];
        let per_fold: Vec<Vec<(usize, f64)>> = (0..FOLDS)
            .into_par_iter()
            .map(|fold| {
                let train: Vec<&Example> = xs.iter().filter(|x| x.doc % FOLDS != fold).collect();
                let m = fit(&train, label, l2);
                xs.iter()
                    .enumerate()
                    .filter(|(_, x)| x.doc % FOLDS == fold)
                    .map(|(i, x)| (i, m.score(x)))
                    .collect()
            })
            .collect();
        for (i, s) in per_fold.into_iter().flatten() {
            scores[i] = s;
        }
        let (t, v, r) = best_threshold(&xs, &scores, gold);
        let dropped = scores.iter().filter(|&&s| s < t).count();
        let line = format!(
            "label {label:?}, l2 {l2}: cross-validated value F1 {v:.2} relaxed {r:.2} at threshold {t:.4} ({dropped} dropped)"
        );
        eprintln!("{line}");
        let _ = writeln!(report, "# {line}");
        if best.is_none_or(|b| v > b.0 + 1e-9) {
            best = Some((v, label, l2, t, r));
        }
    }
    let (v, label, l2, t, r) = best.context("no L2 weight tried")?;
    let all: Vec<&Example> = xs.iter().collect();
    let m = fit(&all, label, l2);
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# The keep/drop filter of time expressions: `cargo xtask train-timefilter` (do not edit)."
    );
    let _ = writeln!(
        text,
        "# Trained on TimeBank's tuning half: {} expressions, {n_val} with the gold value; kept all: value F1 {v0:.2}, relaxed {r0:.2}.",
        xs.len()
    );
    text += &report;
    let _ =
        writeln!(text, "# chosen: label {label:?}, l2 {l2}, cross-validated value F1 {v:.2} relaxed {r:.2}");
    let _ = writeln!(text, "threshold\t{t:.4}");
    for (f, w) in &m.weights {
        if w.abs() >= 0.005 {
            let _ = writeln!(text, "{f}\t{w:.4}");
        }
    }
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    fs::write(out, text).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}
