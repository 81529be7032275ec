//! Word lists: speech verbs (French, English, a little German) in their
//! inflected forms, auxiliaries, pronouns, determiners, titles, role nouns
//! and the small words that end or skip a speaker phrase. All forms folded.

use std::collections::HashSet;
use std::sync::OnceLock;

/// French -er verbs of speech, as stems (folded).
const FR_ER: &[&str] = &[
    "declar", "affirm", "indiqu", "soulign", "estim", "ajout", "expliqu", "precis", "assur", "confi",
    "relat", "racont", "insist", "lanc", "lach", "martel", "gliss", "souffl", "regrett", "deplor",
    "denonc", "temoign", "annonc", "rappel", "observ", "not", "confirm", "reaffirm", "detaill",
    "avanc", "plaid", "jug", "consider", "comment", "repliqu", "retorqu", "interrog", "demand",
    "ironis", "tonn", "nuanc", "resum", "exclam", "concede", "felicit", "inquiet", "alert",
    "enchain", "protest", "clam", "proclam", "tweet", "qualifi", "repet", "jur", "constat",
    "tranch", "rassur", "indign", "emport", "accus", "menac", "ecri", "prevoi", "reconnaiss",
    "interpell", "fustig", "rejet", "dement", "mentionn", "signal", "assen", "exhort", "appel",
    "averti", "critiqu", "defend", "rapport", "precis", "temper", "lament", "insurg", "souhait",
];

/// French -ir verbs of speech (stems).
const FR_IR: &[&str] = &["avert", "reag", "rencher", "rejou", "reten"];

/// Irregular French forms.
const FR_IRREGULAR: &[&str] = &[
    "dire", "dit", "dits", "dite", "dis", "disent", "disait", "disaient", "dira", "diront",
    "dirait", "dirent", "conclure", "conclu", "conclut", "concluait", "concluent", "poursuivre",
    "poursuit", "poursuivi", "poursuivait", "poursuivent", "repondre", "repond", "repondu",
    "repondait", "repondent", "repondit", "reconnaitre", "reconnait", "reconnu", "reconnue",
    "reconnaissait", "reconnut", "admettre", "admet", "admis", "admise", "admettait", "prevenir",
    "previent", "prevenu", "prevenait", "prevint", "soutenir", "soutient", "soutenu",
    "soutenait", "promettre", "promet", "promis", "promettait", "ecrire", "ecrit", "ecrivait",
    "ecrivent", "decrire", "decrit", "decrivait", "valoir", "dementir", "dementi", "defendu",
    "defend", "maintenir", "maintient", "maintenu", "reconnaissent", "souffle", "fit",
];

/// English verbs of speech, all forms listed.
const EN: &[&str] = &[
    "say", "says", "said", "tell", "tells", "told", "add", "adds", "added", "state", "states",
    "stated", "warn", "warns", "warned", "explain", "explains", "explained", "note", "notes",
    "noted", "insist", "insists", "insisted", "argue", "argues", "argued", "claim", "claims",
    "claimed", "declare", "declares", "declared", "write", "writes", "wrote", "reply", "replies",
    "replied", "ask", "asks", "asked", "continue", "continues", "continued", "conclude",
    "concludes", "concluded", "recall", "recalls", "recalled", "admit", "admits", "admitted",
    "acknowledge", "acknowledges", "acknowledged", "announce", "announces", "announced",
    "confirm", "confirms", "confirmed", "observe", "observes", "observed", "remark", "remarks",
    "remarked", "stress", "stresses", "stressed", "emphasise", "emphasised", "emphasize",
    "emphasized", "caution", "cautions", "cautioned", "predict", "predicted", "promise",
    "promised", "tweet", "tweeted", "quip", "quipped", "complain", "complained", "chant",
    "chanted", "shout", "shouted", "suggest", "suggested", "concede", "conceded", "vow", "vowed",
    "pledge", "pledged", "urge", "urged", "deny", "denies", "denied", "describe", "described",
    "answer", "answered", "respond", "responded", "agree", "agreed", "maintain", "maintained",
    "reiterate", "reiterated", "testify", "testified", "boast", "boasted", "joke", "joked",
    "recount", "recounted", "assure", "assured", "demand", "demanded", "contend", "contended",
    "wonder", "wondered", "fume", "fumed", "posted", "sagte", "sagt", "erklarte", "betonte",
    "meinte", "warnte", "fugte",
];

