//! End to end, in the real app window: the day of the demo call-in and its follow-up.
//! Check in three invitees by keyboard and undo all three with Ctrl+Z (the door's counts
//! and lists go back, latest first), check them in again with one walk-in, end check-in,
//! record two offers of help with needs and services, work a referral to Engaged with a
//! contact attempt, and export the follow-up list as CSV and XLSX, read back by Python's
//! csv module and openpyxl.

use std::path::{Path, PathBuf};
use std::time::Duration;

use callin_planner_e2e::{bounded_test, exports_dir, poll, App, DataDir, Result, ENTER};

const PASSPHRASE: &str = "coordinator passphrase 2026";
const CALL_IN: &str = "Eastside call-in (demo)";
const ALT_W: &str = "\u{E00A}w";
const CTRL_Z: &str = "\u{E009}z";

/// The door's counts (Expected, Arrived, Walk-ins), as shown in large type.
const COUNTS: &str = "//dl[contains(@class,'door-counts')]/div/dd";
/// Who has arrived, the latest check-in first.
const ARRIVED: &str =
    "//section[@aria-labelledby='ci-arrived']//*[contains(@class,'door-list-name')]";
/// Who is still expected, by last name.
const STILL_EXPECTED: &str =
    "//section[@aria-labelledby='ci-expected']//*[contains(@class,'door-list-name')]";
/// The line that says what the last action did ("Checked in: …", "Undid check-in: …").
const ANNOUNCE: &str = "//p[contains(@class,'door-announce')]";

/// What the door screen shows now.
#[derive(Debug, Clone, PartialEq)]
struct Door {
    /// Expected, Arrived, Walk-ins.
    counts: Vec<String>,
    arrived: Vec<String>,
    still_expected: Vec<String>,
    announce: String,
}

async fn door(app: &App) -> Result<Door> {
    Ok(Door {
        counts: app.texts(COUNTS).await?,
        arrived: app.texts(ARRIVED).await?,
        still_expected: app.texts(STILL_EXPECTED).await?,
        announce: app.texts(ANNOUNCE).await?.join(" "),
    })
}

/// Waits until the door shows exactly `want`.
async fn wait_door(app: &App, what: &str, want: &Door) -> Result {
    poll(what, Duration::from_secs(15), || async {
        let seen = door(app).await?;
        Ok(if &seen == want {
            Ok(())
        } else {
            Err(format!("{seen:?}"))
        })
    })
    .await
}

/// Types a few letters of `name` into "Find invitee", waits until the first match offered
/// is that person, and presses Enter; then waits for the door to show them arrived: the
/// counts, both lists and the announcement changed as one check-in changes them.
async fn check_in_by_keyboard(app: &App, name: &str) -> Result {
    let before = door(app).await?;
    let (first, last) = name.split_once(' ').unwrap_or((name, ""));
    let typed: String = format!("{} {}", first, last.chars().take(2).collect::<String>());
    let find = app.field("Find invitee").await?;
    find.send_keys(typed.trim()).await?;
    app.wait_texts(
        &format!("waiting for {name:?} to be the match Enter takes"),
        "//ul[@id='ci-matches']/li[@aria-selected='true']//*[contains(@class,'door-match-name')]",
        &[name],
    )
    .await?;
    find.send_keys(ENTER).await?;
    let mut after = before.clone();
    after.counts[1] = (count(&before.counts[1])? + 1).to_string();
    after.arrived.insert(0, name.to_string());
    after.still_expected.retain(|n| n != name);
    after.announce = format!("Checked in: {name}");
    wait_door(app, &format!("waiting for {name} to be checked in"), &after).await
}

/// Ctrl+Z: the latest check-in still standing is undone. The door then shows that person
/// back among the expected (in `order`, the door's order by last name) and the Arrived
/// count one less; everyone else stays as they were.
async fn undo_latest(app: &App, order: &[String]) -> Result<String> {
    let before = door(app).await?;
    let latest = before
        .arrived
        .first()
        .cloned()
        .ok_or("nothing to undo: no one has arrived")?;
    app.keys(CTRL_Z).await?;
    let mut after = before.clone();
    after.counts[1] = (count(&before.counts[1])? - 1).to_string();
    after.arrived.remove(0);
    after.still_expected = order
        .iter()
        .filter(|n| **n == latest || before.still_expected.contains(n))
        .cloned()
        .collect();
    after.announce = format!("Undid check-in: {latest}");
    wait_door(
        app,
        &format!("waiting for the undo of {latest}'s check-in"),
        &after,
    )
    .await?;
    Ok(latest)
}

