use std::collections::BTreeMap;

use storyline_model::{EntityType, QuoteKind, Statement, StoryEntity, TimelineEntry, TimelineKind};

use super::*;

fn entity(name: &str, kind: EntityType, mentions: usize) -> SummaryEntity {
    SummaryEntity { name: name.into(), kind, aliases: vec![], roles: vec![], mentions, in_title: false }
}

fn summary(id: &str, text: &str, entities: Vec<SummaryEntity>) -> ArticleSummary {
    let mut counts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    for w in text.split_whitespace().filter(|w| w.len() >= 4) {
        *counts.entry(w.to_lowercase()).or_default() += 1;
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort();
    ArticleSummary {
        id: id.into(),
        title: Some(format!("{id} headline")),
        publisher: Some("Wire".into()),
        published: Some("2018-09-24".into()),
        entities,
        quotes: vec![],
        events: vec![],
        terms,
    }
}

fn quote(speaker: &str, text: &str, date: Option<&str>) -> SummaryQuote {
    SummaryQuote {
        speaker: Some(speaker.into()),
        has_source: true,
        speaker_words: None,
        text: text.into(),
        kind: QuoteKind::Direct,
        act: storyline_model::QuoteAct::Speech,
        date: date.map(str::to_string),
        stated: false,
        about: vec![],
        start: 0,
        end: text.len(),
    }
}

#[test]
fn related_articles_share_a_story_and_unrelated_ones_do_not() {
    use EntityType::*;
    let summit = "summit leaders meeting denuclearization talks korea";
    let a = summary(
        "a",
        summit,
        vec![
            entity("Donald Trump", Person, 5),
            entity("Kim Jong Un", Person, 3),
            entity("North Korea", Location, 2),
        ],
    );
    let mut b = summary(
        "b",
        summit,
        vec![
            entity("Kim Jong-un", Person, 4),
            entity("Trump", Person, 2),
            entity("North Korea", Location, 3),
        ],
    );
    b.quotes = vec![quote("Kim Jong-un", "We will meet again quite soon, he said", Some("2018-09-24"))];
    let mut a = a;
    a.quotes = vec![quote("Kim Jong Un", "we will meet again quite soon", None)];
    let c = summary(
        "c",
        "football match goal striker league season",
        vec![entity("Lionel Messi", Person, 4), entity("Barcelona", Organization, 3)],
    );
    let stories = build_stories(&[a, b, c]);
    assert_eq!(stories.len(), 2);
    assert_eq!(stories[0].articles, ["a", "b"]);
    assert_eq!(stories[1].articles, ["c"]);
    let kim = stories[0].entities.iter().find(|e| e.name.starts_with("Kim Jong")).expect("Kim merged");
    assert_eq!(kim.articles, ["a", "b"]);
    assert!(kim.aliases.iter().any(|x| x.starts_with("Kim Jong")), "the other spelling is an alias");
    // One utterance reported twice is one statement with two sources and the known date.
    assert_eq!(stories[0].statements.len(), 1, "{:#?}", stories[0].statements);
    let s = &stories[0].statements[0];
    assert_eq!(s.articles, ["a", "b"]);
    assert_eq!(s.date.as_deref(), Some("2018-09-24"));
    assert_eq!(stories[0].timeline.len(), 1);
}

#[test]
fn events_on_one_date_about_the_same_people_merge() {
    use EntityType::*;
    let ev = |s: &str| SummaryEvent {
        date: "2018-06".into(),
        start: 0,
        end: s.len(),
        sentence: s.into(),
        entities: vec!["Donald Trump".into(), "Kim Jong Un".into(), "Singapore".into()],
    };
    let mut a = summary("a", "summit", vec![entity("Donald Trump", Person, 2)]);
    a.events = vec![ev("Trump met with Kim in Singapore in June, with much fanfare and little result.")];
    let mut b = summary("b", "summit", vec![entity("Donald Trump", Person, 2)]);
    b.events = vec![ev("Trump and Kim held their first summit in Singapore in June.")];
    let stories = build_stories(&[a, b]);
    assert_eq!(stories.len(), 1);
    let tl = &stories[0].timeline;
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].articles, ["a", "b"]);
    assert_eq!(tl[0].text, "Trump and Kim held their first summit in Singapore in June.");
}

