//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

/// The gold analysis of the seeds: `tests/gold/seeds.json`, a copy of the shared data's
/// `gold/seeds.json` kept in the repository, so the gold tests always check.
pub fn gold() -> Value {
    let path = workspace_root().join("tests/gold/seeds.json");
    let s = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&s).expect("tests/gold/seeds.json is valid JSON")
}

/// Run the storyline command line in-process: (exit status, stdout, stderr).
pub fn storyline(args: &[&str]) -> (u8, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["storyline"];
    argv.extend_from_slice(args);
    let code = storyline_cli::run(argv, &mut out, &mut err);
    (code, String::from_utf8(out).expect("UTF-8 output"), String::from_utf8(err).expect("UTF-8 messages"))
}

/// The seed directory of the workspace, as an argument.
pub fn seeds_arg() -> String {
    workspace_root().join("seeds").display().to_string()
}

/// [`storyline`] with `stdin` as what `-` reads.
pub fn storyline_with_stdin(args: &[&str], stdin: Box<dyn std::io::Read + Send>) -> (u8, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut argv = vec!["storyline"];
    argv.extend_from_slice(args);
    let code = storyline_cli::run_with_stdin(argv, stdin, &mut out, &mut err);
    (code, String::from_utf8(out).expect("UTF-8 output"), String::from_utf8(err).expect("UTF-8 messages"))
}
