//! `storyline`: turn news articles into a structured record of who said what, when.

use std::process::ExitCode;

/// The analysis allocates many small, short-lived values (tokens, mentions, strings) on every
/// thread; mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    storyline_cli::allocator::keep_freed_memory();
    storyline_cli::allocator::no_transparent_huge_pages();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    ExitCode::from(storyline_cli::run(std::env::args_os(), &mut stdout, &mut stderr))
}
