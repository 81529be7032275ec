//! Built-in fallback for background text when no base corpus is available: a
//! small sentence grammar for English and French news prose.
//!
//! Every sentence pattern alternates short fixed words with slots drawn from
//! large combinatorial sets (people's names, invented place names, numbers,
//! years, noun phrases), so that two unrelated documents rarely share a run of
//! eight or more words.

use crate::rng::Rng;

use super::LangCode;

const EN_FIRST: &[&str] = &[
    "James", "Sarah", "David", "Emma", "Michael", "Laura", "Peter", "Helen", "Thomas", "Rachel",
    "Daniel", "Claire", "Mark", "Joanna", "Robert", "Alice", "Simon", "Nadia", "Andrew", "Fiona",
    "Omar", "Grace", "Ian", "Priya", "Kevin", "Maria", "Gareth", "Sophie", "Patrick", "Ruth",
    "Lewis", "Hannah", "Owen", "Chloe", "Victor", "Amira", "Neil", "Tessa", "Colin", "Yasmin",
    "Stuart", "Megan", "Raymond", "Leila", "Dominic", "Harriet", "Edwin", "Bethany",
];
const EN_LAST: &[&str] = &[
    "Walker",
    "Harris",
    "Okafor",
    "Bennett",
    "Clarke",
    "Patel",
    "Morgan",
    "Reid",
    "Fletcher",
    "Nolan",
    "Khan",
    "Dawson",
    "Pryce",
    "Lindqvist",
    "Osei",
    "Barrett",
    "Holloway",
    "Mensah",
    "Carver",
    "Duffy",
    "Ellison",
    "Farrow",
    "Gallagher",
    "Hendry",
    "Ibrahim",
    "Jarvis",
    "Kowalski",
    "Lambert",
    "McBride",
    "Novak",
    "O'Neill",
    "Pearce",
    "Quinn",
    "Rahman",
    "Sutton",
    "Thorne",
    "Underwood",
    "Vance",
    "Whitfield",
    "Yates",
    "Abbott",
    "Brennan",
    "Castillo",
    "Doherty",
    "Everett",
    "Finch",
    "Grierson",
    "Haddad",
];
const FR_FIRST: &[&str] = &[
    "Jean",
    "Marie",
    "Pierre",
    "Sophie",
    "Nicolas",
    "Isabelle",
    "Laurent",
    "Nathalie",
    "Julien",
    "Camille",
    "François",
    "Claire",
    "Mathieu",
    "Émilie",
    "Olivier",
    "Aurélie",
    "Karim",
    "Léa",
    "Philippe",
    "Sandrine",
    "Thierry",
    "Amina",
    "Benoît",
    "Hélène",
    "Yann",
    "Céline",
    "Rachid",
    "Manon",
    "Gilles",
    "Valérie",
    "Hugo",
    "Inès",
    "Didier",
    "Agnès",
    "Bastien",
    "Solène",
    "Frédéric",
    "Chloé",
    "Arnaud",
    "Nadia",
    "Romain",
    "Margaux",
    "Sébastien",
    "Élise",
    "Loïc",
    "Fatou",
    "Vincent",
    "Josiane",
];
const FR_LAST: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Benali",
    "Roux",
    "Fournier",
    "Lambert",
    "Fontaine",
    "Chevalier",
    "Garnier",
    "Mercier",
    "Bonnet",
    "Rousseau",
    "Blanchard",
    "Guérin",
    "Perrin",
    "Morin",
    "Haddad",
    "Lemoine",
    "Marchand",
    "Barbier",
    "Colin",
    "Renaud",
    "Arnaud",
    "Picard",
    "Leclerc",
    "Aubert",
    "Diallo",
    "Brunet",
    "Schmitt",
    "Carpentier",
    "Vasseur",
    "Lacroix",
    "Joly",
    "Gauthier",
    "Rolland",
    "Masson",
    "Noël",
    "Caron",
    "Bouvier",
    "Lebrun",
    "Meunier",
    "Tessier",
    "Charpentier",
    "Ferrand",
];

