//! Dates and instants: instants are UTC RFC 3339 text, calendar dates are `YYYY-MM-DD`.

use chrono::{NaiveDate, SecondsFormat, Utc};

use crate::error::{AppError, AppResult};

/// Now, as stored: UTC RFC 3339 with milliseconds.
pub fn now_utc() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Today's date on this machine's clock (local), for "not in the future" rules.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Parses an optional `YYYY-MM-DD` input; a blank input is `None`.
pub fn parse_date(field: &str, label: &str, text: Option<&str>) -> AppResult<Option<NaiveDate>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::invalid(field, format!("{label} must be a date like 2024-03-31.")))
}

/// Reads a stored `YYYY-MM-DD` date quickly (exports read hundreds of thousands); anything
/// else is `None`.
pub fn stored_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_name_the_field() {
        assert_eq!(parse_date("d", "Date", Some(" ")).unwrap(), None);
        assert_eq!(
            parse_date("d", "Date", Some("2024-02-29")).unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        let err = parse_date("dateOfBirth", "Date of birth", Some("2023-02-29")).unwrap_err();
        assert_eq!(err.field(), Some("dateOfBirth"));
        assert!(err.to_string().contains("Date of birth"));
    }

    #[test]
    fn now_is_utc_rfc3339() {
        let now = now_utc();
        assert!(now.ends_with('Z'), "{now}");
        assert!(chrono::DateTime::parse_from_rfc3339(&now).is_ok());
    }

    #[test]
    fn stored_dates_read_fast_and_strictly() {
        assert_eq!(
            stored_date("2027-03-14"),
            NaiveDate::from_ymd_opt(2027, 3, 14)
        );
        assert_eq!(stored_date("2027-02-30"), None);
        assert_eq!(stored_date("2027-3-14"), None);
        assert_eq!(stored_date("2027-03-1x"), None);
    }
}
