//! Made-up report data (our own invented text) for the tests and the demo:
//! a small hand-written case with hostile strings, and a generated corpus of
//! any number of clusters.
#![allow(dead_code)]

use echotrace_report::*;

/// A deterministic xorshift generator (no dependency, same data every run).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

pub const OUTLETS: [(&str, &str); 8] = [
    ("Agence Méridienne", "wire agency"),
    ("Le Veilleur du Nord", "state-affiliated"),
    ("Horizon Express", "independent"),
    ("Tribune des Dunes", "independent"),
    ("Le Quotidien Libre", "independent"),
    ("Gazette de Port-Alvin", "local"),
    ("Écho des Trois Rives", "independent"),
    ("Northbound Wire", "wire agency"),
];

const SUBJECTS: [&str; 8] = [
    "Le conseil portuaire de Port-Alvin",
    "La préfète de la région des Dunes",
    "Un porte-parole de la compagnie de ferries",
    "Les pompiers du quai Saint-Lunaire",
    "Le syndicat des dockers",
    "L'office météorologique côtier",
    "Une association de riverains",
    "Le maire adjoint chargé des transports",
];
const VERBS: [&str; 8] = [
    "a annoncé mardi",
    "a confirmé dans la soirée",
    "a démenti jeudi",
    "a précisé lors d'une conférence de presse",
    "a reconnu sans détour",
    "a estimé devant les élus",
    "a rappelé par communiqué",
    "a affirmé à plusieurs reprises",
];
const OBJECTS: [&str; 10] = [
    "que l'entrepôt numéro sept avait été évacué avant l'arrivée des flammes",
    "que la digue ouest restait fermée aux piétons jusqu'à nouvel ordre",
    "que trois cargos avaient été déroutés vers le port voisin de Cap-Ferrand",
    "que les analyses de l'air ne montraient aucune trace de fumées toxiques",
    "que la liaison vers les îles reprendrait samedi matin si le vent faiblit",
    "qu'une enquête administrative avait été ouverte sur l'origine de l'incendie",
    "que les stocks de grain avaient été en partie sauvés par les équipes de nuit",
    "que les indemnisations des pêcheurs seraient examinées la semaine prochaine",
    "que le coût des réparations dépasserait largement les premières estimations",
    "que des renforts venus de trois départements étaient encore sur place",
];

pub fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {}.",
        SUBJECTS[rng.below(SUBJECTS.len())],
        VERBS[rng.below(VERBS.len())],
        OBJECTS[rng.below(OBJECTS.len())]
    )
}

/// A copy of `text` with a few word edits (substitution, deletion, insertion).
pub fn edit(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if words.len() < 4 {
            break;
        }
        let i = rng.below(words.len());
        match rng.below(3) {
            0 => words[i] = "finalement".into(),
            1 => {
                words.remove(i);
            }
            _ => words.insert(i, "selon nos informations,".into()),
        }
    }
    words.join(" ")
}

fn date(day_of_year: usize, hour: usize) -> String {
    // 2021 is not a leap year.
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut d = day_of_year % 365;
    let mut m = 0;
    while d >= DAYS[m] {
        d -= DAYS[m];
        m += 1;
    }
    format!("2021-{:02}-{:02}T{:02}:00", m + 1, d + 1, hour % 24)
}

