//! Page layout of scraped text: which lines are the headline, the standfirst, metadata
//! (dates, bylines, credits), body paragraphs, photo captions and page boilerplate.

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::{DateOrigin, DateStamp, Dateline, NEWS_AGENCIES, Paragraph, ParagraphRole, Span};

use crate::dates::{self, DateRole, MONTH, MetaDate};
use crate::{segment, url};

/// Names of the wire services and outlets recognised in credits such as `(Yonhap)` or `— Reuters`
/// (all of [`NEWS_AGENCIES`]).
pub(crate) fn agency_names() -> impl Iterator<Item = &'static str> {
    NEWS_AGENCIES.iter().map(|a| a.name)
}

/// Metadata gathered while laying out the page.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub standfirst: Option<String>,
    pub published: Option<DateStamp>,
    pub published_source: Option<DateOrigin>,
    pub updated: Option<DateStamp>,
    pub lone_times: Vec<MetaDate>,
    pub authors: Vec<String>,
    /// Publisher candidates with their strength (higher wins): 4 a record's publisher field,
    /// 3 a byline's outlet, 2 a dateline or closing wire credit, 1 a credit line or the
    /// record's domain, 0 a photo credit.
    pub publishers: Vec<(u8, String)>,
    pub dateline: Option<Dateline>,
}

impl Meta {
    pub fn add_publisher(&mut self, strength: u8, name: &str) {
        let name = name.trim();
        if !name.is_empty() {
            self.publishers.push((strength, name.to_string()));
        }
    }

    /// The strongest publisher candidate (first seen among equals).
    pub fn publisher(&self) -> Option<String> {
        let best = self.publishers.iter().map(|(s, _)| *s).max()?;
        self.publishers.iter().find(|(s, _)| *s == best).map(|(_, n)| n.clone())
    }

    fn add_date(&mut self, d: MetaDate) {
        match (d.stamp(), d.role) {
            (Some(s), DateRole::Published) if self.published.is_none() => {
                self.published = Some(s);
                self.published_source = Some(DateOrigin::Text);
            }
            (Some(s), DateRole::Updated) if self.updated.is_none() => self.updated = Some(s),
            (Some(_), _) => {}
            (None, _) => self.lone_times.push(d),
        }
    }

    /// When the text and record gave no publication date, the date of the article's URL, else
    /// that of its file's name (`file_name`, for an input holding one article).
    pub fn date_from_address(&mut self, file_name: Option<&str>) {
        if self.published.is_some() {
            return;
        }
        let found = (self.url.as_deref().and_then(url::date_from_url).map(|d| (d, DateOrigin::Url)))
            .or_else(|| file_name.and_then(url::date_from_file_name).map(|d| (d, DateOrigin::FileName)));
        if let Some((date, origin)) = found {
            self.published = Some(date);
            self.published_source = Some(origin);
        }
    }

