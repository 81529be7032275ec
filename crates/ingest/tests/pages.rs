//! End-to-end tests of `read_inputs` over web pages: `.html`/`.htm` files,
//! `.warc` and `.warc.gz` archives (alone and in mixed folders), and their
//! damaged forms. Every WARC and page here is written by the tests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use echotrace_ingest::{
    open_warc_file, read_inputs, IngestError, IngestOptions, IngestStats, Item, Page,
};
use flate2::write::GzEncoder;
use flate2::Compression;

type Items = Vec<Result<Item, IngestError>>;

fn put(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn run_with(inputs: &[String], opts: &IngestOptions) -> (Items, IngestStats) {
    let mut it = read_inputs(inputs, opts);
    let items: Vec<_> = it.by_ref().collect();
    (items, it.stats().clone())
}

fn run(inputs: &[String]) -> (Items, IngestStats) {
    run_with(inputs, &IngestOptions::default())
}

/// `"doc <id>"`, `"page <id>"` or `"ERR <display>"`, in stream order.
fn summary(items: &Items) -> Vec<String> {
    items
        .iter()
        .map(|r| match r {
            Ok(Item::Doc(d)) => format!("doc {}", d.id),
            Ok(Item::Page(p)) => format!("page {}", p.id),
            Err(e) => format!("ERR {e}"),
        })
        .collect()
}

fn pages(items: &Items) -> Vec<&Page> {
    items
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(Item::as_page))
        .collect()
}

fn errors(items: &Items) -> Vec<&IngestError> {
    items.iter().filter_map(|r| r.as_ref().err()).collect()
}

