//! The attribution patterns of one paragraph: direct quotes with the cue before, after or
//! inside, reported speech around a cue (`X said (that) …`, `…, X said.`, `…, said X.`,
//! `…, saying …`), speech nouns ("a statement that …") and `according to X`.

use super::cues::cue_in;
use super::draft::{Carry, Draft};
use super::paragraph::{FoundCue, Para};
use super::vocabulary::{NOUN_CUE, SOURCE_HEADS, TELL_LEMMAS};
use super::words::{capitalized, class, is_quote_mark, is_terminal, word_count};
use super::{MAX_SCAN, MAX_SOURCE};
use std::borrow::Cow;
use storyline_model::{QuoteAct, Span};

/// A number or quantity of people: "three", "10", "68%", "percent", "half", "most", "majority".
fn is_count_word(w: &str) -> bool {
    w.trim_end_matches('%').bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
                | "half"
                | "third"
                | "thirds"
                | "quarter"
                | "quarters"
                | "percent"
                | "%"
                | "majority"
                | "minority"
                | "most"
                | "many"
                | "some"
                | "few"
                | "all"
                | "both"
                | "none"
                | "each"
                | "plurality"
                | "share"
                | "number"
        )
}

/// What the rules found left of one cue: its sentence, the source noun phrase and the token that
/// stopped it. Both readings of a cue (post-posed `"…," Smith said` and pre-posed
/// `Smith said …`) start from it.
struct LeftOfCue {
    /// The cue's sentence (index in the paragraph) and that sentence's token range.
    sent: usize,
    sa: usize,
    sb: usize,
    /// The source noun phrase left of the cue.
    np: Option<Span>,
    /// The token after the source noun phrase.
    np_end: usize,
    /// The token that stopped the noun phrase on its left (a comma, a closing quote, "who" …).
    delim: Option<usize>,
    /// The delimiter closes a quote ending the previous sentence (`"Why?" Smith asked.`).
    from_prev: bool,
    /// The subject is who was asked or told (`Clinton was asked whether …`), not the source.
    addressee: bool,
}

/// The words right after a post-posed cue and its source (`"…," Smith said Tuesday, adding …`).
struct AfterCue<'a> {
    /// The first token after the cue, its source and adjuncts, and its lowercase text.
    after: usize,
    a: &'a str,
    /// The sentence ends there (or a parenthesised aside opens after a quote).
    ends: bool,
    /// A comma or dash follows, with more words after it.
    comma_then: bool,
    /// After the comma, the next cue (`…, he said, adding …`).
    then_participle: bool,
    /// After the comma, "but" or "and" before a quote (0 or 1 token).
    conj: usize,
    /// After the comma, a quote: the quote goes on.
    then_quote: bool,
    /// The rest of the sentence reads as a clause.
    tail_clause: bool,
}

impl<'a> Para<'a> {
    /// Every attribution of the paragraph, pushed to `drafts`; `carry` links it with the
    /// paragraphs before and after.
    pub(super) fn extract(&self, drafts: &mut Vec<Draft>, carry: &mut Carry) {
        let para_first = drafts.len();
        if self.continues_colon_cue(drafts, carry) {
            return;
        }
        let cues = self.cues();
        let mut last_in_sentence: Option<(usize, usize)> = None; // (sentence, draft)
        let mut colon_draft = None;
        for (ci, cue) in cues.iter().enumerate() {
            let s = self.toks[cue.first].sent;
            let Some(&(sa, sb)) = self.sents.get(s) else { continue };
            let own_pattern = if cue.lemma.starts_with(NOUN_CUE) {
                self.noun_cue(cue, s, &cues, drafts);
                true
            } else if cue.lemma == "according to" {
                self.according(cue, s, &cues, drafts);
                true
            } else {
                false
            };
            if own_pattern {
                last_in_sentence = Some((s, drafts.len() - 1));
                continue;
            }
            if self.reported_by_previous_cue(ci, &cues) {
                continue;
            }
            if let Some(draft) = self.parenthetical(cue, s, sa, sb, &cues) {
                drafts.push(draft);
                last_in_sentence = Some((s, drafts.len() - 1));
                continue;
            }
            let Some(mut left) = self.left_of_cue(cue, s, sa, sb) else { continue };
            if let Some(draft) = self.post_posed(ci, &cues, &mut left) {
                drafts.push(draft);
                last_in_sentence = Some((s, drafts.len() - 1));
                continue;
            }
            let inherited = last_in_sentence
                .filter(|(ls, _)| *ls == s)
                .and_then(|(_, d)| drafts.get(d).and_then(|d| d.source));
            if let Some(draft) = self.pre_posed(cue, &cues, &left, inherited) {
                let colon = draft.content.is_empty();
                // `Perdue said he didn't believe …, arguing that …`: a cue inside the last
                // attribution's content is a reported clause's; a participle after it shares the
                // main clause's subject, so that attribution stays the one to inherit from.
                let cue_start = self.tokens[cue.first].start;
                let nested = last_in_sentence.filter(|(ls, _)| *ls == s).is_some_and(|(_, d)| {
                    drafts
                        .get(d)
                        .is_some_and(|d| d.content.iter().any(|c| c.start <= cue_start && cue_start < c.end))
                });
                drafts.push(draft);
                if colon {
                    colon_draft = Some(drafts.len() - 1);
                } else if !nested {
                    last_in_sentence = Some((s, drafts.len() - 1));
                }
            }
        }
        self.continuations(drafts, para_first, carry);
        if let Some(d) = colon_draft
            && drafts.get(d).is_some_and(|d| d.content.is_empty())
        {
            carry.open = Some(d);
            carry.colon = true;
        }
    }

    /// A colon cue at the end of the previous paragraph: this paragraph is its content (added
    /// to that attribution; `true`).
    fn continues_colon_cue(&self, drafts: &mut [Draft], carry: &mut Carry) -> bool {
        if std::mem::take(&mut carry.colon)
            && let Some(d) = carry.open
        {
            let p = self.span;
            let s = self.text.get(p.start..p.end).unwrap_or("");
            let e = p.start + s.trim_end().trim_end_matches(['.', ' ']).len();
            if let Some(dr) = drafts.get_mut(d) {
                dr.content.push(Span::new(p.start, e.max(p.start)));
            }
            // Later quoted paragraphs continue it.
            carry.orphan = None;
            return true;
        }
        false
    }

