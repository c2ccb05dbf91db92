//! Long work at a lower CPU priority (`src-tauri/priority.rs`). A binary of its own: rayon's
//! shared pool is made once per process, and here nothing else makes it first.
#![cfg(target_os = "linux")]

use callin_planner::priority::{at_low_priority, this_threads_nice, NICE};

#[test]
fn the_work_its_threads_and_the_shared_pool_run_nicer_and_the_caller_keeps_its_priority() {
    let before = this_threads_nice();
    assert!(
        before < NICE,
        "the tests run at the usual priority ({before})"
    );
    let (work, child, pool) = at_low_priority(|| {
        (
            this_threads_nice(),
            std::thread::spawn(this_threads_nice).join().unwrap(),
            // Called from outside the pool, both halves run on pool threads.
            rayon::join(this_threads_nice, this_threads_nice),
        )
    });
    assert!(work >= NICE && child >= NICE, "{work} {child}");
    assert!(
        pool.0 >= NICE && pool.1 >= NICE,
        "typst's pool threads run at {pool:?}"
    );
    assert_eq!(this_threads_nice(), before, "the caller is unchanged");
    // A second piece of work finds the pool as it was made.
    let again = at_low_priority(|| rayon::join(this_threads_nice, this_threads_nice));
    assert!(again.0 >= NICE && again.1 >= NICE);
}

#[test]
fn a_panic_in_the_work_reaches_the_caller() {
    let caught = std::panic::catch_unwind(|| at_low_priority(|| panic!("export failed")));
    assert!(caught.is_err());
}
