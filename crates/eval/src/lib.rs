//! echotrace-eval: labelled corpora and measures for text reuse detection.
//!
//! * [`gen`] generates synthetic news corpora (JSON lines) with injected,
//!   realistically edited copies and the exact truth of the reuse; with
//!   [`generate_with_provenance`], also publication times of several
//!   precisions, copies of copies, credit phrases (right, wrong, none), the
//!   outlets' registry and the provenance truth.
//! * [`eval`] scores detections against a truth: passage-level P/R/F1,
//!   PAN's character-level PlagDet, and pairwise cluster P/R/F1.
//! * [`pan`] reads PAN text alignment corpora into documents, pairs and
//!   truth.
//! * [`words`] holds the word-set helpers used by the generator's checks.

pub mod eval;
pub mod gen;
pub mod pan;
mod rng;
pub mod words;

pub use eval::{
    evaluate, read_detections, read_truth, ClusterScores, Detection, EvalReport, PassageScores,
    PlagDetScores, SpanRef, TruthPair,
};
pub use gen::{
    generate, generate_with_provenance, GenConfig, GenStats, Lang, ProvenanceConfig,
    ProvenanceStats,
};
pub use pan::{read_pan, PanCorpus};
