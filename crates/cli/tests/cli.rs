//! End-to-end tests of the `echotrace` binary: the example corpus, the
//! worked example of ../shared/seeds (when present), bad input, incremental
//! runs, determinism, interrupted runs, exports.

mod common;

use common::{bin, example_file, ok, run};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn example() -> PathBuf {
    example_file("newsroom.jsonl")
}

fn db_in(dir: &Path) -> String {
    dir.join("t.db").display().to_string()
}

/// Aligned pairs as sorted JSON strings (order-independent comparison).
fn pair_set(db: &str) -> Vec<String> {
    let out = ok(&["pairs", "--db", db, "--format", "jsonl"]);
    let mut v: Vec<String> = out
        .lines()
        .map(|l| {
            let p: Value = serde_json::from_str(l).unwrap();
            let side =
                |s: &Value| format!("{}:{}-{}", s["doc"].as_str().unwrap(), s["begin"], s["end"]);
            format!("{} | {}", side(&p["a"]), side(&p["b"]))
        })
        .collect();
    v.sort();
    v
}

fn linked_docs(db: &str) -> Vec<(String, String)> {
    let out = ok(&["pairs", "--db", db, "--format", "jsonl"]);
    let mut v: Vec<(String, String)> = out
        .lines()
        .map(|l| {
            let p: Value = serde_json::from_str(l).unwrap();
            let (a, b) = (
                p["a"]["doc"].as_str().unwrap(),
                p["b"]["doc"].as_str().unwrap(),
            );
            if a < b {
                (a.to_string(), b.to_string())
            } else {
                (b.to_string(), a.to_string())
            }
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn example_corpus_finds_the_copies_and_only_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let summary = ok(&["trace", example().to_str().unwrap(), "--db", &db]);
    assert!(summary.contains("7 documents"), "{summary}");
    assert!(summary.contains("top clusters"), "{summary}");
    let links = linked_docs(&db);
    for want in [
        ("courier-88", "wire-0412"),
        ("gazette-301", "wire-0412"),
        ("evening-17", "wire-0412"),
        ("courier-88", "evening-17"),
    ] {
        assert!(
            links.contains(&(want.0.to_string(), want.1.to_string())),
            "missing {want:?} in {links:?}"
        );
    }
    for (a, b) in &links {
        for unrelated in ["city-9", "festival-4", "echo-fr-55"] {
            assert!(a != unrelated && b != unrelated, "spurious link {a}-{b}");
        }
    }
    // The gazette reordered three of the wire's paragraphs: all three found.
    let pairs = ok(&[
        "pairs",
        "--db",
        &db,
        "--doc",
        "gazette-301",
        "--format",
        "jsonl",
    ]);
    let with_wire = pairs.lines().filter(|l| l.contains("wire-0412")).count();
    assert_eq!(with_wire, 3, "{pairs}");
}

#[test]
fn every_offset_slices_the_original_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    let originals: std::collections::HashMap<String, String> = std::fs::read_to_string(example())
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let slice = |id: &str, b: u64, e: u64| -> String {
        originals[id]
            .chars()
            .skip(b as usize)
            .take((e - b) as usize)
            .collect()
    };
    let export = ok(&["export", "--db", &db]);
    assert!(export.lines().count() >= 6);
    for l in export.lines() {
        let p: Value = serde_json::from_str(l).unwrap();
        for f in [
            "id", "uid", "cluster", "size", "begin", "end", "src", "text", "series", "date",
            "aligned", "lang",
        ] {
            assert!(p.get(f).is_some(), "field {f} missing in {l}");
        }
        let id = p["id"].as_str().unwrap();
        let text = slice(id, p["begin"].as_u64().unwrap(), p["end"].as_u64().unwrap());
        assert_eq!(text, p["text"].as_str().unwrap());
        assert!(!p["aligned"].as_array().unwrap().is_empty());
    }
    for l in ok(&["pairs", "--db", &db, "--format", "jsonl"]).lines() {
        let p: Value = serde_json::from_str(l).unwrap();
        for side in ["a", "b"] {
            let s = &p[side];
            let text = slice(
                s["doc"].as_str().unwrap(),
                s["begin"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            );
            assert_eq!(text, s["text"].as_str().unwrap());
        }
    }
}

#[test]
fn seeds_worked_example() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("SKIPPED: ../shared/seeds not found (not part of a user's clone)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    ok(&["trace", seeds.to_str().unwrap(), "--db", &db, "-q"]);
    let links = linked_docs(&db);
    let short: Vec<(String, String)> = links
        .iter()
        .map(|(a, b)| (a[..3].to_string(), b[..3].to_string()))
        .collect();
    for want in [("000", "001"), ("000", "002"), ("001", "002")] {
        assert!(
            short.contains(&(want.0.to_string(), want.1.to_string())),
            "missing {want:?}: {short:?}"
        );
    }
    for (a, b) in &short {
        assert!(
            !["003", "004"].contains(&a.as_str()) && !["003", "004"].contains(&b.as_str()),
            "{a}-{b}"
        );
    }
    // The shared paragraphs are found: Zakharova's quote, the airspace
    // paragraph and the "frappes ponctuelles" paragraph, in all three.
    let export = ok(&["export", "--db", &db]);
    for phrase in [
        "Nous avions beaucoup de questions",
        "espace aérien pourtant quadrillé",
        "frappes ponctuelles",
    ] {
        let docs: std::collections::BTreeSet<String> = export
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|p| p["text"].as_str().unwrap().contains(phrase))
            .map(|p| p["id"].as_str().unwrap()[..3].to_string())
            .collect();
        assert_eq!(docs.len(), 3, "{phrase:?} found in {docs:?}");
    }
}

#[test]
fn bad_input_is_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("good.txt"),
        "A perfectly ordinary article about the harbour.",
    )
    .unwrap();
    std::fs::write(folder.join("bad-utf8.txt"), b"caf\xe9 au lait\n").unwrap();
    std::fs::write(folder.join("binary.txt"), [0u8, 1, 2, 3, 0, 255, 0, 7]).unwrap();
    std::fs::write(folder.join("empty.txt"), "   \n").unwrap();
    std::fs::write(
        folder.join("records.jsonl"),
        "{\"id\":\"j1\",\"text\":\"first record\"}\n{not json\n{\"text\":\"no id\"}\n{\"id\":\"j4\"}\n{\"id\":\"j5\",\"text\":\"fifth record\"}\n",
    )
    .unwrap();
    let db = db_in(dir.path());
    let missing = dir.path().join("does-not-exist.jsonl");
    let out = run(&[
        "trace",
        folder.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "exit status 3 when records were skipped"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "bad-utf8.txt",
        "binary.txt",
        "empty.txt",
        "records.jsonl:2",
        "records.jsonl:3",
        "records.jsonl:4",
        "does-not-exist.jsonl",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle}: {err}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("3 documents"), "{stdout}");
    assert!(stdout.contains("7 skipped"), "{stdout}");
    // The store keeps what was skipped, for later inspection.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM skipped", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 7);
}

