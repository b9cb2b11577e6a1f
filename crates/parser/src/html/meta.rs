//! The metadata an HTML page carries, from the most to the least trusted source: JSON-LD
//! (`NewsArticle` and the other `…Article` and `…Posting` types), OpenGraph and `article:*`
//! meta tags (and the other common `<meta>` names), the canonical link, `<time>` elements and
//! byline markup.

use serde_json::Value;
use trafilatura::dom::{Document, NodeId};

/// What the page says about itself; each field holds the first value found in order of trust.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The `<title>` element (often "Headline | Site"): the headline of last resort.
    pub title_element: Option<String>,
    /// The page's first `<h1>`: the headline when no metadata names it.
    pub h1: Option<String>,
    /// The JSON-LD `articleBody`, when the page gives one.
    pub article_body: Option<String>,
}

/// Longest metadata value kept (a longer "author" is no name, a longer title no headline).
const MAX_VALUE: usize = 2000;

fn set(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none()
        && let Some(v) = value.map(clean).filter(|v| !v.is_empty() && v.len() <= MAX_VALUE)
    {
        *slot = Some(v);
    }
}

/// Whitespace collapsed, entities already decoded by the HTML parser; control characters
/// dropped.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

impl PageMeta {
    /// Read the metadata of a parsed page.
    pub(crate) fn read(doc: &Document) -> PageMeta {
        let mut m = PageMeta::default();
        let root = doc.root();
        for script in doc.query_selector_all(root, "script[type=\"application/ld+json\"]") {
            let json = doc.text_content(script);
            // (serde_json refuses nesting deeper than 128: the walk below is bounded by it)
            if let Ok(v) = serde_json::from_str::<Value>(json.trim()) {
                m.json_ld(&v, 0);
            }
        }
        m.meta_tags(doc, root);
        if let Some(link) = doc.query_selector(root, "link[rel=\"canonical\"]") {
            set(&mut m.url, doc.get_attribute(link, "href").as_deref().filter(|u| u.starts_with("http")));
        }
        if let Some(html) = doc.query_selector(root, "html[lang]") {
            set(&mut m.language, doc.get_attribute(html, "lang").as_deref());
        }
        m.language = m.language.as_deref().and_then(language_code);
        // `<time>` elements: the one marked as the publication date, else the first.
        let times = doc.query_selector_all(root, "time[datetime]");
        let marked = times.iter().copied().find(|&t| {
            let attrs = [doc.get_attribute(t, "itemprop"), doc.get_attribute(t, "class")];
            attrs.iter().flatten().any(|a| a.to_ascii_lowercase().contains("publish"))
        });
        if let Some(t) = marked.or_else(|| times.first().copied()) {
            set(&mut m.published, doc.get_attribute(t, "datetime").as_deref());
        }
        if m.authors.is_empty() {
            m.byline(doc, root);
        }
        if let Some(h) = doc.query_selector(root, "h1") {
            set(&mut m.h1, Some(&doc.text_content(h)));
        }
        if let Some(t) = doc.query_selector(root, "title") {
            set(&mut m.title_element, Some(&doc.text_content(t)));
        }
        m
    }

