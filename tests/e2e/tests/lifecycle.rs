//! End to end: the app's process lives exactly as long as its window's page. A page that
//! closes ends the app and frees the data folder for the next start; a page whose web
//! process crashes is reloaded, and one that keeps crashing ends the app instead of
//! leaving an empty window.

use std::time::{Duration, Instant};

use callin_planner_e2e::procs::{self, Proc};
use callin_planner_e2e::{bounded_test, step, App, DataDir, Result};

const PASSPHRASE: &str = "coordinator passphrase 2026";

/// The web process that draws the app's page.
fn web_process(app: &App) -> Result<Proc> {
    procs::of_data_dir(app.data_dir())
        .into_iter()
        .find(|p| p.name == "WebKitWebProcess")
        .ok_or_else(|| "the app has no WebKitWebProcess".into())
}

/// Waits until the app's log has `line` more than `times` times.
async fn wait_log(app: &App, line: &str, times: usize) -> Result {
    step(format!(
        "waiting for the app to print {line:?} (seen {times} times before)"
    ));
    let deadline = Instant::now() + Duration::from_secs(30);
    while app.log().matches(line).count() <= times {
        if Instant::now() > deadline {
            return Err(format!("the app never printed {line:?}; its log:\n{}", app.log()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

bounded_test!(
    closing_the_page_ends_the_app_and_frees_the_data_folder,
    120,
    closing_the_page_ends_the_app_and_frees_the_data_folder_steps
);

async fn closing_the_page_ends_the_app_and_frees_the_data_folder_steps() -> Result {
    let data = DataDir::new("close");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    let pid = app.app.as_ref().ok_or("no app process")?.pid;

    // Ending the session closes the page: WebKitWebDriver closes the browsing context
    // and wry destroys the web view. WebKitWebDriver would then end the app itself, but
    // tauri-driver kills WebKitWebDriver on SIGTERM, and when that came first the app
    // lived on behind an empty window, holding the data folder. Kill WebKitWebDriver
    // right away, as tauri-driver may: the app must end by itself.
    step("ending the WebDriver session");
    let _ = tokio::time::timeout(Duration::from_secs(15), app.client.clone().close()).await;
    for p in procs::of_data_dir(&data.0) {
        if p.name == "WebKitWebDriver" {
            procs::signal(p.pid, libc::SIGKILL);
        }
    }
    step("waiting for the app to end after its page closed");
    assert!(
        procs::wait_gone(&[pid], Duration::from_secs(10)),
        "the app (pid {pid}) was still running 10 s after its page closed; its log:\n{}",
        app.log()
    );
    assert!(
        app.log().contains("page is gone; closing the window"),
        "the app ended by itself, not by WebKitWebDriver: {}",
        app.log()
    );
    assert!(
        procs::wait_lock_free(&data.0, Duration::from_secs(5)),
        "the instance lock is still held 5 s after the app ended"
    );
    drop(app);

    // The next start opens a window on the same folder (not "already running").
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.quit().await
}

bounded_test!(
    a_crashed_page_is_reloaded_and_one_that_keeps_crashing_ends_the_app,
    120,
    a_crashed_page_is_reloaded_and_one_that_keeps_crashing_ends_the_app_steps
);

async fn a_crashed_page_is_reloaded_and_one_that_keeps_crashing_ends_the_app_steps() -> Result {
    let data = DataDir::new("crash");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, false).await?;
    app.screenshot("lifecycle-before-crash").await?;
    let pid = app.app.as_ref().ok_or("no app process")?.pid;

    // The web process dies under a live window: the app reloads the page. (WebKitWebDriver
    // ends the session when its page crashes, so from here the test reads the app's log and
    // its processes.)
    let first = web_process(&app)?;
    let loads = app.log().matches("the page has loaded").count();
    step(format!("killing {first}"));
    procs::signal(first.pid, libc::SIGKILL);
    wait_log(&app, "web process died (Crashed); reloading the page", 0).await?;
    wait_log(&app, "the page has loaded", loads).await?;
    let second = web_process(&app)?;
    assert_ne!(first.pid, second.pid, "a new web process draws the page");
    assert!(procs::alive(pid), "the app itself kept running");

    // It dies again within a minute: the app ends rather than loop.
    step(format!("killing {second}"));
    procs::signal(second.pid, libc::SIGKILL);
    step("waiting for the app to end after its page crashed twice");
    assert!(
        procs::wait_gone(&[pid], Duration::from_secs(10)),
        "the app (pid {pid}) kept running after its page crashed twice in a minute"
    );
    assert!(
        procs::wait_lock_free(&data.0, Duration::from_secs(5)),
        "the instance lock is still held 5 s after the app ended"
    );
    Ok(())
}

/// Asks the app's window to close as a window manager's close button does: the
/// WM_DELETE_WINDOW message of the ICCCM, sent with python3-xlib (Xvfb runs no window
/// manager to send it).
fn press_close_button() -> Result {
    step("sending WM_DELETE_WINDOW to the app's window");
    let script = r#"
import sys
from Xlib import X, display, protocol
d = display.Display()
proto = d.intern_atom('WM_PROTOCOLS')
delete = d.intern_atom('WM_DELETE_WINDOW')
found = []
def walk(w):
    try:
        name = w.get_wm_name()
        protos = w.get_wm_protocols() or []
    except Exception:
        return
    if name == 'Call-In Planner' and delete in protos:
        found.append(w)
    for c in w.query_tree().children:
        walk(c)
walk(d.screen().root)
if not found:
    sys.exit('no window "Call-In Planner"')
for w in found:
    ev = protocol.event.ClientMessage(window=w, client_type=proto, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
    w.send_event(ev)
d.flush()
"#;
    let (ok, out) =
        procs::run_bounded("/usr/bin/python3", &["-c", script], Duration::from_secs(10))?;
    if !ok {
        return Err(format!("the close message could not be sent: {out}").into());
    }
    Ok(())
}

bounded_test!(
    the_close_button_asks_first_when_a_form_holds_unsaved_input,
    150,
    the_close_button_asks_first_when_a_form_holds_unsaved_input_steps
);

async fn the_close_button_asks_first_when_a_form_holds_unsaved_input_steps() -> Result {
    let data = DataDir::new("close-button");
    let app = App::start(&data.0).await?;
    app.create_database(PASSPHRASE, false).await?;
    let pid = app.app.as_ref().ok_or("no app process")?.pid;
    app.click("New person").await?;
    app.fill("Last name", "Unsavedname").await?;

    // Unsaved input: the close button asks, and "Keep editing" keeps the window and the input.
    press_close_button()?;
    app.wait_text("Leave without saving?").await?;
    app.screenshot("close-asks").await?;
    app.click_in_dialog("Keep editing").await?;
    app.wait_dialog_closed().await?;
    let kept = app.field("Last name").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("Unsavedname"));
    assert!(!procs::wait_gone(&[pid], Duration::from_millis(500)));

    // Asked again, "Discard changes" closes the app.
    press_close_button()?;
    app.wait_text("Leave without saving?").await?;
    // The app ends as the click lands: the click's answer may never come, so it is not awaited.
    let discard = app
        .client
        .find(fantoccini::Locator::XPath(
            "//dialog[@open]//button[normalize-space(.)='Discard changes']",
        ))
        .await?;
    let clicking = tokio::spawn(async move { discard.click().await });
    step("waiting for the app to end after the close was confirmed");
    assert!(
        procs::wait_gone(&[pid], Duration::from_secs(10)),
        "the app was still running 10 s after the close was confirmed; its log:\n{}",
        app.log()
    );
    assert!(
        procs::wait_lock_free(&data.0, Duration::from_secs(5)),
        "the instance lock is still held 5 s after the app ended"
    );
    clicking.abort();
    drop(app);
    let ended = procs::end_all(&data.0, Duration::from_secs(3));
    assert!(ended.survivors.is_empty());
    Ok(())
}
