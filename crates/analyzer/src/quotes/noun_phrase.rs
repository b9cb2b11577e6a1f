//! The speaker's noun phrase: left of a cue ("the top US diplomat said"), right of it
//! ("said lead engineer Priya Nair of Sargent Corporation"), and sentence subjects.

use super::MAX_SOURCE;
use super::MIN_WEIGHT;
use super::paragraph::Para;
use super::vocabulary::TIME_WORDS;
use super::words::{capitalized, class, is_quote_mark, is_terminal};
use storyline_model::Span;

/// Words a speaker's noun phrase never starts with: a conjunction, an adverb or a clause opener
/// taken in by the noun phrase rules ("But its cutback … led the manufacturer to announce",
/// "Never urged …", "While Stadia says …"). ("This" and "what" were measured on PolNeAR train:
/// they open real sources often enough to keep.)
pub(super) const NOT_A_SOURCE_START: &[&str] = &[
    "but",
    "and",
    "or",
    "so",
    "yet",
    "never",
    "perhaps",
    "just",
    "about",
    "given",
    "let",
    "maybe",
    "instead",
    "otherwise",
    "despite",
    "when",
    "while",
    "whereas",
    "although",
    "though",
    "after",
    "before",
    "once",
    "until",
    "if",
    "because",
    "since",
    "still",
    "also",
    "even",
    "then",
    "first",
    "outside",
    "inside",
    "however",
    "indeed",
    "meanwhile",
];

/// Whether the words of a speaker mention can name a speaker: not opened by a word of
/// [`NOT_A_SOURCE_START`], and not only times and numbers ("Wednesday", "recent years").
pub(crate) fn plausible_source(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else { return true };
    // A lone article, or a sentence-initial demonstrative ("That promises 355 horsepower"; the
    // relative "that" of "the report that said" stays).
    if words.clone().next().is_none()
        && (matches!(first.to_lowercase().as_str(), "the" | "a" | "an")
            || matches!(first, "That" | "This" | "These" | "Those"))
    {
        return false;
    }
    let first = first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if NOT_A_SOURCE_START.contains(&first.as_str()) {
        return false;
    }
    // "As", "Having", "Much of": no noun at all.
    if s.split_whitespace().all(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str(),
            "as" | "having"
                | "of"
                | "much"
                | "being"
                | "been"
                | "for"
                | "to"
                | "in"
                | "on"
                | "with"
                | "by"
                | "from"
        )
    }) {
        return false;
    }
    // "Correction: …", "Update added Nov. 18": a label of the page, not a speaker.
    if s.split_whitespace().count() == 1
        && matches!(
            first.as_str(),
            "correction" | "update" | "clarification" | "disclosure" | "editor's" | "editor’s"
        )
    {
        return false;
    }
    let timeish = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        w.is_empty()
            || w.chars().all(|c| c.is_ascii_digit())
            || TIME_WORDS.contains(&w.as_str())
            || w == "recent"
    };
    !(timeish(&first) && s.split_whitespace().all(timeish))
}

