// The Directory list's search and filters, kept while the coordinator opens a provider and
// comes back.

import type { DirectoryQuery } from '../../lib/bindings/DirectoryQuery';
import type { NeedCategory } from '../../lib/bindings/NeedCategory';
import type { ServiceStatus } from '../../lib/bindings/ServiceStatus';

class DirectoryListState {
  text = $state('');
  category = $state<NeedCategory | ''>('');
  status = $state<ServiceStatus | ''>('');
  retired = $state(false);
  /** The provider opened last, to put focus back on its row. */
  lastOpened: string | null = null;

  get query(): DirectoryQuery {
    return { text: this.text.trim(), category: this.category || null, status: this.status || null, retired: this.retired };
  }

  get filtered(): boolean {
    return !!(this.text.trim() || this.category || this.status);
  }

  clearFilters(): void {
    this.category = '';
    this.status = '';
    this.retired = false;
  }

  reset(): void {
    this.text = '';
    this.clearFilters();
    this.lastOpened = null;
  }
}

export const directoryList = new DirectoryListState();
