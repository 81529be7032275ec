//! Streaming JSON lines reader over any [`BufRead`]: one record per line,
//! bounded memory (one line at a time, overlong lines discarded without being
//! buffered), one [`IngestError`] per bad line, then reading goes on.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use echotrace_core::Document;
use flate2::read::MultiGzDecoder;

use crate::error::{describe_io, IngestError};
use crate::record::document_from_json;
use crate::IngestOptions;

/// Buffer size used for files and stdin.
const READ_BUFFER: usize = 256 * 1024;
/// Bytes at the start of a stream searched for NUL bytes (binary files).
const SNIFF_LEN: usize = 8 * 1024;
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
/// * A NUL byte in the first 8 KiB means a binary file: one error for the
///   whole stream (no location), and nothing is read from it. (So the first
///   record comes out once 8 KiB, or the whole stream if shorter, is read.)
/// * A read error (e.g. truncated gzip) yields one error naming the line
///   reached, and ends the stream; earlier records have been returned.
///
/// Documents get `origin` = `"{origin}:{line}"`.
pub struct JsonlReader<R> {
    /// The first bytes of the stream (read ahead to detect binary data),
    /// then the rest of it.
    reader: Prefixed<R>,
    /// Whether the first bytes have been read ahead yet.
    sniffed: bool,
    origin: String,
    /// Longest accepted line, excluding the line end.
    max_line: usize,
    buf: Vec<u8>,
    /// Number of the last line read (1-based).
    line_no: u64,
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
            reader: Prefixed {
                head: Cursor::new(Vec::new()),
                error: None,
                rest: reader,
            },
            sniffed: false,
            origin: origin.into(),
            max_line: opts.max_doc_bytes,
            buf: Vec::new(),
            line_no: 0,
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
        let mut total = n;
        let ended = self.buf.last() == Some(&b'\n');
        if !ended && n == limit {
            total += self.reader.skip_until(b'\n')? as u64;
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        if self.line_no == 0 && self.buf.starts_with(BOM) {
            self.buf.drain(..BOM.len());
        }
        if self.buf.len() > self.max_line || (!ended && n == limit) {
            self.buf.clear();
            return Ok(Line::TooLong(total));
        }
        Ok(Line::Complete)
    }

    /// Reads ahead the first [`SNIFF_LEN`] bytes and rejects the stream if
    /// they contain a NUL byte (binary data, UTF-16, …).
    fn sniff(&mut self) -> Result<(), IngestError> {
        self.sniffed = true;
        let mut bytes = Vec::with_capacity(SNIFF_LEN);
        let read = (&mut self.reader.rest)
            .take(SNIFF_LEN as u64)
            .read_to_end(&mut bytes);
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            self.done = true;
            return Err(IngestError::file(
                &self.origin,
                format!("binary or non-UTF-8 file (NUL byte at byte offset {at}); skipped"),
            ));
        }
        self.reader.head = Cursor::new(bytes);
        // A read error is raised once the good bytes before it are used.
        self.reader.error = read.err();
        Ok(())
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
        if !self.sniffed {
            if let Err(e) = self.sniff() {
                return Some(Err(e));
            }
        }
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
                    let reason =
                        format!("read error, rest of the file skipped: {}", describe_io(&e));
                    return Some(Err(IngestError::line(&self.origin, line, reason)));
                }
            }
        }
        None
    }
}

/// A stream whose first bytes were read ahead into `head`; `error` is the
/// error met while reading ahead, raised after `head` is used up.
struct Prefixed<R> {
    head: Cursor<Vec<u8>>,
    error: Option<io::Error>,
    rest: R,
}

impl<R> Prefixed<R> {
    fn head_left(&self) -> bool {
        (self.head.position() as usize) < self.head.get_ref().len()
    }
}

impl<R: BufRead> Read for Prefixed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Prefixed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head_left() {
            return self.head.fill_buf();
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.rest.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.head_left() {
            self.head.consume(amount);
        } else {
            self.rest.consume(amount);
        }
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(max: usize) -> IngestOptions {
        IngestOptions { max_doc_bytes: max }
    }

