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
mod lexicon;
pub(crate) mod marks;
mod speakers;

use std::borrow::Cow;
use std::sync::OnceLock;

use storyline_model::{Article, Cue, ParagraphRole, Quote, QuoteAct, QuoteKind, Span, SpeakerMention, Token};

use marks::Region;

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
        (q.kind != QuoteKind::Indirect && !naming)
            || q.cue.as_ref().is_some_and(|c| c.lemma == "according to")
            || q.speaker_mention.as_ref().is_some_and(|m| speakers::names_a_speaker(&m.text))
    });
    quotes.sort_by_key(|q| (q.start, q.end));
    quotes
}

/// Whether quoted text with neither cue nor speaker reads as someone's words rather than a
/// name or a term in quote marks: not a title in Title Case ("Takin' It to the Streets", "Meth.
/// We're on it." as a slogan's sign-off, "10 Things in Tech You Need to Know") and not a
/// scare-quoted term of one to three words ("comfort food").
fn quoted_words(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '—' | '–'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() <= 3 {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    !(words.len() <= 15 && !long.is_empty() && capitalised * 5 >= long.len() * 4)
}

/// Words a speaker's noun phrase never starts with: a conjunction, an adverb or a clause opener
/// taken in by the noun phrase rules ("But its cutback … led the manufacturer to announce",
/// "Never urged …"). ("This", "what", "while" … were measured on PolNeAR train: they open
/// real sources often enough to keep.)
const NOT_A_SOURCE_START: &[&str] = &[
    "but",
    "and",
    "or",
    "so",
    "yet",
    "never",
    "perhaps",
    "just",
    "about",
    "given",
    "let",
    "maybe",
    "instead",
    "otherwise",
    "meanwhile",
];

/// Whether the words of a speaker mention can name a speaker: not opened by a word of
/// [`NOT_A_SOURCE_START`], and not only times and numbers ("Wednesday", "recent years").
pub(crate) fn plausible_source(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else { return true };
    let first = first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if NOT_A_SOURCE_START.contains(&first.as_str()) {
        return false;
    }
    let timeish = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        w.is_empty()
            || w.chars().all(|c| c.is_ascii_digit())
            || TIME_WORDS.contains(&w.as_str())
            || w == "recent"
    };
    !(timeish(&first) && s.split_whitespace().all(timeish))
}

/// `s` without a first word of [`NOT_A_SOURCE_START`] (and the space after it).
fn trim_source_start(text: &str, s: Span) -> Span {
    let words = s.slice(text);
    let Some((first, rest)) = words.split_once(char::is_whitespace) else { return s };
    if !NOT_A_SOURCE_START
        .contains(&first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
    {
        return s;
    }
    let rest = rest.trim_start();
    Span::new(s.end - rest.len(), s.end)
}

/// An attribution found, with its content spans merged and its kind, before it is chosen.
struct Candidate {
    /// The content spans, sorted, non-empty, not overlapping each other.
    content: Vec<Span>,
    kind: QuoteKind,
    draft: Draft,
}

impl Candidate {
    /// The order of preference between candidates whose contents overlap (smaller first): one
    /// with a quote mark in its content (direct or mixed) first, then one whose speaker is named,
    /// then one with a cue, then the one starting first in the text (then the one found first).
    fn rank(&self) -> (bool, bool, bool, usize) {
        (
            self.kind == QuoteKind::Indirect,
            self.draft.source.is_none_or(|s| s.is_empty()),
            self.draft.cue.is_none(),
            self.content[0].start,
        )
    }
}

/// The candidates whose contents overlap no other's: in the order of preference of
/// [`Candidate::rank`], each one is kept unless its content overlaps that of one kept before.
/// No two quotes of an article share a byte of content, so the quotes of an article are never
/// more text than the article ("said said said …" gave one quote per word, each with the next
/// 160 words as content, before); the same words found twice (two cues of one clause) are one
/// quote. On PolNeAR dev this raised content precision from 71.1 to 78.3 for recall 61.6 → 60.5.
fn disjoint(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates[i].rank());
    // The content spans kept so far, by start: disjoint, so the one starting last before a
    // span's end is the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut keep = vec![false; candidates.len()];
    for i in order {
        let content = &candidates[i].content;
        let overlaps =
            content.iter().any(|s| taken.range(..s.end).next_back().is_some_and(|(_, &end)| end > s.start));
        if !overlaps {
            keep[i] = true;
            taken.extend(content.iter().map(|s| (s.start, s.end)));
        }
    }
    candidates.into_iter().zip(keep).filter_map(|(c, k)| k.then_some(c)).collect()
}

/// An attribution being built.
#[derive(Clone, Debug, Default)]
struct Draft {
    content: Vec<Span>,
    cue: Option<(Span, Cow<'static, str>)>,
    source: Option<Span>,
    venue: Option<String>,
}

impl Draft {
    /// The candidate this draft makes: its content spans merged; `None` without content.
    fn prepare(mut self, text: &str) -> Option<Candidate> {
        self.content.retain(|s| !s.is_empty() && s.end <= text.len());
        self.content.sort();
        // Merge overlapping (and equal) spans, in place: a span that starts before the end of
        // the last one kept extends it.
        let mut merged = std::mem::take(&mut self.content);
        merged.dedup_by(|s, l| {
            let overlaps = s.start <= l.end;
            if overlaps {
                l.end = l.end.max(s.end);
            }
            overlaps
        });
        merged.first()?;
        let kind = if let [one] = merged.as_slice() {
            kind_of(&[one.slice(text)])
        } else {
            kind_of(&merged.iter().map(|s| s.slice(text)).collect::<Vec<_>>())
        };
        Some(Candidate { content: merged, kind, draft: self })
    }
}

impl Candidate {
    fn finish(self, text: &str) -> Quote {
        let Candidate { content: merged, kind, draft } = self;
        let (start, end) = (merged[0].start, merged[merged.len() - 1].end);
        // Most contents are one span: no list of parts for them.
        let joined = if let [one] = merged.as_slice() {
            one.slice(text).to_string()
        } else {
            merged.iter().map(|s| s.slice(text)).collect::<Vec<_>>().join(" ")
        };
        Quote {
            kind,
            act: draft.cue.as_ref().map_or(QuoteAct::Speech, |(_, lemma)| act::act_of(lemma)),
            text: joined,
            start,
            end,
            content: merged,
            speaker: None,
            speaker_entity: None,
            speaker_mention: draft.source.filter(|s| !s.is_empty()).map(|s| SpeakerMention {
                text: s.slice(text).to_string(),
                start: s.start,
                end: s.end,
            }),
            speaker_confidence: None,
            cue: draft.cue.map(|(s, lemma)| Cue {
                text: s.slice(text).to_string(),
                lemma: lemma.into_owned(),
                start: s.start,
                end: s.end,
            }),
            date: None,
            venue: draft.venue,
            about: Vec::new(),
        }
    }
}

/// Direct when every content part opens with a quote mark, mixed when some part holds one,
/// indirect otherwise.
pub(crate) fn kind_of(parts: &[&str]) -> QuoteKind {
    let quoted =
        |s: &str| s.starts_with(['"', '“', '”', '„', '«', '‘']) || s.starts_with("''") || s.starts_with("'");
    let has_mark = |s: &str| marks::has_double_mark(s, true);
    if parts.iter().all(|s| quoted(s)) {
        QuoteKind::Direct
    } else if parts.iter().any(|s| has_mark(s)) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// What one paragraph hands to the next.
#[derive(Default)]
struct Carry {
    /// The last attribution of the previous paragraph, when quotes opening the next paragraph
    /// continue it (it was direct or mixed, or its cue ended with a colon).
    open: Option<usize>,
    /// The cue ended the paragraph with a colon: the next paragraph is its content.
    colon: bool,
    /// A quote running to the previous paragraph's end that nobody claimed yet.
    orphan: Option<Span>,
}

impl Carry {
    fn flush(&mut self, drafts: &mut Vec<Draft>) {
        if let Some(o) = self.orphan.take() {
            drafts.push(Draft { content: vec![o], ..Draft::default() });
        }
    }
}

/// A token of the paragraph.
struct Tok<'a> {
    /// The token's text (its offsets are those of [`Para::tokens`] at its index).
    text: &'a str,
    /// The text lowercased.
    lower: &'a str,
    /// The table entry of the lowercase form: cue and word lists ([`Tok::cue`], [`class`] bits),
    /// with [`class::PUNCT`] added.
    word: Word,
    /// Index of the quoted region the token is in.
    region: Option<usize>,
    /// Index of the sentence (in the paragraph) the token is in.
    sent: usize,
}

impl Tok<'_> {
    /// The cue lemma and weight of the token's lowercase form.
    fn cue(&self) -> Option<(&'static str, u8)> {
        self.word.cue()
    }

    /// Whether the token is in one of the word lists of `class` ([`class`] bits).
    fn has(&self, class: u16) -> bool {
        self.word.class & class != 0
    }
}

struct Para<'a> {
    text: &'a str,
    span: Span,
    toks: Vec<Tok<'a>>,
    /// The paragraph's tokens of the article, one for each of `toks`.
    tokens: &'a [Token],
    sents: &'a [(usize, usize)],
    regions: Vec<Region>,
    /// The paragraph is the article's title ("Glenn Beck Says Trump Poses A Threat"): cue verbs
    /// are capitalized there.
    title: bool,
}