/// One WARC record: version line, headers (type, URI when not empty, date,
/// `extra` lines), the block and the closing blank lines.
fn warc_record(kind: &str, uri: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut v = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n").into_bytes();
    if !uri.is_empty() {
        v.extend(format!("WARC-Target-URI: {uri}\r\n").bytes());
    }
    v.extend(
        format!(
            "WARC-Date: 2024-03-05T06:07:08Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\n{extra}Content-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .bytes(),
    );
    v.extend_from_slice(block);
    v.extend_from_slice(b"\r\n\r\n");
    v
}

/// A `response` record holding an HTTP response.
fn response(uri: &str, status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    http.extend_from_slice(body);
    warc_record(
        "response",
        uri,
        "Content-Type: application/http; msgtype=response\r\n",
        &http,
    )
}

fn html_response(uri: &str, body: &str) -> Vec<u8> {
    response(
        uri,
        "200 OK",
        "Content-Type: text/html; charset=UTF-8\r\n",
        body.as_bytes(),
    )
}

fn warcinfo() -> Vec<u8> {
    warc_record(
        "warcinfo",
        "",
        "Content-Type: application/warc-fields\r\n",
        b"software: echotrace tests\r\nformat: WARC File Format 1.0\r\n",
    )
}

/// The records of a small crawl: info, a request, three pages, an image.
fn crawl_records() -> Vec<Vec<u8>> {
    vec![
        warcinfo(),
        warc_record(
            "request",
            "https://news.example/a",
            "Content-Type: application/http; msgtype=request\r\n",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        html_response(
            "https://news.example/a",
            "<!DOCTYPE html><html><body><p>Storm hits the coast.</p></body></html>",
        ),
        response(
            "https://news.example/logo.png",
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        ),
        html_response(
            "https://news.example/b",
            "<html><body><p>Markets fall.</p></body></html>",
        ),
        response(
            "<https://gazette.example/c>",
            "200 OK",
            "Content-Type: text/html; charset=\"windows-1252\"\r\n",
            b"<html><body><p>Caf\xE9 cr\xE8me.</p></body></html>",
        ),
    ]
}

#[test]
fn html_files_in_folders_and_mixed_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("mixed");
    put(&root, "a.txt", "plain text article");
    put(&root, "b.html", "<html><body><p>bee</p></body></html>");
    put(&root, "C.HTM", b"<html><p>caf\xE9</p></html>");
    put(
        &root,
        "d.jsonl",
        format!("{}\n", serde_json::json!({"id": "d1", "text": "json"})),
    );
    put(&root, "e.warc", crawl_records().concat());
    put(
        &root,
        "f.warc.gz",
        crawl_records()
            .iter()
            .map(|r| gzip(r))
            .collect::<Vec<_>>()
            .concat(),
    );
    put(&root, "sub/g.htm", "<html><p>gee</p></html>");
    put(&root, "page.html.gz", gzip(b"<html></html>"));
    put(&root, "image.png", b"\x89PNG\r\n\x1a\n\0");

    let (items, stats) = run(&[s(&root)]);
    let crawl = [
        "page https://news.example/a",
        "page https://news.example/b",
        "page https://gazette.example/c",
    ];
    let mut expected = vec!["page C", "doc a", "page b", "doc d1"];
    expected.extend(crawl);
    expected.extend(crawl);
    expected.push("page g");
    assert_eq!(summary(&items), expected);

    let p = pages(&items);
    // HTML files: id = stem, origin = path, bytes as found, nothing else.
    assert_eq!(
        *p[0],
        Page {
            id: "C".to_string(),
            origin: s(&root.join("C.HTM")),
            bytes: b"<html><p>caf\xE9</p></html>".to_vec(),
            ..Page::default()
        }
    );
    assert_eq!(p[1].bytes, b"<html><body><p>bee</p></body></html>");
    assert_eq!(p[8].origin, s(&root.join("sub/g.htm")));
    // WARC pages, the same from .warc and .warc.gz but for the origin.
    for (i, file) in [(2, "e.warc"), (5, "f.warc.gz")] {
        let a = p[i];
        assert_eq!(a.origin, s(&root.join(file)));
        assert_eq!(a.record, Some(3));
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.crawl_date.as_deref(), Some("2024-03-05T06:07:08Z"));
        assert_eq!(a.charset.as_deref(), Some("utf-8"));
        assert_eq!(
            a.bytes,
            b"<!DOCTYPE html><html><body><p>Storm hits the coast.</p></body></html>"
        );
        let c = p[i + 2];
        assert_eq!(c.record, Some(6));
        assert_eq!(c.url.as_deref(), Some("https://gazette.example/c"));
        assert_eq!(c.charset.as_deref(), Some("windows-1252"));
        assert_eq!(
            c.bytes,
            b"<html><body><p>Caf\xE9 cr\xE8me.</p></body></html>"
        );
    }

    assert_eq!(stats.documents, 2);
    assert_eq!(stats.pages, 9);
    assert_eq!(stats.items(), 11);
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.files, 7);
    assert_eq!(stats.warc_records, 12);
    assert_eq!(stats.skipped_records, 2);
    assert_eq!(
        stats.skipped_records_by_kind.get("image/png").copied(),
        Some(2)
    );
    assert_eq!(stats.skipped_files, 2);
    assert_eq!(
        stats.skipped_examples,
        [root.join("image.png"), root.join("page.html.gz")]
    );
}

#[test]
fn explicit_html_and_warc_files() {
    let tmp = tempfile::tempdir().unwrap();
    let h = put(tmp.path(), "one.html", "<p>one</p>");
    let w = put(tmp.path(), "two.WARC.GZ", gzip(&crawl_records().concat()));
    let unknown = put(tmp.path(), "three.xhtml", "<p>three</p>");
    let (items, stats) = run(&[s(&h), s(&w), s(&unknown)]);
    let sum = summary(&items);
    assert_eq!(
        sum[..4],
        [
            "page one",
            "page https://news.example/a",
            "page https://news.example/b",
            "page https://gazette.example/c"
        ]
    );
    let e = errors(&items);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].origin, s(&unknown));
    assert!(
        e[0].reason.starts_with("unsupported input")
            && e[0].reason.contains(".html, .htm, .warc, .warc.gz"),
        "{}",
        e[0]
    );
    // One gzip member for the whole file reads the same.
    assert_eq!(stats.warc_records, 6);
    assert_eq!(stats.files, 2);
}

