//! The BILOU tag set over the four CoNLL types, span conversion and constrained Viterbi decoding.

use storyline_model::EntityType;

/// Number of entity types (PER, ORG, LOC, MISC).
pub const N_TYPES: usize = 4;
/// Number of tags: `O` plus B/I/L/U for each type.
pub const NT: usize = 1 + 4 * N_TYPES;
/// The outside tag.
pub const O: u8 = 0;

/// Position of a token inside an entity.
pub const B: usize = 0;
pub const I: usize = 1;
pub const L: usize = 2;
pub const U: usize = 3;

/// Entity types in tag order.
pub const TYPES: [EntityType; N_TYPES] =
    [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc];

/// The tag for type index `ty` (0..4) at position `pos` (B, I, L, U).
#[inline]
pub const fn tag(ty: usize, pos: usize) -> u8 {
    (1 + ty * 4 + pos) as u8
}

/// Type index of a tag (`None` for `O`).
#[inline]
pub const fn tag_type(t: u8) -> Option<usize> {
    if t == O || t as usize >= NT { None } else { Some((t as usize - 1) / 4) }
}

/// Position (B, I, L, U) of a non-`O` tag.
#[inline]
pub const fn tag_pos(t: u8) -> usize {
    (t as usize).saturating_sub(1) % 4
}

/// Type index of a CoNLL label (`PER`, `ORG`, `LOC`, `MISC`).
pub fn type_index(label: &str) -> Option<usize> {
    TYPES.iter().position(|t| t.label() == label)
}

/// Whether `cur` may follow `prev` (`None`: sentence start).
#[inline]
pub const fn allowed(prev: Option<u8>, cur: u8) -> bool {
    let open = match prev {
        None => None,
        Some(p) => match tag_type(p) {
            Some(ty) if tag_pos(p) == B || tag_pos(p) == I => Some(ty),
            _ => None,
        },
    };
    match (open, tag_type(cur)) {
        (None, None) => true,
        (None, Some(_)) => tag_pos(cur) == B || tag_pos(cur) == U,
        (Some(_), None) => false,
        (Some(ty), Some(cty)) => ty == cty && (tag_pos(cur) == I || tag_pos(cur) == L),
    }
}

/// Whether a sentence may end with tag `t`.
#[inline]
pub const fn allowed_end(t: u8) -> bool {
    match tag_type(t) {
        None => true,
        Some(_) => tag_pos(t) == L || tag_pos(t) == U,
    }
}

/// BILOU tags for `n` tokens from spans `(first, end_exclusive, type_index)`; overlapping or
/// out-of-range spans are skipped.
pub fn spans_to_tags(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![O; n];
    for &(s, e, ty) in spans {
        if s >= e || e > n || ty >= N_TYPES || tags[s..e].iter().any(|&t| t != O) {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(ty, U);
        } else {
            tags[s] = tag(ty, B);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(ty, I);
            }
            tags[e - 1] = tag(ty, L);
        }
    }
    tags
}

/// Spans `(first, end_exclusive, type_index)` of a tag sequence. Tolerates invalid sequences: an
/// entity runs from a B/U (or a type change) until an L/U, an O, or a type change.
pub fn tags_to_spans(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    for_each_span(tags, |s, e, ty| spans.push((s, e, ty)));
    spans
}

/// [`tags_to_spans`] without the vector: calls `span(start, end, type)` for each span, in order.
#[inline]
pub fn for_each_span(tags: &[u8], mut span: impl FnMut(usize, usize, usize)) {
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_type(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    span(s, i, ty);
                }
            }
            Some(ty) => {
                let pos = tag_pos(t);
                let continues = matches!(open, Some((_, oty)) if oty == ty) && (pos == I || pos == L);
                if !continues {
                    if let Some((s, oty)) = open.take() {
                        span(s, i, oty);
                    }
                    open = Some((i, ty));
                }
                if (pos == L || pos == U)
                    && let Some((s, oty)) = open.take()
                {
                    span(s, i + 1, oty);
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        span(s, tags.len(), ty);
    }
}

