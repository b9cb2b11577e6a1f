//! Snapshot tests: every fixture in `tests/fixtures/` and both seed articles, rendered as the
//! article JSON (tokens shown per sentence, `|`-separated, instead of as byte pairs).

use std::path::Path;

use storyline_model::Article;
use storyline_parser::ParseOptions;
use storyline_parser::input::{self, Input};

fn render(results: Vec<Result<Article, storyline_parser::ParseError>>) -> String {
    let mut out = String::new();
    for r in results {
        match r {
            Ok(mut a) => {
                let sentences: Vec<String> = a
                    .sentences
                    .iter()
                    .map(|s| {
                        let toks: Vec<&str> =
                            a.sentence_tokens(s).iter().map(|t| a.slice(t.span())).collect();
                        format!("[p{}] {}", s.paragraph, toks.join(" | "))
                    })
                    .collect();
                a.tokens.clear();
                out.push_str(&serde_json::to_string_pretty(&a).expect("articles serialize"));
                out.push_str("\n--- sentences (tokens separated by |)\n");
                out.push_str(&sentences.join("\n"));
                out.push('\n');
            }
            Err(e) => {
                out.push_str(&format!("error: {e}\n"));
            }
        }
    }
    out
}

/// Parse a file by a path relative to the crate (so snapshots don't hold machine paths).
fn parse(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let (inputs, errors) = input::discover(std::slice::from_ref(&rel));
    assert!(errors.is_empty(), "{errors:?}");
    let input: &Input = &inputs[0];
    render(input::read_input(input, &ParseOptions::default()))
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/*", |path| {
        insta::assert_snapshot!(parse(path));
    });
}

#[test]
fn seeds() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    for name in ["000_062679f85e15b100.txt", "002_f337b9528f10e226.txt"] {
        let path = seeds.join(name);
        let bytes = std::fs::read(&path).expect("seeds/ is part of the repository");
        let article = storyline_parser::parse_text(
            &bytes,
            name.trim_end_matches(".txt"),
            &format!("seeds/{name}"),
            &ParseOptions::default(),
        );
        insta::assert_snapshot!(format!("seed_{}", &name[..3]), render(vec![article]));
    }
}
