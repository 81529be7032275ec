//! Built-in word lists we wrote ourselves: stop words per language (fr, en,
//! es, it, nl, de, ru transliterated), the known aliases of countries and
//! organisations across languages, honorifics and titles to drop from names,
//! and the markers of a critical stance towards a claim.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Languages with a stop-word list.
pub const LANGUAGES: [&str; 7] = ["fr", "en", "es", "it", "nl", "de", "ru"];

const STOP_FR: &str = "a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y ete etait etaient est sont ont avait avaient sera seront etre avoir fait faire plus moins tres aussi comme donc alors ainsi apres avant depuis entre selon sans sous vers chez dont lors tout tous toute toutes autre autres deja encore jamais toujours si non oui bien peu quand comment pourquoi cela ceci celui celle ceux leurs cinq deux trois quatre dix mardi lundi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre ans an annee hier aujourd hui dernier derniere premier premiere selon a-t-il ce sont pu doit peut aurait auraient serait seraient notamment ailleurs contre";
const STOP_EN: &str = "a an the and or but if of to in on at by for with from as is are was were be been being has have had do does did not no yes it its this that these those he she they them his her their we our you your i me my mr mrs ms dr which who whom what when where why how than then there here also just only more most less very so such can could will would shall should may might must about after before over under into out up down off again said says say told according while during since until between against all any both each few other some own same too one two three four five ten monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december year years last first new";
const STOP_ES: &str = "el la los las un una unos unas y o pero de del al a en con por para sin sobre entre hasta desde como que quien cual cuando donde es son era fue fueron ser estar esta estan ha han habia se su sus le les lo no si mas muy ya tambien este esta estos estas ese esa esos esas eso otro otra otros otras todo todos toda todas segun dijo enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes miercoles jueves viernes sabado domingo ano anos millones";
const STOP_IT: &str = "il lo la i gli le un uno una e o ma di del della dei delle degli al alla ai alle a da in con su per tra fra che chi cui come quando dove e sono era erano stato stata essere ha hanno aveva si suo sua suoi sue non piu molto anche gia questo questa questi queste quello quella tutto tutti secondo ha detto gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunedi martedi mercoledi giovedi venerdi sabato domenica anno anni milioni miliardi";
const STOP_NL: &str = "de het een en of maar van in op aan met voor door bij uit over tot naar als dat die dit deze wie wat waar wanneer hoe is zijn was waren wordt worden werd heeft hebben had er niet geen wel ook nog al meer zeer zo om te hij zij ze hun haar wij we ik je u volgens zei januari februari maart april mei juni juli augustus september oktober november december maandag dinsdag woensdag donderdag vrijdag zaterdag zondag jaar jaren miljoen miljard";
const STOP_DE: &str = "der die das den dem des ein eine einer eines einem einen und oder aber von zu im in am an auf mit fur bei aus uber nach vor durch als dass wie wer was wo wann ist sind war waren wird werden wurde hat haben hatte nicht kein keine auch noch schon mehr sehr so sich er sie es wir ihr sein seine ihre laut sagte januar februar marz april mai juni juli august september oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonntag jahr jahre millionen milliarden";
const STOP_RU: &str = "i v vo ne na s so chto kak a no ili k ko po ot do iz za o ob u zhe by li eto etot eta eti tot ta te on ona oni ego ee ikh my vy ya byl byla bylo byli budet est takzhe tolko uzhe eshche pri dlya bez pod nad mezhdu cherez posle";

fn parse(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Stop words of one language (folded), or `None` for a language without a list.
pub fn stop_words(lang: &str) -> Option<&'static [&'static str]> {
    static LISTS: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let mut v = vec![
            ("fr", parse(STOP_FR)),
            ("en", parse(STOP_EN)),
            ("es", parse(STOP_ES)),
            ("it", parse(STOP_IT)),
            ("nl", parse(STOP_NL)),
            ("de", parse(STOP_DE)),
            ("ru", parse(STOP_RU)),
        ];
        for (_, l) in &mut v {
            l.sort_unstable();
            l.dedup();
        }
        v
    });
    lists
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, v)| v.as_slice())
}

