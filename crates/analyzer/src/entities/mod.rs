//! Entities of one article: name mentions (from the tagger) grouped into people,
//! organisations and places with a canonical name, aliases and roles; demonyms tied to their
//! country; pronouns and descriptions ("he", "the top US diplomat") linked to people.
//!
//! The input is the tagger's typed name spans ([`NameSpan`], token indices into
//! [`Article::tokens`]); the output is [`Article::entities`], in order of first mention.

mod coref;
mod lexicon;
mod person_index;
mod words;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use storyline_model::{Article, Entity, EntityType, Mention, MentionKind, ParagraphRole, Span};

use lexicon::{DEMONYMS, Packed, demonym_index, given_name_gender, word_class};
use person_index::{MentionStarts, PersonIndex};
use words::{Key, WordId, Words};

/// A typed name found by the tagger: tokens `first_token..end_token` of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameSpan {
    /// Index of its first token in the article's tokens.
    pub first_token: usize,
    /// Index after its last token.
    pub end_token: usize,
    /// The type the tagger gave it.
    pub kind: EntityType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// A mention while entities are built: its text is the article's text at `start..end`
/// (made a [`Mention`] with its text only for the mentions that are output).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawMention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    pub confidence: f32,
}

impl RawMention {
    pub fn new(span: Span, kind: MentionKind, confidence: f32) -> Self {
        RawMention { start: span.start, end: span.end, kind, confidence }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// An entity being built.
#[derive(Debug)]
pub(crate) struct Group<'a> {
    kind_votes: [usize; 4],
    /// Normalised tokens of the fullest name (people) or the group key (others).
    key: Key,
    pub mentions: Vec<RawMention>,
    pub roles: Vec<String>,
    /// Aliases as added (sorted and deduplicated when the entity is made).
    aliases: Vec<Cow<'a, str>>,
    /// Country name for a place known only through demonyms.
    fallback_name: Option<&'static str>,
    /// A fuller name than any single mention gives ("Mike Pompeo" from "(… Mike) Pompeo").
    full_name: Option<String>,
    pub gender: Option<Gender>,
}

impl<'a> Group<'a> {
    fn new(kind: EntityType, key: Key) -> Self {
        let mut g = Group {
            kind_votes: [0; 4],
            key,
            // (every group gets a mention at once; 4 is what the first push would reserve)
            mentions: Vec::with_capacity(4),
            roles: Vec::new(),
            aliases: Vec::new(),
            fallback_name: None,
            full_name: None,
            gender: None,
        };
        g.kind_votes[kind_index(kind)] += 1;
        g
    }

    pub fn kind(&self) -> EntityType {
        let best = (0..4).max_by_key(|&i| (self.kind_votes[i], std::cmp::Reverse(i))).unwrap_or(0);
        [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc][best]
    }

    pub fn is_person(&self) -> bool {
        self.kind() == EntityType::Person
    }

    /// One of the person's roles has `word` (lowercase) as a word, trailing periods aside.
    pub fn has_role_word(&self, word: &str) -> bool {
        self.roles.iter().any(|r| {
            if !r.is_ascii() {
                return r.to_lowercase().split_whitespace().any(|w| w.trim_end_matches('.') == word);
            }
            // ASCII: lowering each word alone is lowering the role, and `word` is lowercase.
            r.split_whitespace().any(|w| w.trim_end_matches('.').eq_ignore_ascii_case(word))
        })
    }

    fn add_role(&mut self, role: &str) {
        if !self.roles.iter().any(|r| r == role) {
            self.roles.push(role.to_string());
        }
    }

