//! Tokens and sentences: a rule-based tokenizer close to the Penn Treebank / CoNLL
//! conventions and a sentence splitter that survives abbreviations, initials, ellipses
//! and punctuation inside closing quotes.

mod abbreviations;
mod scan;

use storyline_model::{Sentence, Token};

pub(crate) use abbreviations::*;
pub(crate) use scan::*;

pub(crate) const OPENERS: &[char] = &['"', '“', '‘', '\'', '«', '(', '[', '{', '„'];
pub(crate) const CLOSERS: &[char] = &['"', '”', '’', '\'', '»', ')', ']', '}', ',', ';', ':', '!', '?'];

fn is_closer_token(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "»" | ")" | "]" | "}")
}

/// Whether a token ending in this byte may end a sentence.
#[inline(always)]
fn ends_like_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?')
}

/// Tokenize `text[start..end]`, appending tokens with absolute byte offsets to `out`, and to
/// `ends` the indices in `out` of the tokens that end in '.', '!' or '?' (the only ones that
/// may end a sentence: see [`split_sentences`]).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>, ends: &mut Vec<usize>) {
    if text.get(start..end).is_none() {
        return;
    }
    // (`end` is a char boundary: no character of the region reads past it)
    let bytes = &text.as_bytes()[..end];
    out.reserve((end - start) / 5);
    // Byte by byte: whitespace characters and chunks both start and end on char boundaries,
    // and a continuation byte (0x80–0xBF) is never taken for the start of one.
    let mut i = start;
    let mut window = AlnumWindow::at(bytes, start);
    while i < end {
        let k = CLASS[bytes[i] as usize];
        if k & WS != 0 {
            i += 1;
            continue;
        }
        // The chunks most text is made of first: a word or number alone, or followed by one
        // closer or period ("said," "soon."), then ASCII whitespace or the region's end.
        let word_end = window.run_end(bytes, i);
        if word_end > i {
            if ascii_space_or_end(bytes, word_end) {
                out.push(Token::new(i, word_end));
                i = word_end + 1;
                continue;
            }
            if ascii_space_or_end(bytes, word_end + 1)
                && split_word_and_closer(&bytes[i..word_end + 1], i, word_end - i, out)
            {
                if ends_like_sentence(bytes[word_end]) {
                    ends.push(out.len() - 1);
                }
                i = word_end + 2;
                continue;
            }
        } else if k & MAY_SPACE != 0 {
            let w = wide_space_at(bytes, i);
            if w > 0 {
                i += w;
                continue;
            }
        }
        let first_new = out.len();
        i = tokenize_any_chunk(text, bytes, i, word_end, out);
        for (j, t) in out.iter().enumerate().skip(first_new) {
            if bytes.get(t.end.wrapping_sub(1)).is_some_and(|&b| ends_like_sentence(b)) && t.start < t.end {
                ends.push(j);
            }
        }
    }
}

/// Tokenize the chunk starting at `chunk_start` (not whitespace), whose ASCII letters and
/// digits run to `word_end`; returns where the chunk ends. `bytes` are those of `text` up to
/// the region's end.
fn tokenize_any_chunk(
    text: &str,
    bytes: &[u8],
    chunk_start: usize,
    word_end: usize,
    out: &mut Vec<Token>,
) -> usize {
    let mut seen = 0u8;
    // Runs of ASCII letters and digits (class 0: they add nothing to `seen`) eight bytes at
    // a time, the other bytes one by one.
    let mut i = word_end;
    while i < bytes.len() {
        let k = CLASS[bytes[i] as usize];
        if k & (WS | MAY_SPACE) != 0 && (k & WS != 0 || wide_space_at(bytes, i) > 0) {
            break;
        }
        seen |= k;
        i = alnum_run_end(bytes, i + 1);
    }
    let chunk = &text[chunk_start..i];
    if seen & SPLITS == 0 {
        // Fast path: no hyphen-minus, no straight double quote, and no multi-byte dash or
        // curly quote (all start with 0xE2 or 0xC2).
        if seen & NOT_ALNUM == 0 {
            out.push(Token::new(chunk_start, i)); // a plain word or number
        } else {
            peel(chunk, chunk_start, out);
        }
    } else {
        tokenize_chunk(chunk, chunk_start, out);
    }
    i
}

