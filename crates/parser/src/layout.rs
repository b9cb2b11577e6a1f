//! Page layout of scraped text: which lines are the headline, the standfirst, metadata
//! (dates, bylines, credits), body paragraphs, photo captions and page boilerplate.

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::{DateStamp, Dateline, Paragraph, ParagraphRole, Span};

use crate::dates::{self, DateRole, MONTH, MetaDate};
use crate::segment;

/// Wire services and outlets recognised in credits such as `(Yonhap)` or `— Reuters`.
pub(crate) const AGENCIES: &[&str] = &[
    "AP",
    "AFP",
    "Reuters",
    "Yonhap",
    "UPI",
    "Xinhua",
    "Kyodo",
    "dpa",
    "DPA",
    "ANSA",
    "EFE",
    "TASS",
    "KCNA",
    "PTI",
    "IANS",
    "Bloomberg",
    "CNN",
    "AAP",
    "CP",
    "Anadolu",
    "Interfax",
    "NHK",
    "BBC",
    "Bernama",
    "Antara",
    "Associated Press",
    "Agence France-Presse",
    "Agence France Presse",
    "Press Association",
    "PA",
];

/// Metadata gathered while laying out the page.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub standfirst: Option<String>,
    pub published: Option<DateStamp>,
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
            (Some(s), DateRole::Published) if self.published.is_none() => self.published = Some(s),
            (Some(s), DateRole::Updated) if self.updated.is_none() => self.updated = Some(s),
            (Some(_), _) => {}
            (None, _) => self.lone_times.push(d),
        }
    }

    /// Give lone times ("Published 10:02 GMT") the date of the page.
    pub fn finish_dates(&mut self) {
        let base = self.published.or(self.updated);
        for t in std::mem::take(&mut self.lone_times) {
            let Some(base) = base else { continue };
            let stamp = dates::attach(base, t.time, t.offset_minutes);
            match t.role {
                DateRole::Published if self.published.is_none_or(|p| p.time.is_none()) => {
                    self.published = Some(stamp)
                }
                DateRole::Updated if self.updated.is_none() => self.updated = Some(stamp),
                _ => {}
            }
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

static WEATHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,3}\s*°\s*[cf]?)\s+(?:\d{1,3}\s*°\s*[cf]?\s+)?(?:clear|cloudy|partly cloudy|mostly cloudy|mostly sunny|sunny|rain|light rain|showers|snow|fog|haze|mist|drizzle|overcast|windy|thunderstorms?)\s*$")
        .expect("valid regex")
});

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^(?:
        read\s+(?:the\s+rest|more|the\s+full\s+(?:story|article)|the\s+original)\b.{0,100}
      | (?:share|tweet|email|print|comment|save)(?:\s+(?:this|on|via)(?:\s+[\w.]+){0,4})?[.!:]?$
      | (?:follow\s+us|subscribe\b|sign\s+up\b|click\s+here|advertisement|related\s*:|related\s+(?:articles|stories|coverage)|recommended\b|more\s+from\b|copyright\b|©|\(c\)\s*\d{4}|all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be|watch\s*:|video\s*:|listen\s*:|continue\s+reading|skip\s+to|next\s+story|previous\s+story|loading\b|most\s+(?:read|popular)\b|trending\b|getty\s+images$|enlarge\s+this\s+image|toggle\s+caption|hide\s+caption|image\s+\d+\s+of\s+\d+|\d+\s+comments?$)
        .{0,160}
    )$").expect("valid regex")
});

static SOCIAL_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|pinterest|messenger|share|copy\s+link)[\s|·•,/]*){2,}$")
        .expect("valid regex")
});

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^(?:
        (?:in\s+)?(?:this|the|an?)\b[^.]{0,80}?\b(?:photo|photograph|image|picture|screenshot|screen\s+grab|handout|file\s+photo|video\s+grab)s?\b[^.]{0,60}?\b(?:shows?|showing|taken|provided|released|obtained|dated|made\s+available|posted)\b
      | \(?(?:photo|image|picture|video|graphic)(?:\s+(?:credit|courtesy))?\s*:
      | image\s+(?:copyright|caption)\b
      | file\s+photo\s*[:\-—]
      | photo\s+(?:by|courtesy\s+of)\b
      | \[(?:photo|image)\b
    )").expect("valid regex")
});

