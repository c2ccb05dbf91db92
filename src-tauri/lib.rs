//! Call-In Planner: the app's library. `run()` builds the Tauri app; everything else is
//! usable without a window (tests, benchmarks).

pub mod commands;
pub mod demo;
pub mod domain;
pub mod error;
pub mod import;
pub mod instance;
pub mod ipc;
pub mod logging;
pub mod printer;
pub mod priority;
pub mod reports;
pub mod state;
pub mod store;
pub mod window;

use std::path::PathBuf;

use tauri::Manager;

/// Set this to a folder to keep the database there instead of the user's data folder
/// (the tests do, so they never touch real data).
pub const DATA_DIR_ENV: &str = "CALLIN_PLANNER_DATA_DIR";

/// The data folder: `CALLIN_PLANNER_DATA_DIR`, else the user's data folder for the app's
/// identifier (where Tauri's `app_data_dir` puts it: `~/.local/share/<identifier>` on Linux).
fn data_dir(identifier: &str) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(identifier))
        .ok_or_else(|| "The app's data folder could not be found.".into())
}

pub fn run() {
    let context = tauri::generate_context!();
    // Typst's worker threads, made now at the long work's lower priority.
    priority::prepare();
    // The data folder is claimed before any window or web view exists: a second copy
    // started on the same folder only asks the first to come forward and ends, without
    // starting (and tearing down) a web view of its own.
    let dir = match data_dir(&context.config().identifier) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let primary = match instance::claim(&dir) {
        Ok(instance::Claim::Secondary) => {
            eprintln!(
                "Call-In Planner is already running on {}; bringing its window forward.",
                dir.display()
            );
            return;
        }
        Ok(instance::Claim::Primary(primary)) => primary,
        Err(e) => {
            eprintln!("The data folder {} could not be used: {e}", dir.display());
            std::process::exit(1);
        }
    };
    let app = match tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(ipc::guarded(command_list!()))
        .on_page_load(|_, payload| {
            if let tauri::webview::PageLoadEvent::Finished = payload.event() {
                eprintln!("Call-In Planner: the page has loaded.");
            }
        })
        .setup(|app| {
            if let Some(main) = app.get_webview_window("main") {
                window::watch(&main);
                window::ask_before_closing(&main);
            }
            Ok(())
        })
        .build(context)
    {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Call-In Planner could not start: {e}");
            std::process::exit(1);
        }
    };
    let handle = app.handle().clone();
    primary.listen(move || {
        let handle2 = handle.clone();
        let _ = handle.run_on_main_thread(move || {
            if let Some(window) = handle2.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        });
    });
    logging::init(&dir);
    let state = state::AppState::new(dir);
    state.clear_printed();
    app.manage(state);
    app.run(|handle, event| {
        // Printed PDFs are not encrypted: none outlives the app.
        if let tauri::RunEvent::Exit = event {
            if let Some(state) = handle.try_state::<state::AppState>() {
                state.clear_printed();
            }
        }
    });
}
