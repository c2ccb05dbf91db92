//! What printed documents show: who is on a sheet, in which order, and the words for each
//! state. Pure rules; the layout lives in `reports/`.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::followups::ReferralQuery;
use super::invitations::Invitation;
use super::labels::Labelled;
use super::letters::{written_time, LetterLanguage};
use super::lifecycle::InvitationStatus;
use super::text::sort_name;
use crate::error::{AppError, AppResult};

/// Blank rows a sign-in sheet may end with, for walk-ins.
pub const MAX_WALK_IN_ROWS: u32 = 200;
/// Blank rows for walk-ins until the coordinator sets another number in Settings.
pub const DEFAULT_WALK_IN_ROWS: u32 = 10;

/// A printed document the coordinator asks for.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum DocumentRequest {
    /// Names and signature boxes for the room; `walkInRows` blank rows at the end (the
    /// Settings number when not given).
    SignInSheet {
        call_in_id: String,
        #[ts(optional)]
        walk_in_rows: Option<u32>,
    },
    /// Every invitee with supervision, officer, notice, attendance and offer, for staff.
    AttendeeRoster { call_in_id: String },
    /// One letter per invitee to be notified, each in the person's language.
    Letters { call_in_id: String },
    /// Segments with clock times, minutes and speakers.
    RunOfShow { call_in_id: String },
    /// The Follow-ups area's current filter.
    FollowUpList { query: ReferralQuery },
}

impl DocumentRequest {
    pub fn kind_name(&self) -> &'static str {
        match self {
            DocumentRequest::SignInSheet { .. } => "Sign-in sheet",
            DocumentRequest::AttendeeRoster { .. } => "Attendee roster",
            DocumentRequest::Letters { .. } => "Invitation letters",
            DocumentRequest::RunOfShow { .. } => "Run-of-show",
            DocumentRequest::FollowUpList { .. } => "Follow-up list",
        }
    }
}

/// A document laid out for the preview: its pages as SVG images.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DocumentPreview {
    /// "Sign-in sheet — Eastside call-in".
    pub title: String,
    /// The name Save as PDF suggests.
    pub file_name: String,
    pub page_count: u32,
    /// The first pages (at most `PREVIEW_PAGES`), each a whole SVG document.
    pub pages: Vec<String>,
    /// Something the coordinator should know about the content (e.g. rows withheld).
    pub note: Option<String>,
}

/// Pages the preview shows; the saved or printed PDF always has them all.
pub const PREVIEW_PAGES: usize = 24;

/// A document saved as PDF.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedDocument {
    pub path: String,
    pub page_count: u32,
    pub note: Option<String>,
}

/// How a document was printed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintOutcome {
    /// "Sent to the printer HP_LaserJet." or "Opened in your PDF viewer; print from there."
    pub message: String,
    pub page_count: u32,
}

/// Where Print sends a document on this machine, so the dialog can say so before.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintDestination {
    /// The default printer, when one is set up; otherwise Print opens the PDF viewer.
    pub printer: Option<String>,
}

/// The printing settings of Settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintSettings {
    pub walk_in_rows: u32,
}

/// A file name from a document's name and title: lower case, words joined by dashes,
/// letters of any script kept, nothing a file system would refuse.
pub fn file_name(kind: &str, title: &str) -> String {
    let words: Vec<String> = format!("{kind} {title}")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut name = words.join("-");
    if name.chars().count() > 80 {
        name = name.chars().take(80).collect::<String>();
        name = name.trim_end_matches('-').to_string();
    }
    format!("{name}.pdf")
}

pub fn check_walk_in_rows(rows: u32) -> AppResult<u32> {
    if rows > MAX_WALK_IN_ROWS {
        return Err(AppError::invalid(
            "walkInRows",
            format!("A sign-in sheet can have at most {MAX_WALK_IN_ROWS} blank rows for walk-ins."),
        ));
    }
    Ok(rows)
}

