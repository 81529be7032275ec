//! Measures provenance on a generated corpus: source-choice accuracy,
//! parent accuracy and precision/recall of the unattributed flag, with
//! oracle clusters (the true aligned pairs) and with clusters found by the
//! core kernels.
//!
//! ```text
//! cargo run --release -p echotrace-provenance --example eval_provenance -- \
//!     --docs 3000 --seed 1 --lang fr [--base ../shared/data/base-text] [--no-detect] \
//!     [--dates 0.8,0.12,0.04,0.04]
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use echotrace_core::batch::align_texts;
use echotrace_core::model::CharSpan;
use echotrace_core::Params;
use echotrace_eval::{generate_with_provenance, GenConfig, TruthPair};
use echotrace_provenance::{
    analyse, clusters_from_alignments, evaluate_provenance, oracle_clusters, Alignment,
    ClusterInput, DocMeta, FamilyTruth, Options, Registry, TruthLink,
};

fn main() -> anyhow::Result<()> {
    let mut cfg = GenConfig::new(3000, 1);
    cfg.lang = "fr".parse()?;
    let default_base = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/base-text"
    ));
    cfg.base_dir = default_base.is_dir().then_some(default_base);
    let mut detect = true;
    let mut debug = 0usize;
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{a} needs a value"))
        };
        match a.as_str() {
            "--docs" => cfg.docs = val()?.parse()?,
            "--seed" => cfg.seed = val()?.parse()?,
            "--lang" => cfg.lang = val()?.parse()?,
            "--base" => cfg.base_dir = Some(val()?.into()),
            "--no-base" => cfg.base_dir = None,
            "--no-detect" => detect = false,
            "--debug" => debug = val()?.parse()?,
            "--out" => out = Some(PathBuf::from(val()?)),
            "--dates" => {
                // Weights of minute, day, month precision and undated.
                let w: Vec<f64> = val()?
                    .split(',')
                    .map(str::parse)
                    .collect::<Result<_, _>>()?;
                let w: [f64; 4] = w
                    .try_into()
                    .map_err(|_| anyhow::anyhow!("--dates needs four weights"))?;
                cfg.provenance.get_or_insert_with(Default::default).date_precision = w;
            }
            _ => anyhow::bail!(
                "unknown argument {a}; expected --docs --seed --lang --base --no-base --no-detect --dates M,D,MO,NONE --debug N --out DIR"
            ),
        }
    }
    let (mut corpus, mut truth, mut prov, mut reg) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let t = Instant::now();
    let (gs, ps) = generate_with_provenance(&cfg, &mut corpus, &mut truth, &mut prov, &mut reg)?;
    eprintln!(
        "generated {} docs, {} families, {} copies in {:.1} s (base text: {})",
        gs.docs,
        gs.families,
        gs.copies,
        t.elapsed().as_secs_f64(),
        if gs.base_words_fr + gs.base_words_en > 0 {
            "real news"
        } else {
            "built-in grammar"
        }
    );
    eprintln!("labels: {}", serde_json::to_string(&ps)?);
    if let Some(dir) = &out {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("corpus.jsonl"), &corpus)?;
        std::fs::write(dir.join("truth.jsonl"), &truth)?;
        std::fs::write(dir.join("provenance.jsonl"), &prov)?;
        std::fs::write(dir.join("outlets.csv"), &reg)?;
    }

    let mut meta = Vec::new();
    let mut texts_owned = Vec::new();
    for line in corpus.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line)?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        meta.push(DocMeta {
            id: s("id").unwrap_or_default(),
            series: s("series"),
            url: s("url"),
            date: s("date"),
            ..Default::default()
        });
        texts_owned.push(s("text").unwrap_or_default());
    }
    let texts: Vec<&str> = texts_owned.iter().map(String::as_str).collect();
    let ids: Vec<String> = meta.iter().map(|m| m.id.clone()).collect();
    let index: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, d)| (d.as_str(), i))
        .collect();
    let fams: Vec<FamilyTruth> = prov
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(serde_json::from_slice)
        .collect::<Result<_, _>>()?;
    let links: Vec<TruthLink> = truth
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| -> anyhow::Result<Option<TruthLink>> {
            let p: TruthPair = serde_json::from_slice(l)?;
            Ok(
                match (index.get(p.a.doc.as_str()), index.get(p.b.doc.as_str())) {
                    (Some(&a), Some(&b)) => Some(TruthLink {
                        family: p.family,
                        doc_a: a,
                        a: CharSpan {
                            begin: p.a.begin,
                            end: p.a.end,
                        },
                        doc_b: b,
                        b: CharSpan {
                            begin: p.b.begin,
                            end: p.b.end,
                        },
                    }),
                    _ => None,
                },
            )
        })
        .filter_map(Result::transpose)
        .collect::<anyhow::Result<_>>()?;
    let registry = Registry::builtin()
        .merged(Registry::from_csv_str(std::str::from_utf8(&reg)?).map_err(anyhow::Error::msg)?);
    let opts = Options::default();

    let run = |name: &str, clusters: &[ClusterInput], setup: f64| -> anyhow::Result<()> {
        let t = Instant::now();
        let p = analyse(&meta, &texts, clusters, &registry, &opts);
        let secs = t.elapsed().as_secs_f64();
        let s = evaluate_provenance(&fams, &ids, clusters, &p);
        if debug > 0 && (name.starts_with("oracle") == (std::env::var("DEBUG_DETECTED").is_err())) {
            show_errors(&fams, &meta, &texts, clusters, &p, debug);
        }
        println!(
            "{name}: {} clusters ({setup:.1} s to build), provenance in {secs:.2} s",
            clusters.len()
        );
        println!(
            "  source accuracy {:.3} ({}/{} families found of {})",
            s.source_accuracy, s.source_correct, s.families_found, s.families
        );
        println!(
            "  parent accuracy {:.3}, parent-or-ancestor {:.3} ({} copies found of {})",
            s.parent_accuracy, s.parent_or_ancestor_accuracy, s.copies_found, s.copies
        );
        println!(
            "  unattributed flag: precision {:.3} recall {:.3} F1 {:.3} (tp {} fp {} fn {})",
            s.flag_precision, s.flag_recall, s.flag_f1, s.flag_tp, s.flag_fp, s.flag_fn
        );
        Ok(())
    };
    let t = Instant::now();
    let oracle = oracle_clusters(&links, &texts);
    run(
        "oracle clusters (true aligned pairs)",
        &oracle,
        t.elapsed().as_secs_f64(),
    )?;

    if detect {
        let t = Instant::now();
        let p = Params::default();
        let aligned: Vec<Alignment> = align_texts(&texts, &p)
            .into_iter()
            .map(|pp| Alignment {
                doc_a: pp.a,
                a: pp.passage.a,
                doc_b: pp.b,
                b: pp.passage.b,
                matched_words: pp.passage.matched,
                score: pp.passage.score,
            })
            .collect();
        let clusters = clusters_from_alignments(&aligned);
        run(
            "detected clusters (core kernels)",
            &clusters,
            t.elapsed().as_secs_f64(),
        )?;
    }
    Ok(())
}

