//! The hostile inputs of `hostile.rs` at full size: a 10 MiB line, 100,000 quotation marks, a
//! 50 MB JSONL line over the default limit, endless standard input past the default 16 MiB
//! limit, 40 MB of JSONL on standard input, 4 MB of "said said said …". Each takes seconds in
//! release and minutes (and gigabytes) in a debug build, so they are ignored by `cargo test`;
//! `.ci/run` runs them in release:
//!
//! ```sh
//! cargo test --release -p storyline-e2e --test hostile_heavy -- --include-ignored
//! ```

mod common;

mod hostile_cases;

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn ten_megabyte_single_line() {
    hostile_cases::single_line(10 << 20);
}

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn hundred_thousand_quotation_marks() {
    hostile_cases::quotation_marks(100_000);
}

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn fifty_megabyte_jsonl_line() {
    hostile_cases::jsonl_line_over_the_limit(50 << 20, None);
}

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn endless_standard_input_past_the_default_limit() {
    hostile_cases::endless_stdin(None);
}

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn forty_megabytes_of_jsonl_on_standard_input() {
    hostile_cases::jsonl_stdin_streams(20_000, 2000);
}

#[test]
#[ignore = "heavy: run in release (.ci/run)"]
fn four_megabytes_of_said() {
    hostile_cases::said_said_said(4 << 20);
}
