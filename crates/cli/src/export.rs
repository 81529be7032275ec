//! `echotrace export`: passages (or documents) as JSON lines or Parquet.
//!
//! Both formats carry the same fields. In Parquet, nested values (the
//! aligned counterparts, the input record's extra fields) are JSON strings,
//! so the file opens in any Parquet reader without a nested schema.

use crate::query::{for_each_passage, PassageRecord};
use crate::ExportFormat;
use anyhow::{bail, Context, Result};
use echotrace_store::Store;
use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Arc;

/// One exported document: metadata and the ids later stages attach.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRecord {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    pub n_chars: i64,
    pub n_words: i64,
    pub passages: i64,
    pub clusters: Vec<i64>,
    pub story: Option<i64>,
    pub narrative: Option<i64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn for_each_document(store: &Store, mut f: impl FnMut(DocumentRecord) -> Result<()>) -> Result<()> {
    let mut st = store.conn().prepare(
        "SELECT d.id, d.series, d.date, d.url, d.title, d.origin, d.n_chars, d.n_words, d.story, d.narrative, d.extra,
                (SELECT count(*) FROM passages p WHERE p.doc_key = d.doc_key),
                (SELECT group_concat(cluster) FROM (SELECT DISTINCT cluster FROM passages p
                     WHERE p.doc_key = d.doc_key ORDER BY cluster))
         FROM documents d ORDER BY d.doc_key",
    )?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let extra = echotrace_store::decode_extra(r.get::<_, Option<String>>(10)?.as_deref());
        let clusters: Option<String> = r.get(12)?;
        f(DocumentRecord {
            id: r.get(0)?,
            series: r.get(1)?,
            date: r.get(2)?,
            url: r.get(3)?,
            title: r.get(4)?,
            origin: r.get(5)?,
            n_chars: r.get(6)?,
            n_words: r.get(7)?,
            story: r.get(8)?,
            narrative: r.get(9)?,
            passages: r.get(11)?,
            clusters: clusters
                .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
                .unwrap_or_default(),
            extra,
        })?;
    }
    Ok(())
}

