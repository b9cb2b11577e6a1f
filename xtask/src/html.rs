//! `cargo xtask eval html`: main-text extraction from HTML pages, scored as the shared
//! `article_body.py` scores it (word 4-gram shingles per page; precision and recall are means
//! over pages, F1 their harmonic mean; accuracy the share of pages whose words are exactly
//! right), on the whole set and on its two halves: the pages at even places in id order (the
//! tuning half) and at odd places (the checking half, which a fix for some site must help too).
//! `cargo xtask bench` has the speed row ([`bench_html`]).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use storyline_model::{Article, ParagraphRole};
use storyline_parser::input::{Format, Input};
use storyline_parser::{PageInfo, ParseOptions};

/// A page of the set: its id (file name without `.html.gz`) and its HTML bytes.
struct Page {
    id: String,
    bytes: Vec<u8>,
}

/// The pages under `dir` (`*.html`, `*.html.gz`), in id order, decompressed.
fn read_pages(dir: &Path) -> Result<Vec<Page>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            n.ends_with(".html") || n.ends_with(".html.gz") || n.ends_with(".htm")
        })
        .collect();
    paths.sort();
    let opts = ParseOptions::default();
    let mut pages = Vec::with_capacity(paths.len());
    for path in paths {
        let input = Input { path: path.clone(), format: Format::Html };
        let raw = storyline_parser::input::read_checked(&input, &opts)?;
        let bytes = storyline_parser::input::gunzip_if(&input, &raw, &opts)?.into_owned();
        pages.push(Page { id: input.stem(), bytes });
    }
    Ok(pages)
}

/// The article's body as the benchmark counts it: the body paragraphs, a blank line between.
pub fn article_body(a: &Article) -> String {
    let body: Vec<&str> = a.paragraphs_with(ParagraphRole::Body).map(|p| a.slice(p.span())).collect();
    body.join("\n\n")
}

fn extract(page: &Page, opts: &ParseOptions) -> Result<Article, storyline_parser::ParseError> {
    storyline_parser::parse_html(&page.bytes, &page.id, &page.id, opts, &PageInfo::default())
}

/// Python's `\w`, as near as the standard library says: letters, digits and `_`.
fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word(c)).filter(|w| !w.is_empty()).collect()
}

/// Word 4-gram shingles counted (a text of fewer than four words is one shingle).
fn shingles<'a>(w: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    let n = 4;
    for i in 0..(w.len().saturating_sub(n) + 1).max(1) {
        let s = &w[i..(i + n).min(w.len())];
        if !s.is_empty() {
            *out.entry(s.to_vec()).or_insert(0) += 1;
        }
    }
    out
}

/// One page's true positives, false positives and false negatives, normalised by their sum.
fn page_score(truth: &str, pred: &str) -> (f64, f64, f64) {
    let (tw, pw) = (words(truth), words(pred));
    let (a, b) = (shingles(&tw), shingles(&pw));
    let mut tp = 0usize;
    let mut fp = 0usize;
    for (k, &nb) in &b {
        let na = a.get(k).copied().unwrap_or(0);
        tp += na.min(nb);
        fp += nb.saturating_sub(na);
    }
    let fn_: usize = a.iter().map(|(k, &na)| na.saturating_sub(b.get(k).copied().unwrap_or(0))).sum();
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 { (0.0, 0.0, 0.0) } else { (tp as f64 / s, fp as f64 / s, fn_ as f64 / s) }
}

fn ratio(x: f64, y: f64, other: f64) -> f64 {
    if y == 0.0 && other == 0.0 {
        1.0
    } else if x == 0.0 && y == 0.0 {
        0.0
    } else {
        x / (x + y)
    }
}

/// The scorer's figures for a set of pages.
#[derive(Debug, Clone, Copy)]
pub struct Score {
    pub pages: usize,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "pages {}  F1 {:.3}  precision {:.3}  recall {:.3}  accuracy {:.3}",
            self.pages, self.f1, self.precision, self.recall, self.accuracy
        )
    }
}

/// Score `(truth, prediction)` pairs exactly as `article_body.py` does.
pub fn score<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Score {
    let (mut ps, mut rs, mut acc, mut pages) = (Vec::new(), Vec::new(), 0usize, 0usize);
    for (t, p) in pairs {
        pages += 1;
        let (tp, fp, fn_) = page_score(t, p);
        if tp + fp > 0.0 {
            ps.push(ratio(tp, fp, fn_));
        }
        if tp + fn_ > 0.0 {
            rs.push(ratio(tp, fn_, fp));
        }
        acc += usize::from(words(t) == words(p));
    }
    let mean = |v: &[f64]| if v.is_empty() { 0.0 } else { v.iter().sum::<f64>() / v.len() as f64 };
    let (precision, recall) = (mean(&ps), mean(&rs));
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let accuracy = if pages == 0 { 0.0 } else { acc as f64 / pages as f64 };
    Score { pages, f1, precision, recall, accuracy }
}

