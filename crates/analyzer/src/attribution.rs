//! Linking quotes to the rest of the analysis: the speaker mention to its entity (names,
//! pronouns and descriptions, through the entity layer's coreference), the content to the
//! entities it is about, and the quote to a date (a time expression attached to its cue, else
//! the article's date).

use storyline_model::{
    Article, DateSource, Entity, EntityType, MentionKind, Quote, QuoteDate, Span, Timex, TimexType,
};

use crate::quotes;

/// A mention of a person, organisation or place, in the index [`link_quotes`] searches.
#[derive(Clone, Copy, Debug)]
struct Linked {
    start: usize,
    end: usize,
    entity: usize,
    confidence: f32,
    /// A person or an organisation: who can be a speaker.
    speaker: bool,
    /// A name, pronoun or description: what stands for the entity itself (a demonym does not:
    /// "three American detainees" is not about the US).
    stands_for: bool,
}

/// Every mention of a person, organisation or place, by (start, end, entity): a quote looks
/// only at the mentions near its source or inside its content (a name said a million times is
/// not scanned per quote).
fn mention_index(entities: &[Entity]) -> Vec<Linked> {
    let mut index: Vec<Linked> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            matches!(e.kind, EntityType::Person | EntityType::Organization | EntityType::Location)
        })
        .flat_map(|(ei, e)| {
            let speaker = e.kind != EntityType::Location;
            e.mentions.iter().map(move |m| Linked {
                start: m.start,
                end: m.end,
                entity: ei,
                confidence: m.confidence,
                speaker,
                stands_for: m.kind != MentionKind::Demonym,
            })
        })
        .collect();
    index.sort_by_key(|m| (m.start, m.end, m.entity));
    index
}

/// [`resolve_speakers`] then [`about`], over one index of the entity mentions.
pub fn link_quotes(article: &mut Article) {
    if article.quotes.is_empty() {
        return;
    }
    let index = mention_index(&article.entities);
    speakers_with(article, &index);
    about_with(article, &index);
}

/// Fill `speaker`, `speaker_entity` and `speaker_confidence` of every quote from the entity
/// whose mention covers (or lies inside) the quote's speaker mention.
pub fn resolve_speakers(article: &mut Article) {
    if article.quotes.is_empty() {
        return;
    }
    let index = mention_index(&article.entities);
    speakers_with(article, &index);
}

fn speakers_with(article: &mut Article, mentions: &[Linked]) {
    let Article { quotes, entities, text, .. } = article;
    for q in quotes.iter_mut() {
        let Some(sm) = &q.speaker_mention else { continue };
        // A possessive or a "spokesman for X" source speaks for X but is not X; nor are "multiple
        // friends of X" X.
        if possessive_source(&sm.text) || relations_of(&sm.text) {
            continue;
        }
        // "he" and "she" stand for a person only, never an organisation or a country.
        let personal = matches!(sm.text.trim().to_lowercase().as_str(), "he" | "she" | "him" | "her");
        let from = mentions.partition_point(|m| m.start + MAX_MENTION_BYTES < sm.start);
        let mut best: Option<(usize, f32, usize)> = None; // (entity, confidence, mention length)
        for m in mentions[from..]
            .iter()
            .take_while(|m| m.start <= sm.end)
            .filter(|m| m.speaker && (!personal || entities[m.entity].kind == EntityType::Person))
        {
            let inside = m.start >= sm.start && m.end <= sm.end;
            let covers = m.start <= sm.start && m.end >= sm.end;
            if !(inside || covers) {
                continue;
            }
            // Prefer people, then the longest mention (the head of "Pompeo's spokeswoman" is not Pompeo).
            let len = m.end - m.start;
            let person_bonus = usize::from(entities[m.entity].kind == EntityType::Person) * 1_000_000;
            if best.is_none_or(|(_, _, l)| len + person_bonus > l) {
                best = Some((m.entity, m.confidence, len + person_bonus));
            }
        }
        let cue_start = q.cue.as_ref().map_or(sm.end, |c| c.start);
        let best = best
            .or_else(|| appositive_name(text, &sm.text, sm.end, cue_start, mentions))
            .or_else(|| antecedent(text, &sm.text, sm.start, mentions))
            .or_else(|| possessor(text, &sm.text, sm.start, mentions, entities))
            .or_else(|| organisation_before(&sm.text, sm.start, mentions, entities));
        if let Some((ei, conf, _)) = best {
            q.speaker = Some(entities[ei].name.clone());
            q.speaker_entity = Some(ei);
            q.speaker_confidence = Some(conf);
        }
    }
}

