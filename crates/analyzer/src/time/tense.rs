//! The tense of the clause that governs a time expression: it decides which way a weekday, a
//! year-less month or "the weekend" points from the reference date ("met on Friday" the one
//! before, "will meet on Friday" the one after).
//!
//! Without a parser the clause is approximated by the nearest tense marker in the sentence,
//! looking back from the expression first (the verb usually comes before its adjuncts), then
//! forward ("On Friday, the board will meet"). The markers:
//!
//! - **future**: modals ("will", "would", "'ll", "shall"), "is to", "plans to", "expects to",
//!   "set to", "due to", "to be" + participle ("to be completed"), "scheduled", "upcoming";
//!   but a modal with a perfect ("would have met") and a schedule in the past perfect ("had
//!   been scheduled to") are past;
//! - **past**: past-tense verbs (irregular ones listed, regular ones by `-ed` unless a word
//!   before makes them a participle: "the proposed", "will be paid") and past adverbs;
//! - **reporting**: the reporting verbs in the past ("said", "told", "announced") and those of
//!   deciding and asking ("agreed", "ordered"): past, so "said Sunday" is the Sunday before,
//!   unless a forward cue (below) shows the expression belongs to what was reported or
//!   decided;
//! - **present**: "is", "are", "has", "says", …: present, or future with a forward cue; but
//!   the present perfect ("has refused", "have been") is past.
//!
//! A **forward cue** right before the expression ("by Friday", "until March", "starting
//! Monday", "effective Jan. 1", "as early as Tuesday", "no later than June 30") makes it
//! future unless a past verb of the clause itself governs it ("had left by Friday"): "said it
//! would publish a plan by Friday" and "said the plan is due by Friday" both point forward.

use super::token::{Kind, TimeToken};

/// The tense governing an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Present,
    Unknown,
}

/// What a word says about the tense of its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Future,
    Past,
    /// A reporting verb in the past ("said"): past for what it governs directly.
    Report,
    Present,
}

/// How far (in tokens) a marker may be from the expression.
const REACH: usize = 14;

/// Future markers on their own (modals are handled apart).
const FUTURE: &[&str] = &["scheduled", "slated", "payable", "upcoming", "tomorrow", "ahead"];

/// Modals looking forward, unless followed by a perfect ("would have met"). ("may" is the
/// modal only in lower case: the month is capitalised.)
const MODALS: &[&str] = &[
    "will", "shall", "ll", "would", "may", "might", "could", "should", "must", "can", "wouldn", "couldn",
    "shouldn",
];

/// Future markers only when followed by "to" ("expects to", "plans to", "going to").
const FUTURE_TO: &[&str] = &[
    "expected", "expects", "expect", "plans", "planned", "plan", "planning", "intends", "going", "set", "due",
];

/// Words before "to" + verb that make it a plan or an obligation ("is to resume", "agreed to
/// meet").
const BEFORE_TO: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "set",
    "agreed",
    "due",
    "scheduled",
    "expected",
    "plans",
    "planned",
    "going",
    "likely",
    "intends",
    "decided",
    "promised",
];

/// Words before an `-ed` form that make it an adjective or a passive participle, not a
/// past tense ("the proposed", "will be paid").
const NOT_PAST_BEFORE: &[&str] =
    &["a", "an", "the", "be", "being", "to", "still", "very", "its", "their", "his", "her", "is", "are"];

/// Reporting verbs in the past tense, and verbs of deciding and asking, whose complement
/// may lie ahead ("ordered that the records be released by Thursday").
const REPORT: &[&str] = &[
    "said",
    "told",
    "announced",
    "reported",
    "added",
    "stated",
    "noted",
    "declared",
    "explained",
    "confirmed",
    "disclosed",
    "indicated",
    "predicted",
    "warned",
    "insisted",
    "acknowledged",
    "ordered",
    "asked",
    "urged",
    "demanded",
    "requested",
    "agreed",
    "promised",
    "pledged",
    "vowed",
    "decided",
    "voted",
    "approved",
];

