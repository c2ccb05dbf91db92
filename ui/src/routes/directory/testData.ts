// Providers and services as the backend sends them (the HSDS-shaped directory), for tests.
// Every field is there; a test gives the ones it is about.

import type { Address } from '../../lib/bindings/Address';
import type { CallInVisit } from '../../lib/bindings/CallInVisit';
import type { HsdsPreview } from '../../lib/bindings/HsdsPreview';
import type { Location } from '../../lib/bindings/Location';
import type { Phone } from '../../lib/bindings/Phone';
import type { Provider } from '../../lib/bindings/Provider';
import type { ProviderPage } from '../../lib/bindings/ProviderPage';
import type { ProviderSummary } from '../../lib/bindings/ProviderSummary';
import type { Schedule } from '../../lib/bindings/Schedule';
import type { Service } from '../../lib/bindings/Service';
import { NEEDS } from '../../lib/messages';

export function phone(id: string, number: string, extra: Partial<Phone> = {}): Phone {
  return { id, number, extension: null, kind: null, description: null, ...extra };
}

export function address(id: string, address1: string, extra: Partial<Address> = {}): Address {
  return {
    id,
    addressType: 'physical',
    attention: null,
    address1,
    address2: null,
    city: 'New Haven',
    region: null,
    stateProvince: 'CT',
    postalCode: '06511',
    country: 'US',
    ...extra,
  };
}

export function location(id: string, name: string | null, addresses: Address[], extra: Partial<Location> = {}): Location {
  const first = addresses[0];
  const line = first ? [first.address1, first.city].filter(Boolean).join(', ') : '';
  return {
    id,
    locationType: 'physical',
    name,
    alternateName: null,
    description: null,
    transportation: null,
    latitude: null,
    longitude: null,
    url: null,
    addresses,
    oneLine: [name, line].filter(Boolean).join(' — '),
    ...extra,
  };
}

export function schedule(id: string, extra: Partial<Schedule> = {}): Schedule {
  return {
    id,
    freq: null,
    interval: null,
    byday: null,
    bymonthday: null,
    opensAt: null,
    closesAt: null,
    validFrom: null,
    validTo: null,
    dtstart: null,
    until: null,
    wkst: null,
    description: null,
    attendingType: null,
    notes: null,
    summary: '',
    ...extra,
  };
}

export function service(
  id: string,
  providerId: string,
  name: string,
  categories: Service['categories'],
  extra: Partial<Service> = {},
): Service {
  return {
    id,
    providerId,
    name,
    alternateName: null,
    description: null,
    status: 'active',
    categories,
    eligibility: null,
    applicationProcess: null,
    feesDescription: null,
    interpretationServices: null,
    url: null,
    email: null,
    retired: false,
    hsdsId: null,
    locationIds: [],
    phones: [],
    contacts: [],
    schedules: [],
    languages: [],
    contactName: null,
    phone: null,
    location: null,
    ...extra,
  };
}

export function provider(id: string, name: string, services: Service[] = [], extra: Partial<Provider> = {}): Provider {
  const p: Provider = {
    id,
    name,
    alternateName: null,
    description: null,
    email: null,
    website: null,
    retired: false,
    hsdsId: null,
    phones: [],
    contacts: [],
    locations: [],
    services,
    categories: NEEDS.filter((n) => services.some((s) => !s.retired && s.categories.includes(n))),
    phone: null,
    address: null,
    ...extra,
  };
  return { ...p, phone: p.phone ?? p.phones[0]?.number ?? null, address: p.address ?? p.locations[0]?.oneLine ?? null };
}

/** A provider as the Directory list has it. */
export function summary(p: Provider): ProviderSummary {
  const offered = p.services.filter((s) => !s.retired);
  return {
    id: p.id,
    name: p.name,
    alternateName: p.alternateName,
    categories: p.categories,
    statuses: (['active', 'inactive', 'defunct', 'temporarily_closed'] as const).filter((st) =>
      offered.some((s) => s.status === st),
    ),
    services: offered.length,
    phone: p.phone,
    address: p.address,
    retired: p.retired,
  };
}

export function visit(callInId: string, title: string, extra: Partial<CallInVisit> = {}): CallInVisit {
  return { callInId, title, date: '2027-03-14', status: 'held', segment: null, segmentKind: null, assignment: null, ...extra };
}

const zero = { made: 0, engaged: 0, completed: 0, declined: 0, open: 0 };

export function page(p: Provider, extra: Partial<ProviderPage> = {}): ProviderPage {
  return {
    provider: p,
    callIns: [],
    referrals: zero,
    byService: p.services.map((s) => ({ serviceId: s.id, name: s.name, counts: zero })),
    ...extra,
  };
}

export function hsdsPreview(extra: Partial<HsdsPreview> = {}): HsdsPreview {
  return {
    fileName: 'elm-city-211.zip',
    source: 'Elm City 211',
    layout: 'tabular3',
    version: '3.0',
    counts: {
      newOrganizations: 0,
      changedOrganizations: 0,
      unchangedOrganizations: 0,
      newServices: 0,
      changedServices: 0,
      unchangedServices: 0,
    },
    organizations: [],
    services: [],
    problems: [],
    blocked: false,
    notKept: [],
    mappings: [],
    unmappedServices: 0,
    ...extra,
  };
}
