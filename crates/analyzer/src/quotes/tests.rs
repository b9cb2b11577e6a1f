use super::*;

fn article(text: &str) -> Article {
    storyline_parser::parse_text(text.as_bytes(), "t", "t.txt", &storyline_parser::ParseOptions::default())
        .expect("parses")
}

fn quotes(text: &str) -> Vec<Quote> {
    // A headline and a body paragraph so the sentence under test is body text.
    let t = format!("Headline for the test\n\n{text}\n");
    extract_quotes(&article(&t))
}

fn dump(qs: &[Quote]) -> String {
    qs.iter()
        .map(|q| {
            format!(
                "{:?} [{}] cue={:?} src={:?} venue={:?}",
                q.kind,
                q.text,
                q.cue.as_ref().map(|c| c.text.as_str()),
                q.speaker_mention.as_ref().map(|s| s.text.as_str()),
                q.venue
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seeds_dump() {
    for f in ["000_062679f85e15b100.txt", "002_f337b9528f10e226.txt"] {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds").join(f);
        let t = std::fs::read_to_string(p).unwrap();
        println!("{}", dump(&extract_quotes(&article(&t))));
    }
}

#[test]
fn dbg_one() {
    let a = article("Headline for the test\n\n\"I think so,\" Haley said Sunday on ABC's \"This Week.\"\n\n\"It is a deal. As you know,\" Trump said, claiming there has been \"tremendous progress on North Korea.\"\n");
    for t in &a.tokens { print!("[{}]", &a.text[t.start..t.end]); }
    println!();
    println!("{}", dump(&extract_quotes(&a)));
    let _ = quotes("x");
}
