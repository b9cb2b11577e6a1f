//! The base (stage-1) features of a document: per token the word's own features, its
//! neighbours', and the sentence- and document-level ones (case statistics, capitalised runs,
//! gazetteer matches); which tokens may be names at all.

use super::*;

/// The sentences of a document, flattened: all its words in order (as UTF-8 bytes: `&str`s, or
/// the byte ranges of a text, which cost no char-boundary checks to cut), and the number of words
/// of each sentence (lengths past the end of `words` are cut short). Lets callers hand over a
/// document without a vector per sentence.
pub struct Sentences<'a, S> {
    /// All the words of the document, in order.
    pub words: &'a [S],
    /// The number of words of each sentence, in order.
    pub lens: &'a [usize],
}

impl<S> Clone for Sentences<'_, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S> Copy for Sentences<'_, S> {}

/// The base (stage-1) features of a document.
#[derive(Clone, Default)]
pub struct DocFeatures {
    /// Feature hashes of all tokens, flattened.
    pub feats: Vec<u64>,
    /// Token `k`'s features are `feats[tok_start[k]..tok_start[k + 1]]`; `len = tokens + 1`. When
    /// extracted by `extract_context`, `k` counts the tokens that may be names only (the others
    /// have no features there).
    pub tok_start: Vec<u32>,
    /// Sentence `s` is tokens `sent_start[s]..sent_start[s + 1]`; `len = sentences + 1`.
    pub sent_start: Vec<usize>,
    /// Per token: hash of the lowercase form (filled by [`extract`] only).
    pub lw: Vec<u64>,
    /// Per token: capitalisation class (filled by [`extract`] only).
    pub cap: Vec<u8>,
    /// When extracted by [`extract_context`]: per token that may be a name, the ids its context
    /// features of [`shape_features`] and [`capw_feature`] are made of (those features are then
    /// left out of `feats`: the tagger knows their rows by these ids).
    pub(crate) ctx: Vec<ContextIds>,
    /// When extracted by [`extract_context`]: the [`small_feature`] codes of the features with few
    /// possible values, which are then left out of `feats` (the tagger knows their rows by code).
    /// The `k`-th token that may be a name has `small[small_start[k]..small_start[k + 1]]`.
    pub(crate) small: Vec<u16>,
    pub(crate) small_start: Vec<u32>,
    /// When extracted by [`extract_context`]: per token that may be a name, the [`base_codes`]
    /// code of its bias, sentence-initial case and document case features (which are then left
    /// out of `small`).
    pub(crate) base: Vec<u8>,
    /// Per token: whether it may be part of a name (see `may_be_name`). When extracted by
    /// `extract_context`, tokens that may not have no context features: the tagger tags them `O`.
    pub may_name: Vec<bool>,
}

impl DocFeatures {
    pub fn n_tokens(&self) -> usize {
        self.may_name.len()
    }

    /// Features of token `k` (document-wide index; of all features, from [`extract`]).
    pub fn token(&self, k: usize) -> &[u64] {
        let s = self.tok_start[k] as usize;
        let e = self.tok_start[k + 1] as usize;
        &self.feats[s..e]
    }
}

#[derive(Clone, Copy, Default)]
pub(super) struct DocStat {
    /// Whether it was seen lowercase, and capitalised (only that counts).
    pub(super) lower: bool,
    title: bool,
    pub(super) run: u8,
    pub(super) alt: u64,
}

/// Extracts the base features of a document (sentences of tokens).
pub fn extract<S: AsRef<str>>(res: &Resources, sentences: &[Vec<S>]) -> DocFeatures {
    let mut cache = TokenCache::default();
    let (words, lens) = crate::ner::flatten(sentences);
    let idx: Vec<u32> = words.iter().map(|w| cache.index(res, w.as_bytes())).collect();
    let infos: Vec<&TokInfo> = idx.iter().map(|&i| cache.info(i)).collect();
    let toks: Vec<DocTok> = idx.iter().map(|&i| cache.doc_tok(i)).collect();
    let mut out = DocFeatures::default();
    let doc = Sentences { words: &words, lens: &lens };
    doc_features(res, doc, &toks, &infos, true, &mut Scratch::default(), &mut out);
    out
}

/// Into `out`, the base features of a document but those of [`word_features`] and
/// [`neighbour_features`], which depend on one word only (the tagger sums their weights once per
/// word), and with the [`small_feature`]s as codes in [`DocFeatures::small`]. `toks` are the
/// analyses of the tokens of `doc`.
pub(crate) fn extract_context<S: AsRef<[u8]>>(
    res: &Resources,
    doc: Sentences<'_, S>,
    toks: &[DocTok],
    scratch: &mut Scratch,
    out: &mut DocFeatures,
) {
    doc_features(res, doc, toks, &[], false, scratch, out);
}