/// `ALLOWED[p][t]`: tag `t` may follow tag `p`.
const ALLOWED: [[bool; NT]; NT] = {
    let mut a = [[false; NT]; NT];
    let mut p = 0;
    while p < NT {
        let mut t = 0;
        while t < NT {
            a[p][t] = allowed(Some(p as u8), t as u8);
            t += 1;
        }
        p += 1;
    }
    a
};

/// Scores usable by [`Viterbi`].
pub trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> {
    /// Score of a forbidden transition; sums of a few of these with real scores must not overflow.
    const NEG: Self;
    const ZERO: Self;
}

impl Score for i32 {
    const NEG: i32 = i32::MIN / 4;
    const ZERO: i32 = 0;
}

impl Score for f32 {
    const NEG: f32 = -1.0e30;
    const ZERO: f32 = 0.0;
}

impl Score for f64 {
    const NEG: f64 = -1.0e300;
    const ZERO: f64 = 0.0;
}

/// Tags after which an entity is closed (`O`, `L-*`, `U-*`), ascending: the only tags that may
/// precede `O`, `B-*` and `U-*`.
const CLOSED: [usize; NC] = {
    let mut c = [0; NC];
    let mut ty = 0;
    while ty < N_TYPES {
        c[1 + 2 * ty] = tag(ty, L) as usize;
        c[2 + 2 * ty] = tag(ty, U) as usize;
        ty += 1;
    }
    c
};
/// Tags that may follow a closed tag (`O`, `B-*`, `U-*`), ascending.
const OPENING: [usize; NC] = {
    let mut c = [0; NC];
    let mut ty = 0;
    while ty < N_TYPES {
        c[1 + 2 * ty] = tag(ty, B) as usize;
        c[2 + 2 * ty] = tag(ty, U) as usize;
        ty += 1;
    }
    c
};
/// Number of closed (and of opening) tags.
const NC: usize = 1 + 2 * N_TYPES;
/// [`NC`] rounded up for SIMD (the extra columns score [`Score::NEG`]).
const NCP: usize = 12;

/// Transition scores with the BILOU constraints folded in (forbidden moves score [`Score::NEG`]).
#[derive(Clone, Debug)]
pub struct Transitions<S> {
    tr: [[S; NT]; NT],
    start: [S; NT],
    end: [S; NT],
    /// `closed[i][j]`: from `CLOSED[i]` to `OPENING[j]` (the allowed moves but those inside an
    /// entity, `B|I → I|L` of one type).
    closed: [[S; NCP]; NC],
}

impl<S: Score> Transitions<S> {
    /// From `(NT + 1) × NT` transition weights (row `NT`: sentence start) and `NT` end weights;
    /// missing entries count as zero.
    #[allow(clippy::needless_range_loop)]
    pub fn new(trans: &[S], end: &[S]) -> Self {
        let get = |v: &[S], i: usize| v.get(i).copied().unwrap_or(S::ZERO);
        let mut t = Transitions {
            tr: [[S::NEG; NT]; NT],
            start: [S::NEG; NT],
            end: [S::NEG; NT],
            closed: [[S::NEG; NCP]; NC],
        };
        for p in 0..NT {
            for c in 0..NT {
                if ALLOWED[p][c] {
                    t.tr[p][c] = get(trans, p * NT + c);
                }
            }
        }
        for c in 0..NT {
            if allowed(None, c as u8) {
                t.start[c] = get(trans, NT * NT + c);
            }
            if allowed_end(c as u8) {
                t.end[c] = get(end, c);
            }
        }
        for (i, &p) in CLOSED.iter().enumerate() {
            for (j, &c) in OPENING.iter().enumerate() {
                t.closed[i][j] = t.tr[p][c];
            }
        }
        t
    }
}

