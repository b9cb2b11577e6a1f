//! The stage-2 (non-local) features: from the stage-1 tags of the whole document, how the
//! same word was tagged elsewhere.

use super::*;

/// Per lowercase form of a document: predicted type counts over its capitalised occurrences
/// (`[4]`: outside), and the types of the multi-token entities containing it.
pub(crate) type TagCounts = ([u16; 5], u8);

/// Adds to `counts` the stage-1 tag of a token (only capitalised tokens count).
#[inline]
pub(crate) fn count_tag(cap: u8, tag: u8, e: &mut TagCounts) {
    use crate::ner::tags::{U, tag_pos, tag_type};
    debug_assert!(is_cap(cap));
    match tag_type(tag) {
        None => e.0[4] = e.0[4].saturating_add(1),
        Some(ty) => {
            e.0[ty] = e.0[ty].saturating_add(1);
            if tag_pos(tag) != U {
                e.1 |= 1 << ty;
            }
        }
    }
}

/// Whether a token's stage-1 tag counts in its lowercase form's [`TagCounts`].
#[inline]
pub(crate) fn counts_tag(cap: u8) -> bool {
    is_cap(cap)
}

/// The [`small_feature`] codes of the stage-2 features of a token: its tag, those of its
/// neighbours in the sentence (`None` past its ends), its capitalisation class and the
/// [`TagCounts`] of its lowercase form (`None` when no capitalised occurrence was counted).
#[inline]
pub(crate) fn stage2_codes(
    tag: u8,
    prev: Option<u8>,
    next: Option<u8>,
    cap: u8,
    counts: Option<&TagCounts>,
    mut push: impl FnMut(usize),
) {
    push(stage2_tag_code(tag));
    push(stage2_prev_code(prev));
    push(stage2_next_code(next));
    if let Some(c) = counts {
        let (major, seen_multi) = stage2_form(cap, c);
        stage2_form_codes(major, seen_multi, push);
    }
}

/// Number of values of the first [`stage2_form`] (`major type << 3 | cap`).
pub(crate) const N_S2MAJOR: usize = 40;
/// Number of values of the second [`stage2_form`] (`seen types | multi-token types << 4`).
pub(crate) const N_S2SEEN_MULTI: usize = 256;

/// What the stage-2 features of a token take from the [`TagCounts`] of its lowercase form:
/// `major type << 3 | cap` (`< N_S2MAJOR`) and `seen types | multi-token types << 4`
/// (`< N_S2SEEN_MULTI`).
#[inline]
pub(crate) fn stage2_form(cap: u8, (c, multi): &TagCounts) -> (usize, usize) {
    let mut major = 4;
    for ty in 0..4 {
        if c[ty] > c[major] {
            major = ty;
        }
    }
    let seen = c[..4].iter().enumerate().fold(0, |m, (ty, &x)| m | usize::from(x > 0) << ty);
    (major << 3 | (cap as usize & 7), seen | (*multi as usize & 0xF) << 4)
}

/// The [`small_feature`] codes of the stage-2 features from a [`stage2_form`].
pub(crate) fn stage2_form_codes(major: usize, seen_multi: usize, mut push: impl FnMut(usize)) {
    push(small_code::STAGE2_DOCUMENT_MAJORITY + major);
    for ty in 0..4 {
        if seen_multi & 1 << ty != 0 {
            push(small_code::STAGE2_DOCUMENT_SEEN + ty);
        }
    }
    let multi = seen_multi >> 4;
    if multi != 0 {
        push(small_code::STAGE2_DOCUMENT_IN_MULTI + multi);
    }
}

/// The [`small_feature`] codes of the stage-2 features of a token's tag, and of its neighbours'
/// (`None` past the sentence's ends).
pub(crate) fn stage2_tag_code(tag: u8) -> usize {
    small_code::STAGE2_TAG + tag as usize
}
pub(crate) fn stage2_prev_code(prev: Option<u8>) -> usize {
    small_code::STAGE2_PREVIOUS_TAG + prev.map_or(NT, usize::from)
}
pub(crate) fn stage2_next_code(next: Option<u8>) -> usize {
    small_code::STAGE2_NEXT_TAG + next.map_or(NT, usize::from)
}

/// Stage-2 (non-local) features from the stage-1 tags of the whole document (flattened, one per
/// token). Appends to `feats`; token `k`'s are `feats[starts[k]..starts[k + 1]]`. Needs the
/// features of [`extract`] (with [`DocFeatures::lw`] and [`DocFeatures::cap`]).
pub fn stage2_features(doc: &DocFeatures, tags: &[u8], feats: &mut Vec<u64>, starts: &mut Vec<u32>) {
    feats.clear();
    starts.clear();
    let n = doc.lw.len().min(doc.cap.len()).min(tags.len());
    let mut counts: IdMap<TagCounts> = IdMap::default();
    for ((&cap, &lw), &tag) in doc.cap.iter().zip(&doc.lw).zip(tags) {
        if counts_tag(cap) {
            count_tag(cap, tag, counts.entry(lw).or_default());
        }
    }
    for s in doc.sent_start.windows(2) {
        let (a, b) = (s[0].min(n), s[1].min(n));
        for k in a..b {
            starts.push(feats.len() as u32);
            let prev = if k > a { Some(tags[k - 1]) } else { None };
            let next = if k + 1 < b { Some(tags[k + 1]) } else { None };
            stage2_codes(tags[k], prev, next, doc.cap[k], counts.get(&doc.lw[k]), |c| {
                feats.push(small_feature(c))
            });
        }
    }
    starts.push(feats.len() as u32);
}