const ONSETS: &[&str] = &[
    "B", "Br", "C", "Ch", "D", "Dr", "F", "G", "Gr", "H", "K", "L", "M", "N", "P", "R", "S", "St",
    "T", "Tr", "V", "W", "Z", "Bl", "Cl",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ea", "ou", "au", "y"];
const CODAS: &[&str] = &[
    "", "n", "r", "l", "s", "nd", "rk", "m", "x", "ll", "rn", "st",
];
const EN_SUFFIX: &[&str] = &[
    "ton", "ford", "bury", "wick", "field", "mouth", "ham", "stead", "dale", "port", "by", "well",
    "minster", "ley",
];
const FR_SUFFIX: &[&str] = &[
    "ac", "ville", "court", "mont", "ières", "ange", "ignan", "euil", "elle", "and", "ay", "oux",
    "ès", "in",
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(crate) fn place(rng: &mut Rng, lang: LangCode) -> String {
    let mut s = String::new();
    s.push_str(rng.pick(ONSETS));
    s.push_str(rng.pick(VOWELS));
    s.push_str(rng.pick(CODAS));
    if rng.chance(0.4) {
        s.push_str(&rng.pick(ONSETS).to_lowercase());
        s.push_str(rng.pick(VOWELS));
    }
    match lang {
        LangCode::En => s.push_str(rng.pick(EN_SUFFIX)),
        LangCode::Fr => {
            s.push_str(rng.pick(FR_SUFFIX));
            if rng.chance(0.15) {
                s = format!("Saint-{s}");
            }
        }
    }
    s
}

fn number(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => rng.range(2, 30).to_string(),
        1 => rng.range(31, 999).to_string(),
        2 => format!("{},{:03}", rng.range(1, 99), rng.below(1000)),
        _ => rng.range(3, 95).to_string(),
    }
}

/// Grammar-based sentence source.
pub(crate) struct Grammar {
    lang: LangCode,
}

impl Grammar {
    pub(crate) fn new(lang: LangCode) -> Self {
        Grammar { lang }
    }

    /// Appends one sentence to `out`.
    pub(crate) fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let s = match self.lang {
            LangCode::En => en_sentence(rng),
            LangCode::Fr => fr_sentence(rng),
        };
        out.push_str(&s);
    }

    /// A random content word.
    pub(crate) fn random_word(&self, rng: &mut Rng) -> &'static str {
        match self.lang {
            LangCode::En => match rng.below(3) {
                0 => rng.pick(EN_NOUNS),
                1 => rng.pick(EN_ADJS),
                _ => rng.pick(EN_VERBS),
            },
            LangCode::Fr => match rng.below(3) {
                0 => rng.pick(FR_NOUNS).1,
                1 => rng.pick(FR_ADJS).0,
                _ => rng.pick(FR_VERBS),
            },
        }
    }
}

// ---------------------------------------------------------------- English

