//! The follow-up list and the no-show list as export tables.

use super::table::{Cell, Column, Table};
use crate::domain::followups::{exportable, NoShowRow, ReferralRow};
use crate::domain::labels::Labelled;
use crate::domain::time::stored_date;

fn date(text: Option<&str>) -> Cell {
    text.and_then(stored_date).into()
}

fn col(title: &'static str, width: f64) -> Column {
    Column { title, width }
}

/// The follow-up list's columns; internal ids only when `with_ids`.
pub fn referral_columns(with_ids: bool) -> Vec<Column> {
    let mut columns = vec![
        col("Person", 26.0),
        col("Phone", 15.0),
        col("Call-in", 28.0),
        col("Call-in date", 12.0),
        col("Need", 22.0),
        col("Service", 26.0),
        col("Provider", 26.0),
        col("Status", 18.0),
        col("Due", 12.0),
        col("Overdue", 9.0),
        col("Last contact", 13.0),
        col("Last contact outcome", 20.0),
        col("Referred on", 12.0),
        col("42 CFR Part 2 consent", 22.0),
    ];
    if with_ids {
        columns.push(col("Referral ID", 38.0));
        columns.push(col("Person ID", 38.0));
    }
    columns
}

/// One referral as an export row, or `None` when it must not leave the app: a 42 CFR
/// Part 2 referral without consent given.
pub fn referral_cells(r: ReferralRow, with_ids: bool) -> Option<Vec<Cell>> {
    if !exportable(r.part2, r.consent) {
        return None;
    }
    let consent = if r.part2 {
        Cell::Text(format!(
            "Given {}: {}",
            r.consent_on.as_deref().unwrap_or(""),
            r.consent_scope.as_deref().unwrap_or("")
        ))
    } else {
        Cell::Empty
    };
    let mut row = vec![
        Cell::Text(r.person_name),
        r.phone.into(),
        r.call_in_title.into(),
        date(r.call_in_date.as_deref()),
        r.need.label_en().into(),
        r.service_name.into(),
        r.provider_name.into(),
        r.status.label_en().into(),
        date(r.due_on.as_deref()),
        if r.overdue { "Yes" } else { "No" }.into(),
        date(r.last_contact_on.as_deref()),
        r.last_contact_outcome
            .map(Labelled::label_en)
            .map(String::from)
            .into(),
        date(Some(&r.referred_on)),
        consent,
    ];
    if with_ids {
        row.push(Cell::Text(r.id));
        row.push(Cell::Text(r.person_id));
    }
    Some(row)
}

/// The follow-up list as a table; the second value is how many rows were withheld.
pub fn referral_table(rows: Vec<ReferralRow>, with_ids: bool) -> (Table, u32) {
    let total = rows.len() as u32;
    let rows: Vec<Vec<Cell>> = rows
        .into_iter()
        .filter_map(|r| referral_cells(r, with_ids))
        .collect();
    let withheld = total - rows.len() as u32;
    (
        Table {
            name: "Follow-ups",
            columns: referral_columns(with_ids),
            rows,
        },
        withheld,
    )
}

/// The no-show list as a table.
pub fn no_show_table(rows: &[NoShowRow], with_ids: bool) -> Table {
    let mut columns = vec![
        col("Person", 26.0),
        col("Phone", 15.0),
        col("Address", 34.0),
        col("Call-in", 28.0),
        col("Call-in date", 12.0),
        col("Officer", 22.0),
        col("Status", 28.0),
        col("Notification date", 14.0),
        col("Who", 22.0),
        col("Outcome", 40.0),
    ];
    if with_ids {
        columns.push(col("Invitation ID", 38.0));
        columns.push(col("Person ID", 38.0));
    }
    let rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Text(r.person_name.clone()),
                r.phone.clone().into(),
                r.address.clone().into(),
                Cell::Text(r.call_in_title.clone()),
                date(r.call_in_date.as_deref()),
                r.officer_name.clone().into(),
                r.status.label_en().into(),
                date(r.notification_on.as_deref()),
                r.notification_by.clone().into(),
                r.notification_outcome.clone().into(),
            ];
            if with_ids {
                row.push(Cell::Text(r.invitation_id.clone()));
                row.push(Cell::Text(r.person_id.clone()));
            }
            row
        })
        .collect();
    Table {
        name: "No-shows",
        columns,
        rows,
    }
}

/// The line an export's About sheet and the app's message give about withheld rows.
/// What to say about withheld Part 2 referrals; `what` is "export" or "list".
pub fn withheld_note(withheld: u32, what: &str) -> Option<String> {
    (withheld > 0).then(|| {
        format!(
            "{withheld} substance-use treatment referral{} (42 CFR Part 2) without recorded consent {} withheld from this {what}.",
            if withheld == 1 { "" } else { "s" },
            if withheld == 1 { "was" } else { "were" }
        )
    })
}