    /// `Lynch said she recalled thinking …`, `he said he thinks …`: the inner verb is part of
    /// what the outer cue reports, not an attribution of its own.
    fn reported_by_previous_cue(&self, ci: usize, cues: &[FoundCue]) -> bool {
        let cue = &cues[ci];
        cue.first >= 2
            && matches!(self.lower(cue.first - 1), "he" | "she" | "they" | "i" | "we")
            && cues.get(ci.wrapping_sub(1)).is_some_and(|p| {
                (p.end == cue.first - 1 || (p.end + 1 == cue.first - 1 && self.lower(p.end) == "that"))
                    && matches!(p.lemma.as_ref(), "say" | "tell" | "add" | "write")
            })
    }

    /// The source noun phrase and its delimiter left of the cue, in sentence `s` (`sa..sb`);
    /// `None` when the cue is no attribution at all (a passive, `was said to` hearsay).
    fn left_of_cue(&self, cue: &FoundCue, s: usize, sa: usize, sb: usize) -> Option<LeftOfCue> {
        // Walk left over "has also", then over the source noun phrase.
        let mut k = cue.first;
        while k > sa
            && (self.is(k - 1, class::BETWEEN)
                || self.lower(k - 1).ends_with("ly") && self.lower(k - 1).len() > 4)
        {
            k -= 1;
        }
        let mut np_end = k;
        let (mut np_start, mut delim) = self.np_left(sa, np_end);
        // `Esper on Wednesday accused …`: a time after the source is no source.
        if let Some(d) = delim
            && d > sa
            && np_start < np_end
            && matches!(self.lower(d), "on" | "in" | "at" | "during" | "late" | "early")
            && (np_start..np_end).all(|x| self.is(x, class::TIME_WORD))
        {
            let (a, dl) = self.np_left(sa, d);
            if a < d {
                (np_start, np_end, delim) = (a, d, dl);
            }
        }
        let mut from_prev = false;
        // `"Why?" Smith asked.`: the sentence splitter ends a sentence inside the quote.
        if delim.is_none()
            && sa > 0
            && self.toks[sa - 1].sent + 1 == s
            && self.closing_region(sa - 1).is_some()
        {
            delim = Some(sa - 1);
            from_prev = true;
        }
        // `A spokeswoman for the ministry said`, `one study in 146 people found`: the head
        // before the preposition is the source, the phrase after it part of it.
        if let Some(d) = delim
            && d > sa
            && np_start < np_end
            && matches!(self.lower(d), "for" | "of" | "in" | "at" | "with" | "from" | "by" | "to")
            && (SOURCE_HEADS.contains(&self.lower(d - 1)) && self.lower(d) != "to"
                // `a source close to him said`, `people familiar with the talks said`.
                || matches!((self.lower(d - 1), self.lower(d)), ("close", "to") | ("familiar", "with"))
                // `Three in 10 voters said`, `most of the delegates said`, `68 percent of
                // voters say`: a count of the speakers.
                || matches!(self.lower(d), "of" | "in") && is_count_word(self.lower(d - 1)))
        {
            let (a, dl) = self.np_left(sa, d);
            if a < d {
                (np_start, delim) = (a, dl);
            }
        }
        // `voters who watched the debate said`: the relative clause's verb opens no source; the
        // noun it describes does. `spent 45 seconds explaining`: a verb is no part of it.
        if np_start < np_end
            && self.toks[np_start].region.is_none()
            && self.verb_like(np_start)
            && !self.is(np_start, class::AUX)
        {
            if let Some(d) = delim
                && d > sa
                && matches!(self.lower(d), "who" | "that")
                && let (a, dl) = self.np_left(sa, d)
                && a < d
            {
                (np_start, delim) = (a, dl);
            } else {
                np_start += 1;
                while np_start < np_end && self.is(np_start, class::PREP) {
                    np_start += 1;
                }
            }
        }
        let np = (np_start < np_end).then(|| self.span(np_start, np_end)).flatten();
        // Passives ("was endorsed by") are not attributions to the subject.
        // (`will be recounted`, `are often described`: the word before, past adverbs.)
        let mut b = cue.first;
        while b > sa && self.lower(b - 1).ends_with("ly") && self.lower(b - 1).len() > 4 {
            b -= 1;
        }
        let passive = ((np_end..cue.first)
            .any(|x| matches!(self.lower(x), "is" | "are" | "was" | "were" | "been" | "be"))
            || b > sa && matches!(self.lower(b - 1), "be" | "being"))
            && self.lower(cue.first).ends_with("ed")
            && !matches!(cue.lemma.as_ref(), "expect" | "ask" | "tell" | "say" | "quote");
        // `was said to have been …`: hearsay with no one saying it.
        let said_to = cue.lemma == "say"
            && cue.first > sa
            && matches!(self.lower(cue.first - 1), "is" | "are" | "was" | "were" | "been" | "be")
            && self.lower(cue.end) == "to";
        if passive || said_to {
            return None;
        }
        // `Clinton was asked whether …`, `He was told that …`: the subject is who was asked or
        // told, not the source (which the sentence does not name).
        // `…, when asked about the decision`: asked, not asking (no subject between).
        // (`Trump is telling a town hall in Salem that …` speaks: a progressive, not a passive.)
        let addressee = matches!(cue.lemma.as_ref(), "ask" | "tell")
            && !self.lower(cue.first).ends_with("ing")
            && ((np_end..cue.first)
                .any(|x| matches!(self.lower(x), "is" | "are" | "was" | "were" | "been" | "being"))
                || cue.first > sa
                    && self.lower(cue.first).ends_with("ed")
                    && matches!(
                        self.lower(cue.first - 1),
                        "when" | "after" | "before" | "if" | "once" | "until" | "unless"
                    ));
        Some(LeftOfCue {
            sent: s,
            sa,
            sb,
            np: if addressee { None } else { np },
            np_end,
            delim,
            from_prev,
            addressee,
        })
    }