/// Where a found cue sends its content.
#[derive(Debug)]
struct CueHit {
    /// First and end token of the cue.
    i: usize,
    j: usize,
    /// The lemma: the lexicon's own (borrowed) or made up for this cue.
    lemma: Cow<'static, str>,
}

const AUX: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "will", "would", "can",
    "could", "should", "may", "might", "must", "has", "have", "had", "'s", "'re", "'ve", "'d", "'ll",
];

/// Words between a source and its cue ("has also said", "later told").
const BETWEEN: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "later",
    "earlier",
    "previously",
    "recently",
    "then",
    "once",
    "just",
    "again",
    "further",
    "often",
    "always",
    "never",
    "long",
    "first",
    "initially",
    "subsequently",
    "simply",
    "would",
    "will",
    "did",
    "does",
    "do",
    "could",
    "might",
    "may",
    "should",
    "is",
    "are",
    "was",
    "were",
    "'s",
    "'ve",
    "'d",
    "'ll",
    "had",
    "not",
    "n't",
    "n’t",
    "’s",
    "’ve",
    "’d",
    "’ll",
    "even",
    "still",
    "now",
    "already",
    "herself",
    "himself",
    "themselves",
    "itself",
    "too",
    "all",
    "both",
    "quickly",
    "soon",
    "immediately",
];

/// Heads of a source noun phrase that a prepositional phrase completes ("a spokesman for the
/// ministry", "a study in 146 people", "a professor at Yale").
const SOURCE_HEADS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "study",
    "studies",
    "survey",
    "surveys",
    "poll",
    "polls",
    "report",
    "analysis",
    "paper",
    "review",
    "researchers",
    "scientists",
    "experts",
    "officials",
    "official",
    "member",
    "members",
    "head",
    "director",
    "chief",
    "chairman",
    "chairwoman",
    "president",
    "professor",
    "leader",
    "leaders",
    "secretary",
    "minister",
    "group",
    "team",
    "analyst",
    "analysts",
    "economist",
    "economists",
    "lawyer",
    "lawyers",
    "attorney",
    "representative",
    "representatives",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "editor",
    "reporter",
];

/// Words that end a source noun phrase on its left.
const NP_STOP: &[&str] = &[
    "and", "but", "or", "nor", "that", "when", "while", "as", "because", "if", "after", "before", "since",
    "though", "although", "where", "so", "who", "which", "whom", "whose", "to", "than", "whether", "what",
    "how", "why", "then", "until", "unless", "once", "like", "with", "without", "for", "in", "on", "at",
    "by", "from", "during", "about", "into", "over", "under", "against", "between", "through", "also", "not",
    "yet", "however", "instead",
];

/// Common irregular past tenses ("… and kept going", "… and went on to …").
const IRREGULAR_PAST: &[&str] = &[
    "kept", "went", "left", "made", "took", "gave", "got", "came", "ran", "began", "held", "sent", "told",
    "said", "brought", "met", "led", "stood", "spoke", "wrote", "drew", "won", "lost", "sang", "broke",
    "threw", "caught", "sat", "fell", "felt", "heard", "saw", "put", "set", "let", "cut", "hit", "read",
];

/// Marks the lemma of a noun cue (`his claim that …`) while cues are being read.
const NOUN_CUE: &str = "noun:";
/// Nouns of speech and stance whose `that` clause is an attribution's content.
const SPEECH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "argument",
    "assertion",
    "statement",
    "suggestion",
    "belief",
    "promise",
    "warning",
    "insistence",
    "contention",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "charge",
    "charges",
    "admission",
    "pledge",
    "vow",
    "prediction",
    "complaint",
    "concern",
    "concerns",
    "fear",
    "fears",
    "hope",
    "message",
    "notion",
    "theory",
    "announcement",
    "assurance",
    "assurances",
    "conclusion",
    "view",
];

/// Whether `w` is a noun naming what was said ("hope", "concerns"), in any case: the object of
/// a cue such as "voiced hope" or "expressed concern".
pub(crate) fn is_speech_noun(w: &str) -> bool {
    w.len() <= 16 && SPEECH_NOUNS.contains(&w.to_ascii_lowercase().as_str())
}

/// Words that open a leading adverbial clause.
const SUBORDINATORS: &[&str] = &[
    "when", "while", "after", "before", "although", "though", "because", "since", "if", "as", "until",
    "unless", "once", "whereas", "whether",
];

const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you", "who"];
const OBJECT_WORDS: &[&str] = &[
    "me",
    "us",
    "him",
    "her",
    "them",
    "you",
    "reporters",
    "journalists",
    "supporters",
    "voters",
    "listeners",
    "viewers",
    "readers",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "crowd",
    "audience",
    "interviewer",
    "host",
    "members",
    "lawmakers",
    "congress",
    "senators",
    "delegates",
    "donors",
    "colleagues",
    "attendees",
    "residents",
    "people",
    "americans",
    "students",
    "workers",
];
const TELL_LEMMAS: &[&str] = &[
    "tell", "assure", "remind", "inform", "warn", "urge", "ask", "advise", "convince", "persuade", "promise",
];
const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "recently",
    "previously",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "ago",
    "days",
    "weeks",
    "months",
    "years",
    "again",
    "repeatedly",
    "publicly",
    "privately",
    "also",
    "then",
    "once",
    "twice",
    "flatly",
    "bluntly",
    "simply",
    "frankly",
    "candidly",
    "afterward",
    "afterwards",
    "too",
    "recently",
    "late",
    "early",
];
const PREPS: &[&str] =
    &["in", "on", "at", "during", "to", "after", "before", "from", "via", "through", "over"];
const VENUE_WORDS: &[&str] = &[
    "interview",
    "statement",
    "statements",
    "speech",
    "appearance",
    "conference",
    "briefing",
    "broadcast",
    "show",
    "program",
    "programme",
    "podcast",
    "op-ed",
    "column",
    "editorial",
    "letter",
    "email",
    "memo",
    "tweet",
    "tweets",
    "twitter",
    "facebook",
    "instagram",
    "post",
    "posts",
    "rally",
    "debate",
    "hearing",
    "town",
    "call",
    "radio",
    "television",
    "tv",
    "cnn",
    "msnbc",
    "fox",
    "abc",
    "nbc",
    "cbs",
    "npr",
    "pbs",
    "video",
    "remarks",
    "address",
    "session",
    "release",
    "blog",
    "essay",
    "book",
    "forum",
    "event",
    "meeting",
    "summit",
    "news",
    "press",
    "network",
    "channel",
    "newspaper",
    "magazine",
    "website",
];
const PARTICLES: &[(&str, &str)] = &[
    ("point", "out"),
    ("call", "for"),
    ("call", "on"),
    ("refer", "to"),
    ("point", "to"),
    ("rail", "against"),
    ("speak", "of"),
    ("complain", "about"),
    ("warn", "of"),
    ("warn", "against"),
    ("talk", "about"),
    ("lash", "out"),
    ("weigh", "in"),
];

/// The first cue starting in tokens `a..=b` (cues are sorted by position).
fn cue_in(cues: &[CueHit], a: usize, b: usize) -> Option<&CueHit> {
    let k = cues.partition_point(|c| c.i < a);
    cues.get(k).filter(|c| c.i <= b)
}

/// A dictionary form for a verb outside the lexicon: `retaliated` → `retaliate`,
/// `answers` → `answer`, `quipped` → `quip`, `went` → `went` (irregular forms stay).
fn crude_lemma(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ied") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("ed") {
        let b = stem.as_bytes();
        if stem.is_ascii()
            && b.len() >= 2
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's')
        {
            return stem[..stem.len() - 1].to_string();
        }
        if stem.ends_with(['t', 'v', 'c', 'g', 'z', 'u']) && !stem.ends_with("ct") {
            return format!("{stem}e");
        }
        return stem.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix('s')
        && !IRREGULAR_PAST.contains(&w)
    {
        return stem.to_string();
    }
    w.to_string()
}

/// `s.split_whitespace().count()`, but at most `cap`: the scan stops at the word that
/// reaches it. Whitespace is Unicode `White_Space` (as for [`char::is_whitespace`]), matched
/// on its UTF-8 bytes.
pub(crate) fn word_count(s: &str, cap: usize) -> usize {
    // The scan stops at the word that makes `n` reach `cap`, which is then `n` (1 for `cap` 0).
    let cap = cap.max(1);
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let lanes = |c: u8| u64::from_le_bytes([c; 8]);
    let b = s.as_bytes();
    let (mut n, mut in_word) = (0, false);
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes at once: the high bit of a byte marks a space (` `, `\t` to `\r`),
        // then a word byte; the words starting in the chunk are the word bytes after no word
        // byte. (Per-byte sums of ASCII bytes and at most 0x7F carry into no other byte.)
        if let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<8>())
            && u64::from_le_bytes(*chunk) & HIGH == 0
        {
            let x = u64::from_le_bytes(*chunk);
            let not_blank = ((x ^ lanes(b' ')) + LOW7) & HIGH;
            let at_least = |c: u8| (x + lanes(0x80 - c)) & HIGH;
            let space = !not_blank & HIGH | at_least(b'\t') & !at_least(b'\r' + 1);
            let word = !space & HIGH;
            let starts = word & !(word << 8 | u64::from(in_word) << 7);
            n += starts.count_ones() as usize;
            if n >= cap {
                return cap;
            }
            in_word = word >> 63 != 0;
            i += 8;
            continue;
        }
        let (at, c) = (i, b[i]);
        i += 1;
        let space = match c {
            b' ' | b'\t'..=b'\r' => true,
            // A continuation byte: the character's first byte decided.
            0x80..=0xBF => continue,
            // U+0085, U+00A0
            0xC2 => matches!(b.get(at + 1), Some(0x85 | 0xA0)),
            // U+1680
            0xE1 => matches!(b.get(at + 1..at + 3), Some([0x9A, 0x80])),
            // U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => {
                matches!(b.get(at + 1..at + 3), Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]))
            }
            // U+3000
            0xE3 => matches!(b.get(at + 1..at + 3), Some([0x80, 0x80])),
            _ => false,
        };
        if !space && !in_word {
            n += 1;
            if n >= cap {
                return n;
            }
        }
        in_word = !space;
    }
    n
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "?!" | "!?" | "..." | "…")
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»" | "„" | "''")
}

