//! Follow-ups (issue 4): the follow-up list with its filters and sorting, 42 CFR Part 2
//! consent, the no-shows and their custom notifications, and exports read back by real
//! readers (Python's csv module and openpyxl).

mod common;

use chrono::{Days, NaiveDate};
use serde_json::Value;

use callin_planner::commands::followups::{
    export_no_shows_to, export_referrals_to, referral_on, referrals_on, LIST_LIMIT,
};
use callin_planner::commands::people as people_cmd;
use callin_planner::domain::followups::{
    end_of_week, Consent, ConsentInput, ContactAttemptInput, ContactMethod, ContactOutcome,
    CustomNotificationInput, DueFilter, NoShowQuery, ReferralMove, ReferralQuery, ReferralSort,
};
use callin_planner::domain::lifecycle::{CallInStatus, InvitationStatus, ReferralStatus};
use callin_planner::domain::people::NeedCategory;
use callin_planner::domain::time::today;
use callin_planner::error::ErrorCode;
use callin_planner::reports::table::ExportFormat;
use common::call_in_day::{after_the_call_in, day, Day};
use common::*;

fn due_of(d: &Day) -> NaiveDate {
    let list = referrals_on(&d.app, &ReferralQuery::default(), today(), LIST_LIMIT).unwrap();
    NaiveDate::parse_from_str(list.rows[0].due_on.as_deref().unwrap(), "%Y-%m-%d").unwrap()
}

fn names(d: &Day, q: &ReferralQuery, on: NaiveDate) -> Vec<String> {
    referrals_on(&d.app, q, on, LIST_LIMIT)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| format!("{} {:?}", r.person_name, r.need))
        .collect()
}

#[test]
fn the_follow_up_list_filters_sorts_and_counts_overdue() {
    let d = day();
    let ids = after_the_call_in(&d);
    let due = due_of(&d);
    let all = ReferralQuery::default();
    assert_eq!(names(&d, &all, today()).len(), 3);

    let housing = ReferralQuery {
        need: Some(NeedCategory::Housing),
        sort: Some(ReferralSort::Person),
        ..Default::default()
    };
    // Sorted by person: Delgado before Haddad.
    assert_eq!(
        names(&d, &housing, today()),
        vec!["Luis Delgado Housing", "Omar Haddad Housing"]
    );
    let desc = ReferralQuery {
        descending: true,
        ..housing.clone()
    };
    assert_eq!(
        names(&d, &desc, today()),
        vec!["Omar Haddad Housing", "Luis Delgado Housing"]
    );

    // Overdue the day after the due date; not the day before. Counted either way.
    let overdue = ReferralQuery {
        due: Some(DueFilter::Overdue),
        ..Default::default()
    };
    let later = due + Days::new(1);
    let list = referrals_on(&d.app, &all, later, 2).unwrap();
    assert_eq!((list.rows.len(), list.total, list.overdue), (2, 3, 3));
    assert!(list.rows.iter().all(|r| r.overdue));
    assert_eq!(names(&d, &overdue, later).len(), 3);
    assert_eq!(names(&d, &overdue, due).len(), 0);

    // Due this week: from the day through Sunday.
    let week = ReferralQuery {
        due: Some(DueFilter::ThisWeek),
        ..Default::default()
    };
    assert_eq!(names(&d, &week, due).len(), 3);
    let monday_after = end_of_week(due) + Days::new(1);
    assert_eq!(names(&d, &week, monday_after).len(), 0);

    // A contact attempt that sets the next due date moves one referral out of "overdue".
    let next = later + Days::new(7);
    callin_planner::commands::followups::log_contact(
        &d.app,
        &ids[2],
        &ContactAttemptInput {
            attempted_on: later.to_string(),
            method: Some(ContactMethod::Phone),
            by_whom: "J. Ortiz".into(),
            outcome: Some(ContactOutcome::LeftMessage),
            note: String::new(),
            next_due_on: Some(next.to_string()),
        },
        later,
    )
    .unwrap();
    assert_eq!(names(&d, &overdue, later).len(), 2);
    let kevin = referral_on(&d.app, &ids[2], later).unwrap();
    assert_eq!(kevin.last_contact_on, Some(later.to_string()));
    assert_eq!(
        kevin.last_contact_outcome,
        Some(ContactOutcome::LeftMessage)
    );
    assert!(!kevin.overdue);

    // Status and provider and call-in filters; a declined referral leaves the open list.
    callin_planner::commands::followups::move_to(
        &d.app,
        &ids[0],
        &ReferralMove {
            to: ReferralStatus::Declined,
            on_date: today().to_string(),
            note: "Found housing with family".into(),
            reason: String::new(),
        },
        today(),
    )
    .unwrap();
    assert_eq!(names(&d, &all, today()).len(), 2);
    let declined = ReferralQuery {
        status: Some(ReferralStatus::Declined),
        ..Default::default()
    };
    assert_eq!(names(&d, &declined, today()), vec!["Luis Delgado Housing"]);
    let by_provider = ReferralQuery {
        provider_id: kevin.provider_id.clone(),
        call_in_id: Some(d.call_in.clone()),
        ..Default::default()
    };
    assert_eq!(names(&d, &by_provider, today()).len(), 2);
    let elsewhere = ReferralQuery {
        call_in_id: Some("no such call-in".into()),
        ..Default::default()
    };
    assert_eq!(names(&d, &elsewhere, today()).len(), 0);
}

