//! Where a content ends: the clause after a cue, to the sentence's end, a closing quote, or
//! the next cue; and whether quoted words read as someone's words rather than a title.

use super::MAX_SCAN;
use super::MIN_WEIGHT;
use super::cues::cue_in;
use super::paragraph::{FoundCue, Para};
use super::vocabulary::TIME_WORDS;
use super::words::{capitalized, class, is_terminal};

/// Whether quoted text with neither cue nor speaker reads as someone's words rather than a
/// name or a term in quote marks: not a title in Title Case ("Takin' It to the Streets", "Meth.
/// We're on it." as a slogan's sign-off, "10 Things in Tech You Need to Know") and not a
/// scare-quoted term of one to three words ("comfort food").
pub(super) fn quoted_words(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '—' | '–'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() <= 3 {
        return false;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() > 3).collect();
    let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    !(words.len() <= 15 && !long.is_empty() && capitalised * 5 >= long.len() * 4)
}

/// Whether the words after a naming verb are only a name: capitalised words, after at most an
/// object pronoun ("Europa Clipper", "him Mike", "it The Beast").
pub(super) fn only_a_name(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    if words.peek().is_some_and(|w| matches!(*w, "him" | "her" | "it" | "them" | "me" | "us")) {
        words.next();
    }
    let mut n = 0;
    for w in words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if !(w.starts_with(char::is_uppercase) || matches!(w, "of" | "the" | "and" | "de")) {
            return false;
        }
        n += 1;
    }
    (1..=6).contains(&n)
}

/// Whether the words of reported speech say nothing a reader could use: a lone pronoun ("Twitter
/// pointed it out", "said so") or only a time ("the project announced in 2017").
pub(super) fn says_nothing(text: &str) -> bool {
    // ")", "—": no word at all.
    if !text.chars().any(char::is_alphanumeric) {
        return true;
    }
    let t = text.trim().trim_end_matches(['.', ',']).to_lowercase();
    // "say so publicly", "wonder for long", "said to POLITICO", "promising for months": an
    // adverb or a prepositional phrase, no content.
    let mut ws = t.split_whitespace();
    let (first, second) = (ws.next().unwrap_or(""), ws.next().unwrap_or(""));
    let n = t.split_whitespace().count();
    // ("commented on the deal", "hints at a shakeup", "disagreed with Ginsburg's remarks" name
    // their topic: kept.)
    if first == "so" && (second.is_empty() || second.len() > 4 && second.ends_with("ly")) {
        return true;
    }
    if n <= 3
        && (first == "for"
            && matches!(second, "long" | "now" | "months" | "years" | "weeks" | "days" | "decades")
            || matches!((first, second), ("on", "stage") | ("at", "length") | ("at", "all")))
    {
        return true;
    }
    if n == 2
        && first == "to"
        && text.split_whitespace().nth(1).is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        return true;
    }
    // "FTC: We use income earning auto affiliate links.": the page's disclosure.
    if t.contains("affiliate link") {
        return true;
    }
    // "pointed it out", "played it down".
    let head = t
        .strip_suffix(" out")
        .or_else(|| t.strip_suffix(" up"))
        .or_else(|| t.strip_suffix(" down"))
        .unwrap_or(&t);
    // ("That's according to a new survey": the words are the sentence before.)
    if matches!(
        head,
        "it" | "this"
            | "that"
            | "them"
            | "him"
            | "her"
            | "so"
            | "these"
            | "those"
            | "one"
            | "that's"
            | "that’s"
            | "this is"
            | "that is"
    ) {
        return true;
    }
    // "explained them to me", "described it to friends", "explain himself more": an object and
    // its recipient or degree.
    if n <= 3
        && matches!(
            first,
            "it" | "this"
                | "that"
                | "them"
                | "him"
                | "her"
                | "himself"
                | "herself"
                | "themselves"
                | "itself"
                | "myself"
        )
        && (matches!(second, "more" | "again" | "further" | "away")
            // (a recipient, not an infinitive: "urged him to resign" says something)
            || second == "to"
                && matches!(
                    t.split_whitespace().nth(2).unwrap_or("").trim_end_matches([')', '.', ',']),
                    "me" | "us" | "him" | "her" | "them" | "you" | "friends" | "others" | "reporters"
                ))
    {
        return true;
    }
    let mut words = t.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            matches!(
                w,
                "in" | "on" | "at" | "last" | "this" | "next" | "early" | "late" | "earlier" | "later"
            ) || w.bytes().all(|b| b.is_ascii_digit())
                || TIME_WORDS.contains(&w)
                || crate::time::lexicon::month(w).is_some()
        })
}

