//! Plain-text dumps: every line is classified with the signals of the
//! boilerplate literature (length, stop-word density, link/menu-like short
//! lines, date/share/subscribe/login/cookie lines, cross-document template
//! lines), the body is the densest run of running text (a maximum-sum
//! segment over line scores), and a reader-comment section, when one
//! follows the body, is split into comments.

use echotrace_core::model::CharSpan;

use crate::comments::{is_comment_closer, is_comment_header, split_comments};
use crate::dates::{find_dates, first_date_within, header_date, is_date_line, DateInfo, FoundDate};
use crate::furniture::{phrase_reason_counted, word_count, words_up_to, Reason};
use crate::lang::{detect_language, has_stopwords, reads_as, stopword_density, LANG_SAMPLE_CHARS};
use crate::record::{CleanOptions, Cleaned, Comment, Furniture, Language, LineDecision, LineKind};
use crate::templates::SiteTemplates;

/// One line of the input with its offsets.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub s: &'a str,
    /// Character offsets of the line (without its line break) in the text.
    pub begin: usize,
    pub end: usize,
    /// Byte offset of the line in the text.
    pub byte: usize,
}

/// Splits `text` into lines (`\n`, with a trailing `\r` left out of the span).
pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    let mut byte = 0usize;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        let s = raw.strip_suffix('\r').unwrap_or(raw);
        let len = if s.len() < raw.len() { n - 1 } else { n };
        out.push(Line {
            s,
            begin: pos,
            end: pos + len,
            byte,
        });
        pos += n + 1;
        byte += raw.len() + 1;
    }
    out
}

/// How a line looks on its own.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Blank,
    /// Furniture by its own words or by recurring across the site.
    Bad(Reason),
    /// Long running text.
    Good,
    /// Running text of middling length (a short paragraph or a headline).
    Medium,
    /// Short line: heading, label, name.
    Short,
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '…', '»', '”', '"', ')', ':', ';', '。'])
}

/// A navigation-looking line: a bullet with one to four words, or a
/// breadcrumb trail (`Home » World » Africa`).
fn is_menu_line(s: &str) -> bool {
    let t = s.trim();
    let first = t.chars().next().unwrap_or(' ');
    if matches!(first, '•' | '·' | '▪' | '►' | '–' | '-' | '*' | '|') {
        let rest = t.trim_start_matches(['•', '·', '▪', '►', '–', '-', '*', '|', ' ']);
        if words_up_to(rest, 5) <= 4 && !ends_sentence(rest) {
            return true;
        }
    }
    for sep in ['»', '›', '>', '|', '/'] {
        if !t.contains(sep) {
            continue;
        }
        // Three parts or more, none longer than four words.
        let mut parts = 0;
        let mut short = true;
        for p in t.split(sep).map(str::trim).filter(|p| !p.is_empty()) {
            if words_up_to(p, 5) > 4 {
                short = false;
                break;
            }
            parts += 1;
        }
        if short && parts >= 3 {
            return true;
        }
    }
    false
}

struct Ctx<'a> {
    opts: &'a CleanOptions,
    lang: Option<String>,
    site: Option<&'a SiteTemplates>,
}

/// `key`: the line's template key when the caller has it
/// ([`SiteTemplates::line_keys`]).
fn shape_of(s: &str, key: Option<Option<u64>>, ctx: &Ctx<'_>) -> Shape {
    let t = s.trim();
    if t.is_empty() || !t.chars().any(|c| c.is_alphanumeric()) {
        return Shape::Blank;
    }
    if let Some(site) = ctx.site {
        let template = match key {
            Some(k) => site.is_template_keyed(k, t),
            None => site.is_template(t),
        };
        if template {
            return Shape::Bad(Reason::Template);
        }
    }
    if is_comment_closer(t) {
        return Shape::Bad(Reason::CommentForm);
    }
    // Counted once, used by every test below.
    let words = word_count(t);
    if let Some(r) = phrase_reason_counted(t, words) {
        return Shape::Bad(r);
    }
    if is_date_line(t) {
        return Shape::Bad(Reason::Date);
    }
    if is_menu_line(t) {
        return Shape::Bad(Reason::Menu);
    }
    let chars = t.chars().count();
    // Scripts without spaces (Chinese, Japanese, Thai) count characters.
    let spaced = words * 12 >= chars || chars < 40;
    let long_enough = if spaced {
        words >= ctx.opts.min_prose_words && chars >= 140
    } else {
        chars >= 60
    };
    if !long_enough && chars < 70 && words < 8 {
        // Short whatever its words.
        return Shape::Short;
    }
    let prose = match ctx.lang.as_deref() {
        Some(l) if has_stopwords(l) => stopword_density(t, l) >= ctx.opts.min_stopword_density,
        _ => true,
    };
    if long_enough && prose {
        Shape::Good
    } else if (chars >= 70 || words >= 8) && prose {
        Shape::Medium
    } else {
        Shape::Short
    }
}

