//! The story tables of the store: stories, narratives, each document's
//! stance towards its narrative, known claims and their matches, and the
//! story index's state (so the next `trace` continues incrementally).
//! Written by `trace` (one transaction) and `claims add`; read by the
//! `stories`, `narratives`, `claims` and `report` commands.

use crate::Store;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};

/// The tables (created on open, for new stores and older ones alike).
pub(crate) const STORIES_SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS stories (
    story     INTEGER PRIMARY KEY,
    title     TEXT,
    start     TEXT,
    end       TEXT,
    outlets   TEXT NOT NULL,
    languages TEXT NOT NULL,
    entities  TEXT NOT NULL,
    documents TEXT NOT NULL,
    n_docs    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS narratives (
    narrative INTEGER PRIMARY KEY,
    label     TEXT NOT NULL,
    start     TEXT,
    end       TEXT,
    entities  TEXT NOT NULL,
    phrases   TEXT NOT NULL,
    stories   TEXT NOT NULL,
    n_docs    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doc_stances (
    doc_key   INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    narrative INTEGER NOT NULL,
    stance    TEXT NOT NULL,
    begin     INTEGER,
    end       INTEGER,
    evidence  TEXT,
    markers   TEXT,
    PRIMARY KEY (doc_key, narrative)
);
CREATE INDEX IF NOT EXISTS doc_stances_narrative ON doc_stances(narrative);
CREATE TABLE IF NOT EXISTS claims (
    claim_key INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    text      TEXT NOT NULL,
    language  TEXT,
    date      TEXT,
    url       TEXT,
    verdict   TEXT,
    source    TEXT
);
CREATE TABLE IF NOT EXISTS claim_matches (
    claim_key INTEGER NOT NULL REFERENCES claims(claim_key) ON DELETE CASCADE,
    rank      INTEGER NOT NULL,
    doc_key   INTEGER NOT NULL REFERENCES documents(doc_key) ON DELETE CASCADE,
    story     INTEGER,
    score     REAL NOT NULL,
    sentences TEXT NOT NULL,
    PRIMARY KEY (claim_key, rank)
);
CREATE TABLE IF NOT EXISTS story_index (
    key    INTEGER PRIMARY KEY CHECK (key = 0),
    n_docs INTEGER NOT NULL,
    state  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_index_parts (
    part INTEGER PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story);
"#;

/// Bytes of the story index's state per row: the first part in
/// `story_index.state`, the rest in `story_index_parts` (SQLite refuses
/// values over 1 GB, and smaller rows are written without one large copy).
const STATE_PART: usize = 64 << 20;

/// A stored document as the story stage reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct StorySource {
    pub doc_key: i64,
    pub id: String,
    pub text: String,
    /// JSON body spans (`None`: the whole text).
    pub body: Option<String>,
    pub lang: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    /// The outlet the provenance step linked it to, else its series.
    pub outlet: Option<String>,
}

/// A stored document's identity and date, and whether it has a story.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryDocEntry {
    pub doc_key: i64,
    pub id: String,
    pub date: Option<String>,
    pub has_story: bool,
}

/// A story as stored; `outlets`, `languages`, `entities` (`[{label,
/// weight}]`) and `documents` (ids in time order) are JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryRow {
    pub story: i64,
    pub title: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub outlets: String,
    pub languages: String,
    pub entities: String,
    pub documents: String,
    pub n_docs: i64,
}

/// A narrative as stored; `entities`, `phrases` and `stories` are JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrativeRow {
    pub narrative: i64,
    pub label: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub entities: String,
    pub phrases: String,
    pub stories: String,
    pub n_docs: i64,
}

/// A document's stance towards its narrative: `relays`, `questions` or
/// `unknown`, with the evidence sentence (character offsets) and the
/// critical markers found (JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct StanceRow {
    pub doc_key: i64,
    pub narrative: i64,
    pub stance: String,
    pub span: Option<(usize, usize)>,
    pub evidence: Option<String>,
    pub markers: String,
}