/// The words of a schedule ("had been scheduled to"): in the past perfect, a plan overtaken.
const SCHEDULE: &[&str] = &["expected", "planned", "set", "due", "scheduled", "slated", "going"];

const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "yesterday",
    "rose",
    "fell",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "saw",
    "met",
    "began",
    "won",
    "lost",
    "sold",
    "bought",
    "paid",
    "left",
    "held",
    "ran",
    "spent",
    "became",
    "brought",
    "thought",
    "found",
    "got",
    "kept",
    "led",
    "felt",
    "struck",
    "fled",
    "wrote",
    "spoke",
    "drew",
    "grew",
    "knew",
    "flew",
    "threw",
    "shot",
    "sent",
    "built",
    "chose",
    "broke",
    "earlier",
    "previously",
    "recently",
    "been",
    "earned",
];

const PRESENT: &[&str] = &["is", "are", "am", "says", "say", "has", "have", "does", "do"];

/// Not past tense despite the `-ed` ending.
const ED_EXCEPT: &[&str] = &[
    "indeed",
    "hundred",
    "proposed",
    "united",
    "limited",
    "based",
    "interested",
    "concerned",
    "related",
    "unexpected",
    "unchanged",
    "needed",
    "speed",
    "exceed",
    "proceed",
    "succeed",
    "seed",
    "feed",
    "breed",
    "embed",
    "weighted",
    "adjusted",
    "combined",
    "detailed",
    "advanced",
    "mixed",
    "seasoned",
    "listed",
];

/// Words right before an expression that point forward ("by Friday", "until March").
const FORWARD: &[&str] = &["by", "until", "till", "starting", "beginning", "effective"];

/// The lowercase word at `k`, `""` outside the text.
fn word<'a>(words: &[&'a str], k: usize) -> &'a str {
    words.get(k).copied().unwrap_or("")
}

/// Whether the words before token `a` point forward: "by", "until", "starting (on)", "as
/// early as", "as soon as", "no later than".
fn forward_cue(words: &[&str], a: usize) -> bool {
    let before = |n: usize| a.checked_sub(n).map_or("", |k| word(words, k));
    FORWARD.contains(&before(1))
        || (before(1) == "on" && matches!(before(2), "starting" | "beginning" | "effective"))
        || (before(1) == "as" && matches!(before(2), "early" | "soon") && before(3) == "as")
        || (before(1) == "than" && before(2) == "later" && before(3) == "no")
}

