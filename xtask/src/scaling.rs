//! `cargo xtask bench-scaling`: is every stage linear in the input size? Parses and analyses
//! adversarial input (many quote marks, a page of abbreviations, one long line with no sentence
//! end, thousands of names, dates, one line per paragraph, punctuation runs; for the story layer
//! one article with many statements, many articles sharing one title, many events on one day,
//! one quote reported by every article) of a small and a large size, and times each stage: the
//! parser, the per-article analysis, the story layer, and `storyline analyze` whole in each
//! report format (json, md, html, csv). Linear work gives a time ratio close to the size ratio;
//! a ratio over 1.25 times the size ratio (5 for the default 4) fails the run. Processor time on
//! a shared machine is noisy (and noise only adds time), so each measurement is the best of a
//! few runs, as many of each size, taken in alternation ([`best_of_pair`]), and a stage whose
//! ratio is over the limit is measured again, up to three more rounds of more runs each (the
//! best time of each size kept), before it counts.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result, bail};
use storyline_analyzer::Analyzer;
use storyline_analyzer::story::{ArticleSummary, build_stories};
use storyline_model::Article;
use storyline_parser::{ParseOptions, parse_jsonl, parse_text};

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

/// One article of plain text, or JSONL records (one article a line).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Jsonl,
}

