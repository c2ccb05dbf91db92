//! End to end, through the system's own open dialog (GTK on Linux) typed into through the
//! X server: People → Import… takes a CSV file in, a column is mapped by hand, a row with a
//! date that does not exist is fixed in place, and the people are in the list.

use callin_planner_e2e::{bounded_test, App, DataDir, Result};

bounded_test!(
    a_roster_comes_in_through_the_native_open_dialog,
    180,
    a_roster_comes_in_through_the_native_open_dialog_steps
);

async fn a_roster_comes_in_through_the_native_open_dialog_steps() -> Result {
    let data = DataDir::new("import");
    let file = data.0.join("county roster.csv");
    std::fs::write(
        &file,
        "Offender Name,DOB,Sup Type,Contact\n\
         \"OKAFOR, CHIDI\",03/14/1990,PROB,555-0100\n\
         \"Lindqvist , Maja\",02/30/1985,PAR,555-0101\n",
    )?;
    let app = App::start_with_native_dialogs(&data.0).await?;
    app.create_database("coordinator passphrase 2026", false)
        .await?;
    app.click("Import…").await?;
    app.wait_heading("Import people").await?;

    // The dialog blocks the command until answered: click, then type the path into it.
    let button = app.button("Choose a file…").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window("Import people from a spreadsheet")
        .await?;
    app.type_path_in_dialog(&file).await?;
    app.x_keys(None, Some("Return"))?;
    let _ = clicking.await;
    app.wait_text("county roster.csv: 2 rows under the header row.")
        .await?;
    app.click("Next").await?;
    app.wait_text("Registry field").await?;

    // "Contact" is not a header the app knows: the coordinator maps it to Phone.
    app.choose("Contact", "Phone").await?;
    app.check("Write names in capitals as “Jane Doe”").await?;
    app.click("Next").await?;
    app.wait_text("1 ready, 0 with warnings, 1 with problems, 0 skipped")
        .await?;
    app.wait_text("February has 28 days").await?;
    app.screenshot("import-check").await?;

    // Fixed in place, then checked again.
    app.fill("Fix row 3, DOB", "02/28/1985").await?;
    app.click("Check again").await?;
    app.wait_text("2 ready, 0 with warnings, 0 with problems, 0 skipped")
        .await?;
    app.wait_text("Importing adds 2 people and updates 0 people.")
        .await?;
    app.click("Import").await?;
    app.wait_text("Imported: 2 people added, 0 updated, 0 rows skipped.")
        .await?;
    app.click("Go to the people list").await?;
    app.wait_heading("People").await?;
    app.wait_text("Okafor, Chidi").await?;
    app.wait_text("Lindqvist, Maja").await?;

    // The same person again, added as new on purpose: the registry now holds him twice.
    let again = data.0.join("again.csv");
    std::fs::write(&again, "Name,Date of birth\nChidi Okafor,1990-03-14\n")?;
    app.click("Import…").await?;
    let button = app.button("Choose a file…").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window("Import people from a spreadsheet")
        .await?;
    app.type_path_in_dialog(&again).await?;
    app.x_keys(None, Some("Return"))?;
    let _ = clicking.await;
    app.wait_text("again.csv: 1 row under the header row.")
        .await?;
    app.click("Next").await?;
    app.click("Next").await?;
    app.wait_text("Same person: Chidi Okafor, born 1990-03-14")
        .await?;
    app.choose("What to do with row 2", "Add as a new person")
        .await?;
    app.wait_text("Importing adds 1 person and updates 0 people.")
        .await?;
    app.click("Import").await?;
    app.wait_text("Imported: 1 person added").await?;
    app.click("Go to the people list").await?;

    // People → Possible duplicates finds the pair; Merge keeps one record.
    app.click("Possible duplicates").await?;
    app.wait_heading("Possible duplicates").await?;
    app.click("Merge…").await?;
    app.wait_heading("Merge two records").await?;
    app.screenshot("import-merge").await?;
    app.click("Merge").await?;
    app.wait_text("Merged Chidi Okafor into Chidi Okafor.")
        .await?;
    app.wait_text("No possible duplicates").await?;
    app.quit().await?;
    Ok(())
}
