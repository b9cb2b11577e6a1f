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

/// Who spoke on whom, as a statement's line opens in "who said what": the speaker (or
/// "Unattributed"), then " on " and the first one or two names it is about ("Donald Trump on
/// Kim Jong Un", "Nikki Haley on Mike Pompeo and Kim Jong Un", "Mike Pompeo").
pub fn who_on(s: &Statement) -> String {
    let mut who = s.speaker.clone().unwrap_or_else(|| "Unattributed".to_string());
    if let Some(first) = s.about.first() {
        who.push_str(" on ");
        who.push_str(first);
        if let Some(second) = s.about.get(1) {
            who.push_str(" and ");
            who.push_str(second);
        }
    }
    who
}

/// The roles known for a speaker in a story ("US Secretary of State").
pub fn roles_of<'a>(story: &'a Story, name: &str) -> &'a [String] {
    story.entities.iter().find(|e| e.name == name).map_or(&[], |e| e.roles.as_slice())
}

#[cfg(test)]
mod tests {
    use storyline_model::{QuoteKind, StatementSource, TimelineEntry, TimelineKind};

    use super::*;

    fn statement(speaker: Option<&str>, about: &[&str], text: &str, kind: QuoteKind) -> Statement {
        Statement {
            speaker: speaker.map(str::to_string),
            about: about.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            kind,
            date: Some("2018-09-24".into()),
            articles: vec!["a".into()],
            sources: vec![StatementSource {
                article: "a".into(),
                publisher: Some("Wire".into()),
                start: 0,
                end: 9,
            }],
        }
    }

    fn story() -> Story {
        Story {
            id: "story-1".into(),
            title: "Second summit".into(),
            articles: vec!["a".into()],
            entities: vec![],
            statements: vec![
                statement(
                    Some("Donald Trump"),
                    &["Kim Jong Un"],
                    "\"It looks like we'll meet quite soon,\"",
                    QuoteKind::Direct,
                ),
                statement(
                    Some("Nikki Haley"),
                    &["Mike Pompeo", "Donald Trump", "Kim Jong Un"],
                    "\"Pompeo needs more talks before the President meets Kim & co.\"",
                    QuoteKind::Direct,
                ),
                statement(Some("Mike Pompeo"), &[], "there was still work to do", QuoteKind::Indirect),
                statement(None, &["North Korea"], "the visit would not be fruitful", QuoteKind::Indirect),
            ],
            timeline: vec![TimelineEntry {
                date: "2018-09-24".into(),
                text: "Donald Trump: “It looks like we'll meet quite soon”".into(),
                kind: TimelineKind::Statement,
                articles: vec!["a".into()],
            }],
        }
    }

    fn render(write: fn(&Report, &mut dyn std::io::Write) -> anyhow::Result<()>) -> String {
        let stories = [story()];
        let report = Report::new(&[], &stories, &[]);
        let mut out = Vec::new();
        write(&report, &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn who_on_names_the_speaker_then_one_or_two_about_names() {
        let s = story();
        assert_eq!(who_on(&s.statements[0]), "Donald Trump on Kim Jong Un");
        assert_eq!(who_on(&s.statements[1]), "Nikki Haley on Mike Pompeo and Donald Trump");
        assert_eq!(who_on(&s.statements[2]), "Mike Pompeo");
        assert_eq!(who_on(&s.statements[3]), "Unattributed on North Korea");
    }

    #[test]
    fn markdown_statements_read_speaker_on_whom() {
        let md = render(markdown::write);
        assert!(
            md.contains(
                "- 2018-09-24 — Donald Trump on Kim Jong Un: “It looks like we'll meet quite soon” _(quoted;"
            ),
            "{md}"
        );
        assert!(md.contains("— Nikki Haley on Mike Pompeo and Donald Trump: “Pompeo needs"), "{md}");
        assert!(md.contains("— Mike Pompeo: there was still work to do _(reported;"), "{md}");
        assert!(md.contains("— Unattributed on North Korea: the visit would not be fruitful"), "{md}");
    }

    #[test]
    fn html_statements_read_speaker_on_whom() {
        let html = render(html::write);
        assert!(
            html.contains("<blockquote><strong>Donald Trump on Kim Jong Un</strong>: “It looks like we&#39;ll meet quite soon”"),
            "{html}"
        );
        assert!(html.contains("<strong>Nikki Haley on Mike Pompeo and Donald Trump</strong>: “Pompeo needs more talks before the President meets Kim &amp; co.”"), "{html}");
        assert!(html.contains("<strong>Mike Pompeo</strong>: there was still work to do"), "{html}");
    }

    #[test]
    fn csv_has_an_about_column() {
        let csv = render(csv::write);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("story,speaker,about,date,kind,text,articles,publishers"));
        assert_eq!(
            lines.next(),
            Some(
                "story-1,Donald Trump,Kim Jong Un,2018-09-24,direct,\"\"\"It looks like we'll meet quite soon,\"\"\",a,Wire"
            )
        );
        assert!(lines.next().is_some_and(|l| l.starts_with("story-1,Nikki Haley,Mike Pompeo; Donald Trump; Kim Jong Un,")));
        assert!(lines.next().is_some_and(|l| l.starts_with("story-1,Mike Pompeo,,2018-09-24,indirect,")));
    }
}
