//! echotrace-core: the pure kernels of the reuse pipeline.
//!
//! Every function here is a pure function over documents or batches of
//! documents: no I/O, no global state, deterministic output. The same kernels
//! are meant to run in the CLI, in a server and inside Spark executors.
//!
//! Data flows one way through the modules:
//! [`model`] (records) → [`normalise`] (tokens with offsets into the original
//! text) → [`fingerprint`] (winnowed word n-gram hashes) → [`candidates`]
//! (inverted index, document pairs with seed positions) → [`align`] (passages
//! per pair, plus the short [`companion`] sentences of a confirmed pair; [`mates`]
//! aligns documents that each align with a third) → [`cluster`] (passages grouped into reuse clusters). [`batch`]
//! chains them over texts held in memory.

pub mod align;
pub mod batch;
pub mod candidates;
pub mod cluster;
pub mod companion;
pub mod fingerprint;
pub mod mates;
pub mod model;
pub mod normalise;
pub mod params;

pub use model::Document;
pub use params::Params;
