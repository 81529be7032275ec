//! Source choice, copy trees and attribution on small hand-written corpora
//! (French and English), and bad input: missing and contradictory dates,
//! indices out of range, large clusters.

use echotrace_core::model::CharSpan;
use echotrace_provenance::{
    analyse, word_similarity, AlignRef, AttributionStatus, ClusterInput, DocMeta, EvidenceKind,
    Options, PassageRef, Provenance, Registry,
};

const BASE: &str = "Le barrage de Kessel a montré des fissures profondes lundi matin, selon les ingénieurs du bassin de Valmora. Les habitants des trois villages en aval ont été invités à quitter leurs maisons avant la nuit. Le préfet a ouvert une cellule de crise et promis un rapport complet dans la semaine.";

fn meta(id: &str, series: &str, date: Option<&str>) -> DocMeta {
    DocMeta {
        id: id.to_string(),
        series: (!series.is_empty()).then(|| series.to_string()),
        date: date.map(str::to_string),
        ..Default::default()
    }
}

fn span_of(text: &str, part: &str) -> CharSpan {
    let b = text.find(part).expect("part in text");
    let begin = text[..b].chars().count();
    CharSpan {
        begin,
        end: begin + part.chars().count(),
    }
}

/// One cluster: `parts[i]` is the copied text inside `texts[i]`; every two
/// passages are aligned.
fn cluster(texts: &[String], parts: &[&str]) -> ClusterInput {
    let passages: Vec<PassageRef> = parts
        .iter()
        .enumerate()
        .map(|(d, p)| PassageRef {
            doc: d,
            span: span_of(&texts[d], p),
        })
        .collect();
    let mut alignments = Vec::new();
    for a in 0..passages.len() {
        for b in a + 1..passages.len() {
            let (m, score) =
                word_similarity(&texts[a], passages[a].span, &texts[b], passages[b].span);
            alignments.push(AlignRef {
                a,
                b,
                a_span: passages[a].span,
                b_span: passages[b].span,
                matched_words: m,
                score,
            });
        }
    }
    ClusterInput {
        cluster: 0,
        passages,
        alignments,
    }
}

fn run(meta: &[DocMeta], texts: &[String], c: &[ClusterInput]) -> Provenance {
    let t: Vec<&str> = texts.iter().map(String::as_str).collect();
    let p = analyse(meta, &t, c, &Registry::builtin(), &Options::default());
    // Deterministic and serialisable.
    let again = analyse(meta, &t, c, &Registry::builtin(), &Options::default());
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        serde_json::to_string(&again).unwrap()
    );
    p
}

fn status(p: &Provenance, passage: usize) -> AttributionStatus {
    p.clusters[0].nodes[passage]
        .attribution
        .as_ref()
        .expect("a copy")
        .status
}