/// Features of a token that depend on its word only.
pub(crate) fn word_features(t: &TokInfo, f: &mut Vec<u64>) {
    f.push(feat(template::WORD, t.w));
    f.push(feat(template::LOWER_WORD, t.lw));
    f.push(feat(template::SHAPE, t.shape));
    f.push(feat2(template::LENGTH_AND_CASE, t.len as u64, t.cap as u64));
    for &a in &t.affix {
        if a != 0 {
            f.push(a);
        }
    }
    for (j, &c) in t.cls.iter().enumerate() {
        if c != 0 {
            f.push(feat2(template::CLUSTER, j as u64, c));
        }
    }
    let mut bits = t.gaz_tok;
    while bits != 0 {
        let b = bits.trailing_zeros();
        bits &= bits - 1;
        f.push(feat2(template::GAZETTEER_TOKEN, b as u64, t.cap as u64));
    }
}

/// Offsets of the neighbours in [`neighbour_features`].
pub(crate) const NEIGHBOURS: [isize; 4] = [-2, -1, 1, 2];

/// Features of a token that depend on its neighbour at offset `d` (one of [`NEIGHBOURS`]) only:
/// `x` is the neighbour (`None` past the sentence's ends).
pub(crate) fn neighbour_features(d: isize, x: Option<&TokInfo>, f: &mut Vec<u64>) {
    let (lw, sh) = match x {
        Some(x) => (x.lw, x.shape),
        None if d < 0 => (BOS, BOS),
        None => (EOS, EOS),
    };
    f.push(feat2(template::NEIGHBOUR_LOWER_WORD, d as u64, lw));
    if d == -1 || d == 1 {
        f.push(feat2(template::NEIGHBOUR_SHAPE, if d < 0 { 1 } else { 2 }, sh));
        if let Some(x) = x {
            for j in [1usize, 3] {
                if x.cls[j] != 0 {
                    f.push(feat3(template::NEIGHBOUR_CLUSTER, d as u64, j as u64, x.cls[j]));
                }
            }
        }
    }
}

/// Longest run of lowercase or punctuation tokens inside a name, between two capitalised tokens
/// ("Bank of England", "Lord of the Rings").
const NAME_GAP: usize = 3;

#[inline]
pub(super) fn is_cap(c: u8) -> bool {
    matches!(c, CAP_TITLE | CAP_UPPER | CAP_MIXED)
}

/// Which tokens of one sentence may be part of a name: those with a capital letter, runs of at
/// most [`NAME_GAP`] other tokens between two of them, and their neighbours that are numbers,
/// punctuation or clitics ("Euro 96", "the 1993 BellSouth Classic", "Boatmen 's", "Salomon Bros .").
/// Names without a capital letter nearby are so rare in news (0.07% of the name tokens of
/// CoNLL-2003's dev set) that the tagger only considers these tokens, about a third of all.
fn may_be_name<S: AsRef<[u8]>>(toks: &[DocTok], words: &[S], out: &mut Vec<bool>) {
    let may_join = |i: usize| {
        toks[i].cap != CAP_LOWER || {
            let w = words[i].as_ref();
            w.starts_with(b"'") || w.starts_with("’".as_bytes())
        }
    };
    // One pass: all false, then each capitalised token and what it brings in set.
    let start = out.len();
    out.resize(start + toks.len(), false);
    let may = &mut out[start..];
    let mut last_cap: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        if !is_cap(t.cap) {
            continue;
        }
        may[i] = true;
        if let Some(l) = last_cap
            && i - l - 1 <= NAME_GAP
        {
            may[l + 1..i].iter_mut().for_each(|m| *m = true);
        }
        if i > 0 && may_join(i - 1) {
            may[i - 1] = true;
        }
        if i + 1 < toks.len() && may_join(i + 1) {
            may[i + 1] = true;
        }
        last_cap = Some(i);
    }
}