impl<'a> Para<'a> {
    /// End token (exclusive) of the content that starts at `k` in sentence `s`: the sentence's end
    /// without its final punctuation, or an earlier break (`, according to`, `, adding …`, `;`).
    pub(super) fn content_end(&self, k: usize, s: usize, cues: &[FoundCue]) -> usize {
        let (sa, b) = self.sents[s];
        let mut hi = b.min(k + MAX_SCAN);
        // `When Smith said …, Jones …`: a cue inside a leading adverbial clause reports up to the
        // comma that closes the clause.
        if self.is(sa, class::SUBORDINATOR)
            && k > sa
            && k - sa < MAX_SCAN
            && let Some(c) = (sa..hi).find(|&x| self.toks[x].region.is_none() && self.toks[x].text == ",")
            && c >= k
        {
            hi = c;
        }
        let mut e = k;
        // The last quoted token in reach: the content holds quoted words (so far or further on).
        let last_quoted = (k..hi).rev().find(|&x| self.toks[x].region.is_some());
        let mut quoted = false;
        while e < hi {
            let t = &self.toks[e];
            quoted |= t.region.is_some() || last_quoted.is_some_and(|q| q > e);
            // `…,” Smith added.` / `…,” noting …`: a quote that closes on a comma ends the clause.
            if e > k
                && self.comma_closed(e)
                && (self.clause_ends_at(e, b, cues, quoted)
                    // `called him a "moderate," a subtle dig …`: the narrator's appositive.
                    || (matches!(self.lower(e + 1), "a" | "an" | "which" | "what" | "in" | "as" | "the")
                        // … unless a list of quoted epithets goes on: `called him a "nasty guy,"
                        // an "anchor baby," "unstable" and "sick."`
                        && !(matches!(self.lower(e + 1), "a" | "an" | "the")
                            && self.toks.get(e + 2).is_some_and(|t| t.region.is_some()))))
            {
                e += 1;
                break;
            }
            if t.region.is_none() && self.unquoted_break(e, k, b, cues, quoted) {
                break;
            }
            e += 1;
        }
        // Drop the final punctuation (keep closing quote marks and what they enclose).
        while e > k {
            let t = &self.toks[e - 1];
            if t.region.is_none()
                && (is_terminal(t.text) || matches!(t.text, "," | ":" | ";" | "—" | "--" | "-"))
            {
                e -= 1;
            } else {
                break;
            }
        }
        // A quote that runs past the sentence end ends the content with it.
        if e > k
            && let Some(r) = self.toks[e - 1].region
        {
            e = e.max(self.tok_end_of(self.regions[r].end));
        }
        e
    }

    /// `endorsed Trump last week and has appeared …`, `praised her granddaughter in speeches`:
    /// when the content `k..e` after a cue is a noun phrase (it opens with no clause word and
    /// no verb follows), it ends before the narrator's time, place or circumstance, or a verb
    /// coordinated with the cue. A clause (`said the economy grew in May`) is left whole.
    pub(super) fn object_end(&self, k: usize, e: usize) -> usize {
        if !self.noun_phrase_content(k, e) {
            return e;
        }
        for x in k + 1..e {
            if self.toks[x].region.is_none() && self.narrator_adjunct(x) {
                // `even as he …`, `just as …`.
                let mut end =
                    if matches!(self.lower(x - 1), "even" | "just") && x > k + 1 { x - 1 } else { x };
                while end > k + 1
                    && matches!(self.toks[end - 1].text, "," | ";" | ":" | "—" | "–" | "--" | "-")
                {
                    end -= 1;
                }
                return end;
            }
        }
        e
    }

