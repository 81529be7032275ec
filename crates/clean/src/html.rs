//! HTML main-text extraction: the page is split into blocks in document
//! order; trafilatura's and dom_smoothie's outputs vote on which blocks are
//! article text; a block classifier (furniture phrases, link density, class
//! names, prose signals) settles the rest.

use std::collections::HashSet;

use scraper::Html;

use crate::blocks::{page_blocks, Block};
use crate::eval::normalise_ws;
use crate::furniture::{class_reason, phrase_reason, word_count, Reason};

/// Container classes that override the primary extractor's choice.
const STRONG_CLASS: &[Reason] = &[Reason::Caption, Reason::AuthorBox, Reason::CommentForm];

/// Largest number of blocks looked at on one page.
const MAX_BLOCKS: usize = 50_000;

/// Why a block was kept or dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockDecision {
    pub block: Block,
    pub in_primary: bool,
    pub in_secondary: bool,
    pub keep: bool,
    pub reason: &'static str,
}

/// Outputs of the primary extractor (trafilatura) used by the merge.
pub struct Primary {
    pub text: String,
    pub blocks: Vec<String>,
    pub comments: String,
    pub meta: trafilatura::Metadata,
}

pub fn run_trafilatura(page: &str, url: Option<&str>) -> Option<Primary> {
    let mut opts = trafilatura::Options::default().with_fallback(true);
    if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
        opts = opts.with_url(u);
    }
    let r = trafilatura::extract(page, &opts).ok()?;
    let frag = Html::parse_fragment(&r.content_html);
    let blocks = page_blocks(&frag, MAX_BLOCKS).into_iter().map(|b| b.text).collect();
    Some(Primary { text: normalise_ws(&r.content_text), blocks, comments: r.comments_text, meta: r.metadata })
}

#[cfg(feature = "dom-smoothie")]
pub fn run_smoothie(page: &str, url: Option<&str>) -> Option<(String, Vec<String>)> {
    let mut r = dom_smoothie::Readability::new(page, url, None).ok()?;
    let a = r.parse().ok()?;
    let frag = Html::parse_fragment(&a.content);
    let blocks: Vec<String> = page_blocks(&frag, MAX_BLOCKS).into_iter().map(|b| b.text).collect();
    Some((normalise_ws(&blocks.join(" ")), blocks))
}

#[cfg(not(feature = "dom-smoothie"))]
pub fn run_smoothie(_page: &str, _url: Option<&str>) -> Option<(String, Vec<String>)> {
    None
}

fn member(block: &str, joined: &str, exact: &HashSet<&str>) -> bool {
    if exact.contains(block) {
        return true;
    }
    block.chars().count() >= 20 && joined.contains(block)
}

/// Whether a block reads like running text: enough words, sentence punctuation.
pub fn prose_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let ends = text.trim_end().ends_with(['.', '!', '?', '"', '”', '»', ':', ')', '…', '。']);
    words >= 15 || (words >= 6 && ends)
}

/// Decides every block of the page.
pub fn decide_blocks(
    blocks: Vec<Block>,
    primary: Option<&Primary>,
    secondary: Option<&(String, Vec<String>)>,
) -> Vec<BlockDecision> {
    let p_exact: HashSet<&str> = primary.map(|p| p.blocks.iter().map(|s| s.as_str()).collect()).unwrap_or_default();
    let s_exact: HashSet<&str> = secondary.map(|s| s.1.iter().map(|s| s.as_str()).collect()).unwrap_or_default();
    let p_text = primary.map(|p| p.text.as_str()).unwrap_or("");
    let s_text = secondary.map(|s| s.0.as_str()).unwrap_or("");
    let mut out: Vec<BlockDecision> = blocks
        .into_iter()
        .map(|b| {
            let in_primary = member(&b.text, p_text, &p_exact);
            let in_secondary = member(&b.text, s_text, &s_exact);
            BlockDecision { block: b, in_primary, in_secondary, keep: false, reason: "" }
        })
        .collect();
    for d in out.iter_mut() {
        let words = word_count(&d.block.text);
        let ld = d.block.link_density();
        let class = class_reason(&d.block.tail);
        let (keep, reason) = if !d.in_primary && !d.in_secondary {
            (false, "not selected")
        } else if let Some(r) = phrase_reason(&d.block.text) {
            (false, r.as_str())
        } else if ld >= 0.6 && words <= 25 {
            (false, "link_list")
        } else if d.in_primary && class.map(|c| STRONG_CLASS.contains(&c)).unwrap_or(false) {
            (false, class.unwrap().as_str())
        } else if d.in_primary {
            (true, "primary")
        } else if prose_like(&d.block.text) && ld < 0.3 && class.is_none() && d.block.tag != "figcaption" {
            (true, "secondary prose")
        } else {
            (false, "secondary not prose")
        };
        d.keep = keep;
        d.reason = reason;
    }
    out
}

/// Every block of a page with its decision.
pub fn decisions(page: &str, url: Option<&str>) -> Vec<BlockDecision> {
    let primary = run_trafilatura(page, url);
    let secondary = run_smoothie(page, url);
    let doc = Html::parse_document(page);
    let blocks = page_blocks(&doc, MAX_BLOCKS);
    decide_blocks(blocks, primary.as_ref(), secondary.as_ref())
}

/// The combined extractor's text for a page (kept blocks, one per line).
pub fn combined_text(page: &str, url: Option<&str>) -> String {
    let decisions = decisions(page, url);
    let mut out = String::new();
    for d in decisions.iter().filter(|d| d.keep) {
        out.push_str(&d.block.text);
        out.push('\n');
    }
    out
}