/// Auxiliaries and light verbs before a participle.
const AUX: &[&str] = &[
    "a", "avait", "aura", "aurait", "ont", "avaient", "auraient", "est", "etait", "sont", "fut",
    "fait", "vient", "venait", "de", "has", "had", "have", "will", "would", "hat", "hatte",
];

pub(crate) const PRONOUNS: &[&str] = &[
    "il", "elle", "ils", "elles", "lui", "eux", "he", "she", "they", "him", "her", "them", "er",
    "sie",
];

const DETERMINERS: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "ce", "cet", "cette", "son", "sa", "ses",
    "leur", "leurs", "notre", "the", "a", "an", "his", "her", "its", "their", "der", "die", "das",
    "ein", "eine",
];

/// Capitalised words that are titles, not names.
const TITLES: &[&str] = &[
    "m", "mme", "mmes", "mlle", "me", "maitre", "mr", "mrs", "ms", "miss", "dr", "pr", "prof",
    "professor", "president", "presidente", "prime", "minister", "ministre", "secretary",
    "senator", "senateur", "governor", "colonel", "general", "captain", "capitaine", "chief",
    "police", "mayor", "judge", "sir", "lord", "lady", "foreign", "health", "transport",
    "defence", "defense", "finance", "interior", "home", "opposition", "deputy", "vice",
    "commissioner", "inspector", "sergeant", "admiral", "bishop", "king", "queen", "prince",
    "princess", "ambassador", "speaker", "rep", "sen", "gov", "premier", "monsieur", "madame",
    "saint", "sheikh", "cheikh", "imam", "pope", "pape", "general", "lieutenant", "major",
    "union", "labour", "state", "attorney", "justice", "trainer", "burgermeisterin",
    "burgermeister", "trainerin", "chancellor", "chancelier",
];

/// Words that cannot start or continue a name.
const NOT_NAMES: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "en", "au", "aux",
    "the", "a", "an", "and", "of", "in", "on", "at", "to", "for", "selon", "pour", "dans", "sur",
    "mais", "ce", "cette", "cet", "c", "il", "elle", "ils", "elles", "nous", "vous", "je", "on",
    "we", "i", "you", "he", "she", "they", "it", "this", "that", "these", "those", "but", "if",
    "when", "as", "after", "before", "while", "according", "since", "with", "by", "from", "avec",
    "par", "depuis", "apres", "avant", "lors", "quand", "si", "comme", "alors", "ainsi",
    "cependant", "pourtant", "enfin", "puis", "ensuite", "interroge", "interrogee", "asked",
    "speaking", "der", "die", "das", "und", "qu", "que", "qui", "who", "what", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "janvier",
    "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
    "novembre", "decembre", "reply", "reponse", "correction", "oui", "non", "yes", "no", "notons",
    "d'autant", "rien", "tout", "toute", "tous", "great", "article", "tres", "very", "bravo",
];

/// Prepositions that end a speaker phrase (complements of the verb).
const STOP_PREPS: &[&str] = &[
    "a", "au", "aux", "dans", "lors", "devant", "pendant", "avant", "apres", "sur", "des",
    "depuis", "chez", "avec", "sous", "to", "in", "at", "on", "during", "after", "before", "with",
    "from", "as", "about", "via", "par", "by", "en", "while", "when", "outside", "inside",
    "near", "into", "am", "nach", "beim", "im", "vor",
];

