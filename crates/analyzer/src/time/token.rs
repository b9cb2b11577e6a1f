//! Tokens for the time-expression rules: words, digit runs and single punctuation
//! characters, with byte offsets, whether they touch the previous token, and a rough
//! sentence index (used for tense and for the reference time of anaphoric expressions).

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Debug)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub raw: &'a str,
    /// Lowercase form.
    pub low: Cow<'a, str>,
    pub kind: Kind,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
    /// The first character is uppercase.
    pub cap: bool,
    pub sent: usize,
}

impl Tok<'_> {
    pub fn capitalized(&self) -> bool {
        self.cap
    }
}

/// Abbreviations after which a period does not end a sentence.
fn abbrev(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "jr"
            | "sr"
            | "inc"
            | "co"
            | "corp"
            | "ltd"
            | "gen"
            | "gov"
            | "sen"
            | "rep"
            | "prof"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "no"
            | "vs"
            | "lt"
            | "col"
            | "sgt"
            | "capt"
            | "mt"
            | "ft"
    )
}

/// Byte classes for the ASCII fast path.
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const PUNCT: u8 = 3;
/// Not ASCII: part of a multi-byte character, classified after decoding.
const WIDE: u8 = 4;

/// The class of every byte: ASCII whitespace is exactly what `char::is_whitespace` accepts
/// below 0x80, ASCII letters are the ASCII `char::is_alphabetic` ones.
const CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => SPACE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            _ => PUNCT,
        };
        b += 1;
    }
    t
};

/// Punctuation of the General Punctuation block (dashes, quotes, bullets, ellipsis, primes,
/// guillemets…): not whitespace, not alphabetic, not cased. The test
/// `general_punctuation_is_plain` checks these properties.
pub(super) fn plain_punct(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// The lowercase form of the non-ASCII token `raw`: the token itself when lowercasing
/// leaves it unchanged (most punctuation), else `to_lowercase`.
fn lowercase_wide(raw: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        plain_punct(c) || {
            let mut l = c.to_lowercase();
            l.len() == 1 && l.next() == Some(c)
        }
    };
    if raw.chars().all(unchanged) { Cow::Borrowed(raw) } else { Cow::Owned(raw.to_lowercase()) }
}

/// The character starting at byte `i` of `text`, a character boundary (`' '` past the end).
fn char_at(text: &str, i: usize) -> char {
    text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ')
}

/// The tokens of `text`; `lower` is `text.to_ascii_lowercase()` (lowercase forms of ASCII
/// tokens are slices of it, so that tokens need no allocation of their own).
///
/// Works on bytes: ASCII is classified by a table, other characters are decoded (and use
/// the Unicode properties) only where they occur.
#[inline(never)]
pub(crate) fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    let bytes = text.as_bytes();
    let class = |i: usize| bytes.get(i).map_or(SPACE, |&b| CLASS[usize::from(b)]);
    // the end of the run of bytes of class `c` from `i`
    let run = |i: usize, c: u8| {
        let rest = bytes.get(i..).unwrap_or_default();
        i + rest.iter().position(|&b| CLASS[usize::from(b)] != c).unwrap_or(rest.len())
    };
    // about one token per five bytes in running text
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4);
    let mut sent = 0;
    let mut i = 0;
    // line breaks in the whitespace before the token at `i`
    let mut breaks = 0u32;
    while i < bytes.len() {
        let b = bytes[i];
        let mut end = i + 1;
        let mut ascii = true;
        let (kind, cap) = match CLASS[usize::from(b)] {
            SPACE => {
                breaks += u32::from(b == b'\n');
                i += 1;
                continue;
            }
            DIGIT => {
                end = run(end, DIGIT);
                (Kind::Num, false)
            }
            LETTER => (Kind::Word, b.is_ascii_uppercase()),
            PUNCT => (Kind::Punct, false),
            _ => {
                let c = char_at(text, i);
                end = i + c.len_utf8();
                ascii = false;
                if plain_punct(c) {
                    (Kind::Punct, false)
                } else if c.is_whitespace() {
                    i = end;
                    continue;
                } else {
                    (if c.is_alphabetic() { Kind::Word } else { Kind::Punct }, c.is_uppercase())
                }
            }
        };
        if kind == Kind::Word {
            // letters, ASCII or not (digits end a word)
            loop {
                end = run(end, LETTER);
                match class(end) {
                    WIDE => {
                        let c = char_at(text, end);
                        if plain_punct(c) || !c.is_alphabetic() {
                            break;
                        }
                        end += c.len_utf8();
                        ascii = false;
                    }
                    _ => break,
                }
            }
        }
        let glued = toks.last().is_some_and(|p| p.end == i);
        let newline = breaks > 0;
        let raw = &text[i..end];
        let low = match lower.get(i..end) {
            Some(low) if ascii => Cow::Borrowed(low),
            _ => lowercase_wide(raw),
        };
        // Sentence index: a blank line, or a stop before a capital, punctuation or a line
        // break (not the period of an abbreviation or an initial).
        if let Some(prev) = toks.last() {
            let k = toks.len();
            let after_stop = matches!(prev.raw.as_bytes(), [b'.' | b'!' | b'?'])
                && (cap || kind == Kind::Punct || newline)
                && !(prev.raw == "."
                    && k >= 2
                    && toks[k - 2].glued_to(prev)
                    && (abbrev(&toks[k - 2].low)
                        || (toks[k - 2].kind == Kind::Word && toks[k - 2].raw.chars().nth(1).is_none())));
            if breaks >= 2 || after_stop {
                sent += 1;
            }
        }
        toks.push(Tok { start: i, end, raw, low, kind, glued, cap, sent });
        breaks = 0;
        i = end;
    }
    toks
}