#[test]
fn consent_is_recorded_on_part2_referrals_only_and_checked() {
    let d = day();
    let ids = after_the_call_in(&d);
    let given = |scope: &str, on: &str| ConsentInput {
        consent: Some(Consent::Given),
        on_date: on.into(),
        scope: scope.into(),
    };
    let err = callin_planner::commands::followups::consent(
        &d.app,
        &ids[0],
        &given("All", &today().to_string()),
        today(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "housing is not Part 2");

    let before = fingerprint(&d.app);
    let tomorrow = (today() + Days::new(1)).to_string();
    let err = callin_planner::commands::followups::consent(
        &d.app,
        &ids[1],
        &given(" ", &tomorrow),
        today(),
    )
    .unwrap_err();
    let fields: Vec<String> = err
        .payload()
        .fields
        .iter()
        .map(|f| f.field.clone())
        .collect();
    assert_eq!(fields, vec!["onDate", "scope"]);
    assert_eq!(
        fingerprint(&d.app),
        before,
        "a refused consent changes nothing"
    );

    let row = callin_planner::commands::followups::consent(
        &d.app,
        &ids[1],
        &given(
            "Attendance and progress, to the probation officer, for 12 months",
            &today().to_string(),
        ),
        today(),
    )
    .unwrap();
    assert_eq!(row.consent, Some(Consent::Given));
    assert!(row.consent_scope.unwrap().starts_with("Attendance"));
    let audited: i64 = d
        .app
        .read(|db| {
            Ok(db.query_row(
                "SELECT count(*) FROM audit_entries WHERE action = 'consent' AND entity_id = ?1",
                [&ids[1]],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn no_shows_get_a_planned_then_recorded_custom_notification() {
    let d = day();
    after_the_call_in(&d);
    let rows =
        callin_planner::commands::followups::no_shows(&d.app, &NoShowQuery::default()).unwrap();
    assert_eq!(rows.len(), 1);
    let omar = rows[0].clone();
    assert_eq!(omar.person_name, "Kevin O'Brien");
    assert_eq!(omar.status, InvitationStatus::NoShow);
    // The row offers what the backend allows: plan the notification, not record it.
    assert_eq!(omar.next, [InvitationStatus::CustomNotificationPending]);

    let input = |on: String, by: &str, outcome: &str| CustomNotificationInput {
        on_date: on,
        by_whom: by.into(),
        outcome: outcome.into(),
    };
    let t = today();
    // Recorded before it is planned: refused.
    let err = callin_planner::commands::followups::notify(
        &d.app,
        &omar.invitation_id,
        &input(t.to_string(), "R. Carter", "Met"),
        true,
        t,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    // A plan in the past, and nobody to go: both named.
    let err = callin_planner::commands::followups::notify(
        &d.app,
        &omar.invitation_id,
        &input((t - Days::new(1)).to_string(), "", ""),
        false,
        t,
    )
    .unwrap_err();
    let fields: Vec<String> = err
        .payload()
        .fields
        .iter()
        .map(|f| f.field.clone())
        .collect();
    assert_eq!(fields, vec!["onDate", "byWhom"]);

    let planned = callin_planner::commands::followups::notify(
        &d.app,
        &omar.invitation_id,
        &input(
            (t + Days::new(2)).to_string(),
            "R. Carter and Pastor Lee",
            "",
        ),
        false,
        t,
    )
    .unwrap();
    assert_eq!(planned.status, InvitationStatus::CustomNotificationPending);
    assert_eq!(planned.next, [InvitationStatus::CustomNotificationDone]);
    assert_eq!(
        planned.notification_by.as_deref(),
        Some("R. Carter and Pastor Lee")
    );

    let err = callin_planner::commands::followups::notify(
        &d.app,
        &omar.invitation_id,
        &input(t.to_string(), "R. Carter", " "),
        true,
        t,
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("outcome"));
    let done = callin_planner::commands::followups::notify(
        &d.app,
        &omar.invitation_id,
        &input(
            t.to_string(),
            "R. Carter",
            "Met at home; took the services card",
        ),
        true,
        t,
    )
    .unwrap();
    assert_eq!(done.status, InvitationStatus::CustomNotificationDone);
    assert!(done.next.is_empty());
    assert_eq!(done.notification_on, Some(t.to_string()));

    let pending_only = NoShowQuery {
        status: Some(InvitationStatus::CustomNotificationPending),
        ..Default::default()
    };
    assert!(
        callin_planner::commands::followups::no_shows(&d.app, &pending_only)
            .unwrap()
            .is_empty()
    );
    let wrong = NoShowQuery {
        status: Some(InvitationStatus::Attended),
        ..Default::default()
    };
    assert_eq!(
        callin_planner::commands::followups::no_shows(&d.app, &wrong)
            .unwrap_err()
            .field(),
        Some("status")
    );
}

const READ_CSV: &str = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(json.dumps(list(csv.reader(f))))
"#;

const READ_XLSX: &str = r#"
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        return {"date": v.date().isoformat()}
    return v
print(json.dumps({
    "sheets": wb.sheetnames,
    "freeze": ws.freeze_panes,
    "filter": ws.auto_filter.ref,
    "widthA": ws.column_dimensions["A"].width,
    "bold": ws["A1"].font.b,
    "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
    "about": [[c.value for c in row] for row in wb.worksheets[1].iter_rows()] if len(wb.worksheets) > 1 else [],
}))
"#;

#[test]
fn exports_survive_real_readers_and_withhold_part2_without_consent() {
    let d = day();
    let ids = after_the_call_in(&d);
    // A name with an accent, a comma and quotes.
    let omar_id: String = d
        .app
        .read(|db| {
            Ok(db.query_row(
                "SELECT person_id FROM referrals WHERE id = ?1",
                [&ids[2]],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    let mut omar = person("Omar \"OJ\"", "Haddád, Jr.");
    omar.phone = "+1 555-0142".into();
    people_cmd::update(&d.app, &omar_id, &omar).unwrap();

    let out = temp_dir();
    let q = ReferralQuery {
        sort: Some(ReferralSort::Person),
        ..Default::default()
    };
    let csv_path = out.path().join("follow-ups.csv");
    let s = export_referrals_to(&d.app, &q, ExportFormat::Csv, false, &csv_path).unwrap();
    assert_eq!(
        (s.rows, s.withheld),
        (2, 1),
        "Luis's treatment referral has no consent"
    );
    let rows: Vec<Vec<String>> = serde_json::from_str(&run_python(READ_CSV, &csv_path)).unwrap();
    assert_eq!(rows[0][0], "Person");
    assert!(
        rows[0].iter().all(|h| !h.ends_with(" ID")),
        "no internal ids unless asked: {:?}",
        rows[0]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][0], "Luis Delgado");
    assert_eq!(rows[1][4], "Housing");
    assert_eq!(rows[1][7], "Referred");
    assert_eq!(rows[2][0], "Omar \"OJ\" Haddád, Jr.");
    assert_eq!(
        rows[2][1], "'+1 555-0142",
        "a leading + is kept from becoming a formula"
    );
    assert!(!rows
        .iter()
        .any(|r| r.iter().any(|c| c.contains("Outpatient"))));

    // With consent recorded, the treatment referral is exported, with its consent.
    callin_planner::commands::followups::consent(
        &d.app,
        &ids[1],
        &ConsentInput {
            consent: Some(Consent::Given),
            on_date: today().to_string(),
            scope: "Attendance, to the officer".into(),
        },
        today(),
    )
    .unwrap();
    let xlsx_path = out.path().join("follow-ups.xlsx");
    let s = export_referrals_to(&d.app, &q, ExportFormat::Xlsx, true, &xlsx_path).unwrap();
    assert_eq!((s.rows, s.withheld), (3, 0));
    let x: Value = serde_json::from_str(&run_python(READ_XLSX, &xlsx_path)).unwrap();
    assert_eq!(x["freeze"], "A2");
    assert_eq!(
        x["filter"], "A1:P4",
        "autofilter over the header and the rows"
    );
    assert_eq!(x["bold"], true);
    assert!(x["widthA"].as_f64().unwrap() > 20.0);
    let rows = x["rows"].as_array().unwrap();
    assert_eq!(rows[0][14], "Referral ID");
    let omar_row = rows
        .iter()
        .find(|r| r[0] == "Omar \"OJ\" Haddád, Jr.")
        .unwrap();
    assert_eq!(
        omar_row[1], "+1 555-0142",
        "a spreadsheet cell holds the text as typed"
    );
    let due = due_of(&d).to_string();
    assert_eq!(
        omar_row[8],
        serde_json::json!({ "date": due }),
        "the due date is a date cell"
    );
    let treatment = rows
        .iter()
        .find(|r| r[5] == "Outpatient treatment")
        .unwrap();
    assert!(treatment[13]
        .as_str()
        .unwrap()
        .contains("Attendance, to the officer"));

    // The no-show list, with a multi-line outcome.
    let t = today();
    let omar = callin_planner::commands::followups::no_shows(&d.app, &NoShowQuery::default())
        .unwrap()[0]
        .clone();
    for (done, outcome) in [
        (false, ""),
        (true, "Spoke with his mother,\nshe said \"he'll call\""),
    ] {
        callin_planner::commands::followups::notify(
            &d.app,
            &omar.invitation_id,
            &CustomNotificationInput {
                on_date: t.to_string(),
                by_whom: "Pastor Zoë Lee".into(),
                outcome: outcome.into(),
            },
            done,
            t,
        )
        .unwrap();
    }
    let ns_csv = out.path().join("no-shows.csv");
    let s = export_no_shows_to(
        &d.app,
        &NoShowQuery::default(),
        ExportFormat::Csv,
        false,
        &ns_csv,
    )
    .unwrap();
    assert_eq!(s.rows, 1);
    let rows: Vec<Vec<String>> = serde_json::from_str(&run_python(READ_CSV, &ns_csv)).unwrap();
    assert_eq!(rows[1][0], "Kevin O'Brien");
    assert_eq!(rows[1][8], "Pastor Zoë Lee");
    assert_eq!(
        rows[1][9],
        "Spoke with his mother,\nshe said \"he'll call\""
    );
    let ns_xlsx = out.path().join("no-shows.xlsx");
    export_no_shows_to(
        &d.app,
        &NoShowQuery::default(),
        ExportFormat::Xlsx,
        false,
        &ns_xlsx,
    )
    .unwrap();
    let x: Value = serde_json::from_str(&run_python(READ_XLSX, &ns_xlsx)).unwrap();
    assert_eq!(
        x["rows"][1][9],
        "Spoke with his mother,\nshe said \"he'll call\""
    );
    assert_eq!(
        x["rows"][1][7],
        serde_json::json!({ "date": t.to_string() })
    );
}

#[test]
fn the_about_sheet_says_how_many_were_withheld_and_a_bad_path_writes_nothing() {
    let d = day();
    after_the_call_in(&d);
    let out = temp_dir();
    let path = out.path().join("f.xlsx");
    export_referrals_to(
        &d.app,
        &ReferralQuery::default(),
        ExportFormat::Xlsx,
        false,
        &path,
    )
    .unwrap();
    let x: Value = serde_json::from_str(&run_python(READ_XLSX, &path)).unwrap();
    assert_eq!(x["sheets"], serde_json::json!(["Follow-ups", "About"]));
    assert!(x["about"][0][0]
        .as_str()
        .unwrap()
        .starts_with("1 substance-use treatment referral"));

    // A target the file cannot be renamed onto (a folder already holds its name): the
    // export is written in full beside it first, so the partial file is really there to
    // be cleaned up.
    let taken = out.path().join("taken.csv");
    std::fs::create_dir(&taken).unwrap();
    std::fs::write(taken.join("keep.txt"), b"kept").unwrap();
    let err = export_referrals_to(
        &d.app,
        &ReferralQuery::default(),
        ExportFormat::Csv,
        false,
        &taken,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("could not be saved"), "{err}");
    let mut left: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        vec!["f.xlsx", "taken.csv"],
        "only the first export and the folder in the way, no partial file"
    );
    assert_eq!(std::fs::read(taken.join("keep.txt")).unwrap(), b"kept");
}

/// The one synthetic-data builder the benchmarks use goes the app's own way, so what it
/// builds is what a coordinator's year leaves behind: call-ins moved on to Follow-up, every
/// referral open and dated, Part 2 only on substance-use needs, half of those with consent.
#[test]
fn the_shared_synthetic_year_is_what_the_app_itself_would_have_recorded() {
    let (_dir, app) = unlocked_app();
    let ids = app
        .write(|tx| synthetic::referrals(tx, 90, 30, 3, 7))
        .unwrap();
    assert_eq!(ids.len(), 90);

    let call_ins = callin_planner::commands::callins::list(&app).unwrap();
    assert_eq!(call_ins.len(), 3);
    for c in &call_ins {
        assert_eq!(c.status, CallInStatus::FollowUp, "{}", c.title);
        assert_eq!((c.invited, c.notices_issued), (10, 10), "{}", c.title);
        assert!(c.title.contains(", \"Eastside\""), "{}", c.title);
    }

    let all = ReferralQuery::default();
    let list = callin_planner::commands::followups::referrals(&app, &all).unwrap();
    assert_eq!(list.total, 90);
    use ReferralStatus::*;
    let mut seen = std::collections::BTreeSet::new();
    // (statuses by their stored text)
    for r in &list.rows {
        assert!(
            [Referred, ProviderContacted, IntakeScheduled, Engaged].contains(&r.status),
            "{:?}",
            r.status
        );
        assert_eq!(
            r.part2,
            r.need == NeedCategory::SubstanceUse,
            "{:?}",
            r.need
        );
        if !r.part2 {
            assert_eq!(r.consent, None);
        }
        assert!(r.due_on.is_some() && r.provider_name.is_some());
        seen.insert(r.status.as_str());
    }
    assert_eq!(seen.len(), 4, "the referrals spread over the open statuses");
    // Held through the year: first contacts were due after each call-in, so most are past.
    let dues: std::collections::BTreeSet<&str> = list
        .rows
        .iter()
        .filter_map(|r| r.due_on.as_deref())
        .collect();
    assert_eq!(dues.len(), 3, "one due date per call-in: {dues:?}");
    assert!(list.overdue > 0, "{} of {}", list.overdue, list.total);
    assert!(list
        .rows
        .iter()
        .any(|r| r.last_contact_outcome == Some(ContactOutcome::LeftMessage)));
    assert!(list.rows.iter().any(|r| r.consent == Some(Consent::Given)));

    // A referral moved along has its steps in its history, as the follow-up panel shows them.
    let moved = list.rows.iter().find(|r| r.status == Engaged).unwrap();
    let history = callin_planner::commands::followups::history_of(&app, &moved.id).unwrap();
    assert_eq!(history.status, Engaged);
    let steps = history.items.iter().filter(|i| i.kind == "status").count();
    assert_eq!(steps, 4, "referred, then three moves: {:?}", history.items);
}
