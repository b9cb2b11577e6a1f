//! Scoring: chunk precision, recall and F1 by type (a port of
//! /work/shared/eval/conll_ner.py, itself a port of conlleval.pl).

use super::*;

#[derive(Default)]
pub(super) struct Counts {
    pub(super) gold: HashMap<String, usize>,
    pub(super) pred: HashMap<String, usize>,
    pub(super) correct: HashMap<String, usize>,
    pub(super) tokens: usize,
}

pub(super) fn split_tag(tag: &str) -> (&str, &str) {
    tag.split_once('-').unwrap_or((tag, ""))
}

pub(super) fn chunk_end(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    if prev == "E" || prev == "S" {
        return true;
    }
    if (prev == "B" || prev == "I") && (tag == "B" || tag == "S" || tag == "O") {
        return true;
    }
    prev != "O" && prev != "." && prev_type != typ
}

pub(super) fn chunk_start(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    if tag == "B" || tag == "S" {
        return true;
    }
    if (prev == "E" || prev == "S" || prev == "O") && (tag == "E" || tag == "I") {
        return true;
    }
    tag != "O" && tag != "." && prev_type != typ
}

/// Counts chunks over `(gold, pred)` tag pairs; `None` marks a sentence boundary.
pub(super) fn count(lines: &[Option<(String, String)>]) -> Counts {
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

pub(super) fn round2(x: f64) -> f64 {
    format!("{x:.2}").parse().unwrap_or(x)
}

pub(super) fn prf(gold: usize, pred: usize, correct: usize) -> Prf {
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

pub(super) fn score(lines: &[Option<(String, String)>]) -> Score {
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
