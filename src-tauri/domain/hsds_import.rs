//! Bringing an HSDS package into the directory and writing the directory out as one: the
//! checks a package must pass (references, statuses), how its taxonomy terms or service
//! names map to need categories, what the import would change (organizations and services
//! matched by HSDS id, then by name, compared field by field), and the directory as a
//! package for export.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::directory::{assemble, Provider, Service};
use super::directory_details::{
    address_line, owned_by, phone_line, Contact, DetailRows, Home, Language, Phone, Schedule,
    ServiceStatus, Stored,
};
use super::hsds::{self, Layout, Package, Problem};
use super::labels::Labelled;
use super::people::NeedCategory;
use super::text::fold;
use crate::domain::text_enum;

text_enum!(
    /// The layout a package was read in.
    HsdsLayout {
        Tabular3 = "tabular3",
        Tabular1 = "tabular1",
        Json = "json",
    }
);

impl From<Layout> for HsdsLayout {
    fn from(l: Layout) -> Self {
        match l {
            Layout::Tabular3 => HsdsLayout::Tabular3,
            Layout::Tabular1 => HsdsLayout::Tabular1,
            Layout::Json => HsdsLayout::Json,
        }
    }
}

text_enum!(
    /// What an import does to one organization or service.
    ChangeKind {
        New = "new",
        Changed = "changed",
        Unchanged = "unchanged",
    }
);

text_enum!(
    /// How an organization or service in the package was matched to one in the directory.
    MatchedBy {
        Id = "id",
        Name = "name",
    }
);

text_enum!(
    /// What a remembered category mapping is keyed on.
    MappingKind {
        Term = "term",
        ServiceName = "service_name",
    }
);

text_enum!(
    /// The two forms of an HSDS export.
    HsdsFormat {
        Zip = "zip",
        Json = "json",
    }
);

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct HsdsProblem {
    pub file: String,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
    pub blocking: bool,
}

impl From<&Problem> for HsdsProblem {
    fn from(p: &Problem) -> Self {
        HsdsProblem {
            file: p.file.clone(),
            row: p.row,
            column: p.column.clone(),
            message: p.message.clone(),
            blocking: p.blocking,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct HsdsFieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One organization or service of the package and what the import does to it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryChange {
    pub kind: ChangeKind,
    pub name: String,
    /// For a service: its organization's name.
    pub organization: Option<String>,
    pub matched_by: Option<MatchedBy>,
    pub fields: Vec<HsdsFieldChange>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChangeCounts {
    pub new_organizations: u32,
    pub changed_organizations: u32,
    pub unchanged_organizations: u32,
    pub new_services: u32,
    pub changed_services: u32,
    pub unchanged_services: u32,
}

/// A taxonomy term of the package, or a service name with no term, and the needs it means.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryMapping {
    pub kind: MappingKind,
    pub key: String,
    /// What the coordinator sees: the term's name (and code), or the service's name.
    pub label: String,
    pub categories: Vec<NeedCategory>,
    /// Where the categories came from: remembered for this source, guessed from the words, or
    /// the app's own taxonomy (an export of this app).
    pub origin: MappingOrigin,
    /// How many services of the package it applies to.
    pub services: u32,
}

text_enum!(
    MappingOrigin {
        Remembered = "remembered",
        Guessed = "guessed",
        OwnTaxonomy = "own_taxonomy",
        None = "none",
    }
);

/// A mapping as the coordinator set it in the preview.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CategoryMappingInput {
    pub kind: Option<MappingKind>,
    pub key: String,
    pub categories: Vec<NeedCategory>,
}

/// What an import of the open package would do.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct HsdsPreview {
    pub file_name: String,
    /// The name mappings are remembered under (the package's name, else the file's).
    pub source: String,
    pub layout: HsdsLayout,
    pub version: Option<String>,
    pub counts: ChangeCounts,
    pub organizations: Vec<EntryChange>,
    pub services: Vec<EntryChange>,
    pub problems: Vec<HsdsProblem>,
    /// Whether a problem stops the import (nothing would be written).
    pub blocked: bool,
    pub not_kept: Vec<String>,
    pub mappings: Vec<CategoryMapping>,
    /// Services no mapping gives a need: they are imported as "Other".
    pub unmapped_services: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct HsdsImportResult {
    pub organizations_created: u32,
    pub organizations_updated: u32,
    pub services_created: u32,
    pub services_updated: u32,
    pub backup_warning: Option<String>,
}

// ---- checking a package ---------------------------------------------------------------------

fn problem(file: &str, row: u32, column: &str, message: String, blocking: bool) -> Problem {
    Problem {
        file: file.to_owned(),
        row: Some(row),
        column: Some(column.to_owned()),
        message,
        blocking,
    }
}

fn ids<'a>(rows: impl Iterator<Item = &'a str>) -> HashSet<&'a str> {
    rows.collect()
}

/// Ids used twice in one table stop the import: which row is meant could not be known.
fn duplicates<'a>(out: &mut Vec<Problem>, rows: impl Iterator<Item = (&'a str, &'a hsds::Origin)>) {
    let mut seen: HashMap<&str, u32> = HashMap::new();
    for (id, origin) in rows {
        if let Some(first) = seen.get(id) {
            out.push(problem(
                &origin.file,
                origin.row,
                "id",
                format!("The id {id} is used already, by row {first}."),
                true,
            ));
        } else {
            seen.insert(id, origin.row);
        }
    }
}

