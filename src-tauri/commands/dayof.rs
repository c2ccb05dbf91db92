//! The day of the call-in: the door (check-in, walk-ins, undo, end) and the offer of help.
//! Each command loads what the rule needs, lets `domain::dayof` decide, and saves, in one
//! transaction when it changes anything. The plain function beside each handler is what
//! the handler runs (and what the tests call).

use chrono::NaiveDate;
use rusqlite::Connection;
use tauri::State;

use crate::domain::dayof::{
    self as rules, check_in_from, check_in_open, CheckIn, OfferInput, ReferralSummary, Undo,
    WalkIn, DEFAULT_FIRST_CONTACT_DAYS,
};
use crate::domain::lifecycle::CallInStatus;
use crate::domain::people::{validate_person, PersonInput};
use crate::domain::time::today;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{callins, dayof};

/// The door's view, for a call-in whose status the caller has loaded already.
fn door(conn: &Connection, call_in_id: &str, status: CallInStatus) -> AppResult<CheckIn> {
    Ok(CheckIn::of(
        super::invitations::invitee_list_of(conn, call_in_id)?,
        status,
    ))
}

/// The call-in's status, refused when check-in is not open.
fn open_door(conn: &Connection, call_in_id: &str) -> AppResult<CallInStatus> {
    let status = callins::get_call_in(conn, call_in_id)?.status;
    check_in_open(status)?;
    Ok(status)
}

/// The door's view of a call-in.
pub fn door_of(state: &AppState, call_in_id: &str) -> AppResult<CheckIn> {
    state.read(|db| door(db, call_in_id, callins::get_call_in(db, call_in_id)?.status))
}

/// Marks an invitee Attended.
pub fn arrive(state: &AppState, invitation_id: &str) -> AppResult<CheckIn> {
    state.write(|tx| {
        let (call_in_id, status) = arrive_in(tx, invitation_id)?;
        door(tx, &call_in_id, status)
    })
}

/// [`arrive`] inside a write already open, returning the call-in and its status (also how
/// the synthetic data checks people in).
pub fn arrive_in(conn: &Connection, invitation_id: &str) -> AppResult<(String, CallInStatus)> {
    let inv = dayof::at_the_door(conn, invitation_id)?;
    let status = open_door(conn, &inv.call_in_id)?;
    check_in_from(&inv.name, inv.status)?;
    dayof::mark_attended(conn, &inv, invitation_id)?;
    Ok((inv.call_in_id, status))
}

/// Adds someone who came without being on the list, Attended from the start: someone from
/// the registry (`person_id`) or a new person with the least data (`person`).
pub fn add_walk_in(
    state: &AppState,
    call_in_id: &str,
    person_id: Option<&str>,
    person: Option<&PersonInput>,
) -> AppResult<CheckIn> {
    let valid = person.map(|p| validate_person(p, today())).transpose()?;
    let who = rules::walk_in_who(person_id, valid.as_ref())?;
    state.write(|tx| {
        let status = open_door(tx, call_in_id)?;
        let person_id = match who {
            WalkIn::Known(id) => {
                rules::check_walk_in(dayof::is_invited(tx, call_in_id, id)?)?;
                id.to_owned()
            }
            WalkIn::New(p) => super::people::create_in(tx, p)?.id,
        };
        dayof::insert_walk_in(tx, call_in_id, &person_id)?;
        door(tx, call_in_id, status)
    })
}

/// Undoes a check-in made by mistake.
pub fn undo(state: &AppState, invitation_id: &str) -> AppResult<CheckIn> {
    state.write(|tx| {
        let inv = dayof::at_the_door(tx, invitation_id)?;
        let status = open_door(tx, &inv.call_in_id)?;
        match rules::undo(&inv)? {
            Undo::RemoveWalkIn => dayof::remove_walk_in(tx, invitation_id)?,
            Undo::Restore(status) => dayof::restore(tx, invitation_id, status)?,
        }
        door(tx, &inv.call_in_id, status)
    })
}

/// Ends check-in: the notified who did not come become No-shows and the call-in is Held.
/// Returns how many became No-shows.
pub fn end(state: &AppState, call_in_id: &str) -> AppResult<u32> {
    state.write(|tx| end_in(tx, call_in_id))
}

/// [`end`] inside a write already open (also how the synthetic data ends a call-in).
pub fn end_in(conn: &Connection, call_in_id: &str) -> AppResult<u32> {
    let call_in = callins::get_call_in(conn, call_in_id)?;
    check_in_open(call_in.status)?;
    let list = super::invitations::invitee_list_of(conn, call_in_id)?;
    let mut count = 0;
    for i in rules::no_shows(&list.invitations) {
        dayof::mark_no_show(conn, &i.id, i.status)?;
        count += 1;
    }
    for step in rules::to_held(call_in.status) {
        super::callins::move_to(conn, call_in_id, *step, None, None)?;
    }
    Ok(count)
}