    /// Whether the content `k..e` after a cue is a noun phrase rather than a clause or a quote:
    /// it opens with no quote mark, pronoun subject or clause word and holds no verb of its
    /// own, no "that" and no gerund after a preposition.
    pub(super) fn noun_phrase_content(&self, k: usize, e: usize) -> bool {
        !(k >= e
            || self.toks[k].region.is_some()
            || self.is(k, class::SUBJECT_PRONOUN | class::AUX)
            || matches!(
                self.lower(k),
                "that" | "whether" | "if" | "how" | "what" | "why" | "when" | "where" | "who" | "which" | "to"
                    | "there" | "this" | "these" | "those" | "it"
            )
            // A verb of the reported clause (not one of a clause the narrator adds, after `, and
            // Name`), a clause opened by "that", or a gerund's clause (`accused X of grabbing her
            // at a rally`).
            || (k + 1..self.coordinated_clause(k, e)).any(|x| {
                self.verb_like(x) && !self.after_clause_opener(x)
                    || self.lower(x) == "that"
                    || self.gerund(x)
            }))
    }

    /// The first `, and Name` / `, but Name` in `k..e` (a clause of the narrator's with a subject
    /// of its own), else `e`.
    fn coordinated_clause(&self, k: usize, e: usize) -> usize {
        (k + 1..e.min(self.toks.len())).find(|&x| self.opens_coordinated_clause(x)).unwrap_or(e)
    }

    /// Whether the comma at `x` opens `, and Name verb …` / `, but Name verb …`.
    fn opens_coordinated_clause(&self, x: usize) -> bool {
        self.toks[x].region.is_none()
            && self.toks[x].text == ","
            && matches!(self.lower(x + 1), "and" | "but")
            && self.toks.get(x + 2).is_some_and(|t| t.region.is_none() && capitalized(t.text))
            // (a verb follows the name: not a list, `his book, X, and Clinton's campaign`)
            && (x + 3..(x + 7).min(self.toks.len())).any(|y| self.verb_like(y) || self.lower(y).ends_with("ed"))
    }

    /// Whether token `x` reads as a verb: an auxiliary, an irregular past or a lowercase word in
    /// -ed after a word that is no determiner (`the enhanced techniques` has none).
    pub(super) fn verb_like(&self, x: usize) -> bool {
        let w = self.lower(x);
        // "from February 2016 through May 2017": the month, not the modal.
        if w == "may"
            && self.toks[x].text == "May"
            && (self.toks.get(x + 1).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
                || x > 0
                    && matches!(
                        self.lower(x - 1),
                        "in" | "through"
                            | "from"
                            | "until"
                            | "since"
                            | "by"
                            | "of"
                            | "early"
                            | "late"
                            | "mid"
                            | "last"
                            | "next"
                            | "this"
                    ))
        {
            return false;
        }
        self.is(x, class::AUX | class::IRREGULAR_PAST)
            || w == "n't"
            || (w.len() > 4
                && w.ends_with("ed")
                && !capitalized(self.toks[x].text)
                && !matches!(
                    x.checked_sub(1).map_or("", |p| self.lower(p)),
                    "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "and" | "of"
                ))
    }

    /// A gerund after a preposition: `of grabbing`, `for promoting`, `in organizing`.
    fn gerund(&self, x: usize) -> bool {
        let w = self.lower(x);
        w.len() > 5
            && w.ends_with("ing")
            && !capitalized(self.toks[x].text)
            && matches!(self.lower(x - 1), "of" | "for" | "by" | "about" | "on" | "in" | "from" | "without")
    }

    /// Whether the verb at `x` belongs to a clause opened right before it (`and has …`, `while
    /// he was …`, `who has …`) or follows an auxiliary.
    fn after_clause_opener(&self, x: usize) -> bool {
        let p = self.lower(x - 1);
        self.is(x - 1, class::AUX | class::SUBJECT_PRONOUN)
            || p.ends_with("n't")
            || matches!(
                p,
                "and"
                    | "but"
                    | "or"
                    | "then"
                    | "who"
                    | "which"
                    | "that"
                    | "when"
                    | "while"
                    | "as"
                    | "because"
                    | "since"
                    | "until"
                    | "if"
                    | "whose"
                    | "not"
                    | "never"
                    | "also"
                    | "just"
                    | "reportedly"
            )
    }

