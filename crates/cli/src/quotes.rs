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

/// The quotes of each article to show, in article order and by start within an article.
pub fn select<'a>(articles: &'a [Article], speaker: Option<&str>) -> Vec<(&'a Article, Vec<&'a Quote>)> {
    let name = speaker.map(|s| s.trim().to_lowercase());
    articles
        .iter()
        .map(|a| {
            let mut qs: Vec<&Quote> =
                a.quotes.iter().filter(|q| name.as_deref().is_none_or(|n| speaker_is(a, q, n))).collect();
            qs.sort_by_key(|q| (q.start, q.end));
            (a, qs)
        })
        .collect()
}

/// The speaker as a reader wants it: the canonical name, else the words naming them.
fn speaker_label(q: &Quote) -> &str {
    q.speaker.as_deref().or(q.speaker_mention.as_ref().map(|m| m.text.as_str())).unwrap_or("-")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[{id, quotes: [Quote, …]}]`, each quote serialised as in the `analyze` output.
pub fn write_json(sel: &[(&Article, Vec<&Quote>)], w: &mut dyn Write) -> Result<()> {
    let view: Vec<serde_json::Value> =
        sel.iter().map(|(a, qs)| serde_json::json!({"id": a.id, "quotes": qs})).collect();
    serde_json::to_writer_pretty(&mut *w, &view)?;
    writeln!(w)?;
    Ok(())
}

/// One row per quote, with a header.
pub fn write_csv(sel: &[(&Article, Vec<&Quote>)], w: &mut dyn Write) -> Result<()> {
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
    for (a, qs) in sel {
        for q in qs {
            let kind = serde_json::to_value(q.kind)?.as_str().unwrap_or_default().to_string();
            out.write_record([
                a.id.as_str(),
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
pub fn write_table(sel: &[(&Article, Vec<&Quote>)], w: &mut dyn Write) -> Result<()> {
    let rows: Vec<[String; 5]> = sel
        .iter()
        .flat_map(|(a, qs)| {
            qs.iter().map(move |q| {
                [
                    speaker_label(q).to_string(),
                    q.cue.as_ref().map_or_else(|| "-".to_string(), |c| one_line(&c.text)),
                    q.date.as_ref().map_or_else(|| "-".to_string(), |d| d.value.clone()),
                    a.id.clone(),
                    one_line(&q.text),
                ]
            })
        })
        .collect();
    let header = ["SPEAKER", "CUE", "DATE", "ARTICLE", "QUOTE"].map(str::to_string);
    crate::write_table(w, &header, &rows)
}
