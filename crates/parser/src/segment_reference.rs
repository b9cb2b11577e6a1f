//! The tokenizer and sentence splitter as they were before the speed work (commit 0f31bb8),
//! kept as the reference the equivalence tests of `segment` compare the fast versions with.

use storyline_model::{Sentence, Token};

use crate::segment::{CLOSERS, MAYBE_FINAL, NEVER_FINAL, OPENERS, STARTERS};

fn is_closer_token(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | "»" | ")" | "]" | "}")
}

/// Tokenize `text[start..end]`, appending tokens with absolute byte offsets to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if text.get(start..end).is_none() {
        return;
    }
    let bytes = text.as_bytes();
    out.reserve((end - start) / 5);
    // Width of the whitespace character at `i` (0 when it is not whitespace).
    let space_at = |i: usize| -> usize {
        let b = bytes[i];
        if b < 0x80 {
            usize::from(b.is_ascii_whitespace())
        } else {
            text[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8)
        }
    };
    let mut i = start;
    while i < end {
        let w = space_at(i);
        if w > 0 {
            i += w;
            continue;
        }
        let chunk_start = i;
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() {
                    break;
                }
                i += 1;
            } else {
                if space_at(i) > 0 {
                    break;
                }
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        tokenize_chunk(&text[chunk_start..i], chunk_start, out);
    }
}

/// Split a whitespace-free chunk at dashes and then peel punctuation off each piece.
fn tokenize_chunk(chunk: &str, offset: usize, out: &mut Vec<Token>) {
    // Fast path: no hyphen-minus, no straight double quote, and no multi-byte dash or curly
    // quote (all start with 0xE2).
    if !chunk.bytes().any(|b| b == b'-' || b == b'"' || b == 0xE2 || b == 0xC2) {
        peel(chunk, offset, out);
        return;
    }
    let mut piece_start = 0;
    let bytes = chunk.as_bytes();
    let mut i = 0;
    while i < chunk.len() {
        let c = chunk[i..].chars().next().unwrap_or(' ');
        // Dashes, and double quote marks (never inside a word: `said,“Look`), stand alone.
        let dash_len = if matches!(c, '—' | '–' | '―' | '"' | '“' | '”' | '«' | '»')
            && (i > 0 || c.len_utf8() < chunk.len())
        {
            c.len_utf8()
        } else if bytes[i] == b'-' && bytes.get(i + 1) == Some(&b'-') {
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

fn peel(piece: &str, offset: usize, out: &mut Vec<Token>) {
    if piece.is_empty() {
        return;
    }
    // Fast path: a plain word or number.
    if piece.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(Token::new(offset, offset + piece.len()));
        return;
    }
    let (mut s, mut e) = (0, piece.len());
    // Leading openers.
    while e - s > 1 {
        let c = piece[s..e].chars().next().unwrap_or(' ');
        if !OPENERS.contains(&c) || (c == '\'' && piece[s + 1..e].starts_with(|d: char| d.is_ascii_digit())) {
            break;
        }
        out.push(Token::new(offset + s, offset + s + c.len_utf8()));
        s += c.len_utf8();
    }
    // Trailing closers and final periods, collected then emitted in order. Each step is O(1)
    // (a 10 MB run of closers is one chunk), so the loop is linear in the piece.
    let mut tail: Vec<Token> = Vec::new();
    // Where the first character other than '.' and '…' is: before it the core is all dots.
    let first_non_dot = piece[s..].find(|c| c != '.' && c != '…').map_or(e, |i| s + i);
    loop {
        if e <= s {
            break;
        }
        let core = &piece[s..e];
        let c = core.chars().next_back().unwrap_or(' ');
        if first_non_dot >= e {
            break;
        }
        if core.ends_with("...") && core.len() > 3 {
            tail.push(Token::new(offset + e - 3, offset + e));
            e -= 3;
        } else if core.ends_with('…') && core.len() > '…'.len_utf8() {
            tail.push(Token::new(offset + e - '…'.len_utf8(), offset + e));
            e -= '…'.len_utf8();
        } else if c == '.' && core.len() > 1 && !keeps_period(&core[..core.len() - 1]) {
            tail.push(Token::new(offset + e - 1, offset + e));
            e -= 1;
        } else if CLOSERS.contains(&c) && core.len() > c.len_utf8() {
            tail.push(Token::new(offset + e - c.len_utf8(), offset + e));
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    // Contractions and possessives: n't, 's, 're, 've, 'll, 'm, 'd.
    if e > s {
        let core = &piece[s..e];
        if let Some(cut) = contraction_start(core) {
            out.push(Token::new(offset + s, offset + s + cut));
            out.push(Token::new(offset + s + cut, offset + e));
        } else {
            out.push(Token::new(offset + s, offset + e));
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Byte index where a clitic starts in `word` ("Trump's" → 5, "don't" → 2).
fn contraction_start(word: &str) -> Option<usize> {
    let pos = word.rfind(['\'', '’'])?;
    let apostrophe = if word[pos..].starts_with('\'') { 1 } else { '’'.len_utf8() };
    let suffix = &word[pos + apostrophe..];
    if pos > 0 && ["s", "re", "ve", "ll", "m", "d"].iter().any(|c| suffix.eq_ignore_ascii_case(c)) {
        return Some(pos);
    }
    let n_before = pos > 1 && word[..pos].ends_with(['n', 'N']);
    (n_before && suffix.eq_ignore_ascii_case("t")).then(|| pos - 1)
}

/// The longest word `keeps_period` considers ("U.S.S.R", "Ph.D" are far shorter).
const MAX_ABBREVIATION_LEN: usize = 32;

/// Whether `word` followed by "." is an abbreviation that keeps its period.
fn keeps_period(word: &str) -> bool {
    // No abbreviation is this long; the bound keeps peeling a run of ")." linear.
    if word.len() > MAX_ABBREVIATION_LEN {
        return false;
    }
    let mut buf = [0u8; 8];
    let lower = ascii_lower(word, &mut buf);
    if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
        return true; // initials: "J." — and "U.S." built from them
    }
    if word.contains('.')
        && word.chars().any(char::is_alphabetic)
        && word.split('.').all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return true; // U.S, a.m, Ph.D, D.C
    }
    NEVER_FINAL.contains(&lower) || MAYBE_FINAL.contains(&lower)
}

/// `word` lowercased into `buf` when it is short ASCII, else `""` (no list entry is longer).
fn ascii_lower<'a>(word: &str, buf: &'a mut [u8; 8]) -> &'a str {
    if word.len() > buf.len() || !word.is_ascii() {
        return "";
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).unwrap_or("")
}

/// A token that ends with a period kept as an abbreviation that may end a sentence.
fn maybe_final_abbreviation(tok: &str) -> bool {
    let Some(word) = tok.strip_suffix('.') else { return false };
    let mut buf = [0u8; 8];
    if MAYBE_FINAL.contains(&ascii_lower(word, &mut buf)) {
        return true;
    }
    // Multi-letter dotted abbreviations (U.S., a.m., D.C.) may end a sentence; single initials don't.
    word.contains('.') && word.chars().any(char::is_alphabetic)
}

/// Split the tokens `tokens[first..end]` of one paragraph into sentences.
pub fn split_sentences(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    let tok = |i: usize| tokens[i].span().slice(text);
    let mut sent_first = first;
    let mut i = first;
    while i < end {
        let t = tok(i);
        // Only tokens ending in . ! ? can end a sentence.
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
        let boundary = last + 1 < end
            && starts_sentence(tok(last + 1), tokens.get(last + 2).map(|t| t.span().slice(text)), t);
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
