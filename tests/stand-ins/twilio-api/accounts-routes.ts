import { authenticate } from './auth';
import { faults } from './errors';
import { promotionJson, secondaryTokenJson } from './representations';
import type { ApiAnswer, ApiRequest, RouteOptions } from './routes';
import type { TwilioApiStandInState } from './state';

const SECONDARY = '/v1/AuthTokens/Secondary';
const PROMOTE = '/v1/AuthTokens/Promote';

/**
 * https://accounts.twilio.com: the Auth Token rotation endpoints (twilio_accounts_v1). They name no
 * account: each acts on the account whose credentials authenticate the request, so a sub-account's
 * token is rotated with that sub-account's own credentials (a parent's would rotate its own token).
 * Either of the account's tokens authenticates until the promotion (auth.ts).
 */
export function routeAccounts(state: TwilioApiStandInState, request: ApiRequest, options: RouteOptions): ApiAnswer {
  const { method, path } = request;
  if (path !== SECONDARY && path !== PROMOTE) throw faults.notFound(path);
  const principal = authenticate(state, request.authorization, options.inactiveAccountAnswer);
  // [A] Test credentials reach nothing but Messages/Calls/IncomingPhoneNumbers POSTs on api.twilio.com.
  if (principal.kind === 'test') throw faults.testCredentials();
  const { sid } = principal.account;
  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) throw faults.methodNotAllowed();
  };

  if (path === SECONDARY) {
    allow('POST', 'DELETE');
    if (method === 'POST') {
      // [A] A second POST replaces the first secondary (an account shows one in the console).
      return { status: 201, body: secondaryTokenJson(sid, state.createSecondaryToken(sid)), headers: {} };
    }
    // [A] Deleting a secondary that does not exist answers as an unknown resource.
    if (!state.deleteSecondaryToken(sid)) throw faults.notFound(path);
    return { status: 204, body: null, headers: {} };
  }

  allow('POST');
  const promoted = state.promoteSecondaryToken(sid);
  // [A] Nothing to promote: answered as an unknown resource, like the delete above.
  if (!promoted) throw faults.notFound(SECONDARY);
  return { status: 200, body: promotionJson(sid, promoted, new Date()), headers: {} };
}
