//! End-to-end tests of `read_inputs` over real files and folders created in
//! temporary directories: folder walks, text files, JSON lines, gzip, stdin,
//! HTML files, WARC archives, and every kind of bad input (one error each,
//! reading goes on). All data is written by the tests.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use echotrace_ingest::{
    read_inputs, Document, IngestError, IngestOptions, IngestStats, Inputs, Item,
    MAX_SKIPPED_EXAMPLES,
};
use flate2::write::GzEncoder;
use flate2::Compression;

/// Writes `bytes` to `root/rel`, creating folders, and returns the path.
fn put(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn rec(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

type Items = Vec<Result<Item, IngestError>>;

fn run_with(inputs: &[String], opts: &IngestOptions) -> (Items, IngestStats) {
    let mut it = read_inputs(inputs, opts);
    let items: Vec<_> = it.by_ref().collect();
    (items, it.stats().clone())
}

fn run(inputs: &[String]) -> (Items, IngestStats) {
    run_with(inputs, &IngestOptions::default())
}

/// `"id"` for documents, `"page <id>"` for pages, `"ERR <display>"` for
/// errors, in stream order.
fn summary(items: &[Result<Item, IngestError>]) -> Vec<String> {
    items
        .iter()
        .map(|r| match r {
            Ok(Item::Doc(d)) => d.id.clone(),
            Ok(Item::Page(p)) => format!("page {}", p.id),
            Err(e) => format!("ERR {e}"),
        })
        .collect()
}

fn errors(items: &[Result<Item, IngestError>]) -> Vec<&IngestError> {
    items.iter().filter_map(|r| r.as_ref().err()).collect()
}

fn docs(items: &[Result<Item, IngestError>]) -> Vec<&Document> {
    items
        .iter()
        .filter_map(|r| r.as_ref().ok().and_then(Item::as_doc))
        .collect()
}

#[test]
fn folder_walk_is_sorted_recursive_and_mixed() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    put(&root, "b.txt", "bee");
    put(&root, "a2.txt", "a two");
    put(&root, "a.txt", "a");
    put(&root, "a10.txt", "a ten");
    put(&root, "sub.txt", "sub file");
    put(&root, "sub/c.txt", "see");
    put(
        &root,
        "sub/deeper/d.jsonl",
        format!("{}\n{}\n", rec("d1", "x"), rec("d2", "y")),
    );
    put(
        &root,
        "e.jsonl.gz",
        gzip(format!("{}\n", rec("e1", "z")).as_bytes()),
    );
    put(&root, "f.json.gz", gzip(rec("f1", "w").as_bytes()));
    put(&root, "g.ndjson", format!("{}\n", rec("g1", "v")));
    put(&root, "h.ndjson.gz", gzip(rec("h1", "u").as_bytes()));
    put(&root, "Z.TXT", "upper case name");
    put(&root, "image.png", [0x89u8, b'P', b'N', b'G', 0, 0]);
    put(&root, "README", "read me");
    put(&root, "sub/notes.md", "# notes");
    put(&root, "data.json", "[]");

    let (items, stats) = run(&[s(&root)]);
    assert_eq!(
        summary(&items),
        ["Z", "a", "a10", "a2", "b", "e1", "f1", "g1", "h1", "c", "d1", "d2", "sub"]
    );
    let by_id = |id: &str| {
        docs(&items)
            .into_iter()
            .find(|d| d.id == id)
            .unwrap()
            .clone()
    };
    assert_eq!(by_id("c").origin.unwrap(), s(&root.join("sub/c.txt")));
    assert_eq!(by_id("c").text, "see");
    assert_eq!(
        by_id("d2").origin.unwrap(),
        format!("{}:2", s(&root.join("sub/deeper/d.jsonl")))
    );
    assert_eq!(
        by_id("e1").origin.unwrap(),
        format!("{}:1", s(&root.join("e.jsonl.gz")))
    );
    assert_eq!(stats.documents, 13);
    assert_eq!(stats.errors, 0);
    assert_eq!(stats.files, 12);
    assert_eq!(stats.skipped_files, 4);
    let by_ext: Vec<(&str, u64)> = stats
        .skipped_by_extension
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(by_ext, [("", 1), ("json", 1), ("md", 1), ("png", 1)]);
    assert_eq!(
        stats.skipped_examples,
        [
            root.join("README"),
            root.join("data.json"),
            root.join("image.png"),
            root.join("sub/notes.md")
        ]
    );
}

#[test]
fn order_is_deterministic_and_follows_the_inputs() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for i in (0..40).rev() {
        put(
            root,
            &format!("dir/n{:02}/x{i}.txt", i % 7),
            format!("text {i}"),
        );
    }
    let single = put(root, "single.txt", "one");
    let lines = put(root, "l.jsonl", format!("{}\n", rec("l1", "t")));
    let inputs = [s(&lines), s(&root.join("dir")), s(&single)];
    let (first, _) = run(&inputs);
    let (second, _) = run(&inputs);
    assert_eq!(first, second);
    let ids = summary(&first);
    assert_eq!(ids.len(), 42);
    assert_eq!(ids[0], "l1");
    assert_eq!(ids[41], "single");
    let origins: Vec<String> = docs(&first)[1..41]
        .iter()
        .map(|d| d.origin.clone().unwrap())
        .collect();
    let mut sorted = origins.clone();
    sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
    assert_eq!(origins, sorted);
}