const EN_NOUNS: &[&str] = &[
    "budget",
    "plan",
    "agreement",
    "investigation",
    "report",
    "proposal",
    "bill",
    "strike",
    "election",
    "deal",
    "contract",
    "reform",
    "inquiry",
    "decision",
    "project",
    "merger",
    "tax",
    "scheme",
    "policy",
    "ban",
    "review",
    "campaign",
    "ruling",
    "appeal",
    "summit",
    "programme",
    "bridge",
    "hospital",
    "railway",
    "pipeline",
    "stadium",
    "festival",
    "survey",
    "audit",
    "ceasefire",
    "settlement",
    "loan",
    "tariff",
    "subsidy",
    "vaccine",
    "curfew",
    "referendum",
    "coalition",
    "protest",
    "lawsuit",
    "shortage",
    "outbreak",
    "verdict",
    "pension",
    "licence",
];
const EN_NOUNS_PL: &[&str] = &[
    "workers",
    "residents",
    "investors",
    "voters",
    "students",
    "farmers",
    "doctors",
    "nurses",
    "teachers",
    "drivers",
    "shareholders",
    "tenants",
    "pensioners",
    "migrants",
    "fishermen",
    "councillors",
    "officers",
    "patients",
    "families",
    "shopkeepers",
    "engineers",
    "pilots",
    "volunteers",
    "retailers",
    "suppliers",
    "exporters",
    "commuters",
    "landlords",
];
const EN_ADJS: &[&str] = &[
    "new",
    "proposed",
    "controversial",
    "long-awaited",
    "revised",
    "national",
    "regional",
    "costly",
    "delayed",
    "ambitious",
    "temporary",
    "unexpected",
    "official",
    "fragile",
    "landmark",
    "modest",
    "sweeping",
    "disputed",
    "emergency",
    "local",
    "interim",
    "multi-year",
    "cross-border",
    "green",
    "digital",
    "public",
    "secret",
    "fresh",
    "draft",
    "joint",
];
const EN_VERBS: &[&str] = &[
    "approve",
    "reject",
    "review",
    "delay",
    "support",
    "oppose",
    "investigate",
    "fund",
    "expand",
    "cancel",
    "announce",
    "publish",
    "challenge",
    "defend",
    "extend",
    "suspend",
    "block",
    "renegotiate",
    "scrap",
    "finalise",
    "examine",
    "back",
    "overhaul",
    "veto",
];
const EN_PARTICIPLES: &[&str] = &[
    "approved",
    "rejected",
    "reviewed",
    "delayed",
    "backed",
    "opposed",
    "funded",
    "expanded",
    "cancelled",
    "announced",
    "published",
    "challenged",
    "extended",
    "suspended",
    "blocked",
    "scrapped",
    "examined",
    "overhauled",
];
const EN_AUX: &[&str] = &[
    "would",
    "could",
    "will",
    "had decided to",
    "was expected to",
    "planned to",
    "refused to",
    "was ready to",
    "has promised to",
    "is likely to",
    "may",
    "intends to",
    "voted to",
    "is set to",
];
const EN_REPORT: &[&str] = &[
    "said",
    "told reporters",
    "announced",
    "warned",
    "insisted",
    "confirmed",
    "argued",
    "stressed",
    "claimed",
    "acknowledged",
    "added",
    "wrote",
    "noted",
    "explained",
];
const EN_ROLES: &[&str] = &[
    "the finance minister of {PLACE}",
    "a senior official in {PLACE}",
    "the mayor of {PLACE}",
    "a spokeswoman for {ORG}",
    "the chief executive of {ORG}",
    "an economist at {ORG}",
    "a lawyer for {NUM} families",
    "the head of {ORG}",
    "a professor at {PLACE} University",
    "the governor of {PLACE}",
    "a {PLACE} police spokesman",
    "the general secretary of {ORG}",
    "an adviser to {PERSON}",
    "the opposition leader in {PLACE}",
    "a former ambassador to {PLACE}",
    "the chair of {ORG}",
];
const EN_ORGTYPES: &[&str] = &[
    "Energy Agency",
    "Port Authority",
    "Health Trust",
    "Chamber of Commerce",
    "Water Board",
    "Transport Union",
    "Football Club",
    "Trade Council",
    "Institute for Public Policy",
    "Development Bank",
    "Medical Association",
    "Farmers' Union",
    "Housing Trust",
    "Fire Service",
    "Teachers' Federation",
    "Statistics Office",
    "Airport Group",
    "Chamber of Shipping",
    "Arts Council",
    "Tenants' Association",
];
const EN_ORGADJ: &[&str] = &[
    "National",
    "Regional",
    "Federal",
    "Northern",
    "Independent",
    "Central",
    "Coastal",
    "United",
    "Southern",
    "Metropolitan",
];
const EN_WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const EN_MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const EN_ORD: &[&str] = &["second", "third", "fourth", "fifth", "first"];
const EN_DETS: &[&str] = &["the", "a", "its", "their", "this", "the", "the"];

fn en_person(rng: &mut Rng) -> String {
    if rng.chance(0.2) {
        format!(
            "{} {}. {}",
            rng.pick(EN_FIRST),
            (b'A' + rng.below(26) as u8) as char,
            rng.pick(EN_LAST)
        )
    } else {
        format!("{} {}", rng.pick(EN_FIRST), rng.pick(EN_LAST))
    }
}

fn en_org(rng: &mut Rng) -> String {
    if rng.chance(0.75) {
        format!("the {} {}", place(rng, LangCode::En), rng.pick(EN_ORGTYPES))
    } else {
        format!(
            "the {} {} of {}",
            rng.pick(EN_ORGADJ),
            rng.pick(EN_ORGTYPES),
            place(rng, LangCode::En)
        )
    }
}

