//! Reader-comment sections in text dumps: where they start ("43 commentaires
//! sur …", "12 comments", "Comments (3)"), and how they split into comments
//! (numbered items with indentation giving the nesting depth, or "Reply" /
//! "Répondre" lines closing each comment).

use crate::dates::find_dates;

/// Words that name comments, in the languages echotrace meets most.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentaire",
    "commentaires",
    "réponse",
    "réponses",
    "response",
    "responses",
    "reply",
    "replies",
    "kommentar",
    "kommentare",
    "comentario",
    "comentarios",
    "commento",
    "commenti",
    "comentário",
    "comentários",
    "комментарий",
    "комментария",
    "комментариев",
    "комментарии",
    "reactie",
    "reacties",
    "komentarz",
    "komentarze",
    "komentarzy",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "un", "une", "ein", "eine", "uno", "una", "um", "один", "één",
];

/// Lines that close a comment in WordPress-like dumps.
const REPLY_WORDS: &[&str] = &[
    "reply",
    "répondre",
    "repondre",
    "antworten",
    "responder",
    "rispondi",
    "ответить",
    "odpowiedz",
    "beantwoorden",
    "reply ↓",
    "↳ reply",
];

/// Lines that end the comment section.
const CLOSERS: &[&str] = &[
    "les commentaires sont fermés",
    "comments are closed",
    "kommentare sind geschlossen",
    "leave a reply",
    "leave a comment",
    "laisser un commentaire",
    "laisser une réponse",
    "schreibe einen kommentar",
    "deja un comentario",
    "lascia un commento",
    "deixe um comentário",
    "add a comment",
];

/// The first `max` words of a line, lower-cased.
fn lower_words(line: &str, max: usize) -> Vec<String> {
    line.split(|c: char| {
        c.is_whitespace() || c == '(' || c == ')' || c == ':' || c == '“' || c == '"' || c == '«'
    })
    .filter(|w| !w.is_empty())
    .take(max)
    .map(|w| w.to_lowercase())
    .collect()
}

/// Whether the line opens a comment section: "43 commentaires sur “…”",
/// "12 comments", "One response to …", "Comments (3)", "Kommentare".
pub fn is_comment_header(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 1200 || t.chars().count() > 300 {
        return false;
    }
    // Five words are enough for every test below (`w.len() <= 4` is false
    // with five).
    let w = lower_words(t, 5);
    if w.is_empty() {
        return false;
    }
    let is_cw = |s: &str| COMMENT_WORDS.contains(&s.trim_end_matches([',', '.', ':']));
    // "N comments …" / "one comment …"
    if w.len() >= 2
        && is_cw(&w[1])
        && (w[0].chars().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w[0].as_str()))
    {
        // A short line or one that names what the comments are on.
        let on = w.get(2).map(|s| {
            [
                "sur", "on", "to", "zu", "a", "en", "su", "para", "на", "op", "do", "à", "au",
            ]
            .contains(&s.as_str())
        });
        return w.len() <= 4 || on.unwrap_or(false);
    }
    // "Comments", "Comments (3)", "Commentaires : 5"
    if w.len() <= 2
        && is_cw(&w[0])
        && w.iter()
            .skip(1)
            .all(|s| s.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    false
}

/// Whether the line is a comment-form or "comments are closed" line.
pub fn is_comment_closer(line: &str) -> bool {
    let t = line.trim();
    // Lower-casing never shortens a text in characters.
    if t.len() > 480 || t.chars().count() > 120 {
        return false;
    }
    let l = t.to_lowercase();
    l.chars().count() <= 120 && CLOSERS.iter().any(|c| l.starts_with(c))
}

/// Whether the line is only a "Reply" link.
pub fn is_reply_line(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    REPLY_WORDS.contains(&l.as_str())
}

/// One comment found in a run of lines, as line indices (relative to the run).
#[derive(Debug, Clone, PartialEq)]
pub struct CommentLines {
    /// First and last line (inclusive) of the comment's text.
    pub first: usize,
    pub last: usize,
    pub depth: usize,
    pub author: Option<String>,
    pub author_line: Option<usize>,
    pub date_line: Option<usize>,
}

/// `"  12. text"` → (indent width, number, byte offset of the text).
fn numbered_item(line: &str) -> Option<(usize, u32, usize)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let after = &rest[digits.len()..];
    let mut chars = after.chars();
    let p = chars.next()?;
    let s = chars.next()?;
    if (p == '.' || p == ')') && s.is_whitespace() && after.trim().len() > 1 {
        let n: u32 = digits.parse().ok()?;
        let text_off =
            indent + digits.len() + 1 + (after[1..].len() - after[1..].trim_start().len());
        Some((indent, n, text_off))
    } else {
        None
    }
}

/// Byte offset of the text after an item number ("  12. text" → 6).
pub fn numbered_text_offset(line: &str) -> Option<usize> {
    numbered_item(line).map(|(_, _, off)| off)
}

