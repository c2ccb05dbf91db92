//! The service directory as its own area, speaking HSDS: importing the HSDS 3.0 example and a
//! 1.x package through the commands into a real database, re-importing without change,
//! refusing bad references with nothing written, exporting valid HSDS 3.0 that reads back
//! unchanged, editing the HSDS-shaped details by hand, retiring without losing history, and
//! the old typed-in contact details moving into the new rows.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use callin_planner::commands::{callins, directory, hsds};
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::directory::{DirectoryQuery, Provider, ProviderInput, ServiceInput};
use callin_planner::domain::directory_details::{
    AddressInput, ContactInput, LanguageInput, LocationInput, PhoneInput, PlaceKind, ScheduleInput,
    ServiceStatus,
};
use callin_planner::domain::hsds_import::{
    CategoryMappingInput, ChangeKind, HsdsFormat, HsdsLayout, MappingKind, MappingOrigin,
};
use callin_planner::domain::people::NeedCategory;
use callin_planner::error::ErrorCode;
use callin_planner::state::AppState;
use common::{fingerprint, temp_dir, unlocked_app, TempDir};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn everything(app: &AppState) -> Vec<Provider> {
    app.read(callin_planner::store::directory::all_providers)
        .unwrap()
}

fn by_name<'a>(all: &'a [Provider], name: &str) -> &'a Provider {
    all.iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the directory"))
}

/// The package folder copied, with `edit` applied to the named file's text.
fn edited_copy(dir: &TempDir, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let to = dir.path().join("package");
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(fixture("hsds-3.0")).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    let text = std::fs::read_to_string(to.join(file)).unwrap();
    std::fs::write(to.join(file), edit(&text)).unwrap();
    to
}

#[test]
fn the_hsds_3_example_imports_with_every_organization_and_service_and_their_fields() {
    let (_dir, app) = unlocked_app();
    let preview = hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    assert_eq!(preview.layout, HsdsLayout::Tabular3);
    assert!(!preview.blocked, "{:#?}", preview.problems);
    assert_eq!(preview.counts.new_organizations, 1);
    assert_eq!(preview.counts.new_services, 1);
    // The example's links to rows it does not hold are listed, by file, row and column.
    let loc = preview
        .problems
        .iter()
        .find(|p| p.file == "locations.csv")
        .expect("the location's missing organization is listed");
    assert_eq!(
        (loc.row, loc.column.as_deref(), loc.blocking),
        (Some(2), Some("organization_id"), false)
    );
    assert!(preview.not_kept.iter().any(|f| f == "funding.csv"));
    // The example's one attribute links its term to a service the package does not hold,
    // so the service is mapped by its name, and "Counselling" suggests mental health.
    let named = preview
        .mappings
        .iter()
        .find(|m| m.kind == MappingKind::ServiceName)
        .unwrap();
    assert_eq!(named.label, "Community Counselling");
    assert_eq!(named.origin, MappingOrigin::Guessed);
    assert_eq!(named.categories, [NeedCategory::MentalHealth]);
    assert_eq!(preview.unmapped_services, 0);
    // The coordinator adds a need; the preview follows.
    let mapped = [CategoryMappingInput {
        kind: Some(MappingKind::ServiceName),
        key: named.key.clone(),
        categories: vec![NeedCategory::MentalHealth, NeedCategory::AngerManagementCbt],
    }];
    let again = hsds::preview(&app, &mapped).unwrap();
    assert_eq!(
        again.mappings[0].categories,
        [NeedCategory::MentalHealth, NeedCategory::AngerManagementCbt]
    );

    let result = hsds::commit(&app, &mapped).unwrap();
    assert_eq!(
        (result.organizations_created, result.services_created),
        (1, 1)
    );
    let all = everything(&app);
    let p = by_name(&all, "Example Organization Inc.");
    assert_eq!(p.alternate_name.as_deref(), Some("Example Org"));
    assert_eq!(p.website.as_deref(), Some("http://example.com"));
    assert_eq!(p.email.as_deref(), Some("email@example.com"));
    assert_eq!(
        p.hsds_id.as_deref(),
        Some("d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610")
    );
    let s = &p.services[0];
    assert_eq!(s.name, "Community Counselling");
    assert_eq!(s.status, ServiceStatus::Active);
    assert_eq!(
        s.categories,
        [NeedCategory::MentalHealth, NeedCategory::AngerManagementCbt]
    );
    assert_eq!(s.url.as_deref(), Some("http://example.com/counselling"));
    assert!(s
        .eligibility
        .as_deref()
        .unwrap()
        .contains("aged 12 and over"));
    assert!(s
        .interpretation_services
        .as_deref()
        .unwrap()
        .contains("Urdu"));
    assert_eq!(p.locations.len(), 1);
    let l = &p.locations[0];
    assert_eq!(l.name.as_deref(), Some("MyCity Civic Center"));
    assert_eq!(l.addresses[0].address_type, PlaceKind::Postal);
    assert_eq!(
        l.addresses[0].address_1.as_deref(),
        Some("1-30 Main Street")
    );
    assert_eq!(s.location_ids, std::slice::from_ref(&l.id));
    assert_eq!(s.schedules[0].summary, "Thu, Fri 10:00–18:00");
    assert_eq!(s.languages[0].name.as_deref(), Some("Urdu"));
    assert_eq!(s.contacts[0].name.as_deref(), Some("Ann Persona"));
    // The phone of the contact, the service, the location and the organization is the
    // contact's (its most specific owner).
    assert!(s.contacts[0].phones[0].number.contains("+44 1234 234567"));
    assert_eq!(s.contact_name.as_deref(), Some("Ann Persona"));

    // The mapping is remembered for this source.
    let next = hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    let remembered = &next.mappings[0];
    assert_eq!(remembered.origin, MappingOrigin::Remembered);
    assert_eq!(
        remembered.categories,
        [NeedCategory::MentalHealth, NeedCategory::AngerManagementCbt]
    );
    assert_eq!(next.counts.unchanged_services, 1);
}

