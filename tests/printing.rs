//! Printed documents (issue 5): the sign-in sheet, the attendee roster, the invitation
//! letters, the run-of-show and the follow-up list rendered from a real encrypted database
//! to PDF and read back with poppler (`pdftotext`, `pdfinfo`); the letter templates and
//! printing settings; preview, Save as PDF and Print.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use callin_planner::commands::callins::{self as cmd, CallInAction};
use callin_planner::commands::printing::{self as documents, pdf_of};
use callin_planner::commands::session;
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::directory::{SegmentInput, SegmentKind, SpeakerInput, SpeakerRole};
use callin_planner::domain::followups::{Consent, ConsentInput, DueFilter, ReferralQuery};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::letters::LetterLanguage;
use callin_planner::domain::lifecycle::ReferralStatus;
use callin_planner::domain::people::NeedCategory;
use callin_planner::domain::people::SupervisionType;
use callin_planner::domain::printing::{DocumentRequest, PrintSettings};
use callin_planner::domain::time::today;
use callin_planner::error::ErrorCode;
use callin_planner::printer::Printer;
use callin_planner::reports::call_in_sheets::{ROSTER_LAYOUT, SIGN_IN_LAYOUT};
use callin_planner::state::AppState;
use chrono::NaiveDate;
use common::call_in_day::{after_the_call_in, day};
use common::*;

fn printed() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

/// A scheduled call-in whose invitees are `names` (first, last), each on probation with an
/// officer and a date of birth on record. The first `issued` get a notice; the rest are only
/// vetted.
fn call_in_with(names: &[(String, String)], issued: usize) -> (TempDir, AppState, String) {
    call_in_with_spanish(names, issued, &[])
}

/// As `call_in_with`; the people whose last name is in `spanish` prefer Spanish and have a
/// home address on record.
fn call_in_with_spanish(
    names: &[(String, String)],
    issued: usize,
    spanish: &[&str],
) -> (TempDir, AppState, String) {
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
    for (i, (first, last)) in names.iter().enumerate() {
        let mut p = person(first, last);
        if spanish.contains(&last.as_str()) {
            p.preferred_language = "es".into();
            p.address = "Calle 5 #12\nSpringfield, IL 62704".into();
        }
        p.supervisions = vec![supervision(
            SupervisionType::Probation,
            "County Probation",
            &format!("Officer Whitcombe {}", i % 7),
            "2025-01-01",
            "2028-12-31",
        )];
        let p = callin_planner::commands::people::create(&app, &p).unwrap();
        callin_planner::commands::invitations::add(&app, &c.id, &p.id, "").unwrap();
    }
    cmd::act(&app, &c.id, &CallInAction::Schedule).unwrap();
    let ids: Vec<String> = callin_planner::commands::invitations::list(&app, &c.id)
        .unwrap()
        .invitations
        .iter()
        .map(|i| i.id.clone())
        .collect();
    callin_planner::commands::invitations::notice(&app, &c.id, &ids, &NoticeAction::Vet).unwrap();
    // The invitee list is in last-name order: issue to the invitees named first in `names`.
    let list = callin_planner::commands::invitations::list(&app, &c.id).unwrap();
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
        callin_planner::commands::invitations::notice(&app, &c.id, &to_issue, &issue).unwrap();
    }
    (dir, app, c.id)
}