#[test]
fn text_files_are_kept_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "\n  Première ligne,\r\n\tdeuxième  \u{a0}\r\n\r\nfin   \n\n";
    let plain = put(tmp.path(), "2024-01-02 story.txt", text);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(text.as_bytes());
    let bom = put(tmp.path(), "bom.txt", with_bom);
    let (items, _) = run(&[s(&plain), s(&bom)]);
    let d = docs(&items);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].id, "2024-01-02 story");
    assert_eq!(d[0].text, text);
    assert_eq!(d[0].origin.as_deref(), Some(s(&plain).as_str()));
    assert_eq!(d[0].series, None);
    assert!(d[0].extra.is_empty());
    assert_eq!(d[1].id, "bom");
    assert_eq!(d[1].text, text);
}

#[test]
fn missing_path_is_one_error_and_reading_continues() {
    let tmp = tempfile::tempdir().unwrap();
    let a = put(tmp.path(), "a.txt", "alpha");
    let l = put(tmp.path(), "l.jsonl", rec("l1", "t"));
    let missing = s(&tmp.path().join("nope"));
    let (items, stats) = run(&[s(&a), missing.clone(), "".to_string(), s(&l)]);
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            format!("ERR {missing}: no such file or directory"),
            "ERR : no such file or directory".to_string(),
            "l1".to_string()
        ]
    );
    let e = errors(&items)[0];
    assert_eq!(e.origin, missing);
    assert_eq!(e.location, None);
    assert_eq!(e.reason, "no such file or directory");
    assert_eq!(stats.errors, 2);
    assert_eq!(stats.documents, 2);
}

#[test]
fn explicit_file_of_unknown_type_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let j = put(tmp.path(), "records.json", "[]");
    let a = put(tmp.path(), "a.txt", "alpha");
    let (items, _) = run(&[s(&j), s(&a)]);
    assert_eq!(items.len(), 2);
    let e = errors(&items)[0];
    assert_eq!(e.origin, s(&j));
    assert!(e.reason.starts_with("unsupported input"), "{e}");
    assert_eq!(docs(&items)[0].id, "a");
}

#[test]
fn explicit_file_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let nd = put(tmp.path(), "x.NDJSON", rec("n", "t"));
    let gz = put(tmp.path(), "y.jsonl.gz", gzip(rec("g", "t").as_bytes()));
    let jgz = put(tmp.path(), "z.json.gz", gzip(rec("j", "t").as_bytes()));
    let (items, stats) = run(&[s(&nd), s(&gz), s(&jgz)]);
    assert_eq!(summary(&items), ["n", "g", "j"]);
    assert_eq!(stats.files, 3);
}

