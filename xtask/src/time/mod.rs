//! `cargo xtask eval time`: run `storyline_analyzer::time::extract` over a TimeML corpus and
//! score it exactly as `shared/eval/timeml.py score` does (TempEval-3 strict / relaxed
//! P/R/F1, type and value F1), on the tuning half, the checking half (see [`part_of`]) and
//! all documents.
//!
//! The system input for each `.tml` is what `timeml.py text` writes: the concatenated text
//! nodes of `<TEXT>` (tags dropped, entities decoded) and the DCT's `value`. Offsets in the
//! prediction file are code points, as the referee expects.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;

/// A gold TIMEX3 (code-point offsets into the document text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span3 {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
}

/// One TimeML document as the referee sees it.
#[derive(Clone, Debug)]
pub struct TmlDoc {
    pub stem: String,
    pub text: String,
    pub dct: String,
    pub gold: Vec<Span3>,
}

/// Decode the XML entities of a text node or attribute value.
fn decode_entities(s: &str) -> Result<String> {
    if !s.contains('&') {
        return Ok(s.to_string());
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find(';').with_context(|| format!("unterminated entity in {s:?}"))?;
        let name = &after[..j];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(h) = name.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = name.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32).with_context(|| format!("unknown entity &{name};"))?
            }
        };
        out.push(c);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The attributes of a start tag's inside (`NAME a="1" b='2'`).
fn attributes(tag: &str) -> Result<HashMap<String, String>> {
    let mut map = HashMap::new();
    let mut rest = tag.trim_start_matches(|c: char| !c.is_whitespace()).trim_start();
    while !rest.is_empty() {
        let eq = rest.find('=').with_context(|| format!("bad attribute in <{tag}>"))?;
        let name = rest[..eq].trim().to_string();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|&c| c == '"' || c == '\'');
        let quote = quote.with_context(|| format!("unquoted attribute in <{tag}>"))?;
        let close = after[1..].find(quote).with_context(|| format!("unterminated attribute in <{tag}>"))?;
        map.insert(name, decode_entities(&after[1..1 + close])?);
        rest = after[close + 2..].trim_start();
    }
    Ok(map)
}

/// An element open inside `<TEXT>`: name, start code point, attributes if a TIMEX3.
type OpenElement = (String, usize, Option<HashMap<String, String>>);

/// (gold index, prediction index) pairs.
pub type Pairs = Vec<(usize, usize)>;

/// Read a TimeML file the way `timeml.py`'s `read_tml` does (ElementTree semantics: line
/// ends normalised to `\n`, entities and CDATA decoded, comments and processing
/// instructions dropped).
pub fn read_tml(path: &Path) -> Result<TmlDoc> {
    let raw = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let src = raw.replace("\r\n", "\n").replace('\r', "\n");
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let ctx = || format!("malformed TimeML in {}", path.display());

    let mut text = String::new();
    let mut cp = 0usize; // code points in `text`
    let mut dct: Option<String> = None;
    let mut gold = Vec::new();
    let mut in_text = false;
    let mut in_dct = false;
    // Open elements inside <TEXT>: (name, start code point, attributes if TIMEX3).
    let mut stack: Vec<OpenElement> = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let rest = &src[pos..];
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            if in_text {
                let t = decode_entities(&rest[..end]).with_context(ctx)?;
                cp += t.chars().count();
                text.push_str(&t);
            }
            pos += end;
            continue;
        }
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").with_context(ctx)?;
            if in_text {
                cp += r[..end].chars().count();
                text.push_str(&r[..end]);
            }
            pos += 9 + end + 3;
        } else if rest.starts_with("<!--") {
            pos += rest.find("-->").with_context(ctx)? + 3;
        } else if rest.starts_with("<?") {
            pos += rest.find("?>").with_context(ctx)? + 2;
        } else if rest.starts_with("<!") {
            pos += rest.find('>').with_context(ctx)? + 1;
        } else {
            let close = rest.find('>').with_context(ctx)?;
            let inner = &rest[1..close];
            pos += close + 1;
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim();
                if in_text {
                    if name == "TEXT" && stack.is_empty() {
                        in_text = false;
                        continue;
                    }
                    let (open, start, attrs) = stack.pop().with_context(ctx)?;
                    if open != name {
                        bail!("{}: </{name}> closes <{open}>", ctx());
                    }
                    if let Some(a) = attrs {
                        let get = |k: &str| a.get(k).cloned().unwrap_or_default();
                        gold.push(Span3 { start, end: cp, kind: get("type"), value: get("value") });
                    }
                } else if name == "DCT" {
                    in_dct = false;
                }
                continue;
            }
            let self_closing = inner.ends_with('/');
            let inner = inner.trim_end_matches('/');
            let name = inner.split(|c: char| c.is_whitespace()).next().unwrap_or_default();
            if in_text {
                let attrs = if name == "TIMEX3" { Some(attributes(inner)?) } else { None };
                if self_closing {
                    if let Some(a) = attrs {
                        let get = |k: &str| a.get(k).cloned().unwrap_or_default();
                        gold.push(Span3 { start: cp, end: cp, kind: get("type"), value: get("value") });
                    }
                } else {
                    stack.push((name.to_string(), cp, attrs));
                }
            } else if name == "TEXT" && !self_closing && text.is_empty() {
                in_text = true;
            } else if name == "DCT" {
                in_dct = !self_closing;
            } else if name == "TIMEX3" && in_dct && dct.is_none() {
                dct = attributes(inner)?.get("value").cloned();
            }
        }
    }
    let dct = dct.with_context(|| format!("{}: no <DCT><TIMEX3 value=…>", path.display()))?;
    // Like `read_tml`, a TIMEX3 is recorded when it closes (nested ones inner first).
    Ok(TmlDoc { stem, text, dct, gold })
}