fn count(text: &str) -> Result<u32> {
    Ok(text
        .trim()
        .parse()
        .map_err(|e| format!("a count {text:?}: {e}"))?)
}

/// The Python that reads the exports: `CALLIN_PLANNER_PYTHON` (as the README says), else
/// the system's.
fn python() -> String {
    let named = std::env::var("CALLIN_PLANNER_PYTHON").ok();
    for c in named
        .iter()
        .map(String::as_str)
        .chain(["/usr/bin/python3", "python3"])
    {
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

    app.open_call_in(CALL_IN).await?;
    app.click("Open check-in").await?;
    app.wait_heading(&format!("Check-in: {CALL_IN}")).await?;

    let expected = app.texts(STILL_EXPECTED).await?;
    assert_eq!(
        expected.len(),
        10,
        "the demo call-in expects ten: {expected:?}"
    );
    let at_start = door(&app).await?;
    assert_eq!(at_start.counts, ["10", "0", "0"], "{at_start:?}");
    assert!(at_start.arrived.is_empty(), "{at_start:?}");

    // Three check-ins by keyboard, then Ctrl+Z three times: each undo takes back the
    // latest check-in still standing, and the door ends as it began.
    for name in &expected[..3] {
        check_in_by_keyboard(&app, name).await?;
    }
    let three = door(&app).await?;
    assert_eq!(three.counts, ["10", "3", "0"], "{three:?}");
    assert_eq!(
        three.arrived,
        [expected[2].as_str(), &expected[1], &expected[0]],
        "the latest first"
    );
    app.screenshot("19-three-checked-in").await?;
    let mut undone = Vec::new();
    for _ in 0..3 {
        undone.push(undo_latest(&app, &expected).await?);
    }
    assert_eq!(
        undone,
        [expected[2].as_str(), &expected[1], &expected[0]],
        "undone latest first"
    );
    let after_undo = door(&app).await?;
    assert_eq!(after_undo.counts, at_start.counts, "{after_undo:?}");
    assert_eq!(after_undo.arrived, at_start.arrived);
    assert_eq!(after_undo.still_expected, at_start.still_expected);
    // Nothing is left to undo: the button says so, and a fourth Ctrl+Z changes nothing.
    app.client
        .find(fantoccini::Locator::XPath(
            "//button[@aria-keyshortcuts='Control+Z' and @disabled]",
        ))
        .await
        .map_err(|e| format!("Undo is still enabled with nothing to undo: {e}"))?;
    app.keys(CTRL_Z).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(door(&app).await?, after_undo);

    // The same three check in again (an undone check-in leaves them free to).
    for name in &expected[..3] {
        check_in_by_keyboard(&app, name).await?;
    }

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
    let now = door(&app).await?;
    assert_eq!(
        now.counts,
        ["10", "4", "1"],
        "a walk-in arrives too: {now:?}"
    );
    app.screenshot("20-check-in").await?;

    // End check-in: the seven still expected are listed, then marked No-show.
    app.click("End check-in").await?;
    app.wait_heading("End check-in?").await?;
    app.wait_text("These 7 invitees did not come").await?;
    let not_come: Vec<&str> = expected[3..].iter().map(String::as_str).collect();
    app.wait_texts(
        "the invitees the dialog will mark No-show",
        "//dialog[@open]//ul[contains(@class,'end-list')]/li",
        &not_come,
    )
    .await?;
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

    // The first contact is due 3 days after the call-in unless the Offers screen says
    // otherwise; 5 from now on applies to Ben's referral, not to Ana's made before.
    assert_eq!(
        app.field("First contact due (days after the call-in)")
            .await?
            .prop("value")
            .await?
            .as_deref(),
        Some("3")
    );
    app.fill("First contact due (days after the call-in)", "5")
        .await?;
    app.click("Save").await?;
    app.wait_text("New referrals are due for first contact 5 days after the call-in.")
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
        "import csv, datetime, json, sys\nrows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\nfor r in rows:\n    d = datetime.date.fromisoformat\n    r['_days'] = (d(r['Due']) - d(r['Call-in date'])).days\nprint(json.dumps(rows))",
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
    assert_eq!(
        ana_row["_days"], 3,
        "due 3 days after the call-in: {ana_row}"
    );
    assert_eq!(
        ben_row["_days"], 5,
        "due 5 days after the call-in: {ben_row}"
    );
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
