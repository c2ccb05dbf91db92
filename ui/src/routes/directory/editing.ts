// The provider and service editors' forms: what they hold (the inputs the backend takes, each
// list row with a key of its own), how they are made from a provider or a service and turned
// back into its input, and where a field path of the backend's errors is shown.

import type { AddressInput } from '../../lib/bindings/AddressInput';
import type { ContactInput } from '../../lib/bindings/ContactInput';
import type { LanguageInput } from '../../lib/bindings/LanguageInput';
import type { LocationInput } from '../../lib/bindings/LocationInput';
import type { NeedCategory } from '../../lib/bindings/NeedCategory';
import type { PhoneInput } from '../../lib/bindings/PhoneInput';
import type { PlaceKind } from '../../lib/bindings/PlaceKind';
import type { Provider } from '../../lib/bindings/Provider';
import type { ProviderInput } from '../../lib/bindings/ProviderInput';
import type { ScheduleInput } from '../../lib/bindings/ScheduleInput';
import type { Service } from '../../lib/bindings/Service';
import type { ServiceInput } from '../../lib/bindings/ServiceInput';
import type { ServiceStatus } from '../../lib/bindings/ServiceStatus';
import type { SummaryLine } from '../../lib/errors';
import { m, NEEDS } from '../../lib/messages';

/** A row of a list editor: the input, and a key that stays with the row while rows come and go. */
export type Keyed<T> = T & { key: number };

let lastKey = 0;
/** A key no row has had in this session (rows kept over a lock keep theirs). */
export const nextKey = () => ++lastKey;

export type PhoneRow = Keyed<PhoneInput>;
export type ContactRow = Keyed<ContactInput>;
export type AddressRow = Keyed<Omit<AddressInput, 'addressType'>> & { addressType: PlaceKind };
export type LocationRow = Keyed<Omit<LocationInput, 'addresses' | 'locationType'>> & {
  locationType: PlaceKind;
  addresses: AddressRow[];
};
export type ScheduleRow = Keyed<ScheduleInput>;
export type LanguageRow = Keyed<LanguageInput>;

export interface ProviderForm {
  name: string;
  alternateName: string;
  description: string;
  email: string;
  website: string;
  phones: PhoneRow[];
  contacts: ContactRow[];
  locations: LocationRow[];
}

export interface ServiceForm {
  name: string;
  alternateName: string;
  description: string;
  status: ServiceStatus;
  categories: NeedCategory[];
  eligibility: string;
  applicationProcess: string;
  feesDescription: string;
  interpretationServices: string;
  url: string;
  email: string;
  locationIds: string[];
  phones: PhoneRow[];
  contacts: ContactRow[];
  schedules: ScheduleRow[];
  languages: LanguageRow[];
}

const text = (v: string | null | undefined) => v ?? '';

// New rows

export const newPhone = (): PhoneRow => ({ key: nextKey(), id: null, number: '', extension: '', kind: '', description: '' });

export const newContact = (): ContactRow => ({ key: nextKey(), id: null, name: '', title: '', department: '', email: '' });

export const newAddress = (): AddressRow => ({
  key: nextKey(),
  id: null,
  addressType: 'physical',
  attention: '',
  address1: '',
  address2: '',
  city: '',
  region: '',
  stateProvince: '',
  postalCode: '',
  country: 'US',
});

export const newLocation = (): LocationRow => ({
  key: nextKey(),
  id: null,
  locationType: 'physical',
  name: '',
  alternateName: '',
  description: '',
  transportation: '',
  latitude: '',
  longitude: '',
  url: '',
  addresses: [newAddress()],
});

export const newSchedule = (): ScheduleRow => ({
  key: nextKey(),
  id: null,
  freq: '',
  interval: '',
  byday: '',
  bymonthday: '',
  opensAt: '',
  closesAt: '',
  validFrom: '',
  validTo: '',
  dtstart: '',
  until: '',
  wkst: '',
  description: '',
  attendingType: '',
  notes: '',
});

export const newLanguage = (): LanguageRow => ({ key: nextKey(), id: null, name: '', code: '', note: '' });

// From what the backend has

function phoneRows(p: Provider['phones']): PhoneRow[] {
  return p.map((ph) => ({
    key: nextKey(),
    id: ph.id,
    number: ph.number,
    extension: text(ph.extension),
    kind: text(ph.kind),
    description: text(ph.description),
  }));
}

function contactRows(c: Provider['contacts']): ContactRow[] {
  return c.map((x) => ({
    key: nextKey(),
    id: x.id,
    name: text(x.name),
    title: text(x.title),
    department: text(x.department),
    email: text(x.email),
  }));
}

