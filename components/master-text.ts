import { PASSPHRASE_MIN_LENGTH } from '../utils/master/vault';
import { MASTER_LIFETIME_MINUTES } from '../utils/master/session';

/**
 * The words of the master-account section (options page only: kept out of components/text.ts, which
 * the popup loads whole and which has a size budget).
 */
export const masterText = {
  heading: 'Agency master account',
  lead:
    'With your agency’s main Twilio account (the one your sub-accounts belong to), the extension can read a sub-account’s credentials itself, so connecting a location needs no trip to the Twilio console. ' +
    `It is kept in memory only, for ${MASTER_LIFETIME_MINUTES} minutes, and forgotten when the browser closes.`,
  sid: 'Master Account SID',
  token: 'Master Auth Token',
  connect: 'Connect master account',
  remember: 'Remember on this computer, encrypted with a passphrase',
  passphrase: 'Passphrase',
  passphraseAgain: 'Passphrase again',
  passphraseHint: `At least ${PASSPHRASE_MIN_LENGTH} characters. The extension cannot recover it: without it, enter the Auth Token again.`,
  passphraseShort: `The passphrase needs at least ${PASSPHRASE_MIN_LENGTH} characters.`,
  passphraseMismatch: 'The two passphrases differ.',
  checking: 'Checking with Twilio…',
  unlocked: (name: string, sid: string, until: string) => `Connected: ${name ? `${name} (${sid})` : sid}. Forgotten at ${until}, or when the browser closes.`,
  lock: 'Forget it now',
  locked: 'Forgotten. The extension holds no master credentials now.',
  saved: 'Saved on this computer, encrypted with your passphrase.',
  savedFor: (sid: string) => `Saved on this computer, encrypted: ${sid}.`,
  saveNow: 'Save it, encrypted',
  unlock: 'Unlock',
  unlockLabel: 'Passphrase of the saved account',
  wrongPassphrase: 'That passphrase does not open the saved account. Nothing was changed; try again.',
  forget: 'Delete the saved copy',
  forgotten: 'The saved copy was deleted from this computer.',
  another: 'Use another account',
  twilioRefusedSaved: (message: string) => `The saved account opened, but Twilio refused it: ${message} Delete the saved copy and enter the current Auth Token.`,
};

/** The words of the agency-accounts section (options page only, like the master account's). */
export const agencyText = {
  heading: 'Your agency’s Twilio accounts',
  lead:
    'Name the Twilio account (or accounts) your clients’ sub-accounts belong to, and the extension refuses any other sub-account, however its name reads: someone else’s sub-account can never be written into one of your locations. Until you name one, every sub-account is accepted.',
  none: 'None named yet: every sub-account is accepted.',
  addLabel: 'Account SID of an agency account (AC…)',
  add: 'Add account',
  remove: 'Remove',
  removeLabel: (sid: string) => `Remove ${sid}`,
  added: (sid: string) => `Added ${sid}. Sub-accounts of other Twilio accounts are refused now.`,
  removed: (sid: string) => `Removed ${sid}.`,
  invalid: 'That is not an Account SID: AC followed by 32 letters and digits, as the Twilio console shows it.',
};

/** The words of the move-numbers section (options page, with the master account connected). */
export const numbersText = {
  heading: 'Move phone numbers to a sub-account',
  lead: 'Numbers bought on the agency’s main account can move to a client’s sub-account, where its CRM location can use them. Twilio refuses some (for example a number tied to a messaging service or a regulatory bundle) and says why.',
  loading: 'Reading the numbers and sub-accounts from Twilio…',
  none: 'The master account has no phone numbers of its own.',
  pick: 'Numbers on the master account',
  target: 'Move them to',
  choose: 'Choose a sub-account',
  move: (count: number) => (count === 1 ? 'Move 1 number' : `Move ${count} numbers`),
  moving: (number: string) => `Moving ${number}…`,
  moved: (number: string) => `${number}: moved.`,
  notMoved: (number: string, why: string) => `${number}: not moved. ${why}`,
  finished: (moved: number, tried: number) => `Moved ${moved} of ${tried}.`,
  resultsLabel: 'What happened to each number',
};
