//! Streaming WARC reader (`.warc`, and `.warc.gz` with one gzip member per
//! record or any other split): yields the HTML payloads of `response`
//! records as [`Page`]s, record by record, holding one record in memory.
//! What is a page, what is skipped and what is an error is told on
//! [`WarcReader`].

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::{DeflateDecoder, GzDecoder, MultiGzDecoder, ZlibDecoder};

use crate::error::{describe_io, IngestError};
use crate::item::Page;
use crate::IngestOptions;

/// Buffer size used for WARC files and for their decompressed stream.
const READ_BUFFER: usize = 256 * 1024;
/// Longest WARC header line read at once.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// Largest WARC header block of one record.
const MAX_WARC_HEADERS: usize = 1024 * 1024;
/// Largest HTTP header block of one response.
const MAX_HTTP_HEAD: u64 = 64 * 1024;
/// Bytes at the start of a payload searched for HTML tags.
const SNIFF_LEN: usize = 1024;
/// Distinct kinds kept in skip counters; further ones are counted as `other`.
pub(crate) const MAX_SKIP_KINDS: usize = 64;
const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
/// Media types that do not tell whether the payload is HTML: it is sniffed.
const GENERIC_TYPES: [&str; 6] = [
    "text/plain",
    "application/octet-stream",
    "binary/octet-stream",
    "application/unknown",
    "unknown/unknown",
    "application/x-unknown",
];

/// What [`WarcReader::next_event`] found.
#[derive(Debug)]
pub(crate) enum WarcEvent {
    Page(Page),
    Error(IngestError),
    /// A response without a page, of this kind.
    Skipped(String),
}

/// Reads the HTML pages out of a WARC stream (plain or gzip, recognised by
/// its first bytes), record by record. Nothing is read before the first
/// call to `next`.
///
/// * Record numbers are 1-based and count every record read (`warcinfo`,
///   `request`, `metadata`, … included); a damaged stretch counts as one.
/// * A response whose HTTP payload is HTML (by its `Content-Type`, or, when
///   that is absent or generic such as `text/plain` or
///   `application/octet-stream`, by sniffing `<html`, `<head`, `<body` or
///   `<!doctype html` in the first KiB) is a page. The HTTP headers are
///   removed, `Transfer-Encoding: chunked` is undone and
///   `Content-Encoding: gzip`/`deflate` decompressed.
/// * Responses without a page are **not errors**: they are skipped and
///   counted by kind (see [`WarcReader::skipped_by_kind`] and
///   [`crate::IngestStats::skipped_records_by_kind`]): the media type of a
///   non-HTML payload (`image/jpeg`, `application/pdf`, `text/plain` that
///   does not look like HTML, `unknown` when none is given), `HTTP <code>`
///   for non-2xx statuses (redirects, not found, …), `empty` for an empty
///   body, or the record's own `Content-Type` when it is not
///   `application/http` (e.g. `text/dns`). Other record types are passed
///   over silently. A crawl holds many images and redirects; one error for
///   each would drown the real problems.
/// * Errors are [`IngestError`]s with origin = the file, location =
///   `record N`, and the record's URL at the end of the reason when known.
///   A record that cannot be read whole (truncated file, damaged gzip
///   member, missing `Content-Length`, a length that does not end where the
///   next record starts) gives one error, then reading resumes at the next
///   gzip member (`.warc.gz`) or the next line starting with `WARC/`. A
///   record read whole but unusable (not an HTTP response, page larger than
///   [`IngestOptions::max_doc_bytes`], unsupported `Content-Encoding`) gives
///   one error and reading goes on with the next record.
pub struct WarcReader<R> {
    origin: String,
    /// The file name, for the ids of responses without a target URI.
    name: String,
    src: Source<R>,
    max_bytes: usize,
    /// Number of the last record read (1-based).
    record: u64,
    /// A failure found past the end of a good record, in a gzip member that
    /// gave no byte of it: reported as the next record.
    pending: Option<String>,
    /// Position of the gzip member start last jumped to, while no byte has
    /// been decoded from it: a failure there is a false start, skipped
    /// silently (the damage was already reported).
    resync_pos: Option<u64>,
    skipped: u64,
    skipped_by_kind: BTreeMap<String, u64>,
}

enum Source<R> {
    Unstarted(R),
    Plain(Pushback<R>),
    Gz(Box<BufReader<Members<R>>>),
    Done,
}

