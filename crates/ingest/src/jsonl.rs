//! Streaming JSON lines reader over any [`BufRead`]: one record per line,
//! bounded memory (one line at a time, overlong lines discarded without being
//! buffered), one [`IngestError`] per bad line, then reading goes on.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use echotrace_core::Document;
use flate2::read::MultiGzDecoder;

use crate::error::{describe_io, IngestError};
use crate::record::document_from_json;
use crate::IngestOptions;

/// Buffer size used for files and stdin.
const READ_BUFFER: usize = 256 * 1024;
/// Bytes at the start of a stream searched for NUL bytes (binary files).
const SNIFF_LEN: u64 = 8 * 1024;
/// Line buffers larger than this are released after use.
const KEEP_BUFFER: usize = 4 * 1024 * 1024;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A boxed byte stream, as returned by [`open_jsonl_file`].
pub type BoxedBufRead = Box<dyn BufRead + Send>;

/// Reads documents from JSON lines, one record per line.
///
/// * Blank lines (only spaces, tabs, `\r`) are skipped silently; `\r\n` line
///   ends are accepted; a UTF-8 BOM at the start of the stream is ignored.
/// * Each bad line yields one error located at its 1-based line number:
///   invalid UTF-8 (with the byte offset in the line), malformed JSON (with
///   serde's message), a record that is not a valid document (see
///   [`document_from_json`]), or a line longer than
///   [`IngestOptions::max_doc_bytes`] (skipped without buffering it).
/// * A NUL byte in the first 8 KiB means a binary file: one error, and the
///   rest of the stream is skipped.
/// * A read error (e.g. truncated gzip) yields one error naming the line
///   reached, and ends the stream; earlier records have been returned.
///
/// Documents get `origin` = `"{origin}:{line}"`.
pub struct JsonlReader<R> {
    reader: R,
    origin: String,
    /// Longest accepted line, excluding the line end.
    max_line: usize,
    buf: Vec<u8>,
    /// Number of the last line read (1-based).
    line_no: u64,
    /// Bytes consumed from the stream so far.
    offset: u64,
    done: bool,
}

/// What [`JsonlReader::read_line`] found.
enum Line {
    Eof,
    /// A line, in `buf`, without its line end.
    Complete,
    /// A line too long to keep; it was discarded. Holds its length.
    TooLong(u64),
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads JSON lines from `reader`; `origin` names the source in errors
    /// and in [`Document::origin`] (e.g. a path or `<stdin>`).
    pub fn new(reader: R, origin: impl Into<String>, opts: &IngestOptions) -> Self {
        JsonlReader {
            reader,
            origin: origin.into(),
            max_line: opts.max_doc_bytes,
            buf: Vec::new(),
            line_no: 0,
            offset: 0,
            done: false,
        }
    }

