//! The quote tables of the store: each document's extracted quotes
//! (`quotes`, `quotes_done`) and the cross-document groups (`quote_groups`),
//! written by `trace` and read by the `quotes`/`speakers`/`show` commands.

use crate::Store;
use anyhow::Result;
use rusqlite::{params, OptionalExtension};

/// `meta` key: "1" when `quote_groups` reflects every stored quote; any
/// quote insertion sets it to "0" until the next linking.
const LINKED_KEY: &str = "quotes_linked";

/// One extracted quote as stored (character offsets into the stored text).
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    /// Index of the quote in its document (extraction order).
    pub idx: usize,
    pub begin: usize,
    pub end: usize,
    pub text: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The speaker as written.
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_span: Option<(usize, usize)>,
    pub cue: Option<String>,
    /// `named`, `resolved`, `unresolved` or `comment`.
    pub resolution: String,
    /// Reader comment index, for `resolution = comment`.
    pub comment: Option<usize>,
    pub confidence: f64,
    pub uncertain: bool,
}

/// The quotes of one document, to store.
#[derive(Debug, Clone, PartialEq)]
pub struct DocQuoteRows {
    pub doc_key: i64,
    pub quotes: Vec<QuoteRow>,
}

/// A document whose quotes are still to be extracted.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteSource {
    pub doc_key: i64,
    pub text: String,
    /// JSON body spans (`None`: the whole text).
    pub body: Option<String>,
    /// The clean stage's JSON (`comments` among others).
    pub cleaning: Option<String>,
    pub lang: Option<String>,
}

/// A stored quote as linking reads it, in document-id order.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkableQuote {
    pub quote_id: i64,
    pub doc_key: i64,
    pub idx: usize,
    pub text: String,
}

/// A stored quote with its document, for building its group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupQuote {
    pub quote_id: i64,
    pub doc_id: String,
    pub date: Option<String>,
    pub idx: usize,
    pub text: String,
    /// Name, else role.
    pub speaker: Option<String>,
}

/// One member of a quote group, as written back.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMemberRow {
    pub quote_id: i64,
    pub same_wording: bool,
    /// JSON word diff against the reference (`[]` for the reference).
    pub diff: String,
}

/// One quote group, as written back.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteGroupRow {
    pub quote_group: i64,
    pub reference: i64,
    pub text: String,
    pub n_docs: usize,
    /// quote_id of the earliest appearance.
    pub first_quote: i64,
    pub members: Vec<GroupMemberRow>,
}

/// A stored quote with its document and group, for listings.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteListRow {
    pub quote_id: i64,
    pub doc_key: i64,
    pub doc_id: String,
    pub date: Option<String>,
    pub row: QuoteRow,
    pub quote_group: Option<i64>,
    pub same_wording: Option<bool>,
    pub diff: Option<String>,
    /// Document id, date and quote begin of the group's first appearance.
    pub first: Option<(String, Option<String>, usize)>,
}

const LIST_SQL: &str =
    "SELECT q.quote_id, q.doc_key, d.id, d.date, q.idx, q.begin, q.end, q.text, q.kind,
        q.speaker, q.speaker_name, q.speaker_role, q.speaker_begin, q.speaker_end, q.cue,
        q.resolution, q.comment, q.confidence, q.uncertain, q.quote_group, q.same_wording, q.diff,
        fd.id, fd.date, fq.begin
    FROM quotes q JOIN documents d ON d.doc_key = q.doc_key
    LEFT JOIN quote_groups g ON g.quote_group = q.quote_group
    LEFT JOIN quotes fq ON fq.quote_id = g.first_quote
    LEFT JOIN documents fd ON fd.doc_key = fq.doc_key";

fn to_usize(x: i64) -> usize {
    usize::try_from(x).unwrap_or(0)
}

