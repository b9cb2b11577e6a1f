//! `cargo xtask bench`: speed measurements. Each component gets a `bench_*` function called from
//! [`bench()`]; results are printed and written as JSON under `target/bench/`.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use storyline_analyzer::ner::Tagger;

use crate::ner::read_conll;

/// Runs every benchmark.
pub fn bench(data: &Path, target: &Path) -> Result<()> {
    bench_ner(&data.join("conll2003/eng.testa"), &target.join("bench"))?;
    Ok(())
}

/// NER tagging speed: tokens per second on one core, tagging all of `file` (CoNLL) repeatedly
/// for a few seconds, one document at a time. Writes `out_dir/ner.json`.
pub fn bench_ner(file: &Path, out_dir: &Path) -> Result<()> {
    if !file.exists() {
        bail!("NER benchmark data not found: {}", file.display());
    }
    let docs = read_conll(file)?;
    let docs: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|d| d.sents.iter().map(|s| s.words.iter().map(String::as_str).collect()).collect())
        .collect();
    let per_pass: usize = docs.iter().flatten().map(Vec::len).sum();
    let t_load = Instant::now();
    let tagger = Tagger::builtin().context("loading the builtin NER model")?;
    let load_ms = t_load.elapsed().as_secs_f64() * 1e3;
    // Warm-up pass.
    let mut entities = 0usize;
    for d in &docs {
        entities += tagger.tag_document(d).iter().map(Vec::len).sum::<usize>();
    }
    let budget = Duration::from_secs(4);
    let start = Instant::now();
    let mut passes = 0usize;
    while start.elapsed() < budget {
        for d in &docs {
            std::hint::black_box(tagger.tag_document(std::hint::black_box(d)));
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let tokens = passes * per_pass;
    let tps = tokens as f64 / secs;
    println!(
        "ner: {tps:.0} tokens/s on one thread ({tokens} tokens, {passes} passes over {} in {secs:.2}s; {entities} entities per pass; model load {load_ms:.1} ms, {} features)",
        file.display(),
        tagger.n_features()
    );
    fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let json = serde_json::json!({
        "component": "ner",
        "tokens_per_second": tps.round(),
        "tokens": tokens,
        "passes": passes,
        "seconds": secs,
        "threads": 1,
        "data": file.display().to_string(),
        "model_load_ms": load_ms,
        "model_features": tagger.n_features(),
    });
    let out = out_dir.join("ner.json");
    fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