    /// The name used for this source in errors and documents.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Number of lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.line_no
    }

    fn read_line(&mut self) -> io::Result<Line> {
        self.buf.clear();
        if self.buf.capacity() > KEEP_BUFFER {
            self.buf = Vec::new();
        }
        // Room for the content, a BOM, a `\r\n`, and one byte to detect
        // overflow; the exact length is checked once these are removed.
        let limit = (self.max_line as u64).saturating_add(6);
        let n = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buf)? as u64;
        if n == 0 {
            return Ok(Line::Eof);
        }
        let start = self.offset;
        self.offset += n;
        self.sniff_nul(start)?;
        let mut total = n;
        let ended = self.buf.last() == Some(&b'\n');
        if !ended && n == limit {
            total += self.reader.skip_until(b'\n')? as u64;
            self.offset = start + total;
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        if start == 0 && self.buf.starts_with(BOM) {
            self.buf.drain(..BOM.len());
        }
        if self.buf.len() > self.max_line || (!ended && n == limit) {
            self.buf.clear();
            return Ok(Line::TooLong(total));
        }
        Ok(Line::Complete)
    }

    /// Reports a NUL byte within the first [`SNIFF_LEN`] bytes of the stream
    /// as an `InvalidData` error carrying its offset.
    fn sniff_nul(&self, start: u64) -> io::Result<()> {
        if start >= SNIFF_LEN {
            return Ok(());
        }
        let span = usize::try_from(SNIFF_LEN - start).unwrap_or(usize::MAX);
        let head = &self.buf[..self.buf.len().min(span)];
        match head.iter().position(|&b| b == 0) {
            Some(p) => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                BinaryData(start + p as u64),
            )),
            None => Ok(()),
        }
    }

    fn parse_line(&mut self) -> Option<Result<Document, String>> {
        let line = &self.buf[..];
        if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            return None;
        }
        let text = match std::str::from_utf8(line) {
            Ok(t) => t,
            Err(e) => {
                return Some(Err(format!(
                    "invalid UTF-8 at byte offset {} of the line",
                    e.valid_up_to()
                )))
            }
        };
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return Some(Err(json_error(&e))),
        };
        let origin = format!("{}:{}", self.origin, self.line_no);
        Some(document_from_json(value, Some(origin)))
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = self.read_line();
            match line {
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(len)) => {
                    self.line_no += 1;
                    return Some(Err(IngestError::line(
                        &self.origin,
                        self.line_no,
                        format!(
                            "record of {len} bytes is larger than the limit of {} bytes (max_doc_bytes); skipped",
                            self.max_line
                        ),
                    )));
                }
                Ok(Line::Complete) => {
                    self.line_no += 1;
                    match self.parse_line() {
                        None => continue,
                        Some(Ok(doc)) => return Some(Ok(doc)),
                        Some(Err(reason)) => {
                            return Some(Err(IngestError::line(&self.origin, self.line_no, reason)))
                        }
                    }
                }
                Err(e) => {
                    self.done = true;
                    self.buf = Vec::new();
                    // The line being read when the stream failed.
                    let line = self.line_no + 1;
                    let reason = match e.get_ref().and_then(|i| i.downcast_ref::<BinaryData>()) {
                        Some(BinaryData(at)) => format!(
                            "binary or non-UTF-8 file (NUL byte at byte offset {at}); rest of the file skipped"
                        ),
                        None => format!(
                            "read error, rest of the file skipped: {}",
                            describe_io(&e)
                        ),
                    };
                    return Some(Err(IngestError::line(&self.origin, line, reason)));
                }
            }
        }
        None
    }
}

/// Marker carried in an `io::Error` for a NUL byte at the given offset.
#[derive(Debug)]
struct BinaryData(u64);

impl std::fmt::Display for BinaryData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NUL byte at byte offset {}", self.0)
    }
}

impl std::error::Error for BinaryData {}

/// `malformed JSON: <serde message> at column N` (the line number that serde
/// adds is always 1 here and is dropped).
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let bare = msg.strip_suffix(&suffix).unwrap_or(&msg);
    if e.column() > 0 {
        format!("malformed JSON: {bare} at column {}", e.column())
    } else {
        format!("malformed JSON: {bare}")
    }
}

/// Wraps a gzip decoder so its errors say that the compressed data is bad.
struct GzipErrors<R>(R);

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::Interrupted {
                e
            } else {
                io::Error::new(e.kind(), format!("truncated or corrupt gzip data ({e})"))
            }
        })
    }
}

/// Opens a JSON lines file, decompressing it when `gzip` is set (concatenated
/// gzip members are read as one stream). Errors name the file.
pub fn open_jsonl_file(
    path: &Path,
    gzip: bool,
    opts: &IngestOptions,
) -> Result<JsonlReader<BoxedBufRead>, IngestError> {
    let origin = path.display().to_string();
    let file = File::open(path).map_err(|e| {
        IngestError::file(&origin, format!("cannot open file: {}", describe_io(&e)))
    })?;
    let reader: BoxedBufRead = if gzip {
        let decoder = MultiGzDecoder::new(BufReader::with_capacity(READ_BUFFER, file));
        Box::new(BufReader::with_capacity(READ_BUFFER, GzipErrors(decoder)))
    } else {
        Box::new(BufReader::with_capacity(READ_BUFFER, file))
    };
    Ok(JsonlReader::new(reader, origin, opts))
}

/// JSON lines from standard input, named `<stdin>` in errors and origins.
pub fn stdin_jsonl(opts: &IngestOptions) -> JsonlReader<BoxedBufRead> {
    let reader: BoxedBufRead = Box::new(BufReader::with_capacity(READ_BUFFER, io::stdin()));
    JsonlReader::new(reader, "<stdin>", opts)
}
