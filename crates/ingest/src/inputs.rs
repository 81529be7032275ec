//! [`read_inputs`]: the document stream over a list of inputs (folders,
//! files, stdin), one source after the other, with counters of what was
//! read, rejected and skipped.

use std::collections::{BTreeMap, VecDeque};
use std::fs;
use std::io;
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use echotrace_core::Document;

use crate::error::{describe_io, IngestError};
use crate::format::{extension_key, FileFormat};
use crate::jsonl::{open_jsonl_file, stdin_jsonl, BoxedBufRead, JsonlReader};
use crate::text::read_text_file;
use crate::walk::{WalkItem, Walker};
use crate::IngestOptions;

/// How many skipped paths [`IngestStats::skipped_examples`] keeps.
pub const MAX_SKIPPED_EXAMPLES: usize = 20;

/// Counters of one [`Inputs`] stream, updated as it is consumed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Files read or attempted (text and JSON lines, stdin included).
    pub files: u64,
    /// Documents returned.
    pub documents: u64,
    /// Errors returned.
    pub errors: u64,
    /// Files in folders skipped because their name has no recognised suffix.
    pub skipped_files: u64,
    /// Skipped files per lower-cased extension (`""` for none).
    pub skipped_by_extension: BTreeMap<String, u64>,
    /// The first [`MAX_SKIPPED_EXAMPLES`] skipped paths, in walk order.
    pub skipped_examples: Vec<PathBuf>,
}

impl IngestStats {
    fn skip(&mut self, path: PathBuf) {
        self.skipped_files += 1;
        *self
            .skipped_by_extension
            .entry(extension_key(&path))
            .or_default() += 1;
        if self.skipped_examples.len() < MAX_SKIPPED_EXAMPLES {
            self.skipped_examples.push(path);
        }
    }
}

/// The stream returned by [`read_inputs`]: documents and errors, in a
/// deterministic order (inputs as given; folder contents in path order;
/// records in file order). Holds at most one open file and one line or text
/// document in memory at a time.
///
/// Consume it with `for item in &mut inputs` (or `by_ref()`) to look at
/// [`Inputs::stats`] afterwards.
pub struct Inputs {
    opts: IngestOptions,
    pending: VecDeque<String>,
    walker: Walker,
    current: Option<JsonlReader<BoxedBufRead>>,
    stdin_used: bool,
    stats: IngestStats,
}

/// Streams documents from the given inputs in a deterministic order.
///
/// Each input is one of:
/// * a folder, walked recursively with entries sorted by path: `.txt` files
///   are one article each (id = file stem); `.jsonl`, `.ndjson`,
///   `.jsonl.gz`, `.ndjson.gz` and `.json.gz` files are read as JSON lines;
///   other files are skipped silently and counted in [`Inputs::stats`];
/// * a `.txt` file, a JSON lines file (same suffixes as above);
/// * `-` for JSON lines on standard input.
///
/// Every problem is one [`IngestError`] in the stream, after which reading
/// continues with the next record or file. Nothing is read before the first
/// call to `next`.
pub fn read_inputs(inputs: &[String], opts: &IngestOptions) -> Inputs {
    Inputs {
        opts: opts.clone(),
        pending: inputs.iter().cloned().collect(),
        walker: Walker::default(),
        current: None,
        stdin_used: false,
        stats: IngestStats::default(),
    }
}

impl Inputs {
    /// What has been read, rejected and skipped so far.
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }

    fn count(&mut self, item: Result<Document, IngestError>) -> Result<Document, IngestError> {
        match &item {
            Ok(_) => self.stats.documents += 1,
            Err(_) => self.stats.errors += 1,
        }
        item
    }

    /// Opens a file: a text file gives its one result at once, a JSON lines
    /// file becomes the current source (`None`) or fails to open.
    fn open_file(
        &mut self,
        path: &Path,
        format: FileFormat,
    ) -> Option<Result<Document, IngestError>> {
        match format {
            FileFormat::Text => {
                self.stats.files += 1;
                Some(read_text_file(path, &self.opts))
            }
            FileFormat::JsonLines | FileFormat::GzipJsonLines => {
                self.stats.files += 1;
                let gzip = format == FileFormat::GzipJsonLines;
                match open_jsonl_file(path, gzip, &self.opts) {
                    Ok(reader) => {
                        self.current = Some(reader);
                        None
                    }
                    Err(e) => Some(Err(e)),
                }
            }
        }
    }

    /// Starts one input as given by the user.
    fn start_input(&mut self, input: &str) -> Option<Result<Document, IngestError>> {
        if input == "-" {
            if self.stdin_used {
                return Some(Err(IngestError::file(
                    "<stdin>",
                    "standard input given more than once; skipped",
                )));
            }
            self.stdin_used = true;
            self.stats.files += 1;
            self.current = Some(stdin_jsonl(&self.opts));
            return None;
        }
        let path = Path::new(input);
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                let reason = match e.kind() {
                    io::ErrorKind::NotFound => describe_io(&e),
                    _ => format!("cannot access: {}", describe_io(&e)),
                };
                return Some(Err(IngestError::file(input, reason)));
            }
        };
        if meta.is_dir() {
            return self.walker.push_root(path).map(Err);
        }
        match FileFormat::detect(path) {
            Some(format) => self.open_file(path, format),
            None => Some(Err(IngestError::file(
                input,
                "unsupported input: expected a folder, a .txt, .jsonl, .ndjson, .jsonl.gz, \
                 .ndjson.gz or .json.gz file, or - for JSON lines on standard input",
            ))),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Document, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reader) = &mut self.current {
                match reader.next() {
                    Some(item) => return Some(self.count(item)),
                    None => self.current = None,
                }
            }
            match self.walker.next() {
                Some(WalkItem::File(path, format)) => {
                    if let Some(item) = self.open_file(&path, format) {
                        return Some(self.count(item));
                    }
                    continue;
                }
                Some(WalkItem::Skipped(path)) => {
                    self.stats.skip(path);
                    continue;
                }
                Some(WalkItem::Error(e)) => return Some(self.count(Err(e))),
                None => {}
            }
            let input = self.pending.pop_front()?;
            if let Some(item) = self.start_input(&input) {
                return Some(self.count(item));
            }
        }
    }
}

impl FusedIterator for Inputs {}
