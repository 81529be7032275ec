//! Quotes in the CLI: the trace hook (extract each new document's quotes,
//! catch up stored documents without them, link the same quote across
//! documents) and the `quotes`, `speakers`, `eval quotes`, `export --quotes`
//! commands, plus the quote parts of `show`.

use crate::cleaning::Aside;
use crate::pipeline::TraceStats;
use crate::query::{round3, snippet};
use crate::{ExportFormat, ListFormat};
use anyhow::{bail, Context, Result};
use echotrace_core::model::CharSpan;
use echotrace_core::normalise::{folded, slice_chars};
use echotrace_quotes::eval::{parse_gold, run as run_eval, QuoteScores, GOLD_DEV, GOLD_HELDOUT};
use echotrace_quotes::link::{signature, Linked, Linker, MemberText};
use echotrace_quotes::{Quote, Resolution};
use echotrace_store::{
    decode_spans, DocQuoteRows, GroupMemberRow, GroupQuote, NewDoc, QuoteGroupRow, QuoteListRow,
    QuoteRow, Store,
};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Stored documents extracted per transaction when catching up.
const CATCH_UP_CHUNK: usize = 512;
/// Quotes whose linking signatures are computed in parallel at a time.
const SIGNATURE_CHUNK: usize = 8192;
/// Group members whose texts are read, then grouped in parallel, at a time.
const GROUP_CHUNK: usize = 20_000;

/// The reader comments' spans from the clean stage's JSON, in comment order
/// (the index a quote's `comment` refers to).
fn comment_spans(cleaning: Option<&str>) -> Vec<CharSpan> {
    let aside: Aside = cleaning
        .and_then(|c| serde_json::from_str(c).ok())
        .unwrap_or_default();
    aside
        .comments
        .iter()
        .map(|c| CharSpan {
            begin: c.begin,
            end: c.end.max(c.begin),
        })
        .collect()
}

fn kind_name(q: &Quote) -> String {
    serde_json::to_value(q.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "direct".into())
}