#[test]
fn no_articles_no_stories() {
    assert!(build_stories(&[]).is_empty());
}

#[test]
fn quotes_display_without_their_outer_marks() {
    assert_eq!(
        quote_display("\"It looks like we'll meet quite soon,\""),
        "It looks like we'll meet quite soon"
    );
    assert_eq!(quote_display("“We're working on it.”"), "We're working on it.");
    // One pair of marks whatever the source used (issue 19).
    assert_eq!(
        quote_display("““no, we are not making this endorsement lightly,””"),
        "no, we are not making this endorsement lightly"
    );
    assert_eq!(quote_display("“We’re not making it,” “It’s hard.”"), "We’re not making it, It’s hard.");
    assert_eq!(quote_display("''No, we are not,'' ''It is hard.''"), "No, we are not, It is hard.");
    assert_eq!(quote_display("\"A,\" \"B\""), "A, B");
    assert_eq!(
        quote_display("there has been \"tremendous progress on North Korea.\""),
        "there has been \"tremendous progress on North Korea.\""
    );
    assert_eq!(
        quote_display("hope for a summit \"before too long,\""),
        "hope for a summit \"before too long\""
    );
    assert_eq!(
        quote_display("the conditions would need to be right"),
        "the conditions would need to be right"
    );
}

/// The inverted index finds the same earlier text as comparing with each in turn.
#[test]
fn word_index_finds_what_a_scan_finds() {
    // Enough words that no word's list grows past what `find` reads of it.
    let vocab = [
        "we",
        "will",
        "meet",
        "soon",
        "the",
        "summit",
        "talks",
        "Kim",
        "said",
        "peace",
        "now",
        "not",
        "a",
        "new",
        "date",
        "for",
        "second",
        "meeting",
        "with",
        "Trump",
        "in",
        "Singapore",
        "or",
        "Seoul",
        "and",
        "Pompeo",
        "travel",
        "to",
        "Pyongyang",
        "again",
        "hope",
        "progress",
        "letter",
        "wrote",
        "very",
        "warm",
    ];
    // Deterministic pseudo-random texts of 1..8 words.
    let mut x: u64 = 7;
    let mut next = || {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    let texts: Vec<String> = (0..400)
        .map(|_| (0..1 + next() % 8).map(|_| vocab[next() % vocab.len()]).collect::<Vec<_>>().join(" "))
        .collect();
    let mut index = super::statements::WordIndex::default();
    let mut kept: Vec<&str> = Vec::new();
    for t in &texts {
        let ids = index.word_ids(t);
        let found = index.find(&ids, |k| k % 3 != 1);
        let scan = kept
            .iter()
            .enumerate()
            .find(|(k, s)| k % 3 != 1 && super::statements::same_words(s, t))
            .map(|(k, _)| k);
        assert_eq!(found, scan, "{t}");
        if found.is_none() {
            index.push(&ids);
            kept.push(t);
        }
    }
    assert!(kept.len() > 10 && kept.len() < texts.len(), "both outcomes are exercised");
}

fn parsed(text: &str) -> storyline_model::Article {
    storyline_parser::parse_text(text.as_bytes(), "t", "t.txt", &storyline_parser::ParseOptions::default())
        .expect("parses")
}

#[test]
fn top_terms_are_counted_as_lowercased_words() {
    let text = "Talks on the Summit\n\nThe summit talks: SUMMIT talks, Über-talks and über \
                plans. Summit planning, planning, plans; tiny word list, Ärger ärger.\n";
    let a = parsed(text);
    // The plain way: every word of four letters or more lowercased and counted (twice in the
    // headline).
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for p in a.paragraphs.iter().filter(|p| matches!(p.role, ParagraphRole::Body | ParagraphRole::Title)) {
        let weight = if p.role == ParagraphRole::Title { 2 } else { 1 };
        for w in p.text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4) {
            *counts.entry(w.to_lowercase()).or_default() += weight;
        }
    }
    let plain: Vec<(String, u32)> = counts.into_iter().collect();
    assert_eq!(top_terms(&ArticleView::of(&a)), plain);
    // "Talks on the Summit" is the headline: 3 + 2 and 3 + 2.
    assert!(plain.contains(&("summit".to_string(), 5)), "{plain:?}");
    assert!(plain.contains(&("talks".to_string(), 5)), "{plain:?}");
    assert!(
        plain.contains(&("über".to_string(), 2)) && plain.contains(&("ärger".to_string(), 2)),
        "{plain:?}"
    );
}

