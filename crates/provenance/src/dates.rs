//! Publication times: parsing ISO dates of any precision into time ranges,
//! and comparing two ranges (definitely before, after, or overlapping with a
//! probability).

use serde::{Deserialize, Serialize};

/// How precisely a publication time is known.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

impl Precision {
    /// Parses `day`, `month`, ... (as stored by the clean stage).
    pub fn parse(s: &str) -> Option<Precision> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "second" | "seconds" => Precision::Second,
            "minute" | "minutes" => Precision::Minute,
            "hour" | "hours" => Precision::Hour,
            "day" | "days" => Precision::Day,
            "month" | "months" => Precision::Month,
            "year" | "years" => Precision::Year,
            _ => return None,
        })
    }
}

/// A half-open range `[start, end)` of seconds since 1970-01-01 UTC within
/// which a document was published.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    pub start: i64,
    pub end: i64,
    pub precision: Precision,
}

impl TimeRange {
    /// Middle of the range (used for delays).
    pub fn mid(&self) -> i64 {
        self.start + (self.end - self.start) / 2
    }
}

/// How two publication times compare.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(tag = "relation", rename_all = "snake_case")]
pub enum TimeOrder {
    /// The first ends before the second starts.
    Before,
    /// The first starts after the second ends.
    After,
    /// The ranges overlap; `p_before` is the probability that the first is
    /// earlier, with both times uniform within their ranges.
    Overlap { p_before: f64 },
    /// At least one time is unknown.
    Unknown,
}

impl TimeOrder {
    /// Probability that the first is earlier (0.5 when unknown).
    pub fn p_before(&self) -> f64 {
        match *self {
            TimeOrder::Before => 1.0,
            TimeOrder::After => 0.0,
            TimeOrder::Overlap { p_before } => p_before,
            TimeOrder::Unknown => 0.5,
        }
    }
}

/// Compares two optional publication times.
pub fn compare(a: Option<&TimeRange>, b: Option<&TimeRange>) -> TimeOrder {
    let (Some(a), Some(b)) = (a, b) else {
        return TimeOrder::Unknown;
    };
    if a.end <= b.start {
        return TimeOrder::Before;
    }
    if b.end <= a.start {
        return TimeOrder::After;
    }
    TimeOrder::Overlap {
        p_before: p_earliest(a, &[b]),
    }
}

/// Probability that a time uniform in `a` comes before every time of
/// `others` (each uniform in its range): the chance that `a`'s document was
/// published first among those whose dates are known. Unlike a sum of
/// pairwise comparisons, a coarse date (a day, a month) is not outvoted by
/// the number of precise dates it cannot be ordered against: a copy dated
/// 03:40 beats its source dated only to that day by the chance that the
/// source came out after 03:40, not once per later copy.
pub fn p_earliest(a: &TimeRange, others: &[&TimeRange]) -> f64 {
    // Average over N points of `a` of the product of P(Y > x), Y uniform
    // on each other range.
    const N: i64 = 64;
    // Ranges wholly after `a` are certainly later; one wholly before it
    // makes `a` certainly not first. Only the overlapping ones are sampled.
    if others.iter().any(|b| b.end <= a.start) {
        return 0.0;
    }
    let overlapping: Vec<&TimeRange> = others.iter().copied().filter(|b| b.start < a.end).collect();
    if overlapping.is_empty() {
        return 1.0;
    }
    let (a0, a1) = (a.start as f64, a.end as f64);
    let mut sum = 0.0;
    for k in 0..N {
        let x = a0 + (a1 - a0) * (k as f64 + 0.5) / N as f64;
        let mut p = 1.0;
        for b in &overlapping {
            let (b0, b1) = (b.start as f64, b.end as f64);
            p *= ((b1 - x) / (b1 - b0).max(1.0)).clamp(0.0, 1.0);
            if p == 0.0 {
                break;
            }
        }
        sum += p;
    }
    sum / N as f64
}

/// Days from 1970-01-01 to the civil date `y-m-d` (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn month_len(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `n` ASCII digits at `*i`.
fn digits(b: &[u8], i: &mut usize, n: usize) -> Option<i64> {
    let s = b.get(*i..*i + n)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *i += n;
    Some(s.iter().fold(0i64, |v, c| v * 10 + i64::from(c - b'0')))
}

