//! Helpers for the integration tests: a real encrypted database in a temporary folder.
#![allow(dead_code)]

pub mod call_in_day;

use std::path::{Path, PathBuf};

use callin_planner::domain::people::{
    PersonInput, PersonStatus, SupervisionInput, SupervisionType,
};
use callin_planner::state::AppState;

pub const PASSPHRASE: &str = "correct horse 42";

/// A folder under the system's temp folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("callin-test-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An app state with a freshly created, unlocked database.
pub fn unlocked_app() -> (TempDir, AppState) {
    let dir = TempDir::new();
    let app = AppState::new(dir.path());
    app.create(PASSPHRASE, PASSPHRASE).unwrap();
    (dir, app)
}

pub fn person(first: &str, last: &str) -> PersonInput {
    PersonInput {
        first_name: first.into(),
        last_name: last.into(),
        aliases: vec![],
        date_of_birth: Some("1990-04-12".into()),
        phone: String::new(),
        address: String::new(),
        area: String::new(),
        preferred_language: "en".into(),
        notes: String::new(),
        status: PersonStatus::Active,
        supervisions: vec![],
        groups: vec![],
        needs: vec![],
    }
}

pub fn supervision(
    kind: SupervisionType,
    agency: &str,
    officer: &str,
    start: &str,
    end: &str,
) -> SupervisionInput {
    SupervisionInput {
        id: None,
        kind: Some(kind),
        agency: agency.into(),
        officer_name: officer.into(),
        officer_contact: String::new(),
        start_date: Some(start.into()),
        end_date: Some(end.into()),
        call_in_condition: true,
    }
}

/// Counts of every table a user's change touches, to prove a refused change left nothing.
pub fn fingerprint(app: &AppState) -> Vec<(String, i64)> {
    app.read(|db| {
        let mut out = Vec::new();
        for table in [
            "people",
            "supervisions",
            "group_memberships",
            "person_needs",
            "groups",
            "group_links",
            "audit_entries",
        ] {
            let n: i64 =
                db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            let stamp = if table == "audit_entries" {
                "at"
            } else {
                "updated_at"
            };
            let changed: Option<String> =
                db.query_row(&format!("SELECT max({stamp}) FROM {table}"), [], |r| {
                    r.get(0)
                })?;
            out.push((format!("{table}:{}", changed.unwrap_or_default()), n));
        }
        Ok(out)
    })
    .unwrap()
}

/// A Python 3 that can import openpyxl (the Makefile installs it): the one the
/// CALLIN_PLANNER_PYTHON variable names, the system's, or the first on PATH.
pub fn python() -> String {
    let mut candidates: Vec<String> = std::env::var("CALLIN_PLANNER_PYTHON").into_iter().collect();
    candidates.extend(["/usr/bin/python3".to_string(), "python3".to_string()]);
    for c in &candidates {
        let ok = std::process::Command::new(c)
            .args(["-c", "import csv, json, openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return c.clone();
        }
    }
    panic!("No Python 3 with openpyxl found (tried {candidates:?}); `make test` installs python3-openpyxl.");
}

/// Runs `script` with `arg` in that Python and returns what it printed.
pub fn run_python(script: &str, arg: &Path) -> String {
    let out = std::process::Command::new(python())
        .args(["-c", script])
        .arg(arg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
