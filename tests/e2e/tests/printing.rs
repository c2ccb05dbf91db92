//! End to end, in the real app window: printing from the demo's scheduled call-in. Open
//! the print dialog from the call-in page, preview the sign-in sheet and save it as PDF,
//! preview the invitation letters and save them, edit the English letter in Settings and
//! see the edit in the next letters; Ctrl+P opens the dialog. The saved files are read
//! back with poppler.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use callin_planner_e2e::{
    bounded_test, exports_dir, poll, step, xpath_literal, App, DataDir, Result, ENTER,
};

const PASSPHRASE: &str = "coordinator passphrase 2026";
const CALL_IN: &str = "Eastside call-in (demo)";
const CTRL_P: &str = "\u{E009}p";

fn pdftotext(pdf: &Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

fn pdf_pages(pdf: &Path) -> Result<usize> {
    let out = Command::new("pdfinfo").arg(pdf).output()?;
    let text = String::from_utf8(out.stdout)?;
    Ok(text
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .ok_or("pdfinfo printed no page count")?
        .trim()
        .parse()?)
}

/// Waits for a saved PDF whose name starts with `prefix`.
async fn saved(dir: &Path, prefix: &str) -> Result<PathBuf> {
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with(prefix) && name.ends_with(".pdf") {
                    return Ok(e.path());
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no {prefix}*.pdf was saved in {}", dir.display()).into())
}

/// Picks a document in the print dialog and waits for its own preview: the preview's title
/// names that document (the one before it is taken off the screen when another is picked),
/// and its first page is drawn.
async fn preview(app: &App, document: &str) -> Result {
    app.check(document).await?;
    let title = format!(
        "//dialog[@open]//p[contains(@class,'pr-doc-title') and starts-with(normalize-space(.), {})]",
        xpath_literal(&format!("{document} — "))
    );
    step(format!("waiting for the preview of {document}"));
    app.client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(fantoccini::Locator::XPath(&title))
        .await
        .map_err(|e| format!("no preview titled {document}: {e}"))?;
    app.client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(fantoccini::Locator::XPath(
            "//dialog[@open]//img[starts-with(@alt, 'Page 1 of') and starts-with(@src, 'data:image/svg+xml')]",
        ))
        .await
        .map_err(|e| format!("no preview of {document}: {e}"))?;
    Ok(())
}

bounded_test!(
    print_sign_in_sheet_and_letters_from_a_scheduled_call_in,
    180,
    print_sign_in_sheet_and_letters_from_a_scheduled_call_in_steps
);

async fn print_sign_in_sheet_and_letters_from_a_scheduled_call_in_steps() -> Result {
    let data = DataDir::new("printing");
    let app = App::start(&data.0).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;
    let exports = exports_dir(&data.0);

    app.click("Call-ins").await?;
    app.wait_heading("Call-ins").await?;
    app.click(CALL_IN).await?;
    app.wait_heading(CALL_IN).await?;

    // The sign-in sheet: preview, then Save as PDF.
    app.click("Print…").await?;
    app.wait_heading("Print").await?;
    preview(&app, "Sign-in sheet").await?;
    app.screenshot("print-sign-in-sheet").await?;
    app.click_in_dialog("Save as PDF…").await?;
    let sheet = saved(&exports, "sign-in-sheet").await?;
    app.wait_text(&format!("to {}", sheet.display())).await?;
    let text = pdftotext(&sheet)?;
    for expected in [
        "SIGN-IN SHEET",
        CALL_IN,
        "Name",
        "Signature",
        "Confidential — printed",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    // Names only: no date of birth, no supervision.
    for private in ["Probation", "Parole", "Officer", "Date of birth"] {
        assert!(!text.contains(private), "{private:?} printed:\n{text}");
    }
    // No date of birth in any form: the only years on the sheet are the print date's and
    // the call-in's, never a birth year.
    for token in text.split(|c: char| !c.is_ascii_digit()) {
        if token.len() == 4 {
            let year: i32 = token.parse()?;
            assert!(
                year >= 2026,
                "a year {year} (a date of birth?) is printed:\n{text}"
            );
        }
    }
    // The ten invitees handed a notice, then the default ten blank rows.
    let numbers: Vec<u32> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(numbers.iter().max(), Some(&20), "{text}");

    // The invitation letters: one page each, in each person's language.
    preview(&app, "Invitation letters").await?;
    let note = app.wait_text("10 letters").await?.text().await?;
    app.screenshot("print-letters").await?;
    app.click_in_dialog("Save as PDF…").await?;
    let letters = saved(&exports, "invitation-letters").await?;
    let text = pdftotext(&letters)?;
    assert_eq!(pdf_pages(&letters)?, 10, "{note}");
    let english = text.matches("Dear ").count();
    let spanish = text.matches("Estimado/a ").count();
    assert_eq!(english + spanish, 10, "{text}");
    // The demo has both: each language's letter is checked.
    assert!(english > 0 && spanish > 0, "{note}");
    assert!(
        note.contains(&format!("{english} in English, {spanish} in Spanish")),
        "{note}"
    );
    assert_eq!(text.matches("Page 1 of 1").count(), english, "{text}");
    assert_eq!(text.matches("Página 1 de 1").count(), spanish, "{text}");
    assert!(text.contains("Please bring:") && text.contains("Por favor traiga:"));
    // The demo's run-of-show previews with its speakers.
    preview(&app, "Run-of-show").await?;
    app.screenshot("print-run-of-show").await?;
    app.click_in_dialog("Close").await?;

    // Ctrl+P on the call-in page opens the same dialog.
    app.wait_dialog_closed().await?;
    app.keys(CTRL_P).await?;
    app.wait_heading("Print").await?;
    app.click_in_dialog("Close").await?;
    app.wait_dialog_closed().await?;

    // Edit the English letter in Settings; the next letters carry the edit.
    app.click("Settings").await?;
    let field = app.field("Letter text (English)").await?;
    field.clear().await?;
    // Typed line by line with the Enter key, as a coordinator would.
    for (i, line) in [
        "Dear {first_name} {last_name},",
        "",
        "Come to {venue} on {date} at {time}.",
        "- Bring this letter to the door.",
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            field.send_keys(ENTER).await?;
        }
        if !line.is_empty() {
            field.send_keys(line).await?;
        }
    }
    app.click("Save letter").await?;
    poll(
        "waiting for the letter to be saved",
        Duration::from_secs(15),
        || async {
            let status = app.texts("//p[contains(@class,'st-saved')]").await?;
            Ok(if status.iter().any(|s| s.starts_with("Saved ")) {
                Ok(())
            } else {
                Err(format!("{status:?}"))
            })
        },
    )
    .await?;
    app.screenshot("settings-letters").await?;
    app.click("Call-ins").await?;
    app.click(CALL_IN).await?;
    app.wait_heading(CALL_IN).await?;
    std::fs::remove_file(&letters)?;
    app.click("Print…").await?;
    preview(&app, "Invitation letters").await?;
    app.click_in_dialog("Save as PDF…").await?;
    let letters = saved(&exports, "invitation-letters").await?;
    let text = pdftotext(&letters)?;
    assert_eq!(
        text.matches("• Bring this letter to the door.").count(),
        english,
        "{text}"
    );
    assert!(
        text.contains("\nCome to Eastside Community Center on"),
        "{text}"
    );
    assert!(!text.contains("Please bring:"), "{text}");
    assert_eq!(text.matches("Estimado/a ").count(), spanish);
    app.click_in_dialog("Close").await?;

    // Follow-ups: the list of the current filter.
    app.click("Follow-ups").await?;
    app.click("Print list…").await?;
    app.wait_heading("Print").await?;
    preview(&app, "Follow-up list").await?;
    app.screenshot("print-follow-up-list").await?;
    app.click_in_dialog("Close").await?;
    app.quit().await
}
