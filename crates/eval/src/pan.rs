//! Reader for PAN text alignment corpora (PAN 2012–2015 layout):
//!
//! ```text
//! dir/susp/suspicious-documentXXXXX.txt
//! dir/src/source-documentYYYYY.txt
//! dir/pairs                                  "suspicious-documentXXXXX.txt source-documentYYYYY.txt" per line
//! dir/<sub>/suspicious-documentXXXXX-source-documentYYYYY.xml
//! ```
//!
//! Each XML file lists the plagiarism cases of one pair as
//! `<feature name="plagiarism" this_offset=".." this_length=".."
//! source_reference=".." source_offset=".." source_length=".."/>`, offsets
//! being character offsets into the files decoded as UTF-8 (PAN's tools read
//! them with Python's `utf-8` codec: no newline translation, a byte order
//! mark counts as one character). Texts are kept exactly as read, so these
//! offsets are used unchanged as echotrace character offsets.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use echotrace_core::model::Document;
use quick_xml::events::Event;
use quick_xml::Reader;

use crate::eval::{SpanRef, TruthPair};

/// A PAN text alignment corpus.
#[derive(Clone, Debug, Default)]
pub struct PanCorpus {
    /// Source and suspicious documents, sorted by id (the file name).
    /// `series` is `"src"` or `"susp"`, `origin` the file path.
    pub documents: Vec<Document>,
    /// Pairs to compare, as `(suspicious id, source id)`, in the order of the
    /// `pairs` file (or of the XML files when there is no `pairs` file).
    pub pairs: Vec<(String, String)>,
    /// Plagiarism cases: `a` = source side, `b` = suspicious side; `family`
    /// is the case number (0, 1, ... in order of sorted XML path, then of
    /// appearance).
    pub truth: Vec<TruthPair>,
}

impl PanCorpus {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.documents[i])
    }
}

fn read_texts(
    dir: &Path,
    series: &str,
    out: &mut BTreeMap<String, Document>,
) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    for e in entries {
        let path = e?.path();
        if path.extension().and_then(|x| x.to_str()) != Some("txt") || !path.is_file() {
            continue;
        }
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .context("non UTF-8 file name")?
            .to_string();
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .with_context(|| format!("{} is not valid UTF-8", path.display()))?;
        let doc = Document {
            id: id.clone(),
            text,
            series: Some(series.to_string()),
            origin: Some(path.display().to_string()),
            ..Default::default()
        };
        if out.insert(id.clone(), doc).is_some() {
            bail!("document {id} appears in both src/ and susp/");
        }
    }
    Ok(())
}

/// XML files directly in `dir` and in its immediate subfolders (other than
/// `src` and `susp`), sorted.
fn xml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let visit = |d: &Path, out: &mut Vec<PathBuf>| -> anyhow::Result<Vec<PathBuf>> {
        let mut subdirs = Vec::new();
        for e in std::fs::read_dir(d).with_context(|| format!("listing {}", d.display()))? {
            let p = e?.path();
            if p.is_dir() {
                subdirs.push(p);
            } else if p.extension().and_then(|x| x.to_str()) == Some("xml") {
                out.push(p);
            }
        }
        Ok(subdirs)
    };
    let subdirs = visit(dir, &mut out)?;
    for s in subdirs {
        let name = s.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "src" || name == "susp" {
            continue;
        }
        visit(&s, &mut out)?;
    }
    out.sort();
    Ok(out)
}

/// One `<feature name="plagiarism">` element.
struct Case {
    susp: String,
    source: String,
    this_offset: usize,
    this_length: usize,
    source_offset: usize,
    source_length: usize,
}

