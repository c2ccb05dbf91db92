//! Importing rosters through the commands' code path, from real CSV and XLSX files written
//! here, into a real encrypted database; duplicates in the registry and merging them.

mod common;

use callin_planner::commands::imports as cmd;
use callin_planner::commands::people as people_cmd;
use callin_planner::domain::dedupe::{MatchDecision, MatchStrength};
use callin_planner::domain::import::{
    CellFix, DateOrder, ImportField, ImportPlan, MatchAction, ValueChoice,
};
use callin_planner::domain::people::{PeopleQuery, SupervisionType};
use callin_planner::error::ErrorCode;
use callin_planner::state::AppState;
use callin_planner::store;
use common::*;

fn search(app: &AppState, text: &str) -> Vec<callin_planner::domain::people::PersonRow> {
    people_cmd::search(
        app,
        &PeopleQuery {
            search: Some(text.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
}

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn plan_for(preview: &cmd::ImportPreview) -> ImportPlan {
    ImportPlan {
        sheet: preview.sheet.clone(),
        mapping: preview.mapping.clone(),
        ..Default::default()
    }
}

const ROSTER: &str = "Offender Name;DOB;Sup Type;PO;Exp Date;Probation #;Notes\n\
\"NÚÑEZ, JOSÉ\";03/14/1990;PROB;R. Carter;12/31/2030;P-1001;\"Needs a ride; call first\nafter 5pm\"\n\
\n\
Peña , Ana;7/4/1985;PAR;L. Moss;06/30/2031;P-1002;\n";

#[test]
fn csv_files_in_both_encodings_and_all_three_delimiters_import() {
    let (dir, app) = unlocked_app();
    // UTF-8 with a byte-order mark, semicolons, a quoted field with a delimiter and a line break.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(ROSTER.as_bytes());
    // Windows-1252, commas.
    let cp1252: Vec<u8> = {
        let text = ROSTER
            .replace(';', ",")
            .replace("Peña , Ana", "\"Peña , Ana\"");
        let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!bad);
        bytes.into_owned()
    };
    // UTF-8 without a mark, tabs.
    let tabs = ROSTER.replace(';', "\t");
    for (name, bytes, encoding, delimiter) in [
        ("bom.csv", bom, "UTF-8", ";"),
        ("latin.csv", cp1252, "windows-1252", ","),
        ("tabs.txt", tabs.into_bytes(), "UTF-8", "\t"),
    ] {
        let path = write(&dir, name, &bytes);
        let preview = cmd::open(&app, &path).unwrap();
        let format = preview.format.clone().unwrap();
        assert_eq!(format.encoding, encoding, "{name}");
        assert_eq!(format.delimiter, delimiter, "{name}");
        assert_eq!(preview.rows, 2, "{name}: the blank line is not a row");
        assert_eq!(
            preview.sample[1].number, 4,
            "{name}: rows numbered as the spreadsheet does"
        );
        assert_eq!(preview.headers[0], "Offender Name");
        use ImportField::*;
        assert_eq!(
            preview.mapping.columns,
            vec![
                Some(FullName),
                Some(DateOfBirth),
                Some(SupervisionType),
                Some(Officer),
                Some(SupervisionEnd),
                Some(ExternalId),
                Some(Notes)
            ],
            "{name}"
        );
        let mut plan = plan_for(&preview);
        plan.mapping.capitalise = true;
        let check = cmd::check(&app, &plan).unwrap();
        assert_eq!(
            (check.ready, check.problems),
            (2, 0),
            "{name}: {:?}",
            check.issues
        );
        assert!(check.names_in_capitals || name != "bom.csv");
        if name == "bom.csv" {
            assert!(check.matches.is_empty());
            let done = cmd::commit(&app, &plan).unwrap();
            assert_eq!((done.created, done.updated), (2, 0));
        } else {
            // The same two people again: sure matches, their empty fields filled.
            assert_eq!(check.matches.len(), 2, "{name}");
            assert!(check
                .matches
                .iter()
                .all(|m| m.strength == MatchStrength::Sure));
            assert!(check.blockers.is_empty(), "{:?}", check.blockers);
            cmd::close(&app);
        }
    }
    let jose = search(&app, "nunez");
    assert_eq!(jose.len(), 1);
    let jose = people_cmd::get(&app, &jose[0].id).unwrap();
    assert_eq!(
        (jose.first_name.as_str(), jose.last_name.as_str()),
        ("José", "Núñez")
    );
    assert_eq!(jose.date_of_birth.as_deref(), Some("1990-03-14"));
    assert_eq!(
        jose.notes.as_deref(),
        Some("Needs a ride; call first\nafter 5pm")
    );
    assert_eq!(jose.supervisions[0].kind, SupervisionType::Probation);
    assert_eq!(jose.supervisions[0].end_date.as_deref(), Some("2030-12-31"));
    let ana = people_cmd::get(&app, &search(&app, "pena")[0].id).unwrap();
    assert_eq!(ana.date_of_birth.as_deref(), Some("1985-07-04"));
    assert_eq!(ana.supervisions[0].kind, SupervisionType::Parole);
    let imports = cmd::list(&app).unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].file_name, "bom.csv");
    assert_eq!(imports[0].sha256.len(), 64);
}

