//! ISO dates of any precision as intervals of days (`2021` is the whole
//! year, `2021-07` the month), and the gap in days between two intervals.

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Civil date of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The interval of days `[first, last]` an ISO date stands for: `2021`,
/// `2021-07`, `2021-07-22`, `2021-07-22T10:00:00Z`. `None` when it is not
/// such a date (or the year is outside 1000..=2999).
pub fn parse_interval(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    let mut parts = head.split('-');
    let y: i64 = parts.next()?.get(..4)?.parse().ok()?;
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let m: Option<u32> = match parts.next() {
        Some(p) => Some(p.get(..2)?.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let d: Option<u32> = match (m, parts.next()) {
        (Some(m), Some(p)) => Some(
            p.get(..2)?
                .parse()
                .ok()
                .filter(|d| *d >= 1 && *d <= days_in_month(y, m))?,
        ),
        _ => None,
    };
    Some(match (m, d) {
        (Some(m), Some(d)) => {
            let x = days_from_civil(y, m, d);
            (x, x)
        }
        (Some(m), None) => (
            days_from_civil(y, m, 1),
            days_from_civil(y, m, days_in_month(y, m)),
        ),
        _ => (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)),
    })
}

/// Days between two intervals (0 when they overlap).
pub fn gap(a: (i64, i64), b: (i64, i64)) -> i64 {
    (a.0 - b.1).max(b.0 - a.1).max(0)
}

/// ISO form (`YYYY-MM-DD`) of a day number.
pub fn iso(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("1970-01-01"), Some((0, 0)));
        let (a, b) = parse_interval("2021-07").unwrap_or((0, 0));
        assert_eq!(b - a, 30);
        assert_eq!(iso(a), "2021-07-01");
        assert_eq!(parse_interval("2020-02-30"), None);
        assert_eq!(parse_interval("juillet"), None);
        assert_eq!(parse_interval("é"), None);
        assert!(parse_interval("2021-07-22T10:00:00Z").is_some());
        let x = parse_interval("2021-07-22").unwrap_or((0, 0));
        assert_eq!(gap(x, (a, b)), 0);
        assert_eq!(gap(x, parse_interval("2021-07-30").unwrap_or((0, 0))), 8);
        for z in [-1000, 0, 18000, 20000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
