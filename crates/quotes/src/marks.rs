//! Finds quotation marks and pairs them into quoted stretches: guillemets,
//! curly and straight double quotes, German and CJK marks, single quotes
//! inside quotes; paragraphs continued with an opening mark; unbalanced
//! marks capped at the paragraph end (or at a reporting clause) and flagged.

use crate::text::{is_apostrophe, Kind, Tok};

/// Families of marks that pair with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Guillemet,
    Curly,
    Straight,
    Cjk,
    CjkDouble,
    Single,
    Angle,
}

/// One quoted stretch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    /// Char offset of the opening mark.
    pub open: usize,
    /// Char offset of the closing mark (None: unbalanced).
    pub close: Option<usize>,
    /// Inner span (marks and surrounding whitespace excluded).
    pub inner_b: usize,
    pub inner_e: usize,
    pub family: Family,
    /// Unbalanced or capped.
    pub uncertain: bool,
}

/// Longest quote kept whole (characters); longer ones are capped and flagged.
pub(crate) const MAX_QUOTE_CHARS: usize = 4000;
/// Deepest nesting tracked.
const MAX_DEPTH: usize = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open(Family),
    Close(Family),
    /// “ : closes a „ when one is open, else opens.
    CurlyLeft,
}

fn classify(chars: &[char], i: usize) -> Option<Role> {
    let c = chars[i];
    // the only ASCII mark: most characters are done here
    if c.is_ascii() && c != '"' {
        return None;
    }
    let prev = if i > 0 { Some(chars[i - 1]) } else { None };
    let next = chars.get(i + 1).copied();
    let ws_or_none = |x: Option<char>| x.is_none_or(|x| x.is_whitespace());
    Some(match c {
        '«' => Role::Open(Family::Guillemet),
        '»' => Role::Close(Family::Guillemet),
        '‹' => Role::Open(Family::Angle),
        '›' => Role::Close(Family::Angle),
        '„' => Role::Open(Family::Curly),
        '“' => Role::CurlyLeft,
        '”' => Role::Close(Family::Curly),
        '「' => Role::Open(Family::Cjk),
        '」' => Role::Close(Family::Cjk),
        '『' => Role::Open(Family::CjkDouble),
        '』' => Role::Close(Family::CjkDouble),
        '"' => {
            let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:/«“„".contains(p));
            let next_ws = ws_or_none(next);
            if prev_open && !next_ws {
                Role::Open(Family::Straight)
            } else if !prev.is_none_or(|p| p.is_whitespace()) {
                Role::Close(Family::Straight)
            } else {
                return None;
            }
        }
        '‘' | '‚' => {
            let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-:«“„\"".contains(p));
            if prev_open && !ws_or_none(next) {
                Role::Open(Family::Single)
            } else {
                return None;
            }
        }
        c if is_apostrophe(c) && c == '’' => {
            // A closing single quote only when followed by a non-letter.
            if next.is_some_and(|n| n.is_alphanumeric()) {
                return None;
            }
            Role::Close(Family::Single)
        }
        _ => return None,
    })
}

struct Open {
    pos: usize,
    family: Family,
    /// Depth 0 entries become quotes.
    depth: usize,
}

/// Trims whitespace inside `b..e`.
fn trim(chars: &[char], mut b: usize, mut e: usize) -> (usize, usize) {
    while b < e && chars[b].is_whitespace() {
        b += 1;
    }
    while e > b && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    (b, e)
}