/// Constrained first-order Viterbi decoder with reusable buffers.
pub struct Viterbi<S> {
    back: Vec<[u8; NT]>,
    _score: std::marker::PhantomData<S>,
}

impl<S: Score> Default for Viterbi<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Score> Viterbi<S> {
    pub fn new() -> Self {
        Viterbi { back: Vec::new(), _score: std::marker::PhantomData }
    }

    /// Best valid tag sequence for `n` tokens with emissions `emit` (`n × NT`). Writes `n` tags
    /// into `out` (cleared first). Scores are renormalised at each token, so long sentences
    /// cannot overflow integer scores.
    pub fn decode(&mut self, n: usize, emit: &[S], tr: &Transitions<S>, out: &mut Vec<u8>) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.decode_avx2(n, emit, tr, out) };
            return;
        }
        self.decode_portable(n, emit, tr, out);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn decode_avx2(&mut self, n: usize, emit: &[S], tr: &Transitions<S>, out: &mut Vec<u8>) {
        self.decode_portable(n, emit, tr, out);
    }

    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn decode_portable(&mut self, n: usize, emit: &[S], tr: &Transitions<S>, out: &mut Vec<u8>) {
        out.clear();
        if n == 0 || emit.len() < n * NT {
            out.resize(n, O);
            return;
        }
        self.back.clear();
        self.back.resize(n, [0; NT]);
        let mut prev = [S::NEG; NT];
        for t in 0..NT {
            prev[t] = tr.start[t] + emit[t];
        }
        normalise(&mut prev);
        for (em, bk) in emit[..n * NT].chunks_exact(NT).zip(self.back.iter_mut()).skip(1) {
            // Only the allowed moves are scored: closed → opening tags, and B|I → I|L within a
            // type. Predecessors in ascending order with ties keeping the earlier tag, as a full
            // search would do.
            let mut next = [S::NEG; NT];
            let mut best = [S::NEG; NCP];
            let mut arg = [0u32; NCP];
            for (&p, row) in CLOSED.iter().zip(&tr.closed) {
                let pv = prev[p];
                for j in 0..NCP {
                    let s = pv + row[j];
                    let better = s > best[j];
                    best[j] = if better { s } else { best[j] };
                    arg[j] = if better { p as u32 } else { arg[j] };
                }
            }
            for (j, &c) in OPENING.iter().enumerate() {
                next[c] = best[j];
                bk[c] = arg[j] as u8;
            }
            for ty in 0..N_TYPES {
                let (b, i) = (tag(ty, B) as usize, tag(ty, I) as usize);
                for c in [i, tag(ty, L) as usize] {
                    let (sb, si) = (prev[b] + tr.tr[b][c], prev[i] + tr.tr[i][c]);
                    let (mut best, mut arg) = (S::NEG, O);
                    if sb > best {
                        (best, arg) = (sb, b as u8);
                    }
                    if si > best {
                        (best, arg) = (si, i as u8);
                    }
                    next[c] = best;
                    bk[c] = arg;
                }
            }
            for t in 0..NT {
                prev[t] = next[t] + em[t];
            }
            normalise(&mut prev);
        }
        let mut best = S::NEG;
        let mut arg = O;
        for t in 0..NT {
            let s = prev[t] + tr.end[t];
            if s > best {
                best = s;
                arg = t as u8;
            }
        }
        out.resize(n, O);
        let mut t = arg;
        for i in (0..n).rev() {
            out[i] = t;
            t = self.back[i][t as usize];
        }
    }
}

/// Subtracts the best score from all (forbidden states stay far below).
#[inline(always)]
fn normalise<S: Score>(v: &mut [S; NT]) {
    let mut m = v[0];
    for &x in v.iter() {
        if x > m {
            m = x;
        }
    }
    for x in v.iter_mut() {
        let y = *x - m;
        *x = if y < S::NEG { S::NEG } else { y };
    }
}