fn score(shape: Shape, s: &str) -> i64 {
    match shape {
        Shape::Blank => 0,
        Shape::Bad(_) => -40,
        Shape::Good => s.trim().chars().count().min(2000) as i64,
        Shape::Medium => 0,
        Shape::Short => -8,
    }
}

/// Maximum-sum run of lines `[a, b]` (inclusive), if one has a positive sum.
fn best_run(scores: &[i64]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut cur = 0i64;
    let mut start = 0usize;
    for (i, &s) in scores.iter().enumerate() {
        if cur <= 0 {
            cur = 0;
            start = i;
        }
        cur += s;
        if cur > 0 && best.map(|b| cur > b.0).unwrap_or(true) {
            best = Some((cur, start, i));
        }
    }
    best.map(|(_, a, b)| (a, b))
}

/// Author from a byline: "By NAME", "Par NAME", "Von NAME", "Por NAME", "Di NAME".
pub(crate) fn byline_author(s: &str) -> Option<String> {
    for key in [
        "By ",
        "by ",
        "Par ",
        "par ",
        "Von ",
        "von ",
        "Por ",
        "Di ",
        "Автор: ",
        "Auteur : ",
        "Auteur: ",
        "Author: ",
    ] {
        let Some(pos) = s.find(key) else { continue };
        if pos > 0 && !s[..pos].ends_with(|c: char| !c.is_alphabetic() || c.is_uppercase()) {
            // "By" glued to a preceding word in upper case (site names) is fine;
            // inside a lower-case word it is not a byline.
            continue;
        }
        let rest = &s[pos + key.len()..];
        let mut name = Vec::new();
        for w in rest.split_whitespace() {
            let clean: String = w.chars().take_while(|c| !c.is_ascii_digit()).collect();
            let clean = clean.trim_end_matches([',', ';', '|', '·', '-']);
            let first = clean.chars().next();
            let particle = [
                "de", "da", "van", "von", "der", "le", "la", "del", "di", "du", "and", "et", "und",
            ]
            .contains(&clean);
            if clean.is_empty() || !(first.map(|c| c.is_uppercase()).unwrap_or(false) || particle) {
                break;
            }
            name.push(clean.to_string());
            if clean.len() < w.len() || name.len() >= 5 {
                break;
            }
        }
        while name
            .last()
            .map(|n| n.chars().next().map(|c| c.is_lowercase()).unwrap_or(true))
            .unwrap_or(false)
        {
            name.pop();
        }
        if !name.is_empty() {
            return Some(name.join(" "));
        }
    }
    None
}

/// Two to four capitalised words without digits: "Oki Faouzi", "Jean-Marc Dupont".
fn looks_like_name(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.is_uppercase()).unwrap_or(false)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'' || c == '’')
        })
        && !t.chars().all(|c| !c.is_lowercase())
}

