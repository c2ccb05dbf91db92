//! Printed documents: a preview (the pages as SVG), Save as PDF through the native save
//! dialog, and Print through the system; the letter templates and printing settings of
//! Settings. The store is read first and let go; the layout runs after.
//!
//! A document goes: [`gather`] loads what it prints from the store and hands the values to
//! `reports::documents` / `reports::call_in_sheets`, which turn them into the document's
//! data; `reports::documents::lay_out` lays it out; `crate::printer` hands the PDF on.

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::Connection;
use tauri::{AppHandle, State};

use crate::domain::letters::{template_to_keep, LetterLanguage, LetterTemplate};
use crate::domain::printing::{
    check_walk_in_rows, DocumentPreview, DocumentRequest, PrintDestination, PrintOutcome,
    PrintSettings, SavedDocument, DEFAULT_WALK_IN_ROWS,
};
use crate::domain::time::today;
use crate::error::AppResult;
use crate::reports::call_in_sheets::{roster_data, sign_in_data};
use crate::reports::documents::{
    self, letters_data, letters_note, run_of_show_data, Built, FilterNames, FollowUpList, Gathered,
    Prepared,
};
use crate::state::AppState;
use crate::store::{callins, followups, printing};

/// Loads what `request` prints and makes the document's data. `printed` is the print date
/// the pages carry.
pub fn gather(
    conn: &Connection,
    request: &DocumentRequest,
    printed: NaiveDate,
) -> AppResult<Prepared> {
    let kind = request.kind_name();
    Ok(match request {
        DocumentRequest::SignInSheet {
            call_in_id,
            walk_in_rows,
        } => {
            let rows = match walk_in_rows {
                Some(n) => check_walk_in_rows(*n)?,
                None => settings_in(conn)?.walk_in_rows,
            };
            let call_in = callins::get_call_in(conn, call_in_id)?;
            let list = super::invitations::invitee_list_of(conn, call_in_id)?;
            let data = sign_in_data(&call_in, &list.invitations, rows, printed)?;
            documents::prepared(kind, &call_in.title, None, Gathered::SignIn(data))
        }
        DocumentRequest::AttendeeRoster { call_in_id } => {
            let call_in = callins::get_call_in(conn, call_in_id)?;
            let list = super::invitations::invitee_list_of(conn, call_in_id)?;
            let kinds = printing::invitee_supervision_types(conn, call_in_id)?;
            let data = roster_data(&call_in, &list.invitations, &kinds, printed)?;
            documents::prepared(kind, &call_in.title, None, Gathered::Roster(data))
        }
        DocumentRequest::Letters { call_in_id } => {
            let call_in = callins::get_call_in(conn, call_in_id)?;
            let list = super::invitations::invitee_list_of(conn, call_in_id)?;
            let recipients = printing::letter_recipients(conn, call_in_id)?;
            let templates = printing::letter_templates(conn)?;
            let data = letters_data(
                &call_in,
                &list.invitations,
                &recipients,
                &templates,
                printed,
            )?;
            let note = letters_note(&data);
            documents::prepared(kind, &call_in.title, Some(note), Gathered::Letters(data))
        }
        DocumentRequest::RunOfShow { call_in_id } => {
            let call_in = callins::get_call_in(conn, call_in_id)?;
            let show = super::directory::show(conn, call_in_id)?;
            let data = run_of_show_data(&call_in, &show, printed)?;
            documents::prepared(kind, &call_in.title, None, Gathered::RunOfShow(data))
        }
        DocumentRequest::FollowUpList { query } => {
            let mut list = FollowUpList::default();
            followups::each_referral(conn, query, printed, None, |r| {
                list.push(r);
                Ok(())
            })?;
            // A filter on a record removed since is described, not refused.
            let names = FilterNames {
                provider: named(&query.provider_id)
                    .and_then(|id| printing::provider_name(conn, id).ok()),
                call_in: named(&query.call_in_id)
                    .and_then(|id| callins::get_call_in(conn, id).ok())
                    .map(|c| c.title),
            };
            let data = list.finish(query, names, printed);
            let title = data.call_in.title.clone();
            let note = data.extra.clone();
            documents::prepared(kind, &title, note, Gathered::FollowUps(data))
        }
    })
}

/// The id a filter names, if it names one.
fn named(id: &Option<String>) -> Option<&str> {
    id.as_deref().filter(|i| !i.is_empty())
}

/// The document of `request`, laid out; the database is held only while reading.
pub fn build(state: &AppState, request: &DocumentRequest) -> AppResult<Built> {
    let prepared = state.read(|db| gather(db, request, today()))?;
    documents::lay_out(prepared)
}