/// The tags other than `O` in lane order, the order of the emission scores [`LaneViterbi`]
/// takes: B and U of each type (the opening tags but `O`), then I and L of each type (the tags
/// inside an entity), so that each group fills one 8-lane vector. `O` has no lane: the lanes hold
/// scores relative to its.
pub const LANE_TAGS: [u8; 2 * LANES] = {
    let mut l = [0u8; 2 * LANES];
    let mut ty = 0;
    while ty < N_TYPES {
        l[2 * ty] = tag(ty, B);
        l[2 * ty + 1] = tag(ty, U);
        l[LANES + 2 * ty] = tag(ty, I);
        l[LANES + 2 * ty + 1] = tag(ty, L);
        ty += 1;
    }
    l
};
/// Lanes of a vector in [`LaneViterbi`].
const LANES: usize = 2 * N_TYPES;
/// Emission scores of a token in lane order ([`LANE_TAGS`]), relative to `O`'s.
pub type LaneScores = [i32; 2 * LANES];
type V8 = [i32; LANES];

/// The position of each tag among the lanes (`O`: `2 * LANES`, after them).
const LANE_OF: [usize; NT] = {
    let mut p = [2 * LANES; NT];
    let mut j = 0;
    while j < 2 * LANES {
        p[LANE_TAGS[j] as usize] = j;
        j += 1;
    }
    p
};

/// [`Transitions`] of integer scores in the layout of [`LaneViterbi`].
#[derive(Clone, Debug)]
pub struct LaneTransitions {
    /// Sentence start and end, per lane, then `O`'s.
    start: [i32; 2 * LANES + 1],
    end: [i32; 2 * LANES + 1],
    /// Per closed tag (in [`CLOSED`] order): to the B and U lanes, then to `O`.
    open: [V8; NC],
    open_o: [i32; NC],
    /// To the I and L lanes from the B (`from_b`) and the I (`from_i`) of their type.
    from_b: V8,
    from_i: V8,
}

impl LaneTransitions {
    #[allow(clippy::needless_range_loop)]
    pub fn new(t: &Transitions<i32>) -> Self {
        let mut lt = LaneTransitions {
            start: [0; 2 * LANES + 1],
            end: [0; 2 * LANES + 1],
            open: [[0; LANES]; NC],
            open_o: [0; NC],
            from_b: [0; LANES],
            from_i: [0; LANES],
        };
        for (j, &c) in LANE_TAGS.iter().enumerate() {
            lt.start[j] = t.start[c as usize];
            lt.end[j] = t.end[c as usize];
        }
        lt.start[2 * LANES] = t.start[O as usize];
        lt.end[2 * LANES] = t.end[O as usize];
        for (q, &p) in CLOSED.iter().enumerate() {
            for j in 0..LANES {
                lt.open[q][j] = t.tr[p][LANE_TAGS[j] as usize];
            }
            lt.open_o[q] = t.tr[p][O as usize];
        }
        for j in 0..LANES {
            let c = LANE_TAGS[LANES + j] as usize;
            let ty = j / 2;
            lt.from_b[j] = t.tr[tag(ty, B) as usize][c];
            lt.from_i[j] = t.tr[tag(ty, I) as usize][c];
        }
        lt
    }
}

/// Back pointers of one token, in lane order then `O`'s (as wide as the scores, which keeps the
/// vector code simple).
type Back = [i32; 2 * LANES + 1];

/// Constrained Viterbi over integer emission scores in lane order ([`LaneScores`]): the same
/// decisions as [`Viterbi::decode`] (with `O` scoring 0), computed on 8-lane vectors (the B and
/// U tags, and the I and L tags) and `O` on its own.
#[derive(Default)]
pub struct LaneViterbi {
    back: Vec<Back>,
}

impl LaneViterbi {
    pub fn new() -> Self {
        LaneViterbi::default()
    }