fn list_row(r: &rusqlite::Row) -> rusqlite::Result<QuoteListRow> {
    let sb: Option<i64> = r.get(12)?;
    let se: Option<i64> = r.get(13)?;
    let first_id: Option<String> = r.get(22)?;
    let first_begin: Option<i64> = r.get(24)?;
    Ok(QuoteListRow {
        quote_id: r.get(0)?,
        doc_key: r.get(1)?,
        doc_id: r.get(2)?,
        date: r.get(3)?,
        row: QuoteRow {
            idx: to_usize(r.get(4)?),
            begin: to_usize(r.get(5)?),
            end: to_usize(r.get(6)?),
            text: r.get(7)?,
            kind: r.get(8)?,
            speaker: r.get(9)?,
            speaker_name: r.get(10)?,
            speaker_role: r.get(11)?,
            speaker_span: sb.zip(se).map(|(b, e)| (to_usize(b), to_usize(e))),
            cue: r.get(14)?,
            resolution: r.get(15)?,
            comment: r.get::<_, Option<i64>>(16)?.map(to_usize),
            confidence: r.get(17)?,
            uncertain: r.get::<_, i64>(18)? != 0,
        },
        quote_group: r.get(19)?,
        same_wording: r.get::<_, Option<i64>>(20)?.map(|x| x != 0),
        diff: r.get(21)?,
        first: first_id.map(|id| {
            (
                id,
                r.get::<_, Option<String>>(23).ok().flatten(),
                to_usize(first_begin.unwrap_or(0)),
            )
        }),
    })
}

impl Store {
    /// Documents whose quotes have not been extracted yet, by doc_key.
    pub fn docs_without_quotes(&self) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare(
            "SELECT doc_key FROM documents WHERE doc_key NOT IN (SELECT doc_key FROM quotes_done)
             ORDER BY doc_key",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<i64>>>()?)
    }

