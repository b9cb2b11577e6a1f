use std::path::PathBuf;

use storyline_model::EntityType;

use super::features::DocFeatures;
use super::model::{FORMAT_VERSION, MAGIC, ModelData, ROW};
use super::tags::{LaneScores, LaneViterbi, NT};
use super::{BUFFERS, NerError, SW, Sentences, Tagger, features};

fn builtin() -> &'static Tagger {
    Tagger::builtin().expect("the committed model loads")
}

fn small_model() -> ModelData {
    let mut row = [0i16; ROW];
    row[3] = 17;
    row[NT + 5] = -300;
    let mut row2 = [0i16; ROW];
    row2[ROW - 1] = i16::MAX;
    ModelData {
        feature_version: features::feature_version(),
        meta: "test model".into(),
        trans: [vec![1; (NT + 1) * NT], vec![-2; (NT + 1) * NT]],
        end: [vec![3; NT], vec![4; NT]],
        gaz: vec![(1, 2), (5, 1 << 20)],
        clusters: vec![(7, (4 << 24) | 9)],
        feats: vec![(11, row), (u64::MAX, row2)],
    }
}

#[test]
fn model_round_trip() {
    let m = small_model();
    let bytes = m.to_bytes();
    let back = ModelData::from_bytes(&bytes, features::feature_version()).unwrap();
    assert_eq!(back, m);
    assert_eq!(back.to_bytes(), bytes);
    assert!(Tagger::from_bytes(&bytes).is_ok());
}

#[test]
fn builtin_model_round_trip() {
    let bytes = include_bytes!("../../models/ner.bin");
    let m = ModelData::from_bytes(bytes, features::feature_version()).unwrap();
    assert!(m.feats.len() > 1000, "the builtin model has weights");
    assert_eq!(m.to_bytes(), bytes.as_slice(), "serialisation is canonical");
    assert!(bytes.len() <= 20_000_000);
}

