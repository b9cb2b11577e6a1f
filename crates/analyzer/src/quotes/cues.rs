//! Finding the cues of a paragraph: cue verbs of the lexicon, speech nouns, "according to",
//! and a colon after a speaker, with the words that report no act left out.

use super::MIN_WEIGHT;
use super::paragraph::{FoundCue, Para, ParaToken};
use super::vocabulary::{NOUN_CUE, PARTICLES};
use super::words::{capitalized, class, crude_lemma, is_terminal};
use std::borrow::Cow;

/// The first cue starting in tokens `a..=b` (cues are sorted by position).
pub(super) fn cue_in(cues: &[FoundCue], a: usize, b: usize) -> Option<&FoundCue> {
    let k = cues.partition_point(|c| c.first < a);
    cues.get(k).filter(|c| c.first <= b)
}

impl<'a> Para<'a> {
    /// The cue-lexicon entry (lemma, weight) of token `i`.
    pub(super) fn cue_entry(&self, i: usize) -> Option<(&'static str, u8)> {
        self.toks.get(i).and_then(ParaToken::cue)
    }

    /// Cues of the paragraph outside quote marks, in order.
    pub(super) fn cues(&self) -> Vec<FoundCue> {
        let mut out: Vec<FoundCue> = Vec::new();
        let n = self.toks.len();
        let quoted = !self.regions.is_empty();
        let mut i = 0;
        while i < n {
            // Only cue words, speech nouns and "according" start a cue here, and any other word
            // only as a verb after a quote (`verb_after_quote_and_speaker`): without quotes the
            // rest of the paragraph's words are passed over without a look at their text.
            if !quoted {
                let starts = |t: &ParaToken| t.word.cue != 0 || t.has(class::SPEECH_NOUN | class::ACCORDING);
                match self.toks.get(i..).and_then(|r| r.iter().position(starts)) {
                    Some(d) => i += d,
                    None => break,
                }
            }
            let t = &self.toks[i];
            if t.region.is_some() {
                i += 1;
                continue;
            }
            let w = self.lower(i);
            if t.has(class::ACCORDING) && self.lower(i + 1) == "to" {
                out.push(FoundCue { first: i, end: i + 2, lemma: Cow::Borrowed("according to") });
                i += 2;
                continue;
            }
            // A noun cue with its clause: "his claim that …", "the argument that …".
            if t.has(class::SPEECH_NOUN) && i > 0 && self.lower(i + 1) == "that" {
                out.push(FoundCue { first: i, end: i + 1, lemma: Cow::Owned(format!("{NOUN_CUE}{w}")) });
                i += 1;
                continue;
            }
            // Words that report no act ("appeared to", "declined to", "found inspiration") are
            // no cue from the lexicon; after a quote the verb slot below may still take them.
            let before = self.subject_evidence_noun(i).unwrap_or(if i > 0 { self.lower(i - 1) } else { "" });
            let found = t
                .cue()
                .filter(|&(lemma, _)| !super::act::reports_no_act(w, lemma, before, self.lower(i + 1)));
            // `"…," an angry Hollande retaliated.`: any verb in the slot after a quote and its
            // speaker is the cue, in the lexicon or not.
            if found.is_none_or(|(_, wt)| wt < MIN_WEIGHT) && self.verb_after_quote_and_speaker(i) {
                let lemma = found.map_or_else(|| Cow::Owned(crude_lemma(w)), |(l, _)| Cow::Borrowed(l));
                out.push(FoundCue { first: i, end: i + 1, lemma });
                i += 1;
                continue;
            }
            let Some((lemma, weight)) = found else {
                i += 1;
                continue;
            };
            let prev = if i > 0 { self.lower(i - 1) } else { "" };
            let sent_start = self.sents.get(t.sent).is_some_and(|s| s.0 == i);
            // `The ad claims “Jeb is the conservative you can trust.”`: a weaker cue form right
            // before a quote (or a colon or comma and a quote) reports it.
            // (A sentence in quote marks: not `wants “smarter and tougher” trade deals`.)
            let quote_next = |k: usize| {
                self.toks.get(k).is_some_and(|n| n.region.is_some() && super::words::is_quote_mark(n.text))
                    && self.toks.get(k + 1).is_some_and(|n| capitalized(n.text))
            };
            let before_quote =
                quote_next(i + 1) || matches!(self.lower(i + 1), ":" | ",") && quote_next(i + 2);
            // `Smith believes that …`, `she knew they would …`: a weaker cue form opening a
            // clause reports it (not `wants to`, not `believes in`).
            let clause_next = lemma != "want"
                && (self.lower(i + 1) == "that" || self.is(i + 1, class::SUBJECT_PRONOUN))
                && self.toks.get(i + 1).is_some_and(|n| n.region.is_none())
                // (`should remember that social scientists say …`: the cue inside reports.)
                && !(i + 2..(i + 8).min(n)).any(|x| self.cue_entry(x).is_some_and(|(_, wt)| wt >= MIN_WEIGHT));
            let ok = (weight >= MIN_WEIGHT || weight >= 20 && (before_quote || clause_next))
                // A noun reading: "the claim", "his call".
                && !matches!(prev, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "this" | "these" | "those" | "my" | "your")
                // An adjective: "a poorly described article", "the widely reported deal".
                && !(w.ends_with("ed")
                    && prev.len() > 4
                    && prev.ends_with("ly")
                    && i >= 2
                    && matches!(self.lower(i - 2), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "these" | "those"))
                // "wanted some say in …", "the final say over …": a noun.
                && !(lemma == "say"
                    && matches!(prev, "some" | "any" | "no" | "final" | "more" | "greater" | "little" | "equal" | "real")
                    && matches!(self.lower(i + 1), "in" | "over" | "on" | "about"))
                // A name or a headline word, not a verb.
                && (!capitalized(t.text)
                    || sent_start
                    // `Glenn Beck Says Trump …` in a title-case headline: after a capitalized name.
                    || (self.title
                        && matches!(lemma, "say" | "tell" | "warn" | "claim" | "insist" | "argue" | "admit" | "deny" | "vow" | "urge")
                        && i > 0
                        && capitalized(self.toks[i - 1].text)
                        && !self.toks[i - 1].has(class::NP_STOP)))
                // "claim-based": a hyphen joined to the word (`Smith said - but …` is a cue).
                && !self.toks.get(i + 1).is_some_and(|n| self.tokens[i + 1].start == self.tokens[i].end && n.text == "-")
                // "declined to say": one cue.
                && !(prev == "to" && i >= 2 && out.last().is_some_and(|c| c.end + 1 == i));
            if ok {
                let mut j = i + 1;
                if let Some(&(_, part)) =
                    PARTICLES.iter().find(|(l, p)| *l == lemma && self.lower(i + 1) == *p)
                {
                    let _ = part;
                    j = i + 2;
                }
                out.push(FoundCue { first: i, end: j, lemma: Cow::Borrowed(lemma) });
                i = j;
                continue;
            }
            i += 1;
        }
        out
    }