    pub(crate) fn add_alias(&mut self, alias: impl Into<Cow<'a, str>>) {
        self.aliases.push(alias.into());
    }
}

fn kind_index(k: EntityType) -> usize {
    match k {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Misc => 3,
    }
}

/// `s` without trailing possessives: every "'s", then every "’s" (as
/// `s.trim_end_matches("'s").trim_end_matches("’s")`, without building a substring searcher).
fn trim_possessive(mut s: &str) -> &str {
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
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    trim_possessive(name).split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
}

/// [`name_words`] of an ASCII name with its possessive trimmed (ASCII whitespace as
/// `char::is_whitespace` has it, or a hyphen, separates words).
fn ascii_name_words(trimmed: &str) -> impl Iterator<Item = &[u8]> {
    trimmed.as_bytes().split(|&b| matches!(b, b'\t'..=b'\r' | b' ' | b'-'))
}

/// One word of a name, normalised: its letters and digits, lowercase.
fn normalize_word(w: &str) -> String {
    if w.is_ascii() {
        // For ASCII, `char::is_alphanumeric` and lowercasing are the ASCII ones.
        return normalize_ascii_word(w.as_bytes());
    }
    w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
}

/// [`normalize_word`] of an ASCII word.
fn normalize_ascii_word(w: &[u8]) -> String {
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

/// Push [`normalize`]`(name)` to the key being made in `words`, as word ids.
fn normalize_into(words: &mut Words, name: &str) {
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
fn key_of(words: &mut Words, name: &str) -> Key {
    let start = words.start_key();
    normalize_into(words, name);
    words.finish_key(start)
}

/// `normalize(name).len()`, without building the tokens.
fn normalized_len(name: &str) -> usize {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        return ascii_name_words(trimmed).filter(|w| w.iter().any(u8::is_ascii_alphanumeric)).count();
    }
    name_words(name).filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// The gender of the given name that is the first normalised word of `name`
/// ([`given_name_gender`] of `normalize(name).first()`).
fn first_word_gender(name: &str) -> Option<Gender> {
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
fn group_representative(words: &Words, key: &[WordId]) -> Option<&'static str> {
    let &first = key.first()?;
    if !words.starts_group_name(first) {
        return None;
    }
    lexicon::group_representative(key.iter().map(|&w| words.str(w)))
}

/// `name`'s words (split at spaces) are the words of `key`.
fn same_words(words: &Words, name: &str, key: &[WordId]) -> bool {
    name.split(' ').eq(key.iter().map(|&w| words.str(w)))
}

/// The representative key of a name's group ("u.s." → "united states"), else the name.
fn group_key(words: &mut Words, key: Key) -> Key {
    group_representative(words, words.key(key)).map_or(key, |r| key_of_words(words, r))
}

/// The key of `name`, lowercase words separated by single spaces (a group representative).
fn key_of_words(words: &mut Words, name: &str) -> Key {
    let start = words.start_key();
    for w in name.split(' ') {
        let id = words.id(w);
        words.push(id);
    }
    words.finish_key(start)
}

/// `group_key(key) != key`: the name belongs to a group it does not represent.
fn group_key_differs(words: &Words, key: Key) -> bool {
    let key = words.key(key);
    group_representative(words, key).is_some_and(|r| !same_words(words, r, key))
}

/// Hashes a [`Key`] (the ids of one article's words: nothing an input can aim at).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::packed::mix_bytes(self.0, bytes);
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(29) ^ u64::from(n)).wrapping_mul(crate::packed::GOLDEN);
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(29) ^ n as u64).wrapping_mul(crate::packed::GOLDEN);
    }
}

/// Groups by the words of their key.
type ByKey = HashMap<Vec<WordId>, usize, BuildHasherDefault<KeyHasher>>;

/// The group for `key` in `by_key`, made by `new` when there is none.
fn group_for<'a>(
    groups: &mut Vec<Group<'a>>,
    by_key: &mut ByKey,
    words: &Words,
    key: Key,
    new: impl FnOnce(Key) -> Group<'a>,
) -> usize {
    if let Some(&gi) = by_key.get(words.key(key)) {
        return gi;
    }
    groups.push(new(key));
    by_key.insert(words.key(key).to_vec(), groups.len() - 1);
    groups.len() - 1
}

/// Initials of the capitalised words of a multi-word name ("United Nations" → "un"), packed;
/// `None` also when they are longer than 15 bytes (they are compared with short keys only).
fn acronym(name: &str) -> Option<Packed> {
    if name.is_ascii() {
        // Words are split at ASCII whitespace (`char::is_whitespace` of ASCII).
        let mut buf = [0u8; 15];
        let (mut n, mut word_start) = (0, true);
        for &b in name.as_bytes() {
            if word_start && b.is_ascii_uppercase() {
                // (16 initials or more: too long to be compared)
                *buf.get_mut(n)? = b.to_ascii_lowercase();
                n += 1;
            }
            word_start = matches!(b, b'\t'..=b'\r' | b' ');
        }
        return if n >= 2 { lexicon::pack(&buf[..n]) } else { None };
    }
    // Lowercasing a whole string may differ from lowercasing its letters one by one.
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).collect();
    let lower = words.iter().filter_map(|w| w.chars().next()).collect::<String>().to_lowercase();
    if words.len() >= 2 { lexicon::pack(lower.as_bytes()) } else { None }
}

/// What resolution looks up of one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenInfo {
    /// Its sentence's index.
    sentence: u32,
    /// It lies in a paragraph whose entities count (not boilerplate).
    content: bool,
    /// The kind of the name span covering it, if any.
    name: Option<EntityType>,
}

/// Token-level view of the article for resolution.
pub(crate) struct Doc<'a> {
    pub article: &'a Article,
    /// Every token's [`TokenInfo`].
    tokens: Vec<TokenInfo>,
}

