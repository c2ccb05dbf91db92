//! The support log: a rotating file in the data folder (`logs/callin-planner_rCURRENT.log`,
//! the older ones `callin-planner_r00000.log` and on; 1 MB a file, the last five kept) of
//! events and ids only. Never a name, a date of birth, a note, a passphrase or a path a
//! coordinator typed: every line is written by this crate from fixed words and ids (other crates' records are left out), and a test scans the log for
//! the distinctive values it typed through every form.

use std::path::Path;
use std::sync::OnceLock;

use flexi_logger::{Cleanup, Criterion, DeferredNow, FileSpec, Logger, LoggerHandle, Naming};

/// The log's folder inside the data folder.
pub const LOG_FOLDER: &str = "logs";
pub const LOG_BASENAME: &str = "callin-planner";

static HANDLE: OnceLock<Option<LoggerHandle>> = OnceLock::new();

fn line(
    w: &mut dyn std::io::Write,
    now: &mut DeferredNow,
    record: &log::Record,
) -> std::io::Result<()> {
    write!(
        w,
        "{} {} {}",
        now.now_utc_owned().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        record.level(),
        record.args()
    )
}

/// Starts the log in `data_dir` (once a process; later calls do nothing). A log that cannot
/// start costs only the log: the app runs without it.
pub fn init(data_dir: &Path) {
    HANDLE.get_or_init(|| {
        let dir = data_dir.join(LOG_FOLDER);
        let _ = std::fs::create_dir_all(&dir);
        crate::store::restrict_to_owner(&dir);
        let started = Logger::try_with_str("off, callin_planner=info")
            .ok()?
            .log_to_file(
                FileSpec::default()
                    .directory(&dir)
                    .basename(LOG_BASENAME)
                    .suppress_timestamp(),
            )
            .format_for_files(line)
            .append()
            .rotate(
                Criterion::Size(1024 * 1024),
                Naming::Numbers,
                Cleanup::KeepLogFiles(5),
            )
            .start()
            .ok()?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Where, never what: a panic's message may hold a value.
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            log::error!("panic at {at}");
            previous(info);
        }));
        log::info!("start version={}", env!("CARGO_PKG_VERSION"));
        Some(started)
    });
}

/// Writes what is buffered to the file (tests read it right after).
pub fn flush() {
    if let Some(Some(h)) = HANDLE.get() {
        h.flush();
    }
}

/// The current log file of a data folder.
pub fn file(data_dir: &Path) -> std::path::PathBuf {
    data_dir
        .join(LOG_FOLDER)
        .join(format!("{LOG_BASENAME}_rCURRENT.log"))
}
