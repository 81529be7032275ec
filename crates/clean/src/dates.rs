//! Dates written in running text or page furniture: month names in fr, en,
//! de, es, it, pt and ru (plus nl and pl), numeric forms (ISO, day/month/year
//! with `.`, `/` or `-`), and `date 2021-07` style headers. Only plausible
//! dates are returned (year 1800..=2100, real calendar days); nothing is ever
//! guessed from the clock.

use serde::{Deserialize, Serialize};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateInfo {
    /// ISO 8601 at its precision: `2021`, `2021-07`, `2021-07-23`.
    pub value: String,
    pub precision: Precision,
    /// Where it came from: `line 12: "23 juillet 2021 …"`, `meta`, `warc`, ...
    pub source: String,
}

impl DateInfo {
    pub fn new(y: i32, m: Option<u32>, d: Option<u32>, source: String) -> DateInfo {
        let (value, precision) = match (m, d) {
            (Some(m), Some(d)) => (format!("{y:04}-{m:02}-{d:02}"), Precision::Day),
            (Some(m), None) => (format!("{y:04}-{m:02}"), Precision::Month),
            _ => (format!("{y:04}"), Precision::Year),
        };
        DateInfo {
            value,
            precision,
            source,
        }
    }
}

/// A date found in a string, with its character range in that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Byte range in the searched string.
    pub start: usize,
    pub end: usize,
}

impl FoundDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// Month names (lower case, accents kept) and abbreviations → month number.
const MONTHS: &[(&str, u32)] = &[
    // fr
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("janv", 1),
    ("févr", 2),
    ("fév", 2),
    ("avr", 4),
    ("juil", 7),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("déc", 12),
    // en
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("dec", 12),
    // de
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("okt", 10),
    ("dez", 12),
    // es
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // it
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // pt
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // ru (nominative and genitive)
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    // nl
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // pl (genitive)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
];

