//! The `echotrace` command line: parses arguments and dispatches to the
//! commands. Exit codes: 0 success; 1 error (nothing or only part done, the
//! message says what); 2 bad usage; 3 finished, but some input records were
//! skipped (each one reported on stderr and in the store's `skipped` table).

mod bench;
mod cleaning;
mod commands;
mod export;
mod pipeline;
mod provenance;
mod query;
mod quotes;
mod report;
mod stories;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "echotrace",
    version,
    about = "Trace how news stories travel: copied passages between articles, aligned and clustered."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, global = true)]
    pub threads: Option<usize>,
}

#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// The SQLite store.
    #[arg(long, default_value = "echotrace.db")]
    pub db: PathBuf,
}

#[derive(Args, Debug, Clone)]
pub struct ParamArgs {
    /// Words per fingerprint n-gram.
    #[arg(long, default_value_t = 5)]
    pub ngram: usize,
    /// Winnowing window, in n-grams (any shared run of window+ngram-1 words is seen).
    #[arg(long, default_value_t = 4)]
    pub window: usize,
    /// Ignore fingerprints found in more documents than this (common phrases, boilerplate).
    #[arg(long, default_value_t = 100)]
    pub max_df: usize,
    /// Align a pair of documents only if it shares at least this many fingerprints.
    #[arg(long, default_value_t = 2)]
    pub min_shared: usize,
    /// Minimum passage length in characters (both sides).
    #[arg(long, default_value_t = 80)]
    pub min_chars: usize,
    /// Minimum number of aligned identical words in a passage.
    #[arg(long, default_value_t = 10)]
    pub min_words: usize,
    /// Keep a passage shorter than min-chars/min-words when it covers whole sentences on both sides (a copied sentence) and has this many aligned words.
    #[arg(long, default_value_t = 10)]
    pub sentence_min_words: usize,
    /// Such a short copied sentence must be covered by fingerprints found in at most this many documents (a sentence found in many is boilerplate).
    #[arg(long, default_value_t = 30)]
    pub sentence_max_df: usize,
    /// Minimum share of aligned words in a passage (aligned words / words of the longer side).
    #[arg(long, default_value_t = 0.5)]
    pub min_density: f32,
    /// Largest gap (in words) bridged inside one passage.
    #[arg(long, default_value_t = 60)]
    pub gap: usize,
    /// Do not report reuse between documents of the same series (outlet).
    #[arg(long)]
    pub exclude_same_series: bool,
}

