//! Invented news outlets ("series") with their page furniture: a header line
//! and a footer line (navigation, subscription notice, copyright) repeated in
//! every document of the outlet, for part of the outlets.

use super::grammar::{brand, place};
use super::LangCode;
use crate::rng::Rng;

#[derive(Clone, Debug)]
pub(crate) struct Outlet {
    pub series: String,
    /// Display name ("The Valmora Herald").
    pub name: String,
    /// Web domain.
    pub domain: String,
    pub lang: LangCode,
    pub header: Option<String>,
    pub footer: Option<String>,
}

const EN_TITLES: &[&str] = &[
    "Herald",
    "Courier",
    "Gazette",
    "Tribune",
    "Observer",
    "Chronicle",
    "Times",
    "Post",
    "Echo",
    "Review",
    "Monitor",
    "Dispatch",
    "Ledger",
    "Sentinel",
    "Journal",
    "Mail",
    "Record",
    "Express",
    "Daily News",
    "Standard",
    "Advertiser",
    "Telegraph",
];
const FR_TITLES: &[&str] = &[
    "Le Courrier",
    "La Dépêche",
    "L'Écho",
    "Le Journal",
    "La Gazette",
    "Le Progrès",
    "Le Réveil",
    "La Voix",
    "Le Républicain",
    "L'Union",
    "La Tribune",
    "Le Quotidien",
    "L'Indépendant",
    "Le Petit Journal",
    "La Nouvelle République",
    "Le Messager",
];

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' | 'Û' => 'u',
            'ç' | 'Ç' => 'c',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn outlet_name(rng: &mut Rng, lang: LangCode) -> String {
    match lang {
        LangCode::En => {
            let title = rng.pick(EN_TITLES);
            match rng.below(3) {
                0 => format!("The {} {title}", place(rng, lang)),
                1 => format!("{} {title}", place(rng, lang)),
                _ => format!("The {title} of {}", place(rng, lang)),
            }
        }
        LangCode::Fr => {
            let title = rng.pick(FR_TITLES);
            let p = place(rng, lang);
            match rng.below(3) {
                0 => format!("{title} de {p}"),
                1 => format!("{title} du {p}"),
                _ => format!("{title} {p}"),
            }
        }
    }
}

/// Picks `k` distinct items of `xs` in random order.
fn some<'a>(rng: &mut Rng, xs: &[&'a str], k: usize) -> Vec<&'a str> {
    let mut v: Vec<&str> = xs.to_vec();
    rng.shuffle(&mut v);
    v.truncate(k.min(xs.len()));
    v
}

const EN_NAV: &[&str] = &[
    "News",
    "Politics",
    "Business",
    "Sport",
    "Culture",
    "Opinion",
    "Local",
    "World",
    "Money",
    "Weather",
    "Travel",
    "Food",
    "Property",
    "Jobs",
    "Motoring",
    "Health",
    "Science",
    "Arts",
    "Obituaries",
    "Letters",
    "Puzzles",
    "Lifestyle",
    "Education",
    "Farming",
    "Courts",
    "Video",
    "Podcasts",
    "Events",
    "Nightlife",
    "Community",
    "Environment",
    "Tech",
    "Family Notices",
];
const FR_NAV: &[&str] = &[
    "Actualité",
    "Politique",
    "Économie",
    "Sport",
    "Culture",
    "Opinions",
    "Région",
    "Monde",
    "Faits divers",
    "Météo",
    "Loisirs",
    "Immobilier",
    "Emploi",
    "Santé",
    "Sciences",
    "Société",
    "Avis de décès",
    "Jeux",
    "Vie locale",
    "Agriculture",
    "Justice",
    "Vidéos",
    "Podcasts",
    "Agenda",
    "Sorties",
    "Environnement",
    "Numérique",
    "Éducation",
    "Tourisme",
    "Courrier",
];
const EN_TOOLS: &[&str] = &[
    "Menu",
    "Search",
    "Sign in",
    "Subscribe",
    "Log in",
    "Newsletters",
    "Today's paper",
    "E-edition",
    "Account",
    "Register",
    "Donate",
    "Advertise",
    "Contact us",
    "Help",
];
const FR_TOOLS: &[&str] = &[
    "Menu",
    "Rechercher",
    "Se connecter",
    "S'abonner",
    "Connexion",
    "Newsletters",
    "Le journal du jour",
    "Édition numérique",
    "Mon compte",
    "Créer un compte",
    "Annonces",
    "Contact",
    "Aide",
    "Boutique",
];
const SEPS: &[&str] = &[" | ", " · ", " / ", " – ", "  ", " • ", " — "];

