//! The corpus benchmark of `cargo xtask bench`: a corpus of the requested size built by
//! repeating the PolNeAR texts (train and dev) and the seeds with distinct ids — as `.txt`
//! files and as one JSONL file — analysed by the release binary with one thread and with all
//! cores (MB/s, articles/s, tokens/s, peak resident memory), plus the in-process cost of each
//! stage on the distinct texts, and the story stage's throughput over the whole corpus
//! (`build_stories` over every article's summary, in process; see `story_stage`).

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories};
use storyline_parser::{ParseOptions, parse_text};

mod story_stage;
use story_stage::bench_story_stage;

/// The distinct source texts: (stem, bytes), sorted.
fn sources(data: &Path, seeds: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for dir in [data.join("polnear/train/text"), data.join("polnear/dev/text"), seeds.to_path_buf()] {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .with_context(|| format!("benchmark texts not found: {}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            out.push((stem, fs::read(&f).with_context(|| format!("cannot read {}", f.display()))?));
        }
    }
    if out.is_empty() {
        bail!("no benchmark texts under {}", data.display());
    }
    Ok(out)
}

struct Corpus {
    txt_dir: PathBuf,
    jsonl: PathBuf,
    bytes: u64,
    articles: usize,
}

/// Write (or reuse) the corpus of at least `size` bytes under `dir`.
fn build_corpus(sources: &[(String, Vec<u8>)], size: u64, dir: &Path) -> Result<Corpus> {
    let txt_dir = dir.join("txt");
    let jsonl = dir.join("corpus.jsonl");
    let marker = dir.join("corpus.json");
    if let Ok(m) = fs::read_to_string(&marker)
        && let Ok(v) = serde_json::from_str::<serde_json::Value>(&m)
        && v["bytes"].as_u64().is_some_and(|b| b >= size)
        && jsonl.exists()
    {
        let articles = v["articles"].as_u64().unwrap_or(0) as usize;
        return Ok(Corpus { txt_dir, jsonl, bytes: v["bytes"].as_u64().unwrap_or(0), articles });
    }
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(&txt_dir)?;
    let mut out = BufWriter::new(fs::File::create(&jsonl)?);
    let (mut bytes, mut n) = (0u64, 0usize);
    'fill: loop {
        for (stem, text) in sources {
            if bytes >= size {
                break 'fill;
            }
            let id = format!("{n:07}-{stem}");
            let sub = txt_dir.join(format!("{:04}", n / 1000));
            if n % 1000 == 0 {
                fs::create_dir_all(&sub)?;
            }
            fs::write(sub.join(format!("{id}.txt")), text)?;
            let record = serde_json::json!({"id": id, "maintext": String::from_utf8_lossy(text)});
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
            bytes += text.len() as u64;
            n += 1;
        }
    }
    out.flush()?;
    fs::write(&marker, serde_json::json!({"bytes": bytes, "articles": n}).to_string())?;
    Ok(Corpus { txt_dir, jsonl, bytes, articles: n })
}