fn en_np(rng: &mut Rng) -> String {
    let det = rng.pick(EN_DETS);
    let noun = rng.pick(EN_NOUNS);
    let np = if rng.chance(0.6) {
        format!("{} {}", rng.pick(EN_ADJS), noun)
    } else {
        noun.to_string()
    };
    let det = if det == "a" && np.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        det
    };
    match rng.below(5) {
        0 => format!("{det} {np} in {}", place(rng, LangCode::En)),
        1 => format!("{det} {np} worth {}", en_money(rng)),
        _ => format!("{det} {np}"),
    }
}

fn en_money(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("£{}m", rng.range(2, 950)),
        1 => format!("${}.{}bn", rng.range(1, 40), rng.below(10)),
        2 => format!("£{}.{}m", rng.range(1, 99), rng.range(1, 9)),
        _ => format!("€{}m", rng.range(5, 700)),
    }
}

fn en_role(rng: &mut Rng) -> String {
    let r = rng.pick(EN_ROLES);
    if r.contains("{PLACE}") {
        r.replace("{PLACE}", &place(rng, LangCode::En))
    } else if r.contains("{ORG}") {
        r.replace("{ORG}", &en_org(rng))
    } else if r.contains("{NUM}") {
        r.replace("{NUM}", &number(rng))
    } else {
        r.replace("{PERSON}", &en_person(rng))
    }
}

fn en_comp(rng: &mut Rng) -> String {
    match rng.below(13) {
        0 => format!("in {}", place(rng, LangCode::En)),
        1 => format!("on {}", rng.pick(EN_WEEKDAYS)),
        2 => format!(
            "before the end of {} {}",
            rng.pick(EN_MONTHS),
            rng.range(2019, 2030)
        ),
        3 => format!("after {} days of talks", rng.range(2, 40)),
        4 => format!(
            "for the {} time since {}",
            rng.pick(EN_ORD),
            rng.range(1990, 2023)
        ),
        5 => format!("despite {}", en_np(rng)),
        6 => format!("following {}", en_np(rng)),
        7 => format!("as part of {}", en_np(rng)),
        8 => format!("by {}", rng.range(2024, 2040)),
        9 => format!("within {} weeks", rng.range(2, 20)),
        10 => format!("at a cost of {}", en_money(rng)),
        11 => format!(
            "under pressure from {} in {}",
            rng.pick(EN_NOUNS_PL),
            place(rng, LangCode::En)
        ),
        _ => format!("last {}", rng.pick(EN_MONTHS)),
    }
}

fn en_vp(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(EN_VERBS), en_np(rng))
}

