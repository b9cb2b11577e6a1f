//! Entities of one article: name mentions (from the tagger) grouped into people,
//! organisations and places with a canonical name, aliases and roles; demonyms tied to their
//! country; pronouns and descriptions ("he", "the top US diplomat") linked to people.
//!
//! The input is the tagger's typed name spans ([`NameSpan`], token indices into
//! [`Article::tokens`]); the output is [`Article::entities`], in order of first mention.

mod coref;
mod lexicon;
mod person_index;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use storyline_model::{Article, Entity, EntityType, Mention, MentionKind, ParagraphRole, Span};

use lexicon::{DEMONYMS, demonym_index, given_name_gender, group_representative, lowercase, word_class};
use person_index::{MentionStarts, PersonIndex};

/// A typed name found by the tagger: tokens `first_token..end_token` of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameSpan {
    pub first_token: usize,
    pub end_token: usize,
    pub kind: EntityType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// An entity being built.
#[derive(Debug)]
pub(crate) struct Group {
    kind_votes: [usize; 4],
    /// Normalised tokens of the fullest name (people) or the group key (others).
    key: Vec<String>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<String>,
    aliases: BTreeSet<String>,
    /// Country name for a place known only through demonyms.
    fallback_name: Option<String>,
    /// A fuller name than any single mention gives ("Mike Pompeo" from "(… Mike) Pompeo").
    full_name: Option<String>,
    pub gender: Option<Gender>,
}

impl Group {
    fn new(kind: EntityType, key: Vec<String>) -> Self {
        let mut g = Group {
            kind_votes: [0; 4],
            key,
            mentions: Vec::new(),
            roles: Vec::new(),
            aliases: BTreeSet::new(),
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
        let mut buf = [0u8; 32];
        self.roles.iter().any(|r| {
            if !r.is_ascii() {
                return r.to_lowercase().split_whitespace().any(|w| w.trim_end_matches('.') == word);
            }
            // ASCII: lowering each word alone is lowering the role.
            r.split_whitespace().any(|w| lowercase(w, &mut buf).trim_end_matches('.') == word)
        })
    }

    fn add_role(&mut self, role: &str) {
        if !self.roles.iter().any(|r| r == role) {
            self.roles.push(role.to_string());
        }
    }

    pub(crate) fn add_alias(&mut self, alias: &str) {
        self.aliases.insert(alias.to_string());
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
        if w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
            return w.to_string();
        }
        let mut out = String::with_capacity(w.len());
        out.extend(w.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
        out
    } else {
        w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase()
    }
}

/// [`normalize_word`] of an ASCII word.
fn normalize_ascii_word(w: &[u8]) -> String {
    let mut out = String::with_capacity(w.len());
    for &b in w {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b.to_ascii_lowercase()));
        }
    }
    out
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

/// `normalize(name).len()`, without building the tokens.
fn normalized_len(name: &str) -> usize {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        return ascii_name_words(trimmed).filter(|w| w.iter().any(u8::is_ascii_alphanumeric)).count();
    }
    name_words(name).filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// `normalize(name).first()`, without building the other tokens.
fn normalized_first(name: &str) -> Option<String> {
    let trimmed = trim_possessive(name);
    if trimmed.is_ascii() {
        return ascii_name_words(trimmed)
            .find(|w| w.iter().any(u8::is_ascii_alphanumeric))
            .map(normalize_ascii_word);
    }
    name_words(name).map(normalize_word).find(|w| !w.is_empty())
}

/// `name`'s words (split at spaces) are `tokens`.
fn same_words(name: &str, tokens: &[String]) -> bool {
    name.split(' ').eq(tokens.iter().map(String::as_str))
}

/// The representative key of a name's group ("u.s." → "united states"), else the name.
fn group_key(tokens: Vec<String>) -> Vec<String> {
    group_representative(&tokens).map_or(tokens, |r| r.split(' ').map(str::to_string).collect())
}

