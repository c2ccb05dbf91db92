//! The encrypted store: creation, unlocking, the schema guard, migrations and what lands in the file.

mod common;

use callin_planner::commands::session;
use callin_planner::error::ErrorCode;
use callin_planner::state::AppState;
use callin_planner::store::{self, SCHEMA_VERSION};
use common::*;

#[test]
fn a_new_database_is_migrated_to_the_latest_schema() {
    let (_dir, app) = unlocked_app();
    app.read(|db| {
        let version: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, SCHEMA_VERSION);
        let mode: String = db.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        assert_eq!(mode, "wal");
        let fk: i64 = db.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!(fk, 1);
        for table in [
            "people",
            "supervisions",
            "person_needs",
            "groups",
            "group_memberships",
            "group_links",
            "call_ins",
            "call_in_target_groups",
            "invitations",
            "speakers",
            "speaker_assignments",
            "agenda_segments",
            "providers",
            "services",
            "provider_assignments",
            "referrals",
            "referral_events",
            "contact_attempts",
            "outcome_events",
            "checklist_items",
            "audit_entries",
            "people_fts",
            "settings",
        ] {
            let n: i64 = db.query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )?;
            assert_eq!(n, 1, "table {table} is missing");
        }
        Ok(())
    })
    .unwrap();
}

#[test]
fn the_file_holds_no_plaintext() {
    let (dir, app) = unlocked_app();
    let mut input = person("Quintavious", "Zzyzxwellington");
    input.aliases = vec!["Xylophonic Marmot".into()];
    // Every needle is long enough that random ciphertext never holds it by chance (a
    // three-character one, "7Q2", turned up in the encrypted bytes about once in a hundred).
    input.notes = "Confidential note 7Q2KX9W".into();
    callin_planner::commands::people::create(&app, &input).unwrap();
    session::close(&app).unwrap();
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains(store::DB_FILE) {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    assert!(
        bytes.len() > 4096,
        "the database file should exist and hold data"
    );
    let haystack = String::from_utf8_lossy(&bytes);
    for secret in [
        "Zzyzxwellington",
        "Quintavious",
        "Xylophonic",
        "7Q2KX9W",
        "SQLite format 3",
        "CREATE TABLE",
    ] {
        assert!(
            !haystack.contains(secret),
            "found {secret:?} in the database file"
        );
    }
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let (dir, app) = unlocked_app();
    callin_planner::commands::people::create(&app, &person("Ana", "Peña")).unwrap();
    session::close(&app).unwrap();
    let path = dir.path().join(store::DB_FILE);
    let before = std::fs::read(&path).unwrap();

    let app = AppState::new(dir.path());
    let err = session::open(&app, "wrong passphrase 1").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(err.field(), Some("passphrase"));
    assert_eq!(err.to_string(), "The passphrase is not correct.");
    assert!(!session::status(&app).unwrap().unlocked);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a failed unlock must not touch the file"
    );

    // Commands refuse to run while locked.
    let err = callin_planner::commands::people::search(&app, &Default::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);

    session::open(&app, PASSPHRASE).unwrap();
    let page = callin_planner::commands::people::search(&app, &Default::default()).unwrap();
    assert_eq!(page.total, 1);
}

#[test]
fn a_weak_or_mistyped_passphrase_creates_nothing() {
    let dir = temp_dir();
    let app = AppState::new(dir.path());
    for weak in ["short1!", "onlyletterslong", "1234567890"] {
        let err = session::create(&app, weak, weak).unwrap_err();
        assert_eq!(err.field(), Some("passphrase"), "{weak}");
    }
    let err = session::create(&app, "good passphrase 9", "good passphrase 8").unwrap_err();
    assert_eq!(err.field(), Some("confirmation"));
    assert!(!session::status(&app).unwrap().database_exists);
    session::create(&app, "good passphrase 9", "good passphrase 9").unwrap();
    assert!(
        session::status(&app).unwrap().database_exists && session::status(&app).unwrap().unlocked
    );
    // A second create never overwrites the database.
    let err = session::create(&app, "other passphrase 1", "other passphrase 1").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
}