#[test]
fn stdin_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    let mut child = bin()
        .args(["trace", "-", "--db", &db, "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(example()).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents_total"], 7);
    assert!(v["clusters"].as_u64().unwrap() >= 3);
}

/// Writes the example corpus split in two files.
fn split_example(dir: &Path) -> (String, String) {
    let text = std::fs::read_to_string(example()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let (a, b) = lines.split_at(3);
    let pa = dir.join("part1.jsonl");
    let pb = dir.join("part2.jsonl");
    std::fs::write(&pa, a.join("\n")).unwrap();
    std::fs::write(&pb, b.join("\n")).unwrap();
    (pa.display().to_string(), pb.display().to_string())
}

#[test]
fn incremental_runs_match_a_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let (p1, p2) = split_example(dir.path());
    let one = dir.path().join("one.db").display().to_string();
    ok(&["trace", example().to_str().unwrap(), "--db", &one, "-q"]);
    let inc = dir.path().join("inc.db").display().to_string();
    ok(&["trace", &p1, "--db", &inc, "-q"]);
    let second = ok(&["trace", &p2, "--db", &inc, "--json"]);
    let v: Value = serde_json::from_str(&second).unwrap();
    assert_eq!(v["documents_added"], 4);
    assert_eq!(pair_set(&one), pair_set(&inc));
    // Adding the same documents again changes nothing.
    let again = ok(&["trace", example().to_str().unwrap(), "--db", &inc, "--json"]);
    let v: Value = serde_json::from_str(&again).unwrap();
    assert_eq!(v["documents_added"], 0);
    assert_eq!(v["documents_unchanged"], 7);
    assert_eq!(v["candidate_pairs"], 0);
    assert_eq!(pair_set(&one), pair_set(&inc));
}