#[test]
fn top_terms_keep_the_most_frequent_then_sort_by_word() {
    // 70 distinct words, "word10" to "word79", word k repeated k % 7 + 1 times.
    let mut body = String::new();
    for k in 10..80 {
        for _ in 0..(k % 7 + 1) {
            body.push_str(&format!("word{k} "));
        }
    }
    let text = format!("Headline\n\n{body}.\n");
    let a = parsed(&text);
    let terms = top_terms(&ArticleView::of(&a));
    assert_eq!(terms.len(), TERMS_KEPT);
    assert!(terms.windows(2).all(|w| w[0].0 < w[1].0), "sorted by word");
    // Kept: every word counted more often than any dropped one; ties broken by word.
    let mut all: Vec<(String, u32)> = (10..80).map(|k| (format!("word{k}"), k % 7 + 1)).collect();
    // The headline's word counts twice.
    all.push(("headline".into(), 2));
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(TERMS_KEPT);
    all.sort();
    assert_eq!(terms, all);
}

#[test]
fn stories_do_not_depend_on_the_thread_count() {
    let people = ["Kim Jong Un", "Moon Jae-in", "Mike Pompeo", "Angela Merkel", "Emmanuel Macron"];
    let summaries: Vec<ArticleSummary> = (0..60)
        .map(|i| {
            let who = people[i % people.len()];
            let mut s = summary(
                &format!("a{i}"),
                &format!(
                    "{who} visit meeting plans {}",
                    ["nuclear", "trade", "climate", "energy", "budget"][i % 5]
                ),
                vec![entity(who, EntityType::Person, 3)],
            );
            s.quotes = vec![quote(who, &format!("We will meet again, number {i}"), Some("2018-09-23"))];
            s
        })
        .collect();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        pool.install(|| build_stories(&summaries))
    };
    let one = on(1);
    assert!(one.len() >= 2, "several stories: {one:?}");
    assert_eq!(on(3), one);
}

#[test]
fn snippet_of_a_date_without_spaces_near_it() {
    // No space within the window on either side of the date (issue 20, item 1: this sliced
    // backwards and panicked).
    let sentence = format!("Officials said {}(2018-09-24){} end.", "a".repeat(100), "b".repeat(200));
    let start = sentence.find("2018").expect("date");
    let s = snippet(&sentence, start, start + 10);
    assert!(s.contains("(2018-09-24)"), "{s}");
    assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    // Multi-byte text all round, and spans past the end, never panic and keep the date.
    let wide = format!("{}2018-09-24{}", "é".repeat(120), "ü".repeat(120));
    let start = wide.find("2018").expect("date");
    assert!(snippet(&wide, start, start + 10).contains("2018-09-24"));
    assert!(!snippet(&wide, wide.len() + 5, wide.len() + 9).is_empty());
    // With spaces, the window is cut at whole words.
    let words = format!("{} said on 2018-09-24 that {}", "word ".repeat(40), "more ".repeat(40));
    let start = words.find("2018").expect("date");
    let s = snippet(&words, start, start + 10);
    assert!(s.starts_with("…word") && s.ends_with("more…"), "{s}");
}

