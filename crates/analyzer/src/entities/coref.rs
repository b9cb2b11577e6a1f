//! Speaker coreference: "he"/"she" and descriptions such as "the top US diplomat" or
//! "the president" linked to the most likely person, with a confidence.

use storyline_model::{MentionKind, ParagraphRole};

use std::sync::LazyLock;

use super::lexicon::{
    FEMALE_PRONOUNS, MALE_PRONOUNS, PackedMap, pack_lowercase, table_key, word_class_packed,
};
use super::{Doc, Gender, Group, RawMention};

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
type DescriptorWords = PackedMap<Option<&'static [&'static str]>>;

static DESCRIPTOR_WORDS: LazyLock<DescriptorWords> = LazyLock::new(|| {
    let mut m: DescriptorWords = DESCRIPTOR_MODIFIERS.iter().map(|&w| (table_key(w), None)).collect();
    for &(head, compatible) in DESCRIPTOR_HEADS.iter().rev() {
        // A head is a head even when it also modifies ("secretary"); the first entry wins.
        m.insert(table_key(head), Some(compatible));
    }
    m
});

/// How far back (in sentences) a pronoun or description looks for its person.
const WINDOW: usize = 6;

/// How many tokens of a sentence are read for its people: the ones before a pronoun in its own
/// sentence, the first ones of an earlier sentence (its subject is near its start).
const SCAN_TOKENS: usize = 400;

pub(super) fn link<'a>(doc: &Doc<'a>, groups: &mut [Group<'a>]) {
    let a = doc.article;
    let mut persons = PersonMentions::new(doc, groups);
    let quoted = quoted_tokens(doc);
    let mut i = 0;
    while i < a.tokens.len() {
        // Only "he", "she" and "the" start a link: skip to the next token of 2 or 3 bytes in
        // one tight scan before looking at any text.
        let Some(skip) = a.tokens[i..].iter().position(|t| t.end.wrapping_sub(t.start).wrapping_sub(2) < 2)
        else {
            break;
        };
        i += skip;
        let t = a.tokens[i];
        // The candidates are ASCII, so comparing bytes is comparing the words.
        let word = a.text.as_bytes().get(t.start..t.end).unwrap_or_default();
        let pronoun = if word.eq_ignore_ascii_case(MALE_PRONOUNS[0].as_bytes()) {
            Some(Gender::Male)
        } else if word.eq_ignore_ascii_case(FEMALE_PRONOUNS[0].as_bytes()) {
            Some(Gender::Female)
        } else {
            None
        };
        let the = pronoun.is_none() && word.eq_ignore_ascii_case(b"the");
        if !(pronoun.is_some() || the)
            || !doc.in_content(i)
            || doc.name_kind(i).is_some()
            || !body_like(doc, i)
        {
            i += 1;
            continue;
        }
        persons.advance_to(i);
        if let Some(gender) = pronoun {
            if let Some((gi, conf)) =
                antecedent(doc, groups, &persons, &quoted, i, |g| g.gender != Some(other(gender)))
            {
                let span = doc.span(i, i + 1);
                groups[gi].mentions.push(RawMention::new(span, MentionKind::Pronoun, conf));
                if groups[gi].gender.is_none() {
                    groups[gi].gender = Some(gender);
                }
                persons.set(i, gi);
            }
            i += 1;
            continue;
        }
        if the && let Some((end, compatible)) = descriptor(doc, i) {
            let fits = |g: &Group| {
                compatible.iter().any(|w| g.has_role_word(w)) && modifiers_fit(doc, g, i + 1, end - 1)
            };
            if let Some((gi, conf)) = antecedent(doc, groups, &persons, &quoted, i, fits) {
                let span = doc.span(i, end);
                let text = a.slice(span);
                groups[gi].mentions.push(RawMention::new(span, MentionKind::Descriptor, conf.min(0.8)));
                groups[gi].add_alias(text);
                persons.set(i, gi);
                i = end;
                continue;
            }
        }
        i += 1;
    }
}