/// Document statistics per lowercase form: whether it is lowercase and capitalised (not
/// sentence-initially, outside all-caps sentences), its first capitalised form, and its positions
/// in capitalised runs.
fn doc_stats(toks: &[DocTok], sent_start: &[usize], allcaps: &[bool], stats: &mut DenseMap<DocStat>) {
    stats.clear();
    for (s, win) in sent_start.windows(2).enumerate() {
        if allcaps[s] {
            continue;
        }
        let toks = &toks[win[0]..win[1]];
        // One pass: the case of each word, and the capitalised runs, flushed at their ends (the
        // sentence-initial token joins only a run of two or more).
        let mut run: Option<usize> = None;
        for (k, t) in toks.iter().enumerate() {
            if is_cap(t.cap) {
                if k > 0 {
                    let st = stats.entry(t.lid);
                    st.title = true;
                    if st.alt == 0 {
                        st.alt = t.w;
                    }
                }
                run.get_or_insert(k);
                continue;
            }
            if let Some(r) = run.take() {
                add_run(toks, r, k, stats);
            }
            // The only class with letters that is not capitalised.
            if k > 0 && t.cap == CAP_LOWER {
                stats.entry(t.lid).lower = true;
            }
        }
        if let Some(r) = run {
            add_run(toks, r, toks.len(), stats);
        }
    }
}

/// Records in `stats` the positions of the words of the capitalised run `toks[b..e]` of a
/// sentence (see [`doc_stats`]; a run of one at the sentence's start does not count).
#[inline]
fn add_run(toks: &[DocTok], b: usize, e: usize, stats: &mut DenseMap<DocStat>) {
    let len = e - b;
    if b == 0 && len == 1 {
        return;
    }
    for (i, t) in toks[b..e].iter().enumerate() {
        let bit = if len == 1 {
            3
        } else if i == 0 {
            0
        } else if i + 1 == len {
            2
        } else {
            1
        };
        stats.entry(t.lid).run |= 1 << bit;
    }
}

/// Gazetteer matches of one sentence: per token, bit `type * 4 + position` (B, I, L, U) for each
/// entry of the gazetteer covering it.
fn gaz_matches(res: &Resources, toks: &[DocTok], gaz_match: &mut Vec<u32>) {
    let n = toks.len();
    gaz_match.clear();
    gaz_match.resize(n, 0);
    for i in 0..n {
        // A word that starts no entry (the first step below would find nothing) matches none.
        if toks[i].cap == CAP_LOWER || toks[i].cap == CAP_PUNCT || toks[i].gaz1 == 0 {
            continue;
        }
        let mut h = SEQ_SEED;
        for j in i..n.min(i + GAZ_MAX_LEN) {
            h = seq_step(h, toks[j].lw);
            // The first step's entry is the word's own (0: none, like a missing key: every
            // entry has some bit set).
            let v = if j == i { toks[i].gaz1 } else { res.gaz.map.get(&h).copied().unwrap_or(0) };
            if v == 0 {
                break;
            }
            let types = v & 0xF;
            if types != 0 {
                let len = j + 1 - i;
                for ty in 0..4 {
                    if types & (1 << ty) == 0 {
                        continue;
                    }
                    for (k, m) in gaz_match[i..=j].iter_mut().enumerate() {
                        let pos = if len == 1 {
                            3
                        } else if k == 0 {
                            0
                        } else if k + 1 == len {
                            2
                        } else {
                            1
                        };
                        *m |= 1 << (ty * 4 + pos);
                    }
                }
            }
            if v & GAZ_PREFIX == 0 {
                break;
            }
        }
    }
}

/// A [`small_feature`] of a token: its hash into `f` (`full`), else its code into `small`.
#[inline]
fn push_small(full: bool, code: usize, f: &mut Vec<u64>, small: &mut Vec<u16>) {
    if full {
        f.push(small_feature(code));
    } else {
        small.push(code as u16);
    }
}

