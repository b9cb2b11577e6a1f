//! A story's statements (one per distinct utterance, with every article reporting it) and its
//! timeline.

use std::collections::{BTreeMap, BTreeSet};

use storyline_model::{Statement, StatementSource, TimelineEntry, TimelineKind};

use super::{ArticleSummary, anchor, clip, quote_display};
use super::{Map, Set};
use crate::entities::Interner;

/// Lowercased word tokens of a text, for near-duplicate tests.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Near-identical utterances: most words shared, or one contained in the other.
pub(super) fn same_words(a: &str, b: &str) -> bool {
    let (wa, wb): (BTreeSet<String>, BTreeSet<String>) =
        (words(a).into_iter().collect(), words(b).into_iter().collect());
    similar_sets(wa.intersection(&wb).count(), wa.len(), wb.len())
}

/// [`same_words`] from the sizes of two word sets and of their intersection.
fn similar_sets(inter: usize, a: usize, b: usize) -> bool {
    if a == 0 || b == 0 {
        return false;
    }
    let (inter, small, union) = (inter as f64, a.min(b) as f64, (a + b - inter) as f64);
    inter / union >= 0.7 || (small >= 4.0 && inter / small >= 0.9)
}

/// Texts as sets of word ids, with inverted lists, to find the earlier texts with the same words
/// as a new one ([`same_words`]) without comparing it with each.
///
/// Two texts are alike only when they share most of the smaller one's words, so (prefix
/// filtering) an earlier text `b` is listed under its rarest words only, as many as make sure a
/// text sharing 70% of `b`'s words has one of them; and a new text `a` looks up, besides all its
/// words in those lists, its own rarest words (enough for 90% of `a`) among all earlier texts.
/// A list is read up to its first [`WordIndex::SCANNED`] texts: the earliest match is the one
/// wanted, and thousands of texts of the same few words (adversarial input) stay linear.
///
/// The words are interned as the entity layer's ([`Interner`]: one buffer, no string per word),
/// and the lists are flat: a word's [`Lists`] (heads, tails, lengths) in one vector, every list's
/// nodes in another, and only a list's first [`WordIndex::SCANNED`] texts kept (a vector per
/// word and list, and a map of a string per word, made tables far larger than the caches for
/// texts of many distinct words).
#[derive(Default)]
pub(super) struct WordIndex {
    ids: Interner,
    /// Per word id, its lists.
    lists: Vec<Lists>,
    /// (text, next node) of every list's nodes.
    nodes: Vec<(u32, u32)>,
    /// Per text, its distinct word ids, sorted.
    texts: Vec<Vec<u32>>,
    seen: Vec<bool>,
    candidates: Vec<u32>,
    /// A word being lowercased (reused buffer).
    lower: String,
}

/// A word's two lists in [`WordIndex::nodes`]: the texts listed under it by their rarest words,
/// and every text that has it (each ascending; `all_len` counts every text, the list keeps the
/// first [`WordIndex::SCANNED`]).
#[derive(Clone, Copy)]
struct Lists {
    rare: (u32, u32, u32),
    all: (u32, u32, u32),
}

/// No node (the end of a list).
const NONE: u32 = u32::MAX;

impl Lists {
    const EMPTY: Lists = Lists { rare: (NONE, NONE, 0), all: (NONE, NONE, 0) };
}

impl WordIndex {
    const SCANNED: usize = 64;

