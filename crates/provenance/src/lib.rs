//! Provenance for echotrace: for every reuse cluster, which passage is most
//! likely the original and who copied from whom (a copy tree with the
//! evidence for each edge), whether each copy credits the source it took
//! the text from, and outlet-level aggregates.
//!
//! The entry point is [`analyse`]: a pure function of the documents'
//! metadata and texts, the clusters (passages and pairwise alignments) and an
//! outlet [`Registry`]. Its output, [`Provenance`], is serde-serialisable and
//! deterministic (same input, same output, byte for byte once serialised).
//!
//! * [`dates`]: ISO dates of any precision as time ranges, compared with
//!   their uncertainty.
//! * [`registry`]: the outlet registry (TOML/CSV, built-in wire agencies)
//!   and the matching of documents to outlets.
//! * [`attribution`]: credit phrases ("selon …", "according to …", "(AFP)",
//!   links) and their assignment to copied passages.
//! * [`tree`]: direction evidence, source choice and copy trees.
//! * [`stats`]: per-outlet aggregates.
//! * [`build`]: clusters from plain alignments (the core kernels' output).
//! * [`evaluate`]: scores against a generated provenance truth.

pub mod attribution;
pub mod build;
pub mod dates;
pub mod evaluate;
mod features;
pub mod registry;
pub mod stats;
pub mod tree;

use echotrace_core::model::CharSpan;
use serde::{Deserialize, Serialize};

pub use attribution::{find_credits, CueKind, Placement};
pub use build::{clusters_from_alignments, word_similarity, Alignment};
pub use dates::{compare, parse_date, Precision, TimeOrder, TimeRange};
pub use evaluate::{
    evaluate_provenance, oracle_clusters, CopyTruth, FamilyTruth, ProvenanceScores, TruthLink,
};
pub use registry::{Outlet, OutletInfo, OutletKind, Registry, RegistryError};
pub use stats::{OutletStats, Republisher, SourceShare};
pub use tree::analyse;

/// Metadata of one document, as the provenance stage needs it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub id: String,
    /// Outlet / series name.
    #[serde(default)]
    pub series: Option<String>,
    /// Site name found by cleaning.
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date (ISO 8601, any precision).
    #[serde(default)]
    pub date: Option<String>,
    /// Precision of `date` when known to be coarser than it is written.
    #[serde(default)]
    pub date_precision: Option<Precision>,
    /// Length of the document's text in characters, when the caller passes
    /// an empty text for a document without passages (to spare loading
    /// it); `None`: counted from the text given.
    #[serde(default)]
    pub n_chars: Option<u64>,
}

/// A passage of a cluster: a character span of one document.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PassageRef {
    /// Index into the documents given to [`analyse`].
    pub doc: usize,
    pub span: CharSpan,
}

/// An alignment between two passages of a cluster.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct AlignRef {
    /// Indices into the cluster's passages.
    pub a: usize,
    pub b: usize,
    /// The aligned spans (within the passages' documents).
    pub a_span: CharSpan,
    pub b_span: CharSpan,
    pub matched_words: u32,
    /// Aligned words over the longer side's words, in 0..=1.
    pub score: f32,
}

/// One reuse cluster.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct ClusterInput {
    pub cluster: u64,
    pub passages: Vec<PassageRef>,
    pub alignments: Vec<AlignRef>,
}

/// Options of [`analyse`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Options {
    /// A credit within this many characters of a passage belongs to it.
    pub near_chars: usize,
    /// Clusters with more passages than this compare publication times only
    /// along alignments (instead of between every two passages).
    pub max_pairwise: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            near_chars: 300,
            max_pairwise: 3000,
        }
    }
}

/// What a piece of evidence is about.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Publication times (and their precision).
    Time,
    /// The parent is dated definitely after the child.
    TimeConflict,
    /// Asterisks after names ("Daech*"): a convention copies drop.
    Asterisks,
    /// One side ends mid-sentence.
    Truncation,
    /// Which side has more words (copies usually cut).
    Completeness,
    /// Typographic quotes, apostrophes and dashes downgraded to plain ones.
    Typography,
    /// Spaces lost after sentence ends.
    Spacing,
    /// Words hyphenated across line breaks.
    Hyphenation,
    /// OCR-like damage and case slips: digits inside words ("p0ur"), one
    /// word in capitals, a sentence starting in lower case.
    Damage,
    /// The child credits the parent's outlet.
    Credit,
    /// Text similarity of the two passages (and the runner-up).
    Similarity,
    /// How central the passage is among the copies (an original is close to
    /// all of its copies).
    Centrality,
    /// No alignment links the passage to an earlier one.
    NoAlignment,
    /// The overall score that ranked the root first.
    Rank,
}

/// One piece of evidence. `weight` is signed: positive supports the edge
/// (the parent, or the root, being earlier), negative speaks against it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    pub weight: f32,
    pub detail: String,
}

/// Attribution of a copy.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum AttributionStatus {
    /// Credits the outlet the text came from (the parent's or an ancestor's).
    Credited,
    /// Credits someone, but not the outlet the text came from.
    CreditsOther,
    /// Credits nobody.
    Unattributed,
    /// Same outlet as the parent: nothing to credit.
    SameOutlet,
}

/// A credit found for a copied passage.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Credit {
    pub outlet: usize,
    pub outlet_name: String,
    /// The credit phrase (character span in the copying document).
    pub span: CharSpan,
    pub text: String,
    pub cue: CueKind,
    pub placement: Placement,
    /// Whether the credited outlet is one the text came from.
    pub matches_source: bool,
}

/// Attribution verdict for a copy.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Attribution {
    pub status: AttributionStatus,
    /// Unattributed or crediting someone else.
    pub flagged: bool,
    pub credits: Vec<Credit>,
    /// Credits inside the passage that the parent text already had (kept
    /// as evidence; they do not count as the copier's credit).
    pub inherited: Vec<Credit>,
}

/// A passage of a cluster in the copy tree.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Node {
    /// Index of the passage in the cluster input.
    pub passage: usize,
    pub doc: usize,
    pub span: CharSpan,
    pub outlet: Option<usize>,
    pub time: Option<TimeRange>,
    /// Passage index of the most likely parent (`None` for the root and
    /// for invalid passages).
    pub parent: Option<usize>,
    /// Distance from the root (0 for the root).
    pub depth: u32,
    /// Rank score: the higher, the more likely an original.
    pub score: f32,
    /// Confidence in the parent (for the root: in being the original).
    pub confidence: f32,
    pub evidence: Vec<Evidence>,
    /// `None` for the root.
    pub attribution: Option<Attribution>,
}

/// Provenance of one cluster.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ClusterProvenance {
    pub cluster: u64,
    /// Passage index of the most likely original.
    pub root: Option<usize>,
    pub root_confidence: f32,
    /// One node per input passage, in input order.
    pub nodes: Vec<Node>,
    /// Edges whose parent is dated definitely after the child.
    pub time_conflicts: usize,
}

/// The result of [`analyse`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Provenance {
    /// Outlets referred to by index everywhere else.
    pub outlets: Vec<OutletInfo>,
    /// Outlet of each document.
    pub doc_outlets: Vec<Option<usize>>,
    pub clusters: Vec<ClusterProvenance>,
    /// One entry per outlet with documents or republishers, by outlet index.
    pub outlet_stats: Vec<OutletStats>,
}