#[test]
fn stale_and_broken_models_are_clear_errors() {
    let bytes = small_model().to_bytes();
    // Another format version.
    let mut v = bytes.clone();
    v[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    assert_eq!(
        Tagger::from_bytes(&v).err(),
        Some(NerError::UnsupportedVersion { found: FORMAT_VERSION + 1, expected: FORMAT_VERSION })
    );
    // Trained with another feature extractor.
    let mut stale = small_model();
    stale.feature_version ^= 1;
    let err = Tagger::from_bytes(&stale.to_bytes()).err().unwrap();
    assert!(matches!(err, NerError::StaleFeatures { .. }), "{err:?}");
    assert!(err.to_string().contains("stale"), "{err}");
    // Not a model.
    assert_eq!(Tagger::from_bytes(b"hello world, not a model").err(), Some(NerError::BadMagic));
    assert_eq!(Tagger::from_bytes(b"").err(), Some(NerError::Truncated));
    assert_eq!(Tagger::from_bytes(MAGIC).err(), Some(NerError::Truncated));
    // Truncated and corrupted.
    for cut in [12, 20, 28, bytes.len() / 2, bytes.len() - 1] {
        assert!(Tagger::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut flipped = bytes.clone();
    let mid = bytes.len() / 2;
    flipped[mid] ^= 0x40;
    assert!(matches!(Tagger::from_bytes(&flipped).err(), Some(NerError::Corrupt(_))));
}

fn tag(words: &str) -> Vec<(usize, usize, EntityType)> {
    let toks: Vec<&str> = words.split_whitespace().collect();
    builtin().tag_document(&[toks]).remove(0)
}

#[test]
fn tags_a_simple_sentence_sensibly() {
    let spans = tag("Donald Trump met Kim Jong Un in Singapore .");
    assert_eq!(
        spans,
        vec![(0, 2, EntityType::Person), (3, 6, EntityType::Person), (7, 8, EntityType::Location)]
    );
    let spans = tag("The European Commission said on Thursday it disagreed with German advice .");
    assert!(spans.contains(&(1, 3, EntityType::Organization)), "{spans:?}");
    assert!(spans.contains(&(9, 10, EntityType::Misc)), "{spans:?}");
}

#[test]
fn no_panic_on_weird_input() {
    let t = builtin();
    assert!(t.tag_document(&[]).is_empty());
    assert_eq!(t.tag_document(&[vec![], vec![]]), vec![vec![], vec![]]);
    let huge = "A".repeat(1 << 20);
    let huge_mixed = "Ünïcödé-日本語-😀".repeat(10_000);
    let weird: Vec<&str> = vec![
        "",
        " ",
        "\0",
        "\u{feff}",
        "e\u{301}",
        "😀",
        "İstanbul",
        "ǅemal",
        "ΣΊΣΥΦΟΣ",
        "東京",
        "-DOCSTART-",
        "\t\n",
        &huge,
        &huge_mixed,
        "U.S.",
        "1996-08-22",
    ];
    let out = t.tag_document(&[weird.clone(), weird.iter().rev().copied().collect(), vec![""], vec![&huge]]);
    assert_eq!(out.len(), 4);
    for (spans, n) in out.iter().zip([weird.len(), weird.len(), 1, 1]) {
        for &(s, e, _) in spans {
            assert!(s < e && e <= n);
        }
    }
    // A very long sentence and many sentences.
    let long: Vec<&str> = ["Mr", "Smith", "of", "Acme", "Corp", "visited", "Paris", "."].repeat(2_000);
    let out = t.tag_document(std::slice::from_ref(&long));
    assert!(out[0].iter().all(|&(s, e, _)| s < e && e <= long.len()));
    let many: Vec<Vec<&str>> = (0..2_000).map(|i| if i % 2 == 0 { vec!["Paris"] } else { vec![] }).collect();
    assert_eq!(t.tag_document(&many).len(), 2_000);
}

#[test]
fn random_strings_do_not_panic() {
    let t = builtin();
    let alphabet: Vec<char> = "aZ9 .-'\"&/ÄéßΩж中😀\u{301}\u{200d}\0\t".chars().collect();
    let mut state = 0x1234_5678u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..200 {
        let n_sent = (next() % 4) as usize;
        let doc: Vec<Vec<String>> = (0..n_sent)
            .map(|_| {
                (0..(next() % 12) as usize)
                    .map(|_| {
                        (0..(next() % 9) as usize)
                            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let refs: Vec<Vec<&str>> = doc.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
        let out = t.tag_document(&refs);
        assert_eq!(out.len(), refs.len());
        for (spans, s) in out.iter().zip(&refs) {
            assert!(spans.iter().all(|&(a, b, _)| a < b && b <= s.len()));
        }
    }
}

/// Span-level F1 on eng.testa (needs /work/shared; skipped when absent).
#[test]
fn dev_set_f1() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/conll2003/eng.testa");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping dev_set_f1: {} not found", path.display());
        return;
    };
    let t = builtin();
    let (mut gold_n, mut pred_n, mut correct) = (0usize, 0usize, 0usize);
    for doc in text.split("-DOCSTART-") {
        let mut words: Vec<Vec<&str>> = Vec::new();
        let mut labels: Vec<Vec<&str>> = Vec::new();
        for sent in doc.split("\n\n") {
            let rows: Vec<Vec<&str>> = sent
                .lines()
                .map(|l| l.split_whitespace().collect::<Vec<_>>())
                .filter(|c| c.len() >= 2)
                .collect();
            if rows.is_empty() || rows[0][0] == "-X-" {
                continue;
            }
            words.push(rows.iter().map(|c| c[0]).collect());
            labels.push(rows.iter().map(|c| c[c.len() - 1]).collect());
        }
        for (spans, labels) in t.tag_document(&words).iter().zip(&labels) {
            // Gold spans from IOB1.
            let mut gold = Vec::new();
            let mut open: Option<(usize, &str)> = None;
            for (i, l) in labels.iter().chain(std::iter::once(&"O")).enumerate() {
                let (p, ty) = l.split_once('-').unwrap_or((l, ""));
                if !(p == "I" && open.is_some_and(|(_, t)| t == ty)) {
                    if let Some((s, t)) = open.take() {
                        gold.push((s, i, t));
                    }
                    if p != "O" {
                        open = Some((i, ty));
                    }
                }
            }
            gold_n += gold.len();
            pred_n += spans.len();
            correct += spans.iter().filter(|(s, e, ty)| gold.contains(&(*s, *e, ty.label()))).count();
        }
    }
    let p = correct as f64 / pred_n as f64;
    let r = correct as f64 / gold_n as f64;
    let f1 = 200.0 * p * r / (p + r);
    eprintln!("eng.testa: {gold_n} gold, {pred_n} predicted, {correct} correct, F1 {f1:.2}");
    assert_eq!(gold_n, 5942);
    assert!(f1 >= 91.0, "F1 {f1:.2}");
}

/// Score that keeps a token out of names in [`whole_emissions`].
const NOT_A_NAME: i32 = -(1 << 24);

/// The document's features and the emissions of [`Tagger::base_emissions`] of both stages, for
/// every token: those of the tokens that may not be names score [`NOT_A_NAME`] for every tag but `O`.
fn whole_emissions<S: AsRef<str>>(
    t: &Tagger,
    sentences: &[Vec<S>],
) -> (DocFeatures, Vec<LaneScores>, Vec<LaneScores>) {
    BUFFERS.with(|w| {
        let w = &mut *w.borrow_mut();
        let (words, lens) = super::flatten(sentences);
        t.base_emissions(Sentences { words: &words, lens: &lens }, w);
        let n = w.doc.n_tokens();
        let (mut em1, mut em2) = (vec![[NOT_A_NAME; SW]; n], vec![[NOT_A_NAME; SW]; n]);
        let mut m = 0;
        for k in 0..n {
            if w.doc.may_name[k] {
                em1[k] = w.em1[m];
                em2[k] = w.em2[m];
                m += 1;
            }
        }
        assert_eq!(m, w.em1.len());
        (w.doc.clone(), em1, em2)
    })
}

/// Emissions from all the base features of each token, looked up one by one (the reference for
/// the per-word sums of [`Tagger::base_emissions`]).
fn reference_emissions<S: AsRef<str>>(
    t: &Tagger,
    sentences: &[Vec<S>],
) -> (Vec<LaneScores>, Vec<LaneScores>) {
    let doc = features::extract(&t.res, sentences);
    let n = doc.n_tokens();
    let (mut em1, mut em2) = (vec![[0i32; SW]; n], vec![[0i32; SW]; n]);
    for k in 0..n {
        for &h in doc.token(k) {
            let row = &t.rows[t.index.get(h) as usize].0;
            for j in 0..SW {
                em1[k][j] += row[j] as i32;
                em2[k][j] += row[SW + j] as i32;
            }
        }
    }
    (em1, em2)
}

#[test]
fn per_word_sums_match_all_features() {
    let t = builtin();
    let mut docs: Vec<Vec<Vec<String>>> = vec![
        vec![
            "Donald Trump met Kim Jong Un in Singapore .".split(' ').map(String::from).collect(),
            vec!["Trump".into()],
            vec![],
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT ."
                .split(' ')
                .map(String::from)
                .collect(),
        ],
        vec![vec!["ΣΊΣΥΦΟΣ".into(), "İstanbul".into(), "".into(), "e\u{301}".into()]],
    ];
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/conll2003/eng.testa");
    if let Ok(text) = std::fs::read_to_string(&path) {
        for doc in text.split("-DOCSTART-").take(60) {
            let sents: Vec<Vec<String>> = doc
                .split("\n\n")
                .map(|s| s.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect())
                .filter(|s: &Vec<String>| !s.is_empty())
                .collect();
            docs.push(sents);
        }
    }
    // Twice: the second time, the words' sums come from the cache.
    for _ in 0..2 {
        for d in &docs {
            let (doc, em1, em2) = whole_emissions(t, d);
            let (r1, r2) = reference_emissions(t, d);
            for (k, &may) in doc.may_name.iter().enumerate() {
                if may {
                    assert!(em1[k] == r1[k] && em2[k] == r2[k], "{d:?} {k}");
                } else {
                    assert!(em1[k] == [NOT_A_NAME; SW] && em2[k] == [NOT_A_NAME; SW], "{d:?} {k}");
                }
            }
        }
    }
    // Another tagger on the same thread does not use the first one's sums.
    let other = Tagger::from_bytes(include_bytes!("../../models/ner.bin")).unwrap();
    let (doc, em1, _) = whole_emissions(&other, &docs[0]);
    let r1 = reference_emissions(&other, &docs[0]).0;
    assert!(doc.may_name.iter().enumerate().all(|(k, &m)| !m || em1[k] == r1[k]));
}

#[test]
fn only_tokens_near_capitals_may_be_names() {
    let t = builtin();
    let words: Vec<&str> =
        "the Bank of England said on Monday that the euro rose 2 % , and Euro 96 was Boatmen 's hit ."
            .split(' ')
            .collect();
    let doc = features::extract(&t.res, std::slice::from_ref(&words));
    let may: Vec<&str> = words.iter().zip(&doc.may_name).filter(|(_, m)| **m).map(|(w, _)| *w).collect();
    // "of" sits between capitals, "said on" and "96 was" are gaps of two; a clitic follows
    // "Boatmen"; "the", "2 %" and "," touch no capital.
    assert_eq!(may, ["Bank", "of", "England", "said", "on", "Monday", "Euro", "96", "was", "Boatmen", "'s"]);
    let tags = t.tag_document_tags(std::slice::from_ref(&words));
    for (k, &m) in doc.may_name.iter().enumerate() {
        if !m {
            assert_eq!(tags[0][k], super::tags::O, "{} is tagged O", words[k]);
        }
    }
}

/// Decoding the stretches of possible names on their own gives the best tags of the whole
/// sentence (with the other tokens held to `O`).
#[test]
fn stretches_decode_like_whole_sentences() {
    let t = builtin();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/conll2003/eng.testa");
    let mut docs: Vec<Vec<Vec<String>>> = vec![vec![
        "the Bank of England said on Monday that Euro 96 was Boatmen 's hit ."
            .split(' ')
            .map(String::from)
            .collect(),
        "a b c D e f g h I".split(' ').map(String::from).collect(),
    ]];
    if let Ok(text) = std::fs::read_to_string(&path) {
        for doc in text.split("-DOCSTART-").take(40) {
            docs.push(
                doc.split("\n\n")
                    .map(|s| {
                        s.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect()
                    })
                    .collect(),
            );
        }
    }
    let mut vit = LaneViterbi::new();
    for d in &docs {
        let (doc, em1, _) = whole_emissions(t, d);
        let compact: Vec<LaneScores> =
            (0..doc.n_tokens()).filter(|&k| doc.may_name[k]).map(|k| em1[k]).collect();
        let (mut found, mut stretches) = (Vec::new(), Vec::new());
        super::find_stretches(&doc, &mut found);
        t.decode(0, doc.n_tokens(), &found, &compact, &mut vit, &mut stretches);
        let mut whole = vec![0u8; doc.n_tokens()];
        for w in doc.sent_start.windows(2) {
            vit.decode(&em1[w[0]..w[1]], &t.trans[0][3], &mut whole[w[0]..w[1]]);
        }
        assert_eq!(stretches, whole, "{d:?}");
    }
}

/// The stage-2 weights summed by group equal those of the features one by one.
#[test]
fn stage2_tables_match_the_features() {
    let t = builtin();
    let mut state = 0x5151_7A7Au64;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m
    };
    for _ in 0..5000 {
        let tag = next(NT as u64) as u8;
        let prev = (next(4) != 0).then(|| next(NT as u64) as u8);
        let nxt = (next(4) != 0).then(|| next(NT as u64) as u8);
        let cap = next(6) as u8;
        let counts: features::TagCounts =
            (std::array::from_fn(|_| if next(2) == 0 { 0 } else { next(4) as u16 }), next(16) as u8);
        let known = counts != features::TagCounts::default();
        let reference = {
            let mut codes = Vec::new();
            features::stage2_codes(tag, prev, nxt, cap, known.then_some(&counts), |c| codes.push(c));
            t.stage2_sum(codes)
        };
        let (p, n) = (prev.map_or(NT, usize::from), nxt.map_or(NT, usize::from));
        let mut sum = t.s2.tag[tag as usize];
        let mut add = |r: &LaneScores| sum.iter_mut().zip(r).for_each(|(s, x)| *s += x);
        add(&t.s2.around[p * (NT + 1) + n]);
        if known {
            let (major, seen_multi) = features::stage2_form(cap, &counts);
            add(&t.s2.major[major]);
            add(&t.s2.seen_multi[seen_multi]);
        }
        assert_eq!(sum, reference);
    }
}

/// `hash_bytes` reads the last partial word without a copy: the same hashes as zero padding.
#[test]
fn hash_bytes_matches_zero_padding() {
    fn reference(b: &[u8]) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(K).rotate_left(31);
        let mut h = 0x243F_6A88_85A3_08D3 ^ (b.len() as u64).wrapping_mul(K);
        for c in b.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..c.len()].copy_from_slice(c);
            h = mix(h, u64::from_le_bytes(buf));
        }
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
    let bytes: Vec<u8> = (0..64u32).map(|i| (i.wrapping_mul(0x9E37_79B9) >> 13) as u8 | 1).collect();
    for start in 0..8 {
        for end in start..bytes.len() {
            assert_eq!(
                features::hash_bytes(&bytes[start..end]),
                reference(&bytes[start..end]),
                "{start}..{end}"
            );
        }
    }
    assert_eq!(features::hash_bytes(&[0, 0, 0]), reference(&[0, 0, 0]));
}
