//! Human-readable reports of an analysis: Markdown, self-contained HTML, and CSV.

pub mod csv;
pub mod html;
pub mod markdown;

use std::collections::{BTreeMap, HashMap};

use storyline_analyzer::story::ArticleSummary;
use storyline_model::{Statement, Story};

use crate::analyze::ErrorRecord;

/// Everything a report shows.
pub struct Report<'a> {
    pub summaries: &'a [ArticleSummary],
    pub stories: &'a [Story],
    pub errors: &'a [ErrorRecord],
    /// Index in `summaries` of the first article with each id.
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Report<'a> {
    pub fn new(summaries: &'a [ArticleSummary], stories: &'a [Story], errors: &'a [ErrorRecord]) -> Self {
        let mut by_id = HashMap::with_capacity(summaries.len());
        for (i, a) in summaries.iter().enumerate() {
            by_id.entry(a.id.as_str()).or_insert(i);
        }
        Report { summaries, stories, errors, by_id }
    }

    /// The (first) article with this id.
    pub fn article(&self, id: &str) -> Option<&'a ArticleSummary> {
        self.by_id.get(id).and_then(|&i| self.summaries.get(i))
    }

    /// "2 article(s) in 1 story; 1 input(s) could not be read".
    pub fn counts(&self) -> String {
        let stories = self.stories.len();
        let mut s = format!(
            "{} article(s) in {stories} stor{}",
            self.summaries.len(),
            if stories == 1 { "y" } else { "ies" }
        );
        if !self.errors.is_empty() {
            s.push_str(&format!("; {} input(s) could not be read", self.errors.len()));
        }
        s
    }

    /// "CNN Wire, 2018-09-24" for an article id.
    pub fn source_label(&self, id: &str) -> String {
        match self.article(id) {
            Some(a) => {
                let mut parts = vec![a.publisher.clone().unwrap_or_else(|| a.id.clone())];
                if let Some(d) = &a.published {
                    parts.push(d.clone());
                }
                parts.join(", ")
            }
            None => id.to_string(),
        }
    }
}

/// A story's statements grouped by speaker (named speakers by number of statements, then
/// unattributed ones last), each speaker's statements by date.
pub fn by_speaker(story: &Story) -> Vec<(Option<&str>, Vec<&Statement>)> {
    let mut groups: BTreeMap<Option<&str>, Vec<&Statement>> = BTreeMap::new();
    for s in &story.statements {
        groups.entry(s.speaker.as_deref()).or_default().push(s);
    }
    let mut out: Vec<(Option<&str>, Vec<&Statement>)> = groups.into_iter().collect();
    for (_, v) in &mut out {
        v.sort_by(|a, b| a.date.cmp(&b.date));
    }
    out.sort_by(|a, b| {
        (a.0.is_none(), std::cmp::Reverse(a.1.len()), a.0).cmp(&(
            b.0.is_none(),
            std::cmp::Reverse(b.1.len()),
            b.0,
        ))
    });
    out
}

/// A statement's words as a report shows them: direct quotes in quote marks, reported speech
/// (which is the writer's paraphrase) without.
pub fn said(s: &Statement) -> String {
    let words = storyline_analyzer::story::quote_display(&s.text);
    if s.kind == storyline_model::QuoteKind::Direct { format!("“{words}”") } else { words }
}

/// The roles known for a speaker in a story ("US Secretary of State").
pub fn roles_of<'a>(story: &'a Story, name: &str) -> &'a [String] {
    story.entities.iter().find(|e| e.name == name).map_or(&[], |e| e.roles.as_slice())
}
