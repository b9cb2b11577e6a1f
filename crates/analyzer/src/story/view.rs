//! [`ArticleView`]: what the story layer reads of an analysed article.

use std::borrow::Cow;

use serde::Deserialize;
use storyline_model::{
    Article, DateStamp, EntityType, ParagraphRole, QuoteAct, QuoteDate, QuoteKind, SchemaVersion, Sentence,
    Span, TimexType,
};

/// What the story layer reads of an analysed article: borrowed from an [`Article`] in memory
/// ([`ArticleView::of`]) or deserialised (serde) from an analysed article's JSON — a line of
/// `storyline analyze --format jsonl`, with or without the copies of span texts
/// (`--span-text`) and tokens. It keeps the article's id, headline, publisher, publication
/// date and text, the spans and roles of its paragraphs and sentences, and its entities, quotes
/// and time expressions without the copies of their texts: every other field (the source,
/// authors, tokens, mention and cue texts, …) is skipped unread, so the reduce step never holds
/// a whole article's annotations. [`ArticleSummary::of_view`](super::ArticleSummary::of_view)
/// makes its summary.
///
/// Deserialising it checks `schema_version` (a missing one is taken for this version, as for
/// [`Article`]) and needs `id`, `text`, `paragraphs` and `sentences`. No IO here: the caller
/// reads the bytes and hands them to a serde format.
///
/// ```
/// use storyline_analyzer::story::{ArticleSummary, ArticleView};
///
/// let line = r#"{"schema_version":"1","id":"a1","title":"Talks resume","text":"Talks resume\n\nKim said so.",
///   "paragraphs":[{"role":"title","start":0,"end":12},{"role":"body","start":14,"end":26}],
///   "sentences":[{"start":0,"end":12,"paragraph":0},{"start":14,"end":26,"paragraph":1}],
///   "entities":[{"name":"Kim","type":"PER","aliases":[],"roles":[],"mentions":[{"start":14,"end":17,"kind":"name","confidence":1.0}]}],
///   "quotes":[],"timexes":[],"tokens":[{"start":0,"end":5}]}"#;
/// let view: ArticleView = serde_json::from_str(line)?;
/// let summary = ArticleSummary::of_view(&view);
/// assert_eq!(summary.id, "a1");
/// assert_eq!(summary.entities[0].name, "Kim");
/// assert_eq!(summary.terms, [("resume".to_string(), 2), ("said".to_string(), 1), ("talks".to_string(), 2)]);
///
/// // Output of another schema version is refused.
/// assert!(serde_json::from_str::<ArticleView>(&line.replace(r#""1""#, r#""2""#)).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Deserialize)]
pub struct ArticleView<'a> {
    /// (read for its check of the version)
    #[serde(default, rename = "schema_version")]
    _version: SchemaVersion,
    #[serde(borrow)]
    pub(super) id: Cow<'a, str>,
    #[serde(default)]
    pub(super) title: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) publisher: Option<Cow<'a, str>>,
    #[serde(default)]
    pub(super) published: Option<DateStamp>,
    #[serde(borrow)]
    pub(super) text: Cow<'a, str>,
    pub(super) paragraphs: Vec<ParagraphView>,
    pub(super) sentences: Cow<'a, [Sentence]>,
    #[serde(default, borrow)]
    pub(super) entities: Vec<EntityView<'a>>,
    #[serde(default)]
    pub(super) quotes: Vec<QuoteView<'a>>,
    #[serde(default)]
    pub(super) timexes: Vec<TimexView<'a>>,
}

