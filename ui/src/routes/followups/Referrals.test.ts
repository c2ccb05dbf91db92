import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import * as api from '../../lib/api';
import type { CallInSummary } from '../../lib/bindings/CallInSummary';
import type { ExportSummary } from '../../lib/bindings/ExportSummary';
import type { Provider } from '../../lib/bindings/Provider';
import type { ReferralHistory } from '../../lib/bindings/ReferralHistory';
import type { ReferralQuery } from '../../lib/bindings/ReferralQuery';
import type { ReferralRow } from '../../lib/bindings/ReferralRow';
import type { ReferralStatus } from '../../lib/bindings/ReferralStatus';
import { labels } from '../../lib/bindings/labels';
import { next as lifecycle } from '../../lib/bindings/lifecycles';
import { today } from '../../lib/format';
import { nav } from '../../lib/nav.svelte';
import { session } from '../../lib/session.svelte';
import { invalid, refused } from '../../test/backend';
import Shell from '../Shell.svelte';
import FollowUps from './FollowUps.svelte';
import { followUpsState } from './state.svelte';
import { summary } from '../directory/testData';
import { CALL_INS, history, PROVIDERS, referral, referralList } from './testData';

vi.mock('../../lib/api');

const OPEN_QUERY = {
  callInId: null,
  providerId: null,
  need: null,
  status: null,
  due: null,
  sort: 'due',
  descending: false,
} satisfies ReferralQuery;

const EASTSIDE: CallInSummary = {
  ...CALL_INS[0],
  id: 'c-2',
  title: 'Eastside winter call-in',
  date: '2027-01-10',
};
const CROSSROADS: Provider = { ...PROVIDERS[0], id: 'pr-2', name: 'Crossroads Recovery', categories: ['substance_use'] };
const HOMES: Provider = { ...PROVIDERS[0], id: 'pr-3', name: 'Elm City Homes', categories: ['housing'] };

/** The final statuses, which no move leaves (src-tauri/domain/lifecycle.rs, `ReferralStatus::next`). */
const FINAL = (Object.keys(lifecycle.ReferralStatus) as ReferralStatus[]).filter((s) => lifecycle.ReferralStatus[s].length === 0);
/** The order of the status sort (the enum's order, generated from src-tauri/domain/labels.rs). */
const STATUS_ORDER = Object.keys(labels.ReferralStatus) as ReferralStatus[];
/** Who the backend records as having made a move: the computer's login (src-tauri/store/audit.rs, `actor`). */
const ACTOR = 'kalvarez';
/** One collator for every sort (String.localeCompare makes one per call: slow over 500 rows). */
const collator = new Intl.Collator('en');

/**
 * The follow-up list's backend, holding its referrals: it lists, filters and sorts them as
 * src-tauri/store/followups.rs does (the first 500, all of them counted), and moves them, logs
 * contact and records consent with the rules and messages of src-tauri/domain/followups.rs and
 * domain/lifecycle.rs; the history's lines read as `history` in store/followups.rs writes them.
 */
