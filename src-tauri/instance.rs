//! One running instance per data folder: a second launch asks the first to bring its
//! window forward and exits, so the database is never opened twice.
//!
//! The first instance holds an exclusive lock on `instance.lock` for as long as it runs
//! (the operating system drops it if the process dies) and listens on `instance.sock`.

use std::fs::{File, OpenOptions};
use std::io;
#[cfg(unix)]
use std::io::Write;
use std::path::Path;

/// What a launch found.
pub enum Claim {
    /// This is the only instance: keep the lock for as long as the app runs.
    Primary(PrimaryInstance),
    /// Another instance runs on the same data folder and was asked to show itself.
    Secondary,
}

pub struct PrimaryInstance {
    _lock: File,
    #[cfg(unix)]
    listener: Option<std::os::unix::net::UnixListener>,
}

impl PrimaryInstance {
    /// Calls `on_activate` each time another launch asks this one to come forward.
    pub fn listen(self, on_activate: impl Fn() + Send + 'static) {
        #[cfg(unix)]
        if let Some(listener) = self.listener {
            let lock = self._lock;
            std::thread::spawn(move || {
                let _lock = lock;
                for stream in listener.incoming() {
                    if stream.is_ok() {
                        on_activate();
                    }
                }
            });
            return;
        }
        // Without a socket the lock alone keeps the database single-opened.
        std::mem::forget(self._lock);
        let _ = on_activate;
    }
}

pub fn claim(data_dir: &Path) -> io::Result<Claim> {
    std::fs::create_dir_all(data_dir)?;
    crate::store::restrict_to_owner(data_dir);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(data_dir.join("instance.lock"))?;
    match lock.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            #[cfg(unix)]
            if let Ok(mut s) =
                std::os::unix::net::UnixStream::connect(data_dir.join("instance.sock"))
            {
                let _ = s.write_all(b"activate\n");
            }
            return Ok(Claim::Secondary);
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    #[cfg(unix)]
    {
        let sock = data_dir.join("instance.sock");
        let _ = std::fs::remove_file(&sock);
        // A folder path too long for a socket only loses the "bring forward" nicety.
        let listener = std::os::unix::net::UnixListener::bind(&sock).ok();
        Ok(Claim::Primary(PrimaryInstance {
            _lock: lock,
            listener,
        }))
    }
    #[cfg(not(unix))]
    Ok(Claim::Primary(PrimaryInstance { _lock: lock }))
}
