//! What the story layer keeps of an analysed article: its [`ArticleSummary`] (entities, quotes,
//! dated events, top content words), made by [`ArticleSummary::of`] while the articles stream
//! through the per-article analysis.

use super::view::ArticleView;
use super::*;
use crate::entities::Interner;

/// What the story layer keeps of one analysed article.
#[derive(Clone, Debug)]
pub struct ArticleSummary {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// The outlet credited.
    pub publisher: Option<String>,
    /// Publication date `YYYY-MM-DD`, when known.
    pub published: Option<String>,
    /// Its entities.
    pub entities: Vec<SummaryEntity>,
    /// Its quotes.
    pub quotes: Vec<SummaryQuote>,
    /// Dates its body mentions, with their sentences.
    pub events: Vec<SummaryEvent>,
    /// The article's most frequent content words (lowercased, four letters or more) with
    /// their counts, at most [`TERMS_KEPT`], sorted by word.
    pub terms: Vec<(String, u32)>,
}

/// What the story layer keeps of an entity.
#[derive(Clone, Debug)]
pub struct SummaryEntity {
    /// Canonical name.
    pub name: String,
    /// Its type.
    pub kind: EntityType,
    /// Other names used for it.
    pub aliases: Vec<String>,
    /// Titles and roles.
    pub roles: Vec<String>,
    /// How often the article mentions it.
    pub mentions: usize,
    /// Whether the headline names it.
    pub in_title: bool,
}

/// Speaker mentions that name no one by themselves: shown as unattributed.
const BARE_PRONOUNS: &[&str] =
    &["he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this", "these", "those"];

/// What the story layer keeps of a quote.
#[derive(Clone, Debug)]
pub struct SummaryQuote {
    /// Canonical name of the speaker, when resolved.
    pub speaker: Option<String>,
    /// Whether the text names a source at all (resolved to an entity or not).
    pub has_source: bool,
    /// When no entity resolves the speaker: the words naming them ("industry analysts"), not
    /// a bare pronoun or relative pronoun.
    pub speaker_words: Option<String>,
    /// The content as written.
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// What kind of act the cue reports.
    pub act: storyline_model::QuoteAct,
    /// TIMEX3 value of when it was said.
    pub date: Option<String>,
    /// Whether `date` was stated with the cue ("said Friday"), not the article's own date.
    pub stated: bool,
    /// What the quote is about: canonical names of the article's entities.
    pub about: Vec<String>,
    /// Byte offset of its start in the article's text.
    pub start: usize,
    /// Byte offset of its end in the article's text (exclusive).
    pub end: usize,
}

/// A date mentioned in the body, with the sentence that mentions it.
#[derive(Clone, Debug)]
pub struct SummaryEvent {
    /// TIMEX3 value of the date mentioned.
    pub date: String,
    /// Byte span of the sentence in the article.
    pub start: usize,
    /// Byte offset of the sentence's end (exclusive).
    pub end: usize,
    /// The sentence mentioning it.
    pub sentence: String,
    /// Entities named in the sentence (canonical names).
    pub entities: Vec<String>,
}

impl ArticleSummary {
    /// Summarise an analysed article.
    pub fn of(a: &Article) -> Self {
        Self::of_view(&ArticleView::of(a))
    }

    /// Summarise an analysed article's [`ArticleView`]: the view of an article in memory, or
    /// one read back from the JSON of `storyline analyze --format jsonl` (with or without the
    /// span texts), give the same summary as [`ArticleSummary::of`] of the article.
    pub fn of_view(a: &ArticleView) -> Self {
        ArticleSummary {
            id: a.id.clone().into_owned(),
            title: a.title.clone().map(Cow::into_owned),
            publisher: a.publisher.clone().map(Cow::into_owned),
            published: a.published.map(|d| d.date_only().to_string()),
            entities: summary_entities(a),
            quotes: summary_quotes(a),
            events: dated_events(a),
            terms: top_terms(a),
        }
    }

    /// Keys of the entities the article is about: named in the title or mentioned twice.
    pub(super) fn salient(&self) -> BTreeSet<String> {
        self.entities.iter().filter(|e| e.in_title || e.mentions >= 2).map(|e| entity_key(&e.name)).collect()
    }
}

/// What the story layer keeps of the article's entities (with whether the headline names each).
fn summary_entities(a: &ArticleView) -> Vec<SummaryEntity> {
    let title_span = a.paragraphs.iter().find(|p| p.role == ParagraphRole::Title).map(|p| p.span());
    a.entities
        .iter()
        .map(|e| SummaryEntity {
            name: e.name.clone().into_owned(),
            kind: e.kind,
            aliases: e.aliases.clone().into_owned(),
            roles: e.roles.clone().into_owned(),
            mentions: e.mentions.len(),
            in_title: title_span
                .is_some_and(|t| e.mentions.iter().any(|m| m.start >= t.start && m.end <= t.end)),
        })
        .collect()
}