/// Every stored document's id and fingerprint blob, by id.
fn stored_fingerprints(db: &str) -> Vec<(String, Vec<u8>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT id, fingerprints FROM documents ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_store_fingerprinted_differently_is_brought_up_to_date() {
    // The first part stored without sentence fingerprints (no sentence
    // length qualifies with --sentence-min-words 30), as a store from an
    // older echotrace is; the next run recomputes them.
    let dir = tempfile::tempdir().unwrap();
    let (p1, p2) = split_example(dir.path());
    let one = dir.path().join("one.db").display().to_string();
    ok(&["trace", example().to_str().unwrap(), "--db", &one, "-q"]);
    let inc = dir.path().join("inc.db").display().to_string();
    ok(&[
        "trace",
        &p1,
        "--db",
        &inc,
        "-q",
        "--sentence-min-words",
        "30",
    ]);
    let before = stored_fingerprints(&inc);
    let out = run(&["trace", &p2, "--db", &inc, "-q"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recomputed the fingerprints of 3 stored documents"),
        "{err}"
    );
    let after = stored_fingerprints(&inc);
    let all = stored_fingerprints(&one);
    assert_eq!(after, all);
    let same_ids: Vec<(String, Vec<u8>)> = after
        .iter()
        .filter(|(id, _)| before.iter().any(|(b, _)| b == id))
        .cloned()
        .collect();
    assert_eq!(same_ids.len(), 3);
    assert_ne!(before, same_ids, "the sentence fingerprints were added");
    assert_eq!(pair_set(&one), pair_set(&inc));
    // Up to date: the next run recomputes nothing.
    let out = run(&["trace", &p2, "--db", &inc, "-q"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("recomputed"));
    // Another n-gram size still cannot be mixed in.
    let out = run(&["trace", &p2, "--db", &inc, "-q", "--ngram", "4"]);
    assert!(!out.status.success());
}

#[test]
fn changed_text_needs_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    let changed = dir.path().join("changed.jsonl");
    std::fs::write(
        &changed,
        "{\"id\":\"courier-88\",\"text\":\"The courier withdrew this article and replaced it with a short note.\"}\n",
    )
    .unwrap();
    let out = run(&["trace", changed.to_str().unwrap(), "--db", &db]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--replace"));
    assert!(linked_docs(&db).contains(&("courier-88".into(), "wire-0412".into())));
    ok(&[
        "trace",
        changed.to_str().unwrap(),
        "--db",
        &db,
        "--replace",
        "-q",
    ]);
    let links = linked_docs(&db);
    assert!(
        !links
            .iter()
            .any(|(a, b)| a == "courier-88" || b == "courier-88"),
        "{links:?}"
    );
    assert!(links.contains(&("gazette-301".into(), "wire-0412".into())));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    ok(&[
        "gen",
        "--docs",
        "400",
        "--seed",
        "7",
        "--out",
        gen.to_str().unwrap(),
    ]);
    let corpus = gen.join("corpus.jsonl");
    let mut exports = Vec::new();
    for threads in ["1", "2", "3"] {
        let db = dir
            .path()
            .join(format!("t{threads}.db"))
            .display()
            .to_string();
        ok(&[
            "trace",
            corpus.to_str().unwrap(),
            "--db",
            &db,
            "--threads",
            threads,
            "-q",
        ]);
        exports.push((
            ok(&["export", "--db", &db]),
            ok(&["pairs", "--db", &db, "--format", "jsonl"]),
            ok(&["export", "--db", &db, "--documents"]),
        ));
    }
    assert!(exports[0].0.lines().count() > 20);
    assert_eq!(exports[0], exports[1]);
    assert_eq!(exports[0], exports[2]);
}

#[test]
fn a_killed_run_leaves_a_store_that_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    ok(&[
        "gen",
        "--docs",
        "1200",
        "--seed",
        "3",
        "--out",
        gen.to_str().unwrap(),
    ]);
    let corpus = gen.join("corpus.jsonl").display().to_string();
    let reference = dir.path().join("ref.db").display().to_string();
    ok(&["trace", &corpus, "--db", &reference, "-q"]);
    let want = pair_set(&reference);
    assert!(want.len() > 50);
    for failpoint in ["ingest-batch:2", "align-chunk:1"] {
        let db = dir
            .path()
            .join(format!("{}.db", &failpoint[..5]))
            .display()
            .to_string();
        let out = bin()
            .args(["trace", &corpus, "--db", &db, "-q", "--batch-docs", "200"])
            .env("ECHOTRACE_FAILPOINT", failpoint)
            .output()
            .unwrap();
        assert!(!out.status.success(), "the run was aborted at {failpoint}");
        // The store opens and keeps what was committed.
        let conn = rusqlite::Connection::open(&db).unwrap();
        let docs: i64 = conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .unwrap();
        assert!(docs >= 200, "{failpoint}: {docs} documents kept");
        drop(conn);
        ok(&["export", "--db", &db]);
        // The next run completes the work: same result as an uninterrupted run.
        ok(&["trace", &corpus, "--db", &db, "-q"]);
        assert_eq!(pair_set(&db), want, "after resuming from {failpoint}");
    }
}

#[test]
fn parquet_and_document_exports() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    let passages = ok(&["export", "--db", &db]).lines().count();
    let pq = dir.path().join("p.parquet");
    ok(&[
        "export",
        "--db",
        &db,
        "--format",
        "parquet",
        "--out",
        pq.to_str().unwrap(),
    ]);
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as usize,
        passages
    );
    let fields: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    for f in [
        "id", "uid", "cluster", "size", "begin", "end", "src", "text",
    ] {
        assert!(fields.contains(&f.to_string()), "{fields:?}");
    }
    let docs = ok(&["export", "--db", &db, "--documents"]);
    assert_eq!(docs.lines().count(), 7);
    let first: Value = serde_json::from_str(docs.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "wire-0412");
    assert!(first.get("story").is_some() && first.get("narrative").is_some());
    assert_eq!(first["lang"], "en", "input fields pass through");
    let dq = dir.path().join("d.parquet");
    ok(&[
        "export",
        "--db",
        &db,
        "--documents",
        "--format",
        "parquet",
        "--out",
        dq.to_str().unwrap(),
    ]);
    let reader = SerializedFileReader::new(std::fs::File::open(&dq).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 7);
    let out = run(&["export", "--db", &db, "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
}

#[test]
fn show_and_pairs_print_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path());
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    let show = ok(&["show", "evening-17", "--db", &db]);
    assert!(show.contains("⟦1 "), "{show}");
    assert!(show.contains("also in wire-0412"), "{show}");
    let pairs = ok(&["pairs", "--db", &db, "--limit", "1"]);
    assert_eq!(pairs.lines().filter(|l| l.contains("<->")).count(), 1);
    let out = run(&["show", "no-such-doc", "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-doc"));
    let out = run(&[
        "export",
        "--db",
        dir.path().join("missing.db").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

#[test]
fn generated_corpus_quality_floor() {
    // Not the benchmark (see `echotrace bench`): a floor that catches
    // regressions of the matcher on a small generated corpus.
    let dir = tempfile::tempdir().unwrap();
    let gen = dir.path().join("gen");
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/base-text");
    let mut args = vec![
        "gen",
        "--docs",
        "600",
        "--seed",
        "11",
        "--out",
        gen.to_str().unwrap(),
    ];
    if base.is_dir() {
        args.extend(["--base", base.to_str().unwrap()]);
    } else {
        eprintln!("note: ../shared/data/base-text not found, the corpus uses the built-in grammar");
        args.extend(["--base", "/nonexistent"]);
    }
    ok(&args);
    let db = db_in(dir.path());
    ok(&[
        "trace",
        gen.join("corpus.jsonl").to_str().unwrap(),
        "--db",
        &db,
        "-q",
    ]);
    let report = ok(&[
        "eval",
        "--truth",
        gen.join("truth.jsonl").to_str().unwrap(),
        "--db",
        &db,
        "--json",
    ]);
    let r: Value = serde_json::from_str(&report).unwrap();
    let p = r["passage"]["precision"].as_f64().unwrap();
    let rc = r["passage"]["recall"].as_f64().unwrap();
    let pd = r["plagdet"]["plagdet"].as_f64().unwrap();
    assert!(p >= 0.95 && rc >= 0.85 && pd >= 0.88, "{report}");
}

#[test]
fn huge_document_is_traced() {
    // A 50 MB document holding a copy of a small one.
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "harbour", "council", "tunnel", "engineer", "river", "budget", "vote", "spring", "bridge",
        "station", "market", "winter", "school", "valley", "report", "village", "garden", "museum",
    ];
    let mut big = String::with_capacity(50 << 20);
    let mut x: u64 = 12345;
    while big.len() < 50 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        big.push_str(words[(x % words.len() as u64) as usize]);
        big.push(if x % 11 == 0 { '\n' } else { ' ' });
    }
    let small = "The committee met behind closed doors on Tuesday and agreed, after a long and bitter argument, to postpone the decision on the northern bypass until the spring.";
    big.insert_str(25 << 20, &format!(" {small} "));
    let corpus = dir.path().join("big.jsonl");
    let mut f = std::fs::File::create(&corpus).unwrap();
    serde_json::to_writer(&mut f, &serde_json::json!({"id": "big", "text": big})).unwrap();
    f.write_all(b"\n").unwrap();
    serde_json::to_writer(&mut f, &serde_json::json!({"id": "small", "text": small})).unwrap();
    f.write_all(b"\n").unwrap();
    drop(f);
    let db = db_in(dir.path());
    ok(&["trace", corpus.to_str().unwrap(), "--db", &db, "-q"]);
    assert!(linked_docs(&db).contains(&("big".into(), "small".into())));
}

#[test]
fn param_defaults_match_the_library() {
    let help = ok(&["trace", "--help"]);
    let d = echotrace_core::Params::default();
    for (flag, value) in [
        ("--ngram", d.ngram.to_string()),
        ("--window", d.window.to_string()),
        ("--max-df", d.max_df.to_string()),
        ("--min-shared", d.min_shared.to_string()),
        ("--min-chars", d.min_chars.to_string()),
        ("--min-words", d.min_words.to_string()),
        ("--min-density", d.min_density.to_string()),
        ("--gap", d.gap.to_string()),
    ] {
        let line = help
            .lines()
            .skip_while(|l| !l.contains(flag))
            .take(3)
            .collect::<String>();
        assert!(
            line.contains(&format!("[default: {value}]")),
            "{flag}: {line}"
        );
    }
}

fn seed(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let hit = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        });
    if hit.is_none() {
        eprintln!("SKIPPED: ../shared/seeds not found (not part of a user's clone)");
    }
    hit
}

