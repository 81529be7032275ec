//! The clean stage as the pipeline runs it: turns what ingest read (text
//! records and raw web pages) into documents ready to index, with the body to
//! trace, the metadata found in the text, the comments and the removed page
//! furniture kept aside.
//!
//! Plain text keeps its text exactly as given: the body is a list of spans of
//! it, so every offset still points into what the user gave. A web page's
//! text is the text extracted from its HTML (one block per line), and the
//! body is a list of spans of that.
//!
//! Lines that recur across pages of the same site (templates) are found with
//! per-site line statistics that grow as the run reads more pages; each
//! batch first adds its own pages to the statistics, then cleans them. The
//! statistics (and each site's settled language) are saved in the store at
//! the end of the reading and loaded by the next run, which starts from them.

use echotrace_clean::{
    clean_html_with_charset, clean_text_keyed, CleanOptions, Cleaned, SiteTemplates,
};
use echotrace_core::model::Document;
use echotrace_ingest::{IngestError, Item, Page};
use echotrace_store::CleanMeta;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The identity of an input item: its id and a hash of the input as given
/// (the text of a record, the bytes of a page).
pub fn identity(item: &Item) -> (String, String) {
    match item {
        Item::Doc(d) => (d.id.clone(), hash_bytes(d.text.as_bytes())),
        Item::Page(p) => (p.id.clone(), hash_bytes(&p.bytes)),
    }
}

/// Where an item came from, as (file, line or record).
pub fn origin(item: &Item) -> (String, Option<String>) {
    match item {
        Item::Doc(d) => split_origin(d.origin.as_deref().unwrap_or(&d.id)),
        Item::Page(p) => (p.origin.clone(), p.record.map(|r| format!("record {r}"))),
    }
}

/// Input size in bytes.
pub fn size(item: &Item) -> usize {
    match item {
        Item::Doc(d) => d.text.len(),
        Item::Page(p) => p.bytes.len(),
    }
}

/// Content hash (xxh3-128, hex).
pub fn hash_bytes(b: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(b))
}

/// Splits "path:17" into ("path", Some("17")).
pub fn split_origin(origin: &str) -> (String, Option<String>) {
    match origin.rsplit_once(':') {
        Some((p, l)) if !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()) => {
            (p.to_string(), Some(l.to_string()))
        }
        _ => (origin.to_string(), None),
    }
}

/// What is kept aside in the store's `cleaning` column (JSON).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Aside {
    /// Removed lines: `[begin, end, reason]`.
    pub furniture: Vec<(usize, usize, String)>,
    pub comments: Vec<AsideComment>,
    /// Where the date came from, when it was found in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
}

/// One reader comment.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AsideComment {
    pub begin: usize,
    pub end: usize,
    pub depth: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Stretches of the comment that copy the article body (a quote inside
    /// the page, not reuse between outlets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes_article: Vec<AsideQuote>,
}

/// A stretch of a comment copying the article: both spans as
/// `[begin, end]` character offsets into the document's text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AsideQuote {
    pub comment: (usize, usize),
    pub body: (usize, usize),
    pub words: usize,
}

fn reason_name(r: &echotrace_clean::Reason) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{r:?}").to_lowercase())
}

fn aside(c: &Cleaned) -> Aside {
    Aside {
        furniture: c
            .furniture
            .iter()
            .map(|f| (f.span.begin, f.span.end, reason_name(&f.reason)))
            .collect(),
        comments: c
            .comments
            .iter()
            .map(|m| AsideComment {
                begin: m.span.begin,
                end: m.span.end,
                depth: m.depth,
                parent: m.parent,
                author: m.author.clone(),
                date: m.date.as_ref().map(|d| d.value.clone()),
                quotes_article: m
                    .quotes_article
                    .iter()
                    .map(|q| AsideQuote {
                        comment: (q.comment.begin, q.comment.end),
                        body: (q.body.begin, q.body.end),
                        words: q.words,
                    })
                    .collect(),
            })
            .collect(),
        date_source: c.date.as_ref().map(|d| d.source.clone()),
    }
}

fn precision_name(c: &Cleaned) -> Option<String> {
    c.date.as_ref().map(|d| {
        serde_json::to_value(d.precision)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_else(|| format!("{:?}", d.precision).to_lowercase())
    })
}

