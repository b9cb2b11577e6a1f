//! What kind of act a cue reports, and the cue words that report no act at all.
//!
//! * **speech**: said, told, added, asked, announced, … (the default for a speech verb);
//! * **writing**: wrote, tweeted, posted, published, emailed, texted, …;
//! * **thought**: believes, thinks, hopes, fears, worries, wants, feels, …;
//! * **other**: the rest (polls and studies that found or showed, pleas, votes, endorsements);
//!   "according to X" reports X's words: speech.
//!
//! Words that report no act are no cue at all (see [`reports_no_act`]): *found* (but "found that
//! …" and "the poll found …"), *declined*, *continued* (but `"…," he continued.` after a quote and
//! `he continued: "…"`), *appeared*, *seemed*, *expected*, *referring to*, *recalled* + a noun
//! ("recalled the trip"), *showed* (but "showed that …", "records show …" and "polls in Iowa
//! show …"), *committed* (but "committed to …"), the participles *offering*, *suggesting*,
//! *responded by* (a deed), *did not respond to* and *responded* + a participle (the participle
//! is the act), *defending champion*, *called 911*, *deemed* without "that", *added to*, *presented*/*expressed* + a
//! preposition ("evidence presented at trial"), and a cue form in -s after a determiner, which
//! is a noun ("Spain's hopes", "his claims"). Some cues report words only with a clause or a
//! quote after them (see [`needs_clause`]): *revealed*, *unveiled*, *concluded*, *wrote*,
//! *reported* … + a plain noun phrase tell of a thing, not a statement.

use storyline_model::QuoteAct;

/// Lemmas of cues that report something written.
const WRITING: &[&str] = &[
    "write",
    "tweet",
    "post",
    "publish",
    "email",
    "e-mail",
    "text",
    "blog",
    "retweet",
    "print",
    "pen",
    "sign",
    "editorialize",
    "scrawl",
    "type",
];

/// Lemmas of cues that report a thought, a belief or a feeling.
const THOUGHT: &[&str] = &[
    "believe",
    "think",
    "hope",
    "fear",
    "worry",
    "want",
    "feel",
    "wish",
    "know",
    "doubt",
    "suspect",
    "consider",
    "assume",
    "imagine",
    "expect",
    "wonder",
    "regard",
    "view",
    "see",
    "understand",
    "realize",
    "realise",
    "figure",
    "reckon",
    "trust",
    "suppose",
    "anticipate",
    "envision",
    "dream",
    "fret",
    "agonize",
    "concern",
    "hold",
    "sense",
    "recognize",
    "remember",
    "recall",
    "forget",
    "presume",
    "speculate",
    "guess",
    "conclude",
    "decide",
    "determine",
    "judge",
    "like",
    "love",
    "hate",
    "prefer",
    "seek",
    "intend",
    "plan",
];

/// Lemmas of cues that report evidence or a stance rather than words spoken or written.
const OTHER: &[&str] = &[
    "find",
    "show",
    "reveal",
    "indicate",
    "suggest",
    "according to",
    "cite",
    "estimate",
    "project",
    "vote",
    "endorse",
    "support",
    "oppose",
    "back",
    "approve",
    "reject",
    "plead",
    "rule",
    "sue",
    "file",
    "charge",
    "demonstrate",
    "prove",
    "conclude",
    "document",
    "mark",
    "signal",
    "agree",
    "refuse",
    "pledge",
];

/// The kind of act a cue lemma reports.
pub(crate) fn act_of(lemma: &str) -> QuoteAct {
    let l = lemma.strip_prefix(super::vocabulary::NOUN_CUE).unwrap_or(lemma);
    // Phrasal and multi-word lemmas ("call for", "point out") by their head.
    let head = l.split(' ').next().unwrap_or(l);
    if l == ":" || l.is_empty() {
        return QuoteAct::Speech;
    }
    if WRITING.contains(&head) || matches!(l, "post" | "op-ed" | "letter" | "memo" | "tweet" | "essay") {
        QuoteAct::Writing
    } else if THOUGHT.contains(&head)
        || matches!(l, "belief" | "view" | "hope" | "fear" | "concern" | "worry")
    {
        QuoteAct::Thought
    } else if !OTHER.contains(&head) {
        QuoteAct::Speech
    } else {
        QuoteAct::Other
    }
}

