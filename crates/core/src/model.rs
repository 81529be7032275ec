//! Records that flow between stages.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One article as given by the user, before any processing.
///
/// `text` is kept exactly as given: every offset that echotrace reports is a
/// character offset (Unicode scalar values, not bytes) into this string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Unique id in the corpus (file stem for text files, `id` for JSON lines).
    pub id: String,
    /// The text as given.
    pub text: String,
    /// Outlet / series name (passim's `series`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Publication date as given (ISO 8601 preferred, any precision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Every other field of the input record, passed through untouched.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
    /// Where the record came from (file path, with `:line` for JSON lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// A half-open span `[begin, end)` of characters in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CharSpan {
    pub begin: usize,
    pub end: usize,
}

impl CharSpan {
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.begin)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.begin
    }
    /// Number of characters shared by the two spans.
    pub fn overlap(&self, other: &CharSpan) -> usize {
        let b = self.begin.max(other.begin);
        let e = self.end.min(other.end);
        e.saturating_sub(b)
    }
}
