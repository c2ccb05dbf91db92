// Records the call-in tests start from, shaped and counted as the backend sends them
// (src-tauri/domain/invitations.rs, store/directory.rs, domain/callins.rs).

import type { CallIn } from '../../lib/bindings/CallIn';
import type { Invitation } from '../../lib/bindings/Invitation';
import { callInActions, invitationRemovable, next } from '../../lib/bindings/lifecycles';
import type { InviteeList } from '../../lib/bindings/InviteeList';
import type { Readiness } from '../../lib/bindings/Readiness';
import type { RunOfShow } from '../../lib/bindings/RunOfShow';
import type { Segment } from '../../lib/bindings/Segment';
import type { SpeakerAssignment } from '../../lib/bindings/SpeakerAssignment';

/** What the backend derives from a status travels with it, as `get_call_in` sends it. */
export function callIn(extra: Partial<CallIn> = {}): CallIn {
  const status = extra.status ?? 'draft';
  return {
    id: 'c-1',
    title: 'Northside spring call-in',
    date: '2027-03-14',
    startTime: '18:00',
    timeZone: 'America/New_York',
    startsAtUtc: '2027-03-14T22:00:00Z',
    expectedMinutes: 90,
    venueName: 'Dixwell Community House',
    venueAddress: null,
    venueCapacity: 30,
    venueAccessibility: null,
    targetArea: null,
    targetGroups: [],
    status,
    allowed: callInActions[status],
    statusReason: null,
    wizardStep: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function invitation(id: string, lastName: string, firstName: string, extra: Partial<Invitation> = {}): Invitation {
  const status = extra.status ?? 'proposed';
  return {
    id,
    personId: `p-${id}`,
    firstName,
    lastName,
    status,
    removable: invitationRemovable[status],
    reasonSelected: null,
    deliveryMethod: null,
    deliveredBy: null,
    issuedOn: null,
    acknowledgedOn: null,
    ineligibleReason: null,
    walkIn: false,
    officerName: 'T. Nguyen',
    warnings: [],
    aliases: [],
    checkedInAt: null,
    offerResponse: null,
    offerNeeds: [],
    referrals: 0,
    ...extra,
  };
}

/** The invitation moved to `status`, with what the backend derives from it. */
export function moved(i: Invitation, status: Invitation['status'], extra: Partial<Invitation> = {}): Invitation {
  return { ...i, status, removable: invitationRemovable[status], ...extra };
}

/** An invitee list as `list_invitations` sends it: `counted` leaves out the ineligible and the excused. */
export function inviteeList(invitations: Invitation[], extra: Partial<InviteeList> = {}): InviteeList {
  const warnings = invitations.flatMap((i) => i.warnings);
  return {
    invitations,
    warnings,
    openWarnings: warnings.filter((w) => !w.acknowledged).length,
    counted: invitations.filter((i) => i.status !== 'ineligible' && i.status !== 'excused').length,
    capacity: 30,
    ...extra,
  };
}

/** Readiness with the backend's messages (src-tauri/domain/callins.rs, `readiness`). */
export const notReady: Readiness = {
  ready: false,
  blocking: [{ step: 2, message: 'Invite at least one person.' }],
  advisory: [{ step: 3, message: 'The run-of-show has no segments yet.' }],
};

/** A speaker on a segment, with the moves its status allows (store/directory.rs, `run_of_show`). */
export function assignment(id: string, speakerName: string, extra: Partial<SpeakerAssignment> = {}): SpeakerAssignment {
  const status = extra.status ?? 'invited';
  return {
    id,
    speakerId: `sp-${id}`,
    speakerName,
    organization: null,
    role: 'other',
    status,
    next: next.SpeakerAssignmentStatus[status],
    ...extra,
  };
}

export function segment(id: string, position: number, title: string, minutes: number, startsAt: string): Segment {
  return { id, position, kind: 'other', title, minutes, startsAt, speakers: [] };
}

/** "18:40" for 40 minutes after "18:00" (src-tauri/domain/callins.rs, `clock_after`). */
function clockAfter(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number);
  const t = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
}

/**
 * Segments numbered and timed as `run_of_show` sends them (src-tauri/store/directory.rs):
 * positions from 0 in this order, each starting when the one before ends.
 */
export function inOrder(segments: Segment[], start = '18:00'): Segment[] {
  let elapsed = 0;
  return segments.map((s, position) => {
    const startsAt = clockAfter(start, elapsed);
    elapsed += s.minutes;
    return { ...s, position, startsAt };
  });
}

/**
 * The run-of-show as `run_of_show` sends it (src-tauri/store/directory.rs): it ends the
 * segments' minutes after the call-in's start (18:00, as `callIn()` starts), or has no end
 * when the call-in has no start time.
 */
export function runOfShow(segments: Segment[], start: string | null = '18:00'): RunOfShow {
  const total = segments.reduce((n, s) => n + s.minutes, 0);
  return { segments, totalMinutes: total, expectedMinutes: 90, endsAt: start ? clockAfter(start, total) : null };
}
