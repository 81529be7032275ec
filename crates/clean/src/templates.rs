//! What the cleaner learns about one site or outlet across its documents:
//! template lines (lines that recur in many of its documents: menus,
//! footers, banners, "most read" lists are furniture) and its settled
//! language (so its documents need not all go through language detection).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that are already uniform 64-bit hashes (line keys).
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// Line document frequencies for one site, built from many of its
/// documents, and the languages detected on them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteTemplates {
    docs: u32,
    df: KeyMap,
    langs: BTreeMap<String, LangCount>,
}

/// Language detections (whatlang) on one site's documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LangCount {
    /// Documents detected in the language.
    pub docs: u32,
    /// Of those, detected with a confidence of at least
    /// [`SETTLED_MIN_CONFIDENCE`].
    pub confident: u32,
    /// The lowest confidence among the confident ones (1.0 when none).
    pub min_confidence: f64,
}

/// A site's language is settled once this many of its documents were
/// detected in it with confidence …
pub const SETTLED_MIN_DOCS: u32 = 5;
/// … of at least this, and they are nine in ten of its detected documents.
pub const SETTLED_MIN_CONFIDENCE: f64 = 0.9;

thread_local! {
    static KEY_BUF: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Key of a line: lower-cased, whitespace collapsed, bullets and edge
/// punctuation trimmed. `None` for lines too short to say anything.
pub fn line_key(line: &str) -> Option<u64> {
    let t = line.trim().trim_matches(|c: char| !c.is_alphanumeric());
    // `t` starts and ends with a letter or digit: two characters or more
    // means two letters or digits or more.
    t.chars().nth(1)?;
    KEY_BUF.with(|b| {
        let mut buf = b.borrow_mut();
        buf.clear();
        // Bytes, not `String`: ASCII is pushed byte by byte, other
        // characters as their lower-case UTF-8.
        let mut space = false;
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                if crate::furniture::is_ascii_space(b) {
                    space = true;
                    continue;
                }
                if space {
                    buf.push(b' ');
                    space = false;
                }
                buf.push(b.to_ascii_lowercase());
            } else {
                let Some(c) = t[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                if c.is_whitespace() {
                    space = true;
                    continue;
                }
                if space {
                    buf.push(b' ');
                    space = false;
                }
                for l in c.to_lowercase() {
                    let mut tmp = [0u8; 4];
                    buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
                }
            }
        }
        Some(xxhash_rust::xxh3::xxh3_64(&buf))
    })
}

impl SiteTemplates {
    pub fn new() -> SiteTemplates {
        SiteTemplates::default()
    }

    /// Builds the statistics from the texts of one site.
    pub fn from_texts<'a, I: IntoIterator<Item = &'a str>>(texts: I) -> SiteTemplates {
        let mut t = SiteTemplates::new();
        for s in texts {
            t.add_document(s);
        }
        t
    }