/// An article, a possessive pronoun or a possessive `'s`: the word after it is a noun's.
fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "'s" | "’s")
}

/// Whether the cue word `form` (lowercase, lemma `lemma`), after the lowercase word `prev` and
/// followed by the lowercase word `next`, reports no act of saying, writing or thinking ("The talks appeared to be …",
/// "Duffy declined to comment", "found inspiration", "recalled the trip", "suggesting a lane
/// change"). Such words are no cue; after a quote (`"…," he continued.`) the verb slot still
/// makes one.
pub(crate) fn reports_no_act(form: &str, lemma: &str, prev: &str, next: &str) -> bool {
    // "Spain's hopes", "his claims", "the reports": a noun after a determiner, not a verb.
    if form.len() > 3
        && form.ends_with('s')
        && !form.ends_with("ss")
        && (is_determiner(prev)
            || matches!(
                prev,
                "our" | "my" | "your" | "these" | "those" | "such" | "whose"
                // "Other estimates are in the same ballpark", "several reports".
                | "other" | "several" | "few"
            ))
    {
        return true;
    }
    // "making calls to committee members", "returned calls", "fielded questions": a noun, the
    // object of the verb before it (not "Exit polling shows", "Another ranking says").
    if matches!(
        form,
        "calls"
            | "claims"
            | "comments"
            | "questions"
            | "remarks"
            | "reports"
            | "warnings"
            | "requests"
            | "demands"
            | "promises"
            | "threats"
            | "pledges"
            | "complaints"
            | "answers"
            | "replies"
            | "estimates"
            | "accusations"
            | "allegations"
            | "suggestions"
            | "predictions"
            | "tweets"
            | "posts"
            | "notes"
            | "statements"
            | "announcements"
    ) && prev.len() > 4
        && (prev.ends_with("ing") || prev.ends_with("ed"))
        && prev.bytes().all(|b| b.is_ascii_lowercase())
    {
        return true;
    }
    // "Current fears about a potential plague outbreak", "doubts over the plan": a noun with its
    // complement, not a verb ("in hopes of persuading her" is one in PolNeAR: left alone).
    if matches!(form, "fears" | "doubts" | "worries") && matches!(next, "about" | "of" | "over") {
        return true;
    }
    // "the games offered have been on the market": a participle before the clause's verb.
    if form.len() > 4 && form.ends_with("ed") && matches!(next, "have" | "has" | "had") {
        return true;
    }
    match lemma {
        // "with alleged sex trafficker Jeffrey Epstein", "Epstein's alleged ring": an adjective.
        "allege" if form == "alleged" => {
            is_determiner(prev)
                || matches!(
                    prev,
                    "with" | "of" | "about" | "for" | "to" | "and" | "by" | "from" | "on" | "in"
                )
        }
        // "talked with the man over the phone": a conversation, not its words.
        "talk" | "speak" => matches!(next, "with"),
        // "sought out advice": looking for it.
        "seek" => next == "out",
        // "responded by hitting him", "did not respond to a request for comment": a deed or a
        // silence, not words.
        // "responded threatening legal action": the deed is the participle's.
        "respond" => {
            next == "by"
                || next == "to" && matches!(prev, "not" | "n't" | "never" | "immediately")
                || next.len() > 5 && next.ends_with("ing")
        }
        // "Spain defending champion Croatia": an adjective.
        "defend" => form == "defending" && matches!(next, "champion" | "champions" | "titleholder" | "title"),
        // "officials deemed responsible for abuses": a judgement made of them, no words.
        "deem" => !matches!(next, "that" | "it"),
        // "called 911", "called police", "called in the experts": a telephone call, a summons.
        "call" => {
            next.bytes().all(|b| b.is_ascii_digit()) && !next.is_empty() || matches!(next, "police" | "in")
        }
        // "questioning by prosecutors": a noun.
        "question" => form == "questioning" && next == "by",
        // "That said, …": nonetheless; "the most telling contradiction", "telling stories is
        // part of it": an adjective and a gerund.
        "say" => {
            form == "said" && prev == "that" && next == ","
                // "had no say", "the final say", "a say in it": a noun ("some say …" speaks).
                || form == "say"
                    && matches!(prev, "a" | "no" | "any" | "little" | "final" | "the" | "equal")
        }
        "tell" => {
            form == "telling"
                && (matches!(prev, "most" | "more" | "very" | "a" | "the" | "particularly" | "especially")
                    || matches!(next, "stories" | "story" | "tales" | "jokes"))
        }
        // "added to his collection"; "the stock added more than 2%", "added $3 billion": a gain.
        "add" => {
            next == "to"
                || next.starts_with(|c: char| c.is_ascii_digit() || c == '$')
                || matches!(next, "more" | "nearly" | "almost" | "roughly" | "about" | "another")
        }
        // "evidence presented at trial", "opinions expressed in the article".
        "present" | "express" => matches!(next, "at" | "to" | "in" | "by" | "on"),
        "appear" | "seem" | "expect" | "decline" | "refer" => true,
        // `Cruz continued: "…"` goes on speaking; "talks continued in fits and starts" does not.
        "continue" => !matches!(next, ":" | "\"" | "“" | "''" | "``"),
        // "committed to work toward …" is a pledge; "committing the assassination" is a deed.
        "commit" => next != "to",
        // A poll found / showed that …: a finding, kept as an act of kind "other"; so is
        // "records show Pate hasn't donated", "the poll found Trump leading": a record or a
        // survey right before the verb is its subject, and what it shows is a finding.
        "find" | "show" => {
            next != "that"
                && (!is_evidence_noun(prev)
                    // "studies found them in the lining of …": a thing found, not a finding.
                    || matches!(next, "them" | "him" | "us" | "me"))
        }
        // "recalled the trip": the memory of a thing, not words.
        "recall" => {
            matches!(next, "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "those" | "these")
        }
        // "offering the best of both worlds", "Light suggesting a lane change".
        "offer" | "suggest" => form.ends_with("ing"),
        _ => false,
    }
}

/// Cues that report words only with a clause or a quote after them: with a plain noun phrase
/// they tell of a thing made public or done, not of a statement ("Audi revealed the second
/// model", "the band unveiled its plans", "the committee concluded its hearings", "he wrote a
/// book", "reported a methamphetamine use disorder", "charged the campaign $3.7 million",
/// "campaigns pressing the boundaries").
pub(super) fn needs_clause(lemma: &str) -> bool {
    matches!(
        lemma,
        "report"
            | "reveal"
            | "unveil"
            | "conclude"
            | "write"
            | "post"
            | "publish"
            | "add"
            | "state"
            | "maintain"
            | "repeat"
            | "release"
            | "detail"
            | "disclose"
            | "charge"
            | "quote"
            | "press"
            // "No one remembered their names": memory, unless a clause or quote follows.
            | "remember"
            // "the airline ordered new jets": a purchase ("ordered troops to withdraw" speaks).
            | "order"
            // "testified before the committee about the events": testimony given, not its words.
            | "testify"
            // "The researchers observed Europa for 17 nights": watching ("observed that …" speaks).
            | "observe"
    )
}

/// Nouns of records and surveys whose findings are reported like statements ("polls show …",
/// "the data showed …", "FEC records show …").
pub(super) fn is_evidence_noun(w: &str) -> bool {
    matches!(
        w,
        "poll"
            | "polls"
            | "polling"
            | "survey"
            | "surveys"
            | "records"
            | "report"
            | "reports"
            | "data"
            | "results"
            | "analysis"
            | "research"
            | "filings"
            | "statistics"
            | "study"
            | "studies"
            | "figures"
            | "numbers"
            | "documents"
            | "emails"
            | "estimates"
            | "count"
            | "tally"
            | "audit"
            | "inquiry"
            | "investigation"
            | "review"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acts_follow_the_cue() {
        assert_eq!(act_of("say"), QuoteAct::Speech);
        assert_eq!(act_of("tell"), QuoteAct::Speech);
        assert_eq!(act_of("add"), QuoteAct::Speech);
        assert_eq!(act_of("write"), QuoteAct::Writing);
        assert_eq!(act_of("tweet"), QuoteAct::Writing);
        assert_eq!(act_of("post"), QuoteAct::Writing);
        assert_eq!(act_of("believe"), QuoteAct::Thought);
        assert_eq!(act_of("hope"), QuoteAct::Thought);
        assert_eq!(act_of("worry"), QuoteAct::Thought);
        assert_eq!(act_of("find"), QuoteAct::Other);
        assert_eq!(act_of("according to"), QuoteAct::Speech);
        assert_eq!(act_of("endorse"), QuoteAct::Other);
        assert_eq!(act_of("noun:claim"), QuoteAct::Speech);
        assert_eq!(act_of("noun:belief"), QuoteAct::Thought);
        assert_eq!(act_of(":"), QuoteAct::Speech);
    }

    #[test]
    fn words_that_report_no_act() {
        assert!(reports_no_act("declined", "decline", "", "to"));
        assert!(reports_no_act("appeared", "appear", "", "to"));
        assert!(reports_no_act("continued", "continue", "", "in"));
        assert!(!reports_no_act("continued", "continue", "", ":"));
        assert!(reports_no_act("found", "find", "", "inspiration"));
        assert!(!reports_no_act("found", "find", "", "that"));
        assert!(reports_no_act("recalled", "recall", "", "the"));
        assert!(!reports_no_act("recalled", "recall", "", "that"));
        assert!(reports_no_act("suggesting", "suggest", "", "a"));
        assert!(!reports_no_act("suggested", "suggest", "", "that"));
        assert!(reports_no_act("offering", "offer", "", "the"));
        assert!(!reports_no_act("said", "say", "", "that"));
        assert!(reports_no_act("committing", "commit", "", "the"));
        assert!(!reports_no_act("committed", "commit", "", "to"));
        // "FEC records show Pate hasn't donated", "the poll found Trump leading": findings.
        assert!(!reports_no_act("show", "show", "records", "pate"));
        assert!(!reports_no_act("found", "find", "poll", "trump"));
        assert!(reports_no_act("found", "find", "she", "inspiration"));
        assert!(reports_no_act("found", "find", "studies", "them"));
        // Seen on web text: "kept Spain's hopes alive", "Garrett responded by hitting Rudolph",
        // "the office did not respond to a request", "added to his collection of titles",
        // "evidence presented at trial", "opinions expressed in the article".
        assert!(reports_no_act("hopes", "hope", "'s", "alive"));
        assert!(reports_no_act("claims", "claim", "his", "of"));
        assert!(!reports_no_act("claims", "claim", "andrew", "that"));
        assert!(reports_no_act("responded", "respond", "garrett", "by"));
        assert!(reports_no_act("respond", "respond", "not", "to"));
        assert!(!reports_no_act("responded", "respond", "he", "to"));
        // Web text: "Current fears about a potential plague outbreak".
        assert!(reports_no_act("fears", "fear", "current", "about"));
        assert!(!reports_no_act("fears", "fear", "he", "that"));
        assert!(reports_no_act("added", "add", "patton", "to"));
        assert!(!reports_no_act("added", "add", "he", "that"));
        assert!(reports_no_act("presented", "present", "evidence", "at"));
        assert!(reports_no_act("said", "say", "that", ","));
        assert!(!reports_no_act("said", "say", "he", ","));
        assert!(reports_no_act("telling", "tell", "most", "contradiction"));
        assert!(reports_no_act("telling", "tell", "", "stories"));
        assert!(!reports_no_act("telling", "tell", "trump", "reporters"));
        assert!(reports_no_act("expressed", "express", "opinions", "in"));
    }
}