fn en_header(rng: &mut Rng, name: &str, year: usize) -> String {
    let sep = rng.pick(SEPS);
    match rng.below(5) {
        0 => {
            let n = rng.range(3, 7);
            format!("{name}{sep}{}", some(rng, EN_NAV, n).join(sep))
        }
        1 => {
            let path = {
                let k = rng.range(1, 3);
                some(rng, EN_NAV, k)
            }
            .join(" › ");
            format!(
                "{} › {path}{sep}{name}",
                rng.pick(&["Home", "Front page", "Start", "Index"])
            )
        }
        2 => {
            let what = rng.pick(&[
                "news",
                "journalism",
                "reporting",
                "stories",
                "coverage",
                "voices",
            ]);
            let adj = rng.pick(&[
                "independent",
                "local",
                "trusted",
                "award-winning",
                "community",
                "honest",
                "fearless",
                "regional",
            ]);
            let tail = match rng.below(4) {
                0 => format!("since {year}"),
                1 => format!("for {}", place(rng, LangCode::En)),
                2 => format!("from {} and beyond", place(rng, LangCode::En)),
                _ => format!("every day since {year}"),
            };
            format!("{name}{sep}{adj} {what} {tail}")
        }
        3 => {
            let n = rng.range(3, 6);
            let mut t = some(rng, EN_TOOLS, n);
            let at = rng.below(t.len() + 1);
            t.insert(at, name);
            t.join(sep)
        }
        _ => {
            let a = some(rng, EN_TOOLS, 2);
            let b = {
                let k = rng.range(2, 5);
                some(rng, EN_NAV, k)
            };
            format!("{}{sep}{name}{sep}{}", a.join(sep), b.join(sep))
        }
    }
}

fn fr_header(rng: &mut Rng, name: &str, year: usize) -> String {
    let sep = rng.pick(SEPS);
    match rng.below(5) {
        0 => {
            let n = rng.range(3, 7);
            format!("{name}{sep}{}", some(rng, FR_NAV, n).join(sep))
        }
        1 => {
            let path = {
                let k = rng.range(1, 3);
                some(rng, FR_NAV, k)
            }
            .join(" › ");
            format!(
                "{} › {path}{sep}{name}",
                rng.pick(&["Accueil", "À la une", "Sommaire", "Une"])
            )
        }
        2 => {
            let what = rng.pick(&[
                "l'information",
                "l'actualité",
                "les nouvelles",
                "le quotidien",
                "l'info",
            ]);
            let tail = match rng.below(4) {
                0 => format!("depuis {year}"),
                1 => format!("de {} et environs", place(rng, LangCode::Fr)),
                2 => format!("au cœur de {}", place(rng, LangCode::Fr)),
                _ => format!("chaque jour depuis {year}"),
            };
            let adj = rng.pick(&[
                "",
                "locale ",
                "indépendante ",
                "régionale ",
                "de proximité ",
            ]);
            format!("{name}{sep}{what} {adj}{tail}").replace("  ", " ")
        }
        3 => {
            let n = rng.range(3, 6);
            let mut t = some(rng, FR_TOOLS, n);
            let at = rng.below(t.len() + 1);
            t.insert(at, name);
            t.join(sep)
        }
        _ => {
            let a = some(rng, FR_TOOLS, 2);
            let b = {
                let k = rng.range(2, 5);
                some(rng, FR_NAV, k)
            };
            format!("{}{sep}{name}{sep}{}", a.join(sep), b.join(sep))
        }
    }
}