/// `n` generated clusters of 2 to 7 passages each, with copy trees, pairs,
/// attribution, and outlet tables.
pub fn generated(n: usize, seed: u64) -> ReportData {
    let mut rng = Rng::new(seed);
    let mut clusters = Vec::with_capacity(n);
    let mut uid = 0u64;
    let mut unattributed = 0u64;
    let mut passages_total = 0u64;
    for id in 0..n as u64 {
        let k = 2 + rng.below(6);
        let sentences = 2 + rng.below(4);
        let base: Vec<String> = (0..sentences).map(|_| sentence(&mut rng)).collect();
        let base = base.join(" ");
        let day = rng.below(365);
        let mut passages: Vec<Passage> = Vec::with_capacity(k);
        let mut edges = Vec::new();
        let mut pairs = Vec::new();
        for j in 0..k {
            let (outlet, _) = OUTLETS[if j == 0 {
                rng.below(2)
            } else {
                rng.below(OUTLETS.len())
            }];
            let parent = if j == 0 { None } else { Some(rng.below(j)) };
            let text = match parent {
                None => base.clone(),
                Some(p) => edit(&passages[p].text, &mut rng),
            };
            let status = if j == 0 {
                AttributionStatus::Source
            } else {
                match rng.below(4) {
                    0 => AttributionStatus::Credited,
                    1 => AttributionStatus::CreditsOther,
                    _ => AttributionStatus::Unattributed,
                }
            };
            if matches!(
                status,
                AttributionStatus::Unattributed | AttributionStatus::CreditsOther
            ) {
                unattributed += 1;
            }
            let begin = rng.below(3000) as u64;
            let len = text.chars().count() as u64;
            passages.push(Passage {
                uid: uid + j as u64,
                doc_id: format!("doc-{id}-{j}"),
                outlet: Some(outlet.to_string()),
                date: Some(date(day + j / 2, 6 + j * 3)),
                date_precision: None,
                title: Some(format!(
                    "Incendie du port : point de situation n°{}",
                    id + 1
                )),
                url: Some(format!("https://example.org/{id}/{j}")),
                begin,
                end: begin + len,
                text,
                attribution: Attribution {
                    status,
                    credit: match status {
                        AttributionStatus::Credited => Some("selon l'Agence Méridienne".into()),
                        AttributionStatus::CreditsOther => Some("d'après Northbound Wire".into()),
                        _ => None,
                    },
                    credited_outlet: None,
                },
            });
            if let Some(p) = parent {
                let (c, pu) = (uid + j as u64, uid + p as u64);
                edges.push(CopyEdge {
                    child: c,
                    parent: pu,
                    confidence: Some(0.5 + (rng.below(50) as f64) / 100.0),
                    evidence: vec![
                        Evidence {
                            kind: "time".into(),
                            detail: "published later".into(),
                        },
                        Evidence {
                            kind: "edit".into(),
                            detail: "a few words changed".into(),
                        },
                    ],
                });
                pairs.push(AlignedPair {
                    a: pu,
                    b: c,
                    score: Some(0.9),
                    matched_words: Some(40),
                    ..Default::default()
                });
            }
        }
        passages_total += k as u64;
        clusters.push(Cluster {
            id,
            source: Some(uid),
            passages,
            edges,
            pairs,
        });
        uid += k as u64;
    }
    let outlets = OUTLETS
        .iter()
        .enumerate()
        .map(|(i, (name, kind))| OutletRow {
            name: name.to_string(),
            kind: Some(kind.to_string()),
            country: None,
            documents: 100 + i as u64 * 37,
            copied_share: Some(0.1 * i as f64),
            unattributed_share: Some(0.05 * i as f64),
            top_sources: vec![SourceShare {
                outlet: OUTLETS[0].0.into(),
                passages: 12 + i as u64,
                share: Some(0.4),
                clusters: vec![0, 1, 2],
            }],
        })
        .collect();
    let sources = vec![SourceRow {
        outlet: OUTLETS[0].0.into(),
        republishers: OUTLETS[2..]
            .iter()
            .enumerate()
            .map(|(i, (name, _))| Republisher {
                outlet: name.to_string(),
                copies: 30 - i as u64,
                unattributed: 10 - i as u64,
                median_delay_hours: Some(3.5 + i as f64),
                min_delay_hours: Some(0.5),
                clusters: vec![i as u64, i as u64 + 1],
            })
            .collect(),
    }];
    ReportData {
        title: "echotrace report — generated harbour-fire corpus".into(),
        overview: Overview {
            documents: passages_total,
            outlets: OUTLETS.len() as u64,
            clusters: n as u64,
            passages: passages_total,
            unattributed_copies: unattributed,
            date_from: Some("2021-01-01".into()),
            date_to: Some("2021-12-31".into()),
            generated_by: Some("echotrace-report demo".into()),
            params: vec![
                Param {
                    name: "ngram".into(),
                    value: "5".into(),
                },
                Param {
                    name: "max_df".into(),
                    value: "100".into(),
                },
            ],
            notes: vec![],
        },
        clusters,
        outlets,
        sources,
        ..Default::default()
    }
}