/// Opens a `.warc` or `.warc.gz` file (gzip is recognised by its magic
/// bytes, whatever the name). Errors name the file.
pub fn open_warc_file(
    path: &Path,
    opts: &IngestOptions,
) -> Result<WarcReader<BufReader<File>>, IngestError> {
    let origin = path.display().to_string();
    let file = File::open(path).map_err(|e| {
        IngestError::file(&origin, format!("cannot open file: {}", describe_io(&e)))
    })?;
    Ok(WarcReader::new(
        BufReader::with_capacity(READ_BUFFER, file),
        origin,
        opts,
    ))
}

impl<R: BufRead> WarcReader<R> {
    /// Reads WARC records from `reader`; `origin` names the source in errors
    /// and in [`Page::origin`]. Payloads larger than
    /// [`IngestOptions::max_doc_bytes`] are skipped with an error.
    pub fn new(reader: R, origin: impl Into<String>, opts: &IngestOptions) -> Self {
        let origin = origin.into();
        let name = Path::new(&origin)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.clone());
        WarcReader {
            origin,
            name,
            src: Source::Unstarted(reader),
            max_bytes: opts.max_doc_bytes,
            record: 0,
            pending: None,
            resync_pos: None,
            skipped: 0,
            skipped_by_kind: BTreeMap::new(),
        }
    }

    /// The name used for this source in errors and pages.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Number of records read so far (every type, damaged ones included).
    pub fn records_read(&self) -> u64 {
        self.record
    }

    /// Number of response records skipped so far because they hold no page.
    pub fn skipped_records(&self) -> u64 {
        self.skipped
    }

    /// The skipped response records per kind: the media type of a non-HTML
    /// payload (`unknown` when none is given), `HTTP <code>` for a non-2xx
    /// status, `empty` for an empty body. At most 64 kinds are told apart;
    /// further ones are counted as `other`.
    pub fn skipped_by_kind(&self) -> &BTreeMap<String, u64> {
        &self.skipped_by_kind
    }

    fn error(&self, reason: impl fmt::Display, url: Option<&str>) -> IngestError {
        let reason = match url {
            Some(url) => format!("{reason} ({url})"),
            None => reason.to_string(),
        };
        IngestError::record(&self.origin, self.record, reason)
    }

    /// Looks at the first bytes: gzip or plain, or nothing at all.
    fn start(&mut self) -> Option<WarcEvent> {
        let Source::Unstarted(mut r) = std::mem::replace(&mut self.src, Source::Done) else {
            return None;
        };
        let gz = match r.fill_buf() {
            Ok([]) => return None,
            Ok(head) => head.starts_with(&GZIP_MAGIC[..2]),
            Err(e) => {
                let reason = format!("read error: {}", describe_io(&e));
                return Some(WarcEvent::Error(IngestError::file(&self.origin, reason)));
            }
        };
        let r = Pushback::new(r);
        self.src = if gz {
            Source::Gz(Box::new(BufReader::with_capacity(
                READ_BUFFER,
                Members::new(r),
            )))
        } else {
            Source::Plain(r)
        };
        None
    }

    /// After a failure: goes to where the next record may start, the next
    /// gzip member or the next line starting with `WARC/`.
    fn resync(&mut self) {
        self.src = match std::mem::replace(&mut self.src, Source::Done) {
            Source::Plain(mut r) => {
                if seek_warc_line(&mut r) {
                    Source::Plain(r)
                } else {
                    Source::Done
                }
            }
            Source::Gz(r) => match (*r).into_inner().into_inner() {
                Some(mut r) => {
                    // The decoder made no progress from the last member
                    // start: that start was not a good one.
                    if self.resync_pos == Some(r.pos) {
                        r.consume(1);
                    }
                    if seek_gzip_magic(&mut r) {
                        self.resync_pos = Some(r.pos);
                        Source::Gz(Box::new(BufReader::with_capacity(
                            READ_BUFFER,
                            Members::new(r),
                        )))
                    } else {
                        Source::Done
                    }
                }
                None => Source::Done,
            },
            other => other,
        };
    }

    /// Whether a failure now is a false start after a jump to a possible
    /// gzip member: nothing decoded since.
    fn false_start(&self) -> bool {
        match &self.src {
            Source::Gz(r) => self.resync_pos.is_some() && r.get_ref().total_out == 0,
            _ => false,
        }
    }

    /// Whether the gzip member being decoded has given no byte yet (so a
    /// failure in it concerns a later record).
    fn fresh_member(&self) -> bool {
        match &self.src {
            Source::Gz(r) => r.get_ref().member_out == 0,
            _ => false,
        }
    }

    fn reader(&mut self) -> Option<&mut dyn BufRead> {
        match &mut self.src {
            Source::Plain(r) => Some(r),
            Source::Gz(r) => Some(r),
            Source::Unstarted(_) | Source::Done => None,
        }
    }

    fn skip(&mut self, kind: String) -> WarcEvent {
        self.skipped += 1;
        count_kind(&mut self.skipped_by_kind, &kind);
        WarcEvent::Skipped(kind)
    }

    /// The next page, error or skipped response.
    pub(crate) fn next_event(&mut self) -> Option<WarcEvent> {
        loop {
            if matches!(self.src, Source::Unstarted(_)) {
                if let Some(event) = self.start() {
                    return Some(event);
                }
            }
            if let Some(reason) = self.pending.take() {
                self.record += 1;
                let e = self.error(reason, None);
                self.resync();
                return Some(WarcEvent::Error(e));
            }
            let max = self.max_bytes;
            let headers = match read_warc_headers(self.reader()?) {
                HeadOutcome::Eof => {
                    self.src = Source::Done;
                    return None;
                }
                HeadOutcome::Failed(reason) => {
                    if self.false_start() {
                        self.resync();
                        continue;
                    }
                    self.record += 1;
                    let e = self.error(reason, None);
                    self.resync();
                    return Some(WarcEvent::Error(e));
                }
                HeadOutcome::Headers(h) => h,
            };
            self.record += 1;
            self.resync_pos = None;
            let url = headers
                .get("WARC-Target-URI")
                .map(|u| u.trim_matches(['<', '>', ' ']).to_string())
                .filter(|u| !u.is_empty());
            let len = headers
                .get("Content-Length")
                .and_then(|v| v.trim().parse::<u64>().ok());
            let Some(len) = len else {
                let e = self.error("record without a valid Content-Length", url.as_deref());
                self.resync();
                return Some(WarcEvent::Error(e));
            };
            let outcome = read_record_block(self.reader()?, &headers, len, max);
            let body = match outcome {
                BlockOutcome::Read(body) => body,
                BlockOutcome::Failed(reason) => {
                    let e = self.error(reason, url.as_deref());
                    self.resync();
                    return Some(WarcEvent::Error(e));
                }
                BlockOutcome::EndFailed(body, err) => {
                    if self.fresh_member() {
                        // The record is whole; the next member is damaged.
                        self.pending = Some(read_failure(&err));
                        body
                    } else {
                        let e = self.error(read_failure(&err), url.as_deref());
                        self.resync();
                        return Some(WarcEvent::Error(e));
                    }
                }
            };
            match body {
                Body::Ignored => continue,
                Body::Skipped(kind) => return Some(self.skip(kind)),
                Body::Bad(reason) => {
                    return Some(WarcEvent::Error(self.error(reason, url.as_deref())))
                }
                Body::Page { bytes, charset } => {
                    let id = url
                        .clone()
                        .unwrap_or_else(|| format!("{}#{}", self.name, self.record));
                    return Some(WarcEvent::Page(Page {
                        id,
                        origin: self.origin.clone(),
                        record: Some(self.record),
                        url,
                        crawl_date: headers.get("WARC-Date").map(|d| d.trim().to_string()),
                        charset,
                        bytes,
                    }));
                }
            }
        }
    }
}

