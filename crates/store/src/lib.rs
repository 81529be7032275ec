//! echotrace-store: the embedded SQLite store.
//!
//! One database file holds the documents as given (text, metadata, passed
//! through fields), their fingerprints (so that later runs match new
//! documents against them without re-reading the old ones), the aligned
//! passage pairs, the passages and the reuse clusters. The schema is
//! documented in README.md and is meant to be queried with `sqlite3`.
//!
//! The database runs in WAL mode: a reader (a report, a server) can read it
//! while a trace writes. Every batch of documents is committed on its own, and
//! a document leaves the `pending` table only in the transaction that stores its
//! clusters, so a run killed at any point leaves a database that opens and
//! that the next run completes.

use anyhow::{bail, Context, Result};
use echotrace_core::model::{CharSpan, Document};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde_json::Value;
use std::path::Path;

mod provenance;
mod quotes;
mod stories;
pub use provenance::{OutletRecord, PassageAlignment, ProvenanceDoc, ProvenanceRow};
pub use quotes::{
    DocQuoteRows, GroupMemberRow, GroupQuote, LinkableQuote, QuoteGroupRow, QuoteListRow, QuoteRow,
    QuoteSource,
};
pub use stories::{
    ClaimMatchRow, ClaimRow, NarrativeRow, StanceRow, StoriesWrite, StoryDocEntry, StoryRow,
    StorySource,
};

