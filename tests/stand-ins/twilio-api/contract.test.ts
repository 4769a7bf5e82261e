import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkValue,
  declaredParameters,
  documentedStatuses,
  responseSchema,
  type OpenApiDocument,
  type Schema,
} from './openapi-check';
import { credentialsOf, rawClient, type RawCall } from './raw-client';
import { startTwilioApi, type TwilioApiStandIn, type TwilioHost } from './server';

/**
 * The stand-in's success responses against Twilio's own OpenAPI specs (the extracts in
 * tests/fixtures/twilio-oai/, see SOURCE.md there): every declared property present with the
 * declared type (null only where the spec allows it), nothing undeclared, and only parameters the
 * spec declares in the requests the stand-in understands.
 */
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/twilio-oai/${name}`, import.meta.url), 'utf8')) as OpenApiDocument;
const SPECS: Record<TwilioHost, OpenApiDocument> = {
  'api.twilio.com': fixture('twilio_api_v2010.subset.json'),
  'accounts.twilio.com': fixture('twilio_accounts_v1.subset.json'),
};
const spec = SPECS['api.twilio.com'];

let api: TwilioApiStandIn;
const calls = {} as Record<TwilioHost, ReturnType<typeof rawClient>>;

beforeAll(async () => {
  api = await startTwilioApi({ seed: { masterPhoneNumbers: ['+15125550100', '+15125550101'] } });
  calls['api.twilio.com'] = rawClient(api);
  calls['accounts.twilio.com'] = rawClient(api, 'accounts.twilio.com');
});
afterAll(() => api.close());

interface Case {
  name: string;
  /** api.twilio.com unless said. */
  host?: TwilioHost;
  specPath: string;
  method: 'get' | 'post' | 'delete';
  status: number;
  request: () => RawCall;
  /** What the body must show besides conforming, so a case cannot pass on an empty list. */
  expectBody?: (body: any) => void;
}

const master = () => credentialsOf(api.state.master);
const firstSub = () => api.state.listSubaccounts(api.state.master.sid)[0]!;
const secondSub = () => api.state.listSubaccounts(api.state.master.sid)[1]!;

/** The transfer of the parent's first number to a sub-account, with the parent's credentials. */
function moveFirstNumberOfTheParent(name: string, target: () => { sid: string }): Case {
  return {
    name,
    specPath: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json',
    method: 'post',
    status: 200,
    request: () => {
      const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
      return {
        method: 'POST',
        path: `/2010-04-01/Accounts/${api.state.master.sid}/IncomingPhoneNumbers/${number.sid}.json`,
        auth: master(),
        form: { AccountSid: target().sid },
      };
    },
    expectBody: (body) => expect(body.account_sid).toBe(target().sid),
  };
}

const cases: Case[] = [
  {
    name: 'create a sub-account',
    specPath: '/2010-04-01/Accounts.json',
    method: 'post',
    status: 201,
    request: () => ({ method: 'POST', path: '/2010-04-01/Accounts.json', auth: master(), form: { FriendlyName: 'Acme Dental - Austin' } }),
    expectBody: (body) => expect(body.friendly_name).toBe('Acme Dental - Austin'),
  },
  {
    name: 'create a second sub-account',
    specPath: '/2010-04-01/Accounts.json',
    method: 'post',
    status: 201,
    request: () => ({ method: 'POST', path: '/2010-04-01/Accounts.json', auth: master(), form: { FriendlyName: 'Acme Dental - Dallas' } }),
  },
  {
    name: 'fetch the master account',
    specPath: '/2010-04-01/Accounts/{Sid}.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${api.state.master.sid}.json`, auth: master() }),
  },
  {
    name: 'fetch a sub-account with its own credentials',
    specPath: '/2010-04-01/Accounts/{Sid}.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${firstSub().sid}.json`, auth: credentialsOf(firstSub()) }),
    expectBody: (body) => expect(body.owner_account_sid).toBe(api.state.master.sid),
  },
  {
    name: "fetch a sub-account with its parent's credentials (its auth_token included)",
    specPath: '/2010-04-01/Accounts/{Sid}.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${firstSub().sid}.json`, auth: master() }),
    expectBody: (body) => expect(body.auth_token).toBe(firstSub().authToken),
  },
  {
    name: 'list accounts, first page of three',
    specPath: '/2010-04-01/Accounts.json',
    method: 'get',
    status: 200,
    request: () => ({ path: '/2010-04-01/Accounts.json', auth: master(), query: { PageSize: '1' } }),
    expectBody: (body) => {
      expect(body.accounts).toHaveLength(1);
      expect(body.next_page_uri).toEqual(expect.any(String));
    },
  },
  {
    name: 'list accounts, a later page through PageToken',
    specPath: '/2010-04-01/Accounts.json',
    method: 'get',
    status: 200,
    request: () => ({
      path: '/2010-04-01/Accounts.json',
      auth: master(),
      query: { PageSize: '1', Page: '1', PageToken: `PA${api.state.master.sid}` },
    }),
    expectBody: (body) => {
      expect(body.accounts.map((a: any) => a.sid)).toEqual([firstSub().sid]);
      expect(body.previous_page_uri).toEqual(expect.any(String));
      expect(body.next_page_uri).toEqual(expect.any(String));
    },
  },
  {
    name: 'list accounts by FriendlyName and Status',
    specPath: '/2010-04-01/Accounts.json',
    method: 'get',
    status: 200,
    request: () => ({
      path: '/2010-04-01/Accounts.json',
      auth: master(),
      query: { FriendlyName: 'Acme Dental - Austin', Status: 'active' },
    }),
    expectBody: (body) => expect(body.accounts).toHaveLength(1),
  },
  {
    name: 'list incoming phone numbers',
    specPath: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${api.state.master.sid}/IncomingPhoneNumbers.json`, auth: master() }),
    expectBody: (body) => expect(body.incoming_phone_numbers).toHaveLength(2),
  },
  {
    name: 'fetch an incoming phone number',
    specPath: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json',
    method: 'get',
    status: 200,
    request: () => {
      const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
      return { path: `/2010-04-01/Accounts/${api.state.master.sid}/IncomingPhoneNumbers/${number.sid}.json`, auth: master() };
    },
  },
  moveFirstNumberOfTheParent('move an incoming phone number to a sub-account', firstSub),
  moveFirstNumberOfTheParent('move the other number of the parent to the second sub-account', secondSub),
  {
    name: 'list the incoming phone numbers of a sub-account with its parent\'s credentials',
    specPath: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${secondSub().sid}/IncomingPhoneNumbers.json`, auth: master() }),
    expectBody: (body) => expect(body.incoming_phone_numbers).toHaveLength(1),
  },
  {
    name: 'create a secondary auth token (as the sub-account)',
    host: 'accounts.twilio.com',
    specPath: '/v1/AuthTokens/Secondary',
    method: 'post',
    status: 201,
    request: () => ({ method: 'POST', path: '/v1/AuthTokens/Secondary', auth: credentialsOf(secondSub()) }),
    expectBody: (body) => expect(body.secondary_auth_token).toBe(api.state.secondaryToken(secondSub().sid)!.token),
  },
  {
    name: 'delete the secondary auth token',
    host: 'accounts.twilio.com',
    specPath: '/v1/AuthTokens/Secondary',
    method: 'delete',
    status: 204,
    request: () => ({ method: 'DELETE', path: '/v1/AuthTokens/Secondary', auth: credentialsOf(secondSub()) }),
    expectBody: (body) => expect(body).toBeNull(),
  },
  {
    name: 'create another secondary auth token',
    host: 'accounts.twilio.com',
    specPath: '/v1/AuthTokens/Secondary',
    method: 'post',
    status: 201,
    request: () => ({ method: 'POST', path: '/v1/AuthTokens/Secondary', auth: credentialsOf(secondSub()) }),
  },
  {
    name: 'promote the secondary auth token',
    host: 'accounts.twilio.com',
    specPath: '/v1/AuthTokens/Promote',
    method: 'post',
    status: 200,
    request: () => ({ method: 'POST', path: '/v1/AuthTokens/Promote', auth: credentialsOf(secondSub()) }),
    expectBody: (body) => expect(body.auth_token).toBe(secondSub().authToken),
  },
  {
    name: 'send a message with live credentials',
    specPath: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
    method: 'post',
    status: 201,
    request: () => ({
      method: 'POST',
      path: `/2010-04-01/Accounts/${firstSub().sid}/Messages.json`,
      auth: credentialsOf(firstSub()),
      form: { To: '+15125550199', From: '+15125550100', Body: 'Twilio Handoff test message' },
    }),
  },
  {
    name: 'send a message with test credentials',
    specPath: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
    method: 'post',
    status: 201,
    request: () => {
      const test = api.state.testCredentials(api.state.master.sid);
      return {
        method: 'POST',
        path: `/2010-04-01/Accounts/${test.sid}/Messages.json`,
        auth: { sid: test.sid, token: test.token },
        form: { To: '+15125550199', From: '+15005550006', Body: 'hello' },
      };
    },
  },
  {
    name: 'list messages',
    specPath: '/2010-04-01/Accounts/{AccountSid}/Messages.json',
    method: 'get',
    status: 200,
    request: () => ({ path: `/2010-04-01/Accounts/${firstSub().sid}/Messages.json`, auth: credentialsOf(firstSub()) }),
    expectBody: (body) => expect(body.messages).toHaveLength(1),
  },
  {
    name: 'suspend a sub-account',
    specPath: '/2010-04-01/Accounts/{Sid}.json',
    method: 'post',
    status: 200,
    request: () => ({ method: 'POST', path: `/2010-04-01/Accounts/${firstSub().sid}.json`, auth: master(), form: { Status: 'suspended' } }),
    expectBody: (body) => expect(body.status).toBe('suspended'),
  },
];

