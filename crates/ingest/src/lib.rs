//! echotrace-ingest: reads corpora into [`Document`]s, streaming.
//!
//! Inputs are folders of `.txt` articles and/or JSON lines files (plain or
//! gzip-compressed, passim-compatible records), or JSON lines on stdin.
//! [`read_inputs`] turns a list of inputs into one iterator of
//! `Result<Document, IngestError>`: file by file, line by line, in a
//! deterministic order, with bounded memory (one record at a time, records
//! larger than [`IngestOptions::max_doc_bytes`] skipped). Every problem with
//! the input is reported as one [`IngestError`] naming the file and line, and
//! reading goes on; nothing here panics on bad input.
//!
//! The pieces are usable alone: [`JsonlReader`] over any [`std::io::BufRead`],
//! [`read_text_file`], [`document_from_json`].

mod error;
mod format;
mod inputs;
mod jsonl;
mod record;
mod text;
mod walk;

pub use echotrace_core::Document;
pub use error::IngestError;
pub use format::{file_stem_id, FileFormat};
pub use inputs::{read_inputs, IngestStats, Inputs, MAX_SKIPPED_EXAMPLES};
pub use jsonl::{open_jsonl_file, stdin_jsonl, BoxedBufRead, JsonlReader};
pub use record::document_from_json;
pub use text::{read_text, read_text_file};

/// Default for [`IngestOptions::max_doc_bytes`]: 256 MiB.
pub const DEFAULT_MAX_DOC_BYTES: usize = 256 * 1024 * 1024;

/// Settings of the readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest accepted document, in bytes: the size of a `.txt` file, or
    /// the length of a JSON line. Larger ones are skipped with an error,
    /// without being held in memory.
    pub max_doc_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}
