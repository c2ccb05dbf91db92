//! End to end, in the real window and through the system's own open dialog (GTK): an HSDS
//! JSON package comes into the Directory, the provider and its service are on their page,
//! the provider is put at the demo call-in's table in the wizard, and on the day its
//! service is offered to an attendee and becomes a referral.

use std::time::Duration;

use callin_planner_e2e::{bounded_test, poll, App, DataDir, Result, ENTER};

const PASSPHRASE: &str = "coordinator passphrase 2026";
const CALL_IN: &str = "Eastside call-in (demo)";
const PROVIDER: &str = "Riverside Reentry Jobs";
const SERVICE: &str = "Second Chance Hiring";

/// One organization with one service, its location, phone and an "Employment services" term.
const PACKAGE: &str = r#"[
  {
    "id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d6e",
    "name": "Riverside Reentry Jobs",
    "description": "Hiring events and job coaching for people coming home.",
    "phones": [{"id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d70", "number": "555-0177"}],
    "locations": [
      {
        "id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d71",
        "location_type": "physical",
        "name": "Riverside office",
        "addresses": [
          {"id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d72", "address_1": "40 River Rd", "city": "Springfield",
           "state_province": "IL", "postal_code": "62702", "country": "US", "address_type": "physical"}
        ]
      }
    ],
    "services": [
      {
        "id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d73",
        "name": "Second Chance Hiring",
        "status": "active",
        "service_at_locations": [
          {"id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d74", "location_id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d71"}
        ],
        "attributes": [
          {"id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d75", "link_entity": "service",
           "taxonomy_term_id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d76",
           "taxonomy_term": {"id": "5a0c1e64-3a57-4c1e-9d0e-1f2a3b4c5d76", "name": "Employment services",
                             "description": "Help finding work"}}
        ]
      }
    ]
  }
]
"#;

bounded_test!(
    an_hsds_package_comes_in_and_its_service_is_offered_at_a_call_in,
    240,
    an_hsds_package_comes_in_and_its_service_is_offered_at_a_call_in_steps
);

async fn an_hsds_package_comes_in_and_its_service_is_offered_at_a_call_in_steps() -> Result {
    let data = DataDir::new("directory");
    let file = data.0.join("riverside directory.json");
    std::fs::write(&file, PACKAGE)?;
    let app = App::start_with_native_dialogs(&data.0).await?;
    app.create_database(PASSPHRASE, true).await?;

    // Directory → Import HSDS…, the package chosen in the native dialog.
    app.click("Directory").await?;
    app.wait_heading("Directory").await?;
    app.click("Import HSDS…").await?;
    app.wait_heading("Import an HSDS package").await?;
    let button = app.button("Choose a package file (.zip or .json)…").await?;
    let clicking = tokio::spawn(async move { button.click().await });
    app.wait_x_window("Import a directory: choose an HSDS package")
        .await?;
    app.type_path_in_dialog(&file).await?;
    app.x_keys(None, Some("Return"))?;
    let _ = clicking.await;
    app.wait_text("riverside directory.json").await?;
    app.wait_text("Employment services").await?;
    app.screenshot("hsds-preview").await?;
    app.click("Import").await?;
    app.wait_text("Imported: 1 organization added and 0 updated; 1 service added and 0 updated.")
        .await?;
    app.click("Go to the Directory").await?;
    app.wait_heading("Directory").await?;

    // The provider is in the list, and its page shows the service where it is offered.
    app.click(PROVIDER).await?;
    app.wait_heading(PROVIDER).await?;
    app.wait_text(SERVICE).await?;
    app.wait_text("555-0177").await?;
    app.screenshot("hsds-provider").await?;

    // At the demo call-in's table, from the same directory.
    app.open_call_in(CALL_IN).await?;
    app.click("Edit plan").await?;
    app.client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(fantoccini::Locator::XPath(
            "//nav[@aria-label='Steps']//button[contains(normalize-space(.), 'Providers at the table')]",
        ))
        .await?
        .click()
        .await?;
    app.wait_heading("Providers at the table").await?;
    app.screenshot("hsds-table").await?;
    // By keyboard: the new provider's row is last, under the wizard's sticky footer.
    app.field(&format!("{PROVIDER} at the table"))
        .await?
        .send_keys(" ")
        .await?;
    poll(
        "the provider at the table",
        Duration::from_secs(10),
        || async {
            let checked = app
                .field(&format!("{PROVIDER} at the table"))
                .await?
                .prop("checked")
                .await?;
            Ok(if checked.as_deref() == Some("true") {
                Ok(())
            } else {
                Err(format!("checked = {checked:?}"))
            })
        },
    )
    .await?;

    // The day: one invitee checks in, check-in ends, and the service is offered to them.
    app.open_call_in(CALL_IN).await?;
    app.click("Open check-in").await?;
    app.wait_heading(&format!("Check-in: {CALL_IN}")).await?;
    let expected = app
        .texts("//section[@aria-labelledby='ci-expected']//*[contains(@class,'door-list-name')]")
        .await?;
    let name = expected.first().ok_or("no one is expected")?.clone();
    let find = app.field("Find invitee").await?;
    find.send_keys(&name).await?;
    app.wait_texts(
        &format!("{name:?} offered first"),
        "//ul[@id='ci-matches']/li[@aria-selected='true']//*[contains(@class,'door-match-name')]",
        &[name.as_str()],
    )
    .await?;
    find.send_keys(ENTER).await?;
    app.wait_text(&format!("Checked in: {name}")).await?;
    app.click("End check-in").await?;
    app.wait_heading("End check-in?").await?;
    app.click_in_dialog("End check-in").await?;
    app.wait_heading(&format!("Offers of help: {CALL_IN}"))
        .await?;
    app.click(&format!("Record offer for {name}")).await?;
    app.wait_heading(&format!("Offer of help: {name}")).await?;
    app.check("Accepted").await?;
    app.check("Employment").await?;
    app.check(&format!("{SERVICE} — {PROVIDER}")).await?;
    app.screenshot("hsds-offer").await?;
    app.click_in_dialog("Save offer").await?;
    app.wait_text(&format!("Saved {name}'s offer: 1 referral"))
        .await?;
    app.quit().await
}