pub fn export(
    store: &Store,
    format: ExportFormat,
    out: Option<&Path>,
    documents: bool,
) -> Result<()> {
    match format {
        ExportFormat::Jsonl => {
            let mut w: Box<dyn Write> = match out {
                Some(p) => Box::new(BufWriter::new(
                    File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
                )),
                None => Box::new(BufWriter::new(std::io::stdout().lock())),
            };
            if documents {
                for_each_document(store, |d| {
                    Ok(writeln!(w, "{}", serde_json::to_string(&d)?)?)
                })?;
            } else {
                for_each_passage(store, None, |p| {
                    Ok(writeln!(w, "{}", serde_json::to_string(&p)?)?)
                })?;
            }
            w.flush()?;
        }
        ExportFormat::Parquet => {
            let Some(path) = out else {
                bail!("--format parquet needs --out FILE");
            };
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            if documents {
                let mut t = Table::new(DOC_COLUMNS);
                for_each_document(store, |d| {
                    t.push_document(d);
                    Ok(())
                })?;
                t.write(file)?;
            } else {
                let mut t = Table::new(PASSAGE_COLUMNS);
                for_each_passage(store, None, |p| {
                    t.push_passage(p)?;
                    Ok(())
                })?;
                t.write(file)?;
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Kind {
    Str,
    Int,
}

/// (name, kind, required)
type ColumnDef = (&'static str, Kind, bool);

const PASSAGE_COLUMNS: &[ColumnDef] = &[
    ("id", Kind::Str, true),
    ("uid", Kind::Int, true),
    ("cluster", Kind::Int, true),
    ("size", Kind::Int, true),
    ("begin", Kind::Int, true),
    ("end", Kind::Int, true),
    ("src", Kind::Int, false),
    ("text", Kind::Str, true),
    ("series", Kind::Str, false),
    ("date", Kind::Str, false),
    ("url", Kind::Str, false),
    ("title", Kind::Str, false),
    ("aligned", Kind::Str, true),
    ("provenance", Kind::Str, false),
    ("fields", Kind::Str, false),
];

const DOC_COLUMNS: &[ColumnDef] = &[
    ("id", Kind::Str, true),
    ("series", Kind::Str, false),
    ("date", Kind::Str, false),
    ("url", Kind::Str, false),
    ("title", Kind::Str, false),
    ("origin", Kind::Str, false),
    ("n_chars", Kind::Int, true),
    ("n_words", Kind::Int, true),
    ("passages", Kind::Int, true),
    ("clusters", Kind::Str, true),
    ("story", Kind::Int, false),
    ("narrative", Kind::Int, false),
    ("fields", Kind::Str, false),
];

enum Col {
    Str(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
}

/// Column buffers for one Parquet file.
struct Table {
    defs: &'static [ColumnDef],
    cols: Vec<Col>,
}

fn json_or_none(m: &Map<String, Value>) -> Option<String> {
    (!m.is_empty()).then(|| Value::Object(m.clone()).to_string())
}

impl Table {
    fn new(defs: &'static [ColumnDef]) -> Self {
        let cols = defs
            .iter()
            .map(|d| match d.1 {
                Kind::Str => Col::Str(Vec::new()),
                Kind::Int => Col::Int(Vec::new()),
            })
            .collect();
        Table { defs, cols }
    }

    fn s(&mut self, i: usize, v: Option<String>) {
        if let Col::Str(c) = &mut self.cols[i] {
            c.push(v);
        }
    }
    fn n(&mut self, i: usize, v: Option<i64>) {
        if let Col::Int(c) = &mut self.cols[i] {
            c.push(v);
        }
    }

    fn push_passage(&mut self, p: PassageRecord) -> Result<()> {
        self.s(0, Some(p.id));
        self.n(1, Some(p.uid));
        self.n(2, Some(p.cluster));
        self.n(3, Some(p.size));
        self.n(4, Some(p.begin as i64));
        self.n(5, Some(p.end as i64));
        self.n(6, p.src);
        self.s(7, Some(p.text));
        self.s(8, p.series);
        self.s(9, p.date);
        self.s(10, p.url);
        self.s(11, p.title);
        self.s(12, Some(serde_json::to_string(&p.aligned)?));
        self.s(
            13,
            p.provenance
                .map(|v| serde_json::to_string(&v))
                .transpose()?,
        );
        self.s(14, json_or_none(&p.extra));
        Ok(())
    }

    fn push_document(&mut self, d: DocumentRecord) {
        self.s(0, Some(d.id));
        self.s(1, d.series);
        self.s(2, d.date);
        self.s(3, d.url);
        self.s(4, d.title);
        self.s(5, d.origin);
        self.n(6, Some(d.n_chars));
        self.n(7, Some(d.n_words));
        self.n(8, Some(d.passages));
        self.s(
            9,
            Some(serde_json::to_string(&d.clusters).unwrap_or_else(|_| "[]".into())),
        );
        self.n(10, d.story);
        self.n(11, d.narrative);
        self.s(12, json_or_none(&d.extra));
    }

    fn schema(&self) -> String {
        let mut s = String::from("message echotrace {\n");
        for (name, kind, required) in self.defs {
            let rep = if *required { "required" } else { "optional" };
            let ty = match kind {
                Kind::Str => "binary",
                Kind::Int => "int64",
            };
            let ann = if matches!(kind, Kind::Str) {
                " (UTF8)"
            } else {
                ""
            };
            s.push_str(&format!("  {rep} {ty} {name}{ann};\n"));
        }
        s.push('}');
        s
    }

    fn write(self, file: File) -> Result<()> {
        let schema = Arc::new(parse_message_type(&self.schema())?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build(),
        );
        let mut writer = SerializedFileWriter::new(file, schema, props)?;
        let mut rg = writer.next_row_group()?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column()? {
            let required = self.defs[i].2;
            match &self.cols[i] {
                Col::Str(v) => {
                    let vals: Vec<ByteArray> = v
                        .iter()
                        .flatten()
                        .map(|s| ByteArray::from(s.as_str()))
                        .collect();
                    let defs: Vec<i16> = v.iter().map(|x| x.is_some() as i16).collect();
                    col.typed::<ByteArrayType>().write_batch(
                        &vals,
                        (!required).then_some(&defs[..]),
                        None,
                    )?;
                }
                Col::Int(v) => {
                    let vals: Vec<i64> = v.iter().flatten().copied().collect();
                    let defs: Vec<i16> = v.iter().map(|x| x.is_some() as i16).collect();
                    col.typed::<Int64Type>().write_batch(
                        &vals,
                        (!required).then_some(&defs[..]),
                        None,
                    )?;
                }
            }
            col.close()?;
            i += 1;
        }
        rg.close()?;
        writer.close()?;
        Ok(())
    }
}
