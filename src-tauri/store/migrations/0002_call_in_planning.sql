-- Schema version 2: what planning a call-in adds.

-- A conflict warning the coordinator has seen and acknowledged, by its stable key.
CREATE TABLE call_in_warning_acks (
    id               TEXT PRIMARY KEY NOT NULL,
    call_in_id       TEXT NOT NULL REFERENCES call_ins (id),
    warning_key      TEXT NOT NULL,
    acknowledged_by  TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);
CREATE UNIQUE INDEX call_in_warning_acks_live ON call_in_warning_acks (call_in_id, warning_key) WHERE deleted_at IS NULL;

CREATE INDEX invitations_by_call_in ON invitations (call_in_id, status);
CREATE INDEX people_by_area ON people (area);
-- The picker's "supervision ends between" filter, counted from the index alone.
CREATE INDEX people_live_status_end ON people (status, sup_end) WHERE deleted_at IS NULL;
CREATE INDEX speaker_assignments_by_segment ON speaker_assignments (segment_id);
CREATE INDEX provider_assignments_by_call_in ON provider_assignments (call_in_id);