impl ParamArgs {
    pub fn params(&self) -> echotrace_core::Params {
        echotrace_core::Params {
            ngram: self.ngram,
            window: self.window,
            max_df: self.max_df,
            min_shared: self.min_shared,
            min_chars: self.min_chars,
            min_words: self.min_words,
            sentence_min_words: self.sentence_min_words,
            sentence_max_df: self.sentence_max_df,
            min_density: self.min_density,
            gap: self.gap,
            exclude_same_series: self.exclude_same_series,
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Parquet,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Jsonl,
}

/// What `eval` measures besides passages.
#[derive(Subcommand, Debug)]
pub enum EvalWhat {
    /// Quote span P/R/F1 and speaker accuracy on gold files (default: the gold sets built in).
    Quotes {
        /// Gold files (JSON lines: id, lang, text, comments, quotes with text, speaker, kind).
        gold: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// List every error (missed, spurious, wrong speaker).
        #[arg(long, short)]
        verbose: bool,
    },
    /// Story and narrative pairwise P/R/F1 and claim matching success@5 on our evaluation set
    /// (built in) or the given sets, and story P/R/F1 on NewsWCL50 and MEANTIME when present.
    Stories {
        /// Labelled sets (JSON lines: id, event, narrative, lang, date, outlet, title, text).
        sets: Vec<PathBuf>,
        /// Folder holding newswcl50.jsonl and meantime.jsonl (default: ../shared/data/news-events).
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

/// `claims add`.
#[derive(Subcommand, Debug)]
pub enum ClaimsWhat {
    /// Import known claims (JSON lines {id, text, language, date, url, verdict}, or ClaimReview
    /// JSON-LD) and match them against the stored documents.
    Add {
        file: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Add articles to the store and find every reused passage.
    Trace {
        /// Folders of .txt files, .jsonl / .jsonl.gz files, or - for JSON lines on stdin.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        params: ParamArgs,
        /// Replace stored documents whose id comes again with a different text.
        #[arg(long)]
        replace: bool,
        /// Skip records larger than this many bytes.
        #[arg(long, default_value_t = 256 << 20)]
        max_doc_bytes: usize,
        /// Trace text records as given, without looking for page furniture and comments
        /// (web pages are always cleaned).
        #[arg(long)]
        no_clean: bool,
        /// Documents per committed batch (a killed run loses at most one batch).
        #[arg(long, default_value_t = 512)]
        batch_docs: usize,
        /// Skip quote extraction in this run (a later run without it catches up).
        #[arg(long)]
        no_quotes: bool,
        /// Skip stories, narratives and claim matching in this run (a later run without it
        /// catches up).
        #[arg(long)]
        no_stories: bool,
        /// Outlet registry (.toml or .csv: name, aliases, domains, country, kind), added to the
        /// built-in wire agencies and kept in the store for later runs.
        #[arg(long, value_name = "FILE")]
        outlets: Option<PathBuf>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
        /// No progress bars and no summary, only errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// List outlets: how much of their text is copied, from whom, how much unattributed.
    Outlets {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a self-contained HTML report (overview, clusters with copy trees and aligned
    /// passages, outlets, quotes).
    Report {
        #[command(flatten)]
        db: DbArg,
        /// Output file.
        #[arg(long, short, default_value = "report.html")]
        out: PathBuf,
        /// Clusters in the report, by spread (0: all).
        #[arg(long, default_value_t = 10_000)]
        max_clusters: usize,
    },
    /// List quotes: what was said, by whom, in which document, and where else it appeared.
    Quotes {
        #[command(flatten)]
        db: DbArg,
        /// Only quotes of this speaker (words of the name or role; case and accents aside).
        #[arg(long)]
        speaker: Option<String>,
        /// Only quotes containing these words (case, accents and punctuation aside).
        #[arg(long)]
        search: Option<String>,
        /// Only quotes of this document id.
        #[arg(long)]
        doc: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List stories: the same event reported by several outlets, with time span, outlets,
    /// languages, key entities and documents in time order.
    Stories {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// At most this many stories (the largest first).
        #[arg(long)]
        limit: Option<usize>,
    },
    /// List narratives: the same claim told about other events, years or languages, with the
    /// documents that relay it and those that question it.
    Narratives {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List known claims with the documents and stories that carry them (`claims add FILE`
    /// imports claims).
    Claims {
        #[command(subcommand)]
        what: Option<ClaimsWhat>,
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// List quoted speakers with their numbers of quotes and documents.
    Speakers {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write the reused passages (or the documents) as JSON lines or Parquet.
    Export {
        #[command(flatten)]
        db: DbArg,
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Output file (default: standard output; required for Parquet).
        #[arg(long)]
        out: Option<PathBuf>,
        /// One record per document instead of one per passage.
        #[arg(long)]
        documents: bool,
        /// One record per quote (JSON lines) instead of one per passage.
        #[arg(long, conflicts_with = "documents")]
        quotes: bool,
    },
    /// List aligned passage pairs.
    Pairs {
        #[command(flatten)]
        db: DbArg,
        /// Only pairs involving this document id.
        #[arg(long)]
        doc: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// At most this many pairs.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Print a document with its reused passages marked and where each comes from.
    Show {
        /// Document id.
        id: String,
        #[command(flatten)]
        db: DbArg,
        /// Show every line of the text as the clean stage classified it: kept
        /// (body), removed as page furniture (and why), or moved to comments.
        #[arg(long)]
        raw: bool,
    },
    /// Clean inputs (text dumps, HTML, WARC, JSON lines) and print the records without tracing.
    Clean {
        /// Same inputs as `trace`.
        #[arg(required = true)]
        inputs: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
        /// Skip records larger than this many bytes.
        #[arg(long, default_value_t = 256 << 20)]
        max_doc_bytes: usize,
    },
    /// Generate a labelled corpus with injected reuse (corpus.jsonl + truth.jsonl).
    Gen {
        /// Number of documents.
        #[arg(long, default_value_t = 1000)]
        docs: usize,
        /// Random seed (same seed, same corpus).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Language of the text: en, fr or mixed.
        #[arg(long, default_value = "fr")]
        lang: String,
        /// Folder of real base text (bbc-en.jsonl, fresada-fr.jsonl); default: ../shared/data/base-text if present.
        #[arg(long)]
        base: Option<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "gen-out")]
        out: PathBuf,
        /// Also label provenance: dates of several precisions, credits (right, wrong or none),
        /// copies of copies; writes DIR/provenance.jsonl and DIR/outlets.csv.
        #[arg(long)]
        provenance: bool,
    },
    /// Measure quality against a truth file (or a PAN text-alignment corpus).
    Eval {
        /// `eval quotes`: quote extraction and speaker attribution on gold files.
        #[command(subcommand)]
        what: Option<EvalWhat>,
        /// Truth file written by `echotrace gen` (pairs as JSON lines).
        #[arg(long, conflicts_with = "pan")]
        truth: Option<PathBuf>,
        /// Provenance truth written by `echotrace gen --provenance`: scores the source choice,
        /// parents and the unattributed flag of the traced --db.
        #[arg(long, conflicts_with_all = ["pan", "extraction"])]
        provenance: Option<PathBuf>,
        /// A PAN text-alignment corpus folder (susp/, src/, pairs, XML truth); traced into --db.
        #[arg(long, conflicts_with = "extraction")]
        pan: Option<PathBuf>,
        /// Main-text extraction quality on a folder of HTML pages with annotations.json
        /// (trafilatura's benchmark layout and metric).
        #[arg(long, conflicts_with = "truth")]
        extraction: Option<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        params: ParamArgs,
        #[arg(long)]
        json: bool,
    },
    /// Benchmark: generate corpora of the given sizes, trace each, report speed, memory and quality.
    Bench {
        /// Corpus sizes in documents (repeatable).
        #[arg(long = "docs", default_values_t = [10_000usize])]
        sizes: Vec<usize>,
        /// Working folder for corpora and databases.
        #[arg(long, default_value = "bench-out")]
        out: PathBuf,
        #[arg(long, default_value = "fr")]
        lang: String,
        #[arg(long)]
        base: Option<PathBuf>,
        /// Time the reuse core and provenance only (trace --no-quotes --no-stories).
        #[arg(long)]
        core: bool,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Like other command-line tools, stop quietly when the reader of our
    // output goes away (`echotrace pairs | head`) instead of failing on a
    // broken pipe.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default before any thread
    // starts has no memory-safety implications.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
        {
            eprintln!("echotrace: cannot set up {n} threads: {e}");
            return ExitCode::from(1);
        }
    }
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("echotrace: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
