//! End to end, as a coordinator would keep the data safe: Settings → Backups sends backups
//! to a folder chosen in the system's own folder dialog (GTK on Linux, typed into through
//! the X server), "Back up now" writes a backup and its manifest there, and restoring it
//! brings back the registry as it was (a person added since is gone). Settings →
//! Passphrase and lock changes the passphrase: once locked, the old one is refused and the
//! new one opens the app.

use std::path::{Path, PathBuf};
use std::time::Duration;

use callin_planner_e2e::{bounded_test, poll, procs, xpath_literal, App, DataDir, Result};
use fantoccini::Locator;

const PASSPHRASE: &str = "coordinator passphrase 2026";
const NEW_PASSPHRASE: &str = "new coordinator pass 2027";
/// The folder dialog's title, as the regular expression xdotool matches window names with.
const FOLDER_DIALOG: &str = r"^Choose the folder for backups$";
/// The names the people list shows, one per row.
const PEOPLE_ROWS: &str = "//tbody//button[contains(@class,'row-open')]";
/// The "Why" column of the backups list.
const BACKUP_REASONS: &str = "//table[contains(@class,'st-backups')]//tbody/tr/td[2]";

bounded_test!(
    a_backup_made_now_restores_and_the_passphrase_changes,
    240,
    a_backup_made_now_restores_and_the_passphrase_changes_steps
);