#[test]
fn xlsx_dates_stored_as_dates_and_as_serials_and_numbers_without_point_zero() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let (dir, app) = unlocked_app();
    let mut book = Workbook::new();
    let other = book.add_worksheet();
    other.set_name("Notes").unwrap();
    other.write(0, 0, "nothing here").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("Roster").unwrap();
    let date = Format::new().set_num_format("mm/dd/yyyy");
    for (c, h) in ["First", "Last", "DOB", "Start", "Probation No", "Phone"]
        .iter()
        .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "Omar").unwrap();
    sheet.write(1, 1, "Haddad").unwrap();
    sheet
        .write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(1991, 2, 28).unwrap(), &date)
        .unwrap();
    sheet.write(1, 3, 45292.0).unwrap(); // 2024-01-01 as a plain serial number
    sheet.write(1, 4, 12345.0).unwrap();
    sheet.write(1, 5, 5551234567.0).unwrap();
    sheet.write(2, 0, "Leap").unwrap();
    sheet.write(2, 1, "Day").unwrap();
    sheet.write(2, 2, "02/29/1991").unwrap();
    let path = dir.path().join("roster.xlsx");
    book.save(&path).unwrap();

    let preview = cmd::open(&app, &path).unwrap();
    assert_eq!(preview.sheets, ["Notes", "Roster"]);
    let preview = cmd::choose_sheet(&app, "Roster").unwrap();
    assert_eq!(
        preview.sample[0].cells,
        [
            "Omar",
            "Haddad",
            "1991-02-28",
            "45292",
            "12345",
            "5551234567"
        ]
    );
    let mut plan = plan_for(&preview);
    assert_eq!(plan.mapping.columns[3], Some(ImportField::SupervisionStart));
    let check = cmd::check(&app, &plan).unwrap();
    assert_eq!(check.problems, 2);
    let issue = &check
        .issues
        .iter()
        .find(|i| i.row == 3 && i.problem)
        .unwrap();
    assert_eq!(
        (issue.row, issue.column, issue.column_name.as_str()),
        (3, Some(2), "DOB")
    );
    assert!(
        issue.message.contains("1991 is not a leap year"),
        "{}",
        issue.message
    );
    // A supervision with a start but no type: the type is asked for.
    let omar_issue = check.issues.iter().find(|i| i.row == 2 && i.problem);
    assert!(
        omar_issue.is_some_and(|i| i.message.contains("type of supervision")),
        "{:?}",
        check.issues
    );

    // Refused while rows have problems: nothing is written.
    let before = fingerprint(&app);
    let err = cmd::commit(&app, &plan).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    assert_eq!(fingerprint(&app), before);

    // Fix the date in place, skip nothing, map no start column.
    plan.fixes.push(CellFix {
        row: 3,
        column: 2,
        value: "02/28/1991".into(),
    });
    plan.mapping.columns[3] = None;
    let done = cmd::commit(&app, &plan).unwrap();
    assert_eq!(done.created, 2);
    let omar = people_cmd::get(&app, &search(&app, "haddad")[0].id).unwrap();
    assert_eq!(omar.date_of_birth.as_deref(), Some("1991-02-28"));
    assert_eq!(omar.phone.as_deref(), Some("5551234567"));
    let ext: Option<String> = app
        .read(|db| {
            Ok(db.query_row(
                "SELECT external_id FROM people WHERE id = ?1",
                [&omar.id],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(ext.as_deref(), Some("12345"));
}

#[test]
fn an_import_that_fails_half_way_leaves_the_database_as_it_was() {
    let (dir, app) = unlocked_app();
    people_cmd::create(&app, &person("Existing", "Person")).unwrap();
    let mut text = String::from("Last,First,Group\n");
    for i in 0..50 {
        text.push_str(&format!("Row{i},Someone,Crew\n"));
    }
    let path = write(&dir, "half.csv", text.as_bytes());
    let preview = cmd::open(&app, &path).unwrap();
    let mut plan = plan_for(&preview);
    // A group id that is not there: every row passes the check, the write fails at the
    // first person saved with it, after the ones before it.
    plan.mapping.values.push(ValueChoice {
        field: ImportField::Group,
        value: "Crew".into(),
        target: "no-such-group".into(),
    });
    plan.fixes.push(CellFix {
        row: 2,
        column: 2,
        value: String::new(),
    });
    let check = cmd::check(&app, &plan).unwrap();
    assert!(check.blockers.is_empty(), "{:?}", check.blockers);
    let before = fingerprint(&app);
    assert!(cmd::commit(&app, &plan).is_err());
    assert_eq!(fingerprint(&app), before, "not one row of it is written");
    assert_eq!(search(&app, "row1").len(), 0);
}

#[test]
fn matches_are_found_and_decided_and_the_import_can_be_undone() {
    let (dir, app) = unlocked_app();
    let mut jane = person("Jane", "Núñez");
    jane.date_of_birth = Some("1990-03-04".into());
    let jane = people_cmd::create(&app, &jane).unwrap();
    let mut rick = person("Rick", "Roe");
    rick.date_of_birth = None;
    let rick = people_cmd::create(&app, &rick).unwrap();

    let csv = "Name,Date of birth,Phone,Language\n\
               \"NUNEZ, JANE\",1990-03-04,555-0100,Spanish\n\
               \"Roe, Rick\",1980-01-01,555-0101,english\n\
               \"Nunez, Jane\",1991-03-04,,\n\
               \"Smith, Al\",1970-01-01,,en\n\
               \"SMITH, AL\",01/01/1970,,Klingon\n";
    let path = write(&dir, "matches.csv", csv.as_bytes());
    let preview = cmd::open(&app, &path).unwrap();
    let mut plan = plan_for(&preview);
    let check = cmd::check(&app, &plan).unwrap();
    // An unknown language is shown for the coordinator to map.
    assert_eq!(check.unknown.len(), 1);
    assert_eq!(check.unknown[0].value, "Klingon");
    assert!(check
        .value_options
        .iter()
        .any(|o| o.field == ImportField::PreferredLanguage));
    plan.mapping.values.push(ValueChoice {
        field: ImportField::PreferredLanguage,
        value: "klingon".into(),
        target: String::new(),
    });
    let check = cmd::check(&app, &plan).unwrap();
    assert_eq!(check.problems, 0, "{:?}", check.issues);
    let m = |row: u32| check.matches.iter().find(|m| m.row == row);
    assert_eq!(m(2).unwrap().person_id.as_deref(), Some(jane.id.as_str()));
    assert_eq!(m(2).unwrap().strength, MatchStrength::Sure);
    assert_eq!(m(2).unwrap().action, Some(MatchAction::FillEmpty));
    assert_eq!(m(3).unwrap().person_id.as_deref(), Some(rick.id.as_str()));
    assert_eq!(m(3).unwrap().strength, MatchStrength::Possible);
    assert_eq!(
        m(3).unwrap().action,
        None,
        "a possible match waits for the coordinator"
    );
    assert!(
        m(4).is_none(),
        "same name, another date of birth: someone else"
    );
    assert_eq!(m(6).unwrap().matched_row, Some(5), "twice in the file");
    assert_eq!(m(6).unwrap().action, Some(MatchAction::Skip));
    assert!(
        check.blockers.iter().any(|b| b.contains("possible match")),
        "{:?}",
        check.blockers
    );
    let before = fingerprint(&app);
    assert!(cmd::commit(&app, &plan).is_err());
    assert_eq!(fingerprint(&app), before);

    plan.decisions.push(MatchDecision {
        row: 3,
        action: MatchAction::Update,
    });
    let done = cmd::commit(&app, &plan).unwrap();
    assert_eq!((done.created, done.updated, done.skipped), (2, 2, 1));
    let jane_after = people_cmd::get(&app, &jane.id).unwrap();
    assert_eq!(
        jane_after.phone.as_deref(),
        Some("555-0100"),
        "an empty field is filled"
    );
    assert_eq!(
        jane_after.preferred_language, "en",
        "fill-empty keeps what is there"
    );
    let rick_after = people_cmd::get(&app, &rick.id).unwrap();
    assert_eq!(rick_after.date_of_birth.as_deref(), Some("1980-01-01"));
    assert_eq!(search(&app, "smith").len(), 1);
    let history = people_cmd::history(&app, &jane.id).unwrap();
    assert_eq!(history.last().unwrap().action, "update");

    // Undo the whole import: everyone is as before.
    let import_id = cmd::list(&app).unwrap()[0].id.clone();
    assert_eq!(cmd::undo(&app, &import_id).unwrap(), 4);
    assert_eq!(search(&app, "smith").len(), 0);
    assert_eq!(people_cmd::get(&app, &jane.id).unwrap().phone, None);
    assert_eq!(people_cmd::get(&app, &rick.id).unwrap().date_of_birth, None);
    assert!(cmd::undo(&app, &import_id).is_err(), "once");

    // After a change to one of its people, an import can no longer be undone.
    let path = write(&dir, "again.csv", b"Last,First\nZed,Zoe\n");
    let preview = cmd::open(&app, &path).unwrap();
    cmd::commit(&app, &plan_for(&preview)).unwrap();
    let zoe = search(&app, "zoe")[0].id.clone();
    let mut input = people_cmd::get(&app, &zoe).unwrap().to_input();
    input.phone = "555-0199".into();
    people_cmd::update(&app, &zoe, &input).unwrap();
    let second = cmd::list(&app).unwrap()[0].id.clone();
    let before = fingerprint(&app);
    let err = cmd::undo(&app, &second).unwrap_err();
    assert!(err.to_string().contains("Zoe Zed changed"), "{err}");
    assert_eq!(fingerprint(&app), before);
}

#[test]
fn two_rows_matching_the_same_person_update_them_once_and_undo_whole() {
    let (dir, app) = unlocked_app();
    let mut jane = person("Jane", "Doe");
    jane.date_of_birth = Some("1990-03-04".into());
    let jane = people_cmd::create(&app, &jane).unwrap();
    let csv =
        "Last,First,DOB,Phone,Area\nDoe,Jane,1990-03-04,555-0100,\nDOE,JANE,1990-03-04,,Eastside\n";
    let path = write(&dir, "twice.csv", csv.as_bytes());
    let preview = cmd::open(&app, &path).unwrap();
    let done = cmd::commit(&app, &plan_for(&preview)).unwrap();
    assert_eq!((done.created, done.updated), (0, 1));
    let after = people_cmd::get(&app, &jane.id).unwrap();
    assert_eq!(after.phone.as_deref(), Some("555-0100"));
    assert_eq!(after.area.as_deref(), Some("Eastside"));
    let id = cmd::list(&app).unwrap()[0].id.clone();
    cmd::undo(&app, &id).unwrap();
    let back = people_cmd::get(&app, &jane.id).unwrap();
    assert_eq!((back.phone, back.area), (None, None));
}

#[test]
fn an_ambiguous_date_order_and_a_saved_mapping() {
    let (dir, app) = unlocked_app();
    let csv = "Surname,Given name,Birth date\nDoe,Jane,03/04/1990\nRoe,Rick,05/06/1991\n";
    let path = write(&dir, "dates.csv", csv.as_bytes());
    let preview = cmd::open(&app, &path).unwrap();
    assert!(preview.saved_mappings.is_empty());
    let mut plan = plan_for(&preview);
    let check = cmd::check(&app, &plan).unwrap();
    assert!(check.date_order.needed);
    assert!(check.blockers.iter().any(|b| b.contains("03/04/1990")));
    plan.mapping.date_order = Some(DateOrder::DayFirst);
    cmd::save_mapping(&app, "County probation", &plan.mapping).unwrap();
    cmd::commit(&app, &plan).unwrap();
    let doe = people_cmd::get(&app, &search(&app, "doe")[0].id).unwrap();
    assert_eq!(doe.date_of_birth.as_deref(), Some("1990-04-03"));

    // A file with the same headers is offered the saved mapping.
    let path = write(
        &dir,
        "next.csv",
        b"Surname,Given name,Birth date\nPoe,Ed,01/02/1980\n",
    );
    let preview = cmd::open(&app, &path).unwrap();
    assert_eq!(preview.saved_mappings.len(), 1);
    assert_eq!(preview.saved_mappings[0].name, "County probation");
    assert_eq!(preview.mapping.date_order, Some(DateOrder::DayFirst));
}

#[test]
fn a_merge_keeps_every_related_row_of_both() {
    let d = common::call_in_day::day();
    let _referrals = common::call_in_day::after_the_call_in(&d);
    let app = &d.app;
    let luis = search(app, "delgado")[0].id.clone();
    // Luis again, typed in by hand with a need and a supervision of his own.
    let mut again = person("Luis", "Delgado");
    again.phone = "555-0142".into();
    again.supervisions = vec![supervision(
        SupervisionType::Parole,
        "State",
        "K. Lee",
        "2024-01-01",
        "2029-01-01",
    )];
    again.needs = vec![callin_planner::domain::people::NeedCategory::Employment];
    let dup = people_cmd::create(app, &again).unwrap();

    let pairs = cmd::possible_duplicates(app).unwrap();
    assert_eq!(pairs.len(), 1, "{pairs:?}");
    let ids = [pairs[0].a.id.clone(), pairs[0].b.id.clone()];
    assert!(ids.contains(&luis) && ids.contains(&dup.id));

    let count = |id: &str| {
        app.read(|db| store::imports::related_counts(db, id))
            .unwrap()
    };
    let before_luis = count(&luis);
    let before_dup = count(&dup.id);
    assert!(before_luis.iter().any(|(t, n)| *t == "referrals" && *n > 0));

    // Keep Luis's record, with the hand-typed record's phone.
    let kept = people_cmd::get(app, &luis).unwrap();
    let merged = cmd::merge(
        app,
        &cmd::MergeRequest {
            keep_id: luis.clone(),
            merge_id: dup.id.clone(),
            take_from_merged: vec![callin_planner::domain::dedupe::MergeField::Phone],
        },
    )
    .unwrap();
    assert_eq!(merged.phone.as_deref(), Some("555-0142"));
    assert_eq!(merged.supervisions.len(), kept.supervisions.len() + 1);
    assert!(merged
        .needs
        .contains(&callin_planner::domain::people::NeedCategory::Employment));
    let after = count(&luis);
    for ((t, a), ((_, b), (_, c))) in after.iter().zip(before_luis.iter().zip(&before_dup)) {
        assert_eq!(*a, b + c, "{t}: every row of both is kept");
    }
    assert!(count(&dup.id).iter().all(|(_, n)| *n == 0));
    // The merged-away record is a tombstone pointing to the one kept.
    let (deleted, into): (Option<String>, Option<String>) = app
        .read(|db| {
            Ok(db.query_row(
                "SELECT deleted_at, merged_into FROM people WHERE id = ?1",
                [&dup.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap();
    assert!(deleted.is_some());
    assert_eq!(into.as_deref(), Some(luis.as_str()));
    assert!(people_cmd::get(app, &dup.id).is_err());
    // The kept person's history holds both records' entries.
    let history = people_cmd::history(app, &luis).unwrap();
    assert!(history
        .iter()
        .any(|e| e.entity_id.as_deref() == Some(dup.id.as_str()) && e.action == "create"));
    assert!(history.iter().any(|e| e.action == "merge"));
    assert!(cmd::possible_duplicates(app).unwrap().is_empty());
}

#[test]
fn not_the_same_person_is_remembered() {
    let (_dir, app) = unlocked_app();
    let a = people_cmd::create(&app, &person("Ana", "Peña")).unwrap();
    let b = people_cmd::create(&app, &person("Ana", "Pena")).unwrap();
    assert_eq!(cmd::possible_duplicates(&app).unwrap().len(), 1);
    cmd::dismiss(&app, &b.id, &a.id).unwrap();
    assert!(cmd::possible_duplicates(&app).unwrap().is_empty());
}

mod fuzz {
    use super::*;
    use callin_planner::domain::import::{check_rows, guess_mapping, CheckContext, ImportMapping};
    use callin_planner::import::roster::{self, DateSystem, SourceRow, Table};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Random bytes: the reader never panics; every refusal is a message.
        #[test]
        fn the_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            match roster::read_bytes("random.csv", bytes) {
                Ok(f) => { let _ = f.table(None); }
                Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
            }
        }

        /// Random text shaped like a CSV file.
        #[test]
        fn the_reader_takes_any_delimited_text(text in "[a-zA-Z0-9,;\t\"\r\n é/-]{0,400}") {
            match roster::read_bytes("random.csv", text.into_bytes()) {
                Ok(f) => {
                    let t = f.table(None).unwrap();
                    prop_assert!(t.rows.iter().all(|r| r.cells.len() == t.headers.len()));
                    prop_assert!(t.rows.windows(2).all(|w| w[0].number < w[1].number));
                }
                Err(e) => prop_assert!(!e.to_string().trim().is_empty()),
            }
        }

        /// Random rows under a random mapping: the checker never panics, and every row it
        /// refuses says why.
        #[test]
        fn the_row_checker_takes_any_rows(
            rows in proptest::collection::vec(proptest::collection::vec("[ -~ñé]{0,14}", 6), 0..20),
            fields in proptest::collection::vec(0usize..21, 6),
        ) {
            let headers: Vec<String> = ["Name", "DOB", "Type", "Start", "End", "Needs"].iter().map(|s| s.to_string()).collect();
            let mut mapping = guess_mapping(&headers);
            let all = ImportField::ALL;
            mapping.columns = fields.iter().map(|i| all.get(*i).copied()).collect();
            let table = Table {
                headers,
                header_row: 1,
                rows: rows.into_iter().enumerate().map(|(i, cells)| SourceRow { number: i as u32 + 2, cells }).collect(),
                blank_rows: 0,
                date_system: DateSystem::Excel1900,
            };
            let ctx = CheckContext { today: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(), groups: vec![] };
            let plan = ImportPlan { mapping: ImportMapping { ..mapping }, ..Default::default() };
            let out = check_rows(&table, &plan, &ctx);
            for r in &out.rows {
                let refused = r.person.is_none();
                prop_assert_eq!(refused, r.issues.iter().any(|i| i.problem));
                prop_assert!(r.issues.iter().all(|i| !i.message.trim().is_empty()));
            }
        }
    }
}
