//! The one error type that crosses IPC.
//!
//! Serialized as `{ code, message, field?, fields? }`: `code` is a small enum the UI
//! branches on, `message` is a sentence a coordinator understands, `field` names the
//! first input that is wrong and `fields` lists every wrong input of a form.

use serde::{Serialize, Serializer};
use ts_rs::TS;

use crate::domain::text_enum;

text_enum!(
    /// What kind of failure, for the UI to branch on.
    ErrorCode {
        Validation = "validation",
        NotFound = "not_found",
        Conflict = "conflict",
        Locked = "locked",
        InvalidTransition = "invalid_transition",
        Io = "io",
        Internal = "internal",
    }
);

/// One wrong input of a form: `field` is the input's path (`lastName`,
/// `supervisions.0.endDate`), `message` says what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Every wrong input of a form (empty for other errors).
    pub fields: Vec<FieldError>,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input that breaks a rule; nothing was changed.
    #[error("{}", .0.first().map(|f| f.message.as_str()).unwrap_or("The input is not valid."))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    InvalidTransition(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A validation error on one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Validation(_) => ErrorCode::Validation,
            AppError::NotFound(_) => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::Locked(_) => ErrorCode::Locked,
            AppError::InvalidTransition(_) => ErrorCode::InvalidTransition,
            AppError::Io(_) => ErrorCode::Io,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// The first field named by a validation error.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Validation(fields) => fields.first().map(|f| f.field.as_str()),
            _ => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
            fields: match self {
                AppError::Validation(fields) => fields.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match &err {
            rusqlite::Error::QueryReturnedNoRows => {
                AppError::NotFound("That record does not exist.".into())
            }
            rusqlite::Error::SqliteFailure(e, _) => match e.code {
                C::DatabaseBusy | C::DatabaseLocked => AppError::Conflict(
                    "The database is busy with another change; try again in a moment.".into(),
                ),
                C::NotADatabase => AppError::Io(
                    "The database file is damaged or is not a Call-In Planner database.".into(),
                ),
                C::ConstraintViolation => {
                    let text = err.to_string();
                    AppError::Conflict(if text.contains("UNIQUE") {
                        "That record already exists; nothing was saved.".into()
                    } else if text.contains("FOREIGN KEY") {
                        "The change refers to a record that no longer exists; nothing was saved."
                            .into()
                    } else {
                        "A value is not allowed here; nothing was saved.".into()
                    })
                }
                C::DiskFull => AppError::Io("The disk is full; the change was not saved.".into()),
                C::ReadOnly | C::CannotOpen | C::SystemIoFailure | C::PermissionDenied => {
                    AppError::Io(format!("The database file could not be used: {err}."))
                }
                _ => AppError::Internal(format!("Database error: {err}.")),
            },
            _ => AppError::Internal(format!("Database error: {err}.")),
        }
    }
}

impl From<std::io::Error> for AppError {
    fn from(err: std::io::Error) -> Self {
        AppError::Io(format!("A file could not be read or written: {err}."))
    }
}

impl From<serde_json::Error> for AppError {
    fn from(err: serde_json::Error) -> Self {
        AppError::Internal(format!("Stored data could not be read: {err}."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_serializes_code_message_and_field() {
        let err = AppError::invalid("lastName", "Enter a last name.");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["message"], "Enter a last name.");
        assert_eq!(json["field"], "lastName");
        assert_eq!(json["fields"][0]["field"], "lastName");
    }

    #[test]
    fn other_errors_have_no_field() {
        let json = serde_json::to_value(AppError::NotFound("No such person.".into())).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json.get("field").is_none());
        assert_eq!(json["fields"], serde_json::json!([]));
    }
}
