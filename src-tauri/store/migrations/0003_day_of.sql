-- Schema version 3: the day of the call-in.

-- The status an invitee had before being checked in, so a check-in can be undone exactly.
ALTER TABLE invitations ADD COLUMN status_before_check_in TEXT;
CREATE INDEX referrals_by_invitation ON referrals (invitation_id);
