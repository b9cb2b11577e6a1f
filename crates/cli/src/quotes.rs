//! `storyline quotes`: every attribution of the articles (who said what, with which cue,
//! when), optionally only one speaker's.

use std::io::Write;

use anyhow::Result;
use storyline_model::{Article, Quote};

/// Whether `name` (already lowercased) is the quote's speaker: its entity's canonical name or
/// one of its aliases, or the resolved speaker name, compared case-insensitively.
pub fn speaker_is(a: &Article, q: &Quote, name: &str) -> bool {
    let eq = |s: &str| s.trim().to_lowercase() == name;
    q.speaker_entity
        .and_then(|i| a.entities.get(i))
        .is_some_and(|e| eq(&e.name) || e.aliases.iter().any(|x| eq(x)))
        || q.speaker.as_deref().is_some_and(eq)
}

/// What `quotes` keeps of an analysed article: its id and the quotes to show, by start.
pub struct Selected {
    pub id: String,
    pub quotes: Vec<Quote>,
}

/// The quotes of an article to show (all, or those of `speaker`, lowercased), by start.
pub fn select(a: Article, speaker: Option<&str>) -> Selected {
    let mut quotes: Vec<Quote> = match speaker {
        None => a.quotes,
        Some(n) => a.quotes.iter().filter(|q| speaker_is(&a, q, n)).cloned().collect(),
    };
    quotes.sort_by_key(|q| (q.start, q.end));
    Selected { id: a.id, quotes }
}

/// The speaker as a reader wants it: the canonical name, else the words naming them.
fn speaker_label(q: &Quote) -> &str {
    q.speaker.as_deref().or(q.speaker_mention.as_ref().map(|m| m.text.as_str())).unwrap_or("-")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[{id, quotes: [Quote, …]}]`, each quote serialised as in the `analyze` output.
pub fn write_json(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let view: Vec<serde_json::Value> =
        sel.iter().map(|s| serde_json::json!({"id": s.id, "quotes": s.quotes})).collect();
    serde_json::to_writer_pretty(&mut *w, &view)?;
    writeln!(w)?;
    Ok(())
}

/// One row per quote, with a header.
pub fn write_csv(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "article",
        "speaker",
        "speaker_mention",
        "kind",
        "cue",
        "date",
        "start",
        "end",
        "text",
    ])?;
    for s in sel {
        for q in &s.quotes {
            let kind = serde_json::to_value(q.kind)?.as_str().unwrap_or_default().to_string();
            out.write_record([
                s.id.as_str(),
                q.speaker.as_deref().unwrap_or(""),
                q.speaker_mention.as_ref().map_or("", |m| m.text.as_str()),
                kind.as_str(),
                q.cue.as_ref().map_or("", |c| c.text.as_str()),
                q.date.as_ref().map_or("", |d| d.value.as_str()),
                &q.start.to_string(),
                &q.end.to_string(),
                q.text.as_str(),
            ])?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One aligned table of every shown quote: speaker, cue, date, article, then the quote.
pub fn write_table(sel: &[Selected], w: &mut dyn Write) -> Result<()> {
    let rows: Vec<[String; 5]> = sel
        .iter()
        .flat_map(|s| {
            s.quotes.iter().map(move |q| {
                [
                    speaker_label(q).to_string(),
                    q.cue.as_ref().map_or_else(|| "-".to_string(), |c| one_line(&c.text)),
                    q.date.as_ref().map_or_else(|| "-".to_string(), |d| d.value.clone()),
                    s.id.clone(),
                    one_line(&q.text),
                ]
            })
        })
        .collect();
    let header = ["SPEAKER", "CUE", "DATE", "ARTICLE", "QUOTE"].map(str::to_string);
    crate::write_table(w, &header, &rows)
}
