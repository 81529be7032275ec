//! The error type of this crate: one problem with one input, located by file
//! and line (or WARC record), after which reading continues.

use std::io;

/// One problem with the input: which file, which line/record, what is wrong.
///
/// Displayed as `origin:location: reason`, or `origin: reason` when the
/// problem concerns a whole file (no location).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}{}: {reason}", location.as_ref().map(|l| format!(":{l}")).unwrap_or_default())]
pub struct IngestError {
    /// The file (as given or as found while walking a folder), or `<stdin>`.
    pub origin: String,
    /// The 1-based line number for JSON lines, `record N` (1-based) for WARC
    /// records, `None` for whole-file problems.
    pub location: Option<String>,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl IngestError {
    /// An error about a whole file.
    pub fn file(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        IngestError {
            origin: origin.into(),
            location: None,
            reason: reason.into(),
        }
    }

    /// An error about one line (1-based) of a file.
    pub fn line(origin: impl Into<String>, line: u64, reason: impl Into<String>) -> Self {
        IngestError {
            origin: origin.into(),
            location: Some(line.to_string()),
            reason: reason.into(),
        }
    }

    /// An error about one record (1-based) of a WARC file: location
    /// `record N`.
    pub fn record(origin: impl Into<String>, record: u64, reason: impl Into<String>) -> Self {
        IngestError {
            origin: origin.into(),
            location: Some(format!("record {record}")),
            reason: reason.into(),
        }
    }
}

/// Describes an I/O error in lower-case words, without the `(os error N)`
/// suffix for the common cases, e.g. `no such file or directory`.
pub(crate) fn describe_io(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_and_without_location() {
        let e = IngestError::line("a/b.jsonl", 17, "missing required field `id`");
        assert_eq!(e.to_string(), "a/b.jsonl:17: missing required field `id`");
        let e = IngestError::file("a/c.txt", "empty text");
        assert_eq!(e.to_string(), "a/c.txt: empty text");
        let e = IngestError::record("c.warc.gz", 3, "file ends inside the record headers");
        assert_eq!(
            e.to_string(),
            "c.warc.gz:record 3: file ends inside the record headers"
        );
    }

    #[test]
    fn io_descriptions() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe_io(&e), "no such file or directory");
        let e = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(describe_io(&e), "permission denied");
        let e = io::Error::other("boom");
        assert_eq!(describe_io(&e), "boom");
    }
}