/// The person mentioned at each token (the group of a person mention starting there, or of a
/// pronoun or description linked there), as (token, group) pairs in token order.
///
/// Links are made at the scan position only, and a link replaces what was at its token, so
/// the pairs are those `linked` (all before the scan position) followed by the names'
/// pairs from `next` on (all at or after it).
struct PersonMentions {
    names: Vec<(usize, usize)>,
    next: usize,
    linked: Vec<(usize, usize)>,
}

impl PersonMentions {
    fn new(doc: &Doc, groups: &[Group]) -> Self {
        let a = doc.article;
        let mut names: Vec<(usize, usize)> = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            if !g.is_person() {
                continue;
            }
            for m in &g.mentions {
                if let Ok(t) = a.tokens.binary_search_by_key(&m.start, |t| t.start) {
                    names.push((t, gi));
                }
            }
        }
        // Of several groups at one token the last one counts (it was written last).
        names.sort_unstable();
        names.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 = later.1;
            }
            same
        });
        PersonMentions { names, next: 0, linked: Vec::new() }
    }

    /// Move the scan position to token `at` (never backwards).
    fn advance_to(&mut self, at: usize) {
        while let Some(&p) = self.names.get(self.next).filter(|p| p.0 < at) {
            self.linked.push(p);
            self.next += 1;
        }
    }

    /// Link token `at` (the scan position) to group `gi`.
    fn set(&mut self, at: usize, gi: usize) {
        self.advance_to(at);
        while self.names.get(self.next).is_some_and(|p| p.0 == at) {
            self.next += 1;
        }
        self.linked.push((at, gi));
    }

    /// The (token, group) pairs of the person mentions at tokens `first..end`, in token order.
    fn groups_in(&self, first: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let range = |v: &[(usize, usize)]| {
            let lo = v.partition_point(|p| p.0 < first);
            let hi = v.partition_point(|p| p.0 < end).max(lo);
            lo..hi
        };
        let rest = self.names.get(self.next..).unwrap_or_default();
        let (l, r) = (range(&self.linked), range(rest));
        self.linked[l].iter().chain(&rest[r]).copied()
    }
}

fn other(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
    }
}

fn body_like(doc: &Doc, i: usize) -> bool {
    let s = &doc.article.sentences[doc.sentence_of(i)];
    doc.article.paragraphs.get(s.paragraph).is_some_and(|p| {
        matches!(p.role, ParagraphRole::Body | ParagraphRole::Standfirst | ParagraphRole::Caption)
    })
}

