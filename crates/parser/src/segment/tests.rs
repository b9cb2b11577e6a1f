use super::*;

fn toks(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    tokenize(s, 0, s.len(), &mut out, &mut Vec::new());
    out.iter().map(|t| &s[t.start..t.end]).collect()
}

fn sents(s: &str) -> Vec<&str> {
    let (mut t, mut ends) = (Vec::new(), Vec::new());
    tokenize(s, 0, s.len(), &mut t, &mut ends);
    let mut out = Vec::new();
    split_sentences(s, &t, 0, t.len(), &ends, 0, &mut out);
    out.iter().map(|x| &s[x.start..x.end]).collect()
}

#[test]
fn tokens_follow_conll_conventions() {
    assert_eq!(
        toks("\"It looks like we'll meet,\" Trump's aide said -- quite soon."),
        [
            "\"", "It", "looks", "like", "we", "'ll", "meet", ",", "\"", "Trump", "'s", "aide", "said", "--",
            "quite", "soon", "."
        ]
    );
    assert_eq!(
        toks("(Secretary of State Mike) Pompeo"),
        ["(", "Secretary", "of", "State", "Mike", ")", "Pompeo"]
    );
    assert_eq!(toks("the U.S. and Kim Jong-un's"), ["the", "U.S.", "and", "Kim", "Jong-un", "'s"]);
    assert_eq!(
        toks("corruption—did “quite soon.”"),
        ["corruption", "—", "did", "“", "quite", "soon", ".", "”"]
    );
    assert_eq!(toks("don't wait..."), ["do", "n't", "wait", "..."]);
    assert_eq!(toks("said,“Look here”—and"), ["said", ",", "“", "Look", "here", "”", "—", "and"]);
    assert_eq!(toks("\"Yes,\"he"), ["\"", "Yes", ",", "\"", "he"]);
    assert_eq!(toks("3.5 percent, 10:27 AM"), ["3.5", "percent", ",", "10:27", "AM"]);
}

#[test]
fn sentences_survive_abbreviations_and_quotes() {
    assert_eq!(
        sents("Mr. Kim met Sen. J. Smith on Sep. 24 in Washington, D.C. on Monday. He left."),
        ["Mr. Kim met Sen. J. Smith on Sep. 24 in Washington, D.C. on Monday.", "He left."]
    );
    assert_eq!(
        sents("They will meet \"quite soon.\" The talks went on."),
        ["They will meet \"quite soon.\"", "The talks went on."]
    );
    assert_eq!(sents("It grew in the U.S. The end came."), ["It grew in the U.S.", "The end came."]);
    assert_eq!(sents("And then before too long ... I hope so."), ["And then before too long ... I hope so."]);
    assert_eq!(sents("\"Why?\" he asked. \"Because.\""), ["\"Why?\" he asked.", "\"Because.\""]);
    assert_eq!(sents("Martin Luther King Jr. spoke."), ["Martin Luther King Jr. spoke."]);
}

#[test]
fn wide_space_matches_char_is_whitespace() {
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let enc = c.encode_utf8(&mut buf).as_bytes();
        let want = if c.is_whitespace() { c.len_utf8() } else { 0 };
        assert_eq!(wide_space_at(enc, 0), want, "{c:?}");
        assert!(CLASS[enc[0] as usize] & MAY_SPACE != 0 || want == 0, "{c:?}");
    }
    for b in 0..0x80u8 {
        assert_eq!(CLASS[b as usize] & WS != 0, b.is_ascii_whitespace());
    }
}

#[test]
fn word_counts_match_split_whitespace() {
    for s in [
        "",
        " ",
        "a",
        " a  b ",
        "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{1680}f",
        "é ü\u{2028}ß",
        "\t\n\x0b\x0c\r x",
    ] {
        let n = s.split_whitespace().count();
        assert_eq!(count_words_upto(s, 100), n, "{s:?}");
        assert_eq!(count_words_upto(s, 1) > 1, n > 1, "{s:?}");
    }
}

