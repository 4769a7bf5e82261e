import { browser } from 'wxt/browser';
import { handoffForLocation, loadHandoff } from '../handoff/store';
import { MasterLockedError } from '../bulk/page-ports';
import { masterCredentials } from '../master/session';
import { masterErrorText } from '../master/errors-text';
import type { HandoffCommandMessage, HandoffReply, RotateLocationMessage } from '../messages';
import { createAuthTokenClient } from '../twilio/auth-tokens';
import { createTwilioClient } from '../twilio/client';
import { TwilioApiError } from '../twilio/errors';
import { createMasterClient } from '../twilio/master';
import { accountsHostAllowed } from './permission';
import type { RotatePorts } from './run';
import { dropNewToken, keepNewToken, keptNewToken, loadRotation, saveRotation, setRotationStatus } from './store';

/** Words for the page: the permission for accounts.twilio.com is gone (taken back in chrome://extensions). */
export class AccountsHostError extends Error {}

async function master() {
  const credentials = await masterCredentials();
  if (!credentials) {
    await setRotationStatus('paused');
    throw new MasterLockedError();
  }
  return credentials;
}

/**
 * A Twilio failure in the admin's words (the master-mode wording); anything else as it is. At
 * accounts.twilio.com the credentials are the sub-account's, not the master's: a 20003 there says so.
 */
async function worded<T>(work: () => Promise<T>, asSubaccount = false): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (asSubaccount && error instanceof TwilioApiError && error.code === 20003) throw new Error('Twilio refused the sub-account’s token (Twilio error 20003).');
    if (error instanceof TwilioApiError) throw new Error(masterErrorText(error));
    throw error;
  }
}

/** As the sub-account, at accounts.twilio.com: only with the admin's permission for that host. */
async function authTokens(sid: string, token: string) {
  if (!(await accountsHostAllowed())) throw new AccountsHostError('The extension may not reach accounts.twilio.com, where Twilio makes and promotes Auth Tokens: press Rotate and allow it.');
  const { sid: ownerAccountSid } = await master();
  return createAuthTokenClient({ sid, authToken: token, ownerAccountSid });
}

async function currentToken(sid: string): Promise<string> {
  const { sid: masterSid, token } = await master();
  return worded(async () => (await createMasterClient({ sid: masterSid, token }).fetchSubaccountCredentials(sid)).authToken);
}

const LOOK_MS = 500;

/**
 * The rotation's ports on the bulk connect page (an extension page: a trusted context that reads the
 * master account from storage.session). The page talks to Twilio itself, as the master (the current
 * token) and as the sub-account (the secondary token, its promotion); the background writes the CRM
 * through rotate-location. New tokens live in storage.session only (utils/rotate/store.ts).
 */
export const rotatePorts: RotatePorts = {
  load: loadRotation,
  save: saveRotation,
  currentToken,
  createSecondary: async (sid, primary) => {
    const client = await authTokens(sid, primary);
    return worded(async () => (await client.createSecondaryToken()).secondaryToken, true);
  },
  async deleteSecondary(sid) {
    const client = await authTokens(sid, await currentToken(sid));
    try {
      await client.deleteSecondaryToken();
    } catch (error) {
      // None there: nothing to delete.
      if (error instanceof TwilioApiError && error.code === 20404) return;
      await worded(() => Promise.reject(error), true);
    }
  },
  keepToken: (sid, token) => keepNewToken(sid, token),
  keptToken: keptNewToken,
  dropToken: dropNewToken,
  async handOff(run, row, token) {
    const message: RotateLocationMessage = { type: 'rotate-location', host: run.host, location: row.location, sid: row.sid!, token };
    return (await browser.runtime.sendMessage(message).catch(() => undefined)) as HandoffReply | undefined;
  },
  handoff: loadHandoff,
  handoffFor: (row, since) => handoffForLocation(row.location.id, since),
  async discard(handoffId) {
    const message: HandoffCommandMessage = { type: 'handoff-command', handoffId, action: 'discard' };
    await browser.runtime.sendMessage(message);
  },
  async verify(sid, token) {
    const account = await createTwilioClient({ sid, token })
      .fetchAccount()
      .catch((error: unknown) => {
        if (!(error instanceof TwilioApiError)) throw error;
        throw new Error(error.code === 20003 ? 'Twilio does not accept the new token (Twilio error 20003).' : `Twilio could not check the new token: ${error.detail}.`);
      });
    if (account.status !== 'active') throw new Error(`Twilio says the sub-account is ${account.status}.`);
  },
  async promote(sid, token) {
    const client = await authTokens(sid, token);
    await worded(() => client.promoteSecondaryToken(), true);
  },
  isLocked: (error) => error instanceof MasterLockedError,
  wait: () => new Promise((resolve) => setTimeout(resolve, LOOK_MS)),
  now: Date.now,
};