/** "09:00:00" as a time input shows it ("09:00"); anything else as it is. */
export function clockOf(v: string | null): string {
  if (!v) return '';
  return /^\d{2}:\d{2}:00$/.test(v) ? v.slice(0, 5) : v;
}

export function providerForm(p?: Provider): ProviderForm {
  return {
    name: p?.name ?? '',
    alternateName: text(p?.alternateName),
    description: text(p?.description),
    email: text(p?.email),
    website: text(p?.website),
    phones: phoneRows(p?.phones ?? []),
    contacts: contactRows(p?.contacts ?? []),
    locations: (p?.locations ?? []).map((l) => ({
      key: nextKey(),
      id: l.id,
      locationType: l.locationType,
      name: text(l.name),
      alternateName: text(l.alternateName),
      description: text(l.description),
      transportation: text(l.transportation),
      latitude: text(l.latitude),
      longitude: text(l.longitude),
      url: text(l.url),
      addresses: l.addresses.map((a) => ({
        key: nextKey(),
        id: a.id,
        addressType: a.addressType,
        attention: text(a.attention),
        address1: text(a.address1),
        address2: text(a.address2),
        city: text(a.city),
        region: text(a.region),
        stateProvince: text(a.stateProvince),
        postalCode: text(a.postalCode),
        country: text(a.country),
      })),
    })),
  };
}

export function serviceForm(s?: Service): ServiceForm {
  return {
    name: s?.name ?? '',
    alternateName: text(s?.alternateName),
    description: text(s?.description),
    status: s?.status ?? 'active',
    categories: s ? NEEDS.filter((n) => s.categories.includes(n)) : [],
    eligibility: text(s?.eligibility),
    applicationProcess: text(s?.applicationProcess),
    feesDescription: text(s?.feesDescription),
    interpretationServices: text(s?.interpretationServices),
    url: text(s?.url),
    email: text(s?.email),
    locationIds: [...(s?.locationIds ?? [])],
    phones: phoneRows(s?.phones ?? []),
    contacts: contactRows(s?.contacts ?? []),
    // Every field of a schedule goes back as it came; the form shows and edits some of them.
    schedules: (s?.schedules ?? []).map((x) => ({
      key: nextKey(),
      id: x.id,
      freq: text(x.freq),
      interval: text(x.interval),
      byday: text(x.byday),
      bymonthday: text(x.bymonthday),
      opensAt: clockOf(x.opensAt),
      closesAt: clockOf(x.closesAt),
      validFrom: text(x.validFrom),
      validTo: text(x.validTo),
      dtstart: text(x.dtstart),
      until: text(x.until),
      wkst: text(x.wkst),
      description: text(x.description),
      attendingType: text(x.attendingType),
      notes: text(x.notes),
    })),
    languages: (s?.languages ?? []).map((l) => ({
      key: nextKey(),
      id: l.id,
      name: text(l.name),
      code: text(l.code),
      note: text(l.note),
    })),
  };
}

// Back to the inputs

function unkeyed<T extends { key: number }>(row: T): Omit<T, 'key'> {
  const { key: _key, ...rest } = row;
  return rest;
}

export function providerInput(f: ProviderForm): ProviderInput {
  return {
    name: f.name,
    alternateName: f.alternateName,
    description: f.description,
    email: f.email,
    website: f.website,
    phones: f.phones.map(unkeyed),
    contacts: f.contacts.map(unkeyed),
    locations: f.locations.map((l) => ({ ...unkeyed(l), addresses: l.addresses.map(unkeyed) })),
  };
}

export function serviceInput(f: ServiceForm): ServiceInput {
  return {
    name: f.name,
    alternateName: f.alternateName,
    description: f.description,
    status: f.status,
    categories: NEEDS.filter((n) => f.categories.includes(n)),
    eligibility: f.eligibility,
    applicationProcess: f.applicationProcess,
    feesDescription: f.feesDescription,
    interpretationServices: f.interpretationServices,
    url: f.url,
    email: f.email,
    locationIds: f.locationIds,
    phones: f.phones.map(unkeyed),
    contacts: f.contacts.map(unkeyed),
    // A new schedule with days is weekly (HSDS `freq`); an existing one keeps what it had.
    schedules: f.schedules.map((s) => ({ ...unkeyed(s), freq: !s.id && !s.freq && s.byday ? 'WEEKLY' : s.freq })),
    languages: f.languages.map(unkeyed),
  };
}

// Schedule days

/** The RRULE days, Monday first. */
export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Whether `byday` ("MO,WE", or "1MO" as a package may write it) has the day. */
export function hasDay(byday: string, code: string): boolean {
  return byday
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .some((d) => d.endsWith(code));
}

