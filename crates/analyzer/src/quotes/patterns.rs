//! The attribution patterns of one paragraph: direct quotes with the cue before, after or
//! inside, reported speech around a cue (`X said (that) …`, `…, X said.`, `…, said X.`,
//! `…, saying …`), speech nouns ("a statement that …") and `according to X`.

use super::draft::{Carry, Draft};
use super::paragraph::{CueHit, Para};
use super::vocabulary::{NOUN_CUE, SOURCE_HEADS};
use super::words::{capitalized, class, is_quote_mark, is_terminal, word_count};
use super::{MAX_SCAN, MAX_SOURCE};
use std::borrow::Cow;
use storyline_model::Span;

impl<'a> Para<'a> {
    pub(super) fn extract(&self, drafts: &mut Vec<Draft>, carry: &mut Carry) {
        let para_first = drafts.len();
        let cues = self.cues();
        // A colon cue at the end of the previous paragraph: this paragraph is its content.
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
            return;
        }
        let mut last_in_sentence: Option<(usize, usize)> = None; // (sentence, draft)
        let mut colon_draft = None;
        for (ci, cue) in cues.iter().enumerate() {
            let s = self.toks[cue.i].sent;
            let Some(&(sa, sb)) = self.sents.get(s) else { continue };
            if cue.lemma.starts_with(NOUN_CUE) {
                self.noun_cue(cue, s, &cues, drafts);
                last_in_sentence = Some((s, drafts.len() - 1));
                continue;
            }
            if cue.lemma == "according to" {
                self.according(cue, s, &cues, drafts);
                last_in_sentence = Some((s, drafts.len() - 1));
                continue;
            }
            // `Lynch said she recalled thinking …`, `he said he thinks …`: the inner verb is part
            // of what the outer cue reports, not an attribution of its own.
            if cue.i >= 2
                && matches!(self.lower(cue.i - 1), "he" | "she" | "they" | "i" | "we")
                && cues.get(ci.wrapping_sub(1)).is_some_and(|p| {
                    (p.j == cue.i - 1 || (p.j + 1 == cue.i - 1 && self.lower(p.j) == "that"))
                        && matches!(p.lemma.as_ref(), "say" | "tell" | "add" | "write")
                })
            {
                continue;
            }
            // Walk left over "has also", then over the source noun phrase.
            let mut k = cue.i;
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
                && matches!(self.lower(d), "for" | "of" | "in" | "at" | "with" | "from" | "by")
                && SOURCE_HEADS.contains(&self.lower(d - 1))
            {
                let (a, dl) = self.np_left(sa, d);
                if a < d {
                    (np_start, delim) = (a, dl);
                }
            }
            let mut np = (np_start < np_end).then(|| self.span(np_start, np_end)).flatten();
            let delim_tok = delim.map(|d| self.lower(d)).unwrap_or("");
            // Passives ("was endorsed by") are not attributions to the subject.
            let passive = (np_end..cue.i)
                .any(|x| matches!(self.lower(x), "is" | "are" | "was" | "were" | "been" | "be"))
                && self.lower(cue.i).ends_with("ed")
                && !matches!(cue.lemma.as_ref(), "expect" | "ask" | "tell" | "say" | "quote");
            // `was said to have been …`: hearsay with no one saying it.
            let said_to = cue.lemma == "say"
                && cue.i > sa
                && matches!(self.lower(cue.i - 1), "is" | "are" | "was" | "were" | "been" | "be")
                && self.lower(cue.j) == "to";
            if passive || said_to {
                continue;
            }
            // `Clinton was asked whether …`, `He was told that …`: the subject is who was
            // asked or told, not the source (which the sentence does not name).
            let addressee = matches!(cue.lemma.as_ref(), "ask" | "tell")
                && (np_end..cue.i)
                    .any(|x| matches!(self.lower(x), "is" | "are" | "was" | "were" | "been" | "being"));
            if addressee {
                np = None;
            }

            // Post-posed: `"…," he said.` / `…, Smith said Tuesday.` / `…, said Smith.`
            let post_delim = delim.filter(|&d| {
                matches!(self.toks[d].text, "," | "—" | "–" | "--") || self.closing_region(d).is_some()
            });
            if let Some(mut d) = post_delim {
                let mut quote_before = self.region_before_delim(d);
                // `"…," Smith, a spokesman for X, said.`: a quote before an appositive source.
                if quote_before.is_none() && self.toks[d].text == "," && !self.lower(cue.i).ends_with("ing") {
                    let mut x = d;
                    while x > sa && d - x < 40 {
                        x -= 1;
                        let t = &self.toks[x];
                        if t.region.is_some() || is_terminal(self.lower(x)) && !self.abbrev_dot(x) {
                            if t.text != "," && self.closing_region(x).is_none() {
                                break;
                            }
                            // The source: a short name or determined noun phrase.
                            let np_start = self.toks.get(x + 1).is_some_and(|t| {
                                (capitalized(t.text) && t.region.is_none())
                                    || matches!(
                                        self.lower(x + 1),
                                        "the" | "a" | "an" | "his" | "her" | "their"
                                    )
                            }) || self.title_before_name(x + 1, d);
                            // `Cruz, who has proposed …, said`: a relative clause on the source.
                            let rel = (x + 2..d)
                                .find(|&y| {
                                    self.toks[y - 1].text == "," && matches!(self.lower(y), "who" | "whose")
                                })
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
                                                && !self.is(y, class::AUX)
                                                && !matches!(w, "but" | "or")
                                                // "Phil Berger and House Speaker Tim Moore";
                                                // "X, an economist and tax expert,".
                                                && (w != "and"
                                                    || y > appos
                                                    || self.toks.get(y + 1).is_some_and(|n| capitalized(n.text))))
                                });
                            if np_only && let Some(r) = self.region_before_delim(x) {
                                quote_before = Some(r);
                                let from = x + 1;
                                np = self.span(from, np_end).or(np);
                                d = x;
                            }
                            break;
                        }
                    }
                }
                let mut t = cue.j;
                let mut source = np;
                // `…, said Scott Paul, who heads …` / `…, said Monica de Bolle, a senior fellow
                // at …`: an appositive or relative clause on the post-posed source.
                let mut appositive = false;
                if np.is_none() && !cue.lemma.contains(' ') && !self.lower(cue.i).ends_with("ing") {
                    let w = self.lower(t);
                    let name_like = self
                        .toks
                        .get(t)
                        .is_some_and(|x| capitalized(x.text) && x.region.is_none())
                        || matches!(
                            w,
                            "the" | "a" | "an" | "he" | "she" | "they" | "i" | "we" | "his" | "her" | "their"
                        )
                        || self.title_before_name(t, sb);
                    let e = self.np_right(t, sb);
                    if name_like && e > t {
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
                let (mut after, venue) = self.skip_adjuncts_post(t, sb);
                if appositive {
                    // It runs to the sentence's end (or a quote: `…, said Smith, a spokesman,
                    // "…"`).
                    after = (t..sb).find(|&x| self.toks[x].region.is_some()).unwrap_or(sb);
                }
                // A relative clause or appositive on the source: ", who …".
                if matches!(self.lower(after), "," | "")
                    && matches!(self.lower(after + 1), "who" | "whose" | "which")
                {
                    after = sb;
                }
                let a = self.lower(after);
                // `said Mr. Burman (a view echoed by …).`: an aside in parentheses closes it too.
                let ends = after >= sb
                    || is_terminal(a)
                    || (after + 1 >= sb && is_quote_mark(a))
                    || (a == "(" && quote_before.is_some());
                let comma_then = matches!(a, "," | "—" | "--") && after + 1 < sb;
                let nx = self.lower(after + 1);
                let then_participle = comma_then
                    && cues.get(ci + 1).is_some_and(|c| {
                        c.i == after + 1 || (c.i == after + 2 && matches!(nx, "and" | "but"))
                    });
                // `"…," he said, but "…"`: a conjunction may open the rest of the quote.
                let conj = usize::from(
                    matches!(nx, "but" | "and")
                        && self
                            .toks
                            .get(after + 2)
                            .is_some_and(|t| t.region.is_some() && is_quote_mark(t.text)),
                );
                let then_quote =
                    comma_then && self.toks.get(after + 1 + conj).is_some_and(|t| t.region.is_some());
                let tail_clause = self.clause_like(after, sb);
                let accept = if let Some(r) = quote_before {
                    let reg = self.regions[r];
                    // A short quoted title before a clause ("on "This Week," Smith said he …") is no quote of the speaker.
                    let title_like = word_count(&self.text[reg.start..reg.end], 5) <= 4
                        && self.tokens[sa].start < reg.start
                        && tail_clause
                        && !ends;
                    // `“…” Smith called the plan “…”` with the first quote ending the previous
                    // sentence: the quote after the cue is the speaker's.
                    let quote_after = !ends
                        && !comma_then
                        && (after..sb).any(|x| self.toks[x].region.is_some_and(|q| q != r));
                    // `"…," Smith said in an interview that aired Monday.`: a relative clause.
                    let that_clause = a == "that" && after == t;
                    // `"…." He added, "…"`: the quote after the comma is what he added.
                    let pre_posed = from_prev && then_quote;
                    !(that_clause || a == ":" || title_like || from_prev && quote_after || pre_posed)
                } else {
                    // `When asked …, Smith said, "…"`: unquoted words before and a quote after
                    // the cue are a preface and the speaker's words (the pre-posed reading).
                    d >= sa + 3
                        && (ends || then_participle || (comma_then && !tail_clause && !then_quote))
                        && !matches!(a, "that" | ":")
                };
                if accept && source.is_some() {
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
                                && matches!(self.toks[x].text, "," | ":" | "—" | "--")
                            {
                                b0 = x + 1;
                            }
                            x += 1;
                        }
                        let start = if b0 < d
                            && self.tokens[b0].start < reg.start
                            && self.toks[b0].region.is_none()
                        {
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
                        // Start at the beginning of a quote the sentence opens inside.
                        if let Some(sp) = self.span(b0, e) {
                            let start = self.toks[b0]
                                .region
                                .map_or(sp.start, |r| self.regions[r].start.min(sp.start));
                            content.push(Span::new(start, sp.end));
                        }
                    }
                    if comma_then && !then_participle {
                        // Interrupting cue: the content goes on after it.
                        let c0 = after + 1;
                        if then_quote {
                            let r = self.toks[c0 + conj].region.unwrap_or(0);
                            content.push(Span::new(self.tokens[c0].start, self.regions[r].end));
                        } else if quote_before.is_none() {
                            let e = self.content_end(c0, s, &cues);
                            if let Some(sp) = self.span(c0, e) {
                                content.push(sp);
                            }
                        }
                    }
                    if !content.is_empty() {
                        drafts.push(Draft {
                            content,
                            cue: Some((self.span(cue.i, cue.j).unwrap_or_default(), cue.lemma.clone())),
                            source,
                            venue: venue.or_else(|| self.venue_prefix(s, cue.i)),
                        });
                        last_in_sentence = Some((s, drafts.len() - 1));
                        continue;
                    }
                }
            }

            // Pre-posed: `Smith said (that) …`, `…, saying …`.
            let (mut c0, venue) = self.skip_adjuncts(cue, sb);
            // `talked about X`, `spoke of X`: the preposition belongs to the cue.
            if c0 == cue.j
                && c0 + 1 < sb
                && matches!(self.lower(c0), "about" | "of" | "for" | "against")
                && self.toks[c0].region.is_none()
            {
                c0 += 1;
            }
            let mut source = np;
            if source.is_none() {
                // Participles and coordinated verbs take the subject of the clause.
                if matches!(delim_tok, "who" | "which") {
                    // `Smith, who said …`: the relative pronoun is the source (as PolNeAR marks
                    // it); the speaker is its antecedent, found when speakers are resolved.
                    source = delim.and_then(|d| self.span(d, d + 1));
                } else {
                    source = last_in_sentence
                        .filter(|(ls, _)| *ls == s)
                        .and_then(|(_, d)| drafts.get(d).and_then(|d| d.source))
                        .or_else(|| self.subject(s, cue.i));
                }
            }
            if addressee {
                source = None;
            }
            if c0 >= sb || (c0 < self.toks.len() && is_terminal(self.lower(c0))) {
                // "Stone said:" at the paragraph's end: the next paragraph is the content.
                let last_colon = c0 >= sb && sb == self.toks.len() && self.toks[sb - 1].text == ":";
                if last_colon {
                    drafts.push(Draft {
                        content: Vec::new(),
                        cue: Some((self.span(cue.i, cue.j).unwrap_or_default(), cue.lemma.clone())),
                        source,
                        venue,
                    });
                    colon_draft = Some(drafts.len() - 1);
                }
                continue;
            }
            let mut e = self.content_end(c0, s, &cues);
            // `Smith, who said …, criticized …`: a relative clause ends at its closing comma.
            if matches!(delim_tok, "who" | "which")
                && delim.is_some_and(|d| d > sa && self.toks[d - 1].text == ",")
                && let Some(c) =
                    (c0 + 1..e).find(|&x| self.toks[x].region.is_none() && self.toks[x].text == ",")
            {
                e = c;
            }
            // A quote opened right after the cue runs to its end.
            if let Some(r) = self.toks[c0].region {
                e = e.max(self.tok_end_of(self.regions[r].end));
            }
            let Some(sp) = self.span(c0, e) else { continue };
            let start = self.toks[c0].region.map_or(sp.start, |r| self.regions[r].start.min(sp.start));
            drafts.push(Draft {
                content: vec![Span::new(start, sp.end)],
                cue: Some((self.span(cue.i, cue.j).unwrap_or_default(), cue.lemma.clone())),
                source,
                venue: venue.or_else(|| self.venue_prefix(s, cue.i)),
            });
            last_in_sentence = Some((s, drafts.len() - 1));
        }
        self.continuations(drafts, para_first, carry);
        if let Some(d) = colon_draft
            && drafts.get(d).is_some_and(|d| d.content.is_empty())
        {
            carry.open = Some(d);
            carry.colon = true;
        }
    }

    /// `his claim that …`, `Smith's argument that …`, `the notion that …`: the clause after the
    /// noun, the possessor (if any) as the source.
    pub(super) fn noun_cue(&self, cue: &CueHit, s: usize, cues: &[CueHit], drafts: &mut Vec<Draft>) {
        let (sa, _) = self.sents[s];
        let c0 = cue.j;
        let e = self.content_end(c0, s, cues);
        let content: Vec<Span> = self.span(c0, e).into_iter().collect();
        // The possessor: "his", "their", or a noun phrase ending in "'s" right before the noun
        // (an adjective may sit between: "his repeated claim").
        let mut p = cue.i;
        while p > sa && p + 3 > cue.i && !matches!(self.lower(p - 1), "'s" | "’s") {
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
        let source = source.or_else(|| self.subject(s, cue.i));
        let lemma = Cow::Owned(cue.lemma.trim_start_matches(NOUN_CUE).to_string());
        drafts.push(Draft {
            content,
            cue: self.span(cue.i, cue.j).map(|sp| (sp, lemma)),
            source,
            venue: None,
        });
    }

    /// `According to X, …` and `…, according to X.`
    pub(super) fn according(&self, cue: &CueHit, s: usize, cues: &[CueHit], drafts: &mut Vec<Draft>) {
        let (sa, sb) = self.sents[s];
        let src_end = {
            let mut k = cue.j;
            while k < sb && k - cue.j < 15 {
                let w = self.lower(k);
                if is_terminal(w) || matches!(w, "," | ";" | ":" | "(" | ")" | "—" | "--") {
                    break;
                }
                k += 1;
            }
            k
        };
        let source = self.span(cue.j, src_end);
        let cue_span = self.span(cue.i, cue.j).unwrap_or_default();
        let lead = (sa..cue.i).all(|k| {
            let w = self.lower(k);
            self.punct(k) || matches!(w, "but" | "and" | "yet" | "so" | "also")
        });
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
            let mut e = cue.i;
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
                if e > c0 + 2 {
                    if let Some(sp) = self.span(c0, e) {
                        content.push(sp);
                    }
                }
            }
        }
        drafts.push(Draft { content, cue: Some((cue_span, cue.lemma.clone())), source, venue: None });
    }
}