/// `group_key(tokens) != tokens`: the name belongs to a group it does not represent.
fn group_key_differs(tokens: &[String]) -> bool {
    group_representative(tokens).is_some_and(|r| !same_words(r, tokens))
}

/// The group for `key` in `by_key`, made by `new` when there is none.
fn group_for(
    groups: &mut Vec<Group>,
    by_key: &mut HashMap<Vec<String>, usize>,
    key: Vec<String>,
    new: impl FnOnce(Vec<String>) -> Group,
) -> usize {
    if let Some(&gi) = by_key.get(&key) {
        return gi;
    }
    groups.push(new(key.clone()));
    by_key.insert(key, groups.len() - 1);
    groups.len() - 1
}

/// Initials of the capitalised words of a multi-word name ("United Nations" → "un").
fn acronym(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).collect();
    (words.len() >= 2)
        .then(|| words.iter().filter_map(|w| w.chars().next()).collect::<String>().to_lowercase())
}

/// Token-level view of the article for resolution.
pub(crate) struct Doc<'a> {
    pub article: &'a Article,
    /// Sentence index of every token.
    pub sentence_of: Vec<usize>,
    /// Whether each token lies in a paragraph whose entities count (not boilerplate).
    pub in_content: Vec<bool>,
    /// Name-span kind covering each token, if any.
    pub name_kind: Vec<Option<EntityType>>,
}

impl<'a> Doc<'a> {
    fn new(article: &'a Article, names: &[NameSpan]) -> Self {
        let n = article.tokens.len();
        let mut sentence_of = vec![0; n];
        let mut in_content = vec![false; n];
        for (si, s) in article.sentences.iter().enumerate() {
            let content =
                article.paragraphs.get(s.paragraph).is_some_and(|p| p.role != ParagraphRole::Boilerplate);
            for t in s.first_token..s.end_token.min(n) {
                sentence_of[t] = si;
                in_content[t] = content;
            }
        }
        let mut name_kind = vec![None; n];
        for ns in names {
            for k in name_kind.iter_mut().take(ns.end_token.min(n)).skip(ns.first_token) {
                *k = Some(ns.kind);
            }
        }
        Doc { article, sentence_of, in_content, name_kind }
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.article.slice(self.article.tokens[i].span())
    }

    pub fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.article.tokens[first].start, self.article.tokens[end - 1].end)
    }

    pub fn sentence_first_token(&self, i: usize) -> usize {
        self.article.sentences.get(self.sentence_of[i]).map_or(0, |s| s.first_token)
    }
}

/// A person's name mention before grouping.
struct PersonName {
    first: usize,
    end: usize,
    /// Normalised name tokens.
    key: Vec<String>,
    /// Where a title before the name would end (the name's first word, even across a bracket).
    anchor: usize,
    /// The full name when an editor's bracket split it ("Mike Pompeo").
    display: Option<String>,
}