impl<'a> Doc<'a> {
    /// The view of `article` with tagged `names`, made in `tokens` (a previous
    /// [`Doc::into_buffer`], or empty).
    fn new(article: &'a Article, names: &[NameSpan], mut tokens: Vec<TokenInfo>) -> Self {
        let n = article.tokens.len();
        tokens.clear();
        tokens.resize(n, TokenInfo::default());
        for (si, s) in article.sentences.iter().enumerate() {
            let content =
                article.paragraphs.get(s.paragraph).is_some_and(|p| p.role != ParagraphRole::Boilerplate);
            let sentence = u32::try_from(si).unwrap_or(u32::MAX);
            // (A range slice, empty when reversed or past the end: a plain loop of stores.)
            let end = s.end_token.min(n);
            for t in tokens.get_mut(s.first_token.min(end)..end).unwrap_or_default() {
                (t.sentence, t.content) = (sentence, content);
            }
        }
        for ns in names {
            let end = ns.end_token.min(n);
            for t in tokens.get_mut(ns.first_token.min(end)..end).unwrap_or_default() {
                t.name = Some(ns.kind);
            }
        }
        Doc { article, tokens }
    }

    /// The token buffer, for the next article's [`Doc::new`].
    fn into_buffer(self) -> Vec<TokenInfo> {
        self.tokens
    }

    /// Sentence index of token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.tokens[i].sentence as usize
    }

    /// Token `i` lies in a paragraph whose entities count (not boilerplate).
    pub fn in_content(&self, i: usize) -> bool {
        self.tokens[i].content
    }

    /// The kind of the name span covering token `i`, if any.
    pub fn name_kind(&self, i: usize) -> Option<EntityType> {
        self.tokens[i].name
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.article.slice(self.article.tokens[i].span())
    }

    pub fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.article.tokens[first].start, self.article.tokens[end - 1].end)
    }

    pub fn sentence_first_token(&self, i: usize) -> usize {
        self.article.sentences.get(self.sentence_of(i)).map_or(0, |s| s.first_token)
    }
}

/// A person's name mention before grouping.
struct PersonName {
    first: usize,
    end: usize,
    /// Normalised name tokens.
    key: Key,
    /// Where a title before the name would end (the name's first word, even across a bracket).
    anchor: usize,
    /// The full name when an editor's bracket split it ("Mike Pompeo").
    display: Option<String>,
}

/// Buffers kept from one article to the next on each thread.
#[derive(Default)]
struct Scratch {
    words: Words,
    index: PersonIndex,
    tokens: Vec<TokenInfo>,
    /// (kept so that its table need not grow again for each article)
    by_key: ByKey,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Resolve the tagger's name spans into the article's entities.
pub fn resolve(article: &Article, names: &[NameSpan]) -> Vec<Entity> {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => resolve_with(&mut s, article, names),
        // (not reentrant; a fresh scratch should that ever change)
        Err(_) => resolve_with(&mut Scratch::default(), article, names),
    })
}