    /// Distinct word ids of a text (new words get new ids).
    pub(super) fn word_ids(&mut self, text: &str) -> Vec<u32> {
        // As `words`, lowercased in one buffer (no string per word).
        let mut out: Vec<u32> = Vec::new();
        for w in text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()) {
            let lower = &mut self.lower;
            lower.clear();
            if w.is_ascii() {
                lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                lower.push_str(&w.to_lowercase());
            }
            out.push(self.ids.id(lower));
        }
        out.sort_unstable();
        out.dedup();
        if let Some(&max) = out.last()
            && self.lists.len() <= max as usize
        {
            self.lists.resize(max as usize + 1, Lists::EMPTY);
        }
        out
    }

    /// How many texts so far have word `w`.
    fn count(&self, w: u32) -> u32 {
        self.lists[w as usize].all.2
    }

    /// The `keep` rarest of `ids` so far (fewest earlier texts; then by id).
    fn rarest(&self, ids: &[u32], keep: usize) -> Vec<u32> {
        let mut by_rarity: Vec<u32> = ids.to_vec();
        by_rarity.sort_unstable_by_key(|&w| (self.count(w), w));
        by_rarity.truncate(keep);
        by_rarity
    }

    /// The earliest indexed text with the same words as `ids` that `accept` takes.
    pub(super) fn find(&mut self, ids: &[u32], accept: impl Fn(usize) -> bool) -> Option<usize> {
        self.seen.resize(self.texts.len(), false);
        let own = self.rarest(ids, ids.len() - (ids.len() * 9).div_ceil(10) + 1);
        let heads: Vec<u32> = ids
            .iter()
            .map(|&w| self.lists[w as usize].rare.0)
            .chain(own.iter().map(|&w| self.lists[w as usize].all.0))
            .collect();
        let mut candidates = std::mem::take(&mut self.candidates);
        for head in heads {
            for t in list(&self.nodes, head) {
                if !self.seen[t as usize] {
                    self.seen[t as usize] = true;
                    candidates.push(t);
                }
            }
        }
        candidates.sort_unstable();
        let found = candidates.iter().map(|&t| t as usize).find(|&t| {
            let other = &self.texts[t];
            similar_sets(shared(ids, other), ids.len(), other.len()) && accept(t)
        });
        for &t in &candidates {
            self.seen[t as usize] = false;
        }
        candidates.clear();
        self.candidates = candidates;
        found
    }

    /// Appends text `t` to a list (head, tail, length): kept only among its first
    /// [`WordIndex::SCANNED`], counted always.
    fn append(nodes: &mut Vec<(u32, u32)>, list: &mut (u32, u32, u32), t: u32) {
        if (list.2 as usize) < Self::SCANNED {
            let node = nodes.len() as u32;
            nodes.push((t, NONE));
            match list.1 {
                NONE => list.0 = node,
                tail => nodes[tail as usize].1 = node,
            }
            list.1 = node;
        }
        list.2 += 1;
    }

    /// Adds the next text (its index is the number of texts added before).
    pub(super) fn push(&mut self, ids: &[u32]) {
        let t = self.texts.len() as u32;
        for w in self.rarest(ids, ids.len() - (ids.len() * 7).div_ceil(10) + 1) {
            Self::append(&mut self.nodes, &mut self.lists[w as usize].rare, t);
        }
        for &w in ids {
            Self::append(&mut self.nodes, &mut self.lists[w as usize].all, t);
        }
        self.texts.push(ids.to_vec());
    }
}

/// The texts of the list of [`WordIndex::nodes`] starting at `node`.
fn list(nodes: &[(u32, u32)], mut node: u32) -> impl Iterator<Item = u32> + '_ {
    std::iter::from_fn(move || {
        let &(t, next) = nodes.get(node as usize)?;
        node = next;
        Some(t)
    })
}

/// The number of ids two ascending lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The date a quote's value or an event's date gets in the story — the one both the statement
/// and the timeline show: an underspecified date of an undated article anchored to the story's
/// date ([`anchor`]), kept only when that makes it a calendar date.
pub(super) fn story_date_of(value: &str, story_date: Option<jiff::civil::Date>) -> Option<String> {
    anchor(value, story_date).filter(|d| !d.starts_with('X'))
}

