// How call-ins, their times and their invitees are shown.

import type { ErrorPayload } from '../../lib/bindings/ErrorPayload';
import type { Invitation } from '../../lib/bindings/Invitation';
import type { Segment } from '../../lib/bindings/Segment';
import type { SpeakerAssignmentStatus } from '../../lib/bindings/SpeakerAssignmentStatus';
import { fieldMessages } from '../../lib/errors';
import { listName } from '../../lib/format';
import { m } from '../../lib/messages';

/** "Sun, Mar 14, 2027" for a `YYYY-MM-DD` date (the date as written, never shifted by a zone). */
export function fmtDay(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(m.locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}

/** A time zone as the coordinator reads it: "Eastern (New York)", or the zone's id. */
export function zoneLabel(zone: string | null): string {
  if (!zone) return '';
  return m.callIns.timeZones[zone] ?? zone;
}

/** "Sun, Mar 14, 2027 · 18:00 · Eastern (New York)", or "Date not set". */
export function whenLine(c: { date: string | null; startTime: string | null; timeZone: string | null }): string {
  if (!c.date) return m.callIns.noDate;
  return [fmtDay(c.date), c.startTime ?? '', zoneLabel(c.timeZone)].filter(Boolean).join(' · ');
}

/** The clock time now, "14:02", for "Saved 14:02". */
export function clockNow(): string {
  return new Intl.DateTimeFormat(m.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date());
}

/** Today on this computer, `YYYY-MM-DD`. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A segment's name: its title, or its kind. */
export function segmentName(s: Segment): string {
  return s.title?.trim() ? s.title : m.callIns.segmentKind[s.kind];
}

/** The kind said beside a segment's title: none when there is no title or it says the kind already. */
export function kindNote(s: Segment): string {
  const kind = m.callIns.segmentKind[s.kind];
  const title = s.title?.trim() ?? '';
  return title && title.toLowerCase() !== kind.toLowerCase() ? kind : '';
}

/** "Núñez, María" for an invitation. */
export function inviteeName(i: Invitation): string {
  return listName(i);
}

/**
 * The statuses a speaker assignment can be moved to from `status`, offered as buttons.
 * The backend decides; this only chooses which buttons to show.
 */
export const NEXT_ASSIGNMENT: Record<SpeakerAssignmentStatus, SpeakerAssignmentStatus[]> = {
  invited: ['confirmed', 'declined'],
  confirmed: ['spoke', 'declined'],
  spoke: [],
  declined: [],
};

/** A whole number as typed: null when blank, NaN when it is not a whole number. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,9}$/.test(t)) return Number.NaN;
  return Number(t);
}

/** The backend's messages by field, or its message under `''` when it names no field. */
export function errorsOf(e: ErrorPayload): Record<string, string> {
  if (e.code === 'validation') {
    const byField = fieldMessages(e);
    if (Object.keys(byField).length > 0) return byField;
  }
  return { '': e.message };
}
