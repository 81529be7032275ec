//! Streaming WARC reader (`.warc` and `.warc.gz`, one or many gzip members):
//! yields the HTML payloads of `response` records with their URL and crawl
//! date. A truncated or corrupt record gives an error naming the file, the
//! record number and what went wrong, and reading goes on with the next
//! record (the next gzip member, or the next `WARC/` header line).

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

/// Payloads larger than this are skipped with an error.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// One HTML response.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcRecord {
    /// `WARC-Target-URI`.
    pub url: String,
    /// `WARC-Date` (the crawl time, not the publication date).
    pub date: Option<String>,
    /// The HTTP body (de-chunked and decompressed when the headers say so).
    pub html: Vec<u8>,
    /// `charset` from the HTTP `Content-Type`, if any.
    pub charset: Option<String>,
    /// 1-based number of the record in the file (all record types counted).
    pub record: usize,
}

/// What went wrong with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarcErrorKind {
    Io,
    /// The file ends inside a record.
    Truncated,
    /// Bytes that are not a WARC record, or a damaged gzip member.
    Corrupt,
    /// A response whose payload is not HTML.
    NotHtml,
    TooLarge,
}

/// An error naming the file and the record.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcError {
    pub file: PathBuf,
    /// 1-based record number (0 when the file could not be opened).
    pub record: usize,
    /// `WARC-Target-URI` when known.
    pub url: Option<String>,
    pub kind: WarcErrorKind,
    pub message: String,
}

impl fmt::Display for WarcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: record {}", self.file.display(), self.record)?;
        if let Some(u) = &self.url {
            write!(f, " ({u})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for WarcError {}

enum Source {
    Plain(BufReader<File>),
    Gz(BufReader<MultiGzDecoder<BufReader<File>>>),
    Done,
}

/// Iterator over the HTML responses of one WARC file.
pub struct WarcReader {
    path: PathBuf,
    src: Source,
    record: usize,
}

/// Opens a `.warc` or `.warc.gz` file (gzip is recognised by its magic bytes).
pub fn read_warc(path: &Path) -> Result<WarcReader, WarcError> {
    let err = |m: String| WarcError {
        file: path.to_path_buf(),
        record: 0,
        url: None,
        kind: WarcErrorKind::Io,
        message: m,
    };
    let f = File::open(path).map_err(|e| err(e.to_string()))?;
    let mut r = BufReader::with_capacity(1 << 16, f);
    let head = r.fill_buf().map_err(|e| err(e.to_string()))?;
    let gz = head.len() >= 2 && head[0] == 0x1f && head[1] == 0x8b;
    let src = if gz {
        Source::Gz(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(r)))
    } else {
        Source::Plain(r)
    };
    Ok(WarcReader {
        path: path.to_path_buf(),
        src,
        record: 0,
    })
}

struct RawRecord {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl RawRecord {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum ReadOutcome {
    Eof,
    Record(RawRecord),
    Failed(WarcErrorKind, String, Option<String>),
}

fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    // Header lines are short; a huge "line" means we are not in a header.
    let n = r.by_ref().take(64 * 1024).read_until(b'\n', buf)?;
    Ok(n)
}

fn read_record<R: BufRead>(r: &mut R) -> ReadOutcome {
    let mut line = Vec::new();
    // Skip blank lines between records.
    loop {
        match read_line(r, &mut line) {
            Ok(0) => return ReadOutcome::Eof,
            Ok(_) => {
                if line.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                break;
            }
            Err(e) => return io_failure(e),
        }
    }
    if !line.starts_with(b"WARC/") {
        return ReadOutcome::Failed(
            WarcErrorKind::Corrupt,
            "not a WARC record header".to_string(),
            None,
        );
    }
    let mut headers = Vec::new();
    loop {
        match read_line(r, &mut line) {
            Ok(0) => {
                return ReadOutcome::Failed(
                    WarcErrorKind::Truncated,
                    "file ends inside the record headers".into(),
                    None,
                )
            }
            Ok(_) => {
                let t = String::from_utf8_lossy(&line);
                let t = t.trim_end_matches(['\r', '\n']);
                if t.is_empty() {
                    break;
                }
                if let Some((k, v)) = t.split_once(':') {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            Err(e) => return io_failure(e),
        }
    }
    let url = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("WARC-Target-URI"))
        .map(|(_, v)| v.clone());
    let len = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<u64>().ok());
    let Some(len) = len else {
        return ReadOutcome::Failed(
            WarcErrorKind::Corrupt,
            "record without a valid Content-Length".into(),
            url,
        );
    };
    if len > MAX_RECORD_BYTES {
        // Skip the block without keeping it.
        return match std::io::copy(&mut r.by_ref().take(len), &mut std::io::sink()) {
            Ok(n) if n == len => ReadOutcome::Failed(
                WarcErrorKind::TooLarge,
                format!("record of {len} bytes skipped"),
                url,
            ),
            Ok(n) => ReadOutcome::Failed(
                WarcErrorKind::Truncated,
                format!("file ends after {n} of {len} bytes"),
                url,
            ),
            Err(e) => ReadOutcome::Failed(WarcErrorKind::Corrupt, e.to_string(), url),
        };
    }
    let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
    match r.by_ref().take(len).read_to_end(&mut block) {
        Ok(n) if n as u64 == len => {}
        Ok(n) => {
            return ReadOutcome::Failed(
                WarcErrorKind::Truncated,
                format!("file ends after {n} of {len} bytes of the record"),
                url,
            )
        }
        Err(e) => return ReadOutcome::Failed(WarcErrorKind::Corrupt, e.to_string(), url),
    }
    ReadOutcome::Record(RawRecord { headers, block })
}

fn io_failure(e: std::io::Error) -> ReadOutcome {
    let kind = if e.kind() == std::io::ErrorKind::UnexpectedEof {
        WarcErrorKind::Truncated
    } else {
        WarcErrorKind::Corrupt
    };
    ReadOutcome::Failed(kind, e.to_string(), None)
}

/// Moves `r` to the next gzip member magic (1f 8b 08), if any.
fn seek_gzip_magic<R: BufRead>(r: &mut R) -> bool {
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(_) => return false,
        };
        if buf.is_empty() {
            return false;
        }
        if buf.len() < 3 {
            r.consume(1);
            continue;
        }
        if let Some(i) = buf.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
            if i == 0 {
                return true;
            }
            r.consume(i);
        } else {
            let n = buf.len() - 2;
            r.consume(n);
        }
    }
}