#[test]
fn clean_finds_the_article_in_seed_page_dumps() {
    let Some(p002) = seed("002_") else { return };
    let Some(p004) = seed("004_") else { return };
    let out = ok(&["clean", p002.to_str().unwrap(), "--format", "jsonl"]);
    let r: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(
        r["title"],
        "Retrait US d’Afghanistan : Moscou soupçonne Washington d’aider Daech"
    );
    assert_eq!(r["date"], "2021-07-23");
    assert_eq!(r["date_precision"], "day");
    assert_eq!(r["lang"], "fr");
    let body = r["body"].as_str().unwrap();
    assert!(body.starts_with("Un faisceau d’indices"), "{}", &body[..80]);
    for furniture in [
        "Close Menu",
        "Ad Blocker",
        "Facebook",
        "S'abonner",
        "28 mai 2025",
        "Mins Read",
    ] {
        assert!(!body.contains(furniture), "body keeps {furniture:?}");
    }
    let out = ok(&["clean", p004.to_str().unwrap(), "--format", "jsonl"]);
    let r: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    let body = r["body"].as_str().unwrap();
    assert!(
        !body.contains("commentaires sur"),
        "the body ends before the comments"
    );
    let comments = r["comments"].as_array().unwrap();
    assert!(comments.len() >= 30, "{} comments", comments.len());
    assert!(
        comments.iter().any(|c| c["depth"].as_u64().unwrap() > 0),
        "replies are nested"
    );
}

