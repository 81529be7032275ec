//! The report's input model: plain serde records the CLI fills from the store.
//!
//! Every field is optional in JSON (`#[serde(default)]`), so a partial model
//! (no provenance yet, no quotes) still renders. Offsets are character
//! offsets into the document's text as given; article text is untrusted and
//! is escaped by the renderer wherever it appears.

use serde::{Deserialize, Serialize};

/// Everything one report shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportData {
    /// Page title ("echotrace report" when empty).
    pub title: String,
    pub overview: Overview,
    /// Reuse clusters, in any order: the report sorts them by spread.
    pub clusters: Vec<Cluster>,
    /// One row per outlet (the outlet table).
    pub outlets: Vec<OutletRow>,
    /// One row per source outlet: who republishes it and how fast.
    pub sources: Vec<SourceRow>,
    /// Speakers and their linked quotes (section shown only when non-empty).
    pub quotes: Vec<Speaker>,
    /// Stories (section shown only when non-empty).
    pub stories: Vec<Story>,
    /// Narratives (section shown only when non-empty).
    pub narratives: Vec<Narrative>,
}

/// Corpus counts and how the data was made.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Overview {
    pub documents: u64,
    pub outlets: u64,
    pub clusters: u64,
    pub passages: u64,
    /// Copies that credit nobody or credit another source than the real one.
    pub unattributed_copies: u64,
    /// Earliest and latest document dates (`YYYY[-MM[-DD[THH:MM]]]`).
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// Which program wrote the data, e.g. "echotrace 0.1.0" (no clock time is
    /// added by the renderer, so the same data gives the same file).
    pub generated_by: Option<String>,
    /// Generation parameters, shown in the given order.
    pub params: Vec<Param>,
    /// Caveats to show next to the counts ("12 documents have no date").
    pub notes: Vec<String>,
}

/// One named generation parameter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Param {
    pub name: String,
    pub value: String,
}

/// A reuse cluster: passages of several documents that share text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cluster {
    pub id: u64,
    /// `uid` of the most likely original passage, when provenance decided.
    pub source: Option<u64>,
    pub passages: Vec<Passage>,
    /// The copy tree: each copy and the passage it most likely came from.
    pub edges: Vec<CopyEdge>,
    /// Aligned passage pairs, shown side by side with a word diff.
    pub pairs: Vec<AlignedPair>,
}

/// How precise a date is (`time`, `day`, `month`, `year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Time,
    Day,
    Month,
    Year,
}

/// One reused passage of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Passage {
    pub uid: u64,
    pub doc_id: String,
    pub outlet: Option<String>,
    /// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` (a suffix
    /// such as `Z` is ignored); anything else is shown as an unreadable date.
    pub date: Option<String>,
    /// When absent, inferred from the date's form.
    pub date_precision: Option<DatePrecision>,
    pub title: Option<String>,
    /// Only `http://` and `https://` URLs become links.
    pub url: Option<String>,
    /// Character offsets of the passage in the document's text as given.
    pub begin: u64,
    pub end: u64,
    /// The passage text (the document's text sliced by `begin..end`).
    pub text: String,
    pub attribution: Attribution,
}

/// Whether a copy says where its text came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attribution {
    pub status: AttributionStatus,
    /// The credit as written ("selon l'agence X", a URL).
    pub credit: Option<String>,
    /// The outlet the credit names, when resolved.
    pub credited_outlet: Option<String>,
}

/// Attribution status of a passage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionStatus {
    /// Not decided (no provenance data).
    #[default]
    Unknown,
    /// The original: nothing to credit.
    Source,
    /// Credits the source the text came from.
    Credited,
    /// Credits a source, but not the one the text came from.
    CreditsOther,
    /// Credits nobody.
    Unattributed,
}

/// An edge of the copy tree: `child` most likely took its text from `parent`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CopyEdge {
    pub child: u64,
    pub parent: u64,
    /// In `0..=1`; values outside are clamped, NaN is shown as unknown.
    pub confidence: Option<f64>,
    pub evidence: Vec<Evidence>,
}

/// One piece of evidence for a copy edge ("time", "containment", "edit", ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub kind: String,
    pub detail: String,
}

/// Two aligned passages of one cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlignedPair {
    /// Passage uids (left and right).
    pub a: u64,
    pub b: u64,
    /// The aligned texts; when absent, the passages' texts.
    pub a_text: Option<String>,
    pub b_text: Option<String>,
    pub score: Option<f64>,
    pub matched_words: Option<u64>,
}

/// One outlet's reuse profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OutletRow {
    pub name: String,
    /// "wire agency", "state-affiliated", "independent", ...
    pub kind: Option<String>,
    pub country: Option<String>,
    pub documents: u64,
    /// Share of its text copied from elsewhere, in `0..=1`.
    pub copied_share: Option<f64>,
    /// Share of its copied text that is unattributed, in `0..=1`.
    pub unattributed_share: Option<f64>,
    pub top_sources: Vec<SourceShare>,
}

/// An outlet this outlet copies from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceShare {
    pub outlet: String,
    pub passages: u64,
    pub share: Option<f64>,
    /// Clusters that show it (links to the evidence).
    pub clusters: Vec<u64>,
}

/// A source outlet and who republishes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceRow {
    pub outlet: String,
    pub republishers: Vec<Republisher>,
}

/// An outlet republishing a source's text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Republisher {
    pub outlet: String,
    pub copies: u64,
    pub unattributed: u64,
    /// Delay from the source's publication to the copy, in hours.
    pub median_delay_hours: Option<f64>,
    pub min_delay_hours: Option<f64>,
    pub clusters: Vec<u64>,
}

/// A speaker and the quotes attributed to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Speaker {
    pub name: String,
    pub role: Option<String>,
    pub quotes: Vec<QuoteGroup>,
}

/// One quote linked across documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteGroup {
    pub id: u64,
    /// The quote's text at its first appearance.
    pub text: String,
    pub appearances: Vec<QuoteAppearance>,
}

/// Where a quote appeared.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuoteAppearance {
    pub doc_id: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The quote as worded in this document.
    pub text: String,
    /// The speaker as written ("la porte-parole du ministère").
    pub speaker_as_written: Option<String>,
    /// The first appearance of the quote.
    pub first: bool,
    /// The wording differs from the first appearance (a diff is shown).
    pub altered: bool,
    pub cluster: Option<u64>,
    pub passage: Option<u64>,
}

/// A story: one event reported by several outlets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Story {
    pub id: u64,
    pub title: String,
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    pub outlets: Vec<String>,
    pub languages: Vec<String>,
    pub entities: Vec<String>,
    pub documents: Vec<StoryDoc>,
}

/// A document of a story or narrative.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryDoc {
    pub doc_id: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub date_precision: Option<DatePrecision>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    /// For narratives: "relays", "questions" (reports the claim critically) or "unknown".
    pub stance: Option<String>,
    /// The sentence that shows the stance.
    pub stance_evidence: Option<String>,
    pub story: Option<u64>,
    /// A cluster this document's reused text belongs to, for the evidence.
    pub cluster: Option<u64>,
}

/// A narrative: the same claim told again about other events or years.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Narrative {
    pub id: u64,
    pub label: String,
    pub entities: Vec<String>,
    pub phrases: Vec<String>,
    /// Story ids, in time order.
    pub stories: Vec<u64>,
    pub documents: Vec<StoryDoc>,
}
