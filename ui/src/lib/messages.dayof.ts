// Part of the one message catalog (messages.ts): the day of the call-in — the check-in
// screen at the door and the offers of help.

export const dayOf = {};
