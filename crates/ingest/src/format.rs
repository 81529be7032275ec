//! Input formats recognised from file names, and the id of a text or HTML
//! file.

use std::path::Path;

/// How a file is read, decided from its name (case-insensitive suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// `.txt`: the whole file is one article, id = file stem.
    Text,
    /// `.jsonl`, `.ndjson`: one JSON record per line.
    JsonLines,
    /// `.jsonl.gz`, `.ndjson.gz`, `.json.gz`: gzip-compressed JSON lines.
    GzipJsonLines,
    /// `.html`, `.htm`: one web page, read as raw bytes (any charset), id =
    /// file stem.
    Html,
    /// `.warc`, `.warc.gz`: a web archive; its HTML `response` records are
    /// pages. Gzip is recognised by its magic bytes, not by the name.
    Warc,
}

impl FileFormat {
    /// The format of `path`, or `None` when its name has none of the
    /// recognised suffixes (such files are skipped when walking a folder).
    ///
    /// A file whose whole name is the suffix (e.g. `.txt`) is a hidden file
    /// without a stem and is not recognised.
    pub fn detect(path: &Path) -> Option<FileFormat> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        const SUFFIXES: [(&str, FileFormat); 10] = [
            (".warc.gz", FileFormat::Warc),
            (".warc", FileFormat::Warc),
            (".html", FileFormat::Html),
            (".htm", FileFormat::Html),
            (".jsonl.gz", FileFormat::GzipJsonLines),
            (".ndjson.gz", FileFormat::GzipJsonLines),
            (".json.gz", FileFormat::GzipJsonLines),
            (".jsonl", FileFormat::JsonLines),
            (".ndjson", FileFormat::JsonLines),
            (".txt", FileFormat::Text),
        ];
        SUFFIXES
            .iter()
            .find(|(suffix, _)| name.len() > suffix.len() && name.ends_with(suffix))
            .map(|&(_, format)| format)
    }
}

/// The lower-cased extension used to count skipped files: the part after the
/// last dot of the file name, or an empty string when there is none.
pub(crate) fn extension_key(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The id of a text article or HTML page: its file name without the last extension
/// (`dir/2024-01-02 story.txt` → `2024-01-02 story`, `a.b.txt` → `a.b`).
///
/// Non-UTF-8 names are converted lossily. A path without a file name (such as
/// `/` or `..`) yields the whole path as written.
pub fn file_stem_id(path: &Path) -> String {
    match path.file_stem() {
        Some(stem) => stem.to_string_lossy().into_owned(),
        None => path.to_string_lossy().into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats_by_suffix() {
        let d = |p: &str| FileFormat::detect(Path::new(p));
        assert_eq!(d("a/b.txt"), Some(FileFormat::Text));
        assert_eq!(d("B.TXT"), Some(FileFormat::Text));
        assert_eq!(d("x.jsonl"), Some(FileFormat::JsonLines));
        assert_eq!(d("x.ndjson"), Some(FileFormat::JsonLines));
        assert_eq!(d("x.jsonl.gz"), Some(FileFormat::GzipJsonLines));
        assert_eq!(d("x.JSON.GZ"), Some(FileFormat::GzipJsonLines));
        assert_eq!(d("x.ndjson.gz"), Some(FileFormat::GzipJsonLines));
        assert_eq!(d("x.json"), None);
        assert_eq!(d("x.gz"), None);
        assert_eq!(d("x.txt.bak"), None);
        assert_eq!(d("p.html"), Some(FileFormat::Html));
        assert_eq!(d("P.HTM"), Some(FileFormat::Html));
        assert_eq!(d("p.html.gz"), None);
        assert_eq!(d("p.xhtml"), None);
        assert_eq!(d("crawl.warc"), Some(FileFormat::Warc));
        assert_eq!(d("crawl.WARC.GZ"), Some(FileFormat::Warc));
        assert_eq!(d("crawl.warc.bz2"), None);
        assert_eq!(d(".html"), None);
        assert_eq!(d(".warc.gz"), None);
        assert_eq!(d("README"), None);
        assert_eq!(d(".txt"), None);
        assert_eq!(d("/"), None);
    }

    #[test]
    fn stem_ids() {
        assert_eq!(file_stem_id(Path::new("dir/sub/a.txt")), "a");
        assert_eq!(file_stem_id(Path::new("a.b.txt")), "a.b");
        assert_eq!(file_stem_id(Path::new("noext")), "noext");
        assert_eq!(file_stem_id(Path::new(".hidden")), ".hidden");
        assert_eq!(file_stem_id(Path::new("/")), "/");
    }

    #[test]
    fn extension_keys() {
        assert_eq!(extension_key(Path::new("a/b.PNG")), "png");
        assert_eq!(extension_key(Path::new("a/README")), "");
    }
}