fn en_sentence(rng: &mut Rng) -> String {
    match rng.below(16) {
        0 => format!(
            "{}, {}, {} that {} {} {} {}.",
            en_person(rng),
            en_role(rng),
            rng.pick(EN_REPORT),
            en_org(rng),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_comp(rng)
        ),
        1 => format!(
            "{} {} {} {}, {} {}.",
            capitalise(&en_np(rng)),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_comp(rng),
            rng.pick(&["said", "according to", "wrote", "added"]),
            en_person(rng)
        ),
        2 => format!(
            "{}, {} {} {}.",
            capitalise(&en_comp(rng)),
            en_org(rng),
            rng.pick(EN_AUX),
            en_vp(rng)
        ),
        3 => format!(
            "\"We {} {} {},\" {} {}.",
            rng.pick(&["will", "cannot", "must", "do not want to", "are ready to"]),
            en_vp(rng),
            en_comp(rng),
            en_person(rng),
            rng.pick(EN_REPORT)
        ),
        4 => format!(
            "{} said {} per cent of {} in {} had {} {}.",
            capitalise(&en_org(rng)),
            rng.range(3, 97),
            rng.pick(EN_NOUNS_PL),
            place(rng, LangCode::En),
            rng.pick(EN_PARTICIPLES),
            en_np(rng)
        ),
        5 => format!(
            "About {} {} gathered {} to protest against {}.",
            number(rng),
            rng.pick(EN_NOUNS_PL),
            en_comp(rng),
            en_np(rng)
        ),
        6 => format!(
            "Figures published {} show that {} rose by {}% {}.",
            en_comp(rng),
            en_np(rng),
            rng.range(1, 60),
            en_comp(rng)
        ),
        7 => format!(
            "{} {} {} was {} and {} {}.",
            en_person(rng),
            rng.pick(EN_REPORT),
            en_np(rng),
            rng.pick(EN_ADJS),
            rng.pick(EN_AUX),
            en_vp(rng)
        ),
        8 => format!(
            "According to {}, {} {} {} {}.",
            en_org(rng),
            rng.pick(EN_NOUNS_PL),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_comp(rng)
        ),
        9 => format!(
            "{} and {} {} {}, {} {}.",
            capitalise(rng.pick(EN_NOUNS_PL)),
            rng.pick(EN_NOUNS_PL),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_person(rng),
            rng.pick(EN_REPORT)
        ),
        10 => format!(
            "Critics say {} {} {} {}.",
            en_np(rng),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_comp(rng)
        ),
        11 => format!(
            "{} {} {} {}.",
            en_person(rng),
            rng.pick(&[
                "is due to meet",
                "will meet",
                "met",
                "is expected to meet",
                "has asked to meet",
                "spoke with",
                "wrote to",
                "called",
                "has criticised",
                "praised"
            ]),
            en_role(rng),
            en_comp(rng)
        ),
        12 => format!(
            "The {} will cost {} and {} {} {}.",
            rng.pick(EN_NOUNS),
            en_money(rng),
            rng.pick(EN_AUX),
            en_vp(rng),
            en_comp(rng)
        ),
        13 => format!(
            "It is the {} time {} has {} {} {}.",
            rng.pick(EN_ORD),
            en_org(rng),
            rng.pick(EN_PARTICIPLES),
            en_np(rng),
            en_comp(rng)
        ),
        14 => format!(
            "{} declined to comment on {} {}.",
            capitalise(&en_org(rng)),
            en_np(rng),
            en_comp(rng)
        ),
        _ => format!(
            "Officials in {} said {} {} had been affected {}.",
            place(rng, LangCode::En),
            number(rng),
            rng.pick(EN_NOUNS_PL),
            en_comp(rng)
        ),
    }
}

// ---------------------------------------------------------------- French