    /// Whether token `x`, inside a noun-phrase content, opens the narrator's words: a time
    /// (`last week`, `on Monday`, `Friday night`), a circumstance (`while …`, `as he …`,
    /// `then …`), a venue (`at a rally`, `in speeches`) or a coordinated verb (`and has …`).
    fn narrator_adjunct(&self, x: usize) -> bool {
        let w = self.lower(x);
        let nx = self.lower(x + 1);
        const PERIOD: [&str; 9] =
            ["week", "month", "year", "weekend", "night", "fall", "spring", "summer", "winter"];
        let is_day = |w: &str| crate::time::lexicon::weekday(w).is_some_and(|(_, plural)| !plural);
        // `in the last year`, `Super Tuesday`, `last week's caucus`: part of the noun phrase.
        let bare = !matches!(self.lower(x - 1), "the" | "of" | "in" | "this" | "that" | "'s" | "’s")
            && !matches!(self.lower(x + 2), "'s" | "’s");
        // `Tuesday for its decision`, `on Saturday over his stance`: the verb's reason or
        // predicate goes on after the time, so the time does not end the content.
        let time_then_reason = |from: usize| {
            let mut y = from;
            while y < self.toks.len()
                && y < from + 4
                && (self.is(y, class::TIME_WORD) || is_day(self.lower(y)))
            {
                y += 1;
            }
            matches!(self.lower(y), "for" | "over" | "of" | "as" | "about" | "to" | "that" | "with")
        };
        match w {
            "while" | "when" | "whereas" | "during" | "yesterday" | "tonight" => true,
            // `…, then says …` (not `and then a visual vote`, not `if …, then he can …`).
            "then" => self.toks[x - 1].text == "," && !self.is(x + 1, class::SUBJECT_PRONOUN),
            "after" | "before" | "since" | "until" => self.is(x + 1, class::SUBJECT_PRONOUN),
            _ if is_day(w) => {
                bare && !matches!(self.lower(x - 1), "its" | "his" | "her" | "their" | "our" | "a" | "an")
                    && !capitalized(self.toks[x - 1].text)
                    && !matches!(self.lower(x + 1), "'s" | "’s")
                    && !time_then_reason(x)
            }
            "last" | "next" => bare && (PERIOD.contains(&nx) || is_day(nx)) && !time_then_reason(x + 1),
            "earlier" | "later" => matches!(nx, "this" | "in" | "on" | "that" | "today" | "." | ","),
            "as" => self.is(x + 1, class::SUBJECT_PRONOUN),
            "and" | "but" => {
                self.toks.get(x + 1).is_some_and(|t| t.region.is_none())
                    && (self.is(x + 1, class::AUX) || self.verb_like(x + 1))
            }
            // `dismissed ideological labels altogether, a sentiment endorsed by …`: the
            // narrator's appositive on the object (not a list: `a tax cut, a balanced budget and
            // …`).
            // (A name's own appositive stays: `Alicia Machado, the former beauty queen`.)
            // `added his seventh goal, and Varlamov stopped 27 shots`: the narrator's next clause.
            "," if matches!(nx, "and" | "but") => self.opens_coordinated_clause(x),
            "," => {
                matches!(nx, "a" | "an" | "the")
                    && !capitalized(self.toks[x - 1].text)
                    && self.toks.get(x + 2).is_some_and(|t| t.region.is_none() && !capitalized(t.text))
                    && !(x + 1..(x + 40).min(self.toks.len()))
                        .take_while(|&y| !is_terminal(self.lower(y)))
                        .any(|y| matches!(self.lower(y), "and" | "or"))
            }
            // `described the wall in December`.
            "in" => crate::time::lexicon::month(nx).is_some() && !time_then_reason(x + 1) || self.in_venue(x),
            "on" => is_day(nx) && !time_then_reason(x + 1) || self.in_venue(x),
            "at" | "via" => self.in_venue(x),
            _ => false,
        }
    }

    /// `in speeches`, `at a news conference`, `on Twitter`: a preposition opening a venue
    /// within four words.
    fn in_venue(&self, x: usize) -> bool {
        (x + 1..(x + 5).min(self.toks.len()))
            .take_while(|&y| self.toks[y].region.is_none() && !self.punct(y))
            .any(|y| self.is(y, class::VENUE_WORD) && self.lower(y) != "campaign")
    }