/// Run a command to completion: wall time and peak resident memory (VmHWM, polled).
fn run_measured(cmd: &mut Command) -> Result<(Duration, u64)> {
    let start = Instant::now();
    let mut child =
        cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().context("cannot start storyline")?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0u64;
    loop {
        if let Ok(s) = fs::read_to_string(&status_path)
            && let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kb: u64 = line.split_whitespace().nth(1).and_then(|x| x.parse().ok()).unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait()? {
            let elapsed = start.elapsed();
            if !status.success() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    std::io::Read::read_to_string(&mut e, &mut err)?;
                }
                bail!("storyline failed ({status}): {err}");
            }
            return Ok((elapsed, peak_kb * 1024));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Timed rounds of [`stage_costs`] after its warm-up round.
const STAGE_ROUNDS: usize = 3;

/// In-process cost of each stage on the distinct texts, one thread: one warm-up round (regex
/// compilation, model load, first page faults), then the fastest of [`STAGE_ROUNDS`] rounds per
/// stage (the least disturbed by the rest of the machine).
fn stage_costs(sources: &[(String, Vec<u8>)]) -> Result<(Vec<(&'static str, f64)>, usize)> {
    let analyzer = Analyzer::new()?;
    let (_, tokens) = stage_round(&analyzer, sources)?;
    let mut best: Vec<(&'static str, f64)> = Vec::new();
    for _ in 0..STAGE_ROUNDS {
        let (times, _) = stage_round(&analyzer, sources)?;
        if best.is_empty() {
            best = times;
        } else {
            for ((_, b), (_, t)) in best.iter_mut().zip(times) {
                *b = b.min(t);
            }
        }
    }
    Ok((best, tokens))
}

/// One round of every stage over the distinct texts: seconds per stage, tokens parsed.
fn stage_round(
    analyzer: &Analyzer,
    sources: &[(String, Vec<u8>)],
) -> Result<(Vec<(&'static str, f64)>, usize)> {
    // The story layer builds its stories on the current rayon pool: one thread here, as every
    // other stage.
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let opts = ParseOptions::default();
    let mut times: Vec<(&'static str, f64)> = Vec::new();
    let t = Instant::now();
    let mut articles: Vec<_> =
        sources.iter().filter_map(|(stem, b)| parse_text(b, stem, stem, &opts).ok()).collect();
    times.push(("parse", t.elapsed().as_secs_f64()));
    let tokens: usize = articles.iter().map(|a| a.tokens.len()).sum();
    let t = Instant::now();
    let names: Vec<_> = articles.iter().map(|a| analyzer.names(a)).collect();
    times.push(("ner", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    for (a, n) in articles.iter_mut().zip(&names) {
        a.entities = storyline_analyzer::entities::resolve(a, n);
    }
    times.push(("entities", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    for a in &mut articles {
        a.timexes = analyzer.timexes(a);
    }
    times.push(("time", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    for a in &mut articles {
        analyzer.quotes(a);
    }
    times.push(("quotes", t.elapsed().as_secs_f64()));
    // What `analyze --format jsonl` writes of each article (without its tokens).
    let t = Instant::now();
    let mut json = Vec::new();
    for a in &mut articles {
        a.tokens = Vec::new();
        json.clear();
        storyline_cli::json_line::write_article(&mut json, a);
        std::hint::black_box(&json);
    }
    times.push(("json output", t.elapsed().as_secs_f64()));
    let t = Instant::now();
    let summaries: Vec<ArticleSummary> = articles.iter().map(ArticleSummary::of).collect();
    std::hint::black_box(one_thread.install(|| build_stories(&summaries)));
    times.push(("story (reports only)", t.elapsed().as_secs_f64()));
    Ok((times, tokens))
}

/// `cargo xtask bench --parse-only`: `parse_text` alone over the distinct texts, one thread,
/// `passes` timed passes after a warm-up pass. Prints MB/s and a digest of the parsed articles
/// (their JSON), which must not change when the parser is only made faster.
pub fn bench_parse(data: &Path, workspace: &Path, passes: usize) -> Result<()> {
    use std::hash::{DefaultHasher, Hasher};
    let sources = sources(data, &workspace.join("seeds"))?;
    let bytes: usize = sources.iter().map(|(_, b)| b.len()).sum();
    let opts = ParseOptions::default();
    let (mut digest, mut tokens, mut articles) = (DefaultHasher::new(), 0usize, 0usize);
    for (stem, b) in &sources {
        if let Ok(a) = parse_text(b, stem, stem, &opts) {
            digest.write(&serde_json::to_vec(&a)?);
            tokens += a.tokens.len();
            articles += 1;
        }
    }
    // Each pass timed on its own: the median pass is the figure (a pause of the VM spoils a
    // pass or two, not the result); the fastest and slowest passes are shown beside it.
    let mut times: Vec<f64> = (0..passes.max(1))
        .map(|_| {
            let start = Instant::now();
            parse_pass(&sources, &opts);
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let mb_s = |secs: f64| bytes as f64 / 1e6 / secs.max(1e-9);
    let (median, fastest, slowest) = (times[times.len() / 2], times[0], times[times.len() - 1]);
    println!(
        "parse: {:.1} MB/s on one thread, median of {} passes over {} texts, {:.2} MB (fastest {:.1}, slowest {:.1} MB/s; {:.2}s in all; {articles} articles, {tokens} tokens per pass; digest {:016x})",
        mb_s(median),
        times.len(),
        sources.len(),
        bytes as f64 / 1e6,
        mb_s(fastest),
        mb_s(slowest),
        times.iter().sum::<f64>(),
        digest.finish()
    );
    Ok(())
}

/// One timed pass of [`bench_parse`] (a function of its own, for `valgrind --tool=callgrind
/// --collect-atstart=no --toggle-collect='*parse_pass*'`).
#[inline(never)]
fn parse_pass(sources: &[(String, Vec<u8>)], opts: &ParseOptions) {
    for (stem, b) in sources {
        std::hint::black_box(parse_text(std::hint::black_box(b), stem, stem, opts).ok());
    }
}

/// The inputs of the corpus runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    Txt,
    Jsonl,
}

/// `cargo xtask bench` corpus section: `n_runs` runs over each of `inputs` with each of `threads`
/// (0: all cores), taken in turns (so that a slow spell of the machine hits every configuration
/// alike); each configuration is reported by its median run.
pub fn bench_corpus(
    data: &Path,
    workspace: &Path,
    size_mb: u64,
    inputs: &[InputKind],
    threads: &[usize],
    n_runs: usize,
    story_stage: bool,
) -> Result<()> {
    let target = workspace.join("target");
    let sources = sources(data, &workspace.join("seeds"))?;
    let distinct_bytes: usize = sources.iter().map(|(_, b)| b.len()).sum();
    println!(
        "corpus: {} distinct texts ({:.1} MB); building {size_mb} MB …",
        sources.len(),
        distinct_bytes as f64 / 1e6
    );
    let corpus =
        build_corpus(&sources, size_mb * 1_000_000, &target.join(format!("bench/corpus-{size_mb}MB")))?;

    let (stages, distinct_tokens) = stage_costs(&sources)?;
    let tokens_per_byte = distinct_tokens as f64 / distinct_bytes as f64;

    let binary = build_release_binary(workspace, &target)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cpu = cpu_model();

    let mut configs = corpus_configs(&corpus, inputs, threads, cores);
    run_configs_in_turns(&binary, &mut configs, n_runs)?;
    let by_round = seconds_by_round(&configs);
    let runs = median_runs(&corpus, configs, tokens_per_byte);
    let mut table = runs_table(&corpus, &runs, n_runs, cores, &cpu)?;
    let speedup_json = write_speedups(&by_round, cores, &mut table)?;
    write_stage_table(&stages, distinct_bytes, distinct_tokens, &mut table)?;
    print!("{table}");
    let story = if story_stage {
        let thread_counts: Vec<usize> = threads.iter().map(|&t| if t == 0 { cores } else { t }).collect();
        story_stage_section(&corpus, &thread_counts, n_runs, &mut table)?
    } else {
        serde_json::Value::Null
    };
    let out = target.join("bench/corpus.json");
    let json = serde_json::json!({
        "corpus_bytes": corpus.bytes, "articles": corpus.articles, "cores": cores, "cpu": cpu, "runs": runs,
        "speedup_all_cores_vs_one": speedup_json,
        "stages": stages.iter().map(|(n, s)| serde_json::json!({"stage": n, "seconds": s, "mb_per_s": distinct_bytes as f64 / 1e6 / s})).collect::<Vec<_>>(),
        "distinct_bytes": distinct_bytes, "distinct_tokens": distinct_tokens,
        "story_stage": story,
    });
    fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    fs::write(target.join("bench/corpus.md"), &table)?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Builds the release `storyline` binary the corpus runs time; returns its path.
fn build_release_binary(workspace: &Path, target: &Path) -> Result<PathBuf> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "-p", "storyline-cli"])
        .current_dir(workspace)
        .status()?;
    anyhow::ensure!(status.success(), "cannot build the release binary");
    Ok(target.join("release/storyline"))
}

/// One configuration of the corpus runs: an input with a thread count, and its runs' (wall
/// time, peak resident bytes) in run order.
struct CorpusConfig {
    label: &'static str,
    input: PathBuf,
    threads: usize,
    times: Vec<(Duration, u64)>,
}

/// The configurations of the corpus runs: each input with each thread count (0: all `cores`).
fn corpus_configs(
    corpus: &Corpus,
    inputs: &[InputKind],
    threads: &[usize],
    cores: usize,
) -> Vec<CorpusConfig> {
    let mut configs = Vec::new();
    for &kind in inputs {
        let (label, input) = match kind {
            InputKind::Txt => ("txt", corpus.txt_dir.clone()),
            InputKind::Jsonl => ("jsonl", corpus.jsonl.clone()),
        };
        for threads in threads.iter().map(|&t| if t == 0 { cores } else { t }) {
            configs.push(CorpusConfig { label, input: input.clone(), threads, times: Vec::new() });
        }
    }
    configs
}

/// Runs `storyline analyze --format jsonl` `n_runs` times per configuration, the configurations
/// taken in turns each round.
fn run_configs_in_turns(binary: &Path, configs: &mut [CorpusConfig], n_runs: usize) -> Result<()> {
    for round in 1..=n_runs {
        for CorpusConfig { label, input, threads, times } in configs.iter_mut() {
            eprintln!("run {round}/{n_runs}: {label}, {threads} thread(s) …");
            times.push(run_measured(
                Command::new(binary)
                    .args(["analyze", "--format", "jsonl", "--quiet", "--out", "/dev/null", "--threads"])
                    .arg(threads.to_string())
                    .arg(&*input),
            )?);
        }
    }
    Ok(())
}

/// Seconds per round, in run order, per (input, threads): for the paired speed-up.
fn seconds_by_round(configs: &[CorpusConfig]) -> Vec<(&'static str, usize, Vec<f64>)> {
    configs
        .iter()
        .map(|c| (c.label, c.threads, c.times.iter().map(|(t, _)| t.as_secs_f64()).collect()))
        .collect()
}

/// The JSON of each configuration's median run (with the peak memory over its runs).
fn median_runs(corpus: &Corpus, configs: Vec<CorpusConfig>, tokens_per_byte: f64) -> Vec<serde_json::Value> {
    let mut runs = Vec::new();
    for CorpusConfig { label, threads, mut times, .. } in configs {
        times.sort();
        let secs = times[times.len() / 2].0.as_secs_f64();
        let peak = times.iter().map(|&(_, p)| p).max().unwrap_or(0);
        let mb_s = corpus.bytes as f64 / 1e6 / secs;
        runs.push(serde_json::json!({
            "input": label, "threads": threads, "seconds": secs, "mb_per_s": mb_s,
            "articles_per_s": corpus.articles as f64 / secs,
            "tokens_per_s": corpus.bytes as f64 * tokens_per_byte / secs,
            "peak_rss_mb": peak as f64 / 1e6,
            "all_seconds": times.iter().map(|(t, _)| t.as_secs_f64()).collect::<Vec<_>>(),
        }));
    }
    runs
}

/// The Markdown table of the median runs, with its heading.
fn runs_table(
    corpus: &Corpus,
    runs: &[serde_json::Value],
    n_runs: usize,
    cores: usize,
    cpu: &str,
) -> Result<String> {
    let mut table = String::new();
    writeln!(
        table,
        "\nstoryline analyze --format jsonl over {:.0} MB ({} articles), machine: {cores} cores, {cpu}",
        corpus.bytes as f64 / 1e6,
        corpus.articles
    )?;
    writeln!(table, "median of {n_runs} runs each (all runs' seconds in target/bench/corpus.json)")?;
    writeln!(table, "| input | threads | seconds | MB/s | articles/s | tokens/s | peak RSS MB | runs (s) |")?;
    writeln!(table, "|---|---|---|---|---|---|---|---|")?;
    for r in runs {
        let all: Vec<String> = r["all_seconds"]
            .as_array()
            .map(|a| a.iter().filter_map(|t| t.as_f64()).map(|t| format!("{t:.1}")).collect())
            .unwrap_or_default();
        writeln!(
            table,
            "| {} | {} | {:.1} | {:.2} | {:.0} | {:.0} | {:.0} | {} |",
            r["input"].as_str().unwrap_or(""),
            r["threads"],
            r["seconds"].as_f64().unwrap_or(0.0),
            r["mb_per_s"].as_f64().unwrap_or(0.0),
            r["articles_per_s"].as_f64().unwrap_or(0.0),
            r["tokens_per_s"].as_f64().unwrap_or(0.0),
            r["peak_rss_mb"].as_f64().unwrap_or(0.0),
            all.join(", ")
        )?;
    }
    Ok(table)
}

/// Appends to `table` the all-cores speed-up over one thread per input, the median of the
/// per-round ratios; returns them as JSON.
fn write_speedups(
    by_round: &[(&str, usize, Vec<f64>)],
    cores: usize,
    table: &mut String,
) -> Result<serde_json::Map<String, serde_json::Value>> {
    // The VM's speed drifts over minutes, so the speed-up is taken per round (the one-thread and
    // all-core runs of a round ran back to back) and the median of those ratios reported.
    let round_times = |input: &str, t: usize| {
        by_round.iter().find(|(l, th, _)| *l == input && *th == t).map(|(_, _, s)| s.as_slice())
    };
    let mut speedups = Vec::new();
    let mut speedup_json = serde_json::Map::new();
    // (on one core there is nothing to compare: no speed-up, not a ratio of 1)
    for input in ["txt", "jsonl"].into_iter().filter(|_| cores > 1) {
        let (Some(one), Some(all)) = (round_times(input, 1), round_times(input, cores)) else { continue };
        let mut ratios: Vec<f64> = one.iter().zip(all).map(|(a, b)| a / b.max(1e-9)).collect();
        ratios.sort_by(f64::total_cmp);
        let listed: Vec<String> = ratios.iter().map(|r| format!("{r:.2}")).collect();
        let median = ratios[ratios.len() / 2];
        speedups.push(format!("{input} {median:.2}x (rounds: {})", listed.join(", ")));
        speedup_json.insert(input.to_string(), serde_json::json!({"median": median, "rounds": ratios}));
    }
    if !speedups.is_empty() {
        writeln!(table, "\n{cores} threads vs 1, median of the per-round ratios: {}", speedups.join("; "))?;
    }
    Ok(speedup_json)
}

/// Appends to `table` the in-process cost of each stage on the distinct texts.
fn write_stage_table(
    stages: &[(&'static str, f64)],
    distinct_bytes: usize,
    distinct_tokens: usize,
    table: &mut String,
) -> Result<()> {
    let total_stage: f64 = stages.iter().map(|(_, s)| s).sum();
    writeln!(
        table,
        "\nstage costs, in process, one thread, {:.1} MB of distinct texts ({distinct_tokens} tokens), fastest of {STAGE_ROUNDS} rounds after a warm-up:",
        distinct_bytes as f64 / 1e6
    )?;
    writeln!(table, "| stage | seconds | MB/s | share |")?;
    writeln!(table, "|---|---|---|---|")?;
    for (name, secs) in stages {
        writeln!(
            table,
            "| {name} | {secs:.3} | {:.1} | {:.0}% |",
            distinct_bytes as f64 / 1e6 / secs,
            100.0 * secs / total_stage
        )?;
    }
    writeln!(table, "| all | {total_stage:.3} | {:.1} | 100% |", distinct_bytes as f64 / 1e6 / total_stage)?;
    // What `analyze --format jsonl` does per article: every stage but the story layer.
    let per_article: f64 = stages.iter().filter(|(n, _)| !n.starts_with("story")).map(|(_, s)| s).sum();
    writeln!(
        table,
        "| all but story (the jsonl path) | {per_article:.3} | {:.1} | {:.0}% |",
        distinct_bytes as f64 / 1e6 / per_article,
        100.0 * per_article / total_stage
    )?;
    Ok(())
}

/// Measures the story stage, prints its table and appends it to `table`; returns its JSON (or
/// why it was skipped).
fn story_stage_section(
    corpus: &Corpus,
    thread_counts: &[usize],
    n_runs: usize,
    table: &mut String,
) -> Result<serde_json::Value> {
    Ok(match bench_story_stage(corpus, thread_counts, n_runs)? {
        Ok(s) => {
            let part = s.table(corpus);
            print!("{part}");
            table.push_str(&part);
            s.json(corpus)
        }
        Err(why) => {
            let part = format!("\nstory stage {why}\n");
            print!("{part}");
            table.push_str(&part);
            serde_json::json!({"skipped": why})
        }
    })
}

/// The processor's model name (from `/proc/cpuinfo`): the VM behind the same core count can
/// change between runs, and speeds differ between models.
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .and_then(|r| r.split_once(':'))
                    .map(|(_, m)| m.trim().to_string())
            })
        })
        .unwrap_or_else(|| "processor model unknown".to_string())
}