/// Site name from a copyright line: "© 2025 Pm-Editions. | …" → "Pm-Editions".
pub(crate) fn copyright_site(s: &str) -> Option<String> {
    let pos = s.find('©').map(|p| p + '©'.len_utf8()).or_else(|| {
        let l = s.to_lowercase();
        l.find("copyright").map(|p| p + "copyright".len())
    })?;
    let rest = s[pos..].trim_start_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_digit() || c == '-' || c == '–' || c == ','
    });
    let end = rest
        .find(['.', '|', '–', '—', '\n', ':'])
        .unwrap_or(rest.len());
    let name = rest[..end].trim();
    let name = name.trim_start_matches("by ").trim();
    if name.is_empty()
        || name.chars().count() > 60
        || word_count(name) > 6
        || !name.chars().any(|c| c.is_alphabetic())
    {
        return None;
    }
    let lower = name.to_lowercase();
    if lower.starts_with("all rights")
        || lower.starts_with("tous droits")
        || lower.starts_with("copyright")
    {
        return None;
    }
    Some(name.to_string())
}

fn date_info(d: &FoundDate, line_no: usize, line: &str, how: &str) -> DateInfo {
    let snippet: String = line.trim().chars().take(60).collect();
    DateInfo::new(
        d.year,
        d.month,
        d.day,
        format!("{how} line {}: {snippet:?}", line_no + 1),
    )
}

/// Cleans a plain-text dump. `text` is kept exactly as given; the body and
/// every other part are character ranges into it.
pub fn clean_text(text: &str, opts: &CleanOptions, site_stats: Option<&SiteTemplates>) -> Cleaned {
    clean_text_keyed(text, opts, site_stats, None)
}