static CAPTION_CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:[A-Z][A-Za-z]*\s+)?(?:Photo|Photos|Image|Pool\s+Photo)\s*/[^)]{1,60}\)\s*$|\((?:Getty\s+Images|AFP\s+via\s+Getty\s+Images|Reuters/[^)]+)\)\s*$")
        .expect("valid regex")
});

/// Words every caption pattern needs one of (a fast filter before the caption regexes).
static CAPTION_HINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "photo",
            "image",
            "picture",
            "screenshot",
            "screen grab",
            "handout",
            "video grab",
            "graphic",
            "getty",
            "reuters/",
        ])
        .expect("valid patterns")
});

/// Five bytes of each word of [`CAPTION_HINTS`] ("photo", "nshot" of "screenshot", "ters/" of
/// "reuters/"…): a line without one of them has none of the words. Cheaper than the
/// automaton on the many prose lines that have none.
static CAPTION_HINT_HEADS: ShiftAnd = ShiftAnd::new(&[
    b"photo", b"image", b"pictu", b"nshot", b"n gra", b"ndout", b"o gra", b"aphic", b"getty", b"ters/",
]);

/// Shift-and (bitap) search for a few short ASCII patterns at once, ASCII case-insensitive:
/// one table lookup and three operations per byte. Patterns are at most 64 bytes together.
pub(crate) struct ShiftAnd {
    masks: [u64; 256],
    starts: u64,
    accepts: u64,
}

impl ShiftAnd {
    pub(crate) const fn new(patterns: &[&[u8]]) -> ShiftAnd {
        let mut masks = [0u64; 256];
        let (mut starts, mut accepts, mut bit) = (0u64, 0u64, 0u32);
        let mut p = 0;
        while p < patterns.len() {
            let pat = patterns[p];
            assert!(!pat.is_empty() && bit as usize + pat.len() <= 64, "patterns must fit in 64 bits");
            starts |= 1 << bit;
            let mut j = 0;
            while j < pat.len() {
                let b = pat[j];
                masks[b.to_ascii_lowercase() as usize] |= 1 << bit;
                masks[b.to_ascii_uppercase() as usize] |= 1 << bit;
                bit += 1;
                j += 1;
            }
            accepts |= 1 << (bit - 1);
            p += 1;
        }
        ShiftAnd { masks, starts, accepts }
    }

    /// Whether `hay` contains one of the patterns.
    pub(crate) fn is_match(&self, hay: &[u8]) -> bool {
        let mut state = 0u64;
        for &b in hay {
            state = ((state << 1) | self.starts) & self.masks[b as usize];
            if state & self.accepts != 0 {
                return true;
            }
        }
        false
    }
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:posted\s+by|written\s+by|reporting\s+by|by|authors?)\s*:?\s+(?P<who>\S.{0,118})$")
        .expect("valid regex")
});

static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = AGENCIES.iter().map(|a| regex::escape(a)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"^(?:\((?P<a>{agencies})\)|(?:--|—|–|-)\s*(?P<b>{agencies})|(?:source|credit)\s*:\s*(?P<c>{agencies}))\s*$"))
        .expect("valid regex")
});

static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = AGENCIES.iter().map(|a| regex::escape(a)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"\s*(?:\((?P<a>{agencies})\)|(?:--|—|–)\s*(?P<b>{agencies}))\s*$"))
        .expect("valid regex")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){{0,3}}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)(?:,\s+(?P<date>(?i:{MONTH})\s+\d{{1,2}}))?(?:\s*\((?P<credit>[A-Za-z][A-Za-z .&/\-]{{0,30}})\))?\s*(?P<dash>--|—|–|-|:)\s+"
    ))
    .expect("valid regex")
});