#[test]
fn a_database_from_a_newer_app_is_refused_unopened() {
    let (dir, app) = unlocked_app();
    app.write(|db| {
        db.pragma_update(None, "user_version", SCHEMA_VERSION + 1)?;
        Ok(())
    })
    .unwrap();
    session::close(&app).unwrap();
    let path = dir.path().join(store::DB_FILE);
    let before = std::fs::read(&path).unwrap();
    let app = AppState::new(dir.path());
    let err = session::open(&app, PASSPHRASE).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("newer version"), "{err}");
    assert!(!session::status(&app).unwrap().unlocked);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// The schema as SQLite describes it: every table, index, trigger and view, by name.
fn schema_of(app: &AppState) -> Vec<(String, String)> {
    app.read(|db| {
        let rows = db
            .prepare(
                "SELECT name, coalesce(sql, '') FROM sqlite_master \
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

/// A database made under the first released schema is upgraded by every later migration
/// to exactly the schema of a new database; migrating it again changes nothing.
#[test]
fn an_upgraded_database_has_the_schema_of_a_new_one_and_migrates_once() {
    let (_fresh_dir, fresh) = unlocked_app();
    let dir = temp_dir();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db"),
        dir.path().join(store::DB_FILE),
    )
    .unwrap();
    let old = AppState::new(dir.path());
    session::open(&old, PASSPHRASE).unwrap();
    assert_eq!(schema_of(&old), schema_of(&fresh));

    let before = fingerprint(&old);
    old.read(|db| {
        store::migrate(db)?;
        Ok(())
    })
    .unwrap();
    assert_eq!(
        fingerprint(&old),
        before,
        "a second migration changed the data"
    );
    assert_eq!(schema_of(&old), schema_of(&fresh));
}

/// Migrations are append-only: a landed file is never edited, new schema goes in a new
/// file. A new migration adds its line here; an edit to a landed one fails this test.
#[test]
fn landed_migrations_are_never_edited() {
    use sha2::{Digest, Sha256};
    const LANDED: &[(&str, &str)] = &[
        (
            "0001_initial.sql",
            "e846ded2b8ea9774241ca7b962d168fef3b08e4a1989f90c138d813c59239854",
        ),
        (
            "0002_call_in_planning.sql",
            "f39561be675af48579f57182136b6310ff7347c66e564bdcd902a4365c6488d0",
        ),
        (
            "0003_day_of.sql",
            "100efdfb459950fbc970c745a0c687490b2784d93f56d9a2e824bf76fe6d3d7f",
        ),
        (
            "0004_import.sql",
            "c6953eafe54d308395c567c323ff78798b780ac75cb3f7a129e6dc2e92cbae43",
        ),
        (
            "0005_directory.sql",
            "c7405722b15900798255b47cb0334401957dcc874275b763433144f7d2ecda22",
        ),
    ];
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/store/migrations");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        store::MIGRATIONS.len(),
        "every migration file is applied, in order"
    );
    for (i, name) in files.iter().enumerate() {
        let text = std::fs::read(folder.join(name)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&text),
            store::MIGRATIONS[i],
            "{name} is migration {}",
            i + 1
        );
        let digest: String = Sha256::digest(&text)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        match LANDED.get(i) {
            Some((landed, sum)) => {
                assert_eq!(name, landed, "migration {} was renamed", i + 1);
                assert_eq!(
                    &digest, sum,
                    "{name} has landed and was edited: put the change in a new migration"
                );
            }
            None => panic!("{name} is new: add it to LANDED with its SHA-256 {digest}"),
        }
    }
    assert_eq!(
        files.len(),
        LANDED.len(),
        "a landed migration file is missing"
    );
}

/// The database of every released schema version, kept in tests/fixtures, opens and
/// upgrades to the current schema with its data whole.
#[test]
fn released_schema_fixtures_upgrade() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    if std::env::var_os("WRITE_SCHEMA_FIXTURE").is_some() {
        let dir = temp_dir();
        let app = AppState::new(dir.path());
        session::create(&app, PASSPHRASE, PASSPHRASE).unwrap();
        let mut input = person("Fixture", "Núñez");
        input.aliases = vec!["Old Timer".into()];
        callin_planner::commands::people::create(&app, &input).unwrap();
        app.read(|db| {
            db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
            Ok(())
        })
        .unwrap();
        session::close(&app).unwrap();
        std::fs::copy(
            dir.path().join(store::DB_FILE),
            fixtures.join(format!("schema-v{SCHEMA_VERSION}.db")),
        )
        .unwrap();
    }
    for version in 1..=SCHEMA_VERSION {
        let src = fixtures.join(format!("schema-v{version}.db"));
        assert!(src.exists(), "missing fixture {}", src.display());
        let dir = temp_dir();
        std::fs::copy(&src, dir.path().join(store::DB_FILE)).unwrap();
        let app = AppState::new(dir.path());
        session::open(&app, PASSPHRASE).unwrap();
        let page = callin_planner::commands::people::search(
            &app,
            &callin_planner::domain::people::PeopleQuery {
                search: Some("old tim".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            page.rows.len(),
            1,
            "schema v{version}: the fixture person is found by alias"
        );
        assert_eq!(page.rows[0].last_name, "Núñez");
        app.read(|db| {
            let v: i64 = db.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            assert_eq!(v, SCHEMA_VERSION);
            Ok(())
        })
        .unwrap();
    }
}

#[test]
fn the_audit_log_cannot_be_rewritten() {
    let (_dir, app) = unlocked_app();
    callin_planner::commands::people::create(&app, &person("Ana", "Peña")).unwrap();
    let before = fingerprint(&app);
    app.write(|db| {
        let update = db
            .execute("UPDATE audit_entries SET actor = 'someone else'", [])
            .unwrap_err();
        assert!(update.to_string().contains("cannot be changed"), "{update}");
        let delete = db.execute("DELETE FROM audit_entries", []).unwrap_err();
        assert!(delete.to_string().contains("cannot be deleted"), "{delete}");
        Ok(())
    })
    .unwrap();
    assert_eq!(fingerprint(&app), before);
}

/// A read cannot change anything: the readers are query-only, so a change has to go
/// through `write`, in its one transaction with its audit entry.
#[test]
fn a_read_cannot_change_the_database() {
    let (_dir, app) = unlocked_app();
    callin_planner::commands::people::create(&app, &person("Ana", "Peña")).unwrap();
    let before = fingerprint(&app);
    let err = app
        .read(|db| {
            db.execute("UPDATE people SET first_name = 'Changed'", [])?;
            Ok(())
        })
        .unwrap_err();
    assert!(
        err.to_string().to_lowercase().contains("readonly")
            || err.to_string().to_lowercase().contains("read-only")
            || err.to_string().to_lowercase().contains("read only"),
        "{err}"
    );
    assert_eq!(fingerprint(&app), before);
}

#[test]
fn an_interrupted_creation_leaves_no_database_behind() {
    let dir = temp_dir();
    // What a crash during the very first start could leave: an empty file.
    std::fs::write(dir.path().join(store::DB_FILE), b"").unwrap();
    let app = AppState::new(dir.path());
    assert!(
        !session::status(&app).unwrap().database_exists,
        "an empty file is no database"
    );
    let err = session::open(&app, "any passphrase 1").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    session::create(&app, PASSPHRASE, PASSPHRASE).unwrap();
    assert!(session::status(&app).unwrap().unlocked);
    assert!(!dir
        .path()
        .join(format!(
            "{}.creating",
            store::DB_FILE.trim_end_matches(".db")
        ))
        .exists());
    session::close(&app).unwrap();
    let err = AppState::new(dir.path())
        .unlock("any passphrase 1")
        .unwrap_err();
    assert_eq!(err.field(), Some("passphrase"));
}

#[cfg(unix)]
#[test]
fn only_the_user_can_read_the_data_folder_and_database() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let data = dir.path().join("data");
    let app = AppState::new(&data);
    session::create(&app, PASSPHRASE, PASSPHRASE).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(store::DB_FILE)), 0o600);
}
