//! `cargo xtask eval quotes`: quote attribution on PolNeAR, scored like
//! `/work/shared/eval/polnear.py` (a faithful port: same matching, same counts, same rounding).

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;
use storyline_model::{Entity, Quote, QuoteKind, Span};

/// Characters trimmed from both ends of every span for the strict match.
const TRIM: &[char] = &['"', '“', '”', '‘', '’', '\'', ',', '.', ':'];

/// Python's `str.isspace` (Unicode White_Space plus the information separators U+001C..U+001F).
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// One attribution as code-point spans per role.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Att {
    pub content: Vec<[usize; 2]>,
    pub cue: Vec<[usize; 2]>,
    pub source: Vec<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// What the pipeline knows of a predicted attribution beyond its spans (for error analysis;
    /// the scorer ignores it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub info: Option<Info>,
}

/// A predicted attribution's act, cue lemma and resolved speaker.
#[derive(Clone, Debug, Serialize)]
pub struct Info {
    act: String,
    lemma: Option<String>,
    speaker: Option<String>,
    speaker_kind: Option<String>,
}

pub(crate) struct GoldDoc {
    pub(crate) chars: Vec<char>,
    pub(crate) atts: Vec<Att>,
}

fn parse_spans(s: &str) -> Option<Vec<[usize; 2]>> {
    s.split(';')
        .map(|p| {
            let mut it = p.split(' ');
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            it.next().is_none().then_some([a, b])
        })
        .collect()
}

/// BRAT standoff → attributions (E lines with Content*/Cue*/Source* roles).
fn parse_ann(path: &Path) -> Result<Vec<Att>> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let lines: Vec<&str> = raw.split('\n').collect();
    let mut spans: BTreeMap<&str, Vec<[usize; 2]>> = BTreeMap::new();
    for line in &lines {
        // ^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t
        let mut parts = line.splitn(3, '\t');
        let (Some(id), Some(mid), Some(_)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if !(id.len() > 1 && id.starts_with('T') && id[1..].bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let Some((label, offs)) = mid.split_once(' ') else { continue };
        if label.is_empty() || label.chars().any(char::is_whitespace) {
            continue;
        }
        if let Some(sp) = parse_spans(offs) {
            spans.insert(id, sp);
        }
    }
    let mut atts = Vec::new();
    for line in &lines {
        let Some((id, rest)) = line.split_once('\t') else { continue };
        if !(id.len() > 1 && id.starts_with('E') && id[1..].bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let mut att = Att::default();
        for arg in rest.split_whitespace().skip(1) {
            let (role, tid) = arg.split_once(':').unwrap_or((arg, ""));
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit()).to_lowercase();
            let list = match role.as_str() {
                "content" => &mut att.content,
                "cue" => &mut att.cue,
                "source" => &mut att.source,
                _ => continue,
            };
            let Some(sp) = spans.get(tid) else {
                bail!("{}: {id} refers to missing {tid}", path.display());
            };
            list.extend(sp.iter().copied());
        }
        atts.push(att);
    }
    Ok(atts)
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(v)
}

pub(crate) fn load_gold(dir: &Path) -> Result<BTreeMap<String, GoldDoc>> {
    let mut gold = BTreeMap::new();
    for txt in sorted_files(&dir.join("text"), "txt")? {
        let stem = txt.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&txt).with_context(|| format!("reading {}", txt.display()))?;
        gold.insert(stem, GoldDoc { chars: text.chars().collect(), atts: Vec::new() });
    }
    let mut seen = HashSet::new();
    for ann in sorted_files(&dir.join("attributions"), "ann")? {
        let name = ann.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let stem = name.rsplit_once('_').map_or(name.as_str(), |(s, _)| s).to_string();
        let Some(doc) = gold.get_mut(&stem) else { bail!("{} has no text file", ann.display()) };
        if seen.insert(stem) {
            doc.atts = parse_ann(&ann)?;
        }
    }
    Ok(gold)
}

