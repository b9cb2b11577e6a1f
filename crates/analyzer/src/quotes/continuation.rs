//! Quotes with no cue of their own that continue an attribution: further quotes in the
//! paragraph and quoted paragraphs right after an attributed quote.

use super::MIN_BARE_WORDS;
use super::draft::{Carry, Draft};
use super::marks::Region;
use super::paragraph::Para;
use super::words::{is_terminal, word_count};
use storyline_model::Span;

impl<'a> Para<'a> {
    /// Quotes nobody claimed: further quotes of a speaker in the paragraph, and quoted paragraphs
    /// continuing the previous paragraph's speaker.
    pub(super) fn continuations(&self, drafts: &mut Vec<Draft>, para_first: usize, carry: &mut Carry) {
        let orphan = carry.orphan.take();
        let prev_open = carry.open.take();
        let mut new_orphan = None;
        // Without quotes there is nothing to claim (the orphan and `carry` are settled below).
        if !self.regions.is_empty() {
            let mut last_region_draft: Option<usize> = None;
            // The content spans of the paragraph's attributions, sorted by start, with the running
            // maximum of their ends: which draft covers a region is a binary search.
            let mut spans: Vec<(usize, usize, usize)> = drafts[para_first..]
                .iter()
                .enumerate()
                .flat_map(|(i, d)| d.content.iter().map(move |c| (c.start, c.end, para_first + i)))
                .collect();
            spans.sort_unstable();
            let mut reach: Vec<(usize, usize)> = Vec::with_capacity(spans.len()); // (max end, draft)
            for &(_, e, d) in &spans {
                let best = reach.last().copied().filter(|&(m, _)| m >= e).unwrap_or((e, d));
                reach.push(best);
            }
            let covering = |r: &Region| -> Option<usize> {
                let k = spans.partition_point(|s| s.0 < r.end);
                reach.get(k.checked_sub(1)?).filter(|&&(m, _)| m > r.start).map(|&(_, d)| d)
            };
            // Attributions by the start of their content, for "the closest one before".
            let mut firsts: Vec<(usize, usize)> = drafts[para_first..]
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.content.first().map(|c| (c.start, para_first + i)))
                .collect();
            firsts.sort_unstable();
            // Attributions by the token of their cue, for quotes that go on after an interruption.
            let mut by_cue: Vec<(usize, usize)> = drafts[para_first..]
                .iter()
                .enumerate()
                .filter_map(|(i, d)| {
                    let c = d.cue.as_ref()?.0;
                    (c.start >= self.span.start && c.end <= self.span.end)
                        .then(|| (self.tokens.partition_point(|t| t.start < c.start), para_first + i))
                })
                .collect();
            by_cue.sort_unstable();
            for (ri, r) in self.regions.iter().enumerate() {
                if let Some(d) = covering(r) {
                    // The previous paragraph's unclaimed quote ran into this one: same speaker.
                    if ri == 0
                        && r.start == self.span.start
                        && let Some(o) = orphan
                    {
                        drafts[d].content.push(o);
                    }
                    // Scare quotes ("called it "sad"") do not make their attribution the speaker of
                    // the quotes that follow.
                    // A short quote inside a reported statement (`… accomplished "too little," he
                    // added.`) does make its speaker the speaker of what follows.
                    if drafts[d].cue.as_ref().is_some_and(|(_, l)| {
                        matches!(l.as_ref(), "say" | "add" | "tell" | "write" | "continue" | "explain")
                    }) || word_count(&self.text[r.start..r.end], 3) >= 3
                    {
                        last_region_draft = Some(d);
                    }
                    continue;
                }
                // Only quotes that stand as sentences (not scare quotes inside one).
                let first_tok = self.tokens.partition_point(|t| t.end <= r.start);
                let standalone = first_tok == 0
                    || self
                        .toks
                        .get(first_tok)
                        .is_some_and(|t| self.sents.get(t.sent).is_some_and(|s| s.0 == first_tok))
                    || is_terminal(self.lower(first_tok.saturating_sub(1)))
                    || self.lower(first_tok.saturating_sub(1)) == ":";
                // Only "fewer than 2" and "at least 4" matter.
                let words = word_count(&self.text[r.start..r.end], MIN_BARE_WORDS.max(4));
                if !standalone {
                    // `"…," Smith, who …, said, "…"`: the speaker goes on after a comma.
                    let sent = self.toks.get(first_tok).map(|t| t.sent);
                    let k = by_cue.partition_point(|c| c.0 < first_tok);
                    let same =
                        k.checked_sub(1).map(|k| by_cue[k]).filter(|&(c, _)| Some(self.toks[c].sent) == sent);
                    if first_tok > 0
                        && self.toks[first_tok - 1].text == ","
                        && self.toks[first_tok - 1].region.is_none()
                        && let Some((_, d)) = same
                    {
                        drafts[d].content.push(Span::new(r.start, r.end));
                        last_region_draft = Some(d);
                    } else if words >= MIN_BARE_WORDS && same.is_none() {
                        // A long quote inside a sentence with no cue: someone's words all the same.
                        drafts.push(Draft { content: vec![Span::new(r.start, r.end)], ..Draft::default() });
                    }
                    continue;
                }
                if words < 2 {
                    continue;
                }
                let span = Span::new(r.start, r.end);
                // The closest attribution before it in this paragraph.
                let k = firsts.partition_point(|f| f.0 < r.start);
                let before = last_region_draft.or_else(|| k.checked_sub(1).map(|k| firsts[k].1));
                if let Some(d) = before {
                    drafts[d].content.push(span);
                    last_region_draft = Some(d);
                    continue;
                }
                if ri == 0 && r.start == self.span.start {
                    if let Some(d) = prev_open {
                        drafts[d].content.push(span);
                        last_region_draft = Some(d);
                        continue;
                    }
                    if let Some(o) = orphan {
                        // Two unclaimed paragraphs of one quote.
                        drafts.push(Draft { content: vec![o, span], ..Draft::default() });
                        last_region_draft = Some(drafts.len() - 1);
                        if r.open_end && ri + 1 == self.regions.len() {
                            new_orphan = None;
                        }
                        continue;
                    }
                }
                if r.open_end && ri + 1 == self.regions.len() {
                    new_orphan = Some(span);
                    continue;
                }
                if words >= 4 {
                    drafts.push(Draft { content: vec![span], ..Draft::default() });
                    last_region_draft = Some(drafts.len() - 1);
                }
            }
        }
        if let Some(o) = orphan
            && !drafts[para_first..].iter().any(|d| d.content.contains(&o))
        {
            drafts.push(Draft { content: vec![o], ..Draft::default() });
        }
        carry.orphan = new_orphan;
        // Quotes opening the next paragraph continue this paragraph's last quoted attribution.
        let last = drafts.len().checked_sub(1).filter(|&d| d >= para_first);
        carry.open = last.filter(|&d| {
            drafts[d].content.iter().any(|c| super::marks::has_double_mark(c.slice(self.text), false))
        });
    }
}