/// Two outlets' pages sharing a site template, one copying a paragraph of the other.
fn write_site(dir: &Path) {
    let nav = "<nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a> <a href=/about>About us</a></nav>";
    let footer = "<footer><p>Sign up to our morning newsletter and get the news of the valley in your inbox every day before breakfast, free of charge.</p><p>© Hill Post. All rights reserved.</p></footer>";
    let shared = "The harbour authority said on Friday that the old grain silo on the east quay would be pulled down next spring, after engineers found that its concrete had cracked in several places and could no longer be repaired at a reasonable cost.";
    let page = |title: &str, paras: &[&str]| {
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!("<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>{nav}<article><h1>{title}</h1>{body}</article>{footer}</body></html>")
    };
    std::fs::write(
        dir.join("hill-1.html"),
        page("Silo to come down", &[shared, "Fishermen who use the quay welcomed the decision but asked for a temporary landing stage while the work goes on, since the nearest other harbour is a two-hour sail away."]),
    )
    .unwrap();
    std::fs::write(
        dir.join("hill-2.html"),
        page("Ferry timetable changes", &["The island ferry will run an extra crossing on Saturday evenings from June, the operator announced, after a season in which the last boat was often full long before it left the pier.", "Tickets for the new crossing go on sale next week at the usual price, and season passes remain valid on every sailing."]),
    )
    .unwrap();
    std::fs::write(
        dir.join("coast-9.html"),
        page("East quay: the end of a landmark", &["Local historians regret the loss of a building that has marked the skyline for seventy years.", shared, "A public meeting on the future of the site will be held at the town hall."]),
    )
    .unwrap();
}