/// Non-whitespace positions covered by spans (sorted, deduplicated).
fn positions(chars: &[char], spans: &[[usize; 2]]) -> Vec<usize> {
    let mut v: Vec<usize> = spans
        .iter()
        .flat_map(|&[s, e]| s.min(chars.len())..e.min(chars.len()))
        .filter(|&i| !py_space(chars[i]))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn trimmed(chars: &[char], spans: &[[usize; 2]]) -> Vec<usize> {
    let is_trim = |c: char| py_space(c) || TRIM.contains(&c);
    let out: Vec<[usize; 2]> = spans
        .iter()
        .map(|&[mut s, mut e]| {
            let e0 = e.min(chars.len());
            e = e0;
            while s < e && is_trim(chars[s]) {
                s += 1;
            }
            while e > s && is_trim(chars[e - 1]) {
                e -= 1;
            }
            [s, e]
        })
        .collect();
    positions(chars, &out)
}

fn is_direct(chars: &[char], spans: &[[usize; 2]]) -> bool {
    spans.iter().any(|&[s, e]| {
        let t = &chars[s.min(chars.len())..e.min(chars.len())];
        t.iter().any(|c| matches!(c, '"' | '“' | '”')) || t.windows(2).any(|w| w == ['\'', '\''])
    })
}

fn inter_len(a: &[usize], b: &[usize]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn greedy(mut pairs: Vec<(f64, usize, usize)>) -> BTreeMap<usize, usize> {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut m = BTreeMap::new();
    let mut used = HashSet::new();
    for (_, g, p) in pairs {
        if !m.contains_key(&g) && !used.contains(&p) {
            m.insert(g, p);
            used.insert(p);
        }
    }
    m
}

/// Python's `round(x, 4)` for the non-negative ratios here.
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f1: f64,
}

fn prf(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> Prf {
    let p = if n_p > 0 { tp_p as f64 / n_p as f64 } else { 0.0 };
    let r = if n_r > 0 { tp_r as f64 / n_r as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { p: round4(p), r: round4(r), f1: round4(f) }
}

#[derive(Debug, Default)]
pub struct Scores {
    pub n_articles: usize,
    pub n_gold: usize,
    pub n_pred: usize,
    /// content partial, strict, +source, +cue: (P/R/F1, TP).
    pub rows: [(Prf, usize); 4],
    /// direct, indirect: (P/R/F1, n_gold, n_pred).
    pub kinds: [(Prf, usize, usize); 2],
}

fn score(gold: &BTreeMap<String, GoldDoc>, pred: &BTreeMap<String, Vec<Att>>) -> Scores {
    let (mut n_gold, mut n_pred, mut partial_n, mut strict_n, mut source_n, mut cue_n) = (0, 0, 0, 0, 0, 0);
    // [direct, indirect] × [gold, pred, gold_hit, pred_hit]
    let mut sub = [[0usize; 4]; 2];
    let empty = Vec::new();
    for (stem, doc) in gold {
        let chars = &doc.chars;
        let g = &doc.atts;
        let p = pred.get(stem).unwrap_or(&empty);
        let pos =
            |a: &Att| [positions(chars, &a.content), positions(chars, &a.cue), positions(chars, &a.source)];
        let gp: Vec<_> = g.iter().map(pos).collect();
        let pp: Vec<_> = p.iter().map(pos).collect();
        let gkind: Vec<usize> = g.iter().map(|a| usize::from(!is_direct(chars, &a.content))).collect();
        let pkind: Vec<usize> = p
            .iter()
            .map(|a| match a.kind {
                Some(k) => usize::from(!matches!(k, "direct" | "mixed")),
                None => usize::from(!is_direct(chars, &a.content)),
            })
            .collect();
        let ptrim: Vec<Vec<usize>> = p.iter().map(|a| trimmed(chars, &a.content)).collect();
        let (mut partial, mut strict) = (Vec::new(), Vec::new());
        for (i, ga) in g.iter().enumerate() {
            let gc = &gp[i][0];
            let mut gt: Option<Vec<usize>> = None;
            for (j, _) in p.iter().enumerate() {
                let pc = &pp[j][0];
                let inter = inter_len(gc, pc);
                if inter == 0 {
                    continue;
                }
                let s = inter as f64 / (gc.len() + pc.len() - inter) as f64;
                if s >= 0.5 {
                    partial.push((s, i, j));
                }
                let gt = gt.get_or_insert_with(|| trimmed(chars, &ga.content));
                if !gt.is_empty() && *gt == ptrim[j] {
                    strict.push((s, i, j));
                }
            }
        }
        let (pm, sm) = (greedy(partial), greedy(strict));
        n_gold += g.len();
        n_pred += p.len();
        partial_n += pm.len();
        strict_n += sm.len();
        for (&i, &j) in &pm {
            for (role, n) in [(2, &mut source_n), (1, &mut cue_n)] {
                let (gs, ps) = (&gp[i][role], &pp[j][role]);
                if (gs.is_empty() && ps.is_empty()) || inter_len(gs, ps) > 0 {
                    *n += 1;
                }
            }
        }
        for (i, &k) in gkind.iter().enumerate() {
            sub[k][0] += 1;
            sub[k][2] += usize::from(pm.contains_key(&i));
        }
        let hit: HashSet<usize> = pm.values().copied().collect();
        for (j, &k) in pkind.iter().enumerate() {
            sub[k][1] += 1;
            sub[k][3] += usize::from(hit.contains(&j));
        }
    }
    let row = |tp| (prf(tp, n_pred, tp, n_gold), tp);
    let kind = |s: [usize; 4]| (prf(s[3], s[1], s[2], s[0]), s[0], s[1]);
    Scores {
        n_articles: gold.len(),
        n_gold,
        n_pred,
        rows: [row(partial_n), row(strict_n), row(source_n), row(cue_n)],
        kinds: [kind(sub[0]), kind(sub[1])],
    }
}

fn report(s: &Scores, gold_dir: &Path, pred_file: &Path, n_pred_articles: usize) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "gold {}: {} articles, {} attributions", gold_dir.display(), s.n_articles, s.n_gold);
    let _ =
        writeln!(o, "pred {}: {} articles, {} attributions", pred_file.display(), n_pred_articles, s.n_pred);
    let _ = writeln!(o, "{:18}{:>7}{:>7}{:>7}{:>7}", "", "P", "R", "F1", "TP");
    for (label, (v, tp)) in
        ["content partial", "content strict", "content+source", "content+cue"].iter().zip(s.rows)
    {
        let _ = writeln!(o, "{label:18}{:7.1}{:7.1}{:7.1}{tp:7}", 100.0 * v.p, 100.0 * v.r, 100.0 * v.f1);
    }
    let _ = writeln!(o, "{:18}{:>7}{:>7}{:>7}{:>7}{:>7}", "", "P", "R", "F1", "gold", "pred");
    for (k, (v, g, p)) in ["direct", "indirect"].iter().zip(s.kinds) {
        let label = format!("{k} (partial)");
        let _ = writeln!(o, "{label:18}{:7.1}{:7.1}{:7.1}{g:7}{p:7}", 100.0 * v.p, 100.0 * v.r, 100.0 * v.f1);
    }
    o
}

/// Map byte offsets of the parsed text to code-point offsets of the original file. The parser's
/// text equals the file for clean UTF-8; otherwise (CRLF, BOM, control characters) the two are
/// aligned, characters the decoder dropped being skipped in the original.
struct OffsetMap {
    /// Code-point offset in the original of the character starting at each byte offset of the
    /// parsed text (bytes inside a character map to its start).
    by_byte: Vec<usize>,
    /// Code-point offset in the original just after the character ending at each byte offset.
    end_by_byte: Vec<usize>,
}

impl OffsetMap {
    fn new(parsed: &str, original: &[char]) -> (Self, bool) {
        let mut by_byte = vec![0usize; parsed.len() + 1];
        let mut end_by_byte = vec![0usize; parsed.len() + 1];
        let mut oi = 0;
        let mut exact = true;
        for (b, c) in parsed.char_indices() {
            // Skip what the decoder removed (BOM, CR of CRLF, control characters).
            while oi < original.len() && original[oi] != c {
                exact = false;
                oi += 1;
            }
            by_byte[b] = oi.min(original.len());
            oi += 1;
            end_by_byte[b + c.len_utf8()] = oi.min(original.len());
        }
        if oi != original.len() {
            exact = false;
        }
        by_byte[parsed.len()] = oi.min(original.len());
        // Bytes inside a character map to the character's start.
        let mut last = 0;
        for (b, v) in by_byte.iter_mut().enumerate() {
            if parsed.is_char_boundary(b) {
                last = *v;
            } else {
                *v = last;
            }
        }
        let mut last = 0;
        for (b, v) in end_by_byte.iter_mut().enumerate() {
            if parsed.is_char_boundary(b) && b > 0 {
                last = *v;
            } else {
                *v = last;
            }
        }
        (OffsetMap { by_byte, end_by_byte }, exact)
    }

    fn span(&self, s: Span) -> [usize; 2] {
        let at = |v: &Vec<usize>, b: usize| v.get(b).copied().unwrap_or(*v.last().unwrap_or(&0));
        let start = at(&self.by_byte, s.start);
        if s.end <= s.start {
            return [start, start];
        }
        [start, at(&self.end_by_byte, s.end).max(start)]
    }
}

fn to_att(q: &Quote, map: &OffsetMap, entities: &[Entity]) -> Att {
    let speaker_kind = q.speaker_entity.and_then(|e| entities.get(e)).map(|e| format!("{:?}", e.kind));
    let info = Info {
        act: format!("{:?}", q.act),
        lemma: q.cue.as_ref().map(|c| c.lemma.clone()),
        speaker: q.speaker.clone(),
        speaker_kind,
    };
    Att {
        info: Some(info),
        content: q.content.iter().map(|&s| map.span(s)).collect(),
        cue: q.cue.iter().map(|c| map.span(Span::new(c.start, c.end))).collect(),
        source: q.speaker_mention.iter().map(|m| map.span(Span::new(m.start, m.end))).collect(),
        kind: Some(match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }),
    }
}

