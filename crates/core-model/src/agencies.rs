//! The news agencies (wire services) and outlets that credit articles and photos: data shared by
//! the parser (credit lines) and the analyzer (agency names the tagger misses), which know
//! nothing of each other.

/// A news agency or outlet, as it is named in credits such as `(Yonhap)` or `— Reuters`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewsAgency {
    /// Its name or abbreviation, as written (case matters: "dpa" and "DPA" are both listed).
    pub name: &'static str,
    /// Whether the name, one word alone anywhere in running text, names the agency: not "PA"
    /// (also Pennsylvania) or "CP" (also a Communist Party), which only a credit's place tells.
    pub in_running_text: bool,
}

/// Shorthand for the table below.
const fn agency(name: &'static str, in_running_text: bool) -> NewsAgency {
    NewsAgency { name, in_running_text }
}

/// Wire services and outlets recognised in credits (every one) and, for those whose name is one
/// unambiguous word ([`NewsAgency::in_running_text`]), anywhere in an article's text.
pub const NEWS_AGENCIES: &[NewsAgency] = &[
    agency("AP", true),
    agency("AFP", true),
    agency("Reuters", true),
    agency("Yonhap", true),
    agency("UPI", true),
    agency("Xinhua", true),
    agency("Kyodo", true),
    agency("dpa", true),
    agency("DPA", true),
    agency("ANSA", true),
    agency("EFE", true),
    agency("TASS", true),
    agency("KCNA", true),
    agency("PTI", true),
    agency("IANS", true),
    agency("Bloomberg", true),
    agency("CNN", true),
    agency("AAP", true),
    agency("CP", false),
    agency("Anadolu", true),
    agency("Interfax", true),
    agency("NHK", true),
    agency("BBC", true),
    agency("Bernama", true),
    agency("Antara", true),
    agency("Associated Press", false),
    agency("Agence France-Presse", false),
    agency("Agence France Presse", false),
    agency("Press Association", false),
    agency("PA", false),
];