    /// Whether the unquoted token `e` of a content that starts at `k`, in a sentence ending at
    /// `b`, ends it: a semicolon, the narrator's words after a closing quote, a sentence end
    /// the splitter missed, a circumstance clause, another speaker's attribution, or a comma
    /// that ends the clause.
    fn unquoted_break(&self, e: usize, k: usize, b: usize, cues: &[FoundCue], quoted: bool) -> bool {
        let t = &self.toks[e];
        // The tests of punctuation below only for punctuation, the others only for words.
        let punct = t.has(class::PUNCT);
        if punct && t.text == ";" {
            return true;
        }
        // `called it a "crazy system" during a stop …`, `chanted "What curfew?" and kept
        // going`: the narrator goes on right after the closing quote mark.
        if e > k && self.closing_region(e - 1).is_some() && self.narrator_after_quote(e) {
            return true;
        }
        // `… extremism. ''The administration …''`: a sentence end the splitter missed.
        if e > k
            && punct
            && is_terminal(t.text)
            && self.toks.get(e + 1).is_some_and(|n| n.region.is_some() && n.region != self.toks[e - 1].region)
        {
            return true;
        }
        // `… "excited where we stand" as he faces …`: the narrator's circumstance.
        if e > k + 3
            && !punct
            && matches!(self.lower(e), "as" | "while" | "when")
            && matches!(self.lower(e + 1), "he" | "she" | "they" | "it" | "the")
            && self.toks[e - 1].region.is_some()
        {
            return true;
        }
        // "… and 14 percent said …": another speaker's attribution starts.
        if e > k
            && !punct
            && matches!(self.lower(e), "and" | "but" | "while" | "whereas")
            && let Some(c) = cue_in(cues, e + 1, e + 6)
        {
            let np_ok = (e + 1..c.first).all(|x| {
                !self.punct(x) && !self.is(x, class::AUX | class::NP_STOP) || self.is(x, class::BETWEEN)
            });
            if np_ok {
                return true;
            }
        }
        punct && matches!(t.text, "," | "—" | "--") && self.clause_ends_at(e, b, cues, quoted)
    }

    /// Whether the unquoted token `e`, right after a closing quote mark, starts the narrator's
    /// words rather than more of the reported clause: a dash, a time or circumstance clause
    /// (`until`, `when`, `during`, `Wednesday`, `in a tweet`), or a coordinated clause
    /// (`and he …`, `and kept …`).
    pub(super) fn narrator_after_quote(&self, e: usize) -> bool {
        let w = self.lower(e);
        let nx = self.lower(e + 1);
        let plain = |x: usize| self.toks.get(x).is_some_and(|t| t.region.is_none() && !capitalized(t.text));
        match w {
            "—" | "–" | "―" | "--" | "-" => true,
            "until" | "when" | "while" | "after" | "before" | "though" | "although" | "during"
            | "whereas" => true,
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            | "yesterday" | "tonight" => true,
            "in" | "on" | "at" | "via" => {
                (e + 1..(e + 5).min(self.toks.len())).any(|x| self.is(x, class::VENUE_WORD))
                    && !(e + 1..(e + 5).min(self.toks.len())).any(|x| self.toks[x].region.is_some())
            }
            "and" | "but" => {
                matches!(nx, "he" | "she" | "they" | "it" | "we" | "i")
                    || (plain(e + 1)
                        && nx.len() > 3
                        && (nx.ends_with("ed")
                            || self.is(e + 1, class::IRREGULAR_PAST)
                            || self.cue_entry(e + 1).is_some_and(|(_, wt)| wt >= MIN_WEIGHT)))
            }
            _ => false,
        }
    }

    /// Token `e` closes a quote whose last character before the marks is a comma (`,"`, `,''`).
    pub(super) fn comma_closed(&self, e: usize) -> bool {
        self.closing_region(e).is_some_and(|r| {
            let reg = self.regions[r];
            self.text[reg.start..reg.end].trim_end_matches(['"', '”', '\'', '’', '»']).ends_with(',')
        })
    }

