import { masterErrorText } from '../utils/master/errors-text';
import type { TwilioApiError, TwilioMasterOperation } from '../utils/twilio/errors';

/**
 * The background's answers to "connect this location" (connect by name, bulk connect), worded in one
 * place. Replies only: nothing here is stored in a handoff, which keeps reason codes.
 */
export const connectText = {
  locked: 'The agency master account is not unlocked. Connect or unlock it in the options page (Agency master account), then try again.',
  noName: 'This location has no name to look for among the sub-accounts.',
  notEnabled: 'The extension is not enabled on this CRM site.',
  several: (count: number, name: string) =>
    `${count} sub-accounts under the master account are named “${name}”. The extension does not guess: rename or close the extra ones in Twilio, then try again.`,
  none: (name: string) =>
    `No sub-account under the master account is named “${name}”. Ask for one to be created, or create it in Twilio, then try again.`,
  changed: (name: string) =>
    `The sub-account named “${name}” is not the one the plan found. Nothing was sent; build the plan again.`,
  inFlightElsewhere:
    'A handoff for this sub-account is already under way for another location or from the Twilio console. Let it finish, or discard it in the extension’s popup, then try again.',
  /** Worded as every master-mode failure is. An unanswered create may still have made the sub-account: trying again finds it by its name. */
  twilio: (error: TwilioApiError<TwilioMasterOperation>) => masterErrorText(error),
};
