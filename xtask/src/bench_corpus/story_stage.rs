//! The story stage of the corpus benchmark: the summaries `storyline analyze --format
//! json|md|html|csv` keeps of every article of the corpus JSONL, made in process, then
//! `build_stories` over all of them (see [`bench_story_stage`]).

use std::fs;
use std::time::Instant;

use anyhow::Result;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories};
use storyline_parser::ParseOptions;

use super::Corpus;
use std::fmt::Write as _;

/// Records of the corpus JSONL analysed per rayon task (as `storyline analyze`'s jobs of 64).
const STORY_CHUNK: usize = 64;
/// Records read from the corpus JSONL at a time, then analysed in parallel.
const STORY_BLOCK: usize = 8192;

/// A thread count and every run of `build_stories` with it, in run order: (wall seconds, CPU
/// seconds of the process).
type StoryRuns = (usize, Vec<(f64, f64)>);

/// The story layer over the whole corpus, measured in process.
pub(super) struct StoryStage {
    /// Per thread count, every run of `build_stories` in run order: (wall seconds, CPU seconds
    /// of the process).
    runs: Vec<StoryRuns>,
    /// CPU seconds spent in `ArticleSummary::of`, summed over the threads of the analysis.
    summary_cpu: f64,
    /// Seconds of the in-process analysis that made the summaries (all cores).
    analysis_secs: f64,
    summaries: usize,
    stories: usize,
    /// How much the resident memory grew while the summaries were made, MB.
    summaries_rss_mb: f64,
}

/// A line of `/proc/self/status` or `/proc/meminfo` in bytes (`VmRSS:  123 kB`), 0 when unknown.
fn proc_kb(file: &str, key: &str) -> u64 {
    fs::read_to_string(file)
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key))?.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// CPU time of a clock (`CLOCK_THREAD_CPUTIME_ID`, `CLOCK_PROCESS_CPUTIME_ID`), in seconds. On
/// this shared VM the wall time of a stage also counts the time other processes took its core.
fn cpu_seconds(clock: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock ids are the kernel's constants.
    let ok = unsafe { libc::clock_gettime(clock, &mut ts) } == 0;
    if ok { ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9 } else { 0.0 }
}

/// The story layer's throughput: the summaries `storyline analyze --format json|md|html|csv`
/// keeps of every article of the corpus JSONL (made here in process the way `analyze` makes
/// them: `parse_jsonl_record`, `Analyzer::analyze_batch` in chunks of 64 articles, tokens
/// dropped, `ArticleSummary::of`, in input order), then `build_stories` over all of them —
/// what those formats do on top of the `--format jsonl` path, before writing the report — timed
/// `n_runs` times with each thread count, taken in turns.
///
/// The summaries of a whole corpus are held at once (as `analyze` holds them): `Ok(Err(why))`
/// when the projection from the first block of records says they would not fit in the memory
/// available.
pub(super) fn bench_story_stage(
    corpus: &Corpus,
    threads: &[usize],
    n_runs: usize,
) -> Result<std::result::Result<StoryStage, String>> {
    eprintln!("story stage: summaries of the {} articles of {} …", corpus.articles, corpus.jsonl.display());
    let analyzer = Analyzer::new()?;
    let rss_before = proc_kb("/proc/self/status", "VmRSS:");
    let started = Instant::now();
    let (summaries, summary_cpu) = match summarize_corpus(&analyzer, corpus, rss_before)? {
        Ok(made) => made,
        Err(why) => return Ok(Err(why)),
    };
    let analysis_secs = started.elapsed().as_secs_f64();
    let summaries_rss_mb = proc_kb("/proc/self/status", "VmRSS:").saturating_sub(rss_before) as f64 / 1e6;
    let (runs, stories) = time_build_stories(&summaries, threads, n_runs)?;
    Ok(Ok(StoryStage {
        runs,
        summary_cpu,
        analysis_secs,
        summaries: summaries.len(),
        stories,
        summaries_rss_mb,
    }))
}

