//! Reading one `.txt` file as one article, kept byte-for-byte (only a
//! leading UTF-8 BOM is removed), with size, binary and UTF-8 checks.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use echotrace_core::Document;

use crate::error::{describe_io, IngestError};
use crate::format::file_stem_id;
use crate::IngestOptions;

/// Bytes at the start of a file searched for NUL bytes.
const SNIFF_LEN: usize = 8 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads `path` as one article: id = [`file_stem_id`], origin = the path.
///
/// A file larger than [`IngestOptions::max_doc_bytes`] is rejected from its
/// metadata, before reading. Errors concern the whole file (no location).
pub fn read_text_file(path: &Path, opts: &IngestOptions) -> Result<Document, IngestError> {
    let origin = path.display().to_string();
    let fail = |reason: String| IngestError::file(&origin, reason);
    let (file, size_hint) = open_regular(path, "a text file").map_err(fail)?;
    let text = read_text(file, size_hint, opts.max_doc_bytes).map_err(fail)?;
    Ok(Document {
        id: file_stem_id(path),
        text,
        origin: Some(origin),
        ..Document::default()
    })
}

/// Opens `path` for reading and returns it with its size when it is a
/// regular file. `what` names the expected kind in the error for a folder
/// (`a text file`).
pub(crate) fn open_regular(path: &Path, what: &str) -> Result<(File, Option<u64>), String> {
    let file = File::open(path).map_err(|e| format!("cannot open file: {}", describe_io(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read file metadata: {}", describe_io(&e)))?;
    if meta.is_dir() {
        return Err(format!("is a directory, not {what}"));
    }
    let size_hint = if meta.is_file() {
        Some(meta.len())
    } else {
        None
    };
    Ok((file, size_hint))
}

/// Why [`read_limited`] failed.
pub(crate) enum ReadFail {
    /// Larger than the limit; holds the size as it can be told (`5`, or
    /// `more than 4` when it was found while reading).
    TooLarge(String),
    /// A NUL byte in the first 8 KiB, at this offset.
    Nul(usize),
    /// A read or allocation error, described.
    Other(String),
}

/// Reads all of `reader`, checking, in order: the size given by `size_hint`
/// (if known), NUL bytes in the first 8 KiB, and the size actually read (at
/// most `max_bytes + 1` bytes are read).
pub(crate) fn read_limited<R: Read>(
    reader: R,
    size_hint: Option<u64>,
    max_bytes: usize,
) -> Result<Vec<u8>, ReadFail> {
    let max = max_bytes as u64;
    if let Some(size) = size_hint {
        if size > max {
            return Err(ReadFail::TooLarge(size.to_string()));
        }
    }
    let mut bytes = Vec::new();
    if let Some(size) = size_hint {
        // `size <= max_bytes`, so it fits in usize.
        let want = usize::try_from(size).unwrap_or(max_bytes);
        bytes.try_reserve_exact(want).map_err(|_| {
            ReadFail::Other(format!("cannot allocate {size} bytes for the document"))
        })?;
    }
    let mut reader = reader.take(max.saturating_add(1));
    // Look at the first bytes before reading on: binary data is rejected
    // without reading the rest.
    (&mut reader)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFail::Other(read_error(&e)))?;
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Err(ReadFail::Nul(p));
    }
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFail::Other(read_error(&e)))?;
    if bytes.len() as u64 > max {
        return Err(ReadFail::TooLarge(format!("more than {max_bytes}")));
    }
    Ok(bytes)
}

