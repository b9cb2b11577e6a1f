//! The story layer: articles about the same event grouped into stories, their entities merged
//! across articles, their quotes turned into statements (one per distinct utterance, with every
//! outlet that reported it), and a timeline of dated statements and events.
//!
//! It works on compact [`ArticleSummary`]s, not whole articles, so a corpus can stream through
//! per-article analysis and keep only what the story layer needs. A summary is made from an
//! [`ArticleView`]: of an article in memory, or deserialised from an analysed article's JSON
//! (the reduce step, `storyline stories`, reads the map output of `analyze --format jsonl` so).

use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::packed::{Map, Set};

use storyline_model::{Article, DateSource, EntityType, ParagraphRole, QuoteKind, Story};

use crate::entities::normalize;
use entities::merge_entities;
use statements::{statements, timeline};

/// Group articles into stories and build each story's entities, statements and timeline.
///
/// The grouping is [`cluster::cluster`]'s; the stories are then built in parallel on the
/// current rayon pool (the output does not depend on the thread count).
pub fn build_stories(articles: &[ArticleSummary]) -> Vec<Story> {
    let salient: Vec<BTreeSet<String>> = articles.iter().map(ArticleSummary::salient).collect();
    let clusters = cluster::cluster(articles);
    // Each story is built from its own members alone: in parallel (on the current rayon pool),
    // collected in cluster order.
    clusters.par_iter().enumerate().map(|(n, members)| story(n + 1, members, articles, &salient)).collect()
}

/// A story whose building panicked: its id (`story-7`) and the panic's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryPanic {
    /// The story's id.
    pub id: String,
    /// The panic's message.
    pub message: String,
}

/// [`build_stories`], each story built apart: a story whose building panics is an `Err` with
/// the panic's message, and the others are built all the same (in cluster order, as there).
pub fn build_stories_each(articles: &[ArticleSummary]) -> Vec<Result<Story, StoryPanic>> {
    let salient: Vec<BTreeSet<String>> = articles.iter().map(ArticleSummary::salient).collect();
    let clusters = cluster::cluster(articles);
    clusters
        .par_iter()
        .enumerate()
        .map(|(n, members)| build_guarded(n + 1, || story(n + 1, members, articles, &salient)))
        .collect()
}

/// Run `build` (story number `n`), a panic caught and returned as a [`StoryPanic`].
pub fn build_guarded(n: usize, build: impl FnOnce() -> Story) -> Result<Story, StoryPanic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(build))
        .map_err(|payload| StoryPanic { id: format!("story-{n}"), message: panic_message(&*payload) })
}

/// The message a panic was raised with (`panic!("…")`), or a placeholder.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_string(),
        (_, Some(s)) => s.clone(),
        _ => "a panic without a message".to_string(),
    }
}

/// One story from its member articles.
fn story(n: usize, members: &[usize], articles: &[ArticleSummary], salient: &[BTreeSet<String>]) -> Story {
    let entities = merge_entities(members, articles);
    let merged = renames(&entities);
    let rename = |article: usize, name: &str| -> String {
        if merged.is_empty() {
            return name.to_string();
        }
        merged.get(&(article, name)).map_or(name, |&(_, m)| m).to_string()
    };
    // The story's date anchors the underspecified dates of its undated articles.
    let story_date = members.iter().filter_map(|&i| articles[i].published.as_deref()?.parse().ok()).max();
    let statements = statements(members, articles, story_date, &rename);
    let timeline = timeline(members, articles, &statements, story_date, &rename);
    // The most central article (most salient entities shared with the others) names the story.
    // (Entities shared with the others, summed over the others = per salient entity, the other
    // members that have it.)
    let mut have: Map<&str, usize> = Map::default();
    for &i in members {
        for key in &salient[i] {
            *have.entry(key.as_str()).or_default() += 1;
        }
    }
    let central = members
        .iter()
        .copied()
        .max_by_key(|&i| {
            let shared: usize = salient[i].iter().map(|k| have[k.as_str()] - 1).sum();
            (articles[i].title.is_some(), shared, std::cmp::Reverse(i))
        })
        .unwrap_or(members[0]);
    let title = articles[central].title.clone().unwrap_or_else(|| {
        let top: Vec<&str> = entities.iter().take(3).map(|(e, _)| e.name.as_str()).collect();
        top.join(", ")
    });
    Story {
        id: format!("story-{n}"),
        title,
        articles: members.iter().map(|&i| articles[i].id.clone()).collect(),
        entities: entities.into_iter().map(|(e, _)| e).collect(),
        statements,
        timeline,
    }
}

/// The story's renames: each article's canonical name → the story's merged name (that of the
/// first entity that took the name), with the rank of that entity; only the names that change.
///
/// A name the first entity to take it keeps (most: every entity of a one-article story) is left
/// out, so the table holds only the renames, not one entry for every name of the story (a table
/// of every name, keyed by strings, outgrew the caches on stories of many names): a rename is
/// dropped when an entity before it keeps the name.
fn renames<'a>(entities: &'a [entities::MergedEntity<'a>]) -> Map<(usize, &'a str), (usize, &'a str)> {
    let mut merged: Map<(usize, &str), (usize, &str)> = Map::default();
    for (rank, (e, refs)) in entities.iter().enumerate() {
        for &(article, name) in refs {
            if name != e.name {
                merged.entry((article, name)).or_insert((rank, e.name.as_str()));
            }
        }
    }
    if !merged.is_empty() {
        for (rank, (e, refs)) in entities.iter().enumerate() {
            for &(article, name) in refs {
                if name == e.name && merged.get(&(article, name)).is_some_and(|&(r, _)| r > rank) {
                    merged.remove(&(article, name));
                }
            }
        }
    }
    merged
}

