//! The records produced by quote extraction and linking.

pub use echotrace_core::model::CharSpan;
use serde::{Deserialize, Serialize};

/// How the words are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// A quoted sentence or more, standing on its own (« … », a-t-il dit).
    Direct,
    /// Reported speech without quotation marks ("selon X, …", "according to X, …").
    Indirect,
    /// A quoted fragment inside the reporter's own sentence (il a dénoncé un budget « insincère »).
    Mixed,
}

/// How the speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum Resolution {
    /// The speaker is named (or described) next to the quote.
    Named,
    /// A pronoun or a role ("a-t-il conclu", "a indiqué la responsable") or a
    /// continued quote, resolved to a person named earlier at `from`.
    Resolved { from: CharSpan },
    /// No speaker, or a role/pronoun the text does not allow to resolve.
    Unresolved,
    /// The quote is in reader comment number `n` (index into the `comments`
    /// spans given to [`crate::extract`]): attributed to the comment.
    Comment { n: usize },
}

/// Who is quoted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The words designating the speaker, as written next to the quote
    /// ("la porte-parole du ministère russe des Affaires étrangères, Maria Zakharova", "il").
    pub as_written: String,
    /// Where `as_written` is in the text.
    pub span: CharSpan,
    /// The person's normalised name ("Maria Zakharova"), the fullest form found
    /// in the document; for a resolved pronoun or role, the antecedent's name.
    pub name: Option<String>,
    /// The role or description, without determiner ("porte-parole du ministère russe des Affaires étrangères").
    pub role: Option<String>,
}

impl Speaker {
    /// The name, or else the role: what a listing shows.
    pub fn label(&self) -> Option<&str> {
        self.name.as_deref().or(self.role.as_deref())
    }
}

/// One quote found in a document. Every span is a character offset into the
/// text given to [`crate::extract`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quotation marks.
    pub span: CharSpan,
    /// The quote with its marks (from the opening to the closing mark), when it has marks.
    pub marks: Option<CharSpan>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    /// The reporting verb or cue as written ("a déclaré", "a-t-il conclu", "selon", "said").
    pub cue: Option<String>,
    pub cue_span: Option<CharSpan>,
    pub resolution: Resolution,
    /// 0..1: how sure the attribution is (and the quote itself).
    pub confidence: f32,
    /// The marks are unbalanced or the quote was capped: its end is a guess.
    pub uncertain: bool,
}

/// The quotes of one document, for [`crate::link`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocQuotes {
    pub doc_id: String,
    /// Publication date (ISO 8601, any precision) when known: members of a
    /// group are ordered by it.
    pub date: Option<String>,
    pub quotes: Vec<QuoteText>,
}

/// One quote's text, for linking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteText {
    /// Index of the quote in its document's extraction result.
    pub index: usize,
    /// The quoted words (the text of `Quote::span`).
    pub text: String,
    /// Speaker label, carried through for display.
    pub speaker: Option<String>,
}

impl DocQuotes {
    /// Builds the linking input from a document's text and its extracted quotes.
    pub fn from_extracted(
        doc_id: impl Into<String>,
        date: Option<String>,
        text: &str,
        quotes: &[Quote],
    ) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let quotes = quotes
            .iter()
            .enumerate()
            .map(|(index, q)| {
                let e = q.span.end.min(chars.len());
                let b = q.span.begin.min(e);
                QuoteText {
                    index,
                    text: chars[b..e].iter().collect(),
                    speaker: q
                        .speaker
                        .as_ref()
                        .and_then(|s| s.label().map(str::to_string)),
                }
            })
            .collect();
        DocQuotes {
            doc_id: doc_id.into(),
            date,
            quotes,
        }
    }
}

/// One step of a word-level diff against the group's reference wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", content = "words", rename_all = "snake_case")]
pub enum DiffOp {
    /// Words in both.
    Equal(Vec<String>),
    /// Words in this member, not in the reference.
    Insert(Vec<String>),
    /// Words of the reference missing from this member.
    Delete(Vec<String>),
}

/// One appearance of a linked quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMember {
    /// Index into the `docs` slice given to [`crate::link`].
    pub doc: usize,
    pub doc_id: String,
    pub date: Option<String>,
    /// Index of the quote in its document.
    pub quote: usize,
    pub speaker: Option<String>,
    /// The member's words are exactly the reference's (folded: case, accents
    /// and punctuation ignored).
    pub same_wording: bool,
    /// The member is the reference cut at its start or end, nothing else.
    pub cut: bool,
    /// Word diff against the reference (empty for the reference itself).
    pub diff: Vec<DiffOp>,
}

/// The same quote found in several documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteGroup {
    /// Members ordered by date (undated last), then input order.
    pub members: Vec<GroupMember>,
    /// Index into `members` of the reference wording: the most common folded
    /// form, then the longest.
    pub reference: usize,
    /// The reference's text as written.
    pub text: String,
}
