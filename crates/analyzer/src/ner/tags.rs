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
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_type(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    spans.push((s, i, ty));
                }
            }
            Some(ty) => {
                let pos = tag_pos(t);
                let continues = matches!(open, Some((_, oty)) if oty == ty) && (pos == I || pos == L);
                if !continues {
                    if let Some((s, oty)) = open.take() {
                        spans.push((s, i, oty));
                    }
                    open = Some((i, ty));
                }
                if pos == L || pos == U {
                    if let Some((s, oty)) = open.take() {
                        spans.push((s, i + 1, oty));
                    }
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        spans.push((s, tags.len(), ty));
    }
    spans
}

/// For each tag, the tags that may precede it.
struct Prevs {
    list: [[u8; NT]; NT],
    len: [usize; NT],
}

const PREVS: Prevs = {
    let mut list = [[0u8; NT]; NT];
    let mut len = [0usize; NT];
    let mut cur = 0;
    while cur < NT {
        let mut p = 0;
        while p < NT {
            if allowed(Some(p as u8), cur as u8) {
                list[cur][len[cur]] = p as u8;
                len[cur] += 1;
            }
            p += 1;
        }
        cur += 1;
    }
    Prevs { list, len }
};

/// Scores usable by [`Viterbi`].
pub trait Score: Copy + PartialOrd + std::ops::Add<Output = Self> {
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

/// Constrained first-order Viterbi decoder with reusable buffers.
#[derive(Default)]
pub struct Viterbi<S> {
    score: Vec<S>,
    back: Vec<u8>,
}

impl<S: Score> Viterbi<S> {
    pub fn new() -> Self {
        Viterbi { score: Vec::new(), back: Vec::new() }
    }

    /// Best valid tag sequence. `emit` is `n × NT`, `trans` is `(NT + 1) × NT` (row `NT`: sentence
    /// start), `end` is `NT`. Writes `n` tags into `out` (cleared first).
    pub fn decode(&mut self, n: usize, emit: &[S], trans: &[S], end: &[S], out: &mut Vec<u8>) {
        out.clear();
        if n == 0 || emit.len() < n * NT || trans.len() < (NT + 1) * NT || end.len() < NT {
            out.resize(n, O);
            return;
        }
        self.score.clear();
        self.score.resize(n * NT, S::NEG);
        self.back.clear();
        self.back.resize(n * NT, 0);
        for t in 0..NT {
            if allowed(None, t as u8) {
                self.score[t] = trans[NT * NT + t] + emit[t];
            }
        }
        for i in 1..n {
            let (before, after) = self.score.split_at_mut(i * NT);
            let prev = &before[(i - 1) * NT..];
            let cur = &mut after[..NT];
            let em = &emit[i * NT..(i + 1) * NT];
            let back = &mut self.back[i * NT..(i + 1) * NT];
            for t in 0..NT {
                let mut best = S::NEG;
                let mut arg = 0u8;
                for &p in &PREVS.list[t][..PREVS.len[t]] {
                    let s = prev[p as usize] + trans[p as usize * NT + t];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                cur[t] = best + em[t];
                back[t] = arg;
            }
        }
        let last = &self.score[(n - 1) * NT..n * NT];
        let mut best = S::NEG;
        let mut arg = 0u8;
        for t in 0..NT {
            if allowed_end(t as u8) {
                let s = last[t] + end[t];
                if s > best || (t == 0 && best <= S::NEG) {
                    best = s;
                    arg = t as u8;
                }
            }
        }
        out.resize(n, O);
        let mut t = arg;
        for i in (0..n).rev() {
            out[i] = t;
            t = self.back[i * NT + t as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let trans = vec![0i32; (NT + 1) * NT];
        let end = vec![0i32; NT];
        let mut out = Vec::new();
        Viterbi::new().decode(n, &emit, &trans, &end, &mut out);
        let spans = tags_to_spans(&out);
        assert!(
            out.iter().enumerate().all(|(i, &t)| allowed(if i == 0 { None } else { Some(out[i - 1]) }, t))
        );
        assert!(allowed_end(out[n - 1]));
        assert_eq!(spans, vec![(0, 3, 0)]);
    }
}