describe('stand-in responses conform to twilio_api_v2010 and twilio_accounts_v1', () => {
  // In order: later cases use what earlier ones created (the sub-accounts, the moved numbers, the secondary token).
  for (const testCase of cases) {
    const host = testCase.host ?? 'api.twilio.com';
    it(`${testCase.method.toUpperCase()} ${host}${testCase.specPath}: ${testCase.name}`, async () => {
      const doc = SPECS[host];
      const request = testCase.request();
      const used = [...Object.keys(request.query ?? {}), ...Object.keys(request.form ?? {})];
      const declared = declaredParameters(doc, testCase.specPath, testCase.method);
      expect(used.filter((name) => !declared.has(name))).toEqual([]);

      const answer = await calls[host](request);
      expect(answer.status, JSON.stringify(answer.body)).toBe(testCase.status);
      expect(documentedStatuses(doc, testCase.specPath, testCase.method)).toContain(testCase.status);
      // A documented answer without content (204) must come without a body.
      if (answer.status !== 204) {
        const schema = responseSchema(doc, testCase.specPath, testCase.method, testCase.status);
        expect(checkValue(doc, schema, answer.body)).toEqual([]);
      }
      testCase.expectBody?.(answer.body);
    });
  }
});

describe('the schema checker', () => {
  const account = { $ref: '#/components/schemas/api.v2010.account' };
  const valid = () => ({
    auth_token: null,
    date_created: 'Thu, 30 Jul 2015 20:00:00 +0000',
    date_updated: null,
    friendly_name: 'x',
    owner_account_sid: `AC${'a'.repeat(32)}`,
    sid: `AC${'a'.repeat(32)}`,
    status: 'active',
    subresource_uris: { calls: '/2010-04-01/Accounts/x/Calls.json' },
    type: 'Full',
    uri: '/x.json',
  });
  const problemsOf = (value: unknown, schema: Schema = account) => checkValue(spec, schema, value).map((p) => `${p.at} ${p.problem}`);

  it('accepts a conforming account, nulls where the spec allows them', () => {
    expect(problemsOf(valid())).toEqual([]);
  });

  it.each([
    ['a missing property', (v: any) => delete v.uri, '$.uri is missing'],
    ['an undeclared property', (v: any) => (v.secret = 'x'), '$.secret is not declared by the spec'],
    ['a wrong type', (v: any) => (v.friendly_name = 42), '$.friendly_name is number, expected string'],
    ['null where not nullable', (v: any) => (v.status = null), '$.status is null, but the spec does not allow null'],
    ['a value outside the enum', (v: any) => (v.type = 'Gold'), '$.type "Gold" is not one of ["Trial","Full"]'],
    ['a SID breaking the pattern', (v: any) => (v.sid = `SK${'a'.repeat(32)}`), `$.sid "SK${'a'.repeat(32)}" does not match ^AC[0-9a-fA-F]{32}$`],
    ['an ISO date', (v: any) => (v.date_created = '2015-07-30T20:00:00Z'), '$.date_created "2015-07-30T20:00:00Z" is not an RFC 2822 date'],
  ])('reports %s', (_, mutate, expected) => {
    const value = valid();
    mutate(value);
    expect(problemsOf(value)).toContain(expected);
  });

  it('holds date-time (accounts v1) to RFC 3339 UTC', () => {
    const accounts = SPECS['accounts.twilio.com'];
    const secondary = { $ref: '#/components/schemas/accounts.v1.secondary_auth_token' };
    const value = {
      account_sid: `AC${'a'.repeat(32)}`,
      date_created: '2015-07-31T04:00:00Z',
      date_updated: 'Thu, 30 Jul 2015 20:00:00 +0000',
      secondary_auth_token: 'b'.repeat(32),
      url: 'https://accounts.twilio.com/v1/AuthTokens/Secondary',
    };
    expect(checkValue(accounts, secondary, value).map((p) => `${p.at} ${p.problem}`)).toEqual([
      '$.date_updated "Thu, 30 Jul 2015 20:00:00 +0000" is not an RFC 3339 UTC date-time',
    ]);
  });

  it('refuses keywords it does not understand instead of passing them', () => {
    expect(problemsOf('x', { type: 'string', oneOf: [] })).toContain('$ checker does not support keyword "oneOf"');
  });
});
