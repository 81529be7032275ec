//! Prints every figure of the stories stage: pairwise story and narrative
//! P/R/F1 on our evaluation set (dev and held-out), claim matching
//! success@5, story P/R/F1 on NewsWCL50 and MEANTIME (skipped with a
//! message when ../shared is missing), and throughput.
//!
//! `cargo run --release -p echotrace-stories --example eval_stories`

use echotrace_stories::eval::{
    eval_claims, eval_set, load_claims_truth, load_eval_set, load_meantime, load_newswcl50,
    EvalDoc, Prf,
};
use echotrace_stories::{
    read_claims, ClaimOptions, NarrativeOptions, StoryDoc, StoryIndex, StoryOptions,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

fn show(name: &str, p: &Prf) -> String {
    format!(
        "{name} P {:.3} R {:.3} F1 {:.3}",
        p.precision, p.recall, p.f1
    )
}

fn main() {
    let data = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
    let shared = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    // STORY_THRESHOLD / STORY_ENTITY_WEIGHT / STORY_RELATIVE override the defaults (for tuning on the dev set).
    let mut so = StoryOptions::default();
    if let Some(t) = std::env::var("STORY_THRESHOLD")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        so.threshold = t;
    }
    if let Some(t) = std::env::var("STORY_ENTITY_WEIGHT")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        so.entity_weight = t;
    }
    // STORY_RELATIVE: the second look's threshold (0: none).
    if let Some(t) = std::env::var("STORY_RELATIVE")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        so.relative_threshold = t;
    }
    if let Some(t) = std::env::var("XR").ok().and_then(|x| x.parse().ok()) {
        so.relative_ratio = t;
    }
    if let Some(t) = std::env::var("XM").ok().and_then(|x| x.parse().ok()) {
        so.relative_min_candidates = t;
    }
    let mut no = NarrativeOptions::default();
    if let Some(t) = std::env::var("NARRATIVE_THRESHOLD")
        .ok()
        .and_then(|x| x.parse().ok())
    {
        no.threshold = t;
    }
    let load = |f: &str| load_eval_set(&data.join(f)).unwrap_or_else(|e| panic!("{e}"));
    let dev = load("dev.jsonl");
    let held = load("heldout.jsonl");
    for (name, set) in [("dev", &dev), ("held-out", &held)] {
        let s = eval_set(set, &so, &no);
        println!(
            "our set {name:8}: {} docs, {} events -> {} stories; {}; {} narratives; {}",
            s.documents,
            s.events,
            s.stories,
            show("story", &s.story),
            s.narratives,
            show("narrative", &s.narrative)
        );
    }
    if std::env::var_os("STORIES_DEBUG").is_some() {
        for set in [&dev, &held] {
            let mut ix = StoryIndex::new(so.clone());
            let docs: Vec<StoryDoc> = set.iter().map(|d| d.doc.clone()).collect();
            let ids = ix.add_batch(&docs);
            for (d, s) in set.iter().zip(&ids) {
                println!("  {} {:24} {:?} story {s}", d.doc.id, d.event, d.narrative);
            }
            for n in echotrace_stories::narratives(&ix, &no) {
                println!(
                    "  narrative {} stories {:?} docs {:?} ents {:?}",
                    n.id,
                    n.stories,
                    n.documents,
                    n.entities.iter().map(|e| &e.label).collect::<Vec<_>>()
                );
            }
        }
    }
    let all: Vec<EvalDoc> = dev.iter().chain(held.iter()).cloned().collect();
    let s = eval_set(&all, &so, &no);
    println!(
        "our set all     : {} docs -> {} stories; {}; {} narratives; {}",
        s.documents,
        s.stories,
        show("story", &s.story),
        s.narratives,
        show("narrative", &s.narrative)
    );
    // Claims: each claim against every document of the set.
    let claims =
        read_claims(&std::fs::read_to_string(data.join("claims.jsonl")).unwrap_or_default());
    let truth = load_claims_truth(&data.join("claims-truth.jsonl")).unwrap_or_default();
    let docs: Vec<StoryDoc> = all.iter().map(|d| d.doc.clone()).collect();
    for split in ["dev", "heldout"] {
        let t: BTreeMap<String, Vec<String>> = truth
            .iter()
            .filter(|(_, (s, _))| s == split)
            .map(|(k, (_, d))| (k.clone(), d.clone()))
            .collect();
        let c = eval_claims(&claims.claims, &docs, &t, &ClaimOptions::default());
        println!(
            "claims {split:8}: {} claims, success@{} {:.3}, MRR {:.3}",
            c.claims, c.k, c.success_at_k, c.mrr
        );
    }
    // Shared sets.
    let news = shared.join("data/news-events");
    if !news.exists() {
        println!(
            "SKIPPED NewsWCL50 and MEANTIME: {} not found",
            news.display()
        );
    } else {
        match load_newswcl50(&news.join("newswcl50.jsonl")) {
            Ok(d) => {
                let s = eval_set(&d, &so, &no);
                println!(
                    "NewsWCL50: {} docs, {} events -> {} stories; {}",
                    s.documents,
                    s.events,
                    s.stories,
                    show("story", &s.story)
                );
            }
            Err(e) => println!("NewsWCL50: {e}"),
        }
        match load_meantime(&news.join("meantime.jsonl")) {
            Ok(d) => {
                let dated = d.iter().filter(|x| x.doc.date.is_some()).count();
                let s = eval_set(&d, &so, &no);
                println!(
                    "MEANTIME (en/es/it/nl, {dated} dated): {} docs, {} events -> {} stories; {}",
                    s.documents,
                    s.events,
                    s.stories,
                    show("story", &s.story)
                );
            }
            Err(e) => println!("MEANTIME: {e}"),
        }
        // Throughput: the base-text corpora as one stream, in batches.
        let mut docs: Vec<StoryDoc> = Vec::new();
        for f in ["base-text/bbc-en.jsonl", "base-text/fresada-fr.jsonl"] {
            let Ok(s) = std::fs::read_to_string(shared.join("data").join(f)) else {
                continue;
            };
            for (i, line) in s.lines().enumerate() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                    let text = v
                        .get("text")
                        .and_then(|x| x.as_str())
                        .unwrap_or("")
                        .to_string();
                    // Spread over two years so the time window applies.
                    let day = i % 730;
                    let date = format!(
                        "{:04}-{:02}-{:02}",
                        2020 + day / 365,
                        1 + (day % 365) / 31 % 12,
                        1 + day % 28
                    );
                    docs.push(StoryDoc {
                        id: format!("{f}:{i}"),
                        text,
                        date: Some(date),
                        ..Default::default()
                    });
                }
            }
        }
        if !docs.is_empty() {
            let t = Instant::now();
            let mut ix = StoryIndex::new(so.clone());
            for chunk in docs.chunks(2000) {
                ix.add_batch(chunk);
            }
            let secs = t.elapsed().as_secs_f64();
            let mb: f64 = docs.iter().map(|d| d.text.len()).sum::<usize>() as f64 / 1e6;
            println!(
                "throughput: {} docs ({mb:.1} MB) -> {} stories in {secs:.2} s = {:.0} docs/s, {:.1} MB/s ({} threads)",
                docs.len(),
                ix.len(),
                docs.len() as f64 / secs,
                mb / secs,
                rayon::current_num_threads()
            );
        }
    }
}
