//! `cargo xtask bench-scaling`: is every stage linear in the input size? Parses and analyses
//! adversarial articles (many quote marks, a page of abbreviations, one long line with no
//! sentence end, thousands of names, dates, one line per paragraph, punctuation runs) of a small
//! and a large size and reports the time ratio: linear work gives a ratio close to the size
//! ratio. Wall time on a shared machine is noisy, so each measurement is the best of a few runs.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use storyline_analyzer::Analyzer;
use storyline_parser::{ParseOptions, parse_text};

/// A deterministic pseudo-random sequence (no dependency, same text on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const WORDS: &[&str] =
    &["the", "talks", "said", "would", "on", "a", "new", "deal", "and", "of", "officials", "in"];
const FIRST: &[&str] =
    &["John", "Mary", "Kim", "Ahmed", "Olga", "Pedro", "Li", "Sarah", "Moon", "Mike", "Jae", "Ana"];
const LAST: &[&str] =
    &["Smith", "Jones", "Park", "Pompeo", "Garcia", "Ivanova", "Chen", "Trump", "Lee", "Khan"];

/// Makes an input of about the given size.
type Generator = fn(usize) -> String;

/// The adversarial inputs: a name and a generator.
pub fn cases() -> Vec<(&'static str, Generator)> {
    vec![
        ("quote-marks", quote_marks),
        ("quote-marks-no-space", |n| format!("He said {}", "\"".repeat(n))),
        ("curly-quotes-nested", nested_quotes),
        ("abbreviations", abbreviations),
        ("one-long-line", one_long_line),
        ("many-names", many_names),
        ("one-name-repeated", |n| fill(n, |r, s| write!(s, "Kim {} ", r.pick(WORDS)).unwrap())),
        ("many-dates", many_dates),
        ("short-lines", short_lines),
        ("punctuation-run", |n| format!("Word {}.", ")".repeat(n))),
        ("periods-run", |n| format!("Word x{}", ".".repeat(n))),
        ("dashes-run", |n| format!("Word {}", "-".repeat(n))),
        ("blank-lines", |n| "\n".repeat(n / 2) + "A headline\n\nBody text said here."),
    ]
}

fn fill(size: usize, mut piece: impl FnMut(&mut Lcg, &mut String)) -> String {
    let mut rng = Lcg(7);
    let mut s = String::with_capacity(size + 256);
    s.push_str("A headline about talks\n\n");
    while s.len() < size {
        piece(&mut rng, &mut s);
    }
    s
}

fn quote_marks(size: usize) -> String {
    fill(size, |r, s| {
        let w = r.pick(WORDS);
        match r.next() % 5 {
            0 => s.push_str("\" "),
            1 => write!(s, "\"{w}\" ").unwrap(),
            2 => write!(s, "“{w} ").unwrap(),
            3 => write!(s, "{w}” said {} {}. ", r.pick(FIRST), r.pick(LAST)).unwrap(),
            _ => write!(s, "'{w} ").unwrap(),
        }
    })
}

fn nested_quotes(size: usize) -> String {
    fill(size, |r, s| {
        let w = r.pick(WORDS);
        match r.next() % 4 {
            0 => write!(s, "“{w} ‘{w} “").unwrap(),
            1 => write!(s, "{w}” ").unwrap(),
            2 => write!(s, "{w}’ said {}, ", r.pick(LAST)).unwrap(),
            _ => write!(s, "«{w} ").unwrap(),
        }
    })
}

fn abbreviations(size: usize) -> String {
    const ABBR: &[&str] = &[
        "Mr.", "Dr.", "U.S.", "Jan.", "Inc.", "J.", "Sen.", "Gov.", "a.m.", "Co.", "Jr.", "No.", "D.C.",
        "etc.",
    ];
    fill(size, |r, s| write!(s, "{} ", r.pick(ABBR)).unwrap())
}

fn one_long_line(size: usize) -> String {
    fill(size, |r, s| write!(s, "{} ", r.pick(WORDS)).unwrap())
}