#[test]
fn binary_empty_and_oversized_html_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.html", "<p>alpha</p>");
    let png = put(&root, "b.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let utf16 = put(
        &root,
        "c.htm",
        "<p>hi</p>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let empty = put(&root, "d.html", " \r\n");
    let big = put(&root, "e.html", format!("<p>{}</p>", "x".repeat(2000)));
    // A NUL byte after the first 8 KiB is not a binary file.
    let mut late = b"<html>".to_vec();
    late.resize(9000, b' ');
    late.push(0);
    put(&root, "f.html", &late);
    put(&root, "z.html", "<p>zed</p>");
    let opts = IngestOptions {
        max_doc_bytes: 10_000,
    };
    let (items, stats) = run_with(&[s(&root)], &opts);
    assert_eq!(
        summary(&items),
        [
            "page a".to_string(),
            format!(
                "ERR {}: binary file, not HTML (NUL byte at byte offset 8)",
                s(&png)
            ),
            format!(
                "ERR {}: binary file, not HTML (NUL byte at byte offset 1)",
                s(&utf16)
            ),
            format!("ERR {}: empty page", s(&empty)),
            "page e".to_string(),
            "page f".to_string(),
            "page z".to_string(),
        ]
    );
    let opts = IngestOptions {
        max_doc_bytes: 1000,
    };
    let (items, _) = run_with(&[s(&big)], &opts);
    assert_eq!(
        summary(&items),
        [format!(
            "ERR {}: page of 2007 bytes is larger than the limit of 1000 bytes (max_doc_bytes); skipped",
            s(&big)
        )]
    );
    assert!(errors(&items).iter().all(|e| e.location.is_none()));
    assert_eq!(stats.errors, 3);
    assert_eq!(stats.pages, 4);
}

#[test]
fn non_html_payloads_are_counted_not_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let records = [
        warcinfo(),
        response(
            "http://x/pdf",
            "200 OK",
            "Content-Type: application/pdf\r\n",
            b"%PDF-1.4",
        ),
        response(
            "http://x/moved",
            "301 Moved Permanently",
            "Location: http://x/new\r\nContent-Type: text/html\r\n",
            b"<html>moved</html>",
        ),
        response("http://x/gone", "404 Not Found", "", b"<html>404</html>"),
        response(
            "http://x/empty",
            "200 OK",
            "Content-Type: text/html\r\n",
            b"",
        ),
        response(
            "http://x/robots.txt",
            "200 OK",
            "Content-Type: text/plain\r\n",
            b"User-agent: *\nDisallow:\n",
        ),
        // Sniffed: no Content-Type, or a generic one, but HTML inside.
        response(
            "http://x/untyped",
            "200 OK",
            "",
            b"<HTML><p>untyped</p></HTML>",
        ),
        response(
            "http://x/octets",
            "200 OK",
            "Content-Type: application/octet-stream\r\n",
            b"\n<!doctype html><p>octets</p>",
        ),
        response("http://x/mystery", "200 OK", "", b"just words"),
        warc_record(
            "response",
            "dns:news.example",
            "Content-Type: text/dns\r\n",
            b"20240305060708\nnews.example. 300 IN A 192.0.2.1\n",
        ),
        warc_record(
            "metadata",
            "http://x/untyped",
            "Content-Type: application/warc-fields\r\n",
            b"fetchTimeMs: 12\r\n",
        ),
        warc_record("revisit", "http://x/untyped", "", b""),
        html_response("http://x/last", "<html><p>last</p></html>"),
    ];
    let f = put(tmp.path(), "mixed.warc", records.concat());
    let (items, stats) = run(&[s(&f)]);
    assert_eq!(
        summary(&items),
        [
            "page http://x/untyped",
            "page http://x/octets",
            "page http://x/last"
        ]
    );
    let p = pages(&items);
    assert_eq!(p[0].record, Some(7));
    assert_eq!(p[0].charset, None);
    assert_eq!(p[1].bytes, b"\n<!doctype html><p>octets</p>");
    assert_eq!(p[2].record, Some(13));
    assert_eq!(stats.warc_records, 13);
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.skipped_records, 7);
    let kinds: Vec<(&str, u64)> = stats
        .skipped_records_by_kind
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        kinds,
        [
            ("HTTP 301", 1),
            ("HTTP 404", 1),
            ("application/pdf", 1),
            ("empty", 1),
            ("text/dns", 1),
            ("text/plain", 1),
            ("unknown", 1),
        ]
    );
    // The reader alone counts the same.
    let mut r = open_warc_file(&f, &IngestOptions::default()).unwrap();
    assert_eq!(r.by_ref().filter(|p| p.is_ok()).count(), 3);
    assert_eq!(r.records_read(), 13);
    assert_eq!(r.skipped_records(), 7);
    assert_eq!(r.skipped_by_kind(), &stats.skipped_records_by_kind);
}