/// The PDF of `request` read from `conn` (tests and benchmarks).
pub fn pdf_of(
    conn: &Connection,
    request: &DocumentRequest,
    printed: NaiveDate,
) -> AppResult<Vec<u8>> {
    documents::lay_out(gather(conn, request, printed)?)?.pdf()
}

/// The document of `request` as the preview shows it.
pub fn preview(state: &AppState, request: &DocumentRequest) -> AppResult<DocumentPreview> {
    let built = build(state, request)?;
    Ok(crate::priority::at_low_priority(|| {
        documents::preview(built)
    }))
}

/// The document laid out, its first pages as SVG for the preview.
#[tauri::command]
pub async fn preview_document(
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> AppResult<DocumentPreview> {
    preview(&state, &request)
}

/// Asks `ask` where to save (given the document's file name), then writes the PDF; `None`
/// when the coordinator cancels.
pub fn save_asking(
    state: &AppState,
    request: &DocumentRequest,
    ask: impl FnOnce(&str) -> Option<PathBuf>,
) -> AppResult<Option<SavedDocument>> {
    let doc = build(state, request)?;
    let Some(path) = ask(&doc.file_name) else {
        return Ok(None);
    };
    documents::save(&doc, &path).map(Some)
}

/// Asks where to save (the native dialog), then writes the PDF; `None` when cancelled.
#[tauri::command]
pub async fn save_document(
    app: AppHandle,
    state: State<'_, AppState>,
    request: DocumentRequest,
) -> AppResult<Option<SavedDocument>> {
    save_asking(&state, &request, |name| super::save::pdf_path(&app, name))
}

/// Hands the PDF to the system: the default printer when one is set up, otherwise the
/// default PDF viewer.
pub fn print(state: &AppState, request: &DocumentRequest) -> AppResult<PrintOutcome> {
    let doc = build(state, request)?;
    // Locked while the document was laid out: nothing is written.
    state.read(|_| Ok(()))?;
    state
        .printer()
        .print(&doc.file_name, &doc.title, &doc.pdf()?, doc.page_count())
}

/// Where Print will send a document (asked each time: printers come and go).
pub fn destination(state: &AppState) -> AppResult<PrintDestination> {
    Ok(state.printer().destination())
}

pub fn templates(state: &AppState) -> AppResult<Vec<LetterTemplate>> {
    state.read(printing::letter_templates)
}

/// Saves a template typed in Settings (checked first; nothing is saved when it is wrong).
pub fn save_template(
    state: &AppState,
    language: LetterLanguage,
    text: &str,
) -> AppResult<LetterTemplate> {
    let keep = template_to_keep(language, text)?;
    state.write(|tx| printing::put_letter_template(tx, language, keep.as_deref()))
}

/// Back to the app's own text.
pub fn reset_template(state: &AppState, language: LetterLanguage) -> AppResult<LetterTemplate> {
    state.write(|tx| printing::put_letter_template(tx, language, None))
}

fn settings_in(conn: &Connection) -> AppResult<PrintSettings> {
    Ok(PrintSettings {
        walk_in_rows: printing::walk_in_rows(conn)?.unwrap_or(DEFAULT_WALK_IN_ROWS),
    })
}

pub fn settings(state: &AppState) -> AppResult<PrintSettings> {
    state.read(settings_in)
}

pub fn save_settings(state: &AppState, input: &PrintSettings) -> AppResult<PrintSettings> {
    let rows = check_walk_in_rows(input.walk_in_rows)?;
    state.write(|tx| {
        printing::set_walk_in_rows(tx, rows)?;
        settings_in(tx)
    })
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
    destination(&state)
}

#[tauri::command]
pub async fn letter_templates(state: State<'_, AppState>) -> AppResult<Vec<LetterTemplate>> {
    templates(&state)
}

#[tauri::command]
pub async fn save_letter_template(
    state: State<'_, AppState>,
    language: LetterLanguage,
    text: String,
) -> AppResult<LetterTemplate> {
    save_template(&state, language, &text)
}

#[tauri::command]
pub async fn reset_letter_template(
    state: State<'_, AppState>,
    language: LetterLanguage,
) -> AppResult<LetterTemplate> {
    reset_template(&state, language)
}

#[tauri::command]
pub async fn print_settings(state: State<'_, AppState>) -> AppResult<PrintSettings> {
    settings(&state)
}

#[tauri::command]
pub async fn save_print_settings(
    state: State<'_, AppState>,
    input: PrintSettings,
) -> AppResult<PrintSettings> {
    save_settings(&state, &input)
}
