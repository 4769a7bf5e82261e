import type { TwilioAccountRecord } from '../types';
import { faults } from './errors';
import type { TwilioApiStandInState, TwilioTestCredentials } from './state';

/** Who a request's Basic credentials are: a live account, or Twilio test credentials. */
export type Principal =
  | { kind: 'live'; account: TwilioAccountRecord }
  | { kind: 'test'; credentials: TwilioTestCredentials };

/**
 * What a suspended or closed account's own credentials get. Twilio documents both 20003/401
 * ("Account is suspended or closed" among its causes) and 20403/403 for this case.
 */
export type InactiveAccountAnswer = 20003 | 20403;

function parseBasic(header: string | undefined): { sid: string; token: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { sid: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/** The username of a Basic Authorization header: the Account SID. The token is never returned. */
export function basicAuthSid(header: string | undefined): string | null {
  return parseBasic(header)?.sid ?? null;
}

/**
 * The principal of a request, on api.twilio.com and accounts.twilio.com alike. An account's
 * secondary Auth Token authenticates as well as its primary until it is promoted or deleted
 * (twilio.com/docs/iam/api/secondary_authtoken); after a promotion the old primary fails.
 */
export function authenticate(
  state: TwilioApiStandInState,
  header: string | undefined,
  inactiveAccountAnswer: InactiveAccountAnswer,
): Principal {
  const pair = parseBasic(header);
  if (!pair) throw faults.authenticate();
  const account = state.findAccount(pair.sid);
  if (account && state.tokenMatches(account.sid, pair.token)) {
    if (account.status !== 'active') {
      throw inactiveAccountAnswer === 20403 ? faults.forbiddenInactive() : faults.authenticate();
    }
    return { kind: 'live', account };
  }
  const test = state.findTestCredentials(pair.sid);
  if (test && test.token === pair.token && state.findAccount(test.accountSid)?.status === 'active') {
    return { kind: 'test', credentials: test };
  }
  throw faults.authenticate();
}
