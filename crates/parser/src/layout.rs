//! Page layout of scraped text: which lines are the headline, the standfirst, metadata
//! (dates, bylines, credits), body paragraphs, photo captions and page boilerplate.

use std::sync::LazyLock;

use regex::Regex;
use storyline_model::{DateOrigin, DateStamp, Dateline, Paragraph, ParagraphRole, Span};

use crate::dates::{self, DateRole, MONTH, MetaDate};
use crate::{segment, url};

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
        // (the states of a block are gathered and tested once: a branch per block, not per byte)
        hay.chunks(16).any(|block| {
            let mut seen = 0u64;
            for &b in block {
                state = ((state << 1) | self.starts) & self.masks[b as usize];
                seen |= state;
            }
            seen & self.accepts != 0
        })
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

/// First words of the lines [`SOCIAL_ONLY`] matches (lowercase).
static SOCIAL_STARTS: StartWords = StartWords::new(&[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "email",
    "e-mail",
    "print",
    "reddit",
    "pinterest",
    "messenger",
    "share",
    "copy",
]);
/// First words of the lines [`BOILERPLATE`] matches, apart from those starting with a digit or
/// a non-ASCII character ("©"), with the second word when the pattern demands one
/// (`this\s+material…`): most prose lines start with "This", "All", "More"… too.
const BOILERPLATE_STARTS: &[(&str, &[&str])] = &[
    ("read", &["the", "more"]),
    ("share", &[]),
    ("tweet", &[]),
    ("email", &[]),
    ("print", &[]),
    ("comment", &[]),
    ("save", &[]),
    ("follow", &["us"]),
    ("subscribe", &[]),
    ("sign", &["up"]),
    ("click", &["here"]),
    ("advertisement", &[]),
    ("related", &[]),
    ("recommended", &[]),
    ("more", &["from"]),
    ("copyright", &[]),
    ("(c)", &[]),
    ("all", &["rights"]),
    ("this", &["material"]),
    ("watch", &[]),
    ("video", &[]),
    ("listen", &[]),
    ("continue", &["reading"]),
    ("skip", &["to"]),
    ("next", &["story"]),
    ("previous", &["story"]),
    ("loading", &[]),
    ("most", &["read", "popular"]),
    ("trending", &[]),
    ("getty", &["images"]),
    ("enlarge", &["this"]),
    ("toggle", &["caption"]),
    ("hide", &["caption"]),
    ("image", &[]),
];

/// How an ASCII `word` of a case-insensitive pattern fits the start of `rest`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// `rest` starts with the word, ignoring ASCII case: that many bytes.
    Yes(usize),
    /// It cannot start with the word.
    No,
    /// Unsure: a non-ASCII character where the word would be (after its fitting ASCII start),
    /// and the word has a 'k' or an 's',
    /// to which 'K' (U+212A) and 'ſ' (U+017F) fold (the only non-ASCII characters that fold
    /// to ASCII letters).
    Maybe,
}

fn fit(rest: &[u8], word: &str) -> Fit {
    for (i, &w) in word.as_bytes().iter().enumerate() {
        match rest.get(i) {
            // An ASCII character is only ever its two cases.
            Some(b) if b.is_ascii() => {
                if !b.eq_ignore_ascii_case(&w) {
                    return Fit::No;
                }
            }
            Some(_) if word.contains(['k', 's']) => return Fit::Maybe,
            _ => return Fit::No,
        }
    }
    Fit::Yes(word.len())
}

