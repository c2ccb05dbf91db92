// Where the app is, and the guard that keeps a form's unsaved changes from being lost.

import { session } from './session.svelte';

export type Route =
  | { area: 'people'; view: 'list'; focusSearch?: boolean }
  | { area: 'people'; view: 'detail'; id: string }
  | { area: 'people'; view: 'new' }
  | { area: 'people'; view: 'edit'; id: string }
  /** People → Import…: a roster file, its mapping, the check, the matches, the write. */
  | { area: 'people'; view: 'import' }
  /** Pairs the dedupe rule finds in the registry, and merging them. */
  | { area: 'people'; view: 'duplicates' }
  | { area: 'groups'; view: 'list' }
  | { area: 'groups'; view: 'detail'; id: string }
  | { area: 'groups'; view: 'new' }
  /** The service providers: search, filters, New provider (`create` opens its form), export. */
  | { area: 'directory'; view: 'list'; create?: boolean }
  /** One provider: its details, services, the call-ins it was at, its referrals. */
  | { area: 'directory'; view: 'provider'; id: string }
  /** Directory → Import HSDS…: a package, its preview and category mappings, the import. */
  | { area: 'directory'; view: 'import' }
  /** The speakers: search, New speaker (`create` opens its form). */
  | { area: 'speakers'; view: 'list'; create?: boolean }
  /** One speaker: their details and the call-ins they were on. */
  | { area: 'speakers'; view: 'detail'; id: string }
  | { area: 'callins'; view: 'list' }
  /** The planning wizard: a new call-in (no id) or the plan of one, at its saved step. */
  | { area: 'callins'; view: 'wizard'; id?: string }
  | { area: 'callins'; view: 'detail'; id: string }
  /** The door on the day: check-in by name, walk-ins, undo, end check-in. */
  | { area: 'callins'; view: 'checkin'; id: string }
  /** The offer of help to each attendee, and the referrals it makes. */
  | { area: 'callins'; view: 'offers'; id: string }
  | { area: 'followups'; view: 'referrals' }
  | { area: 'followups'; view: 'noshows' }
  /** Letter templates, the sign-in sheet's walk-in rows, the first-contact days. */
  | { area: 'settings'; view: 'main' }
  /** Where backups go, making one, the list, restoring one. */
  | { area: 'settings'; view: 'backups' }
  /** Changing the passphrase; the idle lock. */
  | { area: 'settings'; view: 'security' }
  /** Every audit entry, filtered, field by field; the export for an auditor. */
  | { area: 'settings'; view: 'audit' };

class Nav {
  route = $state<Route>({ area: 'people', view: 'list' });
  #dirty: (() => boolean) | null = null;
  /** Asks whether to leave a form with unsaved changes; the shell provides the dialog. */
  confirmLeave: () => Promise<boolean> = async () => true;

  /** A form registers whether it holds unsaved changes; returns the unregister function. */
  guard(dirty: () => boolean): () => void {
    this.#dirty = dirty;
    return () => {
      if (this.#dirty === dirty) this.#dirty = null;
    };
  }

  /** Whether the current screen may be left: asks when its form has unsaved changes. */
  async mayLeave(): Promise<boolean> {
    if (this.#dirty?.()) return this.confirmLeave();
    return true;
  }

  /** Goes to `to`, after asking when the current form has unsaved changes. */
  async go(to: Route): Promise<boolean> {
    if (this.#dirty?.()) {
      if (!(await this.confirmLeave())) return false;
      this.#dirty = null;
    }
    this.route = to;
    // A one-off notice (demo data loaded) belongs to the first screen only.
    session.notice = null;
    return true;
  }
}

export const nav = new Nav();