/// What is wrong in a package, row by row: an organization or service without a name, a
/// service whose organization is not in the package, a status HSDS does not have, a row
/// that refers to nothing in the package. A row that cannot be placed without the missing
/// row blocks the import; a link that can be left out (a contact's second owner, say) is
/// listed and left out.
pub fn check(pkg: &Package) -> Vec<Problem> {
    let mut out = pkg.problems.clone();
    let orgs = ids(pkg.organizations.iter().map(|o| o.id.as_str()));
    let services = ids(pkg.services.iter().map(|s| s.id.as_str()));
    let locations = ids(pkg.locations.iter().map(|l| l.id.as_str()));
    let sals = ids(pkg.service_at_locations.iter().map(|s| s.id.as_str()));
    let contacts = ids(pkg.contacts.iter().map(|c| c.id.as_str()));
    let phones = ids(pkg.phones.iter().map(|p| p.id.as_str()));
    duplicates(
        &mut out,
        pkg.organizations.iter().map(|r| (r.id.as_str(), &r.origin)),
    );
    duplicates(
        &mut out,
        pkg.services.iter().map(|r| (r.id.as_str(), &r.origin)),
    );
    duplicates(
        &mut out,
        pkg.locations.iter().map(|r| (r.id.as_str(), &r.origin)),
    );
    for o in &pkg.organizations {
        if o.name.is_none() {
            out.push(problem(
                &o.origin.file,
                o.origin.row,
                "name",
                "The organization has no name.".into(),
                true,
            ));
        }
    }
    for s in &pkg.services {
        let at = |c: &str, m: String, b: bool| problem(&s.origin.file, s.origin.row, c, m, b);
        if s.name.is_none() {
            out.push(at("name", "The service has no name.".into(), true));
        }
        match s.organization_id.as_deref() {
            None => out.push(at(
                "organization_id",
                "The service names no organization.".into(),
                true,
            )),
            Some(o) if !orgs.contains(o) => out.push(at(
                "organization_id",
                format!("The service refers to organization {o}, which is not in the package."),
                true,
            )),
            _ => {}
        }
        match s.status.as_deref() {
            None => out.push(at(
                "status",
                "The service has no status; it is imported as active.".into(),
                false,
            )),
            Some(st) if ServiceStatus::from_hsds(st).is_none() => out.push(at(
                "status",
                format!(
                    "“{st}” is not an HSDS status (active, inactive, defunct, temporarily closed)."
                ),
                true,
            )),
            _ => {}
        }
    }
    let dangling = |out: &mut Vec<Problem>,
                    o: &hsds::Origin,
                    col: &str,
                    id: &Option<String>,
                    set: &HashSet<&str>,
                    what: &str,
                    blocking: bool|
     -> bool {
        match id.as_deref() {
            Some(v) if !set.contains(v) => {
                let tail = if blocking {
                    ""
                } else {
                    " The link is left out."
                };
                out.push(problem(
                    &o.file,
                    o.row,
                    col,
                    format!("Refers to {what} {v}, which is not in the package.{tail}"),
                    blocking,
                ));
                true
            }
            _ => false,
        }
    };
    for l in &pkg.locations {
        dangling(
            &mut out,
            &l.origin,
            "organization_id",
            &l.organization_id,
            &orgs,
            "organization",
            false,
        );
    }
    for a in &pkg.addresses {
        if a.location_id.is_none() {
            out.push(problem(
                &a.origin.file,
                a.origin.row,
                "location_id",
                "The address names no location.".into(),
                true,
            ));
        }
        dangling(
            &mut out,
            &a.origin,
            "location_id",
            &a.location_id,
            &locations,
            "location",
            true,
        );
    }
    for s in &pkg.service_at_locations {
        dangling(
            &mut out,
            &s.origin,
            "service_id",
            &s.service_id,
            &services,
            "service",
            true,
        );
        dangling(
            &mut out,
            &s.origin,
            "location_id",
            &s.location_id,
            &locations,
            "location",
            true,
        );
    }
    // A row with several owners: each missing one is left out; none left blocks.
    let owners = |out: &mut Vec<Problem>,
                  o: &hsds::Origin,
                  links: &[(&str, &Option<String>, &HashSet<&str>, &str)]| {
        let mut kept = 0;
        let mut missing = Vec::new();
        for (col, id, set, what) in links {
            if let Some(v) = id.as_deref() {
                if set.contains(v) {
                    kept += 1;
                } else {
                    missing.push((*col, v.to_owned(), *what));
                }
            }
        }
        for (col, v, what) in &missing {
            let message = if kept == 0 {
                format!(
                    "Refers to {what} {v}, which is not in the package, and to nothing else there."
                )
            } else {
                format!("Refers to {what} {v}, which is not in the package. The link is left out.")
            };
            out.push(problem(&o.file, o.row, col, message, kept == 0));
        }
        if kept == 0 && missing.is_empty() {
            out.push(problem(
                &o.file,
                o.row,
                "id",
                "The row belongs to no organization, service or location.".into(),
                true,
            ));
        }
    };
    for p in &pkg.phones {
        owners(
            &mut out,
            &p.origin,
            &[
                ("organization_id", &p.organization_id, &orgs, "organization"),
                ("service_id", &p.service_id, &services, "service"),
                ("location_id", &p.location_id, &locations, "location"),
                ("contact_id", &p.contact_id, &contacts, "contact"),
                (
                    "service_at_location_id",
                    &p.service_at_location_id,
                    &sals,
                    "service at location",
                ),
            ],
        );
    }
    for c in &pkg.contacts {
        owners(
            &mut out,
            &c.origin,
            &[
                ("organization_id", &c.organization_id, &orgs, "organization"),
                ("service_id", &c.service_id, &services, "service"),
                ("location_id", &c.location_id, &locations, "location"),
                (
                    "service_at_location_id",
                    &c.service_at_location_id,
                    &sals,
                    "service at location",
                ),
            ],
        );
    }
    for s in &pkg.schedules {
        owners(
            &mut out,
            &s.origin,
            &[
                ("service_id", &s.service_id, &services, "service"),
                ("location_id", &s.location_id, &locations, "location"),
                (
                    "service_at_location_id",
                    &s.service_at_location_id,
                    &sals,
                    "service at location",
                ),
            ],
        );
    }
    for l in &pkg.languages {
        owners(
            &mut out,
            &l.origin,
            &[
                ("service_id", &l.service_id, &services, "service"),
                ("location_id", &l.location_id, &locations, "location"),
                ("phone_id", &l.phone_id, &phones, "phone"),
            ],
        );
    }
    let terms = ids(pkg.taxonomy_terms.iter().map(|t| t.id.as_str()));
    for a in &pkg.attributes {
        let to_service = a
            .link_entity
            .as_deref()
            .is_none_or(|e| e.eq_ignore_ascii_case("service"));
        if !to_service {
            continue;
        }
        dangling(
            &mut out, &a.origin, "link_id", &a.link_id, &services, "service", false,
        );
        dangling(
            &mut out,
            &a.origin,
            "taxonomy_term_id",
            &a.taxonomy_term_id,
            &terms,
            "taxonomy term",
            false,
        );
    }
    out
}

// ---- the package, organization by organization ------------------------------------------------

/// One organization of the package with its services and every row that is its, in the
/// directory's shape (`Stored` rows whose ids and links are still the package's).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IncomingOrg {
    pub org: hsds::Organization,
    pub services: Vec<hsds::Service>,
    pub rows: DetailRows,
}

fn keep_link(link: &mut Option<String>, valid: &HashMap<&str, &str>, org: &str) {
    if link
        .as_deref()
        .is_some_and(|l| valid.get(l).is_none_or(|o| *o != org))
    {
        *link = None;
    }
}

fn stored_row<T>(org: &str, id: &str, row: T) -> Stored<T> {
    Stored {
        provider_id: org.to_owned(),
        hsds_id: Some(id.to_owned()),
        row,
    }
}

