// Records the follow-up tests start from, shaped as the backend sends them
// (src-tauri/domain/followups.rs, store/followups.rs).

import type { CallInSummary } from '../../lib/bindings/CallInSummary';
import { next } from '../../lib/bindings/lifecycles';
import type { NoShowRow } from '../../lib/bindings/NoShowRow';
import type { Provider } from '../../lib/bindings/Provider';
import type { ReferralHistory } from '../../lib/bindings/ReferralHistory';
import type { ReferralList } from '../../lib/bindings/ReferralList';
import type { ReferralRow } from '../../lib/bindings/ReferralRow';
import { provider, service } from '../directory/testData';

export function referral(id: string, personName: string, extra: Partial<ReferralRow> = {}): ReferralRow {
  return {
    id,
    personId: `p-${id}`,
    personName,
    phone: '203-555-0101',
    callInId: 'c-1',
    callInTitle: 'Northside spring call-in',
    callInDate: '2027-03-14',
    need: 'employment',
    serviceName: 'Job readiness',
    providerId: 'pr-1',
    providerName: 'Workforce Alliance',
    status: 'referred',
    dueOn: '2027-03-21',
    overdue: false,
    part2: false,
    consent: null,
    consentOn: null,
    consentScope: null,
    lastContactOn: null,
    lastContactOutcome: null,
    referredOn: '2027-03-14',
    ...extra,
  };
}

export function referralList(rows: ReferralRow[], extra: Partial<ReferralList> = {}): ReferralList {
  return { rows, total: rows.length, overdue: rows.filter((r) => r.overdue).length, ...extra };
}

/**
 * A referral's history just after the offer of help made it: the first line is the one
 * src-tauri/store/dayof.rs (insert_referral) writes — no status before it, its fixed note, and
 * the computer's login as who (store/audit.rs, `actor`).
 */
export function history(extra: Partial<ReferralHistory> = {}): ReferralHistory {
  const status = extra.status ?? 'referred';
  return {
    status,
    next: next.ReferralStatus[status],
    dueOn: '2027-03-21',
    items: [
      {
        onDate: '2027-03-14',
        kind: 'status',
        summary: 'Referred',
        note: 'Offer of help accepted at the call-in',
        byWhom: 'kalvarez',
      },
    ],
    ...extra,
  };
}

export function noShow(id: string, personName: string, extra: Partial<NoShowRow> = {}): NoShowRow {
  const status = extra.status ?? 'no_show';
  return {
    invitationId: id,
    personId: `p-${id}`,
    personName,
    phone: '203-555-0199',
    address: '12 Elm St',
    callInId: 'c-1',
    callInTitle: 'Northside spring call-in',
    callInDate: '2027-03-14',
    officerName: 'T. Nguyen',
    status,
    next: next.InvitationStatus[status],
    notificationOn: null,
    notificationBy: null,
    notificationOutcome: null,
    ...extra,
  };
}

export const CALL_INS: CallInSummary[] = [
  {
    id: 'c-1',
    title: 'Northside spring call-in',
    date: '2027-03-14',
    startTime: '18:00',
    timeZone: 'America/New_York',
    venueName: 'Dixwell Community House',
    status: 'follow_up',
    invited: 12,
    noticesIssued: 12,
    speakersConfirmed: 4,
    speakersTotal: 4,
  },
];

export const PROVIDERS: Provider[] = [
  provider('pr-1', 'Workforce Alliance', [service('s-1', 'pr-1', 'Job readiness', ['employment'])]),
];