/// The name an organisation's description is given in apposition before the cue ("The company
/// that runs the AMAs, Dick Clark Productions, denies …", "The group that owns most of her
/// music, Big Machine, says …"): that one speaks, not the organisation named nearest before.
/// The first name between the source and the cue (at most [`MAX_MENTION_BYTES`] after the
/// source) set off by commas on both sides. (entity, confidence, 0)
fn appositive_name(
    text: &str,
    source: &str,
    source_end: usize,
    cue_start: usize,
    mentions: &[Linked],
) -> Option<(usize, f32, usize)> {
    let lower = source.trim().to_lowercase();
    if lower == "it" || !ORG_SOURCES.contains(&lower.as_str()) || cue_start <= source_end {
        return None;
    }
    let limit = cue_start.min(source_end + MAX_MENTION_BYTES);
    let from = mentions.partition_point(|m| m.start < source_end);
    let m = mentions[from..]
        .iter()
        .take_while(|m| m.start < limit)
        .filter(|m| m.speaker && m.stands_for && m.end < cue_start)
        .find(|m| {
            text.get(..m.start).is_some_and(|b| b.trim_end().ends_with(','))
                && text.get(m.end..).is_some_and(|a| a.starts_with(','))
        })?;
    let between = text.get(source_end..m.start)?;
    if between.contains(['.', '!', '?', '\n', '"', '“', '”']) {
        return None;
    }
    Some((m.entity, m.confidence * 0.9, 0))
}

/// "multiple friends of Mike Ford", "relatives of the victims", "critics of the plan": people
/// related to X, who are not X.
fn relations_of(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let Some(head) = [" of ", " to "].iter().filter_map(|p| lower.find(p)).min().map(|i| &lower[..i]) else {
        return false;
    };
    // Lowercase words only before "of": not "Rep. Tim Ryan of Ohio", "Wee of the Times".
    text.trim().get(..head.len()).is_some_and(|h| h.chars().skip(1).all(|c| !c.is_uppercase()))
        && head.split_whitespace().next_back().is_some_and(|w| {
            matches!(
                w,
                "friends"
                    | "friend"
                    | "relatives"
                    | "relative"
                    | "family"
                    | "supporters"
                    | "critics"
                    | "opponents"
                    | "rivals"
                    | "allies"
                    | "colleagues"
                    | "associates"
                    | "fans"
                    | "neighbors"
                    | "neighbours"
                    | "parents"
                    | "students"
                    | "victims"
                    | "admirers"
                    | "detractors"
            )
        })
}

/// The person or organisation a relative pronoun source stands for ("Smith, who said …",
/// "the ministry, which said …"): the nearest one named before it in the same sentence, at most
/// [`MAX_MENTION_BYTES`] before. (entity, confidence, 0)
fn antecedent(text: &str, source: &str, start: usize, mentions: &[Linked]) -> Option<(usize, f32, usize)> {
    if !matches!(source.trim(), "who" | "which" | "that" | "Who" | "Which") {
        return None;
    }
    let end = mentions.partition_point(|m| m.start < start);
    for m in mentions[..end].iter().rev().take(16) {
        if m.end > start || !m.speaker {
            continue;
        }
        if m.end + MAX_MENTION_BYTES < start {
            break;
        }
        let between = text.get(m.end..start)?;
        if between.contains(['.', '!', '?', '\n', '"', '“', '”']) {
            return None;
        }
        return Some((m.entity, m.confidence * 0.9, 0));
    }
    None
}