/// The package grouped by organization (the check has passed: every service has its
/// organization). Each row goes to the organization of its most specific owner; a link to a
/// row missing from the package, or of another organization, is left out; a row nothing
/// holds is left out.
pub fn group(pkg: &Package) -> Vec<IncomingOrg> {
    let org_ids: HashSet<&str> = pkg.organizations.iter().map(|o| o.id.as_str()).collect();
    let service_org: HashMap<&str, &str> = pkg
        .services
        .iter()
        .filter_map(|s| {
            let o = s.organization_id.as_deref()?;
            org_ids.contains(o).then_some((s.id.as_str(), o))
        })
        .collect();
    let mut location_org: HashMap<&str, &str> = HashMap::new();
    for l in &pkg.locations {
        if let Some(o) = l.organization_id.as_deref().filter(|o| org_ids.contains(o)) {
            location_org.insert(l.id.as_str(), o);
        }
    }
    for sal in &pkg.service_at_locations {
        if let (Some(s), Some(l)) = (sal.service_id.as_deref(), sal.location_id.as_deref()) {
            if let Some(o) = service_org.get(s) {
                if pkg.locations.iter().any(|x| x.id == l) {
                    location_org.entry(l).or_insert(o);
                }
            }
        }
    }
    let sal_org: HashMap<&str, &str> = pkg
        .service_at_locations
        .iter()
        .filter_map(|sal| {
            let o = service_org.get(sal.service_id.as_deref()?)?;
            let lo = location_org.get(sal.location_id.as_deref()?)?;
            (o == lo).then_some((sal.id.as_str(), *o))
        })
        .collect();
    let orgs_set: HashMap<&str, &str> = org_ids.iter().map(|o| (*o, *o)).collect();
    let contact_org: HashMap<&str, &str> = pkg
        .contacts
        .iter()
        .filter_map(|c| {
            let o = c
                .service_id
                .as_deref()
                .and_then(|s| service_org.get(s))
                .or_else(|| {
                    c.service_at_location_id
                        .as_deref()
                        .and_then(|s| sal_org.get(s))
                })
                .or_else(|| c.location_id.as_deref().and_then(|l| location_org.get(l)))
                .or_else(|| c.organization_id.as_deref().and_then(|o| orgs_set.get(o)))?;
            Some((c.id.as_str(), *o))
        })
        .collect();
    let phone_org: HashMap<&str, &str> = pkg
        .phones
        .iter()
        .filter_map(|p| {
            let o = p
                .contact_id
                .as_deref()
                .and_then(|c| contact_org.get(c))
                .or_else(|| p.service_id.as_deref().and_then(|s| service_org.get(s)))
                .or_else(|| {
                    p.service_at_location_id
                        .as_deref()
                        .and_then(|s| sal_org.get(s))
                })
                .or_else(|| p.location_id.as_deref().and_then(|l| location_org.get(l)))
                .or_else(|| p.organization_id.as_deref().and_then(|o| orgs_set.get(o)))?;
            Some((p.id.as_str(), *o))
        })
        .collect();

    pkg.organizations
        .iter()
        .map(|o| {
            let org = o.id.as_str();
            let mut rows = DetailRows::default();
            for l in pkg
                .locations
                .iter()
                .filter(|l| location_org.get(l.id.as_str()) == Some(&org))
            {
                let mut r = l.clone();
                r.organization_id = Some(org.to_owned());
                rows.locations.push(stored_row(org, &l.id, r));
            }
            for a in &pkg.addresses {
                if a.location_id.as_deref().and_then(|l| location_org.get(l)) == Some(&org) {
                    rows.addresses.push(stored_row(org, &a.id, a.clone()));
                }
            }
            for s in pkg
                .service_at_locations
                .iter()
                .filter(|s| sal_org.get(s.id.as_str()) == Some(&org))
            {
                rows.service_at_locations
                    .push(stored_row(org, &s.id, s.clone()));
            }
            for c in pkg
                .contacts
                .iter()
                .filter(|c| contact_org.get(c.id.as_str()) == Some(&org))
            {
                let mut r = c.clone();
                keep_link(&mut r.organization_id, &orgs_set, org);
                keep_link(&mut r.service_id, &service_org, org);
                keep_link(&mut r.location_id, &location_org, org);
                keep_link(&mut r.service_at_location_id, &sal_org, org);
                rows.contacts.push(stored_row(org, &c.id, r));
            }
            for p in pkg
                .phones
                .iter()
                .filter(|p| phone_org.get(p.id.as_str()) == Some(&org))
            {
                let mut r = p.clone();
                keep_link(&mut r.organization_id, &orgs_set, org);
                keep_link(&mut r.service_id, &service_org, org);
                keep_link(&mut r.location_id, &location_org, org);
                keep_link(&mut r.contact_id, &contact_org, org);
                keep_link(&mut r.service_at_location_id, &sal_org, org);
                rows.phones.push(stored_row(org, &p.id, r));
            }
            for s in &pkg.schedules {
                let owner = s
                    .service_id
                    .as_deref()
                    .and_then(|x| service_org.get(x))
                    .or_else(|| {
                        s.service_at_location_id
                            .as_deref()
                            .and_then(|x| sal_org.get(x))
                    })
                    .or_else(|| s.location_id.as_deref().and_then(|x| location_org.get(x)));
                if owner == Some(&org) {
                    let mut r = s.clone();
                    keep_link(&mut r.service_id, &service_org, org);
                    keep_link(&mut r.location_id, &location_org, org);
                    keep_link(&mut r.service_at_location_id, &sal_org, org);
                    rows.schedules.push(stored_row(org, &s.id, r));
                }
            }
            for l in &pkg.languages {
                let owner = l
                    .service_id
                    .as_deref()
                    .and_then(|x| service_org.get(x))
                    .or_else(|| l.location_id.as_deref().and_then(|x| location_org.get(x)))
                    .or_else(|| l.phone_id.as_deref().and_then(|x| phone_org.get(x)));
                if owner == Some(&org) {
                    let mut r = l.clone();
                    keep_link(&mut r.service_id, &service_org, org);
                    keep_link(&mut r.location_id, &location_org, org);
                    keep_link(&mut r.phone_id, &phone_org, org);
                    rows.languages.push(stored_row(org, &l.id, r));
                }
            }
            IncomingOrg {
                org: o.clone(),
                services: pkg
                    .services
                    .iter()
                    .filter(|s| s.organization_id.as_deref() == Some(org))
                    .cloned()
                    .collect(),
                rows,
            }
        })
        .collect()
}

// ---- need categories ------------------------------------------------------------------------------

/// The taxonomy this app exports its need categories in (fixed ids, so a package it wrote
/// reads back with the same categories).
pub const OWN_TAXONOMY_ID: &str = "c0c0a000-0000-4000-8000-000000000000";
pub const OWN_TAXONOMY_NAME: &str = "Call-In Planner need categories";

/// The fixed id of a need category's term in [`OWN_TAXONOMY_ID`].
pub fn own_term_id(c: NeedCategory) -> String {
    let n = NeedCategory::ALL.iter().position(|x| *x == c).unwrap_or(0) + 1;
    format!("c0c0a000-0000-4000-8000-{n:012}")
}

fn own_term(t: &hsds::TaxonomyTerm) -> Option<NeedCategory> {
    (t.taxonomy_id.as_deref() == Some(OWN_TAXONOMY_ID))
        .then(|| t.code.as_deref().and_then(NeedCategory::parse))
        .flatten()
}

