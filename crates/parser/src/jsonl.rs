//! Crawler records in JSON Lines (news-please / CC-News style), one article per line.

use serde::Deserialize;
use storyline_model::{Article, DateOrigin, Paragraph, ParagraphRole, Span};

use crate::layout::{self, Meta};
use crate::{ParseError, ParseOptions, assemble, dates, decode};

#[derive(Deserialize)]
#[serde(untagged)]
enum Authors {
    List(Vec<Option<String>>),
    One(String),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// The fields storyline reads; every other field is ignored.
#[derive(Deserialize)]
struct Record {
    id: Option<Id>,
    #[serde(alias = "headline")]
    title: Option<String>,
    maintext: Option<String>,
    text: Option<String>,
    #[serde(alias = "summary")]
    description: Option<String>,
    #[serde(alias = "date", alias = "published")]
    date_publish: Option<String>,
    #[serde(alias = "updated")]
    date_modify: Option<String>,
    authors: Option<Authors>,
    #[serde(alias = "author")]
    byline: Option<String>,
    publisher: Option<String>,
    source_domain: Option<String>,
    url: Option<String>,
    language: Option<String>,
}

/// Parse every line of a JSONL file; blank lines are skipped. `stem` names records without
/// an `id` (`{stem}-L{line}`), `path` is used in errors and sources.
pub fn parse_jsonl<'a>(
    bytes: &'a [u8],
    stem: &'a str,
    path: &'a str,
    opts: &'a ParseOptions,
) -> impl Iterator<Item = Result<Article, ParseError>> + 'a {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
        .map(move |(i, l)| parse_jsonl_record(l, stem, path, i + 1, opts))
}