/// Reads a whole text from `reader`, checking, in order: the size given by
/// `size_hint` (if known), NUL bytes in the first 8 KiB, the size actually
/// read (at most `max_bytes + 1` bytes are read), UTF-8 validity, and that
/// the text is not blank. Returns the reason on
/// failure. A leading BOM is removed; nothing else is changed.
pub fn read_text<R: Read>(
    reader: R,
    size_hint: Option<u64>,
    max_bytes: usize,
) -> Result<String, String> {
    let mut bytes = read_limited(reader, size_hint, max_bytes).map_err(|f| match f {
        ReadFail::TooLarge(size) => format!(
            "document of {size} bytes is larger than the limit of {max_bytes} bytes (max_doc_bytes); skipped"
        ),
        ReadFail::Nul(p) => format!("binary or non-UTF-8 file (NUL byte at byte offset {p})"),
        ReadFail::Other(reason) => reason,
    })?;
    let skip = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
    bytes.drain(..skip);
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "binary or non-UTF-8 file (invalid UTF-8 at byte offset {})",
            skip + e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        return Err("empty text".to_string());
    }
    Ok(text)
}

fn read_error(e: &io::Error) -> String {
    format!("read error: {}", describe_io(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], max: usize) -> Result<String, String> {
        read_text(bytes, Some(bytes.len() as u64), max)
    }

    #[test]
    fn text_kept_exactly() {
        let s = "  Héllo,\r\n\twörld \u{a0}\n\n";
        assert_eq!(read(s.as_bytes(), 1000).unwrap(), s);
    }

    #[test]
    fn bom_removed_only_at_start() {
        let s = "\u{feff}a\u{feff}b";
        assert_eq!(read(s.as_bytes(), 1000).unwrap(), "a\u{feff}b");
    }

    #[test]
    fn blank_is_empty_text() {
        assert_eq!(read(b"", 10).unwrap_err(), "empty text");
        assert_eq!(read(b" \r\n\t", 10).unwrap_err(), "empty text");
        assert_eq!(read(b"\xEF\xBB\xBF\n", 10).unwrap_err(), "empty text");
    }

    #[test]
    fn nul_and_invalid_utf8() {
        let e = read(b"abc\0def", 100).unwrap_err();
        assert_eq!(e, "binary or non-UTF-8 file (NUL byte at byte offset 3)");
        let e = read(b"\xEF\xBB\xBFab\xFFcd", 100).unwrap_err();
        assert_eq!(
            e,
            "binary or non-UTF-8 file (invalid UTF-8 at byte offset 5)"
        );
        // A NUL beyond the first 8 KiB is valid UTF-8 and kept.
        let mut long = vec![b'a'; SNIFF_LEN];
        long.push(0);
        assert_eq!(read(&long, 100_000).unwrap().len(), SNIFF_LEN + 1);
    }

    #[test]
    fn size_limit_from_hint_and_from_stream() {
        let e = read(b"12345", 4).unwrap_err();
        assert!(
            e.starts_with("document of 5 bytes is larger than the limit of 4 bytes"),
            "{e}"
        );
        // Without a hint (pipe), the limit is enforced while reading.
        let e = read_text(&b"12345"[..], None, 4).unwrap_err();
        assert!(e.contains("more than 4 bytes"), "{e}");
        assert_eq!(read_text(&b"1234"[..], None, 4).unwrap(), "1234");
        // A wrong (too small) hint does not let a large file through.
        let e = read_text(&b"12345"[..], Some(1), 4).unwrap_err();
        assert!(e.contains("larger than the limit"), "{e}");
    }

    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }

    /// An endless stream of zeros (like `/dev/zero`).
    struct Zeros;
    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(0);
            Ok(buf.len())
        }
    }

    #[test]
    fn endless_streams_are_cut_short() {
        let e = read_text(Zeros, None, usize::MAX).unwrap_err();
        assert_eq!(e, "binary or non-UTF-8 file (NUL byte at byte offset 0)");
        let e = read_text(io::repeat(b'a'), None, 100_000).unwrap_err();
        assert!(e.contains("larger than the limit of 100000 bytes"), "{e}");
    }

    #[test]
    fn read_errors_reported() {
        assert_eq!(
            read_text(Failing, None, 10).unwrap_err(),
            "read error: disk on fire"
        );
    }
}
