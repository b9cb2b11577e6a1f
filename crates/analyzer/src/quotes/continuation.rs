//! Quotes with no cue of their own that continue an attribution: further quotes in the
//! paragraph and quoted paragraphs right after an attributed quote.

use super::MIN_BARE_WORDS;
use super::draft::{Carry, Draft};
use super::marks::Region;
use super::paragraph::Para;
use super::words::{capitalized, class, is_terminal, word_count};
use storyline_model::Span;

/// The paragraph's attributions, indexed for the quoted regions that look for theirs.
struct DraftIndex {
    /// Content spans `(start, end, draft)`, sorted by start.
    spans: Vec<(usize, usize, usize)>,
    /// For each of `spans`, the running maximum of their ends and its draft: which draft covers
    /// a region is a binary search.
    reach: Vec<(usize, usize)>,
    /// `(content start, draft)`, sorted: "the closest attribution before".
    firsts: Vec<(usize, usize)>,
    /// `(cue token, draft)`, sorted: quotes that go on after an interruption.
    by_cue: Vec<(usize, usize)>,
}

impl DraftIndex {
    /// The draft whose content covers part of `r`.
    fn covering(&self, r: &Region) -> Option<usize> {
        let k = self.spans.partition_point(|s| s.0 < r.end);
        self.reach.get(k.checked_sub(1)?).filter(|&&(m, _)| m > r.start).map(|&(_, d)| d)
    }

    /// The draft whose content starts last before `start`.
    fn closest_before(&self, start: usize) -> Option<usize> {
        let k = self.firsts.partition_point(|f| f.0 < start);
        k.checked_sub(1).map(|k| self.firsts[k].1)
    }

    /// The draft whose cue is the last before token `tok`: `(cue token, draft)`.
    fn cue_before(&self, tok: usize) -> Option<(usize, usize)> {
        let k = self.by_cue.partition_point(|c| c.0 < tok);
        k.checked_sub(1).map(|k| self.by_cue[k])
    }
}

/// Who the paragraph's quotes go to as they are read.
struct Claims {
    /// The previous paragraph's quote that ran to its end unclaimed.
    orphan: Option<(Span, Option<Span>)>,
    /// The previous paragraph's last quoted attribution (quotes opening this one continue it).
    prev_open: Option<usize>,
    /// This paragraph's quote running to its end unclaimed.
    new_orphan: Option<(Span, Option<Span>)>,
    /// The attribution of the last quote read: the speaker of the quotes that follow.
    last_region_draft: Option<usize>,
}

impl<'a> Para<'a> {
    /// Quotes nobody claimed: further quotes of a speaker in the paragraph, and quoted paragraphs
    /// continuing the previous paragraph's speaker.
    pub(super) fn continuations(&self, drafts: &mut Vec<Draft>, para_first: usize, carry: &mut Carry) {
        let mut claims = Claims {
            orphan: carry.orphan.take(),
            prev_open: carry.open.take(),
            new_orphan: None,
            last_region_draft: None,
        };
        // Without quotes there is nothing to claim (the orphan and `carry` are settled below).
        if !self.regions.is_empty() {
            let index = self.draft_index(drafts, para_first);
            for (ri, r) in self.regions.iter().enumerate() {
                if let Some(d) = index.covering(r) {
                    self.claimed_region(ri, r, d, drafts, &mut claims);
                    continue;
                }
                let first_tok = self.tokens.partition_point(|t| t.end <= r.start);
                // Only "fewer than 2" and "at least 4" matter.
                let words = word_count(&self.text[r.start..r.end], MIN_BARE_WORDS.max(4));
                if !self.opens_sentence(first_tok) {
                    self.quote_inside_sentence(r, first_tok, words, &index, drafts, &mut claims);
                } else if words >= 2 {
                    self.quoted_sentence(ri, r, words, &index, drafts, &mut claims);
                }
            }
        }
        if let Some((o, source)) = claims.orphan
            && !drafts[para_first..].iter().any(|d| d.content.contains(&o))
        {
            drafts.push(Draft { content: vec![o], source, ..Draft::default() });
        }
        carry.orphan = claims.new_orphan;
        // Quotes opening the next paragraph continue this paragraph's last quoted attribution.
        let last = drafts.len().checked_sub(1).filter(|&d| d >= para_first);
        carry.open = last.filter(|&d| {
            drafts[d].content.iter().any(|c| super::marks::has_double_mark(c.slice(self.text), false))
        });
    }

