//! Word lists for entity resolution: role and title words, demonyms, country aliases,
//! pronouns and gendered first names. Small and general; nothing seed-specific.

use std::sync::LazyLock;

use super::Gender;

/// Nouns that head a title or role ("Secretary", "leader", "Ambassador").
pub const ROLE_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "secretary",
    "ambassador",
    "leader",
    "minister",
    "premier",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "diplomat",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "director",
    "chief",
    "adviser",
    "advisor",
    "aide",
    "official",
    "commander",
    "general",
    "gen.",
    "admiral",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "attorney",
    "prosecutor",
    "negotiator",
    "lawmaker",
    "candidate",
    "nominee",
    "founder",
    "executive",
    "head",
    "dictator",
    "emperor",
    "sheikh",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "prof.",
    "lady",
    "coach",
    "manager",
    "captain",
    "economist",
    "analyst",
    "strategist",
    "speaker",
    "whip",
    "treasurer",
    "commissioner",
    "inspector",
    "sheriff",
    "colonel",
    "col.",
    "lt.",
    "sergeant",
    "sgt.",
    "pastor",
    "rabbi",
    "imam",
    "cardinal",
    "bishop",
    "archbishop",
    "ayatollah",
];

/// Words that may sit inside a role phrase without heading it.
pub const ROLE_MODIFIERS: &[&str] = &[
    "former",
    "then",
    "top",
    "deputy",
    "vice",
    "acting",
    "interim",
    "assistant",
    "associate",
    "senior",
    "chief",
    "first",
    "prime",
    "foreign",
    "defense",
    "defence",
    "finance",
    "state",
    "national",
    "security",
    "majority",
    "minority",
    "house",
    "senate",
    "supreme",
    "leader",
    "general",
    "executive",
    "managing",
    "press",
    "campaign",
    "party",
    "opposition",
    "incoming",
    "outgoing",
    "late",
    "lead",
    "special",
    "federal",
    "union",
    "regional",
];

/// Lowercase function words allowed inside a role phrase ("Secretary of State").
pub const ROLE_CONNECTORS: &[&str] = &["of", "to", "for", "the", "at", "on", "de"];

/// Demonym → country (canonical name).
pub const DEMONYMS: &[(&str, &str)] = &[
    ("American", "United States"),
    ("North Korean", "North Korea"),
    ("South Korean", "South Korea"),
    ("Korean", "Korea"),
    ("Chinese", "China"),
    ("Japanese", "Japan"),
    ("Russian", "Russia"),
    ("British", "Britain"),
    ("French", "France"),
    ("German", "Germany"),
    ("Iranian", "Iran"),
    ("Iraqi", "Iraq"),
    ("Israeli", "Israel"),
    ("Palestinian", "Palestine"),
    ("Syrian", "Syria"),
    ("Turkish", "Turkey"),
    ("Saudi", "Saudi Arabia"),
    ("Egyptian", "Egypt"),
    ("Indian", "India"),
    ("Pakistani", "Pakistan"),
    ("Afghan", "Afghanistan"),
    ("Canadian", "Canada"),
    ("Mexican", "Mexico"),
    ("Brazilian", "Brazil"),
    ("Italian", "Italy"),
    ("Spanish", "Spain"),
    ("Dutch", "Netherlands"),
    ("Belgian", "Belgium"),
    ("Swiss", "Switzerland"),
    ("Swedish", "Sweden"),
    ("Norwegian", "Norway"),
    ("Danish", "Denmark"),
    ("Finnish", "Finland"),
    ("Polish", "Poland"),
    ("Ukrainian", "Ukraine"),
    ("Greek", "Greece"),
    ("Australian", "Australia"),
    ("Venezuelan", "Venezuela"),
    ("Cuban", "Cuba"),
    ("Vietnamese", "Vietnam"),
    ("Philippine", "Philippines"),
    ("Filipino", "Philippines"),
    ("Indonesian", "Indonesia"),
    ("Malaysian", "Malaysia"),
    ("Thai", "Thailand"),
    ("Nigerian", "Nigeria"),
    ("Kenyan", "Kenya"),
    ("Ethiopian", "Ethiopia"),
    ("Libyan", "Libya"),
    ("Lebanese", "Lebanon"),
    ("Jordanian", "Jordan"),
    ("Yemeni", "Yemen"),
    ("Qatari", "Qatar"),
    ("Irish", "Ireland"),
    ("Scottish", "Scotland"),
    ("Portuguese", "Portugal"),
    ("Austrian", "Austria"),
    ("Hungarian", "Hungary"),
    ("Czech", "Czech Republic"),
    ("Romanian", "Romania"),
    ("Serbian", "Serbia"),
    ("Argentine", "Argentina"),
    ("Chilean", "Chile"),
    ("Colombian", "Colombia"),
    ("Peruvian", "Peru"),
    ("Taiwanese", "Taiwan"),
    ("European", "Europe"),
    ("Asian", "Asia"),
    ("African", "Africa"),
];