/// All `.tml` files of `dir`, sorted by name (as `timeml.py` lists them).
pub fn load_corpus(dir: &Path) -> Result<Vec<TmlDoc>> {
    if !dir.is_dir() {
        bail!("TimeML data directory not found: {} (pass --data DIR)", dir.display());
    }
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot list {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(".tml")))
        .collect();
    names.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    if names.is_empty() {
        bail!("no .tml files in {}", dir.display());
    }
    names.par_iter().map(|p| read_tml(p)).collect()
}

/// Parse the date part of a DCT value (`1998-03-22T14:57:00` → 1998-03-22).
pub fn parse_dct(value: &str) -> Option<jiff::civil::Date> {
    value.get(..10)?.parse().ok()
}

#[derive(Serialize)]
struct PredTimex<'a> {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct PredLine<'a> {
    doc: &'a str,
    timexes: Vec<PredTimex<'a>>,
}

/// Run the extractor on every document; code-point spans.
pub fn predict(docs: &[TmlDoc]) -> Vec<Vec<Span3>> {
    docs.par_iter()
        .map(|d| {
            let found = storyline_analyzer::time::extract(&d.text, parse_dct(&d.dct));
            // byte offset → code-point offset
            let mut map = vec![0usize; d.text.len() + 1];
            let mut n = 0;
            for (i, _) in d.text.char_indices() {
                map[i] = n;
                n += 1;
            }
            map[d.text.len()] = n;
            found
                .into_iter()
                .map(|t| Span3 {
                    start: map[t.start],
                    end: map[t.end],
                    kind: t.kind.label().to_string(),
                    value: t.value,
                })
                .collect()
        })
        .collect()
}

fn overlap(a: &Span3, b: &Span3) -> isize {
    a.end.min(b.end) as isize - a.start.max(b.start) as isize
}

/// `timeml.py`'s `match`: strict pairs, then relaxed pairs (strict included), as
/// (gold index, pred index).
pub fn match_spans(gold: &[Span3], pred: &[Span3]) -> (Pairs, Pairs) {
    let mut pairs: BTreeMap<usize, usize> = BTreeMap::new();
    let mut used_p = HashSet::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            if !used_p.contains(&pi) && (p.start, p.end) == (g.start, g.end) {
                pairs.insert(gi, pi);
                used_p.insert(pi);
                break;
            }
        }
    }
    let strict: Vec<(usize, usize)> = pairs.iter().map(|(&g, &p)| (g, p)).collect();
    let rest_g: Vec<usize> = (0..gold.len()).filter(|g| !pairs.contains_key(g)).collect();
    let rest_p: Vec<usize> = (0..pred.len()).filter(|p| !used_p.contains(p)).collect();
    let mut cands: HashMap<usize, Vec<usize>> = HashMap::new();
    for &gi in &rest_g {
        let mut c: Vec<usize> =
            rest_p.iter().copied().filter(|&pi| overlap(&gold[gi], &pred[pi]) > 0).collect();
        c.sort_by_key(|&pi| (pred[pi].start, std::cmp::Reverse(pred[pi].end), pi));
        cands.insert(gi, c);
    }
    let mut owner: HashMap<usize, usize> = HashMap::new();
    fn augment(
        gi: usize,
        seen: &mut HashSet<usize>,
        cands: &HashMap<usize, Vec<usize>>,
        owner: &mut HashMap<usize, usize>,
    ) -> bool {
        for &pi in &cands[&gi] {
            if seen.insert(pi) {
                let free = match owner.get(&pi) {
                    None => true,
                    Some(&other) => augment(other, seen, cands, owner),
                };
                if free {
                    owner.insert(pi, gi);
                    return true;
                }
            }
        }
        false
    }
    for &gi in &rest_g {
        augment(gi, &mut HashSet::new(), &cands, &mut owner);
    }
    let mut extra: Vec<(usize, usize)> = owner.iter().map(|(&p, &g)| (g, p)).collect();
    extra.sort();
    let mut relaxed = strict.clone();
    relaxed.extend(extra);
    (strict, relaxed)
}