impl<R: BufRead> std::iter::FusedIterator for WarcReader<R> {}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Page, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.next_event()? {
                WarcEvent::Page(p) => return Some(Ok(p)),
                WarcEvent::Error(e) => return Some(Err(e)),
                WarcEvent::Skipped(_) => continue,
            }
        }
    }
}

/// Adds one to `kind` in `map`, or to `other` once the map holds
/// [`MAX_SKIP_KINDS`] kinds.
pub(crate) fn count_kind(map: &mut BTreeMap<String, u64>, kind: &str) {
    if let Some(n) = map.get_mut(kind) {
        *n += 1;
    } else if map.len() < MAX_SKIP_KINDS {
        map.insert(kind.to_string(), 1);
    } else {
        *map.entry("other".to_string()).or_default() += 1;
    }
}

/// The headers of one WARC record, in order.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

enum HeadOutcome {
    Eof,
    Headers(Headers),
    /// Where the record ends is unknown.
    Failed(String),
}

/// Reads one line, at most [`MAX_HEADER_LINE`] bytes of it.
fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    r.take(MAX_HEADER_LINE).read_until(b'\n', buf)
}

/// Reads the version line and headers of the next record, after any blank
/// lines.
fn read_warc_headers(r: &mut dyn BufRead) -> HeadOutcome {
    let mut line = Vec::new();
    loop {
        match read_line(r, &mut line) {
            Ok(0) => return HeadOutcome::Eof,
            Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(_) => break,
            Err(e) => return HeadOutcome::Failed(read_failure(&e)),
        }
    }
    if !line.starts_with(b"WARC/") {
        return HeadOutcome::Failed("not a WARC record (no `WARC/` version line)".to_string());
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut total = line.len();
    loop {
        match read_line(r, &mut line) {
            Ok(0) => return HeadOutcome::Failed("file ends inside the record headers".to_string()),
            Ok(n) => {
                total += n;
                if total > MAX_WARC_HEADERS {
                    return HeadOutcome::Failed("record headers longer than 1 MiB".to_string());
                }
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end_matches(['\r', '\n']);
                if text.is_empty() {
                    break;
                }
                if text.starts_with([' ', '\t']) {
                    // A folded header line continues the previous value.
                    if let Some((_, v)) = headers.last_mut() {
                        v.push(' ');
                        v.push_str(text.trim());
                    }
                } else if let Some((k, v)) = text.split_once(':') {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            Err(e) => return HeadOutcome::Failed(read_failure(&e)),
        }
    }
    HeadOutcome::Headers(Headers(headers))
}

/// What a record held.
enum Body {
    /// Not a `response` record.
    Ignored,
    /// A response without a page, of this kind.
    Skipped(String),
    /// A response read whole but unusable: the reason.
    Bad(String),
    Page {
        bytes: Vec<u8>,
        charset: Option<String>,
    },
}

enum BlockOutcome {
    Read(Body),
    /// The block could not be read whole: the reason.
    Failed(String),
    /// The block was read, but the bytes after it could not be.
    EndFailed(Body, io::Error),
}

/// Reads the block of a record (`len` bytes) and the blank lines after it.
fn read_record_block(r: &mut dyn BufRead, h: &Headers, len: u64, max: usize) -> BlockOutcome {
    let mut block = (&mut *r).take(len);
    let body = match read_response(&mut block, h, max) {
        Ok(body) => body,
        Err(e) => return BlockOutcome::Failed(read_failure(&e)),
    };
    // Whatever was not used (skipped payloads) is read past, streaming.
    if let Err(e) = io::copy(&mut block, &mut io::sink()) {
        return BlockOutcome::Failed(read_failure(&e));
    }
    if block.limit() > 0 {
        return BlockOutcome::Failed(format!(
            "file ends after {} of {len} bytes of the record",
            len - block.limit()
        ));
    }
    match skip_record_end(r) {
        Ok(true) => BlockOutcome::Read(body),
        Ok(false) => BlockOutcome::Failed(
            "the record does not end where its Content-Length says".to_string(),
        ),
        Err(e) => BlockOutcome::EndFailed(body, e),
    }
}

/// Reads past the blank lines ending a record; tells whether the record
/// ended well: followed by the end of the stream or the start of a record
/// (`W`), or at least by a line end (then whatever follows is the next
/// record's problem). Bytes right after the block that are not a line end
/// mean that its `Content-Length` is wrong.
fn skip_record_end(r: &mut dyn BufRead) -> io::Result<bool> {
    let mut line_end = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let ok = buf[i] == b'W' || line_end || buf[..i].contains(&b'\n');
                r.consume(i);
                return Ok(ok);
            }
            None => {
                line_end = line_end || buf.contains(&b'\n');
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// Reads what is needed of a record block: nothing for other records, the
/// HTTP headers and, for a possible page, the body. I/O errors are returned
/// as such; a short block is found by the caller.
fn read_response<R: BufRead>(block: &mut R, h: &Headers, max: usize) -> io::Result<Body> {
    if !h
        .get("WARC-Type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"))
    {
        return Ok(Body::Ignored);
    }
    if let Some(ct) = h.get("Content-Type") {
        let media = media_type(ct);
        if !media.is_empty() && media != "application/http" {
            return Ok(Body::Skipped(media));
        }
    }
    // The HTTP status line and headers.
    let mut lines: Vec<String> = Vec::new();
    let mut head_len = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = block
            .by_ref()
            .take(MAX_HTTP_HEAD - head_len)
            .read_until(b'\n', &mut line)?;
        head_len += n as u64;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if lines.is_empty() && !text.is_empty() && !text.starts_with("HTTP/") {
            return Ok(Body::Bad("payload is not an HTTP response".to_string()));
        }
        if n == 0 || !line.ends_with(b"\n") {
            let reason = if head_len >= MAX_HTTP_HEAD {
                "HTTP headers longer than 64 KiB"
            } else {
                "HTTP response without the end of its headers"
            };
            return Ok(Body::Bad(reason.to_string()));
        }
        if text.is_empty() {
            if lines.is_empty() {
                continue; // blank lines before the status line
            }
            break;
        }
        lines.push(text.to_string());
    }
    let status = &lines[0];
    let Some(code) = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
    else {
        let shown: String = status.chars().take(80).collect();
        return Ok(Body::Bad(format!("malformed HTTP status line `{shown}`")));
    };
    if !(200..300).contains(&code) {
        return Ok(Body::Skipped(format!("HTTP {code}")));
    }
    let mut ctype = None;
    let mut chunked = false;
    let mut encoding = None;
    for l in &lines[1..] {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" if ctype.is_none() => ctype = Some(v.to_string()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    let media = ctype.as_deref().map(media_type).unwrap_or_default();
    let declared_html = media.contains("html");
    let generic = media.is_empty() || GENERIC_TYPES.contains(&media.as_str());
    if !declared_html && !generic {
        return Ok(Body::Skipped(media));
    }
    // What is left of the block is the body.
    let mut body = Vec::new();
    block
        .by_ref()
        .take((max as u64).saturating_add(1))
        .read_to_end(&mut body)?;
    if body.len() > max {
        return Ok(Body::Bad(format!(
            "page of more than {max} bytes is larger than the limit (max_doc_bytes); skipped"
        )));
    }
    if chunked {
        if let Some(b) = dechunk(&body) {
            body = b;
        }
    }
    if let Some(enc) = &encoding {
        match decode_content(body, enc, max) {
            Ok(b) => body = b,
            Err(reason) => return Ok(Body::Bad(reason)),
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Body::Skipped("empty".to_string()));
    }
    if !declared_html && !sniff_html(&body) {
        let kind = if media.is_empty() {
            "unknown".to_string()
        } else {
            media
        };
        return Ok(Body::Skipped(kind));
    }
    let charset = ctype.as_deref().and_then(charset_of);
    Ok(Body::Page {
        bytes: body,
        charset,
    })
}

/// The lower-cased media type of a `Content-Type` value, without
/// parameters, at most 64 characters.
fn media_type(ctype: &str) -> String {
    ctype
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
        .chars()
        .take(64)
        .collect()
}

/// The `charset` parameter of a `Content-Type` value, lower-cased.
fn charset_of(ctype: &str) -> Option<String> {
    ctype.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        if !k.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let v = v.trim().trim_matches(['"', '\'']).trim();
        (!v.is_empty()).then(|| v.to_ascii_lowercase())
    })
}

/// Whether the start of a payload looks like an HTML page.
fn sniff_html(body: &[u8]) -> bool {
    let head: Vec<u8> = body
        .iter()
        .take(SNIFF_LEN)
        .map(u8::to_ascii_lowercase)
        .collect();
    [&b"<html"[..], b"<!doctype html", b"<head", b"<body"]
        .iter()
        .any(|tag| find(&head, tag).is_some())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes `Transfer-Encoding: chunked`. `None` when the body does not start
/// with a chunk size (some crawlers store bodies already de-chunked but keep
/// the header): it is then used as is. A body cut short gives the chunks
/// found.
fn dechunk(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut first = true;
    loop {
        let Some(nl) = b[i..].iter().position(|&c| c == b'\n') else {
            return (!first).then_some(out);
        };
        let size_line = &b[i..i + nl];
        let digits = std::str::from_utf8(size_line)
            .ok()
            .and_then(|s| s.split(';').next())
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.len() <= 16);
        let Some(size) = digits.and_then(|s| u64::from_str_radix(s, 16).ok()) else {
            return (!first).then_some(out);
        };
        first = false;
        i += nl + 1;
        if size == 0 {
            return Some(out);
        }
        let end = usize::try_from(size)
            .ok()
            .and_then(|s| i.checked_add(s))
            .unwrap_or(usize::MAX)
            .min(b.len());
        out.extend_from_slice(&b[i..end]);
        i = end;
        if b[i..].starts_with(b"\r\n") {
            i += 2;
        } else if b[i..].starts_with(b"\n") {
            i += 1;
        }
        if i >= b.len() {
            return Some(out);
        }
    }
}

/// Undoes a `Content-Encoding`. A body that already looks like HTML (or, for
/// gzip, lacks the gzip magic) was stored decoded and is kept.
fn decode_content(body: Vec<u8>, encoding: &str, max: usize) -> Result<Vec<u8>, String> {
    let inflate = |reader: &mut dyn Read| -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader
            .take((max as u64).saturating_add(1))
            .read_to_end(&mut out)?;
        Ok(out)
    };
    let decoded = match encoding.trim() {
        "" | "identity" | "none" => return Ok(body),
        "gzip" | "x-gzip" => {
            if !body.starts_with(&GZIP_MAGIC[..2]) {
                return Ok(body);
            }
            inflate(&mut MultiGzDecoder::new(&body[..]))
                .map_err(|e| format!("corrupt gzip-compressed payload ({e})"))?
        }
        _ if sniff_html(&body) => return Ok(body),
        "deflate" => match inflate(&mut ZlibDecoder::new(&body[..]))
            .or_else(|_| inflate(&mut DeflateDecoder::new(&body[..])))
        {
            Ok(out) => out,
            Err(_) => return Ok(body),
        },
        other => {
            let shown: String = other.chars().take(40).collect();
            return Err(format!(
                "payload compressed with `{shown}` (Content-Encoding), which is not supported; skipped"
            ));
        }
    };
    if decoded.len() > max {
        return Err(format!(
            "page of more than {max} bytes once decompressed is larger than the limit (max_doc_bytes); skipped"
        ));
    }
    Ok(decoded)
}

