//! End-to-end tests of quotes in the `echotrace` binary: extraction during
//! `trace`, linking across documents, the `quotes`, `speakers`,
//! `eval quotes` and `export --quotes` commands, `show`, older stores
//! catching up, determinism across thread counts, and the worked example of
//! ../shared/seeds (skipped when missing).

mod common;

use common::{bin, example_file, jsonl, ok, run};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn example(name: &str) -> String {
    example_file(name).display().to_string()
}

/// A fresh store with the quotes example traced.
fn traced(dir: &Path) -> String {
    let db = dir.join("q.db").display().to_string();
    ok(&["trace", &example("quotes.jsonl"), "--db", &db, "-q"]);
    db
}

fn texts_of(file: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn quotes_are_stored_with_offsets_speakers_and_groups() {
    let dir = tempfile::tempdir().unwrap();
    let db = traced(dir.path());
    let quotes = jsonl(&ok(&["quotes", "--db", &db, "--format", "jsonl"]));
    assert!(quotes.len() >= 10, "{} quotes", quotes.len());
    // Offsets are character offsets into the text as given.
    let texts = texts_of(&example("quotes.jsonl"));
    for q in &quotes {
        let text = &texts.iter().find(|(id, _)| id == &q["id"]).unwrap().1;
        let (b, e) = (
            q["begin"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let got: String = text.chars().skip(b).take(e - b).collect();
        assert_eq!(got, q["text"].as_str().unwrap());
    }
    // The harbour master's statement, in three outlets: one group, first
    // appearance the earliest dated one (quay-b, although quay-a sorts first).
    let quay: Vec<&Value> = quotes
        .iter()
        .filter(|q| {
            q["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("northern quay will stay closed")
        })
        .collect();
    let mut ids: Vec<&str> = quay.iter().map(|q| q["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, ["quay-a", "quay-b", "quay-c"]);
    let group = &quay[0]["group"];
    assert!(group.is_i64());
    for q in &quay {
        assert_eq!(&q["group"], group);
        assert_eq!(q["first"]["id"], "quay-b");
        assert_eq!(q["first"]["date"], "2026-04-09");
        assert_eq!(q["speaker_name"], "Ilse Kormann");
    }
    let c = quay.iter().find(|q| q["id"] == "quay-c").unwrap();
    assert_eq!(c["same_wording"], false, "quay-c edits the wording");
    assert!(!c["diff"].as_array().unwrap().is_empty());
    let b = quay.iter().find(|q| q["id"] == "quay-b").unwrap();
    assert_eq!(b["same_wording"], true);
    // Quotes in reader comments belong to the comments.
    let d: Vec<&Value> = quotes.iter().filter(|q| q["id"] == "quay-d").collect();
    let in_comments: Vec<u64> = d
        .iter()
        .filter(|q| q["resolution"] == "comment")
        .map(|q| q["comment"].as_u64().unwrap())
        .collect();
    assert_eq!(in_comments, [0, 2]);
    assert!(d
        .iter()
        .filter(|q| q["resolution"] == "comment")
        .all(|q| q["speaker_name"].is_null()));
    // A comment repeating another outlet's quote joins its group.
    let vouch: Vec<&Value> = quotes
        .iter()
        .filter(|q| q["text"].as_str().unwrap().contains("cannot vouch for"))
        .collect();
    assert_eq!(vouch.len(), 2);
    assert_eq!(vouch[0]["group"], vouch[1]["group"]);
    // French: inverted verb with euphonic -t- resolved to the named person.
    let fr = quotes
        .iter()
        .find(|q| q["text"].as_str().unwrap().starts_with("Les ferries"))
        .unwrap();
    assert_eq!(fr["speaker_name"], "Ilse Kormann");
    assert_eq!(fr["resolution"], "resolved");
}

#[test]
fn filters_text_output_and_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let db = traced(dir.path());
    let all = jsonl(&ok(&["quotes", "--db", &db, "--format", "jsonl"]));
    let by = |args: &[&str]| {
        let mut a = vec!["quotes", "--db", &db, "--format", "jsonl"];
        a.extend_from_slice(args);
        jsonl(&ok(&a))
    };
    let kormann = by(&["--speaker", "KORMANN"]);
    assert!(kormann.len() >= 5);
    assert!(kormann.iter().all(|q| q["speaker_name"] == "Ilse Kormann"));
    // a role matches too, accents aside
    let coop = by(&["--speaker", "cooperative des pecheurs"]);
    assert_eq!(coop.len(), 1);
    assert_eq!(coop[0]["kind"], "indirect");
    assert_eq!(by(&["--search", "Northern Quay"]).len(), 3);
    assert!(by(&["--search", "no such words anywhere"]).is_empty());
    let fr = by(&["--doc", "quai-fr"]);
    assert_eq!(
        fr.len(),
        all.iter().filter(|q| q["id"] == "quai-fr").count()
    );
    assert!(fr.iter().all(|q| q["id"] == "quai-fr"));
    let out = run(&["quotes", "--db", &db, "--doc", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document with id \"nope\""));

    let text = ok(&["quotes", "--db", &db, "--speaker", "Kormann"]);
    assert!(text.contains("quay-b 2026-04-09"));
    assert!(text.contains("first appearance in quay-b, 2026-04-09; wording differs"));
    assert!(text.contains(&format!("({} quotes)", kormann.len())));

    let speakers = jsonl(&ok(&["speakers", "--db", &db, "--format", "jsonl"]));
    assert_eq!(speakers[0]["speaker"], "Ilse Kormann");
    assert_eq!(
        speakers[0]["quotes"].as_u64().unwrap(),
        kormann.len() as u64
    );
    assert_eq!(speakers[0]["documents"], 4);
    assert_eq!(speakers[0]["named"], true);
    let counts: Vec<u64> = speakers
        .iter()
        .map(|s| s["quotes"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "by count");
    let text = ok(&["speakers", "--db", &db]);
    assert!(text.contains("Ilse Kormann — harbour master"));
    assert!(text.contains("2 quotes in reader comments"));
    let out = run(&[
        "speakers",
        "--db",
        &dir.path().join("missing.db").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn trace_summary_counts_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db").display().to_string();
    let out = ok(&["trace", &example("quotes.jsonl"), "--db", &db, "--json"]);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v["quotes"].as_u64().unwrap() >= 10);
    assert_eq!(v["quote_groups"], 2);
    assert!(v["seconds_quotes"].as_f64().unwrap() >= 0.0);
    let again = ok(&["trace", &example("quotes.jsonl"), "--db", &db]);
    assert!(
        again.contains(&format!("  {} quotes, 2 quote groups", v["quotes"])),
        "{again}"
    );
}

#[test]
fn show_marks_quotes_and_comment_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let db = traced(dir.path());
    let out = ok(&["show", "quay-d", "--db", &db]);
    assert!(out.contains("“⟨q1 Every week without the quay"));
    assert!(out.contains("[q1] chars 216..273, direct, Per Adamsen (said)"));
    assert!(out.contains("reader comment c3"));
    assert!(out.contains("group "));
    let raw = ok(&["show", "quay-d", "--db", &db, "--raw"]);
    assert!(raw.contains("c1 quotes the article (11 words)"), "{raw}");
    assert!(raw.contains("= body chars 216..272"));
}

#[test]
fn export_quotes_writes_every_quote() {
    let dir = tempfile::tempdir().unwrap();
    let db = traced(dir.path());
    let n = jsonl(&ok(&["quotes", "--db", &db, "--format", "jsonl"])).len();
    let out = dir.path().join("q.jsonl");
    ok(&[
        "export",
        "--quotes",
        "--db",
        &db,
        "--out",
        &out.display().to_string(),
    ]);
    let recs = jsonl(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(recs.len(), n);
    let ids: Vec<(String, u64)> = recs
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "by document id, then position");
    // The passage export is unchanged by quotes.
    let passages = jsonl(&ok(&["export", "--db", &db]));
    assert!(passages.iter().all(|p| p.get("speaker").is_none()));
    let e = run(&[
        "export",
        "--quotes",
        "--format",
        "parquet",
        "--db",
        &db,
        "--out",
        "x.parquet",
    ]);
    assert_eq!(e.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&e.stderr).contains("JSON lines only"));
}

#[test]
fn an_older_store_gains_its_quotes_on_the_next_trace() {
    let dir = tempfile::tempdir().unwrap();
    let db = traced(dir.path());
    let before = ok(&["quotes", "--db", &db, "--format", "jsonl"]);
    {
        // What a store of schema version 4 looks like: no quote tables.
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "DROP TABLE quotes; DROP TABLE quote_groups; DROP TABLE quotes_done;
             DELETE FROM meta WHERE key = 'quotes_linked';
             UPDATE meta SET value = '4' WHERE key = 'schema_version';",
        )
        .unwrap();
    }
    // Nothing new to read: the documents are unchanged, the quotes come back.
    let out = ok(&["trace", &example("quotes.jsonl"), "--db", &db, "--json"]);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["documents_added"], 0);
    assert_eq!(v["documents_unchanged"], 5);
    let after = ok(&["quotes", "--db", &db, "--format", "jsonl"]);
    assert_eq!(before, after);
    // An emptied quote table (not the documents) is caught up too, with a hint before.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("DELETE FROM quotes; DELETE FROM quotes_done; DELETE FROM quote_groups;")
            .unwrap();
    }
    let out = run(&["quotes", "--db", &db]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("run `echotrace trace`"));
    ok(&["trace", &example("newsroom.jsonl"), "--db", &db, "-q"]);
    let after = jsonl(&ok(&["quotes", "--db", &db, "--format", "jsonl"]));
    // Group numbers follow document ids, which the new documents shift.
    let without_group = |v: Vec<Value>| -> Vec<Value> {
        v.into_iter()
            .filter(|q| q["id"].as_str().unwrap().starts_with("qua"))
            .map(|mut q| {
                q["group"] = Value::Null;
                q
            })
            .collect()
    };
    assert_eq!(without_group(after), without_group(jsonl(&before)));
}

#[test]
fn same_output_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = vec![example("quotes.jsonl"), example("newsroom.jsonl")];
    let seeds = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    if seeds.is_dir() {
        inputs.push(seeds.display().to_string());
    }
    let mut outs = Vec::new();
    for threads in ["1", "3"] {
        let db = dir
            .path()
            .join(format!("t{threads}.db"))
            .display()
            .to_string();
        let mut args = vec!["trace".to_string()];
        args.extend(inputs.iter().cloned());
        args.extend([
            "--db".into(),
            db.clone(),
            "-q".into(),
            "--batch-docs".into(),
            "2".into(),
        ]);
        let st = bin()
            .args(&args)
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(st.success());
        let q = ok(&["quotes", "--db", &db, "--format", "jsonl"]);
        let s = ok(&["speakers", "--db", &db, "--format", "jsonl"]);
        let e = ok(&["export", "--quotes", "--db", &db]);
        assert!(!q.is_empty());
        outs.push((q, s, e));
    }
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn eval_quotes_prints_the_scores() {
    let out = ok(&["eval", "quotes"]);
    assert!(out.contains("gold_dev (built in):"), "{out}");
    assert!(out.contains("gold_heldout (built in):"));
    assert!(out.contains("quote spans P "));
    assert!(out.contains("speaker accuracy"));
    let v = jsonl(&ok(&["eval", "quotes", "--json"]));
    assert_eq!(v.len(), 2);
    let f1 = v[0]["f1"].as_f64().unwrap();
    assert!(f1 > 0.8, "dev F1 {f1}");
    assert!(v[0].get("errors").is_none());
    // A gold file of our own: two quotes, one speaker each.
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("g.jsonl");
    let rec = serde_json::json!({
        "id": "g1", "lang": "en",
        "text": "\u{201c}We will rebuild the bridge before winter,\u{201d} said the mayor, Lena Brandt. \u{201c}The money is there,\u{201d} she added.",
        "comments": [],
        "quotes": [
            {"text": "We will rebuild the bridge before winter,", "speaker": "Lena Brandt", "kind": "direct"},
            {"text": "The money is there,", "speaker": "Lena Brandt", "kind": "direct"}
        ]
    });
    std::fs::write(&gold, format!("{rec}\n")).unwrap();
    let v = jsonl(&ok(&[
        "eval",
        "quotes",
        &gold.display().to_string(),
        "--json",
        "-v",
    ]));
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["gold"], 2);
    assert!(v[0]["errors"].is_array());
    let out = run(&["eval", "quotes", "/no/such/gold.jsonl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/gold.jsonl"));
    std::fs::write(&gold, "{\"id\": 3}\n").unwrap();
    let out = run(&["eval", "quotes", &gold.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a quote gold file"));
}

#[test]
fn pathological_quotes_do_not_stop_the_trace() {
    let dir = tempfile::tempdir().unwrap();
    let many = "« oui » dit-il. ".repeat(5000);
    let open = format!(
        "Le maire a déclaré : « {}",
        "la phrase ne finit jamais et continue encore ".repeat(3000)
    );
    let mixed = "Он сказал: «Мы придём». 他说：「我们会来」。 « unbalanced » » « ".repeat(200);
    let input = dir.path().join("bad.jsonl");
    let lines: Vec<String> = [("many", many), ("open", open), ("mixed", mixed)]
        .iter()
        .map(|(id, t)| serde_json::json!({"id": id, "text": t}).to_string())
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("b.db").display().to_string();
    ok(&["trace", &input.display().to_string(), "--db", &db, "-q"]);
    let quotes = jsonl(&ok(&[
        "quotes", "--db", &db, "--format", "jsonl", "--doc", "open",
    ]));
    assert!(quotes.iter().any(|q| q["uncertain"] == true));
    let n = jsonl(&ok(&[
        "quotes", "--db", &db, "--format", "jsonl", "--doc", "many",
    ]))
    .len();
    assert!(n > 1000, "{n} quotes");
}

#[test]
fn seeds_link_zakharova_across_three_documents() {
    let seeds = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    if !seeds.is_dir() {
        eprintln!("skipping: {} not found", seeds.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db").display().to_string();
    ok(&["trace", &seeds.display().to_string(), "--db", &db, "-q"]);
    let q = jsonl(&ok(&[
        "quotes",
        "--db",
        &db,
        "--format",
        "jsonl",
        "--search",
        "Nous avions beaucoup de questions",
    ]));
    let mut ids: Vec<&str> = q.iter().map(|q| &q["id"].as_str().unwrap()[..3]).collect();
    ids.sort();
    assert_eq!(ids, ["000", "001", "002"]);
    assert!(q
        .iter()
        .all(|x| x["group"] == q[0]["group"] && x["group"].is_i64()));
    assert!(q.iter().all(|x| x["speaker_name"] == "Maria Zakharova"));
    assert!(q[0]["first"]["id"].as_str().unwrap().starts_with("001"));
    let speakers = ok(&["speakers", "--db", &db]);
    for who in [
        "Maria Zakharova",
        "Zamir Kabulov",
        "Georges Lefeuvre",
        "Andreï Roudenko",
        "Zabihullah Mujahid",
        "Igor Konashenkov",
        "Franz Klintsevich",
        "Sergueï Lavrov",
        "James Mattis",
    ] {
        assert!(speakers.contains(who), "{who} missing from\n{speakers}");
    }
}

#[test]
fn a_second_trace_links_its_quotes_to_the_stored_ones_as_one_run_would() {
    let dir = tempfile::tempdir().unwrap();
    let all = std::fs::read_to_string(example("quotes.jsonl")).unwrap();
    let lines: Vec<&str> = all.lines().collect();
    let half = lines.len() / 2;
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    std::fs::write(&a, lines[..half].join("\n") + "\n").unwrap();
    std::fs::write(&b, lines[half..].join("\n") + "\n").unwrap();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let one = dir.path().join("one.db").display().to_string();
    ok(&["trace", &a, &b, "--db", &one, "-q"]);
    let two = dir.path().join("two.db").display().to_string();
    ok(&["trace", &a, "--db", &two, "-q"]);
    let second = ok(&["trace", &b, "--db", &two, "--json"]);
    let v: Value = serde_json::from_str(&second).unwrap();
    assert_eq!(v["documents_added"], (lines.len() - half) as u64);
    let export = |db: &str| ok(&["export", "--quotes", "--db", db]);
    let (e1, e2) = (export(&one), export(&two));
    assert_eq!(e1, e2);
    // a group joins documents of both runs
    let ids_a: Vec<String> = lines[..half]
        .iter()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let recs = jsonl(&e2);
    let spans_both = recs.iter().filter_map(|r| r["group"].as_i64()).any(|g| {
        let docs: Vec<&str> = recs
            .iter()
            .filter(|r| r["group"].as_i64() == Some(g))
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        docs.iter().any(|d| ids_a.iter().any(|x| x == d))
            && docs.iter().any(|d| !ids_a.iter().any(|x| x == d))
    });
    assert!(spans_both, "no group across the two runs");
}
