//! Invented news outlets ("series") with their page furniture: a header line
//! and a footer line (navigation, subscription notice, copyright) repeated in
//! every document of the outlet, for part of the outlets.

use super::grammar::place;
use super::LangCode;
use crate::rng::Rng;

#[derive(Clone, Debug)]
pub(crate) struct Outlet {
    pub series: String,
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
const EN_SECTIONS: &[&str] = &[
    "World", "Politics", "Business", "Local", "Economy", "Society",
];
const FR_SECTIONS: &[&str] = &[
    "Monde",
    "Politique",
    "Économie",
    "Région",
    "Société",
    "France",
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
        LangCode::En => match rng.below(4) {
            0 => format!("{name} | News | Politics | Business | Sport | Culture"),
            1 => format!("Home › {} › {name}", rng.pick(EN_SECTIONS)),
            2 => format!("{name} — independent news since {year}"),
            _ => format!("Menu  Search  {name}  Sign in  Subscribe"),
        },
        LangCode::Fr => match rng.below(4) {
            0 => format!("{name} | Actualité | Politique | Économie | Sport | Culture"),
            1 => format!("Accueil › {} — {name}", rng.pick(FR_SECTIONS)),
            2 => format!("{name}, l'information de votre région depuis {year}"),
            _ => format!("Menu  Rechercher  {name}  Se connecter  S'abonner"),
        },
    };
    let footer = match lang {
        LangCode::En => match rng.below(4) {
            0 => format!(
                "Subscribe to {name} and get the morning briefing in your inbox. © {} {name}. All rights reserved.",
                rng.range(2016, 2024)
            ),
            1 => format!("Follow {name} on social media. Read more stories at www.{domain}"),
            2 => format!("Support independent journalism: become a member of {name} today."),
            _ => format!(
                "Copyright {name}. This article may not be republished without permission."
            ),
        },
        LangCode::Fr => match rng.below(4) {
            0 => format!(
                "Abonnez-vous à la lettre d'information de {name}. © {} {name} – Tous droits réservés.",
                rng.range(2016, 2024)
            ),
            1 => format!(
                "Retrouvez toute l'actualité sur www.{domain}. Suivez-nous sur les réseaux sociaux."
            ),
            2 => format!(
                "Soutenez une presse indépendante : abonnez-vous à {name} dès aujourd'hui."
            ),
            _ => format!("Reproduction interdite sans l'autorisation de {name}."),
        },
    };
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
}
