//! Entities being built ([`Group`]) and their mentions ([`RawMention`]): grouping names of
//! organisations, places and other things by key, shortened names joining their full name, and
//! the finished [`Entity`]s.

use super::*;

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
    pub(super) kind_votes: [usize; 4],
    /// Normalised tokens of the fullest name (people) or the group key (others).
    pub(super) key: Key,
    pub mentions: Vec<RawMention>,
    pub roles: Vec<String>,
    /// Aliases as added (sorted and deduplicated when the entity is made).
    pub(super) aliases: Vec<Cow<'a, str>>,
    /// Country name for a place known only through demonyms.
    pub(super) fallback_name: Option<&'static str>,
    /// A fuller name than any single mention gives ("Mike Pompeo" from "(… Mike) Pompeo").
    pub(super) full_name: Option<String>,
    pub gender: Option<Gender>,
}

impl<'a> Group<'a> {
    pub(super) fn new(kind: EntityType, key: Key) -> Self {
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

    pub(super) fn add_role(&mut self, role: &str) {
        if !self.roles.iter().any(|r| r == role) {
            self.roles.push(role.to_string());
        }
    }

    pub(crate) fn add_alias(&mut self, alias: impl Into<Cow<'a, str>>) {
        self.aliases.push(alias.into());
    }
}

pub(super) fn kind_index(k: EntityType) -> usize {
    match k {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Misc => 3,
    }
}

/// Groups by the words of their key.
/// (The crate's one general-purpose hasher, fixed-seed foldhash: the keys are ids of one
/// article's words, nothing an input can aim at.)
pub(super) type ByKey = crate::packed::Map<Vec<WordId>, usize>;

/// The group for `key` in `by_key`, made by `new` when there is none.
pub(super) fn group_for<'a>(
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

/// Add a name mention of an organisation, place or other thing to its group (by key).
pub(super) fn add_named(
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

/// A shortened name of an organisation joins its full name in the article: "Post" and "The
/// Post" join "The Washington Post" when exactly one other organisation's (or other name's)
/// key ends with the same one or two words. Linear: one map from last word to the (at most
/// two) longer names ending with it.
pub(super) fn merge_shortened_names(groups: &mut [Group], words: &Words) {
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

/// Entities with canonical names, aliases and sorted mentions, in order of first mention.
pub(super) fn finish<'a>(article: &'a Article, groups: Vec<Group<'a>>) -> Vec<Entity> {
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

/// Add organisations, places and other names to their groups by key; demonyms go to their
/// country, a lone surname mistagged as an organisation to its person.
pub(super) fn add_other_names<'a>(
    doc: &Doc<'a>,
    groups: &mut Vec<Group<'a>>,
    by_key: &mut ByKey,
    index: &mut PersonIndex,
    starts: &mut MentionStarts,
    words: &mut Words,
    others: &[NameSpan],
) {
    let article = doc.article;
    for ns in others {
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
            let gi = group_for(groups, by_key, words, key, |key| Group::new(EntityType::Location, key));
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
            && let Some(gi) = nearest_person(groups, index, starts, words, tokens, span.start)
            && groups[gi]
                .mentions
                .iter()
                .any(|m| article.slice(m.span()).split_whitespace().any(|w| w == text))
        {
            add_person_mention(doc, &mut groups[gi], ns.first_token, ns.end_token);
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
                add_named(groups, by_key, words, part, key, ns.kind);
            }
            continue;
        }
        add_named(groups, by_key, words, span, tokens, ns.kind);
    }
}
