//! End to end, in the real app window: the passphrase, the people registry, groups,
//! a restart, and one instance per data folder.

use std::time::{Duration, Instant};

use callin_planner_e2e::{app_binary, bounded_test, poll, App, DataDir, Result};

const PASSPHRASE: &str = "coordinator passphrase 2026";
const QUETZALLI: &str = "Ibáñez-Okafor, Quetzalli";
/// The names the people list shows, one per row.
const PEOPLE_ROWS: &str = "//tbody//button[contains(@class,'row-open')]";

// Create a passphrase, add a person, find them by part of an alias, edit them, archive
// them, restart the app and unlock, and see the data still there.
bounded_test!(
    person_lifecycle_survives_a_restart,
    180,
    person_lifecycle_survives_a_restart_steps
);

async fn person_lifecycle_survives_a_restart_steps() -> Result {
    let data = DataDir::new("registry");
    let app = App::start(&data.0).await?;

    // First run: a passphrase that breaks the rule is refused with the backend's message.
    app.wait_heading("Create your passphrase").await?;
    app.fill("Passphrase", "short1").await?;
    app.fill("Passphrase again", "short1").await?;
    app.click("Create database").await?;
    assert!(app.alert_text().await?.contains("at least 10 characters"));
    app.fill("Passphrase", PASSPHRASE).await?;
    app.fill("Passphrase again", PASSPHRASE).await?;
    app.click("Create database").await?;

    app.wait_heading("Load synthetic demo data?").await?;
    app.screenshot("01-demo-offer").await?;
    app.click("Load demo data").await?;
    app.wait_heading("People").await?;
    app.wait_text("Maple Street Crew").await?;
    app.screenshot("02-people-list").await?;

    // A new person, with a supervision record typed wrong first.
    app.click("New person").await?;
    app.wait_heading("New person").await?;
    app.fill("First name", "Quetzalli").await?;
    app.fill("Last name", "Ibáñez-Okafor").await?;
    app.fill("Aliases", "Zorro Azul, QZ").await?;
    app.fill("Date of birth", "1994-07-03").await?;
    app.click("Add supervision record").await?;
    app.choose("Type", "Parole").await?;
    app.fill("Agency", "State Board of Parole").await?;
    app.fill("Officer", "T. Nguyen").await?;
    app.fill("Start date", "2025-01-15").await?;
    app.fill("End date", "2024-01-01").await?;
    app.click("Save").await?;
    assert!(app
        .alert_text()
        .await?
        .contains("cannot end before it starts"));
    app.screenshot("03-person-form-error").await?;
    app.fill("End date", "2027-01-15").await?;
    app.click("Save").await?;
    app.wait_heading("Quetzalli Ibáñez-Okafor").await?;

    // Found by typing part of an alias, and without the accents.
    app.click("People").await?;
    app.wait_heading("People").await?;
    // The list shows 50 of the 301 people before a search; each search narrows it to her.
    poll(
        "waiting for the people list",
        Duration::from_secs(15),
        || async {
            let rows = app.texts(PEOPLE_ROWS).await?.len();
            Ok(if rows > 1 {
                Ok(())
            } else {
                Err(format!("{rows} rows"))
            })
        },
    )
    .await?;
    app.fill("Search people", "zorr").await?;
    app.wait_texts("the search by alias", PEOPLE_ROWS, &[QUETZALLI])
        .await?;
    // A search that finds no one in between, so the next result is the next search's.
    app.fill("Search people", "zzqx").await?;
    app.wait_text("No one matches").await?;
    app.fill("Search people", "ibanez-ok").await?;
    app.wait_texts("the search without accents", PEOPLE_ROWS, &[QUETZALLI])
        .await?;
    app.screenshot("04-search-by-alias").await?;

    // Edit: a phone number and one more alias.
    app.click(QUETZALLI).await?;
    app.wait_heading("Quetzalli Ibáñez-Okafor").await?;
    app.click("Edit").await?;
    app.wait_heading("Edit person").await?;
    app.fill("Phone", "(203) 555-0199").await?;
    app.fill("Aliases", "Zorro Azul, QZ, La Reina").await?;
    app.click("Save").await?;
    app.wait_heading("Quetzalli Ibáñez-Okafor").await?;
    app.wait_text("(203) 555-0199").await?;
    app.wait_text("La Reina").await?;

    // Ctrl+L locks at once: the unlock screen replaces the person's page, whose details
    // leave the window; the passphrase brings the same page back.
    app.keys("\u{E009}l").await?;
    app.wait_heading("Unlock Call-In Planner").await?;
    app.wait_gone("(203) 555-0199").await?;
    app.fill("Passphrase", PASSPHRASE).await?;
    app.click("Unlock").await?;
    app.wait_heading("Quetzalli Ibáñez-Okafor").await?;
    app.wait_text("(203) 555-0199").await?;

    // Archive, confirmed in a dialog.
    app.click("Archive").await?;
    app.click("Archive person").await?;
    app.button("Restore").await?;
    app.screenshot("05-archived").await?;
    app.quit().await?;

    // Restart: a wrong passphrase is refused, the right one opens the same data.
    let app = App::start(&data.0).await?;
    app.wait_heading("Unlock Call-In Planner").await?;
    app.fill("Passphrase", "not the passphrase 1").await?;
    app.click("Unlock").await?;
    assert!(app
        .alert_text()
        .await?
        .contains("The passphrase is not correct."));
    app.fill("Passphrase", PASSPHRASE).await?;
    app.click("Unlock").await?;
    app.wait_heading("People").await?;
    // Archived people leave the working list…
    app.fill("Search people", "la rei").await?;
    app.wait_text("No one matches").await?;
    // …and are there under Archived, with the edit kept.
    app.choose("Status", "Archived").await?;
    app.wait_texts(
        "the archived people found by alias",
        PEOPLE_ROWS,
        &[QUETZALLI],
    )
    .await?;
    app.click(QUETZALLI).await?;
    app.wait_text("(203) 555-0199").await?;
    app.click("Restore").await?;
    app.button("Archive").await?;
    app.quit().await?;
    Ok(())
}

