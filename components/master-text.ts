import { PASSPHRASE_MIN_LENGTH } from '../utils/master/vault';
import { MASTER_LIFETIME_MINUTES } from '../utils/master/session';
import { t, tCount } from '../utils/i18n';

/**
 * The words of the master-account section (options page only: kept out of components/text.ts, which
 * the popup loads whole and which has a size budget).
 */
export const masterText = {
  heading: t('masterHeading'),
  lead: t('masterLead', MASTER_LIFETIME_MINUTES),
  sid: t('masterSid'),
  token: t('masterToken'),
  connect: t('masterConnect'),
  remember: t('masterRemember'),
  passphrase: t('masterPassphrase'),
  passphraseAgain: t('masterPassphraseAgain'),
  passphraseHint: t('masterPassphraseHint', PASSPHRASE_MIN_LENGTH),
  passphraseShort: t('masterPassphraseShort', PASSPHRASE_MIN_LENGTH),
  passphraseMismatch: t('masterPassphraseMismatch'),
  checking: t('masterChecking'),
  unlocked: (name: string, sid: string, until: string) => name ? t('masterUnlockedNamed', name, sid, until) : t('masterUnlocked', sid, until),
  lock: t('masterLock'),
  locked: t('masterLocked'),
  saved: t('masterSaved'),
  savedFor: (sid: string) => t('masterSavedFor', sid),
  saveNow: t('masterSaveNow'),
  unlock: t('masterUnlock'),
  unlockLabel: t('masterUnlockLabel'),
  wrongPassphrase: t('masterWrongPassphrase'),
  forget: t('masterForget'),
  forgotten: t('masterForgotten'),
  another: t('masterAnother'),
  twilioRefusedSaved: (message: string) => t('masterTwilioRefusedSaved', message),
};

/** The words of the agency-accounts section (options page only, like the master account's). */
export const agencyText = {
  heading: t('agencyHeading'),
  lead: t('agencyLead'),
  none: t('agencyNone'),
  addLabel: t('agencyAddLabel'),
  add: t('agencyAdd'),
  remove: t('agencyRemove'),
  removeLabel: (sid: string) => t('agencyRemoveLabel', sid),
  added: (sid: string) => t('agencyAdded', sid),
  removed: (sid: string) => t('agencyRemoved', sid),
  invalid: t('agencyInvalid'),
};

/** The words of the move-numbers section (options page, with the master account connected). */
export const numbersText = {
  heading: t('numbersHeading'),
  lead: t('numbersLead'),
  loading: t('numbersLoading'),
  none: t('numbersNone'),
  pick: t('numbersPick'),
  target: t('numbersTarget'),
  choose: t('numbersChoose'),
  move: (count: number) => tCount('numbersMoveOne', 'numbersMoveOther', count),
  moving: (number: string) => t('numbersMoving', number),
  moved: (number: string) => t('numbersMoved', number),
  notMoved: (number: string, why: string) => t('numbersNotMoved', number, why),
  finished: (moved: number, tried: number) => t('numbersFinished', moved, tried),
  resultsLabel: t('numbersResultsLabel'),
};
