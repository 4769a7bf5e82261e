import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthTokenClient } from '../../../utils/twilio/auth-tokens';
import { createTwilioClient } from '../../../utils/twilio/client';
import { TwilioApiError } from '../../../utils/twilio/errors';
import { createMasterClient, type MasterClientOptions } from '../../../utils/twilio/master';
import { twilioFailure as failure } from '../../unit/support/twilio-failure';
import { throwawayCertificate } from '../cert';
import { startTwilioApi, type TwilioApiStandIn } from './server';
import { trustingFetch } from './trusting-fetch';

/**
 * The extension's master-account clients against the stand-in over HTTPS, as the extension talks to
 * Twilio: the same requests, the same answers, every route the clients use, their refusals and the
 * token rotation's overlap window seen through real authentication.
 */
const cert = throwawayCertificate();
const secureFetch = trustingFetch(cert.cert);
const MESSAGING_SERVICE = `MG${'1'.repeat(32)}`;
const BUNDLE = `BU${'2'.repeat(32)}`;

let api: TwilioApiStandIn;

beforeAll(async () => {
  api = await startTwilioApi({
    cert,
    seed: {
      masterPhoneNumbers: ['+15125550100', { phoneNumber: '+15125550101', messagingServiceSid: MESSAGING_SERVICE }, { phoneNumber: '+15125550102', bundleSid: BUNDLE }],
      subaccounts: [
        { friendlyName: 'Acme Dental - Austin', phoneNumbers: ['+15125550111'] },
        { friendlyName: 'Acme Dental - Dallas' },
        { friendlyName: 'Acme Dental - Houston' },
        { friendlyName: 'Old Client', status: 'suspended' },
        { friendlyName: 'Gone Client', status: 'closed' },
      ],
    },
  });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const fast = { fetch: secureFetch, retry: { delayMs: () => 10 } };
const master = (extra: Partial<MasterClientOptions> = {}) =>
  createMasterClient({ sid: api.state.master.sid, token: api.state.master.authToken, baseUrl: api.origin, ...fast, ...extra });
const sub = (name: string) => api.state.listSubaccounts(api.state.master.sid).find((a) => a.friendlyName === name)!;
const austin = () => sub('Acme Dental - Austin');
const numberOf = (accountSid: string, e164: string) => api.state.listPhoneNumbers(accountSid).find((n) => n.phoneNumber === e164)!;
/** Does this pair authenticate with Twilio right now? Asked the way a handoff checks a pair. */
const authenticates = (sid: string, token: string) =>
  createTwilioClient({ sid, token, baseUrl: api.origin, ...fast }).fetchAccount().then(
    () => true,
    (error: unknown) => {
      if (error instanceof TwilioApiError && error.code === 20003) return false;
      throw error;
    },
  );

describe('the master account', () => {
  it('is recognised as a master; a sub-account pair is not', async () => {
    expect((await master().fetchAccount()).isSubaccount).toBe(false);
    const asSub = createMasterClient({ sid: austin().sid, token: austin().authToken, baseUrl: api.origin, ...fast });
    expect((await asSub.fetchAccount()).isSubaccount).toBe(true);
  });

  it('lists every sub-account through the pages, filtered by exact name when asked', async () => {
    const all = await master({ pageSize: 2 }).listSubaccounts();
    expect(all.map((a) => a.friendlyName)).toEqual(['Acme Dental - Austin', 'Acme Dental - Dallas', 'Acme Dental - Houston', 'Old Client', 'Gone Client']);
    expect(all.map((a) => a.status)).toEqual(['active', 'active', 'active', 'suspended', 'closed']);
    // Six accounts (the master listed with them) at two a page.
    expect(api.requests.map((r) => r.path)).toEqual(Array(3).fill('/2010-04-01/Accounts.json'));
    expect(JSON.stringify(all)).not.toContain(austin().authToken);
    expect((await master().listSubaccounts({ friendlyName: 'Acme Dental - Dallas' })).map((a) => a.sid)).toEqual([sub('Acme Dental - Dallas').sid]);
    expect((await master().listSubaccounts({ status: 'suspended' })).map((a) => a.friendlyName)).toEqual(['Old Client']);
  });

  it('waits out a rate limit while listing', async () => {
    api.switches.rateLimit = 1;
    api.switches.retryAfterSeconds = null;
    expect(await master().listSubaccounts()).toHaveLength(5);
    expect(api.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});

describe('sub-account credentials', () => {
  it("fetches a sub-account's token with the master's pair; the token works", async () => {
    const credentials = await master().fetchSubaccountCredentials(austin().sid);
    expect(credentials).toEqual({ sid: austin().sid, ownerAccountSid: api.state.master.sid, friendlyName: 'Acme Dental - Austin', status: 'active', authToken: austin().authToken });
    expect(api.requests).toEqual([expect.objectContaining({ authSid: api.state.master.sid, path: `/2010-04-01/Accounts/${austin().sid}.json` })]);
    expect(await authenticates(credentials.sid, credentials.authToken)).toBe(true);
  });

  it("gets 20003 for an account of another master, and with a sub-account's own pair for a sibling", async () => {
    const stranger = api.state.createAccount('Other Agency');
    api.state.findAccount(stranger.sid)!.ownerAccountSid = stranger.sid;
    expect((await failure(master().fetchSubaccountCredentials(stranger.sid))).code).toBe(20003);
    const asSub = createMasterClient({ sid: austin().sid, token: austin().authToken, baseUrl: api.origin, ...fast });
    expect((await failure(asSub.fetchSubaccountCredentials(sub('Acme Dental - Dallas').sid))).code).toBe(20003);
  });

  it('creates a sub-account and hands over its new token, once even when Twilio fails after', async () => {
    const created = await master().createSubaccount('Acme Dental - San Antonio');
    expect(created.friendlyName).toBe('Acme Dental - San Antonio');
    expect(api.state.findAccount(created.sid)?.authToken).toBe(created.authToken);
    expect(await authenticates(created.sid, created.authToken)).toBe(true);

    api.switches.serverError = 1;
    api.switches.serverErrorStatus = 503;
    expect((await failure(master().createSubaccount('Acme Dental - El Paso'))).code).toBe(20503);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it("refuses to create past Twilio's limit with Twilio's words (21480)", async () => {
    api.switches.subaccountLimit = 5;
    const error = await failure(master().createSubaccount('One Too Many'));
    expect(error).toMatchObject({ code: 21480, detail: 'Reached maximum number of subaccounts' });
  });
});

describe('sub-account status', () => {
  it('reactivates a suspended sub-account: the master lists it active and its pair works again', async () => {
    const old = sub('Old Client');
    expect(await authenticates(old.sid, old.authToken)).toBe(false);
    const answer = await master().reactivateSubaccount(old.sid);
    expect(answer).toMatchObject({ sid: old.sid, status: 'active' });
    expect((await master().listSubaccounts()).find((a) => a.sid === old.sid)?.status).toBe('active');
    expect(await authenticates(old.sid, old.authToken)).toBe(true);
  });

  it("gets Twilio's refusal for a closed one, which stays closed", async () => {
    const gone = sub('Gone Client');
    const error = await failure(master().reactivateSubaccount(gone.sid));
    expect(error.operation).toBe('reactivate-subaccount');
    expect(error.status).toBeGreaterThanOrEqual(400);
    expect(api.state.listSubaccounts(api.state.master.sid).find((a) => a.sid === gone.sid)?.status).toBe('closed');
  });

  it("refuses with a sub-account's own pair (only the parent changes a status)", async () => {
    const old = sub('Old Client');
    const asSibling = createMasterClient({ sid: austin().sid, token: austin().authToken, baseUrl: api.origin, ...fast });
    expect((await failure(asSibling.reactivateSubaccount(old.sid))).code).toBe(20003);
    expect(sub('Old Client').status).toBe('suspended');
  });
});

describe('a test text', () => {
  it("goes from the sub-account's own number with the master's pair, and Twilio keeps it under the sub-account", async () => {
    const sent = await master().sendTestMessage(austin().sid, { from: '+15125550111', to: '+15125550199', body: 'Test' });
    expect(sent).toMatchObject({ accountSid: austin().sid, from: '+15125550111', to: '+15125550199' });
    expect(api.state.listMessages(austin().sid).map((m) => m.body)).toEqual(['Test']);
  });

  it("is refused with Twilio's words from a number the sub-account does not own", async () => {
    const error = await failure(master().sendTestMessage(austin().sid, { from: '+15125550100', to: '+15125550199', body: 'Test' }));
    expect(error.operation).toBe('send-test-message');
    expect(api.state.listMessages(austin().sid)).toEqual([]);
  });
});

describe('phone numbers', () => {
  it("lists the master's and a sub-account's numbers with the master's pair", async () => {
    expect((await master().listIncomingNumbers(api.state.master.sid)).map((n) => n.phoneNumber)).toEqual(['+15125550100', '+15125550101', '+15125550102']);
    expect((await master({ pageSize: 1 }).listIncomingNumbers(austin().sid)).map((n) => n.phoneNumber)).toEqual(['+15125550111']);
  });

  it('moves a number from the master to a sub-account', async () => {
    const pn = numberOf(api.state.master.sid, '+15125550100');
    const moved = await master().transferNumber(pn.sid, api.state.master.sid, austin().sid);
    expect(moved).toMatchObject({ sid: pn.sid, accountSid: austin().sid, phoneNumber: '+15125550100' });
    expect(api.state.findPhoneNumber(pn.sid)!.accountSid).toBe(austin().sid);
  });

  it.each([
    ['a Messaging Service sender', '+15125550101', () => austin().sid, 21712, /Messaging Service/],
    ['a number under a Regulatory Bundle', '+15125550102', () => austin().sid, 21649, /Requires a Bundle/],
    ['a suspended target', '+15125550100', () => sub('Old Client').sid, 21472, /not active/],
  ])("shows Twilio's own reason when it refuses %s", async (_, e164, target, code, words) => {
    const pn = numberOf(api.state.master.sid, e164);
    const error = await failure(master().transferNumber(pn.sid, api.state.master.sid, target()));
    expect(error).toMatchObject({ code, status: 400, operation: 'transfer-number', moreInfo: `https://www.twilio.com/docs/errors/${code}` });
    expect(error.detail).toMatch(words);
    expect(api.state.findPhoneNumber(pn.sid)!.accountSid).toBe(api.state.master.sid);
  });

  it("gets 21474 when a sub-account's pair tries to move its number", async () => {
    const asSub = createMasterClient({ sid: austin().sid, token: austin().authToken, baseUrl: api.origin, ...fast });
    const pn = numberOf(austin().sid, '+15125550111');
    expect((await failure(asSub.transferNumber(pn.sid, austin().sid, api.state.master.sid))).code).toBe(21474);
  });
});

describe('token rotation on accounts.twilio.com', () => {
  const rotation = async () => {
    const credentials = await master().fetchSubaccountCredentials(austin().sid);
    return { credentials, tokens: createAuthTokenClient(credentials, { baseUrl: api.accountsOrigin, ...fast }) };
  };

  it('create, both tokens work, promote: the old primary fails, the new one works and the master reads it', async () => {
    const { credentials, tokens } = await rotation();
    const old = credentials.authToken;
    const { secondaryToken } = await tokens.createSecondaryToken();
    expect(await authenticates(austin().sid, old)).toBe(true);
    expect(await authenticates(austin().sid, secondaryToken)).toBe(true);

    expect(await tokens.promoteSecondaryToken()).toEqual({ accountSid: austin().sid, dateUpdated: expect.stringMatching(/Z$/) });
    expect(await authenticates(austin().sid, old)).toBe(false);
    expect(await authenticates(austin().sid, secondaryToken)).toBe(true);
    expect((await master().fetchSubaccountCredentials(austin().sid)).authToken).toBe(secondaryToken);
    // The rotation client authenticated with the old primary: it is spent.
    expect((await failure(tokens.deleteSecondaryToken())).code).toBe(20003);
    expect(api.requests.filter((r) => r.host === 'accounts.twilio.com').map((r) => [r.method, r.path, r.authSid])).toEqual([
      ['POST', '/v1/AuthTokens/Secondary', austin().sid],
      ['POST', '/v1/AuthTokens/Promote', austin().sid],
      ['DELETE', '/v1/AuthTokens/Secondary', austin().sid],
    ]);
  });

  it('giving up: delete the secondary, the primary goes on working', async () => {
    const { credentials, tokens } = await rotation();
    const { secondaryToken } = await tokens.createSecondaryToken();
    await tokens.deleteSecondaryToken();
    expect(await authenticates(austin().sid, secondaryToken)).toBe(false);
    expect(await authenticates(austin().sid, credentials.authToken)).toBe(true);
    expect((await failure(tokens.deleteSecondaryToken())).code).toBe(20404);
    expect((await failure(tokens.promoteSecondaryToken())).code).toBe(20404);
  });

  it('touches no other account', async () => {
    const { tokens } = await rotation();
    await tokens.createSecondaryToken();
    expect(api.state.secondaryToken(api.state.master.sid)).toBeUndefined();
    expect(api.state.secondaryToken(sub('Acme Dental - Dallas').sid)).toBeUndefined();
  });

  it('does not repeat a promotion whose answer was lost; which token works is found by asking', async () => {
    const { credentials, tokens } = await rotation();
    const { secondaryToken } = await tokens.createSecondaryToken();
    api.switches.dropConnections = 1;
    api.switches.matchPath = /Promote/;
    expect((await failure(tokens.promoteSecondaryToken())).code).toBe('network');
    expect(api.requests.filter((r) => r.path === '/v1/AuthTokens/Promote')).toHaveLength(1);
    // Here the connection dropped before the promotion was made, so both still work.
    expect(await authenticates(austin().sid, credentials.authToken)).toBe(true);
    expect(await authenticates(austin().sid, secondaryToken)).toBe(true);
  });
});
