//! `cargo xtask …`: project automation (analysis of the seeds, evaluation, benchmarks, training).

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

mod quotes;

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
}

#[derive(Subcommand)]
enum Eval {
    /// Quote attribution on PolNeAR (content, source and cue spans), scored like polnear.py.
    Quotes {
        /// A PolNeAR compartment with `text/` and `attributions/` (default: <data>/polnear/dev).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Where to write the predictions, polnear.py JSONL (default: target/eval/quotes-dev.jsonl).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Analyze { input } => analyze(input.unwrap_or_else(|| workspace_root().join("seeds"))),
        Cmd::Eval { what } => match what {
            Eval::Quotes { data, out } => quotes::eval(
                &data.unwrap_or_else(|| default_data_dir().join("polnear/dev")),
                &out.unwrap_or_else(|| workspace_root().join("target/eval/quotes-dev.jsonl")),
            ),
        },
    }
}

fn analyze(input: PathBuf) -> Result<()> {
    let out_dir = workspace_root().join("target/storyline");
    std::fs::create_dir_all(&out_dir)?;
    let (inputs, mut errors) = storyline_parser::input::discover(&[input]);
    let opts = storyline_parser::ParseOptions::default();
    let mut articles = Vec::new();
    for i in &inputs {
        for r in storyline_parser::input::read_input(i, &opts) {
            match r {
                Ok(a) => articles.push(a),
                Err(e) => errors.push(e),
            }
        }
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    let out = out_dir.join("articles.json");
    std::fs::write(&out, serde_json::to_string_pretty(&articles)?)?;
    for a in &articles {
        let body = a.body().count();
        println!(
            "{}: {} | {} | {} | {} body paragraphs, {} sentences",
            a.id,
            a.title.as_deref().unwrap_or("(no title)"),
            a.publisher.as_deref().unwrap_or("(no publisher)"),
            a.published.map_or_else(|| "(no date)".to_string(), |d| d.to_string()),
            body,
            a.sentences.len()
        );
    }
    println!("wrote {}", out.display());
    anyhow::ensure!(errors.is_empty(), "{} input(s) failed", errors.len());
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
