//! What the readers yield: [`Item::Doc`] for text and JSON lines inputs,
//! [`Item::Page`] for raw web pages (HTML files, WARC responses) that the
//! cleaner turns into documents later.

use echotrace_core::Document;

/// What the readers yield: a document (text and JSON lines inputs) or a raw
/// web page to be cleaned (`.html`/`.htm` files, WARC `response` records).
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A ready document: its text is used as given.
    Doc(Document),
    /// A web page as found, to be decoded and cleaned.
    Page(Page),
}

impl Item {
    /// The document's or the page's id.
    pub fn id(&self) -> &str {
        match self {
            Item::Doc(d) => &d.id,
            Item::Page(p) => &p.id,
        }
    }

    /// The document, if this is one.
    pub fn as_doc(&self) -> Option<&Document> {
        match self {
            Item::Doc(d) => Some(d),
            Item::Page(_) => None,
        }
    }

    /// The page, if this is one.
    pub fn as_page(&self) -> Option<&Page> {
        match self {
            Item::Doc(_) => None,
            Item::Page(p) => Some(p),
        }
    }
}

impl From<Document> for Item {
    fn from(d: Document) -> Self {
        Item::Doc(d)
    }
}

impl From<Page> for Item {
    fn from(p: Page) -> Self {
        Item::Page(p)
    }
}

/// A web page as found: an `.html`/`.htm` file or a WARC `response` record
/// with an HTML payload. The bytes are undecoded (any charset).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The file stem for `.html` files (as [`crate::file_stem_id`]); the
    /// `WARC-Target-URI` for WARC records (or `<file name>#<record>` for a
    /// response record without one).
    pub id: String,
    /// The path of the file, as given or as found while walking a folder
    /// (for WARC records too: the record number is in [`Page::record`]).
    pub origin: String,
    /// The 1-based number of the record in its WARC file (every record type
    /// counted); `None` for HTML files.
    pub record: Option<u64>,
    /// `WARC-Target-URI` (without surrounding `<` `>`); `None` for HTML files.
    pub url: Option<String>,
    /// `WARC-Date` as given (ISO 8601; the crawl time, not the publication
    /// date); `None` for HTML files.
    pub crawl_date: Option<String>,
    /// The `charset` parameter of the HTTP `Content-Type` header, lower-cased,
    /// when present; `None` for HTML files (the cleaner sniffs the page).
    pub charset: Option<String>,
    /// The HTML payload: the file's bytes, or the HTTP body with the headers
    /// removed, de-chunked and decompressed (`Content-Encoding: gzip` or
    /// `deflate`).
    pub bytes: Vec<u8>,
}
