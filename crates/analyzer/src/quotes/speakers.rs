//! Whether a speaker phrase can name someone who says something.
//!
//! Reported speech has no quote marks to vouch for it: "Studies have shown that …" and "Light
//! suggesting a lane change" look alike to the cue rules. What tells them apart is the phrase
//! before the cue: a name ("Pompeo", "Jorge Castañeda"), a pronoun ("he", "they", "who"), or a
//! noun phrase whose head can speak — a person ("the top US diplomat", "critics"), a group
//! ("the committee", "police") or a text that states ("the report", "a poll"). The nouns are
//! `models/speaker_nouns.txt`, written by `cargo xtask train-speakers` from WordNet 3.0
//! (`noun.person`, `noun.group`, texts that state) and PolNeAR train's annotated sources.
//! A phrase headed by anything else ("reduce", "The key", "a large proportion of the
//! population", "after first consulting secretly") names no speaker.

use std::sync::OnceLock;

use crate::packed::Set;

/// The nouns, one per line after `#` comments.
static SPEAKER_NOUNS: &str = include_str!("../../models/speaker_nouns.txt");

/// Pronouns and quantifiers that stand for a speaker named elsewhere ("they", "who",
/// "many", "others", "everyone I interviewed").
const STAND_INS: &[&str] = &[
    "he",
    "she",
    "they",
    "i",
    "we",
    "it",
    "who",
    "him",
    "her",
    "them",
    "us",
    "me",
    "which",
    "that",
    "one",
    "both",
    "many",
    "some",
    "others",
    "all",
    "most",
    "several",
    "few",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "nobody",
    "each",
    "either",
    "neither",
    "this",
    "these",
    "those",
];

/// Words that end a speaker phrase's head part: a prepositional phrase or relative clause
/// after the head ("the minister of the economy", "experts who studied it", "critics, including
/// …"), or a subject pronoun opening a relative clause without "that" ("all the experts I
/// interviewed").
const HEAD_ENDS: &[&str] = &[
    "of", "for", "at", "in", "from", "with", "who", "whom", "whose", "that", "which", "on", "to", "by",
    "and", "or", "i", "we", "he", "she", "they", "you", "said", "says",
];

fn nouns() -> &'static Set<&'static str> {
    static NOUNS: OnceLock<Set<&'static str>> = OnceLock::new();
    NOUNS.get_or_init(|| SPEAKER_NOUNS.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// The head word of a speaker phrase: its last word before a prepositional phrase, a relative
/// clause, a comma or a dash, without a possessive ending ("the company's" → "company").
fn head(phrase: &str) -> Option<&str> {
    let mut last = None;
    let mut words = 0;
    let mut pieces =
        phrase.split_inclusive(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | '—' | '–')).peekable();
    while let Some(piece) = pieces.next() {
        let stop = piece.ends_with([',', '(', '—', '–']);
        let w = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if !w.is_empty() {
            if words > 0 && HEAD_ENDS.iter().any(|h| w.eq_ignore_ascii_case(h)) {
                break;
            }
            // `sources close to the campaign`, `people familiar with the talks`.
            if words > 0
                && (w.eq_ignore_ascii_case("close") || w.eq_ignore_ascii_case("familiar"))
                && pieces.peek().is_some_and(|n| matches!(n.trim(), "to" | "with"))
            {
                break;
            }
            words += 1;
            last = Some(w);
        }
        if stop && words > 0 {
            break;
        }
    }
    let w = last?;
    // (`You're promised …`, `We've heard`: the pronoun is the head.)
    let w = ["'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d"]
        .iter()
        .find_map(|c| w.strip_suffix(c))
        .unwrap_or(w);
    Some(w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w))
}

/// The singular of a regular or "-men" English plural, `None` when `w` does not look plural.
fn singular(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("men") {
        return Some(format!("{stem}man"));
    }
    for (suffix, replacement) in
        [("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("xes", "x"), ("s", "")]
    {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.len() >= 2
        {
            return Some(format!("{stem}{replacement}"));
        }
    }
    None
}

/// Whether `phrase`, the words before (or after) a reporting verb, can name a speaker: its head
/// is capitalised (a name), a pronoun or quantifier, or a noun of `speaker_nouns.txt` (or the
/// plural of one).
pub(crate) fn names_a_speaker(phrase: &str) -> bool {
    let Some(h) = head(phrase) else { return false };
    // The generic "you" ("you think of the mountains"), an existential "there" ("there are
    // concerns that …") and "it's worth noting" name no one; nor do WordNet's group senses of
    // "deal" and "solution" ("a deal announced Monday", "the new solution called …"), seen as
    // speakers on web text.
    // A question word is no one either ("Why does it seem like certain people … claim …").
    if ["you", "there", "here", "worth", "deal", "solution", "why", "how", "what", "when", "where"]
        .iter()
        .any(|w| h.eq_ignore_ascii_case(w))
    {
        return false;
    }
    if h.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return true;
    }
    let lower = h.to_lowercase();
    STAND_INS.contains(&lower.as_str())
        || nouns().contains(lower.as_str())
        || singular(&lower).is_some_and(|s| nouns().contains(s.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_of_speaker_phrases() {
        assert_eq!(head("The minister of the economy"), Some("minister"));
        assert_eq!(head("all the experts I interviewed"), Some("experts"));
        assert_eq!(head("the company's"), Some("company"));
        assert_eq!(head("Mike Pompeo, the top US diplomat"), Some("Pompeo"));
        assert_eq!(head("critics (including two senators)"), Some("critics"));
        assert_eq!(head("  "), None);
        assert_eq!(head("sources close to her campaign"), Some("sources"));
        assert_eq!(head("a person familiar with the talks"), Some("person"));
        assert_eq!(head("a close friend"), Some("friend"));
    }

    #[test]
    fn people_groups_texts_names_and_pronouns_speak() {
        for phrase in [
            "the top US diplomat",
            "critics",
            "his ex-wife",
            "A group of doctors",
            "the NAACP board of directors",
            "police",
            "the spokesmen",
            "Several other studies",
            "a new poll",
            "the campaign",
            "Jorge Castañeda",
            "Everyone I interviewed",
            "they",
            "who",
        ] {
            assert!(names_a_speaker(phrase), "{phrase:?} should name a speaker");
        }
    }

    #[test]
    fn other_phrases_name_no_speaker() {
        // Seen as "speakers" of reported speech on web text and PolNeAR.
        for phrase in [
            "reduce",
            "a large proportion of the population",
            "after first consulting secretly",
            "the offer fell short of the $20",
            "A yellow bulldozer",
            "however",
            "most damaging",
            "left little",
            "you",
            "There",
            "It’s worth",
            "a deal",
            "The new alarm management solution",
        ] {
            assert!(!names_a_speaker(phrase), "{phrase:?} should name no speaker");
        }
    }

    #[test]
    fn the_list_is_loaded_and_plain() {
        let n = nouns();
        assert!(n.len() > 10_000, "{} nouns", n.len());
        assert!(n.contains("spokesman") && n.contains("committee") && n.contains("report"));
        assert!(n.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')));
    }
}