#[test]
fn importing_the_same_package_again_changes_nothing() {
    let (_dir, app) = unlocked_app();
    hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    hsds::commit(&app, &[]).unwrap();
    let before = everything(&app);
    let preview = hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    assert_eq!(preview.counts.unchanged_organizations, 1);
    assert_eq!(preview.counts.unchanged_services, 1);
    assert_eq!(
        preview.counts.new_organizations + preview.counts.changed_organizations,
        0
    );
    assert!(preview
        .organizations
        .iter()
        .all(|o| o.kind == ChangeKind::Unchanged && o.fields.is_empty()));
    let result = hsds::commit(&app, &[]).unwrap();
    assert_eq!(
        result.organizations_created
            + result.organizations_updated
            + result.services_created
            + result.services_updated,
        0
    );
    assert_eq!(everything(&app), before);
}

#[test]
fn a_changed_package_shows_each_change_field_by_field_and_matches_by_id() {
    let (dir, app) = unlocked_app();
    hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    hsds::commit(&app, &[]).unwrap();
    let changed = edited_copy(&dir, "services.csv", |t| {
        t.replace("Community Counselling,", "Community Counseling,")
            .replace(",active,", ",temporarily closed,")
    });
    let preview = hsds::open(&app, &changed).unwrap();
    assert_eq!(preview.counts.changed_services, 1);
    let s = &preview.services[0];
    assert_eq!(s.kind, ChangeKind::Changed);
    let fields: Vec<(&str, &str, &str)> = s
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
        .collect();
    assert!(fields.contains(&("Name", "Community Counselling", "Community Counseling")));
    assert!(fields.contains(&("Status", "Active", "Temporarily closed")));
    hsds::commit(&app, &[]).unwrap();
    let all = everything(&app);
    let p = by_name(&all, "Example Organization Inc.");
    assert_eq!(p.services.len(), 1, "matched by id, not added");
    assert_eq!(p.services[0].status, ServiceStatus::TemporarilyClosed);
}

#[test]
fn bad_references_and_statuses_are_listed_by_file_row_and_column_and_nothing_is_written() {
    let (dir, app) = unlocked_app();
    common::provider(
        &app,
        "Already here",
        &[("Job help", NeedCategory::Employment)],
    );
    let bad = edited_copy(&dir, "services.csv", |t| {
        t.replace(
            "ac148810-d857-441c-9679-408f346de14b,d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
            "ac148810-d857-441c-9679-408f346de14b,00000000-0000-4000-8000-000000000999",
        )
        .replace(",active,", ",open,")
    });
    let preview = hsds::open(&app, &bad).unwrap();
    assert!(preview.blocked);
    let blocking: Vec<(&str, Option<u32>, Option<&str>)> = preview
        .problems
        .iter()
        .filter(|p| p.blocking)
        .map(|p| (p.file.as_str(), p.row, p.column.as_deref()))
        .collect();
    assert!(
        blocking.contains(&("services.csv", Some(2), Some("organization_id"))),
        "{blocking:?}"
    );
    assert!(blocking.contains(&("services.csv", Some(2), Some("status"))));
    let before = fingerprint(&app);
    let err = hsds::commit(&app, &[]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("Nothing was imported"), "{err}");
    assert!(err.to_string().contains("services.csv"), "{err}");
    assert_eq!(fingerprint(&app), before, "nothing was written");
}