/// `s` without a first word of [`NOT_A_SOURCE_START`] (and the space after it).
pub(super) fn trim_source_start(text: &str, s: Span) -> Span {
    let words = s.slice(text);
    // `In a Tumblr post at the time she described this as …`: a noun phrase that ran over the
    // clause's subject pronoun is that pronoun (not `Trump and he`).
    if let Some((before, last)) = words.trim_end().rsplit_once(char::is_whitespace)
        && matches!(last, "he" | "she" | "they" | "we" | "I")
        && !before.trim_end().ends_with(',')
        && !matches!(
            before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase().as_str(),
            "and" | "or" | "but" | "nor"
        )
    {
        let end = s.start + words.trim_end().len();
        return Span::new(end - last.len(), end);
    }
    let Some((first, rest)) = words.split_once(char::is_whitespace) else { return s };
    if !NOT_A_SOURCE_START
        .contains(&first.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
    {
        return s;
    }
    let rest = rest.trim_start();
    Span::new(s.end - rest.len(), s.end)
}

impl<'a> Para<'a> {
    /// The token range of the noun phrase that ends right before `end` (exclusive), bounded by
    /// `lo`, and the index of the token that bounds it on the left (None at `lo`).
    pub(super) fn np_left(&self, lo: usize, end: usize) -> (usize, Option<usize>) {
        let mut k = end;
        while k > lo && end - k < MAX_SOURCE {
            let t = &self.toks[k - 1];
            let w = self.lower(k - 1);
            // `Rep. Jason Chaffetz (R-Utah)`: a short parenthesis after a name is part of it.
            if w == ")" && t.region.is_none() {
                let open = (k.saturating_sub(7).max(lo + 1)..k - 1).rev().find(|&p| self.toks[p].text == "(");
                if let Some(p) = open
                    && (p + 1..k - 1).all(|x| self.toks[x].region.is_none() && self.toks[x].text != "(")
                    && capitalized(self.toks[p - 1].text)
                    && self.toks[p - 1].region.is_none()
                {
                    k = p;
                    continue;
                }
            }
            // "Ambassador to the United Nations", "Secretary for Health": titles hold a preposition.
            let in_title = matches!(w, "to" | "for")
                && k >= 2
                && capitalized(self.toks[k - 2].text)
                && k < end
                && (capitalized(self.toks[k].text) || self.lower(k) == "the");
            if t.region.is_some() && is_quote_mark(t.text)
                || (t.has(class::PUNCT) && !matches!(w, "'s" | "'" | "’s" | "-" | "&" | "."))
                || (t.has(class::NP_STOP) && !in_title)
                || matches!(
                    t.text,
                    "earlier"
                        | "later"
                        | "yesterday"
                        | "today"
                        | "tonight"
                        | "ago"
                        | "day"
                        | "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "weekend"
                )
                // "'s" is "is" after a pronoun ("he's"), a possessive after a name ("Twitter's").
                || (t.has(class::AUX) && !(matches!(w, "'s" | "’s") && k >= 2 && capitalized(self.toks[k - 2].text)))
                || is_terminal(w)
                || t.cue()
                    .is_some_and(|(_, wt)| wt >= MIN_WEIGHT && !capitalized(t.text) && w.ends_with("ed"))
            {
                return (k, Some(k - 1));
            }
            k -= 1;
        }
        if k > lo {
            return (k, Some(k - 1));
        }
        (k, None)
    }

    /// A noun phrase starting at `start` (exclusive end returned), bounded by `hi`.
    pub(super) fn np_right(&self, start: usize, hi: usize) -> usize {
        let mut k = start;
        while k < hi && k - start < MAX_SOURCE + 4 {
            let t = &self.toks[k];
            let w = self.lower(k);
            if is_terminal(w)
                || (t.has(class::PUNCT) && !matches!(w, "'s" | "'" | "’s" | "-" | "&" | "." | ","))
                || (k > start
                    && (t.has(class::AUX | class::IRREGULAR_PAST)
                        || matches!(w, "that" | "who" | "which" | "in" | "on" | "at" | "during" | "to")
                        // `said Dan Golvach when asked about …`: a subordinate clause.
                        || matches!(w, "when" | "while" | "after" | "before" | "because" | "since" | "although" | "though" | "until" | "as" | "if")
                        // `said the Khan family deserved better`: a verb ends it (not `the
                        // embattled mayor`, `a retired teacher`).
                        || (w.len() > 4
                            && w.ends_with("ed")
                            && !(start..k).any(|x| self.toks[x].text == ",")
                            && !capitalized(t.text)
                            && !matches!(self.lower(k - 1), "the" | "a" | "an" | "his" | "her" | "its" | "their" | "," | "and"))))
                || (w == "," && !self.appositive_after(k, hi))
                || t.region.is_some() && is_quote_mark(t.text)
            {
                break;
            }
            k += 1;
        }
        k
    }

    /// `said lead engineer Priya Nair`, `says veteran industry analyst Ken Doctor`: up to four
    /// lowercase title words from `t`, then a capitalized name.
    pub(super) fn title_before_name(&self, t: usize, hi: usize) -> bool {
        let mut k = t;
        while k < hi && k - t < 4 {
            let x = &self.toks[k];
            if x.region.is_some() {
                return false;
            }
            if capitalized(x.text) {
                return k > t;
            }
            // "lead engineer", "9/11 widow", "63-year-old retiree".
            if !(x.text.chars().all(|c| c.is_alphabetic() || c == '-')
                || k == t
                    && x.text.chars().any(|c| c.is_ascii_digit())
                    && x.text.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '/')))
                || x.has(
                    class::AUX | class::NP_STOP | class::PREP | class::TIME_WORD | class::SUBJECT_PRONOUN,
                )
                || x.word.cue != 0
            {
                return false;
            }
            k += 1;
        }
        false
    }

    /// The period at `k` ends an abbreviation before a comma (`McConnell, R-Ky., said`), not a
    /// sentence.
    pub(super) fn abbrev_dot(&self, k: usize) -> bool {
        self.toks[k].text == "."
            && k > 0
            && self.toks.get(k + 1).is_some_and(|n| n.text == ",")
            && capitalized(self.toks[k - 1].text)
            && self.toks[k - 1].text.chars().filter(|c| c.is_alphabetic()).count() <= 5
    }

    /// `Smith, a spokesman for …` : the comma at `k` opens an appositive.
    pub(super) fn appositive_after(&self, k: usize, hi: usize) -> bool {
        k + 1 < hi
            && (matches!(self.lower(k + 1), "a" | "an" | "the" | "who")
                || self.lower(k + 1).chars().all(|c| c.is_ascii_digit()))
    }

    /// The subject noun phrase of sentence `s`: after a leading adverbial clause, up to the verb.
    pub(super) fn subject(&self, s: usize, before: usize) -> Option<Span> {
        let (a, b) = *self.sents.get(s)?;
        let b = b.min(before);
        if let Some(sp) = self.absolute_subject(a, b) {
            return Some(sp);
        }
        let mut k = a;
        // (Twice: `And then, after several months of looking, I found …`.)
        for _ in 0..2 {
            let k0 = k;
            // Skip a leading adverbial ("In a statement, …", "On Monday, …", "Walking to the next
            // address, …", "Alarmed by the unrest, …", "Moreover, …").
            let w0 = self.lower(k);
            let opener = self.is(k, class::PREP | class::TIME_WORD | class::NP_STOP)
                || (w0.len() > 4
                    && (w0.ends_with("ing") || w0.ends_with("ed") || w0.ends_with("ly"))
                    && self.toks.get(k).is_some_and(|t| t.region.is_none() && (k == a || !capitalized(t.text))))
                // `Hours later, Trump …`, `Two days ago, …` (not `Trump, later alleging …`).
                || (k + 1..(k + 3).min(b)).any(|x| {
                    matches!(self.lower(x), "later" | "earlier" | "ago")
                        && matches!(
                            self.lower(x - 1),
                            "hours" | "minutes" | "moments" | "days" | "weeks" | "months" | "years" | "day" | "week"
                                | "month" | "year" | "decades"
                        )
                });
            if opener {
                let mut c = k;
                while c < b && c - k < 25 && self.toks[c].text != "," {
                    c += 1;
                }
                if c < b {
                    k = c + 1;
                    // `Speaking at a town hall event in Salem, New Hampshire, Trump went …`,
                    // `… in Lynchburg, VA, Republican front-runner Donald Trump …`: a place's state
                    // set off by commas ends the opener, not the subject.
                    if let Some(d) = (k + 1..b.min(k + 4)).find(|&x| self.toks[x].text == ",")
                        && d + 1 < b
                        // (a name follows: not `…, Senator Harry Reid, the minority leader, said`)
                        && capitalized(self.toks[d + 1].text)
                        && self.toks[d + 1].region.is_none()
                        && k > 2
                        // (a place after `in`/`at`/`near`, not a month: `In October, Rep. David
                        // McKinley, R-W.Va., visited …`)
                        && capitalized(self.toks[k - 2].text)
                        && !self.is(k - 2, class::TIME_WORD)
                        && crate::time::lexicon::month(self.lower(k - 2)).is_none()
                        && matches!(self.lower(k - 3), "in" | "at" | "near" | "from" | "outside")
                        && (k..d).all(|x| {
                            self.toks[x].region.is_none() && (capitalized(self.toks[x].text) || self.abbrev_dot(x))
                        })
                    {
                        k = d + 1;
                    }
                }
            }
            if !opener || k >= b || k == k0 {
                break;
            }
        }
        while k < b && (self.toks[k].region.is_some() || self.punct(k)) {
            k += 1;
        }
        // A dateline (`WASHINGTON --`, `SEOUL, South Korea —`) names a place, not the subject.
        if let Some(d) = self.dateline_end(k, b) {
            k = d;
            while k < b && (self.toks[k].region.is_some() || self.punct(k)) {
                k += 1;
            }
        }
        let start = k;
        while k < b && k - start < 8 {
            let t = &self.toks[k];
            let w = self.lower(k);
            if t.has(class::PUNCT) && !matches!(w, "'s" | "-" | "." | "’s")
                || t.has(class::AUX)
                || (k > start && t.has(class::NP_STOP))
                || (k > start && t.word.cue != 0)
                || (k > start && !capitalized(t.text) && w.ends_with("ed"))
                // `Swift got high profile support last week, accusing …`: the verb ends it.
                || (k > start && t.has(class::IRREGULAR_PAST))
            {
                break;
            }
            k += 1;
            if t.has(class::SUBJECT_PRONOUN) {
                break;
            }
        }
        (k > start).then(|| Span::new(self.tokens[start].start, self.tokens[k - 1].end))
    }

    /// The named subject of an absolute clause before token `b` (from `a`): `…, with Trump
    /// most recently canceling the trip, believing …` → "Trump": the participle after it
    /// shares that subject, not the sentence's ("Diplomacy … has continued").
    fn absolute_subject(&self, a: usize, b: usize) -> Option<Span> {
        let lo = a.max(b.saturating_sub(30));
        let with = (lo..b).rev().find(|&k| self.lower(k) == "with" && self.toks[k].region.is_none())?;
        let start = with + 1;
        let mut k = start;
        while k < b && k - start < 4 && capitalized(self.toks[k].text) && self.toks[k].region.is_none() {
            k += 1;
        }
        let end = k;
        while k < b
            && matches!(self.lower(k), "most" | "more" | "also" | "then" | "recently" | "later" | "again")
        {
            k += 1;
        }
        let w = self.lower(k);
        (end > start
            && k < b
            && w.len() > 4
            && w.ends_with("ing")
            && (k + 1..b).any(|x| self.toks[x].text == ","))
        .then(|| self.span(start, end))
        .flatten()
    }

    /// The token after the dash of a dateline that starts at `k` (`WASHINGTON --`, `PARIS (AP)
    /// —`, `SEOUL, South Korea —`): a word in capitals, then up to six words, commas or a
    /// parenthesis, then a dash; None when `k` starts no dateline.
    pub(super) fn dateline_end(&self, k: usize, hi: usize) -> Option<usize> {
        let first = self.toks.get(k)?;
        let letters = first.text.chars().filter(|c| c.is_alphabetic()).count();
        if first.region.is_some() || letters < 2 || first.text.chars().any(char::is_lowercase) {
            return None;
        }
        // (`ORLANDO, Fla. (Reuters) -`: a state's abbreviation and an agency, eight tokens)
        let mut c = k + 1;
        while c < hi && c - k <= 8 {
            let t = &self.toks[c];
            if t.region.is_some() {
                return None;
            }
            if matches!(t.text, "--" | "—" | "–" | "-") {
                return Some(c + 1);
            }
            let word = t.text.strip_suffix('.').unwrap_or(t.text);
            if !(!word.is_empty() && word.chars().all(char::is_alphabetic) && capitalized(word)
                || matches!(t.text, "," | "(" | ")" | "."))
            {
                return None;
            }
            c += 1;
        }
        None
    }
}