#[test]
fn html_pages_are_cleaned_and_traced() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    write_site(&site);
    let db = db_in(dir.path());
    ok(&["trace", site.to_str().unwrap(), "--db", &db, "-q"]);
    // The copied paragraph links hill-1 and coast-9; the shared navigation
    // and footer do not link hill-1 and hill-2.
    assert_eq!(
        linked_docs(&db),
        vec![("coast-9".to_string(), "hill-1".to_string())]
    );
    let pairs = ok(&["pairs", "--db", &db, "--format", "jsonl"]);
    let p: Value = serde_json::from_str(pairs.lines().next().unwrap()).unwrap();
    assert!(p["a"]["text"]
        .as_str()
        .unwrap()
        .starts_with("The harbour authority said"));
    let docs = ok(&["export", "--db", &db, "--documents"]);
    assert!(docs.contains("\"title\":\"Silo to come down\""), "{docs}");
    let raw = ok(&["show", "hill-1", "--raw", "--db", &db]);
    assert!(
        raw.lines()
            .any(|l| l.starts_with("kept") && l.contains("grain silo")),
        "{raw}"
    );
    assert!(
        raw.lines()
            .any(|l| !l.starts_with("kept") && l.contains("newsletter")),
        "{raw}"
    );
}

#[test]
fn warc_records_are_pages() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    write_site(&site);
    let mut warc = Vec::new();
    for (i, name) in ["hill-1", "coast-9"].iter().enumerate() {
        let html = std::fs::read(site.join(format!("{name}.html"))).unwrap();
        let mut http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n", html.len()).into_bytes();
        http.extend_from_slice(&html);
        let head = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0000000{i}-0000-0000-0000-000000000000>\r\nWARC-Date: 2026-03-0{}T10:00:00Z\r\nWARC-Target-URI: https://news.example/{name}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            i + 1,
            http.len()
        );
        warc.extend_from_slice(head.as_bytes());
        warc.extend_from_slice(&http);
        warc.extend_from_slice(b"\r\n\r\n");
    }
    // A truncated record at the end: reported, the rest kept.
    warc.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n",
    );
    let path = dir.path().join("crawl.warc");
    std::fs::write(&path, &warc).unwrap();
    let db = db_in(dir.path());
    let out = run(&["trace", path.to_str().unwrap(), "--db", &db, "-q"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("crawl.warc"));
    assert_eq!(
        linked_docs(&db),
        vec![(
            "https://news.example/coast-9".to_string(),
            "https://news.example/hill-1".to_string()
        )]
    );
    let docs = ok(&["export", "--db", &db, "--documents"]);
    assert!(
        docs.contains("\"crawl_date\":\"2026-03-01T10:00:00Z\""),
        "{docs}"
    );
    assert!(
        docs.contains("\"url\":\"https://news.example/hill-1\""),
        "{docs}"
    );
}