const KEYWORDS: &[(NeedCategory, &[&str])] = &[
    (
        NeedCategory::Employment,
        &[
            "job",
            "jobs",
            "employ",
            "employment",
            "work",
            "workforce",
            "career",
            "vocational",
        ],
    ),
    (
        NeedCategory::Housing,
        &[
            "housing",
            "shelter",
            "rent",
            "rehousing",
            "homeless",
            "homelessness",
        ],
    ),
    (
        NeedCategory::EducationGed,
        &[
            "ged",
            "education",
            "school",
            "literacy",
            "tutoring",
            "hiset",
        ],
    ),
    (
        NeedCategory::SubstanceUse,
        &[
            "substance",
            "addiction",
            "recovery",
            "detox",
            "alcohol",
            "drug",
            "opioid",
            "sud",
        ],
    ),
    (
        NeedCategory::MentalHealth,
        &[
            "mental",
            "counselling",
            "counseling",
            "therapy",
            "psychiatric",
            "behavioral",
        ],
    ),
    (
        NeedCategory::IdDocuments,
        &[
            "id",
            "identification",
            "birth",
            "license",
            "licence",
            "documents",
        ],
    ),
    (
        NeedCategory::Medical,
        &[
            "medical",
            "clinic",
            "dental",
            "doctor",
            "hospital",
            "healthcare",
            "primary",
        ],
    ),
    (
        NeedCategory::Legal,
        &["legal", "law", "attorney", "lawyer", "expungement", "court"],
    ),
    (
        NeedCategory::Childcare,
        &["childcare", "daycare", "child", "children"],
    ),
    (
        NeedCategory::Transportation,
        &["transportation", "transport", "bus", "transit", "ride"],
    ),
    (
        NeedCategory::ClothingFood,
        &["food", "meal", "meals", "pantry", "clothing", "clothes"],
    ),
    (
        NeedCategory::AngerManagementCbt,
        &["anger", "cbt", "cognitive"],
    ),
    (
        NeedCategory::Mentoring,
        &["mentor", "mentoring", "mentorship"],
    ),
];

/// The needs the words of a term or a service name suggest (whole words, any case).
pub fn guess_categories(text: &str) -> Vec<NeedCategory> {
    let folded = fold(text);
    let words: HashSet<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    KEYWORDS
        .iter()
        .filter(|(_, keys)| keys.iter().any(|k| words.contains(k)))
        .map(|(c, _)| *c)
        .collect()
}

/// A mapping remembered for the source: its kind, key and categories.
pub type Remembered = Vec<(MappingKind, String, Vec<NeedCategory>)>;

/// The terms each service of the package has (through `attributes`), by service id.
fn service_terms(pkg: &Package) -> HashMap<&str, Vec<&hsds::TaxonomyTerm>> {
    let mut out: HashMap<&str, Vec<&hsds::TaxonomyTerm>> = HashMap::new();
    for a in &pkg.attributes {
        let to_service = a
            .link_entity
            .as_deref()
            .is_none_or(|e| e.eq_ignore_ascii_case("service"));
        let (Some(link), Some(term)) = (a.link_id.as_deref(), a.taxonomy_term_id.as_deref()) else {
            continue;
        };
        if !to_service {
            continue;
        }
        if let Some(t) = pkg.taxonomy_terms.iter().find(|t| t.id == term) {
            let list = out.entry(link).or_default();
            if !list.iter().any(|x| x.id == t.id) {
                list.push(t);
            }
        }
    }
    out
}

fn name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The mappings a package needs: one per taxonomy term its services have, and one per
/// service name for services with no term; each with the categories remembered for the
/// source, else those of this app's own taxonomy, else those its words suggest; the edits
/// the coordinator made (`edits`) win over all.
pub fn mappings(
    pkg: &Package,
    remembered: &Remembered,
    edits: &[CategoryMappingInput],
) -> Vec<CategoryMapping> {
    let terms = service_terms(pkg);
    let mut out: Vec<CategoryMapping> = Vec::new();
    let mut push = |kind: MappingKind, key: String, label: String, own: Option<NeedCategory>| {
        if let Some(m) = out.iter_mut().find(|m| m.kind == kind && m.key == key) {
            m.services += 1;
            return;
        }
        let edited = edits.iter().find(|e| e.kind == Some(kind) && e.key == key);
        let memory = remembered
            .iter()
            .find(|(k, key2, _)| *k == kind && *key2 == key);
        let (categories, origin) = if let Some(e) = edited {
            (
                e.categories.clone(),
                if e.categories.is_empty() {
                    MappingOrigin::None
                } else {
                    MappingOrigin::Remembered
                },
            )
        } else if let Some((_, _, c)) = memory {
            (c.clone(), MappingOrigin::Remembered)
        } else if let Some(c) = own {
            (vec![c], MappingOrigin::OwnTaxonomy)
        } else {
            let g = guess_categories(&label);
            let origin = if g.is_empty() {
                MappingOrigin::None
            } else {
                MappingOrigin::Guessed
            };
            (g, origin)
        };
        let categories = NeedCategory::ALL
            .iter()
            .copied()
            .filter(|c| categories.contains(c))
            .collect();
        out.push(CategoryMapping {
            kind,
            key,
            label,
            categories,
            origin,
            services: 1,
        });
    };
    for s in &pkg.services {
        match terms.get(s.id.as_str()) {
            Some(ts) => {
                for t in ts {
                    let name = t.name.clone().unwrap_or_else(|| t.id.clone());
                    let label = match &t.code {
                        Some(code) if own_term(t).is_none() => format!("{name} ({code})"),
                        _ => name,
                    };
                    push(MappingKind::Term, t.id.clone(), label, own_term(t));
                }
            }
            None => {
                let name = s.name.clone().unwrap_or_default();
                push(MappingKind::ServiceName, name_key(&name), name, None);
            }
        }
    }
    out.sort_by(|a, b| (a.kind.as_str(), fold(&a.label)).cmp(&(b.kind.as_str(), fold(&b.label))));
    out
}

/// Each service's needs from the mappings (none mapped: Other), by service id, and how many
/// services had none.
pub fn service_categories(
    pkg: &Package,
    maps: &[CategoryMapping],
) -> (HashMap<String, Vec<NeedCategory>>, u32) {
    let terms = service_terms(pkg);
    let mut unmapped = 0;
    let out = pkg
        .services
        .iter()
        .map(|s| {
            let mut cats: Vec<NeedCategory> = Vec::new();
            let keys: Vec<(MappingKind, String)> = match terms.get(s.id.as_str()) {
                Some(ts) => ts
                    .iter()
                    .map(|t| (MappingKind::Term, t.id.clone()))
                    .collect(),
                None => vec![(
                    MappingKind::ServiceName,
                    name_key(s.name.as_deref().unwrap_or("")),
                )],
            };
            for (kind, key) in keys {
                if let Some(m) = maps.iter().find(|m| m.kind == kind && m.key == key) {
                    for c in &m.categories {
                        if !cats.contains(c) {
                            cats.push(*c);
                        }
                    }
                }
            }
            if cats.is_empty() {
                unmapped += 1;
                cats.push(NeedCategory::Other);
            }
            let cats = NeedCategory::ALL
                .iter()
                .copied()
                .filter(|c| cats.contains(c))
                .collect();
            (s.id.clone(), cats)
        })
        .collect();
    (out, unmapped)
}

// ---- what an import would change --------------------------------------------------------------