    /// Post-posed: `"…," he said.`, `…, Smith said Tuesday.`, `…, said Smith.`: the attribution
    /// when the content comes before the cue. May move the source left (`"…," Smith, a
    /// spokesman for X, said`), which the pre-posed reading then keeps.
    fn post_posed(&self, ci: usize, cues: &[FoundCue], left: &mut LeftOfCue) -> Option<Draft> {
        let cue = &cues[ci];
        let (sa, sb) = (left.sa, left.sb);
        // `"…," chairman, CEO and president Craig Menear said`: a list of titles before the name.
        if let Some(q) = self.titles_after_quote(sa, left, cue.end) {
            left.np = self.span(q + 1, left.np_end).or(left.np);
            left.delim = Some(q);
        }
        let mut d = left.delim.filter(|&d| {
            matches!(self.toks[d].text, "," | "—" | "–" | "--") || self.closing_region(d).is_some()
        })?;
        let mut quote_before = self.region_before_delim(d);
        if quote_before.is_none()
            && self.toks[d].text == ","
            && !self.lower(cue.first).ends_with("ing")
            && let Some((x, r)) = self.quote_before_appositive(sa, d)
        {
            quote_before = Some(r);
            let mut e = left.np_end;
            while e > x + 1 && self.toks[e - 1].text == "," {
                e -= 1;
            }
            left.np = self.span(x + 1, e).or(left.np);
            d = x;
        }
        let (t, source, appositive) = self.post_posed_source(cue, left.np, sb);
        // (An addressee after the cue only for a quote or a cue of telling: `…, the host pressed
        // Andrew.` has its object there, so the words before are no content of its.)
        let addressee = quote_before.is_some() || TELL_LEMMAS.contains(&cue.lemma.as_ref());
        let (after, venue) = self.skip_adjuncts_post(t, sb, addressee);
        let next = self.after_cue(ci, cues, after, t, sb, appositive, quote_before.is_some());
        let a = next.a;
        let accept = if let Some(r) = quote_before {
            let reg = self.regions[r];
            // A short quoted title before a clause ("on "This Week," Smith said he …") is no quote of the speaker.
            let title_like = word_count(&self.text[reg.start..reg.end], 5) <= 4
                && self.tokens[sa].start < reg.start
                && next.tail_clause
                && !next.ends;
            // `“…” Smith called the plan “…”` with the first quote ending the previous
            // sentence: the quote after the cue is the speaker's.
            let quote_after = !next.ends
                && !next.comma_then
                && (next.after..sb).any(|x| self.toks[x].region.is_some_and(|q| q != r));
            // `"…," Smith said in an interview that aired Monday.`: a relative clause.
            let that_clause = a == "that" && next.after == t;
            // `"…." He added, "…"`: the quote after the comma is what he added.
            let pre_posed = left.from_prev && next.then_quote;
            // `… his book ''The Art of the Deal.'' Mr. Trump said a smaller jet would …`: a
            // quote closed by a full stop ends a sentence the splitter missed, and the cue
            // after it reports its own clause.
            let new_sentence = next.tail_clause
                && !next.ends
                && !next.comma_then
                && self.text[reg.start..reg.end].trim_end_matches(['"', '”', '\'', '’', '»']).ends_with('.');
            !(that_clause
                || a == ":"
                || title_like
                || left.from_prev && quote_after
                || pre_posed
                || new_sentence)
        } else {
            // `When asked …, Smith said, "…"`: unquoted words before and a quote after the cue
            // are a preface and the speaker's words (the pre-posed reading).
            d >= sa + 3
                && (next.ends
                    || next.then_participle
                    || (next.comma_then && !next.tail_clause && !next.then_quote))
                && !matches!(a, "that" | ":")
        };
        // `"…," said the candidate could be …`: a source after the cue ends the sentence or
        // its clause; followed by a verb it is the subject of reported speech instead.
        let inverted = left.np.is_none() && t > cue.end;
        let verb_after = t < sb && !appositive && self.verb_like(t) && !matches!(self.lower(t), "'s" | "’s");
        if !accept || source.is_none() || inverted && verb_after {
            return None;
        }
        let content = self.post_posed_content(cues, left, d, quote_before, &next);
        (!content.is_empty()).then(|| Draft {
            content,
            cue: Some((self.span(cue.first, cue.end).unwrap_or_default(), cue.lemma.clone())),
            source,
            venue: venue.or_else(|| self.venue_prefix(left.sent, cue.first)),
        })
    }

    /// A parenthetical attribution inside unquoted reported speech: `The plan, he said, would
    /// fail`, `The key, says Buser, is Google's infrastructure`, `At times, people close to him
    /// said, the mere mention of her name could make him fume`: the words on both sides of the
    /// commas are the content, the noun phrase between them (before or after the cue) the
    /// source. Not an appositive subject (`Smith, a spokesman, said, "…"`) and not quoted words
    /// (the quote patterns take those).
    fn parenthetical(
        &self,
        cue: &FoundCue,
        s: usize,
        sa: usize,
        sb: usize,
        cues: &[FoundCue],
    ) -> Option<Draft> {
        if !matches!(
            cue.lemma.as_ref(),
            "say"
                | "add"
                | "argue"
                | "note"
                | "insist"
                | "explain"
                | "claim"
                | "write"
                | "tell"
                | "warn"
                | "believe"
                | "think"
        ) || self.quote_in(sa, sb)
        {
            return None;
        }
        let comma = |x: usize| x < sb && self.toks[x].text == ",";
        // The source before the cue (`, he said,`) or after it (`, says Buser,`).
        let (open, source, close) = if cue.first > sa && comma(cue.end) {
            let (a, d) = self.np_left(sa, cue.first);
            let d = d.filter(|&d| comma(d))?;
            (d, self.span(a, cue.first)?, cue.end)
        } else if cue.first > sa && comma(cue.first - 1) {
            let e = self.np_right(cue.end, sb);
            // A name after the cue (`says Buser`), not `said their stump speeches, …`.
            let named = self.toks.get(cue.end).is_some_and(|t| capitalized(t.text))
                || self.title_before_name(cue.end, e);
            if !comma(e) || e == cue.end || e - cue.end > 6 || !named {
                return None;
            }
            (cue.first - 1, self.span(cue.end, e)?, e)
        } else {
            return None;
        };
        if open <= sa || close + 1 >= sb {
            return None;
        }
        let src = self.text[source.start..source.end].trim();
        let first = src.split_whitespace().next().unwrap_or("");
        let pronoun = matches!(first, "he" | "she" | "they" | "He" | "She" | "They" | "it" | "It");
        // (`Smith, a spokesman, said, …`: an appositive subject, not a parenthesis.)
        if !pronoun && matches!(first.to_lowercase().as_str(), "a" | "an") {
            return None;
        }
        if !(pronoun || super::speakers::names_a_speaker(src)) || src.split_whitespace().count() > 6 {
            return None;
        }
        // The words before: from the clause's start, no cue among them, not a subordinate
        // clause that the comma ends (`When Smith spoke, he said, …`).
        let mut b0 = self.clause_start(sa, open);
        while b0 < open && (self.punct(b0) || matches!(self.lower(b0), "but" | "and" | "so")) {
            b0 += 1;
        }
        if b0 >= open || self.is(b0, class::SUBORDINATOR) || cue_in(cues, b0, open - 1).is_some() {
            return None;
        }
        let c0 = close + 1;
        // (`…, he said, recalling the time …`: the narrator's participle.)
        if capitalized(self.toks[c0].text) && !self.is(c0, class::SUBJECT_PRONOUN)
            || cue_in(cues, c0, c0).is_some()
            || self.lower(c0).len() > 5 && self.lower(c0).ends_with("ing")
        {
            return None;
        }
        let e = self.content_end(c0, s, cues);
        let after = self.span(c0, e)?;
        // `Still, he said, officials have to decide …`: a lone connective is the narrator's;
        // so is a sentence before a relative pronoun (`… the stadium, which, he said, is …`).
        let narrators = open == b0 + 1 || matches!(self.lower(open - 1), "which" | "who" | "that");
        let content = if narrators { vec![after] } else { vec![self.span(b0, open)?, after] };
        Some(Draft {
            content,
            cue: Some((self.span(cue.first, cue.end).unwrap_or_default(), cue.lemma.clone())),
            source: Some(source),
            venue: None,
        })
    }

