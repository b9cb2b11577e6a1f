//! An analysed article as one compact JSON line, written directly: the same bytes as
//! `serde_json::to_writer` gives for the model's `Serialize` impls, in about a quarter of the
//! time.
//!
//! The JSONL output is the main product of a corpus run and is about 4.5 bytes per byte of input
//! (6.5 with `--span-text`); through serde it cost 12% of the whole analysis (every key of every
//! mention, sentence and paragraph escaped byte by byte). Here keys are literals, strings are copied 16 bytes at a time
//! once a block has nothing to escape, and numbers are formatted by `itoa` and `ryu` as serde_json
//! formats them. Every struct is destructured without `..` and every enum matched in full, so a
//! field or variant added to the model does not compile until it is written here; the tests
//! compare the bytes with serde_json's for articles with every field set, odd strings and the
//! seeds' full analysis.

use storyline_model::{
    Article, Cue, DateOrigin, DateSource, DateStamp, Dateline, Entity, EntityType, Mention, MentionKind,
    Paragraph, ParagraphRole, Quote, QuoteAct, QuoteDate, QuoteKind, Sentence, Span, SpeakerMention, Timex,
    TimexType, Token, Warning,
};

/// Appends `a` as one JSON line (with its `\n`) to `out`.
pub fn write_article(out: &mut Vec<u8>, a: &Article) {
    let Article {
        schema_version,
        id,
        source,
        url,
        title,
        standfirst,
        published,
        published_source,
        updated,
        authors,
        publisher,
        dateline,
        language,
        text,
        paragraphs,
        sentences,
        tokens,
        entities,
        quotes,
        timexes,
        warnings,
    } = a;
    let w = &mut Writer(out);
    w.raw(b"{\"schema_version\":");
    w.str(&schema_version.to_string());
    w.raw(b",\"id\":");
    w.str(id);
    w.raw(b",\"source\":");
    w.str(source);
    w.raw(b",\"url\":");
    w.opt_str(url);
    w.raw(b",\"title\":");
    w.opt_str(title);
    w.raw(b",\"standfirst\":");
    w.opt_str(standfirst);
    w.raw(b",\"published\":");
    w.opt(published.as_ref(), Writer::date);
    w.raw(b",\"published_source\":");
    w.opt(published_source.as_ref(), |w, o| {
        w.raw(match o {
            DateOrigin::Text => b"\"text\"",
            DateOrigin::Record => b"\"record\"",
            DateOrigin::Url => b"\"url\"",
            DateOrigin::FileName => b"\"file_name\"",
            DateOrigin::Updated => b"\"updated\"",
            DateOrigin::Option => b"\"option\"",
            DateOrigin::Page => b"\"page\"",
            DateOrigin::Archive => b"\"archive\"",
        })
    });
    w.raw(b",\"updated\":");
    w.opt(updated.as_ref(), Writer::date);
    w.raw(b",\"authors\":");
    w.seq(authors, |w, s| w.str(s));
    w.raw(b",\"publisher\":");
    w.opt_str(publisher);
    w.raw(b",\"dateline\":");
    w.opt(dateline.as_ref(), Writer::dateline);
    w.raw(b",\"language\":");
    w.opt_str(language);
    w.raw(b",\"text\":");
    w.str(text);
    w.raw(b",\"paragraphs\":");
    w.seq(paragraphs, Writer::paragraph);
    w.raw(b",\"sentences\":");
    w.seq(sentences, Writer::sentence);
    if !tokens.is_empty() {
        w.raw(b",\"tokens\":");
        w.seq(tokens, Writer::token);
    }
    w.raw(b",\"entities\":");
    w.seq(entities, Writer::entity);
    w.raw(b",\"quotes\":");
    w.seq(quotes, Writer::quote);
    w.raw(b",\"timexes\":");
    w.seq(timexes, Writer::timex);
    if !warnings.is_empty() {
        w.raw(b",\"warnings\":");
        w.seq(warnings, Writer::warning);
    }
    w.raw(b"}\n");
}

struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    #[inline(always)]
    fn raw(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }

    #[inline]
    fn usize(&mut self, n: usize) {
        self.raw(itoa::Buffer::new().format(n).as_bytes());
    }

    /// An `f32` as serde_json writes it: shortest round-trip form, `null` if not finite.
    fn f32(&mut self, x: f32) {
        if x == 1.0 {
            // Most confidences.
            self.raw(b"1.0");
        } else if x.is_finite() {
            self.raw(ryu::Buffer::new().format_finite(x).as_bytes());
        } else {
            self.raw(b"null");
        }
    }

    /// A JSON string, escaped as serde_json escapes it.
    fn str(&mut self, s: &str) {
        let out = &mut *self.0;
        out.reserve(s.len() + 2);
        out.push(b'"');
        let bytes = s.as_bytes();
        // Start of the bytes not written yet.
        let mut from = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Sixteen bytes at a time: skipped whole when none needs escaping, else up to the
            // first that does.
            if let Some(block) = bytes.get(i..i + 16).and_then(|b| <&[u8; 16]>::try_from(b).ok()) {
                let mask = escape_mask(block);
                if mask == 0 {
                    i += 16;
                    continue;
                }
                i += mask.trailing_zeros() as usize;
            }
            let b = bytes[i];
            if needs_escape(b) {
                out.extend_from_slice(&bytes[from..i]);
                escape(out, b);
                from = i + 1;
            }
            i += 1;
        }
        out.extend_from_slice(&bytes[from..]);
        out.push(b'"');
    }

    fn opt_str(&mut self, s: &Option<String>) {
        self.opt(s.as_deref(), Writer::str);
    }

    fn opt<T: ?Sized>(&mut self, v: Option<&T>, f: impl FnOnce(&mut Self, &T)) {
        match v {
            Some(v) => f(self, v),
            None => self.raw(b"null"),
        }
    }

    fn seq<T>(&mut self, items: &[T], mut f: impl FnMut(&mut Self, &T)) {
        self.raw(b"[");
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.raw(b",");
            }
            f(self, item);
        }
        self.raw(b"]");
    }

    /// `"text":…,` opening an object's members; nothing for an empty text (a span's text is
    /// emptied unless `--span-text` is given).
    fn text_first(&mut self, text: &str) {
        if !text.is_empty() {
            self.raw(b"\"text\":");
            self.str(text);
            self.raw(b",");
        }
    }

    /// `,"text":…` after other members; nothing for an empty text.
    fn text_after(&mut self, text: &str) {
        if !text.is_empty() {
            self.raw(b",\"text\":");
            self.str(text);
        }
    }

    /// A `"start":…,"end":…` pair (without braces).
    fn start_end(&mut self, start: usize, end: usize) {
        self.raw(b"\"start\":");
        self.usize(start);
        self.raw(b",\"end\":");
        self.usize(end);
    }

    fn date(&mut self, d: &DateStamp) {
        self.str(&d.to_string());
    }

    fn dateline(&mut self, d: &Dateline) {
        let Dateline { text, start, end, place, date_text, date, credit } = d;
        self.raw(b"{");
        self.text_first(text);
        self.start_end(*start, *end);
        self.raw(b",\"place\":");
        self.opt_str(place);
        self.raw(b",\"date_text\":");
        self.opt_str(date_text);
        self.raw(b",\"date\":");
        self.opt(date.as_ref(), Writer::date);
        self.raw(b",\"credit\":");
        self.opt_str(credit);
        self.raw(b"}");
    }

    fn paragraph(&mut self, p: &Paragraph) {
        let Paragraph { role, start, end, text } = p;
        self.raw(b"{\"role\":");
        self.raw(match role {
            ParagraphRole::Title => b"\"title\"",
            ParagraphRole::Standfirst => b"\"standfirst\"",
            ParagraphRole::Metadata => b"\"metadata\"",
            ParagraphRole::Body => b"\"body\"",
            ParagraphRole::Caption => b"\"caption\"",
            ParagraphRole::Boilerplate => b"\"boilerplate\"",
        });
        self.raw(b",");
        self.start_end(*start, *end);
        self.text_after(text);
        self.raw(b"}");
    }

    fn sentence(&mut self, s: &Sentence) {
        let Sentence { start, end, paragraph, first_token, end_token } = s;
        self.raw(b"{");
        self.start_end(*start, *end);
        self.raw(b",\"paragraph\":");
        self.usize(*paragraph);
        // (the token range only when there are tokens: see `Sentence`)
        if *end_token > 0 {
            self.raw(b",\"first_token\":");
            self.usize(*first_token);
            self.raw(b",\"end_token\":");
            self.usize(*end_token);
        }
        self.raw(b"}");
    }

    fn token(&mut self, t: &Token) {
        let Token { start, end } = t;
        self.raw(b"{");
        self.start_end(*start, *end);
        self.raw(b"}");
    }

    fn span(&mut self, s: &Span) {
        let Span { start, end } = s;
        self.raw(b"{");
        self.start_end(*start, *end);
        self.raw(b"}");
    }

    fn entity(&mut self, e: &Entity) {
        let Entity { name, kind, aliases, roles, mentions } = e;
        self.raw(b"{\"name\":");
        self.str(name);
        self.raw(b",\"type\":");
        self.raw(match kind {
            EntityType::Person => b"\"PER\"",
            EntityType::Organization => b"\"ORG\"",
            EntityType::Location => b"\"LOC\"",
            EntityType::Misc => b"\"MISC\"",
        });
        self.raw(b",\"aliases\":");
        self.seq(aliases, |w, s| w.str(s));
        self.raw(b",\"roles\":");
        self.seq(roles, |w, s| w.str(s));
        self.raw(b",\"mentions\":");
        self.seq(mentions, Writer::mention);
        self.raw(b"}");
    }

    fn mention(&mut self, m: &Mention) {
        let Mention { start, end, text, kind, confidence } = m;
        self.raw(b"{");
        self.start_end(*start, *end);
        self.text_after(text);
        self.raw(b",\"kind\":");
        self.raw(match kind {
            MentionKind::Name => b"\"name\"",
            MentionKind::Pronoun => b"\"pronoun\"",
            MentionKind::Descriptor => b"\"descriptor\"",
            MentionKind::Demonym => b"\"demonym\"",
        });
        self.raw(b",\"confidence\":");
        self.f32(*confidence);
        self.raw(b"}");
    }

    fn quote(&mut self, q: &Quote) {
        let Quote {
            kind,
            act,
            text,
            start,
            end,
            content,
            speaker,
            speaker_entity,
            speaker_mention,
            speaker_confidence,
            cue,
            date,
            venue,
            about,
        } = q;
        self.raw(b"{\"kind\":");
        self.raw(match kind {
            QuoteKind::Direct => b"\"direct\"",
            QuoteKind::Indirect => b"\"indirect\"",
            QuoteKind::Mixed => b"\"mixed\"",
        });
        self.raw(b",\"act\":");
        self.raw(match act {
            QuoteAct::Speech => b"\"speech\"",
            QuoteAct::Writing => b"\"writing\"",
            QuoteAct::Thought => b"\"thought\"",
            QuoteAct::Other => b"\"other\"",
        });
        self.text_after(text);
        self.raw(b",");
        self.start_end(*start, *end);
        self.raw(b",\"content\":");
        self.seq(content, Writer::span);
        self.raw(b",\"speaker\":");
        self.opt_str(speaker);
        self.raw(b",\"speaker_entity\":");
        self.opt(speaker_entity.as_ref(), |w, &n| w.usize(n));
        self.raw(b",\"speaker_mention\":");
        self.opt(speaker_mention.as_ref(), |w, m| {
            let SpeakerMention { text, start, end } = m;
            w.raw(b"{");
            w.text_first(text);
            w.start_end(*start, *end);
            w.raw(b"}");
        });
        self.raw(b",\"speaker_confidence\":");
        self.opt(speaker_confidence.as_ref(), |w, &x| w.f32(x));
        self.raw(b",\"cue\":");
        self.opt(cue.as_ref(), |w, c| {
            let Cue { text, lemma, start, end } = c;
            w.raw(b"{");
            w.text_first(text);
            w.raw(b"\"lemma\":");
            w.str(lemma);
            w.raw(b",");
            w.start_end(*start, *end);
            w.raw(b"}");
        });
        self.raw(b",\"date\":");
        self.opt(date.as_ref(), |w, d| {
            let QuoteDate { value, source } = d;
            w.raw(b"{\"value\":");
            w.str(value);
            w.raw(b",\"source\":");
            w.raw(match source {
                DateSource::Stated => b"\"stated\"",
                DateSource::Article => b"\"article\"",
            });
            w.raw(b"}");
        });
        self.raw(b",\"venue\":");
        self.opt_str(venue);
        self.raw(b",\"about\":");
        self.seq(about, |w, s| w.str(s));
        self.raw(b"}");
    }

    fn timex(&mut self, t: &Timex) {
        let Timex { text, kind, value, start, end } = t;
        self.raw(b"{");
        self.text_first(text);
        self.raw(b"\"type\":");
        self.raw(match kind {
            TimexType::Date => b"\"DATE\"",
            TimexType::Time => b"\"TIME\"",
            TimexType::Duration => b"\"DURATION\"",
            TimexType::Set => b"\"SET\"",
        });
        self.raw(b",\"value\":");
        self.str(value);
        self.raw(b",");
        self.start_end(*start, *end);
        self.raw(b"}");
    }

    fn warning(&mut self, w: &Warning) {
        let Warning { code, message } = w;
        self.raw(b"{\"code\":");
        self.str(code);
        self.raw(b",\"message\":");
        self.str(message);
        self.raw(b"}");
    }
}