/// `the [modifiers] HEAD` at token `i`, not followed by a name: (end token, role words that fit).
fn descriptor(doc: &Doc, i: usize) -> Option<(usize, &'static [&'static str])> {
    let n = doc.article.tokens.len();
    let sentence = doc.sentence_of(i);
    let mut k = i + 1;
    while k < n && k - i <= 5 && doc.sentence_of(k) == sentence {
        let w = doc.word(k);
        let lower = pack_lowercase(w);
        let word = lower.and_then(|k| DESCRIPTOR_WORDS.get(&k)).copied();
        if let Some(Some(compatible)) = word {
            // "the President Donald Trump" is a title, not a description.
            let next_is_name = k + 1 < n && doc.name_kind(k + 1).is_some();
            return (!next_is_name).then_some((k + 1, compatible));
        }
        let modifier = word.is_some()
            || doc.name_kind(k).is_some_and(|kd| kd != storyline_model::EntityType::Person)
            // (demonyms are capitalised as written: a word starting otherwise is none)
            || (w.starts_with(|c: char| c.is_ascii_uppercase()) && word_class_packed(lower, w).demonym());
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
///
/// A pronoun outside quote marks never refers to a person named inside quote marks in its own
/// sentence ("“… the president's reference …,” she said": she is the speaker, not the
/// president), and in an earlier sentence only when no one is named outside them there ("“I
/// met Kim,” Trump said. He added …": he is Trump).
fn antecedent(
    doc: &Doc,
    groups: &[Group],
    persons: &PersonMentions,
    quoted: &[bool],
    at: usize,
    fits: impl Fn(&Group) -> bool,
) -> Option<(usize, f32)> {
    let a = doc.article;
    let here = doc.sentence_of(at);
    let outside = !quoted.get(at).copied().unwrap_or(false);
    let in_quote = |t: usize| outside && quoted.get(t).copied().unwrap_or(false);
    let speaks_after_quote = outside && (1..=2).any(|k| at >= k && in_quote(at - k));
    // (the first and the last fitting group, whether any other group fits between them)
    let fitting = |first: usize, end: usize, quoted_ones: bool| {
        let mut found: Option<(usize, usize, bool)> = None;
        for (_, g) in
            persons.groups_in(first, end).filter(|&(t, g)| in_quote(t) == quoted_ones && fits(&groups[g]))
        {
            found = Some(match found {
                None => (g, g, false),
                Some((f, _, mixed)) => (f, g, mixed || g != f),
            });
        }
        found
    };
    // `…, even with the appeals of Mr. Trump, he said.`: the speaker of a clause reported
    // before the cue is not a person that clause names.
    let after_reported = outside
        && at > a.sentences[here].first_token
        && doc.word(at - 1) == ","
        && at + 1 < a.tokens.len()
        && POST_POSED_CUES.iter().any(|c| doc.word(at + 1).eq_ignore_ascii_case(c));
    // (Within a bounded stretch of tokens: a sentence of thousands of pronouns would otherwise
    // read all the people before each one.)
    if !after_reported
        && let Some((_, last, mixed)) =
            fitting(a.sentences[here].first_token.max(at.saturating_sub(SCAN_TOKENS)), at, false)
    {
        return Some((last, if mixed { 0.6 } else { 0.85 }));
    }
    for back in 1..=WINDOW.min(here) {
        let s = &a.sentences[here - back];
        // A person named outside quote marks first; one named only inside them (a speaker's
        // "he" in "“… because he wouldn't …”") when the sentence has no other.
        // Not for the speaker of a quote just closed ("…,” she said"): the sentences before
        // are that quote's.
        let end = s.end_token.min(s.first_token + SCAN_TOKENS);
        let found = fitting(s.first_token, end, false).or_else(|| {
            if outside && !speaks_after_quote { fitting(s.first_token, end, true) } else { None }
        });
        if let Some((first, _, mixed)) = found {
            let conf = if mixed { 0.6 } else { 0.8 } - 0.05 * (back - 1) as f32;
            return Some((first, conf.max(0.3)));
        }
    }
    None
}

/// Speech verbs after a pronoun that close a reported clause (`…, he said.`).
const POST_POSED_CUES: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "explained",
    "noted",
    "argued",
    "insisted",
    "wrote",
    "writes",
    "recalled",
    "acknowledged",
    "warned",
    "stressed",
    "conceded",
    "continued",
    "predicted",
    "suggested",
];

/// Whether each token is inside a quoted region of its paragraph (`quotes::marks`, the regions
/// the quote extractor reads), the marks themselves included.
fn quoted_tokens(doc: &Doc) -> Vec<bool> {
    let a = doc.article;
    let mut out = vec![false; a.tokens.len()];
    let mut k = 0;
    for p in &a.paragraphs {
        for r in crate::quotes::marks::regions(&a.text, p.start, p.end) {
            // (tokens and regions are both in text order)
            while k < a.tokens.len() && a.tokens[k].start < r.start {
                k += 1;
            }
            while k < a.tokens.len() && a.tokens[k].start < r.end {
                out[k] = true;
                k += 1;
            }
        }
    }
    out
}
