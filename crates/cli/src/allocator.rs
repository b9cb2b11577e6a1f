//! Tuning of the allocator the `storyline` binary uses (mimalloc).

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` of mimalloc's `mi_option_e` (libmimalloc-sys names no constant for it).
const PURGE_DELAY: mi_option_t = 15;
/// mimalloc's default purge delay, in milliseconds.
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;

/// Keeps freed memory for reuse instead of giving it back to the operating system.
///
/// `analyze` works in bounded batches, each of which allocates and frees tens of megabytes
/// (articles, analyses, serialised output). By default mimalloc returns memory freed a second ago
/// to the OS, and every page taken back costs a page fault and zeroing: over 20 MB of JSONL
/// input, 14,050 page faults and about 3.5% of the run, against 369 with purging off. The batches
/// bound how much memory there is, so keeping it does not make the peak grow.
///
/// Leaves the option alone if it does not hold mimalloc's default (set by the user with
/// `MIMALLOC_PURGE_DELAY`, or a mimalloc whose options are numbered differently).
pub fn keep_freed_memory() {
    // SAFETY: reading and setting a mimalloc option has no memory-safety requirement; options
    // are plain integers read by the allocator when it purges.
    unsafe {
        if mi_option_get(PURGE_DELAY) == DEFAULT_PURGE_DELAY {
            mi_option_set(PURGE_DELAY, -1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purge_delay_is_the_option_numbered_here() {
        // SAFETY: as in `keep_freed_memory`.
        let before = unsafe { mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(before, DEFAULT_PURGE_DELAY, "option {PURGE_DELAY} is not mimalloc's purge delay");
        }
        keep_freed_memory();
        // SAFETY: as in `keep_freed_memory`.
        let after = unsafe { mi_option_get(PURGE_DELAY) };
        if before == DEFAULT_PURGE_DELAY {
            assert_eq!(after, -1);
        } else {
            assert_eq!(after, before, "a value set by the user is kept");
        }
    }
}
