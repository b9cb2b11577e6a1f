//! A learned keep/drop filter for the expressions the rules find: a logistic regression over
//! a few context features (the expression's words and kind of value, the words around it,
//! whether it modifies a noun, tense, case, quotation, sentence position), trained by
//! `cargo xtask train-timefilter` on the tuning half of TimeBank only and stored in
//! `models/timefilter.txt` (one `feature<TAB>weight` a line, and the decision threshold).
//!
//! Features are named `template=word` strings at training time; here each is hashed as its
//! bytes go by ([`mix_bytes`]), so scoring an expression allocates nothing. The filter runs
//! once per expression found, not per token.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use storyline_model::TimexType;

use super::tense::{Tense, tense};
use super::token::{Kind, TimeToken};
use crate::packed::{IntKeyHasher, mix_bytes};

/// The model, as `cargo xtask train-timefilter` writes it.
static MODEL_TEXT: &str = include_str!("../../models/timefilter.txt");

/// The seed of the feature hashes.
const SEED: u64 = 0x7469_6d65_7866_696c;

/// How far back a quotation mark is looked for, in tokens.
const QUOTE_REACH: usize = 60;

/// Weights by feature hash, and the threshold under which an expression is dropped.
pub(crate) struct Model {
    weights: HashMap<u64, f32, BuildHasherDefault<IntKeyHasher>>,
    threshold: f32,
}

/// The hash of the feature named `name` (`template=word`).
fn hash_name(name: &str) -> u64 {
    mix_bytes(SEED, name.as_bytes())
}

impl Model {
    /// Parse the model text; lines that do not parse are skipped (an empty model keeps all).
    pub(crate) fn parse(text: &str) -> Model {
        let mut weights = HashMap::default();
        let mut threshold = f32::NEG_INFINITY;
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((name, w)) = line.split_once('\t') else { continue };
            let Ok(w) = w.trim().parse::<f32>() else { continue };
            if name == "threshold" {
                threshold = w;
            } else {
                weights.insert(hash_name(name), w);
            }
        }
        Model { weights, threshold }
    }

    fn weight(&self, h: u64) -> f32 {
        self.weights.get(&h).copied().unwrap_or(0.0)
    }
}

/// The built-in model.
fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(MODEL_TEXT))
}

/// A found expression as the filter sees it: tokens `start..end`, its type and value.
pub(crate) struct Found<'v> {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: &'v str,
}

/// The class of a TIMEX3 value: what kind of point or length it names.
fn value_class(kind: TimexType, v: &str) -> &'static str {
    if kind == TimexType::Set {
        return "set";
    }
    match v {
        "PRESENT_REF" => return "present",
        "PAST_REF" => return "past",
        "FUTURE_REF" => return "future",
        _ => {}
    }
    let b = v.as_bytes();
    if let Some(rest) = v.strip_prefix('P') {
        return match rest.as_bytes().last() {
            Some(b'Y') => "durY",
            Some(b'M') if rest.starts_with('T') => "durMin",
            Some(b'M') => "durM",
            Some(b'W') => "durW",
            Some(b'D') => "durD",
            Some(b'H') => "durH",
            Some(b'Q') => "durQ",
            Some(b'E') | Some(b'C') | Some(b'L') => "durLong",
            _ => "durOther",
        };
    }
    if v.contains('T') {
        return "time";
    }
    let digits4 = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
    if !digits4 {
        return if b.first().is_some_and(u8::is_ascii_digit) { "century" } else { "under" };
    }
    match (b.len(), b.get(5)) {
        (4, _) => "year",
        (7, Some(b'Q')) => "quarter",
        (7, Some(b'H')) => "half",
        (7, Some(b'S')) | (7, Some(b'W')) => "season",
        (7, _) => "month",
        (8, Some(b'W')) => "week",
        (10, _) => "day",
        _ => "other",
    }
}

/// The shape of token `i`: a lowercase or capitalised word, a number, punctuation, or none.
fn shape(toks: &[TimeToken], i: Option<usize>, sent: u32) -> &'static str {
    let Some(t) = i.and_then(|i| toks.get(i)) else { return "none" };
    if t.sent != sent {
        return "none";
    }
    match t.kind {
        Kind::Word if t.cap => "cap",
        Kind::Word => "lower",
        Kind::Num => "num",
        Kind::Punct => "punct",
    }
}

/// The word of token `i` as a feature: lowercase, numbers as `<num>`, `<s>` outside the
/// sentence.
fn word_of<'w>(toks: &[TimeToken], words: &[&'w str], i: Option<usize>, sent: u32) -> &'w str {
    match i.and_then(|i| toks.get(i).map(|t| (i, t))) {
        Some((_, t)) if t.sent != sent => "<s>",
        Some((_, t)) if t.kind == Kind::Num => "<num>",
        Some((i, _)) => words.get(i).copied().unwrap_or("<s>"),
        None => "<s>",
    }
}