/// Python's `round(x, 2)` on a float (correct rounding of the exact binary value, ties to
/// even), returned as the decimal string `:.2f` would print.
pub(crate) fn py_round2(x: f64) -> f64 {
    // The exact decimal expansion of a finite double is finite; 1100 digits always suffice.
    let s = format!("{:.1100}", x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let keep = format!("{int}{}", &frac[..2]);
    let tail = &frac[2..];
    let mut digits: Vec<u8> = keep.bytes().map(|b| b - b'0').collect();
    let first = tail.as_bytes().first().map_or(0, |b| b - b'0');
    let beyond = tail.bytes().skip(1).any(|b| b != b'0');
    let last_odd = digits.last().is_some_and(|d| d % 2 == 1);
    let up = first > 5 || (first == 5 && (beyond || last_odd));
    if up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let n = digits.len();
    let text: String = digits[..n - 2].iter().map(|d| char::from(b'0' + d)).collect::<String>()
        + "."
        + &digits[n - 2..].iter().map(|d| char::from(b'0' + d)).collect::<String>();
    let v: f64 = text.parse().unwrap_or(0.0);
    if x < 0.0 { -v } else { v }
}

fn pct(x: f64) -> f64 {
    py_round2(100.0 * x)
}

fn prf(hits: usize, n_sys: usize, n_gold: usize) -> (f64, f64, f64) {
    let p = if n_sys > 0 { hits as f64 / n_sys as f64 } else { 0.0 };
    let r = if n_gold > 0 { hits as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[derive(Default)]
struct TypeCount {
    gold: usize,
    relaxed: usize,
    value_ok: usize,
}

/// Score predictions against the gold, printing what `timeml.py score` prints.
pub fn score(docs: &[TmlDoc], preds: &[Vec<Span3>]) -> String {
    let (mut gold_n, mut sys_n, mut strict_n, mut relaxed_n, mut type_ok, mut value_ok) = (0, 0, 0, 0, 0, 0);
    let mut by_type: BTreeMap<String, TypeCount> = BTreeMap::new();
    for (doc, pred) in docs.iter().zip(preds) {
        let (strict, relaxed) = match_spans(&doc.gold, pred);
        gold_n += doc.gold.len();
        sys_n += pred.len();
        strict_n += strict.len();
        relaxed_n += relaxed.len();
        let matched: HashMap<usize, usize> = relaxed.iter().copied().collect();
        for (gi, g) in doc.gold.iter().enumerate() {
            let t = by_type.entry(g.kind.clone()).or_default();
            t.gold += 1;
            if let Some(&pi) = matched.get(&gi) {
                let p = &pred[pi];
                t.relaxed += 1;
                type_ok += usize::from(p.kind == g.kind);
                value_ok += usize::from(p.value == g.value);
                t.value_ok += usize::from(p.value == g.value);
            }
        }
    }
    let (sp, sr, sf) = prf(strict_n, sys_n, gold_n);
    let (rp, rr, rf) = prf(relaxed_n, sys_n, gold_n);
    let ta = if relaxed_n > 0 { type_ok as f64 / relaxed_n as f64 } else { 0.0 };
    let va = if relaxed_n > 0 { value_ok as f64 / relaxed_n as f64 } else { 0.0 };
    let mut out = String::new();
    out += &format!(
        "docs {}  gold {gold_n}  system {sys_n}  strict {strict_n}  relaxed {relaxed_n}  type ok {type_ok}  value ok {value_ok}\n",
        docs.len()
    );
    out += &format!("{:10}{:>8}{:>8}{:>8}\n", "", "P", "R", "F1");
    out += &format!("{:10}{:8.2}{:8.2}{:8.2}\n", "strict", pct(sp), pct(sr), pct(sf));
    out += &format!("{:10}{:8.2}{:8.2}{:8.2}\n", "relaxed", pct(rp), pct(rr), pct(rf));
    out += &format!("{:10}{:>8}{:>8}\n", "", "acc", "F1");
    out += &format!("{:10}{:8.2}{:8.2}\n", "type", pct(ta), pct(rf * ta));
    out += &format!("{:10}{:8.2}{:8.2}\n", "value", pct(va), pct(rf * va));
    let parts: Vec<String> = by_type
        .iter()
        .map(|(k, v)| {
            let rec = pct(v.relaxed as f64 / v.gold as f64);
            let val = if v.relaxed > 0 { pct(v.value_ok as f64 / v.relaxed as f64) } else { 0.0 };
            format!("{k} n={} R={rec:.1} val={val:.1}", v.gold)
        })
        .collect();
    out += &format!("by gold type: {}\n", parts.join("  "));
    out
}

/// Write the prediction file in `timeml.py`'s JSONL format.
pub fn write_predictions(path: &Path, docs: &[TmlDoc], preds: &[Vec<Span3>]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut out = Vec::new();
    for (doc, pred) in docs.iter().zip(preds) {
        let line = PredLine {
            doc: &doc.stem,
            timexes: pred
                .iter()
                .map(|t| PredTimex { start: t.start, end: t.end, kind: &t.kind, value: &t.value })
                .collect(),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.push(b'\n');
    }
    fs::File::create(path)
        .and_then(|mut f| f.write_all(&out))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// The two halves of a corpus: rules are tuned on one and only checked on the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The half whose errors may be looked at and tuned on.
    Tune,
    /// The half that is only scored: a change goes in only if it does not hurt here.
    Check,
}

impl Part {
    /// The name used in the output and in the file names.
    pub fn name(self) -> &'static str {
        match self {
            Part::Tune => "tune",
            Part::Check => "check",
        }
    }
}

/// The half of a document, by its position `index` in the corpus sorted by file name (as
/// [`load_corpus`] returns it): even positions (the 1st, 3rd, … file) are tuned on, odd ones
/// only checked. Alternating keeps the sources (ABC, APW, wsj, …, grouped by name) in both
/// halves in the same proportions; it depends on nothing but the file names.
pub fn part_of(index: usize) -> Part {
    if index.is_multiple_of(2) { Part::Tune } else { Part::Check }
}

/// The documents and predictions of one half.
fn select<'a>(docs: &'a [TmlDoc], preds: &'a [Vec<Span3>], part: Part) -> (Vec<TmlDoc>, Vec<Vec<Span3>>) {
    docs.iter()
        .zip(preds)
        .enumerate()
        .filter(|(i, _)| part_of(*i) == part)
        .map(|(_, (d, p))| (d.clone(), p.clone()))
        .unzip()
}

/// Write one half for the official scorer: `dir/gold/<stem>.tml` (copies of the corpus
/// files) and `dir/pred.jsonl`; returns the two paths.
fn write_part(data: &Path, dir: &Path, docs: &[TmlDoc], preds: &[Vec<Span3>]) -> Result<(PathBuf, PathBuf)> {
    let gold = dir.join("gold");
    if gold.is_dir() {
        fs::remove_dir_all(&gold).with_context(|| format!("cannot clear {}", gold.display()))?;
    }
    fs::create_dir_all(&gold).with_context(|| format!("cannot create {}", gold.display()))?;
    for d in docs {
        let name = format!("{}.tml", d.stem);
        fs::copy(data.join(&name), gold.join(&name))
            .with_context(|| format!("cannot copy {name} to {}", gold.display()))?;
    }
    let pred = dir.join("pred.jsonl");
    write_predictions(&pred, docs, preds)?;
    Ok((gold, pred))
}

/// Run `timeml.py score GOLD PRED`: `Ok(None)` when it prints `ours`, `Ok(Some(why))` when it
/// could not be run (no python3, no script), an error when it prints something else.
fn check_official(script: &Path, gold: &Path, pred: &Path, ours: &str) -> Result<Option<String>> {
    if !script.is_file() {
        return Ok(Some(format!("{} not found", script.display())));
    }
    let out =
        match std::process::Command::new("python3").arg(script).arg("score").arg(gold).arg(pred).output() {
            Ok(out) => out,
            Err(e) => return Ok(Some(format!("python3 could not be run: {e}"))),
        };
    if !out.status.success() {
        bail!(
            "python3 {} score {} {} failed ({}): {}",
            script.display(),
            gold.display(),
            pred.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let theirs = String::from_utf8_lossy(&out.stdout);
    if theirs != ours {
        bail!(
            "the figures differ from timeml.py's on {}\nxtask:\n{ours}timeml.py:\n{theirs}",
            pred.display()
        );
    }
    Ok(None)
}

/// The tuning half's errors, one line each, for error analysis (the checking half's are
/// deliberately not written): missed gold, spurious predictions, and wrong values or types,
/// each with its document, DCT and the sentence around it.
pub fn tuning_errors(docs: &[TmlDoc], preds: &[Vec<Span3>]) -> String {
    let mut out = String::new();
    for (i, (doc, pred)) in docs.iter().zip(preds).enumerate() {
        if part_of(i) != Part::Tune {
            continue;
        }
        let chars: Vec<char> = doc.text.chars().collect();
        let piece = |a: usize, b: usize| -> String {
            chars.get(a.min(chars.len())..b.min(chars.len())).map_or_else(String::new, |c| c.iter().collect())
        };
        let context = |s: &Span3| -> String {
            let a = s.start.saturating_sub(70);
            let b = (s.end + 50).min(chars.len());
            format!("{}[{}]{}", piece(a, s.start), piece(s.start, s.end), piece(s.end, b)).replace('\n', " ")
        };
        let (_, relaxed) = match_spans(&doc.gold, pred);
        let by_gold: HashMap<usize, usize> = relaxed.iter().copied().collect();
        let matched_p: HashSet<usize> = relaxed.iter().map(|&(_, p)| p).collect();
        for (gi, g) in doc.gold.iter().enumerate() {
            match by_gold.get(&gi) {
                None => {
                    out += &format!(
                        "MISS {} dct={} {} {} | {}\n",
                        doc.stem,
                        doc.dct,
                        g.kind,
                        g.value,
                        context(g)
                    );
                }
                Some(&pi) => {
                    let p = &pred[pi];
                    if p.value != g.value || p.kind != g.kind {
                        out += &format!(
                            "VALUE {} dct={} gold {} {} sys {} {} [{}] | {}\n",
                            doc.stem,
                            doc.dct,
                            g.kind,
                            g.value,
                            p.kind,
                            p.value,
                            piece(p.start, p.end),
                            context(g)
                        );
                    }
                }
            }
        }
        for (pi, p) in pred.iter().enumerate() {
            if !matched_p.contains(&pi) {
                out += &format!(
                    "SPURIOUS {} dct={} {} {} | {}\n",
                    doc.stem,
                    doc.dct,
                    p.kind,
                    p.value,
                    context(p)
                );
            }
        }
    }
    out
}

/// `cargo xtask eval time`: the scores of the tuning half, the checking half (see
/// [`part_of`]) and all documents, each checked against `timeml.py` when python3 and the
/// script are there. The halves' gold and predictions go to the directory named after `out`
/// (`target/eval/time-timebank/{tune,check}/`); with `errors`, the tuning half's errors.
pub fn run(
    data: &Path,
    out: &Path,
    dump_text: Option<&Path>,
    script: &Path,
    errors: Option<&Path>,
) -> Result<()> {
    let docs = load_corpus(data)?;
    if let Some(dir) = dump_text {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        for d in &docs {
            fs::write(dir.join(format!("{}.txt", d.stem)), &d.text)?;
            // byte-identical to Python's json.dump
            let meta = format!(
                "{{\"doc\": {}, \"dct\": {}}}",
                serde_json::to_string(&d.stem)?,
                serde_json::to_string(&d.dct)?
            );
            fs::write(dir.join(format!("{}.json", d.stem)), meta)?;
        }
    }
    let preds = predict(&docs);
    write_predictions(out, &docs, &preds)?;
    let parts_dir = out.with_extension("");
    let mut unchecked = None;
    for part in [Part::Tune, Part::Check] {
        let (pd, pp) = select(&docs, &preds, part);
        let (gold, pred) = write_part(data, &parts_dir.join(part.name()), &pd, &pp)?;
        let ours = score(&pd, &pp);
        unchecked = check_official(script, &gold, &pred, &ours)?;
        let which = if part == Part::Tune { "even" } else { "odd" };
        println!("== {} half: {} docs, the {which} positions in file-name order ==", part.name(), pd.len());
        print!("{ours}");
    }
    let ours = score(&docs, &preds);
    if unchecked.is_none() {
        unchecked = check_official(script, data, out, &ours)?;
    }
    println!("== all: {} docs ==", docs.len());
    print!("{ours}");
    match unchecked {
        None => eprintln!("all three figures as {} prints them", script.display()),
        Some(why) => eprintln!("not compared with timeml.py: {why}"),
    }
    if let Some(path) = errors {
        fs::write(path, tuning_errors(&docs, &preds))
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("tuning half's errors: {}", path.display());
    }
    eprintln!("predictions: {} (and the halves in {})", out.display(), parts_dir.display());
    Ok(())
}

#[cfg(test)]
mod tests;
