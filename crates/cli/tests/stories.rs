//! End-to-end tests of stories, narratives and claims in the `echotrace`
//! binary: the example corpus (examples/stories.jsonl: two events carrying
//! the same claim three years apart, one article questioning it, two
//! unrelated events, French and English) traced at once and in two runs,
//! the `stories`, `narratives`, `claims`, `claims add` and `eval stories`
//! commands, `export --documents`, the report, determinism across thread
//! counts, and the worked example of ../shared/seeds (skipped when missing).

mod common;

use common::{bin, example_file, jsonl, ok, run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    example_file("stories.jsonl")
}

fn db_in(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

/// Each story as the sorted list of its document ids, sorted.
fn partition(db: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = jsonl(&ok(&["stories", "--db", db, "--format", "jsonl"]))
        .iter()
        .map(|s| {
            let mut v: Vec<String> = s["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["id"].as_str().unwrap().to_string())
                .collect();
            v.sort();
            v
        })
        .collect();
    out.sort();
    out
}

fn narrative_docs(db: &str) -> Vec<Vec<(String, String)>> {
    let mut out: Vec<Vec<(String, String)>> =
        jsonl(&ok(&["narratives", "--db", db, "--format", "jsonl"]))
            .iter()
            .map(|n| {
                let mut v: Vec<(String, String)> = n["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| {
                        (
                            d["id"].as_str().unwrap().to_string(),
                            d["stance"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect();
                v.sort();
                v
            })
            .collect();
    out.sort();
    out
}

fn ids(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn example_stories_narratives_and_incremental_runs() {
    let dir = tempfile::tempdir().unwrap();
    let once = db_in(dir.path(), "once.db");
    let out = ok(&[
        "trace",
        example().to_str().unwrap(),
        "--db",
        &once,
        "--json",
    ]);
    let summary: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(summary["stories"], 4, "{summary}");
    assert_eq!(summary["narratives"], 1, "{summary}");
    assert!(summary["seconds_stories"].as_f64().unwrap() >= 0.0);
    let expected = vec![
        ids(&["castelmar-0816", "checkdesk-0818", "messager-0815"]),
        ids(&["courier-0408", "messager-0408", "wire-0409"]),
        ids(&["courier-0429", "messager-0430"]),
        ids(&["courier-0817", "wire-0816"]),
    ];
    assert_eq!(partition(&once), expected);
    // One narrative: the flood story (2019) and the hail story (2022), in
    // English and French; the fact-check questions the claim.
    let n = narrative_docs(&once);
    assert_eq!(n.len(), 1);
    let mut stance: BTreeMap<String, String> = n[0].iter().cloned().collect();
    assert_eq!(
        stance.remove("checkdesk-0818").as_deref(),
        Some("questions")
    );
    assert_eq!(stance.len(), 5);
    assert!(stance.values().all(|s| s == "relays"), "{stance:?}");

    // The same corpus in two runs (2019, then 2022): the same stories.
    let early = dir.path().join("early.jsonl");
    let late = dir.path().join("late.jsonl");
    let text = std::fs::read_to_string(example()).unwrap();
    let (a, b): (Vec<&str>, Vec<&str>) = text.lines().partition(|l| l.contains("\"2019-"));
    std::fs::write(&early, a.join("\n") + "\n").unwrap();
    std::fs::write(&late, b.join("\n") + "\n").unwrap();
    let twice = db_in(dir.path(), "twice.db");
    ok(&["trace", early.to_str().unwrap(), "--db", &twice, "-q"]);
    assert_eq!(partition(&twice).len(), 2);
    assert!(
        narrative_docs(&twice).is_empty(),
        "one story is no narrative"
    );
    ok(&["trace", late.to_str().unwrap(), "--db", &twice, "-q"]);
    assert_eq!(partition(&twice), expected);
    assert_eq!(narrative_docs(&twice), narrative_docs(&once));
    // A third run with nothing new changes nothing.
    let before = ok(&["stories", "--db", &twice, "--format", "jsonl"]);
    ok(&["trace", late.to_str().unwrap(), "--db", &twice, "-q"]);
    assert_eq!(
        ok(&["stories", "--db", &twice, "--format", "jsonl"]),
        before
    );

    // A store whose saved index is in an older format (JSON, as earlier
    // versions wrote it) or cut short: the next run rebuilds the index
    // from the stored documents, with the same stories.
    for old_state in [&b"{\"opts\":{},\"stories\":[]}"[..], &b"ETSTORY"[..]] {
        let old = db_in(dir.path(), "old.db");
        let _ = std::fs::remove_file(&old);
        ok(&["trace", early.to_str().unwrap(), "--db", &old, "-q"]);
        {
            let c = rusqlite::Connection::open(&old).unwrap();
            c.execute("UPDATE story_index SET state = ?1", [old_state])
                .unwrap();
            c.execute("DELETE FROM story_index_parts", []).unwrap();
        }
        ok(&["trace", late.to_str().unwrap(), "--db", &old, "-q"]);
        assert_eq!(partition(&old), expected);
        let c = rusqlite::Connection::open(&old).unwrap();
        let state: Vec<u8> = c
            .query_row("SELECT state FROM story_index", [], |r| r.get(0))
            .unwrap();
        assert!(state.starts_with(b"ETSTORY"), "saved in the current format");
    }

    // The text listings.
    let s = ok(&["stories", "--db", &once]);
    assert!(s.contains("story 0: 2019-04-08 .. 2019-04-09, 3 documents, narrative 0"));
    assert!(s.contains("outlets: Le Messager du Nord, Northern Wire, Valmora Courier"));
    assert!(s.contains("languages: en, fr"));
    assert!(s.contains("entities: "));
    let limited = ok(&["stories", "--db", &once, "--limit", "1"]);
    assert_eq!(
        limited.lines().filter(|l| l.starts_with("story ")).count(),
        1
    );
    let n = ok(&["narratives", "--db", &once]);
    assert!(n.contains("narrative 0: "), "{n}");
    assert!(n.contains("  relays:") && n.contains("  questions:"), "{n}");
    assert!(n.contains("checkdesk-0818 (story 2)"), "{n}");
    // Stories in time order in the narrative.
    let nj = jsonl(&ok(&["narratives", "--db", &once, "--format", "jsonl"]));
    let st: Vec<i64> = nj[0]["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["story"].as_i64().unwrap())
        .collect();
    assert_eq!(st, vec![0, 2]);
    // Evidence offsets are character offsets into the stored text.
    let export = jsonl(&ok(&["export", "--documents", "--db", &once]));
    let texts: BTreeMap<String, String> = std::fs::read_to_string(example())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for d in nj[0]["documents"].as_array().unwrap() {
        let t = &texts[d["id"].as_str().unwrap()];
        let (b, e) = (
            d["begin"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        let got: String = t.chars().skip(b).take(e - b).collect();
        assert_eq!(got, d["evidence"].as_str().unwrap());
    }
    // export --documents carries the story and narrative ids.
    assert_eq!(export.len(), 10);
    for d in &export {
        let id = d["id"].as_str().unwrap();
        assert!(d["story"].is_i64(), "{d}");
        let in_narrative = id.contains("0408")
            || id.contains("0409")
            || id.contains("0815")
            || id == "castelmar-0816"
            || id.contains("0818");
        assert_eq!(d["narrative"].is_i64(), in_narrative, "{d}");
    }
    // The report has both sections.
    let report = dir.path().join("r.html");
    ok(&["report", "--db", &once, "--out", report.to_str().unwrap()]);
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("id=\"stories\"") && html.contains("id=\"narratives\""));
    assert!(html.contains("checkdesk-0818"));
}

#[test]
fn claims_add_with_a_bad_record_and_listing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path(), "c.db");
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(
        &claims,
        concat!(
            "{\"id\":\"helmark-seeding\",\"text\":\"Aircraft of the Helmark Institute seeded clouds with silver iodide to cause floods and hail.\",\"language\":\"en\",\"verdict\":\"false\"}\n",
            "{\"id\":\"no-text\"}\n",
            "{\"id\":\"port-rota\",\"text\":\"Le nouveau système de rotation au port de Brenzia réduit le repos des dockers entre deux nuits.\",\"language\":\"fr\",\"verdict\":\"mostly true\"}\n",
        ),
    )
    .unwrap();
    let out = run(&["claims", "add", claims.to_str().unwrap(), "--db", &db]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a skipped record: exit status 3"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("claims.jsonl:2:"), "{err}");
    assert!(err.contains("text"), "{err}");
    let list = jsonl(&ok(&["claims", "--db", &db, "--format", "jsonl"]));
    assert_eq!(list.len(), 2, "the rest is imported");
    let by_id: BTreeMap<&str, &Value> = list
        .iter()
        .map(|c| (c["claim"].as_str().unwrap(), c))
        .collect();
    let h = by_id["helmark-seeding"];
    let docs: Vec<&str> = h["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!docs.is_empty() && docs.len() <= 5, "{docs:?}");
    let carriers = [
        "courier-0408",
        "messager-0408",
        "wire-0409",
        "messager-0815",
        "castelmar-0816",
        "checkdesk-0818",
    ];
    for d in &docs {
        assert!(carriers.contains(d), "{d} does not carry the claim");
    }
    // The stories carrying it: the flood and the hail stories.
    let mut st: Vec<i64> = h["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["story"].as_i64().unwrap())
        .collect();
    st.sort();
    assert_eq!(st, vec![0, 2]);
    // Matching sentences are slices of the text at their character offsets.
    let texts: BTreeMap<String, String> = std::fs::read_to_string(example())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                v["id"].as_str().unwrap().to_string(),
                v["text"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for d in h["documents"].as_array().unwrap() {
        let t = &texts[d["id"].as_str().unwrap()];
        for s in d["sentences"].as_array().unwrap() {
            let (b, e) = (
                s["begin"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            let got: String = t.chars().skip(b).take(e - b).collect();
            assert_eq!(got, s["text"].as_str().unwrap());
        }
    }
    let p = by_id["port-rota"];
    let best = p["documents"][0]["id"].as_str().unwrap();
    assert!(best == "wire-0816" || best == "courier-0817", "{best}");
    let text = ok(&["claims", "--db", &db]);
    assert!(
        text.contains("claim helmark-seeding [false] (en):"),
        "{text}"
    );
    assert!(text.contains("(story 0, 2019-04-0"), "{text}");
    // ClaimReview JSON-LD, pretty-printed; claims survive a new trace and
    // are matched again.
    let review = dir.path().join("review.json");
    std::fs::write(
        &review,
        r#"{
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "https://checks.example/castelmar-hail",
  "claimReviewed": "Des avions de l'institut Helmark ont provoqué la grêle sur Castelmar.",
  "inLanguage": "fr",
  "itemReviewed": {"@type": "Claim", "datePublished": "2022-08-15"},
  "reviewRating": {"@type": "Rating", "alternateName": "Faux"}
}"#,
    )
    .unwrap();
    ok(&["claims", "add", review.to_str().unwrap(), "--db", &db]);
    let list = jsonl(&ok(&["claims", "--db", &db, "--format", "jsonl"]));
    assert_eq!(list.len(), 3);
    let r = list
        .iter()
        .find(|c| c["claim"] == "https://checks.example/castelmar-hail")
        .unwrap();
    assert_eq!(r["verdict"], "Faux");
    assert_eq!(r["stories"][0]["story"], 2, "{r}");
    // A malformed file: every record named, nothing imported, no crash.
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "not json\n{\"text\":\"no id\"}\n").unwrap();
    let out = run(&["claims", "add", bad.to_str().unwrap(), "--db", &db]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl:1:") && err.contains("bad.jsonl:2:"),
        "{err}"
    );
    assert_eq!(
        jsonl(&ok(&["claims", "--db", &db, "--format", "jsonl"])).len(),
        3
    );
}

#[test]
fn deterministic_across_thread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    for threads in ["1", "3"] {
        let db = db_in(dir.path(), &format!("t{threads}.db"));
        let t = bin()
            .env("RAYON_NUM_THREADS", threads)
            .args(["trace", example().to_str().unwrap(), "--db", &db, "-q"])
            .output()
            .unwrap();
        assert!(t.status.success());
        let mut all = String::new();
        for cmd in [
            vec!["stories", "--format", "jsonl"],
            vec!["narratives", "--format", "jsonl"],
            vec!["stories"],
            vec!["narratives"],
            vec!["export", "--documents"],
        ] {
            let mut args = cmd.clone();
            args.extend(["--db", &db]);
            let o = bin()
                .env("RAYON_NUM_THREADS", threads)
                .args(&args)
                .output()
                .unwrap();
            all.push_str(&String::from_utf8_lossy(&o.stdout));
        }
        outs.push(all.replace(&format!("t{threads}.db"), "t.db"));
    }
    assert_eq!(outs[0], outs[1]);
}

#[test]
fn replacing_a_document_rebuilds_the_stories() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path(), "r.db");
    ok(&["trace", example().to_str().unwrap(), "--db", &db, "-q"]);
    // courier-0429 now reports the port strike instead of the railway.
    let text = std::fs::read_to_string(example()).unwrap();
    let strike = text
        .lines()
        .find(|l| l.contains("\"courier-0817\""))
        .unwrap();
    let mut v: Value = serde_json::from_str(strike).unwrap();
    v["id"] = "courier-0429".into();
    v["text"] = format!("{} Day two.", v["text"].as_str().unwrap()).into();
    let f = dir.path().join("replace.jsonl");
    std::fs::write(&f, format!("{v}\n")).unwrap();
    ok(&["trace", f.to_str().unwrap(), "--db", &db, "--replace", "-q"]);
    let p = partition(&db);
    assert!(
        p.contains(&ids(&["courier-0429", "courier-0817", "wire-0816"])),
        "{p:?}"
    );
    assert!(p.contains(&ids(&["messager-0430"])), "{p:?}");
    assert_eq!(p.iter().map(|s| s.len()).sum::<usize>(), 10);
}

#[test]
fn eval_stories_on_the_built_in_set() {
    let out = ok(&["eval", "stories", "--json"]);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    let sets = v["sets"].as_array().unwrap();
    assert!(sets.len() >= 2);
    for s in sets.iter().take(2) {
        let f1 = s[1]["story"]["f1"].as_f64().unwrap();
        assert!(f1 >= 0.9, "story F1 {f1} on {}", s[0]);
        let nf1 = s[1]["narrative"]["f1"].as_f64().unwrap();
        assert!(nf1 >= 0.8, "narrative F1 {nf1} on {}", s[0]);
    }
    for c in v["claims"].as_array().unwrap() {
        assert!(c[1]["success_at_k"].as_f64().unwrap() >= 0.9, "{c}");
    }
    let text = ok(&["eval", "stories"]);
    assert!(
        text.contains("dev: ") && text.contains("claims held-out:"),
        "{text}"
    );
    // A set given on the command line, and a bad one.
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.jsonl");
    std::fs::write(
        &set,
        "{\"id\":\"a\",\"event\":\"e1\",\"lang\":\"en\",\"date\":\"2020-01-01\",\"text\":\"The mayor of Tarn opened the bridge.\"}\n",
    )
    .unwrap();
    let o = ok(&["eval", "stories", set.to_str().unwrap()]);
    assert!(o.contains("1 docs, 1 events -> 1 stories"), "{o}");
    std::fs::write(&set, "oops\n").unwrap();
    let out = run(&["eval", "stories", set.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("set.jsonl:1:"));
}

#[test]
fn seeds_one_story_and_one_narrative() {
    let seeds = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    if !seeds.is_dir() {
        eprintln!(
            "SKIPPED: {} not found (the worked example is not part of a user's clone)",
            seeds.display()
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = db_in(dir.path(), "s.db");
    ok(&["trace", seeds.to_str().unwrap(), "--db", &db, "-q"]);
    let story_of: BTreeMap<String, i64> = jsonl(&ok(&["export", "--documents", "--db", &db]))
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap()[..3].to_string(),
                d["story"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(story_of["000"], story_of["001"]);
    assert_eq!(story_of["001"], story_of["002"]);
    assert_ne!(story_of["003"], story_of["001"]);
    assert_ne!(story_of["004"], story_of["001"]);
    assert_ne!(story_of["003"], story_of["004"]);
    let n = narrative_docs(&db);
    let all = n
        .iter()
        .find(|n| n.iter().any(|d| d.0.starts_with("000")))
        .expect("a narrative holds 000");
    let stances: BTreeMap<String, String> = all
        .iter()
        .map(|(id, s)| (id[..3].to_string(), s.clone()))
        .collect();
    assert_eq!(
        stances.keys().cloned().collect::<Vec<_>>(),
        ids(&["000", "001", "002", "003", "004"])
    );
    assert_eq!(stances["004"], "questions");
    for k in ["000", "001", "002", "003"] {
        assert_eq!(stances[k], "relays", "{k}");
    }
}