pub const HOSTILE_SCRIPT: &str = "</script><script>alert(1)</script>";
pub const HOSTILE_IMG: &str = "\"><img src=x onerror=alert(2)>";
pub const HOSTILE_URL: &str = "javascript:alert(3)";

/// A small hand-written case: one clean cluster with all sections filled,
/// and one cluster whose texts, titles, outlets and URLs are hostile.
pub fn small() -> ReportData {
    let src_text =
        "Le conseil portuaire de Port-Alvin a confirmé mardi que l'entrepôt numéro sept \
        avait été évacué avant l'arrivée des flammes*, et que la digue ouest resterait fermée.";
    let copy_text = "Le conseil portuaire de Port-Alvin a confirmé que l'entrepôt numéro sept \
        avait été évacué avant l'arrivée des flammes, et que la digue ouest restera fermée jusqu'à samedi.";
    let p = |uid: u64, doc: &str, outlet: &str, date: &str, text: &str, st: AttributionStatus| {
        Passage {
            uid,
            doc_id: doc.into(),
            outlet: Some(outlet.into()),
            date: Some(date.into()),
            title: Some(format!("Incendie à Port-Alvin ({outlet})")),
            url: Some(format!("https://example.org/{doc}")),
            begin: 120,
            end: 120 + text.chars().count() as u64,
            text: text.into(),
            attribution: Attribution {
                status: st,
                ..Default::default()
            },
            ..Default::default()
        }
    };
    let clean = Cluster {
        id: 7,
        source: Some(70),
        passages: vec![
            p(
                71,
                "horizon-12",
                "Horizon Express",
                "2021-07-23",
                copy_text,
                AttributionStatus::Unattributed,
            ),
            p(
                70,
                "meridienne-1",
                "Agence Méridienne",
                "2021-07-22T09:30",
                src_text,
                AttributionStatus::Source,
            ),
            p(
                72,
                "tribune-3",
                "Tribune des Dunes",
                "2021-07",
                copy_text,
                AttributionStatus::Credited,
            ),
        ],
        edges: vec![
            CopyEdge {
                child: 71,
                parent: 70,
                confidence: Some(0.93),
                evidence: vec![Evidence {
                    kind: "edit".into(),
                    detail: "the asterisk after « flammes » is removed".into(),
                }],
            },
            CopyEdge {
                child: 72,
                parent: 71,
                confidence: Some(0.7),
                evidence: vec![],
            },
        ],
        pairs: vec![AlignedPair {
            a: 70,
            b: 71,
            score: Some(0.88),
            matched_words: Some(27),
            ..Default::default()
        }],
    };
    let hostile = Cluster {
        id: 9,
        source: None,
        passages: vec![
            Passage {
                uid: 90,
                doc_id: format!("evil-{HOSTILE_IMG}"),
                outlet: Some(HOSTILE_IMG.into()),
                date: Some("not a date <b>".into()),
                title: Some(HOSTILE_SCRIPT.into()),
                url: Some(HOSTILE_URL.into()),
                text: format!(
                    "Texte piégé {HOSTILE_SCRIPT} et {HOSTILE_IMG} \u{2028} fin & <!-- -->"
                ),
                attribution: Attribution {
                    status: AttributionStatus::CreditsOther,
                    credit: Some(HOSTILE_SCRIPT.into()),
                    credited_outlet: Some(HOSTILE_IMG.into()),
                },
                ..Default::default()
            },
            Passage {
                uid: 91,
                doc_id: "plain".into(),
                date: Some("2030-01-01".into()),
                text: format!("Texte piégé {HOSTILE_SCRIPT} et autre chose"),
                ..Default::default()
            },
        ],
        edges: vec![CopyEdge {
            child: 91,
            parent: 90,
            confidence: Some(f64::NAN),
            evidence: vec![],
        }],
        pairs: vec![AlignedPair {
            a: 90,
            b: 91,
            ..Default::default()
        }],
    };
    ReportData {
        title: format!("Demo {HOSTILE_SCRIPT}"),
        overview: Overview {
            documents: 5,
            outlets: 4,
            clusters: 2,
            passages: 5,
            unattributed_copies: 2,
            date_from: Some("2021-07-22".into()),
            date_to: Some("2030-01-01".into()),
            notes: vec![format!("one outlet is named {HOSTILE_IMG}")],
            ..Default::default()
        },
        clusters: vec![hostile, clean],
        outlets: vec![OutletRow {
            name: HOSTILE_IMG.into(),
            kind: Some(HOSTILE_SCRIPT.into()),
            documents: 1,
            copied_share: Some(f64::NAN),
            ..Default::default()
        }],
        sources: vec![SourceRow {
            outlet: "Agence Méridienne".into(),
            republishers: vec![Republisher {
                outlet: "Horizon Express".into(),
                copies: 1,
                unattributed: 1,
                median_delay_hours: Some(26.0),
                min_delay_hours: Some(26.0),
                clusters: vec![7],
            }],
        }],
        quotes: vec![Speaker {
            name: "Claire Vasseur".into(),
            role: Some("préfète de la région des Dunes".into()),
            quotes: vec![QuoteGroup {
                id: 3,
                text: "Personne n'a été blessé et le port rouvrira dès que possible".into(),
                appearances: vec![
                    QuoteAppearance {
                        doc_id: "meridienne-1".into(),
                        outlet: Some("Agence Méridienne".into()),
                        date: Some("2021-07-22".into()),
                        text: "Personne n'a été blessé et le port rouvrira dès que possible".into(),
                        first: true,
                        passage: Some(70),
                        ..Default::default()
                    },
                    QuoteAppearance {
                        doc_id: "horizon-12".into(),
                        outlet: Some("Horizon Express".into()),
                        date: Some("2021-07-23".into()),
                        text: format!("Personne n'a été blessé et le port rouvrira très vite {HOSTILE_SCRIPT}"),
                        speaker_as_written: Some("a indiqué la responsable".into()),
                        altered: true,
                        cluster: Some(7),
                        ..Default::default()
                    },
                ],
            }],
        }],
        stories: vec![Story {
            id: 1,
            title: "Incendie au port de Port-Alvin".into(),
            date_from: Some("2021-07-22".into()),
            date_to: Some("2021-07-23".into()),
            outlets: vec!["Agence Méridienne".into(), "Horizon Express".into()],
            languages: vec!["fr".into()],
            entities: vec!["Port-Alvin".into(), "Claire Vasseur".into()],
            documents: vec![
                StoryDoc { doc_id: "horizon-12".into(), date: Some("2021-07-23".into()), cluster: Some(7), ..Default::default() },
                StoryDoc { doc_id: "meridienne-1".into(), date: Some("2021-07-22".into()), url: Some(HOSTILE_URL.into()), ..Default::default() },
            ],
        }],
        narratives: vec![Narrative {
            id: 2,
            label: "Les ports de la côte seraient mal entretenus".into(),
            entities: vec!["Port-Alvin".into()],
            phrases: vec!["digue ouest".into()],
            stories: vec![1],
            documents: vec![StoryDoc {
                doc_id: "tribune-3".into(),
                stance: Some("critical".into()),
                stance_evidence: Some("Rien ne permet d'affirmer que la digue était négligée.".into()),
                story: Some(1),
                ..Default::default()
            }],
        }],
    }
}
