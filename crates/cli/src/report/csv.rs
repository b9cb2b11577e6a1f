//! CSV: one statement per row.

use std::io::Write;

use anyhow::Result;

use super::Report;

pub fn write(r: &Report, w: &mut dyn Write) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["story", "speaker", "about", "date", "kind", "text", "articles", "publishers"])?;
    for story in r.stories {
        for s in &story.statements {
            let publishers: Vec<String> = s
                .sources
                .iter()
                .filter_map(|src| src.publisher.clone())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let kind = serde_json::to_value(s.kind)?.as_str().unwrap_or_default().to_string();
            out.write_record([
                story.id.as_str(),
                s.speaker.as_deref().unwrap_or(""),
                &s.about.join("; "),
                s.date.as_deref().unwrap_or(""),
                kind.as_str(),
                s.text.as_str(),
                &s.articles.join(";"),
                &publishers.join(";"),
            ])?;
        }
    }
    out.flush()?;
    Ok(())
}
