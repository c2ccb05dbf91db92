//! Call-In Planner: the app's library. `run()` builds the Tauri app; everything else is
//! usable without a window (tests, benchmarks).

pub mod commands;
pub mod demo;
pub mod domain;
pub mod error;
pub mod instance;
pub mod printer;
pub mod reports;
pub mod state;
pub mod store;
pub mod window;

use std::path::PathBuf;

use tauri::Manager;

/// Set this to a folder to keep the database there instead of the user's data folder
/// (the tests do, so they never touch real data).
pub const DATA_DIR_ENV: &str = "CALLIN_PLANNER_DATA_DIR";

fn data_dir(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .app_data_dir()
        .map_err(|e| format!("The app's data folder could not be found: {e}"))
}

pub fn run() {
    let app = match tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(command_list!())
        .on_page_load(|_, payload| {
            if let tauri::webview::PageLoadEvent::Finished = payload.event() {
                eprintln!("Call-In Planner: the page has loaded.");
            }
        })
        .setup(|app| {
            if let Some(main) = app.get_webview_window("main") {
                window::watch(&main);
            }
            Ok(())
        })
        .build(tauri::generate_context!())
    {
        Ok(app) => app,
        Err(e) => {
            eprintln!("Call-In Planner could not start: {e}");
            std::process::exit(1);
        }
    };
    let dir = match data_dir(&app) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    match instance::claim(&dir) {
        Ok(instance::Claim::Secondary) => {
            eprintln!(
                "Call-In Planner is already running on {}; bringing its window forward.",
                dir.display()
            );
            return;
        }
        Ok(instance::Claim::Primary(primary)) => {
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
        }
        Err(e) => {
            eprintln!("The data folder {} could not be used: {e}", dir.display());
            std::process::exit(1);
        }
    }
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
