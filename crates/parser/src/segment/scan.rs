//! Fast scans of the text: wide spaces, word counts, and runs of letters and digits a word
//! (or 16 bytes, with SSE2) at a time.

/// Byte classes of the tokenizer (see [`CLASS`]).
pub(crate) const WS: u8 = 1; // ASCII whitespace as `u8::is_ascii_whitespace` has it
pub(crate) const MAY_SPACE: u8 = 2; // first byte of a multi-byte whitespace character (U+0085, U+00A0, U+1680, U+2000…)
pub(super) const SPLITS: u8 = 4; // '-', '"', or the first byte of a multi-byte dash or quote (0xC2, 0xE2)
pub(super) const NOT_ALNUM: u8 = 8; // anything but an ASCII letter or digit

pub(crate) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let mut k = 0;
        if c.is_ascii_whitespace() {
            k |= WS;
        }
        if matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            k |= MAY_SPACE;
        }
        if matches!(c, b'-' | b'"' | 0xC2 | 0xE2) {
            k |= SPLITS;
        }
        if !c.is_ascii_alphanumeric() {
            k |= NOT_ALNUM;
        }
        t[b] = k;
        b += 1;
    }
    t
};

/// Width of the non-ASCII whitespace character (`char::is_whitespace`) starting at `bytes[i]`,
/// 0 when there is none. Whitespace above U+007F is U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F and U+3000.
#[inline]
pub(crate) fn wide_space_at(bytes: &[u8], i: usize) -> usize {
    let b1 = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        0xC2 => 2 * usize::from(matches!(b1, 0x85 | 0xA0)),
        0xE1..=0xE3 => {
            let b2 = bytes.get(i + 2).copied().unwrap_or(0);
            let space = match (bytes[i], b1) {
                (0xE1, 0x9A) => b2 == 0x80,
                (0xE2, 0x80) => matches!(b2, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                (0xE2, 0x81) => b2 == 0x9F,
                (0xE3, 0x80) => b2 == 0x80,
                _ => false,
            };
            3 * usize::from(space)
        }
        _ => 0,
    }
}

/// `s.split_whitespace().count()` when it is at most `cap`, else some number above `cap`
/// (counting stops early).
pub(crate) fn count_words_upto(s: &str, cap: usize) -> usize {
    /// ASCII whitespace as `char::is_whitespace` has it (with the vertical tab).
    #[inline(always)]
    fn ascii_space(b: u8) -> u8 {
        u8::from(b == b' ' || b.wrapping_sub(b'\t') < 5)
    }
    const BLOCK: usize = 8;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let bytes = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        // Eight ASCII bytes at once (SWAR): the high bit of each byte of `space` says whether
        // it is whitespace (' ' or \t..=\r); no byte is above 0x7F, so no sum below carries
        // into the next byte.
        if let Some(block) = bytes.get(i..i + BLOCK)
            && let x = u64::from_le_bytes(block.try_into().unwrap_or([0x80; BLOCK]))
            && x & HIGH == 0
        {
            let y = x ^ (ONES * 0x20);
            let not_blank = (((y & LOW7) + LOW7) | y) & HIGH;
            let at_least_tab = (x + ONES * (0x80 - 0x09)) & HIGH;
            let above_cr = (x + ONES * (0x80 - 0x0E)) & HIGH;
            let space = (!not_blank & HIGH) | (at_least_tab & !above_cr);
            let space_before = (space << 8) | if in_word { 0 } else { 0x80 };
            // One bit per word start (bit 7 of its byte): their sum lands in the top byte.
            let starts = (!space & HIGH & space_before) >> 7;
            words += (starts.wrapping_mul(ONES) >> 56) as usize;
            in_word = space >> 63 == 0;
            i += BLOCK;
            if words > cap {
                return words;
            }
            continue;
        }
        // Otherwise one character at a time (a block that is not all ASCII, or the tail).
        let stop = (i + BLOCK).min(bytes.len());
        while i < stop {
            let b = bytes[i];
            let w = if ascii_space(b) != 0 {
                1
            } else if CLASS[b as usize] & MAY_SPACE != 0 {
                wide_space_at(bytes, i)
            } else {
                0
            };
            if w > 0 {
                in_word = false;
                i += w;
                continue;
            }
            if !in_word {
                in_word = true;
                words += 1;
            }
            i += 1;
        }
        if words > cap {
            return words;
        }
    }
    words
}

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;

pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

/// For eight bytes `x` below 0x80 each: the high bit of each byte set when that byte is at
/// least `lo` (1 ≤ `lo` ≤ 0x80; no sum carries into the next byte).
#[inline(always)]
pub(super) const fn bytes_at_least(x: u64, lo: u8) -> u64 {
    x.wrapping_add(ONES * (0x80 - lo as u64)) & HIGH
}