/// Splits the lines of a comment section (header excluded) into comments.
pub fn split_comments(lines: &[&str]) -> Vec<CommentLines> {
    let numbered: Vec<(usize, usize, u32)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| numbered_item(l).map(|(ind, n, _)| (i, ind, n)))
        .collect();
    // Numbered replies: the first item is 1 and most items are small numbers.
    if numbered.len() >= 2 && numbered[0].2 == 1 {
        let mut indents: Vec<usize> = numbered.iter().map(|x| x.1).collect();
        indents.sort_unstable();
        indents.dedup();
        let mut out = Vec::new();
        for (k, &(i, ind, _)) in numbered.iter().enumerate() {
            let next = numbered.get(k + 1).map(|x| x.0).unwrap_or(lines.len());
            let mut last = next.saturating_sub(1).max(i);
            while last > i && lines[last].trim().is_empty() {
                last -= 1;
            }
            let depth = indents.iter().position(|&x| x == ind).unwrap_or(0);
            out.push(CommentLines {
                first: i,
                last,
                depth,
                author: None,
                author_line: None,
                date_line: None,
            });
        }
        return out;
    }
    // "Reply" lines close each comment.
    let replies: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_reply_line(l))
        .map(|(i, _)| i)
        .collect();
    if !replies.is_empty() {
        let mut out = Vec::new();
        let mut start = 0;
        for &r in &replies {
            if let Some(c) = comment_from_chunk(lines, start, r) {
                out.push(c);
            }
            start = r + 1;
        }
        if let Some(c) = comment_from_chunk(lines, start, lines.len()) {
            out.push(c);
        }
        return out;
    }
    // Otherwise: paragraphs (blank-line separated) are comments.
    let mut out = Vec::new();
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        if l.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(CommentLines {
                    first: s,
                    last: i - 1,
                    depth: 0,
                    author: None,
                    author_line: None,
                    date_line: None,
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(CommentLines {
            first: s,
            last: lines.len() - 1,
            depth: 0,
            author: None,
            author_line: None,
            date_line: None,
        });
    }
    out
}

/// Lines `start..end` as one comment: a short first line is the author
/// (possibly "Name says:"), a date line next to it the date.
fn comment_from_chunk(lines: &[&str], start: usize, end: usize) -> Option<CommentLines> {
    let idx: Vec<usize> = (start..end)
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let (&first, &last) = (idx.first()?, idx.last()?);
    let mut c = CommentLines {
        first,
        last,
        depth: 0,
        author: None,
        author_line: None,
        date_line: None,
    };
    let mut k = 0;
    if let Some(&i) = idx.get(k) {
        let t = lines[i].trim();
        let words = t.split_whitespace().count();
        if words <= 6 && idx.len() > 1 && !t.ends_with('.') {
            let name = strip_says(t);
            if find_dates(name).is_empty() {
                c.author = Some(name.to_string());
                c.author_line = Some(i);
                k += 1;
            }
        }
    }
    if let Some(&i) = idx.get(k) {
        if crate::dates::is_date_line(lines[i]) && idx.len() > k + 1 {
            c.date_line = Some(i);
            k += 1;
        }
    }
    c.first = *idx.get(k).unwrap_or(&first);
    Some(c)
}

fn strip_says(t: &str) -> &str {
    for suffix in [
        " says:",
        " said:",
        " dit :",
        " dit:",
        " schreibt:",
        " sagt:",
        " dice:",
        " escribió:",
        " says",
        " dit",
    ] {
        if let Some(s) = t.strip_suffix(suffix) {
            return s.trim();
        }
    }
    t.trim_end_matches(':').trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert!(is_comment_header(
            "43 commentaires sur “Un titre d’article”"
        ));
        assert!(is_comment_header("12 Comments"));
        assert!(is_comment_header("One response to “A post”"));
        assert!(is_comment_header("Comments (3)"));
        assert!(is_comment_header("Kommentare"));
        assert!(!is_comment_header(
            "43 commentateurs ont réagi hier à la décision du ministre de la défense"
        ));
        assert!(!is_comment_header(
            "3 comments were made by the minister about the budget, he said."
        ));
    }

    #[test]
    fn numbered_with_depth() {
        let lines = vec![
            "  1. First comment",
            "  continued here",
            "",
            "    1. A reply to it",
            "",
            "      1. A reply to the reply",
            "",
            "  2. Second comment",
        ];
        let c = split_comments(&lines);
        assert_eq!(c.len(), 4);
        assert_eq!(
            c.iter().map(|c| c.depth).collect::<Vec<_>>(),
            vec![0, 1, 2, 0]
        );
        assert_eq!((c[0].first, c[0].last), (0, 1));
    }

    #[test]
    fn reply_separated() {
        let lines = vec![
            "Marie",
            "3 mars 2021",
            "Très juste.",
            "Répondre",
            "Paul says:",
            "I disagree.",
            "Reply",
        ];
        let c = split_comments(&lines);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].author.as_deref(), Some("Marie"));
        assert_eq!(c[0].date_line, Some(1));
        assert_eq!(c[0].first, 2);
        assert_eq!(c[1].author.as_deref(), Some("Paul"));
    }
}
