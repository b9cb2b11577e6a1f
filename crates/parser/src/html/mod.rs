//! HTML pages → [`Article`]s.
//!
//! The main text is found by the `trafilatura` crate (a port of the Python trafilatura, chosen
//! on the article-extraction dev set: see the README), which drops navigation, comments,
//! related links, cookie banners and ads; this module adds what storyline needs on top:
//!
//! * the encoding ([`encoding`]: byte-order mark, HTTP header, `<meta charset>`, detection);
//! * the metadata ([`meta`]): JSON-LD, then OpenGraph / `article:*` and other meta tags, the
//!   canonical link, `<time>` elements and bylines, in that order of trust;
//! * the roles of the paragraphs from the extracted markup ([`blocks`]): the leading `<h1>` (or
//!   a heading repeating the headline) is the title, a heading under it (or repeating the
//!   page's description) the standfirst, `<figcaption>` a caption; the rest is
//!   laid out like any article's body (bylines, datelines, credits and boilerplate lines found
//!   by the text layout).

mod blocks;
mod encoding;
mod meta;

use storyline_model::{Article, DateOrigin, DateStamp, Paragraph, ParagraphRole, Span, Warning};

use crate::layout::{self, Meta};
use crate::{ParseError, ParseOptions, assemble, dates};
use blocks::{Block, Markup};
use meta::PageMeta;

/// What is known of a page from outside it (a WARC record's headers).
#[derive(Clone, Debug, Default)]
pub struct PageInfo {
    /// The address it was fetched from (`WARC-Target-URI`): the article's `url`.
    pub url: Option<String>,
    /// The `charset` of the HTTP `Content-Type` header.
    pub charset: Option<String>,
    /// When it was fetched (`WARC-Date`): the publication date of last resort.
    pub fetched: Option<DateStamp>,
}

/// Whether `bytes` look like an HTML page: after a byte-order mark and whitespace, they open
/// with `<!doctype html`, `<html`, `<head`, or a comment followed (within the first 1024
/// bytes) by one of those.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let head = b[start..b.len().min(start + 1024)].to_ascii_lowercase();
    let opens =
        |h: &[u8]| h.starts_with(b"<!doctype html") || h.starts_with(b"<html") || h.starts_with(b"<head");
    opens(&head)
        || (head.starts_with(b"<!--")
            && [&b"<!doctype html"[..], b"<html", b"<head"]
                .iter()
                .any(|t| memchr::memmem::find(&head, t).is_some()))
}

/// Parse one HTML page. `id` is the article's id (the file stem, or a WARC record's id),
/// `source` where it came from; `page` what is known of it from outside (a WARC record).
///
/// A page on which no article text is found is [`ParseError::NoArticle`].
pub fn parse_html(
    bytes: &[u8],
    id: &str,
    source: &str,
    opts: &ParseOptions,
    page: &PageInfo,
) -> Result<Article, ParseError> {
    crate::within_limit(bytes, source, opts)?;
    let mut warnings = Vec::new();
    let html = encoding::decode_html(bytes, page.charset.as_deref(), &mut warnings);
    if html.trim().is_empty() {
        return Err(ParseError::Empty { path: source.to_string() });
    }
    if nesting_exceeds(&html, MAX_DEPTH) {
        return Err(ParseError::TooDeep { path: source.to_string(), limit: MAX_DEPTH });
    }
    let extracted = extract(&html);
    let (pm, blocks) = match extracted {
        Ok(Extracted { meta, blocks }) if !blocks.is_empty() => (meta, blocks),
        Ok(Extracted { meta, .. }) => (meta, Vec::new()),
        Err(message) => {
            warnings.push(Warning::new("html-extraction", message));
            (PageMeta::default(), Vec::new())
        }
    };
    // No text found by the extractor: the JSON-LD `articleBody`, when the page has one.
    let blocks = if blocks.is_empty() {
        let body = pm.article_body.as_deref().unwrap_or("");
        body.split('\n')
            .map(meta::clean)
            .filter(|t| !t.is_empty())
            .map(|text| Block { markup: Markup::Text, text })
            .collect()
    } else {
        blocks
    };
    if blocks.iter().all(|b| matches!(b.markup, Markup::Heading1 | Markup::Heading)) {
        return Err(ParseError::NoArticle { path: source.to_string() });
    }
    Ok(build(id, source, &pm, blocks, page, warnings))
}

/// How deep the elements of a page may nest. The HTML parser (html5ever) looks through the
/// open elements for each tag, which takes time quadratic in the depth; real pages nest a few
/// dozen deep (browsers stop nesting at 512).
pub const MAX_DEPTH: usize = 3000;

