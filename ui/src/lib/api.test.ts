import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from './api';
import { session } from './session.svelte';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

beforeEach(() => {
  session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
});

describe('api', () => {
  it('passes camelCase arguments to the command', async () => {
    vi.mocked(invoke).mockResolvedValueOnce({ id: 'g-1' });
    await api.linkGroups('g-1', 'g-2', 'feud');
    expect(invoke).toHaveBeenLastCalledWith('link_groups', { groupId: 'g-1', otherGroupId: 'g-2', kind: 'feud' });
  });

  it('passes the printing commands their arguments as the backend names them', async () => {
    const request = { kind: 'signInSheet', callInId: 'c-1', walkInRows: 12 } as const;
    vi.mocked(invoke).mockResolvedValue(null);
    await api.previewDocument(request);
    expect(invoke).toHaveBeenLastCalledWith('preview_document', { request });
    await api.saveDocument(request);
    expect(invoke).toHaveBeenLastCalledWith('save_document', { request });
    await api.printDocument(request);
    expect(invoke).toHaveBeenLastCalledWith('print_document', { request });
    await api.letterTemplates();
    expect(invoke).toHaveBeenLastCalledWith('letter_templates', undefined);
    await api.saveLetterTemplate('spanish', 'Hola {first_name}.');
    expect(invoke).toHaveBeenLastCalledWith('save_letter_template', { language: 'spanish', text: 'Hola {first_name}.' });
    await api.resetLetterTemplate('english');
    expect(invoke).toHaveBeenLastCalledWith('reset_letter_template', { language: 'english' });
    await api.printSettings();
    expect(invoke).toHaveBeenLastCalledWith('print_settings', undefined);
    await api.savePrintSettings({ walkInRows: 20 });
    expect(invoke).toHaveBeenLastCalledWith('save_print_settings', { input: { walkInRows: 20 } });
  });

  it('passes the Directory, speaker and HSDS commands their arguments as the backend names them', async () => {
    vi.mocked(invoke).mockResolvedValue(null);
    const query = { text: 'hope', category: 'housing', status: 'active', retired: true } as const;
    await api.directoryList(query);
    expect(invoke).toHaveBeenLastCalledWith('directory_list', { query });
    await api.providerPage('pr-1');
    expect(invoke).toHaveBeenLastCalledWith('provider_page', { id: 'pr-1' });
    await api.retireProvider('pr-1', true);
    expect(invoke).toHaveBeenLastCalledWith('retire_provider', { id: 'pr-1', retired: true });
    await api.retireService('pr-1', 's-1', false);
    expect(invoke).toHaveBeenLastCalledWith('retire_service', { providerId: 'pr-1', serviceId: 's-1', retired: false });
    await api.searchSpeakers('lee');
    expect(invoke).toHaveBeenLastCalledWith('search_speakers', { text: 'lee' });
    await api.speakerPage('sp-1');
    expect(invoke).toHaveBeenLastCalledWith('speaker_page', { id: 'sp-1' });
    await api.hsdsOpen(true);
    expect(invoke).toHaveBeenLastCalledWith('hsds_open', { folder: true });
    const mappings = [{ kind: 'term', key: 'BD-1800', categories: ['housing'] }] as const;
    await api.hsdsPreview([...mappings.map((x) => ({ ...x, categories: [...x.categories] }))]);
    expect(invoke).toHaveBeenLastCalledWith('hsds_preview', { mappings: [{ kind: 'term', key: 'BD-1800', categories: ['housing'] }] });
    await api.hsdsImport([]);
    expect(invoke).toHaveBeenLastCalledWith('hsds_import', { mappings: [] });
    await api.hsdsClose();
    expect(invoke).toHaveBeenLastCalledWith('hsds_close', undefined);
    await api.hsdsExport('zip');
    expect(invoke).toHaveBeenLastCalledWith('hsds_export', { format: 'zip' });
  });

  it('rejects with the backend’s payload, and anything else as an internal error', async () => {
    const payload = { code: 'not_found', message: 'That person is not in the registry.', fields: [] };
    vi.mocked(invoke).mockRejectedValueOnce(payload);
    await expect(api.getPerson('nobody')).rejects.toEqual(payload);
    vi.mocked(invoke).mockRejectedValueOnce('IPC went away');
    await expect(api.listGroups()).rejects.toEqual({ code: 'internal', message: 'IPC went away', fields: [] });
    expect(session.unlocked).toBe(true);
  });

  it('goes back to the unlock screen on a locked error', async () => {
    vi.mocked(invoke).mockRejectedValueOnce({ code: 'locked', message: 'The app is locked.', fields: [] });
    await expect(api.searchPeople({})).rejects.toMatchObject({ code: 'locked' });
    expect(session.unlocked).toBe(false);
    expect(session.lockMessage).toBe('The app is locked.');
  });
});
