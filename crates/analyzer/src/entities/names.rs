//! Names as keys: normalisation (lowercase words, possessives and periods dropped), the
//! [`Key`] of a name in the article's [`Words`], name groups ("u.s." → "united states"), and a
//! name's display text.

use super::*;

/// `s` without trailing possessives: every "'s", then every "’s" (as
/// `s.trim_end_matches("'s").trim_end_matches("’s")`, without building a substring searcher).
pub(super) fn trim_possessive(mut s: &str) -> &str {
    if !s.ends_with('s') {
        // (both end in 's')
        return s;
    }
    while let Some(t) = s.strip_suffix("'s") {
        s = t;
    }
    while let Some(t) = s.strip_suffix("’s") {
        s = t;
    }
    s
}

/// The words [`normalize`] splits a name into (before cleaning; some may clean to nothing).
pub(super) fn name_words(name: &str) -> impl Iterator<Item = &str> {
    trim_possessive(name).split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
}

/// [`name_words`] of an ASCII name with its possessive trimmed (ASCII whitespace as
/// `char::is_whitespace` has it, or a hyphen, separates words).
pub(super) fn ascii_name_words(trimmed: &str) -> impl Iterator<Item = &[u8]> {
    trimmed.as_bytes().split(|&b| matches!(b, b'\t'..=b'\r' | b' ' | b'-'))
}

/// One word of a name, normalised: its letters and digits, lowercase.
pub(super) fn normalize_word(w: &str) -> String {
    if w.is_ascii() {
        // For ASCII, `char::is_alphanumeric` and lowercasing are the ASCII ones.
        return normalize_ascii_word(w.as_bytes());
    }
    w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

/// [`normalize_word`] of an ASCII word.
pub(super) fn normalize_ascii_word(w: &[u8]) -> String {
    w.iter().filter(|b| b.is_ascii_alphanumeric()).map(|&b| char::from(b.to_ascii_lowercase())).collect()
}

/// Normalised tokens of a name: lowercase, hyphens split, periods and possessives dropped.
pub(crate) fn normalize(name: &str) -> Vec<String> {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        return ascii_name_words(trimmed)
            .filter(|w| w.iter().any(u8::is_ascii_alphanumeric))
            .map(normalize_ascii_word)
            .collect();
    }
    name_words(name).map(normalize_word).filter(|w| !w.is_empty()).collect()
}

/// Calls `f` with each word of [`normalize`]`(name)` in order, an ASCII name's words made in
/// `buf` (no string allocated per word).
pub(crate) fn normalize_each(name: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        for w in ascii_name_words(trimmed).filter(|w| w.iter().any(u8::is_ascii_alphanumeric)) {
            buf.clear();
            buf.extend(
                w.iter().filter(|b| b.is_ascii_alphanumeric()).map(|&b| char::from(b.to_ascii_lowercase())),
            );
            f(buf);
        }
        return;
    }
    for w in name_words(name).map(normalize_word).filter(|w| !w.is_empty()) {
        f(&w);
    }
}

/// Push [`normalize`]`(name)` to the key being made in `words`, as word ids.
pub(super) fn normalize_into(words: &mut Words, name: &str) {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        words.push_ascii_name(trimmed.as_bytes());
        return;
    }
    for w in name_words(name) {
        if w.is_ascii() {
            // For ASCII, `char::is_alphanumeric` and lowercasing are the ASCII ones.
            if w.bytes().any(|b| b.is_ascii_alphanumeric()) {
                let id = words.id_ascii_word(w.as_bytes());
                words.push(id);
            }
            continue;
        }
        let n = normalize_word(w);
        if !n.is_empty() {
            let id = words.id(&n);
            words.push(id);
        }
    }
}

/// The key of `name` ([`normalize`]).
pub(super) fn key_of(words: &mut Words, name: &str) -> Key {
    let start = words.start_key();
    normalize_into(words, name);
    words.finish_key(start)
}

/// `normalize(name).len()`, without building the tokens.
pub(super) fn normalized_len(name: &str) -> usize {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        return ascii_name_words(trimmed).filter(|w| w.iter().any(u8::is_ascii_alphanumeric)).count();
    }
    name_words(name).filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The gender of the given name that is the first normalised word of `name`
/// ([`given_name_gender`] of `normalize(name).first()`).
pub(super) fn first_word_gender(name: &str) -> Option<Gender> {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        let w = ascii_name_words(trimmed).find(|w| w.iter().any(u8::is_ascii_alphanumeric))?;
        // No given name is longer than 15 bytes: a longer word has none.
        let mut buf = [0u8; 15];
        let mut n = 0;
        for &b in w.iter().filter(|b| b.is_ascii_alphanumeric()) {
            *buf.get_mut(n)? = b.to_ascii_lowercase();
            n += 1;
        }
        return given_name_gender(std::str::from_utf8(&buf[..n]).unwrap_or_default());
    }
    let given = name_words(name).map(normalize_word).find(|w| !w.is_empty())?;
    given_name_gender(&given)
}

/// The representative of the name group of the name with key `key` ("u.s." → "united
/// states"), if any.
pub(super) fn group_representative(words: &Words, key: &[WordId]) -> Option<&'static str> {
    let &first = key.first()?;
    if !words.starts_group_name(first) {
        return None;
    }
    lexicon::group_representative(key.iter().map(|&w| words.str(w)))
}

/// `name`'s words (split at spaces) are the words of `key`.
pub(super) fn same_words(words: &Words, name: &str, key: &[WordId]) -> bool {
    name.split(' ').eq(key.iter().map(|&w| words.str(w)))
}

/// The representative key of a name's group ("u.s." → "united states"), else the name.
pub(super) fn group_key(words: &mut Words, key: Key) -> Key {
    group_representative(words, words.key(key)).map_or(key, |r| key_of_words(words, r))
}

/// The key of `name`, lowercase words separated by single spaces (a group representative).
pub(super) fn key_of_words(words: &mut Words, name: &str) -> Key {
    let start = words.start_key();
    for w in name.split(' ') {
        let id = words.id(w);
        words.push(id);
    }
    words.finish_key(start)
}

/// `group_key(key) != key`: the name belongs to a group it does not represent.
pub(super) fn group_key_differs(words: &Words, key: Key) -> bool {
    let key = words.key(key);
    group_representative(words, key).is_some_and(|r| !same_words(words, r, key))
}

pub(super) fn title_case(words: &Words, key: Key) -> String {
    words
        .key(key)
        .iter()
        .map(|&w| {
            let mut c = words.str(w).chars();
            c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mention's text as a name: possessive dropped, words joined by single spaces.
pub(super) fn clean_name_text(s: &str) -> Cow<'_, str> {
    let s = trim_possessive(s);
    let clean = if s.is_ascii() {
        // No whitespace but single spaces between words (ASCII whitespace being '\t'..='\r'
        // and ' ' for `char::is_whitespace`), tested over adjacent pairs without branches.
        let b = s.as_bytes();
        let ws = |c: u8| matches!(c, b'\t'..=b'\r');
        match (b.first(), b.last()) {
            (Some(&first), Some(&last)) if first != b' ' && last != b' ' && !ws(last) => {
                let pairs = b.iter().zip(b.get(1..).unwrap_or_default());
                !pairs.fold(false, |bad, (&x, &y)| bad | ws(x) | (x == b' ' && y == b' '))
            }
            _ => false,
        }
    } else {
        !s.contains(|c: char| c.is_whitespace() && c != ' ')
            && !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ")
    };
    if clean {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}
