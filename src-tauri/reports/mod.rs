//! Documents that leave the app: exports (CSV, XLSX) and printed PDFs.

pub mod call_in_sheets;
pub mod documents;
pub mod followups;
pub mod hsds;
pub mod pdf;
pub mod table;