/// Parses an ISO 8601 date or date-time of any precision (`2021`,
/// `2021-07`, `2021-07-22`, `2021-07-22T14:05`, `2021-07-22 14:05:09+03:00`,
/// `…Z`; `/` also accepted between date parts) into the range of times it
/// denotes, in UTC. `precision`, when coarser than what the string says,
/// widens the range (a date found as a month in the text but stored as the
/// first of the month). Returns `None` for anything else.
pub fn parse_date(s: &str, precision: Option<Precision>) -> Option<TimeRange> {
    let b = s.trim().as_bytes();
    let mut i = 0;
    let y = digits(b, &mut i, 4)?;
    let sep = |b: &[u8], i: &mut usize| -> bool {
        if matches!(b.get(*i), Some(b'-') | Some(b'/')) {
            *i += 1;
            true
        } else {
            false
        }
    };
    let mut prec = Precision::Year;
    let (mut mo, mut d, mut h, mut mi, mut sec) = (1, 1, 0, 0, 0);
    if sep(b, &mut i) {
        mo = digits(b, &mut i, 2)?;
        if !(1..=12).contains(&mo) {
            return None;
        }
        prec = Precision::Month;
        if sep(b, &mut i) {
            d = digits(b, &mut i, 2)?;
            if d < 1 || d > month_len(y, mo) {
                return None;
            }
            prec = Precision::Day;
            if matches!(b.get(i), Some(b'T') | Some(b't') | Some(b' ')) {
                i += 1;
                h = digits(b, &mut i, 2)?;
                prec = Precision::Hour;
                if b.get(i) == Some(&b':') {
                    i += 1;
                    mi = digits(b, &mut i, 2)?;
                    prec = Precision::Minute;
                    if b.get(i) == Some(&b':') {
                        i += 1;
                        sec = digits(b, &mut i, 2)?;
                        prec = Precision::Second;
                        if b.get(i) == Some(&b'.') {
                            i += 1;
                            while b.get(i).is_some_and(u8::is_ascii_digit) {
                                i += 1;
                            }
                        }
                    }
                }
                if h > 23 || mi > 59 || sec > 60 {
                    return None;
                }
            }
        }
    }
    // Time zone offset.
    let mut offset = 0i64;
    match b.get(i) {
        None => {}
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => {}
        Some(&c @ (b'+' | b'-')) if prec <= Precision::Hour => {
            i += 1;
            let oh = digits(b, &mut i, 2)?;
            if b.get(i) == Some(&b':') {
                i += 1;
            }
            let om = if i < b.len() {
                digits(b, &mut i, 2)?
            } else {
                0
            };
            if i != b.len() || oh > 18 || om > 59 {
                return None;
            }
            offset = (oh * 3600 + om * 60) * if c == b'+' { 1 } else { -1 };
        }
        _ => return None,
    }
    let prec = match precision {
        Some(p) if p > prec => p,
        _ => prec,
    };
    let day0 = days_from_civil(y, mo, 1);
    let (start, end) = match prec {
        Precision::Year => (
            days_from_civil(y, 1, 1) * 86400,
            days_from_civil(y + 1, 1, 1) * 86400,
        ),
        Precision::Month => (day0 * 86400, (day0 + month_len(y, mo)) * 86400),
        _ => {
            let day = days_from_civil(y, mo, d) * 86400;
            let len = match prec {
                Precision::Day => 86400,
                Precision::Hour => 3600,
                Precision::Minute => 60,
                _ => 1,
            };
            let t = match prec {
                Precision::Day => day,
                Precision::Hour => day + h * 3600 - offset,
                Precision::Minute => day + h * 3600 + mi * 60 - offset,
                _ => day + h * 3600 + mi * 60 + sec - offset,
            };
            (t, t + len)
        }
    };
    Some(TimeRange {
        start,
        end,
        precision: prec,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        let y = parse_date("2021", None).unwrap();
        assert_eq!(y.precision, Precision::Year);
        assert_eq!(y.end - y.start, 365 * 86400);
        let m = parse_date("2021-07", None).unwrap();
        assert_eq!(
            (m.precision, m.end - m.start),
            (Precision::Month, 31 * 86400)
        );
        let d = parse_date("2021-07-22", None).unwrap();
        assert_eq!(d.start, 1626912000);
        let mi = parse_date("2021-07-22T14:05", None).unwrap();
        assert_eq!(
            (mi.start, mi.precision),
            (1626912000 + 14 * 3600 + 300, Precision::Minute)
        );
        let z = parse_date("2021-07-22T14:05:09+02:00", None).unwrap();
        assert_eq!(z.start, 1626912000 + 12 * 3600 + 309);
        assert_eq!(
            parse_date("2021-07-22T14:05:09Z", None).unwrap().end - z.start,
            7201
        );
        // A stored day that was only known as a month.
        let w = parse_date("2021-07-01", Some(Precision::Month)).unwrap();
        assert_eq!(w, m);
        for bad in [
            "",
            "21-07-22",
            "2021-13",
            "2021-02-30",
            "2021-07-22T25:00",
            "2021-07-22junk",
            "２０２１",
        ] {
            assert!(parse_date(bad, None).is_none(), "{bad}");
        }
    }

    #[test]
    fn chance_of_being_first() {
        let day = parse_date("2021-07-23", None).unwrap();
        let early = parse_date("2021-07-23T03:40", None).unwrap();
        let late = parse_date("2021-07-23T18:00", None).unwrap();
        let next = parse_date("2021-07-24T09:00", None).unwrap();
        // The day's first 220 minutes of 1440.
        let p = p_earliest(&day, &[&early, &late, &next]);
        assert!((p - 220.0 / 1440.0).abs() < 0.02, "{p}");
        let q = p_earliest(&early, &[&day, &late, &next]);
        assert!((q - (1.0 - 220.0 / 1440.0)).abs() < 0.02, "{q}");
        assert_eq!(p_earliest(&next, &[&early]), 0.0);
        assert_eq!(p_earliest(&early, &[]), 1.0);
    }

    #[test]
    fn compares_with_uncertainty() {
        let m = parse_date("2021-07", None).unwrap();
        let d = parse_date("2021-07-23", None).unwrap();
        let later = parse_date("2021-08-02", None).unwrap();
        assert_eq!(compare(Some(&m), Some(&later)), TimeOrder::Before);
        assert_eq!(compare(Some(&later), Some(&m)), TimeOrder::After);
        let p = compare(Some(&m), Some(&d)).p_before();
        assert!((0.65..0.8).contains(&p), "{p}");
        assert!((compare(Some(&d), Some(&m)).p_before() - (1.0 - p)).abs() < 0.02);
        assert_eq!(compare(None, Some(&d)), TimeOrder::Unknown);
        let same = compare(Some(&d), Some(&d)).p_before();
        assert!((same - 0.5).abs() < 1e-9);
    }
}