    /// Whether the reported clause ends at the comma (or comma-closed quote) at token `e` of a
    /// sentence ending at `b`: a participial or coordinated clause of the narrator follows
    /// (`, noting …`, `, and shared …`), or a post-posed cue (`, he said.`).
    pub(super) fn clause_ends_at(&self, e: usize, b: usize, cues: &[FoundCue], quoted: bool) -> bool {
        let nx = self.lower(e + 1);
        let nx2 = self.lower(e + 2);
        let participle = (cue_in(cues, e + 1, e + 1).is_some() && nx.ends_with("ing"))
            || (nx == "according" && nx2 == "to")
            || (matches!(nx, "and" | "but") && cue_in(cues, e + 2, e + 2).is_some() && nx2.ends_with("ing"));
        // ", linking to …": a participial clause of the narrator.
        let plain = |x: usize| self.toks.get(x).is_some_and(|t| t.region.is_none() && !capitalized(t.text));
        // (", including …" goes on with the content's own list.)
        let ing = nx.len() > 5 && nx.ends_with("ing") && nx != "including" && plain(e + 1);
        // ", and shared a link …", ", mocked …": a coordinated verb of the subject.
        let coordinated =
            (matches!(nx, "and" | "but") && nx2.len() > 4 && nx2.ends_with("ed") && plain(e + 2))
                || (nx.ends_with("ed") && cue_in(cues, e + 1, e + 1).is_some() && plain(e + 1));
        // `…, but …`, `…, which …` after unquoted words: another clause of the narrator.
        let narrator = !quoted
            && matches!(
                nx,
                "but" | "while" | "though" | "although" | "whereas" | "which" | "where" | "who" | "whose" | "compared" | "even"
                    | "however" | "after"
            )
            && plain(e + 1)
            // (`recalled that, after examining her leg, she insisted …`.)
            && !(e > 0 && self.lower(e - 1) == "that")
            // `helped Clinton, who does not need to …`: a relative clause that runs to the
            // sentence's end; not `that Sanders, who did win Rhode Island, would …`.
            && !(matches!(nx, "who" | "whose") && (e + 2..b).any(|x| self.toks[x].text == ","));
        // `… — a controversial proposal he has raised …`: the narrator's appositive.
        // (Not `Correct the Record — a pro-Clinton super PAC — was planning …`.)
        let dash_appositive = !quoted
            && matches!(self.toks[e].text, "—" | "--")
            && matches!(nx, "a" | "an")
            && plain(e + 1)
            && !(e + 2..b).any(|x| matches!(self.toks[x].text, "—" | "--"));
        // `Manafort, citing "…," said the candidate …`, `Kasich, who has refused to endorse
        // Trump, said …`: the sentence's own reporting verb after the comma.
        let main_cue = nx != "according"
            && !nx.ends_with("ing")
            && cue_in(cues, e + 1, e + 1).is_some_and(|c| {
                matches!(c.lemma.as_ref(), "say" | "tell" | "add" | "write" | "argue" | "insist")
            });
        if participle || ing || coordinated || narrator || main_cue || dash_appositive {
            return true;
        }
        // A post-posed cue: ", he said." / ", said Smith."
        if let Some(c) = cue_in(cues, e + 1, e + 5) {
            let between_ok = (e + 1..c.first)
                .all(|x| !self.punct(x) && !self.is(x, class::AUX) || self.is(x, class::BETWEEN));
            let after = self.lower(c.end);
            // (`…, he clarified that …`: another attribution of the speaker starts.)
            let new_clause = after == "that" && self.is(e + 1, class::SUBJECT_PRONOUN);
            return between_ok && (is_terminal(after) || after == "," || c.end >= b || new_clause);
        }
        false
    }

    /// The first token of the clause that ends at `x`: after the last sentence-final mark
    /// outside quotes in `lo..x` (the splitter misses boundaries before NYT `''` quotes).
    pub(super) fn clause_start(&self, lo: usize, x: usize) -> usize {
        let mut k = x.min(self.toks.len());
        while k > lo && x - k < MAX_SCAN {
            let t = &self.toks[k - 1];
            if t.region.is_none() && is_terminal(t.text) {
                return k;
            }
            k -= 1;
        }
        k
    }

    /// Whether tokens `a..b` read as a clause (a reported statement) rather than adjuncts.
    pub(super) fn clause_like(&self, a: usize, b: usize) -> bool {
        (a..b.min(a + 30)).any(|k| {
            let w = self.lower(k);
            self.is(k, class::AUX | class::SUBJECT_PRONOUN)
                || matches!(w, "that" | "n't" | "not" | "there")
                || (k > a && w.ends_with("ed") && !capitalized(self.toks[k].text))
        })
    }
}