pub(super) fn statements(
    members: &[usize],
    articles: &[ArticleSummary],
    story_date: Option<jiff::civil::Date>,
    rename: &dyn Fn(usize, &str) -> String,
) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    // Per statement, whether its date was stated with a cue ("said Sunday"): a stated date of a
    // later report beats the publication date of an earlier one.
    let mut stated: Vec<bool> = Vec::new();
    let mut index = WordIndex::default();
    // (statement, article id) pairs already listed.
    let mut listed: Set<(usize, &str)> = Set::default();
    for &i in members {
        let a = &articles[i];
        // A reported clause with no source at all is not a statement anyone made.
        for q in a.quotes.iter().filter(|q| q.speaker.is_some() || q.has_source) {
            let speaker = q.speaker.as_deref().map(|s| rename(i, s));
            let date = q.date.as_deref().and_then(|d| story_date_of(d, story_date));
            let source = StatementSource {
                article: a.id.clone(),
                publisher: a.publisher.clone(),
                start: q.start,
                end: q.end,
            };
            let ids = index.word_ids(&q.text);
            let found = index.find(&ids, |k| {
                let s = &out[k];
                s.speaker == speaker || s.speaker.is_none() || speaker.is_none()
            });
            let k = match found {
                Some(k) => {
                    let s = &mut out[k];
                    if listed.insert((k, a.id.as_str())) {
                        s.articles.push(a.id.clone());
                    }
                    s.sources.push(source);
                    if s.speaker.is_none() {
                        s.speaker = speaker;
                    }
                    if s.speaker.is_some() {
                        s.speaker_words = None;
                    } else if s.speaker_words.is_none() {
                        s.speaker_words = q.speaker_words.clone();
                    }
                    if date.is_some() && (s.date.is_none() || q.stated && !stated[k]) {
                        s.date = date;
                        stated[k] = q.stated;
                    }
                    k
                }
                None => {
                    index.push(&ids);
                    listed.insert((out.len(), a.id.as_str()));
                    stated.push(q.stated && date.is_some());
                    out.push(Statement {
                        speaker_words: if speaker.is_none() { q.speaker_words.clone() } else { None },
                        speaker,
                        about: Vec::new(),
                        text: q.text.clone(),
                        kind: q.kind,
                        act: q.act,
                        date,
                        articles: vec![a.id.clone()],
                        sources: vec![source],
                    });
                    out.len() - 1
                }
            };
            // What each source is about, in the story's names, each once.
            for name in &q.about {
                let name = rename(i, name);
                if !out[k].about.contains(&name) {
                    out[k].about.push(name);
                }
            }
        }
    }
    // The speaker is not what they speak about (a source may have been resolved to a name
    // another source's speaker only got later).
    for s in &mut out {
        if let Some(speaker) = &s.speaker {
            s.about.retain(|n| n != speaker);
        }
    }
    out
}

/// Timeline entries of one day an event is compared with, to find the one it repeats.
const SAME_DAY_COMPARED: usize = 64;

