//! Quote marks: the quoted regions of a paragraph, found in one linear scan.
//!
//! Double quotes (`"`, `“ ”`, `„`, `«»`) and the NYT convention of two apostrophes (`''`)
//! delimit quotes; single quotes (`'`, `‘ ’`) are apostrophes or nested quotes and never
//! open a top-level region (except `‘` directly at a paragraph start, which some outlets use
//! as their only quote mark).

/// A quoted region of a paragraph: `start..end` in bytes of the article text, marks included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Region {
    pub start: usize,
    pub end: usize,
    /// No closing mark before the paragraph's end (a quote that runs on into the next paragraph).
    pub open_end: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Straight,
    Curly,
    Apostrophes,
    Guillemet,
    Single,
}

/// Finds the bytes that can start a quote mark: `"`, `'`, and the first bytes of `«`/`»` (0xC2)
/// and of the curly quotes (0xE2). `memchr3` takes three bytes, so 0xC2 is searched on its own.
struct MarkBytes<'a> {
    b: &'a [u8],
    /// The first 0xC2 at or after the last search's start (`b.len()` when there is none).
    c2: usize,
}

impl<'a> MarkBytes<'a> {
    fn new(b: &'a [u8]) -> Self {
        MarkBytes { b, c2: memchr::memchr(0xC2, b).unwrap_or(b.len()) }
    }

    /// The first such byte at or after `from`.
    fn find(&mut self, from: usize) -> Option<usize> {
        let rest = self.b.get(from..)?;
        if self.c2 < from {
            self.c2 = memchr::memchr(0xC2, rest).map_or(self.b.len(), |i| from + i);
        }
        let before_c2 = self.b.get(from..self.c2)?;
        match memchr::memchr3(b'"', b'\'', 0xE2, before_c2) {
            Some(i) => Some(from + i),
            None => (self.c2 < self.b.len()).then_some(self.c2),
        }
    }
}

/// Whether `s` holds a double quote mark: `"`, `“`, `”`, NYT `''`, and with `guillemets`
/// also `«` and `»`.
pub(crate) fn has_double_mark(s: &str, guillemets: bool) -> bool {
    let b = s.as_bytes();
    let mut marks = MarkBytes::new(b);
    let mut at = 0;
    while let Some(i) = marks.find(at) {
        let found = match b[i] {
            b'"' => true,
            b'\'' => b.get(i + 1) == Some(&b'\''),
            // “ U+201C, ” U+201D
            0xE2 => matches!(b.get(i + 1..i + 3), Some([0x80, 0x9C | 0x9D])),
            // « U+00AB, » U+00BB
            _ => guillemets && matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        };
        if found {
            return true;
        }
        at = i + 1;
    }
    false
}

/// A left double quote, low quote or guillemet (`kind`) at byte `i` of the paragraph that starts
/// at `start` (`at`: `(start, i)`): it opens a quote, or, looking like an opener inside an open
/// straight quote, closes that one as never closed and opens its own.
fn open_double(
    open: &mut Option<(usize, Open)>,
    out: &mut Vec<Region>,
    at: (usize, usize),
    kind: Open,
    opener_like: bool,
) {
    let (start, i) = at;
    match *open {
        None => *open = Some((i, kind)),
        // A new opener inside an open straight quote that looks like an opener: the earlier
        // mark was never closed.
        Some((s, Open::Straight | Open::Apostrophes)) if opener_like => {
            out.push(Region { start: start + s, end: start + i, open_end: true });
            *open = Some((i, kind));
        }
        _ => {}
    }
}

/// A straight double quote at byte `i` of the paragraph that starts at `start` (`at`:
/// `(start, i)`): it opens a quote (unless it reads as closing one we never saw open), closes
/// the open one, or, looking like an opener, leaves the open one unclosed and opens its own.
fn straight_quote(
    open: &mut Option<(usize, Open)>,
    out: &mut Vec<Region>,
    at: (usize, usize),
    closer_like: bool,
    opener_like: bool,
) {
    let (start, i) = at;
    match *open {
        None => {
            if !closer_like {
                *open = Some((i, Open::Straight));
            }
        }
        Some((s, k)) => {
            if k == Open::Straight && i > s + 1 && opener_like {
                // Looks like an opener: the previous one was left open.
                out.push(Region { start: start + s, end: start + i, open_end: true });
                *open = Some((i, Open::Straight));
            } else if k != Open::Single {
                out.push(Region { start: start + s, end: start + i + 1, open_end: false });
                *open = None;
            }
        }
    }
}

