-- The service directory as Open Referral HSDS 3.0 models it: organizations (providers) with
-- their services, locations and addresses, phones, contacts, schedules and languages; a
-- service's status; providers and services retired rather than deleted; and the need
-- categories an HSDS source's taxonomy terms or service names map to, remembered per source.

ALTER TABLE providers ADD COLUMN alternate_name TEXT;
ALTER TABLE providers ADD COLUMN retired_at TEXT;

ALTER TABLE services ADD COLUMN alternate_name TEXT;
ALTER TABLE services ADD COLUMN url TEXT;
ALTER TABLE services ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily_closed'));
ALTER TABLE services ADD COLUMN application_process TEXT;
ALTER TABLE services ADD COLUMN fees_description TEXT;
ALTER TABLE services ADD COLUMN interpretation_services TEXT;
ALTER TABLE services ADD COLUMN retired_at TEXT;

CREATE INDEX providers_by_hsds_id ON providers (hsds_id) WHERE hsds_id IS NOT NULL;
CREATE INDEX services_by_hsds_id ON services (hsds_id) WHERE hsds_id IS NOT NULL;

-- Every row below belongs to one provider (`provider_id`), which an import replaces whole;
-- `hsds_id` is the id the row had in the package it came from (exported as its id).
CREATE TABLE directory_locations (
    id              TEXT PRIMARY KEY NOT NULL,
    provider_id     TEXT NOT NULL REFERENCES providers (id),
    hsds_id         TEXT,
    position        INTEGER NOT NULL DEFAULT 0,
    location_type   TEXT NOT NULL DEFAULT 'physical' CHECK (location_type IN ('physical', 'postal', 'virtual')),
    name            TEXT,
    alternate_name  TEXT,
    description     TEXT,
    transportation  TEXT,
    latitude        TEXT,
    longitude       TEXT,
    url             TEXT
);
CREATE INDEX directory_locations_by_provider ON directory_locations (provider_id, position);

CREATE TABLE directory_addresses (
    id              TEXT PRIMARY KEY NOT NULL,
    provider_id     TEXT NOT NULL REFERENCES providers (id),
    location_id     TEXT NOT NULL REFERENCES directory_locations (id),
    hsds_id         TEXT,
    position        INTEGER NOT NULL DEFAULT 0,
    address_type    TEXT NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual')),
    attention       TEXT,
    address_1       TEXT,
    address_2       TEXT,
    city            TEXT,
    region          TEXT,
    state_province  TEXT,
    postal_code     TEXT,
    country         TEXT
);
CREATE INDEX directory_addresses_by_provider ON directory_addresses (provider_id, position);

-- A service offered at a location (HSDS `service_at_location`).
CREATE TABLE directory_service_locations (
    id           TEXT PRIMARY KEY NOT NULL,
    provider_id  TEXT NOT NULL REFERENCES providers (id),
    service_id   TEXT NOT NULL REFERENCES services (id),
    location_id  TEXT NOT NULL REFERENCES directory_locations (id),
    hsds_id      TEXT,
    position     INTEGER NOT NULL DEFAULT 0,
    description  TEXT
);
CREATE INDEX directory_service_locations_by_provider ON directory_service_locations (provider_id, position);

CREATE TABLE directory_contacts (
    id                   TEXT PRIMARY KEY NOT NULL,
    provider_id          TEXT NOT NULL REFERENCES providers (id),
    hsds_id              TEXT,
    position             INTEGER NOT NULL DEFAULT 0,
    of_organization      INTEGER NOT NULL DEFAULT 0 CHECK (of_organization IN (0, 1)),
    service_id           TEXT REFERENCES services (id),
    location_id          TEXT REFERENCES directory_locations (id),
    service_location_id  TEXT REFERENCES directory_service_locations (id),
    name                 TEXT,
    title                TEXT,
    department           TEXT,
    email                TEXT
);
CREATE INDEX directory_contacts_by_provider ON directory_contacts (provider_id, position);