/// Function words that make the next word a noun's modifier ("the current chairman").
const DETERMINERS: &[&str] =
    &["the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those"];

/// Call `f(template, word, word2)` for every feature of `x` (`word2` is `""` for a feature of
/// one word).
pub(crate) fn features(
    toks: &[TimeToken],
    words: &[&str],
    x: &Found<'_>,
    mut f: impl FnMut(&'static str, &str, &str),
) {
    let (a, b) = (x.start, x.end);
    let Some(first) = toks.get(a) else { return };
    let sent = first.sent;
    let class = value_class(x.kind, x.value);
    let n = b.saturating_sub(a);
    let prev = a.checked_sub(1);
    let next = Some(b);
    let first_word = word_of(toks, words, Some(a), sent);
    let last_word = word_of(toks, words, b.checked_sub(1), sent);
    let prev_word = word_of(toks, words, prev, sent);
    let next_word = word_of(toks, words, next, sent);
    let next_shape = shape(toks, next, sent);
    let prev_shape = shape(toks, prev, sent);
    let kind = match x.kind {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    };
    f("bias", "", "");
    f("type", kind, "");
    f("class", class, "");
    f("first", first_word, "");
    f("last", last_word, "");
    let ntok = match n {
        0 | 1 => "1",
        2 => "2",
        3 => "3",
        _ => "4+",
    };
    f("ntok", ntok, "");
    f("class+ntok", class, ntok);
    f("prev", prev_word, "");
    f("next", next_word, "");
    f("prevshape", prev_shape, "");
    f("nextshape", next_shape, "");
    // a lone word before a lowercase word: an adjective on a noun ("current market
    // conditions", "a daily newspaper", "the recent collapse")
    let modifies = n == 1 && next_shape == "lower";
    let after_det = DETERMINERS.contains(&prev_word) || prev_word == "'s" || prev_word == "s";
    let modifier = match (modifies, after_det) {
        (true, true) => "det+noun",
        (true, false) => "noun",
        (false, _) => "no",
    };
    f("modifier", modifier, "");
    f("class+modifier", class, modifier);
    f("last+modifier", last_word, modifier);
    let t = match tense(toks, words, a, b) {
        Tense::Past => "past",
        Tense::Future => "future",
        Tense::Present => "present",
        Tense::Unknown => "unknown",
    };
    f("tense", t, "");
    f("class+tense", class, t);
    let sent_start = prev.is_none_or(|p| toks.get(p).is_none_or(|t| t.sent != sent));
    f("sentstart", if sent_start { "1" } else { "0" }, "");
    f("cap", if first.cap && !sent_start { "1" } else { "0" }, "");
    // an odd number of quotation marks before it in the sentence (bounded look-back)
    let mut quotes = 0usize;
    for k in (a.saturating_sub(QUOTE_REACH)..a).rev() {
        let Some(t) = toks.get(k) else { break };
        if t.sent != sent {
            break;
        }
        if t.kind == Kind::Punct
            && matches!(words.get(k).copied(), Some("\"" | "`" | "\u{201c}" | "\u{201d}"))
        {
            quotes += 1;
        }
    }
    f("quoted", if quotes % 2 == 1 { "1" } else { "0" }, "");
}

/// Whether the built-in model keeps `x`.
pub(crate) fn keep(toks: &[TimeToken], words: &[&str], x: &Found<'_>) -> bool {
    keep_with(model(), toks, words, x)
}

/// Whether `model` keeps `x`: its score is at its threshold or above.
pub(crate) fn keep_with(model: &Model, toks: &[TimeToken], words: &[&str], x: &Found<'_>) -> bool {
    if model.threshold == f32::NEG_INFINITY {
        return true;
    }
    let mut score = 0.0f32;
    features(toks, words, x, |tpl, w1, w2| {
        // the hash of the name `tpl=w1|w2`, byte by byte
        let h = mix_bytes(mix_bytes(SEED, tpl.as_bytes()), b"=");
        let h = mix_bytes(mix_bytes(mix_bytes(h, w1.as_bytes()), b"|"), w2.as_bytes());
        score += model.weight(h);
    });
    score >= model.threshold
}

/// The features of `x` by name (`template=word|word2`), for training.
#[cfg(feature = "training")]
pub(crate) fn feature_names(toks: &[TimeToken], words: &[&str], x: &Found<'_>) -> Vec<String> {
    let mut out = Vec::new();
    features(toks, words, x, |tpl, w1, w2| out.push(format!("{tpl}={w1}|{w2}")));
    out
}
