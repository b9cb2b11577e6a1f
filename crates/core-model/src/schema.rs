//! The JSON Schema of storyline's output, generated from the model types (feature `schema`).
//!
//! `cargo xtask schema` writes it to `schema/storyline.schema.json`; a test regenerates it and
//! fails when the checked-in file differs, another validates every command's output against it.
//! The schema describes what is *written* (serialisation), and every object is closed
//! (`additionalProperties: false`): a field added to the model must be added to the schema.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::{Article, Entity, Quote, SCHEMA_VERSION, SchemaVersion, Story};

/// The JSON Schema (draft 2020-12) of every JSON output: an article (a line of `--format
/// jsonl`), an array of articles (`parse --format json`), the report of `analyze --format json`,
/// and the lists of `entities --format json` and `quotes --format json`. Each is also a named
/// definition (`#/$defs/Article`, `AnalyzeReport`, `ArticleEntities`, `ArticleQuotes`).
pub fn json_schema() -> serde_json::Value {
    let generator: SchemaGenerator = SchemaSettings::draft2020_12()
        .for_serialize()
        .with_transform(RecursiveTransform(closed))
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Output>();
    schema.insert("$id".into(), format!("https://example.invalid/storyline/schema/v{SCHEMA_VERSION}").into());
    schema.insert("title".into(), format!("storyline output, schema version {SCHEMA_VERSION}").into());
    schema.to_value()
}

/// An object schema admits no property it does not name.
fn closed(schema: &mut Schema) {
    if let Some(object) = schema.as_object_mut()
        && object.contains_key("properties")
        && !object.contains_key("additionalProperties")
    {
        object.insert("additionalProperties".into(), false.into());
    }
}

/// What a storyline command writes as JSON.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
enum Output {
    /// One line of `parse --format jsonl` or `analyze --format jsonl`.
    Article(Box<Article>),
    /// `analyze --format json`.
    AnalyzeReport(AnalyzeReport),
    /// `parse --format json`.
    Articles(Vec<Article>),
    /// `entities --format json`.
    Entities(Vec<ArticleEntities>),
    /// `quotes --format json`.
    Quotes(Vec<ArticleQuotes>),
}

/// `analyze --format json`: the analysed articles, the inputs that failed, the stories.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct AnalyzeReport {
    articles: Vec<Article>,
    errors: Vec<InputError>,
    schema_version: SchemaVersion,
    stories: Vec<Story>,
}

/// An input that could not be analysed, or a story that could not be built.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct InputError {
    /// The file (`path`, `-` for standard input) or story (`story-7`).
    source: String,
    /// The line of a JSONL record (from 1).
    line: Option<usize>,
    reason: String,
}

/// One article's entities (`entities --format json`); mentions carry their `text`, as the
/// article's text is not written.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ArticleEntities {
    entities: Vec<Entity>,
    id: String,
    schema_version: SchemaVersion,
}

/// One article's quotes (`quotes --format json`); quotes, cues and speaker mentions carry their
/// `text`, as the article's text is not written.
#[derive(JsonSchema)]
#[allow(dead_code)]
struct ArticleQuotes {
    id: String,
    quotes: Vec<Quote>,
    schema_version: SchemaVersion,
}

/// A TIMEX3 value: a date of the precision the text gives (`2018`, `2018-09`, `2018-09-24`,
/// `2018-W38`, `2018-SU`, `2018-09-24TMO`), a partly unknown one (`XXXX-WXX-5`, `199X`), a
/// duration (`P1Y`, `PT3H`, `PXY`; `P2E` decades, `P1C` centuries, `P1Q` quarters), or a
/// reference (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`).
pub struct TimexValue;

impl JsonSchema for TimexValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimexValue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A TIMEX3 value: a date of the precision the text gives (2018, 2018-09, 2018-09-24, 2018-W38, 2018-09-24T10:30), partly unknown (XXXX-WXX-5, 199X), a duration (P1Y, PT3H, P2E for two decades, P1C, P1Q) or a reference (PRESENT_REF, PAST_REF, FUTURE_REF).",
            "type": "string",
            "pattern": "^(PRESENT_REF|PAST_REF|FUTURE_REF|P[0-9XT.YMWDHSECLQ]+|[0-9X]{2,4}(-[0-9A-Z]+)*(T[0-9A-Z:]+)?)$",
        })
    }
}