/// The high bit of each byte of `x` set when that byte is not an ASCII letter or digit.
#[inline(always)]
pub(super) const fn not_alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    let digit = bytes_at_least(low, b'0') & !bytes_at_least(low, b'9' + 1);
    let folded = low | (ONES * 0x20);
    let letter = bytes_at_least(folded, b'a') & !bytes_at_least(folded, b'z' + 1);
    // (a byte of 0x80 or above is never one: `!x & HIGH` clears its bit)
    !((digit | letter) & !x & HIGH) & HIGH
}

/// The end of the run of ASCII letters and digits at `bytes[i..]` (`i` when there is none),
/// eight bytes at a time while the bytes last.
#[inline]
pub(super) fn alnum_run_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(block) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(block.try_into().unwrap_or([0xFF; 8]));
        let other = not_alnum_bytes(x);
        if other != 0 {
            return i + other.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < bytes.len() && CLASS[bytes[i] as usize] & NOT_ALNUM == 0 {
        i += 1;
    }
    i
}

/// Which bytes of a 64-byte window of the text are not ASCII letters or digits, for the
/// tokenizer's main loop: one classification per 64 bytes rather than one per token.
pub(super) struct AlnumWindow {
    /// Where the window starts.
    pub(super) base: usize,
    /// Bit `k` set when `bytes[base + k]` is not an ASCII letter or digit, or past the end.
    pub(super) other: u64,
}

impl AlnumWindow {
    pub(super) fn at(bytes: &[u8], base: usize) -> AlnumWindow {
        let mut padded = [0u8; 64]; // (0 is no letter or digit)
        let window: &[u8; 64] = match bytes.get(base..base.saturating_add(64)) {
            Some(w) => w.try_into().unwrap_or(&padded),
            None => {
                let tail = bytes.get(base..).unwrap_or(&[]);
                padded[..tail.len()].copy_from_slice(tail);
                &padded
            }
        };
        AlnumWindow { base, other: !alnum_bits(window) }
    }

    /// [`alnum_run_end`]`(bytes, i)`, moving the window as needed.
    #[inline(always)]
    pub(super) fn run_end(&mut self, bytes: &[u8], mut i: usize) -> usize {
        loop {
            let offset = i.wrapping_sub(self.base);
            if offset >= 64 {
                *self = AlnumWindow::at(bytes, i);
                continue;
            }
            let rest = self.other >> offset;
            if rest != 0 {
                return i + rest.trailing_zeros() as usize;
            }
            i = self.base + 64;
        }
    }
}

/// The bits of 64 bytes (bit `k` for `window[k]`) that are ASCII letters or digits, with SSE2
/// (part of every x86-64 CPU): four compares and a movemask per 16 bytes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
pub(super) fn alnum_bits(window: &[u8; 64]) -> u64 {
    // SAFETY: the build's target has SSE2 (the `cfg` above), which `sse2_alnum_bits` needs.
    unsafe { sse2_alnum_bits(window) }
}

/// [`alnum_bits`] with the SSE2 instructions.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
pub(super) fn sse2_alnum_bits(window: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    let mut alnum = 0u64;
    for (k, block) in window.chunks_exact(16).enumerate() {
        // SAFETY: `block` is 16 readable bytes, and `_mm_loadu_si128` reads 16 bytes from any
        // address (no alignment needed). Measured: the classification takes less than half the
        // instructions of the byte-by-byte one, which was a tenth of the tokenizer's.
        let x = unsafe { _mm_loadu_si128(block.as_ptr().cast::<__m128i>()) };
        // Bytes in lo..=hi, with signed compares: the bytes from 0x80 up are negative, below
        // every ASCII range. (A macro, not a closure: a closure does not have the function's
        // target features.)
        macro_rules! within {
            ($v:expr, $lo:expr, $hi:expr) => {
                _mm_and_si128(
                    _mm_cmpgt_epi8($v, _mm_set1_epi8($lo as i8 - 1)),
                    _mm_cmplt_epi8($v, _mm_set1_epi8($hi as i8 + 1)),
                )
            };
        }
        let folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        let a = _mm_or_si128(within!(x, b'0', b'9'), within!(folded, b'a', b'z'));
        alnum |= u64::from(_mm_movemask_epi8(a) as u16) << (16 * k);
    }
    alnum
}

/// [`alnum_bits`] byte by byte, where there is no SSE2.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(super) fn alnum_bits(window: &[u8; 64]) -> u64 {
    let mut alnum = 0u64;
    for (k, &b) in window.iter().enumerate() {
        alnum |= u64::from(CLASS[b as usize] & NOT_ALNUM == 0) << k;
    }
    alnum
}

/// Whether the byte at `i` ends a chunk as ASCII whitespace does, or there is no byte.
#[inline(always)]
pub(super) fn ascii_space_or_end(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_none_or(|&b| CLASS[b as usize] & WS != 0)
}
