//! The worked example of PRODUCT.md: speakers found with their quotes,
//! Zakharova's quote linked across 000, 001 and 002, quotes in 004's reader
//! comments attributed to the comments. Skipped when ../shared is missing.

use echotrace_clean::{clean_text, CleanOptions};
use echotrace_quotes::{extract, link, DocQuotes, Quote, Resolution};
use std::path::PathBuf;

fn seeds() -> Option<Vec<(String, String)>> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seeds"
    ));
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("skipping: {} not found", dir.display());
        return None;
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Some(
        files
            .iter()
            .map(|p| {
                (
                    p.file_stem().unwrap_or_default().to_string_lossy()[..3].to_string(),
                    std::fs::read_to_string(p).unwrap_or_default(),
                )
            })
            .collect(),
    )
}

fn quotes_of(text: &str) -> (Vec<Quote>, usize) {
    let c = clean_text(text, &CleanOptions::default(), None);
    let comments: Vec<_> = c.comments.iter().map(|c| c.span).collect();
    (
        extract(&c.text, &c.body, &comments, Some("fr")),
        comments.len(),
    )
}

fn label(q: &Quote) -> String {
    q.speaker
        .as_ref()
        .and_then(|s| s.label())
        .unwrap_or("-")
        .to_string()
}

#[test]
fn seed_speakers_and_links() {
    let Some(docs) = seeds() else { return };
    let mut all = Vec::new();
    let mut speakers: Vec<(String, String)> = Vec::new();
    for (id, text) in &docs {
        let (qs, _) = quotes_of(text);
        let chars: Vec<char> = text.chars().collect();
        for q in &qs {
            let t: String = chars[q.span.begin..q.span.end].iter().take(70).collect();
            println!("{id} {:?} {:?} [{}] «{t}»", q.kind, q.resolution, label(q));
            speakers.push((id.clone(), label(q)));
        }
        all.push(DocQuotes::from_extracted(id.clone(), None, text, &qs));
    }
    let expect = [
        ("000", "Maria Zakharova"),
        ("001", "Maria Zakharova"),
        ("002", "Maria Zakharova"),
        ("000", "Zamir Kabulov"),
        ("004", "Zamir Kaboulov"),
        ("001", "Georges Lefeuvre"),
        ("002", "Georges Lefeuvre"),
        ("002", "Andreï Roudenko"),
        ("002", "Zabihullah Mujahid"),
        ("003", "Igor Konashenkov"),
        ("003", "Franz Klintsevich"),
        ("004", "Sergueï Lavrov"),
        ("004", "James Mattis"),
    ];
    for (id, who) in expect {
        assert!(
            speakers.iter().any(|(d, s)| d == id && s == who),
            "{who} not found as a speaker in {id}"
        );
    }
    let groups = link(&all);
    let zak = groups
        .iter()
        .find(|g| g.text.contains("Nous avions beaucoup de questions"))
        .expect("Zakharova's quote is linked");
    let mut ids: Vec<&str> = zak.members.iter().map(|m| m.doc_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids, ["000", "001", "002"]);
    for g in &groups {
        println!(
            "group: {} members, «{}»",
            g.members.len(),
            g.text.chars().take(60).collect::<String>()
        );
    }
}

#[test]
fn seed_comment_quotes_belong_to_comments() {
    let Some(docs) = seeds() else { return };
    let Some((_, text)) = docs.iter().find(|(id, _)| id == "004") else {
        return;
    };
    let (qs, ncomments) = quotes_of(text);
    assert!(ncomments > 10, "004's comments are split");
    let c = clean_text(text, &CleanOptions::default(), None);
    let in_comments: Vec<&Quote> = qs
        .iter()
        .filter(|q| {
            c.comments
                .iter()
                .any(|cm| cm.span.begin <= q.span.begin && q.span.end <= cm.span.end)
        })
        .collect();
    assert!(in_comments.len() >= 3, "quotes found in the comments");
    for q in &in_comments {
        assert!(matches!(q.resolution, Resolution::Comment { .. }), "{q:?}");
        assert!(q.speaker.is_none());
    }
    // the comment quoting Mattis's words is the article's quote, linked
    let doc = DocQuotes::from_extracted("004", None, text, &qs);
    assert!(qs.iter().any(|q| label(q) == "James Mattis"
        && matches!(
            q.resolution,
            Resolution::Named | Resolution::Resolved { .. }
        )));
    let _ = doc;
}