function followUpBackend(start: ReferralRow[], startTotal?: number) {
  let rows = [...start];
  const histories = new Map<string, ReferralHistory>(
    start.map((r) => [r.id, history({ status: r.status, dueOn: r.dueOn })]),
  );
  const label = (s: ReferralStatus) => labels.ReferralStatus[s].en;
  const row = (id: string) => {
    const r = rows.find((x) => x.id === id);
    if (!r) throw refused('not_found', 'That referral does not exist.');
    return r;
  };
  const update = (id: string, change: Partial<ReferralRow>) => {
    rows = rows.map((r) => (r.id === id ? { ...r, ...change } : r));
    return row(id);
  };
  const add = (id: string, item: ReferralHistory['items'][number], change: Partial<ReferralHistory>) => {
    const h = histories.get(id)!;
    const next = { ...h, ...change, items: [...h.items, item] };
    histories.set(id, next);
    return next;
  };

  vi.mocked(api.listReferrals).mockImplementation(async (q) => {
    const order = (r: ReferralRow): string | number => {
      switch (q.sort) {
        case 'person':
          return r.personName;
        case 'provider':
          return r.providerName ?? '';
        case 'status':
          return STATUS_ORDER.indexOf(r.status);
        case 'call_in':
          return r.callInDate ?? '';
        default:
          return r.dueOn ?? '9999';
      }
    };
    const matching = rows
      .filter((r) => (q.status ? r.status === q.status : !FINAL.includes(r.status)))
      .filter((r) => !q.callInId || r.callInId === q.callInId)
      .filter((r) => !q.providerId || r.providerId === q.providerId)
      .filter((r) => !q.need || r.need === q.need)
      .filter((r) => q.due !== 'overdue' || r.overdue)
      .sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        const by = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
        return (q.descending ? -by : by) || collator.compare(a.personName, b.personName);
      });
    return referralList(matching.slice(0, 500), {
      total: startTotal ?? matching.length,
      overdue: matching.filter((r) => r.overdue).length,
    });
  });
  vi.mocked(api.referralHistory).mockImplementation(async (id) => histories.get(id)!);
  vi.mocked(api.moveReferral).mockImplementation(async (id, change) => {
    const from = row(id).status;
    // src-tauri/domain/lifecycle.rs (ReferralStatus::transition_with_reason).
    if (change.to === 'closed' && !change.reason.trim()) throw invalid(['reason', 'Say why the referral is closed.']);
    update(id, { status: change.to, overdue: FINAL.includes(change.to) ? false : row(id).overdue });
    return add(
      id,
      {
        onDate: change.onDate,
        kind: 'status',
        summary: `${label(from)} → ${label(change.to)}`,
        note: change.note || change.reason || null,
        byWhom: ACTOR,
      },
      { status: change.to, next: lifecycle.ReferralStatus[change.to] },
    );
  });
  vi.mocked(api.logContactAttempt).mockImplementation(async (id, input) => {
    // src-tauri/domain/followups.rs (validate_contact): every wrong field, the first one's message on top.
    const problems: [string, string][] = [];
    if (!input.method) problems.push(['method', 'Choose how contact was attempted.']);
    if (!input.outcome) problems.push(['outcome', 'Choose the outcome.']);
    if (!input.method || !input.outcome) throw invalid(...problems);
    const dueOn = input.nextDueOn ?? row(id).dueOn;
    update(id, { lastContactOn: input.attemptedOn, lastContactOutcome: input.outcome, dueOn });
    return add(
      id,
      {
        onDate: input.attemptedOn,
        kind: 'contact',
        summary: `Contact: ${labels.ContactMethod[input.method].en}, ${labels.ContactOutcome[input.outcome].en}`,
        note: input.note || null,
        byWhom: input.byWhom || null,
      },
      { dueOn },
    );
  });
  vi.mocked(api.recordConsent).mockImplementation(async (id, input) =>
    update(id, { consent: input.consent, consentOn: input.onDate, consentScope: input.scope || null }),
  );
}

function renderReferrals(onopenperson = vi.fn()) {
  return render(FollowUps, { props: { view: 'referrals', onview: vi.fn(), onopenperson } });
}

/** Follow-ups inside the window, for what happens when the coordinator goes elsewhere. */
function renderInShell() {
  session.set({ databaseExists: true, unlocked: true, dataDir: '/data', failedAttempts: 0, retryAfterSeconds: 0, idleLockMinutes: 30 });
  session.notice = null;
  nav.route = { area: 'followups', view: 'referrals' };
  vi.mocked(api.listNoShows).mockResolvedValue([]);
  vi.mocked(api.searchPeople).mockResolvedValue({ rows: [], total: 0, nextCursor: null });
  vi.mocked(api.peopleFilterOptions).mockResolvedValue({ agencies: [], officers: [], groups: [] });
  vi.mocked(api.listGroups).mockResolvedValue([]);
  render(Shell);
}

/** The fieldset whose legend reads `legend`. */
function fieldset(legend: string): HTMLElement {
  return screen.getByRole('group', { name: legend });
}

/** The people in the list, in its order. */
function listed(): string[] {
  return [...document.querySelectorAll('.fu-table tbody .row-open')].map((b) => b.textContent ?? '');
}

/** The list's row of `person`. */
function rowOf(person: string): HTMLElement {
  return screen.getByRole('button', { name: person }).closest('tr') as HTMLElement;
}

/** The status badge in a row of the list. */
function statusIn(row: HTMLElement): string {
  return row.querySelector('[class*="fu-status-"]')?.textContent ?? '';
}