#[cfg(unix)]
#[test]
fn dangling_symlinks_in_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    put(&root, "z.txt", "zed");
    std::os::unix::fs::symlink(tmp.path().join("gone.txt"), root.join("m.txt")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("gone.png"), root.join("n.png")).unwrap();
    let (items, stats) = run(&[s(&root)]);
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            format!(
                "ERR {}: cannot access file: no such file or directory",
                s(&root.join("m.txt"))
            ),
            "z".to_string()
        ]
    );
    assert_eq!(stats.skipped_files, 1);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    put(&root, "sub/b.txt", "bee");
    std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();
    let (items, _) = run(&[s(&root)]);
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            "b".to_string(),
            format!(
                "ERR {}: folder already read (symbolic link loop or given twice); skipped",
                s(&root.join("sub/loop"))
            ),
        ]
    );
}

/// On Linux, reading `/proc/self/mem` at offset 0 fails with an I/O error
/// even for root: a file that opens but cannot be read.
#[cfg(target_os = "linux")]
#[test]
fn file_that_cannot_be_read() {
    let mem = Path::new("/proc/self/mem");
    if !mem.exists() {
        eprintln!("no /proc/self/mem, test skipped");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    put(&root, "z.txt", "zed");
    std::os::unix::fs::symlink(mem, root.join("mem.txt")).unwrap();
    std::os::unix::fs::symlink(mem, root.join("mem.jsonl")).unwrap();
    let (items, _) = run(&[s(&root)]);
    let sum = summary(&items);
    assert_eq!(sum.len(), 4, "{sum:?}");
    assert_eq!(sum[0], "a");
    assert_eq!(sum[3], "z");
    let e = errors(&items);
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].origin, s(&root.join("mem.jsonl")));
    assert_eq!(e[0].location.as_deref(), Some("1"));
    assert!(e[0].reason.starts_with("read error"), "{}", e[0]);
    assert_eq!(e[1].origin, s(&root.join("mem.txt")));
    assert_eq!(e[1].location, None);
    assert!(e[1].reason.starts_with("read error"), "{}", e[1]);
}

/// Permission checks do not apply to root: the test then only checks that
/// nothing breaks.
#[cfg(unix)]
#[test]
fn unreadable_file_and_unlistable_folder() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    let secret = put(&root, "b.txt", "secret");
    let locked = root.join("locked");
    put(&locked, "inner.txt", "inner");
    put(&root, "z.txt", "zed");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let enforced = fs::read(&secret).is_err();
    let (items, _) = run(&[s(&root)]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    if !enforced {
        eprintln!("permissions not enforced (running as root): only sanity-checked");
        assert_eq!(summary(&items), ["a", "b", "inner", "z"]);
        return;
    }
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            format!("ERR {}: cannot open file: permission denied", s(&secret)),
            format!("ERR {}: cannot list folder: permission denied", s(&locked)),
            "z".to_string()
        ]
    );
}

#[test]
fn bad_json_lines_are_one_error_each() {
    let tmp = tempfile::tempdir().unwrap();
    let mut data = b"\xEF\xBB\xBF".to_vec();
    let lines: Vec<Vec<u8>> = vec![
        br#"{"id":"ok1","text":"first","series":"s","date":"2020","url":"u","title":"t","z":1,"a":[2]}"#.to_vec(),
        b"".to_vec(),
        br#"{"id":"x","text":"#.to_vec(),
        br#""just a string""#.to_vec(),
        br#"{"text":"no id"}"#.to_vec(),
        br#"{"id":"no text"}"#.to_vec(),
        br#"{"id":{"a":1},"text":"t"}"#.to_vec(),
        br#"{"id":"obj","text":"t","series":{"a":1}}"#.to_vec(),
        b"{\"id\":\"bytes\",\"text\":\"ab\xFFcd\"}".to_vec(),
        br#"{"id":"blank","text":"   "}"#.to_vec(),
        br#"{"id":7,"text":"numeric id","date":20200101}"#.to_vec(),
        b"   ".to_vec(),
        br#"{"id":"ok2","text":"last"}"#.to_vec(),
    ];
    for line in &lines {
        data.extend_from_slice(line);
        data.extend_from_slice(b"\r\n");
    }
    let f = put(tmp.path(), "bad.jsonl", data);
    let after = put(tmp.path(), "after.txt", "after");
    let (items, stats) = run(&[s(&f), s(&after)]);
    let o = s(&f);
    assert_eq!(
        summary(&items),
        [
            "ok1".to_string(),
            format!("ERR {o}:3: malformed JSON: EOF while parsing a value at column 17"),
            format!("ERR {o}:4: expected a JSON object, found a string"),
            format!("ERR {o}:5: missing required field `id`"),
            format!("ERR {o}:6: missing required field `text`"),
            format!("ERR {o}:7: field `id` must be a string or a number, found an object"),
            format!("ERR {o}:8: field `series` must be a string, found an object"),
            format!("ERR {o}:9: invalid UTF-8 at byte offset 24 of the line"),
            format!("ERR {o}:10: empty text"),
            "7".to_string(),
            "ok2".to_string(),
            "after".to_string(),
        ]
    );
    for e in errors(&items) {
        assert_eq!(e.origin, o);
        assert!(e.location.is_some());
    }
    let d = docs(&items);
    assert_eq!(d[0].origin, Some(format!("{o}:1")));
    assert_eq!(d[0].series.as_deref(), Some("s"));
    assert_eq!(d[0].date.as_deref(), Some("2020"));
    assert_eq!(d[0].url.as_deref(), Some("u"));
    assert_eq!(d[0].title.as_deref(), Some("t"));
    assert_eq!(
        d[0].extra.keys().collect::<Vec<_>>(),
        ["z", "a"],
        "extra fields in input order"
    );
    assert_eq!(d[1].date.as_deref(), Some("20200101"));
    assert_eq!(d[1].origin, Some(format!("{o}:11")));
    assert_eq!(d[2].origin, Some(format!("{o}:13")));
    assert_eq!(stats.errors, 8);
    assert_eq!(stats.documents, 4);
}