/// Elements that have no end tag, or whose end tag is usually left out (closed by the next
/// one): they do not count towards the depth.
fn no_depth(tag: &[u8]) -> bool {
    const TAGS: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"!doctype",
    ];
    TAGS.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// Whether the tags of `html` open more than `limit` deep (an estimate from the tags alone, in
/// one pass: start tags minus end tags, self-closing and void elements left out).
fn nesting_exceeds(html: &str, limit: usize) -> bool {
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &b[i..]) {
        let start = i + at + 1;
        if b[start..].starts_with(b"!--") {
            i = memchr::memmem::find(&b[start..], b"-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let close = b.get(start) == Some(&b'/');
        let name_at = start + usize::from(close);
        let len = b[name_at..].iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b'!')).unwrap_or(0);
        let name = &b[name_at..name_at + len];
        let end = memchr::memchr(b'>', &b[name_at..]).map_or(b.len(), |e| name_at + e);
        i = (end + 1).min(b.len());
        if name.is_empty() || !name[0].is_ascii_alphabetic() || no_depth(name) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else if b[..end].last() != Some(&b'/') {
            depth += 1;
            if depth > limit {
                return true;
            }
        }
        if i >= b.len() {
            break;
        }
    }
    false
}

/// What the extraction gave: the page's metadata and the main text's blocks.
struct Extracted {
    meta: PageMeta,
    blocks: Vec<Block>,
}

/// Parse the page once, read its metadata, extract its main text. A panic in the library (a
/// bug met on some page) is this page's error, not the batch's.
fn extract(html: &str) -> Result<Extracted, String> {
    std::panic::catch_unwind(|| {
        let doc = trafilatura::dom::Document::parse(html);
        let meta = PageMeta::read(&doc);
        let blocks = match trafilatura::extract_document(doc, &trafilatura::Options::default()) {
            Ok(r) => blocks::blocks(&r.content_html),
            Err(_) => Vec::new(),
        };
        // All the text in one block: the library fell back on the page's whole text (its
        // "baseline"), as it does when it finds no article structure. Its full comparison with
        // readability and jusText, slower (the page parsed again), is tried then and kept when
        // it finds paragraphs. (On the dev set: 4 pages of 91.)
        let text_blocks = |b: &[Block]| b.iter().filter(|b| b.markup == Markup::Text).count();
        if text_blocks(&blocks) <= 1 {
            let opts = trafilatura::Options::default().with_fallback(true);
            if let Ok(r) = trafilatura::extract(html, &opts) {
                let again = blocks::blocks(&r.content_html);
                if text_blocks(&again) > 1 {
                    return Extracted { meta, blocks: again };
                }
            }
        }
        Extracted { meta, blocks }
    })
    .map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("the HTML extractor failed on this page ({msg}): only the metadata was read")
    })
}

/// Words only, lower case: for comparing a block with the headline or description.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The fewest words of a heading under the headline taken for a standfirst: a standfirst is a
/// sentence or two ("Officers from both sides will meet at Panmunjom next week"); a shorter
/// heading is the first section's ("Evacuations in Pontypridd", in a live blog).
const STANDFIRST_WORDS: usize = 7;

/// The role each block's markup (and the page's metadata) gives it; `None`: body text, laid
/// out like any article's.
fn markup_roles(blocks: &[Block], pm: &PageMeta) -> Vec<Option<ParagraphRole>> {
    let title = pm.title.as_deref().map(norm).filter(|t| !t.is_empty());
    let description = pm.description.as_deref().map(norm).filter(|t| !t.is_empty());
    let title_element = pm.title_element.as_deref().map(norm).unwrap_or_default();
    let mut roles = vec![None; blocks.len()];
    let mut seen_text = false;
    let mut title_at = None;
    for (i, b) in blocks.iter().enumerate() {
        let n = norm(&b.text);
        let heading = matches!(b.markup, Markup::Heading1 | Markup::Heading);
        roles[i] = if !seen_text
            && title_at.is_none()
            && (b.markup == Markup::Heading1 || (heading && title.as_deref() == Some(&n)))
        {
            title_at = Some(i);
            Some(ParagraphRole::Title)
        } else if !seen_text
            && (title.as_deref() == Some(&n) || (n.split(' ').count() >= 4 && title_element.starts_with(&n)))
        {
            // (the headline again, or the `<title>` without the site's name after it)
            Some(ParagraphRole::Title)
        } else if !seen_text
            && heading
            && (description.as_deref() == Some(&n)
                || (title_at == Some(i.wrapping_sub(1)) && n.split(' ').count() >= STANDFIRST_WORDS))
        {
            // (a paragraph repeating the description is the lede, which pages reuse as their
            // description: body)
            Some(ParagraphRole::Standfirst)
        } else if b.markup == Markup::Caption {
            Some(ParagraphRole::Caption)
        } else {
            if b.markup == Markup::Text {
                seen_text = true;
            }
            None
        };
    }
    roles
}