/// The base features of a document into `out` (emptied first): all of them (`full`, which needs
/// the tokens' analyses `infos`), else those of [`extract_context`].
fn doc_features<S: AsRef<[u8]>>(
    res: &Resources,
    doc: Sentences<'_, S>,
    toks: &[DocTok],
    infos: &[&TokInfo],
    full: bool,
    scratch: &mut Scratch,
    out: &mut DocFeatures,
) {
    reset_doc_features(out, toks, full);
    let DocFeatures { feats, tok_start, sent_start, small, small_start, ctx, base, may_name, .. } = out;
    let Scratch { stats, allcaps, gaz_match } = scratch;
    split_sentences(doc.lens, toks, sent_start, allcaps);
    doc_stats(toks, sent_start, allcaps, stats);
    let mut sinks = FeatureSinks { feats, small, ctx, base };
    // (one all-caps flag per sentence: `sent_start` has one entry more)
    for (s, &caps) in allcaps.iter().enumerate() {
        let (a, b) = (sent_start[s], sent_start[s + 1]);
        let toks = &toks[a..b];
        may_be_name(toks, &doc.words[a..b], may_name);
        let may = &may_name[a..];
        if full || may.iter().any(|&m| m) {
            gaz_matches(res, toks, gaz_match);
        }
        let sentence = SentenceContext {
            toks,
            infos: infos.get(a..b).unwrap_or_default(),
            gaz_match: &gaz_match[..],
            stats: &*stats,
            all_caps: caps as u64,
            full,
        };
        // (`may` holds this sentence's tokens: `may_be_name` just appended them)
        for (i, &maybe_name) in may.iter().enumerate() {
            if !full {
                if !maybe_name {
                    continue;
                }
                small_start.push(sinks.small.len() as u32);
            }
            tok_start.push(sinks.feats.len() as u32);
            token_features(&sentence, i, &mut sinks);
        }
    }
    tok_start.push(sinks.feats.len() as u32);
    if !full {
        small_start.push(sinks.small.len() as u32);
    }
}

/// Empties `out` and reserves room for the features of `toks` (with their lowercase forms and
/// capitalisation classes when `full`, else with room for the context extraction's codes).
fn reset_doc_features(out: &mut DocFeatures, toks: &[DocTok], full: bool) {
    let n_tok = toks.len();
    out.feats.clear();
    out.tok_start.clear();
    out.sent_start.clear();
    out.lw.clear();
    out.cap.clear();
    out.small.clear();
    out.small_start.clear();
    out.ctx.clear();
    out.base.clear();
    out.may_name.clear();
    // About 56 features a token with its word and neighbour features.
    out.feats.reserve(if full { n_tok * 56 } else { n_tok * 4 });
    out.tok_start.reserve(n_tok + 1);
    out.may_name.reserve(n_tok);
    if full {
        out.lw.extend(toks.iter().map(|t| t.lw));
        out.cap.extend(toks.iter().map(|t| t.cap));
    } else {
        out.small.reserve(n_tok * 2);
        out.ctx.reserve(n_tok / 2);
        out.base.reserve(n_tok / 2);
        out.small_start.reserve(n_tok + 1);
    }
}

/// Into `sent_start`, where each sentence of `lens` starts among `toks` (then their end); into
/// `allcaps`, whether each is written in capitals (no lowercase letter, a word with two capitals).
fn split_sentences(lens: &[usize], toks: &[DocTok], sent_start: &mut Vec<usize>, allcaps: &mut Vec<bool>) {
    let n_tok = toks.len();
    allcaps.clear();
    let mut start = 0;
    for &len in lens {
        sent_start.push(start);
        let end = (start + len).min(n_tok);
        let toks = &toks[start..end];
        allcaps.push(!toks.iter().any(|t| t.has_lower) && toks.iter().any(|t| t.two_upper));
        start = end;
    }
    sent_start.push(start);
}

/// What the features of a sentence's tokens read besides the token itself.
struct SentenceContext<'a> {
    /// The sentence's tokens.
    toks: &'a [DocTok],
    /// Their analyses (empty when extracting the context features only).
    infos: &'a [&'a TokInfo],
    /// Per token, its gazetteer match bits (see [`gaz_matches`]).
    gaz_match: &'a [u32],
    /// The document's statistics per lowercase form (see [`doc_stats`]).
    stats: &'a DenseMap<DocStat>,
    /// 1 when the sentence is written in capitals, else 0.
    all_caps: u64,
    /// Whether all features are extracted (else those of [`extract_context`]).
    full: bool,
}

impl SentenceContext<'_> {
    /// The token at `i` (`None` past the sentence's ends).
    #[inline(always)]
    fn tok(&self, i: isize) -> Option<&DocTok> {
        if i < 0 { None } else { self.toks.get(i as usize) }
    }

    /// The analysis of the token at `i` (`None` past the sentence's ends, or without analyses).
    #[inline(always)]
    fn info(&self, i: isize) -> Option<&TokInfo> {
        if i < 0 { None } else { self.infos.get(i as usize).copied() }
    }
}

/// The fields of [`DocFeatures`] that every token's features are appended to.
struct FeatureSinks<'a> {
    /// [`DocFeatures::feats`].
    feats: &'a mut Vec<u64>,
    /// [`DocFeatures::small`].
    small: &'a mut Vec<u16>,
    /// [`DocFeatures::ctx`].
    ctx: &'a mut Vec<ContextIds>,
    /// [`DocFeatures::base`].
    base: &'a mut Vec<u8>,
}