/// Time and manner words skipped between a verb and its inverted subject.
const SKIP_ADVERBS: &[&str] = &[
    "encore", "ainsi", "aussi", "egalement", "alors", "ensuite", "enfin", "deja", "hier",
    "aujourd", "hui", "en", "outre", "effet", "pourtant", "meme", "bien", "toutefois",
    "cependant", "plus", "tard", "tot", "then", "also", "later", "earlier", "again", "today",
    "yesterday", "simply", "firmly", "bluntly", "repeatedly", "previously", "recently", "still",
    "on", "dernier", "derniere", "prochain", "prochaine", "passe", "passee", "last", "next",
    "this", "soir", "matin", "midi", "apres", "publiquement", "aussitot", "immediatement",
    "volontiers", "sobrement", "simplement", "notamment", "surtout", "justement", "d", "ailleurs",
    "t", "am", "dann", "auch", "noch",
];

const TIME_NOUNS: &[&str] = &[
    "semaine", "veille", "lendemain", "matin", "soir", "mois", "annee", "an", "jour", "nuit",
    "week", "weekend", "month", "year", "day", "morning", "evening", "night", "afternoon",
    "apres", "midi", "fois", "time", "montag", "dienstag",
];

/// Role nouns that refer back to the last person mentioned, whoever it is.
const ANAPHORIC_ROLES: &[&str] = &[
    "responsable", "specialiste", "analyste", "expert", "experte", "elu", "elue", "technicien",
    "technicienne", "ingenieur", "ingenieure", "scientifique", "officier", "ecrivain",
    "ecrivaine", "diplomate", "dirigeant", "dirigeante", "oratrice", "orateur", "interesse",
    "interessee", "latter", "official", "officer", "chercheur", "chercheuse", "homme", "femme",
    "sportif", "sportive", "militaire", "haut", "fonctionnaire", "ancien", "ancienne",
    "intervenant", "intervenante", "universitaire", "economiste", "politologue",
];

/// Role nouns that are people (a definite role NP can be resolved when an
/// earlier person has this role).
const PERSON_ROLES: &[&str] = &[
    "ministre", "porte", "parole", "president", "presidente", "maire", "directeur", "directrice",
    "general", "colonel", "senateur", "senatrice", "depute", "deputee", "avocat", "avocate",
    "procureur", "procureure", "juge", "entraineur", "chef", "secretaire", "ambassadeur",
    "ambassadrice", "militant", "syndicaliste", "enqueteur", "enquetrice", "journaliste",
    "romancier", "romanciere", "realisateur", "realisatrice", "medecin", "professeur",
    "navigatrice", "navigateur", "prefet", "conseiller", "conseillere", "vice", "minister",
    "spokesman", "spokeswoman", "spokesperson", "colonel", "senator", "mayor", "director",
    "chief", "president", "analyst", "economist", "researcher", "scientist", "author", "writer",
    "coach", "prosecutor", "judge", "lawyer", "governor", "secretary", "chairman", "chairwoman",
    "manager", "leader", "engineer", "doctor", "professor", "ambassador", "diplomat", "general",
    "commander", "envoye", "envoy", "premier", "adjoint", "adjointe", "gouverneur",
    "commandant", "patron", "patronne", "presidente", "geologue", "officier", "coordinateur",
];

/// Nouns before a quoted title ("le livre « … »", "Operation \"…\"").
const TITLE_NOUNS: &[&str] = &[
    "livre", "roman", "film", "documentaire", "emission", "serie", "album", "operation",
    "chanson", "spectacle", "piece", "essai", "ouvrage", "recueil", "exposition", "journal",
    "magazine", "intitule", "intitulee", "intitules", "baptise", "baptisee", "nomme", "nommee",
    "surnomme", "surnommee", "book", "novel", "memoir", "documentary", "show", "series", "song",
    "play", "titled", "entitled", "dubbed", "nicknamed", "exhibition", "newspaper", "programme",
    "program", "campaign", "campagne", "plan", "hashtag", "slogan", "mot", "word", "term",
    "terme", "expression", "label", "marque", "brand", "rubrique", "column", "podcast", "blog",
    "site", "festival", "opus", "titre", "title", "novel", "poem", "poeme", "painting", "tableau",
];

