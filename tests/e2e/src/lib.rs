//! The harness of the end-to-end suite: one app per test on its own temporary data
//! folder, driven through tauri-driver (which runs WebKitWebDriver, which runs the app).
//! Elements are found the way a person finds them: by label, role and visible text.
//!
//! Nothing here waits without a deadline, and every process a test starts is ended:
//! - each test runs inside [`within`], which fails it past its bound with the step it was
//!   waiting for and a screenshot;
//! - every wait names what it waits for ([`step`]) and has its own limit, the WebDriver
//!   new-session request included;
//! - the app's processes are found by the data folder in their environment ([`procs`]);
//!   [`App::quit`] checks the app ended by itself once its window closed, and ends
//!   whatever is left (SIGTERM, then SIGKILL); `Drop` does the same on every failure path;
//! - no app starts on a data folder another process still uses.

pub mod procs;

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::{Child, Command};

/// What the running test is doing now, for the message when it runs past its bound.
static STEP: Mutex<String> = Mutex::new(String::new());
/// The session of the app the running test drives, for a screenshot when it runs past its bound.
static LIVE: Mutex<Option<Client>> = Mutex::new(None);

/// Records what the test is about to wait for.
pub fn step(what: impl Into<String>) {
    *STEP.lock().unwrap_or_else(|p| p.into_inner()) = what.into();
}

