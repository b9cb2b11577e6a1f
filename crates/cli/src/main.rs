//! `storyline`: turn news articles into a structured record of who said what, when.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    ExitCode::from(storyline_cli::run(std::env::args_os(), &mut stdout, &mut stderr))
}