/// The story's timeline: statement entries (per speaker and day), then the events of its
/// articles not already there as a statement or an entry of the same day, sorted by date.
pub(super) fn timeline(
    members: &[usize],
    articles: &[ArticleSummary],
    statements: &[Statement],
    story_date: Option<jiff::civil::Date>,
    rename: &dyn Fn(usize, &str) -> String,
) -> Vec<TimelineEntry> {
    let mut entries = statement_entries(statements);
    let said = statement_spans(statements);
    // Event entries by date, and the (entry, article id) pairs already listed.
    let mut events_on: Map<String, Vec<usize>> = Map::default();
    let mut listed: Set<(usize, &str)> = Set::default();
    for &i in members {
        let a = &articles[i];
        for ev in &a.events {
            let Some(date) = story_date_of(&ev.date, story_date) else { continue };
            // The date of a statement ("Haley said Sunday") is already on the timeline, with the
            // statement (whose words may run on past the sentence).
            let said_then = said.get(&(a.id.as_str(), date.as_str())).is_some_and(|spans| {
                // Sorted by start, each end the furthest so far: the spans starting before the
                // sentence ends overlap it when the furthest of their ends is past its start.
                let before_end = spans.partition_point(|&(s, _)| s < ev.end);
                before_end > 0 && spans[before_end - 1].1 > ev.start
            });
            if said_then {
                continue;
            }
            let names: BTreeSet<String> = ev.entities.iter().map(|n| rename(i, n)).collect();
            let same_day = events_on.entry(date.clone()).or_default();
            // The day's first entries only: thousands of events on one day stay linear.
            let same = same_day.iter().copied().take(SAME_DAY_COMPARED).find(|&k| {
                let (e, n) = &entries[k];
                n.intersection(&names).count() >= 2 || same_words(&e.text, &ev.sentence)
            });
            if same.is_none() {
                same_day.push(entries.len());
                listed.insert((entries.len(), a.id.as_str()));
            }
            match same {
                Some(k) => {
                    let (e, n) = &mut entries[k];
                    if listed.insert((k, a.id.as_str())) {
                        e.articles.push(a.id.clone());
                    }
                    // Keep the most concise wording.
                    if ev.sentence.len() < e.text.len() {
                        e.text = clip(&ev.sentence, 240);
                    }
                    n.extend(names);
                }
                None => entries.push((
                    TimelineEntry {
                        date,
                        text: clip(&ev.sentence, 240),
                        kind: TimelineKind::Event,
                        articles: vec![a.id.clone()],
                    },
                    names,
                )),
            }
        }
    }
    let mut out: Vec<TimelineEntry> = entries.into_iter().map(|(e, _)| e).collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.kind.cmp(&b.kind)));
    out
}

/// The timeline's statement entries: one per speaker and day, the first thing said and how much
/// more (unattributed statements stay in the statement list, off the timeline); no names.
fn statement_entries(statements: &[Statement]) -> Vec<(TimelineEntry, BTreeSet<String>)> {
    let mut entries: Vec<(TimelineEntry, BTreeSet<String>)> = Vec::new();
    // One entry per speaker and day: the first thing said, and how much more (unattributed
    // statements stay in the statement list, off the timeline).
    let mut by_day: BTreeMap<(String, Option<&str>), Vec<&Statement>> = BTreeMap::new();
    for s in statements.iter().filter(|s| s.speaker.is_some()) {
        if let Some(date) = &s.date {
            by_day.entry((date.clone(), s.speaker.as_deref())).or_default().push(s);
        }
    }
    for ((date, speaker), said) in by_day {
        let who = speaker.unwrap_or("Unattributed");
        // One pair of quote marks around a direct quote; reported speech (the writer's words,
        // quoted phrases inside it kept) has none of its own.
        let words = clip(&quote_display(&said[0].text), 160);
        let mut text = if said[0].kind == storyline_model::QuoteKind::Direct {
            format!("{who}: \u{201c}{words}\u{201d}")
        } else {
            format!("{who}: {words}")
        };
        if said.len() > 1 {
            text.push_str(&format!(" (+{} more)", said.len() - 1));
        }
        let mut ids: Vec<String> = Vec::new();
        let mut listed: Set<&str> = Set::default();
        for s in &said {
            for a in &s.articles {
                if listed.insert(a.as_str()) {
                    ids.push(a.clone());
                }
            }
        }
        entries.push((
            TimelineEntry { date, text, kind: TimelineKind::Statement, articles: ids },
            BTreeSet::new(),
        ));
    }
    entries
}

/// Where each article reports a dated statement: (article, date) → source spans, sorted by start,
/// each end made the furthest so far.
fn statement_spans(statements: &[Statement]) -> Map<(&str, &str), Vec<(usize, usize)>> {
    let mut said: Map<(&str, &str), Vec<(usize, usize)>> = Map::default();
    for s in statements {
        if let Some(date) = &s.date {
            for src in &s.sources {
                said.entry((src.article.as_str(), date.as_str())).or_default().push((src.start, src.end));
            }
        }
    }
    for spans in said.values_mut() {
        spans.sort_unstable();
        for k in 1..spans.len() {
            spans[k].1 = spans[k].1.max(spans[k - 1].1);
        }
    }
    said
}
