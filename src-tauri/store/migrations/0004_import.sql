-- Importing rosters and merging duplicates.

-- The id another agency's system gives a person (a probation number), for matching imports.
ALTER TABLE people ADD COLUMN external_id TEXT;
-- A person merged into another is a tombstone pointing to the one kept.
ALTER TABLE people ADD COLUMN merged_into TEXT REFERENCES people (id);
CREATE INDEX people_by_external_id ON people (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX people_by_merged_into ON people (merged_into) WHERE merged_into IS NOT NULL;

-- One finished import: the file, how it was read, and what it did.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    sheet       TEXT,
    mapping     TEXT NOT NULL CHECK (json_valid(mapping)),
    actor       TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows_read   INTEGER NOT NULL,
    created     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    undone_at   TEXT
);

-- Every person an import created or changed, with what they were before, so the import can
-- be undone until the next change to them.
CREATE TABLE import_changes (
    import_id        TEXT NOT NULL REFERENCES imports (id),
    person_id        TEXT NOT NULL REFERENCES people (id),
    kind             TEXT NOT NULL CHECK (kind IN ('created', 'updated')),
    before           TEXT CHECK (before IS NULL OR json_valid(before)),
    updated_at_after TEXT NOT NULL,
    PRIMARY KEY (import_id, person_id)
);
CREATE INDEX import_changes_by_person ON import_changes (person_id);

-- Column mappings saved by name, offered again for a file with the same headers.
CREATE TABLE import_mappings (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    headers_key TEXT NOT NULL,
    mapping     TEXT NOT NULL CHECK (json_valid(mapping)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX import_mappings_name ON import_mappings (lower(name));
CREATE INDEX import_mappings_by_headers ON import_mappings (headers_key);

-- Pairs the coordinator said are not the same person (person_a < person_b).
CREATE TABLE not_duplicates (
    person_a TEXT NOT NULL REFERENCES people (id),
    person_b TEXT NOT NULL REFERENCES people (id),
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (person_a, person_b),
    CHECK (person_a < person_b)
);
