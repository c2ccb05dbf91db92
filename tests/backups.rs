//! Keeping the only copy safe, against real encrypted files: backups made, checked and
//! listed; restores that refuse what they must and replace what they should; the passphrase
//! changed safely; the idle lock and the wait after wrong passphrases enforced by the backend.

mod common;

use std::path::{Path, PathBuf};

use callin_planner::commands::{backups, people, session};
use callin_planner::domain::backup::{BackupKey, BackupReason};
use callin_planner::error::ErrorCode;
use callin_planner::state::AppState;
use callin_planner::store;
use common::{fingerprint, person, temp_dir, unlocked_app, PASSPHRASE};

fn add(app: &AppState, first: &str, last: &str) -> String {
    people::create(app, &person(first, last)).unwrap().id
}

fn people_named(app: &AppState, text: &str) -> usize {
    people::search(
        app,
        &callin_planner::domain::people::PeopleQuery {
            search: Some(text.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .len()
}

/// A backup folder of its own, chosen in Settings.
fn with_folder(app: &AppState) -> (common::TempDir, PathBuf) {
    let dir = temp_dir();
    let folder = dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    backups::set_folder(app, folder.to_str().unwrap()).unwrap();
    (dir, folder)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_backup_is_an_encrypted_checked_copy_with_a_manifest_beside_it() {
    let (_d, app) = unlocked_app();
    for i in 0..30 {
        add(&app, "Quillon", &format!("Backupson{i}"));
    }
    let (_u, folder) = with_folder(&app);
    let made = backups::backup_now(&app, None).unwrap();
    let path = PathBuf::from(&made.entry.path);
    assert_eq!(path.parent().unwrap(), folder);
    let manifest = made.entry.manifest.clone().unwrap();
    assert_eq!(manifest.reason, BackupReason::Manual);
    assert_eq!(manifest.key, BackupKey::Database);
    assert_eq!(manifest.schema_version, store::SCHEMA_VERSION);
    assert_eq!(manifest.size_bytes, std::fs::metadata(&path).unwrap().len());
    assert_eq!(manifest.sha256, store::backup::sha256_file(&path).unwrap());
    // The manifest says nothing about anyone; the backup holds nothing in plaintext.
    let manifest_text = std::fs::read_to_string(store::backup::manifest_path(&path)).unwrap();
    assert!(!manifest_text.contains("Quillon"), "{manifest_text}");
    let bytes = std::fs::read(&path).unwrap();
    assert!(!contains(&bytes, "Quillon") && !contains(&bytes, "Backupson"));
    assert!(!bytes.starts_with(b"SQLite format 3"));
    // It opens with the passphrase and holds everyone.
    let contents = backups::inspect(&path, PASSPHRASE).unwrap();
    assert_eq!(contents.people, 30);
    assert_eq!(contents.reason, Some(BackupReason::Manual));
    // No partial file is left behind, and the list shows it.
    let names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let list = backups::list(&app).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].problem, None);
    // Making it was audited.
    let audited: i64 = app
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_entries WHERE action = 'backup'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn a_backup_made_while_the_app_writes_is_consistent() {
    let (_d, app) = unlocked_app();
    let (_u, folder) = with_folder(&app);
    std::thread::scope(|s| {
        let writer = s.spawn(|| {
            for i in 0..150 {
                add(&app, "Concurrent", &format!("Writer{i}"));
            }
        });
        for _ in 0..3 {
            backups::backup_now(&app, None).unwrap();
        }
        writer.join().unwrap();
    });
    // Every person in each copy has the audit entry written in the same transaction.
    for entry in store::backup::list(&folder).unwrap() {
        let dir = temp_dir();
        std::fs::copy(&entry.path, dir.path().join(store::DB_FILE)).unwrap();
        let copy = AppState::new(dir.path());
        session::open(&copy, PASSPHRASE).unwrap();
        let (people, created): (i64, i64) = copy
            .read(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT count(*) FROM people),
                            (SELECT count(*) FROM audit_entries WHERE entity = 'person' AND action = 'create')",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .unwrap();
        assert_eq!(people, created, "{}", entry.file);
    }
}

#[test]
fn a_backup_with_its_own_passphrase_opens_only_with_that_one() {
    let (_d, app) = unlocked_app();
    add(&app, "Supervisor", "Copy");
    let (_u, _folder) = with_folder(&app);
    let weak = backups::OwnPassphrase {
        passphrase: "short".into(),
        confirmation: "short".into(),
    };
    assert_eq!(
        backups::backup_now(&app, Some(&weak)).unwrap_err().field(),
        Some("passphrase")
    );
    let own = backups::OwnPassphrase {
        passphrase: "supervisor copy 77".into(),
        confirmation: "supervisor copy 77".into(),
    };
    let made = backups::backup_now(&app, Some(&own)).unwrap();
    assert_eq!(made.entry.manifest.as_ref().unwrap().key, BackupKey::Own);
    let path = Path::new(&made.entry.path);
    let err = backups::inspect(path, PASSPHRASE).unwrap_err();
    assert_eq!(err.field(), Some("passphrase"), "{err}");
    assert_eq!(
        backups::inspect(path, "supervisor copy 77").unwrap().people,
        1
    );
}

#[test]
fn a_missing_backup_folder_is_said_plainly_and_changes_nothing() {
    let (_d, app) = unlocked_app();
    add(&app, "Unplugged", "Drive");
    let (u, folder) = with_folder(&app);
    drop(u);
    assert!(!folder.exists());
    let before = fingerprint(&app);
    let st = backups::status(&app).unwrap();
    assert!(
        st.folder_problem
            .as_deref()
            .unwrap()
            .contains("is not there"),
        "{st:?}"
    );
    let err = backups::backup_now(&app, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("plug the drive in"), "{err}");
    // The daily one fails, is remembered, and is not retried at once.
    assert!(backups::scheduled(&app).is_err());
    let st = backups::status(&app).unwrap();
    assert!(st.last_failure.is_some());
    assert!(backups::scheduled(&app).unwrap().is_none());
    assert_eq!(fingerprint(&app), before);
    // Plugged back in: the next backup works.
    std::fs::create_dir_all(&folder).unwrap();
    backups::backup_now(&app, None).unwrap();
    assert!(backups::status(&app).unwrap().last_failure.is_none());
}

#[test]
fn the_daily_backup_runs_when_due_and_rotation_keeps_what_it_should() {
    let (_d, app) = unlocked_app();
    let (_u, folder) = with_folder(&app);
    let made = backups::scheduled(&app)
        .unwrap()
        .expect("due: there is no backup yet");
    assert_eq!(made.entry.manifest.unwrap().reason, BackupReason::Daily);
    assert!(
        backups::scheduled(&app).unwrap().is_none(),
        "not due again at once"
    );
    // Forty older daily backups (their manifests dated back a day each) and a manual one.
    let src = backups::list(&app).unwrap().remove(0);
    let text = std::fs::read_to_string(store::backup::manifest_path(Path::new(&src.path))).unwrap();
    let mut manifest = callin_planner::domain::backup::BackupManifest::parse(&text).unwrap();
    let made_at = manifest.made_at().unwrap();
    for d in 1..=40 {
        let at = made_at - chrono::Duration::days(d);
        let reason = if d == 40 {
            BackupReason::Manual
        } else {
            BackupReason::Daily
        };
        let name = callin_planner::domain::backup::file_name(at, reason, 1);
        std::fs::copy(&src.path, folder.join(&name)).unwrap();
        manifest.made_at = at.to_rfc3339();
        manifest.reason = reason;
        manifest.file = name.clone();
        std::fs::write(
            store::backup::manifest_path(&folder.join(&name)),
            serde_json::to_string(&manifest).unwrap(),
        )
        .unwrap();
    }
    // Today's is removed so that one is due again.
    store::backup::remove(&folder, &src.file).unwrap();
    let made = backups::scheduled(&app).unwrap().unwrap();
    assert!(made.removed > 0);
    let left = backups::list(&app).unwrap();
    // 7 days (today and the last 6), at most 4 weeks and 12 months beyond, and the manual one.
    assert!(left.len() <= 7 + 4 + 12 + 1, "{}", left.len());
    assert!(left
        .iter()
        .any(|e| e.manifest.as_ref().unwrap().reason == BackupReason::Manual));
    for d in 1..=6 {
        let at = made_at - chrono::Duration::days(d);
        let name = callin_planner::domain::backup::file_name(at, BackupReason::Daily, 1);
        assert!(left.iter().any(|e| e.file == name), "day -{d} kept");
    }
}

#[test]
fn a_restore_shows_what_it_holds_keeps_the_current_database_and_swaps_it_in() {
    let (d, app) = unlocked_app();
    add(&app, "Before", "Restore");
    let (_u, folder) = with_folder(&app);
    let made = backups::backup_now(&app, None).unwrap();
    add(&app, "Added", "Afterwards");
    assert_eq!(people_named(&app, "Afterwards"), 1);

    let contents = backups::inspect_backup(&app, &made.entry.path, PASSPHRASE).unwrap();
    assert_eq!(contents.people, 1);
    backups::restore(&app, &made.entry.path, PASSPHRASE).unwrap();
    // Still unlocked, with the backup's data.
    assert!(session::status(&app).unwrap().unlocked);
    assert_eq!(people_named(&app, "Afterwards"), 0);
    assert_eq!(people_named(&app, "Restore"), 1);
    // The database it replaced was kept first.
    let kept = backups::list(&app)
        .unwrap()
        .into_iter()
        .find(|e| e.manifest.as_ref().unwrap().reason == BackupReason::BeforeRestore)
        .expect("the replaced database is kept as a backup");
    assert_eq!(
        backups::inspect(Path::new(&kept.path), PASSPHRASE)
            .unwrap()
            .people,
        2
    );
    // The restore is in the audit log, and nothing is left half-done in the data folder.
    let restored: i64 = app
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_entries WHERE action = 'restore'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(restored, 1);
    assert!(!d.path().join("callin-planner.db.replacing").exists());
    // It opens again after a lock with the same passphrase.
    session::close(&app).unwrap();
    session::open(&app, PASSPHRASE).unwrap();
    assert_eq!(people_named(&app, "Restore"), 1);
    drop(folder);
}

#[test]
fn a_backup_with_its_own_passphrase_restores_under_the_databases_passphrase() {
    let (_d, app) = unlocked_app();
    add(&app, "Own", "Key");
    let (_u, _folder) = with_folder(&app);
    let own = backups::OwnPassphrase {
        passphrase: "supervisor copy 77".into(),
        confirmation: "supervisor copy 77".into(),
    };
    let made = backups::backup_now(&app, Some(&own)).unwrap();
    add(&app, "Later", "Person");
    backups::restore(&app, &made.entry.path, "supervisor copy 77").unwrap();
    session::close(&app).unwrap();
    assert!(session::open(&app, "supervisor copy 77").is_err());
    session::open(&app, PASSPHRASE).unwrap();
    assert_eq!(people_named(&app, "Key"), 1);
    assert_eq!(people_named(&app, "Later"), 0);
}

/// Writes a file next to a real backup, made from it by `damage`.
fn damaged(src: &Path, dir: &Path, name: &str, damage: impl FnOnce(&mut Vec<u8>)) -> PathBuf {
    let mut bytes = std::fs::read(src).unwrap();
    damage(&mut bytes);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// An encrypted database of another program, under the same passphrase.
fn foreign(dir: &Path) -> PathBuf {
    let path = dir.join("other-app.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x'); PRAGMA user_version = 3;")
        .unwrap();
    drop(conn);
    path
}

/// A plain SQLite file.
fn plain(dir: &Path) -> PathBuf {
    let path = dir.join("plain.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE people (id TEXT); PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    path
}

#[test]
fn a_bad_backup_is_refused_with_its_own_message_and_changes_nothing() {
    let (_d, app) = unlocked_app();
    add(&app, "Stays", "Unchanged");
    let (_u, folder) = with_folder(&app);
    let good = PathBuf::from(backups::backup_now(&app, None).unwrap().entry.path);
    let scratch = temp_dir();
    let s = scratch.path();
    // A newer schema: a real backup whose user_version is past this app's.
    let newer = {
        let dir = temp_dir();
        let other = AppState::new(dir.path());
        session::create(&other, PASSPHRASE, PASSPHRASE).unwrap();
        other
            .write(|db| {
                db.pragma_update(None, "user_version", store::SCHEMA_VERSION + 1)?;
                Ok(())
            })
            .unwrap();
        let out = s.join("newer.cpbackup");
        store::backup::export(
            &dir.path().join(store::DB_FILE),
            PASSPHRASE,
            false,
            &out,
            PASSPHRASE,
        )
        .unwrap();
        out
    };
    let len = std::fs::metadata(&good).unwrap().len() as usize;
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (
            good.clone(),
            "wrong passphrase 9",
            "passphrase does not open",
        ),
        (
            damaged(&good, s, "flipped.cpbackup", |b| b[len / 2] ^= 0x55),
            PASSPHRASE,
            "damaged",
        ),
        (
            damaged(&good, s, "cut.cpbackup", |b| b.truncate(len / 2 + 100)),
            PASSPHRASE,
            "cut short",
        ),
        (
            damaged(&good, s, "zeros.cpbackup", |b| {
                b.iter_mut().for_each(|x| *x = 0)
            }),
            PASSPHRASE,
            "only zeros",
        ),
        (
            damaged(&good, s, "empty.cpbackup", |b| b.clear()),
            PASSPHRASE,
            "empty",
        ),
        (plain(s), PASSPHRASE, "unencrypted SQLite"),
        (foreign(s), PASSPHRASE, "not a Call-In Planner backup"),
        (newer, PASSPHRASE, "newer version"),
        (s.join("missing.cpbackup"), PASSPHRASE, "is not there"),
    ];
    let before = fingerprint(&app);
    for (path, pass, says) in cases {
        let bytes = std::fs::read(&path).ok();
        let err = backups::restore(&app, path.to_str().unwrap(), pass).unwrap_err();
        assert!(
            err.to_string().contains(says),
            "{}: {err} (wanted {says:?})",
            path.display()
        );
        assert_eq!(
            std::fs::read(&path).ok(),
            bytes,
            "{} untouched",
            path.display()
        );
        assert!(session::status(&app).unwrap().unlocked);
        assert_eq!(fingerprint(&app), before, "{}", path.display());
    }
    // Nothing was kept "before restore": no restore began.
    assert!(store::backup::list(&folder).unwrap().iter().all(|e| e
        .manifest
        .as_ref()
        .unwrap()
        .reason
        == BackupReason::Manual));
    // A backup whose manifest does not match its bytes is refused too.
    let copy = folder.join("copied.cpbackup");
    std::fs::copy(&good, &copy).unwrap();
    let manifest = std::fs::read_to_string(store::backup::manifest_path(&good)).unwrap();
    std::fs::write(
        store::backup::manifest_path(&copy),
        manifest.replace(
            &manifest[manifest.find("\"sha256\": \"").unwrap() + 11..][..8],
            "00000000",
        ),
    )
    .unwrap();
    let err = backups::restore(&app, copy.to_str().unwrap(), PASSPHRASE).unwrap_err();
    assert!(
        err.to_string().contains("not what its manifest recorded"),
        "{err}"
    );
}

#[test]
fn a_database_file_that_cannot_be_one_is_refused_unchanged_with_its_own_message() {
    let scratch = temp_dir();
    let plain_db = std::fs::read(plain(scratch.path())).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("zeros", vec![0u8; 8192], "only zeros"),
        ("cut", vec![0x5a; 4096 * 3 + 17], "cut short"),
        ("plain", plain_db, "unencrypted SQLite"),
    ];
    for (name, bytes, says) in cases {
        let dir = temp_dir();
        let path = dir.path().join(store::DB_FILE);
        std::fs::write(&path, &bytes).unwrap();
        let app = AppState::new(dir.path());
        let err = session::open(&app, PASSPHRASE).unwrap_err();
        assert!(err.to_string().contains(says), "{name}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} untouched");
        // Not counted as a wrong passphrase.
        assert_eq!(session::status(&app).unwrap().failed_attempts, 0);
    }
}

#[test]
fn a_schema_upgrade_is_preceded_by_a_backup() {
    let dir = temp_dir();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db"),
        dir.path().join(store::DB_FILE),
    )
    .unwrap();
    let app = AppState::new(dir.path());
    session::open(&app, PASSPHRASE).unwrap();
    let local = store::backup::list(&dir.path().join("backups")).unwrap();
    assert_eq!(local.len(), 1);
    let m = local[0].manifest.as_ref().unwrap();
    assert_eq!(m.reason, BackupReason::BeforeUpgrade);
    assert_eq!(
        m.schema_version, 1,
        "the backup holds the database as it was"
    );
    // Opening again upgrades nothing and backs up nothing.
    session::close(&app).unwrap();
    session::open(&app, PASSPHRASE).unwrap();
    assert_eq!(
        store::backup::list(&dir.path().join("backups"))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_passphrase_changes_safely_and_the_old_one_stops_working() {
    let (_d, app) = unlocked_app();
    add(&app, "Rekeyed", "Person");
    let (_u, folder) = with_folder(&app);
    let change = |current: &str, new: &str, confirm: &str| backups::PassphraseChange {
        current: current.into(),
        new_passphrase: new.into(),
        confirmation: confirm.into(),
    };
    let before = fingerprint(&app);
    let refused = [
        (
            change("wrong current 1", "new passphrase 88", "new passphrase 88"),
            "current",
        ),
        (change(PASSPHRASE, "weak", "weak"), "newPassphrase"),
        (
            change(PASSPHRASE, "new passphrase 88", "new passphrase 89"),
            "confirmation",
        ),
        (change(PASSPHRASE, PASSPHRASE, PASSPHRASE), "newPassphrase"),
    ];
    for (c, field) in refused {
        assert_eq!(backups::rekey(&app, &c).unwrap_err().field(), Some(field));
    }
    assert_eq!(fingerprint(&app), before);
    backups::rekey(
        &app,
        &change(PASSPHRASE, "new passphrase 88", "new passphrase 88"),
    )
    .unwrap();
    assert!(session::status(&app).unwrap().unlocked);
    assert_eq!(people_named(&app, "Rekeyed"), 1);
    session::close(&app).unwrap();
    assert_eq!(
        session::open(&app, PASSPHRASE).unwrap_err().field(),
        Some("passphrase")
    );
    session::open(&app, "new passphrase 88").unwrap();
    assert_eq!(people_named(&app, "Rekeyed"), 1);
    // A backup under the new passphrase was made at once.
    let after = store::backup::list(&folder).unwrap();
    let newest = &after[0];
    assert_eq!(
        newest.manifest.as_ref().unwrap().reason,
        BackupReason::PassphraseChanged
    );
    backups::inspect(Path::new(&newest.path), "new passphrase 88").unwrap();
}

#[test]
fn the_idle_lock_is_enforced_by_the_backend() {
    let (_d, app) = unlocked_app();
    assert_eq!(backups::security(&app).unwrap().idle_lock_minutes, 30);
    assert!(backups::set_idle_lock(&app, 4).is_err());
    assert!(backups::set_idle_lock(&app, 61).is_err());
    backups::set_idle_lock(&app, 5).unwrap();
    app.pretend_idle_for(4);
    people::search(&app, &Default::default()).unwrap();
    app.pretend_idle_for(6);
    let err = people::search(&app, &Default::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(err.to_string().contains("5 minutes"), "{err}");
    assert!(!session::status(&app).unwrap().unlocked);
    // The setting is kept: the next unlock uses it.
    session::open(&app, PASSPHRASE).unwrap();
    assert_eq!(session::status(&app).unwrap().idle_lock_minutes, 5);
    // The window's activity counts.
    app.pretend_idle_for(4);
    session::activity(&app).unwrap();
    app.pretend_idle_for(0);
    people::search(&app, &Default::default()).unwrap();
}

#[test]
fn after_five_wrong_passphrases_each_try_waits_longer_even_after_a_restart() {
    let (d, app) = unlocked_app();
    session::close(&app).unwrap();
    for i in 1..=5 {
        let err = session::open(&app, "wrong passphrase 0").unwrap_err();
        assert_eq!(err.to_string(), "The passphrase is not correct.", "try {i}");
    }
    let st = session::status(&app).unwrap();
    assert_eq!(st.failed_attempts, 5);
    assert_eq!(st.retry_after_seconds, 2);
    // Even the right passphrase waits; a new start of the app remembers.
    let again = AppState::new(d.path());
    let err = session::open(&again, PASSPHRASE).unwrap_err();
    assert!(err.to_string().contains("Wait 2 seconds"), "{err}");
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(session::open(&again, "wrong passphrase 0").is_err());
    assert_eq!(session::status(&again).unwrap().retry_after_seconds, 4);
    std::thread::sleep(std::time::Duration::from_millis(4100));
    session::open(&again, PASSPHRASE).unwrap();
    assert_eq!(session::status(&again).unwrap().failed_attempts, 0);
}

#[test]
fn an_import_is_preceded_by_a_backup() {
    let (_d, app) = unlocked_app();
    let (_u, folder) = with_folder(&app);
    let dir = temp_dir();
    let csv = dir.path().join("roster.csv");
    std::fs::write(&csv, "First,Last,DOB\nImported,Person,1990-01-02\n").unwrap();
    let preview = callin_planner::commands::imports::open(&app, &csv).unwrap();
    let plan = callin_planner::domain::import::ImportPlan {
        mapping: preview.mapping.clone(),
        ..Default::default()
    };
    let result = callin_planner::commands::imports::commit(&app, &plan).unwrap();
    assert_eq!(result.created, 1);
    assert_eq!(result.backup_warning, None);
    let list = store::backup::list(&folder).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].manifest.as_ref().unwrap().reason,
        BackupReason::BeforeImport
    );
    assert_eq!(
        backups::inspect(Path::new(&list[0].path), PASSPHRASE)
            .unwrap()
            .people,
        0
    );
}

#[test]
fn a_partial_file_an_interrupted_backup_left_is_removed_by_the_next_one() {
    let (_d, app) = unlocked_app();
    let (_u, folder) = with_folder(&app);
    let stale = folder.join(".callin-planner-2026-01-01-090000Z-daily.cpbackup.partial");
    let fresh = folder.join(".callin-planner-2026-12-03-090000Z-daily.cpbackup.partial");
    std::fs::write(&stale, b"half a backup").unwrap();
    std::fs::write(&fresh, b"another computer's backup in progress").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    backups::backup_now(&app, None).unwrap();
    assert!(!stale.exists(), "a partial file an hour old is removed");
    assert!(
        fresh.exists(),
        "a partial file being written now is left alone"
    );
}

#[test]
fn work_beside_a_passphrase_change_waits_for_it_and_is_never_refused_as_locked() {
    let (_d, app) = unlocked_app();
    add(&app, "Beside", "Rekey");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (refused, done) = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let (mut refused, mut done) = (0u32, 0u32);
            let mut i = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                i += 1;
                let wrote = people::create(&app, &person("Beside", &format!("Worker{i}")));
                let read = people::search(&app, &Default::default());
                for r in [wrote.err(), read.err()].into_iter().flatten() {
                    assert_eq!(r.code(), ErrorCode::Locked, "{r}");
                    refused += 1;
                }
                done += 1;
            }
            (refused, done)
        });
        let mut key = PASSPHRASE.to_owned();
        for n in 0..3 {
            let new = format!("beside rekey {n}0");
            backups::rekey(
                &app,
                &backups::PassphraseChange {
                    current: key.clone(),
                    new_passphrase: new.clone(),
                    confirmation: new.clone(),
                },
            )
            .unwrap();
            key = new;
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        worker.join().unwrap()
    });
    assert!(done > 0);
    assert_eq!(refused, 0, "{refused} of {done} rounds refused as locked");
    assert!(session::status(&app).unwrap().unlocked);
}
