//! Groups, members, feuds and alliances through the commands' code path.

mod common;

use callin_planner::commands::{groups as cmd, people as people_cmd};
use callin_planner::domain::groups::{GroupInput, LinkKind};
use callin_planner::error::ErrorCode;
use callin_planner::store::audit;
use common::*;

fn group(
    app: &callin_planner::state::AppState,
    name: &str,
) -> callin_planner::domain::groups::Group {
    cmd::create(
        app,
        &GroupInput {
            name: name.into(),
            area: "North".into(),
            notes: String::new(),
        },
    )
    .unwrap()
}

#[test]
fn groups_members_and_links() {
    let (_dir, app) = unlocked_app();
    let a = group(&app, "Maple Street");
    let b = group(&app, "Riverside");
    let c = group(&app, "Harbor");
    let p = people_cmd::create(&app, &person("Dante", "Walker")).unwrap();

    let a2 = callin_planner::commands::groups::add_member(&app, &a.id, &p.id, "leader").unwrap();
    assert_eq!(a2.members.len(), 1);
    assert_eq!(a2.members[0].role.as_deref(), Some("leader"));
    // The person page shows the membership too.
    let shown = callin_planner::commands::people::get(&app, &p.id).unwrap();
    assert_eq!(shown.groups[0].group_name, "Maple Street");

    let linked =
        callin_planner::commands::groups::link(&app, &b.id, &a.id, LinkKind::Feud).unwrap();
    assert_eq!(linked.links.len(), 1);
    assert_eq!(linked.links[0].other_group_name, "Maple Street");
    assert_eq!(linked.links[0].kind, LinkKind::Feud);
    // Seen from the other side as well.
    let from_a = callin_planner::commands::groups::get(&app, &a.id).unwrap();
    assert_eq!(from_a.links[0].other_group_name, "Riverside");
    // Linking again changes the kind instead of adding a second link.
    callin_planner::commands::groups::link(&app, &a.id, &b.id, LinkKind::Alliance).unwrap();
    let from_a = callin_planner::commands::groups::get(&app, &a.id).unwrap();
    assert_eq!(from_a.links.len(), 1);
    assert_eq!(from_a.links[0].kind, LinkKind::Alliance);
    callin_planner::commands::groups::link(&app, &a.id, &c.id, LinkKind::Feud).unwrap();

    let list = callin_planner::commands::groups::list(&app).unwrap();
    let maple = list.iter().find(|g| g.name == "Maple Street").unwrap();
    assert_eq!(
        (maple.member_count, maple.feud_count, maple.alliance_count),
        (1, 1, 1)
    );

    let removed = callin_planner::commands::groups::remove_member(&app, &a.id, &p.id).unwrap();
    assert!(removed.members.is_empty());
    let link_id = removed
        .links
        .iter()
        .find(|l| l.kind == LinkKind::Feud)
        .unwrap()
        .id
        .clone();
    let unlinked = callin_planner::commands::groups::unlink(&app, &a.id, &link_id).unwrap();
    assert_eq!(unlinked.links.len(), 1);

    let actions: Vec<String> = app
        .read(|db| audit::for_entity(db, "group", &a.id))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, vec!["create"]);
    // Membership changes made on the group page show in the person's history, row by row.
    let history = callin_planner::commands::people::history(&app, &p.id).unwrap();
    let got: Vec<(String, String)> = history
        .iter()
        .map(|e| (e.entity.clone(), e.action.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("person".to_string(), "create".to_string()),
            ("group_membership".to_string(), "add_member".to_string()),
            ("group_membership".to_string(), "remove_member".to_string()),
        ]
    );
    assert!(history[1]
        .after
        .as_deref()
        .unwrap()
        .contains("\"groupName\":\"Maple Street\""));
    assert!(
        !history[1].after.as_deref().unwrap().contains("members"),
        "the row, not the whole group"
    );
    // Links: created, re-kinded, removed; each audited on the link.
    let link_actions: i64 = app
        .read(|db| {
            Ok(db.query_row(
                "SELECT count(*) FROM audit_entries WHERE entity = 'group_link'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(
        link_actions, 4,
        "feud created, changed to alliance, second feud created, one removed"
    );
}

#[test]
fn bad_group_input_names_the_field_and_changes_nothing() {
    let (_dir, app) = unlocked_app();
    let a = group(&app, "Maple Street");
    let p = people_cmd::create(&app, &person("Dante", "Walker")).unwrap();
    callin_planner::commands::groups::add_member(&app, &a.id, &p.id, "").unwrap();
    let before = fingerprint(&app);

    let err = cmd::create(
        &app,
        &GroupInput {
            name: " ".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("name"));
    let err = cmd::create(
        &app,
        &GroupInput {
            name: "maple street".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.field(), Some("name"));
    assert!(err.to_string().contains("already exists"));
    let err =
        callin_planner::commands::groups::link(&app, &a.id, &a.id, LinkKind::Feud).unwrap_err();
    assert_eq!(err.field(), Some("otherGroupId"));
    let err =
        callin_planner::commands::groups::link(&app, &a.id, "nope", LinkKind::Feud).unwrap_err();
    assert_eq!(err.field(), Some("otherGroupId"));
    let err = callin_planner::commands::groups::add_member(&app, &a.id, &p.id, "").unwrap_err();
    assert_eq!(err.field(), Some("personId"));
    let err = callin_planner::commands::groups::add_member(&app, &a.id, "nobody", "").unwrap_err();
    assert_eq!(err.field(), Some("personId"));
    let err = callin_planner::commands::groups::add_member(&app, "nogroup", &p.id, "").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    for same in ["MAPLE  STRÉÉT", "Máple Street"] {
        let err = cmd::create(
            &app,
            &GroupInput {
                name: same.into(),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("name"), "{same}");
    }
    let err = callin_planner::commands::groups::add_member(&app, &a.id, "", "").unwrap_err();
    assert_eq!(err.to_string(), "Choose a person to add.");
    let err = callin_planner::commands::groups::link(&app, &a.id, "", LinkKind::Feud).unwrap_err();
    assert_eq!(err.to_string(), "Choose the other group.");
    let err = callin_planner::commands::groups::remove_member(&app, &a.id, "nobody").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = callin_planner::commands::groups::unlink(&app, &a.id, "nolink").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(fingerprint(&app), before);

    let b = group(&app, "Riverside");
    let before = fingerprint(&app);
    let rename = GroupInput {
        name: "Maple Street".into(),
        ..Default::default()
    };
    let err = callin_planner::commands::groups::update(&app, &b.id, &rename).unwrap_err();
    assert_eq!(err.field(), Some("name"));
    assert_eq!(fingerprint(&app), before);
}

#[test]
fn demo_data_loads_once_into_an_empty_registry() {
    let (_dir, app) = unlocked_app();
    let summary = callin_planner::commands::session::load_demo(&app).unwrap();
    assert_eq!(summary.people, callin_planner::demo::DEFAULT_PEOPLE as u32);
    let list = callin_planner::commands::groups::list(&app).unwrap();
    assert_eq!(list.len(), summary.groups as usize);
    assert!(list.iter().any(|g| g.feud_count > 0));
    let all = people_cmd::search(
        &app,
        &callin_planner::domain::people::PeopleQuery {
            status: None,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(all.total > 250);
    // An upcoming call-in, ready for its day: scheduled, providers at the table, notices out.
    let call_ins = callin_planner::commands::callins::list(&app).unwrap();
    assert_eq!(call_ins.len(), 1);
    let c = &call_ins[0];
    assert_eq!(
        c.status,
        callin_planner::domain::lifecycle::CallInStatus::Scheduled
    );
    let door = callin_planner::commands::dayof::door_of(&app, &c.id).unwrap();
    assert_eq!((door.expected, door.arrived), (10, 0));
    let table = callin_planner::commands::directory::coverage(&app, &c.id).unwrap();
    assert_eq!(table.providers.len(), 4);
    let before = fingerprint(&app);
    let err = callin_planner::commands::session::load_demo(&app).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(fingerprint(&app), before);
}
