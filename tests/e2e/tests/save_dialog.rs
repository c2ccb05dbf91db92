//! End to end, with the system's own save dialog (GTK on Linux), typed into through the
//! X server as a person would: an export goes where the coordinator says, and cancelling
//! the dialog saves nothing and leaves the app as it was.

use std::time::Duration;

use callin_planner_e2e::{bounded_test, exports_dir, App, DataDir, Result};

bounded_test!(
    an_export_goes_through_the_native_save_dialog,
    120,
    an_export_goes_through_the_native_save_dialog_steps
);

async fn an_export_goes_through_the_native_save_dialog_steps() -> Result {
    let data = DataDir::new("dialog");
    let app = App::start_with_native_dialogs(&data.0).await?;
    app.create_database("coordinator passphrase 2026", true)
        .await?;
    app.click("Follow-ups").await?;
    app.wait_heading("Follow-ups").await?;
    app.click("No-shows").await?;
    // The No-shows list is on screen (the Referrals list had an Export CSV of its own).
    app.wait_text("No no-shows to follow up.").await?;
    let target = exports_dir(&data.0).join("no-shows for the team.csv");

    // The dialog blocks the command until answered: click, then type into the dialog.
    let button = app.button("Export CSV").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window("Save the export").await?;
    // The name field has the keyboard, its suggested name selected: a full path replaces it.
    app.x_keys(None, Some("ctrl+a"))?;
    app.x_keys(Some(&target.display().to_string()), Some("Return"))?;
    let _ = clicking.await;
    app.wait_text("Exported 0 no-shows to").await?;
    let mut waited = 0;
    while !target.exists() && waited < 50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    let text = std::fs::read_to_string(&target)?;
    assert!(
        text.starts_with("\u{feff}Person,Phone,Address,Call-in"),
        "{text}"
    );

    // Cancelled: nothing more is saved, no message, and the app answers as before.
    let before = std::fs::read_dir(exports_dir(&data.0))?.count();
    let button = app.button("Export Excel").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window("Save the export").await?;
    app.x_keys(None, Some("Escape"))?;
    let _ = clicking.await;
    // Cancelled: once the export is no longer running, the earlier message is gone and no
    // other (nor an error) took its place.
    app.button("Export Excel").await?;
    let said = app.texts("//p[contains(@class,'fu-done')]").await?;
    assert!(
        !said.is_empty() && said.iter().all(|d| d.is_empty()),
        "{said:?}"
    );
    assert!(app
        .texts("//*[@role='alert']")
        .await?
        .iter()
        .all(|a| a.is_empty()));
    app.click("Referrals").await?;
    app.wait_text("No open referrals match these filters.")
        .await?;
    app.wait_gone("No no-shows to follow up.").await?;
    assert_eq!(std::fs::read_dir(exports_dir(&data.0))?.count(), before);
    app.quit().await?;
    Ok(())
}
