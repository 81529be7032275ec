//! echotrace-ingest: reads corpora into [`Item`]s, streaming: ready
//! [`Document`]s and raw web [`Page`]s for the cleaner.
//!
//! Inputs are folders and files of:
//! * `.txt` articles and JSON lines (`.jsonl`, `.ndjson`, plain or gzip,
//!   passim-compatible records), or JSON lines on stdin → [`Item::Doc`];
//! * `.html`/`.htm` pages and WARC archives (`.warc`, `.warc.gz`, one or
//!   many gzip members) → [`Item::Page`]: undecoded bytes with the URL,
//!   crawl date and HTTP charset when the archive tells them. Turning a page
//!   into a document is the cleaning stage's job (`echotrace-clean`), which
//!   comes after ingest and is not a dependency of this crate.
//!
//! [`read_inputs`] turns a list of inputs into one iterator of
//! `Result<Item, IngestError>`: file by file, record by record, in a
//! deterministic order, with bounded memory (one record at a time, records
//! larger than [`IngestOptions::max_doc_bytes`] skipped). Every problem with
//! the input is reported as one [`IngestError`] naming the file and the line
//! or WARC record, and reading goes on; nothing here panics on bad input.
//! WARC responses that hold no HTML page (images, redirects, …) are not
//! errors but counted in [`IngestStats`].
//!
//! The pieces are usable alone: [`JsonlReader`] over any [`std::io::BufRead`],
//! [`WarcReader`] likewise, [`read_text_file`], [`read_html_file`],
//! [`document_from_json`].

mod error;
mod format;
mod html;
mod inputs;
mod item;
mod jsonl;
mod record;
mod text;
mod walk;
mod warc;

pub use echotrace_core::Document;
pub use error::IngestError;
pub use format::{file_stem_id, FileFormat};
pub use html::{read_html, read_html_file};
pub use inputs::{read_inputs, IngestStats, Inputs, MAX_SKIPPED_EXAMPLES};
pub use item::{Item, Page};
pub use jsonl::{open_jsonl_file, stdin_jsonl, BoxedBufRead, JsonlReader};
pub use record::document_from_json;
pub use text::{read_text, read_text_file};
pub use warc::{open_warc_file, WarcReader};

/// Default for [`IngestOptions::max_doc_bytes`]: 256 MiB.
pub const DEFAULT_MAX_DOC_BYTES: usize = 256 * 1024 * 1024;

/// Settings of the readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest accepted document, in bytes: the size of a `.txt` or `.html`
    /// file, the length of a JSON line, or the HTTP body of a WARC response
    /// (before and after decompression). Larger ones are skipped with an
    /// error, without being held in memory.
    pub max_doc_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}