/// [`clean_text`] with the template keys of the text's lines already
/// computed ([`SiteTemplates::line_keys`] of `text`, as a caller that
/// counted them into `site_stats` has them), so they are not computed twice.
pub fn clean_text_keyed(
    text: &str,
    opts: &CleanOptions,
    site_stats: Option<&SiteTemplates>,
    line_keys: Option<&[Option<u64>]>,
) -> Cleaned {
    let lines = split_lines(text);
    let line_keys = line_keys.filter(|k| k.len() == lines.len());

    // Language: from the longer lines (menus and buttons say little).
    // Detection reads the first `LANG_SAMPLE_CHARS` characters only, so
    // the sample stops there.
    let mut sample = String::new();
    let mut sample_chars = 0usize;
    for l in &lines {
        if sample_chars >= LANG_SAMPLE_CHARS {
            break;
        }
        if words_up_to(l.s, 8) >= 8 {
            if !sample.is_empty() {
                sample.push('\n');
                sample_chars += 1;
            }
            sample.push_str(l.s);
            sample_chars += l.s.chars().count();
        }
    }
    let detected = detect_for_site(if sample.len() >= 200 { &sample } else { text }, site_stats);
    let lang = match (&detected, &opts.language_hint) {
        (Some(l), _) if l.confidence >= opts.min_language_confidence => Some(l.code.clone()),
        (_, Some(h)) => Some(h.clone()),
        (Some(l), None) => Some(l.code.clone()),
        (None, None) => None,
    };
    let ctx = Ctx {
        opts,
        lang,
        site: site_stats,
    };
    let mut shapes: Vec<Shape> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| shape_of(l.s, line_keys.map(|k| k[i]), &ctx))
        .collect();

    // Short lines next to date lines are other articles' headlines.
    for i in 0..lines.len() {
        if matches!(shapes[i], Shape::Short | Shape::Medium) {
            let near_date = |step: isize| {
                let mut j = i as isize + step;
                let mut seen = 0;
                while j >= 0 && (j as usize) < lines.len() && seen < 2 {
                    match shapes[j as usize] {
                        Shape::Blank => {}
                        Shape::Bad(Reason::Date) => return true,
                        _ => return false,
                    }
                    j += step;
                    seen += 1;
                }
                false
            };
            if near_date(1) || near_date(-1) {
                shapes[i] = Shape::Bad(Reason::OtherHeadline);
            }
        }
    }

    // The comment section starts at a comment header after some running text.
    let first_good = shapes.iter().position(|s| *s == Shape::Good);
    let comment_start = if opts.split_comments {
        first_good.and_then(|g| (g + 1..lines.len()).find(|&i| is_comment_header(lines[i].s)))
    } else {
        None
    };
    let body_limit = comment_start.unwrap_or(lines.len());

    // Body: the best-scoring run of lines before the comments.
    let scores: Vec<i64> = (0..body_limit)
        .map(|i| score(shapes[i], lines[i].s))
        .collect();
    let run = best_run(&scores);
    let (mut a, mut b) = match run {
        Some(r) => r,
        None => {
            // Nothing that reads like running text: keep every line that is not furniture.
            let keep: Vec<usize> = (0..body_limit)
                .filter(|&i| matches!(shapes[i], Shape::Medium | Shape::Short | Shape::Good))
                .collect();
            match (keep.first(), keep.last()) {
                (Some(&x), Some(&y)) => (x, y),
                _ => (1, 0),
            }
        }
    };
    if a <= b {
        // Extend over adjacent short paragraphs that end a sentence (a lead,
        // a last short paragraph), stopping at any furniture.
        let extend = |mut i: usize, step: isize, limit: usize| -> usize {
            let mut added = 0;
            loop {
                let mut j = i as isize + step;
                while j >= 0 && (j as usize) < limit && shapes[j as usize] == Shape::Blank {
                    j += step;
                }
                if j < 0 || j as usize >= limit || added >= 3 {
                    return i;
                }
                let k = j as usize;
                if shapes[k] == Shape::Medium && ends_sentence(lines[k].s) {
                    i = k;
                    added += 1;
                } else {
                    return i;
                }
            }
        };
        b = extend(b, 1, body_limit);
        a = extend(a, -1, body_limit);
    }
    // Short closing lines right after the body: a signature becomes the
    // author, a credit ("Selon Vietnam+", "AFP") stays in the body.
    let mut signature = None;
    if a <= b {
        let mut k = b + 1;
        let mut taken = 0;
        while k < body_limit && taken < 2 {
            if shapes[k] == Shape::Blank {
                k += 1;
                continue;
            }
            let t = lines[k].s.trim();
            if shapes[k] != Shape::Short || word_count(t) > 5 {
                break;
            }
            if looks_like_name(t) {
                signature = Some(k);
                break;
            }
            b = k;
            taken += 1;
            k += 1;
        }
    }

    // Title: the nearest heading-like line above the body, past bylines,
    // share bars and dates; else a heading-like first body line.
    let mut title_line = None;
    let mut byline_lines = Vec::new();
    if a <= b {
        let mut i = a;
        let mut steps = 0;
        while i > 0 && steps < 8 {
            i -= 1;
            steps += 1;
            let s = lines[i].s.trim();
            match shapes[i] {
                Shape::Blank => continue,
                Shape::Bad(Reason::Share) | Shape::Bad(Reason::Date) => {
                    byline_lines.push(i);
                    continue;
                }
                _ => {}
            }
            let w = word_count(s);
            if byline_author(s).is_some() || (!find_dates(s).is_empty() && w <= 20) {
                byline_lines.push(i);
                continue;
            }
            if (2..=30).contains(&w) && !s.ends_with('.') && !matches!(shapes[i], Shape::Bad(_)) {
                title_line = Some(i);
                // A stack of heading lines at the very top: the first is the
                // title, the ones below it are subtitles of the body.
                let above: Vec<usize> = (0..i).filter(|&k| shapes[k] != Shape::Blank).collect();
                if above.len() == 1 && byline_lines.is_empty() {
                    let k = above[0];
                    let t = lines[k].s.trim();
                    if (2..=30).contains(&word_count(t))
                        && !t.ends_with('.')
                        && !matches!(shapes[k], Shape::Bad(_))
                    {
                        title_line = Some(k);
                        a = i;
                    }
                }
            }
            break;
        }
        if title_line.is_none() {
            let s = lines[a].s.trim();
            let w = word_count(s);
            let next_good = (a + 1..=b)
                .find(|&k| shapes[k] != Shape::Blank)
                .map(|k| shapes[k] == Shape::Good);
            if (2..=25).contains(&w)
                && !ends_sentence(s)
                && next_good.unwrap_or(false)
                && header_date(s).is_none()
            {
                title_line = Some(a);
                a += 1;
                while a <= b && shapes[a] == Shape::Blank {
                    a += 1;
                }
            }
        }
    }
    byline_lines.sort_unstable();

    // Decisions per line.
    let mut kinds: Vec<LineKind> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let k = if shapes[i] == Shape::Blank {
            LineKind::Blank
        } else if Some(i) == title_line {
            LineKind::Title
        } else if byline_lines.contains(&i) || Some(i) == signature {
            LineKind::Byline
        } else if i >= a && i <= b {
            match shapes[i] {
                Shape::Bad(r) => LineKind::Furniture(r),
                _ => LineKind::Body,
            }
        } else if Some(i) == comment_start {
            LineKind::CommentHeader
        } else {
            match shapes[i] {
                Shape::Bad(r) => LineKind::Furniture(r),
                _ if i < a || a > b => LineKind::Furniture(Reason::Header),
                _ if !ends_sentence(l.s) && word_count(l.s) <= 25 => {
                    LineKind::Furniture(Reason::OtherHeadline)
                }
                _ => LineKind::Furniture(Reason::Footer),
            }
        };
        kinds.push(k);
    }

    // Comments: from the header to a closing line or the end.
    let mut comments = Vec::new();
    if let Some(h) = comment_start {
        let end = (h + 1..lines.len())
            .find(|&i| is_comment_closer(lines[i].s))
            .unwrap_or(lines.len());
        let sect: Vec<&str> = lines[h + 1..end].iter().map(|l| l.s).collect();
        let found = split_comments(&sect);
        let mut last_at_depth: Vec<usize> = Vec::new();
        for c in found {
            let (f, l) = (h + 1 + c.first, h + 1 + c.last);
            // Text starts after a "12. " number.
            let first_line = lines[f].s;
            let skip = crate::comments::numbered_text_offset(first_line).unwrap_or(0);
            let begin = lines[f].begin + first_line[..skip].chars().count();
            let span = CharSpan {
                begin,
                end: lines[l].end,
            };
            let n = comments.len();
            let from = [
                Some(f),
                c.author_line.map(|x| x + h + 1),
                c.date_line.map(|x| x + h + 1),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(f);
            for (i, kind) in kinds.iter_mut().enumerate().take(l + 1).skip(from) {
                let in_comment = i >= f
                    || Some(i) == c.author_line.map(|x| x + h + 1)
                    || Some(i) == c.date_line.map(|x| x + h + 1);
                if in_comment && *kind != LineKind::Blank {
                    *kind = LineKind::Comment(n);
                }
            }
            let date = c.date_line.and_then(|dl| {
                let s = lines[h + 1 + dl].s;
                find_dates(s)
                    .first()
                    .map(|d| date_info(d, h + 1 + dl, s, "comment"))
            });
            last_at_depth.truncate(c.depth);
            let parent = if c.depth > 0 {
                last_at_depth.get(c.depth - 1).copied()
            } else {
                None
            };
            while last_at_depth.len() < c.depth {
                last_at_depth.push(n);
            }
            last_at_depth.push(n);
            let text_bytes = lines[f].byte + skip..lines[l].byte + lines[l].s.len();
            comments.push(Comment {
                author: c.author,
                date,
                text: text.get(text_bytes).unwrap_or_default().to_string(),
                depth: c.depth,
                parent,
                span,
                quotes_article: Vec::new(),
            });
        }
        // Lines of the section not in any comment (blank or stray) stay as they are.
        for kind in kinds.iter_mut().take(end).skip(h + 1) {
            if matches!(
                kind,
                LineKind::Furniture(Reason::Footer | Reason::OtherHeadline | Reason::Header)
            ) {
                *kind = LineKind::Furniture(Reason::CommentForm);
            }
        }
    }

    // Body spans: runs of body lines (blank lines inside a run join it).
    let mut body: Vec<CharSpan> = Vec::new();
    let mut open: Option<CharSpan> = None;
    for (i, k) in kinds.iter().enumerate() {
        match k {
            LineKind::Body => {
                let l = &lines[i];
                // Leading/trailing spaces of a line are not part of the body.
                let lead = l.s.chars().take_while(|c| c.is_whitespace()).count();
                let trail = l.s.chars().rev().take_while(|c| c.is_whitespace()).count();
                let (lb, le) = (l.begin + lead, l.end - trail);
                open = Some(match open {
                    Some(o) => CharSpan {
                        begin: o.begin,
                        end: le,
                    },
                    None => CharSpan { begin: lb, end: le },
                });
            }
            LineKind::Blank => {}
            _ => {
                if let Some(o) = open.take() {
                    body.push(o);
                }
            }
        }
    }
    if let Some(o) = open {
        body.push(o);
    }

    let furniture: Vec<Furniture> = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, k)| match k {
            LineKind::Furniture(r) => Some(Furniture {
                span: CharSpan {
                    begin: lines[i].begin,
                    end: lines[i].end,
                },
                reason: *r,
            }),
            _ => None,
        })
        .collect();

    // Metadata.
    let title = title_line.map(|i| lines[i].s.trim().to_string());
    let author = byline_lines
        .iter()
        .find_map(|&i| byline_author(lines[i].s))
        .or_else(|| signature.map(|i| lines[i].s.trim().to_string()));
    let date = find_date(&lines, &kinds, &byline_lines, title_line, a, b);
    let site = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| matches!(k, LineKind::Furniture(Reason::Legal)))
        .find_map(|(i, _)| copyright_site(lines[i].s));
    // The language of the body; when the body is most of the text, the
    // first detection already read it.
    let body_chars: usize = body.iter().map(|s| s.len()).sum();
    let language = if body_chars * 2 >= text.chars().count() || body_chars < 100 {
        detected.clone()
    } else {
        detect_for_site(&spans_sample(text, &body, LANG_SAMPLE_CHARS), site_stats)
    };

    let line_decisions = lines
        .iter()
        .zip(kinds)
        .map(|(l, kind)| LineDecision {
            span: CharSpan {
                begin: l.begin,
                end: l.end,
            },
            kind,
        })
        .collect();

    let mut cleaned = Cleaned {
        text: text.to_string(),
        body,
        title,
        date,
        site,
        author,
        language,
        url: None,
        comments,
        furniture,
        lines: line_decisions,
    };
    crate::quotes::mark_article_quotes(&mut cleaned);
    cleaned
}