/// Version of the schema below, kept in `meta.schema_version`.
/// 4: `site_templates` (stores of version 3 are migrated on open).
/// 5: `quotes`, `quote_groups`, `quotes_done` (issue 5), `outlets`,
/// `doc_outlets`, `provenance` (issue 4); stores of version 3 and 4 gain the
/// new, empty tables on open.
/// 6: `stories`, `narratives`, `doc_stances`, `claims`, `claim_matches`,
/// `story_index` (issue 6); stores of version 3 to 5 gain them on open.
pub const SCHEMA_VERSION: i64 = 6;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id   INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    params   TEXT NOT NULL,
    stats    TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    doc_key      INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    series       TEXT,
    date         TEXT,
    url          TEXT,
    title        TEXT,
    extra        TEXT,
    origin       TEXT,
    text         TEXT NOT NULL,
    text_hash    TEXT NOT NULL,
    n_chars      INTEGER NOT NULL,
    n_words      INTEGER NOT NULL,
    fingerprints BLOB NOT NULL,
    format       TEXT NOT NULL DEFAULT 'text',
    body         TEXT,
    date_precision TEXT,
    lang         TEXT,
    lang_confidence REAL,
    author       TEXT,
    site         TEXT,
    cleaning     TEXT,
    added_run    INTEGER REFERENCES runs(run_id),
    story        INTEGER,
    narrative    INTEGER
);
CREATE TABLE IF NOT EXISTS pending (
    doc_key INTEGER PRIMARY KEY REFERENCES documents(doc_key) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS alignments (
    alignment_id  INTEGER PRIMARY KEY,
    doc_a         INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    a_begin       INTEGER NOT NULL,
    a_end         INTEGER NOT NULL,
    doc_b         INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    b_begin       INTEGER NOT NULL,
    b_end         INTEGER NOT NULL,
    matched_words INTEGER NOT NULL,
    score         REAL NOT NULL,
    passage_a     INTEGER,
    passage_b     INTEGER,
    UNIQUE (doc_a, a_begin, a_end, doc_b, b_begin, b_end)
);
CREATE INDEX IF NOT EXISTS alignments_doc_b ON alignments(doc_b);
CREATE TABLE IF NOT EXISTS passages (
    uid     INTEGER PRIMARY KEY,
    doc_key INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    begin   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    cluster INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_key);
CREATE INDEX IF NOT EXISTS passages_cluster ON passages(cluster);
CREATE TABLE IF NOT EXISTS clusters (
    cluster   INTEGER PRIMARY KEY,
    size      INTEGER NOT NULL,
    n_docs    INTEGER NOT NULL,
    first_uid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS skipped (
    run_id   INTEGER REFERENCES runs(run_id),
    origin   TEXT NOT NULL,
    location TEXT,
    reason   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS site_templates (
    site  TEXT PRIMARY KEY,
    docs  INTEGER NOT NULL,
    lines BLOB NOT NULL,
    langs TEXT
);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id      INTEGER PRIMARY KEY,
    doc_key       INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    idx           INTEGER NOT NULL,
    begin         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    speaker       TEXT,
    speaker_name  TEXT,
    speaker_role  TEXT,
    speaker_begin INTEGER,
    speaker_end   INTEGER,
    cue           TEXT,
    resolution    TEXT NOT NULL,
    comment       INTEGER,
    confidence    REAL NOT NULL,
    uncertain     INTEGER NOT NULL,
    quote_group   INTEGER,
    same_wording  INTEGER,
    diff          TEXT,
    UNIQUE (doc_key, idx)
);
CREATE INDEX IF NOT EXISTS quotes_group ON quotes(quote_group);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_name);
CREATE TABLE IF NOT EXISTS quote_groups (
    quote_group INTEGER PRIMARY KEY,
    reference   INTEGER NOT NULL,
    text        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    n_docs      INTEGER NOT NULL,
    first_quote INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes_done (
    doc_key INTEGER PRIMARY KEY REFERENCES documents(doc_key) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS outlets (
    outlet  INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    kind    TEXT,
    country TEXT,
    aliases TEXT,
    domains TEXT,
    stats   TEXT
);
CREATE TABLE IF NOT EXISTS doc_outlets (
    doc_key INTEGER PRIMARY KEY REFERENCES documents(doc_key) ON DELETE CASCADE,
    outlet  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS provenance (
    uid         INTEGER PRIMARY KEY,
    cluster     INTEGER NOT NULL,
    is_source   INTEGER NOT NULL,
    parent      INTEGER,
    depth       INTEGER NOT NULL,
    confidence  REAL NOT NULL,
    evidence    TEXT NOT NULL,
    attribution TEXT,
    flagged     INTEGER NOT NULL DEFAULT 0,
    credits     TEXT
);
CREATE INDEX IF NOT EXISTS provenance_cluster ON provenance(cluster);
"#;

/// What the clean stage learnt about one site (series), kept between runs
/// in `site_templates`: `docs` documents counted, `lines` the document
/// count of each line key (sorted by key; stored as 12-byte records, u64
/// key then u32 count, little-endian), `langs` its language detections
/// (JSON, as the clean stage writes it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteTemplatesRow {
    pub site: String,
    pub docs: u32,
    pub lines: Vec<(u64, u32)>,
    pub langs: Option<String>,
}

fn encode_lines(lines: &[(u64, u32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.len() * 12);
    for (k, n) in lines {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
    }
    out
}

fn decode_lines(b: &[u8]) -> Vec<(u64, u32)> {
    b.chunks_exact(12)
        .map(|c| {
            let mut k = [0u8; 8];
            let mut n = [0u8; 4];
            k.copy_from_slice(&c[..8]);
            n.copy_from_slice(&c[8..]);
            (u64::from_le_bytes(k), u32::from_le_bytes(n))
        })
        .collect()
}

/// A document ready to be stored: the record plus what the index needs.
#[derive(Debug, Clone)]
pub struct NewDoc {
    pub doc: Document,
    pub text_hash: String,
    pub n_chars: usize,
    pub n_words: usize,
    /// Fingerprints as `(hash, word position)`.
    pub fingerprints: Vec<(u64, u32)>,
    /// What the clean stage found.
    pub meta: CleanMeta,
}

/// What the clean stage found about a document; everything optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanMeta {
    /// `text` (plain text or JSON lines record) or `html` (page, WARC record).
    pub format: String,
    /// The article body as character spans of the text; `None`: the whole text.
    pub body: Option<Vec<CharSpan>>,
    /// `day`, `month` or `year` when the date was found in the text.
    pub date_precision: Option<String>,
    /// ISO 639-1 code and confidence.
    pub lang: Option<(String, f64)>,
    pub author: Option<String>,
    pub site: Option<String>,
    /// JSON: comments, removed furniture, line decisions.
    pub cleaning: Option<String>,
}

/// Decodes the `extra` column (a JSON object of passed-through input
/// fields); missing or malformed gives an empty map.
pub fn decode_extra(s: Option<&str>) -> serde_json::Map<String, Value> {
    match s.map(serde_json::from_str::<Value>) {
        Some(Ok(Value::Object(m))) => m,
        _ => serde_json::Map::new(),
    }
}

/// A stored document's text and body spans (`None`: all of it).
pub type StoredText = (String, Option<Vec<CharSpan>>);

/// Encodes body spans as a JSON array of `[begin, end]` pairs.
pub fn encode_spans(spans: &[CharSpan]) -> String {
    let v: Vec<[usize; 2]> = spans.iter().map(|s| [s.begin, s.end]).collect();
    serde_json::to_string(&v).unwrap_or_else(|_| "[]".into())
}

/// Decodes [`encode_spans`]; malformed input gives `None`.
pub fn decode_spans(s: &str) -> Option<Vec<CharSpan>> {
    let v: Vec<[usize; 2]> = serde_json::from_str(s).ok()?;
    Some(
        v.into_iter()
            .map(|[begin, end]| CharSpan { begin, end })
            .collect(),
    )
}

/// A stored document's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRef {
    pub doc_key: i64,
    pub text_hash: String,
    /// Stored but not yet traced.
    pub pending: bool,
}

/// An aligned passage pair as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignmentRow {
    pub doc_a: i64,
    pub a: CharSpan,
    pub doc_b: i64,
    pub b: CharSpan,
    pub matched_words: u32,
    pub score: f32,
}

/// Fingerprints of one stored document, as read back for indexing.
pub struct StoredFingerprints {
    pub doc_key: i64,
    pub series: Option<String>,
    pub pending: bool,
    pub fingerprints: Vec<(u64, u32)>,
}

/// A stored passage with its cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageRow {
    pub uid: i64,
    pub doc_key: i64,
    pub begin: usize,
    pub end: usize,
    pub cluster: i64,
}