/// Parses the cases of one PAN XML file. `default_susp` / `default_source`
/// (from the file name) are used when the attributes do not name them.
fn parse_xml(xml: &str, default_susp: &str, default_source: &str) -> anyhow::Result<Vec<Case>> {
    let mut reader = Reader::from_str(xml);
    let mut susp = default_susp.to_string();
    let mut cases = Vec::new();
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let mut attrs: HashMap<String, String> = HashMap::new();
                for a in e.attributes() {
                    let a = a?;
                    let key = a.key.as_ref().to_string();
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)?
                        .into_owned();
                    attrs.insert(key, value);
                }
                match e.name().as_ref() {
                    "document" => {
                        if let Some(r) = attrs.get("reference") {
                            susp = r.clone();
                        }
                    }
                    "feature" if attrs.get("name").map(String::as_str) == Some("plagiarism") => {
                        let num = |k: &str| -> anyhow::Result<usize> {
                            attrs
                                .get(k)
                                .with_context(|| format!("plagiarism feature without {k}"))?
                                .trim()
                                .parse()
                                .with_context(|| format!("{k} is not a number"))
                        };
                        cases.push(Case {
                            susp: susp.clone(),
                            source: attrs
                                .get("source_reference")
                                .cloned()
                                .unwrap_or_else(|| default_source.to_string()),
                            this_offset: num("this_offset")?,
                            this_length: num("this_length")?,
                            source_offset: num("source_offset")?,
                            source_length: num("source_length")?,
                        });
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(cases)
}

/// Splits `suspicious-documentXXXX-source-documentYYYY.xml` into the two
/// `.txt` names.
fn names_from_xml_path(path: &Path) -> Option<(String, String)> {
    let stem = path.file_stem()?.to_str()?;
    let k = stem.find("-source-document")?;
    Some((
        format!("{}.txt", &stem[..k]),
        format!("{}.txt", &stem[k + 1..]),
    ))
}

/// Reads a PAN text alignment corpus from `dir` (see the module docs).
///
/// Every case's offsets are checked against the character lengths of the
/// documents; a case pointing outside its document is an error.
pub fn read_pan(dir: impl AsRef<Path>) -> anyhow::Result<PanCorpus> {
    let dir = dir.as_ref();
    let mut docs = BTreeMap::new();
    read_texts(&dir.join("src"), "src", &mut docs)?;
    read_texts(&dir.join("susp"), "susp", &mut docs)?;
    let char_len: HashMap<&str, usize> = docs
        .iter()
        .map(|(id, d)| (id.as_str(), d.text.chars().count()))
        .collect();

    let mut truth = Vec::new();
    let mut xml_pairs = Vec::new();
    let mut seen = BTreeSet::new();
    for path in xml_files(dir)? {
        let (dsusp, dsrc) = names_from_xml_path(&path).unwrap_or_default();
        let xml = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let cases = parse_xml(&xml, &dsusp, &dsrc)
            .with_context(|| format!("parsing {}", path.display()))?;
        if !dsusp.is_empty() && seen.insert((dsusp.clone(), dsrc.clone())) {
            xml_pairs.push((dsusp.clone(), dsrc.clone()));
        }
        for c in cases {
            for (doc, off, len) in [
                (&c.susp, c.this_offset, c.this_length),
                (&c.source, c.source_offset, c.source_length),
            ] {
                let n = char_len
                    .get(doc.as_str())
                    .with_context(|| format!("{}: unknown document {doc}", path.display()))?;
                if off + len > *n {
                    bail!(
                        "{}: case {off}+{len} beyond the end of {doc} ({n} characters)",
                        path.display()
                    );
                }
            }
            truth.push(TruthPair {
                family: truth.len() as u64,
                a: SpanRef::new(c.source, c.source_offset, c.source_offset + c.source_length),
                b: SpanRef::new(c.susp, c.this_offset, c.this_offset + c.this_length),
            });
        }
    }

    let pairs_path = dir.join("pairs");
    let pairs = if pairs_path.is_file() {
        let text = std::fs::read_to_string(&pairs_path)
            .with_context(|| format!("reading {}", pairs_path.display()))?;
        let mut pairs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.as_slice() {
                [] => {}
                [s, r] => pairs.push((s.to_string(), r.to_string())),
                _ => bail!(
                    "{}:{}: expected two file names",
                    pairs_path.display(),
                    i + 1
                ),
            }
        }
        pairs
    } else {
        xml_pairs
    };

    Ok(PanCorpus {
        documents: docs.into_values().collect(),
        pairs,
        truth,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_names_and_attributes() {
        let (s, r) = names_from_xml_path(Path::new(
            "/x/02-no-obfuscation/suspicious-document00012-source-document00345.xml",
        ))
        .unwrap();
        assert_eq!(s, "suspicious-document00012.txt");
        assert_eq!(r, "source-document00345.txt");
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<document reference="suspicious-document00012.txt">
<feature name="about" authors="x &amp; y"/>
<feature name="plagiarism" obfuscation="none" source_length="7" source_offset="3"
  source_reference="source-document00345.txt" this_length="8" this_offset="1" type="artificial" />
<feature name="plagiarism" source_length="2" source_offset="0" this_length="2" this_offset="0"></feature>
</document>"#;
        let cases = parse_xml(xml, "a.txt", "b.txt").unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].susp, "suspicious-document00012.txt");
        assert_eq!(cases[0].source, "source-document00345.txt");
        assert_eq!((cases[0].this_offset, cases[0].this_length), (1, 8));
        assert_eq!((cases[0].source_offset, cases[0].source_length), (3, 7));
        assert_eq!(cases[1].source, "b.txt");
        assert!(parse_xml(
            r#"<document><feature name="plagiarism" this_offset="x" this_length="1" source_offset="0" source_length="1"/></document>"#,
            "a",
            "b"
        )
        .is_err());
    }
}
