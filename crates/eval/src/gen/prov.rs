//! Provenance labels for generated corpora: publication times of various
//! precisions, credit phrases placed around copies (crediting the right
//! outlet, the wrong one, or nobody), the registry of the invented outlets,
//! and the provenance truth record of each family.

use serde::Serialize;

use super::outlet::Outlet;
use super::LangCode;
use crate::rng::Rng;

/// Settings of the provenance labels (see [`super::GenConfig::provenance`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ProvenanceConfig {
    /// Relative weights of dates to the minute, to the day, to the month,
    /// and of missing dates.
    pub date_precision: [f64; 4],
    /// Probability that a copy after the first of its family is made from
    /// an earlier copy instead of the source (chains A → B → C).
    pub chain_rate: f64,
    /// Relative weights of copies crediting the outlet they copy, crediting
    /// another outlet, and crediting nobody.
    pub credit: [f64; 3],
}

impl Default for ProvenanceConfig {
    fn default() -> Self {
        ProvenanceConfig {
            date_precision: [0.8, 0.12, 0.04, 0.04],
            chain_rate: 0.3,
            credit: [0.45, 0.15, 0.4],
        }
    }
}

/// Counts of what the provenance labels contain.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProvenanceStats {
    pub families: usize,
    pub copies: usize,
    /// Copies made from an earlier copy.
    pub chained: usize,
    pub credit_correct: usize,
    pub credit_wrong: usize,
    pub credit_none: usize,
    pub same_outlet: usize,
    /// Documents dated to the minute, day, month, and undated.
    pub dates: [usize; 4],
}

/// Real wire agencies that wrong credits may name.
const AGENCIES: &[&str] = &[
    "AFP", "Reuters", "AP", "dpa", "EFE", "ANSA", "TASS", "Xinhua",
];

/// The date of document `i` of `docs` over `days` days from `start` (a
/// `YYYY-MM-DD` string) at the precision drawn for it; `None`: undated.
pub(crate) fn doc_date(
    cfg: &ProvenanceConfig,
    seed: u64,
    i: usize,
    docs: usize,
    days: usize,
    day_iso: &str,
    stats: &mut ProvenanceStats,
) -> Option<String> {
    let secs = (i as u128 * days as u128 * 86_400 / docs.max(1) as u128) as u64 % 86_400;
    let mut rng = Rng::new(crate::rng::hash3(seed, 21, i as u64));
    let k = rng.weighted(&cfg.date_precision);
    stats.dates[k] += 1;
    match k {
        0 => Some(format!(
            "{day_iso}T{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60
        )),
        1 => Some(day_iso.to_string()),
        2 => Some(day_iso.get(..7).unwrap_or(day_iso).to_string()),
        _ => None,
    }
}

/// Name without a leading article ("Valmora Herald"), if different.
fn alias(name: &str) -> Option<String> {
    for a in ["The ", "Le ", "La ", "Les "] {
        if let Some(r) = name.strip_prefix(a) {
            return Some(r.to_string());
        }
    }
    name.strip_prefix("L'").map(str::to_string)
}

/// The registry of the invented outlets, as CSV.
pub(crate) fn registry_csv(outlets: &[Outlet]) -> String {
    let mut s = String::from("name,aliases,domains,country,kind\n");
    for o in outlets {
        let q = |x: &str| format!("\"{}\"", x.replace('"', "\"\""));
        s.push_str(&format!(
            "{},{},{},,other\n",
            q(&o.name),
            q(&alias(&o.name).unwrap_or_default()),
            q(&o.domain)
        ));
    }
    s
}

/// Where a credit goes around its copy.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CreditText {
    /// A paragraph before the copy.
    Before(String),
    /// After the copy, in the same paragraph.
    Inline(String),
    /// A paragraph after the copy.
    After(String),
    /// The last paragraph of the document (when it holds only this copy).
    End(String),
}

