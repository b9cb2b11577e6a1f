//! Invariant checks of an [`Article`]: every span inside the text and on a char boundary,
//! every index in range. Used by the property tests, the fuzz targets and the replay of
//! the fuzzing regressions.

use crate::Article;

impl Article {
    /// Every broken invariant, described (empty when the article is sound): each span
    /// (paragraphs, sentences, tokens, dateline, entity mentions, quotes' content, cue and
    /// speaker mention, time expressions) lies inside [`Article::text`] on char boundaries,
    /// and sentences' and quotes' indices point at existing tokens, paragraphs and entities.
    pub fn span_errors(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let text = &self.text;
        let mut span = |what: &str, start: usize, end: usize| {
            if start > end || end > text.len() {
                errors.push(format!("{what} {start}..{end} outside the text of {} bytes", text.len()));
            } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                errors.push(format!("{what} {start}..{end} not on a char boundary"));
            }
        };
        for p in &self.paragraphs {
            span("paragraph", p.start, p.end);
        }
        for s in &self.sentences {
            span("sentence", s.start, s.end);
        }
        for t in &self.tokens {
            span("token", t.start, t.end);
        }
        if let Some(d) = &self.dateline {
            span("dateline", d.start, d.end);
        }
        for e in &self.entities {
            for m in &e.mentions {
                span("entity mention", m.start, m.end);
            }
        }
        for q in &self.quotes {
            span("quote", q.start, q.end);
            for c in &q.content {
                span("quote content", c.start, c.end);
            }
            if let Some(c) = &q.cue {
                span("quote cue", c.start, c.end);
            }
            if let Some(m) = &q.speaker_mention {
                span("quote speaker", m.start, m.end);
            }
        }
        for t in &self.timexes {
            span("timex", t.start, t.end);
        }
        // (a paragraph's text is empty when the output was written without `--span-text`)
        for p in self.paragraphs.iter().filter(|p| !p.text.is_empty()) {
            if self.text.get(p.start..p.end).is_some_and(|t| t != p.text) {
                errors.push(format!("paragraph {}..{} text differs from the article's", p.start, p.end));
            }
        }
        for s in &self.sentences {
            if s.paragraph >= self.paragraphs.len() {
                errors.push(format!(
                    "sentence {}..{} in paragraph {} of {}",
                    s.start,
                    s.end,
                    s.paragraph,
                    self.paragraphs.len()
                ));
            }
            if !self.tokens.is_empty() && (s.first_token >= s.end_token || s.end_token > self.tokens.len()) {
                errors.push(format!(
                    "sentence {}..{} has tokens {}..{} of {}",
                    s.start,
                    s.end,
                    s.first_token,
                    s.end_token,
                    self.tokens.len()
                ));
            }
        }
        for q in &self.quotes {
            if q.speaker_entity.is_some_and(|e| e >= self.entities.len()) {
                errors.push(format!(
                    "quote {}..{} names entity {:?} of {}",
                    q.start,
                    q.end,
                    q.speaker_entity,
                    self.entities.len()
                ));
            }
        }
        errors
    }
}