/// An organization of the package as the directory would hold it (ids still the package's),
/// with its services' needs from the mappings.
pub fn incoming_provider(inc: &IncomingOrg, cats: &HashMap<String, Vec<NeedCategory>>) -> Provider {
    let o = &inc.org;
    let provider = Provider {
        id: o.id.clone(),
        name: o.name.clone().unwrap_or_default(),
        alternate_name: o.alternate_name.clone(),
        description: o.description.clone(),
        email: o.email.clone(),
        website: o.website.clone(),
        hsds_id: Some(o.id.clone()),
        ..Default::default()
    };
    let services = inc
        .services
        .iter()
        .map(|s| Service {
            id: s.id.clone(),
            provider_id: o.id.clone(),
            name: s.name.clone().unwrap_or_default(),
            alternate_name: s.alternate_name.clone(),
            description: s.description.clone(),
            status: s
                .status
                .as_deref()
                .and_then(ServiceStatus::from_hsds)
                .unwrap_or_default(),
            categories: cats
                .get(&s.id)
                .cloned()
                .unwrap_or_else(|| vec![NeedCategory::Other]),
            eligibility: s.eligibility_description.clone(),
            application_process: s.application_process.clone(),
            fees_description: s.fees_description.clone(),
            interpretation_services: s.interpretation_services.clone(),
            url: s.url.clone(),
            email: s.email.clone(),
            hsds_id: Some(s.id.clone()),
            ..Default::default()
        })
        .collect();
    assemble(provider, services, &inc.rows)
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn joined(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn with(label: &str, v: &Option<String>) -> String {
    v.as_ref()
        .map(|v| format!("{label} {v}"))
        .unwrap_or_default()
}

fn phones_text(phones: &[Phone]) -> String {
    joined(phones.iter().map(|p| {
        let mut s = phone_line(p);
        if let Some(k) = &p.kind {
            s.push_str(&format!(" ({k})"));
        }
        if let Some(d) = &p.description {
            s.push_str(&format!(": {d}"));
        }
        s
    }))
}

fn contacts_text(contacts: &[Contact]) -> String {
    joined(contacts.iter().map(|c| {
        let mut parts = vec![
            opt(&c.name),
            opt(&c.title),
            opt(&c.department),
            opt(&c.email),
        ];
        parts.retain(|p| !p.is_empty());
        let mut s = parts.join(", ");
        let ph = phones_text(&c.phones);
        if !ph.is_empty() {
            s.push_str(&format!(" [{ph}]"));
        }
        s
    }))
}

fn schedules_text(schedules: &[Schedule]) -> String {
    joined(schedules.iter().map(|s| {
        let extra = [
            with("freq", &s.freq),
            with("interval", &s.interval),
            with("monthdays", &s.bymonthday),
            with("from", &s.valid_from),
            with("to", &s.valid_to),
            with("start", &s.dtstart),
            with("until", &s.until),
            with("week starts", &s.wkst),
            opt(&s.description),
            opt(&s.attending_type),
            opt(&s.notes),
        ];
        let extra = extra
            .into_iter()
            .filter(|e| !e.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        if extra.is_empty() {
            s.summary.clone()
        } else {
            format!("{} ({extra})", s.summary)
        }
    }))
}

fn languages_text(languages: &[Language]) -> String {
    joined(languages.iter().map(|l| {
        let mut s = [opt(&l.name), opt(&l.code)]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        if let Some(n) = &l.note {
            s.push_str(&format!(": {n}"));
        }
        s
    }))
}

/// An organization's fields as the preview compares them.
pub fn organization_fields(p: &Provider, rows: &DetailRows) -> Vec<(&'static str, String)> {
    let locations = joined(p.locations.iter().map(|l| {
        let own = owned_by(rows, &Home::Location(l.id.clone()));
        let addresses = joined(l.addresses.iter().map(|a| {
            let extra = [opt(&a.attention), opt(&a.region), opt(&a.country)]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            format!(
                "{} {}{}",
                a.address_type.as_str(),
                address_line(a),
                if extra.is_empty() {
                    String::new()
                } else {
                    format!(" ({extra})")
                }
            )
        }));
        [
            format!("{} {}", l.location_type.as_str(), opt(&l.name)),
            opt(&l.alternate_name),
            opt(&l.description),
            opt(&l.transportation),
            with("lat", &l.latitude),
            with("long", &l.longitude),
            opt(&l.url),
            addresses,
            phones_text(&own.phones),
            contacts_text(&own.contacts),
            schedules_text(&own.schedules),
            languages_text(&own.languages),
        ]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" | ")
    }));
    vec![
        ("Name", p.name.clone()),
        ("Alternate name", opt(&p.alternate_name)),
        ("Description", opt(&p.description)),
        ("Email", opt(&p.email)),
        ("Website", opt(&p.website)),
        ("Phones", phones_text(&p.phones)),
        ("Contacts", contacts_text(&p.contacts)),
        ("Locations", locations),
    ]
}

/// A service's fields as the preview compares them (`p` is its provider, for its locations).
pub fn service_fields(s: &Service, p: &Provider) -> Vec<(&'static str, String)> {
    let locations = joined(s.location_ids.iter().map(|id| {
        p.locations
            .iter()
            .find(|l| &l.id == id)
            .map(|l| l.one_line.clone())
            .unwrap_or_default()
    }));
    vec![
        ("Name", s.name.clone()),
        ("Alternate name", opt(&s.alternate_name)),
        ("Description", opt(&s.description)),
        ("Status", s.status.label_en().to_owned()),
        (
            "Needs",
            s.categories
                .iter()
                .map(|c| c.label_en())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("Eligibility", opt(&s.eligibility)),
        ("Application process", opt(&s.application_process)),
        ("Fees", opt(&s.fees_description)),
        ("Interpretation", opt(&s.interpretation_services)),
        ("Website", opt(&s.url)),
        ("Email", opt(&s.email)),
        ("Phones", phones_text(&s.phones)),
        ("Contacts", contacts_text(&s.contacts)),
        ("Schedules", schedules_text(&s.schedules)),
        ("Languages", languages_text(&s.languages)),
        ("Locations", locations),
    ]
}

fn changes(
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> Vec<HsdsFieldChange> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| HsdsFieldChange {
            field: b.0.to_owned(),
            before: b.1.clone(),
            after: a.1.clone(),
        })
        .collect()
}

/// A provider of the directory as it is now, with its detail rows.
pub struct Existing {
    pub provider: Provider,
    pub rows: DetailRows,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServicePlan {
    /// The service's index in its [`IncomingOrg`].
    pub index: usize,
    /// The directory's service it updates; `None` for a new one.
    pub target: Option<String>,
    pub kind: ChangeKind,
    pub matched_by: Option<MatchedBy>,
    pub fields: Vec<HsdsFieldChange>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgPlan {
    /// The organization's index in the grouped package.
    pub index: usize,
    pub target: Option<String>,
    pub kind: ChangeKind,
    pub matched_by: Option<MatchedBy>,
    pub fields: Vec<HsdsFieldChange>,
    pub services: Vec<ServicePlan>,
}

fn matched<'a, T>(
    items: &'a [T],
    id: &str,
    name: &str,
    ids: impl Fn(&T) -> (&str, Option<&str>, &str),
    taken: &HashSet<String>,
) -> Option<(&'a T, MatchedBy)> {
    if let Some(x) = items.iter().find(|x| {
        let (own, hsds, _) = ids(x);
        !taken.contains(own) && (hsds == Some(id) || own == id)
    }) {
        return Some((x, MatchedBy::Id));
    }
    let key = name_key(name);
    items
        .iter()
        .find(|x| {
            let (own, _, n) = ids(x);
            !taken.contains(own) && !key.is_empty() && name_key(n) == key
        })
        .map(|x| (x, MatchedBy::Name))
}

/// What the import would do to each organization and service: matched by HSDS id (or this
/// app's own id, for a package it wrote), then by name; compared field by field.
pub fn plan(
    incoming: &[IncomingOrg],
    cats: &HashMap<String, Vec<NeedCategory>>,
    existing: &[Existing],
) -> Vec<OrgPlan> {
    let mut taken: HashSet<String> = HashSet::new();
    incoming
        .iter()
        .enumerate()
        .map(|(index, inc)| {
            let after = incoming_provider(inc, cats);
            let found = matched(
                existing,
                &inc.org.id,
                &after.name,
                |e| {
                    (
                        e.provider.id.as_str(),
                        e.provider.hsds_id.as_deref(),
                        e.provider.name.as_str(),
                    )
                },
                &taken,
            );
            let Some((e, by)) = found else {
                return OrgPlan {
                    index,
                    target: None,
                    kind: ChangeKind::New,
                    matched_by: None,
                    fields: Vec::new(),
                    services: (0..inc.services.len())
                        .map(|i| ServicePlan {
                            index: i,
                            target: None,
                            kind: ChangeKind::New,
                            matched_by: None,
                            fields: Vec::new(),
                        })
                        .collect(),
                };
            };
            taken.insert(e.provider.id.clone());
            let fields = changes(
                &organization_fields(&e.provider, &e.rows),
                &organization_fields(&after, &inc.rows),
            );
            let mut taken_services: HashSet<String> = HashSet::new();
            let services: Vec<ServicePlan> = after
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    match matched(
                        &e.provider.services,
                        &s.id,
                        &s.name,
                        |x| (x.id.as_str(), x.hsds_id.as_deref(), x.name.as_str()),
                        &taken_services,
                    ) {
                        Some((old, sby)) => {
                            taken_services.insert(old.id.clone());
                            let f = changes(
                                &service_fields(old, &e.provider),
                                &service_fields(s, &after),
                            );
                            ServicePlan {
                                index: i,
                                target: Some(old.id.clone()),
                                kind: if f.is_empty() {
                                    ChangeKind::Unchanged
                                } else {
                                    ChangeKind::Changed
                                },
                                matched_by: Some(sby),
                                fields: f,
                            }
                        }
                        None => ServicePlan {
                            index: i,
                            target: None,
                            kind: ChangeKind::New,
                            matched_by: None,
                            fields: Vec::new(),
                        },
                    }
                })
                .collect();
            let kind =
                if fields.is_empty() && services.iter().all(|s| s.kind == ChangeKind::Unchanged) {
                    ChangeKind::Unchanged
                } else {
                    ChangeKind::Changed
                };
            OrgPlan {
                index,
                target: Some(e.provider.id.clone()),
                kind,
                matched_by: Some(by),
                fields,
                services,
            }
        })
        .collect()
}

/// The preview's lists and counts from the plan.
pub fn preview_entries(
    incoming: &[IncomingOrg],
    plans: &[OrgPlan],
) -> (ChangeCounts, Vec<EntryChange>, Vec<EntryChange>) {
    let mut counts = ChangeCounts::default();
    let mut orgs = Vec::new();
    let mut services = Vec::new();
    for p in plans {
        let inc = &incoming[p.index];
        let name = inc.org.name.clone().unwrap_or_default();
        match p.kind {
            ChangeKind::New => counts.new_organizations += 1,
            ChangeKind::Changed => counts.changed_organizations += 1,
            ChangeKind::Unchanged => counts.unchanged_organizations += 1,
        }
        orgs.push(EntryChange {
            kind: p.kind,
            name: name.clone(),
            organization: None,
            matched_by: p.matched_by,
            fields: p.fields.clone(),
        });
        for s in &p.services {
            match s.kind {
                ChangeKind::New => counts.new_services += 1,
                ChangeKind::Changed => counts.changed_services += 1,
                ChangeKind::Unchanged => counts.unchanged_services += 1,
            }
            services.push(EntryChange {
                kind: s.kind,
                name: inc.services[s.index].name.clone().unwrap_or_default(),
                organization: Some(name.clone()),
                matched_by: s.matched_by,
                fields: s.fields.clone(),
            });
        }
    }
    (counts, orgs, services)
}

// ---- writing an import ---------------------------------------------------------------------------

/// A provider's own fields as an import writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedProvider {
    pub id: String,
    pub create: bool,
    pub hsds_id: String,
    pub name: String,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// A service's own fields as an import writes them.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedService {
    pub id: String,
    pub create: bool,
    pub hsds_id: String,
    pub service: Service,
}