    /// Give lone times ("Published 10:02 GMT") the date of the page; then, with no publication
    /// date still, take the update's.
    pub fn finish_dates(&mut self) {
        let base = self.published.or(self.updated);
        for t in std::mem::take(&mut self.lone_times) {
            let Some(base) = base else { continue };
            let stamp = dates::attach(base, t.time, t.offset_minutes);
            match t.role {
                DateRole::Published if self.published.is_none_or(|p| p.time.is_none()) => {
                    // (the time is the text's; the date the page's, or the update's)
                    self.published_source = self.published_source.or(Some(DateOrigin::Text));
                    self.published = Some(stamp);
                }
                DateRole::Updated if self.updated.is_none() => self.updated = Some(stamp),
                _ => {}
            }
        }
        if self.published.is_none()
            && let Some(u) = self.updated
        {
            self.published = Some(u);
            self.published_source = Some(DateOrigin::Updated);
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Prose,
    Date,
    Byline,
    Credit,
    Caption,
    Boilerplate,
}

#[derive(Clone, Copy, Debug)]
struct Line {
    span: Span,
    /// Index of the blank-line-separated block the line is in.
    block: usize,
    kind: Kind,
}

/// The paragraphs of `text[region]` in text order, each with its role (headline, body, caption…);
/// `detect_head` says whether to look for a headline and standfirst.
pub(crate) fn paragraphs(text: &str, region: Span, detect_head: bool, meta: &mut Meta) -> Vec<Paragraph> {
    let mut lines = lines(text, region);
    if detect_head {
        mark_head_dates(text, &mut lines);
    }
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(lines.len() + 1);
    let blank_separated = lines.last().is_some_and(|l| l.block > 0);
    let groups = group_lines(text, &lines, blank_separated);

    // Headline: the first prose paragraph, when it looks like one.
    let (head_title, head_standfirst) =
        if detect_head { head_paragraphs(text, &groups, blank_separated) } else { (None, None) };

    let mut first_body = true;
    for (i, &(kind, span, _)) in groups.iter().enumerate() {
        let s = span.slice(text);
        let role = match kind {
            Kind::Prose if Some(i) == head_title => {
                meta.title = Some(collapse(s));
                ParagraphRole::Title
            }
            Kind::Prose if Some(i) == head_standfirst => {
                meta.standfirst = Some(collapse(s));
                ParagraphRole::Standfirst
            }
            Kind::Prose if head_title.is_some_and(|t| i < t) => ParagraphRole::Metadata,
            Kind::Prose => ParagraphRole::Body,
            Kind::Date => {
                if let Some(d) = dates::parse_date_line(s).or_else(|| dates::parse_date_prefix(s)) {
                    meta.add_date(d);
                }
                ParagraphRole::Metadata
            }
            Kind::Byline => {
                byline(s, meta);
                ParagraphRole::Metadata
            }
            Kind::Credit => {
                if let Some(c) = CREDIT_LINE.captures(s) {
                    let a = c.name("a").or(c.name("b")).or(c.name("c")).map_or("", |m| m.as_str());
                    meta.add_publisher(1, a);
                }
                ParagraphRole::Metadata
            }
            Kind::Caption => ParagraphRole::Caption,
            Kind::Boilerplate => ParagraphRole::Boilerplate,
        };
        // A trailing wire credit "(Yonhap)" becomes its own metadata span.
        let mut main = span;
        let mut credit_span = None;
        if matches!(role, ParagraphRole::Body | ParagraphRole::Caption)
            && may_end_in_credit(s)
            && let Some(c) = TRAILING_CREDIT.captures(s)
        {
            let whole = c.get(0).map_or(0..0, |m| m.range());
            if whole.start > 0 {
                let name = c.name("a").or(c.name("b")).map_or("", |m| m.as_str());
                // A caption's credit is the photo's, a weak hint of the article's publisher.
                meta.add_publisher(if role == ParagraphRole::Caption { 0 } else { 2 }, name);
                main = Span::new(span.start, span.start + whole.start);
                let lead = s[whole.clone()].len() - s[whole.clone()].trim_start().len();
                credit_span = Some(Span::new(span.start + whole.start + lead, span.end));
            }
        }
        if role == ParagraphRole::Body && first_body {
            first_body = false;
            dateline(text, main, meta);
        }
        paragraphs.push(Paragraph::new(role, main, text));
        if let Some(c) = credit_span {
            paragraphs.push(Paragraph::new(ParagraphRole::Metadata, c, text));
        }
    }
    paragraphs
}

/// The page's head may hold a line opening with a date that goes on (`21 July 2013 Last updated
/// at 11:11 GMT`): a date line, not the headline or the body.
fn mark_head_dates(text: &str, lines: &mut [Line]) {
    for line in lines.iter_mut().take(HEAD_LINES).filter(|l| l.kind == Kind::Prose) {
        if may_be_date_line(line.span.slice(text))
            && dates::parse_date_prefix(line.span.slice(text)).is_some()
        {
            line.kind = Kind::Date;
        }
    }
}

/// Consecutive lines grouped into paragraphs: `(kind, span, block)`.
fn group_lines(text: &str, lines: &[Line], blank_separated: bool) -> Vec<(Kind, Span, usize)> {
    // Group consecutive prose lines of a block that wrap (no terminal punctuation) into one
    // paragraph. A page without blank lines has a paragraph a line: there a line only continues
    // the one before when it starts in lower case (a headline, a date line in a form not read
    // or a sentence without its period is not the start of the next line's paragraph).
    let mut groups: Vec<(Kind, Span, usize)> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(last) = groups.last_mut()
            && last.0 == Kind::Prose
            && line.kind == Kind::Prose
            && last.2 == line.block
            && !ends_paragraph(last.1.slice(text))
            && (blank_separated || line.span.slice(text).starts_with(char::is_lowercase))
        {
            last.1.end = line.span.end;
            continue;
        }
        groups.push((line.kind, line.span, line.block));
    }
    groups
}

/// The headline (the first prose paragraph, when it looks like one) and the standfirst among
/// `groups`, by index.
fn head_paragraphs(
    text: &str,
    groups: &[(Kind, Span, usize)],
    blank_separated: bool,
) -> (Option<usize>, Option<usize>) {
    let mut head_title: Option<usize> = None;
    let mut head_standfirst: Option<usize> = None;
    // (the headline has a letter: a prose line without one before it, `11 / 28 / 05`, is
    // metadata once a headline is found)
    let with_letter =
        |g: &(Kind, Span, usize)| g.0 == Kind::Prose && g.1.slice(text).chars().any(char::is_alphabetic);
    if let Some(first) = groups.iter().position(with_letter) {
        let (_, span, block) = groups[first];
        let s = span.slice(text);
        // (`split_whitespace().count()` as far as the tests below need: above 25 is too many,
        // and a paragraph of more than 250 bytes is no headline whatever its words)
        let words = if s.len() <= 250 { segment::count_words_upto(s, 25) } else { usize::MAX };
        let alone = groups.get(first + 1).is_none_or(|g| g.2 != block) || !blank_separated;
        let headline_like = words <= 25
            && s.len() <= 250
            && !s.contains('\n')
            // A capital, or a letter of a script without case (Hangul, CJK, Arabic…).
            && s.starts_with(|c: char| {
                (c.is_alphabetic() && !c.is_lowercase()) || c.is_ascii_digit() || "\"'“‘".contains(c)
            })
            && !DATELINE.is_match(s)
            && (!s.ends_with('.') || (blank_separated && alone && words <= 15));
        let more_prose = groups[first + 1..].iter().any(|g| g.0 == Kind::Prose);
        if headline_like && alone && more_prose {
            head_title = Some(first);
            // Standfirst: the single prose paragraph between the headline and a metadata block.
            let next_meta = groups[first + 1..].iter().position(|g| matches!(g.0, Kind::Date | Kind::Byline));
            if let Some(m) = next_meta {
                let between: Vec<usize> =
                    (first + 1..first + 1 + m).filter(|&i| groups[i].0 == Kind::Prose).collect();
                let body_after = groups[first + 1 + m..].iter().any(|g| g.0 == Kind::Prose);
                if between.len() == 1 && body_after {
                    head_standfirst = Some(between[0]);
                }
            }
        }
    }
    (head_title, head_standfirst)
}

/// Non-empty lines of the region, trimmed, with their block index and kind.
fn lines(text: &str, region: Span) -> Vec<Line> {
    // About one line per 128 bytes (the PolNeAR texts: one non-empty line per 220).
    let mut out = Vec::with_capacity(region.len() / 128 + 4);
    let mut block = 0;
    let mut blank_since_last = false;
    let mut pos = region.start;
    let body = region.slice(text);
    // `body.split('\n')` with the memchr crate's vectorised search.
    let mut line_start = 0;
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len()));
    for line_end in ends {
        let raw = &body[line_start..line_end];
        line_start = line_end + 1;
        let start = pos;
        pos += raw.len() + 1;
        let t = raw.trim_start();
        let trimmed_start = raw.len() - t.len();
        let t = t.trim_end();
        if t.is_empty() {
            blank_since_last = true;
            continue;
        }
        if blank_since_last && !out.is_empty() {
            block += 1;
        }
        blank_since_last = false;
        let s = start + trimmed_start;
        out.push(Line { span: Span::new(s, s + t.len()), block, kind: classify(t) });
    }
    out
}

fn ends_paragraph(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ')', '…'])
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;

// The parts, each in its own file.
mod byline_dateline;
mod classify;
mod patterns;
use byline_dateline::*;
use classify::*;
pub(crate) use patterns::*;