/// Whether `line` may be matched by [`BOILERPLATE`]: it starts with a word of
/// [`BOILERPLATE_STARTS`] and, when the entry names second words, that word is followed by
/// whitespace and one of them (see [`Fit`] for non-ASCII text). A line starting with a digit,
/// "©" or "ſ" is left to the regex; one starting with another non-ASCII character (a curly
/// quote: the regex falls back to a slow engine on those) cannot match.
fn may_be_boilerplate(line: &str) -> bool {
    let bytes = line.as_bytes();
    match line.chars().next() {
        None => return true,
        Some(c) if c.is_ascii_digit() || c == '©' || c == 'ſ' || (!c.is_ascii() && c.is_numeric()) => {
            return true;
        }
        Some(c) if !c.is_ascii() => return false,
        Some(_) => {}
    }
    // The first character is ASCII: it must be the word's first letter, in either case.
    let mut candidates = BOILERPLATE_BY_FIRST[usize::from(bytes[0].to_ascii_lowercase() & 0x7F)];
    std::iter::from_fn(|| {
        let i = candidates.trailing_zeros() as usize;
        candidates &= candidates.wrapping_sub(1);
        BOILERPLATE_STARTS.get(i)
    })
    .any(|&(w, seconds)| {
        let n = match fit(bytes, w) {
            Fit::No => return false,
            Fit::Maybe => return true,
            Fit::Yes(n) => n,
        };
        if seconds.is_empty() {
            return true;
        }
        // `\s+` after the word: ASCII whitespace (with the vertical tab), or a non-ASCII
        // character the regex is to judge.
        let rest = &bytes[n..];
        let gap = rest.iter().take_while(|b| b.is_ascii_whitespace() || **b == 0x0B).count();
        let rest = &rest[gap..];
        if rest.first().is_some_and(|b| !b.is_ascii()) {
            return true;
        }
        gap > 0 && seconds.iter().any(|s| fit(rest, s) != Fit::No)
    })
}

/// For each ASCII byte, the entries of [`BOILERPLATE_STARTS`] whose word starts with it (bit
/// `i` for entry `i`).
static BOILERPLATE_BY_FIRST: [u64; 128] = {
    assert!(BOILERPLATE_STARTS.len() <= 64, "entries fit in the bits");
    let mut table = [0u64; 128];
    let mut i = 0;
    while i < BOILERPLATE_STARTS.len() {
        let b = BOILERPLATE_STARTS[i].0.as_bytes()[0];
        assert!(b.is_ascii() && !b.is_ascii_uppercase(), "words are lowercase ASCII");
        table[b as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// First words of the lines [`BYLINE`] matches.
static BYLINE_STARTS: StartWords = StartWords::new(&["posted", "written", "reporting", "by", "author"]);

/// The first word of the lines [`WEATHER`] matches that do not start with a digit.
static DATE_START: StartWords = StartWords::new(&["date"]);

/// Words (lowercase ASCII, each starting with a letter) one of which starts every line an
/// anchored `(?i)` regex matches, indexed by their first letters.
struct StartWords {
    words: &'static [&'static str],
    /// For each letter 'a'..='z', the words starting with it (bit `i` for `words[i]`).
    by_letter: [u32; 26],
}

impl StartWords {
    const fn new(words: &'static [&'static str]) -> StartWords {
        assert!(words.len() <= 32, "words fit in the bits");
        let mut by_letter = [0u32; 26];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes()[0];
            assert!(b.is_ascii_lowercase(), "words start with a lowercase letter");
            by_letter[(b - b'a') as usize] |= 1 << i;
            i += 1;
        }
        StartWords { words, by_letter }
    }
}

/// Whether `line` may start with one of `words` as a case-insensitive regex has it: a cheap
/// test before an anchored `(?i)` regex. Unicode simple case folding gives an ASCII letter no
/// other forms than its two cases, but for 'K' (U+212A, a k) and 'ſ' (U+017F, an s).
fn may_start_with(line: &str, words: &StartWords) -> bool {
    let bytes = line.as_bytes();
    let Some(&b0) = bytes.first() else { return false };
    let letter = match b0.to_ascii_lowercase() {
        l @ b'a'..=b'z' => l,
        _ if bytes.starts_with("\u{212A}".as_bytes()) => b'k',
        _ if bytes.starts_with("\u{17F}".as_bytes()) => b's',
        _ => return false,
    };
    let mut candidates = words.by_letter[usize::from(letter - b'a')];
    while candidates != 0 {
        let word = words.words[candidates.trailing_zeros() as usize];
        if starts_with_folded(bytes, word.as_bytes()) {
            return true;
        }
        candidates &= candidates - 1;
    }
    false
}

/// Whether `hay` starts with the ASCII `word` under Unicode simple case folding (see
/// [`may_start_with`]).
fn starts_with_folded(hay: &[u8], word: &[u8]) -> bool {
    let mut rest = hay;
    for &w in word {
        let n = match rest.first() {
            Some(b) if b.eq_ignore_ascii_case(&w) => 1,
            Some(_) if w.eq_ignore_ascii_case(&b'k') && rest.starts_with("\u{212A}".as_bytes()) => 3,
            Some(_) if w.eq_ignore_ascii_case(&b's') && rest.starts_with("\u{17F}".as_bytes()) => 2,
            _ => return false,
        };
        rest = &rest[n..];
    }
    true
}

