// @vitest-environment node
// Node's own fetch: happy-dom's would apply browser CORS rules to a Node test talking to a local server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { throwawayCertificate } from '../stand-ins/cert';
import { startTwilioApi, type TwilioApiStandIn } from '../stand-ins/twilio-api/server';
import { trustingFetch } from '../stand-ins/twilio-api/trusting-fetch';
import { createTwilioClient, type TwilioClientOptions } from '../../utils/twilio/client';
import { TwilioApiError, twilioReason, type TwilioOperation } from '../../utils/twilio/errors';
import { reasonText } from '../../components/text';

const OWN_NUMBER = '+15125550111';
const OTHER_NUMBER = '+15125550112';
const MASTER_NUMBER = '+15125550100';

let api: TwilioApiStandIn;

beforeAll(async () => {
  api = await startTwilioApi({
    protocol: 'http',
    seed: {
      masterPhoneNumbers: [MASTER_NUMBER],
      subaccounts: [
        { friendlyName: 'Acme Dental - Austin', phoneNumbers: [OWN_NUMBER, OTHER_NUMBER] },
        { friendlyName: 'Old Client', status: 'suspended' },
        { friendlyName: 'Gone Client', status: 'closed' },
      ],
    },
  });
});
afterAll(() => api.close());
beforeEach(() => api.reset());

const subaccount = (name: string) => api.state.listSubaccounts(api.state.master.sid).find((a) => a.friendlyName === name)!;
const austin = () => subaccount('Acme Dental - Austin');

/** The error as the admin reads it: the reason the background stores for it, worded by the popup. */
function worded(error: TwilioApiError): string {
  const reason = twilioReason(error);
  return reasonText(reason.code, reason.params);
}