/// `2019-11-19T08:30:00.000-0500` and other ISO 8601 forms, else the text date forms.
fn page_date(s: &str) -> Option<DateStamp> {
    let s = s.trim();
    let mut iso = s.replacen(' ', "T", 1);
    // (fractional seconds dropped; `+0500` written `+05:00`)
    if let Some(dot) = iso.find('.')
        && iso[..dot].contains('T')
    {
        let end = iso[dot + 1..].find(|c: char| !c.is_ascii_digit()).map_or(iso.len(), |e| dot + 1 + e);
        iso.replace_range(dot..end, "");
    }
    if let Some(t) = iso.find('T') {
        let zone_at = iso[t..].rfind(['+', '-']).map(|z| t + z);
        if let Some(z) = zone_at
            && iso.len() - z == 5
            && iso[z + 1..].bytes().all(|b| b.is_ascii_digit())
        {
            iso.insert(z + 3, ':');
        }
    }
    if let Ok(d) = iso.parse::<DateStamp>()
        && dates::valid_date(d.year as u32, d.month as u32, d.day as u32).is_some()
    {
        return Some(d);
    }
    // `2019-11-19T08:30:00` with a zone name or other tail: the date alone.
    if let Some(day) = iso.get(..10)
        && let Ok(d) = day.parse::<DateStamp>()
        && dates::valid_date(d.year as u32, d.month as u32, d.day as u32).is_some()
    {
        return Some(d);
    }
    dates::parse_date_line(s).and_then(|d| d.stamp())
}

/// What an article's closing promotion says: subscribe, sign up, newsletter, follow on social
/// media, click here, write to the author, a WordPress shortcode; or a disclaimer's label.
static PROMO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^disclaimer\b|\b(?:subscribe|sign\s+up|newsletters?|click\s+here|follow\s+(?:us|me|him|her|them)\s+on|may\s+be\s+reached\s+at|(?:e-?mail|write\s+to)\s+(?:us|the\s+author)|download\s+(?:our|the)\s+app)\b|\[/\w+\]",
    )
    .expect("valid regex")
});

/// The longest closing paragraph taken for a promotion.
const PROMO_MAX: usize = 300;

/// The body's closing paragraphs that are promotions (short, and saying [`PROMO`]'s words),
/// from the last one back to the first that is not, become boilerplate: pages put them under
/// the article, inside its markup.
fn mark_promo_tail(text: &str, paragraphs: &mut [Paragraph]) {
    for p in paragraphs.iter_mut().rev() {
        match p.role {
            ParagraphRole::Body => {
                let s = &text[p.start..p.end];
                if s.len() > PROMO_MAX || !PROMO.is_match(s) {
                    return;
                }
                p.role = ParagraphRole::Boilerplate;
            }
            // (credits, captions and boilerplate found already are passed over)
            _ => continue,
        }
    }
}

/// The article: text in block order, title and standfirst paragraphs (from the markup, else
/// from the metadata), the rest laid out as the body.
fn build(
    id: &str,
    source: &str,
    pm: &PageMeta,
    blocks: Vec<Block>,
    page: &PageInfo,
    mut warnings: Vec<Warning>,
) -> Article {
    let roles = markup_roles(&blocks, pm);
    let (text, fixed, body_start) = page_text(pm, &blocks, &roles);
    let mut meta = Meta::default();
    // Page metadata first: what the body's lines say fills only what it leaves open.
    page_dates(pm, &mut meta, &mut warnings);
    let mut paragraphs = lay_out_paragraphs(&text, &fixed, body_start, &mut meta);
    mark_promo_tail(&text, &mut paragraphs);
    fill_meta_from_page(pm, page, &fixed, &text, &mut meta);
    assemble(id, source, text, paragraphs, meta, warnings, pm.language.clone())
}

