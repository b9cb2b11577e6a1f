//! Linking quotes to the rest of the analysis: the speaker mention to its entity (names,
//! pronouns and descriptions, through the entity layer's coreference) and the quote to a date
//! (a time expression attached to its cue, else the article's date).

use storyline_model::{Article, DateSource, Quote, QuoteDate, TimexType};

/// Fill `speaker`, `speaker_entity` and `speaker_confidence` of every quote from the entity
/// whose mention covers (or lies inside) the quote's speaker mention.
pub fn resolve_speakers(article: &mut Article) {
    let Article { quotes, entities, .. } = article;
    for q in quotes.iter_mut() {
        let Some(sm) = &q.speaker_mention else { continue };
        // A possessive or a "spokesman for X" source speaks for X but is not X.
        if possessive_source(&sm.text.to_lowercase()) {
            continue;
        }
        let mut best: Option<(usize, f32, usize)> = None; // (entity, confidence, mention length)
        for (ei, e) in entities.iter().enumerate() {
            if e.kind != storyline_model::EntityType::Person
                && e.kind != storyline_model::EntityType::Organization
            {
                continue;
            }
            for m in &e.mentions {
                let inside = m.start >= sm.start && m.end <= sm.end;
                let covers = m.start <= sm.start && m.end >= sm.end;
                if !(inside || covers) {
                    continue;
                }
                // Prefer people, then the longest mention (the head of "Pompeo's spokeswoman" is not Pompeo).
                let len = m.end - m.start;
                let person_bonus = usize::from(e.kind == storyline_model::EntityType::Person) * 1_000_000;
                if best.is_none_or(|(_, _, l)| len + person_bonus > l) {
                    best = Some((ei, m.confidence, len + person_bonus));
                }
            }
        }
        if let Some((ei, conf, _)) = best {
            q.speaker = Some(entities[ei].name.clone());
            q.speaker_entity = Some(ei);
            q.speaker_confidence = Some(conf);
        }
    }
}

/// "Trump's spokeswoman", "a spokesman for Pompeo": someone else speaking.
fn possessive_source(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() > 1
        && (text.contains("'s ") || text.contains("’s "))
        && words.last().is_some_and(|w| {
            matches!(
                *w,
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

/// Give each quote a date: a DATE/TIME expression attached to its cue in the same sentence
/// ("Haley said Sunday", "said on Friday", "voiced hope Friday") is `stated`; otherwise the
/// article's publication date is `article`.
pub fn date_quotes(article: &mut Article) {
    let published = article.published.map(|d| d.date_only().to_string());
    let Article { quotes, timexes, sentences, text, .. } = article;
    for q in quotes.iter_mut() {
        let stated = q.cue.as_ref().and_then(|cue| {
            let sentence = sentences.iter().find(|s| s.start <= cue.start && cue.end <= s.end)?;
            timexes
                .iter()
                .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
                .filter(|t| t.start >= sentence.start && t.end <= sentence.end)
                .filter(|t| !t.value.ends_with("_REF"))
                .filter(|t| !inside_quote(q, t.start))
                .filter(|t| attached(text, cue.start, cue.end, t.start, t.end))
                .min_by_key(|t| if t.start >= cue.end { t.start - cue.end } else { cue.start - t.end })
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
    let Some(gap) = gap else { return false };
    let words = gap.split_whitespace().count();
    words <= 3 && !gap.contains(['"', '“', '”', ';', '.', ','])
}
