// @vitest-environment node
// Node's own Request/Response: the client builds real requests, which the scripted fetch records.
import { describe, expect, it } from 'vitest';
import type { TwilioApiError } from '../../utils/twilio/errors';
import { createMasterClient, type MasterClientOptions } from '../../utils/twilio/master';
import { json, scriptedFetch, twilioError, type ScriptedAnswer } from './support/scripted-fetch';
import { expectNoSecret as expectNoSecretOf, twilioFailure as failure } from './support/twilio-failure';

const MASTER = `AC${'a'.repeat(32)}`;
const MASTER_TOKEN = '1'.repeat(32);
const SUB = `AC${'b'.repeat(32)}`;
const SUB_TOKEN = '2'.repeat(32);
const OTHER_SUB = `AC${'c'.repeat(32)}`;
const STRANGER = `AC${'d'.repeat(32)}`;
const NUMBER = `PN${'e'.repeat(32)}`;
const BASIC = `Basic ${btoa(`${MASTER}:${MASTER_TOKEN}`)}`;

/** An account as Twilio renders it: with its auth_token, as every account answer carries one. */
const account = (sid: string, owner: string, name: string, token = SUB_TOKEN) => ({
  auth_token: token,
  date_created: 'Thu, 30 Jul 2015 20:00:00 +0000',
  date_updated: 'Thu, 30 Jul 2015 20:00:00 +0000',
  friendly_name: name,
  owner_account_sid: owner,
  sid,
  status: 'active',
  subresource_uris: {},
  type: 'Full',
  uri: `/2010-04-01/Accounts/${sid}.json`,
});
const number = (accountSid: string, sid = NUMBER) => ({
  sid,
  account_sid: accountSid,
  phone_number: '+15125550100',
  friendly_name: '(512) 555-0100',
  capabilities: { sms: true, voice: true, mms: true },
  bundle_sid: null,
});
const accountsPage = (accounts: unknown[], next: string | null) => json(200, { accounts, next_page_uri: next, page: 0, page_size: 2 });

function client(script: ScriptedAnswer[], extra: Partial<MasterClientOptions> = {}) {
  const fake = scriptedFetch(...script);
  const master = createMasterClient({ sid: MASTER, token: MASTER_TOKEN, fetch: fake.fetch, retry: { delayMs: () => 0 }, ...extra });
  return { master, seen: fake.seen };
}

/** Neither token, nor the Basic header made from the master's. */
const expectNoSecret = (error: TwilioApiError<any>) => expectNoSecretOf(error, [MASTER_TOKEN, SUB_TOKEN, BASIC.slice(6)]);

describe('requests', () => {
  it("sends the master's Basic auth, no cache, no cookies, no redirects, to api.twilio.com", async () => {
    const { master, seen } = client([json(200, account(MASTER, MASTER, 'Agency Master', MASTER_TOKEN))]);
    await master.fetchAccount();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url.href).toBe(`https://api.twilio.com/2010-04-01/Accounts/${MASTER}.json`);
    expect(seen[0]!.headers.get('authorization')).toBe(BASIC);
    expect(seen[0]!).toMatchObject({ method: 'GET', cache: 'no-store', credentials: 'omit', redirect: 'error' });
  });

  it.each([
    [{ sid: `SK${'a'.repeat(32)}`, token: MASTER_TOKEN }, /sid is not an Account SID/],
    [{ sid: MASTER, token: 'not-a-token' }, /token is not an Auth Token/],
  ])('refuses options that are not credentials, without echoing them', (values, message) => {
    expect(() => createMasterClient(values)).toThrow(message);
    expect(() => createMasterClient(values)).not.toThrow(/not-a-token/);
  });
});

describe('fetchAccount', () => {
  it('says whether these are a master’s credentials, and drops the token Twilio sends', async () => {
    const { master } = client([json(200, account(MASTER, MASTER, 'Agency Master', MASTER_TOKEN))]);
    const own = await master.fetchAccount();
    expect(own).toMatchObject({ sid: MASTER, ownerAccountSid: MASTER, friendlyName: 'Agency Master', isSubaccount: false });
    expect(JSON.stringify(own)).not.toContain(MASTER_TOKEN);
  });

  it("tells a sub-account's pair (isSubaccount)", async () => {
    const { master } = client([json(200, account(MASTER, STRANGER, 'Not a master', MASTER_TOKEN))]);
    expect((await master.fetchAccount()).isSubaccount).toBe(true);
  });
});

