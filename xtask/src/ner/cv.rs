//! Cross-validation on the training file (`cargo xtask eval ner`): the figure every feature and
//! option of the tagger is decided by, so that `eng.testa` stays a check that nothing was tuned
//! on.
//!
//! The documents of `eng.train` are cut into `k` folds of consecutive documents (the file is in
//! date order, so a fold is mostly other days' news, as `eng.testa` is); for each fold the whole
//! training pipeline ([`train_model`]: word clusters, jackknifed gazetteers, both stages) runs on
//! the other folds and the model tags the held-out fold. The `(gold, pred)` lines of all folds
//! are pooled and scored with the scorer's logic ([`score()`]).

use std::sync::atomic::Ordering;

use super::*;

/// The fold of each of `n` documents: `k` blocks of consecutive documents.
fn blocks(n: usize, k: usize) -> Vec<usize> {
    (0..n).map(|i| i * k / n.max(1)).collect()
}

/// Cross-validates the training pipeline (options `opts`, its `data` directory holding
/// `conll2003/eng.train`) over `k` folds; prints each fold's F1 and returns the pooled score.
pub(super) fn cross_validate(opts: &TrainOpts, k: usize) -> Result<Score> {
    let t0 = Instant::now();
    let train_path = opts.data.join("conll2003/eng.train");
    if !train_path.exists() {
        bail!("NER training data not found: {} (pass --train-data DIR)", train_path.display());
    }
    let docs = read_conll(&train_path)?;
    let fold_of = blocks(docs.len(), k);
    let mut pooled = Vec::new();
    let was_quiet = QUIET.swap(true, Ordering::Relaxed);
    let result = (|| -> Result<()> {
        for f in 0..k {
            let part = |held: bool| -> Vec<Doc> {
                docs.iter()
                    .zip(&fold_of)
                    .filter(|(_, g)| (**g == f) == held)
                    .map(|(d, _)| d.clone())
                    .collect()
            };
            let (train_docs, test_docs) = (part(false), part(true));
            let bytes = train_model(opts, &train_docs, t0)?;
            let tagger = Tagger::from_bytes(&bytes)?;
            let (lines, _) = predict_docs(&tagger, &test_docs);
            eprintln!(
                "eval ner: cv fold {}/{k} ({} docs held out): F1 {:.2} ({:.1}s)",
                f + 1,
                test_docs.len(),
                score(&lines).overall.f1,
                t0.elapsed().as_secs_f64()
            );
            pooled.extend(lines);
        }
        Ok(())
    })();
    QUIET.store(was_quiet, Ordering::Relaxed);
    result?;
    Ok(score(&pooled))
}

#[cfg(test)]
mod tests {
    use super::blocks;

    #[test]
    fn blocks_are_consecutive_and_balanced() {
        assert_eq!(blocks(10, 3), [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(blocks(946, 5).iter().filter(|&&f| f == 0).count(), 190);
    }
}