    /// What quote extraction needs of a stored document.
    pub fn quote_source(&self, doc_key: i64) -> Result<Option<QuoteSource>> {
        Ok(self
            .conn
            .query_row(
                "SELECT text, body, cleaning, lang FROM documents WHERE doc_key = ?1",
                [doc_key],
                |r| {
                    Ok(QuoteSource {
                        doc_key,
                        text: r.get(0)?,
                        body: r.get(1)?,
                        cleaning: r.get(2)?,
                        lang: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Stores the quotes of documents (replacing any stored for them) and
    /// records them in `quotes_done`, in one transaction; the groups are
    /// marked out of date until [`Store::replace_quote_groups`].
    pub fn insert_quotes(&mut self, docs: &[DocQuoteRows]) -> Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        {
            let mut del = tx.prepare_cached("DELETE FROM quotes WHERE doc_key = ?1")?;
            let mut done =
                tx.prepare_cached("INSERT OR IGNORE INTO quotes_done(doc_key) VALUES (?1)")?;
            let mut ins = tx.prepare_cached(
                "INSERT INTO quotes(doc_key, idx, begin, end, text, kind, speaker, speaker_name,
                    speaker_role, speaker_begin, speaker_end, cue, resolution, comment, confidence,
                    uncertain)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?;
            for d in docs {
                del.execute([d.doc_key])?;
                for q in &d.quotes {
                    ins.execute(params![
                        d.doc_key,
                        q.idx as i64,
                        q.begin as i64,
                        q.end as i64,
                        q.text,
                        q.kind,
                        q.speaker,
                        q.speaker_name,
                        q.speaker_role,
                        q.speaker_span.map(|s| s.0 as i64),
                        q.speaker_span.map(|s| s.1 as i64),
                        q.cue,
                        q.resolution,
                        q.comment.map(|c| c as i64),
                        q.confidence,
                        i64::from(q.uncertain),
                    ])?;
                }
                done.execute([d.doc_key])?;
            }
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, '0')
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [LINKED_KEY],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// True when quotes were stored (or documents replaced) since the last
    /// linking, or when the store has never been linked but holds quotes.
    pub fn quote_groups_stale(&self) -> Result<bool> {
        match self.meta(LINKED_KEY)? {
            Some(v) => Ok(v != "1"),
            None => Ok(self.count("quotes")? > 0),
        }
    }

    /// Calls `f` on every stored quote, ordered by document id then index
    /// (streamed: the texts are not all in memory at once).
    pub fn each_linkable_quote(
        &self,
        mut f: impl FnMut(LinkableQuote) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT q.quote_id, q.doc_key, q.idx, q.text
             FROM documents d JOIN quotes q ON q.doc_key = d.doc_key
             ORDER BY d.id, q.idx",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(LinkableQuote {
                quote_id: r.get(0)?,
                doc_key: r.get(1)?,
                idx: to_usize(r.get(2)?),
                text: r.get(3)?,
            })?;
        }
        Ok(())
    }

    /// One stored quote with its document, for building its group.
    pub fn group_quote(&self, quote_id: i64) -> Result<Option<GroupQuote>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.date, q.idx, q.text, COALESCE(q.speaker_name, q.speaker_role)
             FROM quotes q JOIN documents d ON d.doc_key = q.doc_key WHERE q.quote_id = ?1",
        )?;
        Ok(st
            .query_row([quote_id], |r| {
                Ok(GroupQuote {
                    quote_id,
                    doc_id: r.get(0)?,
                    date: r.get(1)?,
                    idx: to_usize(r.get(2)?),
                    text: r.get(3)?,
                    speaker: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Replaces every quote group (and each quote's group, wording flag and
    /// diff) in one transaction, and marks the groups up to date. Only the
    /// quotes whose group, flag or diff change are written.
    pub fn replace_quote_groups(&mut self, groups: &[QuoteGroupRow]) -> Result<()> {
        let members: std::collections::HashSet<i64> = groups
            .iter()
            .flat_map(|g| g.members.iter().map(|m| m.quote_id))
            .collect();
        let tx = self.conn.transaction()?;
        {
            // quotes grouped before and in no group now
            let mut st = tx.prepare(
                "SELECT quote_id FROM quotes
                 WHERE quote_group IS NOT NULL OR same_wording IS NOT NULL OR diff IS NOT NULL",
            )?;
            let stale: Vec<i64> = st
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?
                .into_iter()
                .filter(|q| !members.contains(q))
                .collect();
            let mut clear = tx.prepare_cached(
                "UPDATE quotes SET quote_group = NULL, same_wording = NULL, diff = NULL
                 WHERE quote_id = ?1",
            )?;
            for q in stale {
                clear.execute([q])?;
            }
        }
        tx.execute("DELETE FROM quote_groups", [])?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO quote_groups(quote_group, reference, text, size, n_docs, first_quote)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut upd = tx.prepare_cached(
                "UPDATE quotes SET quote_group = ?1, same_wording = ?2, diff = ?3
                 WHERE quote_id = ?4
                   AND (quote_group IS NOT ?1 OR same_wording IS NOT ?2 OR diff IS NOT ?3)",
            )?;
            for g in groups {
                ins.execute(params![
                    g.quote_group,
                    g.reference,
                    g.text,
                    g.members.len() as i64,
                    g.n_docs as i64,
                    g.first_quote
                ])?;
                for m in &g.members {
                    upd.execute(params![
                        g.quote_group,
                        i64::from(m.same_wording),
                        m.diff,
                        m.quote_id
                    ])?;
                }
            }
            tx.execute(
                "INSERT INTO meta(key, value) VALUES (?1, '1')
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [LINKED_KEY],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Stored quotes with their document and group, optionally of one
    /// document, ordered by document date (undated last), document id and
    /// position.
    pub fn quote_list(&self, doc_key: Option<i64>) -> Result<Vec<QuoteListRow>> {
        let sql = format!(
            "{LIST_SQL} WHERE ?1 IS NULL OR q.doc_key = ?1
             ORDER BY d.date IS NULL, d.date, d.id, q.begin, q.idx"
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map([doc_key], list_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CleanMeta, NewDoc};
    use echotrace_core::model::Document;

    fn doc(id: &str, date: &str, text: &str) -> NewDoc {
        NewDoc {
            doc: Document {
                id: id.into(),
                text: text.into(),
                date: Some(date.into()),
                ..Default::default()
            },
            text_hash: format!("h-{text}"),
            n_chars: text.chars().count(),
            n_words: 1,
            fingerprints: vec![],
            meta: CleanMeta::default(),
        }
    }

    fn quote(idx: usize, text: &str) -> QuoteRow {
        QuoteRow {
            idx,
            begin: 1,
            end: 1 + text.chars().count(),
            text: text.into(),
            kind: "direct".into(),
            speaker: Some("the minister, Ana Vell".into()),
            speaker_name: Some("Ana Vell".into()),
            speaker_role: Some("minister".into()),
            speaker_span: Some((20, 42)),
            cue: Some("said".into()),
            resolution: "named".into(),
            comment: None,
            confidence: 0.9,
            uncertain: false,
        }
    }

    #[test]
    fn quotes_round_trip_groups_and_staleness() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("t.db")).unwrap();
        let run = s.begin_run("{}").unwrap();
        s.insert_docs(
            &[doc("b", "2024-01-02", "xx"), doc("a", "2024-01-03", "yy")],
            run,
        )
        .unwrap();
        let (kb, ka) = (
            s.doc_key("b").unwrap().unwrap(),
            s.doc_key("a").unwrap().unwrap(),
        );
        assert_eq!(s.docs_without_quotes().unwrap(), vec![kb, ka]);
        assert!(!s.quote_groups_stale().unwrap());
        assert_eq!(s.quote_source(ka).unwrap().unwrap().text, "yy");
        assert!(s.quote_source(9999).unwrap().is_none());
        s.insert_quotes(&[
            DocQuoteRows {
                doc_key: kb,
                quotes: vec![quote(0, "one two three four five")],
            },
            DocQuoteRows {
                doc_key: ka,
                quotes: vec![],
            },
        ])
        .unwrap();
        assert!(s.docs_without_quotes().unwrap().is_empty());
        assert!(s.quote_groups_stale().unwrap());
        // Storing again replaces instead of duplicating.
        s.insert_quotes(&[DocQuoteRows {
            doc_key: ka,
            quotes: vec![quote(0, "one two three four six")],
        }])
        .unwrap();
        assert_eq!(s.count("quotes").unwrap(), 2);
        let mut l = Vec::new();
        s.each_linkable_quote(|q| {
            l.push(q);
            Ok(())
        })
        .unwrap();
        assert_eq!(l[0].doc_key, ka, "ordered by document id");
        assert_eq!(l[0].text, "one two three four six");
        let gq = s.group_quote(l[0].quote_id).unwrap().unwrap();
        assert_eq!(gq.doc_id, "a");
        assert_eq!(gq.speaker.as_deref(), Some("Ana Vell"));
        assert!(s.group_quote(-1).unwrap().is_none());
        let g = QuoteGroupRow {
            quote_group: 0,
            reference: l[1].quote_id,
            text: l[1].text.clone(),
            n_docs: 2,
            first_quote: l[1].quote_id,
            members: vec![
                GroupMemberRow {
                    quote_id: l[1].quote_id,
                    same_wording: true,
                    diff: "[]".into(),
                },
                GroupMemberRow {
                    quote_id: l[0].quote_id,
                    same_wording: false,
                    diff: "[{\"op\":\"insert\",\"words\":[\"six\"]}]".into(),
                },
            ],
        };
        s.replace_quote_groups(&[g]).unwrap();
        assert!(!s.quote_groups_stale().unwrap());
        assert_eq!(s.count("quote_groups").unwrap(), 1);
        let list = s.quote_list(None).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].doc_id, "b", "earliest date first");
        assert_eq!(list[0].row, quote(0, "one two three four five"));
        assert_eq!(list[1].same_wording, Some(false));
        assert_eq!(
            list[1].first,
            Some(("b".to_string(), Some("2024-01-02".to_string()), 1))
        );
        assert_eq!(s.quote_list(Some(ka)).unwrap().len(), 1);
        // Relinking with no groups clears the quotes' group columns.
        s.replace_quote_groups(&[]).unwrap();
        assert!(s.quote_list(None).unwrap()[0].quote_group.is_none());
        // Replacing a document drops its quotes and its quotes_done row.
        s.insert_docs(&[doc("a", "2024-01-03", "changed")], run)
            .unwrap();
        assert_eq!(s.count("quotes").unwrap(), 1);
        assert_eq!(s.docs_without_quotes().unwrap().len(), 1);
    }
}