/// What the story layer keeps of the article's quotes.
fn summary_quotes(a: &ArticleView) -> Vec<SummaryQuote> {
    a.quotes
        .iter()
        .map(|q| SummaryQuote {
            speaker: q.speaker.clone().map(Cow::into_owned),
            has_source: q.speaker_mention.is_some(),
            speaker_words: q
                .speaker_mention
                .filter(|_| q.speaker.is_none())
                .map(|m| a.slice(storyline_model::Span::new(m.start, m.end)).trim())
                .filter(|w| !w.is_empty() && !BARE_PRONOUNS.contains(&w.to_lowercase().as_str()))
                .map(str::to_string),
            text: a.quote_text(q),
            kind: q.kind,
            act: q.act,
            date: q.date.as_ref().map(|d| d.value.clone()),
            stated: q.date.as_ref().is_some_and(|d| d.source == DateSource::Stated),
            about: q.about.clone().into_owned(),
            start: q.start,
            end: q.end,
        })
        .collect()
}

/// The calendar dates the article's body mentions (underspecified ones "XXXX-06" included, for
/// the story layer to anchor), each with its sentence and the entities named in it.
fn dated_events(a: &ArticleView) -> Vec<SummaryEvent> {
    let mut events = Vec::new();
    // Every entity mention by start, and the entities named in each sentence that has an
    // event, found once per sentence: thousands of dates and names in one sentence (or
    // article) stay linear (a scan of every sentence and every mention per date was not).
    let mut mentions: Vec<(usize, usize, usize)> = Vec::new();
    if !a.timexes.is_empty() {
        for (i, e) in a.entities.iter().enumerate() {
            mentions.extend(e.mentions.iter().map(|m| (m.start, m.end, i)));
        }
        mentions.sort_unstable();
    }
    let mut names_of: Option<(usize, Vec<String>)> = None;
    for t in &a.timexes {
        // Calendar dates in the body make timeline events; underspecified ones ("XXXX-06"
        // in an undated article) are kept for the story layer to anchor.
        if t.kind != storyline_model::TimexType::Date
            || !(t.value.starts_with(|c: char| c.is_ascii_digit()) || t.value.starts_with("XXXX-"))
        {
            continue;
        }
        // (sentences are in text order and do not overlap: the one holding the date is the last
        // one starting at or before it)
        let at = a.sentences.partition_point(|s| s.start <= t.start);
        let Some((si, s)) = at.checked_sub(1).map(|i| (i, &a.sentences[i])) else { continue };
        if t.end > s.end {
            continue;
        }
        if a.paragraphs.get(s.paragraph).is_none_or(|p| p.role != ParagraphRole::Body) {
            continue;
        }
        if names_of.as_ref().is_none_or(|(i, _)| *i != si) {
            names_of = Some((si, names_in_span(a, &mentions, s.start, s.end)));
        }
        let names = names_of.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        let sentence =
            snippet(a.slice(s.span()), t.start.saturating_sub(s.start), t.end.saturating_sub(s.start));
        events.push(SummaryEvent {
            date: t.value.clone().into_owned(),
            start: s.start,
            end: s.end,
            sentence,
            entities: names,
        });
    }
    events
}

/// The canonical names of the entities with a mention inside `start..end`, in entity order,
/// from `mentions` (every mention's `(start, end, entity)`, sorted).
fn names_in_span(
    a: &ArticleView,
    mentions: &[(usize, usize, usize)],
    start: usize,
    end: usize,
) -> Vec<String> {
    let first = mentions.partition_point(|m| m.0 < start);
    let mut inside: Vec<usize> =
        mentions[first..].iter().take_while(|m| m.0 < end).filter(|m| m.1 <= end).map(|m| m.2).collect();
    inside.sort_unstable();
    inside.dedup();
    inside.into_iter().map(|i| a.entities[i].name.clone().into_owned()).collect()
}

/// The article's most frequent content words (title and body, a title's words counted twice;
/// lowercased, four letters or more) with their counts: the [`TERMS_KEPT`] first by count (then by word), sorted by word.
pub(super) fn top_terms(a: &ArticleView) -> Vec<(String, u32)> {
    // Counted by word id (words interned as the entity layer's: one buffer, no string per
    // word, a short word found by comparing integers), lowercased in one buffer.
    let mut words = Interner::default();
    let mut counts: Vec<u32> = Vec::new();
    let mut lower = String::new();
    for p in a.paragraphs.iter().filter(|p| matches!(p.role, ParagraphRole::Body | ParagraphRole::Title)) {
        // A headline's words say what the story is about: they count twice.
        let weight = if p.role == ParagraphRole::Title { 2 } else { 1 };
        for w in a.slice(p.span()).split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4) {
            let id = if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
                words.id(w)
            } else {
                lower.clear();
                if w.is_ascii() {
                    lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lower.push_str(&w.to_lowercase());
                }
                words.id(&lower)
            } as usize;
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += weight;
        }
    }
    let mut terms: Vec<(&str, u32)> =
        counts.iter().enumerate().map(|(id, &n)| (words.str(id as u32), n)).collect();
    // The first TERMS_KEPT by count then word (a total order: the set is the same whatever the
    // ids' order), then sorted by word.
    let by_count = |a: &(&str, u32), b: &(&str, u32)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    if terms.len() > TERMS_KEPT {
        terms.select_nth_unstable_by(TERMS_KEPT - 1, by_count);
        terms.truncate(TERMS_KEPT);
    }
    terms.sort_unstable();
    terms.into_iter().map(|(w, n)| (w.to_string(), n)).collect()
}

fn entity_key(name: &str) -> String {
    normalize(name).join(" ")
}
/// Content words kept per article summary.
pub const TERMS_KEPT: usize = 60;
