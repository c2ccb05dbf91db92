//! The main window's life: the app ends when its page closes, and a page whose web
//! process dies is reloaded instead of leaving an empty window.
//!
//! Why this exists: on Linux the page lives in a WebKit web view inside the window. When
//! the page is closed (`window.close()`, or WebDriver closing the browsing context), wry
//! destroys the web view but leaves the window; when the web process crashes, the window
//! stays blank. Either way the process lived on with nothing to use, still holding the
//! data folder's instance lock, so the next start said "already running" and showed no
//! window.

use std::time::{Duration, Instant};

/// A page that dies again this soon after being reloaded is not reloaded again.
pub const CRASH_LOOP: Duration = Duration::from_secs(60);

/// What to do when the page's web process has died.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCrash {
    Reload,
    /// The page keeps dying: end the app rather than loop.
    Exit,
}

/// Reload once; a second death within [`CRASH_LOOP`] of the last reload ends the app.
pub fn after_crash(last_reload: Option<Instant>, now: Instant) -> AfterCrash {
    match last_reload {
        Some(at) if now.saturating_duration_since(at) < CRASH_LOOP => AfterCrash::Exit,
        _ => AfterCrash::Reload,
    }
}

/// How long the page has to answer "the window is closing" (it asks about unsaved input)
/// before a second close goes ahead without it (a page that cannot answer never keeps the
/// window open).
pub const CLOSE_ANSWER: Duration = Duration::from_secs(10);

/// Whether a close of the window goes ahead at once: only when the page was asked before and
/// has not answered for [`CLOSE_ANSWER`].
pub fn close_at_once(asked: Option<Instant>, now: Instant) -> bool {
    asked.is_some_and(|at| now.saturating_duration_since(at) >= CLOSE_ANSWER)
}

static CLOSE_ASKED: std::sync::Mutex<Option<Instant>> = std::sync::Mutex::new(None);

/// The window's close button: the page is asked first (it says whether a form holds unsaved
/// input and asks the coordinator); it answers through the `answer_close` command.
pub fn ask_before_closing<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let page = window.clone();
    window.on_window_event(move |event| {
        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
            let mut asked = CLOSE_ASKED.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            if close_at_once(*asked, now) {
                return;
            }
            if page
                .eval("window.dispatchEvent(new Event('callin-close-requested'))")
                .is_ok()
            {
                api.prevent_close();
                *asked = Some(now);
            }
        }
    });
}

/// The page answered: close (the app ends) or stay.
pub fn answer_close<R: tauri::Runtime>(app: &tauri::AppHandle<R>, close: bool) {
    *CLOSE_ASKED.lock().unwrap_or_else(|e| e.into_inner()) = None;
    if close {
        app.exit(0);
    }
}

/// Ties the app's life to its main window's page (see the module's note).
pub fn watch<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    linux::watch(window);
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(target_os = "linux")]
mod linux {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Instant;

    use tauri::Manager;
    use webkit2gtk::glib::prelude::ObjectExt;
    use webkit2gtk::{WebProcessTerminationReason, WebViewExt};

    use super::{after_crash, AfterCrash};

    pub fn watch<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
        let app = window.app_handle().clone();
        let owner = window.clone();
        let result = window.with_webview(move |platform| {
            let view = platform.inner();

            // The page was closed (`window.close()`, WebDriver closing the browsing
            // context): wry answers the web view's "close" by destroying the web view.
            // Destroying it drops every handler of "close" connected after wry's, so the
            // app watches "destroy", which runs first. A window without its page is of no
            // use: close it, and the app ends the usual way (its last window closed).
            view.connect_local("destroy", false, move |_| {
                eprintln!("Call-In Planner: the window's page is gone; closing the window.");
                let _ = owner.destroy();
                None
            });

            let last_reload: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
            view.connect_web_process_terminated(move |view, reason| {
                let crashed = matches!(
                    reason,
                    WebProcessTerminationReason::Crashed
                        | WebProcessTerminationReason::ExceededMemoryLimit
                );
                if !crashed {
                    eprintln!("Call-In Planner: the window's web process was ended; exiting.");
                    app.exit(0);
                    return;
                }
                let now = Instant::now();
                match after_crash(last_reload.get(), now) {
                    AfterCrash::Reload => {
                        eprintln!("Call-In Planner: the window's web process died ({reason:?}); reloading the page.");
                        last_reload.set(Some(now));
                        view.reload();
                    }
                    AfterCrash::Exit => {
                        eprintln!("Call-In Planner: the window's web process died again within a minute ({reason:?}); exiting.");
                        app.exit(1);
                    }
                }
            });
        });
        if let Err(e) = result {
            eprintln!("Call-In Planner: the window could not be watched: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_close_waits_for_the_page_unless_it_did_not_answer() {
        let now = Instant::now();
        assert!(!close_at_once(None, now));
        assert!(!close_at_once(Some(now), now + Duration::from_secs(3)));
        assert!(close_at_once(Some(now), now + CLOSE_ANSWER));
    }

    #[test]
    fn the_first_crash_reloads_and_a_second_within_a_minute_exits() {
        let t0 = Instant::now();
        assert_eq!(after_crash(None, t0), AfterCrash::Reload);
        assert_eq!(
            after_crash(Some(t0), t0 + Duration::from_secs(5)),
            AfterCrash::Exit
        );
        assert_eq!(
            after_crash(Some(t0), t0 + CRASH_LOOP + Duration::from_secs(1)),
            AfterCrash::Reload
        );
    }
}
