//! `storyline analyze`: parse and analyse inputs in bounded parallel batches, stream
//! articles to a sink as each batch finishes, and keep compact summaries for the story layer.

use serde::Serialize;
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::ArticleSummary;
use storyline_model::Article;
use storyline_parser::input::{self, Input};
use storyline_parser::{ParseError, ParseOptions};

use rayon::prelude::*;

/// Files read and analysed together; bounds memory whatever the corpus size.
pub const BATCH_FILES: usize = 64;

/// An input that could not be analysed, as reported in the output.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorRecord {
    pub source: String,
    pub line: Option<usize>,
    pub reason: String,
}

impl From<&ParseError> for ErrorRecord {
    fn from(e: &ParseError) -> Self {
        ErrorRecord { source: e.path().to_string(), line: e.line(), reason: e.reason() }
    }
}

/// What a run produced besides the streamed articles.
pub struct Run {
    pub summaries: Vec<ArticleSummary>,
    pub errors: Vec<ParseError>,
}

/// Analyse every input; `sink` gets each article (in input order) as its batch completes.
pub fn analyze_inputs(
    inputs: &[Input],
    opts: &ParseOptions,
    date: Option<storyline_model::DateStamp>,
    analyzer: &Analyzer,
    sink: &mut dyn FnMut(Article) -> anyhow::Result<()>,
) -> anyhow::Result<Run> {
    let mut run = Run { summaries: Vec::new(), errors: Vec::new() };
    for batch in inputs.chunks(BATCH_FILES) {
        let results: Vec<Vec<Result<Article, ParseError>>> = batch
            .par_iter()
            .map(|i| {
                let mut results = input::read_input(i, opts);
                // A JSONL file's records are analysed in parallel too.
                results.par_iter_mut().flatten().for_each(|a| {
                    crate::apply_date(a, date);
                    analyzer.analyze(a);
                });
                results
            })
            .collect();
        for r in results.into_iter().flatten() {
            match r {
                Ok(mut a) => {
                    a.tokens = Vec::new();
                    run.summaries.push(ArticleSummary::of(&a));
                    sink(a)?;
                }
                Err(e) => run.errors.push(e),
            }
        }
    }
    Ok(run)
}