async fn a_backup_made_now_restores_and_the_passphrase_changes_steps() -> Result {
    let data = DataDir::new("backups");
    // The "external drive": a folder of its own in the test's temporary folder, not the
    // app's own backups folder.
    let usb = data.0.join("usb");
    std::fs::create_dir_all(&usb)?;
    let app = App::start_with_native_dialogs(&data.0).await?;
    app.create_database(PASSPHRASE, false).await?;
    add_person(&app, "Ada", "Beforebackup").await?;
    // A few seconds after it opens, the app makes the daily backup that is due, into its
    // own folder while no other is chosen. Waited for here, so that it cannot land in the
    // chosen folder beside the backup made by hand.
    let local = data.0.join("backups");
    poll(
        "waiting for the daily backup in the data folder's own backups folder",
        Duration::from_secs(30),
        || async {
            let reasons = manifest_reasons(&local).unwrap_or_default();
            Ok(if reasons == ["daily"] {
                Ok(())
            } else {
                Err(format!("{reasons:?}"))
            })
        },
    )
    .await?;

    // Settings → Backups: until a folder is chosen, backups stay on this computer.
    open_backups(&app).await?;
    app.wait_text("protects against mistakes, not against a lost laptop")
        .await?;
    app.screenshot("backups-local").await?;

    // The folder dialog blocks the command until answered: click, then type into it.
    let button = app.button("Choose folder…").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window(FOLDER_DIALOG).await?;
    app.type_path_in_dialog(&usb).await?;
    answer_folder_dialog(&app).await?;
    let _ = clicking.await;
    wait_folder_shown(&app, &usb).await?;
    app.wait_gone("protects against mistakes").await?;

    // Back up now: a backup and its manifest land in the folder.
    app.click("Back up now").await?;
    let made = app.wait_text("Backup made:").await?.text().await?;
    let backup = only_backup(&usb)?;
    let file = backup
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(made.contains(&file), "{made:?} names {file:?}");
    let manifest_path = PathBuf::from(format!("{}.json", backup.display()));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path)?)?;
    assert_eq!(manifest["format"], "callin-planner-backup", "{manifest}");
    assert_eq!(manifest["reason"], "manual", "{manifest}");
    assert_eq!(manifest["key"], "database", "{manifest}");
    assert_eq!(manifest["file"], file.as_str(), "{manifest}");
    assert_eq!(
        manifest["sizeBytes"].as_u64(),
        Some(std::fs::metadata(&backup)?.len()),
        "{manifest}"
    );
    // The backup is encrypted: not a plain SQLite file, and no name in it in the clear.
    let bytes = std::fs::read(&backup)?;
    assert!(!bytes.starts_with(b"SQLite format 3"), "a plain database");
    assert!(
        !bytes.windows(12).any(|w| w == b"Beforebackup"),
        "a name in the clear"
    );
    app.wait_texts("the backups list", BACKUP_REASONS, &["Made by hand"])
        .await?;
    app.screenshot("backups").await?;

    // A person added after the backup.
    add_person(&app, "Bo", "Afterbackup").await?;

    // Restore the backup made by hand: its passphrase, what it holds, then the swap.
    open_backups(&app).await?;
    let restore = format!(
        "//table[contains(@class,'st-backups')]//tr[td[normalize-space(.)={}]]//button[starts-with(normalize-space(.),{})]",
        xpath_literal("Made by hand"),
        xpath_literal("Restore…")
    );
    step_click(
        &app,
        &restore,
        "the Restore… button of the backup made by hand",
    )
    .await?;
    app.wait_heading("Restore a backup").await?;
    app.wait_text(&file).await?;
    app.fill("The backup’s passphrase", PASSPHRASE).await?;
    app.click_in_dialog("Check the backup").await?;
    app.wait_text("It holds 1 person, 0 call-ins and 0 referrals.")
        .await?;
    app.screenshot("backups-restore").await?;
    app.click_in_dialog("Replace everything with this backup")
        .await?;
    app.wait_dialog_closed().await?;
    app.wait_text("The backup was restored").await?;
    // The database it replaced was kept as a backup first, in the chosen folder.
    poll(
        "waiting for the backup kept before the restore",
        Duration::from_secs(15),
        || async {
            let reasons = manifest_reasons(&usb)?;
            Ok(if reasons.iter().any(|r| r == "before_restore") {
                Ok(())
            } else {
                Err(format!("{reasons:?}"))
            })
        },
    )
    .await?;
    app.screenshot("backups-restored").await?;

    // The registry is as it was when the backup was made.
    app.click("People").await?;
    app.wait_heading("People").await?;
    app.wait_texts(
        "the people after the restore",
        PEOPLE_ROWS,
        &["Beforebackup, Ada"],
    )
    .await?;
    assert!(!app.shows("Afterbackup").await?);

    // Settings → Passphrase and lock: a new passphrase.
    app.click("Settings").await?;
    app.wait_heading("Settings").await?;
    app.click("Passphrase and lock").await?;
    app.wait_heading("Change the passphrase").await?;
    app.fill("Current passphrase", PASSPHRASE).await?;
    app.fill("New passphrase", NEW_PASSPHRASE).await?;
    app.fill("New passphrase again", NEW_PASSPHRASE).await?;
    app.screenshot("security").await?;
    app.click("Change the passphrase").await?;
    poll(
        "waiting for the passphrase change",
        Duration::from_secs(30),
        || async {
            let said = app.texts("//p[contains(@class,'st-saved')]").await?;
            let alerts = app.texts("//*[@role='alert']").await?;
            Ok(
                if said
                    .iter()
                    .any(|s| s.contains("The passphrase was changed."))
                {
                    Ok(())
                } else {
                    Err(format!("status {said:?}, alerts {alerts:?}"))
                },
            )
        },
    )
    .await?;

    // Locked, the old passphrase no longer opens the app; the new one does.
    app.click("Lock").await?;
    app.wait_heading("Unlock Call-In Planner").await?;
    app.fill("Passphrase", PASSPHRASE).await?;
    app.click("Unlock").await?;
    let refused = app.alert_text().await?;
    assert!(
        refused.contains("The passphrase is not correct."),
        "{refused:?}"
    );
    app.screenshot("unlock-old-passphrase").await?;
    app.fill("Passphrase", NEW_PASSPHRASE).await?;
    app.click("Unlock").await?;
    app.wait_heading("Change the passphrase").await?;
    app.click("People").await?;
    app.wait_heading("People").await?;
    app.wait_texts(
        "the people after unlocking with the new passphrase",
        PEOPLE_ROWS,
        &["Beforebackup, Ada"],
    )
    .await?;

    // A backup was made under the new passphrase; the one made by hand before keeps the
    // passphrase it was made with.
    open_backups(&app).await?;
    app.wait_texts(
        "the backups list after the passphrase change",
        BACKUP_REASONS,
        &[
            "After the passphrase changed",
            "Before a restore",
            "Made by hand",
        ],
    )
    .await?;
    assert_eq!(
        manifest_reasons(&usb)?,
        ["before_restore", "manual", "passphrase_changed"]
    );
    step_click(
        &app,
        &restore,
        "the Restore… button of the backup made by hand",
    )
    .await?;
    app.wait_heading("Restore a backup").await?;
    app.fill("The backup’s passphrase", NEW_PASSPHRASE).await?;
    app.click_in_dialog("Check the backup").await?;
    app.wait_text("The passphrase does not open this backup")
        .await?;
    app.fill("The backup’s passphrase", PASSPHRASE).await?;
    app.click_in_dialog("Check the backup").await?;
    app.wait_text("It holds 1 person, 0 call-ins and 0 referrals.")
        .await?;
    app.click_in_dialog("Cancel").await?;
    app.wait_dialog_closed().await?;
    app.quit().await?;
    Ok(())
}

