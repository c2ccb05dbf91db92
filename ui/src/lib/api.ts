// The only module that talks to the backend: one typed wrapper per Tauri command.
// Every wrapper rejects with an ErrorPayload; a `locked` error sends the app back to
// the unlock screen.

import { invoke } from '@tauri-apps/api/core';

import type { AuditEntry } from './bindings/AuditEntry';
import type { DemoSummary } from './bindings/DemoSummary';
import type { Group } from './bindings/Group';
import type { GroupInput } from './bindings/GroupInput';
import type { GroupSummary } from './bindings/GroupSummary';
import type { LinkKind } from './bindings/LinkKind';
import type { Page } from './bindings/Page';
import type { PeopleFilterOptions } from './bindings/PeopleFilterOptions';
import type { PeopleQuery } from './bindings/PeopleQuery';
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { PersonRow } from './bindings/PersonRow';
import type { SessionStatus } from './bindings/SessionStatus';
import { busy } from './busy.svelte';
import { toErrorPayload } from './errors';
import { session } from './session.svelte';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  busy.start();
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const payload = toErrorPayload(e);
    if (payload.code === 'locked') session.markLocked(payload.message);
    throw payload;
  } finally {
    busy.end();
  }
}

// Session

export const sessionStatus = () => call<SessionStatus>('session_status');

export const createDatabase = (passphrase: string, confirmation: string) =>
  call<SessionStatus>('create_database', { passphrase, confirmation });

export const unlock = (passphrase: string) => call<SessionStatus>('unlock', { passphrase });

export const lock = () => call<SessionStatus>('lock');

export const loadDemoData = () => call<DemoSummary>('load_demo_data');

// People

export const searchPeople = (query: PeopleQuery) => call<Page<PersonRow>>('search_people', { query });

export const peopleFilterOptions = () => call<PeopleFilterOptions>('people_filter_options');

export const getPerson = (id: string) => call<Person>('get_person', { id });

export const createPerson = (input: PersonInput) => call<Person>('create_person', { input });

export const updatePerson = (id: string, input: PersonInput) => call<Person>('update_person', { id, input });

export const archivePerson = (id: string) => call<Person>('archive_person', { id });

export const restorePerson = (id: string) => call<Person>('restore_person', { id });

export const personHistory = (id: string) => call<AuditEntry[]>('person_history', { id });

// Groups

export const listGroups = () => call<GroupSummary[]>('list_groups');

export const getGroup = (id: string) => call<Group>('get_group', { id });

export const createGroup = (input: GroupInput) => call<Group>('create_group', { input });

export const updateGroup = (id: string, input: GroupInput) => call<Group>('update_group', { id, input });

export const addGroupMember = (groupId: string, personId: string, role: string) =>
  call<Group>('add_group_member', { groupId, personId, role });

export const removeGroupMember = (groupId: string, personId: string) =>
  call<Group>('remove_group_member', { groupId, personId });

export const linkGroups = (groupId: string, otherGroupId: string, kind: LinkKind) =>
  call<Group>('link_groups', { groupId, otherGroupId, kind });

export const unlinkGroups = (groupId: string, linkId: string) => call<Group>('unlink_groups', { groupId, linkId });
