//! Escaping of untrusted text for HTML, for JSON inside `<script>`, and URL checks.

/// Escapes text for an HTML text node or a double- or single-quoted attribute.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab/newline are not allowed in HTML text.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Makes serialized JSON safe inside `<script type="application/json">`: `<`,
/// `>`, `&`, U+2028 and U+2029 become `\uXXXX` escapes. These characters
/// occur in JSON only inside strings, where the escape means the same.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Returns the URL trimmed when it is an `http://` or `https://` URL without
/// whitespace or control characters, else `None` (it is then shown as text).
pub fn safe_url(url: &str) -> Option<&str> {
    let u = url.trim();
    let lower: String = u.chars().take(8).flat_map(char::to_lowercase).collect();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let rest_ok = u.len() > 8 && !u.chars().any(|c| c.is_whitespace() || c.is_control());
    (scheme_ok && rest_ok).then_some(u)
}

/// Percent-encodes a string for use in a URL fragment (`#find=...`).
pub fn fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_hostile_text() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(html("a & b 'c'"), "a &amp; b &#39;c&#39;");
        assert_eq!(html("x\u{0}y\u{1b}z\n"), "x\u{FFFD}y\u{FFFD}z\n");
        assert_eq!(html("Daech* « é »"), "Daech* « é »");
    }

    #[test]
    fn json_cannot_close_the_script() {
        let raw =
            serde_json::to_string("</script><script>alert(1)</script>&\u{2028}\u{2029}").unwrap();
        let safe = json_for_script(&raw);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, "</script><script>alert(1)</script>&\u{2028}\u{2029}");
    }

    #[test]
    fn only_http_urls_are_links() {
        assert_eq!(
            safe_url(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(safe_url("HTTP://example.org"), Some("HTTP://example.org"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("JavaScript:alert(1)//http://"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
        assert_eq!(safe_url("http://"), None);
        assert_eq!(safe_url("http://a b"), None);
        assert_eq!(safe_url("//example.org"), None);
        assert_eq!(safe_url("ht\u{0}tp://x.org"), None);
        assert_eq!(safe_url("é"), None);
    }

    #[test]
    fn fragment_encoding() {
        assert_eq!(fragment("Le Courrier d'Ys"), "Le%20Courrier%20d%27Ys");
        assert_eq!(fragment("é"), "%C3%A9");
    }
}
