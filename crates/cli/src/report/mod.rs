//! Human-readable reports of an analysis: Markdown, self-contained HTML, and CSV.

pub mod csv;
pub mod html;
pub mod markdown;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use storyline_analyzer::story::ArticleSummary;
use storyline_model::{Statement, Story};

use crate::analyze::ErrorRecord;

/// Everything a report shows.
pub struct Report<'a> {
    /// The articles, summarised.
    pub summaries: &'a [ArticleSummary],
    /// The stories built.
    pub stories: &'a [Story],
    /// The inputs and stories that failed.
    pub errors: &'a [ErrorRecord],
    /// Index in `summaries` of the first article with each id.
    by_id: HashMap<&'a str, usize>,
}

impl<'a> Report<'a> {
    /// A report of these articles, stories and errors.
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

/// Each story written by `write_story`, first into a buffer under a guard: a story whose
/// writing panics (a bug met on some input) is left out of the report and returned as an error
/// (`story-7: internal error while writing the story: …`); the others are written.
pub fn write_stories(
    r: &Report,
    w: &mut dyn Write,
    write_story: fn(&Report, &Story, &mut Vec<u8>) -> anyhow::Result<()>,
) -> anyhow::Result<Vec<ErrorRecord>> {
    let mut unwritten = Vec::new();
    let mut buf = Vec::new();
    for story in r.stories {
        buf.clear();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write_story(r, story, &mut buf))) {
            Ok(written) => {
                written?;
                w.write_all(&buf)?;
            }
            Err(payload) => {
                let message = storyline_analyzer::story::panic_message(&*payload);
                unwritten.push(ErrorRecord::internal(&story.id, None, "writing the story", &message));
            }
        }
    }
    Ok(unwritten)
}

/// Whether a statement reports words said or written ("who said what" lists those; thoughts,
/// beliefs, findings and stances are shown apart, marked).
pub fn words_said(s: &Statement) -> bool {
    matches!(s.act, storyline_model::QuoteAct::Speech | storyline_model::QuoteAct::Writing)
}

/// How a report marks a statement that is not words said: "thought" or "other".
pub fn act_label(s: &Statement) -> &'static str {
    match s.act {
        storyline_model::QuoteAct::Speech => "said",
        storyline_model::QuoteAct::Writing => "wrote",
        storyline_model::QuoteAct::Thought => "thought",
        storyline_model::QuoteAct::Other => "other",
    }
}

