-- Call-In Planner schema, version 1: the whole domain model of DESIGN.md section 2.
-- Every row: UUID v7 text id, created_at / updated_at (UTC RFC 3339), and a tombstone
-- deleted_at where a user can remove it. Nothing is hard-deleted by a user action.
-- Tables a full-text index follows keep an INTEGER PRIMARY KEY (seq) so VACUUM never
-- renumbers the rows the index points at.

CREATE TABLE people (
    seq                   INTEGER PRIMARY KEY,
    id                    TEXT NOT NULL UNIQUE,
    first_name            TEXT NOT NULL DEFAULT '',
    last_name             TEXT NOT NULL CHECK (length(trim(last_name)) > 0),
    aliases               TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases) AND json_type(aliases) = 'array'),
    sort_name             TEXT NOT NULL,
    search_text           TEXT NOT NULL DEFAULT '',     -- folded names and aliases, for people_fts
    date_of_birth         TEXT CHECK (date_of_birth IS NULL OR date(date_of_birth) = date_of_birth),
    phone                 TEXT,
    address               TEXT,
    area                  TEXT,
    preferred_language    TEXT NOT NULL DEFAULT 'en',
    notes                 TEXT,
    status                TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'in_custody', 'moved', 'deceased', 'archived')),
    status_before_archive TEXT
                          CHECK (status_before_archive IS NULL OR status_before_archive IN ('active', 'in_custody', 'moved', 'deceased')),
    -- The current supervision (latest start), kept by triggers on supervisions for the list's filters and sort.
    sup_type              TEXT,
    sup_agency            TEXT,
    sup_officer           TEXT,
    sup_end               TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    deleted_at            TEXT
);
CREATE INDEX people_by_name ON people (sort_name, id);
CREATE INDEX people_by_updated ON people (updated_at, id);
CREATE INDEX people_by_sup_end ON people (coalesce(sup_end, '9999-12-31'), id);
-- Narrow enough that counting the filtered list reads the index alone.
CREATE INDEX people_live_filters ON people (status, sup_type, sup_agency, sup_officer) WHERE deleted_at IS NULL;
CREATE INDEX people_by_agency ON people (sup_agency);
CREATE INDEX people_by_officer ON people (sup_officer);

