//! Incremental clustering with a persisted state, cross-language linking,
//! time separation, determinism across thread counts, stance and claim
//! matching, on our own evaluation set (crates/stories/data).

use echotrace_stories::eval::load_eval_set;
use echotrace_stories::{
    match_claims, narratives, read_claims, stance, ClaimOptions, NarrativeOptions, Stance,
    StoryDoc, StoryIndex, StoryOptions,
};
use std::path::Path;

fn set(name: &str) -> Vec<StoryDoc> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).join(name);
    load_eval_set(&p)
        .expect("eval set")
        .into_iter()
        .map(|d| d.doc)
        .collect()
}

fn story_of(ix: &StoryIndex, id: &str) -> u32 {
    ix.assignments()
        .iter()
        .find(|(d, _)| d == id)
        .map(|x| x.1)
        .expect("assigned")
}

#[test]
fn incremental_with_saved_state_matches_one_run() {
    let docs = set("dev.jsonl");
    let mut one = StoryIndex::new(StoryOptions::default());
    for d in &docs {
        one.add(d);
    }
    // Same documents, the state saved and reloaded half-way.
    let mut a = StoryIndex::new(StoryOptions::default());
    let (first, second) = docs.split_at(docs.len() / 2);
    for d in first {
        a.add(d);
    }
    let bytes = a.to_bytes();
    let mut b = StoryIndex::from_bytes(&bytes).expect("reload");
    assert_eq!(b.to_bytes(), bytes, "state round-trips byte for byte");
    // Anything else is refused, not misread.
    assert!(StoryIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    assert!(StoryIndex::from_bytes(b"{\"opts\":{}}").is_none());
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(StoryIndex::from_bytes(&extra).is_none());
    for d in second {
        a.add(d);
        b.add(d);
    }
    assert_eq!(b.assignments(), one.assignments());
    assert_eq!(
        b.to_bytes(),
        a.to_bytes(),
        "a reloaded index goes on the same way"
    );
    assert_eq!(b.stories(), one.stories());
    // New documents join the existing stories.
    assert_eq!(story_of(&b, "d25"), story_of(&b, "d24"));
}

#[test]
fn cross_language_and_time() {
    let docs = set("dev.jsonl");
    let mut ix = StoryIndex::new(StoryOptions::default());
    ix.add_batch(&docs);
    // French, English and Russian reports of one event: one story.
    assert_eq!(story_of(&ix, "d18"), story_of(&ix, "d21"), "en and ru");
    assert_eq!(story_of(&ix, "d18"), story_of(&ix, "d19"), "en and fr");
    assert_eq!(story_of(&ix, "d26"), story_of(&ix, "d27"));
    // Same festival a year later: another story; same minister a week
    // later, another event: another story.
    assert_ne!(story_of(&ix, "d10"), story_of(&ix, "d12"));
    assert_ne!(story_of(&ix, "d04"), story_of(&ix, "d07"));
    let s = ix.story(story_of(&ix, "d18")).expect("story");
    assert_eq!(s.languages, vec!["en", "fr", "ru"]);
    assert_eq!(s.start.as_deref(), Some("2022-03-08"));
    assert_eq!(s.end.as_deref(), Some("2022-03-10"));
    assert!(
        s.entities.iter().any(|e| e.label == "ukraine"),
        "{:?}",
        s.entities
    );
    let dates: Vec<Option<String>> = s.documents.iter().map(|d| d.date.clone()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "documents in time order");
}

#[test]
fn narratives_and_stance_across_years() {
    let docs = set("dev.jsonl");
    let mut ix = StoryIndex::new(StoryOptions::default());
    ix.add_batch(&docs);
    let opts = NarrativeOptions::default();
    let ns = narratives(&ix, &opts);
    let n = ns
        .iter()
        .find(|n| n.documents.iter().any(|d| d == "d15"))
        .expect("biolabs narrative");
    assert!(
        n.documents.iter().any(|d| d == "d21"),
        "2018 and 2022, fr/en/ru"
    );
    assert!(!n.documents.iter().any(|d| d == "d22"));
    let by_id = |id: &str| docs.iter().find(|d| d.id == id).expect("doc");
    assert_eq!(stance(by_id("d20"), n, &opts).stance, Stance::Questions);
    assert_eq!(stance(by_id("d18"), n, &opts).stance, Stance::Relays);
    assert_eq!(stance(by_id("d01"), n, &opts).stance, Stance::Unknown);
}

#[test]
fn claims_match_across_languages_and_deterministically() {
    let docs: Vec<StoryDoc> = set("dev.jsonl")
        .into_iter()
        .chain(set("heldout.jsonl"))
        .collect();
    let claims = read_claims(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/claims.jsonl"))
            .expect("claims"),
    );
    assert!(claims.errors.is_empty());
    let ms = match_claims(&claims.claims, &docs, &ClaimOptions::default());
    let c01 = ms.iter().find(|m| m.claim == "c01").expect("c01");
    // A French claim finds the English and Russian reports too.
    let top: Vec<&str> = c01.hits.iter().map(|h| h.doc.as_str()).collect();
    assert!(
        top.iter().any(|d| ["d18", "d20", "d21"].contains(d)),
        "{top:?}"
    );
    let h = &c01.hits[0];
    let doc = docs.iter().find(|d| d.id == h.doc).expect("doc");
    let s = &h.sentences[0];
    assert_eq!(
        doc.text
            .chars()
            .skip(s.begin)
            .take(s.end - s.begin)
            .collect::<String>(),
        s.text
    );
    // Same output with one thread and with several.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let single = pool.install(|| match_claims(&claims.claims, &docs, &ClaimOptions::default()));
    assert_eq!(
        serde_json::to_string(&single).ok(),
        serde_json::to_string(&ms).ok()
    );
    let mut a = StoryIndex::new(StoryOptions::default());
    let mut b = StoryIndex::new(StoryOptions::default());
    let x = a.add_batch(&docs);
    let y = pool.install(|| b.add_batch(&docs));
    assert_eq!(x, y);
    assert_eq!(a.to_bytes(), b.to_bytes());
}