/// (gender feminine?, noun, starts with a vowel sound?)
const FR_NOUNS: &[(bool, &str, bool)] = &[
    (false, "projet", false),
    (true, "réforme", false),
    (false, "accord", true),
    (true, "enquête", true),
    (false, "rapport", false),
    (true, "proposition", false),
    (false, "budget", false),
    (true, "grève", false),
    (true, "élection", true),
    (false, "contrat", false),
    (true, "décision", false),
    (false, "plan", false),
    (true, "fusion", false),
    (true, "taxe", false),
    (true, "loi", false),
    (false, "procès", false),
    (true, "campagne", false),
    (false, "sommet", false),
    (false, "programme", false),
    (false, "pont", false),
    (false, "hôpital", true),
    (true, "ligne ferroviaire", false),
    (false, "chantier", false),
    (false, "festival", false),
    (true, "hausse", false),
    (true, "baisse", false),
    (false, "recours", false),
    (true, "subvention", false),
    (true, "pénurie", false),
    (false, "référendum", false),
    (true, "coalition", false),
    (true, "manifestation", false),
    (false, "verdict", false),
    (true, "retraite", false),
    (false, "audit", true),
    (true, "consultation", false),
];
/// (masculine, feminine)
const FR_ADJS: &[(&str, &str)] = &[
    ("nouveau", "nouvelle"),
    ("controversé", "controversée"),
    ("attendu", "attendue"),
    ("national", "nationale"),
    ("régional", "régionale"),
    ("coûteux", "coûteuse"),
    ("ambitieux", "ambitieuse"),
    ("provisoire", "provisoire"),
    ("inattendu", "inattendue"),
    ("officiel", "officielle"),
    ("fragile", "fragile"),
    ("historique", "historique"),
    ("modeste", "modeste"),
    ("contesté", "contestée"),
    ("local", "locale"),
    ("européen", "européenne"),
    ("municipal", "municipale"),
    ("discret", "discrète"),
    ("massif", "massive"),
    ("inédit", "inédite"),
];
const FR_VERBS: &[&str] = &[
    "examiner",
    "rejeter",
    "soutenir",
    "financer",
    "reporter",
    "annoncer",
    "présenter",
    "suspendre",
    "prolonger",
    "contester",
    "défendre",
    "élargir",
    "bloquer",
    "renégocier",
    "abandonner",
    "valider",
    "relancer",
    "revoir",
];
const FR_AUX_SG: &[&str] = &[
    "devrait",
    "pourrait",
    "va",
    "entend",
    "souhaite",
    "compte",
    "doit",
    "veut",
    "refuse de",
    "a décidé de",
    "s'apprête à",
    "promet de",
];
const FR_AUX_PL: &[&str] = &[
    "devraient",
    "pourraient",
    "vont",
    "entendent",
    "souhaitent",
    "comptent",
    "doivent",
    "veulent",
    "refusent de",
    "ont décidé de",
    "s'apprêtent à",
    "promettent de",
];
const FR_REPORT: &[&str] = &[
    "déclaré",
    "affirmé",
    "annoncé",
    "indiqué",
    "assuré",
    "expliqué",
    "souligné",
    "estimé",
    "rappelé",
    "précisé",
    "confirmé",
    "averti",
    "martelé",
    "reconnu",
    "prévenu",
    "jugé",
    "répété",
    "admis",
    "regretté",
    "signalé",
    "déploré",
    "insisté",
    "fait savoir",
    "laissé entendre",
];
const FR_NOUNS_PL: &[&str] = &[
    "salariés",
    "habitants",
    "investisseurs",
    "électeurs",
    "étudiants",
    "agriculteurs",
    "médecins",
    "infirmiers",
    "enseignants",
    "chauffeurs",
    "actionnaires",
    "locataires",
    "retraités",
    "pêcheurs",
    "élus",
    "policiers",
    "patients",
    "familles",
    "commerçants",
    "ingénieurs",
    "pilotes",
    "bénévoles",
    "fournisseurs",
    "usagers",
];
const FR_ROLES: &[&str] = &[
    "l'adjoint au maire de {PLACE}",
    "une porte-parole {DE_ORG}",
    "le maire de {PLACE}",
    "la présidente {DE_ORG}",
    "un responsable syndical de {PLACE}",
    "le préfet de {PLACE}",
    "une économiste {DE_ORG}",
    "le directeur {DE_ORG}",
    "une avocate de {NUM} familles",
    "un ancien ambassadeur à {PLACE}",
    "la sénatrice de {PLACE}",
    "un conseiller de {PERSON}",
];
/// (definite article form, organisation name)
const FR_ORGS: &[(&str, &str)] = &[
    ("la", "mairie de {PLACE}"),
    ("le", "port de {PLACE}"),
    ("l'", "hôpital de {PLACE}"),
    ("la", "préfecture de {PLACE}"),
    ("le", "club de {PLACE}"),
    ("la", "chambre de commerce de {PLACE}"),
    ("le", "syndicat des transports de {PLACE}"),
    ("l'", "université de {PLACE}"),
    ("la", "région {PLACE}"),
    ("le", "conseil départemental de {PLACE}"),
    ("l'", "agence de santé de {PLACE}"),
    ("la", "fédération des agriculteurs de {PLACE}"),
    ("le", "collectif des locataires de {PLACE}"),
    ("la", "régie des eaux de {PLACE}"),
];
const FR_WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const FR_MONTHS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn fr_person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FR_FIRST), rng.pick(FR_LAST))
}

fn fr_org_parts(rng: &mut Rng) -> (&'static str, String) {
    let (art, name) = rng.pick(FR_ORGS);
    (art, name.replace("{PLACE}", &place(rng, LangCode::Fr)))
}

fn fr_org(rng: &mut Rng) -> String {
    let (art, name) = fr_org_parts(rng);
    if art == "l'" {
        format!("l'{name}")
    } else {
        format!("{art} {name}")
    }
}

fn fr_de_org(rng: &mut Rng) -> String {
    let (art, name) = fr_org_parts(rng);
    match art {
        "le" => format!("du {name}"),
        "la" => format!("de la {name}"),
        _ => format!("de l'{name}"),
    }
}

