import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { credentialsOf, rawClient, type Credentials } from './raw-client';
import { startTwilioApi, type TwilioApiStandIn } from './server';

/** The accounts.twilio.com stand-in: Auth Token rotation with its overlap window. */
let api: TwilioApiStandIn;
let accounts: ReturnType<typeof rawClient>;
let rest: ReturnType<typeof rawClient>;

const SECONDARY = '/v1/AuthTokens/Secondary';
const PROMOTE = '/v1/AuthTokens/Promote';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

beforeAll(async () => {
  api = await startTwilioApi({
    seed: {
      subaccounts: [{ friendlyName: 'Acme Dental - Austin' }, { friendlyName: 'Acme Dental - Dallas' }, { friendlyName: 'Old Client', status: 'suspended' }],
    },
  });
  accounts = rawClient(api, 'accounts.twilio.com');
  rest = rawClient(api);
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const sub = (name: string) => api.state.listSubaccounts(api.state.master.sid).find((a) => a.friendlyName === name)!;
const austin = () => sub('Acme Dental - Austin');
const as = (sid: string, token: string): Credentials => ({ sid, token });
/** Does this pair authenticate on api.twilio.com right now? */
const works = async (auth: Credentials) => (await rest({ path: `/2010-04-01/Accounts/${auth.sid}.json`, auth })).status === 200;
const createSecondary = (auth: Credentials) => accounts({ method: 'POST', path: SECONDARY, auth });

describe('hosts', () => {
  it('serves accounts.twilio.com on a port of its own, and neither host answers the other\'s paths', async () => {
    expect(api.accountsOrigin).toBe(`https://127.0.0.1:${api.accountsPort}`);
    expect(api.accountsPort).not.toBe(api.port);
    expect((await rest({ method: 'POST', path: SECONDARY, auth: credentialsOf(austin()) })).status).toBe(404);
    expect((await accounts({ path: `/2010-04-01/Accounts/${austin().sid}.json`, auth: credentialsOf(austin()) })).status).toBe(404);
    expect(api.state.secondaryToken(austin().sid)).toBeUndefined();
  });

  it('records which host got each request, and never a token', async () => {
    const answer = await createSecondary(credentialsOf(austin()));
    await works(credentialsOf(austin()));
    expect(api.requests.map((r) => [r.host, r.method, r.path, r.authSid, r.status])).toEqual([
      ['accounts.twilio.com', 'POST', SECONDARY, austin().sid, 201],
      ['api.twilio.com', 'GET', `/2010-04-01/Accounts/${austin().sid}.json`, austin().sid, 200],
    ]);
    const recorded = JSON.stringify(api.requests);
    expect(recorded).not.toContain(austin().authToken);
    expect(recorded).not.toContain(answer.body.secondary_auth_token);
  });
});

describe('secondary token', () => {
  it('creates one for the authenticated account, answered as the spec shows (201, ISO dates)', async () => {
    const answer = await createSecondary(credentialsOf(austin()));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      account_sid: austin().sid,
      date_created: expect.stringMatching(ISO),
      date_updated: expect.stringMatching(ISO),
      secondary_auth_token: expect.stringMatching(/^[0-9a-f]{32}$/),
      url: 'https://accounts.twilio.com/v1/AuthTokens/Secondary',
    });
    expect(answer.body.secondary_auth_token).not.toBe(austin().authToken);
    expect(api.state.secondaryToken(austin().sid)?.token).toBe(answer.body.secondary_auth_token);
  });

  it('overlap: the primary and the secondary both authenticate until the promotion', async () => {
    const primary = credentialsOf(austin());
    const secondary = as(austin().sid, (await createSecondary(primary)).body.secondary_auth_token);
    expect(await works(primary)).toBe(true);
    expect(await works(secondary)).toBe(true);
    // A fetch still shows the primary as the account's auth_token.
    const fetched = await rest({ path: `/2010-04-01/Accounts/${austin().sid}.json`, auth: secondary });
    expect(fetched.body.auth_token).toBe(primary.token);
  });

  it('a second secondary replaces the first, which stops working', async () => {
    const primary = credentialsOf(austin());
    const first = as(austin().sid, (await createSecondary(primary)).body.secondary_auth_token);
    const second = as(austin().sid, (await createSecondary(first)).body.secondary_auth_token);
    expect(second.token).not.toBe(first.token);
    expect(await works(first)).toBe(false);
    expect(await works(second)).toBe(true);
    expect(await works(primary)).toBe(true);
  });

  it('delete: the secondary stops working, the primary goes on (204, no body); a second delete is 404', async () => {
    const primary = credentialsOf(austin());
    const secondary = as(austin().sid, (await createSecondary(primary)).body.secondary_auth_token);
    const deleted = await accounts({ method: 'DELETE', path: SECONDARY, auth: primary });
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expect(deleted.headers.get('content-type')).toBeNull();
    expect(await works(secondary)).toBe(false);
    expect(await works(primary)).toBe(true);
    expect((await accounts({ method: 'DELETE', path: SECONDARY, auth: primary })).body).toMatchObject({ code: 20404, status: 404 });
  });
});