/// A known claim as stored; `source` is the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    pub id: String,
    pub text: String,
    pub language: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub verdict: Option<String>,
    pub source: Option<String>,
}

/// A document that carries a claim: rank among the claim's matches (0 is
/// the best), score, the document's story and the matching sentences (JSON
/// `[{begin, end, text, score}]`, character offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimMatchRow {
    pub claim_id: String,
    pub rank: i64,
    pub doc_key: i64,
    pub story: Option<i64>,
    pub score: f64,
    pub sentences: String,
}

/// Everything one story step writes, in one transaction.
#[derive(Debug, Clone, Default)]
pub struct StoriesWrite {
    /// The serialised story index and its number of documents.
    pub state: Vec<u8>,
    pub n_docs: usize,
    /// True when the index was rebuilt: every story and every document's
    /// story is rewritten.
    pub rebuilt: bool,
    /// Stories to insert or replace (those that changed).
    pub stories: Vec<StoryRow>,
    /// (doc_key, story) of documents placed in this step.
    pub doc_stories: Vec<(i64, i64)>,
    /// Every narrative (the table is rewritten).
    pub narratives: Vec<NarrativeRow>,
    /// (doc_key, narrative) of every document in a narrative.
    pub doc_narratives: Vec<(i64, i64)>,
    /// Every stance (the table is rewritten).
    pub stances: Vec<StanceRow>,
    /// Every claim match, when claims were matched (the table is rewritten).
    pub claim_matches: Option<Vec<ClaimMatchRow>>,
}

/// Writes the story index's state in parts of `part` bytes.
fn write_state(tx: &rusqlite::Connection, n_docs: usize, state: &[u8], part: usize) -> Result<()> {
    let mut parts = state.chunks(part.max(1));
    tx.execute(
        "INSERT INTO story_index(key, n_docs, state) VALUES (0, ?1, ?2)
         ON CONFLICT(key) DO UPDATE SET n_docs = excluded.n_docs, state = excluded.state",
        params![n_docs as i64, parts.next().unwrap_or(&[])],
    )?;
    tx.execute("DELETE FROM story_index_parts", [])?;
    let mut ins = tx.prepare_cached("INSERT INTO story_index_parts(part, data) VALUES (?1, ?2)")?;
    for (i, p) in parts.enumerate() {
        ins.execute(params![i as i64 + 1, p])?;
    }
    Ok(())
}

fn source_row(r: &rusqlite::Row) -> rusqlite::Result<StorySource> {
    Ok(StorySource {
        doc_key: r.get(0)?,
        id: r.get(1)?,
        text: r.get(2)?,
        body: r.get(3)?,
        lang: r.get(4)?,
        date: r.get(5)?,
        title: r.get(6)?,
        outlet: r.get(7)?,
    })
}

