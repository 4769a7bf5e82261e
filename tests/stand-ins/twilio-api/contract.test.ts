import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkValue,
  declaredParameters,
  responseSchema,
  type OpenApiDocument,
  type Schema,
} from './openapi-check';
import { credentialsOf, rawClient, type RawCall } from './raw-client';
import { startTwilioApi, type TwilioApiStandIn } from './server';

/**
 * The stand-in's success responses against Twilio's own OpenAPI spec (the extract in
 * tests/fixtures/twilio-oai/, see SOURCE.md there): every declared property present with the
 * declared type (null only where the spec allows it), nothing undeclared, and only parameters the
 * spec declares in the requests the stand-in understands.
 */
const spec = JSON.parse(
  readFileSync(new URL('../../fixtures/twilio-oai/twilio_api_v2010.subset.json', import.meta.url), 'utf8'),
) as OpenApiDocument;

let api: TwilioApiStandIn;
let call: ReturnType<typeof rawClient>;

beforeAll(async () => {
  api = await startTwilioApi({ seed: { masterPhoneNumbers: ['+15125550100', '+15125550101'] } });
  call = rawClient(api);
});
afterAll(() => api.close());

interface Case {
  name: string;
  specPath: string;
  method: 'get' | 'post';
  status: number;
  request: () => RawCall;
  /** What the body must show besides conforming, so a case cannot pass on an empty list. */
  expectBody?: (body: any) => void;
}

const master = () => credentialsOf(api.state.master);
const firstSub = () => api.state.listSubaccounts(api.state.master.sid)[0]!;

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
    name: 'list accounts, first page of two',
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
  {
    name: 'move an incoming phone number to a sub-account',
    specPath: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json',
    method: 'post',
    status: 200,
    request: () => {
      const number = api.state.listPhoneNumbers(api.state.master.sid)[0]!;
      return {
        method: 'POST',
        path: `/2010-04-01/Accounts/${api.state.master.sid}/IncomingPhoneNumbers/${number.sid}.json`,
        auth: master(),
        form: { AccountSid: firstSub().sid },
      };
    },
    expectBody: (body) => expect(body.account_sid).toBe(firstSub().sid),
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

describe('stand-in responses conform to twilio_api_v2010', () => {
  // In order: later cases use what earlier ones created (the sub-account, the moved number).
  for (const testCase of cases) {
    it(`${testCase.method.toUpperCase()} ${testCase.specPath}: ${testCase.name}`, async () => {
      const request = testCase.request();
      const used = [...Object.keys(request.query ?? {}), ...Object.keys(request.form ?? {})];
      const declared = declaredParameters(spec, testCase.specPath, testCase.method);
      expect(used.filter((name) => !declared.has(name))).toEqual([]);

      const answer = await call(request);
      expect(answer.status, JSON.stringify(answer.body)).toBe(testCase.status);
      const schema = responseSchema(spec, testCase.specPath, testCase.method, testCase.status);
      expect(checkValue(spec, schema, answer.body)).toEqual([]);
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

  it('refuses keywords it does not understand instead of passing them', () => {
    expect(problemsOf('x', { type: 'string', oneOf: [] })).toContain('$ checker does not support keyword "oneOf"');
  });
});
