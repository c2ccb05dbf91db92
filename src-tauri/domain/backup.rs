//! Keeping the only copy safe: the rules of backups (names, manifests, rotation, when one
//! is due), of what may be restored, of the idle lock and of the wait after wrong
//! passphrases. Pure: the files themselves are `store::backup`'s.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::text_enum;
use crate::error::{AppError, AppResult};

text_enum!(
    /// Why a backup was made.
    BackupReason {
        Manual = "manual",
        Daily = "daily",
        BeforeImport = "before_import",
        BeforeUpgrade = "before_upgrade",
        BeforeRestore = "before_restore",
        PassphraseChanged = "passphrase_changed",
    }
);

text_enum!(
    /// Which passphrase opens a backup: the database's when the backup was made, or one of
    /// its own (a copy kept by a supervisor).
    BackupKey {
        Database = "database",
        Own = "own",
    }
);

impl BackupReason {
    /// Whether rotation may remove it: the copies the coordinator asked for, and the one kept
    /// before a restore, stay until the coordinator removes them.
    pub fn rotates(self) -> bool {
        !matches!(self, BackupReason::Manual | BackupReason::BeforeRestore)
    }
}

/// The settings: the folder the coordinator chose, and whether daily backups run.
pub const FOLDER_SETTING: &str = "backup.folder";
pub const AUTOMATIC_SETTING: &str = "backup.automatic";
/// Until a folder is chosen (and when the chosen one is missing before an import or an
/// upgrade), backups go to this folder inside the data folder.
pub const LOCAL_FOLDER: &str = "backups";

/// Whether daily backups run: on unless the coordinator turned them off.
pub fn automatic(stored: Option<&str>) -> bool {
    stored != Some("off")
}

/// What the manifest says it is (a JSON file of another program is refused).
pub const MANIFEST_FORMAT: &str = "callin-planner-backup";
pub const MANIFEST_FORMAT_VERSION: u32 = 1;
/// A backup's extension; its manifest is the same name with `.json` added.
pub const BACKUP_EXT: &str = "cpbackup";
pub const MANIFEST_SUFFIX: &str = ".json";

/// The small file beside a backup: enough to list backups without opening them, and no
/// personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupManifest {
    pub format: String,
    pub format_version: u32,
    pub app_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// UTC, RFC 3339.
    pub made_at: String,
    pub reason: BackupReason,
    pub key: BackupKey,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Of the backup file, lowercase hex.
    pub sha256: String,
    /// The backup file's name (in the same folder).
    pub file: String,
}

impl BackupManifest {
    /// Reads a manifest; anything that is not one of ours is refused.
    pub fn parse(text: &str) -> AppResult<BackupManifest> {
        let m: BackupManifest = serde_json::from_str(text).map_err(|_| {
            AppError::Validation(vec![crate::error::FieldError {
                field: "manifest".into(),
                message: "The file beside the backup is not a Call-In Planner backup manifest."
                    .into(),
            }])
        })?;
        if m.format != MANIFEST_FORMAT || m.format_version > MANIFEST_FORMAT_VERSION {
            return Err(AppError::invalid(
                "manifest",
                "The file beside the backup is not a manifest this version can read.",
            ));
        }
        Ok(m)
    }

    pub fn made_at(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.made_at)
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }
}

/// A backup in the folder, as the list shows it (from its manifest; the file is not opened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupEntry {
    pub file: String,
    pub path: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub manifest: Option<BackupManifest>,
    /// What looks wrong without opening it (no manifest, a size the manifest does not record).
    pub problem: Option<String>,
}

/// The name of a backup made at `at`: sorts by time, says why, never a person's data.
pub fn file_name(at: DateTime<Utc>, reason: BackupReason, n: u32) -> String {
    let stem = format!(
        "callin-planner-{}-{}",
        at.format("%Y-%m-%d-%H%M%SZ"),
        reason.as_str().replace('_', "-")
    );
    if n <= 1 {
        format!("{stem}.{BACKUP_EXT}")
    } else {
        format!("{stem}-{n}.{BACKUP_EXT}")
    }
}

/// A backup as rotation sees it: its file, when it was made (on the coordinator's calendar)
/// and why.
#[derive(Debug, Clone)]
pub struct Dated {
    pub file: String,
    pub made_at: DateTime<Utc>,
    pub local_date: NaiveDate,
    pub reason: BackupReason,
}

pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 4;
pub const KEEP_MONTHLY: usize = 12;