/// The features of the `i`-th token of a sentence into `out` (its rows of `feats` and `small`
/// open already).
#[inline(always)]
fn token_features(cx: &SentenceContext<'_>, i: usize, out: &mut FeatureSinks<'_>) {
    let f = &mut *out.feats;
    let ii = i as isize;
    if cx.full {
        f.push(small_feature(small_code::BIAS));
    }
    if let Some(ti) = cx.info(ii) {
        word_features(ti, f);
        for d in NEIGHBOURS {
            neighbour_features(d, cx.info(ii + d), f);
        }
    }
    window_features(cx, i, f, out.ctx);
    let base = case_and_gazetteer_features(cx, i, f, out.small);
    if !cx.full {
        out.base.push(base as u8);
    }
}

/// The features of the token's ±2 window: the lowercase bigrams, and the shape n-grams and the
/// case window (in full), else the ids these are made of (into `ctx`).
#[inline(always)]
fn window_features(cx: &SentenceContext<'_>, i: usize, f: &mut Vec<u64>, ctx: &mut Vec<ContextIds>) {
    let t = &cx.toks[i];
    let ii = i as isize;
    // The ±2 window, looked up once.
    let (p2, p1, n1, n2) = (cx.tok(ii - 2), cx.tok(ii - 1), cx.tok(ii + 1), cx.tok(ii + 2));
    let sh_at = |d: isize| match cx.info(ii + d) {
        Some(x) => x.shape,
        None if d < 0 => BOS,
        None => EOS,
    };
    let cap_of = |x: Option<&DocTok>| x.map_or(CAP_BOUNDARY, |x| x.cap as u64);
    let capw = cap_of(p2) | cap_of(p1) << 3 | (t.cap as u64) << 6 | cap_of(n1) << 9 | cap_of(n2) << 12;
    f.push(feat2(template::LOWER_BIGRAM_LEFT, p1.map_or(BOS, |x| x.lw), t.lw));
    f.push(feat2(template::LOWER_BIGRAM_RIGHT, t.lw, n1.map_or(EOS, |x| x.lw)));
    if cx.full {
        f.extend(shape_features(sh_at(-1), sh_at(0), sh_at(1)));
        f.push(capw_feature(capw as usize));
    } else {
        let sid = [p1.map_or(CTX_BOS, |x| x.sid + 2), t.sid + 2, n1.map_or(CTX_EOS, |x| x.sid + 2)];
        ctx.push(ContextIds { capw: capw as u16, sid });
    }
}

/// The token's sentence-initial case, gazetteer and document features (the small ones as codes
/// into `small` unless in full); returns the [`base_codes`] code of its bias, sentence-initial
/// case and document case.
#[inline(always)]
fn case_and_gazetteer_features(
    cx: &SentenceContext<'_>,
    i: usize,
    f: &mut Vec<u64>,
    small: &mut Vec<u16>,
) -> usize {
    let (t, ac, full) = (&cx.toks[i], cx.all_caps, cx.full);
    let init = (i == 0) as usize | (t.cap as usize) << 1 | (ac as usize) << 4;
    // Context extraction: the bias, this and the document case as one base code.
    let mut base = init;
    if full {
        f.push(small_feature(small_code::SENTENCE_INITIAL_CASE + init));
    }
    let gaz = cx.gaz_match[i];
    let mut bits = gaz;
    while bits != 0 {
        let b = bits.trailing_zeros();
        bits &= bits - 1;
        push_small(full, small_code::GAZETTEER_MATCH + b as usize, f, small);
    }
    if gaz != 0 || t.gaz_tok != 0 {
        f.push(feat3(template::GAZETTEER_COMBINED, gaz as u64, t.gaz_tok as u64, (i == 0) as u64 | ac << 1));
    }
    if t.has_alpha {
        let st = cx.stats.get(t.lid);
        let dc = t.cap as usize
            | ((i == 0) as usize) << 3
            | (ac as usize) << 4
            | (st.lower as usize) << 5
            | (st.title as usize) << 6;
        if full {
            f.push(small_feature(small_code::DOCUMENT_CASE + dc));
        }
        base = N_INIT + dc;
        if st.run != 0 {
            push_small(full, small_code::DOCUMENT_RUN + ((st.run as usize) << 3 | t.cap as usize), f, small);
        }
        if (ac == 1 || i == 0) && st.alt != 0 && st.alt != t.w {
            f.push(feat(template::ALTERNATE_FORM, st.alt));
        }
    }
    base
}
