//! Linking quotes to the rest of the analysis: the speaker mention to its entity (names,
//! pronouns and descriptions, through the entity layer's coreference) and the quote to a date
//! (a time expression attached to its cue, else the article's date).

use storyline_model::{Article, DateSource, EntityType, Quote, QuoteDate, Span, Timex, TimexType};

use crate::quotes;

/// Fill `speaker`, `speaker_entity` and `speaker_confidence` of every quote from the entity
/// whose mention covers (or lies inside) the quote's speaker mention.
pub fn resolve_speakers(article: &mut Article) {
    let Article { quotes, entities, .. } = article;
    if quotes.is_empty() {
        return;
    }
    // Every person/organisation mention by start, so each quote looks only at the mentions
    // near its source (a name said a million times is not scanned per quote).
    let mut mentions: Vec<(usize, usize, usize, f32)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.kind, EntityType::Person | EntityType::Organization))
        .flat_map(|(ei, e)| e.mentions.iter().map(move |m| (m.start, m.end, ei, m.confidence)))
        .collect();
    mentions.sort_by_key(|&(start, end, ei, _)| (start, end, ei));
    for q in quotes.iter_mut() {
        let Some(sm) = &q.speaker_mention else { continue };
        // A possessive or a "spokesman for X" source speaks for X but is not X.
        if possessive_source(&sm.text) {
            continue;
        }
        let from = mentions.partition_point(|m| m.0 + MAX_MENTION_BYTES < sm.start);
        let mut best: Option<(usize, f32, usize)> = None; // (entity, confidence, mention length)
        for &(start, end, ei, confidence) in mentions[from..].iter().take_while(|m| m.0 <= sm.end) {
            let inside = start >= sm.start && end <= sm.end;
            let covers = start <= sm.start && end >= sm.end;
            if !(inside || covers) {
                continue;
            }
            // Prefer people, then the longest mention (the head of "Pompeo's spokeswoman" is not Pompeo).
            let len = end - start;
            let person_bonus = usize::from(entities[ei].kind == EntityType::Person) * 1_000_000;
            if best.is_none_or(|(_, _, l)| len + person_bonus > l) {
                best = Some((ei, confidence, len + person_bonus));
            }
        }
        if let Some((ei, conf, _)) = best {
            q.speaker = Some(entities[ei].name.clone());
            q.speaker_entity = Some(ei);
            q.speaker_confidence = Some(conf);
        }
    }
}

/// Longer mentions than this cannot cover a quote's source (names are a few words); it bounds
/// the search window around each source.
const MAX_MENTION_BYTES: usize = 256;

/// At most this many bytes between a cue and a time expression (or speaker) attached to it:
/// three words and their spaces.
const MAX_ATTACHED_GAP: usize = 64;

/// "Trump's spokeswoman", "a spokesman for Pompeo": someone else speaking (case-insensitive).
fn possessive_source(text: &str) -> bool {
    // ASCII text is compared ignoring ASCII case, which is what lowercasing it would do.
    let lowered;
    let text = if text.is_ascii() {
        text
    } else {
        lowered = text.to_lowercase();
        lowered.as_str()
    };
    let mut words = text.split_whitespace();
    let last = words.next_back();
    let b = text.as_bytes();
    words.next().is_some()
        && (b.windows(3).any(|w| w[0] == b'\'' && w[1].eq_ignore_ascii_case(&b's') && w[2] == b' ')
            || b.windows(5).any(|w| w == "’s ".as_bytes()))
        && last.is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "aide"
                    | "aides"
                    | "adviser"
                    | "advisers"
                    | "lawyer"
                    | "attorney"
                    | "campaign"
                    | "office"
                    | "allies"
                    | "staff"
                    | "team"
                    | "supporters"
            )
        })
}