/// Describes a failure to read: damaged gzip data as such, else a read
/// error.
fn read_failure(e: &io::Error) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<GzipDamage>())
    {
        Some(damage) => damage.to_string(),
        None => format!("read error: {}", describe_io(e)),
    }
}

/// The error of a damaged gzip stream.
#[derive(Debug)]
struct GzipDamage(String);

impl fmt::Display for GzipDamage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "truncated or corrupt gzip data ({})", self.0)
    }
}

impl std::error::Error for GzipDamage {}

/// A [`BufRead`] that counts the bytes consumed and can be given back a few
/// bytes (a match found while scanning) to be read again.
struct Pushback<R> {
    head: Vec<u8>,
    head_pos: usize,
    inner: R,
    /// Bytes consumed so far, minus the bytes given back.
    pos: u64,
}

impl<R: BufRead> Pushback<R> {
    fn new(inner: R) -> Self {
        Pushback {
            head: Vec::new(),
            head_pos: 0,
            inner,
            pos: 0,
        }
    }

    /// Gives back `bytes`, just consumed, to be read again first.
    fn push_back(&mut self, bytes: &[u8]) {
        let mut head = bytes.to_vec();
        head.extend_from_slice(&self.head[self.head_pos..]);
        self.head = head;
        self.head_pos = 0;
        self.pos = self.pos.saturating_sub(bytes.len() as u64);
    }
}

