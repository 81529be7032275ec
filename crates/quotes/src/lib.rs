//! Quote extraction, speaker attribution and cross-document quote linking for echotrace.
//!
//! * [`extract`]: the quotes of one document (direct, mixed and indirect),
//!   with character offsets into the text as given, the cue, the speaker
//!   (name and role, pronouns and roles resolved to a person named earlier),
//!   reader comments kept apart, a confidence and an `uncertain` flag.
//! * [`link`]: the same quote across documents, with word diffs.
//! * [`eval`]: scoring against a gold set ([`eval::evaluate`]).

mod attrib;
pub mod eval;
mod extract;
mod lexicon;
pub mod link;
mod marks;
pub mod model;
mod speaker;
mod text;

pub use extract::{extract, MAX_QUOTES};
pub use link::link;
pub use model::{
    CharSpan, DiffOp, DocQuotes, GroupMember, Quote, QuoteGroup, QuoteKind, QuoteText, Resolution,
    Speaker,
};