fn many_names(size: usize) -> String {
    let mut i = 0usize;
    fill(size, |r, s| {
        i += 1;
        // Distinct names (a number-derived surname), each said something.
        write!(s, "{} {}{} of {} Corp said it, ", r.pick(FIRST), r.pick(LAST), i, r.pick(LAST)).unwrap();
        if i.is_multiple_of(20) {
            s.push_str("he said.\n\n");
        }
    })
}

fn many_dates(size: usize) -> String {
    const DATES: &[&str] = &[
        "on Monday",
        "Sept. 24, 2018",
        "at 3 p.m.",
        "last week",
        "in 2019",
        "two days ago",
        "next year",
        "Friday morning",
        "24 September",
        "2018-09-24",
    ];
    fill(size, |r, s| write!(s, "{} {} ", r.pick(WORDS), r.pick(DATES)).unwrap())
}

fn short_lines(size: usize) -> String {
    fill(size, |r, s| writeln!(s, "{} {} {}.", r.pick(FIRST), r.pick(WORDS), r.pick(WORDS)).unwrap())
}

/// Best wall time of `runs` runs of `f`, in seconds.
fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Parse and analyse each case at `small` and `large` bytes; print the times and ratios and
/// write `out_dir/scaling.json`. Cases named in `only` (when not empty) are the only ones run.
pub fn bench_scaling(small: usize, large: usize, only: &[String], out_dir: &Path) -> Result<()> {
    let analyzer = Analyzer::new().context("loading the NER model")?;
    let opts = ParseOptions { max_bytes: large * 2 + 1024 };
    let size_ratio = large as f64 / small as f64;
    println!(
        "scaling: {} vs {} bytes (ratio {size_ratio:.1}; linear work gives about that time ratio)",
        small, large
    );
    println!(
        "{:<22} {:>10} {:>10} {:>7} {:>10} {:>10} {:>7}",
        "case", "parse S", "parse L", "ratio", "analyze S", "analyze L", "ratio"
    );
    let mut rows = Vec::new();
    let mut worst = 0f64;
    for (name, make) in cases() {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut times = Vec::new();
        for size in [small, large] {
            let text = make(size);
            let runs = if size == small { 3 } else { 2 };
            let parse = best_of(runs, || {
                std::hint::black_box(parse_text(text.as_bytes(), "x", "x.txt", &opts).ok());
            });
            let article = parse_text(text.as_bytes(), "x", "x.txt", &opts).ok();
            let analyze = best_of(runs, || {
                if let Some(a) = &article {
                    let mut a = a.clone();
                    analyzer.analyze(&mut a);
                    std::hint::black_box(a);
                }
            });
            times.push((text.len(), parse, analyze));
        }
        let (ps, pl) = (times[0].1, times[1].1);
        let (as_, al) = (times[0].2, times[1].2);
        // Below a millisecond the ratio is noise; count it as linear.
        let ratio = |s: f64, l: f64| if l < 1e-3 { size_ratio } else { l / s.max(1e-6) };
        let (pr, ar) = (ratio(ps, pl), ratio(as_, al));
        worst = worst.max(pr).max(ar);
        println!(
            "{name:<22} {:>9.1}ms {:>9.1}ms {pr:>7.1} {:>9.1}ms {:>9.1}ms {ar:>7.1}",
            ps * 1e3,
            pl * 1e3,
            as_ * 1e3,
            al * 1e3
        );
        rows.push(serde_json::json!({
            "case": name,
            "small_bytes": times[0].0, "large_bytes": times[1].0,
            "parse_small_s": ps, "parse_large_s": pl, "parse_ratio": pr,
            "analyze_small_s": as_, "analyze_large_s": al, "analyze_ratio": ar,
        }));
    }
    println!(
        "worst ratio {worst:.1} for a size ratio of {size_ratio:.1} (quadratic work would give about {:.0})",
        size_ratio * size_ratio
    );
    std::fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let out = out_dir.join("scaling.json");
    let json = serde_json::json!({"component": "scaling", "small_bytes": small, "large_bytes": large, "cases": rows, "worst_ratio": worst});
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