    /// The distinct line keys of a text, sorted (what [`add_document`]
    /// counts); computing them is the costly part and needs no `&mut`, so
    /// callers can do it in parallel and then call [`add_keys`].
    ///
    /// [`add_document`]: SiteTemplates::add_document
    /// [`add_keys`]: SiteTemplates::add_keys
    pub fn document_keys(text: &str) -> Vec<u64> {
        let mut keys: Vec<u64> = text.lines().filter_map(line_key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The key of every line of `text` (split at `\n`, as the text
    /// cleaner splits it), `None` for lines too short to count.
    pub fn line_keys(text: &str) -> Vec<Option<u64>> {
        text.split('\n').map(line_key).collect()
    }

    /// Counts one document given the keys of its lines
    /// ([`SiteTemplates::line_keys`]; each distinct key once).
    pub fn add_line_keys(&mut self, keys: &[Option<u64>]) {
        let mut k: Vec<u64> = keys.iter().flatten().copied().collect();
        k.sort_unstable();
        k.dedup();
        self.add_keys(&k);
    }

    /// Counts one document given its distinct line keys (see
    /// [`SiteTemplates::document_keys`]).
    pub fn add_keys(&mut self, keys: &[u64]) {
        self.docs = self.docs.saturating_add(1);
        self.df.reserve(keys.len());
        for &k in keys {
            let e = self.df.entry(k).or_insert(0);
            *e = e.saturating_add(1);
        }
    }

    /// Counts each distinct line of `text` once.
    pub fn add_document(&mut self, text: &str) {
        self.add_keys(&SiteTemplates::document_keys(text));
    }

    /// Number of documents seen.
    pub fn documents(&self) -> usize {
        self.docs as usize
    }

    /// Number of distinct lines counted.
    pub fn distinct_lines(&self) -> usize {
        self.df.len()
    }

    /// In how many documents the line occurs.
    pub fn line_frequency(&self, line: &str) -> usize {
        line_key(line)
            .and_then(|k| self.df.get(&k))
            .copied()
            .unwrap_or(0) as usize
    }

    /// Whether the line recurs across the site's documents: in at least 3
    /// documents and 2% of them; long lines (over 40 words) must occur in
    /// half of the documents, so repeated article text is not mistaken for a
    /// template.
    pub fn is_template(&self, line: &str) -> bool {
        if self.docs < 3 || self.df.is_empty() {
            return false;
        }
        self.is_template_keyed(line_key(line), line)
    }

    /// [`SiteTemplates::is_template`] of a line whose key is known.
    pub fn is_template_keyed(&self, key: Option<u64>, line: &str) -> bool {
        if self.docs < 3 {
            return false;
        }
        let f = key.and_then(|k| self.df.get(&k)).copied().unwrap_or(0);
        if f < 3 {
            return false;
        }
        let short_min = (self.docs / 50).max(3);
        let long_min = (self.docs / 2).max(3);
        if f >= short_min.max(long_min) {
            return true;
        }
        if f < short_min.min(long_min) {
            return false;
        }
        let words = line.split_whitespace().count();
        f >= if words > 40 { long_min } else { short_min }
    }

    /// Counts a language detection (by whatlang, not taken from the site) on
    /// one of the site's documents.
    pub fn note_language(&mut self, code: &str, confidence: f64) {
        let e = self.langs.entry(code.to_string()).or_insert(LangCount {
            min_confidence: 1.0,
            ..LangCount::default()
        });
        e.docs = e.docs.saturating_add(1);
        if confidence >= SETTLED_MIN_CONFIDENCE {
            e.confident = e.confident.saturating_add(1);
            e.min_confidence = e.min_confidence.min(confidence);
        }
    }

    /// The site's settled language, with the lowest confidence it was
    /// detected with: at least [`SETTLED_MIN_DOCS`] documents detected in
    /// it with confidence [`SETTLED_MIN_CONFIDENCE`] or more, making nine
    /// in ten of the site's detected documents.
    pub fn settled_language(&self) -> Option<(&str, f64)> {
        let total: u64 = self.langs.values().map(|c| u64::from(c.docs)).sum();
        self.langs
            .iter()
            .find(|(_, c)| {
                c.confident >= SETTLED_MIN_DOCS && u64::from(c.confident) * 10 >= total * 9
            })
            .map(|(l, c)| (l.as_str(), c.min_confidence))
    }

    /// The language detections counted, by language code.
    pub fn languages(&self) -> &BTreeMap<String, LangCount> {
        &self.langs
    }

    /// Restores counts saved from [`SiteTemplates::languages`].
    pub fn set_languages(&mut self, langs: BTreeMap<String, LangCount>) {
        self.langs = langs;
    }

    /// The statistics as (line key, document count) pairs sorted by key,
    /// with the number of documents: what a store keeps between runs.
    pub fn export(&self) -> (u32, Vec<(u64, u32)>) {
        let mut v: Vec<(u64, u32)> = self.df.iter().map(|(&k, &n)| (k, n)).collect();
        v.sort_unstable();
        (self.docs, v)
    }

    /// Statistics saved by [`SiteTemplates::export`].
    pub fn import<I: IntoIterator<Item = (u64, u32)>>(docs: u32, lines: I) -> SiteTemplates {
        let mut df = KeyMap::default();
        for (k, n) in lines {
            let e = df.entry(k).or_insert(0);
            *e = e.saturating_add(n);
        }
        SiteTemplates {
            docs,
            df,
            langs: BTreeMap::new(),
        }
    }

    /// Adds another site's statistics (two runs, or two halves of a run).
    pub fn merge(&mut self, other: &SiteTemplates) {
        self.docs = self.docs.saturating_add(other.docs);
        for (&k, &n) in &other.df {
            let e = self.df.entry(k).or_insert(0);
            *e = e.saturating_add(n);
        }
        for (l, c) in &other.langs {
            let e = self.langs.entry(l.clone()).or_insert(LangCount {
                min_confidence: 1.0,
                ..LangCount::default()
            });
            e.docs = e.docs.saturating_add(c.docs);
            e.confident = e.confident.saturating_add(c.confident);
            e.min_confidence = e.min_confidence.min(c.min_confidence);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_lines_are_templates() {
        let pages: Vec<String> = (0..5)
            .map(|i| format!("Home | News | Sport\nArticle number {i} says something new.\n© 2024 The Outlet\n"))
            .collect();
        let t = SiteTemplates::from_texts(pages.iter().map(|s| s.as_str()));
        assert_eq!(t.documents(), 5);
        assert!(t.is_template("Home | News | Sport"));
        assert!(t.is_template("  © 2024 the outlet "));
        assert!(!t.is_template("Article number 2 says something new."));
        let two = SiteTemplates::from_texts(pages.iter().take(2).map(|s| s.as_str()));
        assert!(!two.is_template("Home | News | Sport"));
    }

    /// The key as first written: words lower-cased and joined by one space.
    fn plain_key(line: &str) -> Option<u64> {
        let t = line.trim().trim_matches(|c: char| !c.is_alphanumeric());
        if t.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return None;
        }
        let words: Vec<String> = t.split_whitespace().map(|w| w.to_lowercase()).collect();
        Some(xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes()))
    }

    #[test]
    fn key_folds_case_and_spaces_only() {
        for l in [
            "Home | News | Sport",
            "  ÉTÉ\u{a0}\u{a0}2024 —  Été 2024 ",
            "«\tÀ LA UNE\t»",
            "a",
            " -- x -- ",
            "xy",
            "a\u{b}b c\u{c}d\re",
            "Ünïcödé   ΣΟΦΊΑ  straße",
            "",
        ] {
            assert_eq!(line_key(l), plain_key(l), "{l:?}");
        }
        assert_eq!(line_key("Home  |  NEWS"), line_key("home | news"));
        assert_ne!(line_key("Home | News"), line_key("Home | Sport"));
    }

    #[test]
    fn line_keys_count_like_documents() {
        let text = "Menu\r\nA line\n\nMenu\n";
        let mut a = SiteTemplates::new();
        a.add_line_keys(&SiteTemplates::line_keys(text));
        assert_eq!(a, SiteTemplates::from_texts([text]));
        assert_eq!(a.line_frequency("menu"), 1);
    }

    #[test]
    fn long_repeated_lines_need_half_of_the_pages() {
        let long = "mot ".repeat(45);
        let mut t = SiteTemplates::new();
        for i in 0..10 {
            if i < 4 {
                t.add_document(&format!("{long}\nligne {i}"));
            } else {
                t.add_document(&format!("autre {i}"));
            }
        }
        assert!(!t.is_template(&long), "4 of 10 pages is not half");
        t.add_document(&long);
        assert!(t.is_template(&long), "5 of 11 pages reaches 11 / 2");
    }

    #[test]
    fn settled_language() {
        let mut t = SiteTemplates::new();
        for _ in 0..4 {
            t.note_language("fr", 1.0);
        }
        assert_eq!(t.settled_language(), None, "four documents are not enough");
        t.note_language("fr", 0.95);
        assert_eq!(t.settled_language(), Some(("fr", 0.95)));
        t.note_language("fr", 0.2);
        assert_eq!(
            t.settled_language(),
            None,
            "5 confident of 6 is under 9 in 10"
        );
        for _ in 0..4 {
            t.note_language("fr", 1.0);
        }
        assert_eq!(t.settled_language(), Some(("fr", 0.95)), "9 of 10");
        let mut mixed = SiteTemplates::new();
        for _ in 0..6 {
            mixed.note_language("fr", 1.0);
            mixed.note_language("en", 1.0);
        }
        assert_eq!(
            mixed.settled_language(),
            None,
            "a bilingual site never settles"
        );
    }

    #[test]
    fn export_import_merge() {
        let pages = ["A menu line\nbody one", "A menu line\nbody two"];
        let a = SiteTemplates::from_texts(pages);
        let (docs, lines) = a.export();
        assert_eq!(docs, 2);
        let back = SiteTemplates::import(docs, lines.clone());
        assert_eq!(back, a);
        let mut m = back.clone();
        m.merge(&SiteTemplates::from_texts(["A menu line\nbody three"]));
        assert_eq!(m.documents(), 3);
        assert_eq!(m.line_frequency("a MENU line"), 3);
        assert!(m.is_template("A menu line"));
        assert!(!a.is_template("A menu line"));
    }
}
