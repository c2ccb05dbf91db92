//! `#[tauri::command]` handlers, one file per area, thin: each parses its input, calls
//! the domain and the store, and returns the one error type. The plain function beside
//! each handler is what the handler runs, so tests call exactly the command's code path.

pub mod callins;
pub mod dayof;
pub mod directory;
pub mod followups;
pub mod groups;
pub mod imports;
pub mod invitations;
pub mod people;
pub mod printing;
pub mod save;
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
            $crate::commands::imports::import_open_file,
            $crate::commands::imports::import_choose_sheet,
            $crate::commands::imports::import_check,
            $crate::commands::imports::import_commit,
            $crate::commands::imports::import_close,
            $crate::commands::imports::import_save_mapping,
            $crate::commands::imports::import_undo,
            $crate::commands::imports::list_imports,
            $crate::commands::imports::possible_duplicate_people,
            $crate::commands::imports::dismiss_duplicate,
            $crate::commands::imports::merge_people,
            $crate::commands::groups::list_groups,
            $crate::commands::groups::get_group,
            $crate::commands::groups::create_group,
            $crate::commands::groups::update_group,
            $crate::commands::groups::add_group_member,
            $crate::commands::groups::remove_group_member,
            $crate::commands::groups::link_groups,
            $crate::commands::groups::unlink_groups,
            $crate::commands::callins::list_call_ins,
            $crate::commands::callins::get_call_in,
            $crate::commands::callins::create_call_in,
            $crate::commands::callins::update_call_in,
            $crate::commands::callins::set_wizard_step,
            $crate::commands::callins::call_in_readiness,
            $crate::commands::callins::call_in_action,
            $crate::commands::callins::checklist,
            $crate::commands::callins::add_checklist_item,
            $crate::commands::callins::update_checklist_item,
            $crate::commands::callins::remove_checklist_item,
            $crate::commands::invitations::invitee_candidates,
            $crate::commands::invitations::list_invitations,
            $crate::commands::invitations::add_invitee,
            $crate::commands::invitations::add_filtered_invitees,
            $crate::commands::invitations::remove_invitee,
            $crate::commands::invitations::acknowledge_warnings,
            $crate::commands::invitations::notice_action,
            $crate::commands::directory::list_speakers,
            $crate::commands::directory::save_speaker,
            $crate::commands::directory::run_of_show,
            $crate::commands::directory::add_segment,
            $crate::commands::directory::update_segment,
            $crate::commands::directory::remove_segment,
            $crate::commands::directory::move_segment,
            $crate::commands::directory::assign_speaker,
            $crate::commands::directory::set_assignment_status,
            $crate::commands::directory::remove_assignment,
            $crate::commands::directory::list_providers,
            $crate::commands::directory::save_provider,
            $crate::commands::directory::save_service,
            $crate::commands::directory::table_coverage,
            $crate::commands::directory::set_provider_present,
            $crate::commands::dayof::check_in_state,
            $crate::commands::dayof::check_in,
            $crate::commands::dayof::walk_in,
            $crate::commands::dayof::undo_check_in,
            $crate::commands::dayof::end_check_in,
            $crate::commands::dayof::record_offer,
            $crate::commands::dayof::first_contact_days,
            $crate::commands::dayof::set_first_contact_days,
            $crate::commands::followups::list_referrals,
            $crate::commands::followups::move_referral,
            $crate::commands::followups::log_contact_attempt,
            $crate::commands::followups::referral_history,
            $crate::commands::followups::record_consent,
            $crate::commands::followups::list_no_shows,
            $crate::commands::followups::custom_notification,
            $crate::commands::followups::export_referrals,
            $crate::commands::followups::export_no_shows,
            $crate::commands::printing::preview_document,
            $crate::commands::printing::save_document,
            $crate::commands::printing::print_document,
            $crate::commands::printing::print_destination,
            $crate::commands::printing::letter_templates,
            $crate::commands::printing::save_letter_template,
            $crate::commands::printing::reset_letter_template,
            $crate::commands::printing::print_settings,
            $crate::commands::printing::save_print_settings,
        ]
    };
}
