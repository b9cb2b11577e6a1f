//! Word clusters: bisecting spherical k-means over PPMI context vectors (±2 words, random
//! projection) of unlabelled text.

use super::*;

/// Splits raw text into CoNLL-like tokens.
pub(super) fn tokenize_line(line: &str, out: &mut Vec<String>) {
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
pub(super) fn unlabelled_text(data: &Path, train: &[Doc]) -> Result<Vec<Vec<String>>> {
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
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub(super) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

pub(super) const CLUSTER_MIN_COUNT: u32 = 3;

pub(super) const CLUSTER_CONTEXTS: usize = 2000;

pub(super) const CLUSTER_DIM: usize = 128;

pub(super) const CLUSTER_DEPTH: u32 = 16;

/// Word → (path, depth) by bisecting spherical k-means over projected PPMI context vectors.
pub(super) fn build_clusters(seqs: &[Vec<String>], seed: u64) -> Vec<(String, u32, u32)> {
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

pub(super) fn normalize(v: &mut [f32]) {
    let n: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

pub(super) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

pub(super) fn bisect(
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