/// Records an attendee's response to the offer of help; each chosen service becomes a
/// referral whose first contact is due the first-contact setting's days after the
/// call-in (or after `today`, when that is later). All of it or nothing: a service whose
/// provider was not at the table refuses the whole offer.
pub fn record(
    state: &AppState,
    invitation_id: &str,
    offer: &OfferInput,
    today: NaiveDate,
) -> AppResult<Vec<ReferralSummary>> {
    state.write(|tx| record_in(tx, invitation_id, offer, today))
}

/// [`record`] inside a write already open (also how the synthetic data records offers).
pub fn record_in(
    conn: &Connection,
    invitation_id: &str,
    offer: &OfferInput,
    today: NaiveDate,
) -> AppResult<Vec<ReferralSummary>> {
    rules::validate_offer(offer)?;
    let days = dayof::first_contact_days(conn)?.unwrap_or(DEFAULT_FIRST_CONTACT_DAYS);
    let inv = dayof::at_the_door(conn, invitation_id)?;
    rules::check_offer_recordable(&inv)?;
    let call_in = callins::get_call_in(conn, &inv.call_in_id)?;
    let due_on = rules::first_contact_on(call_in.day(), today, days);
    dayof::save_offer(conn, invitation_id, offer)?;
    let mut made = Vec::new();
    for (i, choice) in offer.services.iter().enumerate() {
        let Some((service_name, provider_name)) =
            dayof::service_at_table(conn, &choice.service_id, &inv.call_in_id)?
        else {
            return Err(AppError::invalid(
                format!("services.{i}.serviceId"),
                "That service's provider was not at the table for this call-in.",
            ));
        };
        made.push(dayof::insert_referral(
            conn,
            dayof::NewReferral {
                invitation: &inv,
                invitation_id,
                service_id: &choice.service_id,
                service_name,
                provider_name,
                need: choice.need,
                due_on,
                part2: rules::carries_part2(choice.need),
                on: today,
            },
        )?);
    }
    Ok(made)
}

/// Days from the call-in to a new referral's first-contact due date.
pub fn first_contact(state: &AppState) -> AppResult<u32> {
    state.read(|db| Ok(dayof::first_contact_days(db)?.unwrap_or(DEFAULT_FIRST_CONTACT_DAYS)))
}

pub fn set_first_contact(state: &AppState, days: u32) -> AppResult<u32> {
    let days = rules::check_first_contact_days(days)?;
    state.write(|tx| dayof::set_first_contact_days(tx, days))?;
    Ok(days)
}

#[tauri::command]
pub async fn check_in_state(state: State<'_, AppState>, call_in_id: String) -> AppResult<CheckIn> {
    door_of(&state, &call_in_id)
}

#[tauri::command]
pub async fn check_in(state: State<'_, AppState>, invitation_id: String) -> AppResult<CheckIn> {
    arrive(&state, &invitation_id)
}

/// A walk-in: someone from the registry (`personId`) or a new person with the least data (`person`).
#[tauri::command]
pub async fn walk_in(
    state: State<'_, AppState>,
    call_in_id: String,
    person_id: Option<String>,
    person: Option<PersonInput>,
) -> AppResult<CheckIn> {
    add_walk_in(&state, &call_in_id, person_id.as_deref(), person.as_ref())
}

#[tauri::command]
pub async fn undo_check_in(
    state: State<'_, AppState>,
    invitation_id: String,
) -> AppResult<CheckIn> {
    undo(&state, &invitation_id)
}

/// Ends check-in: the notified who did not come become no-shows; returns how many.
#[tauri::command]
pub async fn end_check_in(state: State<'_, AppState>, call_in_id: String) -> AppResult<u32> {
    end(&state, &call_in_id)
}

#[tauri::command]
pub async fn record_offer(
    state: State<'_, AppState>,
    invitation_id: String,
    offer: OfferInput,
) -> AppResult<Vec<ReferralSummary>> {
    record(&state, &invitation_id, &offer, today())
}

#[tauri::command]
pub async fn first_contact_days(state: State<'_, AppState>) -> AppResult<u32> {
    first_contact(&state)
}

#[tauri::command]
pub async fn set_first_contact_days(state: State<'_, AppState>, days: u32) -> AppResult<u32> {
    set_first_contact(&state, days)
}
