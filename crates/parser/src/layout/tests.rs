use super::*;

#[test]
fn classifies_lines() {
    assert_eq!(classify("date 2018-09-24 Clear"), Kind::Boilerplate);
    assert_eq!(classify("Read the rest here."), Kind::Boilerplate);
    assert_eq!(classify("Posted By: CNN Wire"), Kind::Byline);
    assert_eq!(classify("Updated: Sep. 24, 2018 10:27 AM"), Kind::Date);
    assert_eq!(classify("(Yonhap)"), Kind::Credit);
    assert_eq!(classify("— Reuters"), Kind::Credit);
    assert_eq!(
        classify("This AFP file photo shows US Secretary of State Mike Pompeo. (Yonhap)"),
        Kind::Caption
    );
    assert_eq!(classify("(Photo: Getty Images)"), Kind::Caption);
    assert_eq!(classify("Image copyright Reuters"), Kind::Caption);
    assert_eq!(classify("By the time he arrived, the talks were over."), Kind::Prose);
    assert_eq!(classify("Share this story, he said, was the point of the campaign."), Kind::Prose);
}

#[test]
fn caption_hint_heads_filter_exactly_what_may_hold_a_hint() {
    let lines = [
        "A PHOTO",
        "Screen Grab",
        "screenshot",
        "getty",
        "GettY Images",
        "(Reuters/Kim)",
        "Reuters says",
        "handout",
        "video grab",
        "a graphic",
        "picture",
        "imag e",
        "photograph",
        "",
        "x",
        "paragraph",
    ];
    for l in lines {
        if CAPTION_HINTS.is_match(l) {
            assert!(CAPTION_HINT_HEADS.is_match(l.as_bytes()), "{l}");
        }
    }
    assert!(!CAPTION_HINT_HEADS.is_match(b"Reuters says"));
    assert!(!CAPTION_HINT_HEADS.is_match(b"imag e"));
}

proptest::proptest! {
    #[test]
    fn caption_hint_heads_never_miss(s in "[a-zA-Z /]{0,6}(photo|image|picture|screenshot|screen grab|handout|video grab|graphic|getty|reuters/|PhOtO|GETTY|Screen Grab|ReUters/)?[a-zA-Z /é]{0,6}") {
        if CAPTION_HINTS.is_match(&s) {
            proptest::prop_assert!(CAPTION_HINT_HEADS.is_match(s.as_bytes()));
        }
    }
}

