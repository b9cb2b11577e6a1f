//! Who said what, and when: parse one scraped article, analyse it, and print its quotes with
//! their speakers and resolved dates.
//!
//! ```sh
//! cargo run --example quotes -- seeds/000_062679f85e15b100.txt
//! cargo run --example quotes -- page.txt 2018-09-24    # a fallback date for an undated page
//! ```

use std::io::Write;

use storyline::model::{Article, DateStamp};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| format!("{}/seeds/000_062679f85e15b100.txt", workspace()));
    let date = args.next().map(|d| parse_date(&d)).transpose()?;
    let bytes = std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?;
    let id = std::path::Path::new(&path)
        .file_stem()
        .map_or("article".into(), |s| s.to_string_lossy().into_owned());
    let options = storyline::Options { id, source: path, date, ..storyline::Options::default() };
    let article = storyline::analyze_text(&bytes, &options)?;
    print_quotes(&article, &mut std::io::stdout().lock())?;
    Ok(())
}

/// The article's headline and date, then one line per quote: date, speaker, cue, words.
fn print_quotes(article: &Article, w: &mut dyn Write) -> std::io::Result<()> {
    let published = article.published.map_or("undated".to_string(), |d| d.to_string());
    writeln!(w, "{} ({published})", article.title.as_deref().unwrap_or(&article.id))?;
    for q in &article.quotes {
        // The speaker's canonical name, else the words naming them.
        let speaker = q
            .speaker
            .as_deref()
            .or(q.speaker_mention.as_ref().map(|m| m.text.as_str()))
            .unwrap_or("(unattributed)");
        let date = q.date.as_ref().map_or("-", |d| d.value.as_str());
        let cue = q.cue.as_ref().map_or("-", |c| c.lemma.as_str());
        writeln!(w, "{date}  {speaker} [{cue}]: {}", q.text.replace('\n', " "))?;
    }
    Ok(())
}

/// `YYYY-MM-DD` (month 1 to 12, day 1 to 31).
fn parse_date(s: &str) -> Result<DateStamp, String> {
    let part = |r: std::ops::Range<usize>| s.get(r).and_then(|p| p.parse::<u16>().ok());
    match (s.len(), part(0..4), part(5..7), part(8..10)) {
        (10, Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => Ok(DateStamp::date(y as i16, m as u8, d as u8)),
        _ => Err(format!("{s:?} is not a date of the form YYYY-MM-DD")),
    }
}

/// The workspace's root (the example is built in `crates/storyline`).
fn workspace() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed's quotes come out with their speakers, and Nikki Haley's "on Sunday" resolved
    /// against the article's date (Monday 24 September 2018).
    #[test]
    fn prints_the_seed_quotes_with_speakers_and_dates() {
        let path = format!("{}/seeds/000_062679f85e15b100.txt", workspace());
        let bytes = std::fs::read(&path).expect("a seed");
        let options = storyline::Options { id: "000".into(), source: path, ..storyline::Options::default() };
        let article = storyline::analyze_text(&bytes, &options).expect("analysed");
        let mut out = Vec::new();
        print_quotes(&article, &mut out).expect("printed");
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(out.lines().count() > 3, "{out}");
        assert!(out.starts_with("Trump: Second summit with Kim 'quite soon' (2018-09-24)\n"), "{out}");
        assert!(
            out.lines().any(|l| l.starts_with("2018-09-24  Donald Trump [say]: \"It looks like")),
            "{out}"
        );
        assert!(
            out.lines().any(|l| l.starts_with("2018-09-23  Nikki Haley [say]: \"I think Secretary Pompeo")),
            "{out}"
        );
        assert_eq!(parse_date("2018-09-24"), Ok(DateStamp::date(2018, 9, 24)));
        assert!(parse_date("24/09/2018").is_err());
    }
}
