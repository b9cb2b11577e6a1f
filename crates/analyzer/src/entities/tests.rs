use storyline_model::{Article, EntityType, MentionKind};
use storyline_parser::{ParseOptions, parse_text};

use super::*;

/// Name spans as a CoNLL-style tagger marks them: every occurrence of each name at token
/// boundaries, longest names first.
fn tag(article: &Article, names: &[(&str, EntityType)]) -> Vec<NameSpan> {
    let words: Vec<&str> = article.tokens.iter().map(|t| article.slice(t.span())).collect();
    let mut taken = vec![false; words.len()];
    let mut sorted: Vec<_> = names.to_vec();
    sorted.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    for (name, kind) in sorted {
        let parts: Vec<&str> = name.split(' ').collect();
        for i in 0..words.len().saturating_sub(parts.len() - 1) {
            if words[i..i + parts.len()] == parts[..] && !taken[i..i + parts.len()].iter().any(|&t| t) {
                taken[i..i + parts.len()].iter_mut().for_each(|t| *t = true);
                out.push(NameSpan { first_token: i, end_token: i + parts.len(), kind });
            }
        }
    }
    out.sort_by_key(|n| n.first_token);
    out
}

fn seed(name: &str) -> Article {
    let path = format!("{}/../../seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_text(&std::fs::read(path).expect("seed"), name, name, &ParseOptions::default()).expect("parses")
}

fn find<'a>(entities: &'a [storyline_model::Entity], name: &str) -> &'a storyline_model::Entity {
    entities.iter().find(|e| e.name == name).unwrap_or_else(|| {
        panic!("no entity {name}: {:#?}", entities.iter().map(|e| &e.name).collect::<Vec<_>>())
    })
}

use EntityType::{Location as L, Misc as M, Organization as O, Person as P};

#[test]
fn seed_002_people_roles_aliases_and_coreference() {
    let a = seed("002_f337b9528f10e226.txt");
    let names = tag(
        &a,
        &[
            ("US", L),
            ("Mike Pompeo", P),
            ("North Korea", L),
            ("Donald Trump", P),
            ("North Korean", M),
            ("Kim Jong-un", P),
            ("South Korean", M),
            ("Moon Jae-in", P),
            ("Kim", P),
            ("AFP", O),
            ("Pompeo", P),
            ("Pyongyang", L),
            ("MSNBC", O),
            ("Fox News", O),
            ("Trump", P),
            ("Singapore", L),
            ("Korean Peninsula", L),
            ("Washington", L),
            ("American", M),
            ("Korean-American", M),
            ("Kim Dong-chul", P),
            ("Christians", M),
        ],
    );
    let e = resolve(&a, &names);
    let pompeo = find(&e, "Mike Pompeo");
    assert_eq!(pompeo.kind, P);
    for alias in ["Pompeo", "US Secretary of State Mike Pompeo", "the top US diplomat"] {
        assert!(pompeo.aliases.iter().any(|x| x == alias), "alias {alias}: {:?}", pompeo.aliases);
    }
    assert!(pompeo.roles.iter().any(|r| r == "US Secretary of State"), "{:?}", pompeo.roles);
    let he: Vec<_> = pompeo.mentions.iter().filter(|m| m.kind == MentionKind::Pronoun).collect();
    assert_eq!(he.len(), 2, "both `he said` go to Pompeo: {he:?}");
    assert!(he.iter().all(|m| m.confidence > 0.5));

    let kim = find(&e, "Kim Jong-un");
    assert!(kim.roles.iter().any(|r| r == "North Korean leader"), "{:?}", kim.roles);
    assert!(kim.aliases.iter().any(|x| x == "North Korean leader Kim Jong-un"));
    assert_eq!(kim.mentions.iter().filter(|m| m.text == "Kim").count(), 3, "every bare Kim is Kim Jong-un");
    let dong = find(&e, "Kim Dong-chul");
    assert_eq!(dong.mentions.len(), 1);

    let trump = find(&e, "Donald Trump");
    assert!(trump.roles.iter().any(|r| r == "US President"));
    assert!(trump.aliases.iter().any(|x| x == "Trump"));
    let moon = find(&e, "Moon Jae-in");
    assert!(moon.roles.iter().any(|r| r == "South Korean President"));
    let south = find(&e, "South Korea");
    assert_eq!(south.kind, L);
    assert_eq!(south.mentions[0].kind, MentionKind::Demonym);
    assert_eq!(find(&e, "Fox News").kind, O);
    // First-mention order.
    assert!(e.windows(2).all(|w| w[0].mentions[0].start <= w[1].mentions[0].start));
}

