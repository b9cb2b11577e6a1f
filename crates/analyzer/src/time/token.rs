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
    /// A line break precedes this token.
    pub newline: bool,
    pub sent: usize,
}

impl Tok<'_> {
    pub fn capitalized(&self) -> bool {
        self.raw.chars().next().is_some_and(char::is_uppercase)
    }
}

/// Abbreviations after which a period does not end a sentence.
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "co", "corp", "ltd", "gen", "gov", "sen", "rep",
    "prof", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "vs", "lt", "col", "sgt",
    "capt", "mt", "ft",
];

/// The lowercase form of the token `start..end`: a slice of `lower` (the text with ASCII
/// letters lowercased, same offsets) when ASCII, else `to_lowercase`.
fn lowercase<'a>(text: &'a str, lower: &'a str, start: usize, end: usize) -> Cow<'a, str> {
    let raw = &text[start..end];
    match lower.get(start..end) {
        Some(low) if raw.is_ascii() => Cow::Borrowed(low),
        _ => Cow::Owned(raw.to_lowercase()),
    }
}

/// The character at byte `i` of `text`, a character boundary; without decoding for ASCII.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => char::from(b),
        _ => text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' '),
    }
}

/// The tokens of `text`; `lower` is `text.to_ascii_lowercase()` (lowercase forms of ASCII
/// tokens are slices of it, so that tokens need no allocation of their own).
pub(crate) fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Tok<'a>> {
    // about one token per five bytes in running text
    let mut toks: Vec<Tok<'a>> = Vec::with_capacity(text.len() / 4);
    let mut prev_end = 0usize;
    let mut i = 0;
    while i < text.len() {
        let c = char_at(text, i);
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != Kind::Punct {
            while end < text.len() {
                let d = char_at(text, end);
                let same = match kind {
                    Kind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic() && !d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end += d.len_utf8();
            }
        }
        let gap = &text[prev_end..i];
        let glued = !toks.is_empty() && gap.is_empty();
        let newline = gap.contains('\n');
        let raw = &text[i..end];
        toks.push(Tok {
            start: i,
            end,
            raw,
            low: lowercase(text, lower, i, end),
            kind,
            glued,
            newline,
            sent: 0,
        });
        prev_end = end;
        i = end;
    }
    // Sentence indices.
    let mut sent = 0;
    for k in 0..toks.len() {
        if k > 0 {
            let prev = &toks[k - 1];
            let cur = &toks[k];
            let blank_line = cur.newline && text[prev.end..cur.start].matches('\n').count() >= 2;
            let after_stop = matches!(prev.raw, "." | "!" | "?")
                && (cur.capitalized() || cur.kind == Kind::Punct || cur.newline)
                && !(prev.raw == "."
                    && k >= 2
                    && toks[k - 2].glued_to(prev)
                    && (ABBREV.contains(&toks[k - 2].low.as_ref())
                        || (toks[k - 2].kind == Kind::Word && toks[k - 2].raw.chars().count() == 1)));
            if blank_line || after_stop {
                sent += 1;
            }
        }
        toks[k].sent = sent;
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
