//! Conversion of one passim-compatible JSON record into a [`Document`].
//!
//! Required: `id` (string, or an integer converted to its decimal string) and
//! `text` (non-blank string). Optional: `series`, `date`, `url`, `title`
//! (strings; numbers and booleans are converted, `null` means absent, arrays
//! and objects are rejected). Every other field goes, in input order, into
//! [`Document::extra`].

use echotrace_core::Document;
use serde_json::{Number, Value};

/// Largest integer magnitude a JSON float can hold exactly (2^53).
const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Converts a parsed JSON value into a document, or explains why it cannot
/// be one. `origin` is stored in [`Document::origin`].
///
/// When several things are wrong, the reported one is, in order: not an
/// object, `id`, `text`, then the first bad optional field.
pub fn document_from_json(value: Value, origin: Option<String>) -> Result<Document, String> {
    let map = match value {
        Value::Object(map) => map,
        other => return Err(format!("expected a JSON object, found {}", kind_of(&other))),
    };
    let mut doc = Document {
        origin,
        ..Document::default()
    };
    let mut id = None;
    let mut text = None;
    let mut field_error = None;
    for (key, value) in map {
        let slot = match key.as_str() {
            "id" => {
                id = Some(value);
                continue;
            }
            "text" => {
                text = Some(value);
                continue;
            }
            "series" => &mut doc.series,
            "date" => &mut doc.date,
            "url" => &mut doc.url,
            "title" => &mut doc.title,
            _ => {
                doc.extra.insert(key, value);
                continue;
            }
        };
        match optional_string(&key, value) {
            Ok(v) => *slot = v,
            Err(e) => {
                field_error.get_or_insert(e);
            }
        }
    }
    doc.id = match id {
        None => return Err("missing required field `id`".to_string()),
        Some(v) => id_string(v)?,
    };
    doc.text = match text {
        None => return Err("missing required field `text`".to_string()),
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(format!(
                "field `text` must be a string, found {}",
                kind_of(&other)
            ))
        }
    };
    if let Some(e) = field_error {
        return Err(e);
    }
    if doc.text.trim().is_empty() {
        return Err("empty text".to_string());
    }
    Ok(doc)
}

fn id_string(value: Value) -> Result<String, String> {
    let id = match value {
        Value::String(s) => s,
        Value::Number(n) => integer_string(&n).ok_or_else(|| {
            format!(
                "field `id` is the number {n}, which is not an exact integer; write the id as a string"
            )
        })?,
        other => {
            return Err(format!(
                "field `id` must be a string or a number, found {}",
                kind_of(&other)
            ))
        }
    };
    if id.is_empty() {
        return Err("field `id` is empty".to_string());
    }
    Ok(id)
}

/// The decimal string of an integral number, `None` for fractions and for
/// floats too large to be exact (big integers that JSON parsing rounded).
fn integer_string(n: &Number) -> Option<String> {
    if let Some(i) = n.as_i64() {
        return Some(i.to_string());
    }
    if let Some(u) = n.as_u64() {
        return Some(u.to_string());
    }
    let f = n.as_f64()?;
    if f.is_finite() && f.fract() == 0.0 && f.abs() <= EXACT_FLOAT_LIMIT {
        // Exact, in range of i64 by the check above.
        return Some((f as i64).to_string());
    }
    None
}

fn optional_string(key: &str, value: Value) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        other => Err(format!(
            "field `{key}` must be a string, found {}",
            kind_of(&other)
        )),
    }
}

/// "an object", "a string", … for error messages.
pub(crate) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conv(v: Value) -> Result<Document, String> {
        document_from_json(v, Some("f.jsonl:1".into()))
    }

    #[test]
    fn minimal_record() {
        let d = conv(json!({"id": "a", "text": "hello"})).unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.text, "hello");
        assert_eq!(d.origin.as_deref(), Some("f.jsonl:1"));
        assert!(d.series.is_none() && d.extra.is_empty());
    }

    #[test]
    fn full_record_keeps_extra_in_order() {
        let v: Value = serde_json::from_str(
            r#"{"zeta":1,"id":"x","series":"s","alpha":{"k":[1,2]},"date":"2024-01-02","text":" t ","url":"u","title":"T","mid":null}"#,
        )
        .unwrap();
        let d = conv(v).unwrap();
        assert_eq!(d.series.as_deref(), Some("s"));
        assert_eq!(d.date.as_deref(), Some("2024-01-02"));
        assert_eq!(d.url.as_deref(), Some("u"));
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.text, " t ");
        let keys: Vec<&str> = d.extra.keys().map(String::as_str).collect();
        assert_eq!(keys, ["zeta", "alpha", "mid"]);
        assert_eq!(d.extra["alpha"], json!({"k": [1, 2]}));
        assert_eq!(d.extra["mid"], Value::Null);
    }

    #[test]
    fn numeric_ids() {
        assert_eq!(conv(json!({"id": 42, "text": "t"})).unwrap().id, "42");
        assert_eq!(conv(json!({"id": -7, "text": "t"})).unwrap().id, "-7");
        assert_eq!(
            conv(json!({"id": u64::MAX, "text": "t"})).unwrap().id,
            u64::MAX.to_string()
        );
        assert_eq!(conv(json!({"id": 3.0, "text": "t"})).unwrap().id, "3");
        let e = conv(json!({"id": 1.5, "text": "t"})).unwrap_err();
        assert!(e.contains("not an exact integer"), "{e}");
        let v: Value =
            serde_json::from_str(r#"{"id":123456789012345678901234,"text":"t"}"#).unwrap();
        assert!(conv(v).unwrap_err().contains("not an exact integer"));
    }

    #[test]
    fn optional_fields_converted() {
        let d = conv(json!({"id": "a", "text": "t", "date": 2024, "series": true, "url": null}))
            .unwrap();
        assert_eq!(d.date.as_deref(), Some("2024"));
        assert_eq!(d.series.as_deref(), Some("true"));
        assert_eq!(d.url, None);
    }

    #[test]
    fn errors() {
        let err = |v: Value| conv(v).unwrap_err();
        assert_eq!(err(json!([1])), "expected a JSON object, found an array");
        assert_eq!(err(json!("s")), "expected a JSON object, found a string");
        assert_eq!(err(json!({"text": "t"})), "missing required field `id`");
        assert_eq!(err(json!({"id": "a"})), "missing required field `text`");
        assert_eq!(err(json!({"id": "", "text": "t"})), "field `id` is empty");
        assert_eq!(
            err(json!({"id": {"a": 1}, "text": "t"})),
            "field `id` must be a string or a number, found an object"
        );
        assert_eq!(
            err(json!({"id": "a", "text": 5})),
            "field `text` must be a string, found a number"
        );
        assert_eq!(
            err(json!({"id": "a", "text": null})),
            "field `text` must be a string, found null"
        );
        assert_eq!(
            err(json!({"id": "a", "text": "t", "title": {"x": 1}})),
            "field `title` must be a string, found an object"
        );
        assert_eq!(
            err(json!({"id": "a", "text": "t", "date": [1]})),
            "field `date` must be a string, found an array"
        );
        assert_eq!(err(json!({"id": "a", "text": " \n\t "})), "empty text");
        assert_eq!(err(json!({"id": "a", "text": ""})), "empty text");
        // `id` problems are reported before `text` ones, those before others.
        assert_eq!(
            err(json!({"series": [], "text": 1})),
            "missing required field `id`"
        );
        assert_eq!(
            err(json!({"series": [], "id": "a", "text": 1})),
            "field `text` must be a string, found a number"
        );
    }
}
