//! Printed documents (issue 5): the sign-in sheet and the attendee roster rendered from a
//! real encrypted database to PDF, and read back with poppler (`pdftotext`, `pdfinfo`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use callin_planner::commands::callins::{self as cmd, CallInAction};
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::people::{validate_person, SupervisionType};
use callin_planner::domain::time::today;
use callin_planner::error::ErrorCode;
use callin_planner::reports::call_in_sheets::{
    attendee_roster, sign_in_sheet, ROSTER_LAYOUT, SIGN_IN_LAYOUT,
};
use callin_planner::state::AppState;
use callin_planner::store::{invitations, people};
use chrono::NaiveDate;
use common::*;

fn printed() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

/// A scheduled call-in whose invitees are `names` (first, last), each on probation with an
/// officer and a date of birth on record. The first `issued` get a notice; the rest are only
/// vetted.
fn call_in_with(names: &[(String, String)], issued: usize) -> (TempDir, AppState, String) {
    let (dir, app) = unlocked_app();
    let c = cmd::create(
        &app,
        &CallInBasicsInput {
            title: "Eastside Spring Call-In".into(),
            date: "2027-03-14".into(),
            start_time: "18:00".into(),
            venue_name: "Eastside Community Hall".into(),
            venue_address: "12 Main St".into(),
            venue_capacity: Some(600),
            ..Default::default()
        },
    )
    .unwrap();
    app.write(|tx| {
        for (i, (first, last)) in names.iter().enumerate() {
            let mut p = person(first, last);
            p.supervisions = vec![supervision(
                SupervisionType::Probation,
                "County Probation",
                &format!("Officer Whitcombe {}", i % 7),
                "2025-01-01",
                "2028-12-31",
            )];
            let p = people::create_person(tx, &validate_person(&p, today())?)?;
            invitations::add_invitee(tx, &c.id, &p.id, "")?;
        }
        Ok(())
    })
    .unwrap();
    cmd::act(&app, &c.id, &CallInAction::Schedule).unwrap();
    let ids: Vec<String> = app
        .read(|db| invitations::list_invitations(db, &c.id))
        .unwrap()
        .invitations
        .iter()
        .map(|i| i.id.clone())
        .collect();
    app.write(|tx| invitations::bulk_notice(tx, &c.id, &ids, &NoticeAction::Vet, today()))
        .unwrap();
    // list_invitations is in last-name order: issue to the invitees named first in `names`.
    let list = app
        .read(|db| invitations::list_invitations(db, &c.id))
        .unwrap();
    let to_issue: Vec<String> = names[..issued]
        .iter()
        .map(|(f, l)| {
            list.invitations
                .iter()
                .find(|i| &i.first_name == f && &i.last_name == l)
                .unwrap()
                .id
                .clone()
        })
        .collect();
    let issue = NoticeAction::Issue {
        method: DeliveryMethod::Officer,
        delivered_by: "R. Carter".into(),
        issued_on: format!("{}", today()),
    };
    if !to_issue.is_empty() {
        app.write(|tx| invitations::bulk_notice(tx, &c.id, &to_issue, &issue, today()))
            .unwrap();
    }
    (dir, app, c.id)
}

fn names(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .collect()
}

fn write_pdf(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Some(keep) = std::env::var_os("CALLIN_PLANNER_KEEP_PDFS") {
        std::fs::create_dir_all(&keep).unwrap();
        std::fs::copy(&path, Path::new(&keep).join(name)).unwrap();
    }
    path
}

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} not found ({e}); `make test` installs poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout"], pdf)
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .expect("pdfinfo prints Pages:")
        .trim()
        .parse()
        .unwrap()
}

/// Where each needle first occurs; panics with the text when one is missing.
fn positions(text: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n:?} missing from:\n{text}"))
        })
        .collect()
}

