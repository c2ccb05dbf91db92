//! The people registry through the commands' code path, on a real encrypted database.

mod common;

use callin_planner::commands::{groups as group_cmd, people as cmd};
use callin_planner::domain::groups::GroupInput;
use callin_planner::domain::people::{
    MembershipInput, NeedCategory, PeopleQuery, PeopleSort, PersonStatus, SupervisionType,
};
use callin_planner::error::ErrorCode;
use callin_planner::store;
use common::*;

fn search(app: &callin_planner::state::AppState, text: &str) -> Vec<String> {
    cmd::search(
        app,
        &PeopleQuery {
            search: Some(text.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .into_iter()
    .map(|r| format!("{} {}", r.first_name, r.last_name))
    .collect()
}

#[test]
fn create_edit_archive_restore_each_write_an_audit_entry() {
    let (_dir, app) = unlocked_app();
    let created = cmd::create(&app, &person("María", "Núñez")).unwrap();
    let mut edit = created.to_input();
    edit.phone = "(203) 555-0142".into();
    let edited = cmd::update(&app, &created.id, &edit).unwrap();
    assert_eq!(edited.phone.as_deref(), Some("(203) 555-0142"));
    callin_planner::commands::people::archive(&app, &created.id).unwrap();
    callin_planner::commands::people::restore(&app, &created.id).unwrap();

    let history = callin_planner::commands::people::history(&app, &created.id).unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["create", "update", "archive", "restore"]);
    assert!(history[0].before.is_none());
    assert!(history[1]
        .before
        .as_deref()
        .unwrap()
        .contains("\"phone\":null"));
    assert!(history[1].after.as_deref().unwrap().contains("555-0142"));
    assert!(history[2]
        .after
        .as_deref()
        .unwrap()
        .contains("\"status\":\"archived\""));
    assert!(history.iter().all(|e| !e.actor.is_empty()));
}

#[test]
fn search_finds_by_alias_prefix_and_ignores_accents() {
    let (_dir, app) = unlocked_app();
    let mut maria = person("María", "Núñez");
    maria.aliases = vec!["La Flaca".into()];
    cmd::create(&app, &maria).unwrap();
    let mut kevin = person("Kevin", "O'Brien");
    kevin.aliases = vec!["Boogie".into()];
    cmd::create(&app, &kevin).unwrap();
    cmd::create(&app, &person("Nguyễn", "Trần")).unwrap();

    assert_eq!(search(&app, "boog"), vec!["Kevin O'Brien"]);
    assert_eq!(search(&app, "nunez"), vec!["María Núñez"]);
    assert_eq!(search(&app, "NÚÑ"), vec!["María Núñez"]);
    assert_eq!(search(&app, "flac"), vec!["María Núñez"]);
    assert_eq!(search(&app, "o'bri"), vec!["Kevin O'Brien"]);
    assert_eq!(search(&app, "tran ngu"), vec!["Nguyễn Trần"]);
    assert!(search(&app, "zz").is_empty());
    // FTS syntax typed by a person is taken as plain words, never an error.
    assert!(search(&app, "\"NEAR( OR *").is_empty());
}

#[test]
fn the_index_follows_an_edit() {
    let (dir, app) = unlocked_app();
    let mut input = person("Kevin", "O'Brien");
    input.aliases = vec!["Boogie".into()];
    let p = cmd::create(&app, &input).unwrap();
    let mut edit = p.to_input();
    edit.aliases = vec!["Smoke".into()];
    edit.last_name = "Sullivan".into();
    cmd::update(&app, &p.id, &edit).unwrap();
    assert!(
        search(&app, "boog").is_empty(),
        "the old alias must leave the index"
    );
    assert!(
        search(&app, "o'brien").is_empty(),
        "the old name must leave the index"
    );
    assert_eq!(search(&app, "smo"), vec!["Kevin Sullivan"]);
    assert_eq!(search(&app, "sulli"), vec!["Kevin Sullivan"]);
    // The index stays consistent with its table (FTS5's check is an INSERT, so it runs on a
    // connection of its own, outside the app's audited writes).
    let own = store::open(&dir.path().join(store::DB_FILE), PASSPHRASE).unwrap();
    own.execute_batch("INSERT INTO people_fts(people_fts, rank) VALUES ('integrity-check', 1)")
        .unwrap();
}

#[test]
fn archived_people_leave_the_list_until_restored() {
    let (_dir, app) = unlocked_app();
    let p = cmd::create(&app, &person("Ana", "Peña")).unwrap();
    callin_planner::commands::people::archive(&app, &p.id).unwrap();
    assert!(search(&app, "pena").is_empty());
    let archived = cmd::search(
        &app,
        &PeopleQuery {
            status: Some(PersonStatus::Archived),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(archived.total, 1);
    // Archiving twice is refused clearly; editing an archived person is refused.
    let err = callin_planner::commands::people::archive(&app, &p.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    let err = cmd::update(&app, &p.id, &p.to_input()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    let restored = callin_planner::commands::people::restore(&app, &p.id).unwrap();
    assert_eq!(restored.status, PersonStatus::Active);
    assert_eq!(search(&app, "pena"), vec!["Ana Peña"]);
    // Nothing was ever deleted.
    let rows: i64 = app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM people", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn archive_keeps_the_status_a_person_had() {
    let (_dir, app) = unlocked_app();
    let mut input = person("Omar", "Haddad");
    input.status = PersonStatus::InCustody;
    let p = cmd::create(&app, &input).unwrap();
    callin_planner::commands::people::archive(&app, &p.id).unwrap();
    let back = callin_planner::commands::people::restore(&app, &p.id).unwrap();
    assert_eq!(back.status, PersonStatus::InCustody);
}

#[test]
fn supervision_records_groups_and_needs_are_saved_and_edited() {
    let (_dir, app) = unlocked_app();
    let dixwell = group_cmd::create(
        &app,
        &GroupInput {
            name: "Dixwell".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut input = person("Luis", "Delgado");
    input.supervisions = vec![
        supervision(
            SupervisionType::Probation,
            "County Adult Probation",
            "R. Carter",
            "2022-01-01",
            "2024-01-01",
        ),
        supervision(
            SupervisionType::Parole,
            "State Board of Parole",
            "T. Nguyen",
            "2025-03-01",
            "2028-03-01",
        ),
    ];
    input.groups = vec![MembershipInput {
        group_id: dixwell.id.clone(),
        role: "leader".into(),
    }];
    input.needs = vec![NeedCategory::Housing, NeedCategory::Employment];
    let p = cmd::create(&app, &input).unwrap();
    assert_eq!(p.supervisions.len(), 2);
    assert_eq!(
        p.supervisions[0].kind,
        SupervisionType::Parole,
        "latest start first"
    );
    assert_eq!(p.groups[0].group_name, "Dixwell");
    assert_eq!(p.groups[0].role.as_deref(), Some("leader"));
    assert_eq!(
        p.needs,
        vec![NeedCategory::Employment, NeedCategory::Housing],
        "in catalogue order"
    );

    // The list shows the current supervision.
    let row = &cmd::search(&app, &Default::default()).unwrap().rows[0];
    assert_eq!(row.supervision_type, Some(SupervisionType::Parole));
    assert_eq!(row.officer_name.as_deref(), Some("T. Nguyen"));
    assert_eq!(row.supervision_end.as_deref(), Some("2028-03-01"));
    assert_eq!(row.groups, vec!["Dixwell".to_string()]);

    // Remove the parole record, edit the probation one, drop the group and a need.
    let mut edit = p.to_input();
    edit.supervisions.remove(0);
    edit.supervisions[0].officer_name = "L. Okafor".into();
    edit.groups.clear();
    edit.needs = vec![NeedCategory::Employment];
    let p2 = cmd::update(&app, &p.id, &edit).unwrap();
    assert_eq!(p2.supervisions.len(), 1);
    assert_eq!(
        p2.supervisions[0].id, p.supervisions[1].id,
        "the kept record keeps its id"
    );
    assert_eq!(
        p2.supervisions[0].officer_name.as_deref(),
        Some("L. Okafor")
    );
    assert!(p2.groups.is_empty());
    assert_eq!(p2.needs, vec![NeedCategory::Employment]);
    let row = &cmd::search(&app, &Default::default()).unwrap().rows[0];
    assert_eq!(row.supervision_type, Some(SupervisionType::Probation));
    assert_eq!(row.officer_name.as_deref(), Some("L. Okafor"));
    // Tombstoned, not deleted.
    let n: i64 = app
        .read(|db| Ok(db.query_row("SELECT count(*) FROM supervisions", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(n, 2);

    // With every supervision removed the list shows none.
    let mut edit = p2.to_input();
    edit.supervisions.clear();
    cmd::update(&app, &p.id, &edit).unwrap();
    let row = &cmd::search(&app, &Default::default()).unwrap().rows[0];
    assert_eq!(row.supervision_type, None);
    assert_eq!(row.officer_name, None);
}

#[test]
fn filters_sorting_and_keyset_pages() {
    let (_dir, app) = unlocked_app();
    let g = group_cmd::create(
        &app,
        &GroupInput {
            name: "Hill".into(),
            ..Default::default()
        },
    )
    .unwrap();
    for i in 0..25 {
        let mut input = person(&format!("P{i:02}"), &format!("Last{:02}", 24 - i));
        let (kind, agency, officer) = if i % 2 == 0 {
            (SupervisionType::Probation, "County", "R. Carter")
        } else {
            (SupervisionType::Parole, "State", "T. Nguyen")
        };
        input.supervisions = vec![supervision(
            kind,
            agency,
            officer,
            "2024-01-01",
            &format!("2027-01-{:02}", i + 1),
        )];
        if i % 5 == 0 {
            input.groups = vec![MembershipInput {
                group_id: g.id.clone(),
                role: String::new(),
            }];
        }
        if i == 3 {
            input.status = PersonStatus::Moved;
        }
        cmd::create(&app, &input).unwrap();
    }
    let q = |query: PeopleQuery| cmd::search(&app, &query).unwrap();

    assert_eq!(
        q(PeopleQuery {
            supervision_type: Some(SupervisionType::Parole),
            ..Default::default()
        })
        .total,
        12
    );
    assert_eq!(
        q(PeopleQuery {
            agency: Some("County".into()),
            ..Default::default()
        })
        .total,
        13
    );
    assert_eq!(
        q(PeopleQuery {
            officer: Some("T. Nguyen".into()),
            ..Default::default()
        })
        .total,
        12
    );
    assert_eq!(
        q(PeopleQuery {
            group_id: Some(g.id.clone()),
            ..Default::default()
        })
        .total,
        5
    );
    assert_eq!(
        q(PeopleQuery {
            status: Some(PersonStatus::Moved),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        q(PeopleQuery {
            group_id: Some(g.id.clone()),
            agency: Some("State".into()),
            ..Default::default()
        })
        .total,
        2
    );

    // Name order, in pages of 10, following the cursor.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = q(PeopleQuery {
            limit: Some(10),
            after: after.clone(),
            ..Default::default()
        });
        assert_eq!(page.total, 25);
        seen.extend(page.rows.iter().map(|r| r.last_name.clone()));
        match page.next_cursor {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25).map(|i| format!("Last{i:02}")).collect();
    assert_eq!(seen, expected);

    // Descending by supervision end, paged.
    let first = q(PeopleQuery {
        sort: Some(PeopleSort::SupervisionEnd),
        descending: Some(true),
        limit: Some(3),
        ..Default::default()
    });
    let ends: Vec<_> = first
        .rows
        .iter()
        .map(|r| r.supervision_end.clone().unwrap())
        .collect();
    assert_eq!(ends, vec!["2027-01-25", "2027-01-24", "2027-01-23"]);
    let second = q(PeopleQuery {
        sort: Some(PeopleSort::SupervisionEnd),
        descending: Some(true),
        limit: Some(3),
        after: first.next_cursor,
        ..Default::default()
    });
    assert_eq!(
        second.rows[0].supervision_end.as_deref(),
        Some("2027-01-22")
    );

    // A broken cursor is a clear error, not a crash.
    let err = cmd::search(
        &app,
        &PeopleQuery {
            after: Some("garbage".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("after"));
}

/// Bad input for every person command: the typed error names the field and the database is unchanged.
#[test]
fn bad_input_names_the_field_and_changes_nothing() {
    let (_dir, app) = unlocked_app();
    let ok = cmd::create(&app, &person("Ana", "Peña")).unwrap();
    let before = fingerprint(&app);

    let mut no_last = person("Ana", "  ");
    no_last.aliases = vec!["x".into()];
    let err = cmd::create(&app, &no_last).unwrap_err();
    assert_eq!(
        (err.code(), err.field()),
        (ErrorCode::Validation, Some("lastName"))
    );

    let mut future = person("Ana", "Peña");
    future.date_of_birth = Some("2999-01-01".into());
    let err = cmd::create(&app, &future).unwrap_err();
    assert_eq!(err.field(), Some("dateOfBirth"));

    let mut backwards = ok.to_input();
    backwards.supervisions = vec![supervision(
        SupervisionType::Parole,
        "State",
        "X",
        "2025-05-01",
        "2025-04-01",
    )];
    let err = cmd::update(&app, &ok.id, &backwards).unwrap_err();
    assert_eq!(err.field(), Some("supervisions.0.endDate"));

    let mut ghost_group = ok.to_input();
    ghost_group.groups = vec![MembershipInput {
        group_id: "no-such-group".into(),
        role: String::new(),
    }];
    ghost_group.first_name = "Changed".into();
    let err = cmd::update(&app, &ok.id, &ghost_group).unwrap_err();
    assert_eq!(err.field(), Some("groups.0.groupId"));
    // Refused after the person row was updated inside the transaction: all of it rolled back.
    assert_eq!(fingerprint(&app), before);
    assert_eq!(
        callin_planner::commands::people::get(&app, &ok.id)
            .unwrap()
            .first_name,
        "Ana"
    );

    // A supervision id from someone else is refused, mid-transaction, leaving nothing behind.
    let other = {
        let mut o = person("Omar", "Haddad");
        o.supervisions = vec![supervision(
            SupervisionType::Parole,
            "State",
            "Y",
            "2024-01-01",
            "2026-01-01",
        )];
        cmd::create(&app, &o).unwrap()
    };
    let before_theft = fingerprint(&app);
    let mut theft = ok.to_input();
    theft.first_name = "Changed".into();
    theft.supervisions = other.to_input().supervisions;
    let err = cmd::update(&app, &ok.id, &theft).unwrap_err();
    assert_eq!(err.field(), Some("supervisions.0"));
    assert_eq!(fingerprint(&app), before_theft);
    assert_eq!(
        callin_planner::commands::people::get(&app, &ok.id)
            .unwrap()
            .first_name,
        "Ana"
    );

    let before = fingerprint(&app);
    let err = cmd::update(&app, "no-such-person", &person("A", "B")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = callin_planner::commands::people::restore(&app, &ok.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidTransition);
    assert_eq!(fingerprint(&app), before);
}

#[test]
fn search_folds_letters_the_way_people_type_them() {
    let (_dir, app) = unlocked_app();
    cmd::create(&app, &person("Łukasz", "Wiśniewski")).unwrap();
    cmd::create(&app, &person("Thanh", "Đặng")).unwrap();
    cmd::create(&app, &person("민준", "김")).unwrap();
    cmd::create(&app, &person("Øyvind", "Strauß")).unwrap();
    let mut zhang = person("Wei", "Zhang");
    zhang.aliases = vec!["张伟".into()];
    cmd::create(&app, &zhang).unwrap();
    assert_eq!(search(&app, "luk"), vec!["Łukasz Wiśniewski"]);
    assert_eq!(search(&app, "wisn"), vec!["Łukasz Wiśniewski"]);
    assert_eq!(search(&app, "dang"), vec!["Thanh Đặng"]);
    assert_eq!(search(&app, "ĐẶNG"), vec!["Thanh Đặng"]);
    assert_eq!(search(&app, "김"), vec!["민준 김"]);
    assert_eq!(search(&app, "oyv strauss"), vec!["Øyvind Strauß"]);
    assert_eq!(search(&app, "张"), vec!["Wei Zhang"]);
    assert_eq!(search(&app, "Ｗｅｉ"), vec!["Wei Zhang"]);
}

#[test]
fn an_edit_keeps_memberships_and_needs_that_stay() {
    let (_dir, app) = unlocked_app();
    let g = group_cmd::create(
        &app,
        &GroupInput {
            name: "Hill".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let mut input = person("Luis", "Delgado");
    input.groups = vec![MembershipInput {
        group_id: g.id.clone(),
        role: "member".into(),
    }];
    input.needs = vec![NeedCategory::Housing];
    let p = cmd::create(&app, &input).unwrap();
    let rows = |table: &str| -> i64 {
        app.read(|db| Ok(db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?))
            .unwrap()
    };
    for _ in 0..3 {
        let mut edit = callin_planner::commands::people::get(&app, &p.id)
            .unwrap()
            .to_input();
        edit.phone = "(203) 555-0100".into();
        cmd::update(&app, &p.id, &edit).unwrap();
    }
    assert_eq!(
        rows("group_memberships"),
        1,
        "an unchanged membership is kept, not re-created"
    );
    assert_eq!(rows("person_needs"), 1);
    let mut edit = callin_planner::commands::people::get(&app, &p.id)
        .unwrap()
        .to_input();
    edit.groups[0].role = "leader".into();
    let after = cmd::update(&app, &p.id, &edit).unwrap();
    assert_eq!(after.groups[0].role.as_deref(), Some("leader"));
    assert_eq!(
        rows("group_memberships"),
        1,
        "a role change updates the row"
    );
}

/// Over 2,000 matches the list walks its sort index instead of sorting: both plans page alike.
#[test]
fn large_lists_page_in_order_by_every_sort() {
    let (_dir, app) = unlocked_app();
    let today = callin_planner::domain::time::today();
    app.write(|tx| {
        for i in 0..2100u32 {
            let mut p = person(
                &format!("F{:04}", (i * 7919) % 2100),
                &format!("L{:04}", (i * 104729) % 2100),
            );
            p.supervisions = vec![supervision(
                SupervisionType::Probation,
                if i % 3 == 0 { "County" } else { "State" },
                "R. Carter",
                "2024-01-01",
                &format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            )];
            let v = callin_planner::domain::people::validate_person(&p, today)?;
            store::people::create_person(tx, &v)?;
        }
        Ok(())
    })
    .unwrap();
    for (sort, desc, filter) in [
        (PeopleSort::Name, false, None),
        (PeopleSort::Name, true, None),
        (PeopleSort::SupervisionEnd, false, None),
        (PeopleSort::Name, false, Some("County")),
    ] {
        let mut seen: Vec<(String, String)> = Vec::new();
        let mut after = None;
        let mut total;
        loop {
            let page = cmd::search(
                &app,
                &PeopleQuery {
                    sort: Some(sort),
                    descending: Some(desc),
                    agency: filter.map(str::to_owned),
                    limit: Some(500),
                    after: after.clone(),
                    ..Default::default()
                },
            )
            .unwrap();
            total = page.total;
            seen.extend(page.rows.iter().map(|r| {
                let key = match sort {
                    PeopleSort::SupervisionEnd => r.supervision_end.clone().unwrap_or_default(),
                    _ => format!("{} {}", r.last_name, r.first_name),
                };
                (key, r.id.clone())
            }));
            match page.next_cursor {
                Some(c) => after = Some(c),
                None => break,
            }
        }
        assert_eq!(
            seen.len() as u32,
            total,
            "{sort:?} {desc} {filter:?}: every row once"
        );
        let mut sorted = seen.clone();
        sorted.sort();
        if desc {
            sorted.reverse();
        }
        assert_eq!(
            seen, sorted,
            "{sort:?} {desc} {filter:?}: in order across pages"
        );
        let ids: std::collections::BTreeSet<_> = seen.iter().map(|(_, id)| id).collect();
        assert_eq!(ids.len(), seen.len(), "no row twice");
    }
}
