// What the follow-up screens offer and how they show a referral. The backend decides
// every move; these lists only choose what to offer.

import type { CallInSummary } from '../../lib/bindings/CallInSummary';
import type { ContactMethod } from '../../lib/bindings/ContactMethod';
import type { ContactOutcome } from '../../lib/bindings/ContactOutcome';
import type { ReferralRow } from '../../lib/bindings/ReferralRow';
import type { ReferralSort } from '../../lib/bindings/ReferralSort';
import type { ReferralStatus } from '../../lib/bindings/ReferralStatus';
import { m } from '../../lib/messages';
import { fmtDay } from '../../lib/format';

export const REFERRAL_STATUSES: ReferralStatus[] = [
  'identified',
  'referred',
  'provider_contacted',
  'intake_scheduled',
  'engaged',
  'completed',
  'declined',
  'lost_contact',
  'closed',
];

/** The Referral lifecycle: the next step first, then the ways out of any open status. */
const OUT: ReferralStatus[] = ['declined', 'lost_contact', 'closed'];
export const NEXT_REFERRAL: Record<ReferralStatus, ReferralStatus[]> = {
  identified: ['referred', ...OUT],
  referred: ['provider_contacted', ...OUT],
  provider_contacted: ['intake_scheduled', ...OUT],
  intake_scheduled: ['engaged', ...OUT],
  engaged: ['completed', ...OUT],
  completed: [],
  declined: [],
  lost_contact: [],
  closed: [],
};

export const REFERRAL_SORTS: ReferralSort[] = ['due', 'person', 'provider', 'status', 'call_in'];
export const CONTACT_METHODS: ContactMethod[] = ['phone', 'text', 'email', 'mail', 'in_person', 'home_visit', 'other'];
export const CONTACT_OUTCOMES: ContactOutcome[] = ['reached', 'left_message', 'no_answer', 'wrong_number', 'other'];

/** What a referral is to: its service, or its need when no service is named. */
export function serviceLabel(r: ReferralRow): string {
  return r.serviceName?.trim() ? r.serviceName : m.need[r.need];
}

/** A date as the app shows it, or the dash. */
export function day(date: string | null | undefined): string {
  return date ? fmtDay(date) : m.none;
}

/** A call-in as a filter offers it: "Northside spring call-in (Sun, Mar 14, 2027)". */
export function callInOption(c: Pick<CallInSummary, 'title' | 'date'>): string {
  const title = c.title?.trim() ? c.title : m.callIns.untitled;
  return c.date ? `${title} (${fmtDay(c.date)})` : title;
}