/// The story entities of articles that make one story (same words), each with its entities.
fn story_entities(per_article: Vec<Vec<SummaryEntity>>) -> Vec<StoryEntity> {
    let words = "senate endorsement campaign leak debate questions network contributor";
    let summaries: Vec<ArticleSummary> =
        per_article.into_iter().enumerate().map(|(i, e)| summary(&format!("a{i}"), words, e)).collect();
    let stories = build_stories(&summaries);
    assert_eq!(stories.len(), 1, "{stories:?}");
    stories.into_iter().next().map(|s| s.entities).unwrap_or_default()
}

fn named<'a>(entities: &'a [StoryEntity], name: &str) -> &'a StoryEntity {
    entities.iter().find(|e| e.name == name).unwrap_or_else(|| panic!("no {name}: {entities:?}"))
}

#[test]
fn one_outlet_under_four_names_is_one_organisation() {
    use EntityType::*;
    let entities = story_entities(vec![
        vec![entity("The Washington Post", Organization, 3), entity("Donna Brazile", Person, 2)],
        vec![entity("Washington Post", Organization, 2), entity("Brazile", Person, 2)],
        vec![entity("The Post", Organization, 2), entity("Donna Brazile", Person, 1)],
        vec![entity("Post", Organization, 1), entity("Brazile", Person, 1)],
    ]);
    let post = named(&entities, "The Washington Post");
    assert_eq!(post.kind, Organization);
    assert_eq!(post.aliases, ["Post", "The Post", "Washington Post"]);
    assert_eq!(post.articles, ["a0", "a1", "a2", "a3"]);
    let brazile = named(&entities, "Donna Brazile");
    assert_eq!(brazile.aliases, ["Brazile"]);
    assert_eq!(brazile.articles, ["a0", "a1", "a2", "a3"]);
    assert_eq!(entities.len(), 2, "{entities:?}");
}

#[test]
fn a_dateline_in_capitals_and_the_place_are_one_place_named_as_written() {
    use EntityType::*;
    let entities = story_entities(vec![
        vec![entity("PORTLAND", Location, 3), entity("Janet Mills", Person, 2)],
        vec![entity("Portland", Location, 2), entity("Janet Mills", Person, 2)],
        vec![entity("South Portland", Location, 2)],
    ]);
    let portland = named(&entities, "Portland");
    assert_eq!(portland.aliases, ["PORTLAND"]);
    assert_eq!(portland.articles, ["a0", "a1"]);
    // "Portland" is not folded into "South Portland": only people and organisations are.
    assert_eq!(named(&entities, "South Portland").articles, ["a2"]);
}

#[test]
fn people_who_share_a_name_stay_apart() {
    use EntityType::*;
    let entities = story_entities(vec![
        vec![entity("Kim Jong Un", Person, 4), entity("Hillary Clinton", Person, 3)],
        vec![entity("Kim Dong-chul", Person, 2), entity("Bill Clinton", Person, 2)],
        vec![entity("Kim", Person, 2), entity("Clinton", Person, 2)],
        vec![entity("Kim Jong-un", Person, 2), entity("Hillary", Person, 1)],
    ]);
    let kim = named(&entities, "Kim Jong Un");
    assert_eq!(kim.aliases, ["Kim Jong-un"]);
    assert_eq!(named(&entities, "Kim Dong-chul").articles, ["a1"]);
    // "Kim" and "Clinton" alone could be either: they stay on their own.
    assert_eq!(named(&entities, "Kim").articles, ["a2"]);
    assert_eq!(named(&entities, "Clinton").articles, ["a2"]);
    assert_eq!(named(&entities, "Bill Clinton").articles, ["a1"]);
    // "Hillary" is the first name of one person only.
    let hillary = named(&entities, "Hillary Clinton");
    assert_eq!(hillary.aliases, ["Hillary"]);
    assert_eq!(hillary.articles, ["a0", "a3"]);
}

