//! Stories (same event), narratives (same claim across events, years and languages) and claim matching for echotrace.
//!
//! Pure kernels, no I/O: the CLI feeds documents and persists the state.
//!
//! - [`StoryIndex`]: incremental story clustering of [`StoryDoc`]s (add one
//!   document or a batch; the index saves to compact bytes and goes on in
//!   a later run); [`Story`] summaries with time span, outlets, languages, key
//!   entities, a representative title and documents in time order.
//! - [`narratives()`]: stories grouped by the claim they carry, across years
//!   and languages; [`stance()`]: whether a document relays or questions it.
//! - [`read_claims`] (JSON lines, ClaimReview JSON-LD) and [`match_claims`]:
//!   the documents that carry known claims, with the matching sentences.
//! - [`eval`]: pairwise P/R/F1, success@k, and the evaluation sets' loaders.
//!
//! Features are lexical: capitalised names, acronyms and numbers, folded
//! (accents, case, Cyrillic transliteration) and mapped through a built-in
//! alias table (États-Unis = United States = США = USA; Daech = ISIS = EI),
//! content-word stems weighted by tf-idf with per-language stop words, and
//! entity pairs per sentence. Every output is deterministic whatever the
//! number of threads; offsets are character offsets into `StoryDoc::text`.

pub mod claims;
mod codec;
pub mod dates;
pub mod eval;
pub mod features;
pub mod lexicon;
pub mod narratives;
pub mod stories;
pub mod text;
pub mod vector;

pub use claims::{
    match_claims, match_claims_indexed, read_claims, story_matches, Claim, ClaimHit, ClaimIssue,
    ClaimMatches, ClaimOptions, ClaimsRead, MatchedSentence,
};
pub use narratives::{
    narratives, stance, DocStance, Narrative, NarrativeId, NarrativeOptions, Stance,
};
pub use stories::{KeyEntity, Story, StoryDoc, StoryId, StoryIndex, StoryMember, StoryOptions};
