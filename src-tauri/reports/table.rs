//! A list as a table of typed cells, written as CSV (RFC 4180) or XLSX.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use crate::error::{AppError, AppResult};

pub use crate::domain::exports::{ExportFormat, ExportSummary};

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
pub struct CsvWriter {
    out: String,
}

impl CsvWriter {
    pub fn new(columns: &[Column]) -> Self {
        let mut out = String::with_capacity(1 << 20);
        out.push('\u{feff}');
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_field(&mut out, c.title);
        }
        out.push_str("\r\n");
        CsvWriter { out }
    }

    pub fn row(&mut self, row: &[Cell]) {
        let out = &mut self.out;
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match cell {
                Cell::Text(t) => csv_field(out, t),
                Cell::Date(d) => {
                    use std::fmt::Write;
                    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
                }
                Cell::Empty => {}
            }
        }
        out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

pub fn to_csv(table: &Table) -> String {
    let mut w = CsvWriter::new(&table.columns);
    for row in &table.rows {
        w.row(row);
    }
    w.finish()
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::Internal(format!("The spreadsheet could not be written: {e}."))
}

/// One sheet: a bold, frozen header row with an autofilter, set column widths, dates as
/// dates (shown YYYY-MM-DD), text as text; a note, when given, on a second sheet.
pub struct XlsxWriter {
    book: Workbook,
    date: Format,
    rows: u32,
    columns: u16,
}

impl XlsxWriter {
    pub fn new(name: &str, columns: &[Column]) -> AppResult<Self> {
        let mut book = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let sheet = book.add_worksheet();
        sheet.set_name(name).map_err(xlsx_error)?;
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(0, c, col.title, &header)
                .map_err(xlsx_error)?;
            sheet.set_column_width(c, col.width).map_err(xlsx_error)?;
        }
        Ok(XlsxWriter {
            book,
            date: Format::new().set_num_format("yyyy-mm-dd"),
            rows: 0,
            columns: columns.len() as u16,
        })
    }

    pub fn row(&mut self, row: &[Cell]) -> AppResult<()> {
        self.rows += 1;
        let r = self.rows;
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx_error)?;
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
                        .write_datetime_with_format(r, c, &when, &self.date)
                        .map_err(xlsx_error)?;
                }
                Cell::Empty => {}
            }
        }
        Ok(())
    }

    pub fn finish(mut self, note: Option<&str>) -> AppResult<Vec<u8>> {
        let sheet = self.book.worksheet_from_index(0).map_err(xlsx_error)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        sheet
            .autofilter(0, 0, self.rows, self.columns.saturating_sub(1))
            .map_err(xlsx_error)?;
        if let Some(note) = note {
            let about = self.book.add_worksheet();
            about.set_name("About").map_err(xlsx_error)?;
            about.set_column_width(0, 100).map_err(xlsx_error)?;
            for (i, line) in note.lines().enumerate() {
                about.write_string(i as u32, 0, line).map_err(xlsx_error)?;
            }
        }
        self.book.save_to_buffer().map_err(xlsx_error)
    }
}

pub fn to_xlsx(table: &Table, note: Option<&str>) -> AppResult<Vec<u8>> {
    let mut w = XlsxWriter::new(table.name, &table.columns)?;
    for row in &table.rows {
        w.row(row)?;
    }
    w.finish(note)
}

enum Writer {
    Csv(CsvWriter),
    Xlsx(Box<XlsxWriter>),
}

impl Writer {
    fn row(&mut self, row: &[Cell]) -> AppResult<()> {
        match self {
            Writer::Csv(w) => {
                w.row(row);
                Ok(())
            }
            Writer::Xlsx(w) => w.row(row),
        }
    }
}

/// Rows for [`export_streamed`] travel in batches of this many.
const BATCH: usize = 1024;

/// Exports rows as they are produced: `produce` reads them (from the database) on this
/// thread and hands each to `emit`, while another thread writes them in `format`, so
/// reading and writing overlap. `note` is asked once every row is in (it may count what
/// `produce` left out). The file is written whole to `path`; returns the rows written. The
/// whole export runs at the long work's low priority (`crate::priority`).
pub fn export_streamed(
    format: ExportFormat,
    name: &str,
    columns: &[Column],
    path: &Path,
    produce: impl FnOnce(&mut dyn FnMut(Vec<Cell>) -> AppResult<()>) -> AppResult<()> + Send,
    note: impl FnOnce() -> Option<String> + Send,
) -> AppResult<u32> {
    crate::priority::at_low_priority(|| export_now(format, name, columns, path, produce, note))
}

fn export_now(
    format: ExportFormat,
    name: &str,
    columns: &[Column],
    path: &Path,
    produce: impl FnOnce(&mut dyn FnMut(Vec<Cell>) -> AppResult<()>) -> AppResult<()>,
    note: impl FnOnce() -> Option<String>,
) -> AppResult<u32> {
    let writer = match format {
        ExportFormat::Csv => Writer::Csv(CsvWriter::new(columns)),
        ExportFormat::Xlsx => Writer::Xlsx(Box::new(XlsxWriter::new(name, columns)?)),
    };
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Vec<Cell>>>(16);
    std::thread::scope(|scope| {
        let writing = scope.spawn(move || -> AppResult<(Writer, u32)> {
            let mut writer = writer;
            let mut count = 0;
            for batch in receive {
                for row in &batch {
                    writer.row(row)?;
                }
                count += batch.len() as u32;
            }
            Ok((writer, count))
        });
        let mut batch = Vec::with_capacity(BATCH);
        let mut emit = |row: Vec<Cell>| -> AppResult<()> {
            batch.push(row);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                send.send(full)
                    .map_err(|_| AppError::Internal("The export stopped writing.".into()))?;
            }
            Ok(())
        };
        let produced = produce(&mut emit);
        if produced.is_ok() && !batch.is_empty() {
            let _ = send.send(std::mem::take(&mut batch));
        }
        drop(send);
        let written = writing
            .join()
            .map_err(|_| AppError::Internal("The export's writer failed.".into()))?;
        produced?;
        let (writer, count) = written?;
        let bytes = match writer {
            Writer::Csv(w) => w.finish().into_bytes(),
            Writer::Xlsx(w) => w.finish(note().as_deref())?,
        };
        write_file(path, &bytes)?;
        Ok(count)
    })
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
