//! End to end, in the real app window: plan a call-in from nothing through all six steps
//! by keyboard, close the app half-way, resume the draft, acknowledge a feud warning,
//! schedule it and issue notices to a selection in bulk.

use std::time::Duration;

use callin_planner_e2e::{bounded_test, poll, App, DataDir, Result, ENTER};
use fantoccini::Locator;

const PASSPHRASE: &str = "coordinator passphrase 2026";

/// Types into the labelled field and moves on with Tab, as a person at a keyboard would.
async fn type_in(app: &App, label: &str, text: &str) -> Result {
    let f = app.field(label).await?;
    f.clear().await?;
    f.send_keys(text).await?;
    f.send_keys("\u{E004}").await?; // Tab
    Ok(())
}

/// The names in the call-in's invitee list.
const INVITEES: &str = "//span[contains(@class,'invitee-name')]";
/// The status badge of each invitee on the call-in's page.
const INVITEE_STATUSES: &str =
    "//span[contains(@class,'badge') and contains(@class,'inv-status-')]";
/// The headline of each warnings summary ("2 warnings to acknowledge", "…all acknowledged").
const WARNINGS_HEADLINES: &str = "//section[contains(@class,'warnings-summary')]/h3";

/// Invites the first candidate the picker shows for a group filter, once the picker shows
/// only that group's members, and waits until the invitee list has them.
async fn invite_first_of_group(app: &App, group: &str) -> Result<String> {
    let before = app.texts(INVITEES).await?;
    app.choose("Group", group).await?;
    poll(
        &format!("waiting for the picker to show only members of {group}"),
        Duration::from_secs(15),
        || async {
            let groups = app
                .texts("//table[contains(@class,'candidates-table')]/tbody/tr/td[1]/div")
                .await?;
            let only =
                !groups.is_empty() && groups.iter().all(|g| g.split(", ").any(|one| one == group));
            Ok(if only {
                Ok(())
            } else {
                Err(format!("{groups:?}"))
            })
        },
    )
    .await?;
    let button = app
        .client
        .find(Locator::XPath(
            "(//table[contains(@class,'candidates-table')]//button[normalize-space(.)='Invite' and starts-with(@aria-label, 'Invite ')])[1]",
        ))
        .await?;
    let label = button.attr("aria-label").await?.unwrap_or_default();
    button.click().await?;
    let name = label.trim_start_matches("Invite ").to_string();
    poll(
        &format!("waiting for {name} in the invitee list"),
        Duration::from_secs(15),
        || async {
            let now = app.texts(INVITEES).await?;
            Ok(if now.len() == before.len() + 1 && now.contains(&name) {
                Ok(())
            } else {
                Err(format!("{now:?}"))
            })
        },
    )
    .await?;
    app.wait_text(&format!("Invited {name}.")).await?;
    Ok(name)
}

bounded_test!(
    plan_resume_schedule_and_issue_notices,
    180,
    plan_resume_schedule_and_issue_notices_steps
);

