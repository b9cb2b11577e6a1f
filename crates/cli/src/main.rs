//! `storyline`: turn news articles into a structured record of who said what, when.

use std::process::ExitCode;

/// The analysis allocates many small, short-lived values (tokens, mentions, strings) on every
/// thread; mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    storyline_cli::allocator::keep_freed_memory();
    storyline_cli::allocator::no_transparent_huge_pages();
    storyline_cli::install_signal_cleanup();
    // A panic (a bug met on some input) is caught and reported with the input it is about; the
    // hook only says where it was raised, with the message's control characters escaped.
    std::panic::set_hook(Box::new(|info| {
        let message = storyline_analyzer::story::panic_message(info.payload());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let message =
            storyline_cli::safe::visible(&storyline_cli::safe::clip_excerpts(&message)).into_owned();
        eprintln!("storyline: internal error{at}: {message}");
    }));
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    ExitCode::from(storyline_cli::run(std::env::args_os(), &mut stdout, &mut stderr))
}
