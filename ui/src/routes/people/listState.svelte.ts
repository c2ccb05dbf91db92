// The people list's search, filters and sort, kept while the coordinator opens a
// person and comes back.

import type { PeopleSort } from '../../lib/bindings/PeopleSort';
import type { PersonStatus } from '../../lib/bindings/PersonStatus';
import type { SupervisionType } from '../../lib/bindings/SupervisionType';

class PeopleListState {
  search = $state('');
  supervisionType = $state<SupervisionType | ''>('');
  agency = $state('');
  officer = $state('');
  groupId = $state('');
  status = $state<PersonStatus | ''>('');
  sort = $state<PeopleSort>('name');
  descending = $state(false);
  /** The person opened last, to put focus back on their row. */
  lastOpened: string | null = null;

  get filtered(): boolean {
    return !!(this.search.trim() || this.supervisionType || this.agency || this.officer || this.groupId || this.status);
  }

  clearFilters(): void {
    this.supervisionType = '';
    this.agency = '';
    this.officer = '';
    this.groupId = '';
    this.status = '';
  }
}

export const peopleList = new PeopleListState();
