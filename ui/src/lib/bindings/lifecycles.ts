// Generated from src-tauri/domain/lifecycle.rs by tests/bindings.rs. Do not edit.
// For the UI tests' fakes only: screens show the `next` and `allowed` each DTO carries.

import type { CallInActions } from './CallInActions';
import type { CallInStatus } from './CallInStatus';
import type { InvitationStatus } from './InvitationStatus';
import type { ReferralStatus } from './ReferralStatus';
import type { SpeakerAssignmentStatus } from './SpeakerAssignmentStatus';

/** The statuses each status can move to (`Lifecycle::next`). */
export const next = {
  CallInStatus: {
    draft: ['scheduled', 'postponed', 'cancelled'],
    scheduled: ['notices_out', 'postponed', 'cancelled'],
    notices_out: ['held', 'postponed', 'cancelled'],
    held: ['follow_up'],
    follow_up: ['closed'],
    closed: [],
    postponed: ['scheduled', 'cancelled'],
    cancelled: [],
  } satisfies Record<CallInStatus, CallInStatus[]>,
  InvitationStatus: {
    proposed: ['vetted', 'ineligible'],
    vetted: ['issued', 'ineligible'],
    issued: ['acknowledged', 'attended', 'no_show', 'excused', 'ineligible'],
    acknowledged: ['attended', 'no_show', 'excused', 'ineligible'],
    attended: [],
    no_show: ['custom_notification_pending'],
    excused: [],
    ineligible: [],
    custom_notification_pending: ['custom_notification_done'],
    custom_notification_done: [],
  } satisfies Record<InvitationStatus, InvitationStatus[]>,
  SpeakerAssignmentStatus: {
    invited: ['confirmed', 'declined'],
    confirmed: ['spoke', 'declined'],
    spoke: [],
    declined: [],
  } satisfies Record<SpeakerAssignmentStatus, SpeakerAssignmentStatus[]>,
  ReferralStatus: {
    identified: ['referred', 'declined', 'lost_contact', 'closed'],
    referred: ['provider_contacted', 'declined', 'lost_contact', 'closed'],
    provider_contacted: ['intake_scheduled', 'declined', 'lost_contact', 'closed'],
    intake_scheduled: ['engaged', 'declined', 'lost_contact', 'closed'],
    engaged: ['completed', 'declined', 'lost_contact', 'closed'],
    completed: [],
    declined: [],
    lost_contact: [],
    closed: [],
  } satisfies Record<ReferralStatus, ReferralStatus[]>,
};

/** What a call-in in each status allows (`CallInActions::of`). */
export const callInActions = {
  draft: {"schedule":true,"noticesOut":false,"postpone":true,"cancel":true,"editPlan":true,"checkIn":false,"offers":false},
  scheduled: {"schedule":false,"noticesOut":true,"postpone":true,"cancel":true,"editPlan":true,"checkIn":true,"offers":true},
  notices_out: {"schedule":false,"noticesOut":false,"postpone":true,"cancel":true,"editPlan":true,"checkIn":true,"offers":true},
  held: {"schedule":false,"noticesOut":false,"postpone":false,"cancel":false,"editPlan":false,"checkIn":false,"offers":true},
  follow_up: {"schedule":false,"noticesOut":false,"postpone":false,"cancel":false,"editPlan":false,"checkIn":false,"offers":true},
  closed: {"schedule":false,"noticesOut":false,"postpone":false,"cancel":false,"editPlan":false,"checkIn":false,"offers":false},
  postponed: {"schedule":true,"noticesOut":false,"postpone":false,"cancel":true,"editPlan":true,"checkIn":false,"offers":false},
  cancelled: {"schedule":false,"noticesOut":false,"postpone":false,"cancel":false,"editPlan":false,"checkIn":false,"offers":false},
} satisfies Record<CallInStatus, CallInActions>;

/** Whether an invitee in each status can still be taken off the list (`check_removable`). */
export const invitationRemovable = {
  proposed: true,
  vetted: true,
  issued: false,
  acknowledged: false,
  attended: false,
  no_show: false,
  excused: false,
  ineligible: false,
  custom_notification_pending: false,
  custom_notification_done: false,
} satisfies Record<InvitationStatus, boolean>;