/// Groups of names of one country or body (compared after normalisation).
pub const NAME_GROUPS: &[&[&str]] = &[
    &["united states", "us", "usa", "united states of america", "america"],
    &["united kingdom", "uk", "britain", "great britain"],
    &["north korea", "dprk", "democratic people s republic of korea"],
    &["south korea", "rok", "republic of korea"],
    &["united nations", "un"],
    &["european union", "eu"],
    &["russia", "russian federation"],
    &["china", "people s republic of china", "prc"],
];

pub const MALE_PRONOUNS: &[&str] = &["he", "him", "his"];
pub const FEMALE_PRONOUNS: &[&str] = &["she", "her", "hers"];

/// Common English given names by gender, to keep "she" off men and "he" off women.
pub const FEMALE_NAMES: &[&str] = &[
    "nikki",
    "hillary",
    "angela",
    "theresa",
    "nancy",
    "elizabeth",
    "sarah",
    "mary",
    "susan",
    "karen",
    "linda",
    "barbara",
    "margaret",
    "jennifer",
    "maria",
    "patricia",
    "michelle",
    "melania",
    "ivanka",
    "kellyanne",
    "condoleezza",
    "madeleine",
    "kamala",
    "elise",
    "marine",
    "christine",
    "emmanuelle",
    "jacinda",
    "julia",
    "anna",
    "anne",
    "ann",
    "jane",
    "kate",
    "katherine",
    "catherine",
    "laura",
    "lisa",
    "amy",
    "emily",
    "emma",
    "rachel",
    "rebecca",
    "ruth",
    "sonia",
    "samantha",
    "sally",
    "heather",
    "diane",
    "dianne",
    "debbie",
    "tulsi",
    "carly",
    "sheryl",
    "kirstjen",
    "betsy",
    "gina",
    "chrystia",
    "ursula",
    "federica",
    "yingluck",
    "jill",
    "donna",
    "helen",
    "claire",
    "lindsey",
    "ilhan",
    "alexandria",
];

pub const MALE_NAMES: &[&str] = &[
    "donald", "mike", "michael", "john", "james", "robert", "william", "david", "richard", "joseph",
    "thomas", "charles", "barack", "joe", "george", "bill", "jeb", "ted", "marco", "ben", "chris", "rand",
    "bernie", "paul", "mitch", "rex", "jim", "jared", "steve", "stephen", "vladimir", "shinzo", "emmanuel",
    "boris", "justin", "benjamin", "recep", "narendra", "mark", "peter", "tim", "tom", "rudy", "sean",
    "reince", "newt", "dick", "al", "jimmy", "ronald", "gerald", "lyndon", "franklin", "harry",
];

/// Geographic head nouns: a name ending in one is a place ("Korean Peninsula").
pub const PLACE_HEADS: &[&str] = &[
    "peninsula",
    "sea",
    "river",
    "mountains",
    "island",
    "islands",
    "strait",
    "gulf",
    "bay",
    "ocean",
    "valley",
    "desert",
    "coast",
    "lake",
    "province",
    "region",
    "county",
    "canal",
    "plateau",
    "highlands",
    "zone",
];