#[test]
fn bad_text_files_are_one_error_each() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    let png = put(&root, "b.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin1 = put(&root, "c.txt", b"caf\xE9 au lait");
    let bom_bad = put(&root, "d.txt", b"\xEF\xBB\xBFok \xC3(");
    let empty = put(&root, "e.txt", "");
    let blank = put(&root, "f.txt", " \r\n\t\u{3000}\n");
    let utf16 = put(
        &root,
        "g.txt",
        "hello"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    put(&root, "z.txt", "zed");
    let (items, stats) = run(&[s(&root)]);
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            format!(
                "ERR {}: binary or non-UTF-8 file (NUL byte at byte offset 8)",
                s(&png)
            ),
            format!(
                "ERR {}: binary or non-UTF-8 file (invalid UTF-8 at byte offset 3)",
                s(&latin1)
            ),
            format!(
                "ERR {}: binary or non-UTF-8 file (invalid UTF-8 at byte offset 6)",
                s(&bom_bad)
            ),
            format!("ERR {}: empty text", s(&empty)),
            format!("ERR {}: empty text", s(&blank)),
            format!(
                "ERR {}: binary or non-UTF-8 file (NUL byte at byte offset 1)",
                s(&utf16)
            ),
            "z".to_string(),
        ]
    );
    assert!(errors(&items).iter().all(|e| e.location.is_none()));
    assert_eq!(stats.errors, 6);
}

#[test]
fn binary_jsonl_file_is_one_error() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = format!("{}\n", rec("a", "t")).into_bytes();
    bytes.extend_from_slice(b"\n\n\0\x01\x02\n\n\xFF\n");
    let f = put(tmp.path(), "bin.jsonl", &bytes);
    let after = put(tmp.path(), "after.jsonl", rec("b", "t"));
    let (items, _) = run(&[s(&f), s(&after)]);
    assert_eq!(
        summary(&items),
        [
            format!(
                "ERR {}: binary or non-UTF-8 file (NUL byte at byte offset {}); skipped",
                s(&f),
                rec("a", "t").len() + 3
            ),
            "b".to_string()
        ]
    );
}

/// A text of at least `bytes` bytes with multi-byte characters and newlines.
fn big_text(bytes: usize) -> String {
    let unit = "Le café du port — «reprise» n° 42, ligne\tsuivante.\n";
    let mut text = unit.repeat(bytes / unit.len() + 1);
    text.push_str(" end ");
    text
}

