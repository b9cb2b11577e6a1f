//! The feature index: an open-addressing map from feature hash to weight row
//! ([`FeatureIndex`]), and memory prefetching for its lookups.

/// How many lookups ahead memory is prefetched.
pub(super) const PREFETCH_AHEAD: usize = 48;

/// Hints the CPU to bring the memory at `p` into the cache (no effect on other architectures).
/// `p` need not point into an allocation: callers compute it with wrapping arithmetic, which
/// spares the bounds checks of an index that is in bounds anyway.
#[inline(always)]
pub(super) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint: it never faults, whatever the address, reads nothing
    // into the program and has no visible effect.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A slot of [`FeatureIndex`]: a feature hash and its row (16 bytes, four to a cache line).
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
pub(super) struct Slot {
    pub(super) key: u64,
    pub(super) row: u32,
}

/// Open-addressing map from feature hash to row (linear probing, load ≤ 1/2, keys and rows side by
/// side so that a lookup touches one cache line, usually).
pub(super) struct FeatureIndex {
    pub(super) slots: Vec<Slot>,
    pub(super) mask: usize,
}

impl FeatureIndex {
    pub(super) fn with_capacity(n: usize) -> Self {
        let cap = (n.max(8) * 2).next_power_of_two();
        FeatureIndex { slots: vec![Slot::default(); cap], mask: cap - 1 }
    }

    /// Inserts a new key (0 is reserved for empty slots and duplicates are refused).
    pub(super) fn insert(&mut self, key: u64, row: u32) -> bool {
        if key == 0 {
            return false;
        }
        let mut i = key as usize & self.mask;
        loop {
            let s = &mut self.slots[i];
            match s.key {
                0 => {
                    *s = Slot { key, row };
                    return true;
                }
                k if k == key => return false,
                _ => i = (i + 1) & self.mask,
            }
        }
    }

    /// The row of a feature (0, the zero row, if the model does not know it).
    #[inline]
    pub(super) fn get(&self, key: u64) -> u32 {
        let mut i = key as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s.key == key {
                // Key 0 is never inserted, and empty slots have row 0 anyway.
                return s.row;
            }
            if s.key == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Rows of `keys` into `out` (emptied first), prefetching the slots a few keys ahead.
    #[inline(always)]
    pub(super) fn rows_into(&self, keys: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(keys.len(), 0);
        // The keys with one `PREFETCH_AHEAD` later, whose slot is prefetched, then the others.
        let ahead = keys.get(PREFETCH_AHEAD..).unwrap_or_default();
        let (near, last) = out.split_at_mut(ahead.len());
        for ((o, &k), &next) in near.iter_mut().zip(keys).zip(ahead) {
            prefetch(self.slots.as_ptr().wrapping_add(next as usize & self.mask));
            *o = self.get(k);
        }
        for (o, &k) in last.iter_mut().zip(&keys[ahead.len()..]) {
            *o = self.get(k);
        }
    }
}