#[test]
fn site_templates_in_text_dumps_make_no_links() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("dumps");
    std::fs::create_dir(&folder).unwrap();
    let header = "Hill Post | Home | World | Sport | Culture | Opinion\nLog in | Subscribe";
    let footer = "Sign up to our morning newsletter and get the news of the valley in your inbox every day before breakfast, free of charge, with no advertising at all.\nThe Hill Post is published by the Valley Press Cooperative, 12 Market Street, and is a member of the independent press council.";
    let bodies = [
        "The council approved the new budget on Tuesday after a long debate about the cost of repairing the old bridge over the river.",
        "Heavy rain flooded the lower town overnight and firefighters pumped water out of cellars along the canal until the early morning.",
        "The school choir won the regional competition for the third year running with a programme of folk songs arranged by its teacher.",
        "A new bakery opened on the square, and the queue on its first morning stretched all the way to the post office.",
    ];
    let mut lines = String::new();
    for (i, b) in bodies.iter().enumerate() {
        let text = format!("{header}\n\n{b}\n\n{footer}\n");
        lines.push_str(&serde_json::to_string(&serde_json::json!({"id": format!("hill-{i}"), "series": "Hill Post", "text": text})).unwrap());
        lines.push('\n');
    }
    let corpus = folder.join("hill.jsonl");
    std::fs::write(&corpus, lines).unwrap();
    let db = db_in(dir.path());
    ok(&["trace", corpus.to_str().unwrap(), "--db", &db, "-q"]);
    assert!(
        linked_docs(&db).is_empty(),
        "template lines linked pages: {:?}",
        linked_docs(&db)
    );
    // Without cleaning the template is taken for reuse: the test can fail.
    let raw_db = dir.path().join("raw.db").display().to_string();
    ok(&[
        "trace",
        corpus.to_str().unwrap(),
        "--db",
        &raw_db,
        "-q",
        "--no-clean",
    ]);
    assert!(!linked_docs(&raw_db).is_empty());
    let raw = ok(&["show", "hill-2", "--raw", "--db", &db]);
    assert!(
        raw.lines()
            .any(|l| l.starts_with('-') && l.contains("morning newsletter")),
        "{raw}"
    );
}

#[test]
fn extraction_quality_is_measured() {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path());
    let ann = serde_json::json!({
        "https://hill.example/1": {"file": "hill-1.html",
            "with": ["old grain silo on the east quay", "temporary landing stage"],
            "without": ["Sign up to our morning newsletter", "About us"]},
        "https://coast.example/9": {"file": "coast-9.html",
            "with": ["marked the skyline for seventy years", "held at the town hall"],
            "without": ["All rights reserved"]},
    });
    std::fs::write(dir.path().join("annotations.json"), ann.to_string()).unwrap();
    let out = ok(&[
        "eval",
        "--extraction",
        dir.path().to_str().unwrap(),
        "--json",
    ]);
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["pages"], 2);
    assert_eq!(r["true_pos"], 4, "{out}");
    assert_eq!(r["false_pos"], 0, "{out}");
    assert_eq!(r["f1"], 1.0);
}

#[test]
fn a_page_the_cleaner_rejects_is_skipped_not_added() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    write_site(&site);
    // Not empty for ingest, but without a single letter: the clean stage rejects it.
    std::fs::write(site.join("empty.html"), "<>\n<> <>\n").unwrap();
    let db = db_in(dir.path());
    let out = run(&["trace", site.to_str().unwrap(), "--db", &db, "--json"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.html"));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents_added"], 3);
    assert_eq!(v["skipped"], 1);
    assert_eq!(v["documents_total"], 3);
}

