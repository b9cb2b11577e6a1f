//! `cargo xtask …`: project automation (analysis of the seeds, evaluation, benchmarks, training).

mod time;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "storyline project automation")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Evaluate a component against a corpus and the official scorer's metrics.
    Eval {
        #[command(subcommand)]
        what: Eval,
    },
}

#[derive(Subcommand)]
enum Eval {
    /// Time expressions (TIMEX3) against TimeML gold, scored like `shared/eval/timeml.py`.
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
    },
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Eval { what } => match what {
            Eval::Time { data, out, dump_text } => {
                let data = data.unwrap_or_else(|| default_data_dir().join("timebank"));
                let out = out.unwrap_or_else(|| workspace_root().join("target/eval/time-timebank.jsonl"));
                time::run(&data, &out, dump_text.as_deref())
            }
        },
    }
}

/// The workspace root (the parent of `xtask/`).
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// `../shared/data` next to the workspace: the default data directory.
fn default_data_dir() -> PathBuf {
    workspace_root().join("../shared/data")
}