/// Finds the quoted stretches of `chars` (outermost marks only; quotes inside
/// quotes are part of the outer quote). Linear in the text length.
pub(crate) fn find(chars: &[char], toks: &[Tok]) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Position of an opening mark that continues the open quote (new paragraph).
    let mut continuation_at: Option<usize> = None;
    let mut ti = 0usize;
    for i in 0..chars.len() {
        let c = chars[i];
        if c == '\n' || c == '\r' {
            // Paragraph end: only at the first newline of a run.
            if i > 0 && (chars[i - 1] == '\n' || chars[i - 1] == '\r') {
                continue;
            }
            if let Some(bottom) = stack.first() {
                // Continuation: next paragraph starts with an opening mark of the same family.
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                let same = j < chars.len()
                    && matches!(
                        (classify(chars, j), bottom.family),
                        (Some(Role::Open(f)), fam) if f == fam
                    )
                    || j < chars.len()
                        && bottom.family == Family::Curly
                        && classify(chars, j) == Some(Role::CurlyLeft);
                // A line broken inside a quote: the next paragraph closes it
                // before opening another.
                let closes_next = !same
                    && i - bottom.pos < MAX_QUOTE_CHARS
                    && closes_in_next_paragraph(chars, j, bottom.family);
                if (same || closes_next) && i - bottom.pos < MAX_QUOTE_CHARS {
                    if closes_next {
                        continue;
                    }
                    stack.truncate(1);
                    continuation_at = Some(j);
                    continue;
                }
                let b = bottom.pos;
                let fam = bottom.family;
                stack.clear();
                out.push(unclosed(chars, toks, &mut ti, b, i, fam));
            }
            continue;
        }
        let Some(role) = classify(chars, i) else {
            continue;
        };
        if continuation_at == Some(i) {
            continuation_at = None;
            continue;
        }
        let role = match role {
            Role::CurlyLeft => {
                if stack.iter().any(|o| o.family == Family::Curly) {
                    Role::Close(Family::Curly)
                } else {
                    Role::Open(Family::Curly)
                }
            }
            r => r,
        };
        match role {
            Role::Open(f) => {
                // A straight quote inside an open straight quote closes it.
                if f == Family::Straight && stack.iter().any(|o| o.family == Family::Straight) {
                    close(&mut stack, &mut out, chars, i, f);
                    continue;
                }
                if stack.len() < MAX_DEPTH {
                    let depth = stack.len();
                    stack.push(Open {
                        pos: i,
                        family: f,
                        depth,
                    });
                }
            }
            Role::Close(f) => close(&mut stack, &mut out, chars, i, f),
            Role::CurlyLeft => {}
        }
        let _ = c;
    }
    if let Some(bottom) = stack.first() {
        let (b, fam) = (bottom.pos, bottom.family);
        out.push(unclosed(chars, toks, &mut ti, b, chars.len(), fam));
    }
    out
}

fn close(stack: &mut Vec<Open>, out: &mut Vec<Raw>, chars: &[char], i: usize, f: Family) {
    let Some(k) = stack.iter().rposition(|o| o.family == f) else {
        return;
    };
    let o = &stack[k];
    if o.depth == 0 {
        let (b, e) = trim(chars, o.pos + 1, i);
        let uncertain = i - o.pos > MAX_QUOTE_CHARS;
        let e = if uncertain {
            b + MAX_QUOTE_CHARS.min(e - b)
        } else {
            e
        };
        out.push(Raw {
            open: o.pos,
            close: Some(i),
            inner_b: b,
            inner_e: e,
            family: f,
            uncertain,
        });
    }
    stack.truncate(k);
}

/// An opening mark never closed before `end` (paragraph or text end): the
/// quote ends at a reporting clause inside it (", a lancé …", ", he said")
/// when there is one, else at `end`, capped; always uncertain.
fn unclosed(
    chars: &[char],
    toks: &[Tok],
    ti: &mut usize,
    open: usize,
    end: usize,
    family: Family,
) -> Raw {
    let end = end.min(open + 1 + MAX_QUOTE_CHARS);
    // Tokens of the stretch (toks are sorted; advance the cursor).
    while *ti < toks.len() && toks[*ti].b <= open {
        *ti += 1;
    }
    let mut cut = None;
    let mut k = *ti;
    while k < toks.len() && toks[k].b < end {
        if toks[k].punct() == Some(',') && crate::attrib::reporting_clause_at(toks, k + 1) {
            cut = Some(toks[k].b);
            break;
        }
        k += 1;
    }
    let e = cut.unwrap_or(end);
    let (b, e) = trim(chars, open + 1, e);
    // Drop a trailing comma left by the cut.
    let _ = Kind::Word;
    Raw {
        open,
        close: None,
        inner_b: b,
        inner_e: e,
        family,
        uncertain: true,
    }
}

/// The paragraph starting at `j` has a closing mark of `family` before any
/// opening mark and before its end (looked at up to [`MAX_QUOTE_CHARS`]).
fn closes_in_next_paragraph(chars: &[char], j: usize, family: Family) -> bool {
    let end = (j + MAX_QUOTE_CHARS).min(chars.len());
    for k in j..end {
        let c = chars[k];
        if c == '\n' || c == '\r' {
            return false;
        }
        match classify(chars, k) {
            Some(Role::Close(f)) if f == family => return true,
            Some(Role::CurlyLeft) if family == Family::Curly => return true,
            Some(Role::Open(_)) | Some(Role::CurlyLeft) => return false,
            _ => {}
        }
    }
    false
}
