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
}