/// A word of ASCII letters and digits, `piece[..word_end]`, and one closer or period after it
/// ("said," "soon."), as [`peel`] splits them, pushed at `offset`; false (and nothing
/// pushed) when `piece` is not such a pair.
#[inline(always)]
fn split_word_and_closer(piece: &[u8], offset: usize, word_end: usize, out: &mut Vec<Token>) -> bool {
    if word_end == 0 || piece.len() != word_end + 1 {
        return false;
    }
    let p = piece[word_end];
    if !matches!(p, b',' | b';' | b':' | b'!' | b'?' | b')' | b'.') {
        return false;
    }
    if p == b'.' && alnum_keeps_period(&piece[..word_end]) {
        out.push(Token::new(offset, offset + word_end + 1));
    } else {
        out.push(Token::new(offset, offset + word_end));
        out.push(Token::new(offset + word_end, offset + word_end + 1));
    }
    true
}

/// Split a whitespace-free chunk at dashes and then peel punctuation off each piece.
fn tokenize_chunk(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    let mut piece_start = 0;
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < chunk.len() {
        let b = bytes[i];
        if CLASS[b as usize] & SPLITS == 0 {
            // Not a dash or a double quote mark: skip the byte (continuation bytes included).
            i += 1;
            continue;
        }
        let c = chunk[i..].chars().next().unwrap_or(' ');
        // Dashes, and double quote marks (never inside a word: `said,“Look`), stand alone.
        let dash_len = if matches!(c, '—' | '–' | '―' | '"' | '“' | '”' | '«' | '»')
            && (i > 0 || c.len_utf8() < chunk.len())
        {
            c.len_utf8()
        } else if b == b'-' && bytes.get(i + 1) == Some(&b'-') {
            bytes[i..].iter().take_while(|&&b| b == b'-').count()
        } else {
            0
        };
        if dash_len > 0 {
            peel(&chunk[piece_start..i], offset + piece_start, out);
            out.push(Token::new(offset + i, offset + i + dash_len));
            i += dash_len;
            piece_start = i;
        } else {
            i += c.len_utf8();
        }
    }
    peel(&chunk[piece_start..], offset + piece_start, out);
}

/// Splits a piece without dashes (at `offset`) into tokens: leading openers, the core (with a
/// clitic split off), then trailing closers and final periods.
fn peel(piece: &str, offset: usize, out: &mut Vec<Token>) {
    if piece.is_empty() || peel_simple_word(piece, offset, out) {
        return;
    }
    let s = peel_openers(piece, offset, out);
    // Trailing closers and final periods, pushed in reverse order and put in text order below.
    let tail_start = out.len();
    let e = peel_closers(piece, s, offset, out);
    let tail_len = out.len() - tail_start;
    if e > s {
        push_core(&piece[s..e], offset + s, out);
    }
    put_tail_after_core(out, tail_start, tail_len);
}

/// The fast paths of [`peel`]: a plain word or number; one with a closer or period ("said,");
/// one starting and ending with a letter or digit ("well-known", "Trump's"), which has no opener
/// or closer to peel, only a clitic. Pushes its tokens and returns true when `piece` is one.
#[inline(always)]
fn peel_simple_word(piece: &str, offset: usize, out: &mut Vec<Token>) -> bool {
    let bytes = piece.as_bytes();
    let word_end = alnum_run_end(bytes, 0);
    if word_end == bytes.len() {
        out.push(Token::new(offset, offset + piece.len()));
        return true;
    }
    if word_end > 0 {
        if word_end + 1 == bytes.len() && split_word_and_closer(bytes, offset, word_end, out) {
            return true;
        }
        if CLASS[bytes[bytes.len() - 1] as usize] & NOT_ALNUM == 0 {
            push_core(piece, offset, out);
            return true;
        }
    }
    false
}