/// Parse one JSONL record (line number `line`, 1-based).
pub fn parse_jsonl_record(
    line_bytes: &[u8],
    stem: &str,
    path: &str,
    line: usize,
    opts: &ParseOptions,
) -> Result<Article, ParseError> {
    if line_bytes.len() > opts.max_bytes {
        return Err(ParseError::RecordTooLarge {
            path: path.to_string(),
            line,
            size: line_bytes.len(),
            limit: opts.max_bytes,
        });
    }
    let mut warnings = Vec::new();
    let decoded = decode(line_bytes, &mut warnings);
    let rec: Record = serde_json::from_str(decoded.trim()).map_err(|e| ParseError::Json {
        path: path.to_string(),
        line,
        message: e.to_string(),
    })?;
    let main = rec.maintext.as_deref().or(rec.text.as_deref()).unwrap_or("");
    let mut sink = Vec::new();
    let main = decode(main.as_bytes(), &mut sink);
    if main.trim().is_empty() {
        return Err(ParseError::NoText { path: path.to_string(), line });
    }
    let id = match rec.id {
        Some(Id::Text(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Id::Number(n)) => n.to_string(),
        _ => format!("{stem}-L{line}"),
    };
    let source = rec.url.clone().unwrap_or_else(|| format!("{path}:{line}"));

    // The article text: headline, standfirst and body, so every span indexes one string.
    let mut text = String::with_capacity(main.len() + 512);
    let mut meta = Meta::default();
    let mut paragraphs = Vec::new();
    let mut push_head = |text: &mut String, value: Option<&str>, role: ParagraphRole| -> Option<String> {
        let v = value.map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))?;
        if v.is_empty() {
            return None;
        }
        let start = text.len();
        text.push_str(&v);
        paragraphs.push((role, Span::new(start, text.len())));
        text.push_str("\n\n");
        Some(v)
    };
    meta.title = push_head(&mut text, rec.title.as_deref(), ParagraphRole::Title);
    meta.standfirst = push_head(&mut text, rec.description.as_deref(), ParagraphRole::Standfirst);
    let body_start = text.len();
    text.push_str(&main);
    let mut paragraphs: Vec<Paragraph> =
        paragraphs.into_iter().map(|(role, span)| Paragraph::new(role, span, &text)).collect();
    // A standfirst repeated as the body's opening is only the body.
    if let Some(sf) = &meta.standfirst
        && main.trim_start().starts_with(sf.as_str())
    {
        paragraphs.retain(|p| p.role != ParagraphRole::Standfirst);
        meta.standfirst = None;
    }
    paragraphs.extend(layout::lay_out(&text, Span::new(body_start, text.len()), false, &mut meta));

    for (value, updated) in [(&rec.date_publish, false), (&rec.date_modify, true)] {
        let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { continue };
        match dates::parse_date_line(v).and_then(|d| d.stamp()) {
            Some(s) if updated => meta.updated = Some(s),
            Some(s) => {
                meta.published = Some(s);
                meta.published_source = Some(DateOrigin::Record);
            }
            None => warnings.push(storyline_model::Warning::new(
                "bad-date",
                format!("{path}:{line}: unreadable date {v:?} ignored"),
            )),
        }
    }
    let mut authors: Vec<String> = match rec.authors {
        Some(Authors::List(l)) => l.into_iter().flatten().collect(),
        Some(Authors::One(s)) => vec![s],
        None => Vec::new(),
    };
    authors.extend(rec.byline);
    authors.retain(|a| !a.trim().is_empty());
    if !authors.is_empty() {
        meta.authors = authors.into_iter().map(|a| a.trim().to_string()).collect();
    }
    if let Some(p) = rec.publisher {
        meta.add_publisher(4, &p);
    }
    if let Some(d) = rec.source_domain {
        meta.add_publisher(1, &d);
    }
    meta.url = rec.url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    // (a JSONL file holds many articles: its name is no article's date)
    meta.date_from_address(None);
    let language = rec.language.filter(|l| !l.trim().is_empty());
    Ok(assemble(&id, &source, text, paragraphs, meta, warnings, language))
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::DateOrigin;

    #[test]
    fn malformed_line_names_file_and_line_and_others_survive() {
        let data =
            b"{\"title\":\"A\",\"maintext\":\"Body one.\"}\n{oops\n\n{\"text\":\"Body three.\",\"id\":7}\n";
        let opts = ParseOptions::default();
        let out: Vec<_> = parse_jsonl(data, "feed", "feed.jsonl", &opts).collect();
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].as_ref().unwrap().id, "feed-L1");
        let err = out[1].as_ref().unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().starts_with("feed.jsonl:2: malformed JSON record"), "{err}");
        assert_eq!(out[2].as_ref().unwrap().id, "7");
    }

    #[test]
    fn record_dates_beat_the_url_which_beats_the_update() {
        let data = br#"{"maintext":"Body.","url":"https://x.com/2013/may/02/a","date_publish":"2013-05-03"}
{"maintext":"Body.","url":" https://x.com/2013/may/02/a ","date_modify":"2013-05-04"}
{"maintext":"Body.","url":"https://x.com/a","date_modify":"2013-05-04"}
{"maintext":"Body.\nMay 1, 2013\nMore.","url":"https://x.com/2013/may/02/a"}
{"maintext":"Body."}
"#;
        let opts = ParseOptions::default();
        let out: Vec<Article> =
            parse_jsonl(data, "feed", "feed.2013-01-01.jsonl", &opts).map(Result::unwrap).collect();
        let got: Vec<_> = out
            .iter()
            .map(|a| (a.published.map(|d| d.to_string()), a.published_source, a.url.as_deref()))
            .collect();
        let d = |s: &str| Some(s.to_string());
        let u = Some("https://x.com/2013/may/02/a");
        assert_eq!(
            got,
            [
                (d("2013-05-03"), Some(DateOrigin::Record), u),
                (d("2013-05-02"), Some(DateOrigin::Url), u),
                (d("2013-05-04"), Some(DateOrigin::Updated), Some("https://x.com/a")),
                // a date line of the text
                (d("2013-05-01"), Some(DateOrigin::Text), u),
                // no url, and the JSONL file's name is no record's date
                (None, None, None),
            ]
        );
        // The source is still the record's url as given, or the file and line.
        assert_eq!(out[1].source, " https://x.com/2013/may/02/a ");
        assert_eq!(out[4].source, "feed.2013-01-01.jsonl:5");
    }
}