/// The language of `text` (its first [`LANG_SAMPLE_CHARS`] characters):
/// the site's settled language when the text's stop words confirm it,
/// else whatlang's detection.
fn detect_for_site(text: &str, site: Option<&SiteTemplates>) -> Option<Language> {
    if let Some((code, confidence)) = site.and_then(SiteTemplates::settled_language) {
        let sample: String = text.chars().take(LANG_SAMPLE_CHARS).collect();
        if reads_as(&sample, code) {
            return Some(Language {
                code: code.to_string(),
                confidence,
                from_site: true,
            });
        }
    }
    detect_language(text).map(|(code, confidence)| Language {
        code,
        confidence,
        from_site: false,
    })
}

/// The publication date, in order of trust: a `date …` header in the first
/// lines; a date in the byline/title lines; a date opening the body. Dates
/// elsewhere (other headlines, running text) are never used.
fn find_date(
    lines: &[Line<'_>],
    kinds: &[LineKind],
    byline: &[usize],
    title: Option<usize>,
    a: usize,
    b: usize,
) -> Option<DateInfo> {
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.s.trim().is_empty() {
            continue;
        }
        if let Some(d) = header_date(l.s) {
            return Some(date_info(&d, i, l.s, "header"));
        }
        seen += 1;
        if seen >= 3 {
            break;
        }
    }
    for &i in byline {
        if let Some(d) = find_dates(lines[i].s).first() {
            return Some(date_info(d, i, lines[i].s, "byline"));
        }
    }
    if let Some(t) = title {
        for i in t.saturating_sub(2)..t {
            if matches!(kinds[i], LineKind::Furniture(Reason::Date)) {
                if let Some(d) = find_dates(lines[i].s).first() {
                    return Some(date_info(d, i, lines[i].s, "above title"));
                }
            }
        }
    }
    if a <= b && a < lines.len() {
        let s = lines[a].s;
        if let Some(d) = first_date_within(s, 40).filter(|d| is_dateline(s, d)) {
            return Some(date_info(&d, a, s, "dateline"));
        }
    }
    None
}

