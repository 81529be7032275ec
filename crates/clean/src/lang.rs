//! Language identification (whatlang) with ISO 639-1 codes, and short
//! stop-word lists for the stop-word density signal of the line classifier.

use std::collections::HashSet;
use std::sync::OnceLock;

/// ISO 639-3 (whatlang) → ISO 639-1.
fn iso1(code3: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("epo", "eo"),
        ("eng", "en"),
        ("rus", "ru"),
        ("cmn", "zh"),
        ("spa", "es"),
        ("por", "pt"),
        ("ita", "it"),
        ("ben", "bn"),
        ("fra", "fr"),
        ("deu", "de"),
        ("ukr", "uk"),
        ("kat", "ka"),
        ("ara", "ar"),
        ("hin", "hi"),
        ("jpn", "ja"),
        ("heb", "he"),
        ("yid", "yi"),
        ("pol", "pl"),
        ("amh", "am"),
        ("jav", "jv"),
        ("kor", "ko"),
        ("nob", "nb"),
        ("dan", "da"),
        ("swe", "sv"),
        ("fin", "fi"),
        ("tur", "tr"),
        ("nld", "nl"),
        ("hun", "hu"),
        ("ces", "cs"),
        ("ell", "el"),
        ("bul", "bg"),
        ("bel", "be"),
        ("mar", "mr"),
        ("kan", "kn"),
        ("ron", "ro"),
        ("slv", "sl"),
        ("hrv", "hr"),
        ("srp", "sr"),
        ("mkd", "mk"),
        ("lit", "lt"),
        ("lav", "lv"),
        ("est", "et"),
        ("tam", "ta"),
        ("vie", "vi"),
        ("urd", "ur"),
        ("tha", "th"),
        ("guj", "gu"),
        ("uzb", "uz"),
        ("pan", "pa"),
        ("aze", "az"),
        ("ind", "id"),
        ("tel", "te"),
        ("pes", "fa"),
        ("mal", "ml"),
        ("ori", "or"),
        ("mya", "my"),
        ("nep", "ne"),
        ("sin", "si"),
        ("khm", "km"),
        ("tuk", "tk"),
        ("aka", "ak"),
        ("zul", "zu"),
        ("sna", "sn"),
        ("afr", "af"),
        ("lat", "la"),
        ("slk", "sk"),
        ("cat", "ca"),
        ("tgl", "tl"),
        ("hye", "hy"),
        ("cym", "cy"),
    ];
    MAP.iter().find(|(a, _)| *a == code3).map(|(_, b)| *b)
}

/// Detects the language of `text` (at most its first 3,000 characters):
/// ISO 639-1 code and whatlang's confidence in 0..1.
pub fn detect_language(text: &str) -> Option<(String, f64)> {
    // Six hundred characters are plenty for a news text's language, and
    // detection time grows with the sample.
    let sample: String = text.chars().take(600).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let info = whatlang::detect(&sample)?;
    let code = iso1(info.lang().code())
        .map(str::to_string)
        .unwrap_or_else(|| info.lang().code().to_string());
    Some((code, info.confidence()))
}