fn resolve_with(scratch: &mut Scratch, article: &Article, names: &[NameSpan]) -> Vec<Entity> {
    let Scratch { words, index, tokens, by_key } = scratch;
    words.clear();
    index.clear();
    by_key.clear();
    let doc = Doc::new(article, names, std::mem::take(tokens));
    let mut groups: Vec<Group> = Vec::new();
    // (first, end, normalised name) of single-token PER names
    let mut people_single: Vec<(usize, usize, Key)> = Vec::new();
    let mut others: Vec<NameSpan> = Vec::new();

    // People with full (multi-token) names first, in text order.
    let names = repair_spans(&doc, names);
    // (a group per name at most, but for the rare name split in two)
    groups.reserve(names.len());
    // (each name goes to one of these lists, or to none)
    let mut people: Vec<PersonName> = Vec::with_capacity(names.len());
    others.reserve(names.len());
    let mut i = 0;
    while i < names.len() {
        let ns = names[i];
        i += 1;
        let Some((first, end)) = clean_name(&doc, &ns) else { continue };
        if !doc.in_content(first) {
            continue;
        }
        // An editor's bracket splits a name: "(Secretary of State Mike) Pompeo" — the word
        // before the bracket starts the person's name, whatever the tagger called it.
        let next_person = names.get(i).filter(|n| n.kind == EntityType::Person && n.first_token == end + 1);
        if let Some(next) = next_person
            && matches!(doc.word(end), ")" | "]")
            && doc.word(end - 1).starts_with(char::is_uppercase)
            && doc.word(end - 1).chars().all(char::is_alphabetic)
        {
            let (nf, ne) = (next.first_token, next.end_token);
            i += 1;
            let given = doc.word(end - 1);
            let surname = article.slice(doc.span(nf, ne));
            let start = words.start_key();
            normalize_into(words, given);
            normalize_into(words, surname);
            let key = words.finish_key(start);
            people.push(PersonName {
                first: nf,
                end: ne,
                key,
                anchor: end - 1,
                display: Some(format!("{given} {surname}")),
            });
            continue;
        }
        if ns.kind != EntityType::Person {
            others.push(NameSpan { first_token: first, end_token: end, kind: ns.kind });
            continue;
        }
        let tokens = key_of(words, article.slice(doc.span(first, end)));
        people.push(PersonName { first, end, key: tokens, anchor: first, display: None });
    }
    let mut starts = MentionStarts::default();
    people_single.reserve(people.len());
    for PersonName { first, end, key: tokens, anchor, display } in people {
        if tokens.len() < 2 {
            // A bracket-split name is looked up by its surname alone.
            let token =
                if display.is_some() { key_of(words, article.slice(doc.span(first, end))) } else { tokens };
            people_single.push((first, end, token));
            continue;
        }
        let gi = index
            .candidates(words.key(tokens))
            .iter()
            .copied()
            .filter(|&i| {
                groups[i].is_person() && names_compatible(words.key(groups[i].key), words.key(tokens))
            })
            .max_by_key(|&i| groups[i].mentions.last().map_or(0, |m| m.start));
        let gi = gi.unwrap_or_else(|| {
            groups.push(Group::new(EntityType::Person, tokens));
            index.add(groups.len() - 1, words.key(tokens));
            groups.len() - 1
        });
        if tokens.len() > groups[gi].key.len() {
            index.add(gi, words.key(tokens));
            groups[gi].key = tokens;
        }
        add_person_mention(&doc, &mut groups[gi], first, end);
        if anchor != first
            && let Some(role_start) = role_before(&doc, anchor)
        {
            let role = article.slice(doc.span(role_start, anchor)).to_string();
            groups[gi].add_role(&role);
        }
        if let Some(d) = display {
            groups[gi].full_name.get_or_insert(d);
        }
    }
    // Single-token names join the nearest compatible person (before, else after).
    for (first, end, token) in people_single {
        let span = doc.span(first, end);
        let gi = nearest_person(&groups, index, &mut starts, words, token, span.start).unwrap_or_else(|| {
            groups.push(Group::new(EntityType::Person, token));
            index.add(groups.len() - 1, words.key(token));
            groups.len() - 1
        });
        add_person_mention(&doc, &mut groups[gi], first, end);
    }
    // Organisations, places and other names, by group key; demonyms go to their country.
    for ns in &others {
        let span = doc.span(ns.first_token, ns.end_token);
        let text = article.slice(span);
        // The first demonym in the list that is the text or its singular (a text without a
        // final "s" is its own singular: looked up once).
        let demonym = match (demonym_index(text), text.strip_suffix('s').and_then(demonym_index)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(&(_, country)) = demonym.and_then(|i| DEMONYMS.get(i)) {
            let key = key_of(words, country);
            let key = group_key(words, key);
            let gi = group_for(&mut groups, by_key, words, key, |key| Group::new(EntityType::Location, key));
            let g = &mut groups[gi];
            g.fallback_name.get_or_insert(country);
            g.mentions.push(RawMention::new(span, MentionKind::Demonym, 1.0));
            continue;
        }
        let tokens = key_of(words, text);
        if tokens.is_empty() {
            continue;
        }
        // A lone surname mistagged as an organisation or place still names the person.
        let acronym_like = text.len() > 1 && text.chars().all(|c| c.is_uppercase() || c == '.');
        if tokens.len() == 1
            && ns.kind != EntityType::Location
            && !acronym_like
            && let Some(gi) = nearest_person(&groups, index, &mut starts, words, tokens, span.start)
            && groups[gi]
                .mentions
                .iter()
                .any(|m| article.slice(m.span()).split_whitespace().any(|w| w == text))
        {
            add_person_mention(&doc, &mut groups[gi], ns.first_token, ns.end_token);
            continue;
        }
        // "the North" names the one place called "North …" in the article.
        if tokens.len() == 1
            && ns.first_token > 0
            && doc.word(ns.first_token - 1).eq_ignore_ascii_case("the")
            && !group_key_differs(words, tokens)
            && !by_key.contains_key(words.key(tokens))
        {
            let first_word = words.key(tokens).first();
            let mut matching = groups.iter().enumerate().filter(|(_, g)| {
                g.kind() == EntityType::Location && g.key.len() >= 2 && words.key(g.key).first() == first_word
            });
            if let (Some((gi, _)), None) = (matching.next(), matching.next()) {
                let span = doc.span(ns.first_token - 1, ns.end_token);
                groups[gi].mentions.push(RawMention::new(span, MentionKind::Descriptor, 0.9));
                continue;
            }
        }
        // "US-North Korea" names two places.
        if let Some(h) = text.find('-')
            && text[..h].chars().all(char::is_alphabetic)
            && let left_key = key_of(words, &text[..h])
            && group_key_differs(words, left_key)
        {
            let (left, right) =
                (Span::new(span.start, span.start + h), Span::new(span.start + h + 1, span.end));
            for part in [left, right] {
                let key = key_of(words, part.slice(&article.text));
                add_named(&mut groups, by_key, words, part, key, ns.kind);
            }
            continue;
        }
        add_named(&mut groups, by_key, words, span, tokens, ns.kind);
    }
    merge_acronyms(article, &mut groups, words);
    merge_shortened_names(&mut groups, words);
    coref::link(&doc, &mut groups);
    *tokens = doc.into_buffer();
    finish(article, groups)
}

/// Add a name mention of an organisation, place or other thing to its group (by key).
fn add_named(
    groups: &mut Vec<Group>,
    by_key: &mut ByKey,
    words: &mut Words,
    span: Span,
    tokens: Key,
    kind: EntityType,
) {
    // (`group_key_differs` and `group_key`, the representative looked up once)
    let representative = group_representative(words, words.key(tokens));
    let differs = representative.is_some_and(|r| !same_words(words, r, words.key(tokens)));
    let key = representative.map_or(tokens, |r| key_of_words(words, r));
    let gi = group_for(groups, by_key, words, key, |key| {
        let alias = differs.then(|| title_case(words, key));
        let mut g = Group::new(kind, key);
        if let Some(alias) = alias {
            g.add_alias(alias);
        }
        g
    });
    groups[gi].kind_votes[kind_index(kind)] += 1;
    groups[gi].mentions.push(RawMention::new(span, MentionKind::Name, 1.0));
}

/// Repair common tagger slips before grouping: a title tagged as an organisation ("US
/// Ambassador" → "US"), and a place split in two ("Korean" + "Peninsula").
/// Title-case verbs of headlines that end a name the tagger ran on ("Glenn Beck Says Trump").
const HEADLINE_VERBS: &[&str] = &[
    "Says",
    "Said",
    "Tells",
    "Told",
    "Slams",
    "Blasts",
    "Warns",
    "Claims",
    "Urges",
    "Denies",
    "Admits",
    "Vows",
    "Rips",
    "Accuses",
    "Responds",
    "Defends",
    "Reveals",
    "Praises",
    "Hits",
    "Calls",
    "Wants",
    "Threatens",
];

/// Title-case nouns of headlines that are no part of a person's name ("Donna Brazile Leak").
const HEADLINE_NOUNS: &[&str] = &[
    "Leak",
    "Leaks",
    "Scandal",
    "Controversy",
    "Emails",
    "Comments",
    "Remarks",
    "Speech",
    "Interview",
    "Debate",
    "Rally",
    "Victory",
    "Win",
    "Loss",
    "Feud",
    "Row",
    "Visit",
    "Trip",
    "Attack",
    "Attacks",
    "Plan",
    "Deal",
    "Campaign",
    "Presidency",
    "Administration",
    "Impeachment",
    "Testimony",
    "Memo",
    "Tweet",
    "Tweets",
];

/// Portfolio words that the tagger takes for an organisation when a job title starts with them
/// ("Transportation" from "Transportation Commissioner Sean Duffy").
const PORTFOLIOS: &[&str] = &[
    "Transportation",
    "Defense",
    "Defence",
    "Treasury",
    "Commerce",
    "Health",
    "Education",
    "Energy",
    "Interior",
    "Justice",
    "Labor",
    "Labour",
    "Agriculture",
    "Housing",
    "Finance",
    "Foreign",
    "Home",
    "Trade",
    "Homeland",
    "Security",
    "Environment",
    "Transport",
    "Veterans",
    "Affairs",
    "State",
];

/// Job-title words that follow a portfolio ("Transportation Commissioner").
const TITLE_HEADS: &[&str] = &[
    "Commissioner",
    "Secretary",
    "Minister",
    "Director",
    "Chief",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Official",
    "Officials",
    "Undersecretary",
    "Adviser",
    "Advisor",
    "Czar",
];

fn repair_spans(doc: &Doc, names: &[NameSpan]) -> Vec<NameSpan> {
    let n = doc.article.tokens.len();
    let mut out: Vec<NameSpan> = Vec::with_capacity(names.len());
    let mut queue: Vec<NameSpan> = Vec::new();
    let mut it = names.iter().copied();
    while let Some(mut ns) = queue.pop().or_else(|| it.next()) {
        ns.end_token = ns.end_token.min(n);
        if ns.first_token >= ns.end_token {
            continue;
        }
        // A headline verb inside the name ends it; the words after it are a name of their own.
        if let Some(k) = (ns.first_token + 1..ns.end_token).find(|&k| HEADLINE_VERBS.contains(&doc.word(k))) {
            if k + 1 < ns.end_token {
                queue.push(NameSpan { first_token: k + 1, end_token: ns.end_token, kind: ns.kind });
            }
            ns.end_token = k;
        }
        if ns.kind == EntityType::Person {
            while ns.end_token - ns.first_token > 1 && HEADLINE_NOUNS.contains(&doc.word(ns.end_token - 1)) {
                ns.end_token -= 1;
            }
        }
        // "Transportation Commissioner Sean Duffy": the portfolio is part of a title, not an
        // organisation.
        if ns.kind != EntityType::Person
            && (ns.first_token..ns.end_token).all(|k| PORTFOLIOS.contains(&doc.word(k)))
            && ns.end_token < n
            && TITLE_HEADS.contains(&doc.word(ns.end_token))
        {
            continue;
        }
        if ns.kind != EntityType::Person {
            while ns.end_token - ns.first_token > 1 && word_class(doc.word(ns.end_token - 1)).role_head() {
                ns.end_token -= 1;
            }
        }
        let last = doc.word(ns.end_token - 1);
        if let Some(prev) = out.last_mut()
            && prev.end_token == ns.first_token
            && prev.kind != EntityType::Person
            && ns.kind != EntityType::Person
            && word_class(last).place_head()
        {
            prev.end_token = ns.end_token;
            prev.kind = EntityType::Location;
            continue;
        }
        if ns.kind != EntityType::Person && word_class(last).place_head() && ns.end_token - ns.first_token > 1
        {
            ns.kind = EntityType::Location;
        }
        out.push(ns);
    }
    out
}

fn title_case(words: &Words, key: Key) -> String {
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

/// Trim a name span: drop a trailing possessive and leading title words the tagger took in.
fn clean_name(doc: &Doc, ns: &NameSpan) -> Option<(usize, usize)> {
    let (mut first, mut end) = (ns.first_token, ns.end_token.min(doc.article.tokens.len()));
    while end > first && matches!(doc.word(end - 1), "'s" | "’s" | "'" | "’" | "," | "." | ")" | "(") {
        end -= 1;
    }
    while end > first && matches!(doc.word(first), "(" | "\"" | "“" | "'" | "‘") {
        first += 1;
    }
    if ns.kind == EntityType::Person {
        while end - first > 1 && is_role_word(doc.word(first)) {
            first += 1;
        }
    }
    (end > first).then_some((first, end))
}

fn is_role_word(w: &str) -> bool {
    word_class(w).role_word()
}

/// A word that may sit in a role phrase: a role word, a connector or a demonym word.
fn in_role_phrase(w: &str) -> bool {
    let c = word_class(w);
    c.role_word() || c.connector() || c.demonym()
}

/// Two person names are one person: equal, one a prefix or suffix of the other, or same
/// first and last token (a middle name or initial).
pub(crate) fn names_compatible<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    long.starts_with(short)
        || long.ends_with(short)
        || (short.len() >= 2 && short.first() == long.first() && short.last() == long.last())
}

/// The person whose first or last name is `token`, mentioned nearest before `pos` (else after).
fn nearest_person(
    groups: &[Group],
    index: &mut PersonIndex,
    starts: &mut MentionStarts,
    words: &Words,
    token: Key,
    pos: usize,
) -> Option<usize> {
    let token = words.key(token);
    let [t] = token else { return None };
    let mut best: Option<(usize, (bool, usize))> = None;
    for &i in index.candidates(token) {
        let g = &groups[i];
        let key = words.key(g.key);
        let single_same = key.len() == 1 && key[0] == *t;
        if !g.is_person()
            || (key.len() < 2 && !single_same)
            || (key.first() != Some(t) && key.last() != Some(t))
        {
            continue;
        }
        let (before, after) = starts.nearest(i, &g.mentions, pos);
        // Rank: a mention before beats any after; then the smaller distance.
        let rank = match (before, after) {
            (Some(d), _) => (true, usize::MAX - d),
            (None, Some(d)) => (false, usize::MAX - d),
            (None, None) => continue,
        };
        if best.is_none_or(|(_, r)| rank > r) {
            best = Some((i, rank));
        }
    }
    best.map(|(i, _)| i)
}

/// Record a person's name mention with its title ("President Donald Trump") and roles.
fn add_person_mention<'a>(doc: &Doc<'a>, g: &mut Group<'a>, first: usize, end: usize) {
    let span = doc.span(first, end);
    let text = doc.article.slice(span);
    g.mentions.push(RawMention::new(span, MentionKind::Name, 1.0));
    if g.gender.is_none() {
        g.gender = gender_of(doc, first, text);
    }
    if let Some(role_start) = role_before(doc, first) {
        let role = doc.article.slice(doc.span(role_start, first)).to_string();
        let honorific =
            matches!(role.to_lowercase().as_str(), "mr." | "mrs." | "ms." | "dr." | "mr" | "mrs" | "ms");
        if !honorific {
            g.add_role(&role);
        }
        g.add_alias(doc.article.slice(doc.span(role_start, end)));
    }
    if let Some(role) = appositive_role(doc, end) {
        g.add_role(&role);
    }
}

