//! Per-article analysis: one [`Analyzer`], built once, shared by threads, run on each article.

use storyline_model::{Article, EntityType, NEWS_AGENCIES, ParagraphRole};

use crate::entities::{self, NameSpan};
use crate::ner::{NerError, Sentences, Tagger};
use crate::time::TimeContext;
use crate::{attribution, quotes};

/// Whether `w` is a news agency whose one-word name alone names it in running text
/// ([`NewsAgency::in_running_text`](storyline_model::NewsAgency::in_running_text)); most words
/// are ruled out by their first letter.
#[inline]
fn is_news_agency(w: &[u8]) -> bool {
    w.first().is_some_and(|b| b.is_ascii_uppercase() || *b == b'd')
        && NEWS_AGENCIES.iter().any(|a| a.in_running_text && a.name.as_bytes() == w)
}

/// Everything needed to analyse articles: the loaded models. Cheap to share across threads.
pub struct Analyzer {
    tagger: &'static Tagger,
}

impl Analyzer {
    /// Load the models committed in the repository (offline, once per process).
    pub fn new() -> Result<Self, NerError> {
        Ok(Analyzer { tagger: Tagger::builtin()? })
    }

    /// Annotate `article` in place: entities, time expressions (resolved against the article's
    /// publication date, when it has one), and quotes with their speakers and dates.
    pub fn analyze(&self, article: &mut Article) {
        let names = self.names(article);
        article.entities = entities::resolve(article, &names);
        article.timexes = self.timexes(article);
        self.quotes(article);
    }

    /// [`Analyzer::analyze`] for each of `articles`, stage by stage (all the names, then all the
    /// entities, the time expressions, the quotes): each stage's tables and caches stay in the
    /// CPU's caches across the batch instead of being evicted by the next stage's after every
    /// article. The results are the same as article by article.
    pub fn analyze_batch(&self, articles: &mut [&mut Article]) {
        let names: Vec<Vec<NameSpan>> = articles.iter().map(|a| self.names(a)).collect();
        for (a, names) in articles.iter_mut().zip(&names) {
            a.entities = entities::resolve(a, names);
        }
        drop(names);
        for a in articles.iter_mut() {
            a.timexes = self.timexes(a);
        }
        for a in articles.iter_mut() {
            self.quotes(a);
        }
    }

    /// Quotes and reported speech, their speakers and what they are about (through the
    /// entities) and dates (through the time expressions): run after both.
    pub fn quotes(&self, article: &mut Article) {
        article.quotes = quotes::extract_quotes(article);
        attribution::split_continuations(article);
        attribution::link_quotes(article);
        attribution::date_quotes(article);
    }

    /// Time expressions of the whole text (context crosses sentences), minus page boilerplate,
    /// resolved against the article's own date ([`Article::own_date`]: its dateline's, else
    /// its publication date).
    pub fn timexes(&self, article: &Article) -> Vec<storyline_model::Timex> {
        let boilerplate: Vec<_> =
            article.paragraphs_with(ParagraphRole::Boilerplate).map(|p| p.span()).collect();
        TimeContext::from_article(article.own_date())
            .extract(&article.text)
            .into_iter()
            .filter(|t| !boilerplate.iter().any(|b| b.start <= t.start && t.end <= b.end))
            .collect()
    }

    /// The tagger's name spans over the article's sentences (headline, standfirst, body,
    /// captions, and credit/byline lines — not boilerplate), as token ranges of the article.
    pub fn names(&self, article: &Article) -> Vec<NameSpan> {
        let content: Vec<&storyline_model::Sentence> = article
            .sentences
            .iter()
            .filter(|s| {
                article.paragraphs.get(s.paragraph).is_some_and(|p| {
                    matches!(
                        p.role,
                        ParagraphRole::Title
                            | ParagraphRole::Standfirst
                            | ParagraphRole::Body
                            | ParagraphRole::Caption
                            | ParagraphRole::Metadata
                    )
                })
            })
            .collect();
        // The words of all the content sentences in one vector, with the sentences' lengths.
        let lens: Vec<usize> = content.iter().map(|s| article.sentence_tokens(s).len()).collect();
        let mut words: Vec<&[u8]> = Vec::with_capacity(lens.iter().sum());
        for s in &content {
            // The bytes of what `article.slice(t.span())` gives (tokens lie on char boundaries),
            // without a call per token.
            let text = article.text.as_bytes();
            words.extend(article.sentence_tokens(s).iter().map(|t| text.get(t.start..t.end).unwrap_or(b"")));
        }
        let mut tagged: Vec<(usize, usize, usize, EntityType)> = Vec::new();
        self.tagger.tag_sentences(Sentences { words: &words, lens: &lens }, |s, a, b, kind| {
            tagged.push((s, a, b, kind))
        });
        let mut out = Vec::with_capacity(tagged.len());
        let mut spans = tagged.iter().peekable();
        let mut start = 0;
        for (i, (s, &len)) in content.iter().zip(&lens).enumerate() {
            let words = &words[start..start + len];
            start += len;
            // News agencies the tagger missed ("This AFP file photo", a "(Yonhap)" credit): those
            // among `words[from..to]`, the tokens between two of its spans (which come in order and
            // do not overlap).
            let agencies = |out: &mut Vec<NameSpan>, from: usize, to: usize| {
                for (j, w) in words.iter().enumerate().take(to).skip(from) {
                    if is_news_agency(w) {
                        let first_token = s.first_token + j;
                        out.push(NameSpan {
                            first_token,
                            end_token: first_token + 1,
                            kind: EntityType::Organization,
                        });
                    }
                }
            };
            // The first token after the spans so far.
            let mut next = 0;
            while let Some(&(_, a, b, mut kind)) = spans.next_if(|t| t.0 == i) {
                agencies(&mut out, next, a);
                next = next.max(b.min(words.len()));
                if b == a + 1 && words.get(a).is_some_and(|w| is_news_agency(w)) {
                    kind = EntityType::Organization;
                }
                out.push(NameSpan { first_token: s.first_token + a, end_token: s.first_token + b, kind });
            }
            agencies(&mut out, next, words.len());
        }
        out.sort_by_key(|n| n.first_token);
        out
    }
}

#[cfg(test)]
mod tests {
    /// A wire story on a page dated three days later: its relative dates are the dateline's.
    #[test]
    fn time_expressions_are_resolved_against_the_dateline() {
        let page = "North Korea ready for talks\n\nSep. 24, 2018\n\n\
                    SEOUL, Sept. 21 (Yonhap) -- North Korea said today it is ready to resume talks.\n";
        let mut a =
            storyline_parser::parse_text(page.as_bytes(), "t", "t.txt", &Default::default()).expect("parses");
        assert_eq!(a.published.map(|d| d.to_string()).as_deref(), Some("2018-09-24"));
        assert_eq!(a.own_date().map(|d| d.to_string()).as_deref(), Some("2018-09-21"));
        crate::Analyzer::new().expect("built-in models load").analyze(&mut a);
        let today = a.timexes.iter().find(|t| &a.text[t.start..t.end] == "today").expect("today");
        assert_eq!(today.value, "2018-09-21");
    }

    #[test]
    fn every_news_agency_passes_the_first_letter_test() {
        let in_text = super::NEWS_AGENCIES.iter().filter(|a| a.in_running_text);
        assert!(in_text.map(|a| a.name.as_bytes()).all(super::is_news_agency));
        assert!(!super::is_news_agency(b"AFPX") && !super::is_news_agency(b"Reuter"));
        assert!(!super::is_news_agency(b"afp") && !super::is_news_agency(b"PA"));
    }
}