#[test]
fn chunked_and_compressed_payloads() {
    let tmp = tempfile::tempdir().unwrap();
    let page = "<html><body><p>Chunked story, told in parts.</p></body></html>";
    let (first, second) = page.split_at(20);
    let chunked = format!(
        "{:x}\r\n{first}\r\n{:X};ext=1\r\n{second}\r\n0\r\nExpires: never\r\n\r\n",
        first.len(),
        second.len()
    );
    let gz_body = gzip(page.as_bytes());
    let mut gz_chunked = format!("{:x}\r\n", gz_body.len()).into_bytes();
    gz_chunked.extend_from_slice(&gz_body);
    gz_chunked.extend_from_slice(b"\r\n0\r\n\r\n");
    let records = [
        response(
            "http://x/chunked",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            chunked.as_bytes(),
        ),
        response(
            "http://x/gzip",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &gz_body,
        ),
        response(
            "http://x/both",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &gz_chunked,
        ),
        // Stored already de-chunked, the header kept: used as is.
        response(
            "http://x/dechunked",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            page.as_bytes(),
        ),
        response(
            "http://x/brotli",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: br\r\n",
            b"\x1b\x03\x00\xf8\xa5",
        ),
        html_response("http://x/after", page),
    ];
    let f = put(tmp.path(), "enc.warc.gz", gzip(&records.concat()));
    let (items, _) = run(&[s(&f)]);
    assert_eq!(
        summary(&items),
        [
            "page http://x/chunked".to_string(),
            "page http://x/gzip".to_string(),
            "page http://x/both".to_string(),
            "page http://x/dechunked".to_string(),
            format!(
                "ERR {}:record 5: payload compressed with `br` (Content-Encoding), which is not supported; skipped (http://x/brotli)",
                s(&f)
            ),
            "page http://x/after".to_string(),
        ]
    );
    for p in pages(&items) {
        assert_eq!(p.bytes, page.as_bytes(), "{}", p.id);
    }
}