/// True when `w` (folded) is a stop word of `lang`.
pub fn is_stop(lang: &str, w: &str) -> bool {
    // Hash sets of the lists (this is called several times per word).
    type Set = std::collections::HashSet<&'static str>;
    static SETS: OnceLock<Vec<(&'static str, Set)>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|l| (*l, stop_words(l).unwrap_or(&[]).iter().copied().collect()))
            .collect()
    });
    sets.iter()
        .find(|(l, _)| *l == lang)
        .is_some_and(|(_, set)| set.contains(w))
}

/// True when `w` is a stop word of any language we know (used to keep
/// sentence-initial capitals such as "The", "Les", "Dans" out of names).
pub fn is_stop_any(w: &str) -> bool {
    LANGUAGES.iter().any(|l| is_stop(l, w))
}

/// Guesses the language of folded words by stop-word counts among the
/// languages we know; `None` when too few stop words are found.
pub fn guess_language<'a>(words: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    let mut counts = [0usize; LANGUAGES.len()];
    let mut n = 0usize;
    for w in words.take(2000) {
        n += 1;
        for (i, l) in LANGUAGES.iter().enumerate() {
            if is_stop(l, w) {
                counts[i] += 1;
            }
        }
    }
    let (best, &c) = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    if c >= 3 && c * 10 >= n {
        Some(LANGUAGES[best])
    } else {
        None
    }
}