describe('listSubaccounts', () => {
  it('follows next_page_uri to the end and keeps only this master’s sub-accounts, without tokens', async () => {
    const next1 = `/2010-04-01/Accounts.json?PageSize=2&Page=1&PageToken=PA${SUB}`;
    const next2 = `/2010-04-01/Accounts.json?PageSize=2&Page=2&PageToken=PA${OTHER_SUB}`;
    const { master, seen } = client([
      accountsPage([account(MASTER, MASTER, 'Agency Master', MASTER_TOKEN), account(SUB, MASTER, 'Austin')], next1),
      accountsPage([account(OTHER_SUB, MASTER, 'Dallas'), account(STRANGER, STRANGER, 'Someone else')], next2),
      accountsPage([], null),
    ], { pageSize: 2 });
    const subs = await master.listSubaccounts();
    expect(subs.map((s) => [s.sid, s.friendlyName, s.isSubaccount])).toEqual([
      [SUB, 'Austin', true],
      [OTHER_SUB, 'Dallas', true],
    ]);
    expect(JSON.stringify(subs)).not.toContain(SUB_TOKEN);
    expect(seen.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/2010-04-01/Accounts.json?PageSize=2',
      next1,
      next2,
    ]);
    expect(seen.every((r) => r.url.origin === 'https://api.twilio.com' && r.headers.get('authorization') === BASIC)).toBe(true);
  });

  it('sends the FriendlyName and Status filters on the first page, as Twilio keeps them in its page URIs', async () => {
    const { master, seen } = client([accountsPage([account(SUB, MASTER, 'Acme Dental - Austin')], null)]);
    await master.listSubaccounts({ friendlyName: 'Acme Dental - Austin', status: 'active' });
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ FriendlyName: 'Acme Dental - Austin', Status: 'active', PageSize: '200' });
  });

  it('stops after maxPages rather than answer with part of the list', async () => {
    const endless = (page: number) => accountsPage([account(SUB, MASTER, 'x')], `/2010-04-01/Accounts.json?Page=${page}`);
    const { master, seen } = client([endless(1), endless(2), endless(3)], { maxPages: 2 });
    const error = await failure(master.listSubaccounts());
    expect(error).toMatchObject({ code: 'unexpected', operation: 'list-subaccounts' });
    expect(error.detail).toMatch(/more than 2 pages/);
    expect(seen).toHaveLength(2);
  });

  it.each([
    ['another host', 'https://elsewhere.example/2010-04-01/Accounts.json?Page=1'],
    ['a protocol-relative URI', '//elsewhere.example/2010-04-01/Accounts.json?Page=1'],
    ['another list', `/2010-04-01/Accounts/${SUB}/Calls.json?Page=1`],
  ])('does not follow a next page on %s', async (_, next) => {
    const { master, seen } = client([accountsPage([], next)]);
    const error = await failure(master.listSubaccounts());
    expect(error).toMatchObject({ code: 'parse', operation: 'list-subaccounts' });
    expect(seen).toHaveLength(1);
  });

  it('does not read the same page twice', async () => {
    const loop = '/2010-04-01/Accounts.json?Page=1&PageToken=PAx';
    const { master, seen } = client([accountsPage([], loop), accountsPage([], loop)]);
    expect((await failure(master.listSubaccounts())).detail).toMatch(/already read/);
    expect(seen).toHaveLength(2);
  });

  it('retries a page answered 503 or lost, and a 429', async () => {
    const { master, seen } = client([
      twilioError(503, 20503, 'Service Unavailable'),
      'network',
      twilioError(429, 20429, 'Too Many Requests'),
      accountsPage([account(SUB, MASTER, 'Austin')], null),
    ]);
    expect(await master.listSubaccounts()).toHaveLength(1);
    expect(seen).toHaveLength(4);
  });
});

