import { masterErrorText } from '../utils/master/errors-text';
import type { TwilioApiError, TwilioMasterOperation } from '../utils/twilio/errors';
import { t } from '../utils/i18n';

/**
 * The background's answers to "connect this location" (connect by name, bulk connect), worded in one
 * place. Replies only: nothing here is stored in a handoff, which keeps reason codes.
 */
export const connectText = {
  locked: t('connectLocked'),
  noName: t('connectNoName'),
  notEnabled: t('connectNotEnabled'),
  several: (count: number, name: string) =>
    t('connectSeveral', count, name),
  none: (name: string) =>
    t('connectNone', name),
  changed: (name: string) =>
    t('connectChanged', name),
  inFlightElsewhere: t('connectInFlightElsewhere'),
  /** Worded as every master-mode failure is. An unanswered create may still have made the sub-account: trying again finds it by its name. */
  twilio: (error: TwilioApiError<TwilioMasterOperation>) => masterErrorText(error),
};
