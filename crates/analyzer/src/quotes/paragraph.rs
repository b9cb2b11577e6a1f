//! One paragraph prepared for the rules: its tokens with their word classes, sentences and
//! quoted regions ([`Para`]), and the cues found in it ([`FoundCue`]).

use super::marks::Region;
use super::words::{LowerBuf, Word, class, is_punct, is_quote_mark, words};
use std::borrow::Cow;
use storyline_model::{Span, Token};

/// A token of the paragraph.
pub(super) struct ParaToken<'a> {
    /// The token's text (its offsets are those of [`Para::tokens`] at its index).
    pub(super) text: &'a str,
    /// The text lowercased.
    pub(super) lower: &'a str,
    /// The table entry of the lowercase form: cue and word lists ([`ParaToken::cue`], [`class`] bits),
    /// with [`class::PUNCT`] added.
    pub(super) word: Word,
    /// Index of the quoted region the token is in.
    pub(super) region: Option<usize>,
    /// Index of the sentence (in the paragraph) the token is in.
    pub(super) sent: usize,
}

impl ParaToken<'_> {
    /// The cue lemma and weight of the token's lowercase form.
    pub(super) fn cue(&self) -> Option<(&'static str, u8)> {
        self.word.cue()
    }

    /// Whether the token is in one of the word lists of `class` ([`class`] bits).
    pub(super) fn has(&self, class: u16) -> bool {
        self.word.class & class != 0
    }
}

pub(super) struct Para<'a> {
    pub(super) text: &'a str,
    pub(super) span: Span,
    pub(super) toks: Vec<ParaToken<'a>>,
    /// The paragraph's tokens of the article, one for each of `toks`.
    pub(super) tokens: &'a [Token],
    pub(super) sents: &'a [(usize, usize)],
    pub(super) regions: Vec<Region>,
    /// The paragraph is the article's title ("Glenn Beck Says Trump Poses A Threat"): cue verbs
    /// are capitalized there.
    pub(super) title: bool,
    /// The article names its authors (a byline): a first-person narrator (`I think …`) is
    /// someone, kept as a speaker; without one the narrator's words are no one's statement.
    pub(super) authored: bool,
}

/// A cue found in the paragraph: its tokens and lemma.
#[derive(Debug)]
pub(super) struct FoundCue {
    /// The cue's first token.
    pub(super) first: usize,
    /// The token after the cue (`first + 1` for one word, `first + 2` for "according to").
    pub(super) end: usize,
    /// The lemma: the lexicon's own (borrowed) or made up for this cue.
    pub(super) lemma: Cow<'static, str>,
}

impl<'a> Para<'a> {
    /// The paragraph `span` of `text` with its `tokens` (their lowercase forms in `lowered`, filled
    /// for them) and sentences (token ranges of the paragraph).
    pub(super) fn new(
        text: &'a str,
        lowered: &'a LowerBuf,
        span: Span,
        tokens: &'a [Token],
        sents: &'a [(usize, usize)],
    ) -> Option<Self> {
        let regions = super::marks::regions(text, span.start, span.end);
        // Most paragraphs have no form of their own, many no quotes: loops without the tests
        // for them.
        match (lowered.extra.is_empty(), regions.is_empty()) {
            (true, true) => Self::build::<false, false>(text, lowered, span, tokens, sents, regions),
            (true, false) => Self::build::<false, true>(text, lowered, span, tokens, sents, regions),
            (false, true) => Self::build::<true, false>(text, lowered, span, tokens, sents, regions),
            (false, false) => Self::build::<true, true>(text, lowered, span, tokens, sents, regions),
        }
    }

