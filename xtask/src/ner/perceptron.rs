//! The averaged structured perceptron: examples, weights being trained, and training epochs.

use super::*;

/// One training sentence: feature indices per token and gold tags.
pub(super) struct Example {
    pub(super) feats: Vec<u32>,
    pub(super) starts: Vec<u32>,
    pub(super) gold: Vec<u8>,
}

impl Example {
    pub(super) fn n(&self) -> usize {
        self.gold.len()
    }
    pub(super) fn token(&self, k: usize) -> &[u32] {
        &self.feats[self.starts[k] as usize..self.starts[k + 1] as usize]
    }
}

/// Averaged weights of one stage.
pub(super) struct Weights {
    pub(super) w: Vec<f32>,
    pub(super) trans: Vec<f32>,
    pub(super) end: Vec<f32>,
}

impl Weights {
    pub(super) fn emissions(&self, ex: &Example, em: &mut Vec<f32>) {
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

pub(super) fn emissions_i32(w: &[i32], ex: &Example, em: &mut Vec<i32>) {
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
pub(super) fn train_perceptron(
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
        log!(
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

pub(super) fn predict(
    wt: &Weights,
    ex: &Example,
    vit: &mut Viterbi<f32>,
    em: &mut Vec<f32>,
    out: &mut Vec<u8>,
) {
    wt.emissions(ex, em);
    vit.decode(ex.n(), em, &Transitions::new(&wt.trans, &wt.end), out);
}
