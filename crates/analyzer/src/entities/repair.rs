//! Repairs of the tagger's slips before grouping: titles tagged as organisations, places split
//! in two, headline words run into a name, and title words taken into a name span.

use super::*;

/// Title-case verbs of headlines that end a name the tagger ran on ("Glenn Beck Says Trump").
pub(super) const HEADLINE_VERBS: &[&str] = &[
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
pub(super) const HEADLINE_NOUNS: &[&str] = &[
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
pub(super) const PORTFOLIOS: &[&str] = &[
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
pub(super) const TITLE_HEADS: &[&str] = &[
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

/// Repair common tagger slips before grouping: a title tagged as an organisation ("US
/// Ambassador" → "US"), and a place split in two ("Korean" + "Peninsula").
pub(super) fn repair_spans(doc: &Doc, names: &[NameSpan]) -> Vec<NameSpan> {
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

/// Trim a name span: drop a trailing possessive and leading title words the tagger took in.
pub(super) fn clean_name(doc: &Doc, ns: &NameSpan) -> Option<(usize, usize)> {
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
