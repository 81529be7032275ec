//! PAN text alignment reader on a tiny corpus written to a temporary folder,
//! with non-ASCII text, a byte order mark and CRLF line ends before the
//! plagiarised passages, so that character offsets differ from byte offsets.

use std::fs;
use std::path::Path;

use echotrace_eval::{evaluate, read_pan, Detection};

const SRC1: &str = "\u{feff}Über die Brücke — naïve “quotes” 😀.\r\nThe copied passage is exactly this sentence.\r\nTail.";
const SUSP1: &str =
    "Préambule ✓ 😀😀 «texte»…\r\nIntro. The copied passage is exactly this sentence! And more.";
const SRC2: &str = "Nothing in common here.";
const SUSP2: &str = "Completely different words.";
const PASSAGE: &str = "The copied passage is exactly this sentence";

/// Character offset of `needle` in `hay`.
fn char_offset(hay: &str, needle: &str) -> usize {
    let byte = hay.find(needle).expect("needle present");
    hay[..byte].chars().count()
}

fn write_corpus(dir: &Path, with_pairs: bool) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("susp")).unwrap();
    fs::create_dir_all(dir.join("01-no-plagiarism")).unwrap();
    fs::create_dir_all(dir.join("02-no-obfuscation")).unwrap();
    fs::write(dir.join("src/source-document00001.txt"), SRC1).unwrap();
    fs::write(dir.join("src/source-document00002.txt"), SRC2).unwrap();
    fs::write(dir.join("susp/suspicious-document00001.txt"), SUSP1).unwrap();
    fs::write(dir.join("susp/suspicious-document00002.txt"), SUSP2).unwrap();
    // Not a text file: ignored.
    fs::write(dir.join("src/README.md"), "ignored").unwrap();
    if with_pairs {
        fs::write(
            dir.join("pairs"),
            "suspicious-document00001.txt source-document00001.txt\n\
             suspicious-document00002.txt source-document00002.txt\n",
        )
        .unwrap();
    }
    let n = PASSAGE.chars().count();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<document reference="suspicious-document00001.txt">
<feature name="about" authors="A &amp; B" />
<feature name="plagiarism" obfuscation="none" type="artificial"
   this_language="en" this_offset="{}" this_length="{n}"
   source_reference="source-document00001.txt" source_language="en"
   source_offset="{}" source_length="{n}" />
</document>
"#,
        char_offset(SUSP1, PASSAGE),
        char_offset(SRC1, PASSAGE),
    );
    fs::write(
        dir.join("02-no-obfuscation/suspicious-document00001-source-document00001.xml"),
        xml,
    )
    .unwrap();
    fs::write(
        dir.join("01-no-plagiarism/suspicious-document00002-source-document00002.xml"),
        "<document reference=\"suspicious-document00002.txt\">\n</document>\n",
    )
    .unwrap();
}

fn slice(text: &str, begin: usize, end: usize) -> String {
    text.chars().skip(begin).take(end - begin).collect()
}

#[test]
fn reads_documents_pairs_and_cases_with_character_offsets() {
    let tmp = tempfile::tempdir().unwrap();
    write_corpus(tmp.path(), true);
    let pan = read_pan(tmp.path()).unwrap();

    let ids: Vec<&str> = pan.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "source-document00001.txt",
            "source-document00002.txt",
            "suspicious-document00001.txt",
            "suspicious-document00002.txt"
        ]
    );
    let src = pan.document("source-document00001.txt").unwrap();
    assert_eq!(src.text, SRC1, "text kept byte for byte (BOM, CRLF)");
    assert_eq!(src.series.as_deref(), Some("src"));
    assert_eq!(
        pan.document("suspicious-document00002.txt")
            .unwrap()
            .series
            .as_deref(),
        Some("susp")
    );
    assert!(pan.document("nope.txt").is_none());

    assert_eq!(
        pan.pairs,
        [
            (
                "suspicious-document00001.txt".to_string(),
                "source-document00001.txt".to_string()
            ),
            (
                "suspicious-document00002.txt".to_string(),
                "source-document00002.txt".to_string()
            )
        ]
    );

    assert_eq!(pan.truth.len(), 1);
    let t = &pan.truth[0];
    assert_eq!(t.family, 0);
    assert_eq!(t.a.doc, "source-document00001.txt");
    assert_eq!(t.b.doc, "suspicious-document00001.txt");
    // Offsets are characters: the BOM, "ü", "—", "😀" and CRLF count once
    // each (twice for CRLF), not by their UTF-8 length.
    assert_eq!(t.a.begin, char_offset(SRC1, PASSAGE));
    assert!(t.a.begin < SRC1.find(PASSAGE).unwrap());
    assert_eq!(slice(&src.text, t.a.begin, t.a.end), PASSAGE);
    let susp = pan.document(&t.b.doc).unwrap();
    assert_eq!(slice(&susp.text, t.b.begin, t.b.end), PASSAGE);

    // The truth scores perfectly against itself.
    let det = Detection {
        a: t.b.clone(),
        b: t.a.clone(),
        cluster: None,
    };
    let r = evaluate(&pan.truth, &[det]);
    assert!((r.plagdet.plagdet - 1.0).abs() < 1e-12);
}

#[test]
fn pairs_come_from_the_xml_files_without_a_pairs_file() {
    let tmp = tempfile::tempdir().unwrap();
    write_corpus(tmp.path(), false);
    let pan = read_pan(tmp.path()).unwrap();
    let mut pairs = pan.pairs.clone();
    pairs.sort();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0].0, "suspicious-document00001.txt");
    assert_eq!(pairs[1].1, "source-document00002.txt");
}

#[test]
fn inconsistent_corpora_are_errors() {
    // A case beyond the end of its document.
    let tmp = tempfile::tempdir().unwrap();
    write_corpus(tmp.path(), true);
    fs::write(
        tmp.path()
            .join("02-no-obfuscation/suspicious-document00002-source-document00002.xml"),
        r#"<document reference="suspicious-document00002.txt">
<feature name="plagiarism" this_offset="5" this_length="500" source_reference="source-document00002.txt" source_offset="0" source_length="3"/>
</document>"#,
    )
    .unwrap();
    let err = read_pan(tmp.path()).unwrap_err();
    assert!(format!("{err:#}").contains("beyond the end"), "{err:#}");

    // A case naming an unknown document.
    let tmp = tempfile::tempdir().unwrap();
    write_corpus(tmp.path(), true);
    fs::write(
        tmp.path()
            .join("02-no-obfuscation/suspicious-document00001-source-document00009.xml"),
        r#"<document reference="suspicious-document00001.txt">
<feature name="plagiarism" this_offset="0" this_length="1" source_reference="source-document00009.txt" source_offset="0" source_length="1"/>
</document>"#,
    )
    .unwrap();
    let err = read_pan(tmp.path()).unwrap_err();
    assert!(format!("{err:#}").contains("unknown document"), "{err:#}");

    // Invalid UTF-8 and a missing folder.
    let tmp = tempfile::tempdir().unwrap();
    write_corpus(tmp.path(), true);
    fs::write(
        tmp.path().join("susp/suspicious-document00003.txt"),
        [0xff, 0xfe, 0x41],
    )
    .unwrap();
    assert!(read_pan(tmp.path()).is_err());
    assert!(read_pan(tmp.path().join("missing")).is_err());
}