/// The room's sign-in sheet lists the invitees who were handed a notice (the door's list)
/// and anyone already checked in; not those only proposed or vetted, not the excused or
/// ineligible.
pub fn on_sign_in_sheet(status: InvitationStatus) -> bool {
    matches!(
        status,
        InvitationStatus::Issued | InvitationStatus::Acknowledged | InvitationStatus::Attended
    )
}

/// Who gets an invitation letter: invitees vetted or handed a notice who have not come
/// to the door yet; not walk-ins, not the excused or ineligible, not the merely proposed.
pub fn gets_letter(status: InvitationStatus, walk_in: bool) -> bool {
    !walk_in
        && matches!(
            status,
            InvitationStatus::Vetted | InvitationStatus::Issued | InvitationStatus::Acknowledged
        )
}

/// Invitations in print order: by last name, then first name, accents ignored.
pub fn by_last_name(invitations: &mut [&Invitation]) {
    invitations.sort_by_cached_key(|i| (sort_name(&i.first_name, &i.last_name), i.id.clone()));
}

/// A name as printed on a list sorted by last name: "Peña, Ana".
pub fn listed_name(first: &str, last: &str) -> String {
    match (first.trim(), last.trim()) {
        ("", last) => last.to_string(),
        (first, last) => format!("{last}, {first}"),
    }
}

/// Where the invitee's notice stands, whatever happened on the day.
pub fn notice_label(i: &Invitation) -> &'static str {
    use InvitationStatus::*;
    match i.status {
        _ if i.walk_in => "Walk-in",
        Proposed | Vetted | Excused | Ineligible => i.status.label_en(),
        _ if i.acknowledged_on.is_some() => "Acknowledged",
        _ if i.issued_on.is_some() => "Issued",
        other => other.label_en(),
    }
}

/// "Yes" once checked in, "No" once the day is over without them, blank before.
pub fn attended_label(status: InvitationStatus) -> &'static str {
    use InvitationStatus::*;
    match status {
        Attended => "Yes",
        NoShow | CustomNotificationPending | CustomNotificationDone => "No",
        _ => "",
    }
}

/// "6:00 PM" from a stored "18:00".
pub fn clock(time: &str) -> Option<String> {
    let t = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    Some(written_time(t, LetterLanguage::English))
}

/// What a letter needs of an invitee beyond the invitation: language and home address.
#[derive(Debug, Clone)]
pub struct LetterRecipient {
    pub preferred_language: String,
    pub address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::letters::written_date;
    use chrono::NaiveDate;

    #[test]
    fn names_dates_and_times_read_as_printed() {
        assert_eq!(listed_name("Ana", "Peña"), "Peña, Ana");
        assert_eq!(listed_name(" ", "Kim"), "Kim");
        let d = NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
        assert_eq!(
            written_date(d, LetterLanguage::English),
            "Sunday, March 14, 2027"
        );
        assert_eq!(clock("18:00").as_deref(), Some("6:00 PM"));
        assert_eq!(clock("09:30").as_deref(), Some("9:30 AM"));
        assert_eq!(clock("late"), None);
    }

    #[test]
    fn file_names_keep_letters_and_drop_what_file_systems_refuse() {
        assert_eq!(
            file_name("Sign-in sheet", "Eastside / Peña's call-in: 2027"),
            "sign-in-sheet-eastside-peña-s-call-in-2027.pdf"
        );
        assert_eq!(file_name("Run-of-show", "김민준"), "run-of-show-김민준.pdf");
        assert!(file_name("Letters", &"x ".repeat(100)).chars().count() <= 84);
    }

    #[test]
    fn only_those_handed_a_notice_are_on_the_sign_in_sheet() {
        use InvitationStatus::*;
        let on: Vec<_> = InvitationStatus::ALL
            .iter()
            .copied()
            .filter(|s| on_sign_in_sheet(*s))
            .collect();
        assert_eq!(on, vec![Issued, Acknowledged, Attended]);
    }
}
