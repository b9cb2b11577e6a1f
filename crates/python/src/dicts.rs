//! An analysed article as Python objects, made directly from the model: the dict equals
//! `json.loads` of the article's JSON line ([`storyline::json_line::write_article`]), key order
//! included, without writing the JSON and parsing it back (which cost about a fifth of
//! `analyze_many`'s CPU time, orjson included).
//!
//! Mirrors `write_article` member for member: every struct is destructured without `..` and every
//! enum matched in full, so a field or variant added to the model does not compile until it is
//! made here too; the Python tests compare the dicts with `json.loads` of the lines (PolNeAR dev,
//! the seeds, and records with odd strings and numbers read back by `_storyline._dict_of_json`).
//! Keys and enum values are interned strings (made once, shared by every dict); numbers are what
//! the JSON text parses to (an `f32` as the float of its shortest form, not its exact value).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use pyo3::{IntoPyObjectExt, intern};
use storyline::model::{
    Article, Cue, DateOrigin, DateSource, DateStamp, Dateline, Entity, EntityType, Mention, MentionKind,
    Paragraph, ParagraphRole, Quote, QuoteAct, QuoteDate, QuoteKind, Sentence, Span, SpeakerMention, Timex,
    TimexType, Token, Warning,
};

/// A dict being filled, in the JSON line's member order.
struct Obj<'py>(Bound<'py, PyDict>);

impl<'py> Obj<'py> {
    fn new(py: Python<'py>) -> Self {
        Obj(PyDict::new(py))
    }

    #[inline]
    fn set(&self, key: &Bound<'py, PyString>, value: impl IntoPyObject<'py>) -> PyResult<()> {
        self.0.set_item(key, value)
    }

    /// `text` when not empty (a span's text is emptied unless asked for, and then not written).
    fn text(&self, text: &str) -> PyResult<()> {
        if text.is_empty() { Ok(()) } else { self.set(intern!(self.0.py(), "text"), text) }
    }

    /// `start` and `end`.
    fn start_end(&self, start: usize, end: usize) -> PyResult<()> {
        let py = self.0.py();
        self.set(intern!(py, "start"), start)?;
        self.set(intern!(py, "end"), end)
    }

    fn into_any(self) -> Bound<'py, PyAny> {
        self.0.into_any()
    }
}

/// A list of `items`, each made by `f`.
fn list<'py, T>(
    py: Python<'py>,
    items: &[T],
    mut f: impl FnMut(Python<'py>, &T) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let made = items.iter().map(|x| f(py, x)).collect::<PyResult<Vec<_>>>()?;
    Ok(PyList::new(py, made)?.into_any())
}

/// A list of strings.
fn strings<'py>(py: Python<'py>, items: &[String]) -> PyResult<Bound<'py, PyAny>> {
    Ok(PyList::new(py, items)?.into_any())
}

/// A date as its JSON string.
fn date<'py>(py: Python<'py>, d: &DateStamp) -> PyResult<Bound<'py, PyAny>> {
    d.to_string().into_bound_py_any(py)
}

/// An optional value: `None` or made by `f`.
fn opt<'py, T>(
    py: Python<'py>,
    v: Option<&T>,
    f: impl FnOnce(Python<'py>, &T) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Some(v) => f(py, v),
        None => Ok(py.None().into_bound(py)),
    }
}

/// An `f32` as `json.loads` reads what the JSON line writes for it: its shortest round-trip
/// form read as a double (`0.3` is `0.3`, not `0.30000001192…`), `None` if not finite.
fn f32_value<'py>(py: Python<'py>, x: f32) -> PyResult<Bound<'py, PyAny>> {
    if x == 1.0 {
        // Most confidences: one float object, shared (floats are immutable).
        static ONE: PyOnceLock<Py<PyFloat>> = PyOnceLock::new();
        return Ok(ONE.get_or_init(py, || PyFloat::new(py, 1.0).unbind()).bind(py).clone().into_any());
    }
    if !x.is_finite() {
        return Ok(py.None().into_bound(py));
    }
    let shortest = ryu::Buffer::new().format_finite(x).parse::<f64>().unwrap_or(f64::from(x));
    shortest.into_bound_py_any(py)
}

/// An enum's value: an interned string.
macro_rules! name {
    ($py:expr, $value:expr, { $($variant:path => $text:literal),+ $(,)? }) => {
        match $value {
            $($variant => intern!($py, $text),)+
        }
    };
}