fn meta_of(c: &Cleaned, format: &str) -> CleanMeta {
    CleanMeta {
        format: format.to_string(),
        body: Some(c.body.clone()),
        date_precision: precision_name(c),
        lang: c.language.as_ref().map(|l| (l.code.clone(), l.confidence)),
        author: c.author.clone(),
        site: c.site.clone(),
        cleaning: serde_json::to_string(&aside(c)).ok(),
    }
}

/// The host of a URL (`https://www.example.org/a` → `www.example.org`).
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|x| x.1).unwrap_or(url);
    let h = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .split(':')
        .next()?;
    (!h.is_empty()).then(|| h.to_lowercase())
}

/// A language detected (not taken from the site) on a document of a site:
/// (site, code, confidence), to teach the site its language.
type Detection = (String, String, f64);

/// Cleans one text record. Fields given in the record win over what the
/// text says; what the record lacks is filled from the text.
fn clean_doc(
    mut d: Document,
    opts: &CleanOptions,
    templates: Option<&SiteTemplates>,
    line_keys: Option<&[Option<u64>]>,
) -> (Document, CleanMeta, Option<Detection>) {
    let c = clean_text_keyed(&d.text, opts, templates, line_keys);
    let detection = match (Templates::key_of(&d), &c.language) {
        (Some(site), Some(l)) if !l.from_site => {
            Some((site.to_string(), l.code.clone(), l.confidence))
        }
        _ => None,
    };
    let mut meta = meta_of(&c, "text");
    if d.title.is_none() {
        d.title = c.title.clone();
    }
    if d.date.is_none() {
        d.date = c.date.as_ref().map(|x| x.value.clone());
    } else {
        meta.date_precision = None;
    }
    (d, meta, detection)
}

/// Cleans one web page into a document.
fn clean_page(p: Page, opts: &CleanOptions) -> Result<(Document, CleanMeta), IngestError> {
    let c = clean_html_with_charset(&p.bytes, p.url.as_deref(), p.charset.as_deref(), opts)
        .map_err(|reason| IngestError {
            origin: p.origin.clone(),
            location: p.record.map(|r| format!("record {r}")),
            reason,
        })?;
    let meta = meta_of(&c, "html");
    let url = p.url.clone().or_else(|| c.url.clone());
    let mut extra = serde_json::Map::new();
    if let Some(cd) = &p.crawl_date {
        extra.insert("crawl_date".into(), serde_json::Value::String(cd.clone()));
    }
    let series = c.site.clone().or_else(|| url.as_deref().and_then(host));
    let origin = match p.record {
        Some(r) => format!("{}:record {r}", p.origin),
        None => p.origin.clone(),
    };
    let doc = Document {
        id: p.id,
        text: c.text,
        series,
        date: c.date.as_ref().map(|d| d.value.clone()),
        url,
        title: c.title,
        extra,
        origin: Some(origin),
    };
    Ok((doc, meta))
}

/// Per-site statistics: template lines and settled languages.
#[derive(Default)]
pub struct Templates {
    sites: HashMap<String, SiteTemplates>,
}

impl Templates {
    /// What earlier runs learnt, from the store's `site_templates`.
    pub fn load(store: &echotrace_store::Store) -> anyhow::Result<Templates> {
        let mut sites = HashMap::new();
        for row in store.load_site_templates()? {
            let mut t = SiteTemplates::import(row.docs, row.lines);
            if let Some(langs) = row
                .langs
                .as_deref()
                .and_then(|j| serde_json::from_str(j).ok())
            {
                t.set_languages(langs);
            }
            sites.insert(row.site, t);
        }
        Ok(Templates { sites })
    }