    /// Reads `data` through a buffer of `cap` bytes (small values make lines
    /// span many buffer refills).
    fn read_all(data: &[u8], cap: usize, max: usize) -> Vec<Result<Document, IngestError>> {
        JsonlReader::new(BufReader::with_capacity(cap, data), "in.jsonl", &opts(max)).collect()
    }

    /// `(id, origin)` of documents, `error string` of errors.
    fn summary(items: &[Result<Document, IngestError>]) -> Vec<String> {
        items
            .iter()
            .map(|r| match r {
                Ok(d) => format!("{} @ {}", d.id, d.origin.as_deref().unwrap_or("")),
                Err(e) => format!("ERR {e}"),
            })
            .collect()
    }

    #[test]
    fn reads_records_with_line_origins() {
        let data = b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":2,\"text\":\"y\",\"k\":1}\n";
        for cap in [1, 3, 7, 64 * 1024] {
            let items = read_all(data, cap, 1000);
            assert_eq!(summary(&items), ["a @ in.jsonl:1", "2 @ in.jsonl:2"]);
            let d = items[1].as_ref().unwrap();
            assert_eq!(d.text, "y");
            assert_eq!(d.extra["k"], 1);
        }
    }

    #[test]
    fn blank_lines_crlf_bom_and_missing_final_newline() {
        let data = b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n   \n\t\n{\"id\":\"b\",\"text\":\"y\\r\\n\"}";
        for cap in [1, 2, 5, 4096] {
            let items = read_all(data, cap, 1000);
            assert_eq!(summary(&items), ["a @ in.jsonl:1", "b @ in.jsonl:5"]);
            assert_eq!(items[1].as_ref().unwrap().text, "y\r\n");
        }
        assert!(read_all(b"", 8, 10).is_empty());
        assert!(read_all(b"\n\n\r\n", 8, 10).is_empty());
        assert!(read_all(b"\xEF\xBB\xBF", 8, 10).is_empty());
    }

    #[test]
    fn bom_only_stripped_at_start_of_stream() {
        let data = b"{\"id\":\"a\",\"text\":\"x\"}\n\xEF\xBB\xBF{\"id\":\"b\",\"text\":\"y\"}\n";
        let s = summary(&read_all(data, 4096, 1000));
        assert_eq!(s[0], "a @ in.jsonl:1");
        assert!(
            s[1].starts_with("ERR in.jsonl:2: malformed JSON: "),
            "{}",
            s[1]
        );
    }

    #[test]
    fn each_bad_line_is_one_error_and_reading_continues() {
        let lines: [&[u8]; 11] = [
            br#"{"id":"ok1","text":"fine"}"#,
            br#"{"id":"x","text":"broken"#,
            br#"[1,2,3]"#,
            br#"{"text":"no id"}"#,
            br#"{"id":"y"}"#,
            br#"{"id":"z","text":42}"#,
            b"{\"id\":\"u\",\"text\":\"caf\xC3\"}",
            br#"{"id":"e","text":"  \n "}"#,
            br#"{"id":"o","text":"t","title":{"a":1}}"#,
            br#"{"id":"d","text":"t","date":20240102}"#,
            br#"{"id":"ok2","text":"fine"}"#,
        ];
        let data = lines.join(&b'\n');
        let s = summary(&read_all(&data, 4096, 1000));
        assert_eq!(s.len(), 11);
        assert_eq!(s[0], "ok1 @ in.jsonl:1");
        assert_eq!(
            s[1],
            "ERR in.jsonl:2: malformed JSON: EOF while parsing a string at column 24"
        );
        assert_eq!(
            s[2],
            "ERR in.jsonl:3: expected a JSON object, found an array"
        );
        assert_eq!(s[3], "ERR in.jsonl:4: missing required field `id`");
        assert_eq!(s[4], "ERR in.jsonl:5: missing required field `text`");
        assert_eq!(
            s[5],
            "ERR in.jsonl:6: field `text` must be a string, found a number"
        );
        assert_eq!(
            s[6],
            "ERR in.jsonl:7: invalid UTF-8 at byte offset 21 of the line"
        );
        assert_eq!(s[7], "ERR in.jsonl:8: empty text");
        assert_eq!(
            s[8],
            "ERR in.jsonl:9: field `title` must be a string, found an object"
        );
        assert_eq!(s[9], "d @ in.jsonl:10");
        assert_eq!(s[10], "ok2 @ in.jsonl:11");
    }

    #[test]
    fn trailing_garbage_is_malformed() {
        let s = summary(&read_all(
            br#"{"id":"a","text":"x"} {"id":"b"}"#,
            4096,
            1000,
        ));
        assert_eq!(s.len(), 1);
        assert!(
            s[0].starts_with("ERR in.jsonl:1: malformed JSON: trailing characters"),
            "{}",
            s[0]
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut line = String::from(r#"{"id":"a","text":"x","deep":"#);
        line.push_str(&"[".repeat(100_000));
        let s = summary(&read_all(line.as_bytes(), 4096, 1_000_000));
        assert_eq!(s.len(), 1);
        assert!(s[0].contains("recursion limit exceeded"), "{}", s[0]);
    }

    #[test]
    fn size_limit_applies_to_the_line_without_its_end() {
        // 20 bytes of JSON.
        let rec = br#"{"id":"a","text":"x"}"#;
        assert_eq!(rec.len(), 21);
        for cap in [1, 4, 4096] {
            for end in [&b"\n"[..], b"\r\n", b""] {
                let mut data = rec.to_vec();
                data.extend_from_slice(end);
                let ok = read_all(&data, cap, 21);
                assert_eq!(summary(&ok), ["a @ in.jsonl:1"], "cap {cap} end {end:?}");
                let mut bom = b"\xEF\xBB\xBF".to_vec();
                bom.extend_from_slice(&data);
                assert_eq!(summary(&read_all(&bom, cap, 21)), ["a @ in.jsonl:1"]);
                let err = read_all(&data, cap, 20);
                assert_eq!(err.len(), 1);
                let e = err[0].as_ref().unwrap_err();
                assert_eq!(e.location.as_deref(), Some("1"));
                assert!(
                    e.reason.contains("larger than the limit of 20 bytes"),
                    "{e}"
                );
            }
        }
    }

    #[test]
    fn overlong_lines_are_skipped_and_counted() {
        let long = format!(r#"{{"id":"big","text":"{}"}}"#, "z".repeat(10_000));
        let data = format!(
            "{}\n{long}\n{}\n{long}",
            r#"{"id":"a","text":"x"}"#, r#"{"id":"b","text":"y"}"#
        );
        for cap in [3, 100, 64 * 1024] {
            let s = summary(&read_all(data.as_bytes(), cap, 100));
            assert_eq!(
                s,
                [
                    "a @ in.jsonl:1".to_string(),
                    format!(
                        "ERR in.jsonl:2: record of {} bytes is larger than the limit of 100 bytes (max_doc_bytes); skipped",
                        long.len() + 1
                    ),
                    "b @ in.jsonl:3".to_string(),
                    format!(
                        "ERR in.jsonl:4: record of {} bytes is larger than the limit of 100 bytes (max_doc_bytes); skipped",
                        long.len()
                    ),
                ]
            );
        }
    }

    #[test]
    fn huge_limit_does_not_overflow() {
        let s = summary(&read_all(br#"{"id":"a","text":"x"}"#, 16, usize::MAX));
        assert_eq!(s, ["a @ in.jsonl:1"]);
    }

    #[test]
    fn nul_in_first_8k_stops_the_file_with_one_error() {
        let mut data = br#"{"id":"a","text":"x"}"#.to_vec();
        data.push(b'\n');
        data.extend_from_slice(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n\n\n\0\0more\nstuff");
        for cap in [2, 4096] {
            let s = summary(&read_all(&data, cap, 1000));
            assert_eq!(
                s,
                ["ERR in.jsonl: binary or non-UTF-8 file (NUL byte at byte offset 30); skipped"]
            );
        }
        // UTF-16 text is full of NUL bytes.
        let utf16: Vec<u8> = "{\"id\":\"a\"}"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let s = summary(&read_all(&utf16, 4096, 1000));
        assert_eq!(s.len(), 1);
        assert!(s[0].contains("binary or non-UTF-8 file"), "{}", s[0]);
    }

    #[test]
    fn nul_after_first_8k_is_a_line_error_only() {
        let mut data = Vec::new();
        let mut n = 0;
        while data.len() < 9000 {
            n += 1;
            data.extend_from_slice(format!("{{\"id\":\"{n}\",\"text\":\"x\"}}\n").as_bytes());
        }
        data.extend_from_slice(
            b"{\"id\":\"bad\",\"text\":\"\0\"}\n{\"id\":\"last\",\"text\":\"x\"}\n",
        );
        let items = read_all(&data, 4096, 1000);
        assert_eq!(items.len(), n + 2);
        let e = items[n].as_ref().unwrap_err();
        assert_eq!(e.location, Some((n + 1).to_string()));
        assert!(
            e.reason.starts_with("malformed JSON: control character"),
            "{e}"
        );
        assert_eq!(items[n + 1].as_ref().unwrap().id, "last");
    }

    /// Yields `data` up to `fail_at`, then fails with "device gone" for
    /// ever, or, if `interrupt`, returns one `Interrupted` error there and
    /// goes on.
    struct Flaky {
        data: Vec<u8>,
        pos: usize,
        fail_at: usize,
        interrupt: bool,
    }

    impl Read for Flaky {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pos == self.fail_at {
                if !self.interrupt {
                    return Err(io::Error::other("device gone"));
                }
                self.fail_at = usize::MAX;
                return Err(io::ErrorKind::Interrupted.into());
            }
            let end = self
                .data
                .len()
                .min(self.pos + buf.len())
                .min(if self.pos < self.fail_at {
                    self.fail_at
                } else {
                    usize::MAX
                });
            let n = end - self.pos;
            buf[..n].copy_from_slice(&self.data[self.pos..end]);
            self.pos = end;
            Ok(n)
        }
    }

    fn three_records() -> Vec<u8> {
        b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n{\"id\":\"c\",\"text\":\"z\"}\n"
            .to_vec()
    }

    #[test]
    fn read_error_names_the_line_reached_and_ends_the_stream() {
        let data = three_records();
        let flaky = Flaky {
            data,
            pos: 0,
            fail_at: 30, // inside line 2
            interrupt: false,
        };
        let r = JsonlReader::new(BufReader::with_capacity(8, flaky), "f.jsonl", &opts(100));
        let s = summary(&r.collect::<Vec<_>>());
        assert_eq!(
            s,
            [
                "a @ f.jsonl:1",
                "ERR f.jsonl:2: read error, rest of the file skipped: device gone"
            ]
        );
    }

    #[test]
    fn interrupted_reads_are_retried() {
        let flaky = Flaky {
            data: three_records(),
            pos: 0,
            fail_at: 30,
            interrupt: true,
        };
        let r = JsonlReader::new(BufReader::with_capacity(8, flaky), "f.jsonl", &opts(100));
        assert_eq!(r.filter(Result::is_ok).count(), 3);
    }

    #[test]
    fn accessors() {
        let data = three_records();
        let mut r = JsonlReader::new(&data[..], "o", &opts(100));
        assert_eq!(r.origin(), "o");
        r.next();
        assert_eq!(r.lines_read(), 1);
        assert_eq!(r.by_ref().count(), 2);
        assert_eq!(r.lines_read(), 3);
        assert!(r.next().is_none());
    }
}
