//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::PathBuf;

use serde_json::Value;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the workspace").to_path_buf()
}

/// `../shared` next to the workspace, or `$STORYLINE_SHARED`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("STORYLINE_SHARED").map_or_else(|| workspace_root().join("../shared"), PathBuf::from)
}

/// The gold analysis of the seeds, or `None` (with a message) when `../shared` is absent.
pub fn gold() -> Option<Value> {
    let path = shared_dir().join("gold/seeds.json");
    match std::fs::read_to_string(&path) {
        Ok(s) => Some(serde_json::from_str(&s).expect("gold/seeds.json is valid JSON")),
        Err(_) => {
            eprintln!("skipping: {} not found (the shared data is not on this machine)", path.display());
            None
        }
    }
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