/// Pushes the leading openers of `piece` (none starts with an ASCII letter or digit; a piece
/// keeps its last character); returns where the rest starts.
#[inline(always)]
fn peel_openers(piece: &str, offset: usize, out: &mut Vec<Token>) -> usize {
    let bytes = piece.as_bytes();
    let (mut s, e) = (0, piece.len());
    while e - s > 1 && CLASS[bytes[s] as usize] & NOT_ALNUM != 0 {
        let c = piece[s..e].chars().next().unwrap_or(' ');
        if !OPENERS.contains(&c) || (c == '\'' && piece[s + 1..e].starts_with(|d: char| d.is_ascii_digit())) {
            break;
        }
        out.push(Token::new(offset + s, offset + s + c.len_utf8()));
        s += c.len_utf8();
    }
    s
}

/// Pushes the trailing closers and final periods of `piece[s..]`, last first; returns where
/// they start. Each step is O(1) (a 10 MB run of closers is one chunk), so this is linear in the
/// piece.
#[inline(always)]
fn peel_closers(piece: &str, s: usize, offset: usize, out: &mut Vec<Token>) -> usize {
    let bytes = piece.as_bytes();
    let mut e = piece.len();
    // Where the first character other than '.' and '…' is: before it the core is all dots.
    let first_non_dot = {
        let mut i = s;
        loop {
            match bytes.get(i) {
                Some(b'.') => i += 1,
                Some(0xE2) if bytes[i..].starts_with("…".as_bytes()) => i += "…".len(),
                Some(_) => break i,
                None => break e,
            }
        }
    };
    loop {
        if e <= s || first_non_dot >= e {
            break;
        }
        // Every case below ends in '.', '…' (0xA6) or a closer: none ends in a letter or digit.
        let last = bytes[e - 1];
        if CLASS[last as usize] & NOT_ALNUM == 0 {
            break;
        }
        let core = &piece[s..e];
        if core.ends_with("...") && core.len() > 3 {
            out.push(Token::new(offset + e - 3, offset + e));
            e -= 3;
        } else if core.ends_with('…') && core.len() > '…'.len_utf8() {
            out.push(Token::new(offset + e - '…'.len_utf8(), offset + e));
            e -= '…'.len_utf8();
        } else if last == b'.' && core.len() > 1 && !keeps_period(&core[..core.len() - 1]) {
            out.push(Token::new(offset + e - 1, offset + e));
            e -= 1;
        } else {
            let c = core.chars().next_back().unwrap_or(' ');
            if CLOSERS.contains(&c) && core.len() > c.len_utf8() {
                out.push(Token::new(offset + e - c.len_utf8(), offset + e));
                e -= c.len_utf8();
            } else {
                break;
            }
        }
    }
    e
}

/// Pushes the core of a piece (at `offset`), split before a contraction or possessive (n't,
/// 's, 're, 've, 'll, 'm, 'd).
#[inline(always)]
fn push_core(core: &str, offset: usize, out: &mut Vec<Token>) {
    match contraction_start(core) {
        Some(cut) => {
            out.push(Token::new(offset, offset + cut));
            out.push(Token::new(offset + cut, offset + core.len()));
        }
        None => out.push(Token::new(offset, offset + core.len())),
    }
}

/// Moves the `tail_len` tokens from `tail_start` of `out` (trailing closers, last first) after
/// the core's tokens that follow them, in text order.
#[inline(always)]
fn put_tail_after_core(out: &mut [Token], tail_start: usize, tail_len: usize) {
    if tail_len == 1 && out.len() == tail_start + 2 {
        out.swap(tail_start, tail_start + 1); // [tail, core] → [core, tail]: "said," "soon."
    } else if tail_len > 0 {
        // [tail reversed, core…] → [core…, tail in text order]
        let placed = &mut out[tail_start..];
        placed.rotate_left(tail_len);
        let core_len = placed.len() - tail_len;
        placed[core_len..].reverse();
    }
}