/// Extracts the quotes of one text and turns them into store rows.
pub fn extract_rows(
    text: &str,
    body: Option<&[CharSpan]>,
    comments: &[CharSpan],
    lang: Option<&str>,
) -> Vec<QuoteRow> {
    let quotes = echotrace_quotes::extract(text, body.unwrap_or(&[]), comments, lang);
    if quotes.is_empty() {
        return Vec::new();
    }
    // byte offset of every quote's bounds (char offsets, clamped to the
    // text), in one pass over the text
    let mut bounds: Vec<usize> = quotes
        .iter()
        .flat_map(|q| [q.span.begin, q.span.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut bytes = Vec::with_capacity(bounds.len());
    let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
    let mut at = 0usize;
    let mut cur = it.next();
    for &c in &bounds {
        while at < c {
            match it.next() {
                Some(b) => {
                    cur = Some(b);
                    at += 1;
                }
                None => break,
            }
        }
        bytes.push(cur.unwrap_or(text.len()));
    }
    let byte = |c: usize| bytes[bounds.partition_point(|&x| x < c)];
    let slice = |b: usize, e: usize| -> String {
        let (b, e) = (byte(b), byte(e));
        text[b.min(e)..e].to_string()
    };
    quotes
        .iter()
        .enumerate()
        .map(|(idx, q)| {
            let (resolution, comment) = match q.resolution {
                Resolution::Named => ("named", None),
                Resolution::Resolved { .. } => ("resolved", None),
                Resolution::Unresolved => ("unresolved", None),
                Resolution::Comment { n } => ("comment", Some(n)),
            };
            QuoteRow {
                idx,
                begin: q.span.begin,
                end: q.span.end,
                text: slice(q.span.begin, q.span.end),
                kind: kind_name(q),
                speaker: q.speaker.as_ref().map(|s| s.as_written.clone()),
                speaker_name: q.speaker.as_ref().and_then(|s| s.name.clone()),
                speaker_role: q.speaker.as_ref().and_then(|s| s.role.clone()),
                speaker_span: q.speaker.as_ref().map(|s| (s.span.begin, s.span.end)),
                cue: q.cue.clone(),
                resolution: resolution.into(),
                comment,
                confidence: f64::from(q.confidence),
                uncertain: q.uncertain,
            }
        })
        .collect()
}

/// The trace hook after a batch of documents is stored: extracts their
/// quotes in parallel and stores them (one transaction). Returns the
/// seconds spent.
pub fn store_batch(store: &mut Store, docs: &[NewDoc]) -> Result<f64> {
    let t = Instant::now();
    let rows: Vec<Vec<QuoteRow>> = docs
        .par_iter()
        .map(|d| {
            extract_rows(
                &d.doc.text,
                d.meta.body.as_deref(),
                &comment_spans(d.meta.cleaning.as_deref()),
                d.meta.lang.as_ref().map(|l| l.0.as_str()),
            )
        })
        .collect();
    let mut out = Vec::with_capacity(docs.len());
    for (d, quotes) in docs.iter().zip(rows) {
        if let Some(doc_key) = store.doc_key(&d.doc.id)? {
            out.push(DocQuoteRows { doc_key, quotes });
        }
    }
    store.insert_quotes(&out).context("storing quotes")?;
    Ok(t.elapsed().as_secs_f64())
}

/// The trace hook at the end of a run: extracts the quotes of stored
/// documents that have none yet (stores from older versions, runs
/// interrupted between a batch and its quotes), links every stored quote
/// across documents when something changed, and fills the counts.
pub fn finish(store: &mut Store, stats: &mut TraceStats) -> Result<()> {
    let t = Instant::now();
    let missing = store.docs_without_quotes()?;
    for chunk in missing.chunks(CATCH_UP_CHUNK) {
        let mut sources = Vec::with_capacity(chunk.len());
        for &k in chunk {
            if let Some(s) = store.quote_source(k)? {
                sources.push(s);
            }
        }
        let rows: Vec<DocQuoteRows> = sources
            .par_iter()
            .map(|s| {
                let body = s.body.as_deref().and_then(decode_spans);
                DocQuoteRows {
                    doc_key: s.doc_key,
                    quotes: extract_rows(
                        &s.text,
                        body.as_deref(),
                        &comment_spans(s.cleaning.as_deref()),
                        s.lang.as_deref(),
                    ),
                }
            })
            .collect();
        store.insert_quotes(&rows).context("storing quotes")?;
    }
    if store.quote_groups_stale()? {
        link_all(store).context("linking quotes")?;
    }
    stats.quotes = store.count("quotes")?;
    stats.quote_groups = store.count("quote_groups")?;
    stats.seconds_quotes += t.elapsed().as_secs_f64();
    Ok(())
}

/// Links every stored quote across documents and rewrites the groups.
/// Documents are given to the linker by id, so groups are numbered by
/// their first member in document-id order and a tie on dates goes to the
/// smaller id. The quotes are streamed into the linker, which keeps hashes
/// only; the texts of grouped quotes are read back one group at a time.
pub fn link_all(store: &mut Store) -> Result<()> {
    let mut linker = Linker::new();
    // quote_id of each quote kept by the linker, in order
    let mut ids: Vec<i64> = Vec::new();
    // (doc number, idx, quote_id, text) waiting for their signatures
    let mut pending: Vec<(usize, usize, i64, String)> = Vec::with_capacity(SIGNATURE_CHUNK);
    let flush = |pending: &mut Vec<(usize, usize, i64, String)>,
                 linker: &mut Linker,
                 ids: &mut Vec<i64>| {
        let sigs: Vec<_> = pending.par_iter().map(|p| signature(&p.3)).collect();
        for (p, sig) in pending.drain(..).zip(sigs) {
            if let Some(sig) = sig {
                linker.push(p.0, p.1, sig);
                ids.push(p.2);
            }
        }
    };
    let mut doc = 0usize;
    let mut last_key = None;
    store.each_linkable_quote(|q| {
        if last_key != Some(q.doc_key) {
            if last_key.is_some() {
                doc += 1;
            }
            last_key = Some(q.doc_key);
        }
        pending.push((doc, q.idx, q.quote_id, q.text));
        if pending.len() >= SIGNATURE_CHUNK {
            flush(&mut pending, &mut linker, &mut ids);
        }
        Ok(())
    })?;
    flush(&mut pending, &mut linker, &mut ids);
    let components = linker.components();
    drop(linker);
    let mut rows = Vec::with_capacity(components.len());
    let mut start = 0;
    while start < components.len() {
        // a run of groups with at most GROUP_CHUNK members (at least one group)
        let mut end = start;
        let mut size = 0;
        while end < components.len()
            && (end == start || size + components[end].len() <= GROUP_CHUNK)
        {
            size += components[end].len();
            end += 1;
        }
        let mut texts = Vec::with_capacity(end - start);
        for members in &components[start..end] {
            let mut t = Vec::with_capacity(members.len());
            for m in members {
                let id = ids[m.item];
                let q = store
                    .group_quote(id)?
                    .with_context(|| format!("quote {id} vanished while linking"))?;
                t.push((*m, q));
            }
            texts.push(t);
        }
        let built: Vec<Option<QuoteGroupRow>> = texts
            .par_iter()
            .enumerate()
            .map(|(i, t)| group_row((start + i) as i64, t))
            .collect::<Result<_>>()?;
        rows.extend(built.into_iter().flatten());
        start = end;
    }
    store.replace_quote_groups(&rows)
}

/// One group's row from its members and their stored quotes.
fn group_row(n: i64, texts: &[(Linked, GroupQuote)]) -> Result<Option<QuoteGroupRow>> {
    let g = echotrace_quotes::link::group(
        texts
            .iter()
            .map(|(m, q)| MemberText {
                linked: *m,
                doc_id: &q.doc_id,
                date: q.date.as_deref().filter(|d| !d.trim().is_empty()),
                index: q.idx,
                speaker: q.speaker.as_deref(),
                text: &q.text,
            })
            .collect(),
    );
    // (doc, idx) -> quote_id within this group
    let mut by_pos: Vec<((usize, usize), i64)> = texts
        .iter()
        .map(|(m, q)| ((m.doc, q.idx), q.quote_id))
        .collect();
    by_pos.sort_unstable();
    let quote_id = |doc: usize, idx: usize| -> Option<i64> {
        let k = by_pos.binary_search_by_key(&(doc, idx), |x| x.0).ok()?;
        Some(by_pos[k].1)
    };
    let mut out = Vec::with_capacity(g.members.len());
    for m in &g.members {
        let Some(id) = quote_id(m.doc, m.quote) else {
            continue;
        };
        out.push(GroupMemberRow {
            quote_id: id,
            same_wording: m.same_wording,
            diff: serde_json::to_string(&m.diff)?,
        });
    }
    let reference = g
        .members
        .get(g.reference)
        .and_then(|m| quote_id(m.doc, m.quote));
    let (Some(reference), Some(first)) = (reference, out.first().map(|m| m.quote_id)) else {
        return Ok(None);
    };
    let mut docs_in: Vec<usize> = g.members.iter().map(|m| m.doc).collect();
    docs_in.sort_unstable();
    docs_in.dedup();
    Ok(Some(QuoteGroupRow {
        quote_group: n,
        reference,
        text: g.text,
        n_docs: docs_in.len(),
        first_quote: first,
        members: out,
    }))
}

/// The summary line of `trace`.
pub fn summary_line(s: &TraceStats) -> String {
    format!(
        "  {} quotes, {} quote groups (the same quote in several documents)",
        s.quotes, s.quote_groups
    )
}

/// The first appearance of a quote's group.
#[derive(Debug, Clone, Serialize)]
pub struct FirstAppearance {
    pub id: String,
    pub date: Option<String>,
    pub begin: usize,
}

/// One quote as `quotes --format jsonl` and `export --quotes` write it.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRecord {
    /// The document's id.
    pub id: String,
    pub date: Option<String>,
    /// The quote's index in its document.
    pub quote: usize,
    pub begin: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    /// The speaker as written next to the quote.
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_begin: Option<usize>,
    pub speaker_end: Option<usize>,
    pub cue: Option<String>,
    pub resolution: String,
    /// Reader comment index (0-based, `cN` is N-1 in `show --raw`).
    pub comment: Option<usize>,
    pub confidence: f64,
    pub uncertain: bool,
    /// The cross-document group, when the quote appears in other documents.
    pub group: Option<i64>,
    pub first: Option<FirstAppearance>,
    /// The wording is the group's reference wording (case, accents and punctuation aside).
    pub same_wording: Option<bool>,
    /// Word diff against the group's reference (`[{op, words}]`).
    pub diff: Option<serde_json::Value>,
}

impl QuoteRecord {
    fn from_row(r: QuoteListRow) -> Self {
        let q = r.row;
        QuoteRecord {
            id: r.doc_id,
            date: r.date,
            quote: q.idx,
            begin: q.begin,
            end: q.end,
            text: q.text,
            kind: q.kind,
            speaker: q.speaker,
            speaker_name: q.speaker_name,
            speaker_role: q.speaker_role,
            speaker_begin: q.speaker_span.map(|s| s.0),
            speaker_end: q.speaker_span.map(|s| s.1),
            cue: q.cue,
            resolution: q.resolution,
            comment: q.comment,
            confidence: round3(q.confidence),
            uncertain: q.uncertain,
            group: r.quote_group,
            first: r
                .first
                .map(|(id, date, begin)| FirstAppearance { id, date, begin }),
            same_wording: r.same_wording,
            diff: r.diff.and_then(|d| serde_json::from_str(&d).ok()),
        }
    }

    fn who(&self) -> String {
        match (&self.speaker_name, &self.speaker_role) {
            (Some(n), Some(r)) => format!("{n} ({r})"),
            (Some(n), None) => n.clone(),
            (None, Some(r)) => r.clone(),
            (None, None) if self.resolution == "comment" => match self.comment {
                Some(c) => format!("reader comment c{}", c + 1),
                None => "reader comment".into(),
            },
            (None, None) => "(no speaker)".into(),
        }
    }

    fn group_line(&self) -> Option<String> {
        let g = self.group?;
        let first = self.first.as_ref()?;
        let here = first.id == self.id && first.begin == self.begin;
        let when = first
            .date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
        let wording = match self.same_wording {
            Some(false) => "wording differs",
            _ => "same wording",
        };
        Some(if here {
            format!("group {g}: first appearance (this one{when}); {wording}")
        } else {
            format!(
                "group {g}: first appearance in {}{when}; {wording}",
                first.id
            )
        })
    }
}

/// Whole-word match of `needle` in `hay`, case, accents and punctuation aside.
fn contains_words(hay: &str, needle: &str) -> bool {
    let n = folded(needle);
    !n.is_empty() && format!(" {} ", folded(hay)).contains(&format!(" {n} "))
}

fn hint_if_never_extracted(store: &Store) -> Result<()> {
    if store.count("quotes")? == 0 && !store.docs_without_quotes()?.is_empty() {
        eprintln!(
            "echotrace: no quotes were extracted in this database yet (it was traced by an older version): run `echotrace trace` on it again"
        );
    }
    Ok(())
}

/// `echotrace quotes`.
pub fn quotes_command(
    db: &Path,
    speaker: Option<&str>,
    search: Option<&str>,
    doc: Option<&str>,
    format: ListFormat,
) -> Result<u8> {
    let store = Store::open_readonly(db)?;
    let key = match doc {
        Some(id) => Some(
            store
                .doc_key(id)?
                .with_context(|| format!("no document with id {id:?} in the database"))?,
        ),
        None => None,
    };
    hint_if_never_extracted(&store)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut n = 0usize;
    for row in store.quote_list(key)? {
        if let Some(s) = speaker {
            let q = &row.row;
            let hit = [&q.speaker_name, &q.speaker_role, &q.speaker]
                .iter()
                .any(|f| f.as_deref().is_some_and(|f| contains_words(f, s)));
            if !hit {
                continue;
            }
        }
        if search.is_some_and(|s| !contains_words(&row.row.text, s)) {
            continue;
        }
        n += 1;
        let r = QuoteRecord::from_row(row);
        match format {
            ListFormat::Jsonl => writeln!(w, "{}", serde_json::to_string(&r)?)?,
            ListFormat::Text => {
                writeln!(
                    w,
                    "{} {} [{}..{}] {}{} · {}{}",
                    r.id,
                    r.date.as_deref().unwrap_or("(no date)"),
                    r.begin,
                    r.end,
                    r.kind,
                    if r.uncertain { " (uncertain end)" } else { "" },
                    r.who(),
                    r.cue
                        .as_deref()
                        .map(|c| format!(" · {c}"))
                        .unwrap_or_default()
                )?;
                writeln!(w, "  «{}»", snippet(&r.text, 300))?;
                if let Some(g) = r.group_line() {
                    writeln!(w, "  {g}")?;
                }
            }
        }
    }
    if format == ListFormat::Text {
        writeln!(w, "({n} quotes)")?;
    }
    w.flush()?;
    Ok(0)
}

/// One line of `echotrace speakers`.
#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRecord {
    /// The normalised name, or the role when no name is known.
    pub speaker: String,
    pub named: bool,
    /// The role most often given with the name.
    pub role: Option<String>,
    pub quotes: usize,
    pub documents: usize,
}