fn is_punct(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_alphanumeric) {
        return false;
    }
    // The usual punctuation tokens without a scan: one ASCII byte (`,`, `"`), or one character
    // of General Punctuation (`’`, `“`, `—`: U+2000 to U+206F, E2 80 80 to E2 81 AF).
    match *b {
        [_] => return true,
        [0xE2, 0x80, _] => return true,
        [0xE2, 0x81, c] if c < 0xB0 => return true,
        _ => {}
    }
    if b.is_ascii() {
        return !b.iter().any(u8::is_ascii_alphanumeric);
    }
    !s.chars().any(alphanumeric)
}

/// [`char::is_alphanumeric`], without the table search for General Punctuation (U+2000 to
/// U+206F: spaces, dashes, curly quotes, `…`), which holds no letter or digit.
fn alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

fn capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Bits of a token's `class`: the word lists its lowercase form is in, and its shape.
mod class {
    pub const AUX: u16 = 1 << 0;
    pub const BETWEEN: u16 = 1 << 1;
    pub const NP_STOP: u16 = 1 << 2;
    pub const IRREGULAR_PAST: u16 = 1 << 3;
    pub const SPEECH_NOUN: u16 = 1 << 4;
    pub const SUBORDINATOR: u16 = 1 << 5;
    pub const SUBJECT_PRONOUN: u16 = 1 << 6;
    pub const OBJECT_WORD: u16 = 1 << 7;
    pub const TIME_WORD: u16 = 1 << 8;
    pub const PREP: u16 = 1 << 9;
    pub const VENUE_WORD: u16 = 1 << 10;
    /// The word "according" (of `according to`).
    pub const ACCORDING: u16 = 1 << 11;
    /// No alphanumeric character ([`super::is_punct`]); not a list.
    pub const PUNCT: u16 = 1 << 15;
}

/// What the rules know about a lowercase word: its cue-lexicon entry and the word lists it is
/// in ([`class`] bits).
#[derive(Clone, Copy, Default)]
struct Word {
    /// 1 + the index of the word's entry in [`lexicon::CUES`]; 0 when it is no cue.
    cue: u16,
    class: u16,
}

impl Word {
    /// The cue lemma and weight.
    fn cue(self) -> Option<(&'static str, u8)> {
        let &(_, lemma, weight) = lexicon::CUES.get(usize::from(self.cue).checked_sub(1)?)?;
        Some((lemma, weight))
    }
}

/// The cue lexicon and every word list in one open-addressing hash table, so that a token is
/// looked up once (when its paragraph is read) rather than at every rule. A word's key packs its
/// bytes in a `u64` (the first eight of a longer word, which is then compared in full).
struct WordTable {
    /// (key, length, entry) of a word, length 0 in an empty slot; a power of two, at most a
    /// quarter full.
    slots: Vec<(u64, u32, Word)>,
    /// The word of each slot of `slots` longer than eight bytes ("" for the others).
    long: Vec<&'static str>,
    /// 64 − log2(slot count): the hash's top bits pick the first slot.
    shift: u32,
    /// The longest word, in bytes.
    max_len: usize,
}

impl WordTable {
    /// The key of a word of 1 to `max_len` bytes. With the length it identifies a word of up to
    /// eight bytes (of four to eight: its first and last four bytes, which cover it; of one to
    /// three: its first, middle and last byte).
    fn key(w: &[u8]) -> u64 {
        if let Some(head) = w.first_chunk::<8>() {
            return u64::from_le_bytes(*head);
        }
        match (w.first_chunk::<4>(), w.last_chunk::<4>()) {
            (Some(head), Some(tail)) => {
                u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32
            }
            _ => match (w.first(), w.last(), w.get(w.len() / 2)) {
                (Some(&a), Some(&z), Some(&m)) => u64::from(a) | u64::from(z) << 8 | u64::from(m) << 16,
                _ => 0,
            },
        }
    }

    fn slot(&self, key: u64, len: usize) -> usize {
        ((key ^ (len as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn build() -> WordTable {
        let lists: [(&[&'static str], u16); 12] = [
            (AUX, class::AUX),
            (BETWEEN, class::BETWEEN),
            (NP_STOP, class::NP_STOP),
            (IRREGULAR_PAST, class::IRREGULAR_PAST),
            (SPEECH_NOUNS, class::SPEECH_NOUN),
            (SUBORDINATORS, class::SUBORDINATOR),
            (SUBJECT_PRONOUNS, class::SUBJECT_PRONOUN),
            (OBJECT_WORDS, class::OBJECT_WORD),
            (TIME_WORDS, class::TIME_WORD),
            (PREPS, class::PREP),
            (VENUE_WORDS, class::VENUE_WORD),
            (&["according"], class::ACCORDING),
        ];
        let n = lexicon::CUES.len() + lists.iter().map(|(l, _)| l.len()).sum::<usize>();
        let size = (4 * n).next_power_of_two();
        let mut t = WordTable {
            slots: vec![(0, 0, Word::default()); size],
            long: vec![""; size],
            shift: 64 - size.trailing_zeros(),
            max_len: 0,
        };
        for (i, &(form, _, _)) in lexicon::CUES.iter().enumerate() {
            t.entry(form).cue = u16::try_from(i + 1).unwrap_or(0);
        }
        for (list, bit) in lists {
            for &w in list {
                t.entry(w).class |= bit;
            }
        }
        t
    }

    /// The entry of `w` (not empty), added empty if new.
    fn entry(&mut self, w: &'static str) -> &mut Word {
        let b = w.as_bytes();
        let (key, len) = (Self::key(b), u32::try_from(b.len()).unwrap_or(u32::MAX));
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key, b.len());
        while self.slots[i].1 != 0 && !(self.slots[i].0 == key && self.slots[i].1 == len && self.same(i, b)) {
            i = (i + 1) & mask;
        }
        self.max_len = self.max_len.max(b.len());
        self.slots[i].0 = key;
        self.slots[i].1 = len;
        if b.len() > 8 {
            self.long[i] = w;
        }
        &mut self.slots[i].2
    }

    /// Whether the word of slot `i`, whose key and length are those of `b`, is `b`.
    fn same(&self, i: usize, b: &[u8]) -> bool {
        b.len() <= 8 || self.long.get(i).is_some_and(|w| w.as_bytes() == b)
    }

    /// The entry of a lowercase word's bytes (empty when it is in no list).
    #[inline(always)]
    fn get(&self, b: &[u8]) -> Word {
        if b.is_empty() || b.len() > self.max_len {
            return Word::default();
        }
        let key = Self::key(b);
        let len = b.len() as u32; // at most `max_len`
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key, b.len());
        while let Some(&(k, l, info)) = self.slots.get(i) {
            if l == 0 {
                break;
            }
            if k == key && l == len && self.same(i, b) {
                return info;
            }
            i = (i + 1) & mask;
        }
        Word::default()
    }
}

fn words() -> &'static WordTable {
    static WORDS: OnceLock<WordTable> = OnceLock::new();
    WORDS.get_or_init(WordTable::build)
}

/// The table entry of a lowercase word (empty when it is in no list).
#[cfg(test)]
fn word(lower: &str) -> Word {
    words().get(lower.as_bytes())
}

/// The lowercase forms of a paragraph's tokens in one buffer (reused from paragraph to
/// paragraph): the paragraph's text with its ASCII letters lowercased, where a token's form is
/// the token's own range, then the forms ASCII lowercasing gets wrong (`É`, `Σ`), or of a
/// token outside the paragraph, each with its token.
#[derive(Default)]
struct LowerBuf {
    buf: String,
    /// (token index in the paragraph, start, end in `buf`), in token order.
    extra: Vec<(usize, usize, usize)>,
}

/// A character that lowercasing leaves as it is (`’`, `—`, `é`, `a`).
fn own_lowercase(c: char) -> bool {
    // General Punctuation (`’`, `“`, `—`, `…`), the most common non-ASCII characters of news
    // text, has no case: no table search for it.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return true;
    }
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

/// Whether lowercasing changes a non-ASCII character of `p` (`É`, `Σ`, not `’` or `é`). ASCII
/// stretches are skipped sixteen bytes at a time.
fn non_ascii_case(p: &str) -> bool {
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..).and_then(|r| r.first_chunk::<16>()) {
            // The high bits of the chunk's bytes, the first byte lowest: the ASCII bytes before
            // the first non-ASCII one are skipped at once.
            let high = u128::from_le_bytes(*chunk) & 0x8080_8080_8080_8080_8080_8080_8080_8080;
            if high == 0 {
                i += 16;
                continue;
            }
            i += (high.trailing_zeros() / 8) as usize;
        }
        if b[i].is_ascii() {
            i += 1;
            continue;
        }
        // `i` is a character boundary: only ASCII bytes and whole characters are skipped.
        let Some(c) = p.get(i..).and_then(|r| r.chars().next()) else { return true };
        if !own_lowercase(c) {
            return true;
        }
        i += c.len_utf8();
    }
    false
}

impl LowerBuf {
    /// Fills the buffer for the paragraph `span` of `text`. Without `outside`, the tokens are
    /// taken to lie inside the paragraph (as they do but in broken input): a token outside it
    /// may then lack its form, which [`Para::new`] checks for, asking for a fill with `outside`.
    fn fill(&mut self, text: &str, span: Span, tokens: &[Token], outside: bool) {
        self.buf.clear();
        self.extra.clear();
        let p = span.slice(text);
        self.buf.push_str(p);
        self.buf.make_ascii_lowercase();
        let inside = |t: &Token| span.start <= t.start && t.end <= span.end;
        if !outside && !non_ascii_case(p) {
            return;
        }
        for (k, t) in tokens.iter().enumerate() {
            let s = text.get(t.start..t.end).unwrap_or("");
            if inside(t) && s.chars().all(|c| c.is_ascii() || own_lowercase(c)) {
                continue;
            }
            let a = self.buf.len();
            self.buf.push_str(&s.to_lowercase());
            self.extra.push((k, a, self.buf.len()));
        }
    }
}

impl<'a> Para<'a> {
    /// The paragraph `span` of `text` with its `tokens` (their lowercase forms in `lowered`, filled
    /// for them) and sentences (token ranges of the paragraph).
    fn new(
        text: &'a str,
        lowered: &'a LowerBuf,
        span: Span,
        tokens: &'a [Token],
        sents: &'a [(usize, usize)],
    ) -> Option<Self> {
        let regions = marks::regions(text, span.start, span.end);
        // Most paragraphs have no form of their own, many no quotes: loops without the tests
        // for them.
        match (lowered.extra.is_empty(), regions.is_empty()) {
            (true, true) => Self::build::<false, false>(text, lowered, span, tokens, sents, regions),
            (true, false) => Self::build::<false, true>(text, lowered, span, tokens, sents, regions),
            (false, true) => Self::build::<true, false>(text, lowered, span, tokens, sents, regions),
            (false, false) => Self::build::<true, true>(text, lowered, span, tokens, sents, regions),
        }
    }

