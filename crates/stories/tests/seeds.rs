//! The worked example of PRODUCT.md: 000/001/002 one story (22 July 2021),
//! 003 (Syria, 2017) and 004 (Afghanistan, 2017) other stories of the same
//! narrative, 004 questioning the claim. The texts are cleaned as the
//! pipeline does (body without page furniture and reader comments, date
//! found in the text). Skipped with a message when ../shared is missing.

use echotrace_clean::{clean_text, CleanOptions};
use echotrace_stories::{
    narratives, stance, NarrativeOptions, Stance, StoryDoc, StoryIndex, StoryOptions,
};
use std::path::PathBuf;

fn seeds() -> Option<Vec<StoryDoc>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: {} not found (the worked example is not part of a user's clone)",
            dir.display()
        );
        return None;
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(&p).ok()?;
        let c = clean_text(&text, &CleanOptions::default(), None);
        let id: String = p.file_stem()?.to_string_lossy().chars().take(3).collect();
        out.push(StoryDoc {
            id,
            lang: c.language.as_ref().map(|l| l.code.clone()),
            date: c.date.as_ref().map(|d| d.value.clone()),
            outlet: None,
            title: c.title.clone(),
            body: c.body.clone(),
            text: c.text.clone(),
        });
    }
    Some(out)
}

#[test]
fn seeds_stories_narrative_and_stance() {
    let Some(docs) = seeds() else { return };
    assert_eq!(docs.len(), 5);
    for d in &docs {
        println!(
            "{} date {:?} lang {:?} title {:?}",
            d.id, d.date, d.lang, d.title
        );
    }
    let mut ix = StoryIndex::new(StoryOptions::default());
    let ids = ix.add_batch(&docs);
    println!("stories {ids:?}");
    assert_eq!(ids[0], ids[1], "000 and 001 are one story");
    assert_eq!(ids[1], ids[2], "001 and 002 are one story");
    assert_ne!(ids[3], ids[0], "003 is another story");
    assert_ne!(ids[4], ids[0], "004 is another story");
    assert_ne!(
        ids[3], ids[4],
        "003 (Syria) and 004 (Afghanistan) are different stories"
    );
    let story = ix.story(ids[0]).expect("story");
    println!(
        "{}",
        serde_json::to_string_pretty(&story).unwrap_or_default()
    );
    assert!(story
        .start
        .as_deref()
        .is_some_and(|s| s.starts_with("2021-07")));

    let opts = NarrativeOptions::default();
    let ns = narratives(&ix, &opts);
    for n in &ns {
        println!(
            "narrative {} stories {:?} docs {:?} entities {:?} phrases {:?}",
            n.id,
            n.stories,
            n.documents,
            n.entities.iter().map(|e| &e.label).collect::<Vec<_>>(),
            n.phrases
        );
    }
    let n = ns
        .iter()
        .find(|n| n.documents.iter().any(|d| d == "000"))
        .expect("a narrative holds 000");
    let mut members = n.documents.clone();
    members.sort();
    assert_eq!(members, vec!["000", "001", "002", "003", "004"]);
    for d in &docs {
        let s = stance(d, n, &opts);
        println!(
            "{} {:?} {} {:?} «{}»",
            d.id,
            s.stance,
            s.points,
            s.markers,
            s.evidence.clone().unwrap_or_default()
        );
        let expect = if d.id == "004" {
            Stance::Questions
        } else {
            Stance::Relays
        };
        assert_eq!(s.stance, expect, "stance of {}", d.id);
        // The evidence is the text at its offsets, inside the body.
        if let (Some(b), Some(e), Some(ev)) = (s.begin, s.end, &s.evidence) {
            let got: String = d.text.chars().skip(b).take(e - b).collect();
            assert_eq!(&got, ev);
            assert!(d.body.is_empty() || d.body.iter().any(|sp| sp.begin <= b && e <= sp.end));
        }
    }
}
