//! The Markdown report: one section per story — its articles, who said what, a timeline and
//! the entities — then the inputs that could not be read.

use std::io::Write;

use anyhow::Result;

use storyline_model::{Statement, Story};

use super::{Report, act_label, by_speaker, roles_of, said, who_on, words_said, write_stories};
use crate::analyze::ErrorRecord;
use crate::safe;

fn kind_label(k: storyline_model::QuoteKind) -> &'static str {
    match k {
        storyline_model::QuoteKind::Direct => "quoted",
        storyline_model::QuoteKind::Indirect => "reported",
        storyline_model::QuoteKind::Mixed => "partly quoted",
    }
}

/// A field of the input as Markdown inline text that renders as itself: HTML's special
/// characters as entities (no raw HTML), the punctuation that could start Markdown markup
/// backslash-escaped (emphasis, links, code, tables, headings, strikethrough, and a list marker
/// at the start), line breaks and runs of white space as one space (no new block), control and
/// bidirectional control characters as visible escapes (`\u{202e}`).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    // A list marker at the start: `-`, `+`, or digits then `.` or `)`.
    match chars.peek() {
        Some('-' | '+') => out.push('\\'),
        Some(c) if c.is_ascii_digit() => {
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                out.push(d);
                chars.next();
            }
            if matches!(chars.peek(), Some('.' | ')')) {
                out.push('\\');
            }
        }
        _ => {}
    }
    let mut space = false;
    for c in chars {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if safe::is_hidden(c) => safe::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A field of the input as a Markdown code span: fenced by more backticks than the longest run
/// inside it (padded with a space when it starts or ends with one), on one line, control and
/// bidirectional control characters as visible escapes. (HTML is not read inside a code span.)
pub fn code(s: &str) -> String {
    let mut content = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) {
            content.push(' ');
        }
        if safe::is_hidden(c) {
            safe::push_escaped(&mut content, c);
        } else {
            content.push(c);
        }
    }
    if space {
        content.push(' ');
    }
    let (mut longest, mut run) = (0usize, 0usize);
    for c in content.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if content.is_empty()
        || content.starts_with('`')
        || content.ends_with('`')
        || (content.starts_with(' ') && content.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{content}{pad}{fence}")
}

/// The Markdown report; every field from the input escaped ([`text`], [`code`]). Returns the
/// stories that could not be written (a panic), which the report names with the inputs that
/// could not be read.
pub fn write(r: &Report, w: &mut dyn Write) -> Result<Vec<ErrorRecord>> {
    writeln!(w, "# storyline report\n")?;
    writeln!(w, "{}.\n", r.counts())?;
    let unwritten = write_stories(r, w, write_story)?;
    let errors: Vec<&ErrorRecord> = r.errors.iter().chain(&unwritten).collect();
    if !errors.is_empty() {
        writeln!(w, "## Inputs that could not be read\n")?;
        for e in errors {
            match e.line {
                Some(l) => writeln!(w, "- {} line {l}: {}", code(&e.source), text(&e.reason))?,
                None => writeln!(w, "- {}: {}", code(&e.source), text(&e.reason))?,
            }
        }
    }
    Ok(unwritten)
}

/// One statement as a list item: `mark`, date, who (on whom), the words, how and where reported.
fn statement_line(r: &Report, s: &Statement, mark: &str, w: &mut Vec<u8>) -> Result<()> {
    let date = s.date.as_deref().unwrap_or("undated");
    let sources: Vec<String> = s.articles.iter().map(|id| r.source_label(id)).collect();
    writeln!(
        w,
        "- {mark}{} — {}: {} _({}; {})_",
        text(date),
        text(&who_on(s)),
        text(&said(s)),
        kind_label(s.kind),
        text(&sources.join("; "))
    )?;
    Ok(())
}

fn write_story(r: &Report, story: &Story, w: &mut Vec<u8>) -> Result<()> {
    writeln!(w, "## {}\n", text(&story.title))?;
    writeln!(w, "**Articles**\n")?;
    for id in &story.articles {
        let title = r.article(id).and_then(|a| a.title.clone()).unwrap_or_else(|| "(untitled)".into());
        writeln!(w, "- {} — {} ({})", text(&title), text(&r.source_label(id)), code(id))?;
    }
    writeln!(w)?;
    if story.statements.iter().any(words_said) {
        writeln!(w, "### Who said what\n")?;
        for (speaker, statements) in by_speaker(story, true) {
            let name = speaker.unwrap_or("Not identified");
            let roles = speaker.map(|s| roles_of(story, s)).unwrap_or_default();
            match roles.first() {
                Some(role) => writeln!(w, "**{}** ({})\n", text(name), text(role))?,
                None => writeln!(w, "**{}**\n", text(name))?,
            }
            for s in statements {
                statement_line(r, s, "", w)?;
            }
            writeln!(w)?;
        }
    }
    // Thoughts, beliefs, findings and stances: not words anyone said, shown apart and marked.
    if story.statements.iter().any(|s| !words_said(s)) {
        writeln!(w, "### Thoughts, findings and stances (not words said)\n")?;
        for (_, statements) in by_speaker(story, false) {
            for s in statements {
                statement_line(r, s, &format!("_[{}]_ ", act_label(s)), w)?;
            }
        }
        writeln!(w)?;
    }
    if !story.timeline.is_empty() {
        writeln!(w, "### Timeline\n")?;
        writeln!(w, "| Date | What | Sources |")?;
        writeln!(w, "|---|---|---|")?;
        for t in &story.timeline {
            let sources: Vec<String> = t.articles.iter().map(|id| r.source_label(id)).collect();
            writeln!(w, "| {} | {} | {} |", text(&t.date), text(&t.text), text(&sources.join("; ")))?;
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
            text(&e.name),
            e.kind.label(),
            text(&e.aliases.join(", ")),
            text(&e.roles.join(", ")),
            e.articles.len(),
            e.mentions
        )?;
    }
    writeln!(w)?;
    Ok(())
}
