import { TwilioApiError, type TwilioMasterOperation } from '../twilio/errors';

const DOING: Record<TwilioMasterOperation, string> = {
  'fetch-account': 'reading the master account',
  'list-subaccounts': 'listing the sub-accounts of the master account',
  'fetch-subaccount': 'reading the sub-account’s credentials',
  'create-subaccount': 'creating the sub-account',
  'list-numbers': 'listing the phone numbers',
  'transfer-number': 'moving the number',
  'reactivate-subaccount': 'reactivating the sub-account',
  'send-test-message': 'sending the test text',
  'create-secondary-token': 'creating a secondary Auth Token',
  'delete-secondary-token': 'deleting the secondary Auth Token',
  'promote-secondary-token': 'promoting the secondary Auth Token',
};

/**
 * A master-mode failure in the admin's words: what was being done, and Twilio's own words and code
 * when Twilio answered (its reasons, such as a number tied to a messaging service, are its to word).
 */
export function masterErrorText(error: unknown): string {
  if (!(error instanceof TwilioApiError)) return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
  const operation = error.operation as TwilioMasterOperation;
  const doing = DOING[operation] ?? 'talking to Twilio';
  switch (error.code) {
    case 'network':
      return `Twilio could not be reached while ${doing}. Check the connection and try again.`;
    case 'timeout':
      return `Twilio did not answer in time while ${doing}. Try again.`;
    case 'parse':
    case 'unexpected':
      return `Twilio’s answer could not be read while ${doing} (${error.detail}).`;
    case 20003:
      return `Twilio refused the master credentials while ${doing}: the Auth Token may have changed. Connect the master account again.`;
    default:
      return `Twilio refused ${doing}: ${error.detail} (Twilio error ${error.code}${error.moreInfo ? `, ${error.moreInfo}` : ''}).${error.transient ? ' Try again in a minute.' : ''}`;
  }
}
