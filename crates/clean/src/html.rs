//! HTML main-text extraction: the page is split into blocks in document
//! order; trafilatura's and dom_smoothie's outputs vote on which blocks are
//! article text; a block classifier (furniture phrases, link density, class
//! names, prose signals) settles the rest.

use std::collections::HashSet;

use echotrace_core::model::CharSpan;
use scraper::Html;

use crate::blocks::{page_blocks, Block};
use crate::charset::decode_html;
use crate::dates::{find_dates, is_date_line, DateInfo};
use crate::eval::normalise_ws;
use crate::furniture::{class_reason, phrase_reason, word_count, Reason};
use crate::lang::detect_language;
use crate::record::{CleanOptions, Cleaned, Comment, Furniture, Language, LineDecision, LineKind};
use crate::text::clean_text;

/// Container classes that override the primary extractor's choice.
const STRONG_CLASS: &[Reason] = &[
    Reason::Caption,
    Reason::AuthorBox,
    Reason::CommentForm,
    Reason::Advert,
];

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
    let blocks = page_blocks(&frag, MAX_BLOCKS)
        .into_iter()
        .map(|b| b.text)
        .collect();
    Some(Primary {
        text: normalise_ws(&r.content_text),
        blocks,
        comments: r.comments_text,
        meta: r.metadata,
    })
}

#[cfg(feature = "dom-smoothie")]
pub fn run_smoothie(page: &str, url: Option<&str>) -> Option<(String, Vec<String>)> {
    let mut r = dom_smoothie::Readability::new(page, url, None).ok()?;
    let a = r.parse().ok()?;
    let frag = Html::parse_fragment(&a.content);
    let blocks: Vec<String> = page_blocks(&frag, MAX_BLOCKS)
        .into_iter()
        .map(|b| b.text)
        .collect();
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
    let ends = text
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '»', ':', ')', '…', '。']);
    words >= 15 || (words >= 6 && ends)
}

