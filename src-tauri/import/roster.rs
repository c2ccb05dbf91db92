//! Reads a roster file — CSV / text, or a workbook (XLSX, XLS, ODS) — into rows of text
//! cells numbered as the spreadsheet numbers them. No rule about what the cells mean lives
//! here (that is `domain::import`); this is only getting the text out faithfully.
//!
//! CSV: the encoding is UTF-8 (with or without a byte-order mark) when the bytes are valid
//! UTF-8, else what `chardetng` guesses (Windows-1252 for the exports seen in the field);
//! decoding never fails (a byte the encoding cannot hold becomes U+FFFD). The delimiter is
//! the one of comma, semicolon and tab that splits the first rows most consistently.
//! Workbooks: `calamine`; dates stored as dates become `YYYY-MM-DD` (either date system),
//! whole numbers lose their `.0`.

use std::io::Cursor;

use calamine::{Data, Reader};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{AppError, AppResult};

/// The largest file read (a roster of 100,000 rows is about 20 MB).
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// The date system of a workbook's serial numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateSystem {
    /// Day 1 is 1900-01-01 (with Excel's fictitious 1900-02-29); CSV files use it too.
    Excel1900,
    /// Day 0 is 1904-01-01 (old Mac workbooks).
    Excel1904,
}

/// One row of the file: its number as the spreadsheet shows it, and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRow {
    pub number: u32,
    pub cells: Vec<String>,
}

/// One sheet (a CSV file has one): the header row and the rows under it.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    /// The row number of the header row.
    pub header_row: u32,
    pub rows: Vec<SourceRow>,
    /// Blank rows left out.
    pub blank_rows: u32,
    pub date_system: DateSystem,
}

/// How a CSV file was read, to show the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvFormat {
    /// The encoding's name ("UTF-8", "windows-1252").
    pub encoding: String,
    pub byte_order_mark: bool,
    /// "," ";" or "\t".
    pub delimiter: String,
}

/// A file read into memory, ready to give up its sheets.
pub struct RosterFile {
    pub file_name: String,
    pub sha256: String,
    pub kind: FileKind,
}

pub enum FileKind {
    Csv { format: CsvFormat, table: Table },
    Workbook { sheets: Vec<String>, bytes: Vec<u8> },
}

impl RosterFile {
    /// The sheet names (a CSV file has none: its one table is read already).
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.kind {
            FileKind::Csv { .. } => Vec::new(),
            FileKind::Workbook { sheets, .. } => sheets.clone(),
        }
    }

    /// The table of a sheet (`None` for a CSV file or the first sheet).
    pub fn table(&self, sheet: Option<&str>) -> AppResult<Table> {
        match &self.kind {
            FileKind::Csv { table, .. } => Ok(table.clone()),
            FileKind::Workbook { sheets, bytes } => {
                let name = match sheet {
                    Some(s) => sheets.iter().find(|n| n.as_str() == s).ok_or_else(|| {
                        AppError::invalid("sheet", format!("The workbook has no sheet “{s}”."))
                    })?,
                    None => sheets
                        .first()
                        .ok_or_else(|| AppError::invalid("file", "The workbook has no sheets."))?,
                };
                read_sheet(bytes, name)
            }
        }
    }
}

/// A file being imported with the sheet chosen and read.
pub struct Loaded {
    pub file: RosterFile,
    pub sheet: Option<String>,
    pub table: Table,
}