#[test]
fn sign_in_sheet_has_names_and_signature_boxes_only() {
    let people = names(&[
        ("Ana", "Peña"),
        ("Łukasz", "Żółkiewski"),
        ("민준", "김"),
        ("Kevin", "O'Brien"),
        ("Omar", "Haddad"),
        ("秀英", "王"),
        ("さくら", "佐藤"),
        ("Vetted", "Notissued"),
    ]);
    let (dir, app, call_in) = call_in_with(&people, 7);
    let walk_ins = 40;
    let pdf = app
        .read(|db| sign_in_sheet(db, &call_in, walk_ins, printed()))
        .unwrap();
    let path = write_pdf(dir.path(), "sign-in.pdf", &pdf);
    let text = text(&path);

    // Header, footer, headings.
    positions(
        &text,
        &[
            "SIGN-IN SHEET",
            "Eastside Spring Call-In",
            "Sunday, March 14, 2027 · 6:00 PM",
            "Eastside Community Hall, 12 Main St",
            "Name",
            "Signature",
            "Confidential — printed March 1, 2027",
            "Page 1 of 3",
            "Page 3 of 3",
        ],
    );
    // Accents, Korean, Chinese and Japanese survive; sorted by last name, accents ignored
    // (Latin first, then by code point: 佐藤, 王, 김).
    let at = positions(
        &text,
        &[
            "Haddad, Omar",
            "O'Brien, Kevin",
            "Peña, Ana",
            "Żółkiewski, Łukasz",
            "佐藤, さくら",
            "王, 秀英",
            "김, 민준",
        ],
    );
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "not by last name:\n{text}"
    );
    // Only those handed a notice.
    assert!(!text.contains("Notissued"), "{text}");
    // No date of birth, no supervision details.
    for private in [
        "1990",
        "04/12",
        "Probation",
        "Whitcombe",
        "County",
        "Officer",
    ] {
        assert!(!text.contains(private), "{private:?} printed:\n{text}");
    }
    // 7 names and 40 walk-in rows, numbered, across the pages the layout makes.
    assert!(text.contains("47"), "{text}");
    assert_eq!(SIGN_IN_LAYOUT.rows_per_page(), 21);
    assert_eq!(
        pages(&path),
        SIGN_IN_LAYOUT.pages_for(7 + walk_ins as usize)
    );
    assert_eq!(pages(&path), 3);
    // The header row is repeated on every page.
    assert_eq!(text.matches("Signature").count(), 3, "{text}");
}

#[test]
fn too_many_walk_in_rows_are_refused() {
    let (_dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña")]), 1);
    let err = app
        .read(|db| sign_in_sheet(db, &call_in, 10_000, printed()))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
}

#[test]
fn roster_of_500_pages_with_headers_repeated() {
    let mut people: Vec<(String, String)> = (0..500)
        .map(|i| (format!("Person{i:03}"), format!("Last{:03}", 499 - i)))
        .collect();
    // A long name wraps instead of being cut; accents and Korean survive.
    people[0] = (
        "María José Guadalupe".into(),
        "Fernández de la Peña-Villanueva".into(),
    );
    people[1] = ("Łukasz".into(), "Żółkiewski".into());
    people[2] = ("민준".into(), "김".into());
    let (dir, app, call_in) = call_in_with(&people, 250);
    let started = std::time::Instant::now();
    let pdf = app
        .read(|db| attendee_roster(db, &call_in, printed()))
        .unwrap();
    eprintln!(
        "roster of 500: {:?}, {} KB",
        started.elapsed(),
        pdf.len() / 1024
    );
    let path = write_pdf(dir.path(), "roster.pdf", &pdf);
    let text = text(&path);

    // 642 points of rows under the header row, 20 points a row: 32 rows a page; the one
    // wrapped name takes a second line, which may push one row to the next page.
    assert_eq!(ROSTER_LAYOUT.rows_per_page(), 32);
    let single_line = ROSTER_LAYOUT.pages_for(500);
    assert_eq!(single_line, 16);
    assert_eq!(pages(&path), single_line);
    positions(
        &text,
        &[
            "ATTENDEE ROSTER",
            "Eastside Spring Call-In",
            "Supervising officer",
            "Offer response",
            "Probation",
            "Officer Whitcombe 3",
            "Żółkiewski, Łukasz",
            "김, 민준",
            "Page 1 of 16",
            "Page 16 of 16",
            "Confidential — printed March 1, 2027",
        ],
    );
    // Every word of the long name is printed (wrapped, not cut).
    for word in [
        "Fernández",
        "Peña-",
        "Villanueva,",
        "María",
        "José",
        "Guadalupe",
    ] {
        assert!(text.contains(word), "{word:?} missing:\n{text}");
    }
    assert_eq!(text.matches("Supervising officer").count(), 16);
    // Last-name order: Last000 (Person499) first … Last496 last.
    let at = positions(
        &text,
        &["Last000, Person499", "Last250, Person249", "Last496"],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]));
    // Issued notices show as such; the rest are vetted only.
    assert!(text.contains("Issued") && text.contains("Vetted"));
}

#[test]
fn the_print_commands_return_pdfs() {
    use callin_planner::commands::printing;
    let (dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña"), ("Omar", "Haddad")]), 2);
    let sheet = printing::sign_in_sheet(&app, &call_in, 3).unwrap();
    let path = write_pdf(dir.path(), "command-sign-in.pdf", &sheet);
    let t = text(&path);
    positions(&t, &["SIGN-IN SHEET", "Haddad, Omar", "Peña, Ana", "5"]);
    let roster = printing::attendee_roster(&app, &call_in).unwrap();
    let path = write_pdf(dir.path(), "command-roster.pdf", &roster);
    positions(&text(&path), &["ATTENDEE ROSTER", "Probation", "Issued"]);
    let err = printing::attendee_roster(&app, "no-such-call-in").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}
