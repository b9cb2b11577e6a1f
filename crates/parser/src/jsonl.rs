//! Crawler records in JSON Lines (news-please / CC-News style), one article per line.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use storyline_model::{Article, DateOrigin, Paragraph, ParagraphRole, Span, Warning};

use crate::layout::{self, Meta};
use crate::{ParseError, ParseOptions, assemble, dates, decode};

/// The fields storyline reads; every other field is ignored. A field of the wrong type (a
/// number for `title`, an array for `url`) is ignored too, and named in `wrong`; when a field
/// comes twice (or under two of its names, `title` and `headline`), the first value counts.
#[derive(Default)]
struct Record {
    id: Option<String>,
    title: Option<String>,
    maintext: Option<String>,
    text: Option<String>,
    description: Option<String>,
    date_publish: Option<String>,
    date_modify: Option<String>,
    authors: Vec<String>,
    /// `byline` or `author`: one more name.
    byline: Option<String>,
    publisher: Option<String>,
    source_domain: Option<String>,
    url: Option<String>,
    language: Option<String>,
    /// What was ignored for its type: `field `title` is a number, not a string: ignored`.
    wrong: Vec<String>,
}

/// The keys read, each with its name in the record (aliases included).
#[derive(Clone, Copy)]
enum Key {
    Id,
    Title(&'static str),
    Maintext,
    Text,
    Description(&'static str),
    DatePublish(&'static str),
    DateModify(&'static str),
    Authors,
    Byline(&'static str),
    Publisher,
    SourceDomain,
    Url,
    Language,
    Other,
}

impl Key {
    fn of(key: &str) -> Key {
        match key {
            "id" => Key::Id,
            "title" => Key::Title("title"),
            "headline" => Key::Title("headline"),
            "maintext" => Key::Maintext,
            "text" => Key::Text,
            "description" => Key::Description("description"),
            "summary" => Key::Description("summary"),
            "date_publish" => Key::DatePublish("date_publish"),
            "date" => Key::DatePublish("date"),
            "published" => Key::DatePublish("published"),
            "date_modify" => Key::DateModify("date_modify"),
            "updated" => Key::DateModify("updated"),
            "authors" => Key::Authors,
            "byline" => Key::Byline("byline"),
            "author" => Key::Byline("author"),
            "publisher" => Key::Publisher,
            "source_domain" => Key::SourceDomain,
            "url" => Key::Url,
            "language" => Key::Language,
            _ => Key::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key::of(v))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// A JSON value read as a field of a record: a string (a number too, when `numbers` says so),
/// null, or something else — described, and skipped without failing the record.
enum Value {
    Text(String),
    Null,
    Wrong(&'static str),
}

/// Reads one field's value as a [`Value`]; `numbers` accepts a number as its text (ids).
struct ValueSeed {
    numbers: bool,
}

impl<'de> de::DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Text(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value, E> {
        Ok(Value::Wrong("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(if self.numbers { Value::Text(v.to_string()) } else { Value::Wrong("a number") })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(if self.numbers { Value::Text(v.to_string()) } else { Value::Wrong("a number") })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(if self.numbers { Value::Text(v.to_string()) } else { Value::Wrong("a number") })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Wrong("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Wrong("an object"))
    }
}

/// `authors`: one string, or an array whose strings are the names (nulls skipped; other
/// items counted); or what it was instead.
struct AuthorsSeed;

/// The names, and how many items of the list were no names; or what `authors` was instead.
type Authors = Result<(Vec<String>, usize), &'static str>;

impl<'de> de::DeserializeSeed<'de> for AuthorsSeed {
    type Value = Authors;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AuthorsSeed {
    type Value = Authors;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name or a list of names")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let (mut names, mut other) = (Vec::new(), 0);
        while let Some(v) = seq.next_element_seed(ValueSeed { numbers: false })? {
            match v {
                Value::Text(s) => names.push(s),
                Value::Null => {}
                Value::Wrong(_) => other += 1,
            }
        }
        Ok(Ok((names, other)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ok((vec![v.to_string()], 0)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Ok((vec![v], 0)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok((Vec::new(), 0)))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Ok((Vec::new(), 0)))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err("an object"))
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Record, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object (one article record)")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut r = Record::default();
        let mut authors_seen = false;
        while let Some(key) = map.next_key::<Key>()? {
            let (slot, name) = match key {
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                Key::Authors => {
                    match map.next_value_seed(AuthorsSeed)? {
                        Ok((names, other)) => {
                            if other > 0 {
                                r.wrong
                                    .push(format!("{other} item(s) of `authors` that are no names ignored"));
                            }
                            if !authors_seen {
                                authors_seen = true;
                                r.authors = names;
                            }
                        }
                        Err(what) => r.wrong.push(wrong_type("authors", what)),
                    }
                    continue;
                }
                Key::Id => (&mut r.id, "id"),
                Key::Title(n) => (&mut r.title, n),
                Key::Maintext => (&mut r.maintext, "maintext"),
                Key::Text => (&mut r.text, "text"),
                Key::Description(n) => (&mut r.description, n),
                Key::DatePublish(n) => (&mut r.date_publish, n),
                Key::DateModify(n) => (&mut r.date_modify, n),
                Key::Byline(n) => (&mut r.byline, n),
                Key::Publisher => (&mut r.publisher, "publisher"),
                Key::SourceDomain => (&mut r.source_domain, "source_domain"),
                Key::Url => (&mut r.url, "url"),
                Key::Language => (&mut r.language, "language"),
            };
            match map.next_value_seed(ValueSeed { numbers: matches!(key, Key::Id) })? {
                Value::Text(v) => {
                    if slot.is_none() {
                        *slot = Some(v);
                    }
                }
                Value::Null => {}
                Value::Wrong(what) => r.wrong.push(wrong_type(name, what)),
            }
        }
        Ok(r)
    }
}

fn wrong_type(field: &str, what: &str) -> String {
    format!("field `{field}` is {what}, not a string: ignored")
}

/// `line` with every lone UTF-16 surrogate escape (`\ud800` not followed by a trailing
/// surrogate's escape, or `\udc00` not after a leading one) written `\ufffd`, and how many
/// there were; `None` when there is none. JSON has backslashes only in strings, as escapes.
fn replace_lone_surrogates(line: &str) -> Option<(String, usize)> {
    let b = line.as_bytes();
    let unit = |i: usize| -> Option<u16> {
        let hex = b.get(i..i + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = String::new();
    let (mut copied, mut i, mut lone) = (0, 0, 0);
    while let Some(at) = memchr::memchr(b'\\', &b[i..]) {
        let k = i + at;
        match unit(k) {
            Some(0xD800..=0xDBFF) if matches!(unit(k + 6), Some(0xDC00..=0xDFFF)) => i = k + 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(&line[copied..k]);
                out.push_str("\\ufffd");
                lone += 1;
                i = k + 6;
                copied = i;
            }
            Some(_) => i = k + 6,
            // `\\`, `\"`, `\n`, … (or a broken escape, which the JSON parser reports)
            None => i = (k + 2).min(b.len()),
        }
    }
    (lone > 0).then(|| {
        out.push_str(&line[copied..]);
        (out, lone)
    })
}

/// Parse one record; a record whose only fault is lone surrogate escapes is read with each
/// one as U+FFFD (with a warning).
fn read_record(
    json: &str,
    path: &str,
    line: usize,
    warnings: &mut Vec<Warning>,
) -> Result<Record, ParseError> {
    let err = match serde_json::from_str::<Record>(json) {
        Ok(r) => return Ok(r),
        Err(e) => e,
    };
    if memchr::memmem::find(json.as_bytes(), b"\\u").is_some()
        && let Some((fixed, lone)) = replace_lone_surrogates(json)
        && let Ok(r) = serde_json::from_str::<Record>(&fixed)
    {
        warnings.push(Warning::new(
            "lone-surrogate",
            format!("{path}:{line}: {lone} lone UTF-16 surrogate escape(s) (such as \\ud800) read as U+FFFD"),
        ));
        return Ok(r);
    }
    Err(ParseError::Json { path: path.to_string(), line, message: err.to_string() })
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
    // The line as JSON text: NUL and C0 controls removed, but U+2028 and the other characters
    // JSON allows raw in strings left for the strings' own cleaning below.
    let decoded = decode::decode_json_line(line_bytes, &mut warnings);
    let rec = read_record(decoded.trim(), path, line, &mut warnings)?;
    for wrong in &rec.wrong {
        warnings.push(Warning::new("bad-field", format!("{path}:{line}: {wrong}")));
    }
    // The strings as they were escaped: control characters and separators cleaned like a
    // text file's.
    let mut clean = |s: Option<String>| s.map(|s| decode(s.as_bytes(), &mut warnings));
    let main = clean(rec.maintext.or(rec.text)).unwrap_or_default();
    let (title, description) = (clean(rec.title), clean(rec.description));
    if main.trim().is_empty() {
        return Err(ParseError::NoText { path: path.to_string(), line });
    }
    let id = match rec.id {
        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
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
    meta.title = push_head(&mut text, title.as_deref(), ParagraphRole::Title);
    meta.standfirst = push_head(&mut text, description.as_deref(), ParagraphRole::Standfirst);
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
    paragraphs.extend(layout::paragraphs(&text, Span::new(body_start, text.len()), false, &mut meta));

    for (value, updated) in [(&rec.date_publish, false), (&rec.date_modify, true)] {
        let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { continue };
        match dates::parse_date_line(v).and_then(|d| d.stamp()) {
            Some(s) if updated => meta.updated = Some(s),
            Some(s) => {
                meta.published = Some(s);
                meta.published_source = Some(DateOrigin::Record);
            }
            None => warnings
                .push(Warning::new("bad-date", format!("{path}:{line}: unreadable date {v:?} ignored"))),
        }
    }
    let mut authors = rec.authors;
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

    fn one(line: &str) -> Article {
        let opts = ParseOptions::default();
        parse_jsonl_record(line.as_bytes(), "feed", "feed.jsonl", 3, &opts).expect("the record is read")
    }

    fn field_warnings(a: &Article) -> Vec<&str> {
        a.warnings.iter().filter(|w| w.code == "bad-field").map(|w| w.message.as_str()).collect()
    }

    /// Issue 20, item 10: an optional field of the wrong type is ignored with a warning naming
    /// it, and the rest of the record is read.
    #[test]
    fn a_field_of_the_wrong_type_is_ignored_not_the_record() {
        let a = one(r#"{"title": 5, "maintext": "The talks went on, Kim said.", "url": "https://x.com/a"}"#);
        assert_eq!((a.title.as_deref(), a.text.as_str()), (None, "The talks went on, Kim said."));
        assert_eq!(a.url.as_deref(), Some("https://x.com/a"));
        assert_eq!(field_warnings(&a), ["feed.jsonl:3: field `title` is a number, not a string: ignored"]);

        let a = one(
            r#"{"title": "Talks", "maintext": "Body.", "date_publish": 1537784820, "url": ["https://x.com/2013/05/03/a"]}"#,
        );
        assert_eq!(a.title.as_deref(), Some("Talks"));
        assert_eq!((a.published, a.url.as_deref()), (None, None));
        assert_eq!(a.source, "feed.jsonl:3");
        assert_eq!(
            field_warnings(&a),
            [
                "feed.jsonl:3: field `date_publish` is a number, not a string: ignored",
                "feed.jsonl:3: field `url` is an array, not a string: ignored",
            ]
        );

        let a = one(
            r#"{"id": {"x": 1}, "headline": true, "summary": [1, [2]], "authors": 7, "byline": null, "language": {"code": "en"}, "publisher": 1.5, "maintext": "Body."}"#,
        );
        assert_eq!((a.id.as_str(), a.title.as_deref(), a.standfirst.as_deref()), ("feed-L3", None, None));
        assert!(a.authors.is_empty() && a.language.is_none());
        let named: Vec<&str> =
            field_warnings(&a).iter().map(|m| m.split('`').nth(1).unwrap_or_default()).collect();
        assert_eq!(named, ["id", "headline", "summary", "authors", "language", "publisher"]);

        // A list of authors with something else in it keeps its names; numbers are ids.
        let a = one(r#"{"id": 42, "authors": ["Jane Doe", null, 3, "John Roe"], "maintext": "Body."}"#);
        assert_eq!(a.id, "42");
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(field_warnings(&a), ["feed.jsonl:3: 1 item(s) of `authors` that are no names ignored"]);
        // A field given twice (or under two names): the first counts, and the record is read.
        let a = one(r#"{"title": "First", "headline": "Second", "title": "Third", "maintext": "Body."}"#);
        assert_eq!(a.title.as_deref(), Some("First"));
        // Text of the wrong type is still no text; a record that is no object is malformed.
        let opts = ParseOptions::default();
        let e = parse_jsonl_record(br#"{"maintext": 5}"#, "f", "f.jsonl", 1, &opts).unwrap_err();
        assert!(matches!(e, ParseError::NoText { .. }), "{e}");
        let e = parse_jsonl_record(b"[1, 2]", "f", "f.jsonl", 1, &opts).unwrap_err();
        assert!(e.to_string().starts_with("f.jsonl:1: malformed JSON record: invalid type"), "{e}");
    }

    /// Issue 20, item 10: a lone surrogate escape reads as U+FFFD, with a warning; pairs stay.
    #[test]
    fn lone_surrogate_escapes_become_replacement_characters() {
        let a = one(r#"{"title": "A \ud800 b", "maintext": "x \udc00\ud83d\ude00 \\ud800 y\ud800"}"#);
        assert_eq!(a.title.as_deref(), Some("A \u{FFFD} b"));
        assert!(a.text.ends_with("x \u{FFFD}\u{1F600} \\ud800 y\u{FFFD}"), "{:?}", a.text);
        let w: Vec<_> = a.warnings.iter().filter(|w| w.code == "lone-surrogate").collect();
        assert_eq!(w.len(), 1, "{:?}", a.warnings);
        assert!(w[0].message.contains("3 lone UTF-16 surrogate escape(s)"), "{}", w[0].message);
        // Nothing to replace: the error stands.
        let opts = ParseOptions::default();
        let e = parse_jsonl_record(br#"{"maintext": "\u12"}"#, "f", "f.jsonl", 1, &opts).unwrap_err();
        assert!(e.to_string().contains("malformed JSON record"), "{e}");
        assert_eq!(replace_lone_surrogates(r#"{"a": "\ud83d\ude00 \\ud800 \u0041"}"#), None);
        assert_eq!(
            replace_lone_surrogates(r#""\ud800\ud800\udc00\"#),
            Some((r#""\ufffd\ud800\udc00\"#.into(), 1))
        );
    }

    /// Issue 20, item 10: the strings of a record are cleaned like a text file: C1 controls
    /// removed, U+2028 and U+2029 (raw or escaped) made line ends, with the spans on the
    /// cleaned text.
    #[test]
    fn record_strings_are_cleaned_like_text() {
        let a =
            one("{\"title\": \"Head\\u0085line\", \"maintext\": \"One.\u{2028}Two\\u2029three \\u009f.\"}");
        assert_eq!(a.title.as_deref(), Some("Headline"));
        assert_eq!(a.text, "Headline\n\nOne.\nTwo\nthree .");
        assert!(a.warnings.iter().any(|w| w.code == "control-chars"), "{:?}", a.warnings);
        assert!(a.span_errors().is_empty());
    }
}
