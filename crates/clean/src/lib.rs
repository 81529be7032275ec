//! Cleaning stage: turns text dumps, HTML pages and WARC records into clean
//! article records (body, comments, removed furniture, metadata).

pub mod blocks;
pub mod charset;
pub mod eval;
pub mod extract;
pub mod furniture;
pub mod html;

pub use charset::decode_html;
pub use eval::{eval_extraction, eval_extraction_detailed, normalise_ws, ExtractionScores, PageScore};
pub use extract::Extractor;