/// Known names across languages: canonical key, then its variants (folded,
/// words separated by spaces). Our own table; countries, organisations and
/// the adjectives that stand for them.
const ALIASES: &[(&str, &[&str])] = &[
    (
        "usa",
        &[
            "etats unis",
            "etats unis d amerique",
            "united states",
            "united states of america",
            "usa",
            "us",
            "u s",
            "estados unidos",
            "eeuu",
            "ee uu",
            "stati uniti",
            "verenigde staten",
            "vereinigte staaten",
            "ssha",
            "soedinennye shtaty",
            "washington",
            "americain",
            "americaine",
            "americains",
            "americaines",
            "american",
            "americans",
            "americano",
            "americana",
            "americanos",
            "americani",
            "amerikaanse",
            "amerikaans",
            "amerikanische",
            "amerikanischen",
            "amerikanskii",
            "amerique",
            "america",
            "amerika",
        ],
    ),
    (
        "russia",
        &[
            "russie",
            "russia",
            "rusia",
            "rusland",
            "russland",
            "rossiia",
            "rossiya",
            "rossii",
            "federation de russie",
            "russian federation",
            "moscou",
            "moscow",
            "moscu",
            "mosca",
            "moskou",
            "moskau",
            "moskva",
            "moskvy",
            "kremlin",
            "russe",
            "russes",
            "russian",
            "russians",
            "ruso",
            "rusa",
            "rusos",
            "russo",
            "russa",
            "russi",
            "russische",
            "russisch",
            "rossiiskii",
            "rossiiskoi",
        ],
    ),
    (
        "isis",
        &[
            "daech",
            "daesh",
            "isis",
            "isil",
            "is",
            "ei",
            "etat islamique",
            "l etat islamique",
            "islamic state",
            "estado islamico",
            "stato islamico",
            "islamitische staat",
            "islamischer staat",
            "igil",
            "ig",
        ],
    ),
    (
        "nato",
        &[
            "otan",
            "nato",
            "navo",
            "alliance atlantique",
            "atlantic alliance",
            "alianza atlantica",
        ],
    ),
    (
        "un",
        &[
            "onu",
            "un",
            "nations unies",
            "united nations",
            "naciones unidas",
            "nazioni unite",
            "verenigde naties",
            "vereinte nationen",
            "oon",
        ],
    ),
    (
        "eu",
        &[
            "ue",
            "eu",
            "union europeenne",
            "european union",
            "union europea",
            "unione europea",
            "europese unie",
            "europaische union",
            "evrosoiuz",
            "es",
            "bruxelles",
            "brussels",
            "bruselas",
            "bruxelles",
            "brussel",
        ],
    ),
    (
        "ukraine",
        &[
            "ukraine",
            "ukraina",
            "ucrania",
            "ucraina",
            "oekraine",
            "ukrainy",
            "ukraine",
            "kiev",
            "kyiv",
            "kiiv",
            "ukrainien",
            "ukrainienne",
            "ukrainiens",
            "ukrainian",
            "ukrainians",
            "ucraniano",
            "ucraino",
            "oekraiens",
            "ukrainskii",
        ],
    ),
    (
        "afghanistan",
        &[
            "afghanistan",
            "afganistan",
            "afghan",
            "afghane",
            "afghans",
            "afghanes",
            "afgano",
            "afghano",
        ],
    ),
    (
        "syria",
        &[
            "syrie", "syria", "siria", "syrie", "syrien", "sirii", "sirija", "syrienne", "syrian",
            "sirio",
        ],
    ),
    (
        "georgia",
        &[
            "georgie",
            "georgia",
            "georgien",
            "gruziia",
            "georgien",
            "georgienne",
            "georgiens",
            "georgian",
            "georgiano",
        ],
    ),
    (
        "france",
        &[
            "france",
            "francia",
            "frankrijk",
            "frankreich",
            "frantsiia",
            "francais",
            "francaise",
            "french",
        ],
    ),
    (
        "germany",
        &[
            "allemagne",
            "germany",
            "alemania",
            "germania",
            "duitsland",
            "deutschland",
            "germaniia",
            "allemand",
            "allemande",
            "german",
        ],
    ),
    (
        "spain",
        &[
            "espagne",
            "spain",
            "espana",
            "spagna",
            "spanje",
            "spanien",
            "ispaniia",
            "espagnol",
            "espagnole",
            "spanish",
        ],
    ),
    (
        "china",
        &[
            "chine", "china", "cina", "kitai", "chinois", "chinoise", "chinese",
        ],
    ),
    (
        "turkey",
        &[
            "turquie", "turkey", "turkiye", "turquia", "turchia", "turkije", "turkei", "turtsiia",
            "turc", "turque", "turkish",
        ],
    ),
    ("iran", &["iran", "iranien", "iranienne", "iranian"]),
    ("iraq", &["irak", "iraq", "irakien", "iraqi"]),
    (
        "uk",
        &[
            "royaume uni",
            "united kingdom",
            "reino unido",
            "regno unito",
            "verenigd koninkrijk",
            "vereinigtes konigreich",
            "britain",
            "great britain",
            "grande bretagne",
            "london",
            "londres",
            "britannique",
            "british",
        ],
    ),
    (
        "pentagon",
        &["pentagone", "pentagon", "pentagono", "pentagon"],
    ),
    (
        "taliban",
        &[
            "taliban",
            "talibans",
            "taleb",
            "talib",
            "talibanes",
            "talebani",
            "taliby",
        ],
    ),
    (
        "al-qaeda",
        &["al qaida", "al qaeda", "al qaida", "al kaida"],
    ),
    (
        "ecb",
        &[
            "bce",
            "ecb",
            "ezb",
            "banque centrale europeenne",
            "european central bank",
            "banco central europeo",
            "banca centrale europea",
            "europese centrale bank",
        ],
    ),
    (
        "who",
        &[
            "oms",
            "who",
            "organisation mondiale de la sante",
            "world health organization",
        ],
    ),
    (
        "black-sea",
        &[
            "mer noire",
            "black sea",
            "mar negro",
            "mar nero",
            "zwarte zee",
            "schwarzes meer",
            "chernoe more",
        ],
    ),
    (
        "chile",
        &["chili", "chile", "cile", "chilien", "chilienne", "chilean"],
    ),
    ("rhine", &["rhin", "rhine", "rhein", "rijn", "reno"]),
];