/// A story's statements grouped by speaker (named speakers by number of statements, then
/// unattributed ones last), each speaker's statements by date: the words said or written with
/// `said` true, the thoughts and other acts with `said` false.
pub fn by_speaker(story: &Story, said: bool) -> Vec<(Option<&str>, Vec<&Statement>)> {
    let mut groups: BTreeMap<Option<&str>, Vec<&Statement>> = BTreeMap::new();
    for s in story.statements.iter().filter(|s| words_said(s) == said) {
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

/// Who spoke on whom, as a statement's line opens in "who said what": the speaker (or the
/// words naming an unidentified one, "industry analysts", or "Unattributed"), then " on " and the first one or two names it is about ("Donald Trump on
/// Kim Jong Un", "Nikki Haley on Mike Pompeo and Kim Jong Un", "Mike Pompeo").
pub fn who_on(s: &Statement) -> String {
    let mut who =
        s.speaker.clone().or_else(|| s.speaker_words.clone()).unwrap_or_else(|| "Unattributed".to_string());
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
            speaker_words: None,
            about: about.iter().map(|s| s.to_string()).collect(),
            text: text.into(),
            kind,
            act: storyline_model::QuoteAct::Speech,
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

    type Writer = fn(&Report, &mut dyn std::io::Write) -> anyhow::Result<Vec<ErrorRecord>>;

    fn render(write: Writer) -> String {
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
        let mut named = s.statements[3].clone();
        named.speaker_words = Some("industry analysts".into());
        assert_eq!(who_on(&named), "industry analysts on North Korea");
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
    fn thoughts_are_shown_apart_and_marked() {
        let mut s = story();
        let mut t = statement(Some("Kim Jong Un"), &[], "the talks will succeed", QuoteKind::Indirect);
        t.act = storyline_model::QuoteAct::Thought;
        s.statements.push(t);
        let said: Vec<&str> = by_speaker(&s, true).into_iter().filter_map(|(n, _)| n).collect();
        assert!(!said.contains(&"Kim Jong Un"), "{said:?}");
        let thought = by_speaker(&s, false);
        assert_eq!(thought.len(), 1);
        assert_eq!(thought[0].0, Some("Kim Jong Un"));
        assert_eq!(act_label(thought[0].1[0]), "thought");
    }

    #[test]
    fn csv_has_an_about_column() {
        let csv = render(csv::write);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("story,speaker,about,date,kind,act,text,articles,publishers"));
        assert_eq!(
            lines.next(),
            Some(
                "story-1,Donald Trump,Kim Jong Un,2018-09-24,direct,speech,\"\"\"It looks like we'll meet quite soon,\"\"\",a,Wire"
            )
        );
        assert!(lines.next().is_some_and(|l| l.starts_with("story-1,Nikki Haley,Mike Pompeo; Donald Trump; Kim Jong Un,")));
        assert!(
            lines.next().is_some_and(|l| l.starts_with("story-1,Mike Pompeo,,2018-09-24,indirect,speech,"))
        );
    }

    /// Strings an attacker controls: article text, titles, ids, publishers, error reasons.
    const IMG: &str = "<img src=x onerror=alert(1)>";
    const SCRIPT: &str = "<script>alert(2)</script> & **bold** [link](javascript:alert(3)) ~~x~~ #tag";
    const ID_NEWLINE: &str = "evil\n# Injected heading";
    const ID_TICKS: &str = "a`b``c";
    const PUBLISHER: &str = "Wire\n## Pwned publisher\n- item";
    const BIDI: &str = "txt.\u{202E}exe.\u{2066}gpj\u{2069}";
    const ESCAPE: &str = "red\u{1b}[31mtext\u{7}";

    fn summary(id: &str, title: &str, publisher: &str) -> ArticleSummary {
        ArticleSummary {
            id: id.into(),
            title: Some(title.into()),
            publisher: Some(publisher.into()),
            published: Some("2018-09-24".into()),
            entities: vec![],
            quotes: vec![],
            events: vec![],
            terms: vec![],
        }
    }

    fn hostile_story() -> Story {
        let mut s = story();
        s.id = "story-1".into();
        s.title = format!("{IMG} {BIDI}");
        s.articles = vec![ID_NEWLINE.into(), ID_TICKS.into()];
        s.statements[0].text = format!("\"{SCRIPT} {BIDI} {ESCAPE}\"");
        s.statements[0].speaker = Some(format!("Donald {IMG}"));
        s.statements[0].articles = vec![ID_NEWLINE.into()];
        s.statements[1].text = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
        s.statements[1].speaker = Some("@SUM(A1:A2)".into());
        s.statements[1].about = vec!["-2+3".into()];
        s.statements[2].text = "+cmd|' /C calc'!A0".into();
        s.timeline[0].text = format!("{IMG}\n| injected | cell |\n{BIDI}");
        s.timeline[0].articles = vec![ID_TICKS.into()];
        s.entities = vec![storyline_model::StoryEntity {
            name: format!("Kim {IMG}"),
            kind: storyline_model::EntityType::Person,
            aliases: vec![ID_NEWLINE.into()],
            roles: vec![BIDI.into()],
            articles: vec![ID_TICKS.into()],
            mentions: 3,
        }];
        s
    }

    fn render_hostile(write: Writer) -> String {
        let summaries =
            [summary(ID_NEWLINE, IMG, PUBLISHER), summary(ID_TICKS, &format!("# {SCRIPT}"), BIDI)];
        let stories = [hostile_story()];
        let errors = [ErrorRecord {
            source: "bad`name\n# heading.jsonl".into(),
            line: Some(3),
            reason: format!("malformed JSON record: {IMG} {ESCAPE}"),
        }];
        let report = Report::new(&summaries, &stories, &errors);
        let mut out = Vec::new();
        let unwritten = write(&report, &mut out).expect("written");
        assert!(unwritten.is_empty());
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn markdown_escapes_every_field_from_the_input() {
        let md = render_hostile(markdown::write);
        // No raw HTML, whatever the field.
        for raw in ["<img", "<script", "</script"] {
            assert!(!md.contains(raw), "{raw} in\n{md}");
        }
        assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
        // No heading, list item or table row but the report's own: a newline in an id or a
        // publisher is a space.
        for line in md.lines() {
            if line.starts_with('#') {
                assert!(
                    line == "# storyline report"
                        || line.starts_with("## &lt;img")
                        || line.starts_with("### ")
                        || line == "## Inputs that could not be read",
                    "injected heading {line:?} in\n{md}"
                );
            }
            assert!(!line.contains("Injected heading") || !line.starts_with("# "), "{line}");
        }
        assert!(!md.lines().any(|l| l.starts_with("- item") || l.starts_with("| injected")), "{md}");
        assert!(
            md.contains("— Wire \\#\\# Pwned publisher - item, 2018-09-24 (`evil # Injected heading`)"),
            "{md}"
        );
        // Code spans fenced by more backticks than the id holds.
        assert!(md.contains("```a`b``c```"), "{md}");
        assert!(md.contains("`evil # Injected heading`"), "{md}");
        assert!(md.contains("``bad`name # heading.jsonl`` line 3"), "{md}");
        // Markdown punctuation is literal.
        assert!(
            md.contains("&amp; \\*\\*bold\\*\\* \\[link\\](javascript:alert(3)) \\~\\~x\\~\\~ \\#tag"),
            "{md}"
        );
        // A timeline text cannot open a table cell of its own.
        assert!(md.contains("&lt;img src=x onerror=alert(1)&gt; \\| injected \\| cell \\|"), "{md}");
        // Bidirectional controls and terminal escapes are shown, not obeyed.
        assert!(!md.contains(['\u{202E}', '\u{2066}', '\u{2069}', '\u{1b}', '\u{7}']), "{md}");
        assert!(md.contains("txt.\\u{202e}exe.\\u{2066}gpj\\u{2069}"), "{md}");
        assert!(md.contains("red\\u{1b}\\[31mtext\\u{7}"), "{md}");
    }

    #[test]
    fn markdown_text_and_code_spans() {
        use markdown::{code, text};
        assert_eq!(text("Kim Jong-un said: 2018-09-24."), "Kim Jong-un said: 2018-09-24.");
        assert_eq!(text("- not a list"), "\\- not a list");
        assert_eq!(text("+ not a list"), "\\+ not a list");
        assert_eq!(text("1. not a list"), "1\\. not a list");
        assert_eq!(text("42) not a list"), "42\\) not a list");
        assert_eq!(text("a\r\n\n  b\u{2028}c"), "a b c");
        assert_eq!(text("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(text("back\\slash `tick` _em_"), "back\\\\slash \\`tick\\` \\_em\\_");
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("`start"), "`` `start ``");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("<b>\nx"), "`<b> x`");
        assert_eq!(code(" both "), "`  both  `");
    }

    #[test]
    fn html_escapes_the_same_hostile_fields() {
        let html = render_hostile(html::write);
        for raw in ["<img", "<script", "</script"] {
            assert!(!html.contains(raw), "{raw} in\n{html}");
        }
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; **bold**"), "{html}");
        assert!(!html.contains(['\u{202E}', '\u{2066}', '\u{2069}', '\u{1b}', '\u{7}']), "{html}");
        assert!(html.contains("txt.\\u{202e}exe.\\u{2066}gpj\\u{2069}"), "{html}");
        assert!(html.contains("red\\u{1b}[31mtext\\u{7}"), "{html}");
        // Only the report's own tags.
        let tags: std::collections::BTreeSet<&str> = html
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/']).find(|s| !s.is_empty()).unwrap_or(""))
            .collect();
        let ours = [
            "!DOCTYPE",
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "h1",
            "h2",
            "h3",
            "h4",
            "p",
            "ul",
            "li",
            "span",
            "code",
            "div",
            "blockquote",
            "strong",
            "svg",
            "line",
            "circle",
            "text",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        ];
        for t in tags {
            assert!(ours.contains(&t), "unexpected tag {t:?}");
        }
    }

    #[test]
    fn csv_cells_that_would_be_formulas_are_quoted() {
        let csv = render_hostile(csv::write);
        assert!(csv.contains("'@SUM(A1:A2),'-2+3,"), "{csv}");
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), "{csv}");
        assert!(csv.contains(",'+cmd|' /C calc'!A0,"), "{csv}");
        // No cell starts with a formula character.
        for line in csv.lines().skip(1) {
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?} in {line}");
            }
        }
    }

    /// A story whose writing panics is left out and named; the others are written.
    #[test]
    fn a_story_that_cannot_be_written_is_named_and_the_others_written() {
        fn one_panics(_: &Report, story: &Story, w: &mut Vec<u8>) -> anyhow::Result<()> {
            use std::io::Write;
            writeln!(w, "start of {}", story.id)?;
            if story.id == "story-2" {
                panic!("a bug in the writer");
            }
            writeln!(w, "end of {}", story.id)?;
            Ok(())
        }
        let stories: Vec<Story> = (1..=3)
            .map(|n| {
                let mut s = story();
                s.id = format!("story-{n}");
                s
            })
            .collect();
        let report = Report::new(&[], &stories, &[]);
        let mut out = Vec::new();
        let unwritten = write_stories(&report, &mut out, one_panics).expect("written");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "start of story-1\nend of story-1\nstart of story-3\nend of story-3\n"
        );
        assert_eq!(
            unwritten,
            [ErrorRecord {
                source: "story-2".into(),
                line: None,
                reason: "internal error while writing the story: a bug in the writer".into()
            }]
        );
    }
}