/// Prints up to `n` families whose source was missed and copies whose flag
/// is wrong (oracle clusters: one per family, in family order).
fn show_errors(
    fams: &[FamilyTruth],
    meta: &[DocMeta],
    texts: &[&str],
    clusters: &[ClusterInput],
    p: &echotrace_provenance::Provenance,
    n: usize,
) {
    let by_fam: HashMap<u64, usize> = clusters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.cluster, i))
        .collect();
    let (mut src_err, mut flag_err) = (0, 0);
    for f in fams {
        let Some(&ci) = by_fam.get(&f.family) else {
            continue;
        };
        let c = &clusters[ci];
        let r = &p.clusters[ci];
        let id = |pi: usize| meta[c.passages[pi].doc].id.as_str();
        let root = r.root.map(id);
        if root != Some(f.source.as_str()) && src_err < n {
            src_err += 1;
            println!(
                "SOURCE family {} true {} predicted {:?}",
                f.family, f.source, root
            );
            for node in &r.nodes {
                let m = &meta[node.doc];
                println!(
                    "   {} {:?} score {:.2} parent {:?} ev {:?}",
                    m.id,
                    m.date,
                    node.score,
                    node.parent.map(id),
                    node.evidence
                        .iter()
                        .map(|e| format!("{:?}{:+.2}", e.kind, e.weight))
                        .collect::<Vec<_>>()
                );
            }
        }
        for cp in &f.copies {
            let Some(pi) = c.passages.iter().position(|x| meta[x.doc].id == cp.doc) else {
                continue;
            };
            let node = &r.nodes[pi];
            let flagged = node.attribution.as_ref().is_some_and(|a| a.flagged);
            if flagged != cp.attributed || flag_err >= n {
                continue;
            }
            flag_err += 1;
            println!(
                "FLAG family {} copy {} credit {} ({:?}) parent {} predicted parent {:?} status {:?}",
                f.family, cp.doc, cp.credit, cp.credited, cp.parent, node.parent.map(id),
                node.attribution.as_ref().map(|a| (a.status, a.credits.iter().map(|k| (k.outlet_name.clone(), k.text.clone(), k.matches_source)).collect::<Vec<_>>()))
            );
            let t = texts[node.doc];
            let b = node.span.begin.saturating_sub(150);
            let ctx: String = t.chars().skip(b).take(node.span.begin - b).collect();
            let tail: String = t.chars().skip(node.span.end).take(150).collect();
            println!("   before: {ctx:?}\n   after: {tail:?}");
            if std::env::var("DUMP").is_ok() {
                let names: Vec<&str> = p
                    .outlets
                    .iter()
                    .map(|o| o.name.as_str())
                    .filter(|n| n.contains("Sushai"))
                    .collect();
                println!("   outlets named like it: {names:?}");
            }
            println!(
                "   credits in doc: {:?}",
                echotrace_provenance::find_credits(t, &p.outlets, p.doc_outlets[node.doc])
            );
            println!(
                "   own series {:?} outlet {:?}; passages in doc: {:?}",
                meta[node.doc].series,
                p.doc_outlets[node.doc].map(|o| p.outlets[o].name.clone()),
                clusters
                    .iter()
                    .flat_map(|c| c.passages.iter())
                    .filter(|x| x.doc == node.doc)
                    .map(|x| (x.span.begin, x.span.end))
                    .collect::<Vec<_>>()
            );
        }
    }
}
