import { TwilioApiError, type TwilioOperation } from './errors';
import { IncomingPhoneNumberPage, TwilioAccount, TwilioMessage } from './schemas';
import { createTwilioTransport, type TwilioTransportOptions } from './transport';

export type { TwilioRetryOptions } from './transport';
export type TwilioClientOptions = TwilioTransportOptions;

export interface SendMessageInput {
  /** E.164. */
  to: string;
  /** E.164, a number of this account. */
  from: string;
  body: string;
}

export interface TwilioClient {
  readonly sid: string;
  /** The account of these credentials, checked with the credentials themselves. Never carries the token. */
  fetchAccount(): Promise<TwilioAccount>;
  /** One page of the account's phone numbers (oldest first, as Twilio lists them). */
  listIncomingNumbers(options?: { pageSize?: number }): Promise<IncomingPhoneNumberPage>;
  sendMessage(message: SendMessageInput): Promise<TwilioMessage>;
}

const API = '2010-04-01';

/**
 * A Twilio REST client for one pair of credentials (DESIGN.md §3), with the transport's rules:
 * Basic auth, form-encoded bodies, bounded retries on 429 (every method) and on 503 and lost
 * connections (GETs only), every failure a TwilioApiError that never holds the token.
 */
export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  const { sid } = options;
  const api = createTwilioTransport<TwilioOperation>(options, 'https://api.twilio.com', 'createTwilioClient');

  return {
    sid,
    async fetchAccount() {
      const account = await api.get('fetch-account', TwilioAccount, `${API}/Accounts/${sid}.json`);
      if (account.sid !== sid) {
        throw new TwilioApiError('parse', 200, 'the answer is about another account', null, 'fetch-account');
      }
      return account;
    },
    listIncomingNumbers: ({ pageSize = 50 } = {}) =>
      api.get('list-numbers', IncomingPhoneNumberPage, `${API}/Accounts/${sid}/IncomingPhoneNumbers.json`, {
        PageSize: pageSize,
      }),
    sendMessage: ({ to, from, body }) =>
      api.post('send-message', TwilioMessage, `${API}/Accounts/${sid}/Messages.json`, { To: to, From: from, Body: body }),
  };
}
