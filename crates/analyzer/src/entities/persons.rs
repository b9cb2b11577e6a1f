//! People: person name mentions, whether two names are one person, titles and roles before a
//! name or in an appositive, and gender.

use super::*;

/// A person's name mention before grouping.
pub(super) struct PersonName {
    pub(super) first: usize,
    pub(super) end: usize,
    /// Normalised name tokens.
    pub(super) key: Key,
    /// Where a title before the name would end (the name's first word, even across a bracket).
    pub(super) anchor: usize,
    /// The full name when an editor's bracket split it ("Mike Pompeo").
    pub(super) display: Option<String>,
}

pub(super) fn is_role_word(w: &str) -> bool {
    word_class(w).role_word()
}

/// A word that may sit in a role phrase: a role word, a connector or a demonym word.
pub(super) fn in_role_phrase(w: &str) -> bool {
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
pub(super) fn nearest_person(
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
pub(super) fn add_person_mention<'a>(doc: &Doc<'a>, g: &mut Group<'a>, first: usize, end: usize) {
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
pub(super) fn gender_of(doc: &Doc, first: usize, name: &str) -> Option<Gender> {
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
pub(super) fn role_before(doc: &Doc, first: usize) -> Option<usize> {
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
pub(super) fn appositive_role(doc: &Doc, end: usize) -> Option<String> {
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

/// Group the people with full (multi-token) names, in text order; return the single-token
/// names: (first, end, normalised name).
pub(super) fn add_full_names<'a>(
    doc: &Doc<'a>,
    groups: &mut Vec<Group<'a>>,
    index: &mut PersonIndex,
    words: &mut Words,
    people: Vec<PersonName>,
) -> Vec<(usize, usize, Key)> {
    let article = doc.article;
    let mut people_single: Vec<(usize, usize, Key)> = Vec::with_capacity(people.len());
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
        add_person_mention(doc, &mut groups[gi], first, end);
        if anchor != first
            && let Some(role_start) = role_before(doc, anchor)
        {
            let role = article.slice(doc.span(role_start, anchor)).to_string();
            groups[gi].add_role(&role);
        }
        if let Some(d) = display {
            groups[gi].full_name.get_or_insert(d);
        }
    }
    people_single
}

/// Single-token person names join the nearest compatible person (before, else after), or make a
/// person of their own.
pub(super) fn add_single_names<'a>(
    doc: &Doc<'a>,
    groups: &mut Vec<Group<'a>>,
    index: &mut PersonIndex,
    starts: &mut MentionStarts,
    words: &mut Words,
    people_single: Vec<(usize, usize, Key)>,
) {
    for (first, end, token) in people_single {
        let span = doc.span(first, end);
        let gi = nearest_person(groups, index, starts, words, token, span.start).unwrap_or_else(|| {
            groups.push(Group::new(EntityType::Person, token));
            index.add(groups.len() - 1, words.key(token));
            groups.len() - 1
        });
        add_person_mention(doc, &mut groups[gi], first, end);
    }
}
