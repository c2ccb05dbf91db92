//! What the coordinator asks of an export and what it tells back.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text_enum;

text_enum!(
    ExportFormat {
        Csv = "csv",
        Xlsx = "xlsx",
    }
);

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        self.as_str()
    }
}

/// What an export wrote, for the message the coordinator sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    pub rows: u32,
    /// Rows left out: 42 CFR Part 2 referrals without recorded consent.
    pub withheld: u32,
}
