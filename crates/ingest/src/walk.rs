//! Deterministic recursive folder walk: entries of each folder sorted by
//! name, depth first, so files come out in path order. Symbolic links are
//! followed; a folder reached twice (link loop) is reported and not re-read.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{describe_io, IngestError};
use crate::format::FileFormat;

/// One step of a walk.
#[derive(Debug)]
pub(crate) enum WalkItem {
    /// A regular file with a recognised format.
    File(PathBuf, FileFormat),
    /// A file with an unrecognised name, skipped.
    Skipped(PathBuf),
    /// A folder or file that could not be read.
    Error(IngestError),
}

/// A walk over any number of root folders, one after the other.
#[derive(Debug, Default)]
pub(crate) struct Walker {
    /// Each open folder with the sorted names of its entries not yet
    /// visited, innermost last.
    stack: Vec<(PathBuf, std::vec::IntoIter<OsString>)>,
    /// Canonical paths of folders already entered.
    visited: HashSet<PathBuf>,
    /// An error found while listing a folder, reported before its entries.
    queued: Option<IngestError>,
}

impl Walker {
    /// Starts walking `dir` (after the current walk, if any, is finished:
    /// call only when [`Walker::next`] has returned `None`). Returns an
    /// error if `dir` cannot be listed.
    pub(crate) fn push_root(&mut self, dir: &Path) -> Option<IngestError> {
        self.enter(dir);
        self.queued.take()
    }

    fn enter(&mut self, dir: &Path) {
        let origin = dir.display().to_string();
        let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited.insert(canonical) {
            self.queued = Some(IngestError::file(
                origin,
                "folder already read (symbolic link loop or given twice); skipped",
            ));
            return;
        }
        let listing = match fs::read_dir(dir) {
            Ok(l) => l,
            Err(e) => {
                self.queued = Some(IngestError::file(
                    origin,
                    format!("cannot list folder: {}", describe_io(&e)),
                ));
                return;
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => entries.push(entry.file_name()),
                Err(e) => {
                    self.queued = Some(IngestError::file(
                        origin,
                        format!(
                            "error while listing folder, some entries may be missing: {}",
                            describe_io(&e)
                        ),
                    ));
                    break;
                }
            }
        }
        entries.sort();
        self.stack.push((dir.to_path_buf(), entries.into_iter()));
    }

    /// The next file (or problem) in path order, `None` when all roots are
    /// done.
    pub(crate) fn next(&mut self) -> Option<WalkItem> {
        loop {
            if let Some(e) = self.queued.take() {
                return Some(WalkItem::Error(e));
            }
            let (dir, names) = self.stack.last_mut()?;
            let Some(name) = names.next() else {
                self.stack.pop();
                continue;
            };
            let path = dir.join(name);
            let format = FileFormat::detect(&path);
            match (fs::metadata(&path), format) {
                (Ok(meta), _) if meta.is_dir() => self.enter(&path),
                (Ok(meta), Some(format)) if meta.is_file() => {
                    return Some(WalkItem::File(path, format))
                }
                (Ok(_), Some(_)) => {
                    let origin = path.display().to_string();
                    return Some(WalkItem::Error(IngestError::file(
                        origin,
                        "not a regular file; skipped",
                    )));
                }
                (Err(e), Some(_)) => {
                    let origin = path.display().to_string();
                    return Some(WalkItem::Error(IngestError::file(
                        origin,
                        format!("cannot access file: {}", describe_io(&e)),
                    )));
                }
                (_, None) => return Some(WalkItem::Skipped(path)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_a_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.txt");
        fs::write(&file, "x").unwrap();
        let mut w = Walker::default();
        let err = w.push_root(&file).expect("error");
        assert_eq!(err.origin, file.display().to_string());
        assert!(err.reason.starts_with("cannot list folder: "), "{err}");
        assert!(w.next().is_none());
    }

    #[test]
    fn same_folder_twice_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let mut w = Walker::default();
        assert!(w.push_root(dir.path()).is_none());
        assert!(matches!(
            w.next(),
            Some(WalkItem::File(_, FileFormat::Text))
        ));
        assert!(w.next().is_none());
        let err = w.push_root(dir.path()).expect("error");
        assert!(err.reason.contains("already read"), "{err}");
    }
}