    /// Best valid tags for the tokens of `em` into `out` (`min(em.len(), out.len())` of them).
    pub fn decode(&mut self, em: &[LaneScores], tr: &LaneTransitions, out: &mut [u8]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            unsafe { self.decode_avx2(em, tr, out) };
            return;
        }
        self.decode_inline(em, tr, out);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn decode_avx2(&mut self, em: &[LaneScores], tr: &LaneTransitions, out: &mut [u8]) {
        self.decode_inline(em, tr, out);
    }

    /// As [`Viterbi::decode`]: the moves scored are closed → opening tags (predecessors in
    /// ascending order, ties keeping the earlier) and B|I → I|L within a type (B first); scores
    /// are renormalised at each token.
    /// [`LaneViterbi::decode`] without the choice of code for the CPU (for callers that make it).
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    pub fn decode_inline(&mut self, em: &[LaneScores], tr: &LaneTransitions, out: &mut [u8]) {
        let n = em.len().min(out.len());
        let Some(first) = em.first() else { return };
        if n == 0 {
            return;
        }
        // Every entry used is written first.
        if self.back.len() < n {
            self.back.resize(n, [0; 2 * LANES + 1]);
        }
        let mut a: V8 = std::array::from_fn(|j| tr.start[j] + first[j]);
        let mut c: V8 = std::array::from_fn(|j| tr.start[LANES + j] + first[LANES + j]);
        let mut o = tr.start[2 * LANES];
        normalise_lanes(&mut a, &mut c, &mut o);
        for (e, bk) in em[1..n].iter().zip(&mut self.back[1..n]) {
            // Closed tags: O, then L and U of each type (ascending).
            let closed: [i32; NC] = [o, c[1], a[1], c[3], a[3], c[5], a[5], c[7], a[7]];
            let (best_a, arg_a) = best_openings(&closed, tr);
            let (best_o, arg_o) = best_to_outside(&closed, tr);
            let (best_c, arg_c) = best_continuations(&a, &c, tr);
            for j in 0..LANES {
                a[j] = best_a[j] + e[j];
                c[j] = best_c[j] + e[LANES + j];
            }
            o = best_o;
            normalise_lanes(&mut a, &mut c, &mut o);
            bk[..LANES].copy_from_slice(&arg_a);
            bk[LANES..2 * LANES].copy_from_slice(&arg_c);
            bk[2 * LANES] = arg_o;
        }
        let mut t = best_final_tag(&a, &c, o, tr);
        for i in (0..n).rev() {
            out[i] = t;
            t = self.back[i][LANE_OF[t as usize % NT]] as u8;
        }
    }
}

/// Per lane of the B and U tags (lane order), the tag B of its type.
const B_TAG: V8 = {
    let mut v = [0; LANES];
    let mut j = 0;
    while j < LANES {
        v[j] = tag(j / 2, B) as i32;
        v[j + 1] = v[j];
        j += 2;
    }
    v
};

/// Per lane of the I and L tags (lane order), the tag I of its type.
const I_TAG: V8 = {
    let mut v = B_TAG;
    let mut j = 0;
    while j < LANES {
        v[j] += 1;
        j += 1;
    }
    v
};

/// The best scores of the opening tags (B and U, lane order) from the `closed` tags' scores,
/// and the closed tag each comes from.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn best_openings(closed: &[i32; NC], tr: &LaneTransitions) -> (V8, V8) {
    let mut best_a = [S_NEG; LANES];
    let mut arg_a = [0i32; LANES];
    for q in 0..NC {
        let v = closed[q];
        let p = CLOSED[q] as i32;
        let row = &tr.open[q];
        for j in 0..LANES {
            let s = v + row[j];
            let better = s > best_a[j];
            best_a[j] = if better { s } else { best_a[j] };
            arg_a[j] = if better { p } else { arg_a[j] };
        }
    }
    (best_a, arg_a)
}