/// A noun phrase: (text, feminine).
fn fr_np(rng: &mut Rng) -> (String, bool) {
    let (fem, noun, vowel) = rng.pick(FR_NOUNS);
    let adj = if rng.chance(0.6) {
        let (m, f) = rng.pick(FR_ADJS);
        Some(if fem { f } else { m })
    } else {
        None
    };
    let det = match rng.below(4) {
        0 => {
            if fem {
                "une "
            } else {
                "un "
            }
        }
        1 => {
            if fem {
                "cette "
            } else if vowel {
                "cet "
            } else {
                "ce "
            }
        }
        _ => {
            if vowel {
                "l'"
            } else if fem {
                "la "
            } else {
                "le "
            }
        }
    };
    let mut s = format!("{det}{noun}");
    if let Some(a) = adj {
        s.push(' ');
        s.push_str(a);
    }
    match rng.below(5) {
        0 => {
            s.push_str(" de ");
            s.push_str(&place(rng, LangCode::Fr));
        }
        1 => {
            s.push_str(" de ");
            s.push_str(&fr_money(rng));
        }
        _ => {}
    }
    (s, fem)
}

fn fr_money(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{} millions d'euros", rng.range(2, 999)),
        1 => format!("{},{} millions d'euros", rng.range(1, 99), rng.range(1, 9)),
        _ => format!("{},{} milliards d'euros", rng.range(1, 40), rng.range(1, 9)),
    }
}

fn fr_role(rng: &mut Rng) -> String {
    let r = rng.pick(FR_ROLES);
    if r.contains("{PLACE}") {
        r.replace("{PLACE}", &place(rng, LangCode::Fr))
    } else if r.contains("{DE_ORG}") {
        r.replace("{DE_ORG}", &fr_de_org(rng))
    } else if r.contains("{NUM}") {
        r.replace("{NUM}", &number(rng))
    } else {
        r.replace("{PERSON}", &fr_person(rng))
    }
}

fn fr_comp(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => format!("à {}", place(rng, LangCode::Fr)),
        1 => rng.pick(FR_WEEKDAYS).to_string(),
        2 => format!("avant la fin {}", {
            let m = rng.pick(FR_MONTHS);
            if m.starts_with(['a', 'o']) {
                format!("d'{m}")
            } else {
                format!("de {m}")
            }
        }),
        3 => format!("après {} jours de négociations", rng.range(2, 40)),
        4 => format!(
            "pour la {} fois depuis {}",
            rng.pick(&["première", "deuxième", "troisième", "quatrième"]),
            rng.range(1990, 2023)
        ),
        5 => format!("malgré {}", fr_np(rng).0),
        6 => format!("dans le cadre {}", fr_de_np(rng)),
        7 => format!("d'ici {}", rng.range(2024, 2040)),
        8 => format!("dans les {} semaines", rng.range(2, 20)),
        9 => format!("pour un coût de {}", fr_money(rng)),
        10 => format!(
            "sous la pression des {} de {}",
            rng.pick(FR_NOUNS_PL),
            place(rng, LangCode::Fr)
        ),
        _ => format!("en {} dernier", rng.pick(FR_MONTHS)),
    }
}

fn fr_de_np(rng: &mut Rng) -> String {
    let (np, _) = fr_np(rng);
    if let Some(rest) = np.strip_prefix("le ") {
        format!("du {rest}")
    } else if np.starts_with("un") {
        format!("d'{np}")
    } else {
        format!("de {np}")
    }
}

fn fr_vp(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FR_VERBS), fr_np(rng).0)
}

fn fr_aux(rng: &mut Rng, plural: bool) -> String {
    let aux = if plural {
        rng.pick(FR_AUX_PL)
    } else {
        rng.pick(FR_AUX_SG)
    };
    aux.to_string()
}

/// Joins an auxiliary ending in "de"/"à" with a following verb phrase.
fn fr_aux_vp(rng: &mut Rng, plural: bool) -> String {
    let aux = fr_aux(rng, plural);
    let vp = fr_vp(rng);
    if let Some(stem) = aux.strip_suffix(" de") {
        if vp.starts_with(['a', 'e', 'é', 'i', 'o', 'u']) {
            return format!("{stem} d'{vp}");
        }
    }
    format!("{aux} {vp}")
}