/// Whether `bytes` has `n` ASCII digits in a row.
pub(crate) fn has_digit_run(bytes: &[u8], n: usize) -> bool {
    let mut run = 0;
    bytes.iter().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run >= n
    })
}

/// Whether `s` has an ASCII digit (a scan the compiler vectorises: no early exit in a block).
fn has_ascii_digit(s: &str) -> bool {
    s.as_bytes().chunks(32).any(|block| block.iter().fold(false, |d, b| d | b.is_ascii_digit()))
}

/// The number of words of a line (`split_whitespace`), counted lazily and only as far as a
/// question about it needs.
struct WordCount<'a> {
    line: &'a str,
    /// The count so far: exact when at most `cap`, else only known to be above `cap`.
    count: Option<(usize, usize)>,
}

impl<'a> WordCount<'a> {
    fn new(line: &'a str) -> Self {
        WordCount { line, count: None }
    }

    /// Whether the line has at most `n` words.
    fn at_most(&mut self, n: usize) -> bool {
        match self.count {
            Some((count, cap)) if count <= cap || cap >= n => count <= n,
            _ => {
                let count = segment::count_words_upto(self.line, n);
                self.count = Some((count, n));
                count <= n
            }
        }
    }
}

/// First words of the lines [`dates::parse_date_line`] (and [`dates::parse_date_prefix`]) take
/// that do not start with a digit: their labels ("Published", "first", "last", "on"…), weekdays
/// and months.
static DATE_LINE_STARTS: StartWords = StartWords::new(&[
    "on",
    "first",
    "last",
    "published",
    "updated",
    "modified",
    "posted",
    "date",
    "created",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]);

/// The lines of a page's head (from its first) that may open with a date and go on.
const HEAD_LINES: usize = 4;

/// The cheap necessary conditions of a date line (whole or opening a line), as [`classify`]
/// tests them: at most 120 bytes, a digit or a word of [`DATE_LINE_STARTS`] first, an ASCII
/// digit somewhere.
fn may_be_date_line(line: &str) -> bool {
    line.len() <= 120
        && (line.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || line.chars().next().is_some_and(|c| !c.is_ascii() && c.is_numeric())
            || may_start_with(line, &DATE_LINE_STARTS))
        && has_ascii_digit(line)
}

fn classify(line: &str) -> Kind {
    // Cheap tests first: most lines are long prose that no pattern below can match. The
    // regexes are all anchored at the line's start, and a test of its first bytes skips those
    // that cannot match; the words are counted (only as far as a test needs) and the digits
    // looked for only on the few lines that pass such a test.
    let mut words = WordCount::new(line);
    let first = line.as_bytes().first().copied().unwrap_or(0);
    // (`\d` is any Unicode decimal digit)
    let digit_or_wide =
        first.is_ascii_digit() || line.chars().next().is_some_and(|c| !c.is_ascii() && c.is_numeric());
    let has_digit = std::cell::OnceCell::new();
    let has_digit = || *has_digit.get_or_init(|| has_ascii_digit(line));
    if ((digit_or_wide || may_start_with(line, &DATE_START))
        && has_digit()
        && words.at_most(12)
        && WEATHER.is_match(line))
        || (may_start_with(line, &SOCIAL_STARTS) && words.at_most(12) && SOCIAL_ONLY.is_match(line))
    {
        return Kind::Boilerplate;
    }
    // (`parse_date_line` takes no line of more than 120 bytes; a line starting with a digit has
    // no label, so it needs a date, and every date a four-digit year: in an ASCII line, four
    // ASCII digits in a row)
    if line.len() <= 120
        && (digit_or_wide || may_start_with(line, &DATE_LINE_STARTS))
        && has_digit()
        && !(first.is_ascii_digit() && line.is_ascii() && !has_digit_run(line.as_bytes(), 4))
        && words.at_most(16)
        && dates::parse_date_line(line).is_some()
    {
        return Kind::Date;
    }
    if line.len() <= 40 && matches!(first, b'(' | b'-' | 0xE2 | b's' | b'c') && CREDIT_LINE.is_match(line) {
        return Kind::Credit;
    }
    if may_start_with(line, &BYLINE_STARTS)
        && !line.ends_with('.')
        && !line.contains('"')
        && words.at_most(14)
        && BYLINE.is_match(line)
    {
        return Kind::Byline;
    }
    if may_be_boilerplate(line) && words.at_most(25) && BOILERPLATE.is_match(line) {
        return Kind::Boilerplate;
    }
    // The cheap necessary conditions of the two caption patterns before the scans of the
    // whole line for a hint.
    let caption_start = may_be_caption(line);
    let credit_end = line.trim_end().ends_with(')');
    if (caption_start || credit_end)
        && words.at_most(70)
        && CAPTION_HINT_HEADS.is_match(line.as_bytes())
        && CAPTION_HINTS.is_match(line)
        && ((caption_start && CAPTION.is_match(line)) || (credit_end && CAPTION_CREDIT_END.is_match(line)))
    {
        return Kind::Caption;
    }
    Kind::Prose
}

