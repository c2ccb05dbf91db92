// How call-ins, their times and their invitees are shown.

import type { Invitation } from '../../lib/bindings/Invitation';
import type { Segment } from '../../lib/bindings/Segment';
import { fmtDay, listName } from '../../lib/format';
import { m } from '../../lib/messages';

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

