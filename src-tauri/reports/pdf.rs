//! Printed documents: a typst template of `assets/templates/` filled with data as JSON and
//! laid out to PDF bytes.
//!
//! Everything the layout needs is compiled into the app: the templates (`include_str!`)
//! and the fonts (`include_bytes!`: DejaVu Sans, then NanumGothic and Droid Sans Fallback
//! for Korean, Chinese and Japanese names). The typst world knows no other file, no system font and no
//! package, so a document comes out the same on every machine, offline.

use crate::priority::at_low_priority;
use std::sync::OnceLock;

use serde::Serialize;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

use crate::error::{AppError, AppResult};

/// In the templates' fallback order: DejaVu Sans for Latin, Greek and Cyrillic; NanumGothic
/// for Hangul, common Hanja and kana; Droid Sans Fallback for the other CJK ideographs (see
/// assets/fonts/LICENSES.md).
static FONTS: [&[u8]; 5] = [
    include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../../assets/fonts/NanumGothic.ttf"),
    include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf"),
];

/// The page set-up every document imports.
const COMMON: &str = include_str!("../../assets/templates/common.typ");

/// A printed document's template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    SignInSheet,
    AttendeeRoster,
    Letters,
    RunOfShow,
    FollowUpList,
}

impl Template {
    const ALL: [Template; 5] = [
        Template::SignInSheet,
        Template::AttendeeRoster,
        Template::Letters,
        Template::RunOfShow,
        Template::FollowUpList,
    ];

    fn file(self) -> &'static str {
        match self {
            Template::SignInSheet => "sign_in_sheet.typ",
            Template::AttendeeRoster => "attendee_roster.typ",
            Template::Letters => "letters.typ",
            Template::RunOfShow => "run_of_show.typ",
            Template::FollowUpList => "follow_up_list.typ",
        }
    }

    fn source(self) -> &'static str {
        match self {
            Template::SignInSheet => include_str!("../../assets/templates/sign_in_sheet.typ"),
            Template::AttendeeRoster => include_str!("../../assets/templates/attendee_roster.typ"),
            Template::Letters => include_str!("../../assets/templates/letters.typ"),
            Template::RunOfShow => include_str!("../../assets/templates/run_of_show.typ"),
            Template::FollowUpList => include_str!("../../assets/templates/follow_up_list.typ"),
        }
    }
}

/// US Letter, in points.
pub const LETTER: (f64, f64) = (612.0, 792.0);

/// The page geometry of a tabular document, in points. The template reads it from the
/// data, so the numbers here are the ones the pages are laid out with.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Layout {
    /// A typst paper name.
    pub paper: &'static str,
    /// Landscape.
    pub flipped: bool,
    /// Top margin; the running header (document, call-in, date, venue) sits inside it.
    pub top: f64,
    /// Bottom margin; the footer (confidential, print date, page x of y) sits inside it.
    pub bottom: f64,
    pub side: f64,
    /// Height of the table's header row, repeated on every page.
    pub header_row: f64,
    /// Least height of a body row; a row grows when a long name wraps.
    pub row: f64,
    /// Space above and below a cell's content.
    pub inset: f64,
}

impl Layout {
    /// Table rows of `self.row` height that fit on one page under the repeated header row.
    pub fn rows_per_page(&self) -> usize {
        let height = if self.flipped { LETTER.0 } else { LETTER.1 };
        let body = height - self.top - self.bottom - self.header_row;
        (body / self.row).floor() as usize
    }

    /// Pages a table of `rows` single-line rows takes (at least one).
    pub fn pages_for(&self, rows: usize) -> usize {
        rows.div_ceil(self.rows_per_page()).max(1)
    }
}

/// Letter on its side, for lists with many columns.
pub const fn letter_landscape(row: f64) -> Layout {
    Layout {
        flipped: true,
        ..letter(row)
    }
}

/// Letter with the margins of every tabular document; `row` sets how tall a row is.
pub const fn letter(row: f64) -> Layout {
    Layout {
        paper: "us-letter",
        flipped: false,
        top: 72.0,
        bottom: 54.0,
        side: 43.2,
        header_row: 24.0,
        row,
        inset: 4.0,
    }
}

fn engine() -> &'static TypstEngine {
    static ENGINE: OnceLock<TypstEngine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut sources = vec![("common.typ", COMMON)];
        sources.extend(Template::ALL.iter().map(|t| (t.file(), t.source())));
        TypstEngine::builder()
            .fonts(FONTS)
            .with_static_source_file_resolver(sources)
            .build()
    })
}

/// Lays out `template` with `data` (serialized to JSON, read by the template as
/// `sys.inputs.data`) into pages, at the long work's low priority (as are [`pdf`] and
/// [`svg_pages`]: `crate::priority`).
pub fn lay_out<T: Serialize + Sync>(template: Template, data: &T) -> AppResult<PagedDocument> {
    at_low_priority(|| lay_out_now(template, data))
}

fn lay_out_now<T: Serialize>(template: Template, data: &T) -> AppResult<PagedDocument> {
    let json = serde_json::to_string(data).map_err(|e| {
        AppError::Internal(format!("The document's data could not be prepared: {e}"))
    })?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.into_value());
    engine()
        .compile_with_input(template.file(), inputs)
        .output
        .map_err(|e| {
            AppError::Internal(format!(
                "The document {} could not be laid out: {e:?}",
                template.file()
            ))
        })
}

/// The laid-out pages as a PDF (fonts subset).
pub fn pdf(doc: &PagedDocument) -> AppResult<Vec<u8>> {
    at_low_priority(|| {
        typst_pdf::pdf(doc, &typst_pdf::PdfOptions::default()).map_err(|e| {
            AppError::Internal(format!("The document could not be written as PDF: {e:?}"))
        })
    })
}

/// The first `max` pages as SVG documents, for the preview.
pub fn svg_pages(doc: &PagedDocument, max: usize) -> Vec<String> {
    let opts = typst_svg::SvgOptions::default();
    at_low_priority(|| {
        doc.pages()
            .iter()
            .take(max)
            .map(|p| typst_svg::svg(p, &opts))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_font_loads() {
        let families: Vec<String> = FONTS
            .iter()
            .flat_map(|f| typst::text::Font::iter(typst::foundations::Bytes::new(*f)))
            .map(|f| f.info().family.clone())
            .collect();
        assert_eq!(
            families,
            [
                "DejaVu Sans",
                "DejaVu Sans",
                "DejaVu Sans",
                "NanumGothic",
                "Droid Sans Fallback"
            ]
        );
    }

    #[test]
    fn rows_per_page_follow_the_layout() {
        // 792 - 72 - 54 - 24 = 642 points of rows.
        assert_eq!(letter(20.0).rows_per_page(), 32);
        assert_eq!(letter(20.0).pages_for(500), 16);
        assert_eq!(letter(20.0).pages_for(0), 1);
        // 612 - 72 - 54 - 24 = 462.
        assert_eq!(letter_landscape(22.0).rows_per_page(), 21);
    }
}