    /// [`Para::new`] with the paragraph's quoted `regions`, with `EXTRA` false when `lowered`
    /// has no forms of their own and `QUOTED` false when there are no regions.
    fn build<const EXTRA: bool, const QUOTED: bool>(
        text: &'a str,
        lowered: &'a LowerBuf,
        span: Span,
        tokens: &'a [Token],
        sents: &'a [(usize, usize)],
        regions: Vec<Region>,
    ) -> Option<Self> {
        let mut toks: Vec<Tok<'a>> = Vec::with_capacity(tokens.len());
        let table = words();
        // The region at or after the current token (its bounds, `usize::MAX` past the last one).
        let mut r = 0;
        let region_at = |r: usize| regions.get(r).map_or((usize::MAX, usize::MAX), |g| (g.start, g.end));
        let (mut r_start, mut r_end) = region_at(r);
        // The current sentence, and the token that starts the next one (`usize::MAX` in the last).
        let mut si = 0;
        let next_start = |si: usize| if si + 1 < sents.len() { sents[si].1 } else { usize::MAX };
        let mut next = next_start(si);
        // The token of the next form of its own (`usize::MAX` after the last).
        let mut extra = 0;
        let extra_at = |x: usize| lowered.extra.get(x).map_or(usize::MAX, |e| e.0);
        let mut next_extra = extra_at(extra);
        // The paragraph and its lowercase copy (same length, same character boundaries: ASCII
        // lowercasing changes no byte outside A-Z). A token with no form of its own lies inside
        // the paragraph and is sliced from both at the same offsets, with one bounds check each.
        let para = text.get(span.start..span.end).unwrap_or("");
        let para_lower = lowered.buf.get(..para.len()).unwrap_or("");
        // Whether `x` is a character boundary of `para` (its end, or a byte that starts a character).
        let boundary = |x: usize| para.as_bytes().get(x).map_or(x == para.len(), |&c| (c as i8) >= -0x40);
        const PUNCT: Word = Word { cue: 0, class: class::PUNCT };
        // Each token's record goes into its slot of the reserved vector: no capacity check.
        for ((k, t), slot) in tokens.iter().enumerate().zip(toks.spare_capacity_mut()) {
            let region = if QUOTED {
                while r_end <= t.start {
                    r += 1;
                    (r_start, r_end) = region_at(r);
                }
                (r_start <= t.start && t.end <= r_end).then_some(r)
            } else {
                None
            };
            while next <= k {
                si += 1;
                next = next_start(si);
            }
            let (s, lower, word) = if EXTRA && k == next_extra {
                let s = text.get(t.start..t.end).unwrap_or("");
                let lower =
                    lowered.extra.get(extra).and_then(|&(_, a, b)| lowered.buf.get(a..b)).unwrap_or(s);
                extra += 1;
                next_extra = extra_at(extra);
                (s, lower, if is_punct(lower) { PUNCT } else { table.get(lower.as_bytes()) })
            } else {
                // A reversed token or one that cuts a character is "", as
                // `text.get(t.start..t.end)` would make it.
                let (a, b) = (t.start.wrapping_sub(span.start), t.end.wrapping_sub(span.start));
                let (s, lower) = if a <= b && boundary(a) && boundary(b) {
                    // SAFETY: `a <= b <= para.len()` (`boundary` holds for no index past the end)
                    // and both are character boundaries of `para`, so also of `para_lower`, which
                    // has its length and its bytes outside A-Z. One check for the two slices
                    // instead of two `get`s: about 3% of the quotes stage.
                    unsafe { (para.get_unchecked(a..b), para_lower.get_unchecked(a..b)) }
                } else if t.start < span.start || t.end > span.end {
                    // Outside the paragraph (where the test above always fails), with `lowered`
                    // filled for tokens inside it only (`LowerBuf::fill`): it wants a fill for
                    // every token.
                    return None;
                } else {
                    ("", "")
                };
                let l = lower.as_bytes();
                // ASCII lowercasing keeps every character's class: `s` is as much punctuation
                // as `lower`.
                let word = if !l.first().is_some_and(u8::is_ascii_alphanumeric) && is_punct(s) {
                    PUNCT
                } else {
                    table.get(l)
                };
                (s, lower, word)
            };
            slot.write(Tok { text: s, lower, word, region, sent: si });
        }
        // SAFETY: `with_capacity` reserved at least `tokens.len()` slots, so the loop, which has
        // no early exit but the `return`, wrote the first `tokens.len()` of them.
        unsafe { toks.set_len(tokens.len()) };
        Some(Para { text, span, toks, tokens, sents, regions, title: false })
    }

    fn lower(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.lower)
    }

