//! The door every command comes in by: before a command's own arguments are read, every
//! text of the call is checked ([`crate::domain::text::check_input`]): a control character
//! or an over-long text is refused in the one error shape, naming its field, and the
//! command never runs.

use tauri::ipc::{Invoke, InvokeBody};
use tauri::Runtime;

/// `handler` (the app's `command_list!`) behind the check.
pub fn guarded<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<R>| {
        if let InvokeBody::Json(value) = invoke.message.payload() {
            if let Err(e) = crate::domain::text::check_input(value) {
                log::warn!(
                    "command refused at the door: {} ({})",
                    invoke.message.command(),
                    e.code().as_str()
                );
                invoke.resolver.reject(e);
                return true;
            }
        }
        handler(invoke)
    }
}