/// People → New person with a first and a last name, saved.
async fn add_person(app: &App, first: &str, last: &str) -> Result {
    app.click("People").await?;
    app.wait_heading("People").await?;
    app.click("New person").await?;
    app.wait_heading("New person").await?;
    app.fill("First name", first).await?;
    app.fill("Last name", last).await?;
    app.click("Save").await?;
    app.wait_heading(&format!("{first} {last}")).await?;
    Ok(())
}

/// Settings, then its Backups section, once the folder has loaded.
async fn open_backups(app: &App) -> Result {
    app.click("Settings").await?;
    app.wait_heading("Settings").await?;
    app.click("Backups").await?;
    app.wait_heading("Backups in the folder").await?;
    app.wait_text("Backup folder:").await?;
    Ok(())
}

/// Clicks the element `xpath` finds, once it is there.
async fn step_click(app: &App, xpath: &str, what: &str) -> Result {
    callin_planner_e2e::step(format!("looking for {what}"));
    app.client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(xpath))
        .await
        .map_err(|e| format!("no {what}: {e}"))?
        .click()
        .await?;
    Ok(())
}

/// Whether a visible native window is titled `title` now.
fn x_window_shown(title: &str) -> Result<bool> {
    let (_, out) = procs::run_bounded(
        "xdotool",
        &["search", "--onlyvisible", "--name", title],
        Duration::from_secs(5),
    )?;
    Ok(out.lines().next().is_some())
}

/// Answers the folder dialog whose location field holds the folder's path. One Return
/// selects it (every run so far); should GTK's folder chooser only go into the folder
/// typed, Return again selects the folder it is in. Each Return waits for the dialog to
/// close before the next.
async fn answer_folder_dialog(app: &App) -> Result {
    for _ in 0..3 {
        app.x_keys(None, Some("Return"))?;
        let gone = poll(
            "waiting for the folder dialog to close",
            Duration::from_secs(5),
            || async {
                Ok(if x_window_shown(FOLDER_DIALOG)? {
                    Err("still open".to_string())
                } else {
                    Ok(())
                })
            },
        )
        .await;
        if gone.is_ok() {
            return Ok(());
        }
    }
    Err(format!(
        "the folder dialog was still open after three presses of Return; {}",
        x_screenshot("FAILED-backups-folder-dialog")
    )
    .into())
}

/// A picture of the whole X screen, native dialogs included (the WebDriver screenshot has
/// only the page), under target/e2e-screenshots, when ImageMagick's `import` is there.
fn x_screenshot(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    let path = dir.join(format!("{name}.png"));
    let shot = std::fs::create_dir_all(&dir)
        .map_err(|e| e.to_string())
        .and_then(|_| {
            procs::run_bounded(
                "import",
                &["-window", "root", &path.display().to_string()],
                Duration::from_secs(10),
            )
            .map_err(|e| e.to_string())
        });
    match shot {
        Ok((true, _)) => format!("the X screen: {}", path.display()),
        Ok((false, _)) => "no picture of the X screen (import failed)".into(),
        Err(e) => format!("no picture of the X screen: {e}"),
    }
}

/// Waits until Settings → Backups shows `folder` as the backup folder.
async fn wait_folder_shown(app: &App, folder: &Path) -> Result {
    let want = folder.display().to_string();
    poll(
        "waiting for the chosen backup folder on screen",
        Duration::from_secs(15),
        || async {
            let shown = app.texts("//code[@id='st-backup-folder']").await?;
            let alerts = app.texts("//*[@role='alert']").await?;
            Ok(if shown == [want.as_str()] {
                Ok(())
            } else {
                Err(format!("{shown:?}; alerts {alerts:?}"))
            })
        },
    )
    .await
}

/// The one `.cpbackup` file in `folder`.
fn only_backup(folder: &Path) -> Result<PathBuf> {
    let backups: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cpbackup"))
        .collect();
    match backups.as_slice() {
        [one] => Ok(one.clone()),
        other => Err(format!("not one backup in {}: {other:?}", folder.display()).into()),
    }
}

/// The reasons the manifests in `folder` give, sorted.
fn manifest_reasons(folder: &Path) -> Result<Vec<String>> {
    let mut reasons = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.to_string_lossy().ends_with(".cpbackup.json") {
            let m: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            reasons.push(m["reason"].as_str().unwrap_or_default().to_string());
        }
    }
    reasons.sort();
    Ok(reasons)
}
