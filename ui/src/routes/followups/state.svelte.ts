// The follow-up lists' filters and sort, kept while the coordinator switches between
// the referrals and the no-shows, or opens a person and comes back.

import type { DueFilter } from '../../lib/bindings/DueFilter';
import type { InvitationStatus } from '../../lib/bindings/InvitationStatus';
import type { NeedCategory } from '../../lib/bindings/NeedCategory';
import type { NoShowQuery } from '../../lib/bindings/NoShowQuery';
import type { ReferralQuery } from '../../lib/bindings/ReferralQuery';
import type { ReferralSort } from '../../lib/bindings/ReferralSort';
import type { ReferralStatus } from '../../lib/bindings/ReferralStatus';

class FollowUpsState {
  callInId = $state('');
  providerId = $state('');
  need = $state<NeedCategory | ''>('');
  status = $state<ReferralStatus | ''>('');
  due = $state<DueFilter | ''>('');
  sort = $state<ReferralSort>('due');
  descending = $state(false);
  /** The referral whose detail is open. */
  selectedId = $state<string | null>(null);

  noShowCallInId = $state('');
  noShowStatus = $state<InvitationStatus | ''>('');

  /** The referral list's query as the backend takes it. */
  referralQuery(): ReferralQuery {
    return {
      callInId: this.callInId || null,
      providerId: this.providerId || null,
      need: this.need || null,
      status: this.status || null,
      due: this.due || null,
      sort: this.sort,
      descending: this.descending,
    };
  }

  noShowQuery(): NoShowQuery {
    return { callInId: this.noShowCallInId || null, status: this.noShowStatus || null };
  }

  reset(): void {
    this.callInId = '';
    this.providerId = '';
    this.need = '';
    this.status = '';
    this.due = '';
    this.sort = 'due';
    this.descending = false;
    this.selectedId = null;
    this.noShowCallInId = '';
    this.noShowStatus = '';
  }
}

export const followUpsState = new FollowUpsState();