    /// Whether a quoted region overlaps tokens `a..b` (a binary search: the regions are in text
    /// order and do not overlap).
    fn quote_in(&self, a: usize, b: usize) -> bool {
        let (Some(first), Some(last)) =
            (self.tokens.get(a), b.checked_sub(1).and_then(|l| self.tokens.get(l)))
        else {
            return false;
        };
        let i = self.regions.partition_point(|r| r.end <= first.start);
        self.regions.get(i).is_some_and(|r| r.start < last.end)
    }

    /// `"…," chairman and CEO Craig Menear said`: the source noun phrase stopped at "and" or a
    /// comma of a list of titles that a closing quote opens; that quote's closing token. Only
    /// when the sentence ends or goes on with adjuncts after the cue (ending at `after`): not
    /// `On "The Morning Show," the former secretary and nominee said she wanted …`.
    fn titles_after_quote(&self, sa: usize, left: &LeftOfCue, after: usize) -> Option<usize> {
        let d = left.delim?;
        let a = self.lower(after);
        let ends =
            after >= left.sb || is_terminal(a) || a == "," || self.is(after, class::PREP | class::TIME_WORD);
        if !matches!(self.lower(d), "and" | ",") || left.np.is_none() || !ends {
            return None;
        }
        // `… with a "good" job, he said`: titles come before a name, never before a pronoun.
        if left.np_end == d + 2 && self.is(d + 1, class::SUBJECT_PRONOUN) {
            return None;
        }
        let mut x = d;
        while x > sa && d - x < 8 {
            x -= 1;
            if self.closing_region(x).is_some() {
                return (x + 1 < d).then_some(x);
            }
            let w = self.lower(x);
            let t = &self.toks[x];
            if t.region.is_some()
                || !(w == "," || w == "and" || w.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'))
                || self.is(x, class::AUX | class::NP_STOP) && w != "and"
                || self.cue_entry(x).is_some()
            {
                return None;
            }
        }
        None
    }

    /// `"…," Smith, a spokesman for X, said.`: a quote before an appositive source, found left of
    /// the comma `d`: the comma or quote that ends the quote (`x`) and the quote's region.
    fn quote_before_appositive(&self, sa: usize, d: usize) -> Option<(usize, usize)> {
        let mut x = d;
        while x > sa && d - x < 40 {
            x -= 1;
            let t = &self.toks[x];
            if t.region.is_some() || is_terminal(self.lower(x)) && !self.abbrev_dot(x) {
                if t.text != "," && self.closing_region(x).is_none() {
                    return None;
                }
                // The source: a short name or determined noun phrase.
                let np_start = self.toks.get(x + 1).is_some_and(|t| {
                    (capitalized(t.text) && t.region.is_none())
                        || matches!(self.lower(x + 1), "the" | "a" | "an" | "his" | "her" | "their")
                }) || self.title_before_name(x + 1, d);
                // `Cruz, who has proposed …, said`: a relative clause on the source.
                let rel = (x + 2..d)
                    .find(|&y| self.toks[y - 1].text == "," && matches!(self.lower(y), "who" | "whose"))
                    .unwrap_or(d);
                // The appositive, when there is one, starts at the first comma.
                let appos = (x + 2..d).find(|&y| self.toks[y].text == ",").unwrap_or(d);
                let np_only = np_start
                    && d - x <= MAX_SOURCE + 12 + if appos < d { 16 } else { 0 }
                    && (x + 1..d).all(|y| {
                        let w = self.lower(y);
                        (!is_terminal(w) || self.abbrev_dot(y))
                            && self.toks[y].region.is_none()
                            && (y >= rel
                                || self.cue_entry(y).is_none()
                                    // `Tina Tchen, Mrs. Obama's chief of staff,`: a possessive.
                                    && (!self.is(y, class::AUX) || matches!(w, "'s" | "’s"))
                                    && !matches!(w, "but" | "or")
                                    // "Phil Berger and House Speaker Tim Moore";
                                    // "X, an economist and tax expert,".
                                    && (w != "and"
                                        || y > appos
                                        || self.toks.get(y + 1).is_some_and(|n| capitalized(n.text))))
                    });
                return if np_only { self.region_before_delim(x).map(|r| (x, r)) } else { None };
            }
        }
        None
    }

    /// The source of a post-posed cue: `np` (left of the cue), else the noun phrase right after
    /// it (`…, said Scott Paul, who heads …`, `…, said Monica de Bolle, a senior fellow at …`).
    /// Returns the token after the cue and source, the source, and whether an appositive or
    /// relative clause follows the source.
    fn post_posed_source(&self, cue: &FoundCue, np: Option<Span>, sb: usize) -> (usize, Option<Span>, bool) {
        let mut t = cue.end;
        let mut source = np;
        let mut appositive = false;
        if np.is_none() && !cue.lemma.contains(' ') && !self.lower(cue.first).ends_with("ing") {
            let w = self.lower(t);
            let name_like = self.toks.get(t).is_some_and(|x| capitalized(x.text) && x.region.is_none())
                || matches!(
                    w,
                    "the" | "a" | "an" | "he" | "she" | "they" | "i" | "we" | "his" | "her" | "their"
                        // `…,” said one party activist.`, `said another official`.
                        | "one" | "another" | "two" | "three" | "several" | "some" | "many" | "both"
                        | "its" | "our" | "my"
                )
                || self.title_before_name(t, sb);
            let e = self.np_right(t, sb);
            // `…, said he.` at most: `Murphy, though, said he's with Clinton` and `Scott, a
            // member of the committee, said he fully supports it` open reported speech, and
            // a pronoun that goes on is its subject, never an inverted source.
            let pronoun_goes_on = self.is(t, class::SUBJECT_PRONOUN)
                && !(e == t + 1
                    && (e >= sb || matches!(self.lower(e), "," | "") || is_terminal(self.lower(e))));
            if name_like && e > t && !pronoun_goes_on {
                let mut e2 = e;
                while e2 > t && self.toks[e2 - 1].text == "," {
                    e2 -= 1;
                }
                source = self.span(t, e2);
                appositive = (t..e).any(|x| self.toks[x].text == ",")
                    || (e < sb
                        && e > t
                        && self.toks[e - 1].text == ","
                        && matches!(self.lower(e), "who" | "whose"));
                t = e;
            }
        }
        (t, source, appositive)
    }

    /// What follows a post-posed cue, its source (ending at `t`) and its adjuncts (ending at
    /// `after`), in a sentence ending at `sb`.
    #[allow(clippy::too_many_arguments)]
    fn after_cue(
        &self,
        ci: usize,
        cues: &[FoundCue],
        mut after: usize,
        t: usize,
        sb: usize,
        appositive: bool,
        quote_before: bool,
    ) -> AfterCue<'a> {
        if appositive {
            // It runs to the sentence's end (or a quote: `…, said Smith, a spokesman, "…"`).
            after = (t..sb).find(|&x| self.toks[x].region.is_some()).unwrap_or(sb);
        }
        // A relative clause or appositive on the source: ", who …".
        if matches!(self.lower(after), "," | "") && matches!(self.lower(after + 1), "who" | "whose" | "which")
        {
            after = sb;
        }
        let a = self.lower(after);
        // `said Mr. Burman (a view echoed by …).`: an aside in parentheses closes it too.
        let ends = after >= sb
            || is_terminal(a)
            || (after + 1 >= sb && is_quote_mark(a))
            || (a == "(" && quote_before);
        let comma_then = matches!(a, "," | "—" | "--") && after + 1 < sb;
        let nx = self.lower(after + 1);
        let then_participle = comma_then
            && cues.get(ci + 1).is_some_and(|c| {
                c.first == after + 1 || (c.first == after + 2 && matches!(nx, "and" | "but"))
            });
        // `"…," he said, but "…"`: a conjunction may open the rest of the quote.
        let conj = usize::from(
            matches!(nx, "but" | "and")
                && self.toks.get(after + 2).is_some_and(|t| t.region.is_some() && is_quote_mark(t.text)),
        );
        let then_quote = comma_then && self.toks.get(after + 1 + conj).is_some_and(|t| t.region.is_some());
        let tail_clause = self.clause_like(after, sb);
        AfterCue { after, a, ends, comma_then, then_participle, conj, then_quote, tail_clause }
    }

