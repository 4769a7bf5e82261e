import { TwilioApiError, type TwilioMasterOperation } from './errors';
import { AuthTokenPromotion, SecondaryAuthToken, type SubaccountCredentials } from './master-schemas';
import { createTwilioTransport, type TwilioTransportOptions } from './transport';

export type { AuthTokenPromotion, SecondaryAuthToken } from './master-schemas';

/**
 * Rotating a sub-account's Auth Token with an overlap window (accounts.twilio.com/v1/AuthTokens):
 * create a secondary token, let everything that uses the account switch to it (both tokens work
 * meanwhile), then promote it, after which the old primary fails; or delete the secondary to give up.
 */
export interface TwilioAuthTokenClient {
  /** The sub-account whose token this client rotates. */
  readonly sid: string;
  /** A new secondary token (one made before stops working). Never repeated by itself. */
  createSecondaryToken(): Promise<SecondaryAuthToken>;
  /** Removes the secondary token; Twilio answers 20404 when there is none. */
  deleteSecondaryToken(): Promise<void>;
  /**
   * Makes the secondary the primary. The primary this client authenticates with then stops working,
   * so the client is spent: further calls answer 20003.
   */
  promoteSecondaryToken(): Promise<AuthTokenPromotion>;
}

export type AuthTokenClientOptions = Omit<TwilioTransportOptions, 'sid' | 'token'>;

const SECONDARY = 'v1/AuthTokens/Secondary';
const PROMOTE = 'v1/AuthTokens/Promote';

/**
 * A client for one sub-account's token rotation, authenticated as that sub-account with the
 * credentials its master fetched (TwilioMasterClient.fetchSubaccountCredentials or createSubaccount).
 * Why not the master's credentials: the rotation endpoints name no account (twilio_accounts_v1 has
 * no AccountSid parameter on them), so they act on whoever authenticates: with the master's pair
 * they would rotate the master's own token. For the same reason a master's own pair is refused here.
 */
export function createAuthTokenClient(
  subaccount: Pick<SubaccountCredentials, 'sid' | 'authToken' | 'ownerAccountSid'>,
  options: AuthTokenClientOptions = {},
): TwilioAuthTokenClient {
  const { sid, authToken, ownerAccountSid } = subaccount;
  if (sid === ownerAccountSid) throw new TypeError("createAuthTokenClient: refusing to rotate a master account's own token");
  const api = createTwilioTransport<TwilioMasterOperation>(
    { ...options, sid, token: authToken },
    'https://accounts.twilio.com',
    'createAuthTokenClient',
  );

  /** Twilio's answer is about the authenticated account, or something is badly wrong. */
  function aboutThisAccount<T extends { accountSid: string }>(operation: TwilioMasterOperation, answer: T): T {
    if (answer.accountSid !== sid) throw new TwilioApiError('parse', 200, 'the answer is about another account', null, operation);
    return answer;
  }

  return {
    sid,
    createSecondaryToken: async () =>
      aboutThisAccount('create-secondary-token', await api.post('create-secondary-token', SecondaryAuthToken, SECONDARY)),
    deleteSecondaryToken: () => api.delete('delete-secondary-token', SECONDARY),
    promoteSecondaryToken: async () =>
      aboutThisAccount('promote-secondary-token', await api.post('promote-secondary-token', AuthTokenPromotion, PROMOTE)),
  };
}
