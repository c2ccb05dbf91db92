// Part of the one message catalog (messages.ts): the day of the call-in — the check-in
// screen at the door and the offers of help.

import type { OfferResponse } from './bindings/OfferResponse';
import { english, labels, values } from './labels';

const num = (n: number) => new Intl.NumberFormat('en-US').format(n);

export const dayOf = {
  backToCallIn: 'Back to the call-in',

  checkIn: {
    title: (callIn: string) => `Check-in: ${callIn}`,
    countsLabel: 'Check-in counts',
    expected: 'Expected',
    arrived: 'Arrived',
    walkIns: 'Walk-ins',
    find: 'Find invitee',
    findPlaceholder: 'Type a name or alias…',
    findHint: '↑ and ↓ choose, Enter checks in.',
    matches: 'Expected invitees matching',
    aka: (aliases: string[]) => `“${aliases.join('”, “')}”`,
    noMatch: (text: string) => `No expected invitee matches “${text}”.`,
    noMatchHint: 'Not on the list? Add them as a walk-in (Alt+W).',
    alreadyIn: (names: string) => `Already checked in: ${names}.`,
    checkedIn: (name: string) => `Checked in: ${name}`,
    undo: 'Undo last check-in',
    undoShortcut: 'Ctrl+Z',
    undid: (name: string) => `Undid check-in: ${name}`,
    actionsLabel: 'Check-in actions',
    arrivedTitle: 'Who has arrived',
    noneArrived: 'No one has arrived yet.',
    expectedTitle: 'Still expected',
    noneExpected: 'No one else is expected.',
    walkInTag: 'walk-in',
    at: (time: string) => `at ${time}`,
    openOffers: 'Offers of help',
    loadFailed: 'The check-in list could not be loaded.',

    walkIn: 'Add walk-in',
    walkInShortcut: 'Alt+W',
    walkInTitle: 'Add a walk-in',
    searchRegistry: 'Search the registry',
    searchPlaceholder: 'Name or alias…',
    results: 'People in the registry',
    noResults: 'No one in the registry matches.',
    checkInPerson: (name: string) => `Check in ${name}`,
    born: (date: string) => `born ${date}`,
    alsoKnownAs: (aliases: string[]) => `also known as ${aliases.join(', ')}`,
    onList: 'on the invitee list',
    notInRegistry: 'Not in the registry',
    notInRegistryHint: 'They are added to the registry with just their name; complete the record later.',
    firstName: 'First name',
    lastName: 'Last name',
    addAndCheckIn: 'Add and check in',
    walkedIn: (name: string) => `Checked in walk-in: ${name}`,

    end: 'End check-in',
    endTitle: 'End check-in?',
    endBody: (n: number) =>
      n === 1
        ? 'This invitee did not come and will be marked No-show:'
        : `These ${num(n)} invitees did not come and will be marked No-show:`,
    allArrived: 'Everyone expected has arrived.',
    endAfter: 'The call-in will be marked Held, and the offers of help come next.',
    endConfirm: 'End check-in',
  },

  offers: {
    title: (callIn: string) => `Offers of help: ${callIn}`,
    caption: 'Attendees and their offers of help',
    colName: 'Name',
    colResponse: 'Response',
    colNeeds: 'Needs',
    colReferrals: 'Referrals',
    colAction: 'Offer',
    notRecorded: 'Not recorded',
    walkInTag: 'walk-in',
    noAttendees: 'No one has checked in yet.',
    record: (name: string) => `Record offer for ${name}`,
    loadFailed: 'The attendees could not be loaded.',
    providersFailed: 'The providers at the table could not be loaded.',

    dialogTitle: (name: string) => `Offer of help: ${name}`,
    response: 'Response',
    chooseResponse: 'Choose a response.',
    needs: 'Needs',
    referralsTitle: 'Referrals',
    referralsHint: 'Choosing a service refers them to it for that need.',
    dueHint: (days: number) =>
      days === 1
        ? 'First contact on each referral is due 1 day after the call-in.'
        : `First contact on each referral is due ${num(days)} days after the call-in.`,
    noNeedsChecked: 'Check a need to choose the services for it.',
    daysLabel: 'First contact due (days after the call-in)',
    daysSave: 'Save',
    daysHelp: 'For referrals made from now on; 1 to 30 days.',
    daysWhole: 'Enter a whole number of days.',
    daysSaved: (days: number) => `New referrals are due for first contact ${days === 1 ? '1 day' : `${num(days)} days`} after the call-in.`,
    serviceLabel: (service: string, provider: string) => `${service} — ${provider}`,
    noService: 'No provider at the table offers a service for this need.',
    part2Note:
      'A referral for substance-use treatment carries the 42 CFR Part 2 flag: it needs the person’s recorded consent before it can be exported.',
    declinedNote: 'A declined offer makes no referral.',
    save: 'Save offer',
    notSaved: 'The offer was not saved.',
    saved: (name: string, referrals: number, due: string | null) => {
      if (referrals === 0) return `Saved ${name}'s offer: no referrals`;
      const made = referrals === 1 ? '1 referral' : `${num(referrals)} referrals`;
      return due ? `Saved ${name}'s offer: ${made}, first contact due ${due}` : `Saved ${name}'s offer: ${made}`;
    },
  },

  response: english(labels.OfferResponse),
};

/** The order the responses are offered in. */
export const OFFER_RESPONSES: OfferResponse[] = values.OfferResponse;
