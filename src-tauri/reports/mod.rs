//! Documents that leave the app: exports (CSV, XLSX) now, printed PDFs later.

pub mod followups;
pub mod table;