/// A paragraph's role and span.
#[derive(Clone, Copy, Debug, Deserialize)]
pub(super) struct ParagraphView {
    pub(super) role: ParagraphRole,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl ParagraphView {
    pub(super) const fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// An entity without its mentions' texts, kinds and confidences.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct EntityView<'a> {
    #[serde(borrow)]
    pub(super) name: Cow<'a, str>,
    #[serde(rename = "type")]
    pub(super) kind: EntityType,
    #[serde(default)]
    pub(super) aliases: Cow<'a, [String]>,
    #[serde(default)]
    pub(super) roles: Cow<'a, [String]>,
    /// The mentions' spans.
    #[serde(default)]
    pub(super) mentions: Vec<Span>,
}

/// A quote without its cue, speaker mention (but whether there is one), venue and confidence.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct QuoteView<'a> {
    pub(super) kind: QuoteKind,
    #[serde(default)]
    pub(super) act: QuoteAct,
    /// The content's text when written (`--span-text`), else empty: then it is the content
    /// spans' texts joined by a space, as the analysis makes it.
    #[serde(default)]
    pub(super) text: Cow<'a, str>,
    pub(super) start: usize,
    pub(super) end: usize,
    #[serde(default)]
    pub(super) content: Cow<'a, [Span]>,
    #[serde(default)]
    pub(super) speaker: Option<Cow<'a, str>>,
    /// Where its `speaker_mention` is, when it has one.
    #[serde(default)]
    pub(super) speaker_mention: Option<MentionView>,
    #[serde(default)]
    pub(super) date: Option<Cow<'a, QuoteDate>>,
    #[serde(default)]
    pub(super) about: Cow<'a, [String]>,
}

/// A time expression without its text.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct TimexView<'a> {
    #[serde(rename = "type")]
    pub(super) kind: TimexType,
    pub(super) value: Cow<'a, str>,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Whether an optional field holds a value other than null (the value itself is skipped).
/// A speaker mention's place (its text, when written, is not read).
#[derive(Clone, Copy, Debug, Deserialize)]
pub(super) struct MentionView {
    pub(super) start: usize,
    pub(super) end: usize,
}

impl<'a> ArticleView<'a> {
    /// The view of an article in memory, borrowing its strings.
    pub fn of(a: &'a Article) -> Self {
        ArticleView {
            _version: SchemaVersion,
            id: Cow::Borrowed(&a.id),
            title: a.title.as_deref().map(Cow::Borrowed),
            publisher: a.publisher.as_deref().map(Cow::Borrowed),
            published: a.published,
            text: Cow::Borrowed(&a.text),
            paragraphs: a
                .paragraphs
                .iter()
                .map(|p| ParagraphView { role: p.role, start: p.start, end: p.end })
                .collect(),
            sentences: Cow::Borrowed(&a.sentences),
            entities: a
                .entities
                .iter()
                .map(|e| EntityView {
                    name: Cow::Borrowed(&e.name),
                    kind: e.kind,
                    aliases: Cow::Borrowed(&e.aliases),
                    roles: Cow::Borrowed(&e.roles),
                    mentions: e.mentions.iter().map(|m| m.span()).collect(),
                })
                .collect(),
            quotes: a
                .quotes
                .iter()
                .map(|q| QuoteView {
                    kind: q.kind,
                    act: q.act,
                    text: Cow::Borrowed(&q.text),
                    start: q.start,
                    end: q.end,
                    content: Cow::Borrowed(&q.content),
                    speaker: q.speaker.as_deref().map(Cow::Borrowed),
                    speaker_mention: q
                        .speaker_mention
                        .as_ref()
                        .map(|m| MentionView { start: m.start, end: m.end }),
                    date: q.date.as_ref().map(Cow::Borrowed),
                    about: Cow::Borrowed(&q.about),
                })
                .collect(),
            timexes: a
                .timexes
                .iter()
                .map(|t| TimexView {
                    kind: t.kind,
                    value: Cow::Borrowed(&t.value),
                    start: t.start,
                    end: t.end,
                })
                .collect(),
        }
    }

    /// The article's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The text a span covers (`""` for a span outside the text).
    pub(super) fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// A quote's content as written: its text when the view has it, else the content spans'
    /// texts joined by a space (what the analysis writes into `Quote::text`).
    pub(super) fn quote_text(&self, q: &QuoteView) -> String {
        if !q.text.is_empty() {
            return q.text.clone().into_owned();
        }
        match q.content.as_ref() {
            [one] => self.slice(*one).to_string(),
            spans => spans.iter().map(|s| self.slice(*s)).collect::<Vec<_>>().join(" "),
        }
    }
}