    /// [`Para::new`] with the paragraph's quoted `regions`, with `EXTRA` false when `lowered`
    /// has no forms of their own and `QUOTED` false when there are no regions.
    pub(super) fn build<const EXTRA: bool, const QUOTED: bool>(
        text: &'a str,
        lowered: &'a LowerBuf,
        span: Span,
        tokens: &'a [Token],
        sents: &'a [(usize, usize)],
        regions: Vec<Region>,
    ) -> Option<Self> {
        let mut toks: Vec<ParaToken<'a>> = Vec::with_capacity(tokens.len());
        let table = words();
        // The region at or after the current token (its bounds, `usize::MAX` past the last one).
        let mut r = 0;
        let region_at = |r: usize| regions.get(r).map_or((usize::MAX, usize::MAX), |g| (g.start, g.end));
        let (mut r_start, mut r_end) = region_at(r);
        // The current sentence, and the token that starts the next one (`usize::MAX` in the last).
        let mut si = 0;
        let next_start = |si: usize| if si + 1 < sents.len() { sents[si].1 } else { usize::MAX };
        let mut next = next_start(si);
        // The token of the next form of its own (`usize::MAX` after the last).
        let mut extra = 0;
        let extra_at = |x: usize| lowered.extra.get(x).map_or(usize::MAX, |e| e.0);
        let mut next_extra = extra_at(extra);
        // The paragraph and its lowercase copy (same length, same character boundaries: ASCII
        // lowercasing changes no byte outside A-Z). A token with no form of its own lies inside
        // the paragraph and is sliced from both at the same offsets, with one bounds check each.
        let para = text.get(span.start..span.end).unwrap_or("");
        let para_lower = lowered.buf.get(..para.len()).unwrap_or("");
        // Whether `x` is a character boundary of `para` (its end, or a byte that starts a character).
        let boundary = |x: usize| para.as_bytes().get(x).map_or(x == para.len(), |&c| (c as i8) >= -0x40);
        const PUNCT: Word = Word { cue: 0, class: class::PUNCT };
        // Each token's record goes into its slot of the reserved vector: no capacity check.
        for ((k, t), slot) in tokens.iter().enumerate().zip(toks.spare_capacity_mut()) {
            let region = if QUOTED {
                while r_end <= t.start {
                    r += 1;
                    (r_start, r_end) = region_at(r);
                }
                (r_start <= t.start && t.end <= r_end).then_some(r)
            } else {
                None
            };
            while next <= k {
                si += 1;
                next = next_start(si);
            }
            let (s, lower, word) = if EXTRA && k == next_extra {
                let s = text.get(t.start..t.end).unwrap_or("");
                let lower =
                    lowered.extra.get(extra).and_then(|&(_, a, b)| lowered.buf.get(a..b)).unwrap_or(s);
                extra += 1;
                next_extra = extra_at(extra);
                (s, lower, if is_punct(lower) { PUNCT } else { table.get(lower.as_bytes()) })
            } else {
                // A reversed token or one that cuts a character is "", as
                // `text.get(t.start..t.end)` would make it.
                let (a, b) = (t.start.wrapping_sub(span.start), t.end.wrapping_sub(span.start));
                let (s, lower) = if a <= b && boundary(a) && boundary(b) {
                    // SAFETY: `a <= b <= para.len()` (`boundary` holds for no index past the end)
                    // and both are character boundaries of `para`, so also of `para_lower`, which
                    // has its length and its bytes outside A-Z. One check for the two slices
                    // instead of two `get`s: about 3% of the quotes stage.
                    unsafe { (para.get_unchecked(a..b), para_lower.get_unchecked(a..b)) }
                } else if t.start < span.start || t.end > span.end {
                    // Outside the paragraph (where the test above always fails), with `lowered`
                    // filled for tokens inside it only (`LowerBuf::fill`): it wants a fill for
                    // every token.
                    return None;
                } else {
                    ("", "")
                };
                let l = lower.as_bytes();
                // ASCII lowercasing keeps every character's class: `s` is as much punctuation
                // as `lower`.
                let word = if !l.first().is_some_and(u8::is_ascii_alphanumeric) && is_punct(s) {
                    PUNCT
                } else {
                    table.get(l)
                };
                (s, lower, word)
            };
            slot.write(ParaToken { text: s, lower, word, region, sent: si });
        }
        // SAFETY: `with_capacity` reserved at least `tokens.len()` slots, so the loop, which has
        // no early exit but the `return`, wrote the first `tokens.len()` of them.
        unsafe { toks.set_len(tokens.len()) };
        Some(Para { text, span, toks, tokens, sents, regions, title: false, authored: false })
    }

    pub(super) fn lower(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.lower)
    }

    /// Whether token `i` is in one of the word lists of `class` (false past the end).
    pub(super) fn is(&self, i: usize, class: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(class))
    }

    /// Whether token `i` has no alphanumeric character ([`is_punct`]; true past the end, as for "").
    pub(super) fn punct(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.has(class::PUNCT))
    }

    /// The region whose closing mark is token `k` (or the comma right after it).
    pub(super) fn closing_region(&self, k: usize) -> Option<usize> {
        let t = self.toks.get(k)?;
        let r = t.region?;
        (self.regions[r].end == self.tokens[k].end && is_quote_mark(t.text)).then_some(r)
    }

    pub(super) fn region_before_delim(&self, delim: usize) -> Option<usize> {
        let t = &self.toks[delim];
        if let Some(r) = self.closing_region(delim) {
            return Some(r);
        }
        if matches!(t.text, "," | "—" | "–" | "--" | "-" | ":")
            && delim > 0
            && let Some(r) = self.closing_region(delim - 1)
        {
            return Some(r);
        }
        // `,"` ends the region after the comma: the delimiter is inside the region.
        if let Some(r) = t.region
            && delim + 1 < self.toks.len()
            && self.closing_region(delim + 1) == Some(r)
        {
            return Some(r);
        }
        None
    }

    pub(super) fn span(&self, a: usize, b: usize) -> Option<Span> {
        (a < b && b <= self.toks.len()).then(|| Span::new(self.tokens[a].start, self.tokens[b - 1].end))
    }

    /// Index just after the last token ending at or before `end`.
    pub(super) fn tok_end_of(&self, end: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= end)
    }
}