impl Tok<'_> {
    fn glued_to(&self, next: &Tok<'_>) -> bool {
        self.end == next.start
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Present,
    Unknown,
}

const FUTURE: &[&str] =
    &["will", "shall", "ll", "scheduled", "slated", "payable", "upcoming", "tomorrow", "ahead"];

/// Future markers only when followed by "to" ("expects to", "plans to", "going to").
const FUTURE_TO: &[&str] = &[
    "expected", "expects", "expect", "plans", "planned", "plan", "planning", "intends", "going", "set", "due",
];

/// Words before an `-ed` form that make it an adjective or a passive participle, not a
/// past tense ("the proposed", "will be paid").
const NOT_PAST_BEFORE: &[&str] =
    &["a", "an", "the", "be", "being", "to", "still", "very", "its", "their", "his", "her", "is", "are"];

const PAST: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "yesterday",
    "rose",
    "fell",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "told",
    "saw",
    "met",
    "began",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "left",
    "held",
    "ran",
    "spent",
    "became",
    "brought",
    "thought",
    "found",
    "got",
    "kept",
    "led",
    "felt",
    "struck",
    "fled",
    "wrote",
    "spoke",
    "drew",
    "grew",
    "knew",
    "flew",
    "threw",
    "shot",
    "sent",
    "built",
    "chose",
    "broke",
    "earlier",
    "previously",
    "recently",
    "been",
    "earned",
    "reported",
    "announced",
];

const PRESENT: &[&str] = &["is", "are", "am", "says", "say", "has", "have", "does", "do"];

/// Not past tense despite the `-ed` ending.
const ED_EXCEPT: &[&str] = &[
    "indeed",
    "hundred",
    "proposed",
    "united",
    "limited",
    "based",
    "interested",
    "concerned",
    "related",
    "unexpected",
    "unchanged",
    "needed",
    "speed",
    "exceed",
    "proceed",
    "succeed",
    "seed",
    "feed",
    "breed",
    "embed",
    "weighted",
    "adjusted",
    "combined",
    "detailed",
    "advanced",
    "mixed",
    "seasoned",
    "listed",
];

fn marker(toks: &[Tok<'_>], k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.low.as_ref();
    let next = toks.get(k + 1).map_or("", |n| n.low.as_ref());
    let prev = if k > 0 { toks[k - 1].low.as_ref() } else { "" };
    if FUTURE_TO.contains(&w) {
        return (next == "to").then_some(Tense::Future);
    }
    // "is to resume", "agreed to meet": an infinitive governs what follows
    if w == "to" {
        let n = toks.get(k + 1);
        let verbish = n.is_some_and(|n| {
            n.kind == Kind::Word
                && !n.capitalized()
                && !matches!(
                    n.low.as_ref(),
                    "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "that" | "be"
                )
        });
        return (verbish
            && matches!(
                prev,
                "is" | "are"
                    | "was"
                    | "were"
                    | "set"
                    | "agreed"
                    | "due"
                    | "scheduled"
                    | "expected"
                    | "plans"
                    | "planned"
                    | "going"
                    | "likely"
                    | "intends"
                    | "decided"
                    | "promised"
            ))
        .then_some(Tense::Future);
    }
    if NOT_PAST_BEFORE.contains(&prev)
        && (w.ends_with("ed") || PAST.contains(&w))
        && !matches!(w, "was" | "were" | "had" | "did" | "said" | "been")
    {
        return None;
    }
    if FUTURE.contains(&w) {
        Some(Tense::Future)
    } else if PAST.contains(&w) {
        Some(Tense::Past)
    } else if PRESENT.contains(&w) {
        Some(Tense::Present)
    } else if w.len() >= 5 && w.ends_with("ed") && !ED_EXCEPT.contains(&w) && !t.capitalized() {
        Some(Tense::Past)
    } else {
        None
    }
}

/// The tense governing tokens `a..b`: the nearest tense marker before them in the
/// sentence, else the nearest after them.
pub(crate) fn tense(toks: &[Tok<'_>], a: usize, b: usize) -> Tense {
    let Some(first) = toks.get(a) else { return Tense::Unknown };
    let sent = first.sent;
    for k in (a.saturating_sub(14)..a).rev() {
        if toks[k].sent != sent {
            break;
        }
        if let Some(t) = marker(toks, k) {
            return t;
        }
    }
    for k in b..toks.len().min(b + 14) {
        if toks[k].sent != sent {
            break;
        }
        if let Some(m) = marker(toks, k) {
            return m;
        }
    }
    Tense::Unknown
}