/// Everything an import writes for one provider: its fields, the services new or changed,
/// and the provider's detail rows (replacing those it had).
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderWrite {
    pub provider: ImportedProvider,
    pub services: Vec<ImportedService>,
    pub rows: DetailRows,
}

fn map_link(link: &mut Option<String>, map: &HashMap<String, String>) {
    *link = link.as_ref().and_then(|l| map.get(l).cloned());
}

fn remap<T: Clone>(
    rows: &[Stored<T>],
    provider_id: &str,
    id_of: impl Fn(&T) -> &str,
    new_id: &mut impl FnMut() -> String,
) -> (Vec<Stored<T>>, HashMap<String, String>) {
    let mut map = HashMap::new();
    let out = rows
        .iter()
        .map(|r| {
            let own = new_id();
            map.insert(id_of(&r.row).to_owned(), own.clone());
            Stored {
                provider_id: provider_id.to_owned(),
                hsds_id: r.hsds_id.clone(),
                row: r.row.clone(),
            }
        })
        .collect();
    (out, map)
}

/// The rows of an incoming organization with the directory's own ids: fresh ids for every
/// row (the package's kept as `hsds_id`), links through the same ids, services to the ones
/// they update.
fn own_rows(
    inc: &IncomingOrg,
    provider_id: &str,
    services: &HashMap<String, String>,
    new_id: &mut impl FnMut() -> String,
) -> DetailRows {
    let r = &inc.rows;
    let (mut locations, lm) = remap(&r.locations, provider_id, |x| &x.id, new_id);
    let (mut addresses, am) = remap(&r.addresses, provider_id, |x| &x.id, new_id);
    let (mut sals, sm) = remap(&r.service_at_locations, provider_id, |x| &x.id, new_id);
    let (mut contacts, cm) = remap(&r.contacts, provider_id, |x| &x.id, new_id);
    let (mut phones, pm) = remap(&r.phones, provider_id, |x| &x.id, new_id);
    let (mut schedules, schm) = remap(&r.schedules, provider_id, |x| &x.id, new_id);
    let (mut languages, lam) = remap(&r.languages, provider_id, |x| &x.id, new_id);
    let org = Some(provider_id.to_owned());
    for x in &mut locations {
        x.row.id = lm[&x.row.id].clone();
        x.row.organization_id = org.clone();
    }
    for x in &mut addresses {
        x.row.id = am[&x.row.id].clone();
        map_link(&mut x.row.location_id, &lm);
    }
    for x in &mut sals {
        x.row.id = sm[&x.row.id].clone();
        map_link(&mut x.row.service_id, services);
        map_link(&mut x.row.location_id, &lm);
    }
    for x in &mut contacts {
        x.row.id = cm[&x.row.id].clone();
        x.row.organization_id = x.row.organization_id.as_ref().and(org.clone());
        map_link(&mut x.row.service_id, services);
        map_link(&mut x.row.location_id, &lm);
        map_link(&mut x.row.service_at_location_id, &sm);
    }
    for x in &mut phones {
        x.row.id = pm[&x.row.id].clone();
        x.row.organization_id = x.row.organization_id.as_ref().and(org.clone());
        map_link(&mut x.row.service_id, services);
        map_link(&mut x.row.location_id, &lm);
        map_link(&mut x.row.contact_id, &cm);
        map_link(&mut x.row.service_at_location_id, &sm);
    }
    for x in &mut schedules {
        x.row.id = schm[&x.row.id].clone();
        map_link(&mut x.row.service_id, services);
        map_link(&mut x.row.location_id, &lm);
        map_link(&mut x.row.service_at_location_id, &sm);
    }
    for x in &mut languages {
        x.row.id = lam[&x.row.id].clone();
        map_link(&mut x.row.service_id, services);
        map_link(&mut x.row.location_id, &lm);
        map_link(&mut x.row.phone_id, &pm);
    }
    DetailRows {
        locations,
        addresses,
        service_at_locations: sals,
        phones,
        contacts,
        schedules,
        languages,
    }
}

