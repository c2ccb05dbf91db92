// Records the call-in tests start from.

import type { CallIn } from '../../lib/bindings/CallIn';
import type { Invitation } from '../../lib/bindings/Invitation';
import type { InviteeList } from '../../lib/bindings/InviteeList';
import type { Readiness } from '../../lib/bindings/Readiness';
import type { RunOfShow } from '../../lib/bindings/RunOfShow';
import type { Segment } from '../../lib/bindings/Segment';

export function callIn(extra: Partial<CallIn> = {}): CallIn {
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
    status: 'draft',
    statusReason: null,
    wizardStep: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export function invitation(id: string, lastName: string, firstName: string, extra: Partial<Invitation> = {}): Invitation {
  return {
    id,
    personId: `p-${id}`,
    firstName,
    lastName,
    status: 'proposed',
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

export function inviteeList(invitations: Invitation[], extra: Partial<InviteeList> = {}): InviteeList {
  const warnings = invitations.flatMap((i) => i.warnings);
  return {
    invitations,
    warnings,
    openWarnings: warnings.filter((w) => !w.acknowledged).length,
    counted: invitations.length,
    capacity: 30,
    ...extra,
  };
}

export const notReady: Readiness = {
  ready: false,
  blocking: [{ step: 2, message: 'Invite at least one person.' }],
  advisory: [{ step: 3, message: 'The run-of-show has no segments yet.' }],
};

export function segment(id: string, position: number, title: string, minutes: number, startsAt: string): Segment {
  return { id, position, kind: 'other', title, minutes, startsAt, speakers: [] };
}

export function runOfShow(segments: Segment[]): RunOfShow {
  const total = segments.reduce((n, s) => n + s.minutes, 0);
  return { segments, totalMinutes: total, expectedMinutes: 90, endsAt: null };
}