/// The summaries of every article of the corpus JSONL, in input order, with the CPU seconds
/// spent in `ArticleSummary::of`; `Ok(Err(why))` when, projected from the first block, they
/// would not fit in the memory available (`rss_before`: the resident bytes before).
fn summarize_corpus(
    analyzer: &Analyzer,
    corpus: &Corpus,
    rss_before: u64,
) -> Result<std::result::Result<(Vec<ArticleSummary>, f64), String>> {
    let opts = ParseOptions::default();
    let path = corpus.jsonl.display().to_string();
    let stem = corpus.jsonl.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut summaries: Vec<ArticleSummary> = Vec::new();
    let mut summary_cpu = 0.0;
    let mut reader = std::io::BufReader::new(fs::File::open(&corpus.jsonl)?);
    let (mut line_no, mut failed) = (0usize, 0usize);
    loop {
        let block = read_record_block(&mut reader, &mut line_no)?;
        if block.is_empty() {
            break;
        }
        for (chunk, cpu) in summarize_block(analyzer, &block, &stem, &path, &opts) {
            summary_cpu += cpu;
            for s in chunk {
                match s {
                    Some(s) => summaries.push(s),
                    None => failed += 1,
                }
            }
        }
        // After the first block: will the whole corpus's summaries, and the stories built from
        // them, fit? (Building adds about a quarter.)
        if summaries.len() == block.len()
            && summaries.len() < corpus.articles
            && let Some(why) = memory_shortfall(corpus, summaries.len(), rss_before)
        {
            return Ok(Err(why));
        }
    }
    anyhow::ensure!(failed == 0, "{failed} records of {} did not parse", corpus.jsonl.display());
    Ok(Ok((summaries, summary_cpu)))
}

/// The next [`STORY_BLOCK`] non-blank lines of the corpus JSONL with their line numbers (fewer
/// at its end; none past it).
fn read_record_block(
    reader: &mut impl std::io::BufRead,
    line_no: &mut usize,
) -> Result<Vec<(usize, Vec<u8>)>> {
    let mut block: Vec<(usize, Vec<u8>)> = Vec::with_capacity(STORY_BLOCK);
    while block.len() < STORY_BLOCK {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        *line_no += 1;
        if !line.iter().all(u8::is_ascii_whitespace) {
            block.push((*line_no, line));
        }
    }
    Ok(block)
}

/// Parses, analyses and summarises a block of records in parallel, [`STORY_CHUNK`] per task:
/// per chunk, the summaries (`None`: a record that did not parse) and the CPU seconds spent in
/// `ArticleSummary::of`.
fn summarize_block(
    analyzer: &Analyzer,
    block: &[(usize, Vec<u8>)],
    stem: &str,
    path: &str,
    opts: &ParseOptions,
) -> Vec<(Vec<Option<ArticleSummary>>, f64)> {
    use rayon::prelude::*;
    block
        .par_chunks(STORY_CHUNK)
        .map(|chunk| {
            let mut articles: Vec<_> = chunk
                .iter()
                .map(|(n, l)| storyline_parser::parse_jsonl_record(l, stem, path, *n, opts).ok())
                .collect();
            let mut refs: Vec<_> = articles.iter_mut().flatten().collect();
            analyzer.analyze_batch(&mut refs);
            let cpu = cpu_seconds(libc::CLOCK_THREAD_CPUTIME_ID);
            let out = articles
                .into_iter()
                .map(|a| {
                    a.map(|mut a| {
                        a.tokens = Vec::new();
                        ArticleSummary::of(&a)
                    })
                })
                .collect();
            (out, cpu_seconds(libc::CLOCK_THREAD_CPUTIME_ID) - cpu)
        })
        .collect()
}

/// Why the summaries of the whole corpus and their stories would not fit in the memory
/// available, projected from the growth of the resident memory over the first `made`; `None`
/// when they would.
fn memory_shortfall(corpus: &Corpus, made: usize, rss_before: u64) -> Option<String> {
    let grown = proc_kb("/proc/self/status", "VmRSS:").saturating_sub(rss_before) as f64;
    let need = 1.3 * grown / made as f64 * corpus.articles as f64;
    let available = proc_kb("/proc/meminfo", "MemAvailable:") as f64;
    (available > 0.0 && need > 0.9 * available).then(|| {
        format!(
            "skipped: the summaries of {} articles and their stories would take about {:.1} GB \
             (projected from the first {}), {:.1} GB available",
            corpus.articles,
            need / 1e9,
            made,
            available / 1e9
        )
    })
}