async fn plan_resume_schedule_and_issue_notices_steps() -> Result {
    let data = DataDir::new("planning");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;

    // Step 1, by keyboard.
    app.click("Call-ins").await?;
    app.wait_heading("Call-ins").await?;
    app.click("Plan a call-in").await?;
    app.wait_heading("Basics").await?;
    type_in(&app, "Title", "Northside spring call-in").await?;
    type_in(&app, "Date", "2027-03-14").await?;
    type_in(&app, "Start time", "18:00").await?;
    type_in(&app, "Expected length (minutes)", "90").await?;
    type_in(&app, "Venue name", "Dixwell Community House").await?;
    type_in(&app, "Capacity", "30").await?;
    app.click("Next").await?;
    app.wait_heading("Invitees").await?;

    // Step 2: one member of each of two feuding groups.
    let first = invite_first_of_group(&app, "Maple Street Crew").await?;
    app.screenshot("10-wizard-invitees").await?;

    // Close the app in the middle; reopen; the draft resumes where it was.
    app.quit().await?;
    let app = App::start(&data.0).await?;
    app.wait_heading("Unlock Call-In Planner").await?;
    app.fill("Passphrase", PASSPHRASE).await?;
    app.keys(ENTER).await?;
    app.wait_heading("People").await?;
    app.click("Call-ins").await?;
    app.wait_heading("Call-ins").await?;
    app.click("Northside spring call-in").await?;
    app.wait_heading("Invitees").await?;
    app.wait_text(&format!("Select {first}")).await?;

    let second = invite_first_of_group(&app, "Riverside Kings").await?;
    // The feud is now a warning of the invitee list (the picker showed it before, as the
    // warning inviting them would bring).
    app.client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(
            "//section[contains(@class,'warnings-summary')]//li[not(contains(@class,'acknowledged')) and contains(., 'Feud:')]",
        ))
        .await
        .map_err(|e| format!("no open feud warning in the invitee list: {e}"))?;
    let open = app.texts(WARNINGS_HEADLINES).await?;
    assert!(
        !open.is_empty() && open.iter().all(|h| h.ends_with("to acknowledge")),
        "{open:?}"
    );
    app.screenshot("11-feud-warning").await?;
    app.click("Acknowledge all").await?;
    poll(
        "waiting for every warning to be acknowledged",
        Duration::from_secs(15),
        || async {
            let headlines = app.texts(WARNINGS_HEADLINES).await?;
            let done = !headlines.is_empty()
                && headlines
                    .iter()
                    .all(|h| h.ends_with("acknowledged") && !h.contains("to acknowledge"));
            Ok(if done && !app.shows("Acknowledge all").await? {
                Ok(())
            } else {
                Err(format!("{headlines:?}"))
            })
        },
    )
    .await?;

    // Steps 3 to 5.
    app.click("Next").await?;
    app.wait_heading("Speakers and run-of-show").await?;
    app.choose("Kind", "Welcome").await?;
    type_in(&app, "Minutes", "10").await?;
    app.click("Add segment").await?;
    app.wait_texts(
        "the new segment, from the start time",
        "//ol[@aria-label='Segments in order']/li//span[contains(@class,'segment-clock')]",
        &["18:00 · 10 min"],
    )
    .await?;
    app.click("Next").await?;
    app.wait_heading("Providers at the table").await?;
    app.click("Next").await?;
    app.wait_heading("Logistics").await?;
    app.click("Next").await?;
    app.wait_heading("Review").await?;
    app.screenshot("12-review").await?;

    // Schedule.
    app.click("Schedule").await?;
    app.click("Schedule call-in").await?;
    app.wait_heading("Northside spring call-in").await?;
    app.wait_texts(
        "the call-in's status",
        "//div[contains(@class,'title-block')]/span[contains(@class,'badge')]",
        &["Scheduled"],
    )
    .await?;
    poll(
        "waiting for the call-in's two invitees",
        Duration::from_secs(15),
        || async {
            let invitees = app.texts(INVITEES).await?;
            Ok(
                if invitees.len() == 2 && invitees.contains(&first) && invitees.contains(&second) {
                    Ok(())
                } else {
                    Err(format!("{invitees:?}"))
                },
            )
        },
    )
    .await?;
    app.wait_texts(
        "both invitees proposed",
        INVITEE_STATUSES,
        &["Proposed", "Proposed"],
    )
    .await?;

    // Notices in bulk: vet both, then issue both through the officer.
    app.check("Select all").await?;
    app.click("Mark vetted").await?;
    app.wait_texts(
        "both invitees vetted",
        INVITEE_STATUSES,
        &["Vetted", "Vetted"],
    )
    .await?;
    app.check("Select all").await?;
    app.click("Issue notices").await?;
    app.fill("Delivered by", "T. Nguyen").await?;
    app.click("Issue notices to 2").await?;
    app.wait_texts(
        "both notices issued",
        INVITEE_STATUSES,
        &["Issued", "Issued"],
    )
    .await?;
    app.screenshot("13-notices-issued").await?;
    app.quit().await?;
    Ok(())
}