/// Two reports of one summit story: `a` dated, `b` maybe not, with Kim spelled two ways.
fn two_reports(b_published: Option<&str>) -> (ArticleSummary, ArticleSummary) {
    use EntityType::*;
    let summit = "summit leaders meeting denuclearization talks korea";
    let a = summary(
        "a",
        summit,
        vec![
            entity("Donald Trump", Person, 5),
            entity("Kim Jong Un", Person, 3),
            entity("Nikki Haley", Person, 2),
        ],
    );
    let mut b = summary(
        "b",
        summit,
        vec![
            entity("Kim Jong-un", Person, 4),
            entity("Donald Trump", Person, 2),
            entity("Nikki Haley", Person, 2),
            entity("Singapore", Location, 2),
        ],
    );
    b.published = b_published.map(str::to_string);
    (a, b)
}

#[test]
fn a_statement_is_about_the_merged_names_of_all_its_sources_but_its_speaker() {
    let (mut a, mut b) = two_reports(Some("2018-09-24"));
    let words = "We will meet again in Singapore quite soon, with the president";
    // `a` does not know who said it; `b` does (Kim), and names the places and people otherwise.
    a.quotes = vec![SummaryQuote {
        speaker: None,
        about: vec!["Kim Jong Un".into(), "Donald Trump".into()],
        ..quote("x", words, Some("2018-09-24"))
    }];
    b.quotes = vec![SummaryQuote {
        about: vec!["Singapore".into(), "Donald Trump".into()],
        ..quote("Kim Jong-un", words, Some("2018-09-24"))
    }];
    let stories = build_stories(&[a, b]);
    assert_eq!(stories.len(), 1);
    // Both spellings are one story entity, under one name.
    let kim = stories[0].entities.iter().find(|e| e.name.starts_with("Kim")).expect("Kim");
    assert_eq!(kim.articles, ["a", "b"]);
    let s = &stories[0].statements;
    assert_eq!(s.len(), 1, "{s:#?}");
    assert_eq!(s[0].speaker.as_deref(), Some(kim.name.as_str()));
    // In the story's names, in order of first mention over the sources, each once; Kim, who
    // turned out to be the speaker, left out.
    assert_eq!(s[0].about, ["Donald Trump", "Singapore"]);
}

/// The statement entries of a timeline: for each, the statements of its speaker on its date.
fn summarised<'a>(story: &'a Story, entry: &TimelineEntry) -> Vec<&'a Statement> {
    story
        .statements
        .iter()
        .filter(|s| s.speaker.as_ref().is_some_and(|who| entry.text.starts_with(&format!("{who}: "))))
        .filter(|s| s.date.as_deref() == Some(entry.date.as_str()))
        .collect()
}

#[test]
fn a_stated_date_beats_an_earlier_reports_publication_date_everywhere() {
    let (mut a, mut b) = two_reports(Some("2018-09-24"));
    let words = "she believed talk of a second summit was premature";
    // `a` gives no day (its publication date); `b` says "Haley said Sunday" in a sentence that
    // is also a dated event of its own.
    a.quotes = vec![quote("Nikki Haley", words, Some("2018-09-24"))];
    b.quotes = vec![SummaryQuote {
        stated: true,
        start: 30,
        end: 80,
        ..quote("Nikki Haley", words, Some("2018-09-23"))
    }];
    b.events = vec![SummaryEvent {
        date: "2018-09-23".into(),
        start: 0,
        end: 90,
        sentence: "Haley said Sunday she believed talk of a second summit was premature.".into(),
        entities: vec!["Nikki Haley".into()],
    }];
    let stories = build_stories(&[a, b]);
    let story = &stories[0];
    assert_eq!(story.statements.len(), 1, "{:#?}", story.statements);
    assert_eq!(story.statements[0].date.as_deref(), Some("2018-09-23"));
    // The timeline has it once, on that day, as the statement.
    assert_eq!(story.timeline.len(), 1, "{:#?}", story.timeline);
    let entry = &story.timeline[0];
    assert_eq!((entry.date.as_str(), entry.kind), ("2018-09-23", TimelineKind::Statement));
    assert_eq!(summarised(story, entry).len(), 1);
}