/// Gender of the person named `name` at token `first`: by a title before it, else by the
/// given name.
fn gender_of(doc: &Doc, first: usize, name: &str) -> Option<Gender> {
    if first > 0 {
        match doc.word(first - 1) {
            "Mr." | "Mr" => return Some(Gender::Male),
            "Mrs." | "Ms." | "Mrs" | "Ms" | "Madam" => return Some(Gender::Female),
            _ => {}
        }
    }
    first_word_gender(name)
}

/// Start token of a title or role phrase right before a person's name ("US Secretary of State").
fn role_before(doc: &Doc, first: usize) -> Option<usize> {
    let floor = doc.sentence_first_token(first);
    let mut k = first;
    while k > floor {
        let w = doc.word(k - 1);
        let allowed = in_role_phrase(w) || (doc.name_kind(k - 1).is_some_and(|kd| kd != EntityType::Person));
        if !allowed {
            break;
        }
        k -= 1;
    }
    // Drop leading connectors ("the", "of") and demand a head noun.
    while k < first && word_class(doc.word(k)).connector() {
        k += 1;
    }
    let has_head = (k..first).any(|i| word_class(doc.word(i)).role_head());
    // A role ends in its head or a name ("Ambassador to the United Nations"), not a connector.
    let ends_well = first > k && !word_class(doc.word(first - 1)).connector();
    (has_head && ends_well).then_some(k)
}