describe('promote', () => {
  it('makes the secondary the primary: the old primary stops working, the secondary is gone', async () => {
    const old = credentialsOf(austin());
    const secondary = as(austin().sid, (await createSecondary(old)).body.secondary_auth_token);
    const answer = await accounts({ method: 'POST', path: PROMOTE, auth: old });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      account_sid: austin().sid,
      auth_token: secondary.token,
      date_created: expect.stringMatching(ISO),
      date_updated: expect.stringMatching(ISO),
      url: 'https://accounts.twilio.com/v1/AuthTokens/Promote',
    });
    expect(await works(old)).toBe(false);
    expect(await works(secondary)).toBe(true);
    expect(api.state.secondaryToken(austin().sid)).toBeUndefined();
    expect(austin().authToken).toBe(secondary.token);
    // The parent now reads the new token.
    const fetched = await rest({ path: `/2010-04-01/Accounts/${austin().sid}.json`, auth: credentialsOf(api.state.master) });
    expect(fetched.body.auth_token).toBe(secondary.token);
  });

  it('accepts the secondary itself as the credentials of the promotion', async () => {
    const secondary = as(austin().sid, (await createSecondary(credentialsOf(austin()))).body.secondary_auth_token);
    expect((await accounts({ method: 'POST', path: PROMOTE, auth: secondary })).status).toBe(200);
    expect(await works(secondary)).toBe(true);
  });

  it('without a secondary: 404 / 20404 and the primary unchanged', async () => {
    const primary = credentialsOf(austin());
    const answer = await accounts({ method: 'POST', path: PROMOTE, auth: primary });
    expect(answer.body).toEqual({
      code: 20404,
      message: `The requested resource ${SECONDARY} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    expect(await works(primary)).toBe(true);
  });

  it('a second promotion finds no secondary (20404) and leaves the promoted token the primary', async () => {
    const old = credentialsOf(austin());
    const secondary = as(austin().sid, (await createSecondary(old)).body.secondary_auth_token);
    expect((await accounts({ method: 'POST', path: PROMOTE, auth: secondary })).status).toBe(200);
    const again = await accounts({ method: 'POST', path: PROMOTE, auth: secondary });
    expect(again.body).toMatchObject({ code: 20404, status: 404 });
    expect(austin().authToken).toBe(secondary.token);
    expect(await works(secondary)).toBe(true);
    expect(await works(old)).toBe(false);
  });
});

describe('whose token', () => {
  it("acts on the authenticated account only: the master's credentials rotate the master's token, not a sub-account's", async () => {
    await createSecondary(credentialsOf(api.state.master));
    expect(api.state.secondaryToken(api.state.master.sid)).toBeDefined();
    expect(api.state.secondaryToken(austin().sid)).toBeUndefined();
    await accounts({ method: 'POST', path: PROMOTE, auth: credentialsOf(api.state.master) });
    expect(await works(credentialsOf(austin()))).toBe(true);
  });

  it("leaves a sibling's token alone", async () => {
    await createSecondary(credentialsOf(austin()));
    expect(api.state.secondaryToken(sub('Acme Dental - Dallas').sid)).toBeUndefined();
  });

  it.each([
    ['a wrong token', () => as(austin().sid, 'f'.repeat(32)), 401, 20003],
    ['a suspended account', () => credentialsOf(sub('Old Client')), 401, 20003],
    ['test credentials', () => {
      const test = api.state.testCredentials(austin().sid);
      return as(test.sid, test.token);
    }, 403, 20008],
  ])('refuses %s', async (_, auth, status, code) => {
    const answer = await createSecondary(auth());
    expect(answer.status).toBe(status);
    expect(answer.body.code).toBe(code);
    expect(api.state.secondaryToken(austin().sid)).toBeUndefined();
  });

  it('answers 405 / 20004 to a method the resource does not have, 404 to another path', async () => {
    expect((await accounts({ path: SECONDARY, auth: credentialsOf(austin()) })).body).toMatchObject({ code: 20004, status: 405 });
    expect((await accounts({ method: 'DELETE', path: PROMOTE, auth: credentialsOf(austin()) })).status).toBe(405);
    expect((await accounts({ path: '/v1/Credentials/AWS', auth: credentialsOf(austin()) })).status).toBe(404);
  });
});

describe('switches and reset', () => {
  it('the fault switches cover accounts.twilio.com too', async () => {
    api.switches.rateLimit = 1;
    api.switches.matchPath = /AuthTokens/;
    expect((await createSecondary(credentialsOf(austin()))).status).toBe(429);
    expect((await works(credentialsOf(austin())))).toBe(true);
    expect((await createSecondary(credentialsOf(austin()))).status).toBe(201);
  });

  it('reset() drops secondaries and gives a promoted master its first token back', async () => {
    const { sid, authToken } = api.state.master;
    await createSecondary(credentialsOf(api.state.master));
    await accounts({ method: 'POST', path: PROMOTE, auth: as(sid, authToken) });
    expect(api.state.master.authToken).not.toBe(authToken);
    await createSecondary(credentialsOf(austin()));
    api.reset();
    expect(api.state.master.authToken).toBe(authToken);
    expect(api.state.secondaryToken(sub('Acme Dental - Austin').sid)).toBeUndefined();
  });
});