/// The most frequent function words of a language (ISO 639-1), lower case.
fn stopword_list(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with",
            "as", "he", "she", "by", "at", "from", "his", "her", "they", "be", "this", "have",
            "has", "had", "are", "were", "which", "an", "or", "not", "but", "their", "its", "been",
            "who", "will", "would", "said", "after", "also", "than", "there", "about", "into",
            "more", "we", "our", "can", "when", "one", "all", "out", "up", "no", "if", "so",
            "what",
        ],
        "fr" => &[
            "le", "la", "les", "de", "des", "du", "un", "une", "et", "à", "en", "dans", "que",
            "qui", "pour", "par", "sur", "au", "aux", "est", "pas", "ne", "ce", "cette", "il",
            "elle", "ils", "se", "sont", "a", "ont", "avec", "plus", "son", "sa", "ses", "leur",
            "leurs", "mais", "ou", "été", "être", "comme", "nous", "vous", "on", "y", "l", "d",
            "qu", "n", "s", "c", "lui", "tout", "aussi", "selon", "entre",
        ],
        "de" => &[
            "der", "die", "das", "und", "in", "den", "von", "zu", "mit", "ist", "im", "des", "dem",
            "nicht", "ein", "eine", "auf", "für", "sich", "es", "auch", "als", "an", "er", "sie",
            "wir", "ich", "dass", "wie", "bei", "nach", "aus", "einer", "eines", "einem", "werden",
            "wird", "wurde", "hat", "haben", "sind", "war", "oder", "aber", "noch", "um", "so",
            "nur", "vor", "zum", "zur", "über", "mehr", "kann",
        ],
        "es" => &[
            "de", "la", "que", "el", "en", "y", "a", "los", "se", "del", "las", "un", "por", "con",
            "no", "una", "su", "para", "es", "al", "lo", "como", "más", "pero", "sus", "le", "ya",
            "o", "fue", "este", "ha", "sí", "porque", "esta", "son", "entre", "cuando", "muy",
            "sin", "sobre", "también", "me", "hasta", "hay", "donde", "quien", "desde", "todo",
            "nos", "durante", "uno", "ni", "contra", "ese", "eso",
        ],
        "it" => &[
            "di", "e", "il", "la", "che", "a", "in", "per", "un", "è", "non", "del", "della", "le",
            "i", "si", "con", "una", "da", "al", "dei", "alla", "sono", "anche", "come", "più",
            "ha", "lo", "gli", "nel", "nella", "delle", "ma", "questo", "o", "su", "se", "suo",
            "sua", "era", "stato", "essere", "tra", "dopo", "ci", "loro", "degli", "quando",
        ],
        "pt" => &[
            "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma",
            "os", "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele",
            "das", "tem", "à", "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já",
            "está", "eu", "também", "só", "pelo", "pela", "até", "isso", "ela", "entre",
        ],
        "ru" => &[
            "и",
            "в",
            "не",
            "на",
            "что",
            "с",
            "по",
            "как",
            "а",
            "к",
            "это",
            "из",
            "у",
            "о",
            "за",
            "от",
            "для",
            "он",
            "она",
            "они",
            "так",
            "но",
            "же",
            "бы",
            "то",
            "все",
            "его",
            "ее",
            "их",
            "был",
            "была",
            "были",
            "быть",
            "при",
            "до",
            "также",
            "уже",
            "или",
            "если",
            "только",
            "может",
            "во",
            "со",
            "этого",
            "этот",
            "этом",
            "мы",
            "вы",
            "есть",
        ],
        "pl" => &[
            "i", "w", "na", "z", "się", "że", "do", "nie", "to", "jest", "o", "jak", "a", "od",
            "po", "ale", "przez", "za", "co", "jego", "tym", "dla", "czy", "tak", "są", "być",
            "był", "była", "ich", "oraz", "ze", "przy", "już", "jako",
        ],
        "nl" => &[
            "de", "het", "een", "en", "van", "in", "is", "op", "te", "dat", "die", "voor", "met",
            "zijn", "niet", "aan", "er", "om", "ook", "als", "bij", "door", "maar", "naar", "dan",
            "nog", "wordt", "werd", "heeft", "hij", "zij", "ze",
        ],
        _ => &[],
    }
}

fn stopword_set(lang: &str) -> Option<&'static HashSet<&'static str>> {
    type Sets = Vec<(&'static str, HashSet<&'static str>)>;
    static SETS: OnceLock<Sets> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        ["en", "fr", "de", "es", "it", "pt", "ru", "pl", "nl"]
            .iter()
            .map(|l| (*l, stopword_list(l).iter().copied().collect()))
            .collect()
    });
    sets.iter().find(|(l, _)| *l == lang).map(|(_, s)| s)
}

/// Whether stop-word lists exist for this language.
pub fn has_stopwords(lang: &str) -> bool {
    stopword_set(lang).is_some()
}

/// Share of the words of `line` that are stop words of `lang` (0 when the
/// language has no list). Elided forms (`l’`, `d'`) count as stop words.
pub fn stopword_density(line: &str, lang: &str) -> f64 {
    let Some(set) = stopword_set(lang) else {
        return 0.0;
    };
    let mut n = 0usize;
    let mut hits = 0usize;
    for raw in line.split(|c: char| c.is_whitespace() || c == '’' || c == '\'') {
        let w: String = raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(|c| c.to_lowercase())
            .collect();
        if w.is_empty() {
            continue;
        }
        n += 1;
        if set.contains(w.as_str()) {
            hits += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        hits as f64 / n as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_french_and_german() {
        let (l, c) = detect_language(
            "La porte-parole a souligné que les avions avaient effectué des vols au-dessus de la région pendant la nuit.",
        )
        .unwrap();
        assert_eq!(l, "fr");
        assert!(c > 0.0);
        let (l, _) =
            detect_language("Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln ab Januar gelten sollen.")
                .unwrap();
        assert_eq!(l, "de");
        assert!(detect_language("12 34").is_none());
    }

    #[test]
    fn density() {
        let d = stopword_density("Le ministre a dit que la situation est grave", "fr");
        assert!(d > 0.4, "{d}");
        assert!(stopword_density("Facebook Twitter LinkedIn", "fr") < 0.01);
        assert_eq!(stopword_density("anything", "xx"), 0.0);
    }
}
