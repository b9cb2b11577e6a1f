//! `storyline quotes`: every attribution of the articles (who said what, about whom, with
//! which cue, when), optionally only one speaker's, or only those about someone.

use std::io::Write;

use anyhow::Result;
use storyline_model::{Article, Entity, Quote};

use crate::safe::csv_cell;

/// Whether `s` is `name` (already lowercased), ignoring case and surrounding spaces.
fn same_name(s: &str, name: &str) -> bool {
    s.trim().to_lowercase() == name
}

/// Whether `name` (already lowercased) names `e`: its canonical name or one of its aliases.
fn names_entity(e: &Entity, name: &str) -> bool {
    same_name(&e.name, name) || e.aliases.iter().any(|x| same_name(x, name))
}

/// Whether `name` (already lowercased) is the quote's speaker: its entity's canonical name or
/// one of its aliases, or the resolved speaker name, compared case-insensitively.
pub fn speaker_is(a: &Article, q: &Quote, name: &str) -> bool {
    q.speaker_entity.and_then(|i| a.entities.get(i)).is_some_and(|e| names_entity(e, name))
        || q.speaker.as_deref().is_some_and(|s| same_name(s, name))
}

/// The canonical names of the article's entities that `name` (already lowercased) names, by
/// canonical name or alias: what [`about_is`] looks for in a quote's `about`.
pub fn named_by<'a>(a: &'a Article, name: &str) -> Vec<&'a str> {
    a.entities.iter().filter(|e| names_entity(e, name)).map(|e| e.name.as_str()).collect()
}

/// Whether the quote is about `name` (already lowercased): one of its `about` names is `name`
/// (case-insensitively) or one of `named` (from [`named_by`]: `name` is an alias of it).
pub fn about_is(q: &Quote, name: &str, named: &[&str]) -> bool {
    q.about.iter().any(|n| named.contains(&n.as_str()) || same_name(n, name))
}

/// What `quotes` keeps of an analysed article: its id and the quotes to show, by start.
pub struct Selected {
    pub id: String,
    pub quotes: Vec<Quote>,
}

/// The quotes of an article to show, by start: all, or those of `speaker` and/or about
/// `about` (both lowercased; both must hold when both are given).
pub fn select(a: Article, speaker: Option<&str>, about: Option<&str>) -> Selected {
    let mut quotes: Vec<Quote> = if speaker.is_none() && about.is_none() {
        a.quotes
    } else {
        let named = about.map(|n| named_by(&a, n)).unwrap_or_default();
        a.quotes
            .iter()
            .filter(|q| speaker.is_none_or(|n| speaker_is(&a, q, n)))
            .filter(|q| about.is_none_or(|n| about_is(q, n, &named)))
            .cloned()
            .collect()
    };
    quotes.sort_by_key(|q| (q.start, q.end));
    Selected { id: a.id, quotes }
}

/// The speaker as a reader wants it: the canonical name, else the words naming them.
/// (A bare relative pronoun, "who" of "Smith, who said", is no name: "-" when unresolved.)
fn speaker_label(q: &Quote) -> &str {
    q.speaker
        .as_deref()
        .or(q.speaker_mention.as_ref().map(|m| m.text.as_str()))
        .filter(|s| !matches!(*s, "who" | "which" | "that" | "Who" | "Which" | "That"))
        .unwrap_or("-")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[{id, quotes: [Quote, …], schema_version}]`, each quote serialised as in the `analyze`
/// output written with `--span-text`: the article's text is not written, so the quotes keep
/// theirs.
pub fn write_json(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let view: Vec<serde_json::Value> = sel
        .iter()
        .map(|s| {
            serde_json::json!({"id": s.id, "quotes": s.quotes, "schema_version": storyline_model::SCHEMA_VERSION})
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &view)?;
    writeln!(w)?;
    Ok(())
}

/// One row per quote, with a header; a cell a spreadsheet would read as a formula is written
/// with a single quote before it ([`csv_cell`]).
pub fn write_csv(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "article",
        "speaker",
        "speaker_mention",
        "about",
        "kind",
        "act",
        "cue",
        "date",
        "start",
        "end",
        "text",
    ])?;
    for s in sel {
        for q in &s.quotes {
            let kind = serde_json::to_value(q.kind)?.as_str().unwrap_or_default().to_string();
            let act = serde_json::to_value(q.act)?.as_str().unwrap_or_default().to_string();
            let cells = [
                csv_cell(&s.id),
                csv_cell(q.speaker.as_deref().unwrap_or("")),
                csv_cell(q.speaker_mention.as_ref().map_or("", |m| m.text.as_str())),
                csv_cell(&q.about.join("; ")),
                csv_cell(&kind),
                csv_cell(&act),
                csv_cell(q.cue.as_ref().map_or("", |c| c.text.as_str())),
                csv_cell(q.date.as_ref().map_or("", |d| d.value.as_str())),
                q.start.to_string(),
                q.end.to_string(),
                csv_cell(&q.text),
            ];
            out.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One aligned table of every shown quote: speaker, what it is about, cue, date, article,
/// then the quote.
pub fn write_table(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let rows: Vec<[String; 6]> = sel
        .iter()
        .flat_map(|s| {
            s.quotes.iter().map(move |q| {
                [
                    speaker_label(q).to_string(),
                    if q.about.is_empty() { "-".to_string() } else { q.about.join("; ") },
                    q.cue.as_ref().map_or_else(|| "-".to_string(), |c| one_line(&c.text)),
                    q.date.as_ref().map_or_else(|| "-".to_string(), |d| d.value.clone()),
                    s.id.clone(),
                    one_line(&q.text),
                ]
            })
        })
        .collect();
    let header = ["SPEAKER", "ABOUT", "CUE", "DATE", "ARTICLE", "QUOTE"].map(str::to_string);
    crate::write_table(w, &header, &rows)
}
