//! Entities of one article: name mentions (from the tagger) grouped into people,
//! organisations and places with a canonical name, aliases and roles; demonyms tied to their
//! country; pronouns and descriptions ("he", "the top US diplomat") linked to people.
//!
//! The input is the tagger's typed name spans ([`NameSpan`], token indices into
//! [`Article::tokens`]); the output is [`Article::entities`], in order of first mention.

mod acronyms;
mod coref;
mod groups;
mod lexicon;
mod names;
mod person_index;
mod persons;
mod repair;
mod words;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use storyline_model::{Article, Entity, EntityType, Mention, MentionKind, ParagraphRole, Span};

use lexicon::{DEMONYMS, Packed, demonym_index, given_name_gender, word_class};
use person_index::{MentionStarts, PersonIndex};
use words::{Key, WordId, Words};

pub(crate) use names::{normalize, normalize_each};
pub(crate) use persons::names_compatible;
pub(crate) use words::Words as Interner;

use acronyms::*;
use groups::*;
use names::*;
use persons::*;
use repair::*;

/// A typed name found by the tagger: tokens `first_token..end_token` of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameSpan {
    /// Index of its first token in the article's tokens.
    pub first_token: usize,
    /// Index after its last token.
    pub end_token: usize,
    /// The type the tagger gave it.
    pub kind: EntityType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// What resolution looks up of one token.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenInfo {
    /// Its sentence's index.
    sentence: u32,
    /// It lies in a paragraph whose entities count (not boilerplate).
    content: bool,
    /// The kind of the name span covering it, if any.
    name: Option<EntityType>,
}

/// Token-level view of the article for resolution.
pub(crate) struct Doc<'a> {
    pub article: &'a Article,
    /// Every token's [`TokenInfo`].
    tokens: Vec<TokenInfo>,
}

impl<'a> Doc<'a> {
    /// The view of `article` with tagged `names`, made in `tokens` (a previous
    /// [`Doc::into_buffer`], or empty).
    fn new(article: &'a Article, names: &[NameSpan], mut tokens: Vec<TokenInfo>) -> Self {
        let n = article.tokens.len();
        tokens.clear();
        tokens.resize(n, TokenInfo::default());
        for (si, s) in article.sentences.iter().enumerate() {
            let content =
                article.paragraphs.get(s.paragraph).is_some_and(|p| p.role != ParagraphRole::Boilerplate);
            let sentence = u32::try_from(si).unwrap_or(u32::MAX);
            // (A range slice, empty when reversed or past the end: a plain loop of stores.)
            let end = s.end_token.min(n);
            for t in tokens.get_mut(s.first_token.min(end)..end).unwrap_or_default() {
                (t.sentence, t.content) = (sentence, content);
            }
        }
        for ns in names {
            let end = ns.end_token.min(n);
            for t in tokens.get_mut(ns.first_token.min(end)..end).unwrap_or_default() {
                t.name = Some(ns.kind);
            }
        }
        Doc { article, tokens }
    }

    /// The token buffer, for the next article's [`Doc::new`].
    fn into_buffer(self) -> Vec<TokenInfo> {
        self.tokens
    }

    /// Sentence index of token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.tokens[i].sentence as usize
    }

    /// Token `i` lies in a paragraph whose entities count (not boilerplate).
    pub fn in_content(&self, i: usize) -> bool {
        self.tokens[i].content
    }

    /// The kind of the name span covering token `i`, if any.
    pub fn name_kind(&self, i: usize) -> Option<EntityType> {
        self.tokens[i].name
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.article.slice(self.article.tokens[i].span())
    }

    pub fn span(&self, first: usize, end: usize) -> Span {
        Span::new(self.article.tokens[first].start, self.article.tokens[end - 1].end)
    }

    pub fn sentence_first_token(&self, i: usize) -> usize {
        self.article.sentences.get(self.sentence_of(i)).map_or(0, |s| s.first_token)
    }
}

