//! Printed documents: a preview (the pages as SVG), Save as PDF through the native save
//! dialog, and Print through the system; the letter templates and printing settings of
//! Settings. The store is read first and let go; the layout runs after.

use tauri::{AppHandle, State};

use crate::domain::letters::{LetterLanguage, LetterTemplate};
use crate::domain::printing::{
    DocumentPreview, DocumentRequest, PrintDestination, PrintOutcome, PrintSettings, SavedDocument,
};
use crate::error::AppResult;
use crate::reports::documents;
use crate::state::AppState;
use crate::store::printing;

/// The document laid out, its first pages as SVG for the preview.
#[tauri::command]
pub async fn preview_document(
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> AppResult<DocumentPreview> {
    documents::preview(&state, &request)
}

/// Asks where to save (the native dialog), then writes the PDF; `None` when cancelled.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> AppResult<Option<SavedDocument>> {
    let doc = documents::build(&state, &request)?;
    let Some(path) = super::save::pdf_path(&app, &doc.file_name) else {
        return Ok(None);
    };
    documents::save(&doc, &path).map(Some)
}

/// Hands the PDF to the system: the default printer when one is set up, otherwise the
/// default PDF viewer.
pub fn print(state: &AppState, request: &DocumentRequest) -> AppResult<PrintOutcome> {
    let doc = documents::build(state, request)?;
    // Locked while the document was laid out: nothing is written.
    state.read(|_| Ok(()))?;
    state
        .printer()
        .print(&doc.file_name, &doc.title, &doc.pdf()?, doc.page_count())
}

#[tauri::command]
pub async fn print_document(
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> AppResult<PrintOutcome> {
    print(&state, &request)
}

/// The default printer Print will use, if any (asked each time: printers come and go).
#[tauri::command]
pub async fn print_destination(state: State<'_, AppState>) -> AppResult<PrintDestination> {
    Ok(state.printer().destination())
}

#[tauri::command]
pub async fn letter_templates(state: State<'_, AppState>) -> AppResult<Vec<LetterTemplate>> {
    state.read(printing::letter_templates)
}

#[tauri::command]
pub async fn save_letter_template(
    state: State<'_, AppState>,
    language: LetterLanguage,
    text: String,
) -> AppResult<LetterTemplate> {
    state.write(|tx| printing::save_letter_template(tx, language, &text))
}

#[tauri::command]
pub async fn reset_letter_template(
    state: State<'_, AppState>,
    language: LetterLanguage,
) -> AppResult<LetterTemplate> {
    state.write(|tx| printing::reset_letter_template(tx, language))
}

#[tauri::command]
pub async fn print_settings(state: State<'_, AppState>) -> AppResult<PrintSettings> {
    state.read(printing::print_settings)
}

#[tauri::command]
pub async fn save_print_settings(
    state: State<'_, AppState>,
    input: PrintSettings,
) -> AppResult<PrintSettings> {
    state.write(|tx| printing::save_print_settings(tx, &input))
}