/// Template statistics persist: a second run that adds one page of a site
/// removes a template line seen only in the first run's pages.
#[test]
fn site_templates_persist_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let template = "Le Courrier du Val remercie ses lecteurs fidèles de la vallée";
    let bodies = [
        "Le conseil municipal a voté mardi le budget de la commune après un long débat sur le coût de la réparation du vieux pont.",
        "De fortes pluies ont inondé la ville basse pendant la nuit et les pompiers ont vidé les caves le long du canal jusqu’au matin.",
        "La chorale de l’école a remporté le concours régional pour la troisième année de suite avec un programme de chansons populaires.",
        "Une nouvelle boulangerie a ouvert sur la place, et la file d’attente du premier matin allait jusqu’au bureau de poste du quartier.",
        "Le marché du samedi accueillera dès le mois prochain une dizaine de producteurs de fromage venus des fermes de la montagne voisine.",
    ];
    let page = |i: usize| {
        let b = bodies[i];
        format!("{b}\n\n{template}\n\n{b} Les habitants en parlaient encore le lendemain matin au café de la gare.\n")
    };
    let write = |name: &str, range: std::ops::Range<usize>| {
        let mut lines = String::new();
        for i in range {
            lines.push_str(
                &serde_json::to_string(&serde_json::json!({
                    "id": format!("val-{i}"), "series": "Courrier du Val", "text": page(i)
                }))
                .unwrap(),
            );
            lines.push('\n');
        }
        let p = dir.path().join(name);
        std::fs::write(&p, lines).unwrap();
        p.display().to_string()
    };
    let first = write("first.jsonl", 0..4);
    let second = write("second.jsonl", 4..5);
    let template_is_removed = |db: &str| {
        let raw = ok(&["show", "val-4", "--db", db, "--raw"]);
        let line = raw
            .lines()
            .find(|l| l.ends_with(template))
            .expect("the template line is shown");
        line.starts_with("-template")
    };
    // Two runs: the second page alone would not show the line is a template.
    let db = db_in(dir.path());
    ok(&["trace", &first, "--db", &db, "-q"]);
    ok(&["trace", &second, "--db", &db, "-q"]);
    assert!(
        template_is_removed(&db),
        "{}",
        ok(&["show", "val-4", "--db", &db, "--raw"])
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let docs: i64 = conn
        .query_row(
            "SELECT docs FROM site_templates WHERE site = 'Courrier du Val'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(docs, 5, "both runs counted");
    // The test can fail: the second run alone in a fresh store keeps the line.
    let fresh = dir.path().join("fresh.db").display().to_string();
    ok(&["trace", &second, "--db", &fresh, "-q"]);
    assert!(!template_is_removed(&fresh));
}

/// A source text and two heavy rewrites of it (one word in six replaced, at
/// different places): each rewrite aligns with the source, the two rewrites
/// share no five-word run (no candidate pair), and are aligned as cluster
/// mates.
#[test]
fn two_rewrites_of_one_source_are_aligned_as_mates() {
    let source = "The river board met in the old mill on Monday evening and voted to close the stone bridge at Varne to lorries for the whole winter, because inspectors who dived under the arches last week found that two of the piers had shifted during the autumn floods and that water now runs through a crack in the eastern abutment. Farmers on the far bank, who drive their milk to the dairy across the bridge every morning, said the detour through the hills would add an hour to each trip, and the mayor promised to ask the region for a temporary ferry until the engineers finish their repairs in the spring.";
    let words: Vec<&str> = source.split(' ').collect();
    let rewrite = |every: usize, offset: usize, with: &str| -> String {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i % every == offset {
                    format!("{with}{i}")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let x = rewrite(6, 0, "quite");
    let y = rewrite(6, 2, "rather");
    let other = "A bakery in the upper town won a national prize for its rye bread this year, and the owner thanked the neighbours who grow and mill the grain by hand.";
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let mut f = std::fs::File::create(&input).unwrap();
    for (id, text) in [("src", source), ("x", &x), ("y", &y), ("other", other)] {
        writeln!(f, "{}", serde_json::json!({"id": id, "text": text})).unwrap();
    }
    drop(f);
    let db = db_in(dir.path());
    let out = ok(&[
        "trace",
        input.to_str().unwrap(),
        "--db",
        &db,
        "--json",
        "--no-quotes",
        "--no-stories",
    ]);
    let stats: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(stats["candidate_pairs"], 2, "{stats}");
    assert_eq!(stats["mate_pairs"], 1, "{stats}");
    let linked = linked_docs(&db);
    assert_eq!(
        linked,
        vec![
            ("src".to_string(), "x".to_string()),
            ("src".to_string(), "y".to_string()),
            ("x".to_string(), "y".to_string()),
        ]
    );
}