/// Decides every block of the page.
pub fn decide_blocks(
    blocks: Vec<Block>,
    primary: Option<&Primary>,
    secondary: Option<&(String, Vec<String>)>,
) -> Vec<BlockDecision> {
    let p_exact: HashSet<&str> = primary
        .map(|p| p.blocks.iter().map(|s| s.as_str()).collect())
        .unwrap_or_default();
    let s_exact: HashSet<&str> = secondary
        .map(|s| s.1.iter().map(|s| s.as_str()).collect())
        .unwrap_or_default();
    let p_text = primary.map(|p| p.text.as_str()).unwrap_or("");
    let s_text = secondary.map(|s| s.0.as_str()).unwrap_or("");
    let mut out: Vec<BlockDecision> = blocks
        .into_iter()
        .map(|b| {
            let in_primary = member(&b.text, p_text, &p_exact);
            let in_secondary = member(&b.text, s_text, &s_exact);
            BlockDecision {
                block: b,
                in_primary,
                in_secondary,
                keep: false,
                reason: "",
            }
        })
        .collect();
    let has_secondary = secondary.map(|s| !s.1.is_empty()).unwrap_or(false);
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
        } else if is_date_line(&d.block.text) {
            (false, Reason::Date.as_str())
        } else if d.block.tag == "figcaption" {
            (false, Reason::Caption.as_str())
        } else if d.in_primary && !d.in_secondary && has_secondary && words <= 6 {
            (false, "primary only, short")
        } else if d.in_primary {
            (true, "primary")
        } else if prose_like(&d.block.text)
            && ld < 0.3
            && class.is_none()
            && d.block.tag != "figcaption"
        {
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

/// Rough maximum nesting of start tags, counted on the raw bytes without
/// parsing (html5ever slows down quadratically on very deep trees).
pub fn nesting_estimate(html: &[u8]) -> usize {
    const VOID: &[&[u8]] = &[
        b"br", b"img", b"meta", b"link", b"input", b"hr", b"area", b"base", b"col", b"embed",
        b"source", b"track", b"wbr", b"p", b"li", b"option", b"td", b"tr", b"th",
    ];
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while i + 1 < html.len() {
        if html[i] == b'<' {
            let closing = html[i + 1] == b'/';
            let start = if closing { i + 2 } else { i + 1 };
            let mut j = start;
            while j < html.len() && html[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j > start {
                let name = html[start..j].to_ascii_lowercase();
                let void = VOID.contains(&name.as_slice());
                if closing {
                    if !void {
                        depth = depth.saturating_sub(1);
                    }
                } else if !void {
                    // Self-closing `<x/>` does not nest.
                    let mut k = j;
                    while k < html.len() && html[k] != b'>' && k - j < 2000 {
                        k += 1;
                    }
                    if !(k > 0 && k < html.len() && html[k - 1] == b'/') {
                        depth += 1;
                        max = max.max(depth);
                    }
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    max
}

/// Pages nested deeper than this are read as text without a DOM.
const MAX_NESTING: usize = 2_000;

/// Text of a page without building a DOM: tags dropped (block tags become
/// line breaks), script/style content skipped, common entities decoded.
pub fn strip_tags(page: &str) -> String {
    let mut out = String::with_capacity(page.len() / 2);
    let lower = page.to_ascii_lowercase();
    let mut i = 0;
    let b = page.as_bytes();
    while i < b.len() {
        if b[i] == b'<' {
            let rest = &lower[i..];
            let skip_to = ["script", "style", "noscript", "template"]
                .iter()
                .find_map(|t| {
                    if rest.starts_with(&format!("<{t}")) {
                        rest.find(&format!("</{t}")).map(|p| i + p)
                    } else {
                        None
                    }
                });
            if let Some(p) = skip_to {
                i = p + 2;
            }
            let end = lower[i..].find('>').map(|p| i + p + 1).unwrap_or(b.len());
            let name: String = lower[i + 1..end.min(lower.len())]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if is_block_name(&name) && !out.ends_with('\n') {
                out.push('\n');
            }
            i = end;
        } else {
            let next = page[i..].find('<').map(|p| i + p).unwrap_or(b.len());
            out.push_str(&decode_entities(&page[i..next]));
            i = next;
        }
    }
    out
}

fn is_block_name(n: &str) -> bool {
    matches!(
        n,
        "p" | "div"
            | "br"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "table"
            | "aside"
            | "main"
            | "body"
            | "title"
    )
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&amp;", "&")
}

/// Whether the bytes look like a binary file rather than a page.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.is_empty() {
        return false;
    }
    let bad = head
        .iter()
        .filter(|&&c| c == 0 || (c < 9) || (14..32).contains(&c) && c != 27)
        .count();
    bad * 50 > head.len() || head.contains(&0)
}

fn catch<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .ok()
        .flatten()
}

/// Cleans an HTML page given as bytes (any charset). `text` is the page's
/// text, one block per line; `body`, comments and furniture are ranges of it.
pub fn clean_html(html: &[u8], url: Option<&str>, opts: &CleanOptions) -> Result<Cleaned, String> {
    clean_html_with_charset(html, url, None, opts)
}

/// Like [`clean_html`], with the charset declared outside the page (HTTP
/// `Content-Type`), which the page's own `<meta>` cannot override.
pub fn clean_html_with_charset(
    html: &[u8],
    url: Option<&str>,
    charset: Option<&str>,
    opts: &CleanOptions,
) -> Result<Cleaned, String> {
    if looks_binary(html) {
        return Err("not an HTML page: binary content".to_string());
    }
    let cut = &html[..html.len().min(opts.max_html_bytes)];
    let (page, _enc) = decode_html(cut, charset);
    if !page.chars().any(|c| c.is_alphanumeric()) {
        return Err("empty page: no text".to_string());
    }
    if nesting_estimate(cut) > MAX_NESTING {
        // Too deep for a DOM: read the page as a text dump.
        let flat = strip_tags(&page);
        let mut c = clean_text(&flat, opts, None);
        c.url = url.map(str::to_string);
        return Ok(c);
    }
    let primary = catch(|| run_trafilatura(&page, url));
    let secondary = if opts.use_second_extractor {
        catch(|| run_smoothie(&page, url))
    } else {
        None
    };
    let blocks = catch(|| {
        let doc = Html::parse_document(&page);
        Some(page_blocks(&doc, MAX_BLOCKS))
    })
    .unwrap_or_default();
    let decisions = decide_blocks(blocks, primary.as_ref(), secondary.as_ref());
    Ok(assemble(decisions, primary.as_ref(), url))
}

/// Builds the record from the decided blocks.
fn assemble(
    decisions: Vec<BlockDecision>,
    primary: Option<&Primary>,
    url: Option<&str>,
) -> Cleaned {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(decisions.len());
    let mut pos = 0usize;
    for d in &decisions {
        if !text.is_empty() {
            text.push('\n');
            pos += 1;
        }
        let n = d.block.text.chars().count();
        text.push_str(&d.block.text);
        spans.push(CharSpan {
            begin: pos,
            end: pos + n,
        });
        pos += n;
    }
    let first_kept = decisions.iter().position(|d| d.keep);
    let last_kept = decisions.iter().rposition(|d| d.keep);

    // Comments: blocks inside reader-comment elements, grouped by element.
    let mut comments: Vec<Comment> = Vec::new();
    let mut comment_of: Vec<Option<usize>> = vec![None; decisions.len()];
    let mut item_index: Vec<(usize, usize)> = Vec::new();
    let mut last_at_depth: Vec<usize> = Vec::new();
    for (i, d) in decisions.iter().enumerate() {
        let Some(item) = d.block.comment_item else {
            continue;
        };
        if phrase_reason(&d.block.text).is_some() && word_count(&d.block.text) <= 6 {
            continue;
        }
        let n = match item_index.iter().find(|(it, _)| *it == item) {
            Some(&(_, n)) => {
                comments[n].span.end = spans[i].end;
                n
            }
            None => {
                let n = comments.len();
                let depth = d.block.comment_depth;
                last_at_depth.truncate(depth);
                let parent = if depth > 0 {
                    last_at_depth.get(depth - 1).copied()
                } else {
                    None
                };
                while last_at_depth.len() < depth {
                    last_at_depth.push(n);
                }
                last_at_depth.push(n);
                comments.push(Comment {
                    author: None,
                    date: None,
                    text: String::new(),
                    depth,
                    parent,
                    span: spans[i],
                    quotes_article: Vec::new(),
                });
                item_index.push((item, n));
                n
            }
        };
        comment_of[i] = Some(n);
        let t = &d.block.text;
        let c = &mut comments[n];
        let names = &d.block.tail;
        if c.author.is_none()
            && word_count(t) <= 5
            && (names.contains("author") || names.contains("fn") || names.contains("name"))
        {
            c.author = Some(
                t.trim_end_matches([':', ' '])
                    .trim_end_matches(" says")
                    .trim_end_matches(" dit")
                    .to_string(),
            );
            continue;
        }
        if c.author.is_none() && c.text.is_empty() {
            // "Name 8 November 2022" meta line.
            if let Some(fd) = find_dates(t).first() {
                let name = t[..fd.start]
                    .trim()
                    .trim_end_matches([',', '|', '-', '·', ' ']);
                if (1..=5).contains(&word_count(name)) && t[fd.end..].trim().chars().count() <= 20 {
                    c.author = Some(name.to_string());
                    c.date = Some(DateInfo::new(
                        fd.year,
                        fd.month,
                        fd.day,
                        format!("comment metadata: {t:?}"),
                    ));
                    continue;
                }
            }
        }
        if c.date.is_none() && is_date_line(t) {
            if let Some(fd) = find_dates(t).first() {
                c.date = Some(DateInfo::new(
                    fd.year,
                    fd.month,
                    fd.day,
                    format!("comment metadata: {t:?}"),
                ));
                continue;
            }
        }
        if !c.text.is_empty() {
            c.text.push('\n');
        }
        c.text.push_str(t);
    }
    comments.retain(|c| !c.text.is_empty());

    let title = primary
        .map(|p| p.meta.title.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| {
            decisions
                .iter()
                .find(|d| d.block.tag == "h1")
                .map(|d| d.block.text.clone())
        });
    let mut lines = Vec::with_capacity(decisions.len());
    let mut body: Vec<CharSpan> = Vec::new();
    let mut furniture = Vec::new();
    let mut title_marked = false;
    for (i, d) in decisions.iter().enumerate() {
        let kind = if let Some(n) = comment_of[i] {
            // Comment numbering after retain: find by span.
            let idx = comments
                .iter()
                .position(|c| c.span.begin <= spans[i].begin && spans[i].end <= c.span.end)
                .unwrap_or(n);
            LineKind::Comment(idx)
        } else if !title_marked
            && title.as_deref() == Some(d.block.text.as_str())
            && d.block.heading
        {
            title_marked = true;
            LineKind::Title
        } else if d.keep {
            LineKind::Body
        } else {
            let r = reason_of(d, i, first_kept, last_kept);
            furniture.push(Furniture {
                span: spans[i],
                reason: r,
            });
            LineKind::Furniture(r)
        };
        if kind == LineKind::Body {
            match body.last_mut() {
                Some(last)
                    if last.end + 1 == spans[i].begin
                        && lines
                            .last()
                            .map(|l: &LineDecision| l.kind == LineKind::Body)
                            .unwrap_or(false) =>
                {
                    last.end = spans[i].end
                }
                _ => body.push(spans[i]),
            }
        }
        lines.push(LineDecision {
            span: spans[i],
            kind,
        });
    }

    let meta = primary.map(|p| &p.meta);
    let date = meta.and_then(|m| m.date).map(|d| {
        use chrono::Datelike;
        DateInfo::new(
            d.year(),
            Some(d.month()),
            Some(d.day()),
            "html metadata".to_string(),
        )
    });
    let nonempty = |s: &str| {
        if s.trim().is_empty() {
            None
        } else {
            Some(s.trim().to_string())
        }
    };
    let body_text: String = body
        .iter()
        .map(|s| crate::text::slice_chars(&text, *s))
        .collect::<Vec<_>>()
        .join("\n");
    let language = detect_language(if body_text.len() >= 100 {
        &body_text
    } else {
        &text
    })
    .map(|(code, confidence)| Language {
        code,
        confidence,
        from_site: false,
    });
    let mut cleaned = Cleaned {
        body,
        title,
        date,
        site: meta.and_then(|m| nonempty(&m.sitename).or_else(|| nonempty(&m.hostname))),
        author: meta.and_then(|m| nonempty(&m.author)),
        language,
        url: url
            .map(str::to_string)
            .or_else(|| meta.and_then(|m| nonempty(&m.url))),
        comments,
        furniture,
        lines,
        text,
    };
    crate::quotes::mark_article_quotes(&mut cleaned);
    cleaned
}

fn reason_of(d: &BlockDecision, i: usize, first: Option<usize>, last: Option<usize>) -> Reason {
    if let Some(r) = phrase_reason(&d.block.text) {
        return r;
    }
    if let Some(r) = class_reason(&d.block.tail) {
        return r;
    }
    if d.block.link_density() >= 0.6 {
        return if d.block.path.contains("nav") || d.block.path.contains("menu") {
            Reason::Menu
        } else {
            Reason::LinkList
        };
    }
    match (first, last) {
        (Some(f), _) if i < f => Reason::Header,
        (_, Some(l)) if i > l => Reason::Footer,
        _ => Reason::NotMain,
    }
}
