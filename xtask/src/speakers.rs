//! `cargo xtask train-speakers`: the list of nouns that can name a speaker
//! (`crates/analyzer/models/speaker_nouns.txt`), from WordNet 3.0 and PolNeAR train.
//!
//! A reported-speech candidate whose speaker phrase ends in a common noun is kept only when that
//! noun can say something: a person ("the spokesman", "critics", "his ex-wife"), a group or
//! organisation ("the committee", "police"), or a text that states ("the report", "a study",
//! "the statement"). WordNet's lexicographer files give the first two whole (`noun.person`,
//! `noun.group`); the texts are the hyponyms of four synsets of `noun.communication` and
//! `noun.act` (statement, document, report, study). The heads of PolNeAR train's annotated
//! sources said at least twice add the news words WordNet files elsewhere ("campaign",
//! "poll"). Irregular plurals of those nouns come from WordNet's `noun.exc`.
//!
//! WordNet 3.0 is read from the Debian/Ubuntu package `wordnet-base`
//! (`/usr/share/wordnet`), under the WordNet 3.0 licence (Princeton University, permissive;
//! its notice is copied into the list's header).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Lexicographer files taken whole: `noun.group` (14) and `noun.person` (18).
const WHOLE_FILES: [u32; 2] = [14, 18];

/// Synsets (WordNet 3.0 offsets) whose hyponyms are texts that state something:
/// statement.n.01, document.n.01, report.n.01 (a written document describing findings),
/// study.n.02 (a written report), survey/study.n.01 (a detailed critical inspection).
const TEXT_ROOTS: [&str; 5] = ["06722453", "06470073", "06681551", "07218470", "00644503"];

/// Source heads of PolNeAR train seen at least this many times join the list.
const MIN_POLNEAR_COUNT: usize = 2;

struct Synset {
    lex_file: u32,
    words: Vec<String>,
    hyponyms: Vec<String>,
}

fn read_synsets(data_noun: &str) -> Result<BTreeMap<String, Synset>> {
    let mut out = BTreeMap::new();
    for line in data_noun.lines().filter(|l| !l.starts_with("  ")) {
        let f: Vec<&str> = line.split(' ').collect();
        let field = |i: usize| f.get(i).copied().with_context(|| format!("short line: {line:.60}"));
        let lex_file: u32 = field(1)?.parse()?;
        let n = usize::from_str_radix(field(3)?, 16)?;
        let words = (0..n).map(|i| field(4 + 2 * i).map(str::to_lowercase)).collect::<Result<Vec<_>>>()?;
        let at = 4 + 2 * n;
        let pointers: usize = field(at)?.parse()?;
        let mut hyponyms = Vec::new();
        for k in 0..pointers {
            let (sym, offset, pos) = (field(at + 1 + 4 * k)?, field(at + 2 + 4 * k)?, field(at + 3 + 4 * k)?);
            if matches!(sym, "~" | "~i") && pos == "n" {
                hyponyms.push(offset.to_string());
            }
        }
        out.insert(field(0)?.to_string(), Synset { lex_file, words, hyponyms });
    }
    Ok(out)
}

/// The last word of each PolNeAR source span, lowercased, with its count.
fn polnear_heads(train: &Path) -> Result<BTreeMap<String, usize>> {
    let mut heads = BTreeMap::new();
    // As the scorer: the first annotator's file of each article.
    for doc in crate::quotes::load_gold(train)?.values() {
        // Each source span once, however many attributions share it (one speaker, several
        // quotes).
        let spans: BTreeSet<[usize; 2]> =
            doc.atts.iter().filter_map(|att| att.source.last().copied()).collect();
        for [start, end] in spans {
            // The last word of the source's last fragment.
            let span: String = doc.chars.get(start..end).map(|c| c.iter().collect()).unwrap_or_default();
            let head = span
                .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
                .rfind(|w| w.chars().next().is_some_and(char::is_alphabetic));
            if let Some(h) = head {
                *heads.entry(h.to_lowercase()).or_insert(0) += 1;
            }
        }
    }
    Ok(heads)
}

/// Writes the list to `out`.
pub fn train(wordnet: &Path, polnear_train: &Path, out: &Path) -> Result<()> {
    let data = std::fs::read(wordnet.join("data.noun"))
        .with_context(|| format!("reading {}/data.noun (Debian package wordnet-base)", wordnet.display()))?;
    let synsets = read_synsets(&String::from_utf8_lossy(&data))?;
    let mut words = BTreeSet::new();
    for s in synsets.values().filter(|s| WHOLE_FILES.contains(&s.lex_file)) {
        words.extend(s.words.iter().cloned());
    }
    let mut stack: Vec<&str> = TEXT_ROOTS.to_vec();
    let mut seen = BTreeSet::new();
    while let Some(o) = stack.pop() {
        if !seen.insert(o) {
            continue;
        }
        let Some(s) = synsets.get(o) else { bail!("WordNet synset {o} not found: not WordNet 3.0?") };
        words.extend(s.words.iter().cloned());
        stack.extend(s.hyponyms.iter().map(String::as_str));
    }
    let from_wordnet = words.len();
    let heads = polnear_heads(polnear_train)?;
    words.extend(heads.into_iter().filter(|(_, n)| *n >= MIN_POLNEAR_COUNT).map(|(w, _)| w));
    // One-word nouns only (a phrase's head is one word), in plain letters, hyphens, apostrophes.
    words.retain(|w| !w.contains('_') && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\''));
    let exc = std::fs::read_to_string(wordnet.join("noun.exc")).unwrap_or_default();
    let plurals: Vec<String> = exc
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(_, lemma)| words.contains(lemma.trim()))
        .map(|(plural, _)| plural.to_string())
        .collect();
    words.extend(plurals);
    let mut text = String::from(
        "# Nouns that can name a speaker: written by `cargo xtask train-speakers` (xtask/src/speakers.rs)\n\
         # from WordNet 3.0 (noun.person, noun.group, texts that state) and PolNeAR train's source heads.\n\
         # WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND\n\
         # DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES.\n\
         # (WordNet licence: https://wordnet.princeton.edu/license-and-commercial-use)\n",
    );
    for w in &words {
        text.push_str(w);
        text.push('\n');
    }
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    println!("{} nouns ({from_wordnet} from WordNet) → {}", words.len(), out.display());
    Ok(())
}