fn set(lists: &[&'static [&'static str]]) -> HashSet<&'static str> {
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

struct Lex {
    verbs: HashSet<String>,
    aux: HashSet<&'static str>,
    pronouns: HashSet<&'static str>,
    det: HashSet<&'static str>,
    titles: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
    stop_preps: HashSet<&'static str>,
    skip: HashSet<&'static str>,
    time: HashSet<&'static str>,
    anaphoric: HashSet<&'static str>,
    person: HashSet<&'static str>,
    title_nouns: HashSet<&'static str>,
}

fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(|| {
        let mut verbs: HashSet<String> = HashSet::new();
        for s in FR_ER {
            let soft_g = s.ends_with('g');
            for suf in [
                "er", "e", "es", "ent", "ons", "ez", "ait", "aient", "a", "erent", "era", "eront",
                "erait", "ee", "ees", "ant",
            ] {
                let suf = if soft_g && (suf.starts_with('a') || suf.starts_with('o')) {
                    format!("e{suf}")
                } else {
                    suf.to_string()
                };
                verbs.insert(format!("{s}{suf}"));
            }
            if s.ends_with('l') || s.ends_with('t') {
                let last = &s[s.len() - 1..];
                verbs.insert(format!("{s}{last}e"));
                verbs.insert(format!("{s}{last}ent"));
            }
        }
        for s in FR_IR {
            for suf in ["ir", "i", "it", "issait", "issent", "irent", "ira", "ie"] {
                verbs.insert(format!("{s}{suf}"));
            }
        }
        for w in FR_IRREGULAR.iter().chain(EN) {
            verbs.insert((*w).to_string());
        }
        // Words that look like verb forms but are mostly something else.
        for w in ["note", "notes", "a", "not", "appel", "plaid", "signal", "rapport", "reponse"] {
            verbs.remove(w);
        }
        Lex {
            verbs,
            aux: set(&[AUX]),
            pronouns: set(&[PRONOUNS]),
            det: set(&[DETERMINERS]),
            titles: set(&[TITLES]),
            not_names: set(&[NOT_NAMES]),
            stop_preps: set(&[STOP_PREPS]),
            skip: set(&[SKIP_ADVERBS]),
            time: set(&[TIME_NOUNS]),
            anaphoric: set(&[ANAPHORIC_ROLES]),
            person: set(&[PERSON_ROLES]),
            title_nouns: set(&[TITLE_NOUNS]),
        }
    })
}

pub(crate) fn is_verb(w: &str) -> bool {
    lex().verbs.contains(w)
}
pub(crate) fn is_aux(w: &str) -> bool {
    lex().aux.contains(w)
}
pub(crate) fn is_pronoun(w: &str) -> bool {
    lex().pronouns.contains(w)
}
pub(crate) fn is_det(w: &str) -> bool {
    lex().det.contains(w)
}
pub(crate) fn is_title(w: &str) -> bool {
    lex().titles.contains(w)
}
pub(crate) fn is_not_name(w: &str) -> bool {
    lex().not_names.contains(w)
}
pub(crate) fn is_stop_prep(w: &str) -> bool {
    lex().stop_preps.contains(w)
}
pub(crate) fn is_skip(w: &str) -> bool {
    lex().skip.contains(w) || is_day_or_month(w) || w.chars().all(|c| c.is_ascii_digit())
}
pub(crate) fn is_time_noun(w: &str) -> bool {
    lex().time.contains(w) || is_day_or_month(w)
}
pub(crate) fn is_anaphoric_role(w: &str) -> bool {
    lex().anaphoric.contains(w)
}
pub(crate) fn is_person_role(w: &str) -> bool {
    lex().person.contains(w)
}
pub(crate) fn is_title_noun(w: &str) -> bool {
    lex().title_nouns.contains(w)
}
pub(crate) fn is_day_or_month(w: &str) -> bool {
    const DM: &[&str] = &[
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "janvier", "fevrier",
        "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
        "decembre", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december",
    ];
    DM.contains(&w)
}