#[test]
fn earliest_dated_text_is_the_source_and_credits_are_checked() {
    let texts = vec![
        format!("Édition du soir.\n\n{BASE}\n\nFin."),
        format!("Selon Le Héraut de Valmora :\n\n{BASE}\n\nAutre sujet sans rapport."),
        format!("Brèves.\n\n{BASE} (AFP)\n\nMétéo du jour."),
        format!("Ailleurs.\n\n{BASE}\n\nRien d'autre."),
        format!("Encore.\n\n{BASE}\n\nFin de page."),
    ];
    let meta = vec![
        meta("src", "Le Héraut de Valmora", Some("2021-03-01T08:00")),
        meta("credits", "La Gazette d'Orlen", Some("2021-03-01T10:30")),
        meta("wrong", "Le Courrier du Nord", Some("2021-03-02")),
        meta(
            "silent",
            "Le Petit Quotidien",
            Some("2021-03-02T09:00:00+01:00"),
        ),
        meta("same", "le-heraut-de-valmora", Some("2021-03-03")),
    ];
    let parts = vec![BASE; 5];
    let p = run(&meta, &texts, &[cluster(&texts, &parts)]);
    let c = &p.clusters[0];
    assert_eq!(c.root, Some(0));
    assert_eq!(c.time_conflicts, 0);
    assert!(c.root_confidence > 0.5);
    assert_eq!(status(&p, 1), AttributionStatus::Credited);
    let credit = &c.nodes[1].attribution.as_ref().unwrap().credits[0];
    assert_eq!(credit.outlet_name, "Le Héraut de Valmora");
    assert!(credit.text.starts_with("Selon"), "{}", credit.text);
    assert_eq!(status(&p, 2), AttributionStatus::CreditsOther);
    assert_eq!(status(&p, 3), AttributionStatus::Unattributed);
    assert!(c.nodes[3].attribution.as_ref().unwrap().flagged);
    // Same outlet as its parent (series matched case- and accent-folded).
    assert_eq!(c.nodes[4].outlet, c.nodes[0].outlet);
    if c.nodes[4].parent == Some(0) {
        assert_eq!(status(&p, 4), AttributionStatus::SameOutlet);
    }
    for n in &c.nodes[1..] {
        assert!(n.evidence.iter().any(|e| e.kind == EvidenceKind::Time));
        assert!((0.0..=1.0).contains(&n.confidence));
    }
    // Outlet aggregates: the source outlet is republished, the silent
    // outlet's copy is unattributed.
    let src = p.doc_outlets[0].unwrap();
    let s = p.outlet_stats.iter().find(|s| s.outlet == src).unwrap();
    assert_eq!(s.originals, 1);
    assert!(s.republished_by.iter().map(|r| r.copies).sum::<usize>() >= 3);
    assert!(s.min_delay_s.is_some_and(|d| d > 0));
    let silent = p.doc_outlets[3].unwrap();
    let s = p.outlet_stats.iter().find(|s| s.outlet == silent).unwrap();
    assert_eq!(s.unattributed_passages, 1);
    assert!(s.copied_share > 0.3 && s.copied_share <= 1.0);
}

#[test]
fn english_credits() {
    let en = "The regional water authority confirmed on Monday that the eastern wall of the reservoir had cracked overnight. Families living downstream were told to leave before dark while engineers assessed the damage.";
    let texts = vec![
        format!("{en}\n\nMore later."),
        format!("News in brief.\n\n{en} according to The Valmora Post.\n\nWeather."),
        format!("Other news.\n\n{en}\n\nSport."),
    ];
    let meta = vec![
        meta("a", "The Valmora Post", Some("2022-05-02T07:00Z")),
        meta("b", "Orlen Daily", Some("2022-05-02T09:00Z")),
        meta("c", "Kessel Evening", Some("2022-05-03T09:00Z")),
    ];
    let p = run(&meta, &texts, &[cluster(&texts, &[en, en, en])]);
    assert_eq!(p.clusters[0].root, Some(0));
    assert_eq!(status(&p, 1), AttributionStatus::Credited);
    assert_eq!(status(&p, 2), AttributionStatus::Unattributed);
}

#[test]
fn copies_of_copies_and_one_way_edits() {
    // B copies A and drops the asterisks; C copies B (with B's edit).
    let a = "Les combattants de Daech* ont reçu des armes par des vols banalisés, a déclaré la porte-parole. Les talibans* contrôlent désormais la région du nord, selon elle.";
    let b = "Les combattants de Daech ont reçu des armes par des vols discrets, a déclaré la porte-parole. Les talibans contrôlent désormais la région du nord, selon elle.";
    let c = "Les combattants de Daech ont reçu des armes par des vols discrets, a déclaré la porte-parole.Les talibans contrôlent désormais la région du nord, selon elle.";
    let texts = vec![format!("{a}\n"), format!("{b}\n"), format!("{c}\n")];
    // A only known to the month; B to the day within it; C undated.
    let meta = vec![
        meta("a", "", Some("2021-07")),
        meta("b", "", Some("2021-07-23")),
        meta("c", "", None),
    ];
    let p = run(&meta, &texts, &[cluster(&texts, &[a, b, c])]);
    let cl = &p.clusters[0];
    assert_eq!(cl.root, Some(0));
    assert_eq!(cl.nodes[2].parent, Some(1), "C took the text from B");
    assert_eq!(cl.nodes[2].depth, 2);
    assert!(cl.nodes[1]
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Asterisks && e.weight > 0.0));
    // No outlets known: nobody can be credited.
    assert_eq!(status(&p, 1), AttributionStatus::Unattributed);
}

