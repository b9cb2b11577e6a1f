//! The patterns that tell a line's kind (regexes for weather lines, boilerplate, social links,
//! captions, bylines, credits and datelines) and the cheap tests that run before them: start
//! words, a shift-and search for a few short words, digit scans.

use super::*;

pub(super) static WEATHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:date\s+)?(?:\d{4}-\d{2}-\d{2}|\d{1,3}\s*°\s*[cf]?)\s+(?:\d{1,3}\s*°\s*[cf]?\s+)?(?:clear|cloudy|partly cloudy|mostly cloudy|mostly sunny|sunny|rain|light rain|showers|snow|fog|haze|mist|drizzle|overcast|windy|thunderstorms?)\s*$")
        .expect("valid regex")
});

pub(super) static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^(?:
        read\s+(?:the\s+rest|more|the\s+full\s+(?:story|article)|the\s+original)\b.{0,100}
      | (?:share|tweet|email|print|comment|save)(?:\s+(?:this|on|via)(?:\s+[\w.]+){0,4})?[.!:]?$
      | (?:follow\s+us|subscribe\b|sign\s+up\b|click\s+here|advertisement|related\s*:|related\s+(?:articles|stories|coverage)|recommended\b|more\s+from\b|copyright\b|©|\(c\)\s*\d{4}|all\s+rights\s+reserved|this\s+material\s+may\s+not\s+be|watch\s*:|video\s*:|listen\s*:|continue\s+reading|skip\s+to|next\s+story|previous\s+story|loading\b|most\s+(?:read|popular)\b|trending\b|getty\s+images$|enlarge\s+this\s+image|toggle\s+caption|hide\s+caption|image\s+\d+\s+of\s+\d+|\d+\s+comments?$)
        .{0,160}
    )$").expect("valid regex")
});

pub(super) static SOCIAL_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|print|reddit|pinterest|messenger|share|copy\s+link)[\s|·•,/]*){2,}$")
        .expect("valid regex")
});

pub(super) static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)^(?:
        (?:in\s+)?(?:this|the|an?)\b[^.]{0,80}?\b(?:photo|photograph|image|picture|screenshot|screen\s+grab|handout|file\s+photo|video\s+grab)s?\b[^.]{0,60}?\b(?:shows?|showing|taken|provided|released|obtained|dated|made\s+available|posted)\b
      | \(?(?:photo|image|picture|video|graphic)(?:\s+(?:credit|courtesy))?\s*:
      | image\s+(?:copyright|caption)\b
      | file\s+photo\s*[:\-—]
      | photo\s+(?:by|courtesy\s+of)\b
      | \[(?:photo|image)\b
    )").expect("valid regex")
});

pub(super) static CAPTION_CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:[A-Z][A-Za-z]*\s+)?(?:Photo|Photos|Image|Pool\s+Photo)\s*/[^)]{1,60}\)\s*$|\((?:Getty\s+Images|AFP\s+via\s+Getty\s+Images|Reuters/[^)]+)\)\s*$")
        .expect("valid regex")
});

/// Words every caption pattern needs one of (a fast filter before the caption regexes).
pub(super) static CAPTION_HINTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
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
pub(super) static CAPTION_HINT_HEADS: ShiftAnd = ShiftAnd::new(&[
    b"photo", b"image", b"pictu", b"nshot", b"n gra", b"ndout", b"o gra", b"aphic", b"getty", b"ters/",
]);

/// Shift-and (bitap) search for a few short ASCII patterns at once, ASCII case-insensitive:
/// one table lookup and three operations per byte. Patterns are at most 64 bytes together.
pub(crate) struct ShiftAnd {
    masks: [u64; 256],
    pub(super) starts: u64,
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

pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:posted\s+by|written\s+by|reporting\s+by|by|authors?)\s*:?\s+(?P<who>\S.{0,118})$")
        .expect("valid regex")
});

pub(super) static CREDIT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = agency_names().map(regex::escape).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"^(?:\((?P<a>{agencies})\)|(?:--|—|–|-)\s*(?P<b>{agencies})|(?:source|credit)\s*:\s*(?P<c>{agencies}))\s*$"))
        .expect("valid regex")
});

pub(super) static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = agency_names().map(regex::escape).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"\s*(?:\((?P<a>{agencies})\)|(?:--|—|–)\s*(?P<b>{agencies}))\s*$"))
        .expect("valid regex")
});

pub(super) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){{0,3}}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)(?:,\s+(?P<date>(?i:{MONTH})\s+\d{{1,2}}))?(?:\s*\((?P<credit>[A-Za-z][A-Za-z .&/\-]{{0,30}})\))?\s*(?P<dash>--|—|–|-|:)\s+"
    ))
    .expect("valid regex")
});

/// First words of the lines [`SOCIAL_ONLY`] matches (lowercase).
pub(super) static SOCIAL_STARTS: StartWords = StartWords::new(&[
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
pub(super) enum Fit {
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
pub(super) fn may_be_boilerplate(line: &str) -> bool {
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
pub(super) static BYLINE_STARTS: StartWords =
    StartWords::new(&["posted", "written", "reporting", "by", "author"]);

/// The first word of the lines [`WEATHER`] matches that do not start with a digit.
pub(super) static DATE_START: StartWords = StartWords::new(&["date"]);

/// Words (lowercase ASCII, each starting with a letter) one of which starts every line an
/// anchored `(?i)` regex matches, indexed by their first letters.
pub(super) struct StartWords {
    pub(super) words: &'static [&'static str],
    /// For each letter 'a'..='z', the words starting with it (bit `i` for `words[i]`).
    by_letter: [u32; 26],
}

impl StartWords {
    pub(super) const fn new(words: &'static [&'static str]) -> StartWords {
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
pub(super) fn may_start_with(line: &str, words: &StartWords) -> bool {
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
pub(super) fn has_ascii_digit(s: &str) -> bool {
    s.as_bytes().chunks(32).any(|block| block.iter().fold(false, |d, b| d | b.is_ascii_digit()))
}

/// The number of words of a line (`split_whitespace`), counted lazily and only as far as a
/// question about it needs.
pub(super) struct WordCount<'a> {
    pub(super) line: &'a str,
    /// The count so far: exact when at most `cap`, else only known to be above `cap`.
    pub(super) count: Option<(usize, usize)>,
}

impl<'a> WordCount<'a> {
    pub(super) fn new(line: &'a str) -> Self {
        WordCount { line, count: None }
    }

    /// Whether the line has at most `n` words.
    pub(super) fn at_most(&mut self, n: usize) -> bool {
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
pub(super) static DATE_LINE_STARTS: StartWords = StartWords::new(&[
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
pub(super) const HEAD_LINES: usize = 4;

/// The cheap necessary conditions of a date line (whole or opening a line), as [`classify`]
/// tests them: at most 120 bytes, a digit or a word of [`DATE_LINE_STARTS`] first, an ASCII
/// digit somewhere.
pub(super) fn may_be_date_line(line: &str) -> bool {
    line.len() <= 120
        && (line.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || line.chars().next().is_some_and(|c| !c.is_ascii() && c.is_numeric())
            || may_start_with(line, &DATE_LINE_STARTS))
        && has_ascii_digit(line)
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
pub(super) fn may_be_caption(line: &str) -> bool {
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
pub(super) enum CaptionStart {
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

pub(super) fn caption_start(line: &[u8]) -> CaptionStart {
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
