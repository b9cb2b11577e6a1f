//! `cargo xtask …`: project automation (analysis of the seeds, evaluation, benchmarks, training).

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
enum Eval {}

fn main() -> Result<()> {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Eval { what } => match what {},
    }
}

/// The workspace root (the parent of `xtask/`).
#[allow(dead_code)]
fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// `../shared/data` next to the workspace: the default data directory.
#[allow(dead_code)]
fn default_data_dir() -> PathBuf {
    workspace_root().join("../shared/data")
}