/// The words [`CAPTION`] needs one of before the line's first period (every alternative has
/// one, and `[^.]` before it), also with 'ſ' (U+017F) for the 's' of "screen": under the
/// regex's case folding no other non-ASCII character is one of these letters (the only ones
/// that fold to ASCII letters are 'ſ' and the Kelvin sign 'K', and no word has a 'k').
static CAPTION_WORDS: ShiftAnd = ShiftAnd::new(&[
    b"photo",
    b"image",
    b"picture",
    b"screen",
    "\u{17F}creen".as_bytes(),
    b"handout",
    b"video",
    b"graphic",
]);

/// Whether [`CAPTION`] may match `line`: the line starts as one of its alternatives does
/// ("in", "this", "the", "a", "an", "(", "photo"…, "file", "[") and a word of
/// [`CAPTION_WORDS`] comes before the first period where that alternative needs it.
fn may_be_caption(line: &str) -> bool {
    let bytes = line.as_bytes();
    let start = caption_start(bytes);
    let before_period = match start {
        CaptionStart::No => return false,
        CaptionStart::Word => return true,
        _ => &bytes[..memchr::memchr(b'.', bytes).unwrap_or(bytes.len())],
    };
    let scan = match start {
        CaptionStart::No | CaptionStart::Word | CaptionStart::Other => before_period,
        // Only the first alternative can match, and its word starts within 80 characters
        // (`[^.]{0,80}?`) of the article's end: 80 bytes when those are ASCII.
        CaptionStart::Article(end) => match bytes.get(end..end + 80) {
            Some(window) if window.is_ascii() => {
                &before_period[..before_period.len().min(end + 80 + "\u{17F}creen".len())]
            }
            _ => before_period,
        },
    };
    CAPTION_WORDS.is_match(scan)
}

/// How a line starts for [`CAPTION`] (all of whose alternatives start with a word of ASCII
/// letters, '(' or '[', and no non-ASCII character folds to a letter of those words but for
/// 'ſ' and 'K', which stop a word of ASCII letters below).
enum CaptionStart {
    /// As no alternative does.
    No,
    /// With a word of [`CAPTION_WORDS`] ("photo", "image"…).
    Word,
    /// With "this", "the", "a" or "an", alone or after "in" and ASCII whitespace, ending at
    /// this byte.
    Article(usize),
    /// Otherwise ('(', '[', "file", non-ASCII text after the first word…).
    Other,
}