/// Byte index where a clitic starts in `word` ("Trump's" → 5, "don't" → 2).
fn contraction_start(word: &str) -> Option<usize> {
    // A clitic is at most two bytes after its apostrophe (' or ’), so the last apostrophe
    // (`rfind`'s) only makes one when it starts in the last five bytes.
    let bytes = word.as_bytes();
    let tail = bytes.len().saturating_sub(5);
    if !bytes[tail..].iter().any(|&b| b == b'\'' || b == 0xE2) {
        return None; // (no apostrophe starts there: '’' starts with 0xE2)
    }
    let (pos, apostrophe) = (tail..bytes.len()).rev().find_map(|p| {
        if bytes[p] == b'\'' {
            Some((p, 1))
        } else {
            bytes[p..].starts_with("’".as_bytes()).then_some((p, '’'.len_utf8()))
        }
    })?;
    let suffix = &word[pos + apostrophe..];
    if pos > 0 && ["s", "re", "ve", "ll", "m", "d"].iter().any(|c| suffix.eq_ignore_ascii_case(c)) {
        return Some(pos);
    }
    let n_before = pos > 1 && word[..pos].ends_with(['n', 'N']);
    (n_before && suffix.eq_ignore_ascii_case("t")).then(|| pos - 1)
}

/// Split the tokens `tokens[first..end]` of one paragraph into sentences. `ends` are the
/// indices of those of them that end in '.', '!' or '?', in order, as [`tokenize`] gives them.
pub fn split_sentences(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    ends: &[usize],
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    // (`Span::slice`, inlined: it is a call into another crate)
    let slice = |t: &Token| text.get(t.start..t.end).unwrap_or("");
    let tok = |i: usize| slice(&tokens[i]);
    let mut sent_first = first;
    let mut i = first;
    // Only tokens ending in . ! ? can end a sentence: those of `ends`.
    let mut ends = ends.iter().copied();
    while i < end {
        match ends.find(|&e| e >= i) {
            Some(e) if e < end => i = e,
            _ => break,
        }
        let t = tok(i);
        if !t.ends_with(['.', '!', '?']) {
            i += 1;
            continue;
        }
        let terminal =
            matches!(t, "." | "!" | "?" | "?!" | "!?") || (maybe_final_abbreviation(t) && i + 1 < end);
        if !terminal {
            i += 1;
            continue;
        }
        // Absorb closing quotes and brackets attached to the terminal punctuation.
        let mut last = i;
        while last + 1 < end && is_closer_token(tok(last + 1)) && tokens[last + 1].start == tokens[last].end {
            last += 1;
        }
        // At the paragraph's end the sentence is closed below.
        let boundary = last + 1 < end && starts_sentence(tok(last + 1), tokens.get(last + 2).map(slice), t);
        if boundary {
            push(tokens, sent_first, last + 1, paragraph, out);
            sent_first = last + 1;
        }
        i = last + 1;
    }
    if sent_first < end {
        push(tokens, sent_first, end, paragraph, out);
    }
}

fn starts_sentence(next: &str, after: Option<&str>, terminal: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    let abbreviation = terminal.len() > 1 && terminal.ends_with('.') && !matches!(terminal, "?!" | "!?");
    if abbreviation {
        return STARTERS.contains(&next) || (OPENERS.contains(&first) && next.len() <= 3);
    }
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    if OPENERS.contains(&first) {
        // An opening quote or bracket followed by a capital, a digit, or nothing else known.
        return after.is_none_or(|a| a.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    }
    false
}

fn push(tokens: &[Token], first: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        paragraph,
        first_token: first,
        end_token: end,
    });
}

#[cfg(test)]
mod tests;
