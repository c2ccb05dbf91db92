//! Long work (an export, a document's layout) runs at a lower CPU priority than what the
//! coordinator is doing meanwhile: on a two-core laptop a 50,000-row export and a
//! 200-letter layout keep both cores busy, and a search typed beside them waited for a
//! core, not for the database (`benches/concurrency.rs`). The work runs on a thread of its
//! own whose nice value is raised by 10; the calling thread waits for it. (An unprivileged
//! thread cannot lower its nice value again, hence a thread per piece of work, not a
//! change to the caller's.)

use std::sync::atomic::{AtomicBool, Ordering};

static ENABLED: AtomicBool = AtomicBool::new(true);

/// Turns the lower priority off (or on again) for the whole process: the concurrency
/// benchmark measures what it buys. The app never turns it off.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::SeqCst);
}

/// Runs `work` on a thread of lower priority and returns what it returns; a panic in it is
/// carried on to the caller. Elsewhere than on Linux, `work` runs at the usual priority.
pub fn at_low_priority<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if !ENABLED.load(Ordering::SeqCst) {
        return work();
    }
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("long work".into())
            .spawn_scoped(scope, || {
                lower_this_thread();
                work()
            })
            .expect("a thread for the long work");
        match worker.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// How much nicer than the app's other threads long work is (0 = same, 19 = the least).
pub const NICER_BY: i32 = 10;

#[cfg(target_os = "linux")]
fn lower_this_thread() {
    // On Linux a thread is a task with its own nice value, which the threads it starts
    // inherit (the export's writer thread, typst's workers). Failing is harmless: the work
    // then runs at the usual priority.
    // SAFETY: gettid and setpriority take plain integers and touch no memory of ours; they
    // change only this thread's own priority.
    unsafe {
        let tid = libc::gettid();
        let now = libc::getpriority(libc::PRIO_PROCESS, tid as libc::id_t);
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, now + NICER_BY);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_thread() {}

/// This thread's nice value (Linux), for the tests.
#[cfg(target_os = "linux")]
pub fn this_threads_nice() -> i32 {
    // SAFETY: as above; reads this thread's own priority.
    unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_work_runs_nicer_and_the_caller_keeps_its_priority() {
        let before = this_threads_nice();
        let inside = at_low_priority(|| {
            (
                this_threads_nice(),
                std::thread::spawn(this_threads_nice).join().unwrap(),
            )
        });
        assert_eq!(
            inside,
            ((before + NICER_BY).min(19), (before + NICER_BY).min(19)),
            "the work and a thread it starts"
        );
        assert_eq!(this_threads_nice(), before, "the caller is unchanged");
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| at_low_priority(|| panic!("export failed")));
        assert!(caught.is_err());
    }
}