#[test]
fn a_source_dated_to_the_day_is_not_outvoted_by_precise_copies() {
    // A is dated only to the day; its copies to the minute, the first at
    // 03:40 that day. Each pairwise comparison A cannot win used to add up
    // against it; now only the chance that A came out after 03:40 counts,
    // and the damage in the copies (a word in capitals, "p0ur", a sentence
    // starting in lower case) says which text is the original.
    let a = BASE.to_string();
    let b = BASE
        .replace("montré", "MONTRÉ")
        .replace("pour", "p0ur")
        .replace(". Le préfet", ". le préfet");
    let c = b.replace("lundi matin", "lundi");
    let d = b.replace("dans la semaine", "sous huit jours");
    let texts = vec![a.clone(), b.clone(), c.clone(), d.clone()];
    let meta = vec![
        meta("a", "", Some("2021-07-23")),
        meta("b", "", Some("2021-07-23T03:40")),
        meta("c", "", Some("2021-07-23T16:10")),
        meta("d", "", Some("2021-07-24T09:00")),
    ];
    let p = run(&meta, &texts, &[cluster(&texts, &[&a, &b, &c, &d])]);
    let cl = &p.clusters[0];
    assert_eq!(cl.root, Some(0), "{:#?}", cl.nodes[0].evidence);
    assert!(cl.nodes[0]
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::Damage && e.weight > 0.0));
    assert!(
        cl.nodes[0]
            .evidence
            .iter()
            .any(|e| e.kind == EvidenceKind::Time && e.detail.contains("probability 0.1")),
        "{:#?}",
        cl.nodes[0].evidence
    );
}

#[test]
fn a_credit_the_source_already_had_is_inherited() {
    let src = "Selon l'agence Tass, les fissures du barrage se sont élargies pendant la nuit et les ingénieurs craignent une rupture.";
    let texts = vec![
        format!("{src}\n\nSuite."),
        format!("Titre.\n\n{src}\n\nAutre."),
    ];
    let meta = vec![
        meta("a", "Le Héraut de Valmora", Some("2021-01-01T08:00")),
        meta("b", "La Gazette d'Orlen", Some("2021-01-01T09:00")),
    ];
    let p = run(&meta, &texts, &[cluster(&texts, &[src, src])]);
    let att = p.clusters[0].nodes[1].attribution.as_ref().unwrap();
    assert_eq!(att.status, AttributionStatus::Unattributed);
    assert_eq!(att.inherited.len(), 1);
    assert_eq!(att.inherited[0].outlet_name, "TASS");
}

#[test]
fn a_credit_copied_along_with_the_text_still_credits_the_source() {
    // B credits A's outlet right before its copy; C copies B's copy with
    // the credit line: C's readers are told where the text comes from.
    let a = BASE.to_string();
    let b = format!("Dépêche reçue.\n\nSelon Le Héraut de Valmora : {BASE}");
    let c = format!("Autre titre.\n\nSelon Le Héraut de Valmora : {BASE}\n\nFin.");
    let part = format!("Selon Le Héraut de Valmora : {BASE}");
    let texts = vec![a.clone(), b.clone(), c.clone()];
    let meta = vec![
        meta("a", "Le Héraut de Valmora", Some("2021-01-01T08:00")),
        meta("b", "La Gazette d'Orlen", Some("2021-01-01T09:00")),
        meta("c", "Le Courrier de Sarn", Some("2021-01-01T10:00")),
    ];
    let p = run(&meta, &texts, &[cluster(&texts, &[&a, &part, &part])]);
    let cl = &p.clusters[0];
    assert_eq!(cl.root, Some(0));
    assert_eq!(status(&p, 1), AttributionStatus::Credited);
    let att = cl.nodes[2].attribution.as_ref().unwrap();
    assert_eq!(att.status, AttributionStatus::Credited, "{att:#?}");
}