#[test]
fn seed_000_acronyms_countries_and_no_false_merge() {
    let a = seed("000_062679f85e15b100.txt");
    let names = tag(
        &a,
        &[
            ("Trump", P),
            ("Kim", P),
            ("Donald Trump", P),
            ("US", L),
            ("North Korea", L),
            ("United Nations", O),
            ("Kim Jong Un", P),
            ("Mike", P),
            ("Pompeo", P),
            ("Singapore", L),
            ("Pyongyang", L),
            ("UN", O),
            ("Nikki Haley", P),
            ("Haley", P),
            ("ABC", O),
            ("This Week", M),
            ("CNN", O),
        ],
    );
    let e = resolve(&a, &names);
    let trump = find(&e, "Donald Trump");
    assert!(trump.aliases.iter().any(|x| x == "President Donald Trump"), "{trump:#?}");
    assert!(trump.roles.iter().any(|r| r == "President"));
    let kim = find(&e, "Kim Jong Un");
    assert!(kim.mentions.iter().any(|m| m.text == "Kim"), "the headline's Kim is Kim Jong Un");
    assert!(!trump.mentions.iter().any(|m| m.text.contains("Kim")));
    let un = find(&e, "United Nations");
    assert!(un.aliases.iter().any(|x| x == "UN"), "{:?}", un.aliases);
    let haley = find(&e, "Nikki Haley");
    assert!(haley.roles.iter().any(|r| r == "US Ambassador to the United Nations"), "{:?}", haley.roles);
    let pompeo =
        e.iter().find(|x| x.aliases.iter().any(|a| a == "Secretary Pompeo")).expect("Secretary Pompeo");
    assert!(pompeo.mentions.len() >= 2);
    // "the President" inside Haley's quote is Trump, by role.
    assert!(trump.mentions.iter().any(|m| m.kind == MentionKind::Descriptor && m.text == "the President"));
    // "She believed" — no "she" in seed 000 goes to a man.
    for m in trump.mentions.iter().chain(kim.mentions.iter()) {
        assert_ne!(m.text.to_lowercase(), "she");
    }
}

#[test]
fn country_names_merge_and_demonyms_tie_to_places() {
    let text =
        "The United States and Britain met. U.S. officials said American troops would stay. The US said so.";
    let a = parse_text(text.as_bytes(), "t", "t", &ParseOptions::default()).expect("parses");
    let names = tag(&a, &[("United States", L), ("Britain", L), ("U.S.", L), ("American", M), ("US", L)]);
    let e = resolve(&a, &names);
    let us = find(&e, "United States");
    assert_eq!(us.mentions.len(), 4, "{:?}", us.mentions);
    assert!(us.aliases.contains(&"U.S.".to_string()) && us.aliases.contains(&"US".to_string()));
}

#[test]
fn unmatched_pronouns_and_empty_input_do_not_panic() {
    let a = parse_text(b"He said she would go. The president agreed.", "t", "t", &ParseOptions::default())
        .unwrap();
    assert!(resolve(&a, &[]).is_empty());
    let bad = [
        NameSpan { first_token: 5, end_token: 99, kind: P },
        NameSpan { first_token: 3, end_token: 3, kind: L },
    ];
    let _ = resolve(&a, &bad);
}

fn article(text: &str) -> Article {
    parse_text(text.as_bytes(), "t", "t.txt", &ParseOptions::default()).expect("parses")
}

