//! End to end, in the real app window: printing from the demo's scheduled call-in. Open
//! the print dialog from the call-in page, preview the sign-in sheet and save it as PDF,
//! preview the invitation letters and save them, edit the English letter in Settings and
//! see the edit in the next letters; Ctrl+P opens the dialog. The saved files are read
//! back with poppler. Print goes to stand-ins of `lpstat`, `lp` and `xdg-open`: to the
//! default printer when there is one, else to the PDF viewer, as the dialog says first.

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

/// Stand-ins for the system's printing, in `dir/bin` (found first on the app's `PATH`):
/// `lpstat -d` names the default printer "Front-desk" (none once `dir/no-printer` exists);
/// `lp` and `xdg-open` copy the PDF handed to them into `dir/printed` and `dir/viewed`,
/// and `lp` writes its arguments to `dir/lp.log`. No test reaches a real printer.
fn printing_stand_ins(dir: &Path) -> Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin)?;
    let d = dir.display();
    for (name, body) in [
        (
            "lpstat",
            format!(
                "if [ -e '{d}/no-printer' ]; then echo 'no system default destination'; \
                 else echo 'system default destination: Front-desk'; fi"
            ),
        ),
        (
            "lp",
            format!(
                "for last; do :; done; printf '%s\\n' \"$*\" >> '{d}/lp.log'; \
                 mkdir -p '{d}/printed' && cp \"$last\" '{d}/printed/'"
            ),
        ),
        (
            "xdg-open",
            format!("mkdir -p '{d}/viewed' && cp \"$1\" '{d}/viewed/'"),
        ),
    ] {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n"))?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
    }
    Ok(bin)
}

/// The PDFs in a folder (none when it does not exist).
fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default()
}

/// "1 page", "3 pages".
fn pages_said(n: usize) -> String {
    if n == 1 {
        "1 page".into()
    } else {
        format!("{n} pages")
    }
}

bounded_test!(
    print_sign_in_sheet_and_letters_from_a_scheduled_call_in,
    180,
    print_sign_in_sheet_and_letters_from_a_scheduled_call_in_steps
);

async fn print_sign_in_sheet_and_letters_from_a_scheduled_call_in_steps() -> Result {
    let data = DataDir::new("printing");
    let stand_ins = tempfile::tempdir()?;
    let bin = printing_stand_ins(stand_ins.path())?;
    let app = App::start_with_commands(&data.0, &bin).await?;
    app.wait_heading("Create your passphrase").await?;
    app.create_database(PASSPHRASE, true).await?;
    let exports = exports_dir(&data.0);

    app.open_call_in(CALL_IN).await?;

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

    // Print, with a default printer: the dialog says where it goes and how many pages
    // before Print is pressed; the PDF goes to `lp` (titled), and leaves the print folder
    // once spooled.
    let pages = pdf_pages(&sheet)?;
    let all = if pages == 1 {
        "this page".to_string()
    } else {
        format!("all {pages} pages")
    };
    app.wait_text(&format!("Print sends {all} to the printer Front-desk."))
        .await?;
    app.click_in_dialog("Print").await?;
    app.wait_text(&format!(
        "Sent to the printer Front-desk ({}).",
        pages_said(pages)
    ))
    .await?;
    let printed = pdfs_in(&stand_ins.path().join("printed"));
    assert_eq!(printed.len(), 1, "{printed:?}");
    let printed_text = pdftotext(&printed[0])?;
    assert!(printed_text.contains("SIGN-IN SHEET") && printed_text.contains(CALL_IN));
    assert_eq!(pdf_pages(&printed[0])?, pages);
    let lp = std::fs::read_to_string(stand_ins.path().join("lp.log"))?;
    assert!(
        lp.starts_with(&format!("-t Sign-in sheet — {CALL_IN} ")),
        "{lp}"
    );
    assert!(
        pdfs_in(&data.0.join("print")).is_empty(),
        "a spooled PDF stays in the print folder"
    );

    // Without a default printer the dialog says the viewer opens it, and Print opens it.
    app.click_in_dialog("Close").await?;
    app.wait_dialog_closed().await?;
    std::fs::write(stand_ins.path().join("no-printer"), "")?;
    app.click("Print…").await?;
    preview(&app, "Sign-in sheet").await?;
    app.wait_text(
        "No printer is set up: Print opens the PDF in your PDF viewer, to print from there.",
    )
    .await?;
    app.click_in_dialog("Print").await?;
    app.wait_text(&format!(
        "No printer is set up, so the PDF opened in your PDF viewer; print from there ({}).",
        pages_said(pages)
    ))
    .await?;
    let viewed = pdfs_in(&stand_ins.path().join("viewed"));
    assert_eq!(viewed.len(), 1, "{viewed:?}");
    assert!(pdftotext(&viewed[0])?.contains("SIGN-IN SHEET"));
    // The viewer may still be reading it: it stays in the print folder while the app runs.
    assert_eq!(pdfs_in(&data.0.join("print")).len(), 1);
    assert_eq!(
        pdfs_in(&stand_ins.path().join("printed")).len(),
        1,
        "nothing more went to the printer"
    );

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
    app.open_call_in(CALL_IN).await?;
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
    app.quit().await?;
    // The PDF the viewer was given is not kept once the app has quit.
    assert!(
        pdfs_in(&data.0.join("print")).is_empty(),
        "printed PDFs outlived the app: {:?}",
        pdfs_in(&data.0.join("print"))
    );
    Ok(())
}