fn classify(line: &str) -> Kind {
    // Cheap tests first: most lines are long prose that no pattern below can match. No test
    // needs to know of more than 70 words.
    let words = segment::count_words_upto(line, 70);
    let has_digit = || line.bytes().any(|b| b.is_ascii_digit());
    if words <= 12 && ((has_digit() && WEATHER.is_match(line)) || SOCIAL_ONLY.is_match(line)) {
        return Kind::Boilerplate;
    }
    if words <= 16 && has_digit() && dates::parse_date_line(line).is_some() {
        return Kind::Date;
    }
    if line.len() <= 40 && CREDIT_LINE.is_match(line) {
        return Kind::Credit;
    }
    if words <= 14 && !line.ends_with('.') && !line.contains('"') && BYLINE.is_match(line) {
        return Kind::Byline;
    }
    if words <= 25 && BOILERPLATE.is_match(line) {
        return Kind::Boilerplate;
    }
    if words <= 70
        && CAPTION_HINT_HEADS.is_match(line.as_bytes())
        && CAPTION_HINTS.is_match(line)
        && (CAPTION.is_match(line) || CAPTION_CREDIT_END.is_match(line))
    {
        return Kind::Caption;
    }
    Kind::Prose
}

/// Lay out `text[region]`; `detect_head` says whether to look for a headline and standfirst.
/// Returns the paragraphs of the region in text order.
pub(crate) fn lay_out(text: &str, region: Span, detect_head: bool, meta: &mut Meta) -> Vec<Paragraph> {
    let lines = lines(text, region);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    // Group consecutive prose lines of a block that wrap (no terminal punctuation) into one paragraph.
    let mut groups: Vec<(Kind, Span, usize)> = Vec::new();
    for line in &lines {
        if let Some(last) = groups.last_mut()
            && last.0 == Kind::Prose
            && line.kind == Kind::Prose
            && last.2 == line.block
            && !ends_paragraph(last.1.slice(text))
        {
            last.1.end = line.span.end;
            continue;
        }
        groups.push((line.kind, line.span, line.block));
    }
    let multi_line_blocks = lines.windows(2).any(|w| w[0].block == w[1].block);
    let blank_separated = lines.last().is_some_and(|l| l.block > 0);

    // Headline: the first prose paragraph, when it looks like one.
    let mut head_title: Option<usize> = None;
    let mut head_standfirst: Option<usize> = None;
    if detect_head && let Some(first) = groups.iter().position(|g| g.0 == Kind::Prose) {
        let (_, span, block) = groups[first];
        let s = span.slice(text);
        let words = s.split_whitespace().count();
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
    let _ = multi_line_blocks;

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
            Kind::Prose => ParagraphRole::Body,
            Kind::Date => {
                if let Some(d) = dates::parse_date_line(s) {
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

/// Non-empty lines of the region, trimmed, with their block index and kind.
fn lines(text: &str, region: Span) -> Vec<Line> {
    let mut out = Vec::new();
    let mut block = 0;
    let mut blank_since_last = false;
    let mut pos = region.start;
    let body = region.slice(text);
    for raw in body.split('\n') {
        let start = pos;
        pos += raw.len() + 1;
        let trimmed_start = raw.len() - raw.trim_start().len();
        let t = raw.trim();
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

/// Cheap test before the credit regex: a closing bracket, or a dash near the end.
fn may_end_in_credit(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(')')
        || t.get(t.len().saturating_sub(40)..)
            .is_some_and(|tail| tail.contains(['—', '–']) || tail.contains("--"))
}

fn ends_paragraph(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ')', '…'])
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ORG_WORDS: &[&str] = &[
    "wire",
    "news",
    "press",
    "agency",
    "staff",
    "times",
    "post",
    "journal",
    "reporter",
    "reporters",
    "correspondent",
    "desk",
    "network",
    "media",
    "service",
    "services",
    "herald",
    "tribune",
    "daily",
];

fn looks_like_org(s: &str) -> bool {
    let lower = s.to_lowercase();
    AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(s))
        || lower.split_whitespace().any(|w| ORG_WORDS.contains(&w))
        || (s.len() >= 2 && s.len() <= 6 && s.chars().all(|c| c.is_ascii_uppercase()))
}

fn byline(line: &str, meta: &mut Meta) {
    let Some(c) = BYLINE.captures(line) else { return };
    let who = c.name("who").map_or("", |m| m.as_str()).trim().trim_end_matches('.');
    let mut parts: Vec<&str> = who.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > 1 && parts.last().is_some_and(|p| looks_like_org(p)) {
        let org = parts.pop().unwrap_or_default();
        meta.add_publisher(3, org);
    }
    for part in parts {
        for name in part.split(" and ").flat_map(|p| p.split(" & ")).map(str::trim).filter(|p| !p.is_empty())
        {
            if looks_like_org(name) {
                meta.add_publisher(3, name);
            } else {
                meta.authors.push(name.to_string());
            }
        }
    }
}

fn dateline(text: &str, span: Span, meta: &mut Meta) {
    let s = span.slice(text);
    // (the cheaper test first: captures of a long paragraph clear the backtracker's bitmap)
    if !DATELINE.is_match(s) {
        return;
    }
    let Some(c) = DATELINE.captures(s) else { return };
    let credit = c.name("credit").map(|m| m.as_str().to_string());
    let date_text = c.name("date").map(|m| m.as_str().to_string());
    // Demand a credit, or a dash after an all-caps place of at least two letters.
    let place = c.name("place").map_or("", |m| m.as_str());
    let caps_place = place.split(',').next().unwrap_or("").chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if credit.is_none() && !(caps_place && c.name("dash").is_some_and(|d| d.as_str() != ":")) {
        return;
    }
    if let Some(cr) = &credit {
        meta.add_publisher(2, cr);
    }
    let whole = c.get(0).map_or(0..0, |m| m.range());
    let shown = s[whole.clone()].trim_end();
    meta.dateline = Some(Dateline {
        text: shown.to_string(),
        start: span.start,
        end: span.start + shown.len(),
        place: Some(place.to_string()),
        date_text,
        date: None,
        credit,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_lines() {
        assert_eq!(classify("date 2018-09-24 Clear"), Kind::Boilerplate);
        assert_eq!(classify("Read the rest here."), Kind::Boilerplate);
        assert_eq!(classify("Posted By: CNN Wire"), Kind::Byline);
        assert_eq!(classify("Updated: Sep. 24, 2018 10:27 AM"), Kind::Date);
        assert_eq!(classify("(Yonhap)"), Kind::Credit);
        assert_eq!(classify("— Reuters"), Kind::Credit);
        assert_eq!(
            classify("This AFP file photo shows US Secretary of State Mike Pompeo. (Yonhap)"),
            Kind::Caption
        );
        assert_eq!(classify("(Photo: Getty Images)"), Kind::Caption);
        assert_eq!(classify("Image copyright Reuters"), Kind::Caption);
        assert_eq!(classify("By the time he arrived, the talks were over."), Kind::Prose);
        assert_eq!(classify("Share this story, he said, was the point of the campaign."), Kind::Prose);
    }

    #[test]
    fn caption_hint_heads_filter_exactly_what_may_hold_a_hint() {
        let lines = [
            "A PHOTO",
            "Screen Grab",
            "screenshot",
            "getty",
            "GettY Images",
            "(Reuters/Kim)",
            "Reuters says",
            "handout",
            "video grab",
            "a graphic",
            "picture",
            "imag e",
            "photograph",
            "",
            "x",
            "paragraph",
        ];
        for l in lines {
            if CAPTION_HINTS.is_match(l) {
                assert!(CAPTION_HINT_HEADS.is_match(l.as_bytes()), "{l}");
            }
        }
        assert!(!CAPTION_HINT_HEADS.is_match(b"Reuters says"));
        assert!(!CAPTION_HINT_HEADS.is_match(b"imag e"));
    }

    proptest::proptest! {
        #[test]
        fn caption_hint_heads_never_miss(s in "[a-zA-Z /]{0,6}(photo|image|picture|screenshot|screen grab|handout|video grab|graphic|getty|reuters/|PhOtO|GETTY|Screen Grab|ReUters/)?[a-zA-Z /é]{0,6}") {
            if CAPTION_HINTS.is_match(&s) {
                proptest::prop_assert!(CAPTION_HINT_HEADS.is_match(s.as_bytes()));
            }
        }
    }

    #[test]
    fn bylines_split_people_and_outlets() {
        let mut m = Meta::default();
        byline("By Jane Doe and John Roe, CNN", &mut m);
        assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(m.publisher().as_deref(), Some("CNN"));
    }
}