/// Which automatic backups rotation removes: of those that rotate, the newest of each of the
/// last 7 days that have one, of each of the last 4 weeks and of each of the last 12 months
/// are kept; the rest go. Backups the coordinator made, and the one before a restore, stay.
pub fn rotation(backups: &[Dated]) -> Vec<String> {
    let mut rotating: Vec<&Dated> = backups.iter().filter(|b| b.reason.rotates()).collect();
    rotating.sort_by(|a, b| b.made_at.cmp(&a.made_at).then(b.file.cmp(&a.file)));
    let mut keep: BTreeSet<&str> = BTreeSet::new();
    let mut keep_newest_per = |key: &dyn Fn(&Dated) -> (i32, u32), n: usize| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for b in &rotating {
            let k = key(b);
            if !seen.contains(&k) {
                if seen.len() == n {
                    break;
                }
                seen.push(k);
                keep.insert(b.file.as_str());
            }
        }
    };
    keep_newest_per(
        &|b| (b.local_date.year(), b.local_date.ordinal()),
        KEEP_DAILY,
    );
    keep_newest_per(
        &|b| {
            let w = b.local_date.iso_week();
            (w.year(), w.week())
        },
        KEEP_WEEKLY,
    );
    keep_newest_per(
        &|b| (b.local_date.year(), b.local_date.month()),
        KEEP_MONTHLY,
    );
    rotating
        .iter()
        .filter(|b| !keep.contains(b.file.as_str()))
        .map(|b| b.file.clone())
        .collect()
}

/// A daily backup is due when none was made in the last 24 hours.
pub fn daily_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    match newest {
        None => true,
        Some(at) => now.signed_duration_since(at) >= chrono::Duration::hours(24),
    }
}

/// After a scheduled backup failed (the folder was unplugged), the next try waits this long.
pub const RETRY_AFTER_MINUTES: i64 = 10;

/// What a file's first bytes and size say it is, before any key is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileLook {
    Empty,
    Zeros,
    PlainSqlite,
    /// Not a whole number of pages: cut short.
    Truncated,
    /// Looks like random bytes: perhaps an encrypted database.
    Encrypted,
}

/// SQLCipher's page size (its default, which the app never changes).
pub const PAGE_SIZE: u64 = 4096;

/// Reads the look of a file from its first bytes (at most one page) and its length.
pub fn look(first: &[u8], len: u64) -> FileLook {
    if len == 0 {
        FileLook::Empty
    } else if first.starts_with(b"SQLite format 3\0") {
        FileLook::PlainSqlite
    } else if first.iter().all(|&b| b == 0) {
        FileLook::Zeros
    } else if !len.is_multiple_of(PAGE_SIZE) {
        FileLook::Truncated
    } else {
        FileLook::Encrypted
    }
}

/// The message for a file that cannot be what it should be; `what` is "backup" or "database".
pub fn refusal(look: FileLook, what: &str) -> Option<String> {
    match look {
        FileLook::Empty => Some(format!(
            "The {what} file is empty: it holds no Call-In Planner data."
        )),
        FileLook::Zeros => Some(format!(
            "The {what} file holds only zeros: it is damaged (a disk or copy failure), not a Call-In Planner {what}."
        )),
        FileLook::PlainSqlite => Some(format!(
            "The {what} file is an unencrypted SQLite database, not a Call-In Planner {what}: Call-In Planner's files are always encrypted."
        )),
        FileLook::Truncated => Some(format!(
            "The {what} file is cut short (its size is not a whole number of pages): it was not written or copied completely."
        )),
        FileLook::Encrypted => None,
    }
}

/// Refuses a file whose look says it cannot be a database.
pub fn check_look(look: FileLook, what: &str) -> AppResult<()> {
    match refusal(look, what) {
        Some(message) => Err(AppError::Validation(vec![crate::error::FieldError {
            field: "file".into(),
            message,
        }])),
        None => Ok(()),
    }
}

/// The refusal of a keyed file that lacks one of [`REQUIRED_TABLES`].
pub fn not_ours(table: &str, what: &str) -> AppError {
    AppError::Validation(vec![crate::error::FieldError {
        field: "file".into(),
        message: format!(
            "This is an encrypted database, but not a Call-In Planner {what} (it has no {table})."
        ),
    }])
}

/// What a backup holds, shown before it is restored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupContents {
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub people: i64,
    #[ts(type = "number")]
    pub call_ins: i64,
    #[ts(type = "number")]
    pub referrals: i64,
    /// From the manifest, when there is one beside the file.
    pub made_at: Option<String>,
    pub reason: Option<BackupReason>,
}

/// The tables a Call-In Planner database always has: a keyed file without them belongs to
/// another program.
pub const REQUIRED_TABLES: &[&str] = &["people", "call_ins", "referrals", "audit_entries"];

