//! Reading the report's date strings into day spans for timelines and checks.

use crate::model::DatePrecision;

/// A date read as a half-open span of days since 1970-01-01 (fractional for
/// times), with its precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DaySpan {
    pub start: f64,
    pub end: f64,
    pub precision: DatePrecision,
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    days_from_civil(
        if m == 12 { y + 1 } else { y },
        if m == 12 { 1 } else { m + 1 },
        1,
    ) - days_from_civil(y, m, 1)
}

fn num(s: &str, len: usize) -> Option<i64> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS...]` (or with
/// a space before the time). Returns `None` for anything else or an
/// impossible date. A given precision coarser than the form widens the span.
pub fn parse(date: &str, given: Option<DatePrecision>) -> Option<DaySpan> {
    let s = date.trim();
    if !s.is_ascii() {
        return None;
    }
    let (day_part, time_part) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mut it = day_part.split('-');
    let y = num(it.next()?, 4)?;
    let m = it
        .next()
        .map(|p| num(p, 2))
        .map_or(Ok(None), |v| v.ok_or(()).map(Some))
        .ok()?;
    let d = it
        .next()
        .map(|p| num(p, 2))
        .map_or(Ok(None), |v| v.ok_or(()).map(Some))
        .ok()?;
    if it.next().is_some() {
        return None;
    }
    if let Some(m) = m {
        if !(1..=12).contains(&m) {
            return None;
        }
        if let Some(d) = d {
            if d < 1 || d > days_in_month(y, m) {
                return None;
            }
        }
    }
    let mut frac = None;
    if let Some(t) = time_part {
        d?;
        let hh = t.get(0..2).and_then(|p| num(p, 2))?;
        let mm = t.get(3..5).and_then(|p| num(p, 2))?;
        if t.as_bytes().get(2) != Some(&b':') || hh > 23 || mm > 59 {
            return None;
        }
        frac = Some((hh * 60 + mm) as f64 / 1440.0);
    }
    let form = match (m, d, frac) {
        (None, _, _) => DatePrecision::Year,
        (Some(_), None, _) => DatePrecision::Month,
        (Some(_), Some(_), None) => DatePrecision::Day,
        _ => DatePrecision::Time,
    };
    let precision = given.map_or(form, |g| g.max(form));
    let (m1, d1) = (m.unwrap_or(1), d.unwrap_or(1));
    let day = days_from_civil(y, m1, d1) as f64;
    let (start, end) = match precision {
        DatePrecision::Year => {
            let s = days_from_civil(y, 1, 1) as f64;
            (s, days_from_civil(y + 1, 1, 1) as f64)
        }
        DatePrecision::Month => {
            let s = days_from_civil(y, m1, 1) as f64;
            (s, s + days_in_month(y, m1) as f64)
        }
        DatePrecision::Day => (day, day + 1.0),
        DatePrecision::Time => {
            let t = day + frac.unwrap_or(0.0);
            (t, t)
        }
    };
    Some(DaySpan {
        start,
        end,
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_precision() {
        let d = parse("2021-07-22", None).unwrap();
        assert_eq!(
            (d.start, d.end, d.precision),
            (18830.0, 18831.0, DatePrecision::Day)
        );
        let m = parse("2021-07", None).unwrap();
        assert_eq!(
            (m.start, m.end, m.precision),
            (18809.0, 18840.0, DatePrecision::Month)
        );
        let y = parse("2020", None).unwrap();
        assert_eq!(y.end - y.start, 366.0);
        let t = parse("2021-07-22T12:00Z", None).unwrap();
        assert_eq!((t.start, t.precision), (18830.5, DatePrecision::Time));
        let widened = parse("2021-07-22", Some(DatePrecision::Month)).unwrap();
        assert_eq!(widened.precision, DatePrecision::Month);
        assert_eq!(parse("1969-12-31", None).unwrap().start, -1.0);
    }

    #[test]
    fn bad_dates_are_none() {
        for s in [
            "",
            "juillet 2021",
            "2021-13",
            "2021-02-30",
            "2021-7-1",
            "2021-07-22T25:00",
            "2021-07T10:00",
            "２０２１",
            "2021-07-22-01",
            "99999",
            "2021-07-22T1",
        ] {
            assert_eq!(parse(s, None), None, "{s}");
        }
    }
}