/// `cargo xtask eval html`: extract every page of `data/html`, write `{id: {"articleBody":
/// text}}` to `out`, print the figures for the whole set and both halves, the extraction speed,
/// and the shared scorer's output for the same file (`scorer`, when Python is there), which
/// must agree.
pub fn eval(data: &Path, out: &Path, scorer: &Path) -> Result<()> {
    // (the allocator as the storyline binary sets it up: freed memory kept for reuse)
    storyline_cli::allocator::keep_freed_memory();
    storyline_cli::allocator::no_transparent_huge_pages();
    let truth_path = data.join("ground-truth.json");
    let truth: BTreeMap<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(&truth_path).with_context(|| format!("cannot read {}", truth_path.display()))?,
    )?;
    let pages = read_pages(&data.join("html"))?;
    let opts = ParseOptions::default();
    let bytes: usize = pages.iter().map(|p| p.bytes.len()).sum();
    let start = Instant::now();
    let results: Vec<_> = pages.iter().map(|p| extract(p, &opts)).collect();
    let secs = start.elapsed().as_secs_f64();
    let mut pred = BTreeMap::new();
    for (page, r) in pages.iter().zip(&results) {
        let body = match r {
            Ok(a) => article_body(a),
            Err(e) => {
                eprintln!("{}: {e}", page.id);
                String::new()
            }
        };
        pred.insert(page.id.clone(), serde_json::json!({ "articleBody": body }));
    }
    let missing: Vec<&String> = truth.keys().filter(|k| !pred.contains_key(*k)).collect();
    if let Some(m) = missing.first() {
        bail!("{} page(s) of the ground truth have no HTML file, e.g. {m}", missing.len());
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, serde_json::to_string_pretty(&pred)? + "\n")
        .with_context(|| format!("cannot write {}", out.display()))?;

    let text =
        |v: &serde_json::Value| v.get("articleBody").and_then(|b| b.as_str()).unwrap_or("").to_string();
    let pairs: Vec<(String, String, String)> =
        truth.iter().map(|(k, v)| (k.clone(), text(v), text(&pred[k]))).collect();
    // (the halves by place in id order: even places tune, odd places check)
    let mut sorted: Vec<&(String, String, String)> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let half = |parity: usize| {
        score(
            sorted
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == parity)
                .map(|(_, p)| (p.1.as_str(), p.2.as_str())),
        )
    };
    let whole = score(pairs.iter().map(|p| (p.1.as_str(), p.2.as_str())));
    println!(
        "html extraction on {} ({} pages, {:.1} MB of HTML)",
        data.display(),
        pages.len(),
        bytes as f64 / 1e6
    );
    println!("  whole:            {whole}");
    println!("  tuning (even):    {}", half(0));
    println!("  checking (odd):   {}", half(1));
    println!(
        "  speed: {:.1} MB/s of HTML on one thread ({:.2} s; parse_html: decoding, extraction, metadata, layout, tokens)",
        bytes as f64 / 1e6 / secs,
        secs
    );
    println!("wrote {}", out.display());
    if scorer.exists() {
        let run = std::process::Command::new("python3").arg(scorer).arg(&truth_path).arg(out).output();
        match run {
            Ok(o) if o.status.success() => {
                let line = String::from_utf8_lossy(&o.stdout).trim().to_string();
                println!("shared scorer ({}): {line}", scorer.display());
                if !line.contains(&whole.to_string()) {
                    bail!("the shared scorer's figures differ from ours: {whole}");
                }
                println!("  (the same figures)");
            }
            Ok(o) => eprintln!("the shared scorer failed: {}", String::from_utf8_lossy(&o.stderr)),
            Err(e) => eprintln!("cannot run python3 for the shared scorer: {e}"),
        }
    }
    Ok(())
}

/// HTML extraction speed: MB of HTML per second on one thread, all the pages of `dir` parsed
/// (`parse_html`) again and again for a few seconds. Writes `out_dir/html.json`.
pub fn bench_html(dir: &Path, out_dir: &Path) -> Result<()> {
    if !dir.exists() {
        bail!("HTML benchmark data not found: {}", dir.display());
    }
    storyline_cli::allocator::keep_freed_memory();
    storyline_cli::allocator::no_transparent_huge_pages();
    let pages = read_pages(dir)?;
    let opts = ParseOptions::default();
    let per_pass: usize = pages.iter().map(|p| p.bytes.len()).sum();
    for p in &pages {
        let _ = std::hint::black_box(extract(p, &opts));
    }
    let budget = Duration::from_secs(5);
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed() < budget {
        for p in &pages {
            let _ = std::hint::black_box(extract(std::hint::black_box(p), &opts));
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mbps = (per_pass * passes) as f64 / 1e6 / secs;
    println!(
        "html: {mbps:.1} MB/s of HTML on one thread ({} pages, {:.1} MB a pass, {passes} passes in {secs:.2}s)",
        pages.len(),
        per_pass as f64 / 1e6
    );
    std::fs::create_dir_all(out_dir)?;
    let json = serde_json::json!({
        "component": "html",
        "mb_per_second": (mbps * 10.0).round() / 10.0,
        "pages": pages.len(),
        "bytes_per_pass": per_pass,
        "passes": passes,
        "seconds": secs,
        "threads": 1,
        "data": dir.display().to_string(),
    });
    let out = out_dir.join("html.json");
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!("wrote {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scorer's rules on small cases (the figures match `article_body.py`'s on these).
    #[test]
    fn scores_as_the_shared_scorer() {
        let s = score([("one two three four five", "one two three four five")]);
        assert_eq!((s.f1, s.accuracy), (1.0, 1.0));
        // 2 shingles true, 2 predicted, 1 shared: 1/3 each of tp, fp, fn.
        let s = score([("a b c d e", "a b c d x")]);
        assert!((s.precision - 0.5).abs() < 1e-12 && (s.recall - 0.5).abs() < 1e-12, "{s}");
        // An empty prediction: no precision counted, recall 0.
        let s = score([("a b c d", "")]);
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
        // Short texts are one shingle; punctuation is no word.
        let s = score([("Hi, there!", "hi there")]);
        assert_eq!(s.f1, 0.0);
        let s = score([("Hi, there!", "Hi there")]);
        assert_eq!(s.f1, 1.0);
    }
}