#[test]
fn fifty_megabyte_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let text = big_text(50 * 1024 * 1024);
    let txt = put(tmp.path(), "big.txt", &text);
    let line = serde_json::json!({"id": "bigj", "text": text, "series": "s"}).to_string();
    let jsonl = put(
        tmp.path(),
        "big.jsonl",
        format!("{}\n{line}\n{}\n", rec("before", "b"), rec("after", "a")),
    );
    let small = put(tmp.path(), "small.txt", "small");
    let inputs = [s(&txt), s(&jsonl), s(&small)];

    let (items, _) = run(&inputs);
    assert_eq!(summary(&items), ["big", "before", "bigj", "after", "small"]);
    let d = docs(&items);
    assert!(d[0].text == text, "text file read exactly");
    assert!(d[2].text == text, "JSON line read exactly");
    assert_eq!(d[2].origin, Some(format!("{}:2", s(&jsonl))));
    drop(items);

    let opts = IngestOptions {
        max_doc_bytes: 1024 * 1024,
    };
    let (items, stats) = run_with(&inputs, &opts);
    assert_eq!(
        summary(&items),
        [
            format!(
                "ERR {}: document of {} bytes is larger than the limit of 1048576 bytes (max_doc_bytes); skipped",
                s(&txt),
                text.len()
            ),
            "before".to_string(),
            format!(
                "ERR {}:2: record of {} bytes is larger than the limit of 1048576 bytes (max_doc_bytes); skipped",
                s(&jsonl),
                line.len() + 1
            ),
            "after".to_string(),
            "small".to_string(),
        ]
    );
    assert_eq!(stats.errors, 2);
}

fn numbered_records(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        out.push_str(&rec(
            &format!("r{i}"),
            &format!("record number {i} with some words"),
        ));
        out.push('\n');
    }
    out
}

#[test]
fn gzip_multi_member_is_read_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = gzip(numbered_records(3).as_bytes());
    bytes.extend(gzip(rec("tail", "t").as_bytes()));
    let f = put(tmp.path(), "m.jsonl.gz", bytes);
    let (items, _) = run(&[s(&f)]);
    assert_eq!(summary(&items), ["r0", "r1", "r2", "tail"]);
}

#[test]
fn truncated_gzip_keeps_earlier_records() {
    let tmp = tempfile::tempdir().unwrap();
    let total = 20_000;
    let full = gzip(numbered_records(total).as_bytes());
    let cut = put(tmp.path(), "cut.jsonl.gz", &full[..full.len() / 2]);
    let after = put(tmp.path(), "after.txt", "after");
    let (items, stats) = run(&[s(&cut), s(&after)]);
    let n = items.len() - 2;
    assert!(n > 1000 && n < total, "{n} records before the cut");
    for (i, item) in items[..n].iter().enumerate() {
        assert_eq!(item.as_ref().unwrap().id(), format!("r{i}"));
    }
    let e = items[n].as_ref().unwrap_err();
    assert_eq!(e.origin, s(&cut));
    assert_eq!(e.location, Some((n + 1).to_string()), "the line reached");
    assert!(e.reason.contains("truncated or corrupt gzip data"), "{e}");
    assert_eq!(items[n + 1].as_ref().unwrap().id(), "after");
    assert_eq!(stats.errors, 1);
}

#[test]
fn gzip_cut_right_after_header_and_within_first_block() {
    let tmp = tempfile::tempdir().unwrap();
    let full = gzip(numbered_records(3).as_bytes());
    for (name, len) in [("h.jsonl.gz", 10), ("b.jsonl.gz", full.len() - 4)] {
        let f = put(tmp.path(), name, &full[..len]);
        let (items, _) = run(&[s(&f)]);
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert_eq!(last.origin, s(&f));
        assert!(
            last.reason.contains("truncated or corrupt gzip data"),
            "{last}"
        );
        assert_eq!(errors(&items).len(), 1, "{:?}", summary(&items));
    }
}

#[test]
fn corrupt_and_fake_gzip() {
    let tmp = tempfile::tempdir().unwrap();
    let fake = put(tmp.path(), "fake.jsonl.gz", numbered_records(2));
    let mut bytes = gzip(numbered_records(50).as_bytes());
    let len = bytes.len();
    // Break the CRC-32 in the trailer: every record decodes, then the
    // check fails.
    bytes[len - 6] ^= 0xFF;
    let crc = put(tmp.path(), "crc.jsonl.gz", bytes);
    let (items, _) = run(&[s(&fake), s(&crc)]);
    let e = errors(&items);
    assert_eq!(e.len(), 2, "{:?}", summary(&items));
    assert_eq!(e[0].origin, s(&fake));
    assert_eq!(e[0].location.as_deref(), Some("1"));
    assert!(
        e[0].reason.contains("truncated or corrupt gzip data"),
        "{}",
        e[0]
    );
    assert_eq!(e[1].origin, s(&crc));
    assert_eq!(e[1].location.as_deref(), Some("51"));
    assert!(
        e[1].reason.contains("truncated or corrupt gzip data"),
        "{}",
        e[1]
    );
    assert_eq!(docs(&items).len(), 50);
}

