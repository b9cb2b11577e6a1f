//! Analysis for the commands that use each article as it comes (`entities`, `quotes`): the
//! bounded, parallel batches of `analyze`, each article handed to a closure in input order.

use anyhow::{Context, Result};
use storyline_model::Article;
use storyline_parser::input;

use super::{ErrorRecord, Written};
use crate::{Io, pool_threads};

/// What [`analyze_each`] reports besides the articles.
pub(crate) struct EachRun {
    pub(crate) articles: usize,
    /// `source: message` of every article's warnings.
    pub(crate) warnings: Vec<String>,
    pub(crate) errors: Vec<ErrorRecord>,
}

/// Analyse `inputs` in the bounded, parallel batches of `analyze` and hand each article to
/// `keep`, in input order: memory stays bounded whatever the corpus size (but what `keep` holds
/// on to). `errors`: those met finding the inputs.
pub(crate) fn analyze_each(
    io: &Io,
    inputs: &[input::Input],
    mut errors: Vec<ErrorRecord>,
    mut form: impl FnMut(Article) -> Result<()>,
) -> Result<EachRun> {
    let analyzer = storyline_analyzer::Analyzer::new().context("cannot load the NER model")?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(pool_threads(None, inputs)).build()?;
    let opts = io.parse_options();
    let config = super::RunConfig {
        opts: &opts,
        date: io.date,
        analyzer: Some(&analyzer),
        written: Written::default(),
        pool: &pool,
        summaries: false,
        stdin: &io.stdin,
    };
    let (mut articles, mut warnings) = (0, Vec::new());
    let mut sink = |out: super::Output| -> Result<()> {
        if let super::Output::Article(a) = out {
            articles += 1;
            warnings.extend(super::warnings_of(&a));
            form(*a)?;
        }
        Ok(())
    };
    let run = super::analyze_inputs(inputs, &config, super::OutputForm::Article, &mut sink, &mut |_| {})?;
    errors.extend(run.errors);
    warnings.extend(run.notes);
    Ok(EachRun { articles, warnings, errors })
}
