// Part of the one message catalog (messages.ts): the Follow-ups area — referrals, their
// history and consent, the no-shows and their custom notifications, exports.

export const followUps = {};
