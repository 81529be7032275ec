//! Cross-document template lines: lines that recur in many documents of one
//! site or outlet (menus, footers, banners, "most read" lists) are furniture.

use std::collections::{HashMap, HashSet};

/// Line document frequencies for one site, built from many of its documents.
#[derive(Debug, Clone, Default)]
pub struct SiteTemplates {
    docs: u32,
    df: HashMap<u64, u32>,
}

/// Key of a line: lower-cased, whitespace collapsed, bullets and edge
/// punctuation trimmed. `None` for lines too short to say anything.
fn line_key(line: &str) -> Option<u64> {
    let t = line.trim().trim_matches(|c: char| !c.is_alphanumeric());
    if t.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    let mut buf = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !buf.is_empty() {
            buf.push(' ');
        }
        if w.is_ascii() {
            buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            buf.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    Some(xxhash_rust::xxh3::xxh3_64(buf.as_bytes()))
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

    /// Counts each distinct line of `text` once.
    pub fn add_document(&mut self, text: &str) {
        self.docs += 1;
        let keys: HashSet<u64> = text.lines().filter_map(line_key).collect();
        for k in keys {
            *self.df.entry(k).or_insert(0) += 1;
        }
    }

    /// Number of documents seen.
    pub fn documents(&self) -> usize {
        self.docs as usize
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
        if self.docs < 3 {
            return false;
        }
        let f = self.line_frequency(line) as u32;
        let words = line.split_whitespace().count();
        let min = if words > 40 {
            (self.docs / 2).max(3)
        } else {
            (self.docs / 50).max(3)
        };
        f >= min
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
}
