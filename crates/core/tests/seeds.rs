//! The worked example of PRODUCT.md, run through the kernels in memory:
//! 001, 000 and 002 share paragraphs; 003 and 004 share none with them.
//! Skips (with a message) when ../shared/seeds is not there.

use echotrace_core::batch::align_texts;
use echotrace_core::normalise::slice_chars;
use echotrace_core::Params;
use std::path::Path;

fn load_seeds() -> Option<Vec<(String, String)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    Some(
        files
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| {
                let id = p.file_stem().unwrap().to_string_lossy()[..3].to_string();
                (id, std::fs::read_to_string(&p).unwrap())
            })
            .collect(),
    )
}

#[test]
fn seeds_link_the_copies_and_nothing_else() {
    let Some(docs) = load_seeds() else {
        eprintln!(
            "SKIPPED: ../shared/seeds not found (the worked example is not part of a user's clone)"
        );
        return;
    };
    let p = Params::default();
    let texts: Vec<&str> = docs.iter().map(|(_, t)| t.as_str()).collect();
    let mut linked = Vec::new();
    for pp in align_texts(&texts, &p) {
        let (a, b, pa) = (pp.a, pp.b, pp.passage);
        eprintln!(
            "{} [{}..{}] <-> {} [{}..{}] matched {} score {:.2}\n   A: {}\n   B: {}",
            docs[a].0,
            pa.a.begin,
            pa.a.end,
            docs[b].0,
            pa.b.begin,
            pa.b.end,
            pa.matched,
            pa.score,
            slice_chars(&docs[a].1, pa.a.begin, pa.a.end)
                .chars()
                .take(90)
                .collect::<String>(),
            slice_chars(&docs[b].1, pa.b.begin, pa.b.end)
                .chars()
                .take(90)
                .collect::<String>(),
        );
        linked.push((docs[a].0.clone(), docs[b].0.clone(), pa));
    }
    for pair in [("000", "001"), ("000", "002"), ("001", "002")] {
        assert!(
            linked
                .iter()
                .any(|(a, b, _)| (a.as_str(), b.as_str()) == pair),
            "missing link {pair:?}"
        );
    }
    for (a, b, _) in &linked {
        assert!(
            !["003", "004"].contains(&a.as_str()) && !["003", "004"].contains(&b.as_str()),
            "spurious link {a}-{b}"
        );
    }
    // The Zakharova quote paragraph of 001 is aligned with 002.
    let quote = "Nous avions beaucoup de questions sur les vols";
    let s001 = &docs[1].1;
    let qpos = s001.find(quote).map(|b| s001[..b].chars().count()).unwrap();
    assert!(
        linked
            .iter()
            .any(|(a, b, pa)| a == "001" && b == "002" && pa.a.begin <= qpos && pa.a.end > qpos)
            || linked.iter().any(|(a, b, pa)| a == "001"
                && b == "002"
                && pa.a.begin <= qpos + 200
                && pa.a.end > qpos)
    );
}