/// The SHA-256 of the bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a file from disk; the name shown is its file name.
pub fn read_path(path: &std::path::Path) -> AppResult<RosterFile> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::Io(format!("{file_name} could not be read: {e}.")))?;
    if meta.len() as usize > MAX_BYTES {
        return Err(AppError::invalid(
            "file",
            format!(
                "{file_name} is larger than {} MB; split it into smaller files.",
                MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::Io(format!("{file_name} could not be read: {e}.")))?;
    read_bytes(&file_name, bytes)
}

fn is_workbook(bytes: &[u8]) -> bool {
    // XLSX and ODS are zip files; XLS is an OLE compound file.
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a file's bytes: a workbook when they are one, else delimited text.
pub fn read_bytes(file_name: &str, bytes: Vec<u8>) -> AppResult<RosterFile> {
    if bytes.len() > MAX_BYTES {
        return Err(AppError::invalid(
            "file",
            format!("{file_name} is too large to import."),
        ));
    }
    let sha256 = sha256_hex(&bytes);
    let kind = if is_workbook(&bytes) {
        let sheets = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.as_slice()))
            .map_err(|e| {
                AppError::invalid(
                    "file",
                    format!("{file_name} looks like a spreadsheet but could not be opened ({e})."),
                )
            })?
            .sheet_names();
        if sheets.is_empty() {
            return Err(AppError::invalid(
                "file",
                format!("{file_name} has no sheets."),
            ));
        }
        FileKind::Workbook { sheets, bytes }
    } else {
        let (text, format) = decode(&bytes);
        let table = read_delimited(&text, &format.delimiter)?;
        FileKind::Csv { format, table }
    };
    Ok(RosterFile {
        file_name: file_name.to_owned(),
        sha256,
        kind,
    })
}

/// Decodes text bytes: UTF-8 (a byte-order mark is dropped) when valid, else the encoding
/// `chardetng` guesses. Never fails. The delimiter is chosen on the decoded text.
pub fn decode(bytes: &[u8]) -> (String, CsvFormat) {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let (text, encoding) = match std::str::from_utf8(body) {
        Ok(s) => (s.to_owned(), "UTF-8".to_owned()),
        Err(_) => {
            // UTF-16 with a byte-order mark, then a guess among legacy encodings.
            let encoding = match encoding_rs::Encoding::for_bom(bytes) {
                Some((enc, _)) => enc,
                None => {
                    let mut detector =
                        chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                    detector.feed(bytes, true);
                    detector.guess(None, chardetng::Utf8Detection::Deny)
                }
            };
            let (cow, _had_errors) = encoding.decode_with_bom_removal(bytes);
            (cow.into_owned(), encoding.name().to_owned())
        }
    };
    let delimiter = guess_delimiter(&text).to_string();
    (
        text,
        CsvFormat {
            encoding,
            byte_order_mark: bom,
            delimiter,
        },
    )
}

/// The delimiter of comma, semicolon and tab that gives the header more than one field and
/// the most of the first rows the header's number of fields; comma on a tie.
fn guess_delimiter(text: &str) -> char {
    let mut best = (',', 0usize, 0usize);
    for d in [',', ';', '\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d as u8)
            .from_reader(text.as_bytes());
        let mut records = reader.byte_records();
        let Some(Ok(header)) = records.next() else {
            continue;
        };
        let width = header.len();
        if width < 2 {
            continue;
        }
        let consistent = records
            .take(50)
            .filter_map(Result::ok)
            .filter(|r| r.len() == width)
            .count()
            + 1;
        if (consistent, width) > (best.1, best.2) {
            best = (d, consistent, width);
        }
    }
    best.0
}

/// "A", "B", … "Z", "AA": the spreadsheet's name of a column (0-based).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push((b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Header texts made usable: trimmed, an empty one named by its column letter, a repeated
/// one told apart by its column letter.
fn tidy_headers(raw: Vec<String>) -> Vec<String> {
    let trimmed: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
            if h.is_empty() {
                format!("Column {}", column_letter(i))
            } else {
                h
            }
        })
        .collect();
    trimmed
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let repeated = trimmed
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && o.eq_ignore_ascii_case(h));
            if repeated {
                format!("{h} (column {})", column_letter(i))
            } else {
                h.clone()
            }
        })
        .collect()
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Builds the table from rows already numbered: the first non-blank row is the header.
fn table_from(rows: Vec<SourceRow>, date_system: DateSystem) -> AppResult<Table> {
    let mut blank_rows = 0;
    let mut header: Option<(u32, Vec<String>)> = None;
    let mut body = Vec::new();
    for row in rows {
        if is_blank(&row.cells) {
            if header.is_some() {
                blank_rows += 1;
            }
            continue;
        }
        if header.is_none() {
            header = Some((row.number, row.cells));
        } else {
            body.push(row);
        }
    }
    let Some((header_row, raw)) = header else {
        return Err(AppError::invalid(
            "file",
            "The file is empty: it has no header row and no rows.",
        ));
    };
    let width = raw.len();
    let headers = tidy_headers(raw);
    let headers = if body.iter().any(|r| r.cells.len() > width) {
        // Rows wider than the header: the extra cells get columns of their own.
        let wide = body.iter().map(|r| r.cells.len()).max().unwrap_or(width);
        let mut h = headers;
        for i in width..wide {
            h.push(format!("Column {}", column_letter(i)));
        }
        h
    } else {
        headers
    };
    for row in &mut body {
        row.cells.resize(headers.len(), String::new());
    }
    Ok(Table {
        headers,
        header_row,
        rows: body,
        blank_rows,
        date_system,
    })
}