/// The article's text: a headline and standfirst from the metadata when the markup has none,
/// then the blocks, separated by blank lines; with the paragraphs whose roles are fixed (by
/// the markup or the metadata), and where the first body block starts (`None`: no body).
fn page_text(
    pm: &PageMeta,
    blocks: &[Block],
    roles: &[Option<ParagraphRole>],
) -> (String, Vec<(ParagraphRole, Span)>, Option<usize>) {
    let mut text = String::new();
    let mut fixed: Vec<(ParagraphRole, Span)> = Vec::new();
    let push = |text: &mut String, s: &str| -> Span {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(s);
        Span::new(start, text.len())
    };
    // Headline and standfirst from the metadata when the extracted text has none.
    let headline = pm.title.clone().or_else(|| pm.h1.clone()).or_else(|| pm.title_element.clone());
    if !roles.contains(&Some(ParagraphRole::Title))
        && let Some(t) = &headline
    {
        fixed.push((ParagraphRole::Title, push(&mut text, t)));
    }
    let first_body = blocks.iter().zip(roles).find(|(_, r)| r.is_none()).map(|(b, _)| norm(&b.text));
    if !roles.contains(&Some(ParagraphRole::Standfirst))
        && let Some(d) = &pm.description
        && first_body.as_deref().is_none_or(|b| !b.starts_with(&norm(d)))
    {
        fixed.push((ParagraphRole::Standfirst, push(&mut text, d)));
    }
    let mut body_start = None;
    for (b, role) in blocks.iter().zip(roles) {
        let span = push(&mut text, &b.text);
        match role {
            Some(r) => fixed.push((*r, span)),
            None => {
                body_start.get_or_insert(span.start);
            }
        }
    }
    (text, fixed, body_start)
}

/// The page's publication and update dates into `meta` (a warning for an unreadable
/// publication date).
fn page_dates(pm: &PageMeta, meta: &mut Meta, warnings: &mut Vec<Warning>) {
    if let Some(d) = pm.published.as_deref() {
        match page_date(d) {
            Some(s) => {
                meta.published = Some(s);
                meta.published_source = Some(DateOrigin::Page);
            }
            None => warnings.push(Warning::new("bad-date", format!("unreadable page date {d:?} ignored"))),
        }
    }
    meta.updated = pm.modified.as_deref().and_then(page_date);
}

/// The paragraphs: the leading fixed ones, then the body (from `body_start`) laid out, its
/// fixed blocks (captions, a late headline) keeping their roles. What the body's lines say
/// goes into `meta` where it is still open.
fn lay_out_paragraphs(
    text: &str,
    fixed: &[(ParagraphRole, Span)],
    body_start: Option<usize>,
    meta: &mut Meta,
) -> Vec<Paragraph> {
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let body_from = body_start.unwrap_or(text.len());
    paragraphs
        .extend(fixed.iter().filter(|(_, s)| s.start < body_from).map(|(r, s)| Paragraph::new(*r, *s, text)));
    if body_start.is_some() {
        // (both in text order: one pass)
        let mut later = fixed.iter().filter(|(_, s)| s.start >= body_from).peekable();
        for mut p in layout::paragraphs(text, Span::new(body_from, text.len()), false, meta) {
            while later.peek().is_some_and(|(_, s)| s.end < p.start) {
                later.next();
            }
            if let Some((r, s)) = later.peek()
                && s.start <= p.start
                && p.end <= s.end
            {
                p.role = *r;
            }
            paragraphs.push(p);
        }
    }
    paragraphs
}

/// The rest of `meta` from the page: title and standfirst (the metadata's, else the fixed
/// paragraphs'), authors, publisher, address, and the archive's fetch date when no other date
/// is known.
fn fill_meta_from_page(
    pm: &PageMeta,
    page: &PageInfo,
    fixed: &[(ParagraphRole, Span)],
    text: &str,
    meta: &mut Meta,
) {
    let title_block =
        fixed.iter().find(|(r, _)| *r == ParagraphRole::Title).map(|(_, s)| s.slice(text).to_string());
    meta.title =
        pm.title.clone().or(title_block).or_else(|| pm.h1.clone()).or_else(|| pm.title_element.clone());
    meta.standfirst = pm.description.clone().or_else(|| {
        fixed.iter().find(|(r, _)| *r == ParagraphRole::Standfirst).map(|(_, s)| s.slice(text).to_string())
    });
    if !pm.authors.is_empty() {
        meta.authors = pm.authors.clone();
    }
    if let Some(p) = &pm.publisher {
        meta.add_publisher(4, p);
    }
    meta.url = page.url.clone().or_else(|| pm.url.clone());
    meta.date_from_address(None);
    if meta.published.is_none()
        && meta.updated.is_none()
        && let Some(f) = page.fetched
    {
        meta.published = Some(f);
        meta.published_source = Some(DateOrigin::Archive);
    }
}

#[cfg(test)]
mod tests;
