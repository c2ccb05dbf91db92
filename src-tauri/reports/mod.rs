//! Documents that leave the app: exports (CSV, XLSX) and printed PDFs.

pub mod followups;
pub mod pdf;
pub mod table;