/// "Mike Pompeo, the US secretary of state, said" → "US secretary of state".
fn appositive_role(doc: &Doc, end: usize) -> Option<String> {
    let n = doc.article.tokens.len();
    if end + 2 >= n || doc.word(end) != "," || doc.sentence_of(end) != doc.sentence_of(end - 1) {
        return None;
    }
    let mut k = end + 1;
    if ["the", "a", "an"].iter().any(|a| doc.word(k).eq_ignore_ascii_case(a)) {
        k += 1;
    }
    let start = k;
    while k < n && k - start < 8 && doc.sentence_of(k) == doc.sentence_of(end) && doc.word(k) != "," {
        let w = doc.word(k);
        let ok = in_role_phrase(w) || doc.name_kind(k).is_some_and(|kd| kd != EntityType::Person);
        if !ok {
            return None;
        }
        k += 1;
    }
    let closed = k < n && doc.word(k) == ",";
    let has_head = (start..k).any(|i| word_class(doc.word(i)).role_head());
    (closed && has_head && k > start).then(|| doc.article.slice(doc.span(start, k)).to_string())
}

/// The initials ([`acronym`]) of a group's multi-word name mentions.
fn name_initials(article: &Article, g: &Group) -> Vec<Packed> {
    let names = g.mentions.iter().filter(|m| m.kind == MentionKind::Name);
    names.filter_map(|m| acronym(article.slice(m.span()))).collect()
}

