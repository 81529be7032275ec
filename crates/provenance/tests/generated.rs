//! Provenance measured on a generated corpus (built-in grammar, so no
//! shared data is needed): oracle clusters from the true aligned pairs, the
//! generator's registry, scored against its provenance truth.

use std::collections::HashMap;

use echotrace_core::model::CharSpan;
use echotrace_eval::{generate_with_provenance, GenConfig, Lang, TruthPair};
use echotrace_provenance::{
    analyse, evaluate_provenance, oracle_clusters, DocMeta, FamilyTruth, Options, Registry,
    TruthLink,
};

fn lines(b: &[u8]) -> impl Iterator<Item = &[u8]> {
    b.split(|&c| c == b'\n').filter(|l| !l.is_empty())
}

#[test]
fn source_choice_and_unattributed_flag_on_a_generated_corpus() {
    let cfg = GenConfig {
        lang: Lang::Mixed,
        ..GenConfig::new(2000, 5)
    };
    let (mut c, mut t, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    generate_with_provenance(&cfg, &mut c, &mut t, &mut p, &mut r).unwrap();
    let mut meta = Vec::new();
    let mut texts = Vec::new();
    for l in lines(&c) {
        let v: serde_json::Value = serde_json::from_slice(l).unwrap();
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        meta.push(DocMeta {
            id: s("id").unwrap(),
            series: s("series"),
            url: s("url"),
            date: s("date"),
            ..Default::default()
        });
        texts.push(s("text").unwrap());
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let ids: Vec<String> = meta.iter().map(|m| m.id.clone()).collect();
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i))
        .collect();
    let links: Vec<TruthLink> = lines(&t)
        .map(|l| {
            let p: TruthPair = serde_json::from_slice(l).unwrap();
            TruthLink {
                family: p.family,
                doc_a: index[p.a.doc.as_str()],
                a: CharSpan {
                    begin: p.a.begin,
                    end: p.a.end,
                },
                doc_b: index[p.b.doc.as_str()],
                b: CharSpan {
                    begin: p.b.begin,
                    end: p.b.end,
                },
            }
        })
        .collect();
    // The generator's provenance truth has the format evaluate expects.
    let fams: Vec<FamilyTruth> = lines(&p)
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert!(fams.len() > 200);
    let registry = Registry::builtin()
        .merged(Registry::from_csv_str(std::str::from_utf8(&r).unwrap()).unwrap());
    let clusters = oracle_clusters(&links, &texts);
    let prov = analyse(&meta, &texts, &clusters, &registry, &Options::default());
    let s = evaluate_provenance(&fams, &ids, &clusters, &prov);
    eprintln!("{}", serde_json::to_string_pretty(&s).unwrap());
    assert_eq!(s.families_found, s.families);
    assert!(
        s.source_accuracy >= 0.9,
        "source accuracy {}",
        s.source_accuracy
    );
    assert!(
        s.parent_accuracy >= 0.8,
        "parent accuracy {}",
        s.parent_accuracy
    );
    assert!(
        s.flag_precision >= 0.9,
        "flag precision {}",
        s.flag_precision
    );
    assert!(s.flag_recall >= 0.88, "flag recall {}", s.flag_recall);
    // The outlet table: every generated outlet is a registered outlet.
    assert!(prov
        .doc_outlets
        .iter()
        .all(|o| o.is_some_and(|o| prov.outlets[o].registered)));
    assert!(prov
        .outlet_stats
        .iter()
        .any(|o| o.unattributed_passages > 0 && !o.copied_from.is_empty()));
}
