//! End to end, in the real app window: plan a call-in from nothing through all six steps
//! by keyboard, close the app half-way, resume the draft, acknowledge a feud warning,
//! schedule it and issue notices to a selection in bulk.

use std::time::Duration;

use callin_planner_e2e::{bounded_test, App, DataDir, Result, ENTER};
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

/// Invites the first candidate the picker shows for a group filter.
async fn invite_first_of_group(app: &App, group: &str) -> Result<String> {
    app.choose("Group", group).await?;
    let button = app
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//button[normalize-space(.)='Invite' and starts-with(@aria-label, 'Invite ')]",
        ))
        .await?;
    let label = button.attr("aria-label").await?.unwrap_or_default();
    button.click().await?;
    let name = label.trim_start_matches("Invite ").to_string();
    app.wait_text(&format!("Select {name}")).await?;
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
    app.wait_text("Saved").await?;
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
    app.wait_text("warnings to acknowledge").await?;
    app.wait_text("Feud:").await?;
    app.screenshot("11-feud-warning").await?;
    app.click("Acknowledge all").await?;
    app.wait_text("acknowledged").await?;

    // Steps 3 to 5.
    app.click("Next").await?;
    app.wait_heading("Speakers and run-of-show").await?;
    app.choose("Kind", "Welcome").await?;
    type_in(&app, "Minutes", "10").await?;
    app.click("Add segment").await?;
    app.wait_text("18:00").await?;
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
    app.wait_text("Scheduled").await?;

    // Notices in bulk: vet both, then issue both through the officer.
    app.check("Select all").await?;
    app.click("Mark vetted").await?;
    app.wait_text("Vetted").await?;
    app.check("Select all").await?;
    app.click("Issue notices").await?;
    app.fill("Delivered by", "T. Nguyen").await?;
    app.click("Issue notices to 2").await?;
    app.wait_text("Issued").await?;
    app.screenshot("13-notices-issued").await?;
    assert!(
        app.shows(&format!("Select {first}")).await?
            && app.shows(&format!("Select {second}")).await?
    );
    app.quit().await?;
    Ok(())
}