/// "UN" joins "United Nations" when its letters are the other's initials.
fn merge_acronyms(article: &Article, groups: &mut Vec<Group>, words: &Words) {
    // Each group's name initials, in group order (empty until a group first could merge),
    // each made when first needed: a group's mentions, and so its initials, change only when
    // another group merges into it.
    let mut initials: Vec<Option<Vec<Packed>>> = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let short = &groups[i];
        let merge_into = match *words.key(short.key) {
            [k] if !short.is_person() && words.bytes(k).len() <= 5 => {
                let k = lexicon::pack(words.bytes(k));
                initials.resize(groups.len(), None);
                (0..groups.len()).find(|&j| {
                    let g = &groups[j];
                    !g.is_person()
                        && g.key.len() >= 2
                        && initials[j]
                            .get_or_insert_with(|| name_initials(article, g))
                            .iter()
                            .any(|&a| Some(a) == k)
                })
            }
            _ => None,
        };
        match merge_into {
            Some(j) if j != i => {
                let g = groups.remove(i);
                let j = if j > i { j - 1 } else { j };
                if i < initials.len() {
                    initials.remove(i);
                }
                if let Some(made) = initials.get_mut(j) {
                    // (made again from all its mentions when next needed)
                    *made = None;
                }
                let target = &mut groups[j];
                for v in 0..4 {
                    target.kind_votes[v] += g.kind_votes[v];
                }
                target.mentions.extend(g.mentions);
                target.aliases.extend(g.aliases);
            }
            _ => i += 1,
        }
    }
}