/// Resolve the tagger's name spans into the article's entities.
pub fn resolve(article: &Article, names: &[NameSpan]) -> Vec<Entity> {
    let doc = Doc::new(article, names);
    let mut groups: Vec<Group> = Vec::new();
    // (first, end, normalised name) of single-token PER names
    let mut people_single: Vec<(usize, usize, Vec<String>)> = Vec::new();
    let mut others: Vec<NameSpan> = Vec::new();

    // People with full (multi-token) names first, in text order.
    let names = repair_spans(&doc, names);
    let mut people: Vec<PersonName> = Vec::new();
    let mut i = 0;
    while i < names.len() {
        let ns = names[i];
        i += 1;
        let Some((first, end)) = clean_name(&doc, &ns) else { continue };
        if !doc.in_content[first] {
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
            let mut key = normalize(given);
            key.extend(normalize(surname));
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
        let tokens = normalize(article.slice(doc.span(first, end)));
        people.push(PersonName { first, end, key: tokens, anchor: first, display: None });
    }
    let mut index = PersonIndex::default();
    let mut starts = MentionStarts::default();
    for PersonName { first, end, key: tokens, anchor, display } in people {
        if tokens.len() < 2 {
            // A bracket-split name is looked up by its surname alone.
            let token =
                if display.is_some() { normalize(article.slice(doc.span(first, end))) } else { tokens };
            people_single.push((first, end, token));
            continue;
        }
        let gi = index
            .candidates(&tokens)
            .into_iter()
            .filter(|&i| groups[i].is_person() && names_compatible(&groups[i].key, &tokens))
            .max_by_key(|&i| groups[i].mentions.last().map_or(0, |m| m.start));
        let gi = gi.unwrap_or_else(|| {
            groups.push(Group::new(EntityType::Person, tokens.clone()));
            index.add(groups.len() - 1, &tokens);
            groups.len() - 1
        });
        if tokens.len() > groups[gi].key.len() {
            index.add(gi, &tokens);
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
        let gi = nearest_person(&groups, &mut index, &mut starts, &token, span.start).unwrap_or_else(|| {
            groups.push(Group::new(EntityType::Person, token.clone()));
            index.add(groups.len() - 1, &token);
            groups.len() - 1
        });
        add_person_mention(&doc, &mut groups[gi], first, end);
    }
    // Organisations, places and other names, by group key; demonyms go to their country.
    let mut by_key: HashMap<Vec<String>, usize> = HashMap::new();
    for ns in &others {
        let span = doc.span(ns.first_token, ns.end_token);
        let text = article.slice(span);
        let singular = text.strip_suffix('s').unwrap_or(text);
        // The first demonym in the list that is the text or its singular.
        let demonym = match (demonym_index(text), demonym_index(singular)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some((_, country)) = demonym.and_then(|i| DEMONYMS.get(i)) {
            let key = group_key(normalize(country));
            let gi = group_for(&mut groups, &mut by_key, key, |key| Group::new(EntityType::Location, key));
            let g = &mut groups[gi];
            g.fallback_name.get_or_insert_with(|| country.to_string());
            g.mentions.push(Mention::new(span, text, MentionKind::Demonym, 1.0));
            continue;
        }
        let tokens = normalize(text);
        if tokens.is_empty() {
            continue;
        }
        // A lone surname mistagged as an organisation or place still names the person.
        let acronym_like = text.len() > 1 && text.chars().all(|c| c.is_uppercase() || c == '.');
        if tokens.len() == 1
            && ns.kind != EntityType::Location
            && !acronym_like
            && let Some(gi) = nearest_person(&groups, &mut index, &mut starts, &tokens, span.start)
            && groups[gi].mentions.iter().any(|m| m.text.split_whitespace().any(|w| w == text))
        {
            add_person_mention(&doc, &mut groups[gi], ns.first_token, ns.end_token);
            continue;
        }
        // "the North" names the one place called "North …" in the article.
        if tokens.len() == 1
            && ns.first_token > 0
            && doc.word(ns.first_token - 1).eq_ignore_ascii_case("the")
            && !group_key_differs(&tokens)
            && !by_key.contains_key(&tokens)
        {
            let mut matching = groups.iter().enumerate().filter(|(_, g)| {
                g.kind() == EntityType::Location && g.key.len() >= 2 && g.key[0] == tokens[0]
            });
            if let (Some((gi, _)), None) = (matching.next(), matching.next()) {
                let span = doc.span(ns.first_token - 1, ns.end_token);
                let text = article.slice(span);
                groups[gi].mentions.push(Mention::new(span, text, MentionKind::Descriptor, 0.9));
                continue;
            }
        }
        // "US-North Korea" names two places.
        let mut parts = vec![(span, tokens)];
        if let Some(h) = text.find('-')
            && text[..h].chars().all(char::is_alphabetic)
            && group_key_differs(&normalize(&text[..h]))
        {
            let (left, right) =
                (Span::new(span.start, span.start + h), Span::new(span.start + h + 1, span.end));
            parts = vec![
                (left, normalize(left.slice(&article.text))),
                (right, normalize(right.slice(&article.text))),
            ];
        }
        for (span, tokens) in parts {
            add_named(&mut groups, &mut by_key, article, span, tokens, ns.kind);
        }
    }
    merge_acronyms(&mut groups);
    coref::link(&doc, &mut groups);
    finish(groups)
}

/// Add a name mention of an organisation, place or other thing to its group (by key).
fn add_named(
    groups: &mut Vec<Group>,
    by_key: &mut HashMap<Vec<String>, usize>,
    article: &Article,
    span: Span,
    tokens: Vec<String>,
    kind: EntityType,
) {
    let differs = group_key_differs(&tokens);
    let gi = group_for(groups, by_key, group_key(tokens), |key| {
        let alias = differs.then(|| title_case(&key));
        let mut g = Group::new(kind, key);
        if let Some(alias) = alias {
            g.add_alias(&alias);
        }
        g
    });
    groups[gi].kind_votes[kind_index(kind)] += 1;
    groups[gi].mentions.push(Mention::new(span, article.slice(span), MentionKind::Name, 1.0));
}

/// Repair common tagger slips before grouping: a title tagged as an organisation ("US
/// Ambassador" → "US"), and a place split in two ("Korean" + "Peninsula").
fn repair_spans(doc: &Doc, names: &[NameSpan]) -> Vec<NameSpan> {
    let n = doc.article.tokens.len();
    let mut out: Vec<NameSpan> = Vec::with_capacity(names.len());
    for ns in names {
        let mut ns = *ns;
        ns.end_token = ns.end_token.min(n);
        if ns.first_token >= ns.end_token {
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

fn title_case(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let mut c = w.chars();
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

/// A word of a demonym, as written ("North", "Korean").
fn is_demonym(w: &str) -> bool {
    word_class(w).demonym()
}

/// A word that may sit in a role phrase: a role word, a connector or a demonym word.
fn in_role_phrase(w: &str) -> bool {
    let c = word_class(w);
    c.role_word() || c.connector() || c.demonym()
}

/// Two person names are one person: equal, one a prefix or suffix of the other, or same
/// first and last token (a middle name or initial).
pub(crate) fn names_compatible(a: &[String], b: &[String]) -> bool {
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
    token: &[String],
    pos: usize,
) -> Option<usize> {
    let [t] = token else { return None };
    let mut best: Option<(usize, (bool, usize))> = None;
    for i in index.candidates(token) {
        let g = &groups[i];
        let single_same = g.key.len() == 1 && g.key[0] == *t;
        if !g.is_person()
            || (g.key.len() < 2 && !single_same)
            || (g.key.first() != Some(t) && g.key.last() != Some(t))
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
fn add_person_mention(doc: &Doc, g: &mut Group, first: usize, end: usize) {
    let span = doc.span(first, end);
    let text = doc.article.slice(span);
    g.mentions.push(Mention::new(span, text, MentionKind::Name, 1.0));
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
    let given = normalized_first(name)?;
    given_name_gender(&given)
}

/// Start token of a title or role phrase right before a person's name ("US Secretary of State").
fn role_before(doc: &Doc, first: usize) -> Option<usize> {
    let floor = doc.sentence_first_token(first);
    let mut k = first;
    while k > floor {
        let w = doc.word(k - 1);
        let allowed = in_role_phrase(w) || (doc.name_kind[k - 1].is_some_and(|kd| kd != EntityType::Person));
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
    if end + 2 >= n || doc.word(end) != "," || doc.sentence_of[end] != doc.sentence_of[end - 1] {
        return None;
    }
    let mut k = end + 1;
    if ["the", "a", "an"].iter().any(|a| doc.word(k).eq_ignore_ascii_case(a)) {
        k += 1;
    }
    let start = k;
    while k < n && k - start < 8 && doc.sentence_of[k] == doc.sentence_of[end] && doc.word(k) != "," {
        let w = doc.word(k);
        let ok = in_role_phrase(w) || doc.name_kind[k].is_some_and(|kd| kd != EntityType::Person);
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
fn name_initials(g: &Group) -> Vec<String> {
    g.mentions.iter().filter(|m| m.kind == MentionKind::Name).filter_map(|m| acronym(&m.text)).collect()
}

/// "UN" joins "United Nations" when its letters are the other's initials.
fn merge_acronyms(groups: &mut Vec<Group>) {
    // Every group's name initials, in group order; made when a group first could merge.
    let mut initials: Option<Vec<Vec<String>>> = None;
    let mut i = 0;
    while i < groups.len() {
        let short = &groups[i];
        let merge_into = if short.is_person() || short.key.len() != 1 || short.key[0].len() > 5 {
            None
        } else {
            let k = &short.key[0];
            let initials = initials.get_or_insert_with(|| groups.iter().map(name_initials).collect());
            groups
                .iter()
                .zip(initials.iter())
                .position(|(g, initials)| !g.is_person() && g.key.len() >= 2 && initials.contains(k))
        };
        match merge_into {
            Some(j) if j != i => {
                let g = groups.remove(i);
                let j = if j > i { j - 1 } else { j };
                if let Some(initials) = initials.as_mut() {
                    let moved = initials.remove(i);
                    initials[j].extend(moved);
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

/// A mention's text as a name: possessive dropped, words joined by single spaces.
fn clean_name_text(s: &str) -> Cow<'_, str> {
    let s = trim_possessive(s);
    let clean = if s.is_ascii() {
        // One pass: no whitespace but single spaces between words (ASCII whitespace being
        // '\t'..='\r' and ' ' for `char::is_whitespace`).
        let b = s.as_bytes();
        let mut prev_space = true;
        let inner = b.iter().all(|&c| {
            let bad = matches!(c, b'\t'..=b'\r') || (c == b' ' && prev_space);
            prev_space = c == b' ';
            !bad
        });
        inner && !prev_space
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
fn finish(groups: Vec<Group>) -> Vec<Entity> {
    let mut out: Vec<Entity> = groups
        .into_iter()
        .filter(|g| !g.mentions.is_empty())
        .map(|mut g| {
            let kind = g.kind();
            g.mentions.sort_by_key(|m| (m.start, m.end));
            g.mentions.dedup_by_key(|m| (m.start, m.end));
            let names = g.mentions.iter().filter(|m| m.kind == MentionKind::Name);
            let canonical = if kind == EntityType::Person {
                names.max_by_key(|m| (normalized_len(&m.text), std::cmp::Reverse(m.start)))
            } else {
                names.max_by_key(|m| (clean_name_text(&m.text).len(), std::cmp::Reverse(m.start)))
            }
            .map(|m| clean_name_text(&m.text).into_owned());
            let canonical = match (canonical, g.full_name.take()) {
                (Some(c), Some(f)) if normalized_len(&f) > normalized_len(&c) => Some(f),
                (c, f) => c.or(f),
            };
            let name = canonical.or_else(|| g.fallback_name.clone()).unwrap_or_default();
            let mut aliases = std::mem::take(&mut g.aliases);
            for m in &g.mentions {
                if matches!(m.kind, MentionKind::Name | MentionKind::Descriptor) {
                    let alias = clean_name_text(&m.text);
                    if !aliases.contains(alias.as_ref()) {
                        aliases.insert(alias.into_owned());
                    }
                }
            }
            aliases.remove(&name);
            Entity {
                name,
                kind,
                aliases: aliases.into_iter().collect(),
                roles: g.roles,
                mentions: g.mentions,
            }
        })
        .filter(|e| !e.name.is_empty())
        .collect();
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    out
}

#[cfg(test)]
mod tests;