impl Store {
    /// The story index's serialised state and its number of documents.
    pub fn story_index_state(&self) -> Result<Option<(usize, Vec<u8>)>> {
        let first = self
            .conn
            .query_row(
                "SELECT n_docs, state FROM story_index WHERE key = 0",
                [],
                |r| Ok((r.get::<_, i64>(0)?.max(0) as usize, r.get::<_, Vec<u8>>(1)?)),
            )
            .optional()?;
        let Some((n, mut state)) = first else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare("SELECT data FROM story_index_parts ORDER BY part")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            state.extend_from_slice(r.get_ref(0)?.as_blob()?);
        }
        Ok(Some((n, state)))
    }

    /// Every document's key, id, date and whether it has a story, in
    /// doc_key order.
    pub fn story_doc_list(&self) -> Result<Vec<StoryDocEntry>> {
        let mut st = self.conn.prepare(
            "SELECT doc_key, id, date, story IS NOT NULL FROM documents ORDER BY doc_key",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoryDocEntry {
                doc_key: r.get(0)?,
                id: r.get(1)?,
                date: r.get(2)?,
                has_story: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The documents of `keys` as the story stage reads them (in the order
    /// of `keys`; unknown keys are left out).
    pub fn story_sources(&self, keys: &[i64]) -> Result<Vec<StorySource>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.doc_key, d.id, d.text, d.body, d.lang, d.date, d.title,
                    coalesce(o.name, d.series)
             FROM documents d
             LEFT JOIN doc_outlets x ON x.doc_key = d.doc_key
             LEFT JOIN outlets o ON o.outlet = x.outlet
             WHERE d.doc_key = ?1",
        )?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if let Some(s) = st.query_row([k], source_row).optional()? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Writes a story step in one transaction.
    pub fn write_stories(&mut self, w: &StoriesWrite) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            write_state(&tx, w.n_docs, &w.state, STATE_PART)?;
            if w.rebuilt {
                tx.execute("DELETE FROM stories", [])?;
                tx.execute("UPDATE documents SET story = NULL", [])?;
            }
            let mut ins = tx.prepare_cached(
                "INSERT OR REPLACE INTO stories(story, title, start, end, outlets, languages,
                    entities, documents, n_docs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for s in &w.stories {
                ins.execute(params![
                    s.story,
                    s.title,
                    s.start,
                    s.end,
                    s.outlets,
                    s.languages,
                    s.entities,
                    s.documents,
                    s.n_docs
                ])?;
            }
            let mut upd =
                tx.prepare_cached("UPDATE documents SET story = ?2 WHERE doc_key = ?1")?;
            for (k, s) in &w.doc_stories {
                upd.execute(params![k, s])?;
            }
            tx.execute("DELETE FROM narratives", [])?;
            tx.execute("DELETE FROM doc_stances", [])?;
            tx.execute(
                "UPDATE documents SET narrative = NULL WHERE narrative IS NOT NULL",
                [],
            )?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO narratives(narrative, label, start, end, entities, phrases, stories,
                    n_docs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for n in &w.narratives {
                ins.execute(params![
                    n.narrative,
                    n.label,
                    n.start,
                    n.end,
                    n.entities,
                    n.phrases,
                    n.stories,
                    n.n_docs
                ])?;
            }
            let mut upd =
                tx.prepare_cached("UPDATE documents SET narrative = ?2 WHERE doc_key = ?1")?;
            for (k, n) in &w.doc_narratives {
                upd.execute(params![k, n])?;
            }
            let mut ins = tx.prepare_cached(
                "INSERT OR REPLACE INTO doc_stances(doc_key, narrative, stance, begin, end,
                    evidence, markers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for s in &w.stances {
                ins.execute(params![
                    s.doc_key,
                    s.narrative,
                    s.stance,
                    s.span.map(|x| x.0 as i64),
                    s.span.map(|x| x.1 as i64),
                    s.evidence,
                    s.markers
                ])?;
            }
            if let Some(m) = &w.claim_matches {
                write_matches(&tx, m)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds claims (a claim whose id is stored already is replaced); returns
    /// how many were new.
    pub fn insert_claims(&mut self, claims: &[ClaimRow]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO claims(id, text, language, date, url, verdict, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET text = excluded.text, language = excluded.language,
                    date = excluded.date, url = excluded.url, verdict = excluded.verdict,
                    source = excluded.source",
            )?;
            for c in claims {
                if exists.query_row([&c.id], |_| Ok(())).optional()?.is_none() {
                    added += 1;
                }
                ins.execute(params![
                    c.id, c.text, c.language, c.date, c.url, c.verdict, c.source
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every stored claim, by id.
    pub fn claims(&self) -> Result<Vec<ClaimRow>> {
        let mut st = self.conn.prepare(
            "SELECT id, text, language, date, url, verdict, source FROM claims ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ClaimRow {
                id: r.get(0)?,
                text: r.get(1)?,
                language: r.get(2)?,
                date: r.get(3)?,
                url: r.get(4)?,
                verdict: r.get(5)?,
                source: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Replaces every claim match in one transaction.
    pub fn replace_claim_matches(&mut self, rows: &[ClaimMatchRow]) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_matches(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// Every claim match with its document id, by claim id then rank.
    pub fn claim_matches(&self) -> Result<Vec<(ClaimMatchRow, String)>> {
        let mut st = self.conn.prepare(
            "SELECT c.id, m.rank, m.doc_key, m.story, m.score, m.sentences, d.id
             FROM claim_matches m JOIN claims c ON c.claim_key = m.claim_key
             JOIN documents d ON d.doc_key = m.doc_key ORDER BY c.id, m.rank",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                ClaimMatchRow {
                    claim_id: r.get(0)?,
                    rank: r.get(1)?,
                    doc_key: r.get(2)?,
                    story: r.get(3)?,
                    score: r.get(4)?,
                    sentences: r.get(5)?,
                },
                r.get(6)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every story, by id.
    pub fn story_rows(&self) -> Result<Vec<StoryRow>> {
        let mut st = self.conn.prepare(
            "SELECT story, title, start, end, outlets, languages, entities, documents, n_docs
             FROM stories ORDER BY story",
        )?;
        let rows = st.query_map([], |r| {
            Ok(StoryRow {
                story: r.get(0)?,
                title: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                outlets: r.get(4)?,
                languages: r.get(5)?,
                entities: r.get(6)?,
                documents: r.get(7)?,
                n_docs: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every narrative, by id.
    pub fn narrative_rows(&self) -> Result<Vec<NarrativeRow>> {
        let mut st = self.conn.prepare(
            "SELECT narrative, label, start, end, entities, phrases, stories, n_docs
             FROM narratives ORDER BY narrative",
        )?;
        let rows = st.query_map([], |r| {
            Ok(NarrativeRow {
                narrative: r.get(0)?,
                label: r.get(1)?,
                start: r.get(2)?,
                end: r.get(3)?,
                entities: r.get(4)?,
                phrases: r.get(5)?,
                stories: r.get(6)?,
                n_docs: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every stance, by narrative then doc_key.
    pub fn stance_rows(&self) -> Result<Vec<StanceRow>> {
        let mut st = self.conn.prepare(
            "SELECT doc_key, narrative, stance, begin, end, evidence, markers
             FROM doc_stances ORDER BY narrative, doc_key",
        )?;
        let rows = st.query_map([], |r| {
            let b: Option<i64> = r.get(3)?;
            let e: Option<i64> = r.get(4)?;
            Ok(StanceRow {
                doc_key: r.get(0)?,
                narrative: r.get(1)?,
                stance: r.get(2)?,
                span: match (b, e) {
                    (Some(b), Some(e)) => Some((b.max(0) as usize, e.max(0) as usize)),
                    _ => None,
                },
                evidence: r.get(5)?,
                markers: r
                    .get::<_, Option<String>>(6)?
                    .unwrap_or_else(|| "[]".into()),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

fn write_matches(tx: &rusqlite::Transaction, rows: &[ClaimMatchRow]) -> Result<()> {
    tx.execute("DELETE FROM claim_matches", [])?;
    let mut ins = tx.prepare_cached(
        "INSERT OR REPLACE INTO claim_matches(claim_key, rank, doc_key, story, score, sentences)
         SELECT claim_key, ?2, ?3, ?4, ?5, ?6 FROM claims WHERE id = ?1",
    )?;
    for m in rows {
        ins.execute(params![
            m.claim_id,
            m.rank,
            m.doc_key,
            m.story,
            m.score,
            m.sentences
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{CleanMeta, NewDoc, Store};
    use echotrace_core::model::Document;

    fn doc(id: &str, text: &str) -> NewDoc {
        NewDoc {
            doc: Document {
                id: id.into(),
                text: text.into(),
                series: Some("Gazette".into()),
                date: Some("2024-03-01".into()),
                ..Default::default()
            },
            text_hash: format!("h-{text}"),
            n_chars: text.chars().count(),
            n_words: text.split_whitespace().count(),
            fingerprints: vec![],
            meta: CleanMeta::default(),
        }
    }

    #[test]
    fn stories_claims_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("s.db")).unwrap();
        let run = s.begin_run("{}").unwrap();
        s.insert_docs(&[doc("a", "Texte A."), doc("b", "Texte B.")], run)
            .unwrap();
        assert!(s.story_index_state().unwrap().is_none());
        let list = s.story_doc_list().unwrap();
        assert_eq!(list.len(), 2);
        assert!(list.iter().all(|d| !d.has_story));
        let src = s
            .story_sources(&[list[1].doc_key, 999, list[0].doc_key])
            .unwrap();
        assert_eq!(
            src.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
        assert_eq!(src[0].outlet.as_deref(), Some("Gazette"));
        let added = s
            .insert_claims(&[super::ClaimRow {
                id: "c1".into(),
                text: "Une affirmation.".into(),
                language: Some("fr".into()),
                date: None,
                url: None,
                verdict: Some("faux".into()),
                source: Some("claims.jsonl".into()),
            }])
            .unwrap();
        assert_eq!(added, 1);
        let w = super::StoriesWrite {
            state: b"{}".to_vec(),
            n_docs: 2,
            rebuilt: false,
            stories: vec![super::StoryRow {
                story: 0,
                title: Some("T".into()),
                start: Some("2024-03-01".into()),
                end: Some("2024-03-01".into()),
                outlets: "[\"Gazette\"]".into(),
                languages: "[]".into(),
                entities: "[]".into(),
                documents: "[\"a\",\"b\"]".into(),
                n_docs: 2,
            }],
            doc_stories: vec![(list[0].doc_key, 0), (list[1].doc_key, 0)],
            narratives: vec![],
            doc_narratives: vec![],
            stances: vec![super::StanceRow {
                doc_key: list[0].doc_key,
                narrative: 0,
                stance: "relays".into(),
                span: Some((0, 8)),
                evidence: Some("Texte A.".into()),
                markers: "[]".into(),
            }],
            claim_matches: Some(vec![super::ClaimMatchRow {
                claim_id: "c1".into(),
                rank: 0,
                doc_key: list[1].doc_key,
                story: Some(0),
                score: 0.5,
                sentences: "[]".into(),
            }]),
        };
        s.write_stories(&w).unwrap();
        assert_eq!(s.story_index_state().unwrap(), Some((2, b"{}".to_vec())));
        // A state larger than a part is split over rows and read back whole;
        // a smaller one then leaves no stale parts behind.
        let parts = |s: &crate::Store| -> i64 {
            s.conn
                .query_row("SELECT count(*) FROM story_index_parts", [], |r| r.get(0))
                .unwrap()
        };
        let big: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        super::write_state(&s.conn, 5, &big, 300).unwrap();
        assert_eq!(parts(&s), 3);
        assert_eq!(s.story_index_state().unwrap(), Some((5, big.clone())));
        super::write_state(&s.conn, 6, &big[..200], 300).unwrap();
        assert_eq!(parts(&s), 0);
        assert_eq!(
            s.story_index_state().unwrap(),
            Some((6, big[..200].to_vec()))
        );
        s.write_stories(&w).unwrap();
        assert!(s.story_doc_list().unwrap().iter().all(|d| d.has_story));
        assert_eq!(s.story_rows().unwrap().len(), 1);
        assert_eq!(s.stance_rows().unwrap()[0].span, Some((0, 8)));
        let m = s.claim_matches().unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].1, "b");
        // A rebuild clears stories and documents' story ids.
        let w2 = super::StoriesWrite {
            rebuilt: true,
            ..Default::default()
        };
        s.write_stories(&w2).unwrap();
        assert!(s.story_rows().unwrap().is_empty());
        assert!(s.story_doc_list().unwrap().iter().all(|d| !d.has_story));
        assert!(s.stance_rows().unwrap().is_empty());
        assert_eq!(s.claim_matches().unwrap().len(), 1, "matches kept");
    }
}