#[test]
fn an_undated_reports_weekday_anchors_the_statement_and_its_timeline_entry_alike() {
    // `b` is undated: "voiced hope Friday" is Friday before the story's date (Monday 24th).
    let (mut a, mut b) = two_reports(None);
    a.quotes = vec![quote(
        "Donald Trump",
        "It looks like we'll have a second summit quite soon",
        Some("2018-09-24"),
    )];
    b.quotes = vec![SummaryQuote {
        stated: true,
        start: 40,
        end: 120,
        ..quote("Donald Trump", "hope Friday for a second summit before too long", Some("XXXX-WXX-5"))
    }];
    b.events = vec![SummaryEvent {
        date: "XXXX-WXX-5".into(),
        start: 0,
        end: 150,
        sentence: "Trump voiced hope Friday for a second summit before too long.".into(),
        entities: vec!["Donald Trump".into()],
    }];
    let stories = build_stories(&[a, b]);
    let story = &stories[0];
    let hope = story.statements.iter().find(|s| s.text.starts_with("hope Friday")).expect("statement");
    assert_eq!(hope.date.as_deref(), Some("2018-09-21"));
    assert_eq!(hope.speaker.as_deref(), Some("Donald Trump"));
    // On the timeline: a statement entry that day (not the sentence again as an event).
    let friday: Vec<&TimelineEntry> = story.timeline.iter().filter(|t| t.date == "2018-09-21").collect();
    assert_eq!(friday.len(), 1, "{:#?}", story.timeline);
    assert_eq!(friday[0].kind, TimelineKind::Statement);
    for entry in story.timeline.iter().filter(|t| t.kind == TimelineKind::Statement) {
        assert_eq!(summarised(story, entry).len(), 1, "{entry:?}");
    }
}

/// Stories built each apart are the stories `build_stories` builds.
#[test]
fn stories_built_each_apart_are_the_same_stories() {
    use EntityType::*;
    let a = summary("a", "summit leaders meeting korea", vec![entity("Donald Trump", Person, 3)]);
    let b = summary("b", "summit leaders meeting korea", vec![entity("Donald Trump", Person, 2)]);
    let c = summary("c", "football match goal striker", vec![entity("Lionel Messi", Person, 4)]);
    let all = [a, b, c];
    let each: Vec<Story> =
        build_stories_each(&all).into_iter().map(|r| r.expect("no story panics")).collect();
    assert_eq!(each, build_stories(&all));
}

/// A story whose building panics is an error with its id and the panic's message; the
/// stories around it are built.
#[test]
fn a_panic_building_one_story_is_its_error_alone() {
    let ok = |n: usize| Story {
        id: format!("story-{n}"),
        title: String::new(),
        articles: vec![],
        entities: vec![],
        statements: vec![],
        timeline: vec![],
    };
    let got: Vec<Result<Story, StoryPanic>> = (1..=3)
        .map(|n| {
            build_guarded(n, || {
                if n == 2 {
                    panic!("index out of bounds: the len is 3 but the index is {n}");
                }
                ok(n)
            })
        })
        .collect();
    assert_eq!(got[0], Ok(ok(1)));
    assert_eq!(
        got[1],
        Err(StoryPanic {
            id: "story-2".into(),
            message: "index out of bounds: the len is 3 but the index is 2".into()
        })
    );
    assert_eq!(got[2], Ok(ok(3)));
    let literal = build_guarded(7, || panic!("a literal message"));
    assert_eq!(literal.map_err(|p| p.message), Err("a literal message".to_string()));
}