/// A database's schema version against the app's.
pub fn check_schema(version: i64, known: i64, what: &str) -> AppResult<()> {
    if version > known {
        return Err(AppError::Conflict(format!(
            "This {what} was made by a newer version of Call-In Planner (schema {version}); \
             this version knows schema {known} at most. Install the newer version to open it."
        )));
    }
    if version < 1 {
        return Err(AppError::Validation(vec![crate::error::FieldError {
            field: "file".into(),
            message: format!("This {what} holds no Call-In Planner data (it has no schema)."),
        }]));
    }
    Ok(())
}

/// The idle lock, in minutes.
pub const IDLE_LOCK_DEFAULT: u32 = 30;
pub const IDLE_LOCK_MIN: u32 = 5;
pub const IDLE_LOCK_MAX: u32 = 60;
pub const IDLE_LOCK_SETTING: &str = "security.idle_lock_minutes";

pub fn check_idle_minutes(minutes: i64) -> AppResult<u32> {
    if !(i64::from(IDLE_LOCK_MIN)..=i64::from(IDLE_LOCK_MAX)).contains(&minutes) {
        return Err(AppError::invalid(
            "minutes",
            format!(
                "The app can lock itself after {IDLE_LOCK_MIN} to {IDLE_LOCK_MAX} minutes without activity."
            ),
        ));
    }
    Ok(minutes as u32)
}

/// The stored idle lock, or the default when unset or unreadable.
pub fn idle_minutes(stored: Option<&str>) -> u32 {
    stored
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|n| check_idle_minutes(n).ok())
        .unwrap_or(IDLE_LOCK_DEFAULT)
}

/// Wrong passphrases allowed in a row before each further try must wait.
pub const FREE_TRIES: u32 = 5;
/// The longest wait between tries.
pub const MAX_WAIT_SECONDS: u64 = 15 * 60;

/// How long to wait after `failures` wrong passphrases in a row before the next try: none for
/// the first five, then 2 seconds, doubling each time (to at most 15 minutes).
pub fn unlock_wait_seconds(failures: u32) -> u64 {
    if failures < FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES + 1).min(20);
    (1u64 << doublings).min(MAX_WAIT_SECONDS)
}

/// The wrong-passphrase count, as kept in the data folder (no passphrase, no data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnlockAttempts {
    pub failures: u32,
    /// UTC, RFC 3339: when the last wrong passphrase was tried.
    pub last_failure_at: Option<String>,
}

impl UnlockAttempts {
    /// Seconds still to wait at `now` before the next try (0: try now).
    pub fn wait_left(&self, now: DateTime<Utc>) -> u64 {
        let wait = unlock_wait_seconds(self.failures);
        let Some(last) = self
            .last_failure_at
            .as_deref()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        else {
            return 0;
        };
        let elapsed = now.signed_duration_since(last.with_timezone(&Utc));
        if elapsed < chrono::Duration::zero() {
            // The clock went back: wait the whole time from now.
            return wait;
        }
        wait.saturating_sub(elapsed.num_seconds().max(0) as u64)
    }

    pub fn failed(&self, now: DateTime<Utc>) -> UnlockAttempts {
        UnlockAttempts {
            failures: self.failures.saturating_add(1),
            last_failure_at: Some(now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        }
    }
}

/// The message when a try comes too soon.
pub fn wait_message(seconds: u64) -> String {
    let human = if seconds < 60 {
        format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
    } else {
        let m = seconds.div_ceil(60);
        format!("{m} minute{}", if m == 1 { "" } else { "s" })
    };
    format!("Too many wrong passphrases in a row. Wait {human}, then try again.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn dated(at: DateTime<Utc>, reason: BackupReason) -> Dated {
        Dated {
            file: file_name(at, reason, 1),
            made_at: at,
            local_date: at.date_naive(),
            reason,
        }
    }

    #[test]
    fn rotation_keeps_seven_daily_four_weekly_and_twelve_monthly() {
        // One daily backup a day for two years, newest on 2026-12-03.
        let newest = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let all: Vec<Dated> = (0..730)
            .map(|d| dated(newest - Duration::days(d), BackupReason::Daily))
            .collect();
        let removed: BTreeSet<String> = rotation(&all).into_iter().collect();
        let kept: Vec<&Dated> = all.iter().filter(|b| !removed.contains(&b.file)).collect();
        // The last seven days.
        for d in 0..7 {
            assert!(kept.iter().any(|b| b.made_at == newest - Duration::days(d)));
        }
        // Twelve months are represented (Jan..Dec 2026), not more.
        let months: BTreeSet<(i32, u32)> = kept
            .iter()
            .map(|b| (b.local_date.year(), b.local_date.month()))
            .collect();
        assert_eq!(months.len(), 12, "{months:?}");
        assert!(!months.contains(&(2025, 12)));
        // Four ISO weeks at least.
        let weeks: BTreeSet<(i32, u32)> = kept
            .iter()
            .map(|b| {
                (
                    b.local_date.iso_week().year(),
                    b.local_date.iso_week().week(),
                )
            })
            .collect();
        assert!(weeks.len() >= 4);
        // 7 daily, plus at most 4 weekly and 12 monthly that are not among them.
        assert!(kept.len() <= 7 + 4 + 12, "{}", kept.len());
        assert!(kept.len() >= 12 + 3);
    }

    #[test]
    fn backups_the_coordinator_made_never_rotate() {
        let newest = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let mut all: Vec<Dated> = (0..100)
            .map(|d| dated(newest - Duration::days(d), BackupReason::Daily))
            .collect();
        let manual = dated(newest - Duration::days(400), BackupReason::Manual);
        let before_restore = dated(newest - Duration::days(300), BackupReason::BeforeRestore);
        all.push(manual.clone());
        all.push(before_restore.clone());
        let removed = rotation(&all);
        assert!(!removed.contains(&manual.file));
        assert!(!removed.contains(&before_restore.file));
        // Of several backups on one day, the newest is the one kept.
        let two = vec![
            dated(newest - Duration::hours(3), BackupReason::BeforeImport),
            dated(newest, BackupReason::Daily),
        ];
        assert_eq!(rotation(&two), vec![two[0].file.clone()]);
    }

    #[test]
    fn a_daily_backup_is_due_after_twenty_four_hours() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        assert!(daily_due(None, now));
        assert!(!daily_due(Some(now - Duration::hours(23)), now));
        assert!(daily_due(Some(now - Duration::hours(24)), now));
    }

