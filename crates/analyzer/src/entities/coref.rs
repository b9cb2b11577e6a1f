//! Speaker coreference: "he"/"she" and descriptions such as "the top US diplomat" or
//! "the president" linked to the most likely person, with a confidence.

use storyline_model::{Mention, MentionKind, ParagraphRole};

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use super::lexicon::{FEMALE_PRONOUNS, Fnv, MALE_PRONOUNS, lowercase};
use super::{Doc, Gender, Group};

/// Heads of person descriptions, with the role words that make a person fit them.
const DESCRIPTOR_HEADS: &[(&str, &[&str])] = &[
    ("diplomat", &["secretary", "minister", "ambassador", "envoy", "diplomat"]),
    ("president", &["president"]),
    ("leader", &["leader", "president", "premier", "chancellor", "chairman", "minister"]),
    ("secretary", &["secretary"]),
    ("ambassador", &["ambassador"]),
    ("envoy", &["envoy", "ambassador"]),
    ("minister", &["minister"]),
    ("premier", &["premier", "minister"]),
    ("chancellor", &["chancellor"]),
    ("senator", &["senator", "sen."]),
    ("governor", &["governor", "gov."]),
    ("mayor", &["mayor"]),
    ("spokesman", &["spokesman", "spokesperson"]),
    ("spokeswoman", &["spokeswoman", "spokesperson"]),
    ("chairman", &["chairman", "chair"]),
    ("candidate", &["candidate", "nominee"]),
    ("nominee", &["nominee", "candidate"]),
    ("pope", &["pope"]),
    ("king", &["king"]),
    ("queen", &["queen"]),
    ("general", &["general", "gen."]),
    ("judge", &["judge", "justice"]),
    ("prosecutor", &["prosecutor", "attorney"]),
    ("lawmaker", &["lawmaker", "senator", "representative", "congressman", "congresswoman"]),
    ("congressman", &["congressman", "representative", "rep."]),
    ("congresswoman", &["congresswoman", "representative", "rep."]),
    ("executive", &["executive", "ceo", "chief"]),
    ("commander", &["commander", "general"]),
];

/// Words allowed between "the" and a descriptor head.
const DESCRIPTOR_MODIFIERS: &[&str] = &[
    "top",
    "former",
    "chief",
    "senior",
    "new",
    "foreign",
    "prime",
    "vice",
    "deputy",
    "then",
    "current",
    "outgoing",
    "incoming",
    "republican",
    "democratic",
    "presidential",
    "same",
    "veteran",
    "secretary",
];