/// A credit phrase naming `name` (an outlet's name, alias or domain).
pub(crate) fn credit_text(
    rng: &mut Rng,
    lang: LangCode,
    name: &str,
    domain: Option<&str>,
    doc: &str,
) -> CreditText {
    let url = domain.map(|d| format!("https://{d}/articles/{}", doc.trim_start_matches("doc-")));
    let place = rng.weighted(&[0.35, 0.3, 0.25, 0.1]);
    let fr = lang == LangCode::Fr;
    match place {
        0 => CreditText::Before(match (fr, rng.below(3)) {
            (true, 0) => format!("Selon {name} :"),
            (true, 1) => format!("D'après les informations publiées par {name} :"),
            (true, _) => format!("Voici ce que rapporte {name}."),
            (false, 0) => format!("According to {name}:"),
            (false, 1) => format!("As first reported by {name}:"),
            (false, _) => format!("{name} reported the following."),
        }),
        1 => CreditText::Inline(match (fr, rng.below(3)) {
            (true, 0) => format!("({name})"),
            (true, 1) => format!("(avec {name})"),
            (true, _) => format!("Source : {name}."),
            (false, 0) => format!("({name})"),
            (false, 1) => format!("(via {name})"),
            (false, _) => format!("Source: {name}."),
        }),
        2 => CreditText::After(match (fr, rng.below(3), &url) {
            (true, 0, Some(u)) => format!("Article original : {u}"),
            (false, 0, Some(u)) => format!("Originally published at {u}."),
            (true, 1, _) => format!("Lu sur {name}."),
            (true, _, _) => format!("Ces informations ont d'abord été publiées par {name}."),
            (false, 1, _) => format!("Credit: {name}."),
            (false, _, _) => format!("This report first appeared in {name}."),
        }),
        _ => CreditText::End(if fr {
            format!("Avec {name}.")
        } else {
            format!("With reporting by {name}.")
        }),
    }
}

/// A plan for one copy: its parent and its credit.
#[derive(Clone, Debug)]
pub(crate) struct CopyPlan {
    /// Index of the parent document.
    pub parent: usize,
    /// `correct`, `wrong`, `none`, `same_outlet`.
    pub credit: &'static str,
    pub credited: Option<String>,
    pub text: Option<CreditText>,
}

/// Draws the credit of a copy in document `j` (outlet `own`) whose parent
/// has outlet `parent_o` and whose ancestors have `ancestors` (parent
/// first, source last). A wrong credit names an outlet outside the family
/// (`family_outlets`: the source's and every copy's).
#[allow(clippy::too_many_arguments)]
pub(crate) fn plan_credit(
    cfg: &ProvenanceConfig,
    rng: &mut Rng,
    outlets: &[Outlet],
    own: usize,
    ancestors: &[usize],
    family_outlets: &[usize],
    parent_doc: usize,
    lang: LangCode,
    doc_id: &str,
) -> CopyPlan {
    let parent_o = ancestors[0];
    if own == parent_o {
        return CopyPlan {
            parent: parent_doc,
            credit: "same_outlet",
            credited: None,
            text: None,
        };
    }
    let kind = rng.weighted(&cfg.credit);
    let form = |rng: &mut Rng, o: &Outlet| -> (String, Option<String>) {
        match rng.weighted(&[0.75, 0.1, 0.15]) {
            1 => (alias(&o.name).unwrap_or_else(|| o.name.clone()), None),
            2 => (o.domain.clone(), Some(o.domain.clone())),
            _ => (o.name.clone(), None),
        }
    };
    // (the name as written, its domain when written as one, the full name)
    type Named = Option<(String, Option<String>, String)>;
    let (credit, named): (&'static str, Named) = match kind {
        0 => {
            // The parent, or (for a chain) sometimes the original source.
            let mut target = parent_o;
            if ancestors.len() > 1 && rng.chance(0.3) {
                target = ancestors[ancestors.len() - 1];
            }
            if target == own {
                target = parent_o;
            }
            let o = &outlets[target];
            let (n, d) = form(rng, o);
            ("correct", Some((n, d, o.name.clone())))
        }
        1 => {
            let others: Vec<usize> = (0..outlets.len())
                .filter(|k| *k != own && !family_outlets.contains(k) && outlets[*k].lang == lang)
                .collect();
            if others.is_empty() || rng.chance(0.4) {
                let a = rng.pick(AGENCIES);
                ("wrong", Some((a.to_string(), None, a.to_string())))
            } else {
                let o = &outlets[rng.pick(&others)];
                let (n, d) = form(rng, o);
                ("wrong", Some((n, d, o.name.clone())))
            }
        }
        _ => ("none", None),
    };
    match named {
        Some((n, d, full)) => CopyPlan {
            parent: parent_doc,
            credit,
            credited: Some(full),
            text: Some(credit_text(rng, lang, &n, d.as_deref(), doc_id)),
        },
        None => CopyPlan {
            parent: parent_doc,
            credit,
            credited: None,
            text: None,
        },
    }
}

/// One copy in the provenance truth.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct CopyTruthOut {
    pub doc: String,
    pub span: [usize; 2],
    pub parent: String,
    pub credit: &'static str,
    pub credited: Option<String>,
    pub attributed: bool,
}

/// One family in the provenance truth.
#[derive(Serialize, Clone, Debug)]
pub(crate) struct FamilyTruthOut {
    pub family: u64,
    pub source: String,
    pub source_span: [usize; 2],
    pub copies: Vec<CopyTruthOut>,
}
