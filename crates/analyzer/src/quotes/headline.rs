//! Headlines with a speaker: "Glenn Beck Says Trump Poses A Threat", "Pompeo: talks …".

use super::MIN_WEIGHT;
use super::draft::Draft;
use super::paragraph::{Para, ParaToken};
use super::words::{capitalized, is_quote_mark, is_terminal};
use std::borrow::Cow;

/// First words of a headline before a colon that label it rather than name a speaker
/// (`Breaking:`, `The Latest:`, `EXCLUSIVE:`, `Watch:`).
const LABELS: &[&str] = &[
    "breaking",
    "exclusive",
    "watch",
    "wow",
    "revealed",
    "bombshell",
    "just",
    "update",
    "video",
    "photos",
    "photo",
    "opinion",
    "analysis",
    "summary",
    "editorial",
    "look",
    "live",
    "latest",
    "report",
    "notice",
    "note",
    "byline",
    "review",
    "interview",
    "transcript",
    "factbox",
    "explainer",
    "correction",
    "morning",
    "evening",
    "email",
    "podcast",
    "quiz",
    "new",
    "big",
    "more",
    "again",
    "here",
    "today",
    "now",
    "source",
    "sources",
    "related",
    "credit",
    "caption",
    "read",
    "advertisement",
    "warning",
    "reporting",
    "editing",
    "contact",
    "tags",
    "topics",
    "posted",
    "updated",
    "published",
    "contributing",
    "twitter",
    "facebook",
    "follow",
    "so",
    "also",
    "plus",
    "total",
];

impl<'a> Para<'a> {
    /// A headline `Name: what they said` (`Pence: Flowers Won't Be at Debate`): the words after
    /// the colon are the content, the short capitalised name before it the source. Labels
    /// (`Breaking:`, `The Latest:`, `EXCLUSIVE:`) are not speakers. With `turn`, the same for a
    /// body paragraph of a transcript (`WALLACE: …`, `"PENCE: …`, `Q: …`); returns whether the
    /// paragraph was one.
    pub(super) fn headline_speaker(&self, drafts: &mut Vec<Draft>, turn: bool) -> bool {
        // A transcript paragraph may open with the quote mark of a quoted transcript.
        let first = usize::from(turn && self.toks.first().is_some_and(|t| is_quote_mark(t.text)));
        let Some(c) = self.toks.iter().take(6).position(|t| {
            t.text == ":" && (t.region.is_none() || first == 1 && t.region == self.toks[0].region)
        }) else {
            return false;
        };
        if c <= first || c + 1 >= self.toks.len() || (turn && c - first > 3) {
            return false;
        }
        let name = &self.toks[first..c];
        let word_ok = |k: usize| {
            let t = &self.toks[k];
            (t.region.is_none() || first == 1)
                && (matches!(t.text, "." | "-")
                    || (capitalized(t.text) && t.text.chars().all(|ch| ch.is_alphabetic() || ch == '.')))
                && !LABELS.contains(&self.lower(k))
        };
        let all_caps = |t: &ParaToken| t.text.chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase);
        // "Q:" and "A:" of an interview name no one.
        if name.len() == 1 && name[0].text.chars().count() == 1 {
            return false;
        }
        if !(first..c).all(word_ok)
            || matches!(self.lower(first), "the" | "a" | "an" | "this" | "these" | "why" | "how" | "what")
                && !(turn && name.len() == 1 && name[0].text == "A")
            || (!turn && name.len() == 1 && all_caps(&name[0]) && name[0].text.len() > 2)
            || name.iter().any(|t| t.cue().is_some_and(|(_, wt)| wt >= MIN_WEIGHT))
        {
            return false;
        }
        let mut e = self.toks.len();
        while e > c + 1 && is_terminal(self.toks[e - 1].text)
            || e > c + 1 && is_quote_mark(self.toks[e - 1].text) && first == 1
        {
            e -= 1;
        }
        // Words someone says: a few of them, not a figure or a list of names.
        let words = (c + 1..e).filter(|&k| self.toks[k].text.chars().any(char::is_alphabetic)).count();
        let lower_words = (c + 1..e).filter(|&k| self.toks[k].text.chars().all(char::is_lowercase)).count();
        if turn && (words < 3 || lower_words == 0) {
            return false;
        }
        // A mixed-case label ("Portion Fix Containers: 1 Green, …", "Jonathan P. Blair:
        // Possession of …") opens a list item unless what follows speaks (a first or second
        // person, a question); transcript turns in capitals (`WALLACE: …`) need no such sign.
        let speaks = (c + 1..e).any(|k| {
            matches!(
                self.lower(k),
                "i" | "we"
                    | "you"
                    | "my"
                    | "our"
                    | "me"
                    | "us"
                    | "your"
                    | "i'm"
                    | "we're"
                    | "?"
                    | "i’m"
                    | "we’re"
            )
        });
        if turn && !name.iter().all(all_caps) && !speaks {
            return false;
        }
        let (Some(content), Some(source)) = (self.span(c + 1, e), self.span(first, c)) else { return false };
        drafts.push(Draft {
            content: vec![content],
            cue: self.span(c, c + 1).map(|sp| (sp, Cow::Borrowed(":"))),
            source: Some(source),
            venue: None,
        });
        true
    }
}
