// How names and optional values are shown.

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