/// One article's attributions and whether its parsed text equals the file.
type Predicted = (Vec<Att>, bool);

#[derive(Serialize)]
struct PredLine<'a> {
    article: &'a str,
    attributions: &'a [Att],
}

/// Run the extractor over `data/text/*.txt`, write `out` (polnear.py JSONL) and print the scores.
pub fn eval(data: &Path, out: &Path) -> Result<()> {
    let gold = load_gold(data)?;
    let opts = storyline_parser::ParseOptions::default();
    let analyzer = storyline_analyzer::Analyzer::new().context("loading the NER model")?;
    let results: Vec<(String, Result<Predicted>)> = gold
        .par_iter()
        .map(|(stem, doc)| {
            let path = data.join("text").join(format!("{stem}.txt"));
            let r = (|| {
                let bytes = std::fs::read(&path)?;
                let mut article =
                    storyline_parser::parse_text(&bytes, stem, &path.display().to_string(), &opts)?;
                let (map, exact) = OffsetMap::new(&article.text, &doc.chars);
                // The whole analysis, as users get it (speakers resolved through the entities,
                // narrator-only and act filters), but for one presentation step: a speaker's
                // quoted sentences after the cue's sentence are one attribution with several
                // content spans here, as PolNeAR annotates them, where the reports list each
                // passage as a statement of its own (`attribution::split_continuations`).
                analyzer.analyze(&mut article);
                article.quotes = storyline_analyzer::quotes::extract_quotes(&article);
                storyline_analyzer::attribution::link_quotes(&mut article);
                Ok((article.quotes.iter().map(|q| to_att(q, &map, &article.entities)).collect(), exact))
            })();
            (stem.clone(), r)
        })
        .collect();
    let mut pred = BTreeMap::new();
    let mut inexact = Vec::new();
    for (stem, r) in results {
        match r {
            Ok((atts, exact)) => {
                if !exact {
                    inexact.push(stem.clone());
                }
                pred.insert(stem, atts);
            }
            Err(e) => eprintln!("warning: {stem}: {e:#}"),
        }
    }
    if !inexact.is_empty() {
        eprintln!(
            "note: {} article(s) whose parsed text differs from the file (offsets realigned): {}",
            inexact.len(),
            inexact.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        );
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut jsonl = String::new();
    for (stem, atts) in &pred {
        jsonl.push_str(&serde_json::to_string(&PredLine { article: stem, attributions: atts })?);
        jsonl.push('\n');
    }
    std::fs::write(out, jsonl).with_context(|| format!("writing {}", out.display()))?;
    let s = score(&gold, &pred);
    print!("{}", report(&s, data, out, pred.len()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_through_crlf_and_bom() {
        let original: Vec<char> = "\u{feff}a\r\nbé c".chars().collect();
        let (map, exact) = OffsetMap::new("a\nbé c", &original);
        assert!(!exact);
        assert_eq!(map.span(Span::new(0, 1)), [1, 2]);
        // "é c" starts at byte 3 (after "a\nb"), code point 5 in the original.
        assert_eq!(map.span(Span::new(3, 7)), [5, 8]);
        let (_, exact) = OffsetMap::new("abc", &['a', 'b', 'c']);
        assert!(exact);
    }

    #[test]
    fn scoring_matches_the_reference_rules() {
        let chars: Vec<char> = "He said \"yes, we will.\" Then he left.".chars().collect();
        let gold_att =
            Att { content: vec![[8, 23]], cue: vec![[3, 7]], source: vec![[0, 2]], kind: None, info: None };
        let mut gold = BTreeMap::new();
        gold.insert("a".to_string(), GoldDoc { chars, atts: vec![gold_att] });
        let mut pred = BTreeMap::new();
        let p = Att {
            content: vec![[9, 22]],
            cue: vec![[3, 7]],
            source: vec![[30, 32]],
            kind: Some("direct"),
            info: None,
        };
        pred.insert("a".to_string(), vec![p]);
        let s = score(&gold, &pred);
        assert_eq!(s.rows[0].1, 1); // partial
        assert_eq!(s.rows[1].1, 1); // strict: quotes and final period trimmed
        assert_eq!(s.rows[2].1, 0); // source differs
        assert_eq!(s.rows[3].1, 1); // cue
        assert_eq!(s.kinds[0].1, 1);
    }
}