    /// The content of an accepted post-posed cue: the quote before it (with the sentence's
    /// unquoted words before the quote) or the clause before the delimiter `d`, and what goes on
    /// after an interrupting cue (`"…," he said, "…"`).
    fn post_posed_content(
        &self,
        cues: &[FoundCue],
        left: &LeftOfCue,
        d: usize,
        quote_before: Option<usize>,
        next: &AfterCue,
    ) -> Vec<Span> {
        let sa = left.sa;
        let mut content = Vec::new();
        if let Some(r) = quote_before {
            let reg = self.regions[r];
            // Unquoted words of the sentence before the quote belong to it (mixed).
            let mut b0 = self.clause_start(sa, d);
            while b0 < d && self.toks[b0].region.is_none() && self.punct(b0) {
                b0 += 1;
            }
            // … but not across a comma ("When asked …, "…," he said").
            let mut x = b0;
            while x < d && self.tokens[x].start < reg.start {
                if self.toks[x].region.is_none()
                    && matches!(self.toks[x].text, "," | ":" | "—" | "–" | "--" | "-")
                {
                    b0 = x + 1;
                }
                x += 1;
            }
            let start = if b0 < d && self.tokens[b0].start < reg.start && self.toks[b0].region.is_none() {
                self.tokens[b0].start
            } else {
                reg.start
            };
            content.push(Span::new(start, reg.end));
        } else {
            let mut e = d;
            while e > sa && self.punct(e - 1) && self.toks[e - 1].region.is_none() {
                e -= 1;
            }
            let mut b0 = self.clause_start(sa, e);
            while b0 < e && self.toks[b0].region.is_none() && self.punct(b0) {
                b0 += 1;
            }
            // `DUBAI, United Arab Emirates — Emirates finalized a deal …, executives announced`:
            // the dateline is no part of it.
            if let Some(d) = self.dateline_end(b0, e) {
                b0 = d;
                while b0 < e && self.toks[b0].region.is_none() && self.punct(b0) {
                    b0 += 1;
                }
            }
            // Start at the beginning of a quote the sentence opens inside.
            if let Some(sp) = self.span(b0, e) {
                let start = self.toks[b0].region.map_or(sp.start, |r| self.regions[r].start.min(sp.start));
                content.push(Span::new(start, sp.end));
            }
        }
        if next.comma_then && !next.then_participle {
            // Interrupting cue: the content goes on after it.
            let c0 = next.after + 1;
            if next.then_quote {
                let r = self.toks[c0 + next.conj].region.unwrap_or(0);
                content.push(Span::new(self.tokens[c0].start, self.regions[r].end));
            } else if quote_before.is_none() {
                let e = self.content_end(c0, left.sent, cues);
                if let Some(sp) = self.span(c0, e) {
                    content.push(sp);
                }
            }
        }
        content
    }