describe('fetchSubaccountCredentials', () => {
  it("returns the sub-account's token, fetched with the master's credentials", async () => {
    const { master, seen } = client([json(200, account(SUB, MASTER, 'Acme Dental - Austin'))]);
    expect(await master.fetchSubaccountCredentials(SUB)).toEqual({
      sid: SUB,
      ownerAccountSid: MASTER,
      friendlyName: 'Acme Dental - Austin',
      status: 'active',
      authToken: SUB_TOKEN,
    });
    expect(seen[0]!.url.pathname).toBe(`/2010-04-01/Accounts/${SUB}.json`);
    expect(seen[0]!.headers.get('authorization')).toBe(BASIC);
  });

  it.each([
    ['about another account', account(OTHER_SUB, MASTER, 'x')],
    ['of another master', account(SUB, STRANGER, 'x')],
    ['without a token (an API-key answer)', { ...account(SUB, MASTER, 'x'), auth_token: null }],
    ['with a token that is not one', { ...account(SUB, MASTER, 'x'), auth_token: 'short' }],
  ])('refuses an answer %s, without the token in the error', async (_, body) => {
    const { master } = client([json(200, body)]);
    const error = await failure(master.fetchSubaccountCredentials(SUB));
    expect(error).toMatchObject({ code: 'parse', operation: 'fetch-subaccount' });
    expectNoSecret(error);
  });

  it('refuses the master’s own SID and a malformed SID before any request', async () => {
    const { master, seen } = client([]);
    await expect(master.fetchSubaccountCredentials(MASTER)).rejects.toThrow(TypeError);
    await expect(master.fetchSubaccountCredentials('AC123/../x')).rejects.toThrow(/not an Account SID/);
    expect(seen).toHaveLength(0);
  });

  it('a sub-account of another master: 20003 as Twilio answers, no token anywhere', async () => {
    const { master } = client([twilioError(401, 20003, 'Authenticate')]);
    const error = await failure(master.fetchSubaccountCredentials(SUB));
    expect(error).toMatchObject({ code: 20003, status: 401, operation: 'fetch-subaccount', transient: false });
    expectNoSecret(error);
  });
});

