//! A list as a table of typed cells, written as CSV (RFC 4180) or XLSX.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, AppResult};
use crate::text_enum;

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

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(NaiveDate),
    Empty,
}

impl From<Option<String>> for Cell {
    fn from(v: Option<String>) -> Self {
        v.map_or(Cell::Empty, Cell::Text)
    }
}

impl From<Option<NaiveDate>> for Cell {
    fn from(v: Option<NaiveDate>) -> Self {
        v.map_or(Cell::Empty, Cell::Date)
    }
}

impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}

impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_owned())
    }
}

/// A column: its title (as a coordinator reads it) and its width in characters.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: &'static str,
    pub width: f64,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// The XLSX sheet's name.
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

fn csv_field(out: &mut String, text: &str) {
    // Spreadsheets run a cell that starts with = + - @ as a formula: such a value is
    // written with a leading apostrophe so a name can never become a formula.
    let guarded = matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    let needs_quotes = guarded || text.contains([',', '"', '\n', '\r']);
    if needs_quotes {
        out.push('"');
        if guarded {
            out.push('\'');
        }
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// RFC 4180: CRLF line ends, fields with commas, quotes or line breaks in double quotes,
/// quotes doubled; a header row; UTF-8 with a byte-order mark so spreadsheets read
/// accents right. Dates are written as YYYY-MM-DD.
pub fn to_csv(table: &Table) -> String {
    let mut out = String::with_capacity(64 + table.rows.len() * table.columns.len() * 16);
    out.push('\u{feff}');
    for (i, c) in table.columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(&mut out, c.title);
    }
    out.push_str("\r\n");
    for row in &table.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match cell {
                Cell::Text(t) => csv_field(&mut out, t),
                Cell::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
                Cell::Empty => {}
            }
        }
        out.push_str("\r\n");
    }
    out
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("The spreadsheet could not be written: {e}."))
}

/// One sheet: a bold, frozen header row with an autofilter, set column widths, dates as
/// dates (shown YYYY-MM-DD), text as text. `note`, when given, goes on a second sheet.
pub fn to_xlsx(table: &Table, note: Option<&str>) -> AppResult<Vec<u8>> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.set_name(table.name).map_err(xlsx_error)?;
    for (c, col) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet
            .write_string_with_format(0, c, col.title, &header)
            .map_err(xlsx_error)?;
        sheet.set_column_width(c, col.width).map_err(xlsx_error)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(t) => {
                    sheet.write_string(r, c, t).map_err(xlsx_error)?;
                }
                Cell::Date(d) => {
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(xlsx_error)?;
                    sheet
                        .write_datetime_with_format(r, c, &when, &date)
                        .map_err(xlsx_error)?;
                }
                Cell::Empty => {}
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    let last_col = table.columns.len().saturating_sub(1) as u16;
    sheet
        .autofilter(0, 0, table.rows.len() as u32, last_col)
        .map_err(xlsx_error)?;
    if let Some(note) = note {
        let about = book.add_worksheet();
        about.set_name("About").map_err(xlsx_error)?;
        about.set_column_width(0, 100).map_err(xlsx_error)?;
        for (i, line) in note.lines().enumerate() {
            about.write_string(i as u32, 0, line).map_err(xlsx_error)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, flushed to
/// disk, renamed over the target.
pub fn write_file(path: &Path, bytes: &[u8]) -> AppResult<()> {
    let name = path
        .file_name()
        .ok_or_else(|| AppError::invalid("path", "Choose a file name to save to."))?;
    let partial = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&partial)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(AppError::Io(format!(
            "The file could not be saved to {}: {e}.",
            path.display()
        )));
    }
    Ok(())
}

/// Writes the table in `format` to `path`.
pub fn export(
    table: &Table,
    format: ExportFormat,
    note: Option<&str>,
    path: &Path,
) -> AppResult<()> {
    let bytes = match format {
        ExportFormat::Csv => to_csv(table).into_bytes(),
        ExportFormat::Xlsx => to_xlsx(table, note)?,
    };
    write_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            name: "Test",
            columns: vec![
                Column {
                    title: "Person",
                    width: 20.0,
                },
                Column {
                    title: "Due",
                    width: 12.0,
                },
            ],
            rows,
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_nothing_else() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 4).unwrap();
        let csv = to_csv(&table(vec![
            vec!["Łukasz Nowak".into(), Cell::Date(d)],
            vec!["O'Brien, \"Mac\"\nline two".into(), Cell::Empty],
            vec!["=HYPERLINK(1)".into(), Cell::Empty],
        ]));
        assert_eq!(
            csv,
            "\u{feff}Person,Due\r\nŁukasz Nowak,2027-03-04\r\n\"O'Brien, \"\"Mac\"\"\nline two\",\r\n\"'=HYPERLINK(1)\",\r\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&table(vec![vec!["A".into(), Cell::Empty]]), Some("note")).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
