//! The Markdown report: one section per story — its articles, who said what, a timeline and
//! the entities — then the inputs that could not be read.

use std::io::Write;

use anyhow::Result;

use super::{Report, by_speaker, roles_of, said, who_on};

fn kind_label(k: storyline_model::QuoteKind) -> &'static str {
    match k {
        storyline_model::QuoteKind::Direct => "quoted",
        storyline_model::QuoteKind::Indirect => "reported",
        storyline_model::QuoteKind::Mixed => "partly quoted",
    }
}

/// Escape what would break a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn write(r: &Report, w: &mut dyn Write) -> Result<()> {
    writeln!(w, "# storyline report\n")?;
    writeln!(w, "{}.\n", r.counts())?;
    for story in r.stories {
        writeln!(w, "## {}\n", story.title)?;
        writeln!(w, "**Articles**\n")?;
        for id in &story.articles {
            let title = r.article(id).and_then(|a| a.title.clone()).unwrap_or_else(|| "(untitled)".into());
            writeln!(w, "- {title} — {} (`{id}`)", r.source_label(id))?;
        }
        writeln!(w)?;
        if !story.statements.is_empty() {
            writeln!(w, "### Who said what\n")?;
            for (speaker, statements) in by_speaker(story) {
                let name = speaker.unwrap_or("Unattributed");
                let roles = speaker.map(|s| roles_of(story, s)).unwrap_or_default();
                match roles.first() {
                    Some(role) => writeln!(w, "**{name}** ({role})\n")?,
                    None => writeln!(w, "**{name}**\n")?,
                }
                for s in statements {
                    let date = s.date.as_deref().unwrap_or("undated");
                    let sources: Vec<String> = s.articles.iter().map(|id| r.source_label(id)).collect();
                    writeln!(
                        w,
                        "- {date} — {}: {} _({}; {})_",
                        who_on(s),
                        said(s),
                        kind_label(s.kind),
                        sources.join("; ")
                    )?;
                }
                writeln!(w)?;
            }
        }
        if !story.timeline.is_empty() {
            writeln!(w, "### Timeline\n")?;
            writeln!(w, "| Date | What | Sources |")?;
            writeln!(w, "|---|---|---|")?;
            for t in &story.timeline {
                let sources: Vec<String> = t.articles.iter().map(|id| r.source_label(id)).collect();
                writeln!(w, "| {} | {} | {} |", t.date, cell(&t.text), cell(&sources.join("; ")))?;
            }
            writeln!(w)?;
        }
        writeln!(w, "### People, organisations and places\n")?;
        writeln!(w, "| Name | Type | Also called | Roles | Articles | Mentions |")?;
        writeln!(w, "|---|---|---|---|---|---|")?;
        for e in &story.entities {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&e.name),
                e.kind.label(),
                cell(&e.aliases.join(", ")),
                cell(&e.roles.join(", ")),
                e.articles.len(),
                e.mentions
            )?;
        }
        writeln!(w)?;
    }
    if !r.errors.is_empty() {
        writeln!(w, "## Inputs that could not be read\n")?;
        for e in r.errors {
            match e.line {
                Some(l) => writeln!(w, "- `{}` line {l}: {}", e.source, e.reason)?,
                None => writeln!(w, "- `{}`: {}", e.source, e.reason)?,
            }
        }
    }
    Ok(())
}
