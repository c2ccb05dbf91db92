// How the Directory shows a provider's details on one line.

import type { Address } from '../../lib/bindings/Address';
import type { Contact } from '../../lib/bindings/Contact';
import type { Language } from '../../lib/bindings/Language';
import type { Phone } from '../../lib/bindings/Phone';
import { m } from '../../lib/messages';

/** "12 Main St, Suite 4, Springfield, IL 62701, US". */
export function addressLine(a: Address): string {
  const stateZip = [a.stateProvince, a.postalCode].filter(Boolean).join(' ');
  return [a.address1, a.address2, a.city, stateZip, a.country].filter(Boolean).join(', ');
}

/** "203-555-0100 ext. 12 (voice) — Front desk". */
export function phoneLine(p: Phone): string {
  return m.providerPage.phoneLine(p.number, p.extension, p.kind, p.description);
}

/** "Ana Ruiz — Intake coordinator, Housing · ana@example.org · 203-555-0101". */
export function contactLine(c: Contact): string {
  const who = [c.name, [c.title, c.department].filter(Boolean).join(', ')].filter(Boolean).join(' — ');
  return [who, c.email, ...c.phones.map(phoneLine)].filter(Boolean).join(' · ');
}

/** "Spanish (es)". */
export function languageLine(l: Language): string {
  if (l.name && l.code) return `${l.name} (${l.code})`;
  return l.name ?? l.code ?? '';
}