/// Whether JSON needs `b` escaped: a quote, a backslash or a control character.
#[inline(always)]
fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The bits of the bytes of `block` that [`needs_escape`] (bit `k` for `block[k]`), with SSE2
/// (part of every x86-64 CPU): three compares and a movemask, against about forty instructions
/// byte by byte (the strings are most of a JSON line's bytes).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn escape_mask(block: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: the target has SSE2 (the `cfg` above); `_mm_loadu_si128` reads the 16 bytes of
    // `block` and needs no alignment.
    unsafe {
        let x = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
        // A byte is below 0x20 when its unsigned minimum with 0x1f is itself.
        let control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
        let quote = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'"' as i8));
        let backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\\' as i8));
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32
    }
}

/// [`escape_mask`] byte by byte, where there is no SSE2.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn escape_mask(block: &[u8; 16]) -> u32 {
    block.iter().enumerate().fold(0, |mask, (k, &b)| mask | (u32::from(needs_escape(b)) << k))
}

/// The escape of `b` (one of [`needs_escape`]) as serde_json writes it.
fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\r' => out.extend_from_slice(b"\\r"),
        b'\t' => out.extend_from_slice(b"\\t"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => {
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xf) as usize]])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{SchemaVersion, TimeOfDay};

    fn serde_line(a: &Article) -> Vec<u8> {
        let mut v = serde_json::to_vec(a).expect("serialisable");
        v.push(b'\n');
        v
    }

    fn ours(a: &Article) -> Vec<u8> {
        let mut v = Vec::new();
        write_article(&mut v, a);
        v
    }

    fn assert_same(a: &Article) {
        let (theirs, mine) = (serde_line(a), ours(a));
        assert!(
            theirs == mine,
            "differs from serde_json:\nserde: {}\nours:  {}",
            String::from_utf8_lossy(&theirs),
            String::from_utf8_lossy(&mine)
        );
    }

    /// Every control character, quote, backslash, DEL and non-ASCII text, at every position
    /// relative to a 16-byte block.
    fn odd_string(seed: usize) -> String {
        let mut s = String::new();
        for i in 0..40 {
            s.push_str(&"x".repeat((seed + i) % 19));
            s.push(char::from_u32(((seed * 7 + i * 13) % 0x20) as u32).unwrap_or(' '));
            s.push_str(["\"", "\\", "\u{7f}", "é", "—", "\u{2028}", "🙂", "/"][(seed + i) % 8]);
        }
        s
    }

    fn full_article(seed: usize) -> Article {
        let s = |k: usize| odd_string(seed * 31 + k);
        let stamp = DateStamp::date(2018, 9, 23)
            .with_time(TimeOfDay { hour: 9, minute: 5, second: Some(7) })
            .with_offset(-330);
        let roles = [
            ParagraphRole::Title,
            ParagraphRole::Standfirst,
            ParagraphRole::Metadata,
            ParagraphRole::Body,
            ParagraphRole::Caption,
            ParagraphRole::Boilerplate,
        ];
        let kinds = [MentionKind::Name, MentionKind::Pronoun, MentionKind::Descriptor, MentionKind::Demonym];
        let types = [EntityType::Person, EntityType::Organization, EntityType::Location, EntityType::Misc];
        let confidences = [1.0, 0.1, 0.3333333, f32::NAN, f32::INFINITY, 1e-7, 123456.78, -0.0];
        Article {
            schema_version: SchemaVersion,
            id: s(0),
            source: s(1),
            url: (!seed.is_multiple_of(3)).then(|| s(150)),
            title: Some(s(2)),
            standfirst: seed.is_multiple_of(2).then(|| s(3)),
            published: Some(stamp),
            published_source: [
                None,
                Some(DateOrigin::Text),
                Some(DateOrigin::Record),
                Some(DateOrigin::Url),
                Some(DateOrigin::FileName),
                Some(DateOrigin::Updated),
                Some(DateOrigin::Option),
                Some(DateOrigin::Page),
                Some(DateOrigin::Archive),
            ][seed % 9],
            updated: (seed % 2 == 1).then(|| DateStamp::date(2018, 9, 1)),
            authors: vec![s(4), String::new()],
            publisher: Some(s(5)),
            dateline: Some(Dateline {
                text: s(6),
                start: 0,
                end: usize::MAX,
                place: Some(s(7)),
                date_text: None,
                date: Some(stamp),
                credit: Some(s(8)),
            }),
            language: Some("en".into()),
            text: s(9),
            paragraphs: roles
                .iter()
                .enumerate()
                .map(|(i, &role)| Paragraph { role, start: i, end: i * 1000, text: s(10 + i) })
                .collect(),
            sentences: vec![Sentence { start: 1, end: 22, paragraph: 3, first_token: 0, end_token: 4 }],
            tokens: if seed.is_multiple_of(2) {
                vec![Token::new(0, 3), Token::new(4, 10)]
            } else {
                Vec::new()
            },
            entities: (0..4)
                .map(|i| Entity {
                    name: s(20 + i),
                    kind: types[i],
                    aliases: vec![s(30 + i); i],
                    roles: vec![s(40 + i); 3 - i],
                    mentions: (0..8)
                        .map(|j| Mention {
                            start: j,
                            end: j + 1,
                            text: s(50 + j),
                            kind: kinds[(i + j) % 4],
                            confidence: confidences[j],
                        })
                        .collect(),
                })
                .collect(),
            quotes: [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed]
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Quote {
                    kind,
                    act: [QuoteAct::Writing, QuoteAct::Thought, QuoteAct::Other][i],
                    text: s(60 + i),
                    start: i,
                    end: 99,
                    content: vec![Span::new(1, 2), Span::new(3, 4)],
                    speaker: (i != 1).then(|| s(70 + i)),
                    speaker_entity: (i != 2).then_some(i),
                    speaker_mention: (i != 0).then(|| SpeakerMention { text: s(80 + i), start: 5, end: 6 }),
                    speaker_confidence: [Some(0.75), None, Some(f32::NAN)][i],
                    cue: (i != 1).then(|| Cue { text: s(90 + i), lemma: s(95 + i), start: 7, end: 8 }),
                    date: [
                        Some(QuoteDate { value: s(100), source: DateSource::Stated }),
                        Some(QuoteDate { value: "2018-09-23".into(), source: DateSource::Article }),
                        None,
                    ][i]
                        .clone(),
                    venue: (i == 2).then(|| s(110)),
                    about: (0..i).map(|k| s(115 + k)).collect(),
                })
                .collect(),
            timexes: [TimexType::Date, TimexType::Time, TimexType::Duration, TimexType::Set]
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Timex { text: s(120 + i), kind, value: s(130 + i), start: i, end: i + 2 })
                .collect(),
            warnings: if seed % 2 == 1 { vec![Warning::new(s(140), s(141))] } else { Vec::new() },
        }
    }

    #[test]
    fn every_field_and_variant_as_serde_json_writes_them() {
        for seed in 0..12 {
            let mut a = full_article(seed);
            assert_same(&a);
            // Without span texts and tokens, as written by default.
            a.drop_span_text();
            a.drop_tokens();
            assert_same(&a);
        }
    }

    #[test]
    fn empty_article_as_serde_json_writes_it() {
        assert_same(&Article::default());
    }

    #[test]
    fn every_byte_escaped_as_serde_json_escapes_it() {
        let all: String = (0u32..0x80).filter_map(char::from_u32).chain("é—🙂".chars()).collect();
        for skip in 0..all.len() {
            let text: String = all.chars().skip(skip).chain(all.chars().take(skip)).collect();
            assert_same(&Article { text, ..Article::default() });
        }
    }

    #[test]
    fn analysed_seeds_as_serde_json_writes_them() {
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let analyzer = storyline_analyzer::Analyzer::new().expect("built-in models load");
        let mut n = 0;
        for entry in std::fs::read_dir(seeds).expect("the seeds are in the repo") {
            let path = entry.expect("readable seeds dir").path();
            let bytes = std::fs::read(&path).expect("readable seed");
            let source = path.display().to_string();
            let mut a = storyline_parser::parse_text(&bytes, "seed", &source, &Default::default())
                .expect("seed parses");
            analyzer.analyze(&mut a);
            assert!(!a.quotes.is_empty() && !a.entities.is_empty() && !a.timexes.is_empty());
            assert_same(&a);
            // As written by default; and the texts dropped come back from the spans.
            let whole = a.clone();
            a.drop_span_text();
            assert_same(&a);
            assert_ne!(a, whole);
            a.fill_span_text();
            assert_eq!(a, whole, "span texts restored from the spans");
            n += 1;
        }
        assert!(n >= 2, "both seeds checked");
    }
}