/// Moves a plain reader to the next line starting with `WARC/`.
fn seek_warc_line<R: BufRead>(r: &mut R) -> bool {
    loop {
        let buf = match r.fill_buf() {
            Ok(b) => b,
            Err(_) => return false,
        };
        if buf.is_empty() {
            return false;
        }
        if buf.starts_with(b"WARC/") {
            return true;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => r.consume(i + 1),
            None => {
                let n = buf.len();
                r.consume(n)
            }
        }
    }
}

impl WarcReader {
    fn fail(&self, kind: WarcErrorKind, message: String, url: Option<String>) -> WarcError {
        WarcError {
            file: self.path.clone(),
            record: self.record,
            url,
            kind,
            message,
        }
    }

    /// After a failure: skip to where the next record may start.
    fn resync(&mut self) {
        let src = std::mem::replace(&mut self.src, Source::Done);
        self.src = match src {
            Source::Plain(mut r) => {
                if seek_warc_line(&mut r) {
                    Source::Plain(r)
                } else {
                    Source::Done
                }
            }
            Source::Gz(r) => {
                let mut inner = r.into_inner().into_inner();
                if seek_gzip_magic(&mut inner) {
                    Source::Gz(BufReader::with_capacity(
                        1 << 16,
                        MultiGzDecoder::new(inner),
                    ))
                } else {
                    Source::Done
                }
            }
            Source::Done => Source::Done,
        };
    }
}

impl Iterator for WarcReader {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let out = match &mut self.src {
                Source::Plain(r) => read_record(r),
                Source::Gz(r) => read_record(r),
                Source::Done => return None,
            };
            match out {
                ReadOutcome::Eof => {
                    self.src = Source::Done;
                    return None;
                }
                ReadOutcome::Failed(kind, msg, url) => {
                    self.record += 1;
                    let e = self.fail(kind, msg, url);
                    if kind != WarcErrorKind::TooLarge {
                        self.resync();
                    }
                    return Some(Err(e));
                }
                ReadOutcome::Record(rec) => {
                    self.record += 1;
                    if !rec
                        .header("WARC-Type")
                        .map(|t| t.eq_ignore_ascii_case("response"))
                        .unwrap_or(false)
                    {
                        continue;
                    }
                    let url = rec
                        .header("WARC-Target-URI")
                        .unwrap_or("")
                        .trim_matches(['<', '>'])
                        .to_string();
                    let date = rec.header("WARC-Date").map(str::to_string);
                    match http_payload(&rec.block) {
                        Ok(None) => continue,
                        Ok(Some((html, charset))) => {
                            return Some(Ok(WarcRecord {
                                url,
                                date,
                                html,
                                charset,
                                record: self.record,
                            }));
                        }
                        Err((kind, msg)) => return Some(Err(self.fail(kind, msg, Some(url)))),
                    }
                }
            }
        }
    }
}