    #[test]
    fn the_wait_doubles_after_five_wrong_passphrases() {
        let waits: Vec<u64> = (0..9).map(unlock_wait_seconds).collect();
        assert_eq!(waits, vec![0, 0, 0, 0, 0, 2, 4, 8, 16]);
        assert_eq!(unlock_wait_seconds(40), MAX_WAIT_SECONDS);
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let mut a = UnlockAttempts::default();
        for _ in 0..6 {
            a = a.failed(now);
        }
        assert_eq!(a.wait_left(now), 4);
        assert_eq!(a.wait_left(now + Duration::seconds(3)), 1);
        assert_eq!(a.wait_left(now + Duration::seconds(5)), 0);
        // A clock set back does not shorten the wait.
        assert_eq!(a.wait_left(now - Duration::hours(1)), 4);
        assert_eq!(
            wait_message(4),
            "Too many wrong passphrases in a row. Wait 4 seconds, then try again."
        );
        assert!(wait_message(130).contains("3 minutes"));
    }

    #[test]
    fn a_file_is_judged_by_its_first_bytes_and_size() {
        assert_eq!(look(b"", 0), FileLook::Empty);
        assert_eq!(look(&[0; 4096], 8192), FileLook::Zeros);
        assert_eq!(look(b"SQLite format 3\0rest", 4096), FileLook::PlainSqlite);
        assert_eq!(look(&[7; 4096], 4000), FileLook::Truncated);
        assert_eq!(look(&[7; 4096], 8192), FileLook::Encrypted);
        assert!(refusal(FileLook::Zeros, "backup")
            .unwrap()
            .contains("only zeros"));
        assert_eq!(refusal(FileLook::Encrypted, "backup"), None);
    }

    #[test]
    fn the_idle_lock_is_five_to_sixty_minutes() {
        assert!(check_idle_minutes(4).is_err());
        assert!(check_idle_minutes(61).is_err());
        assert_eq!(check_idle_minutes(5).unwrap(), 5);
        assert_eq!(idle_minutes(None), 30);
        assert_eq!(idle_minutes(Some("12")), 12);
        assert_eq!(idle_minutes(Some("999")), 30);
    }

    #[test]
    fn a_manifest_of_another_program_is_refused() {
        assert!(BackupManifest::parse("{\"format\":\"other\"}").is_err());
        let at = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let m = BackupManifest {
            format: MANIFEST_FORMAT.into(),
            format_version: 1,
            app_version: "0.1.0".into(),
            schema_version: 4,
            made_at: at.to_rfc3339(),
            reason: BackupReason::Daily,
            key: BackupKey::Database,
            size_bytes: 8192,
            sha256: "00".into(),
            file: file_name(at, BackupReason::Daily, 1),
        };
        let text = serde_json::to_string(&m).unwrap();
        assert_eq!(BackupManifest::parse(&text).unwrap(), m);
        assert_eq!(m.file, "callin-planner-2026-12-03-090000Z-daily.cpbackup");
        assert_eq!(m.made_at(), Some(at));
    }
}