fn en_footer_part(rng: &mut Rng, name: &str, domain: &str) -> String {
    let y = rng.range(2016, 2024);
    match rng.below(7) {
        0 => match rng.below(4) {
            0 => format!("© {y} {name}."),
            1 => format!("Copyright {}–{y} {name} Ltd.", rng.range(1995, 2015)),
            2 => format!("{name} © {y}, all rights reserved."),
            _ => format!("All content © {name} {y} unless stated otherwise."),
        },
        1 => format!(
            "{} {} {}.",
            rng.pick(&["Subscribe to", "Sign up for", "Get", "Try", "Don't miss"]),
            rng.pick(&[
                "our newsletter",
                "the morning briefing",
                "the evening edition",
                "our weekly digest",
                "breaking news alerts",
                "the weekend read"
            ]),
            rng.pick(&[
                "in your inbox",
                "for free",
                "every weekday",
                "today",
                "at 7am",
                "from just £1"
            ])
        ),
        2 => format!(
            "{} {}@{domain}",
            rng.pick(&[
                "Got a story? Email",
                "Tips to",
                "Contact the newsroom:",
                "Write to us at",
                "News desk:",
                "Letters to"
            ]),
            rng.pick(&["news", "tips", "desk", "editor", "letters", "newsroom"])
        ),
        3 => format!(
            "{} {} {} {}.",
            name,
            rng.pick(&[
                "is published by",
                "is part of",
                "is owned by",
                "is a member of"
            ]),
            brand(rng),
            rng.pick(&["Group", "Media", "Holdings", "Press", "Publishing"])
        ),
        4 => format!(
            "{}, {} {} {}, {}.",
            name,
            rng.range(1, 240),
            place(rng, LangCode::En),
            rng.pick(&["Road", "Street", "Lane", "Square", "Quay", "Parade"]),
            place(rng, LangCode::En)
        ),
        5 => format!(
            "{} {} {} {} {}.",
            rng.pick(&[
                "No part of",
                "Nothing on",
                "None of",
                "No article on",
                "No content from"
            ]),
            rng.pick(&[
                "this site",
                "these pages",
                "our website",
                "this edition",
                "the app"
            ]),
            rng.pick(&["may be", "can be", "is to be", "should be"]),
            rng.pick(&[
                "reproduced",
                "copied",
                "reused",
                "republished",
                "redistributed"
            ]),
            rng.pick(&[
                "without permission",
                "without consent",
                "without a licence",
                "without credit",
                "in any form"
            ])
        ),
        _ => format!(
            "{} {name} {} {}.",
            rng.pick(&["Support", "Back", "Fund", "Help sustain", "Stand with"]),
            rng.pick(&[
                "by becoming a member",
                "with a donation",
                "as a subscriber",
                "today",
                "online"
            ]),
            match rng.below(3) {
                0 => format!(
                    "for £{} a {}",
                    rng.range(1, 9),
                    rng.pick(&["month", "week", "year"])
                ),
                1 => format!(
                    "to {} {} {}",
                    rng.pick(&["keep", "help keep", "protect"]),
                    rng.pick(&[
                        "local news",
                        "local journalism",
                        "our reporting",
                        "the newsroom"
                    ]),
                    rng.pick(&["alive", "free", "going", "independent"])
                ),
                _ => rng
                    .pick(&["", "now", "this year", "from your phone"])
                    .to_string(),
            }
        )
        .replace("  ", " ")
        .replace(" .", "."),
    }
}

fn fr_footer_part(rng: &mut Rng, name: &str, domain: &str) -> String {
    let y = rng.range(2016, 2024);
    match rng.below(7) {
        0 => match rng.below(4) {
            0 => format!("© {y} {name}."),
            1 => format!("Copyright {}-{y} {name}.", rng.range(1995, 2015)),
            2 => format!("{name} © {y}, tous droits réservés."),
            _ => format!("Contenus © {name} {y}, sauf mention contraire."),
        },
        1 => format!(
            "{} {} {}.",
            rng.pick(&[
                "Abonnez-vous à",
                "Inscrivez-vous à",
                "Recevez",
                "Découvrez",
                "Ne manquez pas"
            ]),
            rng.pick(&[
                "notre lettre d'information",
                "la revue de presse du matin",
                "l'édition du soir",
                "nos alertes",
                "le résumé de la semaine"
            ]),
            rng.pick(&[
                "gratuitement",
                "chaque matin",
                "dès aujourd'hui",
                "dans votre boîte mail",
                "pour 1 euro"
            ])
        ),
        2 => format!(
            "{} {}@{domain}",
            rng.pick(&[
                "Une info ? Écrivez à",
                "Contact rédaction :",
                "Courrier des lecteurs :",
                "Écrivez-nous :",
                "Rédaction :"
            ]),
            rng.pick(&["redaction", "contact", "info", "lecteurs", "infos"])
        ),
        3 => format!(
            "{} {} {} {}.",
            name,
            rng.pick(&[
                "est édité par",
                "fait partie du",
                "appartient au",
                "est membre du"
            ]),
            rng.pick(&["groupe", "réseau", "pôle"]),
            brand(rng)
        ),
        4 => format!(
            "{}, {} {} {}, {}.",
            name,
            rng.range(1, 240),
            rng.pick(&["rue", "avenue", "place", "boulevard", "quai", "allée"]),
            place(rng, LangCode::Fr),
            place(rng, LangCode::Fr)
        ),
        5 => format!(
            "{} {}.",
            rng.pick(&[
                "Toute reproduction",
                "Reproduction",
                "Toute reprise",
                "Toute diffusion"
            ]),
            rng.pick(&[
                "interdite sans autorisation",
                "soumise à accord préalable",
                "réservée aux abonnés",
                "strictement encadrée"
            ])
        ),
        _ => format!(
            "{} {name} {}.",
            rng.pick(&["Soutenez", "Aidez", "Rejoignez", "Financez"]),
            rng.pick(&[
                "en vous abonnant",
                "par un don",
                "pour une presse libre",
                "et l'info locale",
                "dès aujourd'hui"
            ])
        ),
    }
}