/// Canonical key of a known name (folded words separated by spaces).
pub fn alias(folded: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for (canon, vars) in ALIASES {
            for v in *vars {
                m.entry(*v).or_insert(*canon);
            }
        }
        m
    })
    .get(folded)
    .copied()
}

/// The longest alias variant length in words (phrase lookups stop there).
pub const MAX_ALIAS_WORDS: usize = 5;

/// Titles and honorifics dropped from the front of a name.
pub fn is_title(w: &str) -> bool {
    matches!(
        w,
        "m" | "mm"
            | "mr"
            | "mrs"
            | "ms"
            | "mme"
            | "mlle"
            | "dr"
            | "gen"
            | "general"
            | "president"
            | "presidente"
            | "senator"
            | "senateur"
            | "minister"
            | "ministre"
            | "mayor"
            | "maire"
            | "farmer"
            | "generale"
            | "generaal"
            | "herr"
            | "frau"
            | "sir"
            | "lord"
            | "saint"
            | "st"
            | "le"
            | "la"
            | "les"
            | "the"
            | "el"
            | "il"
            | "de"
            | "het"
    )
}

/// Critical markers: folded word sequences with their strength (2 strong:
/// the text says the claim is false or unproven; 1: distance, doubt).
pub const CRITICAL_MARKERS: &[(&str, u32)] = &[
    ("aucune preuve", 2),
    ("sans preuve", 2),
    ("sans preuves", 2),
    ("pas de preuve", 2),
    ("ne repose sur aucune", 2),
    ("theorie du complot", 2),
    ("complotiste", 2),
    ("complotistes", 2),
    ("infox", 2),
    ("fausse information", 2),
    ("fausses informations", 2),
    ("c est faux", 2),
    ("ceci est faux", 2),
    ("est faux", 2),
    ("intox", 2),
    ("no evidence", 2),
    ("not supported by any evidence", 2),
    ("without evidence", 2),
    ("conspiracy theory", 2),
    ("conspiracy theories", 2),
    ("debunked", 2),
    ("this is false", 2),
    ("is false", 2),
    ("fake news", 2),
    ("baseless", 2),
    ("unfounded", 2),
    ("disinformation", 1),
    ("misinformation", 1),
    ("desinformation", 1),
    ("propagande", 1),
    ("propaganda", 1),
    ("pretendu", 1),
    ("pretendue", 1),
    ("pretendus", 1),
    ("pretendument", 1),
    ("soi disant", 1),
    ("selon certains", 1),
    ("rumeur", 1),
    ("rumeurs", 1),
    ("rumour", 1),
    ("rumor", 1),
    ("allegedly", 1),
    ("alleged", 1),
    ("so called", 1),
    ("sous entendus", 1),
    ("sous entendu", 1),
    ("insinue", 1),
    ("smear", 1),
    ("sin pruebas", 2),
    ("ninguna prueba", 2),
    ("teoria de la conspiracion", 2),
    ("bulo", 2),
    ("nessuna prova", 2),
    ("teoria del complotto", 2),
    ("geen bewijs", 2),
    ("complottheorie", 2),
    ("keine beweise", 2),
    ("verschworungstheorie", 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_aliases() {
        assert!(is_stop("fr", "les"));
        assert!(is_stop("en", "the"));
        assert!(!is_stop("en", "nato"));
        assert_eq!(alias("etats unis"), Some("usa"));
        assert_eq!(alias("daech"), Some("isis"));
        assert_eq!(alias("ssha"), Some("usa"));
        assert_eq!(alias("otan"), alias("nato"));
        assert_eq!(
            guess_language("le chat est dans la maison et il dort".split(' ')),
            Some("fr")
        );
        assert_eq!(guess_language("xyz qqq".split(' ')), None);
    }
}