    /// Saves every site's statistics to the store (sorted by site), for
    /// the next run to start from.
    pub fn save(&self, store: &mut echotrace_store::Store) -> anyhow::Result<()> {
        let mut rows: Vec<echotrace_store::SiteTemplatesRow> = self
            .sites
            .iter()
            .map(|(site, t)| {
                let (docs, lines) = t.export();
                echotrace_store::SiteTemplatesRow {
                    site: site.clone(),
                    docs,
                    lines,
                    langs: serde_json::to_string(t.languages()).ok(),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.site.cmp(&b.site));
        store.save_site_templates(&rows)
    }

    fn key(item: &Item) -> Option<String> {
        match item {
            Item::Doc(d) => Templates::key_of(d).map(str::to_string),
            Item::Page(_) => None,
        }
    }

    /// The site whose statistics a text record counts in and uses.
    fn key_of(d: &Document) -> Option<&str> {
        d.series.as_deref().filter(|s| !s.is_empty())
    }
}

/// A record after the clean stage, or why it was rejected.
type CleanResult = Result<(Document, CleanMeta), IngestError>;

/// Cleans a batch in parallel (pages always; text records when `enabled`).
/// The output is in the batch's order; a page that cannot be read gives an
/// error in its place.
pub fn clean_batch(
    items: Vec<Item>,
    templates: &mut Templates,
    opts: &CleanOptions,
    enabled: bool,
) -> Vec<Result<(Document, CleanMeta), IngestError>> {
    // The line keys of each text with a site, in parallel; counted in the
    // batch's order, then used again by the cleaning.
    let keys: Vec<Option<Vec<Option<u64>>>> = if enabled {
        items
            .par_iter()
            .map(|item| match (Templates::key(item), item) {
                (Some(_), Item::Doc(d)) => Some(SiteTemplates::line_keys(&d.text)),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    for (item, k) in items.iter().zip(&keys) {
        if let (Some(site), Some(k)) = (Templates::key(item), k) {
            templates.sites.entry(site).or_default().add_line_keys(k);
        }
    }
    let sites = &templates.sites;
    let mut keys = keys.into_iter();
    let with_keys: Vec<(Item, Option<Vec<Option<u64>>>)> = items
        .into_iter()
        .map(|item| (item, keys.next().flatten()))
        .collect();
    let out: Vec<(CleanResult, Option<Detection>)> = with_keys
        .into_par_iter()
        .map(|(item, keys)| match item {
            Item::Doc(d) if enabled => {
                let t = Templates::key_of(&d).and_then(|s| sites.get(s));
                let (d, meta, detection) = clean_doc(d, opts, t, keys.as_deref());
                (Ok((d, meta)), detection)
            }
            Item::Doc(d) => (
                Ok((
                    d,
                    CleanMeta {
                        format: "text".into(),
                        ..CleanMeta::default()
                    },
                )),
                None,
            ),
            Item::Page(p) => (clean_page(p, opts), None),
        })
        .collect();
    // Languages detected in this batch teach their sites, in the batch's
    // order (the next batches may then skip detection).
    out.into_iter()
        .map(|(r, detection)| {
            if let Some((site, code, confidence)) = detection {
                if let Some(t) = templates.sites.get_mut(&site) {
                    t.note_language(&code, confidence);
                }
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.Example.org/a/b?x"),
            Some("www.example.org".into())
        );
        assert_eq!(
            host("http://user@news.test:8080/"),
            Some("news.test".into())
        );
        assert_eq!(host(""), None);
    }

    #[test]
    fn origins() {
        assert_eq!(
            split_origin("a/b.jsonl:17"),
            ("a/b.jsonl".into(), Some("17".into()))
        );
        assert_eq!(split_origin("c:/x.txt"), ("c:/x.txt".into(), None));
    }

    #[test]
    fn a_dump_keeps_its_text_and_loses_its_furniture() {
        let text = "Accueil | Monde | Sport | Culture\n\nLe conseil municipal a voté lundi la construction d'un pont sur la rivière, un projet attendu depuis vingt ans par les habitants du quartier nord.\n\nPartager sur Facebook\n";
        let doc = Document {
            id: "d".into(),
            text: text.into(),
            ..Default::default()
        };
        let out = clean_batch(
            vec![Item::Doc(doc)],
            &mut Templates::default(),
            &CleanOptions::default(),
            true,
        );
        let (d, meta) = out.into_iter().next().unwrap().unwrap();
        assert_eq!(d.text, text, "the text is kept as given");
        let body = meta.body.unwrap();
        let body_text: String = body
            .iter()
            .map(|s| echotrace_core::normalise::slice_chars(text, s.begin, s.end))
            .collect();
        assert!(body_text.contains("conseil municipal"), "{body_text}");
        assert!(!body_text.contains("Partager"), "{body_text}");
        assert!(!body_text.contains("Accueil"), "{body_text}");
    }
}
