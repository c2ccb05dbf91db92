//! Open Referral's Human Services Data Specification (HSDS) as the app reads and writes it:
//! the tables of HSDS 3.0 that the directory keeps, one struct per table with HSDS's own
//! field names. A package read from disk (`import::hsds`, any layout: 3.0 or 1.x tabular,
//! or JSON) arrives in this shape with where each row came from; an export
//! (`reports::hsds`) is written from it. Every value is text as the file had it, trimmed,
//! with an empty cell as `None`; the rules that judge the values are in [`super::hsds_rules`].

/// Where a row was read: the file inside the package (`services.csv`, or for JSON a path
/// such as `organizations[2].services[0]`) and its line (the header is line 1) or, for JSON,
/// its position counted from 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub row: u32,
}

/// How the package was laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// HSDS 3.0 tables (`service_at_location.csv`, one `addresses.csv` with `address_type`).
    #[default]
    Tabular3,
    /// The older 1.x tables (`services_at_location.csv`, `physical_addresses.csv`, `url`…).
    Tabular1,
    /// HSDS JSON: organizations (or services) with what belongs to them nested inside.
    Json,
}

/// Something wrong with a file or a row that the reader found (a missing required column, a
/// file that is not CSV, a JSON value of the wrong type). The domain's own checks
/// (references, statuses) produce the same shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The row's line (or JSON position), when the problem is in a row.
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
    /// Whether it stops the import (otherwise the row, or the link, is left out and said so).
    pub blocking: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Package {
    /// The package's own name or title (`datapackage.json`'s `title`, else `name`), if any.
    pub name: Option<String>,
    /// The HSDS version the package says it follows (`datapackage.json`'s `version`), if any.
    pub version: Option<String>,
    pub layout: Layout,
    /// Files (or JSON members) present that the directory does not keep, e.g. `funding.csv`.
    pub not_kept: Vec<String>,
    pub organizations: Vec<Organization>,
    pub services: Vec<Service>,
    pub locations: Vec<Location>,
    pub addresses: Vec<Address>,
    pub service_at_locations: Vec<ServiceAtLocation>,
    pub phones: Vec<Phone>,
    pub contacts: Vec<Contact>,
    pub schedules: Vec<Schedule>,
    pub languages: Vec<Language>,
    pub taxonomies: Vec<Taxonomy>,
    pub taxonomy_terms: Vec<TaxonomyTerm>,
    /// Links of a taxonomy term to a service (3.0 `attributes` with `link_entity` =
    /// `service`; 1.x `services_taxonomy`, whose `service_id` becomes `link_id`).
    pub attributes: Vec<Attribute>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Organization {
    pub origin: Origin,
    pub id: String,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub email: Option<String>,
    /// 3.0 `website`; 1.x `url`.
    pub website: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Service {
    pub origin: Origin,
    pub id: String,
    pub organization_id: Option<String>,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub email: Option<String>,
    /// As written: `active`, `inactive`, `defunct`, `temporarily closed` (checked by the domain).
    pub status: Option<String>,
    pub interpretation_services: Option<String>,
    pub application_process: Option<String>,
    pub fees_description: Option<String>,
    pub eligibility_description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    pub origin: Origin,
    pub id: String,
    /// `physical`, `postal` or `virtual` (1.x has no such field: `physical`).
    pub location_type: Option<String>,
    pub organization_id: Option<String>,
    pub name: Option<String>,
    pub alternate_name: Option<String>,
    pub description: Option<String>,
    pub transportation: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Address {
    pub origin: Origin,
    pub id: String,
    pub location_id: Option<String>,
    pub attention: Option<String>,
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub state_province: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    /// `physical`, `postal` or `virtual` (1.x: from the file, `physical_addresses` or
    /// `postal_addresses`).
    pub address_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServiceAtLocation {
    pub origin: Origin,
    pub id: String,
    pub service_id: Option<String>,
    pub location_id: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Phone {
    pub origin: Origin,
    pub id: String,
    pub organization_id: Option<String>,
    pub service_id: Option<String>,
    pub location_id: Option<String>,
    pub contact_id: Option<String>,
    pub service_at_location_id: Option<String>,
    pub number: Option<String>,
    pub extension: Option<String>,
    pub r#type: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    pub origin: Origin,
    pub id: String,
    pub organization_id: Option<String>,
    pub service_id: Option<String>,
    pub location_id: Option<String>,
    pub service_at_location_id: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub email: Option<String>,
}

/// A schedule (3.0's RRULE-like fields; 1.x `regular_schedules` rows become `freq` =
/// `WEEKLY` with `byday` from `weekday`, `opens_at`, `closes_at`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub origin: Origin,
    pub id: String,
    pub service_id: Option<String>,
    pub location_id: Option<String>,
    pub service_at_location_id: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub dtstart: Option<String>,
    pub until: Option<String>,
    pub wkst: Option<String>,
    pub freq: Option<String>,
    pub interval: Option<String>,
    pub byday: Option<String>,
    pub bymonthday: Option<String>,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    pub description: Option<String>,
    pub attending_type: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Language {
    pub origin: Origin,
    pub id: String,
    pub service_id: Option<String>,
    pub location_id: Option<String>,
    pub phone_id: Option<String>,
    pub name: Option<String>,
    pub code: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taxonomy {
    pub origin: Origin,
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub uri: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaxonomyTerm {
    pub origin: Origin,
    pub id: String,
    pub code: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub parent_id: Option<String>,
    /// 3.0 `taxonomy` (free text naming the taxonomy) and `taxonomy_id`.
    pub taxonomy: Option<String>,
    pub taxonomy_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribute {
    pub origin: Origin,
    pub id: String,
    pub link_id: Option<String>,
    pub taxonomy_term_id: Option<String>,
    pub link_type: Option<String>,
    /// The table `link_id` points into (`service`, `organization`…).
    pub link_entity: Option<String>,
    pub value: Option<String>,
}