#[test]
fn a_1x_package_imports_with_its_old_file_and_field_names() {
    let (_dir, app) = unlocked_app();
    let preview = hsds::open(&app, &fixture("hsds-1.x")).unwrap();
    assert_eq!(preview.layout, HsdsLayout::Tabular1);
    assert!(!preview.blocked, "{:#?}", preview.problems);
    let orgs = read_csv(&fixture("hsds-1.x/organizations.csv"));
    let services = read_csv(&fixture("hsds-1.x/services.csv"));
    assert_eq!(preview.counts.new_organizations as usize, orgs.len());
    assert_eq!(preview.counts.new_services as usize, services.len());
    hsds::commit(&app, &[]).unwrap();
    let all = everything(&app);
    for o in &orgs {
        let p = by_name(&all, &o["name"]);
        // 1.x calls the website `url`.
        if let Some(url) = o.get("url").filter(|u| !u.is_empty()) {
            assert_eq!(p.website.as_deref(), Some(url.as_str()));
        }
    }
    for s in &services {
        assert!(
            all.iter()
                .flat_map(|p| &p.services)
                .any(|x| x.name == s["name"]),
            "{} imported",
            s["name"]
        );
    }
    // Physical and postal addresses come from their own files.
    let kinds: Vec<PlaceKind> = all
        .iter()
        .flat_map(|p| &p.locations)
        .flat_map(|l| &l.addresses)
        .map(|a| a.address_type)
        .collect();
    assert!(kinds.contains(&PlaceKind::Physical) && kinds.contains(&PlaceKind::Postal));
    // And a second import changes nothing.
    let again = hsds::open(&app, &fixture("hsds-1.x")).unwrap();
    assert_eq!(
        again.counts.unchanged_organizations as usize,
        orgs.len(),
        "{:#?}",
        again.organizations
    );
}

fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// A provider typed by hand with every kind of detail HSDS has.
fn typed_provider(app: &AppState) -> Provider {
    let p = directory::save_provider_of(
        app,
        None,
        &ProviderInput {
            name: "Harbor Housing Partners".into(),
            alternate_name: "HHP".into(),
            description: "Rapid rehousing for people coming home.".into(),
            email: "intake@harbor.example.org".into(),
            website: "https://harbor.example.org".into(),
            phones: vec![PhoneInput {
                number: "217-555-0101".into(),
                extension: "12".into(),
                kind: "voice".into(),
                ..Default::default()
            }],
            contacts: vec![ContactInput {
                name: "Dana Reyes".into(),
                title: "Intake lead".into(),
                ..Default::default()
            }],
            locations: vec![LocationInput {
                name: "Main office".into(),
                addresses: vec![AddressInput {
                    address_1: "12 Main St".into(),
                    city: "Springfield".into(),
                    state_province: "IL".into(),
                    postal_code: "62701".into(),
                    country: "us".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }],
        },
    )
    .unwrap();
    let location = p.locations[0].id.clone();
    directory::save_service_of(
        app,
        &p.id,
        None,
        &ServiceInput {
            name: "Rapid rehousing".into(),
            status: Some(ServiceStatus::Active),
            categories: vec![NeedCategory::Housing, NeedCategory::Employment],
            eligibility: "Released in the last year".into(),
            location_ids: vec![location],
            phones: vec![PhoneInput {
                number: "217-555-0199".into(),
                ..Default::default()
            }],
            schedules: vec![ScheduleInput {
                byday: "MO,WE".into(),
                opens_at: "9:00".into(),
                closes_at: "17:00".into(),
                ..Default::default()
            }],
            languages: vec![LanguageInput {
                name: "Spanish".into(),
                code: "es".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn the_details_typed_by_hand_keep_their_ids_and_read_on_one_line() {
    let (_dir, app) = unlocked_app();
    let p = typed_provider(&app);
    assert_eq!(p.phone.as_deref(), Some("217-555-0101 ext. 12"));
    assert_eq!(
        p.address.as_deref(),
        Some("Main office — 12 Main St, Springfield, IL 62701")
    );
    assert_eq!(p.locations[0].addresses[0].country.as_deref(), Some("US"));
    let s = &p.services[0];
    assert_eq!(s.schedules[0].summary, "Mon, Wed 09:00–17:00");
    assert_eq!(s.phone.as_deref(), Some("217-555-0199"));
    assert_eq!(
        s.location.as_deref(),
        Some("Main office — 12 Main St, Springfield, IL 62701")
    );
    // Editing the provider with its phone's id keeps the phone; a location removed takes
    // the service's place there with it.
    let phone = &p.phones[0];
    let edited = directory::save_provider_of(
        &app,
        Some(&p.id),
        &ProviderInput {
            name: p.name.clone(),
            phones: vec![PhoneInput {
                id: Some(phone.id.clone()),
                number: "217-555-0102".into(),
                ..Default::default()
            }],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(edited.phones[0].id, phone.id);
    assert_eq!(edited.phones[0].number, "217-555-0102");
    assert!(edited.locations.is_empty());
    assert!(edited.services[0].location_ids.is_empty());
    assert_eq!(
        edited.services[0].phones.len(),
        1,
        "the service's own phone stays"
    );
    // A bad row is named by its place in the list, and nothing changes.
    let before = fingerprint(&app);
    let err = directory::save_provider_of(
        &app,
        Some(&p.id),
        &ProviderInput {
            name: p.name.clone(),
            phones: vec![PhoneInput::default()],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(format!("{err:?}").contains("phones.0.number"), "{err:?}");
    assert_eq!(fingerprint(&app), before);
}

/// The Python the validator runs with: `HSDS_PYTHON`, else the system's.
fn python() -> String {
    std::env::var("HSDS_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into())
}

fn has_jsonschema() -> bool {
    Command::new(python())
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the validator; `false` when it could not run here (no jsonschema, and the Makefile's
/// `HSDS_REQUIRE_VALIDATOR` not set).
fn validator_runs() -> bool {
    if !has_jsonschema() && std::env::var_os("HSDS_REQUIRE_VALIDATOR").is_none() {
        eprintln!("skipped: {} has no jsonschema (set HSDS_PYTHON)", python());
        return false;
    }
    true
}

fn validation(args: &[&Path], kind: &str) -> std::process::Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hsds_validate.py");
    Command::new(python())
        .arg(script)
        .arg(kind)
        .args(args)
        .output()
        .expect("the validator runs")
}

fn validate(args: &[&Path], kind: &str) {
    if !validator_runs() {
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hsds_validate.py");
    let out = Command::new(python())
        .arg(script)
        .arg(kind)
        .args(args)
        .output()
        .expect("the validator runs");
    assert!(
        out.status.success(),
        "the export is not valid HSDS 3.0:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn unzip(bytes: &[u8], to: &Path) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    z.extract(to).unwrap();
}

#[test]
fn the_export_is_valid_hsds_3_and_reads_back_with_nothing_changed() {
    let (dir, app) = unlocked_app();
    typed_provider(&app);
    hsds::open(&app, &fixture("hsds-3.0")).unwrap();
    hsds::commit(&app, &[]).unwrap();
    let retired = common::provider(
        &app,
        "Closed Clinic",
        &[("ID help", NeedCategory::IdDocuments)],
    );
    directory::retire_provider_of(&app, &retired.id, true).unwrap();
    let schema = fixture("hsds-3.0/schema");
    let spec = fixture("hsds-3.0/datapackage.json");

    let zip_bytes = hsds::export_bytes(&app, HsdsFormat::Zip).unwrap();
    assert_eq!(
        zip_bytes,
        hsds::export_bytes(&app, HsdsFormat::Zip).unwrap(),
        "the same directory gives the same file"
    );
    let unzipped = dir.path().join("unzipped");
    unzip(&zip_bytes, &unzipped);
    validate(&[&schema, &spec, &unzipped], "tabular");
    let orgs = read_csv(&unzipped.join("organizations.csv"));
    assert_eq!(orgs.len(), 2, "the retired provider is not exported");
    let json_path = dir.path().join("directory.json");
    std::fs::write(
        &json_path,
        hsds::export_bytes(&app, HsdsFormat::Json).unwrap(),
    )
    .unwrap();
    validate(&[&schema, &json_path], "json");
    // The validator can fail: a status HSDS does not have, a missing description.
    if validator_runs() {
        let text = std::fs::read_to_string(&json_path).unwrap();
        let broken = dir.path().join("broken.json");
        std::fs::write(
            &broken,
            text.replacen("\"status\": \"active\"", "\"status\": \"open\"", 1),
        )
        .unwrap();
        let out = validation(&[&schema, &broken], "json");
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("'open' is not one of"));
        let orgs_csv = unzipped.join("organizations.csv");
        let csv_text = std::fs::read_to_string(&orgs_csv).unwrap();
        std::fs::write(
            &orgs_csv,
            csv_text.replace(",Rapid rehousing for people coming home.,", ",,"),
        )
        .unwrap();
        let out = validation(&[&schema, &spec, &unzipped], "tabular");
        assert!(!out.status.success(), "a missing description is caught");
    }

    let before = everything(&app);
    let zip_path = dir.path().join("directory.zip");
    std::fs::write(&zip_path, &zip_bytes).unwrap();
    for path in [&zip_path, &json_path] {
        let preview = hsds::open(&app, path).unwrap();
        assert!(!preview.blocked, "{:#?}", preview.problems);
        assert_eq!(
            (
                preview.counts.new_organizations,
                preview.counts.changed_organizations,
                preview.counts.unchanged_organizations
            ),
            (0, 0, 2),
            "{}: {:#?}",
            path.display(),
            preview.services
        );
        assert!(preview
            .mappings
            .iter()
            .filter(|m| m.kind == MappingKind::Term)
            .all(
                |m| m.origin == MappingOrigin::OwnTaxonomy || m.origin == MappingOrigin::Remembered
            ));
        hsds::commit(&app, &[]).unwrap();
        assert_eq!(everything(&app), before, "{}", path.display());
    }
    // Into a database of its own, the export brings the same directory.
    let other_dir = temp_dir();
    let other = AppState::new(other_dir.path());
    callin_planner::commands::session::create(&other, common::PASSPHRASE, common::PASSPHRASE)
        .unwrap();
    hsds::open(&other, &zip_path).unwrap();
    hsds::commit(&other, &[]).unwrap();
    let theirs = everything(&other);
    let h = by_name(&theirs, "Harbor Housing Partners");
    assert_eq!(
        h.services[0].categories,
        [NeedCategory::Employment, NeedCategory::Housing]
    );
    assert_eq!(h.services[0].schedules[0].summary, "Mon, Wed 09:00–17:00");
    assert_eq!(h.phone.as_deref(), Some("217-555-0101 ext. 12"));
}

#[test]
fn a_retired_provider_is_no_longer_offered_but_stays_in_the_call_in_it_was_at() {
    let (_dir, app) = unlocked_app();
    let p = common::provider(
        &app,
        "Harbor Housing",
        &[("Rapid rehousing", NeedCategory::Housing)],
    );
    let c = callins::create(
        &app,
        &CallInBasicsInput {
            title: "Spring call-in".into(),
            ..Default::default()
        },
    )
    .unwrap();
    directory::set_present(&app, &c.id, &p.id, true).unwrap();
    let retired = directory::retire_provider_of(&app, &p.id, true).unwrap();
    assert!(retired.retired);
    assert!(
        directory::providers(&app).unwrap().is_empty(),
        "not offered"
    );
    let listed = directory::directory_of(&app, &DirectoryQuery::default()).unwrap();
    assert!(listed.is_empty(), "hidden from the list by default");
    let with_retired = directory::directory_of(
        &app,
        &DirectoryQuery {
            retired: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(with_retired[0].retired);
    let table = directory::coverage(&app, &c.id).unwrap();
    assert_eq!(
        table.providers[0].name, "Harbor Housing",
        "still at the table"
    );
    let page = directory::provider_page_of(&app, &p.id).unwrap();
    assert_eq!(page.call_ins[0].title, "Spring call-in");
    // And it can be offered again.
    directory::retire_provider_of(&app, &p.id, false).unwrap();
    assert_eq!(directory::providers(&app).unwrap().len(), 1);
}

#[test]
fn the_contact_details_typed_before_move_into_the_hsds_rows() {
    use callin_planner::store::MIGRATIONS;
    let dir = temp_dir();
    let db = rusqlite::Connection::open(dir.path().join("old.db")).unwrap();
    for m in &MIGRATIONS[..4] {
        db.execute_batch(m).unwrap();
    }
    let p = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    let s = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c";
    db.execute(
        "INSERT INTO providers (id, name, phone, address, created_at, updated_at)
         VALUES (?1, 'Old Provider', '555-0150', '12 Fictional Way', 'x', 'x')",
        [p],
    )
    .unwrap();
    db.execute(
        "INSERT INTO services (id, provider_id, name, categories, contact_name, phone, location, created_at, updated_at)
         VALUES (?1, ?2, 'Jobs', '[\"employment\"]', 'Pat Lee', '555-0151', 'Back office', 'x', 'x')",
        [s, p],
    )
    .unwrap();
    db.execute_batch(MIGRATIONS[4]).unwrap();
    let rows = callin_planner::store::directory_details::load(&db, Some(p)).unwrap();
    let services = callin_planner::store::directory::service_rows(&db, p).unwrap();
    let provider = callin_planner::domain::directory::assemble(
        callin_planner::store::directory::provider_row(&db, p).unwrap(),
        services,
        &rows,
    );
    assert_eq!(provider.phone.as_deref(), Some("555-0150"));
    assert_eq!(provider.address.as_deref(), Some("12 Fictional Way"));
    let svc = &provider.services[0];
    assert_eq!(svc.contact_name.as_deref(), Some("Pat Lee"));
    assert_eq!(svc.phone.as_deref(), Some("555-0151"));
    assert_eq!(svc.location.as_deref(), Some("Back office"));
    assert_eq!(svc.status, ServiceStatus::Active);
    let old: (Option<String>, Option<String>) = db
        .query_row("SELECT phone, address FROM providers", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(old, (None, None), "one place for each detail");
}

#[test]
fn hsds_json_reads_as_services_with_their_organization_and_bad_files_are_named() {
    use callin_planner::import::hsds::read_path;
    let dir = temp_dir();
    let services = dir.path().join("services.json");
    std::fs::write(
        &services,
        r#"{"contents": [{"id": "s1", "name": "Food pantry", "status": "active",
            "organization": {"id": "o1", "name": "Eastside Pantry", "description": "Food"},
            "phones": [{"id": "p1", "number": "555-0100", "extension": 12}]}]}"#,
    )
    .unwrap();
    let pkg = read_path(&services).unwrap();
    assert_eq!(
        pkg.organizations[0].name.as_deref(),
        Some("Eastside Pantry")
    );
    assert_eq!(pkg.services[0].organization_id.as_deref(), Some("o1"));
    assert_eq!(pkg.phones[0].service_id.as_deref(), Some("s1"));
    assert_eq!(pkg.phones[0].extension.as_deref(), Some("12"));
    for (name, bytes) in [
        ("broken.json", &b"{ not json"[..]),
        ("nothing.json", &b"{\"hello\": 1}"[..]),
        ("fake.zip", &b"this is text"[..]),
        ("notes.txt", &b"hello"[..]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let err = read_path(&path).unwrap_err().to_string();
        assert!(err.contains(name), "{name}: {err}");
    }
    // A zip of a thousand and one files is not a data package.
    let many = dir.path().join("many.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&many).unwrap());
    for i in 0..1001 {
        z.start_file(
            format!("f{i}.csv"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    }
    z.finish().unwrap();
    let err = read_path(&many).unwrap_err().to_string();
    assert!(err.contains("1001 files"), "{err}");
    // The example, zipped inside a folder, reads as the folder does.
    let zipped = dir.path().join("example.zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
    for entry in std::fs::read_dir(fixture("hsds-3.0")).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            let name = format!("hsds/{}", p.file_name().unwrap().to_string_lossy());
            z.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut z, &std::fs::read(&p).unwrap()).unwrap();
        }
    }
    z.finish().unwrap();
    let a = read_path(&zipped).unwrap();
    let b = read_path(&fixture("hsds-3.0")).unwrap();
    assert_eq!(a.services, b.services);
    assert_eq!(a.name.as_deref(), Some("Human Services Data Specification"));
    assert_eq!(b.version.as_deref(), Some("3.0.0"));
}

#[test]
fn a_single_hsds_organization_with_its_services_keeps_the_organization() {
    let dir = temp_dir();
    let one = dir.path().join("one.json");
    std::fs::write(
        &one,
        r#"{"id": "o1", "name": "Eastside Pantry", "description": "Food",
            "services": [{"id": "s1", "name": "Food pantry", "status": "active"}]}"#,
    )
    .unwrap();
    let pkg = callin_planner::import::hsds::read_path(&one).unwrap();
    assert_eq!(pkg.organizations.len(), 1);
    assert_eq!(
        pkg.organizations[0].name.as_deref(),
        Some("Eastside Pantry")
    );
    assert_eq!(pkg.services[0].organization_id.as_deref(), Some("o1"));
}
