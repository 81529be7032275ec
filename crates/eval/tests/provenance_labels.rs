//! The generator's provenance labels: off by default (documents as
//! before), and when on: dates of several precisions, URLs, credit phrases
//! where the truth says, parents published before their copies, and a
//! deterministic output.

use std::collections::HashMap;

use echotrace_eval::{generate, generate_with_provenance, GenConfig, Lang, ProvenanceConfig};
use serde_json::Value;

fn lines(b: &[u8]) -> Vec<Value> {
    b.split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("JSON line"))
        .collect()
}

/// Lower-case letters and digits only, accents removed (as in domains).
fn compact(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn cfg() -> GenConfig {
    GenConfig {
        lang: Lang::Mixed,
        ..GenConfig::new(1500, 11)
    }
}

#[test]
fn labels_are_off_by_default() {
    let (mut c, mut t) = (Vec::new(), Vec::new());
    generate(&cfg(), &mut c, &mut t).unwrap();
    for d in lines(&c) {
        let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["id", "series", "date", "title", "text"]);
        assert_eq!(d["date"].as_str().unwrap().len(), 10);
    }
}

#[test]
fn provenance_truth_matches_the_corpus() {
    let run = || {
        let (mut c, mut t, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (gs, ps) = generate_with_provenance(&cfg(), &mut c, &mut t, &mut p, &mut r).unwrap();
        (c, t, p, r, gs, ps)
    };
    let (c, t, p, r, gs, ps) = run();
    assert_eq!(run().0, c, "deterministic corpus");
    assert_eq!(run().2, p, "deterministic provenance truth");
    let docs = lines(&c);
    let index: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d["id"].as_str().unwrap(), i))
        .collect();
    // Dates: several precisions and some missing.
    let mut kinds = [0usize; 4];
    for d in &docs {
        assert!(d["url"].as_str().unwrap().starts_with("https://"));
        match d.get("date").and_then(Value::as_str).map(str::len) {
            Some(16) => kinds[0] += 1,
            Some(10) => kinds[1] += 1,
            Some(7) => kinds[2] += 1,
            None => kinds[3] += 1,
            other => panic!("unexpected date {other:?}"),
        }
    }
    assert_eq!(kinds, ps.dates);
    assert!(kinds.iter().all(|&k| k > 0), "{kinds:?}");
    // Registry: one line per outlet plus the header.
    let reg = String::from_utf8(r).unwrap();
    assert!(reg.starts_with("name,aliases,domains,country,kind\n"));
    assert_eq!(reg.lines().count(), gs.outlets + 1);
    // Truth pairs keep their format.
    assert!(lines(&t)
        .iter()
        .all(|x| x["a"]["doc"].is_string() && x["family"].is_u64()));
    let fams = lines(&p);
    assert_eq!(fams.len(), ps.families);
    let (mut copies, mut chained, mut credited) = (0, 0, 0);
    for f in &fams {
        let src = index[f["source"].as_str().unwrap()];
        let mut seen = vec![src];
        for cp in f["copies"].as_array().unwrap() {
            copies += 1;
            let d = index[cp["doc"].as_str().unwrap()];
            let parent = index[cp["parent"].as_str().unwrap()];
            assert!(parent < d, "parent published first");
            assert!(
                seen.contains(&parent),
                "parent is the source or an earlier copy"
            );
            seen.push(d);
            chained += (parent != src) as usize;
            let text = docs[d]["text"].as_str().unwrap();
            let span = cp["span"].as_array().unwrap();
            let (b, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            assert!(b < e && e <= text.chars().count());
            let credit = cp["credit"].as_str().unwrap();
            assert_eq!(
                cp["attributed"].as_bool().unwrap(),
                matches!(credit, "correct" | "same_outlet")
            );
            if matches!(credit, "correct" | "wrong") {
                credited += 1;
                // The credited outlet (by name, alias or domain) is in the text.
                let name = cp["credited"].as_str().unwrap();
                let alias = ["The ", "Le ", "La ", "Les ", "L'"]
                    .iter()
                    .fold(name, |n, a| n.strip_prefix(a).unwrap_or(n));
                let folded = compact(name);
                assert!(
                    text.contains(alias) || compact(text).contains(&folded),
                    "credit to {name} missing in {}",
                    cp["doc"]
                );
            }
        }
    }
    assert_eq!(copies, ps.copies);
    assert_eq!(chained, ps.chained);
    assert_eq!(credited, ps.credit_correct + ps.credit_wrong);
    assert!(chained > 0 && ps.credit_none > 0 && ps.credit_wrong > 0 && ps.same_outlet > 0);
}

#[test]
fn provenance_options_change_the_mix() {
    let cfg = GenConfig {
        provenance: Some(ProvenanceConfig {
            date_precision: [0.0, 1.0, 0.0, 0.0],
            chain_rate: 0.0,
            credit: [0.0, 0.0, 1.0],
        }),
        ..GenConfig::new(600, 3)
    };
    let (mut c, mut t, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (_, ps) = generate_with_provenance(&cfg, &mut c, &mut t, &mut p, &mut r).unwrap();
    assert_eq!(ps.dates[0] + ps.dates[2] + ps.dates[3], 0);
    assert_eq!(ps.chained + ps.credit_correct + ps.credit_wrong, 0);
    // The plain generator with the same options writes the same corpus.
    let (mut c2, mut t2) = (Vec::new(), Vec::new());
    generate(&cfg, &mut c2, &mut t2).unwrap();
    assert_eq!(c, c2);
    assert_eq!(t, t2);
}