/// `build_stories` over `summaries` `n_runs` times on a pool of each thread count, taken in
/// turns: per thread count, (wall seconds, process CPU seconds) per run; and the stories built.
fn time_build_stories(
    summaries: &[ArticleSummary],
    threads: &[usize],
    n_runs: usize,
) -> Result<(Vec<StoryRuns>, usize)> {
    let pools: Vec<(usize, rayon::ThreadPool)> = threads
        .iter()
        .map(|&t| Ok((t, rayon::ThreadPoolBuilder::new().num_threads(t).build()?)))
        .collect::<Result<_>>()?;
    let mut runs: Vec<StoryRuns> = threads.iter().map(|&t| (t, Vec::new())).collect();
    let mut stories = 0;
    for round in 1..=n_runs {
        for ((threads, pool), (_, times)) in pools.iter().zip(&mut runs) {
            eprintln!("story stage {round}/{n_runs}: build_stories, {threads} thread(s) …");
            let (t, cpu) = (Instant::now(), cpu_seconds(libc::CLOCK_PROCESS_CPUTIME_ID));
            let built = pool.install(|| build_stories(summaries));
            times.push((t.elapsed().as_secs_f64(), cpu_seconds(libc::CLOCK_PROCESS_CPUTIME_ID) - cpu));
            stories = built.len();
            drop(built);
        }
    }
    Ok((runs, stories))
}

impl StoryStage {
    /// The median run by wall time.
    fn median(times: &[(f64, f64)]) -> (f64, f64) {
        let mut t = times.to_vec();
        t.sort_by(|a, b| a.0.total_cmp(&b.0));
        t[t.len() / 2]
    }

    /// The Markdown table of the story stage, with its heading.
    pub(super) fn table(&self, corpus: &Corpus) -> String {
        let mb = corpus.bytes as f64 / 1e6;
        let n = self.summaries as f64;
        let mut t = String::new();
        let _ = writeln!(
            t,
            "\nstory stage, in process, over the whole corpus ({} articles, {mb:.0} MB): build_stories over the \
             summaries that analyze --format json|md|html|csv keeps (made here from corpus.jsonl in {:.1}s on all \
             cores; RSS grew by {:.0} MB), median of {} runs; MB/s and articles/s of corpus input per wall second:",
            self.summaries,
            self.analysis_secs,
            self.summaries_rss_mb,
            self.runs.first().map_or(0, |r| r.1.len())
        );
        let _ = writeln!(
            t,
            "| story stage | threads | seconds | MB/s | articles/s | CPU s | stories | runs (s) |"
        );
        let _ = writeln!(t, "|---|---|---|---|---|---|---|---|");
        for (threads, times) in &self.runs {
            let (secs, cpu) = Self::median(times);
            let all: Vec<String> = times.iter().map(|x| format!("{:.2}", x.0)).collect();
            let _ = writeln!(
                t,
                "| build_stories (cluster, then build the stories) | {threads} | {secs:.2} | {:.1} | {:.0} | {cpu:.2} | {} | {} |",
                mb / secs,
                n / secs,
                self.stories,
                all.join(", ")
            );
        }
        let _ = writeln!(
            t,
            "| ArticleSummary::of (per article, in the analysis jobs; CPU seconds, summed over threads) | 1 | {:.2} | {:.1} | {:.0} | {:.2} | | |",
            self.summary_cpu,
            mb / self.summary_cpu.max(1e-9),
            n / self.summary_cpu.max(1e-9),
            self.summary_cpu
        );
        t
    }

    /// The story stage as JSON (for `target/bench/corpus.json`).
    pub(super) fn json(&self, corpus: &Corpus) -> serde_json::Value {
        let mb = corpus.bytes as f64 / 1e6;
        let n = self.summaries as f64;
        serde_json::json!({
            "method": "in process: the summaries analyze --format json|md|html|csv keeps of every article of corpus.jsonl \
                       (parse_jsonl_record, Analyzer::analyze_batch in chunks of 64, ArticleSummary::of), then \
                       build_stories over all of them on a rayon pool of each thread count, runs taken in turns; \
                       the median run by wall time; MB/s and articles/s of corpus input per wall second",
            "articles": self.summaries,
            "stories": self.stories,
            "summaries_rss_mb": self.summaries_rss_mb,
            "analysis_seconds_all_cores": self.analysis_secs,
            "summary_of": {"cpu_seconds": self.summary_cpu, "mb_per_cpu_s": mb / self.summary_cpu.max(1e-9),
                           "articles_per_cpu_s": n / self.summary_cpu.max(1e-9)},
            "build_stories": self.runs.iter().map(|(threads, times)| {
                let (secs, cpu) = Self::median(times);
                serde_json::json!({"threads": threads, "seconds": secs, "cpu_seconds": cpu, "mb_per_s": mb / secs,
                                   "articles_per_s": n / secs,
                                   "all_seconds": times.iter().map(|x| x.0).collect::<Vec<_>>(),
                                   "all_cpu_seconds": times.iter().map(|x| x.1).collect::<Vec<_>>()})
            }).collect::<Vec<_>>(),
        })
    }
}