fn caption_start(line: &[u8]) -> CaptionStart {
    let word_end = |from: usize| from + line[from..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (mut start, mut end) = (0, word_end(0));
    if end == 0 {
        return match line.first() {
            Some(b'(' | b'[') => CaptionStart::Other,
            _ => CaptionStart::No,
        };
    }
    // A non-ASCII character right after the word may continue it ('ſ', 'K'): unsure.
    let ascii_after = |end: usize| line.get(end).is_none_or(u8::is_ascii);
    if !ascii_after(end) {
        return CaptionStart::Other;
    }
    let is = |w: &[u8], words: &[&[u8]]| words.iter().any(|x| w.eq_ignore_ascii_case(x));
    let word = &line[..end];
    if is(word, &[b"photo", b"image", b"picture", b"video", b"graphic"]) {
        return CaptionStart::Word;
    }
    if word.eq_ignore_ascii_case(b"file") {
        return CaptionStart::Other;
    }
    if word.eq_ignore_ascii_case(b"in") {
        start = end + line[end..].iter().take_while(|b| b.is_ascii_whitespace() || **b == 0x0B).count();
        if line.get(start).is_some_and(|b| !b.is_ascii()) {
            return CaptionStart::Other; // (`\s+` may go on)
        }
        if start == end {
            return CaptionStart::No;
        }
        end = word_end(start);
        if !ascii_after(end) {
            return CaptionStart::Other;
        }
    }
    if is(&line[start..end], &[b"this", b"the", b"a", b"an"]) {
        CaptionStart::Article(end)
    } else {
        CaptionStart::No
    }
}

/// `classify` as it was before the first-byte tests, for the equivalence tests.
#[cfg(test)]
fn classify_reference(line: &str) -> Kind {
    let words = line.split_whitespace().count();
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    if words <= 12 && ((has_digit && WEATHER.is_match(line)) || SOCIAL_ONLY.is_match(line)) {
        return Kind::Boilerplate;
    }
    if words <= 16 && has_digit && dates::parse_date_line(line).is_some() {
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
    let mut lines = lines(text, region);
    if detect_head {
        // The page's head may hold a line opening with a date that goes on (`21 July 2013 Last
        // updated at 11:11 GMT`): a date line, not the headline or the body.
        for line in lines.iter_mut().take(HEAD_LINES).filter(|l| l.kind == Kind::Prose) {
            if may_be_date_line(line.span.slice(text))
                && dates::parse_date_prefix(line.span.slice(text)).is_some()
            {
                line.kind = Kind::Date;
            }
        }
    }
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(lines.len() + 1);
    let blank_separated = lines.last().is_some_and(|l| l.block > 0);
    // Group consecutive prose lines of a block that wrap (no terminal punctuation) into one
    // paragraph. A page without blank lines has a paragraph a line: there a line only continues
    // the one before when it starts in lower case (a headline, a date line in a form not read
    // or a sentence without its period is not the start of the next line's paragraph).
    let mut groups: Vec<(Kind, Span, usize)> = Vec::with_capacity(lines.len());
    for line in &lines {
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

    // Headline: the first prose paragraph, when it looks like one.
    let mut head_title: Option<usize> = None;
    let mut head_standfirst: Option<usize> = None;
    // (the headline has a letter: a prose line without one before it, `11 / 28 / 05`, is
    // metadata once a headline is found)
    let with_letter =
        |g: &(Kind, Span, usize)| g.0 == Kind::Prose && g.1.slice(text).chars().any(char::is_alphabetic);
    if detect_head && let Some(first) = groups.iter().position(with_letter) {
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

/// Cheap test before the credit regex: a closing bracket, or a dash ('—', '–' or "--") in the
/// last 40 bytes (none when those do not start on a character boundary).
fn may_end_in_credit(s: &str) -> bool {
    let t = s.trim_end();
    if t.ends_with(')') {
        return true;
    }
    let Some(tail) = t.get(t.len().saturating_sub(40)..) else { return false };
    let tail = tail.as_bytes();
    // '—' is E2 80 94 and '–' E2 80 93 in UTF-8.
    memchr::memchr2_iter(b'-', 0xE2, tail).any(|i| match tail[i] {
        b'-' => tail.get(i + 1) == Some(&b'-'),
        _ => matches!(tail.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])),
    })
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

    /// Lines of every kind, and near misses.
    const SAMPLE_LINES: &[&str] = &[
        "date 2018-09-24 Clear",
        "24°C Sunny",
        "12 ° f rain",
        "Date 2018-09-24 partly cloudy",
        "Facebook Twitter",
        "facebook twitter email",
        "Share Tweet",
        "xx",
        "X Facebook",
        "Copy link Email",
        "Updated: Sep. 24, 2018 10:27 AM",
        "(Yonhap)",
        "— Reuters",
        "-- AP",
        "- AFP",
        "Source: Reuters",
        "credit: AP",
        "Credit: AP",
        "(AP)",
        "Posted By: CNN Wire",
        "By Jane Doe",
        "BY JANE DOE",
        "Written by John",
        "Reporting by Kim; editing by Lee",
        "Author: X",
        "Authors: A, B",
        "by the way",
        "Read the rest here.",
        "READ MORE: the story",
        "Share this story",
        "Share on Facebook",
        "Tweet",
        "Print",
        "Email this",
        "Follow us on Twitter",
        "Subscribe now",
        "Sign up",
        "Click here",
        "Advertisement",
        "ADVERTISEMENT",
        "Related: x",
        "Related articles",
        "Recommended",
        "More from AP",
        "Copyright 2018",
        "© 2018 AP",
        "(c) 2018 AP",
        "All rights reserved.",
        "This material may not be published",
        "Watch: x",
        "Video: x",
        "Listen: x",
        "Continue reading",
        "Skip to content",
        "Next story",
        "Previous story",
        "Loading...",
        "Most read",
        "Most popular",
        "Trending",
        "Getty Images",
        "Enlarge this image",
        "Toggle caption",
        "Hide caption",
        "Image 1 of 5",
        "12 comments",
        "1 Comment",
        "١٢ comments",
        "ſhare",
        "Share this",
        "ſign up",
        "Clic\u{212a} here",
        "\u{212a}",
        "LINKEDIN WhatsApp",
        "ReAd MoRe about it",
        "This AFP file photo shows Mike Pompeo. (Yonhap)",
        "(Photo: Getty Images)",
        "Image copyright Reuters",
        "By the time he arrived, the talks were over.",
        "Share this story, he said, was the point of the campaign.",
        "The end.",
        "",
        "a",
        "©",
        "(c)",
        "-",
        "2018-09-24",
        "Monday",
        "12",
        "10:02 GMT",
        "Published 10:02 GMT",
        "Sept. 4, 2018",
        "“Quote” here",
        "Ｄate 2018-09-24 Clear",
        "émail",
        "Email: x@y.z",
        "Pinterest Reddit Messenger",
        "This material may not be published, broadcast",
        "This is it",
        "THIS  MATERIAL may",
        "This\tmaterial",
        "All rights reserved",
        "All the rights",
        "More from the AP",
        "More of it",
        "Most read today",
        "Most popular",
        "Most people agree",
        "Next story",
        "Next week",
        "Previous story",
        "Continue reading",
        "Continue to",
        "Skip to main content",
        "Skip it",
        "Sign up now",
        "Sign here",
        "Click here to",
        "Follow us",
        "Follow the money",
        "Read the rest",
        "Read more",
        "Reading more",
        "Read the full story here",
        "Getty Images",
        "Getty says",
        "Enlarge this image",
        "Toggle caption",
        "Hide caption",
        "Hide it",
        "this materia",
        "All righ",
        "Mos",
        "“This is it,” he said",
        "This\u{a0}material may not be",
        "Thi\u{17f} material",
        "This materia\u{17f}",
        "Most \u{17f}omething",
        "Skip to",
        "\u{17f}kip to",
        "S\u{212a}ip to",
        "This  \u{2009}material may",
        "Read the\u{2009}rest",
        "“Share this”",
        "‘Tweet’",
        "١٢ comments",
        "\u{ff11}\u{ff12} comments",
        "©AP",
        "ſave",
        "\u{17f}hare this",
        "—Read more",
        "½ comments",
        "Follow u\u{17f}",
        "Click here",
        "clic\u{212a} here",
        "Subscribe",
        "Sub\u{17f}cribe",
        "Su",
        "In this photo taken Monday, Kim smiles.",
        "In this. photo shows",
        "The file photo shows him",
        "A handout picture released by KCNA shows Kim",
        "An image provided by NASA shows",
        "Photo: AP",
        "(Image courtesy: NASA)",
        "Video: x",
        "[Photo] here",
        "[Image",
        "File photo: Kim",
        "File photo — Kim",
        "Photo by Jane",
        "Photo courtesy of NASA",
        "Image caption Kim",
        "Kim smiles (Yonhap Photo/Lee)",
        "Kim (Getty Images)",
        "Kim (AFP via Getty Images)",
        "Kim (Reuters/Kim Hong-Ji)",
        "Kim (Reuters/Kim Hong-Ji) ",
        "The ſcreenshot shows Kim",
        "This ſcreen grab shows",
        "The Photo. Shows",
        "Graphic: Reuters",
        "Ａ photo shows",
        "“This photo shows”",
        "this     material is long enough to pass the forty byte head",
    ];

    #[test]
    fn classify_is_the_reference() {
        for l in SAMPLE_LINES {
            assert_eq!(classify(l), classify_reference(l), "{l:?}");
        }
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        for dir in ["seeds", "crates/parser/tests/fixtures"] {
            for f in std::fs::read_dir(format!("{root}/{dir}")).expect("readable dir") {
                let bytes = std::fs::read(f.expect("entry").path()).expect("readable file");
                let text = crate::decode(&bytes, &mut Vec::new());
                for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    assert_eq!(classify(l), classify_reference(l), "{l:?}");
                }
            }
        }
    }

    #[test]
    fn may_end_in_credit_is_the_reference() {
        let reference = |s: &str| {
            let t = s.trim_end();
            t.ends_with(')')
                || t.get(t.len().saturating_sub(40)..)
                    .is_some_and(|tail| tail.contains(['—', '–']) || tail.contains("--"))
        };
        for n in 30..50 {
            for end in
                ["— AP", "– AP", "-- AP", "- AP", "—", "-", "--", "(AP)", "(AP) ", "x", "\u{2014}\u{a0}", "é"]
            {
                for fill in ["x", "é", "—", "-"] {
                    let s = format!("{}{end}", fill.repeat(n));
                    assert_eq!(may_end_in_credit(&s), reference(&s), "{s:?}");
                    let s = format!("{end}{}", fill.repeat(n));
                    assert_eq!(may_end_in_credit(&s), reference(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn classify_is_the_reference_near_the_bounds_of_the_cheap_tests() {
        let mut lines = Vec::new();
        for n in 70..=90 {
            for head in ["The", "A", "an", "In the", "IN  THIS", "In\tA", "This"] {
                for fill in ["x", "é", " "] {
                    let gap = fill.repeat(n);
                    lines.push(format!("{head} {gap} photo shows Kim"));
                    lines.push(format!("{head}{gap}photo shows Kim"));
                    lines.push(format!("{head} {gap} \u{17F}creen grab showing Kim"));
                    lines.push(format!("{head} {gap}. photo shows Kim"));
                }
            }
        }
        for l in [
            "7:10 p.m.",
            "7:10 p.m. Sept. 4, 2018",
            "10:02 GMT 24 September 2018",
            "12:30 pm, May 5, 2018",
            "24 Sep 2018",
            "2018-09-24",
            "9/24/2018 10:27",
            "12 ٢٠١٨",
            "1 2018",
            "Published 10:02 GMT",
            "Posted 7:10 p.m.",
            "Po\u{17F}ted 7:10 p.m.",
            "Mon, 24 Sep 2018",
            "In\u{a0}the photo shows Kim",
            "In the\u{a0}photo shows Kim",
            "Thi\u{17F} photo shows Kim",
            "The1 photo shows Kim",
            "Thephoto shows Kim",
            "Filephoto: Kim",
            "File  photo: Kim",
            "Photos: Kim",
            "Photograph shows Kim",
            "Photo\u{17F}: Kim",
            "Video: Kim",
            "Graphic: Kim",
            "Image caption Kim",
            "(Photo: Kim)",
            "[Image] Kim",
            "In, the photo shows Kim",
            "In the photo shows Kim",
            "Inthe photo shows Kim",
            "In photo shows Kim",
            "An image provided by NASA shows",
            "An\u{212A} image provided by NASA shows",
            "Trump photo shows Kim",
            "x -- AP",
            "x (AP)",
            "Kim said — Reuters",
            "Kim said – Reuters",
            "Kim said -– Reuters",
            "Kim—",
        ] {
            lines.push(l.to_string());
        }
        for l in &lines {
            assert_eq!(classify(l), classify_reference(l), "{l:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn classify_is_the_reference_on_edited_lines(
            i in 0..SAMPLE_LINES.len(),
            edits in proptest::collection::vec((0usize..40, proptest::sample::select(vec![
                "", " ", "s", "S", "ſ", "k", "\u{212a}", "1", "é", "(", ")", ":", ".", "\"", "-", "—", "x", "of", "this", "\t",
            ])), 0..4),
        ) {
            let mut l = SAMPLE_LINES[i].to_string();
            for (at, s) in edits {
                let mut at = at.min(l.len());
                while !l.is_char_boundary(at) {
                    at -= 1;
                }
                l.insert_str(at, s);
            }
            let l = l.trim();
            proptest::prop_assert_eq!(classify(l), classify_reference(l), "{:?}", l);
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