/// The part of a sentence around a date: the whole sentence when short, else a window of
/// words around `start..end`, with ellipses.
fn snippet(sentence: &str, start: usize, end: usize) -> String {
    const WIDTH: usize = 90;
    if sentence.len() <= 2 * WIDTH {
        return sentence.to_string();
    }
    let floor = |mut i: usize| {
        while !sentence.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = floor(start.min(sentence.len()));
    let end = floor(end.clamp(start, sentence.len()));
    let (window_from, window_to) =
        (floor(start.saturating_sub(WIDTH)), floor((end + WIDTH).min(sentence.len())));
    // The window narrowed to whole words: the first space after its start, the last before its
    // end, each within its own side of the date (a side without a space is cut mid-word).
    let from = match sentence[window_from..start].find(' ') {
        Some(k) if window_from > 0 => window_from + k + 1,
        _ => window_from,
    };
    let to = match sentence[end..window_to].rfind(' ') {
        Some(k) if window_to < sentence.len() => end + k,
        _ => window_to,
    };
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(sentence[from..to].trim());
    if to < sentence.len() {
        s.push('…');
    }
    s
}

/// Anchor an underspecified date of an undated article to the story's date: `XXXX-06` → the
/// last June not after it, `XXXX-WXX-5` → the last Friday not after it, `XXXX-WXX` → its week.
fn anchor(value: &str, story_date: Option<jiff::civil::Date>) -> Option<String> {
    let Some(rest) = value.strip_prefix("XXXX-") else { return Some(value.to_string()) };
    let d = story_date?;
    if let Some(weekday) = rest.strip_prefix("WXX-") {
        // (a weekday 1 to 7; a value read back from JSON may hold any number)
        let n: i8 = weekday.parse().ok().filter(|n| (1..=7).contains(n))?;
        let back = (d.weekday().to_monday_one_offset() - n).rem_euclid(7);
        return d.checked_sub(jiff::Span::new().days(i64::from(back))).ok().map(|x| x.to_string());
    }
    if rest == "WXX" {
        let w = d.iso_week_date();
        return Some(format!("{:04}-W{:02}", w.year(), w.week()));
    }
    let month: i8 = rest.parse().ok()?;
    let year = if month > d.month() { d.year() - 1 } else { d.year() };
    Some(format!("{year:04}-{month:02}"))
}

/// A quote's words for display: outer quote marks and the comma before a closing mark dropped
/// (`"It looks like …,"` → `It looks like …`; `there has been "tremendous progress."` unchanged),
/// so that a report adds exactly one pair of marks whatever the source used: doubled marks
/// (`““no, we are …””`), NYT apostrophes (`''No …''`), an apostrophe inside a word (`we’re`) and
/// the marks where two quoted parts meet (`"A," "B"` → `A, B`) are no extra pair.
pub fn quote_display(text: &str) -> String {
    const OPEN: &[char] = &['"', '“', '„', '«', '‘'];
    const CLOSE: &[char] = &['"', '”', '»', '’'];
    let t = text.trim();
    let mut inner = t;
    let mut stripped = false;
    loop {
        let s = inner.trim_start();
        if let Some(r) = s.strip_prefix("''").or_else(|| s.strip_prefix(OPEN)) {
            inner = r;
            stripped = true;
        } else {
            break;
        }
    }
    if stripped {
        loop {
            let s = inner.trim_end().trim_end_matches(',');
            if let Some(r) = s.strip_suffix("''").or_else(|| s.strip_suffix(CLOSE)) {
                inner = r;
            } else {
                inner = s;
                break;
            }
        }
        // Where two quoted parts meet: `A," "B` → `A, B`.
        let mut out = inner.trim().to_string();
        for join in [",\" \"", ",” “", "\" \"", "” “", ",'' ''", "'' ''"] {
            if out.contains(join) {
                let with = if join.starts_with(',') { ", " } else { " " };
                out = out.replace(join, with);
            }
        }
        let doubles = |s: &str| s.chars().filter(|c| matches!(c, '"' | '“' | '”')).count();
        // A mark left unbalanced inside belonged to the words: drop it rather than show a
        // stray one next to the report's own pair.
        if doubles(&out) % 2 == 1 {
            out = out.replace(['“', '”', '"'], "");
        }
        return out.trim().trim_end_matches(',').trim().to_string();
    }
    for close in CLOSE {
        if let Some(head) = t.strip_suffix(&format!(",{close}")) {
            return format!("{head}{close}");
        }
    }
    t.trim_end_matches(',').to_string()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

pub mod cluster;
mod entities;
mod statements;
mod summary;
mod view;

pub use summary::{ArticleSummary, SummaryEntity, SummaryEvent, SummaryQuote, TERMS_KEPT};
pub use view::ArticleView;

#[cfg(test)]
use summary::top_terms;
#[cfg(test)]
mod tests;