/// Waits, with a deadline, until `probe` answers `Ok(value)`; `Err(seen)` means "not yet"
/// and says what is on screen instead, for the message when the deadline passes. A failed
/// probe (a page that re-rendered under the query) is tried again until the deadline.
pub async fn poll<T, F, Fut>(what: &str, limit: Duration, mut probe: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<std::result::Result<T, String>>>,
{
    step(what);
    let deadline = Instant::now() + limit;
    loop {
        let seen = match probe().await {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(seen)) => seen,
            Err(e) => format!("the query failed: {e}"),
        };
        if Instant::now() > deadline {
            return Err(format!("{what}: not within {} s; seen: {seen}", limit.as_secs()).into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn current_step() -> String {
    STEP.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Declares an end-to-end test: `bounded_test!(name, seconds, steps)` runs the async
/// function `steps` as the test `name`, [`within`] a bound of `seconds`.
#[macro_export]
macro_rules! bounded_test {
    ($(#[$meta:meta])* $name:ident, $secs:expr, $steps:ident) => {
        $(#[$meta])*
        #[tokio::test(flavor = "multi_thread")]
        async fn $name() -> $crate::Result {
            $crate::within(
                stringify!($name),
                std::time::Duration::from_secs($secs),
                $steps(),
            )
            .await
        }
    };
}

/// Runs one end-to-end test with a bound on its whole length. Past the bound it fails
/// with the step it was on and a screenshot (`target/e2e-screenshots/TIMEOUT-<name>.png`);
/// dropping the test then ends its app (see [`App`]'s `Drop`).
pub async fn within<F>(name: &str, limit: Duration, test: F) -> Result
where
    F: Future<Output = Result>,
{
    step("starting");
    let started = Instant::now();
    tokio::pin!(test);
    let outcome = tokio::select! {
        r = &mut test => r,
        _ = tokio::time::sleep(limit) => {
            let waiting = current_step();
            let shot = timeout_screenshot(name).await;
            Err(format!(
                "{name} ran past its bound of {} s while {waiting}; {shot}",
                limit.as_secs()
            )
            .into())
        }
    };
    eprintln!("{name}: {:.1} s", started.elapsed().as_secs_f64());
    outcome
}

async fn timeout_screenshot(name: &str) -> String {
    let client = LIVE.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let Some(client) = client else {
        return "no window to take a screenshot of".into();
    };
    match tokio::time::timeout(Duration::from_secs(5), client.screenshot()).await {
        Ok(Ok(png)) => {
            let path = screenshots_dir().join(format!("TIMEOUT-{name}.png"));
            match std::fs::create_dir_all(screenshots_dir())
                .and_then(|_| std::fs::write(&path, png))
            {
                Ok(()) => format!("screenshot: {}", path.display()),
                Err(e) => format!("the screenshot could not be saved: {e}"),
            }
        }
        Ok(Err(e)) => format!("no screenshot: {e}"),
        Err(_) => "no screenshot: the window did not answer within 5 s".into(),
    }
}

fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots")
}

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// The app binary under test: `CALLIN_APP_BIN`, or the debug build of the workspace root.
pub fn app_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("CALLIN_APP_BIN") {
        return PathBuf::from(bin);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/callin-planner")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(4444)
}

/// A temporary data folder, removed at the end (after every process still using it is ended).
pub struct DataDir(pub PathBuf, Option<tempfile::TempDir>);

impl DataDir {
    pub fn new(name: &str) -> Self {
        let tmp = tempfile::Builder::new()
            .prefix(&format!("callin-e2e-{name}-"))
            .tempdir()
            .expect("a temporary data folder");
        DataDir(tmp.path().to_path_buf(), Some(tmp))
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        procs::end_all(&self.0, Duration::from_secs(3));
        if let Some(tmp) = self.1.take() {
            let _ = tmp.close();
        }
    }
}

/// One running app, driven by WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
    data_dir: PathBuf,
    /// The app's own process, once WebKitWebDriver has started it.
    pub app: Option<procs::Proc>,
    log: PathBuf,
}

/// Where the app saves exports during the end-to-end tests (made when the app starts).
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

/// How long the WebDriver new-session request may take: tauri-driver starts, WebKitWebDriver
/// starts the app, the app connects back. A debug build on a busy 2-core machine needs ~10 s.
const NEW_SESSION: Duration = Duration::from_secs(60);
/// How long an app has to end by itself once its window closed.
const APP_EXIT: Duration = Duration::from_secs(10);

impl App {
    /// Starts the app on `data_dir` and waits for its first screen. Exports are saved in
    /// [`exports_dir`] without the save dialog.
    pub async fn start(data_dir: &Path) -> Result<App> {
        Self::launch(data_dir, false, None).await
    }

    /// Starts the app with the programs in `bin` found before the system's (`PATH`): stand-ins
    /// for the system's own commands (`lpstat`, `lp`, `xdg-open`) that this machine may lack
    /// and a test must never reach for real.
    pub async fn start_with_commands(data_dir: &Path, bin: &Path) -> Result<App> {
        Self::launch(data_dir, false, Some(bin)).await
    }

    /// Starts the app with its native file dialogs (drive them with [`App::x_keys`]).
    pub async fn start_with_native_dialogs(data_dir: &Path) -> Result<App> {
        Self::launch(data_dir, true, None).await
    }

    /// What tauri-driver, WebKitWebDriver and the app have printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The data folder this app runs on.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Types into whatever native window has the keyboard (a file dialog), through the X
    /// server: `xdotool type` for text, `xdotool key` for keys such as `Return`.
    pub fn x_keys(&self, text: Option<&str>, key: Option<&str>) -> Result {
        let limit = Duration::from_secs(20);
        if let Some(text) = text {
            step(format!("typing {text:?} with xdotool"));
            if !procs::run_bounded("xdotool", &["type", "--delay", "20", text], limit)?.0 {
                return Err("xdotool type failed".into());
            }
        }
        if let Some(key) = key {
            step(format!("pressing {key} with xdotool"));
            if !procs::run_bounded("xdotool", &["key", key], limit)?.0 {
                return Err("xdotool key failed".into());
            }
        }
        Ok(())
    }

    /// Types `path` into the GTK file or folder dialog that has the keyboard: a "/" opens
    /// its location field (and leaves its "Recent" view), then the path is typed over it
    /// once the field is open — GTK drops the keys typed while it switches (typed in one
    /// go, "/tmp/…" arrived as "/p/…" about one time in three).
    pub async fn type_path_in_dialog(&self, path: &std::path::Path) -> Result {
        self.x_keys(Some("/"), None)?;
        tokio::time::sleep(Duration::from_millis(800)).await;
        self.x_keys(None, Some("ctrl+a"))?;
        self.x_keys(Some(&path.display().to_string()), None)?;
        tokio::time::sleep(Duration::from_millis(500)).await;
        Ok(())
    }

    /// Waits until a native window titled `title` is shown, and gives it the keyboard.
    pub async fn wait_x_window(&self, title: &str) -> Result {
        step(format!("waiting for a native window {title:?}"));
        let deadline = Instant::now() + Duration::from_secs(20);
        let limit = Duration::from_secs(5);
        loop {
            let (_, out) = procs::run_bounded(
                "xdotool",
                &["search", "--onlyvisible", "--name", title],
                limit,
            )?;
            if let Some(id) = out.lines().next() {
                // `--sync` waits for the window manager's answer: bounded, and a miss is
                // only a focus that did not move.
                let _ = procs::run_bounded("xdotool", &["windowactivate", "--sync", id], limit);
                let _ = procs::run_bounded("xdotool", &["windowfocus", "--sync", id], limit);
                tokio::time::sleep(Duration::from_millis(300)).await;
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("no window {title:?} appeared").into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Runs xdotool with these arguments, bounded; fails when it fails.
    fn xdotool(&self, args: &[String]) -> Result<String> {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (ok, out) = procs::run_bounded("xdotool", &args, Duration::from_secs(5))?;
        if !ok {
            return Err(format!("xdotool {args:?} failed").into());
        }
        Ok(out)
    }

    /// Where the page's top-left corner is on the X screen. The app's window is found by
    /// its title, and its page must fill it (no title bar or menu above the page under
    /// Xvfb, which runs no window manager), so that page coordinates map to the screen.
    async fn x_page_origin(&self) -> Result<(f64, f64)> {
        step("finding the app's window on the X screen");
        let inner = self
            .client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await?;
        let (w, h) = (
            inner[0].as_f64().unwrap_or(-1.0),
            inner[1].as_f64().unwrap_or(-1.0),
        );
        let ids = self.xdotool(&[
            "search".into(),
            "--onlyvisible".into(),
            "--name".into(),
            "^Call-In Planner$".into(),
        ])?;
        let mut seen = Vec::new();
        for id in ids.lines() {
            let geo = self.xdotool(&["getwindowgeometry".into(), "--shell".into(), id.into()])?;
            let field = |name: &str| -> Option<f64> {
                geo.lines()
                    .find_map(|l| l.strip_prefix(&format!("{name}=")))
                    .and_then(|v| v.trim().parse().ok())
            };
            if let (Some(x), Some(y), Some(gw), Some(gh)) =
                (field("X"), field("Y"), field("WIDTH"), field("HEIGHT"))
            {
                if gw == w && gh == h {
                    return Ok((x, y));
                }
                seen.push(format!("{gw}×{gh} at {x},{y}"));
            }
        }
        Err(format!(
            "no window titled \"Call-In Planner\" as large as its page ({w}×{h}); windows: {seen:?}"
        )
        .into())
    }

    /// Fails unless the point `(x, y)` of the page is on `el` (or inside it): nothing
    /// covers it there, so a press of the mouse at that point lands on it.
    async fn on_point(&self, el: &Element, x: f64, y: f64, what: &str) -> Result {
        let hit = self
            .client
            .execute(
                "const at = document.elementFromPoint(arguments[1], arguments[2]);\n\
                 return [!!at && arguments[0].contains(at), at ? at.outerHTML.slice(0, 120) : 'nothing'];",
                vec![serde_json::to_value(el)?, x.into(), y.into()],
            )
            .await?;
        if hit[0] != serde_json::Value::Bool(true) {
            return Err(format!("{what} at {x},{y} is covered by {}", hit[1]).into());
        }
        Ok(())
    }

    /// Drags with the mouse, through the X server as a person's hand would (xdotool: the
    /// pointer of the display, not events made up inside the page): presses on the middle
    /// of `from`, moves in steps to the point of `to` at `to_y` (0 its top, 1 its bottom),
    /// holds it there until the page shows `dropping` (an XPath: the drop the page would
    /// make, e.g. a marked drop target), then releases. GTK's drag and drop answers each
    /// move of the pointer in turn, so the hold waits for the page's answer at the target
    /// before letting go, and the button is always released, whatever fails.
    pub async fn x_drag(&self, from: &Element, to: &Element, to_y: f64, dropping: &str) -> Result {
        let (ox, oy) = self.x_page_origin().await?;
        let (fx, fy, fw, fh) = from.rectangle().await?;
        let (tx, ty, tw, th) = to.rectangle().await?;
        let start = (fx + fw / 2.0, fy + fh / 2.0);
        let end = (tx + tw / 3.0, ty + th * to_y);
        self.on_point(from, start.0, start.1, "the element to drag")
            .await?;
        self.on_point(to, end.0, end.1, "the place to drop it")
            .await?;
        let at = |x: f64, y: f64| -> Vec<String> {
            vec![
                "mousemove".into(),
                format!("{}", (ox + x).round() as i64),
                format!("{}", (oy + y).round() as i64),
            ]
        };
        step("dragging with the X pointer (xdotool)");
        self.xdotool(&at(start.0, start.1))?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.xdotool(&["mousedown".into(), "1".into()])?;
        let dragged = async {
            const STEPS: u32 = 12;
            for i in 1..=STEPS {
                let f = f64::from(i) / f64::from(STEPS);
                self.xdotool(&at(
                    start.0 + (end.0 - start.0) * f,
                    start.1 + (end.1 - start.1) * f,
                ))?;
                tokio::time::sleep(Duration::from_millis(40)).await;
            }
            step(format!("holding the pointer still until the page shows {dropping}"));
            let deadline = Instant::now() + Duration::from_secs(10);
            let mut wiggle = 0u32;
            let mut after_seen = 0;
            loop {
                // A move of one pixel and back: each is one more question to the page.
                wiggle += 1;
                let d = f64::from(wiggle % 2);
                self.xdotool(&at(end.0 + d, end.1 + d))?;
                tokio::time::sleep(Duration::from_millis(150)).await;
                if after_seen > 0 || !self.client.find_all(Locator::XPath(dropping)).await?.is_empty() {
                    // Seen: one more answer, so GTK has the page's "yes" for this place.
                    after_seen += 1;
                    if after_seen > 2 {
                        return Ok(());
                    }
                }
                if Instant::now() > deadline {
                    return Err::<(), Box<dyn std::error::Error + Send + Sync>>(
                        format!("the page never showed {dropping} while the pointer held still over the target").into(),
                    );
                }
            }
        }
        .await;
        let released = self.xdotool(&["mouseup".into(), "1".into()]);
        dragged?;
        released?;
        Ok(())
    }

    async fn launch(data_dir: &Path, native_dialogs: bool, bin: Option<&Path>) -> Result<App> {
        step(format!(
            "checking that nothing runs on {}",
            data_dir.display()
        ));
        ensure_free(data_dir).await?;
        std::fs::create_dir_all(exports_dir(data_dir))?;
        let port = free_port();
        let native_port = free_port();
        step("starting tauri-driver");
        let logs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-logs");
        std::fs::create_dir_all(&logs)?;
        let log_name = data_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let log_path = logs.join(format!("{log_name}.log"));
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)?;
        let mut command =
            Command::new(std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()));
        if let Some(bin) = bin {
            let mut path = std::ffi::OsString::from(bin);
            if let Some(system) = std::env::var_os("PATH") {
                path.push(":");
                path.push(system);
            }
            command.env("PATH", path);
        }
        let mut driver = command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            // Every process of this test carries the data folder in its environment: that is
            // how the harness finds them all (see `procs`).
            .env(procs::DATA_DIR_ENV, data_dir)
            // Exports go here instead of through the native save dialog, which WebDriver cannot drive.
            .env(
                if native_dialogs {
                    "CALLIN_PLANNER_NOT_USED"
                } else {
                    "CALLIN_PLANNER_SAVE_DIR"
                },
                exports_dir(data_dir),
            )
            // What tauri-driver, WebKitWebDriver and the app print goes to a log per data
            // folder (a file, never a pipe: a process that outlives the test cannot hold the
            // test's output open).
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .kill_on_drop(false)
            .spawn()
            .map_err(|e| {
                format!(
                    "tauri-driver could not start (is it installed? `make test` installs it): {e}"
                )
            })?;

        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "browserName": "wry",
                "tauri:options": { "application": app_binary() }
            }))?;
        let url = format!("http://127.0.0.1:{port}");
        step("waiting for the WebDriver session (tauri-driver, WebKitWebDriver, the app)");
        let connect = async {
            loop {
                match ClientBuilder::native()
                    .capabilities(caps.clone())
                    .connect(&url)
                    .await
                {
                    Ok(client) => return Ok(client),
                    // tauri-driver is not listening yet.
                    Err(fantoccini::error::NewSessionError::Failed(_)) => {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        let client = match tokio::time::timeout(NEW_SESSION, connect).await {
            Ok(Ok(client)) => client,
            failed => {
                let why = match failed {
                    Ok(Err(e)) => format!("{e}"),
                    _ => format!("no answer within {} s", NEW_SESSION.as_secs()),
                };
                let running = procs::of_data_dir(data_dir);
                let _ = driver.start_kill();
                procs::end_all(data_dir, Duration::from_secs(3));
                return Err(format!(
                    "no WebDriver session: {why} (running then: {})",
                    list(&running)
                )
                .into());
            }
        };
        *LIVE.lock().unwrap_or_else(|p| p.into_inner()) = Some(client.clone());
        let mut app = App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
            app: None,
            log: log_path,
        };
        app.app = procs::app_process(data_dir, &app_binary());
        if app.app.is_none() {
            return Err(format!(
                "the WebDriver session is up but no app runs on {}",
                data_dir.display()
            )
            .into());
        }
        app.wait_text("Call-In Planner").await?;
        Ok(app)
    }

    /// First run: types the passphrase twice, creates the database and answers the demo
    /// data offer (`demo`: load it or start empty), then waits for the People screen.
    pub async fn create_database(&self, passphrase: &str, demo: bool) -> Result {
        self.fill("Passphrase", passphrase).await?;
        self.fill("Passphrase again", passphrase).await?;
        self.click("Create database").await?;
        self.click(if demo {
            "Load demo data"
        } else {
            "Start empty"
        })
        .await?;
        self.wait_heading("People").await?;
        Ok(())
    }

    /// Ends the WebDriver session (which closes the window), checks that the app ended by
    /// itself, as it must once its window is gone, and ends tauri-driver and anything left.
    pub async fn quit(mut self) -> Result {
        step("closing the WebDriver session");
        let closed =
            tokio::time::timeout(Duration::from_secs(15), self.client.clone().close()).await;
        *LIVE.lock().unwrap_or_else(|p| p.into_inner()) = None;
        step("waiting for the app to end after its window closed");
        let app_pid = self.app.as_ref().map(|p| p.pid);
        let app_ended = app_pid.is_none_or(|pid| procs::wait_gone(&[pid], APP_EXIT));
        step("stopping tauri-driver");
        stop(&mut self.driver);
        let _ = tokio::time::timeout(Duration::from_secs(10), self.driver.wait()).await;
        let ended = procs::end_all(&self.data_dir, Duration::from_secs(3));
        if !ended.survivors.is_empty() {
            return Err(format!("still running after SIGKILL: {}", list(&ended.survivors)).into());
        }
        match closed {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(format!("the WebDriver session did not close: {e}").into()),
            Err(_) => return Err("the WebDriver session did not close within 15 s".into()),
        }
        if !app_ended {
            return Err(format!(
                "the app was still running {} s after its window closed (ended it: {})",
                APP_EXIT.as_secs(),
                list(&[ended.terminated, ended.killed].concat())
            )
            .into());
        }
        if !procs::wait_lock_free(&self.data_dir, Duration::from_secs(5)) {
            return Err(
                "the data folder's instance lock is still held 5 s after the app ended".into(),
            );
        }
        Ok(())
    }

    /// The input whose `<label>` reads `label` (exactly, ignoring surrounding space).
    pub async fn field(&self, label: &str) -> Result<Element> {
        step(format!("looking for the field labelled {label:?}"));
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        let label_el = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("no field labelled {label:?}: {e}"))?;
        match label_el.attr("for").await? {
            Some(id) => Ok(self.client.find(Locator::Id(&id)).await?),
            None => Ok(label_el
                .find(Locator::XPath(".//input|.//select|.//textarea"))
                .await?),
        }
    }

    /// Clears the labelled field and types `text` into it.
    pub async fn fill(&self, label: &str, text: &str) -> Result {
        let field = self.field(label).await?;
        field.clear().await?;
        field.send_keys(text).await?;
        Ok(())
    }

    /// Chooses the option whose visible text is `option` in the labelled `<select>`.
    pub async fn choose(&self, label: &str, option: &str) -> Result {
        let select = self.field(label).await?;
        select.select_by_label(option).await?;
        Ok(())
    }

    /// Ticks the labelled checkbox (leaves it ticked if it already is).
    pub async fn check(&self, label: &str) -> Result {
        let b = self.field(label).await?;
        if !b.is_selected().await? {
            b.click().await?;
        }
        Ok(())
    }

    /// The enabled button whose visible text (or aria-label) is `text`.
    pub async fn button(&self, text: &str) -> Result<Element> {
        step(format!("looking for the button {text:?}"));
        let lit = xpath_literal(text);
        let xpath =
            format!("//button[(normalize-space(.)={lit} or @aria-label={lit}) and not(@disabled)]");
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("no button {text:?}: {e}"))?)
    }

    /// Clicks the button reading `text` in the open dialog.
    pub async fn click_in_dialog(&self, text: &str) -> Result {
        step(format!(
            "looking for the button {text:?} in the open dialog"
        ));
        let lit = xpath_literal(text);
        let xpath = format!(
            "//dialog[@open]//button[(normalize-space(.)={lit} or @aria-label={lit}) and not(@disabled)]"
        );
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("no button {text:?} in a dialog: {e}"))?
            .click()
            .await?;
        Ok(())
    }

    /// The texts of the elements `xpath` finds, read in one go (a list that re-renders
    /// between two reads cannot mix two states), white space collapsed.
    pub async fn texts(&self, xpath: &str) -> Result<Vec<String>> {
        let found = self
            .client
            .execute(
                "const r = document.evaluate(arguments[0], document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);\n\
                 const out = [];\n\
                 for (let i = 0; i < r.snapshotLength; i++) {\n\
                   const n = r.snapshotItem(i);\n\
                   out.push((n.innerText ?? n.textContent ?? '').replace(/\\s+/g, ' ').trim());\n\
                 }\n\
                 return out;",
                vec![serde_json::Value::String(xpath.into())],
            )
            .await?;
        Ok(serde_json::from_value(found)?)
    }

    /// Waits until the texts of the elements `xpath` finds are `expected`, in that order:
    /// the change an action causes, not what was on screen before it.
    pub async fn wait_texts(&self, what: &str, xpath: &str, expected: &[&str]) -> Result {
        poll(what, Duration::from_secs(15), || async {
            let seen = self.texts(xpath).await?;
            Ok(if seen == expected {
                Ok(())
            } else {
                Err(format!("{seen:?}, not {expected:?}"))
            })
        })
        .await
    }

    /// Waits until no dialog is open (the one open before has closed).
    pub async fn wait_dialog_closed(&self) -> Result {
        poll(
            "waiting for the dialog to close",
            Duration::from_secs(15),
            || async {
                let open = self.texts("//dialog[@open]//h2").await?;
                Ok(if open.is_empty() {
                    Ok(())
                } else {
                    Err(format!("still open: {open:?}"))
                })
            },
        )
        .await
    }

    /// Waits until the page no longer shows `text` anywhere.
    pub async fn wait_gone(&self, text: &str) -> Result {
        poll(
            &format!("waiting for {text:?} to leave the page"),
            Duration::from_secs(15),
            || async {
                Ok(if self.shows(text).await? {
                    Err("still shown".to_string())
                } else {
                    Ok(())
                })
            },
        )
        .await
    }

    pub async fn click(&self, text: &str) -> Result {
        self.button(text).await?.click().await?;
        Ok(())
    }

    /// Goes to Call-ins and opens the call-in `title`, waiting for its page.
    pub async fn open_call_in(&self, title: &str) -> Result {
        self.click("Call-ins").await?;
        self.wait_heading("Call-ins").await?;
        self.click(title).await?;
        self.wait_heading(title).await?;
        Ok(())
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_text(&self, text: &str) -> Result<Element> {
        step(format!("waiting for the text {text:?}"));
        let xpath = format!(
            "//*[contains(normalize-space(.), {})][not(*[contains(normalize-space(.), {0})])]",
            xpath_literal(text)
        );
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("the page never showed {text:?}: {e}"))?)
    }

    /// Waits for a heading that reads `text`.
    pub async fn wait_heading(&self, text: &str) -> Result<Element> {
        step(format!("waiting for the heading {text:?}"));
        let xpath = format!(
            "//*[self::h1 or self::h2 or self::h3][normalize-space(.)={}]",
            xpath_literal(text)
        );
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::XPath(&xpath))
            .await
            .map_err(|e| format!("no heading {text:?}: {e}"))?)
    }

    /// The text of the first element with role="alert" that says something.
    pub async fn alert_text(&self) -> Result<String> {
        step("waiting for an alert");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            for el in self
                .client
                .find_all(Locator::XPath("//*[@role='alert']"))
                .await?
            {
                let text = el.text().await?;
                if !text.trim().is_empty() {
                    return Ok(text);
                }
            }
            if Instant::now() > deadline {
                return Err("no alert was shown".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Whether the page shows `text` right now.
    pub async fn shows(&self, text: &str) -> Result<bool> {
        let xpath = format!("//*[contains(normalize-space(.), {})]", xpath_literal(text));
        Ok(!self
            .client
            .find_all(Locator::XPath(&xpath))
            .await?
            .is_empty())
    }

    /// Presses keys on the focused element (e.g. `"\u{E007}"` is Enter).
    pub async fn keys(&self, keys: &str) -> Result {
        let active = self.client.active_element().await?;
        active.send_keys(keys).await?;
        Ok(())
    }

    /// Saves a screenshot under target/e2e-screenshots, for a person to look at.
    pub async fn screenshot(&self, name: &str) -> Result {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{name}.png")), png)?;
        Ok(())
    }
}

impl Drop for App {
    /// A test that fails half-way (an error, a panic, its bound) still ends tauri-driver,
    /// WebKitWebDriver, the app and its WebKit processes.
    fn drop(&mut self) {
        *LIVE.lock().unwrap_or_else(|p| p.into_inner()) = None;
        stop(&mut self.driver);
        let ended = procs::end_all(&self.data_dir, Duration::from_secs(3));
        if !ended.killed.is_empty() || !ended.survivors.is_empty() {
            eprintln!(
                "e2e: ended with SIGKILL: {}; still alive: {}",
                list(&ended.killed),
                list(&ended.survivors)
            );
        }
    }
}

fn list(procs: &[procs::Proc]) -> String {
    if procs.is_empty() {
        return "none".into();
    }
    procs
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn stop(driver: &mut Child) {
    if let Ok(Some(_)) = driver.try_wait() {
        return;
    }
    if let Some(pid) = driver.id() {
        // SIGTERM lets tauri-driver stop WebKitWebDriver; whatever outlives it is ended
        // through `procs::end_all`.
        procs::signal(pid as i32, libc::SIGTERM);
    }
}

/// Fails unless the data folder is free: no process of an earlier app uses it and its
/// instance lock is not held (a closed app is given a moment to finish exiting).
async fn ensure_free(data_dir: &Path) -> Result {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let running = procs::of_data_dir(data_dir);
        let held = procs::lock_held(data_dir);
        if running.is_empty() && !held {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!(
                "an earlier app still uses {} (running: {}; lock held: {held})",
                data_dir.display(),
                list(&running)
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An XPath string literal for any text (quotes included).
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

pub const ENTER: &str = "\u{E007}";
