//! [`read_inputs`]: the item stream over a list of inputs (folders, files,
//! stdin), one source after the other, with counters of what was read,
//! rejected and skipped.

use std::collections::{BTreeMap, VecDeque};
use std::fs::{self, File};
use std::io::{self, BufReader};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use crate::error::{describe_io, IngestError};
use crate::format::{extension_key, FileFormat};
use crate::html::read_html_file;
use crate::item::Item;
use crate::jsonl::{open_jsonl_file, stdin_jsonl, BoxedBufRead, JsonlReader};
use crate::text::read_text_file;
use crate::walk::{WalkItem, Walker};
use crate::warc::{count_kind, open_warc_file, WarcEvent, WarcReader};
use crate::IngestOptions;

/// How many skipped paths [`IngestStats::skipped_examples`] keeps.
pub const MAX_SKIPPED_EXAMPLES: usize = 20;

/// Counters of one [`Inputs`] stream, updated as it is consumed.
///
/// Items are counted as `documents` ([`Item::Doc`]) and `pages`
/// ([`Item::Page`]); [`IngestStats::items`] is their sum.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Files read or attempted (text, JSON lines, HTML and WARC files,
    /// stdin included).
    pub files: u64,
    /// Documents returned ([`Item::Doc`]: text files and JSON lines records).
    pub documents: u64,
    /// Pages returned ([`Item::Page`]: HTML files and WARC responses).
    pub pages: u64,
    /// Errors returned.
    pub errors: u64,
    /// Files in folders skipped because their name has no recognised suffix.
    pub skipped_files: u64,
    /// Skipped files per lower-cased extension (`""` for none).
    pub skipped_by_extension: BTreeMap<String, u64>,
    /// The first [`MAX_SKIPPED_EXAMPLES`] skipped paths, in walk order.
    pub skipped_examples: Vec<PathBuf>,
    /// WARC records read, of every type (`warcinfo`, `request`, …), damaged
    /// ones included.
    pub warc_records: u64,
    /// WARC `response` records skipped, not as errors, because they hold no
    /// HTML page (images, PDFs, redirects, empty bodies, …).
    pub skipped_records: u64,
    /// Skipped WARC responses per kind: the media type of a non-HTML payload
    /// (`image/jpeg`, `text/css`, `unknown` when none is given), `HTTP <code>`
    /// for non-2xx statuses, `empty` for empty bodies. At most 64 kinds are
    /// told apart; further ones are counted as `other`.
    pub skipped_records_by_kind: BTreeMap<String, u64>,
}

impl IngestStats {
    /// Documents and pages returned.
    pub fn items(&self) -> u64 {
        self.documents + self.pages
    }

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

/// The multi-record file being read.
enum Current {
    Jsonl(JsonlReader<BoxedBufRead>),
    Warc(Box<WarcReader<BufReader<File>>>),
}

/// The stream returned by [`read_inputs`]: items and errors, in a
/// deterministic order (inputs as given; folder contents in path order;
/// records in file order). Holds at most one open file and one line, text
/// document, page or WARC record in memory at a time.
///
/// Consume it with `for item in &mut inputs` (or `by_ref()`) to look at
/// [`Inputs::stats`] afterwards.
pub struct Inputs {
    opts: IngestOptions,
    pending: VecDeque<String>,
    walker: Walker,
    current: Option<Current>,
    /// Records of the current WARC file already counted in the stats.
    warc_counted: u64,
    stdin_used: bool,
    stats: IngestStats,
}

/// Streams items from the given inputs in a deterministic order.
///
/// Each input is one of:
/// * a folder, walked recursively with entries sorted by path: `.txt` files
///   are one article each (id = file stem); `.jsonl`, `.ndjson`,
///   `.jsonl.gz`, `.ndjson.gz` and `.json.gz` files are read as JSON lines;
///   `.html` and `.htm` files are one page each (id = file stem); `.warc`
///   and `.warc.gz` files give one page per HTML response (id = target
///   URI); other files are skipped silently and counted in
///   [`Inputs::stats`];
/// * a file with one of these suffixes;
/// * `-` for JSON lines on standard input.
///
/// Text and JSON lines give [`Item::Doc`]s, HTML and WARC files
/// [`Item::Page`]s (raw bytes, to be cleaned). WARC responses that hold no
/// HTML page (images, redirects, …) are not errors: they are counted in
/// [`IngestStats::skipped_records_by_kind`] (see [`WarcReader`]).
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
        warc_counted: 0,
        stdin_used: false,
        stats: IngestStats::default(),
    }
}

impl Inputs {
    /// What has been read, rejected and skipped so far.
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }

    fn count(&mut self, item: Result<Item, IngestError>) -> Result<Item, IngestError> {
        match &item {
            Ok(Item::Doc(_)) => self.stats.documents += 1,
            Ok(Item::Page(_)) => self.stats.pages += 1,
            Err(_) => self.stats.errors += 1,
        }
        item
    }

    /// Opens a file: a text or HTML file gives its one result at once, a
    /// JSON lines or WARC file becomes the current source (`None`) or fails
    /// to open.
    fn open_file(&mut self, path: &Path, format: FileFormat) -> Option<Result<Item, IngestError>> {
        self.stats.files += 1;
        match format {
            FileFormat::Text => Some(read_text_file(path, &self.opts).map(Item::Doc)),
            FileFormat::Html => Some(read_html_file(path, &self.opts).map(Item::Page)),
            FileFormat::JsonLines | FileFormat::GzipJsonLines => {
                let gzip = format == FileFormat::GzipJsonLines;
                match open_jsonl_file(path, gzip, &self.opts) {
                    Ok(reader) => {
                        self.current = Some(Current::Jsonl(reader));
                        None
                    }
                    Err(e) => Some(Err(e)),
                }
            }
            FileFormat::Warc => match open_warc_file(path, &self.opts) {
                Ok(reader) => {
                    self.current = Some(Current::Warc(Box::new(reader)));
                    self.warc_counted = 0;
                    None
                }
                Err(e) => Some(Err(e)),
            },
        }
    }

    /// The next item of the current file, `None` when it is done.
    fn next_from_current(&mut self) -> Option<Result<Item, IngestError>> {
        match self.current.as_mut()? {
            Current::Jsonl(reader) => reader.next().map(|r| r.map(Item::Doc)),
            Current::Warc(reader) => loop {
                let event = reader.next_event();
                self.stats.warc_records += reader.records_read() - self.warc_counted;
                self.warc_counted = reader.records_read();
                match event? {
                    WarcEvent::Page(p) => return Some(Ok(Item::Page(p))),
                    WarcEvent::Error(e) => return Some(Err(e)),
                    WarcEvent::Skipped(kind) => {
                        self.stats.skipped_records += 1;
                        count_kind(&mut self.stats.skipped_records_by_kind, &kind);
                    }
                }
            },
        }
    }

    /// Starts one input as given by the user.
    fn start_input(&mut self, input: &str) -> Option<Result<Item, IngestError>> {
        if input == "-" {
            if self.stdin_used {
                return Some(Err(IngestError::file(
                    "<stdin>",
                    "standard input given more than once; skipped",
                )));
            }
            self.stdin_used = true;
            self.stats.files += 1;
            self.current = Some(Current::Jsonl(stdin_jsonl(&self.opts)));
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
                "unsupported input: expected a folder, a .txt, .html, .htm, .warc, .warc.gz, \
                 .jsonl, .ndjson, .jsonl.gz, .ndjson.gz or .json.gz file, or - for JSON lines \
                 on standard input",
            ))),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Item, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.current.is_some() {
                match self.next_from_current() {
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