/// The adversarial inputs: a name, what they are, and a generator.
fn cases() -> Vec<(&'static str, Kind, Generator)> {
    let text = text_cases().into_iter().map(|(name, make)| (name, Kind::Text, make));
    let stories: [(&'static str, Kind, Generator); 4] = [
        ("many-statements", Kind::Text, many_statements),
        ("shared-title", Kind::Jsonl, shared_title),
        ("events-one-day", Kind::Jsonl, events_one_day),
        ("one-quote-everywhere", Kind::Jsonl, one_quote_everywhere),
    ];
    text.chain(stories).collect()
}

/// The adversarial single articles.
fn text_cases() -> Vec<(&'static str, Generator)> {
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
        // One sentence of cues, and one of pronouns after a name (each pronoun looks back for
        // its person; each cue for a parenthesis).
        ("said-repeated", |n| fill(n, |_, s| s.push_str("said "))),
        ("pronouns-one-sentence", |n| {
            fill(n, |r, s| {
                write!(s, "{} {}, he said, would {} ", r.pick(FIRST), r.pick(LAST), r.pick(WORDS)).unwrap()
            })
        }),
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

/// One article whose every sentence is a different quote of one of a few speakers: thousands
/// of statements in one story.
fn many_statements(size: usize) -> String {
    let mut i = 0usize;
    fill(size, |r, s| {
        i += 1;
        let (w1, w2, w3) = (r.pick(WORDS), r.pick(WORDS), r.pick(WORDS));
        match i % 3 {
            0 => write!(
                s,
                "“We {w1} {w2} {w3} number {i},” {} {} said on Monday. ",
                r.pick(FIRST),
                r.pick(LAST)
            )
            .unwrap(),
            1 => write!(s, "{} {} said the {w1} {w2} deal {i} was close. ", r.pick(FIRST), r.pick(LAST))
                .unwrap(),
            _ => write!(s, "“The {w3} talks {i} {w1},” said {}.\n\n", r.pick(LAST)).unwrap(),
        }
    })
}

/// One JSONL record per line until `size` bytes, from `record(rng, line number)`.
fn records(size: usize, mut record: impl FnMut(&mut Lcg, usize) -> String) -> String {
    let mut rng = Lcg(11);
    let mut s = String::with_capacity(size + 1024);
    let mut n = 0;
    while s.len() < size {
        n += 1;
        let line = record(&mut rng, n);
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// Many articles under one title (one story of thousands of articles), each quoting someone.
fn shared_title(size: usize) -> String {
    records(size, |r, n| {
        let (w1, w2) = (r.pick(WORDS), r.pick(WORDS));
        format!(
            r#"{{"id":"a{n}","title":"Trump and Kim to meet again","date_publish":"2018-09-{:02}","source_domain":"site{}.com","maintext":"President Donald Trump said {w1} {w2} talks with Kim Jong Un would go on. \"We will meet soon, number {n},\" {} {} told reporters on Monday."}}"#,
            1 + n % 28,
            n % 50,
            r.pick(FIRST),
            r.pick(LAST),
        )
    })
}

/// Many articles of one day, each with events dated that day: one day of thousands of timeline
/// entries.
fn events_one_day(size: usize) -> String {
    records(size, |r, n| {
        let (w1, w2) = (r.pick(WORDS), r.pick(WORDS));
        format!(
            r#"{{"id":"e{n}","title":"Summit in Seoul","date_publish":"2018-09-24","maintext":"On Sept. 24, 2018, officials met in Seoul on the {w1} {w2} deal {n}. On Monday, Sept. 24, {} {} arrived in Pyongyang for talks number {n}."}}"#,
            r.pick(FIRST),
            r.pick(LAST),
        )
    })
}

/// The same quote reported by every article: one statement with thousands of sources.
fn one_quote_everywhere(size: usize) -> String {
    records(size, |r, n| {
        format!(
            r#"{{"id":"q{n}","title":"Kim pledges peace {}","date_publish":"2018-09-{:02}","source_domain":"outlet{n}.com","maintext":"\"We will make the Korean peninsula a land of peace,\" Kim Jong Un said on Wednesday. The {} talks went on."}}"#,
            r.pick(WORDS),
            1 + n % 28,
            r.pick(WORDS),
        )
    })
}

/// Best processor times ([`cpu_seconds`]) of the small and the large input's run (`f(0)`,
/// `f(1)`), in seconds, each from the same number of runs taken in alternation: at least `runs`
/// of each, more while the small input's runs have taken under [`MIN_MEASURE`] seconds (at most
/// 100), so that a fast stage's best time is as steady as a slow one's. Each run starts with
/// cold caches ([`evict_caches`]).
///
/// Both sizes get as many runs, because the best of more runs is lower: the small input was run
/// until 0.25 s were spent (six runs of a 45 ms stage) against two runs of the large one, which
/// biased the ratio up on a machine whose runs of one input vary by 10%. In alternation,
/// because a spell of load from other programs (a build, another benchmark) then slows runs of
/// both sizes, not only the ones taken during it.
fn best_of_pair(runs: usize, mut f: impl FnMut(usize)) -> [f64; 2] {
    let (mut best, mut spent, mut n) = ([f64::INFINITY; 2], 0.0, 0);
    let mut evict = vec![0u8; EVICT_BYTES];
    while n < runs || (spent < MIN_MEASURE && n < 100) {
        for (size, best) in best.iter_mut().enumerate() {
            evict_caches(&mut evict);
            let t = cpu_seconds();
            f(size);
            let dt = cpu_seconds() - t;
            *best = best.min(dt);
            if size == 0 {
                spent += dt;
            }
        }
        n += 1;
    }
    best
}

/// The processor time this process has used (all its threads, user and system), in seconds:
/// unlike wall time, it does not count the time other programs on a busy machine take, so the
/// ratios stay steady while the machine is loaded.
fn cpu_seconds() -> f64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_PROCESS_CPUTIME_ID is supported on
    // every platform the benchmark runs on (Linux, macOS).
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

/// Twice the last-level cache of the machines this runs on (32 MiB here, `lscpu`).
const EVICT_BYTES: usize = 64 << 20;

/// Writes every cache line of `buf`, pushing the input and everything a stage left in the
/// processor's caches out of them. Without it the best of repeated runs on a small input is
/// timed from the caches (a 1 MiB input and its parse fit in them; a 4 MiB one does not), and
/// a linear stage showed a ratio over 5 for 4 times the input: the parser's 1 ms vs 5 ms.
fn evict_caches(buf: &mut [u8]) {
    for line in buf.chunks_mut(64) {
        line[0] = line[0].wrapping_add(1);
    }
    std::hint::black_box(buf);
}

/// Seconds the small input's runs of a measurement take at least (see [`best_of_pair`]).
const MIN_MEASURE: f64 = 0.25;

/// What is timed for each case: the parser, the per-article analysis, the story layer (the
/// articles' summaries and the stories built from them), then
/// `storyline analyze --format F` whole (in process, one thread) for each report format.
const STAGES: [&str; 7] = ["parse", "analyze", "story", "json", "md", "html", "csv"];

/// Below this many seconds (at the large size) a stage's ratio is noise: it counts as linear.
const NOISE_FLOOR: f64 = 0.005;

/// Rounds of measuring a stage again (best of more runs each time, the best kept) while its
/// ratio is over the limit: noise only ever adds time, so a linear stage comes under the limit
/// within a round or two, and a superlinear one stays over.
const RETRIES: usize = 3;

/// One case's input of one size, parsed and analysed (untimed) for the stages that start there.
struct Prepared<'a> {
    kind: Kind,
    bytes: &'a [u8],
    parsed: Vec<Article>,
    analyzed: Vec<Article>,
}

impl<'a> Prepared<'a> {
    fn new(kind: Kind, bytes: &'a [u8], analyzer: &Analyzer, opts: &ParseOptions) -> Self {
        let parsed = parse(kind, bytes, opts);
        let mut analyzed = parsed.clone();
        for a in &mut analyzed {
            analyzer.analyze(a);
        }
        Prepared { kind, bytes, parsed, analyzed }
    }
}

fn parse(kind: Kind, bytes: &[u8], opts: &ParseOptions) -> Vec<Article> {
    match kind {
        Kind::Text => parse_text(bytes, "x", "x.txt", opts).into_iter().collect(),
        Kind::Jsonl => parse_jsonl(bytes, "x", "x.jsonl", opts).flatten().collect(),
    }
}

/// The best times of `runs` runs (or more: [`best_of_pair`]) of stage `stage` ([`STAGES`]) on
/// the small and the large input, `p[0]` and `p[1]`.
fn time_stage(
    p: &[Prepared; 2],
    stage: usize,
    analyzer: &Analyzer,
    opts: &ParseOptions,
    runs: usize,
) -> [f64; 2] {
    match STAGES[stage] {
        "parse" => best_of_pair(runs, |i| {
            std::hint::black_box(parse(p[i].kind, p[i].bytes, opts));
        }),
        "analyze" => best_of_pair(runs, |i| {
            let mut articles = p[i].parsed.clone();
            for a in &mut articles {
                analyzer.analyze(a);
            }
            std::hint::black_box(articles);
        }),
        "story" => best_of_pair(runs, |i| {
            let summaries: Vec<ArticleSummary> = p[i].analyzed.iter().map(ArticleSummary::of).collect();
            std::hint::black_box(build_stories(&summaries));
        }),
        format => {
            let max_bytes = (p[1].bytes.len() * 2 + 1024).to_string();
            best_of_pair(runs, |i| {
                let args = ["storyline", "analyze", "--format", format, "--threads", "1", "--quiet"];
                let args = args.into_iter().chain(["--max-bytes", &max_bytes, "-"]);
                let stdin = Box::new(std::io::Cursor::new(p[i].bytes.to_vec()));
                let (mut out, mut err) = (std::io::sink(), Vec::new());
                let code = storyline_cli::run_with_stdin(args, stdin, &mut out, &mut err);
                assert!(code <= 1, "storyline analyze --format {format}: {}", String::from_utf8_lossy(&err));
            })
        }
    }
}

/// Parse and analyse each case at `small` and `large` bytes, build its stories and write each
/// report; print the time ratios and write `out_dir/scaling.json`. Cases named in `only` and
/// stages named in `stages` (when not empty) are the only ones run; a stage not run shows a
/// ratio of 0. With `dump`, each case's two inputs are written there first. Fails when a ratio
/// is over 1.25 times the size ratio.
pub fn bench_scaling(
    small: usize,
    large: usize,
    only: &[String],
    stages: &[String],
    dump: Option<&Path>,
    out_dir: &Path,
) -> Result<()> {
    if let Some(unknown) = stages.iter().find(|s| !STAGES.contains(&s.as_str())) {
        bail!("unknown stage {unknown:?}: the stages are {}", STAGES.join(", "));
    }
    let analyzer = Analyzer::new().context("loading the NER model")?;
    let opts = ParseOptions { max_bytes: large * 2 + 1024 };
    let size_ratio = large as f64 / small as f64;
    let limit = size_ratio * 1.25;
    println!(
        "scaling: {small} vs {large} bytes (ratio {size_ratio:.1}; linear work gives about that time ratio, \
         over {limit:.1} fails); time ratios, large/small, and the large input's time:"
    );
    print!("{:<22}", "case");
    for stage in STAGES {
        print!(" {stage:>7}");
    }
    println!(" {:>9}", "large s");
    let mut rows = Vec::new();
    let mut worst = (0f64, String::new());
    let mut failed = Vec::new();
    for (name, kind, make) in cases() {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let inputs = [make(small), make(large)];
        if let Some(dir) = dump {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let ext = if kind == Kind::Text { "txt" } else { "jsonl" };
            for (size, input) in ["small", "large"].iter().zip(&inputs) {
                let path = dir.join(format!("{name}-{size}.{ext}"));
                std::fs::write(&path, input).with_context(|| format!("cannot write {}", path.display()))?;
            }
        }
        let prepared = inputs.each_ref().map(|i| Prepared::new(kind, i.as_bytes(), &analyzer, &opts));
        // Below the noise floor the ratio is noise; count it as linear.
        let ratio = |t: [f64; 2]| if t[1] < NOISE_FLOOR { size_ratio } else { t[1] / t[0].max(1e-6) };
        let mut times = [[0f64; 7]; 2];
        let mut r = [0f64; 7];
        for k in 0..STAGES.len() {
            if !stages.is_empty() && !stages.iter().any(|s| s == STAGES[k]) {
                continue;
            }
            let mut t = time_stage(&prepared, k, &analyzer, &opts, 3);
            for round in 0..RETRIES {
                if ratio(t) <= limit {
                    break;
                }
                let again = time_stage(&prepared, k, &analyzer, &opts, 3 + 2 * round);
                for (x, y) in t.iter_mut().zip(again) {
                    *x = x.min(y);
                }
            }
            (times[0][k], times[1][k], r[k]) = (t[0], t[1], ratio(t));
        }
        print!("{name:<22}");
        for (k, &x) in r.iter().enumerate() {
            let mark = if x > limit { "!" } else { " " };
            print!(" {x:>6.1}{mark}");
            if x > worst.0 {
                worst = (x, format!("{name}/{}", STAGES[k]));
            }
            if x > limit {
                failed.push(format!("{name}/{} {x:.1}", STAGES[k]));
            }
        }
        println!(" {:>9.3}", times[1].iter().sum::<f64>());
        let stage_json = |t: &[f64; 7]| -> serde_json::Value {
            STAGES.iter().zip(t).map(|(s, x)| (s.to_string(), serde_json::json!(x))).collect()
        };
        rows.push(serde_json::json!({
            "case": name,
            "small_bytes": inputs[0].len(), "large_bytes": inputs[1].len(),
            "small_s": stage_json(&times[0]), "large_s": stage_json(&times[1]), "ratio": stage_json(&r),
        }));
    }
    println!(
        "worst ratio {:.1} ({}) for a size ratio of {size_ratio:.1} (quadratic work would give about {:.0})",
        worst.0,
        worst.1,
        size_ratio * size_ratio
    );
    std::fs::create_dir_all(out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let out = out_dir.join("scaling.json");
    let json = serde_json::json!({"component": "scaling", "small_bytes": small, "large_bytes": large,
        "limit": limit, "cases": rows, "worst_ratio": worst.0, "worst": worst.1, "failed": failed});
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!("wrote {}", out.display());
    if !failed.is_empty() {
        bail!("not linear: time ratio over {limit:.1} in {}", failed.join(", "));
    }
    Ok(())
}
