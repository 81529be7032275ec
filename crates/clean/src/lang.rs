//! Language identification (whatlang) with ISO 639-1 codes, and short
//! stop-word lists for the stop-word density signal of the line classifier.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
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

/// Characters of a text that language detection reads: six hundred are
/// plenty for a news text's language, and detection time grows with them.
pub const LANG_SAMPLE_CHARS: usize = 600;

/// Detects the language of `text` (its first [`LANG_SAMPLE_CHARS`] characters):
/// ISO 639-1 code and whatlang's confidence in 0..1.
pub fn detect_language(text: &str) -> Option<(String, f64)> {
    let sample: String = text.chars().take(LANG_SAMPLE_CHARS).collect();
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

/// The stop words of a language with the byte length of the longest one.
struct StopWords {
    lang: &'static str,
    set: HashSet<&'static str, BuildHasherDefault<Fnv>>,
    max_len: usize,
}

/// FNV-1a: stop words are a few bytes long, where SipHash is slow.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

fn stopword_set(lang: &str) -> Option<&'static StopWords> {
    static SETS: OnceLock<Vec<StopWords>> = OnceLock::new();
    let sets = SETS.get_or_init(|| {
        ["en", "fr", "de", "es", "it", "pt", "ru", "pl", "nl"]
            .iter()
            .map(|l| StopWords {
                lang: l,
                set: stopword_list(l).iter().copied().collect(),
                max_len: stopword_list(l).iter().map(|w| w.len()).max().unwrap_or(0),
            })
            .collect()
    });
    sets.iter().find(|s| s.lang == lang)
}

/// Whether stop-word lists exist for this language.
pub fn has_stopwords(lang: &str) -> bool {
    stopword_set(lang).is_some()
}

/// Calls `f` for every word of `line` (a piece between whitespace and
/// apostrophes that has letters): with its letters lower-cased when they
/// are at most `max_len` bytes, with `None` for a longer word.
fn each_word(line: &str, max_len: usize, mut f: impl FnMut(Option<&str>)) {
    let mut w = String::with_capacity(max_len + 4);
    let mut letters = false;
    let mut too_long = false;
    let mut end = |w: &mut String, letters: &mut bool, too_long: &mut bool| {
        if *letters {
            f(if *too_long { None } else { Some(w.as_str()) });
        }
        w.clear();
        *letters = false;
        *too_long = false;
    };
    for c in line.chars() {
        if c.is_whitespace() || c == '’' || c == '\'' {
            end(&mut w, &mut letters, &mut too_long);
        } else if c.is_alphabetic() {
            letters = true;
            if !too_long {
                if c.is_ascii() {
                    w.push(c.to_ascii_lowercase());
                } else {
                    w.extend(c.to_lowercase());
                }
                too_long = w.len() > max_len;
            }
        }
    }
    end(&mut w, &mut letters, &mut too_long);
}

/// Share of the words of `line` that are stop words of `lang` (0 when the
/// language has no list). Elided forms (`l’`, `d'`) count as stop words.
/// A word is its letters, lower-cased; pieces without letters are not words.
pub fn stopword_density(line: &str, lang: &str) -> f64 {
    let Some(sw) = stopword_set(lang) else {
        return 0.0;
    };
    let mut n = 0usize;
    let mut hits = 0usize;
    each_word(line, sw.max_len, |w| {
        n += 1;
        if w.is_some_and(|w| sw.set.contains(w)) {
            hits += 1;
        }
    });
    if n == 0 {
        0.0
    } else {
        hits as f64 / n as f64
    }
}

/// The languages with stop-word lists.
const STOP_LANGS: [&str; 9] = ["en", "fr", "de", "es", "it", "pt", "ru", "pl", "nl"];

/// Every stop word with the languages (bits over `STOP_LANGS`) it belongs to.
type StopBits = HashMap<&'static str, u16, BuildHasherDefault<Fnv>>;

fn stopword_bits() -> &'static (StopBits, usize) {
    static BITS: OnceLock<(StopBits, usize)> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut m = StopBits::default();
        let mut max_len = 0;
        for (i, l) in STOP_LANGS.iter().enumerate() {
            for w in stopword_list(l) {
                *m.entry(*w).or_insert(0u16) |= 1 << i;
                max_len = max_len.max(w.len());
            }
        }
        (m, max_len)
    })
}

/// Whether `text` reads as `lang` by its stop words alone: it has at least
/// 20 words, at least a fifth of them are stop words of `lang`, and no
/// other language with a list comes within two thirds of that share.
/// Used to confirm a site's settled language without running detection.
pub fn reads_as(text: &str, lang: &str) -> bool {
    let Some(me) = STOP_LANGS.iter().position(|l| *l == lang) else {
        return false;
    };
    let (bits, max_len) = stopword_bits();
    let mut n = 0usize;
    let mut hits = [0usize; STOP_LANGS.len()];
    each_word(text, *max_len, |w| {
        n += 1;
        if let Some(b) = w.and_then(|w| bits.get(w)) {
            for (i, h) in hits.iter_mut().enumerate() {
                if b & (1 << i) != 0 {
                    *h += 1;
                }
            }
        }
    });
    let mine = hits[me];
    n >= 20
        && mine * 5 >= n
        && hits
            .iter()
            .enumerate()
            .all(|(i, &h)| i == me || h * 3 < mine * 2)
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
    fn reads_as_by_stop_words() {
        let fr = "Le conseil municipal a voté lundi la construction d'un pont sur la rivière, \
                  un projet attendu depuis vingt ans par les habitants du quartier nord de la ville.";
        assert!(reads_as(fr, "fr"));
        assert!(!reads_as(fr, "en"));
        assert!(!reads_as(fr, "es"));
        let en =
            "The council voted on Monday to build a bridge over the river, a project that the \
                  people of the northern district have been waiting for since the war.";
        assert!(reads_as(en, "en"));
        assert!(!reads_as(en, "fr"));
        assert!(!reads_as("Le pont est beau.", "fr"), "too few words");
        assert!(!reads_as(fr, "xx"));
    }

    #[test]
    fn density() {
        let d = stopword_density("Le ministre a dit que la situation est grave", "fr");
        assert!(d > 0.4, "{d}");
        assert!(stopword_density("Facebook Twitter LinkedIn", "fr") < 0.01);
        assert_eq!(stopword_density("anything", "xx"), 0.0);
    }
}