/// Quoted sentences after the cue's sentence ("…," Pompeo said. "And then …") become quotes
/// of their own, without a cue, by the same speaker: one statement per quoted passage. (The
/// extractor keeps them as extra content spans, as PolNeAR annotates them.)
pub fn split_continuations(article: &mut Article) {
    let sentence_of = |pos: usize| article.sentences.partition_point(|s| s.start <= pos).saturating_sub(1);
    // Usually no quote goes on after its cue's sentence: then nothing moves.
    let splits = |q: &Quote| {
        q.cue.as_ref().is_some_and(|cue| {
            let cue_sentence = sentence_of(cue.start);
            let later = q.content.iter().filter(|c| sentence_of(c.start) > cue_sentence).count();
            later > 0 && later < q.content.len()
        })
    };
    if !article.quotes.iter().any(splits) {
        // (The extractor hands them over in this order: then there is nothing to sort.)
        if !article.quotes.is_sorted_by_key(|q| (q.start, q.end)) {
            article.quotes.sort_by_key(|q| (q.start, q.end));
        }
        return;
    }
    let mut out = Vec::with_capacity(article.quotes.len());
    for q in std::mem::take(&mut article.quotes) {
        let Some(cue) = &q.cue else {
            out.push(q);
            continue;
        };
        let cue_sentence = sentence_of(cue.start);
        if q.content.iter().all(|c| sentence_of(c.start) <= cue_sentence) {
            out.push(q);
            continue;
        }
        let (keep, later): (Vec<Span>, Vec<Span>) =
            q.content.iter().partition(|c| sentence_of(c.start) <= cue_sentence);
        if later.is_empty() || keep.is_empty() {
            out.push(q);
            continue;
        }
        let rebuilt = |spans: Vec<Span>, base: &Quote| -> Quote {
            let parts: Vec<&str> = spans.iter().map(|s| s.slice(&article.text)).collect();
            Quote {
                kind: quotes::kind_of(&parts),
                text: parts.join(" "),
                start: spans[0].start,
                end: spans[spans.len() - 1].end,
                content: spans.clone(),
                ..base.clone()
            }
        };
        for span in later {
            out.push(Quote { cue: None, ..rebuilt(vec![span], &q) });
        }
        out.push(rebuilt(keep, &q));
    }
    out.sort_by_key(|q| (q.start, q.end));
    article.quotes = out;
}

/// Give each quote a date: a DATE/TIME expression attached to its cue in the same sentence
/// ("Haley said Sunday", "said on Friday", "voiced hope Friday") is `stated`; otherwise the
/// article's publication date is `article`.
pub fn date_quotes(article: &mut Article) {
    let published = article.published.map(|d| d.date_only().to_string());
    let Article { quotes, timexes, sentences, text, .. } = article;
    // Dated expressions by start, so each cue looks only at its neighbourhood.
    let mut dated: Vec<&Timex> = timexes
        .iter()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter(|t| !t.value.ends_with("_REF"))
        .collect();
    dated.sort_by_key(|t| (t.start, t.end));
    for q in quotes.iter_mut() {
        let stated = q.cue.as_ref().and_then(|cue| {
            let si = sentences.partition_point(|s| s.start <= cue.start).checked_sub(1)?;
            let sentence = sentences.get(si).filter(|s| cue.end <= s.end)?;
            // The attribution clause: the cue with its speaker right before or after it
            // ("a day earlier Nikki Haley said", "said Haley on Sunday").
            let (mut start, mut end) = (cue.start, cue.end);
            if let Some(sm) = &q.speaker_mention {
                if sm.end <= cue.start && attached(text, cue.start, cue.end, sm.start, sm.end) {
                    start = sm.start;
                } else if sm.start >= cue.end && attached(text, cue.start, cue.end, sm.start, sm.end) {
                    end = sm.end;
                }
            }
            let from = dated.partition_point(|t| t.start + MAX_MENTION_BYTES + MAX_ATTACHED_GAP < start);
            dated[from..]
                .iter()
                .take_while(|t| t.start <= end + MAX_ATTACHED_GAP)
                .filter(|t| t.start >= sentence.start && t.end <= sentence.end)
                .filter(|t| !inside_quote(q, t.start))
                .filter(|t| attached(text, start, end, t.start, t.end))
                .min_by_key(|t| if t.start >= end { t.start - end } else { start - t.end })
                .map(|t| t.value.clone())
        });
        q.date = match (stated, &published) {
            (Some(v), _) => Some(QuoteDate { value: day_of(&v), source: DateSource::Stated }),
            (None, Some(p)) => Some(QuoteDate { value: p.clone(), source: DateSource::Article }),
            (None, None) => None,
        };
    }
}

/// "2018-09-24TMO" → "2018-09-24": a statement's date is its day.
fn day_of(value: &str) -> String {
    value.split('T').next().unwrap_or(value).to_string()
}

fn inside_quote(q: &Quote, pos: usize) -> bool {
    q.content.iter().any(|c| c.start <= pos && pos < c.end)
}

/// A time expression is attached to the cue when only a few words (no clause break) separate
/// them: "said Sunday", "said on Sunday", "on Friday said", "voiced hope Friday".
fn attached(text: &str, cue_start: usize, cue_end: usize, t_start: usize, t_end: usize) -> bool {
    let gap = if t_start >= cue_end {
        text.get(cue_end..t_start)
    } else if t_end <= cue_start {
        text.get(t_end..cue_start)
    } else {
        return false;
    };
    let Some(gap) = gap.filter(|g| g.len() <= MAX_ATTACHED_GAP) else { return false };
    let words = quotes::word_count(gap, 4);
    words <= 3 && !gap.contains(['"', '“', '”', ';', '.', ','])
}