/// Speakers with their counts: by quotes, then documents, then name.
/// Quotes in reader comments and quotes without a speaker are not listed
/// (their counts are returned apart: `(speakers, in comments, unattributed)`).
pub fn speakers(store: &Store) -> Result<(Vec<SpeakerRecord>, usize, usize)> {
    #[derive(Default)]
    struct Acc {
        named: bool,
        roles: BTreeMap<String, usize>,
        quotes: usize,
        docs: Vec<i64>,
    }
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    let (mut in_comments, mut none) = (0, 0);
    for r in store.quote_list(None)? {
        let q = &r.row;
        if q.resolution == "comment" {
            in_comments += 1;
            continue;
        }
        let (label, named) = match (&q.speaker_name, &q.speaker_role) {
            (Some(n), _) => (n.clone(), true),
            (None, Some(role)) => (role.clone(), false),
            (None, None) => {
                none += 1;
                continue;
            }
        };
        let a = by.entry(label).or_default();
        a.named = named;
        if named {
            if let Some(role) = &q.speaker_role {
                *a.roles.entry(role.clone()).or_default() += 1;
            }
        }
        a.quotes += 1;
        a.docs.push(r.doc_key);
    }
    let mut out: Vec<SpeakerRecord> = by
        .into_iter()
        .map(|(speaker, mut a)| {
            a.docs.sort_unstable();
            a.docs.dedup();
            // most frequent role, then alphabetical (BTreeMap order)
            let role = a
                .roles
                .iter()
                .fold(None::<(&String, usize)>, |best, (r, &c)| match best {
                    Some((_, bc)) if bc >= c => best,
                    _ => Some((r, c)),
                })
                .map(|(r, _)| r.clone());
            SpeakerRecord {
                speaker,
                named: a.named,
                role,
                quotes: a.quotes,
                documents: a.docs.len(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.quotes
            .cmp(&a.quotes)
            .then(b.documents.cmp(&a.documents))
            .then(a.speaker.cmp(&b.speaker))
    });
    Ok((out, in_comments, none))
}

/// `echotrace speakers`.
pub fn speakers_command(db: &Path, format: ListFormat) -> Result<u8> {
    let store = Store::open_readonly(db)?;
    hint_if_never_extracted(&store)?;
    let (list, in_comments, none) = speakers(&store)?;
    let stdout = std::io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    for s in &list {
        match format {
            ListFormat::Jsonl => writeln!(w, "{}", serde_json::to_string(s)?)?,
            ListFormat::Text => writeln!(
                w,
                "{:>6} quotes in {:>5} documents  {}{}",
                s.quotes,
                s.documents,
                s.speaker,
                match (&s.role, s.named) {
                    (Some(r), _) => format!(" — {r}"),
                    (None, false) => " (role only)".into(),
                    (None, true) => String::new(),
                }
            )?,
        }
    }
    if format == ListFormat::Text {
        writeln!(
            w,
            "({} speakers; {in_comments} quotes in reader comments and {none} without a speaker not listed)",
            list.len()
        )?;
    }
    w.flush()?;
    Ok(0)
}

/// `echotrace export --quotes`: one JSON record per stored quote.
pub fn export_quotes(store: &Store, format: ExportFormat, out: Option<&Path>) -> Result<()> {
    if format != ExportFormat::Jsonl {
        bail!("--quotes is written as JSON lines only (use --format jsonl)");
    }
    let mut w: Box<dyn Write> = match out {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    // export order: by document id, then position
    let mut rows = store.quote_list(None)?;
    rows.sort_by(|a, b| {
        (a.doc_id.as_str(), a.row.begin, a.row.idx).cmp(&(
            b.doc_id.as_str(),
            b.row.begin,
            b.row.idx,
        ))
    });
    for r in rows {
        writeln!(w, "{}", serde_json::to_string(&QuoteRecord::from_row(r))?)?;
    }
    w.flush()?;
    Ok(())
}

/// Marker numbers at or above this are quotes (`⟨qN … ⟩qN` in `show`);
/// below, reused passages (`⟦N … ⟧N`).
pub const QUOTE_MARK: usize = 1 << 30;

/// The text of a `show` marker: `kind` 1 opens, 0 closes.
pub fn marker(kind: u8, n: usize) -> String {
    match (n >= QUOTE_MARK, kind == 1) {
        (false, true) => format!("⟦{n} "),
        (false, false) => format!(" ⟧{n}"),
        (true, true) => format!("⟨q{} ", n - QUOTE_MARK),
        (true, false) => format!(" ⟩q{}", n - QUOTE_MARK),
    }
}

/// `show`'s markers for a document's quotes, as (char position, kind, n).
pub fn quote_marks(store: &Store, doc_key: i64) -> Result<Vec<(usize, u8, usize)>> {
    let rows = store.quote_list(Some(doc_key))?;
    let mut marks = Vec::with_capacity(rows.len() * 2);
    for (i, r) in rows.iter().enumerate() {
        marks.push((r.row.begin, 1, QUOTE_MARK + i + 1));
        marks.push((r.row.end, 0, QUOTE_MARK + i + 1));
    }
    Ok(marks)
}

/// `show`'s list of the document's quotes (numbered as [`quote_marks`]).
pub fn write_doc_quotes(store: &Store, doc_key: i64, w: &mut dyn Write) -> Result<()> {
    let rows = store.quote_list(Some(doc_key))?;
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(w)?;
    writeln!(w, "{} quotes", rows.len())?;
    for (i, row) in rows.into_iter().enumerate() {
        let r = QuoteRecord::from_row(row);
        writeln!(
            w,
            "[q{}] chars {}..{}, {}, {}{}: «{}»",
            i + 1,
            r.begin,
            r.end,
            r.kind,
            r.who(),
            r.cue
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default(),
            snippet(&r.text, 80)
        )?;
        if let Some(g) = r.group_line() {
            writeln!(w, "    {g}")?;
        }
    }
    Ok(())
}

/// `show --raw`: the stretches of reader comments that quote their own
/// article (the clean stage's `quotes_article`).
pub fn write_comment_quotes(w: &mut dyn Write, text: &str, aside: &Aside) -> Result<()> {
    let mut lines = Vec::new();
    for (k, c) in aside.comments.iter().enumerate() {
        for q in &c.quotes_article {
            lines.push(format!(
                "c{} quotes the article ({} words): comment chars {}..{} «{}» = body chars {}..{}",
                k + 1,
                q.words,
                q.comment.0,
                q.comment.1,
                snippet(slice_chars(text, q.comment.0, q.comment.1), 100),
                q.body.0,
                q.body.1
            ));
        }
    }
    if !lines.is_empty() {
        writeln!(w, "# reader comments quoting the article:")?;
        for l in lines {
            writeln!(w, "{l}")?;
        }
    }
    Ok(())
}

fn print_scores(name: &str, s: &QuoteScores, verbose: bool, json: bool) -> Result<()> {
    if json {
        let mut v = serde_json::to_value(s)?;
        v["gold_set"] = serde_json::Value::String(name.to_string());
        if !verbose {
            if let Some(o) = v.as_object_mut() {
                o.remove("errors");
            }
        }
        println!("{v}");
        return Ok(());
    }
    println!(
        "{name}: {} gold quotes, {} predicted, {} matched | quote spans P {:.3} R {:.3} F1 {:.3} | speaker accuracy {:.3} ({}/{} matched; {:.3} of all gold) | kind {}/{}",
        s.gold,
        s.predicted,
        s.matched,
        s.precision,
        s.recall,
        s.f1,
        s.speaker_accuracy,
        s.speaker_correct,
        s.matched,
        s.speaker_recall,
        s.kind_correct,
        s.matched
    );
    if verbose {
        for e in &s.errors {
            println!("  {e}");
        }
    }
    Ok(())
}

/// `echotrace eval quotes [GOLD.jsonl...]`: scores quote extraction on gold
/// files, or on the two gold sets built into the binary when none is given.
pub fn eval_command(files: &[PathBuf], json: bool, verbose: bool) -> Result<u8> {
    let sets: Vec<(String, String)> = if files.is_empty() {
        vec![
            ("gold_dev (built in)".into(), GOLD_DEV.to_string()),
            ("gold_heldout (built in)".into(), GOLD_HELDOUT.to_string()),
        ]
    } else {
        files
            .iter()
            .map(|p| {
                std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read gold file {}", p.display()))
                    .map(|t| (p.display().to_string(), t))
            })
            .collect::<Result<_>>()?
    };
    for (name, text) in sets {
        let gold = parse_gold(&text)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{name}: not a quote gold file"))?;
        let (_, scores) = run_eval(&gold);
        print_scores(&name, &scores, verbose, json)?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_carry_offsets_speakers_and_comments() {
        let text = "La ministre Ana Vell a déclaré : « Nous tiendrons les délais fixés par la loi. »\n\nUn lecteur : « Je n'y crois pas du tout, vraiment pas. »";
        let body = [CharSpan { begin: 0, end: 80 }];
        let comments = [CharSpan {
            begin: 82,
            end: text.chars().count(),
        }];
        let rows = extract_rows(text, Some(&body), &comments, Some("fr"));
        assert!(!rows.is_empty());
        let q = &rows[0];
        assert_eq!(slice_chars(text, q.begin, q.end), q.text);
        assert!(q.text.starts_with("Nous tiendrons"));
        assert_eq!(q.speaker_name.as_deref(), Some("Ana Vell"));
        assert_eq!(q.kind, "direct");
        assert!(rows
            .iter()
            .any(|r| r.resolution == "comment" && r.comment == Some(0)));
    }

    #[test]
    fn marker_and_word_matching() {
        assert_eq!(marker(1, 3), "⟦3 ");
        assert_eq!(marker(0, QUOTE_MARK + 2), " ⟩q2");
        assert!(contains_words("Maria Zakharova", "zakharova"));
        assert!(contains_words("Sergueï Lavrov", "Serguei LAVROV"));
        assert!(!contains_words("Maria Zakharova", "zak"));
        assert!(!contains_words("anything", "  "));
        assert!(comment_spans(Some("not json")).is_empty());
    }
}