/// Records cut short, damaged gzip members, a wrong length: one error each,
/// naming the file and the record (and its URL when known); reading goes
/// on with the next record, then the next file.
#[test]
fn truncated_and_corrupt_gzip_members() {
    let tmp = tempfile::tempdir().unwrap();
    let page = |i: usize| {
        html_response(
            &format!("http://x/{i}"),
            &format!("<html><p>page {i} {}</p></html>", "words ".repeat(50 + i)),
        )
    };
    // One member per record; the third one damaged in its middle.
    let mut members: Vec<Vec<u8>> = (1..=5).map(|i| gzip(&page(i))).collect();
    let mid = members[2].len() / 2;
    for b in &mut members[2][mid..mid + 6] {
        *b ^= 0x5a;
    }
    let corrupt = put(tmp.path(), "corrupt.warc.gz", members.concat());
    // A bad checksum: the data decodes, the member is still damaged.
    let mut members: Vec<Vec<u8>> = (1..=3).map(|i| gzip(&page(i))).collect();
    let len = members[1].len();
    members[1][len - 6] ^= 0xff;
    let crc = put(tmp.path(), "crc.warc.gz", members.concat());
    // Cut inside the last member.
    let whole: Vec<u8> = (1..=3).map(|i| gzip(&page(i))).collect::<Vec<_>>().concat();
    let cut = put(tmp.path(), "cut.warc.gz", &whole[..whole.len() - 40]);
    // Garbage between members, and a member that is not gzip at all.
    let mut junk = gzip(&page(1));
    junk.extend_from_slice(b"\0\0\0 not gzip at all \x1f\x8b\x08\x00 fake header");
    junk.extend(gzip(&page(2)));
    let junk = put(tmp.path(), "junk.warc.gz", junk);
    let after = put(tmp.path(), "after.html", "<p>after</p>");

    let inputs = [s(&corrupt), s(&crc), s(&cut), s(&junk), s(&after)];
    let (items, stats) = run(&inputs);
    let sum = summary(&items);
    let err_at = |file: &Path, record: u64| {
        let e = errors(&items)
            .into_iter()
            .find(|e| e.origin == s(file))
            .unwrap_or_else(|| panic!("no error for {}: {sum:?}", s(file)))
            .clone();
        assert_eq!(e.location, Some(format!("record {record}")), "{e}");
        e
    };
    // Damaged deflate data may fail to decode or decode into nonsense: the
    // error tells what was found first.
    err_at(&corrupt, 3);
    let e = err_at(&crc, 2);
    assert!(
        e.reason.starts_with("truncated or corrupt gzip data")
            && e.reason.ends_with("(http://x/2)"),
        "{e}"
    );
    let e = err_at(&cut, 3);
    assert!(e.reason.contains("truncated or corrupt gzip data"), "{e}");
    let e = err_at(&junk, 2);
    assert!(e.reason.contains("truncated or corrupt gzip data"), "{e}");
    let ids = |file: &Path| -> Vec<String> {
        pages(&items)
            .iter()
            .filter(|p| p.origin == s(file))
            .map(|p| format!("{} #{}", p.id, p.record.unwrap()))
            .collect()
    };
    assert_eq!(
        ids(&corrupt),
        [
            "http://x/1 #1",
            "http://x/2 #2",
            "http://x/4 #4",
            "http://x/5 #5"
        ]
    );
    assert_eq!(ids(&crc), ["http://x/1 #1", "http://x/3 #3"]);
    assert_eq!(ids(&cut), ["http://x/1 #1", "http://x/2 #2"]);
    assert_eq!(ids(&junk), ["http://x/1 #1", "http://x/2 #3"]);
    assert_eq!(sum.last().unwrap(), "page after");
    assert_eq!(stats.errors, 4, "one error per damaged stretch: {sum:?}");
}

