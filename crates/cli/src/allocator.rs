//! Tuning of the allocator the `storyline` binary uses (mimalloc).

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// `mi_option_purge_delay` of mimalloc's `mi_option_e` (libmimalloc-sys names no constant for it).
const PURGE_DELAY: mi_option_t = 15;
/// mimalloc's default purge delay, in milliseconds.
const DEFAULT_PURGE_DELAY: std::ffi::c_long = 1000;
/// `mi_option_allow_thp` of mimalloc's `mi_option_e` (mimalloc v3, the one libmimalloc-sys builds by default).
const ALLOW_THP: mi_option_t = 43;

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

/// Turns transparent huge pages off for the process, unless the user chose with
/// `MIMALLOC_ALLOW_THP`.
///
/// mimalloc asks for huge pages on the gigabyte it reserves at start-up (`madvise`), and with the
/// common kernel setting (`defrag` = `madvise`) every first touch of a 2 MiB page may then stall
/// while the kernel compacts memory to find one. Over 50 MB of JSONL input on one thread that
/// cost 0.5-0.85 s of system time in a 4.3 s run (0.04-0.12 s without), for no measurable gain in
/// user time, and 35 MB more resident memory (145 MB against 110 MB).
///
/// The reservation is made before `main`, so mimalloc's own option comes too late for it: the
/// process-wide switch (`PR_SET_THP_DISABLE`, which mimalloc itself uses when the option is off)
/// applies to memory reserved already.
pub fn no_transparent_huge_pages() {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return;
    }
    // SAFETY: as in `keep_freed_memory`; the option is read when mimalloc reserves memory.
    unsafe { mi_option_set(ALLOW_THP, 0) };
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only changes how the kernel backs this
    // process's memory; a failure (an old kernel) leaves the default, which is harmless.
    #[cfg(target_os = "linux")]
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0)
    };
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

    #[test]
    fn allow_thp_is_the_option_numbered_here() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            eprintln!("skipped: MIMALLOC_ALLOW_THP is set");
            return;
        }
        // SAFETY: as in `keep_freed_memory`.
        assert_eq!(unsafe { mi_option_get(ALLOW_THP) }, 1, "option {ALLOW_THP} is not mimalloc's allow_thp");
        no_transparent_huge_pages();
        // SAFETY: as in `keep_freed_memory`.
        assert_eq!(unsafe { mi_option_get(ALLOW_THP) }, 0);
        #[cfg(target_os = "linux")]
        {
            // SAFETY: PR_GET_THP_DISABLE takes no pointer and returns the flag.
            let disabled = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
            assert_eq!(disabled, 1, "transparent huge pages are still allowed");
        }
    }
}