/// The person a possessive pronoun source stands for ("his claim that …", "her argument
/// that …"): the nearest person named or referred to before it in its paragraph or the one
/// before, within 600
/// bytes (the entity layer links "he" and "she", not "his" and "her"). (entity, confidence, 0)
fn possessor(
    text: &str,
    source: &str,
    start: usize,
    mentions: &[Linked],
    entities: &[Entity],
) -> Option<(usize, f32, usize)> {
    if !matches!(source.trim(), "his" | "her" | "His" | "Her") {
        return None;
    }
    let end = mentions.partition_point(|m| m.start < start);
    let m = mentions[..end]
        .iter()
        .rev()
        .take_while(|m| m.end + 600 >= start)
        .find(|m| m.end <= start && entities[m.entity].kind == EntityType::Person)?;
    // From this paragraph or the one before, not further.
    if text.get(m.end..start)?.matches("\n\n").count() > 1 {
        return None;
    }
    Some((m.entity, m.confidence * 0.7, 0))
}

/// Words that name an organisation speaking without naming it: "it said in a statement", "the
/// newspaper said", "the company said".
const ORG_SOURCES: &[&str] = &[
    "it",
    "the newspaper",
    "the paper",
    "the publication",
    "the outlet",
    "the editorial board",
    "the board",
    "the company",
    "the firm",
    "the agency",
    "the group",
    "the organization",
    "the organisation",
    "the ministry",
    "the department",
    "the network",
    "the union",
    "the bank",
    "the committee",
    "the council",
    "the foundation",
    "the institute",
    "the university",
    "the campaign",
    "the party",
];

/// Words in the names of newspapers ("the newspaper said" is one of them, if one is near).
const PAPER_WORDS: &[&str] = &[
    "Post",
    "Times",
    "Journal",
    "News",
    "Herald",
    "Tribune",
    "Daily",
    "Gazette",
    "Guardian",
    "Telegraph",
    "Globe",
    "Chronicle",
    "Register",
    "Star",
    "Sun",
    "Observer",
    "Economist",
    "Review",
    "Inquirer",
    "Examiner",
];

/// How far back an organisation named before "it said" / "the newspaper said" is looked for.
const ORG_WINDOW_BYTES: usize = 1500;

/// The organisation an unnamed organisational source ([`ORG_SOURCES`]) stands for: the nearest
/// organisation named before it (within [`ORG_WINDOW_BYTES`], at most 64 mentions back), a
/// newspaper for "the newspaper" / "the paper" when one is near. (entity, confidence, 0)
fn organisation_before(
    source: &str,
    start: usize,
    mentions: &[Linked],
    entities: &[Entity],
) -> Option<(usize, f32, usize)> {
    let lower = source.trim().to_lowercase();
    if !ORG_SOURCES.contains(&lower.as_str()) {
        return None;
    }
    let paper =
        matches!(lower.as_str(), "the newspaper" | "the paper" | "the publication" | "the editorial board");
    let end = mentions.partition_point(|m| m.start < start);
    let mut nearest = None;
    for m in mentions[..end].iter().rev().take(64) {
        if m.start + ORG_WINDOW_BYTES < start {
            break;
        }
        let e = &entities[m.entity];
        if e.kind != EntityType::Organization || !m.stands_for {
            continue;
        }
        // "Senator Elizabeth Warren" typed as an organisation is a person: never "it".
        if e.name.split_whitespace().next().is_some_and(|w| {
            matches!(
                w,
                "Senator"
                    | "Sen."
                    | "Rep."
                    | "Representative"
                    | "President"
                    | "Gov."
                    | "Governor"
                    | "Mr."
                    | "Ms."
                    | "Mrs."
                    | "Dr."
                    | "Judge"
            )
        }) {
            continue;
        }
        if paper && !e.name.split_whitespace().any(|w| PAPER_WORDS.contains(&w)) {
            nearest = nearest.or(Some(m.entity));
            continue;
        }
        return Some((m.entity, 0.6, 0));
    }
    nearest.filter(|_| !paper || lower != "the newspaper").map(|e| (e, 0.5, 0))
}

