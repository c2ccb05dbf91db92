//! End to end, in the real app window: the demo call-in's run-of-show reordered the three
//! ways the README names — with the mouse (a drag and drop made with the X server's own
//! pointer, as a hand on a mouse makes it), with Alt+↓ on a focused segment, and with a
//! Move up button. Each new order is read from the screen with the clock times it brings;
//! then the coordinator leaves the wizard for the call-in's page, whose run-of-show is read
//! from the database, and comes back to the step, which reads it again.

use std::time::Duration;

use callin_planner_e2e::{bounded_test, step, xpath_literal, App, DataDir, Result};
use fantoccini::elements::Element;
use fantoccini::Locator;

const PASSPHRASE: &str = "coordinator passphrase 2026";
const CALL_IN: &str = "Eastside call-in (demo)";
const ALT_DOWN: &str = "\u{E00A}\u{E015}\u{E000}";

const WELCOME: &str = "Welcome and purpose";
const POLICE: &str = "What happens next";
const VOICES: &str = "Voices from the neighborhood";
const SERVICES: &str = "Services at the table";

/// The wizard's segments, in order: their names, and their clock times with minutes.
const NAMES: &str =
    "//ol[@aria-label='Segments in order']/li//span[contains(@class,'segment-name')]/span[1]";
const CLOCKS: &str =
    "//ol[@aria-label='Segments in order']/li//span[contains(@class,'segment-clock')]";
/// The call-in page's run-of-show table: the segment names and their start times.
const PAGE_NAMES: &str = "//table[contains(@class,'ros-table')]/tbody/tr/td[3]/text()[1]";
const PAGE_TIMES: &str = "//table[contains(@class,'ros-table')]/tbody/tr/td[1]";

/// The wizard's segment (the `<li>`) named `name`.
async fn segment(app: &App, name: &str) -> Result<Element> {
    step(format!("looking for the segment {name:?}"));
    let xpath = format!(
        "//ol[@aria-label='Segments in order']/li[.//span[contains(@class,'segment-name')]/span[1][normalize-space(.)={}]]",
        xpath_literal(name)
    );
    Ok(app
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(&xpath))
        .await
        .map_err(|e| format!("no segment {name:?}: {e}"))?)
}

/// Goes to the wizard's third step by its entry in the step list.
async fn open_run_of_show_step(app: &App) -> Result {
    step("looking for the step \"Speakers and run-of-show\" in the step list");
    app.client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(
            "//nav[@aria-label='Steps']//button[contains(normalize-space(.), 'Speakers and run-of-show')]",
        ))
        .await?
        .click()
        .await?;
    app.wait_heading("Speakers and run-of-show").await?;
    Ok(())
}

/// Waits for the wizard's list to show these segments with these clock times.
async fn wizard_order(app: &App, names: &[&str], clocks: &[&str]) -> Result {
    app.wait_texts("the wizard's segments in order", NAMES, names)
        .await?;
    app.wait_texts("the wizard's clock times", CLOCKS, clocks)
        .await
}

bounded_test!(
    run_of_show_reordered_by_mouse_keyboard_and_buttons_is_saved,
    150,
    run_of_show_reordered_by_mouse_keyboard_and_buttons_is_saved_steps
);

async fn run_of_show_reordered_by_mouse_keyboard_and_buttons_is_saved_steps() -> Result {
    let data = DataDir::new("runofshow");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;

    app.open_call_in(CALL_IN).await?;
    app.click("Edit plan").await?;
    open_run_of_show_step(&app).await?;
    // The demo's agenda, from 18:00.
    wizard_order(
        &app,
        &[WELCOME, POLICE, VOICES, SERVICES],
        &[
            "18:00 · 10 min",
            "18:10 · 20 min",
            "18:30 · 25 min",
            "18:55 · 30 min",
        ],
    )
    .await?;

    // The mouse: the third segment dragged by its handle onto the top half of the first.
    let voices = segment(&app, VOICES).await?;
    let welcome = segment(&app, WELCOME).await?;
    let handle = voices.find(Locator::Css(".drag-handle")).await?;
    let welcome_id = welcome.attr("id").await?.ok_or("a segment without an id")?;
    app.x_drag(
        &handle,
        &welcome,
        0.25,
        &format!("//li[@id='{welcome_id}' and contains(@class,'drop-before')]"),
    )
    .await?;
    wizard_order(
        &app,
        &[VOICES, WELCOME, POLICE, SERVICES],
        &[
            "18:00 · 25 min",
            "18:25 · 10 min",
            "18:35 · 20 min",
            "18:55 · 30 min",
        ],
    )
    .await?;
    app.screenshot("30-run-of-show-dragged").await?;

    // The keyboard: the welcome, focused (a click on its clock time), goes down with Alt+↓
    // and keeps the focus.
    let welcome = segment(&app, WELCOME).await?;
    welcome
        .find(Locator::Css(".segment-clock"))
        .await?
        .click()
        .await?;
    let focused = app.client.active_element().await?.attr("id").await?;
    assert_eq!(
        focused.as_deref(),
        Some(welcome_id.as_str()),
        "a click on the segment focuses it"
    );
    app.keys(ALT_DOWN).await?;
    wizard_order(
        &app,
        &[VOICES, POLICE, WELCOME, SERVICES],
        &[
            "18:00 · 25 min",
            "18:25 · 20 min",
            "18:45 · 10 min",
            "18:55 · 30 min",
        ],
    )
    .await?;
    let focused = app.client.active_element().await?.attr("id").await?;
    assert_eq!(
        focused.as_deref(),
        Some(welcome_id.as_str()),
        "the moved segment keeps the focus"
    );

    // A button: the last segment moves up one.
    app.click(&format!("Move {SERVICES} up")).await?;
    let moved = [VOICES, POLICE, SERVICES, WELCOME];
    let moved_times = ["18:00", "18:25", "18:45", "19:15"];
    wizard_order(
        &app,
        &moved,
        &[
            "18:00 · 25 min",
            "18:25 · 20 min",
            "18:45 · 30 min",
            "19:15 · 10 min",
        ],
    )
    .await?;

    // Saved: the call-in's page reads the run-of-show anew, in the new order…
    app.click("Back to the call-in").await?;
    app.wait_heading(CALL_IN).await?;
    app.wait_texts("the call-in page's run-of-show", PAGE_NAMES, &moved)
        .await?;
    app.wait_texts("the call-in page's start times", PAGE_TIMES, &moved_times)
        .await?;
    // …and so does the step, opened again.
    app.click("Edit plan").await?;
    app.wait_heading("Plan a call-in").await?;
    open_run_of_show_step(&app).await?;
    wizard_order(
        &app,
        &moved,
        &[
            "18:00 · 25 min",
            "18:25 · 20 min",
            "18:45 · 30 min",
            "19:15 · 10 min",
        ],
    )
    .await?;
    app.screenshot("31-run-of-show-saved").await?;
    app.quit().await
}
