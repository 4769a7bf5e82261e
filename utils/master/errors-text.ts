import { TwilioApiError, type TwilioMasterOperation } from '../twilio/errors';
import { t } from '../i18n';

const DOING: Record<TwilioMasterOperation, string> = {
  'fetch-account': t('masterDoingFetchAccount'),
  'list-subaccounts': t('masterDoingListSubaccounts'),
  'fetch-subaccount': t('masterDoingFetchSubaccount'),
  'create-subaccount': t('masterDoingCreateSubaccount'),
  'list-numbers': t('masterDoingListNumbers'),
  'transfer-number': t('masterDoingTransferNumber'),
  'reactivate-subaccount': t('masterDoingReactivateSubaccount'),
  'send-test-message': t('masterDoingSendTestMessage'),
  'create-secondary-token': t('masterDoingCreateSecondaryToken'),
  'delete-secondary-token': t('masterDoingDeleteSecondaryToken'),
  'promote-secondary-token': t('masterDoingPromoteSecondaryToken'),
};

/**
 * A master-mode failure in the admin's words: what was being done, and Twilio's own words and code
 * when Twilio answered (its reasons, such as a number tied to a messaging service, are its to word).
 */
export function masterErrorText(error: unknown): string {
  if (!(error instanceof TwilioApiError)) return t('masterErrorOther', error instanceof Error ? error.message : String(error));
  const operation = error.operation as TwilioMasterOperation;
  const doing = DOING[operation] ?? t('masterDoingOther');
  switch (error.code) {
    case 'network':
      return t('masterErrorNetwork', doing);
    case 'timeout':
      return t('masterErrorTimeout', doing);
    case 'parse':
    case 'unexpected':
      return t('masterErrorParse', doing, error.detail);
    case 20003:
      return t('masterErrorRefused', doing);
    default:
      return t(error.transient ? 'masterErrorTwilioTransient' : 'masterErrorTwilio', doing, error.detail, error.moreInfo ? `${error.code}, ${error.moreInfo}` : error.code);
  }
}