#[test]
fn contradictory_and_missing_dates_and_bad_indices() {
    let texts: Vec<String> = (0..3)
        .map(|i| format!("En-tête {i}.\n\n{BASE}\n"))
        .collect();
    let meta = vec![
        meta("late-source", "A", Some("2030-01-01")),
        meta("early-copy", "B", Some("1999-12-31T23:59")),
        meta("garbage-date", "C", Some("le 3 mars, vers midi")),
    ];
    let mut c = cluster(&texts, &[BASE, BASE, BASE]);
    c.passages.push(PassageRef {
        doc: 99,
        span: CharSpan { begin: 0, end: 10 },
    });
    c.alignments.push(AlignRef {
        a: 0,
        b: 42,
        a_span: CharSpan { begin: 0, end: 5 },
        b_span: CharSpan { begin: 3, end: 1 },
        matched_words: 0,
        score: f32::NAN,
    });
    let empty = ClusterInput::default();
    let p = run(&meta, &texts, &[c, empty]);
    let cl = &p.clusters[0];
    // The earliest date wins; the invalid passage is kept without parent.
    assert_eq!(cl.root, Some(1));
    assert_eq!(cl.nodes[3].parent, None);
    assert!(cl.nodes[2].time.is_none());
    assert_eq!(p.clusters[1].root, None);
    // Spans beyond the text and an empty corpus.
    let odd = ClusterInput {
        cluster: 7,
        passages: vec![
            PassageRef {
                doc: 0,
                span: CharSpan {
                    begin: 5000,
                    end: 9000,
                },
            },
            PassageRef {
                doc: 1,
                span: CharSpan { begin: 10, end: 3 },
            },
        ],
        alignments: vec![AlignRef {
            a: 0,
            b: 1,
            a_span: CharSpan {
                begin: 5000,
                end: 9000,
            },
            b_span: CharSpan { begin: 10, end: 3 },
            matched_words: 3,
            score: 2.0,
        }],
    };
    let p = run(&meta, &texts, &[odd]);
    assert!(p.clusters[0].root.is_some());
    let none = analyse(&[], &[], &[], &Registry::default(), &Options::default());
    assert!(none.clusters.is_empty() && none.outlet_stats.is_empty());
}

#[test]
fn a_cluster_of_thousands_of_copies_stays_fast() {
    let n = 3000;
    let texts: Vec<String> = (0..n)
        .map(|i| format!("Article {i}.\n\n{BASE}\n"))
        .collect();
    let meta: Vec<DocMeta> = (0..n)
        .map(|i| DocMeta {
            id: format!("d{i}"),
            series: Some(format!("Outlet {}", i % 50)),
            date: Some(format!(
                "2021-03-{:02}T{:02}:{:02}",
                1 + i / 1440,
                i / 60 % 24,
                i % 60
            )),
            ..Default::default()
        })
        .collect();
    let span = |i: usize| span_of(&texts[i], BASE);
    // A star from document 0 plus a chain, as a detector would give.
    let mut alignments = Vec::new();
    for i in 1..n {
        for j in [0, i - 1] {
            alignments.push(AlignRef {
                a: j,
                b: i,
                a_span: span(j),
                b_span: span(i),
                matched_words: 50,
                score: 1.0,
            });
        }
    }
    let c = ClusterInput {
        cluster: 0,
        passages: (0..n)
            .map(|d| PassageRef {
                doc: d,
                span: span(d),
            })
            .collect(),
        alignments,
    };
    let t: Vec<&str> = texts.iter().map(String::as_str).collect();
    let start = std::time::Instant::now();
    let p = analyse(&meta, &t, &[c], &Registry::builtin(), &Options::default());
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
    assert_eq!(p.clusters[0].root, Some(0));
    assert!(p.clusters[0]
        .nodes
        .iter()
        .skip(1)
        .all(|n| n.parent.is_some()));
}

#[test]
fn the_example_registry_loads() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("outlets.example.toml");
    let r = Registry::load(&path).expect("example registry");
    assert_eq!(r.outlets.len(), 3);
    let bad = std::env::temp_dir().join("echotrace-prov-bad-registry.csv");
    std::fs::write(&bad, "name,kind\nA,wire\nB,\"unterminated\n").unwrap();
    let e = Registry::load(&bad).unwrap_err().to_string();
    assert!(e.contains("line 3"), "{e}");
    let _ = std::fs::remove_file(&bad);
    assert!(Registry::load(std::path::Path::new("outlets.json")).is_err());
}