/// What an import writes: for each organization new or changed, its provider, its services
/// new or changed, and its detail rows — the package's, plus the rows of its services the
/// package does not name (they keep their phones, contacts, schedules and languages; their
/// links to the replaced locations go).
pub fn writes(
    incoming: &[IncomingOrg],
    plans: &[OrgPlan],
    cats: &HashMap<String, Vec<NeedCategory>>,
    existing: &[Existing],
    new_id: &mut impl FnMut() -> String,
) -> Vec<ProviderWrite> {
    plans
        .iter()
        .filter(|p| p.kind != ChangeKind::Unchanged)
        .map(|p| {
            let inc = &incoming[p.index];
            let after = incoming_provider(inc, cats);
            let provider_id = p.target.clone().unwrap_or_else(&mut *new_id);
            let mut service_ids: HashMap<String, String> = HashMap::new();
            let mut services = Vec::new();
            for sp in &p.services {
                let s = &after.services[sp.index];
                let id = sp.target.clone().unwrap_or_else(&mut *new_id);
                service_ids.insert(s.id.clone(), id.clone());
                if sp.kind != ChangeKind::Unchanged {
                    services.push(ImportedService {
                        id,
                        create: sp.target.is_none(),
                        hsds_id: s.id.clone(),
                        service: s.clone(),
                    });
                }
            }
            let mut rows = own_rows(inc, &provider_id, &service_ids, new_id);
            if let Some(e) = existing
                .iter()
                .find(|e| Some(&e.provider.id) == p.target.as_ref())
            {
                let named: HashSet<&String> = service_ids.values().collect();
                let others = |s: &Option<String>| s.as_ref().is_some_and(|s| !named.contains(s));
                for x in e.rows.phones.iter().filter(|x| others(&x.row.service_id)) {
                    let mut x = x.clone();
                    x.row.location_id = None;
                    x.row.contact_id = None;
                    x.row.service_at_location_id = None;
                    x.row.organization_id = None;
                    rows.phones.push(x);
                }
                for x in e.rows.contacts.iter().filter(|x| others(&x.row.service_id)) {
                    let mut x = x.clone();
                    x.row.location_id = None;
                    x.row.service_at_location_id = None;
                    x.row.organization_id = None;
                    rows.contacts.push(x);
                }
                for x in e
                    .rows
                    .schedules
                    .iter()
                    .filter(|x| others(&x.row.service_id))
                {
                    let mut x = x.clone();
                    x.row.location_id = None;
                    x.row.service_at_location_id = None;
                    rows.schedules.push(x);
                }
                for x in e
                    .rows
                    .languages
                    .iter()
                    .filter(|x| others(&x.row.service_id))
                {
                    let mut x = x.clone();
                    x.row.location_id = None;
                    x.row.phone_id = None;
                    rows.languages.push(x);
                }
            }
            ProviderWrite {
                provider: ImportedProvider {
                    id: provider_id,
                    create: p.target.is_none(),
                    hsds_id: inc.org.id.clone(),
                    name: after.name.clone(),
                    alternate_name: after.alternate_name.clone(),
                    description: after.description.clone(),
                    email: after.email.clone(),
                    website: after.website.clone(),
                },
                services,
                rows,
            }
        })
        .collect()
}

// ---- the directory as a package ----------------------------------------------------------------

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// The id a row is exported under: the one it had in its source when that is a UUID (as
/// HSDS 3.0 wants), else the app's own (a UUID).
fn export_id(own: &str, hsds_id: &Option<String>) -> String {
    match hsds_id {
        Some(h) if is_uuid(h) => h.clone(),
        _ => own.to_owned(),
    }
}