/// The quoted regions of `text[start..end]`, in text order.
pub(crate) fn regions(text: &str, start: usize, end: usize) -> Vec<Region> {
    let Some(p) = text.get(start..end) else { return Vec::new() };
    let b = p.as_bytes();
    let mut out = Vec::new();
    let mut open: Option<(usize, Open)> = None;
    let prev_char = |i: usize| p[..i].chars().next_back();
    let mut marks = MarkBytes::new(b);
    let mut at = 0;
    // Every quote mark starts with one of the bytes `MarkBytes` finds (a character's first
    // byte): the rest is skipped without decoding it.
    while let Some(i) = marks.find(at) {
        let Some(c) = p[i..].chars().next() else { break };
        at = i + c.len_utf8();
        // Other characters with these first bytes (`—`, `…`, `é`).
        if !matches!(c, '"' | '\'' | '“' | '”' | '„' | '«' | '»' | '‘' | '’') {
            continue;
        }
        let next = p[at..].chars().next();
        // (Only some marks in some states need it.)
        let opener_like = || {
            prev_char(i).is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c))
                && next.is_some_and(|c| !c.is_whitespace())
        };
        match c {
            '“' | '„' | '«' => {
                let kind = if c == '«' { Open::Guillemet } else { Open::Curly };
                open_double(&mut open, &mut out, (start, i), kind, opener_like());
            }
            // A right curly quote typed as the opener (`”We will win.”`): at the paragraph's
            // start, or before a capital after a space, with no quote open.
            '”' if open.is_none()
                && opener_like()
                && (i == 0 || next.is_some_and(char::is_uppercase))
                && p[i + c.len_utf8()..].contains(['”', '"']) =>
            {
                open = Some((i, Open::Curly));
            }
            '”' | '»' => {
                if let Some((s, k)) = open
                    && k != Open::Single
                {
                    out.push(Region { start: start + s, end: start + i + c.len_utf8(), open_end: false });
                    open = None;
                }
            }
            '"' => {
                // A straight quote glued to a word on its left and followed by space closes
                // nothing we know of: skip it rather than flip every later quote.
                let closer_like = prev_char(i).is_some_and(char::is_alphanumeric)
                    && next.is_none_or(|c| c.is_whitespace() || ",.;:!?".contains(c));
                straight_quote(&mut open, &mut out, (start, i), closer_like, opener_like());
            }
            '\'' if b.get(i + 1) == Some(&b'\'') => {
                at += 1;
                match open {
                    None => open = Some((i, Open::Apostrophes)),
                    Some((s, k)) if k != Open::Single => {
                        // `'old-school,'''`: a single quote inside closes right before.
                        let e = if b.get(i + 2) == Some(&b'\'') { i + 3 } else { i + 2 };
                        at = e;
                        out.push(Region { start: start + s, end: start + e, open_end: false });
                        open = None;
                    }
                    _ => {}
                }
            }
            // `“It was an attempt to mislead voters,’’ Will Moy … told the BBC`: two right single
            // quotes typed for the closing double one.
            '’' if p[at..].starts_with('’') && open.is_some_and(|(_, k)| k != Open::Single) => {
                if let Some((s, _)) = open {
                    at += '’'.len_utf8();
                    out.push(Region { start: start + s, end: start + at, open_end: false });
                    open = None;
                }
            }
            '‘' if i == 0 && open.is_none() => open = Some((i, Open::Single)),
            '’' => {
                if let Some((s, Open::Single)) = open
                    && next.is_none_or(|c| !c.is_alphanumeric())
                {
                    out.push(Region { start: start + s, end: start + i + c.len_utf8(), open_end: false });
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((s, k)) = open {
        // An unclosed single quote at the paragraph start was an apostrophe after all.
        if k != Open::Single {
            let e = p.trim_end().len();
            if e > s + 1 {
                out.push(Region { start: start + s, end: start + e, open_end: true });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, bool)> {
        regions(s, 0, s.len()).into_iter().map(|r| (&s[r.start..r.end], r.open_end)).collect()
    }

    #[test]
    fn straight_curly_and_apostrophes() {
        assert_eq!(texts(r#""Yes," he said. "No.""#), [(r#""Yes,""#, false), (r#""No.""#, false)]);
        assert_eq!(texts("“Don’t,” Trump’s aide said of the ’90s."), [("“Don’t,”", false)]);
        assert_eq!(texts("''I don't like it,'' he said."), [("''I don't like it,''", false)]);
        assert_eq!(
            texts("“It was an attempt to mislead voters,’’ Moy told the BBC. “And I think so.”"),
            [("“It was an attempt to mislead voters,’’", false), ("“And I think so.”", false)]
        );
        assert_eq!(texts("the Joneses' house and Trump's plan"), []);
        assert_eq!(texts("“It’s ‘fake news,’ ” he said"), [("“It’s ‘fake news,’ ”", false)]);
    }

    #[test]
    fn three_apostrophes_close_an_inner_and_the_outer_quote() {
        assert_eq!(
            texts("''I would use the word 'old-school,''' said Slayton. ''Humility.''"),
            [("''I would use the word 'old-school,'''", false), ("''Humility.''", false)]
        );
    }

    #[test]
    fn unclosed_quotes_run_to_the_paragraph_end() {
        assert_eq!(texts("\"We will win. We always win."), [("\"We will win. We always win.", true)]);
        assert_eq!(texts("He said \"yes and then \"no\""), [("\"yes and then ", true), ("\"no\"", false)]);
    }
}
