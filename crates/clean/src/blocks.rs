//! Segmentation of an HTML page into text blocks in document order, each
//! with the signals the block classifier uses (link density, tag, the class
//! and id names of its ancestors). The walk is iterative, so deeply nested
//! pages cannot overflow the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};
use unicode_normalization::UnicodeNormalization;

/// One run of text between block-level boundaries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Block {
    /// Text with whitespace runs collapsed to one space, trimmed.
    pub text: String,
    /// Characters of `text` that sit inside `<a>` elements.
    pub link_chars: usize,
    /// Innermost block-level element (`p`, `li`, `h2`, `div`, ...).
    pub tag: String,
    /// Lower-cased class and id names of every ancestor, innermost last, and
    /// the ancestors' tag names, separated by spaces.
    pub path: String,
    /// Class and id names of the three innermost elements around the text.
    pub tail: String,
    /// Nesting depth of the innermost block element.
    pub depth: usize,
    /// Inside an `<h1>`..`<h6>`.
    pub heading: bool,
    /// Index of the innermost block element in the tree (stable id for grouping).
    pub container: usize,
    /// Tree index of the innermost reader-comment element around the text.
    pub comment_item: Option<usize>,
    /// Number of reader-comment elements around the text, minus one.
    pub comment_depth: usize,
}

impl Block {
    /// Share of the text's characters inside links.
    pub fn link_density(&self) -> f64 {
        let n = self.text.chars().count();
        if n == 0 {
            0.0
        } else {
            self.link_chars as f64 / n as f64
        }
    }
}

/// Elements whose content is never page text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "option"
            | "button"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "video"
            | "audio"
            | "map"
    )
}

/// Elements that start and end a block.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "article"
            | "section"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "figure"
            | "figcaption"
            | "address"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
            | "center"
            | "details"
            | "summary"
            | "br"
            | "hr"
            | "hgroup"
            | "menu"
            | "dialog"
            | "label"
    )
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

struct Frame {
    tag: String,
    names: String,
    block: bool,
    link: bool,
    heading: bool,
    node_index: usize,
    comment_item: bool,
}