/// Whether the date `d` opening the body line `s` is a dateline
/// ("PARIS, 12 janvier 2019 —", "12/01/2019 14:05 :", a line holding only
/// the date) rather than the first words of a sentence ("En décembre 2016,
/// le conseil…", "12 janvier 2019, le président…"): only capitals and
/// punctuation may come before it, and after it, past an optional time,
/// a separator or the end of the line.
fn is_dateline(s: &str, d: &FoundDate) -> bool {
    let (Some(before), Some(after)) = (s.get(..d.start), s.get(d.end..)) else {
        return false;
    };
    if before.chars().any(char::is_lowercase) {
        return false;
    }
    let mut rest = after.trim_start_matches([',', ' ', '\t']);
    for _ in 0..3 {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        let time_like = !word.is_empty()
            && word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | 'h' | 'H' | '.'));
        if time_like || matches!(word, "à" | "a" | "at" | "um" | "alle" | "om") {
            rest = rest[word_end..].trim_start();
        } else {
            break;
        }
    }
    rest.is_empty()
        || rest.starts_with(['—', '–', '-', ':', '|', '(', '[', '·', '•', '/'])
        || rest.starts_with(|c: char| c.is_uppercase())
            && rest.split_whitespace().next().is_some_and(|w| {
                w.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            })
}