/// Reads delimited text. Rows are numbered as a spreadsheet opening the file numbers them:
/// a blank line is a row, a quoted field's line breaks are not.
pub fn read_delimited(text: &str, delimiter: &str) -> AppResult<Table> {
    let d = delimiter
        .chars()
        .next()
        .filter(char::is_ascii)
        .unwrap_or(',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(d as u8)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut number: u32 = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // A record's position is where the reader began looking for it: the blank
                // lines it stepped over come first, and each is a row of the spreadsheet.
                let start = record.position().map(|p| p.byte() as usize).unwrap_or(0);
                let skipped = blank_lines_at(bytes, start);
                number += skipped + 1;
                rows.push(SourceRow {
                    number,
                    cells: record.iter().map(str::to_owned).collect(),
                });
            }
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| format!(" near line {}", p.line()))
                    .unwrap_or_default();
                return Err(AppError::invalid(
                    "file",
                    format!("The file could not be read as a table{line}: {e}."),
                ));
            }
        }
    }
    table_from(rows, DateSystem::Excel1900)
}

/// The number of blank lines at `start` (a CRLF counts once, and the LF of a CRLF whose CR
/// ended the previous record is not a line of its own).
fn blank_lines_at(bytes: &[u8], start: usize) -> u32 {
    let run = bytes.get(start..).unwrap_or_default();
    let mut i = 0;
    if start > 0 && bytes[start - 1] == b'\r' && run.first() == Some(&b'\n') {
        i = 1;
    }
    let mut lines = 0;
    while i < run.len() {
        match run[i] {
            b'\r' if run.get(i + 1) == Some(&b'\n') => i += 2,
            b'\r' | b'\n' => i += 1,
            _ => break,
        }
        lines += 1;
    }
    lines
}