/// Lines of every kind, and near misses.
const SAMPLE_LINES: &[&str] = &[
    "date 2018-09-24 Clear",
    "24°C Sunny",
    "12 ° f rain",
    "Date 2018-09-24 partly cloudy",
    "Facebook Twitter",
    "facebook twitter email",
    "Share Tweet",
    "xx",
    "X Facebook",
    "Copy link Email",
    "Updated: Sep. 24, 2018 10:27 AM",
    "(Yonhap)",
    "— Reuters",
    "-- AP",
    "- AFP",
    "Source: Reuters",
    "credit: AP",
    "Credit: AP",
    "(AP)",
    "Posted By: CNN Wire",
    "By Jane Doe",
    "BY JANE DOE",
    "Written by John",
    "Reporting by Kim; editing by Lee",
    "Author: X",
    "Authors: A, B",
    "by the way",
    "Read the rest here.",
    "READ MORE: the story",
    "Share this story",
    "Share on Facebook",
    "Tweet",
    "Print",
    "Email this",
    "Follow us on Twitter",
    "Subscribe now",
    "Sign up",
    "Click here",
    "Advertisement",
    "ADVERTISEMENT",
    "Related: x",
    "Related articles",
    "Recommended",
    "More from AP",
    "Copyright 2018",
    "© 2018 AP",
    "(c) 2018 AP",
    "All rights reserved.",
    "This material may not be published",
    "Watch: x",
    "Video: x",
    "Listen: x",
    "Continue reading",
    "Skip to content",
    "Next story",
    "Previous story",
    "Loading...",
    "Most read",
    "Most popular",
    "Trending",
    "Getty Images",
    "Enlarge this image",
    "Toggle caption",
    "Hide caption",
    "Image 1 of 5",
    "12 comments",
    "1 Comment",
    "١٢ comments",
    "ſhare",
    "Share this",
    "ſign up",
    "Clic\u{212a} here",
    "\u{212a}",
    "LINKEDIN WhatsApp",
    "ReAd MoRe about it",
    "This AFP file photo shows Mike Pompeo. (Yonhap)",
    "(Photo: Getty Images)",
    "Image copyright Reuters",
    "By the time he arrived, the talks were over.",
    "Share this story, he said, was the point of the campaign.",
    "The end.",
    "",
    "a",
    "©",
    "(c)",
    "-",
    "2018-09-24",
    "Monday",
    "12",
    "10:02 GMT",
    "Published 10:02 GMT",
    "Sept. 4, 2018",
    "“Quote” here",
    "Ｄate 2018-09-24 Clear",
    "émail",
    "Email: x@y.z",
    "Pinterest Reddit Messenger",
    "This material may not be published, broadcast",
    "This is it",
    "THIS  MATERIAL may",
    "This\tmaterial",
    "All rights reserved",
    "All the rights",
    "More from the AP",
    "More of it",
    "Most read today",
    "Most popular",
    "Most people agree",
    "Next story",
    "Next week",
    "Previous story",
    "Continue reading",
    "Continue to",
    "Skip to main content",
    "Skip it",
    "Sign up now",
    "Sign here",
    "Click here to",
    "Follow us",
    "Follow the money",
    "Read the rest",
    "Read more",
    "Reading more",
    "Read the full story here",
    "Getty Images",
    "Getty says",
    "Enlarge this image",
    "Toggle caption",
    "Hide caption",
    "Hide it",
    "this materia",
    "All righ",
    "Mos",
    "“This is it,” he said",
    "This\u{a0}material may not be",
    "Thi\u{17f} material",
    "This materia\u{17f}",
    "Most \u{17f}omething",
    "Skip to",
    "\u{17f}kip to",
    "S\u{212a}ip to",
    "This  \u{2009}material may",
    "Read the\u{2009}rest",
    "“Share this”",
    "‘Tweet’",
    "١٢ comments",
    "\u{ff11}\u{ff12} comments",
    "©AP",
    "ſave",
    "\u{17f}hare this",
    "—Read more",
    "½ comments",
    "Follow u\u{17f}",
    "Click here",
    "clic\u{212a} here",
    "Subscribe",
    "Sub\u{17f}cribe",
    "Su",
    "In this photo taken Monday, Kim smiles.",
    "In this. photo shows",
    "The file photo shows him",
    "A handout picture released by KCNA shows Kim",
    "An image provided by NASA shows",
    "Photo: AP",
    "(Image courtesy: NASA)",
    "Video: x",
    "[Photo] here",
    "[Image",
    "File photo: Kim",
    "File photo — Kim",
    "Photo by Jane",
    "Photo courtesy of NASA",
    "Image caption Kim",
    "Kim smiles (Yonhap Photo/Lee)",
    "Kim (Getty Images)",
    "Kim (AFP via Getty Images)",
    "Kim (Reuters/Kim Hong-Ji)",
    "Kim (Reuters/Kim Hong-Ji) ",
    "The ſcreenshot shows Kim",
    "This ſcreen grab shows",
    "The Photo. Shows",
    "Graphic: Reuters",
    "Ａ photo shows",
    "“This photo shows”",
    "this     material is long enough to pass the forty byte head",
];

#[test]
fn classify_is_the_reference() {
    for l in SAMPLE_LINES {
        assert_eq!(classify(l), classify_reference(l), "{l:?}");
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    for dir in ["seeds", "crates/parser/tests/fixtures"] {
        for f in std::fs::read_dir(format!("{root}/{dir}")).expect("readable dir") {
            let bytes = std::fs::read(f.expect("entry").path()).expect("readable file");
            let text = crate::decode(&bytes, &mut Vec::new());
            for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                assert_eq!(classify(l), classify_reference(l), "{l:?}");
            }
        }
    }
}