#[test]
fn damaged_plain_warc_records() {
    let tmp = tempfile::tempdir().unwrap();
    let mut data = html_response("http://x/1", "<html><p>one</p></html>");
    // No Content-Length: where the record ends is unknown.
    data.extend(
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/nolen\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html></html>\r\n\r\n",
    );
    // Not an HTTP response.
    data.extend(warc_record(
        "response",
        "http://x/raw",
        "",
        b"<html>no status line</html>",
    ));
    // A length too long: the block runs into the next record, which is
    // lost with it.
    let long = html_response("http://x/long", "<html><p>long</p></html>");
    let at = find(&long, b"Content-Length: ").unwrap() + 16;
    let end = at + find(&long[at..], b"\r\n").unwrap();
    let len: usize = std::str::from_utf8(&long[at..end])
        .unwrap()
        .parse()
        .unwrap();
    data.extend_from_slice(&long[..at]);
    data.extend(format!("{}", len + 10).bytes());
    data.extend_from_slice(&long[end..]);
    data.extend(html_response("http://x/2", "<html><p>two</p></html>"));
    data.extend(html_response("http://x/3", "<html><p>three</p></html>"));
    data.extend(b"stray junk between records\r\n");
    // A response with no target URI gets a made-up id.
    data.extend(response(
        "",
        "200 OK",
        "Content-Type: text/html\r\n",
        b"<html>anonymous</html>",
    ));
    let mut last = html_response("http://x/4", "<html><p>four</p></html>");
    last.truncate(last.len() - 20);
    data.extend(last);
    let f = put(tmp.path(), "plain.warc", data);
    let (items, stats) = run(&[s(&f)]);
    let o = s(&f);
    assert_eq!(
        summary(&items),
        [
            "page http://x/1".to_string(),
            format!("ERR {o}:record 2: record without a valid Content-Length (http://x/nolen)"),
            format!("ERR {o}:record 3: payload is not an HTTP response (http://x/raw)"),
            format!("ERR {o}:record 4: the record does not end where its Content-Length says (http://x/long)"),
            "page http://x/3".to_string(),
            format!("ERR {o}:record 6: not a WARC record (no `WARC/` version line)"),
            "page plain.warc#7".to_string(),
            format!("ERR {o}:record 8: file ends after 67 of 83 bytes of the record (http://x/4)"),
        ]
    );
    assert_eq!(stats.warc_records, 8);
    assert_eq!(stats.errors, 5);
}

#[test]
fn oversized_warc_payloads_are_skipped_with_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let big = format!("<html><p>{}</p></html>", "y".repeat(5000));
    let bomb = gzip("<html>".repeat(2000).as_bytes());
    let records = [
        html_response("http://x/big", &big),
        response(
            "http://x/bomb",
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            &bomb,
        ),
        // Non-HTML payloads are skipped whatever their size.
        response(
            "http://x/video",
            "200 OK",
            "Content-Type: video/mp4\r\n",
            &vec![7u8; 20_000],
        ),
        html_response("http://x/small", "<html>small</html>"),
    ];
    let f = put(tmp.path(), "big.warc.gz", gzip(&records.concat()));
    let opts = IngestOptions {
        max_doc_bytes: 4000,
    };
    let (items, stats) = run_with(&[s(&f)], &opts);
    let o = s(&f);
    assert_eq!(
        summary(&items),
        [
            format!("ERR {o}:record 1: page of more than 4000 bytes is larger than the limit (max_doc_bytes); skipped (http://x/big)"),
            format!("ERR {o}:record 2: page of more than 4000 bytes once decompressed is larger than the limit (max_doc_bytes); skipped (http://x/bomb)"),
            "page http://x/small".to_string(),
        ]
    );
    assert_eq!(stats.skipped_records_by_kind.get("video/mp4"), Some(&1));
}

#[test]
fn empty_missing_and_non_warc_files() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = put(tmp.path(), "empty.warc", "");
    let text = put(
        tmp.path(),
        "notes.warc",
        "just some notes\nover two lines\n",
    );
    let binary = put(tmp.path(), "bin.warc.gz", [0x1fu8, 0x8b, 0, 1, 2, 3]);
    let missing = tmp.path().join("missing.warc");
    let (items, stats) = run(&[s(&empty), s(&text), s(&binary), s(&missing)]);
    assert_eq!(
        summary(&items),
        [
            format!(
                "ERR {}:record 1: not a WARC record (no `WARC/` version line)",
                s(&text)
            ),
            format!(
                "ERR {}:record 1: truncated or corrupt gzip data (unexpected end of file)",
                s(&binary)
            ),
            format!("ERR {}: no such file or directory", s(&missing)),
        ]
    );
    assert_eq!(stats.files, 3);
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}