pub(crate) fn slice_chars(text: &str, span: CharSpan) -> String {
    text.chars().skip(span.begin).take(span.len()).collect()
}

/// The first `max` characters of the spans of `text` joined with newlines
/// (spans in order, not overlapping), read in one pass over the text.
fn spans_sample(text: &str, spans: &[CharSpan], max: usize) -> String {
    let mut out = String::new();
    let mut n = 0usize;
    let mut chars = text.chars();
    let mut pos = 0usize;
    for (k, s) in spans.iter().enumerate() {
        if n >= max {
            break;
        }
        if k > 0 {
            out.push('\n');
            n += 1;
        }
        if s.begin < pos {
            continue;
        }
        for _ in pos..s.begin {
            chars.next();
        }
        pos = s.begin;
        while pos < s.end && n < max {
            let Some(c) = chars.next() else { break };
            out.push(c);
            pos += 1;
            n += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dateline(s: &str) -> bool {
        let d = first_date_within(s, 40).expect("a date");
        is_dateline(s, &d)
    }

    #[test]
    fn datelines_but_not_sentences_about_the_past() {
        assert!(dateline("PARIS, 12 janvier 2019 — Le conseil a voté."));
        assert!(dateline("12/01/2019 14:05 : le conseil a voté."));
        assert!(dateline("LYON, 3 mars 2021 (AFP) - Les élus..."));
        assert!(dateline("12 janvier 2019"));
        assert!(dateline("3 March 2021 at 10.30 | The council voted."));
        assert!(!dateline(
            "En décembre 2016, après une question du maire, le conseil a voté."
        ));
        assert!(!dateline(
            "12 janvier 2019, le président a annoncé sa décision."
        ));
        assert!(!dateline("Depuis mars 2020 les élus attendent."));
        assert!(!dateline("In March 2021 the council voted."));
    }

    #[test]
    fn byline_and_copyright() {
        assert_eq!(
            byline_author("P-EDITIONSBy P-EDITIONS23 juillet 2021 Etats Unis 3 Mins Read")
                .as_deref(),
            Some("P-EDITIONS")
        );
        assert_eq!(
            byline_author("Par Jean Dupont, le 3 mars").as_deref(),
            Some("Jean Dupont")
        );
        assert_eq!(byline_author("stand by me"), None);
        assert_eq!(
            copyright_site("© 2025 Pm-Editions. | Réalisation & Seo").as_deref(),
            Some("Pm-Editions")
        );
        assert_eq!(copyright_site("© All rights reserved"), None);
    }

    #[test]
    fn line_offsets_with_crlf() {
        let l = split_lines("ab\r\ncé\nd");
        assert_eq!((l[0].begin, l[0].end, l[0].s), (0, 2, "ab"));
        assert_eq!((l[1].begin, l[1].end, l[1].s), (4, 6, "cé"));
        assert_eq!((l[2].begin, l[2].end), (7, 8));
    }
}
