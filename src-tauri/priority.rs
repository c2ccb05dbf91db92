//! Long work (an export, a document's layout, its PDF, the preview's pages) runs at a lower
//! CPU priority than what the coordinator is doing meanwhile: on a two-core laptop a
//! 50,000-row export and a 200-letter layout keep both cores busy, and a search typed beside
//! them waited for a core, not for the database (`benches/concurrency.rs`). The work runs
//! on a thread of its own whose nice value is at least [`NICE`]; the calling thread waits
//! for it. (An unprivileged thread cannot lower its nice value again, hence a thread per
//! piece of work, not a change to the caller's.) Typst and the PDF writer spread their work
//! over rayon's shared pool, whose threads are made once for the whole process: they are
//! made here, at the same priority, before any long work runs (a pool thread is not a
//! child of the thread that asks it for work, so it would not inherit that thread's).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

/// The nice value long work runs at, at least (0 is the usual, 19 the least).
pub const NICE: i32 = 10;

static ENABLED: AtomicBool = AtomicBool::new(true);

thread_local! {
    /// This thread runs long work already (a layout inside a save, an export's reading).
    static LOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}
static POOL: Once = Once::new();

/// Turns the lower priority off for the whole process, before any long work ran: the
/// concurrency benchmark measures what it buys in a process of its own. The app never
/// turns it off.
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::SeqCst);
}

/// Makes rayon's shared pool with its threads at the long work's priority (once; the app
/// calls it at start, and [`at_low_priority`] before its first work).
pub fn prepare() {
    if !ENABLED.load(Ordering::SeqCst) {
        return;
    }
    POOL.call_once(|| {
        // Refused only when the pool exists already; then its threads stay as they are.
        let _ = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("long work {i}"))
            .start_handler(|_| lower_this_thread())
            .build_global();
    });
}

/// Runs `work` at low priority and returns what it returns; a panic in it is carried on to
/// the caller. Where no thread can be started, or elsewhere than on Linux, `work` runs on
/// the caller's thread at the usual priority.
pub fn at_low_priority<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    if !ENABLED.load(Ordering::SeqCst) || !cfg!(target_os = "linux") || LOW.with(|l| l.get()) {
        return work();
    }
    prepare();
    let slot = Mutex::new(Some(work));
    let take = || slot.lock().unwrap_or_else(|e| e.into_inner()).take();
    let out = std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("long work".into())
            .spawn_scoped(scope, || {
                lower_this_thread();
                LOW.with(|l| l.set(true));
                take().map(|work| work())
            });
        match worker.map(|w| w.join()) {
            Ok(Ok(out)) => out,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Err(_) => None,
        }
    });
    match out {
        Some(out) => out,
        // The thread could not be started: the work is still in its slot.
        None => take().expect("the work not run yet")(),
    }
}

#[cfg(target_os = "linux")]
fn lower_this_thread() {
    // On Linux a thread is a task with its own nice value, which the threads it starts
    // inherit (the export's writer thread). Failing is harmless: the work then runs at the
    // usual priority.
    // SAFETY: gettid and setpriority take plain integers and touch no memory of ours; they
    // change only this thread's own priority.
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        if this_threads_nice() < NICE {
            libc::setpriority(libc::PRIO_PROCESS, tid, NICE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_thread() {}

/// This thread's nice value (Linux; `tests/priority.rs` reads it).
#[cfg(target_os = "linux")]
pub fn this_threads_nice() -> i32 {
    // SAFETY: as above; reads this thread's own priority. (-1 is also the error value;
    // reading one's own priority does not fail.)
    unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
}