#[cfg(unix)]
#[test]
fn special_files_in_folders_are_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    put(&root, "a.txt", "alpha");
    let fifo = root.join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !matches!(made, Ok(st) if st.success()) {
        eprintln!("mkfifo unavailable, test skipped");
        return;
    }
    let (items, _) = run(&[s(&root)]);
    assert_eq!(
        summary(&items),
        [
            "a".to_string(),
            format!("ERR {}: not a regular file; skipped", s(&fifo))
        ]
    );
}

#[test]
fn skipped_examples_are_capped() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..MAX_SKIPPED_EXAMPLES + 5 {
        put(tmp.path(), &format!("img{i:03}.PNG"), "x");
    }
    let (items, stats) = run(&[s(tmp.path())]);
    assert!(items.is_empty());
    assert_eq!(stats.skipped_files as usize, MAX_SKIPPED_EXAMPLES + 5);
    assert_eq!(stats.skipped_examples.len(), MAX_SKIPPED_EXAMPLES);
    assert_eq!(stats.skipped_examples[0], tmp.path().join("img000.PNG"));
    assert_eq!(
        stats.skipped_by_extension.get("png").copied(),
        Some((MAX_SKIPPED_EXAMPLES + 5) as u64)
    );
}

#[test]
fn empty_input_list_and_empty_folder() {
    let (items, stats) = run(&[]);
    assert!(items.is_empty());
    assert_eq!(stats, IngestStats::default());
    let tmp = tempfile::tempdir().unwrap();
    let (items, _) = run(&[s(tmp.path())]);
    assert!(items.is_empty());
}

#[test]
fn iterator_is_fused_and_send() {
    fn assert_send<T: Send>(_: &T) {}
    let tmp = tempfile::tempdir().unwrap();
    let a = put(tmp.path(), "a.txt", "alpha");
    let mut it: Inputs = read_inputs(&[s(&a)], &IngestOptions::default());
    assert_send(&it);
    let handle = std::thread::spawn(move || {
        let first = it.next();
        (first, it.next(), it.next())
    });
    let (first, second, third) = handle.join().unwrap();
    assert_eq!(first.unwrap().unwrap().id(), "a");
    assert!(second.is_none() && third.is_none());
}

/// Reads `-` (twice) in a child process whose stdin is piped: the child is
/// this same test binary, told by an environment variable to print what it
/// reads.
#[test]
fn stdin_dash() {
    if std::env::var_os("ECHOTRACE_INGEST_STDIN_CHILD").is_some() {
        for item in read_inputs(
            &["-".to_string(), "-".to_string()],
            &IngestOptions::default(),
        ) {
            match item {
                Ok(Item::Doc(d)) => println!("@@DOC {} {}", d.id, d.origin.unwrap_or_default()),
                Ok(Item::Page(p)) => println!("@@PAGE {}", p.id),
                Err(e) => println!("@@ERR {e}"),
            }
        }
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args(["--exact", "stdin_dash", "--nocapture", "--test-threads=1"])
        .env("ECHOTRACE_INGEST_STDIN_CHILD", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let input = format!(
        "\u{feff}{}\r\n\nnot json\n{}",
        rec("s1", "from stdin"),
        rec("s2", "again")
    );
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    // libtest may print its own text before ours on the same line.
    let lines: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once("@@").map(|(_, ours)| ours))
        .collect();
    assert_eq!(
        lines,
        [
            "DOC s1 <stdin>:1",
            "ERR <stdin>:3: malformed JSON: expected ident at column 2",
            "DOC s2 <stdin>:4",
            "ERR <stdin>: standard input given more than once; skipped",
        ]
    );
}