#[test]
fn may_end_in_credit_is_the_reference() {
    let reference = |s: &str| {
        let t = s.trim_end();
        t.ends_with(')')
            || t.get(t.len().saturating_sub(40)..)
                .is_some_and(|tail| tail.contains(['—', '–']) || tail.contains("--"))
    };
    for n in 30..50 {
        for end in
            ["— AP", "– AP", "-- AP", "- AP", "—", "-", "--", "(AP)", "(AP) ", "x", "\u{2014}\u{a0}", "é"]
        {
            for fill in ["x", "é", "—", "-"] {
                let s = format!("{}{end}", fill.repeat(n));
                assert_eq!(may_end_in_credit(&s), reference(&s), "{s:?}");
                let s = format!("{end}{}", fill.repeat(n));
                assert_eq!(may_end_in_credit(&s), reference(&s), "{s:?}");
            }
        }
    }
}

#[test]
fn classify_is_the_reference_near_the_bounds_of_the_cheap_tests() {
    let mut lines = Vec::new();
    for n in 70..=90 {
        for head in ["The", "A", "an", "In the", "IN  THIS", "In\tA", "This"] {
            for fill in ["x", "é", " "] {
                let gap = fill.repeat(n);
                lines.push(format!("{head} {gap} photo shows Kim"));
                lines.push(format!("{head}{gap}photo shows Kim"));
                lines.push(format!("{head} {gap} \u{17F}creen grab showing Kim"));
                lines.push(format!("{head} {gap}. photo shows Kim"));
            }
        }
    }
    for l in [
        "7:10 p.m.",
        "7:10 p.m. Sept. 4, 2018",
        "10:02 GMT 24 September 2018",
        "12:30 pm, May 5, 2018",
        "24 Sep 2018",
        "2018-09-24",
        "9/24/2018 10:27",
        "12 ٢٠١٨",
        "1 2018",
        "Published 10:02 GMT",
        "Posted 7:10 p.m.",
        "Po\u{17F}ted 7:10 p.m.",
        "Mon, 24 Sep 2018",
        "In\u{a0}the photo shows Kim",
        "In the\u{a0}photo shows Kim",
        "Thi\u{17F} photo shows Kim",
        "The1 photo shows Kim",
        "Thephoto shows Kim",
        "Filephoto: Kim",
        "File  photo: Kim",
        "Photos: Kim",
        "Photograph shows Kim",
        "Photo\u{17F}: Kim",
        "Video: Kim",
        "Graphic: Kim",
        "Image caption Kim",
        "(Photo: Kim)",
        "[Image] Kim",
        "In, the photo shows Kim",
        "In the photo shows Kim",
        "Inthe photo shows Kim",
        "In photo shows Kim",
        "An image provided by NASA shows",
        "An\u{212A} image provided by NASA shows",
        "Trump photo shows Kim",
        "x -- AP",
        "x (AP)",
        "Kim said — Reuters",
        "Kim said – Reuters",
        "Kim said -– Reuters",
        "Kim—",
    ] {
        lines.push(l.to_string());
    }
    for l in &lines {
        assert_eq!(classify(l), classify_reference(l), "{l:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    #[test]
    fn classify_is_the_reference_on_edited_lines(
        i in 0..SAMPLE_LINES.len(),
        edits in proptest::collection::vec((0usize..40, proptest::sample::select(vec![
            "", " ", "s", "S", "ſ", "k", "\u{212a}", "1", "é", "(", ")", ":", ".", "\"", "-", "—", "x", "of", "this", "\t",
        ])), 0..4),
    ) {
        let mut l = SAMPLE_LINES[i].to_string();
        for (at, s) in edits {
            let mut at = at.min(l.len());
            while !l.is_char_boundary(at) {
                at -= 1;
            }
            l.insert_str(at, s);
        }
        let l = l.trim();
        proptest::prop_assert_eq!(classify(l), classify_reference(l), "{:?}", l);
    }
}

#[test]
fn bylines_split_people_and_outlets() {
    let mut m = Meta::default();
    byline("By Jane Doe and John Roe, CNN", &mut m);
    assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(m.publisher().as_deref(), Some("CNN"));
}