/// The dict of an analysed article: `json.loads` of its JSON line.
pub(crate) fn article<'py>(py: Python<'py>, a: &Article) -> PyResult<Bound<'py, PyAny>> {
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
    let o = Obj::new(py);
    o.set(intern!(py, "schema_version"), schema_version.to_string())?;
    o.set(intern!(py, "id"), id)?;
    o.set(intern!(py, "source"), source)?;
    o.set(intern!(py, "url"), url.as_deref())?;
    o.set(intern!(py, "title"), title.as_deref())?;
    o.set(intern!(py, "standfirst"), standfirst.as_deref())?;
    o.set(intern!(py, "published"), opt(py, published.as_ref(), date)?)?;
    let origin = published_source.map(|s| {
        name!(py, s, {
            DateOrigin::Text => "text",
            DateOrigin::Record => "record",
            DateOrigin::Url => "url",
            DateOrigin::FileName => "file_name",
            DateOrigin::Updated => "updated",
            DateOrigin::Option => "option",
            DateOrigin::Page => "page",
            DateOrigin::Archive => "archive",
        })
    });
    o.set(intern!(py, "published_source"), origin)?;
    o.set(intern!(py, "updated"), opt(py, updated.as_ref(), date)?)?;
    o.set(intern!(py, "authors"), strings(py, authors)?)?;
    o.set(intern!(py, "publisher"), publisher.as_deref())?;
    o.set(intern!(py, "dateline"), opt(py, dateline.as_ref(), self::dateline)?)?;
    o.set(intern!(py, "language"), language.as_deref())?;
    o.set(intern!(py, "text"), text)?;
    o.set(intern!(py, "paragraphs"), list(py, paragraphs, paragraph)?)?;
    o.set(intern!(py, "sentences"), list(py, sentences, sentence)?)?;
    if !tokens.is_empty() {
        o.set(intern!(py, "tokens"), list(py, tokens, token)?)?;
    }
    o.set(intern!(py, "entities"), list(py, entities, entity)?)?;
    o.set(intern!(py, "quotes"), list(py, quotes, quote)?)?;
    o.set(intern!(py, "timexes"), list(py, timexes, timex)?)?;
    if !warnings.is_empty() {
        o.set(intern!(py, "warnings"), list(py, warnings, warning)?)?;
    }
    Ok(o.into_any())
}

fn dateline<'py>(py: Python<'py>, d: &Dateline) -> PyResult<Bound<'py, PyAny>> {
    let Dateline { text, start, end, place, date_text, date, credit } = d;
    let o = Obj::new(py);
    o.text(text)?;
    o.start_end(*start, *end)?;
    o.set(intern!(py, "place"), place.as_deref())?;
    o.set(intern!(py, "date_text"), date_text.as_deref())?;
    o.set(intern!(py, "date"), opt(py, date.as_ref(), self::date)?)?;
    o.set(intern!(py, "credit"), credit.as_deref())?;
    Ok(o.into_any())
}

fn paragraph<'py>(py: Python<'py>, p: &Paragraph) -> PyResult<Bound<'py, PyAny>> {
    let Paragraph { role, start, end, text } = p;
    let o = Obj::new(py);
    let role = name!(py, role, {
        ParagraphRole::Title => "title",
        ParagraphRole::Standfirst => "standfirst",
        ParagraphRole::Metadata => "metadata",
        ParagraphRole::Body => "body",
        ParagraphRole::Caption => "caption",
        ParagraphRole::Boilerplate => "boilerplate",
    });
    o.set(intern!(py, "role"), role)?;
    o.start_end(*start, *end)?;
    o.text(text)?;
    Ok(o.into_any())
}

fn sentence<'py>(py: Python<'py>, s: &Sentence) -> PyResult<Bound<'py, PyAny>> {
    let Sentence { start, end, paragraph, first_token, end_token } = s;
    let o = Obj::new(py);
    o.start_end(*start, *end)?;
    o.set(intern!(py, "paragraph"), *paragraph)?;
    // (the token range only when there are tokens, as the JSON line)
    if *end_token > 0 {
        o.set(intern!(py, "first_token"), *first_token)?;
        o.set(intern!(py, "end_token"), *end_token)?;
    }
    Ok(o.into_any())
}

fn token<'py>(py: Python<'py>, t: &Token) -> PyResult<Bound<'py, PyAny>> {
    let Token { start, end } = t;
    let o = Obj::new(py);
    o.start_end(*start, *end)?;
    Ok(o.into_any())
}

fn span<'py>(py: Python<'py>, s: &Span) -> PyResult<Bound<'py, PyAny>> {
    let Span { start, end } = s;
    let o = Obj::new(py);
    o.start_end(*start, *end)?;
    Ok(o.into_any())
}

