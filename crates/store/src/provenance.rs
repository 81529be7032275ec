//! Provenance tables: outlets, each document's outlet, and per passage its
//! place in the copy tree of its cluster (source or parent, evidence,
//! attribution). Rewritten as a whole after each trace, in one transaction.

use crate::Store;
use anyhow::Result;
use echotrace_core::model::CharSpan;
use rusqlite::params;

/// What the provenance stage reads about one document.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvenanceDoc {
    pub doc_key: i64,
    pub id: String,
    pub series: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    /// `day`, `month` or `year` when the clean stage found the date.
    pub date_precision: Option<String>,
    pub n_chars: i64,
}

/// An alignment between two stored passages.
#[derive(Debug, Clone, PartialEq)]
pub struct PassageAlignment {
    pub passage_a: i64,
    pub passage_b: i64,
    pub a: CharSpan,
    pub b: CharSpan,
    pub matched_words: i64,
    pub score: f64,
}

/// One outlet, as stored in `outlets`. `aliases`, `domains` and `stats` are
/// JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct OutletRecord {
    pub outlet: i64,
    pub name: String,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub aliases: String,
    pub domains: String,
    pub stats: Option<String>,
}

/// One passage's place in its cluster's copy tree, as stored in
/// `provenance`. `evidence` and `credits` are JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvenanceRow {
    pub uid: i64,
    pub cluster: i64,
    pub is_source: bool,
    pub parent: Option<i64>,
    pub depth: i64,
    pub confidence: f64,
    pub evidence: String,
    /// `credited`, `credits_other`, `unattributed` or `same_outlet`; `None`
    /// for the source.
    pub attribution: Option<String>,
    pub flagged: bool,
    pub credits: Option<String>,
}

impl Store {
    /// Every document's metadata, in `doc_key` order.
    pub fn provenance_docs(&self) -> Result<Vec<ProvenanceDoc>> {
        let mut st = self.conn.prepare(
            "SELECT doc_key, id, series, site, url, date, date_precision, n_chars
             FROM documents ORDER BY doc_key",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ProvenanceDoc {
                doc_key: r.get(0)?,
                id: r.get(1)?,
                series: r.get(2)?,
                site: r.get(3)?,
                url: r.get(4)?,
                date: r.get(5)?,
                date_precision: r.get(6)?,
                n_chars: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Alignments whose two sides belong to passages, in `alignment_id` order.
    pub fn passage_alignments(&self) -> Result<Vec<PassageAlignment>> {
        let mut st = self.conn.prepare(
            "SELECT passage_a, passage_b, a_begin, a_end, b_begin, b_end, matched_words, score
             FROM alignments WHERE passage_a IS NOT NULL AND passage_b IS NOT NULL
             ORDER BY alignment_id",
        )?;
        let rows = st.query_map([], |r| {
            let span = |b: usize, e: usize| -> rusqlite::Result<CharSpan> {
                Ok(CharSpan {
                    begin: r.get::<_, i64>(b)?.max(0) as usize,
                    end: r.get::<_, i64>(e)?.max(0) as usize,
                })
            };
            Ok(PassageAlignment {
                passage_a: r.get(0)?,
                passage_b: r.get(1)?,
                a: span(2, 3)?,
                b: span(4, 5)?,
                matched_words: r.get(6)?,
                score: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces all provenance data in one transaction: readers see the old
    /// or the new data, never a mix.
    pub fn replace_provenance(
        &mut self,
        outlets: &[OutletRecord],
        doc_outlets: &[(i64, i64)],
        rows: &[ProvenanceRow],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch("DELETE FROM provenance; DELETE FROM doc_outlets; DELETE FROM outlets;")?;
        {
            let mut st = tx.prepare(
                "INSERT INTO outlets(outlet, name, kind, country, aliases, domains, stats)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for o in outlets {
                st.execute(params![
                    o.outlet, o.name, o.kind, o.country, o.aliases, o.domains, o.stats
                ])?;
            }
            let mut st = tx.prepare("INSERT INTO doc_outlets(doc_key, outlet) VALUES (?1, ?2)")?;
            for (d, o) in doc_outlets {
                st.execute(params![d, o])?;
            }
            let mut st = tx.prepare(
                "INSERT INTO provenance(uid, cluster, is_source, parent, depth, confidence,
                                        evidence, attribution, flagged, credits)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for r in rows {
                st.execute(params![
                    r.uid,
                    r.cluster,
                    r.is_source,
                    r.parent,
                    r.depth,
                    r.confidence,
                    r.evidence,
                    r.attribution,
                    r.flagged,
                    r.credits
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// All provenance rows, by passage uid.
    pub fn provenance_rows(&self) -> Result<Vec<ProvenanceRow>> {
        let mut st = self.conn.prepare(
            "SELECT uid, cluster, is_source, parent, depth, confidence, evidence, attribution,
                    flagged, credits FROM provenance ORDER BY uid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(ProvenanceRow {
                uid: r.get(0)?,
                cluster: r.get(1)?,
                is_source: r.get(2)?,
                parent: r.get(3)?,
                depth: r.get(4)?,
                confidence: r.get(5)?,
                evidence: r.get(6)?,
                attribution: r.get(7)?,
                flagged: r.get(8)?,
                credits: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// All outlets, by number.
    pub fn outlets(&self) -> Result<Vec<OutletRecord>> {
        let mut st = self.conn.prepare(
            "SELECT outlet, name, kind, country, aliases, domains, stats FROM outlets ORDER BY outlet",
        )?;
        let rows = st.query_map([], |r| {
            Ok(OutletRecord {
                outlet: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                country: r.get(3)?,
                aliases: r
                    .get::<_, Option<String>>(4)?
                    .unwrap_or_else(|| "[]".into()),
                domains: r
                    .get::<_, Option<String>>(5)?
                    .unwrap_or_else(|| "[]".into()),
                stats: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each document's outlet number, by `doc_key`.
    pub fn doc_outlets(&self) -> Result<Vec<(i64, i64)>> {
        let mut st = self
            .conn
            .prepare("SELECT doc_key, outlet FROM doc_outlets ORDER BY doc_key")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_round_trip_replaces_everything() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("p.db")).unwrap();
        let o = OutletRecord {
            outlet: 0,
            name: "Agence Nord".into(),
            kind: Some("wire".into()),
            country: None,
            aliases: "[\"AN\"]".into(),
            domains: "[]".into(),
            stats: Some("{}".into()),
        };
        let row = ProvenanceRow {
            uid: 7,
            cluster: 1,
            is_source: false,
            parent: Some(3),
            depth: 1,
            confidence: 0.8,
            evidence: "[]".into(),
            attribution: Some("unattributed".into()),
            flagged: true,
            credits: None,
        };
        s.replace_provenance(std::slice::from_ref(&o), &[], std::slice::from_ref(&row))
            .unwrap();
        s.replace_provenance(std::slice::from_ref(&o), &[], std::slice::from_ref(&row))
            .unwrap();
        assert_eq!(s.outlets().unwrap(), vec![o.clone()]);
        assert_eq!(s.provenance_rows().unwrap(), vec![row]);
        // A document's outlet needs the document (foreign key).
        assert!(s.replace_provenance(&[o], &[(1, 0)], &[]).is_err());
        assert_eq!(
            s.provenance_rows().unwrap().len(),
            1,
            "a failed replace keeps the old data"
        );
    }
}