beforeEach(() => {
  followUpsState.reset();
  vi.mocked(api.listCallIns).mockResolvedValue([...CALL_INS, EASTSIDE]);
  vi.mocked(api.directoryList).mockResolvedValue([...PROVIDERS, CROSSROADS, HOMES].map(summary));
  followUpBackend([referral('r-1', 'María Núñez')]);
});

describe('follow-ups: referrals', () => {
  it('has the heading and the two views, and switches to the No-shows view', async () => {
    const user = userEvent.setup();
    followUpBackend([]);
    renderInShell();

    expect(await screen.findByRole('heading', { level: 1, name: 'Follow-ups' })).toBeTruthy();
    const views = screen.getByRole('navigation', { name: 'Follow-up views' });
    expect(within(views).getByRole('button', { name: 'Referrals' }).getAttribute('aria-current')).toBe('page');
    expect(within(views).getByRole('button', { name: 'No-shows' }).getAttribute('aria-current')).toBeNull();
    expect(await screen.findByText('No open referrals match these filters.')).toBeTruthy();
    expect(screen.getByText('0 referrals, 0 overdue')).toBeTruthy();

    await user.click(within(views).getByRole('button', { name: 'No-shows' }));
    expect(await screen.findByText('No no-shows to follow up.')).toBeTruthy();
    expect(within(views).getByRole('button', { name: 'No-shows' }).getAttribute('aria-current')).toBe('page');
    expect(within(views).getByRole('button', { name: 'Referrals' }).getAttribute('aria-current')).toBeNull();
    expect(screen.queryByText('No open referrals match these filters.')).toBeNull();
  });

  it('lists what the filters and the sort choose, loading again once on each change', async () => {
    const user = userEvent.setup();
    followUpBackend([
      referral('r-1', 'María Núñez', { dueOn: '2027-03-21' }),
      referral('r-2', 'Kevin O’Brien', {
        need: 'substance_use',
        part2: true,
        serviceName: 'Outpatient program',
        providerId: 'pr-2',
        providerName: 'Crossroads Recovery',
        status: 'intake_scheduled',
        dueOn: '2027-03-25',
      }),
      referral('r-3', 'Ana Ortiz', {
        need: 'housing',
        serviceName: 'Rapid rehousing',
        providerId: 'pr-3',
        providerName: 'Elm City Homes',
        callInId: 'c-2',
        callInTitle: 'Eastside winter call-in',
        callInDate: '2027-01-10',
        dueOn: '2027-01-13',
      }),
      referral('r-4', 'Luis Vega', { status: 'completed', dueOn: null }),
    ]);
    renderReferrals();

    await waitFor(() => expect(listed()).toEqual(['Ana Ortiz', 'María Núñez', 'Kevin O’Brien']));
    expect(api.listReferrals).toHaveBeenCalledWith(OPEN_QUERY);
    expect(screen.getByText('3 referrals, 0 overdue')).toBeTruthy();
    for (const label of ['Call-in', 'Provider', 'Need', 'Status', 'Due', 'Sort by']) {
      expect(screen.getByLabelText(label).tagName).toBe('SELECT');
    }
    const status = screen.getByLabelText('Status') as HTMLSelectElement;
    expect(status.options[0].textContent).toBe('Open (all)');
    const due = screen.getByLabelText('Due') as HTMLSelectElement;
    expect([...due.options].map((o) => o.textContent)).toEqual(['Any time', 'Overdue', 'Due this week']);
    const sort = screen.getByLabelText('Sort by') as HTMLSelectElement;
    expect([...sort.options].map((o) => o.textContent)).toEqual(['Due date', 'Person', 'Provider', 'Status', 'Call-in']);
    await screen.findByRole('option', { name: 'Northside spring call-in (Sun, Mar 14, 2027)' });

    await user.selectOptions(screen.getByLabelText('Call-in'), 'Northside spring call-in (Sun, Mar 14, 2027)');
    await waitFor(() => expect(listed()).toEqual(['María Núñez', 'Kevin O’Brien']));
    expect(screen.getByText('2 referrals, 0 overdue')).toBeTruthy();
    await user.selectOptions(sort, 'Person');
    await waitFor(() => expect(listed()).toEqual(['Kevin O’Brien', 'María Núñez']));
    await user.click(screen.getByLabelText('Reverse order'));
    await waitFor(() => expect(listed()).toEqual(['María Núñez', 'Kevin O’Brien']));
    await user.selectOptions(status, 'Completed');
    await waitFor(() => expect(listed()).toEqual(['Luis Vega']));
    expect(rowOf('Luis Vega').textContent).toContain('Completed');
    await user.selectOptions(status, 'Open (all)');
    await user.selectOptions(screen.getByLabelText('Provider'), 'Workforce Alliance');
    await waitFor(() => expect(listed()).toEqual(['María Núñez']));
    await user.selectOptions(screen.getByLabelText('Need'), 'Substance-use treatment');
    expect(await screen.findByText('No open referrals match these filters.')).toBeTruthy();
    await user.selectOptions(status, 'Intake scheduled');
    expect(await screen.findByText('No referrals match these filters.')).toBeTruthy();
    await user.selectOptions(due, 'Due this week');
    await user.selectOptions(sort, 'Provider');
    await waitFor(() =>
      expect(api.listReferrals).toHaveBeenLastCalledWith({
        callInId: 'c-1',
        providerId: 'pr-1',
        need: 'substance_use',
        status: 'intake_scheduled',
        due: 'this_week',
        sort: 'provider',
        descending: true,
      } satisfies ReferralQuery),
    );
    // One load for the first list and one for each of the ten changes.
    expect(api.listReferrals).toHaveBeenCalledTimes(11);
  });

  it('offers retired providers in the provider filter too, marked retired: their referrals are still followed up', async () => {
    vi.mocked(api.directoryList).mockResolvedValue([
      summary(PROVIDERS[0]),
      summary({ ...CROSSROADS, retired: true }),
    ]);
    renderReferrals();
    await screen.findByRole('option', { name: 'Crossroads Recovery (retired)' });
    expect(api.directoryList).toHaveBeenCalledWith({ text: '', category: null, status: null, retired: true });
    const options = [...(screen.getByLabelText('Provider') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['All providers', 'Workforce Alliance', 'Crossroads Recovery (retired)']);
  });

  it('makes the overdue rows stand out in words, flags Part 2 referrals and says when the list is cut', async () => {
    // The backend sends the first 500 and counts them all (src-tauri/commands/followups.rs, LIST_LIMIT).
    // Rendering 500 rows takes a few seconds in jsdom: hence the longer time limit.
    const filler = Array.from({ length: 497 }, (_, i) =>
      referral(`r-f${i}`, `Person ${String(i).padStart(3, '0')}`, { dueOn: '2027-04-30' }),
    );
    followUpBackend(
      [
        referral('r-1', 'María Núñez', {
          overdue: true,
          dueOn: '2027-03-01',
          lastContactOn: '2027-02-27',
          lastContactOutcome: 'no_answer',
        }),
        referral('r-2', 'Kevin O’Brien', { need: 'substance_use', part2: true, serviceName: 'Outpatient program' }),
        referral('r-3', 'Ana Ortiz', {
          need: 'substance_use',
          part2: true,
          consent: 'given',
          consentOn: '2027-03-14',
          consentScope: 'Program staff',
        }),
        ...filler,
      ],
      612,
    );
    renderReferrals();

    // A list this long is read with plain selectors: role queries over 500 rows take seconds in jsdom.
    await waitFor(() => expect(listed()).toHaveLength(500), { timeout: 20_000 });
    const row = (id: string) => document.querySelector<HTMLElement>(`.fu-table tr[data-id="${id}"]`)!;
    const overdueRow = row('r-1');
    expect(overdueRow.querySelector('.row-open')?.textContent).toBe('María Núñez');
    expect(overdueRow.classList.contains('fu-overdue')).toBe(true);
    expect(within(overdueRow).getByText('Overdue')).toBeTruthy();
    expect(within(overdueRow).getByText(/Mon, Mar 1, 2027/)).toBeTruthy();
    expect(within(overdueRow).getByText('Sat, Feb 27, 2027')).toBeTruthy();
    expect(within(overdueRow).getByText('No answer')).toBeTruthy();
    const onTime = row('r-2');
    expect(within(onTime).queryByText('Overdue')).toBeNull();
    expect(within(onTime).getByText('Part 2')).toBeTruthy();
    expect(within(onTime).getByText('consent needed')).toBeTruthy();
    const consented = row('r-3');
    expect(within(consented).getByText('Part 2')).toBeTruthy();
    expect(within(consented).queryByText('consent needed')).toBeNull();
    expect(document.querySelectorAll('.fu-table tr.fu-overdue')).toHaveLength(1);

    expect(screen.getByText('612 referrals, 1 overdue')).toBeTruthy();
    expect(screen.getByText('Showing the first 500 of 612.')).toBeTruthy();
    const headers = [...document.querySelectorAll('.fu-table thead th')].map((h) => h.textContent);
    expect(headers).toEqual(['Person', 'Need', 'Service / provider', 'Call-in', 'Status', 'Due', 'Last contact']);
  }, 30_000);

  it('says "1 referral" for one', async () => {
    renderReferrals();
    expect(await screen.findByText('1 referral, 0 overdue')).toBeTruthy();
    expect(screen.queryByText(/Showing the first/)).toBeNull();
  });

  it('moves a referral to Engaged: the history, the list and the moves offered follow, and the panel stays open', async () => {
    const user = userEvent.setup();
    followUpBackend([referral('r-1', 'María Núñez', { status: 'intake_scheduled' })]);
    renderReferrals();
    expect(statusIn(await screen.findByRole('row', { name: /María Núñez/ }))).toBe('Intake scheduled');

    await user.click(screen.getByRole('button', { name: 'María Núñez' }));
    const panel = await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'María Núñez — Job readiness' })).toBeTruthy();
    // The first line of every referral's history (src-tauri/store/dayof.rs, insert_referral).
    expect(await within(panel).findByText('Referred')).toBeTruthy();
    expect(within(panel).getByText('Offer of help accepted at the call-in')).toBeTruthy();
    expect(within(panel).getByText(ACTOR)).toBeTruthy();

    const move = within(panel).getByRole('group', { name: 'Move to' });
    const newStatus = within(move).getByLabelText('New status') as HTMLSelectElement;
    expect([...newStatus.options].map((o) => o.textContent)).toEqual(['Engaged', 'Declined', 'Lost contact', 'Closed']);
    expect(newStatus.value).toBe('engaged');
    expect((within(move).getByLabelText('Date of change') as HTMLInputElement).value).toBe(today());
    expect(within(move).queryByLabelText('Reason')).toBeNull();
    await user.type(within(move).getByLabelText('Note on the change'), 'First session done.');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));

    expect((await within(move).findByRole('status')).textContent).toBe('Moved to Engaged.');
    expect(api.moveReferral).toHaveBeenCalledWith('r-1', {
      to: 'engaged',
      onDate: today(),
      note: 'First session done.',
      reason: '',
    });
    expect(await within(panel).findByText('Intake scheduled → Engaged')).toBeTruthy();
    expect(within(panel).getByText('First session done.')).toBeTruthy();
    await waitFor(() => expect(statusIn(rowOf('María Núñez'))).toBe('Engaged'));
    // The panel stays open, now offering the moves from Engaged.
    expect(screen.getByRole('region', { name: 'María Núñez — Job readiness' })).toBe(panel);
    await waitFor(() =>
      expect([...(within(move).getByLabelText('New status') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
        'Completed',
        'Declined',
        'Lost contact',
        'Closed',
      ]),
    );
    expect((within(move).getByLabelText('Note on the change') as HTMLInputElement).value).toBe('');
  });

  it('asks before leaving with a note typed and not saved, and not without one', async () => {
    const user = userEvent.setup();
    renderInShell();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    // Nothing typed: the window goes straight to People.
    await user.click(screen.getByRole('button', { name: 'People' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'People' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Follow-ups' }));
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const panel = await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    await user.type(within(panel).getByLabelText('Note on the attempt'), 'Left a voicemail');
    await user.click(screen.getByRole('button', { name: 'People' }));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByRole('heading', { level: 1, name: 'People' })).toBeNull();
    expect((within(panel).getByLabelText('Note on the attempt') as HTMLInputElement).value).toBe('Left a voicemail');
  });

  it('asks for a reason when closing, shows the backend’s message beside it, and the closed referral leaves the open list', async () => {
    const user = userEvent.setup();
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const move = fieldset('Move to');
    await user.selectOptions(within(move).getByLabelText('New status'), 'Closed');
    const reason = within(move).getByLabelText('Reason');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    expect(within(move).getByText('Say why the referral is closed.')).toBeTruthy();
    expect(api.moveReferral).toHaveBeenCalledWith('r-1', expect.objectContaining({ to: 'closed', reason: '' }));
    expect(statusIn(rowOf('María Núñez'))).toBe('Referred');

    await user.type(reason, 'Moved out of state.');
    await user.click(within(move).getByRole('button', { name: 'Save move' }));
    // Closed is final: the panel says so and offers no more moves.
    expect(await screen.findByText(/This referral is Closed/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Move to' })).toBeNull();
    expect(screen.getByText('Moved to Closed.').getAttribute('role')).toBe('status');
    expect(screen.getByText('Referred → Closed')).toBeTruthy();
    expect(screen.getByText('Moved out of state.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.textContent).toContain('This referral is Closed'));
    // The list shows open referrals: the closed one has left it; its panel stays.
    expect(await screen.findByText('No open referrals match these filters.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'María Núñez — Job readiness' })).toBeTruthy();
  });

  it('logs a contact attempt: the history, the due date and the list’s last contact show it', async () => {
    const user = userEvent.setup();
    renderReferrals();
    expect(within(await screen.findByRole('row', { name: /María Núñez/ })).getByText('None yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'María Núñez' }));

    const contact = fieldset('Log contact attempt');
    expect((within(contact).getByLabelText('Date of attempt') as HTMLInputElement).value).toBe(today());
    await user.selectOptions(within(contact).getByLabelText('Method'), 'Phone');
    await user.type(within(contact).getByLabelText('By'), 'K. Alvarez');
    await user.selectOptions(within(contact).getByLabelText('Outcome'), 'Left a message');
    await user.type(within(contact).getByLabelText('Note on the attempt'), 'Call back Friday.');
    await user.type(within(contact).getByLabelText('Next due date'), '2027-04-02');
    await user.click(within(contact).getByRole('button', { name: 'Log attempt' }));

    expect((await within(contact).findByRole('status')).textContent).toBe('Contact attempt logged.');
    expect(api.logContactAttempt).toHaveBeenCalledWith('r-1', {
      attemptedOn: today(),
      method: 'phone',
      byWhom: 'K. Alvarez',
      outcome: 'left_message',
      note: 'Call back Friday.',
      nextDueOn: '2027-04-02',
    });
    const panel = screen.getByRole('region', { name: 'María Núñez — Job readiness' });
    // src-tauri/store/followups.rs (history) writes the line.
    expect(await within(panel).findByText('Contact: Phone, Left a message')).toBeTruthy();
    expect(within(panel).getByText('Call back Friday.')).toBeTruthy();
    expect(within(panel).getAllByText('Fri, Apr 2, 2027').length).toBeGreaterThan(0);
    const row = rowOf('María Núñez');
    await waitFor(() => expect(within(row).getByText('Left a message')).toBeTruthy());
    expect(within(row).getByText('Fri, Apr 2, 2027')).toBeTruthy();
    expect(within(row).queryByText('None yet')).toBeNull();
  });

  it('sends no method or outcome when none is chosen, and shows the backend’s field errors', async () => {
    const user = userEvent.setup();
    renderReferrals();
    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    const panel = await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    await within(panel).findByText('Offer of help accepted at the call-in');
    const contact = fieldset('Log contact attempt');
    await user.click(within(contact).getByRole('button', { name: 'Log attempt' }));
    expect(await within(contact).findByText('Choose how contact was attempted.')).toBeTruthy();
    expect(api.logContactAttempt).toHaveBeenCalledWith('r-1', {
      attemptedOn: today(),
      method: null,
      byWhom: '',
      outcome: null,
      note: '',
      nextDueOn: null,
    });
    expect(within(contact).getByText('Choose the outcome.')).toBeTruthy();
    expect(within(contact).getByLabelText('Method').getAttribute('aria-invalid')).toBe('true');
    expect(within(contact).getByLabelText('Outcome').getAttribute('aria-invalid')).toBe('true');
    expect(within(contact).getByRole('status').textContent).toBe('');
    // Nothing was logged.
    expect(within(panel).queryByText(/^Contact: /)).toBeNull();
    expect(within(rowOf('María Núñez')).getByText('None yet')).toBeTruthy();
  });

  it('offers the consent form on Part 2 referrals only, and records consent', async () => {
    const user = userEvent.setup();
    followUpBackend([
      referral('r-1', 'María Núñez'),
      referral('r-2', 'Kevin O’Brien', { need: 'substance_use', part2: true, serviceName: 'Outpatient program' }),
    ]);
    renderReferrals();

    await user.click(await screen.findByRole('button', { name: 'María Núñez' }));
    await screen.findByRole('region', { name: 'María Núñez — Job readiness' });
    expect(screen.queryByRole('group', { name: 'Consent (42 CFR Part 2)' })).toBeNull();
    expect(screen.queryByLabelText('Consent given')).toBeNull();

    expect(within(rowOf('Kevin O’Brien')).getByText('consent needed')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Kevin O’Brien' }));
    const panel = await screen.findByRole('region', { name: 'Kevin O’Brien — Outpatient program' });
    const form = within(panel).getByRole('group', { name: 'Consent (42 CFR Part 2)' });
    expect(within(form).getByText('No consent recorded.')).toBeTruthy();
    await user.click(within(form).getByLabelText('Consent given'));
    expect((within(form).getByLabelText('Date of consent') as HTMLInputElement).value).toBe(today());
    await user.type(within(form).getByLabelText('Scope'), 'Attendance, to his officer, for 1 year');
    await user.click(within(form).getByRole('button', { name: 'Save consent' }));

    expect((await within(form).findByRole('status')).textContent).toBe('Consent recorded.');
    expect(api.recordConsent).toHaveBeenCalledWith('r-2', {
      consent: 'given',
      onDate: today(),
      scope: 'Attendance, to his officer, for 1 year',
    });
    expect(within(form).getByText(/^Consent given on .*: Attendance, to his officer, for 1 year$/)).toBeTruthy();
    expect(within(rowOf('Kevin O’Brien')).getByText('Part 2')).toBeTruthy();
    expect(within(rowOf('Kevin O’Brien')).queryByText('consent needed')).toBeNull();
  });

  it('closes the panel with Esc and puts focus back on the referral', async () => {
    const user = userEvent.setup();
    renderReferrals();
    const button = await screen.findByRole('button', { name: 'María Núñez' });
    button.focus();
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 2, name: 'María Núñez — Job readiness' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'María Núñez — Job readiness' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'María Núñez' }));
  });

  it('exports the list as filtered, saying what was withheld under Part 2, and nothing when cancelled', async () => {
    const user = userEvent.setup();
    vi.mocked(api.exportReferrals)
      .mockResolvedValueOnce({ path: '/home/k/referrals.csv', rows: 41, withheld: 3 } satisfies ExportSummary)
      .mockResolvedValueOnce(null)
      .mockResolvedValueOnce({ path: '/home/k/referrals.xlsx', rows: 1, withheld: 0 } satisfies ExportSummary);
    renderReferrals();
    await screen.findByRole('button', { name: 'María Núñez' });
    await user.selectOptions(screen.getByLabelText('Due'), 'Overdue');

    const ids = screen.getByLabelText('Include internal IDs') as HTMLInputElement;
    expect(ids.checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText(
        'Exported 41 referrals to /home/k/referrals.csv. 3 substance-use referrals without recorded consent were withheld (42 CFR Part 2).',
      ),
    ).toBeTruthy();
    expect(api.exportReferrals).toHaveBeenCalledWith({ ...OPEN_QUERY, due: 'overdue' }, 'csv', false);

    // The save dialog cancelled: what was said about the last export goes.
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    await waitFor(() => expect(screen.queryByText(/^Exported/)).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(ids);
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    expect(await screen.findByText('Exported 1 referral to /home/k/referrals.xlsx.')).toBeTruthy();
    expect(api.exportReferrals).toHaveBeenLastCalledWith({ ...OPEN_QUERY, due: 'overdue' }, 'xlsx', true);
  });

  it('says when the list could not be loaded, and tries again', async () => {
    const user = userEvent.setup();
    // src-tauri/error.rs (From<rusqlite::Error>): a busy database.
    const busy = 'The database is busy with another change; try again in a moment.';
    vi.mocked(api.listReferrals).mockRejectedValueOnce(refused('conflict', busy));
    renderReferrals();
    expect((await screen.findByRole('alert')).textContent).toBe(`The referrals could not be loaded. ${busy}`);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'María Núñez' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