/// The best score of `O` from the `closed` tags' scores, and the closed tag it comes from: the
/// first closed tag of the best score above `S_NEG` (as [`best_openings`] keeps it, but with
/// the eight L and U scores in one vector).
#[inline(always)]
fn best_to_outside(closed: &[i32; NC], tr: &LaneTransitions) -> (i32, i32) {
    let from_o = closed[0] + tr.open_o[0];
    let from_lu: V8 = std::array::from_fn(|j| closed[1 + j] + tr.open_o[1 + j]);
    let m = from_lu.iter().fold(from_o, |m, &x| m.max(x));
    if m <= S_NEG {
        (S_NEG, 0)
    } else if from_o == m {
        (m, CLOSED[0] as i32)
    } else {
        let at = from_lu.iter().enumerate().fold(0u32, |k, (j, &x)| k | u32::from(x == m) << j);
        (m, CLOSED[1 + (at.trailing_zeros() as usize & 7)] as i32)
    }
}

/// The best scores of the tags inside entities (I and L, lane order) and the tag each comes
/// from: the B (lanes 2ty of `a`) or the I (lanes 2ty of `c`) of its type.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn best_continuations(a: &V8, c: &V8, tr: &LaneTransitions) -> (V8, V8) {
    let mut best_c = [S_NEG; LANES];
    let mut arg_c = [0i32; LANES];
    for j in 0..LANES {
        let sb = a[j & !1] + tr.from_b[j];
        let si = c[j & !1] + tr.from_i[j];
        let b_better = sb > S_NEG;
        let b = if b_better { sb } else { S_NEG };
        let arg = if b_better { B_TAG[j] } else { 0 };
        let i_better = si > b;
        best_c[j] = if i_better { si } else { b };
        arg_c[j] = if i_better { I_TAG[j] } else { arg };
    }
    (best_c, arg_c)
}

/// The last token's tag: the first tag (in tag order) of the best final score above `S_NEG`,
/// else `O` (the best score first, over the lanes, which vectorises; then its tag).
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn best_final_tag(a: &V8, c: &V8, o: i32, tr: &LaneTransitions) -> u8 {
    let mut flat = [0i32; 2 * LANES + 1];
    flat[..LANES].copy_from_slice(a);
    flat[LANES..2 * LANES].copy_from_slice(c);
    flat[2 * LANES] = o;
    let mut fin = [0i32; 2 * LANES + 1];
    for lane in 0..2 * LANES + 1 {
        fin[lane] = flat[lane] + tr.end[lane];
    }
    let best = fin.iter().fold(S_NEG, |m, &s| m.max(s));
    let mut t = O;
    if best > S_NEG {
        t = LANE_OF.iter().position(|&lane| fin[lane] == best).map_or(O, |tag| tag as u8);
    }
    t
}

/// [`Score::NEG`] of `i32`.
const S_NEG: i32 = <i32 as Score>::NEG;