/** Fast retries so the tests do not wait on production backoff; Retry-After still rules where sent. */
function clientFor(account: { sid: string; authToken: string } | { sid: string; token: string }, extra: Partial<TwilioClientOptions> = {}) {
  const token = 'authToken' in account ? account.authToken : account.token;
  return createTwilioClient({
    sid: account.sid,
    token,
    baseUrl: api.origin,
    retry: { delayMs: () => 10 },
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<TwilioApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a TwilioApiError, got success');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TwilioApiError);
  return error as TwilioApiError;
}

/** Nothing an error exposes may hold the token or the Basic header made from it. */
function expectNoSecret(error: TwilioApiError, account: { sid: string; authToken: string }) {
  const basic = btoa(`${account.sid}:${account.authToken}`);
  const surfaces = [error.message, String(error), error.stack ?? '', JSON.stringify(error), worded(error), JSON.stringify(twilioReason(error)), JSON.stringify(Object.entries(error))];
  for (const text of surfaces) {
    expect(text).not.toContain(account.authToken);
    expect(text).not.toContain(basic);
    expect(text).not.toContain('Authorization');
  }
  expect(error.cause).toBeUndefined();
}

describe('success', () => {
  it('fetchAccount returns the account without its auth token', async () => {
    const account = await clientFor(austin()).fetchAccount();
    expect(account).toEqual({
      sid: austin().sid,
      ownerAccountSid: api.state.master.sid,
      friendlyName: 'Acme Dental - Austin',
      status: 'active',
      type: 'Full',
      dateCreated: expect.stringMatching(/\+0000$/),
      dateUpdated: expect.stringMatching(/\+0000$/),
      isSubaccount: true,
    });
    // Twilio sent auth_token in the body (the stand-in does too); it must not survive parsing.
    expect(JSON.stringify(account)).not.toContain(austin().authToken);
    expect(Object.keys(account)).not.toContain('auth_token');
  });

  it('tells a master account from a sub-account', async () => {
    expect((await clientFor(api.state.master).fetchAccount()).isSubaccount).toBe(false);
  });

  it('sends Basic auth, asks for no cache, no cookies and no redirects, and records one GET', async () => {
    const seen: Request[] = [];
    const spy: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      seen.push(request);
      return fetch(request);
    };
    await clientFor(austin(), { fetch: spy }).fetchAccount();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${btoa(`${austin().sid}:${austin().authToken}`)}`);
    expect(seen[0]!.cache).toBe('no-store');
    expect(seen[0]!.credentials).toBe('omit');
    expect(seen[0]!.redirect).toBe('error');
    expect(api.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: `/2010-04-01/Accounts/${austin().sid}.json`, authSid: austin().sid, status: 200 }),
    ]);
  });

  it('listIncomingNumbers returns a page of numbers and says whether more exist', async () => {
    const page = await clientFor(austin()).listIncomingNumbers();
    expect(page.hasMore).toBe(false);
    expect(page.numbers.map((n) => n.phoneNumber).sort()).toEqual([OWN_NUMBER, OTHER_NUMBER]);
    expect(page.numbers[0]).toMatchObject({ accountSid: austin().sid, sms: true, sid: expect.stringMatching(/^PN/) });
    const first = await clientFor(austin()).listIncomingNumbers({ pageSize: 1 });
    expect(first.numbers).toHaveLength(1);
    expect(first.hasMore).toBe(true);
    expect(api.requests.at(-1)!.query).toEqual({ PageSize: '1' });
  });

  it('sendMessage posts a form and returns the queued message', async () => {
    const message = await clientFor(austin()).sendMessage({ to: '+15125550199', from: OWN_NUMBER, body: 'Twilio Handoff test' });
    expect(message).toMatchObject({ sid: expect.stringMatching(/^SM/), status: 'queued', to: '+15125550199', from: OWN_NUMBER, accountSid: austin().sid });
    expect(api.requests).toEqual([
      expect.objectContaining({ method: 'POST', form: { To: '+15125550199', From: OWN_NUMBER, Body: 'Twilio Handoff test' }, status: 201 }),
    ]);
    expect(api.state.listMessages(austin().sid)).toHaveLength(1);
  });

  it('works over HTTPS with a fetch that trusts the stand-in certificate', async () => {
    const cert = throwawayCertificate();
    const secure = await startTwilioApi({ cert });
    try {
      const client = createTwilioClient({ sid: secure.state.master.sid, token: secure.state.master.authToken, baseUrl: secure.origin, fetch: trustingFetch(cert.cert) });
      expect((await client.fetchAccount()).friendlyName).toBe('Agency Master');
    } finally {
      await secure.close();
    }
  });
});

describe('Twilio errors', () => {
  it('a wrong token: 20003, with the sentence an admin understands', async () => {
    const error = await failure(clientFor({ sid: austin().sid, token: 'f'.repeat(32) }).fetchAccount());
    expect(error).toMatchObject({ code: 20003, status: 401, detail: 'Authenticate', moreInfo: 'https://www.twilio.com/docs/errors/20003', operation: 'fetch-account', transient: false, reasonCode: 'twilio-20003' });
    expect(worded(error)).toBe(
      'Twilio refused this Account SID and Auth Token: the token is wrong, or the account is suspended or closed.',
    );
    expect(api.requests).toHaveLength(1);
    expectNoSecret(error, austin());
  });

  it.each(['Old Client', 'Gone Client'])('the right token of a %s account also gives 20003', async (name) => {
    const error = await failure(clientFor(subaccount(name)).fetchAccount());
    expect(error.code).toBe(20003);
    expectNoSecret(error, subaccount(name));
  });

  it('an inactive account answered with 20403', async () => {
    api.switches.inactiveAccountAnswer = 20403;
    const error = await failure(clientFor(subaccount('Old Client')).fetchAccount());
    expect(error).toMatchObject({ code: 20403, status: 403 });
    expect(worded(error)).toBe('Twilio refused access to this account: it is suspended or closed.');
  });

  it('test credentials instead of live ones: 20008', async () => {
    const test = api.state.testCredentials(austin().sid);
    const error = await failure(clientFor({ sid: test.sid, token: test.token }).fetchAccount());
    expect(error).toMatchObject({ code: 20008, status: 403 });
    expect(worded(error)).toMatch(/test credentials/);
  });

  it('a resource Twilio does not have: 20404', async () => {
    const error = await failure(clientFor(austin(), { baseUrl: `${api.origin}/elsewhere/` }).fetchAccount());
    expect(error).toMatchObject({ code: 20404, status: 404 });
    expect(worded(error)).toBe('Twilio knows no account with this Account SID. Check that the whole SID was copied.');
  });

  it.each([
    [{ to: '', from: OWN_NUMBER, body: 'x' }, 21604],
    [{ to: '+15125550199', from: '', body: 'x' }, 21603],
    [{ to: '+15125550199', from: OWN_NUMBER, body: '' }, 21602],
    [{ to: '12345', from: OWN_NUMBER, body: 'x' }, 21211],
    [{ to: '+15125550199', from: 'abc', body: 'x' }, 21212],
    [{ to: OWN_NUMBER, from: OWN_NUMBER, body: 'x' }, 21266],
    [{ to: '+15125550199', from: MASTER_NUMBER, body: 'x' }, 21606],
  ])('sendMessage %j: %i, not retried', async (input, code) => {
    const error = await failure(clientFor(austin()).sendMessage(input));
    expect(error).toMatchObject({ code, status: 400, operation: 'send-message' });
    expect(worded(error)).not.toBe('');
    expect(api.requests).toHaveLength(1);
  });

  it.each([
    ['+15125550199', '+15005550001', 21212],
    ['+15125550199', '+15005550007', 21606],
    ['+15125550199', '+15005550008', 21611],
    ['+15005550001', '+15005550006', 21211],
    ['+15005550002', '+15005550006', 21612],
    ['+15005550003', '+15005550006', 21408],
    ['+15005550004', '+15005550006', 21610],
    ['+15005550009', '+15005550006', 21614],
  ])('test credentials, To %s From %s: %i', async (to, from, code) => {
    const test = api.state.testCredentials(austin().sid);
    const error = await failure(clientFor({ sid: test.sid, token: test.token }).sendMessage({ to, from, body: 'x' }));
    expect(error.code).toBe(code);
  });

  it('test credentials with the magic From succeed', async () => {
    const test = api.state.testCredentials(austin().sid);
    const message = await clientFor({ sid: test.sid, token: test.token }).sendMessage({ to: '+15125550199', from: '+15005550006', body: 'x' });
    expect(message.status).toBe('queued');
  });
});

describe('retries', () => {
  it('retries 429s and succeeds, counting the requests the stand-in received', async () => {
    api.switches.rateLimit = 2;
    api.switches.retryAfterSeconds = null;
    const account = await clientFor(austin()).fetchAccount();
    expect(account.sid).toBe(austin().sid);
    expect(api.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('gives up after limit + 1 attempts when Twilio keeps answering 429: 20429, transient', async () => {
    api.switches.rateLimit = 'always';
    api.switches.retryAfterSeconds = null;
    const error = await failure(clientFor(austin(), { retry: { limit: 3, delayMs: () => 10 } }).fetchAccount());
    expect(error).toMatchObject({ code: 20429, status: 429, transient: true });
    expect(worded(error)).toMatch(/limiting requests/);
    expect(api.requests).toHaveLength(4);
  });

  it('retries a POST answered 429 (Twilio never processed it) and sends the message once', async () => {
    api.switches.rateLimit = 1;
    api.switches.retryAfterSeconds = null;
    await clientFor(austin()).sendMessage({ to: '+15125550199', from: OWN_NUMBER, body: 'once' });
    expect(api.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 429],
      ['POST', 201],
    ]);
    expect(api.state.listMessages(austin().sid)).toHaveLength(1);
  });

  it('retries a GET answered 503, not one answered 500', async () => {
    api.switches.serverError = 1;
    api.switches.serverErrorStatus = 503;
    await clientFor(austin()).fetchAccount();
    expect(api.requests.map((r) => r.status)).toEqual([503, 200]);

    api.reset();
    api.switches.serverError = 1;
    api.switches.serverErrorStatus = 500;
    const error = await failure(clientFor(austin()).fetchAccount());
    expect(error).toMatchObject({ code: 20500, status: 500, transient: true });
    expect(api.requests).toHaveLength(1);
  });

  it('does not retry a POST answered 503: it may have been processed', async () => {
    api.switches.serverError = 1;
    api.switches.serverErrorStatus = 503;
    const error = await failure(clientFor(austin()).sendMessage({ to: '+15125550199', from: OWN_NUMBER, body: 'x' }));
    expect(error).toMatchObject({ code: 20503, status: 503 });
    expect(api.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After says, not the (here zero) backoff', async () => {
    api.switches.rateLimit = 1;
    api.switches.retryAfterSeconds = 1;
    const started = Date.now();
    await clientFor(austin(), { retry: { delayMs: () => 0 } }).fetchAccount();
    const elapsed = Date.now() - started;
    expect(api.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(api.requests[1]!.at.getTime() - api.requests[0]!.at.getTime()).toBeGreaterThanOrEqual(950);
  });

  it('caps a long Retry-After', async () => {
    api.switches.rateLimit = 1;
    api.switches.retryAfterSeconds = 3600;
    const started = Date.now();
    await clientFor(austin(), { retry: { maxRetryAfterMs: 300, delayMs: () => 0 } }).fetchAccount();
    const elapsed = Date.now() - started;
    expect(api.requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('no answer', () => {
  it('times out on a hanging request and does not retry it', async () => {
    api.switches.hang = true;
    const error = await failure(clientFor(austin(), { timeoutMs: 300 }).fetchAccount());
    expect(error).toMatchObject({ code: 'timeout', status: null, transient: true });
    expect(worded(error)).toBe('Twilio did not answer in time while checking the account. Try again in a moment.');
    expect(api.requests).toHaveLength(1);
    expectNoSecret(error, austin());
  });

  it('says a timed-out message may have been sent', async () => {
    api.switches.hang = true;
    const error = await failure(clientFor(austin(), { timeoutMs: 300 }).sendMessage({ to: '+15125550199', from: OWN_NUMBER, body: 'x' }));
    expect(worded(error)).toMatch(/may or may not have been sent/);
  });

  it('retries a GET after a dropped connection and succeeds', async () => {
    api.switches.dropConnections = 1;
    await clientFor(austin()).fetchAccount();
    expect(api.requests.map((r) => r.outcome)).toEqual(['dropped', 'answered']);
  });

  it('gives up on a GET after limit + 1 dropped connections: network', async () => {
    api.switches.dropConnections = 'always';
    const error = await failure(clientFor(austin(), { retry: { limit: 2, delayMs: () => 10 } }).fetchAccount());
    expect(error).toMatchObject({ code: 'network', status: null, transient: true });
    expect(worded(error)).toMatch(/^Could not reach Twilio while checking the account/);
    expect(api.requests).toHaveLength(3);
    expectNoSecret(error, austin());
  });

  it('does not repeat a POST after a dropped connection', async () => {
    api.switches.dropConnections = 1;
    const error = await failure(clientFor(austin()).sendMessage({ to: '+15125550199', from: OWN_NUMBER, body: 'x' }));
    expect(error.code).toBe('network');
    expect(api.requests).toHaveLength(1);
    expect(api.state.listMessages()).toHaveLength(0);
  });

  it('reports a server that is not there as network', async () => {
    const gone = await startTwilioApi({ protocol: 'http' });
    const { sid, authToken } = gone.state.master;
    await gone.close();
    const error = await failure(createTwilioClient({ sid, token: authToken, baseUrl: gone.origin, retry: { limit: 1, delayMs: () => 10 } }).fetchAccount());
    expect(error.code).toBe('network');
  });

  it('stops at the total timeout even while retrying', async () => {
    api.switches.rateLimit = 'always';
    api.switches.retryAfterSeconds = 1;
    const started = Date.now();
    const error = await failure(clientFor(austin(), { totalTimeoutMs: 1_500, retry: { limit: 10 } }).fetchAccount());
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('answers the client cannot read', () => {
  const answering = (response: () => Response): typeof fetch => async () => response();

  it.each([
    ['HTML with 200', () => new Response('<html>captive portal</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }), 200],
    ['JSON of another shape', () => Response.json({ hello: 'world' }), 200],
    ['a 502 page without a Twilio body', () => new Response('Bad Gateway', { status: 502 }), 502],
  ])('%s: parse', async (_, response, status) => {
    const error = await failure(clientFor(austin(), { fetch: answering(response), retry: { limit: 0 } }).fetchAccount());
    expect(error).toMatchObject({ code: 'parse', status });
    expect(worded(error)).toMatch(/could not read/);
  });

  it('an account answer about another SID: parse', async () => {
    const other = { sid: `AC${'b'.repeat(32)}`, owner_account_sid: `AC${'b'.repeat(32)}`, friendly_name: 'x', status: 'active', type: 'Full', date_created: null, date_updated: null };
    const error = await failure(clientFor(austin(), { fetch: answering(() => Response.json(other)) }).fetchAccount());
    expect(error).toMatchObject({ code: 'parse', status: 200 });
  });
});

describe('createTwilioClient', () => {
  it.each([
    [{ sid: 'SK' + 'a'.repeat(32), token: 'b'.repeat(32) }, /sid is not an Account SID/],
    [{ sid: 'AC' + 'a'.repeat(32), token: 'secret-token-value' }, /token is not an Auth Token/],
  ])('refuses values that are not parsed credentials, without echoing them', (values, message) => {
    expect(() => createTwilioClient(values)).toThrow(message);
    try {
      createTwilioClient(values);
    } catch (error) {
      expect(String(error)).not.toContain(values.token);
    }
  });

  it('does not expose the token on the client object', () => {
    const client = clientFor(austin());
    expect(JSON.stringify(client)).not.toContain(austin().authToken);
    expect(Object.values(client).join(' ')).not.toContain(austin().authToken);
  });
});

describe('Twilio errors as reasons', () => {
  const make = (code: number | 'network' | 'timeout' | 'parse' | 'unexpected', status: number | null, operation: TwilioOperation = 'fetch-account') =>
    new TwilioApiError(code, status, 'Twilio text', null, operation);

  it.each([
    [make(20005, 401), 'This Twilio account is not active: it is suspended or closed.'],
    [make(20503, 503), 'Twilio is temporarily unavailable. Try again in a few minutes.'],
    [make(20404, 404, 'list-numbers'), 'Twilio could not find what it was asked for while listing phone numbers.'],
    [make(31999, 502), 'Twilio had a problem while checking the account (HTTP 502). Try again in a few minutes.'],
    [make(21999, 400, 'send-message'), 'Twilio refused the request while sending the test message: Twilio text (error 21999).'],
    [make('network', null, 'send-message'), 'Could not reach Twilio while sending the test message: the network connection was lost or blocked. The message may or may not have been sent: check the Messaging logs in the Twilio console before sending another.'],
    [make('unexpected', null), 'Something unexpected went wrong while checking the account. Try again.'],
  ])('%#: %s', (error, sentence) => {
    expect(worded(error)).toBe(sentence);
  });

  it.each([
    [make(20003, 401), { code: 'twilio-20003', params: { twilioCode: 20003, operation: 'fetch-account', httpStatus: 401, detail: 'Twilio text' } }],
    [make(20429, 429), { code: 'twilio-unreachable', params: { twilioCode: 20429, operation: 'fetch-account', httpStatus: 429, detail: 'Twilio text' } }],
    [make('timeout', null), { code: 'twilio-unreachable', params: { twilioCode: 'timeout', operation: 'fetch-account', detail: 'Twilio text' } }],
  ])('keeps Twilio’s code, the operation, the status and Twilio’s own text: %#', (error, reason) => {
    expect(twilioReason(error)).toEqual(reason);
  });
});
