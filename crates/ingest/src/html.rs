//! Reading one `.html`/`.htm` file as one raw [`Page`]: its bytes as found
//! (any charset; decoding is the cleaner's job), with size, binary and
//! emptiness checks.

use std::io::Read;
use std::path::Path;

use crate::error::IngestError;
use crate::format::file_stem_id;
use crate::item::Page;
use crate::text::{open_regular, read_limited, ReadFail};
use crate::IngestOptions;

/// Reads `path` as one page: id = [`file_stem_id`], origin = the path, no
/// URL, date, charset or record number.
///
/// Errors concern the whole file (no location): a file larger than
/// [`IngestOptions::max_doc_bytes`] (rejected from its metadata, before
/// reading), a NUL byte in the first 8 KiB (a binary file, or UTF-16, named
/// `.html`), a blank file, or a read error.
pub fn read_html_file(path: &Path, opts: &IngestOptions) -> Result<Page, IngestError> {
    let origin = path.display().to_string();
    let fail = |reason: String| IngestError::file(&origin, reason);
    let (file, size_hint) = open_regular(path, "an HTML file").map_err(fail)?;
    let bytes = read_html(file, size_hint, opts.max_doc_bytes).map_err(fail)?;
    Ok(Page {
        id: file_stem_id(path),
        origin,
        bytes,
        ..Page::default()
    })
}

/// Reads a whole HTML page from `reader` with the checks of
/// [`read_html_file`]; returns the reason on failure. The bytes are kept
/// exactly (a BOM included: it tells the charset).
pub fn read_html<R: Read>(
    reader: R,
    size_hint: Option<u64>,
    max_bytes: usize,
) -> Result<Vec<u8>, String> {
    let bytes = read_limited(reader, size_hint, max_bytes).map_err(|f| match f {
        ReadFail::TooLarge(size) => format!(
            "page of {size} bytes is larger than the limit of {max_bytes} bytes (max_doc_bytes); skipped"
        ),
        ReadFail::Nul(p) => format!("binary file, not HTML (NUL byte at byte offset {p})"),
        ReadFail::Other(reason) => reason,
    })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty page".to_string());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], max: usize) -> Result<Vec<u8>, String> {
        read_html(bytes, Some(bytes.len() as u64), max)
    }

    #[test]
    fn bytes_kept_exactly() {
        let page = b"\xEF\xBB\xBF<html><p>caf\xE9</p></html>\r\n";
        assert_eq!(read(page, 1000).unwrap(), page);
    }

    #[test]
    fn binary_empty_and_too_large() {
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0", 100).unwrap_err(),
            "binary file, not HTML (NUL byte at byte offset 8)"
        );
        assert_eq!(read(b"", 100).unwrap_err(), "empty page");
        assert_eq!(read(b" \r\n\t", 100).unwrap_err(), "empty page");
        let e = read(b"<p>12345</p>", 4).unwrap_err();
        assert!(
            e.starts_with("page of 12 bytes is larger than the limit of 4 bytes"),
            "{e}"
        );
        let e = read_html(&b"<p>12345</p>"[..], None, 4).unwrap_err();
        assert!(e.contains("more than 4 bytes"), "{e}");
    }
}