/// [`normalise`] of the lanes and `O` together.
#[allow(clippy::needless_range_loop)]
#[inline(always)]
fn normalise_lanes(a: &mut V8, c: &mut V8, o: &mut i32) {
    let mut mv = [0i32; LANES];
    for j in 0..LANES {
        mv[j] = a[j].max(c[j]);
    }
    let m = mv.iter().fold(*o, |m, &x| m.max(x));
    for j in 0..LANES {
        a[j] = (a[j] - m).max(S_NEG);
        c[j] = (c[j] - m).max(S_NEG);
    }
    *o = (*o - m).max(S_NEG);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full search over all `NT × NT` moves (the reference for [`Viterbi::decode`]).
    #[allow(clippy::needless_range_loop)]
    fn decode_dense(n: usize, emit: &[i32], tr: &Transitions<i32>) -> Vec<u8> {
        let mut back = vec![[0u8; NT]; n];
        let mut prev = [i32::NEG; NT];
        for t in 0..NT {
            prev[t] = tr.start[t] + emit[t];
        }
        normalise(&mut prev);
        for k in 1..n {
            let mut best = [i32::NEG; NT];
            for p in 0..NT {
                for t in 0..NT {
                    let s = prev[p] + tr.tr[p][t];
                    if s > best[t] {
                        best[t] = s;
                        back[k][t] = p as u8;
                    }
                }
            }
            for t in 0..NT {
                prev[t] = best[t] + emit[k * NT + t];
            }
            normalise(&mut prev);
        }
        let (mut best, mut arg) = (i32::NEG, O);
        for t in 0..NT {
            if prev[t] + tr.end[t] > best {
                best = prev[t] + tr.end[t];
                arg = t as u8;
            }
        }
        let mut out = vec![O; n];
        let mut t = arg;
        for i in (0..n).rev() {
            out[i] = t;
            t = back[i][t as usize];
        }
        out
    }

    #[test]
    fn sparse_viterbi_matches_the_full_search() {
        let mut state = 0x9E37_79B9u64;
        let mut next = move |m: i32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % (2 * m as u64 + 1)) as i32 - m
        };
        let mut vit = Viterbi::new();
        let mut out = Vec::new();
        for round in 0..500 {
            // Small ranges make ties frequent.
            let m = if round % 2 == 0 { 3 } else { 100_000 };
            let trans: Vec<i32> = (0..(NT + 1) * NT).map(|_| next(m)).collect();
            let end: Vec<i32> = (0..NT).map(|_| next(m)).collect();
            let tr = Transitions::new(&trans, &end);
            let n = 1 + (next(10) + 10) as usize;
            let emit: Vec<i32> = (0..n * NT).map(|_| next(m)).collect();
            vit.decode(n, &emit, &tr, &mut out);
            assert_eq!(out, decode_dense(n, &emit, &tr), "round {round}");
        }
    }

    #[test]
    fn lane_viterbi_matches_the_full_search() {
        let mut state = 0x2545_F491u64;
        let mut next = move |m: i32| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % (2 * m as u64 + 1)) as i32 - m
        };
        let mut vit = LaneViterbi::new();
        for round in 0..2000 {
            // Small ranges make ties frequent.
            let m = [2, 5, 100_000][round % 3];
            let trans: Vec<i32> = (0..(NT + 1) * NT).map(|_| next(m)).collect();
            let end: Vec<i32> = (0..NT).map(|_| next(m)).collect();
            let tr = Transitions::new(&trans, &end);
            let n = 1 + (next(10) + 10) as usize;
            let emit: Vec<i32> = (0..n * NT).map(|_| next(m)).collect();
            // Relative to O: the same decisions.
            let lanes: Vec<LaneScores> = emit
                .chunks_exact(NT)
                .map(|e| std::array::from_fn(|j| e[LANE_TAGS[j] as usize] - e[O as usize]))
                .collect();
            let mut out = vec![0u8; n];
            vit.decode(&lanes, &LaneTransitions::new(&tr), &mut out);
            assert_eq!(out, decode_dense(n, &emit, &tr), "round {round}");
        }
    }

    #[test]
    fn span_round_trip() {
        let spans = vec![(0, 2, 0), (3, 4, 2), (4, 7, 3)];
        let tags = spans_to_tags(8, &spans);
        assert_eq!(tags_to_spans(&tags), spans);
    }

    #[test]
    fn viterbi_respects_constraints() {
        let n = 3;
        // Emissions favour I-PER everywhere, which is invalid at the start.
        let mut emit = vec![0i32; n * NT];
        for i in 0..n {
            emit[i * NT + tag(0, I) as usize] = 10;
        }
        let tr = Transitions::new(&[0i32; (NT + 1) * NT], &[0; NT]);
        let mut out = Vec::new();
        Viterbi::new().decode(n, &emit, &tr, &mut out);
        let spans = tags_to_spans(&out);
        assert!(
            out.iter().enumerate().all(|(i, &t)| allowed(if i == 0 { None } else { Some(out[i - 1]) }, t))
        );
        assert!(allowed_end(out[n - 1]));
        assert_eq!(spans, vec![(0, 3, 0)]);
    }
}
