//! Aligned text tables for the terminal: the `entities` command's table and the helper the
//! `quotes` table uses.

use std::io::Write;

use anyhow::Result;
use storyline_model::Article;

use crate::safe::visible;

/// One article's entity table, headed by its id and title (control characters shown escaped).
pub(crate) fn write_entity_table(a: &Article, w: &mut dyn Write) -> Result<()> {
    let head = format!("== {}{}", a.id, a.title.as_deref().map(|t| format!("  {t}")).unwrap_or_default());
    writeln!(w, "{}", visible(&head))?;
    let rows: Vec<[String; 5]> = a
        .entities
        .iter()
        .map(|e| {
            [
                e.name.clone(),
                e.kind.label().to_string(),
                e.mentions.len().to_string(),
                e.aliases.join("; "),
                e.roles.join("; "),
            ]
        })
        .collect();
    let header = ["NAME", "TYPE", "MENTIONS", "ALIASES", "ROLES"].map(str::to_string);
    write_table(w, &header, &rows)?;
    writeln!(w)?;
    Ok(())
}

/// Widest cell of a table's columns but the last, in characters: a longer one is cut with "…"
/// (one quote about twenty people must not push every quote off the screen).
pub(crate) const MAX_CELL: usize = 40;

/// An aligned text table (the last column is not padded, the others at most [`MAX_CELL`]
/// wide); control characters in the cells are shown escaped (`\u{1b}`), so that the table
/// cannot send escape sequences to a terminal.
pub(crate) fn write_table<const N: usize>(
    w: &mut dyn Write,
    header: &[String; N],
    rows: &[[String; N]],
) -> Result<()> {
    let rows: Vec<[std::borrow::Cow<str>; N]> = std::iter::once(header)
        .chain(rows)
        .map(|r| {
            let mut i = 0;
            r.each_ref().map(|c| {
                i += 1;
                let c = visible(c);
                if i == N || c.chars().count() <= MAX_CELL {
                    return c;
                }
                let kept: String = c.chars().take(MAX_CELL - 1).collect();
                format!("{}…", kept.trim_end()).into()
            })
        })
        .collect();
    let mut widths = [0usize; N];
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    for r in &rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 == N {
                line.push_str(c);
            } else {
                line.push_str(&format!("{c:<w$}  ", w = widths[i]));
            }
        }
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}