/// The directory as an HSDS 3.0 package: the providers offered now and their services not
/// retired, with every detail row, and the need categories as this app's own taxonomy.
pub fn to_package(name: &str, existing: &[Existing]) -> Package {
    let mut pkg = Package {
        name: Some(name.to_owned()),
        version: Some("3.0".into()),
        ..Default::default()
    };
    let mut used: Vec<NeedCategory> = Vec::new();
    for e in existing.iter().filter(|e| !e.provider.retired) {
        let p = &e.provider;
        let org_id = export_id(&p.id, &p.hsds_id);
        let offered: Vec<&Service> = p.services.iter().filter(|s| !s.retired).collect();
        let mut ids: HashMap<String, String> = HashMap::new();
        for s in &offered {
            ids.insert(s.id.clone(), export_id(&s.id, &s.hsds_id));
        }
        let retired: HashSet<&str> = p
            .services
            .iter()
            .filter(|s| s.retired)
            .map(|s| s.id.as_str())
            .collect();
        let of_retired = |s: &Option<String>| s.as_deref().is_some_and(|s| retired.contains(s));
        let r = &e.rows;
        let table = |rows: Vec<(&str, &Option<String>)>| -> HashMap<String, String> {
            rows.into_iter()
                .map(|(own, h)| (own.to_owned(), export_id(own, h)))
                .collect()
        };
        let lm = table(
            r.locations
                .iter()
                .map(|x| (x.row.id.as_str(), &x.hsds_id))
                .collect(),
        );
        let sm = table(
            r.service_at_locations
                .iter()
                .map(|x| (x.row.id.as_str(), &x.hsds_id))
                .collect(),
        );
        let cm = table(
            r.contacts
                .iter()
                .map(|x| (x.row.id.as_str(), &x.hsds_id))
                .collect(),
        );
        let pm = table(
            r.phones
                .iter()
                .map(|x| (x.row.id.as_str(), &x.hsds_id))
                .collect(),
        );
        let org = Some(org_id.clone());
        pkg.organizations.push(hsds::Organization {
            origin: Default::default(),
            id: org_id.clone(),
            name: Some(p.name.clone()),
            alternate_name: p.alternate_name.clone(),
            description: p.description.clone(),
            email: p.email.clone(),
            website: p.website.clone(),
        });
        for s in &offered {
            let sid = ids[&s.id].clone();
            pkg.services.push(hsds::Service {
                origin: Default::default(),
                id: sid.clone(),
                organization_id: org.clone(),
                name: Some(s.name.clone()),
                alternate_name: s.alternate_name.clone(),
                description: s.description.clone(),
                url: s.url.clone(),
                email: s.email.clone(),
                status: Some(s.status.hsds().to_owned()),
                interpretation_services: s.interpretation_services.clone(),
                application_process: s.application_process.clone(),
                fees_description: s.fees_description.clone(),
                eligibility_description: s.eligibility.clone(),
            });
            for c in &s.categories {
                if !used.contains(c) {
                    used.push(*c);
                }
                let n = NeedCategory::ALL.iter().position(|x| x == c).unwrap_or(0);
                pkg.attributes.push(hsds::Attribute {
                    origin: Default::default(),
                    id: format!("a{n:07x}{}", &sid[8..]),
                    link_id: Some(sid.clone()),
                    taxonomy_term_id: Some(own_term_id(*c)),
                    link_type: Some("need_category".into()),
                    link_entity: Some("service".into()),
                    value: None,
                });
            }
        }
        for x in &r.locations {
            let mut row = x.row.clone();
            row.id = lm[&row.id].clone();
            row.organization_id = org.clone();
            pkg.locations.push(row);
        }
        for x in &r.addresses {
            let mut row = x.row.clone();
            row.id = export_id(&row.id, &x.hsds_id);
            map_link(&mut row.location_id, &lm);
            pkg.addresses.push(row);
        }
        for x in r
            .service_at_locations
            .iter()
            .filter(|x| !of_retired(&x.row.service_id))
        {
            let mut row = x.row.clone();
            row.id = sm[&row.id].clone();
            map_link(&mut row.service_id, &ids);
            map_link(&mut row.location_id, &lm);
            pkg.service_at_locations.push(row);
        }
        let sm_offered: HashMap<String, String> = r
            .service_at_locations
            .iter()
            .filter(|x| !of_retired(&x.row.service_id))
            .map(|x| (x.row.id.clone(), sm[&x.row.id].clone()))
            .collect();
        for x in &r.contacts {
            if of_retired(&x.row.service_id) {
                continue;
            }
            let mut row = x.row.clone();
            row.id = cm[&row.id].clone();
            row.organization_id = row.organization_id.as_ref().and(org.clone());
            map_link(&mut row.service_id, &ids);
            map_link(&mut row.location_id, &lm);
            map_link(&mut row.service_at_location_id, &sm_offered);
            pkg.contacts.push(row);
        }
        let kept_contacts: HashSet<String> = pkg.contacts.iter().map(|c| c.id.clone()).collect();
        for x in &r.phones {
            if of_retired(&x.row.service_id) {
                continue;
            }
            let mut row = x.row.clone();
            row.id = pm[&row.id].clone();
            row.organization_id = row.organization_id.as_ref().and(org.clone());
            map_link(&mut row.service_id, &ids);
            map_link(&mut row.location_id, &lm);
            map_link(&mut row.contact_id, &cm);
            if row
                .contact_id
                .as_ref()
                .is_some_and(|c| !kept_contacts.contains(c))
            {
                continue;
            }
            map_link(&mut row.service_at_location_id, &sm_offered);
            pkg.phones.push(row);
        }
        for x in &r.schedules {
            if of_retired(&x.row.service_id) {
                continue;
            }
            let mut row = x.row.clone();
            row.id = export_id(&row.id, &x.hsds_id);
            map_link(&mut row.service_id, &ids);
            map_link(&mut row.location_id, &lm);
            map_link(&mut row.service_at_location_id, &sm_offered);
            pkg.schedules.push(row);
        }
        for x in &r.languages {
            if of_retired(&x.row.service_id) {
                continue;
            }
            let mut row = x.row.clone();
            row.id = export_id(&row.id, &x.hsds_id);
            map_link(&mut row.service_id, &ids);
            map_link(&mut row.location_id, &lm);
            map_link(&mut row.phone_id, &pm);
            pkg.languages.push(row);
        }
    }
    if !used.is_empty() {
        pkg.taxonomies.push(hsds::Taxonomy {
            origin: Default::default(),
            id: OWN_TAXONOMY_ID.into(),
            name: Some(OWN_TAXONOMY_NAME.into()),
            description: Some(
                "The need categories of Call-In Planner, the offer of help at a call-in.".into(),
            ),
            uri: None,
            version: Some("1".into()),
        });
        for c in NeedCategory::ALL.iter().filter(|c| used.contains(c)) {
            pkg.taxonomy_terms.push(hsds::TaxonomyTerm {
                origin: Default::default(),
                id: own_term_id(*c),
                code: Some(c.as_str().into()),
                name: Some(c.label_en().into()),
                description: Some(c.label_en().into()),
                parent_id: None,
                taxonomy: Some(OWN_TAXONOMY_NAME.into()),
                taxonomy_id: Some(OWN_TAXONOMY_ID.into()),
            });
        }
    }
    pkg
}

/// An HSDS package read for import and kept until it is imported or left.
#[derive(Debug, Clone)]
pub struct LoadedPackage {
    pub file_name: String,
    pub package: Package,
}

impl LoadedPackage {
    /// The name its mappings are remembered under: the package's own, else the file's.
    pub fn source(&self) -> String {
        self.package
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| self.file_name.clone())
    }
}

/// Everything the preview says, from the package, what the directory holds now and the
/// mappings remembered for the source, with the coordinator's edits.
pub struct Assessment {
    pub preview: HsdsPreview,
    pub incoming: Vec<IncomingOrg>,
    pub plans: Vec<OrgPlan>,
    pub cats: HashMap<String, Vec<NeedCategory>>,
}

pub fn assess(
    loaded: &LoadedPackage,
    existing: &[Existing],
    remembered: &Remembered,
    edits: &[CategoryMappingInput],
) -> Assessment {
    let pkg = &loaded.package;
    let problems = check(pkg);
    let maps = mappings(pkg, remembered, edits);
    let (cats, unmapped) = service_categories(pkg, &maps);
    let incoming = group(pkg);
    let plans = plan(&incoming, &cats, existing);
    let (counts, organizations, services) = preview_entries(&incoming, &plans);
    let mut problems: Vec<HsdsProblem> = problems.iter().map(HsdsProblem::from).collect();
    problems.sort_by(|a, b| (!a.blocking, &a.file, a.row).cmp(&(!b.blocking, &b.file, b.row)));
    Assessment {
        preview: HsdsPreview {
            file_name: loaded.file_name.clone(),
            source: loaded.source(),
            layout: pkg.layout.into(),
            version: pkg.version.clone(),
            counts,
            organizations,
            services,
            blocked: problems.iter().any(|p| p.blocking),
            problems,
            not_kept: pkg.not_kept.clone(),
            mappings: maps,
            unmapped_services: unmapped,
        },
        incoming,
        plans,
        cats,
    }
}