/** `byday` with the day checked or not, the days in order ("MO,WE"). */
export function withDay(byday: string, code: string, on: boolean): string {
  return DAY_CODES.filter((d) => (d === code ? on : hasDay(byday, d))).join(',');
}

// Where the backend's messages go

/** The id of the input showing `path` (`phones.0.number` → `<base>-phones-0-number`). */
export function inputId(base: string, path: string): string {
  return `${base}-${path.split('.').join('-')}`;
}

const e = m.directoryEditor;

/** The inputs of each kind of row, by field name, with their labels; the first is a row's first input. */
const ROW_FIELDS = {
  phones: { number: e.number, extension: e.extension, kind: e.phoneType, description: e.phoneDescription },
  contacts: { name: e.contactName, title: e.contactTitle, department: e.department, email: e.contactEmail },
  locations: {
    locationType: e.locationType,
    name: e.locationName,
    description: e.locationDescription,
    transportation: e.transportation,
  },
  schedules: {
    byday: e.days,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    description: e.scheduleDescription,
    notes: e.scheduleNotes,
  },
  languages: { name: e.languageName, code: e.languageCode },
} satisfies Record<string, Record<string, string>>;

const ADDRESS_FIELDS: Record<string, string> = {
  addressType: e.addressType,
  address1: e.address1,
  address2: e.address2,
  city: e.city,
  stateProvince: e.stateProvince,
  postalCode: e.postalCode,
  country: e.country,
};

const ROW_ITEMS: Record<keyof typeof ROW_FIELDS, (i: number) => string> = {
  phones: e.phoneItem,
  contacts: e.contactItem,
  locations: e.locationItem,
  schedules: e.scheduleItem,
  languages: e.languageItem,
};

/** Inputs that are a group of checkboxes: the message stands under the group, the summary links to its first box. */
const GROUPS: Record<string, (f: Record<string, string>) => string> = {
  categories: () => NEEDS[0],
  locationIds: (f) => f.firstLocation ?? '',
  byday: () => DAY_CODES[0],
};

/** Where an error shows: the input (or group) whose message it is, how the summary names it, where its link goes. */
export interface Place {
  id: string | null;
  label: string;
  link: string | null;
}

/**
 * Where the message of `path` goes on an editor whose inputs are under `base`: `top` names
 * the editor's own inputs; the rows' inputs are known here. A path naming no input (a field
 * the form passes through) is said in the summary only.
 */
export function locate(
  base: string,
  path: string,
  top: Record<string, string>,
  extra: Record<string, string> = {},
): Place {
  const parts = path.split('.');
  const groupLink = (id: string, field: string) => {
    const first = GROUPS[field]?.(extra);
    return first ? `${id}-${first}` : null;
  };
  if (parts.length === 1 && path in top) {
    const id = inputId(base, path);
    return { id, label: top[path], link: path in GROUPS ? groupLink(id, path) : id };
  }
  const [list, index, field, subIndex, subField] = parts;
  if (!(list in ROW_FIELDS) || !/^\d+$/.test(index ?? '')) return { id: null, label: '', link: null };
  const i = Number(index);
  const fields: Record<string, string> = ROW_FIELDS[list as keyof typeof ROW_FIELDS];
  const item = ROW_ITEMS[list as keyof typeof ROW_FIELDS](i + 1);
  if (list === 'locations' && field === 'addresses' && /^\d+$/.test(subIndex ?? '')) {
    const j = Number(subIndex);
    const name = subField && subField in ADDRESS_FIELDS ? subField : 'address1';
    const id = inputId(base, `locations.${i}.addresses.${j}.${name}`);
    return { id, label: e.fieldIn(ADDRESS_FIELDS[name], e.addressItem(i + 1, j + 1)), link: id };
  }
  const name = field && field in fields ? field : Object.keys(fields)[0];
  const id = inputId(base, `${list}.${i}.${name}`);
  return { id, label: e.fieldIn(fields[name], item), link: name in GROUPS ? groupLink(id, name) : id };
}

/** Messages by field path placed on an editor: by input id, and as the summary's lines. */
export function place(
  byField: Record<string, string>,
  where: (path: string) => Place,
): { errors: Record<string, string>; lines: SummaryLine[] } {
  const errors: Record<string, string> = {};
  const lines: SummaryLine[] = [];
  for (const [path, message] of Object.entries(byField)) {
    const p = where(path);
    if (p.id) errors[p.id] = errors[p.id] ? `${errors[p.id]} ${message}` : message;
    lines.push({ id: p.link, label: p.label, message });
  }
  return { errors, lines };
}

/** The errors without those of one list's rows (they point at rows by position, which has changed). */
export function withoutRows(errors: Record<string, string>, base: string, list: string): Record<string, string> {
  const prefix = `${base}-${list}-`;
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith(prefix)));
}