/// The text of a workbook cell: dates as `YYYY-MM-DD`, whole numbers without `.0`.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            // Excel's fictitious 1900-02-29 comes through as written: the date check
            // reports it as a date that does not exist.
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::DateTimeIso(s) => match s.get(..10) {
            Some(date) if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() => {
                date.to_owned()
            }
            _ => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a person writes it: 42 not 42.0, 0.5 as 0.5.
pub fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The date system of a sheet: found from a cell stored as a date, whose serial gives a
/// different day in the 1900 system when the workbook counts from 1904.
fn date_system_of(range: &calamine::Range<Data>) -> DateSystem {
    for cell in range.used_cells() {
        if let (_, _, Data::DateTime(dt)) = cell {
            if dt.is_datetime() {
                let as_1900 = calamine::ExcelDateTime::new(
                    dt.as_f64(),
                    calamine::ExcelDateTimeType::DateTime,
                    false,
                );
                return if as_1900.to_ymd_hms_milli() == dt.to_ymd_hms_milli() {
                    DateSystem::Excel1900
                } else {
                    DateSystem::Excel1904
                };
            }
        }
    }
    DateSystem::Excel1900
}

fn read_sheet(bytes: &[u8], name: &str) -> AppResult<Table> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        AppError::invalid("file", format!("The workbook could not be opened ({e})."))
    })?;
    let range = book.worksheet_range(name).map_err(|e| {
        AppError::invalid(
            "sheet",
            format!("The sheet “{name}” could not be read ({e})."),
        )
    })?;
    let date_system = date_system_of(&range);
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            // A sheet whose data starts right of column A keeps its columns in place.
            let mut texts: Vec<String> = vec![String::new(); first_col as usize];
            texts.extend(cells.iter().map(cell_text));
            SourceRow {
                number: first_row + i as u32 + 1,
                cells: texts,
            }
        })
        .collect();
    let mut table = table_from(rows, date_system)?;
    // Columns left of the data are empty: drop them again.
    if first_col > 0 {
        let skip = first_col as usize;
        table.headers.drain(..skip.min(table.headers.len()));
        for r in &mut table.rows {
            r.cells.drain(..skip.min(r.cells.len()));
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        let (decoded, format) = decode(text.as_bytes());
        read_delimited(&decoded, &format.delimiter).unwrap()
    }

    #[test]
    fn rows_are_numbered_as_the_spreadsheet_numbers_them() {
        let t = table("Name,Note\n\"Doe, Jane\",\"two\nlines\"\n\n\nRoe,x\r\n,\r\n\r\nLast,y");
        assert_eq!(t.headers, ["Name", "Note"]);
        assert_eq!(t.rows[0].cells, ["Doe, Jane", "two\nlines"]);
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(t.rows[1].cells, ["Roe", "x"]);
        assert_eq!(t.rows[1].number, 5);
        assert_eq!(
            t.rows[2].number, 8,
            "the row of empty fields is row 6, a blank line row 7"
        );
        assert_eq!(
            t.blank_rows, 1,
            "only the row of empty fields is counted as blank"
        );
    }

    #[test]
    fn the_delimiter_is_found() {
        assert_eq!(decode(b"a;b;c\n1;2,5;3\n").1.delimiter, ";");
        assert_eq!(decode(b"a\tb\n1\t2\n").1.delimiter, "\t");
        assert_eq!(decode(b"a,b\n1,2\n").1.delimiter, ",");
        assert_eq!(decode(b"one column\nx\n").1.delimiter, ",");
    }

    #[test]
    fn encodings_are_told_apart() {
        let (text, f) = decode(b"\xEF\xBB\xBFName\nN\xC3\xBA\xC3\xB1ez\n");
        assert!(f.byte_order_mark);
        assert_eq!(text, "Name\nNúñez\n");
        let (text, f) = decode(b"Name\nN\xFA\xF1ez, Jos\xE9 \x80\n");
        assert_eq!(f.encoding, "windows-1252");
        assert_eq!(text, "Name\nNúñez, José €\n");
    }

    #[test]
    fn headers_are_tidied() {
        let t = table("Name,,name, Phone \nA,B,C,D\n");
        assert_eq!(
            t.headers,
            ["Name (column A)", "Column B", "name (column C)", "Phone"]
        );
        let t = table("A,B\n1,2,3\n4\n");
        assert_eq!(t.headers, ["A", "B", "Column C"]);
        assert_eq!(t.rows[1].cells, ["4", "", ""]);
    }

    #[test]
    fn workbook_cells_read_as_written() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        assert_eq!(cell_text(&Data::Float(12345.0)), "12345");
        assert_eq!(cell_text(&Data::Float(0.5)), "0.5");
        // 1990-03-04 is serial 32936 in the 1900 system and 31474 in the 1904 system.
        let d1900 = Data::DateTime(ExcelDateTime::new(32936.0, DateTime, false));
        let d1904 = Data::DateTime(ExcelDateTime::new(31474.0, DateTime, true));
        assert_eq!(cell_text(&d1900), "1990-03-04");
        assert_eq!(cell_text(&d1904), "1990-03-04");
        let fictitious = Data::DateTime(ExcelDateTime::new(60.0, DateTime, false));
        assert_eq!(cell_text(&fictitious), "1900-02-29");
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn an_empty_file_is_refused_with_a_message() {
        let err = read_delimited("\n\n,,\n", ",").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }
}