fn entity<'py>(py: Python<'py>, e: &Entity) -> PyResult<Bound<'py, PyAny>> {
    let Entity { name, kind, aliases, roles, mentions } = e;
    let o = Obj::new(py);
    o.set(intern!(py, "name"), name)?;
    let kind = name!(py, kind, {
        EntityType::Person => "PER",
        EntityType::Organization => "ORG",
        EntityType::Location => "LOC",
        EntityType::Misc => "MISC",
    });
    o.set(intern!(py, "type"), kind)?;
    o.set(intern!(py, "aliases"), strings(py, aliases)?)?;
    o.set(intern!(py, "roles"), strings(py, roles)?)?;
    o.set(intern!(py, "mentions"), list(py, mentions, mention)?)?;
    Ok(o.into_any())
}

fn mention<'py>(py: Python<'py>, m: &Mention) -> PyResult<Bound<'py, PyAny>> {
    let Mention { start, end, text, kind, confidence } = m;
    let o = Obj::new(py);
    o.start_end(*start, *end)?;
    o.text(text)?;
    let kind = name!(py, kind, {
        MentionKind::Name => "name",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Descriptor => "descriptor",
        MentionKind::Demonym => "demonym",
    });
    o.set(intern!(py, "kind"), kind)?;
    o.set(intern!(py, "confidence"), f32_value(py, *confidence)?)?;
    Ok(o.into_any())
}

fn quote<'py>(py: Python<'py>, q: &Quote) -> PyResult<Bound<'py, PyAny>> {
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
    let o = Obj::new(py);
    let kind = name!(py, kind, {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    });
    o.set(intern!(py, "kind"), kind)?;
    let act = name!(py, act, {
        QuoteAct::Speech => "speech",
        QuoteAct::Writing => "writing",
        QuoteAct::Thought => "thought",
        QuoteAct::Other => "other",
    });
    o.set(intern!(py, "act"), act)?;
    o.text(text)?;
    o.start_end(*start, *end)?;
    o.set(intern!(py, "content"), list(py, content, span)?)?;
    o.set(intern!(py, "speaker"), speaker.as_deref())?;
    o.set(intern!(py, "speaker_entity"), *speaker_entity)?;
    o.set(intern!(py, "speaker_mention"), opt(py, speaker_mention.as_ref(), self::speaker_mention)?)?;
    o.set(
        intern!(py, "speaker_confidence"),
        opt(py, speaker_confidence.as_ref(), |py, &x| f32_value(py, x))?,
    )?;
    o.set(intern!(py, "cue"), opt(py, cue.as_ref(), self::cue)?)?;
    o.set(intern!(py, "date"), opt(py, date.as_ref(), quote_date)?)?;
    o.set(intern!(py, "venue"), venue.as_deref())?;
    o.set(intern!(py, "about"), strings(py, about)?)?;
    Ok(o.into_any())
}

fn speaker_mention<'py>(py: Python<'py>, m: &SpeakerMention) -> PyResult<Bound<'py, PyAny>> {
    let SpeakerMention { text, start, end } = m;
    let o = Obj::new(py);
    o.text(text)?;
    o.start_end(*start, *end)?;
    Ok(o.into_any())
}

fn cue<'py>(py: Python<'py>, c: &Cue) -> PyResult<Bound<'py, PyAny>> {
    let Cue { text, lemma, start, end } = c;
    let o = Obj::new(py);
    o.text(text)?;
    o.set(intern!(py, "lemma"), lemma)?;
    o.start_end(*start, *end)?;
    Ok(o.into_any())
}

fn quote_date<'py>(py: Python<'py>, d: &QuoteDate) -> PyResult<Bound<'py, PyAny>> {
    let QuoteDate { value, source } = d;
    let o = Obj::new(py);
    o.set(intern!(py, "value"), value)?;
    let source = name!(py, source, {
        DateSource::Stated => "stated",
        DateSource::Article => "article",
    });
    o.set(intern!(py, "source"), source)?;
    Ok(o.into_any())
}

fn timex<'py>(py: Python<'py>, t: &Timex) -> PyResult<Bound<'py, PyAny>> {
    let Timex { text, kind, value, start, end } = t;
    let o = Obj::new(py);
    o.text(text)?;
    let kind = name!(py, kind, {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    });
    o.set(intern!(py, "type"), kind)?;
    o.set(intern!(py, "value"), value)?;
    o.start_end(*start, *end)?;
    Ok(o.into_any())
}

fn warning<'py>(py: Python<'py>, w: &Warning) -> PyResult<Bound<'py, PyAny>> {
    let Warning { code, message } = w;
    let o = Obj::new(py);
    o.set(intern!(py, "code"), code)?;
    o.set(intern!(py, "message"), message)?;
    Ok(o.into_any())
}
