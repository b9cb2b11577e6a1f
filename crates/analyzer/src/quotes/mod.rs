//! Quotes and reported speech: who said what.
//!
//! [`extract_quotes`] finds every attribution of an article with rules over its paragraphs,
//! sentences and tokens:
//!
//! * direct quotes in quote marks (straight, curly, NYT `''`), over several sentences and
//!   paragraphs, with the cue before (`He said: "…"`), after (`"…," he said.`) or inside
//!   (`"…," he said, "…"`);
//! * reported speech around a cue verb from a lexicon learned on PolNeAR (`X said (that) …`,
//!   `X told reporters …`, `…, X said.`, `…, said X.`, `…, saying …`, `according to X, …`),
//!   mixed when the reported clause holds quoted words;
//! * cue-less continuations: further quotes in the paragraph, and quoted paragraphs right after
//!   an attributed quote, join that attribution (as more content spans).
//!
//! Spans follow the PolNeAR conventions: the content includes quote marks and a leading
//! "that", never the sentence's final period; the source is the speaker's noun phrase.

mod act;
mod adjuncts;
mod content;
mod continuation;
mod cues;
mod draft;
mod headline;
mod lexicon;
pub(crate) mod marks;
mod noun_phrase;
mod paragraph;
mod patterns;
mod speakers;
mod vocabulary;
mod words;

use storyline_model::{Article, ParagraphRole, Quote, QuoteKind, Span};

use content::{only_a_name, quoted_words, says_nothing};
use draft::{Candidate, Carry, Draft, disjoint};
use noun_phrase::trim_source_start;
use paragraph::Para;
use words::LowerBuf;

pub(crate) use draft::kind_of;
pub(crate) use noun_phrase::plausible_source;
pub(crate) use vocabulary::is_speech_noun;
pub(crate) use words::word_count;

/// Smallest lexicon weight (percent of PolNeAR train occurrences that are cues) for a cue verb.
const MIN_WEIGHT: u8 = 33;
/// Fewest words of a quote inside a sentence without a cue that still makes an attribution.
const MIN_BARE_WORDS: usize = 4;
/// Longest source noun phrase, in tokens.
const MAX_SOURCE: usize = 10;
/// Longest stretch scanned for one attribution's content, in tokens (keeps the work linear).
const MAX_SCAN: usize = 160;