/// Lowercase descriptor words: heads with the role words that fit them, and modifiers (`None`).
type DescriptorWords = HashMap<&'static str, Option<&'static [&'static str]>, BuildHasherDefault<Fnv>>;

static DESCRIPTOR_WORDS: LazyLock<DescriptorWords> = LazyLock::new(|| {
    let mut m: DescriptorWords = DESCRIPTOR_MODIFIERS.iter().map(|&w| (w, None)).collect();
    for &(head, compatible) in DESCRIPTOR_HEADS.iter().rev() {
        // A head is a head even when it also modifies ("secretary"); the first entry wins.
        m.insert(head, Some(compatible));
    }
    m
});

/// How far back (in sentences) a pronoun or description looks for its person.
const WINDOW: usize = 6;

pub(super) fn link(doc: &Doc, groups: &mut [Group]) {
    let a = doc.article;
    // Person mentions so far, in text order: (token index, sentence, group). Rebuilt as we go.
    let mut person_at: Vec<Option<usize>> = vec![None; a.tokens.len()];
    for (gi, g) in groups.iter().enumerate() {
        if !g.is_person() {
            continue;
        }
        for m in &g.mentions {
            if let Ok(t) = a.tokens.binary_search_by_key(&m.start, |t| t.start) {
                person_at[t] = Some(gi);
            }
        }
    }
    let mut i = 0;
    while i < a.tokens.len() {
        // Only "he", "she" and "the" start a link: look at the word before the token's context
        // (and at its length before the word).
        let t = a.tokens[i];
        if !matches!(t.end.wrapping_sub(t.start), 2 | 3) {
            i += 1;
            continue;
        }
        let word = doc.word(i);
        let pronoun = if word.eq_ignore_ascii_case(MALE_PRONOUNS[0]) {
            Some(Gender::Male)
        } else if word.eq_ignore_ascii_case(FEMALE_PRONOUNS[0]) {
            Some(Gender::Female)
        } else {
            None
        };
        let the = pronoun.is_none() && word.eq_ignore_ascii_case("the");
        if !(pronoun.is_some() || the)
            || !doc.in_content[i]
            || doc.name_kind[i].is_some()
            || !body_like(doc, i)
        {
            i += 1;
            continue;
        }
        if let Some(gender) = pronoun {
            if let Some((gi, conf)) =
                antecedent(doc, groups, &person_at, i, |g| g.gender != Some(other(gender)))
            {
                let span = doc.span(i, i + 1);
                groups[gi].mentions.push(Mention::new(span, a.slice(span), MentionKind::Pronoun, conf));
                if groups[gi].gender.is_none() {
                    groups[gi].gender = Some(gender);
                }
                person_at[i] = Some(gi);
            }
            i += 1;
            continue;
        }
        if the && let Some((end, compatible)) = descriptor(doc, i) {
            let fits = |g: &Group| {
                compatible.iter().any(|w| g.has_role_word(w)) && modifiers_fit(doc, g, i + 1, end - 1)
            };
            if let Some((gi, conf)) = antecedent(doc, groups, &person_at, i, fits) {
                let span = doc.span(i, end);
                let text = a.slice(span);
                groups[gi].mentions.push(Mention::new(span, text, MentionKind::Descriptor, conf.min(0.8)));
                groups[gi].add_alias(text);
                person_at[i] = Some(gi);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

fn other(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
    }
}

fn body_like(doc: &Doc, i: usize) -> bool {
    let s = &doc.article.sentences[doc.sentence_of[i]];
    doc.article.paragraphs.get(s.paragraph).is_some_and(|p| {
        matches!(p.role, ParagraphRole::Body | ParagraphRole::Standfirst | ParagraphRole::Caption)
    })
}

/// `the [modifiers] HEAD` at token `i`, not followed by a name: (end token, role words that fit).
fn descriptor(doc: &Doc, i: usize) -> Option<(usize, &'static [&'static str])> {
    let n = doc.article.tokens.len();
    let sentence = doc.sentence_of[i];
    let mut k = i + 1;
    while k < n && k - i <= 5 && doc.sentence_of[k] == sentence {
        let w = doc.word(k);
        let mut buf = [0u8; 32];
        let word = DESCRIPTOR_WORDS.get(lowercase(w, &mut buf).as_ref()).copied();
        if let Some(Some(compatible)) = word {
            // "the President Donald Trump" is a title, not a description.
            let next_is_name = k + 1 < n && doc.name_kind[k + 1].is_some();
            return (!next_is_name).then_some((k + 1, compatible));
        }
        let modifier = word.is_some()
            || super::is_demonym(w)
            || doc.name_kind[k].is_some_and(|kd| kd != storyline_model::EntityType::Person);
        if !modifier {
            return None;
        }
        k += 1;
    }
    None
}

/// Capitalised modifiers ("US", "North Korean") must appear in one of the person's roles.
fn modifiers_fit(doc: &Doc, g: &Group, first: usize, end: usize) -> bool {
    (first..end).all(|k| {
        let w = doc.word(k);
        if !w.starts_with(char::is_uppercase) {
            return true;
        }
        let norm = |s: &str| s.replace('.', "").to_lowercase();
        let w = norm(w);
        g.roles.iter().any(|r| r.split_whitespace().any(|x| norm(x) == w))
    })
}

/// The most likely earlier person for a pronoun or description at token `at`:
/// a person mentioned earlier in the same sentence, else the first person (the subject)
/// of the nearest earlier sentence that mentions one. Confidence falls with competition.
fn antecedent(
    doc: &Doc,
    groups: &[Group],
    person_at: &[Option<usize>],
    at: usize,
    fits: impl Fn(&Group) -> bool,
) -> Option<(usize, f32)> {
    let a = doc.article;
    let here = doc.sentence_of[at];
    let same: Vec<usize> = (a.sentences[here].first_token..at)
        .filter_map(|t| person_at[t])
        .filter(|&g| fits(&groups[g]))
        .collect();
    if let Some(&g) = same.last() {
        let distinct = same.iter().collect::<std::collections::BTreeSet<_>>().len();
        return Some((g, if distinct == 1 { 0.85 } else { 0.6 }));
    }
    for back in 1..=WINDOW.min(here) {
        let s = &a.sentences[here - back];
        let found: Vec<usize> =
            (s.first_token..s.end_token).filter_map(|t| person_at[t]).filter(|&g| fits(&groups[g])).collect();
        if let Some(&g) = found.first() {
            let distinct = found.iter().collect::<std::collections::BTreeSet<_>>().len();
            let conf = if distinct == 1 { 0.8 } else { 0.6 } - 0.05 * (back - 1) as f32;
            return Some((g, conf.max(0.3)));
        }
    }
    None
}