/// What a word can be in a role phrase or a name: [`word_class`] of a token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordClass(u8);

impl WordClass {
    const ROLE_HEAD: u8 = 1;
    const ROLE_MODIFIER: u8 = 2;
    const ROLE_CONNECTOR: u8 = 4;
    const PLACE_HEAD: u8 = 8;
    const DEMONYM: u8 = 16;

    /// In [`ROLE_HEADS`] (any case).
    pub fn role_head(self) -> bool {
        self.0 & Self::ROLE_HEAD != 0
    }
    /// In [`ROLE_HEADS`] or [`ROLE_MODIFIERS`] (any case).
    pub fn role_word(self) -> bool {
        self.0 & (Self::ROLE_HEAD | Self::ROLE_MODIFIER) != 0
    }
    /// In [`ROLE_CONNECTORS`] (any case).
    pub fn connector(self) -> bool {
        self.0 & Self::ROLE_CONNECTOR != 0
    }
    /// In [`PLACE_HEADS`] (any case).
    pub fn place_head(self) -> bool {
        self.0 & Self::PLACE_HEAD != 0
    }
    /// A word of a demonym, as written ("North", "Korean"; not "north").
    pub fn demonym(self) -> bool {
        self.0 & Self::DEMONYM != 0
    }
}

pub use crate::packed::{Packed, PackedMap, pack, pack_lowercase};

/// Packed table key of a word list entry (they are all short).
pub fn table_key(word: &str) -> Packed {
    debug_assert!(word.len() < 16, "table word {word} too long to pack");
    pack_lowercase(word).unwrap_or_default()
}

/// [`FEMALE_NAMES`] and [`MALE_NAMES`] by packed name (a name in both lists is female).
static GIVEN_NAMES: LazyLock<PackedMap<Gender>> = LazyLock::new(|| {
    let male = MALE_NAMES.iter().map(|&n| (table_key(n), Gender::Male));
    male.chain(FEMALE_NAMES.iter().map(|&n| (table_key(n), Gender::Female))).collect()
});

/// The gender of a normalised given name in [`FEMALE_NAMES`] or [`MALE_NAMES`].
pub fn given_name_gender(given: &str) -> Option<Gender> {
    // Compared as written: the table names are lowercase already.
    pack(given.as_bytes()).and_then(|k| GIVEN_NAMES.get(&k)).copied()
}

/// Indices into [`DEMONYMS`] by packed lowercase demonym.
static DEMONYM_INDEX: LazyLock<PackedMap<usize>> =
    LazyLock::new(|| DEMONYMS.iter().enumerate().rev().map(|(i, (d, _))| (table_key(d), i)).collect());

/// The index in [`DEMONYMS`] of the demonym that is `text` in any ASCII case
/// (`str::eq_ignore_ascii_case`).
pub fn demonym_index(text: &str) -> Option<usize> {
    // The demonyms are ASCII: other text differs from them in some byte.
    text.is_ascii().then(|| pack_lowercase(text)).flatten().and_then(|k| DEMONYM_INDEX.get(&k)).copied()
}