/// A shortened name of an organisation joins its full name in the article: "Post" and "The
/// Post" join "The Washington Post" when exactly one other organisation's (or other name's)
/// key ends with the same one or two words. Linear: one map from last word to the (at most
/// two) longer names ending with it.
fn merge_shortened_names(groups: &mut [Group], words: &Words) {
    let mut by_last: HashMap<WordId, (usize, Option<usize>)> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        let key = words.key(g.key);
        if g.is_person() || g.kind() == EntityType::Location || key.len() < 2 {
            continue;
        }
        if let Some(&last) = key.last() {
            by_last.entry(last).and_modify(|e| e.1 = e.1.or(Some(i))).or_insert((i, None));
        }
    }
    for i in 0..groups.len() {
        let short = &groups[i];
        let key = words.key(short.key);
        if short.is_person() || short.kind() == EntityType::Location || key.is_empty() || key.len() > 2 {
            continue;
        }
        let Some(&(j, None)) = key.last().and_then(|l| by_last.get(l)) else { continue };
        if j == i || !words.key(groups[j].key).ends_with(key) || words.key(groups[j].key).len() <= key.len() {
            continue;
        }
        let g = std::mem::take(&mut groups[i].mentions);
        let aliases = std::mem::take(&mut groups[i].aliases);
        let votes = groups[i].kind_votes;
        let target = &mut groups[j];
        for (t, v) in target.kind_votes.iter_mut().zip(votes) {
            *t += v;
        }
        target.mentions.extend(g);
        target.aliases.extend(aliases);
    }
}

/// A mention's text as a name: possessive dropped, words joined by single spaces.
fn clean_name_text(s: &str) -> Cow<'_, str> {
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

/// Entities with canonical names, aliases and sorted mentions, in order of first mention.
fn finish<'a>(article: &'a Article, groups: Vec<Group<'a>>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(groups.len());
    // The name and descriptor mentions of a group but for repeats that change nothing:
    // (mention, its text as a name).
    let mut named: Vec<(RawMention, Cow<'a, str>)> = Vec::new();
    for mut g in groups {
        if g.mentions.is_empty() {
            continue;
        }
        let kind = g.kind();
        // (mostly in order already: names are grouped in text order)
        if !g.mentions.is_sorted_by_key(|m| (m.start, m.end)) {
            g.mentions.sort_by_key(|m| (m.start, m.end));
        }
        g.mentions.dedup_by_key(|m| (m.start, m.end));
        named.clear();
        let mut last: Option<(&str, MentionKind)> = None;
        for &m in g.mentions.iter().filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Descriptor))
        {
            let text = article.slice(m.span());
            // A name said again right after (same text and kind) adds no alias, and cannot be
            // the canonical name: its saying before wins the tie.
            if last == Some((text, m.kind)) {
                continue;
            }
            last = Some((text, m.kind));
            named.push((m, clean_name_text(text)));
        }
        let names = named.iter().filter(|(m, _)| m.kind == MentionKind::Name);
        let canonical = if kind == EntityType::Person {
            names.max_by_key(|(m, _)| (normalized_len(article.slice(m.span())), std::cmp::Reverse(m.start)))
        } else {
            names.max_by_key(|(m, clean)| (clean.len(), std::cmp::Reverse(m.start)))
        }
        .map(|(_, clean)| clean.to_string());
        let canonical = match (canonical, g.full_name.take()) {
            (Some(c), Some(f)) if normalized_len(&f) > normalized_len(&c) => Some(f),
            (c, f) => c.or(f),
        };
        let Some(name) = canonical.or_else(|| g.fallback_name.map(str::to_string)).filter(|n| !n.is_empty())
        else {
            continue;
        };
        let mut aliases = std::mem::take(&mut g.aliases);
        aliases.extend(named.drain(..).map(|(_, clean)| clean));
        aliases.sort_unstable();
        aliases.dedup();
        let mentions = g
            .mentions
            .iter()
            .map(|m| Mention::new(m.span(), article.slice(m.span()), m.kind, m.confidence))
            .collect();
        out.push(Entity {
            kind,
            aliases: aliases.into_iter().filter(|a| *a != name).map(Cow::into_owned).collect(),
            name,
            roles: g.roles,
            mentions,
        });
    }
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    out
}

#[cfg(test)]
mod tests;