describe('createSubaccount', () => {
  it('posts the name and returns the new sub-account with its token', async () => {
    const { master, seen } = client([json(201, account(SUB, MASTER, 'Acme Dental - Houston'))]);
    const created = await master.createSubaccount('Acme Dental - Houston');
    expect(created).toMatchObject({ sid: SUB, ownerAccountSid: MASTER, friendlyName: 'Acme Dental - Houston', authToken: SUB_TOKEN });
    expect(seen[0]).toMatchObject({ method: 'POST', body: 'FriendlyName=Acme+Dental+-+Houston' });
    expect(seen[0]!.url.pathname).toBe('/2010-04-01/Accounts.json');
    expect(seen[0]!.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it.each([
    ['503', twilioError(503, 20503, 'Service Unavailable'), 20503],
    ['a lost connection', 'network' as const, 'network'],
  ])('is not repeated after %s: the sub-account may exist already', async (_, answer, code) => {
    const { master, seen } = client([answer]);
    const error = await failure(master.createSubaccount('Acme Dental - Houston'));
    expect(error).toMatchObject({ code, operation: 'create-subaccount', transient: true });
    expect(seen).toHaveLength(1);
  });

  it('is repeated after a 429, which Twilio never processed', async () => {
    const { master, seen } = client([twilioError(429, 20429, 'Too Many Requests'), json(201, account(SUB, MASTER, 'x'))]);
    await master.createSubaccount('x');
    expect(seen).toHaveLength(2);
  });

  it('says Twilio’s reason for a refusal (21480)', async () => {
    const { master } = client([twilioError(400, 21480, 'Reached maximum number of subaccounts')]);
    const error = await failure(master.createSubaccount('One Too Many'));
    expect(error).toMatchObject({ code: 21480, status: 400, detail: 'Reached maximum number of subaccounts', moreInfo: 'https://www.twilio.com/docs/errors/21480' });
  });

  it('refuses an empty name before any request', async () => {
    const { master, seen } = client([]);
    await expect(master.createSubaccount('  ')).rejects.toThrow(/needs a name/);
    expect(seen).toHaveLength(0);
  });
});

describe('listIncomingNumbers', () => {
  it("lists a sub-account's numbers with the master's credentials, all pages, without tokens", async () => {
    const next = `/2010-04-01/Accounts/${SUB}/IncomingPhoneNumbers.json?PageSize=1&Page=1&PageToken=PA${NUMBER}`;
    const second = `PN${'f'.repeat(32)}`;
    const { master, seen } = client(
      [
        json(200, { incoming_phone_numbers: [number(SUB)], next_page_uri: next, auth_token: MASTER_TOKEN }),
        json(200, { incoming_phone_numbers: [number(SUB, second)], next_page_uri: null }),
      ],
      { pageSize: 1 },
    );
    const numbers = await master.listIncomingNumbers(SUB);
    expect(numbers.map((n) => [n.sid, n.accountSid, n.phoneNumber])).toEqual([
      [NUMBER, SUB, '+15125550100'],
      [second, SUB, '+15125550100'],
    ]);
    expect(seen.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([`/2010-04-01/Accounts/${SUB}/IncomingPhoneNumbers.json?PageSize=1`, next]);
    expect(seen.every((r) => r.headers.get('authorization') === BASIC)).toBe(true);
    expect(JSON.stringify(numbers)).not.toContain(MASTER_TOKEN);
  });

  it('refuses a list that holds a number of another account', async () => {
    const { master } = client([json(200, { incoming_phone_numbers: [number(OTHER_SUB)], next_page_uri: null })]);
    expect(await failure(master.listIncomingNumbers(SUB))).toMatchObject({ code: 'parse', operation: 'list-numbers' });
  });
});

describe('transferNumber', () => {
  it('posts AccountSid=to on the number under its current account', async () => {
    const { master, seen } = client([json(200, number(SUB))]);
    const moved = await master.transferNumber(NUMBER, MASTER, SUB);
    expect(moved).toMatchObject({ sid: NUMBER, accountSid: SUB });
    expect(seen[0]).toMatchObject({ method: 'POST', body: `AccountSid=${SUB}` });
    expect(seen[0]!.url.pathname).toBe(`/2010-04-01/Accounts/${MASTER}/IncomingPhoneNumbers/${NUMBER}.json`);
  });

  it.each([
    [21712, 'Phone Number or Short Code is associated with another Messaging Service.'],
    [21649, 'Phone Number Requires a Bundle'],
    [21474, 'API user must be the parent account to transfer phone numbers.'],
  ])('carries Twilio’s own code and words when it refuses (%i), asking once', async (code, message) => {
    const { master, seen } = client([twilioError(400, code, message)]);
    const error = await failure(master.transferNumber(NUMBER, MASTER, SUB));
    expect(error).toMatchObject({ code, status: 400, detail: message, moreInfo: `https://www.twilio.com/docs/errors/${code}`, operation: 'transfer-number', transient: false });
    expect(seen).toHaveLength(1);
    expectNoSecret(error);
  });

  it('is not repeated after a 503 or a lost connection', async () => {
    for (const answer of [twilioError(503, 20503, 'Service Unavailable'), 'network' as const]) {
      const { master, seen } = client([answer]);
      await failure(master.transferNumber(NUMBER, MASTER, SUB));
      expect(seen).toHaveLength(1);
    }
  });

  it('refuses an answer that does not show the number in the target account', async () => {
    const { master } = client([json(200, number(MASTER))]);
    expect(await failure(master.transferNumber(NUMBER, MASTER, SUB))).toMatchObject({ code: 'parse', operation: 'transfer-number' });
  });

  it.each([
    ['a number SID that is not one', () => ['PN123', MASTER, SUB]],
    ['a malformed account SID', () => [NUMBER, MASTER, 'ACxyz']],
    ['the same account twice', () => [NUMBER, SUB, SUB]],
  ])('refuses %s before any request', async (_, args) => {
    const { master, seen } = client([]);
    const [pn, from, to] = args();
    await expect(master.transferNumber(pn!, from!, to!)).rejects.toThrow(TypeError);
    expect(seen).toHaveLength(0);
  });
});

describe('failures carry data only', () => {
  it.each([
    ['a wrong master token', twilioError(401, 20003, 'Authenticate'), 20003],
    ['a timeout-free lost connection, after the retries', 'network' as const, 'network'],
    ['an HTML page', () => new Response('<html>portal</html>', { status: 200 }), 'parse'],
  ])('%s', async (_, answer, code) => {
    const { master } = client([answer, answer, answer, answer], { retry: { limit: 3, delayMs: () => 0 } });
    const error = await failure(master.listSubaccounts());
    expect(error.code).toBe(code);
    expectNoSecret(error);
  });

  it('does not expose the token on the client object', () => {
    const { master } = client([]);
    expect(JSON.stringify(master)).not.toContain(MASTER_TOKEN);
    expect(Object.values(master).join(' ')).not.toContain(MASTER_TOKEN);
  });
});