/// Splits an HTTP response into headers and body; `Ok(None)` for responses
/// without a page (redirects, errors, empty bodies).
#[allow(clippy::type_complexity)]
fn http_payload(
    block: &[u8],
) -> Result<Option<(Vec<u8>, Option<String>)>, (WarcErrorKind, String)> {
    let (head_end, sep) = match find(block, b"\r\n\r\n") {
        Some(p) => (p, 4),
        None => match find(block, b"\n\n") {
            Some(p) => (p, 2),
            None => {
                return Err((
                    WarcErrorKind::Corrupt,
                    "HTTP response without a header end".into(),
                ))
            }
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    if !status.starts_with("HTTP/") {
        return Err((
            WarcErrorKind::Corrupt,
            "payload is not an HTTP response".into(),
        ));
    }
    let code: u32 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let mut ctype = None;
    let mut chunked = false;
    let mut gzip = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-type" => ctype = Some(v.to_string()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => gzip = v.to_ascii_lowercase().contains("gzip"),
                _ => {}
            }
        }
    }
    let mut body = block[head_end + sep..].to_vec();
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if gzip && body.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        if MultiGzDecoder::new(&body[..])
            .take(MAX_RECORD_BYTES)
            .read_to_end(&mut out)
            .is_ok()
        {
            body = out;
        }
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Ok(None);
    }
    let is_html = match &ctype {
        Some(t) => {
            let t = t.to_ascii_lowercase();
            t.contains("html") || (t.starts_with("text/plain") && sniff_html(&body))
        }
        None => sniff_html(&body),
    };
    if !is_html {
        return Err((
            WarcErrorKind::NotHtml,
            format!(
                "payload is {}, not HTML",
                ctype.as_deref().unwrap_or("of unknown type")
            ),
        ));
    }
    let charset = ctype.as_deref().and_then(|t| {
        let l = t.to_ascii_lowercase();
        l.find("charset=").map(|p| {
            l[p + 8..]
                .trim_matches(['"', '\'', ' ', ';'])
                .split(';')
                .next()
                .unwrap_or("")
                .to_string()
        })
    });
    Ok(Some((body, charset.filter(|c| !c.is_empty()))))
}

fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body
        .iter()
        .take(1024)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    find(&head, b"<html").is_some()
        || find(&head, b"<!doctype html").is_some()
        || find(&head, b"<head").is_some()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    loop {
        let nl = find(&b[i..], b"\r\n")? + i;
        let size_str = std::str::from_utf8(&b[i..nl]).ok()?;
        let size = usize::from_str_radix(size_str.split(';').next()?.trim(), 16).ok()?;
        i = nl + 2;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        if end > b.len() {
            return None;
        }
        out.extend_from_slice(&b[i..end]);
        i = end + 2;
        if i > b.len() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn record(kind: &str, url: &str, payload: &[u8]) -> Vec<u8> {
        let mut v = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2021-07-23T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            payload.len()
        )
        .into_bytes();
        v.extend_from_slice(payload);
        v.extend_from_slice(b"\r\n\r\n");
        v
    }

    fn http(ctype: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn plain_file_with_bad_records() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.warc");
        let mut data = record("warcinfo", "", b"software: test");
        data.extend(record(
            "response",
            "http://x/1",
            &http("text/html; charset=utf-8", "<html><p>one</p></html>"),
        ));
        data.extend(record(
            "response",
            "http://x/img",
            &http("image/png", "\u{1}PNG"),
        ));
        data.extend(b"garbage line\r\n");
        data.extend(record(
            "response",
            "http://x/2",
            &http("text/html", "<html><p>two</p></html>"),
        ));
        let mut last = record(
            "response",
            "http://x/3",
            &http("text/html", "<html><p>three</p></html>"),
        );
        last.truncate(last.len() - 15);
        data.extend(last);
        std::fs::write(&p, data).unwrap();
        let items: Vec<_> = read_warc(&p).unwrap().collect();
        let ok: Vec<&WarcRecord> = items.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(
            ok.iter().map(|r| r.url.as_str()).collect::<Vec<_>>(),
            vec!["http://x/1", "http://x/2"]
        );
        assert_eq!(ok[0].charset.as_deref(), Some("utf-8"));
        let errs: Vec<&WarcError> = items.iter().filter_map(|r| r.as_ref().err()).collect();
        let kinds: Vec<WarcErrorKind> = errs.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                WarcErrorKind::NotHtml,
                WarcErrorKind::Corrupt,
                WarcErrorKind::Truncated
            ]
        );
        assert!(
            errs[2].to_string().contains("a.warc: record"),
            "{}",
            errs[2]
        );
    }

    #[test]
    fn gzip_members_with_a_corrupt_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.warc.gz");
        let gz = |b: &[u8]| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(b).unwrap();
            e.finish().unwrap()
        };
        let mut data = gz(&record(
            "response",
            "http://x/1",
            &http("text/html", "<html><p>one</p></html>"),
        ));
        let mut bad = gz(&record(
            "response",
            "http://x/bad",
            &http("text/html", "<html><p>bad</p></html>"),
        ));
        let mid = bad.len() / 2;
        for b in &mut bad[mid..mid + 8] {
            *b ^= 0x5a;
        }
        data.extend(bad);
        data.extend(gz(&record(
            "response",
            "http://x/2",
            &http("text/html", "<html><p>two</p></html>"),
        )));
        std::fs::write(&p, data).unwrap();
        let items: Vec<_> = read_warc(&p).unwrap().collect();
        let urls: Vec<String> = items
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|r| r.url.clone())
            .collect();
        assert_eq!(urls.first().map(String::as_str), Some("http://x/1"));
        assert_eq!(urls.last().map(String::as_str), Some("http://x/2"));
        assert!(items.iter().any(|r| r.is_err()));
    }

    #[test]
    fn chunked_body() {
        let body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n3\r\n><p\r\n0\r\n\r\n";
        let (b, _) = http_payload(body).unwrap().unwrap();
        assert_eq!(b, b"<html><p");
    }
}