/// Whether an element is one reader comment (WordPress and most CMSs:
/// class `comment`, id `comment-123`, or a `depth-N` thread item).
fn is_comment_item(tag: &str, names: &str) -> bool {
    names.split_whitespace().any(|n| {
        n == "comment"
            || n == "comment-item"
            || n == "commentlist-item"
            || ((n.starts_with("comment-")
                || n.starts_with("li-comment-")
                || n.starts_with("div-comment-"))
                && n.rsplit('-')
                    .next()
                    .map(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
                    .unwrap_or(false))
            || (matches!(tag, "li" | "article" | "div") && n.starts_with("depth-"))
    })
}

/// Splits a parsed page into blocks. `max_blocks` bounds the work on huge pages.
pub fn page_blocks(doc: &Html, max_blocks: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut buf = String::new();
    let mut buf_link = 0usize;
    let mut skip: Option<ego_tree::NodeId> = None;
    let mut node_counter = 0usize;
    let mut last_space = true;

    let flush =
        |buf: &mut String, buf_link: &mut usize, stack: &[Frame], blocks: &mut Vec<Block>| {
            let text = buf.trim();
            if !text.is_empty() && text.chars().any(|c| c.is_alphanumeric()) {
                let inner = stack.iter().rev().find(|f| f.block);
                let mut path = String::new();
                for f in stack {
                    if f.block || !f.names.is_empty() {
                        path.push_str(&f.tag);
                        path.push(' ');
                    }
                    if !f.names.is_empty() {
                        path.push_str(&f.names);
                        path.push(' ');
                    }
                }
                let mut tail = String::new();
                for f in stack.iter().rev().take(3) {
                    if !f.names.is_empty() {
                        tail.push_str(&f.names);
                        tail.push(' ');
                    }
                }
                let text: String = if text.is_ascii() {
                    text.to_string()
                } else {
                    text.nfc().collect()
                };
                let n = text.chars().count();
                blocks.push(Block {
                    link_chars: (*buf_link).min(n),
                    text,
                    tag: inner.map(|f| f.tag.clone()).unwrap_or_default(),
                    path,
                    tail,
                    depth: stack.iter().filter(|f| f.block).count(),
                    heading: stack.iter().any(|f| f.heading),
                    container: inner.map(|f| f.node_index).unwrap_or(0),
                    comment_item: stack
                        .iter()
                        .rev()
                        .find(|f| f.comment_item)
                        .map(|f| f.node_index),
                    comment_depth: stack
                        .iter()
                        .filter(|f| f.comment_item)
                        .count()
                        .saturating_sub(1),
                });
            }
            buf.clear();
            *buf_link = 0;
        };

    for edge in doc.tree.root().traverse() {
        if blocks.len() >= max_blocks {
            break;
        }
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(el) => {
                        let tag = el.name();
                        if is_skipped(tag) || is_hidden(el) {
                            skip = Some(node.id());
                            continue;
                        }
                        node_counter += 1;
                        let block = is_block(tag);
                        if block {
                            flush(&mut buf, &mut buf_link, &stack, &mut blocks);
                            last_space = true;
                        }
                        let mut names = String::new();
                        for c in el.classes() {
                            names.push_str(&c.to_ascii_lowercase());
                            names.push(' ');
                        }
                        if let Some(id) = el.id() {
                            names.push_str(&id.to_ascii_lowercase());
                            names.push(' ');
                        }
                        if let Some(role) = el.attr("role") {
                            names.push_str(&role.to_ascii_lowercase());
                            names.push(' ');
                        }
                        if tag == "img" {
                            continue;
                        }
                        if tag == "time" && !last_space {
                            buf.push(' ');
                            last_space = true;
                        }
                        stack.push(Frame {
                            tag: tag.to_string(),
                            names: names.trim_end().to_string(),
                            block,
                            link: tag == "a",
                            heading: matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"),
                            node_index: node_counter,
                            comment_item: is_comment_item(tag, &names),
                        });
                    }
                    Node::Text(t) => {
                        let in_link = stack.iter().any(|f| f.link);
                        for c in t.chars() {
                            // Zero-width characters are invisible.
                            if matches!(c, '\u{200b}' | '\u{feff}') {
                                continue;
                            }
                            if c.is_whitespace() {
                                if !last_space {
                                    buf.push(' ');
                                    last_space = true;
                                    if in_link {
                                        buf_link += 1;
                                    }
                                }
                            } else {
                                buf.push(c);
                                last_space = false;
                                if in_link {
                                    buf_link += 1;
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(s) = skip {
                    if s == node.id() {
                        skip = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if el.name() == "img" {
                        continue;
                    }
                    if el.name() == "time" && !last_space {
                        buf.push(' ');
                        last_space = true;
                    }
                    if stack.last().map(|f| f.tag == el.name()).unwrap_or(false) {
                        let block = stack.last().map(|f| f.block).unwrap_or(false);
                        if block {
                            flush(&mut buf, &mut buf_link, &stack, &mut blocks);
                            last_space = true;
                        }
                        stack.pop();
                    }
                }
            }
        }
    }
    flush(&mut buf, &mut buf_link, &stack, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_with_links() {
        let html = Html::parse_document(
            "<html><head><title>T</title><script>var x=1;</script></head><body>\
             <nav class='menu'><a href='/'>Home</a></nav>\
             <div id='main'><h1>Head line</h1><p>First <a href='#'>para</a>graph.<br>Second line</p>\
             <p style='display: none'>hidden</p></div></body></html>",
        );
        let b = page_blocks(&html, 1000);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Home", "Head line", "First paragraph.", "Second line"]
        );
        assert_eq!(b[0].link_chars, 4);
        assert!(b[0].path.contains("menu"));
        assert!(b[1].heading);
        assert_eq!(b[2].link_chars, 4);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut s = String::new();
        for _ in 0..3_000 {
            s.push_str("<div>");
        }
        s.push_str("deep text");
        let html = Html::parse_document(&s);
        let b = page_blocks(&html, 1000);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].text, "deep text");
    }
}