    /// Pre-posed: `Smith said (that) …`, `…, saying …`, `Smith, who said …`: the content after
    /// the cue. The source is the noun phrase left of the cue, else (participles, coordinated
    /// verbs) `inherited` from the sentence's last attribution or the clause's subject. A draft
    /// with no content is a colon cue ending the paragraph (`Stone said:`): the next paragraph
    /// is its content.
    fn pre_posed(
        &self,
        cue: &FoundCue,
        cues: &[FoundCue],
        left: &LeftOfCue,
        inherited: Option<Span>,
    ) -> Option<Draft> {
        let (s, sa, sb) = (left.sent, left.sa, left.sb);
        let (mut c0, venue) = self.skip_adjuncts(cue, sb);
        // `talked about X`, `spoke of X`: the preposition belongs to the cue.
        if c0 == cue.end
            && c0 + 1 < sb
            && (matches!(self.lower(c0), "about" | "of" | "against")
                // `called for X`, `pushed for X`; not `describing for the jury the details`
                || self.lower(c0) == "for"
                    && matches!(
                        cue.lemma.as_ref(),
                        "call" | "ask" | "push" | "press" | "argue" | "plead" | "appeal" | "lobby" | "advocate" | "vote" | "campaign" | "pray" | "hope" | "wish"
                    ))
            && self.toks[c0].region.is_none()
        {
            c0 += 1;
        }
        let delim_tok = left.delim.map(|d| self.lower(d)).unwrap_or("");
        let mut source = left.np;
        // `Taylor Swift posted on Twitter accusing Big Machine …`: the noun after a preposition is
        // no subject of the participle; the clause's is.
        // `Andrew also spent 45 seconds explaining how …`: a verb's object, no noun phrase of a
        // speaker (it opens with a lowercase word that no noun phrase opens with).
        let verb_object = source.is_some_and(|sp| {
            let a = self.tokens.partition_point(|t| t.start < sp.start);
            a < self.toks.len()
                && self.toks[a].region.is_none()
                && !capitalized(self.toks[a].text)
                && self.lower(a).len() > 3
                && (self.lower(a).ends_with("ed")
                    || self.is(a, class::IRREGULAR_PAST)
                    || matches!(self.lower(a), "spent" | "took" | "kept" | "made" | "gave" | "held"))
        });
        if source.is_some()
            && self.lower(cue.first).ends_with("ing")
            // (a place or a medium: `From Bernie Sanders declaring …` is Sanders's)
            && (verb_object
                || left.delim.is_some_and(|d| d > sa && matches!(self.lower(d), "on" | "in" | "at" | "via" | "during")))
        {
            // (a name or a pronoun: not `Following the release of a new video`)
            source = inherited.or_else(|| {
                self.subject(s, cue.first).filter(|sp| {
                    let (a, b) =
                        (self.tokens.partition_point(|t| t.start < sp.start), self.tok_end_of(sp.end));
                    b == a + 1 && self.is(a, class::SUBJECT_PRONOUN)
                        || (a..b).all(|x| capitalized(self.toks[x].text) || self.abbrev_dot(x))
                            && !self.is(a, class::PREP | class::TIME_WORD | class::NP_STOP)
                            && !self.lower(a).ends_with("ing")
                })
            });
        }
        // `asked him to explain …`, `I came to think …`: an infinitive's speaker is the object of
        // the verb before it, else that verb's pronoun subject.
        if source.is_none() && cue.first >= sa + 2 && self.lower(cue.first - 1) == "to" {
            let x = cue.first - 2;
            let w = self.lower(x);
            if matches!(w, "him" | "her" | "them" | "me" | "us") {
                source = self.span(x, x + 1);
            } else if x > sa && self.is(x - 1, class::SUBJECT_PRONOUN) && self.lower(x - 1) != "who" {
                source = self.span(x - 1, x);
            }
        }
        if source.is_none() {
            // Participles and coordinated verbs take the subject of the clause.
            if matches!(delim_tok, "who" | "which") {
                // `Smith, who said …`: the relative pronoun is the source (as PolNeAR marks
                // it); the speaker is its antecedent, found when speakers are resolved.
                source = left.delim.and_then(|d| self.span(d, d + 1));
            } else {
                source = inherited.or_else(|| self.subject(s, cue.first));
            }
        }
        if left.addressee {
            source = None;
        }
        // `I asked him to share …`, `we confirmed that …`, `I think …` outside quote marks:
        // the narrator's own words; with no byline naming the narrator, no one's statement.
        if !self.authored
            && self.toks[cue.first].region.is_none()
            && source.is_some_and(|sp| {
                matches!(
                    self.text[sp.start..sp.end].trim(),
                    "I" | "we" | "We" | "me" | "us" | "I've" | "We've"
                )
            })
        {
            return None;
        }
        // `did not say when …`, `wouldn't disclose how large …`: a question left open, no
        // statement. `studies have not always supported the use of steroids`, `many doctors
        // don't think to ask`: a thought or finding denied would read as its opposite.
        if cue.first > sa
            && (matches!(self.lower(cue.first - 1), "not" | "n't" | "never" | "cannot")
                || cue.first > sa + 1
                    && matches!(self.lower(cue.first - 2), "not" | "n't" | "never" | "cannot")
                    && (self.lower(cue.first - 1).ends_with("ly")
                        || matches!(self.lower(cue.first - 1), "always" | "yet" | "ever" | "even")))
            && (matches!(
                self.lower(c0),
                "when" | "how" | "whether" | "what" | "where" | "why" | "which" | "if" | "who"
            ) || matches!(super::act::act_of(&cue.lemma), QuoteAct::Thought | QuoteAct::Other))
        {
            return None;
        }
        // `China's leaders may still believe …`, `if they really believed that …`, `Would Adam
        // Schiff have pleaded …`: a supposition of the narrator's, no statement anyone made.
        {
            let mut x = cue.first;
            while x > sa
                && (matches!(
                    self.lower(x - 1),
                    "still" | "really" | "even" | "also" | "ever" | "truly" | "have"
                ) || self.lower(x - 1).ends_with("ly") && self.lower(x - 1).len() > 4)
            {
                x -= 1;
            }
            let modal = x > sa && matches!(self.lower(x - 1), "may" | "might" | "would" | "could");
            // (not `asked if he thinks …`: "if" as "whether")
            let supposed = (sa..cue.first).rev().take(6).any(|y| {
                matches!(self.lower(y), "if" | "unless")
                    && self.toks[y].region.is_none()
                    && !(y > 0
                        && matches!(
                            self.lower(y - 1),
                            "asked"
                                | "ask"
                                | "asks"
                                | "asking"
                                | "wonder"
                                | "wondered"
                                | "know"
                                | "see"
                                | "saw"
                                | "whether"
                        ))
            }) && !self.lower(cue.first).ends_with("ing");
            let question = self.is(sa, class::AUX)
                && matches!(self.lower(sa), "would" | "could" | "might" | "should" | "will");
            if (modal && super::act::act_of(&cue.lemma) != QuoteAct::Speech) || supposed || question {
                return None;
            }
        }
        // `He declined to say when …`, `refused to discuss …`: a silence, no statement.
        if cue.first >= sa + 2
            && self.lower(cue.first - 1) == "to"
            && matches!(
                self.lower(cue.first - 2),
                "declined"
                    | "declines"
                    | "declining"
                    | "decline"
                    | "refused"
                    | "refuses"
                    | "refusing"
                    | "refuse"
            )
        {
            return None;
        }
        // `the prison, dubbed the “Hanoi Hilton” by American servicemen`: a participle after a
        // comma with its agent after it is a passive, the subject no speaker.
        // (Not `Josh Hendler, a tech operative, warned that … by undermining …`: a subject before.)
        if cue.first > sa
            && left.np.is_none()
            && self.toks[cue.first - 1].text == ","
            && self.lower(cue.first).ends_with("ed")
            && (c0..sb.min(c0 + 10))
                .take_while(|&x| {
                    !(self.verb_like(x)
                        || matches!(self.lower(x), "that" | "who" | "which" | "whom" | "what"))
                })
                .any(|x| {
                    self.toks[x].region.is_none()
                        && self.lower(x) == "by"
                        && !self.lower(x + 1).ends_with("ing")
                })
        {
            return None;
        }
        let cue_span = Some((self.span(cue.first, cue.end).unwrap_or_default(), cue.lemma.clone()));
        if c0 >= sb || (c0 < self.toks.len() && is_terminal(self.lower(c0))) {
            // "Stone said:" at the paragraph's end: the next paragraph is the content.
            let last_colon = c0 >= sb && sb == self.toks.len() && self.toks[sb - 1].text == ":";
            return last_colon.then_some(Draft { content: Vec::new(), cue: cue_span, source, venue });
        }
        // `responded and confirmed that …`: a verb coordinated with the cue has the content
        // (its own cue reports it).
        if matches!(self.lower(c0), "and" | "but" | "or") && self.toks[c0].region.is_none() {
            return None;
        }
        // `the mat that Apple announced in 2017 never shipped`: a relative clause whose object is
        // the noun before it; what follows the cue is no content.
        if matches!(delim_tok, "that" | "which") && left.np.is_some() && self.is(c0, class::PREP) {
            return None;
        }
        // `the helicopter, which it said crashed in Logar province`, `a woman you think might
        // become …`: the cue sits in a relative clause and the reported clause's subject is the
        // noun the clause describes; it opens the content.
        let mut lead = None;
        if let Some(sp) = source
            && self.subject_gap(c0)
        {
            let sf = self.tokens.partition_point(|t| t.start < sp.start);
            let se = self.tok_end_of(sp.end);
            // `The letter Mike wrote was “kind and loving.”`, `the book he wrote is …`: a verb
            // that takes a thing as its object has the noun before as that object, and the verb
            // after is the sentence's own: no report.
            // (`The argument he repeated was that …` is a report: PolNeAR annotates it.)
            if matches!(cue.lemma.as_ref(), "write" | "publish" | "post")
                && se > sf + 1
                && matches!(self.lower(sf), "the" | "a" | "an" | "this" | "his" | "her" | "their" | "its")
            {
                return None;
            }
            if se >= sf + 2
                && se - 1 > sa
                && self.is(se - 1, class::SUBJECT_PRONOUN)
                && self.lower(se - 1) != "who"
            {
                // (the noun phrase ran over the relative clause's subject)
                lead = self.span(sf, se - 1);
                source = self.span(se - 1, se);
            }
        }
        let mut e = self.content_end(c0, s, cues);
        // (`As the Post observed, Republicans now control …`: after a comma a clause follows.)
        if super::act::needs_clause(&cue.lemma)
            && self.noun_phrase_content(c0, e)
            && (c0..e).all(|x| self.toks[x].region.is_none())
            && !(c0 > 0 && self.toks[c0 - 1].text == "," && capitalized(self.toks[c0].text))
        {
            return None;
        }
        // `soon after wrote his first novel, Web of Angels, a cyberpunk book …`, `Howitt ordered
        // another set of mice … and fed them …`: a work written or a thing ordered, up to a comma
        // or a coordinated verb. (Not `reported its smallest quarterly profit, …`, `quoted
        // Wassim Bouhlel, a Nice native, as saying …`: PolNeAR's gold has them.)
        if matches!(cue.lemma.as_ref(), "write" | "order" | "publish")
            && matches!(self.lower(c0), "his" | "her" | "their" | "its" | "a" | "an" | "another")
            && let Some(x) = (c0 + 1..e).find(|&x| {
                self.toks[x].region.is_none()
                    && (self.toks[x].text == ","
                        || self.lower(x) == "and"
                            && (self.verb_like(x + 1)
                                || matches!(self.lower(x + 1), "fed" | "sent" | "put" | "led" | "gave" | "took" | "made")))
            })
            && (c0..x).all(|y| self.toks[y].region.is_none())
            // (no verb of its own: `another set` is a noun)
            && (c0 + 1..x).all(|y| {
                !self.is(y, class::AUX)
                    && self.lower(y) != "that"
                    && (!self.verb_like(y)
                        || matches!(self.lower(y - 1), "another" | "a" | "an" | "the" | "his" | "her" | "its" | "their"))
            })
        {
            return None;
        }
        // `the short story he wrote where God cheats at Scrabble`: a place in a work, not words.
        if matches!(cue.lemma.as_ref(), "write" | "publish" | "post") && self.lower(c0) == "where" {
            return None;
        }
        e = self.object_end(c0, e);
        // `Smith, who said …, criticized …`: a relative clause ends at its closing comma.
        if matches!(delim_tok, "who" | "which")
            && left.delim.is_some_and(|d| d > sa && self.toks[d - 1].text == ",")
            && let Some(c) = (c0 + 1..e).find(|&x| self.toks[x].region.is_none() && self.toks[x].text == ",")
        {
            e = c;
        }
        // A quote opened right after the cue runs to its end.
        if let Some(r) = self.toks[c0].region {
            e = e.max(self.tok_end_of(self.regions[r].end));
        }
        let sp = self.span(c0, e)?;
        let start = self.toks[c0].region.map_or(sp.start, |r| self.regions[r].start.min(sp.start));
        Some(Draft {
            content: lead.into_iter().chain([Span::new(start, sp.end)]).collect(),
            cue: cue_span,
            source,
            venue: venue.or_else(|| self.venue_prefix(s, cue.first)),
        })
    }

