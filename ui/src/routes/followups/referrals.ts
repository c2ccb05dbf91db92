// How the follow-up screens show a referral. The backend decides every move and sends
// the statuses a referral can move to (ReferralHistory.next); the lists of values come
// from the generated bindings/labels.ts.

import type { CallInSummary } from '../../lib/bindings/CallInSummary';
import type { ReferralRow } from '../../lib/bindings/ReferralRow';
import { m } from '../../lib/messages';
import { fmtDay } from '../../lib/format';

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