/// The store: one SQLite connection.
pub struct Store {
    conn: Connection,
}

/// Encodes fingerprints as 12-byte little-endian records (u64 hash, u32 position).
pub fn encode_fingerprints(fps: &[(u64, u32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(fps.len() * 12);
    for &(h, p) in fps {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&p.to_le_bytes());
    }
    out
}

/// Decodes [`encode_fingerprints`]' format; a truncated tail is ignored.
pub fn decode_fingerprints(blob: &[u8]) -> Vec<(u64, u32)> {
    blob.chunks_exact(12)
        .map(|c| {
            let mut h = [0u8; 8];
            h.copy_from_slice(&c[..8]);
            let mut p = [0u8; 4];
            p.copy_from_slice(&c[8..]);
            (u64::from_le_bytes(h), u32::from_le_bytes(p))
        })
        .collect()
}

fn now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    secs.to_string()
}

impl Store {
    /// Opens (creating if needed) the database at `path` for reading and writing.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .with_context(|| {
                format!(
                    "{} is not an echotrace database (or is corrupt)",
                    path.display()
                )
            })?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.execute_batch(SCHEMA)
            .with_context(|| format!("{}: cannot create the echotrace schema", path.display()))?;
        conn.execute_batch(stories::STORIES_SCHEMA)
            .with_context(|| format!("{}: cannot create the story tables", path.display()))?;
        let store = Store { conn };
        match store.meta("schema_version")? {
            None => store.set_meta("schema_version", &SCHEMA_VERSION.to_string())?,
            Some(v) if v == SCHEMA_VERSION.to_string() => {}
            // Versions 3 to 5 lack only tables, which the schema above has
            // just created.
            Some(v) if v == "3" || v == "4" || v == "5" => {
                store.set_meta("schema_version", &SCHEMA_VERSION.to_string())?
            }
            Some(v) => bail!(
                "{}: schema version {v}, this echotrace reads version {SCHEMA_VERSION}",
                path.display()
            ),
        }
        Ok(store)
    }

    /// Opens an existing database read-only (for export, show, report).
    pub fn open_readonly(path: &Path) -> Result<Store> {
        if !path.exists() {
            bail!(
                "database {} does not exist (run `echotrace trace` first, or pass --db)",
                path.display()
            );
        }
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .with_context(|| format!("cannot open database {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        let store = Store { conn };
        let v = store
            .meta("schema_version")
            .with_context(|| format!("{} is not an echotrace database", path.display()))?;
        if v.as_deref() != Some(&SCHEMA_VERSION.to_string()) {
            bail!(
                "{} is not an echotrace database of schema version {SCHEMA_VERSION}",
                path.display()
            );
        }
        Ok(store)
    }

    /// Direct access for queries the store does not wrap.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Every site's saved clean-stage statistics, sorted by site.
    pub fn load_site_templates(&self) -> Result<Vec<SiteTemplatesRow>> {
        let mut st = self
            .conn
            .prepare("SELECT site, docs, lines, langs FROM site_templates ORDER BY site")?;
        let rows = st
            .query_map([], |r| {
                let blob: Vec<u8> = r.get(2)?;
                Ok(SiteTemplatesRow {
                    site: r.get(0)?,
                    docs: r.get::<_, i64>(1)?.clamp(0, i64::from(u32::MAX)) as u32,
                    lines: decode_lines(&blob),
                    langs: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Saves (replacing) the statistics of the given sites, in one transaction.
    pub fn save_site_templates(&mut self, rows: &[SiteTemplatesRow]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare(
                "INSERT INTO site_templates(site, docs, lines, langs) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(site) DO UPDATE SET docs = excluded.docs, lines = excluded.lines, \
                 langs = excluded.langs",
            )?;
            for r in rows {
                st.execute(params![
                    r.site,
                    i64::from(r.docs),
                    encode_lines(&r.lines),
                    r.langs
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records the fingerprint settings on first use and refuses a later run
    /// with a different n-gram size or window (the stored fingerprints would
    /// not match). Returns `true` when only the sentence fingerprints differ
    /// (a store fingerprinted before them, or with another
    /// `sentence_min_words`): the caller must then recompute every stored
    /// document's fingerprints with [`Store::refingerprint`].
    pub fn check_index_params(
        &self,
        ngram: usize,
        window: usize,
        sentence_min_words: usize,
    ) -> Result<bool> {
        let base = format!("ngram={ngram} window={window}");
        let want = format!("{base} sentences={sentence_min_words}");
        match self.meta("index_params")? {
            None => self.set_meta("index_params", &want).map(|_| false),
            Some(have) if have == want => Ok(false),
            Some(have) if have == base || have.starts_with(&format!("{base} sentences=")) => {
                Ok(true)
            }
            Some(have) => bail!(
                "this database was indexed with {have}; tracing with {want} would not match its fingerprints (use the same options or another --db)"
            ),
        }
    }

    /// Recomputes the fingerprints of every stored document with `f` (a
    /// chunk of documents' texts and body spans to their fingerprints, in
    /// order), a chunk per transaction, then records `ngram`, `window` and `sentence_min_words`
    /// as the store's fingerprint settings. Returns the number of documents.
    /// Interrupted, it leaves the old settings recorded, and the next run
    /// starts over.
    pub fn refingerprint(
        &mut self,
        (ngram, window, sentence_min_words): (usize, usize, usize),
        mut f: impl FnMut(&[StoredText]) -> Vec<Vec<(u64, u32)>>,
    ) -> Result<usize> {
        let mut last = i64::MIN;
        let mut n = 0;
        loop {
            let chunk: Vec<(i64, StoredText)> = {
                let mut st = self.conn.prepare(
                    "SELECT doc_key, text, body FROM documents WHERE doc_key > ?1 ORDER BY doc_key LIMIT 2000",
                )?;
                let rows = st.query_map(params![last], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })?;
                let mut v = Vec::new();
                for row in rows {
                    let (k, text, body) = row?;
                    v.push((k, (text, body.as_deref().and_then(decode_spans))));
                }
                v
            };
            let Some(&(k, _)) = chunk.last() else {
                break;
            };
            last = k;
            let (keys, docs): (Vec<i64>, Vec<_>) = chunk.into_iter().unzip();
            let fps = f(&docs);
            if fps.len() != keys.len() {
                bail!(
                    "refingerprint: {} results for {} documents",
                    fps.len(),
                    keys.len()
                );
            }
            let blobs: Vec<(i64, Vec<u8>)> = keys
                .into_iter()
                .zip(fps.iter().map(|v| encode_fingerprints(v)))
                .collect();
            let tx = self.conn.transaction()?;
            {
                let mut up =
                    tx.prepare("UPDATE documents SET fingerprints = ?1 WHERE doc_key = ?2")?;
                for (k, blob) in &blobs {
                    up.execute(params![blob, k])?;
                }
            }
            tx.commit()?;
            n += blobs.len();
        }
        self.set_meta(
            "index_params",
            &format!("ngram={ngram} window={window} sentences={sentence_min_words}"),
        )?;
        Ok(n)
    }

    pub fn begin_run(&self, params_json: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs(started, params) VALUES (?1, ?2)",
            params![now(), params_json],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn finish_run(&self, run_id: i64, stats_json: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET finished = ?1, stats = ?2 WHERE run_id = ?3",
            params![now(), stats_json, run_id],
        )?;
        Ok(())
    }

    pub fn record_skipped(
        &self,
        run_id: i64,
        origin: &str,
        location: Option<&str>,
        reason: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO skipped(run_id, origin, location, reason) VALUES (?1, ?2, ?3, ?4)",
            params![run_id, origin, location, reason],
        )?;
        Ok(())
    }

    pub fn lookup(&self, id: &str) -> Result<Option<DocRef>> {
        Ok(self
            .conn
            .query_row(
                "SELECT d.doc_key, d.text_hash, p.doc_key IS NOT NULL FROM documents d
                 LEFT JOIN pending p ON p.doc_key = d.doc_key WHERE d.id = ?1",
                [id],
                |r| {
                    Ok(DocRef {
                        doc_key: r.get(0)?,
                        text_hash: r.get(1)?,
                        pending: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Stores a batch of new documents in one transaction, listed in `pending`.
    /// Documents whose id is already stored are replaced (the caller decides
    /// when that is allowed); their alignments go with them.
    pub fn insert_docs(&mut self, docs: &[NewDoc], run_id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut del = tx.prepare_cached("DELETE FROM documents WHERE id = ?1")?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO documents(id, series, date, url, title, extra, origin, text, text_hash,
                    n_chars, n_words, fingerprints, added_run, format, body, date_precision, lang,
                    lang_confidence, author, site, cleaning)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21)",
            )?;
            let mut pend = tx.prepare_cached("INSERT INTO pending(doc_key) VALUES (?1)")?;
            for d in docs {
                del.execute([&d.doc.id])?;
                let extra = if d.doc.extra.is_empty() {
                    None
                } else {
                    Some(Value::Object(d.doc.extra.clone()).to_string())
                };
                ins.execute(params![
                    d.doc.id,
                    d.doc.series,
                    d.doc.date,
                    d.doc.url,
                    d.doc.title,
                    extra,
                    d.doc.origin,
                    d.doc.text,
                    d.text_hash,
                    d.n_chars as i64,
                    d.n_words as i64,
                    encode_fingerprints(&d.fingerprints),
                    run_id,
                    if d.meta.format.is_empty() {
                        "text"
                    } else {
                        d.meta.format.as_str()
                    },
                    d.meta.body.as_deref().map(encode_spans),
                    d.meta.date_precision,
                    d.meta.lang.as_ref().map(|l| l.0.clone()),
                    d.meta.lang.as_ref().map(|l| l.1),
                    d.meta.author,
                    d.meta.site,
                    d.meta.cleaning
                ])?;
                pend.execute([tx.last_insert_rowid()])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Number of documents waiting to be traced.
    pub fn count_pending(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM pending", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn count(&self, table: &str) -> Result<usize> {
        let sql = match table {
            "documents" | "alignments" | "passages" | "clusters" | "skipped" | "quotes"
            | "quote_groups" | "outlets" | "provenance" | "stories" | "narratives" | "claims"
            | "claim_matches" | "doc_stances" => {
                format!("SELECT count(*) FROM {table}")
            }
            _ => bail!("no table {table}"),
        };
        let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Streams every document's fingerprints, in doc_key order.
    pub fn for_each_fingerprints(&self, mut f: impl FnMut(StoredFingerprints)) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT d.doc_key, d.series, p.doc_key IS NOT NULL, d.fingerprints FROM documents d
                 LEFT JOIN pending p ON p.doc_key = d.doc_key ORDER BY d.doc_key",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let blob: Vec<u8> = r.get(3)?;
            f(StoredFingerprints {
                doc_key: r.get(0)?,
                series: r.get(1)?,
                pending: r.get(2)?,
                fingerprints: decode_fingerprints(&blob),
            });
        }
        Ok(())
    }

    /// The text of a stored document and its body spans (`None`: all of it).
    pub fn text_and_body(&self, doc_key: i64) -> Result<(String, Option<Vec<CharSpan>>)> {
        let (text, body): (String, Option<String>) = self
            .conn
            .query_row(
                "SELECT text, body FROM documents WHERE doc_key = ?1",
                [doc_key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .with_context(|| format!("document #{doc_key} is not in the database"))?;
        Ok((text, body.as_deref().and_then(decode_spans)))
    }

    /// Removes alignments that touch documents waiting to be traced (left by
    /// an interrupted run): they are recomputed.
    pub fn clear_pending_alignments(&mut self) -> Result<usize> {
        let n = self.conn.execute(
            "DELETE FROM alignments WHERE doc_a IN (SELECT doc_key FROM pending)
                OR doc_b IN (SELECT doc_key FROM pending)",
            [],
        )?;
        Ok(n)
    }

    /// Stores a batch of alignments in one transaction.
    pub fn insert_alignments(&mut self, rows: &[AlignmentRow]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO alignments(doc_a, a_begin, a_end, doc_b, b_begin, b_end, matched_words, score)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for r in rows {
                ins.execute(params![
                    r.doc_a,
                    r.a.begin as i64,
                    r.a.end as i64,
                    r.doc_b,
                    r.b.begin as i64,
                    r.b.end as i64,
                    r.matched_words,
                    r.score as f64
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// All alignments as (alignment_id, row), in alignment_id order.
    pub fn alignments(&self) -> Result<Vec<(i64, AlignmentRow)>> {
        let mut st = self.conn.prepare(
            "SELECT alignment_id, doc_a, a_begin, a_end, doc_b, b_begin, b_end, matched_words, score
             FROM alignments ORDER BY alignment_id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                AlignmentRow {
                    doc_a: r.get(1)?,
                    a: CharSpan {
                        begin: r.get::<_, i64>(2)? as usize,
                        end: r.get::<_, i64>(3)? as usize,
                    },
                    doc_b: r.get(4)?,
                    b: CharSpan {
                        begin: r.get::<_, i64>(5)? as usize,
                        end: r.get::<_, i64>(6)? as usize,
                    },
                    matched_words: r.get(7)?,
                    score: r.get::<_, f64>(8)? as f32,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Replaces passages and clusters with a new clustering and marks every
    /// pending document traced, in one transaction.
    ///
    /// `passages` are (doc_key, span, cluster) with uid = index + 1;
    /// `alignment_passages` gives for alignment ids their two passage indices.
    pub fn replace_clusters(
        &mut self,
        passages: &[(i64, CharSpan, i64)],
        alignment_passages: &[(i64, u32, u32)],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM passages", [])?;
        tx.execute("DELETE FROM clusters", [])?;
        {
            let mut ins = tx.prepare_cached("INSERT INTO passages(uid, doc_key, begin, end, cluster) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            for (i, (doc, span, cl)) in passages.iter().enumerate() {
                ins.execute(params![
                    i as i64 + 1,
                    doc,
                    span.begin as i64,
                    span.end as i64,
                    cl
                ])?;
            }
            let mut upd = tx.prepare_cached(
                "UPDATE alignments SET passage_a = ?1, passage_b = ?2 WHERE alignment_id = ?3",
            )?;
            for (aid, pa, pb) in alignment_passages {
                upd.execute(params![*pa as i64 + 1, *pb as i64 + 1, aid])?;
            }
            tx.execute(
                "INSERT INTO clusters(cluster, size, n_docs, first_uid)
                 SELECT cluster, count(*), count(DISTINCT doc_key), min(uid) FROM passages GROUP BY cluster",
                [],
            )?;
            tx.execute("DELETE FROM pending", [])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Looks up a document's key by its id.
    pub fn doc_key(&self, id: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT doc_key FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Loads full document records (metadata and text) by key.
    pub fn document(&self, doc_key: i64) -> Result<Document> {
        self.conn
            .query_row(
                "SELECT id, text, series, date, url, title, extra, origin FROM documents WHERE doc_key = ?1",
                [doc_key],
                |r| {
                    let extra = decode_extra(r.get::<_, Option<String>>(6)?.as_deref());
                    Ok(Document {
                        id: r.get(0)?,
                        text: r.get(1)?,
                        series: r.get(2)?,
                        date: r.get(3)?,
                        url: r.get(4)?,
                        title: r.get(5)?,
                        extra,
                        origin: r.get(7)?,
                    })
                },
            )
            .with_context(|| format!("document #{doc_key} is not in the database"))
    }

    /// Passages in (cluster, doc, begin) order, optionally of one document.
    pub fn passages(&self, doc_key: Option<i64>) -> Result<Vec<PassageRow>> {
        let sql = if doc_key.is_some() {
            "SELECT uid, doc_key, begin, end, cluster FROM passages WHERE doc_key = ?1 ORDER BY begin, uid"
        } else {
            "SELECT uid, doc_key, begin, end, cluster FROM passages ORDER BY uid"
        };
        let mut st = self.conn.prepare(sql)?;
        let map = |r: &rusqlite::Row| {
            Ok(PassageRow {
                uid: r.get(0)?,
                doc_key: r.get(1)?,
                begin: r.get::<_, i64>(2)? as usize,
                end: r.get::<_, i64>(3)? as usize,
                cluster: r.get(4)?,
            })
        };
        let rows = match doc_key {
            Some(k) => st
                .query_map([k], map)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
            None => st
                .query_map([], map)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        };
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> NewDoc {
        NewDoc {
            doc: Document {
                id: id.into(),
                text: text.into(),
                ..Default::default()
            },
            text_hash: format!("h-{text}"),
            n_chars: text.chars().count(),
            n_words: text.split_whitespace().count(),
            fingerprints: vec![(u64::MAX, 7), (3, 0)],
            meta: CleanMeta::default(),
        }
    }

    #[test]
    fn site_templates_round_trip_and_version_3_migrates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let mut s = Store::open(&path).unwrap();
            let rows = vec![
                SiteTemplatesRow {
                    site: "b-site".into(),
                    docs: 7,
                    lines: vec![(1, 3), (u64::MAX, u32::MAX)],
                    langs: Some("{}".into()),
                },
                SiteTemplatesRow {
                    site: "a-site".into(),
                    docs: 1,
                    lines: vec![],
                    langs: None,
                },
            ];
            s.save_site_templates(&rows).unwrap();
            let back = s.load_site_templates().unwrap();
            assert_eq!(back, vec![rows[1].clone(), rows[0].clone()]);
            let mut again = rows[0].clone();
            again.docs = 8;
            s.save_site_templates(&[again]).unwrap();
            assert_eq!(s.load_site_templates().unwrap()[1].docs, 8);
            // A store written by the previous version: no site_templates table.
            s.conn
                .execute_batch("DROP TABLE site_templates; UPDATE meta SET value = '3' WHERE key = 'schema_version';")
                .unwrap();
        }
        assert!(
            Store::open_readonly(&path).is_err(),
            "version 3 is not read as the current version"
        );
        let s = Store::open(&path).unwrap();
        assert_eq!(
            s.meta("schema_version").unwrap(),
            Some(SCHEMA_VERSION.to_string())
        );
        assert_eq!(s.count("quotes").unwrap(), 0);
        assert!(s.load_site_templates().unwrap().is_empty());
        assert_eq!(decode_lines(&[1, 2, 3]), vec![]);
        // A store of version 5: no story tables; they are created on open.
        s.conn
            .execute_batch(
                "DROP TABLE stories; DROP TABLE narratives; DROP TABLE claim_matches;
                 DROP TABLE claims; DROP TABLE doc_stances; DROP TABLE story_index;
                 UPDATE meta SET value = '5' WHERE key = 'schema_version';",
            )
            .unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(
            s.meta("schema_version").unwrap(),
            Some(SCHEMA_VERSION.to_string())
        );
        assert_eq!(s.count("stories").unwrap(), 0);
        assert_eq!(s.count("claims").unwrap(), 0);
        assert!(s.story_index_state().unwrap().is_none());
    }

    #[test]
    fn fingerprint_blob_round_trip() {
        let f = vec![(1u64, 2u32), (u64::MAX, u32::MAX)];
        assert_eq!(decode_fingerprints(&encode_fingerprints(&f)), f);
        assert_eq!(decode_fingerprints(&[1, 2, 3]), vec![]);
    }

    #[test]
    fn documents_alignments_and_clusters_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut s = Store::open(&path).unwrap();
        assert!(!s.check_index_params(5, 4, 10).unwrap());
        assert!(!s.check_index_params(5, 4, 10).unwrap());
        assert!(s.check_index_params(4, 4, 10).is_err());
        // Another sentence setting, or a store from before sentence
        // fingerprints: recompute them.
        assert!(s.check_index_params(5, 4, 8).unwrap());
        s.set_meta("index_params", "ngram=5 window=4").unwrap();
        assert!(s.check_index_params(5, 4, 10).unwrap());
        let run = s.begin_run("{}").unwrap();
        s.insert_docs(&[doc("a", "alpha text"), doc("b", "beta text")], run)
            .unwrap();
        assert_eq!(s.count_pending().unwrap(), 2);
        let a = s.lookup("a").unwrap().unwrap();
        let b = s.lookup("b").unwrap().unwrap();
        let row = AlignmentRow {
            doc_a: a.doc_key,
            a: CharSpan { begin: 0, end: 5 },
            doc_b: b.doc_key,
            b: CharSpan { begin: 0, end: 4 },
            matched_words: 1,
            score: 0.5,
        };
        s.insert_alignments(&[row.clone(), row.clone()]).unwrap();
        assert_eq!(s.count("alignments").unwrap(), 1, "duplicates are ignored");
        let al = s.alignments().unwrap();
        s.replace_clusters(
            &[(a.doc_key, row.a, 0), (b.doc_key, row.b, 0)],
            &[(al[0].0, 0, 1)],
        )
        .unwrap();
        assert_eq!(s.count_pending().unwrap(), 0);
        assert_eq!(s.count("clusters").unwrap(), 1);
        let mut seen = 0;
        s.for_each_fingerprints(|f| {
            assert_eq!(f.fingerprints, vec![(u64::MAX, 7), (3, 0)]);
            assert!(!f.pending);
            seen += 1;
        })
        .unwrap();
        assert_eq!(seen, 2);
        drop(s);
        let r = Store::open_readonly(&path).unwrap();
        assert_eq!(r.passages(Some(a.doc_key)).unwrap().len(), 1);
        assert_eq!(r.document(b.doc_key).unwrap().text, "beta text");
    }

    #[test]
    fn replacing_a_document_drops_its_alignments() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        let run = s.begin_run("{}").unwrap();
        s.insert_docs(&[doc("a", "one"), doc("b", "two")], run)
            .unwrap();
        let (ka, kb) = (
            s.doc_key("a").unwrap().unwrap(),
            s.doc_key("b").unwrap().unwrap(),
        );
        s.insert_alignments(&[AlignmentRow {
            doc_a: ka,
            a: CharSpan { begin: 0, end: 1 },
            doc_b: kb,
            b: CharSpan { begin: 0, end: 1 },
            matched_words: 1,
            score: 1.0,
        }])
        .unwrap();
        s.insert_docs(&[doc("a", "changed")], run).unwrap();
        assert_eq!(s.count("alignments").unwrap(), 0);
        assert_eq!(s.count("documents").unwrap(), 2);
    }

    #[test]
    fn readonly_open_of_missing_or_foreign_file_fails_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let e = Store::open_readonly(&dir.path().join("none.db"))
            .err()
            .unwrap();
        assert!(e.to_string().contains("does not exist"));
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"this is not sqlite at all, just some bytes").unwrap();
        assert!(Store::open(&junk).is_err());
    }
}
