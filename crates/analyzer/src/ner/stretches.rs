//! Runs of tokens that may be names ([`Stretch`]): finding them, their Viterbi transitions by
//! where they lie in the sentence, and decoding them.

use super::*;

/// A run of tokens of a sentence that may be names (the tokens around it, if any, may not).
#[derive(Clone, Copy, Debug)]
pub(super) struct Stretch {
    /// Its first token (document-wide index).
    pub(super) first: u32,
    pub(super) len: u32,
    /// Its sentence.
    pub(super) sent: u32,
    /// Where it lies: `starts_sentence | ends_sentence << 1` (see [`Tagger::trans`]).
    pub(super) at: u8,
}

impl Stretch {
    /// Its tokens (document-wide indexes).
    #[inline]
    pub(super) fn tokens(&self) -> std::ops::Range<usize> {
        self.first as usize..(self.first + self.len) as usize
    }

    /// The tokens of its sentence in `doc` (document-wide indexes): `(start, end)`.
    #[inline]
    pub(super) fn sentence(&self, doc: &DocFeatures) -> (usize, usize) {
        let s = self.sent as usize;
        (doc.sent_start[s], doc.sent_start[s + 1])
    }
}

/// Decodes each stretch with the transitions of where it lies (see [`Tagger::decode`]).
#[inline(always)]
pub(super) fn decode_stretches(
    trans: &[LaneTransitions; 4],
    stretches: &[Stretch],
    em: &[LaneScores],
    vit: &mut LaneViterbi,
    out: &mut [u8],
) {
    // Index in `em` (in tokens) of the stretch's first token.
    let mut m = 0;
    for st in stretches {
        let (k, len) = (st.first as usize, st.len as usize);
        if let (Some(em), Some(out)) = (em.get(m..m + len), out.get_mut(k..k + len)) {
            vit.decode_inline(em, &trans[st.at as usize & 3], out);
        }
        m += len;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(super) fn decode_avx2(
    trans: &[LaneTransitions; 4],
    stretches: &[Stretch],
    em: &[LaneScores],
    vit: &mut LaneViterbi,
    out: &mut [u8],
) {
    decode_stretches(trans, stretches, em, vit, out);
}

/// The [`Stretch`]es of the tokens of `doc` that may be names, in order, into `out`.
pub(super) fn find_stretches(doc: &DocFeatures, out: &mut Vec<Stretch>) {
    out.clear();
    for (s, w) in doc.sent_start.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        let may = &doc.may_name[a..b];
        let mut k = 0;
        while k < may.len() {
            if !may[k] {
                k += 1;
                continue;
            }
            let e = may[k..].iter().position(|&m| !m).map_or(may.len(), |p| k + p);
            let at = u8::from(k == 0) | u8::from(e == may.len()) << 1;
            out.push(Stretch { first: (a + k) as u32, len: (e - k) as u32, sent: s as u32, at });
            k = e;
        }
    }
}

/// The words of `sentences`, flattened, and the sentences' lengths.
pub(super) fn flatten<S: AsRef<str>>(sentences: &[Vec<S>]) -> (Vec<&str>, Vec<usize>) {
    (sentences.iter().flatten().map(AsRef::as_ref).collect(), sentences.iter().map(Vec::len).collect())
}

/// The four [`Tagger::trans`] of a stage from its transition weights (`(NT + 1) × NT`, row `NT`:
/// sentence start) and end weights: a stretch not at the sentence's start starts as after an `O`,
/// one not at its end ends as before an `O`.
pub(super) fn stretch_transitions(trans: &[i32], end: &[i32]) -> [LaneTransitions; 4] {
    let get = |i: usize| trans.get(i).copied().unwrap_or(0);
    let o = tags::O as usize;
    std::array::from_fn(|at| {
        let (starts, ends) = (at & 1 != 0, at & 2 != 0);
        let mut tr: Vec<i32> = (0..(NT + 1) * NT).map(get).collect();
        if !starts {
            for c in 0..NT {
                tr[NT * NT + c] = get(o * NT + c);
            }
        }
        let en: Vec<i32> = if ends {
            (0..NT).map(|c| end.get(c).copied().unwrap_or(0)).collect()
        } else {
            (0..NT).map(|c| get(c * NT + o)).collect()
        };
        LaneTransitions::new(&Transitions::new(&tr, &en))
    })
}

/// `x / 2^shift`, rounded half away from zero.
pub(super) fn halve(x: i32, shift: u32) -> i32 {
    if shift == 0 { x } else { (x + x.signum()) / 2 }
}