/// The events of a summary (found by binary search, the names of each sentence once) are what
/// scanning every sentence and every entity's mentions for each date finds.
#[test]
fn summary_events_are_what_a_scan_finds() {
    let analyzer = crate::Analyzer::new().expect("the built-in model loads");
    let seeds = ["000_062679f85e15b100.txt", "002_f337b9528f10e226.txt"].map(|name| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds").join(name);
        std::fs::read_to_string(path).expect("a seed")
    });
    let mut dates = String::from("Dates and names\n\nSep. 24, 2018\n\n");
    for i in 0..40 {
        let who = ["Kim Jong Un", "Moon Jae-in", "Mike Pompeo"][i % 3];
        dates.push_str(&format!("On Sept. {}, 2018, {who} met Donald Trump in Seoul", 1 + i % 28));
        dates.push_str(if i % 4 == 3 { ".\n\n" } else { " and on Monday " });
    }
    for text in seeds.iter().chain([&dates]) {
        let mut a = parsed(text);
        analyzer.analyze(&mut a);
        let mut scanned = Vec::new();
        for t in &a.timexes {
            if t.kind != storyline_model::TimexType::Date
                || !(t.value.starts_with(|c: char| c.is_ascii_digit()) || t.value.starts_with("XXXX-"))
            {
                continue;
            }
            let Some(s) = a.sentences.iter().find(|s| s.start <= t.start && t.end <= s.end) else { continue };
            if a.paragraphs.get(s.paragraph).is_none_or(|p| p.role != ParagraphRole::Body) {
                continue;
            }
            let names: Vec<String> = a
                .entities
                .iter()
                .filter(|e| e.mentions.iter().any(|m| m.start >= s.start && m.end <= s.end))
                .map(|e| e.name.clone())
                .collect();
            scanned.push((t.value.clone(), s.start, s.end, names));
        }
        let summary = ArticleSummary::of(&a);
        let got: Vec<_> =
            summary.events.iter().map(|e| (e.date.clone(), e.start, e.end, e.entities.clone())).collect();
        assert_eq!(got, scanned);
        assert!(!got.is_empty() && got.iter().any(|e| !e.3.is_empty()));
    }
}

/// A summary read back from an analysed article's JSON — written without the span texts (the
/// default output), with them, and with tokens — is the summary of the article in memory.
#[test]
fn a_summary_read_from_json_is_the_summary_of_the_article() {
    let analyzer = crate::Analyzer::new().expect("the built-in model loads");
    for name in ["000_062679f85e15b100.txt", "002_f337b9528f10e226.txt"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds").join(name);
        let mut a = parsed(&std::fs::read_to_string(path).expect("a seed"));
        analyzer.analyze(&mut a);
        let want = format!("{:?}", ArticleSummary::of(&a));
        assert!(want.contains("SummaryQuote") && want.contains("SummaryEvent"), "{want}");
        let with_text = serde_json::to_string(&a).expect("serialised");
        let mut bare = a.clone();
        bare.drop_span_text();
        bare.drop_tokens();
        let without_text = serde_json::to_string(&bare).expect("serialised");
        assert!(with_text.contains("\"tokens\"") && !without_text.contains("\"tokens\""));
        for json in [with_text, without_text] {
            let view: ArticleView = serde_json::from_str(&json).expect("a view");
            assert_eq!(view.id(), a.id);
            assert_eq!(format!("{:?}", ArticleSummary::of_view(&view)), want);
        }
    }
}