/// Lowercase word → (class bits, the demonym word it lowercases from, if any).
type ClassTable = PackedMap<(u8, Option<&'static str>)>;

/// The [`ClassTable`] of the word lists, and a filter
/// that rules out most other words before the table is looked at: bit `first byte % 64` of
/// entry `length` is set for every table word.
static CLASSES: LazyLock<(ClassTable, [u64; 16])> = LazyLock::new(|| {
    let mut m = PackedMap::default();
    for (list, bit) in [
        (ROLE_HEADS, WordClass::ROLE_HEAD),
        (ROLE_MODIFIERS, WordClass::ROLE_MODIFIER),
        (ROLE_CONNECTORS, WordClass::ROLE_CONNECTOR),
        (PLACE_HEADS, WordClass::PLACE_HEAD),
    ] {
        for &w in list {
            m.entry(table_key(w)).or_insert((0, None)).0 |= bit;
        }
    }
    for word in DEMONYMS.iter().flat_map(|(d, _)| d.split(' ')) {
        // The demonym words are capitalised ASCII, one spelling per lowercase form.
        m.entry(table_key(word)).or_insert((0, None)).1 = Some(word);
    }
    let mut filter = [0u64; 16];
    for &k in m.keys() {
        filter[filter_slot(k)] |= filter_bit(k);
    }
    (m, filter)
});

/// The length of the packed word `k` (its top byte; below 16).
fn filter_slot(k: Packed) -> usize {
    (k >> 120) as usize & 15
}

/// The filter bit of the packed word `k`: of its first byte.
fn filter_bit(k: Packed) -> u64 {
    1 << (k as u64 & 63)
}

/// The classes of `word`: role and place words whatever their case, demonyms as written.
pub fn word_class(word: &str) -> WordClass {
    word_class_packed(pack_lowercase(word), word)
}

/// [`word_class`] of `word` with `lower`, its [`pack_lowercase`], already made.
pub fn word_class_packed(lower: Option<Packed>, word: &str) -> WordClass {
    let (table, filter) = &*CLASSES;
    let known = |k: &Packed| filter[filter_slot(*k)] & filter_bit(*k) != 0;
    let Some(&(bits, demonym)) = lower.filter(known).and_then(|k| table.get(&k)) else {
        return WordClass::default();
    };
    WordClass(if demonym == Some(word) { bits | WordClass::DEMONYM } else { bits })
}

/// The names of [`NAME_GROUPS`] by first word: (the name's words, its group's representative),
/// in group order.
type GroupNames = crate::packed::Map<&'static str, Vec<(Vec<&'static str>, &'static str)>>;

static GROUP_NAMES: LazyLock<GroupNames> = LazyLock::new(|| {
    let mut m = GroupNames::default();
    for group in NAME_GROUPS {
        for name in *group {
            let words: Vec<&str> = name.split(' ').collect();
            m.entry(words[0]).or_default().push((words, group[0]));
        }
    }
    m
});

/// The representative of the first name group holding the name with normalised words
/// `tokens` ("us" → "united states").
pub fn group_representative<'t>(tokens: impl Iterator<Item = &'t str> + Clone) -> Option<&'static str> {
    let names = GROUP_NAMES.get(tokens.clone().next()?)?;
    names.iter().find(|(words, _)| words.iter().copied().eq(tokens.clone())).map(|&(_, r)| r)
}

/// The first words of the names of [`NAME_GROUPS`], packed.
static GROUP_FIRST_WORDS: LazyLock<PackedMap<()>> = LazyLock::new(|| {
    NAME_GROUPS
        .iter()
        .flat_map(|g| g.iter())
        .filter_map(|n| pack(n.split(' ').next()?.as_bytes()))
        .map(|k| (k, ()))
        .collect()
});

/// Some name of [`NAME_GROUPS`] starts with the normalised word packed as `word`.
pub fn starts_group_name(word: Packed) -> bool {
    GROUP_FIRST_WORDS.contains_key(&word)
}

#[cfg(test)]
mod pack_tests {
    use super::*;

    #[test]
    fn packed_lowercase_is_lowercase_packed() {
        for w in [
            "",
            "a",
            "Ab",
            "ZAza@[`{",
            "Secretary",
            "vice-president",
            "MR.",
            "0123456789ABCDE",
            "ÉTAT",
            "\u{212A}ing",
        ] {
            assert_eq!(pack_lowercase(w), pack(w.to_lowercase().as_bytes()), "{w}");
        }
        assert_eq!(pack_lowercase("0123456789ABCDEF"), None);
        assert_eq!(word_class("\u{212A}ing"), word_class("king"));
        assert!(
            word_class("KING").role_head() && word_class("North").demonym() && !word_class("north").demonym()
        );
    }
}
