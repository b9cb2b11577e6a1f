//! `cargo xtask …`: project automation (analysis of the seeds, evaluation, benchmarks, training).
// The doc comments of the commands are their `--help` text, where `<data>` is meant literally.
#![allow(rustdoc::invalid_html_tags)]

mod bench;
mod bench_corpus;
mod html;
mod ner;
mod quotes;
mod scaling;
mod speakers;
mod stories;
mod time;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// The same allocator as the `storyline` binary, so that in-process stage costs match it (its
/// tuning too: see `main`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "xtask", about = "storyline project automation")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run storyline over the bundled seed articles and write target/storyline/articles.json.
    Analyze {
        /// Articles to analyse (default: the workspace's seeds/).
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// Evaluate a component against a corpus and the official scorer's metrics.
    Eval {
        #[command(subcommand)]
        what: Eval,
    },
    /// Train the NER tagger on CoNLL-2003 and write crates/analyzer/models/ner.bin.
    TrainNer {
        /// Data directory holding conll2003/ (and polnear/ for word clusters).
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Folds of the jackknife (gazetteer and stage-1 predictions).
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Model file to write [default: crates/analyzer/models/ner.bin].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write crates/analyzer/models/speaker_nouns.txt (nouns that can name a speaker) from
    /// WordNet 3.0 (Debian package wordnet-base) and PolNeAR train.
    TrainSpeakers {
        /// WordNet's dict directory.
        #[arg(long, default_value = "/usr/share/wordnet")]
        wordnet: PathBuf,
        /// Data directory holding polnear/train.
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Speed benchmarks (results in target/bench/).
    Bench(BenchArgs),
    /// Write the JSON Schema of the output, generated from the model types, to
    /// schema/storyline.schema.json (a test fails when the checked-in file differs).
    Schema {
        /// Only check that the checked-in file is up to date (exit status 1 when not).
        #[arg(long)]
        check: bool,
    },
    /// Linearity check: parse, analyse, build the stories of and report on adversarial input of
    /// two sizes; prints the time ratios and fails when one is over 1.25 times the size ratio
    /// (results in target/bench/scaling.json).
    BenchScaling {
        /// The small size, in MiB.
        #[arg(long, default_value_t = 1.0)]
        small: f64,
        /// The large size, in MiB.
        #[arg(long, default_value_t = 4.0)]
        large: f64,
        /// Run only these cases (by name).
        #[arg(long)]
        only: Vec<String>,
        /// Time only these stages (parse, analyze, story, json, md, html, csv).
        #[arg(long)]
        stage: Vec<String>,
        /// Write each case's inputs to this directory (`<case>-small.txt`, `<case>-large.jsonl`,
        /// …) before timing, to analyse them with the binary (checking outputs stay the same).
        #[arg(long)]
        dump: Option<PathBuf>,
    },
}

/// The options of `cargo xtask bench`.
#[derive(clap::Args)]
struct BenchArgs {
    /// Data directory [default: ../shared/data].
    #[arg(long)]
    data: Option<PathBuf>,
    /// Size of the analysis corpus, in MB.
    #[arg(long, default_value_t = 200)]
    size: u64,
    /// Only the NER tagger's speed (skip the corpus runs).
    #[arg(long)]
    ner_only: bool,
    /// Only the parser's speed: `parse_text` over the distinct texts, one thread (skips
    /// the NER and corpus runs).
    #[arg(long)]
    parse_only: bool,
    /// Only the HTML extraction row (pages of <data>/article-extraction/dev/html).
    #[arg(long)]
    html_only: bool,
    /// With --parse-only: passes over the distinct texts, each timed (after one warm-up
    /// pass); the median pass is reported.
    #[arg(long, default_value_t = 10)]
    passes: usize,
    /// Corpus runs over these inputs (txt: one file per article; jsonl: one file).
    #[arg(long, value_delimiter = ',', default_value = "txt,jsonl")]
    inputs: Vec<bench_corpus::InputKind>,
    /// Corpus runs with these thread counts (0: all cores).
    #[arg(long, value_delimiter = ',', default_value = "1,0")]
    threads: Vec<usize>,
    /// Corpus runs per input and thread count, taken in turns; the table reports the median
    /// run (this VM's run-to-run noise is up to 25%).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Skip the story stage (`build_stories` over the summaries of the whole corpus, made in
    /// process: memory grows with the corpus, about 1 GB per 200 MB).
    #[arg(long)]
    no_story_stage: bool,
}

#[derive(Subcommand)]
enum Eval {
    /// The NER tagger on a CoNLL-2003 file (conlleval precision/recall/F1).
    Ner {
        /// CoNLL file [default: <data>/conll2003/eng.testa].
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write `token gold pred` lines [default: target/eval/ner-testa.txt].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Folds of the cross-validation on eng.train (0: none, the eval file only).
        #[arg(long, default_value_t = 5)]
        cv_folds: usize,
        /// Data directory of the cross-validation (conll2003/eng.train, polnear/).
        #[arg(long)]
        train_data: Option<PathBuf>,
    },
    /// Time expressions (TIMEX3) against TimeML gold, scored like `shared/eval/timeml.py`: the
    /// tuning half (even positions in file-name order), the checking half (odd) and all.
    Time {
        /// Directory of `.tml` files [default: <data>/timebank].
        #[arg(long)]
        data: Option<PathBuf>,
        /// Prediction file (JSONL for `timeml.py score`) [default: target/eval/time-timebank.jsonl].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write the system input (`<stem>.txt`, `<stem>.json`) here, as `timeml.py text` does.
        #[arg(long)]
        dump_text: Option<PathBuf>,
        /// Write the tuning half's errors (missed, spurious, wrong value) here, one a line.
        #[arg(long)]
        errors: Option<PathBuf>,
    },
    /// Quote attribution on PolNeAR (content, source and cue spans), scored like polnear.py.
    Quotes {
        /// A PolNeAR compartment with `text/` and `attributions/` (default: <data>/polnear/dev).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write the predictions, polnear.py JSONL (default: target/eval/quotes-dev.jsonl).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Grouping articles into stories, scored like stories.py (B-cubed, pairwise, ARI), beside a
    /// TF-IDF + average-link baseline.
    Stories {
        /// A directory with `text/*.txt` and `gold.tsv` (default: <data>/stories/ecbplus-dev).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write the `analyze --format json` report (default:
        /// target/eval/stories-<dirname>.json; the scores go to `….scores.json` beside it).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Main-text extraction from HTML pages, scored like article_body.py: the whole set and its
    /// tuning (even places in id order) and checking (odd places) halves, and the speed.
    Html {
        /// A directory with `html/*.html.gz` and `ground-truth.json` (default:
        /// <data>/article-extraction/dev).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write the predictions, `{id: {"articleBody": text}}` (default:
        /// target/eval/html-dev.json).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    // The allocator tuned as the `storyline` binary tunes it, so that the benchmarks (which run
    // `storyline analyze` in process) measure what users run: with mimalloc's defaults, freed
    // memory goes back to the OS and every page taken again is faulted and zeroed.
    storyline_cli::allocator::keep_freed_memory();
    storyline_cli::allocator::no_transparent_huge_pages();
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Analyze { input } => analyze(input.unwrap_or_else(|| workspace_root().join("seeds"))),
        Cmd::Eval { what } => eval(what),
        Cmd::TrainNer { data, seed, epochs, folds, out } => ner::train(&ner::TrainOpts {
            data: data.unwrap_or_else(default_data_dir),
            seed,
            epochs,
            folds,
            out: out.unwrap_or_else(|| workspace_root().join("crates/analyzer/models/ner.bin")),
        }),
        Cmd::TrainSpeakers { wordnet, data } => speakers::train(
            &wordnet,
            &data.unwrap_or_else(default_data_dir).join("polnear/train"),
            &workspace_root().join("crates/analyzer/models/speaker_nouns.txt"),
        ),
        Cmd::Bench(args) => bench(args),
        Cmd::Schema { check } => schema(check),
        Cmd::BenchScaling { small, large, only, stage, dump } => {
            let mib = |m: f64| (m * 1024.0 * 1024.0) as usize;
            scaling::bench_scaling(
                mib(small),
                mib(large),
                &only,
                &stage,
                dump.as_deref(),
                &workspace_root().join("target/bench"),
            )
        }
    }
}

/// `cargo xtask eval …`: one component against its corpus, with the defaults filled in.
fn eval(what: Eval) -> Result<()> {
    match what {
        Eval::Ner { data, out, cv_folds, train_data } => {
            // The options of the committed model (`train-ner`'s defaults).
            let opts = ner::TrainOpts {
                data: train_data.unwrap_or_else(default_data_dir),
                seed: 1,
                epochs: 12,
                folds: 5,
                out: PathBuf::new(),
            };
            ner::eval(
                &data.unwrap_or_else(|| default_data_dir().join("conll2003/eng.testa")),
                &out.unwrap_or_else(|| workspace_root().join("target/eval/ner-testa.txt")),
                (cv_folds > 1).then_some((&opts, cv_folds)),
            )
        }
        Eval::Time { data, out, dump_text, errors } => {
            let data = data.unwrap_or_else(|| default_data_dir().join("timebank"));
            let out = out.unwrap_or_else(|| workspace_root().join("target/eval/time-timebank.jsonl"));
            let script = default_data_dir().join("../eval/timeml.py");
            time::run(&data, &out, dump_text.as_deref(), &script, errors.as_deref())
        }
        Eval::Quotes { data, out } => quotes::eval(
            &data.unwrap_or_else(|| default_data_dir().join("polnear/dev")),
            &out.unwrap_or_else(|| workspace_root().join("target/eval/quotes-dev.jsonl")),
        ),
        Eval::Stories { data, out } => {
            let data = data.unwrap_or_else(|| default_data_dir().join("stories/ecbplus-dev"));
            let name = data.file_name().map_or_else(|| "data".into(), |n| n.to_string_lossy().into_owned());
            let out =
                out.unwrap_or_else(|| workspace_root().join(format!("target/eval/stories-{name}.json")));
            stories::eval(&data, &out, &default_data_dir().join("../eval/stories.py"))
        }
        Eval::Html { data, out } => html::eval(
            &data.unwrap_or_else(|| default_data_dir().join("article-extraction/dev")),
            &out.unwrap_or_else(|| workspace_root().join("target/eval/html-dev.json")),
            &default_data_dir().join("../eval/article_body.py"),
        ),
    }
}

/// `cargo xtask bench`: the sections asked for (HTML only, parse only, NER only, or all).
fn bench(args: BenchArgs) -> Result<()> {
    let BenchArgs {
        data,
        size,
        ner_only,
        parse_only,
        html_only,
        passes,
        inputs,
        threads,
        runs,
        no_story_stage,
    } = args;
    let data = data.unwrap_or_else(default_data_dir);
    let html_dir = data.join("article-extraction/dev/html");
    if html_only {
        return html::bench_html(&html_dir, &workspace_root().join("target/bench"));
    }
    if parse_only {
        return bench_corpus::bench_parse(&data, &workspace_root(), passes);
    }
    bench::bench(&data, &workspace_root().join("target"))?;
    if ner_only {
        return Ok(());
    }
    html::bench_html(&html_dir, &workspace_root().join("target/bench"))?;
    bench_corpus::bench_corpus(
        &data,
        &workspace_root(),
        size,
        &inputs,
        &threads,
        runs as usize,
        !no_story_stage,
    )
}

/// The main job: `storyline analyze` over the seeds (or `input`), writing the JSON, Markdown
/// and HTML reports to target/storyline/.
fn analyze(input: PathBuf) -> Result<()> {
    let out_dir = workspace_root().join("target/storyline");
    std::fs::create_dir_all(&out_dir)?;
    let input = input.display().to_string();
    for ext in ["json", "md", "html"] {
        let out = out_dir.join(format!("report.{ext}"));
        let out = out.display().to_string();
        let args = ["storyline", "analyze", "--quiet", "--format", ext, "--out", &out, &input];
        let code = storyline_cli::run(args, &mut std::io::stdout(), &mut std::io::stderr());
        anyhow::ensure!(code == storyline_cli::EXIT_OK, "storyline analyze exited with status {code}");
        println!("wrote {out}");
    }
    Ok(())
}

/// `cargo xtask schema`: write (or with `check`, compare) schema/storyline.schema.json.
fn schema(check: bool) -> Result<()> {
    let path = workspace_root().join("schema/storyline.schema.json");
    let text = serde_json::to_string_pretty(&storyline_model::schema::json_schema())? + "\n";
    if check {
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        anyhow::ensure!(current == text, "{} is out of date: run `cargo xtask schema`", path.display());
        println!("{} is up to date", path.display());
    } else {
        std::fs::create_dir_all(path.parent().expect("schema/ has a parent"))?;
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The workspace root (the parent of `xtask/`).
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// `../shared/data` next to the workspace: the default data directory.
fn default_data_dir() -> PathBuf {
    workspace_root().join("../shared/data")
}
