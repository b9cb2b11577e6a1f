//! Acronyms: "UN" joins "United Nations" when its letters are the other's initials.

use super::*;

/// Initials of the capitalised words of a multi-word name ("United Nations" → "un"), packed;
/// `None` also when they are longer than 15 bytes (they are compared with short keys only).
pub(super) fn acronym(name: &str) -> Option<Packed> {
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

/// The initials ([`acronym`]) of a group's multi-word name mentions.
pub(super) fn name_initials(article: &Article, g: &Group) -> Vec<Packed> {
    let names = g.mentions.iter().filter(|m| m.kind == MentionKind::Name);
    names.filter_map(|m| acronym(article.slice(m.span()))).collect()
}

/// "UN" joins "United Nations" when its letters are the other's initials.
pub(super) fn merge_acronyms(article: &Article, groups: &mut Vec<Group>, words: &Words) {
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