/// Every attribution in the article, in text order; no two share a byte of content (of
/// attributions found over the same words, one is kept: see `disjoint`).
/// `speaker`/`speaker_entity`/`speaker_confidence`/`date` are left None here:
/// the attribution step ([`crate::attribution`]) links `speaker_mention` to the entities and dates.
pub fn extract_quotes(article: &Article) -> Vec<Quote> {
    let text = article.text.as_str();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut carry = Carry::default();
    let mut sent_cursor = 0;
    let mut lowered = LowerBuf::default();
    for (pi, para) in article.paragraphs.iter().enumerate() {
        // The sentences of this paragraph (sentences are in paragraph order).
        while sent_cursor < article.sentences.len() && article.sentences[sent_cursor].paragraph < pi {
            sent_cursor += 1;
        }
        let first_sent = sent_cursor;
        while sent_cursor < article.sentences.len() && article.sentences[sent_cursor].paragraph == pi {
            sent_cursor += 1;
        }
        if !matches!(
            para.role,
            // Captions describe photos ("This file photo shows …"): no one speaks there.
            ParagraphRole::Body | ParagraphRole::Standfirst | ParagraphRole::Title
        ) || para.end > text.len()
            || !text.is_char_boundary(para.start)
            || !text.is_char_boundary(para.end)
        {
            carry = Carry::default();
            continue;
        }
        let sentences = &article.sentences[first_sent..sent_cursor];
        let first_tok = sentences.first().map_or(0, |s| s.first_token);
        let end_tok = sentences.last().map_or(0, |s| s.end_token);
        let tokens = article.tokens.get(first_tok..end_tok).unwrap_or(&[]);
        if tokens.is_empty() {
            carry = Carry::default();
            continue;
        }
        let sents: Vec<(usize, usize)> = sentences
            .iter()
            .map(|s| (s.first_token.saturating_sub(first_tok), s.end_token.saturating_sub(first_tok)))
            .filter(|&(a, b)| a < b && b <= tokens.len())
            .collect();
        let span = Span::new(para.start, para.end);
        lowered.fill(text, span, tokens, false);
        let mut p = match Para::new(text, &lowered, span, tokens, &sents) {
            Some(p) => p,
            None => {
                lowered.fill(text, span, tokens, true);
                let Some(p) = Para::new(text, &lowered, span, tokens, &sents) else { continue };
                p
            }
        };
        p.title = para.role == ParagraphRole::Title;
        p.authored = !article.authors.is_empty();
        if para.role == ParagraphRole::Title {
            p.headline_speaker(&mut drafts, false);
        } else if para.role == ParagraphRole::Body && p.headline_speaker(&mut drafts, true) {
            // A transcript turn (`WALLACE: …`, `Q: …`): the paragraph is the speaker's.
            carry.flush(&mut drafts);
            carry = Carry::default();
            continue;
        }
        p.extract(&mut drafts, &mut carry);
    }
    carry.flush(&mut drafts);
    let candidates: Vec<Candidate> = drafts
        .into_iter()
        .map(|mut d| {
            // A conjunction or adverb the noun phrase took in is dropped ("But Trump" → "Trump");
            // words that cannot name a speaker leave the quote without one.
            d.source =
                d.source.map(|s| trim_source_start(text, s)).filter(|s| plausible_source(s.slice(text)));
            d
        })
        .filter_map(|d| d.prepare(text))
        .collect();
    let mut quotes: Vec<Quote> = disjoint(candidates).into_iter().map(|c| c.finish(text)).collect();
    // Reported speech with no quote marks stands only on its speaker: without one that can say
    // something it is a sentence that happens to hold a cue word ("Studies have shown …" is
    // kept, "reduce stress and enhance relaxation" is not). "According to" names its source
    // whatever it is ("according to one global index").
    // A naming verb after a phrase that cannot speak names a thing, quoted or not ("a poem
    // called “Winter Solstice”", "a live show called “Ask Dr. Mike”").
    quotes.retain(|q| {
        let naming =
            q.cue.as_ref().is_some_and(|c| matches!(c.lemma.as_str(), "call" | "dub" | "title" | "name"));
        if q.kind == QuoteKind::Direct
            && q.cue.is_none()
            && q.speaker_mention.is_none()
            && !quoted_words(&q.text)
        {
            return false;
        }
        if q.kind == QuoteKind::Indirect && says_nothing(&q.text) {
            return false;
        }
        // "a mission called Europa Clipper", "Everyone called him Mike": a name given, no
        // statement (not "JP Morgan called the decision a landmark judgment").
        if naming && q.kind == QuoteKind::Indirect && only_a_name(&q.text) {
            return false;
        }
        // "an improvised live show called “Ask Dr. Mike”", "a class of sets called the “Master
        // Builder Series”": a thing named by the participle after it (not "Aviation analysts
        // called it the “end of an era”", whose object comes first).
        if naming && names_a_thing(text, q) {
            return false;
        }
        (q.kind != QuoteKind::Indirect && !naming)
            || q.cue.as_ref().is_some_and(|c| c.lemma == "according to")
            || q.speaker_mention.as_ref().is_some_and(|m| speakers::names_a_speaker(&m.text))
    });
    quotes.sort_by_key(|q| (q.start, q.end));
    quotes
}

/// Whether a quote of a naming verb names a thing: the name (in quote marks, after at most
/// "the") follows the verb at once, and the phrase before the verb ends in a
/// lowercase noun rather than a name or a pronoun.
fn names_a_thing(text: &str, q: &Quote) -> bool {
    let (Some(cue), Some(sm)) = (&q.cue, &q.speaker_mention) else { return false };
    let after = text.get(cue.end..q.end).unwrap_or("").trim_start();
    let after = after.strip_prefix("the ").unwrap_or(after);
    // (or a short unquoted name: `a largely unstudied one called a tuft cell`; not `called it
    // a sham`, whose object comes first)
    // (not `what officials called a hate crime`: people name no things this way)
    let naming_form = matches!(cue.text.as_str(), "called" | "named" | "dubbed");
    let last = sm.text.split_whitespace().last().unwrap_or("");
    let short_name = naming_form
        && (!speakers::names_a_speaker(&sm.text) || sm.text.starts_with("a ") || sm.text.starts_with("an "))
        && q.text.split_whitespace().count() <= 3
        && !q.text.split_whitespace().next().is_some_and(|w| {
            matches!(
                w,
                "it" | "him"
                    | "her"
                    | "them"
                    | "this"
                    | "that"
                    | "these"
                    | "those"
                    | "me"
                    | "us"
                    | "himself"
                    | "herself"
            )
        });
    // (or any name after a thing that cannot speak: `A better USB-C spec called PD for power
    // delivery cranked up …`)
    let thing = naming_form && last.starts_with(char::is_lowercase) && !speakers::names_a_speaker(last);
    let name_first = after.starts_with(['"', '“', '\'', '‘']) || short_name || thing;
    let noun_last = last.starts_with(char::is_lowercase)
        && !matches!(last, "he" | "she" | "they" | "it" | "we" | "i" | "who" | "which" | "that");
    // (the noun right before the verb: `a show called`, not `one conservative has dubbed`)
    let adjacent = sm.end <= cue.start && text.get(sm.end..cue.start).is_some_and(|g| g.trim().is_empty());
    name_first && noun_last && adjacent
}

#[cfg(test)]
mod tests;
