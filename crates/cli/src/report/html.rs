//! A self-contained HTML report (inline CSS and SVG, no scripts or external assets): per story
//! a summary paragraph, speakers with their statements and sources, a timeline drawn as SVG,
//! and the entity table.

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::Result;
use storyline_model::{EntityType, Story};

use super::{Report, act_label, by_speaker, roles_of, said, who_on, words_said, write_stories};
use crate::analyze::ErrorRecord;
use crate::safe;

/// A field of the input as HTML text (in an element or an attribute value): `&`, `<`, `>` and
/// quotes as entities; control characters and bidirectional controls (which would reorder the
/// page's text around them) as visible escapes (`\u{202e}`).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if safe::is_hidden(c) => safe::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-top:3px solid #222;padding-top:.6rem;margin-top:2.5rem}\
h3{font:600 1rem/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.05em;color:#555;margin-top:1.8rem}\
.lede{font-size:1.1rem}.meta{color:#666;font:.85rem system-ui,sans-serif}\
.speaker{margin:1rem 0}.speaker h4{margin:0;font:600 1.05rem system-ui,sans-serif}.role{color:#666;font-weight:400}\
blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:3px solid #c33}\
table{border-collapse:collapse;width:100%;font:.9rem system-ui,sans-serif}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}\
svg text{font:13px system-ui,sans-serif}.err{color:#a00}";

/// The HTML report; every field from the input escaped (`esc`). Returns the stories that
/// could not be written (a panic), which the report names with the inputs that could not be
/// read.
pub fn write(r: &Report, w: &mut dyn Write) -> Result<Vec<ErrorRecord>> {
    writeln!(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(w, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    let title = r.stories.first().map_or("storyline report".to_string(), |s| s.title.clone());
    writeln!(w, "<title>{}</title><style>{STYLE}</style></head><body>", esc(&title))?;
    writeln!(w, "<h1>storyline report</h1>")?;
    writeln!(w, "<p class=\"meta\">{}</p>", esc(&r.counts()))?;
    let unwritten = write_stories(r, w, write_story)?;
    let errors: Vec<&ErrorRecord> = r.errors.iter().chain(&unwritten).collect();
    if !errors.is_empty() {
        writeln!(w, "<h2>Inputs that could not be read</h2><ul>")?;
        for e in errors {
            let line = e.line.map(|l| format!(" line {l}")).unwrap_or_default();
            writeln!(w, "<li class=\"err\"><code>{}</code>{line}: {}</li>", esc(&e.source), esc(&e.reason))?;
        }
        writeln!(w, "</ul>")?;
    }
    writeln!(w, "</body></html>")?;
    Ok(unwritten)
}

/// One paragraph telling the story at a glance.
fn lede(r: &Report, story: &Story) -> String {
    let publishers: BTreeSet<String> =
        story.articles.iter().filter_map(|id| r.article(id).and_then(|a| a.publisher.clone())).collect();
    let dates: BTreeSet<String> =
        story.articles.iter().filter_map(|id| r.article(id).and_then(|a| a.published.clone())).collect();
    let people: Vec<String> = story
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .take(4)
        .map(|e| match e.roles.first() {
            Some(role) => format!("{} ({role})", e.name),
            None => e.name.clone(),
        })
        .collect();
    let speakers: BTreeSet<&str> = story.statements.iter().filter_map(|s| s.speaker.as_deref()).collect();
    let mut text = format!("{} article(s)", story.articles.len());
    if !publishers.is_empty() {
        text.push_str(&format!(" from {}", publishers.into_iter().collect::<Vec<_>>().join(", ")));
    }
    match (dates.first(), dates.last()) {
        (Some(a), Some(b)) if a != b => text.push_str(&format!(", published {a} to {b}")),
        (Some(a), _) => text.push_str(&format!(", published {a}")),
        _ => {}
    }
    text.push('.');
    if !people.is_empty() {
        text.push_str(&format!(" The people in it: {}.", people.join(", ")));
    }
    if !story.statements.is_empty() {
        text.push_str(&format!(
            " {} statement(s) from {} named speaker(s){}.",
            story.statements.len(),
            speakers.len(),
            match (story.timeline.first(), story.timeline.last()) {
                (Some(a), Some(b)) if a.date != b.date =>
                    format!("; the timeline runs from {} to {}", a.date, b.date),
                _ => String::new(),
            }
        ));
    }
    text
}

fn write_story(r: &Report, story: &Story, w: &mut Vec<u8>) -> Result<()> {
    writeln!(w, "<h2 id=\"{}\">{}</h2>", esc(&story.id), esc(&story.title))?;
    writeln!(w, "<p class=\"lede\">{}</p>", esc(&lede(r, story)))?;
    writeln!(w, "<h3>Articles</h3><ul>")?;
    for id in &story.articles {
        let title = r.article(id).and_then(|a| a.title.clone()).unwrap_or_else(|| "(untitled)".into());
        writeln!(
            w,
            "<li>{} <span class=\"meta\">— {} · <code>{}</code></span></li>",
            esc(&title),
            esc(&r.source_label(id)),
            esc(id)
        )?;
    }
    writeln!(w, "</ul>")?;
    if story.statements.iter().any(words_said) {
        writeln!(w, "<h3>Who said what</h3>")?;
        for (speaker, statements) in by_speaker(story, true) {
            let name = speaker.unwrap_or("Not identified");
            let role = speaker
                .and_then(|s| roles_of(story, s).first())
                .map(|r| format!(" <span class=\"role\">{}</span>", esc(r)))
                .unwrap_or_default();
            writeln!(w, "<div class=\"speaker\"><h4>{}{role}</h4>", esc(name))?;
            for s in statements {
                let sources: Vec<String> = s.articles.iter().map(|id| r.source_label(id)).collect();
                writeln!(
                    w,
                    "<blockquote><strong>{}</strong>: {}<div class=\"meta\">{} · {}</div></blockquote>",
                    esc(&who_on(s)),
                    esc(&said(s)),
                    esc(s.date.as_deref().unwrap_or("undated")),
                    esc(&sources.join("; "))
                )?;
            }
            writeln!(w, "</div>")?;
        }
    }
    // Thoughts, beliefs, findings and stances: not words anyone said, shown apart and marked.
    if story.statements.iter().any(|s| !words_said(s)) {
        writeln!(w, "<h3>Thoughts, findings and stances (not words said)</h3>")?;
        for (_, statements) in by_speaker(story, false) {
            for s in statements {
                let sources: Vec<String> = s.articles.iter().map(|id| r.source_label(id)).collect();
                writeln!(
                    w,
                    "<blockquote class=\"thought\"><em>[{}]</em> <strong>{}</strong>: {}<div class=\"meta\">{} · {}</div></blockquote>",
                    act_label(s),
                    esc(&who_on(s)),
                    esc(&said(s)),
                    esc(s.date.as_deref().unwrap_or("undated")),
                    esc(&sources.join("; "))
                )?;
            }
        }
    }
    if !story.timeline.is_empty() {
        writeln!(w, "<h3>Timeline</h3>")?;
        timeline_svg(r, story, w)?;
    }
    writeln!(w, "<h3>People, organisations and places</h3>")?;
    writeln!(
        w,
        "<table><thead><tr><th>Name</th><th>Type</th><th>Also called</th><th>Roles</th><th>Articles</th><th>Mentions</th></tr></thead><tbody>"
    )?;
    for e in &story.entities {
        writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&e.name),
            e.kind.label(),
            esc(&e.aliases.join(", ")),
            esc(&e.roles.join(", ")),
            e.articles.len(),
            e.mentions
        )?;
    }
    writeln!(w, "</tbody></table>")?;
    Ok(())
}

/// A vertical timeline: one row per entry, date on the left, a dot on the line, text right.
fn timeline_svg(r: &Report, story: &Story, w: &mut dyn Write) -> Result<()> {
    const ROW: usize = 46;
    let height = story.timeline.len() * ROW + 10;
    writeln!(
        w,
        "<svg role=\"img\" aria-label=\"Timeline\" width=\"100%\" height=\"{height}\" viewBox=\"0 0 900 {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    )?;
    writeln!(
        w,
        "<line x1=\"110\" y1=\"10\" x2=\"110\" y2=\"{}\" stroke=\"#999\" stroke-width=\"2\"/>",
        height - 10
    )?;
    for (i, t) in story.timeline.iter().enumerate() {
        let y = 20 + i * ROW;
        let color = if t.kind == storyline_model::TimelineKind::Statement { "#c33" } else { "#36c" };
        let text: String = t.text.chars().take(110).collect();
        let text = if t.text.chars().count() > 110 { format!("{text}…") } else { text };
        let sources: Vec<String> = t.articles.iter().map(|id| r.source_label(id)).collect();
        writeln!(
            w,
            "<text x=\"98\" y=\"{}\" text-anchor=\"end\" font-weight=\"600\">{}</text>",
            y + 4,
            esc(&t.date)
        )?;
        writeln!(w, "<circle cx=\"110\" cy=\"{y}\" r=\"6\" fill=\"{color}\"/>")?;
        writeln!(w, "<text x=\"124\" y=\"{}\">{}</text>", y + 4, esc(&text))?;
        writeln!(
            w,
            "<text x=\"124\" y=\"{}\" fill=\"#777\" font-size=\"11\">{}</text>",
            y + 20,
            esc(&sources.join("; "))
        )?;
    }
    writeln!(w, "</svg>")?;
    Ok(())
}
