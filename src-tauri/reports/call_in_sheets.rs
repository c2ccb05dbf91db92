//! The call-in's printed lists: the sign-in sheet for the room and the attendee roster
//! for staff.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::pdf::{letter, Layout};
use crate::domain::callins::CallIn;
use crate::domain::invitations::Invitation;
use crate::domain::labels::Labelled;
use crate::domain::letters::{letter_date, written_date, written_time, LetterLanguage};
use crate::domain::people::SupervisionType;
use crate::domain::printing::{
    attended_label, by_last_name, listed_name, notice_label, on_sign_in_sheet,
};
use crate::error::AppResult;

/// Rows tall enough to sign in.
pub const SIGN_IN_LAYOUT: Layout = letter(30.0);
pub const ROSTER_LAYOUT: Layout = letter(20.0);

/// The call-in as the running header shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallInHeader {
    pub title: String,
    /// "Sunday, March 14, 2027 · 6:00 PM".
    pub when: String,
    /// "Hall, 12 Main St".
    pub venue: String,
}

impl CallInHeader {
    pub fn of(c: &CallIn) -> Self {
        let en = LetterLanguage::English;
        let when = match (c.day(), c.start()) {
            (Some(d), Some(t)) => format!("{} · {}", written_date(d, en), written_time(t, en)),
            (Some(d), None) => written_date(d, en),
            (None, _) => "Date not set".into(),
        };
        let venue = [c.venue_name.as_deref(), c.venue_address.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        CallInHeader {
            title: c.title.clone(),
            when,
            venue: if venue.is_empty() {
                "Venue not set".into()
            } else {
                venue
            },
        }
    }
}

/// What a tabular document's template reads.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetData<L, R> {
    pub document: &'static str,
    pub lang: &'static str,
    pub printed: String,
    pub layout: Layout,
    pub call_in: CallInHeader,
    pub labels: L,
    pub rows: Vec<R>,
    /// A line the template prints with the table (a total, a note), when there is one.
    pub extra: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SignInLabels {
    pub name: &'static str,
    pub signature: &'static str,
}

/// One line of the sign-in sheet: a name and nothing else (blank for a walk-in row).
#[derive(Debug, Serialize)]
pub struct SignInRow {
    pub name: String,
}

/// One line of the attendee roster.
#[derive(Debug, Serialize)]
pub struct RosterRow {
    pub name: String,
    pub supervision: &'static str,
    pub officer: String,
    pub notice: &'static str,
    pub attended: &'static str,
    pub offer: &'static str,
}

/// The print date in the footer: "March 1, 2027".
pub fn printed_on(date: NaiveDate) -> String {
    letter_date(date, LetterLanguage::English)
}

/// The sign-in sheet's data: the invitees handed a notice, by last name, then
/// `walk_in_rows` blank rows. Names only: no date of birth, no supervision.
pub fn sign_in_data(
    call_in: &CallIn,
    list: &[Invitation],
    walk_in_rows: u32,
    printed: NaiveDate,
) -> AppResult<SheetData<SignInLabels, SignInRow>> {
    let mut on: Vec<&Invitation> = list.iter().filter(|i| on_sign_in_sheet(i.status)).collect();
    by_last_name(&mut on);
    let mut rows: Vec<SignInRow> = on
        .iter()
        .map(|i| SignInRow {
            name: listed_name(&i.first_name, &i.last_name),
        })
        .collect();
    rows.extend((0..walk_in_rows).map(|_| SignInRow {
        name: String::new(),
    }));
    Ok(SheetData {
        document: "Sign-in sheet",
        lang: "en",
        printed: printed_on(printed),
        layout: SIGN_IN_LAYOUT,
        call_in: CallInHeader::of(call_in),
        labels: SignInLabels {
            name: "Name",
            signature: "Signature",
        },
        rows,
        extra: None,
    })
}

/// The attendee roster's data: every invitee by last name with supervision, officer,
/// notice, attendance and offer response.
pub fn roster_data(
    call_in: &CallIn,
    invitations: &[Invitation],
    kinds: &HashMap<String, SupervisionType>,
    printed: NaiveDate,
) -> AppResult<SheetData<[&'static str; 6], RosterRow>> {
    let mut all: Vec<&Invitation> = invitations.iter().collect();
    by_last_name(&mut all);
    let rows = all
        .iter()
        .map(|i| RosterRow {
            name: listed_name(&i.first_name, &i.last_name),
            supervision: kinds.get(&i.person_id).map(|k| k.label_en()).unwrap_or(""),
            officer: i.officer_name.clone().unwrap_or_default(),
            notice: notice_label(i),
            attended: attended_label(i.status),
            offer: i.offer_response.map(Labelled::label_en).unwrap_or(""),
        })
        .collect();
    Ok(SheetData {
        document: "Attendee roster",
        lang: "en",
        printed: printed_on(printed),
        layout: ROSTER_LAYOUT,
        call_in: CallInHeader::of(call_in),
        labels: [
            "Name",
            "Supervision",
            "Supervising officer",
            "Notice",
            "Attended",
            "Offer response",
        ],
        rows,
        extra: None,
    })
}