/// Fill `about` of every quote: the people, organisations and places named or referred to (by a
/// pronoun or description the entity layer linked) inside its content spans, but the speaker
/// (its entity, a namesake of it, or a mention overlapping the speaker's words), in order of
/// first mention, each name once. Run after [`resolve_speakers`].
pub fn about(article: &mut Article) {
    if article.quotes.is_empty() {
        return;
    }
    let index = mention_index(&article.entities);
    about_with(article, &index);
}

fn about_with(article: &mut Article, mentions: &[Linked]) {
    let Article { quotes, entities, .. } = article;
    // The entities found so far for the current quote (a handful: a linear search is cheapest).
    let mut found: Vec<usize> = Vec::new();
    for q in quotes.iter_mut() {
        found.clear();
        let speaker_name = q.speaker.as_deref();
        let speaker_span = q.speaker_mention.as_ref().map(|m| (m.start, m.end));
        // Content spans are in text order and the index by start: each span is one binary
        // search then a walk over the mentions that start inside it.
        for c in &q.content {
            let from = mentions.partition_point(|m| m.start < c.start);
            for m in mentions[from..].iter().take_while(|m| m.start < c.end) {
                if !m.stands_for
                    || m.end > c.end
                    || Some(m.entity) == q.speaker_entity
                    || speaker_span.is_some_and(|(s, e)| m.start < e && s < m.end)
                {
                    continue;
                }
                let name = entities[m.entity].name.as_str();
                if Some(name) == speaker_name
                    || found.iter().any(|&f| f == m.entity || entities[f].name == name)
                {
                    continue;
                }
                found.push(m.entity);
            }
        }
        q.about = found.iter().map(|&e| entities[e].name.clone()).collect();
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
                    // "Ford's now-deceased father told …": a relative speaks, not Ford.
                    | "father"
                    | "mother"
                    | "parents"
                    | "son"
                    | "daughter"
                    | "wife"
                    | "husband"
                    | "brother"
                    | "sister"
                    | "widow"
                    | "family"
                    | "friend"
                    | "friends"
                    | "uncle"
                    | "aunt"
                    | "cousin"
                    | "partner"
                    | "colleague"
                    | "colleagues"
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
/// article's publication date is `article`. A stated date may be underspecified in an undated
/// article ("XXXX-WXX-5"): the story layer anchors it, for the statement and its timeline entry
/// alike. (The article's date is [`Article::own_date`]: its dateline's, else its publication
/// date, the date its time expressions are resolved against.)
pub fn date_quotes(article: &mut Article) {
    let published = article.own_date().map(|d| d.date_only().to_string());
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
                .filter(|t| !inside_quote(q, t.start) || dates_cue_object(q, text, t))
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

/// "voiced hope Friday for a second summit": the content begins with the cue's object (a speech
/// noun such as "hope" or "concern", alone before the time expression), so the time expression
/// dates the saying, not what was said ("said Friday's meeting went well" keeps its content's
/// date out).
fn dates_cue_object(q: &Quote, text: &str, t: &Timex) -> bool {
    q.content.iter().find(|c| c.start <= t.start && t.start < c.end).is_some_and(|c| {
        let mut head = text.get(c.start..t.start).unwrap_or("").split_whitespace();
        matches!((head.next(), head.next()), (Some(w), None) if quotes::is_speech_noun(w))
    })
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

#[cfg(test)]
mod tests {
    use storyline_model::{Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, Span, SpeakerMention};

    use super::*;

    /// The `n`th (from 0) occurrence of `needle` as whole words in `text`, as a span.
    fn at(text: &str, needle: &str, n: usize) -> Span {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let start = text
            .match_indices(needle)
            .map(|(i, _)| i)
            .filter(|&i| {
                !word(text[..i].chars().next_back()) && !word(text[i + needle.len()..].chars().next())
            })
            .nth(n)
            .unwrap_or_else(|| panic!("no {needle:?} #{n}"));
        Span::new(start, start + needle.len())
    }

    /// An entity with the given mentions (`(text, occurrence, kind)`).
    fn entity(text: &str, name: &str, kind: EntityType, mentions: &[(&str, usize, MentionKind)]) -> Entity {
        Entity {
            name: name.into(),
            kind,
            aliases: vec![],
            roles: vec![],
            mentions: mentions
                .iter()
                .map(|&(m, n, kind)| {
                    let s = at(text, m, n);
                    Mention { start: s.start, end: s.end, text: m.into(), kind, confidence: 0.9 }
                })
                .collect(),
        }
    }

    /// A quote of the given content spans, said by `speaker` (entity index) through `source`.
    fn quote(text: &str, content: Vec<Span>, speaker: Option<usize>, source: Span) -> Quote {
        Quote {
            kind: QuoteKind::Indirect,
            act: storyline_model::QuoteAct::Speech,
            text: content.iter().map(|c| c.slice(text)).collect::<Vec<_>>().join(" "),
            start: content[0].start,
            end: content[content.len() - 1].end,
            content,
            speaker: None,
            speaker_entity: speaker,
            speaker_mention: Some(SpeakerMention {
                text: source.slice(text).into(),
                start: source.start,
                end: source.end,
            }),
            speaker_confidence: None,
            cue: None,
            date: None,
            venue: None,
            about: vec![],
        }
    }

    use EntityType::{Location as LOC, Misc as MISC, Organization as ORG, Person as PER};
    use MentionKind::{Demonym as Dem, Descriptor as Desc, Name, Pronoun as Pro};

    /// Pompeo speaks about Kim (by name, then by pronoun), the UN, Pyongyang, American detainees
    /// and himself; a second quote comes in two spans around its cue.
    fn article() -> Article {
        let text = "Mike Pompeo said Kim Jong Un told the UN in Pyongyang that he would free the American \
                    detainees, and Pompeo said he hoped Kim would. Later Kim said the top US diplomat \
                    was welcome, Kim said, in North Korea, he said, and Christians too.";
        let entities = vec![
            entity(
                text,
                "Mike Pompeo",
                PER,
                &[
                    ("Mike Pompeo", 0, Name),
                    ("Pompeo", 1, Name),
                    ("he", 1, Pro),
                    ("the top US diplomat", 0, Desc),
                ],
            ),
            entity(
                text,
                "Kim Jong Un",
                PER,
                &[
                    ("Kim Jong Un", 0, Name),
                    ("he", 0, Pro),
                    ("Kim", 1, Name),
                    ("Kim", 2, Name),
                    ("Kim", 3, Name),
                ],
            ),
            entity(text, "United Nations", ORG, &[("UN", 0, Name)]),
            entity(text, "Pyongyang", LOC, &[("Pyongyang", 0, Name)]),
            entity(text, "US", LOC, &[("American", 0, Dem), ("US", 0, Name)]),
            entity(text, "North Korea", LOC, &[("North Korea", 0, Name)]),
            entity(text, "Christians", MISC, &[("Christians", 0, Name)]),
        ];
        let first = Span::new(at(text, "Kim Jong Un", 0).start, at(text, "detainees", 0).end);
        let second = Span::new(at(text, "the top US", 0).start, at(text, "welcome", 0).end);
        let third = Span::new(at(text, "in North Korea", 0).start, at(text, "Christians too", 0).end);
        let quotes = vec![
            quote(text, vec![first], Some(0), at(text, "Mike Pompeo", 0)),
            // "he hoped Kim would": the "he" is Pompeo himself.
            quote(text, vec![at(text, "he hoped Kim would", 0)], Some(0), at(text, "Pompeo", 1)),
            // Kim's words, interrupted by the cue: "he" inside is not one of Kim's mentions here.
            quote(text, vec![second, third], Some(1), at(text, "Kim", 3)),
        ];
        Article { text: text.into(), entities, quotes, ..Article::default() }
    }

    #[test]
    fn about_lists_people_organisations_and_places_in_order_of_first_mention() {
        let mut a = article();
        about(&mut a);
        // Kim by name and again by "he" (once), the UN, Pyongyang; not the demonym "American"
        // (the detainees are not about the US) nor the speaker.
        assert_eq!(a.quotes[0].about, ["Kim Jong Un", "United Nations", "Pyongyang"]);
    }

    #[test]
    fn about_leaves_out_the_speaker_even_by_pronoun() {
        let mut a = article();
        about(&mut a);
        // "he hoped Kim would": "he" is Pompeo, who speaks.
        assert_eq!(a.quotes[1].about, ["Kim Jong Un"]);
    }

    #[test]
    fn about_follows_descriptions_and_every_content_span_without_duplicates() {
        let mut a = article();
        about(&mut a);
        // "the top US diplomat" is Pompeo (and names the US); the cue "Kim said" between the
        // spans is not content; North Korea is in the second span; Christians are MISC.
        assert_eq!(a.quotes[2].about, ["Mike Pompeo", "US", "North Korea"]);
    }

    #[test]
    fn about_resolves_a_pronoun_to_its_entity() {
        let text = "Kim Jong Un arrived. Moon said he was welcome in Seoul.";
        let entities = vec![
            entity(text, "Kim Jong Un", PER, &[("Kim Jong Un", 0, Name), ("he", 0, Pro)]),
            entity(text, "Moon Jae-in", PER, &[("Moon", 0, Name)]),
            entity(text, "Seoul", LOC, &[("Seoul", 0, Name)]),
        ];
        let content = Span::new(at(text, "he was", 0).start, at(text, "Seoul", 0).end);
        let quotes = vec![quote(text, vec![content], Some(1), at(text, "Moon", 0))];
        let mut a = Article { text: text.into(), entities, quotes, ..Article::default() };
        about(&mut a);
        assert_eq!(a.quotes[0].about, ["Kim Jong Un", "Seoul"]);
    }

    #[test]
    fn about_without_a_resolved_speaker_leaves_out_the_source_words_only() {
        let mut a = article();
        for q in &mut a.quotes {
            q.speaker_entity = None;
        }
        about(&mut a);
        // Unresolved, "he" (Pompeo) counts; the source words ("Pompeo") lie outside the content.
        assert_eq!(a.quotes[1].about, ["Mike Pompeo", "Kim Jong Un"]);
        // Two entities with one canonical name are one name.
        let mut b = article();
        b.entities[5].name = "US".into();
        about(&mut b);
        assert_eq!(b.quotes[2].about, ["Mike Pompeo", "US"]);
    }

    fn analyzed(text: &str) -> Article {
        let mut a = storyline_parser::parse_text(
            text.as_bytes(),
            "t",
            "t.txt",
            &storyline_parser::ParseOptions::default(),
        )
        .expect("parses");
        crate::Analyzer::new().expect("built-in models load").analyze(&mut a);
        a
    }

    fn seed(name: &str) -> Article {
        let path = format!("{}/../../seeds/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("seed");
        analyzed(&text)
    }

    fn quote_with<'a>(a: &'a Article, needle: &str) -> &'a Quote {
        a.quotes.iter().find(|q| q.text.contains(needle)).unwrap_or_else(|| {
            panic!("no quote with {needle:?}: {:#?}", a.quotes.iter().map(|q| &q.text).collect::<Vec<_>>())
        })
    }

    #[test]
    fn a_possessive_pronoun_source_is_the_person_before_it() {
        let a = analyzed(
            "Headline for the test\n\nPrince Andrew spoke to the BBC on Saturday. A photo of the meeting was denied by Andrew. But the most telling contradiction was his claim that he visited Epstein in 2010 to end the friendship.\n",
        );
        let q = quote_with(&a, "visited Epstein");
        assert!(q.speaker.as_deref().is_some_and(|s| s.ends_with("Andrew")), "{q:?}");
        // From the paragraph before, not from further back.
        let a = analyzed(
            "Headline for the test\n\nPrince Andrew spoke to the BBC on Saturday.\n\nThe interview was long.\n\nBut the most telling contradiction was his claim that he visited Epstein in 2010.\n",
        );
        assert_eq!(quote_with(&a, "visited Epstein").speaker, None);
    }

    #[test]
    fn seed_quotes_are_about_whom_they_name_and_describe() {
        let a = seed("000_062679f85e15b100.txt");
        // Haley names Pompeo, describes Trump ("the President") and names Kim; not herself.
        let q = quote_with(&a, "needs to have a couple more conversations");
        assert_eq!(q.speaker.as_deref(), Some("Nikki Haley"));
        assert_eq!(q.about, ["Mike Pompeo", "Donald Trump", "Kim Jong Un"]);
        // Trump's "he and Kim Jong Un will meet": "he" is Trump, who is left out.
        let q = quote_with(&a, "will meet for a second time");
        assert_eq!(q.speaker.as_deref(), Some("Donald Trump"));
        assert_eq!(q.about, ["Kim Jong Un"]);
        let b = seed("002_f337b9528f10e226.txt");
        // A place named in a quote, and "the North" as North Korea.
        assert_eq!(quote_with(&b, "I'm hopeful that I get a chance").about, ["Pyongyang"]);
        // "Pompeo recalled a trip … that secured the release of three American detainees in the
        // North": the memory of a trip, no words of his (issue 19).
        assert!(!b.quotes.iter().any(|q| q.text.contains("release of three American detainees")));
        for q in a.quotes.iter().chain(&b.quotes) {
            let mut names = q.about.clone();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), q.about.len(), "no duplicates: {q:?}");
            assert!(q.speaker.as_ref().is_none_or(|s| !q.about.contains(s)), "not the speaker: {q:?}");
        }
    }

    #[test]
    fn a_time_expression_after_the_cues_object_dates_the_quote() {
        // "voiced hope Friday for …": the content starts at "hope", the date belongs to the cue.
        let b = seed("002_f337b9528f10e226.txt");
        let q = quote_with(&b, "for a second summit between the US and North Korea");
        assert_eq!(
            q.date,
            Some(QuoteDate { value: "XXXX-WXX-5".into(), source: DateSource::Stated }),
            "{q:?}"
        );
        // The same in a dated article, with another speech noun.
        let dated = |sentence: &str| analyzed(&format!("Talks resume\n\nSep. 24, 2018\n\n{sentence}\n"));
        let a = dated("The minister expressed hope Friday for a deal with the envoy.");
        let q = quote_with(&a, "for a deal with the envoy");
        assert_eq!(
            q.date.as_ref().map(|d| (d.value.as_str(), d.source)),
            Some(("2018-09-21", DateSource::Stated))
        );
        // A date that is part of what was said stays the content's: "hope the Friday meeting …".
        let a = dated("The minister voiced hope the Friday meeting with the envoy would go well.");
        let q = quote_with(&a, "meeting with the envoy would go well");
        assert_eq!(
            q.date.as_ref().map(|d| (d.value.as_str(), d.source)),
            Some(("2018-09-24", DateSource::Article))
        );
    }

    #[test]
    fn organisations_speak_through_it_and_the_newspaper() {
        // Issue 19: "it said", "the newspaper said" are the newspaper named before.
        let a = analyzed(
            "Endorsement\n\nThe Washington Post endorsed Hillary Clinton on Friday. \"No, we are not making this endorsement lightly,\" the Post said. The newspaper said it was a hard choice.\n\nIt said in a statement that the choice was clear.\n",
        );
        for needle in ["not making this endorsement", "a hard choice", "the choice was clear"] {
            let q = quote_with(&a, needle);
            assert_eq!(q.speaker.as_deref(), Some("The Washington Post"), "{needle}: {q:?}");
        }
    }

    #[test]
    fn it_never_speaks_for_a_titled_person_typed_as_an_organisation() {
        // Web text (BBC): "Senator Elizabeth Warren" tagged an organisation; "it says" is the
        // label's statement, not hers.
        let text = "Senator Jane Roe wrote to the label. \"We agree,\" it says.";
        let mut a = Article { text: text.into(), ..Article::default() };
        a.entities = vec![entity(text, "Senator Jane Roe", ORG, &[("Senator Jane Roe", 0, Name)])];
        a.quotes = vec![quote(text, vec![at(text, "\"We agree,\"", 0)], None, at(text, "it", 0))];
        resolve_speakers(&mut a);
        assert_eq!(a.quotes[0].speaker, None, "{:?}", a.quotes[0]);
    }

    #[test]
    fn he_and_she_speak_for_people_only() {
        // An entity layer that put "She" on an organisation: the quote keeps no speaker rather
        // than the organisation; "it" may still be the organisation.
        let text = "Acme Corp hired Jane Doe. She said the plan was sound. It said the plan was sound.";
        let mut a = Article { text: text.into(), ..Article::default() };
        a.entities = vec![
            entity(text, "Acme Corp", ORG, &[("Acme Corp", 0, Name), ("She", 0, Pro), ("It", 0, Pro)]),
            entity(text, "Jane Doe", PER, &[("Jane Doe", 0, Name)]),
        ];
        let content = |n| vec![at(text, "the plan was sound", n)];
        a.quotes = vec![
            quote(text, content(0), None, at(text, "She", 0)),
            quote(text, content(1), None, at(text, "It", 0)),
        ];
        resolve_speakers(&mut a);
        assert_eq!(a.quotes[0].speaker, None, "{:?}", a.quotes[0]);
        assert_eq!(a.quotes[1].speaker.as_deref(), Some("Acme Corp"));
        // A person under "he" is kept.
        let text = "Jon Roe spoke. He said the plan was sound.";
        let mut a = Article { text: text.into(), ..Article::default() };
        a.entities = vec![entity(text, "Jon Roe", PER, &[("Jon Roe", 0, Name), ("He", 0, Pro)])];
        a.quotes = vec![quote(text, vec![at(text, "the plan was sound", 0)], None, at(text, "He", 0))];
        resolve_speakers(&mut a);
        assert_eq!(a.quotes[0].speaker.as_deref(), Some("Jon Roe"));
    }

    #[test]
    fn a_relative_pronoun_source_speaks_for_its_antecedent() {
        let a = analyzed(
            "Talks\n\nThe plan was backed by Senator Harry Reid, who said that the talks would resume in May.\n",
        );
        let q = quote_with(&a, "the talks would resume");
        assert_eq!(q.speaker_mention.as_ref().map(|m| m.text.as_str()), Some("who"));
        assert_eq!(q.speaker.as_deref(), Some("Harry Reid"), "{q:?}");
    }

    #[test]
    fn an_organisation_description_speaks_for_the_name_in_apposition() {
        // Web text (BBC): the company is the one named between commas, not the nearest
        // organisation before it.
        let a = analyzed(
            "Taylor Swift row\n\nHer post got the attention of Senator Elizabeth Warren and the Federal Trade Commission.\n\nThe company that runs the AMAs, Dick Clark Productions, denies that anything has been definitely sorted.\n",
        );
        let q = quote_with(&a, "anything has been definitely sorted");
        assert_eq!(q.speaker.as_deref(), Some("Dick Clark Productions"), "{q:?}");
    }

    #[test]
    fn a_persons_relative_is_not_the_person() {
        // Web text (a profile of John M. Ford).
        let a = analyzed(
            "Ford's legacy\n\nMike Ford wrote novels. Ford's now-deceased father told a friend that the only way he knew Mike was alive was the checks.\n",
        );
        let q = quote_with(&a, "the only way");
        assert_eq!(q.speaker, None, "{q:?}");
    }

    #[test]
    fn friends_of_a_person_are_not_the_person() {
        // Web text (a profile of John M. Ford): his friends said it, not Ford.
        let a = analyzed(
            "Ford's legacy\n\nMike Ford wrote novels. Multiple friends of Mike Ford said that the family was suppressing his work.\n",
        );
        let q = quote_with(&a, "suppressing his work");
        assert_eq!(q.speaker, None, "{q:?}");
        // A name with its place is still the person.
        let a = analyzed("Talks\n\nRep. Tim Ryan of Ohio said that the talks would resume in May.\n");
        assert_eq!(quote_with(&a, "talks would resume").speaker.as_deref(), Some("Tim Ryan"));
    }
}
