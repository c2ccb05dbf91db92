//! Handing a finished PDF to the system: the default printer when one is set up (`lp`,
//! asked with `lpstat -d`), otherwise the default PDF viewer (`xdg-open`; `open` on macOS,
//! `start` on Windows), from which the coordinator prints.
//!
//! The PDF passes through `print/` in the data folder (only the user can read it): removed
//! once the printer has spooled it, files older than ten minutes removed on every print,
//! and all of them when the app locks, quits or starts. Printed PDFs are not encrypted, so
//! none outlives the app.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::domain::printing::{PrintDestination, PrintOutcome};
use crate::error::{AppError, AppResult};

/// A debug build (the end-to-end tests) prints with this program instead of the
/// system's; it is run with the PDF's path as its last argument.
pub const PRINT_COMMAND_ENV: &str = "CALLIN_PLANNER_PRINT_COMMAND";

/// How long a printed PDF may wait in `print/` for a viewer to open it.
pub const KEEP_FOR: Duration = Duration::from_secs(10 * 60);

/// Where Print sends documents.
#[derive(Debug, Clone)]
pub struct Printer {
    dir: PathBuf,
    /// A program that stands in for the system's printing (tests).
    command: Option<OsString>,
    /// The programs asked and run when there is no stand-in.
    programs: Programs,
}

/// The system's printing programs: `lpstat -d` names the default printer, `lp -t title
/// file` prints, and the viewer (`None`: the platform's opener) opens the file.
#[derive(Debug, Clone)]
pub struct Programs {
    pub lpstat: OsString,
    pub lp: OsString,
    pub viewer: Option<OsString>,
}

impl Default for Programs {
    fn default() -> Self {
        Programs {
            lpstat: "lpstat".into(),
            lp: "lp".into(),
            viewer: None,
        }
    }
}

impl Printer {
    /// The system's printing, through `print/` inside `data_dir`. A debug build honours
    /// [`PRINT_COMMAND_ENV`]; a release build never does.
    pub fn system(data_dir: &Path) -> Self {
        let command =
            std::env::var_os(PRINT_COMMAND_ENV).filter(|p| !p.is_empty() && cfg!(debug_assertions));
        Printer {
            dir: data_dir.join("print"),
            command,
            programs: Programs::default(),
        }
    }

    /// The system's way of printing (the default printer, else the viewer) with other
    /// programs in place of `lpstat`, `lp` and the viewer (tests of which way Print goes).
    pub fn with_programs(data_dir: &Path, programs: Programs) -> Self {
        Printer {
            dir: data_dir.join("print"),
            command: None,
            programs,
        }
    }

    /// Prints with `program` instead of the system (tests, in any build: a test never
    /// reaches a real printer).
    pub fn with_command(data_dir: &Path, program: impl Into<OsString>) -> Self {
        Printer {
            dir: data_dir.join("print"),
            command: Some(program.into()),
            programs: Programs::default(),
        }
    }

    /// The folder printed PDFs pass through.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where Print will send a document (asked each time: printers come and go).
    pub fn destination(&self) -> PrintDestination {
        PrintDestination {
            printer: if self.command.is_some() {
                Some("the print command".into())
            } else {
                self.default_printer()
            },
        }
    }

    /// Writes `pdf` to the print folder as `file_name` and hands it on.
    pub fn print(
        &self,
        file_name: &str,
        title: &str,
        pdf: &[u8],
        pages: u32,
    ) -> AppResult<PrintOutcome> {
        self.prepare_dir()?;
        let path = self.dir.join(file_name);
        crate::reports::table::write_file(&path, pdf)?;
        restrict(&path, 0o600);
        let message = self.hand_on(&path, title)?;
        Ok(PrintOutcome {
            message: format!(
                "{message} ({pages} {}).",
                if pages == 1 { "page" } else { "pages" }
            ),
            page_count: pages,
        })
    }

    /// Removes every printed PDF (on lock, at start and on quit).
    pub fn clear(&self) {
        self.clear_older_than(Duration::ZERO);
    }

    /// Removes the printed PDFs older than `age` (a viewer may still be showing a newer one).
    pub fn clear_older_than(&self, age: Duration) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for e in entries.flatten() {
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_none_or(|elapsed| elapsed >= age);
            if old {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    fn prepare_dir(&self) -> AppResult<()> {
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| AppError::Io(format!("The print folder could not be made: {e}.")))?;
        restrict(&self.dir, 0o700);
        self.clear_older_than(KEEP_FOR);
        Ok(())
    }

    fn hand_on(&self, path: &Path, title: &str) -> AppResult<String> {
        if let Some(program) = &self.command {
            let status = Command::new(program).arg(path).status().map_err(|e| {
                AppError::Io(format!("The print command could not be started: {e}."))
            })?;
            return if status.success() {
                Ok("Sent to the print command".into())
            } else {
                Err(AppError::Io(format!(
                    "The print command failed ({status})."
                )))
            };
        }
        if let Some(printer) = self.default_printer() {
            let out = Command::new(&self.programs.lp)
                .arg("-t")
                .arg(title)
                .arg(path)
                .output()
                .map_err(|e| AppError::Io(format!("The printer could not be reached: {e}.")))?;
            return if out.status.success() {
                // Spooled: the printing system has its own copy.
                let _ = std::fs::remove_file(path);
                Ok(format!("Sent to the printer {printer}"))
            } else {
                Err(AppError::Io(format!(
                    "The printer {printer} refused the document: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )))
            };
        }
        self.open_in_viewer(path)?;
        Ok("No printer is set up, so the PDF opened in your PDF viewer; print from there".into())
    }
}

fn restrict(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}

impl Printer {
    /// The system's default printer (CUPS), when there is one.
    fn default_printer(&self) -> Option<String> {
        if cfg!(windows) {
            return None;
        }
        let out = Command::new(&self.programs.lpstat)
            .arg("-d")
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let name = text.split_once(':')?.1.trim();
        (out.status.success() && !name.is_empty() && !text.contains("no system default"))
            .then(|| name.to_string())
    }

    fn open_in_viewer(&self, path: &Path) -> AppResult<()> {
        // Each opener returns once it has handed the file to the viewer; its status says
        // whether there was a viewer to hand it to.
        let status = if let Some(viewer) = &self.programs.viewer {
            Command::new(viewer).arg(path).status()
        } else if cfg!(target_os = "macos") {
            Command::new("open").arg(path).status()
        } else if cfg!(windows) {
            Command::new("cmd")
                .args(["/C", "start", ""])
                .arg(path)
                .status()
        } else {
            Command::new("xdg-open").arg(path).status()
        };
        match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(AppError::Io(format!(
            "No printer is set up and no PDF viewer opened the document ({s}). Use Save as PDF instead."
        ))),
        Err(e) => Err(AppError::Io(format!(
            "No printer is set up and no PDF viewer could be opened ({e}). Use Save as PDF instead."
        ))),
    }
    }
}