fn sign_in(call_in: &str, walk_in_rows: u32) -> DocumentRequest {
    DocumentRequest::SignInSheet {
        call_in_id: call_in.into(),
        walk_in_rows: Some(walk_in_rows),
    }
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
        .read(|db| pdf_of(db, &sign_in(&call_in, walk_ins), printed()))
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
        .read(|db| pdf_of(db, &sign_in(&call_in, 10_000), printed()))
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
        .read(|db| {
            pdf_of(
                db,
                &DocumentRequest::AttendeeRoster {
                    call_in_id: call_in.clone(),
                },
                printed(),
            )
        })
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

fn pdf(app: &AppState, request: &DocumentRequest) -> Vec<u8> {
    app.read(|db| pdf_of(db, request, printed())).unwrap()
}

/// The text of page `n` (1-based).
fn page_text(pdf: &Path, n: usize) -> String {
    let n = n.to_string();
    poppler("pdftotext", &["-layout", "-f", &n, "-l", &n], pdf)
}

fn letters(call_in: &str) -> DocumentRequest {
    DocumentRequest::Letters {
        call_in_id: call_in.into(),
    }
}

#[test]
fn letters_are_one_page_each_in_the_persons_language() {
    let people = names(&[
        ("Omar", "Haddad"),
        ("Ana", "Peña"),
        ("Kevin", "O'Brien"),
        ("민준", "김"),
        ("José", "Núñez"),
    ]);
    let (dir, app, call_in) = call_in_with_spanish(&people, 3, &["Peña", "Núñez"]);
    // Haddad is excused: no letter for him.
    let list = callin_planner::commands::invitations::list(&app, &call_in).unwrap();
    let haddad = list
        .invitations
        .iter()
        .find(|i| i.last_name == "Haddad")
        .unwrap()
        .id
        .clone();
    callin_planner::commands::invitations::notice(&app, &call_in, &[haddad], &NoticeAction::Excuse)
        .unwrap();

    let path = write_pdf(dir.path(), "letters.pdf", &pdf(&app, &letters(&call_in)));
    let all = text(&path);
    assert_eq!(pages(&path), 4, "one page a letter:\n{all}");
    assert!(!all.contains("Haddad"), "{all}");
    // By last name: Núñez, O'Brien, Peña, 김.
    let nunez = page_text(&path, 1);
    let obrien = page_text(&path, 2);
    let pena = page_text(&path, 3);
    let kim = page_text(&path, 4);
    for (page, name) in [
        (&nunez, "José Núñez"),
        (&obrien, "Kevin O'Brien"),
        (&pena, "Ana Peña"),
        (&kim, "민준 김"),
    ] {
        assert!(page.contains(name), "{name} missing:\n{page}");
    }
    for es in [&nunez, &pena] {
        positions(
            es,
            &[
                "Estimado/a",
                "Le invitamos a una reunión comunitaria, Eastside Spring Call-In.",
                "Fecha: domingo, 14 de marzo de 2027",
                "Hora: 6:00 p. m.",
                "Lugar: Eastside Community Hall, 12 Main St",
                "Por favor traiga:",
                "una identificación con foto",
                "Calle 5 #12",
                "Springfield, IL 62704",
                "oficial de supervisión, Officer Whitcombe",
                "Confidencial — impreso el 1 de marzo de 2027",
                "Página 1 de 1",
            ],
        );
        assert!(!es.contains("Dear") && !es.contains("Page 1"), "{es}");
    }
    for en in [&obrien, &kim] {
        positions(
            en,
            &[
                "Dear",
                "You are invited to a community meeting, Eastside Spring Call-In.",
                "Date: Sunday, March 14, 2027",
                "Time: 6:00 PM",
                "Place: Eastside Community Hall, 12 Main St",
                "Please bring:",
                "a photo ID, if you have one",
                "supervising officer, Officer Whitcombe",
                "Confidential — printed March 1, 2027",
                "Page 1 of 1",
            ],
        );
        assert!(!en.contains("Estimado"), "{en}");
    }
    // A letter never tells its reader how many were printed.
    assert!(!all.contains("of 4") && !all.contains("de 4"), "{all}");
}

#[test]
fn edited_letter_templates_are_printed_and_bad_ones_change_nothing() {
    let (dir, app, call_in) = call_in_with_spanish(
        &names(&[("Ana", "Peña"), ("Kevin", "O'Brien")]),
        2,
        &["Peña"],
    );
    let saved = callin_planner::commands::printing::save_template(&app, LetterLanguage::Spanish,
                "Hola {first_name}:\r\n\r\nLa reunión es el {date} a las {time}.\r\nTraiga:\r\n- su carta\r\n- su identificación\r\n",)
        .unwrap();
    assert!(!saved.is_default);
    assert_eq!(
        saved.text,
        "Hola {first_name}:\n\nLa reunión es el {date} a las {time}.\nTraiga:\n- su carta\n- su identificación"
    );
    let path = write_pdf(dir.path(), "edited.pdf", &pdf(&app, &letters(&call_in)));
    let pena = page_text(&path, 2);
    positions(
        &pena,
        &[
            "Hola Ana:",
            "La reunión es el domingo, 14 de marzo de 2027 a las 6:00 p. m.",
            "Traiga:",
            "su carta",
            "su identificación",
        ],
    );
    assert!(!pena.contains("Estimado"), "{pena}");
    // The English letter keeps the app's text.
    assert!(page_text(&path, 1).contains("You are invited"));

    // A wrong placeholder is refused with its line, and nothing changes.
    let before = fingerprint(&app);
    let err = callin_planner::commands::printing::save_template(
        &app,
        LetterLanguage::Spanish,
        "Hola {nombre}:\n\n{fecha}",
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(
        err.to_string()
            .starts_with("Line 1: {nombre} is not a placeholder."),
        "{err}"
    );
    assert_eq!(fingerprint(&app), before);
    let kept = documents::templates(&app)
        .unwrap()
        .into_iter()
        .find(|t| t.language == LetterLanguage::Spanish)
        .unwrap();
    assert!(kept.text.starts_with("Hola {first_name}:"));

    // Reset brings the app's text back.
    let reset =
        callin_planner::commands::printing::reset_template(&app, LetterLanguage::Spanish).unwrap();
    assert!(reset.is_default && reset.text.starts_with("Estimado/a"));
    let path = write_pdf(dir.path(), "reset.pdf", &pdf(&app, &letters(&call_in)));
    assert!(page_text(&path, 2).contains("Estimado/a Ana Peña:"));
}

#[test]
fn no_letters_before_anyone_is_vetted() {
    let (_dir, app) = unlocked_app();
    let c = cmd::create(
        &app,
        &CallInBasicsInput {
            title: "Empty".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let err = app
        .read(|db| pdf_of(db, &letters(&c.id), printed()))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("no letters to print"), "{err}");
}

#[test]
fn run_of_show_has_clock_times_minutes_speakers_and_roles() {
    let (dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña")]), 1);
    use callin_planner::commands::directory as dir_cmd;
    let chief = dir_cmd::save_speaker_of(
        &app,
        None,
        &SpeakerInput {
            name: "Chief Dolores Ibáñez".into(),
            organization: "Springfield Police".into(),
            role: Some(SpeakerRole::LawEnforcement),
            ..Default::default()
        },
    )
    .unwrap();
    let mother = dir_cmd::save_speaker_of(
        &app,
        None,
        &SpeakerInput {
            name: "Grace Whitfield-Okonkwo".into(),
            role: Some(SpeakerRole::VictimFamily),
            ..Default::default()
        },
    )
    .unwrap();
    for (kind, title, minutes) in [
        (SegmentKind::Welcome, "Opening", 10),
        (SegmentKind::LawEnforcement, "What happens next", 20),
        (SegmentKind::Community, "", 15),
        (SegmentKind::OfferOfHelp, "Services at the table", 25),
    ] {
        dir_cmd::add_segment_to(
            &app,
            &call_in,
            &SegmentInput {
                kind: Some(kind),
                title: title.into(),
                minutes,
            },
        )
        .unwrap();
    }
    let show = dir_cmd::show_of(&app, &call_in).unwrap();
    dir_cmd::assign(&app, &show.segments[1].id, &chief.id).unwrap();
    let show = dir_cmd::assign(&app, &show.segments[2].id, &mother.id).unwrap();
    assert_eq!(show.segments.len(), 4);
    let path = write_pdf(
        dir.path(),
        "run-of-show.pdf",
        &pdf(
            &app,
            &DocumentRequest::RunOfShow {
                call_in_id: call_in.clone(),
            },
        ),
    );
    let t = text(&path);
    positions(
        &t,
        &[
            "RUN-OF-SHOW",
            "Eastside Spring Call-In",
            "Time",
            "Minutes",
            "Speakers",
            "6:00 PM",
            "Welcome",
            "Opening",
            "No speaker assigned",
            "6:10 PM",
            "Law-enforcement message",
            "What happens next",
            "Chief Dolores Ibáñez — Law enforcement,",
            "Springfield Police (Invited)",
            "6:30 PM",
            "Community message",
            "Grace Whitfield-Okonkwo — Victim's family",
            "6:45 PM",
            "Offer of help",
            "25 min",
            "Total 70 minutes · ends 7:10 PM",
            "Confidential — printed March 1, 2027",
            "Page 1 of 1",
        ],
    );
}

#[test]
fn follow_up_list_leaves_out_part2_referrals_without_consent() {
    let d = day();
    let ids = after_the_call_in(&d);
    let request = DocumentRequest::FollowUpList {
        query: ReferralQuery::default(),
    };
    let dir = temp_dir();
    let path = write_pdf(dir.path(), "follow-ups.pdf", &pdf(&d.app, &request));
    let t = text(&path);
    positions(
        &t,
        &[
            "FOLLOW-UP LIST",
            "Open referrals",
            "2 referrals · 0 overdue",
            "No filter",
            "1 substance-use treatment referral (42 CFR Part 2) without recorded consent was withheld from this list.",
            "Person",
            "Service / provider",
            "Rapid rehousing",
            "Homes First",
            "Housing",
            "Spring",
            "Page 1 of 1",
        ],
    );
    assert!(!t.contains("Outpatient treatment"), "{t}");
    assert!(!t.contains("Substance-use"), "{t}");
    // The preview carries the same note.
    let preview = documents::preview(&d.app, &request).unwrap();
    assert!(preview.note.unwrap().contains("withheld from this list"));

    // With consent given, it is printed.
    callin_planner::commands::followups::consent(
        &d.app,
        &ids[1],
        &ConsentInput {
            consent: Some(Consent::Given),
            on_date: format!("{}", today()),
            scope: "Treatment provider only".into(),
        },
        today(),
    )
    .unwrap();
    let path = write_pdf(dir.path(), "follow-ups-2.pdf", &pdf(&d.app, &request));
    let t = text(&path);
    positions(
        &t,
        &["3 referrals", "Outpatient treatment", "Substance-use"],
    );
    assert!(!t.contains("withheld"), "{t}");
    // A filtered list says its filter.
    let housing = DocumentRequest::FollowUpList {
        query: ReferralQuery {
            need: Some(NeedCategory::Housing),
            ..Default::default()
        },
    };
    let path = write_pdf(dir.path(), "follow-ups-3.pdf", &pdf(&d.app, &housing));
    let t = text(&path);
    positions(&t, &["2 referrals", "Housing"]);
    assert!(!t.contains("Outpatient"), "{t}");
    // An empty list says so.
    let overdue = DocumentRequest::FollowUpList {
        query: ReferralQuery {
            due: Some(DueFilter::Overdue),
            ..Default::default()
        },
    };
    let path = write_pdf(dir.path(), "follow-ups-4.pdf", &pdf(&d.app, &overdue));
    positions(
        &text(&path),
        &[
            "0 referrals · 0 overdue",
            "Overdue",
            "No referral matches the filter of this list.",
        ],
    );
    // A list of closed referrals is not called open; a filter on a provider removed since
    // (or an empty one) still prints.
    let completed = DocumentRequest::FollowUpList {
        query: ReferralQuery {
            status: Some(ReferralStatus::Completed),
            provider_id: Some("removed-since".into()),
            call_in_id: Some(String::new()),
            ..Default::default()
        },
    };
    let path = write_pdf(dir.path(), "follow-ups-5.pdf", &pdf(&d.app, &completed));
    let t = text(&path);
    positions(&t, &["Referrals", "Completed · (removed provider)"]);
    assert!(!t.contains("Open referrals"), "{t}");
}

#[test]
fn walk_in_rows_come_from_settings_unless_given() {
    let (dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña"), ("Omar", "Haddad")]), 2);
    let sheet = |rows: Option<u32>| DocumentRequest::SignInSheet {
        call_in_id: call_in.clone(),
        walk_in_rows: rows,
    };
    let last_row = |name: &str, request: &DocumentRequest| {
        let path = write_pdf(dir.path(), name, &pdf(&app, request));
        let t = text(&path);
        t.lines()
            .filter_map(|l| l.split_whitespace().next()?.parse::<u32>().ok())
            .max()
            .unwrap()
    };
    // Default: 10 blank rows after the two names.
    assert_eq!(
        callin_planner::commands::printing::settings(&app).unwrap(),
        PrintSettings { walk_in_rows: 10 }
    );
    assert_eq!(last_row("default.pdf", &sheet(None)), 12);
    callin_planner::commands::printing::save_settings(&app, &PrintSettings { walk_in_rows: 25 })
        .unwrap();
    assert_eq!(last_row("setting.pdf", &sheet(None)), 27);
    assert_eq!(last_row("given.pdf", &sheet(Some(3))), 5);
    let before = fingerprint(&app);
    let err = callin_planner::commands::printing::save_settings(
        &app,
        &PrintSettings { walk_in_rows: 201 },
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(fingerprint(&app), before);
}

#[test]
fn preview_save_and_print_give_the_same_document() {
    let (dir, app, call_in) =
        call_in_with_spanish(&names(&[("Ana", "Peña"), ("Omar", "Haddad")]), 2, &["Peña"]);
    let request = letters(&call_in);

    let preview = documents::preview(&app, &request).unwrap();
    assert_eq!(preview.page_count, 2);
    assert_eq!(preview.pages.len(), 2);
    assert!(preview.pages.iter().all(|p| p.starts_with("<svg")));
    assert_eq!(
        preview.title,
        "Invitation letters — Eastside Spring Call-In"
    );
    assert_eq!(
        preview.file_name,
        "invitation-letters-eastside-spring-call-in.pdf"
    );
    assert_eq!(
        preview.note.as_deref(),
        Some("2 letters: 1 in English, 1 in Spanish.")
    );

    // Save as PDF (the command, with the save dialog's answer given) writes the whole
    // file under the name the dialog suggested, or nothing.
    let built = documents::build(&app, &request).unwrap();
    let to = dir.path().join("saved.pdf");
    let mut suggested = String::new();
    let saved = documents::save_asking(&app, &request, |name| {
        suggested = name.to_owned();
        Some(to.clone())
    })
    .unwrap()
    .expect("saved");
    assert_eq!(suggested, "invitation-letters-eastside-spring-call-in.pdf");
    assert_eq!(saved.page_count, 2);
    assert_eq!(pages(&to), 2);
    assert!(text(&to).contains("Estimado/a Ana Peña"));
    // Cancelling the dialog saves nothing.
    let before = std::fs::read_dir(dir.path()).unwrap().count();
    assert!(documents::save_asking(&app, &request, |_| None)
        .unwrap()
        .is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before);
    let nowhere = dir.path().join("no-such-folder").join("x.pdf");
    let err = documents::save_asking(&app, &request, |_| Some(nowhere.clone())).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(!nowhere.exists());

    // Print hands the file to the print command (here a script that copies it). The
    // stand-in is given to the app directly, so no build of the tests, release included,
    // ever reaches a real printer.
    let out = dir.path().join("printed.pdf");
    let script = dir.path().join("print.sh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\ncp \"$1\" '{}'\n", out.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let app = app.with_printer(Printer::with_command(dir.path(), &script));
    assert_eq!(
        app.printer().destination().printer.as_deref(),
        Some("the print command")
    );
    let printed = callin_planner::commands::printing::print(&app, &request).unwrap();
    assert_eq!(printed.message, "Sent to the print command (2 pages).");
    assert_eq!(pages(&out), 2);
    // The preview shows the very pages that were saved and printed.
    assert_eq!(
        preview.pages,
        callin_planner::reports::pdf::svg_pages(
            &built.doc,
            callin_planner::domain::printing::PREVIEW_PAGES
        ),
        "the preview and the saved document differ"
    );
    assert_eq!(preview.page_count, saved.page_count);
    assert_eq!(preview.page_count, printed.page_count);
    assert_eq!(text(&out), text(&to), "printed and saved differ");
    // The file passed through the data folder, readable by the user only.
    let kept = dir
        .path()
        .join("print")
        .join("invitation-letters-eastside-spring-call-in.pdf");
    let mode = std::fs::metadata(&kept).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
    // Locking the app removes it.
    session::close(&app).unwrap();
    assert!(!kept.exists());
}

/// An executable shell script `name` in `dir`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// Where Print sends the document, as the README says: to the default printer through
/// `lp` when `lpstat -d` names one (the spooled file is removed), else to the PDF viewer
/// (the file stays in `print/` until the app locks). The system's programs are stand-in
/// scripts that keep what they were given; the decision and the files are the app's own.
#[rstest::rstest]
#[case::with_a_default_printer(
    "echo 'system default destination: Office_Laser'",
    Some("Office_Laser"),
    "Sent to the printer Office_Laser (2 pages).",
    "lp"
)]
#[case::without_a_printer(
    "echo 'no system default destination'",
    None,
    "No printer is set up, so the PDF opened in your PDF viewer; print from there (2 pages).",
    "viewer"
)]
fn print_goes_to_the_default_printer_else_to_the_viewer(
    #[case] lpstat: &str,
    #[case] printer: Option<&str>,
    #[case] message: &str,
    #[case] receiver: &str,
) {
    use callin_planner::printer::Programs;
    let (dir, app, call_in) =
        call_in_with_spanish(&names(&[("Ana", "Peña"), ("Omar", "Haddad")]), 2, &["Peña"]);
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let lp_got = bin.join("lp.pdf");
    let viewer_got = bin.join("viewer.pdf");
    let programs = Programs {
        lpstat: script(&bin, "lpstat", lpstat).into(),
        lp: script(
            &bin,
            "lp",
            &format!(
                "printf '%s\\n' \"$@\" > '{}'\nfor f; do last=\"$f\"; done\ncp \"$last\" '{}'",
                bin.join("lp.args").display(),
                lp_got.display()
            ),
        )
        .into(),
        viewer: Some(
            script(
                &bin,
                "viewer",
                &format!("cp \"$1\" '{}'", viewer_got.display()),
            )
            .into(),
        ),
    };
    let app = app.with_printer(Printer::with_programs(dir.path(), programs));
    assert_eq!(
        documents::destination(&app).unwrap().printer.as_deref(),
        printer
    );

    let outcome = documents::print(&app, &letters(&call_in)).unwrap();
    assert_eq!(outcome.message, message);
    assert_eq!(outcome.page_count, 2);
    let kept = dir
        .path()
        .join("print")
        .join("invitation-letters-eastside-spring-call-in.pdf");
    let (got, other) = if receiver == "lp" {
        (&lp_got, &viewer_got)
    } else {
        (&viewer_got, &lp_got)
    };
    assert_eq!(pages(got), 2);
    assert!(text(got).contains("Estimado/a Ana Peña"));
    assert!(!other.exists(), "{receiver} alone is given the document");
    if receiver == "lp" {
        let args = std::fs::read_to_string(bin.join("lp.args")).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(
            args,
            [
                "-t",
                "Invitation letters — Eastside Spring Call-In",
                kept.to_str().unwrap()
            ]
        );
        assert!(!kept.exists(), "the spooled file is removed");
    } else {
        assert!(kept.exists(), "the viewer's file stays until the app locks");
        session::close(&app).unwrap();
        assert!(!kept.exists());
    }
}

/// No printer and no viewer that takes the file: Print says so and points to Save as PDF.
#[test]
fn print_without_a_printer_or_a_viewer_says_to_save_instead() {
    use callin_planner::printer::Programs;
    let (dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña")]), 1);
    let programs = Programs {
        lpstat: script(dir.path(), "lpstat", "echo 'no system default destination'").into(),
        lp: script(dir.path(), "lp", "exit 9").into(),
        viewer: Some(script(dir.path(), "viewer", "exit 3").into()),
    };
    let app = app.with_printer(Printer::with_programs(dir.path(), programs));
    let err = documents::print(&app, &letters(&call_in)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(
        err.to_string()
            .starts_with("No printer is set up and no PDF viewer opened the document"),
        "{err}"
    );
    assert!(
        err.to_string().ends_with("Use Save as PDF instead."),
        "{err}"
    );
}

/// The test apps print through a stand-in that refuses, so a test that forgets its own
/// stand-in fails instead of reaching the machine's printer (in any build, release too).
#[test]
fn a_test_app_never_reaches_the_real_printer() {
    let (_dir, app, call_in) = call_in_with(&names(&[("Ana", "Peña")]), 1);
    assert_eq!(
        documents::destination(&app).unwrap().printer.as_deref(),
        Some("the print command")
    );
    let err = documents::print(&app, &letters(&call_in)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(
        err.to_string().starts_with("The print command failed"),
        "{err}"
    );
}

/// A document longer than the preview's cap: the preview returns the first
/// `PREVIEW_PAGES` pages and says how many the document has; the PDF has them all.
#[test]
fn the_preview_stops_at_its_page_cap_and_counts_every_page() {
    use callin_planner::domain::printing::PREVIEW_PAGES;
    let total = PREVIEW_PAGES + 2;
    let people: Vec<(String, String)> = (0..total)
        .map(|i| {
            let letter = char::from(b'A' + i as u8);
            (format!("Ana{letter}"), format!("Mora{letter}"))
        })
        .collect();
    let (dir, app, call_in) = call_in_with(&people, total);
    let request = letters(&call_in);
    let preview = documents::preview(&app, &request).unwrap();
    assert_eq!(preview.page_count as usize, total);
    assert_eq!(preview.pages.len(), PREVIEW_PAGES);
    assert!(preview.pages.iter().all(|p| p.starts_with("<svg")));
    let path = write_pdf(dir.path(), "many-letters.pdf", &pdf(&app, &request));
    assert_eq!(pages(&path), total);
}