    /// Walk a JSON-LD value for article objects (in `@graph`s and lists too).
    fn json_ld(&mut self, v: &Value, depth: usize) {
        if depth > 8 {
            return;
        }
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.json_ld(i, depth + 1)),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    self.json_ld(g, depth + 1);
                }
                let types: Vec<&str> = match o.get("@type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if types.iter().any(|t| t.ends_with("Article") || t.ends_with("Posting") || *t == "Report") {
                    self.article_object(o);
                }
            }
            _ => {}
        }
    }

    fn article_object(&mut self, o: &serde_json::Map<String, Value>) {
        let s = |k: &str| o.get(k).and_then(Value::as_str);
        set(&mut self.title, s("headline").or_else(|| s("name")));
        set(&mut self.description, s("description"));
        set(&mut self.published, s("datePublished").or_else(|| s("dateCreated")));
        set(&mut self.modified, s("dateModified"));
        set(&mut self.language, s("inLanguage"));
        set(&mut self.url, s("url").filter(|u| u.starts_with("http")));
        if self.article_body.is_none() {
            self.article_body = s("articleBody").map(str::to_string);
        }
        if self.authors.is_empty() {
            self.authors = names(o.get("author"));
        }
        if self.publisher.is_none() {
            self.publisher = names(o.get("publisher")).into_iter().next();
        }
    }

    fn meta_tags(&mut self, doc: &Document, root: NodeId) {
        let mut metas: Vec<(String, String)> = Vec::new();
        for m in doc.query_selector_all(root, "meta[content]") {
            let key = doc
                .get_attribute(m, "property")
                .or_else(|| doc.get_attribute(m, "name"))
                .or_else(|| doc.get_attribute(m, "itemprop"));
            if let (Some(k), Some(c)) = (key, doc.get_attribute(m, "content")) {
                metas.push((k.to_ascii_lowercase(), c));
            }
        }
        let get = |keys: &[&str]| {
            keys.iter().find_map(|k| metas.iter().find(|(n, _)| n == k).map(|(_, c)| c.as_str()))
        };
        set(&mut self.title, get(&["og:title", "twitter:title", "headline"]));
        set(&mut self.description, get(&["og:description", "description", "twitter:description"]));
        set(
            &mut self.published,
            get(&[
                "article:published_time",
                "datepublished",
                "og:article:published_time",
                "pubdate",
                "publishdate",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "date",
            ]),
        );
        set(
            &mut self.modified,
            get(&["article:modified_time", "og:updated_time", "datemodified", "lastmod"]),
        );
        set(&mut self.publisher, get(&["og:site_name", "application-name", "publisher"]));
        set(&mut self.url, get(&["og:url"]).filter(|u| u.starts_with("http")));
        set(&mut self.language, get(&["og:locale", "language", "content-language"]));
        if self.authors.is_empty() {
            let author = get(&["author", "article:author", "parsely-author", "sailthru.author", "byl"]);
            if let Some(a) = author.filter(|a| !a.starts_with("http")) {
                self.authors = split_names(a);
            }
        }
    }

    /// A byline in the markup: `rel="author"`, or an element whose class or itemprop says author
    /// or byline, holding a short text.
    fn byline(&mut self, doc: &Document, root: NodeId) {
        let sel = "[rel=\"author\"], [itemprop=\"author\"], [class*=\"byline\"], [class*=\"author-name\"]";
        for node in doc.query_selector_all(root, sel).into_iter().take(8) {
            let text = clean(&doc.text_content(node));
            if !text.is_empty() && text.len() <= 80 {
                self.authors = split_names(&text);
                return;
            }
        }
    }
}

/// The names of a JSON-LD `author` or `publisher`: a string, an object with a `name`, or a
/// list of them.
fn names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |v: &Value| match v {
        Value::String(s) => out.extend(split_names(s)),
        Value::Object(o) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                out.extend(split_names(n));
            }
        }
        _ => {}
    };
    match v {
        Some(Value::Array(items)) => items.iter().for_each(&mut push),
        Some(v) => push(v),
        None => {}
    }
    out.dedup();
    out
}

/// "By Jane Doe and John Roe" → the names.
fn split_names(s: &str) -> Vec<String> {
    let s = clean(s);
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(&s);
    s.split([',', '|', ';'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.len() <= 80 && !n.starts_with("http"))
        .map(str::to_string)
        .collect()
}

/// `en-US`, `en_GB`, `EN` → `en`; `None` for what is no language tag.
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_beats_meta_tags_which_beat_markup() {
        let page = r#"<html lang="en-GB"><head><title>Headline | Site</title>
            <meta property="og:title" content="OG headline">
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2019-11-18T10:00:00Z">
            <meta name="author" content="Meta Author">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2019-11-19T08:30:00-05:00",
               "author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
               "publisher":{"@type":"Organization","name":"Daily Ltd"}}]}</script>
            <link rel="canonical" href="https://daily.example/a">
            </head><body><time datetime="2019-01-01">Jan 1</time><p>Text</p></body></html>"#;
        let m = PageMeta::read(&Document::parse(page));
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(m.published.as_deref(), Some("2019-11-19T08:30:00-05:00"));
        assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(m.publisher.as_deref(), Some("Daily Ltd"));
        assert_eq!(m.url.as_deref(), Some("https://daily.example/a"));
        assert_eq!(m.language.as_deref(), Some("en"));
        assert_eq!(m.title_element.as_deref(), Some("Headline | Site"));

        let page = r#"<html><head><meta property="og:title" content="OG headline">
            <meta name="author" content="By Meta Author and Other Person"></head>
            <body><time datetime="2019-01-01">Jan 1</time></body></html>"#;
        let m = PageMeta::read(&Document::parse(page));
        assert_eq!(m.title.as_deref(), Some("OG headline"));
        assert_eq!(m.published.as_deref(), Some("2019-01-01"));
        assert_eq!(m.authors, ["Meta Author", "Other Person"]);

        let page = r#"<body><span class="byline">By Kim Lee</span><p>Text</p></body>"#;
        let m = PageMeta::read(&Document::parse(page));
        assert_eq!(m.authors, ["Kim Lee"]);
        assert_eq!(m.published, None);
    }
}