    /// The paragraph's attributions (from `para_first`) indexed by content and cue.
    fn draft_index(&self, drafts: &[Draft], para_first: usize) -> DraftIndex {
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
        let mut firsts: Vec<(usize, usize)> = drafts[para_first..]
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.content.first().map(|c| (c.start, para_first + i)))
            .collect();
        firsts.sort_unstable();
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
        DraftIndex { spans, reach, firsts, by_cue }
    }

    /// Region `r` (the `ri`th) is part of attribution `d` already.
    fn claimed_region(&self, ri: usize, r: &Region, d: usize, drafts: &mut [Draft], claims: &mut Claims) {
        // The previous paragraph's unclaimed quote ran into this one: same speaker.
        if ri == 0
            && r.start == self.span.start
            && let Some((o, _)) = claims.orphan
        {
            drafts[d].content.push(o);
        }
        // Scare quotes ("called it "sad"") do not make their attribution the speaker of the
        // quotes that follow. A short quote inside a reported statement (`… accomplished "too
        // little," he added.`) does make its speaker the speaker of what follows.
        if drafts[d].cue.as_ref().is_some_and(|(_, l)| {
            matches!(l.as_ref(), "say" | "add" | "tell" | "write" | "continue" | "explain")
        }) || word_count(&self.text[r.start..r.end], 3) >= 3
        {
            claims.last_region_draft = Some(d);
        }
    }

    /// `… doesn't surprise Republican pollster Daron Shaw: "…"`, `Jeffrey M. Jones: "…"`: the
    /// name right before a colon that introduces a quote (its capitalised words, after no
    /// preposition: not `what happened in Iowa: "…"`).
    fn colon_source(&self, first_tok: usize) -> Option<Span> {
        let colon = first_tok.checked_sub(1)?;
        if self.toks[colon].text != ":" || self.toks[colon].region.is_some() {
            return None;
        }
        let sa = self.sents.get(self.toks[colon].sent)?.0;
        let mut k = colon;
        while k > sa
            && colon - k < 6
            && self.toks[k - 1].region.is_none()
            && (capitalized(self.toks[k - 1].text) || self.abbrev_dot(k - 1))
        {
            k -= 1;
        }
        if k == colon || self.abbrev_dot(k) {
            return self.clause_subject_before_colon(sa, colon);
        }
        // (`RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: "…"`: a dash sets the name off.)
        if k > sa
            && (self.is(k - 1, class::PREP | class::PUNCT) && !matches!(self.lower(k - 1), "-" | "–" | "—")
                || matches!(self.lower(k - 1), "of" | "for" | "by" | "with" | "about"))
        {
            return None;
        }
        self.span(k, colon)
    }

    /// `“…” — Neil Gaiman`, `"…" -- Mark Twain, 1897`: a name of up to five capitalised words
    /// after a dash that follows the quote, ending the paragraph or followed by a comma (an
    /// epigraph's or a pull quote's credit).
    fn dash_source(&self, r: &Region) -> Option<Span> {
        let d = self.tok_end_of(r.end);
        let t = self.toks.get(d)?;
        if t.region.is_some() || !matches!(t.text, "—" | "–" | "--" | "―") {
            return None;
        }
        let a = d + 1;
        let mut k = a;
        while k < self.toks.len()
            && k - a < 5
            && self.toks[k].region.is_none()
            && (capitalized(self.toks[k].text) || self.abbrev_dot(k))
        {
            k += 1;
        }
        (k > a && (k == self.toks.len() || self.toks[k].text == ",")).then(|| self.span(a, k)).flatten()
    }

    /// `She then addressed the supporters again: "…"`: the subject of the clause that a colon
    /// ends, when it is a personal pronoun or a name (not `The message was clear: "…"`), and the
    /// clause holds no quote of its own.
    fn clause_subject_before_colon(&self, sa: usize, colon: usize) -> Option<Span> {
        if colon < sa + 2 || (sa..colon).any(|x| self.toks[x].region.is_some() || self.toks[x].text == ":") {
            return None;
        }
        let sp = self.subject(self.toks[colon].sent, colon)?;
        let first = self.tokens.partition_point(|t| t.start < sp.start);
        let last = self.tokens.partition_point(|t| t.end <= sp.end);
        let pronoun = last == first + 1 && matches!(self.lower(first), "he" | "she" | "they" | "i" | "we");
        let name = (first..last).all(|x| capitalized(self.toks[x].text) || self.abbrev_dot(x));
        // The subject is followed by the clause's verb, not by the colon or a comma (`At a rally
        // in Birmingham, Alabama, on Saturday, …`).
        (last < colon && !self.punct(last) && (pronoun || name)).then_some(sp)
    }

    /// Whether a quote starting at token `first_tok` stands as a sentence (not a scare quote
    /// inside one).
    fn opens_sentence(&self, first_tok: usize) -> bool {
        first_tok == 0
            || self
                .toks
                .get(first_tok)
                .is_some_and(|t| self.sents.get(t.sent).is_some_and(|s| s.0 == first_tok))
            || is_terminal(self.lower(first_tok.saturating_sub(1)))
            || self.lower(first_tok.saturating_sub(1)) == ":"
    }

    /// An unclaimed quote inside a sentence: `"…," Smith, who …, said, "…"` (the speaker goes on
    /// after a comma), or a long quote with no cue in its sentence (someone's words all the
    /// same).
    fn quote_inside_sentence(
        &self,
        r: &Region,
        first_tok: usize,
        words: usize,
        index: &DraftIndex,
        drafts: &mut Vec<Draft>,
        claims: &mut Claims,
    ) {
        let sent = self.toks.get(first_tok).map(|t| t.sent);
        let same = index.cue_before(first_tok).filter(|&(c, _)| Some(self.toks[c].sent) == sent);
        if first_tok > 0
            && self.toks[first_tok - 1].text == ","
            && self.toks[first_tok - 1].region.is_none()
            && let Some((_, d)) = same
        {
            drafts[d].content.push(Span::new(r.start, r.end));
            claims.last_region_draft = Some(d);
        } else if words >= MIN_BARE_WORDS && same.is_none() && !self.narrators_sentence(first_tok) {
            drafts.push(Draft { content: vec![Span::new(r.start, r.end)], ..Draft::default() });
        }
    }

    /// Whether the sentence of token `first_tok` is the narrator's, up to it: "I" or "we" outside
    /// quote marks in the 40 words before it, in an article that names no author (`We called it “an incredible
    /// feat when it decides to work.”`: the site quoting itself, no one's statement to list).
    fn narrators_sentence(&self, first_tok: usize) -> bool {
        let Some(sent) = self.toks.get(first_tok).map(|t| t.sent) else { return false };
        let Some(&(sa, _)) = self.sents.get(sent) else { return false };
        // (the 40 words before it: a sentence of a thousand quotes is not read once per quote)
        !self.authored
            && (sa.max(first_tok.saturating_sub(40))..first_tok)
                .any(|x| self.toks[x].region.is_none() && matches!(self.toks[x].text, "I" | "we" | "We"))
    }

    /// An unclaimed quote standing as a sentence (the `ri`th region, `words` words, at least
    /// 2): the closest attribution before it in the paragraph, else the previous paragraph's
    /// (when it opens this one), else an attribution of its own.
    fn quoted_sentence(
        &self,
        ri: usize,
        r: &Region,
        words: usize,
        index: &DraftIndex,
        drafts: &mut Vec<Draft>,
        claims: &mut Claims,
    ) {
        let span = Span::new(r.start, r.end);
        let last_region = r.open_end && ri + 1 == self.regions.len();
        // `“Had he taken The Dragon Waiting …” — Neil Gaiman`: the credit after a dash.
        if let Some(source) = self.dash_source(r) {
            drafts.push(Draft { content: vec![span], source: Some(source), ..Draft::default() });
            claims.last_region_draft = Some(drafts.len() - 1);
            return;
        }
        if let Some(d) = claims.last_region_draft.or_else(|| index.closest_before(r.start)) {
            drafts[d].content.push(span);
            claims.last_region_draft = Some(d);
            return;
        }
        if ri == 0 && r.start == self.span.start {
            if let Some(d) = claims.prev_open {
                drafts[d].content.push(span);
                claims.last_region_draft = Some(d);
                return;
            }
            if let Some((o, source)) = claims.orphan {
                // Two unclaimed paragraphs of one quote.
                drafts.push(Draft { content: vec![o, span], source, ..Draft::default() });
                claims.last_region_draft = Some(drafts.len() - 1);
                if last_region {
                    claims.new_orphan = None;
                }
                return;
            }
        }
        let first = self.tokens.partition_point(|t| t.end <= r.start);
        // (`…: ''…,'' the pitch on Kickstarter says.`: a quote closed by a comma has its speaker
        // after it.)
        let comma_closed =
            self.text[r.start..r.end].trim_end_matches(['"', '”', '\'', '’', '»']).ends_with(',');
        let source = if comma_closed { None } else { self.colon_source(first) };
        if last_region {
            claims.new_orphan = Some((span, source));
        } else if words >= 4 {
            drafts.push(Draft { content: vec![span], source, ..Draft::default() });
            claims.last_region_draft = Some(drafts.len() - 1);
        }
    }
}