fn month_of(word: &str) -> Option<u32> {
    // Month names have 3 to 16 bytes; lower-casing shrinks a word at most
    // threefold.
    if word.len() < 3 || word.len() > 48 {
        return None;
    }
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|(_, m)| *m)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid(y: i32, m: Option<u32>, d: Option<u32>) -> bool {
    if !(1800..=2100).contains(&y) {
        return false;
    }
    match (m, d) {
        (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m),
        (Some(m), None) => (1..=12).contains(&m),
        (None, None) => true,
        (None, Some(_)) => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
    Sep(char),
}

/// Splits into numbers, words and single separator characters, with byte offsets.
fn tokens(s: &str) -> Vec<(usize, usize, Tok<'_>)> {
    tokens_until(s, usize::MAX)
}

/// Tokens a pattern match can read: the tokens starting at or before byte
/// `limit` and the next `LOOKAHEAD` ones.
const LOOKAHEAD: usize = 7;

/// [`tokens`] up to byte `limit` and [`LOOKAHEAD`] tokens past it.
fn tokens_until(s: &str, limit: usize) -> Vec<(usize, usize, Tok<'_>)> {
    let mut out = Vec::new();
    let mut past = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if i > limit && !c.is_whitespace() {
            if past == LOOKAHEAD {
                break;
            }
            past += 1;
        }
        if c.is_ascii_digit() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = it.peek() {
                if d.is_ascii_digit() {
                    j = k + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((i, j, Tok::Num(&s[i..j])));
        } else if c.is_alphabetic() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = it.peek() {
                if d.is_alphabetic() {
                    j = k + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push((i, j, Tok::Word(&s[i..j])));
        } else if !c.is_whitespace() {
            out.push((i, i + c.len_utf8(), Tok::Sep(c)));
        }
    }
    out
}

fn num(t: &Tok<'_>) -> Option<(u32, usize)> {
    match t {
        Tok::Num(n) if n.len() <= 4 => n.parse().ok().map(|v| (v, n.len())),
        _ => None,
    }
}

fn year_of(v: u32, len: usize) -> Option<i32> {
    if len == 4 {
        Some(v as i32)
    } else {
        None
    }
}

/// Finds every date in `s`, left to right, without overlaps.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    let toks = tokens(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((d, n)) = match_at(&toks, i) {
            out.push(d);
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// The first date of `s` (as `find_dates(s).first()`) when it starts
/// within the first `max_chars` characters; reads no further than needed.
pub fn first_date_within(s: &str, max_chars: usize) -> Option<FoundDate> {
    let limit = s.char_indices().nth(max_chars).map_or(s.len(), |(b, _)| b);
    let toks = tokens_until(s, limit);
    let mut i = 0;
    while i < toks.len() && toks[i].0 <= limit {
        if let Some((d, _)) = match_at(&toks, i) {
            return Some(d);
        }
        i += 1;
    }
    None
}

/// Tries the date patterns at token `i`; returns the date and tokens used.
fn match_at(t: &[(usize, usize, Tok<'_>)], i: usize) -> Option<(FoundDate, usize)> {
    let get = |k: usize| t.get(k).map(|x| &x.2);
    let start = t[i].0;
    let end_of = |k: usize| t[k].1;
    let mk = |y: i32, m: Option<u32>, d: Option<u32>, last: usize| {
        if valid(y, m, d) {
            Some((
                FoundDate {
                    year: y,
                    month: m,
                    day: d,
                    start,
                    end: end_of(last),
                },
                last - i + 1,
            ))
        } else {
            None
        }
    };
    // Numeric: Y-M-D, Y-M, Y/M/D, D.M.Y, D/M/Y, D-M-Y.
    if let Some((a, alen)) = get(i).and_then(num) {
        if let (Some(Tok::Sep(s1)), Some((b, _))) = (get(i + 1), get(i + 2).and_then(num)) {
            if matches!(s1, '-' | '/' | '.') {
                let third = match (get(i + 3), get(i + 4).and_then(num)) {
                    (Some(Tok::Sep(s2)), Some((c, clen))) if s2 == s1 => Some((c, clen)),
                    _ => None,
                };
                if alen == 4 {
                    let y = a as i32;
                    if let Some((c, clen)) = third {
                        if clen <= 2 {
                            if let Some(r) = mk(y, Some(b), Some(c), i + 4) {
                                return Some(r);
                            }
                        }
                    } else if *s1 == '-'
                        && get(i + 2)
                            .map(|t| matches!(t, Tok::Num(n) if n.len() == 2))
                            .unwrap_or(false)
                    {
                        if let Some(r) = mk(y, Some(b), None, i + 2) {
                            return Some(r);
                        }
                    }
                } else if alen <= 2 {
                    if let Some((c, clen)) = third {
                        // Day first (European order); a month > 12 means US order.
                        let year = if clen == 4 {
                            Some(c as i32)
                        } else if clen == 2 && *s1 == '.' {
                            Some(if c < 50 {
                                2000 + c as i32
                            } else {
                                1900 + c as i32
                            })
                        } else {
                            None
                        };
                        if let Some(y) = year {
                            if let Some(r) = mk(y, Some(b), Some(a), i + 4) {
                                return Some(r);
                            }
                            if let Some(r) = mk(y, Some(a), Some(b), i + 4) {
                                return Some(r);
                            }
                        }
                    }
                }
            }
        }
        // D[.] Month[,] Y   (23 juillet 2021, 5. März 2020, 3 de mayo de 2022)
        if alen <= 2 {
            let mut k = i + 1;
            if matches!(get(k), Some(Tok::Sep('.'))) {
                k += 1;
            }
            if matches!(get(k), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("de")) {
                k += 1;
            }
            if let Some(Tok::Word(w)) = get(k) {
                if let Some(m) = month_of(w) {
                    let mut k2 = k + 1;
                    if matches!(get(k2), Some(Tok::Sep('.' | ','))) {
                        k2 += 1;
                    }
                    if matches!(get(k2), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("de") || *w == "г")
                    {
                        k2 += 1;
                    }
                    if let Some(y) = get(k2).and_then(num).and_then(|(v, l)| year_of(v, l)) {
                        if let Some(r) = mk(y, Some(m), Some(a), k2) {
                            return Some(r);
                        }
                    }
                }
            }
        }
    }
    if let Some(Tok::Word(w)) = get(i) {
        if let Some(m) = month_of(w) {
            let mut k = i + 1;
            if matches!(get(k), Some(Tok::Sep('.'))) {
                k += 1;
            }
            // Month D, Y   (July 23, 2021 / July 23rd 2021)
            if let Some((d, dlen)) = get(k).and_then(num) {
                if dlen <= 2 {
                    let mut k2 = k + 1;
                    if matches!(get(k2), Some(Tok::Word(s)) if ["st", "nd", "rd", "th"].contains(&s.to_lowercase().as_str()))
                    {
                        k2 += 1;
                    }
                    if matches!(get(k2), Some(Tok::Sep(','))) {
                        k2 += 1;
                    }
                    if let Some(y) = get(k2).and_then(num).and_then(|(v, l)| year_of(v, l)) {
                        if let Some(r) = mk(y, Some(m), Some(d), k2) {
                            return Some(r);
                        }
                    }
                }
            }
            // Month Y  (juillet 2021, July 2021) — full month names only, to
            // avoid "mar"/"may" as ordinary words.
            let full = w.chars().count() >= 4
                || ["mai", "may", "май", "mei"].contains(&w.to_lowercase().as_str());
            if full && !w.ends_with('.') {
                let mut k2 = k;
                if matches!(get(k2), Some(Tok::Word(s)) if s.eq_ignore_ascii_case("de") || s.eq_ignore_ascii_case("of"))
                {
                    k2 += 1;
                }
                if let Some(y) = get(k2).and_then(num).and_then(|(v, l)| year_of(v, l)) {
                    if let Some(r) = mk(y, Some(m), None, k2) {
                        return Some(r);
                    }
                }
            }
        }
    }
    None
}

/// A `date 2021-07` / `Date: 2021-07-23` / `Datum: 23.07.2021` header at the
/// start of a line (after optional spaces).
pub fn header_date(line: &str) -> Option<FoundDate> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let lower = t.to_lowercase();
    for key in [
        "date",
        "datum",
        "fecha",
        "data",
        "дата",
        "published",
        "publié le",
        "publié",
        "veröffentlicht",
    ] {
        if let Some(rest) = lower.strip_prefix(key) {
            let rest_start = key.len();
            let skip = rest.len() - rest.trim_start_matches([' ', ':', '\t']).len();
            if skip == 0 && !rest.is_empty() {
                continue;
            }
            let from = rest_start + skip;
            let ds = find_dates(&t[from..]);
            if let Some(d) = ds.first() {
                if d.start == 0 {
                    return Some(FoundDate {
                        start: lead + from + d.start,
                        end: lead + from + d.end,
                        ..*d
                    });
                }
            }
        }
    }
    None
}

/// Whether the line is essentially just a date (with maybe a time or weekday).
pub fn is_date_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 240 || t.chars().count() > 60 {
        return false;
    }
    // A date has a digit (a day or a year).
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let ds = find_dates(t);
    if ds.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut last = 0;
    for d in &ds {
        rest.push_str(&t[last..d.start]);
        last = d.end;
    }
    rest.push_str(&t[last..]);
    // What is left: weekday names, times, "updated", "le", "am", separators.
    let letters: usize = rest
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| !is_date_filler(w))
        .map(|w| w.chars().count())
        .sum();
    letters <= 3
}

fn is_date_filler(w: &str) -> bool {
    const FILL: &[&str] = &[
        "le",
        "la",
        "du",
        "am",
        "um",
        "uhr",
        "à",
        "h",
        "de",
        "del",
        "of",
        "on",
        "at",
        "the",
        "pm",
        "mis",
        "à",
        "jour",
        "publié",
        "updated",
        "published",
        "posted",
        "aktualisiert",
        "veröffentlicht",
        "actualizado",
        "publicado",
        "pubblicato",
        "aggiornato",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "segunda",
        "terça",
        "quarta",
        "quinta",
        "sexta",
        "feira",
        "gmt",
        "utc",
        "cet",
        "cest",
        "et",
        "est",
    ];
    let l = w.to_lowercase();
    FILL.contains(&l.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (i32, Option<u32>, Option<u32>) {
        let d = find_dates(s);
        assert!(!d.is_empty(), "no date in {s:?}");
        (d[0].year, d[0].month, d[0].day)
    }

    #[test]
    fn first_date_within_is_the_first_date_when_early() {
        for s in [
            "Paris, 23 juillet 2021 – Le ministre a parlé",
            "Le ministre a parlé hier devant les députés, le 23 juillet 2021",
            "Le 2021-07-23 au matin",
            "Un texte sans aucune date, mais avec 12 chiffres et 2021 seuls.",
            "Publié le 3 de mayo de 2022, actualizado",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 23                juillet       2021",
        ] {
            let want = find_dates(s)
                .into_iter()
                .next()
                .filter(|d| s[..d.start].chars().count() <= 40);
            assert_eq!(first_date_within(s, 40), want, "{s:?}");
        }
    }

    #[test]
    fn month_names_in_seven_languages() {
        assert_eq!(
            one("Publié le 23 juillet 2021 à 10h"),
            (2021, Some(7), Some(23))
        );
        assert_eq!(one("Posted July 23, 2021"), (2021, Some(7), Some(23)));
        assert_eq!(one("am 5. März 2020"), (2020, Some(3), Some(5)));
        assert_eq!(one("3 de mayo de 2022"), (2022, Some(5), Some(3)));
        assert_eq!(one("12 settembre 2019"), (2019, Some(9), Some(12)));
        assert_eq!(one("7 de outubro de 2018"), (2018, Some(10), Some(7)));
        assert_eq!(one("22 июля 2021 г."), (2021, Some(7), Some(22)));
        assert_eq!(one("en juillet 2021"), (2021, Some(7), None));
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(one("2021-07-23T10:00"), (2021, Some(7), Some(23)));
        assert_eq!(one("23.07.2021"), (2021, Some(7), Some(23)));
        assert_eq!(one("23/07/2021"), (2021, Some(7), Some(23)));
        assert_eq!(one("07/23/2021"), (2021, Some(7), Some(23)));
        assert_eq!(one("date 2021-07 text"), (2021, Some(7), None));
        assert!(find_dates("31.02.2021").is_empty());
        assert!(find_dates("version 1.2.3 and 12-34").is_empty());
        assert!(find_dates("the 85% of 2021 people").is_empty());
    }

    #[test]
    fn headers_and_date_lines() {
        let h = header_date(" date 2021-07 Un faisceau d’indices").unwrap();
        assert_eq!((h.year, h.month, h.day), (2021, Some(7), None));
        assert!(header_date("Un dateur 2021").is_none());
        assert!(is_date_line("28 mai 2025"));
        assert!(is_date_line("Mardi 3 mars 2020, 10:45"));
        assert!(!is_date_line("Le 28 mai 2025, le ministre a parlé"));
    }
}
