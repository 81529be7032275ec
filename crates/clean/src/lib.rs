//! Cleaning stage: turns text dumps and HTML pages (files, or WARC records
//! read by `echotrace-ingest`) into clean article records (body, comments,
//! removed furniture, metadata).
//!
//! - [`clean_text`]: plain-text dumps; `text` stays as given, the body and
//!   everything else are character ranges into it.
//! - [`clean_html`]: HTML pages (any charset); the page's text is extracted
//!   and the body chosen by trafilatura, dom_smoothie and our block rules.
//! - [`SiteTemplates`]: what is learnt across one site's documents (template
//!   lines, settled language).
//! - [`eval_extraction`]: trafilatura's extraction metric on an annotated folder.

pub mod blocks;
pub mod charset;
pub mod comments;
pub mod dates;
pub mod eval;
pub mod extract;
pub mod furniture;
pub mod html;
pub mod lang;
pub mod quotes;
pub mod record;
pub mod templates;
pub mod text;

pub use charset::decode_html;
pub use dates::{DateInfo, Precision};
pub use eval::{
    eval_extraction, eval_extraction_detailed, normalise_ws, ExtractionScores, PageScore,
};
pub use extract::Extractor;
pub use furniture::Reason;
pub use html::{clean_html, clean_html_with_charset};
pub use record::{
    CleanOptions, Cleaned, Comment, CommentQuote, Furniture, Language, LineDecision, LineKind,
};
pub use templates::{LangCount, SiteTemplates};
pub use text::{clean_text, clean_text_keyed};