-- Names and aliases, prefix-searchable. search_text is folded by the app (accents, case,
-- letters such as Ł/Đ/Ø/ß, full-width forms) with the same function that folds what is
-- typed, so the index itself folds nothing.
CREATE VIRTUAL TABLE people_fts USING fts5 (
    search_text,
    content = 'people', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF search_text ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO people_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE TABLE supervisions (
    id               TEXT PRIMARY KEY NOT NULL,
    person_id        TEXT NOT NULL REFERENCES people (id),
    kind             TEXT NOT NULL CHECK (kind IN ('probation', 'parole', 'supervised_release', 'pretrial')),
    agency           TEXT,
    officer_name     TEXT,
    officer_contact  TEXT,
    start_date       TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
    end_date         TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
    call_in_condition INTEGER NOT NULL DEFAULT 0 CHECK (call_in_condition IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT,
    CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX supervisions_by_person ON supervisions (person_id);
CREATE INDEX supervisions_by_agency ON supervisions (agency);
CREATE INDEX supervisions_by_officer ON supervisions (officer_name);

-- people.sup_* follow the person's current supervision: the live one that started last.
CREATE TRIGGER supervisions_current_insert AFTER INSERT ON supervisions BEGIN
    UPDATE people SET
        (sup_type, sup_agency, sup_officer, sup_end) = (
            SELECT kind, agency, officer_name, end_date FROM supervisions
            WHERE person_id = new.person_id AND deleted_at IS NULL
            ORDER BY coalesce(start_date, '') DESC, created_at DESC, id DESC LIMIT 1)
    WHERE id = new.person_id;
END;
CREATE TRIGGER supervisions_current_update AFTER UPDATE ON supervisions BEGIN
    UPDATE people SET
        (sup_type, sup_agency, sup_officer, sup_end) = (
            SELECT kind, agency, officer_name, end_date FROM supervisions
            WHERE person_id = new.person_id AND deleted_at IS NULL
            ORDER BY coalesce(start_date, '') DESC, created_at DESC, id DESC LIMIT 1)
    WHERE id = new.person_id;
END;

CREATE TABLE person_needs (
    id          TEXT PRIMARY KEY NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people (id),
    category    TEXT NOT NULL CHECK (category IN ('employment', 'housing', 'education_ged', 'substance_use',
                    'mental_health', 'id_documents', 'medical', 'legal', 'childcare', 'transportation',
                    'clothing_food', 'anger_management_cbt', 'mentoring', 'other')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX person_needs_live ON person_needs (person_id, category) WHERE deleted_at IS NULL;

CREATE TABLE groups (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    area        TEXT,
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX groups_live_name ON groups (lower(name)) WHERE deleted_at IS NULL;

CREATE TABLE group_memberships (
    id          TEXT PRIMARY KEY NOT NULL,
    group_id    TEXT NOT NULL REFERENCES groups (id),
    person_id   TEXT NOT NULL REFERENCES people (id),
    role        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX group_memberships_live ON group_memberships (group_id, person_id) WHERE deleted_at IS NULL;
CREATE INDEX group_memberships_by_person ON group_memberships (person_id);

CREATE TABLE group_links (
    id          TEXT PRIMARY KEY NOT NULL,
    group_a_id  TEXT NOT NULL REFERENCES groups (id),
    group_b_id  TEXT NOT NULL REFERENCES groups (id),
    kind        TEXT NOT NULL CHECK (kind IN ('feud', 'alliance')),
    notes       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    CHECK (group_a_id < group_b_id)
);
CREATE UNIQUE INDEX group_links_live ON group_links (group_a_id, group_b_id) WHERE deleted_at IS NULL;
CREATE INDEX group_links_by_b ON group_links (group_b_id);

CREATE TABLE call_ins (
    id                  TEXT PRIMARY KEY NOT NULL,
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    starts_at_local     TEXT,            -- wall time, YYYY-MM-DDTHH:MM
    time_zone           TEXT,            -- IANA name, e.g. America/New_York
    starts_at_utc       TEXT,            -- the same instant in UTC, RFC 3339
    expected_minutes    INTEGER CHECK (expected_minutes IS NULL OR expected_minutes > 0),
    venue_name          TEXT,
    venue_address       TEXT,
    venue_capacity      INTEGER CHECK (venue_capacity IS NULL OR venue_capacity > 0),
    venue_accessibility TEXT,
    target_area         TEXT,
    status              TEXT NOT NULL DEFAULT 'draft'
                        CHECK (status IN ('draft', 'scheduled', 'notices_out', 'held', 'follow_up',
                                          'closed', 'postponed', 'cancelled')),
    status_reason       TEXT,
    wizard_step         INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    deleted_at          TEXT
);
CREATE INDEX call_ins_by_status ON call_ins (status, starts_at_utc);

CREATE TABLE call_in_target_groups (
    id          TEXT PRIMARY KEY NOT NULL,
    call_in_id  TEXT NOT NULL REFERENCES call_ins (id),
    group_id    TEXT NOT NULL REFERENCES groups (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX call_in_target_groups_live ON call_in_target_groups (call_in_id, group_id) WHERE deleted_at IS NULL;

CREATE TABLE invitations (
    id                 TEXT PRIMARY KEY NOT NULL,
    call_in_id         TEXT NOT NULL REFERENCES call_ins (id),
    person_id          TEXT NOT NULL REFERENCES people (id),
    reason_selected    TEXT,
    delivery_method    TEXT CHECK (delivery_method IS NULL OR delivery_method IN ('officer', 'mail', 'in_person', 'family')),
    delivered_by       TEXT,
    issued_on          TEXT CHECK (issued_on IS NULL OR date(issued_on) = issued_on),
    acknowledged_on    TEXT CHECK (acknowledged_on IS NULL OR date(acknowledged_on) = acknowledged_on),
    status             TEXT NOT NULL DEFAULT 'proposed'
                       CHECK (status IN ('proposed', 'vetted', 'issued', 'acknowledged', 'attended', 'no_show',
                                         'excused', 'ineligible', 'custom_notification_pending',
                                         'custom_notification_done')),
    ineligible_reason  TEXT CHECK (ineligible_reason IS NULL OR ineligible_reason IN ('in_custody', 'moved', 'deceased')),
    walk_in            INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    checked_in_at      TEXT,
    offer_response     TEXT CHECK (offer_response IS NULL OR offer_response IN ('accepted', 'interested', 'undecided', 'declined')),
    offer_needs        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(offer_needs)),
    warnings_acknowledged TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings_acknowledged)),
    custom_notification_on      TEXT,
    custom_notification_by      TEXT,
    custom_notification_outcome TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT,
    CHECK (status <> 'ineligible' OR ineligible_reason IS NOT NULL),
    CHECK (offer_response IS NULL OR status = 'attended')
);
CREATE UNIQUE INDEX invitations_live ON invitations (call_in_id, person_id) WHERE deleted_at IS NULL;
CREATE INDEX invitations_by_person ON invitations (person_id);

CREATE TABLE speakers (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    organization  TEXT,
    role          TEXT NOT NULL CHECK (role IN ('law_enforcement', 'prosecutor', 'probation_parole', 'clergy',
                                               'victim_family', 'outreach', 'service_provider', 'medical', 'other')),
    phone         TEXT,
    email         TEXT,
    notes         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

CREATE TABLE agenda_segments (
    id          TEXT PRIMARY KEY NOT NULL,
    call_in_id  TEXT NOT NULL REFERENCES call_ins (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    kind        TEXT NOT NULL CHECK (kind IN ('welcome', 'law_enforcement', 'community', 'offer_of_help', 'other')),
    title       TEXT,
    minutes     INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX agenda_segments_by_call_in ON agenda_segments (call_in_id, position);

CREATE TABLE speaker_assignments (
    id          TEXT PRIMARY KEY NOT NULL,
    call_in_id  TEXT NOT NULL REFERENCES call_ins (id),
    speaker_id  TEXT NOT NULL REFERENCES speakers (id),
    segment_id  TEXT REFERENCES agenda_segments (id),
    position    INTEGER NOT NULL DEFAULT 0,
    minutes     INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    status      TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed', 'spoke', 'declined')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX speaker_assignments_by_call_in ON speaker_assignments (call_in_id);

-- The service directory, shaped after HSDS 3.0 (organization → service).
CREATE TABLE providers (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description  TEXT,
    email        TEXT,
    phone        TEXT,
    website      TEXT,
    address      TEXT,
    hsds_id      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);

CREATE TABLE services (
    id            TEXT PRIMARY KEY NOT NULL,
    provider_id   TEXT NOT NULL REFERENCES providers (id),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description   TEXT,
    categories    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),
    eligibility   TEXT,
    contact_name  TEXT,
    phone         TEXT,
    email         TEXT,
    location      TEXT,
    hsds_id       TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX services_by_provider ON services (provider_id);

CREATE TABLE provider_assignments (
    id           TEXT PRIMARY KEY NOT NULL,
    call_in_id   TEXT NOT NULL REFERENCES call_ins (id),
    provider_id  TEXT NOT NULL REFERENCES providers (id),
    categories   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX provider_assignments_live ON provider_assignments (call_in_id, provider_id) WHERE deleted_at IS NULL;

CREATE TABLE referrals (
    id              TEXT PRIMARY KEY NOT NULL,
    person_id       TEXT NOT NULL REFERENCES people (id),
    service_id      TEXT REFERENCES services (id),
    call_in_id      TEXT REFERENCES call_ins (id),
    invitation_id   TEXT REFERENCES invitations (id),
    need_category   TEXT NOT NULL CHECK (need_category IN ('employment', 'housing', 'education_ged', 'substance_use',
                        'mental_health', 'id_documents', 'medical', 'legal', 'childcare', 'transportation',
                        'clothing_food', 'anger_management_cbt', 'mentoring', 'other')),
    status          TEXT NOT NULL DEFAULT 'identified'
                    CHECK (status IN ('identified', 'referred', 'provider_contacted', 'intake_scheduled', 'engaged',
                                      'completed', 'declined', 'lost_contact', 'closed')),
    close_reason    TEXT,
    due_on          TEXT CHECK (due_on IS NULL OR date(due_on) = due_on),
    part2           INTEGER NOT NULL DEFAULT 0 CHECK (part2 IN (0, 1)),
    consent         TEXT CHECK (consent IS NULL OR consent IN ('given', 'not_given')),
    consent_on      TEXT CHECK (consent_on IS NULL OR date(consent_on) = consent_on),
    consent_scope   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    CHECK (status <> 'closed' OR length(trim(coalesce(close_reason, ''))) > 0),
    CHECK (need_category <> 'substance_use' OR part2 = 1)
);
CREATE INDEX referrals_by_status ON referrals (status, due_on);
CREATE INDEX referrals_by_person ON referrals (person_id);
CREATE INDEX referrals_by_call_in ON referrals (call_in_id);

CREATE TABLE referral_events (
    id           TEXT PRIMARY KEY NOT NULL,
    referral_id  TEXT NOT NULL REFERENCES referrals (id),
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    note         TEXT,
    by_whom      TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX referral_events_by_referral ON referral_events (referral_id, created_at);

CREATE TABLE contact_attempts (
    id             TEXT PRIMARY KEY NOT NULL,
    person_id      TEXT NOT NULL REFERENCES people (id),
    referral_id    TEXT REFERENCES referrals (id),
    invitation_id  TEXT REFERENCES invitations (id),
    attempted_on   TEXT NOT NULL CHECK (date(attempted_on) = attempted_on),
    method         TEXT NOT NULL CHECK (method IN ('phone', 'text', 'email', 'mail', 'in_person', 'home_visit', 'other')),
    by_whom        TEXT,
    outcome        TEXT NOT NULL CHECK (outcome IN ('reached', 'left_message', 'no_answer', 'wrong_number', 'other')),
    note           TEXT,
    next_due_on    TEXT CHECK (next_due_on IS NULL OR date(next_due_on) = next_due_on),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX contact_attempts_by_referral ON contact_attempts (referral_id);

CREATE TABLE outcome_events (
    id           TEXT PRIMARY KEY NOT NULL,
    person_id    TEXT NOT NULL REFERENCES people (id),
    kind         TEXT NOT NULL CHECK (kind IN ('victimization', 'arrest', 'reincarceration', 'other')),
    occurred_on  TEXT NOT NULL CHECK (date(occurred_on) = occurred_on),
    source       TEXT,
    notes        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX outcome_events_by_person ON outcome_events (person_id, occurred_on);

CREATE TABLE checklist_items (
    id          TEXT PRIMARY KEY NOT NULL,
    call_in_id  TEXT NOT NULL REFERENCES call_ins (id),
    position    INTEGER NOT NULL DEFAULT 0,
    label       TEXT NOT NULL CHECK (length(trim(label)) > 0),
    owner       TEXT,
    due_on      TEXT CHECK (due_on IS NULL OR date(due_on) = due_on),
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX checklist_items_by_call_in ON checklist_items (call_in_id, position);

-- Append-only: who changed what, with the record before and after.
CREATE TABLE audit_entries (
    seq        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_entries_by_entity ON audit_entries (entity, entity_id);
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be changed');
END;
CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be deleted');
END;

-- Small app settings (idle lock minutes, first-run choices, letter templates later).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