// Groups in the window: create one, add a member, link it as a feud.
bounded_test!(
    groups_members_and_feuds,
    120,
    groups_members_and_feuds_steps
);

async fn groups_members_and_feuds_steps() -> Result {
    let data = DataDir::new("groups");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;

    app.click("Groups").await?;
    app.wait_heading("Groups").await?;
    app.click("New group").await?;
    app.fill("Name", "Willow Court").await?;
    app.fill("Area", "Southside").await?;
    app.click("Create group").await?;
    app.wait_heading("Willow Court").await?;

    app.fill("Find person", "j").await?;
    let first = app
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(fantoccini::Locator::XPath(
            "//*[@aria-label='Search results']//button | //ul[contains(@class,'results')]//button",
        ))
        .await?;
    let who = first.text().await?;
    first.click().await?;
    app.fill("Role", "associate").await?;
    app.click("Add member").await?;
    // The new group had no members: now its table has this one, with the role.
    app.wait_texts(
        "the group's members",
        "//section[@aria-labelledby='gd-members']//tbody/tr/td[1]/button",
        &[who.trim()],
    )
    .await?;
    assert_eq!(
        app.texts("//section[@aria-labelledby='gd-members']//tbody/tr/td[2]")
            .await?,
        ["associate"]
    );
    assert_eq!(
        app.texts("//h2[@id='gd-members']/span").await?,
        ["1"],
        "the members count"
    );

    app.choose("Other group", "Riverside Kings").await?;
    app.choose("Kind", "Feud").await?;
    app.click("Link groups").await?;
    app.wait_text("Feud with Riverside Kings").await?;
    app.screenshot("06-group").await?;
    app.quit().await?;
    Ok(())
}

// A second launch on the same data folder brings the first window forward and exits;
// the database is never opened twice.
bounded_test!(
    a_second_launch_exits_and_leaves_the_first_running,
    120,
    a_second_launch_exits_and_leaves_the_first_running_steps
);

async fn a_second_launch_exits_and_leaves_the_first_running_steps() -> Result {
    let data = DataDir::new("single");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;

    let mut second = std::process::Command::new(app_binary())
        .env("CALLIN_PLANNER_DATA_DIR", &data.0)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = second.kill();
            let _ = second.wait();
            return Err("the second launch kept running".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mut err = String::new();
    std::io::Read::read_to_string(second.stderr.as_mut().unwrap(), &mut err)?;
    assert!(
        status.success(),
        "the second launch should exit cleanly: {status}; it said: {err}"
    );
    assert!(err.contains("already running"), "{err}");

    // The first window still works.
    app.create_database(PASSPHRASE, false).await?;
    app.quit().await?;
    Ok(())
}
