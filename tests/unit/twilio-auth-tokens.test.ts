// @vitest-environment node
// Node's own Request/Response: the client builds real requests, which the scripted fetch records.
import { describe, expect, it } from 'vitest';
import { createAuthTokenClient, type AuthTokenClientOptions } from '../../utils/twilio/auth-tokens';
import type { TwilioApiError } from '../../utils/twilio/errors';
import { json, noContent, scriptedFetch, twilioError, type ScriptedAnswer } from './support/scripted-fetch';
import { expectNoSecret, twilioFailure } from './support/twilio-failure';

const MASTER = `AC${'a'.repeat(32)}`;
const SUB = `AC${'b'.repeat(32)}`;
const PRIMARY = '2'.repeat(32);
const SECONDARY = '3'.repeat(32);
const BASIC = `Basic ${btoa(`${SUB}:${PRIMARY}`)}`;
const sub = { sid: SUB, ownerAccountSid: MASTER, authToken: PRIMARY };

const secondaryAnswer = (accountSid = SUB, token: unknown = SECONDARY) =>
  json(201, {
    account_sid: accountSid,
    date_created: '2015-07-31T04:00:00Z',
    date_updated: '2015-07-31T04:00:00Z',
    secondary_auth_token: token,
    url: 'https://accounts.twilio.com/v1/AuthTokens/Secondary',
  });
const promotionAnswer = (accountSid = SUB) =>
  json(200, {
    account_sid: accountSid,
    auth_token: SECONDARY,
    date_created: '2015-07-31T04:00:00Z',
    date_updated: '2015-08-01T04:00:00Z',
    url: 'https://accounts.twilio.com/v1/AuthTokens/Promote',
  });

function client(script: ScriptedAnswer[], extra: AuthTokenClientOptions = {}) {
  const fake = scriptedFetch(...script);
  const tokens = createAuthTokenClient(sub, { fetch: fake.fetch, retry: { delayMs: () => 0 }, ...extra });
  return { tokens, seen: fake.seen };
}

/** Every failure here is a TwilioApiError holding neither token nor the Basic header. */
async function failure(promise: Promise<unknown>): Promise<TwilioApiError<any>> {
  const error = await twilioFailure(promise);
  expectNoSecret(error, [PRIMARY, SECONDARY, BASIC.slice(6)]);
  return error;
}

describe('createSecondaryToken', () => {
  it("posts to accounts.twilio.com as the sub-account itself and returns the new token", async () => {
    const { tokens, seen } = client([secondaryAnswer()]);
    expect(await tokens.createSecondaryToken()).toEqual({ accountSid: SUB, secondaryToken: SECONDARY, dateCreated: '2015-07-31T04:00:00Z' });
    expect(seen[0]!.url.href).toBe('https://accounts.twilio.com/v1/AuthTokens/Secondary');
    expect(seen[0]).toMatchObject({ method: 'POST', body: '', cache: 'no-store', credentials: 'omit', redirect: 'error' });
    expect(seen[0]!.headers.get('authorization')).toBe(BASIC);
  });

  it.each([
    ['about another account', secondaryAnswer(MASTER)],
    ['with a token that is not one', secondaryAnswer(SUB, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')],
    ['without a token', secondaryAnswer(SUB, null)],
  ])('refuses an answer %s', async (_, answer) => {
    const { tokens } = client([answer]);
    expect(await failure(tokens.createSecondaryToken())).toMatchObject({ code: 'parse', operation: 'create-secondary-token' });
  });

  it('is not repeated after a 503 or a lost connection (a token may have been made), but is after a 429', async () => {
    for (const answer of [twilioError(503, 20503, 'Service Unavailable'), 'network' as const]) {
      const { tokens, seen } = client([answer]);
      await failure(tokens.createSecondaryToken());
      expect(seen).toHaveLength(1);
    }
    const { tokens, seen } = client([twilioError(429, 20429, 'Too Many Requests'), secondaryAnswer()]);
    await tokens.createSecondaryToken();
    expect(seen).toHaveLength(2);
  });
});

describe('deleteSecondaryToken', () => {
  it('sends DELETE and takes the empty 204 as done', async () => {
    const { tokens, seen } = client([noContent()]);
    await expect(tokens.deleteSecondaryToken()).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ method: 'DELETE' });
    expect(seen[0]!.url.href).toBe('https://accounts.twilio.com/v1/AuthTokens/Secondary');
  });

  it('says 20404 when there is no secondary token', async () => {
    const { tokens } = client([twilioError(404, 20404, 'The requested resource /v1/AuthTokens/Secondary was not found')]);
    expect(await failure(tokens.deleteSecondaryToken())).toMatchObject({ code: 20404, status: 404, operation: 'delete-secondary-token' });
  });
});

describe('promoteSecondaryToken', () => {
  it('posts the promotion and drops the token Twilio echoes', async () => {
    const { tokens, seen } = client([promotionAnswer()]);
    const promoted = await tokens.promoteSecondaryToken();
    expect(promoted).toEqual({ accountSid: SUB, dateUpdated: '2015-08-01T04:00:00Z' });
    expect(JSON.stringify(promoted)).not.toContain(SECONDARY);
    expect(seen[0]!.url.href).toBe('https://accounts.twilio.com/v1/AuthTokens/Promote');
    expect(seen[0]!.method).toBe('POST');
  });

  it('refuses an answer about another account', async () => {
    const { tokens } = client([promotionAnswer(MASTER)]);
    expect(await failure(tokens.promoteSecondaryToken())).toMatchObject({ code: 'parse', operation: 'promote-secondary-token' });
  });

  it('is not repeated after a lost connection: the old primary may be dead already', async () => {
    const { tokens, seen } = client(['network']);
    expect(await failure(tokens.promoteSecondaryToken())).toMatchObject({ code: 'network', transient: true });
    expect(seen).toHaveLength(1);
  });
});

describe('createAuthTokenClient', () => {
  it("refuses a master's own pair: with it the endpoints would rotate the master's token", () => {
    expect(() => createAuthTokenClient({ sid: MASTER, ownerAccountSid: MASTER, authToken: PRIMARY })).toThrow(/master account's own token/);
  });

  it('refuses values that are not credentials', () => {
    expect(() => createAuthTokenClient({ sid: 'ACx', ownerAccountSid: MASTER, authToken: PRIMARY })).toThrow(/not an Account SID/);
    expect(() => createAuthTokenClient({ sid: SUB, ownerAccountSid: MASTER, authToken: 'nope' })).toThrow(/not an Auth Token/);
  });

  it('talks to another origin when told (the stand-in)', async () => {
    const { tokens, seen } = client([noContent()], { baseUrl: 'https://127.0.0.1:8443' });
    await tokens.deleteSecondaryToken();
    expect(seen[0]!.url.href).toBe('https://127.0.0.1:8443/v1/AuthTokens/Secondary');
  });
});