/// What the word at `k` says about the tense of its clause.
fn mark(toks: &[TimeToken], words: &[&str], k: usize) -> Option<Mark> {
    let t = toks.get(k)?;
    if t.kind != Kind::Word {
        return None;
    }
    let w = word(words, k);
    let next = word(words, k + 1);
    let before = |n: usize| k.checked_sub(n).map_or("", |j| word(words, j));
    let prev = before(1);
    // "had planned to", "had been scheduled to": a schedule in the past perfect, overtaken
    // (not "had agreed to": a commitment still ahead); `n` words back is the plan's verb
    let past_perfect = |n: usize| {
        SCHEDULE.contains(&before(n))
            && (before(n + 1) == "had" || (before(n + 1) == "been" && before(n + 2) == "had"))
    };
    let plan = |n: usize| Some(if past_perfect(n) { Mark::Past } else { Mark::Future });
    // "due to" is a schedule after a form of "be" ("is due to report"), else a cause ("were
    // not able to reach him due to low light levels on Saturday"); `n` words back is "due"
    let cause = |n: usize| {
        before(n) == "due"
            && !matches!(before(n + 1), "is" | "are" | "was" | "were" | "be" | "been" | "s" | "re")
    };
    if cause(0) {
        return None;
    }
    if FUTURE_TO.contains(&w) {
        if next != "to" {
            return None;
        }
        return plan(0);
    }
    // "is to resume", "agreed to meet": an infinitive governs what follows; "to be completed"
    if w == "to" {
        let n = toks.get(k + 1);
        let verbish = n.is_some_and(|n| {
            n.kind == Kind::Word
                && !n.capitalized()
                && !matches!(
                    next,
                    "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "that" | "be"
                )
        });
        if next == "be" && word(words, k + 2).ends_with("ed") {
            return Some(Mark::Future);
        }
        if !(verbish && BEFORE_TO.contains(&prev)) || cause(1) {
            return None;
        }
        return plan(1);
    }
    // "won't"
    if w == "won" && matches!(next, "'" | "\u{2019}") && word(words, k + 2) == "t" {
        return Some(Mark::Future);
    }
    // a bare verb after a modal or "to" is the modal's ("he will do well in Tuesday's
    // primary", "would have to say"): looking back from the expression, the modal decides
    let capitalized = |n: usize| k.checked_sub(n).and_then(|j| toks.get(j)).is_some_and(|t| t.cap);
    let after_modal = |n: usize| MODALS.contains(&before(n)) && !(before(n) == "may" && capitalized(n));
    if matches!(w, "do" | "have" | "say")
        && (after_modal(1) || prev == "to" || (prev == "not" && after_modal(2)))
    {
        return None;
    }
    // the present perfect looks back: "has steadfastly refused", "have been"
    if matches!(w, "has" | "have" | "ve") {
        let participle = |j: usize| {
            let n = word(words, j);
            (n.len() >= 4 && (n.ends_with("ed") || n.ends_with("en"))) || PAST.contains(&n)
        };
        if participle(k + 1) || participle(k + 2) {
            return Some(Mark::Past);
        }
    }
    if MODALS.contains(&w) && !(w == "may" && t.capitalized()) {
        // "would have met", "will not have" ("would have to say" is an obligation ahead)
        let perfect = (next == "have" && word(words, k + 2) != "to")
            || (next == "not" && word(words, k + 2) == "have" && word(words, k + 3) != "to");
        return Some(if perfect { Mark::Past } else { Mark::Future });
    }
    if NOT_PAST_BEFORE.contains(&prev)
        && (w.ends_with("ed") || PAST.contains(&w) || REPORT.contains(&w))
        && !matches!(w, "was" | "were" | "had" | "did" | "said" | "been")
    {
        return None;
    }
    if FUTURE.contains(&w) {
        Some(Mark::Future)
    } else if REPORT.contains(&w) {
        Some(Mark::Report)
    } else if PAST.contains(&w) {
        Some(Mark::Past)
    } else if PRESENT.contains(&w) {
        Some(Mark::Present)
    } else if w.len() >= 5 && w.ends_with("ed") && !ED_EXCEPT.contains(&w) && !t.capitalized() {
        Some(Mark::Past)
    } else {
        None
    }
}

/// The tense governing tokens `a..b`: the nearest tense marker before them in the sentence,
/// else the nearest after them, with a forward cue before them turning a reporting verb, a
/// present or no marker at all into the future; `words` are the tokens' lowercase forms.
pub(crate) fn tense(toks: &[TimeToken], words: &[&str], a: usize, b: usize) -> Tense {
    let Some(first) = toks.get(a) else { return Tense::Unknown };
    let sent = first.sent;
    let cue = forward_cue(words, a);
    let decide = |m: Mark| match m {
        Mark::Future => Tense::Future,
        Mark::Past => Tense::Past,
        Mark::Report if cue => Tense::Future,
        Mark::Report => Tense::Past,
        Mark::Present if cue => Tense::Future,
        Mark::Present => Tense::Present,
    };
    let before = (a.saturating_sub(REACH)..a).rev();
    let after = b..toks.len().min(b.saturating_add(REACH));
    for k in before.chain(after) {
        if toks[k].sent != sent {
            if k < a {
                continue;
            }
            break;
        }
        if let Some(m) = mark(toks, words, k) {
            return decide(m);
        }
    }
    if cue { Tense::Future } else { Tense::Unknown }
}