impl<R: BufRead> Read for Pushback<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Pushback<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head_pos < self.head.len() {
            return Ok(&self.head[self.head_pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        let in_head = self.head.len() - self.head_pos;
        if in_head > 0 {
            let n = amount.min(in_head);
            self.head_pos += n;
            if self.head_pos == self.head.len() {
                self.head.clear();
                self.head_pos = 0;
            }
            self.pos += n as u64;
            if amount > n {
                self.inner.consume(amount - n);
                self.pos += (amount - n) as u64;
            }
        } else {
            self.inner.consume(amount);
            self.pos += amount as u64;
        }
    }
}

enum MemberState<R> {
    Decoding(GzDecoder<Pushback<R>>),
    /// Past the last member (or a read error between members).
    Idle(Pushback<R>),
}

/// Concatenated gzip members decoded as one stream (like
/// [`MultiGzDecoder`]), counting the bytes each member gives so that a
/// failure can be placed, and giving back the compressed stream to jump
/// over damage.
struct Members<R> {
    state: Option<MemberState<R>>,
    /// Bytes decoded from the current member.
    member_out: u64,
    /// Bytes decoded since this decoder was made.
    total_out: u64,
}

impl<R: BufRead> Members<R> {
    fn new(inner: Pushback<R>) -> Self {
        Members {
            state: Some(MemberState::Decoding(GzDecoder::new(inner))),
            member_out: 0,
            total_out: 0,
        }
    }

