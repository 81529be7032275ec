//! Decoding of HTML bytes: BOM, HTTP-style `charset=` in `<meta>`, then UTF-8
//! if valid, else Windows-1252 (the WHATWG default for Latin-1 labels too).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes an HTML page to a `String`, returning it with the encoding used.
///
/// Order: byte-order mark; a `charset` declared in the first 4 KiB
/// (`<meta charset>` or `http-equiv` content type); then UTF-8 when the bytes
/// are valid UTF-8; else Windows-1252. A declared charset that contradicts
/// valid UTF-8 bytes (a common mislabel) loses to UTF-8. Never fails:
/// undecodable bytes become U+FFFD.
pub fn decode_html(bytes: &[u8], hint: Option<&str>) -> (String, &'static Encoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc);
    }
    let utf8_ok = std::str::from_utf8(bytes).is_ok();
    let declared = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .or_else(|| sniff_meta_charset(bytes));
    let enc = match declared {
        // UTF-16 labels in a meta tag cannot be right for an ASCII-compatible page.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) if e != UTF_8 && utf8_ok && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if utf8_ok => UTF_8,
        None => WINDOWS_1252,
    };
    if enc == UTF_8 && !utf8_ok {
        // Declared UTF-8 but not valid: keep what is valid, replace the rest.
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        // A page that is mostly invalid UTF-8 is really Windows-1252.
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 200 > text.len().max(1) {
            let (t, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            return (t.into_owned(), WINDOWS_1252);
        }
        return (text.into_owned(), UTF_8);
    }
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// Finds `charset=NAME` in the head of the page (first 4 KiB, case-insensitive).
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let needle = b"charset";
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], needle) {
        let mut i = from + pos + needle.len();
        from = i;
        while i < lower.len() && (lower[i] == b' ' || lower[i] == b'\t') {
            i += 1;
        }
        if i >= lower.len() || lower[i] != b'=' {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_page_without_declaration() {
        let bytes = b"<p>caf\xe9 cr\xe8me</p>";
        let (t, e) = decode_html(bytes, None);
        assert_eq!(t, "<p>caf\u{e9} cr\u{e8}me</p>");
        assert_eq!(e, WINDOWS_1252);
    }

    #[test]
    fn declared_latin1() {
        let bytes = b"<meta charset=\"iso-8859-1\"><p>\x80 caf\xe9</p>";
        let (t, _) = decode_html(bytes, None);
        assert!(t.contains("\u{20ac} caf\u{e9}"));
    }

    #[test]
    fn mislabelled_utf8_stays_utf8() {
        let html = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>déjà</p>";
        let (t, e) = decode_html(html.as_bytes(), None);
        assert_eq!(t, html);
        assert_eq!(e, UTF_8);
    }

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<p>ü</p>".as_bytes());
        assert_eq!(decode_html(&b, None).0, "<p>ü</p>");
    }
}