/// Hostile values a JSON line may hold (spans out of the text or reversed, indices past their
/// arrays, impossible weekdays) give a summary and stories, never a panic.
#[test]
fn hostile_views_give_summaries_and_stories() {
    let line = r#"{"id":"x","title":"T","published":"2018-09-24","text":"Héllo wörld said",
      "paragraphs":[{"role":"body","start":0,"end":99},{"role":"title","start":9,"end":3}],
      "sentences":[{"start":30,"end":2,"paragraph":7},{"start":0,"end":1,"paragraph":0},{"start":2,"end":99,"paragraph":0}],
      "entities":[{"name":"Kim","type":"PER","aliases":[],"roles":[],"mentions":[{"start":99,"end":1},{"start":1,"end":2}]}],
      "quotes":[{"kind":"direct","start":50,"end":1,"content":[{"start":1,"end":3},{"start":70,"end":90}],
        "speaker":"Kim","speaker_mention":{"start":0,"end":1},"date":{"value":"XXXX-WXX--128","source":"stated"},"about":["Kim"]},
        {"kind":"indirect","start":0,"end":0,"content":[],"speaker":null,"speaker_mention":null,"date":{"value":"XXXX-99","source":"article"}}],
      "timexes":[{"type":"DATE","value":"XXXX-WXX-9","start":5,"end":1},{"type":"DATE","value":"2018-13-45","start":2,"end":3}]}"#;
    let view: ArticleView = serde_json::from_str(line).expect("the shape is right");
    let summaries = vec![ArticleSummary::of_view(&view), ArticleSummary::of_view(&view)];
    assert!(!summaries[0].quotes[0].text.is_empty() && summaries[0].quotes[1].text.is_empty());
    let stories = build_stories_each(&summaries);
    assert!(!stories.is_empty() && stories.iter().all(Result::is_ok), "{stories:?}");
}

/// A statement whose speaker no entity resolves keeps the words that name them, for the
/// reports ("industry analysts: …" rather than "Unattributed: …"); a bare pronoun gives none.
#[test]
fn unresolved_speakers_keep_their_words() {
    let analyzer = crate::Analyzer::new().expect("the built-in model loads");
    let mut a = parsed(
        "Car show opens\n\nSep. 24, 2018\n\nIndustry analysts say the new models will boost electric vehicle sales.\n\n\
         They say the longer range of the cars will make them popular.\n",
    );
    analyzer.analyze(&mut a);
    let stories = build_stories(&[ArticleSummary::of(&a)]);
    let words: Vec<(Option<&str>, &str)> =
        stories[0].statements.iter().map(|s| (s.speaker_words.as_deref(), s.text.as_str())).collect();
    assert!(words.iter().any(|(w, t)| *w == Some("Industry analysts") && t.contains("boost")), "{words:?}");
    assert!(words.iter().any(|(w, t)| w.is_none() && t.contains("longer range")), "{words:?}");
}

#[test]
fn a_surname_folds_into_the_person_whatever_name_became_the_key() {
    use EntityType::*;
    // PolNeAR dev: a headline's "Hillary Clinton Speaks" (NER took the verb in) became the
    // merged key; "Clinton" of another article still ends "Hillary Clinton", one of its names.
    let mut headline = entity("Hillary Clinton Speaks", Person, 3);
    headline.aliases = vec!["Hillary Clinton".into()];
    let entities = story_entities(vec![
        vec![headline, entity("Donald Trump", Person, 2)],
        vec![entity("Hillary Clinton", Person, 2), entity("Donald Trump", Person, 1)],
        vec![entity("Clinton", Person, 2)],
    ]);
    let clinton = entities.iter().filter(|e| e.name.contains("Clinton")).collect::<Vec<_>>();
    assert_eq!(clinton.len(), 1, "{entities:?}");
    assert_eq!(clinton[0].articles, ["a0", "a1", "a2"]);
    // An ambiguous surname stays apart: two people end in "Clinton".
    let entities = story_entities(vec![
        vec![entity("Hillary Clinton", Person, 2)],
        vec![entity("Bill Clinton", Person, 2)],
        vec![entity("Clinton", Person, 1)],
    ]);
    assert!(entities.iter().any(|e| e.name == "Clinton"), "{entities:?}");
}
