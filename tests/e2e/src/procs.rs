//! The processes a test started, found through `/proc`: every process whose environment
//! names the test's data folder (tauri-driver, WebKitWebDriver, the app and its WebKit
//! processes all inherit `CALLIN_PLANNER_DATA_DIR`). Data folders are unique per test, so
//! this finds exactly one test's processes, whoever their parent is now (a process whose
//! parent died is re-parented to init and would escape a walk of the process tree).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub const DATA_DIR_ENV: &str = "CALLIN_PLANNER_DATA_DIR";

/// One live process of a test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proc {
    pub pid: i32,
    /// The file name of its executable (`callin-planner`, `WebKitWebProcess`, …).
    pub name: String,
}

impl std::fmt::Display for Proc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (pid {})", self.name, self.pid)
    }
}

fn thread_running(stat_path: &str) -> bool {
    match std::fs::read_to_string(stat_path) {
        // The state is the first field after the command name's closing parenthesis.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

/// Whether `pid` is alive: one of its threads is still running. A process that is exiting
/// shows its main thread as a zombie while another thread finishes, and it keeps its files
/// (the instance lock) until the last one has, so every thread is looked at.
pub fn alive(pid: i32) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return false;
    };
    tasks.flatten().any(|t| {
        thread_running(&format!(
            "/proc/{pid}/task/{}/stat",
            t.file_name().to_string_lossy()
        ))
    })
}

fn environ_names(pid: i32, data_dir: &Path) -> bool {
    let Ok(env) = std::fs::read(format!("/proc/{pid}/environ")) else {
        return false;
    };
    let want = format!("{DATA_DIR_ENV}={}", data_dir.display());
    env.split(|b| *b == 0).any(|kv| kv == want.as_bytes())
}

fn exe_name(pid: i32) -> String {
    std::fs::read_link(format!("/proc/{pid}/exe"))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .ok()
                .map(|c| c.trim().to_string())
        })
        .unwrap_or_default()
}

/// The live processes whose environment names `data_dir`, this test process excepted.
pub fn of_data_dir(data_dir: &Path) -> Vec<Proc> {
    let me = std::process::id() as i32;
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<i32>().ok()) else {
            continue;
        };
        if pid != me && alive(pid) && environ_names(pid, data_dir) {
            out.push(Proc {
                pid,
                name: exe_name(pid),
            });
        }
    }
    out.sort_by_key(|p| p.pid);
    out
}

/// The app's own process (the binary under test) among a data folder's processes.
pub fn app_process(data_dir: &Path, app_binary: &Path) -> Option<Proc> {
    let name = app_binary.file_name()?.to_string_lossy().into_owned();
    of_data_dir(data_dir).into_iter().find(|p| p.name == name)
}

pub fn signal(pid: i32, sig: i32) {
    // SAFETY: kill(2) with a pid we just read from /proc; a pid that is gone is ESRCH.
    unsafe {
        libc::kill(pid, sig);
    }
}

/// Waits until none of `pids` is alive, for at most `limit`. True if they all ended.
pub fn wait_gone(pids: &[i32], limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if pids.iter().all(|p| !alive(*p)) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// What ending a test's processes found.
#[derive(Debug, Default)]
pub struct Ended {
    /// Ended by SIGTERM.
    pub terminated: Vec<Proc>,
    /// Still alive after SIGTERM and `grace`: ended by SIGKILL.
    pub killed: Vec<Proc>,
    /// Alive even after SIGKILL (stuck in the kernel): the test fails with these.
    pub survivors: Vec<Proc>,
}

/// Ends every process of `data_dir`: SIGTERM, `grace` to go, then SIGKILL, and waits.
/// Blocking (it runs in `Drop` too).
pub fn end_all(data_dir: &Path, grace: Duration) -> Ended {
    let mut ended = Ended::default();
    let found = of_data_dir(data_dir);
    if found.is_empty() {
        return ended;
    }
    for p in &found {
        signal(p.pid, libc::SIGTERM);
    }
    let pids: Vec<i32> = found.iter().map(|p| p.pid).collect();
    wait_gone(&pids, grace);
    // Anything that started meanwhile (a WebKit process) is caught here too.
    let rest = of_data_dir(data_dir);
    for p in &rest {
        signal(p.pid, libc::SIGKILL);
    }
    let rest_pids: Vec<i32> = rest.iter().map(|p| p.pid).collect();
    wait_gone(&rest_pids, Duration::from_secs(5));
    ended.survivors = rest.iter().filter(|p| alive(p.pid)).cloned().collect();
    ended.terminated = found
        .into_iter()
        .filter(|p| !rest_pids.contains(&p.pid))
        .collect();
    ended.killed = rest
        .into_iter()
        .filter(|p| !ended.survivors.contains(p))
        .collect();
    ended
}

/// Runs a command with a deadline (a command still running then is killed) and returns
/// whether it succeeded and what it printed (a short output: a long one would fill the pipe).
pub fn run_bounded(
    program: &str,
    args: &[&str],
    limit: Duration,
) -> Result<(bool, String), String> {
    use std::io::Read;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{program} could not start: {e}"))?;
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{program} {args:?} did not finish within {limit:?}"
                ));
            }
        }
    };
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = stdout.read_to_string(&mut out);
    }
    Ok((status.success(), out))
}

/// Waits until no process holds the data folder's instance lock, for at most `limit`.
pub fn wait_lock_free(data_dir: &Path, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if !lock_held(data_dir) {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether another process holds the data folder's instance lock.
pub fn lock_held(data_dir: &Path) -> bool {
    let lock: PathBuf = data_dir.join("instance.lock");
    match std::fs::OpenOptions::new().write(true).open(&lock) {
        Ok(file) => match file.try_lock() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(_) => true,
        },
        Err(_) => false,
    }
}