    /// The compressed stream, where decoding stopped.
    fn into_inner(self) -> Option<Pushback<R>> {
        match self.state? {
            MemberState::Decoding(d) => Some(d.into_inner()),
            MemberState::Idle(r) => Some(r),
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(MemberState::Decoding(dec)) = &mut self.state else {
                return Ok(0);
            };
            match dec.read(buf) {
                Ok(0) => {
                    // The member ended and its checksum was right: is
                    // another one next?
                    let Some(MemberState::Decoding(dec)) = self.state.take() else {
                        return Ok(0);
                    };
                    let mut inner = dec.into_inner();
                    match inner.fill_buf() {
                        Ok([]) => {
                            self.state = Some(MemberState::Idle(inner));
                            return Ok(0);
                        }
                        Ok(_) => {
                            self.state = Some(MemberState::Decoding(GzDecoder::new(inner)));
                            self.member_out = 0;
                        }
                        Err(e) => {
                            self.state = Some(MemberState::Idle(inner));
                            return Err(e);
                        }
                    }
                }
                Ok(n) => {
                    self.member_out += n as u64;
                    self.total_out += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
                Err(e) => {
                    return Err(io::Error::new(e.kind(), GzipDamage(e.to_string())));
                }
            }
        }
    }
}

/// Moves `r` to the next gzip member start (`1f 8b 08`), if any.
fn seek_gzip_magic<R: BufRead>(r: &mut Pushback<R>) -> bool {
    let mut matched = 0;
    loop {
        let (used, found) = {
            let buf = match r.fill_buf() {
                Ok(b) if !b.is_empty() => b,
                _ => return false,
            };
            let mut found = false;
            let mut used = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                if b == GZIP_MAGIC[matched] {
                    matched += 1;
                } else {
                    matched = usize::from(b == GZIP_MAGIC[0]);
                }
                if matched == GZIP_MAGIC.len() {
                    found = true;
                    used = i + 1;
                    break;
                }
            }
            (used, found)
        };
        r.consume(used);
        if found {
            r.push_back(&GZIP_MAGIC);
            return true;
        }
    }
}

/// Moves `r` to the next line starting with `WARC/` (the current position
/// counts as a line start), if any.
fn seek_warc_line<R: BufRead>(r: &mut Pushback<R>) -> bool {
    const HEAD: &[u8] = b"WARC/";
    // Bytes of HEAD matched at a line start, or `None` inside a line.
    let mut matched = Some(0);
    loop {
        let (used, found) = {
            let buf = match r.fill_buf() {
                Ok(b) if !b.is_empty() => b,
                _ => return false,
            };
            let mut found = false;
            let mut used = buf.len();
            for (i, &b) in buf.iter().enumerate() {
                matched = match matched {
                    _ if b == b'\n' => Some(0),
                    Some(k) if b == HEAD[k] => Some(k + 1),
                    _ => None,
                };
                if matched == Some(HEAD.len()) {
                    found = true;
                    used = i + 1;
                    break;
                }
            }
            (used, found)
        };
        r.consume(used);
        if found {
            r.push_back(HEAD);
            return true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, url: &str, payload: &[u8]) -> Vec<u8> {
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

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn read(data: &[u8]) -> (Vec<WarcEvent>, WarcReader<&[u8]>) {
        let mut r = WarcReader::new(data, "t.warc", &IngestOptions::default());
        let mut events = Vec::new();
        while let Some(e) = r.next_event() {
            events.push(e);
        }
        (events, r)
    }

    /// `page <url> #<record>`, `skip <kind>`, `ERR <display>`.
    fn summary(events: &[WarcEvent]) -> Vec<String> {
        events
            .iter()
            .map(|e| match e {
                WarcEvent::Page(p) => format!("page {} #{}", p.id, p.record.unwrap_or(0)),
                WarcEvent::Skipped(k) => format!("skip {k}"),
                WarcEvent::Error(e) => format!("ERR {e}"),
            })
            .collect()
    }

    #[test]
    fn plain_file_with_bad_records() {
        let mut data = record("warcinfo", "", b"software: test");
        data.extend(record(
            "response",
            "http://x/1",
            &http("text/html; charset=UTF-8", "<html><p>one</p></html>"),
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
        let (events, r) = read(&data);
        assert_eq!(
            summary(&events),
            [
                "page http://x/1 #2",
                "skip image/png",
                "ERR t.warc:record 4: not a WARC record (no `WARC/` version line)",
                "page http://x/2 #5",
                "ERR t.warc:record 6: file ends after 58 of 69 bytes of the record (http://x/3)",
            ]
        );
        let WarcEvent::Page(p) = &events[0] else {
            panic!()
        };
        assert_eq!(p.charset.as_deref(), Some("utf-8"));
        assert_eq!(p.crawl_date.as_deref(), Some("2021-07-23T10:00:00Z"));
        assert_eq!(p.bytes, b"<html><p>one</p></html>");
        assert_eq!(r.records_read(), 6);
        assert_eq!(r.skipped_records(), 1);
        assert_eq!(r.skipped_by_kind()["image/png"], 1);
    }

    #[test]
    fn gzip_members_with_a_corrupt_one() {
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
        let (events, _) = read(&data);
        let s = summary(&events);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0], "page http://x/1 #1");
        assert!(s[1].starts_with("ERR t.warc:record 2: "), "{s:?}");
        assert_eq!(s[2], "page http://x/2 #3");
    }

    #[test]
    fn chunked_and_compressed_bodies() {
        let body = b"5\r\n<html\r\n3\r\n><p\r\n0\r\n\r\n";
        assert_eq!(dechunk(body).unwrap(), b"<html><p");
        // Chunk extensions, bare \n, a body cut short.
        assert_eq!(dechunk(b"2;x=1\n<h\n1\nt").unwrap(), b"<ht");
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b""), None);
        assert_eq!(dechunk(b"ffffffffffffffff\r\nab").unwrap(), b"ab");
        let z = gz(b"<html>hi</html>");
        assert_eq!(decode_content(z, "gzip", 100).unwrap(), b"<html>hi</html>");
        assert_eq!(
            decode_content(b"<html>".to_vec(), "gzip", 100).unwrap(),
            b"<html>"
        );
        assert_eq!(
            decode_content(b"<html>".to_vec(), "br", 100).unwrap(),
            b"<html>"
        );
        let e = decode_content(vec![1, 2, 3], "br", 100).unwrap_err();
        assert!(e.contains("`br`"), "{e}");
        let e = decode_content(gz(&[b'a'; 1000]), "gzip", 100).unwrap_err();
        assert!(e.contains("larger than the limit"), "{e}");
    }

    #[test]
    fn charsets_and_media_types() {
        assert_eq!(
            charset_of("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(charset_of("text/html; charset="), None);
        assert_eq!(media_type(" Text/HTML ; charset=x"), "text/html");
    }

    #[test]
    fn seeking_across_buffer_boundaries() {
        // Tiny buffers make every match straddle a refill.
        for cap in [1, 2, 3, 4, 7] {
            let data = b"xx\x1f\x1f\x8b\x08rest";
            let mut r = Pushback::new(BufReader::with_capacity(cap, &data[..]));
            assert!(seek_gzip_magic(&mut r));
            assert_eq!(r.pos, 3);
            let mut rest = Vec::new();
            r.read_to_end(&mut rest).unwrap();
            assert_eq!(rest, b"\x1f\x8b\x08rest");

            let data = b"WARX/\nxWARC/\nWARC/1.0\n";
            let mut r = Pushback::new(BufReader::with_capacity(cap, &data[..]));
            assert!(seek_warc_line(&mut r));
            let mut rest = Vec::new();
            r.read_to_end(&mut rest).unwrap();
            assert_eq!(rest, b"WARC/1.0\n");
        }
    }

    /// Every prefix of a small WARC, and every single-byte corruption of
    /// its gzip form, reads to the end without a panic.
    #[test]
    fn no_panics_on_damaged_input() {
        let mut plain = record("request", "http://x/0", b"GET / HTTP/1.1\r\n\r\n");
        plain.extend(record(
            "response",
            "http://x/1",
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n3\r\n<ht\r\n0\r\n\r\n",
        ));
        plain.extend(record(
            "response",
            "http://x/2",
            &http("text/html", "<html>two</html>"),
        ));
        for n in 0..plain.len() {
            let _ = read(&plain[..n]);
            for flip in [0x01, 0x20, 0xff] {
                let mut d = plain.clone();
                d[n] ^= flip;
                let _ = read(&d);
            }
        }
        let mut zipped = gz(&plain[..100]);
        zipped.extend(gz(&plain[100..]));
        for i in 0..zipped.len() {
            for flip in [0x01, 0xff] {
                let mut d = zipped.clone();
                d[i] ^= flip;
                let _ = read(&d);
                let _ = read(&d[..i]);
            }
        }
    }
}
