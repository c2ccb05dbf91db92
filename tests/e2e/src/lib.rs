//! The harness of the end-to-end suite: one app per test on its own temporary data
//! folder, driven through tauri-driver (which runs WebKitWebDriver, which runs the app).
//! Elements are found the way a person finds them: by label, role and visible text.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use tokio::process::{Child, Command};

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

/// A temporary data folder, removed at the end.
pub struct DataDir(pub PathBuf);

impl DataDir {
    pub fn new(name: &str) -> Self {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("callin-e2e-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp data folder");
        DataDir(dir)
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One running app, driven by WebDriver.
pub struct App {
    pub client: Client,
    driver: Child,
    data_dir: PathBuf,
}

/// Where the app saves exports during the end-to-end tests (made when the app starts).
pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("exports")
}

impl App {
    /// Starts the app on `data_dir` and waits for its first screen. Exports are saved in
    /// [`exports_dir`] without the save dialog.
    pub async fn start(data_dir: &Path) -> Result<App> {
        Self::launch(data_dir, false).await
    }

    /// Starts the app with its native file dialogs (drive them with [`App::x_keys`]).
    pub async fn start_with_native_dialogs(data_dir: &Path) -> Result<App> {
        Self::launch(data_dir, true).await
    }

    /// Types into whatever native window has the keyboard (a file dialog), through the X
    /// server: `xdotool type` for text, `xdotool key` for keys such as `Return`.
    pub fn x_keys(&self, text: Option<&str>, key: Option<&str>) -> Result {
        if let Some(text) = text {
            let ok = std::process::Command::new("xdotool")
                .args(["type", "--delay", "20", text])
                .status()?
                .success();
            if !ok {
                return Err("xdotool type failed".into());
            }
        }
        if let Some(key) = key {
            let ok = std::process::Command::new("xdotool")
                .args(["key", key])
                .status()?
                .success();
            if !ok {
                return Err("xdotool key failed".into());
            }
        }
        Ok(())
    }

    /// Waits until a native window titled `title` is shown, and gives it the keyboard.
    pub async fn wait_x_window(&self, title: &str) -> Result {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let out = std::process::Command::new("xdotool")
                .args(["search", "--onlyvisible", "--name", title])
                .output()?;
            let id = String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .map(str::to_owned);
            if let Some(id) = id {
                let _ = std::process::Command::new("xdotool")
                    .args(["windowactivate", "--sync", &id])
                    .status();
                let _ = std::process::Command::new("xdotool")
                    .args(["windowfocus", "--sync", &id])
                    .status();
                tokio::time::sleep(Duration::from_millis(300)).await;
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("no window {title:?} appeared").into());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn launch(data_dir: &Path, native_dialogs: bool) -> Result<App> {
        wait_for_previous_instance(data_dir).await;
        std::fs::create_dir_all(exports_dir(data_dir))?;
        let port = free_port();
        let native_port = free_port();
        let mut driver = Command::new(
            std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into()),
        )
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("CALLIN_PLANNER_DATA_DIR", data_dir)
        // Exports go here instead of through the native save dialog, which WebDriver cannot drive.
        .env(
            if native_dialogs {
                "CALLIN_PLANNER_NOT_USED"
            } else {
                "CALLIN_PLANNER_SAVE_DIR"
            },
            exports_dir(data_dir),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(false)
        .spawn()
        .map_err(|e| {
            format!("tauri-driver could not start (is it installed? `make test` installs it): {e}")
        })?;

        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "browserName": "wry",
                "tauri:options": { "application": app_binary() }
            }))?;
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => {
                    stop(&mut driver);
                    return Err(format!("no WebDriver session: {e}").into());
                }
            }
        };
        let app = App {
            client,
            driver,
            data_dir: data_dir.to_path_buf(),
        };
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

    /// Closes the window and stops the driver (SIGTERM, so WebKitWebDriver goes too).
    pub async fn quit(mut self) -> Result {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
        let _ = tokio::time::timeout(Duration::from_secs(10), self.driver.wait()).await;
        wait_for_previous_instance(&self.data_dir).await;
        Ok(())
    }

    /// The input whose `<label>` reads `label` (exactly, ignoring surrounding space).
    pub async fn field(&self, label: &str) -> Result<Element> {
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

    /// The visible texts of the elements `xpath` finds.
    pub async fn texts(&self, xpath: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for el in self.client.find_all(Locator::XPath(xpath)).await? {
            out.push(el.text().await?.trim().to_string());
        }
        Ok(out)
    }

    pub async fn click(&self, text: &str) -> Result {
        self.button(text).await?.click().await?;
        Ok(())
    }

    /// Waits until the page shows `text` somewhere.
    pub async fn wait_text(&self, text: &str) -> Result<Element> {
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
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("{name}.png")), png)?;
        Ok(())
    }
}

impl Drop for App {
    /// A test that fails half-way still stops its driver, WebKitWebDriver and app.
    fn drop(&mut self) {
        stop(&mut self.driver);
    }
}

fn stop(driver: &mut Child) {
    if let Ok(Some(_)) = driver.try_wait() {
        return;
    }
    if let Some(pid) = driver.id() {
        // SIGTERM lets tauri-driver stop WebKitWebDriver and the app; SIGKILL would leave them.
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status();
    }
}

/// Waits until no app holds the data folder's instance lock (a closed app may take a moment to exit).
async fn wait_for_previous_instance(data_dir: &Path) {
    let lock = data_dir.join("instance.lock");
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        let free = match std::fs::OpenOptions::new().write(true).open(&lock) {
            Ok(file) => match file.try_lock() {
                Ok(()) => {
                    let _ = file.unlock();
                    true
                }
                Err(_) => false,
            },
            Err(_) => true,
        };
        if free {
            return;
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