    /// Whether the content after a cue opens with the verb of a clause whose subject is missing
    /// (`said crashed in Logar province`, `think might become`): an auxiliary, an irregular
    /// past, or a past in -ed before a preposition.
    fn subject_gap(&self, x: usize) -> bool {
        let Some(t) = self.toks.get(x) else { return false };
        let w = self.lower(x);
        t.region.is_none()
            && !capitalized(t.text)
            // (not after a preposition the cue took: `cited of being at a pizza restaurant`)
            && !(x > 0 && self.is(x - 1, class::PREP))
            && (self.is(x, class::AUX)
                && !matches!(w, "'s" | "’s" | "'re" | "'ve" | "'d" | "'ll" | "be" | "being" | "been")
                || self.is(x, class::IRREGULAR_PAST)
                || w.len() > 4 && w.ends_with("ed") && self.is(x + 1, class::PREP))
    }

    /// `his claim that …`, `Smith's argument that …`, `the notion that …`: the clause after the
    /// noun, the possessor (if any) as the source.
    pub(super) fn noun_cue(&self, cue: &FoundCue, s: usize, cues: &[FoundCue], drafts: &mut Vec<Draft>) {
        let (sa, _) = self.sents[s];
        let c0 = cue.end;
        let e = self.content_end(c0, s, cues);
        let content: Vec<Span> = self.span(c0, e).into_iter().collect();
        // The possessor: "his", "their", or a noun phrase ending in "'s" right before the noun
        // (an adjective may sit between: "his repeated claim").
        let mut p = cue.first;
        while p > sa && p + 3 > cue.first && !matches!(self.lower(p - 1), "'s" | "’s") {
            let w = self.lower(p - 1);
            if matches!(w, "his" | "her" | "their" | "its" | "our" | "my") {
                break;
            }
            p -= 1;
        }
        let source = if p > sa {
            match self.lower(p - 1) {
                "his" | "her" | "their" | "its" | "our" | "my" => self.span(p - 1, p),
                "'s" | "’s" => {
                    let (a, _) = self.np_left(sa, p - 1);
                    self.span(a, p)
                }
                _ => None,
            }
        } else {
            None
        };
        // Without a possessor, the subject of the sentence ("Smith repeated the claim that …").
        let source = source.or_else(|| self.subject(s, cue.first));
        let lemma = Cow::Owned(cue.lemma.trim_start_matches(NOUN_CUE).to_string());
        drafts.push(Draft {
            content,
            cue: self.span(cue.first, cue.end).map(|sp| (sp, lemma)),
            source,
            venue: None,
        });
    }