CREATE TABLE directory_phones (
    id                   TEXT PRIMARY KEY NOT NULL,
    provider_id          TEXT NOT NULL REFERENCES providers (id),
    hsds_id              TEXT,
    position             INTEGER NOT NULL DEFAULT 0,
    of_organization      INTEGER NOT NULL DEFAULT 0 CHECK (of_organization IN (0, 1)),
    service_id           TEXT REFERENCES services (id),
    location_id          TEXT REFERENCES directory_locations (id),
    contact_id           TEXT REFERENCES directory_contacts (id),
    service_location_id  TEXT REFERENCES directory_service_locations (id),
    number               TEXT NOT NULL CHECK (length(trim(number)) > 0),
    extension            TEXT,
    type                 TEXT,
    description          TEXT
);
CREATE INDEX directory_phones_by_provider ON directory_phones (provider_id, position);

CREATE TABLE directory_schedules (
    id                   TEXT PRIMARY KEY NOT NULL,
    provider_id          TEXT NOT NULL REFERENCES providers (id),
    hsds_id              TEXT,
    position             INTEGER NOT NULL DEFAULT 0,
    service_id           TEXT REFERENCES services (id),
    location_id          TEXT REFERENCES directory_locations (id),
    service_location_id  TEXT REFERENCES directory_service_locations (id),
    valid_from           TEXT,
    valid_to             TEXT,
    dtstart              TEXT,
    until                TEXT,
    wkst                 TEXT,
    freq                 TEXT,
    interval             TEXT,
    byday                TEXT,
    bymonthday           TEXT,
    opens_at             TEXT,
    closes_at            TEXT,
    description          TEXT,
    attending_type       TEXT,
    notes                TEXT
);
CREATE INDEX directory_schedules_by_provider ON directory_schedules (provider_id, position);

CREATE TABLE directory_languages (
    id           TEXT PRIMARY KEY NOT NULL,
    provider_id  TEXT NOT NULL REFERENCES providers (id),
    hsds_id      TEXT,
    position     INTEGER NOT NULL DEFAULT 0,
    service_id   TEXT REFERENCES services (id),
    location_id  TEXT REFERENCES directory_locations (id),
    phone_id     TEXT REFERENCES directory_phones (id),
    name         TEXT,
    code         TEXT,
    note         TEXT
);
CREATE INDEX directory_languages_by_provider ON directory_languages (provider_id, position);

-- What an HSDS source's taxonomy term (`kind` = 'term', `key` its id) or service name
-- (`kind` = 'service_name', `key` the name folded to lower case) means among the need
-- categories, remembered per source (the package's name) and editable.
CREATE TABLE directory_category_maps (
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('term', 'service_name')),
    key         TEXT NOT NULL,
    label       TEXT NOT NULL,
    categories  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (source, kind, key)
);

-- The contact details typed by hand before now move into the HSDS-shaped rows: a provider's
-- phone and address, a service's contact, phone and place. The new ids keep UUID form
-- (HSDS ids are UUIDs): the old row's UUID with its first eight digits replaced by a
-- marker for the kind of row (no UUIDv7 made by the app before the year 5000 starts so).
INSERT INTO directory_phones (id, provider_id, of_organization, number)
SELECT 'f0000001' || substr(id, 9), id, 1, phone FROM providers
WHERE length(trim(coalesce(phone, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_locations (id, provider_id, location_type)
SELECT 'f0000002' || substr(id, 9), id, 'physical' FROM providers
WHERE length(trim(coalesce(address, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_addresses (id, provider_id, location_id, address_type, address_1)
SELECT 'f0000003' || substr(id, 9), id, 'f0000002' || substr(id, 9), 'physical', address FROM providers
WHERE length(trim(coalesce(address, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_contacts (id, provider_id, service_id, name)
SELECT 'f0000004' || substr(id, 9), provider_id, id, contact_name FROM services
WHERE length(trim(coalesce(contact_name, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_phones (id, provider_id, service_id, number)
SELECT 'f0000005' || substr(id, 9), provider_id, id, phone FROM services
WHERE length(trim(coalesce(phone, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_locations (id, provider_id, location_type, name)
SELECT 'f0000006' || substr(id, 9), provider_id, 'physical', location FROM services
WHERE length(trim(coalesce(location, ''))) > 0 AND length(id) = 36;

INSERT INTO directory_service_locations (id, provider_id, service_id, location_id)
SELECT 'f0000007' || substr(id, 9), provider_id, id, 'f0000006' || substr(id, 9) FROM services
WHERE length(trim(coalesce(location, ''))) > 0 AND length(id) = 36;

UPDATE providers SET phone = NULL, address = NULL WHERE length(id) = 36;
UPDATE services SET contact_name = NULL, phone = NULL, location = NULL WHERE length(id) = 36;
