//! The audit log (Settings → Audit log) against a real database: every entry newest first,
//! the filters, an entry field by field, and the CSV export for an auditor read back by
//! Python's csv module, withholding 42 CFR Part 2 details without consent.

mod common;

use callin_planner::commands::{audit, people as people_cmd};
use callin_planner::domain::audit::{AuditQuery, WITHHELD};
use callin_planner::domain::followups::{Consent, ConsentInput};
use callin_planner::domain::time::today;
use callin_planner::reports::table::ExportFormat;
use common::call_in_day::{after_the_call_in, day};
use common::*;

#[test]
fn the_log_lists_every_entry_newest_first_filtered_and_field_by_field() {
    let (_d, app) = unlocked_app();
    let first = people_cmd::create(&app, &person("Ada", "Ocampo")).unwrap();
    let mut edit = first.to_input();
    edit.phone = "555-0142".into();
    people_cmd::update(&app, &first.id, &edit).unwrap();
    for i in 0..120 {
        people_cmd::create(&app, &person("Many", &format!("Person{i:03}"))).unwrap();
    }
    let page = audit::page(&app, &AuditQuery::default()).unwrap();
    assert_eq!(page.total, 122);
    assert_eq!(page.rows.len(), 100);
    assert!(page.rows[0].at >= page.rows[99].at, "newest first");
    assert!(page.rows[0]
        .changes
        .iter()
        .any(|c| c.after.as_deref() == Some("Person119")));
    // The next page continues where the first ended, with nothing twice.
    let next = audit::page(
        &app,
        &AuditQuery {
            cursor: page.next_cursor.clone(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(next.rows.len(), 22);
    assert_eq!(next.next_cursor, None);
    assert!(next
        .rows
        .iter()
        .all(|r| page.rows.iter().all(|p| p.id != r.id)));

    // The edit, by action and text: the phone before and after.
    let edits = audit::page(
        &app,
        &AuditQuery {
            action: Some("update".into()),
            text: Some("OCAMPO".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(edits.total, 1);
    let e = &edits.rows[0];
    assert_eq!(
        (e.action_label.as_str(), e.entity_label.as_str()),
        ("Changed", "Person")
    );
    assert_eq!(e.entity_id.as_deref(), Some(first.id.as_str()));
    let phone = e.changes.iter().find(|c| c.field == "phone").unwrap();
    assert_eq!(
        (phone.before.as_deref(), phone.after.as_deref()),
        (None, Some("555-0142"))
    );
    assert_eq!(phone.label, "Phone");

    // By date: today holds everything, yesterday nothing; a reversed range is refused.
    let on = |from: String, to: String| {
        audit::page(
            &app,
            &AuditQuery {
                from: Some(from),
                to: Some(to),
                ..Default::default()
            },
        )
    };
    let t = today();
    let y = t.pred_opt().unwrap();
    assert_eq!(on(t.to_string(), t.to_string()).unwrap().total, 122);
    assert_eq!(on(y.to_string(), y.to_string()).unwrap().total, 0);
    assert_eq!(
        on(t.to_string(), y.to_string()).unwrap_err().field(),
        Some("to")
    );

    let options = audit::options(&app).unwrap();
    assert!(options
        .entities
        .iter()
        .any(|c| c.value == "person" && c.label == "Person"));
    assert!(options
        .actions
        .iter()
        .any(|c| c.value == "update" && c.label == "Changed"));
}

fn csv_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let out = run_python(
        "import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))",
        path,
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_export_withholds_part2_details_without_consent() {
    let d = day();
    let ids = after_the_call_in(&d);
    // Luis's treatment referral is Part 2, without consent: its entries keep when, who and
    // what, and withhold their values.
    let dir = temp_dir();
    let path = dir.path().join("audit.csv");
    let summary =
        audit::export_to(&d.app, &AuditQuery::default(), ExportFormat::Csv, &path).unwrap();
    assert!(summary.withheld >= 2, "{summary:?}");
    let rows = csv_rows(&path);
    assert_eq!(
        rows[0],
        [
            "When (UTC)",
            "Who",
            "Action",
            "Record",
            "Record id",
            "Field",
            "Before",
            "After"
        ]
    );
    let treatment: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == ids[1]).collect();
    assert!(!treatment.is_empty());
    assert!(
        treatment
            .iter()
            .all(|r| r[6] == WITHHELD && r[7] == WITHHELD),
        "{treatment:?}"
    );
    // The offer that made it is withheld too; Omar's housing referral is not.
    assert!(rows
        .iter()
        .any(|r| r[2] == "Offer of help recorded" && r[7] == WITHHELD));
    assert!(rows.iter().any(|r| r[4] == ids[2] && r[7] != WITHHELD));
    let leaks: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[3] != "Provider" && r.iter().any(|c| c == "substance_use"))
        .collect();
    assert!(
        leaks.is_empty(),
        "a person's substance-use need left the app: {leaks:?}"
    );

    // With consent given, its values leave the app.
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
    let after = audit::export_to(&d.app, &AuditQuery::default(), ExportFormat::Csv, &path).unwrap();
    assert_eq!(after.withheld, 0);
    let rows = csv_rows(&path);
    assert!(rows.iter().any(|r| r[4] == ids[1] && r[7] == "given"));
}