#[test]
fn headline_fragments_are_no_names() {
    // Issue 19: the tagger runs a name on into the headline's verb or noun.
    let a = article(
        "Tapper on Donna Brazile Leak\n\nGlenn Beck Says Trump is a threat. Donna Brazile said sorry.\n",
    );
    let names = tag(&a, &[("Donna Brazile Leak", P), ("Glenn Beck Says Trump", P), ("Donna Brazile", P)]);
    let e = resolve(&a, &names);
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Donna Brazile") && names.contains(&"Glenn Beck") && names.contains(&"Trump"),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.contains("Leak") || n.contains("Says")), "{names:?}");
    assert_eq!(find(&e, "Donna Brazile").mentions.len(), 2);
}

#[test]
fn portfolio_of_a_job_title_is_no_organisation() {
    let a = article("Headline\n\nTransportation Commissioner Sean Duffy declined to comment.\n");
    let names = tag(&a, &[("Transportation", O), ("Sean Duffy", P)]);
    let e = resolve(&a, &names);
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Sean Duffy"]);
}

#[test]
fn shortened_organisation_name_joins_the_full_name() {
    let a = article(
        "Headline\n\nThe Washington Post endorsed her. The Post said it was hard. Post editors agreed. The Times did not.\n",
    );
    let names = tag(&a, &[("Washington Post", O), ("Post", O), ("Times", O)]);
    let e = resolve(&a, &names);
    let post = find(&e, "Washington Post");
    assert_eq!(post.mentions.len(), 3, "{e:#?}");
    assert!(!e.iter().any(|x| x.name == "Post" || x.name == "The Post"));
    // Another outlet is not folded in.
    assert_eq!(find(&e, "Times").mentions.len(), 1);
}

/// The pronoun of "…,” she said" is the speaker, not a person named inside the quote; a
/// pronoun after a sentence naming people inside and outside quote marks is the one outside.
#[test]
fn pronouns_outside_quotes_skip_people_named_inside_them() {
    let text = "Headline\n\nJennifer Williams said the call was unusual.\n\n\
                “I found the reference by Volodymyr Zelensky unusual. That struck me,” she said.\n\n\
                “I met Kim Jong Un,” Mike Pompeo said. He added that talks would go on.\n";
    let a = article(text);
    let names = tag(
        &a,
        &[("Jennifer Williams", P), ("Volodymyr Zelensky", P), ("Kim Jong Un", P), ("Mike Pompeo", P)],
    );
    let e = resolve(&a, &names);
    let pronoun_of = |name: &str, word: &str| {
        let at = text.find(word).expect("in text");
        find(&e, name).mentions.iter().any(|m| m.kind == MentionKind::Pronoun && m.start == at)
    };
    assert!(pronoun_of("Jennifer Williams", "she said"), "{e:#?}");
    assert!(pronoun_of("Mike Pompeo", "He added"), "{e:#?}");
    assert!(!pronoun_of("Volodymyr Zelensky", "she said") && !pronoun_of("Kim Jong Un", "He added"));
}

/// The pronoun of "…, he said" after unquoted reported words is the speaker of those words,
/// not a person they name (PolNeAR train, NYT: "… the appeals of Mr. Trump …, he said").
#[test]
fn the_pronoun_after_a_reported_clause_is_not_a_person_it_names() {
    let text = "Headline\n\nJohn Podesta spoke at length.\n\n\
                The slogan feels bloodless compared with the appeals of Donald Trump, he said.\n";
    let a = article(text);
    let names = tag(&a, &[("John Podesta", P), ("Donald Trump", P)]);
    let e = resolve(&a, &names);
    let at = text.find("he said").expect("in text");
    let pronoun_of =
        |name: &str| find(&e, name).mentions.iter().any(|m| m.kind == MentionKind::Pronoun && m.start == at);
    assert!(pronoun_of("John Podesta"), "{e:#?}");
    assert!(!pronoun_of("Donald Trump"), "{e:#?}");
}