/// Header and footer of an outlet: built from small parts drawn per outlet,
/// so that two outlets rarely share more than a few words of furniture.
fn furniture(
    rng: &mut Rng,
    lang: LangCode,
    name: &str,
    domain: &str,
) -> (Option<String>, Option<String>) {
    let year = rng.range(1890, 2015);
    let kind = rng.weighted(&[0.5, 0.15, 0.35]);
    if kind == 2 {
        return (None, None);
    }
    let header = match lang {
        LangCode::En => en_header(rng, name, year),
        LangCode::Fr => fr_header(rng, name, year),
    };
    let parts = rng.range(1, 3);
    let mut kinds = Vec::new();
    let footer = (0..parts)
        .filter_map(|_| {
            let p = match lang {
                LangCode::En => en_footer_part(rng, name, domain),
                LangCode::Fr => fr_footer_part(rng, name, domain),
            };
            let k = p.split_whitespace().next().map(str::to_string);
            (!kinds.contains(&k)).then(|| {
                kinds.push(k);
                p
            })
        })
        .collect::<Vec<_>>()
        .join(" ");
    if kind == 0 {
        (Some(header), Some(footer))
    } else {
        (None, Some(footer))
    }
}

/// `n` outlets with languages from `langs` (cycled).
pub(crate) fn make_outlets(n: usize, langs: &[LangCode], rng: &mut Rng) -> Vec<Outlet> {
    let mut used = std::collections::HashSet::new();
    (0..n)
        .map(|i| {
            let lang = langs[i % langs.len()];
            let name = outlet_name(rng, lang);
            let mut series = slug(&name);
            if !used.insert(series.clone()) {
                series = format!("{series}-{i}");
                used.insert(series.clone());
            }
            let tld = match lang {
                LangCode::En => rng.pick(&["com", "co.uk", "net", "org"]),
                LangCode::Fr => rng.pick(&["fr", "com", "info"]),
            };
            let domain = format!("{}.{tld}", slug(&name).replace('-', ""));
            let (header, footer) = furniture(rng, lang, &name, &domain);
            Outlet {
                series,
                name,
                domain,
                lang,
                header,
                footer,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_are_unique_and_some_have_furniture() {
        let mut rng = Rng::new(4);
        let outs = make_outlets(60, &[LangCode::En, LangCode::Fr], &mut rng);
        let series: std::collections::HashSet<_> = outs.iter().map(|o| &o.series).collect();
        assert_eq!(series.len(), 60);
        assert!(outs.iter().any(|o| o.header.is_some()));
        assert!(outs.iter().any(|o| o.footer.is_none()));
        assert!(outs.iter().all(|o| !o.series.is_empty()));
        assert_eq!(slug("L'Écho du Nord"), "l-echo-du-nord");
    }

    /// Furniture differs from outlet to outlet beyond the outlet's name: few
    /// runs of eight words (names and domains masked) recur across outlets.
    #[test]
    fn furniture_varies_across_outlets() {
        let mut rng = Rng::new(9);
        let outs = make_outlets(200, &[LangCode::En, LangCode::Fr], &mut rng);
        let mut seen: std::collections::HashMap<Vec<String>, usize> = Default::default();
        let mut windows = 0;
        for o in &outs {
            let text = format!(
                "{} {}",
                o.header.clone().unwrap_or_default(),
                o.footer.clone().unwrap_or_default()
            );
            let words: Vec<String> = crate::words::words(&text).collect();
            let name: std::collections::HashSet<String> =
                o.series.split('-').map(str::to_string).collect();
            let words: Vec<String> = words
                .into_iter()
                .map(|w| {
                    if name.contains(&w) || w.contains(&o.series.replace('-', "")) {
                        "#".to_string()
                    } else {
                        w
                    }
                })
                .collect();
            let mut mine = std::collections::HashSet::new();
            for g in words.windows(8) {
                windows += 1;
                if mine.insert(g.to_vec()) {
                    *seen.entry(g.to_vec()).or_default() += 1;
                }
            }
        }
        let shared = seen.values().filter(|&&n| n > 1).count();
        assert!(windows > 1000);
        assert!(
            (shared as f64) < 0.02 * seen.len() as f64,
            "{shared} of {} furniture 8-word runs recur across outlets",
            seen.len()
        );
    }
}