fn fr_sentence(rng: &mut Rng) -> String {
    match rng.below(14) {
        0 => format!(
            "{}, {}, a {} que {} {} {}.",
            fr_person(rng),
            fr_role(rng),
            rng.pick(FR_REPORT),
            fr_org(rng),
            fr_aux_vp(rng, false),
            fr_comp(rng)
        ),
        1 => format!(
            "{} {} {}, a {} {}.",
            capitalise(&fr_np(rng).0),
            fr_aux_vp(rng, false),
            fr_comp(rng),
            rng.pick(FR_REPORT),
            fr_person(rng)
        ),
        2 => format!(
            "{}, {} {}.",
            capitalise(&fr_comp(rng)),
            fr_org(rng),
            fr_aux_vp(rng, false)
        ),
        3 => format!(
            "« Nous allons {} {} », a {} {}.",
            fr_vp(rng),
            fr_comp(rng),
            rng.pick(FR_REPORT),
            fr_person(rng)
        ),
        4 => format!(
            "Selon {}, {} {} {} {}.",
            fr_org(rng),
            number(rng),
            rng.pick(FR_NOUNS_PL),
            fr_aux_vp(rng, true),
            fr_comp(rng)
        ),
        5 => format!(
            "Environ {} {} {} {} pour protester contre {}.",
            number(rng),
            rng.pick(FR_NOUNS_PL),
            rng.pick(&[
                "se sont rassemblés",
                "ont manifesté",
                "se sont réunis",
                "ont défilé",
                "se sont mobilisés",
                "ont protesté"
            ]),
            fr_comp(rng),
            fr_np(rng).0
        ),
        6 => format!(
            "Selon les chiffres publiés {} par {}, {} a {} de {},{} %.",
            fr_comp(rng),
            fr_org(rng),
            fr_np(rng).0,
            rng.pick(&["augmenté", "baissé", "progressé", "reculé"]),
            rng.range(1, 60),
            rng.below(10)
        ),
        7 => {
            let (np, fem) = fr_np(rng);
            let (m, f) = rng.pick(FR_ADJS);
            format!(
                "{} a {} que {} était {} et {} {}.",
                fr_person(rng),
                rng.pick(FR_REPORT),
                np,
                if fem { f } else { m },
                fr_aux_vp(rng, false),
                fr_comp(rng)
            )
        }
        8 => format!(
            "Les {} et les {} {}, a {} {}.",
            rng.pick(FR_NOUNS_PL),
            rng.pick(FR_NOUNS_PL),
            fr_aux_vp(rng, true),
            rng.pick(FR_REPORT),
            fr_person(rng)
        ),
        9 => format!(
            "Pour ses détracteurs, {} {} {}.",
            fr_np(rng).0,
            fr_aux_vp(rng, false),
            fr_comp(rng)
        ),
        10 => format!(
            "{} doit rencontrer {} {}.",
            fr_person(rng),
            fr_role(rng),
            fr_comp(rng)
        ),
        11 => format!(
            "{} n'a pas souhaité commenter {} {}.",
            capitalise(&fr_org(rng)),
            fr_np(rng).0,
            fr_comp(rng)
        ),
        12 => format!(
            "À {}, {} {} ont été touchés {}.",
            place(rng, LangCode::Fr),
            number(rng),
            rng.pick(FR_NOUNS_PL),
            fr_comp(rng)
        ),
        _ => format!(
            "Il s'agit {} qui {} {}.",
            fr_de_np(rng),
            fr_aux_vp(rng, false),
            fr_comp(rng)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_look_like_sentences() {
        let mut rng = Rng::new(11);
        for lang in [LangCode::En, LangCode::Fr] {
            let g = Grammar::new(lang);
            for _ in 0..200 {
                let mut s = String::new();
                g.sentence(&mut rng, &mut s);
                let first = s.chars().next().unwrap();
                assert!(first.is_uppercase() || first == '"' || first == '«', "{s}");
                assert!(s.ends_with('.'), "{s}");
                assert!(!s.contains("  ") && !s.contains('{'), "{s}");
                assert!(s.split(' ').count() >= 5, "{s}");
            }
            assert!(!g.random_word(&mut rng).is_empty());
        }
    }
}
