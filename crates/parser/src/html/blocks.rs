//! The blocks of the extracted content (the library's cleaned HTML): paragraphs, headings,
//! list items, quotes and captions, each with what its markup says it is.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::meta::clean;

/// What a block's markup makes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Markup {
    /// `<h1>`.
    Heading1,
    /// `<h2>` … `<h6>`.
    Heading,
    /// `<figcaption>`, `<caption>`.
    Caption,
    /// Anything else with text: `<p>`, `<li>`, `<blockquote>`, table cells, loose text.
    Text,
}

/// One block: its markup and its text (whitespace collapsed).
#[derive(Debug)]
pub(crate) struct Block {
    pub markup: Markup,
    pub text: String,
}

/// Elements that start a block of their own.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "caption"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "hr"
    )
}

/// Elements whose text is not shown.
fn is_hidden(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "noscript" | "template")
}

fn markup_of(tag: &str) -> Markup {
    match tag {
        "h1" => Markup::Heading1,
        "h2" | "h3" | "h4" | "h5" | "h6" => Markup::Heading,
        "figcaption" | "caption" => Markup::Caption,
        _ => Markup::Text,
    }
}

/// The blocks of `html`, in document order. The tree is walked with an iterator (no
/// recursion), so deep nesting costs no stack.
pub(crate) fn blocks(html: &str) -> Vec<Block> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    let mut text = String::new();
    // The markup of the innermost open block element that gives one (a heading or caption
    // inside a `<div>` keeps its markup).
    let mut stack: Vec<Markup> = Vec::new();
    // Inside a `<script>`, `<style>`, …: its text is no content.
    let mut hidden = 0usize;
    let flush = |text: &mut String, stack: &[Markup], out: &mut Vec<Block>| {
        let t = clean(text);
        text.clear();
        if !t.is_empty() {
            let markup = stack.iter().rev().copied().find(|m| *m != Markup::Text).unwrap_or(Markup::Text);
            out.push(Block { markup, text: t });
        }
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if hidden == 0 => text.push_str(t),
                Node::Element(e) => {
                    let tag = e.name();
                    if is_hidden(tag) {
                        hidden += 1;
                        continue;
                    }
                    if is_block(tag) {
                        flush(&mut text, &stack, &mut out);
                        stack.push(markup_of(tag));
                    } else if tag == "br" {
                        // (a line break inside a paragraph: the lines stay one paragraph)
                        text.push(' ');
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value()
                    && is_hidden(e.name())
                {
                    hidden = hidden.saturating_sub(1);
                } else if let Node::Element(e) = node.value()
                    && is_block(e.name())
                {
                    flush(&mut text, &stack, &mut out);
                    stack.pop();
                }
            }
        }
    }
    flush(&mut text, &stack, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_markup_and_order() {
        let got = blocks(
            "<h1>Title  here</h1><h2>The dek</h2><p>One <b>bold</b>\n word.</p><figure><img>\
             <figcaption>A photo</figcaption></figure><ul><li>Item 1</li><li>Item 2</li></ul><p>Two<br>lines</p>",
        );
        let got: Vec<(Markup, &str)> = got.iter().map(|b| (b.markup, b.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (Markup::Heading1, "Title here"),
                (Markup::Heading, "The dek"),
                (Markup::Text, "One bold word."),
                (Markup::Caption, "A photo"),
                (Markup::Text, "Item 1"),
                (Markup::Text, "Item 2"),
                (Markup::Text, "Two lines"),
            ]
        );
    }
}
