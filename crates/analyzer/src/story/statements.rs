//! A story's statements (one per distinct utterance, with every article reporting it) and its
//! timeline.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use storyline_model::{Statement, StatementSource, TimelineEntry, TimelineKind};

use super::{ArticleSummary, anchor, clip, quote_display};

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

/// Texts as sets of word ids, with an inverted index, to find the earlier texts with the same
/// words as a new one ([`same_words`]) by counting shared words instead of comparing with each.
#[derive(Default)]
pub(super) struct WordIndex {
    ids: HashMap<String, u32>,
    /// Per word id, the texts that have it (ascending).
    postings: Vec<Vec<u32>>,
    /// Per text, its number of distinct words.
    sizes: Vec<usize>,
    shared: Vec<u32>,
    touched: Vec<u32>,
}

impl WordIndex {
    /// Distinct word ids of a text (new words get new ids).
    pub(super) fn word_ids(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = words(text)
            .into_iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w).or_insert(next)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        if let Some(&max) = out.last() {
            if self.postings.len() <= max as usize {
                self.postings.resize_with(max as usize + 1, Vec::new);
            }
        }
        out
    }

    /// The earliest indexed text with the same words as `ids` that `accept` takes.
    pub(super) fn find(&mut self, ids: &[u32], accept: impl Fn(usize) -> bool) -> Option<usize> {
        self.shared.resize(self.sizes.len(), 0);
        for &w in ids {
            for &t in &self.postings[w as usize] {
                if self.shared[t as usize] == 0 {
                    self.touched.push(t);
                }
                self.shared[t as usize] += 1;
            }
        }
        self.touched.sort_unstable();
        let found = self
            .touched
            .iter()
            .map(|&t| t as usize)
            .find(|&t| similar_sets(self.shared[t] as usize, ids.len(), self.sizes[t]) && accept(t));
        for &t in &self.touched {
            self.shared[t as usize] = 0;
        }
        self.touched.clear();
        found
    }

    /// Adds the next text (its index is the number of texts added before).
    pub(super) fn push(&mut self, ids: &[u32]) {
        let t = self.sizes.len() as u32;
        for &w in ids {
            self.postings[w as usize].push(t);
        }
        self.sizes.push(ids.len());
    }
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
    let mut listed: std::collections::HashSet<(usize, &str)> = std::collections::HashSet::new();
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
                        speaker,
                        about: Vec::new(),
                        text: q.text.clone(),
                        kind: q.kind,
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

pub(super) fn timeline(
    members: &[usize],
    articles: &[ArticleSummary],
    statements: &[Statement],
    story_date: Option<jiff::civil::Date>,
    rename: &dyn Fn(usize, &str) -> String,
) -> Vec<TimelineEntry> {
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
        let mut text = format!("{who}: \u{201c}{}\u{201d}", clip(&quote_display(&said[0].text), 160));
        if said.len() > 1 {
            text.push_str(&format!(" (+{} more)", said.len() - 1));
        }
        let mut ids: Vec<String> = Vec::new();
        for s in &said {
            for a in &s.articles {
                if !ids.contains(a) {
                    ids.push(a.clone());
                }
            }
        }
        entries.push((
            TimelineEntry { date, text, kind: TimelineKind::Statement, articles: ids },
            BTreeSet::new(),
        ));
    }
    // Where each article reports a dated statement: (article, date) → source spans.
    let mut said: HashMap<(&str, &str), Vec<(usize, usize)>> = HashMap::new();
    for s in statements {
        if let Some(date) = &s.date {
            for src in &s.sources {
                said.entry((src.article.as_str(), date.as_str())).or_default().push((src.start, src.end));
            }
        }
    }
    // Event entries by date, and the (entry, article id) pairs already listed.
    let mut events_on: HashMap<String, Vec<usize>> = HashMap::new();
    let mut listed: std::collections::HashSet<(usize, &str)> = std::collections::HashSet::new();
    for &i in members {
        let a = &articles[i];
        for ev in &a.events {
            let Some(date) = story_date_of(&ev.date, story_date) else { continue };
            // The date of a statement ("Haley said Sunday") is already on the timeline, with the
            // statement (whose words may run on past the sentence).
            let said_then = said
                .get(&(a.id.as_str(), date.as_str()))
                .is_some_and(|spans| spans.iter().any(|&(s, e)| s < ev.end && e > ev.start));
            if said_then {
                continue;
            }
            let names: BTreeSet<String> = ev.entities.iter().map(|n| rename(i, n)).collect();
            let same_day = events_on.entry(date.clone()).or_default();
            let same = same_day.iter().copied().find(|&k| {
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