    /// The record or survey noun heading the phrase before the verb at `i` across a
    /// prepositional phrase ("Polls in New Hampshire show", "A CNN/ORC poll in January shows",
    /// "Surveys of caucus-goers taken as they entered showed"): the verb reports its finding.
    fn subject_evidence_noun(&self, i: usize) -> Option<&'a str> {
        let sent_start = self.sents.get(self.toks[i].sent).map_or(0, |s| s.0);
        let mut x = i;
        while x > sent_start && i - x < 8 {
            x -= 1;
            let w = self.lower(x);
            if self.toks[x].region.is_some() || self.punct(x) && !matches!(w, "/" | "-" | "." | "'s" | "’s")
            {
                return None;
            }
            if super::act::is_evidence_noun(w)
                && x + 1 < i
                && matches!(
                    self.lower(x + 1),
                    "in" | "of"
                        | "by"
                        | "from"
                        | "among"
                        | "for"
                        | "on"
                        | "conducted"
                        | "taken"
                        | "released"
                        | "published"
                )
            {
                return Some(w);
            }
        }
        None
    }

    /// Token `i` is a verb form (`retaliated`, `went`, `answers`) right after a quote that ends
    /// on a comma, `?` or `!` and a short speaker noun phrase (`he`, `an angry Hollande`), and
    /// the sentence ends (or a comma or an adverb follows): `"…," NP VERB.`
    pub(super) fn verb_after_quote_and_speaker(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // The verb follows a quote's closing mark: no quote, no such verb.
        if self.regions.is_empty() || i < 2 {
            return false;
        }
        let w = self.lower(i);
        let verb_like = w.len() >= 4
            && (w.ends_with("ed")
                || t.has(class::IRREGULAR_PAST)
                || (w.ends_with('s') && !w.ends_with("ss")))
            && !capitalized(t.text)
            && w.chars().all(|c| c.is_ascii_alphabetic());
        if !verb_like {
            return false;
        }
        // What follows: the sentence's end, a comma, or an adverb then one of those.
        let mut k = i + 1;
        if self.lower(k).ends_with("ly") && self.toks.get(k).is_some_and(|t| t.region.is_none()) {
            k += 1;
        }
        let nx = self.lower(k);
        if !(k >= self.toks.len() || is_terminal(nx) || nx == "," || self.toks[i].sent != self.toks[k].sent) {
            return false;
        }
        // The speaker: up to six words back to a closing quote mark.
        let mut x = i;
        let mut named = false;
        while x > 0 && i - x < 6 {
            let p = &self.toks[x - 1];
            if p.region.is_some() {
                break;
            }
            let pw = self.lower(x - 1);
            if p.has(class::PUNCT) && !matches!(pw, "." | "'s" | "’s" | "-")
                || p.has(class::AUX | class::NP_STOP)
            {
                return false;
            }
            named |= capitalized(p.text) || matches!(pw, "he" | "she" | "they" | "i" | "we");
            x -= 1;
        }
        if x == i || !named || x == 0 {
            return false;
        }
        self.closing_region(x - 1).is_some_and(|r| {
            let reg = self.regions[r];
            self.text[reg.start..reg.end]
                .trim_end_matches(['"', '”', '\'', '’', '»'])
                .ends_with([',', '?', '!'])
        })
    }
}
