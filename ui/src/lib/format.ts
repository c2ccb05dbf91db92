// How names, dates, times, numbers and optional values are shown and read.

import { m } from './messages';

/** "Núñez, María" as lists show it; just the last name when there is no first name. */
export function listName(p: { firstName: string; lastName: string }): string {
  return p.firstName ? `${p.lastName}, ${p.firstName}` : p.lastName;
}

/** "María Núñez" as a heading shows it. */
export function fullName(p: { firstName: string; lastName: string }): string {
  return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** A value or the dash for "nothing recorded". */
export function orNone(v: string | null | undefined): string {
  return v === null || v === undefined || v === '' ? m.none : v;
}

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

/** A whole number as typed: null when blank, NaN when it is not a whole number. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,9}$/.test(t)) return Number.NaN;
  return Number(t);
}
