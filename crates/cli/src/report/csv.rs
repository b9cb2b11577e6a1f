//! CSV: one statement per row. A cell a spreadsheet would read as a formula is written with a
//! single quote before it ([`crate::safe::csv_cell`]).

use std::io::Write;

use anyhow::Result;

use super::Report;
use crate::analyze::ErrorRecord;
use crate::safe::csv_cell;

/// The CSV report. Returns the stories that could not be written (a panic), left out.
pub fn write(r: &Report, w: &mut dyn Write) -> Result<Vec<ErrorRecord>> {
    w.write_all(b"story,speaker,about,date,kind,act,text,articles,publishers\n")?;
    super::write_stories(r, w, write_story)
}

fn write_story(_: &Report, story: &storyline_model::Story, w: &mut Vec<u8>) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    for s in &story.statements {
        let publishers: Vec<String> = s
            .sources
            .iter()
            .filter_map(|src| src.publisher.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let kind = serde_json::to_value(s.kind)?.as_str().unwrap_or_default().to_string();
        let act = serde_json::to_value(s.act)?.as_str().unwrap_or_default().to_string();
        let cells = [
            csv_cell(&story.id),
            csv_cell(s.speaker.as_deref().unwrap_or("")),
            csv_cell(&s.about.join("; ")),
            csv_cell(s.date.as_deref().unwrap_or("")),
            csv_cell(&kind),
            csv_cell(&act),
            csv_cell(&s.text),
            csv_cell(&s.articles.join(";")),
            csv_cell(&publishers.join(";")),
        ];
        out.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    out.flush()?;
    Ok(())
}
