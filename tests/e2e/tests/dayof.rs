//! End to end, in the real app window: the day of the demo call-in and its follow-up.
//! Check in three invitees and one walk-in by keyboard (and undo one), end check-in,
//! record two offers of help with needs and services, work a referral to Engaged with a
//! contact attempt, and export the follow-up list as CSV and XLSX, read back by Python's
//! csv module and openpyxl.

use std::path::{Path, PathBuf};
use std::time::Duration;

use callin_planner_e2e::{bounded_test, exports_dir, App, DataDir, Result, ENTER};

const PASSPHRASE: &str = "coordinator passphrase 2026";
const CALL_IN: &str = "Eastside call-in (demo)";
const ALT_W: &str = "\u{E00A}w";
const CTRL_Z: &str = "\u{E009}z";

/// Types a few letters of `name` into "Find invitee" and presses Enter.
async fn check_in_by_keyboard(app: &App, name: &str) -> Result {
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    let typed: String = format!("{} {}", first, last.chars().take(2).collect::<String>());
    let find = app.field("Find invitee").await?;
    find.send_keys(typed.trim()).await?;
    app.wait_text(name).await?;
    find.send_keys(ENTER).await?;
    app.wait_text(&format!("Checked in: {name}")).await?;
    Ok(())
}

fn python() -> String {
    for c in ["/usr/bin/python3", "python3"] {
        let ok = std::process::Command::new(c)
            .args(["-c", "import csv, openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return c.into();
        }
    }
    panic!("no Python 3 with openpyxl (make test installs python3-openpyxl)");
}

fn run_python(script: &str, file: &Path) -> Result<serde_json::Value> {
    let out = std::process::Command::new(python())
        .args(["-c", script])
        .arg(file)
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// The one file in the exports folder with this extension.
fn exported(dir: &Path, ext: &str) -> Result<PathBuf> {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    match found.as_slice() {
        [one] => Ok(one.clone()),
        other => Err(format!("expected one .{ext} export, found {other:?}").into()),
    }
}

bounded_test!(
    the_day_of_a_call_in_and_its_follow_up,
    180,
    the_day_of_a_call_in_and_its_follow_up_steps
);

async fn the_day_of_a_call_in_and_its_follow_up_steps() -> Result {
    let data = DataDir::new("dayof");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;

    app.click("Call-ins").await?;
    app.wait_heading("Call-ins").await?;
    app.click(CALL_IN).await?;
    app.wait_heading(CALL_IN).await?;
    app.click("Open check-in").await?;
    app.wait_heading(&format!("Check-in: {CALL_IN}")).await?;

    let expected = app
        .texts("//section[@aria-labelledby='ci-expected']//*[contains(@class,'door-list-name')]")
        .await?;
    assert_eq!(
        expected.len(),
        10,
        "the demo call-in expects ten: {expected:?}"
    );

    // Three by keyboard; a fourth checked in by mistake and undone with Ctrl+Z.
    for name in &expected[..3] {
        check_in_by_keyboard(&app, name).await?;
    }
    check_in_by_keyboard(&app, &expected[3]).await?;
    app.keys(CTRL_Z).await?;
    app.wait_text(&format!("Undid check-in: {}", expected[3]))
        .await?;

    // A walk-in who is not in the registry, by keyboard: Alt+W, two names, Enter.
    app.keys(ALT_W).await?;
    app.wait_heading("Add a walk-in").await?;
    app.fill("First name", "Dre").await?;
    app.fill("Last name", "Walker-Núñez").await?;
    app.keys(ENTER).await?;
    app.wait_text("Checked in walk-in: Dre Walker-Núñez")
        .await?;
    let arrived = app.texts("//h2[@id='ci-arrived']/span").await?;
    assert_eq!(arrived, vec!["4"]);
    app.screenshot("20-check-in").await?;

    // End check-in: the seven still expected are listed, then marked No-show.
    app.click("End check-in").await?;
    app.wait_heading("End check-in?").await?;
    app.wait_text("These 7 invitees did not come").await?;
    assert!(app.shows(&expected[3]).await?);
    app.screenshot("21-end-check-in").await?;
    app.click_in_dialog("End check-in").await?;
    app.wait_heading(&format!("Offers of help: {CALL_IN}"))
        .await?;

    // Two offers of help with needs and services from the providers at the table.
    let (ana, ben) = (&expected[0], &expected[1]);
    app.click(&format!("Record offer for {ana}")).await?;
    app.wait_heading(&format!("Offer of help: {ana}")).await?;
    app.check("Accepted").await?;
    app.check("Employment").await?;
    app.check("Substance-use treatment").await?;
    app.check("Job readiness program — Eastside Workforce Center (demo)")
        .await?;
    app.check("Outpatient treatment — New Paths Recovery Services (demo)")
        .await?;
    app.screenshot("22-offer").await?;
    app.click_in_dialog("Save offer").await?;
    app.wait_text(&format!("Saved {ana}'s offer: 2 referrals"))
        .await?;

    app.click(&format!("Record offer for {ben}")).await?;
    app.wait_heading(&format!("Offer of help: {ben}")).await?;
    app.check("Accepted").await?;
    app.check("Housing").await?;
    app.check("Rapid rehousing — Harbor Housing Partners (demo)")
        .await?;
    app.click_in_dialog("Save offer").await?;
    app.wait_text(&format!("Saved {ben}'s offer: 1 referral"))
        .await?;
    app.screenshot("23-offers").await?;

    // Follow-ups: the three referrals; Ben's housing referral worked to Engaged.
    app.click("Follow-ups").await?;
    app.wait_heading("Follow-ups").await?;
    app.wait_text("3 referrals, 0 overdue").await?;
    app.click(ben).await?;
    app.wait_heading(&format!("{ben} — Rapid rehousing"))
        .await?;
    for status in ["Provider contacted", "Intake scheduled", "Engaged"] {
        app.choose("New status", status).await?;
        app.fill("Note on the change", &format!("{status}, by phone"))
            .await?;
        app.click("Save move").await?;
        app.wait_text(&format!("Moved to {status}.")).await?;
    }
    app.choose("Method", "Phone").await?;
    app.fill("By", "J. Ortiz").await?;
    app.choose("Outcome", "Reached").await?;
    app.fill("Note on the attempt", "Intake done, \"starts Monday\"")
        .await?;
    app.click("Log attempt").await?;
    app.wait_text("Contact attempt logged.").await?;
    app.wait_text("Intake done").await?;
    app.screenshot("24-referral").await?;

    // Export the open referrals: Ana's treatment referral has no consent and is withheld.
    let exports = exports_dir(&data.0);
    app.click("Export CSV").await?;
    app.wait_text("Exported 2 referrals to").await?;
    app.wait_text("1 substance-use referral without recorded consent was withheld")
        .await?;
    app.screenshot("25-exported").await?;
    let csv = exported(&exports, "csv")?;
    app.click("Export Excel").await?;
    let mut waited = 0;
    while exported(&exports, "xlsx").is_err() && waited < 150 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        waited += 1;
    }
    let xlsx = exported(&exports, "xlsx")?;

    let rows = run_python(
        "import csv, json, sys\nprint(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))",
        &csv,
    )?;
    let rows = rows.as_array().ok_or("no CSV rows")?;
    assert_eq!(rows.len(), 2, "{rows:?}");
    let ben_row = rows
        .iter()
        .find(|r| r["Person"] == ben.as_str())
        .ok_or("Ben not exported")?;
    assert_eq!(ben_row["Status"], "Engaged");
    assert_eq!(ben_row["Last contact outcome"], "Reached");
    assert_eq!(ben_row["Provider"], "Harbor Housing Partners (demo)");
    let ana_row = rows
        .iter()
        .find(|r| r["Person"] == ana.as_str())
        .ok_or("Ana not exported")?;
    assert_eq!(ana_row["Need"], "Employment");
    assert!(!rows.iter().any(|r| r["Need"] == "Substance-use treatment"));

    let book = run_python(
        "import json, sys, datetime, openpyxl\nws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\nrows = [[c.value.date().isoformat() if isinstance(c.value, datetime.datetime) else c.value for c in r] for r in ws.iter_rows()]\nprint(json.dumps({'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref, 'rows': rows, 'due_is_date': isinstance(ws['I2'].value, datetime.datetime)}))",
        &xlsx,
    )?;
    assert_eq!(book["freeze"], "A2");
    assert_eq!(book["filter"], "A1:N3");
    assert_eq!(book["due_is_date"], true, "the due date is a date cell");
    let sheet = book["rows"].as_array().ok_or("no rows")?;
    assert_eq!(sheet[0][0], "Person");
    assert!(sheet
        .iter()
        .any(|r| r[0] == ben.as_str() && r[7] == "Engaged"));

    app.quit().await?;
    Ok(())
}