    /// `According to X, …` and `…, according to X.`
    pub(super) fn according(&self, cue: &FoundCue, s: usize, cues: &[FoundCue], drafts: &mut Vec<Draft>) {
        let (sa, sb) = self.sents[s];
        let src_end = {
            let mut k = cue.end;
            while k < sb && k - cue.end < 15 {
                let w = self.lower(k);
                if is_terminal(w) || matches!(w, "," | ";" | ":" | "(" | ")" | "—" | "--") {
                    break;
                }
                k += 1;
            }
            k
        };
        let cue_span = self.span(cue.first, cue.end).unwrap_or_default();
        let lead = (sa..cue.first).all(|k| {
            let w = self.lower(k);
            self.punct(k) || matches!(w, "but" | "and" | "yet" | "so" | "also")
        });
        // `According to the study, published in BMJ Case Reports, the 43-year-old man had …`: a
        // participle phrase set off by commas is the source's, and the content follows it.
        let mut src_end = src_end;
        if lead
            && src_end + 1 < sb
            && self.toks[src_end].text == ","
            && self.toks[src_end + 1].region.is_none()
            && !capitalized(self.toks[src_end + 1].text)
            && (self.lower(src_end + 1).len() > 4 && self.lower(src_end + 1).ends_with("ed")
                || matches!(
                    self.lower(src_end + 1),
                    "written" | "released" | "conducted" | "led" | "run" | "done" | "made"
                ))
            && let Some(c) = (src_end + 2..sb.min(src_end + 17)).find(|&x| self.toks[x].text == ",")
        {
            src_end = c;
        } else if lead
            && src_end + 2 < sb
            && self.toks[src_end].text == ","
            && !capitalized(self.toks[cue.end].text)
            && let Some(c) = (src_end + 1..sb.min(src_end + 6)).find(|&x| self.toks[x].text == ",")
            && c > src_end + 1
            && (src_end + 1..c).all(|x| self.toks[x].region.is_none() && (capitalized(self.toks[x].text) || self.abbrev_dot(x)))
            // (a quote follows: `According to the documents, Cheryl Mills, a top Clinton aide,
            // sent …` has the content's subject there)
            && self.toks.get(c + 1).is_some_and(|t| t.region.is_some())
        {
            // `According to his aunt, Jane Starner, “He was brilliant …”`: the name in apposition.
            src_end = c;
        }
        let source = self.span(cue.end, src_end);
        let mut content = Vec::new();
        if lead {
            let mut c0 = src_end;
            if c0 < sb && self.toks[c0].text == "," {
                c0 += 1;
            }
            let e = self.content_end(c0, s, cues);
            if let Some(sp) = self.span(c0, e) {
                content.push(sp);
            }
        } else {
            let mut e = cue.first;
            while e > sa && self.punct(e - 1) && self.toks[e - 1].region.is_none() {
                e -= 1;
            }
            // The clause before: back to the sentence start, a semicolon or a colon.
            let mut b0 = e;
            while b0 > sa
                && !(matches!(self.toks[b0 - 1].text, ";" | ":") && self.toks[b0 - 1].region.is_none())
                && e - b0 < MAX_SCAN
            {
                b0 -= 1;
            }
            while b0 < e && self.toks[b0].region.is_none() && self.punct(b0) {
                b0 += 1;
            }
            if let Some(sp) = self.span(b0, e) {
                content.push(sp);
            }
            // The content goes on after the source: "X, according to Y, is Z." (not "…,
            // according to Y, who …": a relative clause on the source).
            if src_end < sb
                && self.toks[src_end].text == ","
                && !matches!(self.lower(src_end + 1), "which" | "who" | "whose")
            {
                let c0 = src_end + 1;
                let e = self.content_end(c0, s, cues);
                if e > c0 + 2
                    && let Some(sp) = self.span(c0, e)
                {
                    content.push(sp);
                }
            }
        }
        drafts.push(Draft { content, cue: Some((cue_span, cue.lemma.clone())), source, venue: None });
    }
}