#[test]
fn word_counts_match_split_whitespace_for_every_ascii_byte() {
    for b in 0..0x80u8 {
        let c = b as char;
        for s in [
            format!("abcdefg{c}hijklmn{c}{c}opq"),
            format!("{c}{c}{c}{c}{c}{c}{c}{c}{c}a"),
            format!("a{c}b{c}c{c}d{c}e{c}f{c}g{c}h{c}"),
            format!("abcdefgh{c}"),
            format!("{c}bcdefgh ijklmnop"),
        ] {
            assert_eq!(count_words_upto(&s, 100), s.split_whitespace().count(), "{s:?}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn word_counts_match_split_whitespace_on_random_text(s in "([ a\\t\\n\\x0b\\x0c\\rXé\\u{a0}\\u{2009}\\u{2028}\\u{3000}\\u{85}\\u{1680}\\u{180e}\\u{200b}-]|(ab cd  efgh ijk lmnopq r)){0,120}", cap in 0usize..80) {
        let n = s.split_whitespace().count();
        let got = count_words_upto(&s, cap);
        if n <= cap {
            proptest::prop_assert_eq!(got, n);
        } else {
            proptest::prop_assert!(got > cap);
        }
    }
}

#[test]
fn packed_keys_are_the_lowercased_bytes_and_length() {
    for w in
        ["", "a", "Ab", "abC", "abcd", "ABCDE", "abcdef", "aBcDeFg", "abcdefgh", "é", "aé", "Z@[`{", "0a9Z"]
    {
        let naive = (w.len() <= 7 && w.is_ascii()).then(|| {
            w.bytes().rev().fold(0u64, |x, b| (x << 8) | u64::from(b.to_ascii_lowercase()))
                | (w.len() as u64) << 56
        });
        assert_eq!(packed_word_key(w.as_bytes()), naive, "{w}");
    }
}

#[test]
fn listed_abbreviations_fit_their_keys() {
    for w in NEVER_FINAL.iter().chain(MAYBE_FINAL) {
        assert!(w.len() <= 7 && w.is_ascii() && *w == w.to_ascii_lowercase(), "{w}");
    }
}

/// Tokens and sentences of the fast functions and of the reference (the code before the
/// speed work) on `text`, whole and paragraph by paragraph.
fn assert_same_as_reference(text: &str) {
    use crate::segment_reference as old;
    let mut spans = vec![(0, text.len())];
    let mut pos = 0;
    for line in text.split('\n') {
        spans.push((pos, pos + line.len()));
        pos += line.len() + 1;
    }
    let (mut new_t, mut old_t, mut new_s, mut old_s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, &(s, e)) in spans.iter().enumerate() {
        let (nf, of) = (new_t.len(), old_t.len());
        let mut ends = Vec::new();
        tokenize(text, s, e, &mut new_t, &mut ends);
        old::tokenize(text, s, e, &mut old_t);
        assert_eq!(new_t, old_t, "tokens of {:?}", &text[s..e]);
        let naive_ends: Vec<usize> = (nf..new_t.len())
            .filter(|&j| text[new_t[j].start..new_t[j].end].ends_with(['.', '!', '?']))
            .collect();
        assert_eq!(ends, naive_ends, "sentence-end candidates of {:?}", &text[s..e]);
        split_sentences(text, &new_t, nf, new_t.len(), &ends, i, &mut new_s);
        old::split_sentences(text, &old_t, of, old_t.len(), i, &mut old_s);
        assert_eq!(new_s, old_s, "sentences of {:?}", &text[s..e]);
    }
}

#[test]
fn same_as_reference_on_the_seeds_and_fixtures() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut n = 0;
    for dir in ["seeds", "crates/parser/tests/fixtures"] {
        for f in std::fs::read_dir(format!("{root}/{dir}")).expect("readable dir") {
            let bytes = std::fs::read(f.expect("entry").path()).expect("readable file");
            assert_same_as_reference(&crate::decode(&bytes, &mut Vec::new()));
            n += 1;
        }
    }
    assert!(n > 10);
}

#[test]
fn same_as_reference_on_tricky_pieces() {
    for s in [
        "",
        " ",
        "...",
        "..",
        "…",
        "a…",
        "…a",
        "'90s",
        "'",
        "''",
        "\"\"",
        "(U.S.).",
        "Jr.)",
        "x.)\"",
        "—",
        "a—b",
        "--",
        "a--b",
        "---",
        "-",
        "a-b",
        "«a»",
        "“a.”",
        "\u{a0}a\u{2009}b\u{3000}c\u{85}",
        "don't",
        "DON'T",
        "Trump’s",
        "n't",
        "'t",
        "''s",
        "a.b.c.",
        "Ph.D.",
        "e.g.",
        "Sept. 4",
        "Mr. Kim. He",
        "x?! Y",
        "x!? y",
        "(a) (b)",
        "[\"x\"]",
        "¿Qué?",
        "é.",
        "É. Ab",
        "a\u{1680}b",
        "©2018.",
        "ａ．",
        "a.\u{2028}B",
        "1.5.",
        "10:27.",
        "...)",
        ")...",
        "…)…",
        "“”",
        "»«",
        "“said,”",
        "“soon.”",
        "“A.”",
        "“Mr.”",
        "“Inc.”",
        "well-known,",
        "well-known",
        "“well-known”",
        "rock'n'roll",
        "a’b’s",
        "“Trump’s”",
        "Trump's.",
        "x-'s",
        "5'",
        "“5'”",
        "“a-b-c”",
        "“x.y”",
        "“é’s”",
    ] {
        assert_same_as_reference(s);
        assert_same_as_reference(&format!("{s} {s}. The {s}"));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn same_as_reference_on_random_text(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "a", "B", "z", "Mr", "mr", "U", "S", "Jr", "inc", "the", "The", "He", "1", "42", ".", ".",
            "!", "?", ",", ";", ":", "'", "’", "‘", "\"", "“", "”", "«", "»", "„", "(", ")", "[", "]",
            "{", "}", "-", "--", "—", "–", "―", "…", "...", " ", " ", " ", "\n", "\t", "\u{a0}",
            "\u{2009}", "\u{3000}", "\u{85}", "é", "É", "©", "€", "ß", "한", "s", "t", "n", "ll", "\r",
        ]), 0..40)
    ) {
        assert_same_as_reference(&parts.concat());
    }
}