/// Buffers kept from one article to the next on each thread.
#[derive(Default)]
struct Scratch {
    words: Words,
    index: PersonIndex,
    tokens: Vec<TokenInfo>,
    /// (kept so that its table need not grow again for each article)
    by_key: ByKey,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

/// Resolve the tagger's name spans into the article's entities.
pub fn resolve(article: &Article, names: &[NameSpan]) -> Vec<Entity> {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => resolve_with(&mut s, article, names),
        // (not reentrant; a fresh scratch should that ever change)
        Err(_) => resolve_with(&mut Scratch::default(), article, names),
    })
}

fn resolve_with(scratch: &mut Scratch, article: &Article, names: &[NameSpan]) -> Vec<Entity> {
    let Scratch { words, index, tokens, by_key } = scratch;
    words.clear();
    index.clear();
    by_key.clear();
    let doc = Doc::new(article, names, std::mem::take(tokens));
    let mut groups: Vec<Group> = Vec::new();

    // People with full (multi-token) names first, in text order.
    let names = repair_spans(&doc, names);
    // (a group per name at most, but for the rare name split in two)
    groups.reserve(names.len());
    let (people, others) = sort_names(&doc, words, &names);
    let mut starts = MentionStarts::default();
    let people_single = add_full_names(&doc, &mut groups, index, words, people);
    // Single-token names join the nearest compatible person (before, else after).
    add_single_names(&doc, &mut groups, index, &mut starts, words, people_single);
    // Organisations, places and other names, by group key; demonyms go to their country.
    add_other_names(&doc, &mut groups, by_key, index, &mut starts, words, &others);
    merge_acronyms(article, &mut groups, words);
    merge_shortened_names(&mut groups, words);
    coref::link(&doc, &mut groups);
    *tokens = doc.into_buffer();
    finish(article, groups)
}

/// The cleaned names in the article's content, sorted into people's names (with their keys) and
/// other names (each name goes to one of these lists, or to none).
fn sort_names(doc: &Doc, words: &mut Words, names: &[NameSpan]) -> (Vec<PersonName>, Vec<NameSpan>) {
    let article = doc.article;
    let mut people: Vec<PersonName> = Vec::with_capacity(names.len());
    let mut others: Vec<NameSpan> = Vec::with_capacity(names.len());
    let mut i = 0;
    while i < names.len() {
        let ns = names[i];
        i += 1;
        let Some((first, end)) = clean_name(doc, &ns) else { continue };
        if !doc.in_content(first) {
            continue;
        }
        // An editor's bracket splits a name: "(Secretary of State Mike) Pompeo" — the word
        // before the bracket starts the person's name, whatever the tagger called it.
        let next_person = names.get(i).filter(|n| n.kind == EntityType::Person && n.first_token == end + 1);
        if let Some(next) = next_person
            && matches!(doc.word(end), ")" | "]")
            && doc.word(end - 1).starts_with(char::is_uppercase)
            && doc.word(end - 1).chars().all(char::is_alphabetic)
        {
            let (nf, ne) = (next.first_token, next.end_token);
            i += 1;
            let given = doc.word(end - 1);
            let surname = article.slice(doc.span(nf, ne));
            let start = words.start_key();
            normalize_into(words, given);
            normalize_into(words, surname);
            let key = words.finish_key(start);
            people.push(PersonName {
                first: nf,
                end: ne,
                key,
                anchor: end - 1,
                display: Some(format!("{given} {surname}")),
            });
            continue;
        }
        if ns.kind != EntityType::Person {
            others.push(NameSpan { first_token: first, end_token: end, kind: ns.kind });
            continue;
        }
        let tokens = key_of(words, article.slice(doc.span(first, end)));
        people.push(PersonName { first, end, key: tokens, anchor: first, display: None });
    }
    (people, others)
}

#[cfg(test)]
mod tests;
