//! `#[tauri::command]` handlers, one file per area, thin: each parses its input, calls
//! the domain and the store, and returns the one error type. The plain function beside
//! each handler is what the handler runs, so tests call exactly the command's code path.

pub mod groups;
pub mod people;
pub mod session;

/// Every command the UI may call.
#[macro_export]
macro_rules! command_list {
    () => {
        tauri::generate_handler![
            $crate::commands::session::session_status,
            $crate::commands::session::create_database,
            $crate::commands::session::unlock,
            $crate::commands::session::lock,
            $crate::commands::session::load_demo_data,
            $crate::commands::people::search_people,
            $crate::commands::people::people_filter_options,
            $crate::commands::people::get_person,
            $crate::commands::people::create_person,
            $crate::commands::people::update_person,
            $crate::commands::people::archive_person,
            $crate::commands::people::restore_person,
            $crate::commands::people::person_history,
            $crate::commands::groups::list_groups,
            $crate::commands::groups::get_group,
            $crate::commands::groups::create_group,
            $crate::commands::groups::update_group,
            $crate::commands::groups::add_group_member,
            $crate::commands::groups::remove_group_member,
            $crate::commands::groups::link_groups,
            $crate::commands::groups::unlink_groups,
        ]
    };
}