    /// Whether token `i` is in one of the word lists of `class` (false past the end).
    fn is(&self, i: usize, class: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(class))
    }

    /// Whether token `i` has no alphanumeric character ([`is_punct`]; true past the end, as for "").
    fn punct(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.has(class::PUNCT))
    }

    /// The cue-lexicon entry (lemma, weight) of token `i`.
    fn cue_entry(&self, i: usize) -> Option<(&'static str, u8)> {
        self.toks.get(i).and_then(Tok::cue)
    }

    /// Cues of the paragraph outside quote marks, in order.
    fn cues(&self) -> Vec<CueHit> {
        let mut out: Vec<CueHit> = Vec::new();
        let n = self.toks.len();
        let quoted = !self.regions.is_empty();
        let mut i = 0;
        while i < n {
            // Only cue words, speech nouns and "according" start a cue here, and any other word
            // only as a verb after a quote (`verb_after_quote_and_speaker`): without quotes the
            // rest of the paragraph's words are passed over without a look at their text.
            if !quoted {
                let starts = |t: &Tok| t.word.cue != 0 || t.has(class::SPEECH_NOUN | class::ACCORDING);
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
                out.push(CueHit { i, j: i + 2, lemma: Cow::Borrowed("according to") });
                i += 2;
                continue;
            }
            // A noun cue with its clause: "his claim that …", "the argument that …".
            if t.has(class::SPEECH_NOUN) && i > 0 && self.lower(i + 1) == "that" {
                out.push(CueHit { i, j: i + 1, lemma: Cow::Owned(format!("{NOUN_CUE}{w}")) });
                i += 1;
                continue;
            }
            // Words that report no act ("appeared to", "declined to", "found inspiration") are
            // no cue from the lexicon; after a quote the verb slot below may still take them.
            let before = if i > 0 { self.lower(i - 1) } else { "" };
            let found =
                t.cue().filter(|&(lemma, _)| !act::reports_no_act(w, lemma, before, self.lower(i + 1)));
            // `"…," an angry Hollande retaliated.`: any verb in the slot after a quote and its
            // speaker is the cue, in the lexicon or not.
            if found.is_none_or(|(_, wt)| wt < MIN_WEIGHT) && self.verb_after_quote_and_speaker(i) {
                let lemma = found.map_or_else(|| Cow::Owned(crude_lemma(w)), |(l, _)| Cow::Borrowed(l));
                out.push(CueHit { i, j: i + 1, lemma });
                i += 1;
                continue;
            }
            let Some((lemma, weight)) = found else {
                i += 1;
                continue;
            };
            let prev = if i > 0 { self.lower(i - 1) } else { "" };
            let sent_start = self.sents.get(t.sent).is_some_and(|s| s.0 == i);
            let ok = weight >= MIN_WEIGHT
                // A noun reading: "the claim", "his call".
                && !matches!(prev, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "this" | "these" | "those" | "my" | "your")
                // A name or a headline word, not a verb.
                && (!capitalized(t.text)
                    || sent_start
                    // `Glenn Beck Says Trump …` in a title-case headline: after a capitalized name.
                    || (self.title
                        && matches!(lemma, "say" | "tell" | "warn" | "claim" | "insist" | "argue" | "admit" | "deny" | "vow" | "urge")
                        && i > 0
                        && capitalized(self.toks[i - 1].text)
                        && !self.toks[i - 1].has(class::NP_STOP)))
                && !(self.lower(i + 1) == "-" || self.toks.get(i + 1).is_some_and(|n| self.tokens[i + 1].start == self.tokens[i].end && n.text == "-"))
                // "declined to say": one cue.
                && !(prev == "to" && i >= 2 && out.last().is_some_and(|c| c.j + 1 == i));
            if ok {
                let mut j = i + 1;
                if let Some(&(_, part)) =
                    PARTICLES.iter().find(|(l, p)| *l == lemma && self.lower(i + 1) == *p)
                {
                    let _ = part;
                    j = i + 2;
                }
                out.push(CueHit { i, j, lemma: Cow::Borrowed(lemma) });
                i = j;
                continue;
            }
            i += 1;
        }
        out
    }

    /// Token `i` is a verb form (`retaliated`, `went`, `answers`) right after a quote that ends
    /// on a comma, `?` or `!` and a short speaker noun phrase (`he`, `an angry Hollande`), and
    /// the sentence ends (or a comma or an adverb follows): `"…," NP VERB.`
    fn verb_after_quote_and_speaker(&self, i: usize) -> bool {
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

    /// The region whose closing mark is token `k` (or the comma right after it).
    fn closing_region(&self, k: usize) -> Option<usize> {
        let t = self.toks.get(k)?;
        let r = t.region?;
        (self.regions[r].end == self.tokens[k].end && is_quote_mark(t.text)).then_some(r)
    }

    fn region_before_delim(&self, delim: usize) -> Option<usize> {
        let t = &self.toks[delim];
        if let Some(r) = self.closing_region(delim) {
            return Some(r);
        }
        if matches!(t.text, "," | "—" | "–" | "--" | "-" | ":") && delim > 0 {
            if let Some(r) = self.closing_region(delim - 1) {
                return Some(r);
            }
        }
        // `,"` ends the region after the comma: the delimiter is inside the region.
        if let Some(r) = t.region
            && delim + 1 < self.toks.len()
            && self.closing_region(delim + 1) == Some(r)
        {
            return Some(r);
        }
        None
    }

    /// The token range of the noun phrase that ends right before `end` (exclusive), bounded by
    /// `lo`, and the index of the token that bounds it on the left (None at `lo`).
    fn np_left(&self, lo: usize, end: usize) -> (usize, Option<usize>) {
        let mut k = end;
        while k > lo && end - k < MAX_SOURCE {
            let t = &self.toks[k - 1];
            let w = self.lower(k - 1);
            // `Rep. Jason Chaffetz (R-Utah)`: a short parenthesis after a name is part of it.
            if w == ")" && t.region.is_none() {
                let open = (k.saturating_sub(7).max(lo + 1)..k - 1).rev().find(|&p| self.toks[p].text == "(");
                if let Some(p) = open
                    && (p + 1..k - 1).all(|x| self.toks[x].region.is_none() && self.toks[x].text != "(")
                    && capitalized(self.toks[p - 1].text)
                    && self.toks[p - 1].region.is_none()
                {
                    k = p;
                    continue;
                }
            }
            // "Ambassador to the United Nations", "Secretary for Health": titles hold a preposition.
            let in_title = matches!(w, "to" | "for")
                && k >= 2
                && capitalized(self.toks[k - 2].text)
                && k < end
                && (capitalized(self.toks[k].text) || self.lower(k) == "the");
            if t.region.is_some() && is_quote_mark(t.text)
                || (t.has(class::PUNCT) && !matches!(w, "'s" | "'" | "’s" | "-" | "&" | "."))
                || (t.has(class::NP_STOP) && !in_title)
                || matches!(
                    t.text,
                    "earlier"
                        | "later"
                        | "yesterday"
                        | "today"
                        | "tonight"
                        | "ago"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "weekend"
                )
                // "'s" is "is" after a pronoun ("he's"), a possessive after a name ("Twitter's").
                || (t.has(class::AUX) && !(matches!(w, "'s" | "’s") && k >= 2 && capitalized(self.toks[k - 2].text)))
                || is_terminal(w)
                || t.cue()
                    .is_some_and(|(_, wt)| wt >= MIN_WEIGHT && !capitalized(t.text) && w.ends_with("ed"))
            {
                return (k, Some(k - 1));
            }
            k -= 1;
        }
        if k > lo {
            return (k, Some(k - 1));
        }
        (k, None)
    }

    /// A noun phrase starting at `start` (exclusive end returned), bounded by `hi`.
    fn np_right(&self, start: usize, hi: usize) -> usize {
        let mut k = start;
        while k < hi && k - start < MAX_SOURCE + 4 {
            let t = &self.toks[k];
            let w = self.lower(k);
            if is_terminal(w)
                || (t.has(class::PUNCT) && !matches!(w, "'s" | "'" | "’s" | "-" | "&" | "." | ","))
                || (k > start
                    && (t.has(class::AUX)
                        || matches!(w, "that" | "who" | "which" | "in" | "on" | "at" | "during" | "to")))
                || (w == "," && !self.appositive_after(k, hi))
                || t.region.is_some() && is_quote_mark(t.text)
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// `said lead engineer Priya Nair`, `says veteran industry analyst Ken Doctor`: up to four
    /// lowercase title words from `t`, then a capitalized name.
    fn title_before_name(&self, t: usize, hi: usize) -> bool {
        let mut k = t;
        while k < hi && k - t < 4 {
            let x = &self.toks[k];
            if x.region.is_some() {
                return false;
            }
            if capitalized(x.text) {
                return k > t;
            }
            // "lead engineer", "9/11 widow", "63-year-old retiree".
            if !(x.text.chars().all(|c| c.is_alphabetic() || c == '-')
                || k == t
                    && x.text.chars().any(|c| c.is_ascii_digit())
                    && x.text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '/')))
                || x.has(
                    class::AUX | class::NP_STOP | class::PREP | class::TIME_WORD | class::SUBJECT_PRONOUN,
                )
                || x.word.cue != 0
            {
                return false;
            }
            k += 1;
        }
        false
    }

    /// The period at `k` ends an abbreviation before a comma (`McConnell, R-Ky., said`), not a
    /// sentence.
    fn abbrev_dot(&self, k: usize) -> bool {
        self.toks[k].text == "."
            && k > 0
            && self.toks.get(k + 1).is_some_and(|n| n.text == ",")
            && capitalized(self.toks[k - 1].text)
            && self.toks[k - 1].text.chars().filter(|c| c.is_alphabetic()).count() <= 5
    }

    /// `Smith, a spokesman for …` : the comma at `k` opens an appositive.
    fn appositive_after(&self, k: usize, hi: usize) -> bool {
        k + 1 < hi
            && (matches!(self.lower(k + 1), "a" | "an" | "the" | "who")
                || self.lower(k + 1).chars().all(|c| c.is_ascii_digit()))
    }

    /// The subject noun phrase of sentence `s`: after a leading adverbial clause, up to the verb.
    fn subject(&self, s: usize, before: usize) -> Option<Span> {
        let (a, b) = *self.sents.get(s)?;
        let b = b.min(before);
        let mut k = a;
        // Skip a leading adverbial ("In a statement, …", "On Monday, …", "Walking to the next
        // address, …", "Alarmed by the unrest, …", "Moreover, …").
        let w0 = self.lower(k);
        let opener = self.is(k, class::PREP | class::TIME_WORD | class::NP_STOP)
            || (w0.len() > 4
                && (w0.ends_with("ing") || w0.ends_with("ed") || w0.ends_with("ly"))
                && self.toks.get(k).is_some_and(|t| t.region.is_none()));
        if opener {
            let mut c = k;
            while c < b && c - k < 25 && self.toks[c].text != "," {
                c += 1;
            }
            if c < b {
                k = c + 1;
            }
        }
        while k < b && (self.toks[k].region.is_some() || self.punct(k)) {
            k += 1;
        }
        // A dateline (`WASHINGTON --`, `SEOUL, South Korea —`) names a place, not the subject.
        if let Some(d) = self.dateline_end(k, b) {
            k = d;
            while k < b && (self.toks[k].region.is_some() || self.punct(k)) {
                k += 1;
            }
        }
        let start = k;
        while k < b && k - start < 8 {
            let t = &self.toks[k];
            let w = self.lower(k);
            if t.has(class::PUNCT) && !matches!(w, "'s" | "-" | "." | "’s")
                || t.has(class::AUX)
                || (k > start && t.has(class::NP_STOP))
                || (k > start && t.word.cue != 0)
                || (k > start && !capitalized(t.text) && w.ends_with("ed"))
            {
                break;
            }
            k += 1;
            if t.has(class::SUBJECT_PRONOUN) {
                break;
            }
        }
        (k > start).then(|| Span::new(self.tokens[start].start, self.tokens[k - 1].end))
    }

    /// The token after the dash of a dateline that starts at `k` (`WASHINGTON --`, `PARIS (AP)
    /// —`, `SEOUL, South Korea —`): a word in capitals, then up to six words, commas or a
    /// parenthesis, then a dash; None when `k` starts no dateline.
    fn dateline_end(&self, k: usize, hi: usize) -> Option<usize> {
        let first = self.toks.get(k)?;
        let letters = first.text.chars().filter(|c| c.is_alphabetic()).count();
        if first.region.is_some() || letters < 2 || first.text.chars().any(char::is_lowercase) {
            return None;
        }
        let mut c = k + 1;
        while c < hi && c - k <= 6 {
            let t = &self.toks[c];
            if t.region.is_some() {
                return None;
            }
            if matches!(t.text, "--" | "—" | "–" | "-") {
                return Some(c + 1);
            }
            if !(t.text.chars().all(char::is_alphabetic) && capitalized(t.text)
                || matches!(t.text, "," | "(" | ")" | "."))
            {
                return None;
            }
            c += 1;
        }
        None
    }

    fn span(&self, a: usize, b: usize) -> Option<Span> {
        (a < b && b <= self.toks.len()).then(|| Span::new(self.tokens[a].start, self.tokens[b - 1].end))
    }

    /// End token (exclusive) of the content that starts at `k` in sentence `s`: the sentence's end
    /// without its final punctuation, or an earlier break (`, according to`, `, adding …`, `;`).
    fn content_end(&self, k: usize, s: usize, cues: &[CueHit]) -> usize {
        let (sa, b) = self.sents[s];
        let mut hi = b.min(k + MAX_SCAN);
        // `When Smith said …, Jones …`: a cue inside a leading adverbial clause reports up to the
        // comma that closes the clause.
        if self.is(sa, class::SUBORDINATOR)
            && k > sa
            && k - sa < MAX_SCAN
            && let Some(c) = (sa..hi).find(|&x| self.toks[x].region.is_none() && self.toks[x].text == ",")
            && c >= k
        {
            hi = c;
        }
        let mut e = k;
        // The last quoted token in reach: the content holds quoted words (so far or further on).
        let last_quoted = (k..hi).rev().find(|&x| self.toks[x].region.is_some());
        let mut quoted = false;
        while e < hi {
            let t = &self.toks[e];
            quoted |= t.region.is_some() || last_quoted.is_some_and(|q| q > e);
            // `…,” Smith added.` / `…,” noting …`: a quote that closes on a comma ends the clause.
            if e > k
                && self.comma_closed(e)
                && (self.clause_ends_at(e, b, cues, quoted)
                    // `called him a "moderate," a subtle dig …`: the narrator's appositive.
                    || (matches!(self.lower(e + 1), "a" | "an" | "which" | "what" | "in" | "as" | "the")
                        // … unless a list of quoted epithets goes on: `called him a "nasty guy,"
                        // an "anchor baby," "unstable" and "sick."`
                        && !(matches!(self.lower(e + 1), "a" | "an" | "the")
                            && self.toks.get(e + 2).is_some_and(|t| t.region.is_some()))))
            {
                e += 1;
                break;
            }
            if t.region.is_none() {
                // The tests of punctuation below only for punctuation, the others only for words.
                let punct = t.has(class::PUNCT);
                if punct && t.text == ";" {
                    break;
                }
                // `called it a "crazy system" during a stop …`, `chanted "What curfew?" and kept
                // going`: the narrator goes on right after the closing quote mark.
                if e > k && self.closing_region(e - 1).is_some() && self.narrator_after_quote(e) {
                    break;
                }
                // `… extremism. ''The administration …''`: a sentence end the splitter missed.
                if e > k
                    && punct
                    && is_terminal(t.text)
                    && self
                        .toks
                        .get(e + 1)
                        .is_some_and(|n| n.region.is_some() && n.region != self.toks[e - 1].region)
                {
                    break;
                }
                // `… "excited where we stand" as he faces …`: the narrator's circumstance.
                if e > k + 3
                    && !punct
                    && matches!(self.lower(e), "as" | "while" | "when")
                    && matches!(self.lower(e + 1), "he" | "she" | "they" | "it" | "the")
                    && self.toks[e - 1].region.is_some()
                {
                    break;
                }
                // "… and 14 percent said …": another speaker's attribution starts.
                if e > k && !punct && matches!(self.lower(e), "and" | "but" | "while" | "whereas") {
                    if let Some(c) = cue_in(cues, e + 1, e + 6) {
                        let np_ok = (e + 1..c.i).all(|x| {
                            !self.punct(x) && !self.is(x, class::AUX | class::NP_STOP)
                                || self.is(x, class::BETWEEN)
                        });
                        if np_ok {
                            break;
                        }
                    }
                }
                if punct && matches!(t.text, "," | "—" | "--") && self.clause_ends_at(e, b, cues, quoted) {
                    break;
                }
            }
            e += 1;
        }
        // Drop the final punctuation (keep closing quote marks and what they enclose).
        while e > k {
            let t = &self.toks[e - 1];
            if t.region.is_none()
                && (is_terminal(t.text) || matches!(t.text, "," | ":" | ";" | "—" | "--" | "-"))
            {
                e -= 1;
            } else {
                break;
            }
        }
        // A quote that runs past the sentence end ends the content with it.
        if e > k
            && let Some(r) = self.toks[e - 1].region
        {
            e = e.max(self.tok_end_of(self.regions[r].end));
        }
        e
    }

    /// Whether the unquoted token `e`, right after a closing quote mark, starts the narrator's
    /// words rather than more of the reported clause: a dash, a time or circumstance clause
    /// (`until`, `when`, `during`, `Wednesday`, `in a tweet`), or a coordinated clause
    /// (`and he …`, `and kept …`).
    fn narrator_after_quote(&self, e: usize) -> bool {
        let w = self.lower(e);
        let nx = self.lower(e + 1);
        let plain = |x: usize| self.toks.get(x).is_some_and(|t| t.region.is_none() && !capitalized(t.text));
        match w {
            "—" | "–" | "―" | "--" | "-" => true,
            "until" | "when" | "while" | "after" | "before" | "though" | "although" | "during"
            | "whereas" => true,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            | "yesterday" | "tonight" => true,
            "in" | "on" | "at" | "via" => {
                (e + 1..(e + 5).min(self.toks.len())).any(|x| self.is(x, class::VENUE_WORD))
                    && !(e + 1..(e + 5).min(self.toks.len())).any(|x| self.toks[x].region.is_some())
            }
            "and" | "but" => {
                matches!(nx, "he" | "she" | "they" | "it" | "we" | "i")
                    || (plain(e + 1)
                        && nx.len() > 3
                        && (nx.ends_with("ed")
                            || self.is(e + 1, class::IRREGULAR_PAST)
                            || self.cue_entry(e + 1).is_some_and(|(_, wt)| wt >= MIN_WEIGHT)))
            }
            _ => false,
        }
    }

    /// Token `e` closes a quote whose last character before the marks is a comma (`,"`, `,''`).
    fn comma_closed(&self, e: usize) -> bool {
        self.closing_region(e).is_some_and(|r| {
            let reg = self.regions[r];
            self.text[reg.start..reg.end].trim_end_matches(['"', '”', '\'', '’', '»']).ends_with(',')
        })
    }

    /// Whether the reported clause ends at the comma (or comma-closed quote) at token `e` of a
    /// sentence ending at `b`: a participial or coordinated clause of the narrator follows
    /// (`, noting …`, `, and shared …`), or a post-posed cue (`, he said.`).
    fn clause_ends_at(&self, e: usize, b: usize, cues: &[CueHit], quoted: bool) -> bool {
        let nx = self.lower(e + 1);
        let nx2 = self.lower(e + 2);
        let participle = (cue_in(cues, e + 1, e + 1).is_some() && nx.ends_with("ing"))
            || (nx == "according" && nx2 == "to")
            || (matches!(nx, "and" | "but") && cue_in(cues, e + 2, e + 2).is_some() && nx2.ends_with("ing"));
        // ", linking to …": a participial clause of the narrator.
        let plain = |x: usize| self.toks.get(x).is_some_and(|t| t.region.is_none() && !capitalized(t.text));
        let ing = nx.len() > 5 && nx.ends_with("ing") && plain(e + 1);
        // ", and shared a link …", ", mocked …": a coordinated verb of the subject.
        let coordinated =
            (matches!(nx, "and" | "but") && nx2.len() > 4 && nx2.ends_with("ed") && plain(e + 2))
                || (nx.ends_with("ed") && cue_in(cues, e + 1, e + 1).is_some() && plain(e + 1));
        // `…, but …`, `…, which …` after unquoted words: another clause of the narrator.
        let narrator = !quoted
            && matches!(
                nx,
                "but" | "while" | "though" | "although" | "whereas" | "which" | "where" | "compared" | "even"
            )
            && plain(e + 1);
        if participle || ing || coordinated || narrator {
            return true;
        }
        // A post-posed cue: ", he said." / ", said Smith."
        if let Some(c) = cue_in(cues, e + 1, e + 5) {
            let between_ok =
                (e + 1..c.i).all(|x| !self.punct(x) && !self.is(x, class::AUX) || self.is(x, class::BETWEEN));
            let after = self.lower(c.j);
            return between_ok && (is_terminal(after) || after == "," || c.j >= b);
        }
        false
    }

    /// Skip what sits between a cue and its content: the addressee of "told", times, venues.
    /// Returns the content start and the venue found.
    fn skip_adjuncts(&self, cue: &CueHit, hi: usize) -> (usize, Option<String>) {
        let mut k = cue.j;
        let mut venue = None;
        // "that" within reach without punctuation on the way: the content starts there.
        for x in k..hi.min(k + 12) {
            let w = self.lower(x);
            if w == "that" {
                // Not across another clause ("said when asked if that …").
                let gap_ok = (k..x).all(|y| {
                    let w = self.lower(y);
                    !is_terminal(w)
                        && w != ":"
                        && self.toks[y].region.is_none()
                        && !self.is(y, class::SUBORDINATOR)
                        && self.cue_entry(y).is_none_or(|(_, wt)| wt < MIN_WEIGHT)
                });
                if gap_ok && x > k {
                    venue = self.venue_in(k, x);
                }
                if gap_ok {
                    return (x, venue);
                }
                break;
            }
            if is_terminal(w) || w == ";" || self.toks[x].region.is_some() {
                break;
            }
        }
        if TELL_LEMMAS.contains(&cue.lemma.as_ref()) {
            // The addressee: a pronoun, "reporters", a name, or "the/a … noun" (short).
            let w = self.lower(k);
            if self.is(k, class::OBJECT_WORD)
                || (k < hi && capitalized(self.toks[k].text) && self.toks[k].region.is_none())
            {
                let det = matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my");
                k += 1;
                if det || capitalized(self.toks[k - 1].text) {
                    while k < hi
                        && k - cue.j < 5
                        && (capitalized(self.toks[k].text) || (det && !self.is(k, class::SUBJECT_PRONOUN)))
                        && !self.punct(k)
                        && !matches!(self.lower(k), "that" | "the" | "a")
                    {
                        k += 1;
                    }
                    // "'s" possessive in a name ("ABC's").
                }
            }
        }
        loop {
            let start = k;
            // (Not "Friday's decision": a possessive time word opens the content.)
            while k < hi
                && self.is(k, class::TIME_WORD)
                && self.toks[k].region.is_none()
                && !matches!(self.lower(k + 1), "'s" | "’s")
            {
                k += 1;
            }
            // "in an interview (with X)", "on ABC's "This Week"", "during a debate".
            if k < hi && self.is(k, class::PREP) {
                let mut x = k + 1;
                let mut found = false;
                while x < hi && x - k < 9 {
                    let t = &self.toks[x];
                    let w = self.lower(x);
                    if t.has(class::VENUE_WORD | class::TIME_WORD) {
                        found = true;
                    }
                    if t.region.is_some() && found {
                        // A quoted programme title right after: take it whole.
                        let r = t.region.unwrap_or(0);
                        while x < hi && self.toks[x].region == Some(r) {
                            x += 1;
                        }
                        break;
                    }
                    if t.has(class::PUNCT) && !matches!(w, "'s" | "’s" | "-" | "." | "&")
                        || t.has(class::SUBJECT_PRONOUN)
                        || (found && matches!(w, "that" | "the" | "a" | "an" | "this" | "there"))
                        || (t.has(class::AUX) && w != "'s")
                        || t.has(class::NP_STOP) && !matches!(w, "with" | "on" | "at" | "in" | "for")
                    {
                        break;
                    }
                    x += 1;
                }
                if found && x > k + 1 {
                    if venue.is_none() && (k + 1..x).any(|y| self.is(y, class::VENUE_WORD)) {
                        let mut ve = x;
                        while ve > k + 2 && self.toks[ve - 1].region.is_none() && self.punct(ve - 1) {
                            ve -= 1;
                        }
                        venue = self.span(k + 1, ve).map(|s| s.slice(self.text).to_string());
                    }
                    k = x;
                }
            }
            if k == start {
                break;
            }
        }
        if k < hi && matches!(self.toks[k].text, ":" | ",") {
            k += 1;
        }
        (k, venue)
    }

    /// A venue phrase inside tokens `a..b` ("in an interview with MSNBC").
    fn venue_in(&self, a: usize, b: usize) -> Option<String> {
        let p = (a..b).find(|&k| self.is(k, class::PREP))?;
        (p + 1..b).any(|k| self.is(k, class::VENUE_WORD)).then_some(())?;
        let mut e = b;
        while e > p + 1 && (self.punct(e - 1) && self.toks[e - 1].region.is_none()) {
            e -= 1;
        }
        self.span(p + 1, e).map(|s| s.slice(self.text).to_string())
    }

    /// A sentence-initial venue: "In a separate interview with Fox News, …".
    fn venue_prefix(&self, s: usize, before: usize) -> Option<String> {
        let (a, _) = self.sents[s];
        if !matches!(self.lower(a), "in" | "on" | "during" | "speaking" | "at") {
            return None;
        }
        let comma = (a..before.min(a + 20)).find(|&k| self.toks[k].text == ",")?;
        let start = a + 1;
        let inner = (start..comma).any(|k| self.is(k, class::VENUE_WORD));
        if !inner {
            return None;
        }
        let start = if self.lower(a) == "speaking" && self.is(a + 1, class::PREP) { a + 2 } else { start };
        self.span(start, comma).map(|s| s.slice(self.text).to_string())
    }

    /// A headline `Name: what they said` (`Pence: Flowers Won't Be at Debate`): the words after
    /// the colon are the content, the short capitalised name before it the source. Labels
    /// (`Breaking:`, `The Latest:`, `EXCLUSIVE:`) are not speakers. With `turn`, the same for a
    /// body paragraph of a transcript (`WALLACE: …`, `"PENCE: …`, `Q: …`); returns whether the
    /// paragraph was one.
    fn headline_speaker(&self, drafts: &mut Vec<Draft>, turn: bool) -> bool {
        const LABELS: &[&str] = &[
            "breaking",
            "exclusive",
            "watch",
            "wow",
            "revealed",
            "bombshell",
            "just",
            "update",
            "video",
            "photos",
            "photo",
            "opinion",
            "analysis",
            "summary",
            "editorial",
            "look",
            "live",
            "latest",
            "report",
            "notice",
            "note",
            "byline",
            "review",
            "interview",
            "transcript",
            "factbox",
            "explainer",
            "correction",
            "morning",
            "evening",
            "email",
            "podcast",
            "quiz",
            "new",
            "big",
            "more",
            "again",
            "here",
            "today",
            "now",
            "source",
            "sources",
            "related",
            "credit",
            "caption",
            "read",
            "advertisement",
            "warning",
            "reporting",
            "editing",
            "contact",
            "tags",
            "topics",
            "posted",
            "updated",
            "published",
            "contributing",
            "twitter",
            "facebook",
            "follow",
            "so",
            "also",
            "plus",
            "total",
        ];
        // A transcript paragraph may open with the quote mark of a quoted transcript.
        let first = usize::from(turn && self.toks.first().is_some_and(|t| is_quote_mark(t.text)));
        let Some(c) = self.toks.iter().take(6).position(|t| {
            t.text == ":" && (t.region.is_none() || first == 1 && t.region == self.toks[0].region)
        }) else {
            return false;
        };
        if c <= first || c + 1 >= self.toks.len() || (turn && c - first > 3) {
            return false;
        }
        let name = &self.toks[first..c];
        let word_ok = |k: usize| {
            let t = &self.toks[k];
            (t.region.is_none() || first == 1)
                && (matches!(t.text, "." | "-")
                    || (capitalized(t.text) && t.text.chars().all(|ch| ch.is_alphabetic() || ch == '.')))
                && !LABELS.contains(&self.lower(k))
        };
        let all_caps = |t: &Tok| t.text.chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase);
        // "Q:" and "A:" of an interview name no one.
        if name.len() == 1 && name[0].text.chars().count() == 1 {
            return false;
        }
        if !(first..c).all(word_ok)
            || matches!(self.lower(first), "the" | "a" | "an" | "this" | "these" | "why" | "how" | "what")
                && !(turn && name.len() == 1 && name[0].text == "A")
            || (!turn && name.len() == 1 && all_caps(&name[0]) && name[0].text.len() > 2)
            || name.iter().any(|t| t.cue().is_some_and(|(_, wt)| wt >= MIN_WEIGHT))
        {
            return false;
        }
        let mut e = self.toks.len();
        while e > c + 1 && is_terminal(self.toks[e - 1].text)
            || e > c + 1 && is_quote_mark(self.toks[e - 1].text) && first == 1
        {
            e -= 1;
        }
        // Words someone says: a few of them, not a figure or a list of names.
        let words = (c + 1..e).filter(|&k| self.toks[k].text.chars().any(char::is_alphabetic)).count();
        let lower_words = (c + 1..e).filter(|&k| self.toks[k].text.chars().all(char::is_lowercase)).count();
        if turn && (words < 3 || lower_words == 0) {
            return false;
        }
        // A mixed-case label ("Portion Fix Containers: 1 Green, …", "Jonathan P. Blair:
        // Possession of …") opens a list item unless what follows speaks (a first or second
        // person, a question); transcript turns in capitals (`WALLACE: …`) need no such sign.
        let speaks = (c + 1..e).any(|k| {
            matches!(
                self.lower(k),
                "i" | "we"
                    | "you"
                    | "my"
                    | "our"
                    | "me"
                    | "us"
                    | "your"
                    | "i'm"
                    | "we're"
                    | "?"
                    | "i’m"
                    | "we’re"
            )
        });
        if turn && !name.iter().all(all_caps) && !speaks {
            return false;
        }
        let (Some(content), Some(source)) = (self.span(c + 1, e), self.span(first, c)) else { return false };
        drafts.push(Draft {
            content: vec![content],
            cue: self.span(c, c + 1).map(|sp| (sp, Cow::Borrowed(":"))),
            source: Some(source),
            venue: None,
        });
        true
    }

    fn extract(&self, drafts: &mut Vec<Draft>, carry: &mut Carry) {
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

    /// The first token of the clause that ends at `x`: after the last sentence-final mark
    /// outside quotes in `lo..x` (the splitter misses boundaries before NYT `''` quotes).
    fn clause_start(&self, lo: usize, x: usize) -> usize {
        let mut k = x.min(self.toks.len());
        while k > lo && x - k < MAX_SCAN {
            let t = &self.toks[k - 1];
            if t.region.is_none() && is_terminal(t.text) {
                return k;
            }
            k -= 1;
        }
        k
    }

    /// Whether tokens `a..b` read as a clause (a reported statement) rather than adjuncts.
    fn clause_like(&self, a: usize, b: usize) -> bool {
        (a..b.min(a + 30)).any(|k| {
            let w = self.lower(k);
            self.is(k, class::AUX | class::SUBJECT_PRONOUN)
                || matches!(w, "that" | "n't" | "not" | "there")
                || (k > a && w.ends_with("ed") && !capitalized(self.toks[k].text))
        })
    }

    /// Index just after the last token ending at or before `end`.
    fn tok_end_of(&self, end: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= end)
    }

    /// After a post-posed cue: times, venues, addressees ("told reporters").
    fn skip_adjuncts_post(&self, t: usize, hi: usize) -> (usize, Option<String>) {
        let fake = CueHit { i: t, j: t, lemma: Cow::Borrowed("tell") };
        let (k, venue) = self.skip_adjuncts(&fake, hi);
        // skip_adjuncts consumes a trailing "," or ":"; give it back.
        if k > t && k <= self.toks.len() && matches!(self.toks[k - 1].text, "," | ":") {
            return (k - 1, venue);
        }
        (k, venue)
    }

    /// `his claim that …`, `Smith's argument that …`, `the notion that …`: the clause after the
    /// noun, the possessor (if any) as the source.
    fn noun_cue(&self, cue: &CueHit, s: usize, cues: &[CueHit], drafts: &mut Vec<Draft>) {
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
    fn according(&self, cue: &CueHit, s: usize, cues: &[CueHit], drafts: &mut Vec<Draft>) {
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

    /// Quotes nobody claimed: further quotes of a speaker in the paragraph, and quoted paragraphs
    /// continuing the previous paragraph's speaker.
    fn continuations(&self, drafts: &mut Vec<Draft>, para_first: usize, carry: &mut Carry) {
        let orphan = carry.orphan.take();
        let prev_open = carry.open.take();
        let mut new_orphan = None;
        // Without quotes there is nothing to claim (the orphan and `carry` are settled below).
        if !self.regions.is_empty() {
            let mut last_region_draft: Option<usize> = None;
            // The content spans of the paragraph's attributions, sorted by start, with the running
            // maximum of their ends: which draft covers a region is a binary search.
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
            let covering = |r: &Region| -> Option<usize> {
                let k = spans.partition_point(|s| s.0 < r.end);
                reach.get(k.checked_sub(1)?).filter(|&&(m, _)| m > r.start).map(|&(_, d)| d)
            };
            // Attributions by the start of their content, for "the closest one before".
            let mut firsts: Vec<(usize, usize)> = drafts[para_first..]
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.content.first().map(|c| (c.start, para_first + i)))
                .collect();
            firsts.sort_unstable();
            // Attributions by the token of their cue, for quotes that go on after an interruption.
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
            for (ri, r) in self.regions.iter().enumerate() {
                if let Some(d) = covering(r) {
                    // The previous paragraph's unclaimed quote ran into this one: same speaker.
                    if ri == 0
                        && r.start == self.span.start
                        && let Some(o) = orphan
                    {
                        drafts[d].content.push(o);
                    }
                    // Scare quotes ("called it "sad"") do not make their attribution the speaker of
                    // the quotes that follow.
                    // A short quote inside a reported statement (`… accomplished "too little," he
                    // added.`) does make its speaker the speaker of what follows.
                    if drafts[d].cue.as_ref().is_some_and(|(_, l)| {
                        matches!(l.as_ref(), "say" | "add" | "tell" | "write" | "continue" | "explain")
                    }) || word_count(&self.text[r.start..r.end], 3) >= 3
                    {
                        last_region_draft = Some(d);
                    }
                    continue;
                }
                // Only quotes that stand as sentences (not scare quotes inside one).
                let first_tok = self.tokens.partition_point(|t| t.end <= r.start);
                let standalone = first_tok == 0
                    || self
                        .toks
                        .get(first_tok)
                        .is_some_and(|t| self.sents.get(t.sent).is_some_and(|s| s.0 == first_tok))
                    || is_terminal(self.lower(first_tok.saturating_sub(1)))
                    || self.lower(first_tok.saturating_sub(1)) == ":";
                // Only "fewer than 2" and "at least 4" matter.
                let words = word_count(&self.text[r.start..r.end], MIN_BARE_WORDS.max(4));
                if !standalone {
                    // `"…," Smith, who …, said, "…"`: the speaker goes on after a comma.
                    let sent = self.toks.get(first_tok).map(|t| t.sent);
                    let k = by_cue.partition_point(|c| c.0 < first_tok);
                    let same =
                        k.checked_sub(1).map(|k| by_cue[k]).filter(|&(c, _)| Some(self.toks[c].sent) == sent);
                    if first_tok > 0
                        && self.toks[first_tok - 1].text == ","
                        && self.toks[first_tok - 1].region.is_none()
                        && let Some((_, d)) = same
                    {
                        drafts[d].content.push(Span::new(r.start, r.end));
                        last_region_draft = Some(d);
                    } else if words >= MIN_BARE_WORDS && same.is_none() {
                        // A long quote inside a sentence with no cue: someone's words all the same.
                        drafts.push(Draft { content: vec![Span::new(r.start, r.end)], ..Draft::default() });
                    }
                    continue;
                }
                if words < 2 {
                    continue;
                }
                let span = Span::new(r.start, r.end);
                // The closest attribution before it in this paragraph.
                let k = firsts.partition_point(|f| f.0 < r.start);
                let before = last_region_draft.or_else(|| k.checked_sub(1).map(|k| firsts[k].1));
                if let Some(d) = before {
                    drafts[d].content.push(span);
                    last_region_draft = Some(d);
                    continue;
                }
                if ri == 0 && r.start == self.span.start {
                    if let Some(d) = prev_open {
                        drafts[d].content.push(span);
                        last_region_draft = Some(d);
                        continue;
                    }
                    if let Some(o) = orphan {
                        // Two unclaimed paragraphs of one quote.
                        drafts.push(Draft { content: vec![o, span], ..Draft::default() });
                        last_region_draft = Some(drafts.len() - 1);
                        if r.open_end && ri + 1 == self.regions.len() {
                            new_orphan = None;
                        }
                        continue;
                    }
                }
                if r.open_end && ri + 1 == self.regions.len() {
                    new_orphan = Some(span);
                    continue;
                }
                if words >= 4 {
                    drafts.push(Draft { content: vec![span], ..Draft::default() });
                    last_region_draft = Some(drafts.len() - 1);
                }
            }
        }
        if let Some(o) = orphan
            && !drafts[para_first..].iter().any(|d| d.content.contains(&o))
        {
            drafts.push(Draft { content: vec![o], ..Draft::default() });
        }
        carry.orphan = new_orphan;
        // Quotes opening the next paragraph continue this paragraph's last quoted attribution.
        let last = drafts.len().checked_sub(1).filter(|&d| d >= para_first);
        carry.open = last
            .filter(|&d| drafts[d].content.iter().any(|c| marks::has_double_mark(c.slice(self.text), false)));
    }
}

#[cfg(test)]
mod tests;
